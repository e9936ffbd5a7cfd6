/* Inside the intake module: reading ahead, a thread that reads (hashes
 * and inspects) fetched messages on a second core while the intake thread
 * fetches the next ones and writes what was read to the store.  It never
 * touches the store: the store is written by one thread only. */
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
	bool write_only;       /* a message of queued mail: written only */
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
/* Queues a copy of data for reading, in order; a message kept as history
 * is inspected without reading its documents.  With place (else NULL),
 * the reading thread also writes data there. */
void intake_ahead_push(struct read_ahead *r, uint32_t uid, const char *data,
		       size_t len, time_t delivered_at, bool history,
		       const struct store_blob_place *place);
/* Queues data (taken) to be written at place, and nothing else: the
 * message of a notice queued (store_blob_set_writer).  A job like the
 * others, popped in its turn, with write_error on failure. */
void intake_ahead_push_write(struct read_ahead *r,
			     const struct store_blob_place *place, char *data,
			     size_t len);
/* The oldest queued job once it is read, taken off the queue (release it
 * with intake_job_free); NULL when the queue is empty, or, when wait is
 * false, when the oldest is not read yet. */
struct read_job *intake_ahead_pop(struct read_ahead *r, bool wait);
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
