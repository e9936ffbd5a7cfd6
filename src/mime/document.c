/* mime_parse: a message into a mime_doc.
 *
 * The structure is read by walk.c; text parts are decoded as the walk
 * meets them and the body text is NFC-normalised once, at the end. */
#include <stdlib.h>
#include <string.h>

#include "congvan/message.h"
#include "private.h"

void mime_build_init(struct mime_build *b, struct mime_doc *doc)
{
	memset(doc, 0, sizeof(*doc));
	memset(b, 0, sizeof(*b));
	b->doc = doc;
	sbuf_init(&b->text, MIME_TEXT_MAX);
}

void mime_build_finish(struct mime_build *b)
{
	mime_text_drop_invisible(&b->text);
	if (b->text.len > 0 && b->text.buf[b->text.len - 1] != '\n') {
		sbuf_addch(&b->text, '\n');
	}
	b->doc->text = text_nfc(sbuf_str(&b->text), b->text.len);
	b->doc->text_from_html = b->any_html;
	sbuf_release(&b->text);
}

/* The text of an HTML part without a charset parameter: a <meta>
 * charset, if the first bytes name one. */
static char *sniff_charset(const char *s, size_t len)
{
	char head[4096];
	const char *p;
	size_t n = len < sizeof(head) - 1 ? len : sizeof(head) - 1;
	size_t k;

	memcpy(head, s, n);
	head[n] = '\0';
	for (size_t i = 0; i < n; i++) {
		head[i] = head[i] ? head[i] : ' ';
	}
	p = str_icasestr(head, "charset=");
	if (!p) {
		return NULL;
	}
	p += 8;
	p += strspn(p, "\"' ");
	k = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		      "0123456789-_.:");
	return k ? xstrndup(p, k) : NULL;
}

static void note_charset(struct mime_doc *doc, const char *cs)
{
	struct sbuf sb = SBUF_INIT(256);

	if (doc->charset_unknown) {
		return;
	}
	doc->charset_unknown = true;
	text_utf8_append(&sb, cs, strnlen(cs, 200), false);
	doc->charset_name = str_trim(sbuf_detach(&sb));
}

void mime_add_text(struct mime_build *b, const struct mime_part_info *pi,
		   const char *body, size_t len)
{
	bool html = !strcmp(pi->type, "text/html");
	struct sbuf raw = SBUF_INIT(SIZE_MAX - 1);
	struct sbuf utf = SBUF_INIT(SIZE_MAX - 1);
	char *sniffed = NULL;
	const char *cs = pi->charset;

	if (pi->cte != MIME_CTE_RAW) {
		mime_decode_append(pi->cte, body, len, &raw);
		body = sbuf_str(&raw);
		len = raw.len;
	}
	if (!cs && html) {
		cs = sniffed = sniff_charset(body, len);
	}
	if (!mime_charset_append(cs, body, len, &utf)) {
		note_charset(b->doc, cs ? cs : "");
	}
	mime_text_clean(&utf);
	if (b->text.len > 0 && b->text.buf[b->text.len - 1] != '\n') {
		sbuf_addch(&b->text, '\n');
	}
	if (html) {
		mime_html_append(sbuf_str(&utf), utf.len, &b->text);
		b->any_html = true;
	} else if (pi->flowed) {
		mime_flowed_append(sbuf_str(&utf), utf.len, pi->delsp,
				   &b->text);
	} else {
		sbuf_add(&b->text, sbuf_str(&utf), utf.len);
	}
	free(sniffed);
	sbuf_release(&raw);
	sbuf_release(&utf);
}

/* Whether s is one of the n strings in list (exact). */
static bool one_of(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(s, list[i])) {
			return true;
		}
	}
	return false;
}

/* Whether filename ends with one of the n extensions in ext (any case). */
static bool named(const char *filename, const char *const *ext, size_t n)
{
	size_t len = filename ? strlen(filename) : 0;

	for (size_t i = 0; i < n; i++) {
		size_t e = strlen(ext[i]);

		if (len > e && str_iequal(filename + len - e, ext[i])) {
			return true;
		}
	}
	return false;
}

/* A PDF by type, or by name when the type says nothing. */
static bool is_pdf(const char *type, const char *filename)
{
	static const char *const types[] = {"application/pdf",
					    "application/x-pdf"};
	static const char *const vague[] = {"", "application/octet-stream",
					    "application/download",
					    "binary/octet-stream"};
	static const char *const ext[] = {".pdf"};

	if (one_of(type, types, ARRAY_SIZE(types))) {
		return true;
	}
	return one_of(type, vague, ARRAY_SIZE(vague)) &&
	       named(filename, ext, ARRAY_SIZE(ext));
}

/* An image a scanner or a phone sends (JPEG, PNG, TIFF), by type, or by
 * name when the type says nothing. */
static bool is_scan_image(const char *type, const char *filename)
{
	static const char *const types[] = {"image/jpeg", "image/pjpeg",
					    "image/jpg",  "image/png",
					    "image/tiff", "image/tif"};
	static const char *const ext[] = {".jpg", ".jpeg", ".png", ".tif",
					  ".tiff"};

	if (one_of(type, types, ARRAY_SIZE(types))) {
		return true;
	}
	return (!type[0] || !strcmp(type, "application/octet-stream")) &&
	       named(filename, ext, ARRAY_SIZE(ext));
}

/* A word processor's file (DOCX, ODT, DOC), by type, or by name when the
 * type says nothing. */
static bool is_office(const char *type, const char *filename)
{
	static const char *const types[] = {
	    "application/"
	    "vnd.openxmlformats-officedocument.wordprocessingml.document",
	    "application/vnd.oasis.opendocument.text", "application/msword"};
	static const char *const vague[] = {"", "application/octet-stream",
					    "application/zip"};
	static const char *const ext[] = {".docx", ".odt", ".doc"};

	if (one_of(type, types, ARRAY_SIZE(types))) {
		return true;
	}
	return one_of(type, vague, ARRAY_SIZE(vague)) &&
	       named(filename, ext, ARRAY_SIZE(ext));
}

void mime_add_attachment(struct mime_ctx *ctx, struct mime_build *b,
			 const struct mime_part_info *pi, const char *body,
			 size_t len)
{
	struct mime_doc *doc = b->doc;
	struct mime_attachment *a;
	bool keep =
	    ((ctx->flags & MIME_KEEP_PDF) && is_pdf(pi->type, pi->filename)) ||
	    ((ctx->flags & MIME_KEEP_IMAGES) &&
	     is_scan_image(pi->type, pi->filename)) ||
	    ((ctx->flags & MIME_KEEP_OFFICE) &&
	     is_office(pi->type, pi->filename));

	if (doc->n_attachments == b->att_alloc) {
		b->att_alloc = b->att_alloc ? 2 * b->att_alloc : 4;
		doc->attachments =
		    xrealloc(doc->attachments, b->att_alloc * sizeof(*a));
	}
	a = &doc->attachments[doc->n_attachments++];
	memset(a, 0, sizeof(*a));
	a->filename = pi->filename ? xstrdup(pi->filename) : NULL;
	a->content_type = xstrdup(pi->type[0] ? pi->type : "text/plain");
	mime_attachment_digest(a, pi->cte, body, len, keep);
}

void mime_keep_calendar(struct mime_ctx *ctx, struct mime_build *b,
			const struct mime_part_info *pi, const char *body,
			size_t len)
{
	struct sbuf raw = SBUF_INIT(MIME_CALENDAR_MAX);
	struct sbuf utf = SBUF_INIT(MIME_CALENDAR_MAX);
	const char *cs = pi->charset;

	if (!(ctx->flags & MIME_KEEP_CALENDAR) || b->doc->calendar ||
	    (strcmp(pi->type, "text/calendar") != 0 &&
	     strcmp(pi->type, "application/ics") != 0)) {
		return;
	}
	mime_decode_append(pi->cte, body, len, &raw);
	if (cs && !str_iequal(cs, "utf-8") && !str_iequal(cs, "utf8") &&
	    !str_iequal(cs, "us-ascii")) {
		mime_charset_append(cs, sbuf_str(&raw), raw.len, &utf);
	} else {
		sbuf_add(&utf, sbuf_str(&raw), raw.len);
	}
	if (!raw.overflow && !utf.overflow) {
		b->doc->calendar_len = utf.len;
		b->doc->calendar = sbuf_detach(&utf);
	}
	sbuf_release(&raw);
	sbuf_release(&utf);
}

static char *nfc_or_null(char *s)
{
	char *r;

	if (!s || !*s) {
		free(s);
		return NULL;
	}
	r = text_nfc(s, strlen(s));
	free(s);
	return r;
}

void mime_forward_headers(struct mime_doc *doc, const char *raw, size_t len)
{
	struct message_info info;
	struct sbuf v = SBUF_INIT(MIME_HEADER_MAX);

	message_info_parse(raw, len, NULL, &info);
	doc->fwd_subject = nfc_or_null(info.subject);
	doc->fwd_from_name = nfc_or_null(info.from_name);
	doc->fwd_from_addr = info.from_addr;
	if (doc->is_delivery_report && !doc->returned_message_id) {
		doc->returned_message_id = info.message_id;
		info.message_id = NULL;
	}
	info.subject = info.from_name = info.from_addr = NULL;
	if (mime_header_get(raw, mime_header_len(raw, len), "Date", &v)) {
		doc->fwd_date =
		    nfc_or_null(message_decode_header(sbuf_str(&v), v.len));
	}
	sbuf_release(&v);
	message_info_free(&info);
}

void mime_keep_report(struct mime_doc *doc, const struct mime_part_info *pi,
		      const char *body, size_t len)
{
	if (len > MIME_REPORT_MAX) {
		len = MIME_REPORT_MAX;
	}
	if ((str_iequal(pi->type, "message/delivery-status") ||
	     str_iequal(pi->type, "message/global-delivery-status")) &&
	    !doc->delivery_status) {
		struct sbuf sb = SBUF_INIT(SIZE_MAX - 1);

		mime_decode_append(pi->cte, body, len, &sb);
		doc->delivery_status = sbuf_detach(&sb);
	} else if (str_iequal(pi->type, "text/rfc822-headers") &&
		   !doc->returned_message_id) {
		struct message_info info;

		message_info_parse(body, len, NULL, &info);
		doc->returned_message_id = info.message_id;
		info.message_id = NULL;
		message_info_free(&info);
	}
}

void mime_parse(const char *raw, size_t len, unsigned flags,
		struct mime_doc *doc_r)
{
	struct mime_ctx ctx = {flags, 0};
	struct mime_build b;

	mime_build_init(&b, doc_r);
	if (raw && len > 0) {
		mime_read_message(&ctx, &b, raw, len, 0);
	}
	mime_build_finish(&b);
}

void mime_doc_free(struct mime_doc *doc)
{
	if (!doc) {
		return;
	}
	free(doc->text);
	free(doc->charset_name);
	free(doc->delivery_status);
	free(doc->returned_message_id);
	for (size_t i = 0; i < doc->n_attachments; i++) {
		free(doc->attachments[i].filename);
		free(doc->attachments[i].content_type);
		free(doc->attachments[i].data);
	}
	free(doc->attachments);
	if (doc->forwarded) {
		mime_doc_free(doc->forwarded);
		free(doc->forwarded);
	}
	free(doc->fwd_subject);
	free(doc->fwd_from_name);
	free(doc->fwd_from_addr);
	free(doc->fwd_date);
	free(doc->calendar);
	memset(doc, 0, sizeof(*doc));
}
