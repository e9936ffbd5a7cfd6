#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"

void sbuf_init(struct sbuf *sb, size_t cap)
{
	memset(sb, 0, sizeof(*sb));
	sb->cap = cap;
}

void sbuf_release(struct sbuf *sb)
{
	FREE_AND_NULL(sb->buf);
	sb->len = 0;
	sb->alloc = 0;
	sb->overflow = false;
}

void sbuf_reset(struct sbuf *sb)
{
	sb->len = 0;
	sb->overflow = false;
	if (sb->buf) {
		sb->buf[0] = '\0';
	}
}

/* Makes room for n more bytes plus the NUL; false when over the cap. */
static bool grow(struct sbuf *sb, size_t n)
{
	size_t need;

	if (n > sb->cap || sb->len > sb->cap - n) {
		sb->overflow = true;
		return false;
	}
	need = sb->len + n + 1;
	if (need > sb->alloc) {
		size_t alloc = sb->alloc ? sb->alloc : 64;

		while (alloc < need) {
			alloc = alloc < SIZE_MAX / 2 ? alloc * 2 : need;
		}
		sb->buf = xrealloc(sb->buf, alloc);
		sb->alloc = alloc;
	}
	return true;
}

void sbuf_add(struct sbuf *sb, const void *data, size_t n)
{
	if (!grow(sb, n)) {
		return;
	}
	if (n) {
		memcpy(sb->buf + sb->len, data, n);
	}
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sbuf_adds(struct sbuf *sb, const char *s)
{
	sbuf_add(sb, s, strlen(s));
}

void sbuf_addch(struct sbuf *sb, char c)
{
	/* Room for it and the NUL, within the cap: the common case. */
	if (sb->len < sb->cap && sb->len + 2 <= sb->alloc) {
		sb->buf[sb->len++] = c;
		sb->buf[sb->len] = '\0';
		return;
	}
	sbuf_add(sb, &c, 1);
}

void sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || !grow(sb, (size_t)n)) {
		return;
	}
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void sbuf_addf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

const char *sbuf_str(const struct sbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

char *sbuf_detach(struct sbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");

	sb->buf = NULL;
	sb->len = 0;
	sb->alloc = 0;
	sb->overflow = false;
	return p;
}

void sbuf_add_html(struct sbuf *sb, const char *s)
{
	static const char *const entity[256] = {
	    ['&'] = "&amp;",  ['<'] = "&lt;",   ['>'] = "&gt;",
	    ['"'] = "&quot;", ['\''] = "&#39;",
	};

	for (; s && *s; s++) {
		const char *e = entity[(unsigned char)*s];

		if (e) {
			sbuf_adds(sb, e);
		} else {
			sbuf_addch(sb, *s);
		}
	}
}
