/* Time as the ministry keeps it: Asia/Ho_Chi_Minh, UTC+7, no daylight
 * saving.  Pure functions; the caller supplies "now". */
#ifndef CONGVAN_CLOCK_H
#define CONGVAN_CLOCK_H

#include <time.h>

#define CLOCK_LOCAL_OFFSET (7 * 3600)

/* Broken-down local (UTC+7) time of t. */
void clock_local_tm(time_t t, struct tm *tm_r);
/* "27/11/2026 17:05" in local time. */
void clock_format_local(time_t t, char buf[32]);
/* "2026-11-27T17:05:00+07:00". */
void clock_format_iso(time_t t, char buf[32]);
/* Parses ISO 8601: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (local time), with
 * an optional Z or +HH:MM / -HH:MM offset.  0 ok, -1 malformed. */
int clock_parse_iso(const char *s, time_t *t_r);

#endif
