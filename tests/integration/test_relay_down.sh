#!/usr/bin/env bash
# `congvan serve` while its mail server cannot be reached, on a real
# Dovecot + OpenSMTPD: letters keep being registered and their notices
# queued; the server is tried once, then not again until its back-off
# has passed (a minute at first), and the mail due meanwhile is left as
# it is (no write for each mail of a backlog, every retry; the mail
# tried, which the server never saw, too).  A reload (SIGHUP) that names
# a working server tries it at once: every notice goes out, once.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"

serve_setup relay
stack_ctl adduser vanthu >/dev/null || t_fail "add-user vanthu"

# A port nothing listens on: bound, its number taken, then closed.
DOWN=$("$T_PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
CONF="$WORK/congvan.conf"
LOG="$WORK/serve.err"
congvan_conf "$CONF" "$WORK/congvan.db" "mailbox.poll_interval=600" \
	"smtp.url=smtp://127.0.0.1:$DOWN"

# items_wait N: N items registered, within 30 s
items_wait() {
	local i
	for ((i = 0; i < 300; i++)); do
		[ "$(q "SELECT COUNT(*) FROM items" 2>/dev/null)" = "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

mof_letters 3 "$WORK/letters"
"$CONGVAN" -c "$CONF" serve 2>"$LOG" &
SPID=$!
log_wait "serving mailbox" 1 30 || t_fail "serve did not start"
sleep 1

t_begin "the server is tried once, then left alone for its back-off"
deliver vanthu@mof.gov.vn "$WORK/letters/001.eml"
items_wait 1 || t_fail "the first letter was not registered"
log_wait "mail server unusable, trying again in 60 s" 1 20 ||
	t_fail "no back-off in the log"
for n in 2 3; do
	deliver vanthu@mof.gov.vn "$WORK/letters/00$n.eml"
	items_wait "$n" || t_fail "letter $n was not registered"
done
sleep 2
assert_eq 3 "$(q "SELECT COUNT(*) FROM outbox WHERE status = 'pending'")" \
	"three notices wait"
assert_eq 1 "$(grep -c "Couldn't connect" "$LOG")" \
	"one connection tried: the later letters came within the back-off"
assert_eq "0 3" "$(q "SELECT SUM(attempts), SUM(next_attempt_at <= strftime('%s', 'now'))
	FROM outbox" | tr '|' ' ')" \
	"no notice counts a try: a server that never answered was given none; all three stay due"
t_ok "serve still runs" kill -0 "$SPID"

t_begin "a reload naming a working server sends the mail waiting at once"
sed -i "s|^url = smtp://127.0.0.1:$DOWN|url = smtp://127.0.0.1:$SMTP_PORT|" "$CONF"
grep -q "^url = smtp://127.0.0.1:$SMTP_PORT" "$CONF" || t_fail "the file was not changed"
start=$(date +%s)
kill -HUP "$SPID"
log_wait "reloaded '" 1 10 || t_fail "no reload"
mail_wait_count vanthu 3 20 || t_fail "the notices did not arrive"
assert_ge 20 $(($(date +%s) - start)) "within 20 s of the reload, not at the back-off's end"
assert_eq "sent 3" "$(q "SELECT status, COUNT(*) FROM outbox GROUP BY status" | tr '|' ' ')" \
	"all three sent, the one tried during the outage too"
smtp_queue_empty 30 || t_fail "OpenSMTPD still holds mail"
assert_eq 3 "$(mail_count vanthu)" "each notice once"

kill -TERM "$SPID"
wait "$SPID"
assert_eq 0 "$?" "serve stops on SIGTERM"
SPID=
t_summary
