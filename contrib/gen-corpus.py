#!/usr/bin/python3
"""congvan — generate a corpus of .eml files that look like real traffic to a
shared mailbox of a Vietnamese agency.

  contrib/gen-corpus.py DIR COUNT [--seed N] [--to ADDRESS]

Writes DIR/00001.eml ... (CRLF line ends, unique Message-IDs, the same bytes
for the same COUNT and seed):
  ~70 % official letters ("V/v ..." subjects, letter header with issuer,
        "Số: 123/BTC-KHTC", place and date, "Kính gửi:", paragraphs,
        "Nơi nhận:", signer), plain text or multipart/alternative;
  ~18 % replies (Re:/TL:, In-Reply-To/References to an earlier letter);
   ~6 % auto-replies (Auto-Submitted: auto-replied);
   ~6 % bounces (multipart/report delivery-status for a notice we sent).
Exactly COUNT/5 (rounded down) letters or replies carry a PDF attachment of
100-300 KB: a valid PDF whose page text is Vietnamese, padded with a
Flate-encoded greyscale image of noise.  Headers with Vietnamese text are
RFC 2047 encoded (B or Q), bodies base64, quoted-printable or 8bit.
Standard library only.  Prints the total size at the end.
"""

import argparse
import base64
import datetime
import os
import quopri
import random
import sys
import textwrap
import urllib.parse
import zlib

CRLF = "\r\n"
VN = datetime.timezone(datetime.timedelta(hours=7))

AGENCIES = [
    # (issuer line 1, issuer line 2 / unit, number suffix, place, domain, signer title)
    ("BỘ TÀI CHÍNH", "VỤ KẾ HOẠCH - TÀI CHÍNH", "BTC-KHTC", "Hà Nội", "mof.gov.vn", ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG")),
    ("BỘ NỘI VỤ", "VỤ TỔ CHỨC - BIÊN CHẾ", "BNV-TCBC", "Hà Nội", "moha.gov.vn", ("TL. BỘ TRƯỞNG", "VỤ TRƯỞNG")),
    ("BỘ TƯ PHÁP", "VỤ PHÁP CHẾ", "BTP-PC", "Hà Nội", "moj.gov.vn", ("TL. BỘ TRƯỞNG", "VỤ TRƯỞNG")),
    ("UBND THÀNH PHỐ HÀ NỘI", "VĂN PHÒNG", "UBND-VP", "Hà Nội", "hanoi.gov.vn", ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")),
    ("UBND TỈNH THỪA THIÊN HUẾ", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "SKHĐT-TH", "Thừa Thiên Huế", "thuathienhue.gov.vn", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
    ("UBND THÀNH PHỐ ĐÀ NẴNG", "SỞ TÀI CHÍNH", "STC-QLNS", "Đà Nẵng", "danang.gov.vn", ("GIÁM ĐỐC", "")),
    ("UBND THÀNH PHỐ HỒ CHÍ MINH", "SỞ NỘI VỤ", "SNV-CCVC", "TP. Hồ Chí Minh", "hochiminhcity.gov.vn", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
    ("TỔNG CỤC THỐNG KÊ", "VỤ THỐNG KÊ TỔNG HỢP", "TCTK-TKTH", "Hà Nội", "gso.gov.vn", ("KT. TỔNG CỤC TRƯỞNG", "PHÓ TỔNG CỤC TRƯỞNG")),
    ("KHO BẠC NHÀ NƯỚC", "CỤC KẾ TOÁN NHÀ NƯỚC", "KBNN-KTNN", "Hà Nội", "vst.gov.vn", ("TL. TỔNG GIÁM ĐỐC", "CỤC TRƯỞNG")),
    ("TRƯỜNG ĐẠI HỌC KINH TẾ QUỐC DÂN", "PHÒNG TỔ CHỨC CÁN BỘ", "ĐHKTQD-TCCB", "Hà Nội", "neu.edu.vn", ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG")),
    ("CÔNG TY CỔ PHẦN TƯ VẤN XÂY DỰNG SÔNG HỒNG", "", "SH-KT", "Hà Nội", "songhong.com.vn", ("TỔNG GIÁM ĐỐC", "")),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Thu", "Hoài", "Xuân", "Kim"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hằng", "Hùng", "Hương", "Khánh", "Lan", "Linh",
         "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quang", "Sơn", "Thảo", "Trang", "Tuấn", "Việt", "Yến"]

TOPICS = [
    "báo cáo tình hình thực hiện kế hoạch {what} năm {year}",
    "báo cáo tình hình thực hiện dự toán ngân sách {period} năm {year}",
    "đề nghị cung cấp số liệu quyết toán ngân sách {period} năm {year}",
    "triển khai thực hiện Nghị định số {n}/{year0}/NĐ-CP",
    "hướng dẫn thực hiện Thông tư số {n}/{year0}/TT-{short}",
    "góp ý dự thảo Thông tư quy định {what}",
    "cử cán bộ tham dự Hội nghị tổng kết công tác {what} năm {year0}",
    "tổ chức kiểm tra công tác {what} {period} năm {year}",
    "rà soát, bổ sung quy hoạch cán bộ giai đoạn {year}-{year5}",
    "đăng ký nhu cầu đào tạo, bồi dưỡng cán bộ, công chức năm {year}",
    "thẩm định hồ sơ đề nghị khen thưởng {what}",
    "giải quyết kiến nghị của cử tri về {what}",
    "phối hợp xây dựng cơ sở dữ liệu {what}",
    "tăng cường công tác phòng, chống {risk}",
    "điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn {year}-{year5}",
    "công khai dự toán ngân sách nhà nước năm {year}",
    "mời họp trực tuyến về {what}",
    "thực hiện chế độ báo cáo thống kê {period} năm {year}",
]
WHAT = ["chuyển đổi số", "cải cách hành chính", "phát triển kinh tế - xã hội", "quản lý tài sản công",
        "thi đua, khen thưởng", "phòng cháy, chữa cháy", "văn thư, lưu trữ", "đầu tư công",
        "thực hành tiết kiệm, chống lãng phí", "quản lý văn bản điện tử", "an toàn thông tin mạng",
        "đào tạo, bồi dưỡng công chức", "tiếp công dân", "bảo hiểm xã hội"]
PERIODS = ["quý I", "quý II", "quý III", "quý IV", "6 tháng đầu", "9 tháng", "tháng 3", "tháng 10"]
RISKS = ["tham nhũng, lãng phí", "thiên tai, bão lũ", "dịch bệnh", "cháy nổ", "rửa tiền"]
SHORTS = ["BTC", "BNV", "BTP", "BKHĐT", "BTTTT"]

PARAGRAPHS = [
    "Thực hiện chỉ đạo của {boss} tại văn bản số {n2}/{short}-VP ngày {d2}, {issuer_lc} đề nghị Quý cơ quan "
    "{verb} {topic_lc}, gửi về {issuer_lc} trước ngày {deadline} để tổng hợp, báo cáo cấp có thẩm quyền.",
    "Nội dung báo cáo cần nêu rõ kết quả đạt được, những khó khăn, vướng mắc trong quá trình tổ chức thực hiện "
    "và đề xuất, kiến nghị cụ thể; số liệu báo cáo tính đến hết ngày {d3}.",
    "Căn cứ Luật Ngân sách nhà nước số 83/2015/QH13 ngày 25 tháng 6 năm 2015 và các văn bản hướng dẫn thi hành, "
    "{issuer_lc} hướng dẫn một số nội dung như sau:",
    "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị Quý cơ quan liên hệ với {contact}, "
    "điện thoại: 024.{phone}, thư điện tử: {contact_mail} để được hướng dẫn.",
    "Hồ sơ gồm: (1) Tờ trình; (2) Báo cáo thành tích; (3) Biên bản họp Hội đồng; "
    "(4) Các tài liệu có liên quan (bản điện tử định dạng PDF).",
    "Thời gian: {hour} giờ 00, ngày {d4}. Địa điểm: Phòng họp tầng {floor}, trụ sở {issuer_lc}, "
    "kết hợp trực tuyến tới các điểm cầu.",
    "Đây là nhiệm vụ quan trọng, đề nghị Thủ trưởng các cơ quan, đơn vị quan tâm chỉ đạo, "
    "tổ chức thực hiện nghiêm túc, đúng thời hạn./.",
    "Văn bản này thay thế văn bản số {n3}/{num_suffix} ngày {d2}. "
    "Các nội dung khác giữ nguyên theo hướng dẫn trước đây.",
]

RECIPIENT_LINES = ["Ban Giám đốc", "Văn phòng", "Vụ Kế hoạch - Tài chính", "Vụ Tổ chức cán bộ", "Vụ Pháp chế",
                   "Các cơ quan, đơn vị trực thuộc", "Sở Tài chính các tỉnh, thành phố trực thuộc Trung ương"]

MAILERS = ["Microsoft Outlook 16.0", "Zimbra 9.0.0_GA_4583 (ZimbraWebClient - GC120 (Win)/9.0.0_GA_4583)",
           "Mozilla Thunderbird 115.6.0", "Roundcube Webmail/1.6.5", None, None]


# ------------------------------------------------------------------ encoding

def encoded_words(text, kind):
    """RFC 2047 encoded words (each <= 75 chars), split on character bounds."""
    words, cur = [], ""

    def enc(s):
        b = s.encode("utf-8")
        if kind == "B":
            return "=?UTF-8?B?" + base64.b64encode(b).decode() + "?="
        q = "".join(chr(c) if (chr(c).isalnum() and c < 128) else ("_" if c == 32 else "=%02X" % c) for c in b)
        return "=?UTF-8?Q?" + q + "?="

    for ch in text:
        if len(enc(cur + ch)) > 75:
            words.append(enc(cur))
            cur = ch
        else:
            cur += ch
    if cur:
        words.append(enc(cur))
    return words


def header_text(rng, text):
    if all(ord(c) < 128 for c in text):
        return text if len(text) < 900 else text[:900]
    return (CRLF + " ").join(encoded_words(text, rng.choice("BBQ")))


def addr(rng, name, address):
    if not name:
        return "<%s>" % address
    if all(ord(c) < 128 for c in name):
        return '"%s" <%s>' % (name, address)
    return "%s <%s>" % (header_text(rng, name), address)


def crlf(s):
    return s.replace("\r\n", "\n").replace("\n", CRLF)


def body_part(rng, ctype, text, cte=None):
    cte = cte or rng.choice(["base64", "base64", "quoted-printable", "quoted-printable", "8bit"])
    raw = text.replace("\r\n", "\n").encode("utf-8")
    if cte == "base64":
        enc = base64.encodebytes(raw).decode("ascii")
    elif cte == "quoted-printable":
        enc = quopri.encodestring(raw).decode("ascii")
    else:
        enc = raw.decode("utf-8")
    return ("Content-Type: %s; charset=\"utf-8\"%sContent-Transfer-Encoding: %s%s%s%s"
            % (ctype, CRLF, cte, CRLF, CRLF, crlf(enc)))


def to_html(text):
    out = ["<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>",
           "<body style=\"font-family: 'Times New Roman'; font-size: 13pt\">"]
    for para in text.split("\n\n"):
        esc = para.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>\n")
        out.append("<p>%s</p>" % esc)
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ content

def person(rng):
    return "%s %s %s" % (rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN))


def ascii_fold(s):
    table = {"đ": "d", "Đ": "D"}
    import unicodedata
    s = "".join(table.get(c, c) for c in s)
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def mailbox_of(name, domain):
    parts = ascii_fold(name).lower().split()
    return "%s.%s@%s" % (parts[-1], "".join(p[0] for p in parts[:-1]), domain)


def vn_date(d):
    return "ngày %d tháng %d năm %d" % (d.day, d.month, d.year)


def short_date(d):
    return "%02d/%02d/%d" % (d.day, d.month, d.year)


def make_topic(rng, year):
    t = rng.choice(TOPICS)
    return t.format(what=rng.choice(WHAT), year=year, year0=year - 1, year5=year + 4,
                    period=rng.choice(PERIODS), n=rng.randint(10, 199), short=rng.choice(SHORTS),
                    risk=rng.choice(RISKS))


def letter_text(rng, ag, number, date, topic, signer):
    issuer, unit, suffix, place, domain, (title1, title2) = ag
    issuer_lc = unit.capitalize() if unit else issuer.capitalize()
    issuer_lc = issuer_lc.replace("tài chính", "Tài chính").replace("kế hoạch", "Kế hoạch")
    contact = person(rng)
    ctx = dict(
        boss=rng.choice(["Lãnh đạo Bộ", "Chủ tịch Ủy ban nhân dân", "Thủ tướng Chính phủ", "Ban Giám đốc"]),
        n2=rng.randint(100, 9999), short=rng.choice(SHORTS), d2=short_date(date - datetime.timedelta(days=rng.randint(5, 60))),
        issuer_lc=issuer_lc, verb=rng.choice(["thực hiện", "khẩn trương thực hiện", "phối hợp thực hiện", "xem xét, cho ý kiến về"]),
        topic_lc=topic, deadline=short_date(date + datetime.timedelta(days=rng.randint(7, 30))),
        d3=short_date(date - datetime.timedelta(days=rng.randint(1, 20))),
        contact="ông/bà " + contact, phone="%04d.%04d" % (rng.randint(1000, 9999), rng.randint(0, 9999)),
        contact_mail=mailbox_of(contact, domain), hour=rng.choice([8, 9, 14, 15]),
        d4=short_date(date + datetime.timedelta(days=rng.randint(3, 14))), floor=rng.randint(2, 9),
        n3=rng.randint(100, 9999), num_suffix=suffix)
    lines = [issuer]
    if unit:
        lines.append(unit)
    lines += ["", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "",
              "Số: %d/%s" % (number, suffix), "%s, %s" % (place, vn_date(date)), "V/v " + topic, ""]
    recips = rng.sample(RECIPIENT_LINES, rng.randint(1, 3))
    if len(recips) == 1:
        lines.append("Kính gửi: %s." % recips[0])
    else:
        lines.append("Kính gửi:")
        lines += ["- %s;" % r for r in recips[:-1]] + ["- %s." % recips[-1]]
    lines.append("")
    paras = [PARAGRAPHS[0]] + rng.sample(PARAGRAPHS[1:-2], rng.randint(1, 3)) + [PARAGRAPHS[-2]]
    for p in paras:
        lines += textwrap.wrap(p.format(**ctx), 76) + [""]
    lines += ["Nơi nhận:", "- Như trên;"] + ["- %s;" % r for r in rng.sample(RECIPIENT_LINES, 2)]
    lines += ["- Lưu: VT, %s." % suffix.split("-")[-1], "", " " * 40 + title1]
    if title2:
        lines.append(" " * 40 + title2)
    lines += [" " * 40 + "(đã ký)", "", " " * 40 + signer, ""]
    return "\n".join(lines)


# ------------------------------------------------------------------ PDF

def pdf_encoding(lines):
    """One-byte codes for the non-ASCII letters used on the page, so that the
    text stays extractable: /Differences names the glyphs, /ToUnicode maps
    the codes back to Unicode (pdftotext prints real Vietnamese)."""
    chars = sorted({c for line in lines for c in line if ord(c) > 126})
    codes = list(range(128, 256)) + [c for c in range(1, 32) if c not in (9, 10, 12, 13)]
    table = dict(zip(chars, codes))
    return table


def pdf_string(s, table):
    b = bytes(table.get(c, 63) if ord(c) > 126 else ord(c) for c in s)
    b = b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    b = b.replace(b"\r", b"\\r").replace(b"\n", b"\\n")
    return b"(" + b + b")"


def pdf_text_string(s):
    return b"<" + ("feff" + s.encode("utf-16-be").hex()).encode() + b">"


def make_pdf(rng, text_lines, title, date, target):
    text_lines = text_lines[:50]
    table = pdf_encoding(text_lines)
    content = [b"BT /F1 11 Tf 14 TL 56 800 Td"]
    for line in text_lines:
        content.append(pdf_string(line, table) + b" Tj T*")
    content.append(b"ET")
    width = 512
    # image fills the rest of the target size; ~2.5 KB of structure around it
    height = max(1, (target - 2600 - sum(len(c) + 1 for c in content)) // width)
    content.append(b"q 400 0 0 %d 100 60 cm /Im1 Do Q" % min(height, 400))
    stream = b"\n".join(content) + b"\n"
    pixels = zlib.compress(rng.randbytes(width * height), 0)
    diffs = b" ".join(b"%d /uni%04X" % (code, ord(c)) for c, code in sorted(table.items(), key=lambda x: x[1]))
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n")
    items = sorted(table.items(), key=lambda x: x[1])
    for k in range(0, len(items), 100):
        chunk = items[k:k + 100]
        cmap += b"%d beginbfchar\n" % len(chunk)
        cmap += b"".join(b"<%02X> <%04X>\n" % (code, ord(c)) for c, code in chunk)
        cmap += b"endbfchar\n"
    cmap += b"endcmap CMapName currentdict /CMap defineresource pop end end\n"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /Type /Encoding "
        b"/BaseEncoding /WinAnsiEncoding /Differences [" + diffs + b"] >> /ToUnicode 8 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(pixels))
        + pixels + b"\nendstream",
        b"<< /Title " + pdf_text_string(title) + b" /Producer (congvan gen-corpus) /CreationDate (D:"
        + date.strftime("%Y%m%d%H%M%S+07'00'").encode() + b") >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def attachment_part(rng, pdf, filename):
    quoted = urllib.parse.quote(filename.encode("utf-8"), safe="")
    name = header_text(rng, filename)
    b64 = crlf(base64.encodebytes(pdf).decode("ascii"))
    return ("Content-Type: application/pdf; name=\"%s\"%s"
            "Content-Disposition: attachment; filename*=UTF-8''%s%s"
            "Content-Transfer-Encoding: base64%s%s%s"
            % (name, CRLF, quoted, CRLF, CRLF, CRLF, b64))


# ------------------------------------------------------------------ messages

class Gen:
    def __init__(self, seed, to_addr):
        self.rng = random.Random(seed)
        self.seed = seed
        self.to = to_addr
        self.date = datetime.datetime(2026, 1, 5, 7, 30, tzinfo=VN)
        self.letters = []  # (msgid, subject, agency, sender name, sender addr, date)
        self.numbers = {}

    def next_date(self):
        d = self.date + datetime.timedelta(minutes=self.rng.randint(1, 40), seconds=self.rng.randint(0, 59))
        if d.hour >= 17:
            d = (d + datetime.timedelta(days=1)).replace(hour=7, minute=self.rng.randint(30, 59))
            while d.weekday() >= 5:
                d += datetime.timedelta(days=1)
        self.date = d
        return d

    def msgid(self, i, domain):
        return "<%s.%d.%d.%08x@%s>" % (self.date.strftime("%Y%m%d%H%M%S"), self.seed, i,
                                       self.rng.getrandbits(32), domain)

    def common(self, i, frm, subject, domain, extra=()):
        rng = self.rng
        h = ["Return-Path: <%s>" % frm[1] if frm[1] else "Return-Path: <>",
             "Date: " + self.date.strftime("%a, %d %b %Y %H:%M:%S +0700"),
             "From: " + addr(rng, frm[0], frm[1] or "MAILER-DAEMON@" + domain),
             "To: " + addr(rng, "Văn thư cơ quan", self.to)]
        if rng.random() < 0.15:
            cc = person(rng)
            h.append("Cc: " + addr(rng, cc, mailbox_of(cc, domain)))
        h += ["Subject: " + header_text(rng, subject), "Message-ID: " + self.msgid(i, domain)]
        h += list(extra)
        mailer = rng.choice(MAILERS)
        if mailer:
            h.append("X-Mailer: " + mailer)
        h += ["MIME-Version: 1.0", "Content-Language: vi-VN"]
        return h

    def body(self, text, attach=None):
        """text body (plain or alternative), optionally in multipart/mixed with a PDF."""
        rng = self.rng
        if rng.random() < 0.5:
            inner = body_part(rng, "text/plain", text)
        else:
            b = "----=_alt_%016x" % rng.getrandbits(64)
            inner = ("Content-Type: multipart/alternative; boundary=\"%s\"%s%s--%s%s%s%s--%s%s%s%s--%s--%s"
                     % (b, CRLF, CRLF, b, CRLF, body_part(rng, "text/plain", text), CRLF, b, CRLF,
                        body_part(rng, "text/html", to_html(text)), CRLF, b, CRLF))
        if attach is None:
            return inner
        b = "----=_mix_%016x" % rng.getrandbits(64)
        return ("Content-Type: multipart/mixed; boundary=\"%s\"%s%sThis is a multi-part message in MIME format.%s"
                "%s--%s%s%s%s--%s%s%s%s--%s--%s"
                % (b, CRLF, CRLF, CRLF, CRLF, b, CRLF, inner, CRLF, b, CRLF, attach, CRLF, b, CRLF))

    def pdf_for(self, text, subject, number_s):
        rng = self.rng
        target = rng.randint(100 * 1024 + 3000, 300 * 1024 - 3000)
        pdf = make_pdf(rng, text.split("\n"), subject, self.date, target)
        assert 100 * 1024 <= len(pdf) <= 300 * 1024, len(pdf)
        fname = "Công văn %s.pdf" % number_s.replace("/", "-")
        return attachment_part(rng, pdf, fname)

    def letter(self, i, with_pdf):
        rng = self.rng
        ag = rng.choice(AGENCIES)
        suffix, domain = ag[2], ag[4]
        num = self.numbers.get(suffix, rng.randint(20, 400)) + rng.randint(1, 9)
        self.numbers[suffix] = num
        topic = make_topic(rng, self.date.year)
        signer = person(rng)
        clerk = person(rng)
        subject = "V/v " + topic
        if rng.random() < 0.25:
            subject = "Công văn số %d/%s %s" % (num, suffix, subject)
        text = letter_text(rng, ag, num, self.date, topic, signer)
        if rng.random() < 0.6:
            text = ("Kính gửi Văn thư cơ quan,\n\n%s gửi kèm theo đây Công văn số %d/%s, "
                    "đề nghị Quý cơ quan xem xét.\n\nTrân trọng.\n%s\n\n-----\n\n"
                    % (ag[1].capitalize() or ag[0].capitalize(), num, suffix, clerk)) + text
        frm = (clerk + " - " + (ag[1] or ag[0]).title() if rng.random() < 0.5 else (ag[1] or ag[0]).title(),
               "vanthu@" + domain if rng.random() < 0.6 else mailbox_of(clerk, domain))
        h = self.common(i, frm, subject, domain)
        msgid = h[[k for k, x in enumerate(h) if x.startswith("Message-ID")][0]].split(" ", 1)[1]
        self.letters.append((msgid, subject, ag, frm))
        attach = self.pdf_for(text, subject, "%d/%s" % (num, suffix)) if with_pdf else None
        return h, self.body(text, attach)

    def reply(self, i, with_pdf):
        rng = self.rng
        msgid, subject, ag, frm = rng.choice(self.letters[-200:])
        me = person(rng)
        prefix = rng.choice(["Re: ", "RE: ", "TL: ", "Trả lời: "])
        ref = ["In-Reply-To: " + msgid, "References: " + msgid]
        text = ("Kính gửi %s,\n\n%s\n\nTrân trọng./.\n%s\n%s\n\n"
                % (frm[0], rng.choice([
                    "Cơ quan chúng tôi đã nhận được văn bản và sẽ gửi báo cáo đúng thời hạn.",
                    "Đề nghị Quý cơ quan gửi lại bản có chữ ký số, bản gửi trước bị lỗi phông chữ.",
                    "Chúng tôi gửi kèm theo đây báo cáo theo yêu cầu tại văn bản nêu trên.",
                    "Xin cho biết thời hạn cuối cùng để nộp hồ sơ là ngày nào?",
                ]), me, "Văn phòng - Cơ quan Cổng văn"))
        text += "\n".join("> " + l for l in ("Vào %s, %s đã viết:" % (short_date(self.date), frm[0])).split("\n"))
        text += "\n> " + subject + "\n> ...\n"
        reply_from = (me, mailbox_of(me, "congvan.test") if rng.random() < 0.3 else mailbox_of(me, ag[4]))
        h = self.common(i, reply_from, prefix + subject, ag[4], ref)
        attach = self.pdf_for(text, prefix + subject, "BC-%d" % i) if with_pdf else None
        return h, self.body(text, attach)

    def autoreply(self, i):
        rng = self.rng
        ag = rng.choice(AGENCIES)
        who = person(rng)
        subject = rng.choice(["Trả lời tự động: ", "Automatic reply: ", "Thư trả lời tự động: "]) + \
            rng.choice(["Thông báo tiếp nhận văn bản", "V/v " + make_topic(rng, self.date.year)])
        start = self.date + datetime.timedelta(days=rng.randint(0, 3))
        text = ("Xin chào,\n\nTôi đang đi công tác từ %s đến hết %s, việc truy cập thư điện tử bị hạn chế.\n"
                "Trường hợp cần giải quyết gấp, xin vui lòng liên hệ Văn phòng, điện thoại 024.3%07d.\n\n"
                "Trân trọng,\n%s\n" % (short_date(start), short_date(start + datetime.timedelta(days=rng.randint(2, 10))),
                                       rng.randint(0, 9999999), who))
        h = self.common(i, (who, mailbox_of(who, ag[4])), subject, ag[4],
                        ["Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All", "Precedence: auto_reply"])
        return h, self.body(text)

    def bounce(self, i):
        rng = self.rng
        ag = rng.choice(AGENCIES)
        bad = "%s@%s" % (rng.choice(["vanthu", "lanhdao", "phongkhtc", "hanh.nt", "tuan.lv"]), ag[4])
        orig_subject = "[Cổng văn] Thông báo đã tiếp nhận văn bản số %d/%s" % (rng.randint(10, 999), ag[2])
        orig_id = "<%d.notice.%08x@congvan.test>" % (i, rng.getrandbits(32))
        mx = "mx%d.%s" % (rng.randint(1, 3), ag[4])
        code, diag = rng.choice([("5.1.1", "550 5.1.1 <%s>: Recipient address rejected: User unknown" % bad),
                                 ("5.2.2", "552 5.2.2 <%s>: Mailbox full" % bad),
                                 ("4.4.1", "451 4.4.1 Connection timed out")])
        action = "failed" if code[0] == "5" else "delayed"
        text = ("This is the mail system at host %s.\n\nI'm sorry to have to inform you that your message could not\n"
                "be delivered to one or more recipients.\n\n<%s>: host %s said: %s\n" % (mx, bad, mx, diag))
        dsn = ("Reporting-MTA: dns; %s\r\nArrival-Date: %s\r\n\r\nFinal-Recipient: rfc822; %s\r\n"
               "Original-Recipient: rfc822;%s\r\nAction: %s\r\nStatus: %s\r\nRemote-MTA: dns; %s\r\n"
               "Diagnostic-Code: smtp; %s\r\n"
               % (mx, self.date.strftime("%a, %d %b %Y %H:%M:%S +0700"), bad, bad, action, code, mx, diag))
        orig = ("Return-Path: <congvan@congvan.test>\r\nFrom: %s\r\nTo: <%s>\r\nSubject: %s\r\n"
                "Message-ID: %s\r\nDate: %s\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                % (addr(rng, "Cổng văn", "congvan@congvan.test"), bad, header_text(rng, orig_subject), orig_id,
                   self.date.strftime("%a, %d %b %Y %H:%M:%S +0700")))
        b = "%08X.%d/%s" % (rng.getrandbits(32), i, mx)
        subject = rng.choice(["Undelivered Mail Returned to Sender", "Delivery Status Notification (Failure)",
                              "Mail delivery failed: returning message to sender"])
        h = self.common(i, ("Mail Delivery System", ""), subject, ag[4], ["Auto-Submitted: auto-replied"])
        h[0] = "Return-Path: <>"
        body = ("Content-Type: multipart/report; report-type=delivery-status; boundary=\"%s\"%s%s"
                "This is a MIME-encapsulated message.%s%s--%s%sContent-Description: Notification%s"
                "Content-Type: text/plain; charset=us-ascii%s%s%s%s--%s%s"
                "Content-Description: Delivery report%sContent-Type: message/delivery-status%s%s%s%s--%s%s"
                "Content-Description: Undelivered Message Headers%sContent-Type: text/rfc822-headers%s%s%s%s--%s--%s"
                % (b, CRLF, CRLF, CRLF, CRLF, b, CRLF, CRLF, CRLF, CRLF, crlf(text), CRLF, b, CRLF,
                   CRLF, CRLF, CRLF, dsn, CRLF, b, CRLF, CRLF, CRLF, CRLF, orig, CRLF, b, CRLF))
        return h, body


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("count", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--to", default="congvan@congvan.test", help="recipient (default: congvan@congvan.test)")
    a = ap.parse_args()
    if a.count < 0:
        ap.error("COUNT must be >= 0")
    os.makedirs(a.dir, exist_ok=True)
    g = Gen(a.seed, a.to)
    rng = g.rng

    kinds = []
    for i in range(a.count):
        r = rng.random()
        kinds.append("letter" if r < 0.70 or i < 3 else "reply" if r < 0.88 else "auto" if r < 0.94 else "bounce")
    eligible = [i for i, k in enumerate(kinds) if k in ("letter", "reply")]
    npdf = a.count // 5
    if len(eligible) < npdf:
        eligible = list(range(a.count))
    pdf_set = set(rng.sample(eligible, npdf))

    width = max(5, len(str(a.count)))
    total = 0
    stats = {}
    for i in range(a.count):
        g.next_date()
        k = kinds[i]
        if k == "reply" and not g.letters:
            k = "letter"
        if k == "letter":
            h, body = g.letter(i + 1, i in pdf_set)
        elif k == "reply":
            h, body = g.reply(i + 1, i in pdf_set)
        elif k == "auto":
            h, body = g.autoreply(i + 1)
        else:
            h, body = g.bounce(i + 1)
        stats[k] = stats.get(k, 0) + 1
        data = (CRLF.join(h) + CRLF + body).encode("utf-8")
        with open(os.path.join(a.dir, "%0*d.eml" % (width, i + 1)), "wb") as f:
            f.write(data)
        total += len(data)
    print("gen-corpus: %d messages in %s (%s; %d with a PDF attachment)"
          % (a.count, a.dir, ", ".join("%d %s" % (stats.get(k, 0), k) for k in ("letter", "reply", "auto", "bounce")),
             len(pdf_set)))
    print("total bytes: %d" % total)


if __name__ == "__main__":
    sys.exit(main())
