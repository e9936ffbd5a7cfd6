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

/* A heading in Vietnamese and English whatever the report's language,
 * so that the figures the letter names are found by either reader. */
static void head_both(struct rtable *t, enum word w)
{
	snprintf(t->both[t->ncols], sizeof(t->both[0]), "%s / %s",
		 words_get("vi", w), words_get("en", w));
	head(t, t->both[t->ncols], true);
}

static void unit_cells(struct rtable *t, const struct report_unit *u,
		       const char *lang, bool total)
{
	cell(t, total ? "" : u->code);
	cell(t, total ? words_get(lang, W_R_TOTAL) : u->name);
}

static void handling(const struct report *r, const char *lang, struct rtable *t)
{
	static const enum word cols[] = {
	    W_R_RECEIVED,     W_R_DONE_ON_TIME, W_R_DONE_LATE,
	    W_R_OPEN_IN_TIME, W_R_OPEN_OVERDUE, W_R_EXT_REQUESTED,
	    W_R_EXT_GRANTED,  W_R_REMINDERS,
	};
	char rate[24], rank[16];

	title(t, words_get(lang, W_R_UNITS));
	head(t, words_get(lang, W_R_RANK), true);
	head(t, words_get(lang, W_R_CODE), false);
	head(t, words_get(lang, W_R_UNIT), false);
	head(t, words_get(lang, W_R_RATE), true);
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		head(t, words_get(lang, cols[i]), true);
	}
	for (size_t i = 0; i <= r->n_units; i++) {
		bool total = i == r->n_units;
		const struct report_unit *u = total ? &r->total : &r->units[i];

		row(t);
		snprintf(rank, sizeof(rank), "%d", u->rank);
		cell(t, u->rank ? rank
			: total ? ""
				: words_get(lang, W_R_NONE));
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
	title(t, words_get(lang, W_R_CONSULTS));
	head(t, words_get(lang, W_R_CODE), false);
	head(t, words_get(lang, W_R_UNIT), false);
	head(t, words_get(lang, W_R_CONSULT_ON_TIME), true);
	head(t, words_get(lang, W_R_CONSULT_LATE), true);
	head(t, words_get(lang, W_R_DEEMED), true);
	head(t, words_get(lang, W_R_DISAGREE), true);
	head(t, words_get(lang, W_R_UNCLEAR), true);
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
	snprintf(t->title, sizeof(t->title), "%s — %s",
		 words_get("vi", W_R_CLAUSES_TITLE),
		 words_get("en", W_R_CLAUSES_TITLE));
	head(t, words_get(lang, W_R_CODE), false);
	head(t, words_get(lang, W_R_UNIT), false);
	head_both(t, W_R_DEEMED);
	head_both(t, W_R_LATE_ANSWERS);
	head_both(t, W_R_RETURNED);
	head_both(t, W_R_TRANSFERRED);
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
	title(t, words_get(lang, W_R_PERSONS));
	head(t, words_get(lang, W_R_NAME), false);
	head(t, words_get(lang, W_R_ADDRESS), false);
	head(t, words_get(lang, W_R_UNIT), false);
	head(t, words_get(lang, W_R_DELEGATED), true);
	head(t, words_get(lang, W_R_DONE_ON_TIME), true);
	head(t, words_get(lang, W_R_DONE_LATE), true);
	head(t, words_get(lang, W_R_OPEN_OVERDUE), true);
	head(t, words_get(lang, W_R_OPINIONS), true);
	head(t, words_get(lang, W_R_OPINIONS_LATE), true);
	head(t, words_get(lang, W_R_REMINDERS), true);
	for (size_t i = 0; i < r->n_persons; i++) {
		const struct report_person *p = &r->persons[i];

		row(t);
		cell(t, p->name ? p->name : words_get(lang, W_R_NONE));
		cell(t, p->address);
		cell(t, p->unit ? p->unit : words_get(lang, W_R_NONE));
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

const char *report_table_cell(const struct rtable *t, size_t row_i, size_t col)
{
	return t->cells[row_i * t->ncols + col];
}
