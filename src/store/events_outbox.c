/* The event log (audit trail) and the outbox. */
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

int store_event_add(struct store *st, const struct store_event *ev,
		    char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_EVENT_ADD, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, ev->at);
	store_bind_id(s, 2, ev->item_id);
	store_bind_id(s, 3, ev->message_id);
	store_bind_text(s, 4, ev->actor);
	store_bind_text(s, 5, event_kind_name(ev->kind));
	store_bind_text(s, 6, ev->detail);
	store_bind_text(s, 7, ev->data);
	if (store_exec_done(st, s, "recording event", error_r) < 0) {
		return -1;
	}
	/* Outside a transaction nothing commits it for the feeds. */
	return st->in_tx || !ev->item_id ? 0 : store_feed_mark(st, error_r);
}

static const char *column_text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

void store_event_from_row(sqlite3_stmt *s, int i, struct store_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->id = sqlite3_column_int64(s, i);
	ev->at = (time_t)sqlite3_column_int64(s, i + 1);
	ev->item_id = sqlite3_column_int64(s, i + 2);
	ev->message_id = sqlite3_column_int64(s, i + 3);
	ev->actor = column_text(s, i + 4);
	ev->kind_name = column_text(s, i + 5);
	if (event_kind_parse(ev->kind_name, &ev->kind) < 0) {
		ev->kind = EV_KIND_COUNT;
	}
	ev->detail = column_text(s, i + 6);
	ev->data = column_text(s, i + 7);
	ev->fields.unit = column_text(s, i + 8);
	ev->fields.to_unit = column_text(s, i + 9);
	ev->fields.address = column_text(s, i + 10);
	ev->fields.state = column_text(s, i + 11);
	ev->fields.due = (int32_t)sqlite3_column_int64(s, i + 12);
	ev->fields.days = sqlite3_column_int(s, i + 13);
	ev->fields.late = sqlite3_column_int(s, i + 14) != 0;
	ev->fields.reason = column_text(s, i + 15);
	ev->fields.template = column_text(s, i + 16);
}

int store_event_foreach(struct store *st, int64_t item_id, store_event_cb *cb,
			void *ctx, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_EVENT_FOR_ITEM, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	return store_events_each(st, s, cb, ctx, "reading events", error_r);
}

int store_events_each(struct store *st, sqlite3_stmt *s, store_event_cb *cb,
		      void *ctx, const char *what, char **error_r)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_event ev;

		store_event_from_row(s, 0, &ev);
		if (cb(&ev, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, what, error_r);
}

int store_outbox_add(struct store *st, const struct store_outbox *o,
		     int64_t *id_r, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_OUTBOX_ADD, error_r);
	struct store_blob_place place;

	/* Outside a transaction the row commits at once: its bytes are
	 * made durable first, as store_commit does for a batch. */
	if (!s ||
	    store_blob_append_deferred(st, o->data, o->data_len, &place,
				       error_r) < 0 ||
	    (!st->in_tx && store_blob_sync(st, error_r) < 0)) {
		return -1;
	}
	store_bind_id(s, 1, o->item_id);
	sqlite3_bind_int64(s, 2, o->created_at);
	store_bind_text(s, 3, o->kind);
	store_bind_text(s, 4, o->message_id);
	store_bind_text(s, 5, o->mail_from);
	store_bind_text(s, 6, o->rcpt);
	sqlite3_bind_int64(s, 8, o->next_attempt_at);
	if (o->attach_sha) {
		store_bind_text(s, 9, o->attach_sha);
		store_bind_text(s, 10, o->attach_name);
		sqlite3_bind_int64(s, 11, (sqlite3_int64)o->attach_at);
	}
	sqlite3_bind_int64(s, 12, place.pack_no);
	sqlite3_bind_int64(s, 13, place.offset);
	sqlite3_bind_int64(s, 14, (sqlite3_int64)o->data_len);
	if (store_exec_done(st, s, "queueing mail", error_r) < 0) {
		return -1;
	}
	if (id_r) {
		*id_r = sqlite3_last_insert_rowid(st->db);
	}
	return 0;
}

static void outbox_from_row(sqlite3_stmt *s, bool with_data,
			    struct store_outbox *o)
{
	o->id = sqlite3_column_int64(s, 0);
	o->item_id = sqlite3_column_int64(s, 1);
	o->created_at = (time_t)sqlite3_column_int64(s, 2);
	o->kind = (const char *)sqlite3_column_text(s, 3);
	o->message_id = (const char *)sqlite3_column_text(s, 4);
	o->mail_from = (const char *)sqlite3_column_text(s, 5);
	o->rcpt = (const char *)sqlite3_column_text(s, 6);
	o->data = with_data ? sqlite3_column_blob(s, 7) : NULL;
	o->data_len = with_data ? (size_t)sqlite3_column_bytes(s, 7) : 0;
	o->attempts = sqlite3_column_int(s, 8);
	o->next_attempt_at = (time_t)sqlite3_column_int64(s, 9);
	o->attach_sha = (const char *)sqlite3_column_text(s, 10);
	o->attach_name = (const char *)sqlite3_column_text(s, 11);
	o->attach_at = (size_t)sqlite3_column_int64(s, 12);
	o->rcpt_left = (const char *)sqlite3_column_text(s, 13);
	o->data_error = NULL;
}

/* The message of o (schema 19) from its pack: *data_r, to be freed; or
 * NULL with o->data_error (*error_r, to be freed) when the pack cannot
 * give it, so that the caller keeps the mail and goes on. */
static void outbox_data_read(const struct store *st, sqlite3_stmt *s,
			     struct store_outbox *o, char **data_r,
			     char **error_r)
{
	size_t len = (size_t)sqlite3_column_int64(s, 16);

	if (store_blob_read(st, sqlite3_column_int64(s, 14),
			    sqlite3_column_int64(s, 15), len, data_r,
			    error_r) < 0) {
		char *why = *error_r;

		*error_r = xasprintf("mail '%s': %s", o->message_id, why);
		free(why);
		o->data_error = *error_r;
		return;
	}
	o->data = *data_r;
	o->data_len = len;
}

/* Hands one pending entry to cb: 0 to go on, 1 when cb stops, -1. */
static int outbox_one(struct store *st, int64_t id, bool with_data,
		      store_outbox_cb *cb, void *ctx, char **error_r)
{
	/* The message itself is read only when asked for: a row holds tens
	 * of KB. */
	sqlite3_stmt *s =
	    store_stmt(st, with_data ? Q_OUTBOX_GET : Q_OUTBOX_HEAD, error_r);
	struct store_outbox o;
	char *data = NULL, *data_error = NULL;
	int rc, stop = 0;

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		outbox_from_row(s, with_data, &o);
		if (with_data && sqlite3_column_type(s, 14) != SQLITE_NULL) {
			outbox_data_read(st, s, &o, &data, &data_error);
		} else if (with_data && !o.data) {
			/* neither in the packs nor in outbox_data */
			data_error = xasprintf("mail '%s': its message is"
					       " missing",
					       o.message_id);
			o.data_error = data_error;
		}
		stop = cb(&o, ctx) ? 1 : 0;
	}
	sqlite3_reset(s);
	free(data);
	free(data_error);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		return store_fail(st, "reading outbox", error_r);
	}
	return stop;
}

/* Collects the ids s yields first, then reads and hands over one row at a
 * time, so cb may update the outbox without disturbing the scan. */
static int outbox_scan(struct store *st, sqlite3_stmt *s, int limit,
		       bool with_data, store_outbox_cb *cb, void *ctx,
		       char **error_r)
{
	int64_t *ids = xcalloc((size_t)limit, sizeof(*ids));
	int n = 0, rc, ret = -1;

	while (n < limit) {
		rc = sqlite3_step(s);
		if (rc != SQLITE_ROW) {
			break;
		}
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_fail(st, "reading outbox", error_r);
		goto out;
	}
	ret = 0;
	for (int i = 0; i < n && ret == 0; i++) {
		ret = outbox_one(st, ids[i], with_data, cb, ctx, error_r);
	}
	ret = ret < 0 ? -1 : 0;
out:
	free(ids);
	return ret;
}

int store_outbox_due(struct store *st, time_t now, int limit, bool with_data,
		     store_outbox_cb *cb, void *ctx, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_OUTBOX_DUE, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, now);
	sqlite3_bind_int(s, 2, limit);
	return outbox_scan(st, s, limit, with_data, cb, ctx, error_r);
}

int store_outbox_expired(struct store *st, time_t now, time_t queued_by,
			 int limit, store_outbox_cb *cb, void *ctx,
			 char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_OUTBOX_EXPIRED, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, now);
	sqlite3_bind_int(s, 2, limit);
	sqlite3_bind_int64(s, 3, queued_by);
	return outbox_scan(st, s, limit, false, cb, ctx, error_r);
}

static int outbox_update(struct store *st, enum q q, int64_t id, time_t t,
			 const char *reason, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, q, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, t);
	if (reason) {
		store_bind_text(s, 3, reason);
	}
	return store_exec_done(st, s, "updating outbox", error_r);
}

int store_outbox_sent(struct store *st, int64_t id, time_t now, char **error_r)
{
	return outbox_update(st, Q_OUTBOX_SENT, id, now, NULL, error_r);
}

int store_outbox_retry(struct store *st, int64_t id, time_t next_at,
		       const char *reason, char **error_r)
{
	return outbox_update(st, Q_OUTBOX_RETRY, id, next_at, reason, error_r);
}

int store_outbox_narrow(struct store *st, int64_t id, const char *rcpt_left,
			time_t next_at, const char *reason, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_OUTBOX_NARROW, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, next_at);
	store_bind_text(s, 3, reason);
	store_bind_text(s, 4, rcpt_left);
	return store_exec_done(st, s, "updating outbox", error_r);
}

int store_outbox_failed(struct store *st, int64_t id, time_t now,
			const char *reason, char **error_r)
{
	return outbox_update(st, Q_OUTBOX_FAILED, id, now, reason, error_r);
}

int store_outbox_stats(struct store *st, struct store_outbox_stats *stats_r,
		       char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_OUTBOX_STATS, error_r);
	int rc;

	if (!s) {
		return -1;
	}
	memset(stats_r, 0, sizeof(*stats_r));
	for (;;) {
		const char *status;
		int64_t n;

		rc = sqlite3_step(s);
		if (rc != SQLITE_ROW) {
			break;
		}
		status = (const char *)sqlite3_column_text(s, 0);
		n = sqlite3_column_int64(s, 1);
		if (strcmp(status, "pending") == 0) {
			stats_r->pending = n;
		} else if (strcmp(status, "sent") == 0) {
			stats_r->sent = n;
		} else {
			stats_r->failed = n;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		return store_fail(st, "counting outbox", error_r);
	}
	return store_outbox_next_due(st, &stats_r->next_due, error_r);
}

int store_outbox_next_due(struct store *st, time_t *next_r, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_OUTBOX_NEXT, error_r);
	int64_t next = 0;

	if (!s ||
	    store_query_id(st, s, "outbox schedule", &next, error_r) < 0) {
		return -1;
	}
	*next_r = (time_t)next;
	return 0;
}

int store_outbox_pending(struct store *st, int64_t *n_r, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_OUTBOX_PENDING, error_r);

	*n_r = 0;
	if (!s ||
	    store_query_id(st, s, "counting pending mail", n_r, error_r) < 0) {
		return -1;
	}
	return 0;
}

int store_outbox_rcpt_add(struct store *st, int64_t outbox_id, int64_t item_id,
			  const char *rcpt, time_t at, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_OUTBOX_RCPT_ADD, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, outbox_id);
	store_bind_text(s, 2, rcpt);
	sqlite3_bind_int64(s, 3, at);
	sqlite3_bind_int64(s, 4, item_id);
	return store_exec_done(st, s, "recording outbox recipient", error_r);
}

int store_outbox_rcpt_count(struct store *st, const char *rcpt, int64_t item_id,
			    time_t since, int64_t *n_r, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_OUTBOX_RCPT_COUNT, error_r);

	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, rcpt);
	sqlite3_bind_int64(s, 2, since);
	sqlite3_bind_int64(s, 3, item_id);
	return store_query_id(st, s, "counting outbox recipient", n_r,
			      error_r) == 1
		   ? 0
		   : -1;
}

int store_outbox_rcpt_prune(struct store *st, time_t before, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_OUTBOX_RCPT_PRUNE, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, before);
	return store_exec_done(st, s, "pruning outbox recipients", error_r);
}
