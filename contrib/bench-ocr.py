#!/usr/bin/python3
"""congvan — OCR accuracy and speed over the scans of contrib/gen-scans.py.

  contrib/bench-ocr.py CONGVAN DIR [--ocr-pages N]

Each scan in DIR (manifest.jsonl says what it holds) is attached to a short
mail, as a clerk sends one, and read by `CONGVAN inspect -`: the same path
as intake (congvan-reader in its sandbox, OCR, the letter parser).  Prints,
per variant and overall, how many scans gave the right number, date, V/v
subject and signer (the signer out of the scans that show one: a JPEG or
PNG of a two-page letter is its first page), and the seconds per OCR'd page (wall clock of the whole
inspect, divided by the pages read by OCR: the first and the last).
Fields compare after NFC and white-space folding; the number and the
subject also ignore case.
"""

import argparse
import email.message
import email.policy
import json
import os
import subprocess
import sys
import time
import unicodedata

FIELDS = ["number", "date", "subject", "signer"]
TYPES = {"pdf": ("application", "pdf"), "jpg": ("image", "jpeg"), "png": ("image", "png"),
         "tif": ("image", "tiff")}


def norm(v, fold_case=False):
    if not isinstance(v, str):
        return None
    v = " ".join(unicodedata.normalize("NFC", v).split())
    return v.casefold() if fold_case else v


def mail_for(path, n):
    m = email.message.EmailMessage(policy=email.policy.SMTP)
    m["From"] = "Văn thư <vanthu@mof.gov.vn>"
    m["To"] = "congvan@congvan.test"
    m["Subject"] = "Gửi văn bản (bản quét)"
    m["Date"] = "Mon, 07 Dec 2026 09:00:00 +0700"
    m["Message-ID"] = "<scan.%d@mof.gov.vn>" % n
    m.set_content("Kính gửi Văn thư,\n\nGửi kèm văn bản (bản quét).\n\nTrân trọng.\n")
    maj, sub = TYPES[path.rsplit(".", 1)[1]]
    with open(path, "rb") as f:
        m.add_attachment(f.read(), maintype=maj, subtype=sub, filename=os.path.basename(path))
    return m.as_bytes()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("congvan")
    ap.add_argument("dir")
    ap.add_argument("--ocr-pages", type=int, default=2)
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    stats = {}
    with open(os.path.join(a.dir, "manifest.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for n, row in enumerate(rows):
        raw = mail_for(os.path.join(a.dir, row["file"]), n)
        start = time.monotonic()
        p = subprocess.run([a.congvan, "inspect", "-"], input=raw, capture_output=True)
        secs = time.monotonic() - start
        got = {}
        if p.returncode == 0:
            letter = json.loads(p.stdout.decode("utf-8")).get("letter") or {}
            got = {k: letter.get(k) for k in FIELDS}
        s = stats.setdefault(row["variant"], {"n": 0, "secs": 0.0, "pages": 0, **{k: 0 for k in FIELDS}})
        s["n"] += 1
        s["secs"] += secs
        s["pages"] += min(row["pages"], a.ocr_pages)
        for k in FIELDS:
            fold = k in ("number", "subject")
            if row[k] is None:  # not in the scan (the signer of a longer letter's first page)
                s["no_" + k] = s.get("no_" + k, 0) + 1
            elif norm(got.get(k), fold) == norm(row[k], fold) and got.get(k):
                s[k] += 1
            elif a.verbose:
                print("%s %s: expected %r, got %r" % (row["file"], k, row[k], got.get(k)), file=sys.stderr)
    total = {"n": 0, "secs": 0.0, "pages": 0, **{k: 0 for k in FIELDS}}
    print("%-11s %5s %8s %8s %8s %8s %9s" % ("variant", "scans", "number", "date", "V/v", "signer", "s/page"))
    for v, s in list(stats.items()) + [("all", total)]:
        if v != "all":
            for k in list(s):
                total[k] = total.get(k, 0) + s[k]
        print("%-11s %5d %7.0f%% %7.0f%% %7.0f%% %7.0f%% %9.2f" % (
            v, s["n"], *(100.0 * s[k] / max(1, s["n"] - s.get("no_" + k, 0)) for k in FIELDS),
            s["secs"] / max(1, s["pages"])))


if __name__ == "__main__":
    sys.exit(main())
