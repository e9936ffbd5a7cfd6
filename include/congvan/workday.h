/* Working days under Vietnamese law.  Deadlines count working days: the
 * days of the working week (Mon-Fri unless configured), minus the days off
 * in the holiday file, plus its make-up working days (usually Saturdays
 * worked in exchange for a bridge day).  The day of the triggering event
 * is not counted; a deadline ends at the end of its last day; a deadline
 * that falls on a day off moves to the next working day.  Days are local
 * to Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
 *
 * Pure code: the only I/O is workcal_load reading the holiday file.
 *
 * The holiday file (data/holidays-vn.txt is shipped) is UTF-8 text, one
 * date a line; '#' starts a comment line; blank lines are ignored; white
 * space (TABs or spaces) separates the fields:
 *
 *	DATE [WEEKDAY] [KIND] [DESCRIPTION...]
 *
 *	DATE         YYYY-MM-DD, from 1970-01-01 to 9999-12-31
 *	WEEKDAY      Mon..Sun or Monday..Sunday, any case; checked against
 *	             DATE, so a mistyped date is caught
 *	KIND         off (a day off, the default) or work (a make-up working
 *	             day), any case
 *	DESCRIPTION  free text, kept for people (e.g. "Quốc khánh")
 *
 * A word of lower-case ASCII letters where KIND may stand must be a
 * kind, so that "wrok" is an error and not a description; a description
 * that starts with such a word must follow an explicit kind.  A date may
 * appear more than once with the same kind; off on one line and work on
 * another is an error.  Files over WORKCAL_MAX_FILE bytes or
 * WORKCAL_MAX_LINES lines are refused.
 *
 * Example:
 *	2025-04-26	Sat	work	Làm bù cho thứ Sáu 02/5/2025
 *	2025-04-30	Wed	Ngày Chiến thắng
 *	2025-05-02	Fri	off	Nghỉ bù, đổi cho thứ Bảy 26/4/2025
 */
#ifndef CONGVAN_WORKDAY_H
#define CONGVAN_WORKDAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Days are numbered from 1970-01-01 (day 0) in local time.  Every
 * function clamps a day outside WORKDAY_DAY_MIN..WORKDAY_DAY_MAX (up to
 * 9999-12-31) into that range, and returns days inside it. */
#define WORKDAY_DAY_MIN 0
#define WORKDAY_DAY_MAX 2932896

/* The most working days workcal_add and workcal_sub step over; larger
 * counts are taken as this.  Callers reading a count from mail or
 * configuration should reject larger ones themselves. */
#define WORKCAL_MAX_DAYS 3660

#define WORKCAL_MAX_FILE  (1024 * 1024)
#define WORKCAL_MAX_LINES 10000

/* The local day that contains the instant t. */
int32_t workday_day_of(time_t t);
/* 00:00:00 local on day. */
time_t workday_day_start(int32_t day);
/* 23:59:59 local on day: the last second of a deadline ending that day,
 * so an item is overdue when now > workday_day_end(deadline), that is,
 * when workday_day_of(now) > deadline. */
time_t workday_day_end(int32_t day);

/* Validates the date (1970..9999, real month and day, leap years).
 * 0 ok, -1 invalid; *day_r is set only on success. */
int workday_day_from_ymd(int y, int m, int d, int32_t *day_r);
void workday_ymd(int32_t day, int *y_r, int *m_r, int *d_r);
/* 0 = Sunday .. 6 = Saturday. */
int workday_weekday(int32_t day);

/* Reads the whole of s as YYYY-MM-DD or D/M/YYYY (day and month of one
 * or two digits: 5/2/2026, 05/02/2026), without white space.  0 ok, -1
 * malformed or not a real date (31/2/2026); *day_r is set only on
 * success. */
int workday_parse_date(const char *s, int32_t *day_r);
/* A date as people write it for a deadline, read from folded text
 * (text_fold) at f[pos..end): the one reader of written dates, for the
 * key lines ("Hạn:", "Gia hạn:") and the sentences of replies.
 *
 *	numeric   D/M/Y, D-M-Y, D.M.Y (Y of 2 digits: 20xx, or 4), D/M,
 *	          D-M, D.M; YYYY-MM-DD (also with '/' or '.')
 *	words     D tháng M [năm Y]; D Month [Y], D of Month, Month D [, Y]:
 *	          Month an English name, its first three letters or "Sept",
 *	          with or without a dot ("Dec. 20"); D may be an ordinal
 *	          ("20th", "1st")
 *	before    a weekday and an hour, in either order, each followed by an
 *	          optional comma, then "ngày": "thứ Sáu, ngày 18/12",
 *	          "17h00 ngày 18/12", "15 giờ 30 ngày 18/12" (the hour as
 *	          workday_read_hour reads it), "Friday,
 *	          December 18"
 *	after     a weekday: "18/12/2026 (thứ Sáu)", "18/12, thứ Sáu"
 *
 * Weekdays: "thứ Hai".."thứ Bảy", "thứ 2".."thứ 7", "Chủ nhật", "CN",
 * and English names (workday_name_lookup).  The hour is read past: a
 * deadline is a day.  Nothing longer may follow the date ("30/12-2026",
 * "20/12/2026/1" are none).  Returns the end of what was read, 0 when
 * no date is there or it is none (30/2, 31/4/2026). */
struct workday_written {
	int d, m;
	int y;       /* 0: no year written */
	int weekday; /* 0 = Sunday .. 6; -1: none written */
};
size_t workday_read_written(const char *f, size_t pos, size_t end,
			    struct workday_written *w_r);
/* A month's English name at f[pos..end) (folded; whole, its first three
 * letters, or "sept"): its end, the number into *month_r; 0 when none. */
size_t workday_read_month(const char *f, size_t pos, size_t end, int *month_r);
/* A weekday word (folded; Vietnamese or English) at f[pos..end): its end,
 * 0 = Sunday .. 6 into *weekday_r; 0 when none. */
size_t workday_read_weekday(const char *f, size_t pos, size_t end,
			    int *weekday_r);
/* An hour of the day at f[pos..end) (folded): "17h", "17h00", "17:00",
 * "16g30", "15 giờ", "15 giờ 30 phút", "17h30'": its end, 0 when none. */
size_t workday_read_hour(const char *f, size_t pos, size_t end);
/* The whole of s (any case and marks; blanks and full stops after it
 * ignored) as workday_read_written reads it; without a year, the first
 * such day from today on.  The weekday written with it goes to
 * *weekday_r (-1: none); with weekday_r NULL, one the day is not is
 * refused.  0 ok, -1 when s is no date; *day_r is set only on success. */
int workday_parse_written(const char *s, int32_t today, int32_t *day_r,
			  int *weekday_r);
/* "2026-05-20". */
void workday_format(int32_t day, char buf[11]);
/* "20/05/2026". */
void workday_format_vn(int32_t day, char buf[11]);

/* A working calendar: the working week and the holiday file's dates. */
struct workcal;

/* Builds a calendar from the holiday file at path (NULL: no holidays) and
 * the working week in workdays: day names (mon..sun or monday..sunday,
 * any case) and ranges of them, separated by commas, e.g. "mon-fri",
 * "mon-fri, sat", "mon,tue,wed,thu,fri"; a range runs forward through the
 * week and may wrap ("fri-mon" is Friday to Monday).  NULL or blank means
 * "mon-fri".  On failure returns -1 and sets *error_r to every problem,
 * one per line, each "FILE:LINE: expected ..." or "workdays: ..." (caller
 * frees); *cal_r is set only on success.  Release with workcal_free. */
int workcal_load(const char *path, const char *workdays, struct workcal **cal_r,
		 char **error_r);

/* Like workcal_load, but parses the len bytes at data as if they were the
 * contents of the file called name (used in errors).  For tests and
 * fuzzing. */
int workcal_load_buffer(const char *name, const char *data, size_t len,
			const char *workdays, struct workcal **cal_r,
			char **error_r);

/* Frees *calp (NULL is fine) and sets it to NULL. */
void workcal_free(struct workcal **calp);

bool workcal_is_workday(const struct workcal *cal, int32_t day);

/* A digest of the calendar (its working week, days off and make-up
 * days): equal calendars give equal digests, and a change to any of
 * them another one, but for a 2^-64 chance. */
uint64_t workcal_digest(const struct workcal *cal);

/* The last day of a deadline of n working days counted from the event on
 * day from, which itself does not count: the n-th working day after from.
 * n <= 0 gives workcal_next_workday(cal, from); n is capped at
 * WORKCAL_MAX_DAYS. */
int32_t workcal_add(const struct workcal *cal, int32_t from, int n);

/* day itself when it is a working day, else the next working day: where
 * a deadline stated as a date (e.g. in a letter) really ends. */
int32_t workcal_next_workday(const struct workcal *cal, int32_t day);

/* The working days in (a, b]: none when b <= a.  For every from and
 * n >= 1, workcal_count(cal, from, workcal_add(cal, from, n)) == n. */
int workcal_count(const struct workcal *cal, int32_t a, int32_t b);

/* The n-th working day before deadline, which itself does not count: the
 * day to send "n working days before" reminders.  n <= 0 gives deadline
 * when it is a working day, else the working day before it; n is capped
 * at WORKCAL_MAX_DAYS.  workcal_sub(cal, workcal_add(cal, from, n), n) is
 * from when from is a working day. */
int32_t workcal_sub(const struct workcal *cal, int32_t deadline, int n);

#endif
