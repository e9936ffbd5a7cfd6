/* A scan sent as an image (JPEG, PNG, TIFF with one page or more),
 * decoded by Leptonica and read by OCR. */
#include <stdio.h>
#include <stdlib.h>

#include <leptonica/allheaders.h>

#include "congvan/util.h"
#include "private.h"

#define IMAGE_PIXELS_MAX 60000000 /* an A3 page at 600 dpi is 70 million */
#define IMAGE_PAGES_MAX  200
#define DPI_UNKNOWN      300 /* a camera's photo says nothing */

static bool is_tiff(int format)
{
	return L_FORMAT_IS_TIFF(format);
}

/* Only the formats scanners and phones send: less decoder to attack. */
static bool wanted(int format)
{
	return format == IFF_JFIF_JPEG || format == IFF_PNG || is_tiff(format);
}

static int page_count(const struct job *job, int format)
{
	FILE *fp;
	l_int32 n = 1;

	if (!is_tiff(format)) {
		return 1;
	}
	fp = fmemopen((void *)job->data, job->len, "r");
	if (!fp) {
		return 1;
	}
	if (tiffGetCount(fp, &n) != 0 || n < 1) {
		n = 1;
	}
	fclose(fp);
	return n > IMAGE_PAGES_MAX ? IMAGE_PAGES_MAX : n;
}

static int dpi_of(PIX *pix)
{
	int dpi = pixGetXRes(pix);

	return dpi >= 70 && dpi <= 1200 ? dpi : DPI_UNKNOWN;
}

int image_read(const struct job *job)
{
	const l_uint8 *data = (const l_uint8 *)job->data;
	l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
	int order[READER_OCR_PAGES_MAX], n;
	struct ocr *ocr = NULL;
	bool tried = false;
	size_t k;

	if (pixReadHeaderMem(data, job->len, &format, &w, &h, &bps, &spp,
			     &cmap) != 0 ||
	    !wanted(format) || w <= 0 || h <= 0 ||
	    (double)w * h > IMAGE_PIXELS_MAX) {
		return EXIT_NOT_READABLE;
	}
	n = page_count(job, format);
	emit_doc("image", n);
	k = ocr_page_order(n, job->ocr_pages, order, ARRAY_SIZE(order));
	for (size_t i = 0; i < k; i++) {
		PIX *pix = is_tiff(format)
			       ? pixReadMemTiff(data, job->len, order[i] - 1)
			       : pixReadMem(data, job->len);

		if (!pix) {
			continue;
		}
		if ((double)pixGetWidth(pix) * pixGetHeight(pix) >
		    IMAGE_PIXELS_MAX) {
			pixDestroy(&pix);
			continue;
		}
		if (!ocr_emit(&ocr, &tried, order[i], pix, dpi_of(pix))) {
			break;
		}
	}
	ocr_close(&ocr);
	return 0;
}
