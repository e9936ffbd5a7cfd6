/* Reading an Authentication-Results field (RFC 8601, section 2.2):
 *
 *   payload  = [CFWS] authserv-id [CFWS version] (";" "none" / 1*resinfo)
 *   resinfo  = ";" method ["/" version] "=" result
 *              ["reason" "=" value] *(ptype "." property "=" pvalue)
 *
 * (a "keyword=value" among the properties, as Microsoft's "action=none",
 * is read and ignored)
 *   value    = token / quoted-string (RFC 2045)
 *   pvalue   = value / [[local-part] "@"] domain-name
 *
 * Comments in parentheses (nested, with quoted pairs) may stand wherever
 * white space may.  The parser is strict: a field that does not follow
 * the grammar is refused whole, so that a value a server copied from the
 * message (header.from, smtp.mailfrom) can never be read as a result. */
#include <string.h>

#include "congvan/auth.h"

#define COMMENT_DEPTH_MAX 32

struct cursor {
	const char *s;
	size_t len, pos;
	bool bad;
};

static int peek(const struct cursor *c)
{
	return c->pos < c->len ? (unsigned char)c->s[c->pos] : -1;
}

/* Skips a comment starting at '(': false when it does not end. */
static bool skip_comment(struct cursor *c)
{
	int depth = 0;

	while (c->pos < c->len) {
		char ch = c->s[c->pos++];

		if (ch == '\\') {
			if (c->pos >= c->len) {
				return false;
			}
			c->pos++;
		} else if (ch == '(') {
			if (++depth > COMMENT_DEPTH_MAX) {
				return false;
			}
		} else if (ch == ')') {
			if (--depth == 0) {
				return true;
			}
		}
	}
	return false;
}

static void skip_cfws(struct cursor *c)
{
	while (!c->bad && c->pos < c->len) {
		char ch = c->s[c->pos];

		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
			c->pos++;
		} else if (ch == '(') {
			c->bad = !skip_comment(c);
		} else {
			break;
		}
	}
}

/* RFC 2045 token characters. */
static bool is_token(int ch)
{
	return ch > 0x20 && ch < 0x7f && !strchr("()<>@,;:\\\"/[]?=", ch);
}

static bool is_keyword(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
}

/* Appends ch to out (cap bytes with the NUL); false when full. */
static bool put(char *out, size_t cap, size_t *n, int ch)
{
	if (*n + 1 >= cap) {
		return false;
	}
	out[(*n)++] = (char)ch;
	out[*n] = '\0';
	return true;
}

/* A quoted string, its content into out. */
static bool quoted(struct cursor *c, char *out, size_t cap)
{
	size_t n = 0;

	out[0] = '\0';
	c->pos++; /* the opening quote */
	while (c->pos < c->len) {
		char ch = c->s[c->pos++];

		if (ch == '"') {
			return true;
		}
		if (ch == '\\') {
			if (c->pos >= c->len) {
				return false;
			}
			ch = c->s[c->pos++];
		} else if (ch == '\r' || ch == '\n') {
			continue; /* folding inside the string */
		}
		if (!put(out, cap, &n, ch)) {
			return false;
		}
	}
	return false;
}

/* Characters while accept(ch), at least one, into out (lower-cased with
 * lower). */
static bool run(struct cursor *c, bool (*accept)(int), bool lower, char *out,
		size_t cap)
{
	size_t n = 0;

	out[0] = '\0';
	while (c->pos < c->len && accept(peek(c))) {
		int ch = peek(c);

		if (lower && ch >= 'A' && ch <= 'Z') {
			ch += 'a' - 'A';
		}
		if (!put(out, cap, &n, ch)) {
			return false;
		}
		c->pos++;
	}
	return n > 0;
}

static bool value(struct cursor *c, char *out, size_t cap)
{
	skip_cfws(c);
	if (peek(c) == '"') {
		return quoted(c, out, cap);
	}
	return run(c, is_token, false, out, cap);
}

static bool keyword(struct cursor *c, char *out, size_t cap)
{
	skip_cfws(c);
	return run(c, is_keyword, true, out, cap);
}

static bool expect(struct cursor *c, char ch)
{
	skip_cfws(c);
	if (peek(c) != ch) {
		return false;
	}
	c->pos++;
	return true;
}

/* A property's value: a value, or an address or a domain with its '@'
 * and dots (which a token may not hold). */
static bool is_pvalue(int ch)
{
	return is_token(ch) || ch == '@' || ch == '.' || ch == '/' ||
	       ch == ':' || ch == '[' || ch == ']';
}

static bool pvalue(struct cursor *c, char *out, size_t cap)
{
	skip_cfws(c);
	if (peek(c) == '"') {
		return quoted(c, out, cap);
	}
	return run(c, is_pvalue, false, out, cap);
}

/* Properties and a reason after a method's result, up to the next ';'
 * or the end. */
static bool properties(struct cursor *c, struct auth_result *r)
{
	for (;;) {
		struct auth_prop p;
		char v[AUTH_VALUE_MAX];

		skip_cfws(c);
		if (c->bad) {
			return false;
		}
		if (peek(c) == ';' || peek(c) < 0) {
			return true;
		}
		if (!keyword(c, p.ptype, sizeof(p.ptype))) {
			return false;
		}
		skip_cfws(c);
		if (peek(c) == '=') {
			/* "reason=...", and the "action=none" some servers
			 * write though the grammar has no such thing: read,
			 * never used. */
			c->pos++;
			if (!pvalue(c, v, sizeof(v))) {
				return false;
			}
			continue;
		}
		if (!expect(c, '.') ||
		    !keyword(c, p.property, sizeof(p.property)) ||
		    !expect(c, '=') || !pvalue(c, p.value, sizeof(p.value))) {
			return false;
		}
		if (r && r->n_props < AUTH_PROPS_MAX) {
			r->props[r->n_props++] = p;
		}
	}
}

/* One resinfo after its ';'. */
static bool resinfo(struct cursor *c, struct auth_results *out)
{
	struct auth_result r;
	char version[16];

	memset(&r, 0, sizeof(r));
	if (!keyword(c, r.method, sizeof(r.method))) {
		return false;
	}
	skip_cfws(c);
	if (peek(c) == '/') {
		c->pos++;
		skip_cfws(c);
		if (!run(c, is_keyword, false, version, sizeof(version))) {
			return false;
		}
	}
	if (!expect(c, '=') || !keyword(c, r.result, sizeof(r.result)) ||
	    !properties(c, &r)) {
		return false;
	}
	if (out->n_results < AUTH_RESULTS_MAX) {
		out->results[out->n_results++] = r;
	}
	return true;
}

static bool is_digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

int auth_results_parse(const char *s, size_t len, struct auth_results *out)
{
	struct cursor c = {s, s ? len : 0, 0, false};
	char version[16], none[8];

	memset(out, 0, sizeof(*out));
	if (!value(&c, out->authserv_id, sizeof(out->authserv_id))) {
		return -1;
	}
	skip_cfws(&c);
	if (is_digit(peek(&c)) &&
	    !run(&c, is_digit, false, version, sizeof(version))) {
		return -1;
	}
	skip_cfws(&c);
	if (peek(&c) != ';') {
		return -1; /* every field says something, if only "none" */
	}
	{
		struct cursor probe = c;

		probe.pos++;
		if (keyword(&probe, none, sizeof(none)) &&
		    !strcmp(none, "none")) {
			skip_cfws(&probe);
			return peek(&probe) < 0 && !probe.bad ? 0 : -1;
		}
	}
	while (peek(&c) == ';') {
		c.pos++;
		skip_cfws(&c);
		if (peek(&c) < 0) {
			break; /* a trailing ';' */
		}
		if (!resinfo(&c, out)) {
			return -1;
		}
	}
	skip_cfws(&c);
	return peek(&c) < 0 && !c.bad ? 0 : -1;
}
