/* What the calendar feeds need from the store (schema version 7): the
 * version of each feed's token, the handlers who may have a feed, and
 * when an item last changed. */
#include <stdlib.h>

#include "congvan/util.h"
#include "private.h"

static const char *const sql[F_COUNT] = {
    [F_VERSION] = "SELECT version FROM feed_tokens WHERE kind = ?1"
		  " AND subject = ?2",
    [F_VERSIONS] = "SELECT kind, subject, version FROM feed_tokens"
		   " ORDER BY kind, subject",
    [F_REVOKE] = "INSERT INTO feed_tokens (kind, subject, version,"
		 " revoked_at) VALUES (?1, ?2, 2, ?3)"
		 " ON CONFLICT (kind, subject) DO UPDATE"
		 " SET version = version + 1, revoked_at = ?3",
    /* The set of feed subjects changed: tokens are looked up again. */
    [F_REVOKED] = "INSERT INTO feed_versions (kind, subject, version)"
		  " VALUES ('subjects', '', 1) ON CONFLICT (kind, subject)"
		  " DO UPDATE SET version = version + 1",
    /* Every handler has a row (feed_changes.c), kept by index. */
    [F_HANDLERS] = "SELECT subject FROM feed_versions WHERE kind = 'person'"
		   " ORDER BY 1",
    [F_CHANGED_AT] = "SELECT MAX(at) FROM events WHERE item_id = ?1",
};

static sqlite3_stmt *stmt(struct store *st, enum f q, char **error_r)
{
	return store_stmt_cached(st, &st->feed_stmts[q], sql[q], error_r);
}

int store_feed_version(struct store *st, const char *kind, const char *subject,
		       int64_t *version_r, char **error_r)
{
	sqlite3_stmt *s = stmt(st, F_VERSION, error_r);
	int rc;

	*version_r = 1;
	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, kind);
	store_bind_text(s, 2, subject);
	rc = store_query_id(st, s, "reading a feed's version", version_r,
			    error_r);
	return rc < 0 ? -1 : 0;
}

int store_feed_foreach(struct store *st, store_feed_cb *cb, void *ctx,
		       char **error_r)
{
	sqlite3_stmt *s = stmt(st, F_VERSIONS, error_r);
	int rc;

	if (!s) {
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(s, 0);
		const char *subject = (const char *)sqlite3_column_text(s, 1);

		if (kind && subject &&
		    cb(kind, subject, sqlite3_column_int64(s, 2), ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE
		   ? 0
		   : store_fail(st, "reading feed versions", error_r);
}

int store_feed_revoke(struct store *st, const char *kind, const char *subject,
		      time_t at, int64_t *version_r, char **error_r)
{
	sqlite3_stmt *s = stmt(st, F_REVOKE, error_r);

	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, kind);
	store_bind_text(s, 2, subject);
	sqlite3_bind_int64(s, 3, at);
	if (store_exec_done(st, s, "revoking a feed token", error_r) < 0) {
		return -1;
	}
	s = stmt(st, F_REVOKED, error_r);
	if (!s ||
	    store_exec_done(st, s, "revoking a feed token", error_r) < 0) {
		return -1;
	}
	return store_feed_version(st, kind, subject, version_r, error_r);
}

int store_handler_foreach(struct store *st, store_address_cb *cb, void *ctx,
			  char **error_r)
{
	sqlite3_stmt *s = stmt(st, F_HANDLERS, error_r);
	int rc;

	if (!s) {
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(s, 0);

		if (a && cb(a, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0
				 : store_fail(st, "listing handlers", error_r);
}

int store_item_changed_at(struct store *st, int64_t item_id, time_t *at_r,
			  char **error_r)
{
	sqlite3_stmt *s = stmt(st, F_CHANGED_AT, error_r);
	int64_t at = 0;

	*at_r = 0;
	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	if (store_query_id(st, s, "reading an item's last change", &at,
			   error_r) < 0) {
		return -1;
	}
	*at_r = (time_t)at;
	return 0;
}
