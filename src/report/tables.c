/* The report's tables, as cells of text, which render_text.c aligns for a
 * terminal and render_html.c writes as HTML tables: one builder, so that both
 * show the same figures under the same headings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tables.h"

static void head(struct rtable *t, const char *label, bool num)
{
	t->head[t->ncols] = label;
	t->num[t->ncols++] = num;
}

/* Starts a row; cells are added with cell() and cell_int(). */
static void row(struct rtable *t)
{
	t->cells =
	    xrealloc(t->cells, (t->nrows + 1) * t->ncols * sizeof(*t->cells));
	memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof(*t->cells));
	t->nrows++;
	t->filled = 0;
}

static void cell(struct rtable *t, const char *s)
{
	t->cells[(t->nrows - 1) * t->ncols + t->filled++] = xstrdup(s ? s : "");
}

static void cell_int(struct rtable *t, int v)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%d", v);
	cell(t, buf);
}

static void title(struct rtable *t, const char *s)
{
	snprintf(t->title, sizeof(t->title), "%s", s);
}

static void unit_cells(struct rtable *t, const struct report_unit *u,
		       const char *lang, bool total)
{
	cell(t, total ? "" : u->code);
	cell(t, total ? rl(lang, L_TOTAL) : u->name);
}

static void handling(const struct report *r, const char *lang, struct rtable *t)
{
	static const enum rl cols[] = {
	    L_RECEIVED,     L_DONE_ON_TIME,  L_DONE_LATE,   L_OPEN_IN_TIME,
	    L_OPEN_OVERDUE, L_EXT_REQUESTED, L_EXT_GRANTED, L_REMINDERS,
	};
	char rate[24], rank[16];

	title(t, rl(lang, L_UNITS));
	head(t, rl(lang, L_RANK), true);
	head(t, rl(lang, L_CODE), false);
	head(t, rl(lang, L_UNIT), false);
	head(t, rl(lang, L_RATE), true);
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		head(t, rl(lang, cols[i]), true);
	}
	for (size_t i = 0; i <= r->n_units; i++) {
		bool total = i == r->n_units;
		const struct report_unit *u = total ? &r->total : &r->units[i];

		row(t);
		snprintf(rank, sizeof(rank), "%d", u->rank);
		cell(t, u->rank ? rank : total ? "" : rl(lang, L_NONE));
		unit_cells(t, u, lang, total);
		report_rate_text(u, lang, rate);
		cell(t, rate);
		cell_int(t, u->f.received);
		cell_int(t, u->f.done_on_time);
		cell_int(t, u->f.done_late);
		cell_int(t, u->f.open_in_time);
		cell_int(t, u->f.open_overdue);
		cell_int(t, u->f.ext_requested);
		cell_int(t, u->f.ext_granted);
		cell_int(t, u->f.reminders);
	}
	t->total_row = true;
}

static void consultations(const struct report *r, const char *lang,
			  struct rtable *t)
{
	title(t, rl(lang, L_CONSULTS));
	head(t, rl(lang, L_CODE), false);
	head(t, rl(lang, L_UNIT), false);
	head(t, rl(lang, L_CONSULT_ON_TIME), true);
	head(t, rl(lang, L_CONSULT_LATE), true);
	head(t, rl(lang, L_DEEMED), true);
	head(t, rl(lang, L_DISAGREE), true);
	head(t, rl(lang, L_UNCLEAR), true);
	for (size_t i = 0; i <= r->n_units; i++) {
		bool total = i == r->n_units;
		const struct report_unit *u = total ? &r->total : &r->units[i];

		row(t);
		unit_cells(t, u, lang, total);
		cell_int(t, u->f.consult_on_time);
		cell_int(t, u->f.consult_late);
		cell_int(t, u->f.deemed);
		cell_int(t, u->f.disagree);
		cell_int(t, u->f.unclear);
	}
	t->total_row = true;
}

/* What the letter's clauses single out, headed in both languages. */
static void clauses(const struct report *r, const char *lang, struct rtable *t)
{
	title(t, rl_both(B_TITLE));
	head(t, rl(lang, L_CODE), false);
	head(t, rl(lang, L_UNIT), false);
	head(t, rl_both(B_SILENCE), true);
	head(t, rl_both(B_LATE), true);
	head(t, rl_both(B_RETURNED), true);
	head(t, rl_both(B_TRANSFERRED), true);
	for (size_t i = 0; i <= r->n_units; i++) {
		bool total = i == r->n_units;
		const struct report_unit *u = total ? &r->total : &r->units[i];

		row(t);
		unit_cells(t, u, lang, total);
		cell_int(t, u->f.deemed);
		cell_int(t, u->f.consult_late);
		cell_int(t, u->f.returned);
		cell_int(t, u->f.transferred);
	}
	t->total_row = true;
}

static void persons(const struct report *r, const char *lang, struct rtable *t)
{
	title(t, rl(lang, L_PERSONS));
	head(t, rl(lang, L_NAME), false);
	head(t, rl(lang, L_ADDRESS), false);
	head(t, rl(lang, L_UNIT), false);
	head(t, rl(lang, L_DELEGATED), true);
	head(t, rl(lang, L_DONE_ON_TIME), true);
	head(t, rl(lang, L_DONE_LATE), true);
	head(t, rl(lang, L_OPEN_OVERDUE), true);
	head(t, rl(lang, L_OPINIONS), true);
	head(t, rl(lang, L_OPINIONS_LATE), true);
	head(t, rl(lang, L_REMINDERS), true);
	for (size_t i = 0; i < r->n_persons; i++) {
		const struct report_person *p = &r->persons[i];

		row(t);
		cell(t, p->name ? p->name : rl(lang, L_NONE));
		cell(t, p->address);
		cell(t, p->unit ? p->unit : rl(lang, L_NONE));
		cell_int(t, p->delegated);
		cell_int(t, p->done_on_time);
		cell_int(t, p->done_late);
		cell_int(t, p->open_overdue);
		cell_int(t, p->opinions);
		cell_int(t, p->opinions_late);
		cell_int(t, p->reminders);
	}
}

void report_tables(const struct report *r, const char *lang,
		   struct rtable t[RTABLES])
{
	memset(t, 0, RTABLES * sizeof(*t));
	handling(r, lang, &t[0]);
	consultations(r, lang, &t[1]);
	clauses(r, lang, &t[2]);
	persons(r, lang, &t[3]);
}

void report_tables_release(struct rtable t[RTABLES])
{
	for (size_t k = 0; k < RTABLES; k++) {
		for (size_t i = 0; i < t[k].nrows * t[k].ncols; i++) {
			free(t[k].cells[i]);
		}
		free(t[k].cells);
	}
	memset(t, 0, RTABLES * sizeof(*t));
}

const char *rtable_cell(const struct rtable *t, size_t row_i, size_t col)
{
	return t->cells[row_i * t->ncols + col];
}
