/* Transfer decoding: base64 and quoted-printable, and the digest of an
 * attachment.
 *
 * libetpan's mailmime_part_parse() is not used: it decodes base64 one
 * character at a time through a function call and a growing mmap string
 * (about 110 MB/s here).  The decoder below looks up four characters at
 * once in tables that already hold each 6-bit value in its place within
 * the 3 output bytes, so one OR and one test decode a group; anything
 * that is not a clean group (line ends, garbage, '=') takes the slow path
 * for one character and the fast path resumes at the next group.
 * Attachments are decoded in slices into a stack buffer and hashed as
 * they go, so nothing is allocated unless the bytes are to be kept. */
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

#define B64_BAD  0x01000000u
#define B64_PAD  0xfe
#define B64_SKIP 0xff

#define B64V(c)                                                                \
	((c) >= 'A' && (c) <= 'Z'   ? (c) - 'A'                                \
	 : (c) >= 'a' && (c) <= 'z' ? (c) - 'a' + 26                           \
	 : (c) >= '0' && (c) <= '9' ? (c) - '0' + 52                           \
	 : (c) == '+'               ? 62                                       \
	 : (c) == '/'               ? 63                                       \
	 : (c) == '='               ? B64_PAD                                  \
				    : B64_SKIP)
#define B64OK(c) (B64V(c) < 64)
/* Output byte 0 = a << 2 | b >> 4, 1 = b << 4 | c >> 2, 2 = c << 6 | d. */
#define T0(c) (B64OK(c) ? (uint32_t)B64V(c) << 2 : B64_BAD)
#define T1(c)                                                                  \
	(B64OK(c)                                                              \
	     ? ((uint32_t)B64V(c) >> 4) | (((uint32_t)B64V(c) & 15) << 12)     \
	     : B64_BAD)
#define T2(c)                                                                  \
	(B64OK(c) ? (((uint32_t)B64V(c) >> 2) << 8) |                          \
			(((uint32_t)B64V(c) & 3) << 22)                        \
		  : B64_BAD)
#define T3(c) (B64OK(c) ? (uint32_t)B64V(c) << 16 : B64_BAD)
#define TV(c) ((uint8_t)B64V(c))

#define E4(F, n)  F(n), F(n + 1), F(n + 2), F(n + 3)
#define E16(F, n) E4(F, n), E4(F, n + 4), E4(F, n + 8), E4(F, n + 12)
#define E64(F, n) E16(F, n), E16(F, n + 16), E16(F, n + 32), E16(F, n + 48)
#define E256(F)   E64(F, 0), E64(F, 64), E64(F, 128), E64(F, 192)

static const uint32_t b64_t0[256] = {E256(T0)};
static const uint32_t b64_t1[256] = {E256(T1)};
static const uint32_t b64_t2[256] = {E256(T2)};
static const uint32_t b64_t3[256] = {E256(T3)};
static const uint8_t b64_val[256] = {E256(TV)};

/* Hex digit values; 0xff for anything else. */
#define HV(c)                                                                  \
	((c) >= '0' && (c) <= '9'   ? (c) - '0'                                \
	 : (c) >= 'A' && (c) <= 'F' ? (c) - 'A' + 10                           \
	 : (c) >= 'a' && (c) <= 'f' ? (c) - 'a' + 10                           \
				    : 0xff)
#define HX(c) ((uint8_t)HV(c))
static const uint8_t hex_val[256] = {E256(HX)};

static unsigned char hex_pair(const char *s)
{
	return (unsigned char)(hex_val[(unsigned char)s[0]] << 4 |
			       hex_val[(unsigned char)s[1]]);
}

/* One group of four characters, looked up: B64_BAD set unless clean. */
static inline uint32_t b64_group(const unsigned char *in)
{
	return b64_t0[in[0]] | b64_t1[in[1]] | b64_t2[in[2]] | b64_t3[in[3]];
}

/* Stores the 3 bytes of group x, and a fourth (zero) byte that the next
 * store overwrites: the output always has room for it (see
 * mime_b64_decode). */
static inline void b64_store(unsigned char *out, uint32_t x)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(out, &x, 4); /* bytes 0, 1, 2 in order, then a zero */
#else
	out[0] = (unsigned char)x;
	out[1] = (unsigned char)(x >> 8);
	out[2] = (unsigned char)(x >> 16);
	out[3] = 0;
#endif
}

/* Decodes whole groups while they are clean, four at a time, stepping
 * over line ends between groups; returns the input used. */
static size_t b64_fast(const unsigned char *in, size_t len, unsigned char **o)
{
	unsigned char *out = *o;
	size_t i = 0;

	for (;;) {
		while (len - i >= 16) {
			uint32_t a = b64_group(in + i);
			uint32_t b = b64_group(in + i + 4);
			uint32_t c = b64_group(in + i + 8);
			uint32_t d = b64_group(in + i + 12);

			if ((a | b | c | d) & B64_BAD) {
				break;
			}
			b64_store(out, a);
			b64_store(out + 3, b);
			b64_store(out + 6, c);
			b64_store(out + 9, d);
			out += 12;
			i += 16;
		}
		if (len - i < 4) {
			break;
		}
		if (!(b64_group(in + i) & B64_BAD)) {
			b64_store(out, b64_group(in + i));
			out += 3;
			i += 4;
		} else if (in[i] == '\n') {
			i++;
		} else if (in[i] == '\r' && in[i + 1] == '\n') {
			i += 2;
		} else {
			break;
		}
	}
	*o = out;
	return i;
}

size_t mime_b64_finish(struct mime_b64 *st, unsigned char *out)
{
	size_t n = 0;

	if (st->n == 2) {
		out[n++] = (unsigned char)(st->acc >> 4);
	} else if (st->n == 3) {
		out[n++] = (unsigned char)(st->acc >> 10);
		out[n++] = (unsigned char)(st->acc >> 2);
	}
	st->acc = 0;
	st->n = 0;
	return n;
}

/* One character the slow way. */
static void b64_one(struct mime_b64 *st, unsigned char c, unsigned char **o)
{
	uint8_t v = b64_val[c];

	if (v < 64) {
		st->acc = (st->acc << 6) | v;
		if (++st->n == 4) {
			(*o)[0] = (unsigned char)(st->acc >> 16);
			(*o)[1] = (unsigned char)(st->acc >> 8);
			(*o)[2] = (unsigned char)st->acc;
			*o += 3;
			st->acc = 0;
			st->n = 0;
		}
	} else if (v == B64_PAD) {
		/* The group ends here; decoding goes on after it, so that
		 * concatenated base64 blocks all decode. */
		*o += mime_b64_finish(st, *o);
	}
}

size_t mime_b64_decode(struct mime_b64 *st, const char *in, size_t len,
		       unsigned char *out)
{
	const unsigned char *p = (const unsigned char *)in;
	unsigned char *o = out;
	size_t i = 0;

	while (i < len) {
		if (st->n == 0) {
			i += b64_fast(p + i, len - i, &o);
			if (i == len) {
				break;
			}
		}
		b64_one(st, p[i++], &o);
	}
	return (size_t)(o - out);
}

/* Soft line break at in[i] ('=' then optional white space, then CRLF,
 * LF or the end): returns the index after it, or 0 when it is not one. */
static size_t qp_soft_break(const char *in, size_t len, size_t i)
{
	size_t j = i + 1;

	while (j < len && (in[j] == ' ' || in[j] == '\t')) {
		j++;
	}
	if (j == len) {
		return j;
	}
	if (in[j] == '\n') {
		return j + 1;
	}
	if (in[j] == '\r') {
		return (j + 1 < len && in[j + 1] == '\n') ? j + 2 : j + 1;
	}
	return 0;
}

void mime_qp_decode(const char *in, size_t len, struct sbuf *out)
{
	unsigned char *buf = xmalloc(len + 1);
	size_t o = 0;
	size_t i = 0;

	while (i < len) {
		const char *eq = memchr(in + i, '=', len - i);
		size_t run = eq ? (size_t)(eq - in) - i : len - i;
		size_t next;

		memcpy(buf + o, in + i, run);
		o += run;
		i += run;
		if (i == len) {
			break;
		}
		if (i + 2 < len && hex_val[(unsigned char)in[i + 1]] < 16 &&
		    hex_val[(unsigned char)in[i + 2]] < 16) {
			buf[o++] = hex_pair(in + i + 1);
			i += 3;
			continue;
		}
		next = qp_soft_break(in, len, i);
		if (next) {
			i = next;
		} else {
			buf[o++] = '='; /* malformed: kept as written */
			i++;
		}
	}
	sbuf_add(out, buf, o);
	free(buf);
}

void mime_decode_append(enum mime_cte cte, const char *in, size_t len,
			struct sbuf *out)
{
	struct mime_b64 st = {0, 0};
	unsigned char *buf;
	size_t n;

	switch (cte) {
	case MIME_CTE_BASE64:
		buf = xmalloc(len / 4 * 3 + 8);
		n = mime_b64_decode(&st, in, len, buf);
		n += mime_b64_finish(&st, buf + n);
		sbuf_add(out, buf, n);
		free(buf);
		break;
	case MIME_CTE_QP:
		mime_qp_decode(in, len, out);
		break;
	case MIME_CTE_RAW:
		sbuf_add(out, in, len);
		break;
	}
}

#define SLICE_IN  (48 * 1024)
#define SLICE_OUT (SLICE_IN / 4 * 3 + 8)

/* Hashes base64 as it decodes, slice by slice; returns the decoded size. */
static size_t b64_hash(struct sha256_ctx *sha, const char *in, size_t len)
{
	unsigned char buf[SLICE_OUT];
	struct mime_b64 st = {0, 0};
	size_t total = 0;
	size_t n;

	for (size_t i = 0; i < len; i += n) {
		size_t take = len - i < SLICE_IN ? len - i : SLICE_IN;
		size_t got = mime_b64_decode(&st, in + i, take, buf);

		sha256_update(sha, got, buf);
		total += got;
		n = take;
	}
	n = mime_b64_finish(&st, buf);
	sha256_update(sha, n, buf);
	return total + n;
}

void mime_attachment_digest(struct mime_attachment *a, enum mime_cte cte,
			    const char *in, size_t len, bool keep)
{
	struct sha256_ctx sha;
	uint8_t digest[SHA256_DIGEST_SIZE];
	struct sbuf sb = SBUF_INIT(SIZE_MAX - 1);

	sha256_init(&sha);
	if (keep || cte == MIME_CTE_QP) {
		mime_decode_append(cte, in, len, &sb);
		a->size = sb.len;
		sha256_update(&sha, sb.len, (const uint8_t *)sbuf_str(&sb));
	} else if (cte == MIME_CTE_BASE64) {
		a->size = b64_hash(&sha, in, len);
	} else {
		a->size = len;
		sha256_update(&sha, len, (const uint8_t *)in);
	}
	sha256_digest(&sha, sizeof(digest), digest);
	hex_encode(digest, sizeof(digest), a->sha256);
	if (keep) {
		a->data = sbuf_detach(&sb);
	}
	sbuf_release(&sb);
}
