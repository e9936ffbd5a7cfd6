/* A message's documents (PDF, image, DOCX, ODT and DOC attachments) read by
 * congvan-reader, within one time budget for the whole message: the
 * letter from the first document that holds one (its text layer, else
 * OCR), which of its fields came from OCR, and the signatures of every
 * signed PDF. */
#include <stdlib.h>
#include <string.h>

#include "congvan/log.h"
#include "congvan/mime.h"
#include "congvan/text.h"
#include "congvan/util.h"
#include "private.h"

static const char *const reading_names[INSPECT_READING_COUNT] = {
    [INSPECT_NOT_READ] = "",     [INSPECT_READ_TEXT] = "text",
    [INSPECT_READ_OCR] = "ocr",  [INSPECT_TIME_LIMIT] = "time-limit",
    [INSPECT_NO_OCR] = "no-ocr", [INSPECT_UNREADABLE] = "unreadable",
};

static const char *const field_names[INSPECT_F_COUNT] = {
    "number",  "issuer",     "date",   "place",
    "subject", "recipients", "signer", "deadline",
};

const char *inspect_reading_name(enum inspect_reading how)
{
	return (unsigned)how < INSPECT_READING_COUNT ? reading_names[how] : "";
}

const char *inspect_field_name(unsigned index)
{
	return index < INSPECT_F_COUNT ? field_names[index] : NULL;
}

const struct mime_attachment *inspect_attachment(const struct inspection *in,
						 size_t index)
{
	for (const struct mime_doc *d = &in->doc; d; d = d->forwarded) {
		if (index < d->n_attachments) {
			return &d->attachments[index];
		}
		index -= d->n_attachments;
	}
	return NULL;
}

void inspect_reads_init(struct inspection *in)
{
	size_t n = 0;

	for (const struct mime_doc *d = &in->doc; d; d = d->forwarded) {
		n += d->n_attachments;
	}
	in->n_reads = n;
	in->reads = n ? xcalloc(n, sizeof(*in->reads)) : NULL;
	for (size_t i = 0; i < n; i++) {
		in->reads[i].confidence = -1;
	}
}

void inspect_reads_free(struct inspection *in)
{
	for (size_t i = 0; i < in->n_reads; i++) {
		free(in->reads[i].note);
		reader_result_release(&in->reads[i].result);
	}
	FREE_AND_NULL(in->reads);
	in->n_reads = 0;
}

/* --- running the reader ----------------------------------------------------
 */

static bool is_document(const struct mime_attachment *a)
{
	return a && a->data &&
	       (reader_is_pdf(a->data, a->size) ||
		reader_is_image(a->data, a->size) ||
		reader_office_kind(a->data, a->size));
}

static void set_note(struct inspect_read *r, char *note)
{
	free(r->note);
	r->note = note;
}

/* What came back, judged: text, OCR, or why nothing. */
static void judge(struct inspect_read *r, enum reader_outcome outcome,
		  char *why)
{
	const struct reader_result *res = &r->result;
	bool ocr = false;

	for (size_t i = 0; i < res->n_page; i++) {
		if (res->page[i].source == READER_SOURCE_OCR) {
			ocr = true;
			if (r->confidence < 0 ||
			    res->page[i].confidence < r->confidence) {
				r->confidence = res->page[i].confidence;
			}
		}
	}
	if (res->n_page > 0) {
		r->how = ocr ? INSPECT_READ_OCR : INSPECT_READ_TEXT;
		if (outcome == READER_CUT) {
			set_note(r, xstrdup("cut short by the time limit"));
		}
	} else if (outcome == READER_CUT) {
		r->how = INSPECT_TIME_LIMIT;
	} else if (res->no_ocr) {
		r->how = INSPECT_NO_OCR;
		set_note(r, xstrdup(res->no_ocr));
	} else if (res->no_text && outcome == READER_OK) {
		r->how = INSPECT_UNREADABLE;
		set_note(r, xstrdup(res->no_text));
	} else {
		r->how = INSPECT_UNREADABLE;
		set_note(r, why ? xstrdup(why)
			    : outcome == READER_NOT_FOUND
				? xstrdup("congvan-reader is not installed")
			    : outcome == READER_NOT_READABLE
				? xstrdup("not a document the reader reads")
			    : res->kind[0] ? xstrdup("no text in it")
					   : xstrdup("the reader failed"));
	}
}

/* Runs the reader on attachment i unless the budget is spent. */
static void read_one(struct inspection *in, const struct reader_opts *opts,
		     int64_t deadline, size_t i)
{
	const struct mime_attachment *a = inspect_attachment(in, i);
	struct inspect_read *r = &in->reads[i];
	int64_t left = deadline - reader_now_ms();
	enum reader_outcome outcome;
	char *why = NULL;

	r->wanted = true;
	if (left <= 0) {
		r->how = INSPECT_TIME_LIMIT;
		return;
	}
	outcome =
	    reader_run(opts, a->data, a->size, (int)left, &r->result, &why);
	if (outcome == READER_FAILED || outcome == READER_NOT_FOUND) {
		log_warnx("attachment '%s' could not be read: %s",
			  a->filename ? a->filename : "(no name)",
			  why ? why : "congvan-reader is not installed");
	}
	judge(r, outcome, why);
	free(why);
}

/* --- the letter ------------------------------------------------------------
 */

static int by_page(const void *a, const void *b)
{
	const struct reader_page *x = a, *y = b;

	return (x->number > y->number) - (x->number < y->number);
}

/* The pages' text in page order, NFC, pages apart by a form feed; OCR
 * pages left out unless with_ocr. */
static char *joined(struct reader_result *res, bool with_ocr)
{
	struct sbuf sb = SBUF_INIT(READER_OUTPUT_MAX);
	char *nfc;

	qsort(res->page, res->n_page, sizeof(*res->page), by_page);
	for (size_t i = 0; i < res->n_page; i++) {
		if (!with_ocr && res->page[i].source == READER_SOURCE_OCR) {
			continue;
		}
		if (sb.len) {
			sbuf_adds(&sb, "\n\f\n");
		}
		sbuf_adds(&sb, res->page[i].text);
	}
	nfc = text_nfc(sbuf_str(&sb), sb.len);
	sbuf_release(&sb);
	return nfc;
}

static bool differs(const char *got, const char *without)
{
	return got && (!without || strcmp(got, without) != 0);
}

static bool list_differs(char *const *got, char *const *without)
{
	size_t i = 0;

	for (; got[i] && without[i]; i++) {
		if (strcmp(got[i], without[i]) != 0) {
			return true;
		}
	}
	return got[i] != NULL;
}

/* Which fields of l the OCR pages gave: those that reading without
 * them does not give alike. */
static unsigned ocr_fields(const struct letter *l, const char *text_only)
{
	struct letter t;
	unsigned bits = 0;
	bool found = letter_parse(text_only, strlen(text_only), &t);
	const char *const got[] = {l->number, l->issuer, l->date, l->place,
				   l->subject};
	const char *const wo[] = {t.number, t.issuer, t.date, t.place,
				  t.subject};

	(void)found;
	for (size_t i = 0; i < ARRAY_SIZE(got); i++) {
		if (differs(got[i], wo[i])) {
			bits |= 1u << i;
		}
	}
	if (list_differs(l->recipients, t.recipients)) {
		bits |= INSPECT_F_RECIPIENTS;
	}
	if (differs(l->signer, t.signer)) {
		bits |= INSPECT_F_SIGNER;
	}
	if (differs(l->deadline, t.deadline)) {
		bits |= INSPECT_F_DEADLINE;
	}
	letter_free(&t);
	return bits;
}

/* Whether a letter read from a document takes the place of the one the
 * mail's text gave: always when there is none; over a letter without a
 * number (a formal covering note: "Kính gửi: Văn phòng" / "V/v: gửi
 * Công văn số ..."), when the document's has its number and date. */
static bool replaces(const struct inspection *in, const struct letter *doc)
{
	return !in->letter_source ||
	       (!in->letter.symbol && doc->symbol && doc->date);
}

/* The letter in attachment i's pages, with the OCR's share of it. */
static bool letter_in(struct inspection *in, size_t i)
{
	struct inspect_read *r = &in->reads[i];
	struct letter doc;
	char *text;
	bool found;

	if (r->result.n_page == 0) {
		return false;
	}
	text = joined(&r->result, true);
	found = letter_parse(text, strlen(text), &doc);
	free(text);
	if (!found || !replaces(in, &doc)) {
		letter_free(&doc);
		return false;
	}
	letter_free(&in->letter);
	in->letter = doc;
	if (r->how == INSPECT_READ_OCR) {
		text = joined(&r->result, false);
		in->letter_ocr = ocr_fields(&in->letter, text);
		in->letter_ocr_confidence = in->letter_ocr ? r->confidence : -1;
		free(text);
	}
	in->letter_source = !strcmp(r->result.kind, "image")  ? "image"
			    : !strcmp(r->result.kind, "docx") ? "docx"
			    : !strcmp(r->result.kind, "odt")  ? "odt"
			    : !strcmp(r->result.kind, "doc")  ? "doc"
							      : "pdf";
	return true;
}

void inspect_documents(struct inspection *in, const struct reader_opts *opts,
		       bool want_letter)
{
	int seconds =
	    opts->time_limit > 0 ? opts->time_limit : READER_TIME_LIMIT_DEFAULT;
	int64_t deadline = reader_now_ms() + (int64_t)seconds * 1000;
	struct reader_opts sigs_only;

	for (size_t i = 0; want_letter && i < in->n_reads; i++) {
		if (!is_document(inspect_attachment(in, i))) {
			continue;
		}
		read_one(in, opts, deadline, i);
		if (letter_in(in, i)) {
			want_letter = false;
		}
	}
	/* Signatures of the signed PDFs not read yet: no text, no OCR. */
	sigs_only = *opts;
	sigs_only.signatures_only = true;
	for (size_t i = 0; i < in->n_reads; i++) {
		const struct mime_attachment *a = inspect_attachment(in, i);

		if (!in->reads[i].wanted && a->data &&
		    reader_pdf_is_signed(a->data, a->size)) {
			read_one(in, &sigs_only, deadline, i);
			if (in->reads[i].how != INSPECT_TIME_LIMIT) {
				in->reads[i].how = INSPECT_NOT_READ;
				FREE_AND_NULL(in->reads[i].note);
			}
		}
	}
}
