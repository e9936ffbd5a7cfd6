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
	return wf_calendar_cancel_all(
		   rt, it, ical_part_name(ICAL_PART_LEAD), lead->code,
		   wf_word(rt, W_CANCEL_OTHER_LEAD), error_r) < 0 ||
		       wf_calendar_cancel_all(
			   rt, it, ical_part_name(ICAL_PART_HANDLER), NULL,
			   wf_word(rt, W_CANCEL_REASSIGNED), error_r) < 0
		   ? -1
		   : 0;
}

int wf_assign(struct runtime *rt, struct wf_item *it,
	      const struct config_unit *lead,
	      const struct config_unit *const *coordinate, size_t n_coordinate,
	      int32_t due, const char *by, int64_t msg_id, char **error_r)
{
	const char **codes = xcalloc(n_coordinate + 1, sizeof(*codes));
	struct event_data d = {.unit = lead->code, .due = due};
	size_t n = 0;
	int ret = -1;

	for (size_t i = 0; i < n_coordinate; i++) {
		if (coordinate[i] != lead) {
			codes[n++] = coordinate[i]->code;
		}
	}
	d.coordinate = codes;
	/* The mail says what is now stored: wf_apply updates it as
	 * written. */
	if (wf_apply(rt, it, msg_id, by, EV_ASSIGNED, &d, error_r) == 0 &&
	    cancel_earlier(rt, it, lead, error_r) == 0) {
		ret = wf_assignment_notice(rt, it, lead, coordinate,
					   n_coordinate, due, error_r);
	}
	free(codes);
	return ret;
}

int wf_assignment_notice(struct runtime *rt, const struct wf_item *it,
			 const struct config_unit *lead,
			 const struct config_unit *const *coordinate,
			 size_t n_coordinate, int32_t due, char **error_r)
{
	struct wf_mail m;
	int ret = -1;

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
	return ret;
}

/* Asks the Office to assign an item no rule took, or to check one first:
 * the registration notice, with the letter as it was read and the mail
 * as it came. */
static int ask_office(struct runtime *rt, struct wf_item *it,
		      const struct inspection *in, const char *duplicate_of,
		      const char *check, char **error_r)
{
	const struct message_info *mi = &in->info;
	const struct letter *l = in->has_letter ? &in->letter : NULL;
	const char *from = mi->from_addr ? mi->from_addr : "?";
	struct wf_mail m;
	char day[16];
	int32_t due;
	int ret;

	wf_mail_init(rt, it, &m);
	if (mi->from_name && *mi->from_name) {
		wf_setf(&m, V_SENDER, "%s <%s>", mi->from_name, from);
	} else {
		wf_set(&m, V_SENDER, from);
	}
	wf_set(&m, V_SUBJECT, mi->subject);
	wf_set(&m, V_NUMBER, l && l->number ? l->number : "—");
	wf_set(&m, V_LETTER_DATE, l && l->date ? l->date : "—");
	wf_set(&m, V_DEADLINE, "—");
	if (it->has_letter &&
	    workflow_letter_due(rt->cal, &it->letter, it->c.registered_at,
				&due) == 0) {
		/* the date it comes to, and the words that state it */
		wf_day_text(due, day);
		if (it->letter.deadline_phrase) {
			wf_setf(&m, V_DEADLINE, "%s (%s)", day,
				it->letter.deadline_phrase);
		} else {
			wf_set(&m, V_DEADLINE, day);
		}
	}
	wf_set(&m, V_DUPLICATE_OF, duplicate_of ? duplicate_of : "—");
	wf_set(&m, V_CHECK, check ? check : "—");
	wf_to(&m, rt->cfg->service.office);
	ret = wf_send(rt, it, &m, "registered", error_r);
	wf_mail_release(&m);
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
	const struct config_unit **coord = NULL;
	struct wf_item it;
	char *by, *check;
	int32_t due;
	int ret = -1;

	if (wf_item_new(rt, item, &it, error_r) < 0) {
		return -1;
	}
	check = wf_check_text(&it, rt->cfg->service.language);
	if (check && wf_flag(rt, &it, item->message_id, error_r) < 0) {
		free(check);
		wf_item_release(&it);
		return -1;
	}
	if (!duplicate_of && !check) {
		rule = config_rule_match(rt->cfg, mi->from_addr, subject);
	}
	if (!rule) {
		/* No rule, or a duplicate or a letter to check, which the
		 * Office should look at first. */
		ret = ask_office(rt, &it, in, duplicate_of, check, error_r);
		free(check);
		wf_item_release(&it);
		return ret;
	}
	coord = xcalloc(rule->n_coordinate + 1, sizeof(*coord));
	for (size_t i = 0; i < rule->n_coordinate; i++) {
		coord[i] = config_unit_find(rt->cfg, rule->coordinate[i]);
	}
	by = xasprintf("rule:%s", rule->name);
	if (wf_assignment_due(rt, &it, NULL, rule->days, &due, error_r) == 0) {
		ret = wf_assign(rt, &it, config_unit_find(rt->cfg, rule->lead),
				coord, rule->n_coordinate, due, by,
				item->message_id, error_r);
	}
	free(by);
	free(coord);
	wf_item_release(&it);
	return ret;
}
