/* The scheduler.  For each open item and the day of runtime_now(), the
 * stage that is due (a reminder N working days before the deadline, the
 * deadline itself, the k-th overdue reminder, the escalation) is marked in
 * the stages table before its mail is queued, in the same transaction: a
 * stage is acted on once however often the scheduler runs, and after an
 * outage only the latest pending stage of each kind goes out (one message
 * per stage, not one per missed cycle).  Stage names carry the deadline,
 * so a new deadline (an extension) arms the reminders again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/log.h"
#include "private.h"

struct tick {
	struct runtime *rt;
	int32_t today;
	int sent;
	char *error;
};

/* Marks stage: 1 when new (act on it), 0 when done before, -1 error. */
static int stage(struct tick *t, int64_t item_id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int stage(struct tick *t, int64_t item_id, const char *fmt, ...)
{
	char name[96];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	return store_stage_mark(t->rt->st, item_id, name, runtime_now(t->rt),
				&t->error);
}

/* Who is reminded: the handler with the head in copy once delegated,
 * else the unit's mailbox and head. */
static void remind_rcpt(struct wf_mail *m, const struct wf_item *it)
{
	if (it->c.handler) {
		wf_to(m, it->c.handler);
		if (it->lead) {
			wf_cc(m, it->lead->head);
		}
	} else {
		wf_to_unit(m, it->lead);
	}
}

static int send_stage(struct tick *t, struct wf_item *it, const char *name,
		      int days, bool escalate)
{
	struct wf_mail m;
	int ret;

	wf_mail_init(t->rt, it, &m);
	wf_set(&m, V_RECIPIENT, it->lead ? it->lead->name : it->c.lead);
	wf_setf(&m, V_DAYS_LEFT, "%d", days);
	wf_setf(&m, V_DAYS_OVERDUE, "%d", days);
	wf_set(&m, V_UNIT, it->lead ? it->lead->name : it->c.lead);
	remind_rcpt(&m, it);
	if (escalate) {
		if (it->lead) {
			wf_cc(&m, it->lead->head);
		}
		wf_cc(&m, t->rt->cfg->service.office);
	}
	ret = wf_send(t->rt, it, &m, name, &t->error);
	wf_mail_release(&m);
	t->sent += ret == 0;
	return ret;
}

/* Before the deadline: the nearest reminder day reached, once. */
static int before(struct tick *t, struct wf_item *it)
{
	const struct config_deadlines *d = &t->rt->cfg->deadlines;
	int32_t due = it->c.due_day;
	int chosen = 0;

	/* remind_before is sorted descending: the last one reached is the
	 * nearest to the deadline. */
	for (size_t i = 0; i < d->n_remind_before; i++) {
		int r = d->remind_before[i];

		if (t->today >= workcal_sub(t->rt->cal, due, r)) {
			chosen = r;
		}
	}
	if (!chosen) {
		return 0;
	}
	/* Earlier reminders not sent in time are skipped, not sent late;
	 * later ones are left for their day. */
	for (size_t i = 0; i < d->n_remind_before; i++) {
		int r = d->remind_before[i];
		int rc;

		if (r < chosen) {
			break;
		}
		rc = stage(t, it->c.id, "remind:%d:%d", r, (int)due);

		if (rc < 0) {
			return -1;
		}
		if (rc == 1 && r == chosen) {
			return send_stage(
			    t, it, "reminder",
			    workcal_count(t->rt->cal, t->today, due), false);
		}
	}
	return 0;
}

static int overdue(struct tick *t, struct wf_item *it)
{
	const struct config_deadlines *d = &t->rt->cfg->deadlines;
	int32_t due = it->c.due_day;
	int k = workcal_count(t->rt->cal, due, t->today);
	int every = d->overdue_every > 0 ? d->overdue_every : 1;
	bool escalate = k >= d->escalate_after;
	int rc;

	if (k < 1) {
		return 0; /* a day off after the deadline: wait */
	}
	if (escalate) {
		rc = stage(t, it->c.id, "escalate:%d", (int)due);
		if (rc < 0 ||
		    (rc == 1 && send_stage(t, it, "escalation", k, true) < 0)) {
			return -1;
		}
		if (rc == 1) {
			/* The escalation is this round's overdue notice. */
			return stage(t, it->c.id, "overdue:%d:%d", (int)due,
				     (k - 1) / every) < 0
				   ? -1
				   : 0;
		}
	}
	rc = stage(t, it->c.id, "overdue:%d:%d", (int)due, (k - 1) / every);
	if (rc != 1) {
		return rc;
	}
	return send_stage(t, it, "overdue", k, escalate);
}

/* The handler's own reminders, against the internal deadline the head
 * set when it is before the unit's: before it (the nearest reminder day
 * reached), on its day, and once the working day after.  Stage names
 * carry the handler and the day, so a new delegation arms them again. */
static int send_internal(struct tick *t, struct wf_item *it, enum word what,
			 int days)
{
	struct wf_mail m;
	int ret;

	wf_mail_init(t->rt, it, &m);
	wf_set(&m, V_RECIPIENT,
	       it->c.handler_name ? it->c.handler_name : it->c.handler);
	wf_setf(&m, V_EVENT, wf_word(t->rt, what), days);
	wf_to(&m, it->c.handler);
	if (it->lead) {
		wf_cc(&m, it->lead->head);
	}
	ret = wf_send(t->rt, it, &m, "handler_reminder", &t->error);
	wf_mail_release(&m);
	t->sent += ret == 0;
	return ret;
}

static int internal(struct tick *t, struct wf_item *it)
{
	const struct config_deadlines *d = &t->rt->cfg->deadlines;
	int32_t due = it->c.handler_due_day;
	const char *who = it->c.handler;
	int chosen = 0, rc;

	if (!who || due <= 0 || due >= it->c.due_day) {
		return 0; /* the unit's own reminders go to the handler */
	}
	if (t->today == due) {
		rc = stage(t, it->c.id, "h-due:%d:%s", (int)due, who);
		return rc == 1 ? send_internal(t, it, W_INTERNAL_TODAY, 0) : rc;
	}
	if (t->today > due) {
		int k = workcal_count(t->rt->cal, due, t->today);

		if (k < 1) {
			return 0;
		}
		rc = stage(t, it->c.id, "h-overdue:%d:%s", (int)due, who);
		return rc == 1 ? send_internal(t, it, W_INTERNAL_PASSED, k)
			       : rc;
	}
	for (size_t i = 0; i < d->n_remind_before; i++) {
		if (t->today >=
		    workcal_sub(t->rt->cal, due, d->remind_before[i])) {
			chosen = d->remind_before[i];
		}
	}
	if (!chosen) {
		return 0;
	}
	rc = stage(t, it->c.id, "h-remind:%d:%d:%s", chosen, (int)due, who);
	return rc == 1 ? send_internal(t, it, W_INTERNAL_LEFT,
				       workcal_count(t->rt->cal, t->today, due))
		       : rc;
}

static int item_cb(const struct store_case *c, void *ctx)
{
	struct tick *t = ctx;
	struct wf_item it;
	int rc;

	if (c->due_day <= 0 || !c->lead) {
		return 0;
	}
	rc = wf_item_load(t->rt, c->id, &it, &t->error);
	if (rc <= 0) {
		return rc < 0;
	}
	if (t->today < it.c.due_day) {
		rc = before(t, &it);
	} else if (t->today == it.c.due_day) {
		rc = stage(t, it.c.id, "due:%d", (int)it.c.due_day);
		rc = rc == 1 ? send_stage(t, &it, "due_today", 0, false) : rc;
	} else {
		rc = overdue(t, &it);
	}
	if (rc >= 0) {
		rc = internal(t, &it);
	}
	wf_item_release(&it);
	return rc < 0;
}

/* A consultation past its deadline without a clear answer: deemed
 * agreement, with the notice to the lead and the silent unit. */
static int deem(struct tick *t, const struct store_consult *c)
{
	const struct config_unit *u = config_unit_find(t->rt->cfg, c->unit);
	const struct event_data d = {.unit = c->unit};
	struct wf_item it;
	struct wf_mail m;
	char day[16];
	int rc;

	rc = wf_item_load(t->rt, c->item_id, &it, &t->error);
	if (rc <= 0) {
		return rc;
	}
	/* an answer without a clear position, and who gave it, stay */
	rc = store_consult_deem(t->rt->st, c->id, runtime_now(t->rt),
				&t->error) < 0 ||
		     wf_apply(t->rt, &it, 0, "workflow", EV_DEEMED_AGREEMENT,
			      &d, &t->error) != 0 ||
		     wf_calendar_cancel(t->rt, &it, ICAL_PART_CONSULT, c->unit,
					wf_word(t->rt, W_CANCEL_DEEMED),
					&t->error) < 0
		 ? -1
		 : 0;
	if (rc == 0) {
		wf_mail_init(t->rt, &it, &m);
		wf_day_text(c->due_day, day);
		wf_set(&m, V_UNIT, u ? u->name : c->unit);
		wf_set(&m, V_UNIT_CODE, c->unit);
		wf_set(&m, V_CONSULT_DEADLINE, day);
		wf_set(&m, V_RECIPIENT, it.lead ? it.lead->name : "");
		if (it.lead) {
			wf_to(&m, it.lead->head);
		}
		wf_to(&m, it.c.handler);
		wf_to_unit(&m, u);
		rc = wf_send(t->rt, &it, &m, "deemed_agreement", &t->error);
		wf_mail_release(&m);
		t->sent += rc == 0;
	}
	wf_item_release(&it);
	return rc;
}

static int consult_cb(const struct store_consult *c, void *ctx)
{
	struct tick *t = ctx;
	const struct config_unit *u;
	struct wf_item it;
	struct wf_mail m;
	char day[16];
	int rc;

	if (t->today > c->due_day) {
		return deem(t, c) < 0;
	}
	/* on its day, also to a unit whose only answer was unclear */
	if (t->today != c->due_day) {
		return 0;
	}
	rc = stage(t, c->item_id, "consult:%s:%d", c->unit, (int)c->due_day);
	if (rc != 1) {
		return rc < 0;
	}
	rc = wf_item_load(t->rt, c->item_id, &it, &t->error);
	if (rc <= 0) {
		return rc < 0;
	}
	u = config_unit_find(t->rt->cfg, c->unit);
	wf_mail_init(t->rt, &it, &m);
	wf_day_text(c->due_day, day);
	wf_set(&m, V_UNIT, u ? u->name : c->unit);
	wf_set(&m, V_CONSULT_DEADLINE, day);
	wf_set(&m, V_RECIPIENT, u ? u->name : c->unit);
	wf_to_unit(&m, u);
	rc = wf_send(t->rt, &it, &m, "consult_reminder", &t->error);
	wf_mail_release(&m);
	wf_item_release(&it);
	t->sent += rc == 0;
	return rc < 0;
}

int workflow_tick(struct runtime *rt, char **error_r)
{
	struct tick t = {rt, wf_today(rt), 0, NULL};
	char *err = NULL;

	if (store_consult_foreach(rt->st, 0, consult_cb, &t, &err) < 0 ||
	    t.error || store_case_foreach_open(rt->st, item_cb, &t, &err) < 0 ||
	    t.error) {
		*error_r = t.error ? t.error : err;
		if (t.error) {
			free(err);
		}
		return -1;
	}
	if (t.sent) {
		log_info("scheduler: %d message%s queued", t.sent,
			 t.sent == 1 ? "" : "s");
	}
	return 0;
}
