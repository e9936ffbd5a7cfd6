#!/usr/bin/env bash
# More notices than one SMTP session takes, on the real stack: OpenSMTPD
# answers 452 to the 101st message of a session; the outbox reconnects
# and sends the rest in the same flush, each notice exactly once, instead
# of putting one in a hundred off for a minute.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
NOW=2026-01-05T07:30:00+07:00

stack_start || { echo "cannot start the mail stack"; echo "0 passed, 1 failed"; exit 1; }
WORK=$(mktemp -d /tmp/congvan-it.XXXXXX)
chmod 755 "$WORK"
trap 'stack_stop; rm -rf "$WORK"' EXIT
CONF="$WORK/congvan.conf"
congvan_conf "$CONF" "$WORK/congvan.db"

t_begin "a morning's mail: more than 100 letters for the Office"
# Letters from ministries and provinces as gen-corpus.py writes them
# (Vietnamese letters, replies, auto-replies, bounces), into the mailbox.
"$T_PY" "$T_ROOT/contrib/gen-corpus.py" "$WORK/corpus" 150 --seed 7 >/dev/null ||
	t_fail "gen-corpus.py"
maildir_inject congvan "$WORK/corpus"
assert_eq 150 "$(mail_count congvan)" "150 messages in the shared mailbox"
run_at "$NOW"
assert_eq 0 $? "run --once exit status"
queued=$(q "SELECT COUNT(*) FROM outbox")
assert_ge "$queued" 101 "more notices queued than one session takes"

t_begin "every notice goes out in the same flush, once"
assert_eq "sent $queued" "$(q "SELECT status, COUNT(*) FROM outbox GROUP BY status" | tr '|' ' ')" \
	"all sent, none put off"
assert_eq 1 "$(q "SELECT MAX(attempts) FROM outbox")" "no notice needed a second attempt"
log=$(cat "$WORK/run.log")
assert_contains "$log" "452 after 100 messages on one connection; reconnecting" \
	"the session limit was met and a new connection opened"
assert_contains "$log" "outbox: $queued sent, 0 waiting, 0 failed" "the outbox summary"
smtp_queue_empty 60 || t_fail "OpenSMTPD still holds mail"
mail_wait_count vanthu "$queued" 60 || t_fail "the Office did not receive every notice"
assert_eq "$queued" "$(mail_count vanthu)" "the Office has each notice exactly once"

t_begin "a second run sends nothing again"
run_at 2026-01-05T07:40:00+07:00
assert_eq 0 $? "second run exit status"
smtp_queue_empty 30 || t_fail "OpenSMTPD still holds mail"
assert_eq "$queued" "$(mail_count vanthu)" "no notice twice"

t_summary
