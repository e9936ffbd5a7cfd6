/* Deadlines as people write them in replies, the deadline a letter
 * states counted on the working calendar, and the deadline of a new
 * assignment. */
#include <stdlib.h>
#include <string.h>

#include "private.h"

#define DAYS_MAX 365

/* "N ngày làm việc", "N working days", "N ngày", "N days": N, or 0 when
 * text is not a number of days. */
static int days_of(const char *text)
{
	char *folded = text_fold(text);
	char *end;
	long n = strtol(folded, &end, 10);
	int ret = 0;

	if (end != folded && n > 0 && n <= DAYS_MAX) {
		while (*end == ' ') {
			end++;
		}
		if (!strcmp(end, "ngay lam viec") || !strcmp(end, "ngay") ||
		    !strcmp(end, "working days") ||
		    !strcmp(end, "working day") || !strcmp(end, "days") ||
		    !strcmp(end, "day") || !*end) {
			ret = (int)n;
		}
	}
	free(folded);
	return ret;
}

int wf_parse_due(const struct runtime *rt, const char *text, int32_t *day_r,
		 char **error_r)
{
	int n = days_of(text);
	int32_t day;

	if (n > 0) {
		*day_r = workcal_add(rt->cal, wf_today(rt), n);
		return 0;
	}
	if (workday_parse_written(text, wf_today(rt), &day) == 0) {
		*day_r = workcal_next_workday(rt->cal, day);
		return 0;
	}
	*error_r = xasprintf(wf_word(rt, W_NOT_A_DUE), text);
	return -1;
}

int workflow_letter_due(const struct workcal *cal,
			const struct store_letter_row *l, time_t received_at,
			int32_t *day_r)
{
	const char *kind = l->deadline_kind;
	int32_t from = workday_day_of(received_at), day;

	/* a letter stored before its kind was: a date */
	if ((!kind || !strcmp(kind, "date") || !strcmp(kind, "month")) &&
	    l->deadline && workday_parse_date(l->deadline, &day) == 0) {
		*day_r = workcal_next_workday(cal, day);
		return 0;
	}
	if (!kind || l->deadline_days < 1 || l->deadline_days > DAYS_MAX) {
		return -1;
	}
	if (l->deadline_from && !strcmp(l->deadline_from, "issue") &&
	    (!l->date || workday_parse_date(l->date, &from) < 0)) {
		return -1; /* from the letter's date, which it does not give */
	}
	if (!strcmp(kind, "working_days")) {
		*day_r = workcal_add(cal, from, l->deadline_days);
		return 0;
	}
	if (!strcmp(kind, "days")) {
		/* Civil Code 2015, art. 148: a period that ends on a day off
		 * ends at the end of the next working day. */
		*day_r = workcal_next_workday(cal, from + l->deadline_days);
		return 0;
	}
	return -1;
}

int wf_assignment_due(const struct runtime *rt, const struct wf_item *it,
		      const char *due_text, int rule_days, int32_t *day_r,
		      char **error_r)
{
	if (due_text) {
		return wf_parse_due(rt, due_text, day_r, error_r);
	}
	if (it->has_letter &&
	    workflow_letter_due(rt->cal, &it->letter, it->c.registered_at,
				day_r) == 0) {
		return 0;
	}
	*day_r = workcal_add(
	    rt->cal, workday_day_of(it->c.registered_at),
	    rule_days > 0 ? rule_days : rt->cfg->deadlines.assignment_days);
	return 0;
}
