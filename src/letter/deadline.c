/* A deadline the text states, in the forms letters use:
 *
 *   dated     "trước ngày 20/5/2026", "chậm nhất ngày 15 tháng 5 năm
 *             2026", "hạn chót: 30/6/2026", "trước 16 giờ ngày 20/10/2026",
 *             "không muộn hơn ngày ...", "thời hạn nộp báo cáo: ngày ...",
 *             "hạn chót nộp hồ sơ là 17h00 ngày ...", "gia hạn thời gian
 *             nộp báo cáo đến ngày ..." (six words at most after "hạn"),
 *             "chậm nhất đến hết ngày ...", "trước thứ Sáu, ngày
 *             18/12/2026"; without the year ("trước ngày 15/12") the
 *             first such day after the letter's date, within half a year
 *   a month   "trong tháng 10/2026", "trong quý IV/2026" (its last day)
 *   relative  "trong 5 ngày làm việc kể từ ngày nhận" (working days),
 *             "trong thời hạn 10 ngày", "chậm nhất sau 07 ngày", "không
 *             quá 15 ngày" (calendar days); from receipt, or from the
 *             letter's date when it says "kể từ ngày ký" / "ban hành"
 *
 * A date only counts right after such words: the dates of cited documents
 * ("Công điện số 280/CĐ-TTg ngày 19/4/2023") never follow them; "trong 5
 * ngày qua" (the last five days) is no deadline, nor the term something
 * is valid for ("có thời hạn đến ngày ...", "còn hạn", "hết hạn",
 * "thời hạn sử dụng", "thời hạn hợp đồng").  "trong ngày 08/12/2026" is
 * left unread: a deadline as often as the day of an event.  Pure:
 * counting the days is the workflow's (src/workflow/due.c). */
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "congvan/workday.h"
#include "private.h"

#define HAN_WORDS                                                              \
	6 /* words allowed between "hạn" and its date ("gia                  \
		 hạn thời gian nộp báo cáo đến ngày ...") */
#define FILLERS_MAX 4
#define DAYS_MAX    365
/* "05 (năm) ngày": the number in words, in brackets, at most this long */
#define SPELLED_MAX 24

/* What a trigger word starts. */
struct found {
	enum letter_deadline_kind kind;
	struct ymd d;
	int days;
	bool from_issue;
};

/* Optional words before the date: "là", "vào", "trước", "đến", a day of
 * the week (workday_read_weekday: "thứ Sáu", "thứ 6", "Chủ nhật"), ':'
 * and ','; a few at most, so that a run of them costs no more than a
 * few. */
static size_t skip_fillers(const char *f, size_t pos, size_t end)
{
	static const char *const fillers[] = {"la", "vao", "truoc", "den het",
					      "den"};
	int weekday;

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
			e = workday_read_weekday(f, pos, end, &weekday);
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

/* An optional time of day (workday_read_hour: "17h00", "17 giờ 30
 * phút", "16g30"). */
static size_t skip_time(const char *f, size_t pos, size_t end)
{
	size_t e = workday_read_hour(f, pos, end);

	return e > 0 ? e : pos;
}

/* The date after a deadline word ending at pos; one without its year
 * takes it from the letter's date, after (NULL: unknown). */
static size_t date_after(const char *f, size_t pos, size_t end,
			 const struct ymd *after, struct found *r)
{
	size_t e;

	pos = skip_fillers(f, pos, end);
	pos = skip_fillers(f, skip_time(f, pos, end), end);
	e = letter_date_parse(f, pos, end, &r->d);
	if (e == 0) {
		e = letter_date_parse_yearless(f, pos, end, after, &r->d);
	}
	r->kind = LETTER_DEADLINE_DATE;
	return e;
}

/* A number of 1 to 3 digits at pos, not part of a longer one; its value
 * into *n_r. */
static size_t number(const char *f, size_t pos, size_t end, int *n_r)
{
	size_t e = skip_digits(f, pos, end, 3);
	int n = 0;

	if (e == pos || (e < end && f[e] >= '0' && f[e] <= '9') ||
	    (pos > 0 && text_fold_is_alnum(f[pos - 1]))) {
		return 0;
	}
	for (size_t i = pos; i < e; i++) {
		n = n * 10 + (f[i] - '0');
	}
	*n_r = n;
	return e;
}

/* "(năm)", "(mười lăm)": the number again in words. */
static size_t skip_spelled(const char *f, size_t pos, size_t end)
{
	size_t p = text_fold_skip_blank(f, pos, end, false), i;

	if (p >= end || f[p] != '(') {
		return pos;
	}
	for (i = p + 1; i < end && i - p <= SPELLED_MAX; i++) {
		if (f[i] == ')') {
			return i + 1;
		}
		if (!(f[i] >= 'a' && f[i] <= 'z') && f[i] != ' ') {
			return pos;
		}
	}
	return pos;
}

/* "kể từ ngày nhận (được)", "kể từ ngày ký", "tính từ ngày ban hành":
 * where the count starts; returns the end of those words, or pos. */
static size_t anchor(const char *f, size_t pos, size_t end, bool *issue_r)
{
	static const char *const froms[] = {"ke tu ngay", "tinh tu ngay",
					    "ke tu khi", "tu ngay"};
	static const char *const issue[] = {"ky", "ban hanh", "van ban",
					    "cong van"};
	size_t p = text_fold_skip_blank(f, pos, end, true), e = 0;

	if (p < end && f[p] == ',') {
		p = text_fold_skip_blank(f, p + 1, end, true);
	}
	for (size_t i = 0; i < ARRAY_SIZE(froms) && e == 0; i++) {
		e = text_fold_word(f, p, end, froms[i]);
	}
	if (e == 0) {
		return pos;
	}
	p = text_fold_skip_blank(f, e, end, true);
	e = text_fold_word(f, p, end, "nhan duoc");
	if (e == 0) {
		e = text_fold_word(f, p, end, "nhan");
	}
	if (e > 0) {
		return e;
	}
	for (size_t i = 0; i < ARRAY_SIZE(issue); i++) {
		e = text_fold_word(f, p, end, issue[i]);
		if (e > 0) {
			*issue_r = true;
			return e;
		}
	}
	return pos;
}

/* "N ngày làm việc", "N ngày" after a deadline word ending at pos, with
 * "thời hạn", "vòng", "là", "sau" before the number. */
static size_t days_after(const char *f, size_t pos, size_t end, struct found *r)
{
	static const char *const fillers[] = {"thoi han", "vong",   "la",
					      "sau",      "toi da", ":"};
	static const char *const past[] = {"qua", "truoc", "gan day", "vua qua",
					   "dau"};
	size_t e;

	for (int n = 0; n < FILLERS_MAX; n++) {
		size_t w = 0;

		pos = text_fold_skip_blank(f, pos, end, true);
		for (size_t k = 0; k < ARRAY_SIZE(fillers) && w == 0; k++) {
			w = text_fold_match(f, pos, end, fillers[k]);
			if (w > 0 && fillers[k][0] != ':' && w < end &&
			    text_fold_is_alnum(f[w])) {
				w = 0;
			}
		}
		if (w == 0) {
			break;
		}
		pos = w;
	}
	e = number(f, pos, end, &r->days);
	if (e == 0 || r->days < 1 || r->days > DAYS_MAX) {
		return 0;
	}
	e = skip_spelled(f, e, end);
	e = text_fold_word(f, text_fold_skip_blank(f, e, end, true), end,
			   "ngay");
	if (e == 0) {
		return 0;
	}
	pos = text_fold_skip_blank(f, e, end, true);
	r->kind = LETTER_DEADLINE_DAYS;
	if (text_fold_word(f, pos, end, "lam viec") > 0) {
		e = text_fold_word(f, pos, end, "lam viec");
		r->kind = LETTER_DEADLINE_WORKING_DAYS;
		pos = text_fold_skip_blank(f, e, end, true);
	}
	for (size_t k = 0; k < ARRAY_SIZE(past); k++) {
		if (text_fold_word(f, pos, end, past[k]) > 0) {
			return 0;
		}
	}
	r->from_issue = false;
	return anchor(f, e, end, &r->from_issue);
}

static bool last_day(int y, int m, struct ymd *d_r)
{
	int d = 31;

	while (d > 27 && !letter_date_valid(y, m, d)) {
		d--;
	}
	d_r->y = y;
	d_r->m = m;
	d_r->d = d;
	return letter_date_valid(y, m, d);
}

/* "/2026", "-2026", "năm 2026" after a month or a quarter. */
static size_t year_after(const char *f, size_t pos, size_t end, int *y_r)
{
	size_t p = text_fold_skip_blank(f, pos, end, false), e;

	if (p < end && (f[p] == '/' || f[p] == '-')) {
		p = text_fold_skip_blank(f, p + 1, end, false);
	} else if ((e = text_fold_word(f, p, end, "nam")) > 0) {
		p = text_fold_skip_blank(f, e, end, true);
	} else {
		return 0;
	}
	e = skip_digits(f, p, end, 4);
	if (e - p != 4 || (e < end && text_fold_is_alnum(f[e]))) {
		return 0;
	}
	*y_r = (f[p] - '0') * 1000 + (f[p + 1] - '0') * 100 +
	       (f[p + 2] - '0') * 10 + (f[p + 3] - '0');
	return e;
}

/* "I", "II", "III", "IV" or "1".."4". */
static size_t quarter_number(const char *f, size_t pos, size_t end, int *q_r)
{
	static const char *const roman[] = {"iv", "iii", "ii", "i"};
	static const int value[] = {4, 3, 2, 1};

	for (size_t i = 0; i < ARRAY_SIZE(roman); i++) {
		size_t e = text_fold_match(f, pos, end, roman[i]);

		if (e > 0 && (e == end || !text_fold_is_alnum(f[e]))) {
			*q_r = value[i];
			return e;
		}
	}
	if (pos < end && f[pos] >= '1' && f[pos] <= '4' &&
	    (pos + 1 == end || !text_fold_is_alnum(f[pos + 1]))) {
		*q_r = f[pos] - '0';
		return pos + 1;
	}
	return 0;
}

/* "tháng 10/2026", "tháng 10 năm 2026", "quý IV/2026" after "trong":
 * the last day of that month or quarter. */
static size_t period_after(const char *f, size_t pos, size_t end,
			   struct found *r)
{
	size_t p = text_fold_skip_blank(f, pos, end, true), e;
	int m = 0, y = 0;

	if ((e = text_fold_word(f, p, end, "thang")) > 0) {
		p = text_fold_skip_blank(f, e, end, true);
		e = skip_digits(f, p, end, 2);
		for (size_t i = p; i < e; i++) {
			m = m * 10 + (f[i] - '0');
		}
	} else if ((e = text_fold_word(f, p, end, "quy")) > 0) {
		e = quarter_number(f, text_fold_skip_blank(f, e, end, true),
				   end, &m);
		m *= 3;
	}
	if (e == 0 || m < 1 || m > 12 || (e = year_after(f, e, end, &y)) == 0 ||
	    !last_day(y, m, &r->d)) {
		return 0;
	}
	r->kind = LETTER_DEADLINE_MONTH;
	return e;
}

/* "hạn" and up to HAN_WORDS words ("thời hạn nộp báo cáo:"), then a date
 * or a number of days. */
static size_t after_han(const char *f, size_t pos, size_t end,
			const struct ymd *after, struct found *r)
{
	for (int w = 0; w <= HAN_WORDS; w++) {
		size_t e = date_after(f, pos, end, after, r);

		if (e == 0) {
			e = days_after(f, pos, end, r);
		}
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

/* Whether the word before pos is one of words. */
static bool word_before(const char *f, size_t pos, const char *const *words,
			size_t n)
{
	size_t e = pos, s;

	while (e > 0 && text_fold_is_blank(f[e - 1])) {
		e--;
	}
	s = e;
	while (s > 0 && text_fold_is_alnum(f[s - 1])) {
		s--;
	}
	for (size_t k = 0; k < n; k++) {
		if (e - s == strlen(words[k]) &&
		    memcmp(f + s, words[k], e - s) == 0) {
			return true;
		}
	}
	return false;
}

/* "hạn" of a term something is valid for, not of something to do: "có
 * thời hạn đến ngày 31/12/2027" (a licence), "còn hạn", "hết hạn", "quá
 * hạn", "thời hạn sử dụng", "thời hạn hợp đồng"...; pos at "hạn" or
 * "thời hạn", e after it. */
static bool term_of_validity(const char *f, size_t pos, size_t e, size_t end)
{
	static const char *const before[] = {"co", "con", "het", "qua"};
	static const char *const after[] = {
	    "su dung", "hieu luc", "bao hanh", "hop dong",  "luu tru",
	    "vay",     "thue",     "gui tien", "giay phep",
	};

	if (word_before(f, pos, before, ARRAY_SIZE(before))) {
		return true;
	}
	e = text_fold_skip_blank(f, e, end, true);
	for (size_t k = 0; k < ARRAY_SIZE(after); k++) {
		if (text_fold_word(f, e, end, after[k]) > 0) {
			return true;
		}
	}
	return false;
}

static size_t deadline_at(const char *f, size_t pos, size_t end,
			  const struct ymd *after, struct found *r)
{
	static const char *const dated[] = {
	    "truoc",
	    "khong muon hon",
	};
	static const char *const either[] = {"cham nhat", "khong qua"};
	static const char *const thoi[] = {"thoi"};
	size_t e, x;

	memset(r, 0, sizeof(*r));
	if ((e = text_fold_word(f, pos, end, "trong")) > 0) {
		x = period_after(f, e, end, r);
		return x > 0 ? x : days_after(f, e, end, r);
	}
	for (size_t k = 0; k < ARRAY_SIZE(either); k++) {
		e = text_fold_word(f, pos, end, either[k]);
		if (e > 0) {
			x = date_after(f, e, end, after, r);
			if (x == 0) {
				x = days_after(f, e, end, r);
			}
			if (x == 0 &&
			    (x = text_fold_word(
				 f, text_fold_skip_blank(f, e, end, true), end,
				 "trong")) > 0) {
				x = period_after(f, x, end, r);
			}
			return x;
		}
	}
	for (size_t k = 0; k < ARRAY_SIZE(dated); k++) {
		e = text_fold_word(f, pos, end, dated[k]);
		if (e > 0) {
			return date_after(f, e, end, after, r);
		}
	}
	e = text_fold_word(f, pos, end, "thoi han");
	if (e == 0) {
		e = text_fold_word(f, pos, end, "han chot");
	}
	/* "hạn" of "thời hạn" was read with it */
	if (e == 0 && !word_before(f, pos, thoi, 1)) {
		e = text_fold_word(f, pos, end, "han");
	}
	if (e == 0 || term_of_validity(f, pos, e, end)) {
		return 0;
	}
	return after_han(f, e, end, after, r);
}

/* Fills d_r from r and the words [s, e) of ft. */
static void fill(const struct text_folded *ft, size_t s, size_t e,
		 const struct found *r, struct letter_deadline *d_r)
{
	memset(d_r, 0, sizeof(*d_r));
	d_r->kind = r->kind;
	if (r->kind == LETTER_DEADLINE_DATE ||
	    r->kind == LETTER_DEADLINE_MONTH) {
		letter_date_format(&r->d, d_r->date);
	} else {
		d_r->days = r->days;
		d_r->from_issue = r->from_issue;
	}
	d_r->phrase = text_folded_copy(ft, s, e);
}

bool letter_deadline_scan(const struct text_folded *ft, const struct ymd *after,
			  struct letter_deadline *d_r)
{
	const char *f = ft->f;

	memset(d_r, 0, sizeof(*d_r));
	for (size_t p = 0; p < ft->len; p++) {
		struct found r;
		size_t e;

		if ((f[p] != 't' && f[p] != 'c' && f[p] != 'h' &&
		     f[p] != 'k') ||
		    (p > 0 && text_fold_is_alnum(f[p - 1]))) {
			continue;
		}
		e = deadline_at(f, p, ft->len, after, &r);
		if (e == 0 || (after &&
			       (r.kind == LETTER_DEADLINE_DATE ||
				r.kind == LETTER_DEADLINE_MONTH) &&
			       letter_date_cmp(&r.d, after) <= 0)) {
			continue;
		}
		fill(ft, p, e, &r, d_r);
		return true;
	}
	return false;
}

bool letter_find_deadline(const char *text, size_t len,
			  struct letter_deadline *d_r)
{
	struct text_folded ft;
	bool found;

	memset(d_r, 0, sizeof(*d_r));
	if (!text || len == 0) {
		return false;
	}
	text_folded_init(&ft, text,
			 len < LETTER_DEADLINE_MAX ? len : LETTER_DEADLINE_MAX);
	found = letter_deadline_scan(&ft, NULL, d_r);
	text_folded_release(&ft);
	return found;
}

void letter_deadline_release(struct letter_deadline *d)
{
	if (!d) {
		return;
	}
	FREE_AND_NULL(d->phrase);
	memset(d, 0, sizeof(*d));
}

const char *letter_deadline_kind_name(enum letter_deadline_kind k)
{
	static const char *const names[] = {
	    [LETTER_DEADLINE_NONE] = NULL,
	    [LETTER_DEADLINE_DATE] = "date",
	    [LETTER_DEADLINE_MONTH] = "month",
	    [LETTER_DEADLINE_WORKING_DAYS] = "working_days",
	    [LETTER_DEADLINE_DAYS] = "days",
	};

	return (size_t)k < ARRAY_SIZE(names) ? names[k] : NULL;
}
