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


def letter(out, number):
    gc = corpus()
    rng = random.Random(number)
    n, suffix = number.split("/", 1)
    ag = next((a for a in gc.AGENCIES if a[2] == suffix), gc.AGENCIES[0])
    ag = (ag[0], ag[1], suffix) + ag[3:]
    date = datetime.date(2026, 11, 20)
    text = gc.letter_text(rng, ag, int(n), date, gc.make_topic(rng, 2026), "Nguyễn Văn An")
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
