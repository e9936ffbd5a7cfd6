#!/usr/bin/python3
"""Writes tests/data/inspect/letter-NN-*.eml: official letters as they
reach an Office's mailbox from ministries, provincial People's Committees,
departments, corporations and embassies, in the body (plain text and HTML
from Outlook and Gmail, HTML alone from webmail), forwarded by a clerk
(Gmail, Outlook in Vietnamese, Thunderbird), or as a PDF attached to a
covering mail; in NFD, without diacritics, in windows-1258.

Each letter is described once (its two header columns, addressees, body,
distribution and signature block) and written in the layout its path
gives: a Word table copied to text (cells apart by a tab), the columns
flattened with single spaces (text extraction), stacked (the left column,
then the right one), padded with spaces (Outlook's plain text of a
table), or drawn in two columns in a PDF (python3-reportlab with
Liberation Serif, the way Word exports it; congvan-reader extracts it).

The expectation NAME.json is what a careful clerk registers, written by
hand below in each letter's `want` (never congvan's output); null where
the letter itself leaves a field open (a date left blank for hand-filling,
a deadline counted in days from receipt).  Deterministic: running it
again writes the same bytes (the PDFs' dates and IDs are fixed).

    /usr/bin/python3 tests/data/inspect/make-letters.py
"""
import base64
import importlib.util
import io
import json
import os
import quopri
import sys
import textwrap
import unicodedata

sys.dont_write_bytecode = True  # importing make-fixtures.py leaves nothing behind
HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "fixtures", os.path.join(HERE, "make-fixtures.py"))
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def crlf(s):
    return s.replace("\r\n", "\n").replace("\n", "\r\n")


def b64(data):
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def qp(data):
    return quopri.encodestring(data.replace(b"\r\n", b"\n")).decode("ascii")


def ew(text):
    """RFC 2047 B-words of at most 75 characters."""
    if all(ord(c) < 128 for c in text):
        return text
    words, cur = [], ""
    for ch in text:
        if len((cur + ch).encode()) > 45:
            words.append(cur)
            cur = ""
        cur += ch
    words.append(cur)
    return "\n ".join("=?UTF-8?B?%s?=" % base64.b64encode(w.encode()).decode() for w in words)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fold_ascii(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


# ------------------------------------------------------------ the letter

def columns(left, right, style):
    """The two header columns in a text layout."""
    n = max(len(left), len(right))
    left = left + [""] * (n - len(left))
    right = right + [""] * (n - len(right))
    if style == "stack":
        return [l for l in left] + [""] + [r for r in right if r is not None]
    out = []
    for l, r in zip(left, right):
        if not r:
            out.append(l)
        elif style == "tab":
            out.append(l + "\t" + r)
        elif style == "flat":
            out.append((l + " " + r).strip())
        elif style == "wide":
            out.append(l.ljust(48) + r if l else " " * 48 + r)
    return out


def sign_block(spec, style):
    dist = spec["dist"]
    title = spec["title"] + ["", "", spec["name"]]
    if spec.get("signed_note"):
        title = spec["title"] + ["(Đã ký)", "", spec["name"]]
    if style == "before":
        return dist + [""] + title
    if style == "after":
        return title + ["", ""] + dist
    # side by side: distribution left, title and name right
    return columns(dist, title, "tab" if style == "tab" else style)


def letter_text(spec):
    style = spec.get("style", "tab")
    lines = columns(spec["left"], spec["right"], style)
    lines += [""] + spec["to"] + [""]
    for p in spec["body"]:
        lines += [p, ""]
    lines += sign_block(spec, spec.get("sign", "tab" if style != "stack" else "after"))
    lines += spec.get("after_sign", [])
    text = "\n".join(lines).rstrip("\n") + "\n"
    if spec.get("ascii"):
        text = fold_ascii(text)
    return text


# ------------------------------------------------------------------ PDF

def make_pdf(spec):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font_dir = "/usr/share/fonts/truetype/liberation2/"
    pdfmetrics.registerFont(TTFont("Times", font_dir + "LiberationSerif-Regular.ttf"))
    pdfmetrics.registerFont(TTFont("TimesB", font_dir + "LiberationSerif-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("TimesI", font_dir + "LiberationSerif-Italic.ttf"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(spec.get("pdf_title", "Công văn"))
    c.setAuthor("Văn thư")
    c.setCreator("Microsoft® Word 2019")
    w, h = A4
    y = h - 60
    lx, rx = 150, 400
    for i in range(max(len(spec["left"]), len(spec["right"]))):
        l = spec["left"][i] if i < len(spec["left"]) else ""
        r = spec["right"][i] if i < len(spec["right"]) else ""
        if l:
            c.setFont("TimesB" if l.isupper() else "Times", 12)
            if l.startswith("V/v") or (i > 0 and spec["left"][i - 1].startswith("V/v")) or (
                    i > 1 and spec["left"][i - 2].startswith("V/v")):
                c.setFont("Times", 11)
            c.drawCentredString(lx, y, l)
        if r:
            c.setFont("TimesB" if r == MOTTO[0] or r == MOTTO[1] else "TimesI", 12)
            c.drawCentredString(rx, y, r)
        y -= 15
    y -= 12
    c.setFont("Times", 12)
    for t in spec["to"]:
        if t.startswith("Kính gửi") or not t.startswith("-"):
            c.drawCentredString(w / 2, y, t)
        else:
            c.drawString(w / 2 - 60, y, t)
        y -= 16
    y -= 8
    for p in spec["body"]:
        for k, line in enumerate(textwrap.wrap(p, 80)):
            if y < 70:  # a second page, as long letters have
                c.showPage()
                c.setFont("Times", 12)
                y = h - 60
            c.drawString(70 if k else 95, y, line)
            y -= 16
        y -= 4
    y -= 12
    ty = y
    c.setFont("TimesB", 11)
    for i, d in enumerate(spec["dist"]):
        c.setFont("TimesB" if i == 0 else "Times", 11 if i == 0 else 10)
        c.drawString(70, y, d)
        y -= 13
    y = ty
    for t in spec["title"]:
        c.setFont("TimesB", 13)
        c.drawCentredString(rx, y, t)
        y -= 16
    if spec.get("signed_note"):
        c.setFont("TimesI", 12)
        c.drawCentredString(rx, y, "(Đã ký)")
    y -= 60
    c.setFont("TimesB", 13)
    c.drawCentredString(rx, y, spec["name"])
    c.showPage()
    c.save()
    return buf.getvalue()


# ------------------------------------------------------- mail wrappers

def headers(spec, ctype, extra=()):
    return "\n".join([
        "Return-Path: <%s>" % spec["from"][1],
        "Received: from mail.%s (mail.%s [203.0.113.%d])" % (
            spec["from"][1].split("@")[1], spec["from"][1].split("@")[1], spec["n"] + 20),
        "\tby mx.congvan.test (Postfix) with ESMTPS id 4Rk%02dQ7z2z9sW" % spec["n"],
        "\tfor <congvan@congvan.test>; %s" % spec["date"],
        "From: %s <%s>" % (ew(spec["from"][0]), spec["from"][1]),
        "To: congvan@congvan.test",
        "Subject: " + ew(spec["subject"]),
        "Date: " + spec["date"],
        "Message-ID: <%s>" % spec["mid"],
    ] + list(extra) + ["MIME-Version: 1.0", "Content-Type: " + ctype])


def html_of(text):
    return "".join('<p class="MsoNormal">%s</p>\n' % (esc(l).replace("\t", "&nbsp;" * 8) or "&nbsp;")
                   for l in text.rstrip("\n").split("\n"))


def wrap_outlook(spec, text):
    """Outlook desktop: text and Word HTML alternatives, base64."""
    b = "_000_SG2PR06MB%04dC0A1B2C3D4E5F6SG2PR06MB%04dapcp_" % (spec["n"], spec["n"])
    html = ('<html xmlns:o="urn:schemas-microsoft-com:office:office">\n<head>\n'
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
            '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n</head>\n'
            '<body lang="VI" link="#0563C1"><div class="WordSection1">\n' + html_of(text) +
            "</div>\n</body>\n</html>\n")
    return "\n".join([
        headers(spec, 'multipart/alternative;\n\tboundary="%s"' % b,
                ["Thread-Topic: " + ew(spec["subject"]), "Content-Language: vi-VN",
                 "X-MS-Has-Attach:", "X-Mailer: Microsoft Outlook 16.0"]),
        "", "--" + b, 'Content-Type: text/plain; charset="utf-8"',
        "Content-Transfer-Encoding: base64", "", b64(crlf(text).encode()),
        "", "--" + b, 'Content-Type: text/html; charset="utf-8"',
        "Content-Transfer-Encoding: base64", "", b64(crlf(html).encode()), "",
        "--%s--" % b, ""])


def wrap_gmail(spec, text, note=""):
    """Gmail: quoted-printable text, then HTML of <div>s."""
    b = "000000000000%012x" % (0x5fa3d9b21 + spec["n"])
    body = note + text
    html = '<div dir="ltr">' + "".join(
        "<div>%s</div>" % (esc(l).replace("\t", "&nbsp;&nbsp;&nbsp; ") or "<br>")
        for l in body.rstrip("\n").split("\n")) + "</div>\n"
    return "\n".join([
        headers(spec, 'multipart/alternative; boundary="%s"' % b),
        "", "--" + b, 'Content-Type: text/plain; charset="UTF-8"',
        "Content-Transfer-Encoding: quoted-printable", "", qp(body.encode()),
        "--" + b, 'Content-Type: text/html; charset="UTF-8"',
        "Content-Transfer-Encoding: quoted-printable", "", qp(html.encode()),
        "--%s--" % b, ""])


def wrap_gmail_fwd(spec, text):
    o = spec["orig"]
    note = ("Chuyển Văn phòng vào sổ.\n\n---------- Forwarded message ---------\n"
            "From: %s <%s>\nDate: %s\nSubject: %s\nTo: <%s>\n\n\n" % (
                o[0], o[1], o[2], o[3], spec["from"][1]))
    return wrap_gmail(dict(spec, subject="Fwd: " + o[3]), text, note)


def wrap_outlook_fwd(spec, text):
    """Outlook in Vietnamese forwarding: 'Từ: ... Đã gửi: ...'."""
    o = spec["orig"]
    note = ("Kính chuyển Văn phòng vào sổ công văn đến.\n\nTrân trọng,\n%s\n\n"
            "________________________________\n"
            "Từ: %s <%s>\nĐã gửi: %s\nĐến: %s <%s>\nChủ đề: %s\n\n" % (
                spec["from"][0], o[0], o[1], o[2], spec["from"][0], spec["from"][1], o[3]))
    return wrap_outlook(dict(spec, subject="CT: " + o[3]), note + text)


def wrap_tbird_fwd(spec, text):
    o = spec["orig"]
    body = ("\n\n\n-------- Forwarded Message --------\nSubject: \t%s\nDate: \t%s\n"
            "From: \t%s <%s>\nTo: \t%s\n\n\n" % (o[3], o[2], o[0], o[1], spec["from"][1]) + text)
    return "\n".join([
        headers(dict(spec, subject="Fwd: " + o[3]),
                "text/plain; charset=UTF-8; format=flowed",
                ["User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) "
                 "Gecko/20100101 Thunderbird/115.6.0", "Content-Language: vi"]),
        "Content-Transfer-Encoding: 8bit", "", body.encode().decode("latin-1")])


def wrap_plain(spec, text, charset="utf-8", nfd=False):
    if nfd:
        text = unicodedata.normalize("NFD", text)
    data = text.encode("utf-8") if charset == "utf-8" else fx.cp1258(text)
    return "\n".join([
        headers(spec, 'text/plain; charset="%s"' % charset,
                ["X-Mailer: Apple Mail (2.3774.300.61)"] if nfd else []),
        "Content-Transfer-Encoding: quoted-printable", "", qp(data)])


def html_table(spec):
    """Webmail HTML of a letter pasted from Word: the header a table."""
    rows = ""
    n = max(len(spec["left"]), len(spec["right"]))
    left = "<br>".join(esc(l) for l in spec["left"])
    right = "<br>".join(esc(r) for r in spec["right"])
    rows = ('<table border="0" cellspacing="0" cellpadding="0" width="100%%"><tr>'
            '<td width="40%%" valign="top"><p align="center">%s</p></td>'
            '<td width="60%%" valign="top"><p align="center">%s</p></td></tr></table>\n' % (left, right))
    body = "".join("<p>%s</p>\n" % esc(t) for t in spec["to"])
    body += "".join("<p>%s</p>\n" % esc(p) for p in spec["body"])
    sig = ('<table width="100%%"><tr><td valign="top">%s</td><td valign="top"><p align="center">'
           '%s<br><br><br>%s</p></td></tr></table>\n' % (
               "<br>".join(esc(d) for d in spec["dist"]),
               "<br>".join(esc(t) for t in spec["title"]), esc(spec["name"])))
    del n
    return "<html><body>\n" + rows + body + sig + "</body></html>\n"


def wrap_html(spec, text):
    del text
    html = html_table(spec)
    return "\n".join([
        headers(spec, 'text/html; charset="utf-8"',
                ["X-Mailer: Zimbra 9.0.0_GA_4583 (ZimbraWebClient - GC120 (Win)/9.0.0_GA_4583)"]),
        "Content-Transfer-Encoding: base64", "", b64(crlf(html).encode())])


def wrap_pdf(spec, text):
    """A covering mail from Outlook with the letter as a PDF."""
    del text
    pdf = make_pdf(spec)
    name = spec["pdf_name"]
    b0 = "_004_PS1PR06MB%04dA1B2apcp_" % spec["n"]
    cover = spec.get("cover", "Kính gửi Văn phòng,\n\nXin gửi công văn (file đính kèm).\n\n"
                     "Trân trọng.\n%s\n" % spec["from"][0])
    return "\n".join([
        headers(spec, 'multipart/mixed;\n\tboundary="%s"' % b0,
                ["X-MS-Has-Attach: yes", "X-Mailer: Microsoft Outlook 16.0"]),
        "", "--" + b0, 'Content-Type: text/plain; charset="utf-8"',
        "Content-Transfer-Encoding: base64", "", b64(crlf(cover).encode()), "",
        "--" + b0, 'Content-Type: application/pdf; name="%s"' % name,
        'Content-Disposition: attachment; filename="%s"; size=%d' % (name, len(pdf)),
        "Content-Transfer-Encoding: base64", "", b64(pdf), "", "--%s--" % b0, ""])


WRAPS = {
    "outlook": wrap_outlook, "gmail": wrap_gmail, "gmail-fwd": wrap_gmail_fwd,
    "outlook-fwd": wrap_outlook_fwd, "tbird-fwd": wrap_tbird_fwd, "plain": wrap_plain,
    "nfd": lambda s, t: wrap_plain(s, t, nfd=True),
    "cp1258": lambda s, t: wrap_plain(s, t, charset="windows-1258"),
    "html": wrap_html, "pdf": wrap_pdf,
}

import sys  # noqa: E402
sys.path.insert(0, HERE)
from letters_probe import LETTERS  # noqa: E402  (the letters, in their own file)


def main():
    for spec in LETTERS:
        text = letter_text(spec)
        raw = WRAPS[spec["wrap"]](spec, text)
        name = "letter-%02d-%s" % (spec["n"], spec["slug"])
        data = crlf(raw).encode("latin-1" if spec["wrap"] == "tbird-fwd" else "ascii")
        with open(os.path.join(HERE, name + ".eml"), "wb") as f:
            f.write(data)
        want = dict(spec["want"])
        want.setdefault("source", "pdf" if spec["wrap"] == "pdf" else "body")
        exp = {"_comment": spec["gist"], "message_id": spec["mid"], "kind": "letter",
               "letter": want}
        with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(exp, f, ensure_ascii=False, indent=2)
            f.write("\n")
        print("wrote", name)


if __name__ == "__main__":
    main()
