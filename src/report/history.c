/* An item's history as the event log tells it: who led it, who handled
 * it and what its deadline was at any instant.  The items table holds
 * only the state now; a report of a past period needs the state then.
 * The details parsed are those the workflow writes (src/workflow):
 *   assigned           "lead CODE, deadline DD/MM/YYYY"
 *   delegated          "ADDRESS, deadline DD/MM/YYYY"
 *   deadline-set       "deadline DD/MM/YYYY"
 *   extension-granted  "DD/MM/YYYY"
 *   transferred        "FROM -> TO: reason"
 * A detail that does not parse is skipped; what the items table says
 * now stands in for a history that is missing. */
#include <stdlib.h>
#include <string.h>

#include "congvan/workday.h"
#include "history.h"

#define CODE_CHARS                                                             \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

/* The unit code at the start of s, up to what stops it: a new string,
 * or NULL when there is none. */
static char *code_at(const char *s, size_t *len_r)
{
	size_t n = strspn(s, CODE_CHARS);

	*len_r = n;
	return n >= 1 && n <= 16 ? xstrndup(s, n) : NULL;
}

/* "deadline DD/MM/YYYY" at s: the day, or 0. */
static int32_t deadline_at(const char *s)
{
	int32_t day = 0;

	if (!s || !str_startswith(s, "deadline ")) {
		return 0;
	}
	return workday_parse_date(s + strlen("deadline "), &day) == 0 ? day : 0;
}

static void add_lead(struct history *h, time_t at, char *code)
{
	h->leads = xrealloc(h->leads, (h->n_leads + 1) * sizeof(*h->leads));
	h->leads[h->n_leads].at = at;
	h->leads[h->n_leads++].code = code;
}

static void add_handler(struct history *h, time_t at, char *address)
{
	h->handlers =
	    xrealloc(h->handlers, (h->n_handlers + 1) * sizeof(*h->handlers));
	h->handlers[h->n_handlers].at = at;
	h->handlers[h->n_handlers++].address = address;
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

static void on_assigned(struct history *h, const struct store_event *ev)
{
	const char *d = ev->detail;
	size_t n;
	char *code;

	if (!d || !str_startswith(d, "lead ")) {
		return;
	}
	code = code_at(d + 5, &n);
	if (!code) {
		return;
	}
	add_lead(h, ev->at, code);
	add_handler(h, ev->at, NULL); /* an assignment clears the handler */
	if (str_startswith(d + 5 + n, ", ")) {
		add_deadline(h, ev->at, deadline_at(d + 5 + n + 2));
	}
}

static void on_delegated(struct history *h, const struct store_event *ev)
{
	const char *d = ev->detail;
	const char *comma = d ? strstr(d, ", deadline ") : NULL;
	char *address;

	if (!comma || comma == d) {
		return;
	}
	address = xstrndup(d, (size_t)(comma - d));
	for (char *p = address; *p; p++) {
		*p = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
	}
	add_handler(h, ev->at, address);
}

static void on_transferred(struct history *h, const struct store_event *ev)
{
	const char *d = ev->detail;
	size_t n;
	char *from = d ? code_at(d, &n) : NULL;

	if (!from || !str_startswith(d + n, " -> ")) {
		free(from);
		return;
	}
	h->transfers = xrealloc(h->transfers,
				(h->n_transfers + 1) * sizeof(*h->transfers));
	h->transfers[h->n_transfers].at = ev->at;
	h->transfers[h->n_transfers++].code = from;
}

static int event_cb(const struct store_event *ev, void *ctx)
{
	struct history *h = ctx;
	int32_t day = 0;

	if (!ev->kind) {
		return 0;
	}
	if (!strcmp(ev->kind, "assigned")) {
		on_assigned(h, ev);
	} else if (!strcmp(ev->kind, "delegated")) {
		on_delegated(h, ev);
	} else if (!strcmp(ev->kind, "transferred")) {
		on_transferred(h, ev);
	} else if (!strcmp(ev->kind, "deadline-set")) {
		add_deadline(h, ev->at, deadline_at(ev->detail));
	} else if (!strcmp(ev->kind, "extension-granted") && ev->detail &&
		   workday_parse_date(ev->detail, &day) == 0) {
		add_deadline(h, ev->at, day);
	}
	return 0;
}

int history_load(struct store *st, int64_t item_id, struct history *h_r,
		 char **error_r)
{
	memset(h_r, 0, sizeof(*h_r));
	if (store_event_foreach(st, item_id, event_cb, h_r, error_r) < 0) {
		history_release(h_r);
		return -1;
	}
	return 0;
}

void history_release(struct history *h)
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
const char *history_lead(const struct history *h, const char *lead_now,
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

const char *history_handler(const struct history *h, const char *handler_now,
			    time_t t)
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

int32_t history_deadline(const struct history *h, int32_t due_now, time_t t)
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
