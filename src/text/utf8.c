/* UTF-8 decoding, encoding and repair: the one decoder the parsers use. */
#include <string.h>

#include "congvan/text.h"
#include "congvan/util.h"

/* windows-1252 0x80..0x9f; U+FFFD where the code page has no character. */
static const uint16_t cp1252_high[32] = {
    0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
    0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
};

uint32_t text_cp1252(unsigned char c)
{
	if (c >= 0x80 && c < 0xa0) {
		return cp1252_high[c - 0x80];
	}
	return c;
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

int32_t text_utf8_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	size_t left = len - *i;
	size_t n;
	uint32_t cp;
	uint32_t min;

	if (p[0] < 0x80) {
		*i += 1;
		return p[0];
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		cp = p[0] & 0x1f;
		min = 0x80;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		cp = p[0] & 0x0f;
		min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		cp = p[0] & 0x07;
		min = 0x10000;
	} else {
		goto bad;
	}
	if (left < n) {
		goto bad;
	}
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xc0) != 0x80) {
			goto bad;
		}
		cp = (cp << 6) | (p[k] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
		goto bad;
	}
	*i += n;
	return (int32_t)cp;
bad:
	*i += 1;
	return -1;
}

void text_utf8_put(struct sbuf *sb, uint32_t cp)
{
	char b[4];

	if (cp < 0x80) {
		sbuf_addch(sb, (char)cp);
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3f));
		sbuf_add(sb, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		sbuf_add(sb, b, 3);
	} else {
		b[0] = (char)(0xf0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		sbuf_add(sb, b, 4);
	}
}

/* The length of the valid sequence starting with lead byte p[0] >= 0x80
 * among the left bytes, or 0: the same rule as text_utf8_next (no
 * overlong form, no surrogate, nothing above U+10FFFF), without building
 * the code point. */
static size_t utf8_seq_len(const unsigned char *p, size_t left)
{
	unsigned char c = p[0];

	if (c >= 0xc2 && c <= 0xdf) {
		return left >= 2 && (p[1] & 0xc0) == 0x80 ? 2 : 0;
	}
	if (c >= 0xe0 && c <= 0xef) {
		if (left < 3 || (p[1] & 0xc0) != 0x80 ||
		    (p[2] & 0xc0) != 0x80 || (c == 0xe0 && p[1] < 0xa0) ||
		    (c == 0xed && p[1] >= 0xa0)) {
			return 0;
		}
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (left < 4 || (p[1] & 0xc0) != 0x80 ||
		    (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80 ||
		    (c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] >= 0x90)) {
			return 0;
		}
		return 4;
	}
	return 0;
}

/* The index of the first byte in memory of 8 read into v that has its top
 * bit set (v holds only top bits, at least one). */
static size_t first_high_byte(uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return (size_t)__builtin_clzll(v) / 8;
#else
	return (size_t)__builtin_ctzll(v) / 8;
#endif
}

bool text_utf8_valid_count(const char *s, size_t len, size_t *high_r)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, high = 0;

	while (i < len) {
		size_t n;

		/* Eight bytes at a time: all ASCII, or the ASCII before the
		 * next sequence skipped at once (a text in Vietnamese has a
		 * few between its marked letters). */
		if (len - i >= 8) {
			uint64_t v;

			memcpy(&v, p + i, 8);
			v &= 0x8080808080808080ull;
			if (!v) {
				i += 8;
				continue;
			}
			i += first_high_byte(v);
		} else if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_seq_len(p + i, len - i);
		if (n == 0) {
			return false;
		}
		high += n;
		i += n;
	}
	*high_r = high;
	return true;
}

bool text_utf8_valid(const char *s, size_t len)
{
	size_t high;

	return text_utf8_valid_count(s, len, &high);
}

void text_utf8_append(struct sbuf *sb, const char *s, size_t len, bool flatten)
{
	size_t i = 0, kept = 0; /* s[kept..i) goes out as it is */

	if (!flatten && text_utf8_valid(s, len)) {
		sbuf_add(sb, s, len);
		return;
	}

	while (i < len) {
		size_t start = i;
		unsigned char b = (unsigned char)s[i];
		int32_t cp;
		uint32_t c;

		if (b >= 0x20 && b < 0x7f) {
			i++;
			continue;
		}
		cp = text_utf8_next(s, len, &i);
		if (cp >= 0 && !(flatten && is_control((uint32_t)cp))) {
			continue; /* valid UTF-8 is its own encoding */
		}
		c = cp < 0 ? text_cp1252(b) : (uint32_t)cp;
		sbuf_add(sb, s + kept, start - kept);
		text_utf8_put(sb, flatten && is_control(c) ? ' ' : c);
		kept = i;
	}
	sbuf_add(sb, s + kept, len - kept);
}

char *text_cut(const char *s, size_t max)
{
	size_t len = s ? strlen(s) : 0, keep;
	char *r;

	if (len <= max) {
		return xstrdup(s ? s : "");
	}
	keep = max - 3; /* room for the ellipsis, 3 bytes */
	while (keep > 0 && ((unsigned char)s[keep] & 0xc0) == 0x80) {
		keep--; /* not inside a character */
	}
	r = xmalloc(keep + 4);
	memcpy(r, s, keep);
	memcpy(r + keep, "\xe2\x80\xa6", 4);
	return r;
}

bool text_is_odd_space(int32_t cp)
{
	return cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
	       cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

bool text_is_invisible(int32_t cp)
{
	return cp == 0xad || (cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 ||
	       cp == 0xfeff;
}
