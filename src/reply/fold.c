/* Folding for matching: lower case, Vietnamese diacritics removed, đ -> d.
 * Works one code point at a time with utf8proc_decompose_char, so folding
 * a bounded prefix costs a bounded amount and never allocates. */
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "private.h"

#define FOLD_OPTS (UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD)
/* Code points one input code point may fold into, and their bytes. */
#define FOLD_CPS   16
#define FOLD_BYTES (FOLD_CPS * 4)

static const char replacement[] = "\xef\xbf\xbd";

/* Maps what the Unicode tables leave alone but matching needs folded. */
static utf8proc_int32_t fold_extra(utf8proc_int32_t cp)
{
	if (cp == 0x0110 || cp == 0x0111) {
		return 'd'; /* Đ, đ: a letter of its own, not d + mark */
	}
	if (cp == 0x00a0) {
		return ' ';
	}
	return cp;
}

/* Folds one code point into out (FOLD_BYTES long); returns bytes. */
static size_t fold_cp(utf8proc_int32_t cp, char *out)
{
	utf8proc_int32_t buf[FOLD_CPS];
	int boundclass = UTF8PROC_BOUNDCLASS_START;
	utf8proc_ssize_t n;
	size_t len = 0;

	if (cp < 0x80) {
		out[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
		return 1;
	}
	n = utf8proc_decompose_char(fold_extra(cp), buf, FOLD_CPS, FOLD_OPTS,
				    &boundclass);
	if (n < 0 || n > FOLD_CPS) {
		buf[0] = cp;
		n = 1;
	}
	for (utf8proc_ssize_t i = 0; i < n; i++) {
		len += (size_t)utf8proc_encode_char(
		    fold_extra(buf[i]), (utf8proc_uint8_t *)out + len);
	}
	return len;
}

/* Folds the code point at s (len > 0) into out; *used_r gets its bytes.
 * An invalid sequence counts one byte and folds to U+FFFD. */
static size_t fold_next(const char *s, size_t len, char *out, size_t *used_r)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	if ((unsigned char)s[0] < 0x80) {
		*used_r = 1;
		return fold_cp((unsigned char)s[0], out);
	}
	n = utf8proc_iterate((const utf8proc_uint8_t *)s,
			     len > 4 ? 4 : (utf8proc_ssize_t)len, &cp);
	if (n < 1) {
		*used_r = 1;
		memcpy(out, replacement, 3);
		return 3;
	}
	*used_r = (size_t)n;
	return fold_cp(cp, out);
}

size_t reply_fold_span(const char *s, size_t len, char *out, size_t cap,
		       size_t *used_r)
{
	char tmp[FOLD_BYTES];
	size_t pos = 0, olen = 0;

	while (pos < len) {
		size_t used;
		size_t n = fold_next(s + pos, len - pos, tmp, &used);

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

char *reply_fold(const char *s)
{
	struct sbuf out = SBUF_INIT(SIZE_MAX / 2);
	char tmp[FOLD_BYTES];
	size_t len, pos = 0;

	if (!s) {
		return xstrdup("");
	}
	len = strlen(s);
	while (pos < len) {
		size_t used;
		size_t n = fold_next(s + pos, len - pos, tmp, &used);

		sbuf_add(&out, tmp, n);
		pos += used;
	}
	return sbuf_detach(&out);
}

/* True when the code point at s (len > 0) is a letter or a digit. */
static bool is_word_char(const char *s, size_t len)
{
	utf8proc_int32_t cp;
	utf8proc_category_t cat;

	if ((unsigned char)s[0] < 0x80) {
		unsigned char c = (unsigned char)s[0];

		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		       (c >= '0' && c <= '9');
	}
	if (utf8proc_iterate((const utf8proc_uint8_t *)s,
			     len > 4 ? 4 : (utf8proc_ssize_t)len, &cp) < 1) {
		return false;
	}
	cat = utf8proc_category(cp);
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	       (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

bool reply_fold_starts_word(const char *s, size_t len, const char *w)
{
	size_t wlen = strlen(w);

	if (len < wlen || memcmp(s, w, wlen) != 0) {
		return false;
	}
	return len == wlen || !is_word_char(s + wlen, len - wlen);
}
