#!/usr/bin/env bash
# congvan-reader, the sandboxed reader of attached documents, and what
# `congvan inspect` makes of its results (no mail servers):
#  - what is no document (text, a truncated image, a ZIP, nothing) exits 65
#    and writes nothing; truncated PDFs never crash it;
#  - a PDF's text layer: the letter in it (a generated letter, the corpus
#    sample), read by inspect with "read": "text";
#  - a letter typed in Word or LibreOffice (DOCX, ODT): its text as the page
#    shows it (no deleted text, field code or duplicate text box), the
#    letter read from it; a ZIP of something else and a deflate bomb are
#    refused;
#  - a letter typed in Word and sent as a binary .doc (tests/data/letters:
#    UTF-16 and 8-bit pieces, tables, fields, a tracked deletion): its
#    text, the letter read from it by inspect; truncated, damaged and
#    encrypted copies never crash the reader, which says why it read no
#    text, and the mail is still a letter;
#  - scans read by OCR (Tesseract, vie): an image-only PDF at 300 dpi and a
#    stamped JPEG give the letter's number and date, the fields are listed
#    as read by OCR; without the Vietnamese data the scan is "not read" and
#    inspect says why;
#  - one time budget per message ([letters] time_limit): scans past it are
#    marked "time-limit";
#  - digital signatures (a throwaway CA in an NSS database, pdfsig):
#    valid and trusted (anchors as an NSS database and as PEM files), valid
#    but untrusted, altered after signing, changed after signing, two
#    signatures, an empty signature field; inspect's "signatures" list.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN=${CONGVAN:-$T_ROOT/congvan}
READER=${READER:-$T_ROOT/congvan-reader}
DOCS="$T_PY $T_ROOT/tests/integration/documents.py"
WORK=$(mktemp -d /tmp/congvan-reader.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# reader FILE [ARGS]: the reader's result on FILE; its exit status in $WORK/rc
reader() {
	local f=$1 rc=0
	shift
	"$READER" "$@" <"$f" >"$WORK/out" 2>"$WORK/err" || rc=$?
	echo "$rc" >"$WORK/rc"
	cat "$WORK/out"
}

# crashes FILE...: how many FILEs the reader ends with neither 0 nor 65
# (each named on standard error)
crashes() {
	local f rc bad=0
	for f in "$@"; do
		rc=0
		"$READER" <"$f" >/dev/null 2>&1 || rc=$?
		[ "$rc" = 0 ] || [ "$rc" = 65 ] || { bad=$((bad + 1)); echo "  $f: exit $rc" >&2; }
	done
	echo "$bad"
}

# cuts FILE DIR: FILE cut short every 97 bytes, as DIR/LENGTH
cuts() {
	local cut
	mkdir -p "$2"
	for cut in $(seq 0 97 "$(stat -c %s "$1")"); do
		head -c "$cut" "$1" >"$2/$cut"
	done
}

# conf [KEY=VALUE...]: a configuration for inspect (no server is contacted)
conf() {
	cat >"$WORK/congvan.conf" <<EOF
[service]
organization = Bộ Công Thương
domain = congvan.test
database = $WORK/congvan.db
office = vanthu@congvan.test

[mailbox]
url = imap://127.0.0.1:1/INBOX
user = congvan@congvan.test
password = x

[smtp]
url = smtp://127.0.0.1:1
from = congvan@congvan.test

[letters]
EOF
	printf '%s\n' "$@" >>"$WORK/congvan.conf"
}

# inspect EML [ENV=VALUE...]: congvan inspect's JSON with the current conf
inspect() {
	local eml=$1
	shift
	env "$@" "$CONGVAN" -c "$WORK/congvan.conf" inspect "$eml" 2>"$WORK/inspect.err"
}

# jq-like access to the JSON on stdin: json EXPR (Python, the value as d)
json() { "$T_PY" -c "import json,sys; d=json.load(sys.stdin); v=$1; print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))"; }

conf

t_begin "check-config says which congvan-reader reads attachments"
out=$("$CONGVAN" -c "$WORK/congvan.conf" check-config 2>&1)
assert_contains "$out" "attached documents: " "check-config names the reader"
assert_contains "$out" "congvan-reader" "... found beside congvan"

t_begin "what is no document is refused with 65, and never crashes the reader"
printf 'Kính gửi Văn thư, đây không phải là tệp PDF.\n' >"$WORK/text.txt"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$WORK/cut.png"
printf 'PK\003\004\024\0\0\0\010\0' >"$WORK/a.zip"
: >"$WORK/empty"
for f in text.txt cut.png a.zip empty; do
	out=$(reader "$WORK/$f")
	assert_eq 65 "$(cat "$WORK/rc")" "$f: exit status 65"
	assert_eq "" "$(printf '%s' "$out" | grep -a '^page' || true)" "$f: no page"
done
$DOCS letter "$WORK/letter.pdf" 45/UBND-VX
cuts "$WORK/letter.pdf" "$WORK/cut-pdf"
assert_eq 0 "$(crashes "$WORK"/cut-pdf/*)" "truncated copies end with 0 or 65, never a signal"

t_begin "a PDF's text layer: the letter, read as text"
out=$(reader "$WORK/letter.pdf")
assert_eq 0 "$(cat "$WORK/rc")" "exit status 0"
assert_eq "congvan-reader 1" "$(printf '%s\n' "$out" | head -1)" "versioned result"
assert_contains "$out" "doc pdf 1 0" "one page"
assert_contains "$out" "page 1 text 100 " "page 1 from the text layer"
assert_contains "$out" "Số: 45/UBND-VX" "the number in the text"
assert_eq "end 0" "$(printf '%s\n' "$out" | tail -1)" "the result ends"
$DOCS eml "$WORK/letter.eml" "$WORK/letter.pdf"
j=$(inspect "$WORK/letter.eml")
assert_eq "45/UBND-VX" "$(printf '%s' "$j" | json "d['letter']['number']")" "inspect: number"
assert_eq "2026-11-20" "$(printf '%s' "$j" | json "d['letter']['date']")" "inspect: date"
assert_eq "pdf" "$(printf '%s' "$j" | json "d['letter']['source']")" "inspect: from the PDF"
assert_eq "null" "$(printf '%s' "$j" | json "d['letter']['ocr']")" "inspect: nothing by OCR"
assert_eq "text" "$(printf '%s' "$j" | json "d['attachments'][0]['read']")" "inspect: the attachment was read as text"
assert_eq "[]" "$(printf '%s' "$j" | json "d['signatures']")" "inspect: no signature"

t_begin "a letter typed in Word (DOCX) or LibreOffice (ODT): its text, what the page shows"
$DOCS docx "$WORK/letter.docx" 88/SCT-QLTM
$DOCS odt "$WORK/letter.odt" 88/SCT-QLTM
out=$(reader "$WORK/letter.docx")
assert_eq 0 "$(cat "$WORK/rc")" "docx: exit status 0"
assert_contains "$out" "doc docx 1 0" "docx: one text"
assert_contains "$out" "Số: 88/SCT-QLTM" "docx: the number, its runs joined"
assert_not_contains "$out" "999/XX-YY" "docx: the number deleted under tracked changes is not read"
assert_not_contains "$out" "PAGE" "docx: a field's code is not read"
assert_eq 1 "$(printf '%s\n' "$out" | grep -c 'KHẨN')" "docx: a text box once, not its fallback copy too"
out=$(reader "$WORK/letter.odt")
assert_eq 0 "$(cat "$WORK/rc")" "odt: exit status 0"
assert_contains "$out" "doc odt 1 0" "odt: one text"
assert_not_contains "$out" "999/XX-YY" "odt: the deleted number is not read"
for kind in docx odt; do
	# a clerk's mail, the file as Outlook sends it, and as octet-stream
	$DOCS eml "$WORK/$kind.eml" "$WORK/letter.$kind" --subject "Gửi công văn số 88/SCT-QLTM"
	j=$(inspect "$WORK/$kind.eml")
	assert_eq "88/SCT-QLTM" "$(printf '%s' "$j" | json "d['letter']['number']")" "$kind: number"
	assert_eq "2026-11-20" "$(printf '%s' "$j" | json "d['letter']['date']")" "$kind: date"
	assert_eq "Nguyễn Văn An" "$(printf '%s' "$j" | json "d['letter']['signer']")" "$kind: signer"
	assert_ne "null" "$(printf '%s' "$j" | json "d['letter']['deadline']")" "$kind: the deadline the text states"
	assert_eq "$kind" "$(printf '%s' "$j" | json "d['letter']['source']")" "$kind: the letter's source"
	assert_eq "text" "$(printf '%s' "$j" | json "d['attachments'][0]['read']")" "$kind: read as text"
done
# a file named .docx that is a ZIP of something else, and a deflate bomb
# (40 MB of spaces in word/document.xml): refused, nothing read, no crash
"$T_PY" - "$WORK" <<'PY'
import sys, zipfile
w = sys.argv[1]
with zipfile.ZipFile(w + "/other.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/workbook.xml", "<workbook/>")
with zipfile.ZipFile(w + "/bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' + " " * (40 << 20) + "</w:document>")
PY
out=$(reader "$WORK/other.docx")
assert_eq 65 "$(cat "$WORK/rc")" "a ZIP of something else: 65"
out=$(reader "$WORK/bomb.docx")
assert_eq 65 "$(cat "$WORK/rc")" "a part past the limit: 65"
$DOCS eml "$WORK/bomb.eml" "$WORK/bomb.docx"
j=$(inspect "$WORK/bomb.eml")
assert_eq "unreadable" "$(printf '%s' "$j" | json "d['attachments'][0]['read']")" "inspect: the bomb is unreadable"

t_begin "a letter typed in Word and sent as a binary .doc (Word 97-2003): its text, the letter read from it"
# tests/data/letters/make-doc.py made them with LibreOffice: the letterhead
# and the signature in tables, the e-mail address a hyperlink (a field),
# the page number a field, an old number deleted under tracked changes;
# 45-UBND-VX-8bit.doc is 45-UBND-VX.doc with its
# text piece rewritten 8-bit (windows-1252), as Word writes such text
LETTERS="$T_ROOT/tests/data/letters"
out=$(reader "$LETTERS/3012-BCT-KH.doc")
assert_eq 0 "$(cat "$WORK/rc")" "doc: exit status 0"
assert_contains "$out" "doc doc 1 0" "doc: one text"
assert_contains "$out" "page 1 text 100 " "doc: read as text"
assert_contains "$out" "$(printf 'BỘ CÔNG THƯƠNG\nSố: 3012/BCT-KH\n')" "doc: the letterhead's cell, line by line"
assert_not_contains "$out" "999/XX-YY" "doc: the number deleted under tracked changes is not read"
assert_contains "$out" "$(printf 'năm 2026-2030\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n')" "doc: the next cell on a line of its own"
assert_contains "$out" "thư điện tử: vukhtc@moit.gov.vn." "doc: a hyperlink field's text"
assert_not_contains "$out" "HYPERLINK" "doc: not its code"
assert_contains "$out" "Trang 1" "doc: a page number field's result"
assert_not_contains "$out" "PAGE" "doc: not its code"
assert_eq "end 0" "$(printf '%s\n' "$out" | tail -1)" "doc: the result ends"
utf16=$(reader "$LETTERS/45-UBND-VX.doc")
eight=$(reader "$LETTERS/45-UBND-VX-8bit.doc")
assert_eq 0 "$(cat "$WORK/rc")" "8-bit: exit status 0"
assert_eq "$utf16" "$eight" "8-bit: the same text as from UTF-16"
assert_contains "$eight" "Doc lap – Tu do – Hanh phuc" "8-bit: windows-1252's en dash"
# a clerk's mail: the file as Outlook sends it (application/msword)
$DOCS eml "$WORK/doc.eml" "$LETTERS/3012-BCT-KH.doc" --subject "Gửi công văn số 3012/BCT-KH"
j=$(inspect "$WORK/doc.eml")
assert_eq "3012/BCT-KH" "$(printf '%s' "$j" | json "d['letter']['number']")" "inspect doc: number"
assert_eq "2025-06-02" "$(printf '%s' "$j" | json "d['letter']['date']")" "inspect doc: date"
assert_eq "Hà Nội" "$(printf '%s' "$j" | json "d['letter']['place']")" "inspect doc: place"
assert_eq "cung cấp số liệu phục vụ xây dựng kế hoạch phát triển kinh tế - xã hội 5 năm 2026-2030" \
	"$(printf '%s' "$j" | json "d['letter']['subject']")" "inspect doc: subject"
assert_eq "Nguyễn Sinh Nhật Tân" "$(printf '%s' "$j" | json "d['letter']['signer']")" "inspect doc: signer"
assert_eq "2025-06-20" "$(printf '%s' "$j" | json "d['letter']['deadline']")" "inspect doc: the deadline the text states"
assert_eq 4 "$(printf '%s' "$j" | json "len(d['letter']['recipients'])")" "inspect doc: the recipients"
assert_eq "doc" "$(printf '%s' "$j" | json "d['letter']['source']")" "inspect doc: the letter's source"
assert_eq "application/msword" "$(printf '%s' "$j" | json "d['attachments'][0]['content_type']")" "inspect doc: its type"
assert_eq "text" "$(printf '%s' "$j" | json "d['attachments'][0]['read']")" "inspect doc: read as text"
$DOCS eml "$WORK/doc8.eml" "$LETTERS/45-UBND-VX-8bit.doc"
j=$(inspect "$WORK/doc8.eml")
assert_eq "45/UBND-VX" "$(printf '%s' "$j" | json "d['letter']['number']")" "inspect 8-bit: number"
assert_eq "2026-03-14" "$(printf '%s' "$j" | json "d['letter']['date']")" "inspect 8-bit: date"
assert_eq "doc" "$(printf '%s' "$j" | json "d['letter']['source']")" "inspect 8-bit: the letter's source"

t_begin "a broken .doc: refused with a reason, never a crash; the mail is still a letter"
cuts "$LETTERS/3012-BCT-KH.doc" "$WORK/cut-doc"
assert_eq 0 "$(crashes "$WORK"/cut-doc/*)" "truncated copies end with 0 or 65, never a signal"
# bytes overwritten at random (a fixed seed): the same
"$T_PY" - "$LETTERS/3012-BCT-KH.doc" "$WORK/mut" <<'PY'
import os, random, sys
data = open(sys.argv[1], "rb").read()
os.makedirs(sys.argv[2], exist_ok=True)
rng = random.Random(97)
for i in range(150):
    d = bytearray(data)
    for _ in range(rng.choice((1, 4, 32))):
        d[rng.randrange(len(d))] = rng.randrange(256)
    open("%s/%03d.doc" % (sys.argv[2], i), "wb").write(d)
PY
assert_eq 0 "$(crashes "$WORK"/mut/*.doc)" "150 damaged copies end with 0 or 65, never a signal"
head -c 9000 "$LETTERS/3012-BCT-KH.doc" >"$WORK/3012-BCT-KH.doc"
out=$(reader "$WORK/3012-BCT-KH.doc")
assert_eq 0 "$(cat "$WORK/rc")" "cut short: exit status 0"
assert_contains "$out" "doc doc 0 0" "cut short: a .doc without a page"
assert_contains "$out" "notext " "cut short: and why"
assert_eq "end 0" "$(printf '%s\n' "$out" | tail -1)" "cut short: the result ends"
"$T_PY" - "$LETTERS/3012-BCT-KH.doc" "$WORK/locked.doc" <<'PY'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
fib = d.find(b"\xec\xa5\x01\x01")  # the FIB: wIdent, nFib
d[fib + 0x0b] |= 0x01  # fEncrypted
open(sys.argv[2], "wb").write(d)
PY
out=$(reader "$WORK/locked.doc")
assert_eq 0 "$(cat "$WORK/rc")" "encrypted: exit status 0"
assert_contains "$out" "$(printf 'notext 36\nthe document is encrypted (password)\n')" "encrypted: says so"
assert_not_contains "$out" "page 1" "encrypted: no page"
$DOCS eml "$WORK/cut.eml" "$WORK/3012-BCT-KH.doc" "$WORK/locked.doc" --subject "Gửi Công văn số 3012/BCT-KH" \
	--body "Kính gửi Văn phòng Bộ,

Bộ Công Thương gửi Công văn số 3012/BCT-KH ngày 02/6/2025 (tệp đính kèm).

Trân trọng."
j=$(inspect "$WORK/cut.eml")
assert_eq 0 "$?" "inspect: exit 0"
assert_eq "letter" "$(printf '%s' "$j" | json "d['kind']")" "inspect: still a letter"
assert_eq "3012/BCT-KH" "$(printf '%s' "$j" | json "d['letter']['number']")" "inspect: the number the mail gives"
assert_eq "cover" "$(printf '%s' "$j" | json "d['letter']['source']")" "inspect: from the covering mail"
assert_eq "unreadable" "$(printf '%s' "$j" | json "d['attachments'][0]['read']")" "inspect: the cut file is unreadable"
assert_contains "$(printf '%s' "$j" | json "d['attachments'][0]['note']")" "OLE2" "inspect: the note says why"
assert_eq "unreadable" "$(printf '%s' "$j" | json "d['attachments'][1]['read']")" "inspect: the encrypted one too"
assert_eq "the document is encrypted (password)" "$(printf '%s' "$j" | json "d['attachments'][1]['note']")" \
	"inspect: the note says it is encrypted"
assert_eq 2 "$(printf '%s' "$j" | json "len(d['attachments'])")" "inspect: both attachments listed"

t_begin "the corpus sample PDF (custom encoding with /ToUnicode)"
$DOCS eml "$WORK/sample.eml" "$T_ROOT/tests/data/letters/sample.pdf"
j=$(inspect "$WORK/sample.eml")
assert_eq "312/SNV-CCVC" "$(printf '%s' "$j" | json "d['letter']['number']")" "number"
assert_eq "2026-01-06" "$(printf '%s' "$j" | json "d['letter']['date']")" "date"
assert_eq "Lê Xuân Nga" "$(printf '%s' "$j" | json "d['letter']['signer']")" "signer"
assert_eq "2026-01-25" "$(printf '%s' "$j" | json "d['letter']['deadline']")" "deadline"

t_begin "scans read by OCR: an image-only PDF and a stamped JPEG"
"$T_PY" "$T_ROOT/contrib/gen-scans.py" "$WORK/scans" 1 --seed 3 --variants clean300,stamp300 >/dev/null
want_number=$(head -1 "$WORK/scans/manifest.jsonl" | json "d['number']")
want_date=$(head -1 "$WORK/scans/manifest.jsonl" | json "d['date']")
out=$(reader "$WORK/scans/0001-clean300.pdf")
assert_contains "$out" "doc pdf 1 0" "the scan is a one-page PDF"
assert_contains "$out" "page 1 ocr " "page 1 read by OCR"
assert_contains "$out" "$want_number" "the number in the OCR text"
$DOCS eml "$WORK/scan.eml" "$WORK/scans/0001-clean300.pdf" "$WORK/scans/0001-stamp300.jpg"
j=$(inspect "$WORK/scan.eml")
assert_eq "$want_number" "$(printf '%s' "$j" | json "d['letter']['number']")" "inspect: number"
assert_eq "$want_date" "$(printf '%s' "$j" | json "d['letter']['date']")" "inspect: date"
assert_contains "$(printf '%s' "$j" | json "d['letter']['ocr']['fields']")" '"number"' "inspect: the number came from OCR"
assert_ge "$(printf '%s' "$j" | json "d['letter']['ocr']['confidence']")" 70 "inspect: OCR confidence"
assert_eq "ocr" "$(printf '%s' "$j" | json "d['attachments'][0]['read']")" "inspect: the PDF was read by OCR"
assert_eq "None" "$(printf '%s' "$j" | json "str(d['attachments'][1]['read'])")" "inspect: the JPEG was not needed"
$DOCS eml "$WORK/jpeg.eml" "$WORK/scans/0001-stamp300.jpg"
j=$(inspect "$WORK/jpeg.eml")
assert_eq "$want_number" "$(printf '%s' "$j" | json "d['letter']['number']")" "JPEG: number"
assert_eq "$want_date" "$(printf '%s' "$j" | json "d['letter']['date']")" "JPEG: date"
assert_eq "image" "$(printf '%s' "$j" | json "d['letter']['source']")" "JPEG: from an image"

t_begin "without Tesseract's Vietnamese data the scan is not read, and inspect says why"
mkdir -p "$WORK/no-tessdata"
out=$(TESSDATA_PREFIX="$WORK/no-tessdata" reader "$WORK/scans/0001-clean300.pdf")
assert_eq 0 "$(cat "$WORK/rc")" "exit status 0"
assert_contains "$out" "nocr " "the reader says OCR could not run"
assert_not_contains "$out" "page 1 ocr" "no page read"
j=$(inspect "$WORK/jpeg.eml" TESSDATA_PREFIX="$WORK/no-tessdata")
assert_eq "null" "$(printf '%s' "$j" | json "d['letter']")" "no letter"
assert_eq "no-ocr" "$(printf '%s' "$j" | json "d['attachments'][0]['read']")" "the JPEG: not read (no OCR)"
assert_contains "$(printf '%s' "$j" | json "d['attachments'][0]['note']")" "tesseract-ocr-vie" "the note names the package"

t_begin "one time budget for all of a message's attachments"
conf "time_limit = 1"
$DOCS eml "$WORK/three.eml" "$WORK/scans/0001-clean300.pdf" "$WORK/scans/0001-stamp300.jpg" \
	"$WORK/scans/0001-clean300.pdf"
j=$(inspect "$WORK/three.eml")
assert_eq "time-limit" "$(printf '%s' "$j" | json "d['attachments'][2]['read']")" "the last scan: not read (time limit)"
assert_eq "time-limit" "$(printf '%s' "$j" | json "d['attachments'][1]['read']")" "the second scan: not read (time limit)"
conf

t_begin "digital signatures: valid and trusted, untrusted, altered, changed after signing"
pki_make "$WORK/pki" || t_fail "pki_make"
pdf_sign "$WORK/pki" an "$WORK/letter.pdf" "$WORK/signed.pdf" || t_fail "pdfsig"
out=$(reader "$WORK/signed.pdf" --trust "$WORK/pki/nss")
assert_contains "$out" "sig 1 valid trusted " "trusted by an NSS database"
assert_contains "$out" "Nguyễn Văn An" "the signer's name"
out=$(reader "$WORK/signed.pdf" --trust "$WORK/pki/ca")
assert_contains "$out" "sig 1 valid trusted " "trusted by a PEM file"
assert_contains "$(reader "$WORK/signed.pdf" --trust "$WORK/pki/other")" "sig 1 valid untrusted " \
	"another CA: valid but not trusted"
assert_contains "$(reader "$WORK/signed.pdf")" "sig 1 valid untrusted " "no anchors: not trusted"
$DOCS alter "$WORK/signed.pdf" "$WORK/altered.pdf" "45/UBND" "46/UBND"
assert_contains "$(reader "$WORK/altered.pdf" --trust "$WORK/pki/ca")" "sig 1 altered " \
	"bytes changed inside what was signed: altered"
$DOCS append "$WORK/signed.pdf" "$WORK/appended.pdf"
out=$(reader "$WORK/appended.pdf" --trust "$WORK/pki/ca")
assert_contains "$out" "sig 1 valid trusted " "an update after signing keeps the signature valid"
assert_eq "1" "$(printf '%s\n' "$out" | grep -a '^sig 1 ' | cut -d' ' -f6)" "... but says the document changed after"

t_begin "two signatures, and an empty signature field"
pdf_sign "$WORK/pki" binh "$WORK/signed.pdf" "$WORK/two.pdf" || t_fail "pdfsig, second signature"
out=$(reader "$WORK/two.pdf" --trust "$WORK/pki/ca")
assert_contains "$out" "sig 1 valid trusted " "first signature"
assert_contains "$out" "sig 2 valid trusted " "second signature"
assert_contains "$out" "Trần Thị Bình" "the second signer"
assert_eq "0" "$(printf '%s\n' "$out" | grep -a '^sig 1 ' | cut -d' ' -f6)" "a later signature is no change"
$DOCS emptysig "$WORK/letter.pdf" "$WORK/field.pdf"
out=$(reader "$WORK/field.pdf" --trust "$WORK/pki/ca")
assert_contains "$out" "sig 1 unsigned unchecked 0 0 0" "an empty field is unsigned"
assert_contains "$out" "Số: 45/UBND-VX" "and the text is read as before"

t_begin "inspect lists the signatures of a letter's signed PDFs"
conf "trust = $WORK/pki/ca"
$DOCS eml "$WORK/signed.eml" "$WORK/two.pdf" "$WORK/altered.pdf" --body \
	"Kính gửi Văn thư,

Bộ Tài chính gửi Công văn số 45/UBND-VX (bản có chữ ký số).

Trân trọng."
j=$(inspect "$WORK/signed.eml")
assert_eq 3 "$(printf '%s' "$j" | json "len(d['signatures'])")" "three signatures in two PDFs"
assert_eq "Nguyễn Văn An" "$(printf '%s' "$j" | json "d['signatures'][0]['signer']")" "first signer"
assert_eq "trusted" "$(printf '%s' "$j" | json "d['signatures'][1]['certificate']")" "second: trusted"
assert_eq "altered" "$(printf '%s' "$j" | json "d['signatures'][2]['status']")" "the altered copy"
assert_contains "$(printf '%s' "$j" | json "d['signatures'][0]['signed_at']")" "+07:00" "signing time"
conf

t_summary
