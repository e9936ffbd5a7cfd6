/* The work on an item: its assignment, consultations, extension requests
 * and the scheduler's stages (schema version 3).  What happened is also
 * in the event log; these tables hold the current state the workflow
 * decides on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

#define LIST_COLUMNS                                                           \
	"i.key, i.registered_at, i.status, i.lead, i.due_day, i.sender,"       \
	" i.subject"
#define LIST_FILTERS                                                           \
	"(?1 IS NULL OR i.lead = ?1 COLLATE NOCASE OR EXISTS (SELECT 1"        \
	" FROM parties p WHERE p.item_id = i.id AND p.unit = ?1))"             \
	" AND (?2 IS NULL OR i.status = ?2)"

static const char *const sql[C_COUNT] = {
    [C_CASE_GET] =
	"SELECT id, key, message_id, registered_at, subject, sender, status,"
	" lead, due_day, assigned_at, assigned_by, handler, handler_name,"
	" handler_due_day, closed_at, late_days FROM items WHERE id = ?1",
    /* the index, not a scan in item_id's order: the due are few; in
     * the index's order, so that a batch (LIMIT) reads only itself */
    [C_SWEEP_DUE] = "SELECT item_id FROM sweep_due INDEXED BY sweep_due_day"
		    " WHERE day <= ?1 ORDER BY day, item_id LIMIT ?2",
    [C_SWEEP_SET] = "INSERT OR REPLACE INTO sweep_due (item_id, day)"
		    " VALUES (?1, ?2)",
    [C_SWEEP_DROP] = "DELETE FROM sweep_due WHERE item_id = ?1",
    [C_SWEEP_BASIS_GET] = "SELECT digest, day FROM sweep_basis WHERE id = 1",
    [C_SWEEP_BASIS_SET] = "INSERT OR REPLACE INTO sweep_basis (id, digest,"
			  " day) VALUES (1, ?1, ?2)",
    [C_SWEEP_RESET] = "UPDATE sweep_due SET day = 0 WHERE day > 0",
    /* `list`: ?1 a unit (lead or coordinating), ?2 a status, NULL for
     * any; the overdue ones (?3: today) are found from the open items'
     * index, so that their list costs what the open items are. */
    [C_LIST] = "SELECT " LIST_COLUMNS " FROM items i WHERE " LIST_FILTERS
	       " ORDER BY i.year, i.arrival_no",
    [C_LIST_OVERDUE] = "SELECT " LIST_COLUMNS " FROM items i"
		       " WHERE i.status IN " ITEM_STATUS_OPEN_SQL
		       " AND i.due_day > 0 AND i.due_day < ?3 AND " LIST_FILTERS
		       " ORDER BY i.year, i.arrival_no",
    [C_CASE_ASSIGN] = "UPDATE items SET lead = ?2, due_day = ?3,"
		      " assigned_at = ?4, assigned_by = ?5,"
		      " status = 'assigned', handler = NULL,"
		      " handler_name = NULL, handler_due_day = NULL,"
		      " closed_at = NULL, late_days = NULL WHERE id = ?1",
    [C_CASE_DUE] = "UPDATE items SET due_day = ?2 WHERE id = ?1",
    [C_CASE_HANDLER] = "UPDATE items SET handler = ?2, handler_name = ?3,"
		       " handler_due_day = ?4 WHERE id = ?1",
    [C_CASE_STATUS] = "UPDATE items SET status = ?2, closed_at = ?3,"
		      " late_days = ?4 WHERE id = ?1",
    [C_PARTY_CLEAR] = "DELETE FROM parties WHERE item_id = ?1",
    [C_PARTY_ADD] = "INSERT OR IGNORE INTO parties (item_id, unit, role)"
		    " VALUES (?1, ?2, 'coordinate')",
    [C_PARTY_GET] = "SELECT unit FROM parties WHERE item_id = ?1"
		    " ORDER BY rowid",
    [C_CONSULT_ASK] =
	"INSERT INTO consultations (item_id, unit, asked_at, asked_by,"
	" due_day) VALUES (?1, ?2, ?3, ?4, ?5)"
	" ON CONFLICT (item_id, unit) DO UPDATE SET asked_at = ?3,"
	" asked_by = ?4, due_day = ?5, state = 'pending', deemed = 0,"
	" deemed_at = NULL, late = 0, asked_clear = 0, answered_at = NULL,"
	" answered_by = NULL, answer = NULL",
    [C_CONSULT_ITEM] =
	"SELECT id, item_id, unit, asked_at, asked_by, due_day, state,"
	" deemed, late, asked_clear, answered_by, answer"
	" FROM consultations WHERE item_id = ?1 ORDER BY id",
    [C_CONSULT_WAITING] =
	"SELECT c.id, c.item_id, c.unit, c.asked_at, c.asked_by, c.due_day,"
	" c.state, c.deemed, c.late, c.asked_clear, c.answered_by, c.answer"
	" FROM consultations c JOIN items i ON i.id = c.item_id"
	" WHERE c.item_id = ?1 AND c.state IN ('pending', 'unclear')"
	" AND c.deemed = 0 AND i.status IN " ITEM_STATUS_OPEN_SQL
	" ORDER BY c.id",
    [C_CONSULT_ANSWER] = "UPDATE consultations SET state = ?2,"
			 " answered_at = ?3, answered_by = ?4, answer = ?5,"
			 " late = ?6 WHERE id = ?1",
    [C_CONSULT_MARK] = "UPDATE consultations SET deemed = ?2,"
		       " asked_clear = ?3 WHERE id = ?1",
    [C_CONSULT_DEEM] = "UPDATE consultations SET state = 'deemed',"
		       " deemed = 1, deemed_at = ?2 WHERE id = ?1",
    [C_EXT_ADD] = "INSERT INTO extensions (item_id, asked_at, asked_by,"
		  " from_day, to_day, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [C_EXT_PENDING] = "SELECT id, item_id, asked_by, from_day, to_day,"
		      " reason, state FROM extensions WHERE item_id = ?1"
		      " AND state = 'pending' ORDER BY id DESC LIMIT 1",
    [C_EXT_DECIDE] = "UPDATE extensions SET state = ?2, decided_at = ?3,"
		     " decided_by = ?4 WHERE id = ?1",
    [C_STAGE_MARK] = "INSERT OR IGNORE INTO stages (item_id, stage, at)"
		     " VALUES (?1, ?2, ?3)",
    [C_MSG_REF] = "SELECT sha256, from_addr, message_id FROM messages"
		  " WHERE id = ?1",
    [C_AUDIT] =
	"SELECT " STORE_EVENT_COLUMNS ", i.key FROM events e"
	" LEFT JOIN items i ON i.id = e.item_id"
	" WHERE e.at >= ?1 AND e.at < ?2 AND (?3 IS NULL OR e.item_id IN ("
	"  SELECT id FROM items WHERE lead = ?3 COLLATE NOCASE"
	"  UNION SELECT item_id FROM parties WHERE unit = ?3"
	"  UNION SELECT item_id FROM consultations WHERE unit = ?3"
	"  UNION SELECT item_id FROM events WHERE kind IN ('assigned',"
	"   'transferred', 'returned') AND (json_extract(data, '$." EVENT_F_UNIT
	"') = ?3 COLLATE NOCASE OR json_extract(data, '$." EVENT_F_TO_UNIT
	"') = ?3 COLLATE NOCASE)))"
	" ORDER BY e.id",
};

static sqlite3_stmt *stmt(struct store *st, enum c q, char **error_r)
{
	return store_stmt_cached(st, &st->case_stmts[q], sql[q], error_r);
}

static int32_t column_day(sqlite3_stmt *s, int i)
{
	return (int32_t)sqlite3_column_int64(s, i);
}

/* Runs s to its end; "what" names it in errors. */
static int done(struct store *st, sqlite3_stmt *s, const char *what,
		char **error_r)
{
	return store_exec_done(st, s, what, error_r);
}

/* --- items ---------------------------------------------------------------- */

static void case_from_row(sqlite3_stmt *s, struct store_case *c)
{
	const unsigned char *key = sqlite3_column_text(s, 1);

	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(s, 0);
	snprintf(c->key, sizeof(c->key), "%s", key ? (const char *)key : "");
	c->message_id = sqlite3_column_int64(s, 2);
	c->registered_at = (time_t)sqlite3_column_int64(s, 3);
	c->subject = store_column_dup(s, 4);
	c->sender = store_column_dup(s, 5);
	c->status = store_column_status(s, 6);
	c->lead = store_column_dup(s, 7);
	c->due_day = column_day(s, 8);
	c->assigned_at = (time_t)sqlite3_column_int64(s, 9);
	c->assigned_by = store_column_dup(s, 10);
	c->handler = store_column_dup(s, 11);
	c->handler_name = store_column_dup(s, 12);
	c->handler_due_day = column_day(s, 13);
	c->closed_at = (time_t)sqlite3_column_int64(s, 14);
	c->late_days = sqlite3_column_int(s, 15);
}

static int parties_get(struct store *st, struct store_case *c, char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_PARTY_GET, error_r);
	size_t n = 0;
	int rc;

	c->coordinate = xcalloc(1, sizeof(char *));
	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, c->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		c->coordinate =
		    xrealloc(c->coordinate, (n + 2) * sizeof(char *));
		c->coordinate[n++] = store_column_dup(s, 0);
		c->coordinate[n] = NULL;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0
				 : store_fail(st, "reading parties", error_r);
}

int store_case_get(struct store *st, int64_t item_id, struct store_case *c_r,
		   char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_CASE_GET, error_r);
	int rc;

	memset(c_r, 0, sizeof(*c_r));
	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		case_from_row(s, c_r);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW) {
		return rc == SQLITE_DONE
			   ? 0
			   : store_fail(st, "reading item", error_r);
	}
	if (parties_get(st, c_r, error_r) < 0) {
		store_case_release(c_r);
		return -1;
	}
	return 1;
}

void store_case_of_new_item(const struct store_item *item,
			    struct store_case *c_r)
{
	memset(c_r, 0, sizeof(*c_r));
	c_r->id = item->id;
	snprintf(c_r->key, sizeof(c_r->key), "%s", item->key);
	c_r->message_id = item->message_id;
	c_r->registered_at = item->registered_at;
	c_r->subject = item->subject ? xstrdup(item->subject) : NULL;
	c_r->sender = item->sender ? xstrdup(item->sender) : NULL;
	c_r->status = ITEM_REGISTERED; /* the column's default */
	c_r->coordinate = xcalloc(1, sizeof(char *));
}

int store_case_list(struct store *st, const struct store_list_filter *f,
		    store_list_cb *cb, void *ctx, char **error_r)
{
	sqlite3_stmt *s =
	    stmt(st, f->overdue_before > 0 ? C_LIST_OVERDUE : C_LIST, error_r);
	int rc;

	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, f->unit);
	store_bind_text(s, 2, f->status);
	if (f->overdue_before > 0) {
		sqlite3_bind_int64(s, 3, f->overdue_before);
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_list_row r = {
		    .key = (const char *)sqlite3_column_text(s, 0),
		    .registered_at = (time_t)sqlite3_column_int64(s, 1),
		    .status = store_column_status(s, 2),
		    .lead = (const char *)sqlite3_column_text(s, 3),
		    .due_day = column_day(s, 4),
		    .sender = (const char *)sqlite3_column_text(s, 5),
		    .subject = (const char *)sqlite3_column_text(s, 6),
		};

		if (cb(&r, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "listing items", error_r);
}

void store_case_release(struct store_case *c)
{
	if (!c) {
		return;
	}
	free(c->subject);
	free(c->sender);
	free(c->lead);
	free(c->assigned_by);
	free(c->handler);
	free(c->handler_name);
	for (char **p = c->coordinate; p && *p; p++) {
		free(*p);
	}
	free(c->coordinate);
	memset(c, 0, sizeof(*c));
}

/* --- the sweep: the day each item's next stage is due (schema 14) ---------
 */

int store_sweep_due(struct store *st, int32_t day, size_t limit,
		    int64_t **ids_r, size_t *n_r, char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_SWEEP_DUE, error_r);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc;

	*ids_r = NULL;
	*n_r = 0;
	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, day);
	sqlite3_bind_int64(s, 2,
			   limit > INT64_MAX ? INT64_MAX : (int64_t)limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(ids);
		return store_fail(st, "listing the items due", error_r);
	}
	*ids_r = ids;
	*n_r = n;
	return 0;
}

int store_sweep_set(struct store *st, int64_t item_id, int32_t day,
		    char **error_r)
{
	sqlite3_stmt *s =
	    stmt(st, day < 0 ? C_SWEEP_DROP : C_SWEEP_SET, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	if (day >= 0) {
		sqlite3_bind_int64(s, 2, day);
	}
	return done(st, s, "recording when an item is due", error_r);
}

int store_sweep_basis(struct store *st, const char *digest, int32_t day,
		      char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_SWEEP_BASIS_GET, error_r);
	bool same = false;
	int64_t last = -1;
	int rc;

	if (!s) {
		return -1;
	}
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const unsigned char *d = sqlite3_column_text(s, 0);

		last = sqlite3_column_int64(s, 1);
		same = d && !strcmp((const char *)d, digest) && last <= day;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		return store_fail(st, "reading the sweep's basis", error_r);
	}
	if (same && last == day) {
		return 0; /* nothing to write: a cycle with nothing due reads */
	}
	if (!same) {
		s = stmt(st, C_SWEEP_RESET, error_r);
		if (!s || done(st, s, "making every item due", error_r) < 0) {
			return -1;
		}
	}
	s = stmt(st, C_SWEEP_BASIS_SET, error_r);
	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, digest);
	sqlite3_bind_int64(s, 2, day);
	return done(st, s, "recording the sweep's basis", error_r);
}

int store_case_assign(struct store *st, int64_t item_id, const char *lead,
		      const char *const *coordinate, int32_t due_day, time_t at,
		      const char *by, char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_CASE_ASSIGN, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	store_bind_text(s, 2, lead);
	sqlite3_bind_int64(s, 3, due_day);
	sqlite3_bind_int64(s, 4, at);
	store_bind_text(s, 5, by);
	if (done(st, s, "assigning item", error_r) < 0) {
		return -1;
	}
	s = stmt(st, C_PARTY_CLEAR, error_r);
	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	if (done(st, s, "clearing parties", error_r) < 0) {
		return -1;
	}
	for (; coordinate && *coordinate; coordinate++) {
		s = stmt(st, C_PARTY_ADD, error_r);
		if (!s) {
			return -1;
		}
		sqlite3_bind_int64(s, 1, item_id);
		store_bind_text(s, 2, *coordinate);
		if (done(st, s, "adding party", error_r) < 0) {
			return -1;
		}
	}
	return 0;
}

int store_case_set_due(struct store *st, int64_t item_id, int32_t due_day,
		       char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_CASE_DUE, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	sqlite3_bind_int64(s, 2, due_day);
	return done(st, s, "setting deadline", error_r);
}

int store_case_set_handler(struct store *st, int64_t item_id,
			   const char *address, const char *name,
			   int32_t due_day, char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_CASE_HANDLER, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	store_bind_text(s, 2, address);
	store_bind_text(s, 3, name);
	sqlite3_bind_int64(s, 4, due_day);
	return done(st, s, "setting handler", error_r);
}

int store_case_set_status(struct store *st, int64_t item_id,
			  enum item_status status, time_t closed_at,
			  int late_days, char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_CASE_STATUS, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	store_bind_text(s, 2, event_item_status_name(status));
	store_bind_id(s, 3, closed_at);
	sqlite3_bind_int(s, 4, late_days);
	return done(st, s, "setting status", error_r);
}

/* --- the writes above, applied to a case in memory ----------------------- */

/* *p becomes a copy of v (may be NULL; may be *p itself). */
static void set_text(char **p, const char *v)
{
	char *copy = v ? xstrdup(v) : NULL;

	free(*p);
	*p = copy;
}

/* The parties store_case_assign keeps of coordinate: INSERT OR IGNORE
 * under UNIQUE (item_id, role, unit COLLATE NOCASE) keeps the first of
 * the codes equal but for ASCII case (sqlite3_stricmp is NOCASE), read
 * back in the order inserted (rowid). */
static char **parties_of(const char *const *coordinate)
{
	size_t n = 0, total = 0;
	char **list;

	while (coordinate && coordinate[total]) {
		total++;
	}
	list = xcalloc(total + 1, sizeof(char *));
	for (size_t i = 0; i < total; i++) {
		size_t j = 0;

		while (j < n && sqlite3_stricmp(list[j], coordinate[i]) != 0) {
			j++;
		}
		if (j == n) {
			list[n++] = xstrdup(coordinate[i]);
		}
	}
	return list;
}

void store_case_apply_assign(struct store_case *c, const char *lead,
			     const char *const *coordinate, int32_t due_day,
			     time_t at, const char *by)
{
	char **parties = parties_of(coordinate);

	set_text(&c->lead, lead);
	c->due_day = due_day;
	c->assigned_at = at;
	set_text(&c->assigned_by, by);
	c->status = ITEM_ASSIGNED;
	FREE_AND_NULL(c->handler);
	FREE_AND_NULL(c->handler_name);
	c->handler_due_day = 0; /* NULL columns read as 0 */
	c->closed_at = 0;
	c->late_days = 0;
	for (char **p = c->coordinate; p && *p; p++) {
		free(*p);
	}
	free(c->coordinate);
	c->coordinate = parties;
}

void store_case_apply_due(struct store_case *c, int32_t due_day)
{
	c->due_day = due_day;
}

void store_case_apply_handler(struct store_case *c, const char *address,
			      const char *name, int32_t due_day)
{
	set_text(&c->handler, address);
	set_text(&c->handler_name, name);
	c->handler_due_day = due_day;
}

void store_case_apply_status(struct store_case *c, enum item_status status,
			     time_t closed_at, int late_days)
{
	c->status = status;
	c->closed_at = closed_at; /* 0 is stored as NULL, read as 0 */
	c->late_days = late_days;
}

/* --- consultations ---------------------------------------------------------
 */

static void consult_from_row(sqlite3_stmt *s, struct store_consult *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(s, 0);
	c->item_id = sqlite3_column_int64(s, 1);
	c->unit = store_column_dup(s, 2);
	c->asked_at = (time_t)sqlite3_column_int64(s, 3);
	c->asked_by = store_column_dup(s, 4);
	c->due_day = column_day(s, 5);
	c->state = store_column_dup(s, 6);
	c->deemed = sqlite3_column_int(s, 7) != 0;
	c->late = sqlite3_column_int(s, 8) != 0;
	c->asked_clear = sqlite3_column_int(s, 9) != 0;
	c->answered_by = store_column_dup(s, 10);
	c->answer = store_column_dup(s, 11);
}

void store_consult_release(struct store_consult *c)
{
	if (!c) {
		return;
	}
	free(c->unit);
	free(c->asked_by);
	free(c->state);
	free(c->answered_by);
	free(c->answer);
	memset(c, 0, sizeof(*c));
}

int store_consult_ask(struct store *st, int64_t item_id, const char *unit,
		      time_t at, const char *by, int32_t due_day,
		      char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_CONSULT_ASK, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	store_bind_text(s, 2, unit);
	sqlite3_bind_int64(s, 3, at);
	store_bind_text(s, 4, by);
	sqlite3_bind_int64(s, 5, due_day);
	return done(st, s, "asking for an opinion", error_r);
}

/* Appends the rows of query q for item_id to *rows_r. */
static int consult_rows(struct store *st, enum c q, int64_t item_id,
			struct store_consult **rows_r, size_t *n_r,
			char **error_r)
{
	sqlite3_stmt *s = stmt(st, q, error_r);
	int rc;

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*rows_r = xrealloc(*rows_r, (*n_r + 1) * sizeof(**rows_r));
		consult_from_row(s, &(*rows_r)[(*n_r)++]);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE
		   ? 0
		   : store_fail(st, "reading consultations", error_r);
}

int store_consult_waiting(struct store *st, int64_t item_id,
			  struct store_consult **rows_r, size_t *n_r,
			  char **error_r)
{
	return consult_rows(st, C_CONSULT_WAITING, item_id, rows_r, n_r,
			    error_r);
}

/* Rows first, callbacks after: a callback may write. */
int store_consult_foreach(struct store *st, int64_t item_id,
			  store_consult_cb *cb, void *ctx, char **error_r)
{
	struct store_consult *rows = NULL;
	size_t n = 0;
	int ret = consult_rows(st, C_CONSULT_ITEM, item_id, &rows, &n, error_r);

	for (size_t i = 0; i < n; i++) {
		if (ret == 0 && cb(&rows[i], ctx)) {
			ret = 1;
		}
		store_consult_release(&rows[i]);
	}
	free(rows);
	return ret < 0 ? -1 : 0;
}

int store_consult_answer(struct store *st, int64_t id, const char *state,
			 time_t at, const char *by, const char *answer,
			 bool late, char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_CONSULT_ANSWER, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, state);
	sqlite3_bind_int64(s, 3, at);
	store_bind_text(s, 4, by);
	store_bind_text(s, 5, answer);
	sqlite3_bind_int(s, 6, late);
	return done(st, s, "recording an opinion", error_r);
}

int store_consult_deem(struct store *st, int64_t id, time_t at, char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_CONSULT_DEEM, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, at);
	return done(st, s, "deeming a consultation", error_r);
}

int store_consult_mark(struct store *st, int64_t id, bool deemed,
		       bool asked_clear, char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_CONSULT_MARK, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, deemed);
	sqlite3_bind_int(s, 3, asked_clear);
	return done(st, s, "marking a consultation", error_r);
}

/* --- extensions ------------------------------------------------------------
 */

void store_extension_release(struct store_extension *e)
{
	if (!e) {
		return;
	}
	free(e->asked_by);
	free(e->reason);
	free(e->state);
	memset(e, 0, sizeof(*e));
}

int store_extension_add(struct store *st, int64_t item_id, time_t at,
			const char *by, int32_t from_day, int32_t to_day,
			const char *reason, char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_EXT_ADD, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	sqlite3_bind_int64(s, 2, at);
	store_bind_text(s, 3, by);
	sqlite3_bind_int64(s, 4, from_day);
	sqlite3_bind_int64(s, 5, to_day);
	store_bind_text(s, 6, reason);
	return done(st, s, "recording an extension request", error_r);
}

int store_extension_pending(struct store *st, int64_t item_id,
			    struct store_extension *e_r, char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_EXT_PENDING, error_r);
	int rc;

	memset(e_r, 0, sizeof(*e_r));
	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		e_r->id = sqlite3_column_int64(s, 0);
		e_r->item_id = sqlite3_column_int64(s, 1);
		e_r->asked_by = store_column_dup(s, 2);
		e_r->from_day = column_day(s, 3);
		e_r->to_day = column_day(s, 4);
		e_r->reason = store_column_dup(s, 5);
		e_r->state = store_column_dup(s, 6);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		return store_fail(st, "reading extension requests", error_r);
	}
	return rc == SQLITE_ROW ? 1 : 0;
}

int store_extension_decide(struct store *st, int64_t id, const char *state,
			   time_t at, const char *by, char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_EXT_DECIDE, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, state);
	sqlite3_bind_int64(s, 3, at);
	store_bind_text(s, 4, by);
	return done(st, s, "deciding an extension", error_r);
}

/* --- stages and sent mail ----------------------------------------------------
 */

int store_stage_mark(struct store *st, int64_t item_id, const char *stage,
		     time_t at, char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_STAGE_MARK, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	store_bind_text(s, 2, stage);
	sqlite3_bind_int64(s, 3, at);
	if (done(st, s, "marking a stage", error_r) < 0) {
		return -1;
	}
	return sqlite3_changes(st->db) > 0 ? 1 : 0;
}

int store_message_ref(struct store *st, int64_t id, char sha_r[STORE_SHA_HEX],
		      char **from_r, char **message_id_r, char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_MSG_REF, error_r);
	int rc;

	*from_r = *message_id_r = NULL;
	sha_r[0] = '\0';
	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const unsigned char *sha = sqlite3_column_text(s, 0);

		snprintf(sha_r, STORE_SHA_HEX, "%s",
			 sha ? (const char *)sha : "");
		*from_r = store_column_dup(s, 1);
		*message_id_r = store_column_dup(s, 2);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		return store_fail(st, "reading a message", error_r);
	}
	return rc == SQLITE_ROW ? 1 : 0;
}

int store_audit_foreach(struct store *st, time_t from, time_t to,
			const char *unit, store_audit_cb *cb, void *ctx,
			char **error_r)
{
	sqlite3_stmt *s = stmt(st, C_AUDIT, error_r);
	int rc;

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, to);
	store_bind_text(s, 3, unit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *key =
		    sqlite3_column_text(s, STORE_EVENT_NCOLUMNS);
		struct store_event ev;

		store_event_from_row(s, 0, &ev);
		if (cb(&ev, key ? (const char *)key : NULL, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE
		   ? 0
		   : store_fail(st, "reading the event log", error_r);
}
