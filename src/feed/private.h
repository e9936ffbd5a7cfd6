/* Inside the feed module: the HTTP pieces that are pure functions, so the
 * tests can reach them without a socket. */
#ifndef CONGVAN_FEED_PRIVATE_H
#define CONGVAN_FEED_PRIVATE_H

#include <stdbool.h>
#include <time.h>

#include "congvan/feed.h"

/* The token of every subject congvan knows (the Office, every unit,
 * every address of the directory, every handler), at its current version:
 * computed once, so that a request is answered without an HMAC each. */
struct feed_token_table;
int feed_tokens_load(const struct config *cfg, struct store *st,
		     const char *secret, struct feed_token_table **t_r,
		     char **error_r);
void feed_tokens_free(struct feed_token_table **tp);
/* Which subject token names: compared with every one in the table, each
 * in constant time.  1 with *subject_r (release with
 * feed_subject_release), 0 when none. */
int feed_tokens_find(const struct feed_token_table *t, const char *token,
		     struct feed_subject *subject_r);

/* The longest token a request path may carry, and the longest path. */
#define FEED_PATH_TOKEN_MAX 64
#define FEED_PATH_MAX       (sizeof("/feed/.ics") - 1 + FEED_PATH_TOKEN_MAX)

/* The token of a request path "/feed/TOKEN.ics", TOKEN 1 to
 * FEED_PATH_TOKEN_MAX of [A-Za-z0-9]: 0 with it in token_r, -1 for any
 * other path (NULL too). */
int feed_path_token(const char *path, char token_r[FEED_PATH_TOKEN_MAX + 1]);

/* "Sun, 06 Nov 1994 08:49:37 GMT" (IMF-fixdate, RFC 9110), in any
 * locale. */
#define FEED_HTTP_DATE_SIZE 30
void feed_http_date_format(time_t t, char buf[FEED_HTTP_DATE_SIZE]);
/* Reads an IMF-fixdate: 0 with *t_r, -1 when s is anything else. */
int feed_http_date_parse(const char *s, time_t *t_r);

/* Whether a GET with these request headers (NULL when absent) gets 304
 * for a body with etag and last_modified (RFC 9110 13.2.2): If-None-Match
 * decides when present ("*" or a list of entity tags, compared weakly);
 * else If-Modified-Since, when it is a date not before last_modified. */
bool feed_http_not_modified(const char *if_none_match,
			    const char *if_modified_since, const char *etag,
			    time_t last_modified);

/* What a feed's body was when last served, and the Last-Modified given
 * with it; zeroed before the first time. */
struct feed_seen {
	char etag[FEED_ETAG_SIZE];
	time_t last_modified;
};

/* The Last-Modified for a body with etag whose items last changed at
 * latest, updating *seen.  It is latest, but never after now; yet a feed
 * also changes when an item leaves it, and that item's events are no
 * longer among its items': so whenever the body differs from the one
 * served before, Last-Modified moves past the one given then (to now, or
 * a second on), and a feed first served since the server started at
 * started is at least that new. */
time_t feed_seen_update(struct feed_seen *seen, const char *etag, time_t latest,
			time_t now, time_t started);

#endif
