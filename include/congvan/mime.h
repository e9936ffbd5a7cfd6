/* Understanding a whole message: its MIME structure, the text a person
 * reads, attachments, and a forwarded message inside it.  Pure code on
 * untrusted input: never crashes, reads what it can. */
#ifndef CONGVAN_MIME_H
#define CONGVAN_MIME_H

#include <stdbool.h>
#include <stddef.h>

struct mime_attachment {
	char *filename; /* UTF-8 (RFC 2231 / RFC 2047 decoded); may be NULL */
	char *content_type; /* lower-case "type/subtype" */
	size_t size;        /* decoded size in bytes */
	char sha256[65];    /* hex of the decoded content */
	char *data;         /* decoded content, kept only when asked (see
			     * MIME_KEEP_PDF); else NULL */
};

/* A message understood.  All text is UTF-8, NFC-normalised, with "\n"
 * line ends. */
struct mime_doc {
	/* The body a person reads: the first text/plain part, or the HTML
	 * alternative turned into text when there is no plain one.  HTML
	 * quote containers (blockquote, div.gmail_quote, Thunderbird's
	 * moz-cite-prefix, Outlook's reply divider and #OLK_SRC_BODY_SECTION,
	 * Zimbra's divider) become "> "-prefixed lines, so quoted history
	 * looks the same as in a plain-text reply.  format=flowed is joined
	 * (DelSp honoured).  "" when there is no text part. */
	char *text;
	bool text_from_html;
	/* A charset congvan does not know was met; the text was decoded
	 * best-effort (invalid bytes read as windows-1252). */
	bool charset_unknown;
	char *charset_name; /* the unknown charset's name, or NULL */

	struct mime_attachment *attachments;
	size_t n_attachments;

	/* The first message/rfc822 part (a forward), parsed the same way,
	 * with its own headers; NULL when there is none. */
	struct mime_doc *forwarded;
	char *fwd_subject; /* the forwarded message's decoded Subject */
	char *fwd_from_name;
	char *fwd_from_addr;
	char *fwd_date; /* its Date header as written */

	bool is_delivery_report; /* multipart/report;
				    report-type=delivery-status */
};

enum mime_flags {
	MIME_KEEP_PDF = 1 << 0, /* keep the decoded bytes of PDF attachments */
};

/* Parses raw (a whole RFC 5322 message).  Never fails on malformed input:
 * what cannot be read is left empty.  Release with mime_doc_free. */
void mime_parse(const char *raw, size_t len, unsigned flags,
		struct mime_doc *doc_r);
void mime_doc_free(struct mime_doc *doc);

/* HTML (a body or fragment, any charset already converted to UTF-8) to
 * text as described for mime_doc.text.  Caller frees. */
char *mime_html_to_text(const char *html, size_t len);

/* NFC normalisation of UTF-8 text (invalid sequences replaced).  Caller
 * frees. */
char *mime_nfc(const char *s, size_t len);

#endif
