/* The line model: a sanitised, capped copy of the body split into lines,
 * each classified as blank, quoted or text, and the folded probes the
 * matchers read. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "private.h"

static const char replacement[] = "\xef\xbf\xbd";

/* Where the examined input ends: the byte cap, backed up to a character
 * boundary, or len. */
static size_t input_limit(const char *text, size_t len)
{
	size_t limit = REPLY_MAX_BYTES;

	if (len <= limit) {
		return len;
	}
	while (limit > 0 && ((unsigned char)text[limit] & 0xc0) == 0x80) {
		limit--;
	}
	return limit;
}

/* Bytes of the valid UTF-8 character at s, or 0 when invalid. */
static size_t valid_char(const char *s, size_t len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	n = utf8proc_iterate((const utf8proc_uint8_t *)s,
			     len > 4 ? 4 : (utf8proc_ssize_t)len, &cp);
	return n < 1 ? 0 : (size_t)n;
}

/* Copies text[0..len) into out as described at reply_lines_split; stops after
 * REPLY_MAX_LINES line ends. */
static void sanitize(const char *text, size_t len, struct sbuf *out)
{
	size_t i = 0, run = 0, lines = 0;

	while (i < len && lines < REPLY_MAX_LINES) {
		unsigned char c = (unsigned char)text[i];
		size_t n = 1;

		if (c >= 0x80) {
			n = valid_char(text + i, len - i);
		}
		if (c != 0 && c != '\r' && n > 0) {
			lines += c == '\n';
			i += n;
			continue;
		}
		sbuf_add(out, text + run, i - run);
		if (c == '\r' && (i + 1 == len || text[i + 1] != '\n')) {
			sbuf_addch(out, '\n');
			lines++;
		} else if (n == 0) {
			sbuf_add(out, replacement, 3);
		}
		i++;
		run = i;
	}
	sbuf_add(out, text + run, i - run);
}

/* Length of s[0..len) without trailing white space (ASCII or NBSP). */
static size_t rtrim_len(const char *s, size_t len)
{
	for (;;) {
		if (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
				s[len - 1] == '\v' || s[len - 1] == '\f')) {
			len--;
		} else if (len > 1 && (unsigned char)s[len - 2] == 0xc2 &&
			   (unsigned char)s[len - 1] == 0xa0) {
			len -= 2;
		} else {
			return len;
		}
	}
}

static enum line_kind line_kind(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t')) {
		i++;
	}
	if (i == len) {
		return LINE_BLANK;
	}
	return s[i] == '>' ? LINE_QUOTED : LINE_TEXT;
}

/* Splits ls->text into ls->v. */
static void index_lines(struct lines *ls)
{
	const char *p = ls->text, *end = ls->text + ls->text_len;
	size_t alloc = 16;

	ls->v = xmalloc(alloc * sizeof(*ls->v));
	while (p < end || (p == end && ls->n == 0)) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t raw = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct line *l;

		if (ls->n == alloc) {
			alloc *= 2;
			ls->v = xrealloc(ls->v, alloc * sizeof(*ls->v));
		}
		l = &ls->v[ls->n++];
		l->s = p;
		l->len = rtrim_len(p, raw);
		l->kind = line_kind(p, l->len);
		l->drop = false;
		p += raw + 1;
	}
}

void reply_lines_split(const char *text, size_t len, struct lines *ls_r)
{
	struct sbuf clean = SBUF_INIT(SIZE_MAX / 2);

	memset(ls_r, 0, sizeof(*ls_r));
	if (text) {
		sanitize(text, input_limit(text, len), &clean);
	}
	ls_r->text_len = clean.len;
	ls_r->text = sbuf_detach(&clean);
	index_lines(ls_r);
}

void reply_lines_free(struct lines *ls)
{
	if (!ls) {
		return;
	}
	FREE_AND_NULL(ls->text);
	FREE_AND_NULL(ls->v);
	ls->n = 0;
	ls->text_len = 0;
}

void reply_probe_head(const struct line *l, struct probe *p_r)
{
	size_t i = 0, used, len;

	while (i < l->len &&
	       (l->s[i] == ' ' || l->s[i] == '\t' || l->s[i] == '*')) {
		i++;
	}
	len = l->len - i < PROBE_HEAD_RAW ? l->len - i : PROBE_HEAD_RAW;
	p_r->head_len =
	    text_fold_span(l->s + i, len, p_r->head, sizeof(p_r->head), &used);
	p_r->head_full = i + used == l->len;
	p_r->tail_len = 0;
	p_r->tail[0] = '\0';
}

void reply_probe_tail(const struct line *l, struct probe *p)
{
	size_t start = 0;

	if (l->len > PROBE_TAIL_RAW) {
		start = l->len - PROBE_TAIL_RAW;
		while (start < l->len &&
		       ((unsigned char)l->s[start] & 0xc0) == 0x80) {
			start++;
		}
	}
	p->tail_len = text_fold_span(l->s + start, l->len - start, p->tail,
				     sizeof(p->tail), NULL);
}
