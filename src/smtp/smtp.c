#include <curl/curl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/log.h"
#include "congvan/smtp.h"
#include "congvan/util.h"
#include "private.h"

struct smtp_client {
	const struct config_smtp *cfg;
	CURL *curl;
	char errbuf[CURL_ERROR_SIZE];
	int carried; /* messages sent over the current connection */
	/* The transaction under way, followed through libcurl's debug
	 * callback (trace.c). */
	struct smtp_trace trace;
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

/* libcurl's trace: the commands sent and the answers, line by line. */
static int trace_cb(CURL *curl, curl_infotype type, char *data, size_t size,
		    void *p)
{
	struct smtp_client *c = p;

	(void)curl;
	if (type == CURLINFO_HEADER_IN || type == CURLINFO_HEADER_OUT) {
		smtp_trace_feed(&c->trace, type == CURLINFO_HEADER_IN, data,
				size);
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
	smtp_trace_free(&c->trace); /* last: the cleanup traces its QUIT */
	free(c);
	*cp = NULL;
}

bool smtp_too_large(const struct smtp_client *c)
{
	const struct smtp_trace *t = &c->trace;

	return (t->reply_stage == SMTP_STAGE_MAIL ||
		t->reply_stage == SMTP_STAGE_DATA ||
		t->reply_stage == SMTP_STAGE_BODY) &&
	       (t->reply_code == 552 ||
		(t->reply_code >= 500 && strstr(t->reply, " 5.3.4")));
}

bool smtp_offered(const struct smtp_client *c)
{
	return c->trace.offered && !c->trace.sender_refused;
}

const struct smtp_refusal *smtp_refused(const struct smtp_client *c,
					size_t *n_r)
{
	*n_r = c->trace.n_refused;
	return c->trace.refused;
}

/* Whether every recipient refused was refused for good (5xx). */
static bool refused_for_good(const struct smtp_trace *t)
{
	for (size_t i = 0; i < t->n_refused; i++) {
		if (!t->refused[i].for_good) {
			return false;
		}
	}
	return t->n_refused > 0;
}

/* What a failed transaction means, from where in it the server said no:
 * before the message (its greeting, EHLO, TLS, login, our sender refused)
 * no mail can go now; about the message (a recipient, its size, its
 * content), it is this message's fate, by the answer's class. */
static enum fail classify(const struct smtp_trace *t, CURLcode rc)
{
	long code = t->reply_code;

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
	if (t->sender_refused) {
		return FAIL_FATAL; /* our sender: no message can go */
	}
	if (code < 400 || code == 421) {
		/* No answer, the connection lost after a good one, or the
		 * server closing it (421, at any command). */
		return FAIL_FATAL;
	}
	switch (t->reply_stage) {
	case SMTP_STAGE_MAIL:
		/* SIZE (RFC 1870): this message is too large, for now or
		 * for good.  Anything else refuses our sender or the
		 * session, and would refuse every message. */
		if (code == 452 || code == 552) {
			break;
		}
		return FAIL_FATAL;
	case SMTP_STAGE_RCPT:
		return refused_for_good(t) ? FAIL_PERM : FAIL_TEMP;
	case SMTP_STAGE_DATA:
	case SMTP_STAGE_BODY:
		break;
	default:
		return FAIL_FATAL;
	}
	return code >= 500 ? FAIL_PERM : FAIL_TEMP;
}

static const char *stage_name(enum smtp_stage st)
{
	switch (st) {
	case SMTP_STAGE_GREETING:
		return "greeting";
	case SMTP_STAGE_SESSION:
		return "session";
	case SMTP_STAGE_MAIL:
		return "MAIL FROM";
	case SMTP_STAGE_RCPT:
		return "RCPT TO";
	case SMTP_STAGE_DATA:
		return "DATA";
	case SMTP_STAGE_BODY:
		return "message";
	case SMTP_STAGE_QUIT:
		break;
	}
	return "QUIT";
}

/* One SMTP transaction on the current connection (a new one when there
 * is none): the curl result; the server's last answer is in c->trace
 * (reply_code, reply, reply_stage). */
static CURLcode transaction(struct smtp_client *c, const char *mail_from,
			    struct curl_slist *list, const char *data,
			    size_t len)
{
	struct reader r = {data, len, 0};
	CURLcode rc;

	c->errbuf[0] = '\0';
	smtp_trace_start(&c->trace, mail_from);
	curl_easy_setopt(c->curl, CURLOPT_MAIL_FROM, mail_from);
	curl_easy_setopt(c->curl, CURLOPT_MAIL_RCPT, list);
	curl_easy_setopt(c->curl, CURLOPT_READDATA, &r);
	curl_easy_setopt(c->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	rc = curl_easy_perform(c->curl);
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
	code = c->trace.reply_code;
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
		code = c->trace.reply_code;
	}
	curl_slist_free_all(list);
	free(mail_from);
	if (rc == CURLE_OK) {
		c->carried++;
		*fail_r = FAIL_NONE;
		return 0;
	}
	*fail_r = classify(&c->trace, rc);
	if (code >= 400) {
		*error_r =
		    xasprintf("smtp '%s': %s refused: %s", c->cfg->url,
			      stage_name(c->trace.reply_stage), c->trace.reply);
	} else if (code > 0) {
		/* The connection lost after a good answer. */
		*error_r = xasprintf(
		    "smtp '%s': %s%s%s (after %s: %s)", c->cfg->url,
		    curl_easy_strerror(rc), c->errbuf[0] ? ": " : "", c->errbuf,
		    stage_name(c->trace.reply_stage), c->trace.reply);
	} else {
		*error_r = xasprintf("smtp '%s': %s%s%s", c->cfg->url,
				     curl_easy_strerror(rc),
				     c->errbuf[0] ? ": " : "", c->errbuf);
	}
	connection_new(c); /* whatever state the failure left */
	return -1;
}
