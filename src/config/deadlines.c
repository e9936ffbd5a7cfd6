/* [deadlines] and [calendar]: how long each step may take, when to
 * remind, and which days count.  Both sections are optional; their
 * defaults are set before any section is finished. */
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

#define REMIND_MAX 60 /* days before a deadline, and so most reminders */

static const int remind_default[] = {3, 1};

static void remind_set(struct config_deadlines *d, const int *days, size_t n)
{
	free(d->remind_before);
	d->remind_before = n ? xmalloc(n * sizeof(*days)) : NULL;
	if (n) {
		memcpy(d->remind_before, days, n * sizeof(*days));
	}
	d->n_remind_before = n;
}

void config_directory_defaults(struct config *cfg)
{
	struct config_deadlines *d = &cfg->deadlines;

	d->assignment_days = 10;
	d->consultation_days = 5;
	remind_set(d, remind_default, ARRAY_SIZE(remind_default));
	d->overdue_every = 2;
	d->escalate_after = 1;
	cfg->calendar.holidays = xstrdup("");
	cfg->calendar.workdays = xstrdup("mon-fri");
}

enum {
	DL_ASSIGNMENT,
	DL_CONSULTATION,
	DL_REMIND_BEFORE,
	DL_OVERDUE_EVERY,
	DL_ESCALATE_AFTER,
	DL_NKEYS
};

static const struct key_spec deadlines_keys[DL_NKEYS] = {
    [DL_ASSIGNMENT] = {"assignment_days", "",
		       "a number of working days from 1 to 365"},
    [DL_CONSULTATION] = {"consultation_days", "",
			 "a number of working days from 1 to 365"},
    [DL_REMIND_BEFORE] = {"remind_before", " ",
			  "comma-separated numbers of working days from 1 "
			  "to 60, or none"},
    [DL_OVERDUE_EVERY] = {"overdue_every", "",
			  "a number of working days from 1 to 60"},
    [DL_ESCALATE_AFTER] = {"escalate_after", "",
			   "a number of working days from 0 to 60"},
};

static int int_desc(const void *a, const void *b)
{
	int x = *(const int *)a;
	int y = *(const int *)b;

	return (x < y) - (x > y);
}

/* "3, 1" or "none"; sorted descending, each number once. */
static void remind_take(struct loader *ld, struct raw_section *rs,
			struct config_deadlines *d)
{
	const struct raw_value *rv = &rs->values[DL_REMIND_BEFORE];
	const char *pos = rv->value;
	int days[REMIND_MAX];
	size_t n = 0;
	const char *item;
	size_t len;
	long v;

	if (!pos || !*pos) {
		return;
	}
	if (str_iequal(pos, "none")) {
		remind_set(d, NULL, 0);
		return;
	}
	while (config_list_next(&pos, ",", &item, &len)) {
		char *num = xstrndup(item, len);
		bool bad = len == 0 || strspn(num, "0123456789") != len ||
			   str_to_long(num, 1, REMIND_MAX, &v) < 0;

		free(num);
		if (bad || n == REMIND_MAX) {
			config_bad_value(ld, rs, DL_REMIND_BEFORE, rv->value);
			return;
		}
		for (size_t i = 0; i < n; i++) {
			if (days[i] == (int)v) {
				config_loader_error(ld, rv->line,
						    "'remind_before' lists %ld "
						    "twice; expected each "
						    "number once",
						    v);
				return;
			}
		}
		days[n++] = (int)v;
	}
	qsort(days, n, sizeof(*days), int_desc);
	remind_set(d, days, n);
}

/* A number key; the default stays when it is absent or bad. */
static void take_days(struct loader *ld, struct raw_section *rs, size_t key,
		      long min, long max, int *out)
{
	long v;

	config_get_long(ld, rs, key, min, max, *out, &v);
	*out = (int)v;
}

static void deadlines_finish(struct loader *ld, struct raw_section *rs)
{
	struct config_deadlines *d = &ld->cfg->deadlines;

	take_days(ld, rs, DL_ASSIGNMENT, 1, 365, &d->assignment_days);
	take_days(ld, rs, DL_CONSULTATION, 1, 365, &d->consultation_days);
	remind_take(ld, rs, d);
	take_days(ld, rs, DL_OVERDUE_EVERY, 1, 60, &d->overdue_every);
	take_days(ld, rs, DL_ESCALATE_AFTER, 0, 60, &d->escalate_after);
}

const struct section_kind config_deadlines_kind = {
    .name = "deadlines",
    .keys = deadlines_keys,
    .nkeys = DL_NKEYS,
    .finish = deadlines_finish,
};

enum { CAL_HOLIDAYS, CAL_WORKDAYS, CAL_NKEYS };

static const struct key_spec calendar_keys[CAL_NKEYS] = {
    [CAL_HOLIDAYS] = {"holidays", "", "a file path"},
    [CAL_WORKDAYS] = {"workdays", " ",
		      "day names such as mon-fri or mon-fri, sat"},
};

/* The working-day module parses workdays; here only its alphabet. */
static bool workdays_valid(const char *s)
{
	size_t n = strlen(s);

	return strspn(s, "abcdefghijklmnopqrstuvwxyz"
			 "ABCDEFGHIJKLMNOPQRSTUVWXYZ, -") == n &&
	       strcspn(s, "abcdefghijklmnopqrstuvwxyz"
			  "ABCDEFGHIJKLMNOPQRSTUVWXYZ") < n;
}

static void calendar_finish(struct loader *ld, struct raw_section *rs)
{
	struct config_calendar *c = &ld->cfg->calendar;
	char *path = NULL;
	char *workdays;

	config_take_path(ld, rs, CAL_HOLIDAYS, false, &path);
	if (path) {
		free(c->holidays);
		c->holidays = path;
	}
	workdays = config_take_string(rs, CAL_WORKDAYS, NULL);
	if (!workdays) {
		return;
	}
	if (!workdays_valid(workdays)) {
		config_bad_value(ld, rs, CAL_WORKDAYS, workdays);
	}
	free(c->workdays);
	c->workdays = workdays;
}

const struct section_kind config_calendar_kind = {
    .name = "calendar",
    .keys = calendar_keys,
    .nkeys = CAL_NKEYS,
    .finish = calendar_finish,
};
