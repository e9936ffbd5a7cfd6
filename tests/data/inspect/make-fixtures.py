#!/usr/bin/python3
"""Writes the acceptance fixtures tests/data/inspect/*.eml (and the binary
attachments inside them) from the readable text below.  Standard library
only; deterministic: running it again rewrites the same bytes.

Only the .eml files are generated.  The expected results NAME.json were
written by hand from the contract of `congvan inspect` in DESIGN.md (the
sizes and SHA-256 sums of attachments were computed from the bytes this
script embeds: run it with --hashes to print them).  Never generate a .json
from congvan's own output.

Each message imitates what the named client really sends: header order,
MIME structure, boundaries, transfer encodings, charsets, Message-ID style,
quote header wording, quoting style, signatures.  Line ends are CRLF.
"""
import base64
import hashlib
import io
import os
import sys
import unicodedata
import zipfile
import zlib
import struct

HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------- encoders


def crlf(text):
    """Normalises line ends of text (str) to CRLF."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def b64_body(data, width=76):
    s = base64.b64encode(data).decode("ascii")
    return "\r\n".join(s[i:i + width] for i in range(0, len(s), width)) + "\r\n"


def qp_body(data, width=76):
    """Quoted-printable (RFC 2045) of bytes whose lines end in b"\\n"."""
    out = []
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
        trailing = True
    else:
        trailing = False
    for li, line in enumerate(lines):
        toks = []
        for i, b in enumerate(line):
            last = i == len(line) - 1
            if (33 <= b <= 126 and b != 61) or (b in (32, 9) and not last):
                toks.append(chr(b))
            else:
                toks.append("=%02X" % b)
        cur = ""
        for t in toks:
            if len(cur) + len(t) > width - 1:
                out.append(cur + "=")
                cur = ""
            cur += t
        out.append(cur)
    return "\r\n".join(out) + ("\r\n" if trailing else "")


def _chunks_by_bytes(text, charset, maxbytes):
    """Splits text into pieces whose encoding is at most maxbytes, never
    inside a character."""
    pieces, cur = [], ""
    for ch in text:
        if len((cur + ch).encode(charset)) > maxbytes and cur:
            pieces.append(cur)
            cur = ""
        cur += ch
    if cur:
        pieces.append(cur)
    return pieces


def ew_b(text, charset="UTF-8"):
    """RFC 2047 B-encoded words of at most 75 characters."""
    over = len("=?%s?B??=" % charset)
    maxbytes = (75 - over) // 4 * 3
    return ["=?%s?B?%s?=" % (charset, base64.b64encode(p.encode(charset)).decode())
            for p in _chunks_by_bytes(text, charset, maxbytes)]


def _q(data, lower):
    out = ""
    for b in data:
        c = chr(b)
        if c.isalnum() and b < 128 or c in "!*+-/":
            out += c
        elif b == 32:
            out += "_"
        else:
            out += ("=%02x" if lower else "=%02X") % b
    return out


def ew_q(text, charset="UTF-8", lower=False, enc=None):
    """RFC 2047 Q-encoded words of at most 75 characters.  enc: a function
    str -> bytes (default: text.encode(charset))."""
    enc = enc or (lambda s: s.encode(charset))
    words, cur = [], ""
    head = "=?%s?Q?" % charset
    for ch in text:
        if len(head) + len(_q(enc(cur + ch), lower)) + 2 > 75 and cur:
            words.append(head + _q(enc(cur), lower) + "?=")
            cur = ""
        cur += ch
    if cur:
        words.append(head + _q(enc(cur), lower) + "?=")
    return words


def fold(name, words, sep="\r\n "):
    """A header whose value is a list of encoded words (or atoms), one per
    line after the first."""
    return name + ": " + sep.join(words)


def mixed_subject(prefix, text, charset="UTF-8", lower=False):
    """Leading ASCII words kept as they are (Thunderbird, Zimbra): prefix is
    written plain, text is Q-encoded."""
    return [prefix] + ew_q(text, charset, lower)


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text):
    """windows-1258 the way Windows writes Vietnamese: characters the code
    page has are written precomposed, the others as base letter plus a
    combining tone mark."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
        tones = "".join(c for c in d if c in TONES)
        out += base.encode("cp1258") + tones.encode("cp1258")
    return out


def html_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quote(text, prefix="> "):
    """Quotes text the way most clients do: "> " before each line, ">" alone
    on empty lines."""
    out = []
    for line in text.split("\n"):
        out.append(prefix.rstrip() if line == "" else prefix + line)
    return "\n".join(out)


def html_paras(text, tag="div", attrs=""):
    """Text as one element per line, empty lines as <br>."""
    out = []
    for line in text.split("\n"):
        inner = html_escape(line) if line else "<br>"
        out.append("<%s%s>%s</%s>" % (tag, attrs, inner, tag))
    return "".join(out)


# ------------------------------------------------------ binary attachments


def make_pdf(lines):
    """A small valid PDF (one page, Helvetica, the given ASCII lines)."""
    content = "BT /F1 11 Tf 56 780 Td 14 TL\n"
    for ln in lines:
        esc = ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content += "(%s) Tj T*\n" % esc
    content += "ET\n"
    stream = content.encode("latin-1")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream",
    ]
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        pdf += b"%010d 00000 n \n" % off
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, xref)
    return pdf


def make_docx(paragraphs):
    """A minimal WordprocessingML package, fixed timestamps."""
    body = "".join('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>'
                   % html_escape(p) for p in paragraphs)
    files = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
        ("word/document.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
         "<w:body>%s</w:body></w:document>" % body),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files:
            zi = zipfile.ZipInfo(name, date_time=(2026, 11, 26, 10, 30, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, text.encode("utf-8"))
    return buf.getvalue()


def make_png(w=4, h=4, rgb=(219, 68, 55)):
    def chunk(t, d):
        c = struct.pack(">I", len(d)) + t + d
        return c + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


PDF_1204 = make_pdf([
    "BO TAI CHINH",
    "So: 1204/BTC-KHTC",
    "V/v bao cao tinh hinh thuc hien ke hoach dau tu cong nam 2026",
    "va du kien ke hoach nam 2027",
    "Ha Noi, ngay 23 thang 11 nam 2026",
    "Kinh gui: Bo Cong Thuong",
    "(Ban chup van ban giay kem theo thu dien tu)",
])
PDF_1185 = make_pdf([
    "BO TAI CHINH",
    "DU THAO",
    "THONG TU",
    "Huong dan quan ly, su dung kinh phi thuc hien nhiem vu cai cach hanh chinh",
    "Dieu 1. Pham vi dieu chinh",
    "Dieu 2. Doi tuong ap dung",
])
PDF_DTC = make_pdf([
    "VU KE HOACH - TAI CHINH",
    "Bao cao tinh hinh thuc hien ke hoach dau tu cong nam 2026",
    "Ty le giai ngan den 25/11/2026: 76,2%",
])
DOCX_GOPY = make_docx([
    "Góp ý dự thảo Thông tư quy định chế độ báo cáo thống kê ngành Công Thương",
    "Điều 5: đề nghị bổ sung trách nhiệm tổng hợp số liệu của Sở Công Thương.",
    "Vụ Pháp chế",
])
PNG_ICON = make_png()

# ---------------------------------------------------------- common texts

OWN = "congvan.test"
S123 = "V/v góp ý dự thảo Thông tư quy định chế độ báo cáo thống kê ngành Công Thương"
S131 = ("V/v báo cáo tình hình thực hiện kế hoạch đầu tư công năm 2026 và dự kiến "
        "kế hoạch năm 2027")
S140 = "V/v đề nghị cung cấp thông tin về thủ tục hành chính lĩnh vực xuất nhập khẩu"
S152 = ("V/v xin ý kiến về phương án sắp xếp, kiện toàn tổ chức bộ máy các đơn vị "
        "thuộc Bộ")
S158 = ("V/v đề nghị góp ý dự thảo Thông tư hướng dẫn quản lý, sử dụng kinh phí "
        "thực hiện nhiệm vụ cải cách hành chính")
S167 = ("V/v dự thảo Quy chế phối hợp giữa các đơn vị thuộc Bộ trong xử lý văn bản "
        "đến")


def notice_subject(n, s):
    return "[CV-2026-%06d] Vào sổ văn bản đến số %d: %s" % (n, n, s)


def footer(n):
    return ("Trân trọng.\n\n-- \nHệ thống theo dõi công văn, Bộ Công Thương\n"
            "Thư này được gửi tự động. Khi trả lời, xin giữ nguyên mã "
            "[CV-2026-%06d] trong tiêu đề." % n)


def consult_text(n, subject, unit, sender, due):
    return ("Kính gửi: %s\n\n"
            "Văn phòng Bộ đề nghị %s cho ý kiến đối với văn bản sau:\n\n"
            "  Mã theo dõi:  CV-2026-%06d\n"
            "  Số đến:       %d\n"
            "  Nơi gửi:      %s\n"
            "  Trích yếu:    %s\n"
            "  Hạn trả lời:  %s\n\n"
            "Đề nghị trả lời thư này, dòng đầu tiên ghi \"Đồng ý\" hoặc \"Không đồng ý\"\n"
            "(kèm lý do). Quá thời hạn trên mà không có ý kiến thì được xác định là\n"
            "đồng ý với dự thảo.\n\n%s"
            % (unit, unit, n, n, sender, subject, due, footer(n)))


def assign_text(n, subject, unit, sender, number, due):
    return ("Kính gửi: %s\n\n"
            "Văn phòng Bộ chuyển %s chủ trì xử lý văn bản sau:\n\n"
            "  Mã theo dõi:  CV-2026-%06d\n"
            "  Số đến:       %d\n"
            "  Nơi gửi:      %s\n"
            "  Số, ký hiệu:  %s\n"
            "  Trích yếu:    %s\n"
            "  Hạn xử lý:    %s\n\n"
            "Khi hoàn thành, đề nghị trả lời thư này với dòng đầu tiên \"Hoàn thành\".\n"
            "Văn bản không thuộc thẩm quyền của đơn vị xin trả lời \"Trả lại: <lý do>\".\n\n%s"
            % (unit, unit, n, n, sender, number, subject, due, footer(n)))


def registered_text(n, subject, sender, number, letter_date):
    return ("Kính gửi: Văn phòng Bộ Công Thương\n\n"
            "Văn bản đến sau đây đã được vào sổ và đưa vào theo dõi:\n\n"
            "  Mã theo dõi:  CV-2026-%06d\n"
            "  Số đến:       %d\n"
            "  Ngày đến:     26/11/2026\n"
            "  Nơi gửi:      %s\n"
            "  Trích yếu:    %s\n"
            "  Số, ký hiệu:  %s\n"
            "  Ngày văn bản: %s\n"
            "  Hạn xử lý nêu trong văn bản: 04/12/2026\n"
            "  Trùng với văn bản đã vào sổ: không\n\n"
            "Văn bản chưa được phân công xử lý. Đề nghị Văn phòng xem xét, phân công\n"
            "đơn vị chủ trì, đơn vị phối hợp và thời hạn giải quyết.\n\n%s"
            % (n, n, sender, subject, number, letter_date, footer(n)))


SEED = open(os.path.join(HERE, "..", "integration", "2536-BCT-VP.txt"),
            encoding="utf-8").read()

FILES = {}


def emit(name, text):
    """text: the whole message as str with "\\n" or "\\r\\n" line ends and
    only ASCII or already-encoded bytes as latin-1 code points."""
    FILES[name] = crlf(text).encode("latin-1")


def utf8_as_latin1(s):
    """Raw 8-bit UTF-8 text placed in a str that is written as latin-1."""
    return s.encode("utf-8").decode("latin-1")


def quote_apple(text):
    """Apple Mail and iOS: "> " also before empty lines."""
    return "\n".join("> " + line for line in text.split("\n"))


def mime_part(headers, body):
    return headers.rstrip("\n") + "\n\n" + body


# ================================================================ replies

# --- Gmail, Vietnamese interface: base64 UTF-8, the quote header wrapped
# over two lines in the text part, div.gmail_quote in the HTML part.
def reply_gmail_vi():
    irt = "cv.CV-2026-000123.1795659300.3b8e0f6a2c7d4e19@" + OWN
    subject = "Re: " + notice_subject(123, S123)
    orig = consult_text(123, S123, "Vụ Kế hoạch - Tài chính", "Vụ Pháp chế", "03/12/2026")
    sig = ("Nguyễn Văn An\nPhó Vụ trưởng Vụ Kế hoạch - Tài chính\nBộ Công Thương\n"
           "ĐT: 024 2220 2301")
    plain = ("Đồng ý.\n\n-- \n" + sig + "\n\n"
             "Vào Th 5, 26 thg 11, 2026 vào lúc 09:15 Văn thư Bộ <vanthu@congvan.test>\n"
             "đã viết:\n\n" + quote(orig) + "\n>\n")
    html = ('<div dir="ltr"><div>Đồng ý.</div><br clear="all"><div><br></div>'
            '<span class="gmail_signature_prefix">-- </span><br><div dir="ltr" '
            'class="gmail_signature" data-smartmail="gmail_signature"><div dir="ltr">'
            + "".join("<div>%s</div>" % html_escape(l) for l in sig.split("\n")) +
            '</div></div></div><br><div class="gmail_quote gmail_quote_container">'
            '<div dir="ltr" class="gmail_attr">Vào Th 5, 26 thg 11, 2026 vào lúc 09:15 '
            'Văn thư Bộ &lt;<a href="mailto:vanthu@congvan.test">vanthu@congvan.test</a>'
            '&gt; đã viết:<br></div><blockquote class="gmail_quote" style="margin:0px 0px '
            '0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
            + html_paras(orig) + "</blockquote></div>\n")
    b = "00000000000089d43a0625b7e1c4"
    msg = "\n".join([
        "Return-Path: <nguyenvanan.khtc@gmail.com>",
        "Delivered-To: vanthu@congvan.test",
        "Received: by mail-lj1-f171.google.com with SMTP id 38308e7fff4ca-2ff5f2c1e0aso2144871fa.1",
        "        for <vanthu@congvan.test>; Wed, 25 Nov 2026 19:02:59 -0800 (PST)",
        "MIME-Version: 1.0",
        "References: <%s>" % irt,
        "In-Reply-To: <%s>" % irt,
        "From: " + ew_b("Nguyễn Văn An")[0] + " <nguyenvanan.khtc@gmail.com>",
        "Date: Thu, 26 Nov 2026 10:02:47 +0700",
        "Message-ID: <CAH7k2sPq9Xw1Lr3vZmN8bT4yE6uF0cJ5dG2hK7aS1oR3iW9nQ+g@mail.gmail.com>",
        fold("Subject", ew_b(subject), "\r\n\t"),
        "To: " + ew_b("Văn thư Bộ")[0] + " <vanthu@congvan.test>",
        'Content-Type: multipart/alternative; boundary="%s"' % b,
        "",
        "--" + b,
        'Content-Type: text/plain; charset="UTF-8"',
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(crlf(plain).encode()),
        "--" + b,
        'Content-Type: text/html; charset="UTF-8"',
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(crlf(html).encode()),
        "--%s--" % b,
        ""])
    emit("reply-gmail-vi.eml", msg)


# --- Gmail, English interface, quoted-printable, with a .docx attachment
# whose name Gmail writes as RFC 2047 words inside the quoted parameter.
def reply_gmail_en():
    irt = "cv.CV-2026-000123.1795659300.c41d9a7e2b6f8305@" + OWN
    subject = "Re: " + notice_subject(123, S123)
    orig = consult_text(123, S123, "Vụ Thị trường trong nước", "Vụ Pháp chế", "03/12/2026")
    new = ("Không đồng ý vì dự thảo chưa quy định rõ trách nhiệm tổng hợp số liệu của "
           "Sở Công Thương các tỉnh, thành phố; đề nghị Vụ Pháp chế bổ sung Điều 5 trước "
           "khi trình Lãnh đạo Bộ. Góp ý chi tiết tại tệp gửi kèm.")
    plain = (new + "\n\nOn Thu, Nov 26, 2026 at 9:15 AM Văn thư Bộ <vanthu@congvan.test> "
             "wrote:\n\n" + quote(orig) + "\n>\n")
    html = ('<div dir="ltr">' + html_escape(new) + '</div><br><div class="gmail_quote '
            'gmail_quote_container"><div dir="ltr" class="gmail_attr">On Thu, Nov 26, 2026 at '
            '9:15 AM Văn thư Bộ &lt;<a href="mailto:vanthu@congvan.test">vanthu@congvan.test'
            '</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px '
            '0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
            + html_paras(orig) + "</blockquote></div>\n")
    fname = "Góp ý dự thảo TT báo cáo thống kê - Vụ TTTN.docx"
    fw = ew_b(fname)
    ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    outer, inner = "0000000000009b2e0c0625b7e1d2", "0000000000009b2e0a0625b7e1d0"
    msg = "\n".join([
        "MIME-Version: 1.0",
        "References: <%s>" % irt,
        "In-Reply-To: <%s>" % irt,
        "From: " + ew_b("Lê Thị Hồng Nhung")[0] + " <nhung.lth@congvan.test>",
        "Date: Thu, 26 Nov 2026 11:24:05 +0700",
        "Message-ID: <CAMq8xWv3Lk0p7RzT2nYc9Hf4dJ6sQ1aB5gE8uK3mN0oP2rS7tA@mail.gmail.com>",
        fold("Subject", ew_b(subject), "\r\n\t"),
        "To: " + ew_b("Văn thư Bộ")[0] + " <vanthu@congvan.test>",
        'Content-Type: multipart/mixed; boundary="%s"' % outer,
        "",
        "--" + outer,
        'Content-Type: multipart/alternative; boundary="%s"' % inner,
        "",
        "--" + inner,
        'Content-Type: text/plain; charset="UTF-8"',
        "Content-Transfer-Encoding: quoted-printable",
        "",
        qp_body(plain.encode()),
        "--" + inner,
        'Content-Type: text/html; charset="UTF-8"',
        "Content-Transfer-Encoding: quoted-printable",
        "",
        qp_body(html.encode()),
        "--%s--" % inner,
        "--" + outer,
        'Content-Type: %s; ' % ctype,
        '\tname="' + "\r\n\t".join(fw) + '"',
        'Content-Disposition: attachment; ',
        '\tfilename="' + "\r\n\t".join(fw) + '"',
        "Content-Transfer-Encoding: base64",
        "Content-ID: <f_mhx2k7q30>",
        "X-Attachment-Id: f_mhx2k7q30",
        "",
        b64_body(DOCX_GOPY),
        "--%s--" % outer,
        ""])
    emit("reply-gmail-en.eml", msg)


OUTLOOK_CSS = """<style><!--
/* Font Definitions */
@font-face
\t{font-family:"Cambria Math";
\tpanose-1:2 4 5 3 5 4 6 3 2 4;}
@font-face
\t{font-family:Calibri;
\tpanose-1:2 15 5 2 2 2 4 3 2 4;}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
\t{margin:0cm;
\tfont-size:11.0pt;
\tfont-family:"Calibri",sans-serif;}
span.EmailStyle19
\t{mso-style-type:personal-reply;
\tfont-family:"Calibri",sans-serif;
\tcolor:windowtext;}
.MsoChpDefault
\t{mso-style-type:export-only;
\tfont-size:10.0pt;}
@page WordSection1
\t{size:612.0pt 792.0pt;
\tmargin:72.0pt 72.0pt 72.0pt 72.0pt;}
div.WordSection1
\t{page:WordSection1;}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--><!--[if gte mso 9]><xml>
<o:shapelayout v:ext="edit">
<o:idmap v:ext="edit" data="1" />
</o:shapelayout></xml><![endif]-->"""


def outlook_html(charset, lang, new_paras, hdr, orig):
    """Word-generated HTML of an Outlook desktop reply: new paragraphs, the
    header block in a div with a top border, the original below."""
    p = "<p class=MsoNormal>%s<o:p></o:p></p>\n"
    empty = "<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n"
    body = ""
    for para in new_paras:
        body += p % html_escape(para) + empty
    body += ("<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>"
             "<p class=MsoNormal>" +
             "<br>\n".join("<b>%s</b> %s" % (html_escape(k), html_escape(v)) for k, v in hdr) +
             "<o:p></o:p></p></div>\n" + empty)
    for line in orig.split("\n"):
        body += (p % html_escape(line)) if line else empty
    return ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:'
            'office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://'
            'schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">'
            '<head><meta http-equiv=Content-Type content="text/html; charset=%s"><meta name='
            'Generator content="Microsoft Word 15 (filtered medium)">' % charset + OUTLOOK_CSS +
            "</head><body lang=%s link=\"#0563C1\" vlink=\"#954F72\" style='word-wrap:break-word'>"
            "<div class=WordSection1>\n" % lang + body + "</div></body></html>\n")


def outlook_plain(new_paras, hdr, orig):
    """The text part Outlook derives from its HTML: paragraphs separated by
    empty lines, a line holding one space for each &nbsp; paragraph, the
    header block unquoted and with no separator line above it."""
    out = "\n\n".join(new_paras) + "\n\n \n\n"
    out += "\n".join("%s %s" % (k, v) for k, v in hdr[:1]) + " \n"
    out += "\n".join("%s %s" % (k, v) for k, v in hdr[1:]) + "\n\n \n\n"
    out += "\n".join(l if l else " " for l in orig.split("\n")) + "\n\n"
    return out


# --- Outlook 2016 desktop, Vietnamese interface, windows-1258
# quoted-printable (tone marks as combining characters), a PDF attachment
# whose name is an RFC 2047 word in windows-1258.
def reply_outlook_vi():
    irt = "cv.CV-2026-000131.1795659300.5e7a90c3d1b24f86@" + OWN
    subject = "RE: " + notice_subject(131, S131)
    orig = assign_text(131, S131, "Vụ Kế hoạch - Tài chính", "Bộ Tài chính",
                       "1204/BTC-KHTC", "08/12/2026")
    new = ["Hoàn thành.",
           "Vụ Kế hoạch - Tài chính đã gửi Bộ Tài chính báo cáo tình hình thực hiện kế "
           "hoạch đầu tư công năm 2026 và dự kiến kế hoạch năm 2027 tại văn bản số "
           "845/BCT-KHTC ngày 26/11/2026 (bản chụp gửi kèm)."]
    hdr = [("Từ:", "Văn thư Bộ <vanthu@congvan.test>"),
           ("Đã gửi:", "Thứ Năm, 26 tháng 11, 2026 9:15 SA"),
           ("Đến:", "Vụ Kế hoạch - Tài chính <khtc@congvan.test>"),
           ("Chủ đề:", notice_subject(131, S131))]
    plain = outlook_plain(new, hdr, orig)
    html = outlook_html("windows-1258", "VI", new, hdr, orig)
    fname = ew_q("Báo cáo ĐTC 2026.pdf", "windows-1258", enc=cp1258)
    assert len(fname) == 1
    b0 = "----=_NextPart_000_0009_01DB5F67.36A2C8F0"
    b1 = "----=_NextPart_001_000A_01DB5F67.36A2C8F0"
    msg = "\n".join([
        "From: " + ew_q("Phạm Thị Thu Hà", "windows-1258", enc=cp1258)[0] +
        " <ha.ptt@congvan.test>",
        "To: " + ew_q("'Văn thư Bộ'", "windows-1258", enc=cp1258)[0] +
        " <vanthu@congvan.test>",
        "References: <%s>" % irt,
        "In-Reply-To: <%s>" % irt,
        fold("Subject", ew_q(subject, "windows-1258", enc=cp1258)),
        "Date: Thu, 26 Nov 2026 16:48:12 +0700",
        "Message-ID: <000801db5f2c$8a3e4b10$9ebae130$@congvan.test>",
        "MIME-Version: 1.0",
        "Content-Type: multipart/mixed;",
        '\tboundary="%s"' % b0,
        "X-Mailer: Microsoft Outlook 16.0",
        "Thread-Index: AQJ8m0yR2xW4cVqK5tNf8HgZ3LpD1bN2zYbQ",
        "Content-Language: vi",
        "",
        "This is a multipart message in MIME format.",
        "",
        "--" + b0,
        "Content-Type: multipart/alternative;",
        '\tboundary="%s"' % b1,
        "",
        "",
        "--" + b1,
        "Content-Type: text/plain;",
        '\tcharset="windows-1258"',
        "Content-Transfer-Encoding: quoted-printable",
        "",
        qp_body(cp1258(plain)),
        "--" + b1,
        "Content-Type: text/html;",
        '\tcharset="windows-1258"',
        "Content-Transfer-Encoding: quoted-printable",
        "",
        qp_body(cp1258(html)),
        "--%s--" % b1,
        "",
        "--" + b0,
        "Content-Type: application/pdf;",
        '\tname="%s"' % fname[0],
        "Content-Transfer-Encoding: base64",
        "Content-Disposition: attachment;",
        '\tfilename="%s"' % fname[0],
        "",
        b64_body(PDF_DTC),
        "--%s--" % b0,
        ""])
    emit("reply-outlook-vi.eml", msg)


# --- Outlook desktop, English interface, through Exchange (on premises):
# utf-8 quoted-printable, "From: / Sent: / To: / Subject:" block with no
# separator line in the text part.
def reply_outlook_en():
    irt = "cv.CV-2026-000140.1795659300.8d2f6b1a09e4c735@" + OWN
    subject = "RE: " + notice_subject(140, S140)
    orig = assign_text(140, S140, "Vụ Pháp chế", "Công ty TNHH Thương mại Minh Phát",
                       "25/2026/CV-MP", "03/12/2026")
    new = ["Trả lại: không thuộc thẩm quyền"]
    hdr = [("From:", "Văn thư Bộ <vanthu@congvan.test>"),
           ("Sent:", "Thursday, November 26, 2026 9:15 AM"),
           ("To:", "Vụ Pháp chế <phapche@congvan.test>"),
           ("Subject:", notice_subject(140, S140))]
    plain = outlook_plain(new, hdr, orig)
    html = outlook_html("utf-8", "EN-US", new, hdr, orig)
    mid = "EX16MB01D4E7A2B94C1F8E6A0B3C5D7F9E2A41@EXMB01.congvan.test"
    b = "_000_EX16MB01D4E7A2B94C1F8E6A0B3C5D7F9E2A41EXMB01congvantest_"
    msg = "\n".join([
        "Received: from EXMB01.congvan.test (10.10.1.21) by EXMB01.congvan.test",
        " (10.10.1.21) with Microsoft SMTP Server (version=TLS1_2,",
        " cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.1.2507.39; Thu, 26 Nov",
        " 2026 10:41:05 +0700",
        "From: " + ew_b("Vũ Minh Phương", "utf-8")[0] + " <phuong.vm@congvan.test>",
        "To: " + ew_b("Văn thư Bộ", "utf-8")[0] + " <vanthu@congvan.test>",
        fold("Subject", ew_b(subject, "utf-8")),
        fold("Thread-Topic", ew_b(notice_subject(140, S140), "utf-8")),
        "Thread-Index: AQHbX9Lk3vq8n1mR4kW2dTqzY7oB5w==",
        "Date: Thu, 26 Nov 2026 03:41:05 +0000",
        "Message-ID: <%s>" % mid,
        "References: <%s>" % irt,
        "In-Reply-To: <%s>" % irt,
        "Accept-Language: en-US, vi-VN",
        "Content-Language: en-US",
        "X-MS-Has-Attach:",
        "X-MS-TNEF-Correlator:",
        "x-originating-ip: [10.10.20.41]",
        "Content-Type: multipart/alternative;",
        '\tboundary="%s"' % b,
        "MIME-Version: 1.0",
        "",
        "--" + b,
        'Content-Type: text/plain; charset="utf-8"',
        "Content-Transfer-Encoding: quoted-printable",
        "",
        qp_body(plain.encode()),
        "--" + b,
        'Content-Type: text/html; charset="utf-8"',
        "Content-Transfer-Encoding: quoted-printable",
        "",
        qp_body(html.encode()),
        "--%s--" % b,
        ""])
    emit("reply-outlook-en.eml", msg)


# --- Outlook desktop composing in plain text (the original was read as
# plain text): "-----Original Message-----" above the header block; the
# decision in English.
def reply_outlook_plain():
    irt = "cv.CV-2026-000167.1795659300.0f3b8c6d2a5e7194@" + OWN
    subject = "RE: " + notice_subject(167, S167)
    orig = consult_text(167, S167, "Vụ Khoa học và Công nghệ", "Văn phòng Bộ", "02/12/2026")
    plain = ("Agree.\n\n-----Original Message-----\n"
             "From: Văn thư Bộ <vanthu@congvan.test> \n"
             "Sent: Thursday, November 26, 2026 9:15 AM\n"
             "To: Vụ Khoa học và Công nghệ <khcn@congvan.test>\n"
             "Subject: " + notice_subject(167, S167) + "\n\n" + orig + "\n\n")
    msg = "\n".join([
        "From: " + ew_b("Hoàng Đức Thắng", "utf-8")[0] + " <thang.hd@congvan.test>",
        "To: " + ew_b("'Văn thư Bộ'", "utf-8")[0] + " <vanthu@congvan.test>",
        "References: <%s>" % irt,
        "In-Reply-To: <%s>" % irt,
        fold("Subject", ew_b(subject, "utf-8")),
        "Date: Thu, 26 Nov 2026 13:05:40 +0700",
        "Message-ID: <001201db5f35$b2c4d6e0$18ce84a0$@congvan.test>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain;",
        '\tcharset="utf-8"',
        "Content-Transfer-Encoding: quoted-printable",
        "X-Mailer: Microsoft Outlook 16.0",
        "Thread-Index: AQKx1rW7YpE0dM2nC9sJ3fQ8hT6uAQ==",
        "Content-Language: en-us",
        "",
        qp_body(plain.encode())])
    emit("reply-outlook-plain.eml", msg)


# --- Outlook on the web (Exchange Online): base64 parts, the text part
# with a line of underscores, the HTML part with <hr> and #divRplyFwdMsg.
def reply_owa():
    irt = "cv.CV-2026-000167.1795659300.6a1c9e4f7b2d0853@" + OWN
    subject = "Re: " + notice_subject(167, S167)
    orig = consult_text(167, S167, "Vụ Tổ chức cán bộ", "Văn phòng Bộ", "02/12/2026")
    new = ("Đồng ý với dự thảo. Đề nghị Văn phòng Bộ hoàn thiện, trình Lãnh đạo Bộ ký "
           "ban hành.")
    hdr = [("From:", "Văn thư Bộ <vanthu@congvan.test>"),
           ("Sent:", "Thursday, November 26, 2026 9:15 AM"),
           ("To:", "Vụ Tổ chức cán bộ <tccb@congvan.test>"),
           ("Subject:", notice_subject(167, S167))]
    plain = (new + "\n\n________________________________\n" +
             "\n".join("%s %s" % kv for kv in hdr) + "\n\n" + orig + "\n")
    html = ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; '
            'charset=utf-8">\n<style type="text/css" style="display:none;"> P {margin-top:0;'
            'margin-bottom:0;} </style>\n</head>\n<body dir="ltr">\n<div class="elementToProof" '
            'style="font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, '
            'Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">\n' +
            html_escape(new) + '</div>\n<div id="appendonsend"></div>\n<hr style="display:'
            'inline-block;width:98%" tabindex="-1">\n<div id="divRplyFwdMsg" dir="ltr"><font '
            'face="Calibri, sans-serif" style="font-size:11pt" color="#000000">' +
            "<br>\n".join("<b>%s</b> %s" % (k, html_escape(v)) for k, v in hdr) +
            '</font>\n<div>&nbsp;</div>\n</div>\n<div>' + html_paras(orig) +
            "</div>\n</body>\n</html>\n")
    mid = "SEZPR06MB6958A1B2C3D4E5F60718293A4B5C6D7E8F9@SEZPR06MB6958.apcprd06.prod.outlook.com"
    b = "_000_SEZPR06MB6958A1B2C3D4E5F60718293A4B5C6D7E8F9SEZPR06MB6958apcp_"
    msg = "\n".join([
        "From: " + ew_b("Đỗ Văn Quang", "utf-8")[0] + " <quang.dv@congvan.test>",
        "To: " + ew_b("Văn thư Bộ", "utf-8")[0] + " <vanthu@congvan.test>",
        fold("Subject", ew_b(subject, "utf-8")),
        fold("Thread-Topic", ew_b(notice_subject(167, S167), "utf-8")),
        "Thread-Index: AQHbX+Bv8kQ2mZ1c7UeWlYtR0n3xPw==",
        "Date: Thu, 26 Nov 2026 04:12:33 +0000",
        "Message-ID: <%s>" % mid,
        "References: <%s>" % irt,
        "In-Reply-To: <%s>" % irt,
        "Accept-Language: vi-VN, en-US",
        "Content-Language: vi-VN",
        "X-MS-Has-Attach:",
        "X-MS-TNEF-Correlator:",
        "msip_labels:",
        "x-ms-publictraffictype: Email",
        "x-ms-traffictypediagnostic: SEZPR06MB6958:EE_|TYZPR06MB5273:EE_",
        "Content-Type: multipart/alternative;",
        '\tboundary="%s"' % b,
        "MIME-Version: 1.0",
        "",
        "--" + b,
        'Content-Type: text/plain; charset="utf-8"',
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(crlf(plain).encode()),
        "--" + b,
        'Content-Type: text/html; charset="utf-8"',
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(crlf(html).encode()),
        "--%s--" % b,
        ""])
    emit("reply-owa.eml", msg)


def flowed(text, width=72):
    """format=flowed (RFC 3676) as Thunderbird writes it: long lines broken
    at spaces with a trailing space, quote depth kept on every piece,
    "-- " left alone."""
    out = []
    for line in text.split("\n"):
        if line == "-- ":
            out.append(line)
            continue
        depth = len(line) - len(line.lstrip(">"))
        prefix = ">" * depth + (" " if depth else "")
        rest = line[depth:]
        if depth and rest.strip() == "":
            out.append(">" * depth)
            continue
        if depth and rest.startswith(" "):
            rest = rest[1:]
        if not depth and (rest.startswith(" ") or rest.startswith("From ")):
            rest = " " + rest  # space-stuffing
        words = rest.split(" ")
        cur = ""
        pieces = []
        for w in words:
            cand = (cur + " " + w) if cur else w
            if len(prefix) + len(cand) > width and cur:
                pieces.append(cur + " ")
                cur = w
            else:
                cur = cand
        pieces.append(cur)
        out.extend(prefix + pc for pc in pieces)
    return "\n".join(out)


# --- Thunderbird, plain text, format=flowed, 8bit: answers written
# between the quoted questions; the quoted message's signature stripped
# as Thunderbird does; "-- " signature at the end.
def reply_thunderbird():
    irt = "cv.CV-2026-000131.1795659300.2c8e5a1f7d3b9046@" + OWN
    subject = "Re: " + notice_subject(131, S131)
    text = """On 26/11/2026 09:15, Văn thư wrote:
> Kính gửi: Vụ Kế hoạch - Tài chính
>
> Để tổng hợp báo cáo Bộ Tài chính theo văn bản số 1204/BTC-KHTC (mã theo dõi CV-2026-000131), đề nghị Vụ cho biết:
>
> 1. Tỷ lệ giải ngân vốn đầu tư công đến ngày 30/11/2026?

Đến ngày 30/11/2026 đã giải ngân 78,5% kế hoạch vốn được giao, cao hơn cùng kỳ năm 2025; chi tiết từng dự án tại phụ lục gửi kèm văn bản chính thức.

> 2. Đơn vị, cá nhân đầu mối tổng hợp số liệu?

Phòng Tổng hợp, đồng chí Trần Thị Bình, ĐT 024 2220 2315.

> 3. Dự kiến thời gian gửi báo cáo chính thức?

Trước ngày 08/12/2026.

> Trân trọng.

-- 
Nguyễn Văn Khánh
Phòng Tổng hợp, Vụ Kế hoạch - Tài chính
"""
    body = flowed(text.rstrip("\n")) + "\n"
    msg = "\n".join([
        "Message-ID: <3f6c2a9e-8b1d-4c7e-9a05-2e4b7d1f8c36@congvan.test>",
        "Date: Thu, 26 Nov 2026 11:03:41 +0700",
        "MIME-Version: 1.0",
        "User-Agent: Mozilla Thunderbird",
        fold("Subject", mixed_subject("Re: [CV-2026-000131]",
                                      subject[len("Re: [CV-2026-000131] "):], lower=True)),
        "Content-Language: en-GB",
        "To: " + ew_q("Văn thư", lower=True)[0] + " <vanthu@congvan.test>",
        "References: <%s>" % irt,
        "From: " + ew_q("Nguyễn Văn Khánh", lower=True)[0] + " <khanh.nv@congvan.test>",
        "In-Reply-To: <%s>" % irt,
        "Content-Type: text/plain; charset=UTF-8; format=flowed",
        "Content-Transfer-Encoding: 8bit",
        "",
        utf8_as_latin1(body)])
    emit("reply-thunderbird.eml", msg)


# --- Apple Mail (macOS): multipart/alternative, quoted-printable, the
# quote header inside the quote ("> On ... wrote:"), blockquote type=cite.
def reply_apple_mail():
    irt = "cv.CV-2026-000123.1795659300.94b0e7c2d5a1f368@" + OWN
    subject = "Re: " + notice_subject(123, S123)
    orig = consult_text(123, S123, "Vụ Tổ chức cán bộ", "Vụ Pháp chế", "03/12/2026")
    new = "Đồng ý, không có ý kiến khác."
    attr = "On 26 Nov 2026, at 09:15, Văn thư Bộ <vanthu@congvan.test> wrote:"
    plain = new + "\n\n" + quote_apple(attr + "\n\n" + orig) + "\n\n"
    html = ('<html aria-label="message body"><head><meta http-equiv="content-type" '
            'content="text/html; charset=utf-8"></head><body style="overflow-wrap: break-word; '
            '-webkit-nbsp-mode: space; line-break: after-white-space;">' + html_escape(new) +
            '<br id="lineBreakAtBeginningOfMessage"><div><br><blockquote type="cite"><div>' +
            html_escape(attr) + '</div><br class="Apple-interchange-newline"><div><div>' +
            html_paras(orig) + "</div></div></blockquote></div><br></body></html>")
    b = "Apple-Mail=_8B3F2C1A-4D5E-4F60-9A7B-1C2D3E4F5A6B"
    msg = "\n".join([
        "From: " + ew_q("Vũ Thị Mai")[0].replace("UTF-8", "utf-8") + " <mai.vt@congvan.test>",
        "Content-Type: multipart/alternative;",
        '\tboundary="%s"' % b,
        "Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3826.200.121\\))",
        fold("Subject", [w.replace("UTF-8", "utf-8") for w in ew_q(subject)]),
        "Date: Thu, 26 Nov 2026 14:20:05 +0700",
        "In-Reply-To: <%s>" % irt,
        "To: " + ew_q("Văn thư Bộ")[0].replace("UTF-8", "utf-8") + " <vanthu@congvan.test>",
        "References: <%s>" % irt,
        "Message-Id: <6E2A1F0B-93C4-4D8A-B5E7-2F1C0D9A8B34@congvan.test>",
        "X-Mailer: Apple Mail (2.3826.200.121)",
        "",
        "",
        "--" + b,
        "Content-Transfer-Encoding: quoted-printable",
        "Content-Type: text/plain;",
        "\tcharset=utf-8",
        "",
        qp_body(plain.encode()),
        "--" + b,
        "Content-Transfer-Encoding: quoted-printable",
        "Content-Type: text/html;",
        "\tcharset=utf-8",
        "",
        qp_body(html.encode()),
        "--%s--" % b,
        ""])
    emit("reply-apple-mail.eml", msg)


IOS_ATTR = ("Vào lúc 09:15, ngày 26 thg 11, 2026, Văn thư Bộ <vanthu@congvan.test> "
            "đã viết:")


# --- iPhone (iOS Mail), Vietnamese: multipart/alternative, the signature
# "Gửi từ iPhone của tôi" above the quote, a BOM at the start of the quoted
# text as iOS writes it.
def reply_iphone():
    irt = "cv.CV-2026-000152.1795659300.7d1e3c9a5f0b2864@" + OWN
    subject = "Re: " + notice_subject(152, S152)
    orig = consult_text(152, S152, "Vụ Thị trường trong nước", "Vụ Tổ chức cán bộ",
                        "01/12/2026")
    new = ("Không đồng ý. Đề nghị giữ nguyên phương án 1 như Tờ trình số 58/TTr-TCCB "
           "ngày 20/11/2026.")
    plain = (new + "\n\nGửi từ iPhone của tôi\n\n" +
             quote_apple(IOS_ATTR + "\n\n\ufeff" + orig) + "\n")
    html = ('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8">'
            '</head><body dir="auto"><div dir="ltr">' + html_escape(new) + '</div><div dir='
            '"ltr"><br><div dir="ltr">Gửi từ iPhone của tôi</div><div dir="ltr"><br><blockquote '
            'type="cite">' + html_escape(IOS_ATTR) + '<br><br></blockquote></div><blockquote '
            'type="cite"><div dir="ltr">\ufeff' + html_paras(orig, "span").replace(
                "</span>", "</span><br>") + "</div></blockquote></div></body></html>")
    b = "Apple-Mail-5E1C9A3B-7F2D-4B8E-A0C6-3D9F1E2B4A75"
    msg = "\n".join([
        "Content-Type: multipart/alternative; boundary=" + b,
        "Content-Transfer-Encoding: 7bit",
        "From: " + ew_q("Trịnh Quốc Việt")[0].replace("UTF-8", "utf-8") +
        " <viet.tq@congvan.test>",
        "Mime-Version: 1.0 (1.0)",
        "Date: Thu, 26 Nov 2026 12:47:19 +0700",
        fold("Subject", [w.replace("UTF-8", "utf-8") for w in ew_q(subject)]),
        "Message-Id: <A9C3E1F7-2B4D-4E6F-8A0C-5D7B9F1E3C20@congvan.test>",
        "References: <%s>" % irt,
        "In-Reply-To: <%s>" % irt,
        "To: " + ew_q("Văn thư Bộ")[0].replace("UTF-8", "utf-8") + " <vanthu@congvan.test>",
        "X-Mailer: iPhone Mail (22B91)",
        "",
        "",
        "--" + b,
        "Content-Type: text/plain;",
        "\tcharset=utf-8",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        qp_body(plain.encode()),
        "--" + b,
        "Content-Type: text/html;",
        "\tcharset=utf-8",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        qp_body(html.encode()),
        "--%s--" % b,
        ""])
    emit("reply-iphone.eml", msg)


# --- iPhone, text/plain only, the body in Unicode NFD (decomposed): the
# decision word and the signature must still be recognised.
def reply_iphone_nfd():
    irt = "cv.CV-2026-000152.1795659300.e05b2d8f4c1a9736@" + OWN
    subject = "Re: " + notice_subject(152, S152)
    orig = consult_text(152, S152, "Vụ Pháp chế", "Vụ Tổ chức cán bộ", "01/12/2026")
    plain = ("Nhất trí.\n\nGửi từ iPhone của tôi\n\n" +
             quote_apple(IOS_ATTR + "\n\n\ufeff" + orig) + "\n")
    plain = unicodedata.normalize("NFD", plain)
    msg = "\n".join([
        "Content-Type: text/plain;",
        "\tcharset=utf-8",
        "Content-Transfer-Encoding: quoted-printable",
        "From: " + ew_q("Bùi Thanh Tùng")[0].replace("UTF-8", "utf-8") +
        " <tung.bt@congvan.test>",
        "Mime-Version: 1.0 (1.0)",
        "Date: Thu, 26 Nov 2026 13:02:55 +0700",
        fold("Subject", [w.replace("UTF-8", "utf-8") for w in ew_q(subject)]),
        "Message-Id: <4F8B2D6A-C1E3-4A5B-9D7F-0E2C4A6B8D13@congvan.test>",
        "References: <%s>" % irt,
        "In-Reply-To: <%s>" % irt,
        "To: " + ew_q("Văn thư Bộ")[0].replace("UTF-8", "utf-8") + " <vanthu@congvan.test>",
        "X-Mailer: iPhone Mail (22B91)",
        "",
        qp_body(plain.encode())])
    emit("reply-iphone-nfd.eml", msg)


# --- Samsung Email (Android), Vietnamese: base64 parts, the device
# signature, "-------- Tin nhắn gốc --------" and the original unquoted.
def reply_samsung():
    irt = "cv.CV-2026-000152.1795659300.3a9f6c0e8d2b5174@" + OWN
    subject = "Re: " + notice_subject(152, S152)
    orig = consult_text(152, S152, "Cục Xuất nhập khẩu", "Vụ Tổ chức cán bộ", "01/12/2026")
    sig = "Đã gửi từ điện thoại thông minh Samsung Galaxy của tôi."
    hdr = [("Từ:", "Văn thư Bộ <vanthu@congvan.test>"),
           ("Ngày:", "26/11/2026 09:15 (GMT+07:00)"),
           ("Đến:", "Cục Xuất nhập khẩu <xnk@congvan.test>"),
           ("Chủ đề:", notice_subject(152, S152))]
    plain = ("Chúng tôi sẽ xem xét thêm.\n\n\n\n" + sig + "\n\n\n"
             "-------- Tin nhắn gốc --------\n" +
             "\n".join("%s %s" % kv for kv in hdr) + "\n\n" + orig + "\n")
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
            '</head><body><div dir="auto">Chúng tôi sẽ xem xét thêm.</div><div dir="auto">'
            '<br></div><div dir="auto"><br></div><div dir="auto"><br></div><div id='
            '"composer_signature" dir="auto"><div style="font-size:12px;color:#575757" dir='
            '"auto">' + sig + '</div></div><div dir="auto"><br></div><div><br></div><div '
            'align="left" dir="auto" style="font-size:100%;color:#000000"><div>-------- Tin '
            'nhắn gốc --------</div><div>' +
            "</div><div>".join("%s %s" % (k, html_escape(v)) for k, v in hdr) +
            '</div><div><br></div></div>' + html_paras(orig, "div", ' dir="auto"') +
            "</body></html>")
    b = "--_com.samsung.android.email_1795667460456789012"
    msg = "\n".join([
        "Message-ID: <v7k2q9w3x8m1p4r6t0y5u2i8.1795667460123@email.android.com>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/alternative; boundary="%s"' % b,
        "From: " + ew_b("Đinh Thị Hương")[0] + " <huong.dt@congvan.test>",
        "Date: Thu, 26 Nov 2026 15:31:00 +0700",
        fold("Subject", ew_b(subject)),
        "To: " + ew_b("Văn thư Bộ")[0] + " <vanthu@congvan.test>",
        "In-Reply-To: <%s>" % irt,
        "References: <%s>" % irt,
        "Importance: Normal",
        "X-Priority: 3",
        "X-MSMail-Priority: Normal",
        "",
        "--" + b,
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(crlf(plain).encode()),
        "--" + b,
        "Content-Type: text/html; charset=utf-8",
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(crlf(html).encode()),
        "--%s--" % b,
        ""])
    emit("reply-samsung.eml", msg)


def zimbra_reply(name, irt, subject_tail, sender_name, sender_addr, to_name, to_addr,
                 new, labels, sent, orig_subject, orig, mid, date, sep):
    hdr = [(labels[0], '"Văn thư Bộ" <vanthu@congvan.test>'),
           (labels[1], '"%s" <%s>' % (to_name, to_addr)),
           (labels[2], sent),
           (labels[3], orig_subject)]
    plain = (new + "\n\n" + sep + "\n" + "\n".join("%s %s" % kv for kv in hdr) + "\n\n" +
             orig + "\n")
    html = ('<html><body><div style="font-family: times new roman, new york, times, serif; '
            'font-size: 12pt; color: #000000">' +
            "".join("<div>%s</div>" % html_escape(l) for l in new.split("\n")) +
            '<div><br></div><hr id="zwchr" data-marker="__DIVIDER__"><div data-marker='
            '"__HEADERS__"><b>' + "<br><b>".join(
                "%s </b>%s" % (k, html_escape(v)) for k, v in hdr) +
            '<br></div><br><div data-marker="__QUOTED_TEXT__">' + html_paras(orig) +
            "</div></div></body></html>")
    b = "=_a6b3c9e2-4f1d-4e8a-9b7c-2d5e8f1a3c6b"
    msg = "\n".join([
        "Date: " + date,
        "From: " + ew_q(sender_name)[0].replace("UTF-8", "utf-8") + " <%s>" % sender_addr,
        "To: " + ew_q("Văn thư Bộ")[0].replace("UTF-8", "utf-8") + " <vanthu@congvan.test>",
        "Message-ID: <%s>" % mid,
        "In-Reply-To: <%s>" % irt,
        "References: <%s>" % irt,
        fold("Subject", [w.replace("UTF-8", "utf-8") for w in
                         mixed_subject(subject_tail[0], subject_tail[1])]),
        "MIME-Version: 1.0",
        "Content-Type: multipart/alternative; ",
        '\tboundary="%s"' % b,
        "X-Originating-IP: [10.10.20.35]",
        "X-Mailer: Zimbra 8.8.15_GA_4581 (ZimbraWebClient - GC131 (Win)/8.8.15_GA_4581)",
        fold("Thread-Topic", [w.replace("UTF-8", "utf-8") for w in
                              ew_q(orig_subject.split("] ", 1)[1])]),
        "Thread-Index: kZ3mQ8vT1xY7cW2nRbL5pD9sHf4aGe==",
        "",
        "--" + b,
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        qp_body(plain.encode()),
        "--" + b,
        "Content-Type: text/html; charset=utf-8",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        qp_body(html.encode()),
        "--%s--" % b,
        ""])
    emit(name, msg)


# --- Zimbra web client, Vietnamese: the Office assigns by commands;
# "----- Tin nhắn gốc -----" and the original unquoted below.
def reply_zimbra_vi():
    orig = registered_text(158, S158, "Bộ Tài chính", "1185/BTC-PC", "20/11/2026")
    zimbra_reply("reply-zimbra-vi.eml",
                 "cv.CV-2026-000158.1795659300.b7e2a4c9f1d03568@" + OWN,
                 ("Re: [CV-2026-000158]", notice_subject(158, S158).split("] ", 1)[1]),
                 "Lương Văn Hải", "hai.lv@congvan.test", "Chánh Văn phòng Bộ",
                 "cvp@congvan.test",
                 "Chủ trì: KHTC\nPhối hợp: PC, TCCB\nHạn: 10 ngày làm việc",
                 ("Từ:", "Đến:", "Đã gửi:", "Chủ đề:"),
                 "Thứ Năm, 26 Tháng 11 2026 09:15:00", notice_subject(158, S158), orig,
                 "1823456790.481236.1795660887123.JavaMail.zimbra@congvan.test",
                 "Thu, 26 Nov 2026 09:41:27 +0700 (ICT)", "----- Tin nhắn gốc -----")


# --- Zimbra web client, English: "----- Original Message -----"; the
# decision written without diacritics.
def reply_zimbra_en():
    orig = consult_text(123, S123, "Vụ Công nghiệp", "Vụ Pháp chế", "03/12/2026")
    zimbra_reply("reply-zimbra-en.eml",
                 "cv.CV-2026-000123.1795659300.1f5c8e2b6a9d4037@" + OWN,
                 ("Re: [CV-2026-000123]", notice_subject(123, S123).split("] ", 1)[1]),
                 "Trần Văn Hùng", "hung.tv@congvan.test", "Vụ Công nghiệp",
                 "cn@congvan.test", "Dong y.",
                 ("From:", "To:", "Sent:", "Subject:"),
                 "Thursday, November 26, 2026 9:15:00 AM", notice_subject(123, S123), orig,
                 "905172634.482911.1795665120456.JavaMail.zimbra@congvan.test",
                 "Thu, 26 Nov 2026 10:52:00 +0700 (ICT)", "----- Original Message -----")


# ================================================================ letters

SEED_SUBJECT = ("V/v triển khai Công điện số 280/CĐ-TTg ngày 19/4/2023 của Thủ tướng "
                "Chính phủ")
SEED_MID = "1409287361.73021.1682588712345.JavaMail.zimbra@moit.example.vn"


# --- The seed letter 2536/BCT-VP as the plain-text body of a mail from the
# ministry's Office (Zimbra, quoted-printable).
def letter_seed():
    msg = "\n".join([
        "Return-Path: <vanphong@moit.example.vn>",
        "Received: from mail.moit.example.vn (mail.moit.example.vn [203.0.113.10])",
        "\tby mx.congvan.test (Postfix) with ESMTPS id 4Rb2Kx0Fz4z9sWq",
        "\tfor <congvan@congvan.test>; Thu, 27 Apr 2023 16:45:14 +0700 (+07)",
        "Date: Thu, 27 Apr 2023 16:45:12 +0700 (ICT)",
        "From: " + ew_q("Văn phòng Bộ Công Thương")[0].replace("UTF-8", "utf-8") +
        " <vanphong@moit.example.vn>",
        "To: congvan@congvan.test",
        "Message-ID: <%s>" % SEED_MID,
        fold("Subject", [w.replace("UTF-8", "utf-8") for w in
                         mixed_subject("V/v", SEED_SUBJECT[4:])]),
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: quoted-printable",
        "X-Originating-IP: [10.1.3.17]",
        "X-Mailer: Zimbra 8.8.15_GA_4581 (ZimbraWebClient - GC112 (Win)/8.8.15_GA_4581)",
        "Thread-Index: 3vR8kQ2mZ1c7UeWlYtR0n3xPwAbCdE==",
        fold("Thread-Topic", [w.replace("UTF-8", "utf-8") for w in ew_q(SEED_SUBJECT)]),
        "",
        qp_body(SEED.encode())])
    emit("letter-seed.eml", msg)


# --- The seed letter forwarded from Gmail (English interface): "Fwd:",
# "---------- Forwarded message ---------" and the letter inline.
def letter_gmail_fwd():
    fwd_hdr = ("---------- Forwarded message ---------\n"
               "From: Văn phòng Bộ Công Thương <vanphong@moit.example.vn>\n"
               "Date: Thu, Apr 27, 2023 at 4:45 PM\n"
               "Subject: " + SEED_SUBJECT + "\n"
               "To: <tranthilan.vp@gmail.com>\n")
    plain = "\n\n" + fwd_hdr + "\n\n" + SEED.strip("\n") + "\n"
    paras = "".join("<div>%s</div>" % (html_escape(l) if l else "<br>")
                    for l in SEED.strip("\n").split("\n"))
    html = ('<div dir="ltr"><br><br><div class="gmail_quote gmail_quote_container"><div '
            'dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: '
            '<strong class="gmail_sendername" dir="auto">Văn phòng Bộ Công Thương</strong> '
            '<span dir="auto">&lt;<a href="mailto:vanphong@moit.example.vn">vanphong@moit.'
            'example.vn</a>&gt;</span><br>Date: Thu, Apr 27, 2023 at 4:45 PM<br>Subject: ' +
            html_escape(SEED_SUBJECT) + '<br>To: &lt;<a href="mailto:tranthilan.vp@gmail.com">'
            'tranthilan.vp@gmail.com</a>&gt;<br></div><br><br><div style="font-family: times '
            'new roman, new york, times, serif; font-size: 12pt; color: #000000">' + paras +
            "</div></div></div>\n")
    b = "0000000000004c7e1f05fa3d9b21"
    msg = "\n".join([
        "MIME-Version: 1.0",
        "References: <%s>" % SEED_MID,
        "In-Reply-To: <%s>" % SEED_MID,
        "From: " + ew_b("Trần Thị Lan")[0] + " <tranthilan.vp@gmail.com>",
        "Date: Thu, 27 Apr 2023 17:20:33 +0700",
        "Message-ID: <CAF4Jr7bX2kQ9mLp0vN3sT8yW1cE6hD5gA7uZ4oR2iK9nB0fM3q@mail.gmail.com>",
        fold("Subject", ew_b("Fwd: " + SEED_SUBJECT), "\r\n\t"),
        "To: congvan@congvan.test",
        'Content-Type: multipart/alternative; boundary="%s"' % b,
        "",
        "--" + b,
        'Content-Type: text/plain; charset="UTF-8"',
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(crlf(plain).encode()),
        "--" + b,
        'Content-Type: text/html; charset="UTF-8"',
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(crlf(html).encode()),
        "--%s--" % b,
        ""])
    emit("letter-gmail-fwd.eml", msg)


LETTER_1185 = """BỘ TÀI CHÍNH

Số: 1185/BTC-PC
V/v đề nghị góp ý dự thảo Thông tư hướng dẫn quản lý, sử dụng
kinh phí thực hiện nhiệm vụ cải cách hành chính

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Hà Nội, ngày 20 tháng 11 năm 2026

Kính gửi:
- Bộ Công Thương;
- Bộ Tư pháp.

Thực hiện Chương trình xây dựng văn bản quy phạm pháp luật năm 2026, Bộ Tài chính đã xây dựng dự thảo Thông tư hướng dẫn quản lý, sử dụng kinh phí thực hiện nhiệm vụ cải cách hành chính (gửi kèm).

Để bảo đảm chất lượng dự thảo, Bộ Tài chính đề nghị Quý Bộ nghiên cứu, có ý kiến góp ý bằng văn bản gửi về Bộ Tài chính (Vụ Pháp chế) chậm nhất ngày 04 tháng 12 năm 2026. Quá thời hạn trên mà không nhận được ý kiến, Bộ Tài chính hiểu là Quý Bộ nhất trí với dự thảo.

Trân trọng./.

Nơi nhận:
- Như trên;
- Lưu: VT, PC.

TL. BỘ TRƯỞNG
VỤ TRƯỞNG VỤ PHÁP CHẾ

Đỗ Thị Thanh Hương
"""

LETTER_1204 = """BỘ TÀI CHÍNH

Số: 1204/BTC-KHTC
V/v báo cáo tình hình thực hiện kế hoạch đầu tư công năm 2026
và dự kiến kế hoạch năm 2027

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Hà Nội, ngày 23 tháng 11 năm 2026

Kính gửi: Bộ Công Thương

Thực hiện Nghị quyết của Chính phủ về những nhiệm vụ, giải pháp chủ yếu thực hiện kế hoạch phát triển kinh tế - xã hội và dự toán ngân sách nhà nước năm 2026, để có cơ sở tổng hợp báo cáo Chính phủ, Bộ Tài chính đề nghị Bộ Công Thương tổng hợp tình hình thực hiện kế hoạch đầu tư công năm 2026 và dự kiến kế hoạch năm 2027 (theo biểu mẫu gửi kèm), đề nghị gửi báo cáo trước ngày 10/12/2026 về Bộ Tài chính (Vụ Kế hoạch - Tài chính) để tổng hợp.

Bộ Tài chính trân trọng cảm ơn sự phối hợp của Quý Bộ./.

Nơi nhận:
- Như trên;
- Lưu: VT, KHTC.

KT. BỘ TRƯỞNG
THỨ TRƯỞNG

Trần Văn Hiếu
"""


def exchange_letter(text, subject, to_name, to_addr, date, mid, pdf, pdf_name, boundary_id,
                    created, extra_top=()):
    """A letter from the Ministry of Finance's Exchange Online: text and
    HTML alternatives (base64) and a PDF attachment."""
    html = ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset='
            'utf-8">\n<style type="text/css" style="display:none;"> P {margin-top:0;'
            'margin-bottom:0;} </style>\n</head>\n<body dir="ltr">\n' +
            "".join('<div class="elementToProof" style="font-family: Times New Roman, serif; '
                    'font-size: 13pt;">%s</div>\n' % (html_escape(l) if l else "<br>")
                    for l in text.rstrip("\n").split("\n")) + "</body>\n</html>\n")
    plain = text.rstrip("\n") + "\n\n"
    b0 = "_004_%sapcp_" % boundary_id
    b1 = "_000_%sapcp_" % boundary_id
    lines = list(extra_top) + [
        "From: " + ew_b("Văn thư Bộ Tài chính", "utf-8")[0] + " <vanthu@mof.example.vn>",
        "To: " + (ew_b(to_name, "utf-8")[0] + " <%s>" % to_addr if to_name else to_addr),
        fold("Subject", ew_b(subject, "utf-8")),
        fold("Thread-Topic", ew_b(subject, "utf-8")),
        "Thread-Index: AdtbK4QeZ0xV1mR7T3yP8nW5cF2gHg==",
        "Date: " + date,
        "Message-ID: <%s>" % mid,
        "Accept-Language: vi-VN, en-US",
        "Content-Language: vi-VN",
        "X-MS-Has-Attach: yes",
        "X-MS-TNEF-Correlator:",
        "Content-Type: multipart/mixed;",
        '\tboundary="%s"' % b0,
        "MIME-Version: 1.0",
        "",
        "--" + b0,
        "Content-Type: multipart/alternative;",
        '\tboundary="%s"' % b1,
        "",
        "--" + b1,
        'Content-Type: text/plain; charset="utf-8"',
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(crlf(plain).encode()),
        "--" + b1,
        'Content-Type: text/html; charset="utf-8"',
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(crlf(html).encode()),
        "--%s--" % b1,
        "",
        "--" + b0,
        'Content-Type: application/pdf; name="%s"' % pdf_name,
        "Content-Description: " + pdf_name,
        'Content-Disposition: attachment; filename="%s"; size=%d;' % (pdf_name, len(pdf)),
        '\tcreation-date="%s";' % created,
        '\tmodification-date="%s"' % created,
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(pdf),
        "--%s--" % b0,
        ""]
    return "\n".join(lines)


# --- A letter of the Ministry of Finance with its PDF attached; the body
# holds the letter's header and a deadline "trước ngày 10/12/2026".
def letter_btc_pdf():
    subject = ("Công văn số 1204/BTC-KHTC V/v báo cáo tình hình thực hiện kế hoạch đầu tư "
               "công năm 2026")
    msg = exchange_letter(
        LETTER_1204, subject, None, "congvan@congvan.test",
        "Mon, 23 Nov 2026 02:36:18 +0000",
        "TYZPR04MB6123A0B1C2D3E4F5061728394A5B6C7D@TYZPR04MB6123.apcprd04.prod.outlook.com",
        PDF_1204, "1204-BTC-KHTC.pdf", "TYZPR04MB6123A0B1C2D3E4F5061728394A5B6C7DTYZPR04MB6123",
        "Mon, 23 Nov 2026 02:35:40 GMT",
        extra_top=["Return-Path: <vanthu@mof.example.vn>",
                   "Received: from SG2PR04MB7890.apcprd04.prod.outlook.com (2603:1096:4:1a::12)",
                   " by mx.congvan.test (Postfix) with ESMTPS id 4RbQ2m1Xh7z5p0K",
                   " for <congvan@congvan.test>; Mon, 23 Nov 2026 09:36:21 +0700 (+07)"])
    emit("letter-btc-pdf.eml", msg)


def rfc2231(name, value, width=62):
    """Thunderbird's filename*0*=UTF-8''...; continuation lines."""
    enc = ""
    for b in value.encode("utf-8"):
        c = chr(b)
        enc += c if (c.isalnum() and b < 128) or c in "-._" else "%%%02X" % b
    pieces, cur = [], ""
    i = 0
    while i < len(enc):
        tok = enc[i:i + 3] if enc[i] == "%" else enc[i]
        if len(cur) + len(tok) > width:
            pieces.append(cur)
            cur = ""
        cur += tok
        i += len(tok)
    pieces.append(cur)
    out = []
    for n, pc in enumerate(pieces):
        out.append(" %s*%d*=%s%s" % (name, n, "UTF-8''" if n == 0 else "", pc))
    return ";\n".join(out)


# --- Thunderbird "Forward As Attachment": the letter is a message/rfc822
# part (an Exchange mail of the Ministry of Finance with a PDF).  The
# rfc822 part itself is not an attachment in the result; the PDF inside it
# is.
def letter_thunderbird_rfc822():
    subject = LETTER_1185.split("\n")[3] + " " + LETTER_1185.split("\n")[4]
    inner_mid = ("TYZPR04MB6123F0E1D2C3B4A59687E0F1A2B3C4D5@TYZPR04MB6123.apcprd04.prod."
                 "outlook.com")
    inner = exchange_letter(
        LETTER_1185, subject, "Phạm Thị Dung", "dung.pt@congvan.test",
        "Fri, 20 Nov 2026 09:12:44 +0000", inner_mid, PDF_1185, "DuThao_ThongTu_CCHC.pdf",
        "TYZPR04MB6123F0E1D2C3B4A59687E0F1A2B3C4D5TYZPR04MB6123",
        "Fri, 20 Nov 2026 09:11:02 GMT",
        extra_top=["Return-Path: <vanthu@mof.example.vn>",
                   "Delivered-To: dung.pt@congvan.test",
                   "Received: from TYZPR04MB6123.apcprd04.prod.outlook.com (2603:1096:400:2c::9)",
                   " by mx.congvan.test (Postfix) with ESMTPS id 4RcX1q6Lm2z8vTw",
                   " for <dung.pt@congvan.test>; Fri, 20 Nov 2026 16:12:47 +0700 (+07)"])
    b = "------------Xb3kL9pQ2mR7vT1wY5zA8cD0"
    msg = "\n".join([
        'Content-Type: multipart/mixed; boundary="%s"' % b,
        "Message-ID: <7b1e9d3c-5a2f-4e8b-b6c0-1d4f7a9e2c58@congvan.test>",
        "Date: Tue, 24 Nov 2026 08:05:19 +0700",
        "MIME-Version: 1.0",
        "User-Agent: Mozilla Thunderbird",
        "Content-Language: vi",
        "To: congvan@congvan.test",
        "From: " + ew_q("Phạm Thị Dung", lower=True)[0] + " <dung.pt@congvan.test>",
        fold("Subject", mixed_subject("Fwd: V/v", subject[4:], lower=True)),
        "X-Forwarded-Message-Id: <%s>" % inner_mid,
        "References: <%s>" % inner_mid,
        "In-Reply-To: <%s>" % inner_mid,
        "",
        "This is a multi-part message in MIME format.",
        "--" + b,
        "Content-Type: text/plain; charset=UTF-8; format=flowed",
        "Content-Transfer-Encoding: 8bit",
        "",
        utf8_as_latin1("Chuyển Văn thư vào sổ, trình Lãnh đạo Bộ.\n"),
        "--" + b,
        "Content-Type: message/rfc822; charset=UTF-8;",
        ' name="' + " ".join(ew_q(subject + ".eml", lower=True)) + '"',
        "Content-Disposition: attachment;",
        rfc2231("filename", subject + ".eml"),
        "Content-Transfer-Encoding: 7bit",
        "",
        inner,
        "--%s--" % b,
        ""])
    emit("letter-thunderbird-rfc822.eml", msg)


# --- A decision of the Ministry of Finance pasted from Word into an
# Outlook plain-text mail: the header table's cells separated by tabs,
# the number written "12 /QĐ-BTC", the subject in "Về việc ...".
def letter_qd():
    text = """BỘ TÀI CHÍNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
\tĐộc lập - Tự do - Hạnh phúc
Số: 12 /QĐ-BTC\tHà Nội, ngày 05 tháng 01 năm 2026

QUYẾT ĐỊNH
Về việc giao dự toán ngân sách nhà nước năm 2026

BỘ TRƯỞNG BỘ TÀI CHÍNH

Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;
Căn cứ Nghị định số 14/2023/NĐ-CP ngày 20 tháng 4 năm 2023 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tài chính;
Theo đề nghị của Vụ trưởng Vụ Ngân sách nhà nước,

QUYẾT ĐỊNH:

Điều 1. Giao dự toán ngân sách nhà nước năm 2026 cho Bộ Công Thương (chi tiết theo phụ lục đính kèm).

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

Điều 3. Chánh Văn phòng Bộ, Vụ trưởng Vụ Ngân sách nhà nước và Thủ trưởng các đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.

Nơi nhận:
- Như Điều 3;
- Bộ Công Thương;
- Lưu: VT, NSNN.

KT. BỘ TRƯỞNG
THỨ TRƯỞNG

Võ Thành Hưng

"""
    subject = "Quyết định số 12/QĐ-BTC về việc giao dự toán ngân sách nhà nước năm 2026"
    msg = "\n".join([
        "From: " + ew_b("Văn thư Bộ Tài chính", "utf-8")[0] + " <vanthu@mof.example.vn>",
        "To: <congvan@congvan.test>",
        fold("Subject", ew_b(subject, "utf-8")),
        "Date: Mon, 5 Jan 2026 15:22:07 +0700",
        "Message-ID: <000c01dc7e1b$4f2a8c30$eddfa490$@mof.example.vn>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain;",
        '\tcharset="utf-8"',
        "Content-Transfer-Encoding: quoted-printable",
        "X-Mailer: Microsoft Outlook 16.0",
        "Thread-Index: AdxeG0+T3c2mV8pLQk6aZx1yR0b7Fw==",
        "Content-Language: vi",
        "",
        qp_body(text.encode())])
    emit("letter-qd.eml", msg)


# --- A provincial department's letter typed without diacritics in an old
# webmail (SquirrelMail), 8bit us-ascii text wrapped at 76.
def letter_ascii():
    text = """UBND THANH PHO DA NANG
SO CONG THUONG

So: 345/SCT-QLTM
V/v de nghi ho tro xuc tien thuong mai
cho san pham OCOP nam 2027

CONG HOA XA HOI CHU NGHIA VIET NAM
Doc lap - Tu do - Hanh phuc

Da Nang, ngay 20 thang 11 nam 2026

Kinh gui:
- Bo Cong Thuong;
- Cuc Xuc tien thuong mai.

So Cong Thuong thanh pho Da Nang kinh de nghi Bo Cong Thuong, Cuc Xuc tien
thuong mai xem xet, ho tro kinh phi to chuc hoi cho san pham OCOP thanh pho
Da Nang nam 2027 theo Chuong trinh cap quoc gia ve xuc tien thuong mai.

De kip tong hop trinh UBND thanh pho, kinh de nghi Quy co quan phan hoi
truoc ngay 15/12/2026.

Tran trong./.

Noi nhan:
- Nhu tren;
- UBND thanh pho (b/c);
- Luu: VT, QLTM.

GIAM DOC

Nguyen Van Binh
"""
    msg = "\n".join([
        "Return-Path: <vanthu.sct@danang.example.vn>",
        "Received: from webmail.danang.example.vn (webmail.danang.example.vn [198.51.100.7])",
        "\tby mx.congvan.test (Postfix) with ESMTP id 4RbT7w2Gk9z3nQy",
        "\tfor <congvan@congvan.test>; Fri, 20 Nov 2026 10:14:52 +0700 (+07)",
        "Message-ID: <51a3c8e2f0b94d7a6c15e8f2a3b4c5d6.squirrel@webmail.danang.example.vn>",
        "Date: Fri, 20 Nov 2026 10:14:50 +0700",
        "Subject: V/v de nghi ho tro xuc tien thuong mai cho san pham OCOP nam 2027",
        'From: "So Cong Thuong Da Nang" <vanthu.sct@danang.example.vn>',
        "To: congvan@congvan.test",
        "User-Agent: SquirrelMail/1.4.22",
        "MIME-Version: 1.0",
        "Content-Type: text/plain;charset=iso-8859-1",
        "Content-Transfer-Encoding: 8bit",
        "X-Priority: 3 (Normal)",
        "Importance: Normal",
        "",
        text])
    emit("letter-ascii.eml", msg)


# ============================================================== automatic

# --- Exchange out-of-office, Vietnamese: "Trả lời tự động: ...".
def auto_outlook_vi():
    irt = "cv.CV-2026-000123.1795659300.d6a0f3b9e2c14758@" + OWN
    subject = "Trả lời tự động: " + notice_subject(123, S123)
    text = ("Tôi đang đi công tác từ ngày 24/11/2026 đến hết ngày 30/11/2026, không truy "
            "cập thư điện tử thường xuyên. Việc gấp xin liên hệ đồng chí Lê Văn Tâm, ĐT "
            "024 2220 2316.\n\nTrân trọng,\nNgô Thị Thu Trang\n")
    html = ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset='
            'utf-8">\n</head>\n<body>\n<div style="font-family: Calibri, Arial, Helvetica, '
            'sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">' +
            "<br>\n".join(html_escape(l) for l in text.rstrip("\n").split("\n")) +
            "</div>\n</body>\n</html>\n")
    mid = "SEZPR06MB5273C0D1E2F3A4B5968778695A4B3C2D@SEZPR06MB5273.apcprd06.prod.outlook.com"
    b = "_000_SEZPR06MB5273C0D1E2F3A4B5968778695A4B3C2DSEZPR06MB5273apcp_"
    msg = "\n".join([
        "From: " + ew_b("Ngô Thị Thu Trang", "utf-8")[0] + " <trang.ntt@congvan.test>",
        "To: " + ew_b("Văn thư Bộ", "utf-8")[0] + " <vanthu@congvan.test>",
        fold("Subject", ew_b(subject, "utf-8")),
        fold("Thread-Topic", ew_b(notice_subject(123, S123), "utf-8")),
        "Thread-Index: AQHbX8mYc2W0vKq9TnKxAbCdEfGhIg==",
        "Date: Thu, 26 Nov 2026 02:15:22 +0000",
        "Message-ID: <%s>" % mid,
        "References: <%s>" % irt,
        "In-Reply-To: <%s>" % irt,
        "Content-Language: vi-VN",
        "X-MS-Has-Attach:",
        "X-MS-Exchange-Organization-SCL: -1",
        "X-MS-TNEF-Correlator:",
        "x-ms-exchange-parent-message-id: <%s>" % irt,
        "auto-submitted: auto-replied",
        "x-ms-exchange-generated-message-source: Mailbox Rules Agent",
        "X-Auto-Response-Suppress: All",
        "Content-Type: multipart/alternative;",
        '\tboundary="%s"' % b,
        "MIME-Version: 1.0",
        "",
        "--" + b,
        'Content-Type: text/plain; charset="utf-8"',
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(crlf(text).encode()),
        "--" + b,
        'Content-Type: text/html; charset="utf-8"',
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(crlf(html).encode()),
        "--%s--" % b,
        ""])
    emit("auto-outlook-vi.eml", msg)


# --- Exchange Online out-of-office, English: "Automatic reply: ...".
def auto_outlook_en():
    irt = "cv.CV-2026-000140.1795659300.59c2e8a1f4d7b036@" + OWN
    subject = "Automatic reply: " + notice_subject(140, S140)
    text = ("I am out of the office until 30 November 2026 with limited access to email. "
            "For urgent matters please contact Ms. Pham Thi Hoa (hoa.pt@congvan.test).\n\n"
            "Nguyen Minh Duc\n")
    mid = "TYZPR06MB4410B2C3D4E5F60718293A4B5C6D7E8F@TYZPR06MB4410.apcprd06.prod.outlook.com"
    b = "_000_TYZPR06MB4410B2C3D4E5F60718293A4B5C6D7E8FTYZPR06MB4410apcp_"
    html = ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset='
            'utf-8">\n</head>\n<body>\n<div>' +
            "<br>\n".join(html_escape(l) for l in text.rstrip("\n").split("\n")) +
            "</div>\n</body>\n</html>\n")
    msg = "\n".join([
        "From: Nguyen Minh Duc <duc.nm@congvan.test>",
        "To: " + ew_b("Văn thư Bộ", "utf-8")[0] + " <vanthu@congvan.test>",
        fold("Subject", ew_b(subject, "utf-8")),
        fold("Thread-Topic", ew_b(notice_subject(140, S140), "utf-8")),
        "Thread-Index: AQHbX9Lk3vq8n1mR4kW2dTqzY7oB5xYz",
        "Date: Thu, 26 Nov 2026 02:15:31 +0000",
        "Message-ID: <%s>" % mid,
        "References: <%s>" % irt,
        "In-Reply-To: <%s>" % irt,
        "Content-Language: en-US",
        "X-MS-Has-Attach:",
        "X-MS-TNEF-Correlator:",
        "x-ms-exchange-parent-message-id: <%s>" % irt,
        "auto-submitted: auto-generated",
        "x-ms-exchange-generated-message-source: Mailbox Rules Agent",
        "X-Auto-Response-Suppress: All",
        "Content-Type: multipart/alternative;",
        '\tboundary="%s"' % b,
        "MIME-Version: 1.0",
        "",
        "--" + b,
        'Content-Type: text/plain; charset="us-ascii"',
        "Content-Transfer-Encoding: quoted-printable",
        "",
        qp_body(text.encode()),
        "--" + b,
        'Content-Type: text/html; charset="us-ascii"',
        "Content-Transfer-Encoding: quoted-printable",
        "",
        qp_body(html.encode()),
        "--%s--" % b,
        ""])
    emit("auto-outlook-en.eml", msg)


def our_notice(n, subject_text, to, mid, body, date):
    """A notice as congvan sends it (the original inside a bounce)."""
    return "\n".join([
        "From: " + ew_b("Văn thư Bộ")[0] + " <vanthu@congvan.test>",
        "To: " + to,
        fold("Subject", ew_b(notice_subject(n, subject_text))),
        "Date: " + date,
        "Message-ID: <%s>" % mid,
        "MIME-Version: 1.0",
        "Auto-Submitted: auto-generated",
        "X-Auto-Response-Suppress: All",
        "X-Congvan-Item: CV-2026-%06d" % n,
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        qp_body(body.encode())])


# --- Postfix bounce (multipart/report; report-type=delivery-status) with
# the undelivered notice attached whole.
def bounce_postfix():
    mid = "cv.CV-2026-000131.1795659300.7f0a2e5c9b3d4186@" + OWN
    orig = our_notice(131, S131, "nhom.dautu@congvan.test", mid,
                      assign_text(131, S131, "Nhóm Đầu tư", "Bộ Tài chính", "1204/BTC-KHTC",
                                  "08/12/2026"),
                      "Thu, 26 Nov 2026 09:15:00 +0700")
    b = "4RcY3k0Tq1z9wLm.1795659302/mx.congvan.test"
    msg = "\n".join([
        "Return-Path: <>",
        "Delivered-To: vanthu@congvan.test",
        "Received: by mx.congvan.test (Postfix)",
        "\tid 4RcY3k0Tq1z9wLm; Thu, 26 Nov 2026 09:15:02 +0700 (+07)",
        "Date: Thu, 26 Nov 2026 09:15:02 +0700 (+07)",
        "From: MAILER-DAEMON@congvan.test (Mail Delivery System)",
        "Subject: Undelivered Mail Returned to Sender",
        "To: vanthu@congvan.test",
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        "Content-Type: multipart/report; report-type=delivery-status;",
        '\tboundary="%s"' % b,
        "Content-Transfer-Encoding: 8bit",
        "Message-Id: <20261126021502.4RcY3k0Tq1z9wLm@mx.congvan.test>",
        "",
        "This is a MIME-encapsulated message.",
        "",
        "--" + b,
        "Content-Description: Notification",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        "This is the mail system at host mx.congvan.test.",
        "",
        "I'm sorry to have to inform you that your message could not",
        "be delivered to one or more recipients. It's attached below.",
        "",
        "For further assistance, please send mail to postmaster.",
        "",
        "If you do so, please include this problem report. You can",
        "delete your own text from the attached returned message.",
        "",
        "                   The mail system",
        "",
        "<nhom.dautu@congvan.test>: unknown user: \"nhom.dautu\"",
        "",
        "--" + b,
        "Content-Description: Delivery report",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.congvan.test",
        "X-Postfix-Queue-ID: 4RcY3k0Tq1z9wLm",
        "X-Postfix-Sender: rfc822; vanthu@congvan.test",
        "Arrival-Date: Thu, 26 Nov 2026 09:15:01 +0700 (+07)",
        "",
        "Final-Recipient: rfc822; nhom.dautu@congvan.test",
        "Original-Recipient: rfc822;nhom.dautu@congvan.test",
        "Action: failed",
        "Status: 5.1.1",
        "Diagnostic-Code: X-Postfix; unknown user: \"nhom.dautu\"",
        "",
        "--" + b,
        "Content-Description: Undelivered Message",
        "Content-Type: message/rfc822",
        "Content-Transfer-Encoding: 8bit",
        "",
        "Return-Path: <vanthu@congvan.test>",
        "Received: from localhost (localhost [127.0.0.1])",
        "\tby mx.congvan.test (Postfix) with ESMTP id 4RcY3k0Tq1z9wLm",
        "\tfor <nhom.dautu@congvan.test>; Thu, 26 Nov 2026 09:15:01 +0700 (+07)",
        orig,
        "--%s--" % b,
        ""])
    emit("bounce-postfix.eml", msg)


# --- Gmail "Delivery Status Notification (Failure)": multipart/report
# holding multipart/related (text, HTML, an icon), the delivery status and
# the original message.
def bounce_gmail():
    mid = "cv.CV-2026-000140.1795659300.b3e7d1a9c05f2648@" + OWN
    rcpt = "xnk.phongqlxk@moit.example.vn"
    orig = our_notice(140, S140, rcpt, mid,
                      assign_text(140, S140, "Phòng Quản lý xuất khẩu", "Công ty TNHH "
                                  "Thương mại Minh Phát", "25/2026/CV-MP", "03/12/2026"),
                      "Thu, 26 Nov 2026 09:15:00 +0700")
    text = ("\n** Address not found **\n\nYour message wasn't delivered to %s because the "
            "address couldn't be found, or is unable to receive mail.\n\nLearn more here: "
            "https://support.google.com/mail/?p=NoSuchUser\n\nThe response from the remote "
            "server was:\n550 5.1.1 <%s>: Recipient address rejected: User unknown in "
            "virtual mailbox table\n" % (rcpt, rcpt))
    html = ('\n<html>\n<head>\n<style>\n* {\nfont-family:Roboto, "Helvetica Neue", Helvetica, '
            'Arial, sans-serif;\n}\n</style>\n</head>\n<body>\n<table cellpadding="0" '
            'cellspacing="0" class="email-wrapper" style="padding-top:32px;background-color:'
            '#ffffff;"><tbody>\n<tr><td>\n<table cellpadding=0 cellspacing=0><tbody>\n<tr><td '
            'style="max-width:560px;padding:24px 24px 32px;background-color:#fafafa;border:1px '
            'solid #e0e0e0;border-radius:2px">\n<img style="padding:0 24px 16px 0;float:left" '
            'width=72 height=72 alt="Error Icon" src="cid:icon.png">\n<table style="min-width:'
            '272px;padding-top:8px"><tbody>\n<tr><td><h2 style="font-size:20px;color:#212121;'
            'font-weight:bold;margin:0">\nAddress not found\n</h2></td></tr>\n<tr><td style='
            '"padding-top:20px;color:#757575;font-size:16px;font-weight:normal;text-align:left">'
            '\nYour message wasn\'t delivered to <a style=\'color:#212121;text-decoration:none\'>'
            '<b>%s</b></a> because the address couldn\'t be found, or is unable to receive mail.'
            '\n</td></tr>\n<tr><td style="padding-top:24px;color:#4285F4;font-size:14px;'
            'font-weight:bold;text-align:left">\n<a style="text-decoration:none" href="https://'
            'support.google.com/mail/?p=NoSuchUser">LEARN MORE</a>\n</td></tr>\n</tbody></table>'
            '\n</td></tr>\n</tbody></table>\n</td></tr>\n<tr style="border:none;background-color:'
            '#fff;font-size:12.8px;width:90%%">\n<td align="left" style="padding:48px 10px">\n'
            'The response from the remote server was:<br/>\n<p style="font-family:monospace">\n'
            '550 5.1.1 &lt;%s&gt;: Recipient address rejected: User unknown in virtual mailbox '
            'table\n</p>\n</td>\n</tr>\n</tbody></table>\n</body>\n</html>\n' % (rcpt, rcpt))
    b0, b1, b2 = ("000000000000b7d5e20625b7e2f1", "000000000000b7dd9c0625b7e2f5",
                  "000000000000b7dd9d0625b7e2f6")
    msg = "\n".join([
        "Delivered-To: vanthu@congvan.test",
        "Return-Path: <>",
        "Received: by 2002:a05:6a10:9f1b:b0:5c1:2d3e:4f50 with SMTP id k27csp1482931pxh;",
        "        Wed, 25 Nov 2026 18:15:09 -0800 (PST)",
        "Content-Type: multipart/report; boundary=\"%s\"; report-type=delivery-status" % b0,
        "Received: by 2002:a05:6a10:9f1b:b0:5c1:2d3e:4f50 with SMTP id k27csp1482930pxh;",
        "        Wed, 25 Nov 2026 18:15:09 -0800 (PST)",
        "Return-Path: <>",
        "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
        "To: vanthu@congvan.test",
        "Auto-Submitted: auto-replied",
        "Subject: Delivery Status Notification (Failure)",
        "References: <%s>" % mid,
        "In-Reply-To: <%s>" % mid,
        "X-Failed-Recipients: " + rcpt,
        "Message-ID: <6746b2ad.170a0220.3f1c9e.0b7dSMTPIN_ADDED_DSN@mx.google.com>",
        "Date: Wed, 25 Nov 2026 18:15:09 -0800 (PST)",
        "",
        "--" + b0,
        'Content-Type: multipart/related; boundary="%s"' % b1,
        "",
        "--" + b1,
        'Content-Type: multipart/alternative; boundary="%s"' % b2,
        "",
        "--" + b2,
        'Content-Type: text/plain; charset="UTF-8"',
        "",
        text,
        "--" + b2,
        'Content-Type: text/html; charset="UTF-8"',
        "",
        html,
        "--%s--" % b2,
        "--" + b1,
        'Content-Type: image/png; name="icon.png"',
        'Content-Disposition: attachment; filename="icon.png"',
        "Content-Transfer-Encoding: base64",
        "Content-ID: <icon.png>",
        "",
        b64_body(PNG_ICON),
        "--%s--" % b1,
        "--" + b0,
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; googlemail.com",
        "Received-From-MTA: dns; vanthu@congvan.test",
        "Arrival-Date: Wed, 25 Nov 2026 18:15:08 -0800 (PST)",
        "X-Original-Message-ID: <%s>" % mid,
        "",
        "Final-Recipient: rfc822; " + rcpt,
        "Action: failed",
        "Status: 5.1.1",
        "Remote-MTA: dns; mx.moit.example.vn. (203.0.113.25, the server for the domain "
        "moit.example.vn.)",
        "Diagnostic-Code: smtp; 550 5.1.1 <%s>: Recipient address rejected: User" % rcpt,
        " unknown in virtual mailbox table",
        "Last-Attempt-Date: Wed, 25 Nov 2026 18:15:09 -0800 (PST)",
        "",
        "--" + b0,
        "Content-Type: message/rfc822",
        "",
        orig,
        "--%s--" % b0,
        ""])
    emit("bounce-gmail.eml", msg)


# ======================================================= calendar answers

# What a calendar client sends to the organizer when someone presses a
# button on one of congvan's invitations (iTIP REPLY, RFC 5546).  The
# subject carries the item tag and Gmail's has no In-Reply-To, so by its
# headers the message looks like a reply; its text/calendar part makes it
# automatic mail.

def ical_lines(lines):
    """iCalendar text with CRLF line ends, folded at 75 octets."""
    out = []
    for line in lines:
        data = line.encode("utf-8")
        first = True
        while len(data) > (75 if first else 74):
            cut = 75 if first else 74
            while cut > 0 and (data[cut] & 0xC0) == 0x80:
                cut -= 1
            out.append((b"" if first else b" ") + data[:cut])
            data = data[cut:]
            first = False
        out.append((b"" if first else b" ") + data)
    return b"\r\n".join(out) + b"\r\n"


UID123 = "cv-2026-000123.lead.khtc@" + OWN
SUMMARY123 = "Hạn xử lý: [CV-2026-000123] " + S123

GMAIL_ICS = ical_lines([
    "BEGIN:VCALENDAR",
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:REPLY",
    "BEGIN:VEVENT",
    "DTSTART;VALUE=DATE:20261204",
    "DTEND;VALUE=DATE:20261205",
    "DTSTAMP:20261126T021900Z",
    "ORGANIZER;CN=Bộ Công Thương:mailto:congvan@" + OWN,
    "UID:" + UID123,
    "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=DECLINED;CN=Nguyễn "
    "Văn An;X-NUM-GUESTS=0:mailto:nguyenvanan.khtc@gmail.com",
    "CREATED:20261126T020000Z",
    "LAST-MODIFIED:20261126T021900Z",
    "LOCATION:",
    "SEQUENCE:1",
    "STATUS:CONFIRMED",
    "SUMMARY:" + SUMMARY123,
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "END:VCALENDAR",
])


# --- Gmail, Vietnamese interface, "Không" (decline) on the invitation:
# multipart/mixed of an alternative (text, HTML, text/calendar
# method=REPLY) and the same object again as invite.ics.
def calendar_gmail_decline():
    subject = "Đã từ chối: " + SUMMARY123 + " @ Th 6 4 thg 12, 2026"
    text = "Nguyễn Văn An đã từ chối lời mời này.\n\nLời mời từ Google Lịch\n"
    html = ('<p>Nguyễn Văn An đã từ chối lời mời này.</p>\n'
            '<p style="color:#888">Lời mời từ <a href="https://calendar.google.com/">'
            'Google Lịch</a></p>\n')
    b1 = "000000000000c3d2e1f0a9b8c7d6"
    b2 = "000000000000c3d2e1f0a9b8c7d5"
    msg = "\n".join([
        "MIME-Version: 1.0",
        "From: " + ew_b("Nguyễn Văn An", "UTF-8")[0] + " <nguyenvanan.khtc@gmail.com>",
        "Date: Thu, 26 Nov 2026 09:19:00 +0700",
        "Message-ID: <000000000000d1c2b3a4e5f60718@google.com>",
        fold("Subject", ew_b(subject, "UTF-8")),
        "To: congvan@" + OWN,
        'Content-Type: multipart/mixed; boundary="%s"' % b1,
        "",
        "--" + b1,
        'Content-Type: multipart/alternative; boundary="%s"' % b2,
        "",
        "--" + b2,
        'Content-Type: text/plain; charset="UTF-8"; format=flowed; delsp=yes',
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(crlf(text).encode()),
        "--" + b2,
        'Content-Type: text/html; charset="UTF-8"',
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(crlf(html).encode()),
        "--" + b2,
        'Content-Type: text/calendar; charset="UTF-8"; method=REPLY',
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(GMAIL_ICS),
        "--%s--" % b2,
        "--" + b1,
        'Content-Type: application/ics; name="invite.ics"',
        'Content-Disposition: attachment; filename="invite.ics"',
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(GMAIL_ICS),
        "--%s--" % b1,
        ""])
    emit("calendar-gmail-decline.eml", msg)


# --- Outlook (Exchange Online), Vietnamese, "Chấp nhận" with no note:
# Thread-Topic, no In-Reply-To, an alternative of text, HTML and the
# text/calendar part (no file name, so no attachment).
def calendar_outlook_accept():
    subject = "Đã chấp nhận: " + SUMMARY123
    ics = ical_lines([
        "BEGIN:VCALENDAR",
        "METHOD:REPLY",
        "PRODID:Microsoft Exchange Server 2010",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "ATTENDEE;PARTSTAT=ACCEPTED;CN=Lê Thị Hồng:mailto:hong.lt@" + OWN,
        "SUMMARY;LANGUAGE=vi-VN:Đã chấp nhận: " + SUMMARY123,
        "DTSTART;VALUE=DATE:20261204",
        "DTEND;VALUE=DATE:20261205",
        "UID:" + UID123,
        "CLASS:PUBLIC",
        "PRIORITY:5",
        "DTSTAMP:20261126T022500Z",
        "TRANSP:TRANSPARENT",
        "STATUS:CONFIRMED",
        "SEQUENCE:1",
        "LOCATION;LANGUAGE=vi-VN:",
        "X-MICROSOFT-CDO-APPT-SEQUENCE:1",
        "X-MICROSOFT-CDO-BUSYSTATUS:FREE",
        "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
        "X-MICROSOFT-CDO-INSTTYPE:0",
        "END:VEVENT",
        "END:VCALENDAR",
    ])
    mid = "SEZPR06MB5273A1B2C3D4E5F60718293A4B5C6D7E@SEZPR06MB5273.apcprd06.prod.outlook.com"
    b = "_000_SEZPR06MB5273A1B2C3D4E5F60718293A4B5C6D7ESEZPR06MB5273apcp_"
    html = ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; '
            'charset=utf-8">\n</head>\n<body>\n</body>\n</html>\n')
    msg = "\n".join([
        "From: " + ew_b("Lê Thị Hồng", "utf-8")[0] + " <hong.lt@congvan.test>",
        "To: " + ew_b("Bộ Công Thương", "utf-8")[0] + " <congvan@congvan.test>",
        fold("Subject", ew_b(subject, "utf-8")),
        fold("Thread-Topic", ew_b(SUMMARY123, "utf-8")),
        "Thread-Index: AQHbYk2Lq1W0vKq9TnKxAbCdEfGhIg==",
        "Date: Thu, 26 Nov 2026 02:25:00 +0000",
        "Message-ID: <%s>" % mid,
        "Content-Language: vi-VN",
        "X-MS-Has-Attach:",
        "X-MS-TNEF-Correlator:",
        'Content-Type: multipart/alternative;',
        '\tboundary="%s"' % b,
        "MIME-Version: 1.0",
        "",
        "--" + b,
        'Content-Type: text/plain; charset="utf-8"',
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(b"\r\n"),
        "--" + b,
        'Content-Type: text/html; charset="utf-8"',
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(crlf(html).encode()),
        "--" + b,
        'Content-Type: text/calendar; charset="utf-8"; method=REPLY',
        "Content-Transfer-Encoding: base64",
        "",
        b64_body(ics),
        "--%s--" % b,
        ""])
    emit("calendar-outlook-accept.eml", msg)


# ================================================================== main

ALL = [reply_gmail_vi, reply_gmail_en, reply_outlook_vi, reply_outlook_en,
       reply_outlook_plain, reply_owa, reply_thunderbird, reply_apple_mail, reply_iphone,
       reply_iphone_nfd, reply_samsung, reply_zimbra_vi, reply_zimbra_en, letter_seed,
       letter_gmail_fwd, letter_thunderbird_rfc822, letter_btc_pdf, letter_qd,
       letter_ascii, auto_outlook_vi, auto_outlook_en, bounce_postfix, bounce_gmail,
       calendar_gmail_decline, calendar_outlook_accept]


def main():
    for f in ALL:
        f()
    if "--hashes" in sys.argv:
        for name, data in (("PDF_1204 1204-BTC-KHTC.pdf", PDF_1204),
                           ("PDF_1185 DuThao_ThongTu_CCHC.pdf", PDF_1185),
                           ("PDF_DTC Báo cáo ĐTC 2026.pdf", PDF_DTC),
                           ("DOCX_GOPY", DOCX_GOPY), ("PNG_ICON icon.png", PNG_ICON),
                           ("GMAIL_ICS invite.ics", GMAIL_ICS)):
            print("%-36s size %6d sha256 %s" % (name, len(data),
                                                hashlib.sha256(data).hexdigest()))
        return
    for name, data in sorted(FILES.items()):
        for i, line in enumerate(data.split(b"\r\n")):
            assert len(line) <= 998, (name, i, len(line))
        with open(os.path.join(HERE, name), "wb") as fh:
            fh.write(data)
        print("wrote", name, len(data))


if __name__ == "__main__":
    main()
