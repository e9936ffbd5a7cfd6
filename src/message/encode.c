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
#define B64_LINE_BYTES (B64_LINE / 4 * 3)
#define B64_CHUNK      (16 * B64_LINE_BYTES) /* bytes per append */

static const char hex_upper[] = "0123456789ABCDEF";

#define B64_CHAR(v)                                                            \
	((v) < 26    ? (v) + 'A'                                               \
	 : (v) < 52  ? (v) + 'a' - 26                                          \
	 : (v) < 62  ? (v) + '0' - 52                                          \
	 : (v) == 62 ? '+'                                                     \
		     : '/')
/* The two characters of 12 bits, so that a group of 3 bytes takes two
 * look-ups (8 KB, as the decoder's tables in src/mime/transfer.c). */
#define B64_PAIR(v) B64_CHAR((v) / 64), B64_CHAR((v) % 64)
#define E4(F, n)    F(n), F(n + 1), F(n + 2), F(n + 3)
#define E16(F, n)   E4(F, n), E4(F, n + 4), E4(F, n + 8), E4(F, n + 12)
#define E64(F, n)   E16(F, n), E16(F, n + 16), E16(F, n + 32), E16(F, n + 48)
#define E256(F, n)  E64(F, n), E64(F, n + 64), E64(F, n + 128), E64(F, n + 192)
#define E1024(F, n)                                                            \
	E256(F, n), E256(F, n + 256), E256(F, n + 512), E256(F, n + 768)

static const char b64_pairs[2 * 4096] = {
    E1024(B64_PAIR, 0), E1024(B64_PAIR, 1024), E1024(B64_PAIR, 2048),
    E1024(B64_PAIR, 3072)};

/* Writes the two characters of the 12 bits v to o. */
static void put_pair(char *o, uint32_t v)
{
	memcpy(o, b64_pairs + 2 * v, 2);
}

/* The 8 bytes at p as one big-endian number (compilers make this one
 * load, and a byte swap where needed). */
static uint64_t load_be64(const unsigned char *p)
{
	return (uint64_t)p[0] << 56 | (uint64_t)p[1] << 48 |
	       (uint64_t)p[2] << 40 | (uint64_t)p[3] << 32 |
	       (uint64_t)p[4] << 24 | (uint64_t)p[5] << 16 |
	       (uint64_t)p[6] << 8 | p[7];
}

/* The base64 form of n bytes into out (4 * ceil(n / 3) characters);
 * returns its length.  Two groups of 3 bytes at a time while 8 can be
 * read (the last two are left for the next round), then one, then the
 * padded end. */
static size_t base64_block(const unsigned char *in, size_t n, char *out)
{
	const unsigned char *end = in + n, *whole = in + n / 3 * 3;
	char *o = out;

	for (; end - in >= 8; in += 6, o += 8) {
		uint64_t v = load_be64(in);

		put_pair(o, (uint32_t)(v >> 52));
		put_pair(o + 2, (uint32_t)(v >> 40) & 0xfff);
		put_pair(o + 4, (uint32_t)(v >> 28) & 0xfff);
		put_pair(o + 6, (uint32_t)(v >> 16) & 0xfff);
	}
	for (; in < whole; in += 3, o += 4) {
		uint32_t v =
		    (uint32_t)in[0] << 16 | (uint32_t)in[1] << 8 | in[2];

		put_pair(o, v >> 12);
		put_pair(o + 2, v & 0xfff);
	}
	if (in < end) {
		uint32_t v = (uint32_t)in[0] << 16;

		if (end - in > 1) {
			v |= (uint32_t)in[1] << 8;
		}
		put_pair(o, v >> 12);
		o[2] = end - in > 1 ? b64_pairs[2 * (v & 0xfff)] : '=';
		o[3] = '=';
		o += 4;
	}
	return (size_t)(o - out);
}

void message_base64_append(struct sbuf *sb, const unsigned char *in, size_t n)
{
	char out[4 * 16];

	for (size_t i = 0; i < n; i += 48) {
		size_t k = n - i < 48 ? n - i : 48;

		sbuf_add(sb, out, base64_block(in + i, k, out));
	}
}

/* Whole lines of n bytes (all but the last of B64_LINE_BYTES; at most
 * B64_CHUNK), written with one append. */
static void base64_chunk(struct sbuf *sb, const unsigned char *in, size_t n)
{
	char out[B64_CHUNK / B64_LINE_BYTES * (B64_LINE + 2)];
	size_t o = 0;

	for (size_t i = 0; i < n; i += B64_LINE_BYTES) {
		size_t k = n - i < B64_LINE_BYTES ? n - i : B64_LINE_BYTES;

		o += base64_block(in + i, k, out + o);
		out[o++] = '\r';
		out[o++] = '\n';
	}
	sbuf_add(sb, out, o);
}

void message_base64_lines(struct sbuf *sb, const unsigned char *in, size_t n)
{
	for (size_t i = 0; i < n; i += B64_CHUNK) {
		base64_chunk(sb, in + i, n - i < B64_CHUNK ? n - i : B64_CHUNK);
	}
}

/* Bytes on their way to base64 lines, which take B64_LINE_BYTES each
 * whatever the lines of text they come from. */
struct b64_text {
	struct sbuf *sb;
	unsigned char in[B64_CHUNK + 1]; /* + 1: a CRLF may pass the chunk */
	size_t len;
};

/* Adds the n bytes of a line of text and a CRLF. */
static void b64_text_line(struct b64_text *b, const char *p, size_t n)
{
	while (n >= B64_CHUNK - b->len) {
		size_t k = B64_CHUNK - b->len;

		memcpy(b->in + b->len, p, k);
		base64_chunk(b->sb, b->in, B64_CHUNK);
		b->len = 0;
		p += k;
		n -= k;
	}
	memcpy(b->in + b->len, p, n);
	b->len += n;
	b->in[b->len++] = '\r';
	b->in[b->len++] = '\n';
	if (b->len >= B64_CHUNK) {
		base64_chunk(b->sb, b->in, B64_CHUNK);
		b->len -= B64_CHUNK;
		b->in[0] = b->in[B64_CHUNK]; /* the LF, if it did not fit */
	}
}

/* The earlier of two line breaks found (NULL: none left), or end. */
static const char *first_break(const char *lf, const char *cr, const char *end)
{
	if (!lf || (cr && cr < lf)) {
		return cr ? cr : end;
	}
	return lf;
}

void message_base64_text(struct sbuf *sb, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	/* The next LF and the next CR, each searched for again only once
	 * passed: a text without CR is searched for one once. */
	const char *lf = memchr(p, '\n', len), *cr = memchr(p, '\r', len);
	struct b64_text b;

	b.sb = sb;
	b.len = 0;
	while (p < end) {
		const char *br = first_break(lf, cr, end);

		b64_text_line(&b, p, (size_t)(br - p));
		if (br == end) {
			break;
		}
		p = br + (*br == '\r' && br + 1 < end && br[1] == '\n' ? 2 : 1);
		if (lf && lf < p) {
			lf = memchr(p, '\n', (size_t)(end - p));
		}
		if (cr && cr < p) {
			cr = memchr(p, '\r', (size_t)(end - p));
		}
	}
	if (b.len > 0) {
		base64_chunk(sb, b.in, b.len);
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
