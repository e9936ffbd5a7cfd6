#include <stdio.h>
#include <string.h>

#include "congvan/clock.h"
#include "congvan/util.h"

void clock_local_tm(time_t t, struct tm *tm_r)
{
	time_t local = t + CLOCK_LOCAL_OFFSET;

	gmtime_r(&local, tm_r);
}

void clock_format_local(time_t t, char buf[32])
{
	struct tm tm;

	clock_local_tm(t, &tm);
	strftime(buf, 32, "%d/%m/%Y %H:%M", &tm);
}

void clock_format_iso(time_t t, char buf[32])
{
	struct tm tm;

	clock_local_tm(t, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
}

static int digits(const char *s, int n, int *v_r)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return -1;
		}
		v = v * 10 + (s[i] - '0');
	}
	*v_r = v;
	return 0;
}

/* Parses the zone suffix: "" (local), "Z", "+HH:MM", "+HHMM". */
static int parse_zone(const char *s, long *offset_r)
{
	int h, m, sign;

	if (*s == '\0') {
		*offset_r = CLOCK_LOCAL_OFFSET;
		return 0;
	}
	if (strcmp(s, "Z") == 0) {
		*offset_r = 0;
		return 0;
	}
	if ((*s != '+' && *s != '-') || digits(s + 1, 2, &h) < 0) {
		return -1;
	}
	sign = *s == '-' ? -1 : 1;
	s += 3;
	if (*s == ':') {
		s++;
	}
	if (digits(s, 2, &m) < 0 || s[2] != '\0' || h > 23 || m > 59) {
		return -1;
	}
	*offset_r = sign * (h * 3600L + m * 60L);
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

int clock_parse_iso(const char *s, time_t *t_r)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, sec = 0;
	long offset;

	memset(&tm, 0, sizeof(tm));
	if (digits(s, 4, &y) < 0 || s[4] != '-' || digits(s + 5, 2, &mo) < 0 ||
	    s[7] != '-' || digits(s + 8, 2, &d) < 0) {
		return -1;
	}
	s += 10;
	if (*s == 'T' || *s == ' ') {
		if (digits(s + 1, 2, &h) < 0 || s[3] != ':' ||
		    digits(s + 4, 2, &mi) < 0) {
			return -1;
		}
		s += 6;
		if (*s == ':') {
			if (digits(s + 1, 2, &sec) < 0) {
				return -1;
			}
			s += 3;
		}
	}
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 60 ||
	    parse_zone(s, &offset) < 0) {
		return -1;
	}
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*t_r = timegm(&tm) - offset;
	return 0;
}
