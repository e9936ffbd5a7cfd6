/* An item's life, named once: the statuses an item goes through and the
 * kinds of events the audit trail records, each with its typed details.
 *
 * Every event is stored twice over, in one row: its details as a JSON
 * object of the fields below (what programs read: the report, the audit
 * filter), and as one line of English for people (`show`, `audit`), made
 * here from the same fields.  Which kind carries which field is the table
 * in src/event/event.c.  Who may change a status, and when, is
 * src/workflow/lifecycle.c. */
#ifndef CONGVAN_EVENT_H
#define CONGVAN_EVENT_H

#include <stdbool.h>
#include <stdint.h>

/* --- statuses ------------------------------------------------------------- */

enum item_status {
	ITEM_REGISTERED, /* waiting for assignment */
	ITEM_ASSIGNED,
	ITEM_DISPUTED, /* a consulted unit disagrees: open until settled */
	ITEM_DONE,
	ITEM_RETURNED,
	ITEM_STATUS_COUNT
};

/* The open statuses as an SQL list, for the store's queries. */
#define ITEM_STATUS_OPEN_SQL "('assigned', 'disputed')"

/* The kinds of event that tell the report who led and handled an item
 * when, and its deadline (src/report/history.c), as an SQL condition on a
 * column kind.  The store's index events_history holds these events alone
 * and its query writes the same text, for SQLite to see that the index
 * serves it; another list needs a migration that makes the index again.
 * Comparisons joined by OR, not an IN list: SQLite evaluates a partial
 * index's condition at every insert, and an IN list of five made each
 * event written 75 % dearer (a table built for each). */
#define EVENT_KIND_HISTORY_SQL                                                 \
	"(kind = 'assigned' OR kind = 'delegated' OR kind = 'transferred'"     \
	" OR kind = 'deadline-set' OR kind = 'extension-granted')"

/* "registered", "assigned", ... (static). */
const char *event_item_status_name(enum item_status s);
/* 0 with *s_r when name is a status, else -1. */
int event_item_status_parse(const char *name, enum item_status *s_r);
/* Assigned or disputed: work goes on. */
bool event_item_status_is_open(enum item_status s);
/* The names, comma-separated, for messages: "registered, assigned, ...". */
const char *event_item_status_list(void);

/* --- event kinds ---------------------------------------------------------- */

enum event_kind {
	/* intake */
	EV_REGISTERED,
	EV_DUPLICATE_LETTER,
	EV_DUPLICATE_RECEIVED,
	EV_LETTER_RECEIVED,
	EV_REPLY_RECEIVED,
	EV_AUTO_RECEIVED,
	EV_BOUNCE_RECEIVED,
	EV_UIDVALIDITY_CHANGED,
	EV_HISTORY_KEPT,   /* the first start kept old mail as history */
	EV_HISTORY_MARKED, /* `congvan register` asked for some of it */
	/* the work */
	EV_ASSIGNED,
	EV_DEADLINE_SET,
	EV_DELEGATED,
	EV_CONSULTED,
	EV_OPINION,
	EV_DEEMED_AGREEMENT,
	EV_EXTENSION_REQUESTED,
	EV_EXTENSION_GRANTED,
	EV_EXTENSION_REFUSED,
	EV_TRANSFERRED,
	EV_RETURNED,
	EV_DONE,
	EV_SETTLED,
	EV_REPLY_RECORDED,
	EV_REPLY_NOT_ACTED,
	EV_COMMAND_REFUSED, /* a command without the proof [security] asks */
	/* calendars */
	EV_CALENDAR_REQUEST,
	EV_CALENDAR_CANCEL,
	EV_CALENDAR_ACCEPTED,
	EV_CALENDAR_DECLINED,
	EV_CALENDAR_TENTATIVE,
	EV_CALENDAR_COUNTER, /* another date proposed (iTIP COUNTER) */
	EV_CALENDAR_REPLY_OUTDATED,
	EV_CALENDAR_REPLY_NOT_ACTED,
	EV_CALENDAR_REPLY_UNKNOWN,
	/* mail */
	EV_MAIL_QUEUED,
	EV_MAIL_SKIPPED,
	EV_RATE_LIMITED,
	EV_MAIL_FAILED,
	EV_REPORT_QUEUED, /* written by 0.1.0; now a mail-queued "report" */
	/* the service */
	EV_FEED_REVOKED,
	/* a letter the Office should check before it is assigned (reason:
	 * an invalid or altered signature, details read only by OCR with
	 * low confidence) */
	EV_FLAGGED,
	EV_KIND_COUNT
};

/* "assigned", "mail-queued", ... (static). */
const char *event_kind_name(enum event_kind k);
/* 0 with *k_r when name is a kind, else -1. */
int event_kind_parse(const char *name, enum event_kind *k_r);

/* --- typed details ---------------------------------------------------------
 * The fields an event may carry (strings borrowed).  Unset fields are
 * NULL, 0 or false and are not stored. */
struct event_data {
	/* assigned: the lead; consulted, opinion, deemed-agreement: the unit
	 * asked; transferred, returned: the unit that passed the item on */
	const char *unit;
	const char *to_unit;           /* transferred: the new lead */
	const char *const *coordinate; /* assigned: NULL-terminated; not
					* read back */
	const char *address; /* delegated: the handler; mail: recipients */
	const char *name;    /* delegated: the handler's name */
	const char *state;   /* opinion: agree, disagree, unclear */
	int32_t due;         /* a deadline set or asked for (a day, see
			      * workday.h; 0: none) */
	int days;            /* done: working days late (0: on time) */
	bool late;           /* opinion: given after its deadline */
	const char *reason;
	const char *role;     /* calendar: lead, handler, consult, ... */
	const char *uid;      /* calendar */
	int sequence;         /* calendar */
	const char *template; /* mail: the template's name */
	const char *text;     /* free text: a subject, a reply, a note */
};

/* The JSON field names, for the store's queries. */
#define EVENT_F_UNIT     "unit"
#define EVENT_F_TO_UNIT  "to_unit"
#define EVENT_F_ADDRESS  "address"
#define EVENT_F_STATE    "state"
#define EVENT_F_DUE      "due"
#define EVENT_F_DAYS     "days"
#define EVENT_F_LATE     "late"
#define EVENT_F_REASON   "reason"
#define EVENT_F_TEMPLATE "template"

/* The JSON object of the fields d sets that kind carries; NULL when it
 * carries none.  Caller frees. */
char *event_data_json(enum event_kind kind, const struct event_data *d);
/* The line people read for it ("lead KHTC, deadline 20/05/2026"); NULL
 * when there is nothing to say.  Caller frees. */
char *event_describe(enum event_kind kind, const struct event_data *d);

#endif
