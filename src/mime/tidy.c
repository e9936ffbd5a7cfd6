/* HTML rewritten before libxml2 reads it.
 *
 * libxml2 2.9.14's htmlParseStartTag() compares each attribute of a tag
 * with all the earlier ones: a tag with 100,000 attributes (900 KB of
 * mail) takes it about a minute.  Its HTML parser also drops namespace
 * prefixes, so Word's <o:p>, in every Outlook paragraph, arrives as <p>.
 * So the markup is tokenised here first, the way browsers do, and written
 * again in a form libxml2 cannot misread: start tags with only the
 * attributes quote.c and html.c look at (class, id, style, tabindex,
 * type), each quoted; end tags; text with every other '<' escaped.
 * Comments, doctypes, processing instructions and the content of
 * <script> and <style> are dropped; ':' in a tag name becomes '_'; the
 * whole is put in a <body>. */
#include <string.h>

#include "private.h"

#define NAME_MAX_LEN  64
#define ATTR_KEEP_MAX 8
#define VALUE_MAX     4096

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

struct tok {
	const char *s;
	size_t len;
	size_t i;
	struct sbuf *out;
};

/* Skips to after the first occurrence of end (or to the end). */
static void skip_past(struct tok *t, const char *end)
{
	const char *p = memmem(t->s + t->i, t->len - t->i, end, strlen(end));

	t->i = p ? (size_t)(p - t->s) + strlen(end) : t->len;
}

/* A tag name, lower-cased, ':' made '_', into name. */
static void read_name(struct tok *t, char name[NAME_MAX_LEN + 1])
{
	size_t n = 0;

	while (t->i < t->len && !is_blank(t->s[t->i]) && t->s[t->i] != '>' &&
	       t->s[t->i] != '/') {
		char c = lower(t->s[t->i++]);

		if (n < NAME_MAX_LEN && c != '<' && c != '"' && c != '\'' &&
		    c != '&') {
			name[n++] = c == ':' ? '_' : c;
		}
	}
	name[n] = '\0';
}

static bool kept_attr(const char *name, size_t n)
{
	static const char *const keep[] = {"class",    "id",   "style",
					   "tabindex", "type", NULL};

	for (const char *const *k = keep; *k; k++) {
		if (strlen(*k) == n && str_istartswith(name, *k)) {
			return true;
		}
	}
	return false;
}

/* The value of an attribute at t->i (after '='): [*v, *v + *n). */
static void read_value(struct tok *t, const char **v, size_t *n)
{
	size_t start;

	while (t->i < t->len && is_blank(t->s[t->i])) {
		t->i++;
	}
	if (t->i < t->len && (t->s[t->i] == '"' || t->s[t->i] == '\'')) {
		const char *q =
		    memchr(t->s + t->i + 1, t->s[t->i], t->len - t->i - 1);

		start = t->i + 1;
		t->i = q ? (size_t)(q - t->s) + 1 : t->len;
		*v = t->s + start;
		*n = (q ? (size_t)(q - t->s) : t->len) - start;
		return;
	}
	start = t->i;
	while (t->i < t->len && !is_blank(t->s[t->i]) && t->s[t->i] != '>') {
		t->i++;
	}
	*v = t->s + start;
	*n = t->i - start;
}

static void write_attr(struct tok *t, const char *name, size_t nlen,
		       const char *v, size_t vlen)
{
	sbuf_addch(t->out, ' ');
	for (size_t k = 0; k < nlen; k++) {
		sbuf_addch(t->out, lower(name[k]));
	}
	sbuf_add(t->out, "=\"", 2);
	for (size_t k = 0; k < vlen && k < VALUE_MAX; k++) {
		if (v[k] == '"') {
			sbuf_adds(t->out, "&quot;");
		} else if (v[k] == '<') {
			sbuf_adds(t->out, "&lt;");
		} else {
			sbuf_addch(t->out, v[k]);
		}
	}
	sbuf_addch(t->out, '"');
}

/* One attribute; false at the end of the tag. */
static bool read_attr(struct tok *t, unsigned *kept)
{
	const char *name;
	const char *v = "";
	size_t nlen;
	size_t vlen = 0;

	while (t->i < t->len && (is_blank(t->s[t->i]) || t->s[t->i] == '/')) {
		t->i++;
	}
	if (t->i >= t->len || t->s[t->i] == '>') {
		t->i += t->i < t->len;
		return false;
	}
	name = t->s + t->i;
	while (t->i < t->len && !is_blank(t->s[t->i]) && t->s[t->i] != '=' &&
	       t->s[t->i] != '>' && t->s[t->i] != '/') {
		t->i++;
	}
	nlen = (size_t)(t->s + t->i - name);
	while (t->i < t->len && is_blank(t->s[t->i])) {
		t->i++;
	}
	if (t->i < t->len && t->s[t->i] == '=') {
		t->i++;
		read_value(t, &v, &vlen);
	}
	if (nlen && *kept < ATTR_KEEP_MAX && kept_attr(name, nlen)) {
		write_attr(t, name, nlen, v, vlen);
		(*kept)++;
	}
	return true;
}

/* Skips the raw text of <script> or <style> up to its end tag. */
static void skip_raw(struct tok *t, const char *name)
{
	size_t n = strlen(name);

	while (t->i < t->len) {
		const char *p = memchr(t->s + t->i, '<', t->len - t->i);

		if (!p) {
			t->i = t->len;
			return;
		}
		t->i = (size_t)(p - t->s);
		if (t->len - t->i > n + 2 && t->s[t->i + 1] == '/' &&
		    str_istartswith(t->s + t->i + 2, name)) {
			return;
		}
		t->i++;
	}
}

static void start_tag(struct tok *t)
{
	char name[NAME_MAX_LEN + 1];
	unsigned kept = 0;

	t->i++; /* '<' */
	read_name(t, name);
	sbuf_addch(t->out, '<');
	sbuf_adds(t->out, name);
	while (read_attr(t, &kept)) {
	}
	sbuf_addch(t->out, '>');
	if (!strcmp(name, "script") || !strcmp(name, "style")) {
		skip_raw(t, name);
	}
}

static void end_tag(struct tok *t)
{
	char name[NAME_MAX_LEN + 1];

	t->i += 2; /* "</" */
	read_name(t, name);
	skip_past(t, ">");
	sbuf_add(t->out, "</", 2);
	sbuf_adds(t->out, name);
	sbuf_addch(t->out, '>');
}

/* The markup at t->i ('<'). */
static void markup(struct tok *t)
{
	const char *s = t->s + t->i;
	size_t left = t->len - t->i;

	if (left >= 4 && !memcmp(s, "<!--", 4)) {
		t->i += 4;
		skip_past(t, "-->");
	} else if (left >= 2 && (s[1] == '!' || s[1] == '?')) {
		skip_past(t, ">");
	} else if (left >= 3 && s[1] == '/' && is_alpha(s[2])) {
		end_tag(t);
	} else if (left >= 2 && is_alpha(s[1])) {
		start_tag(t);
	} else {
		sbuf_adds(t->out, "&lt;");
		t->i++;
	}
}

void mime_html_tidy(const char *html, size_t len, struct sbuf *out)
{
	struct tok t = {html, len, 0, out};

	/* Text outside an explicit <body> gets an implied <p> from libxml2,
	 * which would put a blank line after it; the document's own <html>,
	 * <head> and <body> are then ignored as misplaced. */
	sbuf_adds(out, "<body>");
	while (t.i < len) {
		const char *lt = memchr(html + t.i, '<', len - t.i);
		size_t run = lt ? (size_t)(lt - html) - t.i : len - t.i;

		sbuf_add(out, html + t.i, run);
		t.i += run;
		if (t.i < len) {
			markup(&t);
		}
	}
}
