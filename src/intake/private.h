/* Inside the intake module: reading ahead, a thread that reads (hashes
 * and inspects) fetched messages on a second core while the intake thread
 * fetches the next ones and writes what was read to the store.  It never
 * touches the store: the store is written by one thread only. */
#ifndef CONGVAN_INTAKE_PRIVATE_H
#define CONGVAN_INTAKE_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "congvan/inspect.h"
#include "congvan/store.h"

/* One fetched message and, once read, what was read. */
struct read_job {
	uint32_t uid;
	char *data; /* the raw message (owned) */
	size_t len;
	char sha[STORE_SHA_HEX]; /* store_blob_hash of data */
	struct inspection in;
	struct read_job *next; /* in the queue */
	bool done;             /* sha and in are filled in */
};

struct read_ahead;

/* Starts the thread; opts and reader are borrowed and must outlive it.
 * Messages are read with inspect_message(..., opts, reader, ...). */
struct read_ahead *intake_ahead_start(const struct message_classify_opts *opts,
				      const struct reader_opts *reader);
/* Stops the thread once it has finished the message it is reading,
 * frees every job still queued, and clears *rp; NULL-safe. */
void intake_ahead_stop(struct read_ahead **rp);

/* Whether another message may be queued now: the queue holds at most a
 * few messages and a few MB (always at least one). */
bool intake_ahead_has_room(const struct read_ahead *r, size_t len);
/* Queues a copy of data for reading, in order. */
void intake_ahead_push(struct read_ahead *r, uint32_t uid, const char *data,
		       size_t len);
/* The oldest queued job once it is read, taken off the queue (release it
 * with intake_job_free); NULL when the queue is empty, or, when wait is
 * false, when the oldest is not read yet. */
struct read_job *intake_ahead_pop(struct read_ahead *r, bool wait);
void intake_job_free(struct read_job **jp);

#endif
