/* What the calendar feeds need to be served from a cache: a version per
 * feed subject that changes whenever anything its feed shows may have
 * changed, and each feed's entries in one query.
 *
 * The writer's connection has TEMP triggers (feed_triggers) that note
 * every item an event, an update, a party or a consultation touches, and
 * the lead unit and handler an item leaves; at commit (store_feed_mark)
 * the versions of every subject of those items, before and after, are
 * raised in the same transaction.  So a reader's snapshot never shows a
 * change under an old version.  Readers (the feed server) need no
 * triggers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

/* Run once on the writer's connection (store_open). */
static const char feed_triggers[] =
    "CREATE TEMP TABLE IF NOT EXISTS feed_touched ("
    "  item_id INTEGER PRIMARY KEY);"
    "CREATE TEMP TABLE IF NOT EXISTS feed_left ("
    "  kind TEXT NOT NULL, subject TEXT NOT NULL,"
    "  PRIMARY KEY (kind, subject)) WITHOUT ROWID;"
    "CREATE TEMP TRIGGER IF NOT EXISTS feed_event AFTER INSERT ON main.events"
    "  WHEN NEW.item_id IS NOT NULL BEGIN"
    "  INSERT OR IGNORE INTO feed_touched VALUES (NEW.item_id); END;"
    "CREATE TEMP TRIGGER IF NOT EXISTS feed_item_new AFTER INSERT"
    "  ON main.items BEGIN"
    "  INSERT OR IGNORE INTO feed_touched VALUES (NEW.id); END;"
    "CREATE TEMP TRIGGER IF NOT EXISTS feed_item AFTER UPDATE ON main.items"
    "  BEGIN"
    "  INSERT OR IGNORE INTO feed_touched VALUES (NEW.id);"
    "  INSERT OR IGNORE INTO feed_left SELECT 'unit', lower(OLD.lead)"
    "    WHERE OLD.lead IS NOT NULL;"
    "  INSERT OR IGNORE INTO feed_left SELECT 'person', lower(OLD.handler)"
    "    WHERE OLD.handler IS NOT NULL; END;"
    "CREATE TEMP TRIGGER IF NOT EXISTS feed_party_new AFTER INSERT"
    "  ON main.parties BEGIN"
    "  INSERT OR IGNORE INTO feed_touched VALUES (NEW.item_id); END;"
    "CREATE TEMP TRIGGER IF NOT EXISTS feed_party_gone AFTER DELETE"
    "  ON main.parties BEGIN"
    "  INSERT OR IGNORE INTO feed_touched VALUES (OLD.item_id); END;"
    "CREATE TEMP TRIGGER IF NOT EXISTS feed_consult_new AFTER INSERT"
    "  ON main.consultations BEGIN"
    "  INSERT OR IGNORE INTO feed_touched VALUES (NEW.item_id); END;"
    "CREATE TEMP TRIGGER IF NOT EXISTS feed_consult AFTER UPDATE"
    "  ON main.consultations BEGIN"
    "  INSERT OR IGNORE INTO feed_touched VALUES (NEW.item_id); END;";

#define TOUCHED "(SELECT item_id FROM feed_touched)"

/* The statements of this file. */
static const char *const sql[FC_COUNT] = {
    /* Handlers not seen before: a feed a token may now name. */
    [FC_NEW_PEOPLE] =
	"INSERT OR IGNORE INTO feed_versions (kind, subject,"
	" version) SELECT DISTINCT 'person', lower(handler), 0"
	" FROM items WHERE id IN " TOUCHED " AND handler IS NOT NULL",
    [FC_RAISE] = "INSERT INTO feed_versions (kind, subject, version)"
		 " SELECT kind, subject, 1 FROM ("
		 " SELECT 'office' AS kind, 'office' AS subject"
		 "  WHERE EXISTS (SELECT 1 FROM feed_touched)"
		 " UNION SELECT 'unit', lower(lead) FROM items"
		 "  WHERE id IN " TOUCHED " AND lead IS NOT NULL"
		 " UNION SELECT 'person', lower(handler) FROM items"
		 "  WHERE id IN " TOUCHED " AND handler IS NOT NULL"
		 " UNION SELECT 'unit', lower(unit) FROM consultations"
		 "  WHERE item_id IN " TOUCHED
		 " UNION SELECT kind, subject FROM feed_left"
		 " UNION SELECT 'subjects', '' WHERE ?1) WHERE 1"
		 " ON CONFLICT (kind, subject) DO UPDATE"
		 " SET version = version + 1",
    [FC_CLEAR_TOUCHED] = "DELETE FROM feed_touched",
    [FC_CLEAR_LEFT] = "DELETE FROM feed_left",
    [FC_CHANGES] = "SELECT version FROM feed_versions WHERE kind = ?1"
		   " AND subject = ?2",
    /* A subject's open deadlines: items it leads (every open item for
     * the Office), items it handles, consultations waiting for its unit;
     * by day, item, role. */
    [FC_ENTRIES] =
	"SELECT f.role, f.day, i.id, f.unit, i.key, i.subject, i.sender,"
	" i.status,"
	" i.lead, i.due_day, i.handler, i.handler_name, i.handler_due_day,"
	" i.assigned_at, i.registered_at,"
	" (SELECT group_concat(unit, ',') FROM (SELECT unit FROM parties p"
	"   WHERE p.item_id = i.id ORDER BY p.rowid)),"
	" (SELECT MAX(at) FROM events e WHERE e.item_id = i.id),"
	/* the UID and SEQUENCE of the invitation of the same part (the
	 * item, the role and whose), NULL and -1 when none was sent */
	" ce.uid, COALESCE(ce.sequence, -1)"
	" FROM ("
	" SELECT 0 AS role, due_day AS day, id AS item_id, NULL AS unit"
	"  FROM items WHERE status IN " ITEM_STATUS_OPEN_SQL " AND due_day > 0"
	"  AND (?1 OR (?2 IS NOT NULL AND lead = ?2 COLLATE NOCASE))"
	" UNION ALL SELECT 1, CASE WHEN handler_due_day > 0"
	"  THEN handler_due_day ELSE due_day END, id, NULL FROM items"
	"  WHERE ?3 IS NOT NULL AND handler = ?3 COLLATE NOCASE"
	"  AND status IN " ITEM_STATUS_OPEN_SQL
	"  AND (handler_due_day > 0 OR due_day > 0)"
	" UNION ALL SELECT 2, c.due_day, c.item_id, c.unit FROM consultations c"
	"  JOIN items o ON o.id = c.item_id"
	"  WHERE ?4 IS NOT NULL AND c.unit = ?4"
	"  AND c.state IN ('pending', 'unclear') AND c.deemed = 0"
	"  AND o.status IN " ITEM_STATUS_OPEN_SQL " AND c.due_day > 0"
	" ) f JOIN items i ON i.id = f.item_id"
	" LEFT JOIN calendar_entries ce ON ce.rowid = (SELECT rowid"
	"  FROM calendar_entries c2 WHERE c2.item_id = i.id"
	"  AND c2.role = CASE f.role WHEN 0 THEN 'lead' WHEN 1 THEN 'handler'"
	"  ELSE 'consult' END AND c2.party = CASE f.role WHEN 0 THEN i.lead"
	"  WHEN 1 THEN i.handler ELSE f.unit END COLLATE NOCASE"
	"  ORDER BY rowid DESC LIMIT 1)"
	" ORDER BY f.day, i.id, f.role, f.unit",
};

static sqlite3_stmt *stmt(struct store *st, enum fc q, char **error_r)
{
	return store_stmt_cached(st, &st->feedc_stmts[q], sql[q], error_r);
}

int store_feed_track(struct store *st, char **error_r)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, feed_triggers, NULL, NULL, &msg) !=
	    SQLITE_OK) {
		*error_r = xasprintf("database '%s': %s", st->path,
				     msg ? msg : "error");
		sqlite3_free(msg);
		return -1;
	}
	st->feed_tracking = true;
	return 0;
}

int store_feed_mark(struct store *st, char **error_r)
{
	sqlite3_stmt *s;
	bool new_people;

	if (!st->feed_tracking) {
		return 0;
	}
	s = stmt(st, FC_NEW_PEOPLE, error_r);
	if (!s || store_exec_done(st, s, "noting feed subjects", error_r) < 0) {
		return -1;
	}
	new_people = sqlite3_changes(st->db) > 0;
	s = stmt(st, FC_RAISE, error_r);
	if (!s) {
		return -1;
	}
	sqlite3_bind_int(s, 1, new_people);
	if (store_exec_done(st, s, "raising feed versions", error_r) < 0) {
		return -1;
	}
	s = stmt(st, FC_CLEAR_TOUCHED, error_r);
	if (!s || store_exec_done(st, s, "noting feed changes", error_r) < 0) {
		return -1;
	}
	s = stmt(st, FC_CLEAR_LEFT, error_r);
	return s ? store_exec_done(st, s, "noting feed changes", error_r) : -1;
}

int store_feed_changes(struct store *st, const char *kind, const char *subject,
		       int64_t *version_r, char **error_r)
{
	sqlite3_stmt *s = stmt(st, FC_CHANGES, error_r);
	int rc;

	*version_r = 0;
	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, kind);
	store_bind_text(s, 2, subject);
	rc = store_query_id(st, s, "reading a feed's changes", version_r,
			    error_r);
	return rc < 0 ? -1 : 0;
}

/* "A,B" into a NULL-terminated list (never NULL); caller frees each. */
static char **split_units(const char *s)
{
	size_t n = 1, k = 0;
	char **list;

	for (const char *p = s; p && *p; p++) {
		n += *p == ',';
	}
	list = xcalloc(n + 1, sizeof(*list));
	while (s && *s) {
		size_t len = strcspn(s, ",");

		list[k++] = xstrndup(s, len);
		s += len + (s[len] == ',');
	}
	return list;
}

static void entry_from_row(sqlite3_stmt *s, struct store_feed_entry *e)
{
	struct store_case *c = &e->c;
	const unsigned char *key = sqlite3_column_text(s, 4);

	memset(e, 0, sizeof(*e));
	e->role = (enum store_feed_role)sqlite3_column_int(s, 0);
	e->day = (int32_t)sqlite3_column_int64(s, 1);
	e->unit = store_column_dup(s, 3);
	c->id = sqlite3_column_int64(s, 2);
	snprintf(c->key, sizeof(c->key), "%s", key ? (const char *)key : "");
	c->subject = store_column_dup(s, 5);
	c->sender = store_column_dup(s, 6);
	c->status = store_column_status(s, 7);
	c->lead = store_column_dup(s, 8);
	c->due_day = (int32_t)sqlite3_column_int64(s, 9);
	c->handler = store_column_dup(s, 10);
	c->handler_name = store_column_dup(s, 11);
	c->handler_due_day = (int32_t)sqlite3_column_int64(s, 12);
	c->assigned_at = (time_t)sqlite3_column_int64(s, 13);
	c->registered_at = (time_t)sqlite3_column_int64(s, 14);
	c->coordinate = split_units((const char *)sqlite3_column_text(s, 15));
	e->changed = (time_t)sqlite3_column_int64(s, 16);
	e->uid = store_column_dup(s, 17);
	e->sequence = sqlite3_column_int(s, 18);
}

static void entry_release(struct store_feed_entry *e)
{
	free(e->unit);
	free(e->uid);
	store_case_release(&e->c);
}

int store_feed_entries(struct store *st, const struct store_feed_query *q,
		       store_feed_entry_cb *cb, void *ctx, char **error_r)
{
	sqlite3_stmt *s = stmt(st, FC_ENTRIES, error_r);
	int rc;

	if (!s) {
		return -1;
	}
	sqlite3_bind_int(s, 1, q->every_item);
	store_bind_text(s, 2, q->lead);
	store_bind_text(s, 3, q->handler);
	store_bind_text(s, 4, q->consulted);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_feed_entry e;
		int stop;

		entry_from_row(s, &e);
		stop = cb(&e, ctx);
		entry_release(&e);
		if (stop) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE
		   ? 0
		   : store_fail(st, "reading a feed's entries", error_r);
}
