/* The durable outbox: mail is queued in the same transaction as the
 * change that caused it, then delivered by outbox_flush with retries. */
#ifndef CONGVAN_OUTBOX_H
#define CONGVAN_OUTBOX_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "congvan/message.h"
#include "congvan/runtime.h"
#include "congvan/template.h"

/* Temporary failures are retried after outbox_backoff(attempts) seconds
 * (1, 2, 4 ... minutes, at most 4 hours) until OUTBOX_GIVE_UP seconds
 * after the mail was queued; then the mail is marked failed. */
#define OUTBOX_GIVE_UP (5 * 24 * 3600)
time_t outbox_backoff(int attempts);

/* A server that could not be used failures flushes in a row is tried
 * again after this long: 1, 2, 4 ... minutes, at most
 * OUTBOX_SERVER_WAIT_MAX, so that mail queued meanwhile is not held
 * back as long as a message the server keeps refusing. */
#define OUTBOX_SERVER_WAIT_MAX (15 * 60)
time_t outbox_server_backoff(int failures);

/* Against runaway loops: a recipient who was queued OUTBOX_RATE_MAX
 * messages about one item in the last OUTBOX_RATE_WINDOW seconds gets no
 * more about it until the window has moved on (mail about many items, as
 * a Monday's reminders, is never held back). */
#define OUTBOX_RATE_MAX    10
#define OUTBOX_RATE_WINDOW 600

/* One message to queue.  Everything is borrowed by outbox_queue_mail. */
/* The content type of a stored message attached by reference. */
#define OUTBOX_ATTACH_TYPE "message/rfc822"

struct outbox_mail {
	int64_t item_id; /* 0: none */
	const char *key; /* item key for X-Congvan-Item and the Message-ID
			  * tag; may be NULL */
	const char *template_name;
	const struct template_var *vars;
	size_t nvars;
	const char *const *to;         /* NULL-terminated; empty: skipped */
	const char *const *cc;         /* NULL-terminated or NULL */
	const char *reply_to;          /* may be NULL */
	const char *in_reply_to;       /* message id without brackets, may be
					* NULL */
	const char *const *references; /* may be NULL */
	const struct message_attachment *attachments;
	size_t n_attachments;
	/* A stored message (store_blob_put) attached after attachments, as
	 * message/rfc822 named attach_name, by reference: the queue keeps
	 * its SHA-256, not a copy, and the part is written when the mail is
	 * sent (message_attachment_write).  NULL: none. */
	const char *attach_sha;
	const char *attach_name;
	const char *calendar;        /* may be NULL */
	const char *calendar_method; /* required with calendar */
	const char *language;        /* NULL: cfg->service.language */
};

/* Renders m->template_name and queues the message: every mail congvan
 * sends goes this way, and is recorded by one event, mail-queued (with
 * the template and the recipients; mail-skipped when to is empty).  The
 * envelope is To then Cc, each address once (compared without ASCII
 * case); the headers name To and Cc as given.  An address that is not valid
 * (message_check_address) is an error naming it.  A recipient over the
 * rate limit is left out of the envelope, with a warning and a
 * "rate-limited" event; when no recipient is left nothing is queued and
 * the result is 0 with *msgid_r NULL.  Otherwise *msgid_r (when msgid_r
 * is not NULL) is the new Message-ID without brackets, which replies
 * will name; caller frees.  Must run inside a store transaction. */
int outbox_queue_mail(struct runtime *rt, const struct outbox_mail *m,
		      char **msgid_r, char **error_r);

/* Appends queued mail o as it is sent: its bytes, with the part of a
 * stored message attached by reference written in its place, or with
 * letter_out a note that the letter was too large to carry.  -1 with
 * *error_r when that message cannot be read. */
int outbox_message(struct runtime *rt, const struct store_outbox *o,
		   bool letter_out, struct sbuf *sb, char **error_r);

struct outbox_stats {
	int sent, deferred, failed;
	/* The server could not be reached or refused us: the mail due
	 * waits. */
	bool unreachable;
	/* max mails were tried: more may be due, for the next flush */
	bool more;
};

/* The most mails one flush of a bounded cycle (serve) tries to send, so
 * that a large backlog does not hold new mail's intake back for long. */
#define OUTBOX_FLUSH_BATCH 1000

/* Sends the due messages over one SMTP connection, the longest due
 * first, then in the order queued: every one, or when max > 0 at most
 * max tries (stats_r->more then).  A server that cannot be reached or
 * refuses the session ends the flush (stats_r->unreachable): the message
 * tried is put off if the server was given it (smtp_offered), the rest,
 * and the one tried when it was not, is left due as it is,
 * except mail queued OUTBOX_GIVE_UP ago or more, which fails.  The
 * caller decides when to try the server again (outbox_server_backoff).
 * Returns -1 only when the store fails. */
int outbox_flush(struct runtime *rt, int max, struct outbox_stats *stats_r,
		 char **error_r);

#endif
