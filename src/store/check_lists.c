/* CHECK constraints on a list of values, written as comparisons.
 *
 * SQLite (3.40) checks "x IN ('a', 'b', 'c')" against a list of more
 * than two constants by building a temporary b-tree of the list, anew at
 * every execution of a statement that checks it: an INSERT into the
 * outbox, messages or letters, and three for each calendar entry's
 * UPSERT.  A 10,000-message intake with a directory built some 73,000 of
 * them: about a third of what those INSERTs cost.  "x = 'a' OR x = 'b' OR
 * x = 'c'" accepts and refuses exactly the same values (NULL too, and
 * under the column's collation) with a few comparisons.
 *
 * Schema 20 rewrites the tables' CREATE statements this way (store.c);
 * the migrations before it keep the lists they were written with. */
#include <ctype.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

#define CHECK_WORD "CHECK"

static const char *skip_space(const char *p)
{
	while (isspace((unsigned char)*p)) {
		p++;
	}
	return p;
}

/* The end of the SQL string literal starting at p ('...', '' inside for
 * a quote), or NULL when it does not end. */
static const char *literal_end(const char *p)
{
	for (p++; *p; p++) {
		if (*p == '\'') {
			if (p[1] != '\'') {
				return p + 1;
			}
			p++;
		}
	}
	return NULL;
}

/* A column name: letters, digits and '_', not starting with a digit. */
static const char *name_end(const char *p)
{
	if (!isalpha((unsigned char)*p) && *p != '_') {
		return p;
	}
	while (isalnum((unsigned char)*p) || *p == '_') {
		p++;
	}
	return p;
}

/* Reads "(name IN ('v', ...))" from p, just after the word CHECK, into
 * out as comparisons; returns the end of what it read, or NULL when the
 * constraint is of another kind. */
static const char *unroll(const char *p, struct sbuf *out)
{
	const char *name, *name_e;
	size_t n = 0;

	p = skip_space(p);
	if (*p != '(') {
		return NULL;
	}
	name = skip_space(p + 1);
	name_e = name_end(name);
	p = skip_space(name_e);
	if (name_e == name || strncasecmp(p, "IN", 2) != 0 ||
	    (!isspace((unsigned char)p[2]) && p[2] != '(')) {
		return NULL;
	}
	p = skip_space(p + 2);
	if (*p != '(') {
		return NULL;
	}
	sbuf_adds(out, " (");
	for (p = skip_space(p + 1);; p = skip_space(p + 1)) {
		const char *e = *p == '\'' ? literal_end(p) : NULL;

		if (!e) {
			return NULL;
		}
		sbuf_addf(out, "%s%.*s = %.*s", n++ ? " OR " : "",
			  (int)(name_e - name), name, (int)(e - p), p);
		p = skip_space(e);
		if (*p == ')') {
			p = skip_space(p + 1);
			break;
		}
		if (*p != ',') {
			return NULL;
		}
	}
	if (*p != ')') {
		return NULL;
	}
	sbuf_addch(out, ')');
	return p + 1;
}

char *store_check_lists_unrolled(const char *sql)
{
	struct sbuf out = SBUF_INIT(SIZE_MAX), check = SBUF_INIT(SIZE_MAX);
	const char *p = sql, *copied = sql;

	while (*p) {
		const char *end;

		if (*p == '\'') {
			end = literal_end(p);
			p = end ? end : p + strlen(p);
			continue;
		}
		if (strncasecmp(p, CHECK_WORD, strlen(CHECK_WORD)) != 0 ||
		    (p > sql &&
		     (isalnum((unsigned char)p[-1]) || p[-1] == '_'))) {
			p++;
			continue;
		}
		p += strlen(CHECK_WORD);
		end = unroll(p, &check);
		if (end) {
			sbuf_add(&out, copied, (size_t)(p - copied));
			sbuf_add(&out, check.buf, check.len);
			copied = p = end;
		}
		sbuf_reset(&check);
	}
	sbuf_adds(&out, copied);
	sbuf_release(&check);
	return sbuf_detach(&out);
}
