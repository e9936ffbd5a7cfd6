/* The text of a letter typed in a word processor and sent as it is: the
 * main XML part of a DOCX (word/document.xml) or an ODT (content.xml),
 * read with libxml2's streaming reader.  congvan-reader takes the part
 * out of the ZIP archive (src/reader/helper/office.c); the XML is read
 * here, in the library, so that a fuzz target reaches it.
 *
 * Paragraphs become lines, tabs and line breaks stay; what a reader of
 * the printed letter does not see is left out: text deleted or moved
 * away under tracked changes, field codes, comments and notes, and the
 * older copy of a drawing's text (mc:Fallback) that Word writes beside
 * the one it shows.  No entity is substituted and
 * nothing is loaded from outside (no DTD, no network). */
#include <string.h>

#include <libxml/xmlreader.h>

#include "congvan/reader.h"
#include "congvan/util.h"

#define W_NS      "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define TEXT_NS   "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define OFFICE_NS "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define MC_NS     "http://schemas.openxmlformats.org/markup-compatibility/2006"
/* Spaces one ODF <text:s text:c="N"/> stands for, at most. */
#define SPACES_MAX 64

struct walk {
	xmlTextReaderPtr r;
	bool odt;
	struct sbuf text;
	int skip;      /* depth of the element whose content is left out; -1 */
	int run_text;  /* DOCX: depth of the open <w:t>; -1 */
	int paragraph; /* ODT: open paragraphs and headings */
};

static bool is(const char *ns, const char *name, const char *want_ns,
	       const char *want)
{
	return ns && name && !strcmp(ns, want_ns) && !strcmp(name, want);
}

static void add_spaces(struct walk *w)
{
	xmlChar *c =
	    xmlTextReaderGetAttributeNs(w->r, BAD_CAST "c", BAD_CAST TEXT_NS);
	long n = 1;

	if (c && str_to_long((const char *)c, 1, SPACES_MAX, &n) < 0) {
		n = 1;
	}
	xmlFree(c);
	for (long i = 0; i < n; i++) {
		sbuf_addch(&w->text, ' ');
	}
}

/* An element opens (empty: it closes at once). */
static void element(struct walk *w, const char *ns, const char *name, int depth,
		    bool empty)
{
	if (!w->odt) {
		if (is(ns, name, W_NS, "delText") ||
		    is(ns, name, W_NS, "instrText") ||
		    is(ns, name, W_NS, "moveFrom") ||
		    is(ns, name, MC_NS, "Fallback")) {
			w->skip = empty ? -1 : depth;
		} else if (is(ns, name, W_NS, "t")) {
			w->run_text = empty ? -1 : depth;
		} else if (is(ns, name, W_NS, "tab")) {
			sbuf_addch(&w->text, '\t');
		} else if (is(ns, name, W_NS, "br") ||
			   is(ns, name, W_NS, "cr") ||
			   (empty && is(ns, name, W_NS, "p"))) {
			sbuf_addch(&w->text, '\n');
		}
		return;
	}
	if (is(ns, name, TEXT_NS, "tracked-changes") ||
	    is(ns, name, OFFICE_NS, "annotation") ||
	    is(ns, name, TEXT_NS, "note")) {
		w->skip = empty ? -1 : depth;
	} else if (is(ns, name, TEXT_NS, "p") || is(ns, name, TEXT_NS, "h")) {
		if (empty) {
			sbuf_addch(&w->text, '\n');
		} else {
			w->paragraph++;
		}
	} else if (is(ns, name, TEXT_NS, "tab")) {
		sbuf_addch(&w->text, '\t');
	} else if (is(ns, name, TEXT_NS, "line-break")) {
		sbuf_addch(&w->text, '\n');
	} else if (is(ns, name, TEXT_NS, "s")) {
		add_spaces(w);
	}
}

static void end_element(struct walk *w, const char *ns, const char *name,
			int depth)
{
	if (depth == w->run_text) {
		w->run_text = -1;
	} else if (!w->odt && is(ns, name, W_NS, "p")) {
		sbuf_addch(&w->text, '\n');
	} else if (w->odt &&
		   (is(ns, name, TEXT_NS, "p") || is(ns, name, TEXT_NS, "h"))) {
		w->paragraph--;
		sbuf_addch(&w->text, '\n');
	}
}

/* Character data: a DOCX run's text, or an ODT paragraph's, where white
 * space alone between two spans stands for one space. */
static void characters(struct walk *w, int type)
{
	const char *v = (const char *)xmlTextReaderConstValue(w->r);

	if (!v) {
		return;
	}
	if (!w->odt) {
		if (w->run_text >= 0) {
			sbuf_adds(&w->text, v);
		}
	} else if (w->paragraph > 0) {
		if (type == XML_READER_TYPE_WHITESPACE) {
			sbuf_addch(&w->text, ' ');
		} else {
			sbuf_adds(&w->text, v);
		}
	}
}

/* Whether the root element is the main part's: <w:document> or
 * <office:document-content>. */
static bool root_ok(const struct walk *w, const char *ns, const char *name)
{
	return w->odt ? is(ns, name, OFFICE_NS, "document-content")
		      : is(ns, name, W_NS, "document");
}

char *reader_office_text(const char *xml, size_t len, bool odt)
{
	struct walk w = {.odt = odt, .skip = -1, .run_text = -1};
	bool started = false;
	int rc;

	if (!xml || len == 0 || len > READER_OFFICE_XML_MAX) {
		return NULL;
	}
	w.r = xmlReaderForMemory(xml, (int)len, NULL, NULL,
				 XML_PARSE_NONET | XML_PARSE_NOERROR |
				     XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	if (!w.r) {
		return NULL;
	}
	sbuf_init(&w.text, READER_PAGE_MAX);
	while ((rc = xmlTextReaderRead(w.r)) == 1) {
		int type = xmlTextReaderNodeType(w.r);
		int depth = xmlTextReaderDepth(w.r);
		const char *ns =
		    (const char *)xmlTextReaderConstNamespaceUri(w.r);
		const char *name =
		    (const char *)xmlTextReaderConstLocalName(w.r);

		if (type == XML_READER_TYPE_ELEMENT && !started) {
			if (!root_ok(&w, ns, name)) {
				break;
			}
			started = true;
		}
		if (w.skip >= 0) {
			if (type == XML_READER_TYPE_END_ELEMENT &&
			    depth == w.skip) {
				w.skip = -1;
			}
			continue;
		}
		if (type == XML_READER_TYPE_ELEMENT) {
			element(&w, ns, name, depth,
				xmlTextReaderIsEmptyElement(w.r) == 1);
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			end_element(&w, ns, name, depth);
		} else if (type == XML_READER_TYPE_TEXT ||
			   type == XML_READER_TYPE_CDATA ||
			   type == XML_READER_TYPE_WHITESPACE ||
			   type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
			characters(&w, type);
		}
		if (w.text.overflow) {
			break;
		}
	}
	xmlFreeTextReader(w.r);
	/* A part cut short still gives the text before the cut. */
	if (!started || w.text.len == 0) {
		sbuf_release(&w.text);
		return NULL;
	}
	return sbuf_detach(&w.text);
}
