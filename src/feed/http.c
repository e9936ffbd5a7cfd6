/* The feed server: libmicrohttpd with its own polling thread, so the
 * serve loop is untouched.  Every request is answered from that one
 * thread (no thread per connection, no pool), which alone uses the
 * server's read-only store connection and its table of what was served;
 * so neither needs a lock.  Each request reads one snapshot of the
 * database (WAL lets it run while serve writes).
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

#include "congvan/log.h"
#include "congvan/util.h"
#include "private.h"

#define CONNECTION_LIMIT 64
#define PER_IP_LIMIT     16
#define TIMEOUT_S        30
#define MEMORY_LIMIT     ((size_t)32 * 1024)
#define CACHE_CONTROL    "private, max-age=300"

/* What a feed looked like when last served, for Last-Modified. */
struct memo {
	char *key; /* "KIND:ID:TYPE" */
	struct feed_seen seen;
};

struct feed_server {
	struct MHD_Daemon *daemon;
	const struct config *cfg;
	char *secret;
	struct store *st; /* read-only, the server thread's */
	time_t started;
	atomic_bool running; /* past start: MHD's messages may name a
			      * request */
	struct memo *memos;
	size_t n_memos;
};

struct reply {
	unsigned status;
	char *body; /* owned; NULL: empty */
	size_t len;
	char etag[FEED_ETAG_SIZE];
	char last_modified[FEED_HTTP_DATE_SIZE];
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

static struct memo *memo_find(struct feed_server *srv, const char *key)
{
	for (size_t i = 0; i < srv->n_memos; i++) {
		if (!strcmp(srv->memos[i].key, key)) {
			return &srv->memos[i];
		}
	}
	srv->memos =
	    xrealloc(srv->memos, (srv->n_memos + 1) * sizeof(*srv->memos));
	memset(&srv->memos[srv->n_memos], 0, sizeof(*srv->memos));
	srv->memos[srv->n_memos].key = xstrdup(key);
	return &srv->memos[srv->n_memos++];
}

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

/* The built feed, or 304 when the client has it. */
static void answer(struct feed_server *srv, struct MHD_Connection *conn,
		   const struct feed_subject *s, enum feed_type type,
		   struct feed_doc *doc, struct reply *r)
{
	char *key =
	    xasprintf("%s:%s:%d", feed_kind_name(s->kind), s->id, (int)type);
	time_t lm =
	    feed_seen_update(&memo_find(srv, key)->seen, doc->etag,
			     doc->last_modified, time(NULL), srv->started);

	free(key);
	memcpy(r->etag, doc->etag, sizeof(r->etag));
	feed_http_date_format(lm, r->last_modified);
	if (feed_http_not_modified(
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
					    MHD_HTTP_HEADER_IF_NONE_MATCH),
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
					    MHD_HTTP_HEADER_IF_MODIFIED_SINCE),
		doc->etag, lm)) {
		r->status = MHD_HTTP_NOT_MODIFIED;
		return;
	}
	r->status = MHD_HTTP_OK;
	r->body = doc->body;
	r->len = doc->len;
	doc->body = NULL;
}

static void handle_get(struct feed_server *srv, struct MHD_Connection *conn,
		       const char *url, struct reply *r)
{
	char token[FEED_PATH_TOKEN_MAX + 1];
	struct feed_subject s = {0};
	struct feed_doc doc = {0};
	enum feed_type type;
	char *err = NULL;
	int rc;

	r->status = MHD_HTTP_NOT_FOUND;
	if (feed_path_token(url, token) < 0) {
		return;
	}
	if (store_begin_read(srv->st, &err) < 0) {
		r->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		goto out;
	}
	rc = feed_token_find(srv->cfg, srv->st, srv->secret, token, &s, &err);
	if (rc <= 0) {
		r->status = rc < 0 ? MHD_HTTP_INTERNAL_SERVER_ERROR
				   : MHD_HTTP_NOT_FOUND;
		goto out;
	}
	if (type_of(conn, &type) < 0) {
		r->status = MHD_HTTP_BAD_REQUEST;
		goto out;
	}
	if (feed_build(srv->cfg, srv->st, &s, type, &doc, &err) < 0) {
		r->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		goto out;
	}
	answer(srv, conn, &s, type, &doc, r);
	log_debug("feed: %u for %s '%s', %zu %s", r->status,
		  feed_kind_name(s.kind), s.id, doc.n_components,
		  type == FEED_TODOS ? "to-dos" : "events");
out:
	store_rollback(srv->st);
	if (err) {
		log_warnx("feed: %s", err);
		free(err);
	}
	feed_doc_release(&doc);
	feed_subject_release(&s);
}

static enum MHD_Result add_header(struct MHD_Response *resp, const char *name,
				  const char *value)
{
	return MHD_add_response_header(resp, name, value);
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, struct reply *r)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(
	    r->len, r->body ? r->body : (void *)"",
	    r->body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	bool ok = resp != NULL;
	enum MHD_Result ret;

	if (!resp) {
		free(r->body);
		return MHD_NO;
	}
	r->body = NULL;
	if (r->status == MHD_HTTP_OK || r->status == MHD_HTTP_NOT_MODIFIED) {
		ok = ok &&
		     add_header(resp, MHD_HTTP_HEADER_ETAG, r->etag) ==
			 MHD_YES &&
		     add_header(resp, MHD_HTTP_HEADER_LAST_MODIFIED,
				r->last_modified) == MHD_YES &&
		     add_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
				CACHE_CONTROL) == MHD_YES;
	} else {
		ok = ok && add_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
				      "no-store") == MHD_YES;
	}
	if (r->status == MHD_HTTP_OK) {
		ok =
		    ok && add_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
				     "text/calendar; charset=utf-8") == MHD_YES;
	}
	if (r->status == MHD_HTTP_METHOD_NOT_ALLOWED) {
		ok = ok && add_header(resp, MHD_HTTP_HEADER_ALLOW,
				      "GET, HEAD") == MHD_YES;
	}
	ok = ok &&
	     add_header(resp, "X-Content-Type-Options", "nosniff") == MHD_YES;
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

/* The daemon's thread inherits the signal mask: it must leave SIGTERM and
 * SIGINT to the serve loop. */
static struct MHD_Daemon *daemon_start(struct feed_server *srv,
				       struct sockaddr_storage *ss, int family)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO |
			 MHD_USE_ERROR_LOG |
			 (family == AF_INET6 ? MHD_USE_IPv6 : 0);
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
	    MEMORY_LIMIT, MHD_OPTION_END);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return d;
}

int feed_server_start(const struct config *cfg, const char *secret,
		      struct feed_server **server_r, char **error_r)
{
	struct feed_server *srv;
	struct sockaddr_storage ss;
	int family;

	*server_r = NULL;
	if (!cfg->feed.listen || !secret || !*secret) {
		*error_r = xstrdup(cfg->feed.listen ? "feed: no service secret"
						    : "feed: no [feed] listen");
		return -1;
	}
	srv = xcalloc(1, sizeof(*srv));
	srv->cfg = cfg;
	srv->secret = xstrdup(secret);
	srv->started = time(NULL);
	srv->st = store_open_readonly(cfg->service.database, error_r);
	family = sockaddr_of(&cfg->feed, &ss);
	if (srv->st && family > 0) {
		srv->daemon = daemon_start(srv, &ss, family);
	}
	if (!srv->daemon) {
		if (srv->st) {
			*error_r = xasprintf("feed: cannot listen on '%s'",
					     cfg->feed.listen);
		}
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
	if (srv->daemon) {
		MHD_stop_daemon(srv->daemon);
	}
	store_close(&srv->st);
	explicit_bzero(srv->secret, strlen(srv->secret));
	free(srv->secret);
	for (size_t i = 0; i < srv->n_memos; i++) {
		free(srv->memos[i].key);
	}
	free(srv->memos);
	free(srv);
	*serverp = NULL;
}
