/* The names of statuses and event kinds, and what each kind carries and
 * says.  The line for people keeps the wording congvan has always
 * written, so that old and new events read alike in `show` and `audit`. */
#include <stdlib.h>
#include <string.h>

#include "congvan/event.h"
#include "congvan/json.h"
#include "congvan/util.h"
#include "congvan/workday.h"

static const char *const status_names[ITEM_STATUS_COUNT] = {
    [ITEM_REGISTERED] = "registered", [ITEM_ASSIGNED] = "assigned",
    [ITEM_DISPUTED] = "disputed",     [ITEM_DONE] = "done",
    [ITEM_RETURNED] = "returned",
};

const char *event_item_status_name(enum item_status s)
{
	return s < ITEM_STATUS_COUNT ? status_names[s] : "unknown";
}

int event_item_status_parse(const char *name, enum item_status *s_r)
{
	for (int i = 0; name && i < ITEM_STATUS_COUNT; i++) {
		if (!strcmp(name, status_names[i])) {
			*s_r = (enum item_status)i;
			return 0;
		}
	}
	return -1;
}

bool event_item_status_is_open(enum item_status s)
{
	return s == ITEM_ASSIGNED || s == ITEM_DISPUTED;
}

const char *event_item_status_list(void)
{
	return "registered, assigned, disputed, done, returned";
}

/* What a kind carries, besides the line for people. */
enum field {
	F_UNIT = 1 << 0,
	F_TO_UNIT = 1 << 1,
	F_COORDINATE = 1 << 2,
	F_ADDRESS = 1 << 3,
	F_NAME = 1 << 4,
	F_STATE = 1 << 5,
	F_DUE = 1 << 6,
	F_DAYS = 1 << 7,
	F_LATE = 1 << 8,
	F_REASON = 1 << 9,
	F_ROLE = 1 << 10,
	F_UID = 1 << 11,
	F_SEQUENCE = 1 << 12,
	F_TEMPLATE = 1 << 13,
};

typedef char *describe_fn(const struct event_data *d);

struct kind {
	const char *name;
	unsigned fields;
	describe_fn *describe; /* NULL: the text field, as it is */
};

static char *day_text(int32_t day)
{
	char buf[11];

	if (day <= 0) {
		return xstrdup("");
	}
	workday_format_vn(day, buf);
	return xstrdup(buf);
}

static const char *s(const char *v)
{
	return v ? v : "";
}

static char *d_assigned(const struct event_data *d)
{
	char *day = day_text(d->due);
	char *r = xasprintf("lead %s, deadline %s", s(d->unit), day);

	free(day);
	return r;
}

static char *d_delegated(const struct event_data *d)
{
	char *day = day_text(d->due);
	char *r = xasprintf("%s, deadline %s", s(d->address), day);

	free(day);
	return r;
}

static char *d_deadline(const struct event_data *d)
{
	char *day = day_text(d->due);
	char *r = xasprintf("deadline %s", day);

	free(day);
	return r;
}

static char *d_day(const struct event_data *d)
{
	return day_text(d->due);
}

static char *d_unit(const struct event_data *d)
{
	return xstrdup(s(d->unit));
}

static char *d_opinion(const struct event_data *d)
{
	return xasprintf("%s: %s%s", s(d->unit), s(d->state),
			 d->late ? " (late)" : "");
}

static char *d_deemed(const struct event_data *d)
{
	return xasprintf("%s: no clear answer by the deadline", s(d->unit));
}

static char *d_extension_requested(const struct event_data *d)
{
	char *day = day_text(d->due);
	char *r = xasprintf("to %s: %s", day, s(d->reason));

	free(day);
	return r;
}

static char *d_reason(const struct event_data *d)
{
	return xstrdup(s(d->reason));
}

static char *d_transferred(const struct event_data *d)
{
	return xasprintf("%s -> %s: %s", s(d->unit), s(d->to_unit),
			 s(d->reason));
}

static char *d_returned(const struct event_data *d)
{
	return xasprintf("%s: %s", s(d->unit), s(d->reason));
}

static char *d_done(const struct event_data *d)
{
	return d->days > 0 ? xasprintf("late by %d working days", d->days)
			   : xstrdup("on time");
}

static char *d_calendar(const struct event_data *d)
{
	char *day = day_text(d->due);
	char *r = xasprintf("%s SEQUENCE %d, %s", s(d->uid), d->sequence, day);

	free(day);
	return r;
}

/* An attendee's answer: "lead UID SEQUENCE 2: a note: a comment". */
static char *d_calendar_answer(const struct event_data *d)
{
	return xasprintf("%s %s SEQUENCE %d%s", s(d->role), s(d->uid),
			 d->sequence, s(d->text));
}

static char *d_mail(const struct event_data *d)
{
	return xasprintf("%s to %s", s(d->template), s(d->address));
}

static char *d_template(const struct event_data *d)
{
	return xstrdup(s(d->template));
}

static char *d_refused(const struct event_data *d)
{
	return xasprintf("%s: %s%s%s", s(d->address), s(d->reason),
			 d->text ? ": " : "", s(d->text));
}

/* Mail that failed: for one recipient ("x@y: 550 ..."), or whole, with
 * the recipients it did not reach ("x@y, z@y: 554 ...", the words alone
 * when recorded before they were named). */
static char *d_failed(const struct event_data *d)
{
	return d->address ? xasprintf("%s: %s", d->address, s(d->text))
			  : xstrdup(s(d->text));
}

static char *d_limited(const struct event_data *d)
{
	return xasprintf("%s: %s", s(d->address), s(d->text));
}

static const struct kind kinds[EV_KIND_COUNT] = {
    [EV_REGISTERED] = {"registered", 0, NULL},
    [EV_DUPLICATE_LETTER] = {"duplicate-letter", 0, NULL},
    [EV_DUPLICATE_RECEIVED] = {"duplicate-received", 0, NULL},
    [EV_LETTER_RECEIVED] = {"letter-received", 0, NULL},
    [EV_REPLY_RECEIVED] = {"reply-received", 0, NULL},
    [EV_AUTO_RECEIVED] = {"auto-received", 0, NULL},
    [EV_BOUNCE_RECEIVED] = {"bounce-received", 0, NULL},
    [EV_UIDVALIDITY_CHANGED] = {"uidvalidity-changed", 0, NULL},
    [EV_HISTORY_KEPT] = {"history-kept", 0, NULL},
    [EV_HISTORY_MARKED] = {"history-marked", 0, NULL},
    [EV_ASSIGNED] = {"assigned", F_UNIT | F_COORDINATE | F_DUE, d_assigned},
    [EV_DEADLINE_SET] = {"deadline-set", F_DUE, d_deadline},
    [EV_DELEGATED] = {"delegated", F_ADDRESS | F_NAME | F_DUE, d_delegated},
    [EV_CONSULTED] = {"consulted", F_UNIT | F_DUE, d_unit},
    [EV_OPINION] = {"opinion", F_UNIT | F_STATE | F_LATE, d_opinion},
    [EV_DEEMED_AGREEMENT] = {"deemed-agreement", F_UNIT, d_deemed},
    [EV_EXTENSION_REQUESTED] = {"extension-requested", F_DUE | F_REASON,
				d_extension_requested},
    [EV_EXTENSION_GRANTED] = {"extension-granted", F_DUE, d_day},
    [EV_EXTENSION_REFUSED] = {"extension-refused", F_REASON, d_reason},
    [EV_TRANSFERRED] = {"transferred", F_UNIT | F_TO_UNIT | F_REASON,
			d_transferred},
    [EV_RETURNED] = {"returned", F_UNIT | F_REASON, d_returned},
    [EV_DONE] = {"done", F_DAYS, d_done},
    [EV_SETTLED] = {"settled", 0, NULL},
    [EV_REPLY_RECORDED] = {"reply-recorded", 0, NULL},
    [EV_REPLY_NOT_ACTED] = {"reply-not-acted", 0, NULL},
    [EV_COMMAND_REFUSED] = {"command-refused", F_ADDRESS | F_REASON, d_refused},
    [EV_CALENDAR_REQUEST] = {"calendar-request", F_UID | F_SEQUENCE | F_DUE,
			     d_calendar},
    [EV_CALENDAR_CANCEL] = {"calendar-cancel", F_UID | F_SEQUENCE | F_DUE,
			    d_calendar},
    [EV_CALENDAR_ACCEPTED] = {"calendar-accepted", F_ROLE | F_UID | F_SEQUENCE,
			      d_calendar_answer},
    [EV_CALENDAR_DECLINED] = {"calendar-declined", F_ROLE | F_UID | F_SEQUENCE,
			      d_calendar_answer},
    [EV_CALENDAR_TENTATIVE] = {"calendar-tentative",
			       F_ROLE | F_UID | F_SEQUENCE, d_calendar_answer},
    [EV_CALENDAR_COUNTER] = {"calendar-counter",
			     F_ROLE | F_UID | F_SEQUENCE | F_DUE,
			     d_calendar_answer},
    [EV_CALENDAR_REPLY_OUTDATED] = {"calendar-reply-outdated",
				    F_ROLE | F_UID | F_SEQUENCE,
				    d_calendar_answer},
    [EV_CALENDAR_REPLY_NOT_ACTED] = {"calendar-reply-not-acted",
				     F_ROLE | F_UID | F_SEQUENCE,
				     d_calendar_answer},
    [EV_CALENDAR_REPLY_UNKNOWN] = {"calendar-reply-unknown", F_UID, NULL},
    [EV_MAIL_QUEUED] = {"mail-queued", F_TEMPLATE | F_ADDRESS, d_mail},
    [EV_MAIL_SKIPPED] = {"mail-skipped", F_TEMPLATE, d_template},
    [EV_RATE_LIMITED] = {"rate-limited", F_TEMPLATE | F_ADDRESS, d_limited},
    [EV_MAIL_FAILED] = {"mail-failed", F_ADDRESS, d_failed},
    [EV_REPORT_QUEUED] = {"report-queued", 0, NULL},
    [EV_FEED_REVOKED] = {"feed-revoked", 0, NULL},
    [EV_FLAGGED] = {"flagged", F_REASON, d_reason},
};

const char *event_kind_name(enum event_kind k)
{
	return k < EV_KIND_COUNT ? kinds[k].name : "unknown";
}

int event_kind_parse(const char *name, enum event_kind *k_r)
{
	for (int i = 0; name && i < EV_KIND_COUNT; i++) {
		if (!strcmp(name, kinds[i].name)) {
			*k_r = (enum event_kind)i;
			return 0;
		}
	}
	return -1;
}

static void add_string(struct sbuf *sb, const char *key, const char *v)
{
	if (v) {
		json_add_field(sb, sb->len > 1, key, v);
	}
}

static void add_int(struct sbuf *sb, const char *key, long long v)
{
	if (v) {
		if (sb->len > 1) {
			sbuf_addch(sb, ',');
		}
		json_add_key(sb, key);
		sbuf_addf(sb, "%lld", v);
	}
}

static void add_list(struct sbuf *sb, const char *key, const char *const *list)
{
	if (list && *list) {
		if (sb->len > 1) {
			sbuf_addch(sb, ',');
		}
		json_add_key(sb, key);
		json_add_string_list(sb, (char *const *)list);
	}
}

char *event_data_json(enum event_kind kind, const struct event_data *d)
{
	unsigned f = kind < EV_KIND_COUNT ? kinds[kind].fields : 0;
	struct sbuf sb = SBUF_INIT(1 << 20);

	if (!d || !f) {
		return NULL;
	}
	sbuf_addch(&sb, '{');
	add_string(&sb, EVENT_F_UNIT, f & F_UNIT ? d->unit : NULL);
	add_string(&sb, EVENT_F_TO_UNIT, f & F_TO_UNIT ? d->to_unit : NULL);
	add_list(&sb, "coordinate", f & F_COORDINATE ? d->coordinate : NULL);
	add_string(&sb, EVENT_F_ADDRESS, f & F_ADDRESS ? d->address : NULL);
	add_string(&sb, "name", f & F_NAME ? d->name : NULL);
	add_string(&sb, EVENT_F_STATE, f & F_STATE ? d->state : NULL);
	add_int(&sb, EVENT_F_DUE, f & F_DUE ? d->due : 0);
	add_int(&sb, EVENT_F_DAYS, f & F_DAYS ? d->days : 0);
	add_int(&sb, EVENT_F_LATE, f & F_LATE ? d->late : 0);
	add_string(&sb, EVENT_F_REASON, f & F_REASON ? d->reason : NULL);
	add_string(&sb, "role", f & F_ROLE ? d->role : NULL);
	add_string(&sb, "uid", f & F_UID ? d->uid : NULL);
	add_int(&sb, "sequence", f & F_SEQUENCE ? d->sequence : 0);
	add_string(&sb, EVENT_F_TEMPLATE, f & F_TEMPLATE ? d->template : NULL);
	if (sb.len == 1) {
		sbuf_release(&sb);
		return NULL;
	}
	sbuf_addch(&sb, '}');
	return sbuf_detach(&sb);
}

char *event_describe(enum event_kind kind, const struct event_data *d)
{
	static const struct event_data none;

	if (!d) {
		d = &none;
	}
	if (kind < EV_KIND_COUNT && kinds[kind].describe) {
		return kinds[kind].describe(d);
	}
	return d->text ? xstrdup(d->text) : NULL;
}
