/* Encoders for outgoing mail: quoted-printable bodies, base64, RFC 2047
 * encoded words and header folding. */
#include <string.h>

#include "private.h"

#define LINE_MAX_HDR 78 /* RFC 5322 recommended line length */
#define QP_LINE_MAX  76 /* RFC 2045 */
#define EW_MAX       75 /* RFC 2047 encoded word */
#define EW_OVERHEAD  12 /* "=?UTF-8?B?" and "?=" */
#define EW_COMFORT   30 /* fold rather than write a shorter word */

static const char hex_upper[] = "0123456789ABCDEF";

void message_base64_append(struct sbuf *sb, const unsigned char *in, size_t n)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				       "abcdefghijklmnopqrstuvwxyz0123456789+/";
	char out[4];

	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;
		size_t left = n - i;

		if (left > 1) {
			v |= (uint32_t)in[i + 1] << 8;
		}
		if (left > 2) {
			v |= in[i + 2];
		}
		out[0] = alphabet[(v >> 18) & 0x3f];
		out[1] = alphabet[(v >> 12) & 0x3f];
		out[2] = left > 1 ? alphabet[(v >> 6) & 0x3f] : '=';
		out[3] = left > 2 ? alphabet[v & 0x3f] : '=';
		sbuf_add(sb, out, 4);
	}
}

/* The QP form of s[k] at output column col; returns its length. */
static size_t qp_token(const char *s, size_t n, size_t k, size_t col,
		       char tok[3])
{
	unsigned char c = (unsigned char)s[k];
	bool last = k + 1 == n;
	bool encode = c == '=' || c >= 0x7f || (c < 0x20 && c != '\t') ||
		      ((c == ' ' || c == '\t') && last);

	/* A line starting "." or "From " survives SMTP and mbox intact. */
	if (col == 0 &&
	    (c == '.' || (n - k >= 5 && !memcmp(s + k, "From ", 5)))) {
		encode = true;
	}
	if (!encode) {
		tok[0] = (char)c;
		return 1;
	}
	tok[0] = '=';
	tok[1] = hex_upper[c >> 4];
	tok[2] = hex_upper[c & 0xf];
	return 3;
}

/* One input line (without its line break). */
static void qp_line(struct sbuf *sb, const char *s, size_t n)
{
	size_t col = 0;
	char tok[3];

	for (size_t k = 0; k < n; k++) {
		size_t limit = k + 1 == n ? QP_LINE_MAX : QP_LINE_MAX - 1;
		size_t len = qp_token(s, n, k, col, tok);

		if (col + len > limit) {
			sbuf_add(sb, "=\r\n", 3);
			col = 0;
			len = qp_token(s, n, k, col, tok);
		}
		sbuf_add(sb, tok, len);
		col += len;
	}
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

		message_utf8_next(s, len, &j);
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
