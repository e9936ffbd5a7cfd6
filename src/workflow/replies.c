/* What people write back.  A reply acts only through its sender's role
 * on the item:
 *   the Office and leaders: Chủ trì / Phối hợp / Hạn (assign, reassign,
 *     change the deadline), Đồng ý / Không đồng ý on an extension request;
 *   the lead unit (head, members, its mailbox, the handler): Giao, Lấy ý
 *     kiến, Gia hạn, Chuyển, Trả lại, Kết quả thống nhất, Hoàn thành;
 *   a consulted unit (head, members, mailbox): its opinion.
 * Anything else is recorded on the item and changes nothing.  Each
 * accepted command is acknowledged to the sender with what changed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/log.h"
#include "private.h"

struct act {
	struct runtime *rt;
	struct wf_item it;
	int64_t msg_id;
	const struct inspection *in;
	const struct workflow_sender *who;
	const char *from; /* the sender's address */
	char *actor;      /* "Name <address>" */
	enum config_role role;
	const struct config_unit *unit; /* the sender's unit */
	struct sbuf changes;            /* lines for the acknowledgement */
	bool acted;                     /* something was accepted */
};

static const char *cmd(const struct act *a, enum reply_key key)
{
	const struct reply_parsed *p = &a->in->reply;

	for (size_t i = 0; i < p->n_commands; i++) {
		if (p->commands[i].key == key) {
			return p->commands[i].value;
		}
	}
	return NULL;
}

static const char *tr(const struct act *a, enum word w)
{
	return wf_word(a->rt, w);
}

/* Notes an accepted change for the acknowledgement. */
static void changed(struct act *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void changed(struct act *a, const char *fmt, ...)
{
	va_list ap;

	sbuf_adds(&a->changes, "- ");
	va_start(ap, fmt);
	sbuf_vaddf(&a->changes, fmt, ap);
	va_end(ap);
	sbuf_addch(&a->changes, '\n');
	a->acted = true;
}

/* Notes a refused command (with why) for the acknowledgement. */
static void refused(struct act *a, const char *why)
{
	sbuf_addf(&a->changes, "- %s: %s\n", tr(a, W_NOT_DONE), why);
}

static bool is_lead_side(const struct act *a)
{
	const struct store_case *c = &a->it.c;

	if (c->handler && str_iequal(c->handler, a->from)) {
		return true;
	}
	return a->unit && c->lead && str_iequal(a->unit->code, c->lead) &&
	       (a->role == CONFIG_ROLE_HEAD || a->role == CONFIG_ROLE_MEMBER ||
		a->role == CONFIG_ROLE_UNIT_MAILBOX);
}

static bool is_office(const struct act *a)
{
	return a->role == CONFIG_ROLE_OFFICE || a->role == CONFIG_ROLE_LEADER;
}

static bool is_open(const struct act *a)
{
	return event_item_status_is_open(a->it.c.status);
}

/* The sender's event on the item, changing its case as the event
 * means (lifecycle.c): 0, 1 when its status does not allow it, -1. */
static int apply(struct act *a, enum event_kind kind,
		 const struct event_data *d, char **error_r)
{
	return wf_apply(a->rt, &a->it, a->msg_id, a->from, kind, d, error_r);
}

/* An event that changes nothing on the case. */
static int note(struct act *a, enum event_kind kind, const char *text,
		char **error_r)
{
	const struct event_data d = {.text = text};

	return wf_record(a->rt, &a->it, a->msg_id, a->from, kind, &d, error_r);
}

/* --- the Office ----------------------------------------------------------- */

static int office_assign(struct act *a, const char *lead_text, char **error_r)
{
	const struct config_unit **lead = NULL, **coord = NULL;
	const char *coord_text = cmd(a, REPLY_KEY_COORDINATE);
	size_t n_lead = 0, n_coord = 0;
	char *err = NULL, day[16];
	int32_t due;
	int ret = 0;

	if (config_units_parse(a->rt->cfg, lead_text, &lead, &n_lead, &err) <
		0 ||
	    n_lead != 1 ||
	    (coord_text && config_units_parse(a->rt->cfg, coord_text, &coord,
					      &n_coord, &err) < 0) ||
	    wf_assignment_due(a->rt, &a->it, cmd(a, REPLY_KEY_DUE), 0, &due,
			      &err) < 0) {
		refused(a, err ? err : tr(a, W_NEED_ONE_LEAD));
		goto out;
	}
	ret = wf_assign(a->rt, &a->it, lead[0], coord, n_coord, due, a->from,
			a->msg_id, error_r);
	wf_day_text(due, day);
	changed(a, "%s: %s; %s: %s", tr(a, W_LEAD), lead[0]->name,
		tr(a, W_DEADLINE), day);
out:
	free(err);
	free(lead);
	free(coord);
	return ret;
}

/* A new deadline: due_text as "Hạn:" reads it, or, extending (the
 * Office's own "Gia hạn:"), a number of days counted from the deadline. */
static int office_due(struct act *a, const char *due_text, bool extending,
		      char **error_r)
{
	char *err = NULL, day[16];
	struct event_data d = {0};
	struct wf_mail m;
	int ret;

	if ((extending ? wf_parse_extension(a->rt, a->it.c.due_day, due_text,
					    &d.due, &err)
		       : wf_parse_due(a->rt, due_text, &d.due, &err)) < 0) {
		refused(a, err);
		free(err);
		return 0;
	}
	wf_day_text(d.due, day);
	if (apply(a, EV_DEADLINE_SET, &d, error_r) != 0) {
		return -1; /* the caller checked that it is open */
	}
	changed(a, "%s: %s", tr(a, W_DEADLINE), day);
	wf_mail_init(a->rt, &a->it, &m);
	wf_set(&m, V_RECIPIENT, a->it.lead ? a->it.lead->name : "");
	wf_to_unit(&m, a->it.lead);
	wf_to(&m, a->it.c.handler);
	ret = wf_calendar_request(a->rt, &a->it, &m, ICAL_PART_LEAD,
				  a->it.c.lead, d.due, error_r) < 0
		  ? -1
		  : wf_send(a->rt, &a->it, &m, "assigned", error_r);
	wf_mail_release(&m);
	return ret;
}

static int office_extension(struct act *a, enum reply_decision decision,
			    char **error_r)
{
	struct store_extension e;
	struct event_data d = {0};
	struct wf_mail m;
	/* "Hạn:", or what "Đồng ý gia hạn đến ngày ..." grants: a number of
	 * days there counts from the deadline, as in a request */
	const char *extend = cmd(a, REPLY_KEY_EXTEND);
	const char *due_text =
	    cmd(a, REPLY_KEY_DUE) ? cmd(a, REPLY_KEY_DUE) : extend;
	bool grant = decision == REPLY_DECISION_AGREE;
	char day[16], *err = NULL;
	int32_t to;
	int rc, ret = -1;

	rc = store_extension_pending(a->rt->st, a->it.c.id, &e, error_r);
	if (rc <= 0) {
		return rc;
	}
	to = e.to_day;
	if (grant && due_text &&
	    (due_text == extend
		 ? wf_parse_extension(a->rt, a->it.c.due_day, extend, &to, &err)
		 : wf_parse_due(a->rt, due_text, &to, &err)) < 0) {
		refused(a, err);
		free(err);
		store_extension_release(&e);
		return 0;
	}
	wf_day_text(to, day);
	d.due = grant ? to : 0;
	d.reason = grant ? NULL : e.reason;
	if (store_extension_decide(a->rt->st, e.id,
				   grant ? "granted" : "refused",
				   runtime_now(a->rt), a->from, error_r) < 0 ||
	    apply(a, grant ? EV_EXTENSION_GRANTED : EV_EXTENSION_REFUSED, &d,
		  error_r) < 0) {
		goto out;
	}
	changed(a, "%s: %s", tr(a, W_EXTENSION),
		grant ? day : tr(a, W_NOT_ACCEPTED));
	wf_mail_init(a->rt, &a->it, &m);
	wf_set(&m, V_NEW_DEADLINE, day);
	wf_set(&m, V_DECISION,
	       grant ? tr(a, W_WAS_GRANTED) : tr(a, W_WAS_REFUSED));
	wf_set(&m, V_REASON, e.reason);
	wf_set(&m, V_RECIPIENT, a->it.lead ? a->it.lead->name : "");
	wf_to_unit(&m, a->it.lead);
	wf_to(&m, a->it.c.handler);
	wf_to(&m, e.asked_by);
	/* A granted extension moves the lead unit's event. */
	ret = grant && wf_calendar_request(a->rt, &a->it, &m, ICAL_PART_LEAD,
					   a->it.c.lead, to, error_r) < 0
		  ? -1
		  : wf_send(a->rt, &a->it, &m, "extension_decided", error_r);
	wf_mail_release(&m);
out:
	store_extension_release(&e);
	return ret;
}

/* The item's coordinating units that the directory still has (one may
 * have been removed from the configuration since): allocated, *n_r of
 * them. */
static const struct config_unit **coordinating(const struct act *a, size_t *n_r)
{
	const struct config_unit **coord;
	size_t n = 0;

	for (char **u = a->it.c.coordinate; u && *u; u++) {
		n++;
	}
	coord = xcalloc(n + 1, sizeof(*coord));
	*n_r = 0;
	for (char **u = a->it.c.coordinate; u && *u; u++) {
		const struct config_unit *c = config_unit_find(a->rt->cfg, *u);

		if (c) {
			coord[(*n_r)++] = c;
		}
	}
	return coord;
}

/* "Gửi lại:": the assignment notice again, to the addresses the
 * directory gives now (one that bounced, corrected in the configuration). */
static int office_resend(struct act *a, char **error_r)
{
	const struct config_unit *lead =
	    a->it.c.lead ? config_unit_find(a->rt->cfg, a->it.c.lead) : NULL;
	const struct config_unit **coord;
	size_t nc;
	int ret;

	if (!lead || !is_open(a)) {
		refused(a, tr(a, W_NOTHING_TO_RESEND));
		return 0;
	}
	coord = coordinating(a, &nc);
	ret = wf_assignment_notice(a->rt, &a->it, lead, coord, nc,
				   a->it.c.due_day, error_r);
	free(coord);
	if (ret == 0) {
		changed(a, "%s %s", tr(a, W_RESENT), lead->name);
	}
	return ret;
}

static int office_acts(struct act *a, char **error_r)
{
	const char *lead = cmd(a, REPLY_KEY_LEAD);
	enum reply_decision d = a->in->reply.decision;

	if (lead) {
		return office_assign(a, lead, error_r);
	}
	if (cmd(a, REPLY_KEY_RESEND)) {
		return office_resend(a, error_r);
	}
	if (!a->it.c.lead) {
		return 0;
	}
	if (d == REPLY_DECISION_AGREE || d == REPLY_DECISION_DISAGREE) {
		return office_extension(a, d, error_r);
	}
	if (cmd(a, REPLY_KEY_DUE) && is_open(a)) {
		return office_due(a, cmd(a, REPLY_KEY_DUE), false, error_r);
	}
	/* "Gia hạn đến 25/12" from the Office itself, nobody having asked */
	if (cmd(a, REPLY_KEY_EXTEND) && is_open(a)) {
		return office_due(a, cmd(a, REPLY_KEY_EXTEND), true, error_r);
	}
	return 0;
}

/* --- the lead unit -------------------------------------------------------- */

/* A new handler ends the calendar event of the one before. */
static int cancel_other_handlers(struct act *a, const char *address,
				 char **error_r)
{
	return wf_calendar_cancel_all(
	    a->rt, &a->it, ical_part_name(ICAL_PART_HANDLER), address,
	    tr(a, W_CANCEL_OTHER_HANDLER), error_r);
}

/* The member of the lead unit who names (a head names a colleague by
 * the given name: "chị Lan"): 0 with *p_r filled, 1 when refused (said
 * in the acknowledgement).  Release *p_r either way. */
static int delegate_to(struct act *a, const char *who,
		       struct config_person *p_r)
{
	const struct config_unit *pu = NULL;
	char *err = NULL;

	if (config_person_parse(a->rt->cfg, who, p_r, &err) < 0 &&
	    config_person_in_unit(a->it.lead, who, p_r) < 0) {
		refused(a, err);
		free(err);
		return 1;
	}
	free(err);
	config_role_of(a->rt->cfg, p_r->address, &pu);
	if (!pu || !a->it.lead || pu != a->it.lead) {
		refused(a, tr(a, W_NOT_IN_LEAD_UNIT));
		return 1;
	}
	return 0;
}

/* The internal deadline due_text gives (else the unit's): 0 with *due_r
 * filled, 1 when refused (said in the acknowledgement); with quiet,
 * one that cannot be is the unit's, refused in silence. */
static int internal_due(struct act *a, const char *due_text, bool quiet,
			int32_t *due_r)
{
	char *err = NULL;
	int ret = 1;

	*due_r = a->it.c.due_day;
	if (due_text && wf_parse_due(a->rt, due_text, due_r, &err) < 0) {
		if (!quiet) {
			refused(a, err);
		}
	} else if (*due_r > a->it.c.due_day) {
		if (!quiet) {
			refused(a, tr(a, W_INTERNAL_AFTER_UNIT));
		}
	} else {
		ret = 0;
	}
	free(err);
	if (ret != 0 && quiet) {
		*due_r = a->it.c.due_day;
		ret = 0;
	}
	return ret;
}

/* The sender names themself ("Em Hà tổng hợp số liệu" from Hà): the
 * work taken on, not handed over, and nobody told (the sender wrote
 * it).  The handler already: recorded only; else the sender becomes the
 * handler, whose reminders count from due, and a handler before is
 * released from the calendar. */
static int take_on(struct act *a, const struct config_person *p, int32_t due,
		   char **error_r)
{
	const struct event_data d = {
	    .address = p->address, .name = p->name, .due = due};

	a->acted = true;
	if (a->it.c.handler && str_iequal(a->it.c.handler, p->address)) {
		return note(a, EV_REPLY_RECORDED,
			    "the handler takes the work on", error_r);
	}
	if (apply(a, EV_DELEGATED, &d, error_r) != 0) {
		return -1;
	}
	return cancel_other_handlers(a, p->address, error_r);
}

/* Hands the work to p, a member of the lead unit, to be done by due:
 * the handler, told with a calendar entry, the head in copy. */
static int hand_to(struct act *a, const struct config_person *p, int32_t due,
		   char **error_r)
{
	const struct event_data d = {
	    .address = p->address, .name = p->name, .due = due};
	char day[16];
	struct wf_mail m;
	int ret;

	if (apply(a, EV_DELEGATED, &d, error_r) != 0) {
		return -1;
	}
	wf_day_text(due, day);
	changed(a, "%s: %s <%s>, %s %s", tr(a, W_ASSIGNED_TO),
		p->name ? p->name : "", p->address, tr(a, W_DUE), day);
	if (cancel_other_handlers(a, p->address, error_r) < 0) {
		return -1;
	}
	wf_mail_init(a->rt, &a->it, &m);
	wf_set(&m, V_RECIPIENT, p->name ? p->name : p->address);
	wf_set(&m, V_ACTOR, a->actor);
	wf_to(&m, p->address);
	wf_cc(&m, a->it.lead->head);
	m.attach_letter = true;
	ret = wf_calendar_request(a->rt, &a->it, &m, ICAL_PART_HANDLER,
				  p->address, due, error_r) < 0
		  ? -1
		  : wf_send(a->rt, &a->it, &m, "delegated", error_r);
	wf_mail_release(&m);
	return ret;
}

/* "Giao:": the work handed to a member of the lead unit, or taken on
 * by the sender who names themself. */
static int delegate(struct act *a, const char *who, char **error_r)
{
	struct config_person p = {0};
	int32_t due;
	bool self;
	int ret = 0;

	if (delegate_to(a, who, &p) == 0) {
		/* the sender's own deadline, if it cannot be, is the unit's:
		 * nobody is refused anything for taking the work on */
		self = str_iequal(p.address, a->from);
		if (internal_due(a, cmd(a, REPLY_KEY_DUE), self, &due) == 0) {
			ret = self ? take_on(a, &p, due, error_r)
				   : hand_to(a, &p, due, error_r);
		}
	}
	config_person_release(&p);
	return ret;
}

/* "Vụ Pháp chế, Vụ Tài chính": the units a consultation asks (not the
 * lead).  Caller frees. */
static char *consulted_names(const struct act *a,
			     const struct config_unit *const *units, size_t n)
{
	struct sbuf sb = SBUF_INIT(1 << 16);

	for (size_t i = 0; i < n; i++) {
		if (a->it.lead && units[i] == a->it.lead) {
			continue;
		}
		sbuf_addf(&sb, "%s%s", sb.len ? ", " : "", units[i]->name);
	}
	return sbuf_detach(&sb);
}

static int consult(struct act *a, const char *units_text, char **error_r)
{
	const struct config_unit **units = NULL;
	/* with a delegation, the consultation's own deadline, if stated */
	const char *due_text = cmd(a, REPLY_KEY_CONSULT_DUE)
				   ? cmd(a, REPLY_KEY_CONSULT_DUE)
				   : cmd(a, REPLY_KEY_DUE);
	size_t n = 0;
	char *err = NULL, *names = NULL, day[16];
	int32_t due;
	int ret = 0;

	if (config_units_parse(a->rt->cfg, units_text, &units, &n, &err) < 0) {
		refused(a, err);
		goto out;
	}
	if (due_text) {
		if (wf_parse_due(a->rt, due_text, &due, &err) < 0) {
			refused(a, err);
			goto out;
		}
	} else {
		due = workcal_add(a->rt->cal, wf_today(a->rt),
				  a->rt->cfg->deadlines.consultation_days);
	}
	wf_day_text(due, day);
	names = consulted_names(a, units, n);
	for (size_t i = 0; i < n && ret == 0; i++) {
		const struct event_data d = {.unit = units[i]->code,
					     .due = due};
		struct wf_mail m;

		if (a->it.lead && units[i] == a->it.lead) {
			continue;
		}
		if (store_consult_ask(a->rt->st, a->it.c.id, units[i]->code,
				      runtime_now(a->rt), a->from, due,
				      error_r) < 0 ||
		    apply(a, EV_CONSULTED, &d, error_r) != 0) {
			ret = -1;
			break;
		}
		changed(a, "%s: %s, %s %s", tr(a, W_OPINION_ASKED),
			units[i]->name, tr(a, W_DUE), day);
		wf_mail_init(a->rt, &a->it, &m);
		wf_set(&m, V_RECIPIENT, units[i]->name);
		wf_set(&m, V_UNIT, units[i]->name);
		wf_set(&m, V_UNIT_CODE, units[i]->code);
		wf_set(&m, V_CONSULT_DEADLINE, day);
		wf_set(&m, V_CONSULT_UNITS, names);
		/* what the lead unit wrote, its own request */
		wf_set(&m, V_REQUEST, a->in->reply_text);
		wf_set(&m, V_ACTOR, a->actor);
		wf_to_unit(&m, units[i]);
		m.attach_letter = true;
		ret = wf_calendar_request(a->rt, &a->it, &m, ICAL_PART_CONSULT,
					  units[i]->code, due, error_r) < 0
			  ? -1
			  : wf_send(a->rt, &a->it, &m, "consult_request",
				    error_r);
		wf_mail_release(&m);
	}
out:
	free(names);
	free(err);
	free(units);
	return ret;
}

/* Asks the Office and the leaders to move the deadline to day to. */
static int extend_to(struct act *a, int32_t to, const char *reason,
		     char **error_r)
{
	char day[16];
	struct wf_mail m;
	int ret;

	if (to <= a->it.c.due_day) {
		refused(a, tr(a, W_EXTEND_AFTER));
		return 0;
	}
	wf_day_text(to, day);
	{
		const struct event_data d = {.due = to,
					     .reason = reason ? reason : ""};

		if (store_extension_add(
			a->rt->st, a->it.c.id, runtime_now(a->rt), a->from,
			a->it.c.due_day, to, reason, error_r) < 0 ||
		    apply(a, EV_EXTENSION_REQUESTED, &d, error_r) != 0) {
			return -1;
		}
	}
	changed(a, "%s %s (%s)", tr(a, W_EXTENSION_SENT), day,
		tr(a, W_AWAITING));
	wf_mail_init(a->rt, &a->it, &m);
	wf_set(&m, V_RECIPIENT, tr(a, W_OFFICE));
	wf_set(&m, V_UNIT, a->it.lead ? a->it.lead->name : "");
	wf_set(&m, V_NEW_DEADLINE, day);
	wf_set(&m, V_REASON, reason);
	wf_set(&m, V_ACTOR, a->actor);
	wf_to(&m, a->rt->cfg->service.office);
	for (size_t i = 0; i < a->rt->cfg->n_leaders; i++) {
		wf_cc(&m, a->rt->cfg->leaders[i].address);
	}
	ret = wf_send(a->rt, &a->it, &m, "extension_request", error_r);
	wf_mail_release(&m);
	return ret;
}

static int extend(struct act *a, const char *value, char **error_r)
{
	char *err = NULL;
	int32_t to;

	if (wf_parse_extension(a->rt, a->it.c.due_day, value, &to, &err) < 0) {
		refused(a, err);
		free(err);
		return 0;
	}
	return extend_to(a, to, cmd(a, REPLY_KEY_REASON), error_r);
}

static int done(struct act *a, char **error_r)
{
	int32_t today = wf_today(a->rt);
	int late = today > a->it.c.due_day
		       ? workcal_count(a->rt->cal, a->it.c.due_day, today)
		       : 0;
	const struct event_data d = {.days = late};
	char day[16];
	struct wf_mail m;
	int ret;

	ret = apply(a, EV_DONE, &d, error_r);
	if (ret == 1) {
		/* Disagreements are settled before the work is reported. */
		refused(a, tr(a, W_DISPUTED_NOT_DONE));
		return 0;
	}
	if (ret < 0) {
		return -1;
	}
	wf_day_text(today, day);
	changed(a, "%s (%s)", tr(a, W_DONE), day);
	wf_mail_init(a->rt, &a->it, &m);
	if (late) {
		wf_setf(&m, V_ON_TIME, tr(a, W_DAYS_LATE), late);
	} else {
		wf_set(&m, V_ON_TIME, tr(a, W_ON_TIME));
	}
	wf_set(&m, V_DONE_DATE, day);
	wf_set(&m, V_ACTOR, a->actor);
	wf_set(&m, V_RECIPIENT, tr(a, W_OFFICE));
	wf_to(&m, a->rt->cfg->service.office);
	for (char **u = a->it.c.coordinate; *u; u++) {
		wf_cc_unit(&m, config_unit_find(a->rt->cfg, *u));
	}
	/* The answer letter, when the reply carries one, goes along. */
	if (a->in->doc.n_attachments > 0 || a->in->doc.forwarded) {
		m.attach_answer = a->msg_id;
	}
	ret = wf_send(a->rt, &a->it, &m, "done", error_r);
	wf_mail_release(&m);
	if (ret == 0) {
		ret = wf_calendar_cancel_all(a->rt, &a->it, NULL, NULL,
					     tr(a, W_CANCEL_DONE), error_r);
	}
	return ret;
}

static int give_back(struct act *a, const char *reason, char **error_r)
{
	struct event_data d = {.unit = a->it.c.lead, .reason = reason};
	struct wf_mail m;
	int ret;

	if (!reason || !*reason) {
		refused(a, tr(a, W_RETURN_NEEDS_REASON));
		return 0;
	}
	if (apply(a, EV_RETURNED, &d, error_r) != 0) {
		return -1; /* the caller checked that it is open */
	}
	changed(a, "%s: %s", tr(a, W_RETURNED_WORD), reason);
	wf_mail_init(a->rt, &a->it, &m);
	wf_set(&m, V_UNIT, a->it.lead ? a->it.lead->name : a->it.c.lead);
	wf_set(&m, V_REASON, reason);
	wf_set(&m, V_ACTOR, a->actor);
	wf_set(&m, V_RECIPIENT, tr(a, W_OFFICE));
	wf_to(&m, a->rt->cfg->service.office);
	ret = wf_send(a->rt, &a->it, &m, "returned_office", error_r);
	wf_mail_release(&m);
	if (ret == 0) {
		ret = wf_calendar_cancel_all(a->rt, &a->it, NULL, NULL,
					     tr(a, W_CANCEL_RETURNED), error_r);
	}
	if (ret < 0 || !a->it.c.sender || !strchr(a->it.c.sender, '@')) {
		return ret;
	}
	wf_mail_init(a->rt, &a->it, &m);
	wf_set(&m, V_REASON, reason);
	wf_set(&m, V_RECIPIENT, a->it.c.sender);
	wf_to(&m, a->it.c.sender);
	ret = wf_send(a->rt, &a->it, &m, "returned_sender", error_r);
	wf_mail_release(&m);
	return ret;
}

static int transfer(struct act *a, const char *to_text, char **error_r)
{
	const struct config_unit **to = NULL, **coord;
	const struct config_unit *from = a->it.lead;
	const char *reason = cmd(a, REPLY_KEY_REASON);
	size_t n = 0, nc = 0;
	char *err = NULL;
	struct wf_mail m;
	int ret = 0;

	if (config_units_parse(a->rt->cfg, to_text, &to, &n, &err) < 0 ||
	    n != 1 || !reason || !*reason || to[0] == from) {
		refused(a, err ? err : tr(a, W_TRANSFER_NEEDS));
		free(err);
		free(to);
		return 0;
	}
	{
		const struct event_data d = {.unit = a->it.c.lead,
					     .to_unit = to[0]->code,
					     .reason = reason};

		if (apply(a, EV_TRANSFERRED, &d, error_r) != 0) {
			free(to);
			return -1;
		}
	}
	changed(a, "%s: %s (%s)", tr(a, W_TRANSFERRED_TO), to[0]->name, reason);
	wf_mail_init(a->rt, &a->it, &m);
	wf_set(&m, V_FROM_UNIT, from ? from->name : a->it.c.lead);
	wf_set(&m, V_UNIT, to[0]->name);
	wf_set(&m, V_UNIT_CODE, to[0]->code);
	wf_set(&m, V_REASON, reason);
	wf_set(&m, V_ACTOR, a->actor);
	wf_set(&m, V_RECIPIENT, tr(a, W_OFFICE));
	wf_to(&m, a->rt->cfg->service.office);
	wf_cc_unit(&m, to[0]);
	ret = wf_send(a->rt, &a->it, &m, "transferred", error_r);
	wf_mail_release(&m);
	coord = coordinating(a, &nc);
	if (ret == 0) {
		ret = wf_assign(a->rt, &a->it, to[0], coord, nc,
				a->it.c.due_day, a->from, a->msg_id, error_r);
	}
	free(coord);
	free(to);
	return ret;
}

static int settle(struct act *a, const char *how, char **error_r)
{
	const struct event_data d = {.text = how};
	int rc;

	if (!wf_may(&a->it, EV_SETTLED)) {
		return 0;
	}
	rc = apply(a, EV_SETTLED, &d, error_r);
	if (rc != 0) {
		return -1;
	}
	changed(a, "%s: %s", tr(a, W_SETTLED), how);
	return 0;
}

static int lead_acts(struct act *a, char **error_r)
{
	enum reply_decision d = a->in->reply.decision;
	const char *v;

	if ((v = cmd(a, REPLY_KEY_SETTLED)) && settle(a, v, error_r) < 0) {
		return -1;
	}
	if ((v = cmd(a, REPLY_KEY_ASSIGN)) && delegate(a, v, error_r) < 0) {
		return -1;
	}
	if ((v = cmd(a, REPLY_KEY_CONSULT)) && consult(a, v, error_r) < 0) {
		return -1;
	}
	if ((v = cmd(a, REPLY_KEY_EXTEND)) && extend(a, v, error_r) < 0) {
		return -1;
	}
	/* the lead unit naming another lead ("Đề nghị chuyển Vụ TC chủ trì
	 * vì ...", "Chủ trì: TC") hands the item over */
	if ((v = cmd(a, REPLY_KEY_TRANSFER)) || (v = cmd(a, REPLY_KEY_LEAD))) {
		return transfer(a, v, error_r);
	}
	if ((v = cmd(a, REPLY_KEY_RETURN)) || d == REPLY_DECISION_RETURN) {
		return give_back(a, v ? v : cmd(a, REPLY_KEY_REASON), error_r);
	}
	if (d == REPLY_DECISION_DONE) {
		return done(a, error_r);
	}
	return 0;
}

/* --- a consulted unit --------------------------------------------------- */

struct find_consult {
	const char *unit;
	struct store_consult found;
	bool ok;
};

static int find_cb(const struct store_consult *c, void *ctx)
{
	struct find_consult *f = ctx;

	if (!f->ok && str_iequal(c->unit, f->unit)) {
		f->found = *c;
		f->found.unit = xstrdup(c->unit);
		f->found.asked_by = c->asked_by ? xstrdup(c->asked_by) : NULL;
		f->found.state = xstrdup(c->state);
		f->found.answered_by =
		    c->answered_by ? xstrdup(c->answered_by) : NULL;
		f->found.answer = c->answer ? xstrdup(c->answer) : NULL;
		f->ok = true;
	}
	return 0;
}

static int notify_dispute(struct act *a, char **error_r)
{
	struct wf_mail m;
	int ret;

	wf_mail_init(a->rt, &a->it, &m);
	wf_set(&m, V_UNIT, a->unit->name);
	wf_set(&m, V_UNIT_CODE, a->unit->code);
	wf_set(&m, V_ANSWER, a->in->reply_text);
	wf_set(&m, V_ACTOR, a->actor);
	wf_set(&m, V_RECIPIENT, a->it.lead ? a->it.lead->name : "");
	if (a->it.lead) {
		wf_to(&m, a->it.lead->head);
	}
	wf_to(&m, a->it.c.handler);
	wf_cc(&m, a->rt->cfg->service.office);
	ret = wf_send(a->rt, &a->it, &m, "disputed", error_r);
	wf_mail_release(&m);
	return ret;
}

static int ask_clear(struct act *a, const struct store_consult *c,
		     char **error_r)
{
	struct wf_mail m;
	char day[16];
	int ret;

	if (store_consult_mark(a->rt->st, c->id, c->deemed, true, error_r) <
	    0) {
		return -1;
	}
	wf_mail_init(a->rt, &a->it, &m);
	wf_set(&m, V_UNIT, a->unit->name);
	wf_set(&m, V_ANSWER, a->in->reply_text);
	wf_set(&m, V_RECIPIENT, a->actor);
	wf_set(&m, V_ACTOR, a->actor);
	wf_day_text(c->due_day, day);
	wf_set(&m, V_CONSULT_DEADLINE, day);
	wf_to(&m, a->from);
	ret = wf_send(a->rt, &a->it, &m, "unclear", error_r);
	wf_mail_release(&m);
	return ret;
}

static int nothing_done(struct act *a, enum word cmds, char **error_r);

/* 1 when the sender's unit was consulted and the opinion recorded. */
static int opinion(struct act *a, char **error_r)
{
	struct find_consult f = {.unit = a->unit ? a->unit->code : NULL};
	enum reply_decision decision = a->in->reply.decision;
	const char *state = decision == REPLY_DECISION_AGREE      ? "agree"
			    : decision == REPLY_DECISION_DISAGREE ? "disagree"
								  : "unclear";
	struct event_data d = {0};
	enum item_status was;
	bool late;
	int ret = 0;

	if (!f.unit || a->role == CONFIG_ROLE_OFFICE ||
	    store_consult_foreach(a->rt->st, a->it.c.id, find_cb, &f, error_r) <
		0) {
		return f.unit ? -1 : 0;
	}
	if (!f.ok) {
		return 0;
	}
	late = wf_today(a->rt) > f.found.due_day;
	d.unit = f.found.unit;
	d.state = state;
	d.late = late;
	was = a->it.c.status;
	if (store_consult_answer(a->rt->st, f.found.id, state,
				 runtime_now(a->rt), a->from, a->in->reply_text,
				 late, error_r) < 0 ||
	    apply(a, EV_OPINION, &d, error_r) != 0) {
		ret = -1;
	} else if (!strcmp(state, "unclear")) {
		/* asked for a clear position once; after that, told what
		 * the unit may write */
		ret = f.found.asked_clear
			  ? nothing_done(a, W_CMDS_CONSULTED, error_r)
			  : ask_clear(a, &f.found, error_r);
		a->acted = true; /* answered by the question, no ack */
		ret = ret < 0 ? -1 : 1;
		goto out;
	} else if (wf_calendar_cancel(
		       a->rt, &a->it, ICAL_PART_CONSULT, f.found.unit,
		       tr(a, W_CANCEL_OPINION_GIVEN), error_r) < 0) {
		ret = -1;
	} else {
		changed(a, "%s: %s%s", tr(a, W_OPINION),
			decision == REPLY_DECISION_AGREE
			    ? tr(a, W_AGREE)
			    : tr(a, W_DISAGREE_WORD),
			late ? tr(a, W_LATE_MARK) : "");
		if (was != ITEM_DISPUTED && a->it.c.status == ITEM_DISPUTED) {
			ret = notify_dispute(a, error_r);
		}
	}
	ret = ret < 0 ? -1 : 1;
out:
	store_consult_release(&f.found);
	return ret;
}

/* --- the reply ------------------------------------------------------------ */

/* The first line of the new text, as read. */
static char *first_line(const char *text)
{
	const char *s = text ? text : "";
	size_t n;

	s += strspn(s, " \t\r\n");
	n = strcspn(s, "\r\n");
	return xstrndup(s, n);
}

/* A reply from someone whose role on the item takes commands, in which
 * none was understood: never dropped in silence; they are told what was
 * read and what their role may write (cmds, a word of the catalogue). */
static int nothing_done(struct act *a, enum word cmds, char **error_r)
{
	char *line = first_line(a->in->reply_text);
	struct wf_mail m;
	int ret;

	log_notice("'%s': reply from '%s' did nothing: '%.80s'", a->it.c.key,
		   a->from, line);
	ret = note(a, EV_REPLY_RECORDED, "nothing understood", error_r);
	if (ret == 0) {
		wf_mail_init(a->rt, &a->it, &m);
		wf_set(&m, V_RECIPIENT, a->actor);
		wf_set(&m, V_ACTOR, a->actor);
		wf_set(&m, V_ANSWER, line);
		wf_set(&m, V_CHANGES, tr(a, cmds));
		wf_to(&m, a->from);
		m.in_reply_to = a->in->info.message_id;
		ret = wf_send(a->rt, &a->it, &m, "nothing_done", error_r);
		wf_mail_release(&m);
	}
	free(line);
	return ret;
}

static int acknowledge(struct act *a, char **error_r)
{
	struct wf_mail m;
	int ret;

	wf_mail_init(a->rt, &a->it, &m);
	wf_set(&m, V_CHANGES, sbuf_str(&a->changes));
	wf_set(&m, V_RECIPIENT, a->actor);
	wf_set(&m, V_ACTOR, a->actor);
	wf_to(&m, a->from);
	m.in_reply_to = a->in->info.message_id;
	ret = wf_send(a->rt, &a->it, &m, "ack", error_r);
	wf_mail_release(&m);
	return ret;
}

static int act(struct act *a, char **error_r)
{
	const char *why;
	int rc;

	if (is_office(a)) {
		if (office_acts(a, error_r) < 0) {
			return -1;
		}
	} else if (is_lead_side(a) && is_open(a)) {
		if (lead_acts(a, error_r) < 0) {
			return -1;
		}
	} else {
		rc = opinion(a, error_r);
		if (rc != 0) {
			return rc < 0 ? -1 : 0;
		}
		why = a->role == CONFIG_ROLE_NONE
			  ? "the sender has no role on this item"
			  : "the sender's role allows no command here";
		log_notice("'%s': reply from '%s' not acted on: %s",
			   a->it.c.key, a->from, why);
		return note(a, EV_REPLY_NOT_ACTED, why, error_r);
	}
	if (a->changes.len > 0) {
		return acknowledge(a, error_r);
	}
	if (a->acted) {
		return 0;
	}
	return nothing_done(a, is_office(a) ? W_CMDS_OFFICE : W_CMDS_LEAD,
			    error_r);
}

/* --- who may command (README "Who may command") ------------------------ */

/* Whether the reply would change something: a command line, a
 * decision, or an answer from a unit consulted on the item (even one
 * without a clear position is recorded as its answer). */
static int would_change(struct act *a, char **error_r)
{
	struct find_consult f = {.unit = a->unit ? a->unit->code : NULL};

	if (a->in->reply.n_commands > 0 ||
	    a->in->reply.decision != REPLY_DECISION_NONE) {
		return 1;
	}
	if (!f.unit || store_consult_foreach(a->rt->st, a->it.c.id, find_cb, &f,
					     error_r) < 0) {
		return f.unit ? -1 : 0;
	}
	store_consult_release(&f.found);
	return f.ok;
}

/* What the policy misses in this reply (NULL: nothing); *why_r the
 * words the sender is told. */
static const char *missing_proof(const struct act *a, enum word *why_r)
{
	enum config_commands policy = a->rt->cfg->security.commands;

	if (policy != CONFIG_COMMANDS_AUTHENTICATED &&
	    a->who->match == WORKFLOW_MATCH_TAG) {
		*why_r = W_REFUSE_NO_RECEIPT;
		return "no proof of receipt: it names the item in its"
		       " subject only, not a message congvan sent about it";
	}
	if (policy != CONFIG_COMMANDS_RECEIPT && !a->who->authenticated) {
		*why_r = W_REFUSE_NOT_AUTHENTICATED;
		return "the sender is not authenticated";
	}
	return NULL;
}

/* Records the refusal, and tells the sender's address once per item
 * (a forger learns nothing: the answer goes to the real owner). */
static int refuse(struct act *a, const char *reason, enum word why,
		  char **error_r)
{
	char *full = a->who->how[0] ? xasprintf("%s (%s)", reason, a->who->how)
				    : xstrdup(reason);
	char *stage = xasprintf("refused:%s", a->from);
	const struct event_data d = {.address = a->from, .reason = full};
	struct wf_mail m;
	int rc;

	log_notice("'%s': command from '%s' refused: %s", a->it.c.key, a->from,
		   full);
	rc = wf_record(a->rt, &a->it, a->msg_id, a->from, EV_COMMAND_REFUSED,
		       &d, error_r) < 0
		 ? -1
		 : store_stage_mark(a->rt->st, a->it.c.id, stage,
				    runtime_now(a->rt), error_r);
	free(stage);
	free(full);
	if (rc != 1 || a->role == CONFIG_ROLE_NONE) {
		/* told before; or a stranger to the organisation, who learns
		 * nothing of the item */
		return rc < 0 ? -1 : 0;
	}
	wf_mail_init(a->rt, &a->it, &m);
	wf_set(&m, V_REASON, tr(a, why));
	wf_set(&m, V_RECIPIENT, a->from);
	wf_to(&m, a->from);
	rc = wf_send(a->rt, &a->it, &m, "command_refused", error_r);
	wf_mail_release(&m);
	return rc;
}

/* The policy first, then what the sender's role allows. */
static int gate(struct act *a, char **error_r)
{
	enum word why;
	const char *missing = missing_proof(a, &why);
	int rc;

	if (!missing) {
		return act(a, error_r);
	}
	rc = would_change(a, error_r);
	if (rc < 0) {
		return -1;
	}
	return rc ? refuse(a, missing, why, error_r) : act(a, error_r);
}

int workflow_reply(struct runtime *rt, int64_t item_id, int64_t msg_id,
		   const struct inspection *in,
		   const struct workflow_sender *who, char **error_r)
{
	const struct message_info *mi = &in->info;
	struct act a = {.rt = rt, .msg_id = msg_id, .in = in, .who = who};
	int rc;

	if (!mi->from_addr) {
		return 0;
	}
	rc = wf_item_load(rt, item_id, &a.it, error_r);
	if (rc <= 0) {
		return rc;
	}
	a.from = mi->from_addr;
	a.actor = mi->from_name && *mi->from_name
		      ? xasprintf("%s <%s>", mi->from_name, mi->from_addr)
		      : xstrdup(mi->from_addr);
	a.role = config_role_of(rt->cfg, a.from, &a.unit);
	sbuf_init(&a.changes, 1 << 16);
	rc = gate(&a, error_r);
	sbuf_release(&a.changes);
	free(a.actor);
	wf_item_release(&a.it);
	return rc;
}

int wf_counter_proposal(struct runtime *rt, int64_t item_id, int64_t msg_id,
			const struct inspection *in,
			const struct workflow_sender *who, const char *attendee,
			const char *actor, int32_t day, char **error_r)
{
	struct act a = {.rt = rt, .msg_id = msg_id, .in = in, .who = who};
	int rc;

	rc = wf_item_load(rt, item_id, &a.it, error_r);
	if (rc <= 0) {
		return rc;
	}
	a.from = attendee;
	a.actor = xstrdup(actor);
	a.role = config_role_of(rt->cfg, attendee, &a.unit);
	sbuf_init(&a.changes, 1 << 16);
	if (!is_lead_side(&a) || !is_open(&a)) {
		rc = note(&a, EV_REPLY_NOT_ACTED,
			  "a counter-proposal from outside the lead unit",
			  error_r);
	} else {
		rc = extend_to(&a, day, in->calendar_reply.comment, error_r);
		if (rc == 0 && a.changes.len > 0) {
			rc = acknowledge(&a, error_r);
		}
	}
	sbuf_release(&a.changes);
	free(a.actor);
	wf_item_release(&a.it);
	return rc;
}
