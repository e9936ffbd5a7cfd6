#!/usr/bin/python3
"""congvan — render generated official letters as scans, for the OCR bench
and the tests.

  contrib/gen-scans.py DIR COUNT [--seed N] [--variants LIST] [--pages-max N]

Writes, for each of COUNT letters and each variant, one file DIR/NNNN-VARIANT.EXT
and a line of DIR/manifest.jsonl with what the letter says (number, date,
V/v subject, signer) and how it was rendered.  The letter texts are those
of contrib/gen-corpus.py (header block, "Số: .../...", place and date,
"V/v ...", "Kính gửi:", body, "Nơi nhận:", signature block), laid out as
Decree 30/2020 prescribes (two header columns, Times-like type at 13 pt),
with a handwritten signature in blue ink.  Variants (comma-separated):

  clean300   300 dpi, image-only PDF (the usual office scanner's output)
  clean150   150 dpi, PNG
  stamp300   300 dpi, a red round stamp over the signature, JPEG
  rotated300 300 dpi, turned 1-2 degrees, multi-page TIFF
  noisy300   300 dpi, specks, a little blur, a JPEG at quality 55
  stamp150   150 dpi, stamp and 1 degree, image-only PDF

Every variant but clean* carries the stamp.  About one letter in four runs
to a second page.  Needs python3-pil and fonts-liberation2 (Liberation Serif
is metric-compatible with Times New Roman).  The same files for the same
COUNT and seed.
"""

import argparse
import datetime
import importlib.util
import io
import json
import math
import os
import random
import sys

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
FONT_DIR = "/usr/share/fonts/truetype/liberation2"
VARIANTS = ["clean300", "clean150", "stamp300", "rotated300", "noisy300", "stamp150"]


def load_corpus():
    spec = importlib.util.spec_from_file_location("gen_corpus", os.path.join(HERE, "gen-corpus.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


GC = load_corpus()


# ------------------------------------------------------------------ the letter

def split_letter(text):
    """The parts of gen-corpus's letter_text, in order."""
    lines = text.split("\n")
    i = 0
    issuer = []
    while lines[i]:
        issuer.append(lines[i])
        i += 1
    while not lines[i].startswith("Số: "):
        i += 1
    number_line, date_line, vv_line = lines[i], lines[i + 1], lines[i + 2]
    i += 4
    kg = []
    while lines[i]:
        kg.append(lines[i])
        i += 1
    paras, cur = [], []
    i += 1
    while lines[i] != "Nơi nhận:":
        if lines[i]:
            cur.append(lines[i])
        elif cur:
            paras.append(" ".join(cur))
            cur = []
        i += 1
    noi_nhan = []
    while lines[i]:
        noi_nhan.append(lines[i])
        i += 1
    rest = [l.strip() for l in lines[i:] if l.strip()]
    titles = [l for l in rest[:-1] if l != "(đã ký)"]
    return dict(issuer=issuer, number=number_line, date=date_line, vv=vv_line, kg=kg,
                paras=paras, noi_nhan=noi_nhan, titles=titles, signer=rest[-1])


def make_letter(rng, index):
    ag = rng.choice(GC.AGENCIES)
    number = rng.randint(12, 4800)
    date = datetime.date(2026, 1, 5) + datetime.timedelta(days=rng.randint(0, 330))
    topic = GC.make_topic(rng, date.year)
    signer = GC.person(rng)
    text = GC.letter_text(rng, ag, number, date, topic, signer)
    parts = split_letter(text)
    if rng.random() < 0.25:  # a longer letter, onto a second page
        extra = [p.format(issuer_lc="Cơ quan", d2="01/01/%d" % date.year, n3=rng.randint(100, 999),
                          num_suffix=ag[2]) for p in GC.PARAGRAPHS[2:3] + GC.PARAGRAPHS[4:5] + GC.PARAGRAPHS[6:8]]
        parts["paras"][1:1] = extra * 2
    return parts, dict(number="%d/%s" % (number, ag[2]), date=date.isoformat(), subject=topic, signer=signer)


# ------------------------------------------------------------------ layout

class Fonts:
    def __init__(self, dpi):
        self.dpi = dpi
        self.cache = {}

    def get(self, style, pt):
        key = (style, pt)
        if key not in self.cache:
            name = {"r": "Regular", "b": "Bold", "i": "Italic", "bi": "BoldItalic"}[style]
            self.cache[key] = ImageFont.truetype(os.path.join(FONT_DIR, "LiberationSerif-%s.ttf" % name),
                                                 round(pt * self.dpi / 72))
        return self.cache[key]


class Page:
    def __init__(self, dpi):
        self.dpi = dpi
        self.w, self.h = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
        self.img = Image.new("RGB", (self.w, self.h), "white")
        self.draw = ImageDraw.Draw(self.img)

    def mm(self, v):
        return round(v / 25.4 * self.dpi)


class Writer:
    """Lays text out on pages, top to bottom, starting a page when full."""

    def __init__(self, dpi):
        self.dpi = dpi
        self.fonts = Fonts(dpi)
        self.pages = []
        self.new_page()

    def new_page(self):
        p = Page(self.dpi)
        self.pages.append(p)
        self.page = p
        self.left, self.right = p.mm(30), p.w - p.mm(20)
        self.y = p.mm(20)
        self.bottom = p.h - p.mm(20)
        if len(self.pages) > 1:
            f = self.fonts.get("r", 13)
            self.center(str(len(self.pages)), f, p.w // 2)
            self.y += p.mm(6)

    def line_h(self, font):
        return round(font.size * 1.25)

    def room(self, h):
        if self.y + h > self.bottom:
            self.new_page()

    def center(self, text, font, cx, y=None, underline=False):
        d = self.page.draw
        y = self.y if y is None else y
        w = d.textlength(text, font=font)
        d.text((cx - w / 2, y), text, font=font, fill="black")
        if underline:
            uy = y + font.size * 1.1
            d.line([(cx - w / 2, uy), (cx + w / 2, uy)], fill="black", width=max(1, font.size // 18))
        return w

    def wrap(self, text, font, width):
        d, out, cur = self.page.draw, [], ""
        for word in text.split():
            cand = (cur + " " + word).strip()
            if cur and d.textlength(cand, font=font) > width:
                out.append(cur)
                cur = word
            else:
                cur = cand
        if cur:
            out.append(cur)
        return out

    def paragraph(self, text, font, indent):
        width = self.right - self.left
        lines = self.wrap(text, font, width - indent)
        # wrap again so that only the first line is indented
        first = lines[0]
        rest = self.wrap(" ".join(lines[1:]), font, width) if len(lines) > 1 else []
        lines = [first] + rest
        for k, line in enumerate(lines):
            self.room(self.line_h(font))
            x0 = self.left + (indent if k == 0 else 0)
            words = line.split()
            d = self.page.draw
            if k == len(lines) - 1 or len(words) == 1:
                d.text((x0, self.y), line, font=font, fill="black")
            else:  # justified
                total = sum(d.textlength(w, font=font) for w in words)
                gap = (self.right - x0 - total) / (len(words) - 1)
                x = x0
                for w in words:
                    d.text((x, self.y), w, font=font, fill="black")
                    x += d.textlength(w, font=font) + gap
            self.y += self.line_h(font)
        self.y += round(font.size * 0.4)


def render_letter(parts, dpi, rng):
    wr = Writer(dpi)
    p, F = wr.page, wr.fonts.get
    col = p.mm(78)
    cl, cr = wr.left + col // 2 - p.mm(6), wr.left + col + (wr.right - wr.left - col) // 2
    y0 = wr.y
    # header: issuer on the left, the national motto on the right
    issuer = parts["issuer"]
    y = y0
    for k, line in enumerate(issuer):
        font = F("b" if k == len(issuer) - 1 and len(issuer) > 1 else "r", 12.5)
        if len(issuer) == 1:
            font = F("b", 12.5)
        w = wr.center(line, font, cl, y)
        y += wr.line_h(font)
    p.draw.line([(cl - w / 4, y + 4), (cl + w / 4, y + 4)], fill="black", width=max(1, dpi // 120))
    yl = y + p.mm(4)
    y = y0
    wr.center("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", F("b", 12.5), cr, y)
    y += wr.line_h(F("b", 12.5))
    wr.center("Độc lập - Tự do - Hạnh phúc", F("b", 13.5), cr, y, underline=True)
    yr = y + wr.line_h(F("b", 13.5)) + p.mm(4)
    y = max(yl, yr)
    wr.center(parts["number"], F("r", 13), cl, y)
    wr.center(parts["date"], F("i", 13), cr, y)
    y += wr.line_h(F("r", 13))
    for line in wr.wrap(parts["vv"], F("r", 12), col - p.mm(6)):
        wr.center(line, F("r", 12), cl, y)
        y += wr.line_h(F("r", 12))
    wr.y = y + p.mm(8)
    # addressees
    f13 = F("r", 13)
    if len(parts["kg"]) == 1:
        for line in wr.wrap(parts["kg"][0], f13, wr.right - wr.left - p.mm(30)):
            wr.center(line, f13, (wr.left + wr.right) // 2)
            wr.y += wr.line_h(f13)
    else:
        x = wr.left + p.mm(35)
        p.draw.text((x, wr.y), "Kính gửi:", font=f13, fill="black")
        x2 = x + p.draw.textlength("Kính gửi: ", font=f13)
        for line in parts["kg"][1:]:
            p.draw.text((x2, wr.y), line, font=f13, fill="black")
            wr.y += wr.line_h(f13)
    wr.y += p.mm(5)
    for para in parts["paras"]:
        wr.paragraph(para, f13, p.mm(10))
    # signature block: "Nơi nhận" on the left, titles and name on the right
    f12bi, f11 = F("bi", 12), F("r", 11)
    need = wr.line_h(f12bi) + wr.line_h(f11) * len(parts["noi_nhan"]) + p.mm(45)
    wr.room(need)
    p = wr.page
    y0 = wr.y + p.mm(3)
    y = y0
    p.draw.text((wr.left, y), "Nơi nhận:", font=f12bi, fill="black")
    y += wr.line_h(f12bi)
    for line in parts["noi_nhan"][1:]:
        p.draw.text((wr.left, y), line, font=f11, fill="black")
        y += wr.line_h(f11)
    cs = wr.left + col + (wr.right - wr.left - col) // 2
    y = y0
    for t in parts["titles"]:
        wr.center(t, F("b", 13), cs, y)
        y += wr.line_h(F("b", 13))
    sig_top = y
    y += p.mm(24)
    w = wr.center(parts["signer"], F("b", 13), cs, y)
    sig = (cs, sig_top, y, w)
    return wr.pages, sig


# ------------------------------------------------------------------ ink

def scribble(page, sig, rng):
    """A handwritten signature in blue between the title and the name."""
    cs, top, name_y, w = sig
    d = page.draw
    x = cs - w * 0.35
    y = (top + name_y) / 2
    pts = []
    for k in range(60):
        t = k / 59
        pts.append((x + t * w * 0.7 + rng.uniform(-4, 4) * page.dpi / 300,
                    y + math.sin(t * rng.uniform(8, 14)) * page.mm(5) * (1 - t * 0.5)))
    d.line(pts, fill=(25, 40, 150), width=max(2, page.dpi // 90), joint="curve")


def multiply(base, top_rgb, mask):
    tinted = ImageChops.multiply(base, Image.composite(Image.new("RGB", base.size, top_rgb),
                                                       Image.new("RGB", base.size, "white"), mask))
    return tinted


def stamp(page, sig, issuer, rng, dpi):
    """A red round stamp over the left half of the signature; ink multiplies,
    so text under it stays dark."""
    cs, top, name_y, w = sig
    r = page.mm(rng.uniform(17, 20))
    cx = cs - w * 0.45 + rng.uniform(-1, 1) * page.mm(3)
    cy = (top + name_y) / 2 + rng.uniform(-1, 1) * page.mm(3)
    mask = Image.new("L", page.img.size, 0)
    d = ImageDraw.Draw(mask)
    lw = max(2, dpi // 80)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=255, width=lw)
    d.ellipse([cx - r * 0.62, cy - r * 0.62, cx + r * 0.62, cy + r * 0.62], outline=255, width=lw)
    font = ImageFont.truetype(os.path.join(FONT_DIR, "LiberationSans-Bold.ttf"), max(6, round(r * 0.17)))
    text = " * ".join(issuer) + " * "
    n = len(text)
    for k, ch in enumerate(text):
        a = -math.pi / 2 + 2 * math.pi * k / n
        size = font.size * 2
        g = Image.new("L", (size, size), 0)
        ImageDraw.Draw(g).text((size // 4, size // 4), ch, font=font, fill=255)
        g = g.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
        mask.paste(255, (round(cx + math.cos(a) * r * 0.8 - size / 2),
                         round(cy + math.sin(a) * r * 0.8 - size / 2)), g)
    star = [(cx + math.cos(-math.pi / 2 + k * math.pi / 5) * (r * 0.3 if k % 2 == 0 else r * 0.12),
             cy + math.sin(-math.pi / 2 + k * math.pi / 5) * (r * 0.3 if k % 2 == 0 else r * 0.12))
            for k in range(10)]
    d.polygon(star, fill=255)
    page.img = multiply(page.img, (215, 40, 50), mask)


def noise(img, rng):
    px = img.load()
    w, h = img.size
    for _ in range(w * h // 900):
        x, y = rng.randrange(w), rng.randrange(h)
        v = rng.randrange(0, 110)
        px[x, y] = (v, v, v)
    return img.filter(ImageFilter.GaussianBlur(0.7))


# ------------------------------------------------------------------ output

def save(pages, path, fmt, dpi):
    imgs = [p.convert("RGB") for p in pages]
    if fmt == "pdf":
        imgs[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=imgs[1:], quality=80)
    elif fmt == "tif":
        grey = [i.convert("L") for i in imgs]
        grey[0].save(path, "TIFF", dpi=(dpi, dpi), save_all=True, append_images=grey[1:],
                     compression="tiff_lzw")
    elif fmt == "jpg":
        imgs[0].save(path, "JPEG", dpi=(dpi, dpi), quality=55 if "noisy" in path else 80)
    else:
        imgs[0].save(path, "PNG", dpi=(dpi, dpi))
    return len(imgs) if fmt in ("pdf", "tif") else 1


SPEC = {  # variant: (dpi, format, stamp, degrees, noise)
    "clean300": (300, "pdf", False, 0, False),
    "clean150": (150, "png", False, 0, False),
    "stamp300": (300, "jpg", True, 0, False),
    "rotated300": (300, "tif", True, None, False),
    "noisy300": (300, "jpg", True, 0, True),
    "stamp150": (150, "pdf", True, 1, False),
}


def render(parts, variant, rng):
    dpi, fmt, with_stamp, degrees, with_noise = SPEC[variant]
    pages, sig = render_letter(parts, dpi, rng)
    scribble(pages[-1], sig, rng)
    if with_stamp:
        stamp(pages[-1], sig, parts["issuer"], rng, dpi)
    imgs = [p.img for p in pages]
    if degrees is None:
        degrees = rng.choice([-2, -1.5, -1, 1, 1.5, 2])
    if degrees:
        imgs = [i.rotate(degrees, resample=Image.BICUBIC, fillcolor="white") for i in imgs]
    if with_noise:
        imgs = [noise(i, rng) for i in imgs]
    return imgs, dpi, fmt, degrees


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir")
    ap.add_argument("count", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--variants", default=",".join(VARIANTS))
    a = ap.parse_args()
    variants = [v for v in a.variants.split(",") if v]
    for v in variants:
        if v not in SPEC:
            ap.error("unknown variant '%s' (known: %s)" % (v, ", ".join(VARIANTS)))
    os.makedirs(a.dir, exist_ok=True)
    rng = random.Random(a.seed)
    n_files = 0
    with open(os.path.join(a.dir, "manifest.jsonl"), "w", encoding="utf-8") as man:
        for i in range(a.count):
            parts, truth = make_letter(rng, i)
            for v in variants:
                imgs, dpi, fmt, degrees = render(parts, v, random.Random(rng.getrandbits(32)))
                name = "%04d-%s.%s" % (i + 1, v, fmt)
                path = os.path.join(a.dir, name)
                pages = save(imgs, path, fmt, dpi)
                rec = dict(file=name, variant=v, dpi=dpi, pages=pages, rotated=degrees, **truth)
                if pages < len(imgs):  # one image of a longer letter: no signature in it
                    rec["signer"] = None
                man.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n_files += 1
    print("gen-scans: %d files for %d letters in %s" % (n_files, a.count, a.dir))


if __name__ == "__main__":
    sys.exit(main())
