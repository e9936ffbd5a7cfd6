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

/* --- tokens.c: the words and marks sentences are read in ------------- */

/* Tokens of one text read at most. */
#define REPLY_TOKENS_MAX 1024

enum reply_tok_kind {
	REPLY_TOK_WORD,
	REPLY_TOK_CLAUSE,   /* ',' ';' brackets (" - " without dates), a line
			     * break before a capital */
	REPLY_TOK_SENTENCE, /* '.' '!' (':' without dates) at a word's end
			     * (not an abbreviation's: "Dec. 20", "TP. Huế"), a
			     * blank line, the end */
	REPLY_TOK_QUESTION, /* '?' */
};

struct reply_tok {
	enum reply_tok_kind kind;
	size_t fs, fe; /* folded span of a word */
};

struct reply_tokens {
	struct text_folded ft;
	struct reply_tok *t;
	size_t n;
	bool dates; /* "20.12.2026" and "VU-PC" are one word each */
};

/* The tokens of text (NULL: none), at most REPLY_TOKENS_MAX.  With
 * dates (commands in sentences), dotted dates and hyphened codes are
 * words, and neither ':' nor " - " ends anything ("hạn: 20.12.2026",
 * "Vụ Kế hoạch - Tài chính"); without (a decision), ':' ends a sentence
 * and " - " a clause.  Release with reply_tokens_release. */
void reply_tokens_read(struct reply_tokens *r, const char *text, size_t len,
		       bool dates);
void reply_tokens_release(struct reply_tokens *r);
/* The original of word token t, lower-cased, carries exactly the marks
 * of precise[0..plen), or none at all. */
bool reply_tokens_marks_match(const struct reply_tokens *r, size_t t,
			      const char *precise, size_t plen);
/* The words of pat (folded, single spaces) from word token t on, all
 * before end ("ko", "k", "khg" standing for "không"): how many tokens, 0
 * when they do not match.  With precise (pat's words with their marks),
 * a word written with marks must carry them. */
size_t reply_tokens_match(const struct reply_tokens *r, size_t t, size_t end,
			  const char *pat, const char *precise);

/* Whether sentence [ss, se) of r asks: '?' at its end, or a Vietnamese
 * question word ("không", "chưa", "nhỉ", "chứ") as its last word after
 * another, perhaps followed by words of address ("Xong chưa em", "Được
 * không anh ạ"); not "Cục Hàng không". */
bool reply_tokens_question(const struct reply_tokens *r, size_t ss, size_t se);

/* --- decision.c -------------------------------------------------------- */

/* The decision stated in the first sentences of text (NFC, quoted lines
 * left out; the rule is at the top of decision.c): NONE when the text
 * states none or states that it has none yet ("Tôi sẽ xem lại").  *end_r
 * gets the offset in text where the sentence that states it ends (0 for
 * NONE). */
enum reply_decision reply_decision_read(const char *text, size_t len,
					size_t *end_r);

/* --- sentences.c -------------------------------------------------------- */

/* An assignment stated in sentences (a routing note, "Giao Vụ Pháp chế
 * chủ trì, Vụ Tài chính phối hợp, hạn 20/12/2026"): the values as
 * written, for the workflow to read as it reads "Chủ trì:", "Phối hợp:"
 * and "Hạn:" lines. */
struct reply_assignment {
	char *lead;       /* the lead unit; NULL when no sentence names one */
	char *coordinate; /* coordinating units, or NULL */
	char *due;        /* the deadline, or NULL */
	char *reason;     /* what follows "vì", "do", "lý do" in the lead's
			   * sentence ("Đề nghị chuyển Vụ TC chủ trì vì ..."),
			   * or NULL */
	bool by_verb;     /* named by a verb of the work, no "chủ trì" ("Giao
			   * Vụ PC xử lý") */
};

/* Reads the assignment stated in the first sentences of text (NFC,
 * quoted lines left out; the rule is at the top of sentences.c): true
 * when one names a lead.  Release with reply_assignment_release. */
bool reply_assignment_read(const char *text, size_t len,
			   struct reply_assignment *a_r);
void reply_assignment_release(struct reply_assignment *a);

struct reply_delegation {
	char *person; /* the name as written, without its title */
	char *due;    /* the internal deadline, or NULL */
};

/* Reads a delegation stated in the first sentences of text (NFC, quoted
 * lines left out), as a head writes it: a directive ("giao", "giao cho",
 * "chuyển", "nhờ", "đề nghị", "phân công", "assign", "ask", "assign this
 * to") with no negator, tense or condition before it, then a person: a
 * title ("đồng chí", "đ/c", "a/c", "anh", "chị", "em", "ông", "bà",
 * "chuyên viên") and the name ("Giao chị Lan xử lý", "Giao đ/c Trần Văn
 * Bình"), or a name in capitals followed by a verb of the work ("Giao
 * Nguyễn Văn An xử lý"); a unit is no person.  Without a directive, a clause
 * that opens with a title and the name followed by a verb of the work ("Anh
 * Bình xử lý giúp nhé", "Chị Lan, xử lý giúp anh"), with no negator or
 * tense before the verb nor "rồi", "xong", "được" after it.  The
 * deadline the same sentence gives after it ("hạn 15/12", "báo cáo
 * trước ngày 15/12"), else that of a sentence stating only a deadline
 * right after it, else right before it ("Giao chị Lan xử lý. Hạn
 * 15/12.").  Not in a question.  True with *d_r filled; release with
 * reply_delegation_release. */
bool reply_delegation_read(const char *text, size_t len,
			   struct reply_delegation *d_r);
void reply_delegation_release(struct reply_delegation *d);

struct reply_consultation {
	char *units; /* the units as written ("Vụ PC, Vụ TC") */
	char *due;   /* the deadline for their opinions, or NULL */
};

/* Reads a consultation asked in the first sentences of text (NFC,
 * quoted lines left out), as the lead side writes it: "lấy ý kiến",
 * "xin ý kiến", "hỏi ý kiến", "consult" and the units after it ("Đề
 * nghị lấy ý kiến Vụ PC và Vụ TC, hạn 10/12"), or a directive, the
 * units and "cho ý kiến", "tham gia ý kiến", "góp ý", "có ý kiến" ("Đề
 * nghị Vụ PC, Vụ TC cho ý kiến trước ngày 10/12"); the units written as
 * units are, no negator or tense before the cue, not in a question; the
 * deadline its sentence gives, else that of a sentence stating only a
 * deadline next to it, as for a delegation.  True with *c_r filled;
 * release with reply_consultation_release. */
bool reply_consultation_read(const char *text, size_t len,
			     struct reply_consultation *c_r);
void reply_consultation_release(struct reply_consultation *c);

struct reply_extension {
	char *due;    /* the date, or "N ngày làm việc", as written */
	char *reason; /* the words after "vì", "do", "lý do"; or NULL */
};

/* Reads an extension asked for or granted in the first sentences of
 * text (NFC, quoted lines left out): the first sentence, not a question,
 * with "gia hạn" ("lùi hạn", "kéo dài thời hạn", "extension", "extend")
 * after no negator, past, future or condition in its clause ("không cần
 * gia hạn", "đã được gia hạn"; "xin được gia hạn" asks), and a date or a
 * number of days within EXTENSION_SKIP words after it ("xin gia hạn đến
 * hết ngày 25/12/2026 vì ...", "đồng ý gia hạn thêm 5 ngày làm việc").
 * True with *x_r filled; release with reply_extension_release. */
bool reply_extension_read(const char *text, size_t len,
			  struct reply_extension *x_r);
void reply_extension_release(struct reply_extension *x);

/* The deadline the first sentence of text (NFC) states when that is all
 * it states (a deadline sentence, as next to a command: "Hạn 20/12.",
 * "Hoàn thành trước ngày 20/12."), or NULL; caller frees. */
char *reply_deadline_read(const char *text, size_t len);

/* The reason a return states (NFC text, quoted lines left out), the
 * return's sentence ending at offset end (reply_decision_read's *end_r):
 * the words after "vì", "do", "lý do", "because" in that sentence, else
 * its clause saying the work is not the unit's ("không thuộc chức năng
 * của Vụ", "outside our remit"), else the next sentence when it opens
 * with one of those words ("Lý do: ...").  NULL when none; caller
 * frees. */
char *reply_reason_read(const char *text, size_t len, size_t end);

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
