/* Everything congvan reads from one message, as `congvan inspect` prints
 * it and intake stores it: headers and kind, the body text, attachments,
 * the official letter's metadata (from the body, a forwarded part, a PDF
 * attachment's text layer, or a scan read by OCR), the digital
 * signatures of signed PDFs, a reply's new text, decision and commands. */
#ifndef CONGVAN_INSPECT_H
#define CONGVAN_INSPECT_H

#include <stdbool.h>
#include <stddef.h>

#include "congvan/ical.h"
#include "congvan/letter.h"
#include "congvan/message.h"
#include "congvan/mime.h"
#include "congvan/reader.h"
#include "congvan/reply.h"

/* How an attachment was read (congvan-reader).  The names are
 * inspect_reading_name's. */
enum inspect_reading {
	INSPECT_NOT_READ,   /* not needed: no document, or the letter was
			     * found elsewhere ("") */
	INSPECT_READ_TEXT,  /* its text layer ("text") */
	INSPECT_READ_OCR,   /* some of its pages by OCR ("ocr") */
	INSPECT_TIME_LIMIT, /* the message's time budget ran out before
			     * any of it came back ("time-limit") */
	INSPECT_NO_OCR,     /* a scan, but OCR could not run ("no-ocr") */
	INSPECT_UNREADABLE, /* the reader failed or read nothing
			     * ("unreadable") */
	INSPECT_READING_COUNT
};

/* One attachment as the reader saw it. */
struct inspect_read {
	enum inspect_reading how;
	bool wanted;    /* the reader was (or would have been) run on it */
	int confidence; /* the lowest OCR confidence of its pages; -1 */
	char *note;     /* why it was not (wholly) read; NULL */
	struct reader_result result; /* its pages and signatures */
};

/* The letter fields, as bits, for the fields read by OCR. */
enum inspect_field {
	INSPECT_F_NUMBER = 1 << 0,
	INSPECT_F_ISSUER = 1 << 1,
	INSPECT_F_DATE = 1 << 2,
	INSPECT_F_PLACE = 1 << 3,
	INSPECT_F_SUBJECT = 1 << 4,
	INSPECT_F_RECIPIENTS = 1 << 5,
	INSPECT_F_SIGNER = 1 << 6,
	INSPECT_F_DEADLINE = 1 << 7,
	INSPECT_F_COUNT = 8
};

/* Below this mean confidence, a letter read only by OCR is one the
 * Office should check. */
#define INSPECT_OCR_CONFIDENT 70

struct inspection {
	struct message_info info;
	struct mime_doc doc;
	enum message_kind kind;
	char item_ref[32]; /* "" when the subject has no tag */
	bool has_letter;
	struct letter letter;
	const char *letter_source; /* "body", "forwarded", "pdf", "image",
				    * "docx", "odt", "doc", "cover" (number
				    * and date from the covering mail
				    * only); NULL */
	unsigned letter_ocr;       /* inspect_field bits read by OCR */
	int letter_ocr_confidence; /* the lowest confidence of the OCR
				    * pages used; -1 when none */
	/* One per attachment, in the order of doc.attachments, then of
	 * doc.forwarded's, and so on; NULL when none was looked at. */
	struct inspect_read *reads;
	size_t n_reads;
	char *reply_text;          /* NULL for letters */
	struct reply_parsed reply; /* decision and commands of reply_text */
	/* An iTIP REPLY (a calendar's Accept / Decline / Tentative button)
	 * in a text/calendar or application/ics part of the message: such
	 * a message is automatic mail (kind auto), never a letter or a
	 * reply with commands. */
	bool has_calendar_reply;
	struct ical_reply calendar_reply;
	/* A delivery report's failed recipients: from its delivery-status
	 * part, else from its words (message_text_bounce, which also fills
	 * doc.returned_message_id when the MIME reader found none). */
	struct message_dsn_failure *failed;
	size_t n_failed;
};

/* Reads raw.  Never fails: what cannot be read stays empty.  With
 * reader (else attachments are only hashed), a letter whose body holds no
 * letter is looked for in its PDF and image attachments, in order, until
 * one holds a letter (text layer, else OCR), and every signed PDF's
 * signatures are checked; all the reading of one message shares one
 * budget of reader->time_limit seconds, and what is past it is marked
 * INSPECT_TIME_LIMIT.  Release with inspect_free. */
void inspect_message(const char *raw, size_t len,
		     const struct message_classify_opts *opts,
		     const struct reader_opts *reader,
		     struct inspection *out_r);
void inspect_free(struct inspection *in);

/* "", "text", "ocr", "time-limit", "no-ocr", "unreadable". */
const char *inspect_reading_name(enum inspect_reading how);
/* "number", "issuer", "date", "place", "subject", "recipients",
 * "signer", "deadline"; NULL past the last. */
const char *inspect_field_name(unsigned index);
/* The attachment at index (the order of reads); NULL when none. */
const struct mime_attachment *inspect_attachment(const struct inspection *in,
						 size_t index);

/* The JSON object of DESIGN.md ("congvan inspect"), with a final newline.
 * Caller frees. */
char *inspect_json(const struct inspection *in);

#endif
