/* What libetpan is allowed to see.
 *
 * mailmime_parse() (libetpan 1.9.4) has no limits: it recurses once per
 * nesting level of multiparts and message/rfc822 parts, rescanning the
 * whole rest of the body at every level (so a deep message costs depth x
 * size), its comment parser recurses once per '(' in any structured
 * header field, and it allocates a few hundred bytes for every delimiter
 * line.  A hostile message could exhaust the stack or the memory.
 *
 * Rather than parse MIME a second time, the guard counts what could make
 * libetpan go deep, with two memchr() passes (base64 holds neither '-'
 * nor '('):
 *   - logical header lines holding "Content-Type" followed by
 *     "multipart" or "message": each opens at most two levels (a digest
 *     part is a message by default), so libetpan's depth stays below
 *     2 * MIME_GUARD_CONTAINERS + 2 whatever the structure;
 *   - lines starting with "--" (every delimiter is one);
 *   - '(' nested deeper than MIME_GUARD_COMMENTS in one logical line.
 * Beyond the limits the copy gets neutral bytes of the same length:
 * "multipart" -> "x-ltipart", "message" -> "x-ssage" (an x- type is a
 * single part), "--" -> "-_", '(' -> ' '.  A defused container becomes a
 * single part; when the walk reaches it, it is parsed again on its own
 * (its own Content-Type then comes first and is kept).  Bodies and
 * attachments are always read from the original bytes. */
#include <string.h>

#include "private.h"

struct scan {
	size_t containers;
	size_t delimiters;
	bool need; /* something is over a limit */
};

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool ci_at(const char *s, const char *word, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (lower(s[i]) != word[i]) {
			return false;
		}
	}
	return true;
}

/* End of the logical line holding s[i]: after the next LF that is not
 * followed by white space (a folded header continues). */
static size_t logical_end(const char *s, size_t n, size_t i)
{
	for (;;) {
		const char *nl = memchr(s + i, '\n', n - i);

		if (!nl) {
			return n;
		}
		i = (size_t)(nl - s) + 1;
		if (i >= n || (s[i] != ' ' && s[i] != '\t')) {
			return i;
		}
	}
}

/* Whether [a, b) holds "multipart" or "message"; with w, every one of
 * them is defused there. */
static bool keywords(const char *s, size_t a, size_t b, char *w)
{
	bool found = false;

	for (size_t i = a; i < b; i++) {
		size_t n = 0;

		if (lower(s[i]) != 'm') {
			continue;
		}
		if (b - i >= 9 && ci_at(s + i, "multipart", 9)) {
			n = 9;
		} else if (b - i >= 7 && ci_at(s + i, "message", 7)) {
			n = 7;
		}
		if (n && w) {
			w[i] = 'x';
			w[i + 1] = '-';
		}
		found |= n > 0;
		i += n ? n - 1 : 0;
	}
	return found;
}

/* Handles the '-' at s[k]; returns where to go on. */
static size_t on_dash(const char *s, size_t n, size_t k, char *w,
		      struct scan *sc)
{
	size_t e;

	if ((k == 0 || s[k - 1] == '\n') && k + 1 < n && s[k + 1] == '-') {
		if (++sc->delimiters > MIME_GUARD_DELIMITERS) {
			sc->need = true;
			if (w) {
				w[k + 1] = '_';
			}
		}
		return k + 2;
	}
	if (k < 7 || n - k < 5 || !ci_at(s + k - 7, "content", 7) ||
	    !ci_at(s + k + 1, "type", 4)) {
		return k + 1;
	}
	e = logical_end(s, n, k);
	if (keywords(s, k, e, NULL) &&
	    ++sc->containers > MIME_GUARD_CONTAINERS) {
		sc->need = true;
		if (w) {
			keywords(s, k, e, w);
		}
	}
	return e;
}

static void scan_dashes(const char *s, size_t n, char *w, struct scan *sc)
{
	size_t i = 0;

	while (i < n) {
		const char *d = memchr(s + i, '-', n - i);

		if (!d) {
			break;
		}
		i = on_dash(s, n, (size_t)(d - s), w, sc);
	}
}

/* Comment depth over one logical line from s[k]; returns its end. */
static size_t on_paren(const char *s, size_t n, size_t k, char *w,
		       struct scan *sc)
{
	size_t e = logical_end(s, n, k);
	unsigned depth = 0;

	for (size_t j = k; j < e; j++) {
		if (s[j] == '\\') {
			j++;
		} else if (s[j] == '(' && depth >= MIME_GUARD_COMMENTS) {
			sc->need = true;
			if (w) {
				w[j] = ' ';
			}
		} else if (s[j] == '(') {
			depth++;
		} else if (s[j] == ')' && depth > 0) {
			depth--;
		}
	}
	return e;
}

static void scan_parens(const char *s, size_t n, char *w, struct scan *sc)
{
	size_t i = 0;

	while (i < n) {
		const char *p = memchr(s + i, '(', n - i);

		if (!p) {
			break;
		}
		i = on_paren(s, n, (size_t)(p - s), w, sc);
	}
}

const char *mime_guard(struct mime_buf *b, size_t off, size_t len)
{
	struct scan sc = {0, 0, false};
	char *c;

	scan_dashes(b->orig + off, len, NULL, &sc);
	scan_parens(b->orig + off, len, NULL, &sc);
	if (!sc.need) {
		return b->orig + off;
	}
	if (!b->copy) {
		b->copy = xmalloc(b->len + 1);
		memcpy(b->copy, b->orig, b->len);
		b->copy[b->len] = '\0';
	}
	c = b->copy + off;
	memcpy(c, b->orig + off, len); /* a range parsed again: start clean */
	memset(&sc, 0, sizeof(sc));
	scan_dashes(c, len, c, &sc);
	scan_parens(c, len, c, &sc);
	return c;
}

bool mime_guard_defused(const struct mime_buf *b, const char *p, size_t len)
{
	size_t off;

	if (!b->copy) {
		return false;
	}
	off = (size_t)(p - b->copy);
	return memcmp(b->copy + off, b->orig + off, len) != 0;
}
