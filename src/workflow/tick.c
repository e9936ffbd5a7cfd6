/* The scheduler.  For each open item and the day of runtime_now(), the
 * stage that is due (a reminder N working days before the deadline, the
 * deadline itself, the k-th overdue reminder, the escalation) is marked in
 * the stages table before its mail is queued, in the same transaction: a
 * stage is acted on once however often the scheduler runs, and after an
 * outage only the latest pending stage of each kind goes out (one message
 * per stage, not one per missed cycle).  Stage names carry the deadline,
 * so a new deadline (an extension) arms the reminders again. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/log.h"
#include "private.h"

struct tick {
	struct runtime *rt;
	int32_t today;
	int sent;
	bool more; /* items due beyond this batch */
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

	if (wf_item_read_letter(t->rt, it, &t->error) < 0) {
		return -1;
	}
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

	if (wf_item_read_letter(t->rt, it, &t->error) < 0) {
		return -1;
	}
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

/* The stages of an open item loaded by open_item; send_stage and
 * send_internal read its letter, when they write.  0, or -1 with
 * t->error. */
static int item_stages(struct tick *t, struct wf_item *it)
{
	int rc;

	if (it->c.due_day <= 0 || !it->c.lead) {
		return 0;
	}
	if (t->today < it->c.due_day) {
		rc = before(t, it);
	} else if (t->today == it->c.due_day) {
		rc = stage(t, it->c.id, "due:%d", (int)it->c.due_day);
		rc = rc == 1 ? send_stage(t, it, "due_today", 0, false) : rc;
	} else {
		rc = overdue(t, it);
	}
	if (rc >= 0) {
		rc = internal(t, it);
	}
	return rc < 0 ? -1 : 0;
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

/* --- when each item is due next ---------------------------------------- */

/* The first day after today on which the stages above may act on an item
 * are those where what they decide changes: a reminder day, the
 * deadline, the first day of each overdue round and the escalation, the
 * internal deadline's reminder days, its day and the day after, and a
 * waiting consultation's deadline and the day after.  Between two of
 * them every stage the item reaches is one it has marked already, so
 * the sweep skips those days; the stages above stay the judges of what
 * is sent. */

/* best, or cand when it comes after today and before best. */
static int32_t sooner(int32_t best, int32_t cand, int32_t today)
{
	return cand > today && cand < best ? cand : best;
}

static int32_t next_of_deadline(const struct tick *t, int32_t due, int32_t best)
{
	const struct config_deadlines *d = &t->rt->cfg->deadlines;
	const struct workcal *cal = t->rt->cal;
	int every = d->overdue_every > 0 ? d->overdue_every : 1;
	int k = t->today > due ? workcal_count(cal, due, t->today) : 0;
	int steps[2], n = 0;

	for (size_t i = 0; i < d->n_remind_before; i++) {
		best = sooner(best, workcal_sub(cal, due, d->remind_before[i]),
			      t->today);
	}
	best = sooner(best, due, t->today);
	/* the next overdue round, and the escalation when to come */
	steps[n++] = k < 1 ? 1 : ((k - 1) / every + 1) * every + 1;
	if (d->escalate_after > k) {
		steps[n++] = d->escalate_after;
	}
	for (int i = 0; i < n; i++) {
		int32_t day = steps[i] > WORKCAL_MAX_DAYS
				  ? t->today + 1
				  : workcal_add(cal, due, steps[i]);

		best =
		    sooner(best, day > t->today ? day : t->today + 1, t->today);
	}
	return best;
}

static int32_t next_of_internal(const struct tick *t,
				const struct store_case *c, int32_t best)
{
	const struct config_deadlines *d = &t->rt->cfg->deadlines;
	int32_t due = c->handler_due_day;

	if (!c->handler || due <= 0 || due >= c->due_day) {
		return best;
	}
	for (size_t i = 0; i < d->n_remind_before; i++) {
		best = sooner(best,
			      workcal_sub(t->rt->cal, due, d->remind_before[i]),
			      t->today);
	}
	best = sooner(best, due, t->today);
	return sooner(best, workcal_add(t->rt->cal, due, 1), t->today);
}

/* Records the day c's next stage is due, after the sweep acted on it. */
static int schedule_next(struct tick *t, const struct store_case *c)
{
	struct store_consult *w = NULL;
	size_t n = 0;
	int32_t best = INT32_MAX;
	int rc;

	if (c->due_day > 0 && c->lead) {
		best = next_of_deadline(t, c->due_day, best);
		best = next_of_internal(t, c, best);
	}
	rc = store_consult_waiting(t->rt->st, c->id, &w, &n, &t->error);
	for (size_t i = 0; i < n; i++) {
		best = sooner(best, w[i].due_day, t->today);
		best = sooner(best, w[i].due_day + 1, t->today);
		store_consult_release(&w[i]);
	}
	free(w);
	if (rc < 0) {
		return -1;
	}
	return store_sweep_set(t->rt->st, c->id, best == INT32_MAX ? -1 : best,
			       &t->error);
}

/* What the days are computed with: the [deadlines] the stages read and
 * the calendar. */
static char *sweep_digest(const struct runtime *rt)
{
	const struct config_deadlines *d = &rt->cfg->deadlines;
	struct sbuf b = SBUF_INIT(SIZE_MAX);

	sbuf_adds(&b, "1 remind");
	for (size_t i = 0; i < d->n_remind_before; i++) {
		sbuf_addf(&b, " %d", d->remind_before[i]);
	}
	sbuf_addf(&b, " every %d escalate %d calendar %016llx",
		  d->overdue_every, d->escalate_after,
		  (unsigned long long)workcal_digest(rt->cal));
	return sbuf_detach(&b);
}

static int by_id(const void *a, const void *b)
{
	const struct store_consult *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static int by_item(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

/* Loads item id's case when it is open, its letter left for a mail
 * (item_stages): the one read serves its stages and its next day, the
 * stages writing only their own table and the outbox.  1, 0 when not
 * open (or gone), -1 error. */
static int open_item(struct tick *t, int64_t id, struct wf_item *it)
{
	int rc = wf_item_load_case(t->rt, id, it, &t->error);

	if (rc == 1 && !event_item_status_is_open(it->c.status)) {
		wf_item_release(it);
		rc = 0;
	}
	return rc;
}

/* The sweep over a batch of the items due today (store_sweep_due, at
 * most [service] scheduler_batch): first the consultations waiting on them, by
 * id, then the items, by id, each item's next day recorded after it (a
 * day after today, or none: every item handled leaves the due set, and
 * the next batch goes on with the rest).  An item no longer open leaves
 * the sweep.  What an item's stages send depends on that item alone (the
 * rate limit counts per item), so batches queue what one sweep over
 * every item due would. */
static int sweep(struct tick *t)
{
	size_t batch = t->rt->cfg->service.scheduler_batch > 0
			   ? (size_t)t->rt->cfg->service.scheduler_batch
			   : CONFIG_SCHEDULER_BATCH;
	struct store_consult *w = NULL; /* waiting on the items due */
	size_t n_w = 0;
	int64_t *ids = NULL;
	size_t n = 0;
	int ret = -1;

	if (store_sweep_due(t->rt->st, t->today, batch + 1, &ids, &n,
			    &t->error) < 0) {
		return -1;
	}
	if (n > batch) {
		t->more = true; /* one more asked for, to know: not handled */
		n = batch;
	}
	if (n > 1) {
		qsort(ids, n, sizeof(*ids), by_item);
	}
	/* (only an open item's consultations wait: the query says so) */
	for (size_t i = 0; i < n; i++) {
		if (store_consult_waiting(t->rt->st, ids[i], &w, &n_w,
					  &t->error) < 0) {
			goto out;
		}
	}
	if (n_w) {
		qsort(w, n_w, sizeof(*w), by_id);
	}
	for (size_t i = 0; i < n_w; i++) {
		if (consult_cb(&w[i], t) || t->error) {
			goto out;
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct wf_item it;
		int rc = open_item(t, ids[i], &it);

		if (rc < 0) {
			goto out;
		}
		if (rc == 0) {
			if (store_sweep_set(t->rt->st, ids[i], -1, &t->error) <
			    0) {
				goto out;
			}
			continue;
		}
		rc = item_stages(t, &it) < 0 || t->error
			 ? -1
			 : schedule_next(t, &it.c);
		wf_item_release(&it);
		if (rc < 0) {
			goto out;
		}
	}
	ret = 0;
out:
	for (size_t i = 0; i < n_w; i++) {
		store_consult_release(&w[i]);
	}
	free(w);
	free(ids);
	return ret;
}

int workflow_tick(struct runtime *rt, char **error_r)
{
	struct tick t = {rt, wf_today(rt), 0, false, NULL};
	char *digest = sweep_digest(rt);
	int rc;

	rc = store_sweep_basis(rt->st, digest, t.today, &t.error) < 0
		 ? -1
		 : sweep(&t);
	free(digest);
	if (rc < 0) {
		*error_r = t.error ? t.error : xstrdup("scheduler failed");
		return -1;
	}
	if (t.sent || t.more) {
		log_info("scheduler: %d message%s queued%s", t.sent,
			 t.sent == 1 ? "" : "s",
			 t.more ? "; more items due, in the next batch" : "");
	}
	return t.more ? 1 : 0;
}
