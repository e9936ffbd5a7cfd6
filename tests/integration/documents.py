#!/usr/bin/python3
"""Documents for the reader's tests, made at test time (standard library
only; the letter texts and the text PDF come from contrib/gen-corpus.py):

  documents.py letter OUT.pdf NUMBER        a one-page text PDF of a letter
                                            numbered NUMBER (e.g. 45/UBND-VX)
  documents.py emptysig IN.pdf OUT.pdf      IN with an empty signature field
                                            added (an incremental update)
  documents.py append IN.pdf OUT.pdf        IN with an incremental update after
                                            it (a changed title): bytes that no
                                            signature covers
  documents.py alter IN.pdf OUT.pdf OLD NEW IN with the first OLD in its bytes
                                            replaced by NEW (same length): the
                                            signed content altered
  documents.py docx OUT.docx NUMBER         the same letter typed in Word:
                                            the heading and the signature in
                                            tables, runs split mid-number, a
                                            deleted old number (tracked), a
                                            field code, a text box written
                                            twice (mc:Choice, mc:Fallback)
  documents.py odt OUT.odt NUMBER           the same letter from LibreOffice
  documents.py eml OUT.eml FILE... [--from A] [--subject S] [--body TEXT]
                                            a clerk's mail carrying FILEs
"""

import datetime
import email.message
import email.policy
import importlib.util
import mimetypes
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def corpus():
    path = os.path.join(HERE, "..", "..", "contrib", "gen-corpus.py")
    spec = importlib.util.spec_from_file_location("gen_corpus", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def letter_text(number):
    """The generator, its random source and the text of letter NUMBER."""
    gc = corpus()
    rng = random.Random(number)
    n, suffix = number.split("/", 1)
    ag = next((a for a in gc.AGENCIES if a[2] == suffix), gc.AGENCIES[0])
    ag = (ag[0], ag[1], suffix) + ag[3:]
    date = datetime.date(2026, 11, 20)
    return gc, rng, gc.letter_text(rng, ag, int(n), date, gc.make_topic(rng, 2026), "Nguyễn Văn An")


def letter_lines(number):
    return letter_text(number)[2].split("\n")


def blocks(lines):
    """The letter's parts as a word processor holds them: the heading's
    two columns, the body's paragraphs, the signature's two columns."""
    i = 0
    left, right = [], []
    while lines[i].strip():                 # agency
        left.append(lines[i]); i += 1
    i += 1
    while lines[i].strip():                 # national motto
        right.append(lines[i]); i += 1
    i += 1
    left.append(lines[i]); i += 1           # Số: ...
    right.append(lines[i]); i += 1          # Hà Nội, ngày ...
    while lines[i].strip():                 # V/v ... (may wrap)
        left.append(lines[i]); i += 1
    body, para = [], []
    for line in lines[i:]:
        if line.startswith("Nơi nhận"):
            break
        if line.strip():
            para.append(line.strip())
        elif para:
            body.append(" ".join(para)); para = []
        i += 1
    if para:
        body.append(" ".join(para))
    sign_l = [l for l in lines[i:] if l.strip() and not l.startswith(" ")]
    sign_r = [l.strip() for l in lines[i:] if l.startswith(" ") and l.strip()]
    return left, right, body, sign_l, sign_r


def xml_text(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def zip_write(out, members, stored_first=None):
    import zipfile
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        if stored_first:
            z.writestr(zipfile.ZipInfo(stored_first[0]), stored_first[1], zipfile.ZIP_STORED)
        for name, data in members:
            z.writestr(name, data)


def docx(out, number):
    left, right, body, sign_l, sign_r = blocks(letter_lines(number))
    W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def run(t):
        return '<w:r><w:rPr><w:rFonts w:ascii="Times New Roman"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>' % xml_text(t)

    def para(t):
        if t.startswith("Số: "):
            # Word splits runs where spell-checking or an edit left marks,
            # even inside a number; an old number deleted under tracked
            # changes stays in the file
            k = len(t) // 2
            return ('<w:p><w:pPr><w:jc w:val="center"/></w:pPr>%s<w:del w:id="1" w:author="VT">'
                    '<w:r><w:delText>999/XX-YY </w:delText></w:r></w:del>%s%s</w:p>'
                    % (run("Số: "), run(t[4:k]), run(t[k:])))
        return '<w:p>%s</w:p>' % run(t)

    def cell(ls):
        return '<w:tc><w:tcPr><w:tcW w:w="4500" w:type="dxa"/></w:tcPr>%s</w:tc>' % "".join(para(l) for l in ls)

    def table(a, b):
        return '<w:tbl><w:tblPr/><w:tr>%s%s</w:tr></w:tbl>' % (cell(a), cell(b))

    box = ('<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           '<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p>%s</w:p></w:txbxContent></w:drawing></mc:Choice>'
           '<mc:Fallback><w:pict><w:txbxContent><w:p>%s</w:p></w:txbxContent></w:pict></mc:Fallback>'
           '</mc:AlternateContent></w:r></w:p>' % (run("KHẨN"), run("KHẨN")))
    page = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>%s<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>' % run("1"))
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document %s '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>%s%s%s%s%s'
           '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
           % (W, box, table(left, right), "".join(para(p) for p in body), table(sign_l, sign_r), page))
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    core = '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>'
    zip_write(out, [("[Content_Types].xml", ct), ("_rels/.rels", rels), ("docProps/core.xml", core),
                    ("word/document.xml", doc)])


def odt(out, number):
    left, right, body, sign_l, sign_r = blocks(letter_lines(number))

    def para(t):
        # runs of spaces are <text:s/>, a span splits the number
        t = xml_text(t)
        t = t.replace("  ", ' <text:s text:c="1"/>')
        if t.startswith("Số: "):
            t = 'Số: <text:span text:style-name="T1">%s</text:span>%s' % (t[4:7], t[7:])
        return '<text:p text:style-name="P1">%s</text:p>' % t

    def table(a, b):
        return ('<table:table table:name="T"><table:table-column table:number-columns-repeated="2"/><table:table-row>'
                '<table:table-cell>%s</table:table-cell><table:table-cell>%s</table:table-cell></table:table-row></table:table>'
                % ("".join(para(l) for l in a), "".join(para(l) for l in b)))

    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">'
               '<office:automatic-styles/><office:body><office:text>'
               '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
               '<text:p>Số: 999/XX-YY</text:p></text:deletion></text:changed-region></text:tracked-changes>'
               '%s%s%s</office:text></office:body></office:document-content>'
               % (table(left, right), "".join(para(p) for p in body), table(sign_l, sign_r)))
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    zip_write(out, [("content.xml", content), ("META-INF/manifest.xml", manifest)],
              stored_first=("mimetype", "application/vnd.oasis.opendocument.text"))


def letter(out, number):
    gc, rng, text = letter_text(number)
    pdf = gc.make_pdf(rng, text.split("\n"), "Công văn " + number, datetime.datetime(2026, 11, 20), 4000)
    with open(out, "wb") as f:
        f.write(pdf)


def update(data, objs, root_extra=None):
    """An incremental update adding objs {number: bytes}; the new trailer
    keeps the old root (or root_extra replaces the catalog)."""
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    size = max(int(x) for x in re.findall(rb"/Size (\d+)", data))
    root = re.findall(rb"/Root (\d+) (\d+) R", data)[-1]
    out = bytearray(data)
    if not out.endswith(b"\n"):
        out += b"\n"
    offsets = {}
    for num, body in sorted(objs.items()):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for num in sorted(offsets):
        out += b"%d 1\n%010d 00000 n \n" % (num, offsets[num])
    new_size = max([size] + [n + 1 for n in offsets])
    out += b"trailer\n<< /Size %d /Prev %d /Root %s %s R >>\nstartxref\n%d\n%%%%EOF\n" % (
        new_size, prev, root[0], root[1], xref)
    return bytes(out)


def catalog_of(data):
    """The catalog's number and its dictionary's text (the last one)."""
    num = int(re.findall(rb"/Root (\d+) \d+ R", data)[-1])
    body = re.findall(rb"\n%d 0 obj\s*(<<.*?>>)\s*endobj" % num, data, re.S)[-1]
    return num, body


def first_page(data):
    return int(re.findall(rb"/Kids \[(\d+) 0 R", data)[-1])


def emptysig(src, out):
    data = open(src, "rb").read()
    size = max(int(x) for x in re.findall(rb"/Size (\d+)", data))
    cat_num, cat = catalog_of(data)
    page = first_page(data)
    field = size
    cat = cat[:-2] + b" /AcroForm << /Fields [%d 0 R] /SigFlags 1 >> >>" % field
    widget = (b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Ch\\373 k\\375 s\\364) /F 132"
              b" /Rect [0 0 0 0] /P %d 0 R >>" % page)
    page_body = re.findall(rb"\n%d 0 obj\s*(<<.*?>>)\s*endobj" % page, data, re.S)[-1]
    page_body = page_body[:-2] + b" /Annots [%d 0 R] >>" % field
    with open(out, "wb") as f:
        f.write(update(data, {cat_num: cat, page: page_body, field: widget}))


def append(src, out):
    data = open(src, "rb").read()
    size = max(int(x) for x in re.findall(rb"/Size (\d+)", data))
    with open(out, "wb") as f:
        f.write(update(data, {size: b"<< /Title (Ban da sua) >>"}))


def alter(src, out, old, new):
    data = open(src, "rb").read()
    old, new = old.encode(), new.encode()
    assert len(old) == len(new) and old in data, "alter: '%s' not in %s" % (old, src)
    with open(out, "wb") as f:
        f.write(data.replace(old, new, 1))


def eml(out, files, frm, subject, body):
    m = email.message.EmailMessage(policy=email.policy.SMTP)
    m["From"] = frm
    m["To"] = "congvan@congvan.test"
    m["Subject"] = subject
    m["Date"] = "Mon, 07 Dec 2026 08:12:40 +0700"
    stem = re.sub(r"[^a-z0-9]", "", os.path.basename(out).lower())
    m["Message-ID"] = "<0f4b8c2e-%s-4d1a-9c3e-5b7a2d6e8f10@mof.gov.vn>" % stem[:8].ljust(8, "0")
    m["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Thunderbird/115.6.0"
    m.set_content(body)
    for path in files:
        ctype = mimetypes.guess_type(path)[0] or "application/octet-stream"
        maj, sub = ctype.split("/")
        with open(path, "rb") as f:
            m.add_attachment(f.read(), maintype=maj, subtype=sub, filename=os.path.basename(path))
    raw = m.as_bytes()
    # Python folds long encoded subjects dropping the space between two
    # encoded words; write it as mail clients do (gen-corpus's encoder).
    words = corpus().encoded_words(subject, "B") if any(ord(c) > 127 for c in subject) else [subject]
    raw = re.sub(rb"^Subject: .*?\r\n(?=\S)", ("Subject: " + "\r\n ".join(words) + "\r\n").encode(),
                 raw, count=1, flags=re.S | re.M)
    with open(out, "wb") as f:
        f.write(raw)


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "letter":
        letter(argv[2], argv[3])
    elif cmd == "docx":
        docx(argv[2], argv[3])
    elif cmd == "odt":
        odt(argv[2], argv[3])
    elif cmd == "emptysig":
        emptysig(argv[2], argv[3])
    elif cmd == "append":
        append(argv[2], argv[3])
    elif cmd == "alter":
        alter(argv[2], argv[3], argv[4], argv[5])
    elif cmd == "eml":
        args, files = argv[3:], []
        opts = {"--from": "Văn thư Bộ Tài chính <vanthu@mof.gov.vn>", "--subject": "Gửi công văn",
                "--body": "Kính gửi Văn thư,\n\nBộ Tài chính gửi kèm công văn.\n\nTrân trọng.\nNguyễn Thị Hà\n"}
        i = 0
        while i < len(args):
            if args[i] in opts:
                opts[args[i]] = args[i + 1]
                i += 2
            else:
                files.append(args[i])
                i += 1
        eml(argv[2], files, opts["--from"], opts["--subject"], opts["--body"])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
