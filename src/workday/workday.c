/* Day numbers: conversions to and from instants, dates and text.  The
 * civil-date arithmetic is Howard Hinnant's days_from_civil and
 * civil_from_days, on non-negative numbers only since days start in
 * 1970. */
#include <stdlib.h>
#include <string.h>

#include "congvan/clock.h"
#include "congvan/text.h"
#include "congvan/util.h"
#include "private.h"

#define SECONDS_PER_DAY 86400

const char *const workday_abbrev[7] = {"Sun", "Mon", "Tue", "Wed",
				       "Thu", "Fri", "Sat"};

static const char *const full_names[7] = {"sunday",    "monday",   "tuesday",
					  "wednesday", "thursday", "friday",
					  "saturday"};

int workday_name_lookup(const char *s)
{
	for (int i = 0; i < 7; i++) {
		if (str_iequal(s, workday_abbrev[i]) ||
		    str_iequal(s, full_names[i])) {
			return i;
		}
	}
	return -1;
}

int32_t workday_clamp(int64_t d)
{
	if (d < WORKDAY_DAY_MIN) {
		return WORKDAY_DAY_MIN;
	}
	if (d > WORKDAY_DAY_MAX) {
		return WORKDAY_DAY_MAX;
	}
	return (int32_t)d;
}

int32_t workday_day_of(time_t t)
{
	int64_t q = (int64_t)t / SECONDS_PER_DAY;
	int64_t r = (int64_t)t % SECONDS_PER_DAY;

	/* Floor division, then the offset, so that no sum can overflow. */
	if (r < 0) {
		r += SECONDS_PER_DAY;
		q--;
	}
	if (r + CLOCK_LOCAL_OFFSET >= SECONDS_PER_DAY) {
		q++;
	}
	return workday_clamp(q);
}

time_t workday_day_start(int32_t day)
{
	return (time_t)workday_clamp(day) * SECONDS_PER_DAY -
	       CLOCK_LOCAL_OFFSET;
}

time_t workday_day_end(int32_t day)
{
	return workday_day_start(day) + SECONDS_PER_DAY - 1;
}

static bool leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};

	return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

int workday_day_from_ymd(int y, int m, int d, int32_t *day_r)
{
	int yy, era, yoe, doy, doe;

	if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m)) {
		return -1;
	}
	yy = m <= 2 ? y - 1 : y;
	era = yy / 400;
	yoe = yy - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*day_r = era * 146097 + doe - 719468;
	return 0;
}

void workday_ymd(int32_t day, int *y_r, int *m_r, int *d_r)
{
	int z = workday_clamp(day) + 719468;
	int era = z / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int m = mp < 10 ? mp + 3 : mp - 9;

	*d_r = doy - (153 * mp + 2) / 5 + 1;
	*m_r = m;
	*y_r = yoe + era * 400 + (m <= 2);
}

int workday_weekday(int32_t day)
{
	return (workday_clamp(day) + 4) % 7; /* 1970-01-01 was a Thursday */
}

/* Reads min to max digits from the n bytes at s; returns how many, 0 when
 * fewer than min. */
static size_t digits(const char *s, size_t n, size_t min, size_t max, int *v_r)
{
	size_t i = 0;
	int v = 0;

	while (i < n && i < max && s[i] >= '0' && s[i] <= '9') {
		v = v * 10 + (s[i] - '0');
		i++;
	}
	if (i < min) {
		return 0;
	}
	*v_r = v;
	return i;
}

int workday_parse_iso(const char *s, size_t n, int32_t *day_r)
{
	int y, m, d;

	if (n != 10 || digits(s, 4, 4, 4, &y) != 4 || s[4] != '-' ||
	    digits(s + 5, 2, 2, 2, &m) != 2 || s[7] != '-' ||
	    digits(s + 8, 2, 2, 2, &d) != 2) {
		return -1;
	}
	return workday_day_from_ymd(y, m, d, day_r);
}

/* D/M/YYYY or DD/MM/YYYY, and the mixed forms (5/02/2026). */
static int parse_vn(const char *s, size_t n, int32_t *day_r)
{
	size_t i, k;
	int y, m, d;

	i = digits(s, n, 1, 2, &d);
	if (i == 0 || i >= n || s[i++] != '/') {
		return -1;
	}
	k = digits(s + i, n - i, 1, 2, &m);
	i += k;
	if (k == 0 || i >= n || s[i++] != '/') {
		return -1;
	}
	if (n - i != 4 || digits(s + i, 4, 4, 4, &y) != 4) {
		return -1;
	}
	return workday_day_from_ymd(y, m, d, day_r);
}

int workday_parse_date(const char *s, int32_t *day_r)
{
	size_t n;

	if (!s) {
		return -1;
	}
	n = strlen(s);
	if (n == 10 && s[4] == '-') {
		return workday_parse_iso(s, n, day_r);
	}
	return parse_vn(s, n, day_r);
}

/* The first day d/m from today on, this year or the next. */
static int next_of(int32_t today, int m, int d, int32_t *day_r)
{
	int y, tm, td;
	int32_t day;

	workday_ymd(today, &y, &tm, &td);
	if (workday_day_from_ymd(y, m, d, &day) == 0 && day >= today) {
		*day_r = day;
		return 0;
	}
	return workday_day_from_ymd(y + 1, m, d, day_r);
}

int workday_parse_written(const char *s, int32_t today, int32_t *day_r,
			  int *weekday_r)
{
	char *f = text_fold(s);
	size_t n = strlen(f), e;
	struct workday_written w;
	int32_t day;
	int ret = -1;

	e = workday_read_written(f, text_fold_skip_blank(f, 0, n, true), n, &w);
	while (e > 0 && e < n && (f[e] == '.' || text_fold_is_blank(f[e]))) {
		e++;
	}
	if (e == 0 || e != n ||
	    (w.y ? workday_day_from_ymd(w.y, w.m, w.d, &day)
		 : next_of(today, w.m, w.d, &day)) < 0 ||
	    (!weekday_r && w.weekday >= 0 &&
	     w.weekday != workday_weekday(day))) {
		goto out;
	}
	if (weekday_r) {
		*weekday_r = w.weekday;
	}
	*day_r = day;
	ret = 0;
out:
	free(f);
	return ret;
}

static void put_digits(char *out, int v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

void workday_format(int32_t day, char buf[11])
{
	int y, m, d;

	workday_ymd(day, &y, &m, &d);
	put_digits(buf, y, 4);
	buf[4] = '-';
	put_digits(buf + 5, m, 2);
	buf[7] = '-';
	put_digits(buf + 8, d, 2);
	buf[10] = '\0';
}

void workday_format_vn(int32_t day, char buf[11])
{
	int y, m, d;

	workday_ymd(day, &y, &m, &d);
	put_digits(buf, d, 2);
	buf[2] = '/';
	put_digits(buf + 3, m, 2);
	buf[5] = '/';
	put_digits(buf + 6, y, 4);
	buf[10] = '\0';
}
