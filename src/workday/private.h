/* Inside the workday module: the calendar's layout, shared by the
 * arithmetic (workcal.c) and the holiday file reader (holidays.c). */
#ifndef CONGVAN_WORKDAY_PRIVATE_H
#define CONGVAN_WORKDAY_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "congvan/workday.h"

/* off and work are sorted, without duplicates, and disjoint: a day in
 * off is never a working day, one in work always is, any other is one
 * when week[its weekday] is set. */
struct workcal {
	bool week[7]; /* by weekday, 0 = Sunday */
	int32_t *off;
	size_t noff;
	int32_t *work;
	size_t nwork;
};

/* "Sun".."Sat". */
extern const char *const workday_abbrev[7];

/* The weekday (0 = Sunday) that s names, in English, abbreviated to
 * three letters or in full, any case; -1 when it names none. */
int workday_name_lookup(const char *s);

/* Reads exactly YYYY-MM-DD (a real date) from the n bytes at s. */
int workday_parse_iso(const char *s, size_t n, int32_t *day_r);

/* d moved into WORKDAY_DAY_MIN..WORKDAY_DAY_MAX. */
int32_t workday_clamp(int64_t d);

/* Reads the workdays setting into week; on failure sets *error_r to
 * "workdays: expected ..." and returns -1. */
int workcal_parse_week(const char *spec, bool week_r[7], char **error_r);

/* Parses the holiday file held in data into cal's off and work lists.
 * On failure returns -1, leaves cal untouched and sets *error_r. */
int workcal_read_holidays(struct workcal *cal, const char *name,
			  const char *data, size_t len, char **error_r);

#endif
