/* What the periodic report reads: the items that may have been worked on
 * in a period, the consultations answered, the extension requests and
 * the reminders queued in it, and which reports were mailed (schema 5).
 * The report module (src/report) turns these rows into figures. */
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

/* The items of a period [?1, ?2) (store_report_histories), as items i: those
 * registered before its end, assigned, and open or closed since it began.
 * The list of ids, from the indexes items_status and items_closed, spares
 * reading every item of a register for the few quarters' worth a report
 * needs; the rows are then read in the order of their ids. */
#define REPORT_ITEM_COLUMNS                                                    \
	"i.id, i.key, i.status, i.lead, i.due_day, i.assigned_at, i.handler,"  \
	" i.handler_name, i.closed_at, i.late_days"
#define REPORT_ITEMS_WHERE                                                     \
	"i.id IN (SELECT id FROM items WHERE status IN " ITEM_STATUS_OPEN_SQL  \
	" UNION ALL SELECT id FROM items WHERE closed_at >= ?1"                \
	" AND registered_at < ?2 UNION ALL SELECT id FROM items"               \
	" WHERE closed_at IS NULL AND registered_at < ?2)"                     \
	" AND i.lead IS NOT NULL AND i.registered_at < ?2 AND (i.status"       \
	" IN " ITEM_STATUS_OPEN_SQL " OR i.closed_at IS NULL"                  \
	" OR i.closed_at >= ?1)"

static const char *const sql[R_COUNT] = {
    /* The same items, each followed by the events of its history, in
     * the log's order: one walk instead of a query per item.  The kinds
     * as written in events_history's definition, for the index to be
     * used. */
    [R_HISTORIES] =
	"SELECT " REPORT_ITEM_COLUMNS
	", e.id, e.at, e.kind, json_extract(e.data, '$." EVENT_F_UNIT "'),"
	" json_extract(e.data, '$." EVENT_F_ADDRESS "'),"
	" json_extract(e.data, '$." EVENT_F_DUE "') FROM items i"
	" LEFT JOIN events e ON e.item_id = i.id"
	" AND " EVENT_KIND_HISTORY_SQL " WHERE " REPORT_ITEMS_WHERE
	" ORDER BY i.id, e.id",
    [R_CONSULTS] = "SELECT item_id, unit, state, deemed, late, asked_clear,"
		   " answered_by, asked_at, answered_at, deemed_at"
		   " FROM consultations WHERE ((answered_at >= ?1 AND"
		   " answered_at < ?2) OR (deemed_at >= ?1 AND deemed_at < ?2))"
		   " AND state <> 'pending' ORDER BY id",
    [R_EXTENSIONS] = "SELECT item_id, asked_at, asked_by, state, decided_at"
		     " FROM extensions WHERE (asked_at >= ?1 AND asked_at < ?2)"
		     " OR (decided_at >= ?1 AND decided_at < ?2) ORDER BY id",
    [R_MAILS] = "SELECT item_id, created_at, kind, rcpt FROM outbox"
		" WHERE item_id IS NOT NULL AND created_at >= ?1"
		" AND created_at < ?2 AND instr(?3, ',' || kind || ',') > 0"
		" ORDER BY id",
    [R_REGISTERED_BEFORE] = "SELECT COUNT(*) FROM items"
			    " WHERE registered_at < ?1",
    [R_SENT_GET] = "SELECT 1 FROM reports_sent WHERE period = ?1",
    [R_SENT_MARK] = "INSERT OR IGNORE INTO reports_sent (period, at,"
		    " message_id) VALUES (?1, ?2, ?3)",
};

static sqlite3_stmt *stmt(struct store *st, enum r q, char **error_r)
{
	return store_stmt_cached(st, &st->report_stmts[q], sql[q], error_r);
}

static const char *text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* Binds the period and, when s was prepared, returns it ready to step. */
static sqlite3_stmt *period_stmt(struct store *st, enum r q, time_t from,
				 time_t to, char **error_r)
{
	sqlite3_stmt *s = stmt(st, q, error_r);

	if (s) {
		sqlite3_bind_int64(s, 1, from);
		sqlite3_bind_int64(s, 2, to);
	}
	return s;
}

/* Steps s to its end (or until the callback stops it); rc is the last
 * step's result.  what names the query in errors. */
static int finish(struct store *st, sqlite3_stmt *s, int rc, const char *what,
		  char **error_r)
{
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		return store_fail(st, what, error_r);
	}
	return 0;
}

/* The item of R_HISTORIES, from the row's first columns. */
static void item_from_row(sqlite3_stmt *s, struct store_report_item *it)
{
	*it = (struct store_report_item){
	    .id = sqlite3_column_int64(s, 0),
	    .key = text(s, 1),
	    .status = store_column_status(s, 2),
	    .lead = text(s, 3),
	    .due_day = (int32_t)sqlite3_column_int64(s, 4),
	    .assigned_at = (time_t)sqlite3_column_int64(s, 5),
	    .handler = text(s, 6),
	    .handler_name = text(s, 7),
	    .closed_at = (time_t)sqlite3_column_int64(s, 8),
	    .late_days = sqlite3_column_int(s, 9),
	};
}

int store_report_histories(struct store *st, time_t from, time_t to,
			   store_report_item_cb *item_cb,
			   store_event_cb *event_cb, void *ctx, char **error_r)
{
	sqlite3_stmt *s = period_stmt(st, R_HISTORIES, from, to, error_r);
	int64_t last = 0;
	int rc;

	if (!s) {
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_report_item it;
		struct store_event ev;

		it.id = sqlite3_column_int64(s, 0);
		if (it.id != last) {
			/* an item's columns once, not on each of its events */
			item_from_row(s, &it);
			if (item_cb(&it, ctx)) {
				break;
			}
			last = it.id;
		}
		if (sqlite3_column_type(s, 10) == SQLITE_NULL) {
			continue; /* an item without such events */
		}
		memset(&ev, 0, sizeof(ev));
		ev.id = sqlite3_column_int64(s, 10);
		ev.at = (time_t)sqlite3_column_int64(s, 11);
		ev.item_id = it.id;
		ev.kind_name = text(s, 12);
		if (event_kind_parse(ev.kind_name, &ev.kind) < 0) {
			ev.kind = EV_KIND_COUNT;
		}
		ev.fields.unit = text(s, 13);
		ev.fields.address = text(s, 14);
		ev.fields.due = (int32_t)sqlite3_column_int64(s, 15);
		if (event_cb(&ev, ctx)) {
			break;
		}
	}
	return finish(st, s, rc, "reading items for a report", error_r);
}

int store_report_consults(struct store *st, time_t from, time_t to,
			  store_report_consult_cb *cb, void *ctx,
			  char **error_r)
{
	sqlite3_stmt *s = period_stmt(st, R_CONSULTS, from, to, error_r);
	int rc;

	if (!s) {
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_report_consult c = {
		    .item_id = sqlite3_column_int64(s, 0),
		    .unit = text(s, 1),
		    .state = text(s, 2),
		    .deemed = sqlite3_column_int(s, 3) != 0,
		    .late = sqlite3_column_int(s, 4) != 0,
		    .asked_clear = sqlite3_column_int(s, 5) != 0,
		    .answered_by = text(s, 6),
		    .asked_at = (time_t)sqlite3_column_int64(s, 7),
		    .answered_at = (time_t)sqlite3_column_int64(s, 8),
		    .deemed_at = (time_t)sqlite3_column_int64(s, 9),
		};

		if (cb(&c, ctx)) {
			break;
		}
	}
	return finish(st, s, rc, "reading consultations for a report", error_r);
}

int store_report_extensions(struct store *st, time_t from, time_t to,
			    store_report_extension_cb *cb, void *ctx,
			    char **error_r)
{
	sqlite3_stmt *s = period_stmt(st, R_EXTENSIONS, from, to, error_r);
	int rc;

	if (!s) {
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_report_extension e = {
		    .item_id = sqlite3_column_int64(s, 0),
		    .asked_at = (time_t)sqlite3_column_int64(s, 1),
		    .asked_by = text(s, 2),
		    .state = text(s, 3),
		    .decided_at = (time_t)sqlite3_column_int64(s, 4),
		};

		if (cb(&e, ctx)) {
			break;
		}
	}
	return finish(st, s, rc, "reading extensions for a report", error_r);
}

int store_report_mails(struct store *st, time_t from, time_t to,
		       const char *kinds, store_report_mail_cb *cb, void *ctx,
		       char **error_r)
{
	sqlite3_stmt *s = period_stmt(st, R_MAILS, from, to, error_r);
	int rc;

	if (!s) {
		return -1;
	}
	store_bind_text(s, 3, kinds ? kinds : "");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_report_mail m = {
		    .item_id = sqlite3_column_int64(s, 0),
		    .created_at = (time_t)sqlite3_column_int64(s, 1),
		    .kind = text(s, 2),
		    .rcpt = text(s, 3),
		};

		if (cb(&m, ctx)) {
			break;
		}
	}
	return finish(st, s, rc, "reading the outbox for a report", error_r);
}

int store_report_registered_before(struct store *st, time_t t, int64_t *n_r,
				   char **error_r)
{
	sqlite3_stmt *s = stmt(st, R_REGISTERED_BEFORE, error_r);

	*n_r = 0;
	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, t);
	return store_query_id(st, s, "counting items", n_r, error_r) < 0 ? -1
									 : 0;
}

int store_report_sent(struct store *st, const char *period, char **error_r)
{
	sqlite3_stmt *s = stmt(st, R_SENT_GET, error_r);
	int64_t one = 0;

	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, period);
	return store_query_id(st, s, "reading the reports sent", &one, error_r);
}

int store_report_mark_sent(struct store *st, const char *period, time_t at,
			   const char *message_id, char **error_r)
{
	sqlite3_stmt *s = stmt(st, R_SENT_MARK, error_r);

	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, period);
	sqlite3_bind_int64(s, 2, at);
	store_bind_text(s, 3, message_id);
	if (store_exec_done(st, s, "recording a report sent", error_r) < 0) {
		return -1;
	}
	return sqlite3_changes(st->db) > 0 ? 1 : 0;
}
