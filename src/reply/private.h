/* Shared inside src/reply only: the line model of a reply body, folding
 * for matching, and the small hand matchers that recognise quote headers,
 * separators and signatures.  No regular expressions: every matcher looks
 * at a bounded prefix or suffix of one line (or a bounded run of lines),
 * so a whole scan stays linear in the input. */
#ifndef CONGVAN_REPLY_PRIVATE_H
#define CONGVAN_REPLY_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "congvan/reply.h"
#include "congvan/util.h"
#include "congvan/text.h"

/* reply_trim examines at most this much of its input; the rest is
 * dropped as if it were history. */
#define REPLY_MAX_LINES 2000
#define REPLY_MAX_BYTES (256 * 1024)

/* Folded bytes kept of a line's start and end for matching. */
#define PROBE_MAX 256
/* Raw bytes of a line's start and end folded into a probe. */
#define PROBE_HEAD_RAW 160
#define PROBE_TAIL_RAW 96
/* Longest line (raw bytes) that can be a quote header. */
#define ATTRIBUTION_MAX 400
/* Lines a sign-off may have under it (name, title, unit, phone). */
#define SIGNOFF_LINES 8
/* Longest line (raw bytes) that can be a sign-off. */
#define SIGNOFF_MAX 64

enum line_kind {
	LINE_BLANK,  /* nothing but white space */
	LINE_QUOTED, /* first character that is not white space is '>' */
	LINE_TEXT,
};

struct line {
	const char *s; /* into lines.text; leading white space kept */
	size_t len;    /* trailing white space excluded */
	enum line_kind kind;
	bool drop; /* removed from the new text */
};

struct lines {
	char *text; /* sanitised copy of the examined input, owned */
	size_t text_len;
	struct line *v;
	size_t n;
};

/* Copies at most REPLY_MAX_LINES lines / REPLY_MAX_BYTES bytes of text,
 * valid UTF-8 (invalid bytes become U+FFFD, NUL bytes are dropped, CR LF
 * and lone CR become LF), and splits it into lines.  Free with
 * reply_lines_free. */
void reply_lines_split(const char *text, size_t len, struct lines *ls_r);
void reply_lines_free(struct lines *ls);

/* The folded start and end of one line (see text_fold_span). */
struct probe {
	char head[PROBE_MAX]; /* from the first character that is not white
				 space or '*' */
	size_t head_len;
	bool head_full; /* head holds the whole line */
	/* folded end of the line, only filled by reply_probe_tail */
	char tail[PROBE_MAX];
	size_t tail_len;
};

/* Fills p_r->head (tail left empty). */
void reply_probe_head(const struct line *l, struct probe *p_r);
/* Fills p->tail. */
void reply_probe_tail(const struct line *l, struct probe *p);

/* What a text line means for the reply around it. */
enum mark {
	MARK_NONE,
	MARK_DROP,      /* the line (and perhaps the next) is a quote header */
	MARK_HISTORY,   /* the line and everything below it are history */
	MARK_FORWARD,   /* ... a forwarded message */
	MARK_SIGNATURE, /* ... a signature */
};

/* Classifies text line i of ls; for MARK_DROP *n_r gets the number of
 * lines of the header (1 to 3). */
enum mark reply_marks_classify(const struct lines *ls, size_t i, size_t *n_r);

/* --- headers.c ----------------------------------------------------------- */

/* "-----Original Message-----" and its translations (MARK_HISTORY),
 * forwarded-message markers (MARK_FORWARD), else MARK_NONE. */
enum mark reply_separator(const struct probe *p);
/* An unquoted header block (From/Sent/To/Subject in any of the languages
 * clients write them) starting at line i: MARK_HISTORY, MARK_FORWARD when
 * its subject is a forward's ("Fwd:", "TR:"), else MARK_NONE. */
enum mark reply_header_block(const struct lines *ls, size_t i,
			     const struct probe *p);
/* The line is "Field: value" for a field of such a block. */
bool reply_is_header_field(const struct probe *p);

/* --- attribution.c ------------------------------------------------------- */

/* A quote header ("On ... wrote:") found at a line. */
struct attribution {
	size_t n;      /* its lines (1 to 3), 0 when there is none */
	bool known;    /* ends with a verb or "<address>:", not merely ':' */
	bool evidence; /* a digit with an address, a time or a year */
	bool sender;   /* "NAME [<address>] wrote:", one line, no date */
};
/* The quote header starting at text line i (p its probe). */
void reply_attribution_at(const struct lines *ls, size_t i,
			  const struct probe *p, struct attribution *a_r);
/* Yahoo's attribution with the quoted text on the same line. */
bool reply_merged_attribution(const struct line *l, const struct probe *p);
/* The line starts as attributions do ("On", "Vào", "Le", a digit). */
bool reply_starts_attribution(const struct probe *p);

/* --- decision.c -------------------------------------------------------- */

/* The decision stated in the first sentences of text (NFC, quoted lines
 * left out; the rule is at the top of decision.c): NONE when the text
 * states none or states that it has none yet ("Tôi sẽ xem lại").  *end_r
 * gets the offset in text where the sentence that states it ends (0 for
 * NONE). */
enum reply_decision reply_decision_read(const char *text, size_t len,
					size_t *end_r);

/* --- signature.c --------------------------------------------------------- */

/* "-- " / "--" signature delimiter. */
bool reply_is_sig_delimiter(const struct line *l);
/* "Sent from my iPhone", "Envoyé de mon iPad", "Gửi từ iPhone của tôi",
 * "Von meinem iPhone gesendet", ... */
bool reply_is_phone_signature(const struct line *l, const struct probe *p);
/* A sign-off line: "Trân trọng,", "Best regards,", "Cordialement". */
bool reply_is_signoff(const struct probe *p);
/* The first line of a legal disclaimer: "CẢNH BÁO BẢO MẬT: ...",
 * "DISCLAIMER: ...", "This e-mail and any attachments are ...". */
bool reply_is_disclaimer(const struct probe *p);
/* A line drawn only with '-', '_', '=', '*', '~', '+', '#' (at least
 * two), or with dashes, box drawing or "ᐧ". */
bool reply_is_rule(const struct line *l);
/* A line of underscores only (at least two): mailing-list footers start
 * with one. */
bool reply_is_footer_rule(const struct line *l);

#endif
