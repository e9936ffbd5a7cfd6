/* Inside the smtp module: the reading of libcurl's protocol trace (the
 * commands sent, the server's answers), a pure state machine, so that the
 * tests and the fuzz target can feed it a dialogue without a server. */
#ifndef CONGVAN_SMTP_PRIVATE_H
#define CONGVAN_SMTP_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "congvan/smtp.h"

/* What the client said last, so what the server's next answer is about. */
enum smtp_stage {
	SMTP_STAGE_GREETING, /* nothing yet: the answer is the greeting */
	SMTP_STAGE_SESSION,  /* EHLO, HELO, STARTTLS, AUTH */
	SMTP_STAGE_MAIL,     /* MAIL FROM */
	SMTP_STAGE_RCPT,     /* RCPT TO */
	SMTP_STAGE_DATA,     /* DATA */
	SMTP_STAGE_BODY,     /* the message itself, after DATA's 354 */
	SMTP_STAGE_QUIT,
};

/* The longest server answer kept for an error message, with its NUL. */
#define SMTP_REPLY_MAX 200

/* One transaction as the trace tells it: the stage, the last complete
 * answer and the stage it answered.  Zeroed memory is a trace before its
 * first transaction. */
struct smtp_trace {
	enum smtp_stage stage;
	enum smtp_stage reply_stage;
	long reply_code; /* 0: no answer yet */
	/* Printable ASCII (anything else is '?'), the lines of a multi-line
	 * answer joined by a space, cut to fit. */
	char reply[SMTP_REPLY_MAX];
	bool in_answer;  /* lines of a multi-line answer came, not its last */
	char *rcpt;      /* the recipient of the last RCPT TO */
	bool offered;    /* the server was given a recipient of the message */
	char *mail_from; /* "<address>" of the transaction, or NULL */
	/* A recipient refused with an answer about our sender: Postfix
	 * judges the sender at RCPT TO ("553 5.7.1 <us@x>: Sender address
	 * rejected: not owned by user"), and would refuse every message. */
	bool sender_refused;
	struct smtp_refusal *refused;
	size_t n_refused;
};

/* Starts a transaction: forgets the last one (its answer, its refusals)
 * and expects the greeting (on a reused connection the first thing said
 * is MAIL FROM instead).  mail_from ("<address>", NULL for none) is
 * copied. */
void smtp_trace_start(struct smtp_trace *t, const char *mail_from);

/* What the trace gives: from the server (answers) or from the client
 * (commands), one or several lines, each ending at '\n' or at the end of
 * data; a command's verb only is read, never its arguments but RCPT TO's
 * address (AUTH's lines carry credentials). */
void smtp_trace_feed(struct smtp_trace *t, bool from_server, const char *data,
		     size_t len);

/* Releases what t holds and zeroes it; t itself is the caller's. */
void smtp_trace_free(struct smtp_trace *t);

#endif
