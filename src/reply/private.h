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
	MARK_CUT,  /* the line and everything below it are history */
	MARK_DROP, /* the line (and perhaps the next) is a quote header */
};

/* Classifies text line i of ls; for MARK_DROP *n_r gets the number of
 * lines of the header (1 or 2). */
enum mark reply_marks_classify(const struct lines *ls, size_t i, size_t *n_r);

/* "-- " / "--" signature delimiter. */
bool reply_is_sig_delimiter(const struct line *l);
/* "Sent from my iPhone", "Gửi từ iPhone của tôi", ... */
bool reply_is_phone_signature(const struct probe *p);
/* "-----Original Message-----", "----- Tin nhắn gốc -----", forwarded
 * message markers. */
bool reply_is_separator(const struct probe *p);
/* A line made only of '-', '_', '=', '*' or '~' (at least two). */
bool reply_is_rule(const struct line *l);

#endif
