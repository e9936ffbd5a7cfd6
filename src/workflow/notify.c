/* Mail about an item: the variables every template may use, the
 * recipients, and queueing through the outbox. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/clock.h"
#include "congvan/log.h"
#include "congvan/message.h"
#include "congvan/outbox.h"
#include "private.h"

static const char *const var_names[V_COUNT] = {
    [V_ORGANIZATION] = "organization",
    [V_KEY] = "key",
    [V_SUBJECT] = "subject",
    [V_NUMBER] = "number",
    [V_SENDER] = "sender",
    [V_LETTER_DATE] = "letter_date",
    [V_ARRIVAL_NO] = "arrival_no",
    [V_REGISTERED] = "registered",
    [V_RECIPIENT] = "recipient",
    [V_LEAD] = "lead",
    [V_LEAD_CODE] = "lead_code",
    [V_COORDINATE] = "coordinate",
    [V_DEADLINE] = "deadline",
    [V_DEADLINE_WEEKDAY] = "deadline_weekday",
    [V_HANDLER] = "handler",
    [V_INTERNAL_DEADLINE] = "internal_deadline",
    [V_UNIT] = "unit",
    [V_UNIT_CODE] = "unit_code",
    [V_FROM_UNIT] = "from_unit",
    [V_CONSULT_DEADLINE] = "consult_deadline",
    [V_CONSULT_UNITS] = "consult_units",
    [V_DAYS_LEFT] = "days_left",
    [V_DAYS_OVERDUE] = "days_overdue",
    [V_ACTOR] = "actor",
    [V_REASON] = "reason",
    [V_ANSWER] = "answer",
    [V_CHANGES] = "changes",
    [V_NEW_DEADLINE] = "new_deadline",
    [V_DECISION] = "decision",
    [V_ON_TIME] = "on_time",
    [V_DONE_DATE] = "done_date",
    [V_OFFICE] = "office",
    [V_EVENT] = "event",
    [V_EVENT_DATE] = "event_date",
    [V_DUPLICATE_OF] = "duplicate_of",
    [V_REQUEST] = "request",
    [V_SIGNATURES] = "signatures",
    [V_CHECK] = "check",
    [V_UNDELIVERED] = "undelivered",
};

int wf_item_load_case(struct runtime *rt, int64_t item_id, struct wf_item *it,
		      char **error_r)
{
	int rc;

	memset(it, 0, sizeof(*it));
	rc = store_case_get(rt->st, item_id, &it->c, error_r);
	if (rc == 1) {
		it->lead = config_unit_find(rt->cfg, it->c.lead);
	}
	return rc;
}

int wf_item_read_letter(struct runtime *rt, struct wf_item *it, char **error_r)
{
	int rc;

	if (it->letter_read) {
		return 0;
	}
	rc = store_letter_get(rt->st, it->c.id, &it->letter, error_r);
	if (rc < 0) {
		return -1;
	}
	it->has_letter = rc == 1;
	if (store_signatures_get(rt->st, it->c.id, &it->sigs, &it->n_sigs,
				 error_r) < 0) {
		return -1;
	}
	it->letter_read = true;
	return 0;
}

int wf_item_load(struct runtime *rt, int64_t item_id, struct wf_item *it,
		 char **error_r)
{
	int rc = wf_item_load_case(rt, item_id, it, error_r);

	if (rc == 1 && wf_item_read_letter(rt, it, error_r) < 0) {
		wf_item_release(it);
		return -1;
	}
	return rc;
}

int wf_item_new(struct runtime *rt, const struct store_item *item,
		struct wf_item *it, char **error_r)
{
	memset(it, 0, sizeof(*it));
	store_case_of_new_item(item, &it->c);
	if (wf_item_read_letter(rt, it, error_r) < 0) {
		wf_item_release(it);
		return -1;
	}
	return 0;
}

void wf_item_release(struct wf_item *it)
{
	store_case_release(&it->c);
	if (it->has_letter) {
		store_letter_row_release(&it->letter);
	}
	store_signature_rows_free(it->sigs, it->n_sigs);
	memset(it, 0, sizeof(*it));
}

/* The most bytes a variable holds: what comes from incoming mail (a
 * subject, a name, an answer) is quoted, never copied whole. */
static size_t var_max(enum wf_var v)
{
	switch (v) {
	case V_CHANGES:
	case V_UNDELIVERED:
		return 16384;
	case V_ANSWER:
	case V_REQUEST:
	case V_REASON:
		return 4000;
	default:
		return 500;
	}
}

void wf_set(struct wf_mail *m, enum wf_var v, const char *value)
{
	free(m->v[v]);
	m->v[v] = text_cut(value, var_max(v));
}

void wf_setf(struct wf_mail *m, enum wf_var v, const char *fmt, ...)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	wf_set(m, v, sbuf_str(&sb));
	sbuf_release(&sb);
}

/* "Name, Name" of the units coded in codes. */
static char *unit_names(const struct runtime *rt, char *const *codes)
{
	struct sbuf sb = SBUF_INIT(1 << 16);

	for (; codes && *codes; codes++) {
		const struct config_unit *u = config_unit_find(rt->cfg, *codes);

		if (sb.len) {
			sbuf_adds(&sb, ", ");
		}
		sbuf_adds(&sb, u ? u->name : *codes);
	}
	if (!sb.len) {
		sbuf_adds(&sb, wf_word(rt, W_NO_UNITS));
	}
	return sbuf_detach(&sb);
}

static const char *weekday_name(const struct runtime *rt, int32_t day)
{
	static const enum word names[] = {W_SUNDAY,    W_MONDAY,   W_TUESDAY,
					  W_WEDNESDAY, W_THURSDAY, W_FRIDAY,
					  W_SATURDAY};
	int w = workday_weekday(day);

	if (day <= 0 || w < 0 || w > 6) {
		return "";
	}
	return wf_word(rt, names[w]);
}

static void set_letter(struct wf_mail *m, const struct wf_item *it)
{
	const struct store_letter_row *l = it->has_letter ? &it->letter : NULL;
	int32_t day;
	char buf[16];

	wf_set(m, V_SUBJECT, l && l->subject ? l->subject : it->c.subject);
	wf_set(m, V_NUMBER, l ? l->number : NULL);
	wf_set(m, V_SENDER, l && l->issuer ? l->issuer : it->c.sender);
	if (l && l->date && workday_parse_date(l->date, &day) == 0) {
		wf_day_text(day, buf);
		wf_set(m, V_LETTER_DATE, buf);
	} else {
		wf_set(m, V_LETTER_DATE, l ? l->date : NULL);
	}
}

void wf_mail_init(struct runtime *rt, const struct wf_item *it,
		  struct wf_mail *m)
{
	char day[16], when[32];

	memset(m, 0, sizeof(*m));
	for (int i = 0; i < V_COUNT; i++) {
		m->v[i] = xstrdup("");
	}
	wf_set(m, V_ORGANIZATION, rt->cfg->service.organization);
	wf_set(m, V_OFFICE, rt->cfg->service.office);
	wf_set(m, V_KEY, it->c.key);
	set_letter(m, it);
	{
		const char *dash = strrchr(it->c.key, '-');

		wf_setf(m, V_ARRIVAL_NO, "%ld",
			dash ? strtol(dash + 1, NULL, 10) : 0L);
	}
	clock_format_local(it->c.registered_at, when);
	wf_set(m, V_REGISTERED, when);
	wf_set(m, V_LEAD, it->lead ? it->lead->name : it->c.lead);
	wf_set(m, V_LEAD_CODE, it->c.lead);
	free(m->v[V_COORDINATE]);
	m->v[V_COORDINATE] = unit_names(rt, it->c.coordinate);
	wf_day_text(it->c.due_day, day);
	wf_set(m, V_DEADLINE, day);
	wf_set(m, V_DEADLINE_WEEKDAY, weekday_name(rt, it->c.due_day));
	if (it->c.handler) {
		wf_setf(m, V_HANDLER, "%s <%s>",
			it->c.handler_name ? it->c.handler_name : "",
			it->c.handler);
	}
	wf_day_text(it->c.handler_due_day, day);
	wf_set(m, V_INTERNAL_DEADLINE, day);
	free(m->v[V_SIGNATURES]);
	m->v[V_SIGNATURES] = wf_signatures_text(it, rt->cfg->service.language);
}

void wf_mail_release(struct wf_mail *m)
{
	for (int i = 0; i < V_COUNT; i++) {
		free(m->v[i]);
	}
	for (size_t i = 0; i < m->n_owned; i++) {
		free(m->owned[i]);
	}
	free(m->calendar);
	memset(m, 0, sizeof(*m));
}

static bool listed(const char *const *list, size_t n, const char *a)
{
	for (size_t i = 0; i < n; i++) {
		if (str_iequal(list[i], a)) {
			return true;
		}
	}
	return false;
}

void wf_to(struct wf_mail *m, const char *address)
{
	if (address && *address && m->n_to < WF_RCPT_MAX &&
	    !listed(m->to, m->n_to, address)) {
		m->to[m->n_to++] = address;
	}
}

void wf_cc(struct wf_mail *m, const char *address)
{
	if (address && *address && m->n_cc < WF_RCPT_MAX &&
	    !listed(m->to, m->n_to, address) &&
	    !listed(m->cc, m->n_cc, address)) {
		m->cc[m->n_cc++] = address;
	}
}

/* Adds a copy of address to To or Cc; m keeps the copy when it was
 * added. */
static void add_copy(struct wf_mail *m, const char *address, bool to)
{
	size_t n = m->n_to + m->n_cc;
	char *copy;

	if (m->n_owned >= WF_RCPT_MAX || !address) {
		return;
	}
	copy = xstrdup(address);
	if (to) {
		wf_to(m, copy);
	} else {
		wf_cc(m, copy);
	}
	if (m->n_to + m->n_cc > n) {
		m->owned[m->n_owned++] = copy;
	} else {
		free(copy);
	}
}

void wf_to_copy(struct wf_mail *m, const char *address)
{
	add_copy(m, address, true);
}

void wf_cc_copy(struct wf_mail *m, const char *address)
{
	add_copy(m, address, false);
}

void wf_to_unit(struct wf_mail *m, const struct config_unit *u)
{
	if (u) {
		wf_to(m, u->email);
		wf_to(m, u->head);
	}
}

void wf_cc_unit(struct wf_mail *m, const struct config_unit *u)
{
	if (u) {
		wf_cc(m, u->email);
		wf_cc(m, u->head);
	}
}

/* The raw bytes' SHA-256 of a stored message, to attach it by
 * reference: 1 with sha_r, 0 when there is no such message, -1. */
static int message_sha(struct runtime *rt, int64_t msg_id,
		       char sha_r[STORE_SHA_HEX], char **error_r)
{
	char *from = NULL, *msgid = NULL;
	int rc;

	rc = store_message_ref(rt->st, msg_id, sha_r, &from, &msgid, error_r);
	free(from);
	free(msgid);
	return rc;
}

int wf_send(struct runtime *rt, const struct wf_item *it, struct wf_mail *m,
	    const char *name, char **error_r)
{
	struct template_var vars[V_COUNT];
	int64_t attach = m->attach_answer   ? m->attach_answer
			 : m->attach_letter ? it->c.message_id
					    : 0;
	struct outbox_mail om = {0};
	char sha[STORE_SHA_HEX];
	char *fname = NULL;
	char *reply_to = workflow_reply_address(rt, it->c.key);
	int rc = 0, ret = -1;

	for (int i = 0; i < V_COUNT; i++) {
		vars[i].name = var_names[i];
		vars[i].value = m->v[i];
	}
	m->to[m->n_to] = NULL;
	m->cc[m->n_cc] = NULL;
	om.item_id = it->c.id;
	om.key = it->c.key;
	om.template_name = name;
	om.vars = vars;
	om.nvars = V_COUNT;
	om.to = m->to;
	om.cc = m->n_cc ? m->cc : NULL;
	om.in_reply_to = m->in_reply_to;
	om.reply_to = reply_to;
	om.calendar = m->calendar;
	om.calendar_method = m->calendar ? m->calendar_method : NULL;
	if (attach) {
		rc = message_sha(rt, attach, sha, error_r);
	}
	if (rc < 0) {
		free(reply_to);
		return -1;
	}
	if (rc == 1) {
		/* By reference: the outbox keeps no copy of the letter. */
		fname = xasprintf("%s%s.eml", it->c.key,
				  m->attach_answer ? "-tra-loi" : "");
		om.attach_sha = sha;
		om.attach_name = fname;
	}
	ret = outbox_queue_mail(rt, &om, NULL, error_r);
	free(reply_to);
	free(fname);
	return ret;
}
