/* Shared inside src/workflow only. */
#ifndef CONGVAN_WORKFLOW_PRIVATE_H
#define CONGVAN_WORKFLOW_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include "congvan/config.h"
#include "congvan/ical.h"
#include "congvan/reply.h"
#include "congvan/runtime.h"
#include "congvan/store.h"
#include "congvan/text.h"
#include "congvan/util.h"
#include "congvan/workday.h"
#include "congvan/words.h"
#include "congvan/workflow.h"

/* The variables every template may use (templates/LANG/NAME.txt). */
enum wf_var {
	V_ORGANIZATION,
	V_KEY,
	V_SUBJECT,
	V_NUMBER,
	V_SENDER,
	V_LETTER_DATE,
	V_ARRIVAL_NO,
	V_REGISTERED,
	V_RECIPIENT,
	V_LEAD,
	V_LEAD_CODE,
	V_COORDINATE,
	V_DEADLINE,
	V_DEADLINE_WEEKDAY,
	V_HANDLER,
	V_INTERNAL_DEADLINE,
	V_UNIT,
	V_UNIT_CODE,
	V_FROM_UNIT,
	V_CONSULT_DEADLINE,
	V_CONSULT_UNITS,
	V_DAYS_LEFT,
	V_DAYS_OVERDUE,
	V_ACTOR,
	V_REASON,
	V_ANSWER,
	V_CHANGES,
	V_NEW_DEADLINE,
	V_DECISION,
	V_ON_TIME,
	V_DONE_DATE,
	V_OFFICE,
	V_EVENT,      /* what a calendar event is: "Hạn xử lý", ... */
	V_EVENT_DATE, /* its date */
	V_DUPLICATE_OF,
	V_REQUEST,     /* what the lead unit wrote when it asked for opinions */
	V_SIGNATURES,  /* one sentence per digital signature; "" */
	V_CHECK,       /* why the Office should check the letter; "—" */
	V_UNDELIVERED, /* the addresses mail did not reach, and why */
	V_COUNT
};

/* One mail being prepared: its variables (owned copies) and
 * recipients. */
#define WF_RCPT_MAX 64
struct wf_mail {
	char *v[V_COUNT];
	const char *to[WF_RCPT_MAX + 1];
	const char *cc[WF_RCPT_MAX + 1];
	size_t n_to, n_cc;
	bool attach_letter;    /* the item's letter, as message/rfc822 */
	int64_t attach_answer; /* a stored message (the answer), or 0 */
	const char *in_reply_to;
	char *calendar;              /* an iCalendar object, or NULL */
	const char *calendar_method; /* "REQUEST" or "CANCEL" with it */
	char *owned[WF_RCPT_MAX];    /* addresses copied by wf_cc_copy */
	size_t n_owned;
};

/* The item being worked on, with what the templates say about it. */
struct wf_item {
	struct store_case c;
	struct store_letter_row letter; /* zeroed when none */
	bool has_letter;
	bool letter_read; /* letter, has_letter and sigs are set */
	const struct config_unit *lead;   /* NULL: unassigned or unknown */
	struct store_signature_row *sigs; /* of the letter's PDFs */
	size_t n_sigs;
};

/* --- notify.c ----------------------------------------------------------- */

/* Loads item_id: 1, 0 when it does not exist, -1 on error. */
int wf_item_load(struct runtime *rt, int64_t item_id, struct wf_item *it,
		 char **error_r);
/* Loads only item_id's case and lead unit, as wf_item_load does, for
 * work that may write no mail: wf_item_read_letter before any mail. */
int wf_item_load_case(struct runtime *rt, int64_t item_id, struct wf_item *it,
		      char **error_r);
/* Reads the item's letter and signatures unless read already: 0, or -1. */
int wf_item_read_letter(struct runtime *rt, struct wf_item *it, char **error_r);
/* The item store_item_create has just registered as item (with the
 * subject and sender it was given), as wf_item_load would load it: its
 * case is not read back (store_case_of_new_item), its letter is read.
 * 0, or -1 (nothing to release). */
int wf_item_new(struct runtime *rt, const struct store_item *item,
		struct wf_item *it, char **error_r);
void wf_item_release(struct wf_item *it);

/* Starts a mail about it with every common variable set. */
void wf_mail_init(struct runtime *rt, const struct wf_item *it,
		  struct wf_mail *m);
void wf_mail_release(struct wf_mail *m);
/* Sets a variable (copied; NULL is ""). */
void wf_set(struct wf_mail *m, enum wf_var v, const char *value);
void wf_setf(struct wf_mail *m, enum wf_var v, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Adds a recipient unless already there (case-insensitive); an address
 * that is NULL or empty is skipped. */
void wf_to(struct wf_mail *m, const char *address);
void wf_cc(struct wf_mail *m, const char *address);
/* Adds a unit's mailbox and head. */
void wf_to_unit(struct wf_mail *m, const struct config_unit *u);
/* wf_to and wf_cc with a copy of address, which m owns. */
void wf_to_copy(struct wf_mail *m, const char *address);
void wf_cc_copy(struct wf_mail *m, const char *address);
void wf_cc_unit(struct wf_mail *m, const struct config_unit *u);
/* Renders template name and queues it through the outbox, which
 * records it on the item (mail-queued). */
int wf_send(struct runtime *rt, const struct wf_item *it, struct wf_mail *m,
	    const char *name, char **error_r);

/* --- lifecycle.c: the one place an item's case changes ------------------ */

/* Whether event kind may happen to it in its status. */
bool wf_may(const struct wf_item *it, enum event_kind kind);
/* Appends event kind (details d, may be NULL; actor, and msg_id the
 * message that caused it or 0) on it and writes what it means for the
 * case: the status it leads to, and for assigned the lead, coordinating
 * units (d->coordinate), deadline and the assigner, for deadline-set and
 * extension-granted the deadline, for delegated the handler; it->c and
 * it->lead follow what is written, holding what a reload would read
 * (store_case_apply_*).  0; 1 when kind may not happen in its status
 * (nothing is written); -1 on error. */
int wf_apply(struct runtime *rt, struct wf_item *it, int64_t msg_id,
	     const char *actor, enum event_kind kind,
	     const struct event_data *d, char **error_r);
/* An event on the item that changes nothing on its case. */
static inline int wf_record(struct runtime *rt, const struct wf_item *it,
			    int64_t msg_id, const char *actor,
			    enum event_kind kind, const struct event_data *d,
			    char **error_r)
{
	return runtime_event(rt, it->c.id, msg_id, actor, kind, d, error_r);
}

/* The day of runtime_now(rt). */
int32_t wf_today(const struct runtime *rt);
/* "DD/MM/YYYY" of day (0: ""). */
void wf_day_text(int32_t day, char buf[16]);
/* A word of the catalogue in the service's language. */
const char *wf_word(const struct runtime *rt, enum word w);

/* --- checks.c: how the letter was read, for the notices ----------------- */

/* The sentences of it's signatures in lang, one after the other; ""
 * when none.  Caller frees. */
char *wf_signatures_text(const struct wf_item *it, const char *lang);
/* Why the Office should check it before it is assigned (an invalid or
 * altered signature, details read only by OCR with low confidence), in
 * lang; NULL when nothing.  Caller frees. */
char *wf_check_text(const struct wf_item *it, const char *lang);
/* Records that it is to be checked (EV_FLAGGED, the reason in English). */
int wf_flag(struct runtime *rt, const struct wf_item *it, int64_t msg_id,
	    char **error_r);

/* --- due.c -------------------------------------------------------------- */

/* Reads a "Hạn:" / "Gia hạn:" value: a date as people write it
 * (workday_parse_written) rolled to a working day, or "N ngày làm việc"
 * / "N working days" / "N ngày" / "N days" counted from today; "thêm",
 * "đến", "trước", "until", "by", "to" before it are passed over.  0 with
 * the day, or -1 with *error_r. */
int wf_parse_due(const struct runtime *rt, const char *text, int32_t *day_r,
		 char **error_r);
/* N when text is a number of days as wf_parse_due reads it ("thêm 5
 * ngày làm việc"), else 0. */
int wf_due_days(const char *text);
/* The day an extension written as text reaches: a number of days ("thêm
 * 5 ngày làm việc") counted from the deadline from, else a date as
 * wf_parse_due reads it.  0, or -1 with *error_r. */
int wf_parse_extension(const struct runtime *rt, int32_t from, const char *text,
		       int32_t *day_r, char **error_r);

/* The deadline of a new assignment: Hạn from the reply (due_text, may be
 * NULL) wins, then a deadline the letter states, then the rule's days,
 * then [deadlines] assignment_days. */
int wf_assignment_due(const struct runtime *rt, const struct wf_item *it,
		      const char *due_text, int rule_days, int32_t *day_r,
		      char **error_r);

/* --- assign.c ----------------------------------------------------------- */

/* Assigns it to lead with coordinating units and deadline due, records
 * it and mails the assignment. */
int wf_assign(struct runtime *rt, struct wf_item *it,
	      const struct config_unit *lead,
	      const struct config_unit *const *coordinate, size_t n_coordinate,
	      int32_t due, const char *by, int64_t msg_id, char **error_r);
/* The assignment notice of it as it stands (lead, coordinating units,
 * deadline due), with the letter and the lead unit's calendar event, to
 * the units' addresses in the directory now: To the lead unit, in copy
 * to the coordinating ones.  wf_assign sends it; "Gửi lại:" again. */
int wf_assignment_notice(struct runtime *rt, const struct wf_item *it,
			 const struct config_unit *lead,
			 const struct config_unit *const *coordinate,
			 size_t n_coordinate, int32_t due, char **error_r);

/* --- invitations.c: the iCalendar events of deadlines ------------------ */

/* Attaches to m the REQUEST of part of the item's work done by who (a
 * unit code, or the handler's address), with deadline due: the event's entry is
 * created, or its SEQUENCE raised (same UID).  Call it when m's recipients are
 * complete: its To become required attendees and its Cc optional ones; the
 * recipients of the event's earlier request who are not among them get
 * the mail in copy, so every calendar holding the event hears of the
 * change.  An event "calendar-request" records it. */
int wf_calendar_request(struct runtime *rt, const struct wf_item *it,
			struct wf_mail *m, enum ical_part part, const char *who,
			int32_t due, char **error_r);

/* Cancels the open event of part done by who, when there is one: its
 * SEQUENCE is raised and a "calendar_cancel" mail carrying the CANCEL
 * goes to its recipients, saying why (reason, in the service's
 * language).  An event "calendar-cancel" records it. */
int wf_calendar_cancel(struct runtime *rt, const struct wf_item *it,
		       enum ical_part part, const char *who, const char *reason,
		       char **error_r);

/* The UID a first event for part of the item's work done by who gets
 * (ical_uid, marked under the service secret).  Caller frees. */
char *wf_calendar_uid(const struct runtime *rt, const struct wf_item *it,
		      enum ical_part part, const char *who);

/* Cancels, as wf_calendar_cancel, every open event of the item whose role
 * is role (NULL: any) and whose party is not keep_party (a unit code or
 * an address, in any case; NULL: none). */
int wf_calendar_cancel_all(struct runtime *rt, const struct wf_item *it,
			   const char *role, const char *keep_party,
			   const char *reason, char **error_r);

/* --- replies.c: what a calendar's counter-proposal asks -------------- */

/* Another date attendee (actor: "Name <address>") proposed for the lead
 * unit's event of the item (iTIP COUNTER): from the lead side of an open
 * item, an extension request to day, as "Gia hạn:" makes one (the
 * calendar's comment its reason), acknowledged to attendee; from anyone
 * else recorded as not acted on.  The caller has judged the answer's
 * proof of receipt. */
int wf_counter_proposal(struct runtime *rt, int64_t item_id, int64_t msg_id,
			const struct inspection *in,
			const struct workflow_sender *who, const char *attendee,
			const char *actor, int32_t day, char **error_r);

/* --- undelivered.c: the Office told of mail that did not arrive -------- */

/* An address mail about an item did not reach, and the server's words. */
struct wf_failed_rcpt {
	char *address; /* NULL: the event named none */
	char *reason;
};
/* The addresses of one item, in the order their events came. */
struct wf_failed_item {
	int64_t item_id;
	struct wf_failed_rcpt *rcpt;
	size_t n; /* 0: only the Office's own address failed */
};
/* The items, in the order of their first event. */
struct wf_failed_set {
	struct wf_failed_item *items;
	size_t n;
};

/* Adds a mail-failed event on item_id to s: address is the event's (one
 * address, or the ", "-separated recipients of a whole mail that failed;
 * NULL or "": none named), detail its line for people ("ADDRESS: WORDS",
 * or "WORDS"), whose words after the address are the reason.  Left out:
 * an event about no item (item_id 0: the periodic report; the outbox's
 * log says it), and the address office (without case), so that a notice
 * to the Office that fails is never told to it again; an address listed
 * on the item already is not listed twice (its first reason stays). */
void wf_failed_add(struct wf_failed_set *s, int64_t item_id,
		   const char *address, const char *detail, const char *office);
void wf_failed_release(struct wf_failed_set *s);

#endif
