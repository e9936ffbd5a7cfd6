/* Tesseract through its C API (tesseract/capi.h) on Leptonica images.
 * One engine per process, loaded with the Vietnamese model ("vie"), which
 * reads the Latin letters of English and of numbers and symbols too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <tesseract/capi.h>
#pragma GCC diagnostic pop

#include "congvan/util.h"
#include "private.h"

#define OCR_LANGUAGE "vie"

struct ocr {
	TessBaseAPI *api;
};

int ocr_open(struct ocr **ocr_r, char **why_r)
{
	TessBaseAPI *api = TessBaseAPICreate();

	*ocr_r = NULL;
	/* NULL data path: TESSDATA_PREFIX, else where Debian puts it. */
	if (!api || TessBaseAPIInit3(api, NULL, OCR_LANGUAGE) != 0) {
		if (api) {
			TessBaseAPIDelete(api);
		}
		*why_r = xstrdup("Tesseract could not load its Vietnamese"
				 " language data (vie.traineddata, Debian"
				 " package tesseract-ocr-vie)");
		return -1;
	}
	TessBaseAPISetPageSegMode(api, PSM_AUTO);
	/* Trying every line again as white on black costs a third more
	 * time and letters are black on white. */
	TessBaseAPISetVariable(api, "tessedit_do_invert", "0");
	*ocr_r = xcalloc(1, sizeof(**ocr_r));
	(*ocr_r)->api = api;
	return 0;
}

int ocr_page(struct ocr *ocr, PIX *pix, int dpi, char **text_r,
	     int *confidence_r)
{
	char *text;

	*text_r = NULL;
	*confidence_r = 0;
	TessBaseAPISetImage2(ocr->api, pix);
	TessBaseAPISetSourceResolution(ocr->api, dpi);
	if (TessBaseAPIRecognize(ocr->api, NULL) != 0) {
		TessBaseAPIClear(ocr->api);
		return -1;
	}
	text = TessBaseAPIGetUTF8Text(ocr->api);
	*confidence_r = TessBaseAPIMeanTextConf(ocr->api);
	*text_r = xstrdup(text ? text : "");
	TessDeleteText(text);
	TessBaseAPIClear(ocr->api);
	return 0;
}

void ocr_close(struct ocr **ocr)
{
	if (*ocr) {
		TessBaseAPIEnd((*ocr)->api);
		TessBaseAPIDelete((*ocr)->api);
		FREE_AND_NULL(*ocr);
	}
}

PIX *ocr_grey(PIX *pix)
{
	PIX *full = NULL, *grey;

	if (pixGetColormap(pix)) {
		full = pixRemoveColormap(pix, REMOVE_CMAP_TO_FULL_COLOR);
		pix = full;
		if (!pix) {
			return NULL;
		}
	}
	switch (pixGetDepth(pix)) {
	case 1:
	case 8:
		grey = pixClone(pix);
		break;
	case 32:
		/* The red channel: red ink (the stamp) turns light. */
		grey = pixConvertRGBToGray(pix, 1.0f, 0.0f, 0.0f);
		break;
	default:
		grey = pixConvertTo8(pix, 0);
		break;
	}
	pixDestroy(&full);
	return grey;
}

size_t ocr_page_order(int n, int ocr_pages, int *out, size_t max)
{
	size_t k = 0;

	if (n <= 0 || ocr_pages <= 0 || max == 0) {
		return 0;
	}
	out[k++] = 1;
	if (ocr_pages >= 2 && n >= 2 && k < max) {
		out[k++] = n;
	}
	for (int p = 2; p < n && (int)k < ocr_pages && k < max; p++) {
		out[k++] = p;
	}
	return k;
}

bool ocr_emit(struct ocr **ocr, bool *tried, int number, PIX *pix, int dpi)
{
	PIX *grey = NULL;
	char *text = NULL, *why = NULL;
	int conf = 0;

	if (!*ocr && !*tried) {
		*tried = true;
		if (ocr_open(ocr, &why) < 0) {
			emit_no_ocr(why);
			free(why);
		}
	}
	if (!*ocr) {
		pixDestroy(&pix);
		return false;
	}
	grey = ocr_grey(pix);
	if (grey && ocr_page(*ocr, grey, dpi, &text, &conf) == 0) {
		emit_page(number, READER_SOURCE_OCR, conf, text);
	}
	free(text);
	pixDestroy(&grey);
	pixDestroy(&pix);
	return true;
}
