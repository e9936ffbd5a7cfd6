/* Understanding a whole message: its MIME structure, the text a person
 * reads, attachments, and a forwarded message inside it.  Pure code on
 * untrusted input: never crashes, reads what it can. */
#ifndef CONGVAN_MIME_H
#define CONGVAN_MIME_H

#include <stdbool.h>
#include <stddef.h>

/* A leaf part that is not body text: one with Content-Disposition:
 * attachment, or with a file name, or of a type that is not text; also
 * every message/rfc822 part after the first (the first is the forward). */
struct mime_attachment {
	char *filename;     /* UTF-8, NFC (RFC 2231 / RFC 2047 / raw 8-bit
			     * decoded); may be NULL */
	char *content_type; /* lower-case "type/subtype" */
	size_t size;        /* decoded size in bytes */
	char sha256[65];    /* hex of the decoded content */
	char *data;         /* decoded content, kept only when asked (see
			     * MIME_KEEP_PDF, MIME_KEEP_IMAGES,
			     * MIME_KEEP_OFFICE); else NULL */
};

/* A message understood.  All text is UTF-8, NFC-normalised, with "\n"
 * line ends. */
struct mime_doc {
	/* The body a person reads: the first text/plain part, or the HTML
	 * alternative turned into text when there is no plain one
	 * (multipart/alternative prefers text/plain).  Further inline text
	 * parts without a file name (the text Apple Mail writes after an
	 * inline attachment, a list footer) are appended, as mail clients
	 * show them.  HTML quote containers (blockquote, div.gmail_quote,
	 * Thunderbird's blockquote after its moz-cite-prefix line, which
	 * stays text, Outlook's reply divider, #divRplyFwdMsg and
	 * #OLK_SRC_BODY_SECTION, Hotmail's and Zimbra's dividers) become
	 * "> "-prefixed lines ("> > " when nested), so quoted history looks
	 * the same as in a plain-text reply; a Gmail forward is not a quote.
	 * format=flowed is joined (DelSp honoured), its quoted lines written
	 * "> " per level.  Ends with "\n"; "" when there is no text part. */
	char *text;
	bool text_from_html; /* some of text came from HTML */
	/* A charset congvan does not know was met; the text was decoded
	 * best-effort (UTF-8 where valid, other bytes read as
	 * windows-1252). */
	bool charset_unknown;
	char *charset_name; /* the first unknown charset's name, or NULL */

	struct mime_attachment *attachments;
	size_t n_attachments;

	/* The first message/rfc822 part (a forward; also base64-encoded),
	 * parsed the same way, with its own headers; NULL when there is
	 * none.  Its attachments are in forwarded, not here. */
	struct mime_doc *forwarded;
	char *fwd_subject; /* the forwarded message's decoded Subject */
	char *fwd_from_name;
	char *fwd_from_addr; /* lower-case */
	char *fwd_date;      /* its Date header as written, unfolded */

	bool is_delivery_report; /* multipart/report;
				    report-type=delivery-status */
	/* A delivery report's part for machines (message/delivery-status,
	 * RFC 3464; message_dsn_failures reads it), decoded, its first
	 * MIME_REPORT_MAX bytes, NUL-terminated; NULL when there is none. */
	char *delivery_status;
	/* The Message-ID (without brackets) of the message a delivery report
	 * returns, from its text/rfc822-headers part or its message/rfc822
	 * part; NULL when there is none. */
	char *returned_message_id;

	/* With MIME_KEEP_CALENDAR: the decoded content of the first
	 * text/calendar or application/ics part of this message (not of a
	 * forwarded one), in UTF-8 when its charset said otherwise,
	 * NUL-terminated; NULL when there is none or it is larger than
	 * MIME_CALENDAR_MAX.  The part is listed as an attachment only as
	 * before (with a file name or Content-Disposition: attachment). */
	char *calendar;
	size_t calendar_len;
};

#define MIME_CALENDAR_MAX (1024 * 1024)
#define MIME_REPORT_MAX   (64 * 1024)

enum mime_flags {
	MIME_KEEP_PDF = 1 << 0,      /* keep the decoded bytes of PDF
				      * attachments */
	MIME_KEEP_CALENDAR = 1 << 1, /* keep the first calendar part */
	MIME_KEEP_IMAGES = 1 << 2,   /* keep the decoded bytes of JPEG, PNG
				      * and TIFF attachments (scans) */
	MIME_KEEP_OFFICE = 1 << 3,   /* keep the decoded bytes of DOCX, ODT
				      * and DOC attachments */
};

/* Parses raw (a whole RFC 5322 message; a message without MIME headers
 * is one text/plain body).  Never fails on malformed input: what cannot
 * be read is left empty.  Hostile input is capped: parts nested deeper
 * than 32 levels and parts after the 1000th are not read, header blocks
 * are read up to 1 MiB, HTML up to 16 MiB.  The work grows linearly
 * with len (times the nesting depth).  Release with mime_doc_free. */
void mime_parse(const char *raw, size_t len, unsigned flags,
		struct mime_doc *doc_r);
/* Frees what mime_parse allocated (forwarded documents too) and clears
 * doc; NULL-safe. */
void mime_doc_free(struct mime_doc *doc);

/* HTML (a body or fragment, any charset already converted to UTF-8;
 * invalid bytes are read as windows-1252) to text as described for
 * mime_doc.text: NFC, ends with "\n" unless empty.  Caller frees; never
 * NULL. */
char *mime_html_to_text(const char *html, size_t len);

#endif
