/* Server URLs: SCHEME://HOST[:PORT][/FOLDER], nothing more. */
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

/* url without "SCHEME://" when it starts with scheme, else NULL. */
static const char *after_scheme(const char *url, const char *scheme)
{
	size_t n = strlen(scheme);

	if (str_istartswith(url, scheme) && str_startswith(url + n, "://")) {
		return url + n + 3;
	}
	return NULL;
}

static bool has_space_or_control(const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s <= ' ' || *s == 0x7f) {
			return true;
		}
	}
	return false;
}

/* A user or password in the URL: we must not echo it back. */
static bool has_userinfo(const char *url)
{
	const char *auth = strstr(url, "://");

	auth = auth ? auth + 3 : url;
	return memchr(auth, '@', strcspn(auth, "/")) != NULL;
}

static bool ipv6_valid(const char *s, size_t n)
{
	if (n == 0) {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (!strchr("0123456789abcdefABCDEF:.", s[i])) {
			return false;
		}
	}
	return true;
}

static const char *parse_port(const char *p, size_t n, int *port_r)
{
	long v;
	char *s;
	int rc;

	if (n == 0 || n > 5 || strspn(p, "0123456789") < n) {
		return "PORT must be a number from 1 to 65535";
	}
	s = xstrndup(p, n);
	rc = str_to_long(s, 1, 65535, &v);
	free(s);
	if (rc < 0) {
		return "PORT must be a number from 1 to 65535";
	}
	*port_r = (int)v;
	return NULL;
}

/* Splits "HOST[:PORT]" or "[V6]:PORT" of length n; NULL or the reason. */
static const char *parse_authority(const char *a, size_t n,
				   struct parsed_url *u)
{
	const char *colon;
	const char *host = a;
	size_t hlen;

	if (n > 0 && a[0] == '[') {
		const char *close = memchr(a, ']', n);

		if (!close || !ipv6_valid(a + 1, (size_t)(close - a - 1))) {
			return "bad IPv6 address";
		}
		host = a + 1;
		hlen = (size_t)(close - host);
		colon = close + 1 < a + n ? close + 1 : NULL;
		if (colon && *colon != ':') {
			return "bad host";
		}
	} else {
		colon = memchr(a, ':', n);
		hlen = colon ? (size_t)(colon - a) : n;
	}
	if (hlen == 0) {
		return "empty host";
	}
	u->host = xstrndup(host, hlen);
	if (host == a && !config_hostname_valid(u->host)) {
		return "bad host";
	}
	if (colon) {
		return parse_port(colon + 1, (size_t)(a + n - colon - 1),
				  &u->port);
	}
	return NULL;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

/* Percent-decodes a folder name; NULL or the reason. */
static const char *decode_folder(const char *s, char **out_r)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);

	for (; *s; s++) {
		int c = (unsigned char)*s;

		if (c == '%') {
			int hi = hex_value(s[1]);
			int lo = hi < 0 ? -1 : hex_value(s[2]);

			if (lo < 0) {
				sbuf_release(&sb);
				return "bad %-escape in FOLDER";
			}
			c = hi * 16 + lo;
			s += 2;
		}
		if (c < ' ' || c == 0x7f) {
			sbuf_release(&sb);
			return "control character in FOLDER";
		}
		sbuf_addch(&sb, (char)c);
	}
	*out_r = sbuf_detach(&sb);
	return NULL;
}

static const char *parse_path(const char *path, const struct url_form *form,
			      struct parsed_url *u)
{
	if (!form->folder) {
		return *path && strcmp(path, "/") != 0 ? "unexpected path"
						       : NULL;
	}
	if (*path == '/') {
		path++;
	}
	if (!*path) {
		u->folder = xstrdup("INBOX");
		return NULL;
	}
	return decode_folder(path, &u->folder);
}

static const char *parse_rest(const char *rest, const struct url_form *form,
			      struct parsed_url *u)
{
	size_t alen = strcspn(rest, "/");
	const char *why;

	if (strpbrk(rest, "?#")) {
		return "'?' and '#' must be written %3F and %23";
	}
	u->port = u->ssl ? form->ssl_port : form->port;
	why = parse_authority(rest, alen, u);
	return why ? why : parse_path(rest + alen, form, u);
}

int config_url_parse(struct loader *ld, int line, const char *url,
		     const struct url_form *form, struct parsed_url *out_r)
{
	struct parsed_url u = {0};
	const char *rest = after_scheme(url, form->ssl_scheme);
	const char *why = "";

	memset(out_r, 0, sizeof(*out_r));
	if (has_userinfo(url)) {
		config_loader_error(ld, line,
				    "url must not hold a user or password; "
				    "expected %s and the 'user' and "
				    "'password' keys",
				    form->expect);
		return -1;
	}
	u.ssl = rest != NULL;
	if (!rest) {
		rest = after_scheme(url, form->scheme);
	}
	if (rest) {
		why = has_space_or_control(url) ? "spaces or control characters"
						: parse_rest(rest, form, &u);
	}
	if (why) {
		config_loader_error(
		    ld, line, "malformed url '%s'%s%s%s; expected %s", url,
		    *why ? " (" : "", why, *why ? ")" : "", form->expect);
		free(u.host);
		free(u.folder);
		return -1;
	}
	*out_r = u;
	return 0;
}
