/* The rules of the ministry's letter carried out by mail: assignment of
 * every letter to one lead unit, working-day deadlines, delegation,
 * consultations with deemed agreement, extensions, returns, transfers,
 * completion, and the scheduler's reminders and escalations.
 *
 * Every function runs inside the caller's store transaction: what it
 * changes and the mail it queues commit together or not at all. */
#ifndef CONGVAN_WORKFLOW_H
#define CONGVAN_WORKFLOW_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "congvan/inspect.h"
#include "congvan/runtime.h"
#include "congvan/store.h"
#include "congvan/workday.h"

/* A newly registered item from letter in: assigned by the first matching
 * rule, else the Office is asked to assign it.  item is as
 * store_item_create registered it, with the subject and sender it was
 * given (its case is not read back).  duplicate_of is the key of an
 * earlier item with the same letter, or NULL. */
int workflow_letter(struct runtime *rt, const struct store_item *item,
		    const struct inspection *in, const char *duplicate_of,
		    char **error_r);

/* The day the deadline a stored letter states ends on (the end of that
 * day, UTC+7), for a letter received at received_at: a date, or the last
 * day of a month, moved to the next working day when it is a day off; N
 * working days counted from the day of receipt (or the letter's date,
 * "kể từ ngày ký"), which does not count; N calendar days likewise,
 * ending on the next working day when the last one is a day off (Civil
 * Code 2015, art. 148).  0 with *day_r; -1 when the letter states none
 * (or counts from a date it does not give). */
int workflow_letter_due(const struct workcal *cal,
			const struct store_letter_row *l, time_t received_at,
			int32_t *day_r);

/* How a reply found its item: the proof of receipt it carries. */
enum workflow_match {
	WORKFLOW_MATCH_REFERENCE, /* names a Message-ID we sent about it */
	WORKFLOW_MATCH_TOKEN,     /* sent to its signed reply address */
	WORKFLOW_MATCH_TAG,       /* only the subject tag: no proof */
};

/* What is known of who sent a reply. */
struct workflow_sender {
	enum workflow_match match;
	bool authenticated; /* by a trusted server or a verified DKIM
			     * signature (src/auth) */
	char how[160];      /* how, or why not ("": not checked) */
};

/* A reply (msg_id, already stored) matched to item_id: when it commands
 * (a command line or a decision) and [security] commands asks for a
 * proof that who does not carry, the command is refused: recorded
 * (command-refused) and explained once to the sender's address.
 * Otherwise what its sender may do on that item is done and
 * acknowledged; anything else is only recorded. */
int workflow_reply(struct runtime *rt, int64_t item_id, int64_t msg_id,
		   const struct inspection *in,
		   const struct workflow_sender *who, char **error_r);

/* An iTIP REPLY (in->calendar_reply: a calendar's Accept, Decline or
 * Tentative button) or COUNTER to one of item_id's events (msg_id,
 * already stored):
 * from an invited attendee, to the event's current version, and (where
 * [security] commands asks for authenticated senders) from the attendee's
 * own From address, authenticated (who), the answer is recorded on the
 * event and on the item ("calendar-accepted",
 * "calendar-declined", "calendar-tentative"), and a decline is told to
 * the Office and the lead unit's head; anything else is only recorded
 * ("calendar-reply-not-acted", "calendar-reply-outdated"). Never read
 * for commands.  An iTIP COUNTER (another date proposed) is recorded as
 * "calendar-counter"; on the lead unit's event, from the lead side of an
 * open item, it asks for an extension to that date as "Gia hạn:" does,
 * and is acknowledged as such a reply is. */
int workflow_calendar_reply(struct runtime *rt, int64_t item_id, int64_t msg_id,
			    const struct inspection *in,
			    const struct workflow_sender *who, char **error_r);

/* The scheduler at runtime_now(rt), over a batch of the items due (at
 * most [service] scheduler_batch, the earliest due first): reminders
 * before and on deadlines, overdue reminders, escalation, deemed
 * agreements.  Each stage is acted on once, however often or late
 * this runs.  0 when every item due was handled, 1 when more are due (a
 * next call goes on with them), -1 with *error_r. */
int workflow_tick(struct runtime *rt, char **error_r);

/* Tells the Office of the mail that did not reach someone: the
 * mail-failed events recorded since the last call (a watermark in the
 * store: each is told once), oldest first, one notice "mail_failed" per
 * item naming every address of it the mail did not reach with the
 * server's words.  The Office's own address is never told to it (a
 * broken Office address cannot loop), nor mail about no item.  0 when
 * every event was read, 1 when more are left (at most 1,000 a call),
 * -1 with *error_r.  Inside a store transaction. */
int workflow_tell_undelivered(struct runtime *rt, char **error_r);

/* With [smtp] reply_plus and a service secret: the signed reply address
 * of item key (BOX+TOKEN@DOMAIN, see src/workflow/reply_address.c), which the
 * caller frees; NULL otherwise. */
char *workflow_reply_address(const struct runtime *rt, const char *key);

/* Whether address is a reply address we signed: 1 with the item key in
 * key_r, 0 when it is not (or the signature is wrong). */
int workflow_reply_token(const struct runtime *rt, const char *address,
			 char key_r[32]);

/* One sentence for a digital signature of a letter, as the notices say
 * it ("Văn bản có chữ ký số của X, hợp lệ, ký lúc 05/12/2026 09:15."),
 * in lang ("vi", "en").  Caller frees. */
char *workflow_signature_text(const struct store_signature_row *r,
			      const char *lang);
/* Whether the Office is told to check that signature: not valid, or the
 * letter changed after it was signed. */
bool workflow_signature_flagged(const struct store_signature_row *r);

#endif
