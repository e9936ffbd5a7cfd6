#!/usr/bin/env bash
# The consultation and the replies, faithfully, on a real Dovecot +
# OpenSMTPD with a fixed clock: the consultation request names the units
# consulted and carries the lead's own text; an unclear answer is asked
# once, naming its sender and deadline, reminded on the deadline day, then
# deemed agreement while the unclear answer and who gave it are kept and
# counted; a disputed item cannot be reported done before the settlement;
# the handler is reminded against the internal deadline; and a reply in
# which nothing was understood (the Office answering an extension request
# in its own words) gets an answer instead of silence.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
D=congvan.test

stack_start || { echo "cannot start the mail stack"; echo "0 passed, 1 failed"; exit 1; }
WORK=$(mktemp -d /tmp/congvan-fu.XXXXXX)
chmod 755 "$WORK"
trap 'stack_stop; [ -n "${T_KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
for u in tttn truong.tttn phapche truong.pc khtc truong.tc a.nguyen b.tran vanthu; do
	stack_ctl adduser "$u" >/dev/null || t_fail "add-user $u"
done
CONF="$WORK/congvan.conf"
congvan_conf "$CONF" "$WORK/congvan.db"
directory_conf "$CONF"

letter() { # FILE SUBJECT BODY
	{
		printf 'From: vanthu@moit.example\r\nTo: congvan@%s\r\n' "$D"
		printf 'Subject: =?UTF-8?B?%s?=\r\n' "$(printf '%s' "$2" | base64 -w0)"
		printf 'Date: Mon, 28 Dec 2026 08:00:00 +0700\r\nMessage-ID: <%s@moit.example>\r\n' "$(date +%s%N)"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n' "$3"
	} >"$1"
}
# reply FILE FROM KEY TEXT [WHOSE-MAIL]: pressing Reply on the last mail
# congvan sent FROM (or WHOSE-MAIL) about KEY, as Thunderbird on the
# organisation's domain does
reply() {
	local id
	id=$(sent_id "$3" "${5:-$2}")
	{
		printf 'From: %s\r\nTo: congvan@%s\r\nSubject: Re: [%s] x\r\n' "$2" "$D" "$3"
		printf 'Message-ID: <%s@%s>\r\n' "$(cat /proc/sys/kernel/random/uuid)" "$D"
		[ -n "$id" ] && printf 'In-Reply-To: <%s>\r\nReferences: <%s>\r\n' "$id" "$id"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n' "$4"
	} >"$1"
}
# text USER UID: the decoded text/plain part; last USER: the latest UID
text() {
	mail_fetch "$1" "$2" | /usr/bin/python3 -c '
import sys, email, email.policy
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
print(m.get_body(("plain",)).get_content())'
}
last() { mail_uids "$1" | tr ' ' '\n' | tail -1; }
csv_field() { # CSV CODE COLUMN
	/usr/bin/python3 -c '
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[1])))
print(next(r[sys.argv[3]] for r in rows if r["scope"] == "unit" and r["code"] == sys.argv[2]))' "$1" "$2" "$3"
}

t_begin "the consultation request names the units consulted and carries the lead's text"
letter "$WORK/l1.eml" "V/v góp ý dự thảo về thương mại điện tử" "Số: 1201/BCT-TMĐT"
deliver vanthu@moit.example "$WORK/l1.eml"
run_at 2026-12-28T09:00:00+07:00
K=$(cv list | grep 'thương mại điện tử' | cut -f1)
reply "$WORK/c1.eml" "truong.tttn@$D" "$K" "Lấy ý kiến: PC, TC
Hạn: 30/12/2026

Đề nghị các Vụ góp ý Điều 5 về sàn giao dịch trước khi trình Bộ trưởng."
deliver truong.tttn@$D "$WORK/c1.eml"
run_at 2026-12-28T10:00:00+07:00
mail_wait_count truong.pc 2 30 || t_fail "no request to PC"
req=$(text truong.pc "$(last truong.pc)")
assert_contains "$req" "Vụ Pháp chế, Vụ Tài chính" "the units consulted, named"
assert_contains "$req" "Điều 5 về sàn giao dịch" "the lead's own text"

t_begin "an unclear answer is asked once, naming its sender and deadline"
n=$(mail_count truong.tc)
reply "$WORK/u1.eml" "truong.tc@$D" "$K" "Tôi sẽ xem lại và trả lời sau."
deliver truong.tc@$D "$WORK/u1.eml"
run_at 2026-12-28T11:00:00+07:00
assert_eq unclear "$(q "SELECT state FROM consultations WHERE unit='TC'")" "recorded as unclear"
mail_wait_count truong.tc $((n + 1)) 30 || t_fail "not asked for a clear position"
ask=$(text truong.tc "$(last truong.tc)")
assert_contains "$ask" "truong.tc@$D" "the question names who answered"
assert_contains "$ask" "30/12/2026" "and the deadline"

t_begin "the deadline-day reminder also goes to the unit whose only answer was unclear"
n=$(mail_count truong.tc)
run_at 2026-12-30T09:00:00+07:00
mail_wait_count truong.tc $((n + 1)) 30 || t_fail "no reminder to TC"
assert_eq 1 "$(q "SELECT COUNT(*) FROM outbox WHERE kind = 'consult_reminder' AND rcpt LIKE '%truong.tc@%'")" \
	"TC reminded on its day"

t_begin "deemed agreement keeps the unclear answer and who gave it; the report counts both"
run_at 2026-12-31T09:00:00+07:00
assert_eq "deemed|truong.tc@$D|1" "$(q "SELECT state, answered_by, asked_clear FROM consultations WHERE unit='TC'")" \
	"deemed, the answer kept"
csv=$(cv report --quarter 2026Q4 --format csv --now 2027-01-04T09:00:00+07:00)
assert_eq 1 "$(csv_field "$csv" TC deemed_agreement)" "deemed counted"
assert_eq 1 "$(csv_field "$csv" TC unclear_answers)" "the unclear answer counted"
assert_eq 1 "$(csv_field "$csv" TC answered_on_time)" "as an answer on time"

t_begin "a disputed item cannot be reported done before the settlement"
reply "$WORK/d1.eml" "truong.pc@$D" "$K" "Không đồng ý vì Điều 5 trái Luật Thương mại."
deliver truong.pc@$D "$WORK/d1.eml"
run_at 2027-01-04T09:00:00+07:00
assert_eq disputed "$(q "SELECT status FROM items WHERE key='$K'")" "disputed"
n=$(mail_count truong.tttn)
reply "$WORK/d2.eml" "truong.tttn@$D" "$K" "Hoàn thành"
deliver truong.tttn@$D "$WORK/d2.eml"
run_at 2027-01-04T10:00:00+07:00
assert_eq disputed "$(q "SELECT status FROM items WHERE key='$K'")" "not done"
mail_wait_count truong.tttn $((n + 1)) 30 || t_fail "no answer to the head"
# (the 09:00 cycle's mail may still be arriving: look until the answer is
# in or 30 s pass)
end=$((SECONDS + 30))
while :; do
	told=$(for u in $(mail_uids truong.tttn | tr ' ' '\n' | tail -n +$((n + 1))); do text truong.tttn "$u"; done)
	[[ $told == *"Kết quả thống nhất"* ]] || [ $SECONDS -ge $end ] && break
	sleep 0.5
done
assert_contains "$told" "Kết quả thống nhất" "told to record the settlement first"
reply "$WORK/d3.eml" "truong.tttn@$D" "$K" "Hoàn thành
Kết quả thống nhất: hai Vụ đã thống nhất sửa Điều 5."
deliver truong.tttn@$D "$WORK/d3.eml"
run_at 2027-01-04T11:00:00+07:00
assert_eq done "$(q "SELECT status FROM items WHERE key='$K'")" "settled, then done"

t_begin "the handler is reminded against the internal deadline"
letter "$WORK/l2.eml" "V/v báo cáo số liệu tài chính quý IV" "Số: 1300/BCT-KHTC"
deliver vanthu@moit.example "$WORK/l2.eml"
run_at 2027-01-04T12:00:00+07:00
K2=$(cv list | grep 'tài chính quý IV' | cut -f1)
reply "$WORK/h1.eml" "truong.tc@$D" "$K2" "Giao: Nguyễn Văn A <a.nguyen@$D>
Hạn: 05/01/2027"
deliver truong.tc@$D "$WORK/h1.eml"
run_at 2027-01-04T13:00:00+07:00
assert_eq "" "$(q "SELECT handler FROM items WHERE key='$K2'")" "a person of another unit cannot be given it"
reply "$WORK/h2.eml" "truong.tc@$D" "$K2" "Giao: Trần Thị B <b.tran@$D>
Hạn: 05/01/2027"
deliver truong.tc@$D "$WORK/h2.eml"
run_at 2027-01-04T14:00:00+07:00
assert_eq "b.tran@$D" "$(q "SELECT handler FROM items WHERE key='$K2'")" "delegated"
# unit due Wed 6/1 (2 days); internal Tue 5/1: 1 working day before is
# the day of the delegation, then on its day, then the day after
hr() { q "SELECT COUNT(*) FROM outbox o JOIN items i ON i.id = o.item_id WHERE i.key='$K2' AND o.kind='handler_reminder'"; }
assert_eq 1 "$(hr)" "one working day before the internal deadline"
run_at 2027-01-05T09:00:00+07:00
assert_eq 2 "$(hr)" "on the internal deadline"
run_at 2027-01-05T15:00:00+07:00
assert_eq 2 "$(hr)" "once"
run_at 2027-01-06T09:00:00+07:00
assert_eq 3 "$(hr)" "the working day after"
assert_contains "$(q "SELECT rcpt FROM outbox WHERE kind='handler_reminder' ORDER BY id DESC LIMIT 1")" \
	"truong.tc@$D" "the head in copy"

t_begin "a reply in which nothing was understood is answered, not dropped"
reply "$WORK/x1.eml" "b.tran@$D" "$K2" "Gia hạn: 12/01/2027
Lý do: chờ số liệu của các Sở" "truong.tc@$D"
deliver b.tran@$D "$WORK/x1.eml"
n=$(mail_count vanthu)
run_at 2027-01-06T10:00:00+07:00
assert_eq pending "$(q "SELECT state FROM extensions")" "an extension asked"
# (the request reaches the Office first; its answer is counted after it)
mail_wait_count vanthu $((n + 1)) 30 || t_fail "the Office was not asked"
n=$(mail_count vanthu)
# the Office answers in its own words, not Đồng ý / Không đồng ý
reply "$WORK/x2.eml" "vanthu@$D" "$K2" "Văn phòng xin ý kiến Lãnh đạo rồi sẽ trả lời."
deliver vanthu@$D "$WORK/x2.eml"
run_at 2027-01-06T11:00:00+07:00
assert_eq pending "$(q "SELECT state FROM extensions")" "nothing decided"
mail_wait_count vanthu $((n + 1)) 30 || t_fail "the Office got no answer"
ans=$(text vanthu "$(last vanthu)")
assert_contains "$ans" "Văn phòng xin ý kiến Lãnh đạo" "it quotes the first line read"
assert_contains "$ans" "Không đồng ý" "and lists what the Office may write"

t_begin "the Office's notice gives the deadline a letter states, with its words"
letter "$WORK/l3.eml" "V/v báo cáo tình hình xuất khẩu" "Số: 45/SCT-QLTM
Đề nghị Bộ cho ý kiến trong 5 ngày làm việc kể từ ngày nhận được văn bản này."
sed -i "s/^From: vanthu@moit.example/From: vanthu@laocai.example/" "$WORK/l3.eml"
n=$(mail_count vanthu)
deliver vanthu@laocai.example "$WORK/l3.eml"
run_at 2027-01-07T09:00:00+07:00
mail_wait_count vanthu $((n + 1)) 30 || t_fail "no notice to the Office"
# (the same cycle also copies the Office on K2's escalation: look until the
# notice is in or 30 s pass)
end=$((SECONDS + 30))
while :; do
	new=$(for u in $(mail_uids vanthu | tr ' ' '\n' | tail -n +$((n + 1))); do text vanthu "$u"; done)
	[[ $new == *"14/01/2027"* ]] || [ $SECONDS -ge $end ] && break
	sleep 0.5
done
assert_contains "$new" "14/01/2027 (trong 5 ngày làm việc kể từ ngày nhận" \
	"5 working days from Thu 7/1, and the phrase"

t_summary
