/* Shared inside src/report only. */
#ifndef CONGVAN_REPORT_PRIVATE_H
#define CONGVAN_REPORT_PRIVATE_H

#include <stdbool.h>

#include "congvan/report.h"
#include "congvan/util.h"
#include "congvan/words.h"

/* --- formats.c: how the report writes days, periods and rates ---------- */

/* "Quý II năm 2026" / "Q2 2026", or the two dates; caller frees. */
char *report_period_title(const struct report_period *p, const char *lang);
/* A day as people of lang write it: "30/06/2026", "2026-06-30". */
void report_day_text(int32_t day, const char *lang, char buf[16]);
/* The on-time rate: "66,7 %" / "66.7%", the no-rate mark when there is
 * none; into buf. */
void report_rate_text(const struct report_unit *u, const char *lang,
		      char buf[24]);

/* --- render_text.c, render_csv.c, render_html.c ------------------------ */

char *report_render_text(const struct report *r, const char *lang);
char *report_render_csv(const struct report *r);
char *report_render_html(const struct report *r, const char *lang);

#endif
