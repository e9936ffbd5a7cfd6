/* Choosing a format, and the few lines the report mail's text part
 * carries. */
#include <stdlib.h>
#include <string.h>

#include "private.h"

int report_format_parse(const char *s, enum report_format *f_r)
{
	static const struct {
		const char *name;
		enum report_format f;
	} formats[] = {
	    {"text", REPORT_TEXT},
	    {"csv", REPORT_CSV},
	    {"html", REPORT_HTML},
	};

	for (size_t i = 0; s && i < ARRAY_SIZE(formats); i++) {
		if (strcmp(s, formats[i].name) == 0) {
			*f_r = formats[i].f;
			return 0;
		}
	}
	return -1;
}

char *report_render(const struct report *r, enum report_format f,
		    const char *lang)
{
	switch (f) {
	case REPORT_CSV:
		return report_render_csv(r);
	case REPORT_HTML:
		return report_render_html(r, lang);
	case REPORT_TEXT:
	default:
		return report_render_text(r, lang);
	}
}

char *report_summary(const struct report *r, const char *lang)
{
	struct sbuf sb = SBUF_INIT(1 << 20);
	const struct report_figures *t = &r->total.f;
	char rate[24], asof[16];

	report_day_text(r->as_of_day, lang, asof);
	report_rate_text(&r->total, lang, rate);
	sbuf_addf(&sb, "%s: %d; %s: %d; %s: %d; %s: %d; %s: %d; %s: %s.\n",
		  words_get(lang, W_R_RECEIVED), t->received,
		  words_get(lang, W_R_DONE_ON_TIME), t->done_on_time,
		  words_get(lang, W_R_DONE_LATE), t->done_late,
		  words_get(lang, W_R_OPEN_IN_TIME), t->open_in_time,
		  words_get(lang, W_R_OPEN_OVERDUE), t->open_overdue,
		  words_get(lang, W_R_RATE), rate);
	sbuf_addf(&sb, "%s: %d; %s: %d; %s: %d; %s: %d.\n",
		  words_get(lang, W_R_DEEMED), t->deemed,
		  words_get(lang, W_R_CONSULT_LATE), t->consult_late,
		  words_get(lang, W_R_RETURNED), t->returned,
		  words_get(lang, W_R_TRANSFERRED), t->transferred);
	sbuf_addf(&sb, "\n%s (%s %s):\n", words_get(lang, W_R_CHART),
		  words_get(lang, W_R_AS_OF), asof);
	for (size_t i = 0; i < r->n_units; i++) {
		const struct report_unit *u = &r->units[i];

		report_rate_text(u, lang, rate);
		if (u->rank) {
			sbuf_addf(&sb, "  %d. %s (%s): %s\n", u->rank, u->name,
				  u->code, rate);
		} else {
			sbuf_addf(&sb, "  %s. %s (%s): %s\n",
				  words_get(lang, W_R_NONE), u->name, u->code,
				  rate);
		}
	}
	return sbuf_detach(&sb);
}
