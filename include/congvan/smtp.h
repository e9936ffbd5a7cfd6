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

/* Sends data (a whole RFC 5322 message, CRLF line ends) from the envelope
 * sender to every recipient.  On failure *fail_r says what to do:
 * FAIL_TEMP (a 4xx for this message: retry it later), FAIL_PERM (a 5xx
 * for this message: give up on it), FAIL_FATAL (the server cannot be used
 * now: unreachable, TLS or login refused; stop the batch, keep the mail).
 * A 4xx on a connection that has carried mail before may concern the
 * session (too many messages on it): the message is tried once more on a
 * new connection, where a 4xx is the message's.
 * *error_r holds the server's words, never the password. */
int smtp_send(struct smtp_client *c, const char *from, const char *const *rcpt,
	      const char *data, size_t len, enum fail *fail_r, char **error_r);

/* After smtp_send: whether the server gave any SMTP answer in that try.
 * One that never did (unreachable, the connection refused or cut before
 * its greeting) has not seen the message, which is not at fault. */
bool smtp_answered(const struct smtp_client *c);

#endif
