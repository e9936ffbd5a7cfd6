#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/smtp.h"
#include "congvan/util.h"

struct smtp_client {
	const struct config_smtp *cfg;
	CURL *curl;
	char errbuf[CURL_ERROR_SIZE];
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

struct smtp_client *smtp_new(const struct config_smtp *cfg)
{
	struct smtp_client *c = xcalloc(1, sizeof(*c));

	c->cfg = cfg;
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

int smtp_send(struct smtp_client *c, const char *from, const char *const *rcpt,
	      const char *data, size_t len, enum fail *fail_r, char **error_r)
{
	struct reader r = {data, len, 0};
	struct curl_slist *list = NULL;
	char *mail_from = xasprintf("<%s>", from);
	long code = 0;
	CURLcode rc;

	for (; *rcpt; rcpt++) {
		char *to = xasprintf("<%s>", *rcpt);

		list = curl_slist_append(list, to);
		free(to);
	}
	c->errbuf[0] = '\0';
	curl_easy_setopt(c->curl, CURLOPT_MAIL_FROM, mail_from);
	curl_easy_setopt(c->curl, CURLOPT_MAIL_RCPT, list);
	curl_easy_setopt(c->curl, CURLOPT_READDATA, &r);
	curl_easy_setopt(c->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	rc = curl_easy_perform(c->curl);
	curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_setopt(c->curl, CURLOPT_MAIL_RCPT, NULL);
	curl_slist_free_all(list);
	free(mail_from);
	if (rc == CURLE_OK) {
		*fail_r = FAIL_NONE;
		return 0;
	}
	*fail_r = classify(rc, code);
	*error_r = xasprintf("smtp '%s': %s%s%s (code %ld)", c->cfg->url,
			     curl_easy_strerror(rc), c->errbuf[0] ? ": " : "",
			     c->errbuf, code);
	return -1;
}
