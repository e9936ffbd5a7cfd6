#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "congvan/util.h"
#include "congvan/workday.h"
#include "private.h"

/* STORE_WAL_KEEP as the text of a PRAGMA. */
#define TEXT_OF(x)    #x
#define WAL_KEEP_TEXT TEXT_OF(STORE_WAL_KEEP)

/* Forward migrations: entry i takes the schema from version i to i + 1. */
static const char *const migrations[] = {
    /* 0 -> 1 */
    "CREATE TABLE blobs ("
    "  sha256 TEXT PRIMARY KEY,"
    "  pack INTEGER NOT NULL,"
    "  offset INTEGER NOT NULL,"
    "  size INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE mailbox_sync ("
    "  mailbox TEXT PRIMARY KEY,"
    "  uidvalidity INTEGER NOT NULL,"
    "  last_uid INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE items ("
    "  id INTEGER PRIMARY KEY,"
    "  key TEXT NOT NULL UNIQUE,"
    "  year INTEGER NOT NULL,"
    "  arrival_no INTEGER NOT NULL,"
    "  registered_at INTEGER NOT NULL,"
    "  message_id INTEGER NOT NULL,"
    "  subject TEXT,"
    "  sender TEXT,"
    "  status TEXT NOT NULL DEFAULT 'registered',"
    "  UNIQUE (year, arrival_no));"
    "CREATE TABLE messages ("
    "  id INTEGER PRIMARY KEY,"
    "  received_at INTEGER NOT NULL,"
    "  mailbox TEXT NOT NULL,"
    "  uidvalidity INTEGER NOT NULL,"
    "  uid INTEGER NOT NULL,"
    "  sha256 TEXT NOT NULL,"
    "  size INTEGER NOT NULL,"
    "  message_id TEXT,"
    "  in_reply_to TEXT,"
    "  from_addr TEXT,"
    "  from_name TEXT,"
    "  subject TEXT,"
    "  kind TEXT NOT NULL"
    "    CHECK (kind IN ('letter', 'reply', 'auto', 'bounce')),"
    "  kind_reason TEXT,"
    "  duplicate_of INTEGER REFERENCES messages(id),"
    "  item_id INTEGER REFERENCES items(id),"
    "  UNIQUE (mailbox, uidvalidity, uid));"
    "CREATE INDEX messages_message_id ON messages(message_id);"
    "CREATE INDEX messages_sha256 ON messages(sha256);"
    "CREATE TABLE outbox ("
    "  id INTEGER PRIMARY KEY,"
    "  item_id INTEGER REFERENCES items(id),"
    "  created_at INTEGER NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  message_id TEXT NOT NULL UNIQUE,"
    "  mail_from TEXT NOT NULL,"
    "  rcpt TEXT NOT NULL,"
    "  data BLOB NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'pending'"
    "    CHECK (status IN ('pending', 'sent', 'failed')),"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  next_attempt_at INTEGER NOT NULL,"
    "  last_error TEXT,"
    "  done_at INTEGER);"
    "CREATE INDEX outbox_due ON outbox(status, next_attempt_at);"
    "CREATE TABLE events ("
    "  id INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  item_id INTEGER REFERENCES items(id),"
    "  message_id INTEGER REFERENCES messages(id),"
    "  actor TEXT,"
    "  kind TEXT NOT NULL,"
    "  detail TEXT);"
    "CREATE INDEX events_item ON events(item_id, id);"
    "CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
    "  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;"
    "CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
    "  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;",
    /* 1 -> 2: what the message says (letter metadata, attachments, a
     * reply's new text and decision). */
    "CREATE TABLE letters ("
    "  item_id INTEGER PRIMARY KEY REFERENCES items(id),"
    "  number TEXT COLLATE NOCASE,"
    "  issuer TEXT,"
    "  symbol TEXT,"
    "  date TEXT,"
    "  place TEXT,"
    "  subject TEXT,"
    "  recipients TEXT,"
    "  distribution TEXT,"
    "  signer TEXT,"
    "  signer_title TEXT,"
    "  deadline TEXT,"
    "  source TEXT,"
    "  duplicate_of INTEGER REFERENCES items(id));"
    "CREATE INDEX letters_number ON letters(number);"
    "CREATE TABLE attachments ("
    "  id INTEGER PRIMARY KEY,"
    "  message_id INTEGER NOT NULL REFERENCES messages(id),"
    "  filename TEXT,"
    "  content_type TEXT,"
    "  size INTEGER NOT NULL,"
    "  sha256 TEXT NOT NULL);"
    "CREATE INDEX attachments_message ON attachments(message_id);"
    "ALTER TABLE messages ADD COLUMN reply_text TEXT;"
    "ALTER TABLE messages ADD COLUMN decision TEXT;",
    /* 2 -> 3: who each queued message went to and when, for the
     * per-recipient rate limit (addresses compare without case). */
    "CREATE TABLE outbox_rcpt ("
    "  outbox_id INTEGER NOT NULL REFERENCES outbox(id),"
    "  rcpt TEXT NOT NULL COLLATE NOCASE,"
    "  created_at INTEGER NOT NULL);"
    "CREATE INDEX outbox_rcpt_recent ON outbox_rcpt(rcpt, created_at);",
    /* 3 -> 4: the work on an item (cases.c).  Days are day numbers in
     * UTC+7 (src/workday); a deadline ends at the end of its day. */
    "ALTER TABLE items ADD COLUMN lead TEXT;"
    "ALTER TABLE items ADD COLUMN due_day INTEGER;"
    "ALTER TABLE items ADD COLUMN assigned_at INTEGER;"
    "ALTER TABLE items ADD COLUMN assigned_by TEXT;"
    "ALTER TABLE items ADD COLUMN handler TEXT;"
    "ALTER TABLE items ADD COLUMN handler_name TEXT;"
    "ALTER TABLE items ADD COLUMN handler_due_day INTEGER;"
    "ALTER TABLE items ADD COLUMN closed_at INTEGER;"
    "ALTER TABLE items ADD COLUMN late_days INTEGER;"
    "CREATE INDEX items_status ON items(status);"
    "CREATE TABLE parties ("
    "  item_id INTEGER NOT NULL REFERENCES items(id),"
    "  unit TEXT NOT NULL COLLATE NOCASE,"
    "  role TEXT NOT NULL CHECK (role IN ('coordinate')),"
    "  UNIQUE (item_id, role, unit));"
    "CREATE TABLE consultations ("
    "  id INTEGER PRIMARY KEY,"
    "  item_id INTEGER NOT NULL REFERENCES items(id),"
    "  unit TEXT NOT NULL COLLATE NOCASE,"
    "  asked_at INTEGER NOT NULL,"
    "  asked_by TEXT,"
    "  due_day INTEGER NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN"
    "    ('pending', 'agree', 'disagree', 'unclear', 'deemed')),"
    "  deemed INTEGER NOT NULL DEFAULT 0,"
    "  late INTEGER NOT NULL DEFAULT 0,"
    "  asked_clear INTEGER NOT NULL DEFAULT 0,"
    "  answered_at INTEGER,"
    "  answered_by TEXT,"
    "  answer TEXT,"
    "  UNIQUE (item_id, unit));"
    "CREATE TABLE extensions ("
    "  id INTEGER PRIMARY KEY,"
    "  item_id INTEGER NOT NULL REFERENCES items(id),"
    "  asked_at INTEGER NOT NULL,"
    "  asked_by TEXT NOT NULL,"
    "  from_day INTEGER NOT NULL,"
    "  to_day INTEGER NOT NULL,"
    "  reason TEXT,"
    "  state TEXT NOT NULL DEFAULT 'pending'"
    "    CHECK (state IN ('pending', 'granted', 'refused')),"
    "  decided_at INTEGER,"
    "  decided_by TEXT);"
    "CREATE INDEX extensions_item ON extensions(item_id);"
    "CREATE TABLE stages ("
    "  item_id INTEGER NOT NULL REFERENCES items(id),"
    "  stage TEXT NOT NULL,"
    "  at INTEGER NOT NULL,"
    "  PRIMARY KEY (item_id, stage)) WITHOUT ROWID;",
    /* 4 -> 5: the periodic reports mailed (reports.c), so that each
     * period's goes out once however often the scheduler runs. */
    "CREATE TABLE reports_sent ("
    "  period TEXT PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  message_id TEXT) WITHOUT ROWID;",
    /* 5 -> 6: the iCalendar events sent for deadlines (calendar_entries.c): one
     * per UID, that is per item and part of its work (role, and party:
     * the unit's code or the handler's address); recipient holds the
     * attendees' addresses, ", "-separated. */
    "CREATE TABLE calendar_entries ("
    "  uid TEXT PRIMARY KEY,"
    "  item_id INTEGER NOT NULL REFERENCES items(id),"
    "  recipient TEXT NOT NULL,"
    "  role TEXT NOT NULL"
    "    CHECK (role IN ('lead', 'handler', 'consult', 'coordinate')),"
    "  party TEXT NOT NULL,"
    "  sequence INTEGER NOT NULL DEFAULT 0,"
    "  due_day INTEGER NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'open'"
    "    CHECK (state IN ('open', 'cancelled')),"
    "  response TEXT"
    "    CHECK (response IN ('accepted', 'declined', 'tentative')),"
    "  responded_at INTEGER);"
    "CREATE INDEX calendar_entries_item ON calendar_entries(item_id, state);",
    /* 6 -> 7: calendar feed tokens (src/feed/token.c).  A feed's token
     * is derived from the service secret and the feed's version; a row
     * appears when a token is revoked, which raises the version (no row:
     * version 1).  Subjects are lower-cased. */
    "CREATE TABLE feed_tokens ("
    "  kind TEXT NOT NULL CHECK (kind IN ('person', 'unit', 'office')),"
    "  subject TEXT NOT NULL,"
    "  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),"
    "  revoked_at INTEGER,"
    "  PRIMARY KEY (kind, subject)) WITHOUT ROWID;",
    /* 7 -> 8: events carry their details typed, as a JSON object of the
     * fields of congvan/event.h (the line for people stays in detail).
     * The details written before are read into it here, once: the only
     * place that still knows their wording (congvan_day() reads their
     * "DD/MM/YYYY" as a day number, see store_open).  A detail that does
     * not read is left without data. */
    "ALTER TABLE events ADD COLUMN data TEXT;"
    "DROP TRIGGER events_no_update;"
    "UPDATE events SET data = json_object("
    "  'unit', substr(detail, 6, instr(detail, ', deadline ') - 6),"
    "  'due', congvan_day(substr(detail, instr(detail, ', deadline ') + 11)))"
    " WHERE kind = 'assigned' AND detail GLOB 'lead ?*, deadline *';"
    "UPDATE events SET data = json_object("
    "  'address', lower(substr(detail, 1, instr(detail, ', deadline ') - 1)),"
    "  'due', congvan_day(substr(detail, instr(detail, ', deadline ') + 11)))"
    " WHERE kind = 'delegated' AND detail GLOB '?*, deadline *';"
    "UPDATE events SET data = json_object("
    "  'due', congvan_day(substr(detail, 10)))"
    " WHERE kind = 'deadline-set' AND detail GLOB 'deadline *';"
    "UPDATE events SET data = json_object('due', congvan_day(detail))"
    " WHERE kind = 'extension-granted';"
    "UPDATE events SET data = json_object("
    "  'due', congvan_day(substr(detail, 4, instr(detail, ': ') - 4)),"
    "  'reason', substr(detail, instr(detail, ': ') + 2))"
    " WHERE kind = 'extension-requested' AND detail GLOB 'to ?*: *';"
    "UPDATE events SET data = json_object('reason', detail)"
    " WHERE kind = 'extension-refused' AND detail IS NOT NULL;"
    "UPDATE events SET data = json_object("
    "  'unit', substr(detail, 1, instr(detail, ' -> ') - 1),"
    "  'to_unit', substr(detail, instr(detail, ' -> ') + 4,"
    "    instr(detail, ': ') - instr(detail, ' -> ') - 4),"
    "  'reason', substr(detail, instr(detail, ': ') + 2))"
    " WHERE kind = 'transferred' AND detail GLOB '?* -> ?*: *'"
    "  AND instr(detail, ': ') > instr(detail, ' -> ');"
    "UPDATE events SET data = json_object("
    "  'unit', substr(detail, 1, instr(detail, ': ') - 1),"
    "  'reason', substr(detail, instr(detail, ': ') + 2))"
    " WHERE kind = 'returned' AND detail GLOB '?*: *';"
    "UPDATE events SET data = json_object("
    "  'days', CAST(substr(detail, 9) AS INTEGER))"
    " WHERE kind = 'done' AND detail GLOB 'late by [0-9]* working days';"
    "UPDATE events SET data = json_object("
    "  'unit', substr(detail, 1, instr(detail, ': ') - 1),"
    "  'state', substr(detail, instr(detail, ': ') + 2,"
    "   length(detail) - instr(detail, ': ') - 1"
    "   - CASE WHEN detail GLOB '* (late)' THEN 7 ELSE 0 END),"
    "  'late', json(CASE WHEN detail GLOB '* (late)' THEN 'true'"
    "   ELSE 'false' END))"
    " WHERE kind = 'opinion' AND detail GLOB '?*: *';"
    "UPDATE events SET data = json_object('unit', detail)"
    " WHERE kind = 'consulted' AND detail IS NOT NULL;"
    "UPDATE events SET data = json_object("
    "  'unit', substr(detail, 1, instr(detail, ': ') - 1))"
    " WHERE kind = 'deemed-agreement' AND detail GLOB '?*: *';"
    "UPDATE events SET data = json_object("
    "  'uid', substr(detail, 1, instr(detail, ' SEQUENCE ') - 1),"
    "  'sequence', CAST(substr(detail, instr(detail, ' SEQUENCE ') + 10)"
    "   AS INTEGER),"
    "  'due', congvan_day(substr(detail, instr(detail, ', ') + 2)))"
    " WHERE kind IN ('calendar-request', 'calendar-cancel')"
    "  AND detail GLOB '?* SEQUENCE [0-9]*, *';"
    "UPDATE events SET data = json_object("
    "  'template', substr(detail, 1, instr(detail, ' ') - 1),"
    "  'address', substr(detail, instr(detail, ' to ') + 4))"
    " WHERE kind = 'mail-queued' AND detail GLOB '?* to *';"
    "CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
    "  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;",
    /* 8 -> 9: when a consultation was deemed agreed, apart from its
     * answer: an unclear answer given before, and who gave it, are kept
     * (NULL for those deemed before: their answered_at is the moment). */
    "ALTER TABLE consultations ADD COLUMN deemed_at INTEGER;",
    /* 9 -> 10: every deadline a letter states, not only a date
     * (letters.c): its kind, the days of a relative one, whether they
     * count from the letter's date or from receipt, and the phrase that
     * states it; letters.deadline keeps the date of a dated one. */
    "ALTER TABLE letters ADD COLUMN deadline_kind TEXT CHECK"
    "  (deadline_kind IN ('date', 'month', 'working_days', 'days'));"
    "ALTER TABLE letters ADD COLUMN deadline_days INTEGER;"
    "ALTER TABLE letters ADD COLUMN deadline_from TEXT"
    "  CHECK (deadline_from IN ('receipt', 'issue'));"
    "ALTER TABLE letters ADD COLUMN deadline_phrase TEXT;",
    /* 10 -> 11: attached documents read by congvan-reader
     * (readings.c): how each attachment was read and why not, the
     * pages read by OCR with their confidence (0-100), which letter
     * fields came from OCR (space-separated names), and the digital
     * signatures of signed PDFs, in the order the reader found them.
     * The words are reader.h's and inspect.h's. */
    "ALTER TABLE letters ADD COLUMN ocr_fields TEXT;"
    "ALTER TABLE letters ADD COLUMN ocr_confidence INTEGER;"
    "ALTER TABLE attachments ADD COLUMN reading TEXT CHECK (reading IN"
    "  ('text', 'ocr', 'time-limit', 'no-ocr', 'unreadable'));"
    "ALTER TABLE attachments ADD COLUMN reading_note TEXT;"
    "CREATE TABLE scan_pages ("
    "  attachment_id INTEGER NOT NULL REFERENCES attachments(id),"
    "  page INTEGER NOT NULL,"
    "  confidence INTEGER NOT NULL,"
    "  text TEXT NOT NULL,"
    "  PRIMARY KEY (attachment_id, page)) WITHOUT ROWID;"
    "CREATE TABLE signatures ("
    "  attachment_id INTEGER NOT NULL REFERENCES attachments(id),"
    "  seq INTEGER NOT NULL,"
    "  signer TEXT,"
    "  signed_at INTEGER,"
    "  status TEXT NOT NULL CHECK (status IN ('valid', 'invalid',"
    "    'altered', 'malformed', 'unsigned', 'error')),"
    "  certificate TEXT NOT NULL CHECK (certificate IN ('trusted',"
    "    'untrusted', 'expired', 'revoked', 'error', 'unchecked')),"
    "  changed_after INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (attachment_id, seq)) WITHOUT ROWID;",
    /* 11 -> 12: when each message reached the mailbox (IMAP INTERNALDATE),
     * the mail kept as history at the first start (history.c), and that
     * start: its cut and the mail it found (the UIDs up to last_uid under
     * uidvalidity); a database that holds mail already had its first start,
     * with nothing kept. */
    "ALTER TABLE messages ADD COLUMN delivered_at INTEGER;"
    "ALTER TABLE messages ADD COLUMN history TEXT"
    "  CHECK (history IN ('kept', 'register'));"
    "CREATE INDEX messages_history ON messages(history, delivered_at, id)"
    "  WHERE history IS NOT NULL;"
    "CREATE TABLE first_start ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  at INTEGER NOT NULL,"
    "  history_before INTEGER NOT NULL,"
    "  uidvalidity INTEGER NOT NULL DEFAULT 0,"
    "  last_uid INTEGER NOT NULL DEFAULT 0);"
    "INSERT INTO first_start (id, at, history_before)"
    "  SELECT 1, MIN(received_at), 0 FROM messages HAVING COUNT(*) > 0;",
    /* 12 -> 13: intake at scale.  The rate limit counts a recipient's mail
     * per item (0: mail about no item), so the item goes into the index:
     * a count reads at most the few rows it counts, never the
     * recipient's other mail nor the outbox's rows.  The message moves
     * to a table of its own (outbox_data), so that the status updates of
     * sending rewrite a short row, not tens of KB.  A stored message
     * attached to queued mail (the letter) is kept by reference: the data
     * leaves out its MIME part, which goes at byte attach_at when sent
     * (message_attachment_write of blob attach_sha, message/rfc822,
     * file name attach_name). */
    "ALTER TABLE outbox_rcpt ADD COLUMN item_id INTEGER NOT NULL DEFAULT 0;"
    "UPDATE outbox_rcpt SET item_id = COALESCE((SELECT o.item_id FROM outbox"
    "  o WHERE o.id = outbox_rcpt.outbox_id), 0);"
    "DROP INDEX outbox_rcpt_recent;"
    "CREATE INDEX outbox_rcpt_limit ON outbox_rcpt(rcpt, item_id, created_at);"
    "CREATE TABLE outbox_data ("
    "  outbox_id INTEGER PRIMARY KEY REFERENCES outbox(id),"
    "  data BLOB NOT NULL);"
    "INSERT INTO outbox_data (outbox_id, data) SELECT id, data FROM outbox;"
    "ALTER TABLE outbox DROP COLUMN data;"
    "ALTER TABLE outbox ADD COLUMN attach_sha TEXT;"
    "ALTER TABLE outbox ADD COLUMN attach_name TEXT;"
    "ALTER TABLE outbox ADD COLUMN attach_at INTEGER;"
    /* Calendar feeds served from a cache (feed_changes.c): a version per
     * feed subject (lower-cased), raised at every commit that touches one
     * of its items; no row: 0.  ('subjects', '') counts the changes to
     * the set of subjects a token may name (a new handler, a revoked
     * token).  Every handler so far has a row. */
    "CREATE TABLE feed_versions ("
    "  kind TEXT NOT NULL"
    "    CHECK (kind IN ('person', 'unit', 'office', 'subjects')),"
    "  subject TEXT NOT NULL,"
    "  version INTEGER NOT NULL,"
    "  PRIMARY KEY (kind, subject)) WITHOUT ROWID;"
    "INSERT INTO feed_versions (kind, subject, version)"
    "  SELECT DISTINCT 'person', lower(handler), 1 FROM items"
    "  WHERE handler IS NOT NULL;",
    /* 13 -> 14: a sweep that touches only what is due (cases.c,
     * workflow/tick.c).  sweep_due holds, per item that has a stage to
     * come, the day it is due (0: now); no row: nothing to do until the
     * item changes (closed, or neither assigned nor consulting).  Every
     * change to what the stages depend on (the item's status, lead,
     * deadline, handler and internal deadline, a consultation asked,
     * answered or deemed) makes the item due now through these
     * triggers, and the next sweep computes its day again.  A table of
     * its own and not a column of items, so that the sweep's writes do
     * not touch the items the calendar feeds watch.  sweep_basis: what
     * the days were computed with (the [deadlines] and the calendar) and
     * the last day swept; when either changes, every item is due again.
     * Every open item is due at the first sweep. */
    "CREATE TABLE sweep_due ("
    "  item_id INTEGER PRIMARY KEY REFERENCES items(id),"
    "  day INTEGER NOT NULL);"
    "CREATE INDEX sweep_due_day ON sweep_due(day);"
    "INSERT INTO sweep_due (item_id, day) SELECT id, 0 FROM items"
    "  WHERE status IN ('assigned', 'disputed');"
    "CREATE TABLE sweep_basis ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  digest TEXT NOT NULL,"
    "  day INTEGER NOT NULL);"
    "CREATE TRIGGER sweep_item AFTER UPDATE OF status, lead, due_day,"
    "  handler, handler_due_day ON items BEGIN"
    "  INSERT OR REPLACE INTO sweep_due (item_id, day) VALUES (NEW.id, 0);"
    "  END;"
    "CREATE TRIGGER sweep_consult_new AFTER INSERT ON consultations BEGIN"
    "  INSERT OR REPLACE INTO sweep_due (item_id, day)"
    "  VALUES (NEW.item_id, 0); END;"
    "CREATE TRIGGER sweep_consult AFTER UPDATE OF due_day, state, deemed"
    "  ON consultations BEGIN"
    "  INSERT OR REPLACE INTO sweep_due (item_id, day)"
    "  VALUES (NEW.item_id, 0); END;",
    /* The pending mail in the order queued, for giving up on what has
     * waited too long while the server is down (store_outbox_expired):
     * without it that read the whole due range, 1.6 million rows in a
     * large backlog, at every try of the server.  Sent and failed mail,
     * years of it, stays out. */
    "CREATE INDEX outbox_pending_age ON outbox(created_at)"
    "  WHERE status = 'pending';",
    /* The recipients a message still has to reach, when the server took
     * it for the others and refused these for now (NULL: all of rcpt).
     * rcpt keeps every recipient: the proof of receipt of a reply. */
    "ALTER TABLE outbox ADD COLUMN rcpt_left TEXT;",
    /* The Office is told of mail that could not be delivered
     * (undelivered.c, workflow/undelivered.c): the last event it looked
     * at, a watermark, so that each mail-failed event is told once and
     * a cycle reads only the events since the last one.  A database
     * that has events starts after them: an upgrade does not mail the
     * Office about old history. */
    "CREATE TABLE undelivered_told ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  event_id INTEGER NOT NULL);"
    "INSERT INTO undelivered_told (id, event_id)"
    "  SELECT 1, COALESCE(MAX(id), 0) FROM events;",
    /* What a quarter's report reads (reports.c), found without reading
     * the whole register: the items closed since a period began, the
     * events of their histories (through events_item every event of an
     * item was read to keep the 37 % that matter), and the consultations
     * answered or deemed agreed in it.  Not the mail queued in it: an
     * index on the outbox's instants is written with every notice queued,
     * and saved 3 % of a report's time (README, Performance). */
    "CREATE INDEX items_closed ON items(closed_at, registered_at);"
    "CREATE INDEX events_history ON events(item_id, id)"
    "  WHERE " EVENT_KIND_HISTORY_SQL ";"
    "CREATE INDEX consultations_answered ON consultations(answered_at);"
    "CREATE INDEX consultations_deemed ON consultations(deemed_at);",
    /* 18 -> 19: the message of mail queued from now on goes into the
     * packs (blob.c), at data_size bytes from data_offset of pack
     * data_pack: through SQLite each notice was written twice (the WAL,
     * then the database), and its pages pushed the indexes out of the
     * page cache, to be read back from the WAL: with a directory, most
     * of what intake wrote.  NULL: the message is in outbox_data, as for
     * mail queued before. */
    "ALTER TABLE outbox ADD COLUMN data_pack INTEGER;"
    "ALTER TABLE outbox ADD COLUMN data_offset INTEGER;"
    "ALTER TABLE outbox ADD COLUMN data_size INTEGER;",
    /* 19 -> 20: the CHECKs of a column against a list of values, written
     * as comparisons (check_lists.c): SQLite built a temporary table of
     * the list at every INSERT or UPDATE that checks it, some 73,000 in a
     * 10,000-message intake.  The same rule, so only the tables' text
     * changes, as SQLite's documentation allows for CHECK constraints
     * (lang_altertable.html, "other kinds of table schema changes");
     * migrate() moves the schema's version on. */
    "PRAGMA writable_schema = ON;"
    "UPDATE sqlite_schema SET sql = congvan_check_lists_unrolled(sql)"
    "  WHERE type = 'table' AND sql LIKE '%CHECK%';"
    "PRAGMA writable_schema = RESET;",
};

static const char *const sql[Q_COUNT] = {
    [Q_BLOB_GET] = "SELECT pack, offset, size FROM blobs WHERE sha256 = ?1",
    /* a blob kept already stays where it is (store_blob_put_placed) */
    [Q_BLOB_ADD] = "INSERT OR IGNORE INTO blobs (sha256, pack, offset, size)"
		   " VALUES (?1, ?2, ?3, ?4)",
    [Q_BLOB_LAST_PACK] = "SELECT COALESCE(MAX(pack), 1) FROM blobs",
    [Q_LETTER_ADD] =
	"INSERT INTO letters (item_id, number, issuer, symbol, date, place,"
	" subject, recipients, distribution, signer, signer_title,"
	" deadline, source, duplicate_of, deadline_kind, deadline_days,"
	" deadline_from, deadline_phrase) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
	" ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    [Q_LETTER_SAME] =
	"SELECT l.item_id, i.key FROM letters l JOIN items i"
	" ON i.id = l.item_id"
	" WHERE l.number = ?1 AND ((?2 IS NOT NULL AND l.date = ?2) OR"
	" (?2 IS NULL AND l.date IS NULL AND i.sender = ?3))"
	" ORDER BY l.item_id LIMIT 1",
    [Q_LETTER_GET] =
	"SELECT l.number, l.issuer, l.date, l.place, l.subject,"
	" l.recipients, l.signer, l.signer_title, l.deadline, l.source,"
	" d.key, l.deadline_kind, l.deadline_from, l.deadline_phrase,"
	" l.ocr_fields, l.deadline_days, COALESCE(l.ocr_confidence, -1)"
	" FROM letters l"
	" LEFT JOIN items d ON d.id = l.duplicate_of WHERE l.item_id = ?1",
    [Q_ATTACHMENT_ADD] = "INSERT INTO attachments (message_id, filename,"
			 " content_type, size, sha256)"
			 " VALUES (?1, ?2, ?3, ?4, ?5)",
    [Q_MSG_SET_REPLY] = "UPDATE messages SET reply_text = ?2,"
			" decision = ?3 WHERE id = ?1",
    [Q_SYNC_GET] = "SELECT uidvalidity, last_uid FROM mailbox_sync"
		   " WHERE mailbox = ?1",
    [Q_SYNC_SET] = "INSERT INTO mailbox_sync (mailbox, uidvalidity, last_uid)"
		   " VALUES (?1, ?2, ?3) ON CONFLICT (mailbox) DO UPDATE"
		   " SET uidvalidity = ?2, last_uid = ?3",
    [Q_MSG_BY_UID] = "SELECT id FROM messages WHERE mailbox = ?1"
		     " AND uidvalidity = ?2 AND uid = ?3",
    [Q_MSG_BY_MSGID] = "SELECT id FROM messages WHERE message_id = ?1"
		       " ORDER BY id LIMIT 1",
    [Q_MSG_BY_SHA] = "SELECT id FROM messages WHERE sha256 = ?1"
		     " ORDER BY id LIMIT 1",
    [Q_MSG_INSERT] =
	"INSERT INTO messages (received_at, mailbox, uidvalidity, uid,"
	" sha256, size, message_id, in_reply_to, from_addr, from_name,"
	" subject, kind, kind_reason, duplicate_of, delivered_at, history)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
	" ?13, ?14, ?15, ?16)",
    [Q_MSG_SET_ITEM] = "UPDATE messages SET item_id = ?2 WHERE id = ?1",
    [Q_ITEM_NEXT_NO] = "SELECT COALESCE(MAX(arrival_no), 0) + 1 FROM items"
		       " WHERE year = ?1",
    [Q_ITEM_INSERT] = "INSERT INTO items (key, year, arrival_no,"
		      " registered_at, message_id, subject, sender)"
		      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [Q_ITEM_GET] = "SELECT id, key, year, arrival_no, registered_at,"
		   " message_id, subject, sender, status FROM items"
		   " WHERE key = ?1",
    [Q_ITEM_ALL] = "SELECT id, key, year, arrival_no, registered_at,"
		   " message_id, subject, sender, status FROM items"
		   " ORDER BY year, arrival_no",
    [Q_ITEM_COUNT] = "SELECT COUNT(*) FROM items",
    [Q_OUTBOX_SENT_TO] = "SELECT COALESCE(item_id, 0), rcpt FROM outbox"
			 " WHERE message_id = ?1",
    [Q_ITEM_BY_SENT] = "SELECT item_id FROM outbox WHERE message_id = ?1"
		       " AND item_id IS NOT NULL",
    [Q_EVENT_ADD] = "INSERT INTO events (at, item_id, message_id, actor,"
		    " kind, detail, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [Q_EVENT_FOR_ITEM] = "SELECT " STORE_EVENT_COLUMNS " FROM events e"
			 " WHERE e.item_id = ?1 ORDER BY e.id",
    [Q_OUTBOX_ADD] = "INSERT INTO outbox (item_id, created_at, kind,"
		     " message_id, mail_from, rcpt, next_attempt_at,"
		     " attach_sha, attach_name, attach_at, data_pack,"
		     " data_offset, data_size)"
		     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ?9, ?10, ?11, ?12,"
		     " ?13, ?14)",
    /* in outbox_due's order: a batch reads only itself, where ORDER BY
     * id sorted every entry due for each batch of a flush (quadratic in
     * a large backlog); mail queued together is due together, by id */
    [Q_OUTBOX_DUE] = "SELECT id FROM outbox WHERE status = 'pending'"
		     " AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id"
		     " LIMIT ?2",
    /* only while the server is down: the mail to give up on, read
     * from the pending queued before ?3, not from all that is due */
    [Q_OUTBOX_EXPIRED] = "SELECT id FROM outbox INDEXED BY outbox_pending_age"
			 " WHERE status = 'pending' AND created_at <= ?3"
			 " AND next_attempt_at <= ?1 ORDER BY created_at, id"
			 " LIMIT ?2",
    [Q_OUTBOX_GET] = "SELECT o.id, o.item_id, o.created_at, o.kind,"
		     " o.message_id, o.mail_from, o.rcpt, d.data, o.attempts,"
		     " o.next_attempt_at, o.attach_sha, o.attach_name,"
		     " o.attach_at, o.rcpt_left, o.data_pack, o.data_offset,"
		     " o.data_size FROM outbox o LEFT JOIN outbox_data d"
		     " ON d.outbox_id = o.id"
		     " WHERE o.id = ?1 AND o.status = 'pending'",
    [Q_OUTBOX_HEAD] = "SELECT id, item_id, created_at, kind, message_id,"
		      " mail_from, rcpt, NULL, attempts, next_attempt_at,"
		      " attach_sha, attach_name, attach_at, rcpt_left, NULL,"
		      " NULL, NULL"
		      " FROM outbox WHERE id = ?1 AND status = 'pending'",
    [Q_OUTBOX_SENT] = "UPDATE outbox SET status = 'sent', done_at = ?2,"
		      " attempts = attempts + 1, last_error = NULL"
		      " WHERE id = ?1",
    [Q_OUTBOX_RETRY] = "UPDATE outbox SET attempts = attempts + 1,"
		       " next_attempt_at = ?2, last_error = ?3"
		       " WHERE id = ?1",
    [Q_OUTBOX_NARROW] = "UPDATE outbox SET attempts = attempts + 1,"
			" next_attempt_at = ?2, last_error = ?3, rcpt_left = ?4"
			" WHERE id = ?1",
    [Q_OUTBOX_FAILED] = "UPDATE outbox SET status = 'failed', done_at = ?2,"
			" attempts = attempts + 1, last_error = ?3"
			" WHERE id = ?1",
    [Q_OUTBOX_STATS] = "SELECT status, COUNT(*) FROM outbox GROUP BY status",
    [Q_OUTBOX_NEXT] = "SELECT MIN(next_attempt_at) FROM outbox"
		      " WHERE status = 'pending'",
    [Q_OUTBOX_PENDING] = "SELECT COUNT(*) FROM outbox WHERE status = 'pending'",
    [Q_OUTBOX_RCPT_ADD] = "INSERT INTO outbox_rcpt (outbox_id, rcpt,"
			  " created_at, item_id) VALUES (?1, ?2, ?3, ?4)",
    [Q_OUTBOX_RCPT_COUNT] = "SELECT COUNT(*) FROM outbox_rcpt WHERE rcpt = ?1"
			    " AND item_id = ?3 AND created_at > ?2",
    [Q_OUTBOX_RCPT_PRUNE] = "DELETE FROM outbox_rcpt WHERE created_at <= ?1",
};

int store_schema_version(void)
{
	return (int)ARRAY_SIZE(migrations);
}

int store_fail(struct store *st, const char *what, char **error_r)
{
	if (error_r) {
		*error_r = xasprintf("database '%s': %s: %s", st->path, what,
				     sqlite3_errmsg(st->db));
	}
	return -1;
}

sqlite3_stmt *store_stmt_cached(struct store *st, sqlite3_stmt **slot,
				const char *text, char **error_r)
{
	sqlite3_stmt *s = *slot;

	if (s) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		return s;
	}
	if (sqlite3_prepare_v3(st->db, text, -1, SQLITE_PREPARE_PERSISTENT, &s,
			       NULL) != SQLITE_OK) {
		store_fail(st, "prepare", error_r);
		return NULL;
	}
	*slot = s;
	return s;
}

sqlite3_stmt *store_stmt(struct store *st, enum q q, char **error_r)
{
	return store_stmt_cached(st, &st->stmts[q], sql[q], error_r);
}

void store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v) {
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_null(s, i);
	}
}

void store_bind_id(sqlite3_stmt *s, int i, int64_t v)
{
	if (v) {
		sqlite3_bind_int64(s, i, v);
	} else {
		sqlite3_bind_null(s, i);
	}
}

char *store_column_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? xstrdup((const char *)t) : NULL;
}

enum item_status store_column_status(sqlite3_stmt *s, int i)
{
	enum item_status st = ITEM_REGISTERED;

	event_item_status_parse((const char *)sqlite3_column_text(s, i), &st);
	return st;
}

int store_exec_done(struct store *st, sqlite3_stmt *s, const char *what,
		    char **error_r)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		return store_fail(st, what, error_r);
	}
	return 0;
}

int store_query_id(struct store *st, sqlite3_stmt *s, const char *what,
		   int64_t *id_r, char **error_r)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW) {
		*id_r = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		return 1;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		return store_fail(st, what, error_r);
	}
	return 0;
}

static int exec(struct store *st, const char *text, char **error_r)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, text, NULL, NULL, &msg) != SQLITE_OK) {
		*error_r = xasprintf("database '%s': %s", st->path,
				     msg ? msg : "error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* The integer PRAGMA name reads, into *value_r. */
static int pragma_int(struct store *st, const char *name, int64_t *value_r,
		      char **error_r)
{
	char *text = xasprintf("PRAGMA %s", name);
	sqlite3_stmt *s = NULL;
	int ret = -1;

	if (sqlite3_prepare_v2(st->db, text, -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		store_fail(st, text, error_r);
		goto out;
	}
	*value_r = sqlite3_column_int64(s, 0);
	ret = 0;
out:
	sqlite3_finalize(s);
	free(text);
	return ret;
}

static int user_version(struct store *st, int *version_r, char **error_r)
{
	int64_t v;

	if (pragma_int(st, "user_version", &v, error_r) < 0) {
		return -1;
	}
	*version_r = (int)v;
	return 0;
}

/* Moves the schema's version (SQLite's cookie, not user_version) on, so
 * that other connections read the schema again: DDL does it by itself,
 * an edit of sqlite_schema does not. */
static int bump_schema_cookie(struct store *st, char **error_r)
{
	char *pragma;
	int64_t v;
	int rc;

	if (pragma_int(st, "schema_version", &v, error_r) < 0) {
		return -1;
	}
	pragma = xasprintf("PRAGMA schema_version = %lld", (long long)v + 1);
	rc = exec(st, pragma, error_r);
	free(pragma);
	return rc;
}

/* Applies each missing migration in its own transaction. */
static int migrate(struct store *st, char **error_r)
{
	int version;

	if (user_version(st, &version, error_r) < 0) {
		return -1;
	}
	if (version > store_schema_version()) {
		*error_r = xasprintf("database '%s' has schema version %d; this"
				     " congvan knows up to %d (downgrade?)",
				     st->path, version, store_schema_version());
		return -1;
	}
	for (; version < store_schema_version(); version++) {
		char *pragma =
		    xasprintf("PRAGMA user_version = %d", version + 1);
		int rc = exec(st, "BEGIN IMMEDIATE", error_r);

		if (rc == 0) {
			rc = exec(st, migrations[version], error_r);
		}
		if (rc == 0) {
			rc = bump_schema_cookie(st, error_r);
		}
		if (rc == 0) {
			rc = exec(st, pragma, error_r);
		}
		free(pragma);
		if (rc == 0) {
			rc = exec(st, "COMMIT", error_r);
		}
		if (rc < 0) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

/* congvan_day(TEXT): the day number (congvan/workday.h) of a date as
 * workday_parse_date reads it ("20/05/2026"), NULL when it reads none.
 * For migrations that read dates out of old text. */
static void sql_day(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *s = sqlite3_value_text(argv[0]);
	int32_t day;

	(void)argc;
	if (s && workday_parse_date((const char *)s, &day) == 0) {
		sqlite3_result_int64(ctx, day);
	} else {
		sqlite3_result_null(ctx);
	}
}

/* congvan_check_lists_unrolled(TEXT): store_check_lists_unrolled, for
 * the migration that rewrites the tables' CHECKs. */
static void sql_check_lists_unrolled(sqlite3_context *ctx, int argc,
				     sqlite3_value **argv)
{
	const unsigned char *s = sqlite3_value_text(argv[0]);

	(void)argc;
	if (s) {
		sqlite3_result_text(
		    ctx, store_check_lists_unrolled((const char *)s), -1, free);
	} else {
		sqlite3_result_null(ctx);
	}
}

/* SQLite counts every allocation for sqlite3_memory_used() under a global
 * mutex unless told not to; nothing here reads those counts, and the lock
 * was 2-3 % of the intake thread.  Before SQLite's first use, once. */
static void configure_sqlite(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static void sqlite_ready(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, configure_sqlite);
}

/* store_open, and store_open_to_read without the feed's tracking. */
static struct store *open_store(const char *path, bool track, char **error_r)
{
	struct store *st = xcalloc(1, sizeof(*st));

	sqlite_ready();
	st->path = xstrdup(path);
	st->pack_fd = -1;
	if (store_files_prepare(path, error_r) < 0) {
		goto fail;
	}
	if (sqlite3_open_v2(path, &st->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		store_fail(st, "cannot open", error_r);
		goto fail;
	}
	sqlite3_busy_timeout(st->db, 10000);
	sqlite3_create_function(st->db, "congvan_day", 1,
				SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_day, NULL, NULL);
	sqlite3_create_function(st->db, "congvan_check_lists_unrolled", 1,
				SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_check_lists_unrolled, NULL, NULL);
	/* A page cache of 1 MiB, not SQLite's 2: intake's peak memory, and
	 * the kernel's page cache holds the rest.  The WAL is copied into
	 * the database by a thread of its own (checkpoint.c); a WAL that one
	 * large transaction grew (a first start over years of mail) shrinks
	 * back to STORE_WAL_KEEP when it starts again, not at close, which
	 * for serve is months away. */
	if (exec(st,
		 "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
		 " PRAGMA foreign_keys = ON; PRAGMA cache_size = -1024;"
		 " PRAGMA journal_size_limit = " WAL_KEEP_TEXT ";",
		 error_r) < 0) {
		goto fail;
	}
	store_checkpoint_start(st);
	if (!track) {
		/* A command that only reads leaves the WAL and its index
		 * where it found or made them: creating and deleting both at
		 * every start was a fifth of such a command's CPU. */
		int persist = 1;

		sqlite3_file_control(st->db, "main", SQLITE_FCNTL_PERSIST_WAL,
				     &persist);
	}
	if (migrate(st, error_r) < 0 ||
	    store_blob_open(st, track, error_r) < 0 ||
	    (track && store_feed_track(st, error_r) < 0)) {
		goto fail;
	}
	return st;
fail:
	store_close(&st);
	return NULL;
}

struct store *store_open(const char *path, char **error_r)
{
	return open_store(path, true, error_r);
}

struct store *store_open_to_read(const char *path, char **error_r)
{
	return open_store(path, false, error_r);
}

/* No migration, no pack: a reader beside the process that writes. */
struct store *store_open_readonly(const char *path, char **error_r)
{
	struct store *st = xcalloc(1, sizeof(*st));
	int version;

	sqlite_ready();
	st->path = xstrdup(path);
	st->pack_fd = -1;
	if (sqlite3_open_v2(path, &st->db,
			    SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		store_fail(st, "cannot open", error_r);
		goto fail;
	}
	sqlite3_busy_timeout(st->db, 2000);
	if (user_version(st, &version, error_r) < 0) {
		goto fail;
	}
	if (version != store_schema_version()) {
		*error_r = xasprintf("database '%s' has schema version %d; this"
				     " congvan reads %d",
				     st->path, version, store_schema_version());
		goto fail;
	}
	return st;
fail:
	store_close(&st);
	return NULL;
}

void store_close(struct store **stp)
{
	struct store *st = *stp;

	if (!st) {
		return;
	}
	store_checkpoint_stop(st);
	for (int i = 0; i < Q_COUNT; i++) {
		sqlite3_finalize(st->stmts[i]);
	}
	for (size_t i = 0; i < C_COUNT; i++) {
		sqlite3_finalize(st->case_stmts[i]);
	}
	for (size_t i = 0; i < R_COUNT; i++) {
		sqlite3_finalize(st->report_stmts[i]);
	}
	for (size_t i = 0; i < CAL_COUNT; i++) {
		sqlite3_finalize(st->cal_stmts[i]);
	}
	for (size_t i = 0; i < F_COUNT; i++) {
		sqlite3_finalize(st->feed_stmts[i]);
	}
	for (size_t i = 0; i < FC_COUNT; i++) {
		sqlite3_finalize(st->feedc_stmts[i]);
	}
	for (size_t i = 0; i < D_COUNT; i++) {
		sqlite3_finalize(st->doc_stmts[i]);
	}
	for (size_t i = 0; i < H_COUNT; i++) {
		sqlite3_finalize(st->history_stmts[i]);
	}
	for (size_t i = 0; i < U_COUNT; i++) {
		sqlite3_finalize(st->undelivered_stmts[i]);
	}
	sqlite3_close(st->db);
	store_blob_close(st);
	free(st->path);
	free(st);
	*stp = NULL;
}

int store_begin(struct store *st, char **error_r)
{
	if (exec(st, "BEGIN IMMEDIATE", error_r) < 0) {
		return -1;
	}
	st->in_tx = true;
	return 0;
}

int store_commit(struct store *st, char **error_r)
{
	if (store_feed_mark(st, error_r) < 0 ||
	    (st->blobs_dirty && store_blob_sync(st, error_r) < 0)) {
		return -1;
	}
	if (exec(st, "COMMIT", error_r) < 0) {
		return -1;
	}
	st->in_tx = false;
	return 0;
}

int store_begin_read(struct store *st, char **error_r)
{
	if (exec(st, "BEGIN DEFERRED", error_r) < 0) {
		return -1;
	}
	st->in_tx = true;
	return 0;
}

void store_rollback(struct store *st)
{
	if (st->in_tx) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		st->in_tx = false;
	}
}
