#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "congvan/auth.h"
#include "congvan/clock.h"
#include "congvan/inspect.h"
#include "congvan/intake.h"
#include "congvan/json.h"
#include "congvan/log.h"
#include "congvan/message.h"
#include "congvan/util.h"
#include "congvan/workflow.h"
#include "private.h"

/* A batch closes at this many messages or bytes, whichever comes first:
 * it bounds memory and the work lost to a crash. */
#define BATCH_MESSAGES 1000
#define BATCH_BYTES    (64u << 20)

struct batch_ctx {
	struct runtime *rt;
	const char *mailbox;
	uint32_t uidvalidity;
	struct intake_stats *stats;
	struct read_ahead *ahead;
	const struct mail_uid *list; /* the listing, by ascending UID */
	size_t n;
	struct store_first_start first; /* what the first start keeps */
	struct intake_progress progress;
	/* The UIDs were reset: messages are kept again by content, so the
	 * intake thread writes only the bytes not kept yet, after reading
	 * (else the reading thread writes each one into its reserved place:
	 * new UIDs are almost always new bytes). */
	bool rescan;
};

static const char *sender_of(const struct message_info *mi)
{
	if (mi->from_addr) {
		return mi->from_addr;
	}
	return mi->return_path && *mi->return_path ? mi->return_path : "?";
}

static int local_year(time_t t)
{
	struct tm tm;

	clock_local_tm(t, &tm);
	return tm.tm_year + 1900;
}

static char *json_list(char *const *list)
{
	struct sbuf sb = SBUF_INIT(1 << 20);

	json_add_string_list(&sb, list);
	return sbuf_detach(&sb);
}

/* Which of the letter's fields came from OCR, and how sure it was. */
static int store_ocr_fields(struct runtime *rt, int64_t item_id,
			    const struct inspection *in, char **error_r)
{
	struct sbuf sb = SBUF_INIT(1024);
	int rc;

	for (unsigned i = 0; inspect_field_name(i); i++) {
		if (in->letter_ocr & (1u << i)) {
			sbuf_addf(&sb, "%s%s", sb.len ? " " : "",
				  inspect_field_name(i));
		}
	}
	rc = store_letter_set_ocr(rt->st, item_id, sbuf_str(&sb),
				  in->letter_ocr_confidence, error_r);
	sbuf_release(&sb);
	return rc;
}

/* Stores the letter's metadata on its item; *dup_key_r gets the key of an
 * earlier item with the same letter ("" when none). */
static int store_letter(struct runtime *rt, const struct store_item *item,
			const struct inspection *in, char dup_key_r[32],
			char **error_r)
{
	const struct letter *l = &in->letter;
	struct store_letter sl = {.number = l->number,
				  .issuer = l->issuer,
				  .symbol = l->symbol,
				  .date = l->date,
				  .place = l->place,
				  .subject = l->subject,
				  .signer = l->signer,
				  .signer_title = l->signer_title,
				  .deadline = l->deadline,
				  .source = in->letter_source};
	int rc;

	sl.deadline_kind = letter_deadline_kind_name(l->stated.kind);
	sl.deadline_phrase = l->stated.phrase;
	if (l->stated.days > 0) {
		sl.deadline_days = l->stated.days;
		sl.deadline_from = l->stated.from_issue ? "issue" : "receipt";
	}
	dup_key_r[0] = '\0';
	rc = store_letter_find_same(rt->st, l->number, l->date,
				    sender_of(&in->info), &sl.duplicate_of,
				    dup_key_r, error_r);
	if (rc < 0) {
		return -1;
	}
	sl.recipients = json_list(l->recipients);
	sl.distribution = json_list(l->distribution);
	rc = store_letter_add(rt->st, item->id, &sl, error_r);
	free((char *)sl.recipients);
	free((char *)sl.distribution);
	if (rc == 0 && in->letter_ocr) {
		rc = store_ocr_fields(rt, item->id, in, error_r);
	}
	if (rc == 0 && dup_key_r[0]) {
		char *detail = xasprintf("%s is the same letter (%s)",
					 dup_key_r, l->number);

		const struct event_data d = {.text = detail};

		log_warnx("'%s': %s", item->key, detail);
		rc = runtime_event(rt, item->id, item->message_id, "intake",
				   EV_DUPLICATE_LETTER, &d, error_r);
		free(detail);
	}
	return rc;
}

static int register_item(struct runtime *rt, int64_t msg_id,
			 const struct inspection *in,
			 struct intake_stats *stats, char **error_r)
{
	const struct message_info *mi = &in->info;
	struct store_item item;
	const struct event_data d = {.text = mi->subject};
	char dup[32] = "";
	time_t now = runtime_now(rt);
	int ret = -1;

	if (store_item_create(rt->st, rt->cfg->service.item_prefix,
			      local_year(now), now, msg_id, mi->subject,
			      sender_of(mi), &item, error_r) < 0) {
		return -1;
	}
	/* The subject and sender as stored (store_item_create leaves them
	 * out): workflow_letter starts from the item, not from a read. */
	item.subject = mi->subject ? xstrdup(mi->subject) : NULL;
	item.sender = xstrdup(sender_of(mi));
	if (runtime_event(rt, item.id, msg_id, sender_of(mi), EV_REGISTERED, &d,
			  error_r) < 0 ||
	    (in->has_letter && store_letter(rt, &item, in, dup, error_r) < 0) ||
	    workflow_letter(rt, &item, in, dup[0] ? dup : NULL, error_r) < 0) {
		goto out;
	}
	stats->registered++;
	log_debug("registered '%s': %s", item.key,
		  mi->subject ? mi->subject : "");
	ret = 0;
out:
	store_item_release(&item);
	return ret;
}

/* Finds the item a reply or automatic message refers to, and how, which
 * is the proof of receipt it carries: our Message-ID in In-Reply-To or
 * References (we sent it mail about the item), else a signed reply
 * address it was sent to, else only the subject tag.  0 when none. */
static int find_item(struct runtime *rt, const struct message_info *mi,
		     int64_t *item_id_r, enum workflow_match *match_r,
		     char **error_r)
{
	char key[32];
	int rc = 0;

	*item_id_r = 0;
	*match_r = WORKFLOW_MATCH_REFERENCE;
	if (mi->in_reply_to) {
		rc = store_item_by_sent_message_id(rt->st, mi->in_reply_to,
						   item_id_r, error_r);
	}
	for (char **r = mi->references; rc == 0 && r && *r; r++) {
		rc = store_item_by_sent_message_id(rt->st, *r, item_id_r,
						   error_r);
	}
	/* A signed reply address (box+TOKEN@domain). */
	for (char **a = mi->recipients; rc == 0 && a && *a; a++) {
		if (workflow_reply_token(rt, *a, key) == 1) {
			*match_r = WORKFLOW_MATCH_TOKEN;
			rc = store_item_by_key(rt->st, key, item_id_r, error_r);
		}
	}
	if (rc == 0 && message_subject_tag(mi->subject ? mi->subject : "",
					   rt->cfg->service.item_prefix, key)) {
		*match_r = WORKFLOW_MATCH_TAG;
		rc = store_item_by_key(rt->st, key, item_id_r, error_r);
	}
	return rc < 0 ? -1 : 0;
}

static size_t auth_count(char **list)
{
	size_t n = 0;

	while (list && list[n]) {
		n++;
	}
	return n;
}

/* Whether the sender is authenticated: by a trusted server's
 * Authentication-Results, else by a DKIM signature we verify. */
static void authenticate(struct runtime *rt, const struct message_info *mi,
			 const char *raw, size_t len,
			 struct workflow_sender *who)
{
	const struct config_security *sec = &rt->cfg->security;

	who->authenticated = false;
	who->how[0] = '\0';
	if (sec->n_authserv_ids > 0) {
		who->authenticated = auth_from_results(
		    (const char *const *)mi->auth_results,
		    auth_count(mi->auth_results),
		    (const char *const *)sec->authserv_ids, sec->n_authserv_ids,
		    mi->from_addr, rt->cfg->service.domain, who->how);
		if (!who->authenticated) {
			snprintf(who->how, sizeof(who->how),
				 "no pass for the From address in the"
				 " Authentication-Results of a trusted server");
		}
	}
	if (!who->authenticated && sec->dkim_verify && rt->dkim) {
		who->authenticated = auth_dkim_check(rt->dkim, raw, len,
						     mi->from_addr, who->how);
	}
}

/* The item of the event a calendar's answer names by its UID. */
static int calendar_item(struct runtime *rt, const struct inspection *in,
			 int64_t *item_id_r, char **error_r)
{
	struct store_calendar_entry e;
	int rc;

	*item_id_r = 0;
	if (!in->has_calendar_reply) {
		return 0;
	}
	rc = store_calendar_get(rt->st, in->calendar_reply.uid, &e, error_r);
	if (rc == 1) {
		*item_id_r = e.item_id;
	}
	store_calendar_entry_release(&e);
	return rc < 0 ? -1 : 0;
}

/* Whether the '\n'-separated list holds addr (without case). */
static bool list_has(const char *list, const char *addr)
{
	size_t n = strlen(addr);

	for (const char *p = list; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len == n && strncasecmp(p, addr, n) == 0) {
			return true;
		}
		p = nl ? nl + 1 : NULL;
	}
	return false;
}

/* The mail of ours a delivery report returns (in->doc.returned_message_id,
 * found in the outbox): its item (0: none) and its recipients (NULL when
 * the report returns none of our mail; caller frees). */
static int bounced_mail(struct runtime *rt, const struct inspection *in,
			int64_t *item_id_r, char **rcpt_r, char **error_r)
{
	*item_id_r = 0;
	*rcpt_r = NULL;
	if (in->kind != MESSAGE_BOUNCE || !in->doc.returned_message_id) {
		return 0;
	}
	return store_outbox_sent_to(rt->st, in->doc.returned_message_id,
				    item_id_r, rcpt_r, error_r) < 0
		   ? -1
		   : 0;
}

/* Each recipient a delivery report says failed that the mail it returns
 * had (rcpt) is recorded on that mail's item as mail that failed, with
 * the status and the server's words.  Anyone may send a report: one
 * naming a recipient the mail did not have records nothing, and nothing
 * is acted on. */
static int record_bounce(struct runtime *rt, int64_t msg_id,
			 const struct inspection *in, int64_t item_id,
			 const char *rcpt, char **error_r)
{
	const struct message_dsn_failure *f = in->failed;
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < in->n_failed; i++) {
		char *why;
		struct event_data d = {.address = f[i].rcpt};

		if (!list_has(rcpt, f[i].rcpt)) {
			continue;
		}
		why = xasprintf("%s%s%s", f[i].status,
				*f[i].status && *f[i].diagnostic ? ": " : "",
				f[i].diagnostic);
		d.text = why;
		log_warnx("mail '%s' to '%s' bounced: %s",
			  in->doc.returned_message_id, f[i].rcpt, why);
		rc = runtime_event(rt, item_id, msg_id, sender_of(&in->info),
				   EV_MAIL_FAILED, &d, error_r);
		free(why);
	}
	return rc;
}

/* Notes a message that is no letter: the reply's text, its item, its
 * event. */
static int note_message(struct runtime *rt, int64_t msg_id,
			const struct inspection *in, int64_t item_id,
			struct intake_stats *stats, char **error_r)
{
	static const enum event_kind event_kind[] = {
	    [MESSAGE_LETTER] = EV_LETTER_RECEIVED,
	    [MESSAGE_REPLY] = EV_REPLY_RECEIVED,
	    [MESSAGE_AUTO] = EV_AUTO_RECEIVED,
	    [MESSAGE_BOUNCE] = EV_BOUNCE_RECEIVED,
	};
	const struct message_info *mi = &in->info;
	struct event_data d = {0};

	if (store_message_set_reply(rt->st, msg_id, in->reply_text,
				    reply_decision_name(in->reply.decision),
				    error_r) < 0) {
		return -1;
	}
	if (in->kind == MESSAGE_REPLY) {
		stats->replies++;
	} else if (in->kind == MESSAGE_BOUNCE) {
		stats->bounces++;
	} else {
		stats->automatic++;
	}
	if (item_id &&
	    store_message_set_item(rt->st, msg_id, item_id, error_r) < 0) {
		return -1;
	}
	d.text = in->kind == MESSAGE_REPLY && in->reply_text ? in->reply_text
							     : mi->kind_reason;
	return runtime_event(rt, item_id, msg_id, sender_of(mi),
			     event_kind[in->kind], &d, error_r);
}

/* Records what a message is and acts on it: a letter (or a reply to no
 * item of ours) becomes an item; anything else is noted on its item. */
static int dispatch(struct runtime *rt, int64_t msg_id, const char *raw,
		    size_t len, const struct inspection *in,
		    struct intake_stats *stats, char **error_r)
{
	const struct message_info *mi = &in->info;
	struct workflow_sender who = {.match = WORKFLOW_MATCH_REFERENCE};
	int64_t item_id = 0, bounced_item;
	char *bounced = NULL; /* the recipients of the mail a report returns */
	int rc;

	if (in->kind == MESSAGE_LETTER) {
		return register_item(rt, msg_id, in, stats, error_r);
	}
	if (calendar_item(rt, in, &item_id, error_r) < 0 ||
	    bounced_mail(rt, in, &bounced_item, &bounced, error_r) < 0) {
		return -1;
	}
	if (!item_id) {
		item_id = bounced_item;
	}
	if (!item_id && find_item(rt, mi, &item_id, &who.match, error_r) < 0) {
		free(bounced);
		return -1;
	}
	if (in->kind == MESSAGE_REPLY && item_id == 0) {
		return register_item(rt, msg_id, in, stats, error_r);
	}
	rc = note_message(rt, msg_id, in, item_id, stats, error_r);
	if (rc == 0 && bounced && bounced_item) {
		rc = record_bounce(rt, msg_id, in, bounced_item, bounced,
				   error_r);
	}
	free(bounced);
	if (rc < 0) {
		return -1;
	}
	/* Automatic mail and bounces are recorded, never acted on; a
	 * calendar's answer is recorded on its event. */
	if (in->kind == MESSAGE_REPLY && item_id) {
		authenticate(rt, mi, raw, len, &who);
		return workflow_reply(rt, item_id, msg_id, in, &who, error_r);
	}
	if (in->has_calendar_reply && in->kind == MESSAGE_AUTO && item_id) {
		authenticate(rt, mi, raw, len, &who);
		return workflow_calendar_reply(rt, item_id, msg_id, in, &who,
					       error_r);
	}
	return 0;
}

enum seen {
	SEEN_NEW,       /* never received before */
	SEEN_SAME,      /* these very bytes are stored already */
	SEEN_DUPLICATE, /* another message with this Message-ID was */
};

/* Whether the message was received before: the same bytes (a rescan
 * after UIDVALIDITY changed, a copy), or a resend under the same
 * Message-ID with other bytes. */
static int seen_before(struct runtime *rt, const char *message_id,
		       const char *sha, enum seen *seen_r, int64_t *earlier_r,
		       char **error_r)
{
	int64_t same = 0;
	int rc;

	*seen_r = SEEN_NEW;
	*earlier_r = 0;
	rc = store_message_by_identity(rt->st, NULL, sha, &same, error_r);
	if (rc != 0) {
		*seen_r = SEEN_SAME;
		return rc < 0 ? -1 : 0;
	}
	if (!message_id) {
		return 0;
	}
	rc = store_message_by_identity(rt->st, message_id, NULL, earlier_r,
				       error_r);
	if (rc == 1) {
		*seen_r = SEEN_DUPLICATE;
	}
	return rc < 0 ? -1 : 0;
}

static void fill_row(struct store_message *m, const struct inspection *in)
{
	const struct message_info *mi = &in->info;

	m->message_id = mi->message_id;
	m->in_reply_to = mi->in_reply_to;
	m->from_addr = mi->from_addr;
	m->from_name = mi->from_name;
	m->subject = mi->subject;
	m->kind = message_kind_name(in->kind);
	m->kind_reason = mi->kind_reason;
}

/* What the reader made of one attachment: how it was read, the pages
 * read by OCR, the signatures. */
static int store_reading(struct runtime *rt, int64_t att_id,
			 const struct inspect_read *r, char **error_r)
{
	const struct reader_result *res = &r->result;

	if (r->wanted && r->how != INSPECT_NOT_READ &&
	    store_attachment_set_reading(rt->st, att_id,
					 inspect_reading_name(r->how), r->note,
					 error_r) < 0) {
		return -1;
	}
	for (size_t i = 0; i < res->n_page; i++) {
		const struct reader_page *p = &res->page[i];

		if (p->source == READER_SOURCE_OCR &&
		    store_scan_page_add(rt->st, att_id, p->number,
					p->confidence, p->text, error_r) < 0) {
			return -1;
		}
	}
	for (size_t i = 0; i < res->n_sig; i++) {
		const struct reader_signature *g = &res->sig[i];
		struct store_signature sig = {
		    att_id,
		    (int)i + 1,
		    *g->signer ? g->signer : NULL,
		    g->signed_at,
		    reader_sig_status_name(g->status),
		    reader_cert_name(g->cert),
		    g->changed_after,
		};

		if (store_signature_add(rt->st, &sig, error_r) < 0) {
			return -1;
		}
	}
	return 0;
}

static int store_attachments(struct runtime *rt, int64_t msg_id,
			     const struct inspection *in, char **error_r)
{
	const struct mime_attachment *a;

	for (size_t i = 0; (a = inspect_attachment(in, i)) != NULL; i++) {
		int64_t id;

		if (store_attachment_add(rt->st, msg_id, a->filename,
					 a->content_type, a->size, a->sha256,
					 &id, error_r) < 0 ||
		    (i < in->n_reads &&
		     store_reading(rt, id, &in->reads[i], error_r) < 0)) {
			return -1;
		}
	}
	return 0;
}

/* Stores the row of a parsed message and acts on it. */
static int take_message(struct runtime *rt, struct store_message *m,
			const char *data, size_t len,
			const struct inspection *in, struct intake_stats *stats,
			char **error_r)
{
	const struct message_info *mi = &in->info;
	enum seen seen;
	int64_t id;

	if (seen_before(rt, mi->message_id, m->sha256, &seen, &m->duplicate_of,
			error_r) < 0) {
		return -1;
	}
	if (seen == SEEN_SAME) {
		stats->duplicates++;
		return 0;
	}
	fill_row(m, in);
	if (store_message_insert(rt->st, m, &id, error_r) < 0 ||
	    store_attachments(rt, id, in, error_r) < 0) {
		return -1;
	}
	if (m->history) {
		/* Kept: stored and listed by `congvan history`, nothing
		 * more, until `congvan register` asks for it. */
		stats->history++;
		return 0;
	}
	if (seen == SEEN_DUPLICATE) {
		const struct event_data d = {.text = mi->message_id};

		stats->duplicates++;
		return runtime_event(rt, 0, id, sender_of(mi),
				     EV_DUPLICATE_RECEIVED, &d, error_r);
	}
	return dispatch(rt, id, data, len, in, stats, error_r);
}

static struct message_classify_opts classify_opts(const struct runtime *rt)
{
	const struct config *cfg = rt->cfg;
	struct message_classify_opts opts = {rt->secret, cfg->smtp.from,
					     cfg->service.item_prefix};

	return opts;
}

/* How the documents of a message are read ([letters]). */
static struct reader_opts reader_opts_of(const struct runtime *rt)
{
	const struct config *cfg = rt->cfg;
	struct reader_opts reader = {NULL, cfg->letters.ocr_pages,
				     cfg->letters.trust, false,
				     cfg->letters.time_limit};

	return reader;
}

/* Whether the message with this UID is stored already: 1 yes, 0 no. */
static int stored(struct runtime *rt, const char *mailbox, uint32_t uidvalidity,
		  uint32_t uid, char **error_r)
{
	int64_t id;

	return store_message_by_uid(rt->st, mailbox, uidvalidity, uid, &id,
				    error_r);
}

/* Keeps a message that was read: its raw bytes, its row, and what it
 * means for the workflow. */
static int keep_read(struct runtime *rt, const char *mailbox,
		     uint32_t uidvalidity, const struct read_job *j,
		     struct intake_stats *stats, char **error_r)
{
	struct store_message m = {.received_at = runtime_now(rt),
				  .mailbox = mailbox,
				  .uidvalidity = uidvalidity,
				  .uid = j->uid,
				  .sha256 = j->sha,
				  .size = j->len,
				  .delivered_at = j->delivered_at,
				  .history =
				      j->history ? STORE_HISTORY_KEPT : NULL};

	if (j->write_error) {
		*error_r = xstrdup(j->write_error);
		return -1;
	}
	if ((j->place.fd >= 0 ? store_blob_put_placed(rt->st, j->sha, j->len,
						      &j->place, error_r)
			      : store_blob_put_hashed(rt->st, j->data, j->len,
						      j->sha, error_r)) < 0) {
		return -1;
	}
	return take_message(rt, &m, j->data, j->len, &j->in, stats, error_r);
}

int intake_message(struct runtime *rt, const char *mailbox,
		   uint32_t uidvalidity, uint32_t uid, const char *data,
		   size_t len, struct intake_stats *stats, char **error_r)
{
	struct message_classify_opts opts = classify_opts(rt);
	struct reader_opts reader = reader_opts_of(rt);
	struct read_job j = {
	    .uid = uid, .data = (char *)data, .len = len, .place.fd = -1};
	int rc;

	stats->fetched++;
	rc = stored(rt, mailbox, uidvalidity, uid, error_r);
	if (rc != 0) {
		return rc < 0 ? -1 : 0;
	}
	store_blob_hash(data, len, j.sha);
	inspect_message(data, len, &opts, &reader, &j.in);
	rc = keep_read(rt, mailbox, uidvalidity, &j, stats, error_r);
	inspect_free(&j.in);
	return rc;
}

/* Keeps a job taken off the queue: a message read, or the message of a
 * notice written, of which only a failure matters. */
static int keep_job(struct batch_ctx *bc, const struct read_job *j,
		    char **error_r)
{
	if (!j->write_only) {
		return keep_read(bc->rt, bc->mailbox, bc->uidvalidity, j,
				 bc->stats, error_r);
	}
	if (j->write_error) {
		*error_r = xstrdup(j->write_error);
		return -1;
	}
	return 0;
}

/* The store's writer during a batch (store_blob_set_writer): the messages
 * of the notices queued are written by the reading thread, in its queue,
 * not by the intake thread, the busier of the two. */
static void hand_over(void *ctx, const struct store_blob_place *place,
		      char *data, size_t len)
{
	struct batch_ctx *bc = ctx;

	intake_ahead_push_write(bc->ahead, place, data, len);
}

/* Keeps the messages read ahead, in order: every one queued when wait
 * is set, else those read by now. */
static int keep_ready(struct batch_ctx *bc, bool wait, char **error_r)
{
	struct read_job *j;
	int rc = 0;

	while (rc == 0 && (j = intake_ahead_pop(bc->ahead, wait))) {
		rc = keep_job(bc, j, error_r);
		intake_job_free(&j);
	}
	return rc;
}

/* When the message with this UID reached the mailbox (0: unknown). */
static time_t delivered_at(const struct batch_ctx *bc, uint32_t uid)
{
	size_t lo = 0, hi = bc->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (bc->list[mid].uid < uid) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo < bc->n && bc->list[lo].uid == uid
		   ? bc->list[lo].internal_date
		   : 0;
}

/* Called for each fetched message: queues it to be read ahead (keeping
 * read ones to make room), then keeps whatever is read by now. */
static int on_message(uint32_t uid, const char *data, size_t len, void *ctx,
		      char **error_r)
{
	struct batch_ctx *bc = ctx;
	struct store_blob_place place;
	struct read_job *j;
	time_t at;
	int rc;

	bc->stats->fetched++;
	intake_progress_step(&bc->progress);
	rc = stored(bc->rt, bc->mailbox, bc->uidvalidity, uid, error_r);
	if (rc != 0) {
		return rc < 0 ? -1 : 0;
	}
	while (!intake_ahead_has_room(bc->ahead, len)) {
		j = intake_ahead_pop(bc->ahead, true);
		rc = keep_job(bc, j, error_r);
		intake_job_free(&j);
		if (rc < 0) {
			return -1;
		}
	}
	if (!bc->rescan &&
	    store_blob_reserve(bc->rt->st, len, &place, error_r) < 0) {
		return -1;
	}
	at = delivered_at(bc, uid);
	intake_ahead_push(
	    bc->ahead, uid, data, len, at,
	    store_first_start_keeps(&bc->first, bc->uidvalidity, uid, at),
	    bc->rescan ? NULL : &place);
	return keep_ready(bc, false, error_r);
}

/* Fetches, stores and commits uids[0..n), then flags them on the server. */
static int run_batch(struct runtime *rt, struct mail_session *ms,
		     struct batch_ctx *bc, const uint32_t *uids, size_t n,
		     enum fail *fail_r, char **error_r)
{
	char *err = NULL;
	int rc;

	if (store_begin(rt->st, error_r) < 0) {
		*fail_r = FAIL_LOCAL;
		return -1;
	}
	store_blob_set_writer(rt->st, hand_over, bc);
	rc = mail_fetch(ms, uids, n, on_message, bc, fail_r, error_r);
	if (rc == 0 && keep_ready(bc, true, error_r) < 0) {
		*fail_r = FAIL_FATAL;
		rc = -1;
	}
	/* The queue is empty: every notice's message is written (or the
	 * batch is dropped, and the queue with it). */
	store_blob_set_writer(rt->st, NULL, NULL);
	if (rc < 0) {
		store_rollback(rt->st);
		return -1;
	}
	if (store_sync_set(rt->st, bc->mailbox, bc->uidvalidity, uids[n - 1],
			   error_r) < 0 ||
	    store_commit(rt->st, error_r) < 0) {
		store_rollback(rt->st);
		*fail_r = FAIL_LOCAL;
		return -1;
	}
	/* Committed: only now may the server learn we have them. */
	if (mail_add_keyword(ms, uids, n, INTAKE_KEYWORD, fail_r, &err) < 0) {
		log_warnx("%s", err);
		free(err);
	}
	return 0;
}

/* The first UID to fetch, handling a new or changed UIDVALIDITY. */
static int start_uid(struct runtime *rt, const char *mailbox,
		     uint32_t uidvalidity, uint32_t *from_r, bool *rescan_r,
		     char **error_r)
{
	struct store_sync sync;
	struct event_data d = {0};
	char detail[96];

	if (store_sync_get(rt->st, mailbox, &sync, error_r) < 0) {
		return -1;
	}
	if (sync.known && sync.uidvalidity == uidvalidity) {
		*from_r = sync.last_uid + 1;
		return 0;
	}
	*from_r = 1;
	if (!sync.known) {
		return 0;
	}
	*rescan_r = true;
	log_warnx(
	    "mailbox '%s': UIDVALIDITY changed from %u to %u; rescanning"
	    " (messages seen before are recognised, not registered again)",
	    mailbox, sync.uidvalidity, uidvalidity);
	snprintf(detail, sizeof(detail), "%s: %u -> %u", mailbox,
		 sync.uidvalidity, uidvalidity);
	d.text = detail;
	if (store_begin(rt->st, error_r) < 0 ||
	    runtime_event(rt, 0, 0, "intake", EV_UIDVALIDITY_CHANGED, &d,
			  error_r) < 0 ||
	    store_sync_set(rt->st, mailbox, uidvalidity, 0, error_r) < 0 ||
	    store_commit(rt->st, error_r) < 0) {
		store_rollback(rt->st);
		return -1;
	}
	return 0;
}

/* The length of the batch starting at list[i]. */
static size_t batch_len(const struct mail_uid *list, size_t i, size_t n)
{
	size_t j = i, bytes = 0;

	while (j < n && j - i < BATCH_MESSAGES &&
	       (j == i || bytes + list[j].size <= BATCH_BYTES)) {
		bytes += list[j].size;
		j++;
	}
	return j - i;
}

/* Records the first start of the database unless it is recorded: the
 * mail listed now that was delivered before [mailbox] since, or else
 * first_run_days before now, is kept as history.  The cut is on the real
 * clock, as the server's INTERNALDATE is. */
static int first_start(struct runtime *rt, uint32_t uidvalidity,
		       const struct mail_uid *list, size_t n,
		       struct store_first_start *fs_r, char **error_r)
{
	const struct config_mailbox *mb = &rt->cfg->mailbox;
	struct store_first_start fs = {0, uidvalidity, n ? list[n - 1].uid : 0};
	char when[32];
	int rc = store_first_start_get(rt->st, fs_r, error_r);

	if (rc != 0) {
		return rc < 0 ? -1 : 0; /* recorded before: a read, no write */
	}
	if (mb->first_run_days == CONFIG_FIRST_RUN_ALL) {
		fs.cut = 0;
	} else if (mb->since > 0) {
		fs.cut = mb->since;
	} else {
		fs.cut = time(NULL) - (time_t)mb->first_run_days * 86400;
	}
	if (store_begin(rt->st, error_r) < 0) {
		return -1;
	}
	if (store_first_start_add(rt->st, runtime_now(rt), &fs, error_r) < 0 ||
	    store_commit(rt->st, error_r) < 0) {
		store_rollback(rt->st);
		return -1;
	}
	*fs_r = fs;
	if (fs.cut > 0) {
		clock_format_local(fs.cut, when);
		log_info("first start: mail delivered before %s is kept as"
			 " history",
			 when);
	}
	return 0;
}

/* Tells, once the cycle is over, how much mail the first start kept. */
static int history_told(struct runtime *rt, const struct store_first_start *fs,
			size_t kept, char **error_r)
{
	struct event_data d = {0};
	char when[32];
	int rc;

	if (kept == 0) {
		return 0;
	}
	clock_format_local(fs->cut, when);
	d.text = xasprintf("%zu messages delivered before %s", kept, when);
	rc = store_begin(rt->st, error_r);
	if (rc == 0 && (runtime_event(rt, 0, 0, "intake", EV_HISTORY_KEPT, &d,
				      error_r) < 0 ||
			store_commit(rt->st, error_r) < 0)) {
		store_rollback(rt->st);
		rc = -1;
	}
	free((char *)d.text);
	if (rc == 0) {
		log_notice("first start: %zu messages delivered before %s kept"
			   " as history (no item, no notice); `congvan"
			   " history` lists them, `congvan register --since"
			   " YYYY-MM-DD` registers those delivered from that"
			   " day",
			   kept, when);
	}
	return rc;
}

/* Stores again what the documents of a stored message say, now that they
 * are read (a message kept as history was stored unread). */
static int store_readings_again(struct runtime *rt, int64_t msg_id,
				const struct inspection *in, char **error_r)
{
	struct store_attachment_row *rows;
	size_t n;
	int rc = 0;

	if (in->n_reads == 0) {
		return 0;
	}
	if (store_attachments_get(rt->st, msg_id, &rows, &n, error_r) < 0) {
		return -1;
	}
	for (size_t i = 0; rc == 0 && i < n && i < in->n_reads; i++) {
		rc = store_reading(rt, rows[i].id, &in->reads[i], error_r);
	}
	store_attachment_rows_free(rows, n);
	return rc;
}

/* Acts on one message `congvan register` took out of the history, as if
 * it had just come; a repeat of an earlier message is only released. */
static int register_one(struct runtime *rt, int64_t id, const char *sha,
			int64_t duplicate_of,
			const struct message_classify_opts *opts,
			const struct reader_opts *reader,
			struct intake_stats *stats, char **error_r)
{
	struct inspection in;
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (store_history_done(rt->st, id, error_r) < 0) {
		return -1;
	}
	if (duplicate_of != 0) {
		stats->duplicates++;
		return 0;
	}
	if (store_blob_get(rt->st, sha, &data, &len, error_r) < 0) {
		return -1;
	}
	inspect_message(data, len, opts, reader, &in);
	rc = store_readings_again(rt, id, &in, error_r);
	if (rc == 0) {
		stats->from_history++;
		rc = dispatch(rt, id, data, len, &in, stats, error_r);
	}
	inspect_free(&in);
	free(data);
	return rc;
}

/* Acts on the mail marked by `congvan register`, oldest first, a batch
 * per transaction. */
static int register_marked(struct runtime *rt,
			   const struct message_classify_opts *opts,
			   const struct reader_opts *reader,
			   struct intake_stats *stats, char **error_r)
{
	char sha[STORE_SHA_HEX];
	int64_t id, dup;
	size_t done = BATCH_MESSAGES;
	int rc = store_history_next(rt->st, &id, sha, &dup, error_r);

	/* Nothing marked, as in almost every cycle: a read, no write. */
	while (rc > 0 && done == BATCH_MESSAGES) {
		done = 0;
		if (store_begin(rt->st, error_r) < 0) {
			return -1;
		}
		while (done < BATCH_MESSAGES && !(rt->stop && *rt->stop) &&
		       (rc = store_history_next(rt->st, &id, sha, &dup,
						error_r)) > 0 &&
		       (rc = register_one(rt, id, sha, dup, opts, reader, stats,
					  error_r)) == 0) {
			done++;
			rc = 1;
		}
		if (rc < 0 || store_commit(rt->st, error_r) < 0) {
			store_rollback(rt->st);
			return -1;
		}
	}
	return rc < 0 ? -1 : 0;
}

int intake_run(struct runtime *rt, struct mail_session *ms,
	       struct intake_stats *stats_r, enum fail *fail_r, char **error_r)
{
	const char *mailbox = rt->cfg->mailbox.folder;
	uint32_t uidvalidity = mail_folder_state(ms)->uidvalidity;
	struct message_classify_opts opts = classify_opts(rt);
	struct reader_opts reader = reader_opts_of(rt);
	struct batch_ctx bc = {.rt = rt,
			       .mailbox = mailbox,
			       .uidvalidity = uidvalidity,
			       .stats = stats_r};
	struct mail_uid *list = NULL;
	uint32_t *uids = NULL;
	uint32_t from;
	size_t n = 0;
	int ret = -1;

	memset(stats_r, 0, sizeof(*stats_r));
	*fail_r = FAIL_LOCAL;
	if (start_uid(rt, mailbox, uidvalidity, &from, &bc.rescan, error_r) <
		0 ||
	    mail_list_from(ms, from, &list, &n, fail_r, error_r) < 0) {
		goto out;
	}
	bc.list = list;
	bc.n = n;
	if (first_start(rt, uidvalidity, list, n, &bc.first, error_r) < 0) {
		goto out;
	}
	intake_progress_start(&bc.progress, n);
	uids = xcalloc(n ? n : 1, sizeof(*uids));
	if (n > 0) {
		bc.ahead = intake_ahead_start(&opts, &reader);
	}
	for (size_t i = 0; i < n; i++) {
		uids[i] = list[i].uid;
	}
	for (size_t i = 0; i < n && !(rt->stop && *rt->stop);) {
		size_t len = batch_len(list, i, n);

		if (run_batch(rt, ms, &bc, uids + i, len, fail_r, error_r) <
		    0) {
			goto out;
		}
		i += len;
	}
	if (history_told(rt, &bc.first, stats_r->history, error_r) < 0 ||
	    register_marked(rt, &opts, &reader, stats_r, error_r) < 0) {
		goto out;
	}
	*fail_r = FAIL_NONE;
	ret = 0;
out:
	intake_progress_end(&bc.progress);
	/* After a failure, what is still read ahead is dropped with the
	 * rolled-back batch; the next run fetches it again. */
	intake_ahead_stop(&bc.ahead);
	free(uids);
	free(list);
	return ret;
}
