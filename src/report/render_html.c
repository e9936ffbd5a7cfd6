/* The report as HTML: a body fragment with inline styles only (mail
 * clients drop <style> blocks and never fetch anything), which the page
 * wraps for a browser.  The chart is a plain inline SVG (rectangles and
 * text, no script, no fonts to load); clients that do not draw SVG
 * (Outlook on Windows, Gmail) still have the rates in the table and in a
 * line of text under the chart. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tables.h"

#define FONT   "font-family:Arial,Helvetica,sans-serif"
#define BORDER "border:1px solid #b8c2cc"
#define CELL   BORDER ";padding:4px 6px;vertical-align:top"

#define CHART_LABEL 130 /* width of the unit codes */
#define CHART_BAR   360 /* width of a 100 % bar */
#define CHART_ROW   26

static void cell(struct sbuf *sb, const char *tag, const char *text, bool num,
		 bool bold)
{
	sbuf_addf(sb, "<%s style=\"%s;text-align:%s%s\">", tag, CELL,
		  num ? "right" : "left", bold ? ";font-weight:bold" : "");
	sbuf_add_html(sb, text);
	sbuf_addf(sb, "</%s>", tag);
}

static void table(struct sbuf *sb, const struct rtable *t, int number)
{
	sbuf_adds(sb, "<h2 style=\"" FONT ";font-size:16px;margin:20px 0 "
		      "6px 0\">");
	sbuf_addf(sb, "%d. ", number);
	sbuf_add_html(sb, t->title);
	sbuf_adds(sb, "</h2>\n<table cellpadding=\"4\" cellspacing=\"0\" "
		      "border=\"1\" style=\"border-collapse:collapse;" BORDER
		      ";" FONT ";font-size:13px\">\n<tr style=\"background:"
		      "#e8eef5\">");
	for (size_t c = 0; c < t->ncols; c++) {
		cell(sb, "th", t->head[c], t->num[c], true);
	}
	sbuf_adds(sb, "</tr>\n");
	for (size_t i = 0; i < t->nrows; i++) {
		bool total = t->total_row && i + 1 == t->nrows;

		sbuf_addf(sb, "<tr%s>",
			  total ? " style=\"background:#f4f6f8\"" : "");
		for (size_t c = 0; c < t->ncols; c++) {
			cell(sb, "td", report_table_cell(t, i, c), t->num[c],
			     total);
		}
		sbuf_adds(sb, "</tr>\n");
	}
	sbuf_adds(sb, "</table>\n");
}

static const char *bar_colour(int permille)
{
	return permille >= 900   ? "#2e7d32"
	       : permille >= 700 ? "#f9a825"
				 : "#c62828";
}

/* One bar per ranked unit, best first, with its rate written beside it. */
static void chart(struct sbuf *sb, const struct report *r, const char *lang)
{
	size_t n = 0;
	int y = 6;
	char rate[24];

	for (size_t i = 0; i < r->n_units; i++) {
		n += r->units[i].rated > 0;
	}
	sbuf_adds(sb, "<h2 style=\"" FONT ";font-size:16px;margin:20px 0 "
		      "6px 0\">");
	sbuf_add_html(sb, words_get(lang, W_R_CHART));
	sbuf_adds(sb, "</h2>\n");
	if (n == 0) {
		sbuf_addf(sb, "<p style=\"" FONT "\">%s</p>\n",
			  words_get(lang, W_R_NONE));
		return;
	}
	sbuf_addf(sb,
		  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		  "height=\"%zu\" viewBox=\"0 0 %d %zu\" role=\"img\">\n"
		  "<title>",
		  CHART_LABEL + CHART_BAR + 90, n * CHART_ROW + 12,
		  CHART_LABEL + CHART_BAR + 90, n * CHART_ROW + 12);
	sbuf_add_html(sb, words_get(lang, W_R_CHART));
	sbuf_adds(sb, "</title>\n");
	for (size_t i = 0; i < r->n_units; i++) {
		const struct report_unit *u = &r->units[i];

		if (!u->rated) {
			continue;
		}
		report_rate_text(u, lang, rate);
		sbuf_addf(sb,
			  "<text x=\"0\" y=\"%d\" font-family=\"Arial\" "
			  "font-size=\"13\" fill=\"#222\">",
			  y + 14);
		sbuf_add_html(sb, u->code);
		sbuf_addf(sb,
			  "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			  "height=\"18\" fill=\"#eceff1\"/>\n"
			  "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" "
			  "fill=\"%s\"/>\n<text x=\"%d\" y=\"%d\" "
			  "font-family=\"Arial\" font-size=\"13\" "
			  "fill=\"#222\">%s</text>\n",
			  CHART_LABEL, y, CHART_BAR, CHART_LABEL, y,
			  CHART_BAR * u->rate_permille / 1000,
			  bar_colour(u->rate_permille),
			  CHART_LABEL + CHART_BAR + 8, y + 14, rate);
		y += CHART_ROW;
	}
	sbuf_adds(sb, "</svg>\n<p style=\"" FONT ";font-size:13px\">");
	for (size_t i = 0, k = 0; i < r->n_units; i++) {
		if (!r->units[i].rated) {
			continue;
		}
		report_rate_text(&r->units[i], lang, rate);
		sbuf_adds(sb, k++ ? " · " : "");
		sbuf_add_html(sb, r->units[i].code);
		sbuf_addf(sb, ": %s", rate);
	}
	sbuf_adds(sb, "</p>\n");
}

static void heading(struct sbuf *sb, const struct report *r, const char *lang)
{
	char *period = report_period_title(&r->period, lang);
	char a[16], b[16], asof[16];

	report_day_text(r->period.from_day, lang, a);
	report_day_text(r->period.to_day, lang, b);
	report_day_text(r->as_of_day, lang, asof);
	sbuf_adds(sb, "<h1 style=\"" FONT ";font-size:20px;margin:0 0 6px "
		      "0\">");
	sbuf_add_html(sb, words_get(lang, W_R_TITLE));
	sbuf_adds(sb, " — ");
	sbuf_add_html(sb, r->organization);
	sbuf_adds(sb, "</h1>\n<p style=\"" FONT ";margin:0 0 4px 0\">");
	sbuf_addf(sb, "%s: <strong>", words_get(lang, W_R_PERIOD));
	sbuf_add_html(sb, period);
	sbuf_addf(sb, "</strong> (%s – %s)<br>%s %s%s%s%s</p>\n", a, b,
		  words_get(lang, W_R_AS_OF), asof, r->partial ? " (" : "",
		  r->partial ? words_get(lang, W_R_PARTIAL) : "",
		  r->partial ? ")" : "");
	free(period);
}

static void notes(struct sbuf *sb, const char *lang)
{
	static const enum word list[] = {W_R_NOTE_RATE, W_R_NOTE_OPEN,
					 W_R_NOTE_RECEIVED, W_R_NOTE_CONSULT,
					 W_R_NOTE_CLAUSES};

	sbuf_adds(sb, "<h2 style=\"" FONT ";font-size:16px;margin:20px 0 "
		      "6px 0\">");
	sbuf_add_html(sb, words_get(lang, W_R_NOTES));
	sbuf_adds(sb, "</h2>\n<ul style=\"" FONT ";font-size:13px\">\n");
	for (size_t i = 0; i < sizeof(list) / sizeof(list[0]); i++) {
		sbuf_adds(sb, "<li>");
		sbuf_add_html(sb, words_get(lang, list[i]));
		sbuf_adds(sb, "</li>\n");
	}
	sbuf_adds(sb, "</ul>\n");
}

char *report_html_fragment(const struct report *r, const char *lang)
{
	struct sbuf sb = SBUF_INIT(64 << 20);
	struct rtable t[RTABLES];

	sbuf_adds(&sb, "<div style=\"" FONT ";font-size:14px;color:#222\">\n");
	heading(&sb, r, lang);
	report_tables(r, lang, t);
	table(&sb, &t[0], 1);
	chart(&sb, r, lang);
	for (size_t k = 1; k < RTABLES; k++) {
		table(&sb, &t[k], (int)k + 1);
	}
	report_tables_release(t);
	notes(&sb, lang);
	sbuf_adds(&sb, "</div>\n");
	return sbuf_detach(&sb);
}

char *report_render_html(const struct report *r, const char *lang)
{
	struct sbuf sb = SBUF_INIT(64 << 20);
	char *fragment = report_html_fragment(r, lang);
	char *period = report_period_title(&r->period, lang);

	sbuf_addf(&sb,
		  "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		  "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
		  "content=\"width=device-width, initial-scale=1\">\n<title>",
		  words_english(lang) ? "en" : "vi");
	sbuf_add_html(&sb, words_get(lang, W_R_TITLE));
	sbuf_adds(&sb, " — ");
	sbuf_add_html(&sb, period);
	sbuf_adds(&sb, "</title>\n</head>\n<body style=\"margin:16px;"
		       "background:#ffffff\">\n");
	sbuf_adds(&sb, fragment);
	sbuf_adds(&sb, "</body>\n</html>\n");
	free(period);
	free(fragment);
	return sbuf_detach(&sb);
}
