/* Private to the store module. */
#ifndef CONGVAN_STORE_PRIVATE_H
#define CONGVAN_STORE_PRIVATE_H

#include <sqlite3.h>

#include "congvan/store.h"

/* A pack is closed for appending past this size. */
#define STORE_PACK_MAX ((int64_t)1 << 30)

/* Every statement the store runs, prepared once and cached. */
enum q {
	Q_BLOB_GET,
	Q_BLOB_ADD,
	Q_BLOB_LAST_PACK,
	Q_LETTER_ADD,
	Q_LETTER_SAME,
	Q_LETTER_GET,
	Q_ATTACHMENT_ADD,
	Q_MSG_SET_REPLY,
	Q_SYNC_GET,
	Q_SYNC_SET,
	Q_MSG_BY_UID,
	Q_MSG_BY_MSGID,
	Q_MSG_BY_SHA,
	Q_MSG_INSERT,
	Q_MSG_SET_ITEM,
	Q_ITEM_NEXT_NO,
	Q_ITEM_INSERT,
	Q_ITEM_GET,
	Q_ITEM_ALL,
	Q_ITEM_COUNT,
	Q_ITEM_BY_SENT,
	Q_OUTBOX_SENT_TO,
	Q_EVENT_ADD,
	Q_EVENT_FOR_ITEM,
	Q_OUTBOX_ADD,
	Q_OUTBOX_DUE,
	Q_OUTBOX_EXPIRED,
	Q_OUTBOX_GET,
	Q_OUTBOX_HEAD,
	Q_OUTBOX_SENT,
	Q_OUTBOX_RETRY,
	Q_OUTBOX_NARROW,
	Q_OUTBOX_FAILED,
	Q_OUTBOX_STATS,
	Q_OUTBOX_NEXT,
	Q_OUTBOX_PENDING,
	Q_OUTBOX_RCPT_ADD,
	Q_OUTBOX_RCPT_COUNT,
	Q_OUTBOX_RCPT_PRUNE,
	Q_COUNT
};

/* The statements of cases.c. */
enum c {
	C_CASE_GET,
	C_SWEEP_DUE,
	C_SWEEP_SET,
	C_SWEEP_DROP,
	C_SWEEP_BASIS_GET,
	C_SWEEP_BASIS_SET,
	C_SWEEP_RESET,
	C_LIST,
	C_LIST_OVERDUE,
	C_CASE_ASSIGN,
	C_CASE_DUE,
	C_CASE_HANDLER,
	C_CASE_STATUS,
	C_PARTY_CLEAR,
	C_PARTY_ADD,
	C_PARTY_GET,
	C_CONSULT_ASK,
	C_CONSULT_ITEM,
	C_CONSULT_WAITING,
	C_CONSULT_ANSWER,
	C_CONSULT_MARK,
	C_CONSULT_DEEM,
	C_EXT_ADD,
	C_EXT_PENDING,
	C_EXT_DECIDE,
	C_STAGE_MARK,
	C_MSG_REF,
	C_AUDIT,
	C_COUNT
};

/* The statements of reports.c. */
enum r {
	R_HISTORIES,
	R_CONSULTS,
	R_EXTENSIONS,
	R_MAILS,
	R_REGISTERED_BEFORE,
	R_SENT_GET,
	R_SENT_MARK,
	R_COUNT
};
/* The statements of calendar_entries.c. */
enum cal {
	CAL_UPSERT,
	CAL_GET,
	CAL_PART,
	CAL_OPEN,
	CAL_CANCEL,
	CAL_RESPOND,
	CAL_COUNT
};
/* The statements of feed_tokens.c. */
enum f {
	F_VERSION,
	F_VERSIONS,
	F_REVOKE,
	F_REVOKED,
	F_HANDLERS,
	F_CHANGED_AT,
	F_COUNT
};
/* The statements of feed_changes.c. */
enum fc {
	FC_NEW_PEOPLE,
	FC_RAISE,
	FC_CLEAR_TOUCHED,
	FC_CLEAR_LEFT,
	FC_CHANGES,
	FC_ENTRIES,
	FC_COUNT
};
/* The statements of readings.c. */
enum d {
	D_READING_SET,
	D_SCAN_PAGE_ADD,
	D_SIGNATURE_ADD,
	D_LETTER_OCR_SET,
	D_ATTACHMENTS_GET,
	D_SIGNATURES_GET,
	D_COUNT
};
/* The statements of history.c. */
enum h { H_START_ADD, H_START_GET, H_LIST, H_MARK, H_NEXT, H_DONE, H_COUNT };
/* The statements of undelivered.c. */
enum u { U_RANGE, U_FAILED, U_TOLD, U_COUNT };

struct store {
	sqlite3 *db;
	char *path;
	char *blob_dir;
	int pack_fd; /* the pack being appended to, or -1 */
	int64_t pack_no;
	int64_t pack_size;
	bool blobs_dirty; /* appended since the last sync */
	/* Packs closed for appending since the last sync, still open: bytes
	 * reserved in them may still be written by another thread. */
	int *retired_fds;
	size_t n_retired;
	store_blob_writer_fn *writer; /* store_blob_set_writer */
	void *writer_ctx;
	bool in_tx;
	bool feed_tracking; /* the TEMP triggers of feed_changes.c are set */
	struct store_checkpointer *checkpointer; /* the writer's, or NULL */
	sqlite3_stmt *stmts[Q_COUNT];
	sqlite3_stmt *case_stmts[C_COUNT];
	sqlite3_stmt *report_stmts[R_COUNT];
	sqlite3_stmt *cal_stmts[CAL_COUNT];
	sqlite3_stmt *feed_stmts[F_COUNT];
	sqlite3_stmt *feedc_stmts[FC_COUNT];
	sqlite3_stmt *doc_stmts[D_COUNT];
	sqlite3_stmt *history_stmts[H_COUNT];
	sqlite3_stmt *undelivered_stmts[U_COUNT];
};

/* The statement in *slot, prepared from text on first use, reset and
 * ready for binding; NULL with *error_r. */
sqlite3_stmt *store_stmt_cached(struct store *st, sqlite3_stmt **slot,
				const char *text, char **error_r);
/* A reset statement for q, ready for binding; NULL with *error_r. */
sqlite3_stmt *store_stmt(struct store *st, enum q q, char **error_r);
/* Sets the TEMP triggers that note what a transaction changes for the
 * calendar feeds (the writer's connection only). */
int store_feed_track(struct store *st, char **error_r);
/* Raises the feed versions of what was noted, and forgets it: before
 * every commit, and after an event written outside a transaction. */
int store_feed_mark(struct store *st, char **error_r);
/* checkpoint.c: the writer's commits leave copying the WAL into the
 * database to a thread of its own (started at the first checkpoint),
 * instead of SQLite's automatic checkpoint.  Stop before closing. */
void store_checkpoint_start(struct store *st);
void store_checkpoint_stop(struct store *st);
/* For tests: the WAL frames after which the thread copies them, and
 * after which the writer's commit copies them itself. */
void store_checkpoint_set_frames(struct store *st, int frames, int frames_max);
/* For tests: waits until the thread has no checkpoint to do; returns how
 * many it finished. */
long store_checkpoint_wait(struct store *st);
/* files.c: creates the database file 0600 when missing (owned as
 * file_own_as_folder says), else drops group and other bits from it and
 * its WAL and SHM. */
int store_files_prepare(const char *path, char **error_r);
/* Opens the raw-message folder and finds the pack to append to; a
 * store that only reads (!write) creates and opens nothing: its packs
 * are opened by path when a message is read. */
int store_blob_open(struct store *st, bool write, char **error_r);
void store_blob_close(struct store *st);
/* Appends data to the pack, not kept by content: the caller records
 * *place_r (the queued mail's message, in its outbox row).  store_commit
 * syncs it with the blobs; outside a transaction the caller syncs it
 * (store_blob_sync) before recording the place. */
int store_blob_append(struct store *st, const void *data, size_t len,
		      struct store_blob_place *place_r, char **error_r);
/* Appends data to the pack as store_blob_append does, but inside a
 * transaction with a writer set (store_blob_set_writer) hands a copy to
 * the writer instead of writing it. */
int store_blob_append_deferred(struct store *st, const void *data, size_t len,
			       struct store_blob_place *place_r,
			       char **error_r);
/* Reads len bytes at offset of pack (NUL-terminated); caller frees. */
int store_blob_read(const struct store *st, int64_t pack, int64_t offset,
		    size_t len, char **data_r, char **error_r);

/* Sets *error_r from the database's last error, prefixed by what. */
int store_fail(struct store *st, const char *what, char **error_r);
/* Binds text or NULL. */
void store_bind_text(sqlite3_stmt *s, int i, const char *v);
/* Binds an id, NULL for 0. */
void store_bind_id(sqlite3_stmt *s, int i, int64_t v);
/* Copies column i as a new string, NULL when NULL. */
char *store_column_dup(sqlite3_stmt *s, int i);
/* The status named in column i (registered when it names none). */
enum item_status store_column_status(sqlite3_stmt *s, int i);
/* The columns an event is read from, first of them at column i of the
 * query's list (EVENT_COLUMNS), into *ev; strings borrowed from s. */
#define STORE_EVENT_COLUMNS                                                    \
	"e.id, e.at, e.item_id, e.message_id, e.actor, e.kind, e.detail,"      \
	" e.data, json_extract(e.data, '$." EVENT_F_UNIT "'),"                 \
	" json_extract(e.data, '$." EVENT_F_TO_UNIT "'),"                      \
	" json_extract(e.data, '$." EVENT_F_ADDRESS "'),"                      \
	" json_extract(e.data, '$." EVENT_F_STATE "'),"                        \
	" json_extract(e.data, '$." EVENT_F_DUE "'),"                          \
	" json_extract(e.data, '$." EVENT_F_DAYS "'),"                         \
	" json_extract(e.data, '$." EVENT_F_LATE "'),"                         \
	" json_extract(e.data, '$." EVENT_F_REASON "'),"                       \
	" json_extract(e.data, '$." EVENT_F_TEMPLATE "')"
#define STORE_EVENT_NCOLUMNS 17
void store_event_from_row(sqlite3_stmt *s, int i, struct store_event *ev);
/* Steps s (bound, selecting STORE_EVENT_COLUMNS) and calls cb for each
 * event until it returns non-zero; resets s.  0, or -1 with *error_r
 * saying what was read. */
int store_events_each(struct store *st, sqlite3_stmt *s, store_event_cb *cb,
		      void *ctx, const char *what, char **error_r);
/* Runs a statement that returns no rows. */
int store_exec_done(struct store *st, sqlite3_stmt *s, const char *what,
		    char **error_r);
/* Runs a query for one integer: 1 found, 0 not found, -1 error. */
int store_query_id(struct store *st, sqlite3_stmt *s, const char *what,
		   int64_t *id_r, char **error_r);
/* sql, a CREATE TABLE statement, with each CHECK of a column against a
 * list of strings, "CHECK (x IN ('a', 'b'))", written as comparisons,
 * "CHECK (x = 'a' OR x = 'b')": the same rule, without the temporary
 * table SQLite builds for a list at every statement that checks it
 * (check_lists.c).  Everything else as it is.  Allocated. */
char *store_check_lists_unrolled(const char *sql);

#endif
