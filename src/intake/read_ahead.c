/* Reading ahead: one thread that hashes, writes into the pack and
 * inspects fetched messages in the order they came, while the intake
 * thread goes on fetching and stores what was read; it also writes the
 * messages of the notices the intake thread queues into the pack, the
 * intake thread being the busier of the two.  A queue of a few
 * messages is enough to keep both cores busy, and bounds the memory
 * held.  When the intake thread would wait for the oldest message, it
 * reads a later one itself (a run of large messages). */
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
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t work; /* a job was queued, or stop */
	pthread_cond_t done; /* a job was read */
	const struct message_classify_opts *opts;
	const struct reader_opts *reader;
	struct read_job *head, *tail; /* oldest first */
	struct read_job *todo;        /* the next to read; NULL: none */
	/* queued, read or not: messages (the notices' messages to write
	 * ride along uncounted, a few KB each) and bytes of all */
	size_t n, bytes;
	bool stop;
};

void intake_job_free(struct read_job **jp)
{
	struct read_job *j = *jp;

	if (!j) {
		return;
	}
	if (j->done && !j->write_only) {
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
	if (j->place.fd >= 0) {
		(void)store_blob_write(&j->place, j->data, j->len,
				       &j->write_error);
	}
	if (!j->write_only) {
		store_blob_hash(j->data, j->len, j->sha);
		inspect_message(j->data, j->len, r->opts,
				j->history ? NULL : r->reader, &j->in);
	}
	pthread_mutex_lock(&r->lock);
	j->done = true;
	pthread_cond_signal(&r->done);
}

static void *run(void *arg)
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

struct read_ahead *intake_ahead_start(const struct message_classify_opts *opts,
				      const struct reader_opts *reader)
{
	struct read_ahead *r = xcalloc(1, sizeof(*r));
	sigset_t all, old;

	r->opts = opts;
	r->reader = reader;
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->work, NULL);
	pthread_cond_init(&r->done, NULL);
	/* Signals stay with the thread that handles them. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	if (pthread_create(&r->thread, NULL, run, r) != 0) {
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
	pthread_mutex_unlock(&r->lock);
	pthread_join(r->thread, NULL);
	while (r->head) {
		struct read_job *j = r->head;

		r->head = j->next;
		intake_job_free(&j);
	}
	pthread_cond_destroy(&r->done);
	pthread_cond_destroy(&r->work);
	pthread_mutex_destroy(&r->lock);
	free(r);
	*rp = NULL;
}

bool intake_ahead_has_room(const struct read_ahead *r, size_t len)
{
	struct read_ahead *m = (struct read_ahead *)r; /* the lock only */
	bool room;

	pthread_mutex_lock(&m->lock);
	room = r->n == 0 ||
	       (r->n < QUEUE_MESSAGES && r->bytes + len <= QUEUE_BYTES);
	pthread_mutex_unlock(&m->lock);
	return room;
}

/* Puts j at the queue's end and wakes the reading thread. */
static void enqueue(struct read_ahead *r, struct read_job *j)
{
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
	r->n += !j->write_only;
	r->bytes += j->len;
	pthread_cond_signal(&r->work);
	pthread_mutex_unlock(&r->lock);
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
	enqueue(r, j);
}

void intake_ahead_push_write(struct read_ahead *r,
			     const struct store_blob_place *place, char *data,
			     size_t len)
{
	struct read_job *j = xcalloc(1, sizeof(*j));

	j->place = *place;
	j->data = data;
	j->len = len;
	j->write_only = true;
	enqueue(r, j);
}

struct read_job *intake_ahead_pop(struct read_ahead *r, bool wait)
{
	struct read_job *j = NULL;

	pthread_mutex_lock(&r->lock);
	while (wait && r->head && !r->head->done) {
		/* Rather than wait for the reading thread, read a later
		 * message meanwhile: the queue empties twice as fast after
		 * a run of large messages. */
		if (r->todo) {
			read_next(r);
		} else {
			pthread_cond_wait(&r->done, &r->lock);
		}
	}
	if (r->head && r->head->done) {
		j = r->head;
		r->head = j->next;
		if (!r->head) {
			r->tail = NULL;
		}
		j->next = NULL;
		r->n -= !j->write_only;
		r->bytes -= j->len;
	}
	pthread_mutex_unlock(&r->lock);
	return j;
}
