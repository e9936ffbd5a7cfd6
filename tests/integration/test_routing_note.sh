#!/usr/bin/env bash
# The Office assigns in a sentence, as a routing note ("bút phê") reads,
# on a real Dovecot + OpenSMTPD with a fixed clock: a letter no rule takes
# is registered and the Office asked; a forged "Giao ... chủ trì" from the
# Office's address without proof of receipt is refused; a sentence naming
# a unit the directory does not have is refused with the words a
# "Chủ trì:" line gets; a sentence that only mentions a unit assigns
# nothing; then the Office's Outlook-style HTML reply (Thunderbird's
# Message-ID on the organisation's domain, a signature, the notice quoted
# under a header block) saying "Giao Vụ Pháp chế chủ trì, Vụ Tài chính
# phối hợp, hạn 20/12/2026." assigns the item as the key lines would: lead,
# coordinating unit, deadline (a Sunday: the next working day), the
# assignment to the lead's head with its calendar, the acknowledgement to
# the Office.  A second letter is assigned by a plain-text note naming
# units by abbreviation ("Đề nghị Vụ PC chủ trì xử lý; Vụ TC phối hợp.
# Báo cáo trước ngày 18/12."); one whose deadline names a weekday its
# date is not ("hạn thứ Hai, ngày 18/12/2026", a Friday) is refused,
# saying so. Then the lead side writes sentences too:
# the head asks for more time and the Office grants a shorter extension,
# each in a sentence; the head delegates to "chị Lan", found by her given
# name in the unit; she asks another unit's opinion; the head delegates
# again with no directive ("Chị Lan xử lý tiếp giúp anh nhé. Hạn ...")
# and asks an opinion with a deadline of its own; the specialist who
# names herself ("Dạ, em Lan tổng hợp số liệu, ...") takes the work on,
# no delegation and nobody told, and a colleague who does so ("Em Hà xử
# lý tiếp ...") becomes the handler, told nothing; a head hands an item
# to another unit in a sentence with its reason.  A third letter is
# handed over with no "chủ trì" ("Giao Vụ PC xử lý, hạn 21/12."), and its
# lead passes it on because it is not its remit ("Việc này không thuộc
# chức năng của Vụ nên đề nghị chuyển Vụ TC xử lý."). A fourth is routed
# in English ("PC to handle, TC to assist, due 22/12/2026."), and its lead
# passes it on in English ("Please transfer this to ... (not our
# remit)."); the new lead gives it back, the reason in its sentence ("Vụ
# xin trả lại văn bản vì ...").
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
D=congvan.test

stack_start || { echo "cannot start the mail stack"; echo "0 passed, 1 failed"; exit 1; }
WORK=$(mktemp -d /tmp/congvan-note.XXXXXX)
chmod 755 "$WORK"
trap 'stack_stop; [ -n "${T_KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
for u in vanthu tttn truong.tttn phapche truong.pc lan.le ha.pham khtc truong.tc; do
	stack_ctl adduser "$u" >/dev/null || t_fail "add-user $u"
done

CONF="$WORK/congvan.conf"
congvan_conf "$CONF" "$WORK/congvan.db"
directory_conf "$CONF"
# the legal unit's specialists, whom its head names by their given names
sed -i "s/^head = truong.pc@$D\$/&\nmembers = Lê Thị Lan <lan.le@$D>, Phạm Thị Hà <ha.pham@$D>/" "$CONF"

b64() { printf '%s' "$1" | base64 -w0; }
# header USER UID NAME: decoded
header() {
	mail_fetch "$1" "$2" | "$T_PY" -c '
import sys, email, email.policy
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
print(m.get(sys.argv[1], ""))' "$3"
}
# body USER UID: the decoded text/plain part
body() {
	mail_fetch "$1" "$2" | "$T_PY" -c '
import sys, email, email.policy
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
print(m.get_body(("plain",)).get_content())'
}
# ctypes USER UID: the content types of every part, with a calendar's method
ctypes() {
	mail_fetch "$1" "$2" | "$T_PY" -c '
import sys, email, email.policy
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
for p in m.walk():
    t = p.get_content_type()
    print(t + ("; method=" + p.get_param("method") if t == "text/calendar" else ""))'
}
last_uid() { mail_uids "$1" | tr ' ' '\n' | tail -1; }
uuid() { cat /proc/sys/kernel/random/uuid; }
# letter FILE FROM SUBJECT NUMBER: a letter from a provincial department,
# which no rule takes
letter() {
	{
		printf 'From: =?UTF-8?B?%s?= <%s>\r\n' "$(b64 'Văn thư Sở Công Thương')" "$2"
		printf 'To: congvan@%s\r\nSubject: =?UTF-8?B?%s?=\r\n' "$D" "$(b64 "$3")"
		printf 'Date: Mon, 07 Dec 2026 08:00:00 +0700\r\nMessage-ID: <%s@%s>\r\n' "$(uuid)" "${2#*@}"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n'
		printf 'Content-Transfer-Encoding: base64\r\n\r\n'
		printf 'UBND TỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\nSố: %s\n%s\n\nKính gửi: Bộ Công Thương\n' "$4" "$3" |
			base64 -w76 | sed 's/$/\r/'
	} >"$1"
}
# office_html FILE KEY IN_REPLY_TO TEXT: the Office answers the notice
# from Outlook (HTML only), with Thunderbird's Message-ID on the
# organisation's domain, a signature, and the notice quoted under
# Outlook's header block
office_html() {
	local html
	html="<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body lang=\"VI\"><div class=\"WordSection1\"><p class=\"MsoNormal\">$4<o:p></o:p></p><p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p><p class=\"MsoNormal\">Trân trọng,<br>Nguyễn Thị Lan<br>Văn thư, Văn phòng Bộ<br>ĐT: 024 2220 2000<o:p></o:p></p><div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in\"><p class=\"MsoNormal\"><b>From:</b> Hệ thống theo dõi công văn &lt;congvan@$D&gt;<br><b>Sent:</b> Monday, December 7, 2026 9:00 AM<br><b>To:</b> vanthu@$D<br><b>Subject:</b> [$2] Vào sổ văn bản đến<o:p></o:p></p></div><p class=\"MsoNormal\">Kính gửi: Văn phòng Bộ Công Thương<br>Văn bản chưa được phân công xử lý. Đề nghị Văn phòng xem xét, phân công đơn vị chủ trì, đơn vị phối hợp và thời hạn giải quyết.<o:p></o:p></p></div></body></html>"
	{
		printf 'From: =?utf-8?B?%s?= <vanthu@%s>\r\n' "$(b64 'Văn thư Bộ')" "$D"
		printf 'To: congvan@%s\r\n' "$D"
		printf 'Subject: RE: [%s] =?utf-8?B?%s?=\r\n' "$2" "$(b64 'Vào sổ văn bản đến')"
		printf 'Date: Mon, 07 Dec 2026 10:05:11 +0700\r\n'
		printf 'Message-ID: <%s@%s>\r\n' "$(uuid)" "$D"
		[ -n "$3" ] && printf 'In-Reply-To: <%s>\r\nReferences: <%s>\r\n' "$3" "$3"
		printf 'MIME-Version: 1.0\r\n'
		printf 'Content-Type: text/html; charset="utf-8"\r\n'
		printf 'Content-Transfer-Encoding: base64\r\n\r\n'
		printf '%s' "$html" | base64 -w76 | sed 's/$/\r/'
	} >"$1"
}
# office_plain FILE KEY IN_REPLY_TO TEXT: the same from s-nail, plain text
# (its Message-ID), the notice quoted with '>'
office_plain() {
	{
		printf 'From: vanthu@%s\r\nTo: congvan@%s\r\n' "$D" "$D"
		printf 'Subject: Re: [%s] =?utf-8?B?%s?=\r\n' "$2" "$(b64 'Vào sổ văn bản đến')"
		printf 'Date: Mon, 07 Dec 2026 10:30:00 +0700\r\n'
		printf 'Message-ID: <20261207103000.%s%%vanthu@%s>\r\n' "$(head -c 4 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" "$D"
		printf 'In-Reply-To: <%s>\r\nReferences: <%s>\r\n' "$3" "$3"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n'
		printf 'Content-Transfer-Encoding: 8bit\r\n\r\n'
		printf '%s\n\nHệ thống theo dõi công văn <congvan@%s> wrote:\n> Văn bản chưa được phân công xử lý. Đề nghị Văn phòng xem xét, phân\n> công đơn vị chủ trì, đơn vị phối hợp và thời hạn giải quyết.\n' "$4" "$D" |
			sed 's/$/\r/'
	} >"$1"
}
acks() { for u in $(mail_uids vanthu); do body vanthu "$u"; done; }

t_begin "a letter no rule takes is registered and the Office asked"
letter "$WORK/l1.eml" "vanthu@soct.laocai.example" "V/v đề nghị hướng dẫn thủ tục cấp phép" "115/SCT-QLTM"
deliver vanthu@soct.laocai.example "$WORK/l1.eml"
run_at 2026-12-07T09:00:00+07:00
K=$(cv list | grep 'cấp phép' | cut -f1)
assert_eq CV-2026-000001 "$K" "item key"
assert_eq registered "$(q "SELECT status FROM items WHERE key='$K'")" "waits for the Office"
mail_wait_count vanthu 1 30 || t_fail "no notice to the Office"
NOTICE=$(header vanthu "$(last_uid vanthu)" Message-ID | tr -d '<>')
assert_contains "$NOTICE" "@$D" "the notice's Message-ID"

t_begin "a forged sentence from the Office's address without proof of receipt is refused"
office_html "$WORK/f1.eml" "$K" "" "Giao Vụ Pháp chế chủ trì, Vụ Tài chính phối hợp, hạn 20/12/2026."
n_office=$(mail_count vanthu)
deliver vanthu@$D "$WORK/f1.eml"
run_at 2026-12-07T09:30:00+07:00
assert_eq registered "$(q "SELECT status FROM items WHERE key='$K'")" "nothing assigned"
assert_eq "" "$(q "SELECT lead FROM items WHERE key='$K'")" "no lead"
assert_eq 1 "$(q "SELECT COUNT(*) FROM events e JOIN items i ON i.id = e.item_id WHERE key='$K' AND kind='command-refused' AND actor='vanthu@$D'")" \
	"recorded as refused"
mail_wait_count vanthu $((n_office + 1)) 30 || t_fail "the Office's mailbox was not told"
assert_contains "$(body vanthu "$(last_uid vanthu)")" "$K" "the refusal names the item"

# refused NAME WHEN TEXT: the Office answers the notice with TEXT at
# WHEN; nothing is assigned and the Office is answered, the answer left
# in $answer
refused() {
	local n
	office_html "$WORK/$1.eml" "$K" "$NOTICE" "$3"
	n=$(mail_count vanthu)
	deliver vanthu@$D "$WORK/$1.eml"
	run_at "$2"
	assert_eq registered "$(q "SELECT status FROM items WHERE key='$K'")" "nothing assigned"
	mail_wait_count vanthu $((n + 1)) 30 || t_fail "the Office was not answered"
	answer=$(body vanthu "$(last_uid vanthu)")
}

t_begin "a sentence naming a unit the directory does not have is refused as 'Chủ trì:' is"
refused o1 2026-12-07T10:00:00+07:00 "Giao Vụ Tổng hợp chủ trì, hạn 20/12/2026."
assert_contains "$answer" "không có đơn vị 'Vụ Tổng hợp'" \
	"the refusal says which unit, in Vietnamese"

t_begin "a sentence that only mentions a unit assigns nothing"
refused o2 2026-12-07T10:10:00+07:00 "Vụ Pháp chế đã chủ trì cuộc họp về nội dung này hôm qua."
assert_eq 0 "$(q "SELECT COUNT(*) FROM events e JOIN items i ON i.id = e.item_id WHERE key='$K' AND kind='assigned'")" \
	"no assignment event"
assert_contains "$(q "SELECT group_concat(detail) FROM events e JOIN items i ON i.id = e.item_id WHERE key='$K' AND kind='reply-recorded'")" \
	"nothing understood" "recorded as a reply in which nothing was understood"

t_begin "a deadline whose weekday is not its date's is refused, saying which day the date is"
refused o2w 2026-12-07T10:15:00+07:00 "Giao Vụ Pháp chế chủ trì, hạn thứ Hai, ngày 18/12/2026."
assert_contains "$answer" "ngày 18/12/2026 là thứ Sáu, không phải thứ Hai" \
	"the refusal says which day the date is"

t_begin "the Office's HTML reply in a sentence assigns as the key lines would"
office_html "$WORK/o3.eml" "$K" "$NOTICE" "Giao Vụ Pháp chế chủ trì, Vụ Tài chính phối hợp, hạn 20/12/2026."
# what congvan reads of it: the sentence, not the signature or the notice
text=$(cv inspect "$WORK/o3.eml" | "$T_PY" -c 'import json, sys; print(json.load(sys.stdin)["reply_text"])')
assert_eq "Giao Vụ Pháp chế chủ trì, Vụ Tài chính phối hợp, hạn 20/12/2026." "$text" "the new text is the sentence"
n_office=$(mail_count vanthu)
n_pc=$(mail_count truong.pc)
n_tc=$(mail_count truong.tc)
deliver vanthu@$D "$WORK/o3.eml"
run_at 2026-12-07T10:20:00+07:00
assert_eq assigned "$(q "SELECT status FROM items WHERE key='$K'")" "assigned"
assert_eq PC "$(q "SELECT lead FROM items WHERE key='$K'")" "lead named by its Vietnamese name"
assert_eq TC "$(q "SELECT group_concat(unit) FROM parties p JOIN items i ON i.id = p.item_id WHERE key='$K'")" \
	"the coordinating unit"
# 20/12/2026 is a Sunday: the deadline moves to the next working day
assert_eq "2026-12-21" "$(q "SELECT date(due_day * 86400, 'unixepoch') FROM items WHERE key='$K'")" \
	"the deadline, moved off the Sunday"
show=$(cv show "$K")
assert_contains "$show" "PC (Vụ Pháp chế)" "show names the lead"
assert_contains "$show" "TC (Vụ Tài chính)" "show names the coordinating unit"
assert_contains "$show" "2026-12-21" "show gives the deadline"
assert_eq "vanthu@$D" "$(q "SELECT actor FROM events e JOIN items i ON i.id = e.item_id WHERE key='$K' AND kind='assigned'")" \
	"the assignment is the Office's"
mail_wait_count truong.pc $((n_pc + 1)) 30 || t_fail "no assignment to the lead's head"
U=$(last_uid truong.pc)
assert_contains "$(header truong.pc "$U" Subject)" "$K" "the assignment names the item"
assert_contains "$(ctypes truong.pc "$U")" "text/calendar; method=REQUEST" "the assignment carries its calendar"
assert_contains "$(body truong.pc "$U")" "21/12/2026" "the deadline in its text"
mail_wait_count truong.tc $((n_tc + 1)) 30 || t_fail "no copy to the coordinating unit's head"
mail_wait_count vanthu $((n_office + 1)) 30 || t_fail "no acknowledgement to the Office"
ack=$(body vanthu "$(last_uid vanthu)")
assert_contains "$ack" "Vụ Pháp chế" "the acknowledgement names the lead"
assert_contains "$ack" "21/12/2026" "and the deadline"
assert_not_contains "$ack" "không có đơn vị" "and refuses nothing"

t_begin "a plain-text note names units by abbreviation, the deadline in the next sentence"
# routed NAME SUBJECT NUMBER DAY NOTE: a letter from the Lao Cai
# department registered on DAY at 11:00, the Office's plain-text NOTE to
# its notice at 11:30; the item's key in KEY
routed() {
	local n_office
	letter "$WORK/$1.eml" "vanthu@soct.laocai.example" "$2" "$3"
	n_office=$(mail_count vanthu)
	deliver vanthu@soct.laocai.example "$WORK/$1.eml"
	run_at "$4T11:00:00+07:00"
	KEY=$(cv list | grep "${2#V/v }" | cut -f1)
	mail_wait_count vanthu $((n_office + 1)) 30 || t_fail "no notice to the Office"
	office_plain "$WORK/$1.note.eml" "$KEY" "$(header vanthu "$(last_uid vanthu)" Message-ID | tr -d '<>')" "$5"
	deliver vanthu@$D "$WORK/$1.note.eml"
	run_at "$4T11:30:00+07:00"
}
routed l2 "V/v báo cáo tình hình xuất khẩu" "120/SCT-QLTM" 2026-12-07 \
	"Đề nghị Vụ PC chủ trì xử lý; Vụ TC phối hợp. Báo cáo trước ngày 18/12."
K2=$KEY
assert_eq PC "$(q "SELECT lead FROM items WHERE key='$K2'")" "'Vụ PC' is PC"
assert_eq TC "$(q "SELECT group_concat(unit) FROM parties p JOIN items i ON i.id = p.item_id WHERE key='$K2'")" \
	"'Vụ TC' is TC"
assert_eq "2026-12-18" "$(q "SELECT date(due_day * 86400, 'unixepoch') FROM items WHERE key='$K2'")" \
	"'trước ngày 18/12' is 18/12/2026"

t_begin "the lead's head asks for more time in a sentence; the Office grants a shorter one in its own"
# plain FROM FILE KEY IN_REPLY_TO TEXT: a Thunderbird plain-text answer
plain() {
	{
		printf 'From: %s\r\nTo: congvan@%s\r\n' "$1" "$D"
		printf 'Subject: Re: [%s] =?utf-8?B?%s?=\r\n' "$3" "$(b64 'Phân công xử lý')"
		printf 'Date: Tue, 08 Dec 2026 09:10:00 +0700\r\nMessage-ID: <%s@%s>\r\n' "$(uuid)" "$D"
		printf 'In-Reply-To: <%s>\r\nReferences: <%s>\r\n' "$4" "$4"
		printf 'User-Agent: Mozilla/5.0 Thunderbird/115.6.0\r\nMIME-Version: 1.0\r\n'
		printf 'Content-Type: text/plain; charset=UTF-8; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'
		printf '%s\n\nTrân trọng,\n-- \nVụ Pháp chế\n\nVào lúc 09:00 ngày 08/12/2026, congvan@%s đã viết:\n> Kính gửi: Vụ Pháp chế\n> Đề nghị Vụ gia hạn nếu cần.\n' "$5" "$D" |
			sed 's/$/\r/'
	} >"$2"
}
# answer FROM KEY NAME WHEN TEXT: FROM answers the last mail congvan sent
# it about KEY with TEXT, delivered, and a cycle run at WHEN
answer() {
	plain "$1" "$WORK/$3.eml" "$2" "$(sent_id "$2" "$1")" "$5"
	deliver "$1" "$WORK/$3.eml"
	run_at "$4"
}
n_office=$(mail_count vanthu)
n_pc=$(mail_count truong.pc)
answer "truong.pc@$D" "$K2" x1 2026-12-08T09:20:00+07:00 \
	"Vụ Pháp chế đề nghị gia hạn đến ngày 24/12/2026 vì cần thêm thời gian lấy ý kiến các Sở Công Thương."
assert_eq "pending|2026-12-24|cần thêm thời gian lấy ý kiến các Sở Công Thương" \
	"$(q "SELECT e.state, date(e.to_day * 86400, 'unixepoch'), e.reason FROM extensions e JOIN items i ON i.id = e.item_id WHERE key='$K2'")" \
	"an extension request to the date the sentence names, with its reason"
mail_wait_count vanthu $((n_office + 1)) 30 || t_fail "the Office was not asked"
assert_contains "$(header vanthu "$(last_uid vanthu)" Subject)" "Đề nghị gia hạn xử lý đến 24/12/2026" "the Office is asked"
mail_wait_count truong.pc $((n_pc + 1)) 30 || t_fail "the head got no acknowledgement"
assert_contains "$(body truong.pc "$(last_uid truong.pc)")" "24/12/2026" "the head's acknowledgement names the date"
# the Office answers the request: agreed, to an earlier day
REQ=$(header vanthu "$(last_uid vanthu)" Message-ID | tr -d '<>')
n_pc=$(mail_count truong.pc)
plain "vanthu@$D" "$WORK/x2.eml" "$K2" "$REQ" "Đồng ý gia hạn đến ngày 22/12/2026."
deliver vanthu@$D "$WORK/x2.eml"
run_at 2026-12-08T10:00:00+07:00
assert_eq "granted" "$(q "SELECT e.state FROM extensions e JOIN items i ON i.id = e.item_id WHERE key='$K2'")" "granted"
assert_eq "2026-12-22" "$(q "SELECT date(due_day * 86400, 'unixepoch') FROM items WHERE key='$K2'")" \
	"to the day the Office's sentence names, not the one asked for"
mail_wait_count truong.pc $((n_pc + 1)) 30 || t_fail "the head was not told"

t_begin "the head delegates in a sentence, naming the specialist as colleagues do"
n_lan=$(mail_count lan.le)
answer "truong.pc@$D" "$K2" x3 2026-12-08T11:00:00+07:00 \
	"Giao chị Lan xử lý, báo cáo trước ngày 21/12/2026."
assert_eq "lan.le@$D" "$(q "SELECT handler FROM items WHERE key='$K2'")" "'chị Lan' is Lê Thị Lan of the lead unit"
assert_eq "2026-12-21" "$(q "SELECT date(json_extract(data, '$.due') * 86400, 'unixepoch') FROM events e JOIN items i ON i.id = e.item_id WHERE key='$K2' AND kind='delegated'")" \
	"with the internal deadline the sentence gives"
mail_wait_count lan.le $((n_lan + 1)) 30 || t_fail "the specialist was not told"
assert_contains "$(ctypes lan.le "$(last_uid lan.le)")" "text/calendar; method=REQUEST" "her own calendar entry"

t_begin "the specialist asks another unit's opinion in a sentence"
n_tc=$(mail_count truong.tc)
answer "lan.le@$D" "$K2" x4 2026-12-08T14:00:00+07:00 \
	"Đề nghị Vụ Tài chính cho ý kiến về dự thảo trước ngày 16/12/2026."
assert_eq "TC|2026-12-16" "$(q "SELECT c.unit, date(c.due_day * 86400, 'unixepoch') FROM consultations c JOIN items i ON i.id = c.item_id WHERE key='$K2'")" \
	"the unit consulted, to the day the sentence gives"
mail_wait_count truong.tc $((n_tc + 1)) 30 || t_fail "the consulted unit's head was not asked"
assert_contains "$(ctypes truong.tc "$(last_uid truong.tc)")" "text/calendar; method=REQUEST" "with its calendar entry"

t_begin "the head delegates with no directive and asks an opinion, each with its own deadline"
n_lan=$(mail_count lan.le)
n_tttn=$(mail_count truong.tttn)
answer "truong.pc@$D" "$K2" x10 2026-12-08T15:30:00+07:00 \
	"Chị Lan xử lý tiếp giúp anh nhé. Hạn 18/12/2026. Đề nghị lấy ý kiến Vụ Thị trường trong nước, hạn 15/12/2026."
assert_eq "2026-12-18" "$(q "SELECT date(json_extract(data, '$.due') * 86400, 'unixepoch') FROM events e JOIN items i ON i.id = e.item_id WHERE key='$K2' AND kind='delegated' ORDER BY e.id DESC LIMIT 1")" \
	"the deadline sentence after the delegation is hers"
assert_eq "TTTN|2026-12-15" "$(q "SELECT c.unit, date(c.due_day * 86400, 'unixepoch') FROM consultations c JOIN items i ON i.id = c.item_id WHERE key='$K2' AND c.unit = 'TTTN'")" \
	"the consultation keeps the deadline its own sentence gives"
mail_wait_count lan.le $((n_lan + 1)) 30 || t_fail "the specialist was not told"
mail_wait_count truong.tttn $((n_tttn + 1)) 30 || t_fail "the consulted unit's head was not asked"

t_begin "the handler who names herself takes the work on: no delegation, nobody told"
n_lan=$(mail_count lan.le)
n_pc=$(mail_count truong.pc)
delegated() { q "SELECT count(*) FROM events e JOIN items i ON i.id = e.item_id WHERE key='$K2' AND kind='delegated'"; }
n_del=$(delegated)
answer "lan.le@$D" "$K2" x11 2026-12-08T15:40:00+07:00 \
	"Dạ, em Lan tổng hợp số liệu, báo cáo anh trước 17/12/2026 ạ."
assert_eq "$n_del" "$(delegated)" "no delegation to herself"
assert_eq "lan.le@$D" "$(q "SELECT handler FROM items WHERE key='$K2'")" "she stays the handler"
assert_eq 1 "$(q "SELECT count(*) FROM events e JOIN items i ON i.id = e.item_id WHERE key='$K2' AND kind='reply-recorded' AND detail LIKE '%takes the work on%'")" \
	"her reply is recorded as taking the work on"
run_at 2026-12-08T15:41:00+07:00
sleep 2
assert_eq "$n_lan" "$(mail_count lan.le)" "no notice to herself (no delegation, no 'nothing understood')"
assert_eq "$n_pc" "$(mail_count truong.pc)" "nor to the head"

t_begin "a colleague who names herself becomes the handler, told nothing"
n_lan=$(mail_count lan.le)
n_ha=$(mail_count ha.pham)
# she answers the head's copy he forwarded her: congvan sent her nothing
# her own deadline is past the unit's: hers is the unit's, refused in
# silence (nobody is refused anything for taking the work on)
plain "ha.pham@$D" "$WORK/x12.eml" "$K2" "$(sent_id "$K2" "truong.pc@$D")" \
	"Em Hà xử lý tiếp văn bản này, hạn 31/12/2026 ạ."
deliver "ha.pham@$D" "$WORK/x12.eml"
run_at 2026-12-08T15:45:00+07:00
assert_eq "ha.pham@$D" "$(q "SELECT handler FROM items WHERE key='$K2'")" "Hà is the handler now"
assert_eq "$(q "SELECT due_day FROM items WHERE key='$K2'")" \
	"$(q "SELECT json_extract(data, '$.due') FROM events e JOIN items i ON i.id = e.item_id WHERE key='$K2' AND kind='delegated' ORDER BY e.id DESC LIMIT 1")" \
	"her deadline is the unit's"
mail_wait_count lan.le $((n_lan + 1)) 30 || t_fail "Lan's calendar entry was not cancelled"
assert_contains "$(ctypes lan.le "$(last_uid lan.le)")" "method=CANCEL" "Lan is released from the calendar"
sleep 2
assert_eq "$n_ha" "$(mail_count ha.pham)" "no notice to herself"

t_begin "days asked and granted in sentences count from the deadline"
answer "truong.pc@$D" "$K2" x6 2026-12-08T16:00:00+07:00 \
	"Vụ xin gia hạn thêm 03 ngày làm việc do chờ ý kiến của Vụ Tài chính."
assert_eq "2026-12-22|2026-12-25" "$(q "SELECT date(e.from_day * 86400, 'unixepoch'), date(e.to_day * 86400, 'unixepoch') FROM extensions e JOIN items i ON i.id = e.item_id WHERE key='$K2' AND e.state = 'pending'")" \
	"three working days after Tuesday 22/12"
REQ=$(q "SELECT o.message_id FROM outbox o JOIN items i ON i.id = o.item_id WHERE key='$K2' AND o.kind = 'extension_request' ORDER BY o.id DESC LIMIT 1")
plain "vanthu@$D" "$WORK/x7.eml" "$K2" "$REQ" "Đồng ý gia hạn thêm 2 ngày làm việc."
deliver vanthu@$D "$WORK/x7.eml"
run_at 2026-12-08T16:30:00+07:00
assert_eq "2026-12-24" "$(q "SELECT date(due_day * 86400, 'unixepoch') FROM items WHERE key='$K2'")" \
	"two working days granted, after the deadline, not after today"
# the Office moves the deadline itself, unasked, in a sentence
answer "vanthu@$D" "$K2" x8 2026-12-08T16:40:00+07:00 "Văn phòng gia hạn thêm 1 ngày làm việc cho Vụ."
assert_eq "2026-12-25" "$(q "SELECT date(due_day * 86400, 'unixepoch') FROM items WHERE key='$K2'")" \
	"one working day after Thursday 24/12"
answer "vanthu@$D" "$K2" x9 2026-12-08T16:50:00+07:00 "Gia hạn đến ngày 29/12/2026."
assert_eq "2026-12-29" "$(q "SELECT date(due_day * 86400, 'unixepoch') FROM items WHERE key='$K2'")" \
	"to the day it names"

t_begin "the lead's head hands the item to another unit in a sentence, with its reason"
n_tttn=$(mail_count truong.tttn)
answer "truong.pc@$D" "$K" x5 2026-12-08T15:00:00+07:00 \
	"Đề nghị chuyển Vụ Thị trường trong nước chủ trì vì nội dung thuộc chức năng quản lý thị trường."
assert_eq TTTN "$(q "SELECT lead FROM items WHERE key='$K'")" "transferred"
assert_contains "$(q "SELECT detail FROM events e JOIN items i ON i.id = e.item_id WHERE key='$K' AND kind='transferred'")" \
	"nội dung thuộc chức năng quản lý thị trường" "with the reason the sentence gives"
mail_wait_count truong.tttn $((n_tttn + 1)) 30 || t_fail "the new lead was not told"

t_begin "the Office hands the work over without 'chủ trì'; the lead passes it on: not its remit"
routed l3 "V/v kiểm tra giá mặt hàng phân bón" "121/SCT-QLTM" 2026-12-09 "Giao Vụ PC xử lý, hạn 21/12."
K3=$KEY
assert_eq PC "$(q "SELECT lead FROM items WHERE key='$K3'")" "'Giao Vụ PC xử lý' makes PC lead"
assert_eq "2026-12-21" "$(q "SELECT date(due_day * 86400, 'unixepoch') FROM items WHERE key='$K3'")" \
	"with its deadline"
# passes_on KEY NAME TEXT UNIT REASON: the lead's head answers KEY with
# TEXT at 15:00 on 9/12; the item is UNIT's, the transfer's reason REASON
passes_on() {
	answer "truong.pc@$D" "$1" "$2" 2026-12-09T15:00:00+07:00 "$3"
	assert_eq "$4" "$(q "SELECT lead FROM items WHERE key='$1'")" "transferred to $4"
	assert_contains "$(q "SELECT detail FROM events e JOIN items i ON i.id = e.item_id WHERE key='$1' AND kind='transferred'")" \
		"$5" "the reason: $5"
}
passes_on "$K3" x6 "Việc này không thuộc chức năng của Vụ nên đề nghị chuyển Vụ TC xử lý." \
	TC "không thuộc chức năng của Vụ"

t_begin "an English routing note hands the work over; the lead transfers it in English, its reason in brackets"
routed l4 "V/v xuất khẩu gạo sang thị trường EU" "122/SCT-QLTM" 2026-12-09 \
	"PC to handle, TC to assist, due 22/12/2026."
K4=$KEY
assert_eq "PC|TC|2026-12-22" "$(q "SELECT i.lead, group_concat(p.unit), date(i.due_day * 86400, 'unixepoch') FROM items i JOIN parties p ON i.id = p.item_id WHERE key='$K4'")" \
	"'PC to handle' is the lead, 'TC to assist' coordinates, 'due' the deadline"
passes_on "$K4" x13 "Please transfer this to Vụ Thị trường trong nước (not our remit)." \
	TTTN "not our remit"

t_begin "the new lead gives it back in a sentence, the reason in it"
answer "truong.tttn@$D" "$K4" x14 2026-12-09T16:00:00+07:00 \
	"Vụ xin trả lại văn bản vì không thuộc chức năng của Vụ Thị trường trong nước."
assert_eq returned "$(q "SELECT status FROM items WHERE key='$K4'")" "returned"
assert_contains "$(q "SELECT detail FROM events e JOIN items i ON i.id = e.item_id WHERE key='$K4' AND kind='returned'")" \
	"không thuộc chức năng của Vụ Thị trường trong nước" "with the reason its sentence gives"

t_summary
