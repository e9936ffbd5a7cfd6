/* Reading untrusted documents (PDF, JPEG, PNG, TIFF, DOCX, ODT, DOC) in
 * a separate, sandboxed executable, congvan-reader: the text of each page
 * from the PDF's text layer or by OCR (Tesseract), the PDF's digital
 * signatures (poppler, NSS), the text of a word processor's file (its
 * ZIP archive opened by libarchive, a binary Word file's OLE2 container
 * by libgsf).  Only congvan-reader links poppler, cairo, glib, Tesseract,
 * Leptonica, NSS, libarchive and libgsf; congvan runs it with memory,
 * CPU and time limits, hands it the document on standard input and reads
 * a small, versioned, length-bounded result on its standard output.
 *
 * The result, version 1.  A first line "congvan-reader 1", then records:
 * a header line of space-separated tokens (printable ASCII, at most
 * READER_LINE_MAX bytes with its "\n") whose last token is LEN, then LEN
 * bytes of payload, then "\n":
 *
 *   doc KIND PAGES LEN        KIND pdf | image | docx | odt | doc;
 *                             PAGES the page count (1 for docx, odt
 *                             and doc: their text is one page record)
 *   page N SOURCE CONF LEN    page N (from 1): SOURCE text | ocr, CONF
 *                             0-100 (the OCR's mean word confidence; 100
 *                             for a text layer); payload its text
 *   nocr LEN                  OCR could not run; payload says why
 *   notext LEN                after doc: the document's text cannot be
 *                             read (an encrypted or broken doc);
 *                             payload says why
 *   sig N STATUS CERT TIME LATER LEN
 *                             signature N (from 1): STATUS and CERT as in
 *                             reader_sig_status_name / reader_cert_name,
 *                             TIME the signing time (Unix seconds, 0 when
 *                             unknown), LATER 1 when the document was
 *                             changed after every signature (bytes no
 *                             signature covers), else 0; payload the
 *                             signer's name
 *   end 0                     the reader finished
 *
 * A result without "end" was cut short (time limit, crash): the records
 * before the cut are kept. */
#ifndef CONGVAN_READER_H
#define CONGVAN_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define READER_VERSION    1
#define READER_LINE_MAX   128
#define READER_PAGE_MAX   (1u << 20)  /* bytes of text of one page */
#define READER_NAME_MAX   512         /* a signer's name, a reason */
#define READER_PAGES_MAX  256         /* page records in one result */
#define READER_SIGS_MAX   32          /* signature records */
#define READER_OUTPUT_MAX (4u << 20)  /* the whole result */
#define READER_INPUT_MAX  (64u << 20) /* the document */
/* [letters] ocr_pages: pages of one document read by OCR (the first
 * ones and the last). */
#define READER_OCR_PAGES_DEFAULT 2
#define READER_OCR_PAGES_MAX     50
/* [letters] time_limit: one budget of wall-clock seconds for every
 * document of one message. */
#define READER_TIME_LIMIT_DEFAULT 30
#define READER_TIME_LIMIT_MAX     600

enum reader_source {
	READER_SOURCE_TEXT,
	READER_SOURCE_OCR,
};

/* How a signature's check came out. */
enum reader_sig_status {
	READER_SIG_VALID,     /* the signature matches the signed bytes */
	READER_SIG_INVALID,   /* it does not (a forged or broken one) */
	READER_SIG_ALTERED,   /* the signed bytes changed after signing */
	READER_SIG_MALFORMED, /* no readable CMS signature */
	READER_SIG_UNSIGNED,  /* a signature field nobody signed */
	READER_SIG_ERROR,     /* it could not be checked */
	READER_SIG_COUNT
};

/* The signer's certificate against the trust anchors. */
enum reader_cert {
	READER_CERT_TRUSTED,   /* chains to an anchor of [letters] trust */
	READER_CERT_UNTRUSTED, /* chains to none of them */
	READER_CERT_EXPIRED,   /* outside its validity when signed */
	READER_CERT_REVOKED,
	READER_CERT_ERROR,     /* could not be checked */
	READER_CERT_UNCHECKED, /* not checked (the signature is not valid) */
	READER_CERT_COUNT
};

struct reader_page {
	int number; /* from 1 */
	enum reader_source source;
	int confidence; /* 0-100 */
	char *text;     /* as the reader wrote it (not checked for UTF-8) */
};

struct reader_signature {
	enum reader_sig_status status;
	enum reader_cert cert;
	int64_t signed_at;  /* Unix seconds; 0 when unknown */
	bool changed_after; /* bytes added after every signature */
	char *signer;       /* "" when unknown */
};

struct reader_result {
	char kind[8]; /* "pdf", "image", "docx", "odt", "doc"; "" before
		       * a doc record */
	int pages;    /* the document's page count */
	struct reader_page *page;
	size_t n_page;
	char *no_ocr;  /* why OCR could not run; NULL */
	char *no_text; /* why the document's text cannot be read; NULL */
	struct reader_signature *sig;
	size_t n_sig;
	bool complete; /* the "end" record was read */
};

/* The protocol's words (one owner): "text", "ocr"; "valid", "invalid",
 * "altered", "malformed", "unsigned", "error"; "trusted", "untrusted",
 * "expired", "revoked", "error", "unchecked".  The *_parse functions
 * return -1 for an unknown word. */
const char *reader_source_name(enum reader_source s);
const char *reader_sig_status_name(enum reader_sig_status s);
const char *reader_cert_name(enum reader_cert c);
int reader_sig_status_parse(const char *s);
int reader_cert_parse(const char *s);

/* Parses len bytes of a reader's output (untrusted: any bytes are safe).
 * A result cut short after whole records is read, with complete false.
 * Returns 0, or -1 with *error_r when the output is not a version-1
 * result or breaks its limits; *result_r is then empty.  Release with
 * reader_result_release (also after -1). */
int reader_result_parse(const char *buf, size_t len,
			struct reader_result *result_r, char **error_r);
void reader_result_release(struct reader_result *r);

/* How to run the reader. */
struct reader_opts {
	const char *path;     /* the executable; NULL: reader_find_path() */
	int ocr_pages;        /* [letters] ocr_pages; 0: the default */
	const char *trust;    /* [letters] trust: a folder; NULL: none */
	bool signatures_only; /* check signatures; read no text */
	int time_limit;       /* [letters] time_limit, seconds for all the
			       * documents of one message; 0: the default */
};

/* Where congvan-reader is: "congvan-reader" beside the running binary (a
 * source tree), else the compiled-in folder (PREFIX/lib/congvan).
 * Borrowed, valid for the process's life; NULL when neither exists. */
const char *reader_find_path(void);

enum reader_outcome {
	READER_OK,           /* a complete result */
	READER_CUT,          /* the time limit cut it short (partial result) */
	READER_FAILED,       /* the reader crashed, broke limits, or wrote a
			      * bad result (partial result possible) */
	READER_NOT_FOUND,    /* no congvan-reader to run */
	READER_NOT_READABLE, /* the reader says it is no document it reads */
};

/* Runs the reader on data (a PDF or an image) in a child process: a new
 * session, RLIMIT_AS 1 GiB, RLIMIT_CPU and a wall-clock limit of
 * timeout_ms, the output capped at READER_OUTPUT_MAX, standard error to
 * /dev/null.  *result_r holds whatever whole records came back
 * (release it in every case).  *error_r (may be NULL) says what went
 * wrong for READER_FAILED. */
enum reader_outcome reader_run(const struct reader_opts *opts, const char *data,
			       size_t len, int timeout_ms,
			       struct reader_result *result_r, char **error_r);

/* Milliseconds of a monotonic clock, for budgets. */
int64_t reader_now_ms(void);

/* Cheap tests on an attachment's bytes: a PDF ("%PDF-" in the first
 * KiB), one that holds a signature ("/ByteRange" anywhere), an image
 * the reader reads (JPEG, PNG, TIFF by their magic numbers). */
bool reader_is_pdf(const char *data, size_t len);
bool reader_pdf_is_signed(const char *data, size_t len);
bool reader_is_image(const char *data, size_t len);
/* A letter typed in a word processor: "docx" (Word's Office Open XML) or
 * "odt" (OpenDocument Text, LibreOffice) when data is such a ZIP
 * archive, "doc" (binary Word 97-2003) when it is an OLE2 compound file
 * (congvan-reader refuses those without a WordDocument stream: .xls,
 * .ppt), else NULL.  Static. */
const char *reader_office_kind(const char *data, size_t len);

/* The largest main XML part of a DOCX or ODT that is read; for a DOC,
 * the largest stream (WordDocument, table) and the most bytes of text
 * read from its pieces. */
#define READER_OFFICE_XML_MAX (32u << 20)

/* The text of a DOCX's word/document.xml (odt: an ODT's content.xml), as
 * congvan-reader takes it out of the archive: paragraphs on lines of
 * their own, what the printed letter does not show left out (text
 * deleted under tracked changes, field codes, comments).  NULL when it
 * is not such a part or holds no text; text before a malformation is
 * kept.  Caller frees. */
char *reader_office_text(const char *xml, size_t len, bool odt);

/* A binary Word document (.doc, Word 97-2003), from two streams of its
 * OLE2 container, which congvan-reader opens: the name of the table
 * stream ("0Table" or "1Table") that word, the WordDocument stream,
 * names in its header (FIB); NULL with *error_r (caller frees) when
 * word is no Word 97-2003 document or is encrypted.  Static. */
const char *reader_word97_table(const char *word, size_t len, char **error_r);
/* The text of the main document, found through the piece table in table
 * (that stream): paragraphs and table cells on lines of their own, a
 * field's result without its code, text deleted under tracked changes
 * (its character properties say so) and other control characters left
 * out; at most READER_PAGE_MAX bytes (READER_OFFICE_XML_MAX bytes of
 * the stream read).  Text before a malformation (a piece outside the
 * stream) is kept.  0 with *text_r (caller frees), or -1 with *error_r
 * (caller frees) when there is no text to read. */
int reader_word97_text(const char *word, size_t word_len, const char *table,
		       size_t table_len, char **text_r, char **error_r);

#endif
