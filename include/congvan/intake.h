/* Intake: new mail in the shared mailbox becomes stored messages and
 * registered items, exactly once. */
#ifndef CONGVAN_INTAKE_H
#define CONGVAN_INTAKE_H

#include <stddef.h>

#include "congvan/fail.h"
#include "congvan/mail.h"
#include "congvan/runtime.h"

/* The keyword set on messages once their batch is committed. */
#define INTAKE_KEYWORD "$CongvanRegistered"

struct intake_stats {
	size_t fetched;    /* messages read from the server */
	size_t registered; /* new items */
	size_t replies;    /* replies matched to an item */
	size_t automatic;  /* auto-replies and our own mail */
	size_t bounces;
	size_t duplicates;   /* already seen (Message-ID or content) */
	size_t history;      /* kept as history by the first start */
	size_t from_history; /* acted on when `congvan register` asked */
};

/* Fetches every message above the last committed UID of the selected
 * folder in batches; each batch (raw blobs, rows, items, queued notices,
 * the new last UID) is committed before anything is flagged on the
 * server.  A UIDVALIDITY change rescans the folder; messages seen before
 * are recognised by Message-ID (or content) and not registered again.
 * At the first start of a database, mail delivered long before is kept
 * as history (stored, not acted on); mail `congvan register` marked is
 * acted on at the end of the run. */
int intake_run(struct runtime *rt, struct mail_session *ms,
	       struct intake_stats *stats_r, enum fail *fail_r, char **error_r);

/* Registers one raw message as if it had arrived with this UID.  Must run
 * inside a store transaction.  Exposed for tests and `make bench`. */
int intake_message(struct runtime *rt, const char *mailbox,
		   uint32_t uidvalidity, uint32_t uid, const char *data,
		   size_t len, struct intake_stats *stats, char **error_r);

#endif
