/* Deadlines as people write them in replies, the deadline a letter
 * states counted on the working calendar, and the deadline of a new
 * assignment. */
#include <stdlib.h>
#include <string.h>

#include "private.h"

#define DAYS_MAX 365

/* Words people put before a deadline ("Gia hạn: thêm 5 ngày", "Gia
 * hạn: đến 15/1", "Hạn: trước ngày 30/12", "Hạn: trong ngày 08/12",
 * "Hạn: ngay trong ngày 08/12", "Hạn: trong 10 ngày làm việc"), folded:
 * what follows is read alone. */
static char *after_lead(char *folded)
{
	static const char *const lead[] = {"them ",       "den ",   "truoc ",
					   "ngay trong ", "trong ", "until ",
					   "by ",         "to ",    "within "};

	for (size_t i = 0; i < ARRAY_SIZE(lead); i++) {
		size_t n = strlen(lead[i]);

		if (!strncmp(folded, lead[i], n)) {
			return folded + n;
		}
	}
	return folded;
}

/* "N ngày làm việc", "N working days", "N ngày", "N days" in folded text
 * (a full stop after it is cut off): N, or 0 when it is not a number of
 * days. */
static int days_of(char *folded)
{
	char *end;
	long n = strtol(folded, &end, 10);

	if (end == folded || n <= 0 || n > DAYS_MAX || *folded < '0' ||
	    *folded > '9') {
		return 0;
	}
	while (*end == ' ') {
		end++;
	}
	while (*end && end[strlen(end) - 1] == '.') {
		end[strlen(end) - 1] = '\0';
	}
	return !strcmp(end, "ngay lam viec") || !strcmp(end, "ngay") ||
		       !strcmp(end, "working days") ||
		       !strcmp(end, "working day") || !strcmp(end, "days") ||
		       !strcmp(end, "day") || !*end
		   ? (int)n
		   : 0;
}

int wf_due_days(const char *text)
{
	char *folded = text_fold(text);
	int n = days_of(after_lead(folded));

	free(folded);
	return n;
}

/* The refusal of a date whose weekday is not the one written with it
 * ("thứ Hai, 18/12/2026", a Friday): which of the two was meant is not
 * known, so neither is taken. */
static char *weekday_mismatch(const struct runtime *rt, const char *text,
			      int32_t day, int written)
{
	char date[11];

	workday_format_vn(day, date);
	return xasprintf(wf_word(rt, W_DUE_WEEKDAY), text, date,
			 wf_word(rt, W_SUNDAY + workday_weekday(day)),
			 wf_word(rt, W_SUNDAY + written));
}

int wf_parse_due(const struct runtime *rt, const char *text, int32_t *day_r,
		 char **error_r)
{
	char *folded = text_fold(text);
	char *rest = after_lead(folded);
	int n = days_of(rest), weekday;
	int32_t day;
	int ret = -1;

	if (n > 0) {
		*day_r = workcal_add(rt->cal, wf_today(rt), n);
		ret = 0;
	} else if (workday_parse_written(rest, wf_today(rt), &day, &weekday) <
		   0) {
		*error_r = xasprintf(wf_word(rt, W_NOT_A_DUE), text);
	} else if (weekday >= 0 && weekday != workday_weekday(day)) {
		*error_r = weekday_mismatch(rt, text, day, weekday);
	} else {
		*day_r = workcal_next_workday(rt->cal, day);
		ret = 0;
	}
	free(folded);
	return ret;
}

int wf_parse_extension(const struct runtime *rt, int32_t from, const char *text,
		       int32_t *day_r, char **error_r)
{
	int n = wf_due_days(text);

	if (n > 0) {
		*day_r = workcal_add(rt->cal, from, n);
		return 0;
	}
	return wf_parse_due(rt, text, day_r, error_r);
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
