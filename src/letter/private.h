/* Inside the letter module: text folded for matching, lines and cells,
 * dates, and the parts of the parser that letter_parse strings together. */
#ifndef CONGVAN_LETTER_PRIVATE_H
#define CONGVAN_LETTER_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "congvan/letter.h"
#include "congvan/text.h"

/* How much of a letter is examined: the header near the top, the
 * signature and distribution near the end, deadlines in between. */
#define LETTER_HEAD_MAX     (64u * 1024)
#define LETTER_TAIL_MAX     (16u * 1024)
#define LETTER_DEADLINE_MAX (128u * 1024)
#define LETTER_LIST_MAX     64

#define NO_LINE SIZE_MAX

/* Whether the original character at folded pos is a lower-case (an
 * upper-case) letter. */
bool letter_starts_lower(const struct text_folded *ft, size_t pos);
bool letter_starts_upper(const struct text_folded *ft, size_t pos);
/* letter_text_count on the original of folded [fs, fe). */
void letter_folded_count(const struct text_folded *ft, size_t fs, size_t fe,
			 size_t *upper_r, size_t *lower_r, size_t *digits_r);

/* Counts upper- and lower-case letters and digits in s. */
void letter_text_count(const char *s, size_t len, size_t *upper_r,
		       size_t *lower_r, size_t *digits_r);
/* Whether s looks like a Vietnamese personal name: 2 to 6 capitalised
 * words, no digits or punctuation, not a title or a body. */
bool letter_is_name(const char *s, size_t len);
/* Whether s (folded) is a separator line: "-----", "_____", "***"... */
bool letter_is_separator(const char *f, size_t pos, size_t end);
/* Where the national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc
 * lập - Tự do - Hạnh phúc"...) starts in [pos, end), also glued to the
 * text before it; end when absent. */
size_t letter_motto_start(const char *f, size_t pos, size_t end);

/* Where the capitalised words before end start, at most max_words of
 * them and not before start ("Nghệ An", "TP. Hồ Chí Minh"); the first may
 * be glued to the text before it, as text extraction glues two columns
 * ("năm 2026Hà Nội", "BCT-KHHà Nội").  end when there are none. */
size_t letter_capitalised_start(const struct text_folded *ft, size_t start,
				size_t end, int max_words);
/* At most this many words in a place read back from its comma. */
#define PLACE_BACK_WORDS 5

/* Lines of a folded text, without their '\n'. */
struct line {
	size_t s, e;
};
struct lines {
	struct line *v;
	size_t n;
};
void letter_lines_split(const struct text_folded *ft, struct lines *lines_r);
void letter_lines_free(struct lines *lines);

/* Cells of a line: text separated by a tab or three or more spaces, the
 * way two-column layouts come out of PDF and Word exports.  Each sets
 * [*s_r, *e_r) trimmed and returns false when the range holds none. */
bool letter_cell_first(const char *f, size_t pos, size_t end, size_t *s_r,
		       size_t *e_r);
bool letter_cell_last(const char *f, size_t pos, size_t end, size_t *s_r,
		      size_t *e_r);
/* Leading blanks of a line, a tab counting 8. */
size_t letter_line_indent(const char *f, size_t pos, size_t end);
/* Whether the folded range starts with a list dash or bullet; the start of
 * the item's text into *item_r. */
bool letter_list_marker(const char *f, size_t pos, size_t end, size_t *item_r);

/* A list of strings that ends NULL-terminated. */
struct strv {
	char **v;
	size_t n, alloc;
};
void letter_strv_push(struct strv *sv, char *s);
/* Cleans an item (trailing ';' '.' ',' "./." and a leading dash go) and
 * pushes it unless empty.  Takes s. */
void letter_strv_push_item(struct strv *sv, char *s);
/* Pushes the ';'-separated items of the original of folded [s, e). */
void letter_strv_add_split(const struct text_folded *ft, size_t s, size_t e,
			   struct strv *sv);
/* Appends the text of a wrapped line to the last item (sv->n > 0). */
void letter_strv_append_last(const struct text_folded *ft, size_t s, size_t e,
			     struct strv *sv);
/* The NULL-terminated array (never NULL); sv is reset. */
char **letter_strv_finish(struct strv *sv);
void letter_strv_free(char **v);

struct ymd {
	int y, m, d;
};

/* Parses a date at pos: "ngày 27 tháng 4 năm 2023", "27/4/2023",
 * "ngày 05-03-2026" (folded), a valid calendar date.  Returns the end, or
 * 0 when none. */
size_t letter_date_parse(const char *f, size_t pos, size_t end,
			 struct ymd *d_r);
/* A deadline written without its year ("trước ngày 15/12") is read at
 * most this many days after the letter's date. */
#define YEARLESS_AHEAD 183
/* Parses "ngày 15/12", "15-12", "ngày 15 tháng 12" with no year at pos:
 * the first such day after `after` (the letter's date), if it comes
 * within YEARLESS_AHEAD days.  Returns the end, or 0 when none. */
size_t letter_date_parse_yearless(const char *f, size_t pos, size_t end,
				  const struct ymd *after, struct ymd *d_r);
bool letter_date_valid(int y, int m, int d);
/* Days since 1970-01-01 of a valid date. */
long letter_date_days(const struct ymd *d);
int letter_date_cmp(const struct ymd *a, const struct ymd *b);
void letter_date_format(const struct ymd *d, char out[11]);

/* The result of reading "Số: 2536/BCT-VP" from a line. */
struct letter_number {
	char *number;
	char *symbol;
	size_t end; /* folded position after it */
};
/* Reads a number/symbol from a line that starts with "Số:".  Returns
 * false when the line has none. */
bool letter_number_parse(const struct text_folded *ft, const struct line *ln,
			 struct letter_number *num_r);
/* Reads "88/SCT-QLTM" (a number and a symbol are required) at folded pos,
 * before end. */
bool letter_number_at(const struct text_folded *ft, size_t pos, size_t end,
		      struct letter_number *num_r);

/* What the header parser found where. */
struct head {
	const struct text_folded *ft;
	struct lines lines;
	size_t so;       /* line of "Số:", or NO_LINE */
	size_t num_end;  /* folded end of the number on that line */
	size_t lo, hi;   /* the lines the header may span */
	size_t date;     /* line of place and date, or NO_LINE */
	size_t date_col; /* folded start of place/date in that line */
	struct ymd day;  /* the letter's date (y 0 when the day was left
			    blank), when date != NO_LINE */
	size_t subject;  /* line of "V/v", or NO_LINE */
	size_t to;       /* line of "Kính gửi:", or NO_LINE */
};

void letter_head_find_number(struct head *h, struct letter *l);
void letter_head_find_date(struct head *h, struct letter *l);
void letter_head_find_subject(struct head *h, struct letter *l);
void letter_head_find_recipients(struct head *h, struct letter *l);
void letter_head_find_issuer(struct head *h, struct letter *l);

/* The "Nơi nhận:" list; true when the heading was found. */
bool letter_sign_find_distribution(const struct text_folded *ft,
				   const struct lines *ls, struct letter *l);
void letter_sign_find_signer(const struct text_folded *ft,
			     const struct lines *ls, struct letter *l);

/* The first deadline stated in ft, skipping dates before or on *after
 * when not NULL.  *d_r is overwritten. */
bool letter_deadline_scan(const struct text_folded *ft, const struct ymd *after,
			  struct letter_deadline *d_r);

#endif
