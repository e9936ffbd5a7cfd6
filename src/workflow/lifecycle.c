/* The one place where an item's case changes.  Each change is an event
 * (congvan/event.h): the event is appended and what it means for the
 * case (status, lead, deadline, handler) is written in the caller's
 * transaction, so the audit trail and the case never disagree.  Which
 * event may happen in which status is the table below; the statuses
 * change nowhere else. */
#include <string.h>

#include "private.h"

#define OPEN    ((1u << ITEM_ASSIGNED) | (1u << ITEM_DISPUTED))
#define NOT_END ((1u << ITEM_REGISTERED) | OPEN)

/* The statuses an event may happen in (0: any), and the one it leads
 * to (-1: unchanged). */
static const struct {
	unsigned from;
	int to;
} rules[EV_KIND_COUNT] = {
    [EV_ASSIGNED] = {NOT_END, ITEM_ASSIGNED},
    [EV_DEADLINE_SET] = {OPEN, -1},
    [EV_DELEGATED] = {OPEN, -1},
    [EV_CONSULTED] = {OPEN, -1},
    [EV_EXTENSION_REQUESTED] = {OPEN, -1},
    [EV_EXTENSION_GRANTED] = {OPEN, -1},
    [EV_TRANSFERRED] = {OPEN, -1},
    [EV_SETTLED] = {1u << ITEM_DISPUTED, ITEM_ASSIGNED},
    /* Disagreements are settled before the work is reported done
     * (2536/BCT-VP): not from disputed. */
    [EV_DONE] = {1u << ITEM_ASSIGNED, ITEM_DONE},
    [EV_RETURNED] = {OPEN, ITEM_RETURNED},
};

bool wf_may(const struct wf_item *it, enum event_kind kind)
{
	unsigned from = kind < EV_KIND_COUNT ? rules[kind].from : 0;

	return from == 0 || (from & (1u << it->c.status)) != 0;
}

/* The status the event leads to from the item's. */
static int next_status(const struct wf_item *it, enum event_kind kind,
		       const struct event_data *d)
{
	if (kind == EV_OPINION && d->state && !strcmp(d->state, "disagree") &&
	    it->c.status == ITEM_ASSIGNED) {
		return ITEM_DISPUTED;
	}
	return kind < EV_KIND_COUNT && rules[kind].from ? rules[kind].to : -1;
}

/* What the event writes on the case besides its status, at now; it->c
 * follows what is written, so that it holds what is stored without
 * reading it back (store_case_apply_*). */
static int write_case(struct runtime *rt, struct wf_item *it, const char *actor,
		      enum event_kind kind, const struct event_data *d,
		      time_t now, char **error_r)
{
	switch (kind) {
	case EV_ASSIGNED:
		if (store_case_assign(rt->st, it->c.id, d->unit, d->coordinate,
				      d->due, now, actor, error_r) < 0) {
			return -1;
		}
		store_case_apply_assign(&it->c, d->unit, d->coordinate, d->due,
					now, actor);
		it->lead = config_unit_find(rt->cfg, it->c.lead);
		return 0;
	case EV_DEADLINE_SET:
	case EV_EXTENSION_GRANTED:
		if (store_case_set_due(rt->st, it->c.id, d->due, error_r) < 0) {
			return -1;
		}
		store_case_apply_due(&it->c, d->due);
		return 0;
	case EV_DELEGATED:
		if (store_case_set_handler(rt->st, it->c.id, d->address,
					   d->name, d->due, error_r) < 0) {
			return -1;
		}
		store_case_apply_handler(&it->c, d->address, d->name, d->due);
		return 0;
	default:
		return 0;
	}
}

/* The status the event leads to (to), with when it closed and how late
 * for a closed one, written and followed by it->c. */
static int write_status(struct runtime *rt, struct wf_item *it,
			enum item_status to, time_t closed_at, int late_days,
			char **error_r)
{
	if (store_case_set_status(rt->st, it->c.id, to, closed_at, late_days,
				  error_r) < 0) {
		return -1;
	}
	store_case_apply_status(&it->c, to, closed_at, late_days);
	return 0;
}

int wf_apply(struct runtime *rt, struct wf_item *it, int64_t msg_id,
	     const char *actor, enum event_kind kind,
	     const struct event_data *d, char **error_r)
{
	static const struct event_data none;
	time_t now = runtime_now(rt);
	bool closes;
	int to;

	d = d ? d : &none;
	if (!wf_may(it, kind)) {
		return 1;
	}
	to = next_status(it, kind, d);
	closes = to == ITEM_DONE || to == ITEM_RETURNED;
	/* store_case_assign writes the status with the assignment */
	if (kind == EV_ASSIGNED) {
		to = -1;
	}
	if (runtime_event(rt, it->c.id, msg_id, actor, kind, d, error_r) < 0 ||
	    write_case(rt, it, actor, kind, d, now, error_r) < 0 ||
	    (to >= 0 && to != (int)it->c.status &&
	     write_status(rt, it, (enum item_status)to, closes ? now : 0,
			  kind == EV_DONE ? d->days : 0, error_r) < 0)) {
		return -1;
	}
	return 0;
}
