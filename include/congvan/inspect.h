/* Everything congvan reads from one message, as `congvan inspect` prints
 * it and intake stores it: headers and kind, the body text, attachments,
 * the official letter's metadata (from the body, a forwarded part, or a
 * PDF attachment), a reply's new text, decision and commands. */
#ifndef CONGVAN_INSPECT_H
#define CONGVAN_INSPECT_H

#include <stdbool.h>
#include <stddef.h>

#include "congvan/ical.h"
#include "congvan/letter.h"
#include "congvan/message.h"
#include "congvan/mime.h"
#include "congvan/reply.h"

struct inspection {
	struct message_info info;
	struct mime_doc doc;
	enum message_kind kind;
	char item_ref[32]; /* "" when the subject has no tag */
	bool has_letter;
	struct letter letter;
	const char *letter_source; /* "body", "forwarded", "pdf", "cover"
				      (number and date from the covering
				      mail only); NULL */
	char *reply_text;          /* NULL for letters */
	struct reply_parsed reply; /* decision and commands of reply_text */
	/* An iTIP REPLY (a calendar's Accept / Decline / Tentative button)
	 * in a text/calendar or application/ics part of the message: such
	 * a message is automatic mail (kind auto), never a letter or a
	 * reply with commands. */
	bool has_calendar_reply;
	struct ical_reply calendar_reply;
};

enum inspect_flags {
	INSPECT_PDF = 1 << 0, /* read the text of PDF attachments when the
			       * body holds no letter */
};

/* Reads raw.  Never fails: what cannot be read stays empty.  Release with
 * inspect_free. */
void inspect_message(const char *raw, size_t len,
		     const struct message_classify_opts *opts, unsigned flags,
		     struct inspection *out_r);
void inspect_free(struct inspection *in);

/* The JSON object of DESIGN.md ("congvan inspect"), with a final newline.
 * Caller frees. */
char *inspect_json(const struct inspection *in);

#endif
