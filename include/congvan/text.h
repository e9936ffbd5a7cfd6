/* Text as every parser needs it: UTF-8 decoding and repair, Unicode
 * normalisation (NFC), and folding for matching keywords (lower case,
 * Vietnamese tone marks removed, Đ/đ as d).  The parsers (mime, message,
 * letter, reply, config) depend on this module, not on each other.
 * Everything here is linear in its input and safe on any bytes. */
#ifndef CONGVAN_TEXT_H
#define CONGVAN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sbuf;

/* --- utf8.c ------------------------------------------------------------ */

/* The code point of the UTF-8 sequence at s[*i] (len bytes in all), and
 * advances *i past it; -1 (advancing one byte) when the sequence is not
 * valid: overlong, surrogate, truncated or out of range. */
int32_t text_utf8_next(const char *s, size_t len, size_t *i);
/* Appends the UTF-8 form of code point cp. */
void text_utf8_put(struct sbuf *sb, uint32_t cp);
/* Whether s[0..len) is valid UTF-8 (NUL bytes are valid). */
bool text_utf8_valid(const char *s, size_t len);
/* text_utf8_valid, and when valid *high_r is how many of its bytes are
 * 0x80 or above (those of its multibyte characters): what
 * quoted-printable would escape, counted in the same pass. */
bool text_utf8_valid_count(const char *s, size_t len, size_t *high_r);
/* Appends len bytes of s as valid UTF-8: valid sequences are kept, every
 * other byte is read as windows-1252.  With flatten, control characters
 * (C0, DEL, C1) become spaces; without, they and line ends are kept. */
void text_utf8_append(struct sbuf *sb, const char *s, size_t len, bool flatten);
/* The windows-1252 character of byte c (U+FFFD where it has none). */
uint32_t text_cp1252(unsigned char c);
/* Spaces other than ' ' and '\t' that exports leave in text (NBSP, thin
 * and ideographic spaces, ...). */
bool text_is_odd_space(int32_t cp);
/* Characters that carry nothing: zero widths, soft hyphen, BOM. */
bool text_is_invisible(int32_t cp);

/* --- nfc.c ------------------------------------------------------------- */

/* NFC normalisation of UTF-8 text (iOS and some webmails send NFD):
 * invalid bytes are first read as windows-1252, NUL bytes dropped.
 * Caller frees; never NULL (NULL s gives ""). */
char *text_nfc(const char *s, size_t len);
/* Whether NFC leaves cp alone and never combines it with the character
 * before it (the quick check's ranges; exposed for the unit test). */
bool text_nfc_stable(uint32_t cp);
/* A copy of len bytes of s as valid NFC UTF-8 (invalid bytes U+FFFD),
 * control bytes, odd spaces and blank runs collapsed to single spaces,
 * invisible characters (zero widths, soft hyphen, BOM) dropped, trimmed.
 * NULL when nothing is left. */
char *text_clean(const char *s, size_t len);

/* A copy of s cut to at most max bytes (max >= 4) on a character
 * boundary, with "…" in place of what was cut; s whole when it fits.
 * For text from incoming mail that our mail quotes.  Caller frees. */
char *text_cut(const char *s, size_t max);

/* --- fold.c: folding for matching ---------------------------------------
 * One rule, per code point: ASCII letters lower case; Vietnamese and
 * other Latin letters lose their marks (Đ/đ -> d); combining marks and
 * invisible characters go; odd spaces (NBSP, ...) become ' ', dashes and
 * list bullets '-', control characters ' ' (tab and line feed kept, CR
 * dropped); other characters are case-folded without marks; invalid
 * UTF-8 becomes '?'.  So NFC and NFD fold alike, and "ĐỒNG Ý", "đồng ý"
 * and "dong y" all fold to "dong y". */

/* Most bytes one code point folds into. */
#define TEXT_FOLD_MAX 16

/* Folds the code point at s (len > 0) into out; returns the bytes
 * written (0: dropped) and *used_r the input bytes consumed. */
size_t text_fold_next(const char *s, size_t len, char out[TEXT_FOLD_MAX],
		      size_t *used_r);
/* Folds NUL-terminated s (NULL: "") into a new string. */
char *text_fold(const char *s);
/* Folds s[0..len) into out, at most cap - 1 bytes, whole characters only,
 * and NUL-terminates.  Returns the bytes written; *used_r (may be NULL)
 * gets the input bytes consumed. */
size_t text_fold_span(const char *s, size_t len, char *out, size_t cap,
		      size_t *used_r);

/* A folded copy that remembers where each folded byte came from. */
struct text_folded {
	const char *orig; /* borrowed */
	size_t orig_len;
	char *f;       /* folded, NUL-terminated */
	uint32_t *off; /* off[i]: offset in orig of f[i]; off[len] = orig_len */
	size_t len;
};
/* Folds len bytes of s (len < 4 GiB; callers cap far below). */
void text_folded_init(struct text_folded *ft, const char *s, size_t len);
void text_folded_release(struct text_folded *ft);
/* text_clean of the original of folded [fs, fe); NULL when empty. */
char *text_folded_copy(const struct text_folded *ft, size_t fs, size_t fe);

/* Matching on folded text f[pos..end). */
bool text_fold_is_alnum(char c); /* ASCII letter, digit, or non-ASCII */
bool text_fold_is_blank(char c); /* ' ' or '\t' */
/* Skips blanks (and with newlines, '\n' too) from pos. */
size_t text_fold_skip_blank(const char *f, size_t pos, size_t end,
			    bool newlines);
/* Bytes of f from pos matched by pat (folded, lower-case ASCII), where a
 * ' ' in pat matches any run of blanks, also none.  Returns the end of the
 * match, or 0 when it does not match (pat is never empty). */
size_t text_fold_match(const char *f, size_t pos, size_t end, const char *pat);
/* text_fold_match, also requiring word boundaries on both sides. */
size_t text_fold_word(const char *f, size_t pos, size_t end, const char *pat);
/* The first match of pat in [pos, end) starting on a word boundary; its
 * start into *start_r.  Returns its end, 0 when none. */
size_t text_fold_find(const char *f, size_t pos, size_t end, const char *pat,
		      size_t *start_r);
/* True when folded s[0..len) starts with word w followed by the end or a
 * character that is not a letter or digit (Unicode categories). */
bool text_fold_starts_word(const char *s, size_t len, const char *w);

#endif
