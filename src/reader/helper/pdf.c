/* A PDF through poppler-glib: the text layer of every page, the
 * signatures, then OCR of the pages that have no text layer among those
 * asked for, rendered with cairo.  poppler's GError and objects stay in
 * this file and signed.c. */
#include <cairo.h>
#include <ctype.h>
#include <glib.h>
#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>

#include "congvan/util.h"
#include "private.h"

#define PDF_PAGES_MAX 200
#define PDF_TEXT_MIN  20       /* non-space bytes that make a text layer */
#define RENDER_DPI    300      /* what Tesseract reads best */
#define RENDER_PIXELS 12000000 /* an A4 page at 300 dpi is 8.7 million */

static bool has_text(const char *text)
{
	size_t n = 0;

	for (const char *p = text; p && *p && n < PDF_TEXT_MIN; p++) {
		if (!isspace((unsigned char)*p)) {
			n++;
		}
	}
	return n >= PDF_TEXT_MIN;
}

/* Emits the text layer of every page; marks those without one. */
static void text_layers(PopplerDocument *doc, int n, bool *empty)
{
	for (int i = 0; i < n && i < PDF_PAGES_MAX; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		char *text = page ? poppler_page_get_text(page) : NULL;

		empty[i] = !has_text(text);
		if (!empty[i]) {
			emit_page(i + 1, READER_SOURCE_TEXT, 100, text);
		}
		g_free(text);
		if (page) {
			g_object_unref(page);
		}
	}
}

/* Page i at about RENDER_DPI, white behind it, as a 32-bit image; NULL on
 * failure.  *dpi_r gets the resolution used. */
static PIX *render(PopplerPage *page, int *dpi_r)
{
	double w = 0, h = 0, scale = RENDER_DPI / 72.0;
	cairo_surface_t *s;
	cairo_t *cr;
	PIX *pix = NULL;
	int width, height, stride;

	poppler_page_get_size(page, &w, &h);
	if (!(w > 1 && h > 1 && w < 20000 && h < 20000)) {
		return NULL;
	}
	if (w * h * scale * scale > RENDER_PIXELS) {
		scale = sqrt(RENDER_PIXELS / (w * h));
	}
	width = (int)(w * scale);
	height = (int)(h * scale);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return NULL;
	}
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	poppler_page_render(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	stride = cairo_image_surface_get_stride(s);
	pix = pixCreate(width, height, 32);
	if (pix) {
		const unsigned char *data = cairo_image_surface_get_data(s);
		l_uint32 *line = pixGetData(pix);
		int wpl = pixGetWpl(pix);

		for (int y = 0; y < height; y++, line += wpl) {
			const uint32_t *px =
			    (const uint32_t *)(data + (size_t)y * stride);

			for (int x = 0; x < width; x++) {
				/* cairo's xRGB to Leptonica's RGBx. */
				line[x] = (px[x] & 0xffffff) << 8;
			}
		}
		pixSetResolution(pix, (int)(scale * 72), (int)(scale * 72));
	}
	cairo_surface_destroy(s);
	*dpi_r = (int)(scale * 72 + 0.5);
	return pix;
}

static void ocr_pages(PopplerDocument *doc, int n, const bool *empty,
		      int ocr_pages)
{
	int order[READER_OCR_PAGES_MAX];
	size_t k = ocr_page_order(n < PDF_PAGES_MAX ? n : PDF_PAGES_MAX,
				  ocr_pages, order, ARRAY_SIZE(order));
	struct ocr *ocr = NULL;
	bool tried = false;

	for (size_t i = 0; i < k; i++) {
		PopplerPage *page;
		PIX *pix;
		int dpi = RENDER_DPI;

		if (!empty[order[i] - 1]) {
			continue;
		}
		page = poppler_document_get_page(doc, order[i] - 1);
		pix = page ? render(page, &dpi) : NULL;
		if (page) {
			g_object_unref(page);
		}
		if (pix && !ocr_emit(&ocr, &tried, order[i], pix, dpi)) {
			break;
		}
	}
	ocr_close(&ocr);
}

int pdf_read(const struct job *job)
{
	GBytes *bytes = g_bytes_new_static(job->data, job->len);
	PopplerDocument *doc;
	GError *err = NULL;
	bool *empty;
	int n;

	doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	if (!doc) {
		if (err) {
			g_error_free(err);
		}
		g_bytes_unref(bytes);
		return EXIT_NOT_READABLE;
	}
	n = poppler_document_get_n_pages(doc);
	emit_doc("pdf", n < 0 ? 0 : n);
	empty = xcalloc((size_t)(n > 0 ? n : 1), sizeof(*empty));
	if (!job->signatures_only) {
		text_layers(doc, n, empty);
	}
	signatures_read(doc, job);
	if (!job->signatures_only) {
		ocr_pages(doc, n, empty, job->ocr_pages);
	}
	free(empty);
	g_object_unref(doc);
	g_bytes_unref(bytes);
	return 0;
}
