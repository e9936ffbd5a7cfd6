/* Mail that could not be delivered, as the Office is told of it
 * (workflow/undelivered.c): the mail-failed events after a watermark,
 * the last event looked at (table undelivered_told).  The events are
 * read by id range, so a cycle reads the events since the last one,
 * whatever the size of the audit trail. */
#include "congvan/util.h"
#include "private.h"

static const char *const sql[U_COUNT] = {
    /* no watermark (never so after the migration): nothing before now */
    [U_RANGE] = "SELECT COALESCE((SELECT event_id FROM undelivered_told"
		" WHERE id = 1), last), last FROM (SELECT COALESCE(MAX(id), 0)"
		" AS last FROM events)",
    [U_FAILED] = "SELECT " STORE_EVENT_COLUMNS " FROM events e"
		 " WHERE e.id > ?1 AND e.id <= ?2 AND e.kind = 'mail-failed'"
		 " ORDER BY e.id LIMIT ?3",
    [U_TOLD] = "INSERT INTO undelivered_told (id, event_id) VALUES (1, ?1)"
	       " ON CONFLICT (id) DO UPDATE SET event_id = ?1",
};

static sqlite3_stmt *stmt(struct store *st, enum u q, char **error_r)
{
	return store_stmt_cached(st, &st->undelivered_stmts[q], sql[q],
				 error_r);
}

int store_undelivered_range(struct store *st, int64_t *told_r, int64_t *last_r,
			    char **error_r)
{
	sqlite3_stmt *s = stmt(st, U_RANGE, error_r);
	int rc;

	if (!s) {
		return -1;
	}
	rc = sqlite3_step(s);
	*told_r = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	*last_r = rc == SQLITE_ROW ? sqlite3_column_int64(s, 1) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW) {
		return store_fail(st, "reading the undelivered mail told",
				  error_r);
	}
	return 0;
}

int store_undelivered_foreach(struct store *st, int64_t after, int64_t upto,
			      int limit, store_event_cb *cb, void *ctx,
			      char **error_r)
{
	sqlite3_stmt *s = stmt(st, U_FAILED, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, after);
	sqlite3_bind_int64(s, 2, upto);
	sqlite3_bind_int(s, 3, limit);
	return store_events_each(st, s, cb, ctx, "reading the mail that failed",
				 error_r);
}

int store_undelivered_told(struct store *st, int64_t event_id, char **error_r)
{
	sqlite3_stmt *s = stmt(st, U_TOLD, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, event_id);
	return store_exec_done(st, s, "recording the undelivered mail told",
			       error_r);
}
