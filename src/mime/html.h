/* Inside src/mime: HTML to text, shared by html.c (the walk and the
 * writer) and quote.c (which elements start quoted history). */
#ifndef CONGVAN_MIME_HTML_H
#define CONGVAN_MIME_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "private.h"

/* How an element starts quoted history. */
enum html_quote {
	HTML_QUOTE_NONE,
	/* Its content is quoted (blockquote, Yahoo's div.yahoo_quoted). */
	HTML_QUOTE_CONTAINER,
	/* Gmail's div.gmail_quote: its content is quoted, the attribution
	 * line too, and the blockquote right inside adds no level. */
	HTML_QUOTE_GMAIL,
	/* A reply divider: everything from here to the end of the enclosing
	 * quote (or of the document) is quoted (Outlook's bordered header
	 * block, #divRplyFwdMsg, #OLK_SRC_BODY_SECTION, <hr tabindex=-1>,
	 * Hotmail's hr#stopSpelling, Zimbra's hr#zwchr). */
	HTML_QUOTE_DIVIDER,
};

/* Classifies element n (name lower-case, as libxml2's HTML parser
 * gives it). */
enum html_quote mime_html_quote_kind(const xmlNode *n);

/* The value of attribute name of n, borrowed; NULL when absent. */
const char *mime_html_attr(const xmlNode *n, const char *name);

/* Whether n is hidden with an inline style (display:none). */
bool mime_html_hidden(const xmlNode *n);

#endif
