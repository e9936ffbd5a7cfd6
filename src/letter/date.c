/* Dates as Vietnamese letters write them: "ngày 27 tháng 4 năm 2023",
 * "27/4/2023", "ngày 05-03-2026" (read from folded text). */
#include "private.h"

bool letter_date_valid(int y, int m, int d)
{
	static const int days[] = {31, 28, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (y < 1945 || y > 2199 || m < 1 || m > 12 || d < 1) {
		return false;
	}
	return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

/* Days since 1970-01-01 of a valid date (the civil calendar). */
long letter_date_days(const struct ymd *d)
{
	int y = d->y - (d->m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (d->m + (d->m > 2 ? -3 : 9)) + 2) / 5 + d->d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

int letter_date_cmp(const struct ymd *a, const struct ymd *b)
{
	long x = (long)a->y * 10000 + a->m * 100 + a->d;
	long y = (long)b->y * 10000 + b->m * 100 + b->d;

	return x < y ? -1 : x > y ? 1 : 0;
}

static void put_digits(char *out, int v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

void letter_date_format(const struct ymd *d, char out[11])
{
	put_digits(out, d->y, 4);
	out[4] = '-';
	put_digits(out + 5, d->m, 2);
	out[7] = '-';
	put_digits(out + 8, d->d, 2);
	out[10] = '\0';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The value of the digit at f[i] (folded), also of one OCR took for a
 * letter (o for 0; l, i or | for 1) next to a digit of the same run
 * (before it, in_run, or right after it); -1 when none. */
static int digit_at(const char *f, size_t i, size_t end, bool in_run)
{
	int d = f[i] == 'o'                                 ? 0
		: f[i] == 'l' || f[i] == 'i' || f[i] == '|' ? 1
							    : -1;

	if (is_digit(f[i])) {
		return f[i] - '0';
	}
	return d >= 0 && (in_run || (i + 1 < end && is_digit(f[i + 1]))) ? d
									 : -1;
}

/* Reads min to max digits at pos, not followed by another digit; with gap,
 * one blank may split them (OCR reads "2026" as "2 026").  Returns the
 * end, 0 when there are none. */
static size_t digits_gap(const char *f, size_t pos, size_t end, size_t min,
			 size_t max, bool gap, int *v_r)
{
	size_t i = pos, n = 0;
	int v = 0, d;

	while (i < end && n < max && (d = digit_at(f, i, end, n > 0)) >= 0) {
		v = v * 10 + d;
		i++;
		n++;
		if (gap && n < max && i + 1 < end && f[i] == ' ' &&
		    is_digit(f[i + 1])) {
			gap = false;
			i++;
		}
	}
	if (n < min || (i < end && is_digit(f[i]))) {
		return 0;
	}
	*v_r = v;
	return i;
}

static size_t digits(const char *f, size_t pos, size_t end, size_t min,
		     size_t max, int *v_r)
{
	return digits_gap(f, pos, end, min, max, false, v_r);
}

/* "tháng M năm Y" after the day. */
static size_t words_rest(const char *f, size_t pos, size_t end, struct ymd *d)
{
	pos = text_fold_word(f, pos, end, "thang");
	if (pos == 0) {
		return 0;
	}
	pos = digits(f, text_fold_skip_blank(f, pos, end, true), end, 1, 2,
		     &d->m);
	if (pos == 0) {
		return 0;
	}
	pos = text_fold_skip_blank(f, pos, end, true);
	if (pos < end && f[pos] == ',') {
		pos = text_fold_skip_blank(f, pos + 1, end, true);
	}
	pos = text_fold_word(f, pos, end, "nam");
	if (pos == 0) {
		return 0;
	}
	return digits_gap(f, text_fold_skip_blank(f, pos, end, true), end, 4, 4,
			  true, &d->y);
}

/* "/M/Y" (or with '-' or '.') after the day. */
static size_t numeric_rest(const char *f, size_t pos, size_t end, struct ymd *d)
{
	char sep;

	if (pos >= end || (f[pos] != '/' && f[pos] != '-' && f[pos] != '.')) {
		return 0;
	}
	sep = f[pos];
	pos = text_fold_skip_blank(f, pos + 1, end, false);
	pos = digits(f, pos, end, 1, 2, &d->m);
	if (pos == 0) {
		return 0;
	}
	pos = text_fold_skip_blank(f, pos, end, false);
	if (pos >= end || f[pos] != sep) {
		return 0;
	}
	pos = text_fold_skip_blank(f, pos + 1, end, false);
	return digits(f, pos, end, 4, 4, &d->y);
}

/* "ngày D" or "D" at pos (not inside a word): the end of the day, 0 when
 * none. */
static size_t day_at(const char *f, size_t pos, size_t end, struct ymd *d)
{
	size_t e = text_fold_word(f, pos, end, "ngay");

	if (e > 0) {
		pos = text_fold_skip_blank(f, e, end, true);
	} else if (pos > 0 && text_fold_is_alnum(f[pos - 1])) {
		return 0;
	}
	return digits(f, pos, end, 1, 2, &d->d);
}

/* "tháng M" or "/M" (or with '-' or '.') after the day, with no year
 * after it. */
static size_t month_rest(const char *f, size_t pos, size_t end, struct ymd *d)
{
	size_t e = text_fold_word(f, pos, end, "thang");
	size_t r;

	if (e > 0) {
		r = digits(f, text_fold_skip_blank(f, e, end, true), end, 1, 2,
			   &d->m);
		e = r > 0 ? text_fold_skip_blank(f, r, end, true) : 0;
		return r > 0 && text_fold_word(f, e, end, "nam") == 0 ? r : 0;
	}
	if (pos >= end || (f[pos] != '/' && f[pos] != '-' && f[pos] != '.')) {
		return 0;
	}
	r = digits(f, text_fold_skip_blank(f, pos + 1, end, false), end, 1, 2,
		   &d->m);
	/* "15/12/" with a year cut off, or "15/12.2026", is not this */
	return r > 0 && !(r + 1 < end && f[r] == f[pos] && is_digit(f[r + 1]))
		   ? r
		   : 0;
}

/* Parses "ngày D/M" or "ngày D tháng M" without a year at pos; the year
 * is the first that puts the day after `after` (the letter's date), when
 * that is at most YEARLESS_AHEAD days on.  Returns the end, or 0. */
size_t letter_date_parse_yearless(const char *f, size_t pos, size_t end,
				  const struct ymd *after, struct ymd *d_r)
{
	struct ymd d = {0, 0, 0};
	size_t r;

	if (!after || after->y <= 0) {
		return 0;
	}
	pos = day_at(f, pos, end, &d);
	if (pos == 0) {
		return 0;
	}
	r = month_rest(f, text_fold_skip_blank(f, pos, end, true), end, &d);
	if (r == 0 || (r < end && text_fold_is_alnum(f[r]))) {
		return 0;
	}
	d.y = after->y;
	if (letter_date_valid(d.y, d.m, d.d) &&
	    letter_date_cmp(&d, after) <= 0) {
		d.y++;
	}
	if (!letter_date_valid(d.y, d.m, d.d) ||
	    letter_date_cmp(&d, after) <= 0 ||
	    letter_date_days(&d) - letter_date_days(after) > YEARLESS_AHEAD) {
		return 0;
	}
	*d_r = d;
	return r;
}

size_t letter_date_parse(const char *f, size_t pos, size_t end, struct ymd *d_r)
{
	struct ymd d = {0, 0, 0};
	size_t e, r;

	pos = day_at(f, pos, end, &d);
	if (pos == 0) {
		return 0;
	}
	e = text_fold_skip_blank(f, pos, end, true);
	r = words_rest(f, e, end, &d);
	if (r == 0) {
		r = numeric_rest(f, e, end, &d);
	}
	if (r == 0 || (r < end && text_fold_is_alnum(f[r])) ||
	    !letter_date_valid(d.y, d.m, d.d)) {
		return 0;
	}
	*d_r = d;
	return r;
}
