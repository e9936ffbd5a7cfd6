/* congvan-reader: reads one document (PDF, image, DOCX, ODT or DOC) on
 * standard input and writes what it says, as include/congvan/reader.h
 * describes, on standard output.  congvan runs it in a sandbox for every
 * attachment it reads.
 *
 *   congvan-reader [--ocr-pages N] [--trust DIR] [--signatures-only]
 *                  < DOCUMENT
 *
 * Exit status 0 with a result, 65 when the input is no document it reads,
 * 64 on bad arguments, 70 when something inside failed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <leptonica/allheaders.h>

#include "congvan/util.h"
#include "private.h"

#ifdef __SANITIZE_ADDRESS__
/* poppler, glib and Tesseract keep caches for the life of the process;
 * their leaks are not ours to report. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "detect_leaks=0";
}
#endif

static int usage(void)
{
	fputs("usage: congvan-reader [--ocr-pages N] [--trust DIR]"
	      " [--signatures-only] < DOCUMENT\n",
	      stderr);
	return 64;
}

static int parse_args(int argc, char **argv, struct job *job)
{
	for (int i = 1; i < argc; i++) {
		long n;

		if (!strcmp(argv[i], "--ocr-pages") && i + 1 < argc &&
		    str_to_long(argv[i + 1], 1, READER_OCR_PAGES_MAX, &n) ==
			0) {
			job->ocr_pages = (int)n;
			i++;
		} else if (!strcmp(argv[i], "--signatures-only")) {
			job->signatures_only = true;
		} else if (!strcmp(argv[i], "--trust") && i + 1 < argc) {
			job->trust = argv[++i];
		} else {
			return -1;
		}
	}
	return 0;
}

/* Standard input, whole; NULL when it is empty or too large. */
static char *read_input(size_t *len_r)
{
	struct sbuf sb = SBUF_INIT(READER_INPUT_MAX);
	char buf[65536];
	ssize_t n;

	while ((n = read(0, buf, sizeof(buf))) > 0) {
		sbuf_add(&sb, buf, (size_t)n);
		if (sb.overflow) {
			break;
		}
	}
	if (n < 0 || sb.overflow || sb.len == 0) {
		sbuf_release(&sb);
		return NULL;
	}
	*len_r = sb.len;
	return sbuf_detach(&sb);
}

int main(int argc, char **argv)
{
	struct job job = {.ocr_pages = READER_OCR_PAGES_DEFAULT};
	const char *kind;
	char *data;
	int rc;

	if (parse_args(argc, argv, &job) < 0) {
		return usage();
	}
	setMsgSeverity(L_SEVERITY_NONE);
	data = read_input(&job.len);
	if (!data) {
		return EXIT_NOT_READABLE;
	}
	job.data = data;
	kind = reader_office_kind(data, job.len);
	if (reader_is_pdf(data, job.len)) {
		emit_start();
		rc = pdf_read(&job);
	} else if (reader_is_image(data, job.len)) {
		emit_start();
		rc = image_read(&job);
	} else if (kind && !strcmp(kind, "doc") && !job.signatures_only) {
		rc = doc_read(&job);
	} else if (kind && !job.signatures_only) {
		emit_start();
		rc = office_read(&job, kind);
	} else {
		rc = EXIT_NOT_READABLE;
	}
	if (rc == 0) {
		emit_end();
	}
	free(data);
	return rc;
}
