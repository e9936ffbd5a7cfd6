/* libFuzzer target: what the feed server reads from a request before it
 * knows the client: the path, If-None-Match and If-Modified-Since.  The
 * input is split at its first two line feeds into the three. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "../../src/feed/private.h"

/* The next line of [*p, end) as a new string; *p moves past it. */
static char *next_line(const char **p, const char *end)
{
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	const char *stop = nl ? nl : end;
	char *line = xstrndup(*p, (size_t)(stop - *p));

	*p = nl ? nl + 1 : end;
	return line;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	const char *end = p + size;
	char token[FEED_PATH_TOKEN_MAX + 1];
	char *path = next_line(&p, end);
	char *inm = next_line(&p, end);
	char *ims = next_line(&p, end);
	char buf[FEED_HTTP_DATE_SIZE];
	time_t t;

	if (feed_path_token(path, token) == 0 &&
	    (strlen(token) == 0 || strlen(token) > FEED_PATH_TOKEN_MAX ||
	     strspn(token,
		    "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != strlen(token))) {
		abort();
	}
	if (feed_http_date_parse(ims, &t) == 0) {
		feed_http_date_format(t, buf);
		if (strcmp(buf + 3, ims + 3) != 0) {
			abort(); /* only the weekday may be written wrong */
		}
	}
	feed_http_not_modified(*inm ? inm : NULL, *ims ? ims : NULL,
			       "\"0123456789abcdef0123456789abcdef\"", 0);
	free(path);
	free(inm);
	free(ims);
	return 0;
}
