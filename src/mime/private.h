/* Shared inside src/mime only.  libxml2 types never leave this folder. */
#ifndef CONGVAN_MIME_PRIVATE_H
#define CONGVAN_MIME_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "congvan/mime.h"
#include "congvan/util.h"
#include "congvan/text.h"

/* Caps on hostile input. */
#define MIME_DEPTH_MAX    32                 /* nesting of parts */
#define MIME_PARTS_MAX    1000               /* parts read per message */
#define MIME_HEADER_MAX   (1024 * 1024)      /* a header block read */
#define MIME_TEXT_MAX     (64 * 1024 * 1024) /* text kept per document */
#define MIME_HTML_MAX     (16 * 1024 * 1024) /* HTML handed to libxml2 */
#define MIME_BOUNDARY_MAX 200                /* bytes of a boundary kept */

/* --- fields.c: MIME header fields of one part ------------------------ */

enum mime_cte {
	MIME_CTE_RAW, /* 7bit, 8bit, binary, absent or unknown */
	MIME_CTE_BASE64,
	MIME_CTE_QP,
};

/* What the header block of one part says. */
struct mime_part_info {
	char type[128];       /* lower-case "type/subtype"; "" when absent */
	char *charset;        /* charset parameter as written; NULL */
	bool flowed;          /* format=flowed */
	bool delsp;           /* delsp=yes */
	bool attachment;      /* Content-Disposition: attachment */
	char *filename;       /* UTF-8, NFC: disposition filename, else name */
	char *boundary;       /* multipart boundary parameter; NULL */
	bool delivery_status; /* report-type=delivery-status */
	enum mime_cte cte;
};

/* Reads Content-Type, Content-Disposition and Content-Transfer-Encoding
 * from a header block (only its first MIME_HEADER_MAX bytes).  Never
 * fails; what is absent stays empty. */
void mime_part_info_read(const char *hdr, size_t len,
			 struct mime_part_info *pi);
void mime_part_info_free(struct mime_part_info *pi);

/* The first field called name in the header block, unfolded and trimmed,
 * into value (reset first).  false when there is none. */
bool mime_header_get(const char *hdr, size_t len, const char *name,
		     struct sbuf *value);

/* Length of the header block at the start of s: up to and including the
 * empty line, or all of s when there is none. */
size_t mime_header_len(const char *s, size_t len);

/* --- transfer.c: transfer encodings ---------------------------------- */

/* Appends the decoded bytes of a body. */
void mime_decode_append(enum mime_cte cte, const char *in, size_t len,
			struct sbuf *out);

/* Base64, streaming: feed any slices; garbage and white space are
 * skipped, '=' ends a group, a truncated group yields what it holds. */
struct mime_b64 {
	uint32_t acc;
	unsigned n;
};
/* Decodes len bytes into out, which has room for len / 4 * 3 + 3 bytes;
 * returns the bytes written. */
size_t mime_b64_decode(struct mime_b64 *st, const char *in, size_t len,
		       unsigned char *out);
/* Writes what a truncated last group holds (at most 2 bytes). */
size_t mime_b64_finish(struct mime_b64 *st, unsigned char *out);

/* Quoted-printable: soft line breaks removed, "=XX" decoded, a malformed
 * '=' kept as written, trailing white space of lines dropped. */
void mime_qp_decode(const char *in, size_t len, struct sbuf *out);

/* Fills size, sha256 and, with keep, data, from an encoded body. */
void mime_attachment_digest(struct mime_attachment *a, enum mime_cte cte,
			    const char *in, size_t len, bool keep);

/* --- charset.c: text to clean UTF-8 ----------------------------------- */

/* Appends len bytes in charset cs (NULL: us-ascii) as UTF-8.  Returns
 * false when cs is not a charset we know: the bytes are then read as
 * UTF-8 where valid and as windows-1252 elsewhere.  Never drops text. */
bool mime_charset_append(const char *cs, const char *in, size_t len,
			 struct sbuf *out);

/* In place: CRLF and lone CR become LF; NUL and other C0 controls (but
 * tab and LF) and DEL are removed, form and vertical feed become LF. */
void mime_text_clean(struct sbuf *sb);
/* Drops, in place, the invisible characters that copying from web pages,
 * chat apps and word processors leaves inside words: zero width space
 * U+200B, word joiner U+2060, zero width no-break space (BOM) U+FEFF,
 * soft hyphen U+00AD.  "Không\u200b đồng ý" is "Không đồng ý". */
void mime_text_drop_invisible(struct sbuf *sb);

/* --- flowed.c ---------------------------------------------------------- */

/* Appends text/plain; format=flowed text (LF line ends) with soft breaks
 * joined (RFC 3676); quoted lines come out as "> " per level. */
void mime_flowed_append(const char *in, size_t len, bool delsp,
			struct sbuf *out);

/* --- html.c ------------------------------------------------------------ */

/* Rewrites HTML so that libxml2 cannot misread it or spend quadratic
 * time in it (see tidy.c). */
void mime_html_tidy(const char *html, size_t len, struct sbuf *out);

/* As mime_html_to_text, appending to out (without NFC). */
void mime_html_append(const char *html, size_t len, struct sbuf *out);

/* --- document.c / walk.c: the structure ------------------------------- */

/* State of one mime_parse call. */
struct mime_ctx {
	unsigned flags;
	size_t parts; /* entities visited, all documents together */
};

/* A document being filled. */
struct mime_build {
	struct mime_doc *doc;
	struct sbuf text;
	size_t att_alloc;
	bool any_html;
};

void mime_build_init(struct mime_build *b, struct mime_doc *doc);
/* Sets doc->text (NFC) and releases the rest of b. */
void mime_build_finish(struct mime_build *b);

/* Reads a whole message (raw, len) into b at nesting depth. */
void mime_read_message(struct mime_ctx *ctx, struct mime_build *b,
		       const char *raw, size_t len, int depth);

/* Reads entity [p, p + len) (a header block, then a body) into b at
 * depth; digest: a part of multipart/digest (its default type is
 * message/rfc822).  Text is added only with body_ok. */
void mime_read_entity(struct mime_ctx *ctx, struct mime_build *b, const char *p,
		      size_t len, int depth, bool body_ok, bool digest);

/* Adds the decoded text of a body part to the document. */
void mime_add_text(struct mime_build *b, const struct mime_part_info *pi,
		   const char *body, size_t len);

/* Adds an attachment; takes filename and type from pi. */
void mime_add_attachment(struct mime_ctx *ctx, struct mime_build *b,
			 const struct mime_part_info *pi, const char *body,
			 size_t len);

/* Keeps the decoded content of a text/calendar or application/ics part
 * as b->doc->calendar when asked (MIME_KEEP_CALENDAR) and none is kept
 * yet; does nothing for other types. */
void mime_keep_calendar(struct mime_ctx *ctx, struct mime_build *b,
			const struct mime_part_info *pi, const char *body,
			size_t len);

/* Fills the fwd_* fields of b->doc from the header block of a forwarded
 * message. */
void mime_forward_headers(struct mime_doc *doc, const char *raw, size_t len);

/* Keeps what a delivery report's part for machines (pi, body) says:
 * doc->delivery_status, doc->returned_message_id. */
void mime_keep_report(struct mime_doc *doc, const struct mime_part_info *pi,
		      const char *body, size_t len);

#endif
