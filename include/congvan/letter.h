/* Reading the header of a Vietnamese official letter (Decree 30/2020):
 * issuer, "Số: 2536/BCT-VP", place and date, "V/v ..." subject, "Kính
 * gửi:" addressees, "Nơi nhận:" distribution, signer, and a deadline the
 * text states.  Pure code on untrusted text; linear time. */
#ifndef CONGVAN_LETTER_H
#define CONGVAN_LETTER_H

#include <stdbool.h>
#include <stddef.h>

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
	char *deadline;     /* "2026-05-20"; NULL */
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

/* Finds a deadline stated in text: "trước ngày 20/5/2026", "chậm nhất
 * ngày 15 tháng 5 năm 2026", "hạn ... ngày ..."; "YYYY-MM-DD" into
 * date_r (11 bytes).  Dates not introduced by such words (those of cited
 * documents) never count.  Reads the first 128 KiB. */
bool letter_find_deadline(const char *text, size_t len, char date_r[11]);

#endif
