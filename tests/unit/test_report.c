/* The report's figures against a scripted history in a real SQLite store
 * (a temporary folder), with a fixed clock: each figure, the ranking, a
 * period that ended before later changes (deadline and lead as they were
 * then), an open period; the CSV's escaping; the text tables' alignment
 * with Vietnamese names; the HTML page; the quarterly mail, once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "congvan/clock.h"
#include "congvan/config.h"
#include "congvan/report.h"
#include "congvan/store.h"
#include "congvan/template.h"
#include "congvan/util.h"
#include "congvan/workday.h"

#define D "x.test"

static const char conf[] =
    "[service]\norganization = Bộ Công Thương\ndomain = " D "\n"
    "database = t.db\noffice = vanthu@" D "\n"
    "[mailbox]\nurl = imap://127.0.0.1\nuser = cv@" D "\npassword = p\n"
    "[smtp]\nurl = smtp://127.0.0.1\nfrom = cv@" D "\n"
    "[unit TTTN]\nname = Vụ Thị trường trong nước\nemail = tttn@" D "\n"
    "head = truong.tttn@" D "\nmembers = Nguyễn Văn A <a@" D ">\n"
    "[unit PC]\nname = Vụ Pháp chế\nemail = pc@" D "\n"
    "head = truong.pc@" D "\nmembers = Phạm Thị Lan <lan@" D ">\n"
    "[unit TC]\nname = Vụ Tài chính\nemail = tc@" D "\n"
    "head = truong.tc@" D "\nmembers = Trần Thị B <b@" D ">\n"
    "[unit XNK]\nname = Cục Xuất nhập khẩu\nemail = xnk@" D "\n"
    "head = truong.xnk@" D "\n";

struct fixture {
	char dir[64];
	struct store *st;
	struct config cfg;
	int64_t msg_uid;
	int64_t consults; /* consultations asked so far: the next id - 1 */
	int64_t mails;
};

static struct fixture *fx;

static time_t at(const char *iso)
{
	time_t t = 0;

	if (clock_parse_iso(iso, &t) < 0) {
		fail_msg("bad instant '%s'", iso);
	}
	return t;
}

static int32_t day(const char *iso)
{
	int32_t d = 0;

	assert_int_equal(workday_parse_date(iso, &d), 0);
	return d;
}

static int load_config(struct config *cfg, const char *extra)
{
	char *text = xasprintf("%s%s", conf, extra ? extra : "");
	char *path = xasprintf("%s/congvan.conf", fx->dir);
	char *err = NULL;
	int rc = config_load_buffer(path, text, strlen(text), cfg, &err);

	if (rc < 0) {
		fail_msg("%s", err);
	}
	free(path);
	free(text);
	return rc;
}

static int setup(void **state)
{
	char *path, *err = NULL;

	fx = xcalloc(1, sizeof(*fx));
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/congvan-report-XXXXXX");
	if (!mkdtemp(fx->dir)) {
		return -1;
	}
	path = xasprintf("%s/t.db", fx->dir);
	fx->st = store_open(path, &err);
	free(path);
	if (!fx->st) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	load_config(&fx->cfg, NULL);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", fx->dir);

	(void)state;
	store_close(&fx->st);
	config_free(&fx->cfg);
	if (system(cmd) != 0) {
		fprintf(stderr, "cleanup failed\n");
	}
	free(cmd);
	free(fx);
	fx = NULL;
	template_cache_clear();
	return 0;
}

/* --- the history, through the store's API ------------------------------ */

/* An event as runtime_event writes it: typed details and their line. */
static void event(int64_t item, const char *when, const char *actor,
		  enum event_kind kind, const struct event_data *d)
{
	struct store_event ev = {.at = at(when),
				 .item_id = item,
				 .actor = actor,
				 .kind = kind,
				 .detail = event_describe(kind, d),
				 .data = event_data_json(kind, d)};
	char *err = NULL;

	assert_int_equal(store_event_add(fx->st, &ev, &err), 0);
	free((char *)ev.detail);
	free((char *)ev.data);
}

static int64_t item(const char *registered)
{
	struct store_message m = {.received_at = at(registered),
				  .mailbox = "INBOX",
				  .uidvalidity = 1,
				  .uid = (uint32_t)++fx->msg_uid,
				  .sha256 = "00",
				  .size = 1,
				  .kind = "letter"};
	struct store_item it;
	int64_t msg = 0, id;
	char *err = NULL;

	assert_int_equal(store_message_insert(fx->st, &m, &msg, &err), 0);
	assert_int_equal(store_item_create(fx->st, "CV", 2027, at(registered),
					   msg, "V/v thử", "s@other.test", &it,
					   &err),
			 0);
	id = it.id;
	store_item_release(&it);
	event(id, registered, "intake", EV_REGISTERED, NULL);
	return id;
}

/* due: dd/mm/yyyy. */
static void assign(int64_t id, const char *when, const char *lead,
		   const char *due)
{
	const struct event_data d = {.unit = lead, .due = day(due)};
	char *err = NULL;

	assert_int_equal(store_case_assign(fx->st, id, lead, NULL, day(due),
					   at(when), "vanthu@" D, &err),
			 0);
	event(id, when, "vanthu@" D, EV_ASSIGNED, &d);
}

static void delegate(int64_t id, const char *when, const char *who,
		     const char *due)
{
	const struct event_data d = {.address = who, .due = day(due)};
	char *err = NULL;

	assert_int_equal(
	    store_case_set_handler(fx->st, id, who, NULL, day(due), &err), 0);
	event(id, when, "head", EV_DELEGATED, &d);
}

static void close_item(int64_t id, const char *when, enum item_status status,
		       int late)
{
	const struct event_data d = {.days = late, .reason = "không đúng"};
	char *err = NULL;

	assert_int_equal(
	    store_case_set_status(fx->st, id, status, at(when), late, &err), 0);
	event(id, when, "someone", status == ITEM_DONE ? EV_DONE : EV_RETURNED,
	      &d);
}

/* Asks unit; returns the consultation's id. */
static int64_t consult(int64_t id, const char *unit, const char *when,
		       const char *due)
{
	char *err = NULL;

	assert_int_equal(store_consult_ask(fx->st, id, unit, at(when), "lead",
					   day(due), &err),
			 0);
	{
		const struct event_data d = {.unit = unit, .due = day(due)};

		event(id, when, "lead", EV_CONSULTED, &d);
	}
	return ++fx->consults;
}

static void answer(int64_t consult_id, const char *state, const char *when,
		   const char *by, bool late)
{
	char *err = NULL;

	assert_int_equal(store_consult_answer(fx->st, consult_id, state,
					      at(when), by, "…", late, &err),
			 0);
}

static void mail(int64_t id, const char *kind, const char *when,
		 const char *rcpt)
{
	char msgid[32];
	struct store_outbox o = {.item_id = id,
				 .created_at = at(when),
				 .kind = kind,
				 .message_id = msgid,
				 .mail_from = "cv@" D,
				 .rcpt = rcpt,
				 .data = "x",
				 .data_len = 1,
				 .next_attempt_at = at(when)};
	char *err = NULL;

	snprintf(msgid, sizeof(msgid), "m%lld@" D, (long long)++fx->mails);
	assert_int_equal(store_outbox_add(fx->st, &o, NULL, &err), 0);
}

/* The first quarter of 2027 (and a little on each side).
 *   I0 TTTN: assigned in December, done on time 5/1 (not received in Q1)
 *   I1 TTTN: delegated to a@, consults PC (agrees on time) and TC
 *            (silent: deemed), a reminder to a@ with the head in copy,
 *            done on time
 *   I2 TC:   delegated to b@, deadline 13/1, extension asked 14/1 and
 *            granted 19/1 to 22/1, done late 25/1
 *   I3 PC:   transferred to TTTN the day it came; TC disagrees, late;
 *            overdue and escalation mail; open and overdue at the end
 *   I4 TC:   returned
 *   I5 PC:   open in time at the end; TTTN answers without a clear
 *            position
 *   I6 PC:   delegated to lan@, overdue at the end, done on 1/4
 *   I7 TC:   XNK silent (deemed), then agrees late; done on time
 *   I8 TTTN: done before the quarter: not in it at all
 *   I9:      registered, never assigned */
static void history(void)
{
	char *err = NULL;
	int64_t i0, i1, i2, i3, i4, i5, i6, i7, i8, c;

	assert_int_equal(store_begin(fx->st, &err), 0);
	i8 = item("2026-12-01T09:00:00+07:00");
	assign(i8, "2026-12-01T09:00:00+07:00", "TTTN", "10/12/2026");
	close_item(i8, "2026-12-09T09:00:00+07:00", ITEM_DONE, 0);

	i0 = item("2026-12-28T09:00:00+07:00");
	assign(i0, "2026-12-28T09:00:00+07:00", "TTTN", "05/01/2027");
	close_item(i0, "2027-01-05T16:00:00+07:00", ITEM_DONE, 0);

	i1 = item("2027-01-04T08:00:00+07:00");
	assign(i1, "2027-01-04T08:00:00+07:00", "TTTN", "15/01/2027");
	delegate(i1, "2027-01-04T10:00:00+07:00", "a@" D, "14/01/2027");
	c = consult(i1, "PC", "2027-01-05T09:00:00+07:00", "08/01/2027");
	answer(c, "agree", "2027-01-07T09:00:00+07:00", "lan@" D, false);
	c = consult(i1, "TC", "2027-01-05T09:00:00+07:00", "08/01/2027");
	assert_int_equal(store_consult_mark(fx->st, c, true, false, &err), 0);
	answer(c, "deemed", "2027-01-11T07:00:00+07:00", NULL, false);
	mail(i1, "reminder", "2027-01-12T07:00:00+07:00",
	     "a@" D "\ntruong.tttn@" D);
	mail(i1, "assigned", "2027-01-04T08:00:00+07:00",
	     "tttn@" D "\ntruong.tttn@" D);
	close_item(i1, "2027-01-14T15:00:00+07:00", ITEM_DONE, 0);

	i2 = item("2027-01-11T08:00:00+07:00");
	assign(i2, "2027-01-11T08:00:00+07:00", "TC", "13/01/2027");
	delegate(i2, "2027-01-11T09:00:00+07:00", "b@" D, "13/01/2027");
	assert_int_equal(
	    store_extension_add(fx->st, i2, at("2027-01-14T09:00:00+07:00"),
				"truong.tc@" D, day("13/01/2027"),
				day("22/01/2027"), "số liệu", &err),
	    0);
	{
		const struct event_data d = {.due = day("22/01/2027"),
					     .reason = "số liệu"};

		event(i2, "2027-01-14T09:00:00+07:00", "truong.tc@" D,
		      EV_EXTENSION_REQUESTED, &d);
	}
	assert_int_equal(store_extension_decide(fx->st, 1, "granted",
						at("2027-01-19T09:00:00+07:00"),
						"vanthu@" D, &err),
			 0);
	assert_int_equal(
	    store_case_set_due(fx->st, i2, day("22/01/2027"), &err), 0);
	{
		const struct event_data d = {.due = day("22/01/2027")};

		event(i2, "2027-01-19T09:00:00+07:00", "vanthu@" D,
		      EV_EXTENSION_GRANTED, &d);
	}
	close_item(i2, "2027-01-25T10:00:00+07:00", ITEM_DONE, 1);

	i3 = item("2027-01-18T08:00:00+07:00");
	assign(i3, "2027-01-18T08:00:00+07:00", "PC", "21/01/2027");
	{
		const struct event_data d = {
		    .unit = "PC",
		    .to_unit = "TTTN",
		    .reason = "thuộc chức năng của Vụ Thị trường trong nước"};

		event(i3, "2027-01-18T11:00:00+07:00", "truong.pc@" D,
		      EV_TRANSFERRED, &d);
	}
	assign(i3, "2027-01-18T11:00:00+07:00", "TTTN", "21/01/2027");
	c = consult(i3, "TC", "2027-01-19T09:00:00+07:00", "20/01/2027");
	answer(c, "disagree", "2027-01-22T09:00:00+07:00", "b@" D, true);
	assert_int_equal(
	    store_case_set_status(fx->st, i3, ITEM_DISPUTED, 0, 0, &err), 0);
	mail(i3, "overdue", "2027-01-25T07:00:00+07:00",
	     "tttn@" D "\ntruong.tttn@" D);
	mail(i3, "escalation", "2027-01-26T07:00:00+07:00",
	     "tttn@" D "\ntruong.tttn@" D "\nvanthu@" D);
	mail(i3, "overdue", "2027-04-01T07:00:00+07:00",
	     "tttn@" D "\ntruong.tttn@" D);

	i4 = item("2027-02-01T08:00:00+07:00");
	assign(i4, "2027-02-01T08:00:00+07:00", "TC", "15/02/2027");
	close_item(i4, "2027-02-02T09:00:00+07:00", ITEM_RETURNED, 0);

	i5 = item("2027-03-01T08:00:00+07:00");
	assign(i5, "2027-03-01T08:00:00+07:00", "PC", "15/04/2027");
	c = consult(i5, "TTTN", "2027-03-02T09:00:00+07:00", "09/03/2027");
	answer(c, "unclear", "2027-03-03T09:00:00+07:00", "a@" D, false);
	assert_int_equal(store_consult_mark(fx->st, c, false, true, &err), 0);

	i6 = item("2027-03-20T08:00:00+07:00");
	assign(i6, "2027-03-20T08:00:00+07:00", "PC", "25/03/2027");
	delegate(i6, "2027-03-20T09:00:00+07:00", "lan@" D, "25/03/2027");
	close_item(i6, "2027-04-01T08:00:00+07:00", ITEM_DONE, 5);

	i7 = item("2027-02-10T08:00:00+07:00");
	assign(i7, "2027-02-10T08:00:00+07:00", "TC", "20/02/2027");
	c = consult(i7, "XNK", "2027-02-10T09:00:00+07:00", "11/02/2027");
	assert_int_equal(store_consult_mark(fx->st, c, true, false, &err), 0);
	answer(c, "deemed", "2027-02-12T07:00:00+07:00", NULL, false);
	answer(c, "agree", "2027-02-12T08:00:00+07:00", "truong.xnk@" D, true);
	close_item(i7, "2027-02-12T08:00:00+07:00", ITEM_DONE, 0);

	item("2027-03-10T08:00:00+07:00"); /* I9 */
	assert_int_equal(store_commit(fx->st, &err), 0);
}

static struct report compute(const char *from, const char *to, const char *now)
{
	struct report_period p;
	struct report r;
	char *err = NULL;

	assert_int_equal(report_period_days(day(from), day(to), &p), 0);
	if (report_compute(fx->st, &fx->cfg, &p, at(now), &r, &err) < 0) {
		fail_msg("%s", err);
	}
	return r;
}

static const struct report_unit *unit(const struct report *r, const char *code)
{
	for (size_t i = 0; i < r->n_units; i++) {
		if (!strcmp(r->units[i].code, code)) {
			return &r->units[i];
		}
	}
	fail_msg("no unit %s", code);
	return NULL;
}

static const struct report_person *person(const struct report *r,
					  const char *address)
{
	for (size_t i = 0; i < r->n_persons; i++) {
		if (!strcmp(r->persons[i].address, address)) {
			return &r->persons[i];
		}
	}
	return NULL;
}

/* All of a unit's figures, in struct order. */
static void want_unit(const struct report *r, const char *code,
		      const int want[15], int rank, int permille)
{
	const struct report_unit *u = unit(r, code);
	const int got[15] = {
	    u->f.received,        u->f.done_on_time,  u->f.done_late,
	    u->f.open_in_time,    u->f.open_overdue,  u->f.returned,
	    u->f.transferred,     u->f.ext_requested, u->f.ext_granted,
	    u->f.consult_on_time, u->f.consult_late,  u->f.deemed,
	    u->f.disagree,        u->f.unclear,       u->f.reminders,
	};
	static const char *const names[15] = {
	    "received",     "done_on_time",    "done_late",    "open_in_time",
	    "open_overdue", "returned",        "transferred",  "ext_requested",
	    "ext_granted",  "consult_on_time", "consult_late", "deemed",
	    "disagree",     "unclear",         "reminders",
	};

	for (int i = 0; i < 15; i++) {
		if (got[i] != want[i]) {
			fail_msg("%s %s: %d, want %d", code, names[i], got[i],
				 want[i]);
		}
	}
	if (u->rank != rank || u->rate_permille != permille) {
		fail_msg("%s: rank %d rate %d, want rank %d rate %d", code,
			 u->rank, u->rate_permille, rank, permille);
	}
}

/* delegated, done on time, done late, open overdue, opinions, late
 * opinions, reminders. */
static void want_person(const struct report *r, const char *address,
			const char *name, const char *unit_code,
			const int want[7])
{
	const struct report_person *p = person(r, address);
	int got[7];

	if (!p) {
		fail_msg("no person %s", address);
	}
	got[0] = p->delegated;
	got[1] = p->done_on_time;
	got[2] = p->done_late;
	got[3] = p->open_overdue;
	got[4] = p->opinions;
	got[5] = p->opinions_late;
	got[6] = p->reminders;
	for (int i = 0; i < 7; i++) {
		if (got[i] != want[i]) {
			fail_msg("%s figure %d: %d, want %d", address, i,
				 got[i], want[i]);
		}
	}
	if (name) {
		assert_non_null(p->name);
		assert_string_equal(p->name, name);
	} else {
		assert_null(p->name);
	}
	if (unit_code) {
		assert_string_equal(p->unit, unit_code);
	} else {
		assert_null(p->unit);
	}
}

/* An answer without a clear position, then silence past the deadline:
 * deemed agreement, and the unclear answer and who gave it are kept,
 * each counted in its own period (issue: a unit that answered was
 * reported as silent). */
static void test_deemed_after_unclear(void **state)
{
	struct report r;
	char *err = NULL;
	int64_t i, c;

	(void)state;
	assert_int_equal(store_begin(fx->st, &err), 0);
	i = item("2027-02-01T08:00:00+07:00");
	assign(i, "2027-02-01T08:00:00+07:00", "TC", "20/02/2027");
	c = consult(i, "XNK", "2027-02-01T09:00:00+07:00", "05/02/2027");
	answer(c, "unclear", "2027-02-03T09:00:00+07:00", "truong.xnk@" D,
	       false);
	assert_int_equal(store_consult_mark(fx->st, c, false, true, &err), 0);
	assert_int_equal(store_consult_deem(
			     fx->st, c, at("2027-02-08T07:00:00+07:00"), &err),
			 0);
	assert_int_equal(store_commit(fx->st, &err), 0);
	/*                 rcv ot lt in ov rt tr xr xg co cl de di un rm */
	r = compute("2027-01-01", "2027-03-31", "2027-04-02T10:00:00+07:00");
	want_unit(&r, "XNK",
		  (int[15]){0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0}, 0,
		  -1);
	want_person(&r, "truong.xnk@" D, NULL, "XNK",
		    (int[7]){0, 0, 0, 0, 1, 0, 0});
	report_release(&r);
	r = compute("2027-02-01", "2027-02-05", "2027-04-02T10:00:00+07:00");
	want_unit(&r, "XNK",
		  (int[15]){0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0}, 0,
		  -1);
	report_release(&r);
	r = compute("2027-02-06", "2027-02-10", "2027-04-02T10:00:00+07:00");
	want_unit(&r, "XNK",
		  (int[15]){0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0}, 0,
		  -1);
	report_release(&r);
}

static void test_quarter(void **state)
{
	struct report r;

	(void)state;
	history();
	r = compute("2027-01-01", "2027-03-31", "2027-04-02T10:00:00+07:00");
	assert_string_equal(r.period.name, "2027Q1");
	assert_int_equal(r.period.quarter, 1);
	assert_false(r.partial);
	assert_int_equal(r.as_of_day, day("2027-03-31"));
	/*                 rcv ot lt in ov rt tr xr xg co cl de di un rm */
	want_unit(&r, "TTTN",
		  (int[15]){2, 2, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 3}, 1,
		  667);
	want_unit(&r, "TC",
		  (int[15]){3, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 0}, 2,
		  500);
	want_unit(&r, "PC",
		  (int[15]){3, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0}, 3, 0);
	want_unit(&r, "XNK",
		  (int[15]){0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0}, 0,
		  -1);
	/* ranked: best first, the unit without a rate last */
	assert_int_equal(r.n_units, 4);
	assert_string_equal(r.units[0].code, "TTTN");
	assert_string_equal(r.units[1].code, "TC");
	assert_string_equal(r.units[2].code, "PC");
	assert_string_equal(r.units[3].code, "XNK");
	assert_string_equal(r.units[3].name, "Cục Xuất nhập khẩu");
	assert_int_equal(r.total.f.received, 8);
	assert_int_equal(r.total.f.deemed, 2);
	assert_int_equal(r.total.f.consult_late, 2);
	assert_int_equal(r.total.rated, 6);
	assert_int_equal(r.total.rate_permille, 500);
	/*                 dlg ot lt ov op ol rm */
	want_person(&r, "a@" D, "Nguyễn Văn A", "TTTN",
		    (int[7]){1, 1, 0, 0, 1, 0, 1});
	want_person(&r, "truong.tttn@" D, NULL, "TTTN",
		    (int[7]){0, 0, 0, 0, 0, 0, 3});
	want_person(&r, "lan@" D, "Phạm Thị Lan", "PC",
		    (int[7]){1, 0, 0, 1, 1, 0, 0});
	want_person(&r, "b@" D, "Trần Thị B", "TC",
		    (int[7]){1, 0, 1, 0, 1, 1, 0});
	want_person(&r, "truong.xnk@" D, NULL, "XNK",
		    (int[7]){0, 0, 0, 0, 1, 1, 0});
	/* mailboxes and the Office are not people */
	assert_int_equal(r.n_persons, 5);
	assert_null(person(&r, "tttn@" D));
	assert_null(person(&r, "vanthu@" D));
	/* by unit in directory order */
	assert_string_equal(r.persons[0].address, "a@" D);
	assert_string_equal(r.persons[1].address, "truong.tttn@" D);
	assert_string_equal(r.persons[2].address, "lan@" D);
	assert_string_equal(r.persons[3].address, "b@" D);
	assert_string_equal(r.persons[4].address, "truong.xnk@" D);
	report_release(&r);
	report_release(&r); /* zeroed: harmless */
}

/* A period that ended before the extension was granted: I2 was overdue
 * then, against the deadline of that day (13/1), not today's (22/1). */
static void test_period_past(void **state)
{
	struct report r;

	(void)state;
	history();
	r = compute("2027-01-01", "2027-01-15", "2027-04-02T10:00:00+07:00");
	assert_false(r.partial);
	assert_string_equal(r.period.name, "2027-01-01_2027-01-15");
	/*                 rcv ot lt in ov rt tr xr xg co cl de di un rm */
	want_unit(&r, "TC",
		  (int[15]){1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0}, 2, 0);
	want_unit(&r, "TTTN",
		  (int[15]){1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 1,
		  1000);
	want_unit(&r, "PC",
		  (int[15]){0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0}, 0,
		  -1);
	want_person(&r, "b@" D, "Trần Thị B", "TC",
		    (int[7]){1, 0, 0, 1, 0, 0, 0});
	report_release(&r);
	/* 18/1, 10:00: I3 was still PC's (transferred at 11:00) */
	r = compute("2027-01-18", "2027-01-18", "2027-01-18T10:00:00+07:00");
	assert_true(r.partial);
	want_unit(&r, "PC",
		  (int[15]){1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0,
		  -1);
	assert_int_equal(unit(&r, "TTTN")->f.received, 0);
	report_release(&r);
}

/* The second quarter on its first day: I6, done late that morning,
 * counts; what is open is counted as of now. */
static void test_period_open(void **state)
{
	struct report_period p;
	struct report r;
	char *err = NULL;

	(void)state;
	history();
	assert_int_equal(report_period_parse_quarter("2027q2", &p), 0);
	assert_int_equal(report_compute(fx->st, &fx->cfg, &p,
					at("2027-04-01T09:00:00+07:00"), &r,
					&err),
			 0);
	assert_true(r.partial);
	assert_int_equal(r.as_of_day, day("2027-04-01"));
	/*                 rcv ot lt in ov rt tr xr xg co cl de di un rm */
	want_unit(&r, "PC",
		  (int[15]){0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 1, 0);
	want_unit(&r, "TTTN",
		  (int[15]){0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 1, 0);
	/* a tie shares the rank; equal rates keep the directory's order */
	assert_string_equal(r.units[0].code, "TTTN");
	assert_string_equal(r.units[1].code, "PC");
	assert_int_equal(unit(&r, "TC")->rank, 0);
	want_person(&r, "lan@" D, "Phạm Thị Lan", "PC",
		    (int[7]){0, 0, 1, 0, 0, 0, 0});
	report_release(&r);
}

static void test_periods(void **state)
{
	static const struct {
		const char *in;
		const char *from, *to; /* NULL: refused */
	} cases[] = {
	    {"2026Q1", "2026-01-01", "2026-03-31"},
	    {"2026Q2", "2026-04-01", "2026-06-30"},
	    {"2024q1", "2024-01-01", "2024-03-31"},
	    {"2026-Q3", "2026-07-01", "2026-09-30"},
	    {"2026Q4", "2026-10-01", "2026-12-31"},
	    {"2026Q5", NULL, NULL},
	    {"2026Q0", NULL, NULL},
	    {"26Q1", NULL, NULL},
	    {"2026Q1x", NULL, NULL},
	    {"1969Q4", NULL, NULL},
	    {"", NULL, NULL},
	    {"Q1", NULL, NULL},
	};
	struct report_period p;
	char a[11], b[11];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int rc = report_period_parse_quarter(cases[i].in, &p);

		if (!cases[i].from) {
			assert_int_equal(rc, -1);
			continue;
		}
		assert_int_equal(rc, 0);
		workday_format(p.from_day, a);
		workday_format(p.to_day, b);
		if (strcmp(a, cases[i].from) || strcmp(b, cases[i].to)) {
			fail_msg("%s: %s..%s", cases[i].in, a, b);
		}
	}
	assert_int_equal(report_period_parse_quarter(NULL, &p), -1);
	report_period_quarter_of(day("2027-05-17"), &p);
	assert_string_equal(p.name, "2027Q2");
	assert_int_equal(
	    report_period_days(day("2027-04-01"), day("2027-06-30"), &p), 0);
	assert_string_equal(p.name, "2027Q2"); /* a whole quarter */
	assert_int_equal(
	    report_period_days(day("2027-04-02"), day("2027-04-01"), &p), -1);
}

/* --- rendering ------------------------------------------------------- */

static void test_width(void **state)
{
	static const struct {
		const char *s;
		size_t w;
	} cases[] = {
	    {"", 0},
	    {"abc", 3},
	    {"Nguyễn", 6},
	    {"Nguye\xcc\x82\xcc\x83n", 6}, /* NFD: two combining marks */
	    {"Vụ Thị trường trong nước", 24},
	    {"—", 1},
	    {"\xff", 1},
	    {"a\xe2\x80\x8b"
	     "b",
	     2}, /* zero-width space */
	};

	(void)state;
	assert_int_equal(report_text_width(NULL), 0);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		if (report_text_width(cases[i].s) != cases[i].w) {
			fail_msg("case %zu: %zu, want %zu", i,
				 report_text_width(cases[i].s), cases[i].w);
		}
	}
}

/* The lines of text, each a new string; NULL-terminated. */
static char **lines_of(const char *text)
{
	char **v = xcalloc(1, sizeof(*v));
	size_t n = 0;

	while (*text) {
		size_t len = strcspn(text, "\n");

		v = xrealloc(v, (n + 2) * sizeof(*v));
		v[n++] = xstrndup(text, len);
		v[n] = NULL;
		text += len + (text[len] == '\n');
	}
	return v;
}

/* Table k's lines (heading, rules, rows) all end in the same column: the
 * last column holds figures, aligned right.  The Vietnamese names make
 * their byte lengths differ. */
static void check_aligned(char **lines, int k)
{
	char title[8];
	size_t i = 0, width = 0, first_bytes = 0, n = 0;
	bool bytes_differ = false;

	snprintf(title, sizeof(title), "%d. ", k);
	while (lines[i] && !str_startswith(lines[i], title)) {
		i++;
	}
	if (!lines[i] || !lines[i + 1] || lines[i + 1][0]) {
		fail_msg("no table %d", k);
	}
	for (i += 2; lines[i] && lines[i][0]; i++, n++) {
		size_t w = report_text_width(lines[i]);
		size_t len = strlen(lines[i]);

		if (n == 0) {
			width = w;
			first_bytes = len;
		} else if (w != width) {
			fail_msg("table %d: '%s' is %zu wide, not %zu", k,
				 lines[i], w, width);
		}
		bytes_differ |= len != first_bytes;
		assert_int_not_equal(lines[i][len - 1], ' ');
	}
	assert_true(n >= 3); /* heading, rule, a row */
	assert_true(bytes_differ);
}

static void test_text(void **state)
{
	struct report r;
	char *text, **lines;

	(void)state;
	history();
	r = compute("2027-01-01", "2027-03-31", "2027-04-02T10:00:00+07:00");
	text = report_render(&r, REPORT_TEXT, "vi");
	assert_true(str_startswith(text, "Báo cáo tình hình xử lý văn bản — Bộ "
					 "Công Thương\n"));
	assert_non_null(strstr(text, "Kỳ báo cáo: Quý I năm 2027 (01/01/2027 – "
				     "31/03/2027)\n"));
	assert_non_null(strstr(text, "Im lặng (coi như đồng ý) / Silence "
				     "(deemed agreement)"));
	assert_non_null(strstr(text, "66,7 %"));
	lines = lines_of(text);
	for (int k = 1; k <= 4; k++) {
		check_aligned(lines, k);
	}
	/* the ranking row of the best unit */
	for (size_t i = 0; lines[i]; i++) {
		if (strstr(lines[i], "Vụ Thị trường trong nước") &&
		    str_startswith(lines[i], "   1  TTTN")) {
			break;
		}
		if (!lines[i + 1]) {
			fail_msg("no ranked row for TTTN");
		}
	}
	for (size_t i = 0; lines[i]; i++) {
		free(lines[i]);
	}
	free(lines);
	free(text);
	text = report_render(&r, REPORT_TEXT, "en");
	assert_non_null(strstr(text, "Report on the handling of "
				     "correspondence"));
	assert_non_null(strstr(text, "66.7%"));
	assert_non_null(strstr(text, "Trả lời muộn / Late answers"));
	free(text);
	report_release(&r);
}

/* Builds a report by hand for the renderers. */
static void fake_unit(struct report_unit *u, const char *code, const char *name,
		      int on_time, int late, int rank)
{
	memset(u, 0, sizeof(*u));
	u->code = xstrdup(code);
	u->name = xstrdup(name);
	u->f.done_on_time = on_time;
	u->f.done_late = late;
	u->rated = on_time + late;
	u->rate_permille = u->rated ? on_time * 1000 / u->rated : -1;
	u->rank = rank;
}

static void test_csv(void **state)
{
	static const char *const names[] = {
	    "a,b", "say \"hi\"", "=HYPERLINK(\"x\")", "+1",
	    "-1",  "@SUM(A1)",   "line\nbreak",       "Vụ Pháp chế",
	};
	static const char *const want[] = {
	    "unit,2026Q2,U0,\"a,b\",,,1,100.0,0,1,0,",
	    "unit,2026Q2,U1,\"say \"\"hi\"\"\",,,",
	    "unit,2026Q2,U2,\"'=HYPERLINK(\"\"x\"\")\",,,",
	    "unit,2026Q2,U3,\"'+1\",,,",
	    "unit,2026Q2,U4,\"'-1\",,,",
	    "unit,2026Q2,U5,\"'@SUM(A1)\",,,",
	    "unit,2026Q2,U6,\"line\nbreak\",,,",
	    "unit,2026Q2,U7,Vụ Pháp "
	    "chế,,,,,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,,,\r\n",
	};
	struct report r = {0};
	char *csv, *p;

	(void)state;
	report_period_quarter(2026, 2, &r.period);
	r.units = xcalloc(ARRAY_SIZE(names), sizeof(*r.units));
	r.n_units = ARRAY_SIZE(names);
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		char code[8];

		snprintf(code, sizeof(code), "U%zu", i);
		fake_unit(&r.units[i], code, names[i], i == 0, 0, i == 0);
	}
	r.persons = xcalloc(1, sizeof(*r.persons));
	r.n_persons = 1;
	r.persons[0].address = xstrdup("a@x.test");
	r.persons[0].name = xstrdup("-Nguyễn, A");
	r.persons[0].unit = xstrdup("U7");
	r.persons[0].opinions = 2;
	r.persons[0].opinions_late = 1;
	r.persons[0].reminders = 3;
	r.organization = xstrdup("");
	r.total.code = xstrdup("");
	r.total.name = xstrdup("");
	csv = report_render(&r, REPORT_CSV, "vi");
	assert_true(str_startswith(
	    csv, "scope,period,code,name,address,unit,rank,on_time_rate,"
		 "received,done_on_time,done_late,open_in_time,open_overdue,"
		 "returned,transferred,extensions_requested,"
		 "extensions_granted,answered_on_time,answered_late,"
		 "deemed_agreement,disagreements,unclear_answers,reminders,"
		 "delegated,opinions,opinions_late\r\n"));
	p = strstr(csv, "\r\n") + 2;
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		if (!str_startswith(p, want[i])) {
			fail_msg("row %zu: '%.60s', want '%s'", i, p, want[i]);
		}
		p = strstr(p, "\r\n") + 2;
	}
	assert_string_equal(p, "person,2026Q2,,\"'-Nguyễn, A\",a@x.test,U7,,,,"
			       "0,0,,0,,,,,,,,,,3,0,2,1\r\n");
	/* every row has the header's 26 fields */
	for (char *line = csv; *line;) {
		char *end = strstr(line, "\r\n");
		int fields = 1;
		bool quoted = false;

		for (char *c = line; c < end; c++) {
			quoted ^= *c == '"';
			fields += !quoted && *c == ',';
		}
		assert_int_equal(fields, 26);
		line = end + 2;
	}
	free(csv);
	report_release(&r);
}

static void test_html(void **state)
{
	struct report r;
	char *html, *frag;

	(void)state;
	history();
	r = compute("2027-01-01", "2027-03-31", "2027-04-02T10:00:00+07:00");
	html = report_render(&r, REPORT_HTML, "vi");
	assert_true(
	    str_startswith(html, "<!DOCTYPE html>\n<html lang=\"vi\">"));
	assert_non_null(strstr(html, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(html, "<svg xmlns=\"http://www.w3.org/2000/"
				     "svg\""));
	/* three units have a rate: three bars over their grey tracks */
	{
		size_t n = 0;

		for (char *p = strstr(html, "<rect"); p;
		     p = strstr(p + 1, "<rect")) {
			n++;
		}
		assert_int_equal(n, 6);
	}
	assert_non_null(strstr(html, ">66,7 %</text>"));
	assert_non_null(strstr(html, "TTTN: 66,7 % · TC: 50,0 % · PC: 0,0 %"));
	assert_non_null(strstr(html, "Vụ Thị trường trong nước"));
	assert_non_null(strstr(html, "Im lặng (coi như đồng ý) / Silence"));
	/* self-contained: nothing fetched, nothing run */
	assert_null(strstr(html, "src="));
	assert_null(strstr(html, "href="));
	assert_null(strstr(html, "<link"));
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "url("));
	assert_null(strstr(html, "@import"));
	frag = report_html_fragment(&r, "en");
	assert_null(strstr(frag, "<html"));
	assert_null(strstr(frag, "<style"));
	assert_non_null(strstr(frag, "On-time rate"));
	assert_non_null(strstr(frag, ">66.7%</text>"));
	free(frag);
	free(html);
	report_release(&r);
}

/* A name with markup is shown, never run. */
static void test_html_escape(void **state)
{
	struct report r = {0};
	char *html;

	(void)state;
	report_period_quarter(2026, 2, &r.period);
	r.units = xcalloc(1, sizeof(*r.units));
	r.n_units = 1;
	fake_unit(&r.units[0], "U<1>", "<b>Vụ</b> & \"x\"", 1, 1, 1);
	r.organization = xstrdup("Sở <Tài chính>");
	r.total.code = xstrdup("");
	r.total.name = xstrdup("");
	html = report_render(&r, REPORT_HTML, "vi");
	assert_null(strstr(html, "<b>Vụ"));
	assert_non_null(
	    strstr(html, "&lt;b&gt;Vụ&lt;/b&gt; &amp; &quot;x&quot;"));
	assert_non_null(strstr(html, "Sở &lt;Tài chính&gt;"));
	assert_non_null(strstr(html, ">U&lt;1&gt;</text>"));
	free(html);
	report_release(&r);
}

/* --- the quarterly mail ------------------------------------------------ */

struct sent {
	int n;
	char *data;
};

static int sent_cb(const struct store_outbox *o, void *ctx)
{
	struct sent *s = ctx;

	if (!strcmp(o->kind, "report")) {
		s->n++;
		free(s->data);
		s->data = xstrndup(o->data, o->data_len);
	}
	return 0;
}

static struct sent reports(void)
{
	struct sent s = {0};
	char *err = NULL;

	assert_int_equal(store_outbox_due(fx->st, at("2100-01-01T00:00:00Z"),
					  1000, true, sent_cb, &s, &err),
			 0);
	return s;
}

static int tick(struct runtime *rt, const char *now)
{
	char *err = NULL;
	int rc;

	rt->fixed_now = at(now);
	assert_int_equal(store_begin(rt->st, &err), 0);
	rc = report_tick(rt, &err);
	if (rc < 0) {
		fail_msg("%s", err);
	}
	assert_int_equal(store_commit(rt->st, &err), 0);
	return rc;
}

static void test_tick(void **state)
{
	/* 1/7/2027 made a day off, to see the report wait for 2/7 */
	static const char holidays[] = "2027-07-01 Thu off test\n";
	struct workcal *cal = NULL;
	struct config cfg = {0};
	struct runtime rt = {0};
	struct sent s;
	char *err = NULL;

	(void)state;
	load_config(&cfg, "[report]\nto = bt@" D ", vanthu@" D "\n");
	assert_int_equal(workcal_load_buffer("h.txt", holidays,
					     sizeof(holidays) - 1, "mon-fri",
					     &cal, &err),
			 0);
	rt.cfg = &cfg;
	rt.cal = cal;
	rt.st = fx->st;
	rt.templates = "templates";

	/* nothing registered before the quarter's end: nothing to report */
	tick(&rt, "2027-01-04T09:00:00+07:00");
	assert_int_equal(reports().n, 0);

	history();
	/* a scheduler that did not run since: the last quarter's, late */
	tick(&rt, "2027-03-31T17:00:00+07:00");
	s = reports();
	assert_int_equal(s.n, 1);
	assert_non_null(strstr(s.data, "bao-cao-2026Q4.csv"));
	free(s.data);
	assert_int_equal(store_report_sent(fx->st, "2026Q4", &err), 1);
	assert_int_equal(store_report_sent(fx->st, "2027Q1", &err), 0);
	tick(&rt, "2027-04-01T08:00:00+07:00");
	s = reports();
	assert_int_equal(s.n, 2);
	assert_int_equal(store_report_sent(fx->st, "2027Q1", &err), 1);
	assert_non_null(strstr(s.data, "Content-Type: text/csv;"));
	assert_non_null(strstr(s.data, "bao-cao-2027Q1.csv"));
	assert_non_null(strstr(s.data, "Content-Type: text/html"));
	assert_non_null(strstr(s.data, "bt@" D));
	free(s.data);
	/* again that day, and days later: nothing more */
	tick(&rt, "2027-04-01T16:00:00+07:00");
	tick(&rt, "2027-04-09T09:00:00+07:00");
	s = reports();
	assert_int_equal(s.n, 2);
	free(s.data);

	/* the second quarter's waits for the first working day after it */
	tick(&rt, "2027-06-30T18:00:00+07:00");
	tick(&rt, "2027-07-01T09:00:00+07:00");
	s = reports();
	assert_int_equal(s.n, 2);
	free(s.data);
	tick(&rt, "2027-07-02T09:00:00+07:00");
	s = reports();
	assert_int_equal(s.n, 3);
	assert_non_null(strstr(s.data, "bao-cao-2027Q2.csv"));
	free(s.data);
	assert_int_equal(store_report_sent(fx->st, "2027Q2", &err), 1);

	/* without [report] to, nothing */
	config_free(&cfg);
	load_config(&cfg, NULL);
	tick(&rt, "2027-10-01T09:00:00+07:00");
	s = reports();
	assert_int_equal(s.n, 3);
	free(s.data);
	assert_int_equal(store_report_sent(fx->st, "2027Q3", &err), 0);
	config_free(&cfg);
	workcal_free(&cal);
}

/* report_mail: the text part carries the summary, the HTML part the
 * report unescaped, in [report] language. */
static void test_mail(void **state)
{
	struct config cfg = {0};
	struct runtime rt = {0};
	struct report_period p;
	struct sent s;
	char *err = NULL, *msgid = NULL;

	(void)state;
	history();
	rt.cfg = &fx->cfg;
	rt.st = fx->st;
	rt.templates = "templates";
	rt.fixed_now = at("2027-04-02T10:00:00+07:00");
	report_period_quarter(2027, 1, &p);
	assert_int_equal(report_mail(&rt, &p, &msgid, &err), -1);
	assert_non_null(strstr(err, "no 'to' in [report]"));
	FREE_AND_NULL(err);
	load_config(&cfg, "[report]\nto = bt@" D "\nlanguage = en\n");
	rt.cfg = &cfg;
	assert_int_equal(store_begin(fx->st, &err), 0);
	assert_int_equal(report_mail(&rt, &p, &msgid, &err), 1);
	assert_int_equal(store_commit(fx->st, &err), 0);
	assert_non_null(msgid);
	free(msgid);
	s = reports();
	assert_int_equal(s.n, 1);
	assert_non_null(strstr(s.data, "Kind regards."));
	assert_null(strstr(s.data, "Tr=C3=A2n tr=E1=BB=8Dng")); /* vi */
	assert_non_null(strstr(s.data, "text/html"));
	free(s.data);
	assert_int_equal(store_report_sent(fx->st, "2027Q1", &err), 0);
	config_free(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_deemed_after_unclear, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_quarter, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_period_past, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_period_open, setup, teardown),
	    cmocka_unit_test(test_periods),
	    cmocka_unit_test(test_width),
	    cmocka_unit_test_setup_teardown(test_text, setup, teardown),
	    cmocka_unit_test(test_csv),
	    cmocka_unit_test_setup_teardown(test_html, setup, teardown),
	    cmocka_unit_test(test_html_escape),
	    cmocka_unit_test_setup_teardown(test_tick, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_mail, setup, teardown),
	};

	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
