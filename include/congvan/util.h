/* Small helpers every module uses: allocation that never fails, string
 * buffers with a size cap, and a few string functions. */
#ifndef CONGVAN_UTIL_H
#define CONGVAN_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation aborts the process on out-of-memory, in one place, so callers
 * never check for NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The path of congvan's helper executable NAME (libexec.c); NULL when it
 * is nowhere to be found.  Caller frees. */
char *util_libexec_path(const char *name);

/* FNV-1a (64 bits), one byte at a time: a quick hash for tables and
 * digests, not for anything an adversary chooses.  Start from
 * UTIL_FNV_BASIS. */
#define UTIL_FNV_BASIS 0xcbf29ce484222325ULL
static inline uint64_t util_fnv1a(uint64_t h, unsigned char byte)
{
	return (h ^ byte) * 0x100000001b3ULL;
}

#define FREE_AND_NULL(p)                                                       \
	do {                                                                   \
		free(p);                                                       \
		(p) = NULL;                                                    \
	} while (0)

/* A growable string, always NUL-terminated once anything was added.  When
 * an append would take it past cap, the append is dropped and 'overflow' is
 * set; callers that care check it once at the end. */
struct sbuf {
	char *buf;
	size_t len;
	size_t alloc;
	size_t cap;
	bool overflow;
};

#define SBUF_INIT(max)                                                         \
	{                                                                      \
		NULL, 0, 0, (max), false                                       \
	}

void sbuf_init(struct sbuf *sb, size_t cap);
void sbuf_release(struct sbuf *sb);
void sbuf_reset(struct sbuf *sb);
void sbuf_add(struct sbuf *sb, const void *data, size_t n);
void sbuf_adds(struct sbuf *sb, const char *s);
void sbuf_addch(struct sbuf *sb, char c);
/* Appends s (NULL: nothing) with & < > " ' written as HTML entities. */
void sbuf_add_html(struct sbuf *sb, const char *s);
void sbuf_addf(struct sbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap);
/* Returns the contents, never NULL ("" when empty). Borrowed. */
const char *sbuf_str(const struct sbuf *sb);
/* Hands the buffer to the caller (never NULL) and resets sb. */
char *sbuf_detach(struct sbuf *sb);

/* ASCII-only helpers: header names, keywords and protocols are ASCII. */
bool str_startswith(const char *s, const char *prefix);
bool str_istartswith(const char *s, const char *prefix);
bool str_iequal(const char *a, const char *b);
/* Case-insensitive substring search of an ASCII needle. */
const char *str_icasestr(const char *hay, const char *needle);
/* Trims ASCII white space in place; returns s. */
char *str_trim(char *s);
/* Parses a whole decimal number in [min, max]; 0 on success. */
int str_to_long(const char *s, long min, long max, long *out_r);
/* Lower-case hex of n bytes into out (2n+1 bytes). */
void hex_encode(const unsigned char *in, size_t n, char *out);
/* The first nhex (at most 64) lower-case hex digits of
 * HMAC-SHA256(secret, purpose || msg) into out (nhex + 1 bytes); purpose
 * (may be NULL) keeps the MACs made for one use from serving another. */
void util_hmac_hex(const char *secret, const char *purpose, const char *msg,
		   size_t nhex, char *out);

/* Reads a whole file into a NUL-terminated buffer. 0 ok, -1 with errno. */
int file_read_all(const char *path, char **data_r, size_t *len_r);
/* Run by root, hands the file open as fd at path to the owner and group of
 * the folder path lies in, when that folder is not root's: what root
 * creates in the service user's folder stays usable by the service.
 * Otherwise does nothing.  0, or -1 with errno. */
int file_own_as_folder(int fd, const char *path);

#endif
