#!/usr/bin/python3
"""Writes the binary Word (.doc, Word 97-2003) letters of tests/data/letters
with a real word processor: each letter below is written as a flat
OpenDocument text (.fodt: a letterhead table of two columns, the body, a
field, a signature table) and converted by LibreOffice:

  apt-get install -y libreoffice-writer-nogui   # only to write them again
  tests/data/letters/make-doc.py                # from the source tree

  3012-BCT-KH.doc    Bộ Công Thương's letter (tests/data/letters/
                     3012-BCT-KH.txt) with a deadline: Vietnamese text,
                     the letterhead and the signature in tables, the
                     e-mail address a hyperlink, the page number a field,
                     an old number deleted under tracked changes
  45-UBND-VX.doc     a letter without diacritics, as offices without
                     Vietnamese fonts still type them (windows-1252 holds
                     all of its text: an en dash in the motto)
  45-UBND-VX-8bit.doc
                     the same file with its text piece rewritten in
                     place as 8-bit ("compressed": windows-1252), as Word
                     writes text that windows-1252 holds; LibreOffice
                     writes only UTF-16 pieces

The tests read the committed .doc files; LibreOffice is no dependency of
the build or of the tests.  Its output carries the time of conversion, so
running this again gives other bytes and the same text.
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

BCT = {
    "name": "3012-BCT-KH",
    "head_left": ["BỘ CÔNG THƯƠNG", "Số: {deleted}3012/BCT-KH",
                  "V/v cung cấp số liệu phục vụ xây dựng kế hoạch phát triển "
                  "kinh tế - xã hội 5 năm 2026-2030"],
    "head_right": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                   "Độc lập – Tự do – Hạnh phúc",
                   "Hà Nội, ngày 2 tháng 6 năm 2025"],
    "body": [
        "Kính gửi:",
        "- Bộ Kế hoạch và Đầu tư;",
        "- Bộ Tài chính;",
        "- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương;",
        "- Tập đoàn Điện lực Việt Nam.",
        "Để phục vụ xây dựng Kế hoạch phát triển kinh tế - xã hội 5 năm "
        "2026-2030 của ngành Công Thương, Bộ Công Thương đề nghị Quý cơ quan "
        "cung cấp số liệu theo các biểu mẫu gửi kèm theo văn bản này, gửi về "
        "Bộ Công Thương trước ngày 20/6/2025.",
        "Văn bản xin gửi qua Vụ Kế hoạch - Tài chính, Bộ Công Thương, số 54 "
        "Hai Bà Trưng, Hoàn Kiếm, Hà Nội; thư điện tử: {link}.",
        "Trân trọng cảm ơn sự phối hợp của Quý cơ quan./.",
    ],
    "link": "vukhtc@moit.gov.vn",
    # an old number deleted under tracked changes: still in the file
    "deleted": "999/XX-YY ",
    "sign_left": ["Nơi nhận:", "- Như trên;", "- Bộ trưởng (để b/c);",
                  "- Lưu: VT, KH."],
    "sign_right": ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "", "Nguyễn Sinh Nhật Tân"],
}

UBND = {
    "name": "45-UBND-VX",
    "head_left": ["UY BAN NHAN DAN", "TINH BAC NINH", "So: 45/UBND-VX",
                  "V/v to chuc kiem tra cong tac phong chong dich benh"],
    "head_right": ["CONG HOA XA HOI CHU NGHIA VIET NAM",
                   "Doc lap \u2013 Tu do \u2013 Hanh phuc",
                   "Bac Ninh, ngay 14 thang 3 nam 2026"],
    "body": [
        "Kinh gui: So Y te tinh Bac Ninh.",
        "UBND tinh de nghi So Y te to chuc kiem tra cong tac phong chong "
        "dich benh tai cac co so y te tren dia ban, bao cao ket qua ve "
        "UBND tinh truoc ngay 31/3/2026.",
        "Lien he: {link}./.",
    ],
    "link": "vanthu@bacninh.gov.vn",
    "sign_left": ["Noi nhan:", "- Nhu tren;", "- Luu: VT, VX."],
    "sign_right": ["TM. UY BAN NHAN DAN", "KT. CHU TICH", "PHO CHU TICH", "",
                   "Tran Van Binh"],
}


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


CHANGES = ('<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>'
           '<office:change-info><dc:creator>Văn thư</dc:creator><dc:date>2025-06-01T09:00:00</dc:date>'
           '</office:change-info><text:p>%s</text:p></text:deletion></text:changed-region>'
           '</text:tracked-changes>')


def para(t, link=None):
    if "{deleted}" in t:
        a, b = t.split("{deleted}")
        t = '%s<text:change text:change-id="ct1"/>%s' % (esc(a), esc(b))
    elif link and "{link}" in t:
        a, b = t.split("{link}")
        t = '%s<text:a xlink:type="simple" xlink:href="mailto:%s">%s</text:a>%s' % (
            esc(a), esc(link), esc(link), esc(b))
    else:
        t = esc(t)
    return '<text:p text:style-name="Standard">%s</text:p>' % t


def table(name, rows):
    out = ['<table:table table:name="%s"><table:table-column '
           'table:number-columns-repeated="2"/>' % name]
    for left, right in rows:
        out.append("<table:table-row>")
        for cell in (left, right):
            out.append('<table:table-cell office:value-type="string">%s'
                       "</table:table-cell>" % "".join(para(t) for t in cell))
        out.append("</table:table-row>")
    out.append("</table:table>")
    return "".join(out)


def fodt(letter):
    link = letter["link"]
    body = "".join(para(t, link) for t in letter["body"])
    page = ('<text:p text:style-name="Standard">Trang <text:page-number '
            'text:select-page="current">1</text:page-number></text:p>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:xlink="http://www.w3.org/1999/xlink" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">'
            "<office:body><office:text>%s%s%s%s%s</office:text></office:body></office:document>\n"
            % (CHANGES % esc(letter["deleted"]) if "deleted" in letter else "",
               table("Head", [(letter["head_left"], letter["head_right"])]), body,
               table("Sign", [(letter["sign_left"], letter["sign_right"])]), page))


def main():
    soffice = shutil.which("soffice")
    if not soffice:
        sys.exit("make-doc.py: soffice not found (apt-get install libreoffice-writer-nogui)")
    for letter in (BCT, UBND):
        text = fodt(letter)
        if letter is UBND:
            text.encode("cp1252")
        assert unicodedata.is_normalized("NFC", text)
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, letter["name"] + ".fodt")
            with open(src, "w", encoding="utf-8") as f:
                f.write(text)
            # a profile of its own: no user's settings, no lock on theirs
            subprocess.run([soffice, "-env:UserInstallation=file://" + tmp + "/profile",
                            "--headless", "--convert-to", "doc:MS Word 97",
                            "--outdir", tmp, src], check=True, stdout=subprocess.DEVNULL)
            shutil.copy(os.path.join(tmp, letter["name"] + ".doc"),
                        os.path.join(HERE, letter["name"] + ".doc"))
        print(os.path.join(HERE, letter["name"] + ".doc"))
    eight_bit(os.path.join(HERE, UBND["name"] + ".doc"),
              os.path.join(HERE, UBND["name"] + "-8bit.doc"))


def eight_bit(src, out):
    """src, whose piece table has one UTF-16 piece, with that piece's text
    written as 8-bit windows-1252 at the same offset (the rest of its
    bytes left as they were, past the piece's end) and its descriptor's
    fc = offset * 2 | fCompressed.  Both changes keep every length, so
    the OLE2 container stays as LibreOffice wrote it."""
    data = bytearray(open(src, "rb").read())
    # the CLX: one Pcdt holding a PlcPcd of one piece [0, n)
    found = [i for i in range(len(data) - 21)
             if data[i] == 2 and struct.unpack_from("<I", data, i + 1)[0] == 16
             and struct.unpack_from("<I", data, i + 5)[0] == 0]
    assert len(found) == 1, "make-doc.py: %d piece tables" % len(found)
    clx = found[0]
    n = struct.unpack_from("<I", data, clx + 9)[0]
    fc = struct.unpack_from("<I", data, clx + 15)[0]
    assert not fc & 0x40000000, "make-doc.py: the piece is 8-bit already"
    # the piece's UTF-16 text, found by its bytes (WordDocument's sectors
    # hold it in one run: the letter is short)
    head = "UY BAN NHAN DAN".encode("utf-16-le")
    at = data.find(head)
    text = bytes(data[at:at + 2 * n]).decode("utf-16-le")
    assert at > 0 and "Tran Van Binh" in text, "make-doc.py: no text"
    data[at:at + n] = text.encode("cp1252")
    struct.pack_into("<I", data, clx + 15, (fc * 2) | 0x40000000)
    with open(out, "wb") as f:
        f.write(data)
    print(out)


if __name__ == "__main__":
    main()
