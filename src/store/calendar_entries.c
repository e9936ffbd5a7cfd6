/* The iCalendar events sent for deadlines (schema version 5): what was
 * sent under each UID, to whom, with which SEQUENCE, whether it still
 * stands, and the attendees' answer. */
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

#define COLUMNS                                                                \
	"uid, item_id, recipient, role, party, sequence, due_day, state,"      \
	" response, responded_at"

static const char *const sql[CAL_COUNT] = {
    [CAL_UPSERT] =
	"INSERT INTO calendar_entries (uid, item_id, recipient, role, party,"
	" due_day) VALUES (?1, ?2, ?3, ?4, ?6, ?5)"
	" ON CONFLICT (uid) DO UPDATE SET sequence = sequence + 1,"
	" recipient = ?3, due_day = ?5, state = 'open', response = NULL,"
	" responded_at = NULL RETURNING sequence",
    [CAL_GET] = "SELECT " COLUMNS " FROM calendar_entries WHERE uid = ?1",
    [CAL_PART] = "SELECT " COLUMNS " FROM calendar_entries WHERE item_id = ?1"
		 " AND role = ?2 AND party = ?3 COLLATE NOCASE"
		 " ORDER BY rowid DESC LIMIT 1",
    [CAL_OPEN] = "SELECT " COLUMNS " FROM calendar_entries"
		 " WHERE item_id = ?1 AND state = 'open' ORDER BY rowid",
    [CAL_CANCEL] = "UPDATE calendar_entries SET state = 'cancelled',"
		   " sequence = sequence + 1 WHERE uid = ?1"
		   " AND state = 'open' RETURNING sequence",
    [CAL_RESPOND] = "UPDATE calendar_entries SET response = ?2,"
		    " responded_at = ?3 WHERE uid = ?1",
};

static sqlite3_stmt *stmt(struct store *st, enum cal q, char **error_r)
{
	return store_stmt_cached(st, &st->cal_stmts[q], sql[q], error_r);
}

void store_calendar_entry_release(struct store_calendar_entry *e)
{
	if (!e) {
		return;
	}
	free(e->uid);
	free(e->recipient);
	free(e->role);
	free(e->party);
	free(e->state);
	free(e->response);
	memset(e, 0, sizeof(*e));
}

static void entry_from_row(sqlite3_stmt *s, struct store_calendar_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->uid = store_column_dup(s, 0);
	e->item_id = sqlite3_column_int64(s, 1);
	e->recipient = store_column_dup(s, 2);
	e->role = store_column_dup(s, 3);
	e->party = store_column_dup(s, 4);
	e->sequence = sqlite3_column_int(s, 5);
	e->due_day = (int32_t)sqlite3_column_int64(s, 6);
	e->state = store_column_dup(s, 7);
	e->response = store_column_dup(s, 8);
	e->responded_at = (time_t)sqlite3_column_int64(s, 9);
}

/* Steps s for the one integer it returns: 1 with *v_r, 0 when no row. */
static int one_int(struct store *st, sqlite3_stmt *s, const char *what,
		   int *v_r, char **error_r)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW) {
		*v_r = sqlite3_column_int(s, 0);
		rc = sqlite3_step(s); /* finishes the UPDATE ... RETURNING */
	} else if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		return store_fail(st, what, error_r);
	}
	return 1;
}

int store_calendar_upsert(struct store *st,
			  const struct store_calendar_entry *e, int *sequence_r,
			  char **error_r)
{
	sqlite3_stmt *s = stmt(st, CAL_UPSERT, error_r);
	int rc;

	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, e->uid);
	sqlite3_bind_int64(s, 2, e->item_id);
	store_bind_text(s, 3, e->recipient);
	store_bind_text(s, 4, e->role);
	sqlite3_bind_int64(s, 5, e->due_day);
	store_bind_text(s, 6, e->party);
	rc = one_int(st, s, "recording a calendar event", sequence_r, error_r);
	if (rc == 0) {
		*error_r = xasprintf("database '%s': recording a calendar"
				     " event: no row",
				     st->path);
	}
	return rc == 1 ? 0 : -1;
}

/* Steps s, bound, for at most one entry: 1 with *e_r, 0 when none. */
static int one_entry(struct store *st, sqlite3_stmt *s,
		     struct store_calendar_entry *e_r, char **error_r)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW) {
		entry_from_row(s, e_r);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		return store_fail(st, "reading a calendar event", error_r);
	}
	return rc == SQLITE_ROW ? 1 : 0;
}

int store_calendar_get(struct store *st, const char *uid,
		       struct store_calendar_entry *e_r, char **error_r)
{
	sqlite3_stmt *s = stmt(st, CAL_GET, error_r);

	memset(e_r, 0, sizeof(*e_r));
	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, uid);
	return one_entry(st, s, e_r, error_r);
}

int store_calendar_get_part(struct store *st, int64_t item_id, const char *role,
			    const char *party, struct store_calendar_entry *e_r,
			    char **error_r)
{
	sqlite3_stmt *s = stmt(st, CAL_PART, error_r);

	memset(e_r, 0, sizeof(*e_r));
	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	store_bind_text(s, 2, role);
	store_bind_text(s, 3, party);
	return one_entry(st, s, e_r, error_r);
}

/* Rows first, callbacks after: a callback may write. */
int store_calendar_foreach_open(struct store *st, int64_t item_id,
				store_calendar_cb *cb, void *ctx,
				char **error_r)
{
	sqlite3_stmt *s = stmt(st, CAL_OPEN, error_r);
	struct store_calendar_entry *rows = NULL;
	size_t n = 0;
	int rc, ret = 0;

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		rows = xrealloc(rows, (n + 1) * sizeof(*rows));
		entry_from_row(s, &rows[n++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		ret = store_fail(st, "reading calendar events", error_r);
	}
	for (size_t i = 0; i < n; i++) {
		if (ret == 0 && cb(&rows[i], ctx)) {
			ret = 1;
		}
		store_calendar_entry_release(&rows[i]);
	}
	free(rows);
	return ret < 0 ? -1 : 0;
}

int store_calendar_cancel(struct store *st, const char *uid, int *sequence_r,
			  char **error_r)
{
	sqlite3_stmt *s = stmt(st, CAL_CANCEL, error_r);

	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, uid);
	return one_int(st, s, "cancelling a calendar event", sequence_r,
		       error_r);
}

int store_calendar_respond(struct store *st, const char *uid,
			   const char *response, time_t at, char **error_r)
{
	sqlite3_stmt *s = stmt(st, CAL_RESPOND, error_r);

	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, uid);
	store_bind_text(s, 2, response);
	sqlite3_bind_int64(s, 3, at);
	return store_exec_done(st, s, "recording a calendar answer", error_r);
}
