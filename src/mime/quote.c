/* Which HTML elements start quoted history, per mail client.
 *
 * Gmail:       <div class="gmail_quote"> (also gmail_quote_container)
 *              holding the "On ... wrote:" line and a blockquote; a
 *              forward uses the same div, and is not quoted.
 * Thunderbird, Apple Mail: <blockquote type="cite">; Thunderbird's
 *              <div class="moz-cite-prefix"> before it stays plain text.
 * Outlook:     <div style="border:none;border-top:solid #E1E1E1 1.0pt">
 *              (#B5C4DF in older versions) around From:/Sent:/To:, with
 *              the original after it, not inside; OWA and new Outlook
 *              <hr tabindex="-1"> and <div id="divRplyFwdMsg">; Outlook
 *              for Mac #OLK_SRC_BODY_SECTION; Hotmail <hr id=stopSpelling>.
 * Zimbra:      <hr id="zwchr">.
 * Webmails that copy a message into a reply prefix ids and classes ("x_",
 * "ecx"), so those are matched as suffixes. */
#include <string.h>

#include "html.h"

#define STYLE_MAX     512
#define FIRST_TEXT    160
#define LOOKAHEAD_MAX 64

const char *mime_html_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (a->name && str_iequal((const char *)a->name, name)) {
			const xmlNode *t = a->children;

			return t && t->content ? (const char *)t->content : "";
		}
	}
	return NULL;
}

static bool ends_with_ci(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && str_istartswith(s + n - k, suffix);
}

/* Whether a white-space separated token of list ends with one of the
 * suffixes. */
static bool has_token(const char *list, const char *const *suffixes)
{
	const char *s = list;

	while (s && *s) {
		size_t n;

		s += strspn(s, " \t\r\n\f");
		n = strcspn(s, " \t\r\n\f");
		for (const char *const *x = suffixes; n && *x; x++) {
			if (ends_with_ci(s, n, *x)) {
				return true;
			}
		}
		s += n;
	}
	return false;
}

/* The style attribute lower-cased without white space. */
static void squeeze_style(const xmlNode *n, char out[STYLE_MAX])
{
	const char *s = mime_html_attr(n, "style");
	size_t k = 0;

	for (; s && *s && k + 1 < STYLE_MAX; s++) {
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') {
			out[k++] =
			    (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
		}
	}
	out[k] = '\0';
}

bool mime_html_hidden(const xmlNode *n)
{
	char style[STYLE_MAX];

	if (!n->properties) {
		return false;
	}
	squeeze_style(n, style);
	return strstr(style, "display:none") != NULL;
}

/* The first non-blank text under n, white space collapsed, at most
 * FIRST_TEXT bytes; looks at LOOKAHEAD_MAX nodes at most. */
static void first_text(const xmlNode *n, char out[FIRST_TEXT])
{
	const xmlNode *c = n->children;
	size_t k = 0;

	out[0] = '\0';
	for (int steps = 0; c && steps < LOOKAHEAD_MAX; steps++) {
		const char *t = (const char *)c->content;

		if (c->type == XML_TEXT_NODE && t && t[strspn(t, " \t\r\n")]) {
			t += strspn(t, " \t\r\n");
			for (; *t && k + 1 < FIRST_TEXT; t++) {
				out[k++] =
				    (*t == '\r' || *t == '\n') ? ' ' : *t;
			}
			out[k] = '\0';
			return;
		}
		if (c->children && c->type == XML_ELEMENT_NODE) {
			c = c->children;
			continue;
		}
		while (c && c != n && !c->next) {
			c = c->parent;
		}
		c = (c && c != n) ? c->next : NULL;
	}
}

/* "From:", "Từ:", "От:", "De :": a short label and a colon. */
static bool header_like(const char *t)
{
	const char *colon = strchr(t, ':');
	size_t spaces = 0;

	if (!colon || colon == t || colon - t > 24) {
		return false;
	}
	for (const char *p = t; p < colon; p++) {
		if ((*p >= '0' && *p <= '9') || *p == '<' || *p == '@') {
			return false;
		}
		spaces += *p == ' ';
	}
	return spaces <= 2;
}

static bool outlook_divider(const xmlNode *n)
{
	char style[STYLE_MAX];
	char text[FIRST_TEXT];

	squeeze_style(n, style);
	if (!strstr(style, "border-top") || !strstr(style, "solid")) {
		return false;
	}
	if (strstr(style, "#e1e1e1") || strstr(style, "#b5c4df")) {
		return true;
	}
	first_text(n, text);
	return header_like(text);
}

/* Gmail puts a forward in the same div as a quote. */
static bool gmail_forward(const xmlNode *n)
{
	char text[FIRST_TEXT];

	first_text(n, text);
	return str_icasestr(text, "forwarded message") ||
	       strstr(text,
		      "chuy\xe1\xbb\x83n ti\xe1\xba\xbfp"); /* chuyển tiếp */
}

static enum html_quote by_id(const char *name, const char *id)
{
	size_t len = strlen(id);

	if (!strcmp(name, "hr") && (ends_with_ci(id, len, "stopSpelling") ||
				    ends_with_ci(id, len, "zwchr"))) {
		return HTML_QUOTE_DIVIDER;
	}
	if (ends_with_ci(id, len, "divRplyFwdMsg") ||
	    ends_with_ci(id, len, "OLK_SRC_BODY_SECTION")) {
		return HTML_QUOTE_DIVIDER;
	}
	return HTML_QUOTE_NONE;
}

enum html_quote mime_html_quote_kind(const xmlNode *n)
{
	static const char *const gmail[] = {"gmail_quote",
					    "gmail_quote_container", NULL};
	static const char *const yahoo[] = {"yahoo_quoted", NULL};
	const char *name = (const char *)n->name;
	const char *attr;
	enum html_quote q;

	if (!strcmp(name, "blockquote")) {
		return HTML_QUOTE_CONTAINER;
	}
	if (!n->properties) {
		return HTML_QUOTE_NONE;
	}
	attr = mime_html_attr(n, "id");
	q = attr ? by_id(name, attr) : HTML_QUOTE_NONE;
	if (q != HTML_QUOTE_NONE) {
		return q;
	}
	if (!strcmp(name, "hr")) {
		attr = mime_html_attr(n, "tabindex");
		return attr && !strcmp(attr, "-1") ? HTML_QUOTE_DIVIDER
						   : HTML_QUOTE_NONE;
	}
	if (strcmp(name, "div") != 0) {
		return HTML_QUOTE_NONE;
	}
	attr = mime_html_attr(n, "class");
	if (attr && has_token(attr, gmail)) {
		return gmail_forward(n) ? HTML_QUOTE_NONE : HTML_QUOTE_GMAIL;
	}
	if (attr && has_token(attr, yahoo)) {
		return HTML_QUOTE_CONTAINER;
	}
	return outlook_divider(n) ? HTML_QUOTE_DIVIDER : HTML_QUOTE_NONE;
}
