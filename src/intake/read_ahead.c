/* Reading ahead: while the intake thread goes on fetching, one thread
 * hashes, writes into the pack and inspects the fetched messages, and
 * another keeps each one read, in the order they came (the store and
 * the workflow).  A queue of a few messages keeps the threads busy and
 * bounds the memory held.  When the intake thread would wait for room in
 * the queue, it reads a later message itself. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

/* At most this many messages, or bytes of them, wait or are being read
 * (one message always fits). */
#define QUEUE_MESSAGES 16
#define QUEUE_BYTES    ((size_t)4 << 20)

struct read_ahead {
	pthread_t reader_thread, keeper_thread;
	pthread_mutex_t lock;
	pthread_cond_t work; /* a job was queued, or stop */
	pthread_cond_t done; /* a job was read, or stop */
	pthread_cond_t kept; /* a job left the queue or was kept */
	const struct message_classify_opts *opts;
	const struct reader_opts *reader;
	intake_keep_fn *keep;
	void *keep_ctx;
	struct read_job *head, *tail; /* oldest first */
	struct read_job *todo;        /* the next to read; NULL: none */
	size_t n, bytes;              /* queued, read or not */
	bool keeping;                 /* the keeper holds a job */
	char *error;                  /* the first keep that failed */
	bool stop;
};

void intake_job_free(struct read_job **jp)
{
	struct read_job *j = *jp;

	if (!j) {
		return;
	}
	if (j->done) {
		inspect_free(&j->in);
	}
	free(j->write_error);
	free(j->data);
	free(j);
	*jp = NULL;
}

/* Reads the next job not started yet, with r->lock held (released while
 * reading). */
static void read_next(struct read_ahead *r)
{
	struct read_job *j = r->todo;

	r->todo = j->next;
	pthread_mutex_unlock(&r->lock);
	store_blob_hash(j->data, j->len, j->sha);
	if (j->place.fd >= 0) {
		(void)store_blob_write(&j->place, j->data, j->len,
				       &j->write_error);
	}
	inspect_message(j->data, j->len, r->opts, j->history ? NULL : r->reader,
			&j->in);
	pthread_mutex_lock(&r->lock);
	j->done = true;
	pthread_cond_signal(&r->done);
}

static void *run_reader(void *arg)
{
	struct read_ahead *r = arg;

	pthread_mutex_lock(&r->lock);
	for (;;) {
		while (!r->todo && !r->stop) {
			pthread_cond_wait(&r->work, &r->lock);
		}
		if (r->stop) {
			break;
		}
		read_next(r);
	}
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

/* Takes the oldest job off the queue once it is read, and keeps it;
 * after a keep failed, jobs are only dropped. */
static void *run_keeper(void *arg)
{
	struct read_ahead *r = arg;

	pthread_mutex_lock(&r->lock);
	for (;;) {
		struct read_job *j;
		char *error = NULL;
		bool failed;

		while (!r->stop && !(r->head && r->head->done)) {
			pthread_cond_wait(&r->done, &r->lock);
		}
		if (r->stop) {
			break;
		}
		j = r->head;
		r->head = j->next;
		if (!r->head) {
			r->tail = NULL;
		}
		r->n--;
		r->bytes -= j->len;
		r->keeping = true;
		failed = r->error != NULL;
		pthread_cond_broadcast(&r->kept);
		pthread_mutex_unlock(&r->lock);
		if (!failed && r->keep(r->keep_ctx, j, &error) < 0) {
			failed = true;
		}
		intake_job_free(&j);
		pthread_mutex_lock(&r->lock);
		if (failed && !r->error) {
			r->error = error ? error : xstrdup("keeping failed");
		} else {
			free(error);
		}
		r->keeping = false;
		pthread_cond_broadcast(&r->kept);
	}
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

struct read_ahead *intake_ahead_start(const struct message_classify_opts *opts,
				      const struct reader_opts *reader,
				      intake_keep_fn *keep, void *keep_ctx)
{
	struct read_ahead *r = xcalloc(1, sizeof(*r));
	sigset_t all, old;

	r->opts = opts;
	r->reader = reader;
	r->keep = keep;
	r->keep_ctx = keep_ctx;
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->work, NULL);
	pthread_cond_init(&r->done, NULL);
	pthread_cond_init(&r->kept, NULL);
	/* Signals stay with the thread that handles them. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	if (pthread_create(&r->reader_thread, NULL, run_reader, r) != 0 ||
	    pthread_create(&r->keeper_thread, NULL, run_keeper, r) != 0) {
		abort(); /* out of threads: as out of memory */
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return r;
}

void intake_ahead_stop(struct read_ahead **rp)
{
	struct read_ahead *r = *rp;

	if (!r) {
		return;
	}
	pthread_mutex_lock(&r->lock);
	r->stop = true;
	pthread_cond_signal(&r->work);
	pthread_cond_broadcast(&r->done);
	pthread_mutex_unlock(&r->lock);
	pthread_join(r->reader_thread, NULL);
	pthread_join(r->keeper_thread, NULL);
	while (r->head) {
		struct read_job *j = r->head;

		r->head = j->next;
		intake_job_free(&j);
	}
	free(r->error);
	pthread_cond_destroy(&r->kept);
	pthread_cond_destroy(&r->done);
	pthread_cond_destroy(&r->work);
	pthread_mutex_destroy(&r->lock);
	free(r);
	*rp = NULL;
}

/* Waits, with r->lock held, until until(r) holds, reading later messages
 * meanwhile rather than only waiting. */
static void wait_for(struct read_ahead *r,
		     bool (*until)(const struct read_ahead *, size_t),
		     size_t len)
{
	while (!until(r, len)) {
		if (r->todo) {
			read_next(r);
		} else {
			pthread_cond_wait(&r->kept, &r->lock);
		}
	}
}

/* Whether a message of len bytes may be queued (one always may), or
 * keeping failed. */
static bool has_room(const struct read_ahead *r, size_t len)
{
	return r->error || r->n == 0 ||
	       (r->n < QUEUE_MESSAGES && r->bytes + len <= QUEUE_BYTES);
}

static bool drained(const struct read_ahead *r, size_t len)
{
	(void)len;
	return !r->head && !r->keeping;
}

int intake_ahead_wait_room(struct read_ahead *r, size_t len, char **error_r)
{
	int rc = 0;

	pthread_mutex_lock(&r->lock);
	wait_for(r, has_room, len);
	if (r->error) {
		*error_r = xstrdup(r->error);
		rc = -1;
	}
	pthread_mutex_unlock(&r->lock);
	return rc;
}

int intake_ahead_drain(struct read_ahead *r, char **error_r)
{
	int rc = 0;

	pthread_mutex_lock(&r->lock);
	wait_for(r, drained, 0);
	if (r->error) {
		*error_r = r->error;
		r->error = NULL;
		rc = -1;
	}
	pthread_mutex_unlock(&r->lock);
	return rc;
}

void intake_ahead_push(struct read_ahead *r, uint32_t uid, const char *data,
		       size_t len, time_t delivered_at, bool history,
		       const struct store_blob_place *place)
{
	struct read_job *j = xcalloc(1, sizeof(*j));

	j->place.fd = -1;
	if (place) {
		j->place = *place;
	}
	j->uid = uid;
	j->delivered_at = delivered_at;
	j->history = history;
	j->data = xmalloc(len + 1);
	memcpy(j->data, data, len);
	j->data[len] = '\0';
	j->len = len;
	pthread_mutex_lock(&r->lock);
	if (r->tail) {
		r->tail->next = j;
	} else {
		r->head = j;
	}
	r->tail = j;
	if (!r->todo) {
		r->todo = j;
	}
	r->n++;
	r->bytes += len;
	pthread_cond_signal(&r->work);
	pthread_mutex_unlock(&r->lock);
}
