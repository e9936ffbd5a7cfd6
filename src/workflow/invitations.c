/* Deadlines in people's calendars (iMIP, src/ical).  Every mail that sets
 * or changes a deadline for someone carries a REQUEST: one event per item
 * and part of its work (the lead unit's deadline, the handler's internal
 * one, each consulted unit's), whose UID stays the same while SEQUENCE
 * rises with every change.  When the part closes (done, returned,
 * transferred, another handler, an opinion given or deemed) the same UID
 * goes out as a CANCEL in a short mail of its own.  The answers of the
 * calendar buttons (iTIP REPLY) are recorded; a decline is told to the
 * Office and the lead unit's head.  Answers are never commands. */
#include <stdlib.h>
#include <string.h>

#include "congvan/inspect.h"
#include "congvan/log.h"
#include "private.h"

static const char *tr(const struct runtime *rt, enum word w)
{
	return wf_word(rt, w);
}

char *wf_calendar_uid(const struct runtime *rt, const struct wf_item *it,
		      enum ical_part part, const char *who)
{
	return ical_uid(it->c.key, part, who, rt->cfg->service.domain,
			rt->secret);
}

static enum ical_part part_of(const char *role)
{
	static const enum ical_part parts[] = {
	    ICAL_PART_LEAD, ICAL_PART_HANDLER, ICAL_PART_CONSULT,
	    ICAL_PART_COORDINATE};

	for (size_t i = 0; i < ARRAY_SIZE(parts); i++) {
		if (role && !strcmp(role, ical_part_name(parts[i]))) {
			return parts[i];
		}
	}
	return ICAL_PART_LEAD;
}

/* What an event is, for people: "Hạn xử lý", "Hạn cho ý kiến". */
static const char *event_name(const struct runtime *rt, enum ical_part part)
{
	switch (part) {
	case ICAL_PART_HANDLER:
		return tr(rt, W_EVENT_INTERNAL);
	case ICAL_PART_CONSULT:
		return tr(rt, W_EVENT_OPINION);
	default:
		return tr(rt, W_DEADLINE);
	}
}

/* The name people know an address by: a listed person's, or the unit's
 * for its mailbox; NULL when none. */
static const char *name_of(const struct runtime *rt, const char *address)
{
	const struct config_person *p =
	    config_person_find(rt->cfg, address, NULL);
	const struct config_unit *u = NULL;

	if (p && p->name) {
		return p->name;
	}
	if (config_role_of(rt->cfg, address, &u) == CONFIG_ROLE_UNIT_MAILBOX &&
	    u) {
		return u->name;
	}
	return NULL;
}

/* The name of whose part it is: the unit's, else the person's. */
static const char *party_name(const struct runtime *rt, enum ical_part part,
			      const char *who)
{
	const struct config_unit *u;

	if (part != ICAL_PART_HANDLER) {
		u = config_unit_find(rt->cfg, who);
		return u ? u->name : who;
	}
	return name_of(rt, who) ? name_of(rt, who) : who;
}

static bool in_list(const char *list, const char *address)
{
	size_t n = strlen(address);

	for (const char *p = list; p && *p;) {
		size_t len = strcspn(p, ",");

		while (len > 0 && *p == ' ') {
			p++;
			len--;
		}
		if (len == n && !strncasecmp(p, address, n)) {
			return true;
		}
		p += len;
		p += *p == ',';
	}
	return false;
}

/* Calls fn for each address of a ", "-separated list. */
static void each_address(const char *list, void (*fn)(void *, const char *),
			 void *ctx)
{
	char *copy = xstrdup(list ? list : "");

	for (char *p = copy; *p;) {
		size_t len = strcspn(p, ",");
		char *next = p + len + (p[len] == ',');

		p[len] = '\0';
		str_trim(p);
		if (*p) {
			fn(ctx, p);
		}
		p = next;
	}
	free(copy);
}

static void cc_one(void *ctx, const char *address)
{
	wf_cc_copy(ctx, address);
}

static void to_one(void *ctx, const char *address)
{
	wf_to_copy(ctx, address);
}

/* An event being built: the attendee array is the caller's to free. */
struct built {
	struct ical_event ev;
	struct ical_attendee *att;
	size_t n;
	const struct runtime *rt;
};

static void add_attendee(struct built *b, const char *address, bool required)
{
	b->att = xrealloc(b->att, (b->n + 1) * sizeof(*b->att));
	b->att[b->n].address = address;
	b->att[b->n].name = name_of(b->rt, address);
	b->att[b->n].required = required;
	b->n++;
}

static void built_init(struct built *b, const struct runtime *rt,
		       const struct wf_item *it, enum ical_part part,
		       const char *uid, const char *who, int32_t due)
{
	const struct store_letter_row *l = it->has_letter ? &it->letter : NULL;

	memset(b, 0, sizeof(*b));
	b->rt = rt;
	b->ev.uid = uid;
	b->ev.now = runtime_now(rt);
	b->ev.key = it->c.key;
	b->ev.subject = l && l->subject ? l->subject : it->c.subject;
	b->ev.number = l ? l->number : NULL;
	b->ev.part = part;
	b->ev.unit = party_name(rt, part, who);
	b->ev.lead = it->lead ? it->lead->name : it->c.lead;
	if (part == ICAL_PART_LEAD) {
		b->ev.unit = b->ev.lead;
	}
	b->ev.due_day = due;
	b->ev.cal = rt->cal;
	b->ev.organizer = rt->cfg->smtp.from;
	b->ev.organizer_name = rt->cfg->service.organization;
	b->ev.language = rt->cfg->service.language;
}

static int build(struct built *b, bool cancel, char **text_r, char **error_r)
{
	b->ev.attendees = b->att;
	b->ev.n_attendees = b->n;
	return ical_build(&b->ev, cancel, text_r, error_r);
}

/* m's recipients as a ", "-separated list. */
static char *recipients_of(const struct wf_mail *m)
{
	struct sbuf sb = SBUF_INIT(1 << 16);

	for (size_t i = 0; i < m->n_to + m->n_cc; i++) {
		sbuf_addf(&sb, "%s%s", sb.len ? ", " : "",
			  i < m->n_to ? m->to[i] : m->cc[i - m->n_to]);
	}
	return sbuf_detach(&sb);
}

/* Notes on the item what was sent under which UID and SEQUENCE. */
static int record(struct runtime *rt, const struct wf_item *it,
		  enum event_kind kind, const char *uid, int sequence,
		  int32_t due, char **error_r)
{
	const struct event_data d = {
	    .uid = uid, .sequence = sequence, .due = due};

	return wf_record(rt, it, 0, "workflow", kind, &d, error_r);
}

int wf_calendar_request(struct runtime *rt, const struct wf_item *it,
			struct wf_mail *m, enum ical_part part, const char *who,
			int32_t due, char **error_r)
{
	struct store_calendar_entry prev, e = {0};
	struct built b;
	char *uid = NULL;
	int rc, seq, ret = -1;

	rc = store_calendar_get_part(rt->st, it->c.id, ical_part_name(part),
				     who, &prev, error_r);
	if (rc < 0) {
		goto out;
	}
	/* The part keeps the UID its first request had. */
	uid = rc == 1 ? xstrdup(prev.uid) : wf_calendar_uid(rt, it, part, who);
	if (rc == 1 && !strcmp(prev.state, "open")) {
		/* Whoever holds the event hears of the change. */
		each_address(prev.recipient, cc_one, m);
	}
	store_calendar_entry_release(&prev);
	if (m->n_to == 0) {
		ret = 0; /* nobody to write to: wf_send notes it */
		goto out;
	}
	built_init(&b, rt, it, part, uid, who, due);
	for (size_t i = 0; i < m->n_to + m->n_cc; i++) {
		add_attendee(&b, i < m->n_to ? m->to[i] : m->cc[i - m->n_to],
			     i < m->n_to);
	}
	e.uid = uid;
	e.item_id = it->c.id;
	e.recipient = recipients_of(m);
	e.role = (char *)ical_part_name(part);
	e.party = (char *)who;
	e.due_day = due;
	if (store_calendar_upsert(rt->st, &e, &seq, error_r) == 0) {
		b.ev.sequence = seq;
		free(m->calendar);
		m->calendar = NULL;
		if (build(&b, false, &m->calendar, error_r) == 0) {
			m->calendar_method = "REQUEST";
			ret = record(rt, it, EV_CALENDAR_REQUEST, uid, seq, due,
				     error_r);
		}
	}
	free(e.recipient);
	free(b.att);
out:
	free(uid);
	return ret < 0 ? -1 : 0;
}

/* Sends the CANCEL of entry e (open until now). */
static int cancel_entry(struct runtime *rt, const struct wf_item *it,
			const struct store_calendar_entry *e,
			const char *reason, char **error_r)
{
	enum ical_part part = part_of(e->role);
	struct wf_mail m;
	struct built b;
	char day[16];
	int seq, rc, ret = -1;

	rc = store_calendar_cancel(rt->st, e->uid, &seq, error_r);
	if (rc <= 0) {
		return rc;
	}
	wf_mail_init(rt, it, &m);
	each_address(e->recipient, to_one, &m);
	built_init(&b, rt, it, part, e->uid, e->party, e->due_day);
	for (size_t i = 0; i < m.n_to; i++) {
		add_attendee(&b, m.to[i], true);
	}
	b.ev.sequence = seq;
	wf_day_text(e->due_day, day);
	wf_set(&m, V_EVENT, event_name(rt, part));
	wf_set(&m, V_EVENT_DATE, day);
	wf_set(&m, V_REASON, reason);
	wf_set(&m, V_RECIPIENT, party_name(rt, part, e->party));
	if (build(&b, true, &m.calendar, error_r) == 0 &&
	    record(rt, it, EV_CALENDAR_CANCEL, e->uid, seq, e->due_day,
		   error_r) == 0) {
		m.calendar_method = "CANCEL";
		ret = wf_send(rt, it, &m, "calendar_cancel", error_r);
	}
	free(b.att);
	wf_mail_release(&m);
	return ret;
}

int wf_calendar_cancel(struct runtime *rt, const struct wf_item *it,
		       enum ical_part part, const char *who, const char *reason,
		       char **error_r)
{
	struct store_calendar_entry e;
	int rc;

	rc = store_calendar_get_part(rt->st, it->c.id, ical_part_name(part),
				     who, &e, error_r);
	if (rc == 1 && !strcmp(e.state, "open")) {
		rc = cancel_entry(rt, it, &e, reason, error_r);
	}
	store_calendar_entry_release(&e);
	return rc < 0 ? -1 : 0;
}

struct cancel_ctx {
	struct runtime *rt;
	const struct wf_item *it;
	const char *role, *keep_party, *reason;
	char *error;
};

static int cancel_cb(const struct store_calendar_entry *e, void *ctx)
{
	struct cancel_ctx *c = ctx;

	if ((c->role && strcmp(e->role, c->role) != 0) ||
	    (c->keep_party && !strcasecmp(e->party, c->keep_party))) {
		return 0;
	}
	return cancel_entry(c->rt, c->it, e, c->reason, &c->error) < 0;
}

int wf_calendar_cancel_all(struct runtime *rt, const struct wf_item *it,
			   const char *role, const char *keep_party,
			   const char *reason, char **error_r)
{
	struct cancel_ctx c = {rt, it, role, keep_party, reason, NULL};

	if (store_calendar_foreach_open(rt->st, it->c.id, cancel_cb, &c,
					error_r) < 0) {
		return -1;
	}
	if (c.error) {
		*error_r = c.error;
		return -1;
	}
	return 0;
}

/* --- answers -------------------------------------------------------------- */

static int declined(struct runtime *rt, const struct wf_item *it,
		    const struct store_calendar_entry *e, const char *actor,
		    const char *comment, char **error_r)
{
	enum ical_part part = part_of(e->role);
	struct wf_mail m;
	char day[16];
	int ret;

	wf_mail_init(rt, it, &m);
	wf_day_text(e->due_day, day);
	wf_set(&m, V_EVENT, event_name(rt, part));
	wf_set(&m, V_EVENT_DATE, day);
	wf_set(&m, V_ACTOR, actor);
	wf_set(&m, V_UNIT, party_name(rt, part, e->party));
	wf_set(&m, V_ANSWER, comment ? comment : tr(rt, W_NONE_GIVEN));
	wf_set(&m, V_RECIPIENT, tr(rt, W_OFFICE));
	wf_to(&m, rt->cfg->service.office);
	if (it->lead) {
		wf_cc(&m, it->lead->head);
	}
	ret = wf_send(rt, it, &m, "calendar_declined", error_r);
	wf_mail_release(&m);
	return ret;
}

/* Whether entry e's UID is the marked one (ical_uid): only who received
 * the event knows it.  Events sent before UIDs were marked, or under
 * another secret, prove nothing. */
static bool uid_proves_receipt(const struct runtime *rt,
			       const struct wf_item *it,
			       const struct store_calendar_entry *e)
{
	char *uid = wf_calendar_uid(rt, it, part_of(e->role), e->party);
	bool proves = rt->secret && *rt->secret && !strcmp(uid, e->uid);

	free(uid);
	return proves;
}

/* The event kind an answer is recorded as; *note_r says why one that
 * counts for nothing does not ("" when it counts).  A calendar answers
 * with the event's UID, not with our Message-ID: the UID's mark is its
 * proof of receipt.  Where [security] commands asks for an
 * authenticated sender, an answer needs one too (a Decline tells the
 * Office). */
static enum event_kind judge(const struct runtime *rt, const struct wf_item *it,
			     const struct store_calendar_entry *e,
			     const struct ical_reply *r, const char *from,
			     const struct workflow_sender *who,
			     const char **note_r)
{
	enum config_commands policy = rt->cfg->security.commands;

	*note_r = "";
	if (!in_list(e->recipient, r->attendee)) {
		*note_r = ": the attendee was not invited";
		return EV_CALENDAR_REPLY_NOT_ACTED;
	}
	if (policy != CONFIG_COMMANDS_AUTHENTICATED &&
	    !uid_proves_receipt(rt, it, e)) {
		*note_r = ": no proof of receipt (the event's UID carries no"
			  " mark of ours)";
		return EV_CALENDAR_REPLY_NOT_ACTED;
	}
	if (policy != CONFIG_COMMANDS_RECEIPT && !who->authenticated) {
		*note_r = ": the sender is not authenticated";
		return EV_CALENDAR_REPLY_NOT_ACTED;
	}
	/* What authentication proves is the From address: it must be the
	 * attendee who answers. */
	if (policy != CONFIG_COMMANDS_RECEIPT &&
	    (!from || strcasecmp(from, r->attendee) != 0)) {
		*note_r = ": the sender is not the attendee";
		return EV_CALENDAR_REPLY_NOT_ACTED;
	}
	if (strcmp(e->state, "open") != 0) {
		*note_r = ": the event is cancelled";
		return EV_CALENDAR_REPLY_OUTDATED;
	}
	if (r->sequence >= 0 && r->sequence < e->sequence) {
		*note_r = ": an earlier version";
		return EV_CALENDAR_REPLY_OUTDATED;
	}
	if (r->answer == ICAL_ANSWER_COUNTER &&
	    part_of(e->role) != ICAL_PART_LEAD) {
		*note_r = ": another date proposed for an event other than the"
			  " lead unit's deadline";
		return EV_CALENDAR_REPLY_NOT_ACTED;
	}
	switch (r->answer) {
	case ICAL_ANSWER_COUNTER:
		return EV_CALENDAR_COUNTER;
	case ICAL_ANSWER_DECLINED:
		return EV_CALENDAR_DECLINED;
	case ICAL_ANSWER_TENTATIVE:
		return EV_CALENDAR_TENTATIVE;
	default:
		return EV_CALENDAR_ACCEPTED;
	}
}

int workflow_calendar_reply(struct runtime *rt, int64_t item_id, int64_t msg_id,
			    const struct inspection *in,
			    const struct workflow_sender *who, char **error_r)
{
	const struct ical_reply *r = &in->calendar_reply;
	const struct message_info *mi = &in->info;
	struct store_calendar_entry e;
	struct wf_item it;
	struct event_data d = {.uid = r->uid};
	enum event_kind kind;
	const char *note;
	char *note_text = NULL, *actor;
	int32_t proposed = 0;
	int rc, ret = -1;

	rc = store_calendar_get(rt->st, r->uid, &e, error_r);
	if (rc <= 0 || e.item_id != item_id) {
		store_calendar_entry_release(&e);
		d.text = r->uid;
		return rc < 0 ? -1
			      : runtime_event(rt, item_id, msg_id, r->attendee,
					      EV_CALENDAR_REPLY_UNKNOWN, &d,
					      error_r);
	}
	rc = wf_item_load(rt, item_id, &it, error_r);
	if (rc <= 0) {
		store_calendar_entry_release(&e);
		return rc;
	}
	actor = mi->from_name && *mi->from_name && mi->from_addr &&
			!strcasecmp(mi->from_addr, r->attendee)
		    ? xasprintf("%s <%s>", mi->from_name, r->attendee)
		    : xstrdup(r->attendee);
	kind = judge(rt, &it, &e, r, mi->from_addr, who, &note);
	note_text = xasprintf("%s%s%s", note, r->comment ? ": " : "",
			      r->comment ? r->comment : "");
	d.role = e.role;
	d.uid = e.uid;
	d.sequence = r->sequence;
	d.text = note_text;
	if (r->answer == ICAL_ANSWER_COUNTER &&
	    workday_parse_date(r->proposed, &proposed) == 0) {
		d.due = proposed;
	}
	if (wf_record(rt, &it, msg_id, r->attendee, kind, &d, error_r) < 0) {
		goto out;
	}
	ret = 0;
	if (*note) {
		goto out;
	}
	if (r->answer == ICAL_ANSWER_COUNTER) {
		ret = wf_counter_proposal(rt, item_id, msg_id, in, who,
					  r->attendee, actor, d.due, error_r);
	} else if (store_calendar_respond(rt->st, e.uid,
					  ical_answer_name(r->answer),
					  runtime_now(rt), error_r) < 0) {
		ret = -1;
	} else if (r->answer == ICAL_ANSWER_DECLINED) {
		ret = declined(rt, &it, &e, actor, r->comment, error_r);
	}
out:
	free(note_text);
	free(actor);
	wf_item_release(&it);
	store_calendar_entry_release(&e);
	return ret;
}
