/* The text of a PDF through poppler-glib.  poppler's GError and objects
 * stay inside this file. */
#include <glib.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/letter.h"
#include "congvan/util.h"

#define PDF_PAGES_MAX 200
#define PDF_TEXT_MAX  (8u << 20)

static void add_page(PopplerDocument *doc, int i, struct sbuf *sb)
{
	PopplerPage *page = poppler_document_get_page(doc, i);
	char *text;

	if (!page) {
		return;
	}
	text = poppler_page_get_text(page);
	if (i > 0) {
		sbuf_adds(sb, "\n\f\n");
	}
	if (text) {
		sbuf_adds(sb, text);
	}
	g_free(text);
	g_object_unref(page);
}

char *letter_pdf_text(const char *data, size_t len, int *pages_r)
{
	struct sbuf sb = SBUF_INIT(PDF_TEXT_MAX);
	PopplerDocument *doc = NULL;
	GBytes *bytes = NULL;
	GError *err = NULL;
	char *ret = NULL;
	int pages;

	if (pages_r) {
		*pages_r = 0;
	}
	if (!data || len < 8 ||
	    memmem(data, len < 1024 ? len : 1024, "%PDF-", 5) == NULL) {
		return NULL;
	}
	bytes = g_bytes_new_static(data, len);
	doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	if (!doc) {
		goto out;
	}
	pages = poppler_document_get_n_pages(doc);
	for (int i = 0; i < pages && i < PDF_PAGES_MAX && !sb.overflow; i++) {
		add_page(doc, i, &sb);
	}
	if (pages_r) {
		*pages_r = pages;
	}
	ret = sbuf_detach(&sb);
out:
	if (err) {
		g_error_free(err);
	}
	if (doc) {
		g_object_unref(doc);
	}
	g_bytes_unref(bytes);
	sbuf_release(&sb);
	return ret;
}
