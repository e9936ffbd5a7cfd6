/* An item's history from the event log (history.c).  Private to
 * src/report. */
#ifndef CONGVAN_REPORT_HISTORY_H
#define CONGVAN_REPORT_HISTORY_H

#include <stdint.h>
#include <time.h>

#include "congvan/store.h"
#include "congvan/util.h"

struct history {
	struct {
		time_t at;
		char *code;
	} * leads; /* each assignment: the new lead */
	size_t n_leads;
	struct {
		time_t at;
		char *address; /* NULL: cleared by a new assignment */
	} * handlers;
	size_t n_handlers;
	struct {
		time_t at;
		int32_t day;
	} * deadlines; /* each deadline set, changed or extended */
	size_t n_deadlines;
	struct {
		time_t at;
		char *code; /* the unit that passed the item on */
	} * transfers;
	size_t n_transfers;
};

/* Adds one event of the item's log, in the log's order, to h.  A history
 * is made of the kinds in EVENT_KIND_HISTORY_SQL, which the store reads;
 * others are ignored. */
void report_history_add(struct history *h, const struct store_event *ev);

/* Frees what report_history_add allocated; h is empty after. */
void report_history_release(struct history *h);

/* The lead at t; without assignments in the log, lead_now when the item
 * was assigned (assigned_at) by t.  NULL when it had none yet.
 * Borrowed. */
const char *report_history_lead(const struct history *h, const char *lead_now,
				time_t assigned_at, time_t t);
/* The handler at t (NULL: none); handler_now when the log has none.
 * Borrowed. */
const char *report_history_handler(const struct history *h,
				   const char *handler_now, time_t t);
/* The deadline in force at t: due_now unless it was changed after t. */
int32_t report_history_deadline(const struct history *h, int32_t due_now,
				time_t t);

#endif
