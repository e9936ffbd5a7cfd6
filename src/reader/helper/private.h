/* Inside congvan-reader only: the executable that reads untrusted
 * documents for congvan (include/congvan/reader.h has the result it
 * writes).  Nothing here is linked into congvan. */
#ifndef CONGVAN_READER_HELPER_PRIVATE_H
#define CONGVAN_READER_HELPER_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "congvan/reader.h"

struct Pix;

#define EXIT_NOT_READABLE 65 /* EX_DATAERR */
#define EXIT_INTERNAL     70 /* EX_SOFTWARE */

/* What the reader was asked. */
struct job {
	const char *data;
	size_t len;
	int ocr_pages;        /* pages read by OCR: the first ones, the last */
	const char *trust;    /* the trust anchors' folder; NULL */
	bool signatures_only; /* no text, no OCR */
};

/* --- emit.c: the result on standard output, flushed record by record,
 * so that what was written survives a kill at the time limit. */
void emit_start(void);
void emit_doc(const char *kind, int pages);
/* Cuts text at READER_PAGE_MAX bytes (on a character boundary); skips
 * the page once the result would pass READER_OUTPUT_MAX. */
void emit_page(int number, enum reader_source source, int confidence,
	       const char *text);
void emit_no_ocr(const char *why);
/* After emit_doc: why the document's text cannot be read. */
void emit_no_text(const char *why);
void emit_sig(int number, enum reader_sig_status status, enum reader_cert cert,
	      int64_t signed_at, bool changed_after, const char *signer);
void emit_end(void);

/* --- ocr.c: Tesseract, loaded on the first page that needs it. */
struct ocr;
/* 0, or -1 with *why_r (caller frees) when Tesseract or its Vietnamese
 * data cannot be loaded. */
int ocr_open(struct ocr **ocr_r, char **why_r);
/* Recognises pix (8-bit grey or 1-bit) scanned at dpi.  Caller frees
 * *text_r. */
int ocr_page(struct ocr *ocr, struct Pix *pix, int dpi, char **text_r,
	     int *confidence_r);
void ocr_close(struct ocr **ocr);
/* The OCR's input from a page image of any depth: 8-bit grey taken from
 * the red channel, so that a red stamp over the signature fades and
 * black and blue ink stay dark.  NULL on failure; caller destroys. */
struct Pix *ocr_grey(struct Pix *pix);

/* Reads page numbers wanted for OCR out of n pages: the first
 * ocr_pages - 1 and the last, in the order first, last, the others.
 * Returns how many were put into out (at most max). */
size_t ocr_page_order(int n, int ocr_pages, int *out, size_t max);

/* --- pdf.c, image.c, office.c, doc.c: one document each, 0 or an exit
 * status. */
int pdf_read(const struct job *job);
int image_read(const struct job *job);
/* kind: "docx" or "odt", as reader_office_kind says. */
int office_read(const struct job *job, const char *kind);
/* doc.c: a binary Word file ("doc" for reader_office_kind). */
int doc_read(const struct job *job);

/* --- signed.c: the signatures of an open PopplerDocument. */
struct _PopplerDocument;
void signatures_read(struct _PopplerDocument *doc, const struct job *job);

/* OCR for one page image (taking pix): emits the page, or the reason
 * OCR cannot run (once).  false once OCR is known not to run. */
bool ocr_emit(struct ocr **ocr, bool *tried, int number, struct Pix *pix,
	      int dpi);

#endif
