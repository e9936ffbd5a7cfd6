/* Building the REQUEST and CANCEL of a deadline with libical's component
 * and property constructors; libical escapes text values and folds the
 * lines when it writes the object out. */
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/text.h"
#include "congvan/message.h"
#include "congvan/mime.h"
#include "congvan/util.h"
#include "congvan/workday.h"
#include "congvan/words.h"
#include "private.h"

#define PRODID       "-//congvan//congvan//VI"
#define WHO_HASH_HEX 12
#define SUBJECT_MAX  300 /* bytes of the subject kept in SUMMARY */
#define ALARM_HOUR   9   /* local time, UTC+7 */

static const char *const part_names[] = {
    [ICAL_PART_LEAD] = "lead",
    [ICAL_PART_HANDLER] = "handler",
    [ICAL_PART_CONSULT] = "consult",
    [ICAL_PART_COORDINATE] = "coordinate",
};

void ical_lib_init(void)
{
	icalerror_set_errors_are_fatal(0);
	icalerror_clear_errno();
}

void ical_lib_done(void)
{
	icalerror_clear_errno();
	icalmemory_free_ring();
}

const char *ical_part_name(enum ical_part part)
{
	return (unsigned)part < ARRAY_SIZE(part_names) ? part_names[part]
						       : "lead";
}

static bool code_like(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n <= 16 &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			 "0123456789-_") == n;
}

char *ical_uid(const char *key, enum ical_part part, const char *who,
	       const char *domain)
{
	char *lower_key = xstrdup(key ? key : "");
	char *lower_who = xstrdup(who ? who : "");
	char *uid;

	for (char *p = lower_key; *p; p++) {
		*p = (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p;
	}
	for (char *p = lower_who; *p; p++) {
		*p = (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p;
	}
	if (part == ICAL_PART_HANDLER || !code_like(lower_who)) {
		struct sha256_ctx sha;
		uint8_t digest[SHA256_DIGEST_SIZE];
		char hex[2 * SHA256_DIGEST_SIZE + 1];

		sha256_init(&sha);
		sha256_update(&sha, strlen(lower_who),
			      (const uint8_t *)lower_who);
		sha256_digest(&sha, sizeof(digest), digest);
		hex_encode(digest, sizeof(digest), hex);
		hex[WHO_HASH_HEX] = '\0';
		free(lower_who);
		lower_who = xstrdup(hex);
	}
	uid = xasprintf("%s.%s.%s@%s", lower_key, ical_part_name(part),
			lower_who, domain ? domain : "localhost");
	free(lower_key);
	free(lower_who);
	return uid;
}

/* --- text --------------------------------------------------------------- */

/* Valid UTF-8 in NFC on one line: control characters become spaces, at
 * most max bytes (cut at a character boundary).  Caller frees. */
static char *one_line(const char *s, size_t max)
{
	/* NFC never more than triples a string's length: read no more
	 * than needed of a long one. */
	char *t = text_nfc(s ? s : "", s ? strnlen(s, 4 * max) : 0);
	size_t n = strlen(t);

	for (char *p = t; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			*p = ' ';
		}
	}
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)t[n] & 0xc0) == 0x80) {
			n--;
		}
		t[n] = '\0';
	}
	return str_trim(t);
}

/* The catalogue's word in the event's language. */
static const char *word(const struct ical_event *ev, enum word w)
{
	return words_get(ev->language, w);
}

static char *summary(const struct ical_event *ev)
{
	char *subject = one_line(ev->subject, SUBJECT_MAX);
	char *s =
	    xasprintf("%s: [%s]%s%s",
		      ev->part == ICAL_PART_CONSULT ? word(ev, W_EVENT_OPINION)
						    : word(ev, W_DEADLINE),
		      ev->key, *subject ? " " : "", subject);

	free(subject);
	return s;
}

/* What is asked and how to answer, a few short lines. */
static char *description(const struct ical_event *ev, bool cancel)
{
	struct sbuf sb = SBUF_INIT(1 << 16);
	char *subject = one_line(ev->subject, SUBJECT_MAX);
	char *number = one_line(ev->number, 100);
	char *unit = one_line(ev->unit, 200);
	char *lead = one_line(ev->lead, 200);
	char day[11];

	workday_format_vn(ev->due_day, day);
	if (cancel) {
		sbuf_addf(&sb, "%s\n", word(ev, W_ICAL_CANCELLED));
	}
	sbuf_addf(&sb, "%s %s", word(ev, W_ICAL_LETTER), ev->key);
	if (*number) {
		sbuf_addf(&sb, " (%s %s)", word(ev, W_ICAL_NUMBER), number);
	}
	sbuf_addf(&sb, "%s%s\n", *subject ? ": " : "", subject);
	switch (ev->part) {
	case ICAL_PART_HANDLER:
		sbuf_adds(&sb, word(ev, W_ICAL_HANDLER_DOES));
		break;
	case ICAL_PART_CONSULT:
		sbuf_addf(&sb, word(ev, W_ICAL_CONSULT_DOES), lead, unit);
		break;
	case ICAL_PART_COORDINATE:
		sbuf_addf(&sb, word(ev, W_ICAL_COORDINATE_DOES), unit, lead);
		break;
	default:
		sbuf_addf(&sb, word(ev, W_ICAL_LEAD_DOES), unit);
	}
	sbuf_addch(&sb, '\n');
	sbuf_addf(&sb, word(ev, W_ICAL_DUE), day);
	if (!cancel) {
		sbuf_addf(&sb, "\n%s\n",
			  ev->part == ICAL_PART_CONSULT
			      ? word(ev, W_ICAL_ANSWER_CONSULT)
			      : word(ev, W_ICAL_ANSWER_DONE));
		sbuf_addf(&sb, word(ev, W_ICAL_BUTTONS), ev->key);
	}
	free(subject);
	free(number);
	free(unit);
	free(lead);
	return sbuf_detach(&sb);
}

/* --- properties --------------------------------------------------------- */

static struct icaltimetype date_of(int32_t day)
{
	struct icaltimetype t = icaltime_null_date();
	int y, m, d;

	workday_ymd(day, &y, &m, &d);
	t.year = y;
	t.month = m;
	t.day = d;
	return t;
}

static struct icaltimetype utc_of(time_t t)
{
	return icaltime_from_timet_with_zone(t, 0,
					     icaltimezone_get_utc_timezone());
}

static char *mailto(const char *address)
{
	return xasprintf("mailto:%s", address);
}

/* A CN parameter value: one line, without double quotes (RFC 5545 does
 * not allow them inside a quoted parameter value). */
static icalparameter *cn(const char *name)
{
	char *v = one_line(name, 200);
	icalparameter *p;

	for (char *s = v; *s; s++) {
		if (*s == '"') {
			*s = '\'';
		}
	}
	p = *v ? icalparameter_new_cn(v) : NULL;
	free(v);
	return p;
}

static void add_person(icalproperty *prop, const char *name)
{
	icalparameter *p = name ? cn(name) : NULL;

	if (p) {
		icalproperty_add_parameter(prop, p);
	}
}

static void add_attendee(icalcomponent *ev, const struct ical_attendee *a,
			 bool cancel)
{
	char *to = mailto(a->address);
	icalproperty *p = icalproperty_new_attendee(to);

	free(to);
	add_person(p, a->name);
	icalproperty_add_parameter(
	    p, icalparameter_new_role(a->required ? ICAL_ROLE_REQPARTICIPANT
						  : ICAL_ROLE_OPTPARTICIPANT));
	if (!cancel) {
		icalproperty_add_parameter(
		    p, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
		icalproperty_add_parameter(
		    p, icalparameter_new_rsvp(a->required ? ICAL_RSVP_TRUE
							  : ICAL_RSVP_FALSE));
	}
	icalcomponent_add_property(ev, p);
}

/* Rings at 09:00 local time on the working day before the deadline. */
static icalcomponent *alarm(const struct ical_event *ev)
{
	int32_t day =
	    ev->cal ? workcal_sub(ev->cal, ev->due_day, 1) : ev->due_day - 1;
	struct icaltriggertype trig;
	icalcomponent *a = icalcomponent_new_valarm();
	char *text, *sum = summary(ev), deadline[11], *due;

	memset(&trig, 0, sizeof(trig));
	trig.time = utc_of(workday_day_start(day) + ALARM_HOUR * 3600);
	trig.duration = icaldurationtype_null_duration();
	workday_format_vn(ev->due_day, deadline);
	due = xasprintf(word(ev, W_ICAL_DUE), deadline);
	text = xasprintf("%s\n%s", sum, due);
	free(due);
	icalcomponent_add_property(
	    a, icalproperty_new_action(ICAL_ACTION_DISPLAY));
	icalcomponent_add_property(a, icalproperty_new_description(text));
	icalcomponent_add_property(a, icalproperty_new_trigger(trig));
	free(text);
	free(sum);
	return a;
}

static icalcomponent *vevent(const struct ical_event *ev, bool cancel)
{
	icalcomponent *e = icalcomponent_new_vevent();
	char *sum = summary(ev), *desc = description(ev, cancel);
	char *org = mailto(ev->organizer);
	icalproperty *p;

	icalcomponent_add_property(e, icalproperty_new_uid(ev->uid));
	icalcomponent_add_property(e, icalproperty_new_sequence(ev->sequence));
	icalcomponent_add_property(e,
				   icalproperty_new_dtstamp(utc_of(ev->now)));
	icalcomponent_add_property(
	    e, icalproperty_new_dtstart(date_of(ev->due_day)));
	icalcomponent_add_property(
	    e, icalproperty_new_dtend(date_of(ev->due_day + 1)));
	icalcomponent_add_property(e, icalproperty_new_summary(sum));
	icalcomponent_add_property(e, icalproperty_new_description(desc));
	p = icalproperty_new_organizer(org);
	add_person(p, ev->organizer_name);
	icalcomponent_add_property(e, p);
	for (size_t i = 0; i < ev->n_attendees; i++) {
		add_attendee(e, &ev->attendees[i], cancel);
	}
	icalcomponent_add_property(
	    e, icalproperty_new_status(cancel ? ICAL_STATUS_CANCELLED
					      : ICAL_STATUS_CONFIRMED));
	icalcomponent_add_property(
	    e, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	p = icalproperty_new_x(ev->key);
	icalproperty_set_x_name(p, "X-CONGVAN-ITEM");
	icalcomponent_add_property(e, p);
	if (!cancel) {
		icalcomponent_add_component(e, alarm(ev));
	}
	free(sum);
	free(desc);
	free(org);
	return e;
}

/* --- folding -------------------------------------------------------------- */

/* libical 3.0 folds a content line after the last ';', ':' or ' ' of its
 * first 74 octets, else at a character boundary; but it folds the line
 * with its CRLF, and with no such character near the end it may put the
 * fold between that CR and LF (the fuzzer found it).  So its output is
 * unfolded here (every CRLF followed by a space or a tab removed, which
 * undoes that too: content lines hold no CR or LF of their own) and
 * folded again: at most 75 octets a line, never inside a UTF-8
 * sequence (RFC 5545 3.1).  Caller frees. */
static char *refold(const char *in)
{
	struct sbuf flat = SBUF_INIT(SIZE_MAX - 1);
	struct sbuf out = SBUF_INIT(SIZE_MAX - 1);
	const char *p, *end;

	/* Runs up to each CR copied whole. */
	for (p = in; *p;) {
		const char *cr = strchr(p, '\r');

		if (!cr) {
			sbuf_adds(&flat, p);
			break;
		}
		sbuf_add(&flat, p, (size_t)(cr - p));
		if (cr[1] == '\n' && (cr[2] == ' ' || cr[2] == '\t')) {
			p = cr + 3;
		} else {
			sbuf_addch(&flat, '\r');
			p = cr + 1;
		}
	}
	for (p = sbuf_str(&flat); *p; p = end + (*end ? 2 : 0)) {
		const char *eol = strstr(p, "\r\n");
		size_t room = 75;

		end = eol ? eol : p + strlen(p);
		while ((size_t)(end - p) > room) {
			size_t n = room;

			while (n > 0 && ((unsigned char)p[n] & 0xc0) == 0x80) {
				n--;
			}
			if (n == 0) {
				n = room; /* not UTF-8: cannot happen */
			}
			sbuf_add(&out, p, n);
			sbuf_adds(&out, "\r\n ");
			p += n;
			room = 74;
		}
		sbuf_add(&out, p, (size_t)(end - p));
		sbuf_adds(&out, "\r\n");
	}
	sbuf_release(&flat);
	return sbuf_detach(&out);
}

static int check(const struct ical_event *ev, char **error_r)
{
	const char *what = NULL;

	if (!ev->uid || !*ev->uid || strpbrk(ev->uid, "\r\n")) {
		what = "no UID";
	} else if (!ev->key || !*ev->key || strpbrk(ev->key, "\r\n")) {
		what = "no item key";
	} else if (ev->due_day <= WORKDAY_DAY_MIN ||
		   ev->due_day >= WORKDAY_DAY_MAX) {
		what = "no deadline";
	} else if (ev->sequence < 0) {
		what = "a negative SEQUENCE";
	} else if (!ev->organizer || !message_check_address(ev->organizer)) {
		what = "no valid organizer address";
	} else if (ev->n_attendees == 0 || !ev->attendees) {
		what = "no attendee";
	}
	for (size_t i = 0; !what && i < ev->n_attendees; i++) {
		if (!ev->attendees[i].address ||
		    !message_check_address(ev->attendees[i].address)) {
			what = "an attendee address that is not valid";
		}
	}
	if (what) {
		*error_r = xasprintf("calendar: %s", what);
		return -1;
	}
	return 0;
}

int ical_build(const struct ical_event *ev, bool cancel, char **text_r,
	       char **error_r)
{
	icalcomponent *cal;
	char *s;

	*text_r = NULL;
	if (check(ev, error_r) < 0) {
		return -1;
	}
	ical_lib_init();
	cal = icalcomponent_new_vcalendar();
	icalcomponent_add_property(cal, icalproperty_new_prodid(PRODID));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(
	    cal, icalproperty_new_method(cancel ? ICAL_METHOD_CANCEL
						: ICAL_METHOD_REQUEST));
	icalcomponent_add_component(cal, vevent(ev, cancel));
	s = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	if (!s) {
		*error_r = xasprintf("calendar: libical: %s",
				     icalerror_strerror(icalerrno));
		ical_lib_done();
		return -1;
	}
	*text_r = refold(s);
	icalmemory_free_buffer(s);
	ical_lib_done();
	return 0;
}
