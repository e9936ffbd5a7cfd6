/* What a person wrote in a reply: the new text above (or between) the
 * quoted history, and the commands and decision in it.  Pure code on
 * untrusted text; linear time, no backtracking. */
#ifndef CONGVAN_REPLY_H
#define CONGVAN_REPLY_H

#include <stdbool.h>
#include <stddef.h>

/* The new text of a reply (UTF-8, NFC, "\n" line ends; as produced by
 * mime_doc.text): quoted lines ("> "), quote headers ("On ... wrote:",
 * "Vào ... đã viết:", also wrapped over two lines), Outlook header blocks
 * (From:/Sent:/To:/Subject:, Từ:/Đã gửi:/Đến:/Chủ đề:), "-----Original
 * Message-----", "----- Tin nhắn gốc -----", forwarded-message markers,
 * signatures after "-- " and mobile signatures ("Sent from my iPhone",
 * "Gửi từ iPhone của tôi") removed; interleaved answers between quoted
 * blocks kept.  Leading and trailing blank lines and trailing white space
 * trimmed.  Only the first 2000 lines / 256 KiB are examined (the rest is
 * treated as history); invalid UTF-8 becomes U+FFFD and NUL bytes are
 * dropped, so the result is valid UTF-8.  Caller frees; never NULL. */
char *reply_trim(const char *text, size_t len);

/* Whether text carries quoted history below or between new text: quoted
 * lines, a quote header, an Outlook header block or an original-message
 * separator (a signature alone is not history).  Tells a reply whose
 * headers do not say so (no Re:, no In-Reply-To) from a new message. */
bool reply_has_history(const char *text, size_t len);

enum reply_decision {
	REPLY_DECISION_NONE,
	REPLY_DECISION_AGREE,
	REPLY_DECISION_DISAGREE,
	REPLY_DECISION_DONE,
	REPLY_DECISION_RETURN,
};

/* "agree", "disagree", "done", "return", or NULL for NONE. */
const char *reply_decision_name(enum reply_decision d);

enum reply_key {
	REPLY_KEY_LEAD,       /* Chủ trì: / Lead: */
	REPLY_KEY_COORDINATE, /* Phối hợp: / Coordinate: */
	REPLY_KEY_DUE,        /* Hạn: / Due: */
	REPLY_KEY_ASSIGN,     /* Giao: / Assign: */
	REPLY_KEY_CONSULT,    /* Lấy ý kiến: / Consult: */
	REPLY_KEY_EXTEND,     /* Gia hạn: / Extend: */
	REPLY_KEY_RETURN,     /* Trả lại: / Return: (with a reason) */
	REPLY_KEY_TRANSFER,   /* Chuyển: / Transfer: */
	REPLY_KEY_REASON,     /* Lý do: / Reason: */
	REPLY_KEY_SETTLED, /* Kết quả thống nhất: / Settled: (a dispute) */
};

struct reply_command {
	enum reply_key key;
	char *value; /* trimmed, as written */
};

struct reply_parsed {
	enum reply_decision decision;
	struct reply_command *commands;
	size_t n_commands;
};

/* Reads the decision word (first non-empty line, with or without
 * diacritics, any case; "Không đồng ý" before "đồng ý"; "Đồng ý, không có
 * ý kiến khác" is agreement) and the leading "Key: value" lines of new
 * text (as returned by reply_trim).  Release with reply_parsed_free. */
void reply_parse(const char *new_text, struct reply_parsed *out_r);
void reply_parsed_free(struct reply_parsed *p);

#endif
