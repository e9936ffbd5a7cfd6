/* The structure of a message: which part is the text a person reads,
 * which are attachments, and the first forwarded message.
 *
 * The parts of a multipart are found here, not by libetpan's
 * mailmime_parse(): that one compares every byte of every body against
 * the boundary through a function call (about 1 GB/s, a third of all
 * reading time), recurses once per nesting level with no limit, and cuts
 * short the last part of a multipart that is never closed.  Here a
 * delimiter line is found with memmem() ("\n--" boundary), so a base64
 * attachment is skipped at memory speed, and every limit is explicit:
 * MIME_DEPTH_MAX levels, MIME_PARTS_MAX entities per message.  The fields
 * of each part are read from its header block (fields.c).
 *
 * As RFC 2046 says, the line end before a delimiter belongs to the
 * delimiter; the preamble and the epilogue are not content; a multipart
 * whose last part is never closed ends at the end of its body; text
 * found where the structure is broken (no boundary, no delimiter) is read
 * as text/plain rather than dropped. */
#include <stdlib.h>
#include <string.h>

#include "private.h"

/* Bytes of a text part that only says the mail is in HTML, at most. */
#define PLAIN_NOTE_MAX 400

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

static bool is_text(const char *type)
{
	return !type[0] || str_startswith(type, "text/");
}

/* --- finding the parts --------------------------------------------------- */

struct range {
	const char *p;
	size_t len;
};

/* Whether "--" boundary at p (a line start, n bytes before end) is a
 * delimiter line: then *close tells "--boundary--" and *next is where the
 * line after it starts. */
static bool delimiter_at(const char *p, const char *end, const char *bnd,
			 size_t bl, bool *close, const char **next)
{
	const char *q = p + 2 + bl;
	const char *nl;

	if ((size_t)(end - p) < bl + 2 || p[0] != '-' || p[1] != '-' ||
	    memcmp(p + 2, bnd, bl) != 0) {
		return false;
	}
	*close = end - q >= 2 && q[0] == '-' && q[1] == '-';
	if (*close) {
		q += 2;
	}
	nl = memchr(q, '\n', (size_t)(end - q));
	/* "--boundary" then white space (transport padding) only, unless it
	 * closes: text after "--boundary--" is tolerated, as everyone does. */
	for (const char *s = q; !*close && s < (nl ? nl : end); s++) {
		if (*s != ' ' && *s != '\t' && *s != '\r') {
			return false;
		}
	}
	*next = nl ? nl + 1 : end;
	return true;
}

/* The next delimiter line at or after from (a line start), or NULL. */
static const char *next_delimiter(const char *from, const char *end,
				  const char *needle, size_t nl, bool *close,
				  const char **next)
{
	const char *p = from;

	/* needle is "\n--" boundary; from itself starts a line. */
	if (delimiter_at(p, end, needle + 3, nl - 3, close, next)) {
		return p;
	}
	while (p < end) {
		const char *hit = memmem(p, (size_t)(end - p), needle, nl);

		if (!hit) {
			return NULL;
		}
		if (delimiter_at(hit + 1, end, needle + 3, nl - 3, close,
				 next)) {
			return hit + 1;
		}
		p = hit + 1;
	}
	return NULL;
}

/* Content ending at the line start d: without the line end before it. */
static size_t content_len(const char *start, const char *d)
{
	if (d > start && d[-1] == '\n') {
		d--;
		if (d > start && d[-1] == '\r') {
			d--;
		}
	}
	return d > start ? (size_t)(d - start) : 0;
}

/* Splits body into the parts between delimiter lines of bnd; returns
 * their number (at most cap), 0 when there is no delimiter. */
static size_t split(const char *body, size_t len, const char *bnd,
		    struct range *parts, size_t cap)
{
	const char *end = body + len;
	size_t bl = strlen(bnd);
	char *needle = xmalloc(bl + 4);
	const char *d, *next;
	const char *start = NULL;
	bool close = false;
	size_t n = 0;

	needle[0] = '\n';
	needle[1] = needle[2] = '-';
	memcpy(needle + 3, bnd, bl + 1);
	d = next_delimiter(body, end, needle, bl + 3, &close, &next);
	while (d && n < cap) {
		if (start) {
			parts[n].p = start;
			parts[n++].len = content_len(start, d);
		}
		if (close) {
			start = NULL;
			break;
		}
		start = next;
		d = next_delimiter(next, end, needle, bl + 3, &close, &next);
	}
	if (start && n < cap) { /* never closed: the rest is the last part */
		parts[n].p = start;
		parts[n++].len = (size_t)(end - start);
	}
	free(needle);
	return n;
}

/* --- reading the parts --------------------------------------------------- */

/* The header block of an entity: none when its first line is not a
 * field (a part, or a message, that starts with its text). */
static size_t header_len(const char *p, size_t len)
{
	size_t i = 0;

	if (len == 0 || p[0] == '\n' || p[0] == '\r') {
		return mime_header_len(p, len);
	}
	while (i < len && p[i] != ':' && p[i] != '\n' && p[i] != ' ' &&
	       p[i] != '\t') {
		i++;
	}
	return i > 0 && i < len && p[i] == ':' ? mime_header_len(p, len) : 0;
}

/* A part read as text/plain whatever it says (a multipart without
 * boundary or delimiter): its text is never dropped. */
static void read_as_text(struct mime_build *b, struct mime_part_info *pi,
			 const char *body, size_t len)
{
	memcpy(pi->type, "text/plain", sizeof("text/plain"));
	mime_add_text(b, pi, body, len);
}

/* A text/plain alternative that stands in for the HTML one: blank (a
 * webmail's empty text part) or a short note that the mail is in HTML
 * ("This message is in HTML format", "Thư này ở định dạng HTML"; HCL
 * Notes, some webmails).  Where the text part is a true copy, the HTML
 * one says the same. */
static bool plain_stands_in(const struct range *part, size_t hlen,
			    const struct mime_part_info *pi)
{
	struct sbuf text = SBUF_INIT(2 * PLAIN_NOTE_MAX + 1);
	bool blank = true, note = false;
	size_t in = part->len - hlen;

	/* a note is short: decode no more than it can take */
	mime_decode_append(pi->cte, part->p + hlen,
			   in > 2 * PLAIN_NOTE_MAX ? 2 * PLAIN_NOTE_MAX : in,
			   &text);
	blank = !text.overflow;
	for (size_t i = 0; i < text.len && blank; i++) {
		unsigned char c = (unsigned char)sbuf_str(&text)[i];

		blank = c == ' ' || c == '\t' || c == '\r' || c == '\n';
	}
	if (!blank && in <= 2 * PLAIN_NOTE_MAX && text.len <= PLAIN_NOTE_MAX) {
		note = str_icasestr(sbuf_str(&text), "html") != NULL;
	}
	sbuf_release(&text);
	return blank || note;
}

/* multipart/alternative: the first text/plain child, else the first HTML
 * one (or a multipart, as multipart/related holding the HTML), else the
 * first.  A text/plain child that only stands in for the HTML (blank, or
 * a note that the mail is in HTML) gives way to the HTML one. */
static size_t choose_alternative(const struct range *parts, size_t n)
{
	size_t html = n, plain_at = n;

	for (size_t i = 0; i < n; i++) {
		struct mime_part_info pi;
		size_t hlen = header_len(parts[i].p, parts[i].len);
		bool plain, rich;

		mime_part_info_read(parts[i].p, hlen, &pi);
		plain = !pi.type[0] || !strcmp(pi.type, "text/plain");
		rich = !strcmp(pi.type, "text/html") ||
		       str_startswith(pi.type, "multipart/");
		if (plain && plain_at == n) {
			if (!plain_stands_in(&parts[i], hlen, &pi)) {
				mime_part_info_free(&pi);
				return i;
			}
			plain_at = i;
		}
		mime_part_info_free(&pi);
		if (rich && html == n) {
			html = i;
		}
	}
	return html < n ? html : plain_at < n ? plain_at : 0;
}

static void read_multipart(struct mime_ctx *ctx, struct mime_build *b,
			   struct mime_part_info *pi, const char *body,
			   size_t len, int depth, bool body_ok)
{
	size_t cap = MIME_PARTS_MAX - ctx->parts;
	struct range *parts;
	size_t n, pick = SIZE_MAX;
	bool digest = !strcmp(pi->type, "multipart/digest");

	if (!strcmp(pi->type, "multipart/report") && pi->delivery_status) {
		b->doc->is_delivery_report = true;
	}
	if (cap == 0) {
		return; /* the limit of parts: nothing more is read */
	}
	parts = xmalloc(cap * sizeof(*parts));
	n = pi->boundary ? split(body, len, pi->boundary, parts, cap) : 0;
	if (n == 0) {
		if (body_ok) {
			read_as_text(b, pi, body, len);
		}
		free(parts);
		return;
	}
	if (!strcmp(pi->type, "multipart/alternative")) {
		pick = choose_alternative(parts, n);
	}
	for (size_t i = 0; i < n; i++) {
		mime_read_entity(ctx, b, parts[i].p, parts[i].len, depth + 1,
				 body_ok && (pick == SIZE_MAX || i == pick),
				 digest);
	}
	free(parts);
}

/* A message/rfc822 part (its body decoded when it was encoded): the
 * first one is the forward, later ones are listed as attachments. */
static void read_forward(struct mime_ctx *ctx, struct mime_build *b,
			 const struct mime_part_info *pi, const char *body,
			 size_t len, int depth)
{
	struct mime_doc *doc = b->doc;
	struct sbuf raw = SBUF_INIT(SIZE_MAX - 1);
	struct mime_build fb;

	if (doc->forwarded) {
		mime_add_attachment(ctx, b, pi, body, len);
		return;
	}
	if (pi->cte != MIME_CTE_RAW) {
		mime_decode_append(pi->cte, body, len, &raw);
		body = sbuf_str(&raw);
		len = raw.len;
	}
	doc->forwarded = xcalloc(1, sizeof(*doc->forwarded));
	mime_forward_headers(doc, body, len);
	mime_build_init(&fb, doc->forwarded);
	mime_read_message(ctx, &fb, body, len, depth + 1);
	mime_build_finish(&fb);
	sbuf_release(&raw);
}

void mime_read_entity(struct mime_ctx *ctx, struct mime_build *b, const char *p,
		      size_t len, int depth, bool body_ok, bool digest)
{
	size_t hlen = header_len(p, len);
	const char *body = p + hlen;
	size_t blen = len - hlen;
	struct mime_part_info pi;
	const char *type;

	if (depth > MIME_DEPTH_MAX || ctx->parts >= MIME_PARTS_MAX) {
		return;
	}
	ctx->parts++;
	mime_part_info_read(p, hlen, &pi);
	if (!pi.type[0]) {
		memcpy(pi.type, digest ? "message/rfc822" : "text/plain",
		       digest ? sizeof("message/rfc822")
			      : sizeof("text/plain"));
	}
	type = pi.type;
	mime_keep_calendar(ctx, b, &pi, body, blen);
	if (str_startswith(type, "multipart/")) {
		read_multipart(ctx, b, &pi, body, blen, depth, body_ok);
	} else if (!strcmp(type, "message/rfc822") ||
		   !strcmp(type, "message/global")) {
		if (depth < MIME_DEPTH_MAX) {
			read_forward(ctx, b, &pi, body, blen, depth);
		}
	} else if (is_report_part(type) && !pi.filename) {
		/* The machine-readable half of a delivery or read report. */
		mime_keep_report(b->doc, &pi, body, blen);
	} else if (pi.attachment || pi.filename || !is_text(type)) {
		mime_add_attachment(ctx, b, &pi, body, blen);
	} else if (body_ok && (!strcmp(type, "text/plain") ||
			       !strcmp(type, "text/html"))) {
		mime_add_text(b, &pi, body, blen);
	}
	mime_part_info_free(&pi);
}

void mime_read_message(struct mime_ctx *ctx, struct mime_build *b,
		       const char *raw, size_t len, int depth)
{
	if (depth > MIME_DEPTH_MAX) {
		return;
	}
	mime_read_entity(ctx, b, raw, len, depth, true, false);
}
