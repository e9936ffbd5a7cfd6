/* One cycle of the service at a fixed clock, on a real SQLite store in a
 * temporary folder: the scheduler's stages come due on their working day
 * and go into the outbox once; a relay that cannot be reached leaves the
 * mail waiting and says so (EX_TEMPFAIL), and the same instant twice does
 * nothing twice.  The mail servers are unreachable addresses, so no
 * network is used; the real ones are the integration tests'. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "congvan/clock.h"
#include "congvan/service.h"
#include "congvan/util.h"
#include "congvan/workday.h"

#define D "x.test"

struct fixture {
	char dir[64];
	struct service svc;
	int64_t item;
};

static time_t at(const char *iso)
{
	time_t t = 0;

	if (clock_parse_iso(iso, &t) < 0) {
		fail_msg("bad instant '%s'", iso);
	}
	return t;
}

static int32_t day(const char *s)
{
	int32_t d = 0;

	assert_int_equal(workday_parse_date(s, &d), 0);
	return d;
}

static void write_config(const char *path, const char *dir)
{
	char cwd[4096];
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	fprintf(f,
		"[service]\norganization = Bộ Công Thương\ndomain = " D "\n"
		"database = %s/t.db\noffice = vanthu@" D "\n"
		"templates = %s/templates\n"
		"[mailbox]\nurl = imap://127.0.0.1:1\nuser = cv@" D "\n"
		"password = p\ntls = no\n"
		"[smtp]\nurl = smtp://127.0.0.1:1\nfrom = cv@" D "\ntls = no\n"
		"[calendar]\nholidays = %s/data/holidays-vn.txt\n"
		"[unit TTTN]\nname = Vụ Thị trường trong nước\n"
		"email = tttn@" D "\nhead = truong.tttn@" D "\n",
		dir, cwd, cwd);
	assert_int_equal(fclose(f), 0);
}

/* An item assigned to TTTN on 4/1/2027, due Friday 15/1/2027. */
static int64_t assigned_item(struct store *st)
{
	const struct event_data d = {.unit = "TTTN", .due = day("15/01/2027")};
	struct store_message m = {.received_at =
				      at("2027-01-04T08:00:00+07:00"),
				  .mailbox = "INBOX",
				  .uidvalidity = 1,
				  .uid = 1,
				  .sha256 = "00",
				  .size = 1,
				  .kind = "letter"};
	struct store_event ev = {.at = m.received_at,
				 .actor = "rule:x",
				 .kind = EV_ASSIGNED,
				 .detail = "lead TTTN"};
	struct store_item it;
	int64_t msg = 0, id;
	char *err = NULL, *json = event_data_json(EV_ASSIGNED, &d);

	ev.data = json;
	assert_int_equal(store_begin(st, &err), 0);
	assert_int_equal(store_message_insert(st, &m, &msg, &err), 0);
	assert_int_equal(store_item_create(st, "CV", 2027, m.received_at, msg,
					   "V/v thử", "s@other.test", &it,
					   &err),
			 0);
	id = it.id;
	store_item_release(&it);
	assert_int_equal(store_case_assign(st, id, "TTTN", NULL, d.due,
					   m.received_at, "rule:x", &err),
			 0);
	ev.item_id = id;
	assert_int_equal(store_event_add(st, &ev, &err), 0);
	assert_int_equal(store_commit(st, &err), 0);
	free(json);
	return id;
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *path, *err = NULL;

	snprintf(f->dir, sizeof(f->dir), "/tmp/congvan-service-XXXXXX");
	if (!mkdtemp(f->dir)) {
		return -1;
	}
	path = xasprintf("%s/congvan.conf", f->dir);
	write_config(path, f->dir);
	if (service_open(&f->svc, path, SERVICE_SECRET, &err) != 0) {
		fail_msg("%s", err);
	}
	free(path);
	f->item = assigned_item(f->svc.rt.st);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	service_close(&f->svc);
	if (system(cmd) != 0) {
		fprintf(stderr, "cleanup failed\n");
	}
	free(cmd);
	free(f);
	return 0;
}

struct mails {
	char kinds[512];
	int queued;
};

static int collect(const struct store_event *ev, void *ctx)
{
	struct mails *m = ctx;

	if (ev->kind == EV_MAIL_QUEUED) {
		m->queued++;
		snprintf(m->kinds + strlen(m->kinds),
			 sizeof(m->kinds) - strlen(m->kinds), "%s;",
			 ev->fields.template);
	}
	return 0;
}

static struct mails mails_of(struct fixture *f)
{
	struct mails m = {{0}, 0};
	char *err = NULL;

	assert_int_equal(
	    store_event_foreach(f->svc.rt.st, f->item, collect, &m, &err), 0);
	return m;
}

/* Mail waiting, and mail given up on after OUTBOX_GIVE_UP. */
static int64_t pending(struct fixture *f, int64_t *failed_r)
{
	struct store_outbox_stats st;
	char *err = NULL;

	assert_int_equal(store_outbox_stats(f->svc.rt.st, &st, &err), 0);
	*failed_r = st.failed;
	return st.pending;
}

/* The scheduler's stages, each on its working day, once. */
static void test_cycle_stages(void **state)
{
	static const struct {
		const char *when;
		int status;
		const char *kinds; /* every mail queued on the item so far */
	} steps[] = {
	    /* nothing due yet */
	    {"2027-01-11T09:00:00+07:00", 0, ""},
	    /* 3 working days before: a reminder; the relay is down */
	    {"2027-01-12T09:00:00+07:00", EX_TEMPFAIL, "reminder;"},
	    /* the same instant again: nothing new; the reminder, which the
	     * relay never saw, is still due and tried again */
	    {"2027-01-12T09:00:00+07:00", EX_TEMPFAIL, "reminder;"},
	    /* 1 working day before, then the day itself */
	    {"2027-01-14T09:00:00+07:00", EX_TEMPFAIL, "reminder;reminder;"},
	    {"2027-01-15T09:00:00+07:00", EX_TEMPFAIL,
	     "reminder;reminder;due_today;"},
	    /* the weekend after: no stage, but the mail waiting is tried
	     * again, and still cannot go */
	    {"2027-01-16T09:00:00+07:00", EX_TEMPFAIL,
	     "reminder;reminder;due_today;"},
	    /* one working day overdue: the escalation (escalate_after 1);
	     * the first reminder, waiting since 12/1, is given up on */
	    {"2027-01-18T09:00:00+07:00", EX_TEMPFAIL,
	     "reminder;reminder;due_today;escalation;"},
	};
	struct fixture *f = *state;

	for (size_t i = 0; i < ARRAY_SIZE(steps); i++) {
		struct service_cycle r;
		struct mails m;
		int64_t failed = 0;
		int rc = service_cycle(&f->svc, at(steps[i].when),
				       SERVICE_SCHEDULE | SERVICE_OUTBOX, &r);

		m = mails_of(f);
		if (rc != steps[i].status || r.status != rc ||
		    strcmp(m.kinds, steps[i].kinds) != 0) {
			fail_msg("step %zu (%s): status %d, mail '%s'", i,
				 steps[i].when, rc, m.kinds);
		}
		/* nothing is ever sent: all of it waits, until it is given
		 * up on five days after it was queued */
		assert_int_equal(r.outbox.sent, 0);
		assert_int_equal(pending(f, &failed) + failed, m.queued);
		assert_int_equal(failed, i == ARRAY_SIZE(steps) - 1 ? 1 : 0);
	}
}

/* Delegated with an internal deadline before the unit's: the handler is
 * reminded against it too, with the head in copy, each stage once. */
static void test_cycle_internal(void **state)
{
	static const struct {
		const char *when;
		const char *kinds;
	} steps[] = {
	    /* internal deadline Wed 13/1: 3 working days before is Fri 8/1 */
	    {"2027-01-07T09:00:00+07:00", ""},
	    {"2027-01-08T09:00:00+07:00", "handler_reminder;"},
	    {"2027-01-08T15:00:00+07:00", "handler_reminder;"},
	    /* 1 before (Tue 12/1), with the unit's own 3-day reminder */
	    {"2027-01-12T09:00:00+07:00",
	     "handler_reminder;reminder;handler_reminder;"},
	    {"2027-01-13T09:00:00+07:00",
	     "handler_reminder;reminder;handler_reminder;handler_reminder;"},
	    /* the working day after, once */
	    {"2027-01-14T09:00:00+07:00",
	     "handler_reminder;reminder;handler_reminder;handler_reminder;"
	     "reminder;handler_reminder;"},
	    {"2027-01-14T16:00:00+07:00",
	     "handler_reminder;reminder;handler_reminder;handler_reminder;"
	     "reminder;handler_reminder;"},
	};
	struct fixture *f = *state;
	char *err = NULL;

	assert_int_equal(store_begin(f->svc.rt.st, &err), 0);
	assert_int_equal(store_case_set_handler(f->svc.rt.st, f->item,
						"an.nv@" D, "Nguyễn Văn An",
						day("13/01/2027"), &err),
			 0);
	assert_int_equal(store_commit(f->svc.rt.st, &err), 0);
	for (size_t i = 0; i < ARRAY_SIZE(steps); i++) {
		struct service_cycle r;
		struct mails m;

		service_cycle(&f->svc, at(steps[i].when), SERVICE_SCHEDULE, &r);
		m = mails_of(f);
		if (strcmp(m.kinds, steps[i].kinds) != 0) {
			fail_msg("step %zu (%s): mail '%s'", i, steps[i].when,
				 m.kinds);
		}
	}
}

/* A mailbox that cannot be reached: the cycle goes on with the
 * scheduler and the outbox, and says the server was unreachable. */
static void test_cycle_intake_unreachable(void **state)
{
	struct fixture *f = *state;
	struct service_cycle r;

	assert_int_equal(service_cycle(&f->svc, at("2027-01-12T09:00:00+07:00"),
				       SERVICE_ALL, &r),
			 EX_TEMPFAIL);
	assert_null(f->svc.ms);
	assert_int_equal(r.intake.fetched, 0);
	assert_string_equal(mails_of(f).kinds, "reminder;");
	assert_true(r.outbox.unreachable);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_cycle_stages, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_cycle_internal, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_cycle_intake_unreachable,
					    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
