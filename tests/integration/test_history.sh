#!/usr/bin/env bash
# Recorded histories: two databases written by congvan 0.1.0 (schema 7,
# before events carried typed data), taken at the end of test_workflow.sh
# and test_report.sh (raw messages and mail bodies dropped).  Opening them
# migrates their event log forward; the quarterly figures, the audit
# trail and an item's timeline must come out exactly as that version
# printed them (tests/data/history/*.out).  No mail server is needed.
#   HISTORY_PIN=1 rewrites the .out files: only for a deliberate change of
#   what the report says, in its own commit.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
DATA="$T_ROOT/tests/data/history"
WORK=$(mktemp -d /tmp/congvan-hist.XXXXXX)
trap '[ -n "${T_KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT

# open NAME: a copy of the database and its configuration, pointing at it.
open_history() {
	cp "$DATA/$1.db" "$WORK/$1.db"
	sed -e "s|^database = .*|database = $WORK/$1.db|" \
		-e "s|^secret_file = .*|secret_file = $WORK/$1.secret|" \
		"$DATA/$1.conf" >"$WORK/$1.conf"
	CONF="$WORK/$1.conf"
}

# check NAME WHAT ARGS...: the output of congvan ARGS against NAME-WHAT.out.
check() {
	local name=$1 what=$2 out
	shift 2
	out=$(cv "$@" 2>"$WORK/err") || { t_fail "$what: exit $?" "$(cat "$WORK/err")"; return; }
	if [ -n "${HISTORY_PIN:-}" ]; then
		printf '%s\n' "$out" >"$DATA/$name-$what.out"
	fi
	if [ "$out" == "$(cat "$DATA/$name-$what.out")" ]; then
		t_pass "$what"
	else
		t_fail "$what" "$(diff <(printf '%s\n' "$out") "$DATA/$name-$what.out" | head -20)"
	fi
}

t_begin "the workflow's history: reports of 2026Q4, 2027Q1 and part of January"
open_history wf
check wf 2026Q4 report --quarter 2026Q4 --format csv --now 2027-04-01T08:00:00+07:00
check wf 2027Q1 report --quarter 2027Q1 --format csv --now 2027-04-01T08:00:00+07:00
check wf jan report --from 2027-01-01 --to 2027-01-15 --format csv --now 2027-04-01T08:00:00+07:00
check wf text report --quarter 2027Q1 --now 2027-04-01T08:00:00+07:00
check wf audit audit
for k in $(sqlite3 "$WORK/wf.db" "SELECT key FROM items ORDER BY id"); do
	check wf "show-$k" show "$k"
done

t_begin "the report's history: its quarter, the one before and after"
open_history rep
check rep 2026Q4 report --quarter 2026Q4 --format csv --now 2027-07-01T08:00:00+07:00
check rep 2027Q1 report --quarter 2027Q1 --format csv --now 2027-07-01T08:00:00+07:00
check rep 2027Q2 report --quarter 2027Q2 --format csv --now 2027-07-01T08:00:00+07:00
check rep feb report --from 2027-02-01 --to 2027-03-10 --format csv --now 2027-07-01T08:00:00+07:00
check rep audit audit

t_summary
