/* The store against a real SQLite database in a temporary folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "congvan/store.h"
#include "congvan/util.h"
#include "../../src/store/private.h"

struct fixture {
	char dir[64];
	char *path;
	struct store *st;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *err = NULL;

	snprintf(f->dir, sizeof(f->dir), "/tmp/congvan-store-XXXXXX");
	if (!mkdtemp(f->dir)) {
		return -1;
	}
	f->path = xasprintf("%s/t.db", f->dir);
	f->st = store_open(f->path, &err);
	if (!f->st) {
		fprintf(stderr, "%s\n", err);
		free(err);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	store_close(&f->st);
	store_close(&f->st); /* NULL-safe */
	if (system(cmd) != 0) {
		fprintf(stderr, "cleanup failed\n");
	}
	free(cmd);
	free(f->path);
	free(f);
	return 0;
}

static int64_t add_message(struct store *st, uint32_t uid, const char *msgid)
{
	struct store_message m = {.received_at = 100,
				  .mailbox = "INBOX",
				  .uidvalidity = 7,
				  .uid = uid,
				  .sha256 = "00",
				  .size = 1,
				  .message_id = msgid,
				  .kind = "letter"};
	int64_t id = 0;
	char *err = NULL;

	assert_int_equal(store_message_insert(st, &m, &id, &err), 0);
	return id;
}

static void test_schema(void **state)
{
	struct fixture *f = *state;
	char *err = NULL;
	struct store *again;

	/* Reopening applies no migration twice. */
	store_close(&f->st);
	again = store_open(f->path, &err);
	assert_non_null(again);
	f->st = again;
	assert_true(store_schema_version() >= 1);
}

static int sql(const char *path, const char *text)
{
	char *cmd = xasprintf("sqlite3 '%s' \"%s\" 2>/dev/null", path, text);
	int rc = system(cmd);

	free(cmd);
	return rc;
}

/* Takes a database back from schema 19 to 18: the messages of queued mail
 * in outbox_data (those in the packs stand in as "packed": only the layout
 * is undone). */
#define UNDO_SCHEMA_19                                                         \
	"INSERT INTO outbox_data (outbox_id, data) SELECT id, 'packed'"        \
	" FROM outbox WHERE data_pack IS NOT NULL;"                            \
	" ALTER TABLE outbox DROP COLUMN data_pack;"                           \
	" ALTER TABLE outbox DROP COLUMN data_offset;"                         \
	" ALTER TABLE outbox DROP COLUMN data_size;"

/* Takes a database back from schema 18 to 17 (after every later UNDO): no
 * indexes for reports. */
#define UNDO_SCHEMA_18                                                         \
	UNDO_SCHEMA_19                                                         \
	" DROP INDEX items_closed; DROP INDEX events_history;"                 \
	" DROP INDEX consultations_answered; DROP INDEX consultations_deemed;"

/* Takes a database back from schema 17 to 16 (after every later UNDO): no
 * watermark of the undelivered mail told to the Office. */
#define UNDO_SCHEMA_17 UNDO_SCHEMA_18 " DROP TABLE undelivered_told;"

/* Takes a database back from schema 16 to 15 (after every later UNDO): no
 * recipients left. */
#define UNDO_SCHEMA_16                                                         \
	UNDO_SCHEMA_17 " ALTER TABLE outbox DROP COLUMN rcpt_left;"

/* Takes a database back from schema 15 to 14 (after every later UNDO): no
 * index of the pending mail by age. */
#define UNDO_SCHEMA_15 UNDO_SCHEMA_16 " DROP INDEX outbox_pending_age;"

/* Takes a database back from schema 14 to 13 (after every later UNDO): no
 * days the items are due at, nor their triggers. */
#define UNDO_SCHEMA_14                                                         \
	UNDO_SCHEMA_15                                                         \
	" DROP TRIGGER sweep_item; DROP TRIGGER sweep_consult_new;"            \
	" DROP TRIGGER sweep_consult; DROP TABLE sweep_basis;"                 \
	" DROP TABLE sweep_due;"

/* Takes a database back from schema 13 to 12 (after every later UNDO):
 * outbox_rcpt without its item, the outbox without attachments by
 * reference and with its messages, no feed versions. */
#define UNDO_SCHEMA_13                                                         \
	UNDO_SCHEMA_14                                                         \
	" DROP INDEX outbox_rcpt_limit;"                                       \
	" ALTER TABLE outbox_rcpt DROP COLUMN item_id;"                        \
	" CREATE INDEX outbox_rcpt_recent ON outbox_rcpt(rcpt, created_at);"   \
	" ALTER TABLE outbox DROP COLUMN attach_sha;"                          \
	" ALTER TABLE outbox DROP COLUMN attach_name;"                         \
	" ALTER TABLE outbox DROP COLUMN attach_at;"                           \
	" ALTER TABLE outbox ADD COLUMN data BLOB NOT NULL DEFAULT '';"        \
	" UPDATE outbox SET data = (SELECT d.data FROM outbox_data d"          \
	" WHERE d.outbox_id = outbox.id);"                                     \
	" DROP TABLE outbox_data; DROP TABLE feed_versions;"

/* Takes a database back from schema 12 to 11 (after every later UNDO):
 * messages lose when they were delivered and whether they are history;
 * the first start goes. */
#define UNDO_SCHEMA_12                                                         \
	UNDO_SCHEMA_13                                                         \
	" DROP TABLE first_start; DROP INDEX messages_history;"                \
	" ALTER TABLE messages DROP COLUMN history;"                           \
	" ALTER TABLE messages DROP COLUMN delivered_at;"

/* Takes a database back from schema 11 to 10 (after every later UNDO):
 * the documents read by congvan-reader. */
#define UNDO_SCHEMA_11                                                         \
	UNDO_SCHEMA_12                                                         \
	" DROP TABLE signatures; DROP TABLE scan_pages;"                       \
	" ALTER TABLE attachments DROP COLUMN reading_note;"                   \
	" ALTER TABLE attachments DROP COLUMN reading;"                        \
	" ALTER TABLE letters DROP COLUMN ocr_confidence;"                     \
	" ALTER TABLE letters DROP COLUMN ocr_fields;"

/* Takes a database back from schema 10 to 9 (after every later UNDO):
 * letters lose their stated deadlines. */
#define UNDO_SCHEMA_10                                                         \
	UNDO_SCHEMA_11 " ALTER TABLE letters DROP COLUMN deadline_kind;"       \
		       " ALTER TABLE letters DROP COLUMN deadline_days;"       \
		       " ALTER TABLE letters DROP COLUMN deadline_from;"       \
		       " ALTER TABLE letters DROP COLUMN deadline_phrase;"

/* Takes a database back from schema 9 to 8 (after every later UNDO):
 * consultations lose when they were deemed agreed. */
#define UNDO_SCHEMA_9                                                          \
	UNDO_SCHEMA_10 " ALTER TABLE consultations DROP COLUMN deemed_at;"

/* Takes a database back from schema 8 to 7 (after every later UNDO):
 * events lose their typed details. */
#define UNDO_SCHEMA_8 UNDO_SCHEMA_9 " ALTER TABLE events DROP COLUMN data;"

/* Takes a database back from schema 5 to 4: the tables of the later
 * migrations (the undelivered mail told 17, the recipients left 16, the
 * pending mail by age 15, the sweep's days 14, intake at
 * scale 13, first start 12, documents read 11,
 * stated deadlines 10, deemed 9, typed events 8, feed tokens 7, calendar
 * events 6, reports mailed 5), newest first.  Each migration added at the
 * end of store.c gets its undoing here, chained in UNDO_SCHEMA_4 so that
 * every test below goes back far enough. */
#define UNDO_SCHEMA_5                                                          \
	UNDO_SCHEMA_8                                                          \
	" DROP TABLE feed_tokens; DROP TABLE calendar_entries;"                \
	" DROP TABLE reports_sent;"

/* Takes a database back from schema 4 to 3 (after every later UNDO). */
#define UNDO_SCHEMA_4                                                          \
	UNDO_SCHEMA_5                                                          \
	"DROP TABLE parties; DROP TABLE consultations;"                        \
	" DROP TABLE extensions; DROP TABLE stages;"                           \
	" DROP INDEX items_status;"                                            \
	" ALTER TABLE items DROP COLUMN lead;"                                 \
	" ALTER TABLE items DROP COLUMN due_day;"                              \
	" ALTER TABLE items DROP COLUMN assigned_at;"                          \
	" ALTER TABLE items DROP COLUMN assigned_by;"                          \
	" ALTER TABLE items DROP COLUMN handler;"                              \
	" ALTER TABLE items DROP COLUMN handler_name;"                         \
	" ALTER TABLE items DROP COLUMN handler_due_day;"                      \
	" ALTER TABLE items DROP COLUMN closed_at;"                            \
	" ALTER TABLE items DROP COLUMN late_days;"

/* The schema as sqlite_master holds it, one object a line, by name. */
static char *schema_text(const char *path)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	sqlite3_stmt *s = NULL;
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT type, name, sql FROM"
					    " sqlite_master ORDER BY name",
					    -1, &s, NULL),
			 SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		sbuf_addf(&sb, "%s %s %s\n", sqlite3_column_text(s, 0),
			  sqlite3_column_text(s, 1),
			  sqlite3_column_text(s, 2)
			      ? (const char *)sqlite3_column_text(s, 2)
			      : "");
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return sbuf_detach(&sb);
}

/* A CHECK against a list of strings becomes comparisons; any other CHECK,
 * and a list that does not read as one, stays as it was. */
static void test_check_lists_unrolled(void **state)
{
	static const char *const cases[][2] = {
	    {"CREATE TABLE t (  s TEXT CHECK (s IN ('a', 'b', 'c')), n INT)",
	     "CREATE TABLE t (  s TEXT CHECK (s = 'a' OR s = 'b' OR s = 'c'),"
	     " n INT)"},
	    {"k TEXT CHECK  (k IN  ('x',    'it''s')) , m CHECK(m in('y'))",
	     "k TEXT CHECK (k = 'x' OR k = 'it''s') , m CHECK (m = 'y')"},
	    {"id INTEGER CHECK (id = 1)", "id INTEGER CHECK (id = 1)"},
	    {"s CHECK (s NOT IN ('a', 'b'))", "s CHECK (s NOT IN ('a', 'b'))"},
	    {"s CHECK (s IN ('a', 2))", "s CHECK (s IN ('a', 2))"},
	    {"s CHECK (s IN ('a', 'b') AND s > 'a')",
	     "s CHECK (s IN ('a', 'b') AND s > 'a')"},
	    {"d TEXT DEFAULT 'CHECK (d IN (''a'', ''b''))', e TEXT",
	     "d TEXT DEFAULT 'CHECK (d IN (''a'', ''b''))', e TEXT"},
	    {"RECHECK (s IN ('a', 'b'))", "RECHECK (s IN ('a', 'b'))"},
	    {"s CHECK (s IN ('a', 'b'", "s CHECK (s IN ('a', 'b'"},
	    {"", ""},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *got = store_check_lists_unrolled(cases[i][0]);

		assert_string_equal(got, cases[i][1]);
		free(got);
	}
}

/* How many temporary tables a statement's program opens. */
static int ephemeral_tables(sqlite3 *db, const char *text)
{
	char *explain = xasprintf("EXPLAIN %s", text);
	sqlite3_stmt *s = NULL;
	int n = 0;

	assert_int_equal(sqlite3_prepare_v2(db, explain, -1, &s, NULL),
			 SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		n += strcmp((const char *)sqlite3_column_text(s, 1),
			    "OpenEphemeral") == 0;
	}
	sqlite3_finalize(s);
	free(explain);
	return n;
}

/* Schema 20: no table checks a column against a list any more, so that
 * writing a message, a notice or a calendar entry builds no temporary
 * table; the rules still hold. */
static void test_schema_check_lists(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	char *err = NULL;

	assert_int_equal(
	    sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READWRITE, NULL),
	    SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(db,
			       "SELECT COUNT(*) FROM sqlite_schema WHERE"
			       " type = 'table' AND (sql LIKE '%CHECK%IN (%'"
			       " OR sql LIKE '%CHECK%IN(%')",
			       -1, &s, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), 0);
	sqlite3_finalize(s);
	assert_int_equal(
	    ephemeral_tables(db, "INSERT INTO outbox (item_id, created_at,"
				 " kind, message_id, mail_from, rcpt,"
				 " next_attempt_at) VALUES (NULL, 1, 'k',"
				 " 'm', 'f', 'r', 1)"),
	    0);
	assert_int_equal(
	    ephemeral_tables(db, "INSERT INTO calendar_entries (uid, item_id,"
				 " recipient, role, party, due_day) VALUES"
				 " ('u', 1, 'r', 'lead', 'p', 1) ON CONFLICT"
				 " (uid) DO UPDATE SET state = 'open',"
				 " response = NULL"),
	    0);
	assert_int_equal(sqlite3_exec(db,
				      "INSERT INTO outbox (item_id, created_at,"
				      " kind, message_id, mail_from, rcpt,"
				      " next_attempt_at, status) VALUES (NULL,"
				      " 1, 'k', 'm', 'f', 'r', 1, 'lost')",
				      NULL, NULL, &err),
			 SQLITE_CONSTRAINT);
	assert_non_null(strstr(err, "CHECK constraint failed"));
	sqlite3_free(err);
	assert_int_equal(sqlite3_exec(db,
				      "INSERT INTO outbox (item_id, created_at,"
				      " kind, message_id, mail_from, rcpt,"
				      " next_attempt_at, status) VALUES (NULL,"
				      " 1, 'k', 'm', 'f', 'r', 1, 'failed')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
}

/* A database left at schema 1 is brought forward to the same schema a new
 * one gets (so the UNDO macros cover every migration, whatever the
 * version); a newer one is refused. */
static void test_migrations(void **state)
{
	struct fixture *f = *state;
	char *err = NULL;
	char *pragma, *fresh, *migrated;

	store_close(&f->st);
	fresh = schema_text(f->path);
	assert_int_equal(sql(f->path, UNDO_SCHEMA_4), 0);
	assert_int_equal(sql(f->path, "DROP TABLE outbox_rcpt; DROP TABLE"
				      " letters; DROP TABLE"
				      " attachments; ALTER TABLE messages DROP"
				      " COLUMN reply_text; ALTER TABLE messages"
				      " DROP COLUMN decision; PRAGMA"
				      " user_version = 1;"),
			 0);
	f->st = store_open(f->path, &err);
	assert_non_null(f->st);
	assert_int_equal(store_letter_find_same(f->st, "1/X", "2026-01-01",
						"a@b", &(int64_t){0},
						(char[32]){0}, &err),
			 0);
	/* schema 5 */
	assert_int_equal(store_report_mark_sent(f->st, "2026Q1", 1, NULL, &err),
			 1);
	store_close(&f->st);
	migrated = schema_text(f->path);
	assert_string_equal(migrated, fresh);
	free(migrated);
	free(fresh);
	assert_int_equal(sql(f->path, "PRAGMA user_version = 99;"), 0);
	f->st = store_open(f->path, &err);
	assert_null(f->st);
	assert_non_null(strstr(err, "schema version 99"));
	free(err);
	pragma = xasprintf("PRAGMA user_version = %d;", store_schema_version());
	assert_int_equal(sql(f->path, pragma), 0);
	free(pragma);
	f->st = store_open(f->path, &err);
	assert_non_null(f->st);
}

struct typed {
	int n;
	struct event_data d[16];
	char text[16][160];
};

static int collect_typed(const struct store_event *ev, void *ctx)
{
	struct typed *t = ctx;
	struct event_data *d = &t->d[t->n];

	assert_true(t->n < 16);
	*d = ev->fields;
	/* keep what the callback borrows, one string per field used */
	snprintf(t->text[t->n], sizeof(t->text[0]), "%s|%s|%s|%s|%s|%s",
		 d->unit ? d->unit : "", d->to_unit ? d->to_unit : "",
		 d->address ? d->address : "", d->state ? d->state : "",
		 d->reason ? d->reason : "", d->template ? d->template : "");
	t->n++;
	return 0;
}

/* Migration 8 reads the details 0.1.0 wrote into typed fields, once;
 * a detail it cannot read is left without them, and the line for people
 * stays as it was. */
static void test_migration_8(void **state)
{
	static const struct {
		const char *kind, *detail;
		const char *fields; /* unit|to_unit|address|state|reason|tpl */
		int32_t due;
		int days;
		bool late;
	} rows[] = {
	    {"assigned", "lead TTTN, deadline 05/01/2027", "TTTN|||||", 20823,
	     0, false},
	    {"delegated", "A.Nguyen@X.vn, deadline 04/01/2027",
	     "||a.nguyen@x.vn|||", 20822, 0, false},
	    {"deadline-set", "deadline 18/01/2027", "|||||", 20836, 0, false},
	    {"extension-granted", "18/01/2027", "|||||", 20836, 0, false},
	    {"extension-requested", "to 18/01/2027: chờ số liệu",
	     "||||chờ số liệu|", 20836, 0, false},
	    {"transferred", "PC -> TTTN: thuộc chức năng: thương mại",
	     "PC|TTTN|||thuộc chức năng: thương mại|", 0, 0, false},
	    {"returned", "TC: không thuộc chức năng",
	     "TC||||không thuộc chức"
	     " năng|",
	     0, 0, false},
	    {"done", "late by 3 working days", "|||||", 0, 3, false},
	    {"done", "on time", "|||||", 0, 0, false},
	    {"opinion", "PC: disagree (late)", "PC|||disagree||", 0, 0, true},
	    {"opinion", "TC: agree", "TC|||agree||", 0, 0, false},
	    {"consulted", "XNK", "XNK|||||", 0, 0, false},
	    {"deemed-agreement", "TC: no clear answer by the deadline",
	     "TC|||||", 0, 0, false},
	    {"mail-queued", "assigned to a@x, b@x", "||a@x, b@x|||assigned", 0,
	     0, false},
	    {"assigned", "lead with no deadline", "|||||", 0, 0, false},
	};
	struct fixture *f = *state;
	struct sbuf sb = SBUF_INIT(1 << 16);
	struct store_item it;
	struct typed t = {0};
	char *err = NULL;

	assert_int_equal(store_item_create(f->st, "CV", 2026, 1,
					   add_message(f->st, 1, "m@x"), "S",
					   "s@x", &it, &err),
			 0);
	store_close(&f->st);
	sbuf_adds(&sb, UNDO_SCHEMA_8);
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		sbuf_addf(&sb,
			  " INSERT INTO events (at, item_id, kind, detail)"
			  " VALUES (%zu, %lld, '%s', '%s');",
			  i + 1, (long long)it.id, rows[i].kind,
			  rows[i].detail);
	}
	sbuf_adds(&sb, " PRAGMA user_version = 7;");
	assert_int_equal(sql(f->path, sbuf_str(&sb)), 0);
	sbuf_release(&sb);
	f->st = store_open(f->path, &err);
	assert_non_null(f->st);
	assert_int_equal(
	    store_event_foreach(f->st, it.id, collect_typed, &t, &err), 0);
	assert_int_equal(t.n, (int)ARRAY_SIZE(rows));
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		if (strcmp(t.text[i], rows[i].fields) != 0 ||
		    t.d[i].due != rows[i].due || t.d[i].days != rows[i].days ||
		    t.d[i].late != rows[i].late) {
			fail_msg("row %zu (%s): '%s' due %d days %d late %d", i,
				 rows[i].detail, t.text[i], (int)t.d[i].due,
				 t.d[i].days, (int)t.d[i].late);
		}
	}
	store_item_release(&it);
}

/* A database that holds mail at schema 11 had its first start: it gets
 * one, with nothing kept (schema 12); a fresh database has none yet. */
static void test_migration_12(void **state)
{
	struct fixture *f = *state;
	char *err = NULL;
	const struct store_first_start want = {4000, 7, 100};
	struct store_first_start fs = {-1, 0, 0};

	add_message(f->st, 1, "m@x");
	store_close(&f->st);
	assert_int_equal(
	    sql(f->path, UNDO_SCHEMA_12 " PRAGMA user_version = 11;"), 0);
	f->st = store_open(f->path, &err);
	assert_non_null(f->st);
	/* The migration recorded a first start with nothing kept. */
	assert_int_equal(store_first_start_add(f->st, 5000, &want, &err), 0);
	assert_int_equal(store_first_start_get(f->st, &fs, &err), 1);
	assert_int_equal(fs.cut, 0);
	assert_false(store_first_start_keeps(&fs, 0, 0, 1));
}

static int history_collect(const struct store_history *h, void *ctx)
{
	struct sbuf *sb = ctx;

	sbuf_addf(sb, "%s:%s:%lld;", h->message_id, h->state,
		  (long long)h->delivered_at);
	return 0;
}

/* The first start is recorded once; kept mail is listed by when it was
 * delivered, marked by span, handed out oldest first and released. */
static void test_history(void **state)
{
	struct fixture *f = *state;
	struct sbuf sb = SBUF_INIT(256);
	char sha[STORE_SHA_HEX];
	char *err = NULL;
	int64_t n = 0, id = 0, dup = -1, ids[4];
	const struct store_first_start want = {4000, 7, 100},
				       later = {8000, 8, 200};
	struct store_first_start fs = {0};

	assert_int_equal(store_first_start_get(f->st, &fs, &err), 0);
	assert_int_equal(store_first_start_add(f->st, 5000, &want, &err), 1);
	assert_int_equal(store_first_start_get(f->st, &fs, &err), 1);
	assert_int_equal(fs.cut, 4000);
	assert_int_equal(store_first_start_add(f->st, 9000, &later, &err), 0);
	assert_int_equal(store_first_start_get(f->st, &fs, &err), 1);
	assert_int_equal(fs.cut, 4000);
	assert_int_equal(fs.uidvalidity, 7);
	assert_int_equal(fs.last_uid, 100);
	/* Kept: found at the first start and delivered before the cut. */
	assert_true(store_first_start_keeps(&fs, 7, 100, 3999));
	assert_false(store_first_start_keeps(&fs, 7, 100, 4000));
	assert_false(store_first_start_keeps(&fs, 7, 101, 10));
	assert_false(store_first_start_keeps(&fs, 8, 1, 10));
	assert_false(store_first_start_keeps(&fs, 7, 1, 0));
	for (int i = 0; i < 4; i++) {
		char msgid[16];
		struct store_message m = {
		    .received_at = 5000,
		    .mailbox = "INBOX",
		    .uidvalidity = 7,
		    .uid = (uint32_t)(10 + i),
		    .sha256 = "ab",
		    .size = 1,
		    .message_id = msgid,
		    .kind = "letter",
		    /* delivered 3000, 1000, 2000, 4500 */
		    .delivered_at = i == 3   ? 4500
				    : i == 0 ? 3000
					     : i * 1000,
		    .history = i == 3 ? NULL : STORE_HISTORY_KEPT};

		snprintf(msgid, sizeof(msgid), "m%d@x", i);
		assert_int_equal(store_message_insert(f->st, &m, &ids[i], &err),
				 0);
	}
	assert_int_equal(
	    store_history_foreach(f->st, 0, 0, history_collect, &sb, &err), 0);
	assert_string_equal(sbuf_str(&sb), "m1@x:kept:1000;m2@x:kept:2000;"
					   "m0@x:kept:3000;");
	sbuf_reset(&sb);
	assert_int_equal(store_history_mark(f->st, 1500, 3000, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_history_mark(f->st, 2000, 0, &n, &err), 0);
	assert_int_equal(n, 1); /* m2 is marked already */
	assert_int_equal(
	    store_history_foreach(f->st, 1500, 0, history_collect, &sb, &err),
	    0);
	assert_string_equal(sbuf_str(&sb), "m2@x:register:2000;"
					   "m0@x:register:3000;");
	assert_int_equal(store_history_next(f->st, &id, sha, &dup, &err), 1);
	assert_int_equal(id, ids[2]);
	assert_string_equal(sha, "ab");
	assert_int_equal(dup, 0);
	assert_int_equal(store_history_done(f->st, id, &err), 0);
	assert_int_equal(store_history_next(f->st, &id, sha, &dup, &err), 1);
	assert_int_equal(id, ids[0]);
	assert_int_equal(store_history_done(f->st, id, &err), 0);
	assert_int_equal(store_history_next(f->st, &id, sha, &dup, &err), 0);
	sbuf_reset(&sb);
	assert_int_equal(
	    store_history_foreach(f->st, 0, 0, history_collect, &sb, &err), 0);
	assert_string_equal(sbuf_str(&sb), "m1@x:kept:1000;");
	sbuf_release(&sb);
}

/* A notice queued at 10 from a@x to b@x, Message-ID m1@x, its message
 * data. */
static struct store_outbox notice_queued(const char *data)
{
	return (struct store_outbox){.created_at = 10,
				     .kind = "notice",
				     .message_id = "m1@x",
				     .mail_from = "a@x",
				     .rcpt = "b@x",
				     .data = data,
				     .data_len = strlen(data),
				     .next_attempt_at = 10};
}

/* A database at schema 2 gains outbox_rcpt (3) and keeps its outbox. */
static void test_migration_3(void **state)
{
	struct fixture *f = *state;
	struct store_outbox o = notice_queued("hello");
	struct store_outbox_stats stats;
	int64_t id = 0, n = -1;
	char *err = NULL;

	assert_int_equal(store_outbox_add(f->st, &o, &id, &err), 0);
	store_close(&f->st);
	assert_int_equal(sql(f->path, UNDO_SCHEMA_4), 0);
	assert_int_equal(sql(f->path, "DROP TABLE outbox_rcpt;"
				      " PRAGMA user_version = 2;"),
			 0);
	f->st = store_open(f->path, &err);
	assert_non_null(f->st);
	assert_int_equal(store_outbox_stats(f->st, &stats, &err), 0);
	assert_int_equal(stats.pending, 1);
	assert_int_equal(store_outbox_rcpt_add(f->st, id, 0, "b@x", 10, &err),
			 0);
	assert_int_equal(store_outbox_rcpt_count(f->st, "b@x", 0, 0, &n, &err),
			 0);
	assert_int_equal(n, 1);
}

static int count_cb(const struct store_outbox *o, void *ctx);

/* A database at schema 12 gains the item of each recipient row (13), read
 * from its outbox entry: the rate limit goes on counting what was queued
 * before the upgrade; the messages move to outbox_data. */
static void test_migration_13(void **state)
{
	struct fixture *f = *state;
	struct store_outbox o = notice_queued("hello");
	struct store_item it;
	int64_t id = 0, id2 = 0, n = -1;
	int due = 0;
	char *err = NULL;

	assert_int_equal(store_item_create(f->st, "CV", 2026, 10,
					   add_message(f->st, 1, "a@x"), "A",
					   "s@x", &it, &err),
			 0);
	assert_int_equal(store_outbox_add(f->st, &o, &id, &err), 0);
	o.message_id = "m2@x";
	o.item_id = it.id;
	assert_int_equal(store_outbox_add(f->st, &o, &id2, &err), 0);
	store_close(&f->st);
	/* the messages as schema 12 held them, in the outbox's rows */
	assert_int_equal(sql(f->path,
			     UNDO_SCHEMA_13 " UPDATE outbox SET data = 'hello';"
					    " PRAGMA user_version = 12;"),
			 0);
	assert_int_equal(sql(f->path, "INSERT INTO outbox_rcpt VALUES"
				      " (1, 'b@x', 10), (2, 'b@x', 10),"
				      " (2, 'c@x', 10);"),
			 0);
	f->st = store_open(f->path, &err);
	assert_non_null(f->st);
	assert_int_equal(store_outbox_rcpt_count(f->st, "b@x", 0, 0, &n, &err),
			 0);
	assert_int_equal(n, 1);
	assert_int_equal(
	    store_outbox_rcpt_count(f->st, "B@X", it.id, 0, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(
	    store_outbox_rcpt_count(f->st, "c@x", it.id, 0, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_outbox_rcpt_count(f->st, "c@x", 0, 0, &n, &err),
			 0);
	assert_int_equal(n, 0);
	/* The messages moved to outbox_data. */
	assert_int_equal(
	    store_outbox_due(f->st, 20, 10, true, count_cb, &due, &err), 0);
	assert_int_equal(due, 2);
}

/* The items due now and later (schema 14): the migration makes every
 * open item due at the first sweep; a change to an item's deadline, its
 * status or its consultations makes it due again; a new basis (another
 * calendar or [deadlines], or a clock gone back) makes every item due. */
static void test_migration_14(void **state)
{
	struct fixture *f = *state;
	struct store_item it[3];
	int64_t *ids = NULL;
	size_t n = 0;
	char *err = NULL;

	for (int i = 0; i < 3; i++) {
		char msgid[16];

		snprintf(msgid, sizeof(msgid), "m%d@x", i);
		assert_int_equal(
		    store_item_create(f->st, "CV", 2026, 10 + i,
				      add_message(f->st, 1 + i, msgid), "A",
				      "s@x", &it[i], &err),
		    0);
		store_item_release(&it[i]);
	}
	assert_int_equal(store_case_assign(f->st, it[0].id, "A", NULL, 20800,
					   100, "office@x", &err),
			 0);
	assert_int_equal(store_case_assign(f->st, it[1].id, "A", NULL, 20800,
					   100, "office@x", &err),
			 0);
	assert_int_equal(
	    store_case_set_status(f->st, it[1].id, ITEM_DONE, 200, 0, &err), 0);
	store_close(&f->st);
	assert_int_equal(
	    sql(f->path, UNDO_SCHEMA_14 " PRAGMA user_version = 13;"), 0);
	f->st = store_open(f->path, &err);
	assert_non_null(f->st);
	/* only the open item is due, from the first sweep on */
	assert_int_equal(store_sweep_due(f->st, 0, 100, &ids, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], it[0].id);
	free(ids);

	/* due on day 20797: not before */
	assert_int_equal(store_sweep_set(f->st, it[0].id, 20797, &err), 0);
	assert_int_equal(store_sweep_set(f->st, it[1].id, -1, &err), 0);
	assert_int_equal(store_sweep_due(f->st, 20796, 100, &ids, &n, &err), 0);
	assert_int_equal(n, 0);
	free(ids);
	assert_int_equal(store_sweep_due(f->st, 20797, 100, &ids, &n, &err), 0);
	assert_int_equal(n, 1);
	free(ids);

	/* a new deadline, a consultation: due now */
	assert_int_equal(store_case_set_due(f->st, it[0].id, 20810, &err), 0);
	assert_int_equal(store_sweep_due(f->st, 0, 100, &ids, &n, &err), 0);
	assert_int_equal(n, 1);
	free(ids);
	assert_int_equal(
	    store_consult_ask(f->st, it[2].id, "B", 100, "a@x", 20805, &err),
	    0);
	assert_int_equal(store_sweep_due(f->st, 0, 100, &ids, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], it[0].id);
	assert_int_equal(ids[1], it[2].id);
	free(ids);

	/* the same basis keeps the days; another one, or an earlier day,
	 * makes every item with a day due */
	assert_int_equal(store_sweep_set(f->st, it[0].id, 20797, &err), 0);
	assert_int_equal(store_sweep_set(f->st, it[2].id, 20805, &err), 0);
	assert_int_equal(store_sweep_basis(f->st, "a", 20790, &err), 0);
	assert_int_equal(store_sweep_set(f->st, it[0].id, 20797, &err), 0);
	assert_int_equal(store_sweep_set(f->st, it[2].id, 20805, &err), 0);
	assert_int_equal(store_sweep_basis(f->st, "a", 20791, &err), 0);
	assert_int_equal(store_sweep_due(f->st, 20791, 100, &ids, &n, &err), 0);
	assert_int_equal(n, 0);
	free(ids);
	assert_int_equal(store_sweep_basis(f->st, "b", 20791, &err), 0);
	assert_int_equal(store_sweep_due(f->st, 20791, 100, &ids, &n, &err), 0);
	assert_int_equal(n, 2);
	free(ids);
	assert_int_equal(store_sweep_set(f->st, it[0].id, 20797, &err), 0);
	assert_int_equal(store_sweep_set(f->st, it[2].id, 20805, &err), 0);
	assert_int_equal(store_sweep_basis(f->st, "b", 20780, &err), 0);
	assert_int_equal(store_sweep_due(f->st, 20780, 100, &ids, &n, &err), 0);
	assert_int_equal(n, 2);
	free(ids);

	/* a batch: at most limit, the earliest day first, then by id */
	assert_int_equal(store_sweep_set(f->st, it[0].id, 20797, &err), 0);
	assert_int_equal(store_sweep_set(f->st, it[2].id, 20790, &err), 0);
	assert_int_equal(store_sweep_due(f->st, 20800, 1, &ids, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], it[2].id);
	free(ids);
	assert_int_equal(store_sweep_set(f->st, it[2].id, 20797, &err), 0);
	assert_int_equal(store_sweep_due(f->st, 20800, 1, &ids, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], it[0].id);
	free(ids);
	assert_int_equal(store_sweep_due(f->st, 20800, 5, &ids, &n, &err), 0);
	assert_int_equal(n, 2);
	free(ids);
}

static void test_letters(void **state)
{
	struct fixture *f = *state;
	struct store_letter l = {.number = "2536/BCT-VP",
				 .date = "2023-04-27",
				 .subject = "triển khai Công điện 280",
				 .recipients = "[\"Các đơn vị thuộc Bộ\"]",
				 .source = "body",
				 .deadline_kind = "working_days",
				 .deadline_days = 5,
				 .deadline_from = "receipt",
				 .deadline_phrase =
				     "trong 5 ngày làm việc kể từ"
				     " ngày nhận"};
	struct store_letter_row row;
	struct store_item a, b;
	int64_t id = 0;
	char key[32] = "", *err = NULL;

	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(store_item_create(f->st, "CV", 2026, 10,
					   add_message(f->st, 1, "a@x"), "A",
					   "s@x", &a, &err),
			 0);
	assert_int_equal(store_letter_add(f->st, a.id, &l, &err), 0);
	assert_int_equal(store_item_create(f->st, "CV", 2026, 11,
					   add_message(f->st, 2, "b@x"), "B",
					   "s@x", &b, &err),
			 0);
	/* The same number in another year is another letter. */
	assert_int_equal(store_letter_find_same(f->st, "2536/bct-vp",
						"2024-01-05", "s@x", &id, key,
						&err),
			 0);
	assert_int_equal(store_letter_find_same(f->st, "2536/bct-vp",
						"2023-04-27", "t@y", &id, key,
						&err),
			 1);
	assert_int_equal(id, a.id);
	assert_string_equal(key, "CV-2026-000001");
	l.duplicate_of = id;
	assert_int_equal(store_letter_add(f->st, b.id, &l, &err), 0);
	assert_int_equal(store_commit(f->st, &err), 0);
	assert_int_equal(store_letter_get(f->st, b.id, &row, &err), 1);
	assert_string_equal(row.number, "2536/BCT-VP");
	assert_string_equal(row.duplicate_of, "CV-2026-000001");
	assert_null(row.signer);
	assert_null(row.deadline);
	assert_string_equal(row.deadline_kind, "working_days");
	assert_int_equal(row.deadline_days, 5);
	assert_string_equal(row.deadline_from, "receipt");
	assert_string_equal(row.deadline_phrase,
			    "trong 5 ngày làm việc kể từ ngày nhận");
	store_letter_row_release(&row);
	assert_null(row.deadline_phrase);
	assert_int_equal(row.deadline_days, 0);
	assert_int_equal(store_letter_get(f->st, 999, &row, &err), 0);
	store_letter_row_release(&row);
}

/* What congvan-reader made of a letter's attachments: how each was read,
 * the pages read by OCR, the letter's OCR fields, the signatures. */
static void test_readings(void **state)
{
	struct fixture *f = *state;
	struct store_letter l = {.number = "45/UBND-VX", .source = "pdf"};
	struct store_attachment_row *atts;
	struct store_signature_row *sigs;
	struct store_letter_row row;
	struct store_item it;
	int64_t msg, scan, signed_pdf, logo;
	size_t n;
	char *err = NULL;

	assert_int_equal(store_begin(f->st, &err), 0);
	msg = add_message(f->st, 1, "a@x");
	assert_int_equal(store_attachment_add(f->st, msg, "quet.pdf",
					      "application/pdf", 500000, "aa",
					      &scan, &err),
			 0);
	assert_int_equal(store_attachment_add(f->st, msg, "ky-so.pdf",
					      "application/pdf", 90000, "bb",
					      &signed_pdf, &err),
			 0);
	assert_int_equal(store_attachment_add(f->st, msg, "logo.png",
					      "image/png", 900, "cc", &logo,
					      &err),
			 0);
	assert_true(scan > 0 && signed_pdf > scan && logo > signed_pdf);
	assert_int_equal(
	    store_attachment_set_reading(f->st, scan, "ocr", NULL, &err), 0);
	assert_int_equal(
	    store_scan_page_add(f->st, scan, 1, 91, "Số: 45", &err), 0);
	assert_int_equal(
	    store_scan_page_add(f->st, scan, 3, 64, "Nơi nhận", &err), 0);
	assert_int_equal(
	    store_attachment_set_reading(f->st, logo, "time-limit", NULL, &err),
	    0);
	/* A word the schema does not know is refused. */
	assert_int_equal(
	    store_attachment_set_reading(f->st, logo, "maybe", NULL, &err), -1);
	FREE_AND_NULL(err);
	assert_int_equal(
	    store_signature_add(
		f->st,
		&(struct store_signature){signed_pdf, 1, "Nguyễn Văn An", 1800,
					  "valid", "trusted", false},
		&err),
	    0);
	assert_int_equal(
	    store_signature_add(f->st,
				&(struct store_signature){signed_pdf, 2, NULL,
							  0, "unsigned",
							  "unchecked", false},
				&err),
	    0);
	assert_int_equal(store_item_create(f->st, "CV", 2026, 10, msg, "A",
					   "s@x", &it, &err),
			 0);
	assert_int_equal(store_letter_add(f->st, it.id, &l, &err), 0);
	assert_int_equal(
	    store_letter_set_ocr(f->st, it.id, "number date", 64, &err), 0);
	assert_int_equal(store_commit(f->st, &err), 0);

	assert_int_equal(store_attachments_get(f->st, msg, &atts, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(atts[0].reading, "ocr");
	assert_int_equal(atts[0].ocr_confidence, 64);
	assert_null(atts[1].reading);
	assert_int_equal(atts[1].ocr_confidence, -1);
	assert_string_equal(atts[2].reading, "time-limit");
	assert_string_equal(atts[2].filename, "logo.png");
	store_attachment_rows_free(atts, n);

	assert_int_equal(store_signatures_get(f->st, it.id, &sigs, &n, &err),
			 0);
	assert_int_equal(n, 2);
	assert_string_equal(sigs[0].filename, "ky-so.pdf");
	assert_string_equal(sigs[0].signer, "Nguyễn Văn An");
	assert_int_equal(sigs[0].signed_at, 1800);
	assert_string_equal(sigs[0].certificate, "trusted");
	assert_null(sigs[1].signer);
	assert_string_equal(sigs[1].status, "unsigned");
	store_signature_rows_free(sigs, n);

	assert_int_equal(store_letter_get(f->st, it.id, &row, &err), 1);
	assert_string_equal(row.ocr_fields, "number date");
	assert_int_equal(row.ocr_confidence, 64);
	store_letter_row_release(&row);
}

/* Assignment, consultations, extensions and stages of one item. */
static int count_consult(const struct store_consult *c, void *ctx)
{
	(*(int *)ctx)++;
	return c->deemed ? 1 : 0;
}

static void test_cases(void **state)
{
	struct fixture *f = *state;
	struct store_consult *waiting = NULL;
	size_t n_waiting = 0;
	const char *const coord[] = {"VU-PC", "VU-TC", NULL};
	struct store_item it;
	struct store_case c;
	struct store_extension e;
	char *err = NULL;
	int n = 0;

	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(store_item_create(f->st, "CV", 2026, 10,
					   add_message(f->st, 1, "a@x"), "A",
					   "s@x", &it, &err),
			 0);
	assert_int_equal(store_case_get(f->st, it.id, &c, &err), 1);
	assert_int_equal(c.status, ITEM_REGISTERED);
	assert_null(c.lead);
	assert_null(c.coordinate[0]);
	store_case_release(&c);

	assert_int_equal(store_case_assign(f->st, it.id, "VU-TTTN", coord,
					   20800, 100, "rule:r1", &err),
			 0);
	assert_int_equal(
	    store_case_set_handler(f->st, it.id, "h@x", "H", 20799, &err), 0);
	assert_int_equal(store_case_get(f->st, it.id, &c, &err), 1);
	assert_int_equal(c.status, ITEM_ASSIGNED);
	assert_string_equal(c.lead, "VU-TTTN");
	assert_int_equal(c.due_day, 20800);
	assert_string_equal(c.coordinate[0], "VU-PC");
	assert_string_equal(c.coordinate[1], "VU-TC");
	assert_null(c.coordinate[2]);
	assert_string_equal(c.handler, "h@x");
	assert_int_equal(c.handler_due_day, 20799);
	store_case_release(&c);
	/* reassigning clears the handler and replaces the parties */
	assert_int_equal(store_case_assign(f->st, it.id, "VU-PC", NULL, 20801,
					   200, "office@x", &err),
			 0);
	assert_int_equal(store_case_get(f->st, it.id, &c, &err), 1);
	assert_null(c.handler);
	assert_null(c.coordinate[0]);
	store_case_release(&c);

	assert_int_equal(store_consult_ask(f->st, it.id, "VU-TC", 300, "lead@x",
					   20805, &err),
			 0);
	assert_int_equal(
	    store_consult_waiting(f->st, it.id, &waiting, &n_waiting, &err), 0);
	assert_int_equal(n_waiting, 1);
	assert_string_equal(waiting[0].unit, "VU-TC");
	store_consult_release(&waiting[0]);
	free(waiting);
	waiting = NULL;
	n_waiting = 0;
	assert_int_equal(store_consult_answer(f->st, 1, "agree", 400, "t@x",
					      "Đồng ý", false, &err),
			 0);
	n = 0;
	assert_int_equal(
	    store_consult_waiting(f->st, it.id, &waiting, &n_waiting, &err), 0);
	assert_int_equal(n_waiting, 0); /* answered: no longer waiting */
	free(waiting);
	assert_int_equal(
	    store_consult_foreach(f->st, it.id, count_consult, &n, &err), 0);
	assert_int_equal(n, 1);

	assert_int_equal(store_extension_pending(f->st, it.id, &e, &err), 0);
	assert_int_equal(store_extension_add(f->st, it.id, 500, "lead@x", 20801,
					     20806, "cần số liệu", &err),
			 0);
	assert_int_equal(store_extension_pending(f->st, it.id, &e, &err), 1);
	assert_int_equal(e.to_day, 20806);
	assert_string_equal(e.reason, "cần số liệu");
	assert_int_equal(store_extension_decide(f->st, e.id, "granted", 600,
						"office@x", &err),
			 0);
	store_extension_release(&e);
	assert_int_equal(store_extension_pending(f->st, it.id, &e, &err), 0);

	assert_int_equal(
	    store_stage_mark(f->st, it.id, "remind:3:20801", 700, &err), 1);
	assert_int_equal(
	    store_stage_mark(f->st, it.id, "remind:3:20801", 800, &err), 0);
	assert_int_equal(
	    store_case_set_status(f->st, it.id, ITEM_DONE, 900, 2, &err), 0);
	assert_int_equal(store_commit(f->st, &err), 0);
	assert_int_equal(store_case_get(f->st, it.id, &c, &err), 1);
	assert_int_equal(c.status, ITEM_DONE);
	assert_int_equal(c.late_days, 2);
	assert_int_equal(c.closed_at, 900);
	store_case_release(&c);
	store_item_release(&it);
}

/* Both NULL, or the same text. */
static void assert_same_text(const char *a, const char *b)
{
	if (!a || !b) {
		assert_ptr_equal(a, b);
	} else {
		assert_string_equal(a, b);
	}
}

/* A case held in memory is the one store_case_get reads. */
static void assert_case_stored(struct store *st, const struct store_case *mem)
{
	struct store_case c;
	char *err = NULL;
	size_t i;

	assert_int_equal(store_case_get(st, mem->id, &c, &err), 1);
	assert_string_equal(mem->key, c.key);
	assert_int_equal(mem->message_id, c.message_id);
	assert_int_equal(mem->registered_at, c.registered_at);
	assert_same_text(mem->subject, c.subject);
	assert_same_text(mem->sender, c.sender);
	assert_int_equal(mem->status, c.status);
	assert_same_text(mem->lead, c.lead);
	assert_int_equal(mem->due_day, c.due_day);
	assert_int_equal(mem->assigned_at, c.assigned_at);
	assert_same_text(mem->assigned_by, c.assigned_by);
	assert_same_text(mem->handler, c.handler);
	assert_same_text(mem->handler_name, c.handler_name);
	assert_int_equal(mem->handler_due_day, c.handler_due_day);
	assert_int_equal(mem->closed_at, c.closed_at);
	assert_int_equal(mem->late_days, c.late_days);
	for (i = 0; c.coordinate[i]; i++) {
		assert_non_null(mem->coordinate[i]);
		assert_string_equal(mem->coordinate[i], c.coordinate[i]);
	}
	assert_null(mem->coordinate[i]);
	store_case_release(&c);
}

/* store_case_of_new_item and store_case_apply_* give what the writes
 * store, so the workflow need not read a case back after writing it. */
enum case_write { CW_ASSIGN, CW_DUE, CW_HANDLER, CW_STATUS };

static void case_write(struct store *st, struct store_case *c,
		       enum case_write w, const char *text, const char *text2,
		       const char *const *coordinate, int32_t day, time_t at,
		       enum item_status status, int late)
{
	char *err = NULL;

	switch (w) {
	case CW_ASSIGN:
		assert_int_equal(store_case_assign(st, c->id, text, coordinate,
						   day, at, text2, &err),
				 0);
		store_case_apply_assign(c, text, coordinate, day, at, text2);
		break;
	case CW_DUE:
		assert_int_equal(store_case_set_due(st, c->id, day, &err), 0);
		store_case_apply_due(c, day);
		break;
	case CW_HANDLER:
		assert_int_equal(
		    store_case_set_handler(st, c->id, text, text2, day, &err),
		    0);
		store_case_apply_handler(c, text, text2, day);
		break;
	case CW_STATUS:
		assert_int_equal(
		    store_case_set_status(st, c->id, status, at, late, &err),
		    0);
		store_case_apply_status(c, status, at, late);
		break;
	}
}

static void test_case_applied(void **state)
{
	static const struct {
		enum case_write w;
		const char *text, *text2; /* lead, by; address, name */
		const char *coordinate[5];
		int32_t day;
		time_t at; /* assigned_at; closed_at */
		enum item_status status;
		int late;
	} writes[] = {
	    /* repeats, in any ASCII case, are one party: the first */
	    {CW_ASSIGN,
	     "VU-TTTN",
	     "rule:r1",
	     {"VU-PC", "vu-pc", "VU-TC", "Vu-Tc"},
	     20800,
	     100,
	     0,
	     0},
	    {CW_HANDLER, "h@x", "H", {NULL}, 20799, 0, 0, 0},
	    {CW_DUE, NULL, NULL, {NULL}, 20810, 0, 0, 0},
	    {CW_STATUS, NULL, NULL, {NULL}, 0, 0, ITEM_DISPUTED, 0},
	    {CW_STATUS, NULL, NULL, {NULL}, 0, 0, ITEM_ASSIGNED, 0},
	    {CW_HANDLER, "h2@x", NULL, {NULL}, 0, 0, 0, 0},
	    /* reassigned: the handler goes, no parties, nobody named */
	    {CW_ASSIGN, "VU-PC", NULL, {NULL}, 20801, 200, 0, 0},
	    {CW_ASSIGN,
	     "VU-TC",
	     "office@x",
	     {"VU-TC", "", "VU-PC"},
	     20802,
	     0,
	     0,
	     0},
	    {CW_STATUS, NULL, NULL, {NULL}, 0, 900, ITEM_DONE, 2},
	    /* assigned again after it closed: closed_at and late go */
	    {CW_ASSIGN, "VU-PC", "office@x", {"A"}, 20803, 300, 0, 0},
	    {CW_STATUS, NULL, NULL, {NULL}, 0, 1000, ITEM_RETURNED, 0},
	};
	static const char *const subjects[] = {"Công văn số 1", NULL};
	struct fixture *f = *state;
	char *err = NULL;

	assert_int_equal(store_begin(f->st, &err), 0);
	for (size_t k = 0; k < ARRAY_SIZE(subjects); k++) {
		struct store_item it;
		struct store_case c;

		assert_int_equal(store_item_create(
				     f->st, "CV", 2026, 10 + (time_t)k,
				     add_message(f->st, 1 + (uint32_t)k, "m@x"),
				     subjects[k], "s@x", &it, &err),
				 0);
		it.subject = subjects[k] ? xstrdup(subjects[k]) : NULL;
		it.sender = xstrdup("s@x");
		store_case_of_new_item(&it, &c);
		store_item_release(&it);
		assert_case_stored(f->st, &c);
		for (size_t i = 0; i < ARRAY_SIZE(writes); i++) {
			print_message("item %zu, write %zu\n", k, i);
			case_write(f->st, &c, writes[i].w, writes[i].text,
				   writes[i].text2, writes[i].coordinate,
				   writes[i].day, writes[i].at,
				   writes[i].status, writes[i].late);
			assert_case_stored(f->st, &c);
		}
		store_case_release(&c);
	}
	assert_int_equal(store_commit(f->st, &err), 0);
}

/* Each report is recorded once, and stays recorded. */
static void test_reports_sent(void **state)
{
	struct fixture *f = *state;
	char *err = NULL;

	assert_int_equal(store_report_sent(f->st, "2026Q2", &err), 0);
	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(
	    store_report_mark_sent(f->st, "2026Q2", 100, "r1@x", &err), 1);
	assert_int_equal(
	    store_report_mark_sent(f->st, "2026Q2", 200, "r2@x", &err), 0);
	assert_int_equal(store_commit(f->st, &err), 0);
	assert_int_equal(store_report_sent(f->st, "2026Q2", &err), 1);
	assert_int_equal(store_report_sent(f->st, "2026Q3", &err), 0);
	assert_int_equal(store_report_sent(f->st, "2026q2", &err), 0);
	/* a rolled-back mark is no mark */
	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(
	    store_report_mark_sent(f->st, "2026Q3", 300, NULL, &err), 1);
	store_rollback(f->st);
	assert_int_equal(store_report_sent(f->st, "2026Q3", &err), 0);
	store_close(&f->st);
	f->st = store_open(f->path, &err);
	assert_non_null(f->st);
	assert_int_equal(store_report_sent(f->st, "2026Q2", &err), 1);
}

struct rows {
	int n;
	char seen[512];
};

static void note(struct rows *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void note(struct rows *r, const char *fmt, ...)
{
	size_t len = strlen(r->seen);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->seen + len, sizeof(r->seen) - len, fmt, ap);
	va_end(ap);
	r->n++;
}

static int item_row(const struct store_report_item *it, void *ctx)
{
	note(ctx, "%s:%s:%s;", it->key + 8, event_item_status_name(it->status),
	     it->lead);
	return 0;
}

/* The items of a report alone. */
static int no_event(const struct store_event *ev, void *ctx)
{
	(void)ev;
	(void)ctx;
	return 0;
}

static int consult_row(const struct store_report_consult *c, void *ctx)
{
	note(ctx, "%s:%s:%s;", c->unit, c->state,
	     c->answered_by ? c->answered_by : "-");
	return 0;
}

static int ext_row(const struct store_report_extension *e, void *ctx)
{
	note(ctx, "%lld:%s;", (long long)e->asked_at, e->state);
	return 0;
}

static int mail_row(const struct store_report_mail *m, void *ctx)
{
	note(ctx, "%s:%s;", m->kind, m->rcpt);
	return 0;
}

/* The rows a report of [1000, 2000) reads. */
static void test_report_rows(void **state)
{
	struct fixture *f = *state;
	struct store_item it[5];
	struct store_outbox o = {.kind = "reminder",
				 .mail_from = "a@x",
				 .rcpt = "h@x\nu@x",
				 .data = "x",
				 .data_len = 1};
	struct rows r = {0};
	int64_t n = -1;
	char *err = NULL;

	assert_int_equal(store_begin(f->st, &err), 0);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(
		    store_item_create(f->st, "CV", 2026, i == 4 ? 2500 : 500,
				      add_message(f->st, (uint32_t)i + 1, NULL),
				      "s", "s@x", &it[i], &err),
		    0);
	}
	/* 1 open, 2 done before the period, 3 done in it, 4 never
	 * assigned, 5 registered after it */
	for (int i = 0; i < 5; i++) {
		if (i != 3) {
			assert_int_equal(store_case_assign(f->st, it[i].id, "A",
							   NULL, 20000, 600,
							   "o@x", &err),
					 0);
		}
	}
	assert_int_equal(
	    store_case_set_status(f->st, it[1].id, ITEM_DONE, 999, 0, &err), 0);
	assert_int_equal(
	    store_case_set_status(f->st, it[2].id, ITEM_DONE, 1000, 1, &err),
	    0);
	assert_int_equal(
	    store_consult_ask(f->st, it[0].id, "B", 700, "l@x", 20000, &err),
	    0);
	assert_int_equal(
	    store_consult_ask(f->st, it[0].id, "C", 700, "l@x", 20000, &err),
	    0);
	assert_int_equal(
	    store_consult_ask(f->st, it[2].id, "D", 700, "l@x", 20000, &err),
	    0);
	assert_int_equal(store_consult_answer(f->st, 1, "agree", 1500, "b@x",
					      "ok", false, &err),
			 0);
	assert_int_equal(store_consult_answer(f->st, 2, "deemed", 2000, NULL,
					      NULL, false, &err),
			 0);
	assert_int_equal(
	    store_extension_add(f->st, it[0].id, 900, "l@x", 1, 2, "r", &err),
	    0);
	assert_int_equal(
	    store_extension_decide(f->st, 1, "granted", 1100, "o@x", &err), 0);
	assert_int_equal(
	    store_extension_add(f->st, it[0].id, 1200, "l@x", 2, 3, "r", &err),
	    0);
	assert_int_equal(
	    store_extension_add(f->st, it[2].id, 2000, "l@x", 2, 3, "r", &err),
	    0);
	for (int i = 0; i < 4; i++) {
		char id[16];

		snprintf(id, sizeof(id), "m%d@x", i);
		o.message_id = id;
		o.item_id = it[0].id;
		o.created_at = o.next_attempt_at = i == 3 ? 2000 : 1000 + i;
		o.kind = i == 1 ? "assigned" : i == 2 ? "overdue" : "reminder";
		assert_int_equal(store_outbox_add(f->st, &o, NULL, &err), 0);
	}
	assert_int_equal(store_commit(f->st, &err), 0);

	assert_int_equal(store_report_histories(f->st, 1000, 2000, item_row,
						no_event, &r, &err),
			 0);
	assert_string_equal(r.seen, "000001:assigned:A;000003:done:A;");
	memset(&r, 0, sizeof(r));
	assert_int_equal(
	    store_report_consults(f->st, 1000, 2000, consult_row, &r, &err), 0);
	assert_string_equal(r.seen, "B:agree:b@x;");
	memset(&r, 0, sizeof(r));
	assert_int_equal(
	    store_report_consults(f->st, 1000, 2001, consult_row, &r, &err), 0);
	assert_string_equal(r.seen, "B:agree:b@x;C:deemed:-;");
	memset(&r, 0, sizeof(r));
	assert_int_equal(
	    store_report_extensions(f->st, 1000, 2000, ext_row, &r, &err), 0);
	assert_string_equal(r.seen, "900:granted;1200:pending;");
	memset(&r, 0, sizeof(r));
	assert_int_equal(store_report_mails(f->st, 1000, 2000,
					    ",reminder,overdue,", mail_row, &r,
					    &err),
			 0);
	assert_string_equal(r.seen, "reminder:h@x\nu@x;overdue:h@x\nu@x;");
	memset(&r, 0, sizeof(r));
	assert_int_equal(store_report_mails(f->st, 1000, 2000, ",remind,",
					    mail_row, &r, &err),
			 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(store_report_registered_before(f->st, 2500, &n, &err),
			 0);
	assert_int_equal(n, 4);
	for (int i = 0; i < 5; i++) {
		store_item_release(&it[i]);
	}
}

static int history_item(const struct store_report_item *it, void *ctx)
{
	note(ctx, "%s:%s;", it->key + 8, it->lead);
	return 0;
}

static int history_event(const struct store_event *ev, void *ctx)
{
	note(ctx, " %s@%lld:%s:%s:%d;", ev->kind_name, (long long)ev->at,
	     ev->fields.unit ? ev->fields.unit : "-",
	     ev->fields.address ? ev->fields.address : "-", ev->fields.due);
	return 0;
}

static int list_row(const struct store_list_row *l, void *ctx)
{
	note(ctx, "%s:%s:%s:%d;", l->key + 8, event_item_status_name(l->status),
	     l->lead ? l->lead : "-", l->due_day);
	return 0;
}

static void add_typed_event(struct store *st, int64_t item_id, time_t at,
			    enum event_kind kind, const struct event_data *d)
{
	char *data = event_data_json(kind, d), *err = NULL;
	struct store_event ev = {
	    .at = at, .item_id = item_id, .kind = kind, .data = data};

	assert_int_equal(store_event_add(st, &ev, &err), 0);
	free(data);
}

/* The report's items with their events in one walk, and `list`'s rows
 * with its filters. */
static void test_report_histories_and_list(void **state)
{
	struct fixture *f = *state;
	const char *coordinate[] = {"B", NULL};
	struct store_list_filter lf = {0};
	struct store_item it[4];
	struct rows r = {0};
	char *err = NULL;

	assert_int_equal(store_begin(f->st, &err), 0);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(
		    store_item_create(f->st, "CV", 2026, 500,
				      add_message(f->st, (uint32_t)i + 1, NULL),
				      "s", "s@x", &it[i], &err),
		    0);
	}
	/* 1: A, delegated, transferred to C; 2: A with B coordinating, no
	 * events; 3: C, done before the period; 4: never assigned */
	assert_int_equal(store_case_assign(f->st, it[0].id, "C", NULL, 20000,
					   600, "o@x", &err),
			 0);
	assert_int_equal(store_case_assign(f->st, it[1].id, "A", coordinate,
					   20010, 600, "o@x", &err),
			 0);
	assert_int_equal(store_case_assign(f->st, it[2].id, "C", NULL, 20020,
					   600, "o@x", &err),
			 0);
	assert_int_equal(
	    store_case_set_status(f->st, it[2].id, ITEM_DONE, 900, 0, &err), 0);
	add_typed_event(f->st, it[0].id, 600, EV_ASSIGNED,
			&(struct event_data){.unit = "A", .due = 20000});
	add_typed_event(f->st, it[0].id, 700, EV_OPINION,
			&(struct event_data){.unit = "B", .state = "agree"});
	add_typed_event(f->st, it[0].id, 800, EV_DELEGATED,
			&(struct event_data){.address = "h@x", .due = 19990});
	add_typed_event(f->st, it[0].id, 1500, EV_TRANSFERRED,
			&(struct event_data){.unit = "A", .to_unit = "C"});
	add_typed_event(f->st, it[2].id, 600, EV_ASSIGNED,
			&(struct event_data){.unit = "C", .due = 20020});
	assert_int_equal(store_commit(f->st, &err), 0);

	/* the period's items, each with the events of its history (not the
	 * opinion), in the log's order */
	assert_int_equal(store_report_histories(f->st, 1000, 2000, history_item,
						history_event, &r, &err),
			 0);
	assert_string_equal(r.seen, "000001:C; assigned@600:A:-:20000;"
				    " delegated@800:-:h@x:19990;"
				    " transferred@1500:A:-:0;000002:A;");

	memset(&r, 0, sizeof(r));
	assert_int_equal(store_case_list(f->st, &lf, list_row, &r, &err), 0);
	assert_string_equal(r.seen, "000001:assigned:C:20000;"
				    "000002:assigned:A:20010;"
				    "000003:done:C:20020;"
				    "000004:registered:-:0;");
	memset(&r, 0, sizeof(r));
	lf.unit = "b"; /* coordinating, in any case */
	assert_int_equal(store_case_list(f->st, &lf, list_row, &r, &err), 0);
	assert_string_equal(r.seen, "000002:assigned:A:20010;");
	memset(&r, 0, sizeof(r));
	lf.unit = "c";
	lf.status = "done";
	assert_int_equal(store_case_list(f->st, &lf, list_row, &r, &err), 0);
	assert_string_equal(r.seen, "000003:done:C:20020;");
	memset(&r, 0, sizeof(r));
	lf.unit = NULL;
	lf.status = NULL;
	lf.overdue_before = 20010; /* open, due before that day */
	assert_int_equal(store_case_list(f->st, &lf, list_row, &r, &err), 0);
	assert_string_equal(r.seen, "000001:assigned:C:20000;");
	memset(&r, 0, sizeof(r));
	lf.overdue_before = 20011;
	lf.unit = "A";
	assert_int_equal(store_case_list(f->st, &lf, list_row, &r, &err), 0);
	assert_string_equal(r.seen, "000002:assigned:A:20010;");
	for (int i = 0; i < 4; i++) {
		store_item_release(&it[i]);
	}
}

static int collect_uid(const struct store_calendar_entry *e, void *ctx)
{
	struct sbuf *sb = ctx;

	sbuf_addf(sb, "%s%s:%s:%d", sb->len ? " " : "", e->uid, e->party,
		  e->sequence);
	return 0;
}

static void test_calendar(void **state)
{
	struct fixture *f = *state;
	struct store_calendar_entry e = {.uid = "cv-1.lead.tc@x",
					 .recipient = "a@x, b@x",
					 .role = "lead",
					 .party = "TC",
					 .due_day = 20800};
	struct store_calendar_entry got;
	struct store_item it, other;
	struct sbuf sb = SBUF_INIT(1 << 16);
	char *err = NULL;
	int seq = -1;

	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(store_item_create(f->st, "CV", 2026, 10,
					   add_message(f->st, 1, "a@x"), "A",
					   "s@x", &it, &err),
			 0);
	assert_int_equal(store_item_create(f->st, "CV", 2026, 11,
					   add_message(f->st, 2, "b@x"), "B",
					   "s@x", &other, &err),
			 0);
	e.item_id = it.id;
	assert_int_equal(store_calendar_get(f->st, e.uid, &got, &err), 0);
	assert_null(got.uid);
	/* new: SEQUENCE 0, open */
	assert_int_equal(store_calendar_upsert(f->st, &e, &seq, &err), 0);
	assert_int_equal(seq, 0);
	assert_int_equal(
	    store_calendar_respond(f->st, e.uid, "accepted", 150, &err), 0);
	/* a new deadline: same UID, SEQUENCE raised, the answer forgotten */
	e.due_day = 20805;
	e.recipient = "a@x, b@x, c@x";
	assert_int_equal(store_calendar_upsert(f->st, &e, &seq, &err), 0);
	assert_int_equal(seq, 1);
	assert_int_equal(store_calendar_get(f->st, e.uid, &got, &err), 1);
	assert_string_equal(got.uid, "cv-1.lead.tc@x");
	assert_int_equal(got.item_id, it.id);
	assert_string_equal(got.recipient, "a@x, b@x, c@x");
	assert_string_equal(got.role, "lead");
	assert_string_equal(got.party, "TC");
	assert_int_equal(got.sequence, 1);
	assert_int_equal(got.due_day, 20805);
	assert_string_equal(got.state, "open");
	assert_null(got.response);
	store_calendar_entry_release(&got);
	store_calendar_entry_release(&got); /* safe twice */
	/* sent again unchanged: raised again */
	assert_int_equal(store_calendar_upsert(f->st, &e, &seq, &err), 0);
	assert_int_equal(seq, 2);

	/* other entries, one of another item */
	e.uid = "cv-1.handler.0123@x";
	e.role = "handler";
	e.party = "h@x";
	assert_int_equal(store_calendar_upsert(f->st, &e, &seq, &err), 0);
	assert_int_equal(seq, 0);
	e.uid = "cv-2.lead.tc@x";
	e.role = "lead";
	e.party = "TC";
	e.item_id = other.id;
	assert_int_equal(store_calendar_upsert(f->st, &e, &seq, &err), 0);
	assert_int_equal(
	    store_calendar_foreach_open(f->st, it.id, collect_uid, &sb, &err),
	    0);
	assert_string_equal(sbuf_str(&sb),
			    "cv-1.lead.tc@x:TC:2 cv-1.handler.0123@x:h@x:0");

	/* cancelled: SEQUENCE raised once, then no longer open */
	assert_int_equal(
	    store_calendar_cancel(f->st, "cv-1.lead.tc@x", &seq, &err), 1);
	assert_int_equal(seq, 3);
	assert_int_equal(
	    store_calendar_cancel(f->st, "cv-1.lead.tc@x", &seq, &err), 0);
	assert_int_equal(store_calendar_cancel(f->st, "nope@x", &seq, &err), 0);
	sbuf_reset(&sb);
	assert_int_equal(
	    store_calendar_foreach_open(f->st, it.id, collect_uid, &sb, &err),
	    0);
	assert_string_equal(sbuf_str(&sb), "cv-1.handler.0123@x:h@x:0");
	assert_int_equal(store_calendar_respond(f->st, "cv-1.handler.0123@x",
						"declined", 300, &err),
			 0);
	assert_int_equal(store_commit(f->st, &err), 0);
	assert_int_equal(
	    store_calendar_get(f->st, "cv-1.handler.0123@x", &got, &err), 1);
	assert_string_equal(got.response, "declined");
	assert_int_equal(got.responded_at, 300);
	store_calendar_entry_release(&got);
	assert_int_equal(
	    store_calendar_get(f->st, "cv-1.lead.tc@x", &got, &err), 1);
	assert_string_equal(got.state, "cancelled");
	store_calendar_entry_release(&got);

	/* the schema refuses what is not a role, state or answer */
	assert_int_equal(store_begin(f->st, &err), 0);
	e.uid = "bad@x";
	e.role = "boss";
	assert_int_equal(store_calendar_upsert(f->st, &e, &seq, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(
	    store_calendar_respond(f->st, "cv-2.lead.tc@x", "maybe", 1, &err),
	    -1);
	free(err);
	store_rollback(f->st);
	sbuf_release(&sb);
	store_item_release(&it);
	store_item_release(&other);
}

static int collect_feed(const char *kind, const char *subject, int64_t version,
			void *ctx)
{
	sbuf_addf(ctx, "%s:%s:%lld;", kind, subject, (long long)version);
	return 0;
}

static int collect_address(const char *address, void *ctx)
{
	sbuf_addf(ctx, "%s;", address);
	return 0;
}

/* Feed versions start at 1 and each revocation raises one; handlers are
 * listed once, lower-cased; an item's last change is its latest event. */
static void test_feed_tokens(void **state)
{
	struct fixture *f = *state;
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	struct store_event ev = {
	    .at = 500, .actor = "x", .kind = EV_REPLY_RECORDED};
	struct store_item a, b;
	int64_t v = 0;
	time_t at = -1;
	char *err = NULL;

	assert_int_equal(store_feed_version(f->st, "person", "a@x", &v, &err),
			 0);
	assert_int_equal(v, 1);
	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(
	    store_feed_revoke(f->st, "person", "a@x", 100, &v, &err), 0);
	assert_int_equal(v, 2);
	assert_int_equal(
	    store_feed_revoke(f->st, "person", "a@x", 200, &v, &err), 0);
	assert_int_equal(v, 3);
	assert_int_equal(store_feed_revoke(f->st, "unit", "vp", 200, &v, &err),
			 0);
	assert_int_equal(v, 2);
	/* only the three kinds */
	assert_int_equal(store_feed_revoke(f->st, "team", "x", 200, &v, &err),
			 -1);
	FREE_AND_NULL(err);
	assert_int_equal(store_item_create(f->st, "CV", 2026, 10,
					   add_message(f->st, 1, "a@x"), "A",
					   "s@x", &a, &err),
			 0);
	assert_int_equal(store_item_create(f->st, "CV", 2026, 10,
					   add_message(f->st, 2, "b@x"), "B",
					   "s@x", &b, &err),
			 0);
	assert_int_equal(
	    store_case_set_handler(f->st, a.id, "H@X", NULL, 1, &err), 0);
	assert_int_equal(
	    store_case_set_handler(f->st, b.id, "h@x", NULL, 1, &err), 0);
	ev.item_id = a.id;
	assert_int_equal(store_event_add(f->st, &ev, &err), 0);
	ev.at = 400;
	assert_int_equal(store_event_add(f->st, &ev, &err), 0);
	assert_int_equal(store_commit(f->st, &err), 0);

	assert_int_equal(store_feed_foreach(f->st, collect_feed, &sb, &err), 0);
	assert_string_equal(sbuf_str(&sb), "person:a@x:3;unit:vp:2;");
	sbuf_reset(&sb);
	assert_int_equal(
	    store_handler_foreach(f->st, collect_address, &sb, &err), 0);
	assert_string_equal(sbuf_str(&sb), "h@x;");
	sbuf_release(&sb);
	assert_int_equal(store_item_changed_at(f->st, a.id, &at, &err), 0);
	assert_int_equal(at, 500);
	assert_int_equal(store_item_changed_at(f->st, b.id, &at, &err), 0);
	assert_int_equal(at, 0);
	store_item_release(&a);
	store_item_release(&b);
}

/* A read-only connection beside the writer sees what it committed,
 * writes nothing, and refuses a database of another schema. */
static void test_readonly(void **state)
{
	struct fixture *f = *state;
	struct store *ro;
	char *err = NULL;
	char *pragma;
	int64_t v = 0;

	ro = store_open_readonly(f->path, &err);
	assert_non_null(ro);
	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(
	    store_feed_revoke(f->st, "office", "office", 1, &v, &err), 0);
	assert_int_equal(store_begin_read(ro, &err), 0);
	assert_int_equal(store_feed_version(ro, "office", "office", &v, &err),
			 0);
	assert_int_equal(v, 1); /* not committed yet */
	store_rollback(ro);
	assert_int_equal(store_commit(f->st, &err), 0);
	assert_int_equal(store_feed_version(ro, "office", "office", &v, &err),
			 0);
	assert_int_equal(v, 2);
	assert_int_equal(store_feed_revoke(ro, "office", "office", 1, &v, &err),
			 -1);
	assert_non_null(strstr(err, "readonly"));
	FREE_AND_NULL(err);
	store_close(&ro);
	store_close(&ro);

	pragma =
	    xasprintf("PRAGMA user_version = %d;", store_schema_version() - 1);
	assert_int_equal(sql(f->path, pragma), 0);
	free(pragma);
	assert_null(store_open_readonly(f->path, &err));
	assert_non_null(strstr(err, "schema version"));
	FREE_AND_NULL(err);
	assert_null(store_open_readonly("/nonexistent/x.db", &err));
	assert_non_null(strstr(err, "/nonexistent/x.db"));
	free(err);
}

static int collect_failed(const struct store_event *ev, void *ctx)
{
	struct sbuf *sb = ctx;

	sbuf_addf(sb, "%lld %s;", (long long)ev->id,
		  ev->fields.address ? ev->fields.address : "-");
	return 0;
}

static void add_failed(struct store *st, const char *address)
{
	const struct event_data d = {.address = address, .text = "550 No"};
	struct store_event ev = {.at = 1, .item_id = 0, .kind = EV_MAIL_FAILED};
	char *err = NULL;

	ev.detail = event_describe(ev.kind, &d);
	ev.data = event_data_json(ev.kind, &d);
	assert_int_equal(store_event_add(st, &ev, &err), 0);
	free((char *)ev.detail);
	free((char *)ev.data);
}

/* The mail-failed events after the watermark, read by id range; a
 * database upgraded with events starts after them (nothing old is
 * told), a new one from the start. */
static void test_undelivered(void **state)
{
	struct fixture *f = *state;
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	struct store_event other = {.at = 1, .kind = EV_REGISTERED};
	int64_t told = -1, last = -1;
	char *err = NULL, *pragma;

	assert_int_equal(store_undelivered_range(f->st, &told, &last, &err), 0);
	assert_int_equal(told, 0);
	assert_int_equal(last, 0);
	add_failed(f->st, "a@x");                                  /* 1 */
	assert_int_equal(store_event_add(f->st, &other, &err), 0); /* 2 */
	add_failed(f->st, "b@x, c@x");                             /* 3 */
	add_failed(f->st, NULL);                                   /* 4 */
	assert_int_equal(store_undelivered_range(f->st, &told, &last, &err), 0);
	assert_int_equal(told, 0);
	assert_int_equal(last, 4);
	assert_int_equal(store_undelivered_foreach(f->st, 0, 4, 10,
						   collect_failed, &sb, &err),
			 0);
	assert_string_equal(sbuf_str(&sb), "1 a@x;3 b@x, c@x;4 -;");
	sbuf_reset(&sb);
	/* a range and a limit */
	assert_int_equal(store_undelivered_foreach(f->st, 1, 3, 10,
						   collect_failed, &sb, &err),
			 0);
	assert_string_equal(sbuf_str(&sb), "3 b@x, c@x;");
	sbuf_reset(&sb);
	assert_int_equal(store_undelivered_foreach(f->st, 0, 4, 1,
						   collect_failed, &sb, &err),
			 0);
	assert_string_equal(sbuf_str(&sb), "1 a@x;");
	sbuf_reset(&sb);
	assert_int_equal(store_undelivered_told(f->st, 3, &err), 0);
	assert_int_equal(store_undelivered_range(f->st, &told, &last, &err), 0);
	assert_int_equal(told, 3);
	assert_int_equal(last, 4);

	/* the schema before with these events: the migration starts after
	 * them */
	store_close(&f->st);
	pragma = xasprintf(UNDO_SCHEMA_17 " PRAGMA user_version = 16;");
	assert_int_equal(sql(f->path, pragma), 0);
	free(pragma);
	f->st = store_open(f->path, &err);
	assert_non_null(f->st);
	assert_int_equal(store_undelivered_range(f->st, &told, &last, &err), 0);
	assert_int_equal(told, 4);
	assert_int_equal(last, 4);
	/* no watermark at all: nothing before now either */
	assert_int_equal(sql(f->path, "DELETE FROM undelivered_told;"), 0);
	assert_int_equal(store_undelivered_range(f->st, &told, &last, &err), 0);
	assert_int_equal(told, 4);
	sbuf_release(&sb);
}

static void test_item_numbering(void **state)
{
	struct fixture *f = *state;
	struct store_item a, b, c, got;
	char *err = NULL;

	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(store_item_create(f->st, "CV", 2026, 10,
					   add_message(f->st, 1, "a@x"), "A",
					   "s@x", &a, &err),
			 0);
	assert_int_equal(store_item_create(f->st, "CV", 2026, 11,
					   add_message(f->st, 2, "b@x"), "B",
					   "s@x", &b, &err),
			 0);
	assert_int_equal(store_item_create(f->st, "CV", 2027, 12,
					   add_message(f->st, 3, "c@x"), "C",
					   "s@x", &c, &err),
			 0);
	assert_int_equal(store_commit(f->st, &err), 0);
	assert_string_equal(a.key, "CV-2026-000001");
	assert_string_equal(b.key, "CV-2026-000002");
	assert_string_equal(c.key, "CV-2027-000001");
	assert_int_equal(store_item_get(f->st, "CV-2026-000002", &got, &err),
			 1);
	assert_string_equal(got.subject, "B");
	assert_int_equal(got.status, ITEM_REGISTERED);
	store_item_release(&got);
	assert_int_equal(store_item_get(f->st, "CV-2026-000009", &got, &err),
			 0);
}

static void test_rollback_loses_uncommitted(void **state)
{
	struct fixture *f = *state;
	struct store_sync sync;
	int64_t n = -1, id = 0;
	char *err = NULL;

	assert_int_equal(store_begin(f->st, &err), 0);
	add_message(f->st, 5, "r@x");
	assert_int_equal(store_sync_set(f->st, "INBOX", 7, 5, &err), 0);
	store_rollback(f->st);
	assert_int_equal(store_sync_get(f->st, "INBOX", &sync, &err), 0);
	assert_false(sync.known);
	assert_int_equal(store_message_by_uid(f->st, "INBOX", 7, 5, &id, &err),
			 0);
	assert_int_equal(store_item_count(f->st, &n, &err), 0);
	assert_int_equal(n, 0);
}

static void test_message_identity(void **state)
{
	struct fixture *f = *state;
	int64_t first, id = 0;
	char *err = NULL;

	first = add_message(f->st, 1, "same@x");
	add_message(f->st, 2, "same@x");
	assert_int_equal(
	    store_message_by_identity(f->st, "same@x", NULL, &id, &err), 1);
	assert_int_equal(id, first);
	assert_int_equal(
	    store_message_by_identity(f->st, "other@x", NULL, &id, &err), 0);
	assert_int_equal(store_message_by_uid(f->st, "INBOX", 7, 2, &id, &err),
			 1);
	/* The same UIDVALIDITY + UID twice is refused by the schema. */
	{
		struct store_message m = {.mailbox = "INBOX",
					  .uidvalidity = 7,
					  .uid = 2,
					  .sha256 = "00",
					  .kind = "letter"};

		assert_int_equal(store_message_insert(f->st, &m, &id, &err),
				 -1);
		assert_non_null(err);
		free(err);
	}
}

static void test_events_append_only(void **state)
{
	struct fixture *f = *state;
	struct store_event ev = {
	    .at = 1, .kind = EV_REPLY_RECORDED, .detail = "x"};
	char *err = NULL;

	assert_int_equal(store_event_add(f->st, &ev, &err), 0);
	assert_int_equal(store_begin(f->st, &err), 0);
	store_rollback(f->st);
	/* Direct SQL through a second connection is refused. */
	{
		char *cmd = xasprintf("sqlite3 '%s' \"DELETE FROM events\""
				      " 2>/dev/null",
				      f->path);

		assert_int_not_equal(system(cmd), 0);
		free(cmd);
	}
}

static int count_cb(const struct store_outbox *o, void *ctx)
{
	int *n = ctx;

	assert_non_null(o->data);
	assert_int_equal(o->data_len, 5);
	(*n)++;
	return 0;
}

/* What an entry handed over with its message holds, copied. */
struct packed_row {
	int n;
	char data[64]; /* the messages handed over, each followed by '|' */
	bool error;
};

static int packed_cb(const struct store_outbox *o, void *ctx)
{
	struct packed_row *r = ctx;
	size_t at = strlen(r->data);

	r->n++;
	r->error = o->data_error != NULL;
	assert_true((o->data == NULL) == r->error);
	snprintf(r->data + at, sizeof(r->data) - at, "%.*s|", (int)o->data_len,
		 o->data ? o->data : "");
	return 0;
}

/* The message of queued mail goes into the pack (schema 19): read back
 * as written, beside one queued before (outbox_data); a pack that cannot
 * give it hands the entry over with data_error, not a failure of the
 * whole read, and the others still come. */
static void test_outbox_packed(void **state)
{
	struct fixture *f = *state;
	struct store_outbox o = notice_queued("first message");
	struct packed_row r = {0};
	int64_t id1, id2;
	char *err = NULL, *pack, *cmd;

	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(store_outbox_add(f->st, &o, &id1, &err), 0);
	o.message_id = "m2@x";
	o.data = "second";
	o.data_len = 6;
	assert_int_equal(store_outbox_add(f->st, &o, &id2, &err), 0);
	assert_int_equal(store_commit(f->st, &err), 0);
	/* nothing of either in the database */
	cmd = xasprintf("test \"$(sqlite3 '%s' 'SELECT COUNT(*) FROM"
			" outbox_data; SELECT SUM(data_size) FROM outbox')\""
			" = \"$(printf '0\\n19')\"",
			f->path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	/* one queued before schema 19, its message in outbox_data */
	assert_int_equal(
	    sql(f->path,
		"INSERT INTO outbox (id, created_at, kind,"
		" message_id, mail_from, rcpt, next_attempt_at) VALUES"
		" (9, 10, 'notice', 'm0@x', 'a@x', 'b@x', 10);"
		" INSERT INTO outbox_data VALUES (9, 'queued before');"),
	    0);
	assert_int_equal(
	    store_outbox_due(f->st, 20, 10, true, packed_cb, &r, &err), 0);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.data, "first message|second|queued before|");
	assert_false(r.error);
	assert_int_equal(store_outbox_sent(f->st, 9, 11, &err), 0);
	assert_int_equal(store_outbox_sent(f->st, id2, 11, &err), 0);
	/* the pack cut short: the entry comes with why */
	pack = xasprintf("%s.raw/pack-000001", f->path);
	assert_int_equal(truncate(pack, 5), 0);
	r = (struct packed_row){0};
	assert_int_equal(
	    store_outbox_due(f->st, 20, 10, true, packed_cb, &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_true(r.error);
	assert_string_equal(r.data, "|");
	assert_null(err);
	free(pack);
}

/* An entry handed over to be put off: everything but its message. */
static int head_cb(const struct store_outbox *o, void *ctx)
{
	int *n = ctx;

	assert_null(o->data);
	assert_int_equal(o->data_len, 0);
	assert_string_equal(o->rcpt, "b@x");
	assert_string_equal(o->message_id, "m1@x");
	assert_int_equal(o->created_at, 10);
	(*n)++;
	return 0;
}

static void test_outbox(void **state)
{
	struct fixture *f = *state;
	struct store_outbox o = notice_queued("hello");
	struct store_outbox_stats stats;
	int64_t id, pending = -1;
	time_t next = -1;
	int n = 0;
	char *err = NULL;

	assert_int_equal(store_outbox_add(f->st, &o, &id, &err), 0);
	o.message_id = "m2@x";
	o.next_attempt_at = 50;
	assert_int_equal(store_outbox_add(f->st, &o, NULL, &err), 0);
	assert_int_equal(
	    store_outbox_due(f->st, 20, 10, true, count_cb, &n, &err), 0);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(
	    store_outbox_due(f->st, 20, 10, false, head_cb, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_outbox_retry(f->st, id, 100, "451 later", &err),
			 0);
	n = 0;
	assert_int_equal(
	    store_outbox_due(f->st, 60, 10, true, count_cb, &n, &err), 0);
	assert_int_equal(n, 1);
	/* what a cycle asks: the soonest due of the pending only */
	assert_int_equal(store_outbox_next_due(f->st, &next, &err), 0);
	assert_int_equal(next, 50);
	assert_int_equal(store_outbox_pending(f->st, &pending, &err), 0);
	assert_int_equal(pending, 2);
	assert_int_equal(store_outbox_sent(f->st, id, 120, &err), 0);
	assert_int_equal(store_outbox_stats(f->st, &stats, &err), 0);
	assert_int_equal(stats.pending, 1);
	assert_int_equal(stats.sent, 1);
	assert_int_equal(stats.next_due, 50);
	assert_int_equal(store_outbox_pending(f->st, &pending, &err), 0);
	assert_int_equal(pending, 1);
	assert_int_equal(store_outbox_retry(f->st, id + 1, 70, "451", &err), 0);
	assert_int_equal(store_outbox_next_due(f->st, &next, &err), 0);
	assert_int_equal(next, 70);
	assert_int_equal(store_outbox_sent(f->st, id + 1, 80, &err), 0);
	assert_int_equal(store_outbox_next_due(f->st, &next, &err), 0);
	assert_int_equal(next, 0);
	assert_int_equal(store_outbox_pending(f->st, &pending, &err), 0);
	assert_int_equal(pending, 0);
	/* The same Message-ID cannot be queued twice. */
	assert_int_equal(store_outbox_add(f->st, &o, NULL, &err), -1);
	free(err);
}

/* The ids of the entries handed over, without their messages. */
struct ids {
	int n;
	int64_t id[8];
};

static int ids_cb(const struct store_outbox *o, void *ctx)
{
	struct ids *ids = ctx;

	assert_null(o->data);
	assert_true(ids->n < 8);
	ids->id[ids->n++] = o->id;
	return 0;
}

/* The mail to give up on while the server is down: pending, due, queued
 * by the time given, in the order queued; neither mail sent nor mail
 * whose retry is not due yet.  (outbox_pending_age: INDEXED BY makes the
 * query fail without the index.) */
static void test_outbox_expired(void **state)
{
	static const struct {
		const char *msgid;
		time_t created, next;
	} mail[] = {
	    {"new@x", 200, 200},  /* queued after the limit */
	    {"retry@x", 20, 500}, /* its retry not due before 500 */
	    {"old@x", 10, 10},
	    {"sent@x", 5, 5},
	};
	struct fixture *f = *state;
	struct store_outbox o = {.kind = "notice",
				 .mail_from = "a@x",
				 .rcpt = "b@x",
				 .data = "hello",
				 .data_len = 5};
	/* at now, at most limit: the n entries of mail[] in which, in
	 * order; the retry becomes due at 500, the oldest comes first */
	static const struct {
		time_t now;
		int limit, n;
		size_t which[2];
	} asks[] = {{300, 10, 1, {2}}, {600, 10, 2, {2, 1}}, {600, 1, 1, {2}}};
	int64_t id[4];
	char *err = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(mail); i++) {
		o.message_id = mail[i].msgid;
		o.created_at = mail[i].created;
		o.next_attempt_at = mail[i].next;
		assert_int_equal(store_outbox_add(f->st, &o, &id[i], &err), 0);
	}
	assert_int_equal(store_outbox_sent(f->st, id[3], 6, &err), 0);
	for (size_t i = 0; i < ARRAY_SIZE(asks); i++) {
		struct ids got = {0};

		assert_int_equal(store_outbox_expired(f->st, asks[i].now, 50,
						      asks[i].limit, ids_cb,
						      &got, &err),
				 0);
		assert_int_equal(got.n, asks[i].n);
		for (int k = 0; k < got.n; k++) {
			/* indexes into mail[] */
			assert_int_equal(got.id[k], id[asks[i].which[k]]);
		}
	}
	assert_null(err);
}

static off_t file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? sb.st_size : -1;
}

/* One transaction larger than STORE_WAL_KEEP grows the WAL past it; once
 * copied into the database, the next transaction cuts it back to it (not
 * only the close, months away for serve).  Events of 1 MiB write it: the
 * messages of queued mail go into the packs (schema 19). */
static void test_wal_cut_back(void **state)
{
	struct fixture *f = *state;
	size_t len = (size_t)1 << 20;
	char *detail = xmalloc(len + 1);
	char *wal = xasprintf("%s-wal", f->path);
	char *err = NULL;
	struct store_event ev = {.at = 1, .kind = EV_MAIL_FAILED};

	memset(detail, 'x', len);
	detail[len] = '\0';
	ev.detail = detail;
	assert_int_equal(store_begin(f->st, &err), 0);
	for (int i = 0; (off_t)i * (off_t)len < STORE_WAL_KEEP + (8 << 20);
	     i++) {
		detail[0] = (char)('a' + i % 26); /* no two pages alike */
		detail[1] = (char)('a' + i / 26 % 26);
		assert_int_equal(store_event_add(f->st, &ev, &err), 0);
	}
	assert_int_equal(store_commit(f->st, &err), 0);
	assert_true(file_size(wal) > STORE_WAL_KEEP);
	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(store_event_add(f->st, &ev, &err), 0);
	assert_int_equal(store_commit(f->st, &err), 0);
	assert_true(file_size(wal) <= STORE_WAL_KEEP);
	assert_null(err);
	free(wal);
	free(detail);
}

/* The outbox row handed over by store_outbox_due, copied. */
struct due_row {
	int n;
	char rcpt[64], rcpt_left[64];
	int attempts;
	time_t next;
};

static int due_row_cb(const struct store_outbox *o, void *data)
{
	struct due_row *r = data;

	r->n++;
	snprintf(r->rcpt, sizeof(r->rcpt), "%s", o->rcpt);
	snprintf(r->rcpt_left, sizeof(r->rcpt_left), "%s",
		 o->rcpt_left ? o->rcpt_left : "(null)");
	r->attempts = o->attempts;
	r->next = o->next_attempt_at;
	return 0;
}

/* A message the server took for some recipients and refused for now for
 * others keeps all of them in rcpt, and the others in rcpt_left, with a
 * try counted and its retry; not due before then. */
static void test_outbox_narrow(void **state)
{
	struct fixture *f = *state;
	struct store_outbox o = {.kind = "notice",
				 .message_id = "m@x",
				 .mail_from = "a@x",
				 .rcpt = "b@x\nc@x\nd@x",
				 .data = "hello",
				 .data_len = 5,
				 .created_at = 10,
				 .next_attempt_at = 10};
	struct due_row r = {0};
	int64_t id;
	char *err = NULL;

	assert_int_equal(store_outbox_add(f->st, &o, &id, &err), 0);
	assert_int_equal(
	    store_outbox_due(f->st, 10, 10, true, due_row_cb, &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.rcpt_left, "(null)");
	assert_int_equal(store_outbox_narrow(f->st, id, "c@x\nd@x", 100,
					     "452 4.5.3 Too many recipients",
					     &err),
			 0);
	memset(&r, 0, sizeof(r));
	assert_int_equal(
	    store_outbox_due(f->st, 99, 10, true, due_row_cb, &r, &err), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(
	    store_outbox_due(f->st, 100, 10, true, due_row_cb, &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.rcpt, "b@x\nc@x\nd@x");
	assert_string_equal(r.rcpt_left, "c@x\nd@x");
	assert_int_equal(r.attempts, 1);
	assert_int_equal(r.next, 100);
	assert_null(err);
}

/* Counts per recipient (without case), per item (mail about an item
 * never counts against mail about no item, nor the other way), after a
 * given instant. */
static void test_outbox_rcpt(void **state)
{
	static const struct {
		const char *rcpt;
		bool on_item; /* the item's mail, else mail about none */
		time_t since;
		int64_t n;
	} cases[] = {
	    {"b@x.vn", false, 0, 3},   {"B@X.VN", false, 0, 3},
	    {"b@x.vn", false, 99, 3},  {"b@x.vn", false, 100, 2},
	    {"b@x.vn", false, 299, 1}, {"b@x.vn", false, 300, 0},
	    {"c@x.vn", false, 0, 1},   {"x@x.vn", false, 0, 0},
	    {"", false, 0, 0},         {"b@x.v", false, 0, 0},
	    {"%", false, 0, 0},        {"b@x.vn", true, 0, 2},
	    {"B@x.VN", true, 399, 1},  {"b@x.vn", true, 400, 0},
	    {"c@x.vn", true, 0, 0},
	};
	struct store_item it;
	struct store_outbox o = {.created_at = 100,
				 .kind = "notice",
				 .message_id = "m1@x",
				 .mail_from = "a@x",
				 .rcpt = "b@x.vn\nc@x.vn",
				 .data = "hello",
				 .data_len = 5,
				 .next_attempt_at = 100};
	struct fixture *f = *state;
	int64_t id = 0, id2 = 0, id3 = 0, n;
	char *err = NULL;

	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(store_outbox_add(f->st, &o, &id, &err), 0);
	o.message_id = "m2@x";
	assert_int_equal(store_outbox_add(f->st, &o, &id2, &err), 0);
	assert_int_equal(store_item_create(f->st, "CV", 2026, 10,
					   add_message(f->st, 1, "a@x"), "A",
					   "s@x", &it, &err),
			 0);
	o.message_id = "m3@x";
	o.item_id = it.id;
	assert_int_equal(store_outbox_add(f->st, &o, &id3, &err), 0);
	assert_int_equal(
	    store_outbox_rcpt_add(f->st, id, 0, "b@x.vn", 100, &err), 0);
	assert_int_equal(
	    store_outbox_rcpt_add(f->st, id, 0, "c@x.vn", 100, &err), 0);
	assert_int_equal(
	    store_outbox_rcpt_add(f->st, id2, 0, "B@x.vn", 200, &err), 0);
	assert_int_equal(
	    store_outbox_rcpt_add(f->st, id2, 0, "b@X.vn", 300, &err), 0);
	assert_int_equal(
	    store_outbox_rcpt_add(f->st, id3, it.id, "b@x.vn", 300, &err), 0);
	assert_int_equal(
	    store_outbox_rcpt_add(f->st, id3, it.id, "b@x.vn", 400, &err), 0);
	assert_int_equal(store_commit(f->st, &err), 0);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		n = -1;
		assert_int_equal(
		    store_outbox_rcpt_count(f->st, cases[i].rcpt,
					    cases[i].on_item ? it.id : 0,
					    cases[i].since, &n, &err),
		    0);
		if (n != cases[i].n) {
			fail_msg("case %zu: '%s' since %lld: %lld, want %lld",
				 i, cases[i].rcpt, (long long)cases[i].since,
				 (long long)n, (long long)cases[i].n);
		}
	}
	/* An entry that is not in the outbox is refused (foreign key). */
	assert_int_equal(
	    store_outbox_rcpt_add(f->st, 999, 0, "b@x.vn", 100, &err), -1);
	assert_non_null(strstr(err, "outbox recipient"));
	free(err);
}

static void test_blobs(void **state)
{
	struct fixture *f = *state;
	char sha[STORE_SHA_HEX], sha2[STORE_SHA_HEX];
	char *data = NULL, *err = NULL;
	size_t len = 0;

	assert_int_equal(store_blob_put(f->st, "abc", 3, sha, &err), 0);
	assert_string_equal(sha, "ba7816bf8f01cfea414140de5dae2223"
				 "b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(store_blob_put(f->st, "abc", 3, sha2, &err), 0);
	assert_int_equal(store_blob_sync(f->st, &err), 0);
	assert_int_equal(store_blob_get(f->st, sha, &data, &len, &err), 0);
	assert_int_equal(len, 3);
	assert_memory_equal(data, "abc", 3);
	free(data);
	assert_int_equal(
	    store_blob_get(f->st, "../../etc/passwd", &data, &len, &err), -1);
	free(err);
}

struct placed_write {
	struct store_blob_place place;
	const char *data;
	char *err;
	int rc;
};

static void *write_placed(void *arg)
{
	struct placed_write *w = arg;

	w->rc = store_blob_write(&w->place, w->data, strlen(w->data), &w->err);
	return NULL;
}

/* One number the database at path answers to sql. */
static int64_t query_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int64_t v;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static void assert_blob(struct store *st, const char *data)
{
	char sha[STORE_SHA_HEX], *got = NULL, *err = NULL;
	size_t len = 0;

	store_blob_hash(data, strlen(data), sha);
	assert_int_equal(store_blob_get(st, sha, &got, &len, &err), 0);
	assert_int_equal(len, strlen(data));
	assert_memory_equal(got, data, len);
	free(got);
}

/* Places reserved in order and written by other threads in any order are
 * kept where they were reserved; bytes already kept are not recorded
 * twice; the intake thread's own writes go after every reservation; and
 * a pack about to pass its size makes the next reservation open another
 * pack, the old one's bytes still readable. */
static void test_blobs_placed(void **state)
{
	static const char *const msgs[] = {"first message", "second, longer",
					   "third", "first message"};
	struct fixture *f = *state;
	struct placed_write w[ARRAY_SIZE(msgs)];
	pthread_t t[ARRAY_SIZE(msgs)];
	char sha[STORE_SHA_HEX], *err = NULL, *p;
	struct stat sb;

	assert_int_equal(store_begin(f->st, &err), 0);
	for (size_t i = 0; i < ARRAY_SIZE(msgs); i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].data = msgs[i];
		assert_int_equal(store_blob_reserve(f->st, strlen(msgs[i]),
						    &w[i].place, &err),
				 0);
		assert_int_equal(w[i].place.pack_no, 1);
	}
	for (size_t i = ARRAY_SIZE(msgs); i-- > 0;) {
		assert_int_equal(
		    pthread_create(&t[i], NULL, write_placed, &w[i]), 0);
	}
	for (size_t i = 0; i < ARRAY_SIZE(msgs); i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(w[i].rc, 0);
		store_blob_hash(msgs[i], strlen(msgs[i]), sha);
		assert_int_equal(store_blob_put_placed(f->st, sha,
						       strlen(msgs[i]),
						       &w[i].place, &err),
				 0);
	}
	assert_int_equal(store_blob_put(f->st, "own", 3, sha, &err), 0);
	assert_int_equal(store_commit(f->st, &err), 0);
	for (size_t i = 0; i < ARRAY_SIZE(msgs); i++) {
		assert_blob(f->st, msgs[i]);
	}
	assert_blob(f->st, "own");
	/* the repeat was written but is not recorded: one row each */
	assert_int_equal(query_int(f->path, "SELECT COUNT(*) FROM blobs"), 4);
	assert_int_equal(query_int(f->path, "SELECT offset FROM blobs"
					    " WHERE size = 3 AND pack = 1"),
			 w[3].place.offset + 13);

	/* A pack 16 bytes short of its size (sparse): 8 bytes still fit,
	 * the next 17 go to pack 2; the 8 reserved in pack 1 and written
	 * only after pack 2 opened still land in pack 1. */
	store_close(&f->st);
	p = xasprintf("%s.raw/pack-000001", f->path);
	assert_int_equal(truncate(p, STORE_PACK_MAX - 16), 0);
	f->st = store_open(f->path, &err);
	assert_non_null(f->st);
	assert_int_equal(store_begin(f->st, &err), 0);
	memset(w, 0, 2 * sizeof(w[0]));
	w[0].data = "in pack1";
	w[1].data = "to the next pack!";
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(store_blob_reserve(f->st, strlen(w[i].data),
						    &w[i].place, &err),
				 0);
		assert_int_equal(w[i].place.pack_no, (int64_t)i + 1);
	}
	assert_int_equal(w[1].place.offset, 0);
	for (size_t i = 2; i-- > 0;) {
		write_placed(&w[i]);
		assert_int_equal(w[i].rc, 0);
		store_blob_hash(w[i].data, strlen(w[i].data), sha);
		assert_int_equal(store_blob_put_placed(f->st, sha,
						       strlen(w[i].data),
						       &w[i].place, &err),
				 0);
	}
	assert_int_equal(store_commit(f->st, &err), 0);
	assert_blob(f->st, w[0].data);
	assert_blob(f->st, w[1].data);
	assert_blob(f->st, msgs[1]);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_size, STORE_PACK_MAX - 8);
	free(p);
}

static mode_t mode_of(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	struct stat sb;

	assert_int_equal(stat(p, &sb), 0);
	free(p);
	return sb.st_mode & 07777;
}

/* Letters and replies are for the service user only; an older database
 * made readable by others is tightened when it opens. */
static void test_file_modes(void **state)
{
	struct fixture *f = *state;
	char sha[STORE_SHA_HEX], *err = NULL;
	char *p;

	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(store_blob_put(f->st, "raw", 3, sha, &err), 0);
	assert_int_equal(store_commit(f->st, &err), 0);
	assert_int_equal(mode_of(f->dir, "t.db"), 0600);
	assert_int_equal(mode_of(f->dir, "t.db-wal"), 0600);
	assert_int_equal(mode_of(f->dir, "t.db-shm"), 0600);
	assert_int_equal(mode_of(f->dir, "t.db.raw"), 0700);
	assert_int_equal(mode_of(f->dir, "t.db.raw/pack-000001"), 0600);

	store_close(&f->st);
	p = xasprintf("%s.raw/pack-000001", f->path);
	assert_int_equal(chmod(f->path, 0644), 0);
	assert_int_equal(chmod(p, 0644), 0);
	free(p);
	p = xasprintf("%s.raw", f->path);
	assert_int_equal(chmod(p, 0755), 0);
	free(p);
	f->st = store_open(f->path, &err);
	assert_non_null(f->st);
	assert_int_equal(mode_of(f->dir, "t.db"), 0600);
	assert_int_equal(mode_of(f->dir, "t.db.raw"), 0700);
	assert_int_equal(mode_of(f->dir, "t.db.raw/pack-000001"), 0600);
}

/* A second lock on the same database is refused and names the holder;
 * after the unlock it is granted. */
static void test_lock(void **state)
{
	struct fixture *f = *state;
	struct store_lock *one = NULL, *two = NULL;
	char *err = NULL;
	long holder = -1;

	assert_int_equal(store_lock(f->path, &one, &holder, &err), 0);
	assert_non_null(one);
	assert_int_equal(holder, 0);
	assert_int_equal(mode_of(f->dir, "t.db.lock"), 0600);
	assert_int_equal(store_lock(f->path, &two, &holder, &err), 1);
	assert_null(two);
	assert_int_equal(holder, (long)getpid());
	store_unlock(&one);
	assert_null(one);
	store_unlock(&one); /* NULL-safe */
	assert_int_equal(store_lock(f->path, &two, &holder, &err), 0);
	store_unlock(&two);
	assert_int_equal(
	    store_lock("/nonexistent/dir/t.db", &one, &holder, &err), -1);
	assert_non_null(strstr(err, "/nonexistent/dir/t.db.lock"));
	free(err);
}

/* The WAL is copied into the database by the checkpoint thread while
 * the writer goes on, and past its bound by the writer's own commit: the
 * WAL stays bounded and every transaction is kept. */
static void test_checkpoint_behind(void **state)
{
	enum { TXS = 300, EVENTS = 8, FRAMES = 64, FRAMES_MAX = 256 };
	struct fixture *f = *state;
	struct store_event ev = {
	    .at = 100, .actor = "test", .kind = EV_UIDVALIDITY_CHANGED};
	char detail[2000], *err = NULL, *wal = xasprintf("%s-wal", f->path);
	struct stat sb;
	off_t wal_max = 0;
	sqlite3 *db;
	sqlite3_stmt *s;

	memset(detail, 'x', sizeof(detail) - 1);
	detail[sizeof(detail) - 1] = '\0';
	ev.detail = detail;
	store_checkpoint_set_frames(f->st, FRAMES, FRAMES_MAX);
	for (int t = 0; t < TXS; t++) {
		assert_int_equal(store_begin(f->st, &err), 0);
		for (int e = 0; e < EVENTS; e++) {
			detail[0] = (char)('a' + e);
			assert_int_equal(store_event_add(f->st, &ev, &err), 0);
		}
		assert_int_equal(store_commit(f->st, &err), 0);
		assert_int_equal(stat(wal, &sb), 0);
		wal_max = sb.st_size > wal_max ? sb.st_size : wal_max;
	}
	assert_true(store_checkpoint_wait(f->st) > 0);
	/* a transaction's few pages past the bound at most, not the 2,700
	 * pages written */
	assert_true(wal_max <= (off_t)(FRAMES_MAX + FRAMES) * (4096 + 24));
	/* copied into the database before it was closed */
	assert_int_equal(stat(f->path, &sb), 0);
	assert_true(sb.st_size > (off_t)TXS * EVENTS * 1000);

	assert_int_equal(
	    sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT COUNT(*) FROM events"
					    " WHERE actor = 'test'",
					    -1, &s, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), TXS * EVENTS);
	sqlite3_finalize(s);
	sqlite3_close(db);
	free(wal);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_schema, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_migrations, setup, teardown),
	    cmocka_unit_test(test_check_lists_unrolled),
	    cmocka_unit_test_setup_teardown(test_schema_check_lists, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_migration_8, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_migration_12, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_history, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_migration_3, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_migration_13, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_migration_14, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_undelivered, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_outbox_narrow, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_outbox_packed, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_wal_cut_back, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_outbox_expired, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_readings, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_letters, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_cases, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_case_applied, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_reports_sent, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_report_rows, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_calendar, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_feed_tokens, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_readonly, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_item_numbering, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_rollback_loses_uncommitted,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_message_identity, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_events_append_only, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_outbox, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_outbox_rcpt, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_blobs, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_blobs_placed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_checkpoint_behind, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_file_modes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_lock, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_report_histories_and_list,
					    setup, teardown),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
