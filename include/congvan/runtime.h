/* What one running congvan shares between its modules for a cycle. */
#ifndef CONGVAN_RUNTIME_H
#define CONGVAN_RUNTIME_H

#include <signal.h>
#include <stdlib.h>
#include <time.h>

#include "congvan/config.h"
#include "congvan/event.h"
#include "congvan/store.h"

struct workcal;
struct auth_dkim;

struct runtime {
	const struct config *cfg;
	const struct workcal *cal; /* working days */
	struct store *st;
	const char *templates;       /* template folder */
	const char *secret;          /* the service secret (hex); NULL */
	time_t fixed_now;            /* run --now; 0: the real clock */
	volatile sig_atomic_t *stop; /* set by SIGTERM/SIGINT */
	struct auth_dkim *dkim;      /* with [security] dkim = verify */
	struct store_lock *lock;     /* run, serve: the database's lock */
};

/* The cycle's clock: --now when given, else the system time. */
static inline time_t runtime_now(const struct runtime *rt)
{
	return rt->fixed_now ? rt->fixed_now : time(NULL);
}

/* Appends an event to the audit trail at the cycle's clock (item_id and
 * msg_id 0 for none), with its typed details d (may be NULL) and the line
 * for people made from them (congvan/event.h).  Events that change an
 * item's status go through the workflow's lifecycle instead. */
static inline int runtime_event(struct runtime *rt, int64_t item_id,
				int64_t msg_id, const char *actor,
				enum event_kind kind,
				const struct event_data *d, char **error_r)
{
	struct store_event ev = {
	    .at = runtime_now(rt),
	    .item_id = item_id,
	    .message_id = msg_id,
	    .actor = actor,
	    .kind = kind,
	    .detail = event_describe(kind, d),
	    .data = event_data_json(kind, d),
	};
	int rc = store_event_add(rt->st, &ev, error_r);

	free((char *)ev.detail);
	free((char *)ev.data);
	return rc;
}

#endif
