/* The report's tables as cells of text (tables.c), shared by the text
 * and HTML renderers.  Private to src/report. */
#ifndef CONGVAN_REPORT_TABLES_H
#define CONGVAN_REPORT_TABLES_H

#include <stdbool.h>
#include <stddef.h>

#include "private.h"

#define RTABLE_COLS_MAX 16
/* By unit; consultations; the letter's clauses; by person. */
#define RTABLES 4

struct rtable {
	char title[192];
	size_t ncols;
	const char *head[RTABLE_COLS_MAX]; /* static labels, or both[i] */
	char both[RTABLE_COLS_MAX][96];    /* headings in both languages */
	bool num[RTABLE_COLS_MAX];         /* a figure: aligned right */
	char **cells;                      /* nrows * ncols, owned */
	size_t nrows;
	bool total_row; /* the last row is the total */
	size_t filled;  /* cells of the last row so far (building) */
};

/* Builds the four tables of r with labels in lang. */
void report_tables(const struct report *r, const char *lang,
		   struct rtable t[RTABLES]);
void report_tables_release(struct rtable t[RTABLES]);
/* Borrowed. */
const char *report_table_cell(const struct rtable *t, size_t row, size_t col);

#endif
