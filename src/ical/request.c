/* Writing the REQUEST and CANCEL of a deadline: content lines of RFC
 * 5545, text values escaped, lines folded at 75 octets. */
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "congvan/ical.h"
#include "congvan/message.h"
#include "congvan/text.h"
#include "congvan/util.h"
#include "congvan/workday.h"
#include "congvan/words.h"

#define PRODID       "-//congvan//congvan//VI"
#define WHO_HASH_HEX 12
#define UID_MARK_HEX 16  /* the keyed mark: proof that the UID was received */
#define SUBJECT_MAX  300 /* bytes of the subject kept in SUMMARY */
#define ALARM_HOUR   9   /* local time, UTC+7 */

static const char *const part_names[] = {
    [ICAL_PART_LEAD] = "lead",
    [ICAL_PART_HANDLER] = "handler",
    [ICAL_PART_CONSULT] = "consult",
    [ICAL_PART_COORDINATE] = "coordinate",
};

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
	       const char *domain, const char *secret)
{
	char *lower_key = xstrdup(key ? key : "");
	char *lower_who = xstrdup(who ? who : "");
	char mark[UID_MARK_HEX + 1];
	char *name, *uid;

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
	name =
	    xasprintf("%s.%s.%s", lower_key, ical_part_name(part), lower_who);
	if (secret && *secret) {
		util_hmac_hex(secret, "calendar-uid:", name, UID_MARK_HEX,
			      mark);
		uid = xasprintf("%s.%s@%s", name, mark,
				domain ? domain : "localhost");
	} else {
		uid = xasprintf("%s@%s", name, domain ? domain : "localhost");
	}
	free(name);
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

/* --- writing ------------------------------------------------------------ */

/* The object is written line by line as RFC 5545 3.1 asks: each content
 * line built whole in `line`, then folded into `out`.  (libical's
 * serializer, used before, cost three quarters of building an invitation,
 * appending character by character, and could fold a line between its CR
 * and LF; libical still reads every REQUEST back in the unit tests, which
 * check that it writes the same lines again.) */
struct writer {
	struct sbuf out;
	struct sbuf line;
};

static void line_begin(struct writer *w, const char *name)
{
	sbuf_reset(&w->line);
	sbuf_adds(&w->line, name);
}

/* A parameter value is quoted when it holds ':', ';' or ',' (3.2); it
 * never holds a DQUOTE or a control character (cn() sees to it). */
static void line_param(struct writer *w, const char *name, const char *value)
{
	bool quote = strpbrk(value, ":;,") != NULL;

	sbuf_addch(&w->line, ';');
	sbuf_adds(&w->line, name);
	sbuf_addch(&w->line, '=');
	if (quote) {
		sbuf_addch(&w->line, '"');
	}
	sbuf_adds(&w->line, value);
	if (quote) {
		sbuf_addch(&w->line, '"');
	}
}

/* The value as it is: a CAL-ADDRESS, a date, a number, a keyword. */
static void line_value(struct writer *w, const char *value)
{
	sbuf_addch(&w->line, ':');
	sbuf_adds(&w->line, value);
}

/* The value as TEXT (3.3.11): backslash, ';' and ',' escaped, a line
 * break written \n (a CR before it dropped). */
static void line_text(struct writer *w, const char *text)
{
	const char *p = text;

	sbuf_addch(&w->line, ':');
	for (;;) {
		size_t n = strcspn(p, "\\;,\r\n");

		sbuf_add(&w->line, p, n);
		p += n;
		if (!*p) {
			break;
		}
		if (*p == '\n') {
			sbuf_adds(&w->line, "\\n");
		} else if (*p != '\r') {
			sbuf_addch(&w->line, '\\');
			sbuf_addch(&w->line, *p);
		}
		p++;
	}
}

/* The line folded into out: at most 75 octets a line, the next ones
 * starting with a space, never inside a UTF-8 sequence; then CRLF. */
static void line_end(struct writer *w)
{
	const char *p = sbuf_str(&w->line), *end = p + w->line.len;
	size_t room = 75;

	while ((size_t)(end - p) > room) {
		size_t n = room;

		while (n > 0 && ((unsigned char)p[n] & 0xc0) == 0x80) {
			n--;
		}
		if (n == 0) {
			n = room; /* not UTF-8: cannot happen */
		}
		sbuf_add(&w->out, p, n);
		sbuf_adds(&w->out, "\r\n ");
		p += n;
		room = 74;
	}
	sbuf_add(&w->out, p, (size_t)(end - p));
	sbuf_adds(&w->out, "\r\n");
}

static void text_line(struct writer *w, const char *name, const char *text)
{
	line_begin(w, name);
	line_text(w, text);
	line_end(w);
}

static void value_line(struct writer *w, const char *name, const char *value)
{
	line_begin(w, name);
	line_value(w, value);
	line_end(w);
}

/* --- properties --------------------------------------------------------- */

/* A DATE value, YYYYMMDD. */
static void date_line(struct writer *w, const char *name, int32_t day)
{
	char v[16];
	int y, m, d;

	workday_ymd(day, &y, &m, &d);
	snprintf(v, sizeof(v), "%04d%02d%02d", y, m, d);
	line_begin(w, name);
	line_param(w, "VALUE", "DATE");
	line_value(w, v);
	line_end(w);
}

/* A DATE-TIME in UTC, YYYYMMDDTHHMMSSZ. */
static void utc_format(time_t t, char v[20])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(v, 20, "%Y%m%dT%H%M%SZ", &tm);
}

/* A CN parameter value: one line, without double quotes (RFC 5545 does
 * not allow them inside a quoted parameter value; they become '), without
 * backslashes (libical reads one before the closing quote as escaping it,
 * and the rest of the line as the value; they become /) and without
 * carets (RFC 6868 readers take ^^, ^' and ^n for ^, " and a line break;
 * they become spaces).  NULL: none. */
static char *cn(const char *name)
{
	char *v;

	if (!name) {
		return NULL;
	}
	v = one_line(name, 200);
	for (char *s = v; *s; s++) {
		if (*s == '"') {
			*s = '\'';
		} else if (*s == '\\') {
			*s = '/';
		} else if (*s == '^') {
			*s = ' ';
		}
	}
	if (!*str_trim(v)) {
		free(v);
		return NULL;
	}
	return v;
}

static void person_line(struct writer *w, const char *prop, const char *name,
			const char *address, const struct ical_attendee *a,
			bool cancel)
{
	char *v = cn(name);

	line_begin(w, prop);
	if (v) {
		line_param(w, "CN", v);
		free(v);
	}
	if (a) {
		line_param(w, "ROLE",
			   a->required ? "REQ-PARTICIPANT" : "OPT-PARTICIPANT");
		if (!cancel) {
			line_param(w, "PARTSTAT", "NEEDS-ACTION");
			line_param(w, "RSVP", a->required ? "TRUE" : "FALSE");
		}
	}
	sbuf_adds(&w->line, ":mailto:");
	sbuf_adds(&w->line, address);
	line_end(w);
}

/* Rings at 09:00 local time on the working day before the deadline. */
static void alarm(struct writer *w, const struct ical_event *ev)
{
	int32_t day =
	    ev->cal ? workcal_sub(ev->cal, ev->due_day, 1) : ev->due_day - 1;
	char *text, *sum = summary(ev), deadline[11], *due, at[20];

	workday_format_vn(ev->due_day, deadline);
	due = xasprintf(word(ev, W_ICAL_DUE), deadline);
	text = xasprintf("%s\n%s", sum, due);
	utc_format(workday_day_start(day) + ALARM_HOUR * 3600, at);
	value_line(w, "BEGIN", "VALARM");
	value_line(w, "ACTION", "DISPLAY");
	text_line(w, "DESCRIPTION", text);
	line_begin(w, "TRIGGER");
	line_param(w, "VALUE", "DATE-TIME");
	line_value(w, at);
	line_end(w);
	value_line(w, "END", "VALARM");
	free(due);
	free(text);
	free(sum);
}

static void vevent(struct writer *w, const struct ical_event *ev, bool cancel)
{
	char *sum = summary(ev), *desc = description(ev, cancel), v[20];

	value_line(w, "BEGIN", "VEVENT");
	text_line(w, "UID", ev->uid);
	snprintf(v, sizeof(v), "%d", ev->sequence);
	value_line(w, "SEQUENCE", v);
	utc_format(ev->now, v);
	value_line(w, "DTSTAMP", v);
	date_line(w, "DTSTART", ev->due_day);
	date_line(w, "DTEND", ev->due_day + 1);
	text_line(w, "SUMMARY", sum);
	text_line(w, "DESCRIPTION", desc);
	person_line(w, "ORGANIZER", ev->organizer_name, ev->organizer, NULL,
		    cancel);
	for (size_t i = 0; i < ev->n_attendees; i++) {
		person_line(w, "ATTENDEE", ev->attendees[i].name,
			    ev->attendees[i].address, &ev->attendees[i],
			    cancel);
	}
	value_line(w, "STATUS", cancel ? "CANCELLED" : "CONFIRMED");
	value_line(w, "TRANSP", "TRANSPARENT");
	text_line(w, "X-CONGVAN-ITEM", ev->key);
	if (!cancel) {
		alarm(w, ev);
	}
	value_line(w, "END", "VEVENT");
	free(sum);
	free(desc);
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
	struct writer w = {SBUF_INIT(SIZE_MAX - 1), SBUF_INIT(SIZE_MAX - 1)};

	*text_r = NULL;
	if (check(ev, error_r) < 0) {
		return -1;
	}
	value_line(&w, "BEGIN", "VCALENDAR");
	value_line(&w, "PRODID", PRODID);
	value_line(&w, "VERSION", "2.0");
	value_line(&w, "CALSCALE", "GREGORIAN");
	value_line(&w, "METHOD", cancel ? "CANCEL" : "REQUEST");
	vevent(&w, ev, cancel);
	value_line(&w, "END", "VCALENDAR");
	sbuf_release(&w.line);
	*text_r = sbuf_detach(&w.out);
	return 0;
}
