#include <ctype.h>
#include <curl/curl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "congvan/log.h"
#include "congvan/smtp.h"
#include "congvan/util.h"

/* What the client said last, so what the server's next answer is about. */
enum stage {
	STAGE_GREETING, /* nothing yet: the answer is the server's greeting */
	STAGE_SESSION,  /* EHLO, HELO, STARTTLS, AUTH */
	STAGE_MAIL,     /* MAIL FROM */
	STAGE_RCPT,     /* RCPT TO */
	STAGE_DATA,     /* DATA */
	STAGE_BODY,     /* the message itself, after DATA's 354 */
	STAGE_QUIT,
};

/* The longest server answer kept for an error message. */
#define REPLY_MAX 200

struct smtp_client {
	const struct config_smtp *cfg;
	CURL *curl;
	char errbuf[CURL_ERROR_SIZE];
	int carried; /* messages sent over the current connection */
	/* The transaction under way, followed through libcurl's debug
	 * callback: the stage, the last complete answer and its stage. */
	enum stage stage;
	enum stage reply_stage;
	long reply_code; /* 0: no answer yet */
	char reply[REPLY_MAX];
	bool in_answer; /* lines of a multi-line answer came, not its last */
	char *rcpt;     /* the recipient of the last RCPT TO */
	bool offered;   /* the server was given a recipient of the message */
	const char *mail_from; /* "<address>" of the transaction */
	/* A recipient refused with an answer about our sender: Postfix
	 * judges the sender at RCPT TO ("553 5.7.1 <us@x>: Sender address
	 * rejected: not owned by user"), and would refuse every message. */
	bool sender_refused;
	struct smtp_refusal *refused;
	size_t n_refused;
};

struct reader {
	const char *data;
	size_t len, off;
};

static size_t read_cb(char *buf, size_t size, size_t nmemb, void *p)
{
	struct reader *r = p;
	size_t n = size * nmemb;

	if (n > r->len - r->off) {
		n = r->len - r->off;
	}
	memcpy(buf, r->data + r->off, n);
	r->off += n;
	return n;
}

/* auto: STARTTLS when offered; plain text only to this machine. */
static long use_ssl(const struct config_smtp *cfg)
{
	bool local = cfg->host && (strcmp(cfg->host, "localhost") == 0 ||
				   strcmp(cfg->host, "::1") == 0 ||
				   str_startswith(cfg->host, "127."));

	switch (cfg->tls) {
	case CONFIG_TLS_NO:
		return CURLUSESSL_NONE;
	case CONFIG_TLS_YES:
		return CURLUSESSL_ALL;
	default:
		return local ? CURLUSESSL_TRY : CURLUSESSL_ALL;
	}
}

static void refused_clear(struct smtp_client *c)
{
	for (size_t i = 0; i < c->n_refused; i++) {
		free(c->refused[i].rcpt);
		free(c->refused[i].reply);
	}
	free(c->refused);
	c->refused = NULL;
	c->n_refused = 0;
}

/* The stage a command opens: its verb (never more of the line, which may
 * carry credentials); AUTH's continuation lines keep the stage. */
static enum stage command_stage(const char *line, size_t len, enum stage now)
{
	static const struct {
		const char *verb;
		enum stage stage;
	} verbs[] = {
	    {"EHLO", STAGE_SESSION},     {"HELO", STAGE_SESSION},
	    {"STARTTLS", STAGE_SESSION}, {"AUTH", STAGE_SESSION},
	    {"MAIL", STAGE_MAIL},        {"RCPT", STAGE_RCPT},
	    {"DATA", STAGE_DATA},        {"QUIT", STAGE_QUIT},
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

static void command_sent(struct smtp_client *c, const char *line, size_t len)
{
	const char *lt, *gt;

	c->stage = command_stage(line, len, c->stage);
	if (c->stage != STAGE_RCPT) {
		return;
	}
	c->offered = true;
	lt = memchr(line, '<', len);
	gt = lt ? memchr(lt, '>', len - (size_t)(lt - line)) : NULL;
	free(c->rcpt);
	c->rcpt = gt ? xstrndup(lt + 1, (size_t)(gt - lt - 1)) : NULL;
}

/* Appends the printable ASCII of s to the answer kept, within its size:
 * it goes to the log and the item's history as it is. */
static void reply_add(struct smtp_client *c, const char *s, size_t len)
{
	size_t at = strlen(c->reply);

	for (size_t i = 0; i < len && at + 1 < sizeof(c->reply); i++) {
		unsigned char b = (unsigned char)s[i];

		c->reply[at++] = b >= 0x20 && b < 0x7f ? (char)b : '?';
	}
	c->reply[at] = '\0';
}

/* Whether the answer to RCPT TO names our sender rather than the
 * recipient asked for. */
static bool about_us(const struct smtp_client *c)
{
	return c->mail_from && strcasestr(c->reply, c->mail_from) &&
	       !(c->rcpt && strcasestr(c->reply, c->rcpt));
}

/* One line of an answer.  The lines of a multi-line answer ("550-5.1.1
 * The account ...", then "550 5.1.1 ...") are kept as one text; its last
 * line completes it. */
static void answer_line(struct smtp_client *c, const char *line, size_t len)
{
	long code;
	bool last;

	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) {
		len--;
	}
	if (c->stage == STAGE_QUIT) {
		return; /* the answer that matters came before */
	}
	if (len < 3 || !isdigit((unsigned char)line[0]) ||
	    !isdigit((unsigned char)line[1]) ||
	    !isdigit((unsigned char)line[2]) ||
	    (len > 3 && line[3] != ' ' && line[3] != '-')) {
		return;
	}
	last = len == 3 || line[3] == ' ';
	if (!c->in_answer) {
		c->reply[0] = '\0';
		reply_add(c, line, len);
	} else if (len > 4) {
		reply_add(c, " ", 1);
		reply_add(c, line + 4, len - 4);
	}
	c->in_answer = !last;
	if (!last) {
		return;
	}
	code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
	c->reply_code = code;
	c->reply_stage = c->stage;
	if (c->stage == STAGE_RCPT && code >= 400 && c->rcpt) {
		struct smtp_refusal *r;
		bool about_sender = about_us(c);

		c->sender_refused |= about_sender;
		c->refused = xrealloc(c->refused,
				      (c->n_refused + 1) * sizeof(*c->refused));
		r = &c->refused[c->n_refused++];
		r->rcpt = c->rcpt;
		r->code = code;
		r->reply = xstrdup(c->reply);
		r->for_good = code >= 500 && !about_sender;
		c->rcpt = NULL;
	} else if (c->stage == STAGE_DATA && code == 354) {
		c->stage = STAGE_BODY;
	}
}

/* libcurl's trace: the commands sent and the answers, line by line. */
static int trace_cb(CURL *curl, curl_infotype type, char *data, size_t size,
		    void *p)
{
	struct smtp_client *c = p;

	(void)curl;
	if (type != CURLINFO_HEADER_IN && type != CURLINFO_HEADER_OUT) {
		return 0;
	}
	while (size > 0) {
		const char *nl = memchr(data, '\n', size);
		size_t n = nl ? (size_t)(nl - data) + 1 : size;

		if (type == CURLINFO_HEADER_OUT) {
			command_sent(c, data, n);
		} else {
			answer_line(c, data, n);
		}
		data += n;
		size -= n;
	}
	return 0;
}

/* A new handle, so the next message opens a new connection. */
static void connection_new(struct smtp_client *c)
{
	const struct config_smtp *cfg = c->cfg;

	if (c->curl) {
		curl_easy_cleanup(c->curl);
	}
	c->carried = 0;
	c->curl = curl_easy_init();
	if (!c->curl) {
		abort();
	}
	curl_easy_setopt(c->curl, CURLOPT_URL, cfg->url);
	curl_easy_setopt(c->curl, CURLOPT_USE_SSL, use_ssl(cfg));
	curl_easy_setopt(c->curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c->curl, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c->curl, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(c->curl, CURLOPT_TIMEOUT, 300L);
	curl_easy_setopt(c->curl, CURLOPT_ERRORBUFFER, c->errbuf);
	/* A recipient refused does not keep the message from the others
	 * (the trace says which were refused).  Debian 12's libcurl spells
	 * the option with three Ls; later ones keep that name as an alias. */
	curl_easy_setopt(c->curl, CURLOPT_MAIL_RCPT_ALLLOWFAILS, 1L);
	curl_easy_setopt(c->curl, CURLOPT_DEBUGFUNCTION, trace_cb);
	curl_easy_setopt(c->curl, CURLOPT_DEBUGDATA, c);
	curl_easy_setopt(c->curl, CURLOPT_VERBOSE, 1L);
	if (cfg->ca_file) {
		curl_easy_setopt(c->curl, CURLOPT_CAINFO, cfg->ca_file);
	}
	if (cfg->user) {
		curl_easy_setopt(c->curl, CURLOPT_USERNAME, cfg->user);
		curl_easy_setopt(c->curl, CURLOPT_PASSWORD, cfg->password);
	}
}

struct smtp_client *smtp_new(const struct config_smtp *cfg)
{
	struct smtp_client *c = xcalloc(1, sizeof(*c));

	c->cfg = cfg;
	connection_new(c);
	return c;
}

void smtp_free(struct smtp_client **cp)
{
	struct smtp_client *c = *cp;

	if (!c) {
		return;
	}
	curl_easy_cleanup(c->curl);
	refused_clear(c);
	free(c->rcpt);
	free(c);
	*cp = NULL;
}

bool smtp_too_large(const struct smtp_client *c)
{
	return (c->reply_stage == STAGE_MAIL || c->reply_stage == STAGE_DATA ||
		c->reply_stage == STAGE_BODY) &&
	       (c->reply_code == 552 ||
		(c->reply_code >= 500 && strstr(c->reply, " 5.3.4")));
}

bool smtp_offered(const struct smtp_client *c)
{
	return c->offered && !c->sender_refused;
}

const struct smtp_refusal *smtp_refused(const struct smtp_client *c,
					size_t *n_r)
{
	*n_r = c->n_refused;
	return c->refused;
}

/* Whether every recipient refused was refused for good (5xx). */
static bool refused_for_good(const struct smtp_client *c)
{
	for (size_t i = 0; i < c->n_refused; i++) {
		if (!c->refused[i].for_good) {
			return false;
		}
	}
	return c->n_refused > 0;
}

/* What a failed transaction means, from where in it the server said no:
 * before the message (its greeting, EHLO, TLS, login, our sender refused)
 * no mail can go now; about the message (a recipient, its size, its
 * content), it is this message's fate, by the answer's class. */
static enum fail classify(const struct smtp_client *c, CURLcode rc)
{
	long code = c->reply_code;

	switch (rc) {
	case CURLE_LOGIN_DENIED:
	case CURLE_URL_MALFORMAT:
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_USE_SSL_FAILED:
	case CURLE_PEER_FAILED_VERIFICATION:
		return FAIL_FATAL;
	default:
		break;
	}
	if (c->sender_refused) {
		return FAIL_FATAL; /* our sender: no message can go */
	}
	if (code < 400 || code == 421) {
		/* No answer, the connection lost after a good one, or the
		 * server closing it (421, at any command). */
		return FAIL_FATAL;
	}
	switch (c->reply_stage) {
	case STAGE_MAIL:
		/* SIZE (RFC 1870): this message is too large, for now or
		 * for good.  Anything else refuses our sender or the
		 * session, and would refuse every message. */
		if (code == 452 || code == 552) {
			break;
		}
		return FAIL_FATAL;
	case STAGE_RCPT:
		return refused_for_good(c) ? FAIL_PERM : FAIL_TEMP;
	case STAGE_DATA:
	case STAGE_BODY:
		break;
	default:
		return FAIL_FATAL;
	}
	return code >= 500 ? FAIL_PERM : FAIL_TEMP;
}

static const char *stage_name(enum stage st)
{
	switch (st) {
	case STAGE_GREETING:
		return "greeting";
	case STAGE_SESSION:
		return "session";
	case STAGE_MAIL:
		return "MAIL FROM";
	case STAGE_RCPT:
		return "RCPT TO";
	case STAGE_DATA:
		return "DATA";
	case STAGE_BODY:
		return "message";
	case STAGE_QUIT:
		break;
	}
	return "QUIT";
}

/* One SMTP transaction on the current connection (a new one when there
 * is none): the curl result; the server's last answer is c->reply_code,
 * c->reply and c->reply_stage. */
static CURLcode transaction(struct smtp_client *c, const char *mail_from,
			    struct curl_slist *list, const char *data,
			    size_t len)
{
	struct reader r = {data, len, 0};
	CURLcode rc;

	c->errbuf[0] = '\0';
	/* On a reused connection the first thing said is MAIL FROM; on a
	 * new one the first thing heard is the greeting. */
	c->stage = STAGE_GREETING;
	c->reply_code = 0;
	c->reply[0] = '\0';
	c->in_answer = false;
	c->offered = false;
	c->sender_refused = false;
	c->mail_from = mail_from;
	refused_clear(c);
	curl_easy_setopt(c->curl, CURLOPT_MAIL_FROM, mail_from);
	curl_easy_setopt(c->curl, CURLOPT_MAIL_RCPT, list);
	curl_easy_setopt(c->curl, CURLOPT_READDATA, &r);
	curl_easy_setopt(c->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	rc = curl_easy_perform(c->curl);
	c->mail_from = NULL;
	curl_easy_setopt(c->curl, CURLOPT_MAIL_RCPT, NULL);
	return rc;
}

int smtp_send(struct smtp_client *c, const char *from, const char *const *rcpt,
	      const char *data, size_t len, enum fail *fail_r, char **error_r)
{
	struct curl_slist *list = NULL;
	char *mail_from = xasprintf("<%s>", from);
	long code;
	CURLcode rc;

	for (; *rcpt; rcpt++) {
		char *to = xasprintf("<%s>", *rcpt);

		list = curl_slist_append(list, to);
		free(to);
	}
	rc = transaction(c, mail_from, list, data, len);
	code = c->reply_code;
	if (rc != CURLE_OK && code >= 400 && code < 500 && c->carried > 0) {
		/* A connection that has carried mail may have reached a limit
		 * of the session (OpenSMTPD takes 100 messages, then answers
		 * 452): once more on a new one, where a 4xx concerns the
		 * message. */
		log_info("smtp '%s': %ld after %d messages on one connection;"
			 " reconnecting",
			 c->cfg->url, code, c->carried);
		connection_new(c);
		rc = transaction(c, mail_from, list, data, len);
		code = c->reply_code;
	}
	curl_slist_free_all(list);
	free(mail_from);
	if (rc == CURLE_OK) {
		c->carried++;
		*fail_r = FAIL_NONE;
		return 0;
	}
	*fail_r = classify(c, rc);
	if (code >= 400) {
		*error_r = xasprintf("smtp '%s': %s refused: %s", c->cfg->url,
				     stage_name(c->reply_stage), c->reply);
	} else if (code > 0) {
		/* The connection lost after a good answer. */
		*error_r =
		    xasprintf("smtp '%s': %s%s%s (after %s: %s)", c->cfg->url,
			      curl_easy_strerror(rc), c->errbuf[0] ? ": " : "",
			      c->errbuf, stage_name(c->reply_stage), c->reply);
	} else {
		*error_r = xasprintf("smtp '%s': %s%s%s", c->cfg->url,
				     curl_easy_strerror(rc),
				     c->errbuf[0] ? ": " : "", c->errbuf);
	}
	connection_new(c); /* whatever state the failure left */
	return -1;
}
