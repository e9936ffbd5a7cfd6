#!/usr/bin/env bash
# What the mail server refuses, on the real stack, OpenSMTPD refusing at
# each phase of a session (contrib/mailstack.sh smtp-refuse):
# - a recipient it does not know (550 at RCPT) does not keep the notice
#   from the unit's other addresses: they get it, the refusal is recorded;
# - a recipient refused for now (452 at RCPT) gets the notice later, alone;
# - a refusal before the message (its greeting, our sender at MAIL FROM,
#   or at RCPT TO as Postfix refuses it) fails no mail: every notice
#   waits, untried, for the server to be back;
# - a server closing the connection on the message (421) puts that one
#   off; the rest waits;
# - every recipient refused for good (550) fails the notice, each address
#   recorded on the item;
# - a letter larger than the server takes (552/5.3.4) leaves the notice
#   without the letter attached, with a note in its place;
# - the message's content refused for good (554 after the data) fails
#   that notice, with the server's words;
# - a bounce that comes later (a delivery report in the mailbox) records
#   the failed address on the item of the mail it returns, when that mail
#   had it;
# - the Office is told by mail (mail_failed), in the next cycle, once per
#   item, of every address a notice did not reach, never of its own
#   address (no loop), and not of what an upgraded database had failed.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
D=congvan.test

serve_setup refusals
# The head of the finance unit (truong.tc) has no mailbox: the server
# refuses that address at RCPT, as a real one refuses a departed person's.
CONF="$WORK/congvan.conf"
congvan_conf "$CONF" "$WORK/congvan.db"
directory_conf "$CONF"

# letter N: a letter from the Ministry of Industry's clerk, the finance
# rule's sender (lead TC), delivered to the service mailbox
letter() {
	sed -e 's/vanthu@mof\.gov\.vn/vanthu@moit.example/' \
		"$WORK/letters/$(printf '%03d' "$1").eml" >"$WORK/l$1.eml"
	deliver vanthu@moit.example "$WORK/l$1.eml"
}
# refuse PHASE DECISION [RCPT]: OpenSMTPD restarted refusing so, once its
# queue is empty (stopped in the middle of a delivery, it would deliver
# that message again)
refuse() {
	smtp_queue_empty 30 || t_fail "OpenSMTPD still holds mail"
	stack_ctl smtp-refuse "$@" >/dev/null || t_fail "smtp-refuse $*"
}
# rows STATUS: how many notices have that status
rows() { q "SELECT COUNT(*) FROM outbox WHERE status = '$1'"; }
failed_events() { q "SELECT COUNT(*) FROM events WHERE kind = 'mail-failed'"; }
# notices [ITEM]: the notices to the Office of mail undelivered (about ITEM)
notices() { q "SELECT COUNT(*) FROM outbox WHERE kind = 'mail_failed' ${1:+AND item_id = $1}"; }
# office_mail ITEM: the last notice to the Office about ITEM as its mailbox
# holds it (waited for): Subject, To and the plain text, decoded
office_mail() {
	local id uid= i
	id=$(q "SELECT message_id FROM outbox WHERE kind = 'mail_failed' AND item_id = $1
		ORDER BY id DESC LIMIT 1")
	[ -n "$id" ] || return 1
	for ((i = 0; i < 150; i++)); do
		uid=$(mail_search vanthu "HEADER Message-ID \"$id\"") && [ -n "$uid" ] && break
		sleep 0.2
	done
	[ -n "$uid" ] || return 1
	mail_fetch vanthu "$uid" | /usr/bin/python3 -c '
import sys, email, email.policy
m = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
print("Subject:", m["Subject"])
print("To:", m["To"])
print("\n".join(p.get_content() for p in m.walk()
                if p.get_content_type() == "text/plain").replace("\r\n", "\n"))'
}

mof_letters 8 "$WORK/letters"
day=5

t_begin "a recipient the server does not know: the others get the notice"
letter 1
run_at "2026-01-0${day}T08:00:00+07:00"
assert_eq 0 $? "run --once exit status"
tc=$(q "SELECT rcpt FROM outbox WHERE rcpt LIKE '%khtc@%' ORDER BY id LIMIT 1")
assert_contains "$tc" "truong.tc@$D" "the lead unit's notice is also for its head"
assert_eq 0 "$(rows failed)" "no notice failed"
assert_eq 0 "$(rows pending)" "none waits"
mail_wait_count khtc 1 30 || t_fail "the unit's address did not receive the notice"
assert_eq 1 "$(mail_count khtc)" "the unit has its notice"
assert_eq "truong.tc@$D" "$(q "SELECT json_extract(data, '$.address') FROM events
	WHERE kind = 'mail-failed'")" "the refusal is recorded for that address"
assert_contains "$(q "SELECT detail FROM events WHERE kind = 'mail-failed'")" \
	"550 Invalid recipient" "with the server's words"
assert_contains "$(cat "$WORK/run.log")" "to 'truong.tc@$D' refused: 550" "and logged"

t_begin "the Office is told in the next cycle, once, that the head did not get it"
key1=$(q "SELECT key FROM items WHERE id = 1")
assert_eq 0 "$(notices)" "(not in the cycle that failed it: the flush comes last)"
run_at "2026-01-0${day}T08:30:00+07:00"
assert_eq 0 $? "run --once exit status"
assert_eq 1 "$(notices 1)" "one notice about the item"
assert_eq "vanthu@$D|sent" "$(q "SELECT rcpt, status FROM outbox WHERE kind = 'mail_failed'")" \
	"to the Office alone, sent"
assert_eq "vanthu@$D" "$(q "SELECT json_extract(data, '$.address') FROM events
	WHERE kind = 'mail-queued' AND json_extract(data, '$.template') = 'mail_failed'
	AND item_id = 1")" "the item records that the Office was told"
m=$(office_mail 1) || t_fail "the Office did not receive the notice"
assert_contains "$m" "Subject: [$key1] Thư thông báo không đến được người nhận: báo cáo" \
	"the subject tag threads it with the item, in Vietnamese"
assert_contains "$m" "- truong.tc@$D (Thủ trưởng Vụ Tài chính):
  550 Invalid recipient" "it names the address, whose it is and the server's words"
assert_contains "$m" "Đơn vị chủ trì:    Vụ Tài chính" "and the lead unit"
assert_contains "$m" "Số, ký hiệu:       1201/BTC-NSNN" "and the letter's number"
assert_contains "$m" "Đề nghị Văn phòng kiểm tra địa chỉ" "and what to do"
assert_not_contains "$m" "khtc@$D" "not the address that got it"
run_at "2026-01-0${day}T08:40:00+07:00"
assert_eq 1 "$(notices)" "a further cycle tells nothing more"

t_begin "the server refuses our sender: no notice fails, all wait untried"
letter 2
refuse mail-from 'reject "553 5.7.1 Sender address not owned by user"'
run_at "2026-01-0${day}T09:00:00+07:00"
assert_eq 75 $? "run --once says the server cannot be used now (EX_TEMPFAIL)"
assert_eq 0 "$(rows failed)" "no notice failed"
assert_ge "$(rows pending)" 1 "the new notices wait"
assert_eq 0 "$(q "SELECT COALESCE(SUM(attempts), 0) FROM outbox WHERE status = 'pending'")" \
	"none counts a try: the server refused before any message"
assert_contains "$(cat "$WORK/run.log")" \
	"MAIL FROM refused: 553 5.7.1 Sender address not owned by user" \
	"the log says what the server said, and where"
assert_eq 1 "$(failed_events)" "no failure recorded for them"

t_begin "the server refuses the session at its greeting: the same"
refuse connect 'disconnect "554 5.7.1 No SMTP service here"'
run_at "2026-01-0${day}T09:10:00+07:00"
assert_eq 75 $? "run --once exit status"
assert_eq 0 "$(rows failed)" "no notice failed"
assert_eq 0 "$(q "SELECT COALESCE(SUM(attempts), 0) FROM outbox WHERE status = 'pending'")" \
	"none counts a try"
assert_contains "$(cat "$WORK/run.log")" "greeting refused: 554 5.7.1 No SMTP service here" \
	"the log says so"

t_begin "the server refuses our sender at RCPT TO, as Postfix does: the same"
# Postfix judges the sender when the recipients come (smtpd_delay_reject):
# a login not allowed our address (smtpd_sender_login_maps) is refused at
# every RCPT TO, with an answer that names the sender.
refuse rcpt-to 'reject "553 5.7.1 <congvan@congvan.test>: Sender address rejected: not owned by user congvan"'
run_at "2026-01-0${day}T09:15:00+07:00"
assert_eq 75 $? "run --once exit status"
assert_eq 0 "$(rows failed)" "no notice failed"
assert_eq 1 "$(failed_events)" "no address recorded as refused"
assert_eq 0 "$(q "SELECT COALESCE(SUM(attempts), 0) FROM outbox WHERE status = 'pending'")" \
	"none counts a try"
assert_contains "$(cat "$WORK/run.log")" \
	"RCPT TO refused: 553 5.7.1 <congvan@congvan.test>: Sender address rejected" "the log says so"

t_begin "the server back: the waiting notices go, once"
refuse none
waiting=$(rows pending)
run_at "2026-01-0${day}T09:20:00+07:00"
assert_eq 0 $? "run --once exit status"
assert_eq 0 "$(rows pending)" "none waits"
assert_eq 0 "$(rows failed)" "none failed"
mail_wait_count khtc 2 30 || t_fail "the unit did not receive the second notice"
smtp_queue_empty 30 || t_fail "OpenSMTPD still holds mail"
assert_eq 2 "$(mail_count khtc)" "the unit has each notice once"
assert_ge "$waiting" 1 "(there were notices waiting)"

t_begin "the server closes the connection on a message: that one is put off, the rest waits"
letter 3
refuse data 'disconnect "421 4.3.0 Service shutting down"'
run_at "2026-01-0${day}T10:00:00+07:00"
assert_eq 75 $? "run --once exit status"
assert_eq 0 "$(rows failed)" "no notice failed"
assert_eq "1 1" "$(q "SELECT COUNT(*), MAX(attempts) FROM outbox WHERE attempts > 0 AND status = 'pending'" | tr '|' ' ')" \
	"the one the server was given counts a try"
assert_eq 1 "$(q "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND attempts = 1
	AND next_attempt_at > strftime('%s', '2026-01-0${day}T03:00:00')")" "and waits for its retry"
assert_contains "$(cat "$WORK/run.log")" "DATA refused: 421 4.3.0 Service shutting down" "logged"
refuse none
run_at "2026-01-0${day}T10:30:00+07:00"
assert_eq 0 "$(rows pending)" "back: every notice went"
mail_wait_count khtc 3 30 || t_fail "the unit did not receive the third notice"

t_begin "every recipient refused for good: the notice fails, each address on the item"
letter 6
refuse rcpt-to 'reject "550 5.2.1 Mailbox disabled"' "khtc@$D"
before=$(failed_events)
run_at "2026-01-0${day}T10:40:00+07:00"
assert_eq 1 "$(rows failed)" "the notice failed"
assert_eq "khtc@$D: 550 5.2.1 Mailbox disabled
truong.tc@$D: 550 Invalid recipient: <truong.tc@$D>" \
	"$(q "SELECT detail FROM events WHERE kind = 'mail-failed' AND id > (SELECT MAX(id)
	  FROM events WHERE kind = 'registered') ORDER BY json_extract(data, '$.address')")" \
	"one failure for each address, with the server's words"
assert_eq $((before + 2)) "$(failed_events)" "and no other"
refuse none

t_begin "a recipient refused for now gets the notice later, alone"
# The head has a mailbox now: the notice has a recipient the server takes.
stack_ctl adduser truong.tc >/dev/null || t_fail "add-user truong.tc"
letter 4
refuse rcpt-to 'reject "452 4.5.3 Too many recipients"' "khtc@$D"
run_at "2026-01-0${day}T11:00:00+07:00"
assert_eq 0 $? "run --once exit status"
assert_eq 1 "$(rows failed)" "no other notice failed"
assert_eq "khtc@$D|1" "$(q "SELECT rcpt_left, attempts FROM outbox WHERE status = 'pending'")" \
	"the notice waits for that address alone, with its try counted"
assert_contains "$(q "SELECT rcpt FROM outbox WHERE status = 'pending'")" "truong.tc@$D" \
	"its recipients stay all recorded (the proof of receipt of their replies)"
mail_wait_count truong.tc 1 30 || t_fail "the head did not get it"
refuse none
run_at "2026-01-0${day}T11:30:00+07:00"
assert_eq 0 "$(rows pending)" "it went"
mail_wait_count khtc 4 30 || t_fail "the unit did not receive the fourth notice"
smtp_queue_empty 30 || t_fail "OpenSMTPD still holds mail"
assert_eq 4 "$(mail_count khtc)" "the unit has it once"
assert_eq 1 "$(mail_count truong.tc)" "the head got it once"
assert_eq "sent|2" "$(q "SELECT status, attempts FROM outbox WHERE rcpt_left IS NOT NULL")" \
	"the notice is sent, at its second try"

t_begin "a letter larger than the server carries: the notice goes without it, with a note"
# A scanned letter of 300 KB; the server takes 100 KB (Postfix's default
# is 10 MB, a scan's size).
{
	sed -n '1,/^User-Agent/p' "$WORK/letters/008.eml" | sed 's/^Content-Type: .*/Content-Type: multipart\/mixed; boundary="scan"/; /^Content-Transfer-Encoding/d; s/vanthu@mof\.gov\.vn/vanthu@moit.example/'
	printf '\n--scan\nContent-Type: text/plain; charset=UTF-8\n\n'
	sed '1,/^$/d' "$WORK/letters/008.eml"
	printf '\n--scan\nContent-Type: application/pdf; name="scan-008.pdf"\n'
	printf 'Content-Disposition: attachment; filename="scan-008.pdf"\n'
	printf 'Content-Transfer-Encoding: base64\n\n'
	head -c 300000 /dev/urandom | base64
	printf '\n--scan--\n'
} >"$WORK/l8.eml"
deliver vanthu@moit.example "$WORK/l8.eml"
stack_ctl smtp-limit 100K >/dev/null || t_fail "smtp-limit"
k=$(mail_count khtc)
run_at "2026-01-0${day}T11:45:00+07:00"
assert_eq 0 $? "run --once exit status"
assert_eq 1 "$(rows failed)" "no other notice failed"
assert_eq 0 "$(rows pending)" "none waits"
assert_contains "$(cat "$WORK/run.log")" "5.3.4" "the server refused it for its size"
assert_contains "$(cat "$WORK/run.log")" "again without the letter" "and it went again without the letter"
mail_wait_count khtc $((k + 1)) 30 || t_fail "the unit did not receive the notice"
last=$(mail_fetch khtc "$(mail_uids khtc | tr " " "\n" | grep . | tail -n 1)")
assert_contains "$last" "Subject:" "(the notice was read back)"
assert_not_contains "$last" "message/rfc822" "the letter is not attached"
assert_contains "$(printf '%s' "$last" | /usr/bin/python3 -c '
import sys, email, email.policy
m = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
print("\n".join(p.get_content() for p in m.walk() if p.get_content_type() == "text/plain"))')" \
	"quá lớn để máy chủ thư chuyển kèm" "a note in its place says why, in Vietnamese"
stack_ctl smtp-limit none >/dev/null || t_fail "smtp-limit none"

t_begin "the content refused for good: that notice fails, with the server's words"
letter 7
refuse commit 'reject "554 5.7.1 Message refused as spam"'
before=$(failed_events)
run_at "2026-01-0${day}T12:00:00+07:00"
assert_ge "$(rows failed)" 2 "the notice failed"
assert_contains "$(q "SELECT last_error FROM outbox WHERE status = 'failed' ORDER BY id DESC LIMIT 1")" \
	"554 5.7.1 Message refused as spam" "with the server's words"
assert_ge "$(failed_events)" $((before + 1)) "a failure recorded on the item"
refuse none

t_begin "a bounce that comes later: the failed address on the item of the mail it returns"
# A relay that takes the mail and bounces it afterwards (a recipient on
# another server): its delivery report comes into the shared mailbox.
sent=$(q "SELECT message_id FROM outbox WHERE item_id = 1 ORDER BY id LIMIT 1")
key=$(q "SELECT key FROM items WHERE id = 1")
before=$(failed_events)
# dsn ADDRESS: Postfix's report that ADDRESS could not be reached
dsn() {
	cat <<EOF
Return-Path: <>
From: MAILER-DAEMON@mx.donvi.example (Mail Delivery System)
To: congvan@$D
Subject: Undelivered Mail Returned to Sender
Date: Mon, 05 Jan 2026 13:00:00 +0700
Message-ID: <$(cat /proc/sys/kernel/random/uuid)@mx.donvi.example>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

--B1
Content-Type: text/plain; charset=utf-8

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

--B1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.donvi.example

Final-Recipient: rfc822; $1
Action: failed
Status: 5.2.2
Diagnostic-Code: smtp; 552 5.2.2 <$1>: Mailbox full
    (in reply to RCPT TO command)

--B1
Content-Type: text/rfc822-headers

Message-ID: <$sent>
Subject: =?UTF-8?B?W0NWLTIwMjYtMDAwMDAxXQ==?=

--B1--
EOF
}
dsn "khtc@$D" | sed 's/$/\r/' >"$WORK/dsn1.eml"
dsn "someone.else@$D" | sed 's/$/\r/' >"$WORK/dsn2.eml"
maildir_inject congvan "$WORK/dsn1.eml"
maildir_inject congvan "$WORK/dsn2.eml"
run_at "2026-01-0${day}T13:00:00+07:00"
assert_eq $((before + 1)) "$(failed_events)" "one failure recorded: the other report names no recipient of that mail"
assert_eq "khtc@$D|khtc@$D: 5.2.2: 552 5.2.2 <khtc@$D>: Mailbox full (in reply to RCPT TO command)" \
	"$(q "SELECT json_extract(data, '$.address'), detail
	  FROM events WHERE kind = 'mail-failed' ORDER BY id DESC LIMIT 1")" \
	"the address, the status and the server's words"
assert_eq 2 "$(q "SELECT COUNT(*) FROM events WHERE kind = 'bounce-received'
	AND item_id = 1")" "both reports are on the item of the mail they return"
assert_contains "$(cv show "$key")" "khtc@$D: 5.2.2" "congvan show lists it"
assert_eq 0 "$(q "SELECT COUNT(*) FROM items WHERE subject LIKE 'Undelivered%'")" "no report became an item"

t_begin "the report and the spam refusal: one more notice each, in the same cycle"
# The report came in this cycle's intake: told before the flush.  The
# notice refused as spam at 12:00 (every recipient, one event) too.
spam=$(q "SELECT item_id FROM events WHERE kind = 'mail-failed' AND detail LIKE '%spam%'
	ORDER BY id DESC LIMIT 1")
assert_eq 2 "$(notices 1)" "one more notice about the first item"
assert_eq 1 "$(notices "$spam")" "one about the notice refused as spam"
m=$(office_mail 1) || t_fail "the Office did not receive the report's notice"
assert_contains "$m" "Subject: [$key1]" "with the item's tag"
assert_contains "$m" "- khtc@$D (hộp thư của Vụ Tài chính):
  5.2.2: 552 5.2.2 <khtc@$D>: Mailbox full" "the address the report names, with its words"
assert_not_contains "$m" "truong.tc@$D (" "not the address told before"
m=$(office_mail "$spam") || t_fail "the Office did not receive the spam refusal's notice"
assert_eq 2 "$(printf '%s\n' "$m" | grep -A1 -e "^- khtc@$D (hộp thư của Vụ Tài chính):" \
	-e "^- truong.tc@$D (Thủ trưởng Vụ Tài chính):" | grep -c "^  .*554 5.7.1 Message refused as spam")" \
	"every recipient of the mail refused whole, each with the server's words"
told=$(notices)
run_at "2026-01-0${day}T13:10:00+07:00"
assert_eq "$told" "$(notices)" "and nothing more in the next cycle"

t_begin "mail to the Office that fails is never told to it: no loop"
# The Office's address refused for good: its notice of a new report, and
# the registration of a letter no rule assigns, both fail.
refuse rcpt-to 'reject "550 5.1.1 Mailbox disabled"' "vanthu@$D"
sent=$(q "SELECT message_id FROM outbox WHERE item_id = 2 AND rcpt LIKE 'khtc@%'
	ORDER BY id LIMIT 1")
dsn "khtc@$D" | sed 's/$/\r/' >"$WORK/dsn3.eml"
maildir_inject congvan "$WORK/dsn3.eml"
deliver vanthu@mof.gov.vn "$WORK/letters/005.eml"
office=$(mail_count vanthu)
before=$(failed_events)
run_at "2026-01-0${day}T14:00:00+07:00"
assert_eq $((told + 1)) "$(notices)" "the report's notice is queued"
assert_eq 2 "$(q "SELECT COUNT(*) FROM events WHERE kind = 'mail-failed'
	AND json_extract(data, '$.address') = 'vanthu@$D' AND id > (SELECT MAX(id)
	FROM events WHERE kind = 'bounce-received')")" \
	"the Office's address refused for its notice and the registration"
assert_eq $((before + 3)) "$(failed_events)" "(and the report's address)"
refuse none
run_at "2026-01-0${day}T14:10:00+07:00"
run_at "2026-01-0${day}T14:20:00+07:00"
assert_eq $((told + 1)) "$(notices)" "no notice of the Office's own address"
smtp_queue_empty 30 || t_fail "OpenSMTPD still holds mail"
assert_eq "$office" "$(mail_count vanthu)" "the Office's mailbox got nothing"

t_begin "an upgraded database mails nothing about the mail that failed before"
# Failures recorded by a congvan without the notice (the schema before):
# the upgrade starts after them.
q "INSERT INTO events (at, item_id, actor, kind, detail, data)
   SELECT strftime('%s', '2025-12-01'), id, 'outbox', 'mail-failed',
   'truong.tc@$D: 550 Invalid recipient', json_object('address', 'truong.tc@$D')
   FROM items" || t_fail "old events"
v=$(q "PRAGMA user_version")
# back to schema 16, the one before the watermark (17); 18 adds indexes,
# 19 the place of queued mail's message in the packs (all of it sent)
assert_eq 0 "$(q "SELECT COUNT(*) FROM outbox WHERE status = 'pending'")" "no mail pending"
q "ALTER TABLE outbox DROP COLUMN data_pack; ALTER TABLE outbox DROP COLUMN data_offset;
   ALTER TABLE outbox DROP COLUMN data_size;
   DROP INDEX items_closed; DROP INDEX events_history; DROP INDEX consultations_answered;
   DROP INDEX consultations_deemed; DROP TABLE undelivered_told; PRAGMA user_version = 16" ||
	t_fail "schema back"
run_at "2026-01-0${day}T14:30:00+07:00"
assert_eq 0 $? "run --once exit status"
assert_eq "$v" "$(q "PRAGMA user_version")" "the database is upgraded"
assert_ge "$(q "SELECT event_id FROM undelivered_told")" \
	"$(q "SELECT MAX(id) FROM events WHERE kind = 'mail-failed'")" "it starts after the old failures"
assert_eq $((told + 1)) "$(notices)" "no notice about them"

t_begin "a report in words only (qmail): the failed address on the item all the same"
# qmail, older Exim and MDaemon write no message/delivery-status part:
# who failed is in the words, the returned mail's header in a copy under
# them, which names every recipient (not all failed).
rcpts=$(q "SELECT rcpt FROM outbox WHERE message_id = '$sent'")
gone=$(printf '%s\n' "$rcpts" | tail -1)
before=$(failed_events)
{
	printf 'Return-Path: <>\r\nFrom: MAILER-DAEMON@mail.tinh.example\r\nTo: congvan@%s\r\n' "$D"
	printf 'Subject: failure notice\r\nDate: Mon, 05 Jan 2026 14:40:00 +0700\r\n'
	printf 'Message-ID: <%s@mail.tinh.example>\r\n\r\n' "$(cat /proc/sys/kernel/random/uuid)"
	printf 'Hi. This is the qmail-send program at mail.tinh.example.\r\n'
	printf "I'm afraid I wasn't able to deliver your message to the following addresses.\r\n"
	printf "This is a permanent error; I've given up. Sorry it didn't work out.\r\n\r\n"
	printf '<%s>:\r\n203.0.113.5 does not like recipient.\r\n' "$gone"
	printf 'Remote host said: 550 5.1.1 User unknown\r\nGiving up on 203.0.113.5.\r\n\r\n'
	printf -- '--- Below this line is a copy of the message.\r\n\r\n'
	printf 'Return-Path: <congvan@%s>\r\nMessage-ID: <%s>\r\n' "$D" "$sent"
	printf 'To: %s\r\nSubject: [%s]\r\n\r\nNội dung.\r\n' "$(printf '%s' "$rcpts" | paste -sd, -)" "$key"
} >"$WORK/qmail.eml"
maildir_inject congvan "$WORK/qmail.eml"
run_at "2026-01-0${day}T14:40:00+07:00"
assert_eq $((before + 1)) "$(failed_events)" "one failure: the address the words name, not every recipient the copy lists"
assert_eq "$gone|$gone: 203.0.113.5 does not like recipient. Remote host said: 550 5.1.1 User unknown Giving up on 203.0.113.5." \
	"$(q "SELECT json_extract(data, '$.address'), detail
	  FROM events WHERE kind = 'mail-failed' ORDER BY id DESC LIMIT 1")" \
	"the address and the server's words"
assert_eq 1 "$(q "SELECT COUNT(*) FROM events WHERE kind = 'mail-failed'
	AND item_id = (SELECT item_id FROM outbox WHERE message_id = '$sent') AND json_extract(data, '$.address') = '$gone'
	AND detail LIKE '%203.0.113.5%'")" "on the item of the mail it returns"

t_begin "the directory corrected, the Office's 'Gửi lại:' sends the assignment again to the address it gives now"
# The Office corrects the head's address in the configuration and answers
# the notice from Thunderbird with the line it suggests.
stack_ctl adduser truong.tc.moi >/dev/null || t_fail "add-user truong.tc.moi"
cp "$CONF" "$WORK/before-fix.conf"
sed -i "s/^head = truong.tc@$D/head = truong.tc.moi@$D/" "$CONF"
n_unit=$(mail_count khtc)
n_office=$(mail_count vanthu)
notice=$(q "SELECT message_id FROM outbox WHERE kind = 'mail_failed' AND item_id = 1")
{
	printf 'From: =?UTF-8?B?%s?= <vanthu@%s>\r\nTo: congvan@%s\r\n' "$(printf 'Văn thư Văn phòng' | base64 -w0)" "$D" "$D"
	printf 'Subject: Re: [%s] =?UTF-8?B?%s?=\r\n' "$key1" "$(printf 'Thư thông báo không đến được người nhận' | base64 -w0)"
	printf 'Date: Mon, 05 Jan 2026 08:45:00 +0700\r\nMessage-ID: <%s@%s>\r\n' "$(cat /proc/sys/kernel/random/uuid)" "$D"
	printf 'In-Reply-To: <%s>\r\nReferences: <%s>\r\n' "$notice" "$notice"
	printf 'User-Agent: Mozilla/5.0 Thunderbird/115.6.0\r\nMIME-Version: 1.0\r\n'
	printf 'Content-Type: text/plain; charset=UTF-8; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'
	printf 'Gửi lại:\r\n\r\nVào lúc 08:30 ngày 05/01/2026, Hệ thống theo dõi công văn đã viết:\r\n> Thư hệ thống gửi về văn bản đến sau đây không đến được người nhận\r\n'
} >"$WORK/resend.eml"
maildir_inject congvan "$WORK/resend.eml"
run_at "2026-01-0${day}T16:50:00+07:00"
assert_eq 0 $? "run --once exit status"
mail_wait_count truong.tc.moi 1 30 || t_fail "the corrected address got nothing"
uid=$(mail_uids truong.tc.moi | tr ' ' '\n' | tail -1)
got=$(mail_fetch truong.tc.moi "$uid")
assert_contains "$got" "text/calendar" "the assignment again, with its calendar entry"
assert_contains "$got" "$key1" "about the item"
mail_wait_count khtc $((n_unit + 1)) 30 || t_fail "the unit's own address did not get it again"
mail_wait_count vanthu $((n_office + 1)) 30 || t_fail "the Office got no acknowledgement"
ack=$(mail_fetch vanthu "$(mail_uids vanthu | tr ' ' '\n' | tail -1)" | /usr/bin/python3 -c '
import sys, email, email.policy
m = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
print(m["Subject"])
print("\n".join(p.get_content() for p in m.walk() if p.get_content_type() == "text/plain"))')
assert_contains "$ack" "Đã ghi nhận" "the Office's acknowledgement"
assert_contains "$ack" "Đã gửi lại thông báo phân công cho Vụ Tài chính" "says what was done"
assert_eq 0 "$(q "SELECT COUNT(*) FROM events WHERE kind = 'assigned' AND id > (SELECT MAX(id) FROM events WHERE kind = 'mail-failed')")" \
	"nothing is assigned anew: the item stays as it was"
cp "$WORK/before-fix.conf" "$CONF"

t_summary
