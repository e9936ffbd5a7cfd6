/* Encoders for outgoing mail: quoted-printable bodies, base64, RFC 2047
 * encoded words and header folding. */
#include <string.h>

#include "private.h"

#define LINE_MAX_HDR    78 /* RFC 5322 recommended line length */
#define QP_LINE_MAX     76 /* RFC 2045 */
#define EW_MAX          75 /* RFC 2047 encoded word */
#define EW_OVERHEAD     12 /* "=?UTF-8?B?" and "?=" */
#define EW_COMFORT      30 /* fold rather than write a shorter word */
#define B64_LINE        76 /* RFC 2045 */
#define PARAM_PLAIN_MAX 60 /* longer values are encoded so they can fold */
#define PARAM_EW_BYTES  39 /* bytes per encoded word in a parameter */
#define PARAM_PCT_MAX   45 /* percent-encoded characters per 2231 segment */
#define PLAIN_PARAM_CHARS                                                      \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"       \
	" -._~()+,[]!#$&@"
#define PCT_KEEP                                                               \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"

static const char hex_upper[] = "0123456789ABCDEF";

/* The base64 form of n bytes into out (4 * ceil(n / 3) characters);
 * returns its length. */
static size_t base64_block(const unsigned char *in, size_t n, char *out)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				       "abcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t o = 0;

	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;
		size_t left = n - i;

		if (left > 1) {
			v |= (uint32_t)in[i + 1] << 8;
		}
		if (left > 2) {
			v |= in[i + 2];
		}
		out[o++] = alphabet[(v >> 18) & 0x3f];
		out[o++] = alphabet[(v >> 12) & 0x3f];
		out[o++] = left > 1 ? alphabet[(v >> 6) & 0x3f] : '=';
		out[o++] = left > 2 ? alphabet[v & 0x3f] : '=';
	}
	return o;
}

void message_base64_append(struct sbuf *sb, const unsigned char *in, size_t n)
{
	char out[4 * 16];

	for (size_t i = 0; i < n; i += 48) {
		size_t k = n - i < 48 ? n - i : 48;

		sbuf_add(sb, out, base64_block(in + i, k, out));
	}
}

void message_base64_lines(struct sbuf *sb, const unsigned char *in, size_t n)
{
	char line[B64_LINE + 2];

	for (size_t i = 0; i < n; i += B64_LINE / 4 * 3) {
		size_t k = n - i < B64_LINE / 4 * 3 ? n - i : B64_LINE / 4 * 3;
		size_t len = base64_block(in + i, k, line);

		line[len++] = '\r';
		line[len++] = '\n';
		sbuf_add(sb, line, len);
	}
}

/* Bytes written as they are in quoted-printable (RFC 2045 6.7): printable
 * ASCII but '=', and space and TAB (but at the end of a line). */
static bool qp_plain(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f && c != '=') || c == '\t';
}

/* One input line (without its line break), one output line at a time.
 * A line starting "." or "From " is encoded so that it survives SMTP
 * and mbox intact; a soft break keeps each output line within
 * QP_LINE_MAX. */
static void qp_line(struct sbuf *sb, const char *s, size_t n)
{
	char line[QP_LINE_MAX + 3];
	size_t col = 0;

	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)s[k];
		bool last = k + 1 == n;
		size_t limit = last ? QP_LINE_MAX : QP_LINE_MAX - 1;
		bool plain = qp_plain(c) && !(last && (c == ' ' || c == '\t'));

		if (col + (plain ? 1 : 3) > limit) {
			sbuf_add(sb, line, col);
			sbuf_add(sb, "=\r\n", 3);
			col = 0;
		}
		if (col == 0 && plain &&
		    (c == '.' ||
		     (c == 'F' && n - k >= 5 && !memcmp(s + k, "From ", 5)))) {
			plain = false;
		}
		if (plain) {
			line[col++] = (char)c;
		} else {
			line[col] = '=';
			line[col + 1] = hex_upper[c >> 4];
			line[col + 2] = hex_upper[c & 0xf];
			col += 3;
		}
	}
	sbuf_add(sb, line, col);
}

void message_qp_encode(struct sbuf *sb, const char *text, size_t len)
{
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t line_end = end;

		if (nl && line_end > i && text[line_end - 1] == '\r') {
			line_end--;
		}
		qp_line(sb, text + i, line_end - i);
		if (nl) {
			sbuf_add(sb, "\r\n", 2);
		}
		i = end + 1;
	}
}

void message_hdr_begin(struct message_hdr *h, struct sbuf *sb, const char *name)
{
	h->sb = sb;
	h->words = 0;
	sbuf_adds(sb, name);
	sbuf_addch(sb, ':');
	h->col = strlen(name) + 1;
}

void message_hdr_word(struct message_hdr *h, const char *w, size_t n)
{
	if (h->col > 0 && h->col + 1 + n > LINE_MAX_HDR) {
		sbuf_add(h->sb, "\r\n", 2);
		h->col = 0;
	}
	sbuf_addch(h->sb, ' ');
	sbuf_add(h->sb, w, n);
	h->col += 1 + n;
	h->words++;
}

void message_hdr_end(struct message_hdr *h)
{
	sbuf_add(h->sb, "\r\n", 2);
	h->col = 0;
}

/* Bytes of whole UTF-8 characters of s that fit an encoded word of
 * width characters. */
static size_t ew_chunk(const char *s, size_t len, size_t width)
{
	size_t max = width > EW_OVERHEAD ? (width - EW_OVERHEAD) / 4 * 3 : 0;
	size_t i = 0;

	while (i < len) {
		size_t j = i;

		text_utf8_next(s, len, &j);
		if (j > max) {
			break;
		}
		i = j;
	}
	return i;
}

void message_hdr_encoded(struct message_hdr *h, const char *s)
{
	struct sbuf w = SBUF_INIT(EW_MAX + 1);
	size_t len = strlen(s);
	size_t i = 0;

	while (i < len) {
		size_t width =
		    h->col + 1 < LINE_MAX_HDR ? LINE_MAX_HDR - 1 - h->col : 0;
		size_t n;

		if (width > EW_MAX || (width < EW_COMFORT && h->words > 0)) {
			width = EW_MAX;
		}
		n = ew_chunk(s + i, len - i, width);
		if (n == 0) {
			n = ew_chunk(s + i, len - i, EW_MAX);
		}
		sbuf_reset(&w);
		sbuf_adds(&w, "=?UTF-8?B?");
		message_base64_append(&w, (const unsigned char *)s + i, n);
		sbuf_adds(&w, "?=");
		message_hdr_word(h, sbuf_str(&w), w.len);
		i += n;
	}
	sbuf_release(&w);
}

/* --- MIME parameters ----------------------------------------------- */

static bool param_plain(const char *v)
{
	size_t len = strlen(v);

	return len > 0 && len <= PARAM_PLAIN_MAX &&
	       strspn(v, PLAIN_PARAM_CHARS) == len && v[0] != ' ' &&
	       v[len - 1] != ' ';
}

/* Writes word (sb) to h with ';' appended unless last. */
static void param_word(struct message_hdr *h, struct sbuf *w, bool last)
{
	if (!last) {
		sbuf_addch(w, ';');
	}
	message_hdr_word(h, sbuf_str(w), w->len);
	sbuf_reset(w);
}

static void param_quoted(struct message_hdr *h, const char *name,
			 const char *value, bool last)
{
	struct sbuf w = SBUF_INIT(SIZE_MAX);

	sbuf_addf(&w, "%s=\"%s\"", name, value);
	param_word(h, &w, last);
	sbuf_release(&w);
}

/* Bytes of whole UTF-8 characters of s (len bytes) in at most max bytes;
 * at least one character. */
static size_t utf8_prefix(const char *s, size_t len, size_t max)
{
	size_t i = 0;

	while (i < len) {
		size_t j = i;

		text_utf8_next(s, len, &j);
		if (j > max && i > 0) {
			break;
		}
		i = j;
	}
	return i;
}

void message_hdr_param_2047(struct message_hdr *h, const char *name,
			    const char *value, bool last)
{
	struct sbuf w = SBUF_INIT(SIZE_MAX);
	size_t len = strlen(value);
	size_t i = 0;

	if (param_plain(value)) {
		param_quoted(h, name, value, last);
		return;
	}
	/* name="=?UTF-8?B?...?= =?UTF-8?B?...?=": the words are folded
	 * apart, and readers join adjacent encoded words. */
	sbuf_addf(&w, "%s=\"", name);
	while (i < len) {
		size_t n = utf8_prefix(value + i, len - i, PARAM_EW_BYTES);

		sbuf_adds(&w, "=?UTF-8?B?");
		message_base64_append(&w, (const unsigned char *)value + i, n);
		sbuf_adds(&w, "?=");
		i += n;
		if (i < len) {
			message_hdr_word(h, sbuf_str(&w), w.len);
			sbuf_reset(&w);
		}
	}
	sbuf_addch(&w, '"');
	param_word(h, &w, last);
	sbuf_release(&w);
}

static bool pct_keep(unsigned char c)
{
	return c != 0 && c < 0x80 && strchr(PCT_KEEP, c);
}

/* Appends the RFC 2231 percent-encoded form of s[0, n). */
static void pct_append(struct sbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (pct_keep(c)) {
			sbuf_addch(sb, (char)c);
		} else {
			sbuf_addf(sb, "%%%c%c", hex_upper[c >> 4],
				  hex_upper[c & 0xf]);
		}
	}
}

/* Bytes of whole UTF-8 characters of s (len bytes) whose percent-encoded
 * form takes at most max characters; at least one character. */
static size_t pct_prefix(const char *s, size_t len, size_t max)
{
	size_t i = 0;
	size_t out = 0;

	while (i < len) {
		size_t j = i;
		size_t k = 0;

		text_utf8_next(s, len, &j);
		for (size_t q = i; q < j; q++) {
			k += pct_keep((unsigned char)s[q]) ? 1 : 3;
		}
		if (out + k > max && i > 0) {
			break;
		}
		out += k;
		i = j;
	}
	return i;
}

void message_hdr_param_2231(struct message_hdr *h, const char *name,
			    const char *value, bool last)
{
	struct sbuf w = SBUF_INIT(SIZE_MAX);
	size_t len = strlen(value);
	size_t i = 0;
	unsigned seg = 0;

	if (param_plain(value)) {
		param_quoted(h, name, value, last);
		return;
	}
	if (pct_prefix(value, len, PARAM_PCT_MAX) == len) {
		sbuf_addf(&w, "%s*=UTF-8''", name);
		pct_append(&w, value, len);
		param_word(h, &w, last);
		sbuf_release(&w);
		return;
	}
	/* Continuations split between characters, never inside a UTF-8
	 * sequence: some readers decode each segment alone. */
	while (i < len) {
		size_t n = pct_prefix(value + i, len - i, PARAM_PCT_MAX);

		sbuf_addf(&w, "%s*%u*=%s", name, seg++,
			  i == 0 ? "UTF-8''" : "");
		pct_append(&w, value + i, n);
		i += n;
		param_word(h, &w, last && i == len);
	}
	sbuf_release(&w);
}
