/* What a person wrote in a reply: the new text above (or between) the
 * quoted history, and the commands and decision in it.  Pure code on
 * untrusted text; linear time, no backtracking. */
#ifndef CONGVAN_REPLY_H
#define CONGVAN_REPLY_H

#include <stdbool.h>
#include <stddef.h>

/* The new text of a reply (UTF-8, NFC, "\n" line ends; as produced by
 * mime_doc.text), without what clients add below or around it:
 *  - quoted lines ("> ") and the quote header above them ("On ... wrote:",
 *    "Vào ... đã viết:", "NAME <address> wrote:", "Le ... a écrit :",
 *    "Am ... schrieb ...:", "El ... escribió:", "Il ... ha scritto:",
 *    "Op ... schreef ...:", "Den ... skrev ...:", "W dniu ... pisze:",
 *    Zoho's "---- On ... wrote ----", a date then "NAME <address>:"),
 *    also wrapped over two or three lines; a quoted paragraph's lines
 *    that lost their '>' go with it;
 *  - everything from a separator ("-----Original Message-----" and its
 *    translations, forwarded-message markers), an unquoted header block
 *    (From/Sent/To/Subject in the languages clients write them:
 *    Từ/Đã gửi/Đến/Chủ đề, Von/Gesendet/An/Betreff, De/Envoyé/À/Objet,
 *    Från/Skickat/Till/Ämne, Fra/Sendt/Til/Emne, Od/Wysłano/Do/Temat,
 *    ...), an attribution with no quote under it, a "-- " signature or a
 *    mobile or app signature ("Sent from my iPhone", "Envoyé de mon
 *    iPhone", "Von meinem iPhone gesendet", "Gửi từ iPhone của tôi",
 *    "Sent with Airmail", ...) to the end;
 *  - at the end, rule lines ("___", "***", "====", "ᐧ"), a sign-off
 *    ("Trân trọng,", "Best regards,", "Cordialement") with at most 8 lines
 *    under it, and a mailing list's footer under a line of underscores.
 * Answers written between quoted blocks are kept.  A mail that is only a
 * forward keeps the forwarded text (without its header) as new text.
 * Leading and trailing blank lines and trailing white space trimmed.
 * Only the first 2000 lines / 256 KiB are examined (the rest is treated
 * as history); invalid UTF-8 becomes U+FFFD and NUL bytes are dropped, so
 * the result is valid UTF-8.  Linear time.  Caller frees; never NULL. */
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
	REPLY_KEY_RESEND, /* Gửi lại: / Resend: (the assignment notice) */
	/* no line form: a consultation's own deadline, stated in sentences
	 * next to a delegation (whose deadline is REPLY_KEY_DUE) */
	REPLY_KEY_CONSULT_DUE,
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

/* Reads new text (as returned by reply_trim; quoted lines are skipped
 * anyway).  Leading "Key: value" command lines (after greeting lines such
 * as "Dạ,", "Kính gửi anh,") are commands; otherwise the decision is read
 * from the first sentences by the rule at the top of src/reply/decision.c
 * (cue phrases, negators, futures, requests, questions; README, "What a
 * reply says"), with the command lines right under the sentence that
 * states it.  NONE means no clear decision ("Tôi sẽ xem lại").  A
 * "Trả lại:" command is a RETURN.  An assignment stated in those
 * sentences ("Giao Vụ Pháp chế chủ trì, Vụ Tài chính phối hợp, hạn
 * 20/12/2026"; src/reply/sentences.c) adds the LEAD, COORDINATE and DUE
 * commands the key lines would, with the command lines under it; a LEAD
 * line replaces the sentence, another key line what it says for that
 * key.  Release with reply_parsed_free. */
void reply_parse(const char *new_text, struct reply_parsed *out_r);
void reply_parsed_free(struct reply_parsed *p);

#endif
