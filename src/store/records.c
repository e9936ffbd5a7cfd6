/* Mailbox state, messages and items. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

int store_sync_get(struct store *st, const char *mailbox,
		   struct store_sync *sync_r, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_SYNC_GET, error_r);
	int rc;

	if (!s) {
		return -1;
	}
	memset(sync_r, 0, sizeof(*sync_r));
	store_bind_text(s, 1, mailbox);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		sync_r->known = true;
		sync_r->uidvalidity = (uint32_t)sqlite3_column_int64(s, 0);
		sync_r->last_uid = (uint32_t)sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		return store_fail(st, "reading mailbox state", error_r);
	}
	return 0;
}

int store_sync_set(struct store *st, const char *mailbox, uint32_t uidvalidity,
		   uint32_t last_uid, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_SYNC_SET, error_r);

	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, mailbox);
	sqlite3_bind_int64(s, 2, uidvalidity);
	sqlite3_bind_int64(s, 3, last_uid);
	return store_exec_done(st, s, "writing mailbox state", error_r);
}

int store_message_by_uid(struct store *st, const char *mailbox,
			 uint32_t uidvalidity, uint32_t uid, int64_t *id_r,
			 char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_MSG_BY_UID, error_r);

	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, mailbox);
	sqlite3_bind_int64(s, 2, uidvalidity);
	sqlite3_bind_int64(s, 3, uid);
	return store_query_id(st, s, "finding message by uid", id_r, error_r);
}

int store_message_by_identity(struct store *st, const char *message_id,
			      const char *sha256, int64_t *id_r, char **error_r)
{
	sqlite3_stmt *s =
	    store_stmt(st, message_id ? Q_MSG_BY_MSGID : Q_MSG_BY_SHA, error_r);

	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, message_id ? message_id : sha256);
	return store_query_id(st, s, "finding message", id_r, error_r);
}

int store_message_insert(struct store *st, const struct store_message *m,
			 int64_t *id_r, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_MSG_INSERT, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, m->received_at);
	store_bind_text(s, 2, m->mailbox);
	sqlite3_bind_int64(s, 3, m->uidvalidity);
	sqlite3_bind_int64(s, 4, m->uid);
	store_bind_text(s, 5, m->sha256);
	sqlite3_bind_int64(s, 6, (sqlite3_int64)m->size);
	store_bind_text(s, 7, m->message_id);
	store_bind_text(s, 8, m->in_reply_to);
	store_bind_text(s, 9, m->from_addr);
	store_bind_text(s, 10, m->from_name);
	store_bind_text(s, 11, m->subject);
	store_bind_text(s, 12, m->kind);
	store_bind_text(s, 13, m->kind_reason);
	store_bind_id(s, 14, m->duplicate_of);
	store_bind_id(s, 15, m->delivered_at);
	store_bind_text(s, 16, m->history);
	if (store_exec_done(st, s, "storing message", error_r) < 0) {
		return -1;
	}
	*id_r = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int store_message_set_item(struct store *st, int64_t message_id,
			   int64_t item_id, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_MSG_SET_ITEM, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, message_id);
	store_bind_id(s, 2, item_id);
	return store_exec_done(st, s, "linking message to item", error_r);
}

int store_item_by_sent_message_id(struct store *st, const char *message_id,
				  int64_t *item_id_r, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_ITEM_BY_SENT, error_r);

	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, message_id);
	return store_query_id(st, s, "finding item by message", item_id_r,
			      error_r);
}

int store_outbox_sent_to(struct store *st, const char *message_id,
			 int64_t *item_id_r, char **rcpt_r, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_OUTBOX_SENT_TO, error_r);
	int rc;

	*item_id_r = 0;
	*rcpt_r = NULL;
	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, message_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*item_id_r = sqlite3_column_int64(s, 0);
		*rcpt_r = xstrdup((const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		return store_fail(st, "finding mail sent", error_r);
	}
	return rc == SQLITE_ROW ? 1 : 0;
}

int store_item_create(struct store *st, const char *prefix, int year,
		      time_t now, int64_t message_id, const char *subject,
		      const char *sender, struct store_item *item_r,
		      char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_ITEM_NEXT_NO, error_r);
	int64_t no;

	if (!s) {
		return -1;
	}
	sqlite3_bind_int(s, 1, year);
	if (store_query_id(st, s, "numbering item", &no, error_r) != 1) {
		return -1;
	}
	memset(item_r, 0, sizeof(*item_r));
	snprintf(item_r->key, sizeof(item_r->key), "%s-%04d-%06lld", prefix,
		 year, (long long)no);
	s = store_stmt(st, Q_ITEM_INSERT, error_r);
	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, item_r->key);
	sqlite3_bind_int(s, 2, year);
	sqlite3_bind_int64(s, 3, no);
	sqlite3_bind_int64(s, 4, now);
	sqlite3_bind_int64(s, 5, message_id);
	store_bind_text(s, 6, subject);
	store_bind_text(s, 7, sender);
	if (store_exec_done(st, s, "registering item", error_r) < 0) {
		return -1;
	}
	item_r->id = sqlite3_last_insert_rowid(st->db);
	item_r->year = year;
	item_r->arrival_no = (int)no;
	item_r->registered_at = now;
	item_r->message_id = message_id;
	return store_message_set_item(st, message_id, item_r->id, error_r);
}

static void item_from_row(sqlite3_stmt *s, struct store_item *item)
{
	const unsigned char *key = sqlite3_column_text(s, 1);

	memset(item, 0, sizeof(*item));
	item->id = sqlite3_column_int64(s, 0);
	snprintf(item->key, sizeof(item->key), "%s",
		 key ? (const char *)key : "");
	item->year = sqlite3_column_int(s, 2);
	item->arrival_no = sqlite3_column_int(s, 3);
	item->registered_at = (time_t)sqlite3_column_int64(s, 4);
	item->message_id = sqlite3_column_int64(s, 5);
	item->subject = store_column_dup(s, 6);
	item->sender = store_column_dup(s, 7);
	item->status = store_column_status(s, 8);
}

void store_item_release(struct store_item *item)
{
	FREE_AND_NULL(item->subject);
	FREE_AND_NULL(item->sender);
}

int store_item_get(struct store *st, const char *key, struct store_item *item_r,
		   char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_ITEM_GET, error_r);
	int rc;

	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		item_from_row(s, item_r);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		return store_fail(st, "reading item", error_r);
	}
	return rc == SQLITE_ROW ? 1 : 0;
}

int store_item_by_key(struct store *st, const char *key, int64_t *id_r,
		      char **error_r)
{
	struct store_item item;
	int rc = store_item_get(st, key, &item, error_r);

	if (rc == 1) {
		*id_r = item.id;
		store_item_release(&item);
	}
	return rc;
}

int store_item_foreach(struct store *st, store_item_cb *cb, void *ctx,
		       char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_ITEM_ALL, error_r);
	int rc;

	if (!s) {
		return -1;
	}
	for (;;) {
		struct store_item item;
		int stop;

		rc = sqlite3_step(s);
		if (rc != SQLITE_ROW) {
			break;
		}
		item_from_row(s, &item);
		stop = cb(&item, ctx);
		store_item_release(&item);
		if (stop) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		return store_fail(st, "listing items", error_r);
	}
	return 0;
}

int store_item_count(struct store *st, int64_t *n_r, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_ITEM_COUNT, error_r);

	if (!s) {
		return -1;
	}
	return store_query_id(st, s, "counting items", n_r, error_r) == 1 ? 0
									  : -1;
}
