#include <stdlib.h>
#include <string.h>

#include "congvan/clock.h"
#include "congvan/inspect.h"
#include "congvan/json.h"
#include "congvan/util.h"
#include "private.h"

/* Attachment file names looked at for a letter's number. */
#define COVER_NAMES 16

/* The fallback when no part of the mail holds the letter's text (a scan
 * without a text layer, a Word file): its number and date from what the
 * covering mail says of it (letter_parse_cover: the subject, the body,
 * the attachments' file names).  Only a mail with an attachment covers a
 * letter, and one that quotes earlier mail without being a forward is a
 * reply with its own answer attached. */
static bool letter_from_cover(struct inspection *in)
{
	const char *names[COVER_NAMES + 1];
	size_t n = 0, attachments = 0;

	if (reply_has_history(in->doc.text, strlen(in->doc.text)) &&
	    !message_is_forward(in->info.subject)) {
		return false;
	}
	for (const struct mime_doc *d = &in->doc; d; d = d->forwarded) {
		for (size_t i = 0; i < d->n_attachments; i++) {
			attachments++;
			if (d->attachments[i].filename && n < COVER_NAMES) {
				names[n++] = d->attachments[i].filename;
			}
		}
	}
	names[n] = NULL;
	if (attachments == 0) {
		return false;
	}
	if (letter_parse_cover(in->info.subject, in->doc.text,
			       strlen(in->doc.text), names, &in->letter)) {
		return true;
	}
	letter_free(&in->letter);
	return false;
}

/* A letter from, in order: a forwarded message, the body, a document
 * (PDF or scan) attached to either (also over a body's letter without a
 * number: a formal covering note), what the covering mail says of it;
 * then the signatures of signed PDFs. */
static void find_letter(struct inspection *in, const struct reader_opts *reader)
{
	const struct mime_doc *fwd = in->doc.forwarded;
	const struct {
		const struct mime_doc *doc;
		const char *source;
	} texts[] = {{fwd, "forwarded"}, {&in->doc, "body"}};

	for (size_t i = 0; i < ARRAY_SIZE(texts); i++) {
		const struct mime_doc *d = texts[i].doc;

		if (d && letter_parse(d->text, strlen(d->text), &in->letter)) {
			in->letter_source = texts[i].source;
			break;
		}
		letter_free(&in->letter);
	}
	if (reader) {
		/* a letter without a number may be the covering note's */
		inspect_documents(in, reader,
				  !in->letter_source || !in->letter.symbol);
	}
	if (!in->letter_source && letter_from_cover(in)) {
		in->letter_source = "cover";
	}
	in->has_letter = in->letter_source != NULL;
}

/* A calendar client's answer to one of our invitations (a button, or
 * another date proposed) is automatic
 * mail, whatever its subject ("Accepted: ...", "Đã chấp nhận: ...") or
 * threading made of it; a bounce stays a bounce. */
static void find_calendar_reply(struct inspection *in)
{
	char *err = NULL;

	if (!in->doc.calendar ||
	    ical_answer_parse(in->doc.calendar, in->doc.calendar_len,
			      in->info.from_addr, &in->calendar_reply,
			      &err) < 0) {
		free(err);
		return;
	}
	in->has_calendar_reply = true;
	if (in->kind != MESSAGE_BOUNCE) {
		in->kind = MESSAGE_AUTO;
		in->info.kind = MESSAGE_AUTO;
		in->info.kind_reason =
		    in->calendar_reply.answer == ICAL_ANSWER_COUNTER
			? "calendar counter-proposal (iTIP METHOD:COUNTER)"
			: "calendar reply (iTIP METHOD:REPLY)";
	}
}

/* Who a delivery report says the mail did not reach. */
static void read_failures(struct inspection *in)
{
	struct mime_doc *doc = &in->doc;
	char *id = NULL;

	if (doc->delivery_status) {
		in->n_failed = message_dsn_failures(
		    doc->delivery_status, strlen(doc->delivery_status),
		    &in->failed);
		return;
	}
	if (!doc->text) {
		return;
	}
	in->n_failed =
	    message_text_bounce(doc->text, strlen(doc->text), &id, &in->failed);
	if (!doc->returned_message_id) {
		doc->returned_message_id = id;
	} else {
		free(id);
	}
}

/* A reply with nothing written in its body may state its position in
 * its subject ("Đồng ý - Re: [CV-...] ..."): what the sender wrote there
 * (message_subject_typed) is then its text, when it says something. */
static void read_subject(struct inspection *in,
			 const struct message_classify_opts *opts)
{
	struct reply_parsed p;
	char *typed;

	if (in->reply_text[strspn(in->reply_text, " \t\r\n")] != '\0') {
		return;
	}
	typed = message_subject_typed(
	    in->info.subject,
	    opts && opts->item_prefix ? opts->item_prefix : "CV");
	if (!typed) {
		return;
	}
	reply_parse(typed, &p);
	if (p.decision == REPLY_DECISION_NONE && p.n_commands == 0) {
		reply_parsed_free(&p);
		free(typed);
		return;
	}
	reply_parsed_free(&in->reply);
	in->reply = p;
	free(in->reply_text);
	in->reply_text = typed;
}

void inspect_message(const char *raw, size_t len,
		     const struct message_classify_opts *opts,
		     const struct reader_opts *reader, struct inspection *out_r)
{
	struct inspection *in = out_r;

	memset(in, 0, sizeof(*in));
	in->letter_ocr_confidence = -1;
	message_info_parse(raw, len, opts, &in->info);
	mime_parse(
	    raw, len,
	    MIME_KEEP_CALENDAR |
		(reader ? MIME_KEEP_PDF | MIME_KEEP_IMAGES | MIME_KEEP_OFFICE
			: 0),
	    &in->doc);
	inspect_reads_init(in);
	in->kind = in->info.kind;
	if (in->doc.is_delivery_report && in->kind != MESSAGE_BOUNCE) {
		in->kind = MESSAGE_BOUNCE;
	}
	find_calendar_reply(in);
	if (in->kind == MESSAGE_BOUNCE) {
		read_failures(in);
	}
	if (in->info.subject) {
		message_subject_tag(
		    in->info.subject,
		    opts && opts->item_prefix ? opts->item_prefix : "CV",
		    in->item_ref);
	}
	if (in->kind == MESSAGE_LETTER) {
		find_letter(in, reader);
		if (in->has_letter || in->doc.forwarded ||
		    !reply_has_history(in->doc.text, strlen(in->doc.text)) ||
		    message_is_forward(in->info.subject)) {
			return;
		}
		/* No Re: and no In-Reply-To, but the body quotes earlier
		 * mail and holds no letter: a reply (Outlook does this). */
		in->kind = MESSAGE_REPLY;
	}
	in->reply_text = reply_trim(in->doc.text, strlen(in->doc.text));
	if (in->kind == MESSAGE_REPLY) {
		reply_parse(in->reply_text, &in->reply);
		read_subject(in, opts);
	}
}

void inspect_free(struct inspection *in)
{
	inspect_reads_free(in);
	message_info_free(&in->info);
	mime_doc_free(&in->doc);
	letter_free(&in->letter);
	FREE_AND_NULL(in->reply_text);
	reply_parsed_free(&in->reply);
	ical_reply_release(&in->calendar_reply);
	in->has_calendar_reply = false;
	message_dsn_failures_free(in->failed, in->n_failed);
	in->failed = NULL;
	in->n_failed = 0;
}

/* How an attachment was read: "read" and "note" (null when it was not
 * looked at). */
static void add_reading(struct sbuf *sb, const struct inspect_read *r)
{
	json_add_field(sb, true, "read",
		       r && r->wanted && r->how != INSPECT_NOT_READ
			   ? inspect_reading_name(r->how)
			   : NULL);
	if (r && r->how == INSPECT_READ_OCR && r->confidence >= 0) {
		sbuf_addf(sb, ",\"ocr_confidence\":%d", r->confidence);
	}
	json_add_field(sb, true, "note", r ? r->note : NULL);
}

static void add_attachments(struct sbuf *sb, const struct inspection *in)
{
	const struct mime_attachment *a;

	for (size_t i = 0; (a = inspect_attachment(in, i)) != NULL; i++) {
		sbuf_adds(sb, i ? ",{" : "{");
		json_add_field(sb, false, "filename", a->filename);
		json_add_field(sb, true, "content_type", a->content_type);
		sbuf_addf(sb, ",\"size\":%zu", a->size);
		json_add_field(sb, true, "sha256", a->sha256);
		add_reading(sb, i < in->n_reads ? &in->reads[i] : NULL);
		sbuf_addch(sb, '}');
	}
}

static void add_signature(struct sbuf *sb, const char *filename,
			  const struct reader_signature *s)
{
	char when[32];

	json_add_field(sb, false, "attachment", filename);
	json_add_field(sb, true, "signer", *s->signer ? s->signer : NULL);
	if (s->signed_at > 0) {
		clock_format_iso((time_t)s->signed_at, when);
	}
	json_add_field(sb, true, "signed_at", s->signed_at > 0 ? when : NULL);
	json_add_field(sb, true, "status", reader_sig_status_name(s->status));
	json_add_field(sb, true, "certificate", reader_cert_name(s->cert));
	sbuf_addf(sb, ",\"changed_after_signing\":%s",
		  s->changed_after ? "true" : "false");
}

static void add_signatures(struct sbuf *sb, const struct inspection *in)
{
	bool first = true;

	for (size_t i = 0; i < in->n_reads; i++) {
		const struct reader_result *r = &in->reads[i].result;

		for (size_t k = 0; k < r->n_sig; k++) {
			sbuf_adds(sb, first ? "{" : ",{");
			first = false;
			add_signature(sb, inspect_attachment(in, i)->filename,
				      &r->sig[k]);
			sbuf_addch(sb, '}');
		}
	}
}

/* "ocr": the fields read by OCR and the lowest confidence, or null. */
static void add_ocr(struct sbuf *sb, const struct inspection *in)
{
	bool first = true;

	sbuf_adds(sb, ",\"ocr\":");
	if (!in->letter_ocr) {
		sbuf_adds(sb, "null");
		return;
	}
	sbuf_adds(sb, "{\"fields\":[");
	for (unsigned i = 0; inspect_field_name(i); i++) {
		if (in->letter_ocr & (1u << i)) {
			sbuf_adds(sb, first ? "" : ",");
			json_add_string(sb, inspect_field_name(i));
			first = false;
		}
	}
	sbuf_addf(sb, "],\"confidence\":%d}", in->letter_ocr_confidence);
}

static void add_letter(struct sbuf *sb, const struct inspection *in)
{
	const struct letter *l = &in->letter;
	const char *const fields[][2] = {{"number", l->number},
					 {"date", l->date},
					 {"place", l->place},
					 {"subject", l->subject}};

	if (!in->has_letter) {
		sbuf_adds(sb, "null");
		return;
	}
	sbuf_addch(sb, '{');
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		json_add_field(sb, i > 0, fields[i][0], fields[i][1]);
	}
	sbuf_adds(sb, ",\"recipients\":");
	json_add_string_list(sb, l->recipients);
	json_add_field(sb, true, "signer", l->signer);
	json_add_field(sb, true, "deadline", l->deadline);
	json_add_field(sb, true, "source", in->letter_source);
	add_ocr(sb, in);
	sbuf_addch(sb, '}');
}

char *inspect_json(const struct inspection *in)
{
	const struct message_info *mi = &in->info;
	struct sbuf sb = SBUF_INIT(64 << 20);

	sbuf_addch(&sb, '{');
	json_add_field(&sb, false, "message_id", mi->message_id);
	json_add_field(&sb, true, "in_reply_to", mi->in_reply_to);
	sbuf_adds(&sb, ",\"references\":");
	json_add_string_list(&sb, mi->references);
	sbuf_adds(&sb, ",\"from\":{");
	json_add_field(&sb, false, "name", mi->from_name);
	json_add_field(&sb, true, "address", mi->from_addr);
	sbuf_addch(&sb, '}');
	json_add_field(&sb, true, "subject", mi->subject);
	json_add_field(&sb, true, "kind", message_kind_name(in->kind));
	json_add_field(&sb, true, "item_ref",
		       in->item_ref[0] ? in->item_ref : NULL);
	json_add_field(&sb, true, "decision",
		       reply_decision_name(in->reply.decision));
	json_add_field(&sb, true, "reply_text", in->reply_text);
	sbuf_adds(&sb, ",\"letter\":");
	add_letter(&sb, in);
	sbuf_adds(&sb, ",\"attachments\":[");
	add_attachments(&sb, in);
	sbuf_adds(&sb, "],\"signatures\":[");
	add_signatures(&sb, in);
	sbuf_adds(&sb, "]}\n");
	return sbuf_detach(&sb);
}
