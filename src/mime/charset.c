/* Body text to UTF-8.
 *
 * UTF-8 and US-ASCII bodies are checked and kept as they are; what is not
 * valid UTF-8 is repaired the way the message module repairs headers
 * (windows-1252 for stray bytes).  Everything else goes through iconv,
 * which is flushed at the end: libetpan's charconv() never flushes, and
 * windows-1258 (Vietnamese, whose tone marks combine with the letter
 * before them) then loses its last character. */
#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "private.h"

#define LABEL_MAX 40

/* Labels read as UTF-8 (US-ASCII with 8-bit bytes is nearly always
 * UTF-8 or windows-1252, which the repair tells apart). */
static const char *const utf8_labels[] = {
    "utf-8",     "utf8",    "us-ascii",
    "ascii",     "us",      "ansi_x3.4-1968",
    "iso646-us", "csascii", "unicode-1-1-utf-8",
    NULL,
};

/* Labels mail clients write that iconv spells differently. */
static const struct {
	const char *label;
	const char *name;
} aliases[] = {
    {"latin1", "WINDOWS-1252"},
    {"iso-8859-1", "WINDOWS-1252"},
    {"iso8859-1", "WINDOWS-1252"},
    {"iso_8859-1", "WINDOWS-1252"},
    {"l1", "WINDOWS-1252"},
    {"x-cp1252", "WINDOWS-1252"},
    {"cp1252", "WINDOWS-1252"},
    {"windows-1252", "WINDOWS-1252"},
    {"cp1258", "WINDOWS-1258"},
    {"x-cp1258", "WINDOWS-1258"},
    {"windows-1258", "WINDOWS-1258"},
    {"ks_c_5601-1987", "CP949"},
    {"ks_c_5601", "CP949"},
    {"euc-kr", "CP949"},
    {"gb2312", "GB18030"},
    {"gbk", "GB18030"},
    {"x-gbk", "GB18030"},
    {"iso-8859-8-i", "ISO-8859-8"},
    {"shift_jis", "CP932"},
    {"shift-jis", "CP932"},
    {"x-sjis", "CP932"},
    {"windows-874", "CP874"},
    {"x-mac-roman", "MACINTOSH"},
    {"unicode-1-1-utf-7", "UTF-7"},
    {"tcvn", "TCVN5712-1"},
    {"tcvn3", "TCVN5712-1"},
};

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* The label, trimmed, unquoted and lower-cased into out; false when it
 * holds characters no charset name has (iconv takes "//" suffixes). */
static bool clean_label(const char *cs, char out[LABEL_MAX + 1])
{
	size_t n = 0;

	while (*cs == ' ' || *cs == '\t' || *cs == '"' || *cs == '\'') {
		cs++;
	}
	for (; *cs && *cs != '"' && *cs != '\'' && *cs != ' ' && *cs != '\t';
	     cs++) {
		char c = lower(*cs);

		if (n == LABEL_MAX ||
		    !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      strchr("-_.:+()", c))) {
			return false;
		}
		out[n++] = c;
	}
	out[n] = '\0';
	return true;
}

static bool is_utf8_label(const char *label)
{
	if (!*label) {
		return true;
	}
	for (const char *const *l = utf8_labels; *l; l++) {
		if (!strcmp(label, *l)) {
			return true;
		}
	}
	return false;
}

static const char *iconv_name(const char *label)
{
	for (size_t i = 0; i < ARRAY_SIZE(aliases); i++) {
		if (!strcmp(label, aliases[i].label)) {
			return aliases[i].name;
		}
	}
	return label;
}

/* Converts with iconv; bytes it rejects become U+FFFD and it is flushed
 * at the end. */
static void iconv_run(iconv_t cd, const char *in, size_t len, struct sbuf *out)
{
	static const char fffd[] = "\xef\xbf\xbd";
	char buf[4096];
	char *ip = (char *)in;

	while (len > 0) {
		char *op = buf;
		size_t ol = sizeof(buf);
		size_t r = iconv(cd, &ip, &len, &op, &ol);
		int err = errno;

		sbuf_add(out, buf, (size_t)(op - buf));
		if (r == (size_t)-1 && err == EILSEQ) {
			sbuf_add(out, fffd, 3);
			ip++;
			len--;
		} else if (r == (size_t)-1 && err == EINVAL) {
			sbuf_add(out, fffd, 3); /* truncated at the end */
			break;
		} else if (r == (size_t)-1 && err != E2BIG) {
			break;
		}
	}
	for (int k = 0; k < 4; k++) {
		char *op = buf;
		size_t ol = sizeof(buf);
		size_t r = iconv(cd, NULL, NULL, &op, &ol);

		sbuf_add(out, buf, (size_t)(op - buf));
		if (r != (size_t)-1 || errno != E2BIG) {
			break;
		}
	}
}

bool mime_charset_append(const char *cs, const char *in, size_t len,
			 struct sbuf *out)
{
	char label[LABEL_MAX + 1];
	iconv_t cd;

	if (!cs) {
		cs = "";
	}
	if (!clean_label(cs, label)) {
		text_utf8_append(out, in, len, false);
		return false;
	}
	if (is_utf8_label(label)) {
		text_utf8_append(out, in, len, false);
		return true;
	}
	cd = iconv_open("UTF-8", iconv_name(label));
	if (cd == (iconv_t)-1) {
		text_utf8_append(out, in, len, false);
		return false;
	}
	iconv_run(cd, in, len, out);
	iconv_close(cd);
	return true;
}

/* The length of the invisible character at s[0..n) (see
 * mime_text_drop_invisible), or 0. */
static size_t invisible_len(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] == 0xc2 && s[1] == 0xad) {
		return 2; /* U+00AD */
	}
	if (n >= 3 && s[0] == 0xe2 &&
	    ((s[1] == 0x80 && s[2] == 0x8b) ||
	     (s[1] == 0x81 && s[2] == 0xa0))) {
		return 3; /* U+200B, U+2060 */
	}
	if (n >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf) {
		return 3; /* U+FEFF */
	}
	return 0;
}

void mime_text_drop_invisible(struct sbuf *sb)
{
	unsigned char *s = (unsigned char *)sb->buf;
	size_t r = 0, w = 0;

	if (!s) {
		return;
	}
	while (r < sb->len) {
		size_t k = s[r] == 0xc2 || s[r] == 0xe2 || s[r] == 0xef
			       ? invisible_len(s + r, sb->len - r)
			       : 0;

		if (k > 0) {
			r += k;
			continue;
		}
		s[w++] = s[r++];
	}
	sb->len = w;
	s[w] = '\0';
}

/* Bytes that mime_text_clean changes: C0 controls but tab and LF, DEL. */
static bool is_special(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f;
}

void mime_text_clean(struct sbuf *sb)
{
	char *s = sb->buf;
	size_t w = 0;
	size_t r = 0;

	if (!s) {
		return;
	}
	while (r < sb->len && !is_special((unsigned char)s[r])) {
		r++;
	}
	w = r;
	while (r < sb->len) {
		unsigned char c = (unsigned char)s[r++];

		if (!is_special(c)) {
			s[w++] = (char)c;
		} else if (c == '\r') {
			s[w++] = '\n';
			r += (r < sb->len && s[r] == '\n');
		} else if (c == '\f' || c == '\v') {
			s[w++] = '\n';
		}
	}
	sb->len = w;
	s[w] = '\0';
}
