/* Registration and assignment: a rule, or the Office, names one lead
 * unit, its coordinating units and the deadline; the assignment goes to
 * the lead (mailbox and head) with the coordinating units in copy and the
 * letter attached. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/clock.h"
#include "congvan/log.h"
#include "congvan/outbox.h"
#include "private.h"

/* A new assignment ends the calendar events of another lead unit (a
 * transfer, a reassignment) and of the handler, whom it clears. */
static int cancel_earlier(struct runtime *rt, const struct wf_item *it,
			  const struct config_unit *lead, char **error_r)
{
	char *keep = wf_calendar_uid(rt, it, ICAL_PART_LEAD, lead->code);
	bool en = wf_english(rt);
	int ret;

	ret = wf_calendar_cancel_all(
		  rt, it, ical_part_name(ICAL_PART_LEAD), keep,
		  en ? "another unit now leads on the letter"
		     : "văn bản đã được giao cho đơn vị khác chủ trì",
		  error_r) < 0 ||
		      wf_calendar_cancel_all(
			  rt, it, ical_part_name(ICAL_PART_HANDLER), NULL,
			  en ? "the letter was assigned anew"
			     : "văn bản đã được phân công lại",
			  error_r) < 0
		  ? -1
		  : 0;
	free(keep);
	return ret;
}

int wf_assign(struct runtime *rt, struct wf_item *it,
	      const struct config_unit *lead,
	      const struct config_unit *const *coordinate, size_t n_coordinate,
	      int32_t due, const char *by, int64_t msg_id, char **error_r)
{
	const char **codes = xcalloc(n_coordinate + 1, sizeof(*codes));
	struct wf_mail m;
	char day[16], *detail;
	size_t n = 0;
	int ret = -1;

	for (size_t i = 0; i < n_coordinate; i++) {
		if (coordinate[i] != lead) {
			codes[n++] = coordinate[i]->code;
		}
	}
	wf_day_text(due, day);
	detail = xasprintf("lead %s, deadline %s", lead->code, day);
	if (store_case_assign(rt->st, it->c.id, lead->code, codes, due,
			      runtime_now(rt), by, error_r) < 0 ||
	    wf_event(rt, it->c.id, msg_id, by, "assigned", detail, error_r) <
		0) {
		goto out;
	}
	/* Reload: the mail says what is now stored. */
	{
		int64_t id = it->c.id;

		wf_item_release(it);
		if (wf_item_load(rt, id, it, error_r) <= 0 ||
		    cancel_earlier(rt, it, lead, error_r) < 0) {
			goto out;
		}
	}
	wf_mail_init(rt, it, &m);
	wf_set(&m, V_RECIPIENT, lead->name);
	wf_set(&m, V_UNIT, lead->name);
	wf_set(&m, V_UNIT_CODE, lead->code);
	wf_to_unit(&m, lead);
	for (size_t i = 0; i < n_coordinate; i++) {
		wf_cc_unit(&m, coordinate[i]);
	}
	m.attach_letter = true;
	if (wf_calendar_request(rt, it, &m, ICAL_PART_LEAD, lead->code, due,
				error_r) == 0) {
		ret = wf_send(rt, it, &m, "assigned", error_r);
	}
	wf_mail_release(&m);
out:
	free(detail);
	free(codes);
	return ret;
}

/* Asks the Office to assign an item no rule took, or to check one. */
static int ask_office(struct runtime *rt, const struct store_item *item,
		      const struct inspection *in, const char *duplicate_of,
		      const struct wf_item *it, const char *check,
		      char **error_r)
{
	const struct message_info *mi = &in->info;
	const struct letter *l = in->has_letter ? &in->letter : NULL;
	char no[16], when[32], *sender;
	char *sigs = wf_signatures_text(it, wf_english(rt));
	const char *to[] = {rt->cfg->service.office, NULL};
	const char *from = mi->from_addr ? mi->from_addr : "?";
	int ret;

	snprintf(no, sizeof(no), "%d", item->arrival_no);
	clock_format_local(item->registered_at, when);
	sender = mi->from_name && *mi->from_name
		     ? xasprintf("%s <%s>", mi->from_name, from)
		     : xstrdup(from);
	{
		const struct template_var vars[] = {
		    {"key", item->key},
		    {"arrival_no", no},
		    {"registered", when},
		    {"sender", sender},
		    {"subject", mi->subject ? mi->subject : ""},
		    {"organization", rt->cfg->service.organization},
		    {"number", l && l->number ? l->number : "—"},
		    {"letter_date", l && l->date ? l->date : "—"},
		    {"deadline", l && l->deadline ? l->deadline : "—"},
		    {"duplicate_of", duplicate_of ? duplicate_of : "—"},
		    {"signatures", sigs},
		    {"check", check ? check : "—"},
		};

		ret = outbox_queue(rt, item->id, item->key, "registered", vars,
				   ARRAY_SIZE(vars), to, error_r);
	}
	free(sigs);
	free(sender);
	return ret;
}

/* Assigns item by rule. */
static int assign_by_rule(struct runtime *rt, const struct store_item *item,
			  const struct config_rule *rule, struct wf_item *it,
			  char **error_r)
{
	const struct config_unit **coord =
	    xcalloc(rule->n_coordinate + 1, sizeof(*coord));
	char *by = xasprintf("rule:%s", rule->name);
	int32_t due;
	int ret = -1;

	for (size_t i = 0; i < rule->n_coordinate; i++) {
		coord[i] = config_unit_find(rt->cfg, rule->coordinate[i]);
	}
	if (wf_assignment_due(rt, it, NULL, rule->days, &due, error_r) == 0) {
		ret = wf_assign(rt, it, config_unit_find(rt->cfg, rule->lead),
				coord, rule->n_coordinate, due, by,
				item->message_id, error_r);
	}
	free(by);
	free(coord);
	return ret;
}

int workflow_letter(struct runtime *rt, const struct store_item *item,
		    const struct inspection *in, const char *duplicate_of,
		    char **error_r)
{
	const struct message_info *mi = &in->info;
	const char *subject = in->has_letter && in->letter.subject
				  ? in->letter.subject
				  : mi->subject;
	const struct config_rule *rule = NULL;
	struct wf_item it;
	char *check;
	int ret = -1;

	if (wf_item_load(rt, item->id, &it, error_r) <= 0) {
		return -1;
	}
	check = wf_check_text(&it, wf_english(rt));
	if (check) {
		char *why = wf_check_text(&it, true);

		ret = wf_event(rt, item->id, item->message_id, "intake",
			       "flagged", why, error_r);
		free(why);
		if (ret < 0) {
			goto out;
		}
	}
	/* No rule for a duplicate or an item to check: the Office looks
	 * at it first. */
	if (!duplicate_of && !check) {
		rule = config_rule_match(rt->cfg, mi->from_addr, subject);
	}
	ret = rule
		  ? assign_by_rule(rt, item, rule, &it, error_r)
		  : ask_office(rt, item, in, duplicate_of, &it, check, error_r);
out:
	free(check);
	wf_item_release(&it);
	return ret;
}
