/* Folding for matching (the rule is in congvan/text.h), and matching on
 * folded text.  ASCII takes a fast path; other code points go through
 * utf8proc_decompose_char one at a time, so folding a bounded prefix
 * costs a bounded amount and never allocates. */
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "congvan/text.h"
#include "congvan/util.h"

#define FOLD_OPTS (UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD)
/* Code points one code point may decompose into. */
#define FOLD_CPS 4

/* Dashes and the bullets Word and PDF exports use for lists. */
static bool is_dash_or_bullet(int32_t cp)
{
	return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0x2022 ||
	       cp == 0x2023 || cp == 0x2043 || cp == 0x25aa || cp == 0x25cf ||
	       cp == 0x25e6 || cp == 0xf0a7 || cp == 0xf0b7 || cp == 0xf0d8;
}

/* An ASCII code point folded: 0 when dropped, else the byte. */
static char fold_ascii(int32_t c)
{
	if (c >= 'A' && c <= 'Z') {
		return (char)(c + ('a' - 'A'));
	}
	if (c == '\r') {
		return 0;
	}
	if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
		return ' ';
	}
	return (char)c;
}

/* What punctuation, symbols and other non-letters fold to, so that the
 * only non-ASCII bytes left are parts of letters and digits: 0 when cp
 * is a letter, a digit or a mark of its own script. */
static char fold_nonletter(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_PD:
		return '-';
	case UTF8PROC_CATEGORY_PO:
		return '.'; /* "…", "。", "！": they end sentences */
	case UTF8PROC_CATEGORY_PC:
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_SM:
	case UTF8PROC_CATEGORY_SC:
	case UTF8PROC_CATEGORY_SK:
	case UTF8PROC_CATEGORY_SO:
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_CO:
	case UTF8PROC_CATEGORY_CN:
		return ' ';
	default:
		return 0;
	}
}

/* Folds code point cp into out; returns the bytes written. */
static size_t fold_cp_uncached(int32_t cp, char *out)
{
	utf8proc_int32_t buf[FOLD_CPS];
	int boundclass = UTF8PROC_BOUNDCLASS_START;
	utf8proc_category_t cat;
	utf8proc_ssize_t n;
	size_t len = 0;
	char c;

	if (cp < 0x80) {
		out[0] = fold_ascii(cp);
		return out[0] ? 1 : 0;
	}
	cat = utf8proc_category(cp);
	if (text_is_invisible(cp) || cat == UTF8PROC_CATEGORY_MN ||
	    cat == UTF8PROC_CATEGORY_ME || cat == UTF8PROC_CATEGORY_CF) {
		return 0;
	}
	if (text_is_odd_space(cp)) {
		out[0] = ' ';
		return 1;
	}
	if (is_dash_or_bullet(cp)) {
		out[0] = '-';
		return 1;
	}
	if (cp == 0x110 || cp == 0x111) {
		out[0] = 'd'; /* Đ, đ: a letter of its own, not d + mark */
		return 1;
	}
	c = fold_nonletter(cp);
	if (c) {
		out[0] = c;
		return 1;
	}
	n = utf8proc_decompose_char(cp, buf, FOLD_CPS, FOLD_OPTS, &boundclass);
	if (n < 1 || n > FOLD_CPS) {
		buf[0] = cp;
		n = 1;
	}
	for (utf8proc_ssize_t i = 0; i < n; i++) {
		utf8proc_int32_t d = buf[i];

		if (d < 0x80) {
			c = fold_ascii(d);
			if (c) {
				out[len++] = c;
			}
			continue;
		}
		if (d == 0x110 || d == 0x111) {
			d = 'd';
		}
		len += (size_t)utf8proc_encode_char(d, (utf8proc_uint8_t *)out +
							   len);
	}
	return len;
}

/* Folding a code point is a pure function, and utf8proc's decomposition
 * the dearest part of reading a letter: what each code point below
 * FOLD_MEMO_END (Latin, Vietnamese, combining marks) folds to is kept
 * once computed, in one word (the length + 1, then up to 7 bytes), so
 * that the threads that read and keep mail share it without a lock.
 * 0: not yet; FOLD_MEMO_LONG: longer than 7 bytes, folded every time. */
#define FOLD_MEMO_END  0x2000
#define FOLD_MEMO_LONG 0xffu
static _Atomic uint64_t fold_memo[FOLD_MEMO_END];

static size_t fold_cp(int32_t cp, char *out)
{
	uint64_t w;
	size_t n;

	if (cp < 0x80 || cp >= FOLD_MEMO_END) {
		return fold_cp_uncached(cp, out);
	}
	w = atomic_load_explicit(&fold_memo[cp], memory_order_relaxed);
	if (w != 0 && (w & 0xff) != FOLD_MEMO_LONG) {
		n = (size_t)(w & 0xff) - 1;
		for (size_t k = 0; k < n; k++) {
			out[k] = (char)(w >> (8 * (k + 1)));
		}
		return n;
	}
	n = fold_cp_uncached(cp, out);
	if (w == 0) {
		w = n <= 7 ? n + 1 : FOLD_MEMO_LONG;
		for (size_t k = 0; n <= 7 && k < n; k++) {
			w |= (uint64_t)(unsigned char)out[k] << (8 * (k + 1));
		}
		atomic_store_explicit(&fold_memo[cp], w, memory_order_relaxed);
	}
	return n;
}

size_t text_fold_next(const char *s, size_t len, char out[TEXT_FOLD_MAX],
		      size_t *used_r)
{
	size_t i = 0;
	int32_t cp;

	if ((unsigned char)s[0] < 0x80) {
		*used_r = 1;
		out[0] = fold_ascii((unsigned char)s[0]);
		return out[0] ? 1 : 0;
	}
	cp = text_utf8_next(s, len, &i);
	*used_r = i;
	if (cp < 0) {
		out[0] = '?';
		return 1;
	}
	return fold_cp(cp, out);
}

char *text_fold(const char *s)
{
	struct sbuf out = SBUF_INIT(SIZE_MAX / 2);
	char tmp[TEXT_FOLD_MAX];
	size_t len, pos = 0;

	if (!s) {
		return xstrdup("");
	}
	len = strlen(s);
	sbuf_add(&out, "", 0);
	while (pos < len) {
		size_t used;
		size_t n = text_fold_next(s + pos, len - pos, tmp, &used);

		sbuf_add(&out, tmp, n);
		pos += used;
	}
	return sbuf_detach(&out);
}

size_t text_fold_span(const char *s, size_t len, char *out, size_t cap,
		      size_t *used_r)
{
	char tmp[TEXT_FOLD_MAX];
	size_t pos = 0, olen = 0;

	while (pos < len) {
		size_t used;
		size_t n = text_fold_next(s + pos, len - pos, tmp, &used);

		if (olen + n >= cap) {
			break;
		}
		memcpy(out + olen, tmp, n);
		olen += n;
		pos += used;
	}
	out[olen] = '\0';
	if (used_r) {
		*used_r = pos;
	}
	return olen;
}

/* Makes room for n more folded bytes. */
static void folded_grow(struct text_folded *ft, size_t *alloc, size_t n)
{
	if (ft->len + n + 1 <= *alloc) {
		return;
	}
	*alloc = (*alloc + n + 1) * 2;
	ft->f = xrealloc(ft->f, *alloc);
	ft->off = xrealloc(ft->off, *alloc * sizeof(*ft->off));
}

void text_folded_init(struct text_folded *ft, const char *s, size_t len)
{
	size_t alloc = len + 16, i = 0;
	char tmp[TEXT_FOLD_MAX];

	ft->orig = s;
	ft->orig_len = len;
	ft->f = xmalloc(alloc);
	ft->off = xmalloc(alloc * sizeof(*ft->off));
	ft->len = 0;
	while (i < len) {
		size_t used, n;

		if ((unsigned char)s[i] < 0x80) {
			char c = fold_ascii((unsigned char)s[i]);

			if (c) {
				ft->f[ft->len] = c;
				ft->off[ft->len++] = (uint32_t)i;
			}
			i++;
			if (ft->len + 1 >= alloc) {
				folded_grow(ft, &alloc, 1);
			}
			continue;
		}
		n = text_fold_next(s + i, len - i, tmp, &used);
		folded_grow(ft, &alloc, n);
		for (size_t k = 0; k < n; k++) {
			ft->f[ft->len] = tmp[k];
			ft->off[ft->len++] = (uint32_t)i;
		}
		i += used;
	}
	ft->f[ft->len] = '\0';
	ft->off[ft->len] = (uint32_t)len;
}

void text_folded_release(struct text_folded *ft)
{
	FREE_AND_NULL(ft->f);
	FREE_AND_NULL(ft->off);
	ft->len = 0;
}

char *text_folded_copy(const struct text_folded *ft, size_t fs, size_t fe)
{
	size_t a, b;

	if (fs >= fe || fe > ft->len) {
		return NULL;
	}
	/* Bytes folded from one code point share its offset: the copy ends
	 * after the whole code point of the last folded byte. */
	a = ft->off[fs];
	b = fe < ft->len ? ft->off[fe] : ft->orig_len;
	if (b <= a) {
		return NULL;
	}
	return text_clean(ft->orig + a, b - a);
}

bool text_fold_is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}

bool text_fold_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

size_t text_fold_skip_blank(const char *f, size_t pos, size_t end,
			    bool newlines)
{
	while (pos < end &&
	       (text_fold_is_blank(f[pos]) || (newlines && f[pos] == '\n'))) {
		pos++;
	}
	return pos;
}

size_t text_fold_match(const char *f, size_t pos, size_t end, const char *pat)
{
	for (; *pat; pat++) {
		if (*pat == ' ') {
			pos = text_fold_skip_blank(f, pos, end, false);
			continue;
		}
		if (pos >= end || f[pos] != *pat) {
			return 0;
		}
		pos++;
	}
	return pos;
}

size_t text_fold_word(const char *f, size_t pos, size_t end, const char *pat)
{
	size_t e;

	if (pos > 0 && text_fold_is_alnum(f[pos - 1]) &&
	    text_fold_is_alnum(*pat)) {
		return 0;
	}
	e = text_fold_match(f, pos, end, pat);
	if (e == 0 || (e < end && text_fold_is_alnum(f[e]) &&
		       text_fold_is_alnum(pat[strlen(pat) - 1]))) {
		return 0;
	}
	return e;
}

size_t text_fold_find(const char *f, size_t pos, size_t end, const char *pat,
		      size_t *start_r)
{
	for (size_t i = pos; i < end; i++) {
		size_t e;

		if (f[i] != pat[0]) {
			continue;
		}
		e = text_fold_word(f, i, end, pat);
		if (e > 0) {
			*start_r = i;
			return e;
		}
	}
	return 0;
}

bool text_fold_starts_word(const char *s, size_t len, const char *w)
{
	size_t wlen = strlen(w);

	if (len < wlen || memcmp(s, w, wlen) != 0) {
		return false;
	}
	return len == wlen || !text_fold_is_alnum(s[wlen]);
}
