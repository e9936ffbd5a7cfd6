#include <stdlib.h>
#include <string.h>

#include "congvan/log.h"
#include "congvan/message.h"
#include "congvan/outbox.h"
#include "congvan/smtp.h"
#include "congvan/util.h"

#define FLUSH_BATCH 100

time_t outbox_backoff(int attempts)
{
	time_t delay = 60;

	for (int i = 0; i < attempts && delay < 4 * 3600; i++) {
		delay *= 2;
	}
	return delay < 4 * 3600 ? delay : 4 * 3600;
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

int outbox_queue(struct runtime *rt, int64_t item_id, const char *key,
		 const char *name, const struct template_var *vars,
		 size_t nvars, const char *const *to, char **error_r)
{
	const struct config *cfg = rt->cfg;
	time_t now = runtime_now(rt);
	struct template_out t;
	struct message_out m = {0};
	struct store_outbox o = {0};
	char *msgid, *data = NULL, *rcpt = NULL;
	size_t len;
	int ret = -1;

	if (template_render(rt->templates, cfg->service.language, name, vars,
			    nvars, &t, error_r) < 0) {
		return -1;
	}
	msgid = message_make_id(key ? key : name, cfg->service.domain, now);
	m.from_name = cfg->service.organization;
	m.from_addr = cfg->smtp.from;
	m.to = to;
	m.subject = t.subject;
	m.message_id = msgid;
	m.item_key = key;
	m.date = now;
	m.text = t.text;
	m.html = t.html;
	if (message_compose(&m, &data, &len, error_r) < 0) {
		goto out;
	}
	rcpt = join_lines(to);
	o.item_id = item_id;
	o.created_at = now;
	o.kind = name;
	o.message_id = msgid;
	o.mail_from = cfg->smtp.from;
	o.rcpt = rcpt;
	o.data = data;
	o.data_len = len;
	o.next_attempt_at = now;
	ret = store_outbox_add(rt->st, &o, NULL, error_r);
out:
	free(rcpt);
	free(data);
	free(msgid);
	template_out_free(&t);
	return ret;
}

struct flush_ctx {
	struct runtime *rt;
	struct smtp_client *smtp;
	struct outbox_stats *stats;
	char *server_down; /* why the server cannot be used now; NULL */
	int handled;       /* entries sent, failed or put off this flush */
	bool deferring;    /* a transaction holds the put-offs */
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
		struct store_event ev = {.at = now,
					 .item_id = o->item_id,
					 .actor = "outbox",
					 .kind = "mail-failed",
					 .detail = reason};

		fc->stats->failed++;
		log_warnx("mail '%s' to '%s' failed for good: %s",
			  o->message_id, o->rcpt, reason);
		rc = store_outbox_failed(st, o->id, now, reason, &fc->error);
		return rc < 0 ? rc : store_event_add(st, &ev, &fc->error);
	}
	return store_outbox_retry(st, o->id, now + outbox_backoff(o->attempts),
				  reason, &fc->error);
}

/* Sends one queued message; once the server has proved unusable, puts
 * the rest off with the same reason instead of trying each.  Returns
 * non-zero to stop: on a store failure or a stop signal. */
static int send_one(const struct store_outbox *o, void *data)
{
	struct flush_ctx *fc = data;
	char *copy, *err = NULL;
	const char **rcpt;
	enum fail fail = FAIL_TEMP;
	int rc;

	fc->handled++;
	if (fc->server_down) {
		/* Nothing is sent any more: one transaction for the rest,
		 * not one commit each. */
		if (!fc->deferring) {
			if (store_begin(fc->rt->st, &fc->error) < 0) {
				return 1;
			}
			fc->deferring = true;
		}
		return record_result(fc, o, FAIL_TEMP, fc->server_down) < 0;
	}
	copy = xstrdup(o->rcpt);
	rcpt = split_rcpt(copy);
	if (smtp_send(fc->smtp, o->mail_from, rcpt, o->data, o->data_len, &fail,
		      &err) < 0) {
		log_warnx("%s", err);
		if (fail == FAIL_FATAL) {
			/* The server, not this message, is the problem. */
			fc->server_down = xstrdup(err);
			fail = FAIL_TEMP;
		}
	}
	free(rcpt);
	free(copy);
	rc = record_result(fc, o, fail, err);
	free(err);
	return rc < 0 || (fc->rt->stop && *fc->rt->stop);
}

int outbox_flush(struct runtime *rt, struct outbox_stats *stats_r,
		 char **error_r)
{
	struct flush_ctx fc = {.rt = rt, .stats = stats_r};
	struct store_outbox_stats st;
	int ret = 0;

	memset(stats_r, 0, sizeof(*stats_r));
	fc.smtp = smtp_new(&rt->cfg->smtp);
	for (;;) {
		int before = fc.handled;

		if (store_outbox_due(rt->st, runtime_now(rt), FLUSH_BATCH,
				     send_one, &fc, error_r) < 0 ||
		    fc.error) {
			ret = -1;
			break;
		}
		/* Every entry handled leaves the due set: stop when none was.
		 */
		if (fc.handled == before || (rt->stop && *rt->stop)) {
			break;
		}
	}
	smtp_free(&fc.smtp);
	free(fc.server_down);
	if (fc.deferring) {
		if (fc.error || ret < 0) {
			store_rollback(rt->st);
		} else if (store_commit(rt->st, &fc.error) < 0) {
			store_rollback(rt->st);
		}
	}
	if (fc.error) {
		*error_r = fc.error;
		return -1;
	}
	if (ret == 0 && store_outbox_stats(rt->st, &st, error_r) == 0) {
		stats_r->deferred = (int)st.pending;
	}
	return ret;
}
