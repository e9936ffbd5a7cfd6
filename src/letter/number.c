/* "Số: 2536/BCT-VP": the number and the type-and-issuer symbol, with the
 * spaces that scans and exports put inside ("25 3 6 /BCT-VP", "12 / QĐ -
 * BTC") taken out.  Read from the original text: case matters ("TTg"). */
#include <stdlib.h>
#include <utf8proc.h>

#include "congvan/util.h"
#include "private.h"

#define SEGMENT_MAX 24
#define SYMBOL_MAX  96
#define DIGITS_MAX  12

struct cur {
	const char *s;
	size_t i, end;
};

/* The code point at the cursor (-1 at the end or on invalid bytes). */
static int32_t peek(const struct cur *c, size_t *n_r)
{
	int32_t cp;
	utf8proc_ssize_t n;

	*n_r = 1;
	if (c->i >= c->end) {
		return -1;
	}
	n = utf8proc_iterate((const utf8proc_uint8_t *)c->s + c->i,
			     (utf8proc_ssize_t)(c->end - c->i), &cp);
	if (n <= 0) {
		return -1;
	}
	*n_r = (size_t)n;
	return cp;
}

/* Skips up to max blanks; returns how many. */
static size_t skip_blanks(struct cur *c, size_t max)
{
	size_t n = 0;

	while (n < max && c->i < c->end &&
	       (c->s[c->i] == ' ' || c->s[c->i] == '\t')) {
		c->i++;
		n++;
	}
	return n;
}

static bool is_digit(int32_t cp)
{
	return cp >= '0' && cp <= '9';
}

/* The digit at the cursor, also one that OCR took for a letter (O for 0;
 * l, I or | for 1) when a digit comes before it in the number (after is
 * true) or right after it; 0 when none. */
static char digit_at(const struct cur *c, bool after)
{
	size_t n;
	int32_t cp = peek(c, &n);
	char d = cp == 'O' || cp == 'o'                ? '0'
		 : cp == 'l' || cp == 'I' || cp == '|' ? '1'
						       : 0;

	if (is_digit(cp)) {
		return (char)cp;
	}
	if (d && (after || (c->i + 1 < c->end &&
			    is_digit((unsigned char)c->s[c->i + 1])))) {
		return d;
	}
	return 0;
}

/* Digits, also in groups split by one or two spaces, then letters. */
static void read_number(struct cur *c, struct sbuf *sb)
{
	while (sb->len < DIGITS_MAX) {
		struct cur save = *c;
		size_t n;
		char d;

		if (sb->len > 0 && skip_blanks(c, 2) == 0) {
			*c = save;
		}
		if (!is_digit(peek(c, &n)) &&
		    !(sb->len == 0 && digit_at(c, false))) {
			*c = save;
			break;
		}
		while ((d = digit_at(c, sb->len > 0)) != 0 &&
		       sb->len < DIGITS_MAX) {
			sbuf_addch(sb, d);
			c->i++;
		}
	}
	while (sb->len > 0 && sb->len < DIGITS_MAX && c->i < c->end &&
	       ((c->s[c->i] >= 'a' && c->s[c->i] <= 'z') ||
		(c->s[c->i] >= 'A' && c->s[c->i] <= 'Z'))) {
		sbuf_addch(sb, c->s[c->i++]);
	}
}

/* One part of a symbol: an upper-case letter or digit, then letters and
 * digits ("QĐ", "TTg", "2023"). */
static bool read_segment(struct cur *c, struct sbuf *sb)
{
	size_t n;
	int32_t cp = peek(c, &n);
	size_t count = 0;

	if (cp < 0 || !(is_digit(cp) || utf8proc_isupper(cp))) {
		return false;
	}
	while (cp >= 0 && count < SEGMENT_MAX &&
	       (is_digit(cp) || utf8proc_isupper(cp) || utf8proc_islower(cp))) {
		sbuf_add(sb, c->s + c->i, n);
		c->i += n;
		count++;
		cp = peek(c, &n);
	}
	return true;
}

/* A separator inside a symbol: '-', '/', or an en or em dash. */
static char read_separator(struct cur *c)
{
	size_t n;
	int32_t cp = peek(c, &n);

	if (cp == '-' || cp == '/') {
		c->i++;
		return (char)cp;
	}
	if (cp == 0x2013 || cp == 0x2014) {
		c->i += n;
		return '-';
	}
	return 0;
}

static void read_symbol(struct cur *c, struct sbuf *sb)
{
	if (!read_segment(c, sb)) {
		return;
	}
	while (sb->len < SYMBOL_MAX) {
		struct cur save = *c;
		struct sbuf seg = SBUF_INIT(SEGMENT_MAX * 4 + 1);
		char sep;
		bool more;

		skip_blanks(c, 2);
		sep = read_separator(c);
		skip_blanks(c, 2);
		more = sep != 0 && read_segment(c, &seg);
		if (more) {
			sbuf_addch(sb, sep);
			sbuf_adds(sb, sbuf_str(&seg));
		} else {
			*c = save;
		}
		sbuf_release(&seg);
		if (!more) {
			break;
		}
	}
}

/* The first folded position at or after orig offset o in [s, e]. */
static size_t folded_pos(const struct text_folded *ft, size_t s, size_t e,
			 size_t o)
{
	while (s < e) {
		size_t mid = s + (e - s) / 2;

		if (ft->off[mid] < o) {
			s = mid + 1;
		} else {
			e = mid;
		}
	}
	return s;
}

static void number_store(struct sbuf *num, struct sbuf *sym,
			 struct letter_number *num_r)
{
	if (sym->len > 0) {
		num_r->symbol = xstrdup(sbuf_str(sym));
	}
	if (num->len > 0 && sym->len > 0) {
		num_r->number =
		    xasprintf("%s/%s", sbuf_str(num), sbuf_str(sym));
	} else if (num->len > 0) {
		num_r->number = xstrdup(sbuf_str(num));
	}
}

/* "Số:" at the line's start, also as OCR reads it: "So:", "S6:", "S0:",
 * "Số;".  Returns the folded end of it, 0 when absent. */
static size_t so_mark(const struct text_folded *ft, const struct line *ln)
{
	static const char *const marks[] = {"so :", "so ;", "s6 :", "s0 :"};
	size_t s = text_fold_skip_blank(ft->f, ln->s, ln->e, false);

	for (size_t i = 0; i < ARRAY_SIZE(marks); i++) {
		size_t e = text_fold_match(ft->f, s, ln->e, marks[i]);

		if (e > 0) {
			return e;
		}
	}
	return 0;
}

/* Reads "2536/BCT-VP" from the cursor on (folded [fs, fe) holding it):
 * true when a number or a symbol was read, or with need_symbol, when
 * both were. */
static bool read_at(const struct text_folded *ft, size_t fs, size_t fe,
		    struct cur *c, bool need_symbol,
		    struct letter_number *num_r)
{
	struct sbuf num = SBUF_INIT(64), sym = SBUF_INIT(SYMBOL_MAX + 32);
	bool found;

	num_r->number = num_r->symbol = NULL;
	skip_blanks(c, SIZE_MAX);
	read_number(c, &num);
	skip_blanks(c, num.len > 0 ? 2 : SIZE_MAX);
	if (c->i < c->end && c->s[c->i] == '/') {
		c->i++;
		skip_blanks(c, 2);
		read_symbol(c, &sym);
	}
	found = need_symbol ? sym.len > 0 && num.len > 0
			    : sym.len > 0 || num.len > 0;
	if (found) {
		number_store(&num, &sym, num_r);
	}
	num_r->end = folded_pos(ft, fs, fe, c->i);
	sbuf_release(&num);
	sbuf_release(&sym);
	return found;
}

/* "Số 2536/BCT-VP" with the colon lost (typed again, or read by OCR):
 * the word and a digit after it; the end of the word, 0 when absent. */
static size_t so_word(const struct text_folded *ft, const struct line *ln)
{
	size_t s = text_fold_skip_blank(ft->f, ln->s, ln->e, false);
	size_t e = text_fold_word(ft->f, s, ln->e, "so");
	size_t d = e > 0 ? text_fold_skip_blank(ft->f, e, ln->e, false) : 0;

	return d > e && d < ln->e && ft->f[d] >= '0' && ft->f[d] <= '9' ? e : 0;
}

/* Where a place and date that follow the number on its line start
 * ("Số: 280/CĐ-TTgHà Nội, ngày 3 tháng 12 năm 2026", the columns glued
 * by text extraction); end when none does. */
static size_t place_date_start(const struct text_folded *ft, size_t pos,
			       size_t end)
{
	const char *f = ft->f;

	for (size_t p = pos; p < end; p++) {
		struct ymd d;
		size_t q = p, s;

		if (f[p] != 'n' || text_fold_word(f, p, end, "ngay") == 0) {
			continue;
		}
		while (q > pos && text_fold_is_blank(f[q - 1])) {
			q--;
		}
		if (q == pos || f[q - 1] != ',' ||
		    letter_date_parse(f, p, end, &d) == 0) {
			continue;
		}
		s = letter_capitalised_start(ft, pos, q - 1, PLACE_BACK_WORDS);
		return s < q - 1 ? s : end;
	}
	return end;
}

bool letter_number_parse(const struct text_folded *ft, const struct line *ln,
			 struct letter_number *num_r)
{
	size_t e = so_mark(ft, ln);
	struct cur c = {ft->orig, 0, ft->off[ln->e]};
	bool bare = false;

	num_r->number = num_r->symbol = NULL;
	if (e == 0) {
		/* without the colon, only a whole number and symbol */
		e = so_word(ft, ln);
		bare = true;
	}
	if (e == 0) {
		return false;
	}
	/* the other column's motto or place and date, glued on by text
	 * extraction, end it */
	c.end = ft->off[place_date_start(ft, e,
					 letter_motto_start(ft->f, e, ln->e))];
	c.i = ft->off[e];
	return read_at(ft, e, ln->e, &c, bare, num_r);
}

bool letter_number_at(const struct text_folded *ft, size_t pos, size_t end,
		      struct letter_number *num_r)
{
	struct cur c = {ft->orig, ft->off[pos],
			end < ft->len ? ft->off[end] : ft->orig_len};

	return read_at(ft, pos, end, &c, true, num_r);
}
