/* The durable outbox: mail is queued in the same transaction as the
 * change that caused it, then delivered by outbox_flush with retries. */
#ifndef CONGVAN_OUTBOX_H
#define CONGVAN_OUTBOX_H

#include <stdint.h>
#include <time.h>

#include "congvan/runtime.h"
#include "congvan/template.h"

/* Temporary failures are retried after outbox_backoff(attempts) seconds
 * (1, 2, 4 ... minutes, at most 4 hours) until OUTBOX_GIVE_UP seconds
 * after the mail was queued; then the mail is marked failed. */
#define OUTBOX_GIVE_UP (5 * 24 * 3600)
time_t outbox_backoff(int attempts);

/* Renders template name for item (key may be NULL) and queues it to the
 * NULL-terminated list to.  Must run inside a store transaction. */
int outbox_queue(struct runtime *rt, int64_t item_id, const char *key,
		 const char *name, const struct template_var *vars,
		 size_t nvars, const char *const *to, char **error_r);

struct outbox_stats {
	int sent, deferred, failed;
};

/* Sends every due message over one SMTP connection.  A server that
 * cannot be reached or refuses our login defers the rest of the batch.
 * Returns -1 only when the store fails. */
int outbox_flush(struct runtime *rt, struct outbox_stats *stats_r,
		 char **error_r);

#endif
