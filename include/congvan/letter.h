/* Reading the header of a Vietnamese official letter (Decree 30/2020):
 * issuer, "Số: 2536/BCT-VP", place and date, "V/v ..." subject, "Kính
 * gửi:" addressees, "Nơi nhận:" distribution, signer, and a deadline the
 * text states.  Pure code on untrusted text; linear time. */
#ifndef CONGVAN_LETTER_H
#define CONGVAN_LETTER_H

#include <stdbool.h>
#include <stddef.h>

/* How a letter states its deadline. */
enum letter_deadline_kind {
	LETTER_DEADLINE_NONE,
	LETTER_DEADLINE_DATE, /* by a date ("trước 16 giờ ngày 20/10/2026") */
	LETTER_DEADLINE_MONTH, /* within a month or a quarter ("trong tháng
				  10/2026"): by its last day */
	LETTER_DEADLINE_WORKING_DAYS, /* "trong 5 ngày làm việc" */
	LETTER_DEADLINE_DAYS, /* calendar days: "trong thời hạn 10 ngày",
				 "chậm nhất sau 07 ngày" */
};

/* A deadline as the text states it; no calendar: counting working days,
 * and moving a calendar-day period that ends on a day off to the next
 * working day (Civil Code 2015, art. 148), is the workflow's. */
struct letter_deadline {
	enum letter_deadline_kind kind;
	char date[11];   /* DATE, MONTH: "YYYY-MM-DD"; "" otherwise */
	int days;        /* WORKING_DAYS, DAYS: 1 to 365 */
	bool from_issue; /* counted from the letter's date ("kể từ ngày ký",
			    "ban hành"), else from its receipt */
	char *phrase;    /* the words that state it, NFC, one line ("trong 5
			    ngày làm việc kể từ ngày nhận"); NULL with NONE */
};

struct letter {
	char *number;      /* "2536/BCT-VP" (spaces inside repaired); NULL */
	char *issuer;      /* issuing body, e.g. "BỘ CÔNG THƯƠNG"; NULL */
	char *symbol;      /* the part after '/', "BCT-VP"; NULL */
	char *date;        /* "2023-04-27"; NULL */
	char *place;       /* "Hà Nội"; NULL */
	char *subject;     /* the V/v text, unwrapped, without "V/v"; NULL */
	char **recipients; /* "Kính gửi:" addressees; NULL-terminated, never
			      NULL */
	char *
	    *distribution; /* "Nơi nhận:" lines; NULL-terminated, never NULL */
	char *signer;      /* "Nguyễn Hồng Diên"; NULL */
	char *signer_title; /* "THỨ TRƯỞNG", "KT. BỘ TRƯỞNG"...; NULL */
	char *deadline;     /* "2026-05-20": the date stated (DATE, MONTH);
			       NULL */
	struct letter_deadline stated; /* the deadline stated, any kind */
};

/* Reads text (UTF-8, NFC, "\n" line ends).  Returns true when it looks
 * like an official letter (a number/symbol, or at least two of: V/v,
 * Kính gửi, place-and-date, Nơi nhận).  Fields not found stay NULL.
 * Release with letter_free (also after false).  *letter_r is overwritten,
 * not freed.  Keywords match with or without diacritics, in any case and
 * normalisation; the strings returned are NFC.  Examines the first 64 KiB
 * (header), the last 16 KiB (signature, "Nơi nhận") and the first 128 KiB
 * (deadline); any bytes are safe, invalid UTF-8 comes out as U+FFFD. */
bool letter_parse(const char *text, size_t len, struct letter *letter_r);
void letter_free(struct letter *letter);

/* A letter whose text is not in the mail (a scan, a Word file): its
 * number, symbol and date from what the covering mail says of it, in
 * order the subject, the body (its first 16 KiB) and the attachments'
 * file names (NULL-terminated, may be NULL): "Gửi công văn số
 * 88/SCT-QLTM ngày 15/10/2026", "CV 88-SCT-QLTM.pdf".  A number in text
 * follows a letter word ("công văn", "CV", "quyết định", ...) or "số" and
 * has a symbol; a date is "ngày ..." a few words after it, or in a file
 * name.  True when a number was found; release with letter_free (also
 * after false); *letter_r is overwritten. */
bool letter_parse_cover(const char *subject, const char *body, size_t body_len,
			const char *const *filenames, struct letter *letter_r);

/* Finds the first deadline stated in text, in any of the forms of
 * src/letter/deadline.c.  Dates not introduced by deadline words (those
 * of cited documents) never count.  Reads the first 128 KiB.  *d_r is
 * overwritten; release it with letter_deadline_release (also after
 * false). */
bool letter_find_deadline(const char *text, size_t len,
			  struct letter_deadline *d_r);
void letter_deadline_release(struct letter_deadline *d);
/* "date", "month", "working_days", "days"; NULL for NONE (as stored). */
const char *letter_deadline_kind_name(enum letter_deadline_kind k);

#endif
