/* The report for a terminal: each table aligned on display width, so
 * that Vietnamese names (precomposed or with combining marks) line up. */
#include <string.h>
#include <utf8proc.h>

#include "tables.h"

size_t report_text_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = s ? (utf8proc_ssize_t)strlen(s) : 0;
	size_t width = 0;

	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
		utf8proc_category_t cat;

		if (n < 1) {
			width++; /* a malformed byte shows as one glyph */
			p++;
			left--;
			continue;
		}
		cat = utf8proc_category(cp);
		if (cat != UTF8PROC_CATEGORY_MN &&
		    cat != UTF8PROC_CATEGORY_ME &&
		    cat != UTF8PROC_CATEGORY_CF) {
			width++;
		}
		p += n;
		left -= n;
	}
	return width;
}

static void pad(struct sbuf *sb, size_t n)
{
	while (n-- > 0) {
		sbuf_addch(sb, ' ');
	}
}

/* One line: cells separated by two spaces, figures aligned right, no
 * trailing blanks. */
static void line(struct sbuf *sb, const struct rtable *t, const size_t *w,
		 const char *const *cells)
{
	size_t start = sb->len;

	for (size_t c = 0; c < t->ncols; c++) {
		size_t cw = report_text_width(cells[c]);
		size_t gap = w[c] > cw ? w[c] - cw : 0;

		if (c > 0) {
			sbuf_adds(sb, "  ");
		}
		if (t->num[c]) {
			pad(sb, gap);
			sbuf_adds(sb, cells[c]);
		} else {
			sbuf_adds(sb, cells[c]);
			pad(sb, gap);
		}
	}
	while (sb->len > start && sb->buf[sb->len - 1] == ' ') {
		sb->buf[--sb->len] = '\0';
	}
	sbuf_addch(sb, '\n');
}

static void rule(struct sbuf *sb, const struct rtable *t, const size_t *w)
{
	for (size_t c = 0; c < t->ncols; c++) {
		if (c > 0) {
			sbuf_adds(sb, "  ");
		}
		for (size_t i = 0; i < w[c]; i++) {
			sbuf_addch(sb, '-');
		}
	}
	sbuf_addch(sb, '\n');
}

static void table(struct sbuf *sb, const struct rtable *t, int number)
{
	size_t w[RTABLE_COLS_MAX] = {0};

	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = report_text_width(t->head[c]);
		for (size_t i = 0; i < t->nrows; i++) {
			size_t cw =
			    report_text_width(report_table_cell(t, i, c));

			w[c] = cw > w[c] ? cw : w[c];
		}
	}
	sbuf_addf(sb, "\n%d. %s\n\n", number, t->title);
	line(sb, t, w, t->head);
	rule(sb, t, w);
	for (size_t i = 0; i < t->nrows; i++) {
		if (t->total_row && i + 1 == t->nrows) {
			rule(sb, t, w);
		}
		line(sb, t, w, (const char *const *)&t->cells[i * t->ncols]);
	}
}

char *report_render_text(const struct report *r, const char *lang)
{
	struct sbuf sb = SBUF_INIT(64 << 20);
	struct rtable t[RTABLES];
	char *period = report_period_title(&r->period, lang);
	char a[16], b[16], asof[16];
	static const enum word notes[] = {W_R_NOTE_RATE, W_R_NOTE_OPEN,
					  W_R_NOTE_RECEIVED, W_R_NOTE_CONSULT,
					  W_R_NOTE_CLAUSES};

	report_day_text(r->period.from_day, lang, a);
	report_day_text(r->period.to_day, lang, b);
	report_day_text(r->as_of_day, lang, asof);
	sbuf_addf(&sb, "%s — %s\n", words_get(lang, W_R_TITLE),
		  r->organization);
	sbuf_addf(&sb, "%s: %s (%s – %s)\n", words_get(lang, W_R_PERIOD),
		  period, a, b);
	sbuf_addf(&sb, "%s %s%s%s%s\n", words_get(lang, W_R_AS_OF), asof,
		  r->partial ? " (" : "",
		  r->partial ? words_get(lang, W_R_PARTIAL) : "",
		  r->partial ? ")" : "");
	report_tables(r, lang, t);
	for (size_t k = 0; k < RTABLES; k++) {
		table(&sb, &t[k], (int)k + 1);
	}
	report_tables_release(t);
	sbuf_addf(&sb, "\n%s:\n", words_get(lang, W_R_NOTES));
	for (size_t i = 0; i < sizeof(notes) / sizeof(notes[0]); i++) {
		sbuf_addf(&sb, "- %s\n", words_get(lang, notes[i]));
	}
	free(period);
	return sbuf_detach(&sb);
}
