/* A date as people write it for a deadline, in Vietnamese or English:
 * the one reader of "a date as written" that the key lines ("Hạn:",
 * "Gia hạn:") and the sentences of replies use.  It owns the month
 * names and the weekday words people write around a date. */
#include <string.h>

#include "congvan/text.h"
#include "congvan/util.h"
#include "private.h"

static const char *const month_names[12] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

/* Vietnamese weekdays, folded ("thứ Sáu", "thứ 6", "Chủ nhật", "CN"). */
static const struct {
	const char *words;
	int weekday; /* 0 = Sunday */
} vi_weekdays[] = {
    {"chu nhat", 0}, {"cn", 0},    {"thu hai", 1}, {"thu 2", 1},
    {"thu ba", 2},   {"thu 3", 2}, {"thu tu", 3},  {"thu 4", 3},
    {"thu nam", 4},  {"thu 5", 4}, {"thu sau", 5}, {"thu 6", 5},
    {"thu bay", 6},  {"thu 7", 6},
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_letter(char c)
{
	return c >= 'a' && c <= 'z';
}

static size_t blanks(const char *f, size_t pos, size_t end)
{
	return text_fold_skip_blank(f, pos, end, false);
}

/* min to max digits at pos, not followed by a digit: their end, 0 when
 * none. */
static size_t number_at(const char *f, size_t pos, size_t end, size_t min,
			size_t max, int *v_r)
{
	size_t i = pos;
	int v = 0;

	while (i < end && i - pos < max && is_digit(f[i])) {
		v = v * 10 + (f[i] - '0');
		i++;
	}
	if (i - pos < min || (i < end && is_digit(f[i]))) {
		return 0;
	}
	*v_r = v;
	return i;
}

/* The end of the run of letters at pos. */
static size_t letters_end(const char *f, size_t pos, size_t end)
{
	while (pos < end && is_letter(f[pos])) {
		pos++;
	}
	return pos;
}

size_t workday_read_month(const char *f, size_t pos, size_t end, int *month_r)
{
	size_t e = letters_end(f, pos, end), n = e - pos;

	if (pos > 0 && text_fold_is_alnum(f[pos - 1])) {
		return 0;
	}
	if (n < 3 || (e < end && text_fold_is_alnum(f[e]))) {
		return 0;
	}
	for (int i = 0; i < 12; i++) {
		/* the whole name, its first three letters, or "sept" */
		if ((n == strlen(month_names[i]) || n == 3 ||
		     (i == 8 && n == 4)) &&
		    n <= strlen(month_names[i]) &&
		    !memcmp(f + pos, month_names[i], n)) {
			*month_r = i + 1;
			return e;
		}
	}
	return 0;
}

size_t workday_read_weekday(const char *f, size_t pos, size_t end,
			    int *weekday_r)
{
	size_t e = letters_end(f, pos, end);
	char word[10];

	if (pos > 0 && text_fold_is_alnum(f[pos - 1])) {
		return 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(vi_weekdays); i++) {
		size_t w = text_fold_word(f, pos, end, vi_weekdays[i].words);

		if (w > 0) {
			*weekday_r = vi_weekdays[i].weekday;
			return w;
		}
	}
	if (e - pos < 3 || e - pos >= sizeof(word) ||
	    (e < end && text_fold_is_alnum(f[e]))) {
		return 0;
	}
	/* folded Vietnamese has words that are English abbreviations ("thư",
	   "thứ": "thu"; "sát": "sat"; "môn": "mon"): an abbreviation only
	   with its mark ("Fri, Dec 18", "Wed. 16"), and never "thu" */
	if (e - pos == 3 && (e >= end || (f[e] != ',' && f[e] != '.') ||
			     !memcmp(f + pos, "thu", 3))) {
		return 0;
	}
	memcpy(word, f + pos, e - pos);
	word[e - pos] = '\0';
	*weekday_r = workday_name_lookup(word);
	if (*weekday_r >= 0 && e - pos == 3 && f[e] == '.') {
		e++;
	}
	return *weekday_r >= 0 ? e : 0;
}

/* The minutes after an hour's unit, and their mark: "30", "30 phút",
 * "30'", "30p".  Their end, pos when none, 0 when no minutes. */
static size_t minutes_at(const char *f, size_t pos, size_t end)
{
	size_t p = blanks(f, pos, end), e, u;
	int min = 0;

	e = number_at(f, p, end, 1, 2, &min);
	if (e == 0) {
		return pos;
	}
	if (min > 59) {
		return 0;
	}
	u = text_fold_word(f, blanks(f, e, end), end, "phut");
	if (u > 0) {
		return u;
	}
	return e < end && (f[e] == '\'' || f[e] == 'p') ? e + 1 : e;
}

size_t workday_read_hour(const char *f, size_t pos, size_t end)
{
	int h = 0, min = 0;
	size_t e = number_at(f, pos, end, 1, 2, &h), u;

	if (e == 0 || h > 24 || (pos > 0 && text_fold_is_alnum(f[pos - 1]))) {
		return 0;
	}
	if (e < end && f[e] == ':') {
		e = number_at(f, e + 1, end, 2, 2, &min);
		e = e > 0 && min <= 59 ? e : 0;
	} else {
		u = blanks(f, e, end);
		e = text_fold_match(f, u, end, "gio");
		if (e == 0 && u < end && (f[u] == 'h' || f[u] == 'g')) {
			e = u + 1;
		}
		e = e > 0 ? minutes_at(f, e, end) : 0;
	}
	return e > 0 && !(e < end && text_fold_is_alnum(f[e])) ? e : 0;
}

/* After a word of the prefix: blanks, a comma, blanks. */
static size_t after_comma(const char *f, size_t pos, size_t end)
{
	pos = blanks(f, pos, end);
	if (pos < end && f[pos] == ',') {
		pos = blanks(f, pos + 1, end);
	}
	return pos;
}

/* A weekday and an hour before the date, in either order, then "ngày"
 * ("thứ Sáu, ngày", "17h00 ngày", "trước 15 giờ, thứ Hai"). */
static size_t prefix(const char *f, size_t pos, size_t end,
		     struct workday_written *w)
{
	bool hour = false;
	size_t e;

	for (int i = 0; i < 2; i++) {
		if (w->weekday < 0 &&
		    (e = workday_read_weekday(f, pos, end, &w->weekday)) > 0) {
			pos = after_comma(f, e, end);
		} else if (!hour && (e = workday_read_hour(f, pos, end)) > 0) {
			hour = true;
			pos = after_comma(f, e, end);
		}
	}
	/* "hết ngày", "cuối ngày": the end of the day, as a deadline is */
	e = text_fold_word(f, pos, end, "het");
	if (e == 0) {
		e = text_fold_word(f, pos, end, "cuoi");
	}
	pos = e > 0 ? blanks(f, e, end) : pos;
	e = text_fold_word(f, pos, end, "ngay");
	return e > 0 ? blanks(f, e, end) : pos;
}

/* A day of the month: one or two digits, or an English ordinal ("20th",
 * "1st"). */
static size_t day_at(const char *f, size_t pos, size_t end, int *d_r)
{
	static const char *const ordinals[] = {"st", "nd", "rd", "th"};
	size_t e = number_at(f, pos, end, 1, 2, d_r);

	for (size_t i = 0; e > 0 && i < ARRAY_SIZE(ordinals); i++) {
		if (end - e >= 2 && !memcmp(f + e, ordinals[i], 2)) {
			e += 2;
			break;
		}
	}
	return e > 0 && !(e < end && text_fold_is_alnum(f[e])) ? e : 0;
}

/* A month name, its abbreviation's dot read with it ("Dec."). */
static size_t month_name_at(const char *f, size_t pos, size_t end, int *m_r)
{
	size_t e = workday_read_month(f, pos, end, m_r);

	if (e > 0 && e < end && f[e] == '.' &&
	    e - pos < strlen(month_names[*m_r - 1])) {
		e++;
	}
	return e;
}

/* A four-digit year after an English date, a comma before it allowed
 * ("December 20, 2026"): its end, or pos when none. */
static size_t english_year(const char *f, size_t pos, size_t end, int *y_r)
{
	size_t e = number_at(f, after_comma(f, pos, end), end, 4, 4, y_r);

	return e > 0 && !(e < end && text_fold_is_alnum(f[e])) ? e : pos;
}

/* "20 December 2026", "20th Dec", "20 of December", "December 20, 2026",
 * "Dec. 20". */
static size_t english(const char *f, size_t pos, size_t end,
		      struct workday_written *w)
{
	size_t e = day_at(f, pos, end, &w->d), m;

	if (e > 0) {
		m = blanks(f, e, end);
		e = text_fold_word(f, m, end, "of");
		m = month_name_at(f, e > 0 ? blanks(f, e, end) : m, end, &w->m);
		return m > 0 ? english_year(f, m, end, &w->y) : 0;
	}
	m = month_name_at(f, pos, end, &w->m);
	if (m == 0) {
		return 0;
	}
	e = day_at(f, blanks(f, m, end), end, &w->d);
	return e > 0 ? english_year(f, e, end, &w->y) : 0;
}

/* "20-Dec-2026", "20-Dec", "20/Dec/2026": one separator throughout. */
static size_t dashed(const char *f, size_t pos, size_t end,
		     struct workday_written *w)
{
	size_t e = number_at(f, pos, end, 1, 2, &w->d), y;
	char sep;

	if (e == 0 || e + 1 >= end || (f[e] != '-' && f[e] != '/')) {
		return 0;
	}
	sep = f[e];
	e = month_name_at(f, e + 1, end, &w->m);
	if (e == 0 || e + 1 >= end || f[e] != sep) {
		return e;
	}
	y = number_at(f, e + 1, end, 4, 4, &w->y);
	return y > 0 ? y : e;
}

/* "18 tháng 12", "18 tháng 12 năm 2026", "18 tháng 12, năm 2026". */
static size_t vietnamese(const char *f, size_t pos, size_t end,
			 struct workday_written *w)
{
	size_t e = number_at(f, pos, end, 1, 2, &w->d), y;

	e = e > 0 ? text_fold_word(f, blanks(f, e, end), end, "thang") : 0;
	e = e > 0 ? number_at(f, blanks(f, e, end), end, 1, 2, &w->m) : 0;
	if (e == 0) {
		return 0;
	}
	y = text_fold_word(f, after_comma(f, e, end), end, "nam");
	y = y > 0 ? number_at(f, blanks(f, y, end), end, 4, 4, &w->y) : 0;
	return y > 0 ? y : e;
}

/* "D/M/Y", "D-M-Y", "D.M.Y" (Y of two or four digits), "D/M", and
 * "YYYY-MM-DD" (also with '/' or '.'): one separator throughout. */
static size_t numeric(const char *f, size_t pos, size_t end,
		      struct workday_written *w)
{
	int v[3] = {0, 0, 0};
	size_t e = pos, widths[3] = {0, 0, 0}, parts = 0;
	char sep = 0;

	for (; parts < 3; parts++) {
		size_t n = number_at(f, e, end, 1, 4, &v[parts]);

		if (n == 0) {
			return 0;
		}
		widths[parts] = n - e;
		e = n;
		if (e + 1 >= end ||
		    (f[e] != '/' && f[e] != '-' && f[e] != '.') ||
		    (sep && f[e] != sep) || !is_digit(f[e + 1]) || parts == 2) {
			parts++;
			break;
		}
		sep = f[e++];
	}
	if (parts == 3 && widths[0] == 4 && widths[1] <= 2 && widths[2] <= 2) {
		w->y = v[0], w->m = v[1], w->d = v[2];
		return e;
	}
	if (parts < 2 || widths[0] > 2 || widths[1] > 2 ||
	    (parts == 3 && widths[2] != 2 && widths[2] != 4)) {
		return 0;
	}
	w->d = v[0], w->m = v[1];
	w->y = parts < 3 ? 0 : widths[2] == 2 ? 2000 + v[2] : v[2];
	return e;
}

/* Whether what follows a weekday after the date at pos lets it be the
 * date's: the end, a mark, or an hour ("18/12, thứ Sáu họp" is not). */
static bool weekday_ends(const char *f, size_t pos, size_t end)
{
	size_t p = blanks(f, pos, end);

	return p >= end || strchr(".,;:!?)\n", f[p]) ||
	       text_fold_word(f, p, end, "luc") > 0 ||
	       workday_read_hour(f, p, end) > 0;
}

/* A weekday after the date: "(thứ Sáu)", ", thứ Sáu", " - Friday". */
static size_t weekday_after(const char *f, size_t pos, size_t end,
			    struct workday_written *w)
{
	size_t p = blanks(f, pos, end), e;
	bool paren = p < end && f[p] == '(';
	int weekday;

	if (p < end && (f[p] == '(' || f[p] == ',' || f[p] == '-')) {
		p = blanks(f, p + 1, end);
	}
	e = workday_read_weekday(f, p, end, &weekday);
	if (e == 0) {
		return pos;
	}
	e = blanks(f, e, end);
	if (paren ? e >= end || f[e] != ')' : !weekday_ends(f, e, end)) {
		return pos;
	}
	w->weekday = weekday;
	return paren ? e + 1 : e;
}

/* After the date and its weekday: "tới", "này", "sắp tới" after a date
 * without its year (the coming one, as without them: "trước ngày 20/12
 * tới"), then an hour ("20/12/2026 lúc 17h00", "20/12, 17h"), read
 * past. */
static size_t suffix(const char *f, size_t pos, size_t end,
		     struct workday_written *w)
{
	static const char *const coming[] = {"sap toi", "toi", "nay"};
	size_t e, p;

	for (size_t i = 0; w->y == 0 && i < ARRAY_SIZE(coming); i++) {
		e = text_fold_word(f, blanks(f, pos, end), end, coming[i]);
		if (e > 0) {
			pos = e;
			break;
		}
	}
	pos = weekday_after(f, pos, end, w);
	p = after_comma(f, pos, end);
	e = text_fold_word(f, p, end, "luc");
	e = workday_read_hour(f, e > 0 ? blanks(f, e, end) : p, end);
	return e > 0 ? e : pos;
}

/* Whether day d of month m can be, in some year (29/2 can). */
static bool day_of_month(int m, int d)
{
	static const int days[] = {31, 29, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};

	return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1];
}

size_t workday_read_written(const char *f, size_t pos, size_t end,
			    struct workday_written *w_r)
{
	struct workday_written w = {0, 0, 0, -1};
	int32_t day;
	int before;
	size_t e, p = prefix(f, pos, end, &w);

	e = vietnamese(f, p, end, &w);
	if (e == 0) {
		e = english(f, p, end, &w);
	}
	if (e == 0) {
		e = dashed(f, p, end, &w);
	}
	if (e == 0) {
		e = numeric(f, p, end, &w);
	}
	/* not part of something longer: "30/12-2026", "20/12/2026/1" */
	if (e == 0 || (e < end && text_fold_is_alnum(f[e])) ||
	    (e + 1 < end && strchr("/-.", f[e]) && is_digit(f[e + 1]))) {
		return 0;
	}
	if (!day_of_month(w.m, w.d) ||
	    (w.y != 0 && workday_day_from_ymd(w.y, w.m, w.d, &day) < 0)) {
		return 0;
	}
	/* one weekday after the date too ("thứ Sáu, 18/12 (thứ Sáu)") */
	before = w.weekday;
	e = suffix(f, e, end, &w);
	if (before >= 0 && w.weekday != before) {
		return 0;
	}
	*w_r = w;
	return e;
}
