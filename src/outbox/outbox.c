#include <stdlib.h>
#include <string.h>

#include "congvan/log.h"
#include "congvan/message.h"
#include "congvan/outbox.h"
#include "congvan/smtp.h"
#include "congvan/util.h"
#include "congvan/words.h"

#define FLUSH_BATCH 100

time_t outbox_backoff(int attempts)
{
	time_t delay = 60;

	for (int i = 0; i < attempts && delay < 4 * 3600; i++) {
		delay *= 2;
	}
	return delay < 4 * 3600 ? delay : 4 * 3600;
}

time_t outbox_server_backoff(int failures)
{
	time_t delay = outbox_backoff(failures > 0 ? failures - 1 : 0);

	return delay < OUTBOX_SERVER_WAIT_MAX ? delay : OUTBOX_SERVER_WAIT_MAX;
}

/* An address as it may appear in a message: control characters shown
 * as '?', at most 300 bytes.  Caller frees. */
static char *shown(const char *s)
{
	char *r = xstrndup(s, strnlen(s, 300));

	for (char *p = r; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			*p = '?';
		}
	}
	return r;
}

/* The envelope: NULL-terminated, pointers into the caller's lists. */
struct rcpt_list {
	const char **v;
	size_t n;
};

static int add_rcpts(struct rcpt_list *l, const char *const *list,
		     char **error_r)
{
	for (; list && *list; list++) {
		bool seen = false;

		if (!message_check_address(*list)) {
			char *s = shown(*list);

			*error_r = xasprintf("outbox: invalid recipient"
					     " address '%s'",
					     s);
			free(s);
			return -1;
		}
		for (size_t i = 0; i < l->n && !seen; i++) {
			seen = str_iequal(l->v[i], *list);
		}
		if (!seen) {
			l->v[l->n++] = *list;
		}
	}
	return 0;
}

/* To then Cc, each address once. */
static int envelope(const struct outbox_mail *m, struct rcpt_list *l,
		    char **error_r)
{
	size_t n = 1;

	for (size_t i = 0; m->to && m->to[i]; i++) {
		n++;
	}
	for (size_t i = 0; m->cc && m->cc[i]; i++) {
		n++;
	}
	l->v = xcalloc(n, sizeof(*l->v));
	l->n = 0;
	if (!m->to || !m->to[0]) {
		*error_r = xstrdup("outbox: no recipient in to");
		return -1;
	}
	return add_rcpts(l, m->to, error_r) < 0 ||
		       add_rcpts(l, m->cc, error_r) < 0
		   ? -1
		   : 0;
}

static int record_limited(struct runtime *rt, const struct outbox_mail *m,
			  const char *rcpt, int64_t n, char **error_r)
{
	char *why = xasprintf("%lld messages in %d minutes", (long long)n,
			      OUTBOX_RATE_WINDOW / 60);
	const struct event_data d = {
	    .template = m->template_name, .address = rcpt, .text = why};
	int rc;

	log_warnx("mail '%s' not queued to '%s': %s", m->template_name, rcpt,
		  why);
	rc = runtime_event(rt, m->item_id, 0, "outbox", EV_RATE_LIMITED, &d,
			   error_r);
	free(why);
	return rc;
}

/* The one record of a mail queued (or of one with nobody to go to). */
static int record_queued(struct runtime *rt, const struct outbox_mail *m,
			 const struct rcpt_list *l, char **error_r)
{
	struct sbuf who = SBUF_INIT(1 << 20);
	struct event_data d = {.template = m->template_name};
	int rc;

	for (size_t i = 0; l && i < l->n; i++) {
		sbuf_addf(&who, "%s%s", i ? ", " : "", l->v[i]);
	}
	d.address = sbuf_str(&who);
	rc = runtime_event(rt, m->item_id, 0, "outbox",
			   l ? EV_MAIL_QUEUED : EV_MAIL_SKIPPED, &d, error_r);
	if (l && m->key) {
		log_debug("'%s': %s to %s", m->key, m->template_name,
			  sbuf_str(&who));
	}
	sbuf_release(&who);
	return rc;
}

/* Leaves out of l the recipients over the rate limit. */
static int rate_limit(struct runtime *rt, const struct outbox_mail *m,
		      struct rcpt_list *l, char **error_r)
{
	time_t since = runtime_now(rt) - OUTBOX_RATE_WINDOW;
	size_t kept = 0;

	for (size_t i = 0; i < l->n; i++) {
		int64_t n = 0;

		if (store_outbox_rcpt_count(rt->st, l->v[i], m->item_id, since,
					    &n, error_r) < 0) {
			return -1;
		}
		if (n < OUTBOX_RATE_MAX) {
			l->v[kept++] = l->v[i];
		} else if (record_limited(rt, m, l->v[i], n, error_r) < 0) {
			return -1;
		}
	}
	l->n = kept;
	l->v[kept] = NULL;
	return 0;
}

static char *join_lines(const char *const *list)
{
	struct sbuf sb = SBUF_INIT(1 << 20);

	for (; *list; list++) {
		if (sb.len) {
			sbuf_addch(&sb, '\n');
		}
		sbuf_adds(&sb, *list);
	}
	return sbuf_detach(&sb);
}

/* A queued message: the composed bytes, and where the part of a stored
 * message attached by reference goes. */
struct composed {
	char *data;
	size_t len;
	size_t attach_at;
};

/* Renders the template and writes the message with Message-ID msgid. */
static int compose(struct runtime *rt, const struct outbox_mail *m,
		   const char *msgid, struct composed *c, char **error_r)
{
	const struct config *cfg = rt->cfg;
	struct template_out t;
	struct message_out out = {0};
	struct message_attachment *att = NULL;
	size_t n = m->n_attachments;
	int ret;

	if (template_render(rt->templates,
			    m->language ? m->language : cfg->service.language,
			    m->template_name, m->vars, m->nvars, &t,
			    error_r) < 0) {
		return -1;
	}
	out.from_name = cfg->service.organization;
	out.from_addr = cfg->smtp.from;
	out.to = m->to;
	out.cc = m->cc;
	out.reply_to = m->reply_to;
	out.subject = t.subject;
	out.message_id = msgid;
	out.in_reply_to = m->in_reply_to;
	out.references = m->references;
	out.item_key = m->key;
	out.date = runtime_now(rt);
	out.text = t.text;
	out.html = t.html;
	out.attachments = m->attachments;
	out.n_attachments = n;
	out.calendar = m->calendar;
	out.calendar_method = m->calendar_method;
	if (m->attach_sha) {
		/* Its part is left out: written when the mail is sent. */
		att = xcalloc(n + 1, sizeof(*att));
		if (n > 0) {
			memcpy(att, m->attachments, n * sizeof(*att));
		}
		att[n].filename = m->attach_name;
		att[n].content_type = OUTBOX_ATTACH_TYPE;
		out.attachments = att;
		out.n_attachments = n + 1;
	}
	ret =
	    message_compose_deferred(&out, m->attach_sha ? n : SIZE_MAX,
				     &c->data, &c->len, &c->attach_at, error_r);
	free(att);
	template_out_free(&t);
	return ret;
}

/* Queues the message to the recipients in l and records each of them. */
static int enqueue(struct runtime *rt, const struct outbox_mail *m,
		   const struct rcpt_list *l, const char *msgid,
		   const struct composed *c, char **error_r)
{
	time_t now = runtime_now(rt);
	struct store_outbox o = {0};
	char *rcpt = join_lines(l->v);
	int64_t id = 0;
	int ret;

	o.item_id = m->item_id;
	o.created_at = now;
	o.kind = m->template_name;
	o.message_id = msgid;
	o.mail_from = rt->cfg->smtp.from;
	o.rcpt = rcpt;
	o.data = c->data;
	o.data_len = c->len;
	o.attach_sha = m->attach_sha;
	o.attach_name = m->attach_name;
	o.attach_at = c->attach_at;
	o.next_attempt_at = now;
	ret = store_outbox_add(rt->st, &o, &id, error_r);
	for (size_t i = 0; ret == 0 && i < l->n; i++) {
		ret = store_outbox_rcpt_add(rt->st, id, m->item_id, l->v[i],
					    now, error_r);
	}
	free(rcpt);
	return ret;
}

int outbox_queue_mail(struct runtime *rt, const struct outbox_mail *m,
		      char **msgid_r, char **error_r)
{
	struct rcpt_list l = {NULL, 0};
	struct composed c = {NULL, 0, 0};
	char *msgid = NULL;
	int ret = -1;

	if (msgid_r) {
		*msgid_r = NULL;
	}
	if (!m->template_name) {
		*error_r = xstrdup("outbox: no template");
		goto out;
	}
	if (!m->to || !m->to[0]) {
		/* Nobody to write to (a unit without addresses): noted. */
		ret = record_queued(rt, m, NULL, error_r);
		goto out;
	}
	if (envelope(m, &l, error_r) < 0) {
		goto out;
	}
	msgid = message_make_id(rt->cfg->service.domain, rt->secret);
	if (compose(rt, m, msgid, &c, error_r) < 0 ||
	    rate_limit(rt, m, &l, error_r) < 0) {
		goto out;
	}
	ret = 0;
	if (l.n == 0) {
		goto out; /* everyone is over the limit: nothing to send */
	}
	ret = enqueue(rt, m, &l, msgid, &c, error_r) < 0 ||
		      record_queued(rt, m, &l, error_r) < 0
		  ? -1
		  : 0;
	if (ret == 0 && msgid_r) {
		*msgid_r = msgid;
		msgid = NULL;
	}
out:
	free(c.data);
	free(msgid);
	free(l.v);
	return ret;
}

struct flush_ctx {
	struct runtime *rt;
	struct smtp_client *smtp;
	struct outbox_stats *stats;
	char *server_down; /* why the server cannot be used now; NULL */
	int handled;       /* entries sent, failed or put off this flush */
	int tried;         /* entries handed to the server */
	bool giving_up;    /* a transaction holds mail given up on */
	char *error;       /* a store failure */
};

/* Splits the '\n'-separated recipients of copy in place into a
 * NULL-terminated list of pointers into copy. */
static const char **split_rcpt(char *copy)
{
	size_t n = 2, i = 0;
	const char **list;

	for (const char *q = copy; *q; q++) {
		n += *q == '\n';
	}
	list = xcalloc(n, sizeof(*list));
	for (char *p = copy; p;) {
		char *nl = strchr(p, '\n');

		list[i++] = p;
		if (nl) {
			*nl++ = '\0';
		}
		p = nl;
	}
	return list;
}

/* The '\n'-separated recipients of rcpt as mail-queued names them,
 * ", "-separated.  Caller frees. */
static char *rcpt_text(const char *rcpt)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);

	for (const char *p = rcpt; p && *p; p++) {
		if (*p == '\n') {
			sbuf_adds(&sb, ", ");
		} else {
			sbuf_addch(&sb, *p);
		}
	}
	return sbuf_detach(&sb);
}

/* A mail that failed for good is recorded on its item with the
 * recipients it did not reach (event_data.address) and why. */
static int record_result(struct flush_ctx *fc, const struct store_outbox *o,
			 enum fail fail, const char *reason)
{
	struct store *st = fc->rt->st;
	time_t now = runtime_now(fc->rt);
	int rc;

	if (fail == FAIL_NONE) {
		fc->stats->sent++;
		return store_outbox_sent(st, o->id, now, &fc->error);
	}
	if (fail == FAIL_PERM || now - o->created_at >= OUTBOX_GIVE_UP) {
		char *who = rcpt_text(o->rcpt_left ? o->rcpt_left : o->rcpt);
		const struct event_data d = {.address = who, .text = reason};

		fc->stats->failed++;
		log_warnx("mail '%s' to '%s' failed for good: %s",
			  o->message_id, who, reason);
		rc = store_outbox_failed(st, o->id, now, reason, &fc->error);
		rc = rc < 0 ? rc
			    : runtime_event(fc->rt, o->item_id, 0, "outbox",
					    EV_MAIL_FAILED, &d, &fc->error);
		free(who);
		return rc;
	}
	return store_outbox_retry(st, o->id, now + outbox_backoff(o->attempts),
				  reason, &fc->error);
}

int outbox_message(struct runtime *rt, const struct store_outbox *o,
		   bool letter_out, struct sbuf *sb, char **error_r)
{
	struct message_attachment a = {o->attach_name, OUTBOX_ATTACH_TYPE, NULL,
				       0};
	char *blob = NULL;

	if (!o->attach_sha) {
		sbuf_add(sb, o->data, o->data_len);
		return 0;
	}
	if (o->attach_at > o->data_len) {
		*error_r = xasprintf("outbox: mail '%s': attachment beyond its"
				     " end",
				     o->message_id);
		return -1;
	}
	if (letter_out) {
		char *note = xasprintf(
		    words_get(rt->cfg->service.language, W_LETTER_LEFT_OUT),
		    o->attach_name ? o->attach_name : "");

		sbuf_add(sb, o->data, o->attach_at);
		message_text_part_write(sb, note);
		sbuf_add(sb, o->data + o->attach_at,
			 o->data_len - o->attach_at);
		free(note);
		return 0;
	}
	if (store_blob_get(rt->st, o->attach_sha, &blob, &a.len, error_r) < 0) {
		return -1;
	}
	a.data = blob;
	sbuf_add(sb, o->data, o->attach_at);
	message_attachment_write(sb, &a);
	sbuf_add(sb, o->data + o->attach_at, o->data_len - o->attach_at);
	free(blob);
	return 0;
}

/* Gives up on mail queued OUTBOX_GIVE_UP ago while the server is down
 * (store_outbox_expired): it fails with the server's reason, untried,
 * one transaction a batch, not one commit each.  Non-zero on a store
 * failure. */
static int give_up_one(const struct store_outbox *o, void *data)
{
	struct flush_ctx *fc = data;

	fc->handled++;
	if (!fc->giving_up) {
		if (store_begin(fc->rt->st, &fc->error) < 0) {
			return 1;
		}
		fc->giving_up = true;
	}
	return record_result(fc, o, FAIL_TEMP, fc->server_down) < 0;
}

/* The server refused some recipients of the message (smtp_refused) and
 * took it for the others, or refused them all for good: each one refused
 * for good is recorded as mail that failed, with its address and the
 * server's words; those refused for now are the message's recipients left,
 * with a retry (the message stays pending, its Message-ID and rcpt, the
 * proof of receipt of a reply, unchanged).  Returns 1 when some are left,
 * -1 on a store failure. */
static int record_refused(struct flush_ctx *fc, const struct store_outbox *o)
{
	struct runtime *rt = fc->rt;
	size_t n;
	const struct smtp_refusal *r = smtp_refused(fc->smtp, &n);
	struct sbuf later = SBUF_INIT(SIZE_MAX);
	const char *why = NULL;
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < n; i++) {
		const struct event_data d = {.address = r[i].rcpt,
					     .text = r[i].reply};

		log_warnx("mail '%s' to '%s' refused: %s", o->message_id,
			  r[i].rcpt, r[i].reply);
		if (!r[i].for_good) {
			if (later.len) {
				sbuf_addch(&later, '\n');
			}
			sbuf_adds(&later, r[i].rcpt);
			why = r[i].reply;
			continue;
		}
		fc->stats->failed++;
		rc = runtime_event(rt, o->item_id, 0, "outbox", EV_MAIL_FAILED,
				   &d, &fc->error);
	}
	if (rc == 0 && later.len) {
		rc = store_outbox_narrow(rt->st, o->id, sbuf_str(&later),
					 runtime_now(rt) +
					     outbox_backoff(o->attempts),
					 why, &fc->error) < 0
			 ? -1
			 : 1;
	}
	sbuf_release(&later);
	return rc;
}

static bool refused_any(const struct flush_ctx *fc)
{
	size_t n;

	(void)smtp_refused(fc->smtp, &n);
	return n > 0;
}

/* Sends one queued message.  Returns non-zero to stop: on a store
 * failure, a stop signal or a server that proved unusable. */
static int send_one(const struct store_outbox *o, void *data)
{
	struct flush_ctx *fc = data;
	struct sbuf whole = SBUF_INIT(SIZE_MAX);
	const char *msg = o->data;
	size_t len = o->data_len;
	char *copy, *err = NULL;
	const char **rcpt;
	enum fail fail = FAIL_TEMP;
	bool unseen = false; /* the server never saw it: it stays as it is */
	int rc;

	fc->handled++;
	if (o->data_error) {
		/* Its pack cannot give it now: tried again later, until the
		 * mail gives up, as for a letter attached. */
		log_warnx("%s", o->data_error);
		return record_result(fc, o, FAIL_TEMP, o->data_error) < 0;
	}
	if (o->attach_sha) {
		if (outbox_message(fc->rt, o, false, &whole, &err) < 0) {
			/* Tried again later, until the mail gives up. */
			log_warnx("%s", err);
			rc = record_result(fc, o, FAIL_TEMP, err);
			free(err);
			return rc < 0;
		}
		msg = whole.buf;
		len = whole.len;
	}
	fc->tried++;
	copy = xstrdup(o->rcpt_left ? o->rcpt_left : o->rcpt);
	rcpt = split_rcpt(copy);
	rc = smtp_send(fc->smtp, o->mail_from, rcpt, msg, len, &fail, &err);
	if (rc < 0 && fail == FAIL_PERM && o->attach_sha &&
	    smtp_too_large(fc->smtp)) {
		/* The letter attached is more than the server carries: the
		 * notice goes without it, with a note in its place. */
		log_warnx("%s; sending mail '%s' again without the letter", err,
			  o->message_id);
		FREE_AND_NULL(err);
		sbuf_reset(&whole);
		(void)outbox_message(fc->rt, o, true, &whole, &err);
		(void)smtp_send(fc->smtp, o->mail_from, rcpt, whole.buf,
				whole.len, &fail, &err);
	}
	if (fail != FAIL_NONE) {
		log_warnx("%s", err);
		if (fail == FAIL_FATAL) {
			/* The server, not this message, is the problem.  A
			 * message it was given keeps a retry of its own (it
			 * may be what breaks the connection); one it never
			 * saw waits as it is, to go as soon as the server is
			 * back. */
			fc->server_down = xstrdup(err);
			fail = FAIL_TEMP;
			unseen = !smtp_offered(fc->smtp);
		}
	}
	free(rcpt);
	free(copy);
	sbuf_release(&whole);
	if (fail == FAIL_NONE) {
		/* Sent, to all or to some (the others refused). */
		rc = record_refused(fc, o);
		if (rc == 0) {
			rc = record_result(fc, o, fail, err);
		} else if (rc > 0) {
			fc->stats->sent++;
			rc = 0;
		}
	} else if (fail == FAIL_PERM && refused_any(fc)) {
		/* Every recipient refused for good: each one on the item. */
		log_warnx("mail '%s' failed for good: %s", o->message_id, err);
		rc = record_refused(fc, o);
		if (rc == 0) {
			rc = store_outbox_failed(fc->rt->st, o->id,
						 runtime_now(fc->rt), err,
						 &fc->error);
		}
	} else {
		rc = unseen ? 0 : record_result(fc, o, fail, err);
	}
	free(err);
	return rc < 0 || fc->server_down || (fc->rt->stop && *fc->rt->stop);
}

/* Commits a batch of mail given up on: a server down with a large
 * backlog writes a bounded transaction at a time, not one as large as
 * the backlog. */
static int end_giving_up(struct flush_ctx *fc, bool ok)
{
	if (!fc->giving_up) {
		return 0;
	}
	fc->giving_up = false;
	if (!ok) {
		store_rollback(fc->rt->st);
		return -1;
	}
	if (store_commit(fc->rt->st, &fc->error) < 0) {
		store_rollback(fc->rt->st);
		return -1;
	}
	return 0;
}

int outbox_flush(struct runtime *rt, int max, struct outbox_stats *stats_r,
		 char **error_r)
{
	struct flush_ctx fc = {.rt = rt, .stats = stats_r};
	int64_t pending;
	int ret = 0;

	memset(stats_r, 0, sizeof(*stats_r));
	fc.smtp = smtp_new(&rt->cfg->smtp);
	for (;;) {
		int before = fc.handled;
		int batch = FLUSH_BATCH;

		if (max > 0) {
			if (fc.tried >= max) {
				stats_r->more = true;
				break;
			}
			batch = max - fc.tried < batch ? max - fc.tried : batch;
		}
		if (store_outbox_due(rt->st, runtime_now(rt), batch, true,
				     send_one, &fc, error_r) < 0 ||
		    fc.error) {
			ret = -1;
		}
		/* Every entry handled leaves the due set: stop when none was.
		 */
		if (ret < 0 || fc.server_down || fc.handled == before ||
		    (rt->stop && *rt->stop)) {
			break;
		}
	}
	/* The server is down: the mail due stays as it is, for when the
	 * server is back (a write for each of a large backlog, every retry,
	 * was most of such a flush's time).  Only the mail queued
	 * OUTBOX_GIVE_UP ago or more is given up on now. */
	while (ret == 0 && fc.server_down && !(rt->stop && *rt->stop)) {
		time_t now = runtime_now(rt);
		int before = fc.handled;

		if (store_outbox_expired(rt->st, now, now - OUTBOX_GIVE_UP,
					 FLUSH_BATCH, give_up_one, &fc,
					 error_r) < 0 ||
		    fc.error) {
			ret = -1;
		}
		if (end_giving_up(&fc, ret == 0 && !fc.error) < 0) {
			ret = -1;
		}
		if (fc.handled - before < FLUSH_BATCH) {
			break;
		}
	}
	smtp_free(&fc.smtp);
	stats_r->unreachable = fc.server_down != NULL;
	free(fc.server_down);
	if (fc.error) {
		*error_r = fc.error;
		return -1;
	}
	/* Mail went: the recipients recorded before the rate limit's window
	 * count for nothing any more.  (Only then: a cycle with nothing to
	 * send writes nothing.) */
	if (ret == 0 && stats_r->sent > 0 &&
	    store_outbox_rcpt_prune(
		rt->st, runtime_now(rt) - OUTBOX_RATE_WINDOW, error_r) < 0) {
		return -1;
	}
	if (ret < 0) {
		return -1;
	}
	/* A store failure like any other: *error_r is the caller's. */
	if (store_outbox_pending(rt->st, &pending, error_r) < 0) {
		return -1;
	}
	stats_r->deferred = (int)pending;
	return 0;
}
