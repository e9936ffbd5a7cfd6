/* iCalendar by mail (iMIP, RFC 6047; iTIP, RFC 5546): the deadline of a
 * part of the work as an all-day event that mail clients put in their
 * calendars, and the Accept / Decline answers they send back.  Pure code
 * on top of libical, no store and no I/O; safe on hostile input.
 *
 * UIDs (ical_uid) are stable for an item and a part of its work:
 *
 *	LOWER(KEY) "." PART "." WHO "." MARK "@" DOMAIN
 *
 * KEY is the item key ("CV-2026-000001"), PART one of lead, handler,
 * consult, coordinate (ical_part_name), WHO the unit's code lower-cased
 * for a unit's part (lead, consult, coordinate) and, for a person (the
 * handler) or a code with other characters than A-Z a-z 0-9 - _, the
 * first 12 hex digits of the SHA-256 of the lower-cased address or code,
 * so that no address is spelt out; MARK is 16 hex digits of the HMAC of
 * what comes before it under the service secret, so that only who
 * received the event knows its UID (an answer that carries it proves
 * receipt, as a reference to our Message-ID does); DOMAIN is the
 * service's mail domain.  Example:
 * "cv-2026-000001.lead.tttn.5c0e8d7f1a2b3c4d@congvan.test".  A new
 * request for the same part (another deadline, the same request sent
 * again) keeps the UID and raises SEQUENCE; another unit or person is
 * another UID.  Events sent before the mark existed keep their UIDs
 * (calendar_entries), without it. */
#ifndef CONGVAN_ICAL_H
#define CONGVAN_ICAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct workcal;

/* Whose deadline an event is. */
enum ical_part {
	ICAL_PART_LEAD,       /* the lead unit's deadline */
	ICAL_PART_HANDLER,    /* the handler's internal deadline */
	ICAL_PART_CONSULT,    /* a consulted unit's deadline to answer */
	ICAL_PART_COORDINATE, /* a coordinating unit's */
};

/* "lead", "handler", "consult", "coordinate".  Static. */
const char *ical_part_name(enum ical_part part);

/* The UID of the part of item key done by who (a unit code, or the
 * handler's address) as described above; without MARK when secret is
 * NULL or empty.  Caller frees. */
char *ical_uid(const char *key, enum ical_part part, const char *who,
	       const char *domain, const char *secret);

struct ical_attendee {
	const char *address; /* a plain address */
	const char *name;    /* CN; NULL: none */
	bool required;       /* REQ-PARTICIPANT with RSVP=TRUE, else
			      * OPT-PARTICIPANT with RSVP=FALSE */
};

/* One event.  Everything is borrowed by ical_build. */
struct ical_event {
	const char *uid;
	int sequence; /* SEQUENCE, >= 0 */
	time_t now;   /* DTSTAMP */
	const char *key;
	const char *subject; /* the letter's subject; NULL: none */
	const char *number;  /* the letter's number and symbol; NULL: none */
	enum ical_part part;
	const char *unit; /* the name of the unit whose part it is (lead,
			   * consulted, coordinating); NULL: none */
	const char *lead; /* the lead unit's name (for a consultation or a
			   * coordinating unit); NULL: none */
	int32_t due_day;  /* the deadline, a day number of workday.h */
	/* The working days: the alarm rings at 09:00 (UTC+7) on the working
	 * day before due_day; NULL: on the day before. */
	const struct workcal *cal;
	const char *organizer;      /* address that answers go to */
	const char *organizer_name; /* CN: the organisation; NULL: none */
	const struct ical_attendee *attendees;
	size_t n_attendees;   /* at least one */
	const char *language; /* "en" for English, else Vietnamese */
};

/* A VCALENDAR with PRODID "-//congvan//congvan//VI", METHOD:REQUEST (or
 * METHOD:CANCEL with cancel) and one VEVENT: all day on due_day (DTSTART
 * and DTEND as dates), SUMMARY "Hạn xử lý: [KEY] subject" ("Deadline: ",
 * for a consultation "Hạn cho ý kiến: " / "Opinion due: "), a short
 * DESCRIPTION of what is asked and how to answer by mail, ORGANIZER,
 * the ATTENDEEs (with ROLE; PARTSTAT=NEEDS-ACTION and RSVP in a request),
 * STATUS:CONFIRMED (CANCELLED),
 * TRANSP:TRANSPARENT, X-CONGVAN-ITEM and, for a request, a VALARM
 * (ACTION:DISPLAY) at an absolute UTC time.  Text is valid UTF-8 in NFC
 * (invalid bytes read as windows-1252), lines end in CRLF and are folded
 * at 75 octets (RFC 5545 3.1).  0 with *text_r (caller frees), or -1 with
 * *error_r when a field is missing or an address is not valid. */
int ical_build(const struct ical_event *ev, bool cancel, char **text_r,
	       char **error_r);

/* The answer of an attendee: a button of an invitation (REPLY), or a
 * proposal of another date (COUNTER: Outlook's "Propose New Time",
 * Thunderbird's counter-proposal). */
enum ical_answer {
	ICAL_ANSWER_ACCEPTED,
	ICAL_ANSWER_DECLINED,
	ICAL_ANSWER_TENTATIVE,
	ICAL_ANSWER_COUNTER,
};

/* "accepted", "declined", "tentative", "counter".  Static. */
const char *ical_answer_name(enum ical_answer answer);

/* An iTIP REPLY as read by ical_reply_parse.  Strings owned; release
 * with ical_reply_release. */
struct ical_reply {
	char *uid;
	char *attendee; /* lower-case address, without "mailto:" */
	enum ical_answer answer;
	int sequence;      /* SEQUENCE, -1 when absent */
	char *comment;     /* COMMENT (a note some clients let people add), as
			    * one line of at most 500 bytes; NULL: none */
	char proposed[11]; /* COUNTER: the proposed DTSTART's date,
			    * "YYYY-MM-DD" (a time is read in the zone it
			    * names, UTC as Vietnam's UTC+7); else "" */
};

/* The largest calendar object ical_reply_parse reads. */
#define ICAL_REPLY_MAX (256 * 1024)

/* Reads an iTIP REPLY (RFC 5546 3.2.3) as Outlook, Gmail and Thunderbird
 * send it for their Accept / Decline / Tentative buttons: a VCALENDAR
 * with METHOD:REPLY whose first VEVENT has a UID (at most 255 bytes,
 * printable) and an ATTENDEE with a mailto: address and PARTSTAT
 * ACCEPTED, DECLINED or TENTATIVE (the first such ATTENDEE counts).
 * Also an iTIP COUNTER (RFC 5546 3.2.7: another date proposed): the
 * same UID, the first ATTENDEE with a mailto: address (any PARTSTAT),
 * and a DTSTART, whose date is the proposal; answer COUNTER.
 * len bytes of text, which need not be NUL-terminated; a NUL ends the
 * text.  0 and *r filled, or -1 with *error_r (caller frees) for anything
 * else: another method, no event, a missing or malformed field, more than
 * ICAL_REPLY_MAX bytes.  Never crashes on malformed input. */
int ical_reply_parse(const char *text, size_t len, struct ical_reply *r,
		     char **error_r);

/* ical_reply_parse, where a COUNTER that lists several attendees is
 * read as from the one whose address is sender's (the mail's From; NULL:
 * the first with an address). */
int ical_answer_parse(const char *text, size_t len, const char *sender,
		      struct ical_reply *r, char **error_r);

/* Frees what ical_reply_parse filled and zeroes r; NULL-safe. */
void ical_reply_release(struct ical_reply *r);

#endif
