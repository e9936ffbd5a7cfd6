/* The text of a letter typed in Word and sent as a binary Word file
 * (.doc, Word 97-2003, [MS-DOC]).  congvan-reader opens the file's OLE2
 * container with libgsf (src/reader/helper/doc.c) and hands over two of
 * its streams; they are read here, in the library, so that a fuzz target
 * reaches them:
 *
 *  - the WordDocument stream begins with the FIB, which says which table
 *    stream holds the piece table (fWhichTblStm: 0Table or 1Table), how
 *    many characters the main document has (ccpText) and where the piece
 *    table is (fcClx, lcbClx);
 *  - the piece table (a CLX: property modifiers, then a PlcPcd) cuts the
 *    main document's characters into pieces, each either 8-bit
 *    ("compressed", windows-1252 and the spec's mappings) or UTF-16LE at
 *    an offset of the WordDocument stream.  Vietnamese text is UTF-16.
 *
 * Every offset and length comes from the file and is checked against the
 * stream it points into.  What the printed letter shows is kept: a
 * paragraph mark (and a line, page or column break) ends a line, a table
 * cell is a line as in a DOCX (a row's own end mark, which follows its
 * last cell's, adds none; nor does an empty cell), a field keeps its
 * result and loses its code, other control characters go.  Text outside
 * the main document (headers, footnotes, comments, text boxes) is not
 * read; of the character properties, only one: text deleted under
 * tracked changes is left out, as the printed letter does not show it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/reader.h"
#include "congvan/text.h"
#include "congvan/util.h"

#define FIB_IDENT       0xa5ec
#define FIB_BASE_LEN    32
#define NFIB_WORD97     0x00c0 /* older: Word 6.0 and 95, another FIB */
#define F_ENCRYPTED     0x0100 /* FibBase bit field at 0x0a */
#define F_WHICH_TBL_STM 0x0200
#define LW_CCP_TEXT     3  /* ccpText among FibRgLw97's 32-bit values */
#define FCLCB_CLX       33 /* fcClx/lcbClx among FibRgFcLcb97's pairs */
#define FCLCB_BTE_CHPX  12 /* fcPlcfBteChpx/lcbPlcfBteChpx */
#define CLXT_PRC        0x01
#define CLXT_PCDT       0x02
#define PCD_LEN         8
#define FC_COMPRESSED   0x40000000u
#define FC_MASK         0x3fffffffu
/* Fields nested deeper than this are read as code (left out). */
#define FIELD_DEPTH_MAX 32
#define FKP_LEN         512
#define FKP_CRUN_MAX    0x65
#define PN_MASK         0x3fffffu
#define SPRM_DELETED    0x0800 /* sprmCFRMarkDel */
/* Runs of deleted text kept, at most (the rest is read as text). */
#define SPANS_MAX (1u << 20)

struct fib {
	bool table1;       /* the piece table is in 1Table, else 0Table */
	uint32_t ccp_text; /* characters of the main document */
	uint32_t fc_clx;   /* the CLX in the table stream */
	uint32_t lcb_clx;
	uint32_t fc_chpx; /* the PlcBteChpx in the table stream */
	uint32_t lcb_chpx;
};

static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* Skips a count (16 bits) and the count's items of size bytes each at
 * *off; the count through *n_r.  -1 when they pass len. */
static int skip_counted(size_t len, const unsigned char *w, size_t *off,
			size_t size, size_t *n_r)
{
	size_t n;

	if (len - *off < 2) {
		return -1;
	}
	n = le16(w + *off);
	*off += 2;
	if (n > (len - *off) / size) {
		return -1;
	}
	*n_r = n;
	*off += n * size;
	return 0;
}

/* The FIB's fields that lead to the text: FibBase, then csw 16-bit
 * values, cslw 32-bit ones (ccpText), cbRgFcLcb pairs (fcClx). */
static int fib_read(const char *word, size_t len, struct fib *fib,
		    char **error_r)
{
	const unsigned char *w = (const unsigned char *)word;
	size_t off = FIB_BASE_LEN, n;
	uint16_t flags;

	if (!word || len < FIB_BASE_LEN || le16(w) != FIB_IDENT) {
		*error_r = xstrdup("no Word document header (FIB)");
		return -1;
	}
	if (le16(w + 2) < NFIB_WORD97) {
		*error_r = xstrdup("a Word 6.0/95 or older document");
		return -1;
	}
	flags = le16(w + 0x0a);
	if (flags & F_ENCRYPTED) {
		*error_r = xstrdup("the document is encrypted (password)");
		return -1;
	}
	fib->table1 = (flags & F_WHICH_TBL_STM) != 0;
	if (skip_counted(len, w, &off, 2, &n) < 0 ||
	    skip_counted(len, w, &off, 4, &n) < 0 || n <= LW_CCP_TEXT) {
		*error_r = xstrdup("the document header (FIB) is cut short");
		return -1;
	}
	fib->ccp_text = le32(w + off - 4 * n + 4 * LW_CCP_TEXT);
	if (skip_counted(len, w, &off, 8, &n) < 0 || n <= FCLCB_CLX) {
		*error_r = xstrdup("the document header (FIB) is cut short");
		return -1;
	}
	fib->fc_clx = le32(w + off - 8 * n + 8 * FCLCB_CLX);
	fib->lcb_clx = le32(w + off - 8 * n + 8 * FCLCB_CLX + 4);
	fib->fc_chpx = le32(w + off - 8 * n + 8 * FCLCB_BTE_CHPX);
	fib->lcb_chpx = le32(w + off - 8 * n + 8 * FCLCB_BTE_CHPX + 4);
	return 0;
}

const char *reader_word97_table(const char *word, size_t len, char **error_r)
{
	struct fib fib;

	if (fib_read(word, len, &fib, error_r) < 0) {
		return NULL;
	}
	return fib.table1 ? "1Table" : "0Table";
}

/* The PlcPcd of the CLX: n + 1 character positions, then n piece
 * descriptors.  The CLX's property modifiers (Prc) come first and are
 * skipped. */
static int plc_find(const unsigned char *t, size_t len, const struct fib *fib,
		    const unsigned char **plc_r, size_t *n_r)
{
	const unsigned char *p, *end;
	uint32_t lcb;

	if (fib->fc_clx > len || fib->lcb_clx > len - fib->fc_clx) {
		return -1;
	}
	p = t + fib->fc_clx;
	end = p + fib->lcb_clx;
	while (p < end && *p == CLXT_PRC) {
		if (end - p < 3 || le16(p + 1) > (size_t)(end - p - 3)) {
			return -1;
		}
		p += 3 + le16(p + 1);
	}
	if (end - p < 5 || *p != CLXT_PCDT) {
		return -1;
	}
	lcb = le32(p + 1);
	p += 5;
	if (lcb > (size_t)(end - p) || lcb < 4 + 4 + PCD_LEN ||
	    (lcb - 4) % (4 + PCD_LEN) != 0 || le32(p) != 0) {
		return -1;
	}
	*plc_r = p;
	*n_r = (lcb - 4) / (4 + PCD_LEN);
	return 0;
}

/* --- text deleted under tracked changes ------------------------------------
 * Character properties live in FKP pages (512 bytes of WordDocument)
 * listed by the PlcBteChpx: each page maps runs of WordDocument bytes to
 * a CHPX, a list of property modifiers (Prl: a sprm, then its operand);
 * sprmCFRMarkDel on means the run was deleted under tracked changes. */

/* A run of deleted text: WordDocument bytes [from, to). */
struct span {
	uint32_t from, to;
};

struct spans {
	struct span *s;
	size_t n, alloc;
};

static void span_add(struct spans *d, uint32_t from, uint32_t to)
{
	if (to <= from || d->n == SPANS_MAX) {
		return;
	}
	if (d->n > 0 && d->s[d->n - 1].to == from) {
		d->s[d->n - 1].to = to;
		return;
	}
	if (d->n == d->alloc) {
		d->alloc = d->alloc ? 2 * d->alloc : 16;
		d->s = xrealloc(d->s, d->alloc * sizeof(*d->s));
	}
	d->s[d->n++] = (struct span){from, to};
}

/* Whether a CHPX's property modifiers (len bytes) turn deletion on: the
 * operand 1, or 0x81 (the opposite of the style's, which never has it).
 * A modifier that runs past the end ends the list. */
static bool chpx_deleted(const unsigned char *p, size_t len)
{
	/* The operand's size by the sprm's top 3 bits (spra); -1: its first
	 * byte says how many follow. */
	static const int operand[8] = {1, 1, 2, 4, 2, 2, -1, 3};
	size_t i = 0;

	while (len - i >= 2) {
		uint16_t sprm = le16(p + i);
		size_t n;

		i += 2;
		if (operand[sprm >> 13] >= 0) {
			n = (size_t)operand[sprm >> 13];
		} else if (i < len) {
			n = 1 + (size_t)p[i];
		} else {
			break;
		}
		if (n > len - i) {
			break;
		}
		if (sprm == SPRM_DELETED && (p[i] == 0x01 || p[i] == 0x81)) {
			return true;
		}
		i += n;
	}
	return false;
}

/* The deleted runs of one FKP: crun (its last byte) runs, crun + 1
 * positions, then crun one-byte offsets (in 16-bit words) of each run's
 * CHPX in the page (0: none), whose first byte is its length. */
static void fkp_read(const unsigned char *page, struct spans *d)
{
	unsigned crun = page[FKP_LEN - 1];

	if (crun == 0 || crun > FKP_CRUN_MAX) {
		return;
	}
	for (unsigned i = 0; i < crun; i++) {
		size_t at = 2 * (size_t)page[4 * (crun + 1) + i];

		if (at == 0 || at + 1 >= FKP_LEN - 1 ||
		    page[at] > FKP_LEN - 1 - (at + 1)) {
			continue;
		}
		if (chpx_deleted(page + at + 1, page[at])) {
			span_add(d, le32(page + 4 * i), le32(page + 4 * i + 4));
		}
	}
}

static int by_from(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return (x->from > y->from) - (x->from < y->from);
}

/* The deleted runs of the document, sorted: none when its PlcBteChpx
 * cannot be read (the text is read whole), at most one FKP a page of
 * WordDocument. */
static void spans_read(const unsigned char *w, size_t word_len,
		       const unsigned char *t, size_t table_len,
		       const struct fib *fib, struct spans *d)
{
	const unsigned char *pn;
	size_t n;

	if (fib->fc_chpx > table_len ||
	    fib->lcb_chpx > table_len - fib->fc_chpx || fib->lcb_chpx < 12 ||
	    (fib->lcb_chpx - 4) % 8 != 0) {
		return;
	}
	n = (fib->lcb_chpx - 4) / 8;
	pn = t + fib->fc_chpx + 4 * (n + 1);
	n = n < word_len / FKP_LEN ? n : word_len / FKP_LEN;
	for (size_t i = 0; i < n; i++) {
		uint64_t at = (uint64_t)(le32(pn + 4 * i) & PN_MASK) * FKP_LEN;

		if (at + FKP_LEN <= word_len) {
			fkp_read(w + at, d);
		}
	}
	if (d->n > 1) {
		qsort(d->s, d->n, sizeof(*d->s), by_from);
	}
}

/* Whether WordDocument's byte at is in a deleted run. */
static bool deleted(const struct spans *d, uint64_t at)
{
	size_t lo = 0, hi = d->n;

	/* the last run that starts at or before at */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->s[mid].from <= at) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo > 0 && at < d->s[lo - 1].to;
}

/* --- the text ---------------------------------------------------------------
 */

/* The text being written, and where the characters are in it. */
struct out {
	const struct spans *deleted;
	struct sbuf sb;
	size_t budget;  /* stream bytes of text still to read */
	unsigned depth; /* open fields */
	uint32_t code;  /* bit d: the field at depth d + 1 is in its code */
	bool cell;      /* the last character was a cell's end mark */
};

/* One character of the main document. */
static void put(struct out *o, uint32_t c)
{
	bool cell = o->cell;

	o->cell = c == 0x07;
	if (c == 0x13) { /* a field begins: its code first */
		if (o->depth < FIELD_DEPTH_MAX) {
			o->code |= 1u << o->depth;
		}
		o->depth++;
		return;
	}
	if (c == 0x14 || c == 0x15) { /* its result, its end */
		if (o->depth > 0 && o->depth <= FIELD_DEPTH_MAX) {
			o->code &= ~(1u << (o->depth - 1));
		}
		if (c == 0x15 && o->depth > 0) {
			o->depth--;
		}
		return;
	}
	if (o->code || o->depth > FIELD_DEPTH_MAX) {
		return;
	}
	if (c == 0x0d || c == 0x0b || c == 0x0c || c == 0x0e) {
		sbuf_addch(&o->sb, '\n');
	} else if (c == 0x07) {
		if (!cell) {
			sbuf_addch(&o->sb, '\n');
		}
	} else if (c == 0x09) {
		sbuf_addch(&o->sb, '\t');
	} else if (c == 0x1e) { /* non-breaking hyphen */
		sbuf_addch(&o->sb, '-');
	} else if (c >= 0x20 && c != 0x7f && (c < 0x80 || c >= 0xa0)) {
		text_utf8_put(&o->sb, c);
	}
}

/* The count characters of one piece, its bytes at w + at (checked),
 * but those deleted under tracked changes. */
static void piece(struct out *o, const unsigned char *w, uint64_t at,
		  size_t count, bool compressed)
{
	const unsigned char *s = w + at;

	for (size_t i = 0; i < count && !o->sb.overflow; i++) {
		uint32_t c, lo;

		if (o->deleted->n > 0 &&
		    deleted(o->deleted, at + (compressed ? i : 2 * i))) {
			continue;
		}
		if (compressed) {
			c = text_cp1252(s[i]);
			put(o, c == 0xfffd ? 0 : c);
			continue;
		}
		c = le16(s + 2 * i);
		if (c >= 0xd800 && c < 0xdc00 && i + 1 < count) {
			lo = le16(s + 2 * i + 2);
			if (lo >= 0xdc00 && lo < 0xe000) {
				c = 0x10000 + ((c - 0xd800) << 10) +
				    (lo - 0xdc00);
				i++;
			}
		}
		put(o, c >= 0xd800 && c < 0xe000 ? 0xfffd : c);
	}
}

/* The pieces in order, up to the main document's end: a piece whose
 * bytes lie outside the stream, or whose position goes backwards, ends
 * the reading (the text before it stays). */
static void pieces(struct out *o, const unsigned char *w, size_t word_len,
		   const unsigned char *plc, size_t n, uint32_t ccp_text)
{
	const unsigned char *pcd = plc + 4 * (n + 1);

	for (size_t i = 0; i < n && !o->sb.overflow; i++) {
		uint32_t cp = le32(plc + 4 * i), next = le32(plc + 4 * i + 4);
		uint32_t fc = le32(pcd + PCD_LEN * i + 2);
		bool compressed = (fc & FC_COMPRESSED) != 0;
		uint64_t at, count, bytes;

		if (next <= cp || cp >= ccp_text) {
			break;
		}
		count = (next < ccp_text ? next : ccp_text) - cp;
		at = compressed ? (fc & FC_MASK) / 2 : fc & FC_MASK;
		bytes = compressed ? count : 2 * count;
		if (at > word_len || bytes > word_len - at ||
		    bytes > o->budget) {
			break;
		}
		o->budget -= bytes;
		piece(o, w, at, count, compressed);
	}
}

int reader_word97_text(const char *word, size_t word_len, const char *table,
		       size_t table_len, char **text_r, char **error_r)
{
	struct spans spans = {0};
	struct out o = {.deleted = &spans, .budget = READER_OFFICE_XML_MAX};
	const unsigned char *plc;
	struct fib fib;
	size_t n;

	if (fib_read(word, word_len, &fib, error_r) < 0) {
		return -1;
	}
	if (!table || plc_find((const unsigned char *)table, table_len, &fib,
			       &plc, &n) < 0) {
		*error_r = xasprintf("no readable piece table in %s",
				     fib.table1 ? "1Table" : "0Table");
		return -1;
	}
	spans_read((const unsigned char *)word, word_len,
		   (const unsigned char *)table, table_len, &fib, &spans);
	sbuf_init(&o.sb, READER_PAGE_MAX);
	pieces(&o, (const unsigned char *)word, word_len, plc, n, fib.ccp_text);
	free(spans.s);
	if (o.sb.len == 0) {
		sbuf_release(&o.sb);
		*error_r = xstrdup("no text in the document");
		return -1;
	}
	*text_r = sbuf_detach(&o.sb);
	return 0;
}
