/* Walking libetpan's MIME tree: which part is the text a person reads,
 * which are attachments, and the first forwarded message.
 *
 * Only the shape of the tree comes from libetpan (single part, multipart
 * with its children, message/rfc822 with its message); the fields of each
 * part are read from its raw header block (header.c) and its body from
 * the original bytes, never from the guard's defused copy. */
#include <string.h>

#include <libetpan/libetpan.h>

#include "private.h"

/* Parts of delivery and read reports that only machines read. */
static bool is_report_part(const char *type)
{
	static const char *const types[] = {
	    "message/delivery-status", "message/global-delivery-status",
	    "text/rfc822-headers", "message/disposition-notification",
	    "message/feedback-report"};

	for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
		if (str_iequal(type, types[i])) {
			return true;
		}
	}
	return false;
}

/* The original bytes behind p, a pointer into the parsed buffer. */
static const char *orig_of(const struct mime_walk *w, const char *p)
{
	return w->buf->orig + (p - w->base);
}

static const char *body_start(const struct mailmime *m, const char *hdr)
{
	const char *b = m->mm_body ? m->mm_body->dt_data.dt_text.dt_data : NULL;

	return b && b >= hdr ? b : hdr;
}

static bool ct_is(const struct mailmime *m, int discrete, const char *sub)
{
	const struct mailmime_content *ct = m->mm_content_type;

	return ct && ct->ct_type &&
	       ct->ct_type->tp_type == MAILMIME_TYPE_DISCRETE_TYPE &&
	       ct->ct_type->tp_data.tp_discrete_type->dt_type == discrete &&
	       ct->ct_subtype && str_iequal(ct->ct_subtype, sub);
}

static bool subtype_is(const struct mailmime *m, const char *sub)
{
	const struct mailmime_content *ct = m->mm_content_type;

	return ct && ct->ct_subtype && str_iequal(ct->ct_subtype, sub);
}

/* multipart/alternative: the first text/plain child, else the first HTML
 * one (or a multipart, as multipart/related holding the HTML), else the
 * first. */
static const struct mailmime *choose_alternative(clist *children)
{
	const struct mailmime *html = NULL;
	const struct mailmime *first = NULL;

	for (clistiter *it = clist_begin(children); it; it = clist_next(it)) {
		const struct mailmime *c = clist_content(it);

		if (ct_is(c, MAILMIME_DISCRETE_TYPE_TEXT, "plain")) {
			return c;
		}
		if (!html && (ct_is(c, MAILMIME_DISCRETE_TYPE_TEXT, "html") ||
			      c->mm_type == MAILMIME_MULTIPLE)) {
			html = c;
		}
		first = first ? first : c;
	}
	return html ? html : first;
}

static void walk_multipart(struct mime_walk *w, struct mailmime *m,
			   const char *hdr, int depth, bool body_ok);
static void walk_message(struct mime_walk *w, struct mailmime *m,
			 const char *hdr, int depth);
static void walk_single(struct mime_walk *w, struct mailmime *m,
			const char *hdr, int depth, bool body_ok);

void mime_walk_entity(struct mime_walk *w, struct mailmime *m, const char *hdr,
		      int depth, bool body_ok)
{
	if (!m || depth > MIME_DEPTH_MAX || w->ctx->parts >= MIME_PARTS_MAX) {
		return;
	}
	w->ctx->parts++;
	switch (m->mm_type) {
	case MAILMIME_MULTIPLE:
		walk_multipart(w, m, hdr, depth, body_ok);
		break;
	case MAILMIME_MESSAGE:
		walk_message(w, m, hdr, depth);
		break;
	default:
		walk_single(w, m, hdr, depth, body_ok);
		break;
	}
}

/* A part read as text/plain whatever it says (a multipart without parts
 * or boundary): its text is never dropped. */
static void walk_as_text(struct mime_walk *w, struct mailmime *m,
			 const char *hdr)
{
	const char *body = body_start(m, hdr);
	size_t len = m->mm_body ? m->mm_body->dt_data.dt_text.dt_length : 0;
	struct mime_part_info pi;

	mime_part_info_read(orig_of(w, hdr), (size_t)(body - hdr), &pi);
	memcpy(pi.type, "text/plain", sizeof("text/plain"));
	mime_add_text(w->b, &pi, orig_of(w, body), len);
	mime_part_info_free(&pi);
}

/* Whether a delimiter line of boundary b ("--b" then white space and a
 * line end, or "--b--") starts a line in [p, end). */
static bool has_delimiter(const char *p, const char *end, const char *b)
{
	size_t bl = strlen(b);

	for (; p < end; p++) {
		const char *q = p + 2 + bl;

		if ((p[0] != '-' || end - p < (ptrdiff_t)(bl + 2) ||
		     p[1] != '-' || memcmp(p + 2, b, bl) != 0)) {
			p = memchr(p, '\n', (size_t)(end - p));
			if (!p) {
				return false;
			}
			continue;
		}
		while (q < end && (*q == ' ' || *q == '\t')) {
			q++;
		}
		if (q == end || *q == '\r' || *q == '\n' ||
		    (end - q >= 2 && q[0] == '-' && q[1] == '-')) {
			return true;
		}
	}
	return false;
}

/* libetpan 1.9.4 cuts the last part of a multipart that is never closed
 * at the last line starting with "--" in it (mailmime_body_part_dash2_
 * parse() keeps the position of the last "--" it rejected), so nested
 * unclosed parts lose a little more at every level.  Returns where the
 * last part c of m really ends when that happened, else NULL. */
static const char *cut_short(const struct mailmime *m, const struct mailmime *c)
{
	const char *bnd =
	    m->mm_content_type
		? mailmime_content_param_get(m->mm_content_type, "boundary")
		: NULL;
	const char *cend = c->mm_mime_start + c->mm_length;
	const char *end;

	if (!bnd || !*bnd || !m->mm_body) {
		return NULL;
	}
	end = m->mm_body->dt_data.dt_text.dt_data +
	      m->mm_body->dt_data.dt_text.dt_length;
	if (cend >= end || has_delimiter(cend, end, bnd)) {
		return NULL;
	}
	return end;
}

static void walk_multipart(struct mime_walk *w, struct mailmime *m,
			   const char *hdr, int depth, bool body_ok)
{
	clist *children = m->mm_data.mm_multipart.mm_mp_list;
	const struct mailmime *pick = NULL;
	const char *rt;

	if (!children || clist_isempty(children)) {
		if (body_ok) {
			walk_as_text(w, m, hdr);
		}
		return;
	}
	if (subtype_is(m, "alternative")) {
		pick = choose_alternative(children);
	}
	rt = m->mm_content_type
		 ? mailmime_content_param_get(m->mm_content_type, "report-type")
		 : NULL;
	if (subtype_is(m, "report") && rt &&
	    str_iequal(rt, "delivery-status")) {
		w->b->doc->is_delivery_report = true;
	}
	for (clistiter *it = clist_begin(children); it; it = clist_next(it)) {
		struct mailmime *c = clist_content(it);
		bool ok = body_ok && (!pick || c == pick);
		const char *end = clist_next(it) ? NULL : cut_short(m, c);

		if (end) {
			mime_read_entity(w->ctx, w->b, w->buf,
					 (size_t)(c->mm_mime_start - w->base),
					 (size_t)(end - c->mm_mime_start),
					 depth + 1, ok);
		} else {
			mime_walk_entity(w, c, c->mm_mime_start, depth + 1, ok);
		}
	}
}

/* A message/rfc822 part: the first one is the forward, later ones are
 * listed as attachments. */
static void walk_message(struct mime_walk *w, struct mailmime *m,
			 const char *hdr, int depth)
{
	struct mime_doc *doc = w->b->doc;
	const char *msg = body_start(m, hdr);
	size_t len = m->mm_body ? m->mm_body->dt_data.dt_text.dt_length : 0;
	struct mime_build fb;
	struct mime_walk fw = *w;
	struct mime_part_info pi;

	if (depth >= MIME_DEPTH_MAX) {
		return;
	}
	if (doc->forwarded || !m->mm_data.mm_message.mm_msg_mime) {
		mime_part_info_read(orig_of(w, hdr), (size_t)(msg - hdr), &pi);
		if (!pi.type[0]) {
			memcpy(pi.type, "message/rfc822",
			       sizeof("message/rfc822"));
		}
		pi.cte = MIME_CTE_RAW;
		mime_add_attachment(w->ctx, w->b, &pi, orig_of(w, msg), len);
		mime_part_info_free(&pi);
		return;
	}
	doc->forwarded = xcalloc(1, sizeof(*doc->forwarded));
	mime_forward_headers(doc, orig_of(w, msg), len);
	mime_build_init(&fb, doc->forwarded);
	fw.b = &fb;
	mime_walk_entity(&fw, m->mm_data.mm_message.mm_msg_mime, msg, depth + 1,
			 true);
	mime_build_finish(&fb);
}

/* Whether the guard defused the header of m (a container it kept from
 * libetpan): m is then parsed again on its own. */
static bool defused(const struct mime_walk *w, const struct mailmime *m,
		    const char *hdr)
{
	size_t hlen = (size_t)(body_start(m, hdr) - hdr);

	return m != w->again && w->buf->copy && w->base == w->buf->copy &&
	       mime_guard_defused(w->buf, hdr, hlen);
}

/* A message/rfc822 libetpan left as a single part (base64 or
 * quoted-printable, or a Content-Type it could not read): decoded and
 * read as the forward, or listed. */
static void encoded_message(struct mime_walk *w,
			    const struct mime_part_info *pi, const char *body,
			    size_t len, int depth)
{
	struct mime_doc *doc = w->b->doc;
	struct sbuf raw = SBUF_INIT(SIZE_MAX - 1);
	struct mime_build fb;

	if (doc->forwarded) {
		mime_add_attachment(w->ctx, w->b, pi, body, len);
		return;
	}
	if (depth >= MIME_DEPTH_MAX) {
		return;
	}
	mime_decode_append(pi->cte, body, len, &raw);
	doc->forwarded = xcalloc(1, sizeof(*doc->forwarded));
	mime_forward_headers(doc, sbuf_str(&raw), raw.len);
	mime_build_init(&fb, doc->forwarded);
	mime_read_message(w->ctx, &fb, sbuf_str(&raw), raw.len, depth + 1);
	mime_build_finish(&fb);
	sbuf_release(&raw);
}

static bool is_text(const char *type)
{
	return !type[0] || str_startswith(type, "text/");
}

static void walk_single(struct mime_walk *w, struct mailmime *m,
			const char *hdr, int depth, bool body_ok)
{
	const struct mailmime_data *d = m->mm_data.mm_single;
	const char *body = d ? d->dt_data.dt_text.dt_data : hdr;
	size_t len = d ? d->dt_data.dt_text.dt_length : 0;
	struct mime_part_info pi;
	const char *type;

	if (body < hdr) {
		return;
	}
	mime_part_info_read(orig_of(w, hdr), (size_t)(body - hdr), &pi);
	type = pi.type[0] ? pi.type : "text/plain";
	if ((str_startswith(type, "multipart/") ||
	     str_startswith(type, "message/")) &&
	    defused(w, m, hdr)) {
		mime_read_entity(
		    w->ctx, w->b, w->buf, (size_t)(hdr - w->base),
		    (size_t)(m->mm_mime_start + m->mm_length - hdr), depth,
		    body_ok);
	} else if (str_startswith(type, "multipart/")) {
		if (body_ok) {
			walk_as_text(w, m, hdr);
		}
	} else if (!strcmp(type, "message/rfc822")) {
		encoded_message(w, &pi, orig_of(w, body), len, depth);
	} else if (is_report_part(type) && !pi.filename) {
		/* The machine-readable half of a delivery or read report. */
	} else if (pi.attachment || pi.filename || !is_text(type)) {
		mime_add_attachment(w->ctx, w->b, &pi, orig_of(w, body), len);
	} else if (body_ok && (!strcmp(type, "text/plain") ||
			       !strcmp(type, "text/html"))) {
		if (!pi.type[0]) {
			memcpy(pi.type, "text/plain", sizeof("text/plain"));
		}
		mime_add_text(w->b, &pi, orig_of(w, body), len);
	}
	mime_part_info_free(&pi);
}
