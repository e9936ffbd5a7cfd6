/* Unit tests for the workday module: day numbers, dates, the working
 * week, the holiday file, and deadline arithmetic over the shipped
 * calendar (data/holidays-vn.txt).  Run from the repository root.  The
 * expected days were counted by hand on a calendar; the comments show the
 * count. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "congvan/util.h"
#include "congvan/workday.h"

#define SHIPPED "data/holidays-vn.txt"

static int32_t day(const char *iso)
{
	int32_t d = -1;

	if (workday_parse_date(iso, &d) < 0) {
		fail_msg("bad date in test: %s", iso);
	}
	return d;
}

static void assert_day(int32_t got, const char *want)
{
	char buf[11];

	workday_format(got, buf);
	assert_string_equal(buf, want);
}

static struct workcal *load_buffer(const char *text, const char *workdays)
{
	struct workcal *cal = NULL;
	char *err = NULL;

	if (workcal_load_buffer("h.txt", text, strlen(text), workdays, &cal,
				&err) < 0) {
		fail_msg("unexpected error: %s", err);
	}
	assert_null(err);
	return cal;
}

static struct workcal *load_shipped(void)
{
	struct workcal *cal = NULL;
	char *err = NULL;

	if (workcal_load(SHIPPED, NULL, &cal, &err) < 0) {
		fail_msg("%s", err);
	}
	return cal;
}

/* Every day 1970..2100 against gmtime, which knows the calendar too. */
static void test_day_roundtrip(void **state)
{
	int32_t last;
	char buf[11], want[11];

	(void)state;
	assert_int_equal(workday_day_from_ymd(2100, 12, 31, &last), 0);
	assert_int_equal(last, 47846);
	for (int32_t d = 0; d <= last; d++) {
		time_t t = (time_t)d * 86400;
		struct tm tm;
		int y, m, dd;
		int32_t back = -1;

		gmtime_r(&t, &tm);
		workday_ymd(d, &y, &m, &dd);
		assert_int_equal(y, tm.tm_year + 1900);
		assert_int_equal(m, tm.tm_mon + 1);
		assert_int_equal(dd, tm.tm_mday);
		assert_int_equal(workday_weekday(d), tm.tm_wday);
		assert_int_equal(workday_day_from_ymd(y, m, dd, &back), 0);
		assert_int_equal(back, d);
		strftime(want, sizeof(want), "%Y-%m-%d", &tm);
		workday_format(d, buf);
		assert_string_equal(buf, want);
		assert_int_equal(workday_parse_date(buf, &back), 0);
		assert_int_equal(back, d);
	}
}

static void test_day_from_ymd(void **state)
{
	static const struct {
		int y, m, d, rc;
	} cases[] = {
	    {1970, 1, 1, 0},   {1969, 12, 31, -1}, {9999, 12, 31, 0},
	    {10000, 1, 1, -1}, {2028, 2, 29, 0},   {2026, 2, 29, -1},
	    {2000, 2, 29, 0},  {2100, 2, 29, -1},  {2026, 4, 31, -1},
	    {2026, 0, 1, -1},  {2026, 13, 1, -1},  {2026, 1, 0, -1},
	    {2026, 1, 32, -1}, {-1, 1, 1, -1},
	};
	int32_t d;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		d = -7;
		assert_int_equal(workday_day_from_ymd(cases[i].y, cases[i].m,
						      cases[i].d, &d),
				 cases[i].rc);
		if (cases[i].rc < 0) {
			assert_int_equal(d, -7);
		}
	}
	assert_int_equal(workday_day_from_ymd(1970, 1, 1, &d), 0);
	assert_int_equal(d, WORKDAY_DAY_MIN);
	assert_int_equal(workday_day_from_ymd(9999, 12, 31, &d), 0);
	assert_int_equal(d, WORKDAY_DAY_MAX);
}

static void test_day_of(void **state)
{
	static const struct {
		long long t;
		const char *day;
	} cases[] = {
	    {1735664399, "2024-12-31"}, /* 2024-12-31T16:59:59Z = 23:59:59 */
	    {1735664400, "2025-01-01"}, /* 2024-12-31T17:00:00Z = 00:00:00 */
	    {1795712400, "2026-11-27"}, /* clock_parse_iso("2026-11-27") */
	    {0, "1970-01-01"},          /* 07:00 local */
	    {-25200, "1970-01-01"},     /* local midnight */
	    {-25201, "1970-01-01"},     /* 1969: clamped */
	    {LLONG_MIN, "1970-01-01"},  {LLONG_MAX, "9999-12-31"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_day(workday_day_of((time_t)cases[i].t), cases[i].day);
	}
}

static void test_day_start_end(void **state)
{
	int32_t d = day("2025-01-01");

	(void)state;
	assert_int_equal(workday_day_start(d), 1735664400);
	assert_int_equal(workday_day_end(d), 1735750799);
	assert_int_equal(workday_day_of(workday_day_start(d)), d);
	assert_int_equal(workday_day_of(workday_day_end(d)), d);
	assert_int_equal(workday_day_of(workday_day_end(d) + 1), d + 1);
	assert_int_equal(workday_day_start(0), -25200);
	assert_int_equal(workday_day_start(-5), -25200); /* clamped */
	assert_int_equal(workday_day_start(INT32_MAX),
			 workday_day_start(WORKDAY_DAY_MAX));
}

static void test_parse_date(void **state)
{
	static const struct {
		const char *in;
		const char *out; /* NULL: rejected */
	} cases[] = {
	    {"2026-05-20", "2026-05-20"},
	    {"20/5/2026", "2026-05-20"},
	    {"20/05/2026", "2026-05-20"},
	    {"5/2/2026", "2026-02-05"},
	    {"05/02/2026", "2026-02-05"},
	    {"5/02/2026", "2026-02-05"},
	    {"29/2/2028", "2028-02-29"},
	    {"29/02/2000", "2000-02-29"},
	    {"1/1/1970", "1970-01-01"},
	    {"31/12/9999", "9999-12-31"},
	    {"31/2/2026", NULL},
	    {"29/2/2026", NULL},
	    {"29/2/2100", NULL},
	    {"2026-02-30", NULL},
	    {"31/12/1969", NULL},
	    {"0/1/2026", NULL},
	    {"1/0/2026", NULL},
	    {"", NULL},
	    {"abc", NULL},
	    {"2026-5-20", NULL},
	    {"2026-05-20x", NULL},
	    {"2026/05/20", NULL},
	    {"20-5-2026", NULL},
	    {"20.5.2026", NULL},
	    {"20/5/26", NULL},
	    {"20/5/20266", NULL},
	    {"123/5/2026", NULL},
	    {"20/123/2026", NULL},
	    {" 20/5/2026", NULL},
	    {"20/5/2026 ", NULL},
	    {"20//2026", NULL},
	    {"20/5/", NULL},
	    {"/5/2026", NULL},
	    {"+1/5/2026", NULL},
	    {"20/5/-026", NULL},
	};
	int32_t d;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		print_message("case: '%s'\n", cases[i].in);
		d = -7;
		if (cases[i].out) {
			assert_int_equal(workday_parse_date(cases[i].in, &d),
					 0);
			assert_day(d, cases[i].out);
		} else {
			assert_int_equal(workday_parse_date(cases[i].in, &d),
					 -1);
			assert_int_equal(d, -7);
		}
	}
	assert_int_equal(workday_parse_date(NULL, &d), -1);
}

/* Dates as people write them after "Hạn:", read on 2026-12-28. */
static void test_parse_written(void **state)
{
	static const struct {
		const char *in;
		const char *out; /* NULL: rejected */
	} cases[] = {
	    {"2026-12-30", "2026-12-30"},
	    {"30/12/2026", "2026-12-30"},
	    {"30-12-2026", "2026-12-30"},
	    {"30.12.2026", "2026-12-30"},
	    {"30/12/26", "2026-12-30"},
	    {"ngày 30/12/2026", "2026-12-30"},
	    {"Ngày 30/12/2026.", "2026-12-30"},
	    {"ngay 5/1/2027", "2027-01-05"},
	    {"30/12/2026.", "2026-12-30"},
	    /* no year: the first such day from today on */
	    {"30/12", "2026-12-30"},
	    {"28/12", "2026-12-28"},
	    {"5/1", "2027-01-05"},
	    {"05-01", "2027-01-05"},
	    {"ngày 15/1.", "2027-01-15"},
	    {"29/2", NULL}, /* none in 2027: no day a year on */
	    /* ISO, year first */
	    {"2026-12-30", "2026-12-30"},
	    {"2026-12-5", "2026-12-05"},
	    {"2026/12/30", "2026-12-30"},
	    /* English month names, ordinals, the abbreviation's dot */
	    {"30 December 2026", "2026-12-30"},
	    {"December 30, 2026", "2026-12-30"},
	    {"Dec 30", "2026-12-30"},
	    {"30 Dec 2026", "2026-12-30"},
	    {"15 January 2027", "2027-01-15"},
	    {"January 15th", "2027-01-15"},
	    {"December 30th, 2026", "2026-12-30"},
	    {"Dec. 30, 2026", "2026-12-30"},
	    {"30 Dec. 2026", "2026-12-30"},
	    {"Sept 1", "2027-09-01"},
	    {"the 1st of September 2027", NULL},
	    {"1st of September 2027", "2027-09-01"},
	    /* Vietnamese words */
	    {"ngày 30 tháng 12 năm 2026", "2026-12-30"},
	    {"30 tháng 12", "2026-12-30"},
	    {"ngày 5 tháng 1", "2027-01-05"},
	    {"30 tháng 12, năm 2026", "2026-12-30"},
	    /* a weekday before or after, an hour before: the date counts
	       (with weekday_r NULL, a weekday the date is not is refused) */
	    {"thứ Tư, 30/12/2026", "2026-12-30"},
	    {"thứ 4 ngày 30/12", "2026-12-30"},
	    {"30/12/2026 (thứ Tư)", "2026-12-30"},
	    {"30/12/2026, thứ Tư", "2026-12-30"},
	    {"Wednesday, December 30, 2026", "2026-12-30"},
	    {"Wed, Dec 30, 2026", "2026-12-30"},
	    {"Wed. 30 Dec", "2026-12-30"},
	    /* folded Vietnamese words that are English abbreviations: no
	       weekday ("thư ngày 30/12", "sát ngày 30/12") */
	    {"thư ngày 30/12", NULL},
	    {"Thu, Dec 31", NULL},
	    {"sát ngày 30/12", NULL},
	    {"Wed 30/12", NULL},
	    {"17h00 ngày 30/12/2026", "2026-12-30"},
	    {"17h ngày 30/12", "2026-12-30"},
	    {"15 giờ ngày 30/12", "2026-12-30"},
	    {"15 giờ 30 phút, thứ Tư, ngày 30/12/2026", "2026-12-30"},
	    {"16:30 ngày 30/12/2026", "2026-12-30"},
	    {"16g30 ngày 30/12/2026", "2026-12-30"},
	    {"17h30' ngày 30/12", "2026-12-30"},
	    {"17 giờ 30 phút ngày 30/12", "2026-12-30"},
	    {"17:60 ngày 30/12", NULL},
	    {"17h75 ngày 30/12", NULL},
	    {"5pm ngày 30/12", NULL},
	    /* an hour after, the coming day, the end of the day */
	    {"30/12/2026 lúc 17h00", "2026-12-30"},
	    {"30/12/2026, 17h", "2026-12-30"},
	    {"30/12 (thứ Tư), 16:30", "2026-12-30"},
	    {"ngày 30/12 tới", "2026-12-30"},
	    {"ngày 5/1 sắp tới", "2027-01-05"},
	    {"30/12 này", "2026-12-30"},
	    {"hết ngày 30/12", "2026-12-30"},
	    {"cuối ngày 30/12/2026", "2026-12-30"},
	    {"30/12/2026 tới", NULL},
	    {"30/12/2026 lúc", NULL},
	    /* a day, a month's name and a year joined by '-' or '/' */
	    {"30-Dec-2026", "2026-12-30"},
	    {"5-Jan", "2027-01-05"},
	    {"30/Dec/2026", "2026-12-30"},
	    {"30-Dec/2026", NULL},
	    {"30-Dec-26", NULL},
	    {"thứ Sáu, 30/12/2026", NULL}, /* a Wednesday */
	    {"thứ Sáu", NULL},
	    {"thứ Sáu tuần sau", NULL},
	    {"17h00", NULL},
	    {"25 giờ ngày 30/12", NULL},
	    {"30/12/2026 (thứ Tư", NULL},
	    {"30/12/2026, thứ Tư lúc 9h", "2026-12-30"},
	    {"30/12/2026, thứ Tư họp", NULL},
	    /* year first in words, no month, no such day */
	    {"2026 December", NULL},
	    {"December", NULL},
	    {"Decembers 30", NULL},
	    {"30 Decem", NULL},
	    {"31 November 2026", NULL},
	    {"30 tháng 13", NULL},
	    {"2026-13-01", NULL},
	    {"30.12/2026", NULL},
	    {"030/12/2026", NULL},
	    /* none */
	    {"30/2", NULL},
	    {"30/12/202", NULL},
	    {"30/12-2026", NULL},
	    {"30/12/2026/1", NULL},
	    {"30/", NULL},
	    {"30", NULL},
	    {"ngày", NULL},
	    {"ngày mai", NULL},
	    {"30/12/2026 hoặc sớm hơn", NULL},
	    {"", NULL},
	};
	int32_t today, d;

	(void)state;
	assert_int_equal(workday_parse_date("2026-12-28", &today), 0);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		print_message("case: '%s'\n", cases[i].in);
		d = -7;
		if (cases[i].out) {
			assert_int_equal(
			    workday_parse_written(cases[i].in, today, &d, NULL),
			    0);
			assert_day(d, cases[i].out);
		} else {
			assert_int_equal(
			    workday_parse_written(cases[i].in, today, &d, NULL),
			    -1);
			assert_int_equal(d, -7);
		}
	}
	assert_int_equal(workday_parse_written(NULL, today, &d, NULL), -1);
}

static void test_format(void **state)
{
	char buf[11];

	(void)state;
	workday_format_vn(day("2026-05-20"), buf);
	assert_string_equal(buf, "20/05/2026");
	workday_format_vn(0, buf);
	assert_string_equal(buf, "01/01/1970");
	workday_format(INT32_MAX, buf);
	assert_string_equal(buf, "9999-12-31");
	workday_format(-1, buf);
	assert_string_equal(buf, "1970-01-01");
}

static void test_weekday(void **state)
{
	static const struct {
		const char *day;
		int wd;
	} cases[] = {
	    {"1970-01-01", 4}, {"2000-02-29", 2}, {"2025-04-26", 6},
	    {"2025-05-02", 5}, {"2025-06-01", 0}, {"2026-02-17", 2},
	    {"2028-02-29", 2}, {"9999-12-31", 5},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_int_equal(workday_weekday(day(cases[i].day)),
				 cases[i].wd);
	}
}

/* The week a calendar keeps, as seven 0/1 from Sunday. */
static void week_of(const struct workcal *cal, char out[8])
{
	int32_t sunday = day("2025-06-01");

	for (int i = 0; i < 7; i++) {
		out[i] = workcal_is_workday(cal, sunday + i) ? '1' : '0';
	}
	out[7] = '\0';
}

static void test_workdays_good(void **state)
{
	static const struct {
		const char *spec;
		const char *week; /* Sun..Sat */
	} cases[] = {
	    {NULL, "0111110"},
	    {"", "0111110"},
	    {" \t", "0111110"},
	    {"mon-fri", "0111110"},
	    {"MON-FRI", "0111110"},
	    {"Mon-Sat", "0111111"},
	    {"mon,tue,wed,thu,fri", "0111110"},
	    {"mon-fri, sat", "0111111"},
	    {" mon - fri ", "0111110"},
	    {"monday-friday", "0111110"},
	    {"fri-mon", "1100011"},
	    {"sun-thu", "1111100"},
	    {"sun", "1000000"},
	    {"sat-sat", "0000001"},
	    {"mon-sun", "1111111"},
	    {"sun-sat", "1111111"},
	    {"mon,mon", "0100000"},
	};
	char week[8];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct workcal *cal = load_buffer("", cases[i].spec);

		print_message("case: '%s'\n",
			      cases[i].spec ? cases[i].spec : "(null)");
		week_of(cal, week);
		assert_string_equal(week, cases[i].week);
		workcal_free(&cal);
		assert_null(cal);
	}
}

static void test_workdays_bad(void **state)
{
	static const struct {
		const char *spec;
		const char *got;
	} cases[] = {
	    {"xyz", "xyz"},
	    {"mon-", "mon-"},
	    {"-fri", "-fri"},
	    {"mon,,fri", ""},
	    {",", ""},
	    {"mon-fri,", ""},
	    {"mon-fri-sat", "mon-fri-sat"},
	    {"mon fri", "mon fri"},
	    {"mo-fr", "mo-fr"},
	    {"t2-t6", "t2-t6"},
	    {"mon;tue", "mon;tue"},
	    {"0123456789012345678901234567890123456789xyz",
	     "0123456789012345678901234567890123456789"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct workcal *cal = NULL;
		char *err = NULL;
		char *want = xasprintf("workdays: expected day names like "
				       "mon-fri, got '%s'",
				       cases[i].got);

		print_message("case: '%s'\n", cases[i].spec);
		assert_int_equal(workcal_load_buffer("h.txt", "", 0,
						     cases[i].spec, &cal, &err),
				 -1);
		assert_null(cal);
		assert_string_equal(err, want);
		free(err);
		err = NULL;
		/* Checked before the file is read. */
		assert_int_equal(
		    workcal_load("/nonexistent", cases[i].spec, &cal, &err),
		    -1);
		assert_string_equal(err, want);
		free(err);
		free(want);
	}
}

struct file_case {
	const char *name;
	const char *text;
	const char *errors;
};

static void test_file_errors(void **state)
{
	static const struct file_case cases[] = {
	    {"bad date", "2025-02-30 Sun\n",
	     "h.txt:1: expected a date YYYY-MM-DD, got '2025-02-30'"},
	    {"date as in letters", "# x\n\n25/12/2025 off\n",
	     "h.txt:3: expected a date YYYY-MM-DD, got '25/12/2025'"},
	    {"weekday mismatch", "2025-04-26\tFri\twork\n",
	     "h.txt:1: expected Sat for 2025-04-26, got 'Fri'"},
	    {"weekday mismatch, long name", "2025-04-26 friday\n",
	     "h.txt:1: expected Sat for 2025-04-26, got 'friday'"},
	    {"unknown kind", "2025-05-02 Fri holiday\n",
	     "h.txt:1: expected off or work, got 'holiday'"},
	    {"kind typo, no weekday", "2025-04-26 wrok\n",
	     "h.txt:1: expected off or work, got 'wrok'"},
	    {"off and work",
	     "2025-04-26 Sat work\n2025-05-02 off\n2025-04-26 Sat off Hết\n",
	     "h.txt:3: expected 2025-04-26 work as on line 1, got off"},
	    {"off and work, default kind",
	     "2025-04-26\tSat\tNghỉ\n2025-04-26 work\n2025-04-26 work\n",
	     "h.txt:2: expected 2025-04-26 off as on line 1, got work\n"
	     "h.txt:3: expected 2025-04-26 off as on line 1, got work"},
	    {"all collected, in file order",
	     "2025-04-26 Sat work\n2025-13-01\n2025-05-02 Thu\n"
	     "2025-04-26 off\n2025-05-03 Sat offf\n",
	     "h.txt:2: expected a date YYYY-MM-DD, got '2025-13-01'\n"
	     "h.txt:3: expected Fri for 2025-05-02, got 'Thu'\n"
	     "h.txt:4: expected 2025-04-26 work as on line 1, got off\n"
	     "h.txt:5: expected off or work, got 'offf'"},
	    {"CRLF and BOM keep line numbers",
	     "\xef\xbb\xbf# c\r\n2025-01-01 Wed\r\nx\r\n",
	     "h.txt:3: expected a date YYYY-MM-DD, got 'x'"},
	    {"control characters not echoed", "2025\x1b[31m off\n",
	     "h.txt:1: expected a date YYYY-MM-DD, got '2025?[31m'"},
	    {"long field cut", "0123456789012345678901234567890123456789xyz\n",
	     "h.txt:1: expected a date YYYY-MM-DD, got "
	     "'0123456789012345678901234567890123456789'"},
	    {"long field cut before a UTF-8 sequence",
	     "012345678901234567890123456789012345678đ\n",
	     "h.txt:1: expected a date YYYY-MM-DD, got "
	     "'012345678901234567890123456789012345678'"},
	    {"date before 1970", "1969-12-31 Wed\n",
	     "h.txt:1: expected a date YYYY-MM-DD, got '1969-12-31'"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct workcal *cal = NULL;
		char *err = NULL;

		print_message("case: %s\n", cases[i].name);
		assert_int_equal(workcal_load_buffer("h.txt", cases[i].text,
						     strlen(cases[i].text),
						     NULL, &cal, &err),
				 -1);
		assert_null(cal);
		assert_string_equal(err, cases[i].errors);
		free(err);
	}
}

static void expect_error(const char *data, size_t len, const char *want)
{
	struct workcal *cal = NULL;
	char *err = NULL;

	assert_int_equal(
	    workcal_load_buffer("h.txt", data, len, NULL, &cal, &err), -1);
	assert_null(cal);
	assert_string_equal(err, want);
	free(err);
}

static void test_file_limits(void **state)
{
	size_t big = WORKCAL_MAX_FILE + 1;
	char *data = xmalloc(big);
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	struct workcal *cal;

	(void)state;
	memset(data, '#', big);
	expect_error(data, big, "h.txt: expected at most 1048576 bytes");
	memset(data, '\n', WORKCAL_MAX_LINES + 1);
	expect_error(data, WORKCAL_MAX_LINES + 1,
		     "h.txt: expected at most 10000 lines");
	/* 10000 lines are fine, even without a final newline. */
	cal = NULL;
	assert_int_equal(workcal_load_buffer("h.txt", data, WORKCAL_MAX_LINES,
					     NULL, &cal, NULL),
			 0);
	workcal_free(&cal);
	expect_error("2025-01-01\0 off\n", 16,
		     "h.txt:1: expected text, got a NUL byte");
	for (int i = 0; i < 60; i++) {
		sbuf_adds(&sb, "x\n");
	}
	free(data);
	data = sbuf_detach(&sb);
	{
		char *err = NULL;
		const char *last;

		assert_int_equal(workcal_load_buffer("h.txt", data,
						     strlen(data), NULL, &cal,
						     &err),
				 -1);
		last = strrchr(err, '\n') + 1;
		assert_string_equal(last, "h.txt: 10 more errors not shown");
		assert_true(str_startswith(
		    err, "h.txt:1: expected a date YYYY-MM-DD, got 'x'\n"));
		free(err);
	}
	free(data);
}

static void test_file_read_errors(void **state)
{
	char path[] = "/tmp/congvan-test-workday-XXXXXX";
	struct workcal *cal = NULL;
	char *err = NULL;
	char *big = xcalloc(1, 2 * WORKCAL_MAX_FILE);
	char *want;
	int fd;

	(void)state;
	assert_int_equal(workcal_load("/nonexistent/h.txt", NULL, &cal, &err),
			 -1);
	assert_string_equal(
	    err, "/nonexistent/h.txt: cannot read: No such file or directory");
	FREE_AND_NULL(err);
	assert_int_equal(workcal_load("tests/data", NULL, &cal, &err), -1);
	assert_string_equal(err, "tests/data: cannot read: Is a directory");
	FREE_AND_NULL(err);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	memset(big, '#', 2 * WORKCAL_MAX_FILE);
	assert_int_equal(write(fd, big, 2 * WORKCAL_MAX_FILE),
			 2 * WORKCAL_MAX_FILE);
	close(fd);
	assert_int_equal(workcal_load(path, NULL, &cal, &err), -1);
	want = xasprintf("%s: expected at most 1048576 bytes", path);
	assert_string_equal(err, want);
	assert_null(cal);
	unlink(path);
	free(want);
	free(err);
	free(big);
}

static void test_file_good(void **state)
{
	/* The shared calendar's lines as they are, the kinds in any case,
	 * long weekday names, comments, blanks, CRLF, a BOM, duplicates. */
	static const char text[] =
	    "\xef\xbb\xbf# Ngày nghỉ\r\n"
	    "\n"
	    "   \t\n"
	    "  # indented comment\n"
	    "2025-01-01\tWed\tTết Dương lịch\r\n"
	    "2025-04-26 sat WORK làm bù\n"
	    "2025-05-02   Friday   off   nghỉ bù # not a comment\n"
	    "2025-05-02 off\n"
	    "2025-06-02\n"
	    "  2025-06-03 Tue Bridge day\n"
	    "2025-06-07 Sat Work\n"
	    "2025-06-04 Wed 123";
	static const struct {
		const char *day;
		bool work;
	} cases[] = {
	    {"2025-01-01", false}, {"2025-01-02", true},  {"2025-04-26", true},
	    {"2025-04-27", false}, {"2025-05-02", false}, {"2025-06-02", false},
	    {"2025-06-03", false}, {"2025-06-04", false}, {"2025-06-05", true},
	    {"2025-06-07", true},
	};
	struct workcal *cal = load_buffer(text, NULL);

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		print_message("case: %s\n", cases[i].day);
		assert_int_equal(workcal_is_workday(cal, day(cases[i].day)),
				 cases[i].work);
	}
	workcal_free(&cal);
	workcal_free(&cal); /* NULL-safe */
	workcal_free(NULL);

	/* No file: the week alone. */
	assert_int_equal(workcal_load(NULL, "mon-sat", &cal, NULL), 0);
	assert_true(workcal_is_workday(cal, day("2025-01-01")));
	assert_true(workcal_is_workday(cal, day("2025-01-04")));
	assert_false(workcal_is_workday(cal, day("2025-01-05")));
	workcal_free(&cal);
}

static void test_shipped_file(void **state)
{
	static const struct {
		const char *day;
		bool work;
	} cases[] = {
	    {"2024-01-01", false}, {"2024-04-29", false},
	    {"2025-01-24", true},  {"2025-01-27", false},
	    {"2025-01-31", false}, {"2025-02-03", true},
	    {"2025-04-07", false}, {"2025-04-25", true},
	    {"2025-04-26", true}, /* make-up Saturday */
	    {"2025-04-30", false}, {"2025-05-01", false},
	    {"2025-05-02", false}, /* bridge day */
	    {"2025-05-03", false}, {"2025-09-01", false},
	    {"2025-09-02", false}, {"2025-09-03", true},
	    {"2026-02-13", true},  {"2026-02-16", false},
	    {"2026-02-20", false}, {"2026-02-23", true},
	    {"2026-04-27", false}, {"2028-09-04", false},
	    {"2030-09-03", false}, {"2030-09-04", true},
	};
	struct workcal *cal = load_shipped();

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		print_message("case: %s\n", cases[i].day);
		assert_int_equal(workcal_is_workday(cal, day(cases[i].day)),
				 cases[i].work);
	}
	workcal_free(&cal);
}

/* Deadlines over the shipped calendar, counted by hand. */
static void test_add(void **state)
{
	static const struct {
		const char *from;
		int n;
		const char *want;
	} cases[] = {
	    /* Tết 2025: Mon 27/1 - Sat 1/2 off. */
	    {"2025-01-24", 1, "2025-02-03"}, /* Fri; Mon 3/2 is the 1st */
	    {"2025-01-24", 3, "2025-02-05"}, /* Mon 3, Tue 4, Wed 5 */
	    {"2025-01-27", 1, "2025-02-03"}, /* event on a holiday */
	    {"2025-01-24", 0, "2025-01-24"},
	    {"2025-01-25", 0, "2025-02-03"}, /* Sat: next working day */
	    /* Tết 2026: Mon 16/2 - Fri 20/2 off. */
	    {"2026-02-13", 1, "2026-02-23"},
	    {"2026-02-13", 5, "2026-02-27"},
	    {"2026-02-12", 2, "2026-02-23"}, /* Fri 13, then Mon 23 */
	    /* 30/4-1/5 2025 with the swap: Sat 26/4 worked, Fri 2/5 off. */
	    {"2025-04-25", 1, "2025-04-26"},
	    {"2025-04-25", 2, "2025-04-28"},
	    {"2025-04-24", 3, "2025-04-28"}, /* Fri 25, Sat 26, Mon 28 */
	    {"2025-04-26", 1, "2025-04-28"}, /* event on the Saturday */
	    {"2025-04-29", 1, "2025-05-05"}, /* 30/4, 1/5, 2/5, weekend */
	    /* Giỗ Tổ 2026 on Sun 26/4, Mon 27/4 nghỉ bù; 30/4, 1/5 off. */
	    {"2026-04-24", 1, "2026-04-28"},
	    {"2026-04-24", 3, "2026-05-04"}, /* Tue 28, Wed 29, Mon 4 */
	    /* 2/9: 2025 Mon 1 and Tue 2; 2028 Fri 1, Sat 2, Mon 4. */
	    {"2025-08-29", 1, "2025-09-03"},
	    {"2028-08-31", 1, "2028-09-05"},
	    /* New Year and a plain fortnight. */
	    {"2025-12-31", 1, "2026-01-02"},
	    {"2025-06-02", 10, "2025-06-16"},
	};
	struct workcal *cal = load_shipped();

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		print_message("case: %s + %d\n", cases[i].from, cases[i].n);
		assert_day(workcal_add(cal, day(cases[i].from), cases[i].n),
			   cases[i].want);
	}
	workcal_free(&cal);

	/* The shared file alone has no swap: Fri 25/4 + 1 is Mon 28/4. */
	cal = load_buffer("2025-04-30\tWed\tNgày Chiến thắng\n"
			  "2025-05-01\tThu\tNgày Quốc tế Lao động\n",
			  NULL);
	assert_day(workcal_add(cal, day("2025-04-25"), 1), "2025-04-28");
	assert_day(workcal_add(cal, day("2025-04-29"), 1), "2025-05-02");
	workcal_free(&cal);
}

/* A date stated in a letter that falls on a day off. */
static void test_next_workday(void **state)
{
	static const struct {
		const char *day, *want;
	} cases[] = {
	    {"2025-06-01", "2025-06-02"}, /* Sunday */
	    {"2025-05-31", "2025-06-02"}, /* Saturday */
	    {"2025-06-02", "2025-06-02"}, /* a working Monday */
	    {"2025-04-26", "2025-04-26"}, /* the make-up Saturday */
	    {"2025-04-30", "2025-05-05"}, /* 30/4, 1/5, 2/5, weekend */
	    {"2025-01-28", "2025-02-03"}, /* Tết */
	    {"2026-02-14", "2026-02-23"}, /* Saturday before Tết 2026 */
	    {"2026-04-26", "2026-04-28"}, /* Sunday holiday, Monday bù */
	};
	struct workcal *cal = load_shipped();

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		print_message("case: %s\n", cases[i].day);
		assert_day(workcal_next_workday(cal, day(cases[i].day)),
			   cases[i].want);
	}
	workcal_free(&cal);
}

static void test_count(void **state)
{
	static const struct {
		const char *a, *b;
		int want;
	} cases[] = {
	    {"2025-01-24", "2025-02-05", 3},
	    {"2025-04-24", "2025-04-28", 3},
	    {"2025-04-29", "2025-05-05", 1},
	    {"2025-04-28", "2025-04-24", 0},
	    {"2025-04-28", "2025-04-28", 0},
	    {"2025-04-25", "2025-04-26", 1},
	    /* 260 weekdays after 1/1; 11 off (Tết 5, 7/4, 30/4, 1/5, 2/5,
	     * 1/9, 2/9), one Saturday worked. */
	    {"2025-01-01", "2025-12-31", 250},
	};
	struct workcal *cal = load_shipped();

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		print_message("case: (%s, %s]\n", cases[i].a, cases[i].b);
		assert_int_equal(
		    workcal_count(cal, day(cases[i].a), day(cases[i].b)),
		    cases[i].want);
	}
	workcal_free(&cal);
}

static void test_sub(void **state)
{
	static const struct {
		const char *deadline;
		int n;
		const char *want;
	} cases[] = {
	    {"2025-02-05", 3, "2025-01-24"}, /* Tue 4, Mon 3, (Tết) Fri 24 */
	    {"2025-02-03", 1, "2025-01-24"}, {"2025-05-05", 1, "2025-04-29"},
	    {"2025-05-05", 3, "2025-04-26"}, /* Tue 29, Mon 28, Sat 26 */
	    {"2025-05-05", 4, "2025-04-25"}, {"2025-05-05", 0, "2025-05-05"},
	    {"2025-05-04", 0, "2025-04-29"}, /* a day off: the one before */
	    {"2025-09-03", 2, "2025-08-28"}, /* 2/9, 1/9, weekend, 29, 28 */
	    {"2026-02-23", 1, "2026-02-13"},
	};
	struct workcal *cal = load_shipped();

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		print_message("case: %s - %d\n", cases[i].deadline, cases[i].n);
		assert_day(workcal_sub(cal, day(cases[i].deadline), cases[i].n),
			   cases[i].want);
	}
	workcal_free(&cal);
}

static int brute_count(const struct workcal *cal, int32_t a, int32_t b)
{
	int n = 0;

	for (int32_t d = a + 1; d <= b; d++) {
		n += workcal_is_workday(cal, d);
	}
	return n;
}

/* add, count and sub agree on every day the shipped file covers. */
static void test_inverse(void **state)
{
	static const int ns[] = {1, 2, 3, 5, 10, 30, 250};
	struct workcal *cal = load_shipped();
	int32_t first = day("2023-12-01");
	int32_t last = day("2031-01-31");

	(void)state;
	for (int32_t from = first; from <= last; from++) {
		for (size_t k = 0; k < ARRAY_SIZE(ns); k++) {
			int n = ns[k];
			int32_t d = workcal_add(cal, from, n);

			assert_true(workcal_is_workday(cal, d));
			assert_int_equal(workcal_count(cal, from, d), n);
			assert_int_equal(workcal_count(cal, from, d - 1),
					 n - 1);
			assert_int_equal(workcal_sub(cal, d, n),
					 workcal_sub(cal, from, 0));
			if (workcal_is_workday(cal, from)) {
				assert_int_equal(workcal_sub(cal, d, n), from);
			}
		}
		if (from % 37 == 0) {
			assert_int_equal(workcal_count(cal, from, from + 400),
					 brute_count(cal, from, from + 400));
		}
	}
	workcal_free(&cal);
}

/* Counts past the cap, days out of range, and the most hostile file: a
 * one-day week whose every day is off for 10000 weeks. */
static void test_caps(void **state)
{
	struct workcal *cal = load_shipped();
	int32_t from = day("2025-01-24");
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	char buf[11];
	int32_t d;

	(void)state;
	assert_int_equal(workcal_add(cal, from, INT_MAX),
			 workcal_add(cal, from, WORKCAL_MAX_DAYS));
	assert_true(workcal_add(cal, from, WORKCAL_MAX_DAYS) >
		    workcal_add(cal, from, WORKCAL_MAX_DAYS - 1));
	assert_int_equal(workcal_add(cal, from, -5),
			 workcal_next_workday(cal, from));
	assert_int_equal(workcal_sub(cal, from, INT_MAX),
			 workcal_sub(cal, from, WORKCAL_MAX_DAYS));
	assert_int_equal(workcal_sub(cal, from, INT_MIN),
			 workcal_sub(cal, from, 0));
	assert_int_equal(workcal_add(cal, INT32_MAX, 1), WORKDAY_DAY_MAX);
	assert_int_equal(workcal_sub(cal, INT32_MIN, 1), WORKDAY_DAY_MIN);
	assert_int_equal(workcal_sub(cal, 3, 100), WORKDAY_DAY_MIN);
	assert_int_equal(workcal_next_workday(cal, INT32_MAX), WORKDAY_DAY_MAX);
	assert_true(workcal_is_workday(cal, INT32_MIN)); /* 1970-01-01, Thu */
	assert_int_equal(workcal_count(cal, INT32_MIN, INT32_MAX),
			 workcal_count(cal, WORKDAY_DAY_MIN, WORKDAY_DAY_MAX));
	workcal_free(&cal);

	d = day("2025-01-05"); /* a Sunday */
	for (int i = 0; i < WORKCAL_MAX_LINES; i++) {
		workday_format(d + 7 * i, buf);
		sbuf_addf(&sb, "%s Sun off\n", buf);
	}
	cal = load_buffer(sbuf_str(&sb), "sun");
	from = day("2025-01-01");
	d = workcal_add(cal, from, INT_MAX);
	assert_true(workcal_is_workday(cal, d));
	assert_int_equal(workcal_count(cal, from, d), WORKCAL_MAX_DAYS);
	assert_int_equal(d, day("2025-01-05") +
				7 * (WORKCAL_MAX_LINES + WORKCAL_MAX_DAYS - 1));
	assert_int_equal(workcal_next_workday(cal, from),
			 day("2025-01-05") + 7 * WORKCAL_MAX_LINES);
	assert_int_equal(workcal_sub(cal, d, WORKCAL_MAX_DAYS),
			 day("2024-12-29"));
	workcal_free(&cal);
	sbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_day_roundtrip),
	    cmocka_unit_test(test_day_from_ymd),
	    cmocka_unit_test(test_day_of),
	    cmocka_unit_test(test_day_start_end),
	    cmocka_unit_test(test_parse_date),
	    cmocka_unit_test(test_parse_written),
	    cmocka_unit_test(test_format),
	    cmocka_unit_test(test_weekday),
	    cmocka_unit_test(test_workdays_good),
	    cmocka_unit_test(test_workdays_bad),
	    cmocka_unit_test(test_file_errors),
	    cmocka_unit_test(test_file_limits),
	    cmocka_unit_test(test_file_read_errors),
	    cmocka_unit_test(test_file_good),
	    cmocka_unit_test(test_shipped_file),
	    cmocka_unit_test(test_add),
	    cmocka_unit_test(test_next_workday),
	    cmocka_unit_test(test_count),
	    cmocka_unit_test(test_sub),
	    cmocka_unit_test(test_inverse),
	    cmocka_unit_test(test_caps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
