/* Reading the headers of incoming mail and writing outgoing mail.  Pure
 * code, no I/O: safe on hostile input. */
#ifndef CONGVAN_MESSAGE_H
#define CONGVAN_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

enum message_kind {
	MESSAGE_LETTER,
	MESSAGE_REPLY,
	MESSAGE_AUTO,
	MESSAGE_BOUNCE,
};

/* What intake needs to know of one message.  Every string is UTF-8,
 * decoded (RFC 2047), unfolded and trimmed; NULL when absent. */
struct message_info {
	char *message_id;  /* without angle brackets */
	char *in_reply_to; /* first id, without angle brackets */
	char **references; /* NULL-terminated list, never NULL after parse */
	char **recipients; /* To, Cc, Delivered-To and X-Original-To
			    * addresses, lower-cased, at most 64;
			    * NULL-terminated, never NULL after parse */
	char *subject;
	char *from_name;
	char *from_addr;   /* lower-cased */
	char *return_path; /* "" for the null sender <> */
	time_t date;       /* 0 when absent or unreadable */
	/* Authentication-Results values as they came (unfolded, at most
	 * MESSAGE_AUTH_RESULTS_MAX); NULL-terminated, never NULL after
	 * parse.  Who wrote them is checked by src/auth. */
	char **auth_results;
	enum message_kind kind;
	const char *kind_reason; /* static text: why auto/bounce/reply */
};

#define MESSAGE_AUTH_RESULTS_MAX 16

/* Options that affect classification.  Our own mail (automatic, never
 * acted on) is mail whose Message-ID carries the mark of secret, or that
 * says it is ours (X-Congvan-Item, or Auto-Submitted: auto-generated)
 * and comes from own_address; never mail because of its domain, which
 * staff share. */
struct message_classify_opts {
	const char *secret;      /* the service secret; NULL: unknown */
	const char *own_address; /* our From address ([smtp] from) */
	const char *
	    item_prefix; /* "CV": a "[CV-YYYY-NNNNNN]" subject tag is a reply */
};

/* Parses the header block of raw (the whole message; only the headers are
 * read) and classifies it.  Never fails on malformed input: what cannot be
 * read is left NULL.  Release with message_info_free. */
void message_info_parse(const char *raw, size_t len,
			const struct message_classify_opts *opts,
			struct message_info *info_r);
/* Frees what message_info_parse allocated and clears info; NULL-safe. */
void message_info_free(struct message_info *info);

/* "letter", "reply", "auto" or "bounce".  Static. */
const char *message_kind_name(enum message_kind kind);

/* Whether the subject starts with a forward prefix (Fwd:, FW:, TR:,
 * Chuyển tiếp:), after any list tags. */
bool message_is_forward(const char *subject);

/* What the sender wrote in a reply's subject: the words before its
 * first reply or forward prefix ("Đồng ý - Re: [CV-...] ..." gives "Đồng
 * ý"), or, with no prefix and no item tag of PREFIX, the whole subject
 * (list tags at its start left out), at most a few hundred bytes; NULL
 * when nothing (caller frees). */
char *message_subject_typed(const char *subject, const char *item_prefix);

/* Finds "[PREFIX-YYYY-NNNNNN]" in subject; copies the key (without
 * brackets) into key_r (at least 32 bytes). */
bool message_subject_tag(const char *subject, const char *prefix,
			 char key_r[32]);

/* A file attached to an outgoing message.  Borrowed by message_compose. */
struct message_attachment {
	const char *filename;     /* UTF-8, may be NULL; written sanitised
				   * (see message_compose) */
	const char *content_type; /* "type/subtype", e.g. "application/pdf";
				   * NULL: application/octet-stream */
	const char *data;         /* may be NULL when len is 0 */
	size_t len;
};

/* The attachments of one message may hold at most this many bytes. */
#define MESSAGE_ATTACHMENTS_MAX (25 * 1024 * 1024)

/* An outgoing message: text/plain, and text/html when html is set. */
struct message_out {
	const char *from_name;
	const char *from_addr;
	const char *const *to;   /* NULL-terminated addresses */
	const char *const *cc;   /* NULL-terminated, may be NULL */
	const char *reply_to;    /* may be NULL */
	const char *subject;     /* UTF-8 */
	const char *message_id;  /* without brackets */
	const char *in_reply_to; /* may be NULL */
	const char *item_key;    /* adds X-Congvan-Item; may be NULL */
	time_t date;
	const char *text; /* UTF-8 body */
	const char *html; /* may be NULL */
	/* Earlier ids of the thread, oldest first; NULL-terminated, may be
	 * NULL.  References ends with in_reply_to.  Ids that are not valid
	 * (they come from incoming mail) are left out, never an error. */
	const char *const *references;
	/* Files sent with the message, in this order; may be NULL when
	 * n_attachments is 0.  At most MESSAGE_ATTACHMENTS_MAX bytes in
	 * all. */
	const struct message_attachment *attachments;
	size_t n_attachments;
	/* An iMIP (RFC 6047) calendar object: iCalendar text, CRLF or LF
	 * line ends; NULL: none.  calendar_method ("REQUEST", "CANCEL",
	 * "REPLY", ...) is required with it and must equal the object's
	 * METHOD property. */
	const char *calendar;
	const char *calendar_method;
};

/* Renders out as an RFC 5322 message with CRLF line ends.  A date of 0
 * means now.  Non-ASCII
 * header text is RFC 2047-encoded and folded; CR and LF inside header
 * values are replaced by spaces so nothing can inject a header.  Text
 * bodies are UTF-8, quoted-printable when that is the smaller (mostly
 * ASCII), else base64 (Vietnamese).
 *
 * The body is the text/plain part alone, or, with html or a calendar, a
 * multipart/alternative of text/plain, text/html (when set) and
 * "text/calendar; charset=UTF-8; method=METHOD" (base64, no
 * Content-Disposition), as Outlook, Gmail and Thunderbird expect an iMIP
 * invitation.  With attachments that body is the first part of a
 * multipart/mixed, each attachment following in base64 with
 * Content-Type "TYPE; name=..." (RFC 2047 words when not plain ASCII, for
 * old clients) and "Content-Disposition: attachment; filename=..."
 * (RFC 2231 when not plain ASCII).  File names are sanitised first:
 * control characters become spaces, path separators, quotes and
 * characters Windows refuses become '_', a leading dot becomes '_',
 * bidirectional overrides are dropped, at most 200 bytes are kept (the
 * extension stays); a name left empty is written as none.
 *
 * Returns 0, or -1 with *error_r when a required field is missing, an
 * address, content type or calendar method is malformed, the calendar's
 * METHOD differs from calendar_method, or the attachments are too large.
 * Caller frees *msg_r. */
int message_compose(const struct message_out *out, char **msg_r, size_t *len_r,
		    char **error_r);
/* message_compose without the MIME part of attachment number deferred:
 * *at_r is the offset in *msg_r where message_attachment_write() of that
 * attachment goes, which gives the very bytes message_compose writes.
 * So a large stored attachment is not copied into every queued message;
 * its data may be NULL here (and its size is not checked). */
int message_compose_deferred(const struct message_out *out, size_t deferred,
			     char **msg_r, size_t *len_r, size_t *at_r,
			     char **error_r);
struct sbuf;
/* The MIME part of attachment a (its header fields, the empty line, the
 * content) as message_compose writes it between two boundary lines: a
 * message/rfc822 that can go as it is (no NUL, no bare CR, lines of at
 * most 998 bytes) is embedded with CRLF line ends (7bit or 8bit),
 * anything else is base64 (application/octet-stream for a message). */
void message_attachment_write(struct sbuf *sb,
			      const struct message_attachment *a);
/* An inline text/plain part (its header fields, the empty line, the
 * content) of UTF-8 text, as message_compose writes the text of a mail:
 * what may stand in an attachment's place. */
void message_text_part_write(struct sbuf *sb, const char *text);

/* A recipient a delivery report says failed (Action: failed): the
 * address (Final-Recipient, lower-case), the Status ("5.1.1") and the
 * Diagnostic-Code's text, cut and made printable ("" when absent). */
struct message_dsn_failure {
	char *rcpt;
	char *status;
	char *diagnostic;
};
/* The failed recipients of an RFC 3464 message/delivery-status body (at
 * most 100): their number, the list in *list_r (NULL when none). */
size_t message_dsn_failures(const char *text, size_t len,
			    struct message_dsn_failure **list_r);
void message_dsn_failures_free(struct message_dsn_failure *list, size_t n);
/* A delivery report in words only (no delivery-status part: qmail,
 * older Exim, MDaemon): the returned mail's Message-ID from the copy of
 * its header (*returned_id_r, without <>, NULL when none) and every
 * address the words before that copy name, with the words of its line
 * or of the lines under it as the diagnostic (status ""), at most 100;
 * none when the words say the mail is only delayed.  Returns how many
 * addresses are in *list_r (free it with message_dsn_failures_free).
 * Anyone may send a report: what the caller records must be a recipient
 * of a mail of its own. */
size_t message_text_bounce(const char *text, size_t len, char **returned_id_r,
			   struct message_dsn_failure **list_r);

/* Whether addr is a plain addr-spec we are willing to write into a header:
 * printable ASCII, no white space, '<', '>', ',', quotes or brackets,
 * exactly one '@' with something on each side, at most 254 bytes. */
bool message_check_address(const char *addr);

/* Decodes an unstructured header value or display name: RFC 2047 words
 * (adjacent words joined before charset conversion), raw 8-bit text as
 * UTF-8 or else windows-1252.  The result is valid UTF-8, unfolded, with
 * control characters turned into spaces, trimmed.  Caller frees. */
char *message_decode_header(const char *value, size_t len);

/* A new Message-ID (without brackets) for our domain, unguessable: "cv."
 * and 128 random bits in hex, then, with the service secret, "." and a
 * mark only the secret makes (64 bits of HMAC-SHA256 of what precedes
 * it), "@domain".  Replies prove they answer our mail by naming one. */
char *message_make_id(const char *domain, const char *secret);
/* Whether id (without brackets) is one message_make_id made with this
 * secret: our own mail, wherever it comes back from. */
bool message_id_is_ours(const char *id, const char *secret);

/* RFC 5322 date in UTC+7 (Asia/Ho_Chi_Minh): "Fri, 27 Nov 2026 17:00:00 +0700".
 */
void message_format_date(time_t t, char buf[64]);

#endif
