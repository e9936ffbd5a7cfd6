/* [feed]: the calendar feed server that serve runs beside the mail.
 * Optional; without listen there is no server. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

#define LISTEN_EXPECT                                                          \
	"an IP address and port, such as 127.0.0.1:8088 or [::1]:8088"
#define BASE_URL_EXPECT "http://HOST[:PORT][/PATH] or https://..."

enum { FEED_LISTEN, FEED_BASE_URL, FEED_NKEYS };

static const struct key_spec feed_keys[FEED_NKEYS] = {
    [FEED_LISTEN] = {"listen", "", LISTEN_EXPECT},
    [FEED_BASE_URL] = {"base_url", "", BASE_URL_EXPECT},
};

static const struct url_form http_form = {"http", "https", 80,
					  443,    true,    BASE_URL_EXPECT};

/* "A.B.C.D:PORT" or "[V6]:PORT", numeric only: binding never waits for
 * DNS.  0 with the host (no brackets) and port, or -1. */
static int listen_parse(const char *s, char **host_r, int *port_r)
{
	unsigned char addr[16];
	const char *colon = strrchr(s, ':');
	char *host;
	long port;
	int family = AF_INET;

	if (!colon || colon == s || !colon[1] || strlen(colon + 1) > 5 ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1) ||
	    str_to_long(colon + 1, 1, 65535, &port) < 0) {
		return -1;
	}
	if (s[0] == '[') {
		if (colon[-1] != ']' || colon - s < 3) {
			return -1;
		}
		host = xstrndup(s + 1, (size_t)(colon - s - 2));
		family = AF_INET6;
	} else {
		host = xstrndup(s, (size_t)(colon - s));
	}
	if (inet_pton(family, host, addr) != 1) {
		free(host);
		return -1;
	}
	*host_r = host;
	*port_r = (int)port;
	return 0;
}

/* An http(s) URL without user, query or fragment; trailing slashes are
 * dropped, so that BASE_URL/TOKEN.ics has one. */
static void base_url_take(struct loader *ld, struct raw_section *rs,
			  struct config_feed *f)
{
	struct parsed_url u;
	size_t n;

	f->base_url = config_take_string(rs, FEED_BASE_URL, NULL);
	if (!f->base_url) {
		if (f->listen) {
			f->base_url = xasprintf("http://%s/feed", f->listen);
		}
		return;
	}
	if (!f->listen) {
		config_loader_error(ld, rs->values[FEED_BASE_URL].line,
				    "'base_url' is set but 'listen' is not in "
				    "[feed]; expected listen = HOST:PORT too");
	}
	if (config_url_parse(ld, rs->values[FEED_BASE_URL].line, f->base_url,
			     &http_form, &u) < 0) {
		return;
	}
	free(u.host);
	free(u.folder);
	n = strlen(f->base_url);
	while (n > 0 && f->base_url[n - 1] == '/') {
		f->base_url[--n] = '\0';
	}
}

static void feed_finish(struct loader *ld, struct raw_section *rs)
{
	struct config_feed *f = &ld->cfg->feed;

	f->listen = config_take_string(rs, FEED_LISTEN, NULL);
	if (f->listen && listen_parse(f->listen, &f->host, &f->port) < 0) {
		config_bad_value(ld, rs, FEED_LISTEN, f->listen);
	}
	base_url_take(ld, rs, f);
}

const struct section_kind config_feed_kind = {
    .name = "feed",
    .keys = feed_keys,
    .nkeys = FEED_NKEYS,
    .finish = feed_finish,
};
