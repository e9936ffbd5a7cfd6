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

/* Grey ink lighter than this goes from a page scanned in grey, below its
 * header, when the page has black ink. */
#define INK_GREY     70
#define INK_BLACK    40
#define HEADER_SHARE 35 /* percent of the page's height kept as it is */
#define CHROMA       48 /* max - min of R, G, B that makes a pixel coloured */

/* Whether a 32-bit page holds colour: one pixel in a thousand, enough for
 * a stamp. */
static bool coloured(PIX *pix)
{
	const l_uint32 *data = pixGetData(pix);
	int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
	size_t n = 0;

	for (int y = 0; y < h; y += 2) {
		const l_uint32 *line = data + (size_t)y * wpl;

		for (int x = 0; x < w; x += 2) {
			l_int32 r, g, b, max, min;

			extractRGBValues(line[x], &r, &g, &b);
			max = r > g ? (r > b ? r : b) : (g > b ? g : b);
			min = r < g ? (r < b ? r : b) : (g < b ? g : b);
			n += max - min > CHROMA;
		}
	}
	return n * 1000 > (size_t)((w / 2) * (h / 2));
}

/* A red stamp scanned in grey turns a middle grey, and hides the
 * signature block from Tesseract's layout analysis: when the page has
 * black ink, lighter greys below the header are taken for paper. */
static void drop_light_grey(PIX *pix)
{
	l_uint32 *data = pixGetData(pix);
	int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
	size_t black = 0;

	for (int y = 0; y < h; y++) {
		const l_uint32 *line = data + (size_t)y * wpl;

		for (int x = 0; x < w; x++) {
			black += GET_DATA_BYTE(line, x) < INK_BLACK;
		}
	}
	if (black * 200 < (size_t)w * h) {
		return; /* under 0.5 %: faint ink, leave it */
	}
	for (int y = h * HEADER_SHARE / 100; y < h; y++) {
		l_uint32 *line = data + (size_t)y * wpl;

		for (int x = 0; x < w; x++) {
			if (GET_DATA_BYTE(line, x) >= INK_GREY) {
				SET_DATA_BYTE(line, x, 255);
			}
		}
	}
}

PIX *ocr_grey(PIX *pix)
{
	PIX *full = NULL, *grey;
	bool from_grey = true;

	if (pixGetColormap(pix)) {
		full = pixRemoveColormap(pix, REMOVE_CMAP_TO_FULL_COLOR);
		pix = full;
		if (!pix) {
			return NULL;
		}
	}
	switch (pixGetDepth(pix)) {
	case 1:
		grey = pixClone(pix);
		from_grey = false;
		break;
	case 8:
		grey = pixCopy(NULL, pix);
		break;
	case 32:
		/* In colour, the red channel: red ink (the stamp) turns
		 * light, black and blue stay dark. */
		from_grey = !coloured(pix);
		grey = pixConvertRGBToGray(pix, 1.0f, 0.0f, 0.0f);
		break;
	default:
		grey = pixConvertTo8(pix, 0);
		break;
	}
	pixDestroy(&full);
	if (grey && from_grey && pixGetDepth(grey) == 8) {
		drop_light_grey(grey);
	}
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
