/* Queueing mail: a runtime with a configuration, a real SQLite store and
 * templates, all in a temporary folder.  Sending (outbox_flush) needs an
 * SMTP server and is tested by the integration tests; here only against
 * a server that cannot be reached (a closed port). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "congvan/message.h"
#include "congvan/mime.h"
#include "congvan/outbox.h"
#include "congvan/store.h"
#include "congvan/util.h"

#define T0 1777255200 /* Mon, 27 Apr 2026 09:00:00 +0700 */

struct fixture {
	char dir[64];
	struct config cfg;
	struct runtime rt;
	int64_t item_id;
};

static void write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	free(path);
}

static void make_templates(const char *dir)
{
	char *vi = xasprintf("%s/templates/vi", dir);
	char *en = xasprintf("%s/templates/en", dir);
	char *top = xasprintf("%s/templates", dir);

	assert_int_equal(mkdir(top, 0700), 0);
	assert_int_equal(mkdir(vi, 0700), 0);
	assert_int_equal(mkdir(en, 0700), 0);
	write_file(vi, "notice.txt",
		   "Subject: [{{key}}] Thông báo\n\nKính gửi {{name}},\n\n"
		   "Đề nghị xử lý.\n");
	write_file(vi, "notice.html", "<p>Kính gửi {{name}},</p>\n");
	write_file(en, "notice.txt",
		   "Subject: [{{key}}] Notice\n\nDear {{name}},\n\n"
		   "Please act.\n");
	free(top);
	free(vi);
	free(en);
}

/* An item to hang the events on (events.item_id is a foreign key). */
/* The n-th item (uid n), CV-2026-00000n. */
static int64_t make_nth_item(struct store *st, uint32_t n)
{
	char msgid[32];
	struct store_message msg = {.received_at = T0,
				    .mailbox = "INBOX",
				    .uidvalidity = 1,
				    .uid = n,
				    .sha256 = "00",
				    .size = 1,
				    .message_id = msgid,
				    .kind = "letter"};
	struct store_item item;
	int64_t msg_id = 0;
	char *err = NULL;

	snprintf(msgid, sizeof(msgid), "letter%u@x.vn", n);
	assert_int_equal(store_message_insert(st, &msg, &msg_id, &err), 0);
	assert_int_equal(store_item_create(st, "CV", 2026, T0, msg_id, "s",
					   "s@x.vn", &item, &err),
			 0);
	store_item_release(&item);
	return item.id;
}

static int64_t make_item(struct store *st)
{
	return make_nth_item(st, 1);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *db, *err = NULL;

	snprintf(f->dir, sizeof(f->dir), "/tmp/congvan-outbox-XXXXXX");
	if (!mkdtemp(f->dir)) {
		return -1;
	}
	make_templates(f->dir);
	f->cfg.service.organization = xstrdup("Bộ Công Thương");
	f->cfg.service.domain = xstrdup("congvan.example.vn");
	f->cfg.service.language = xstrdup("vi");
	f->cfg.smtp.from = xstrdup("congvan@example.vn");
	f->cfg.service.templates = xasprintf("%s/templates", f->dir);
	db = xasprintf("%s/t.db", f->dir);
	f->rt.cfg = &f->cfg;
	f->rt.templates = f->cfg.service.templates;
	f->rt.fixed_now = T0;
	f->rt.secret = "5e2b7c";
	f->rt.st = store_open(db, &err);
	free(db);
	if (!f->rt.st) {
		fprintf(stderr, "%s\n", err);
		free(err);
		return -1;
	}
	f->item_id = make_item(f->rt.st);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	store_close(&f->rt.st);
	config_free(&f->cfg);
	template_cache_clear();
	if (system(cmd) != 0) {
		fprintf(stderr, "cleanup failed\n");
	}
	free(cmd);
	free(f);
	return 0;
}

static const struct template_var vars[] = {{"key", "CV-2026-000001"},
					   {"name", "anh An"}};

/* Queues m in a transaction of its own; returns outbox_queue_mail's
 * result. */
static int queue(struct fixture *f, const struct outbox_mail *m, char **msgid_r,
		 char **error_r)
{
	char *err = NULL;
	int rc;

	assert_int_equal(store_begin(f->rt.st, &err), 0);
	rc = outbox_queue_mail(&f->rt, m, msgid_r, error_r);
	if (rc == 0) {
		assert_int_equal(store_commit(f->rt.st, &err), 0);
	} else {
		store_rollback(f->rt.st);
	}
	return rc;
}

/* What the outbox holds: every pending entry, in order. */
struct queued {
	size_t n;
	char *rcpt[32];
	char *msgid[32];
	char *data[32];
	size_t len[32];
};

static int collect(const struct store_outbox *o, void *ctx)
{
	struct queued *q = ctx;

	assert_true(q->n < 32);
	q->rcpt[q->n] = xstrdup(o->rcpt);
	q->msgid[q->n] = xstrdup(o->message_id);
	q->data[q->n] = xstrndup(o->data, o->data_len);
	q->len[q->n++] = o->data_len;
	return 0;
}

/* Hands every pending entry (at most limit) to cb. */
static void due_read(struct fixture *f, int limit, bool with_data,
		     store_outbox_cb *cb, void *ctx)
{
	char *err = NULL;

	assert_int_equal(store_outbox_due(f->rt.st, (time_t)1 << 40, limit,
					  with_data, cb, ctx, &err),
			 0);
}

static void queued_read(struct fixture *f, struct queued *q)
{
	memset(q, 0, sizeof(*q));
	due_read(f, 100, true, collect, q);
}

static void queued_free(struct queued *q)
{
	for (size_t i = 0; i < q->n; i++) {
		free(q->rcpt[i]);
		free(q->msgid[i]);
		free(q->data[i]);
	}
	q->n = 0;
}

static void test_queue_mail(void **state)
{
	static const char *const to[] = {"an.nv@donvi.example.vn",
					 "Binh.TT@donvi.example.vn", NULL};
	static const char *const cc[] = {"binh.tt@DONVI.example.vn",
					 "vanphong@example.vn",
					 "an.nv@donvi.example.vn", NULL};
	static const char *const refs[] = {"r1@x.vn", "parent@x.vn", NULL};
	static const char pdf[] = "%PDF-1.4 not really";
	const struct message_attachment att = {
	    "Công văn 2536.pdf", "application/pdf", pdf, sizeof(pdf) - 1};
	struct fixture *f = *state;
	struct outbox_mail m = {.item_id = f->item_id,
				.key = "CV-2026-000001",
				.template_name = "notice",
				.vars = vars,
				.nvars = ARRAY_SIZE(vars),
				.to = to,
				.cc = cc,
				.reply_to = "box+tok@example.vn",
				.in_reply_to = "parent@x.vn",
				.references = refs,
				.attachments = &att,
				.n_attachments = 1,
				.calendar = "BEGIN:VCALENDAR\nMETHOD:REQUEST\n"
					    "END:VCALENDAR\n",
				.calendar_method = "REQUEST"};
	struct message_classify_opts opts = {"5e2b7c", "congvan@example.vn",
					     "CV"};
	struct message_info info;
	struct mime_doc doc;
	struct queued q;
	char *msgid = NULL, *err = NULL;

	assert_int_equal(queue(f, &m, &msgid, &err), 0);
	assert_non_null(msgid);
	/* unguessable, and marked as ours */
	assert_true(str_startswith(msgid, "cv."));
	assert_true(message_id_is_ours(msgid, f->rt.secret));
	queued_read(f, &q);
	assert_int_equal(q.n, 1);
	/* To then Cc, once each, the first spelling kept. */
	assert_string_equal(q.rcpt[0], "an.nv@donvi.example.vn\n"
				       "Binh.TT@donvi.example.vn\n"
				       "vanphong@example.vn");
	assert_string_equal(q.msgid[0], msgid);
	/* The headers name To and Cc as given. */
	assert_non_null(strstr(q.data[0], "\r\nCc: binh.tt@DONVI.example.vn,"));
	assert_non_null(strstr(q.data[0], "\r\nX-Congvan-Item: CV-2026-000001"
					  "\r\n"));
	assert_non_null(
	    strstr(q.data[0], "\r\nReply-To: box+tok@example.vn\r\n"));
	assert_non_null(strstr(q.data[0], "method=REQUEST\r\n"));
	message_info_parse(q.data[0], q.len[0], &opts, &info);
	assert_string_equal(info.message_id, msgid);
	assert_string_equal(info.in_reply_to, "parent@x.vn");
	assert_string_equal(info.subject, "[CV-2026-000001] Thông báo");
	assert_string_equal(info.from_name, "Bộ Công Thương");
	assert_int_equal(info.kind, MESSAGE_AUTO); /* our own, if it loops */
	message_info_free(&info);
	mime_parse(q.data[0], q.len[0], 0, &doc);
	assert_string_equal(doc.text, "Kính gửi anh An,\n\nĐề nghị xử lý.\n");
	assert_int_equal(doc.n_attachments, 1);
	assert_string_equal(doc.attachments[0].filename, "Công văn 2536.pdf");
	assert_int_equal(doc.attachments[0].size, sizeof(pdf) - 1);
	mime_doc_free(&doc);
	queued_free(&q);
	free(msgid);

	/* Another language, no msgid_r, the item key left out. */
	m.language = "en";
	m.key = NULL;
	m.cc = NULL;
	m.attachments = NULL;
	m.n_attachments = 0;
	m.calendar = NULL;
	assert_int_equal(queue(f, &m, NULL, &err), 0);
	queued_read(f, &q);
	assert_int_equal(q.n, 2);
	assert_true(message_id_is_ours(q.msgid[1], f->rt.secret));
	assert_null(strstr(q.data[1], "X-Congvan-Item"));
	message_info_parse(q.data[1], q.len[1], &opts, &info);
	assert_string_equal(info.subject, "[CV-2026-000001] Notice");
	message_info_free(&info);
	queued_free(&q);
}

struct whole {
	struct runtime *rt;
	struct sbuf sb[2];
	int rc[2];
	char *err[2];
	size_t n;
};

/* The pending entries as sent. */
static int whole_of(const struct store_outbox *o, void *ctx)
{
	struct whole *w = ctx;
	size_t i = w->n++;

	assert_true(i < 2);
	assert_string_equal(o->attach_name, "CV-2026-000001.eml");
	assert_true(o->attach_at > 0 && o->attach_at < o->data_len);
	assert_memory_equal(o->data + o->attach_at - 2, "\r\n--", 4);
	assert_null(memmem(o->data, o->data_len, "BTC-KHTC", 8));
	w->rc[i] = outbox_message(w->rt, o, false, &w->sb[i], &w->err[i]);
	return 0;
}

/* A stored letter attached by reference: the queue keeps its SHA-256,
 * not its bytes, and the mail as sent has it after the other
 * attachments, read back as the forwarded letter; a letter that cannot
 * be read is an error, not a mail without it. */
static void test_queue_stored_letter(void **state)
{
	static const char *const to[] = {"vanphong@example.vn", NULL};
	static const char letter[] =
	    "From: <vanthu@mof.example>\n"
	    "Message-ID: <l1@mof.example>\n"
	    "Subject: V/v ngân sách\n\n"
	    "Số: 12/BTC-KHTC\nKính gửi: Bộ Công Thương\n";
	static const char pdf[] = "%PDF-1.4 not really";
	const struct message_attachment att = {"phu-luc.pdf", "application/pdf",
					       pdf, sizeof(pdf) - 1};
	struct fixture *f = *state;
	char sha[STORE_SHA_HEX];
	struct outbox_mail m = {.item_id = f->item_id,
				.key = "CV-2026-000001",
				.template_name = "notice",
				.vars = vars,
				.nvars = ARRAY_SIZE(vars),
				.to = to,
				.attachments = &att,
				.n_attachments = 1,
				.attach_sha = sha,
				.attach_name = "CV-2026-000001.eml"};
	struct whole w = {&f->rt,
			  {SBUF_INIT(SIZE_MAX), SBUF_INIT(SIZE_MAX)},
			  {-2, -2},
			  {NULL, NULL},
			  0};
	char missing[STORE_SHA_HEX];
	struct mime_doc doc;
	char *err = NULL;

	assert_int_equal(store_begin(f->rt.st, &err), 0);
	assert_int_equal(
	    store_blob_put(f->rt.st, letter, sizeof(letter) - 1, sha, &err), 0);
	assert_int_equal(store_commit(f->rt.st, &err), 0);
	assert_int_equal(queue(f, &m, NULL, &err), 0);
	/* A letter whose bytes were never kept. */
	store_blob_hash("gone", 4, missing);
	m.attach_sha = missing;
	assert_int_equal(queue(f, &m, NULL, &err), 0);
	assert_int_equal(store_outbox_due(f->rt.st, (time_t)1 << 40, 10, true,
					  whole_of, &w, &err),
			 0);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.rc[0], 0);
	mime_parse(w.sb[0].buf, w.sb[0].len, 0, &doc);
	assert_string_equal(doc.text, "Kính gửi anh An,\n\nĐề nghị xử lý.\n");
	assert_int_equal(doc.n_attachments, 1);
	assert_string_equal(doc.attachments[0].filename, "phu-luc.pdf");
	assert_non_null(doc.forwarded);
	assert_non_null(strstr(doc.forwarded->text, "Số: 12/BTC-KHTC"));
	mime_doc_free(&doc);
	assert_non_null(strstr(w.sb[0].buf, "Content-Type: message/rfc822;"));
	assert_non_null(strstr(w.sb[0].buf, "Kính gửi: Bộ Công Thương\r\n"));
	/* No mail without its letter. */
	assert_int_equal(w.rc[1], -1);
	assert_non_null(w.err[1]);
	free(w.err[1]);
	sbuf_release(&w.sb[0]);
	sbuf_release(&w.sb[1]);
}

/* What the log says of each item's mail. */
struct mail_events {
	int queued, skipped;
	char last[256];
};

static int count_mail(const struct store_event *ev, void *ctx)
{
	struct mail_events *me = ctx;

	if (ev->kind == EV_MAIL_QUEUED) {
		me->queued++;
		assert_string_equal(ev->actor, "outbox");
		assert_string_equal(ev->fields.template, "notice");
		snprintf(me->last, sizeof(me->last), "%s", ev->detail);
	} else if (ev->kind == EV_MAIL_SKIPPED) {
		me->skipped++;
	}
	return 0;
}

/* The limit counts per item: a notice each for many items (a busy
 * morning's registrations) all go out, a loop on one item is held back;
 * each mail queued is recorded once, on its item, as mail-queued. */
static void test_queue_per_item(void **state)
{
	static const char *const to[] = {"vanphong@example.vn", NULL};
	static const char *const none[] = {NULL};
	struct fixture *f = *state;
	struct mail_events me = {0};
	struct queued q;
	char *err = NULL;

	assert_int_equal(store_begin(f->rt.st, &err), 0);
	for (int k = 0; k < OUTBOX_RATE_MAX + 5; k++) {
		int64_t id =
		    k ? make_nth_item(f->rt.st, (uint32_t)k + 1) : f->item_id;
		const struct outbox_mail m = {.item_id = id,
					      .key = "CV-2026-000001",
					      .template_name = "notice",
					      .vars = vars,
					      .nvars = ARRAY_SIZE(vars),
					      .to = to};

		assert_int_equal(outbox_queue_mail(&f->rt, &m, NULL, &err), 0);
	}
	assert_int_equal(
	    store_event_foreach(f->rt.st, f->item_id, count_mail, &me, &err),
	    0);
	assert_int_equal(me.queued, 1);
	assert_string_equal(me.last, "notice to vanphong@example.vn");
	{
		/* nobody to write to: recorded as skipped, nothing queued */
		const struct outbox_mail m = {.item_id = f->item_id,
					      .template_name = "notice",
					      .vars = vars,
					      .nvars = ARRAY_SIZE(vars),
					      .to = none};
		char *msgid = (char *)"untouched";

		assert_int_equal(outbox_queue_mail(&f->rt, &m, &msgid, &err),
				 0);
		assert_null(msgid);
		assert_int_equal(store_event_foreach(f->rt.st, f->item_id,
						     count_mail, &me, &err),
				 0);
		assert_int_equal(me.skipped, 1);
	}
	queued_read(f, &q);
	assert_int_equal(q.n, OUTBOX_RATE_MAX + 5);
	assert_string_equal(q.rcpt[0], "vanphong@example.vn");
	assert_non_null(strstr(q.data[0], "X-Congvan-Item: CV-2026-000001"));
	queued_free(&q);
	/* the first item has one; OUTBOX_RATE_MAX more on it, one is held */
	for (int k = 0; k < OUTBOX_RATE_MAX; k++) {
		const struct outbox_mail m = {.item_id = f->item_id,
					      .key = "CV-2026-000001",
					      .template_name = "notice",
					      .vars = vars,
					      .nvars = ARRAY_SIZE(vars),
					      .to = to};

		assert_int_equal(outbox_queue_mail(&f->rt, &m, NULL, &err), 0);
	}
	assert_int_equal(store_commit(f->rt.st, &err), 0);
	queued_read(f, &q);
	assert_int_equal(q.n, 2 * OUTBOX_RATE_MAX + 4);
	queued_free(&q);
}

static void test_queue_errors(void **state)
{
	static const char *const good[] = {"a@x.vn", NULL};
	static const char *const bad_to[] = {"a@x.vn", "a b@x.vn", NULL};
	static const char *const bad_cc[] = {"c@x.vn\r\nBcc: e@x.vn", NULL};
	static const char *const bad_angle[] = {"<a@x.vn>", NULL};
	static const struct {
		const char *const *to;
		const char *const *cc;
		const char *template_name;
		const char *calendar_method;
		const char *error;
	} cases[] = {
	    {bad_to, NULL, "notice", NULL, "'a b@x.vn'"},
	    {good, bad_cc, "notice", NULL, "'c@x.vn??Bcc: e@x.vn'"},
	    {bad_angle, NULL, "notice", NULL, "'<a@x.vn>'"},
	    {good, NULL, NULL, NULL, "no template"},
	    {good, NULL, "missing", NULL, "missing.txt"},
	    {good, NULL, "notice", "CANCEL", "differs"},
	};
	struct fixture *f = *state;
	struct store_outbox_stats stats;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct outbox_mail m = {.template_name = cases[i].template_name,
					.vars = vars,
					.nvars = ARRAY_SIZE(vars),
					.to = cases[i].to,
					.cc = cases[i].cc};
		char *msgid = (char *)"untouched", *err = NULL;

		if (cases[i].calendar_method) {
			m.calendar = "METHOD:REQUEST\n";
			m.calendar_method = cases[i].calendar_method;
		}
		assert_int_equal(queue(f, &m, &msgid, &err), -1);
		assert_null(msgid);
		if (!err || !strstr(err, cases[i].error)) {
			fail_msg("case %zu: error '%s' does not name '%s'", i,
				 err, cases[i].error);
		}
		free(err);
	}
	assert_int_equal(store_outbox_stats(f->rt.st, &stats, NULL), 0);
	assert_int_equal(stats.pending, 0);
}

struct limited {
	int n;
	char detail[4][128];
};

static int collect_limited(const struct store_event *ev, void *ctx)
{
	struct limited *l = ctx;

	if (ev->kind == EV_RATE_LIMITED) {
		assert_string_equal(ev->actor, "outbox");
		assert_true(l->n < 4);
		snprintf(l->detail[l->n++], sizeof(l->detail[0]), "%s",
			 ev->detail);
	}
	return 0;
}

/* Ten messages to one person in ten minutes, then no more until the
 * window moves on; the others on the same message still get it. */
/* OUTBOX_RATE_MAX mails to `to` about the fixture's item, one a second
 * from T0: the limit reached. */
static void queue_to_limit(struct fixture *f, const char *const *to)
{
	char *err = NULL;

	for (int k = 0; k < OUTBOX_RATE_MAX; k++) {
		struct outbox_mail m = {.item_id = f->item_id,
					.template_name = "notice",
					.vars = vars,
					.nvars = ARRAY_SIZE(vars),
					.to = to};

		f->rt.fixed_now = T0 + k;
		assert_int_equal(queue(f, &m, NULL, &err), 0);
	}
}

static void test_rate_limit(void **state)
{
	static const char *const a[] = {"a@x.vn", NULL};
	static const char *const a_upper[] = {"A@X.VN", NULL};
	static const char *const b[] = {"b@x.vn", NULL};
	static const struct {
		time_t at; /* after T0 */
		const char *const *to;
		const char *const *cc;
		const char *rcpt; /* queued to; NULL: nothing queued */
		int limited;      /* rate-limited events so far */
	} steps[] = {
	    {10, a, b, "b@x.vn", 1},      /* a had 10 in (T0 + 10 - 600, ..] */
	    {11, a_upper, NULL, NULL, 2}, /* case does not matter */
	    {11, b, NULL, "b@x.vn", 2},   {599, a, NULL, NULL, 3},
	    {600, a, NULL, "a@x.vn", 3}, /* the one at T0 fell out */
	    {600, a, NULL, NULL, 4},
	};
	struct fixture *f = *state;
	struct limited lim = {0};
	struct queued q;
	char *err = NULL;

	queue_to_limit(f, a);
	for (size_t i = 0; i < ARRAY_SIZE(steps); i++) {
		struct outbox_mail m = {.item_id = f->item_id,
					.template_name = "notice",
					.vars = vars,
					.nvars = ARRAY_SIZE(vars),
					.to = steps[i].to,
					.cc = steps[i].cc};
		char *msgid = NULL;
		size_t before;

		queued_read(f, &q);
		before = q.n;
		queued_free(&q);
		f->rt.fixed_now = T0 + steps[i].at;
		assert_int_equal(queue(f, &m, &msgid, &err), 0);
		queued_read(f, &q);
		if (steps[i].rcpt) {
			assert_non_null(msgid);
			assert_int_equal(q.n, before + 1);
			assert_string_equal(q.rcpt[q.n - 1], steps[i].rcpt);
			assert_string_equal(q.msgid[q.n - 1], msgid);
		} else {
			assert_null(msgid);
			assert_int_equal(q.n, before);
		}
		queued_free(&q);
		free(msgid);
		memset(&lim, 0, sizeof(lim));
		assert_int_equal(store_event_foreach(f->rt.st, f->item_id,
						     collect_limited, &lim,
						     &err),
				 0);
		assert_int_equal(lim.n, steps[i].limited);
	}
	assert_string_equal(lim.detail[0], "a@x.vn: 10 messages in 10 minutes");
	assert_string_equal(lim.detail[1], "A@X.VN: 10 messages in 10 minutes");
}

/* Pruning the recipients the rate limit no longer counts changes no
 * answer of the limit: a recipient at the limit stays limited until the
 * window has moved past, pruned or not. */
static void test_rate_limit_prune(void **state)
{
	static const char *const a[] = {"a@x.vn", NULL};
	struct fixture *f = *state;
	char *err = NULL;
	int64_t n = -1;

	queue_to_limit(f, a);
	/* At T0 + 100 all ten are in the window: pruning before it keeps
	 * every one. */
	assert_int_equal(store_outbox_rcpt_prune(
			     f->rt.st, T0 + 100 - OUTBOX_RATE_WINDOW, &err),
			 0);
	assert_int_equal(store_outbox_rcpt_count(f->rt.st, "a@x.vn", f->item_id,
						 T0 - 1, &n, &err),
			 0);
	assert_int_equal(n, OUTBOX_RATE_MAX);
	/* At T0 + 605 the first six (T0 .. T0 + 5) have left the window: they
	 * go, the count of the window is the same as before the prune. */
	assert_int_equal(store_outbox_rcpt_count(f->rt.st, "a@x.vn", f->item_id,
						 T0 + 605 - OUTBOX_RATE_WINDOW,
						 &n, &err),
			 0);
	assert_int_equal(n, OUTBOX_RATE_MAX - 6);
	assert_int_equal(store_outbox_rcpt_prune(
			     f->rt.st, T0 + 605 - OUTBOX_RATE_WINDOW, &err),
			 0);
	assert_int_equal(store_outbox_rcpt_count(f->rt.st, "a@x.vn", f->item_id,
						 T0 - 1, &n, &err),
			 0);
	assert_int_equal(n, OUTBOX_RATE_MAX - 6);
	assert_null(err);
}

/* Attempts and next try of every pending entry, in outbox_due's order. */
struct tries {
	size_t n;
	int attempts[8];
	time_t next[8];
};

static int tries_cb(const struct store_outbox *o, void *ctx)
{
	struct tries *t = ctx;

	assert_true(t->n < 8);
	assert_null(o->data); /* read without the message */
	t->attempts[t->n] = o->attempts;
	t->next[t->n++] = o->next_attempt_at;
	return 0;
}

static void tries_read(struct fixture *f, struct tries *t)
{
	memset(t, 0, sizeof(*t));
	due_read(f, 8, false, tries_cb, t);
}

/* n entries pending, none of them ever tried, each due at next. */
static void assert_untouched(struct fixture *f, size_t n, time_t next)
{
	struct tries t;

	tries_read(f, &t);
	assert_int_equal(t.n, n);
	for (size_t i = 0; i < t.n; i++) {
		assert_int_equal(t.attempts[i], 0);
		assert_int_equal(t.next[i], next);
	}
}

/* A server that cannot be reached: one mail is tried, and it and the
 * rest wait as they are (no write for each mail of a backlog, every
 * retry); mail queued OUTBOX_GIVE_UP ago or more fails, tried or not. */
static void test_flush_server_down(void **state)
{
	static const char *const to[] = {"an.nv@donvi.example.vn", NULL};
	struct fixture *f = *state;
	const struct outbox_mail m = {.item_id = f->item_id,
				      .key = "CV-2026-000001",
				      .template_name = "notice",
				      .vars = vars,
				      .nvars = ARRAY_SIZE(vars),
				      .to = to};
	struct outbox_stats stats;
	struct store_outbox_stats all;
	char *err = NULL;

	f->cfg.smtp.url = xstrdup("smtp://127.0.0.1:1");
	f->cfg.smtp.host = xstrdup("127.0.0.1");
	f->cfg.smtp.port = 1;
	f->cfg.smtp.tls = CONFIG_TLS_NO;
	/* two mails queued six days ago, three now */
	f->rt.fixed_now = T0 - 6 * 24 * 3600;
	for (int i = 0; i < 5; i++) {
		if (i == 2) {
			f->rt.fixed_now = T0;
		}
		assert_int_equal(queue(f, &m, NULL, &err), 0);
	}
	/* the oldest is tried and fails for good, so does the other old
	 * one, untried; the three new ones are not touched */
	assert_int_equal(outbox_flush(&f->rt, 0, &stats, &err), 0);
	assert_true(stats.unreachable);
	assert_int_equal(stats.sent, 0);
	assert_int_equal(stats.failed, 2);
	assert_int_equal(stats.deferred, 3);
	assert_untouched(f, 3, T0);
	/* the next flush tries the first queued; a server that never
	 * answered has not seen it, so it too stays as it is, to go first
	 * when the server is back */
	f->rt.fixed_now = T0 + 300;
	assert_int_equal(outbox_flush(&f->rt, 1000, &stats, &err), 0);
	assert_true(stats.unreachable);
	assert_false(stats.more);
	assert_int_equal(stats.failed, 0);
	assert_int_equal(stats.deferred, 3);
	assert_untouched(f, 3, T0);
	assert_int_equal(store_outbox_stats(f->rt.st, &all, &err), 0);
	assert_int_equal(all.failed, 2);
	assert_int_equal(all.pending, 3);
	assert_null(err);
}

/* When a server found down is tried again: soon at first, never later
 * than OUTBOX_SERVER_WAIT_MAX. */
static void test_server_backoff(void **state)
{
	assert_int_equal(outbox_server_backoff(1), 60);
	assert_int_equal(outbox_server_backoff(2), 120);
	assert_int_equal(outbox_server_backoff(4), 480);
	assert_int_equal(outbox_server_backoff(5), OUTBOX_SERVER_WAIT_MAX);
	assert_int_equal(outbox_server_backoff(100), OUTBOX_SERVER_WAIT_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_queue_mail, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_queue_per_item, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_queue_stored_letter, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_queue_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rate_limit, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rate_limit_prune, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_flush_server_down, setup,
					    teardown),
	    cmocka_unit_test(test_server_backoff),
	};

	return cmocka_run_group_tests_name("outbox", tests, NULL, NULL);
}
