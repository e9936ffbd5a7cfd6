/* Reading an iTIP REPLY: the answer a mail client sends to the organizer
 * when someone presses Accept, Decline or Tentative on an invitation. */
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

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

static bool is_reply(icalcomponent *cal)
{
	icalproperty *p =
	    icalcomponent_get_first_property(cal, ICAL_METHOD_PROPERTY);

	return p && icalproperty_get_method(p) == ICAL_METHOD_REPLY;
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

/* The first ATTENDEE with an address and an answer we know. */
static bool attendee(icalcomponent *ev, struct ical_reply *r)
{
	for (icalproperty *p =
		 icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY);
	     p;
	     p = icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY)) {
		char *a;

		if (!answer_of(p, &r->answer)) {
			continue;
		}
		a = address_of(icalproperty_get_attendee(p));
		if (a) {
			r->attendee = a;
			return true;
		}
	}
	return false;
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

/* Reads the event of a REPLY into r; the reason for failure in *why. */
static bool read_event(icalcomponent *cal, struct ical_reply *r,
		       const char **why)
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
	if (!attendee(ev, r)) {
		*why = "no ATTENDEE with a mailto: address and PARTSTAT"
		       " ACCEPTED, DECLINED or TENTATIVE";
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
	const char *why = NULL;
	icalcomponent *root = NULL, *cal;
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
	} else if (!is_reply(cal)) {
		why = "not METHOD:REPLY";
	} else if (!read_event(cal, r, &why)) {
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
