#!/usr/bin/env bash
# Who may command, on a real Dovecot + OpenSMTPD (README "Who may
# command").  Staff share the organisation's domain with congvan and
# their clients make Message-IDs on it: their replies act.  Our own mail,
# come back through a list or an alias, is recognised by its Message-ID
# and never answered.  A command needs proof: a reply naming one of our
# (unguessable) Message-IDs for the item, or the signed reply address; a
# forged From: with the subject tag only, or with a guessed Message-ID,
# is refused, recorded, and its real owner told once.  With [security]
# commands = both, the sender must also be authenticated by a trusted
# server's Authentication-Results; with dkim = verify, by a DKIM
# signature congvan checks itself (keys from a file here).  Text quoted
# from incoming mail is cut, so a 1 MiB subject makes no 4 MB notice.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
D=congvan.test

for tool in s-nail opendkim-genkey opendkim-testmsg; do
	command -v $tool >/dev/null || { echo "$tool is not installed (contrib/install-deps)"; echo "0 passed, 1 failed"; exit 1; }
done
stack_start || { echo "cannot start the mail stack"; echo "0 passed, 1 failed"; exit 1; }
WORK=$(mktemp -d /tmp/congvan-trust.XXXXXX)
chmod 755 "$WORK"
trap 'stack_stop; [ -n "${T_KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
for u in tttn truong.tttn phapche truong.pc khtc truong.tc a.nguyen b.tran lanhdao outsider; do
	stack_ctl adduser "$u" >/dev/null || t_fail "add-user $u"
done

CONF="$WORK/congvan.conf"
congvan_conf "$WORK/base.conf" "$WORK/congvan.db"
directory_conf "$WORK/base.conf"
cat >>"$WORK/base.conf" <<EOF

[leaders]
members = Lãnh đạo Bộ <lanhdao@$D>
EOF
# policy BLOCK: the configuration with this [security] section
policy() {
	cp "$WORK/base.conf" "$CONF"
	[ -n "$1" ] && printf '\n[security]\n%s\n' "$1" >>"$CONF"
	return 0
}
policy ""

# letter FILE SUBJECT BODY: a ministry's letter (rule: TTTN leads, PC
# coordinates, when the subject speaks of e-commerce)
letter() {
	{
		printf 'From: =?UTF-8?B?%s?= <vanthu@moit.example>\r\n' "$(printf 'Văn phòng Bộ Công Thương' | base64 -w0)"
		printf 'To: congvan@%s\r\nSubject: =?UTF-8?B?%s?=\r\n' "$D" "$(printf '%s' "$2" | base64 -w0)"
		printf 'Date: Mon, 28 Dec 2026 08:00:00 +0700\r\nMessage-ID: <%s@moit.example>\r\n' "$(date +%s%N)"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n'
		printf 'Content-Transfer-Encoding: base64\r\n\r\n'
		printf '%s' "$3" | base64 -w76 | sed 's/$/\r/'
	} >"$1"
}
# reply FILE FROM MSGID KEY IN-REPLY-TO TEXT [HEADER...]: a reply from a
# member of staff, its Message-ID as their client makes it
reply() {
	local file=$1 from=$2 msgid=$3 key=$4 irt=$5 text=$6 h
	shift 6
	{
		printf 'From: %s\r\nTo: congvan@%s\r\n' "$from" "$D"
		printf 'Subject: Re: [%s] =?UTF-8?B?%s?=\r\n' "$key" "$(printf 'Phân công xử lý' | base64 -w0)"
		printf 'Date: Tue, 29 Dec 2026 09:00:00 +0700\r\nMessage-ID: <%s>\r\n' "$msgid"
		[ -n "$irt" ] && printf 'In-Reply-To: <%s>\r\nReferences: <%s>\r\n' "$irt" "$irt"
		for h in "$@"; do printf '%s\r\n' "$h"; done
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n'
		printf 'Content-Transfer-Encoding: 8bit\r\n\r\n%s\r\n' "$text"
	} >"$file"
}
uuid() { cat /proc/sys/kernel/random/uuid; }
refused() { q "SELECT COUNT(*) FROM events e JOIN items i ON i.id = e.item_id WHERE i.key = '$1' AND e.kind = 'command-refused' AND e.actor = '$2'"; }
subjects() {
	local u
	for u in $(mail_uids "$1"); do
		mail_fetch "$1" "$u" | /usr/bin/python3 -c '
import sys, email, email.header as h
m = email.message_from_binary_file(sys.stdin.buffer)
print(str(h.make_header(h.decode_header(m["Subject"]))))'
	done
}

t_begin "check-config explains who may command"
out=$(cv check-config 2>&1)
assert_eq 0 $? "check-config accepts the default"
assert_contains "$out" "proof of receipt" "the default policy, said"
policy "commands = both"
out=$(cv check-config 2>&1)
assert_eq 78 $? "both without a way to authenticate is refused"
assert_contains "$out" "needs a way to authenticate senders" "and says why"
policy ""

t_begin "a letter is assigned; its mail carries unguessable Message-IDs"
letter "$WORK/l1.eml" "V/v góp ý dự thảo về thương mại điện tử" "Số: 1201/BCT-TMĐT
V/v góp ý dự thảo về thương mại điện tử
Kính gửi: Vụ Thị trường trong nước"
deliver vanthu@moit.example "$WORK/l1.eml"
run_at 2026-12-28T09:00:00+07:00
K=$(cv list | grep 'thương mại điện tử' | cut -f1)
assert_eq assigned "$(q "SELECT status FROM items WHERE key='$K'")" "assigned by the rule"
HEAD_ID=$(sent_id "$K" "truong.tttn@$D")
PC_ID=$(sent_id "$K" "truong.pc@$D")
assert_contains "$HEAD_ID" "cv." "our Message-ID"
assert_eq 1 "$(printf '%s' "$HEAD_ID" | grep -cE '^cv\.[0-9a-f]{8}[0-9a-f]{32}\.[0-9a-f]{16}@congvan\.test$')" \
	"the second it was made, 128 random bits and our mark, on the domain staff share"

t_begin "replies from staff on the organisation's own domain act, whatever their client"
# Thunderbird: <uuid@domain>
reply "$WORK/tb.eml" "Trưởng Vụ TTTN <truong.tttn@$D>" "$(uuid)@$D" "$K" "$HEAD_ID" \
	"Giao: Nguyễn Văn A <a.nguyen@$D>" "User-Agent: Mozilla/5.0 Thunderbird/115.5.0"
deliver truong.tttn@$D "$WORK/tb.eml"
run_at 2026-12-28T10:00:00+07:00
assert_eq "a.nguyen@$D" "$(q "SELECT handler FROM items WHERE key='$K'")" "Thunderbird's reply delegated"
# Apple Mail: <UUID@domain>, upper case
A_ID=$(sent_id "$K" "a.nguyen@$D")
reply "$WORK/am.eml" "Nguyễn Văn A <a.nguyen@$D>" "$(uuid | tr a-f A-F)@$D" "$K" "$A_ID" \
	"Lấy ý kiến: PC
Hạn: 31/12/2026" "X-Mailer: Apple Mail (2.3774.300.61.1.2)"
deliver a.nguyen@$D "$WORK/am.eml"
run_at 2026-12-28T11:00:00+07:00
assert_eq pending "$(q "SELECT state FROM consultations WHERE unit='PC'")" "Apple Mail's reply consulted PC"
# s-nail, a real client, through the stack's SMTP: <date.id%user@domain>
PC_REQ=$(sent_id "$K" "truong.pc@$D")
n=$(mail_count congvan)
{
	printf 'From: =?UTF-8?B?%s?= <truong.pc@%s>\nTo: congvan@%s\n' "$(printf 'Trưởng Vụ Pháp chế' | base64 -w0)" "$D" "$D"
	printf 'Subject: Re: [%s] =?UTF-8?B?%s?=\n' "$K" "$(printf 'Đề nghị cho ý kiến' | base64 -w0)"
	printf 'In-Reply-To: <%s>\nReferences: <%s>\n\n' "$PC_REQ" "$PC_REQ"
	printf 'Vụ Pháp chế nhất trí với dự thảo.\n\nTrân trọng,\nTrưởng Vụ Pháp chế\n'
} | HOME=$WORK s-nail -n -t -S v15-compat -S "mta=smtp://127.0.0.1:$SMTP_PORT" -S smtp-auth=none \
	-S hostname=$D -S ttycharset=utf-8 -S sendcharsets=utf-8 2>"$WORK/snail.err"
assert_eq 0 $? "s-nail sent the reply"
mail_wait_count congvan $((n + 1)) 30 || t_fail "s-nail's reply did not arrive"
run_at 2026-12-29T09:00:00+07:00
SN_ID=$(q "SELECT message_id FROM messages ORDER BY id DESC LIMIT 1")
assert_contains "$SN_ID" "@$D" "s-nail's Message-ID is on the organisation's domain"
assert_eq reply "$(q "SELECT kind FROM messages ORDER BY id DESC LIMIT 1")" "not taken for our own mail"
assert_eq agree "$(q "SELECT state FROM consultations WHERE unit='PC'")" "s-nail's sentence recorded as agreement"
# Roundcube: <hex@domain>
reply "$WORK/rc.eml" "Nguyễn Văn A <a.nguyen@$D>" "$(uuid | tr -d -)@$D" "$K" "$A_ID" \
	"Gia hạn: 15/01/2027
Lý do: chờ số liệu" "User-Agent: Roundcube Webmail/1.6.5"
deliver a.nguyen@$D "$WORK/rc.eml"
run_at 2026-12-29T10:00:00+07:00
assert_eq pending "$(q "SELECT state FROM extensions")" "Roundcube's reply asked for an extension"

t_begin "our own mail, come back through a list or an alias, is ours and never answered"
uid=$(mail_uids truong.tttn | tr ' ' '\n' | head -1)
mail_fetch truong.tttn "$uid" | tr -d '\r' >"$WORK/own.eml"
# a list relays it: From rewritten, List-Id added, Message-ID kept
sed -e "s/^From: .*/From: \"congvan via ds-lanhdao\" <ds-lanhdao@$D>/" \
	-e "1i List-Id: <ds-lanhdao.$D>" "$WORK/own.eml" >"$WORK/own-list.eml"
items=$(q "SELECT COUNT(*) FROM items")
answers=$(q "SELECT COUNT(*) FROM outbox")
maildir_inject congvan "$WORK/own.eml" "$WORK/own-list.eml"
run_at 2026-12-29T11:00:00+07:00
assert_eq 2 "$(q "SELECT COUNT(*) FROM messages WHERE kind = 'auto' AND kind_reason = 'our own message'")" \
	"both recognised as our own by their Message-ID's mark"
assert_eq "$items" "$(q "SELECT COUNT(*) FROM items")" "no item"
assert_eq "$answers" "$(q "SELECT COUNT(*) FROM outbox")" "no answer"

t_begin "a forged From: with the subject tag only is refused, and its owner told once"
n_head=$(mail_count truong.tttn)
reply "$WORK/f1.eml" "Trưởng Vụ TTTN <truong.tttn@$D>" "$(uuid)@attacker.example" "$K" "" "Hoàn thành"
mail_send outsider@attacker.example "congvan@$D" "$WORK/f1.eml" || t_fail "send f1"
# with a guessed Message-ID: the old format, and one of ours for another item
reply "$WORK/f2.eml" "Trưởng Vụ TTTN <truong.tttn@$D>" "$(uuid)@attacker.example" "$K" \
	"cv.$K.1798425600.0011223344556677@$D" "Hoàn thành"
mail_send outsider@attacker.example "congvan@$D" "$WORK/f2.eml" || t_fail "send f2"
reply "$WORK/f3.eml" "Văn thư <vanthu@$D>" "$(uuid)@attacker.example" "$K" \
	"cv.0123456789abcdef0123456789abcdef.0123456789abcdef@$D" "Chủ trì: TC"
mail_send outsider@attacker.example "congvan@$D" "$WORK/f3.eml" || t_fail "send f3"
mail_wait_count congvan $(($(mail_count congvan))) 5
sleep 1
run_at 2026-12-29T14:00:00+07:00
assert_eq assigned "$(q "SELECT status FROM items WHERE key='$K'")" "not closed"
assert_eq TTTN "$(q "SELECT lead FROM items WHERE key='$K'")" "not reassigned"
assert_eq 2 "$(refused "$K" "truong.tttn@$D")" "both refusals recorded on the item"
assert_eq 1 "$(refused "$K" "vanthu@$D")" "the forged Office too"
assert_contains "$(cv show "$K")" "command-refused" "show lists the refusal"
assert_contains "$(cv audit)" "no proof of receipt" "audit says why"
mail_wait_count truong.tttn $((n_head + 1)) 30 || t_fail "the head was not told"
sleep 1
assert_eq $((n_head + 1)) "$(mail_count truong.tttn)" "told once, not once per forgery"
assert_contains "$(subjects truong.tttn | tail -1)" "chưa được thực hiện" "the answer explains"
assert_eq 0 "$(mail_count outsider)" "the forger learns nothing"

t_begin "with commands = both: a real reply needs a trusted pass, an untrusted header counts for nothing"
policy "commands = both
authserv_id = mx.$D"
assert_contains "$(cv check-config)" "authenticated sender" "check-config says so"
AR_PASS="Authentication-Results: mx.$D; dkim=pass header.d=$D header.i=@$D; dmarc=pass header.from=$D"
AR_OTHER="Authentication-Results: mx.attacker.example; dmarc=pass header.from=$D"
AR_FAIL="Authentication-Results: mx.$D; dkim=fail header.d=$D; dmarc=fail header.from=$D"
HEAD_ID=$(sent_id "$K" "truong.tttn@$D")
reply "$WORK/b1.eml" "Trưởng Vụ TTTN <truong.tttn@$D>" "$(uuid)@$D" "$K" "$HEAD_ID" \
	"Lấy ý kiến: TC" "$AR_OTHER"
reply "$WORK/b2.eml" "Trưởng Vụ TTTN <truong.tttn@$D>" "$(uuid)@$D" "$K" "$HEAD_ID" \
	"Lấy ý kiến: TC" "$AR_FAIL"
reply "$WORK/b3.eml" "Trưởng Vụ TTTN <truong.tttn@$D>" "$(uuid)@$D" "$K" "$HEAD_ID" \
	"Lấy ý kiến: TC"
maildir_inject congvan "$WORK/b1.eml" "$WORK/b2.eml" "$WORK/b3.eml"
run_at 2026-12-30T09:00:00+07:00
assert_eq 0 "$(q "SELECT COUNT(*) FROM consultations WHERE unit='TC'")" "none of them acts"
assert_eq 5 "$(refused "$K" "truong.tttn@$D")" "three more refusals"
assert_contains "$(q "SELECT detail FROM events WHERE kind='command-refused' ORDER BY id DESC LIMIT 1")" \
	"not authenticated" "recorded as not authenticated"
reply "$WORK/b4.eml" "Trưởng Vụ TTTN <truong.tttn@$D>" "$(uuid)@$D" "$K" "$HEAD_ID" \
	"Lấy ý kiến: TC" "$AR_PASS" "$AR_OTHER"
maildir_inject congvan "$WORK/b4.eml"
run_at 2026-12-30T10:00:00+07:00
assert_eq pending "$(q "SELECT state FROM consultations WHERE unit='TC'")" "the authenticated reply with proof acts"
# authenticated, but no proof of receipt (a new message, the tag only)
reply "$WORK/b5.eml" "Trưởng Vụ TTTN <truong.tttn@$D>" "$(uuid)@$D" "$K" "" \
	"Hoàn thành" "$AR_PASS"
maildir_inject congvan "$WORK/b5.eml"
run_at 2026-12-30T11:00:00+07:00
assert_eq assigned "$(q "SELECT status FROM items WHERE key='$K'")" "both asks for the proof too"

t_begin "with dkim = verify: congvan checks the signature itself; a leader's forwarded notice is heard"
opendkim-genkey -D "$WORK" -d "$D" -s test2026 >/dev/null 2>&1 || t_fail "opendkim-genkey"
rec=$(tr -d '\n\t' <"$WORK/test2026.txt" | grep -o '"[^"]*"' | tr -d '"\n' | sed 's/ h=sha256;//')
printf 'test2026._domainkey.%s %s\n' "$D" "$rec" >"$WORK/dkim-keys"
policy "commands = authenticated
dkim = verify
dkim_keys = $WORK/dkim-keys"
out=$(cv check-config 2>&1)
assert_eq 0 $? "dkim = verify is a way to authenticate"
# the leader forwards nothing of ours: no reference, only the tag
reply "$WORK/k1.eml" "Lãnh đạo Bộ <lanhdao@$D>" "$(uuid)@$D" "$K" "" "Hạn: 15/01/2027"
opendkim-testmsg -C -d "$D" -k "$WORK/test2026.private" -s test2026 <"$WORK/k1.eml" >"$WORK/k1s.eml" ||
	t_fail "signing"
# the same signed, then changed; and unsigned
sed 's/^Hạn: 15/Hạn: 25/' "$WORK/k1s.eml" >"$WORK/k2s.eml"
sed -i 's/^Message-ID: <[^>]*>/Message-ID: <changed.'"$(uuid)"'@congvan.test>/' "$WORK/k2s.eml"
reply "$WORK/k3.eml" "Lãnh đạo Bộ <lanhdao@$D>" "$(uuid)@$D" "$K" "" "Hạn: 20/01/2027"
due=$(q "SELECT due_day FROM items WHERE key='$K'")
maildir_inject congvan "$WORK/k2s.eml" "$WORK/k3.eml"
run_at 2026-12-30T14:00:00+07:00
assert_eq 2 "$(refused "$K" "lanhdao@$D")" "altered and unsigned are refused"
assert_eq "$due" "$(q "SELECT due_day FROM items WHERE key='$K'")" "the deadline unchanged"
maildir_inject congvan "$WORK/k1s.eml"
run_at 2026-12-30T15:00:00+07:00
assert_eq "2027-01-15" "$(q "SELECT date(due_day * 86400, 'unixepoch') FROM items WHERE key='$K'")" \
	"the signed reply acts, without proof of receipt"

t_begin "text quoted from incoming mail is cut: a 1 MiB subject makes a small notice"
policy ""
# from a sender no rule takes (the Office's notice quotes the subject and
# the sender), a name as long as the subject; past what an SMTP server
# takes, so put in the mailbox as the MX would
/usr/bin/python3 - "$WORK/big.eml" <<'PY'
import base64, sys
x = "x" * 700000
def b(s): return "=?UTF-8?B?" + base64.b64encode(s.encode()).decode() + "?="
open(sys.argv[1], "w").write(
    f"From: {b('Sở Công Thương ' + x)} <vanthu@laocai.example>\r\n"
    "To: congvan@congvan.test\r\n"
    f"Subject: {b('V/v ' + x)}\r\n"
    "Date: Mon, 28 Dec 2026 08:00:00 +0700\r\nMessage-ID: <big@laocai.example>\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\nSố: 9/SCT-QLTM\r\n")
PY
maildir_inject congvan "$WORK/big.eml"
run_at 2026-12-31T09:00:00+07:00
KB=$(q "SELECT key FROM items ORDER BY id DESC LIMIT 1")
size=$(q "SELECT MAX(o.data_size) FROM outbox o JOIN items i ON i.id = o.item_id WHERE i.key = '$KB'")
assert_ge 100000 "${size:-0}" "the Office's notice stays under 100 KB"
assert_ge "${size:-0}" 1 "there is one"

t_summary
