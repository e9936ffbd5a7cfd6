/* The service's locale: every word the workflow says to people comes
 * from the catalogue in its language; today and a day as people write it.
 * A file of its own, so that what only reads (the deadline a letter
 * states, for `show`) links no mail. */
#include "congvan/words.h"
#include "congvan/workday.h"
#include "private.h"

const char *wf_word(const struct runtime *rt, enum word w)
{
	return words_get(rt->cfg->service.language, w);
}

int32_t wf_today(const struct runtime *rt)
{
	return workday_day_of(runtime_now(rt));
}

void wf_day_text(int32_t day, char buf[16])
{
	if (day <= 0) {
		buf[0] = '\0';
		return;
	}
	workday_format_vn(day, buf);
}
