/* Report periods: calendar quarters and ranges of days, in UTC+7. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/workday.h"
#include "private.h"

void report_period_quarter(int year, int q, struct report_period *p_r)
{
	int32_t from = 0, next = 0;

	memset(p_r, 0, sizeof(*p_r));
	if (q < 1 || q > 4) {
		q = 1;
	}
	workday_day_from_ymd(year, 3 * (q - 1) + 1, 1, &from);
	if (q == 4) {
		if (workday_day_from_ymd(year + 1, 1, 1, &next) < 0) {
			next = WORKDAY_DAY_MAX + 1; /* 9999Q4 */
		}
	} else {
		workday_day_from_ymd(year, 3 * q + 1, 1, &next);
	}
	p_r->from_day = from;
	p_r->to_day = next - 1;
	p_r->year = year;
	p_r->quarter = q;
	snprintf(p_r->name, sizeof(p_r->name), "%04dQ%d", year, q);
}

void report_period_quarter_of(int32_t day, struct report_period *p_r)
{
	int y, m, d;

	workday_ymd(day, &y, &m, &d);
	report_period_quarter(y, (m - 1) / 3 + 1, p_r);
}

int report_period_parse_quarter(const char *s, struct report_period *p_r)
{
	long year;
	char digits[5];
	const char *q;

	if (!s || strspn(s, "0123456789") != 4) {
		return -1;
	}
	memcpy(digits, s, 4);
	digits[4] = '\0';
	q = s + 4 + (s[4] == '-');
	if ((q[0] != 'Q' && q[0] != 'q') || q[1] < '1' || q[1] > '4' || q[2] ||
	    str_to_long(digits, 1970, 9999, &year) < 0) {
		return -1;
	}
	report_period_quarter((int)year, q[1] - '0', p_r);
	return 0;
}

int report_period_days(int32_t from, int32_t to, struct report_period *p_r)
{
	char a[11], b[11];

	memset(p_r, 0, sizeof(*p_r));
	if (to < from) {
		return -1;
	}
	report_period_quarter_of(from, p_r);
	if (p_r->from_day == from && p_r->to_day == to) {
		return 0; /* a whole quarter is named as one */
	}
	memset(p_r, 0, sizeof(*p_r));
	p_r->from_day = from;
	p_r->to_day = to;
	workday_format(from, a);
	workday_format(to, b);
	snprintf(p_r->name, sizeof(p_r->name), "%s_%s", a, b);
	return 0;
}
