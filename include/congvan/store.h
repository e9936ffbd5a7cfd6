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

struct store;

/* Opens (creating when missing) the database at path and applies forward
 * migrations.  Returns NULL with *error_r on failure. */
struct store *store_open(const char *path, char **error_r);
/* Closes and clears *stp; NULL-safe. */
void store_close(struct store **stp);
/* The schema version this build writes (PRAGMA user_version). */
int store_schema_version(void);

int store_begin(struct store *st, char **error_r);
int store_commit(struct store *st, char **error_r);
/* Rolls back an open transaction; harmless when none is open. */
void store_rollback(struct store *st);

/* Raw messages. */
#define STORE_SHA_HEX 65
/* Keeps data under its SHA-256 (hex into sha_r) unless already kept.
 * Must run inside a transaction: the blob's place is recorded there. */
int store_blob_put(struct store *st, const void *data, size_t len,
		   char sha_r[STORE_SHA_HEX], char **error_r);
/* Makes every blob written so far durable; store_commit calls it before
 * committing, so a committed message always has its bytes. */
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
/* Finds the item a message we sent belongs to, by our Message-ID. */
int store_item_by_sent_message_id(struct store *st, const char *message_id,
				  int64_t *item_id_r, char **error_r);

/* What a message says. */
struct store_letter {
	const char *number, *issuer, *symbol, *date, *place, *subject;
	const char *recipients;   /* JSON list */
	const char *distribution; /* JSON list */
	const char *signer, *signer_title, *deadline;
	const char *source;   /* body, forwarded, pdf */
	int64_t duplicate_of; /* an earlier item with the same letter */
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
};
/* 1 when the item has letter metadata, 0 when not, -1 on error. */
int store_letter_get(struct store *st, int64_t item_id,
		     struct store_letter_row *row_r, char **error_r);
void store_letter_row_release(struct store_letter_row *row);
int store_attachment_add(struct store *st, int64_t message_id,
			 const char *filename, const char *content_type,
			 size_t size, const char *sha256, char **error_r);
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
	char *status;
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

/* The audit trail: append-only (the schema refuses UPDATE and DELETE). */
struct store_event {
	int64_t id;
	time_t at;
	int64_t item_id;    /* 0: none */
	int64_t message_id; /* 0: none */
	const char *actor;
	const char *kind;
	const char *detail;
};
int store_event_add(struct store *st, const struct store_event *ev,
		    char **error_r);
typedef int store_event_cb(const struct store_event *ev, void *ctx);
int store_event_foreach(struct store *st, int64_t item_id, store_event_cb *cb,
			void *ctx, char **error_r);

/* The outbox. */
struct store_outbox {
	int64_t id;
	int64_t item_id; /* 0: none */
	time_t created_at;
	const char *kind;
	const char *message_id;
	const char *mail_from;
	const char *rcpt; /* addresses separated by '\n' */
	const char *data; /* the whole RFC 5322 message */
	size_t data_len;
	int attempts;
	time_t next_attempt_at;
};
int store_outbox_add(struct store *st, const struct store_outbox *o,
		     int64_t *id_r, char **error_r);
/* Calls cb for pending entries due at now, oldest first, at most limit. */
typedef int store_outbox_cb(const struct store_outbox *o, void *ctx);
int store_outbox_due(struct store *st, time_t now, int limit,
		     store_outbox_cb *cb, void *ctx, char **error_r);
int store_outbox_sent(struct store *st, int64_t id, time_t now, char **error_r);
int store_outbox_retry(struct store *st, int64_t id, time_t next_at,
		       const char *reason, char **error_r);
int store_outbox_failed(struct store *st, int64_t id, time_t now,
			const char *reason, char **error_r);
struct store_outbox_stats {
	int64_t pending, sent, failed;
	time_t next_due; /* 0 when nothing is pending */
};
int store_outbox_stats(struct store *st, struct store_outbox_stats *stats_r,
		       char **error_r);

/* The recipients of queued mail, for the per-recipient rate limit.
 * Records that outbox entry outbox_id was queued to rcpt at at. */
int store_outbox_rcpt_add(struct store *st, int64_t outbox_id, const char *rcpt,
			  time_t at, char **error_r);
/* *n_r: the entries recorded for rcpt (compared without ASCII case)
 * strictly after since. */
int store_outbox_rcpt_count(struct store *st, const char *rcpt, time_t since,
			    int64_t *n_r, char **error_r);

#endif
