/* Calendar feeds: each person's, each unit's and the Office's open
 * deadlines as iCalendar, for calendar clients that subscribe to a URL.
 * congvan serve answers them with a small HTTP server ([feed] listen) at
 * BASE_URL/TOKEN.ics, where TOKEN is derived from the service secret, so
 * that a URL cannot be guessed and names nobody; `congvan feed-url`
 * prints a subject's URL and revokes it.
 *
 * Nothing outside src/feed sees libical or libmicrohttpd. */
#ifndef CONGVAN_FEED_H
#define CONGVAN_FEED_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "congvan/config.h"
#include "congvan/store.h"

/* Whose deadlines a feed holds. */
enum feed_kind {
	FEED_PERSON, /* handled by them, led by their unit, asked of it */
	FEED_UNIT,   /* led by the unit, or asked of it */
	FEED_OFFICE, /* every open item */
};

struct feed_subject {
	enum feed_kind kind;
	char *id; /* lower-cased: an address, a unit code, or "office" */
};

/* "person", "unit" or "office": the kind as the store and the token
 * derivation write it. */
const char *feed_kind_name(enum feed_kind kind);

/* Reads what a user names: "office" (any case), a unit's code (any case),
 * or an address the directory knows (any role) or that handled an item.
 * 0 with *subject_r (release with feed_subject_release), or -1 with
 * *error_r (caller frees). */
int feed_subject_parse(const struct config *cfg, struct store *st,
		       const char *text, struct feed_subject *subject_r,
		       char **error_r);
/* Frees what a subject holds and zeroes it; NULL-safe. */
void feed_subject_release(struct feed_subject *subject);

/* A token is FEED_TOKEN_LEN characters of lower-case base32 (RFC 4648's
 * alphabet a-z 2-7, no padding): the first 160 bits of
 * HMAC-SHA256(secret, "feed:" KIND ":" ID ":" VERSION), VERSION in
 * decimal.  Revoking a feed raises its version (store_feed_revoke). */
#define FEED_TOKEN_LEN 32

/* The token of subject at version. */
void feed_token(const char *secret, const struct feed_subject *subject,
		int64_t version, char token_r[FEED_TOKEN_LEN + 1]);

/* The subject's current token (its version from the store). */
int feed_token_current(struct store *st, const char *secret,
		       const struct feed_subject *subject,
		       char token_r[FEED_TOKEN_LEN + 1], char **error_r);

/* Which feed token opens: every known subject (the Office, every unit,
 * every address of the directory, every handler) is tried at its current
 * version, always all of them, each compared in constant time.  1 with
 * *subject_r (release with feed_subject_release), 0 when none matches (a
 * malformed, made-up or revoked token), -1 with *error_r. */
int feed_token_find(const struct config *cfg, struct store *st,
		    const char *secret, const char *token,
		    struct feed_subject *subject_r, char **error_r);

/* BASE_URL/TOKEN.ics (caller frees); NULL without [feed] listen. */
char *feed_url(const struct config *cfg, const char *token);

enum feed_type {
	FEED_EVENTS, /* VEVENT, all day on the deadline (the default) */
	FEED_TODOS,  /* VTODO with DUE, for clients that show tasks */
};

/* A feed as served.  ETags are a quoted hex digest of the body. */
#define FEED_ETAG_SIZE 35

struct feed_doc {
	char *body; /* the iCalendar text, CRLF line ends (owned) */
	size_t len;
	size_t n_components;  /* events or to-dos */
	time_t last_modified; /* the latest event among its items; 0 when
			       * the feed is empty */
	char etag[FEED_ETAG_SIZE];
};

/* Builds subject's feed of open deadlines from the store, one component
 * per item and role, sorted by deadline, each with the UID of the
 * invitation of the same deadline (ical_uid, marked under secret).  The
 * same store gives the same bytes.  Run it inside store_begin_read (or a
 * write transaction) to read one snapshot.  0, or -1 with *error_r. */
int feed_build(const struct config *cfg, const char *secret, struct store *st,
	       const struct feed_subject *subject, enum feed_type type,
	       struct feed_doc *doc_r, char **error_r);
/* Frees the body and zeroes doc; NULL-safe. */
void feed_doc_release(struct feed_doc *doc);

/* The HTTP server: GET and HEAD of /feed/TOKEN.ics[?type=todo] on
 * cfg->feed, served from its own thread with its own read-only store
 * connection.  cfg must outlive the server; secret is copied. */
struct feed_server;
int feed_server_start(const struct config *cfg, const char *secret,
		      struct feed_server **server_r, char **error_r);
/* Stops the server (waiting for its thread) and clears *serverp;
 * NULL-safe. */
void feed_server_stop(struct feed_server **serverp);

#endif
