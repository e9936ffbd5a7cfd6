/* The calendar feeds: tokens, subjects, the iCalendar a store gives, and
 * the HTTP pieces (paths, dates, conditional requests), with the store on
 * a real SQLite file in a temporary folder.  No network. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "congvan/config.h"
#include "congvan/ical.h"
#include "congvan/feed.h"
#include "congvan/store.h"
#include "congvan/util.h"
#include "congvan/workday.h"
#include "../../src/feed/private.h"

#define SECRET "5f4dcc3b5aa765d61d8327deb882cf99"
#define D      "@congvan.test"

static const char conf_text[] = "[service]\n"
				"organization = Bộ Công Thương\n"
				"domain = congvan.test\n"
				"database = t.db\n"
				"office = vanthu" D "\n"
				"[mailbox]\n"
				"url = imap://127.0.0.1\n"
				"user = congvan" D "\n"
				"password = x\n"
				"[smtp]\n"
				"url = smtp://127.0.0.1\n"
				"from = congvan" D "\n"
				"[leaders]\n"
				"members = Lãnh đạo Bộ <lanhdao" D ">\n"
				"[unit TTTN]\n"
				"name = Vụ Thị trường trong nước\n"
				"email = tttn" D "\n"
				"head = truong.tttn" D "\n"
				"members = Nguyễn Văn A <a.nguyen" D ">\n"
				"[unit PC]\n"
				"name = Vụ Pháp chế\n"
				"email = phapche" D "\n"
				"head = truong.pc" D "\n"
				"[feed]\n"
				"listen = 127.0.0.1:8088\n"
				"base_url = https://congvan.example.vn/feed/\n";

struct fixture {
	char dir[64];
	struct config cfg;
	struct store *st;
	int64_t items[6]; /* by arrival number */
};

static int32_t day(int y, int m, int d)
{
	int32_t n = 0;

	assert_int_equal(workday_day_from_ymd(y, m, d, &n), 0);
	return n;
}

static int64_t item_add(struct fixture *f, int no, const char *subject)
{
	struct store_message m = {.received_at = 100,
				  .mailbox = "INBOX",
				  .uidvalidity = 7,
				  .uid = (uint32_t)no,
				  .sha256 = "00",
				  .size = 1,
				  .kind = "letter"};
	struct store_item it;
	int64_t msg = 0, id;
	char *err = NULL;

	assert_int_equal(store_message_insert(f->st, &m, &msg, &err), 0);
	assert_int_equal(store_item_create(f->st, "CV", 2026, 100, msg, subject,
					   "vanthu@moit.example", &it, &err),
			 0);
	id = it.id;
	store_item_release(&it);
	return id;
}

static void event_at(struct fixture *f, int64_t item, time_t at)
{
	struct store_event ev = {
	    .at = at, .item_id = item, .actor = "t", .kind = EV_REPLY_RECORDED};
	char *err = NULL;

	assert_int_equal(store_event_add(f->st, &ev, &err), 0);
}

/* Items:
 *   1  TTTN leads with PC, due 05/01/2027; a.nguyen handles it by
 *      04/01/2027; PC is asked by 30/12/2026; events at 1000 and 2000.
 *   2  PC leads, due 10/01/2027, disputed; an event at 3000.
 *   3  TTTN led it; done.
 *   4  registered, not assigned.
 *   5  TTTN leads, due 08/01/2027; outsider@example.org handles it with
 *      no deadline of their own; PC's consultation deemed; no event. */
static void fill(struct fixture *f)
{
	const char *const pc[] = {"PC", NULL};
	char *err = NULL;
	int64_t *it = f->items;

	assert_int_equal(store_begin(f->st, &err), 0);
	it[1] = item_add(f, 1, "V/v góp ý, thương mại điện tử\tnhanh");
	it[2] = item_add(f, 2, "V/v quy chế");
	it[3] = item_add(f, 3, "V/v đã xong");
	it[4] = item_add(f, 4, "V/v chưa giao");
	it[5] = item_add(f, 5, "V/v \xff thống kê");
	assert_int_equal(store_case_assign(f->st, it[1], "TTTN", pc,
					   day(2027, 1, 5), 100, "rule", &err),
			 0);
	assert_int_equal(store_case_set_handler(f->st, it[1], "a.nguyen" D,
						"Nguyễn Văn A", day(2027, 1, 4),
						&err),
			 0);
	assert_int_equal(store_consult_ask(f->st, it[1], "PC", 100, "a",
					   day(2026, 12, 30), &err),
			 0);
	event_at(f, it[1], 1000);
	event_at(f, it[1], 2000);
	assert_int_equal(store_case_assign(f->st, it[2], "PC", NULL,
					   day(2027, 1, 10), 100, "o", &err),
			 0);
	assert_int_equal(
	    store_case_set_status(f->st, it[2], ITEM_DISPUTED, 0, 0, &err), 0);
	event_at(f, it[2], 3000);
	assert_int_equal(store_case_assign(f->st, it[3], "TTTN", NULL,
					   day(2027, 1, 6), 100, "o", &err),
			 0);
	assert_int_equal(
	    store_case_set_status(f->st, it[3], ITEM_DONE, 500, 0, &err), 0);
	assert_int_equal(store_case_assign(f->st, it[5], "TTTN", NULL,
					   day(2027, 1, 8), 150, "o", &err),
			 0);
	assert_int_equal(store_case_set_handler(f->st, it[5],
						"outsider@example.org", NULL, 0,
						&err),
			 0);
	assert_int_equal(store_consult_ask(f->st, it[5], "PC", 100, "a",
					   day(2026, 12, 29), &err),
			 0);
	assert_int_equal(store_consult_mark(f->st, 2, true, false, &err), 0);
	assert_int_equal(store_commit(f->st, &err), 0);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *path, *err = NULL;

	snprintf(f->dir, sizeof(f->dir), "/tmp/congvan-feed-XXXXXX");
	if (!mkdtemp(f->dir)) {
		return -1;
	}
	path = xasprintf("%s/congvan.conf", f->dir);
	if (config_load_buffer(path, conf_text, strlen(conf_text), &f->cfg,
			       &err) < 0) {
		fprintf(stderr, "%s\n", err);
		free(err);
		free(path);
		return -1;
	}
	free(path);
	f->st = store_open(f->cfg.service.database, &err);
	if (!f->st) {
		fprintf(stderr, "%s\n", err);
		free(err);
		return -1;
	}
	fill(f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	store_close(&f->st);
	config_free(&f->cfg);
	if (system(cmd) != 0) {
		fprintf(stderr, "cleanup failed\n");
	}
	free(cmd);
	free(f);
	return 0;
}

/* --- versions ------------------------------------------------------------- */

/* The versions of the feeds, in the order of subjects[] below. */
static const struct {
	const char *kind, *subject;
} subjects[] = {
    {"office", "office"},     {"unit", "tttn"},  {"unit", "pc"},
    {"person", "a.nguyen" D}, {"person", "b" D}, {"subjects", ""},
};

static void versions(struct fixture *f, int64_t v[ARRAY_SIZE(subjects)])
{
	char *err = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(subjects); i++) {
		assert_int_equal(store_feed_changes(f->st, subjects[i].kind,
						    subjects[i].subject, &v[i],
						    &err),
				 0);
	}
}

/* Which versions a step raised: "1" for each subject above, in order. */
static void raised(struct fixture *f, int64_t before[ARRAY_SIZE(subjects)],
		   const char *want, const char *step)
{
	int64_t after[ARRAY_SIZE(subjects)];
	char got[ARRAY_SIZE(subjects) + 1];

	versions(f, after);
	for (size_t i = 0; i < ARRAY_SIZE(subjects); i++) {
		assert_true(after[i] >= before[i]);
		got[i] = after[i] > before[i] ? '1' : '0';
		before[i] = after[i];
	}
	got[ARRAY_SIZE(subjects)] = '\0';
	if (strcmp(got, want) != 0) {
		fail_msg("%s: raised %s, want %s", step, got, want);
	}
}

/* A feed's version rises with every commit that touches an item it
 * shows or showed, and only then: its subjects before and after (a
 * transfer, another handler), a consultation for a unit, an event
 * outside a transaction; never for a rollback or a commit that touched
 * nothing of the kind. */
static void test_versions(void **state)
{
	struct fixture *f = *state;
	int64_t v[ARRAY_SIZE(subjects)];
	char *err = NULL;
	int64_t one = f->items[1], two = f->items[2], version = 0;

	versions(f, v);
	assert_true(v[0] > 0 && v[1] > 0 && v[2] > 0 && v[3] > 0);
	assert_int_equal(v[4], 0);

	assert_int_equal(store_begin(f->st, &err), 0);
	event_at(f, two, 5000); /* PC leads item 2 */
	assert_int_equal(store_commit(f->st, &err), 0);
	raised(f, v, "101000", "an event on PC's item");

	assert_int_equal(store_begin(f->st, &err), 0);
	event_at(f, one, 5000); /* TTTN leads, a.nguyen handles, PC asked */
	assert_int_equal(store_commit(f->st, &err), 0);
	raised(f, v, "111100", "an event on item 1");

	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(store_case_set_handler(f->st, one, "B" D, "B",
						day(2027, 1, 4), &err),
			 0);
	assert_int_equal(store_commit(f->st, &err), 0);
	raised(f, v, "111111", "another handler, a new subject");

	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(store_case_assign(f->st, two, "TTTN", NULL,
					   day(2027, 1, 9), 600, "o", &err),
			 0);
	assert_int_equal(store_commit(f->st, &err), 0);
	raised(f, v, "111000", "PC's item transferred to TTTN");

	assert_int_equal(store_begin(f->st, &err), 0);
	event_at(f, two, 6000);
	store_rollback(f->st);
	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(store_report_mark_sent(f->st, "2026Q4", 1, NULL, &err),
			 1);
	assert_int_equal(store_commit(f->st, &err), 0);
	raised(f, v, "000000", "a rollback, then a commit of no item");

	event_at(f, two, 7000); /* outside a transaction */
	raised(f, v, "110000", "an event on its own");

	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(
	    store_feed_revoke(f->st, "unit", "pc", 10, &version, &err), 0);
	assert_int_equal(store_commit(f->st, &err), 0);
	raised(f, v, "000001", "a revoked token");
}

/* --- tokens --------------------------------------------------------------- */

/* Known answers, computed apart (Python's hmac and base64). */
static void test_token_vectors(void **state)
{
	static const struct {
		enum feed_kind kind;
		const char *id;
		int64_t version;
		const char *token;
	} cases[] = {
	    {FEED_OFFICE, "office", 1, "auhel3jiz5ohiwgfab6hdzewwivzw7tx"},
	    {FEED_UNIT, "tttn", 1, "e7i7eazsqtsxi7g3spa2mklqygzy7eam"},
	    {FEED_UNIT, "tttn", 7, "ihoa7g73bwptyjlbmflunhpknrawzrgj"},
	    {FEED_PERSON, "a.nguyen" D, 1, "6umzah3rse5f2kkcjxtpj3uh2oids3je"},
	    {FEED_PERSON, "a.nguyen" D, 2, "2u3k2qinobe6ckn4cy7xpbcgahb5pdef"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct feed_subject s = {cases[i].kind, (char *)cases[i].id};
		char token[FEED_TOKEN_LEN + 1];

		feed_token(SECRET, &s, cases[i].version, token);
		assert_string_equal(token, cases[i].token);
		feed_token("another secret", &s, cases[i].version, token);
		assert_string_not_equal(token, cases[i].token);
	}
}

static void test_subject_parse(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *in;
		int rc;
		enum feed_kind kind;
		const char *id; /* or the error's start */
	} cases[] = {
	    {"office", 0, FEED_OFFICE, "office"},
	    {"OFFICE", 0, FEED_OFFICE, "office"},
	    {"tttn", 0, FEED_UNIT, "tttn"},
	    {"Pc", 0, FEED_UNIT, "pc"},
	    {"A.Nguyen" D, 0, FEED_PERSON, "a.nguyen" D},
	    {"truong.pc" D, 0, FEED_PERSON, "truong.pc" D},
	    {"lanhdao" D, 0, FEED_PERSON, "lanhdao" D},
	    {"phapche" D, 0, FEED_PERSON, "phapche" D},
	    {"vanthu" D, 0, FEED_PERSON, "vanthu" D},
	    {"Outsider@Example.org", 0, FEED_PERSON, "outsider@example.org"},
	    {"nobody" D, -1, 0, "'nobody@congvan.test' is not in the"},
	    {"VP", -1, 0, "no unit 'VP' in '"},
	    {"", -1, 0, "expected an address"},
	    {NULL, -1, 0, "expected an address"},
	    {"../etc", -1, 0, "no unit '../etc'"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct feed_subject s;
		char *err = NULL;

		print_message("subject: %s\n", cases[i].in ? cases[i].in : "-");
		assert_int_equal(
		    feed_subject_parse(&f->cfg, f->st, cases[i].in, &s, &err),
		    cases[i].rc);
		if (cases[i].rc == 0) {
			assert_int_equal(s.kind, cases[i].kind);
			assert_string_equal(s.id, cases[i].id);
		} else {
			assert_null(s.id);
			assert_true(str_startswith(err, cases[i].id));
			free(err);
		}
		feed_subject_release(&s);
	}
	feed_subject_release(NULL);
}

static void token_of(enum feed_kind kind, const char *id, int64_t version,
		     char token[FEED_TOKEN_LEN + 1])
{
	struct feed_subject s = {kind, (char *)id};

	feed_token(SECRET, &s, version, token);
}

/* Every subject congvan knows is found by its current token; nothing
 * else is, however close. */
static void test_token_find(void **state)
{
	struct fixture *f = *state;
	static const struct {
		enum feed_kind kind;
		const char *id;
		int64_t version;
		int rc;
	} cases[] = {
	    {FEED_OFFICE, "office", 1, 1},
	    {FEED_UNIT, "tttn", 1, 1},
	    {FEED_UNIT, "pc", 1, 1},
	    {FEED_PERSON, "a.nguyen" D, 1, 1},
	    {FEED_PERSON, "truong.tttn" D, 1, 1},
	    {FEED_PERSON, "lanhdao" D, 1, 1},
	    {FEED_PERSON, "tttn" D, 1, 1},
	    {FEED_PERSON, "vanthu" D, 1, 1},
	    {FEED_PERSON, "outsider@example.org", 1, 1},
	    {FEED_PERSON, "nobody" D, 1, 0},
	    {FEED_UNIT, "vp", 1, 0},
	    {FEED_UNIT, "TTTN", 1, 0}, /* ids are lower-cased */
	    {FEED_PERSON, "tttn", 1, 0},
	    {FEED_OFFICE, "office", 2, 0}, /* not issued yet */
	    {FEED_OFFICE, "office", 0, 0},
	};
	char token[FEED_TOKEN_LEN + 1];
	struct feed_subject s;
	char *err = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		print_message("token of %s %s v%lld\n",
			      feed_kind_name(cases[i].kind), cases[i].id,
			      (long long)cases[i].version);
		token_of(cases[i].kind, cases[i].id, cases[i].version, token);
		assert_int_equal(
		    feed_token_find(&f->cfg, f->st, SECRET, token, &s, &err),
		    cases[i].rc);
		if (cases[i].rc == 1) {
			assert_int_equal(s.kind, cases[i].kind);
			assert_string_equal(s.id, cases[i].id);
		} else {
			assert_null(s.id);
		}
		feed_subject_release(&s);
	}

	/* Malformed tokens: upper case, one character short or long. */
	token_of(FEED_OFFICE, "office", 1, token);
	{
		const char *bad[] = {"",
				     "AUHEL3JIZ5OHIWGFAB6HDZEWWIVZW7TX",
				     "auhel3jiz5ohiwgfab6hdzewwivzw7t",
				     "auhel3jiz5ohiwgfab6hdzewwivzw7txa",
				     "auhel3jiz5ohiwgfab6hdzewwivzw7ty",
				     NULL};

		assert_string_equal(token, "auhel3jiz5ohiwgfab6hdzewwivzw7tx");
		for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
			assert_int_equal(feed_token_find(&f->cfg, f->st, SECRET,
							 bad[i], &s, &err),
					 0);
			assert_null(s.id);
		}
	}
	/* Another secret opens nothing. */
	assert_int_equal(
	    feed_token_find(&f->cfg, f->st, "other", token, &s, &err), 0);
}

/* Revoking raises the version: the old token opens nothing, the new one
 * does, and the other feeds keep theirs. */
static void test_token_revoke(void **state)
{
	struct fixture *f = *state;
	struct feed_subject unit = {FEED_UNIT, "tttn"};
	char old[FEED_TOKEN_LEN + 1], cur[FEED_TOKEN_LEN + 1];
	char office[FEED_TOKEN_LEN + 1];
	struct feed_subject s;
	int64_t version = 0;
	char *err = NULL;

	assert_int_equal(feed_token_current(f->st, SECRET, &unit, old, &err),
			 0);
	token_of(FEED_OFFICE, "office", 1, office);
	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(
	    store_feed_revoke(f->st, "unit", "tttn", 10, &version, &err), 0);
	assert_int_equal(store_commit(f->st, &err), 0);
	assert_int_equal(version, 2);
	assert_int_equal(feed_token_current(f->st, SECRET, &unit, cur, &err),
			 0);
	assert_string_not_equal(cur, old);
	assert_int_equal(feed_token_find(&f->cfg, f->st, SECRET, old, &s, &err),
			 0);
	assert_int_equal(feed_token_find(&f->cfg, f->st, SECRET, cur, &s, &err),
			 1);
	assert_string_equal(s.id, "tttn");
	feed_subject_release(&s);
	assert_int_equal(
	    feed_token_find(&f->cfg, f->st, SECRET, office, &s, &err), 1);
	assert_int_equal(s.kind, FEED_OFFICE);
	feed_subject_release(&s);
}

static void test_url(void **state)
{
	struct fixture *f = *state;
	struct config none = {0};
	char *url = feed_url(&f->cfg, "abc");

	assert_string_equal(url, "https://congvan.example.vn/feed/abc.ics");
	free(url);
	assert_null(feed_url(&none, "abc"));
}

/* --- the feeds -------------------------------------------------------------
 */

struct feed_case {
	const char *name;
	enum feed_kind kind;
	const char *id;
	enum feed_type type;
	size_t n;
	time_t last_modified;
	const char *has[8];
	const char *lacks[4];
};

static const struct feed_case feed_cases[] = {
    {"office",
     FEED_OFFICE,
     "office",
     FEED_EVENTS,
     3,
     3000,
     {"X-WR-CALNAME:Hạn xử lý công văn: Bộ Công Thương\r\n",
      "UID:cv-2026-000001.lead.tttn@congvan.test\r\n",
      "DTSTART;VALUE=DATE:20270105\r\nDTEND;VALUE=DATE:20270106\r\n",
      "SUMMARY:[CV-2026-000001] V/v góp ý\\, thương mại điện tử nhanh\r\n",
      "UID:cv-2026-000002.lead.pc@congvan.test\r\n", "Đang có ý kiến khác nhau",
      "SUMMARY:[CV-2026-000005] V/v \xef\xbf\xbd thống kê\r\n",
      "LAST-MODIFIED:19700101T005000Z\r\n"},
     {"CV-2026-000003", "CV-2026-000004", "VTODO", "handler@"}},
    {"office to-dos",
     FEED_OFFICE,
     "office",
     FEED_TODOS,
     3,
     3000,
     {"BEGIN:VTODO\r\n", "DUE;VALUE=DATE:20270110\r\n",
      "STATUS:NEEDS-ACTION\r\n",
      "UID:cv-2026-000005.lead.tttn@congvan.test\r\n"},
     {"VEVENT", "DTSTART"}},
    {"lead unit",
     FEED_UNIT,
     "tttn",
     FEED_EVENTS,
     2,
     2000,
     {"X-WR-CALNAME:Hạn xử lý công văn: Vụ Thị trường trong nước\r\n",
      "UID:cv-2026-000001.lead.tttn@congvan.test\r\n",
      "UID:cv-2026-000005.lead.tttn@congvan.test\r\n",
      "DTSTAMP:19700101T000230Z\r\n"},
     {"consult", "CV-2026-000002", "CV-2026-000003"}},
    {"consulted unit",
     FEED_UNIT,
     "pc",
     FEED_EVENTS,
     2,
     3000,
     {"UID:cv-2026-000001.consult.pc@congvan.test\r\n",
      "DTSTART;VALUE=DATE:20261230\r\n", "Việc: PC (Vụ Pháp chế) cho ý kiến",
      "UID:cv-2026-000002.lead.pc@congvan.test\r\n"},
     {"cv-2026-000005", "cv-2026-000001.lead"}},
    {"member and handler",
     FEED_PERSON,
     "a.nguyen" D,
     FEED_EVENTS,
     3,
     2000,
     {"X-WR-CALNAME:Hạn xử lý công văn: Nguyễn Văn A\r\n",
      "UID:cv-2026-000001.handler.63c6afb1caf8@congvan.test\r\n",
      "DTSTART;VALUE=DATE:20270104\r\n",
      "UID:cv-2026-000001.lead.tttn@congvan.test\r\n",
      "UID:cv-2026-000005.lead.tttn@congvan.test\r\n", "hạn nội bộ 04/01/2027"},
     {"consult"}},
    {"head of the consulted unit",
     FEED_PERSON,
     "truong.pc" D,
     FEED_TODOS,
     2,
     3000,
     {"UID:cv-2026-000001.consult.pc@congvan.test\r\n",
      "UID:cv-2026-000002.lead.pc@congvan.test\r\n"},
     {"VEVENT"}},
    {"handler outside the directory",
     FEED_PERSON,
     "outsider@example.org",
     FEED_EVENTS,
     1,
     150,
     {"UID:cv-2026-000005.handler.708374ac0955@congvan.test\r\n",
      "DTSTART;VALUE=DATE:20270108\r\n",
      "X-WR-CALNAME:Hạn xử lý công văn: outsider@example.org\r\n"},
     {"lead@"}},
    {"leader",
     FEED_PERSON,
     "lanhdao" D,
     FEED_EVENTS,
     0,
     0,
     {"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "END:VCALENDAR\r\n"},
     {"VEVENT"}},
    {"unknown unit",
     FEED_UNIT,
     "vp",
     FEED_EVENTS,
     0,
     0,
     {"X-WR-CALNAME:Hạn xử lý công văn: vp\r\n"},
     {"VEVENT"}},
};

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(hay, needle); p;
	     p = strstr(p + 1, needle)) {
		n++;
	}
	return n;
}

/* Lines are CRLF-terminated and none is longer than 75 octets. */
static void check_lines(const char *body)
{
	for (const char *p = body; *p;) {
		const char *crlf = strstr(p, "\r\n");

		assert_non_null(crlf);
		assert_true(crlf - p <= 75);
		assert_null(memchr(p, '\n', (size_t)(crlf - p)));
		p = crlf + 2;
	}
}

/* The body with folded lines joined again (RFC 5545 3.1). */
static char *unfold(const char *body)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);

	for (const char *p = body; *p; p++) {
		if (str_startswith(p, "\r\n ")) {
			p += 2;
			continue;
		}
		sbuf_addch(&sb, *p);
	}
	return sbuf_detach(&sb);
}

static void test_build(void **state)
{
	struct fixture *f = *state;

	for (size_t i = 0; i < ARRAY_SIZE(feed_cases); i++) {
		const struct feed_case *c = &feed_cases[i];
		struct feed_subject s = {c->kind, (char *)c->id};
		struct feed_doc doc, again;
		char *err = NULL, *text;

		print_message("feed: %s\n", c->name);
		if (feed_build(&f->cfg, NULL, f->st, &s, c->type, &doc, &err) <
		    0) {
			fail_msg("%s", err);
		}
		assert_int_equal(doc.n_components, c->n);
		assert_int_equal(count(doc.body, c->type == FEED_TODOS
						     ? "BEGIN:VTODO"
						     : "BEGIN:VEVENT"),
				 c->n);
		assert_int_equal(doc.last_modified, c->last_modified);
		assert_int_equal(doc.len, strlen(doc.body));
		assert_true(str_startswith(doc.body, "BEGIN:VCALENDAR\r\n"));
		check_lines(doc.body);
		text = unfold(doc.body);
		for (size_t k = 0; k < ARRAY_SIZE(c->has) && c->has[k]; k++) {
			if (!strstr(text, c->has[k])) {
				fail_msg("'%s' not in:\n%s", c->has[k], text);
			}
		}
		for (size_t k = 0; k < ARRAY_SIZE(c->lacks) && c->lacks[k];
		     k++) {
			if (strstr(text, c->lacks[k])) {
				fail_msg("'%s' in:\n%s", c->lacks[k], text);
			}
		}
		free(text);
		/* The same store gives the same bytes and ETag. */
		assert_int_equal(
		    feed_build(&f->cfg, NULL, f->st, &s, c->type, &again, &err),
		    0);
		assert_string_equal(again.body, doc.body);
		assert_string_equal(again.etag, doc.etag);
		assert_int_equal(strlen(doc.etag), FEED_ETAG_SIZE - 1);
		assert_int_equal(doc.etag[0], '"');
		feed_doc_release(&again);
		feed_doc_release(&doc);
	}
	feed_doc_release(NULL);
}

/* Deadlines in date order; the ETag follows every change. */
static void test_build_order_and_etag(void **state)
{
	struct fixture *f = *state;
	struct feed_subject office = {FEED_OFFICE, "office"};
	struct feed_doc a, b, todo;
	char *err = NULL;
	const char *one, *two, *five;

	assert_int_equal(
	    feed_build(&f->cfg, NULL, f->st, &office, FEED_EVENTS, &a, &err),
	    0);
	one = strstr(a.body, "cv-2026-000001.lead");
	five = strstr(a.body, "cv-2026-000005.lead");
	two = strstr(a.body, "cv-2026-000002.lead");
	assert_true(one && five && two && one < five && five < two);
	assert_int_equal(
	    feed_build(&f->cfg, NULL, f->st, &office, FEED_TODOS, &todo, &err),
	    0);
	assert_string_not_equal(todo.etag, a.etag);

	/* Item 2 closes: it leaves the feed, and Last-Modified goes back
	 * to the others' latest change (the server must not let it). */
	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(
	    store_case_set_status(f->st, f->items[2], ITEM_DONE, 4000, 0, &err),
	    0);
	event_at(f, f->items[2], 4000);
	assert_int_equal(store_commit(f->st, &err), 0);
	assert_int_equal(
	    feed_build(&f->cfg, NULL, f->st, &office, FEED_EVENTS, &b, &err),
	    0);
	assert_string_not_equal(b.etag, a.etag);
	assert_int_equal(b.n_components, 2);
	assert_int_equal(b.last_modified, 2000);
	feed_doc_release(&a);
	feed_doc_release(&b);
	feed_doc_release(&todo);
}

/* Each entry carries the UID of the invitation of its part: the one
 * sent (kept, as an event sent before UIDs were marked), else the marked
 * one a first invitation gets under the service's secret. */
static void test_build_uids(void **state)
{
	struct fixture *f = *state;
	struct feed_subject office = {FEED_OFFICE, "office"};
	struct store_calendar_entry e = {
	    .uid = "cv-2026-000001.lead.tttn@congvan.test",
	    .item_id = f->items[1],
	    .recipient = "tttn@bo.gov.vn",
	    .role = "lead",
	    .party = "TTTN",
	    .due_day = 20000};
	struct feed_doc doc;
	char *err = NULL, *text, *marked;
	int seq;

	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(store_calendar_upsert(f->st, &e, &seq, &err), 0);
	assert_int_equal(store_calendar_upsert(f->st, &e, &seq, &err), 0);
	assert_int_equal(seq, 1);
	assert_int_equal(store_commit(f->st, &err), 0);
	assert_int_equal(feed_build(&f->cfg, "0123456789abcdef", f->st, &office,
				    FEED_EVENTS, &doc, &err),
			 0);
	text = unfold(doc.body);
	assert_non_null(strstr(text,
			       "UID:cv-2026-000001.lead.tttn@congvan.test\r\n"
			       "SEQUENCE:1\r\n"));
	marked = ical_uid("CV-2026-000005", ICAL_PART_LEAD, "TTTN",
			  "congvan.test", "0123456789abcdef");
	assert_non_null(strstr(text, marked));
	assert_null(strstr(text, "cv-2026-000005.lead.tttn@"));
	free(marked);
	free(text);
	feed_doc_release(&doc);
}

/* In English when the service is. */
static void test_build_english(void **state)
{
	struct fixture *f = *state;
	struct feed_subject pc = {FEED_UNIT, "pc"};
	struct feed_doc doc;
	char *err = NULL, *text;
	char *lang = f->cfg.service.language;

	f->cfg.service.language = "en";
	assert_int_equal(
	    feed_build(&f->cfg, NULL, f->st, &pc, FEED_EVENTS, &doc, &err), 0);
	f->cfg.service.language = lang;
	text = unfold(doc.body);
	feed_doc_release(&doc);
	doc.body = text;
	assert_non_null(
	    strstr(doc.body, "PRODID:-//congvan//calendar feed//EN"));
	assert_non_null(
	    strstr(doc.body, "X-WR-CALNAME:Correspondence deadlines: Vụ"));
	assert_non_null(strstr(doc.body, "To do: PC (Vụ Pháp chế) to give an"));
	assert_non_null(strstr(doc.body, "Disputed"));
	feed_doc_release(&doc);
}

/* --- HTTP ------------------------------------------------------------------
 */

#define T32 "abcdefghijklmnopqrstuvwxyz234567"
#define T64 T32 T32

static void test_path_token(void **state)
{
	static const struct {
		const char *path;
		const char *token; /* NULL: refused */
	} cases[] = {
	    {"/feed/" T32 ".ics", T32},
	    {"/feed/" T64 ".ics", T64},
	    {"/feed/Ab9.ics", "Ab9"},
	    {"/feed/a.ics", "a"},
	    {"/feed/" T64 "a.ics", NULL},
	    {"/feed/.ics", NULL},
	    {"/feed/", NULL},
	    {"/feed", NULL},
	    {"/", NULL},
	    {"", NULL},
	    {NULL, NULL},
	    {"/feed/abc", NULL},
	    {"/feed/abc.ICS", NULL},
	    {"/feed/abc.ics/", NULL},
	    {"/feed/abc.ics.ics", NULL},
	    {"/feed//abc.ics", NULL},
	    {"/FEED/abc.ics", NULL},
	    {"feed/abc.ics", NULL},
	    {"//feed/abc.ics", NULL},
	    {"/feed/../abc.ics", NULL},
	    {"/feed/..%2fabc.ics", NULL},
	    {"/feed/a/b.ics", NULL},
	    {"/feed/a b.ics", NULL},
	    {"/feed/a-b.ics", NULL},
	    {"/feed/a_b.ics", NULL},
	    {"/feed/a\tb.ics", NULL},
	    {"/feed/\xc3\xa1.ics", NULL},
	    {"/feed/abc.ics\r\n", NULL},
	    {"/feed/abc.ics?type=todo", NULL},
	    {"/x/feed/abc.ics", NULL},
	};
	char token[FEED_PATH_TOKEN_MAX + 1];
	char *huge = xmalloc(1 << 20);

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		print_message("path: %s\n",
			      cases[i].path ? cases[i].path : "-");
		if (cases[i].token) {
			assert_int_equal(feed_path_token(cases[i].path, token),
					 0);
			assert_string_equal(token, cases[i].token);
		} else {
			assert_int_equal(feed_path_token(cases[i].path, token),
					 -1);
		}
	}
	memcpy(huge, "/feed/", 6);
	memset(huge + 6, 'a', (1 << 20) - 11);
	memcpy(huge + (1 << 20) - 5, ".ics", 5);
	assert_int_equal(feed_path_token(huge, token), -1);
	free(huge);
}

static void test_http_date(void **state)
{
	static const struct {
		const char *text;
		time_t t; /* -1: refused */
	} cases[] = {
	    {"Sun, 06 Nov 1994 08:49:37 GMT", 784111777},
	    {"Thu, 01 Jan 1970 00:00:00 GMT", 0},
	    {"Fri, 27 Nov 2026 21:52:10 GMT", 1795816330},
	    {"Sunday, 06-Nov-94 08:49:37 GMT", -1},
	    {"Sun Nov  6 08:49:37 1994", -1},
	    {"Sun, 06 Nov 1994 08:49:37 UTC", -1},
	    {"Sun, 6 Nov 1994 08:49:37 GMT", -1},
	    {"Sun, 06 Nov 1994 08:49:37 GMT ", -1},
	    {"Sun, 06 Foo 1994 08:49:37 GMT", -1},
	    {"Sun, 32 Nov 1994 08:49:37 GMT", -1},
	    {"Sun, 06 Nov 1994 24:49:37 GMT", -1},
	    {"Sun, 06 Nov 1969 08:49:37 GMT", -1},
	    {"Sun, 0x Nov 1994 08:49:37 GMT", -1},
	    {"Sat, 31 Feb 2026 08:49:37 GMT", -1},
	    {"Sun, 06 Nov 1994 23:59:60 GMT", -1},
	    {"Tue, 29 Feb 2028 00:00:00 GMT", 1835395200},
	    {"", -1},
	    {NULL, -1},
	};
	char buf[FEED_HTTP_DATE_SIZE];

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		time_t t = -1;

		print_message("date: %s\n",
			      cases[i].text ? cases[i].text : "-");
		if (cases[i].t < 0) {
			assert_int_equal(
			    feed_http_date_parse(cases[i].text, &t), -1);
			continue;
		}
		assert_int_equal(feed_http_date_parse(cases[i].text, &t), 0);
		assert_int_equal(t, cases[i].t);
		feed_http_date_format(t, buf);
		assert_string_equal(buf, cases[i].text);
	}
}

static void test_not_modified(void **state)
{
	static const char etag[] = "\"0123456789abcdef0123456789abcdef\"";
	static const char lm_text[] = "Fri, 27 Nov 2026 21:52:10 GMT";
	static const struct {
		const char *inm, *ims;
		time_t lm;
		bool not_modified;
	} cases[] = {
	    {NULL, NULL, 1795816330, false},
	    {etag, NULL, 1795816330, true},
	    {"W/\"0123456789abcdef0123456789abcdef\"", NULL, 0, true},
	    {"\"x\", \"0123456789abcdef0123456789abcdef\"", NULL, 0, true},
	    {"*", NULL, 0, true},
	    {"\"x\"", NULL, 0, false},
	    {"0123456789abcdef0123456789abcdef", NULL, 0, false},
	    {"\"0123456789abcdef0123456789abcde\"", NULL, 0, false},
	    {"", NULL, 0, false},
	    /* If-None-Match decides when both are there */
	    {"\"x\"", lm_text, 1795816330, false},
	    {NULL, lm_text, 1795816330, true},
	    {NULL, lm_text, 1795816329, true},
	    {NULL, lm_text, 1795816331, false},
	    {NULL, "yesterday", 0, false},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		print_message("case %zu\n", i);
		assert_int_equal(feed_http_not_modified(cases[i].inm,
							cases[i].ims, etag,
							cases[i].lm),
				 cases[i].not_modified);
	}
}

/* Last-Modified over successive requests of one feed, the server having
 * started at 1000. */
static void test_seen(void **state)
{
	static const struct {
		const char *etag;
		time_t latest, now, want;
	} steps[] = {
	    {"\"a\"", 500, 2000, 1000},  /* first since start: start */
	    {"\"a\"", 500, 2100, 1000},  /* unchanged */
	    {"\"b\"", 400, 2200, 2200},  /* an item left: now */
	    {"\"b\"", 400, 2300, 2200},  /* unchanged */
	    {"\"c\"", 400, 2200, 2201},  /* changed in the same second */
	    {"\"c\"", 9999, 2400, 2201}, /* the same body */
	};
	static const struct {
		time_t latest, now, want;
	} first[] = {
	    {1500, 3000, 1500}, /* after the start: the latest change */
	    {9999, 3000, 3000}, /* never in the future */
	    {0, 3000, 1000},    /* an empty feed */
	};
	struct feed_seen seen = {0};

	for (size_t i = 0; i < ARRAY_SIZE(steps); i++) {
		print_message("step %zu\n", i);
		assert_int_equal(feed_seen_update(&seen, steps[i].etag,
						  steps[i].latest, steps[i].now,
						  1000),
				 steps[i].want);
		assert_string_equal(seen.etag, steps[i].etag);
	}
	for (size_t i = 0; i < ARRAY_SIZE(first); i++) {
		struct feed_seen fresh = {0};

		assert_int_equal(feed_seen_update(&fresh, "\"a\"",
						  first[i].latest, first[i].now,
						  1000),
				 first[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_token_vectors),
	    cmocka_unit_test_setup_teardown(test_versions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_subject_parse, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_token_find, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_token_revoke, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_url, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_build, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_build_order_and_etag, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_build_uids, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_build_english, setup,
					    teardown),
	    cmocka_unit_test(test_path_token),
	    cmocka_unit_test(test_http_date),
	    cmocka_unit_test(test_not_modified),
	    cmocka_unit_test(test_seen),
	};

	return cmocka_run_group_tests_name("feed", tests, NULL, NULL);
}
