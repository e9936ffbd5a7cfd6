#!/usr/bin/python3
"""Writes tests/data/inspect/answers/*.eml and *.json: answers of ministry
staff to congvan's consultation requests and assignment notices, each in the
shape its mail client really sends (Thunderbird, s-nail, Gmail, Outlook
desktop and web, Apple Mail and iOS, Samsung Email, Roundcube), with the
thread quoted below or above.

The table ANSWERS below was written by hand: for each answer, what a careful
human reader concludes (the decision, or None where the answer states no
clear position or is truly ambiguous) and the new text of the reply.  The
.json files carry only those two keys (and a comment); the .eml are built
from the same table.  Never fill the table from congvan's own output.

Standard library and ../make-fixtures.py's encoders only; deterministic.
"""
import base64
import sys

sys.dont_write_bytecode = True  # importing ../make-fixtures.py leaves nothing behind
import importlib.util
import os
import unicodedata
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "fixtures", os.path.join(HERE, "..", "make-fixtures.py"))
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)

ORG = "bo.gov.vn"
OFFICE = "Văn thư Bộ"
BOX = "congvan@" + ORG

# The consultation request congvan sent (templates/vi/consult_request.txt):
# it says "Đồng ý" and "Không đồng ý / Lý do:" on lines of their own, which
# must never count when quoted.
REQUEST = """Kính gửi: Vụ Pháp chế

Vụ Kế hoạch - Tài chính là đơn vị chủ trì xử lý văn bản đến sau đây, đề nghị Thủ trưởng
đơn vị cho ý kiến về nội dung văn bản và đề xuất xử lý của đơn vị chủ
trì:

  Mã theo dõi:               CV-2026-000412
  Số, ký hiệu:               1187/BTC-NSNN
  Ngày văn bản:              01/12/2026
  Nơi gửi:                   Bộ Tài chính
  Trích yếu:                 V/v góp ý dự thảo Thông tư hướng dẫn quản lý kinh phí
  Đơn vị lấy ý kiến:         Vụ Kế hoạch - Tài chính
  Người đề nghị:             Trần Văn Hùng
  Đơn vị được lấy ý kiến:    Vụ Pháp chế, Vụ Tổ chức cán bộ
  Hạn trả lời:               11/12/2026

Nội dung đề nghị của đơn vị chủ trì:

Đề nghị các đơn vị cho ý kiến đồng ý hoặc không đồng ý với dự thảo văn bản
trả lời Bộ Tài chính (gửi kèm).

Đề nghị trả lời thư này trước khi hết ngày 11/12/2026. Dòng đầu
tiên của thư trả lời ghi:

    Đồng ý

hoặc:

    Không đồng ý
    Lý do: ...

Trường hợp không đồng ý, đề nghị nêu rõ lý do và đề xuất cụ thể.

Trân trọng.

-- 
Hệ thống theo dõi công văn, Bộ Công Thương
Thư này được gửi tự động. Khi trả lời, xin giữ nguyên mã [CV-2026-000412] trong tiêu đề."""

SUBJECT = ("[CV-2026-000412] Đề nghị tham gia ý kiến, hạn 11/12/2026: "
           "V/v góp ý dự thảo Thông tư hướng dẫn quản lý kinh phí")
CV_ID = "cv.1796526900.5b1e0c7a9d2f4e3a8c6b1d0e9f7a2c45.9f3e1a7c5b2d8e60@" + ORG
DATE = "Mon, 07 Dec 2026 10:%02d:%02d +0700"

# An earlier answer of another unit, quoted in a whole thread: it agrees,
# which must not count for the one answering now.
OTHER_ANSWER = """Vụ Tổ chức cán bộ nhất trí với dự thảo.
Chủ trì: TCCB
Hạn: 30/12/2026"""

DISCLAIMER = ("CẢNH BÁO BẢO MẬT: Thư điện tử này và các tệp đính kèm có thể chứa "
              "thông tin thuộc danh mục bí mật nhà nước hoặc thông tin nội bộ, chỉ "
              "dành cho người nhận có tên trên. Nếu không phải là người nhận, đề nghị "
              "thông báo cho người gửi và xóa thư này; mọi hình thức sao chép, phát "
              "tán, sử dụng đều bị nghiêm cấm.")

STAFF = [
    ("Nguyễn Thị Lan", "lan.nt"), ("Trần Quốc Bảo", "baotq"),
    ("Lê Minh Đức", "duclm"), ("Phạm Thu Hương", "huongpt"),
    ("Hoàng Văn Nam", "namhv"), ("Vũ Thị Mai", "maivt"),
]


def crlf(s):
    return s.replace("\r\n", "\n").replace("\n", "\r\n")


def headers(i, name, local, mid, ua_lines, ctype, cte, extra=()):
    frm = fx.ew_q(name)
    h = ["Message-ID: <%s>" % mid,
         "Date: " + DATE % (i // 60, i % 60),
         "From: %s <%s@%s>" % (" ".join(frm), local, ORG),
         "To: " + " ".join(fx.ew_q(OFFICE)) + " <%s>" % BOX,
         "Subject: " + "\r\n ".join(["Re:"] + fx.ew_q(SUBJECT)),
         "In-Reply-To: <%s>" % CV_ID,
         "References: <%s>" % CV_ID,
         ] + list(ua_lines) + list(extra) + [
         "MIME-Version: 1.0",
         "Content-Type: " + ctype]
    if cte:
        h.append("Content-Transfer-Encoding: " + cte)
    return "\r\n".join(h) + "\r\n"


def tb_id(i):
    return "%s@%s" % (uuid.UUID(int=0x3f6c2a9e8b1d4c7e9a052e4b7d1f0000 + i), ORG)


def flowed(text):
    """format=flowed: long lines broken after a space (soft break)."""
    out = []
    for line in text.split("\n"):
        if line.startswith(">") or len(line) <= 72 or line == "-- ":
            out.append(line)
            continue
        cur = ""
        for w in line.split(" "):
            if cur and len(cur) + len(w) + 1 > 72:
                out.append(cur + " ")
                cur = w
            else:
                cur = cur + " " + w if cur else w
        out.append(cur)
    return "\n".join(out)


def sig_block(name, unit, dash=True):
    s = "%s\n%s\nĐT: 024 2220 2%03d" % (name, unit, len(name) * 7)
    return ("-- \n" + s) if dash else s


# ------------------------------------------------------------ the shapes
# Each shape: (i, a) -> bytes of the whole message.  a is the table row.

def thunderbird(i, a, bottom=False):
    name, local = STAFF[i % len(STAFF)]
    attr = "Vào lúc 09:15 ngày 07/12/2026, Văn thư Bộ đã viết:"
    q = fx.quote(a["quoted"] if a.get("quoted") else REQUEST)
    sig = sig_block(name, "Vụ Pháp chế")
    if bottom:
        body = attr + "\n" + q + "\n\n" + a["new"] + "\n\n" + sig + "\n"
    else:
        body = a["new"] + "\n\n" + sig + "\n\n" + attr + "\n" + q + "\n"
    body = flowed(body)
    h = headers(i, name, local, tb_id(i),
                ["User-Agent: Mozilla Thunderbird", "Content-Language: vi"],
                "text/plain; charset=UTF-8; format=flowed", "8bit")
    return (h + "\r\n" + crlf(body)).encode("utf-8")


def thunderbird_bottom(i, a):
    return thunderbird(i, a, bottom=True)


def snail(i, a):
    name, local = STAFF[i % len(STAFF)]
    mid = "2026120710%02d%02d.TGj9B%%%s@%s" % (i // 60, i % 60, local, ORG)
    q = fx.quote(a["quoted"] if a.get("quoted") else REQUEST)
    attr = "Văn thư Bộ <%s> wrote:" % BOX
    if a.get("bottom"):
        body = attr + "\n" + q + "\n\n" + a["new"] + "\n\n-- \n" + name + "\n"
    else:
        body = a["new"] + "\n\n" + attr + "\n" + q + "\n\n-- \n" + name + "\n"
    h = headers(i, name, local, mid, ["User-Agent: s-nail v14.9.24"],
                "text/plain; charset=utf-8", "8bit")
    return (h + "\r\n" + crlf(body)).encode("utf-8")


def gmail(i, a):
    name, local = STAFF[i % len(STAFF)]
    mid = "CAK7%s+x9Fq@mail.gmail.com" % base64.b64encode(
        ("g%05d" % i).encode()).decode().rstrip("=")
    orig = a["quoted"] if a.get("quoted") else REQUEST
    attr = "Vào Th 2, 7 thg 12, 2026 vào lúc 09:15 Văn thư Bộ <%s> đã viết:" % BOX
    plain = a["new"] + "\n\n" + attr + "\n\n" + fx.quote(orig) + "\n"
    newhtml = fx.html_paras(a["new"])
    if a.get("sig"):
        sig = "%s\nChuyên viên Vụ Pháp chế\nBộ Công Thương" % a["sig"]
        plain = a["new"] + "\n\n-- \n" + sig + "\n\n" + attr + "\n\n" + fx.quote(orig) + "\n"
        newhtml += ('<br clear="all"><div><br></div><span class="gmail_signature_prefix">-- </span>'
                    '<br><div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature">'
                    '<div dir="ltr">' + fx.html_paras(sig) + '</div></div>')
    html = ('<div dir="ltr">' + newhtml + '</div><br><div class="gmail_quote">'
            '<div dir="ltr" class="gmail_attr">' + fx.html_escape(attr).replace(
                "&lt;", '&lt;<a href="mailto:%s">' % BOX, 1).replace("&gt;", "</a>&gt;", 1) +
            '<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;'
            'border-left:1px solid rgb(204,204,204);padding-left:1ex">' +
            fx.html_paras(orig) + '</blockquote></div>\n')
    b = "000000000000a1b2c3d4e5f6%04d" % i
    body = ("--%s\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n" % b +
            fx.qp_body(plain.encode("utf-8")) + "\r\n"
            "--%s\r\nContent-Type: text/html; charset=\"UTF-8\"\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n" % b +
            fx.qp_body(html.encode("utf-8")) + "\r\n--%s--\r\n" % b)
    h = headers(i, name, local, mid, [],
                "multipart/alternative; boundary=\"%s\"" % b, None)
    return (h + "\r\n" + body).encode("ascii")


def outlook(i, a, lang="vi"):
    name, local = STAFF[i % len(STAFF)]
    mid = "000001db%04x$8a2c3f40$9e84bdc0$@%s" % (0x4851 + i, ORG)
    orig = a["quoted"] if a.get("quoted") else REQUEST
    if lang == "vi":
        hdr = [("Từ:", "Văn thư Bộ <%s>" % BOX),
               ("Đã gửi:", "Thứ Hai, 07 Tháng Mười Hai 2026 9:15 SA"),
               ("Đến:", "%s <%s@%s>" % (name, local, ORG)),
               ("Chủ đề:", SUBJECT)]
        charset, enc = "windows-1258", fx.cp1258
    else:
        hdr = [("From:", "Văn thư Bộ <%s>" % BOX),
               ("Sent:", "Monday, December 7, 2026 9:15 AM"),
               ("To:", "%s <%s@%s>" % (name, local, ORG)),
               ("Subject:", SUBJECT)]
        charset, enc = "utf-8", (lambda s: s.encode("utf-8"))
    paras = a["new"].split("\n\n")
    if a.get("sign"):
        paras = paras + ["Trân trọng,", name + "\nVụ Pháp chế"]
    if a.get("disclaimer"):
        paras = paras + [DISCLAIMER]
    plain = fx.outlook_plain(paras, hdr, orig)
    html = fx.outlook_html(charset, "VI" if lang == "vi" else "EN-US",
                           [p.replace("\n", " ") for p in paras], hdr, orig)
    b = "_000_SG2PR04MB%04dapcprd04pro_" % i
    body = ("--%s\r\nContent-Type: text/plain; charset=\"%s\"\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n" % (b, charset) +
            fx.qp_body(enc(plain)) + "\r\n"
            "--%s\r\nContent-Type: text/html; charset=\"%s\"\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n" % (b, charset) +
            fx.qp_body(enc(html)) + "\r\n--%s--\r\n" % b)
    h = headers(i, name, local, mid,
                ["Thread-Topic: " + " ".join(fx.ew_q(SUBJECT)),
                 "X-Mailer: Microsoft Outlook 16.0",
                 "Content-Language: " + ("vi-VN" if lang == "vi" else "en-US")],
                "multipart/alternative; boundary=\"%s\"" % b, None)
    return (h + "\r\n" + body).encode("ascii")


def outlook_en(i, a):
    return outlook(i, a, lang="en")


def outlook_original(i, a):
    """Outlook in plain-text mode: "-----Original Message-----"."""
    name, local = STAFF[i % len(STAFF)]
    mid = "000001db%04x$8a2c3f40$9e84bdc0$@%s" % (0x5851 + i, ORG)
    orig = a["quoted"] if a.get("quoted") else REQUEST
    body = (a["new"] + "\n\n-----Original Message-----\nFrom: Văn thư Bộ <%s>\n"
            "Sent: Monday, December 7, 2026 9:15 AM\nTo: %s <%s@%s>\nSubject: %s\n\n%s\n"
            % (BOX, name, local, ORG, SUBJECT, orig))
    h = headers(i, name, local, mid, ["X-Mailer: Microsoft Outlook 16.0"],
                "text/plain; charset=\"utf-8\"", "base64")
    return (h + "\r\n" + fx.b64_body(crlf(body).encode("utf-8"))).encode("ascii")


def apple(i, a, nfd=False):
    name, local = STAFF[i % len(STAFF)]
    mid = "%s@%s" % (str(uuid.UUID(int=0x9d2e5f70a1b34c8d8e6f0a1b2c3d0000 + i)).upper(), ORG)
    orig = a["quoted"] if a.get("quoted") else REQUEST
    attr = "Vào 7 thg 12, 2026, lúc 09:15, Văn thư Bộ <%s> đã viết:" % BOX
    body = (a["new"] + "\n\nGửi từ iPhone của tôi\n\n> " + attr + "\n> \n" +
            fx.quote_apple(orig) + "\n")
    if nfd:
        body = unicodedata.normalize("NFD", body)
    h = headers(i, name, local, mid, ["X-Mailer: iPhone Mail (22B91)"],
                "text/plain; charset=utf-8", "quoted-printable")
    return (h + "\r\n" + fx.qp_body(body.encode("utf-8"))).encode("ascii")


def apple_nfd(i, a):
    return apple(i, a, nfd=True)


def galaxy(i, a):
    name, local = STAFF[i % len(STAFF)]
    mid = "%s@email.android.com" % ("%032x" % (0x7a31c0 + i * 7919))
    orig = a["quoted"] if a.get("quoted") else REQUEST
    body = (a["new"] + "\n\n\n\nSent from my Galaxy\n\n\n-------- Original message --------\n"
            "From: Văn thư Bộ <%s> \nDate: 07/12/2026 09:15 (GMT+07:00) \n"
            "To: %s <%s@%s> \nSubject: %s \n\n%s\n" % (BOX, name, local, ORG, SUBJECT, orig))
    h = headers(i, name, local, mid, [],
                "text/plain; charset=utf-8", "base64")
    return (h + "\r\n" + fx.b64_body(crlf(body).encode("utf-8"))).encode("ascii")


def roundcube(i, a):
    """Roundcube (the ministry's webmail), HTML only, <blockquote type=cite>."""
    name, local = STAFF[i % len(STAFF)]
    mid = "%032x@%s" % (0xd41d8cd98f00b204e9800998ecf80000 + i, ORG)
    orig = a["quoted"] if a.get("quoted") else REQUEST
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />'
            '</head><body style=\'font-size: 10pt; font-family: Verdana,Geneva,sans-serif\'>\n'
            + "".join("<p>%s</p>\n" % fx.html_escape(p).replace("\n", "<br />")
                      for p in a["new"].split("\n\n")) +
            '<div id="signature">-- <br />%s<br />Vụ Pháp chế</div>\n' % name +
            '<p>Vào 2026-12-07 09:15, Văn thư Bộ đã viết:</p>\n'
            '<blockquote type="cite" style="padding: 0 0.4em; border-left: #1010ff 2px solid; '
            'margin: 0">\n' + "<br />\n".join(fx.html_escape(l) for l in orig.split("\n")) +
            '</blockquote>\n</body></html>\n')
    h = headers(i, name, local, mid, ["User-Agent: Roundcube Webmail/1.6.9"],
                "text/html; charset=UTF-8", "quoted-printable")
    return (h + "\r\n" + fx.qp_body(html.encode("utf-8"))).encode("ascii")


def gmail_sig(i, a):
    """Gmail with its signature: "-- " in the text part, gmail_signature in
    the HTML part."""
    name, _ = STAFF[i % len(STAFF)]
    a = dict(a)
    a["sig"] = name
    return gmail(i, a)


def yahoo(i, a):
    """Yahoo Mail, Vietnamese: attribution in its own div, HTML only."""
    name, local = STAFF[i % len(STAFF)]
    mid = "%d.%d@mail.yahoo.com" % (1796500000 + i, 417 + i)
    orig = a["quoted"] if a.get("quoted") else REQUEST
    html = ('<html><head></head><body><div class="ydp1b2c3d4eyahoo-style-wrap" style="font-family:'
            'Helvetica Neue, Helvetica, Arial, sans-serif;font-size:13px;">' +
            fx.html_paras(a["new"]) + '</div><div id="yahoo_quoted_1234" class="yahoo_quoted">'
            '<div style="font-family:\'Helvetica Neue\', Helvetica, Arial, sans-serif;font-size:'
            '13px;color:#26282a;"><div>Vào Thứ Hai, 7 tháng 12, 2026 lúc 09:15:00 GMT+7, Văn thư '
            'Bộ &lt;%s&gt; đã viết:</div><div><br></div><div><br></div><div><div dir="ltr">' % BOX +
            fx.html_paras(orig) + '</div></div></div></div></body></html>\n')
    h = headers(i, name, local, mid, [], "text/html; charset=UTF-8", "quoted-printable")
    return (h + "\r\n" + fx.qp_body(html.encode("utf-8"))).encode("ascii")


def outlook_ios(i, a):
    """Outlook for iOS: "Get Outlook for iOS", a rule of underscores, then
    the header block."""
    name, local = STAFF[i % len(STAFF)]
    mid = "SG2PR04MB%04d0A1B2C3D4E5F6A7B8C9D0E1F@SG2PR04MB%04d.apcprd04.prod.outlook.com" % (i, i)
    orig = a["quoted"] if a.get("quoted") else REQUEST
    body = (a["new"] + "\n\nGet Outlook for iOS<https://aka.ms/o0ukef>\n"
            "________________________________\nFrom: Văn thư Bộ <%s>\n"
            "Sent: Monday, December 7, 2026 9:15:02 AM\nTo: %s <%s@%s>\nSubject: %s\n\n%s\n"
            % (BOX, name, local, ORG, SUBJECT, orig))
    h = headers(i, name, local, mid, [], "text/plain; charset=\"utf-8\"", "base64")
    return (h + "\r\n" + fx.b64_body(crlf(body).encode("utf-8"))).encode("ascii")


def mutt(i, a):
    """mutt: "* NAME <addr> [DATE]:" and "> " quotes, 8bit windows-1258
    written by a terminal set to it (tone marks combining)."""
    name, local = STAFF[i % len(STAFF)]
    mid = "20261207%04d.GA%05d@%s" % (i, 4242 + i, ORG)
    orig = a["quoted"] if a.get("quoted") else REQUEST
    body = ("* Văn thư Bộ <%s> [2026-12-07 09:15:02 +0700]:\n" % BOX + fx.quote(orig) +
            "\n\n" + a["new"] + "\n\n-- \n" + name + "\n")
    if not a.get("bottom_mutt", True):
        pass
    h = headers(i, name, local, mid, ["User-Agent: Mutt/2.2.12 (2023-09-09)"],
                "text/plain; charset=windows-1258", "8bit")
    return h.encode("ascii") + b"\r\n" + fx.cp1258(crlf(body))


def entities(i, a):
    """An HTML-only reply whose Vietnamese letters are numeric character
    references (a webmail's editor), quoted in a blockquote."""
    name, local = STAFF[i % len(STAFF)]
    mid = "%032x@%s" % (0xe3b0c44298fc1c149afbf4c8996f0000 + i, ORG)
    orig = a["quoted"] if a.get("quoted") else REQUEST

    def ent(t):
        return "".join(c if ord(c) < 128 else "&#%d;" % ord(c) for c in fx.html_escape(t))
    html = ("<html><body><p>" + ent(a["new"]).replace("\n", "<br>") + "</p>"
            "<p>" + ent("Ngày 07/12/2026 09:15, Văn thư Bộ <%s> viết:" % BOX) + "</p>"
            "<blockquote>" + ent(orig).replace("\n", "<br>") + "</blockquote></body></html>\n")
    h = headers(i, name, local, mid, ["X-Mailer: Zimbra 9.0.0_GA_4546 (ZimbraWebClient - GC)"],
                "text/html; charset=us-ascii", "7bit")
    return (h + "\r\n" + crlf(html)).encode("ascii")


def apple_html(i, a):
    """Apple Mail on the Mac: multipart/alternative, the HTML part quoting
    in <blockquote type="cite">."""
    name, local = STAFF[i % len(STAFF)]
    mid = "%s@%s" % (str(uuid.UUID(int=0x1c2d3e4f5a6b4c7d8e9f000000000000 + i)).upper(), ORG)
    orig = a["quoted"] if a.get("quoted") else REQUEST
    attr = "Vào 09:15, Th 2, 7 thg 12, 2026, Văn thư Bộ <%s> đã viết:" % BOX
    plain = a["new"] + "\n\n" + attr + "\n\n" + fx.quote_apple(orig) + "\n"
    html = ('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
            '<body style="overflow-wrap: break-word;">' + fx.html_paras(a["new"]) +
            '<div><br><blockquote type="cite"><div>' + fx.html_escape(attr) +
            '</div><br><div><div>' + fx.html_paras(orig) + '</div></div></blockquote></div>'
            '</body></html>')
    b = "Apple-Mail=_5E1A2B3C-4D5E-6F70-8192-A3B4C5D6%04d" % i
    body = ("--%s\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            "Content-Type: text/plain;\r\n\tcharset=utf-8\r\n\r\n" % b +
            fx.qp_body(plain.encode("utf-8")) + "\r\n--%s\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            "Content-Type: text/html;\r\n\tcharset=utf-8\r\n\r\n" % b +
            fx.qp_body(html.encode("utf-8")) + "\r\n--%s--\r\n" % b)
    h = headers(i, name, local, mid, ["X-Mailer: Apple Mail (2.3826.300.87.4.3)"],
                "multipart/alternative;\r\n\tboundary=\"%s\"" % b, None)
    return (h + "\r\n" + body).encode("ascii")


def owa_new(i, a):
    """The new Outlook / Outlook on the web in Vietnamese: a rule, then
    "Từ:/Ngày:/Tới:/Chủ đề:" (text part only kept here: plain-text mode)."""
    name, local = STAFF[i % len(STAFF)]
    mid = "TYZPR04MB%04dB1C2D3E4F5A6B7C8D9E0F1A2B3@TYZPR04MB%04d.apcprd04.prod.outlook.com" % (i, i)
    orig = a["quoted"] if a.get("quoted") else REQUEST
    body = (a["new"] + "\n\n" + ("\n".join(a["sigtext"]) + "\n\n" if a.get("sigtext") else "") +
            "________________________________\nTừ: Văn thư Bộ <%s>\n"
            "Ngày: Thứ Hai, 7 tháng 12, 2026 09:15\nTới: %s <%s@%s>\nChủ đề: %s\n\n%s\n"
            % (BOX, name, local, ORG, SUBJECT, orig))
    h = headers(i, name, local, mid, [], "text/plain; charset=\"utf-8\"", "quoted-printable")
    return (h + "\r\n" + fx.qp_body(body.encode("utf-8"))).encode("ascii")


def vnpt(i, a):
    """A Vietnamese webmail (Zimbra in Vietnamese, as government mail
    services run it): "----- Thư gốc -----" and the fields "Người gửi:",
    "Người nhận:", "Ngày gửi:", "Tiêu đề:" unquoted."""
    name, local = STAFF[i % len(STAFF)]
    mid = "%d.%d.1796526900%03d.JavaMail.zimbra@%s" % (884100 + i, 77 + i, i, ORG)
    orig = a["quoted"] if a.get("quoted") else REQUEST
    body = (a["new"] + "\n\n----- Thư gốc -----\nNgười gửi: \"Văn thư Bộ\" <%s>\n"
            "Người nhận: \"%s\" <%s@%s>\nNgày gửi: Thứ Hai, 7 Tháng Mười Hai 2026 9:15:02\n"
            "Tiêu đề: %s\n\n%s\n" % (BOX, name, local, ORG, SUBJECT, orig))
    h = headers(i, name, local, mid,
                ["X-Mailer: Zimbra 8.8.15_GA_4508 (ZimbraWebClient - GC119 (Win)/8.8.15_GA_4508)"],
                "text/plain; charset=utf-8", "quoted-printable")
    return (h + "\r\n" + fx.qp_body(body.encode("utf-8"))).encode("ascii")


def mac_flowed(i, a):
    """Apple Mail on the Mac, plain text: format=flowed; delsp=yes, lines
    broken at 76 with the space kept before the break doubled."""
    name, local = STAFF[i % len(STAFF)]
    mid = "%s@%s" % (str(uuid.UUID(int=0x5a6b7c8d9e0f4a1b8c2d000000000000 + i)).upper(), ORG)
    orig = a["quoted"] if a.get("quoted") else REQUEST
    attr = "Vào 09:15 Th 2, 7 thg 12, 2026, Văn thư Bộ <%s> đã viết:" % BOX
    out = []
    for line in a["new"].split("\n"):
        cur = ""
        for w in line.split(" "):
            if cur and len((cur + " " + w).encode("utf-8")) > 40:
                out.append(cur + " ")  # the soft break's space, deleted on reading
                cur = w
            else:
                cur = cur + " " + w if cur else w
        out.append(cur)
    # delsp=yes: the space that ends a soft line is removed when joined,
    # so the writer keeps the word's own space in front of it
    text = "\n".join(l[:-1] + "  " if l.endswith(" ") else l for l in out)
    body = text + "\n\n" + attr + "\n\n" + fx.quote_apple(orig) + "\n"
    h = headers(i, name, local, mid, ["X-Mailer: Apple Mail (2.3826.300.87.4.3)"],
                "text/plain;\r\n\tcharset=utf-8;\r\n\tdelsp=yes;\r\n\tformat=flowed",
                "8bit")
    return (h + "\r\n" + crlf(body)).encode("utf-8")


def outlook_html_only(i, a):
    """Outlook on the web sending HTML only: words joined by &nbsp; as its
    editor leaves them, the header block in a div after an <hr>."""
    name, local = STAFF[i % len(STAFF)]
    mid = "KL1PR04MB%04dC0D1E2F3A4B5C6D7E8F9A0B1C2@KL1PR04MB%04d.apcprd04.prod.outlook.com" % (i, i)
    orig = a["quoted"] if a.get("quoted") else REQUEST
    new = "".join('<div style="font-family:Calibri;font-size:12pt">%s</div>' % (
        fx.html_escape(l).replace(" ", "&nbsp;", 2) if l else "<br>") for l in a["new"].split("\n"))
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            '</head><body dir="ltr">' + new +
            '<div id="appendonsend"></div><hr style="display:inline-block;width:98%%" tabindex="-1">'
            '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:'
            '11pt" color="#000000"><b>Từ:</b> Văn thư Bộ &lt;%s&gt;<br><b>Đã gửi:</b> Thứ Hai, ngày 7 '
            'tháng 12 năm 2026 09:15<br><b>Đến:</b> %s &lt;%s@%s&gt;<br><b>Chủ đề:</b> %s</font>'
            '<div>&nbsp;</div></div><div>' % (BOX, name, local, ORG, fx.html_escape(SUBJECT)) +
            fx.html_paras(orig) + '</div></body></html>\n')
    h = headers(i, name, local, mid, ["X-MS-Has-Attach: ", "X-MS-TNEF-Correlator: "],
                "text/html; charset=\"utf-8\"", "base64")
    return (h + "\r\n" + fx.b64_body(html.encode("utf-8"))).encode("ascii")


def plain_charset(i, a, charset):
    """A plain-text reply from a misconfigured or old mailer: the charset
    label missing ("text/plain" alone), written "utf8", or claimed
    us-ascii, over UTF-8 bytes in 8bit; "> " quotes."""
    name, local = STAFF[i % len(STAFF)]
    mid = "%032x@%s" % (0x6c1d2e3f4a5b6c7d8e9f0a1b2c3d0000 + i, ORG)
    orig = a["quoted"] if a.get("quoted") else REQUEST
    body = (a["new"] + "\n\nVăn thư Bộ <%s> wrote:\n" % BOX + fx.quote(orig) + "\n")
    ctype = "text/plain" + ("; charset=%s" % charset if charset else "")
    h = headers(i, name, local, mid, ["X-Mailer: PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)"],
                ctype, "8bit")
    return (h + "\r\n" + crlf(body)).encode("utf-8")


def plain_nolabel(i, a):
    return plain_charset(i, a, None)


def plain_utf8(i, a):
    return plain_charset(i, a, "utf8")


def plain_ascii(i, a):
    return plain_charset(i, a, "us-ascii")


def tb_html(i, a):
    """Thunderbird in HTML mode: moz-cite-prefix, blockquote type=cite, the
    signature in a moz-signature div."""
    name, local = STAFF[i % len(STAFF)]
    orig = a["quoted"] if a.get("quoted") else REQUEST
    html = ('<!DOCTYPE html>\n<html>\n  <head>\n    <meta http-equiv="Content-Type" '
            'content="text/html; charset=UTF-8">\n  </head>\n  <body>\n    <p>' +
            fx.html_escape(a["new"]).replace("\n\n", "</p>\n    <p>").replace("\n", "<br>\n") +
            '</p>\n    <div class="moz-signature">-- <br>\n      %s<br>\n      Vụ Pháp chế</div>\n'
            '    <div class="moz-cite-prefix">Vào lúc 09:15 ngày 07/12/2026, Văn thư Bộ đã viết:<br>'
            '\n    </div>\n    <blockquote type="cite" cite="mid:%s">\n      <pre class="moz-quote-pre" '
            'wrap="">' % (name, CV_ID) + fx.html_escape(orig) + '</pre>\n    </blockquote>\n  </body>\n</html>\n')
    h = headers(i, name, local, tb_id(1000 + i), ["User-Agent: Mozilla Thunderbird", "Content-Language: vi"],
                "text/html; charset=UTF-8", "8bit")
    return (h + "\r\n" + crlf(html)).encode("utf-8")


def empty_plain(i, a):
    """A webmail that sends an empty text/plain alternative beside the
    HTML that holds the answer."""
    name, local = STAFF[i % len(STAFF)]
    mid = "%032x@%s" % (0x0f1e2d3c4b5a69788796a5b4c3d20000 + i, ORG)
    orig = a["quoted"] if a.get("quoted") else REQUEST
    html = ("<html><body><div>" + fx.html_escape(a["new"]).replace("\n", "<br>") +
            "</div><br><div>Vào ngày 07/12/2026 09:15, Văn thư Bộ &lt;%s&gt; đã viết:</div>"
            "<blockquote style=\"border-left:1px solid #ccc;padding-left:8px\">" % BOX +
            fx.html_escape(orig).replace("\n", "<br>") + "</blockquote></body></html>\n")
    b = "----=_Part_%d_1796526900.17965269%05d" % (4242 + i, i)
    body = ("--%s\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: 7bit\r\n\r\n\r\n"
            "--%s\r\nContent-Type: text/html; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n" % (b, b) +
            fx.qp_body(html.encode("utf-8")) + "\r\n--%s--\r\n" % b)
    h = headers(i, name, local, mid, ["X-Mailer: Zimbra 8.8.15_GA_4508"],
                "multipart/alternative; boundary=\"%s\"" % b, None)
    return (h + "\r\n" + body).encode("ascii")


def notes_plain(i, a):
    """HCL Notes: a text/plain part that only says the mail is in HTML
    (in Vietnamese), the answer in the HTML part."""
    name, local = STAFF[i % len(STAFF)]
    mid = "OF%08X.%08X-ON4725%04X@%s" % (0x1A2B3C4D + i, 0x5E6F7A8B, i, ORG)
    orig = a["quoted"] if a.get("quoted") else REQUEST
    html = ('<html><body><font size=2 face="sans-serif">' +
            fx.html_escape(a["new"]).replace("\n", "<br>") +
            '</font><br><br><br><font size=1 color=#5f5f5f face="sans-serif">Từ: &nbsp; &nbsp; &nbsp; '
            '&nbsp;</font><font size=1 face="sans-serif">Văn thư Bộ &lt;%s&gt;</font><br>'
            '<font size=1 color=#5f5f5f face="sans-serif">Đến: &nbsp; &nbsp; &nbsp; &nbsp;</font>'
            '<font size=1 face="sans-serif">%s@%s</font><br><font size=1 color=#5f5f5f '
            'face="sans-serif">Ngày: &nbsp; &nbsp; &nbsp; &nbsp;</font><font size=1 face="sans-serif">'
            '07/12/2026 09:15</font><br><font size=1 color=#5f5f5f face="sans-serif">Chủ đề: &nbsp; '
            '&nbsp; &nbsp; &nbsp;</font><font size=1 face="sans-serif">%s</font><br><hr noshade>'
            '<br><br><tt><font size=2>' % (BOX, local, ORG, fx.html_escape(SUBJECT)) +
            fx.html_escape(orig).replace("\n", "<br>") + '</font></tt></body></html>\n')
    b = "=_alternative 0031C1A94725%04X_=" % i
    body = ("--%s\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n" % b +
            fx.b64_body("Thư này ở định dạng HTML. Vui lòng dùng chương trình đọc thư hỗ trợ HTML để xem nội dung.\r\n".encode("utf-8")) +
            "\r\n--%s\r\nContent-Type: text/html; charset=\"UTF-8\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n" % b +
            fx.b64_body(html.encode("utf-8")) + "\r\n--%s--\r\n" % b)
    h = headers(i, name, local, mid, ["X-Mailer: HCL Notes Release 12.0.2 November 03, 2022"],
                "multipart/alternative; boundary=\"%s\"" % b, None)
    return (h + "\r\n" + body).encode("ascii")


def outlook_attach(i, a):
    """Outlook with the unit's official answer attached (a PDF): the
    answer's multipart/alternative inside multipart/mixed."""
    inner = outlook(i, a).split(b"\r\n\r\n", 1)
    head, rest = inner[0].decode("ascii"), inner[1].decode("ascii")
    ctype = head.split("Content-Type: ", 1)[1]
    head = head.split("Content-Type: ", 1)[0]
    b = "_004_SG2PR04MB%04dapcprd04pro_" % i
    pdf = fx.make_pdf(["Cong van so 45/PC", "Vu Phap che nhat tri"])
    body = ("--%s\r\nContent-Type: %s\r\n\r\n%s\r\n"
            "--%s\r\nContent-Type: application/pdf; name=\"45-PC.pdf\"\r\n"
            "Content-Description: 45-PC.pdf\r\nContent-Disposition: attachment; "
            "filename=\"45-PC.pdf\"; size=%d\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            % (b, ctype, rest, b, len(pdf)) + fx.b64_body(pdf) + "\r\n--%s--\r\n" % b)
    return (head + "Content-Type: multipart/mixed;\r\n\tboundary=\"%s\"\r\n\r\n" % b +
            body).encode("ascii")


def table_html(i, a):
    """An HTML answer typed into a two-column table (unit, opinion), as
    some units answer a consultation form."""
    name, local = STAFF[i % len(STAFF)]
    mid = "%032x@%s" % (0xa0b1c2d3e4f5061728394a5b6c7d0000 + i, ORG)
    orig = a["quoted"] if a.get("quoted") else REQUEST
    rows = [l.split(" | ") for l in a["new"].split("\n")]
    html = ('<html><body><table border="1" cellpadding="4" style="border-collapse:collapse">' +
            "".join("<tr>" + "".join("<td>%s</td>" % fx.html_escape(c) for c in r) + "</tr>"
                    for r in rows) +
            '</table><br><div class="gmail_quote"><div class="gmail_attr">Vào Th 2, 7 thg 12, 2026 '
            'vào lúc 09:15 Văn thư Bộ &lt;%s&gt; đã viết:<br></div><blockquote class="gmail_quote">'
            % BOX + fx.html_paras(orig) + '</blockquote></div></body></html>\n')
    h = headers(i, name, local, mid, [], "text/html; charset=UTF-8", "base64")
    return (h + "\r\n" + fx.b64_body(html.encode("utf-8"))).encode("ascii")


def outlook_prefixed(i, a):
    """Outlook in plain-text mode set to prefix each line of the original
    with "> ", the header block prefixed too, "Gửi:"/"Tới:" fields."""
    name, local = STAFF[i % len(STAFF)]
    mid = "000001db%04x$1b2c3d40$5e6f7a80$@%s" % (0x6851 + i, ORG)
    orig = a["quoted"] if a.get("quoted") else REQUEST
    block = ("Từ: Văn thư Bộ [mailto:%s] \nGửi: Thứ Hai, 07 Tháng Mười Hai 2026 9:15 SA\n"
             "Tới: %s <%s@%s>\nChủ đề: %s\n\n%s" % (BOX, name, local, ORG, SUBJECT, orig))
    body = a["new"] + "\n\n" + fx.quote(block) + "\n"
    h = headers(i, name, local, mid, ["X-Mailer: Microsoft Outlook 16.0"],
                "text/plain; charset=\"windows-1258\"", "quoted-printable")
    return (h + "\r\n" + fx.qp_body(fx.cp1258(body))).encode("ascii")


def reply_to_colleague(i, a):
    """Thunderbird, answering a colleague's reply in the same thread: two
    levels of quotes, the colleague's answer agreeing."""
    name, local = STAFF[i % len(STAFF)]
    inner = ("Vào lúc 10:02 ngày 07/12/2026, Trần Quốc Bảo đã viết:\n" +
             fx.quote("Em đồng ý ạ. Anh xem rồi trả lời Văn thư giúp em.\n\n"
                      "Vào lúc 09:15 ngày 07/12/2026, Văn thư Bộ đã viết:\n" + fx.quote(REQUEST)))
    body = flowed(a["new"] + "\n\n" + inner + "\n")
    h = headers(i, name, local, tb_id(2000 + i), ["User-Agent: Mozilla Thunderbird"],
                "text/plain; charset=UTF-8; format=flowed", "8bit")
    return (h + "\r\n" + crlf(body)).encode("utf-8")


SHAPES = {
    "tb": thunderbird, "tbb": thunderbird_bottom, "snail": snail, "gmail": gmail,
    "outlook": outlook, "outlook_en": outlook_en, "orig": outlook_original,
    "apple": apple, "apple_nfd": apple_nfd, "galaxy": galaxy, "roundcube": roundcube,
    "gmail_sig": gmail_sig, "yahoo": yahoo, "outlook_ios": outlook_ios, "mutt": mutt,
    "entities": entities, "apple_html": apple_html, "owa": owa_new,
    "vnpt": vnpt, "mac_flowed": mac_flowed, "owa_html": outlook_html_only,
    "nolabel": plain_nolabel, "utf8": plain_utf8, "ascii": plain_ascii,
    "tb_html": tb_html, "empty_plain": empty_plain, "notes": notes_plain,
    "outlook_attach": outlook_attach, "table": table_html,
    "outlook_prefixed": outlook_prefixed, "colleague": reply_to_colleague,
}

# Whole threads quoted: an earlier answer of another unit that agrees and
# carries command lines, above congvan's request.
THREAD = ("Vào lúc 16:02 ngày 07/12/2026, Vụ Tổ chức cán bộ đã viết:\n" +
          fx.quote(OTHER_ANSWER + "\n\nVào lúc 09:15 ngày 07/12/2026, Văn thư Bộ đã viết:\n" +
                   fx.quote(REQUEST)))

A, D, DN, R, N = "agree", "disagree", "done", "return", None
# Truly ambiguous: a careful reader cannot tell without the draft at hand;
# the checker passes over the decision (any is accepted).
AMBIGUOUS = "__any__"
# Past the five sentences congvan reads for a decision (DESIGN: "the first
# sentences"): a reader finds it, congvan by design does not look there.
BEYOND = "__any__"
NOTES = {
    "phuong-an-1": "ambiguous: disagreeing with option 2 is a disagreement only if "
                   "option 2 is what the lead unit proposed, which the mail does not say",
    "long-prelude": "the position is in the eighth sentence, past the five read",
}

# name, shape, new text, decision a careful reader concludes, expected text
# (None: the new text as written), extra options.
ANSWERS = [
    ("pc-nhat-tri", "tb", "Vụ Pháp chế nhất trí với dự thảo.", A),
    ("co-ban-thong-nhat", "outlook", "Về cơ bản thống nhất, đề nghị bổ sung khoản 3 Điều 5.", A),
    ("tc-khong-y-kien-khac", "snail", "Vụ TC không có ý kiến khác.", A),
    ("chua-nhat-tri-vi", "gmail", "Chưa nhất trí vì dự thảo chưa đánh giá tác động đến ngân sách địa phương.", D),
    ("nguyen-tac-nhung-sua", "outlook", "Đồng ý về nguyên tắc nhưng đề nghị sửa Điều 4 theo hướng giữ nguyên mức chi hiện hành.", A),
    ("da-xu-ly-xong", "tb", "Đã xử lý xong, đã gửi văn bản số 123/PC ngày 05/12/2026.", DN),
    ("xin-tra-lai", "outlook", "Xin trả lại vì không thuộc chức năng của Vụ.", R),
    ("khong-dong-y", "apple", "Không đồng ý", D),
    ("thong-nhat-nhu-du-thao", "galaxy", "Thống nhất như dự thảo", A),
    ("em-xin-bao-cao", "tb", "Em xin báo cáo: Vụ đã hoàn thành báo cáo và gửi Văn phòng Bộ ngày 05/12.", DN),
    ("ok-dong-y", "apple", "OK, đồng ý", A),
    ("nhat-tri-tran-trong", "snail", "Nhất trí. Trân trọng!", A),
    ("no-marks-nhat-tri", "snail", "nhat tri voi du thao", A),
    ("no-marks-khong-dong-y", "snail", "Vu khong dong y voi phuong an 2, de nghi giu nguyen nhu hien hanh.", D),
    ("mixed-en-ok", "gmail", "OK anh, Vụ em agree với draft ạ.", A),
    ("english-agree", "outlook_en", "The Legal Department agrees with the draft circular.", A),
    ("nfd-nhat-tri", "apple_nfd", "Vụ Tổ chức cán bộ nhất trí với dự thảo.", A),
    ("nfd-chua-dong-y", "apple_nfd", "Vụ chưa đồng ý, đề nghị làm rõ nguồn kinh phí.", D),
    ("bottom-posted-agree", "tbb", "Vụ Pháp chế thống nhất với dự thảo, không có ý kiến bổ sung.", A),
    ("snail-bottom-disagree", "snail", "Vụ Pháp chế không nhất trí vì trái với khoản 2 Điều 7 Luật Ngân sách nhà nước.", D, None, {"bottom": True}),
    ("orig-msg-agree", "orig", "Dạ, Vụ em đồng ý với dự thảo ạ.", A),
    ("outlook-sign-agree", "outlook", "Kính gửi Vụ Kế hoạch - Tài chính,\n\nVụ Pháp chế nhất trí với dự thảo văn bản.", A,
     "Kính gửi Vụ Kế hoạch - Tài chính,\n\nVụ Pháp chế nhất trí với dự thảo văn bản.", {"sign": True}),
    ("outlook-disclaimer", "outlook", "Vụ không có ý kiến khác.", A, None, {"sign": True, "disclaimer": True}),
    ("roundcube-done", "roundcube", "Vụ đã hoàn thành, đã gửi báo cáo số 845/BCT-KHTC.", DN),
    ("roundcube-return", "roundcube", "Văn bản không thuộc chức năng của Vụ, đề nghị Văn phòng Bộ chuyển Vụ Thị trường trong nước. Vụ xin trả lại.", R),
    # --- traps
    ("trap-mention", "tb", "Đề nghị các đơn vị cho ý kiến đồng ý hoặc không đồng ý trước ngày 11/12.", N),
    ("trap-question", "gmail", "Có cần đồng ý không?", N),
    ("trap-question-anh", "apple", "Anh ơi, dự thảo này Vụ mình có cần đồng ý không ạ?", N),
    ("trap-conditional", "tb", "Nếu Vụ chủ trì bổ sung khoản 3 Điều 5 thì Vụ Pháp chế đồng ý.", N),
    ("trap-conditional-no-marks", "snail", "Neu bo sung khoan 3 thi dong y.", N),
    ("trap-reported", "outlook", "Lãnh đạo Vụ chưa đồng ý, em sẽ báo cáo lại sau.", N),
    ("trap-kiem-tra-lai", "tb", "Em đang kiểm tra lại số liệu, sẽ trả lời anh trong hôm nay.", N),
    ("trap-khong-y-kien", "snail", "Vụ Tổ chức cán bộ không có ý kiến.", A),
    ("trap-gia-han-wrong-role", "gmail", "Đồng ý gia hạn.", A),
    ("trap-thread-quoted-agree", "tb", "Em đã nhận, sẽ báo cáo Lãnh đạo Vụ.", N, None, {"quoted": THREAD}),
    ("trap-thread-quoted-bottom", "tbb", "Vụ Pháp chế chưa nhất trí, đề nghị giữ nguyên Điều 3.", D, None, {"quoted": THREAD}),
    ("trap-only-quote", "apple", "Đã nhận ạ.", N),
    ("trap-will-agree", "galaxy", "Vụ sẽ đồng ý khi có ý kiến của Bộ Tài chính.", N),
    ("trap-ask-office", "outlook", "Đề nghị Văn phòng Bộ đồng ý cho Vụ lùi hạn đến 18/12.", N),
    ("trap-xin-y-kien-ld", "tb", "Vụ đang xin ý kiến Lãnh đạo Bộ, sẽ trả lời sau.", N),
    # --- more realistic answers
    ("vb-phuc-dap", "outlook", "Kính gửi Vụ Kế hoạch - Tài chính,\n\nPhúc đáp đề nghị tại thư điện tử ngày 07/12/2026, Vụ Pháp chế có ý kiến như sau:\n\n1. Vụ Pháp chế cơ bản nhất trí với dự thảo.\n2. Đề nghị rà soát lại căn cứ ban hành.", A),
    ("y-kien-gop-y", "tb", "Vụ có một số ý kiến góp ý như sau:\n- Điều 3: đề nghị bỏ cụm từ \"và các đơn vị liên quan\".\n- Điều 5: đề nghị bổ sung thời hạn.", N),
    ("thong-nhat-khong-gop-y", "gmail", "Vụ TCCB thống nhất, không có góp ý gì thêm.", A),
    ("dong-y-voi-de-xuat", "apple", "Dạ, Vụ em đồng ý với đề xuất của Vụ KHTC ạ.", A),
    ("nhat-tri-cao", "snail", "Nhất trí cao với dự thảo.", A),
    ("cb-nhat-tri-co-y-kien", "outlook", "Vụ Pháp chế cơ bản nhất trí, có một số ý kiến cụ thể tại file đính kèm.", A),
    ("khong-tan-thanh", "tb", "Vụ không tán thành phương án tăng mức thu.", D),
    ("chua-thong-nhat-de-nghi", "outlook", "Vụ chưa thống nhất với nội dung tại Điều 6, đề nghị làm rõ thẩm quyền phê duyệt.", D),
    ("y-kien-khac", "gmail", "Vụ Pháp chế có ý kiến khác như sau: đề nghị giữ nguyên tên gọi của Thông tư.", D),
    ("bao-luu", "tb", "Vụ bảo lưu ý kiến tại Công văn số 45/PC ngày 02/12/2026.", D),
    ("khong-dong-y-ly-do", "snail", "Không đồng ý\nLý do: dự thảo chưa có ý kiến của Bộ Tư pháp.", D),
    ("return-command", "tb", "Trả lại: văn bản không thuộc chức năng, nhiệm vụ của Vụ.", R),
    ("done-short", "galaxy", "Đã xong", DN),
    ("done-sent", "apple", "Em đã gửi báo cáo, hoàn thành rồi ạ.", DN),
    ("done-completed-en", "outlook_en", "Completed. The report was sent on 05/12/2026 under No. 845/BCT-KHTC.", DN),
    ("receive-thanks", "gmail", "Cảm ơn anh, em đã nhận được văn bản.", N),
    ("forward-to-staff", "outlook", "Chuyển đ/c Hương nghiên cứu, tham mưu.", N),
    ("question-deadline", "tb", "Cho em hỏi hạn trả lời là ngày 11/12 hay 14/12 ạ?", N),
    ("need-more-time", "snail", "Vụ cần thêm thời gian để lấy ý kiến các phòng.", N),
    ("sorry-late", "apple", "Xin lỗi anh vì trả lời muộn. Vụ Pháp chế nhất trí.", A),
    ("greeting-agree", "tb", "Chào anh Hùng,\n\nVụ em nhất trí với dự thảo ạ.\n\nEm Lan", A, "Chào anh Hùng,\n\nVụ em nhất trí với dự thảo ạ.\n\nEm Lan"),
    ("dear-agree-en", "outlook_en", "Dear Mr Hung,\n\nWe have no further comments on the draft.\n\nBest regards,\nLan", A, "Dear Mr Hung,\n\nWe have no further comments on the draft."),
    ("thank-and-agree-en", "gmail", "Thanks for sending the draft. We agree.", A),
    ("agree-in-principle-en", "outlook_en", "We agree in principle but request changes to Article 4.", A),
    ("disagree-en", "gmail", "We do not agree with the proposed increase.", D),
    ("not-our-remit-en", "outlook_en", "This is not within our remit, we return it to the Office.", R),
    ("vang-dong-y", "galaxy", "Vâng, đồng ý ạ", A),
    ("uh-ok", "apple", "Ok a", N),
    ("cam-on-nhat-tri", "snail", "Cảm ơn Vụ KHTC. Nhất trí với dự thảo.", A),
    ("khong-co-gop-y", "gmail", "Vụ không có góp ý.", A),
    ("khong-y-kien-bo-sung", "tb", "Vụ Pháp chế không có ý kiến bổ sung.", A),
    ("dong-y-toan-bo", "outlook", "Vụ đồng ý toàn bộ nội dung dự thảo.", A),
    ("chua-dong-y-toan-bo", "outlook", "Vụ chưa đồng ý toàn bộ, đề nghị xem lại Điều 2 và Điều 9.", D),
    ("khong-dong-y-mot-phan", "tb", "Vụ đồng ý Điều 1 đến Điều 8, không đồng ý Điều 9.", N),
    ("hoan-thanh-neg-chua", "snail", "Vụ chưa hoàn thành được do chờ số liệu của các Sở.", N),
    ("de-nghi-tra-lai-ld", "outlook", "Lãnh đạo Vụ đã đồng ý, em gửi anh văn bản chính thức sau.", A),
    ("already-agreed-meeting", "tb", "Như đã trao đổi tại cuộc họp sáng nay, Vụ Pháp chế thống nhất với phương án 1.", A),
    ("ld-vu-dong-y", "apple", "Lãnh đạo Vụ đồng ý với dự thảo ạ.", A),
    ("toi-dong-y-nhung-ld", "tb", "Cá nhân em đồng ý nhưng còn chờ Lãnh đạo Vụ cho ý kiến.", N),
    ("phone-only", "apple", "Nhất trí", A),
    ("galaxy-vi", "galaxy", "Vụ Pháp chế đồng ý với dự thảo.", A),
    ("khong-dong-y-caps", "orig", "KHÔNG ĐỒNG Ý. Đề nghị giữ nguyên mức phí hiện hành.", D),
    ("thread-gmail", "gmail", "Vụ Pháp chế không đồng ý với ý kiến của Vụ TCCB.", D, None, {"quoted": THREAD}),
    ("thread-outlook-none", "outlook", "Em chuyển Lãnh đạo Vụ xem xét.", N, None, {"quoted": THREAD}),
    ("thong-nhat-voi-ycau", "snail", "Thống nhất với đề nghị của Vụ Kế hoạch - Tài chính.", A),
    ("dung-vay", "gmail", "Chuẩn rồi anh, em đồng ý.", A),
    ("trap-de-nghi-xac-nhan", "tb", "Đề nghị anh xác nhận lại là Vụ đã đồng ý hay chưa.", N),
    ("trap-hoi-y-kien-khac", "outlook", "Các phòng có ý kiến khác không?", N),
    ("trap-kiem-tra-lai-roi", "snail", "Em đã kiểm tra lại và thống nhất với số liệu của Vụ KHTC.", A),
    ("trap-de-nghi-tra-loi-dong-y", "gmail", "Đề nghị Vụ trả lời đồng ý hoặc không đồng ý trước ngày 11/12.", N),
    ("trap-tra-lai-loi", "tb", "Em tra lại số hiệu văn bản thì đúng là 1187/BTC-NSNN.", N),
    # --- second batch: more clients, sign-offs, harder sentences
    ("gsig-nhat-tri", "gmail_sig", "Vụ Pháp chế nhất trí với dự thảo văn bản.", A),
    ("gsig-khong-y-kien", "gmail_sig", "Dạ, Vụ không có ý kiến gì ạ.", A),
    ("yahoo-dong-y", "yahoo", "Đồng ý với dự thảo.", A),
    ("yahoo-none", "yahoo", "Em sẽ trình Lãnh đạo Vụ trong chiều nay.", N),
    ("oios-agree", "outlook_ios", "Vụ TCCB nhất trí.", A),
    ("oios-disagree", "outlook_ios", "Vụ không đồng ý, đề nghị giữ nguyên phương án cũ.", D),
    ("mutt-1258-nhat-tri", "mutt", "Vụ Pháp chế nhất trí với nội dung dự thảo.", A),
    ("mutt-1258-chua-dong-y", "mutt", "Chưa đồng ý, đề nghị bổ sung đánh giá tác động.", D),
    ("entities-dong-y", "entities", "Vụ Pháp chế đồng ý với dự thảo.", A),
    ("entities-tra-lai", "entities", "Văn bản gửi nhầm đơn vị, Vụ xin trả lại.", R),
    ("apple-html-agree", "apple_html", "Vụ Kế hoạch - Tài chính thống nhất.", A),
    ("apple-html-question", "apple_html", "Dự thảo gửi kèm là bản cuối chưa anh?", N),
    ("owa-agree", "owa", "Vụ Pháp chế thống nhất với dự thảo.", A),
    ("owa-done", "owa", "Đã hoàn thành, Vụ đã gửi báo cáo cho Bộ Tài chính.", DN),
    ("signoff-dot-slash", "tb", "Vụ Pháp chế nhất trí với dự thảo.\n\nTrân trọng./.", A, "Vụ Pháp chế nhất trí với dự thảo."),
    ("signoff-tran-trong-cam-on", "snail", "Vụ không có ý kiến khác.\n\nTrân trọng cảm ơn!", A, "Vụ không có ý kiến khác."),
    ("signoff-thanks-br", "gmail", "Dear anh Hùng,\n\nVụ em đồng ý ạ.\n\nThanks & Best Regards,\nNguyễn Thị Lan\nVụ Pháp chế", A, "Dear anh Hùng,\n\nVụ em đồng ý ạ."),
    ("signoff-tks", "apple", "Em nhất trí ạ.\nTks a", A),
    ("sig-pipe-line", "tb", "Vụ không đồng ý.\n\n---------------------\nNguyễn Thị Lan | Chuyên viên | Vụ Pháp chế | Bộ Công Thương\nĐT: 024 2220 2345 | Email: lan.nt@bo.gov.vn", D, "Vụ không đồng ý."),
    ("agree-with-disagreement", "tb", "Vụ Pháp chế nhất trí với ý kiến của Vụ TCCB là không đồng ý với dự thảo.", N),
    ("agree-then-but-not", "outlook", "Vụ đồng ý với dự thảo. Tuy nhiên, Vụ không đồng ý giao Vụ Pháp chế chủ trì thẩm định.", N),
    ("nhat-tri-tuy-nhien", "gmail", "Vụ nhất trí, tuy nhiên đề nghị rà soát lại lỗi chính tả.", A),
    ("khong-co-y-kien-gi-a", "apple", "Không có ý kiến gì ạ", A),
    ("khong-y-kien-ngoai", "snail", "Vụ không có ý kiến khác ngoài ý kiến đã gửi tại Công văn số 12/PC.", N),
    ("xin-gui-y-kien-nhat-tri", "outlook", "Vụ Pháp chế xin gửi ý kiến: Nhất trí.", A),
    ("da-nhan-se-xu-ly", "galaxy", "Dạ vâng. Em đã nhận và sẽ xử lý ạ.", N),
    ("hoan-thien-gui-lai", "tb", "Em gửi lại anh file dự thảo đã hoàn thiện theo ý kiến góp ý.", N),
    ("hoan-thanh-roi-nhe", "snail", "Hoàn thành rồi nhé.", DN),
    ("chua-xong", "apple", "Vụ chưa xong, dự kiến thứ Sáu sẽ gửi.", N),
    ("da-giao-xu-ly", "outlook", "Đã giao đ/c Hương xử lý.", N),
    ("nhat-tri-exclaim", "galaxy", "Nhất trí!", A),
    ("khong-dong-y-exclaim", "gmail", "Không đồng ý!", D),
    ("y-kien-dong-y", "tb", "Ý kiến của Vụ Pháp chế: đồng ý.", A),
    ("phuong-an-1", "outlook", "Vụ đề xuất chọn phương án 1, không đồng ý phương án 2.", AMBIGUOUS),
    ("dong-y-phuong-an-1", "snail", "Vụ đồng ý phương án 1.", A),
    ("chon-phuong-an", "gmail", "Vụ chọn phương án 2.", N),
    ("co-y-kien-nhu-sau", "outlook", "Vụ Pháp chế có ý kiến như sau:\n\n1. Tên Thông tư: đề nghị bỏ từ \"hướng dẫn\".\n2. Điều 2: đề nghị bổ sung đối tượng áp dụng là các đơn vị sự nghiệp.", N),
    ("en-no-comments-vi", "gmail", "No comments ạ.", A),
    ("en-ok-with-it", "outlook_en", "We are OK with the draft.", A),
    ("en-looks-good", "gmail", "Looks good to us.", N),
    ("en-fine-except", "outlook_en", "We agree except for Article 9, which we cannot support.", N),
    ("en-wrong-unit", "gmail", "Sorry, wrong unit: please send it to the Finance Department. We return it.", R),
    ("reply-above-fw-thread", "tb", "Em xin báo cáo anh: Vụ TCCB đã đồng ý, Vụ mình chưa có ý kiến.", N),
    ("quote-inline-answer", "snail", "Đồng ý.", A, None, {"bottom": True}),
    ("thong-nhat-cao", "apple_html", "Thống nhất cao với dự thảo ạ.", A),
    ("nfd-tra-lai", "apple_nfd", "Vụ xin trả lại văn bản do không thuộc chức năng.", R),
    ("nfd-khong-y-kien", "apple_nfd", "Vụ Kế hoạch - Tài chính không có ý kiến khác.", A),
    ("no-marks-xong", "snail", "Da xu ly xong, da gui Van phong Bo.", DN),
    ("no-marks-tra-lai", "galaxy", "Vu xin tra lai van ban vi khong thuoc chuc nang.", R),
    ("no-marks-question", "snail", "Vu co can dong y khong a?", N),
    ("no-marks-neu", "gmail", "Neu Vu KHTC bo sung Dieu 5 thi Vu dong y.", N),
    # --- third batch: webmails, flowed text, abbreviations, sign-offs
    ("vnpt-nhat-tri", "vnpt", "Vụ Pháp chế nhất trí với dự thảo.", A),
    ("vnpt-khong-dong-y", "vnpt", "Vụ không đồng ý với phương án tăng mức thu, đề nghị giữ nguyên như hiện hành.", D),
    ("mac-flowed-khong-dong-y", "mac_flowed", "Sau khi nghiên cứu, Vụ Pháp chế không đồng ý với dự thảo vì chưa có đánh giá tác động.", D),
    ("mac-flowed-nhat-tri", "mac_flowed", "Kính gửi Vụ Kế hoạch - Tài chính, Vụ Tổ chức cán bộ cơ bản nhất trí với nội dung dự thảo văn bản.", A),
    ("owa-html-nhat-tri", "owa_html", "Vụ Pháp chế nhất trí với dự thảo.", A),
    ("owa-html-khong-y-kien", "owa_html", "Dạ, Vụ không có ý kiến khác ạ.", A),
    ("abbr-ko-dong-y", "apple", "Vụ em ko đồng ý ạ, Điều 5 chưa rõ.", D),
    ("abbr-k-dong-y", "galaxy", "Bên em k đồng ý phương án 2 a.", D),
    ("abbr-ko-co-y-kien", "apple", "Ko có ý kiến gì ạ", A),
    ("abbr-ko-question", "gmail", "Vụ mình đồng ý ko", N),
    ("abbr-khg-dong-y", "snail", "Vu khg dong y.", D),
    ("en-disapprove", "outlook_en", "The Legal Department disapproves of the proposed fee increase.", D),
    ("en-not-approved", "gmail", "Not approved.", D),
    ("signoff-than", "tb", "Vụ em nhất trí ạ.\n\nThân,\nLan", A, "Vụ em nhất trí ạ."),
    ("signoff-tran-trong-exclaim", "outlook", "Vụ Pháp chế không có ý kiến khác.\n\nTrân trọng!\nNguyễn Thị Lan", A, "Vụ Pháp chế không có ý kiến khác."),
    ("long-prelude", "tb", "Kính gửi anh Hùng,\n\nEm là Lan, chuyên viên Vụ Pháp chế. Em đã nhận được thư của anh. Em đã báo cáo Lãnh đạo Vụ. Lãnh đạo Vụ đã xem kỹ dự thảo. Ý kiến của Vụ: nhất trí.", BEYOND),
    ("duoc-a", "apple", "Được ạ", N),
    ("khong-van-de", "galaxy", "Không vấn đề gì anh ạ.", N),
    ("noi-nhan-pasted", "outlook", "Kính gửi: Vụ Kế hoạch - Tài chính\n\nPhúc đáp đề nghị của Quý Vụ, Vụ Pháp chế nhất trí với dự thảo văn bản trả lời Bộ Tài chính.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, PC.", A),
    ("empty-answer", "tb", "", N),
    ("attach-only", "gmail", "Em gửi anh file góp ý của Vụ ạ.", N),
    ("da-tra-loi-cv", "snail", "Vụ đã có văn bản trả lời số 45/PC ngày 05/12/2026.", N),
    ("xin-gia-han", "outlook", "Vụ xin gia hạn đến ngày 20/12/2026 do còn chờ số liệu của các Sở.", N),
    ("chua-co-y-kien-khac", "tb", "Vụ Pháp chế chưa có ý kiến khác.", N),
    ("co-y-kien-khac-colon", "gmail", "Có ý kiến khác: đề nghị bỏ Điều 5.", D),
    ("xac-nhan-dong-y", "apple", "Dạ em xác nhận Vụ Pháp chế đồng ý ạ.", A),
    ("agree-with-comments-en", "outlook_en", "Agree, with minor comments attached.", A),
    ("approved-minor-changes", "gmail", "Approved with minor changes.", A),
    # --- fourth batch: mislabelled charsets, disclaimers, returns of a
    # file, positions changed over time, emoji
    ("charset-missing", "nolabel", "Vụ Pháp chế nhất trí với dự thảo.", A),
    ("charset-utf8", "utf8", "Vụ không đồng ý, đề nghị giữ nguyên Điều 3.", D),
    ("charset-ascii-lie", "ascii", "Vụ Tổ chức cán bộ không có ý kiến khác.", A),
    ("disclaimer-no-signoff", "tb", "Vụ Pháp chế nhất trí.\n\n" + DISCLAIMER, A, "Vụ Pháp chế nhất trí."),
    ("disclaimer-en", "outlook_en", "We agree with the draft.\n\nDISCLAIMER: This e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error, please notify the sender and delete it.", A, "We agree with the draft."),
    ("return-file", "gmail", "Em gửi trả lại anh file dự thảo đã chỉnh sửa theo ý kiến của Vụ ạ.", N),
    ("return-draft-en", "outlook_en", "Returning the draft with our tracked changes.", N),
    ("return-letter", "tb", "Vụ gửi trả lại văn bản để Văn phòng Bộ giao đơn vị khác.", R),
    ("changed-mind", "outlook", "Trước đây Vụ đã không đồng ý, nay Vụ nhất trí với dự thảo đã chỉnh sửa.", N),
    ("agreed-at-meeting", "tb", "Vụ đã đồng ý tại cuộc họp ngày 05/12, nay không có ý kiến thêm.", A),
    ("emoji-only", "apple", "👍", N),
    ("ok-thong-nhat-nhe", "galaxy", "Ok anh, thống nhất nhé.", A),
    ("personal-then-pending", "tb", "Em thống nhất với anh về cách làm, nhưng Vụ chưa có ý kiến chính thức.", N),
    ("forward-leader", "gmail", "Anh Hùng ơi, Lãnh đạo Vụ đã duyệt: đồng ý.", A),
    ("no-file-yet", "apple", "Dạ anh, em chưa thấy file đính kèm ạ.", N),
    ("ket-qua-done", "outlook", "Kết quả: Đã hoàn thành, báo cáo gửi kèm.", DN),
    ("y-kien-label", "snail", "Ý kiến: Đồng ý", A),
    # --- fifth batch: HTML-only and broken alternatives, attachments,
    # tables, partial and conditional agreement, short forms
    ("tb-html-nhat-tri", "tb_html", "Vụ Pháp chế nhất trí với dự thảo.", A),
    ("tb-html-chua-dong-y", "tb_html", "Vụ chưa đồng ý, đề nghị làm rõ nguồn kinh phí thực hiện.", D),
    ("empty-plain-agree", "empty_plain", "Vụ Tổ chức cán bộ thống nhất với dự thảo.", A),
    ("notes-disagree", "notes", "Vụ Thị trường trong nước không đồng ý với phương án 2.", D),
    ("attach-agree", "outlook_attach", "Vụ Pháp chế nhất trí, văn bản chính thức số 45/PC gửi kèm.", A),
    ("table-agree", "table", "Đơn vị | Ý kiến\nVụ Pháp chế | Nhất trí", A, "Đơn vị Ý kiến\nVụ Pháp chế Nhất trí"),
    ("mot-phan", "tb", "Vụ đồng ý một phần, riêng Điều 9 đề nghị bỏ.", N),
    ("partially-en", "outlook_en", "We partially agree with the draft.", N),
    ("co-dieu-kien", "gmail", "Vụ đồng ý có điều kiện: phải bổ sung nguồn kinh phí.", N),
    ("voi-dieu-kien", "outlook", "Đồng ý với điều kiện bổ sung Điều 5 về nguồn kinh phí.", N),
    ("co-ban-dong-y", "apple", "Cơ bản đồng ý ạ.", A),
    ("ve-nguyen-tac", "snail", "Về nguyên tắc Vụ đồng ý.", A),
    ("khong-y-kien-short", "galaxy", "Không ý kiến.", A),
    ("khong-y-kien-gi-them", "apple", "Không ý kiến gì thêm ạ", A),
    ("hoan-toan-khong", "tb", "Vụ hoàn toàn không đồng ý.", D),
    ("ung-ho", "gmail", "Vụ ủng hộ phương án của Vụ KHTC.", A),
    ("dat-yeu-cau", "outlook", "Dự thảo đã đạt yêu cầu.", N),
    ("thong-nhat-trinh-ky", "tb", "Thống nhất trình Bộ trưởng ký ban hành.", A),
    # --- sixth batch: more of what staff write, two more Outlook shapes
    ("prefixed-agree", "outlook_prefixed", "Vụ Pháp chế nhất trí với dự thảo.", A),
    ("prefixed-return", "outlook_prefixed", "Xin trả lại văn bản vì không thuộc chức năng của Vụ.", R),
    ("colleague-none", "colleague", "Anh Bảo ơi, anh chờ em xin ý kiến Vụ trưởng đã nhé.", N),
    ("colleague-disagree", "colleague", "Vụ trưởng không đồng ý, đề nghị giữ nguyên Điều 3.", D),
    ("nhat-tri-de-xuat", "tb", "Nhất trí như đề xuất của Vụ chủ trì.", A),
    ("nhat-tri-tiep-thu", "gmail", "Nhất trí. Đề nghị Vụ KHTC tiếp thu ý kiến của các đơn vị.", A),
    ("thong-nhat-chu-truong", "outlook", "Thống nhất về chủ trương.", A),
    ("khong-thong-nhat", "snail", "Không thống nhất.", D),
    ("phan-doi", "apple", "Phản đối.", D),
    ("khong-co-y-kien-phan-doi", "tb", "Không có ý kiến phản đối.", A),
    ("ko-co-y-kien-cam-on", "galaxy", "Vụ ko có ý kiến gì ạ, cảm ơn anh", A),
    ("khong-tham-gia", "outlook", "Vụ xin phép không tham gia ý kiến vì nội dung không thuộc lĩnh vực của Vụ.", N),
    ("giao-don-vi-khac", "tb", "Đề nghị Văn phòng Bộ giao đơn vị khác chủ trì.", N),
    ("khong-thuoc-chuc-nang", "gmail", "Nội dung này không thuộc chức năng của Vụ.", N),
    ("da-trinh-ky", "snail", "Vụ đã trình Lãnh đạo Bộ ký.", N),
    ("dong-y-chu", "apple", "Vụ đồng ý chứ", N),
    ("nhat-tri-nhe", "galaxy", "Nhất trí nhé", A),
    ("ok-nhat-tri", "apple", "Ok nhất trí", A),
    ("thong-nhat-ky-so", "gmail", "Thống nhất, em gửi anh bản ký số.", A),
    ("noted-agreed", "outlook_en", "Noted and agreed.", A),
    ("acknowledged", "gmail", "Acknowledged.", N),
    ("no-objection-side", "outlook_en", "No objection from our side.", A),
    ("we-object", "gmail", "We object to Article 5.", D),
    ("agreed-in-principle", "outlook_en", "Agreed in principle.", A),
    ("not-agreed", "gmail", "Not agreed.", D),
    ("vang-a-only", "apple", "Vâng ạ", N),
    ("dong-y-voi-anh", "tb", "Em đồng ý với anh.", A),
    ("tuy-anh", "galaxy", "Tùy anh quyết ạ.", N),
    ("chua-doc", "apple", "Em chưa đọc kỹ, tối em trả lời anh.", N),
    ("thank-only-en", "outlook_en", "Thank you, well received.", N),
    # --- how far a negator reaches
    ("khong-co-co-so-de", "outlook", "Vụ không có cơ sở để đồng ý với đề xuất tăng mức thu.", D),
    ("khong-ly-do-phan-doi", "tb", "Vụ Pháp chế không thấy có lý do gì để phản đối.", A),
    ("chua-du-dieu-kien-de", "snail", "Chua du dieu kien de chap thuan.", D),
    ("khong-nhung-nhat-tri", "gmail", "Vụ không những nhất trí mà còn đề nghị sớm ban hành.", A),
    ("rut-y-kien-phan-doi", "apple", "Sau khi được giải trình, Vụ rút ý kiến phản đối.", N),
    ("het-y-kien", "galaxy", "Dạ, Vụ em hết ý kiến ạ.", A),
    ("not-enough-info-en", "outlook_en", "We do not have enough information to agree.", D),
    # --- invisible characters pasted from the web or a chat app
    ("zwsp-khong-dong-y", "owa", "Vụ Pháp chế không\u200b đồng ý với dự thảo.", D, "Vụ Pháp chế không đồng ý với dự thảo."),
    ("zwsp-ko-co-y-kien", "galaxy", "\ufeffVụ không\u200b có ý kiến khác.", A, "Vụ không có ý kiến khác."),
    ("shy-nhat-tri", "gmail", "Vụ Pháp chế nh\u00adất trí.", A, "Vụ Pháp chế nhất trí."),
]


def main():
    written = 0
    for i, row in enumerate(ANSWERS):
        name, shape, new, decision = row[:4]
        expect = row[4] if len(row) > 4 and row[4] is not None else new
        opts = row[5] if len(row) > 5 else {}
        a = dict(opts, new=new)
        data = SHAPES[shape](i, a)
        with open(os.path.join(HERE, name + ".eml"), "wb") as f:
            f.write(data)
        note = ("; decision not checked: " + NOTES[name]) if decision == "__any__" else ""
        exp = {"_comment": "%s; %s%s" % (shape, opts_text(opts), note),
               "kind": "reply", "item_ref": "CV-2026-000412",
               "decision": decision, "reply_text": expect}
        with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
            json_dump(exp, f)
        written += 1
    print("%d answers" % written)


def opts_text(opts):
    bits = []
    if opts.get("quoted") is THREAD:
        bits.append("a whole thread quoted, with another unit's agreement and commands")
    if opts.get("bottom"):
        bits.append("bottom-posted")
    if opts.get("sign"):
        bits.append("sign-off and name")
    if opts.get("disclaimer"):
        bits.append("legal disclaimer")
    return ", ".join(bits) or "congvan's request quoted"


def json_dump(obj, f):
    import json
    json.dump(obj, f, ensure_ascii=False, indent=2)
    f.write("\n")


if __name__ == "__main__":
    main()
