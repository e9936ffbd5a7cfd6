#!/usr/bin/env bash
# make bench: intake end-to-end (fetch, store, register, commit) into a
# fresh database, beside two references on the same mailbox in the same
# run: a bare IMAP fetch that keeps nothing, and mbsync copying it to a
# local Maildir.  Also peak memory at two mailbox sizes, to show it stays
# flat; start-up CPU beside git's (contrib/bench-startup.sh); and OCR
# accuracy and speed over generated scans (contrib/gen-scans.py,
# contrib/bench-ocr.py).  Environment: BENCH_COUNT (default 5000),
# BENCH_RUNS (default 3), BENCH_SCANS (letters rendered as scans, default
# 20, each in 6 variants; 0 skips OCR).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
COUNT=${BENCH_COUNT:-5000}
SMALL=$((COUNT / 5))
RUNS=${BENCH_RUNS:-3}
SCANS=${BENCH_SCANS:-20}
. tests/lib.sh

stack_start >/dev/null
W=$(mktemp -d /tmp/congvan-bench.XXXXXX)
chmod 755 "$W"
trap '[ -n "${BENCH_KEEP:-}" ] || { stack_stop >/dev/null 2>&1; rm -rf "$W"; }' EXIT

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
	"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(uname -sr)"
echo "== corpus: $COUNT messages (a fifth with 100-300 KB PDFs)"
/usr/bin/python3 contrib/gen-corpus.py "$W/corpus" "$COUNT" --seed 1 --to congvan@congvan.test | tail -1
maildir_inject congvan "$W/corpus"
mkdir -p "$W/small"
files=("$W"/corpus/*.eml)
cp "${files[@]:0:SMALL}" "$W/small/"
maildir_inject khtc "$W/small"

echo "== references (same mailbox, same run)"
contrib/bench-refs.sh "$MAILSTACK_DIR" congvan@congvan.test

# conf USER: SMTP points nowhere, so the outbox only queues.
conf() {
	congvan_conf "$W/$1.conf" "$W/$1.db" "mailbox.user=$1@congvan.test" \
		"smtp.url=smtp://127.0.0.1:1"
}

# intake USER: one timed run into a fresh database; prints "SECONDS KB".
intake() {
	rm -rf "$W/$1".db*
	/usr/bin/time -f '%e %M' -o "$W/time" ./congvan -c "$W/$1.conf" \
		run --once --now 2026-11-27T09:00:00+07:00 2>"$W/run.err" || true
	local n
	n=$(sqlite3 "$W/$1.db" 'SELECT COUNT(*) FROM messages')
	[ "$n" -gt 0 ] || { cat "$W/run.err" >&2; exit 1; }
	echo "$(cat "$W/time") $n"
}

conf congvan
conf khtc
echo "== congvan run --once (intake into a fresh database), $RUNS runs"
best=
for i in $(seq "$RUNS"); do
	read -r secs kb n < <(intake congvan)
	echo "congvan: $secs s, $kb KB max RSS, $n messages stored"
	if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN {exit !(a < b)}'; then
		best=$secs
	fi
	big_kb=$kb
done
read -r ssecs skb sn < <(intake khtc)
echo "congvan on $sn messages: $ssecs s, $skb KB max RSS"
echo "== parse + classify + extract on one core (the same corpus, in memory)"
build/default/bench_parse "$W/corpus" 3
echo "== start-up: CPU per start, beside git (same run)"
contrib/bench-startup.sh 300
if [ "$SCANS" -gt 0 ]; then
	echo "== OCR: $SCANS generated letters as scans (6 variants each), read by congvan inspect"
	/usr/bin/python3 contrib/gen-scans.py "$W/scans" "$SCANS" --seed 11
	/usr/bin/python3 contrib/bench-ocr.py ./congvan "$W/scans"
fi
echo "== summary"
echo "congvan best of $RUNS: $best s for $COUNT messages;" \
	"peak RSS $skb KB at $sn messages, $big_kb KB at $COUNT messages"
