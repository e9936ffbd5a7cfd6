#!/usr/bin/env bash
# Scanned and digitally signed letters arriving by mail, on a real Dovecot
# + OpenSMTPD: a scan as an image-only PDF and as a JPEG are registered with
# the number and date read by OCR (show says which fields came from OCR);
# a signed PDF's signature is stated in show and in the Office's notice
# read back over IMAP; a letter whose signed PDF was altered after signing
# goes to the Office flagged instead of to the unit its rule names, and the
# assignment mail of a signed letter states its signature; without
# Tesseract's Vietnamese data intake goes on and show says why the scan was
# not read.  A letter typed in Word and sent as a binary .doc is registered
# with its number, issuer, date and subject; one cut short is stored and
# marked not read, and the mail is registered from what it says.  Two pages
# of OCR in all, to keep the suite fast.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
DOCS="$T_PY $T_ROOT/tests/integration/documents.py"
NOW=2026-12-07T09:00:00+07:00

stack_start || { echo "cannot start the mail stack"; echo "0 passed, 1 failed"; exit 1; }
WORK=$(mktemp -d /tmp/congvan-scan.XXXXXX)
chmod 755 "$WORK"
trap 'stack_stop; rm -rf "$WORK"' EXIT

for u in tttn khtc truong.tc; do
	stack_ctl adduser "$u@$DOMAIN" >/dev/null || { echo "cannot add $u"; echo "0 passed, 1 failed"; exit 1; }
done
pki_make "$WORK/pki" || { echo "cannot make the test CA"; echo "0 passed, 1 failed"; exit 1; }
CONF="$WORK/congvan.conf"
congvan_conf "$CONF" "$WORK/congvan.db"
directory_conf "$CONF"
printf '\n[letters]\ntrust = %s\n' "$WORK/pki/ca" >>"$CONF"

# body USER UID: the decoded text/plain part of a message
body() {
	mail_fetch "$1" "$2" | "$T_PY" -c '
import sys, email, email.policy
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
print(m["Subject"]); print(m.get_body(("plain",)).get_content())'
}
# notice_for NUMBER: the Office's notice that names NUMBER (subject and text)
notice_for() {
	local u b
	for u in $(mail_uids vanthu); do
		b=$(body vanthu "$u")
		[[ $b == *"$1"* ]] && { printf '%s\n' "$b"; return 0; }
	done
	return 1
}
key_of() { cv list | grep -F "$1" | cut -f1 | head -1; }

"$T_PY" "$T_ROOT/contrib/gen-scans.py" "$WORK/scans" 2 --seed 5 --variants clean300,stamp300 >/dev/null
scan_no=$(sed -n 1p "$WORK/scans/manifest.jsonl" | "$T_PY" -c 'import json,sys; print(json.load(sys.stdin)["number"])')
scan_date=$(sed -n 1p "$WORK/scans/manifest.jsonl" | "$T_PY" -c 'import json,sys; print(json.load(sys.stdin)["date"])')
jpeg_no=$(sed -n 4p "$WORK/scans/manifest.jsonl" | "$T_PY" -c 'import json,sys; print(json.load(sys.stdin)["number"])')
jpeg_date=$(sed -n 4p "$WORK/scans/manifest.jsonl" | "$T_PY" -c 'import json,sys; print(json.load(sys.stdin)["date"])')

$DOCS eml "$WORK/scan-pdf.eml" "$WORK/scans/0001-clean300.pdf" \
	--from "Văn thư Sở Tài chính <vanthu@stc.example>" --subject "Gửi văn bản (bản quét)" \
	--body "Kính gửi Văn phòng Bộ,

Sở Tài chính gửi văn bản đính kèm (bản quét có dấu đỏ).

Trân trọng.
Lê Thị Hồng"
$DOCS eml "$WORK/scan-jpeg.eml" "$WORK/scans/0002-stamp300.jpg" \
	--from "Nguyễn Thị Hà <ha.nt@snv.example>" --subject "Fwd: công văn chụp" \
	--body "Em gửi ảnh chụp công văn, bản giấy gửi sau ạ.

Hà"
$DOCS letter "$WORK/l1234.pdf" 1234/BTC-KHTC
pdf_sign "$WORK/pki" an "$WORK/l1234.pdf" "$WORK/1234-BTC-KHTC.pdf" || t_fail "pdfsig"
$DOCS eml "$WORK/signed.eml" "$WORK/1234-BTC-KHTC.pdf" \
	--from "Văn thư Bộ Tài chính <vanthu@mof.example>" --subject "Công văn 1234/BTC-KHTC (ký số)" \
	--body "Kính gửi Văn phòng Bộ,

Bộ Tài chính gửi Công văn số 1234/BTC-KHTC đã ký số.

Trân trọng."
$DOCS letter "$WORK/l1300.pdf" 1300/BTC-KHTC
pdf_sign "$WORK/pki" an "$WORK/l1300.pdf" "$WORK/s1300.pdf" || t_fail "pdfsig"
$DOCS alter "$WORK/s1300.pdf" "$WORK/1300-BTC-KHTC.pdf" "1300/BTC" "1800/BTC"
$DOCS eml "$WORK/altered.eml" "$WORK/1300-BTC-KHTC.pdf" \
	--from "Văn phòng Bộ Công Thương <vanthu@moit.example>" \
	--subject "V/v thương mại điện tử (văn bản ký số)" \
	--body "Kính gửi Văn phòng Bộ,

Gửi văn bản ký số về thương mại điện tử.

Trân trọng."

t_begin "a scanned letter (image-only PDF) is registered with the number and date read by OCR"
deliver vanthu@stc.example "$WORK/scan-pdf.eml"
run_at "$NOW"
assert_eq 0 $? "run --once"
k=$(key_of stc.example)
show=$(cv show "${k:-none}")
assert_contains "$show" "number:       $scan_no" "show: the number"
assert_contains "$show" "dated:        $scan_date" "show: the date"
assert_contains "$show" "read by OCR:  number" "show: the fields read by OCR"
assert_contains "$show" "read by OCR (confidence" "show: the attachment was read by OCR"
conf=$(q "SELECT ocr_confidence FROM letters l JOIN items i ON i.id = l.item_id WHERE i.key = '$k'")
assert_ge "${conf:-0}" 1 "a confidence is stored"
pages=$(q "SELECT COUNT(*) FROM scan_pages")
assert_eq 1 "$pages" "the recognised page is stored"
assert_contains "$(q "SELECT text FROM scan_pages")" "$scan_no" "with its text"

t_begin "a photographed letter (JPEG) is registered too"
deliver ha.nt@snv.example "$WORK/scan-jpeg.eml"
run_at "$NOW"
k=$(key_of snv.example)
show=$(cv show "${k:-none}")
assert_contains "$show" "number:       $jpeg_no" "show: the number"
assert_contains "$show" "dated:        $jpeg_date" "show: the date"
assert_contains "$show" "read from:    image" "show: read from the image"

t_begin "a signed PDF: the signature in show and in the Office's notice"
deliver vanthu@mof.example "$WORK/signed.eml"
run_at "$NOW"
k=$(key_of mof.example)
show=$(cv show "${k:-none}")
assert_contains "$show" "number:       1234/BTC-KHTC" "show: the number from the text layer"
assert_contains "$show" "signature:    Văn bản có chữ ký số của Nguyễn Văn An, hợp lệ, ký lúc" \
	"show: the signature in one line"
smtp_queue_empty 20
mail_wait_count vanthu 3 30 || t_fail "the notices did not arrive"
notice=$(notice_for 1234/BTC-KHTC)
assert_contains "$notice" "[$k]" "the notice is about the item"
assert_contains "$notice" "Văn bản có chữ ký số của Nguyễn Văn An, hợp lệ, ký lúc" \
	"the notice states the signature"
assert_contains "$notice" "Cần kiểm tra: —" "nothing to check"

t_begin "a signed PDF altered after signing goes to the Office flagged, not by its rule"
deliver vanthu@moit.example "$WORK/altered.eml"
run_at "$NOW"
k=$(key_of moit.example)
show=$(cv show "${k:-none}")
assert_contains "$show" "status:       registered" "not assigned by the e-commerce rule"
assert_contains "$show" "nhưng văn bản đã bị sửa đổi sau khi ký" "show: altered"
assert_contains "$show" "flagged" "the flag is on the timeline"
smtp_queue_empty 20
mail_wait_count vanthu 4 30 || t_fail "the notice did not arrive"
notice=$(notice_for "[$k]")
assert_contains "$notice" "Cần kiểm tra: chữ ký số không hợp lệ hoặc văn bản đã bị sửa đổi sau khi ký" \
	"the Office is asked to check it"
assert_eq 0 "$(mail_count tttn)" "the lead unit of the rule got nothing"

t_begin "a signed letter assigned by a rule: the assignment mail states the signature"
$DOCS letter "$WORK/l1400.pdf" 1400/BCT-TC
pdf_sign "$WORK/pki" binh "$WORK/l1400.pdf" "$WORK/1400-BCT-TC.pdf" || t_fail "pdfsig"
$DOCS eml "$WORK/assigned.eml" "$WORK/1400-BCT-TC.pdf" \
	--from "Văn phòng Bộ Công Thương <vanthu@moit.example>" --subject "V/v dự toán ngân sách 2027" \
	--body "Kính gửi Văn phòng Bộ,

Gửi Công văn số 1400/BCT-TC (ký số).

Trân trọng."
deliver vanthu@moit.example "$WORK/assigned.eml"
run_at "$NOW"
smtp_queue_empty 20
mail_wait_count khtc 1 30 || t_fail "the assignment did not arrive"
mail=
for u in $(mail_uids khtc); do
	b=$(body khtc "$u")
	[[ $b == *"Phân công xử lý văn bản"* ]] && mail=$b
done
assert_contains "$mail" "1400/BCT-TC" "the assignment names the letter"
assert_contains "$mail" "Văn bản có chữ ký số của Trần Thị Bình, hợp lệ, ký lúc" \
	"it states the signature"

t_begin "without Tesseract's Vietnamese data, intake goes on and show says why"
sed 's/0f4b8c2e-/1a2b3c4d-/' "$WORK/scan-jpeg.eml" >"$WORK/scan-jpeg2.eml"
mkdir -p "$WORK/no-tessdata"
deliver ha.nt@snv.example "$WORK/scan-jpeg2.eml"
TESSDATA_PREFIX="$WORK/no-tessdata" run_at "$NOW"
assert_eq 0 $? "run --once"
k=$(cv list | grep -F snv.example | tail -1 | cut -f1)
show=$(cv show "${k:-none}")
assert_contains "$show" "not read: Tesseract could not load its Vietnamese language data" \
	"show: the scan was not read, and why"
assert_contains "$show" "tesseract-ocr-vie" "show: which package is missing"

# word_mail DOMAIN FILE: a clerk of DOMAIN mails FILE, a cycle runs; the
# item's key in $k, what show says of it in $show
word_mail() {
	$DOCS eml "$WORK/$1.eml" "$2" --from "Văn thư Bộ Công Thương <vanthu@$1>" \
		--subject "Gửi công văn" --body "Kính gửi Văn phòng Bộ,

Bộ Công Thương gửi công văn đính kèm.

Trân trọng."
	deliver "vanthu@$1" "$WORK/$1.eml"
	run_at "$NOW"
	assert_eq 0 $? "run --once"
	k=$(key_of "$1")
	show=$(cv show "${k:-none}")
}

t_begin "a letter typed in Word, sent as a binary .doc, is registered with what it says"
word_mail vpbct.example "$T_ROOT/tests/data/letters/3012-BCT-KH.doc"
assert_contains "$show" "number:       3012/BCT-KH" "show: the number"
assert_contains "$show" "issuer:       BỘ CÔNG THƯƠNG" "show: the issuer"
assert_contains "$show" "dated:        2025-06-02" "show: the date"
assert_contains "$show" "about (V/v):  cung cấp số liệu phục vụ xây dựng kế hoạch phát triển kinh tế - xã hội 5 năm 2026-2030" \
	"show: the subject"
assert_contains "$show" "read from:    doc" "show: read from the .doc"
assert_contains "$show" "3012-BCT-KH.doc  application/msword" "show lists the attachment"

t_begin "a .doc cut short: stored, marked not read, the mail registered from what it says"
head -c 9000 "$T_ROOT/tests/data/letters/3012-BCT-KH.doc" >"$WORK/CV 3012-BCT-KH.doc"
word_mail cut.example "$WORK/CV 3012-BCT-KH.doc"
assert_ne "" "$k" "the mail is registered"
assert_contains "$show" "number:       3012/BCT-KH" "show: the number its file name gives"
assert_contains "$show" "read from:    cover" "show: from the covering mail"
assert_contains "$show" "not read: cannot open the OLE2 container" "show: the file was not read, and why"
assert_eq 1 "$(q "SELECT COUNT(*) FROM attachments a JOIN items i ON i.message_id = a.message_id WHERE i.key = '$k'")" \
	"the file is stored"

t_begin "one time budget per message: a scan past it is stored and marked 'not read (time limit)'"
sed -i 's|^\[letters\]$|[letters]\ntime_limit = 1|' "$CONF"
$DOCS eml "$WORK/two-scans.eml" "$WORK/scans/0001-clean300.pdf" "$WORK/scans/0002-stamp300.jpg" \
	--from "Văn thư Sở Tài chính <vanthu@stc.example>" --subject "Gửi hai văn bản (bản quét)" \
	--body "Kính gửi Văn phòng Bộ,

Sở Tài chính gửi hai văn bản đính kèm.

Trân trọng."
deliver vanthu@stc.example "$WORK/two-scans.eml"
run_at "$NOW"
assert_eq 0 $? "run --once"
k=$(cv list | grep -F "hai văn bản" | cut -f1)
show=$(cv show "${k:-none}")
assert_contains "$show" "0002-stamp300.jpg  image/jpeg" "show lists the second scan"
assert_contains "$show" "not read (time limit)" "show: not read (time limit)"
assert_eq 2 "$(q "SELECT COUNT(*) FROM attachments a JOIN items i ON i.message_id = a.message_id WHERE i.key = '$k'")" \
	"both scans are stored"

t_summary
