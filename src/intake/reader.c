/* The reader: one thread that hashes and parses fetched messages in the
 * order they came, while the intake thread goes on fetching and stores
 * what was read.  A queue of a few messages is enough to keep both cores
 * busy, and bounds the memory held. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

/* At most this many messages, or bytes of them, wait or are being read
 * (one message always fits). */
#define QUEUE_MESSAGES 2
#define QUEUE_BYTES    ((size_t)1 << 20)

struct reader {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t work; /* a job was queued, or stop */
	pthread_cond_t done; /* a job was read */
	const struct message_classify_opts *opts;
	unsigned flags;
	struct read_job *head, *tail; /* oldest first */
	struct read_job *todo;        /* the next to read; NULL: none */
	size_t n, bytes;              /* queued, read or not */
	bool stop;
};

void read_job_free(struct read_job **jp)
{
	struct read_job *j = *jp;

	if (!j) {
		return;
	}
	if (j->done) {
		inspect_free(&j->in);
	}
	free(j->data);
	free(j);
	*jp = NULL;
}

static void *run(void *arg)
{
	struct reader *r = arg;

	pthread_mutex_lock(&r->lock);
	for (;;) {
		struct read_job *j;

		while (!r->todo && !r->stop) {
			pthread_cond_wait(&r->work, &r->lock);
		}
		if (r->stop) {
			break;
		}
		j = r->todo;
		r->todo = j->next;
		pthread_mutex_unlock(&r->lock);
		store_blob_hash(j->data, j->len, j->sha);
		inspect_message(j->data, j->len, r->opts, r->flags, &j->in);
		pthread_mutex_lock(&r->lock);
		j->done = true;
		pthread_cond_signal(&r->done);
	}
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

struct reader *reader_start(const struct message_classify_opts *opts,
			    unsigned flags)
{
	struct reader *r = xcalloc(1, sizeof(*r));
	sigset_t all, old;

	r->opts = opts;
	r->flags = flags;
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

void reader_stop(struct reader **rp)
{
	struct reader *r = *rp;

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
		read_job_free(&j);
	}
	pthread_cond_destroy(&r->done);
	pthread_cond_destroy(&r->work);
	pthread_mutex_destroy(&r->lock);
	free(r);
	*rp = NULL;
}

bool reader_has_room(const struct reader *r, size_t len)
{
	struct reader *m = (struct reader *)r; /* the lock only */
	bool room;

	pthread_mutex_lock(&m->lock);
	room = r->n == 0 ||
	       (r->n < QUEUE_MESSAGES && r->bytes + len <= QUEUE_BYTES);
	pthread_mutex_unlock(&m->lock);
	return room;
}

void reader_push(struct reader *r, uint32_t uid, const char *data, size_t len)
{
	struct read_job *j = xcalloc(1, sizeof(*j));

	j->uid = uid;
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

struct read_job *reader_pop(struct reader *r, bool wait)
{
	struct read_job *j = NULL;

	pthread_mutex_lock(&r->lock);
	while (wait && r->head && !r->head->done) {
		pthread_cond_wait(&r->done, &r->lock);
	}
	if (r->head && r->head->done) {
		j = r->head;
		r->head = j->next;
		if (!r->head) {
			r->tail = NULL;
		}
		j->next = NULL;
		r->n--;
		r->bytes -= j->len;
	}
	pthread_mutex_unlock(&r->lock);
	return j;
}
