/* The feed server: libmicrohttpd with a pool of threads (one per core),
 * so the serve loop is untouched and requests are answered side by side.
 * Each thread reads through a read-only store connection of its own,
 * each request one snapshot of the database (WAL lets it run while serve
 * writes).
 *
 * A feed is built once per version (store_feed_changes) and cached: the
 * 200 with its body, ready to send, and the 304, with the ETag (a hash of
 * the body) and Last-Modified that go with them.  A request reads the
 * versions of its feed (two indexed lookups), and while they stand it is
 * answered from the cache without building anything.  Bodies are kept up
 * to CACHE_BYTES in all, the least recently used given up first; what a
 * feed's ETag and Last-Modified were is never given up, so a conditional
 * request is answered even when the body is not kept.  The tokens of all
 * subjects are computed once (again when a token is revoked or a new
 * handler appears).
 *
 * Limits: GET and HEAD only (405 otherwise), paths of at most
 * FEED_PATH_MAX bytes, CONNECTION_LIMIT connections (PER_IP_LIMIT from one
 * address), TIMEOUT_S seconds of silence, MEMORY_LIMIT bytes of request
 * head.  An unknown path, a bad or a revoked token all get the same bare
 * 404. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "congvan/log.h"
#include "congvan/util.h"
#include "private.h"

#define CONNECTION_LIMIT 64
#define PER_IP_LIMIT     16
#define TIMEOUT_S        30
#define MEMORY_LIMIT     ((size_t)32 * 1024)
#define CACHE_CONTROL    "private, max-age=300"
#define CACHE_BYTES      ((size_t)64 << 20)
#define THREADS_MAX      16
#define CACHE_BUCKETS    1024 /* a power of 2 */

/* One feed (subject and type) as last built. */
struct cached {
	char *key;           /* "KIND:ID:TYPE" */
	struct cached *next; /* in its bucket */
	int64_t version[2];  /* the feed's, and its unit's for a person */
	bool built;          /* the fields below are set */
	char etag[FEED_ETAG_SIZE];
	time_t last_modified;
	struct feed_seen seen;
	struct MHD_Response *ok;           /* the 200; NULL when not kept */
	struct MHD_Response *not_modified; /* the 304 */
	size_t size;                       /* of the body */
	size_t n_components;
	uint64_t used; /* when last served, for giving up bodies */
};

struct feed_server {
	struct MHD_Daemon *daemon;
	const struct config *cfg;
	char *secret;
	time_t started;
	atomic_bool running;     /* past start: MHD's messages may name a
				  * request */
	pthread_key_t store_key; /* each thread's read-only store */
	bool have_key;
	pthread_rwlock_t tokens_lock;
	struct feed_token_table *tokens;
	int64_t tokens_version; /* of the subjects the table was made at */
	pthread_mutex_t cache_lock;
	struct cached *buckets[CACHE_BUCKETS];
	size_t cached_bytes;
	uint64_t clock;
};

/* --- request paths and HTTP dates --------------------------------------- */

int feed_path_token(const char *path, char token_r[FEED_PATH_TOKEN_MAX + 1])
{
	static const char alnum[] = "abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	size_t n, t;

	if (!path || !str_startswith(path, "/feed/")) {
		return -1;
	}
	n = strnlen(path, FEED_PATH_MAX + 1);
	if (n > FEED_PATH_MAX) {
		return -1;
	}
	path += strlen("/feed/");
	n -= strlen("/feed/");
	if (n <= strlen(".ics") || strcmp(path + n - 4, ".ics") != 0) {
		return -1;
	}
	t = n - strlen(".ics");
	if (t > FEED_PATH_TOKEN_MAX || strspn(path, alnum) != t) {
		return -1;
	}
	memcpy(token_r, path, t);
	token_r[t] = '\0';
	return 0;
}

static const char *const wdays[] = {"Sun", "Mon", "Tue", "Wed",
				    "Thu", "Fri", "Sat"};
static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void feed_http_date_format(time_t t, char buf[FEED_HTTP_DATE_SIZE])
{
	struct tm tm;

	/* The moduli tell the compiler each field's width. */
	gmtime_r(&t, &tm);
	snprintf(
	    buf, FEED_HTTP_DATE_SIZE, "%s, %02u %s %04u %02u:%02u:%02u GMT",
	    wdays[tm.tm_wday], (unsigned)tm.tm_mday % 100u, months[tm.tm_mon],
	    (unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)tm.tm_hour % 100u,
	    (unsigned)tm.tm_min % 100u, (unsigned)tm.tm_sec % 100u);
}

/* n decimal digits at s into *v: 0 ok, -1 not digits. */
static int digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return -1;
		}
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

static int name_index(const char *s, const char *const *names, int n)
{
	for (int i = 0; i < n; i++) {
		if (!strncmp(s, names[i], 3)) {
			return i;
		}
	}
	return -1;
}

/* "Sun, 06 Nov 1994 08:49:37 GMT": every byte in its place, a real
 * date (the weekday is not checked). */
int feed_http_date_parse(const char *s, time_t *t_r)
{
	struct tm tm, back;
	time_t t;
	int year;

	memset(&tm, 0, sizeof(tm));
	if (!s || strlen(s) != FEED_HTTP_DATE_SIZE - 1 ||
	    name_index(s, wdays, 7) < 0 || strncmp(s + 3, ", ", 2) != 0 ||
	    digits(s + 5, 2, &tm.tm_mday) < 0 || s[7] != ' ' ||
	    (tm.tm_mon = name_index(s + 8, months, 12)) < 0 || s[11] != ' ' ||
	    digits(s + 12, 4, &year) < 0 || s[16] != ' ' ||
	    digits(s + 17, 2, &tm.tm_hour) < 0 || s[19] != ':' ||
	    digits(s + 20, 2, &tm.tm_min) < 0 || s[22] != ':' ||
	    digits(s + 23, 2, &tm.tm_sec) < 0 || strcmp(s + 25, " GMT") != 0 ||
	    tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
	    tm.tm_min > 59 || tm.tm_sec > 59 || year < 1970) {
		return -1;
	}
	tm.tm_year = year - 1900;
	back = tm;
	t = timegm(&back);
	if (back.tm_mday != tm.tm_mday || back.tm_mon != tm.tm_mon) {
		return -1; /* 31 Feb */
	}
	*t_r = t;
	return 0;
}

/* Whether a list of entity tags ("*", or "a", W/"b", ...) holds etag,
 * compared weakly. */
static bool etag_listed(const char *list, const char *etag)
{
	const char *p = list;
	size_t n = strlen(etag);

	while (*p) {
		size_t len;

		p += strspn(p, " \t,");
		if (*p == '*') {
			return true;
		}
		if (str_startswith(p, "W/")) {
			p += 2;
		}
		len = strcspn(p, " \t,");
		if (len == n && !strncmp(p, etag, n)) {
			return true;
		}
		p += len;
	}
	return false;
}

bool feed_http_not_modified(const char *if_none_match,
			    const char *if_modified_since, const char *etag,
			    time_t last_modified)
{
	time_t since;

	if (if_none_match) {
		return etag_listed(if_none_match, etag);
	}
	return if_modified_since &&
	       feed_http_date_parse(if_modified_since, &since) == 0 &&
	       last_modified <= since;
}

/* --- Last-Modified ---------------------------------------------------------
 */

time_t feed_seen_update(struct feed_seen *seen, const char *etag, time_t latest,
			time_t now, time_t started)
{
	time_t lm = latest < now ? latest : now;

	if (!seen->etag[0]) {
		seen->last_modified = lm > started ? lm : started;
	} else if (strcmp(seen->etag, etag) != 0) {
		seen->last_modified =
		    now > seen->last_modified ? now : seen->last_modified + 1;
	}
	snprintf(seen->etag, sizeof(seen->etag), "%s", etag);
	return seen->last_modified;
}

/* --- the cache --------------------------------------------------------------
 */

static size_t bucket_of(const char *key)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		h = (h ^ *p) * 16777619u;
	}
	return h & (CACHE_BUCKETS - 1);
}

/* The entry for key, made when there is none.  Under cache_lock. */
static struct cached *cached_get(struct feed_server *srv, const char *key)
{
	struct cached **b = &srv->buckets[bucket_of(key)];
	struct cached *c;

	for (c = *b; c; c = c->next) {
		if (!strcmp(c->key, key)) {
			return c;
		}
	}
	c = xcalloc(1, sizeof(*c));
	c->key = xstrdup(key);
	c->next = *b;
	*b = c;
	return c;
}

static void cached_drop_body(struct feed_server *srv, struct cached *c)
{
	if (c->ok) {
		MHD_destroy_response(c->ok);
		c->ok = NULL;
		srv->cached_bytes -= c->size;
	}
}

/* Gives up the least recently served bodies, but keep's, until the bodies
 * fit in CACHE_BYTES.  Under cache_lock. */
static void cached_trim(struct feed_server *srv, const struct cached *keep)
{
	while (srv->cached_bytes > CACHE_BYTES) {
		struct cached *oldest = NULL;

		for (size_t i = 0; i < CACHE_BUCKETS; i++) {
			for (struct cached *c = srv->buckets[i]; c;
			     c = c->next) {
				if (c->ok && c != keep &&
				    (!oldest || c->used < oldest->used)) {
					oldest = c;
				}
			}
		}
		if (!oldest) {
			break;
		}
		cached_drop_body(srv, oldest);
	}
}

static void cached_free_all(struct feed_server *srv)
{
	for (size_t i = 0; i < CACHE_BUCKETS; i++) {
		while (srv->buckets[i]) {
			struct cached *c = srv->buckets[i];

			srv->buckets[i] = c->next;
			cached_drop_body(srv, c);
			if (c->not_modified) {
				MHD_destroy_response(c->not_modified);
			}
			free(c->key);
			free(c);
		}
	}
}

/* --- requests ---------------------------------------------------------------
 */

static int type_of(struct MHD_Connection *conn, enum feed_type *type_r)
{
	const char *v =
	    MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "type");

	if (!v || !strcmp(v, "event")) {
		*type_r = FEED_EVENTS;
	} else if (!strcmp(v, "todo")) {
		*type_r = FEED_TODOS;
	} else {
		return -1;
	}
	return 0;
}

static bool add_headers(struct MHD_Response *resp, const char *etag,
			const char *last_modified, bool body)
{
	return MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag) ==
		   MHD_YES &&
	       MHD_add_response_header(resp, MHD_HTTP_HEADER_LAST_MODIFIED,
				       last_modified) == MHD_YES &&
	       MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
				       CACHE_CONTROL) == MHD_YES &&
	       (!body || MHD_add_response_header(
			     resp, MHD_HTTP_HEADER_CONTENT_TYPE,
			     "text/calendar; charset=utf-8") == MHD_YES) &&
	       MHD_add_response_header(resp, "X-Content-Type-Options",
				       "nosniff") == MHD_YES;
}

/* The 200 for doc, whose body it takes, or NULL (out of memory). */
static struct MHD_Response *response_ok(struct feed_doc *doc,
					const char *last_modified)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(
	    doc->len, doc->body, MHD_RESPMEM_MUST_FREE);

	if (!resp) {
		return NULL;
	}
	doc->body = NULL;
	if (!add_headers(resp, doc->etag, last_modified, true)) {
		MHD_destroy_response(resp);
		return NULL;
	}
	return resp;
}

static struct MHD_Response *response_not_modified(const char *etag,
						  const char *last_modified)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(
	    0, (void *)"", MHD_RESPMEM_PERSISTENT);

	if (resp && !add_headers(resp, etag, last_modified, false)) {
		MHD_destroy_response(resp);
		return NULL;
	}
	return resp;
}

/* A reply: a status alone, or one queued from the cache. */
struct reply {
	unsigned status;
	bool queued; /* a cached response was queued, with result: */
	enum MHD_Result result;
};

/* This thread's read-only store, opened on first use. */
static struct store *thread_store(struct feed_server *srv, char **error_r)
{
	struct store *st = pthread_getspecific(srv->store_key);

	if (!st) {
		st = store_open_readonly(srv->cfg->service.database, error_r);
		if (st && pthread_setspecific(srv->store_key, st) != 0) {
			store_close(&st);
			*error_r = xstrdup("feed: cannot keep a store");
		}
	}
	return st;
}

static void store_key_close(void *st)
{
	store_close((struct store **)&st);
}

/* The subject token names; the table is made again when the subjects
 * changed.  1, 0 (no such token), -1. */
static int find_subject(struct feed_server *srv, struct store *st,
			const char *token, struct feed_subject *s_r,
			char **error_r)
{
	struct feed_token_table *fresh = NULL;
	int64_t version;
	int rc;

	if (store_feed_changes(st, "subjects", "", &version, error_r) < 0) {
		return -1;
	}
	pthread_rwlock_rdlock(&srv->tokens_lock);
	if (srv->tokens && srv->tokens_version == version) {
		rc = feed_tokens_find(srv->tokens, token, s_r);
		pthread_rwlock_unlock(&srv->tokens_lock);
		return rc;
	}
	pthread_rwlock_unlock(&srv->tokens_lock);
	if (feed_tokens_load(srv->cfg, st, srv->secret, &fresh, error_r) < 0) {
		return -1;
	}
	rc = feed_tokens_find(fresh, token, s_r);
	pthread_rwlock_wrlock(&srv->tokens_lock);
	if (!srv->tokens || srv->tokens_version < version) {
		feed_tokens_free(&srv->tokens);
		srv->tokens = fresh;
		srv->tokens_version = version;
		fresh = NULL;
	}
	pthread_rwlock_unlock(&srv->tokens_lock);
	feed_tokens_free(&fresh);
	return rc;
}

/* What the feed shows may have changed when either version moves: its
 * own, and for a person the unit's, whose items are theirs too. */
static int versions_of(struct feed_server *srv, struct store *st,
		       const struct feed_subject *s, int64_t v_r[2],
		       char **error_r)
{
	const struct config_unit *u = NULL;
	char unit[64];

	v_r[1] = 0;
	if (store_feed_changes(st, feed_kind_name(s->kind), s->id, &v_r[0],
			       error_r) < 0) {
		return -1;
	}
	if (s->kind != FEED_PERSON ||
	    config_role_of(srv->cfg, s->id, &u) == CONFIG_ROLE_NONE || !u) {
		return 0;
	}
	snprintf(unit, sizeof(unit), "%s", u->code);
	for (char *p = unit; *p; p++) {
		*p = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
	}
	return store_feed_changes(st, "unit", unit, &v_r[1], error_r);
}

/* Queues the cached answer to the request, when the entry is at versions
 * v: true with r set, false when the feed must be built first.  Under
 * cache_lock, which keeps the response alive until MHD holds it. */
static bool answer_cached(struct feed_server *srv, struct MHD_Connection *conn,
			  struct cached *c, const int64_t v[2], struct reply *r)
{
	struct MHD_Response *resp;

	if (!c->built || c->version[0] != v[0] || c->version[1] != v[1]) {
		return false;
	}
	if (feed_http_not_modified(
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
					    MHD_HTTP_HEADER_IF_NONE_MATCH),
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
					    MHD_HTTP_HEADER_IF_MODIFIED_SINCE),
		c->etag, c->last_modified)) {
		r->status = MHD_HTTP_NOT_MODIFIED;
		resp = c->not_modified;
	} else if (c->ok) {
		r->status = MHD_HTTP_OK;
		resp = c->ok;
	} else {
		return false; /* the body was given up */
	}
	c->used = ++srv->clock;
	r->result = MHD_queue_response(conn, r->status, resp);
	r->queued = true;
	return true;
}

/* Keeps a newly built doc as key's entry at versions v.  Under
 * cache_lock. */
static void cache_doc(struct feed_server *srv, struct cached *c,
		      const int64_t v[2], struct feed_doc *doc)
{
	char lm[FEED_HTTP_DATE_SIZE];
	struct MHD_Response *ok, *nm;

	c->last_modified = feed_seen_update(
	    &c->seen, doc->etag, doc->last_modified, time(NULL), srv->started);
	feed_http_date_format(c->last_modified, lm);
	ok = response_ok(doc, lm);
	nm = response_not_modified(doc->etag, lm);
	if (!ok || !nm) {
		if (ok) {
			MHD_destroy_response(ok);
		}
		if (nm) {
			MHD_destroy_response(nm);
		}
		c->built = false;
		return;
	}
	cached_drop_body(srv, c);
	if (c->not_modified) {
		MHD_destroy_response(c->not_modified);
	}
	c->ok = ok;
	c->not_modified = nm;
	c->size = doc->len;
	c->n_components = doc->n_components;
	srv->cached_bytes += c->size;
	memcpy(c->etag, doc->etag, sizeof(c->etag));
	c->version[0] = v[0];
	c->version[1] = v[1];
	c->built = true;
	cached_trim(srv, c);
	if (c->ok && c->size > CACHE_BYTES) {
		c->used = 0; /* served this once, given up next */
	}
}

/* Answers from the cache, building the feed first when it changed.
 * Inside the request's read transaction. */
static void answer(struct feed_server *srv, struct MHD_Connection *conn,
		   struct store *st, const struct feed_subject *s,
		   enum feed_type type, struct reply *r, char **error_r)
{
	char *key =
	    xasprintf("%s:%s:%d", feed_kind_name(s->kind), s->id, (int)type);
	struct feed_doc doc = {0};
	int64_t v[2];
	struct cached *c;
	bool done;

	r->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
	if (versions_of(srv, st, s, v, error_r) < 0) {
		goto out;
	}
	pthread_mutex_lock(&srv->cache_lock);
	done = answer_cached(srv, conn, cached_get(srv, key), v, r);
	pthread_mutex_unlock(&srv->cache_lock);
	if (done) {
		goto out;
	}
	/* Built outside the lock; another thread may build it too. */
	if (feed_build(srv->cfg, srv->secret, st, s, type, &doc, error_r) < 0) {
		goto out;
	}
	pthread_mutex_lock(&srv->cache_lock);
	c = cached_get(srv, key);
	cache_doc(srv, c, v, &doc);
	done = answer_cached(srv, conn, c, v, r);
	if (c->ok && c->size > CACHE_BYTES) {
		cached_drop_body(srv, c);
	}
	pthread_mutex_unlock(&srv->cache_lock);
	if (!done) {
		r->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
	log_debug("feed: %u for %s '%s', %zu %s (built)", r->status,
		  feed_kind_name(s->kind), s->id, doc.n_components,
		  type == FEED_TODOS ? "to-dos" : "events");
out:
	feed_doc_release(&doc);
	free(key);
}

static void handle_get(struct feed_server *srv, struct MHD_Connection *conn,
		       const char *url, struct reply *r)
{
	char token[FEED_PATH_TOKEN_MAX + 1];
	struct feed_subject s = {0};
	enum feed_type type;
	struct store *st;
	char *err = NULL;
	int rc;

	r->status = MHD_HTTP_NOT_FOUND;
	if (feed_path_token(url, token) < 0) {
		return;
	}
	st = thread_store(srv, &err);
	if (!st || store_begin_read(st, &err) < 0) {
		r->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		goto out;
	}
	rc = find_subject(srv, st, token, &s, &err);
	if (rc <= 0) {
		r->status = rc < 0 ? MHD_HTTP_INTERNAL_SERVER_ERROR
				   : MHD_HTTP_NOT_FOUND;
		goto out;
	}
	if (type_of(conn, &type) < 0) {
		r->status = MHD_HTTP_BAD_REQUEST;
		goto out;
	}
	answer(srv, conn, st, &s, type, r, &err);
out:
	if (st) {
		store_rollback(st);
	}
	if (err) {
		log_warnx("feed: %s", err);
		free(err);
	}
	feed_subject_release(&s);
}

/* The queued cached response's result, or a bare response for r's
 * status. */
static enum MHD_Result send_reply(struct MHD_Connection *conn,
				  const struct reply *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	bool ok;

	if (r->queued) {
		return r->result;
	}
	resp = MHD_create_response_from_buffer(0, (void *)"",
					       MHD_RESPMEM_PERSISTENT);
	if (!resp) {
		return MHD_NO;
	}
	ok = MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
				     "no-store") == MHD_YES &&
	     MHD_add_response_header(resp, "X-Content-Type-Options",
				     "nosniff") == MHD_YES &&
	     (r->status != MHD_HTTP_METHOD_NOT_ALLOWED ||
	      MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW,
				      "GET, HEAD") == MHD_YES);
	ret = ok ? MHD_queue_response(conn, r->status, resp) : MHD_NO;
	MHD_destroy_response(resp);
	return ret;
}

static bool has_body(struct MHD_Connection *conn)
{
	const char *len = MHD_lookup_connection_value(
	    conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);

	return (len && strcmp(len, "0") != 0) ||
	       MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
					   MHD_HTTP_HEADER_TRANSFER_ENCODING);
}

/* MHD calls this once the head is read, then again once the request is
 * complete.  Another method, or a body, is refused at once (MHD then
 * closes the connection rather than read the body); a plain GET or HEAD
 * is answered on the second call, which lets the connection stay open
 * for the next request. */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *upload_data,
				  size_t *upload_data_size, void **req_cls)
{
	struct reply r = {0};

	if (!*req_cls) {
		if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 &&
		    strcmp(method, MHD_HTTP_METHOD_HEAD) != 0) {
			r.status = MHD_HTTP_METHOD_NOT_ALLOWED;
			return send_reply(conn, &r);
		}
		if (has_body(conn)) {
			r.status = MHD_HTTP_BAD_REQUEST;
			return send_reply(conn, &r);
		}
		*req_cls = conn; /* head seen */
		return MHD_YES;
	}
	if (*upload_data_size) {
		*upload_data_size = 0; /* not announced: dropped */
		return MHD_YES;
	}
	handle_get(cls, conn, url, &r);
	return send_reply(conn, &r);
}

/* --- the daemon -------------------------------------------------------------
 */

/* MHD's own messages: at start they say why it cannot listen; later they
 * may name a request, and so a token, which must not reach the log. */
static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	struct feed_server *srv = cls;
	char buf[512];
	size_t n;

	if (srv->running && log_get_level() < LOG_LEVEL_DEBUG) {
		return;
	}
	vsnprintf(buf, sizeof(buf), fmt, ap);
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) {
		buf[--n] = '\0';
	}
	if (srv->running) {
		log_debug("feed: httpd: %s",
			  strstr(buf, "/feed/") ? "(request)" : buf);
	} else {
		log_warnx("feed: httpd: %s", buf);
	}
}

static int sockaddr_of(const struct config_feed *f, struct sockaddr_storage *ss)
{
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, f->host, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)f->port);
		return AF_INET;
	}
	if (inet_pton(AF_INET6, f->host, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)f->port);
		return AF_INET6;
	}
	return -1;
}

/* Nothing in a request is decoded: a token is letters and digits, so an
 * escaped path is never a feed (libmicrohttpd's own decoding would make
 * "/feed/TOKEN.ics%00.txt" the C string "/feed/TOKEN.ics"), and the one
 * query argument, type, takes plain words. */
static size_t keep_escaped(void *cls, struct MHD_Connection *conn, char *s)
{
	(void)cls;
	(void)conn;
	return strlen(s);
}

/* A pool of one thread per core (2 to THREADS_MAX).  The threads inherit
 * the signal mask: they must leave SIGTERM and SIGINT to the serve loop. */
static struct MHD_Daemon *daemon_start(struct feed_server *srv,
				       struct sockaddr_storage *ss, int family)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO |
			 MHD_USE_ERROR_LOG |
			 (family == AF_INET6 ? MHD_USE_IPv6 : 0);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = cores < 2             ? 2
			   : cores > THREADS_MAX ? THREADS_MAX
						 : (unsigned)cores;
	struct MHD_Daemon *d;
	sigset_t block, old;

	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	d = MHD_start_daemon(
	    flags, (uint16_t)srv->cfg->feed.port, NULL, NULL, on_request, srv,
	    MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, srv, MHD_OPTION_SOCK_ADDR,
	    (struct sockaddr *)ss, MHD_OPTION_CONNECTION_LIMIT,
	    (unsigned)CONNECTION_LIMIT, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
	    (unsigned)PER_IP_LIMIT, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)TIMEOUT_S, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	    MEMORY_LIMIT, MHD_OPTION_THREAD_POOL_SIZE, threads,
	    MHD_OPTION_UNESCAPE_CALLBACK, keep_escaped, NULL, MHD_OPTION_END);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return d;
}

int feed_server_start(const struct config *cfg, const char *secret,
		      struct feed_server **server_r, char **error_r)
{
	struct feed_server *srv;
	struct sockaddr_storage ss;
	struct store *probe;
	int family;

	*server_r = NULL;
	if (!cfg->feed.listen || !secret || !*secret) {
		*error_r = xstrdup(cfg->feed.listen ? "feed: no service secret"
						    : "feed: no [feed] listen");
		return -1;
	}
	/* Can the database be read?  Each thread opens its own later. */
	probe = store_open_readonly(cfg->service.database, error_r);
	if (!probe) {
		return -1;
	}
	store_close(&probe);
	srv = xcalloc(1, sizeof(*srv));
	srv->cfg = cfg;
	srv->secret = xstrdup(secret);
	srv->started = time(NULL);
	pthread_rwlock_init(&srv->tokens_lock, NULL);
	pthread_mutex_init(&srv->cache_lock, NULL);
	srv->have_key =
	    pthread_key_create(&srv->store_key, store_key_close) == 0;
	family = sockaddr_of(&cfg->feed, &ss);
	if (srv->have_key && family > 0) {
		srv->daemon = daemon_start(srv, &ss, family);
	}
	if (!srv->daemon) {
		*error_r =
		    xasprintf("feed: cannot listen on '%s'", cfg->feed.listen);
		feed_server_stop(&srv);
		return -1;
	}
	srv->running = true;
	*server_r = srv;
	return 0;
}

void feed_server_stop(struct feed_server **serverp)
{
	struct feed_server *srv = *serverp;

	if (!srv) {
		return;
	}
	/* Its threads end here, each closing its store. */
	if (srv->daemon) {
		MHD_stop_daemon(srv->daemon);
	}
	if (srv->have_key) {
		pthread_key_delete(srv->store_key);
	}
	cached_free_all(srv);
	feed_tokens_free(&srv->tokens);
	pthread_mutex_destroy(&srv->cache_lock);
	pthread_rwlock_destroy(&srv->tokens_lock);
	explicit_bzero(srv->secret, strlen(srv->secret));
	free(srv->secret);
	free(srv);
	*serverp = NULL;
}
