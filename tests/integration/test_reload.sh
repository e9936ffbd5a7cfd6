#!/usr/bin/env bash
# Reloading the configuration while `congvan serve` runs (SIGHUP, which is
# systemctl reload), on a real Dovecot + OpenSMTPD: the signal ends IMAP
# IDLE at once; a file with a mistake in it (bad syntax, a holiday file
# that is not there, another database) is refused with the reason in the
# log and serve goes on as before, its feed still answering; a good file
# is used: the feed moves to its new address and a rule added to the file
# assigns the next letter.  SIGTERM still stops serve with status 0.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
DATA="$T_ROOT/tests/data/integration"

serve_setup reload
for u in tttn truong.tttn; do
	stack_ctl adduser "$u" >/dev/null || t_fail "add-user $u"
done

free_port() {
	"$T_PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
PORT_A=$(free_port)
PORT_B=$(free_port)
CONF="$WORK/congvan.conf"
LOG="$WORK/serve.err"
# conf FILE PORT [EXTRA]: the service with a long poll (IDLE does the
# waiting), the shared directory, the feed on PORT and EXTRA after it
conf() {
	congvan_conf "$1" "$WORK/congvan.db" "mailbox.poll_interval=600"
	directory_conf "$1"
	printf '\n[feed]\nlisten = 127.0.0.1:%s\n%s\n' "$2" "${3:-}" >>"$1"
}
# feed_code PORT: the HTTP status of a made-up feed, 000 when nothing listens
feed_code() {
	curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
		"http://127.0.0.1:$1/feed/0000000000000000.ics"
}
# hup: signals serve and returns how long the reload took to be logged
HUPS=0
hup() {
	HUPS=$((HUPS + 1))
	kill -HUP "$SPID"
	log_wait "reloading '" "$HUPS" 10
}

conf "$CONF" "$PORT_A"
"$CONGVAN" -c "$CONF" serve 2>"$LOG" &
SPID=$!
log_wait "serving mailbox" 1 30 || t_fail "serve did not start"
# The first cycle has run and serve waits in IDLE.
log_wait "feed: serving" 1 10
sleep 2

t_begin "a SIGHUP ends the wait for mail at once"
start=$(date +%s%N)
hup || t_fail "no reload in the log after SIGHUP"
ms=$((($(date +%s%N) - start) / 1000000))
assert_ge 3000 "$ms" "the reload began within 3 s of the signal (poll_interval is 600 s)"
log_wait "reloaded '" 1 10 || t_fail "the unchanged file was not reloaded"
t_ok "serve still runs" kill -0 "$SPID"
t_end

t_begin "a file with a mistake is refused, and serve goes on as before"
cp "$CONF" "$WORK/good.conf"
printf '\n[unit BROKEN\nname = x\n' >>"$CONF"
hup || t_fail "no reload after the second SIGHUP"
log_wait "still running as before" 1 10 || t_fail "the broken file was not refused"
assert_contains "$(grep 'still running as before' "$LOG" | tail -1)" "$CONF" "the refusal names the file"
conf "$CONF" "$PORT_A" "$(printf '\n[calendar]\nholidays = %s/nowhere.txt' "$WORK")"
hup || t_fail "no reload after the third SIGHUP"
log_wait "still running as before" 2 10 || t_fail "a missing holiday file was not refused"
assert_contains "$(grep 'still running as before' "$LOG" | tail -1)" "nowhere.txt" "the refusal names the missing holiday file"
congvan_conf "$CONF" "$WORK/congvan.db" "service.database=$WORK/other.db"
hup || t_fail "no reload after the fourth SIGHUP"
log_wait "still running as before" 3 10 || t_fail "another database was not refused"
assert_contains "$(grep 'still running as before' "$LOG" | tail -1)" "needs a restart" "another database needs a restart"
t_ok "serve still runs" kill -0 "$SPID"
assert_eq 404 "$(feed_code "$PORT_A")" "the feed still answers where it did"
assert_eq 1 "$(grep -c "reloaded '" "$LOG")" "none of them was reloaded"
t_ok "no other database was made" test ! -e "$WORK/other.db"
t_end

t_begin "a good file is used: the feed moves and a new rule assigns the next letter"
conf "$CONF" "$PORT_B" "$(printf '\n[rule province]\nfrom = *@laocai.example\nlead = TTTN\ndays = 5')"
hup || t_fail "no reload after the fifth SIGHUP"
log_wait "reloaded '" 2 10 || t_fail "the good file was not reloaded"
assert_eq 404 "$(feed_code "$PORT_B")" "the feed answers at its new address"
assert_eq 000 "$(feed_code "$PORT_A")" "and no longer at the old one"
maildir_inject congvan "$DATA/letter-province.eml"
# The injected letter arrives while serve waits in IDLE.
for ((i = 0; i < 300; i++)); do
	lead=$(q "SELECT lead FROM items WHERE subject LIKE '%xúc tiến%'" 2>/dev/null)
	[ -n "$lead" ] && break
	sleep 0.1
done
assert_eq TTTN "$lead" "the letter went to the unit the new rule names"
mail_wait_count tttn 1 30 || t_fail "TTTN got no assignment"
t_end

t_begin "SIGTERM after reloads still stops serve with status 0"
kill -TERM "$SPID"
wait "$SPID"
assert_eq 0 "$?" "serve exits 0"
SPID=
assert_eq "" "$(grep -v 'still running as before' "$LOG" | grep -i 'error\|warn')" "the reloads logged no error beyond the refusals"
t_end

t_summary
