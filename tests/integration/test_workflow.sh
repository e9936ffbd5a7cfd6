#!/usr/bin/env bash
# The workflow on a real Dovecot + OpenSMTPD with a fixed clock: a letter
# from a rule's sender is assigned; the head delegates from an
# Outlook-style reply; the handler consults two units; one agrees from a
# Gmail-style Vietnamese reply, the other stays silent and is deemed to
# agree on the right day; reminders come on the right working days around
# New Year's Day (a holiday); "Hoàn thành" closes the item on time.  Also:
# an overdue item escalates; a forged reply and an out-of-office reply
# change nothing and get no answer; a return reaches the original sender;
# running the same instant twice sends nothing twice.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
D=congvan.test

stack_start || { echo "cannot start the mail stack"; echo "0 passed, 1 failed"; exit 1; }
WORK=$(mktemp -d /tmp/congvan-wf.XXXXXX)
chmod 755 "$WORK"
trap 'stack_stop; [ -n "${T_KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
for u in tttn truong.tttn truong.pc truong.tc lanhdao outsider; do
	stack_ctl adduser "$u" >/dev/null || t_fail "add-user $u"
done

CONF="$WORK/congvan.conf"
congvan_conf "$CONF" "$WORK/congvan.db" "smtp.reply_plus=yes"
directory_conf "$CONF"
cat >>"$CONF" <<EOF

[leaders]
members = Lãnh đạo Bộ <lanhdao@$D>


[deadlines]
remind_before = 3, 1
overdue_every = 2
escalate_after = 1
EOF
# subjects USER: the decoded subjects of a mailbox, one per line
subjects() {
	local u
	for u in $(mail_uids "$1"); do
		mail_fetch "$1" "$u" | /usr/bin/python3 -c '
import sys, email, email.header as h
m = email.message_from_binary_file(sys.stdin.buffer)
print(str(h.make_header(h.decode_header(m["Subject"]))))'
	done
}
# header USER UID NAME
header() {
	mail_fetch "$1" "$2" | /usr/bin/python3 -c '
import sys, email
m = email.message_from_binary_file(sys.stdin.buffer)
print(m.get(sys.argv[1], ""))' "$3"
}
# body USER UID: the decoded text/plain part
body() {
	mail_fetch "$1" "$2" | /usr/bin/python3 -c '
import sys, email, email.policy
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
print(m.get_body(("plain",)).get_content())'
}
last_uid() { mail_uids "$1" | tr ' ' '\n' | tail -1; }
# deliver FROM FILE: over SMTP into the service mailbox, then wait
# letter FILE MSGID SUBJECT BODY
letter() {
	{
		printf 'From: =?UTF-8?B?%s?= <vanthu@moit.example>\r\n' "$(printf 'Văn phòng Bộ Công Thương' | base64 -w0)"
		printf 'To: congvan@%s\r\nSubject: =?UTF-8?B?%s?=\r\n' "$D" "$(printf '%s' "$3" | base64 -w0)"
		printf 'Date: Mon, 28 Dec 2026 08:00:00 +0700\r\nMessage-ID: <%s>\r\n' "$2"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n'
		printf 'Content-Transfer-Encoding: base64\r\n\r\n'
		printf '%s' "$4" | base64 -w76 | sed 's/$/\r/'
	} >"$1"
}
# reply FILE FROM_NAME FROM KEY IN_REPLY_TO TEXT [EXTRA-HEADER]
reply() {
	{
		printf 'From: =?UTF-8?B?%s?= <%s>\r\n' "$(printf '%s' "$2" | base64 -w0)" "$3"
		printf 'To: congvan@%s\r\nSubject: RE: [%s] =?UTF-8?B?%s?=\r\n' "$D" "$4" "$(printf 'Phân công xử lý' | base64 -w0)"
		# s-nail's Message-ID, on the organisation's own domain
		printf 'Date: Mon, 28 Dec 2026 10:00:00 +0700\r\nMessage-ID: <%s.%s%%%s@%s>\r\n' \
			"$(date -u +%Y%m%d%H%M%S)" "$(head -c 4 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" "${3%@*}" "$D"
		[ -n "$5" ] && printf 'In-Reply-To: <%s>\r\nReferences: <%s>\r\n' "$5" "$5"
		[ -n "${7:-}" ] && printf '%s\r\n' "$7"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n'
		printf 'Content-Transfer-Encoding: 8bit\r\n\r\n'
		printf '%s\r\n' "$6" | sed 's/\r*$/\r/'
	} >"$1"
}

# ---------------------------------------------------------------- story

t_begin "check-config accepts units, rules, leaders and deadlines"
out=$(cv check-config 2>&1)
assert_eq 0 $? "check-config exit status"

t_begin "a letter from a rule's sender is assigned with the working-day deadline"
letter "$WORK/l1.eml" "l1@moit.example" "V/v góp ý dự thảo Nghị định về thương mại điện tử" \
	"BỘ CÔNG THƯƠNG
Số: 1201/BCT-TMĐT
V/v góp ý dự thảo Nghị định về thương mại điện tử

Kính gửi: Vụ Thị trường trong nước"
deliver vanthu@moit.example "$WORK/l1.eml"
run_at 2026-12-28T09:00:00+07:00
assert_eq 0 $? "run exit status"
K=$(cv list | grep 'thương mại điện tử' | cut -f1)
assert_eq CV-2026-000001 "$K" "item key"
assert_eq "TTTN" "$(q "SELECT lead FROM items WHERE key='$K'")" "lead by the rule"
# 5 working days from Mon 28/12: 29, 30, 31 Dec, (1 Jan is a holiday), 4, 5 Jan
assert_eq "2027-01-05" "$(q "SELECT date(due_day * 86400, 'unixepoch') FROM items WHERE key='$K'")" \
	"deadline skips New Year's Day"
assert_eq "PC" "$(q "SELECT unit FROM parties p JOIN items i ON i.id = p.item_id WHERE key='$K'")" \
	"coordinating unit"
mail_wait_count truong.tttn 1 30 || t_fail "assignment did not reach the head"
mail_wait_count tttn 1 30 || t_fail "assignment did not reach the unit mailbox"
mail_wait_count truong.pc 1 30 || t_fail "copy did not reach the coordinating head"
U=$(last_uid truong.tttn)
assert_contains "$(subjects truong.tttn)" "[$K]" "assignment subject tag"
assert_contains "$(header truong.pc "$(last_uid truong.pc)" Cc)" "truong.pc@$D" "coordinating unit in copy"
ASSIGN_ID=$(header truong.tttn "$U" Message-ID | tr -d '<>')
raw=$(mail_fetch truong.tttn "$U")
assert_contains "$raw" "message/rfc822" "the letter is attached"
assert_contains "$(body truong.tttn "$U")" "05/01/2027" "the deadline in the text"
assert_eq 0 "$(mail_count vanthu)" "no 'please assign' notice to the Office"

t_begin "the head delegates from an Outlook-style reply"
reply "$WORK/r1.eml" "Trưởng Vụ TTTN" "truong.tttn@$D" "$K" "$ASSIGN_ID" "Giao: Nguyễn Văn A <a.nguyen@$D>
Hạn: 04/01/2027

From: Hệ thống theo dõi công văn <congvan@$D>
Sent: Monday, December 28, 2026 9:01 AM
To: truong.tttn@$D
Subject: [$K] Phân công xử lý văn bản

Kính gửi: Vụ Thị trường trong nước"
deliver truong.tttn@$D "$WORK/r1.eml"
run_at 2026-12-28T10:00:00+07:00
assert_eq "a.nguyen@$D" "$(q "SELECT handler FROM items WHERE key='$K'")" "handler recorded"
mail_wait_count a.nguyen 1 30 || t_fail "the handler was not told"
assert_contains "$(header a.nguyen "$(last_uid a.nguyen)" Cc)" "truong.tttn@$D" "head in copy"
mail_wait_count truong.tttn 2 30 || t_fail "no acknowledgement to the head"
assert_contains "$(body truong.tttn "$(last_uid truong.tttn)")" "a.nguyen@$D" "the acknowledgement says what changed"

t_begin "the handler consults two units"
# the deadline as people write it, without the year
reply "$WORK/r2.eml" "Nguyễn Văn A" "a.nguyen@$D" "$K" "$(sent_id "$K" "a.nguyen@$D")" "Lấy ý kiến: PC, TC
Hạn: 30/12."
deliver a.nguyen@$D "$WORK/r2.eml"
run_at 2026-12-28T11:00:00+07:00
assert_eq 2 "$(q "SELECT COUNT(*) FROM consultations WHERE state='pending'")" "two consultations"
assert_eq "$(( $(date -ud 2026-12-30 +%s) / 86400 ))" "$(q "SELECT DISTINCT due_day FROM consultations")" "'Hạn: 30/12.' is 30/12/2026"
mail_wait_count phapche 1 30 || t_fail "no request to PC"
mail_wait_count khtc 1 30 || t_fail "no request to TC"
PC_REQ=$(header phapche "$(last_uid phapche)" Message-ID | tr -d '<>')

t_begin "one unit agrees from a Gmail-style Vietnamese reply"
reply "$WORK/r3.eml" "Trưởng Vụ Pháp chế" "truong.pc@$D" "$K" "$PC_REQ" "Đồng ý, không có ý kiến khác.

Vào Th 2, 28 thg 12, 2026 vào lúc 11:00 Hệ thống <congvan@$D> đã
viết:
> Vụ Thị trường trong nước đề nghị cho ý kiến"
deliver truong.pc@$D "$WORK/r3.eml"
run_at 2026-12-29T09:00:00+07:00
assert_eq agree "$(q "SELECT state FROM consultations WHERE unit='PC'")" "PC agrees"
assert_eq 0 "$(q "SELECT late FROM consultations WHERE unit='PC'")" "on time"

t_begin "the reminder comes 3 working days before, the consultation reminder on its day"
n_handler=$(mail_count a.nguyen)
run_at 2026-12-30T09:00:00+07:00
mail_wait_count a.nguyen $((n_handler + 1)) 30 || t_fail "no reminder to the handler"
assert_contains "$(subjects a.nguyen)" "[$K]" "reminder tagged"
assert_contains "$(header a.nguyen "$(last_uid a.nguyen)" Cc)" "truong.tttn@$D" "head in copy of the reminder"
mail_wait_count khtc 2 30 || t_fail "no consultation reminder to TC"

t_begin "the same instant twice sends nothing twice"
before=$(q "SELECT COUNT(*) FROM outbox")
run_at 2026-12-30T09:00:00+07:00
run_at 2026-12-30T15:00:00+07:00
assert_eq "$before" "$(q "SELECT COUNT(*) FROM outbox")" "nothing queued again"

t_begin "the silent unit is deemed to agree the day after its deadline"
run_at 2026-12-31T09:00:00+07:00
assert_eq deemed "$(q "SELECT state FROM consultations WHERE unit='TC'")" "deemed agreement, kept apart from agreement"
assert_eq 1 "$(q "SELECT deemed FROM consultations WHERE unit='TC'")" "deemed flag"
# request, reminder, then the notice and the calendar's cancel (either order)
mail_wait_count truong.tc 4 30 || t_fail "no notice to the silent unit's head"
assert_contains "$(subjects truong.tc)" "[$K]" "deemed notice tagged"
bodies=$(for u in $(mail_uids truong.tc); do body truong.tc "$u"; done)
assert_contains "$bodies" "2536/BCT-VP" "the notice cites the rule"

t_begin "no reminder on the holiday, the last one on the working day before the deadline"
n_handler=$(mail_count a.nguyen)
run_at 2027-01-01T09:00:00+07:00
sleep 1
assert_eq "$n_handler" "$(mail_count a.nguyen)" "nothing on New Year's Day"
run_at 2027-01-04T09:00:00+07:00
mail_wait_count a.nguyen $((n_handler + 1)) 30 || t_fail "no reminder on Mon 4 Jan"

t_begin "a forged reply and an out-of-office reply change nothing"
# a stranger who knows the item's tag, and no mail of ours
reply "$WORK/f1.eml" "Kẻ mạo danh" "outsider@$D" "$K" "" "Hoàn thành"
deliver outsider@$D "$WORK/f1.eml"
reply "$WORK/o1.eml" "Nguyễn Văn A" "a.nguyen@$D" "$K" "" "Tôi đang đi công tác đến 10/1." "Auto-Submitted: auto-replied"
deliver a.nguyen@$D "$WORK/o1.eml"
n_out=$(mail_count outsider)
n_handler=$(mail_count a.nguyen)
run_at 2027-01-04T10:00:00+07:00
assert_eq assigned "$(q "SELECT status FROM items WHERE key='$K'")" "still open"
assert_ge "$(q "SELECT COUNT(*) FROM events WHERE kind='command-refused' AND actor='outsider@$D'")" 1 "the forged reply is recorded as refused"
sleep 1
assert_eq "$n_out" "$(mail_count outsider)" "a stranger to the directory learns nothing of the item"
assert_eq "$n_handler" "$(mail_count a.nguyen)" "the auto-reply gets no answer"

t_begin "Hoàn thành closes the item on time"
{
	printf 'From: a.nguyen@%s\r\nTo: congvan@%s\r\n' "$D" "$D"
	printf 'Subject: RE: [%s] xong\r\nMessage-ID: <done1@mail.example>\r\n' "$K"
	printf 'In-Reply-To: <%s>\r\n' "$(sent_id "$K" "a.nguyen@$D")"
	printf 'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n'
	printf -- '--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
	printf 'Hoàn thành\r\n\r\nVụ đã gửi văn bản góp ý (đính kèm).\r\n'
	printf -- '--b\r\nContent-Type: application/pdf; name="1234-TTTN.pdf"\r\n'
	printf 'Content-Disposition: attachment; filename="1234-TTTN.pdf"\r\n'
	printf 'Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJcfsj6IK\r\n--b--\r\n'
} >"$WORK/r4.eml"
deliver a.nguyen@$D "$WORK/r4.eml"
run_at 2027-01-05T10:00:00+07:00
assert_eq done "$(q "SELECT status FROM items WHERE key='$K'")" "closed"
assert_eq 0 "$(q "SELECT late_days FROM items WHERE key='$K'")" "on time"
mail_wait_count vanthu 1 30 || t_fail "the Office was not told"
assert_contains "$(subjects vanthu)" "[$K]" "done notice to the Office"
assert_contains "$(mail_fetch vanthu "$(last_uid vanthu)")" "1234-TTTN.pdf" \
	"the answer letter goes along"
run_at 2027-01-08T10:00:00+07:00
assert_eq 0 "$(q "SELECT COUNT(*) FROM stages s JOIN items i ON i.id = s.item_id WHERE key='$K' AND stage LIKE 'overdue%'")" \
	"a closed item is never reminded"

t_begin "an overdue item escalates to the head and the Office"
letter "$WORK/l2.eml" "l2@moit.example" "V/v báo cáo số liệu tài chính quý IV" "Số: 1300/BCT-KHTC"
deliver vanthu@moit.example "$WORK/l2.eml"
run_at 2027-01-11T09:00:00+07:00
K2=$(cv list | grep 'tài chính quý IV' | cut -f1)
assert_eq TC "$(q "SELECT lead FROM items WHERE key='$K2'")" "the second rule"
n_office=$(mail_count vanthu)
run_at 2027-01-14T09:00:00+07:00
mail_wait_count vanthu $((n_office + 1)) 30 || t_fail "no escalation to the Office"
assert_contains "$(q "SELECT group_concat(stage) FROM stages s JOIN items i ON i.id = s.item_id WHERE key='$K2'")" \
	"escalate" "escalation stage"

t_begin "list filters, show and audit"
assert_contains "$(cv list --unit tc)" "$K2" "list --unit (case ignored)"
assert_not_contains "$(cv list --unit TC)" "$K	" "the other unit's item is not listed"
assert_contains "$(cv list --status done)" "$K" "list --status done"
assert_contains "$(cv list --overdue --now 2027-01-14T12:00:00+07:00)" "$K2" "list --overdue at a given instant"
assert_eq "" "$(cv list --overdue --now 2027-01-12T12:00:00+07:00)" "nothing overdue before the deadline"
show=$(cv show "$K")
assert_contains "$show" "TTTN (Vụ Thị trường trong nước)" "show names the lead unit"
assert_contains "$show" "deemed agreement" "show lists the deemed consultation"
assert_contains "$show" "a.nguyen@$D" "show names the handler"
csv=$(cv audit --unit TTTN --from 2026-12-28 --to 2027-01-31)
assert_contains "$csv" "id,at,item,kind,actor,detail,message" "CSV header"
assert_contains "$csv" "$K,delegated," "the delegation is in the unit's audit"
assert_not_contains "$csv" "$K2" "another unit's item is not"
cv audit --unit NOPE >/dev/null 2>&1
assert_eq 64 $? "an unknown unit is a usage error"

t_begin "a reply to the signed reply address finds its item without tag or thread"
rt=$(header truong.tc "$(last_uid truong.tc)" Reply-To)
assert_contains "$rt" "congvan+$(echo "$K2" | tr A-Z a-z)." "Reply-To carries the item's signed token"
{
	printf 'From: =?UTF-8?B?%s?= <b.tran@%s>\r\n' "$(printf 'Trần Thị B' | base64 -w0)" "$D"
	printf 'To: %s\r\nSubject: =?UTF-8?B?%s?=\r\n' "$rt" "$(printf 'Trả lời: đề nghị gia hạn' | base64 -w0)"
	printf 'Date: Thu, 14 Jan 2027 09:30:00 +0700\r\nMessage-ID: <plus1@mail.example>\r\n'
	printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
	# "thêm": 3 more working days, as people write it
	printf 'Gia hạn: thêm 3 ngày làm việc\r\nLý do: chờ số liệu của các Sở\r\n'
} >"$WORK/p1.eml"
sed "s/+[^@]*@/+$(echo "$K2" | tr A-Z a-z).0000000000@/; s/plus1@/plus2@/; s/Gia hạn: thêm 3/Gia hạn: thêm 9/" "$WORK/p1.eml" >"$WORK/p2.eml"
maildir_inject congvan "$WORK/p1.eml" "$WORK/p2.eml"
run_at 2027-01-14T09:45:00+07:00
assert_eq 1 "$(q "SELECT COUNT(*) FROM extensions e JOIN items i ON i.id = e.item_id WHERE key='$K2' AND state='pending'")" \
	"the extension request is recorded once"
assert_eq "2027-01-18" "$(q "SELECT date(to_day * 86400, 'unixepoch') FROM extensions")" \
	"3 working days after the deadline (Wed 13 Jan): Mon 18 Jan"
assert_eq 0 "$(q "SELECT COUNT(*) FROM messages m JOIN items i ON i.id = m.item_id WHERE m.message_id = 'plus2@mail.example' AND i.key = '$K2'")" \
	"a forged token does not name the item"

t_begin "the Office grants the extension"
reply "$WORK/g1.eml" "Văn thư" "vanthu@$D" "$K2" "$(sent_id "$K2" "vanthu@$D")" "Đồng ý"
deliver vanthu@$D "$WORK/g1.eml"
run_at 2027-01-14T10:00:00+07:00
assert_eq granted "$(q "SELECT state FROM extensions")" "granted"
assert_eq "2027-01-18" "$(q "SELECT date(due_day * 86400, 'unixepoch') FROM items WHERE key='$K2'")" \
	"the new deadline"

t_begin "a return reaches the original sender"
letter "$WORK/l3.eml" "l3@moit.example" "V/v đề nghị cấp kinh phí" "Số: 1400/BCT-KHTC"
sed -i "s/vanthu@moit.example/sender@$D/" "$WORK/l3.eml"
cat >>"$CONF" <<EOF

[rule local]
from = sender@$D
lead = TC
EOF
deliver sender@$D "$WORK/l3.eml"
run_at 2027-01-14T10:00:00+07:00
K3=$(cv list | grep 'cấp kinh phí' | cut -f1)
reply "$WORK/r5.eml" "Trưởng Vụ Tài chính" "truong.tc@$D" "$K3" "$(sent_id "$K3" "truong.tc@$D")" "Trả lại: văn bản không thuộc chức năng của Vụ"
deliver truong.tc@$D "$WORK/r5.eml"
n_sender=$(mail_count sender)
run_at 2027-01-14T11:00:00+07:00
assert_eq returned "$(q "SELECT status FROM items WHERE key='$K3'")" "returned"
mail_wait_count sender $((n_sender + 1)) 30 || t_fail "the sender was not answered"
assert_contains "$(body sender "$(last_uid sender)")" "không thuộc chức năng" "the reason reaches the sender"

t_begin "the Office assigns a letter no rule took, by replying to its notice"
letter "$WORK/l4.eml" "l4@other.example" "V/v phối hợp tổ chức hội chợ" "Số: 77/SCT-QLTM"
sed -i "s/vanthu@moit.example/vanthu@laocai.example/" "$WORK/l4.eml"
n_office=$(mail_count vanthu)
deliver vanthu@laocai.example "$WORK/l4.eml"
run_at 2027-01-18T09:00:00+07:00
K4=$(cv list | grep 'hội chợ' | cut -f1)
assert_eq registered "$(q "SELECT status FROM items WHERE key='$K4'")" "waits for the Office"
mail_wait_count vanthu $((n_office + 1)) 30 || t_fail "no notice to the Office"
NOTICE=$(header vanthu "$(last_uid vanthu)" Message-ID | tr -d '<>')
# first a unit the directory does not have: nothing is assigned, and the
# Office is told why in Vietnamese, the service's language
# (as Thunderbird sends it: its Message-ID on the organisation's domain,
# a signature, the notice quoted below)
reply "$WORK/o1.eml" "Văn thư Bộ" "vanthu@$D" "$K4" "$NOTICE" "Chủ trì: Vụ Tổng hợp
Hạn: 3 ngày làm việc

-- 
Nguyễn Thị Lan
Văn thư, Văn phòng Bộ

On 18/01/2027 09:00, Hệ thống theo dõi công văn wrote:
> Kính gửi: Văn phòng Bộ
>
> Văn bản số 77/SCT-QLTM V/v phối hợp tổ chức hội chợ chưa được phân
> công. Đề nghị trả lời thư này với Chủ trì: và Hạn:."
sed -i "s/^Message-ID: .*/Message-ID: <$(cat /proc/sys/kernel/random/uuid)@$D>\r/" "$WORK/o1.eml"
n_office=$(mail_count vanthu)
deliver vanthu@$D "$WORK/o1.eml"
run_at 2027-01-18T09:30:00+07:00
assert_eq registered "$(q "SELECT status FROM items WHERE key='$K4'")" "an unknown unit assigns nothing"
mail_wait_count vanthu $((n_office + 1)) 30 || t_fail "the Office was not answered"
ack=$(body vanthu "$(last_uid vanthu)")
assert_contains "$ack" "không có đơn vị 'Vụ Tổng hợp'; cần ghi mã hoặc tên đơn vị" \
	"the refusal says why, in Vietnamese"
assert_not_contains "$ack" "unknown unit" "no English in a Vietnamese acknowledgement"
reply "$WORK/o2.eml" "Văn thư Bộ" "vanthu@$D" "$K4" "$NOTICE" "Chủ trì: Vụ Pháp chế
Phối hợp: TC
Hạn: 3 ngày làm việc"
n_pc=$(mail_count truong.pc)
deliver vanthu@$D "$WORK/o2.eml"
run_at 2027-01-18T10:00:00+07:00
assert_eq PC "$(q "SELECT lead FROM items WHERE key='$K4'")" "lead named by its Vietnamese name"
assert_eq TC "$(q "SELECT unit FROM parties p JOIN items i ON i.id = p.item_id WHERE key='$K4'")" "coordinating unit"
assert_eq "2027-01-21" "$(q "SELECT date(due_day * 86400, 'unixepoch') FROM items WHERE key='$K4'")" \
	"3 working days from Mon 18 Jan"
mail_wait_count truong.pc $((n_pc + 1)) 30 || t_fail "no assignment to the new lead"
assert_contains "$(subjects vanthu)" "[$K4]" "acknowledged to the Office"

t_begin "a member of another unit cannot act for the lead; the lead transfers with a reason"
# b.tran got the assignment in copy (TC coordinates): a reply with proof
reply "$WORK/x1.eml" "Trần Thị B" "b.tran@$D" "$K4" "$(sent_id "$K4" "truong.tc@$D")" "Hoàn thành"
deliver b.tran@$D "$WORK/x1.eml"
reply "$WORK/x2.eml" "Trưởng Vụ Pháp chế" "truong.pc@$D" "$K4" "$(sent_id "$K4" "truong.pc@$D")" "Chuyển: TTTN
Lý do: nội dung hội chợ thuộc chức năng của Vụ Thị trường trong nước"
deliver truong.pc@$D "$WORK/x2.eml"
n_tttn=$(mail_count truong.tttn)
run_at 2027-01-18T11:00:00+07:00
assert_eq TTTN "$(q "SELECT lead FROM items WHERE key='$K4'")" "transferred"
assert_eq assigned "$(q "SELECT status FROM items WHERE key='$K4'")" "not closed by the other unit's member"
assert_eq 1 "$(q "SELECT COUNT(*) FROM events e JOIN items i ON i.id = e.item_id WHERE key='$K4' AND kind='transferred' AND detail LIKE 'PC -> TTTN:%'")" \
	"the transfer is counted against PC"
mail_wait_count truong.tttn $((n_tttn + 1)) 30 || t_fail "the new lead was not told"

t_begin "after a long outage, one message for the stage that is due, not one per missed day"
sent() { q "SELECT COUNT(*) FROM outbox o JOIN items i ON i.id = o.item_id WHERE key='$K4'"; }
before=$(sent)
run_at 2027-01-29T09:00:00+07:00
assert_eq $((before + 1)) "$(sent)" "a single mail for 6 working days overdue"
assert_eq escalation "$(q "SELECT o.kind FROM outbox o JOIN items i ON i.id = o.item_id WHERE key='$K4' ORDER BY o.id DESC LIMIT 1")" \
	"the escalation"
run_at 2027-01-29T16:00:00+07:00
assert_eq $((before + 1)) "$(sent)" "nothing more the same day"
run_at 2027-02-01T09:00:00+07:00
assert_eq $((before + 2)) "$(sent)" "the next overdue reminder (every 2 working days)"
run_at 2027-02-03T09:00:00+07:00
assert_eq $((before + 3)) "$(sent)" "and the next"
run_at 2027-02-09T09:00:00+07:00
assert_eq $((before + 3)) "$(sent)" "none during Tết: no working day has passed"

t_begin "the recipients the rate limit counts are kept for its window only"
# The 2027-02-03 cycle sent mail: what was recorded before its window
# (10 minutes) is gone; every mail is still in the outbox.
cutoff=$(date -d 2027-02-03T09:00:00+07:00 +%s)
assert_eq 0 "$(q "SELECT COUNT(*) FROM outbox_rcpt WHERE created_at <= $cutoff - 600")" \
	"nothing older than the window"
assert_eq 1 "$(q "SELECT COUNT(*) > 0 FROM outbox_rcpt")" "the window's own are kept"
assert_eq 1 "$(q "SELECT COUNT(*) > 10 FROM outbox WHERE created_at <= $cutoff - 600")" \
	"the mail itself stays in the outbox"

t_begin "a transfer after a coordinating unit left the directory leaves it out"
# TC coordinates K4, then the administrator removes the unit (its rule
# now leads with PC); the lead transfers K4: assigned to the new lead
# with the coordinating units the directory still has, none here.
cp "$CONF" "$WORK/full.conf"
"$T_PY" - "$CONF" <<'PY'
import sys
lines, out, skip = open(sys.argv[1], encoding="utf-8").read().splitlines(), [], False
for line in lines:
    if line.startswith("["):
        skip = line.strip() == "[unit TC]"
    if skip:
        continue
    out.append("lead = PC" if line.strip() == "lead = TC" else line)
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(out) + "\n")
PY
cv check-config >/dev/null 2>&1 || t_fail "the directory without TC is refused"
assert_eq TC "$(q "SELECT unit FROM parties p JOIN items i ON i.id = p.item_id WHERE key='$K4'")" \
	"TC still coordinates K4"
# as the head writes it: a sentence above the quoted notice, a signature
reply "$WORK/x3.eml" "Trưởng Vụ Thị trường" "truong.tttn@$D" "$K4" "$(sent_id "$K4" "truong.tttn@$D")" "Kính gửi Văn phòng,

Chuyển Vụ Pháp chế vì Vụ Pháp chế đã nắm hồ sơ hội chợ.

Trân trọng,
Trưởng Vụ Thị trường trong nước

On 18/01/2027 11:00, Hệ thống theo dõi công văn wrote:
> Kính gửi: Vụ Thị trường trong nước
>
> Văn bản số 77/SCT-QLTM V/v phối hợp tổ chức hội chợ được chuyển đến
> Vụ để chủ trì xử lý."
deliver truong.tttn@$D "$WORK/x3.eml"
n_pc=$(mail_count truong.pc)
run_at 2027-02-10T09:00:00+07:00
assert_eq 0 $? "run --once exit status"
assert_eq PC "$(q "SELECT lead FROM items WHERE key='$K4'")" "transferred"
assert_eq 1 "$(q "SELECT COUNT(*) FROM events e JOIN items i ON i.id = e.item_id WHERE key='$K4' AND kind='transferred' AND detail LIKE 'TTTN -> PC:%hội chợ%'")" \
	"the sentence's reason recorded with the transfer"
assert_eq 0 "$(q "SELECT COUNT(*) FROM parties p JOIN items i ON i.id = p.item_id WHERE key='$K4'")" \
	"the unit gone from the directory coordinates no more"
mail_wait_count truong.pc $((n_pc + 1)) 30 || t_fail "the new lead was not told"
cp "$WORK/full.conf" "$CONF"

t_summary
