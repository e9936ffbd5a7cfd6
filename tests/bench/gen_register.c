/* A large register for `make bench`: ITEMS letters received over the
 * quarters before END, each with a history like the workflow's, written
 * through the store's API (so it follows the schema) into the database a
 * configuration names, which must not exist yet:
 *
 *   gen_register CONFIG ITEMS [--seed N] [--open PERCENT] [--quarters Q]
 *                [--end YYYY-MM-DD] [--holidays FILE]
 *
 * Letters arrive on working days, 08:00 to 17:00 (UTC+7), evenly over Q
 * quarters (default 6) ending with the day before END (default
 * 2027-01-01).  Each is registered; most are assigned to a unit of the
 * configuration's directory at once (by a rule) or within two working
 * days (by the Office), with coordinating units and a deadline of 5 to 15
 * working days; then, each with its share and at working-day offsets:
 * delegated to a member of the lead unit with an earlier internal
 * deadline (60 %), units consulted (25 %: agreement, late agreement,
 * disagreement settled later, an unclear answer, or silence deemed
 * agreement), an extension requested (12 %, three in four granted), a
 * transfer to another unit (3 %), a reminder the day before the deadline
 * (and overdue mail when late), then done (on time or late) or returned.
 * What would happen after END is not written: recent letters stay open,
 * some overdue; and PERCENT of the items (default 1) are never closed,
 * overdue since their deadline, with overdue mail to the end.  The events carry
 * the details the workflow writes, so the report reads the histories back.  Raw
 * messages and mail bodies are not kept (stubs), so `show` cannot print a
 * letter's text.
 *
 * Prints what it wrote.  1M items take a few minutes (see README). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "congvan/config.h"
#include "congvan/event.h"
#include "congvan/store.h"
#include "congvan/util.h"
#include "congvan/workday.h"

#define BATCH     5000  /* items per transaction */
#define UTC7      25200 /* seconds */
#define HOUR      3600
#define WORKDAY_S (9 * HOUR) /* 08:00 to 17:00 */

struct gen {
	const struct config *cfg;
	const struct workcal *cal;
	struct store *st;
	uint64_t rng;
	time_t end;
	int32_t first_day, last_day; /* the working days letters arrive */
	char *err;
	long target;      /* items to write */
	int open_percent; /* items never closed, whatever their age */
	/* what was written */
	long items, events, assigned, delegated, consulted, extensions;
	long transfers, done, returned, mails;
};

static uint32_t rnd(struct gen *g, uint32_t n)
{
	/* xorshift64*: fast, and the same register for the same seed */
	g->rng ^= g->rng >> 12;
	g->rng ^= g->rng << 25;
	g->rng ^= g->rng >> 27;
	return (uint32_t)((g->rng * 2685821657736338717ull) >> 32) % n;
}

static bool chance(struct gen *g, int percent)
{
	return (int)rnd(g, 100) < percent;
}

/* An instant on working day d, between 08:00 and 17:00 UTC+7. */
static time_t at_on(struct gen *g, int32_t d)
{
	return workday_day_start(d) + 8 * HOUR + (time_t)rnd(g, WORKDAY_S);
}

/* n working days after the instant t, at some hour of that day. */
static time_t later(struct gen *g, time_t t, int n)
{
	int32_t d = workday_day_of(t);
	time_t r;

	if (n <= 0) {
		return t + 60 + (time_t)rnd(g, 2 * HOUR);
	}
	r = at_on(g, workcal_add(g->cal, d, n));
	return r > t ? r : t + 60;
}

/* An event with its typed details, as the workflow writes it. */
static int event(struct gen *g, int64_t item, time_t at, const char *actor,
		 enum event_kind kind, const struct event_data *d)
{
	struct store_event ev = {.at = at,
				 .item_id = item,
				 .actor = actor,
				 .kind = kind,
				 .detail = event_describe(kind, d),
				 .data = event_data_json(kind, d)};
	int rc;

	g->events++;
	rc = store_event_add(g->st, &ev, &g->err);
	free((char *)ev.detail);
	free((char *)ev.data);
	return rc;
}

static const struct config_unit *unit_other(struct gen *g,
					    const struct config_unit * not )
{
	const struct config_unit *u;

	do {
		u = &g->cfg->units[rnd(g, (uint32_t)g->cfg->n_units)];
	} while (u == not &&g->cfg->n_units > 1);
	return u;
}

static const char *member_of(struct gen *g, const struct config_unit *u)
{
	return u->n_members ? u->members[rnd(g, (uint32_t)u->n_members)].address
			    : u->head;
}

/* A reminder kind of mail, sent: it counts in the reports. */
static int mail(struct gen *g, int64_t item, const char *key, time_t at,
		const char *kind, const char *to)
{
	static const char stub[] = "Subject: (bench)\r\n\r\n(not kept)\r\n";
	char *msgid = xasprintf("cv.%s.%lld.%ld@%s", key, (long long)at,
				g->mails, g->cfg->service.domain);
	struct store_outbox o = {.item_id = item,
				 .created_at = at,
				 .kind = kind,
				 .message_id = msgid,
				 .mail_from = g->cfg->smtp.from,
				 .rcpt = to,
				 .data = stub,
				 .data_len = sizeof(stub) - 1,
				 .next_attempt_at = at};
	int64_t id;
	int rc;

	g->mails++;
	rc = store_outbox_add(g->st, &o, &id, &g->err) < 0 ||
		     store_outbox_sent(g->st, id, at + 30, &g->err) < 0
		 ? -1
		 : 0;
	free(msgid);
	return rc;
}

/* One item's life, as far as it goes before the end. */
struct life {
	struct gen *g;
	int64_t id;
	const char *key;
	const struct config_unit *lead;
	int32_t due;
	time_t t; /* now, in its history */
	const char *handler;
};

static bool past_end(const struct life *l)
{
	return l->t >= l->g->end;
}

static int assign(struct life *l)
{
	struct gen *g = l->g;
	const char *coord[3] = {NULL, NULL, NULL};
	struct event_data d = {0};
	bool rule = chance(g, 60);
	const char *by = rule ? "rule" : g->cfg->service.office;

	l->t = rule ? l->t + 1 : later(g, l->t, (int)rnd(g, 3));
	if (past_end(l)) {
		return 0;
	}
	l->lead = &g->cfg->units[rnd(g, (uint32_t)g->cfg->n_units)];
	for (uint32_t i = 0, n = rnd(g, 3); i < n && g->cfg->n_units > 2; i++) {
		const struct config_unit *u = unit_other(g, l->lead);

		if (!(coord[0] && !strcmp(coord[0], u->code))) {
			coord[i] = u->code;
		}
	}
	l->due = workcal_add(g->cal, workday_day_of(l->t), 5 + (int)rnd(g, 11));
	d.unit = l->lead->code;
	d.coordinate = coord;
	d.due = l->due;
	g->assigned++;
	return store_case_assign(g->st, l->id, l->lead->code, coord, l->due,
				 l->t, by, &g->err) < 0 ||
		       event(g, l->id, l->t, by, EV_ASSIGNED, &d) < 0
		   ? -1
		   : 0;
}

static int delegate(struct life *l)
{
	struct gen *g = l->g;
	struct event_data d = {0};
	int32_t hdue;

	l->t = later(g, l->t, (int)rnd(g, 3));
	if (past_end(l)) {
		return 0;
	}
	l->handler = member_of(g, l->lead);
	hdue = workcal_sub(g->cal, l->due, 1 + (int)rnd(g, 2));
	d.address = l->handler;
	d.due = hdue;
	g->delegated++;
	return store_case_set_handler(g->st, l->id, l->handler, NULL, hdue,
				      &g->err) < 0 ||
		       event(g, l->id, l->t, l->lead->head, EV_DELEGATED, &d) <
			   0
		   ? -1
		   : 0;
}

struct consult_find {
	const char *unit;
	int64_t id;
};

static int consult_is(const struct store_consult *c, void *ctx)
{
	struct consult_find *f = ctx;

	if (!strcmp(c->unit, f->unit)) {
		f->id = c->id;
	}
	return 0;
}

/* One unit asked; how and when it answers. */
static int consult_one(struct life *l, const struct config_unit *u)
{
	struct gen *g = l->g;
	int32_t cdue =
	    workcal_add(g->cal, workday_day_of(l->t), 3 + (int)rnd(g, 3));
	uint32_t how = rnd(g, 100);
	struct consult_find f = {u->code, 0};
	struct event_data d = {.unit = u->code};
	const char *by = u->head;
	time_t t;

	if (store_consult_ask(g->st, l->id, u->code, l->t, l->handler, cdue,
			      &g->err) < 0 ||
	    event(g, l->id, l->t, l->handler ? l->handler : l->lead->head,
		  EV_CONSULTED, &d) < 0 ||
	    store_consult_foreach(g->st, l->id, consult_is, &f, &g->err) < 0) {
		return -1;
	}
	if (how < 5) { /* silence: deemed agreement the day after */
		t = at_on(g, workcal_add(g->cal, cdue, 1));
		if (t >= g->end) {
			return 0;
		}
		return store_consult_mark(g->st, f.id, true, false, &g->err) <
				   0 ||
			       store_consult_answer(g->st, f.id, "deemed", t,
						    NULL, NULL, false,
						    &g->err) < 0 ||
			       event(g, l->id, t, "workflow",
				     EV_DEEMED_AGREEMENT, &d) < 0
			   ? -1
			   : 0;
	}
	t = later(g, l->t, how < 15 ? 5 + (int)rnd(g, 3) : (int)rnd(g, 3));
	if (t >= g->end) {
		return 0;
	}
	d.state = how < 23 ? "disagree" : how < 30 ? "unclear" : "agree";
	d.late = workday_day_of(t) > cdue;
	if (store_consult_answer(g->st, f.id, d.state, t, by,
				 "Ý kiến của đơn vị.", d.late, &g->err) < 0 ||
	    event(g, l->id, t, by, EV_OPINION, &d) < 0) {
		return -1;
	}
	if (strcmp(d.state, "disagree") != 0) {
		return 0;
	}
	/* Disputed until the heads settle it, a few days on. */
	if (store_case_set_status(g->st, l->id, ITEM_DISPUTED, 0, 0, &g->err) <
	    0) {
		return -1;
	}
	t = later(g, t, 1 + (int)rnd(g, 3));
	if (t >= g->end) {
		l->t = t;
		return 0;
	}
	{
		const struct event_data settled = {
		    .text = "Hai đơn vị đã thống nhất phương án."};

		return event(g, l->id, t, l->lead->head, EV_SETTLED, &settled) <
				   0 ||
			       store_case_set_status(g->st, l->id,
						     ITEM_ASSIGNED, 0, 0,
						     &g->err) < 0
			   ? -1
			   : 0;
	}
}

static int consult(struct life *l)
{
	struct gen *g = l->g;
	const struct config_unit *a = unit_other(g, l->lead);
	const struct config_unit *b = unit_other(g, l->lead);
	int rc;

	l->t = later(g, l->t, 1 + (int)rnd(g, 3));
	if (past_end(l)) {
		return 0;
	}
	g->consulted++;
	rc = consult_one(l, a);
	if (rc == 0 && b != a && chance(g, 40)) {
		rc = consult_one(l, b);
	}
	return rc;
}

static int extend(struct life *l)
{
	struct gen *g = l->g;
	int32_t to = workcal_add(g->cal, l->due, 5);
	const char *by = l->handler ? l->handler : l->lead->head;
	struct event_data d = {.due = to, .reason = "khối lượng công việc lớn"};
	struct store_extension e;
	bool granted = chance(g, 75);
	time_t decided;
	int rc;

	l->t = at_on(g, workcal_sub(g->cal, l->due, 1 + (int)rnd(g, 2)));
	if (past_end(l)) {
		return 0;
	}
	g->extensions++;
	if (store_extension_add(g->st, l->id, l->t, by, l->due, to, d.reason,
				&g->err) < 0 ||
	    event(g, l->id, l->t, by, EV_EXTENSION_REQUESTED, &d) < 0) {
		return -1;
	}
	decided = later(g, l->t, (int)rnd(g, 2));
	if (decided >= g->end) {
		return 0;
	}
	if (store_extension_pending(g->st, l->id, &e, &g->err) != 1) {
		return -1;
	}
	l->t = decided;
	rc =
	    store_extension_decide(g->st, e.id, granted ? "granted" : "refused",
				   l->t, g->cfg->service.office, &g->err);
	store_extension_release(&e);
	if (!granted) {
		const struct event_data no = {.reason = "chưa đủ lý do"};

		return rc < 0 || event(g, l->id, l->t, g->cfg->service.office,
				       EV_EXTENSION_REFUSED, &no) < 0
			   ? -1
			   : 0;
	}
	l->due = to;
	return rc < 0 ||
		       event(g, l->id, l->t, g->cfg->service.office,
			     EV_EXTENSION_GRANTED, &d) < 0 ||
		       store_case_set_due(g->st, l->id, to, &g->err) < 0
		   ? -1
		   : 0;
}

static int transfer(struct life *l)
{
	struct gen *g = l->g;
	const struct config_unit *to = unit_other(g, l->lead);
	struct event_data d = {.unit = l->lead->code,
			       .to_unit = to->code,
			       .reason = "không thuộc chức năng của đơn vị"};
	struct event_data a = {.unit = to->code};

	l->t = later(g, l->t, 1 + (int)rnd(g, 2));
	if (past_end(l)) {
		return 0;
	}
	g->transfers++;
	if (event(g, l->id, l->t, l->lead->head, EV_TRANSFERRED, &d) < 0) {
		return -1;
	}
	l->lead = to;
	l->handler = NULL;
	l->due = workcal_add(g->cal, workday_day_of(l->t), 5 + (int)rnd(g, 6));
	a.due = l->due;
	return store_case_assign(g->st, l->id, to->code, NULL, l->due, l->t,
				 l->lead->head, &g->err) < 0 ||
		       event(g, l->id, l->t, g->cfg->service.office,
			     EV_ASSIGNED, &a) < 0
		   ? -1
		   : 0;
}

/* The reminder the day before the deadline, and overdue mail for each
 * week late, as far as the end and the closing allow. */
static int reminders(struct life *l, time_t closed)
{
	struct gen *g = l->g;
	const char *to = l->handler ? l->handler : l->lead->email;
	int32_t day = workcal_sub(g->cal, l->due, 1);
	char stage[64];
	time_t t = workday_day_start(day) + 2 * HOUR; /* 09:00 */

	if (t < l->t || t >= closed || t >= g->end) {
		return 0;
	}
	snprintf(stage, sizeof(stage), "remind:1:%d", (int)l->due);
	if (mail(g, l->id, l->key, t, "reminder", to) < 0 ||
	    store_stage_mark(g->st, l->id, stage, t, &g->err) < 0) {
		return -1;
	}
	for (int k = 2; k < 30; k += 5) {
		day = workcal_add(g->cal, l->due, k);
		t = workday_day_start(day) + 2 * HOUR;
		if (t >= closed || t >= g->end) {
			break;
		}
		snprintf(stage, sizeof(stage), "overdue:%d:%d", (int)l->due, k);
		if (mail(g, l->id, l->key, t, "overdue", to) < 0 ||
		    store_stage_mark(g->st, l->id, stage, t, &g->err) < 0) {
			return -1;
		}
	}
	return 0;
}

static int close_item(struct life *l)
{
	struct gen *g = l->g;
	bool ret = chance(g, 4);
	struct event_data d = {0};
	time_t t;

	/* Most close around the deadline, about a quarter after it. */
	t = at_on(g, workcal_add(g->cal, l->due,
				 (int)rnd(g, 8) - 6 + (chance(g, 15) ? 6 : 0)));
	t = t > l->t ? t : later(g, l->t, 1);
	if (reminders(l, t) < 0) {
		return -1;
	}
	if (t >= g->end) {
		return 0;
	}
	l->t = t;
	if (ret) {
		d.unit = l->lead->code;
		d.reason = "không thuộc thẩm quyền";
		g->returned++;
		return event(g, l->id, t, l->lead->head, EV_RETURNED, &d) < 0 ||
			       store_case_set_status(g->st, l->id,
						     ITEM_RETURNED, t, 0,
						     &g->err) < 0
			   ? -1
			   : 0;
	}
	if (workday_day_of(t) > l->due) {
		d.days = workcal_count(g->cal, l->due, workday_day_of(t));
	}
	g->done++;
	return event(g, l->id, t, l->handler ? l->handler : l->lead->head,
		     EV_DONE, &d) < 0 ||
		       store_case_set_status(g->st, l->id, ITEM_DONE, t, d.days,
					     &g->err) < 0
		   ? -1
		   : 0;
}

static int one_item(struct gen *g, long n)
{
	static const char *const senders[] = {
	    "vanthu@mof.gov.vn",   "vanthu@moha.gov.vn", "vanthu@moj.gov.vn",
	    "vanthu@hanoi.gov.vn", "vanthu@gso.gov.vn",  "vanthu@vst.gov.vn"};
	int32_t d =
	    g->first_day + (int32_t)((int64_t)(g->last_day - g->first_day) * n /
				     (g->target ? g->target : 1));
	struct store_message m = {.mailbox = "INBOX",
				  .uidvalidity = 1,
				  .uid = (uint32_t)n + 1,
				  .size = 4096,
				  .kind = "letter"};
	const char *from = senders[rnd(g, ARRAY_SIZE(senders))];
	struct store_item item;
	struct life l = {g, 0, NULL, NULL, 0, 0, NULL};
	char sha[STORE_SHA_HEX], msgid[64], subject[96];
	const struct event_data reg = {.text = subject};
	int64_t msg;
	int rc;

	d = workcal_next_workday(g->cal, d);
	m.received_at = at_on(g, d);
	snprintf(msgid, sizeof(msgid), "%ld.%u@gen.congvan.test", n,
		 rnd(g, 1000000));
	snprintf(sha, sizeof(sha), "%064ld", n);
	snprintf(subject, sizeof(subject),
		 "V/v báo cáo tình hình thực hiện nhiệm vụ số %ld", n);
	m.sha256 = sha;
	m.message_id = msgid;
	m.from_addr = from;
	m.subject = subject;
	if (store_message_insert(g->st, &m, &msg, &g->err) < 0) {
		return -1;
	}
	{
		struct tm tm;
		time_t local = m.received_at + UTC7;

		gmtime_r(&local, &tm);
		if (store_item_create(g->st, g->cfg->service.item_prefix,
				      tm.tm_year + 1900, m.received_at, msg,
				      subject, from, &item, &g->err) < 0) {
			return -1;
		}
	}
	l.id = item.id;
	l.key = item.key;
	l.t = m.received_at;
	rc = store_message_set_item(g->st, msg, item.id, &g->err) < 0 ||
		     event(g, item.id, l.t, from, EV_REGISTERED, &reg) < 0 ||
		     assign(&l) < 0
		 ? -1
		 : 0;
	if (rc == 0 && l.lead && chance(g, 60)) {
		rc = delegate(&l);
	}
	if (rc == 0 && l.lead && !past_end(&l) && chance(g, 25)) {
		rc = consult(&l);
	}
	if (rc == 0 && l.lead && !past_end(&l) && chance(g, 3)) {
		rc = transfer(&l);
	}
	if (rc == 0 && l.lead && !past_end(&l) && chance(g, 12)) {
		rc = extend(&l);
	}
	if (rc == 0 && l.lead && !past_end(&l)) {
		/* Some are never closed: overdue to the end. */
		rc = chance(g, g->open_percent) ? reminders(&l, g->end)
						: close_item(&l);
	}
	store_item_release(&item);
	g->items++;
	return rc;
}

static int usage(void)
{
	fprintf(stderr, "usage: gen_register CONFIG ITEMS [--seed N]"
			" [--open PERCENT] [--quarters Q] [--end YYYY-MM-DD]"
			" [--holidays FILE]\n");
	return 64;
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Options into g and *holidays_r; -1 on a bad one. */
static int options(int argc, char **argv, struct gen *g, int *quarters_r,
		   int32_t *end_r, const char **holidays_r)
{
	char *e;

	g->target = strtol(argv[2], &e, 10);
	if (*e || g->target < 1) {
		return -1;
	}
	for (int i = 3; i + 1 < argc + 1; i += 2) {
		if (i + 1 >= argc) {
			return -1;
		}
		if (!strcmp(argv[i], "--seed")) {
			g->rng = strtoull(argv[i + 1], &e, 10) * 2 + 1;
		} else if (!strcmp(argv[i], "--open")) {
			g->open_percent = (int)strtol(argv[i + 1], &e, 10);
		} else if (!strcmp(argv[i], "--quarters")) {
			*quarters_r = (int)strtol(argv[i + 1], &e, 10);
		} else if (!strcmp(argv[i], "--end")) {
			e = workday_parse_date(argv[i + 1], end_r) == 0
				? argv[i + 1] + strlen(argv[i + 1])
				: argv[i + 1];
		} else if (!strcmp(argv[i], "--holidays")) {
			*holidays_r = argv[i + 1];
			e = argv[i + 1] + strlen(argv[i + 1]);
		} else {
			return -1;
		}
		if (*e) {
			return -1;
		}
	}
	return *quarters_r >= 1 && *quarters_r <= 40 && g->open_percent >= 0 &&
		       g->open_percent <= 100
		   ? 0
		   : -1;
}

/* The first day of the quarter q quarters before the one of day. */
static int32_t quarters_back(int32_t day, int q)
{
	int y, m, d;
	int32_t r = 0;

	workday_ymd(day, &y, &m, &d);
	m = (m - 1) / 3 * 3 - 3 * q; /* months from January of y */
	while (m < 0) {
		m += 12;
		y--;
	}
	workday_day_from_ymd(y, m + 1, 1, &r);
	return r;
}

static int write_all(struct gen *g)
{
	double t0 = seconds();

	for (long n = 0; n < g->target;) {
		if (store_begin(g->st, &g->err) < 0) {
			return -1;
		}
		for (long k = 0; k < BATCH && n < g->target; k++, n++) {
			if (one_item(g, n) < 0) {
				store_rollback(g->st);
				return -1;
			}
		}
		if (store_commit(g->st, &g->err) < 0) {
			store_rollback(g->st);
			return -1;
		}
		if (isatty(2)) {
			fprintf(stderr, "\r%ld items, %.0f s", n,
				seconds() - t0);
		}
	}
	if (isatty(2)) {
		fputc('\n', stderr);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct config cfg = {0};
	struct workcal *cal = NULL;
	struct gen g = {0};
	const char *holidays = "data/holidays-vn.txt";
	int quarters = 6, ret = 1;
	int32_t end = 0;
	char from[11], to[11];
	double t0 = seconds();

	g.rng = 88172645463325252ull;
	g.open_percent = 1;
	if (argc < 3 || options(argc, argv, &g, &quarters, &end, &holidays)) {
		return usage();
	}
	if (!end) {
		workday_day_from_ymd(2027, 1, 1, &end);
	}
	if (config_load(argv[1], &cfg, &g.err) < 0) {
		goto out;
	}
	if (cfg.n_units == 0) {
		g.err = xasprintf("%s: no [unit] to assign to", argv[1]);
		goto out;
	}
	if (access(cfg.service.database, F_OK) == 0) {
		g.err = xasprintf("'%s' exists: the register is written into a"
				  " new database",
				  cfg.service.database);
		goto out;
	}
	if (cfg.calendar.holidays && *cfg.calendar.holidays) {
		holidays = cfg.calendar.holidays;
	}
	if (workcal_load(holidays, cfg.calendar.workdays, &cal, &g.err) < 0) {
		goto out;
	}
	g.cfg = &cfg;
	g.cal = cal;
	g.end = workday_day_start(end);
	g.first_day =
	    workcal_next_workday(cal, quarters_back(end - 1, quarters - 1));
	g.last_day = end - 1;
	g.st = store_open(cfg.service.database, &g.err);
	if (!g.st || write_all(&g) < 0) {
		goto out;
	}
	workday_format(g.first_day, from);
	workday_format(end, to);
	printf("register: %ld items from %s to %s, %ld events, %ld assigned,"
	       " %ld delegated, %ld consulted, %ld extension requests,"
	       " %ld transfers, %ld done, %ld returned, %ld reminder mails;"
	       " %.1f s\n",
	       g.items, from, to, g.events, g.assigned, g.delegated,
	       g.consulted, g.extensions, g.transfers, g.done, g.returned,
	       g.mails, seconds() - t0);
	ret = 0;
out:
	if (g.err) {
		fprintf(stderr, "gen_register: %s\n", g.err);
		free(g.err);
	}
	store_close(&g.st);
	workcal_free(&cal);
	config_free(&cfg);
	return ret;
}
