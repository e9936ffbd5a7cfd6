/* Sending mail over SMTP with libcurl.  One client keeps its connection
 * open across smtp_send calls, so a batch costs one handshake. */
#ifndef CONGVAN_SMTP_H
#define CONGVAN_SMTP_H

#include <stdbool.h>
#include <stddef.h>

#include "congvan/config.h"
#include "congvan/fail.h"

struct smtp_client;

/* The client borrows cfg; cfg must outlive it. */
struct smtp_client *smtp_new(const struct config_smtp *cfg);
void smtp_free(struct smtp_client **cp);

/* A recipient the server refused at RCPT TO: its address and the
 * server's answer ("550 5.1.1 <x@y>: Recipient address rejected"); for
 * good when a 5xx is about the recipient, not about our sender. */
struct smtp_refusal {
	char *rcpt;
	long code;
	char *reply;
	bool for_good;
};

/* Sends data (a whole RFC 5322 message, CRLF line ends) from the envelope
 * sender to every recipient.  On failure *fail_r says what to do, from
 * where in the session the server said no:
 * - FAIL_FATAL: no mail can go now.  The server is unreachable, or cut
 *   the connection, or refused the session before the message: its
 *   greeting, EHLO, TLS, the login, or our sender (at MAIL FROM, or at
 *   RCPT TO with an answer that names it, as Postfix does).  Stop the
 *   batch, keep the mail.
 * - FAIL_PERM: this message, for good: every recipient refused with a
 *   5xx, or its size or content refused with a 5xx.
 * - FAIL_TEMP: this message, for now: the same with a 4xx.
 * A 4xx on a connection that has carried mail before may concern the
 * session (too many messages on it): the message is tried once more on a
 * new connection, where a 4xx is the message's.
 * When some recipients are refused and others taken, the message goes to
 * those taken and smtp_send succeeds: smtp_refused lists the others.
 * *error_r holds the server's words, never the password. */
int smtp_send(struct smtp_client *c, const char *from, const char *const *rcpt,
	      const char *data, size_t len, enum fail *fail_r, char **error_r);

/* After smtp_send: the recipients refused in that try (none: NULL, 0),
 * valid until the next smtp_send. */
const struct smtp_refusal *smtp_refused(const struct smtp_client *c,
					size_t *n_r);

/* After a failed smtp_send: whether the server refused the message for
 * its size (552, or 5.3.4, at MAIL FROM or for the data). */
bool smtp_too_large(const struct smtp_client *c);

/* After smtp_send: whether the server was given the message's recipients
 * in that try.  One that was not (unreachable, the session refused before
 * the message) has not seen it, and the message is not at fault. */
bool smtp_offered(const struct smtp_client *c);

#endif
