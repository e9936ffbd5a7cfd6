/* The embedded store: SQLite in WAL mode, plus the raw messages, kept by
 * content (SHA-256) in append-only pack files beside the database
 * ("DATABASE.raw/pack-000001").  Every write happens inside
 * store_begin/store_commit; a single process writes at a time. */
#ifndef CONGVAN_STORE_H
#define CONGVAN_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "congvan/event.h"

struct store;

/* Opens (creating when missing) the database at path and applies forward
 * migrations.  The database, its WAL and SHM, and the packs are private to
 * their owner (0600; older files are tightened); run by root in a folder
 * that belongs to another user, new files go to that user.  Returns NULL
 * with *error_r on failure. */
struct store *store_open(const char *path, char **error_r);
/* store_open for a command that only reads (list, show, audit, history):
 * the same database, created and migrated alike, without the TEMP
 * triggers through which the writer's commits raise the feeds' versions
 * (creating them was a third of such a command's start).  Whatever it
 * wrote would leave the feeds' versions as they are: write nothing. */
struct store *store_open_to_read(const char *path, char **error_r);
/* Opens the database at path read-only, for a reader in another thread
 * than the writer's (the feed server): no migration, no raw messages; the
 * schema must be the one this build writes.  NULL with *error_r on
 * failure.  One connection serves one thread at a time. */
struct store *store_open_readonly(const char *path, char **error_r);
/* Closes and clears *stp; NULL-safe. */
void store_close(struct store **stp);

/* One process at a time runs the workflow on a database (run, serve): an
 * exclusive lock on DATABASE.lock, held until store_unlock or the end of
 * the process.  0 with *lock_r; 1 when another process holds it (its pid
 * in *holder_r, 0 when unknown); -1 with *error_r.  Does not wait. */
struct store_lock;
int store_lock(const char *db_path, struct store_lock **lock_r, long *holder_r,
	       char **error_r);
/* Releases the lock and clears *lockp; NULL-safe. */
void store_unlock(struct store_lock **lockp);
/* The schema version this build writes (PRAGMA user_version). */
int store_schema_version(void);

int store_begin(struct store *st, char **error_r);
int store_commit(struct store *st, char **error_r);
/* Starts a read transaction: what is read until store_rollback is one
 * snapshot of the database (WAL lets it run beside a writer). */
int store_begin_read(struct store *st, char **error_r);
/* Rolls back an open transaction; harmless when none is open. */
void store_rollback(struct store *st);

/* Raw messages. */
#define STORE_SHA_HEX 65

/* The bytes of WAL kept after it starts again (PRAGMA journal_size_limit):
 * 128 MiB, above the 64 MiB past which checkpoint.c's writer copies it
 * and the batch that may come on top (92 MB measured at a million items),
 * so that only a WAL one large transaction grew is cut back, and a large
 * intake does not shrink and grow its file again and again. */
#define STORE_WAL_KEEP 134217728
/* Keeps data under its SHA-256 (hex into sha_r) unless already kept.
 * Must run inside a transaction: the blob's place is recorded there. */
int store_blob_put(struct store *st, const void *data, size_t len,
		   char sha_r[STORE_SHA_HEX], char **error_r);
/* The SHA-256 of data in hex, as blobs are kept: a pure function, so
 * another thread may hash what store_blob_put_hashed then keeps. */
void store_blob_hash(const void *data, size_t len, char sha_r[STORE_SHA_HEX]);
/* store_blob_put for data whose store_blob_hash is sha. */
int store_blob_put_hashed(struct store *st, const void *data, size_t len,
			  const char sha[STORE_SHA_HEX], char **error_r);
/* Raw messages written by another thread: the thread that owns the
 * store reserves each one's place at the end of the pack, in order;
 * another thread writes the bytes there (store_blob_write); the owner
 * records them with store_blob_put_placed once written, before the
 * commit syncs the pack. */
struct store_blob_place {
	int fd; /* the pack, open for writing at any offset */
	int64_t pack_no;
	int64_t offset;
	const char *dir; /* the packs' folder, for errors (the store's) */
};
/* Reserves len bytes at the end of the pack.  When they would take it
 * past its size the next pack is opened; the one before stays open until
 * the next store_blob_sync, so that places reserved in it may still be
 * written. */
int store_blob_reserve(struct store *st, size_t len,
		       struct store_blob_place *place_r, char **error_r);
/* Writes data at its place, and starts writing back each MiB of the pack
 * it completes; from any thread, touching no store state. */
int store_blob_write(const struct store_blob_place *place, const void *data,
		     size_t len, char **error_r);
/* Who writes the messages of queued mail (store_outbox_add) inside a
 * transaction while set: handed the place reserved and a copy of the
 * bytes, which it frees, it writes them with store_blob_write, from
 * another thread; the store's owner sees every one written, or fails the
 * transaction, before the commit.  NULL, the default: the store writes
 * them at once. */
typedef void store_blob_writer_fn(void *ctx,
				  const struct store_blob_place *place,
				  char *data, size_t len);
void store_blob_set_writer(struct store *st, store_blob_writer_fn *fn,
			   void *ctx);
/* Records the len bytes written at place as the blob sha, unless a blob
 * with that sha is kept already (the bytes written then stay unused, as
 * a crash's tail does).  Inside a transaction. */
int store_blob_put_placed(struct store *st, const char sha[STORE_SHA_HEX],
			  size_t len, const struct store_blob_place *place,
			  char **error_r);
/* Makes every blob written so far durable, in the packs closed since the
 * last sync too (then closed for good); every write to a reserved place
 * must be done by then.  store_commit calls it before committing, so a
 * committed message always has its bytes. */
int store_blob_sync(struct store *st, char **error_r);
/* Reads a blob; caller frees *data_r. */
int store_blob_get(struct store *st, const char *sha, char **data_r,
		   size_t *len_r, char **error_r);

/* Mailbox synchronisation state. */
struct store_sync {
	bool known;
	uint32_t uidvalidity;
	uint32_t last_uid; /* highest UID whose message is committed */
};
int store_sync_get(struct store *st, const char *mailbox,
		   struct store_sync *sync_r, char **error_r);
int store_sync_set(struct store *st, const char *mailbox, uint32_t uidvalidity,
		   uint32_t last_uid, char **error_r);

/* One received message.  Strings are borrowed by store_message_insert. */
struct store_message {
	time_t received_at;
	const char *mailbox;
	uint32_t uidvalidity;
	uint32_t uid;
	const char *sha256;
	size_t size;
	const char *message_id;
	const char *in_reply_to;
	const char *from_addr;
	const char *from_name;
	const char *subject;
	const char *kind; /* letter | reply | auto | bounce */
	const char *kind_reason;
	int64_t duplicate_of; /* 0: none */
	time_t delivered_at;  /* IMAP INTERNALDATE; 0: unknown */
	const char *history;  /* STORE_HISTORY_KEPT, or NULL: acted on */
};

/* 1 and *id_r when found, 0 when not, -1 on error. */
int store_message_by_uid(struct store *st, const char *mailbox,
			 uint32_t uidvalidity, uint32_t uid, int64_t *id_r,
			 char **error_r);
/* Finds an earlier message with this Message-ID, or with this content
 * when message_id is NULL. */
int store_message_by_identity(struct store *st, const char *message_id,
			      const char *sha256, int64_t *id_r,
			      char **error_r);
int store_message_insert(struct store *st, const struct store_message *m,
			 int64_t *id_r, char **error_r);
int store_message_set_item(struct store *st, int64_t message_id,
			   int64_t item_id, char **error_r);
/* --- mail kept as history (history.c) ------------------------------------
 * At the first start of a database, mail that reached the mailbox long
 * before is stored but not acted on: "kept".  `congvan register` marks
 * kept mail "register", and the next intake acts on it as if it had just
 * come. */
#define STORE_HISTORY_KEPT     "kept"
#define STORE_HISTORY_REGISTER "register"

/* The first start of a database: mail it found in the mailbox (UIDs up
 * to last_uid under uidvalidity) that was delivered before the cut is
 * kept.  Mail that comes later is acted on, however old its date (a
 * letter moved in from another folder keeps its INTERNALDATE). */
struct store_first_start {
	time_t cut; /* 0: nothing is kept */
	uint32_t uidvalidity;
	uint32_t last_uid;
};
/* The recorded first start: 1 with *fs_r, 0 when there is none yet. */
int store_first_start_get(struct store *st, struct store_first_start *fs_r,
			  char **error_r);
/* Records the first start at now as *fs unless one is recorded already:
 * 1 when this call recorded it, 0 when there was one. */
int store_first_start_add(struct store *st, time_t now,
			  const struct store_first_start *fs, char **error_r);
/* Whether the first start keeps this message as history. */
bool store_first_start_keeps(const struct store_first_start *fs,
			     uint32_t uidvalidity, uint32_t uid,
			     time_t delivered_at);

struct store_history {
	int64_t id;
	time_t delivered_at; /* when it reached the mailbox (else when
			      * congvan took it) */
	const char *state;   /* kept | register */
	const char *message_id;
	const char *from_addr;
	const char *from_name;
	const char *subject;
	const char *kind; /* what it would be: letter, reply, ... */
	size_t size;
};
/* Non-zero stops the walk (and is returned). */
typedef int store_history_cb(const struct store_history *h, void *ctx);
/* The kept (and marked) messages delivered in [since, until) (0: no
 * bound), oldest first; strings borrowed for the call. */
int store_history_foreach(struct store *st, time_t since, time_t until,
			  store_history_cb *cb, void *ctx, char **error_r);
/* Marks the kept messages delivered in [since, until) (0: no bound) for
 * registering: *n_r of them. */
int store_history_mark(struct store *st, time_t since, time_t until,
		       int64_t *n_r, char **error_r);
/* The oldest message marked for registering: 1 with its id, blob and
 * the earlier message it repeats (0: none), 0 when there is none. */
int store_history_next(struct store *st, int64_t *id_r,
		       char sha256_r[STORE_SHA_HEX], int64_t *duplicate_of_r,
		       char **error_r);
/* The message is history no more: it has been acted on. */
int store_history_done(struct store *st, int64_t id, char **error_r);

/* The outbox's mail with Message-ID message_id: its item (0: none) and
 * its recipients ('\n'-separated; caller frees).  1 when found, 0 when
 * not, -1 on error. */
int store_outbox_sent_to(struct store *st, const char *message_id,
			 int64_t *item_id_r, char **rcpt_r, char **error_r);
/* Finds the item a message we sent belongs to, by our Message-ID. */
int store_item_by_sent_message_id(struct store *st, const char *message_id,
				  int64_t *item_id_r, char **error_r);

/* What a message says. */
struct store_letter {
	const char *number, *issuer, *symbol, *date, *place, *subject;
	const char *recipients;   /* JSON list */
	const char *distribution; /* JSON list */
	const char *signer, *signer_title, *deadline;
	const char *source;   /* body, forwarded, pdf, cover */
	int64_t duplicate_of; /* an earlier item with the same letter */
	/* The deadline the letter states (letter.h, struct letter_deadline):
	 * "date", "month", "working_days", "days" or NULL; the days of a
	 * relative one (0 otherwise); "issue" when they count from the
	 * letter's date, "receipt" from its arrival (NULL without days); the
	 * phrase that states it. */
	const char *deadline_kind;
	int deadline_days;
	const char *deadline_from;
	const char *deadline_phrase;
};
int store_letter_add(struct store *st, int64_t item_id,
		     const struct store_letter *l, char **error_r);
/* An earlier item holding the same letter: the same number and date (or,
 * when the date is unknown, the same number from the same sender).
 * 1 with its id and key when found, 0 when not, -1 on error. */
int store_letter_find_same(struct store *st, const char *number,
			   const char *date, const char *sender,
			   int64_t *item_id_r, char key_r[32], char **error_r);
/* A letter as stored, for display: every field owned, NULL when unknown. */
struct store_letter_row {
	char *number, *issuer, *date, *place, *subject, *recipients;
	char *signer, *signer_title, *deadline, *source, *duplicate_of;
	char *deadline_kind, *deadline_from, *deadline_phrase;
	int deadline_days;
	char *ocr_fields;   /* the fields read by OCR, space-separated */
	int ocr_confidence; /* -1 when none came from OCR */
};
/* 1 when the item has letter metadata, 0 when not, -1 on error. */
int store_letter_get(struct store *st, int64_t item_id,
		     struct store_letter_row *row_r, char **error_r);
void store_letter_row_release(struct store_letter_row *row);
/* *id_r (may be NULL) gets the attachment's id. */
int store_attachment_add(struct store *st, int64_t message_id,
			 const char *filename, const char *content_type,
			 size_t size, const char *sha256, int64_t *id_r,
			 char **error_r);

/* Attached documents read by congvan-reader (readings.c).  reading is
 * inspect_reading_name's word ("text", "ocr", "time-limit", "no-ocr",
 * "unreadable"); note says why it was not (wholly) read. */
int store_attachment_set_reading(struct store *st, int64_t attachment_id,
				 const char *reading, const char *note,
				 char **error_r);
/* A page read by OCR: its text and confidence (0-100). */
int store_scan_page_add(struct store *st, int64_t attachment_id, int page,
			int confidence, const char *text, char **error_r);
/* Which letter fields came from OCR ("number date signer"...) and the
 * lowest confidence of the pages they came from. */
int store_letter_set_ocr(struct store *st, int64_t item_id, const char *fields,
			 int confidence, char **error_r);
/* A digital signature of an attached PDF; status and certificate are
 * reader.h's words. */
struct store_signature {
	int64_t attachment_id;
	int seq; /* from 1, in the document's order */
	const char *signer;
	int64_t signed_at; /* Unix seconds; 0 unknown */
	const char *status, *certificate;
	bool changed_after; /* bytes no signature covers were added */
};
int store_signature_add(struct store *st, const struct store_signature *sig,
			char **error_r);

/* An attachment as stored, for display (owned strings). */
struct store_attachment_row {
	int64_t id;
	char *filename, *content_type;
	int64_t size;
	char *reading;      /* NULL: not read (no need) */
	char *note;         /* NULL */
	int ocr_confidence; /* lowest of its OCR pages; -1 none */
};
/* The attachments of a message, in the order stored.  Free with
 * store_attachment_rows_free. */
int store_attachments_get(struct store *st, int64_t message_id,
			  struct store_attachment_row **rows_r, size_t *n_r,
			  char **error_r);
void store_attachment_rows_free(struct store_attachment_row *rows, size_t n);
/* A signature as stored, with its attachment's file name. */
struct store_signature_row {
	char *filename;
	int seq;
	char *signer;
	int64_t signed_at;
	char *status, *certificate;
	bool changed_after;
};
/* The signatures of the PDFs attached to item_id's letter. */
int store_signatures_get(struct store *st, int64_t item_id,
			 struct store_signature_row **rows_r, size_t *n_r,
			 char **error_r);
void store_signature_rows_free(struct store_signature_row *rows, size_t n);
/* Records a reply's new text and its decision (NULL for none). */
int store_message_set_reply(struct store *st, int64_t message_id,
			    const char *reply_text, const char *decision,
			    char **error_r);

/* Items. */
struct store_item {
	int64_t id;
	char key[32];
	int year;
	int arrival_no;
	time_t registered_at;
	int64_t message_id;
	char *subject;
	char *sender;
	enum item_status status;
};
/* Registers a new item for message_id with the next arrival number of
 * year; key is PREFIX-YYYY-NNNNNN. */
int store_item_create(struct store *st, const char *prefix, int year,
		      time_t now, int64_t message_id, const char *subject,
		      const char *sender, struct store_item *item_r,
		      char **error_r);
int store_item_get(struct store *st, const char *key, struct store_item *item_r,
		   char **error_r);
int store_item_by_key(struct store *st, const char *key, int64_t *id_r,
		      char **error_r);
void store_item_release(struct store_item *item);
typedef int store_item_cb(const struct store_item *item, void *ctx);
int store_item_foreach(struct store *st, store_item_cb *cb, void *ctx,
		       char **error_r);
int store_item_count(struct store *st, int64_t *n_r, char **error_r);

/* The audit trail: append-only (the schema refuses UPDATE and DELETE).
 * Events are written through runtime_event (congvan/runtime.h), which
 * makes detail and data from the kind's typed fields. */
struct store_event {
	int64_t id;
	time_t at;
	int64_t item_id;    /* 0: none */
	int64_t message_id; /* 0: none */
	const char *actor;
	enum event_kind kind;  /* read back: EV_KIND_COUNT for a name this
				* build does not know (see kind_name) */
	const char *kind_name; /* read back: the name as stored */
	const char *detail;    /* the line for people */
	const char *data;      /* the typed details as JSON, or NULL */
	/* Read back: the typed details (strings borrowed for the callback;
	 * coordinate and text are not read back). */
	struct event_data fields;
};
/* Appends ev (its at, item_id, message_id, actor, kind, detail, data). */
int store_event_add(struct store *st, const struct store_event *ev,
		    char **error_r);
typedef int store_event_cb(const struct store_event *ev, void *ctx);
int store_event_foreach(struct store *st, int64_t item_id, store_event_cb *cb,
			void *ctx, char **error_r);

/* Mail that could not be delivered, told to the Office once
 * (undelivered.c): a watermark, the last event looked at.  *told_r is
 * it, *last_r the newest event's id (0: none). */
int store_undelivered_range(struct store *st, int64_t *told_r, int64_t *last_r,
			    char **error_r);
/* Calls cb for the mail-failed events after event after and up to event
 * upto, oldest first, at most limit of them (reading only the events
 * in that range); the callback's strings are borrowed for the call. */
int store_undelivered_foreach(struct store *st, int64_t after, int64_t upto,
			      int limit, store_event_cb *cb, void *ctx,
			      char **error_r);
/* Moves the watermark to event_id: what is up to it has been told. */
int store_undelivered_told(struct store *st, int64_t event_id, char **error_r);

/* The outbox. */
struct store_outbox {
	int64_t id;
	int64_t item_id; /* 0: none */
	time_t created_at;
	const char *kind;
	const char *message_id;
	const char *mail_from;
	const char *rcpt; /* addresses separated by '\n' */
	const char *data; /* the RFC 5322 message (but an attachment) */
	size_t data_len;
	/* Read only: why data could not be read (its pack damaged), with
	 * data NULL; NULL when it was, or was not asked for. */
	const char *data_error;
	int attempts;
	time_t next_attempt_at;
	/* A stored message attached by reference, or NULL: the MIME part
	 * of blob attach_sha (message/rfc822, file name attach_name) goes
	 * at byte attach_at of data (message_attachment_write). */
	const char *attach_sha;
	const char *attach_name;
	size_t attach_at;
	/* Read only: the recipients still to reach (store_outbox_narrow), or
	 * NULL: every one of rcpt. */
	const char *rcpt_left;
};
int store_outbox_add(struct store *st, const struct store_outbox *o,
		     int64_t *id_r, char **error_r);
/* Calls cb for pending entries due at now, oldest first, at most limit.
 * Without with_data, o->data is NULL (and not read). */
typedef int store_outbox_cb(const struct store_outbox *o, void *ctx);
int store_outbox_due(struct store *st, time_t now, int limit, bool with_data,
		     store_outbox_cb *cb, void *ctx, char **error_r);
/* The same for the entries due at now that were queued at queued_by or
 * before, in the order queued, without their data: mail to give up on
 * (index outbox_pending_age: it reads the pending mail queued by then,
 * not all that is due). */
int store_outbox_expired(struct store *st, time_t now, time_t queued_by,
			 int limit, store_outbox_cb *cb, void *ctx,
			 char **error_r);
int store_outbox_sent(struct store *st, int64_t id, time_t now, char **error_r);
int store_outbox_retry(struct store *st, int64_t id, time_t next_at,
		       const char *reason, char **error_r);
int store_outbox_failed(struct store *st, int64_t id, time_t now,
			const char *reason, char **error_r);
/* A retry at next_at for the recipients in rcpt_left ('\n'-separated)
 * only: the server took the message for the others. */
int store_outbox_narrow(struct store *st, int64_t id, const char *rcpt_left,
			time_t next_at, const char *reason, char **error_r);
/* Counts every entry, sent ones included, which a register keeps for
 * years: for commands and tests, never once a cycle. */
struct store_outbox_stats {
	int64_t pending, sent, failed;
	time_t next_due; /* 0 when nothing is pending */
};
int store_outbox_stats(struct store *st, struct store_outbox_stats *stats_r,
		       char **error_r);
/* *next_r: when the soonest pending entry is due, 0 when none is (one
 * index lookup). */
int store_outbox_next_due(struct store *st, time_t *next_r, char **error_r);
/* *n_r: the entries pending (a count over them only). */
int store_outbox_pending(struct store *st, int64_t *n_r, char **error_r);

/* The recipients of queued mail, for the per-recipient rate limit.
 * Records that outbox entry outbox_id, about item_id (0: about no item),
 * was queued to rcpt at at. */
int store_outbox_rcpt_add(struct store *st, int64_t outbox_id, int64_t item_id,
			  const char *rcpt, time_t at, char **error_r);
/* *n_r: the entries recorded for rcpt (compared without ASCII case)
 * strictly after since, on item_id's mail only (0: mail about no
 * item).  One index range (rcpt, item_id, created_at): the cost follows
 * the rows counted, not the outbox's size. */
int store_outbox_rcpt_count(struct store *st, const char *rcpt, int64_t item_id,
			    time_t since, int64_t *n_r, char **error_r);
/* Forgets the recipients recorded at or before `before`: the table serves
 * only the rate limit, which counts a window's worth (outbox_flush calls
 * it after sending, with the window's start), so it stays that small
 * instead of holding a row for every recipient of every mail ever sent. */
int store_outbox_rcpt_prune(struct store *st, time_t before, char **error_r);

/* --- cases.c: the work on an item ------------------------------------ */

/* The work on one item.  Days are day numbers in UTC+7 (workday.h); 0
 * is "none". */
struct store_case {
	int64_t id; /* the item */
	char key[32];
	int64_t message_id; /* the letter's message */
	time_t registered_at;
	char *subject;
	char *sender;
	enum item_status status;
	char *lead; /* unit code; NULL before assignment */
	int32_t due_day;
	time_t assigned_at;
	char *assigned_by;
	char *handler; /* address; NULL before delegation */
	char *handler_name;
	int32_t handler_due_day;
	time_t closed_at;
	int late_days;     /* working days late when closed */
	char **coordinate; /* unit codes, NULL-terminated (never NULL) */
};
/* 1 found, 0 not, -1 error.  Release with store_case_release. */
int store_case_get(struct store *st, int64_t item_id, struct store_case *c_r,
		   char **error_r);
void store_case_release(struct store_case *c);
/* The case of item as store_item_create registered it, item->subject and
 * item->sender being what it was given: what store_case_get reads back
 * until something is written on it, without the read.  Release with
 * store_case_release. */
void store_case_of_new_item(const struct store_item *item,
			    struct store_case *c_r);

/* The sweep (schema 14): per item that has a scheduler stage to come, the
 * day it is due.  Any change to the item's status, lead, deadline,
 * handler or internal deadline, or to its consultations, makes it due
 * now (day 0, triggers in the schema). */
/* At most limit of the items due on day (their day <= day), by day then
 * id (the index's order: no sort of the whole due set); *ids_r is the
 * caller's to free. */
int store_sweep_due(struct store *st, int32_t day, size_t limit,
		    int64_t **ids_r, size_t *n_r, char **error_r);
/* Records the day the item's next stage is due; day < 0: none until the
 * item changes. */
int store_sweep_set(struct store *st, int64_t item_id, int32_t day,
		    char **error_r);
/* Records what the days are computed with (digest) and the day swept;
 * when digest is not the one recorded, or day is before the last day
 * swept (the clock went back), every item with a day is due now. */
int store_sweep_basis(struct store *st, const char *digest, int32_t day,
		      char **error_r);
/* What `list` shows of each item, and the filters it takes. */
struct store_list_filter {
	const char *unit;       /* lead or coordinating (any case); NULL: any */
	const char *status;     /* a status name; NULL: any */
	int32_t overdue_before; /* > 0: only open items whose deadline is
				 * before this day */
};
struct store_list_row {
	const char *key;
	time_t registered_at;
	enum item_status status;
	const char *lead; /* NULL when not assigned */
	int32_t due_day;  /* 0: none */
	const char *sender, *subject;
};
typedef int store_list_cb(const struct store_list_row *r, void *ctx);
/* The items that pass f in register order (year, arrival number), one
 * row at a time; the row's strings are borrowed for the call.  A
 * non-zero return from cb stops (still 0).  0, or -1 with *error_r. */
int store_case_list(struct store *st, const struct store_list_filter *f,
		    store_list_cb *cb, void *ctx, char **error_r);

/* Assigns (or reassigns) the item: lead, its coordinating units
 * (NULL-terminated, may be NULL), deadline; status becomes assigned and
 * any handler is cleared. */
int store_case_assign(struct store *st, int64_t item_id, const char *lead,
		      const char *const *coordinate, int32_t due_day, time_t at,
		      const char *by, char **error_r);
int store_case_set_due(struct store *st, int64_t item_id, int32_t due_day,
		       char **error_r);
int store_case_set_handler(struct store *st, int64_t item_id,
			   const char *address, const char *name,
			   int32_t due_day, char **error_r);
/* Sets the status; closed_at and late_days only matter for closed ones.
 * Only the workflow's lifecycle (src/workflow/lifecycle.c) calls it. */
int store_case_set_status(struct store *st, int64_t item_id,
			  enum item_status status, time_t closed_at,
			  int late_days, char **error_r);
/* What each writer above stores, applied to c (the item's case as read,
 * or as applied since): c then holds what store_case_get would read back,
 * without the read.  Only these writers write an item's case and parties
 * (no trigger does), so within the writer's transaction the two cannot
 * differ; test_store checks each against the read. */
void store_case_apply_assign(struct store_case *c, const char *lead,
			     const char *const *coordinate, int32_t due_day,
			     time_t at, const char *by);
void store_case_apply_due(struct store_case *c, int32_t due_day);
void store_case_apply_handler(struct store_case *c, const char *address,
			      const char *name, int32_t due_day);
void store_case_apply_status(struct store_case *c, enum item_status status,
			     time_t closed_at, int late_days);

/* Consultations: one per item and unit. */
struct store_consult {
	int64_t id;
	int64_t item_id;
	char *unit;
	time_t asked_at;
	char *asked_by;
	int32_t due_day;
	char *state; /* pending, agree, disagree, unclear, deemed */
	bool deemed; /* the deadline passed without a clear answer */
	bool late;   /* answered after its deadline */
	bool asked_clear;
	char *answered_by;
	char *answer;
};
void store_consult_release(struct store_consult *c);
/* Asks unit (again): state back to pending with a new deadline. */
int store_consult_ask(struct store *st, int64_t item_id, const char *unit,
		      time_t at, const char *by, int32_t due_day,
		      char **error_r);
typedef int store_consult_cb(const struct store_consult *c, void *ctx);
/* The consultations of item_id. */
int store_consult_foreach(struct store *st, int64_t item_id,
			  store_consult_cb *cb, void *ctx, char **error_r);
/* The consultations of item_id, when it is open, still waiting for a
 * clear answer (pending or unclear, not deemed), appended to *rows_r
 * (*n_r of them, grown): release each with store_consult_release, free
 * the array. */
int store_consult_waiting(struct store *st, int64_t item_id,
			  struct store_consult **rows_r, size_t *n_r,
			  char **error_r);
int store_consult_answer(struct store *st, int64_t id, const char *state,
			 time_t at, const char *by, const char *answer,
			 bool late, char **error_r);
int store_consult_mark(struct store *st, int64_t id, bool deemed,
		       bool asked_clear, char **error_r);
/* Deems the consultation agreed at at: its state becomes deemed; an
 * answer given before (without a clear position), who gave it and when,
 * are kept. */
int store_consult_deem(struct store *st, int64_t id, time_t at, char **error_r);

/* Extension requests. */
struct store_extension {
	int64_t id;
	int64_t item_id;
	char *asked_by;
	int32_t from_day, to_day;
	char *reason;
	char *state;
};
void store_extension_release(struct store_extension *e);
int store_extension_add(struct store *st, int64_t item_id, time_t at,
			const char *by, int32_t from_day, int32_t to_day,
			const char *reason, char **error_r);
/* The item's pending request: 1 found, 0 none, -1 error. */
int store_extension_pending(struct store *st, int64_t item_id,
			    struct store_extension *e_r, char **error_r);
int store_extension_decide(struct store *st, int64_t id, const char *state,
			   time_t at, const char *by, char **error_r);

/* Scheduler stages: 1 when stage is newly marked for the item, 0 when it
 * was marked before (so it is acted on once), -1 on error. */
int store_stage_mark(struct store *st, int64_t item_id, const char *stage,
		     time_t at, char **error_r);

/* Every event with from <= at < to, oldest first, with its item's key
 * (NULL when none); with unit, only those of items the unit led, helped
 * with, was consulted on, or had transferred or returned. */
typedef int store_audit_cb(const struct store_event *ev, const char *item_key,
			   void *ctx);
int store_audit_foreach(struct store *st, time_t from, time_t to,
			const char *unit, store_audit_cb *cb, void *ctx,
			char **error_r);

/* --- calendar_entries.c: the iCalendar events sent for deadlines ------- */

/* One event (src/ical): its UID names the item and the part of the work
 * (role: lead, handler, consult, coordinate); SEQUENCE starts at 0. */
struct store_calendar_entry {
	char *uid;
	int64_t item_id;
	char *recipient; /* the attendees' addresses, ", "-separated */
	char *role;
	char *party; /* whose part: a unit code, or the handler's address */
	int sequence;
	int32_t due_day;
	char *state;    /* open, cancelled */
	char *response; /* accepted, declined, tentative; NULL: none yet */
	time_t responded_at;
};
void store_calendar_entry_release(struct store_calendar_entry *e);

/* Records a REQUEST about to be sent (e's uid, item_id, recipient, role,
 * party and due_day; the rest is ignored): a new uid is inserted open
 * with SEQUENCE 0; a known one (another deadline, or the same request
 * sent again) gets its SEQUENCE raised by one, the new recipient and due
 * day, is open again and loses any earlier response.  *sequence_r is the
 * SEQUENCE to send. */
int store_calendar_upsert(struct store *st,
			  const struct store_calendar_entry *e, int *sequence_r,
			  char **error_r);
/* 1 with *e_r (release it) when uid is known, 0 when not, -1 on error. */
int store_calendar_get(struct store *st, const char *uid,
		       struct store_calendar_entry *e_r, char **error_r);
/* The same for item_id's event of role and party (a code or an address,
 * in any case): the UID chosen when its first request was sent. */
int store_calendar_get_part(struct store *st, int64_t item_id, const char *role,
			    const char *party, struct store_calendar_entry *e_r,
			    char **error_r);
/* Calls cb for item_id's open entries, oldest first (cb may write); a
 * non-zero return from cb stops the walk. */
typedef int store_calendar_cb(const struct store_calendar_entry *e, void *ctx);
int store_calendar_foreach_open(struct store *st, int64_t item_id,
				store_calendar_cb *cb, void *ctx,
				char **error_r);
/* Marks an open entry cancelled and raises its SEQUENCE for the CANCEL:
 * 1 with *sequence_r, 0 when uid is unknown or cancelled already. */
int store_calendar_cancel(struct store *st, const char *uid, int *sequence_r,
			  char **error_r);
/* Records an attendee's answer (accepted, declined, tentative) at at. */
int store_calendar_respond(struct store *st, const char *uid,
			   const char *response, time_t at, char **error_r);

/* The raw bytes' SHA-256, sender and Message-ID of stored message id (the
 * strings owned by the caller, NULL when unknown): 1, 0 or -1. */
int store_message_ref(struct store *st, int64_t id, char sha_r[STORE_SHA_HEX],
		      char **from_r, char **message_id_r, char **error_r);

/* --- reports.c: what the periodic report reads ------------------------
 * Each foreach runs cb once per row; the row's strings are borrowed for
 * the call only (copy what is kept), and cb must not write to the
 * store.  A non-zero return from cb stops the walk (still 0). */

/* An item that may have been worked on in [from, to): assigned (it has a
 * lead), registered before to, and not closed before from.  The fields
 * are the item's state now. */
struct store_report_item {
	int64_t id;
	const char *key;
	enum item_status status;
	const char *lead; /* the lead unit now */
	int32_t due_day;  /* the deadline now */
	time_t assigned_at;
	const char *handler; /* NULL when not delegated */
	const char *handler_name;
	time_t closed_at; /* 0 while open */
	int late_days;
};
typedef int store_report_item_cb(const struct store_report_item *it, void *ctx);
/* These items in the order of their ids, in one walk: item_cb for each
 * item, then event_cb for each of its events of the kinds in
 * EVENT_KIND_HISTORY_SQL, in the log's order, read in part: id, at,
 * item_id, kind and the fields unit, address and due (the others empty).
 * Only the current row is held, whatever the register's size. */
int store_report_histories(struct store *st, time_t from, time_t to,
			   store_report_item_cb *item_cb,
			   store_event_cb *event_cb, void *ctx, char **error_r);

/* A consultation answered, or deemed agreed, in [from, to). */
struct store_report_consult {
	int64_t item_id;
	const char *unit;
	const char *state; /* agree, disagree, unclear, deemed */
	bool deemed, late, asked_clear;
	const char *answered_by; /* NULL: never answered */
	time_t asked_at, answered_at;
	time_t deemed_at; /* 0: not deemed, or deemed before schema 9 (then
			   * answered_at is that moment) */
};
typedef int store_report_consult_cb(const struct store_report_consult *c,
				    void *ctx);
int store_report_consults(struct store *st, time_t from, time_t to,
			  store_report_consult_cb *cb, void *ctx,
			  char **error_r);

/* An extension request asked or decided in [from, to). */
struct store_report_extension {
	int64_t item_id;
	time_t asked_at;
	const char *asked_by;
	const char *state; /* pending, granted, refused */
	time_t decided_at; /* 0 while pending */
};
typedef int store_report_extension_cb(const struct store_report_extension *e,
				      void *ctx);
int store_report_extensions(struct store *st, time_t from, time_t to,
			    store_report_extension_cb *cb, void *ctx,
			    char **error_r);

/* Mail about an item queued in [from, to) whose template is one of kinds,
 * written ",reminder,overdue," (commas around each name). */
struct store_report_mail {
	int64_t item_id;
	time_t created_at;
	const char *kind;
	const char *rcpt; /* addresses separated by '\n' */
};
typedef int store_report_mail_cb(const struct store_report_mail *m, void *ctx);
int store_report_mails(struct store *st, time_t from, time_t to,
		       const char *kinds, store_report_mail_cb *cb, void *ctx,
		       char **error_r);

/* *n_r: the items registered before t. */
int store_report_registered_before(struct store *st, time_t t, int64_t *n_r,
				   char **error_r);

/* The report of period (a name such as "2026Q2"): 1 when it was mailed,
 * 0 when not, -1 on error. */
int store_report_sent(struct store *st, const char *period, char **error_r);
/* Records that the report of period was mailed at at as message_id:
 * 1 when newly recorded, 0 when it was already, -1 on error. */
int store_report_mark_sent(struct store *st, const char *period, time_t at,
			   const char *message_id, char **error_r);

/* --- feed_tokens.c: calendar feed tokens ---------------------------------
 */

/* The version of the feed of kind ("person", "unit", "office") and
 * subject (lower-cased): 1 until its token is first revoked. */
int store_feed_version(struct store *st, const char *kind, const char *subject,
		       int64_t *version_r, char **error_r);
/* Calls cb for every feed whose token was ever revoked, with its current
 * version; the strings are borrowed for the call. */
typedef int store_feed_cb(const char *kind, const char *subject,
			  int64_t version, void *ctx);
int store_feed_foreach(struct store *st, store_feed_cb *cb, void *ctx,
		       char **error_r);
/* Revokes the feed's current token: raises its version, into
 * *version_r.  Inside a transaction. */
int store_feed_revoke(struct store *st, const char *kind, const char *subject,
		      time_t at, int64_t *version_r, char **error_r);
/* Calls cb once for every address (lower-cased) that was ever an item's
 * handler, in order; the string is borrowed for the call. */
typedef int store_address_cb(const char *address, void *ctx);
int store_handler_foreach(struct store *st, store_address_cb *cb, void *ctx,
			  char **error_r);
/* *at_r: the time of the item's latest event, 0 when it has none. */
int store_item_changed_at(struct store *st, int64_t item_id, time_t *at_r,
			  char **error_r);

/* --- feed_changes.c: what the calendar feeds show, and when it changes -- */

/* How often the feed of kind ("person", "unit", "office") and subject
 * (lower-cased) may have changed: raised by every commit that touches an
 * item it shows or showed (an event, its lead, handler, deadline, status,
 * parties or consultations); 0 before the first.  Kind "subjects" with
 * subject "" counts the changes to the set of feeds a token may name (a
 * new handler, a revoked token).  So a feed built at a version is the
 * same at that version. */
int store_feed_changes(struct store *st, const char *kind, const char *subject,
		       int64_t *version_r, char **error_r);

/* Which open deadlines a feed holds (NULL / false: none of that part). */
struct store_feed_query {
	bool every_item;       /* the lead deadline of every open item */
	const char *lead;      /* the lead deadline of open items it leads */
	const char *handler;   /* the deadline of open items they handle */
	const char *consulted; /* the consultations waiting for its answer */
};
enum store_feed_role {
	STORE_FEED_LEAD,    /* day: the item's deadline */
	STORE_FEED_HANDLER, /* day: the handler's, else the item's */
	STORE_FEED_CONSULT, /* day: the consultation's; unit: asked */
};
struct store_feed_entry {
	enum store_feed_role role;
	int32_t day;
	char *unit;          /* STORE_FEED_CONSULT: the unit asked */
	struct store_case c; /* the item (assigned_by, closed_at unset) */
	time_t changed;      /* the item's latest event; 0: none */
	char *uid;           /* the UID of the invitation of the same
			      * part; NULL: none was sent */
	int sequence;        /* its SEQUENCE; -1: none was sent */
};
/* Calls cb for each entry of a feed, in one query, ordered by day, item,
 * role; entries with no deadline are left out.  The entry is borrowed for
 * the call; cb must not use the store and returns non-zero to stop. */
typedef int store_feed_entry_cb(const struct store_feed_entry *e, void *ctx);
int store_feed_entries(struct store *st, const struct store_feed_query *q,
		       store_feed_entry_cb *cb, void *ctx, char **error_r);

#endif
