/* Reading an iTIP REPLY: the answer a mail client sends to the organizer
 * when someone presses Accept, Decline or Tentative on an invitation; and
 * an iTIP COUNTER, sent when someone proposes another date instead. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "congvan/ical.h"
#include "congvan/text.h"
#include "congvan/message.h"
#include "congvan/mime.h"
#include "congvan/util.h"

#define UID_MAX     255
#define COMMENT_MAX 500

const char *ical_answer_name(enum ical_answer answer)
{
	switch (answer) {
	case ICAL_ANSWER_DECLINED:
		return "declined";
	case ICAL_ANSWER_TENTATIVE:
		return "tentative";
	case ICAL_ANSWER_COUNTER:
		return "counter";
	default:
		return "accepted";
	}
}

void ical_reply_release(struct ical_reply *r)
{
	if (!r) {
		return;
	}
	free(r->uid);
	free(r->attendee);
	free(r->comment);
	memset(r, 0, sizeof(*r));
}

/* libical reports errors through icalerrno; congvan must never let it
 * abort the process on malformed input.  Before each use. */
static void lib_init(void)
{
	icalerror_set_errors_are_fatal(0);
	icalerror_clear_errno();
}

/* Frees libical's ring of temporary buffers, which would otherwise keep
 * up to a few thousand strings alive between calls; no string of libical
 * is kept past it. */
static void lib_done(void)
{
	icalerror_clear_errno();
	icalmemory_free_ring();
}

/* The first VCALENDAR: the root itself, or a child of an XROOT when the
 * text holds several objects. */
static icalcomponent *vcalendar(icalcomponent *root)
{
	if (!root) {
		return NULL;
	}
	if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
		return root;
	}
	return icalcomponent_get_first_component(root,
						 ICAL_VCALENDAR_COMPONENT);
}

/* The METHOD of cal: REPLY, COUNTER, or NONE for anything else. */
static icalproperty_method method_of(icalcomponent *cal)
{
	icalproperty *p =
	    icalcomponent_get_first_property(cal, ICAL_METHOD_PROPERTY);
	icalproperty_method m =
	    p ? icalproperty_get_method(p) : ICAL_METHOD_NONE;

	return m == ICAL_METHOD_REPLY || m == ICAL_METHOD_COUNTER
		   ? m
		   : ICAL_METHOD_NONE;
}

static bool printable(const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f) {
			return false;
		}
	}
	return true;
}

/* "mailto:Ann@X" (any case, spaces around) as "ann@x"; NULL when it is
 * not a plain address. */
static char *address_of(const char *v)
{
	char *a;

	if (!v) {
		return NULL;
	}
	v += strspn(v, " \t");
	if (!str_istartswith(v, "mailto:")) {
		return NULL;
	}
	a = str_trim(xstrdup(v + 7));
	for (char *p = a; *p; p++) {
		*p = (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p;
	}
	if (!message_check_address(a)) {
		free(a);
		return NULL;
	}
	return a;
}

static bool answer_of(icalproperty *att, enum ical_answer *answer_r)
{
	icalparameter *p =
	    icalproperty_get_first_parameter(att, ICAL_PARTSTAT_PARAMETER);

	switch (p ? icalparameter_get_partstat(p) : ICAL_PARTSTAT_NONE) {
	case ICAL_PARTSTAT_ACCEPTED:
		*answer_r = ICAL_ANSWER_ACCEPTED;
		return true;
	case ICAL_PARTSTAT_DECLINED:
		*answer_r = ICAL_ANSWER_DECLINED;
		return true;
	case ICAL_PARTSTAT_TENTATIVE:
		*answer_r = ICAL_ANSWER_TENTATIVE;
		return true;
	default:
		return false;
	}
}

/* The first ATTENDEE with an address and an answer we know.  A
 * counter-proposal may list every attendee, whatever their PARTSTAT:
 * there the one whose address is sender's (NULL: none) counts, else the
 * first with an address. */
static bool attendee(icalcomponent *ev, bool counter, const char *sender,
		     struct ical_reply *r)
{
	for (icalproperty *p =
		 icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY);
	     p;
	     p = icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY)) {
		char *a;

		if (counter) {
			r->answer = ICAL_ANSWER_COUNTER;
		} else if (!answer_of(p, &r->answer)) {
			continue;
		}
		a = address_of(icalproperty_get_attendee(p));
		if (!a) {
			continue;
		}
		if (!r->attendee) {
			r->attendee = a;
		} else if (sender && !strcasecmp(a, sender)) {
			free(r->attendee);
			r->attendee = a;
		} else {
			free(a);
		}
		if (!counter || !sender || !strcasecmp(r->attendee, sender)) {
			return true;
		}
	}
	return r->attendee != NULL;
}

static char *comment_of(icalcomponent *ev)
{
	icalproperty *p =
	    icalcomponent_get_first_property(ev, ICAL_COMMENT_PROPERTY);
	const char *v = p ? icalproperty_get_comment(p) : NULL;
	size_t n = v ? strnlen(v, COMMENT_MAX + 1) : 0;
	char *c;

	if (n > COMMENT_MAX) {
		/* Cut at a character boundary. */
		n = COMMENT_MAX;
		while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80) {
			n--;
		}
	}
	if (n == 0) {
		return NULL;
	}
	c = text_nfc(v, n);
	for (char *s = c; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f) {
			*s = ' ';
		}
	}
	str_trim(c);
	if (!*c) {
		free(c);
		return NULL;
	}
	return c;
}

/* The date a counter-proposal's DTSTART names, into r->proposed: a date
 * as written, a local time's date in its own zone, a UTC time's in
 * Vietnam's (UTC+7, no daylight saving). */
static bool proposed_date(icalcomponent *ev, struct ical_reply *r)
{
	icalproperty *p =
	    icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
	struct icaltimetype t;

	if (!p) {
		return false;
	}
	t = icalproperty_get_dtstart(p);
	if (icaltime_is_null_time(t) || !icaltime_is_valid_time(t)) {
		return false;
	}
	if (!t.is_date && icaltime_is_utc(t)) {
		icaltime_adjust(&t, 0, 7, 0, 0);
	}
	if (t.year < 1970 || t.year > 9999 || t.month < 1 || t.month > 12 ||
	    t.day < 1 || t.day > icaltime_days_in_month(t.month, t.year)) {
		return false;
	}
	snprintf(r->proposed, sizeof(r->proposed), "%04d-%02d-%02d", t.year,
		 t.month, t.day);
	return true;
}

/* Reads the event of a REPLY or COUNTER into r; the reason for failure
 * in *why. */
static bool read_event(icalcomponent *cal, bool counter, const char *sender,
		       struct ical_reply *r, const char **why)
{
	icalcomponent *ev =
	    icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	icalproperty *p;
	const char *uid;

	if (!ev) {
		*why = "no VEVENT";
		return false;
	}
	p = icalcomponent_get_first_property(ev, ICAL_UID_PROPERTY);
	uid = p ? icalproperty_get_uid(p) : NULL;
	if (!uid || !*uid || strlen(uid) > UID_MAX || !printable(uid)) {
		*why = "no UID, or a UID that is not plain text";
		return false;
	}
	if (!attendee(ev, counter, sender, r)) {
		*why = counter
			   ? "no ATTENDEE with a mailto: address"
			   : "no ATTENDEE with a mailto: address and PARTSTAT"
			     " ACCEPTED, DECLINED or TENTATIVE";
		return false;
	}
	if (counter && !proposed_date(ev, r)) {
		*why = "a counter-proposal without a valid DTSTART";
		return false;
	}
	r->uid = xstrdup(uid);
	p = icalcomponent_get_first_property(ev, ICAL_SEQUENCE_PROPERTY);
	r->sequence = p ? icalproperty_get_sequence(p) : -1;
	if (r->sequence < -1) {
		r->sequence = -1;
	}
	r->comment = comment_of(ev);
	return true;
}

int ical_reply_parse(const char *text, size_t len, struct ical_reply *r,
		     char **error_r)
{
	return ical_answer_parse(text, len, NULL, r, error_r);
}

int ical_answer_parse(const char *text, size_t len, const char *sender,
		      struct ical_reply *r, char **error_r)
{
	const char *why = NULL;
	icalcomponent *root = NULL, *cal;
	icalproperty_method method = ICAL_METHOD_NONE;
	char *copy;

	memset(r, 0, sizeof(*r));
	if (!text || len == 0) {
		why = "empty";
	} else if (len > ICAL_REPLY_MAX) {
		why = "too large";
	}
	if (why) {
		*error_r = xasprintf("calendar reply: %s", why);
		return -1;
	}
	copy = xstrndup(text, len);
	lib_init();
	root = icalparser_parse_string(copy);
	free(copy);
	cal = vcalendar(root);
	if (!cal) {
		why = "not an iCalendar object";
	} else if ((method = method_of(cal)) == ICAL_METHOD_NONE) {
		why = "not METHOD:REPLY or COUNTER";
	} else if (!read_event(cal, method == ICAL_METHOD_COUNTER, sender, r,
			       &why)) {
		ical_reply_release(r);
	}
	if (root) {
		icalcomponent_free(root);
	}
	lib_done();
	if (why) {
		*error_r = xasprintf("calendar reply: %s", why);
		return -1;
	}
	return 0;
}
