/* Inside the letter module: text folded for matching, lines and cells,
 * dates, and the parts of the parser that letter_parse strings together. */
#ifndef CONGVAN_LETTER_PRIVATE_H
#define CONGVAN_LETTER_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "congvan/letter.h"

/* How much of a letter is examined: the header near the top, the
 * signature and distribution near the end, deadlines in between. */
#define LETTER_HEAD_MAX     (64u * 1024)
#define LETTER_TAIL_MAX     (16u * 1024)
#define LETTER_DEADLINE_MAX (128u * 1024)
#define LETTER_LIST_MAX     64

#define NO_LINE SIZE_MAX

/* Text folded for matching keywords: Vietnamese and Latin letters become
 * lower-case ASCII without tone marks (Đ/đ -> d), combining marks are
 * dropped (so NFC and NFD fold alike), dashes become '-', bullets '-',
 * odd spaces ' ', control bytes ' ', invalid UTF-8 '?'; other characters
 * keep their bytes.  Never longer than the original. */
struct ftext {
	const char *orig; /* borrowed */
	size_t orig_len;
	char *f;       /* folded, NUL-terminated */
	uint32_t *off; /* off[i]: offset in orig of f[i]; off[len] = orig_len */
	size_t len;
};

/* Folds len bytes of s (len < 4 GiB; callers cap far below). */
void ftext_init(struct ftext *ft, const char *s, size_t len);
void ftext_release(struct ftext *ft);
/* A clean copy (see text_clean) of the original of folded [fs, fe). */
char *ftext_copy(const struct ftext *ft, size_t fs, size_t fe);
/* Whether the original character at folded pos is a lower-case letter. */
bool ftext_starts_lower(const struct ftext *ft, size_t pos);
/* text_count on the original of folded [fs, fe). */
void ftext_count(const struct ftext *ft, size_t fs, size_t fe, size_t *upper_r,
		 size_t *lower_r, size_t *digits_r);

/* Bytes of f from pos matched by pat (folded, lower-case ASCII), where a
 * ' ' in pat matches any run of blanks, also none.  Returns the end of the
 * match, or 0 when it does not match (pat is never empty). */
size_t fold_match(const char *f, size_t pos, size_t end, const char *pat);
/* fold_match, also requiring word boundaries on both sides. */
size_t fold_word(const char *f, size_t pos, size_t end, const char *pat);
/* The first match of pat in [pos, end) starting on a word boundary; its
 * start into *start_r.  Returns its end, 0 when none. */
size_t fold_find(const char *f, size_t pos, size_t end, const char *pat,
		 size_t *start_r);
bool fold_is_alnum(char c);
bool fold_is_blank(char c);
/* Skips blanks (and with newlines, '\n' too) from pos. */
size_t fold_skip_blank(const char *f, size_t pos, size_t end, bool newlines);

/* A copy of len bytes of s as valid UTF-8 (invalid bytes U+FFFD), control
 * bytes and blanks collapsed to single spaces, trimmed.  NULL when empty. */
char *text_clean(const char *s, size_t len);
/* Counts upper- and lower-case letters and digits in s. */
void text_count(const char *s, size_t len, size_t *upper_r, size_t *lower_r,
		size_t *digits_r);
/* Whether s looks like a Vietnamese personal name: 2 to 6 capitalised
 * words, no digits or punctuation, not a title or a body. */
bool text_is_name(const char *s, size_t len);
/* Whether s (folded) is a separator line: "-----", "_____", "***"... */
bool text_is_separator(const char *f, size_t pos, size_t end);
/* Where the national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc
 * lập - Tự do - Hạnh phúc"...) starts in [pos, end); end when absent. */
size_t text_motto_start(const char *f, size_t pos, size_t end);

/* Lines of a folded text, without their '\n'. */
struct line {
	size_t s, e;
};
struct lines {
	struct line *v;
	size_t n;
};
void lines_split(const struct ftext *ft, struct lines *lines_r);
void lines_free(struct lines *lines);

/* Cells of a line: text separated by a tab or three or more spaces, the
 * way two-column layouts come out of PDF and Word exports.  Each sets
 * [*s_r, *e_r) trimmed and returns false when the range holds none. */
bool cell_first(const char *f, size_t pos, size_t end, size_t *s_r,
		size_t *e_r);
bool cell_last(const char *f, size_t pos, size_t end, size_t *s_r, size_t *e_r);
/* Leading blanks of a line, a tab counting 8. */
size_t line_indent(const char *f, size_t pos, size_t end);
/* Whether the folded range starts with a list dash or bullet; the start of
 * the item's text into *item_r. */
bool list_marker(const char *f, size_t pos, size_t end, size_t *item_r);

/* A list of strings that ends NULL-terminated. */
struct strv {
	char **v;
	size_t n, alloc;
};
void strv_push(struct strv *sv, char *s);
/* Cleans an item (trailing ';' '.' ',' "./." and a leading dash go) and
 * pushes it unless empty.  Takes s. */
void strv_push_item(struct strv *sv, char *s);
/* Pushes the ';'-separated items of the original of folded [s, e). */
void strv_add_split(const struct ftext *ft, size_t s, size_t e,
		    struct strv *sv);
/* Appends the text of a wrapped line to the last item (sv->n > 0). */
void strv_append_last(const struct ftext *ft, size_t s, size_t e,
		      struct strv *sv);
/* The NULL-terminated array (never NULL); sv is reset. */
char **strv_finish(struct strv *sv);
void strv_free(char **v);

struct ymd {
	int y, m, d;
};

/* Parses a date at pos: "ngày 27 tháng 4 năm 2023", "27/4/2023",
 * "ngày 05-03-2026" (folded), a valid calendar date.  Returns the end, or
 * 0 when none. */
size_t date_parse(const char *f, size_t pos, size_t end, struct ymd *d_r);
bool date_valid(int y, int m, int d);
int date_cmp(const struct ymd *a, const struct ymd *b);
void date_format(const struct ymd *d, char out[11]);

/* The result of reading "Số: 2536/BCT-VP" from a line. */
struct letter_number {
	char *number;
	char *symbol;
	size_t end; /* folded position after it */
};
/* Reads a number/symbol from a line that starts with "Số:".  Returns
 * false when the line has none. */
bool number_parse(const struct ftext *ft, const struct line *ln,
		  struct letter_number *num_r);

/* What the header parser found where. */
struct head {
	const struct ftext *ft;
	struct lines lines;
	size_t so;       /* line of "Số:", or NO_LINE */
	size_t num_end;  /* folded end of the number on that line */
	size_t lo, hi;   /* the lines the header may span */
	size_t date;     /* line of place and date, or NO_LINE */
	size_t date_col; /* folded start of place/date in that line */
	struct ymd day;  /* the letter's date, when date != NO_LINE */
	size_t subject;  /* line of "V/v", or NO_LINE */
	size_t to;       /* line of "Kính gửi:", or NO_LINE */
};

void head_find_number(struct head *h, struct letter *l);
void head_find_date(struct head *h, struct letter *l);
void head_find_subject(struct head *h, struct letter *l);
void head_find_recipients(struct head *h, struct letter *l);
void head_find_issuer(struct head *h, struct letter *l);

/* The "Nơi nhận:" list; true when the heading was found. */
bool sign_find_distribution(const struct ftext *ft, const struct lines *ls,
			    struct letter *l);
void sign_find_signer(const struct ftext *ft, const struct lines *ls,
		      struct letter *l);

/* The first deadline stated in ft, skipping dates before or on *after
 * when not NULL. */
bool deadline_scan(const struct ftext *ft, const struct ymd *after,
		   struct ymd *d_r);

#endif
