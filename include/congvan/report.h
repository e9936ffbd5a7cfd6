/* The Office's report to the Minister (letter 2536/BCT-VP: "the Office
 * follows up, and reports quarterly and ad hoc"): per unit and per person,
 * how the letters of a period were handled, with what the letter's
 * clauses single out (silence taken as agreement, late answers, work
 * passed on by returns and transfers) in columns of their own.
 *
 * report_compute reads the store into a struct report; report_render
 * writes it as text, CSV or HTML; report_mail and report_tick send it.
 * The definitions of the figures are in README.md ("Reports"). */
#ifndef CONGVAN_REPORT_H
#define CONGVAN_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "congvan/config.h"
#include "congvan/runtime.h"
#include "congvan/store.h"

/* A period: whole days from_day to to_day, both included (day numbers in
 * UTC+7, see workday.h). */
struct report_period {
	int32_t from_day, to_day;
	int year, quarter; /* quarter 1-4 when the period is one, else 0 */
	char name[32];     /* "2026Q2", else "2026-04-01_2026-05-15" */
};

/* "2026Q2" (q in either case, optionally "2026-Q2"), years 1970-9999:
 * 0, or -1 when s is not a quarter. */
int report_period_parse_quarter(const char *s, struct report_period *p_r);
/* Quarter q (1-4) of year. */
void report_period_quarter(int year, int q, struct report_period *p_r);
/* The quarter that holds day. */
void report_period_quarter_of(int32_t day, struct report_period *p_r);
/* from..to, both included: 0, or -1 when to is before from. */
int report_period_days(int32_t from, int32_t to, struct report_period *p_r);

/* One unit's figures. */
struct report_figures {
	int received;        /* items it became lead of (assigned, transferred
			      * to it) in the period */
	int done_on_time;    /* closed done in the period, not late */
	int done_late;       /* closed done in the period, late */
	int open_in_time;    /* open at the end, deadline not passed */
	int open_overdue;    /* open at the end, deadline passed */
	int returned;        /* returned in the period */
	int transferred;     /* transferred away in the period */
	int ext_requested;   /* extension requests made in the period */
	int ext_granted;     /* extension requests granted in the period */
	int consult_on_time; /* opinions given by the deadline */
	int consult_late;    /* opinions given after it */
	int deemed;          /* silence past the deadline: deemed agreement */
	int disagree;        /* opinions that disagree */
	int unclear;         /* answers without a clear position */
	int reminders;       /* reminders, due-day, overdue and escalation
			      * mail on its items */
};

struct report_unit {
	char *code;
	char *name; /* the unit's name, else its code */
	struct report_figures f;
	int rated;         /* done_on_time + done_late + open_overdue */
	int rate_permille; /* done_on_time * 1000 / rated, rounded; -1 when
			    * rated is 0 */
	int rank;          /* 1 = best on-time rate, equal rates share a
			    * rank; 0 when rated is 0 */
};

struct report_person {
	char *address;    /* lower-cased */
	char *name;       /* NULL when the directory has none */
	char *unit;       /* unit code; NULL for leaders and strangers */
	int delegated;    /* items delegated to them in the period */
	int done_on_time; /* closed done in the period while theirs */
	int done_late;
	int open_overdue; /* theirs, open and overdue at the end */
	int opinions;     /* opinions they gave for their unit */
	int opinions_late;
	int reminders; /* reminder mail addressed to them (To or Cc) */
};

struct report {
	struct report_period period;
	int32_t as_of_day; /* the period's last day, or today if earlier */
	bool partial;      /* the period is not over yet */
	char *organization;
	struct report_unit *units; /* ranked: best rate first, units
				    * without a rate last */
	size_t n_units;
	struct report_unit total;      /* the sums; rank 0 */
	struct report_person *persons; /* by unit (directory order), then
					* address */
	size_t n_persons;
};

/* Computes the figures of period p as known at now from the store, with
 * the units and people of cfg (every configured unit gets a row).  0, or
 * -1 with *error_r.  Release r_r with report_release. */
int report_compute(struct store *st, const struct config *cfg,
		   const struct report_period *p, time_t now,
		   struct report *r_r, char **error_r);
/* Frees what report_compute allocated; safe on a zeroed struct. */
void report_release(struct report *r);

enum report_format { REPORT_TEXT, REPORT_CSV, REPORT_HTML };

/* "text", "csv" or "html": 0, or -1. */
int report_format_parse(const char *s, enum report_format *f_r);

/* The report in format f with labels in lang ("en", else Vietnamese);
 * caller frees.  Text: aligned tables for a terminal.  CSV: RFC 4180,
 * CRLF, a header row of fixed English keys (the same in every language),
 * one row per unit then one per person (column "scope").  HTML: a whole
 * page, self-contained. */
char *report_render(const struct report *r, enum report_format f,
		    const char *lang);
/* The HTML report as a body fragment with inline styles only, for mail;
 * caller frees. */
char *report_html_fragment(const struct report *r, const char *lang);
/* A few lines for the text part of the report mail; caller frees. */
char *report_summary(const struct report *r, const char *lang);

/* Terminal width of UTF-8 text: one column per code point, none for
 * combining marks (and other zero-width characters); a malformed byte
 * counts one. */
size_t report_text_width(const char *s);

/* Queues the report of p (computed at runtime_now) to [report] to, as
 * the "report" template with the HTML report in the body and the CSV
 * attached (bao-cao-NAME.csv), in [report] language.  Runs inside the
 * caller's store transaction.  1 when queued (*msgid_r, when msgid_r is
 * not NULL, the Message-ID, caller frees), 0 when every recipient was
 * held back by the outbox's rate limit (try again later), -1 with
 * *error_r (also when [report] to is empty). */
int report_mail(struct runtime *rt, const struct report_period *p,
		char **msgid_r, char **error_r);

/* The scheduler's part: on the first working day after a quarter ends,
 * or on the first run after it, mails that quarter's report once
 * (recorded in the store with the mail, in the caller's transaction).
 * Nothing without [report] to, or when no item was registered before the
 * quarter ended.  0, or -1 with *error_r. */
int report_tick(struct runtime *rt, char **error_r);

#endif
