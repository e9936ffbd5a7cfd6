#!/usr/bin/env bash
# Reading what letters and people write, on a real Dovecot + OpenSMTPD with
# a fixed clock:
#  - a letter stating "trong 5 ngày làm việc kể từ ngày nhận" gets that
#    deadline over the New Year holiday and a weekend (not its rule's 2
#    days), one stating "chậm nhất sau 05 ngày" ends on the next working
#    day when the fifth day is a Saturday (Civil Code art. 148), and
#    `show` names the phrase that set each;
#  - a covering mail with a scanned PDF registers the letter under the
#    number its subject gives;
#  - six consulted units answer in sentences from real clients: mutt and
#    neomutt (batch mode, mutt's attribution and "> " quoting, their own
#    Message-IDs on the organisation's domain), s-nail (its own `Reply`
#    command: its attribution, the thread quoted with a tab as Debian's
#    s-nail does, the answer typed below), Outlook (top-posted, header
#    block under a rule, signature), Gmail (bottom-posted under the
#    quoted thread) and an HTML-only reply in Outlook on the web's
#    markup; each opinion is recorded as its sentence says, and the
#    stored answer holds neither the quoted thread nor the signature;
#  - the unit asked for a clear position answers from mutt with "Đồng ý"
#    before the subject's "Re:" and nothing written in the body: agreed.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
D=congvan.test

for c in mutt neomutt s-nail; do
	if ! command -v "$c" >/dev/null; then
		t_begin "mail clients"
		t_fail "$c is not installed (contrib/install-deps)"
		t_summary
		exit 1
	fi
done
stack_start || { echo "cannot start the mail stack"; echo "0 passed, 1 failed"; exit 1; }
WORK=$(mktemp -d /tmp/congvan-reading.XXXXXX)
chmod 755 "$WORK"
trap 'stack_stop; rm -rf "$WORK"' EXIT
UNITS="pc:phapche:Vụ Pháp chế tc:khtc:Vụ Tài chính xnk:xnk:Cục Xuất nhập khẩu
htqt:htqt:Vụ Hợp tác quốc tế khcn:khcn:Vụ Khoa học và Công nghệ
cnn:cnn:Cục Công nghiệp"
for u in tttn truong.tttn truong.pc truong.tc truong.xnk xnk truong.htqt htqt \
	truong.khcn khcn truong.cnn cnn; do
	stack_ctl adduser "$u" >/dev/null || t_fail "add-user $u"
done

CONF="$WORK/congvan.conf"
congvan_conf "$CONF" "$WORK/congvan.db"
directory_conf "$CONF"
cat >>"$CONF" <<EOF

[unit XNK]
name = Cục Xuất nhập khẩu
email = xnk@$D
head = truong.xnk@$D

[unit HTQT]
name = Vụ Hợp tác quốc tế
email = htqt@$D
head = truong.htqt@$D

[unit KHCN]
name = Vụ Khoa học và Công nghệ
email = khcn@$D
head = truong.khcn@$D

[unit CNN]
name = Cục Công nghiệp
email = cnn@$D
head = truong.cnn@$D
EOF

# header USER UID NAME
header() {
	mail_fetch "$1" "$2" | /usr/bin/python3 -c '
import sys, email
m = email.message_from_binary_file(sys.stdin.buffer)
print(m.get(sys.argv[1], ""))' "$3"
}
last_uid() { mail_uids "$1" | tr ' ' '\n' | tail -1; }
b64() { printf '%s' "$1" | base64 -w0; }
# letter FILE MSGID SUBJECT BODY [ATTACHMENT-NAME]
letter() {
	{
		printf 'From: =?UTF-8?B?%s?= <vanthu@moit.example>\r\n' "$(b64 'Văn phòng Bộ Công Thương')"
		printf 'To: congvan@%s\r\nSubject: =?UTF-8?B?%s?=\r\n' "$D" "$(b64 "$3")"
		printf 'Date: Mon, 28 Dec 2026 08:00:00 +0700\r\nMessage-ID: <%s>\r\n' "$2"
		printf 'MIME-Version: 1.0\r\n'
		if [ -n "${5:-}" ]; then
			printf 'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n'
		fi
		printf 'Content-Type: text/plain; charset=utf-8\r\n'
		printf 'Content-Transfer-Encoding: base64\r\n\r\n'
		printf '%s' "$4" | base64 -w76 | sed 's/$/\r/'
		if [ -n "${5:-}" ]; then
			printf -- '--b\r\nContent-Type: application/pdf\r\n'
			printf 'Content-Disposition: attachment; filename="%s"\r\n' "$5"
			printf 'Content-Transfer-Encoding: base64\r\n\r\n'
			# a scan: a PDF with no text layer
			printf 'JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL1hPYmplY3Q+PgplbmRvYmoK\r\n'
			printf -- '--b--\r\n'
		fi
	} >"$1"
}

t_begin "check-config"
cv check-config >/dev/null 2>&1
assert_eq 0 $? "check-config exit status"

# ------------------------------------------------ deadlines letters state
t_begin "a deadline in working days from receipt, over a holiday and a weekend"
letter "$WORK/l1.eml" "l1@moit.example" "V/v báo cáo tình hình giải ngân vốn đầu tư công" \
	"BỘ CÔNG THƯƠNG
Số: 1501/BCT-KHTC
V/v báo cáo tình hình giải ngân vốn đầu tư công

Kính gửi: Vụ Tài chính

Đề nghị Vụ Tài chính báo cáo tình hình giải ngân trong 5 ngày làm việc kể từ ngày nhận được văn bản này.

Nơi nhận:
- Như trên;
- Lưu: VT."
deliver vanthu@moit.example "$WORK/l1.eml"
run_at 2026-12-28T09:00:00+07:00
K1=$(q "SELECT i.key FROM items i JOIN letters l ON l.item_id = i.id WHERE l.number = '1501/BCT-KHTC'")
assert_eq CV-2026-000001 "$K1" "registered"
assert_eq TC "$(q "SELECT lead FROM items WHERE key='$K1'")" "lead by the rule (whose own deadline is 2 days)"
assert_eq "working_days|5|receipt" "$(q "SELECT deadline_kind, deadline_days, deadline_from FROM letters l JOIN items i ON i.id = l.item_id WHERE key='$K1'")" \
	"the stated deadline is stored as read"
# Mon 28/12: 29, 30, 31, (Fri 1/1 a holiday, the weekend), Mon 4, Tue 5
assert_eq "2027-01-05" "$(q "SELECT date(due_day * 86400, 'unixepoch') FROM items WHERE key='$K1'")" \
	"5 working days from receipt: Tue 5 Jan 2027"
show=$(cv show "$K1")
assert_contains "$show" "trong 5 ngày làm việc kể từ ngày nhận được" "show names the phrase"
assert_contains "$show" "2027-01-05, set by the letter" "show says the letter set the deadline"

t_begin "calendar days ending on a Saturday end on the next working day"
letter "$WORK/l2.eml" "l2@moit.example" "V/v cung cấp số liệu xuất khẩu" \
	"BỘ CÔNG THƯƠNG
Số: 1502/BCT-KHTC
V/v cung cấp số liệu xuất khẩu

Kính gửi: Vụ Tài chính

Đề nghị gửi số liệu chậm nhất sau 05 ngày kể từ ngày nhận văn bản."
deliver vanthu@moit.example "$WORK/l2.eml"
run_at 2026-12-28T09:30:00+07:00
K2=$(q "SELECT i.key FROM items i JOIN letters l ON l.item_id = i.id WHERE l.number = '1502/BCT-KHTC'")
# 28/12 + 5 days = Sat 2/1/2027: Mon 4/1
assert_eq "2027-01-04" "$(q "SELECT date(due_day * 86400, 'unixepoch') FROM items WHERE key='$K2'")" \
	"5 calendar days end on Mon 4 Jan"
assert_contains "$(cv show "$K2")" "chậm nhất sau 05 ngày kể từ ngày nhận" "show names the phrase"

t_begin "a scanned letter is registered under the number its covering mail gives"
letter "$WORK/l3.eml" "l3@laocai.example" "Gửi công văn số 88/SCT-QLTM" \
	"Kính gửi Bộ Công Thương,

Sở Công Thương tỉnh Lào Cai gửi Công văn số 88/SCT-QLTM ngày 24/12/2026 (bản scan đính kèm).

Trân trọng." "CV 88-SCT-QLTM.pdf"
sed -i "s/vanthu@moit.example/vanthu@laocai.example/" "$WORK/l3.eml"
deliver vanthu@laocai.example "$WORK/l3.eml"
run_at 2026-12-28T09:40:00+07:00
assert_eq "88/SCT-QLTM|2026-12-24|cover" "$(q "SELECT number, date, source FROM letters WHERE number LIKE '88/%'")" \
	"number and date from the covering mail"

# ---------------------------------------------- opinions from real clients
t_begin "the lead consults six units"
letter "$WORK/l4.eml" "l4@moit.example" "V/v góp ý dự thảo Nghị định về thương mại điện tử" \
	"BỘ CÔNG THƯƠNG
Số: 1201/BCT-TMĐT
V/v góp ý dự thảo Nghị định về thương mại điện tử

Kính gửi: Vụ Thị trường trong nước"
deliver vanthu@moit.example "$WORK/l4.eml"
run_at 2026-12-28T10:00:00+07:00
K=$(q "SELECT i.key FROM items i JOIN letters l ON l.item_id = i.id WHERE l.number = '1201/BCT-TMĐT'")
assert_eq TTTN "$(q "SELECT lead FROM items WHERE key='$K'")" "lead by the rule"
mail_wait_count truong.tttn 1 30 || t_fail "assignment did not reach the head"
ASSIGN_ID=$(header truong.tttn "$(last_uid truong.tttn)" Message-ID | tr -d '<>')
{
	printf 'From: =?UTF-8?B?%s?= <truong.tttn@%s>\r\n' "$(b64 'Trưởng Vụ TTTN')" "$D"
	printf 'To: congvan@%s\r\nSubject: RE: [%s] =?UTF-8?B?%s?=\r\n' "$D" "$K" "$(b64 'Phân công xử lý')"
	printf 'Date: Mon, 28 Dec 2026 10:30:00 +0700\r\nMessage-ID: <consult.%s@%s>\r\n' "$RANDOM" "$D"
	printf 'In-Reply-To: <%s>\r\nReferences: <%s>\r\n' "$ASSIGN_ID" "$ASSIGN_ID"
	printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
	printf 'Lấy ý kiến: PC, TC, XNK, HTQT, KHCN, CNN\r\nHạn: 31/12/2026\r\n'
} >"$WORK/c1.eml"
deliver truong.tttn@$D "$WORK/c1.eml"
run_at 2026-12-28T11:00:00+07:00
assert_eq 6 "$(q "SELECT COUNT(*) FROM consultations c JOIN items i ON i.id = c.item_id WHERE key='$K' AND state='pending'")" \
	"six consultations"
for m in phapche khtc xnk htqt khcn cnn; do
	mail_wait_count "$m" 1 30 || t_fail "no request to $m"
done
# req MAILBOX: the consultation request that mailbox received (raw)
req() { mail_fetch "$1" "$(mail_search "$1" "SUBJECT \"[$K]\"" | tr ' ' '\n' | tail -1)"; }
# mid_of FILE: the Message-ID of a raw message
mid_of() { /usr/bin/python3 -c 'import sys,email; print(email.message_from_binary_file(open(sys.argv[1],"rb"))["Message-ID"])' "$1"; }
# the quoted thread as mutt quotes it ("> " lines of the request's text)
quoted() {
	/usr/bin/python3 -c '
import sys, email, email.policy
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
for l in m.get_body(("plain",)).get_content().splitlines():
    print(("> " + l).rstrip())'
}

MUTTRC_COMMON="set smtp_url=\"smtp://127.0.0.1:$SMTP_PORT/\"
set use_from=yes
set hostname=$D
set charset=utf-8
set send_charset=utf-8
set record=\"\"
set copy=no
set postpone=no
set ssl_starttls=no
set ssl_force_tls=no
set folder=$WORK
set header_cache=\"\"
set message_cachedir=\"\""
mkdir -p "$WORK/home"

t_begin "mutt: the Legal Department agrees in a sentence, top-posted"
req phapche >"$WORK/pc.req"
PC_REQ=$(mid_of "$WORK/pc.req")
printf '%s\nset from="Trưởng Vụ Pháp chế <truong.pc@%s>"\n' "$MUTTRC_COMMON" "$D" >"$WORK/muttrc"
{
	printf 'To: congvan@%s\nSubject: Re: [%s] Đề nghị cho ý kiến\n' "$D" "$K"
	printf 'In-Reply-To: %s\nReferences: %s\n\n' "$PC_REQ" "$PC_REQ"
	printf 'Vụ Pháp chế nhất trí với dự thảo.\n\n'
	printf 'On Mon, Dec 28, 2026 at 11:00:00AM +0700, Hệ thống theo dõi công văn wrote:\n'
	quoted <"$WORK/pc.req"
	printf '\n-- \nNguyễn Văn P\nVụ Pháp chế, Bộ Công Thương\n'
} >"$WORK/pc.draft"
n=$(mail_count congvan)
HOME="$WORK/home" LC_ALL=C.UTF-8 timeout 60 mutt -n -F "$WORK/muttrc" -H "$WORK/pc.draft" </dev/null
assert_eq 0 $? "mutt sent it"
mail_wait_count congvan $((n + 1)) 30 || t_fail "mutt's reply did not arrive"

t_begin "neomutt: the Finance Department disagrees with a reason"
req khtc >"$WORK/tc.req"
TC_REQ=$(mid_of "$WORK/tc.req")
printf '%s\nset from="Trưởng Vụ Tài chính <truong.tc@%s>"\n' "$MUTTRC_COMMON" "$D" >"$WORK/neomuttrc"
printf 'To: congvan@%s\nSubject: Re: [%s] Đề nghị cho ý kiến\nIn-Reply-To: %s\nReferences: %s\n\n' \
	"$D" "$K" "$TC_REQ" "$TC_REQ" >"$WORK/tc.headers"
{
	printf 'Kính gửi Vụ Thị trường trong nước,\n\n'
	printf 'Chúng tôi không đồng ý vì dự thảo chưa quy định rõ trách nhiệm tổng hợp số liệu của các Sở Công Thương.\n\n'
	printf 'On Mon, Dec 28, 2026 at 11:00:00AM +0700, Hệ thống theo dõi công văn wrote:\n'
	quoted <"$WORK/tc.req"
} >"$WORK/tc.body"
n=$(mail_count congvan)
HOME="$WORK/home" LC_ALL=C.UTF-8 timeout 60 neomutt -n -F "$WORK/neomuttrc" -H "$WORK/tc.headers" <"$WORK/tc.body"
assert_eq 0 $? "neomutt sent it"
mail_wait_count congvan $((n + 1)) 30 || t_fail "neomutt's reply did not arrive"

t_begin "s-nail: its own reply, the thread quoted with tabs, 'Dong y' typed below"
{
	printf 'From congvan@%s Mon Dec 28 11:00:00 2026\n' "$D"
	req xnk | tr -d '\r' | sed 's/^From />From /'
	printf '\n'
} >"$WORK/xnk.mbox"
n=$(mail_count congvan)
printf 'Reply 1\nDong y\n~.\n' |
	HOME="$WORK/home" LC_ALL=C.UTF-8 timeout 60 s-nail -# -n -S v15-compat -S ttycharset=utf-8 \
		-S sendcharsets=utf-8 -S "from=Trưởng Cục XNK <truong.xnk@$D>" -S hostname=$D \
		-S "mta=smtp://127.0.0.1:$SMTP_PORT" -S smtp-auth=none -S quote -f "$WORK/xnk.mbox" >/dev/null
assert_eq 0 $? "s-nail sent it"
mail_wait_count congvan $((n + 1)) 30 || t_fail "s-nail's reply did not arrive"


t_begin "Outlook: 'không có ý kiến khác', top-posted, signature, header block under a rule"
req htqt >"$WORK/htqt.req"
HTQT_REQ=$(mid_of "$WORK/htqt.req")
plain="Dạ, Vụ Hợp tác quốc tế không có ý kiến khác ạ.

Trân trọng,
Lê Văn D
Phó Vụ trưởng Vụ Hợp tác quốc tế
ĐT: 024 2220 2222

________________________________
From: Hệ thống theo dõi công văn <congvan@$D>
Sent: Monday, December 28, 2026 11:00 AM
To: Vụ Hợp tác quốc tế <htqt@$D>
Subject: [$K] Đề nghị cho ý kiến

Kính gửi: Vụ Hợp tác quốc tế
Vụ Thị trường trong nước đề nghị Vụ cho ý kiến về dự thảo."
html="<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body lang=\"EN-US\"><div class=\"WordSection1\"><p class=\"MsoNormal\">Dạ, Vụ Hợp tác quốc tế không có ý kiến khác ạ.<o:p></o:p></p><p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p><p class=\"MsoNormal\">Trân trọng,<br>Lê Văn D<br>Phó Vụ trưởng Vụ Hợp tác quốc tế<br>ĐT: 024 2220 2222<o:p></o:p></p><div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in\"><p class=\"MsoNormal\"><b>From:</b> Hệ thống theo dõi công văn &lt;congvan@$D&gt;<br><b>Sent:</b> Monday, December 28, 2026 11:00 AM<br><b>To:</b> Vụ Hợp tác quốc tế &lt;htqt@$D&gt;<br><b>Subject:</b> [$K] Đề nghị cho ý kiến<o:p></o:p></p></div><p class=\"MsoNormal\">Kính gửi: Vụ Hợp tác quốc tế<br>Vụ Thị trường trong nước đề nghị Vụ cho ý kiến về dự thảo.<o:p></o:p></p></div></body></html>"
{
	printf 'From: =?utf-8?B?%s?= <truong.htqt@%s>\r\n' "$(b64 'Lê Văn D')" "$D"
	printf 'To: "congvan@%s" <congvan@%s>\r\n' "$D" "$D"
	printf 'Subject: RE: [%s] =?utf-8?B?%s?=\r\n' "$K" "$(b64 'Đề nghị cho ý kiến')"
	printf 'Thread-Topic: [%s] =?utf-8?B?%s?=\r\n' "$K" "$(b64 'Đề nghị cho ý kiến')"
	printf 'Thread-Index: AQHbWAx7n3kF2a1b2c3d4e5f6g7h8==\r\n'
	printf 'Date: Mon, 28 Dec 2026 14:05:11 +0700\r\n'
	printf 'Message-ID: <SG2PR04MB5634F1A2B3C4D5E6F7A8B9C0D1E2F3A4@%s>\r\n' "$D"
	printf 'In-Reply-To: %s\r\nReferences: %s\r\n' "$HTQT_REQ" "$HTQT_REQ"
	printf 'Accept-Language: vi-VN, en-US\r\nContent-Language: vi-VN\r\nX-MS-Has-Attach:\r\n'
	printf 'MIME-Version: 1.0\r\n'
	printf 'Content-Type: multipart/alternative;\r\n\tboundary="_000_SG2PR04MB5634_"\r\n\r\n'
	printf -- '--_000_SG2PR04MB5634_\r\nContent-Type: text/plain; charset="utf-8"\r\n'
	printf 'Content-Transfer-Encoding: base64\r\n\r\n'
	printf '%s\n' "$plain" | sed 's/$/\r/' | base64 -w76 | sed 's/$/\r/'
	printf '\r\n--_000_SG2PR04MB5634_\r\nContent-Type: text/html; charset="utf-8"\r\n'
	printf 'Content-Transfer-Encoding: base64\r\n\r\n'
	printf '%s' "$html" | base64 -w76 | sed 's/$/\r/'
	printf '\r\n--_000_SG2PR04MB5634_--\r\n'
} >"$WORK/htqt.eml"
n=$(mail_count congvan)
deliver truong.htqt@$D "$WORK/htqt.eml"
assert_eq $((n + 1)) "$(mail_count congvan)" "delivered to the service mailbox"

t_begin "Gmail: 'Tôi sẽ xem lại', typed below the quoted thread"
req khcn >"$WORK/khcn.req"
KHCN_REQ=$(mid_of "$WORK/khcn.req")
plain="Vào Th 2, 28 thg 12, 2026 vào lúc 11:00 Hệ thống theo dõi công văn <
congvan@$D> đã viết:

$(quoted <"$WORK/khcn.req")

Tôi sẽ xem lại và trả lời anh sau.

--
Phạm Thị E
Vụ Khoa học và Công nghệ"
html="<div dir=\"ltr\"><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">Vào Th 2, 28 thg 12, 2026 vào lúc 11:00 Hệ thống theo dõi công văn &lt;<a href=\"mailto:congvan@$D\">congvan@$D</a>&gt; đã viết:<br></div><blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\">Kính gửi: Vụ Khoa học và Công nghệ<br>Vụ Thị trường trong nước đề nghị Vụ cho ý kiến về dự thảo.</blockquote></div><div><br></div><div>Tôi sẽ xem lại và trả lời anh sau.</div><div><br></div><span class=\"gmail_signature_prefix\">-- </span><br><div dir=\"ltr\" class=\"gmail_signature\">Phạm Thị E<br>Vụ Khoa học và Công nghệ</div></div>"
{
	printf 'MIME-Version: 1.0\r\n'
	printf 'References: %s\r\nIn-Reply-To: %s\r\n' "$KHCN_REQ" "$KHCN_REQ"
	printf 'From: =?UTF-8?B?%s?= <truong.khcn@%s>\r\n' "$(b64 'Phạm Thị E')" "$D"
	printf 'Date: Mon, 28 Dec 2026 14:20:45 +0700\r\n'
	printf 'Message-ID: <CAJ7aK0x9QeW3vTbYd7u+Lm2r5p8sN4cXf1gH6jK3lZ0aB9cD2e@%s>\r\n' "$D"
	printf 'Subject: Re: [%s] =?UTF-8?B?%s?=\r\n' "$K" "$(b64 'Đề nghị cho ý kiến')"
	printf 'To: =?UTF-8?B?%s?= <congvan@%s>\r\n' "$(b64 'Hệ thống theo dõi công văn')" "$D"
	printf 'Content-Type: multipart/alternative; boundary="0000000000004b8c9a05f2e3d1a0"\r\n\r\n'
	printf -- '--0000000000004b8c9a05f2e3d1a0\r\nContent-Type: text/plain; charset="UTF-8"\r\n'
	printf 'Content-Transfer-Encoding: base64\r\n\r\n'
	printf '%s\n' "$plain" | sed 's/$/\r/' | base64 -w76 | sed 's/$/\r/'
	printf '\r\n--0000000000004b8c9a05f2e3d1a0\r\nContent-Type: text/html; charset="UTF-8"\r\n'
	printf 'Content-Transfer-Encoding: base64\r\n\r\n'
	printf '%s' "$html" | base64 -w76 | sed 's/$/\r/'
	printf '\r\n--0000000000004b8c9a05f2e3d1a0--\r\n'
} >"$WORK/khcn.eml"
n=$(mail_count congvan)
deliver truong.khcn@$D "$WORK/khcn.eml"
assert_eq $((n + 1)) "$(mail_count congvan)" "delivered to the service mailbox"

t_begin "an HTML-only reply in Outlook on the web's markup: 'chưa nhất trí vì ...'"
req cnn >"$WORK/cnn.req"
CNN_REQ=$(mid_of "$WORK/cnn.req")
html="<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"><style type=\"text/css\" style=\"display:none;\"> P {margin-top:0;margin-bottom:0;} </style></head><body dir=\"ltr\"><div class=\"elementToProof\" style=\"font-family: Aptos, Calibri, Helvetica, sans-serif; font-size: 12pt;\">Kính gửi anh,</div><div class=\"elementToProof\" style=\"font-size: 12pt;\"><br></div><div class=\"elementToProof\" style=\"font-size: 12pt;\">Cục Công nghiệp chưa nhất trí vì dự thảo còn thiếu số liệu năm 2025.</div><div class=\"elementToProof\"><br></div><div id=\"Signature\"><div>Trân trọng,</div><div>Hoàng Văn G</div><div>Cục Công nghiệp</div></div><div id=\"appendonsend\"></div><hr style=\"display:inline-block;width:98%\" tabindex=\"-1\"><div id=\"divRplyFwdMsg\" dir=\"ltr\"><font face=\"Calibri, sans-serif\" style=\"font-size:11pt\" color=\"#000000\"><b>From:</b> Hệ thống theo dõi công văn &lt;congvan@$D&gt;<br><b>Sent:</b> Monday, December 28, 2026 11:00 AM<br><b>To:</b> Cục Công nghiệp &lt;cnn@$D&gt;<br><b>Subject:</b> [$K] Đề nghị cho ý kiến</font><div>&nbsp;</div></div><div>Kính gửi: Cục Công nghiệp<br>Vụ Thị trường trong nước đề nghị Cục cho ý kiến về dự thảo.</div></body></html>"
{
	printf 'From: =?utf-8?B?%s?= <truong.cnn@%s>\r\n' "$(b64 'Hoàng Văn G')" "$D"
	printf 'To: congvan@%s\r\n' "$D"
	printf 'Subject: RE: [%s] =?utf-8?B?%s?=\r\n' "$K" "$(b64 'Đề nghị cho ý kiến')"
	printf 'Date: Mon, 28 Dec 2026 15:02:30 +0700\r\n'
	printf 'Message-ID: <KL1PR0401MB6012A3B4C5D6E7F8091A2B3C4D5E6F70@%s>\r\n' "$D"
	printf 'In-Reply-To: %s\r\nReferences: %s\r\n' "$CNN_REQ" "$CNN_REQ"
	printf 'MIME-Version: 1.0\r\nContent-Type: text/html; charset="utf-8"\r\n'
	printf 'Content-Transfer-Encoding: base64\r\n\r\n'
	printf '%s' "$html" | base64 -w76 | sed 's/$/\r/'
} >"$WORK/cnn.eml"
n=$(mail_count congvan)
deliver truong.cnn@$D "$WORK/cnn.eml"
assert_eq $((n + 1)) "$(mail_count congvan)" "delivered to the service mailbox"

t_begin "each opinion is recorded as its sentence says"
run_at 2026-12-29T09:00:00+07:00
assert_eq 0 $? "run exit status"
state() { q "SELECT state FROM consultations c JOIN items i ON i.id = c.item_id WHERE key='$K' AND unit='$1'"; }
answer() { q "SELECT answer FROM consultations c JOIN items i ON i.id = c.item_id WHERE key='$K' AND unit='$1'"; }
assert_eq agree "$(state PC)" "mutt: 'Vụ Pháp chế nhất trí với dự thảo.'"
assert_eq disagree "$(state TC)" "neomutt: 'Chúng tôi không đồng ý vì ...'"
assert_eq agree "$(state XNK)" "s-nail: 'Dong y' under the tab-quoted thread"
assert_eq agree "$(state HTQT)" "Outlook: 'không có ý kiến khác'"
assert_eq unclear "$(state KHCN)" "Gmail: 'Tôi sẽ xem lại'"
assert_eq disagree "$(state CNN)" "HTML only: 'chưa nhất trí vì ...'"
assert_eq disputed "$(q "SELECT status FROM items WHERE key='$K'")" "a disagreement disputes the item"
mail_wait_count truong.khcn 1 30 || t_fail "the unclear answer was not asked for a clear position"
assert_eq 1 "$(q "SELECT asked_clear FROM consultations c JOIN items i ON i.id = c.item_id WHERE key='$K' AND unit='KHCN'")" \
	"the unit that answered unclearly is asked once"

t_begin "the answers stored are what the units wrote, without thread or signature"
assert_eq "Vụ Pháp chế nhất trí với dự thảo." "$(answer PC)" "mutt's answer"
assert_eq "Dong y" "$(answer XNK)" "s-nail's answer"
assert_eq "Dạ, Vụ Hợp tác quốc tế không có ý kiến khác ạ." "$(answer HTQT)" "Outlook's answer"
assert_eq "Tôi sẽ xem lại và trả lời anh sau." "$(answer KHCN)" "Gmail's answer"
for u in TC CNN; do
	a=$(answer $u)
	assert_not_contains "$a" "đề nghị Vụ cho ý kiến" "$u: no quoted request"
	assert_not_contains "$a" "Trân trọng" "$u: no signature"
done
assert_contains "$(answer CNN)" "Cục Công nghiệp chưa nhất trí vì dự thảo còn thiếu số liệu năm 2025." "the HTML answer"
mid() { q "SELECT message_id FROM messages WHERE from_addr = '$1@$D' AND kind = 'reply'"; }
[[ $(mid truong.xnk) =~ ^[0-9]{14}\.[A-Za-z0-9_-]+@congvan\.test$ ]] &&
	t_pass "s-nail's own Message-ID" || t_fail "s-nail's Message-ID: $(mid truong.xnk)"
[[ $(mid truong.tc) =~ ^[0-9]{14}\.[a-z0-9]+@congvan\.test$ ]] &&
	t_pass "neomutt's own Message-ID" || t_fail "neomutt's Message-ID: $(mid truong.tc)"
[[ $(mid truong.pc) =~ ^[A-Za-z0-9_-]+@congvan\.test$ ]] &&
	t_pass "mutt's own Message-ID" || t_fail "mutt's Message-ID: $(mid truong.pc)"
assert_eq 6 "$(q "SELECT COUNT(*) FROM messages WHERE kind = 'reply' AND message_id LIKE '%@$D' AND from_addr IN ('truong.pc@$D', 'truong.tc@$D', 'truong.xnk@$D', 'truong.htqt@$D', 'truong.khcn@$D', 'truong.cnn@$D') AND reply_text IS NOT NULL")" \
	"the six replies were read and their new text stored, their Message-IDs on the organisation's domain"

t_begin "mutt: asked for a clear position, the unit answers 'Đồng ý' in the subject and writes nothing"
mail_fetch truong.khcn "$(last_uid truong.khcn)" >"$WORK/khcn.ask"
ASK_ID=$(mid_of "$WORK/khcn.ask")
printf '%s\nset from="Phạm Thị E <truong.khcn@%s>"\n' "$MUTTRC_COMMON" "$D" >"$WORK/muttrc.khcn"
{
	printf 'To: congvan@%s\nSubject: Đồng ý - Re: [%s] Đề nghị cho ý kiến rõ ràng\n' "$D" "$K"
	printf 'In-Reply-To: %s\nReferences: %s\n\n' "$ASK_ID" "$ASK_ID"
	printf 'On Tue, Dec 29, 2026 at 09:00:00AM +0700, Hệ thống theo dõi công văn wrote:\n'
	quoted <"$WORK/khcn.ask"
} >"$WORK/khcn.draft"
n=$(mail_count congvan)
HOME="$WORK/home" LC_ALL=C.UTF-8 timeout 60 mutt -n -F "$WORK/muttrc.khcn" -H "$WORK/khcn.draft" </dev/null
assert_eq 0 $? "mutt sent it"
mail_wait_count congvan $((n + 1)) 30 || t_fail "mutt's reply did not arrive"
run_at 2026-12-30T09:00:00+07:00
assert_eq agree "$(state KHCN)" "the subject's 'Đồng ý' is the unit's opinion"
assert_eq "Đồng ý" "$(answer KHCN)" "the answer stored is what the subject says"

t_summary
