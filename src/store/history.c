/* Mail kept as history (schema 12): the first start of a database and
 * its cut, the messages delivered before it, and those marked to be
 * registered after all. */
#include <stdio.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

/* When a message reached the mailbox, or when congvan took it for mail
 * from before schema 12. */
#define DELIVERED "COALESCE(delivered_at, received_at)"

static const char *const sql[H_COUNT] = {
    [H_START_ADD] = "INSERT INTO first_start"
		    " (id, at, history_before, uidvalidity, last_uid)"
		    " VALUES (1, ?1, ?2, ?3, ?4) ON CONFLICT (id) DO NOTHING",
    [H_START_GET] = "SELECT history_before, uidvalidity, last_uid"
		    " FROM first_start WHERE id = 1",
    [H_LIST] = "SELECT id, " DELIVERED ", history, message_id, from_addr,"
	       " from_name, subject, kind, size FROM messages"
	       " WHERE history IS NOT NULL AND " DELIVERED " >= ?1"
	       " AND " DELIVERED " < ?2 ORDER BY " DELIVERED ", id",
    [H_MARK] = "UPDATE messages SET history = '" STORE_HISTORY_REGISTER "'"
	       " WHERE history = '" STORE_HISTORY_KEPT "'"
	       " AND " DELIVERED " >= ?1 AND " DELIVERED " < ?2",
    [H_NEXT] = "SELECT id, sha256, duplicate_of FROM messages"
	       " WHERE history = '" STORE_HISTORY_REGISTER "'"
	       " ORDER BY delivered_at, id LIMIT 1",
    [H_DONE] = "UPDATE messages SET history = NULL WHERE id = ?1",
};

static sqlite3_stmt *stmt(struct store *st, enum h q, char **error_r)
{
	return store_stmt_cached(st, &st->history_stmts[q], sql[q], error_r);
}

int store_first_start_get(struct store *st, struct store_first_start *fs_r,
			  char **error_r)
{
	sqlite3_stmt *s = stmt(st, H_START_GET, error_r);
	int rc;

	memset(fs_r, 0, sizeof(*fs_r));
	if (!s) {
		return -1;
	}
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		fs_r->cut = (time_t)sqlite3_column_int64(s, 0);
		fs_r->uidvalidity = (uint32_t)sqlite3_column_int64(s, 1);
		fs_r->last_uid = (uint32_t)sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		return store_fail(st, "reading the first start", error_r);
	}
	return rc == SQLITE_ROW;
}

int store_first_start_add(struct store *st, time_t now,
			  const struct store_first_start *fs, char **error_r)
{
	sqlite3_stmt *s = stmt(st, H_START_ADD, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, now);
	sqlite3_bind_int64(s, 2, fs->cut);
	sqlite3_bind_int64(s, 3, fs->uidvalidity);
	sqlite3_bind_int64(s, 4, fs->last_uid);
	if (store_exec_done(st, s, "recording the first start", error_r) < 0) {
		return -1;
	}
	return sqlite3_changes(st->db) > 0;
}

bool store_first_start_keeps(const struct store_first_start *fs,
			     uint32_t uidvalidity, uint32_t uid,
			     time_t delivered_at)
{
	return fs->cut > 0 && delivered_at > 0 && delivered_at < fs->cut &&
	       uidvalidity == fs->uidvalidity && uid <= fs->last_uid;
}

/* [since, until) with 0 for no bound. */
static void bind_span(sqlite3_stmt *s, time_t since, time_t until)
{
	sqlite3_bind_int64(s, 1, since > 0 ? since : INT64_MIN);
	sqlite3_bind_int64(s, 2, until > 0 ? until : INT64_MAX);
}

int store_history_foreach(struct store *st, time_t since, time_t until,
			  store_history_cb *cb, void *ctx, char **error_r)
{
	sqlite3_stmt *s = stmt(st, H_LIST, error_r);
	int rc, stopped = 0;

	if (!s) {
		return -1;
	}
	bind_span(s, since, until);
	while (!stopped && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const struct store_history h = {
		    .id = sqlite3_column_int64(s, 0),
		    .delivered_at = (time_t)sqlite3_column_int64(s, 1),
		    .state = (const char *)sqlite3_column_text(s, 2),
		    .message_id = (const char *)sqlite3_column_text(s, 3),
		    .from_addr = (const char *)sqlite3_column_text(s, 4),
		    .from_name = (const char *)sqlite3_column_text(s, 5),
		    .subject = (const char *)sqlite3_column_text(s, 6),
		    .kind = (const char *)sqlite3_column_text(s, 7),
		    .size = (size_t)sqlite3_column_int64(s, 8),
		};

		stopped = cb(&h, ctx);
	}
	if (!stopped && rc != SQLITE_DONE) {
		store_fail(st, "reading the history", error_r);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return stopped;
}

int store_history_mark(struct store *st, time_t since, time_t until,
		       int64_t *n_r, char **error_r)
{
	sqlite3_stmt *s = stmt(st, H_MARK, error_r);

	*n_r = 0;
	if (!s) {
		return -1;
	}
	bind_span(s, since, until);
	if (store_exec_done(st, s, "marking history to register", error_r) <
	    0) {
		return -1;
	}
	*n_r = sqlite3_changes(st->db);
	return 0;
}

int store_history_next(struct store *st, int64_t *id_r,
		       char sha256_r[STORE_SHA_HEX], int64_t *duplicate_of_r,
		       char **error_r)
{
	sqlite3_stmt *s = stmt(st, H_NEXT, error_r);
	const char *sha;
	int rc;

	if (!s) {
		return -1;
	}
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		return 0;
	}
	if (rc != SQLITE_ROW) {
		store_fail(st, "reading the history to register", error_r);
		sqlite3_reset(s);
		return -1;
	}
	*id_r = sqlite3_column_int64(s, 0);
	sha = (const char *)sqlite3_column_text(s, 1);
	snprintf(sha256_r, STORE_SHA_HEX, "%s", sha ? sha : "");
	*duplicate_of_r = sqlite3_column_int64(s, 2);
	sqlite3_reset(s);
	return 1;
}

int store_history_done(struct store *st, int64_t id, char **error_r)
{
	sqlite3_stmt *s = stmt(st, H_DONE, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, id);
	return store_exec_done(st, s, "taking a message out of the history",
			       error_r);
}
