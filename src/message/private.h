/* Shared inside src/message only.  libetpan types never leave this
 * folder. */
#ifndef CONGVAN_MESSAGE_PRIVATE_H
#define CONGVAN_MESSAGE_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "congvan/message.h"
#include "congvan/util.h"
#include "congvan/text.h"

/* The header block is examined up to this size; the rest is ignored. */
#define MESSAGE_HEADER_MAX (1024 * 1024)

/* What classification needs beyond struct message_info: raw signs taken
 * from the header block, first occurrence of each field. */
struct message_facts {
	bool has_in_reply_to; /* the field is present and not empty */
	bool has_references;
	bool x_autoreply;
	bool x_autorespond;
	bool x_congvan_item;
	char *auto_submitted; /* raw value, trimmed; NULL when absent */
	char *precedence;
	char *content_type;
};

void message_facts_free(struct message_facts *facts);

/* Sets info->kind and info->kind_reason from info and facts. */
void message_classify(struct message_info *info,
		      const struct message_facts *facts,
		      const struct message_classify_opts *opts);

/* Appends text as quoted-printable with CRLF hard line breaks; input lines
 * may end in LF or CRLF.  Output lines are at most 76 characters. */
void message_qp_encode(struct sbuf *sb, const char *text, size_t len);

/* Appends the RFC 4648 base64 form of n bytes. */
void message_base64_append(struct sbuf *sb, const unsigned char *in, size_t n);
/* Appends n bytes as a base64 body: lines of 76 characters, each ending
 * in CRLF (nothing for n == 0). */
void message_base64_lines(struct sbuf *sb, const unsigned char *in, size_t n);
/* Appends text as message_base64_lines would append a copy of it with
 * every line break made CRLF, the canonical form of text (RFC 2049 4):
 * LF, CRLF and a bare CR each end a line, and the last line ends in one
 * too (nothing for len == 0).  No copy is made. */
void message_base64_text(struct sbuf *sb, const char *text, size_t len);

/* Fills buf with random bytes (getrandom; the clock, pid and a counter
 * when it fails: unique, not secret). */
void message_random_bytes(void *buf, size_t n);

/* Writes one header field, folding before a word that would pass column
 * 78 (even the first: "Message-ID:" CRLF " <long id>").  Words are
 * separated by one space. */
struct message_hdr {
	struct sbuf *sb;
	size_t col;   /* length of the current physical line */
	size_t words; /* words written so far */
};

void message_hdr_begin(struct message_hdr *h, struct sbuf *sb,
		       const char *name);
void message_hdr_word(struct message_hdr *h, const char *w, size_t n);
/* Writes valid UTF-8 text as RFC 2047 B-encoded words of at most 75
 * characters, never splitting a UTF-8 sequence. */
void message_hdr_encoded(struct message_hdr *h, const char *s);
void message_hdr_end(struct message_hdr *h);

/* MIME parameter name (ASCII) with value (valid UTF-8, no control
 * characters), as words of h, followed by ';' unless last.  A short
 * value of plain characters (letters, digits, space and "-._~()+,[]!#$&@"
 * ; never '=', so a "=_" boundary cannot occur) is written quoted; any
 * other value RFC 2047-encoded inside the quotes (2047: the Content-Type
 * name= that old clients read) or RFC 2231-encoded ("name*=UTF-8''..."
 * percent-encoded, in continuations "name*0*=" ... when long; 2231). */
void message_hdr_param_2047(struct message_hdr *h, const char *name,
			    const char *value, bool last);
void message_hdr_param_2231(struct message_hdr *h, const char *name,
			    const char *value, bool last);

/* --- parts.c: the body of outgoing mail ------------------------------ */

/* Checks the attachments and the calendar of out: 0, or -1 with
 * *error_r. */
int message_check_parts(const struct message_out *out, char **error_r);
/* Writes the MIME body of out (checked): its Content-Type and
 * Content-Transfer-Encoding fields, the empty line, the content.  The
 * part of attachment number deferred (SIZE_MAX: none) is left out, and
 * *at_r set to where it goes. */
void message_write_body(struct sbuf *sb, const struct message_out *out,
			size_t deferred, size_t *at_r);
/* The sanitised form of a file name (see message_compose), or NULL when
 * nothing is left.  Caller frees. */
char *message_filename_clean(const char *name);

/* --- dsn.c: delivery reports ------------------------------------------ */

/* Appends s[0..n) to sb, control characters as spaces, runs of white
 * space as one: what a report says, made printable (dsn.c,
 * bounce_text.c). */
void message_add_clean(struct sbuf *sb, const char *s, size_t n);

#endif
