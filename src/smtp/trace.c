/* libcurl's protocol trace of an SMTP transaction, read as it comes: what
 * stage the session is in, the server's last complete answer, and which
 * recipients it refused.  The server's answers are untrusted input. */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "congvan/util.h"
#include "private.h"

static void refused_clear(struct smtp_trace *t)
{
	for (size_t i = 0; i < t->n_refused; i++) {
		free(t->refused[i].rcpt);
		free(t->refused[i].reply);
	}
	free(t->refused);
	t->refused = NULL;
	t->n_refused = 0;
}

void smtp_trace_free(struct smtp_trace *t)
{
	refused_clear(t);
	free(t->rcpt);
	free(t->mail_from);
	memset(t, 0, sizeof(*t));
}

void smtp_trace_start(struct smtp_trace *t, const char *mail_from)
{
	smtp_trace_free(t);
	t->stage = SMTP_STAGE_GREETING;
	t->mail_from = mail_from ? xstrdup(mail_from) : NULL;
}

/* The stage a command opens: its verb (never more of the line, which may
 * carry credentials); AUTH's continuation lines keep the stage. */
static enum smtp_stage command_stage(const char *line, size_t len,
				     enum smtp_stage now)
{
	static const struct {
		const char *verb;
		enum smtp_stage stage;
	} verbs[] = {
	    {"EHLO", SMTP_STAGE_SESSION},     {"HELO", SMTP_STAGE_SESSION},
	    {"STARTTLS", SMTP_STAGE_SESSION}, {"AUTH", SMTP_STAGE_SESSION},
	    {"MAIL", SMTP_STAGE_MAIL},        {"RCPT", SMTP_STAGE_RCPT},
	    {"DATA", SMTP_STAGE_DATA},        {"QUIT", SMTP_STAGE_QUIT},
	};

	for (size_t i = 0; i < ARRAY_SIZE(verbs); i++) {
		size_t n = strlen(verbs[i].verb);

		if (len >= n && strncasecmp(line, verbs[i].verb, n) == 0 &&
		    (len == n || line[n] == ' ' || line[n] == '\r')) {
			return verbs[i].stage;
		}
	}
	return now;
}

static void command_sent(struct smtp_trace *t, const char *line, size_t len)
{
	const char *lt, *gt;

	t->stage = command_stage(line, len, t->stage);
	if (t->stage != SMTP_STAGE_RCPT) {
		return;
	}
	t->offered = true;
	lt = memchr(line, '<', len);
	gt = lt ? memchr(lt, '>', len - (size_t)(lt - line)) : NULL;
	free(t->rcpt);
	t->rcpt = gt ? xstrndup(lt + 1, (size_t)(gt - lt - 1)) : NULL;
}

/* Appends the printable ASCII of s to the answer kept, within its size:
 * it goes to the log and the item's history as it is. */
static void reply_add(struct smtp_trace *t, const char *s, size_t len)
{
	size_t at = strlen(t->reply);

	for (size_t i = 0; i < len && at + 1 < sizeof(t->reply); i++) {
		unsigned char b = (unsigned char)s[i];

		t->reply[at++] = b >= 0x20 && b < 0x7f ? (char)b : '?';
	}
	t->reply[at] = '\0';
}

/* Whether the answer to RCPT TO names our sender rather than the
 * recipient asked for. */
static bool about_us(const struct smtp_trace *t)
{
	return t->mail_from && strcasestr(t->reply, t->mail_from) &&
	       !(t->rcpt && strcasestr(t->reply, t->rcpt));
}

/* A complete answer to RCPT TO refusing the recipient asked for. */
static void refusal_add(struct smtp_trace *t, long code)
{
	struct smtp_refusal *r;
	bool about_sender = about_us(t);

	t->sender_refused |= about_sender;
	t->refused =
	    xrealloc(t->refused, (t->n_refused + 1) * sizeof(*t->refused));
	r = &t->refused[t->n_refused++];
	r->rcpt = t->rcpt;
	r->code = code;
	r->reply = xstrdup(t->reply);
	r->for_good = code >= 500 && !about_sender;
	t->rcpt = NULL;
}

/* One line of an answer.  The lines of a multi-line answer ("550-5.1.1
 * The account ...", then "550 5.1.1 ...") are kept as one text; its last
 * line completes it. */
static void answer_line(struct smtp_trace *t, const char *line, size_t len)
{
	long code;
	bool last;

	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) {
		len--;
	}
	if (t->stage == SMTP_STAGE_QUIT) {
		return; /* the answer that matters came before */
	}
	if (len < 3 || !isdigit((unsigned char)line[0]) ||
	    !isdigit((unsigned char)line[1]) ||
	    !isdigit((unsigned char)line[2]) ||
	    (len > 3 && line[3] != ' ' && line[3] != '-')) {
		return;
	}
	last = len == 3 || line[3] == ' ';
	if (!t->in_answer) {
		t->reply[0] = '\0';
		reply_add(t, line, len);
	} else if (len > 4) {
		reply_add(t, " ", 1);
		reply_add(t, line + 4, len - 4);
	}
	t->in_answer = !last;
	if (!last) {
		return;
	}
	code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
	t->reply_code = code;
	t->reply_stage = t->stage;
	if (t->stage == SMTP_STAGE_RCPT && code >= 400 && t->rcpt) {
		refusal_add(t, code);
	} else if (t->stage == SMTP_STAGE_DATA && code == 354) {
		t->stage = SMTP_STAGE_BODY;
	}
}

void smtp_trace_feed(struct smtp_trace *t, bool from_server, const char *data,
		     size_t len)
{
	while (len > 0) {
		const char *nl = memchr(data, '\n', len);
		size_t n = nl ? (size_t)(nl - data) + 1 : len;

		if (from_server) {
			answer_line(t, data, n);
		} else {
			command_sent(t, data, n);
		}
		data += n;
		len -= n;
	}
}
