#include <stdlib.h>
#include <string.h>

#include "congvan/inspect.h"
#include "congvan/json.h"
#include "congvan/util.h"
#include "private.h"

static bool is_pdf(const struct mime_attachment *a)
{
	size_t n = a->filename ? strlen(a->filename) : 0;

	return a->data && (strcmp(a->content_type, "application/pdf") == 0 ||
			   (n > 4 && str_iequal(a->filename + n - 4, ".pdf")));
}

/* The letter in the first PDF attachment that holds one. */
static bool letter_from_pdf(const struct mime_doc *doc, struct letter *l)
{
	for (size_t i = 0; i < doc->n_attachments; i++) {
		const struct mime_attachment *a = &doc->attachments[i];
		char *text;
		bool found;

		if (!is_pdf(a)) {
			continue;
		}
		text = inspect_pdf_text(a->data, a->size);
		found = text && letter_parse(text, strlen(text), l);
		free(text);
		if (found) {
			return true;
		}
		letter_free(l);
	}
	return false;
}

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

/* A letter from, in order: a forwarded message, the body, a PDF, what
 * the covering mail says of it. */
static void find_letter(struct inspection *in, unsigned flags)
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
	if (!in->letter_source && (flags & INSPECT_PDF) &&
	    (letter_from_pdf(&in->doc, &in->letter) ||
	     (fwd && letter_from_pdf(fwd, &in->letter)))) {
		in->letter_source = "pdf";
	}
	if (!in->letter_source && letter_from_cover(in)) {
		in->letter_source = "cover";
	}
	in->has_letter = in->letter_source != NULL;
}

/* A calendar client's answer to one of our invitations is automatic
 * mail, whatever its subject ("Accepted: ...", "Đã chấp nhận: ...") or
 * threading made of it; a bounce stays a bounce. */
static void find_calendar_reply(struct inspection *in)
{
	char *err = NULL;

	if (!in->doc.calendar ||
	    ical_reply_parse(in->doc.calendar, in->doc.calendar_len,
			     &in->calendar_reply, &err) < 0) {
		free(err);
		return;
	}
	in->has_calendar_reply = true;
	if (in->kind != MESSAGE_BOUNCE) {
		in->kind = MESSAGE_AUTO;
		in->info.kind = MESSAGE_AUTO;
		in->info.kind_reason = "calendar reply (iTIP METHOD:REPLY)";
	}
}

void inspect_message(const char *raw, size_t len,
		     const struct message_classify_opts *opts, unsigned flags,
		     struct inspection *out_r)
{
	struct inspection *in = out_r;

	memset(in, 0, sizeof(*in));
	message_info_parse(raw, len, opts, &in->info);
	mime_parse(raw, len,
		   MIME_KEEP_CALENDAR |
		       ((flags & INSPECT_PDF) ? MIME_KEEP_PDF : 0),
		   &in->doc);
	in->kind = in->info.kind;
	if (in->doc.is_delivery_report && in->kind != MESSAGE_BOUNCE) {
		in->kind = MESSAGE_BOUNCE;
	}
	find_calendar_reply(in);
	if (in->info.subject) {
		message_subject_tag(
		    in->info.subject,
		    opts && opts->item_prefix ? opts->item_prefix : "CV",
		    in->item_ref);
	}
	if (in->kind == MESSAGE_LETTER) {
		find_letter(in, flags);
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
	}
}

void inspect_free(struct inspection *in)
{
	message_info_free(&in->info);
	mime_doc_free(&in->doc);
	letter_free(&in->letter);
	FREE_AND_NULL(in->reply_text);
	reply_parsed_free(&in->reply);
	ical_reply_release(&in->calendar_reply);
	in->has_calendar_reply = false;
}

static void add_attachments(struct sbuf *sb, const struct mime_doc *doc)
{
	bool first = true;

	for (; doc; doc = doc->forwarded) {
		for (size_t i = 0; i < doc->n_attachments; i++) {
			const struct mime_attachment *a = &doc->attachments[i];

			sbuf_adds(sb, first ? "{" : ",{");
			first = false;
			json_add_field(sb, false, "filename", a->filename);
			json_add_field(sb, true, "content_type",
				       a->content_type);
			sbuf_addf(sb, ",\"size\":%zu", a->size);
			json_add_field(sb, true, "sha256", a->sha256);
			sbuf_addch(sb, '}');
		}
	}
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
	add_attachments(&sb, &in->doc);
	sbuf_adds(&sb, "]}\n");
	return sbuf_detach(&sb);
}
