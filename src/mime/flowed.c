/* text/plain; format=flowed (RFC 3676).
 *
 * A line ending in a space is soft: it continues on the next line when
 * that line has the same quote depth.  Quote depth is the count of
 * leading '>'; one space after them (or at the start of an unquoted line)
 * is space-stuffing and goes.  With DelSp=yes the space before a soft
 * break was added by the sender and goes too.  "-- " (the signature
 * separator) is never soft.  Quoted paragraphs come out with "> " per
 * level, as HTML quotes do. */
#include <string.h>

#include "private.h"

#define QUOTE_PREFIX_MAX 32

struct flowed_line {
	size_t depth;
	const char *text; /* after quote marks and stuffing */
	size_t len;
	bool soft;
};

static void read_line(const char *s, size_t len, struct flowed_line *l)
{
	size_t i = 0;

	while (i < len && s[i] == '>') {
		i++;
	}
	l->depth = i;
	if (i < len && s[i] == ' ') {
		i++;
	}
	l->text = s + i;
	l->len = len - i;
	l->soft = l->len > 0 && l->text[l->len - 1] == ' ' &&
		  !(l->len == 3 && !memcmp(l->text, "-- ", 3));
}

static void add_prefix(struct sbuf *out, size_t depth)
{
	if (depth > QUOTE_PREFIX_MAX) {
		depth = QUOTE_PREFIX_MAX;
	}
	for (size_t k = 0; k < depth; k++) {
		sbuf_add(out, "> ", 2);
	}
}

void mime_flowed_append(const char *in, size_t len, bool delsp,
			struct sbuf *out)
{
	bool joining = false;
	size_t depth = 0;
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(in + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - in) : len;
		struct flowed_line l;

		read_line(in + i, end - i, &l);
		i = end + 1;
		if (joining && l.depth != depth) {
			sbuf_addch(out,
				   '\n'); /* depth changed: paragraph ends */
			joining = false;
		}
		if (!joining) {
			add_prefix(out, l.depth);
		}
		sbuf_add(out, l.text, l.soft && delsp ? l.len - 1 : l.len);
		joining = l.soft;
		depth = l.depth;
		if (!joining) {
			sbuf_addch(out, '\n');
		}
	}
	if (joining) {
		sbuf_addch(out, '\n');
	}
}
