/* A deadline the text states: "trước ngày 20/5/2026", "chậm nhất ngày 15
 * tháng 5 năm 2026", "hạn chót: 30/6/2026", "trước 17h00 ngày 10/12/2026",
 * "không muộn hơn ngày ...", "thời hạn nộp báo cáo: ngày ...".  A date
 * only counts right after such words: the dates of cited documents
 * ("Công điện số 280/CĐ-TTg ngày 19/4/2023") never follow them. */
#include <string.h>

#include "congvan/util.h"
#include "private.h"

#define HAN_WORDS   4 /* words allowed between "hạn" and its date */
#define FILLERS_MAX 4

/* Optional words before the date: "là", "vào", "trước", "đến", ':' and
 * ','; a few at most, so that a run of them costs no more than a few. */
static size_t skip_fillers(const char *f, size_t pos, size_t end)
{
	static const char *const fillers[] = {"la", "vao", "truoc", "den"};

	for (int n = 0; n < FILLERS_MAX; n++) {
		size_t e = 0;

		pos = text_fold_skip_blank(f, pos, end, true);
		if (pos < end && (f[pos] == ':' || f[pos] == ',')) {
			e = pos + 1;
		}
		for (size_t k = 0; k < ARRAY_SIZE(fillers) && e == 0; k++) {
			e = text_fold_word(f, pos, end, fillers[k]);
		}
		if (e == 0) {
			break;
		}
		pos = e;
	}
	return pos;
}

static size_t skip_digits(const char *f, size_t pos, size_t end, size_t max)
{
	size_t i = pos;

	while (i < end && i - pos < max && f[i] >= '0' && f[i] <= '9') {
		i++;
	}
	return i;
}

/* An optional time of day: "17h00", "17h", "17 giờ 30 phút", "16g30". */
static size_t skip_time(const char *f, size_t pos, size_t end)
{
	size_t e = skip_digits(f, pos, end, 2);
	size_t u;

	if (e == pos) {
		return pos;
	}
	e = text_fold_skip_blank(f, e, end, false);
	u = text_fold_match(f, e, end, "gio");
	if (u == 0 && e < end && (f[e] == 'h' || f[e] == 'g')) {
		u = e + 1;
	}
	if (u == 0) {
		return pos;
	}
	e = skip_digits(f, text_fold_skip_blank(f, u, end, false), end, 2);
	e = text_fold_skip_blank(f, e, end, false);
	if (text_fold_word(f, e, end, "phut") > 0) {
		e = text_fold_word(f, e, end, "phut");
	} else if (e < end && (f[e] == '\'' || f[e] == 'p')) {
		e++;
	}
	return e;
}

/* The date after a deadline word ending at pos. */
static size_t date_after(const char *f, size_t pos, size_t end, struct ymd *d_r)
{
	pos = skip_fillers(f, pos, end);
	pos = skip_fillers(f, skip_time(f, pos, end), end);
	return letter_date_parse(f, pos, end, d_r);
}

/* "hạn" and up to HAN_WORDS words ("thời hạn nộp báo cáo:"). */
static size_t date_after_han(const char *f, size_t pos, size_t end,
			     struct ymd *d_r)
{
	for (int w = 0; w <= HAN_WORDS; w++) {
		size_t e = date_after(f, pos, end, d_r);

		if (e > 0) {
			return e;
		}
		pos = text_fold_skip_blank(f, pos, end, false);
		if (pos >= end || !(f[pos] >= 'a' && f[pos] <= 'z')) {
			return 0;
		}
		while (pos < end && text_fold_is_alnum(f[pos])) {
			pos++;
		}
	}
	return 0;
}

static size_t deadline_at(const char *f, size_t pos, size_t end,
			  struct ymd *d_r)
{
	static const char *const words[] = {
	    "truoc", "cham nhat", "han chot", "khong muon hon", "khong qua",
	};
	size_t e;

	for (size_t k = 0; k < ARRAY_SIZE(words); k++) {
		e = text_fold_word(f, pos, end, words[k]);
		if (e > 0) {
			return date_after(f, e, end, d_r);
		}
	}
	e = text_fold_word(f, pos, end, "han");
	return e > 0 ? date_after_han(f, e, end, d_r) : 0;
}

bool letter_deadline_scan(const struct text_folded *ft, const struct ymd *after,
			  struct ymd *d_r)
{
	const char *f = ft->f;

	for (size_t p = 0; p < ft->len; p++) {
		struct ymd d;

		if ((f[p] != 't' && f[p] != 'c' && f[p] != 'h' &&
		     f[p] != 'k') ||
		    (p > 0 && text_fold_is_alnum(f[p - 1]))) {
			continue;
		}
		if (deadline_at(f, p, ft->len, &d) == 0 ||
		    (after && letter_date_cmp(&d, after) <= 0)) {
			continue;
		}
		*d_r = d;
		return true;
	}
	return false;
}

bool letter_find_deadline(const char *text, size_t len, char date_r[11])
{
	struct text_folded ft;
	struct ymd d;
	bool found;

	if (!text || len == 0) {
		return false;
	}
	text_folded_init(&ft, text,
			 len < LETTER_DEADLINE_MAX ? len : LETTER_DEADLINE_MAX);
	found = letter_deadline_scan(&ft, NULL, &d);
	if (found) {
		letter_date_format(&d, date_r);
	}
	text_folded_release(&ft);
	return found;
}
