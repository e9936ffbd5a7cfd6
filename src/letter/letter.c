/* letter_parse: the header from the first LETTER_HEAD_MAX bytes, the
 * signature and "Nơi nhận" from the last LETTER_TAIL_MAX, a deadline from
 * the first LETTER_DEADLINE_MAX.  Each window is folded once and read
 * line by line; no step goes back more than a few lines. */
#include <stdlib.h>
#include <string.h>

#include "congvan/letter.h"
#include "congvan/util.h"
#include "private.h"

/* The first n bytes of text, cut after a line end when it is longer. */
static size_t head_len(const char *text, size_t len, size_t n)
{
	const char *nl;

	if (len <= n) {
		return len;
	}
	nl = memrchr(text, '\n', n);
	return nl ? (size_t)(nl - text) + 1 : n;
}

/* Where the last n bytes of text start, after a line end. */
static size_t tail_start(const char *text, size_t len, size_t n)
{
	const char *nl;

	if (len <= n) {
		return 0;
	}
	nl = memchr(text + len - n, '\n', n);
	return nl ? (size_t)(nl - text) + 1 : len - n;
}

static void read_head(const char *text, size_t len, struct letter *l,
		      struct head *h, struct text_folded *ft)
{
	text_folded_init(ft, text, head_len(text, len, LETTER_HEAD_MAX));
	h->ft = ft;
	letter_lines_split(ft, &h->lines);
	h->so = h->date = h->subject = h->to = NO_LINE;
	h->num_end = h->date_col = 0;
	letter_head_find_number(h, l);
	letter_head_find_date(h, l);
	letter_head_find_subject(h, l);
	letter_head_find_recipients(h, l);
	letter_head_find_issuer(h, l);
}

/* "Nơi nhận" and the signer; true when "Nơi nhận" was there. */
static bool read_end(const char *text, size_t len,
		     const struct text_folded *head, struct letter *l)
{
	size_t start = tail_start(text, len, LETTER_TAIL_MAX);
	struct text_folded own = {NULL, 0, NULL, NULL, 0};
	const struct text_folded *ft = head;
	struct lines ls;
	bool found;

	if (start > 0 || head->orig_len < len) {
		text_folded_init(&own, text + start, len - start);
		ft = &own;
	}
	letter_lines_split(ft, &ls);
	found = letter_sign_find_distribution(ft, &ls, l);
	letter_sign_find_signer(ft, &ls, l);
	letter_lines_free(&ls);
	text_folded_release(&own);
	return found;
}

static void read_deadline(const char *text, size_t len,
			  const struct text_folded *head, const struct head *h,
			  struct letter *l)
{
	struct text_folded own = {NULL, 0, NULL, NULL, 0};
	const struct text_folded *ft = head;

	if (head->orig_len < len) {
		text_folded_init(
		    &own, text,
		    len < LETTER_DEADLINE_MAX ? len : LETTER_DEADLINE_MAX);
		ft = &own;
	}
	if (letter_deadline_scan(ft, l->date ? &h->day : NULL, &l->stated) &&
	    l->stated.date[0]) {
		l->deadline = xstrdup(l->stated.date);
	}
	text_folded_release(&own);
}

bool letter_parse(const char *text, size_t len, struct letter *letter_r)
{
	struct letter *l = letter_r;
	struct text_folded ft;
	struct head h;
	bool dist;
	int parts;

	memset(l, 0, sizeof(*l));
	l->recipients = letter_strv_finish(&(struct strv){NULL, 0, 0});
	l->distribution = letter_strv_finish(&(struct strv){NULL, 0, 0});
	if (!text || len == 0) {
		return false;
	}
	read_head(text, len, l, &h, &ft);
	dist = read_end(text, len, &ft, l);
	read_deadline(text, len, &ft, &h, l);
	parts =
	    (l->subject != NULL) + (h.to != NO_LINE) + (l->date != NULL) + dist;
	letter_lines_free(&h.lines);
	text_folded_release(&ft);
	return l->symbol != NULL || parts >= 2;
}

void letter_free(struct letter *letter)
{
	if (!letter) {
		return;
	}
	free(letter->number);
	free(letter->issuer);
	free(letter->symbol);
	free(letter->date);
	free(letter->place);
	free(letter->subject);
	letter_strv_free(letter->recipients);
	letter_strv_free(letter->distribution);
	free(letter->signer);
	free(letter->signer_title);
	free(letter->deadline);
	letter_deadline_release(&letter->stated);
	memset(letter, 0, sizeof(*letter));
}
