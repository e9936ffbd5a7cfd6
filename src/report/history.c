/* An item's history as the event log tells it: who led it, who handled
 * it and what its deadline was at any instant.  The items table holds
 * only the state now; a report of a past period needs the state then.
 * It reads the events' typed details (congvan/event.h):
 *   assigned           unit (the new lead), due
 *   delegated          address (the handler)
 *   deadline-set       due
 *   extension-granted  due
 *   transferred        unit (the unit that passed it on)
 * An event without them (one written before events were typed, whose
 * wording could not be read) is skipped; what the items table says now
 * stands in for a history that is missing. */
#include <stdlib.h>
#include <string.h>

#include "history.h"

static void add_lead(struct history *h, time_t at, const char *code)
{
	h->leads = xrealloc(h->leads, (h->n_leads + 1) * sizeof(*h->leads));
	h->leads[h->n_leads].at = at;
	h->leads[h->n_leads++].code = xstrdup(code);
}

static void add_handler(struct history *h, time_t at, const char *address)
{
	h->handlers =
	    xrealloc(h->handlers, (h->n_handlers + 1) * sizeof(*h->handlers));
	h->handlers[h->n_handlers].at = at;
	h->handlers[h->n_handlers++].address =
	    address ? xstrdup(address) : NULL;
}

static void add_deadline(struct history *h, time_t at, int32_t day)
{
	if (day <= 0) {
		return;
	}
	h->deadlines = xrealloc(h->deadlines,
				(h->n_deadlines + 1) * sizeof(*h->deadlines));
	h->deadlines[h->n_deadlines].at = at;
	h->deadlines[h->n_deadlines++].day = day;
}

static void add_transfer(struct history *h, time_t at, const char *code)
{
	h->transfers = xrealloc(h->transfers,
				(h->n_transfers + 1) * sizeof(*h->transfers));
	h->transfers[h->n_transfers].at = at;
	h->transfers[h->n_transfers++].code = xstrdup(code);
}

/* An address as the report compares them: ASCII lower case. */
static void add_handler_lower(struct history *h, time_t at, const char *a)
{
	add_handler(h, at, a);
	for (char *p = h->handlers[h->n_handlers - 1].address; p && *p; p++) {
		*p = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
	}
}

void report_history_add(struct history *h, const struct store_event *ev)
{
	const struct event_data *d = &ev->fields;

	switch (ev->kind) {
	case EV_ASSIGNED:
		if (d->unit) {
			add_lead(h, ev->at, d->unit);
			/* an assignment clears the handler */
			add_handler(h, ev->at, NULL);
			add_deadline(h, ev->at, d->due);
		}
		break;
	case EV_DELEGATED:
		if (d->address && *d->address) {
			add_handler_lower(h, ev->at, d->address);
		}
		break;
	case EV_TRANSFERRED:
		if (d->unit) {
			add_transfer(h, ev->at, d->unit);
		}
		break;
	case EV_DEADLINE_SET:
	case EV_EXTENSION_GRANTED:
		add_deadline(h, ev->at, d->due);
		break;
	default:
		break;
	}
}

void report_history_release(struct history *h)
{
	for (size_t i = 0; i < h->n_leads; i++) {
		free(h->leads[i].code);
	}
	free(h->leads);
	for (size_t i = 0; i < h->n_handlers; i++) {
		free(h->handlers[i].address);
	}
	free(h->handlers);
	for (size_t i = 0; i < h->n_transfers; i++) {
		free(h->transfers[i].code);
	}
	free(h->transfers);
	free(h->deadlines);
	memset(h, 0, sizeof(*h));
}

/* Each lookup takes the last change, in the log's order, made at or
 * before t. */
const char *report_history_lead(const struct history *h, const char *lead_now,
				time_t assigned_at, time_t t)
{
	const char *code = NULL;

	if (h->n_leads == 0) {
		return lead_now && assigned_at <= t ? lead_now : NULL;
	}
	for (size_t i = 0; i < h->n_leads; i++) {
		if (h->leads[i].at <= t) {
			code = h->leads[i].code;
		}
	}
	return code;
}

const char *report_history_handler(const struct history *h,
				   const char *handler_now, time_t t)
{
	const char *address = NULL;

	if (h->n_handlers == 0) {
		return handler_now;
	}
	for (size_t i = 0; i < h->n_handlers; i++) {
		if (h->handlers[i].at <= t) {
			address = h->handlers[i].address;
		}
	}
	return address;
}

int32_t report_history_deadline(const struct history *h, int32_t due_now,
				time_t t)
{
	int32_t day = 0;
	bool later = false;

	for (size_t i = 0; i < h->n_deadlines; i++) {
		if (h->deadlines[i].at <= t) {
			day = h->deadlines[i].day;
		} else {
			later = true;
		}
	}
	/* Not changed since t: the deadline now is the one then. */
	return later && day > 0 ? day : due_now;
}
