/* How the report writes days, periods and rates in each language (its
 * words are in the catalogue, congvan/words.h). */
#include <stdio.h>
#include <string.h>

#include "congvan/workday.h"
#include "private.h"

void report_day_text(int32_t day, const char *lang, char buf[16])
{
	char tmp[11];

	if (words_english(lang)) {
		workday_format(day, tmp);
	} else {
		workday_format_vn(day, tmp);
	}
	snprintf(buf, 16, "%s", tmp);
}

char *report_period_title(const struct report_period *p, const char *lang)
{
	static const char *const roman[] = {"", "I", "II", "III", "IV"};
	static const char *const arabic[] = {"", "1", "2", "3", "4"};
	char a[16], b[16];

	if (p->quarter >= 1 && p->quarter <= 4) {
		return xasprintf(words_get(lang, W_R_PERIOD_QUARTER),
				 words_english(lang) ? arabic[p->quarter]
						     : roman[p->quarter],
				 p->year);
	}
	report_day_text(p->from_day, lang, a);
	report_day_text(p->to_day, lang, b);
	return xasprintf(words_get(lang, W_R_PERIOD_DAYS), a, b);
}

void report_rate_text(const struct report_unit *u, const char *lang,
		      char buf[24])
{
	int whole, tenth;

	if (u->rate_permille < 0) {
		snprintf(buf, 24, "%s", words_get(lang, W_R_NONE));
		return;
	}
	whole = u->rate_permille / 10;
	tenth = u->rate_permille % 10;
	if (words_english(lang)) {
		snprintf(buf, 24, "%d.%d%%", whole, tenth);
	} else {
		snprintf(buf, 24, "%d,%d %%", whole, tenth);
	}
}
