/* Copying the WAL into the database on a thread of its own.
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that crosses its
 * threshold: the writer copies the WAL's pages into the database and
 * waits for two syncs before it goes on.  During a large intake that was
 * 5 % of the intake thread's CPU and 0.14 s of its waiting on the disk
 * for 5,000 messages.  Here the writer's commit only wakes a thread,
 * which checkpoints through a connection of its own while the writer
 * goes on (a PASSIVE checkpoint takes no lock a writer needs).
 *
 * The WAL starts again from its beginning only when a transaction
 * begins after everything in it was copied.  A writer that begins the
 * next transaction as soon as it commits would never see that, and the
 * WAL would grow for as long as it writes; so past a bound the writer's
 * commit waits for the thread's copy to end and checkpoints itself, as
 * SQLite's own would, copying only what the thread has not copied yet. */
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "congvan/util.h"
#include "private.h"

/* WAL frames (pages) after which the thread copies them: 32 MiB of
 * 4 KiB pages.  Fewer checkpoints write back a page that several
 * batches change once. */
#define CHECKPOINT_FRAMES 8192
/* WAL frames after which the writer's commit checkpoints itself. */
#define CHECKPOINT_FRAMES_MAX (2 * CHECKPOINT_FRAMES)

struct store_checkpointer {
	pthread_t thread;
	bool running; /* the thread was started */
	pthread_mutex_t lock;
	pthread_cond_t wake; /* wanted or stop was set */
	pthread_cond_t idle; /* a checkpoint ended */
	char *path;
	int frames, frames_max;
	bool wanted; /* a checkpoint is asked for */
	bool busy;   /* the thread is copying */
	bool stop;   /* the thread is to end */
	bool unable; /* its connection failed: the writer checkpoints */
	long copies; /* checkpoints the thread finished */
};

static void checkpoint_with(sqlite3 *db)
{
	(void)sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE,
					NULL, NULL);
}

static sqlite3 *open_own(const char *path)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(path, &db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 10000);
	/* A connection learns that the database is in WAL mode when it
	 * first reads it; before, a checkpoint does nothing. */
	if (sqlite3_exec(db, "PRAGMA schema_version", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

static void *run(void *arg)
{
	struct store_checkpointer *c = arg;
	sqlite3 *db = open_own(c->path);

	pthread_mutex_lock(&c->lock);
	c->unable = !db;
	while (!c->stop && db) {
		if (!c->wanted) {
			pthread_cond_wait(&c->wake, &c->lock);
			continue;
		}
		c->wanted = false;
		c->busy = true;
		pthread_mutex_unlock(&c->lock);
		checkpoint_with(db);
		pthread_mutex_lock(&c->lock);
		c->busy = false;
		c->copies++;
		pthread_cond_broadcast(&c->idle);
	}
	pthread_cond_broadcast(&c->idle);
	pthread_mutex_unlock(&c->lock);
	sqlite3_close(db);
	return NULL;
}

static void start(struct store_checkpointer *c)
{
	sigset_t all, old;

	/* Signals stay with the thread that handles them. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	if (pthread_create(&c->thread, NULL, run, c) != 0) {
		abort(); /* out of threads: as out of memory */
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	c->running = true;
}

/* sqlite3_wal_hook: after each commit on the writer's connection. */
static int on_commit(void *arg, sqlite3 *db, const char *name, int frames)
{
	struct store_checkpointer *c = arg;
	bool self;

	if (frames < c->frames) {
		return SQLITE_OK;
	}
	pthread_mutex_lock(&c->lock);
	self = c->unable || frames >= c->frames_max;
	/* The thread's copy is let to end first: the writer's own would
	 * find it busy and copy nothing, and the WAL would go on growing
	 * (to 136 MB in a catch-up of a million items). */
	while (self && c->busy) {
		pthread_cond_wait(&c->idle, &c->lock);
	}
	if (!self) {
		if (!c->running) {
			start(c);
		}
		c->wanted = true;
		pthread_cond_signal(&c->wake);
	}
	pthread_mutex_unlock(&c->lock);
	if (self) {
		checkpoint_with(db);
	}
	return SQLITE_OK;
}

void store_checkpoint_start(struct store *st)
{
	struct store_checkpointer *c = xcalloc(1, sizeof(*c));

	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->wake, NULL);
	pthread_cond_init(&c->idle, NULL);
	/* SQLite's full name of the file, whatever the directory later */
	c->path = xstrdup(sqlite3_db_filename(st->db, "main"));
	c->frames = CHECKPOINT_FRAMES;
	c->frames_max = CHECKPOINT_FRAMES_MAX;
	st->checkpointer = c;
	/* Replaces SQLite's automatic checkpoint, which is a WAL hook too. */
	sqlite3_wal_hook(st->db, on_commit, c);
}

void store_checkpoint_stop(struct store *st)
{
	struct store_checkpointer *c = st->checkpointer;

	if (!c) {
		return;
	}
	if (st->db) {
		sqlite3_wal_hook(st->db, NULL, NULL);
	}
	if (c->running) {
		pthread_mutex_lock(&c->lock);
		c->stop = true;
		pthread_cond_signal(&c->wake);
		pthread_mutex_unlock(&c->lock);
		pthread_join(c->thread, NULL);
	}
	pthread_cond_destroy(&c->idle);
	pthread_cond_destroy(&c->wake);
	pthread_mutex_destroy(&c->lock);
	free(c->path);
	free(c);
	st->checkpointer = NULL;
}

void store_checkpoint_set_frames(struct store *st, int frames, int frames_max)
{
	st->checkpointer->frames = frames;
	st->checkpointer->frames_max = frames_max;
}

long store_checkpoint_wait(struct store *st)
{
	struct store_checkpointer *c = st->checkpointer;
	long copies;

	pthread_mutex_lock(&c->lock);
	while (c->running && !c->unable && (c->wanted || c->busy)) {
		pthread_cond_wait(&c->idle, &c->lock);
	}
	copies = c->copies;
	pthread_mutex_unlock(&c->lock);
	return copies;
}
