#!/usr/bin/env bash
# Intake to outbox on a real Dovecot + OpenSMTPD: letters become items, the
# Office gets one notice each, automatic mail creates nothing, the outbox
# survives an SMTP outage, a SIGKILL in the middle of a 500-message intake
# loses and duplicates nothing, serve follows the mailbox (IDLE) and stops
# cleanly, and bad settings (tls, password) fail clearly.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
DATA="$T_ROOT/tests/data/integration"
NOW=2026-11-27T09:00:00+07:00
LATER=2026-11-27T11:00:00+07:00

stack_start || { echo "cannot start the mail stack"; echo "0 passed, 1 failed"; exit 1; }
WORK=$(mktemp -d /tmp/congvan-it.XXXXXX)
chmod 755 "$WORK"
trap 'stack_stop; rm -rf "$WORK"' EXIT

# write_config FILE MAILBOX_USER PASSWORD DATABASE SMTP_PORT
write_config() {
	congvan_conf "$1" "$4" "mailbox.user=$2" "mailbox.password=$3" \
		"mailbox.poll_interval=5" "smtp.url=smtp://127.0.0.1:$5"
}

CONF="$WORK/congvan.conf"
write_config "$CONF" congvan@congvan.test "$PASSWORD" "$WORK/congvan.db" "$SMTP_PORT"
items() { cv list 2>/dev/null | grep -c '^CV-' || true; }

t_begin "check-config accepts the test configuration"
out=$(cv check-config 2>&1)
assert_eq 0 $? "check-config exit status"
assert_contains "$out" "ok" "check-config says ok"

t_begin "letters delivered over SMTP become items"
for f in letter-seed letter-mof letter-province; do
	mail_send sender@congvan.test congvan@congvan.test "$DATA/$f.eml" ||
		t_fail "mail_send $f"
done
mail_wait_count congvan 3 30 || t_fail "the three letters did not arrive"
cv run --once --now "$NOW" 2>"$WORK/run1.err"
assert_eq 0 $? "run --once exit status"
list=$(cv list)
assert_eq 3 "$(items)" "three items"
assert_contains "$list" "CV-2026-000001" "first arrival number"
assert_contains "$list" "CV-2026-000003" "third arrival number"
assert_contains "$list" "Công điện số 280/CĐ-TTg" "decoded subject of the seed letter"
# OpenSMTPD may deliver the three in any order: find the Ministry's.
k=$(printf '%s\n' "$list" | grep -F 'vanthu@mof.example' | cut -f1)
show=$(cv show "${k:-none}")
assert_contains "$show" "registered" "timeline has the registration"
assert_contains "$show" "vanthu@mof.example" "sender recorded"
flags=$(mail_flags congvan 1)
assert_contains "$flags" "CongvanRegistered" "committed messages are flagged on the server"
assert_not_contains "$flags" "Seen" "intake does not mark mail as read"

t_begin "letter metadata is stored, and the same letter again is flagged"
seed=$(cv list | grep 'Công điện số 280' | cut -f1)
show=$(cv show "$seed")
assert_contains "$show" "2536/BCT-VP" "the seed letter's number, spaces repaired"
assert_contains "$show" "2023-04-27" "its date"
assert_contains "$show" "Nguyễn Hồng Diên" "its signer"
assert_contains "$show" "addressed:    Các đơn vị thuộc Bộ" "its addressees as text, not JSON"
mof=$(cv list | grep 'dự toán ngân sách' | cut -f1)
assert_contains "$(cv show "$mof")" "2026-12-10" "the deadline the letter states"
atts=$(sqlite3 "$WORK/congvan.db" "SELECT COUNT(*) FROM attachments")
assert_eq 0 "$atts" "plain letters have no attachments"

t_begin "the Office receives one notice per item"
mail_wait_count vanthu 3 30 || t_fail "notices did not arrive"
assert_eq 3 "$(mail_count vanthu)" "three notices"
notice=$(mail_fetch vanthu 1)
assert_contains "$notice" "Auto-Submitted: auto-generated" "notice is marked automatic"
assert_contains "$notice" "X-Auto-Response-Suppress: All" "notice suppresses auto-replies"
assert_contains "$(printf '%s\n' "$notice" | grep -A1 '^Message-ID:' | tr -d '\r\n\t ')" "Message-ID:<cv." \
	"notice has our Message-ID (128 random bits and our mark: long, so it may be folded)"
assert_contains "$notice" "@congvan.test>" "Message-ID in our domain"
subjects=$(for u in $(mail_uids vanthu); do mail_fetch vanthu "$u" |
	/usr/bin/python3 -c 'import sys,email,email.header as h; m=email.message_from_binary_file(sys.stdin.buffer); print(str(h.make_header(h.decode_header(m["Subject"]))))'; done)
assert_contains "$subjects" "[CV-2026-000001]" "subject tag of item 1"
assert_contains "$subjects" "[CV-2026-000003]" "subject tag of item 3"
assert_contains "$subjects" "Vào sổ văn bản đến" "Vietnamese template"

t_begin "a second run registers nothing new"
cv run --once --now "$NOW" 2>/dev/null
assert_eq 0 $? "second run exit status"
assert_eq 3 "$(items)" "still three items"
sleep 1
assert_eq 3 "$(mail_count vanthu)" "still three notices"

t_begin "an auto-reply and a bounce create no item and get no answer"
mail_send b.nguyen@congvan.test congvan@congvan.test "$DATA/auto-reply.eml" || t_fail "send auto-reply"
mail_send "" congvan@congvan.test "$DATA/bounce.eml" || t_fail "send bounce"
mail_wait_count congvan 5 30 || t_fail "automatic mail did not arrive"
cv run --once --now "$NOW" 2>/dev/null
assert_eq 0 $? "run exit status"
assert_eq 3 "$(items)" "no new item"
smtp_queue_empty 10
sleep 1
assert_eq 3 "$(mail_count vanthu)" "no new notice"
kinds=$(sqlite3 "$WORK/congvan.db" "SELECT kind FROM messages ORDER BY id" | tr '\n' ' ')
assert_contains "$kinds" "auto" "auto-reply stored as auto"
assert_contains "$kinds" "bounce" "bounce stored as bounce"

t_begin "notices wait in the outbox while SMTP is down"
stack_ctl smtp-stop
sed 's/cv-1204-btc-khtc/cv-1205-btc-khtc/' "$DATA/letter-mof.eml" >"$WORK/l4.eml"
maildir_inject congvan "$WORK/l4.eml"
cv run --once --now "$NOW" 2>"$WORK/down.err"
assert_eq 4 "$(items)" "the letter is registered while SMTP is down"
pending=$(sqlite3 "$WORK/congvan.db" "SELECT COUNT(*) FROM outbox WHERE status='pending'")
assert_eq 1 "$pending" "its notice waits in the outbox"
stack_ctl smtp-start
cv run --once --now "$LATER" 2>/dev/null
assert_eq 0 $? "run after SMTP is back"
mail_wait_count vanthu 4 30 || t_fail "the waiting notice was not delivered"
assert_eq 4 "$(mail_count vanthu)" "four notices, none twice"
pending=$(sqlite3 "$WORK/congvan.db" "SELECT COUNT(*) FROM outbox WHERE status='pending'")
assert_eq 0 "$pending" "outbox empty"

t_begin "the same letter again, or a new UIDVALIDITY, registers nothing twice"
before=$(items)
mail_send sender@congvan.test congvan@congvan.test "$DATA/letter-seed.eml" || t_fail "resend"
mail_wait_count congvan 7 30 || t_fail "the resent letter did not arrive"
cv run --once --now "$LATER" 2>/dev/null
assert_eq "$before" "$(items)" "a resent Message-ID is not registered again"
$DOVEADM mailbox update -u congvan@congvan.test --uid-validity 4242 INBOX ||
	t_fail "doveadm could not change UIDVALIDITY"
sed 's/cv-1204-btc-khtc/cv-after-uidvalidity/' "$DATA/letter-mof.eml" >"$WORK/uv.eml"
maildir_inject congvan "$WORK/uv.eml"
cv run --once --now "$LATER" 2>"$WORK/uv.err"
assert_eq 0 $? "run after the UIDVALIDITY change"
assert_eq $((before + 1)) "$(items)" "only the new letter is registered"
assert_contains "$(cat "$WORK/uv.err")" "UIDVALIDITY changed" "the change is logged"
ev=$(sqlite3 "$WORK/congvan.db" "SELECT COUNT(*) FROM events WHERE kind = 'uidvalidity-changed'")
assert_eq 1 "$ev" "the change is in the audit trail"
uv=$(sqlite3 "$WORK/congvan.db" "SELECT uidvalidity FROM mailbox_sync")
assert_eq 4242 "$uv" "the new UIDVALIDITY is remembered"
sed 's/2536-BCT-VP.20230427@moit.example/copy-of-2536@other.example/' "$DATA/letter-seed.eml" >"$WORK/dup.eml"
maildir_inject congvan "$WORK/dup.eml"
cv run --once --now "$LATER" 2>"$WORK/dup.err"
assert_eq $((before + 2)) "$(items)" "the same letter under another Message-ID is registered"
dup=$(cv list | tail -n 1 | cut -f1)
assert_contains "$(cv show "$dup")" "duplicate of: $(cv list | grep 'Công điện số 280' | head -n 1 | cut -f1)" "and flagged as a duplicate"
assert_contains "$(cat "$WORK/dup.err")" "same letter" "the duplicate is logged"

t_begin "a permanent SMTP failure is recorded, not retried"
congvan_conf "$WORK/perm.conf" "$WORK/perm.db" "mailbox.user=phapche@congvan.test" \
	"service.office=nobody@elsewhere.example"
maildir_inject phapche "$DATA/letter-province.eml"
"$CONGVAN" -c "$WORK/perm.conf" run --once --now "$NOW" 2>"$WORK/perm.err"
failed=$(sqlite3 "$WORK/perm.db" "SELECT COUNT(*) FROM outbox WHERE status = 'failed'")
assert_eq 1 "$failed" "the notice is marked failed"
assert_contains "$(cat "$WORK/perm.err")" "failed for good" "the failure is reported"
show=$("$CONGVAN" -c "$WORK/perm.conf" show CV-2026-000001)
assert_contains "$show" "mail-failed" "the failure is on the item's timeline"
"$CONGVAN" -c "$WORK/perm.conf" run --once --now "$LATER" 2>"$WORK/perm2.err"
attempts=$(sqlite3 "$WORK/perm.db" "SELECT attempts FROM outbox")
assert_eq 1 "$attempts" "it is not tried again"

t_begin "SIGKILL during a 500-message intake loses and duplicates nothing"
mkdir -p "$WORK/bulk"
# About 300 KB each, like a letter with a scan: three batches' worth (a
# batch closes at 64 MB, src/intake/intake.c), so that the second run too
# is killed between two.
filler=$(head -c 225000 /dev/urandom | base64 -w 76 | sed 's/$/\r/')
for i in $(seq -w 1 500); do
	printf 'From: sender%s@example.org\r\nTo: khtc@congvan.test\r\nSubject: =?UTF-8?B?%s?=\r\nMessage-ID: <bulk-%s@example.org>\r\nDate: Wed, 25 Nov 2026 09:00:00 +0700\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSố: %s/BCT-VP\r\n--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\n--b--\r\n' \
		"$i" "$(printf 'V/v công văn số %s' "$i" | base64 -w0)" "$i" "$i" "$filler" >"$WORK/bulk/$i.eml"
done
maildir_inject khtc "$WORK/bulk"
write_config "$WORK/kill.conf" khtc@congvan.test "$PASSWORD" "$WORK/kill.db" 1
kcv() { "$CONGVAN" -c "$WORK/kill.conf" "$@"; }
kcount() { kcv list 2>/dev/null | grep -c '^CV-' || true; }
# kill_midway: start a run and SIGKILL it as soon as a batch has been
# committed, so it dies with the rest of the mailbox still to fetch.
kill_midway() {
	local before n
	before=$(kcount)
	# Not through kcv: $! must be congvan itself, not a subshell.
	"$CONGVAN" -c "$WORK/kill.conf" run --once --now "$NOW" 2>/dev/null &
	local pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		n=$(sqlite3 "$WORK/kill.db" "SELECT COUNT(*) FROM items" 2>/dev/null || echo 0)
		if [ "${n:-0}" -gt "$before" ]; then
			kill -9 "$pid" 2>/dev/null
			break
		fi
		sleep 0.01
	done
	wait "$pid" 2>/dev/null
	kcount
}
first=$(kill_midway)
second=$(kill_midway)
echo "  killed at $first items, then again at $second items"
assert_ge "$first" 1 "the first run committed a batch before it was killed"
assert_ge 499 "$second" "the second run was killed before the end"
kcv run --once --now "$NOW" 2>/dev/null
kcv run --once --now "$NOW" 2>/dev/null
assert_eq 500 "$(kcount)" "exactly 500 items"
dups=$(sqlite3 "$WORK/kill.db" "SELECT COUNT(*) FROM (SELECT m.message_id FROM items JOIN messages m ON m.id = items.message_id GROUP BY m.message_id HAVING COUNT(*) > 1)")
assert_eq 0 "$dups" "no message registered twice"
notices=$(sqlite3 "$WORK/kill.db" "SELECT COUNT(*) FROM outbox")
assert_eq 500 "$notices" "exactly one queued notice per item"
last=$(sqlite3 "$WORK/kill.db" "SELECT MAX(arrival_no) FROM items")
assert_eq 500 "$last" "arrival numbers are consecutive"
kept=$(sqlite3 "$WORK/kill.db" "SELECT COUNT(*) FROM messages m JOIN blobs b ON b.sha256 = m.sha256")
assert_eq 500 "$kept" "every raw message is kept"
packed=$(sqlite3 "$WORK/kill.db" "SELECT COALESCE(MAX(offset + size), 0) FROM blobs")
assert_ge "$(stat -c %s "$WORK/kill.db.raw/pack-000001")" "$packed" "the pack holds every recorded byte"

t_begin "the server's process dies in the middle of a FETCH: the run ends, the next one goes on"
# Dovecot restarted or its process killed mid-fetch: libetpan's parser
# used to wait for the rest of the message forever, reading a closed
# socket at 100 % of a core (src/mail/stream_guard.c).
maildir_inject tochuc "$WORK/bulk"
write_config "$WORK/drop.conf" tochuc@congvan.test "$PASSWORD" "$WORK/drop.db" 1
dcount() { sqlite3 "$WORK/drop.db" "SELECT COUNT(*) FROM items" 2>/dev/null || echo 0; }
"$CONGVAN" -c "$WORK/drop.conf" run --once --now "$NOW" 2>"$WORK/drop.err" &
dpid=$!
killed=
while kill -0 "$dpid" 2>/dev/null; do
	if [ "$(dcount)" -gt 0 ]; then
		# the imap process serving this stack's port: congvan's session
		for p in $(ss -tnpH "( sport = :$IMAP_PORT )" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
			kill -9 "$p" && killed=yes
		done
		break
	fi
	sleep 0.01
done
# 60 s: the run ends at once; a hung one is killed, and fails below
for ((i = 0; i < 600; i++)); do kill -0 "$dpid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$dpid" 2>/dev/null; then
	t_fail "the run still runs 60 s after the server's process died"
	kill -9 "$dpid"
fi
wait "$dpid"
rc=$?
first=$(dcount)
echo "  the server's process killed at $first items"
assert_eq yes "$killed" "the server's process was killed in the middle of the intake"
assert_eq 75 "$rc" "the run ends with EX_TEMPFAIL"
assert_contains "$(cat "$WORK/drop.err")" "connection failed or was closed" "and says why"
assert_ge 499 "$first" "before the end of the mailbox"
"$CONGVAN" -c "$WORK/drop.conf" run --once --now "$NOW" 2>/dev/null
assert_eq "500 500 500" "$(sqlite3 "$WORK/drop.db" "SELECT COUNT(*), COUNT(DISTINCT message_id),
	MAX(arrival_no) FROM items" | tr '|' ' ')" "the next run registers the rest, none twice"

t_begin "serve picks up new mail, survives an IMAP restart, stops on SIGTERM"
base=$(items)
"$CONGVAN" -c "$CONF" serve 2>"$WORK/serve.err" &
spid=$!
sed 's/cv-1204-btc-khtc/cv-serve-1@x/' "$DATA/letter-mof.eml" >"$WORK/s1.eml"
mail_send sender@congvan.test congvan@congvan.test "$WORK/s1.eml" || t_fail "send s1"
waited=0
until [ "$(items)" -ge $((base + 1)) ] || [ $waited -ge 30 ]; do sleep 0.5; waited=$((waited + 1)); done
assert_eq $((base + 1)) "$(items)" "serve registered the new letter"
grep -q "IDLE\|serving" "$WORK/serve.err"; assert_eq 0 $? "serve logged that it runs"
stack_ctl imap-stop >/dev/null
sleep 2
stack_ctl imap-start >/dev/null
sed 's/cv-1204-btc-khtc/cv-serve-2@x/' "$DATA/letter-mof.eml" >"$WORK/s2.eml"
mail_send sender@congvan.test congvan@congvan.test "$WORK/s2.eml" || t_fail "send s2"
waited=0
until [ "$(items)" -ge $((base + 2)) ] || [ $waited -ge 90 ]; do sleep 0.5; waited=$((waited + 1)); done
assert_eq $((base + 2)) "$(items)" "serve reconnected after the IMAP restart"
kill -TERM "$spid"
waited=0
while kill -0 "$spid" 2>/dev/null && [ $waited -lt 40 ]; do sleep 0.25; waited=$((waited + 1)); done
t_notok "serve exited after SIGTERM" kill -0 "$spid" 2>/dev/null
wait "$spid"
assert_eq 0 $? "serve exit status after SIGTERM"
assert_contains "$(cat "$WORK/serve.err")" "stopping" "serve said it stops"

t_begin "tls = yes refuses a server that offers no STARTTLS"
congvan_conf "$WORK/tls.conf" "$WORK/tls.db" mailbox.tls=yes
err=$("$CONGVAN" -c "$WORK/tls.conf" run --once 2>&1)
assert_eq 77 "$?" "exit status EX_NOPERM"
assert_contains "$err" "does not offer STARTTLS" "the error says why"

# Last: Dovecot delays logins from an address after a failed one.
t_begin "a wrong IMAP password fails clearly"
write_config "$WORK/bad.conf" congvan@congvan.test wrong "$WORK/bad.db" "$SMTP_PORT"
err=$("$CONGVAN" -c "$WORK/bad.conf" run --once 2>&1)
rc=$?
assert_eq 77 "$rc" "exit status EX_NOPERM"
assert_contains "$err" "login" "the error says the login failed"
assert_contains "$err" "127.0.0.1:$IMAP_PORT" "the error names the server"
assert_not_contains "$err" "wrong" "the password is not printed"

t_summary
