/* Inside the intake module: reading ahead.  The intake thread fetches and
 * queues messages; a reading thread reads them (hashes, writes into the
 * pack, inspects) and a keeping thread stores each one read, in order, and
 * acts on it.  While the queue holds anything the database is the keeping
 * thread's: the intake thread only reserves places in the pack, and
 * commits once the queue is drained. */
#ifndef CONGVAN_INTAKE_PRIVATE_H
#define CONGVAN_INTAKE_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "congvan/inspect.h"
#include "congvan/store.h"

/* One fetched message and, once read, what was read. */
struct read_job {
	uint32_t uid;
	char *data; /* the raw message (owned) */
	size_t len;
	time_t delivered_at; /* INTERNALDATE; 0: unknown */
	bool history;        /* kept as history: its documents are not read */
	char sha[STORE_SHA_HEX]; /* store_blob_hash of data */
	/* Where the reading thread writes data in the pack (store_blob_
	 * reserve), or fd -1 for the intake thread to keep it after the
	 * reading (store_blob_put_hashed); a write's error in write_error. */
	struct store_blob_place place;
	char *write_error;
	struct inspection in;
	struct read_job *next; /* in the queue */
	bool done;             /* sha, the write and in are done */
};

struct read_ahead;

/* Keeps one message read (the store and the workflow): 0, or -1 with
 * *error_r. */
typedef int intake_keep_fn(void *ctx, const struct read_job *j, char **error_r);

/* Starts the reading thread and the keeping thread; opts and reader are
 * borrowed and must outlive them.  Messages are read with
 * inspect_message(..., opts, reader, ...), then kept, one at a time and
 * in order, by keep(keep_ctx, job, ...): the store is written by the
 * keeping thread only while jobs are queued or kept, and by the caller
 * only when intake_ahead_drain says none is. */
struct read_ahead *intake_ahead_start(const struct message_classify_opts *opts,
				      const struct reader_opts *reader,
				      intake_keep_fn *keep, void *keep_ctx);
/* Stops the threads once they have finished the message they hold, frees
 * every job still queued, and clears *rp; NULL-safe.  Drain first: a job
 * being kept is finished, queued ones are not. */
void intake_ahead_stop(struct read_ahead **rp);

/* Waits until a message of len bytes may be queued (the queue holds at
 * most a few messages and a few MB, and always one), reading later
 * messages meanwhile; -1 with *error_r when a keep failed (the rest of
 * the queue is then dropped, not kept). */
int intake_ahead_wait_room(struct read_ahead *r, size_t len, char **error_r);
/* Queues a copy of data for reading, in order; a message kept as history
 * is inspected without reading its documents.  With place (else NULL),
 * the reading thread also writes data there. */
void intake_ahead_push(struct read_ahead *r, uint32_t uid, const char *data,
		       size_t len, time_t delivered_at, bool history,
		       const struct store_blob_place *place);
/* Waits until every queued message is read and kept (or dropped after a
 * failure): 0, or -1 with the first keep's error. */
int intake_ahead_drain(struct read_ahead *r, char **error_r);
void intake_job_free(struct read_job **jp);

/* --- progress.c ---------------------------------------------------------
 * The progress of an intake of at least INTAKE_PROGRESS_MIN messages is
 * shown on standard error when it is a terminal; the watchdog is fed as
 * the messages go, whatever their number. */
#define INTAKE_PROGRESS_MIN 200

struct intake_progress {
	size_t total, done;
	struct timespec start, last; /* CLOCK_MONOTONIC */
	bool shown;
};
void intake_progress_start(struct intake_progress *p, size_t total);
/* One message is taken. */
void intake_progress_step(struct intake_progress *p);
/* Ends the line (when shown) with the whole run's figures. */
void intake_progress_end(struct intake_progress *p);
/* The line: "intake: 1200 of 3000 messages (40%), 410/s, 4 s left", or
 * with final, "... done in 7 s". */
void intake_progress_line(char *buf, size_t size, size_t done, size_t total,
			  double elapsed, bool final);

#endif
