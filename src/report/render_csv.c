/* The report as CSV (RFC 4180): CRLF line ends, a header row of fixed
 * English keys, one row per unit (ranked) then one per person, told apart
 * by the first column, "scope".  A field is quoted when it holds a comma,
 * a quote or a line end; a field that a spreadsheet would run as a
 * formula (starting with = + - @, TAB or CR) is quoted with a leading
 * apostrophe. */
#include <stdio.h>
#include <string.h>

#include "private.h"

static const char *const columns[] = {
    "scope",
    "period",
    "code",
    "name",
    "address",
    "unit",
    "rank",
    "on_time_rate",
    "received",
    "done_on_time",
    "done_late",
    "open_in_time",
    "open_overdue",
    "returned",
    "transferred",
    "extensions_requested",
    "extensions_granted",
    "answered_on_time",
    "answered_late",
    "deemed_agreement",
    "disagreements",
    "unclear_answers",
    "reminders",
    "delegated",
    "opinions",
    "opinions_late",
};

#define NCOLS (sizeof(columns) / sizeof(columns[0]))

static void field(struct sbuf *sb, const char *s, bool last)
{
	bool formula = s && s[0] && strchr("=+-@\t\r", s[0]);
	bool quote = formula || (s && strpbrk(s, ",\"\r\n"));

	if (quote) {
		sbuf_addch(sb, '"');
		if (formula) {
			sbuf_addch(sb, '\'');
		}
		for (; *s; s++) {
			if (*s == '"') {
				sbuf_addch(sb, '"');
			}
			sbuf_addch(sb, *s);
		}
		sbuf_addch(sb, '"');
	} else if (s) {
		sbuf_adds(sb, s);
	}
	sbuf_adds(sb, last ? "\r\n" : ",");
}

static void number(struct sbuf *sb, int v)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%d", v);
	field(sb, buf, false);
}

static void unit_row(struct sbuf *sb, const struct report *r,
		     const struct report_unit *u)
{
	const struct report_figures *f = &u->f;
	char rate[16];

	field(sb, "unit", false);
	field(sb, r->period.name, false);
	field(sb, u->code, false);
	field(sb, u->name, false);
	field(sb, "", false);
	field(sb, "", false);
	if (u->rank) {
		number(sb, u->rank);
	} else {
		field(sb, "", false);
	}
	snprintf(rate, sizeof(rate), "%d.%d", u->rate_permille / 10,
		 u->rate_permille % 10);
	field(sb, u->rate_permille >= 0 ? rate : "", false);
	number(sb, f->received);
	number(sb, f->done_on_time);
	number(sb, f->done_late);
	number(sb, f->open_in_time);
	number(sb, f->open_overdue);
	number(sb, f->returned);
	number(sb, f->transferred);
	number(sb, f->ext_requested);
	number(sb, f->ext_granted);
	number(sb, f->consult_on_time);
	number(sb, f->consult_late);
	number(sb, f->deemed);
	number(sb, f->disagree);
	number(sb, f->unclear);
	number(sb, f->reminders);
	field(sb, "", false);
	field(sb, "", false);
	field(sb, "", true);
}

static void person_row(struct sbuf *sb, const struct report *r,
		       const struct report_person *p)
{
	char late[16];

	field(sb, "person", false);
	field(sb, r->period.name, false);
	field(sb, "", false);
	field(sb, p->name ? p->name : "", false);
	field(sb, p->address, false);
	field(sb, p->unit ? p->unit : "", false);
	for (int i = 0; i < 2; i++) { /* rank, rate */
		field(sb, "", false);
	}
	field(sb, "", false); /* received */
	number(sb, p->done_on_time);
	number(sb, p->done_late);
	field(sb, "", false); /* open in time */
	number(sb, p->open_overdue);
	for (int i = 0; i < 9; i++) { /* returned .. unclear */
		field(sb, "", false);
	}
	number(sb, p->reminders);
	number(sb, p->delegated);
	number(sb, p->opinions);
	snprintf(late, sizeof(late), "%d", p->opinions_late);
	field(sb, late, true);
}

char *report_render_csv(const struct report *r)
{
	struct sbuf sb = SBUF_INIT(64 << 20);

	for (size_t i = 0; i < NCOLS; i++) {
		field(&sb, columns[i], i + 1 == NCOLS);
	}
	for (size_t i = 0; i < r->n_units; i++) {
		unit_row(&sb, r, &r->units[i]);
	}
	for (size_t i = 0; i < r->n_persons; i++) {
		person_row(&sb, r, &r->persons[i]);
	}
	return sbuf_detach(&sb);
}
