#!/usr/bin/env bash
# The quarterly report on a real Dovecot + OpenSMTPD with a fixed clock: a
# short first quarter of 2027 (letters assigned by rule, a consultation
# left unanswered and deemed agreement, one item done on time, one late
# after an escalation, one open and overdue at the quarter's end);
# `congvan report` gives its figures as CSV; on the first working day after
# the quarter (Thu 1/4/2027) the scheduler mails the report once to
# [report] to, HTML in the body and the CSV attached, and never again;
# `report --mail` sends one on demand; the HTML page renders in headless
# Chromium.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
D=congvan.test

stack_start || { echo "cannot start the mail stack"; echo "0 passed, 1 failed"; exit 1; }
WORK=$(mktemp -d /tmp/congvan-rep.XXXXXX)
chmod 755 "$WORK"
trap 'stack_stop; [ -n "${T_KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
for u in tttn truong.tttn truong.pc truong.tc botruong; do
	stack_ctl adduser "$u" >/dev/null || t_fail "add-user $u"
done

CONF="$WORK/congvan.conf"
congvan_conf "$CONF" "$WORK/congvan.db"
cat >>"$CONF" <<EOF

[unit TTTN]
name = Vụ Thị trường trong nước
email = tttn@$D
head = truong.tttn@$D
members = Nguyễn Văn A <a.nguyen@$D>

[unit PC]
name = Vụ Pháp chế
email = phapche@$D
head = truong.pc@$D

[unit TC]
name = Vụ Tài chính
email = khtc@$D
head = truong.tc@$D
members = Trần Thị B <b.tran@$D>

[rule ecommerce]
from = *@moit.example
subject = thuong mai dien tu
lead = TTTN
days = 5

[rule finance]
from = *@moit.example
lead = TC
days = 2

[deadlines]
remind_before = 1
escalate_after = 1

[report]
to = botruong@$D
EOF
letter() { # FILE MSGID SUBJECT
	{
		printf 'From: vanthu@moit.example\r\nTo: congvan@%s\r\n' "$D"
		printf 'Subject: =?UTF-8?B?%s?=\r\n' "$(printf '%s' "$3" | base64 -w0)"
		printf 'Message-ID: <%s>\r\nMIME-Version: 1.0\r\n' "$2"
		printf 'Content-Type: text/plain; charset=utf-8\r\n\r\n'
		printf 'BỘ CÔNG THƯƠNG\r\n%s\r\n' "$3"
	} >"$1"
}
reply() { # FILE FROM KEY TEXT [WHOSE-MAIL]
	local id
	{
		printf 'From: %s\r\nTo: congvan@%s\r\nSubject: RE: [%s] x\r\n' "$2" "$D" "$3"
		printf 'Message-ID: <%s.%s@mail.example>\r\n' "$RANDOM$RANDOM" "$(date +%s%N)"
		# pressing Reply on the last mail congvan sent this person about it
		# (or, with WHOSE-MAIL, on a mail to that address: a member
		# reading the unit's mailbox)
		id=$(sent_id "$3" "${5:-$2}")
		[ -n "$id" ] && printf 'In-Reply-To: <%s>\r\nReferences: <%s>\r\n' "$id" "$id"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
		printf '%s\r\n' "$4"
	} >"$1"
}
key_of() { cv list | grep "$1" | cut -f1; }
# csv_get CSV SCOPE KEY COLUMN: one field of the row whose code (units) or
# address (persons) is KEY
csv_get() {
	/usr/bin/python3 -c '
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[1].lstrip("\ufeff"), newline="")))
for r in rows:
    if r["scope"] == sys.argv[2] and sys.argv[3] in (r["code"], r["address"]):
        print(r[sys.argv[4]])
        break
else:
    print("NO ROW")' "$1" "$2" "$3" "$4"
}
# part USER UID WHAT: the decoded html body, the text body, or the
# attachment's "FILENAME<TAB>TYPE" and then its text
part() {
	mail_fetch "$1" "$2" | /usr/bin/python3 -c '
import sys, email, email.policy
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
what = sys.argv[1]
if what in ("html", "plain"):
    print(m.get_body((what,)).get_content())
else:
    for a in m.iter_attachments():
        print(a.get_filename() + "\t" + a.get_content_type())
        print(a.get_payload(decode=True).decode("utf-8-sig"))' "$3"
}

# ---------------------------------------------------------------- the quarter

t_begin "a short first quarter of 2027"
letter "$WORK/l1.eml" l1@moit.example "V/v góp ý dự thảo Nghị định về thương mại điện tử"
letter "$WORK/l2.eml" l2@moit.example "V/v báo cáo số liệu tài chính quý IV"
deliver vanthu@moit.example "$WORK/l1.eml"
deliver vanthu@moit.example "$WORK/l2.eml"
run_at 2027-01-04T09:00:00+07:00
K1=$(key_of 'thương mại điện tử')
K2=$(key_of 'tài chính quý IV')
assert_eq TTTN "$(q "SELECT lead FROM items WHERE key='$K1'")" "the first letter to TTTN"
assert_eq TC "$(q "SELECT lead FROM items WHERE key='$K2'")" "the second to TC"
# TTTN asks PC, which stays silent
reply "$WORK/r1.eml" "truong.tttn@$D" "$K1" "Lấy ý kiến: PC
Hạn: 06/01/2027"
deliver "truong.tttn@$D" "$WORK/r1.eml"
run_at 2027-01-04T10:00:00+07:00
assert_eq pending "$(q "SELECT state FROM consultations")" "PC consulted"
# Thu 7/1: PC's silence is agreement; TC (due Wed 6/1) is escalated
run_at 2027-01-07T09:00:00+07:00
assert_eq deemed "$(q "SELECT state FROM consultations")" "deemed agreement"
assert_eq 1 "$(q "SELECT COUNT(*) FROM outbox o JOIN items i ON i.id = o.item_id WHERE i.key='$K2' AND o.kind='escalation'")" \
	"TC's item escalated"
# Fri 8/1: both done, TTTN on time, TC late
reply "$WORK/d1.eml" "a.nguyen@$D" "$K1" "Hoàn thành" "tttn@$D"
reply "$WORK/d2.eml" "truong.tc@$D" "$K2" "Hoàn thành"
deliver "a.nguyen@$D" "$WORK/d1.eml"
deliver "truong.tc@$D" "$WORK/d2.eml"
run_at 2027-01-08T10:00:00+07:00
assert_eq "done 0" "$(q "SELECT status || ' ' || late_days FROM items WHERE key='$K1'")" "TTTN on time"
assert_eq "done 2" "$(q "SELECT status || ' ' || late_days FROM items WHERE key='$K2'")" "TC late by 2 working days"
# Wed 24/3: a third letter for TC, due Fri 26/3, still open at the end
letter "$WORK/l3.eml" l3@moit.example "V/v kinh phí hoạt động năm 2027"
deliver vanthu@moit.example "$WORK/l3.eml"
run_at 2027-03-24T09:00:00+07:00
K3=$(key_of 'kinh phí hoạt động')
assert_eq "TC assigned" "$(q "SELECT lead || ' ' || status FROM items WHERE key='$K3'")" "the third to TC"

t_begin "congvan report --quarter 2027Q1 --format csv"
csv=$(cv report --quarter 2027Q1 --format csv --now 2027-04-01T08:00:00+07:00)
assert_eq 0 $? "exit status"
assert_contains "$csv" "scope,period,code,name,address,unit,rank,on_time_rate,received" "the header"
for f in "rank 1" "on_time_rate 100.0" "received 1" "done_on_time 1" "done_late 0" "open_overdue 0" "reminders 0"; do
	assert_eq "${f#* }" "$(csv_get "$csv" unit TTTN "${f% *}")" "TTTN ${f% *}"
done
for f in "rank 2" "on_time_rate 0.0" "received 2" "done_on_time 0" "done_late 1" "open_in_time 0" \
	"open_overdue 1" "reminders 1" "deemed_agreement 0"; do
	assert_eq "${f#* }" "$(csv_get "$csv" unit TC "${f% *}")" "TC ${f% *}"
done
for f in "rank ''" "received 0" "deemed_agreement 1" "answered_on_time 0" "answered_late 0"; do
	want=${f#* }
	[ "$want" = "''" ] && want=
	assert_eq "$want" "$(csv_get "$csv" unit PC "${f% *}")" "PC ${f% *}"
done
assert_eq 1 "$(csv_get "$csv" person "truong.tc@$D" reminders)" "the escalation reached TC's head"
assert_eq "Vụ Thị trường trong nước" "$(csv_get "$csv" unit TTTN name)" "the unit's Vietnamese name"
assert_eq "2027Q1" "$(csv_get "$csv" unit TTTN period)" "the period column"
text=$(cv report --quarter 2027Q1 --now 2027-04-01T08:00:00+07:00)
assert_contains "$text" "Quý I năm 2027" "text: the period in Vietnamese"
assert_contains "$text" "Im lặng (coi như đồng ý) / Silence (deemed agreement)" "text: the silence column"
cv report --quarter 2027Q5 >/dev/null 2>&1
assert_eq 64 $? "a malformed quarter is a usage error"
cv report --format pdf >/dev/null 2>&1
assert_eq 64 $? "an unknown format is a usage error"
cv report --quarter 2027Q1 --from 2027-01-01 >/dev/null 2>&1
assert_eq 64 $? "--quarter with --from is a usage error"

t_begin "no report before the quarter has ended"
run_at 2027-03-31T17:00:00+07:00
sleep 1
assert_eq 0 "$(mail_count botruong)" "nothing on the last day of the quarter"
assert_eq 0 "$(q "SELECT COUNT(*) FROM reports_sent")" "nothing recorded"

t_begin "on the first working day after the quarter, one report mail"
run_at 2027-04-01T09:00:00+07:00
assert_eq 0 $? "run exit status"
mail_wait_count botruong 1 30 || t_fail "no report mail"
U=$(mail_uids botruong | tr ' ' '\n' | tail -1)
raw=$(mail_fetch botruong "$U")
subject=$(printf '%s' "$raw" | /usr/bin/python3 -c '
import sys, email, email.header as h
m = email.message_from_binary_file(sys.stdin.buffer)
print(str(h.make_header(h.decode_header(m["Subject"]))))')
assert_contains "$subject" "Báo cáo tình hình xử lý văn bản Quý I năm 2027" "the subject"
att=$(part botruong "$U" attachment)
assert_eq "bao-cao-2027Q1.csv	text/csv" "$(printf '%s\n' "$att" | head -1)" "the CSV attached"
attcsv=$(printf '%s\n' "$att" | tail -n +2)
assert_eq 1 "$(csv_get "$attcsv" unit TTTN done_on_time)" "the attachment's figures: TTTN on time"
assert_eq 1 "$(csv_get "$attcsv" unit TC done_late)" "the attachment's figures: TC late"
assert_eq 1 "$(csv_get "$attcsv" unit PC deemed_agreement)" "the attachment's figures: PC's silence"
html=$(part botruong "$U" html)
assert_contains "$html" "<svg" "the chart in the HTML body"
assert_contains "$html" "<table" "the tables in the HTML body (not escaped)"
assert_not_contains "$html" "&lt;table" "markup not escaped"
assert_contains "$html" "TTTN: 100,0 % · TC: 0,0 %" "the rates as text under the chart"
assert_contains "$(part botruong "$U" plain)" "Im lặng (coi như đồng ý): 1" "the text part's summary"
assert_eq 1 "$(q "SELECT COUNT(*) FROM reports_sent WHERE period = '2027Q1'")" "recorded once"
assert_eq 1 "$(q "SELECT COUNT(*) FROM events WHERE kind = 'mail-queued' AND json_extract(data, '$.template') = 'report' AND detail = 'report to botruong@$D'")" \
	"in the audit trail, as the one mail-queued of the report"

t_begin "running again sends none"
run_at 2027-04-01T09:00:00+07:00
run_at 2027-04-01T15:00:00+07:00
run_at 2027-04-02T09:00:00+07:00
sleep 1
assert_eq 1 "$(mail_count botruong)" "still one report mail"
assert_eq 1 "$(q "SELECT COUNT(*) FROM outbox WHERE kind = 'report'")" "one report in the outbox"

t_begin "report --mail sends one now"
cv report --quarter 2027Q1 --mail --now 2027-04-02T10:00:00+07:00 2>>"$WORK/run.log"
assert_eq 0 $? "exit status"
mail_wait_count botruong 2 30 || t_fail "no report mail on demand"
assert_eq 2 "$(q "SELECT COUNT(*) FROM outbox WHERE kind = 'report' AND status = 'sent'")" "sent at once"
run_at 2027-04-05T09:00:00+07:00
sleep 1
assert_eq 2 "$(mail_count botruong)" "the scheduler still sends none"

t_begin "the HTML report renders in headless Chromium"
cv report --quarter 2027Q1 --format html --now 2027-04-01T08:00:00+07:00 >"$WORK/report.html"
assert_eq 0 $? "exit status"
assert_contains "$(head -c 200 "$WORK/report.html")" "<!DOCTYPE html>" "a whole page"
if ! command -v chromium >/dev/null; then
	t_fail "chromium is not installed (contrib/install-deps)"
else
	timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--screenshot="$WORK/report.png" --window-size=1200,1600 \
		"file://$WORK/report.html" >"$WORK/chromium.log" 2>&1
	assert_eq 0 $? "chromium exit status"
	# the share of pixels that are not white, and how many colours
	stats=$(/usr/bin/python3 - "$WORK/report.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        assert depth == 8 and ctype in (2, 6) and interlace == 0, "unexpected PNG format"
        bpp = 3 if ctype == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
other, colours = 0, set()
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    if f == 1:
        for i in range(bpp, stride):
            line[i] = (line[i] + line[i - bpp]) & 255
    elif f == 2:
        line = bytearray((a + b) & 255 for a, b in zip(line, prev))
    elif f == 3:
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
    elif f == 4:
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        px = bytes(line[x:x + 3])
        if px != b"\xff\xff\xff":
            other += 1
            colours.add(px)
    prev = line
print(int(100 * other / (w * h)), len(colours), w, h)
PY
)
	read -r pct ncolours width height <<<"$stats"
	assert_eq "1200 1600" "${width:-} ${height:-}" "the screenshot's size"
	assert_ge "${pct:-0}" 3 "more than a few percent of the pixels are not white (${pct:-?} %)"
	assert_ge "${ncolours:-0}" 20 "many colours: text, borders, the bars (${ncolours:-?})"
fi

t_summary
