/* Shared inside src/report only. */
#ifndef CONGVAN_REPORT_PRIVATE_H
#define CONGVAN_REPORT_PRIVATE_H

#include <stdbool.h>

#include "congvan/report.h"
#include "congvan/util.h"

/* --- labels.c: the words of the report, in Vietnamese and English ----- */

enum rl {
	L_TITLE,
	L_PERIOD,
	L_AS_OF,
	L_PARTIAL,
	L_UNITS,
	L_CONSULTS,
	L_PERSONS,
	L_CHART,
	L_NOTES,
	L_RANK,
	L_CODE,
	L_UNIT,
	L_RATE,
	L_RECEIVED,
	L_DONE_ON_TIME,
	L_DONE_LATE,
	L_OPEN_IN_TIME,
	L_OPEN_OVERDUE,
	L_EXT_REQUESTED,
	L_EXT_GRANTED,
	L_REMINDERS,
	L_CONSULT_ON_TIME,
	L_CONSULT_LATE,
	L_DEEMED,
	L_DISAGREE,
	L_UNCLEAR,
	L_NAME,
	L_ADDRESS,
	L_DELEGATED,
	L_OPINIONS,
	L_OPINIONS_LATE,
	L_RETURNED,
	L_TRANSFERRED,
	L_TOTAL,
	L_NONE,
	L_NOTE_RATE,
	L_NOTE_OPEN,
	L_NOTE_RECEIVED,
	L_NOTE_CONSULT,
	L_NOTE_CLAUSES,
	L_COUNT
};

/* The label in lang ("en", else Vietnamese).  Static. */
const char *rl(const char *lang, enum rl l);
bool rl_english(const char *lang);

/* The clause table's headings: both languages always, so that the
 * figures the letter names are found by either reader.  Static. */
enum rl_both { B_TITLE, B_SILENCE, B_LATE, B_RETURNED, B_TRANSFERRED, B_COUNT };
const char *rl_both(enum rl_both b);

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
