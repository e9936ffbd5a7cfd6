#include <curl/curl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/log.h"
#include "congvan/smtp.h"
#include "congvan/util.h"

struct smtp_client {
	const struct config_smtp *cfg;
	CURL *curl;
	char errbuf[CURL_ERROR_SIZE];
	int carried;   /* messages sent over the current connection */
	bool answered; /* the last smtp_send had an SMTP answer */
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
	free(c);
	*cp = NULL;
}

bool smtp_answered(const struct smtp_client *c)
{
	return c->answered;
}

static enum fail classify(CURLcode rc, long code)
{
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
	if (code >= 500 && code < 600) {
		return FAIL_PERM;
	}
	if (code >= 400 && code < 500) {
		return FAIL_TEMP;
	}
	/* No SMTP answer at all: the server is down or unreachable. */
	return FAIL_FATAL;
}

/* One SMTP transaction on the current connection (a new one when there
 * is none): the curl result, and the server's last code in *code_r. */
static CURLcode transaction(struct smtp_client *c, const char *mail_from,
			    struct curl_slist *list, const char *data,
			    size_t len, long *code_r)
{
	struct reader r = {data, len, 0};
	CURLcode rc;

	*code_r = 0;
	c->errbuf[0] = '\0';
	curl_easy_setopt(c->curl, CURLOPT_MAIL_FROM, mail_from);
	curl_easy_setopt(c->curl, CURLOPT_MAIL_RCPT, list);
	curl_easy_setopt(c->curl, CURLOPT_READDATA, &r);
	curl_easy_setopt(c->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	rc = curl_easy_perform(c->curl);
	curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, code_r);
	curl_easy_setopt(c->curl, CURLOPT_MAIL_RCPT, NULL);
	return rc;
}

int smtp_send(struct smtp_client *c, const char *from, const char *const *rcpt,
	      const char *data, size_t len, enum fail *fail_r, char **error_r)
{
	struct curl_slist *list = NULL;
	char *mail_from = xasprintf("<%s>", from);
	long code = 0;
	CURLcode rc;

	for (; *rcpt; rcpt++) {
		char *to = xasprintf("<%s>", *rcpt);

		list = curl_slist_append(list, to);
		free(to);
	}
	rc = transaction(c, mail_from, list, data, len, &code);
	if (rc != CURLE_OK && code >= 400 && code < 500 && c->carried > 0) {
		/* A connection that has carried mail may have reached a limit
		 * of the session (OpenSMTPD takes 100 messages, then answers
		 * 452): once more on a new one, where a 4xx concerns the
		 * message. */
		log_info("smtp '%s': %ld after %d messages on one connection;"
			 " reconnecting",
			 c->cfg->url, code, c->carried);
		connection_new(c);
		rc = transaction(c, mail_from, list, data, len, &code);
	}
	curl_slist_free_all(list);
	free(mail_from);
	c->answered = code != 0;
	if (rc == CURLE_OK) {
		c->carried++;
		*fail_r = FAIL_NONE;
		return 0;
	}
	*fail_r = classify(rc, code);
	*error_r = xasprintf("smtp '%s': %s%s%s (code %ld)", c->cfg->url,
			     curl_easy_strerror(rc), c->errbuf[0] ? ": " : "",
			     c->errbuf, code);
	connection_new(c); /* whatever state the failure left */
	return -1;
}
