/* NFC normalisation (iOS and some webmails send NFD: "Đồng ý" as letters
 * followed by combining marks).
 *
 * utf8proc_map() decomposes and recomposes every character, several
 * times slower than the rest of reading a message.  Most text is already
 * NFC: a quick check first walks the code points and hands the text to
 * utf8proc only when one of them is outside the ranges below, where every
 * character is a starter that NFC leaves alone and that never combines
 * with the character before it (ASCII, Latin-1 and the Latin blocks up
 * to U+02FF, the precomposed Vietnamese letters of U+1E00..U+1EFF, common
 * punctuation and currency signs; test_mime checks these claims against
 * utf8proc). */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "congvan/text.h"
#include "congvan/util.h"

bool text_nfc_stable(uint32_t cp)
{
	return cp < 0x300 || (cp >= 0x1e00 && cp <= 0x1eff) ||
	       (cp >= 0x2010 && cp <= 0x2027) ||
	       (cp >= 0x2030 && cp <= 0x205e) ||
	       (cp >= 0x20a0 && cp <= 0x20bf) || cp == 0xfffd;
}

enum quick {
	QUICK_YES,     /* valid UTF-8 without NUL, already NFC */
	QUICK_MAYBE,   /* valid, without NUL; a character needs utf8proc */
	QUICK_INVALID, /* not valid UTF-8, or holds NUL */
};

/* True when the 8 bytes are ASCII and none is NUL. */
static bool plain8(const char *s)
{
	uint64_t v;

	memcpy(&v, s, 8);
	return !((v & 0x8080808080808080ull) ||
		 ((v - 0x0101010101010101ull) & ~v & 0x8080808080808080ull));
}

static enum quick quick_check(const char *s, size_t len)
{
	enum quick q = QUICK_YES;
	size_t i = 0;

	while (i < len) {
		int32_t cp;

		while (len - i >= 8 && plain8(s + i)) {
			i += 8;
		}
		if (i == len) {
			break;
		}
		cp = text_utf8_next(s, len, &i);
		if (cp <= 0) {
			return QUICK_INVALID;
		}
		if (!text_nfc_stable((uint32_t)cp)) {
			q = QUICK_MAYBE;
		}
	}
	return q;
}

/* s as valid UTF-8 without NUL bytes. */
static char *repair(const char *s, size_t len)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX - 1);
	size_t start = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i == len || s[i] == '\0') {
			text_utf8_append(&sb, s + start, i - start, false);
			start = i + 1;
		}
	}
	return sbuf_detach(&sb);
}

/* NFC of valid UTF-8 without NUL; NULL when utf8proc fails. */
static char *compose(const char *s, size_t len)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n;
	char *r;

	if (len > (size_t)PTRDIFF_MAX / 8) {
		return NULL;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
			 &out, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (n < 0 || !out) {
		free(out);
		return NULL;
	}
	/* utf8proc allocates with malloc; hand out our own allocation so
	 * that callers need not know. */
	r = xstrndup((const char *)out, (size_t)n);
	free(out);
	return r;
}

char *text_nfc(const char *s, size_t len)
{
	enum quick q;
	char *fixed = NULL;
	char *r;

	if (!s) {
		return xstrdup("");
	}
	q = quick_check(s, len);
	if (q == QUICK_YES) {
		return xstrndup(s, len);
	}
	if (q == QUICK_INVALID) {
		fixed = repair(s, len);
		s = fixed;
		len = strlen(fixed);
	}
	r = compose(s, len);
	if (!r) {
		r = xstrndup(s, len);
	}
	free(fixed);
	return r;
}

static bool clean_is_space(int32_t cp)
{
	return cp == ' ' || (cp >= 0 && cp < 0x20) || cp == 0x7f ||
	       text_is_odd_space(cp);
}

char *text_clean(const char *s, size_t len)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX - 1);
	bool space = false;
	size_t i = 0;
	char *r;

	while (i < len) {
		int32_t cp = text_utf8_next(s, len, &i);

		if (cp < 0) {
			cp = 0xfffd;
		}
		if (clean_is_space(cp) || text_is_invisible(cp)) {
			space = space || !text_is_invisible(cp);
			continue;
		}
		if (space && sb.len > 0) {
			sbuf_addch(&sb, ' ');
		}
		space = false;
		text_utf8_put(&sb, (uint32_t)cp);
	}
	if (sb.len == 0) {
		sbuf_release(&sb);
		return NULL;
	}
	r = text_nfc(sbuf_str(&sb), sb.len);
	sbuf_release(&sb);
	return r;
}
