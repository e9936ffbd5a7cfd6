/* Private to the inspect module. */
#ifndef CONGVAN_INSPECT_PRIVATE_H
#define CONGVAN_INSPECT_PRIVATE_H

#include <stdbool.h>

#include "congvan/inspect.h"

/* --- documents.c ------------------------------------------------------ */

/* One inspect_read per attachment of in->doc and its forwards. */
void inspect_reads_init(struct inspection *in);
void inspect_reads_free(struct inspection *in);

/* Reads in's documents within one time budget (opts->time_limit): with
 * want_letter, PDF and image attachments in order until one holds a
 * letter (into in->letter, letter_source, letter_ocr; over a letter
 * already there only when that has no number and the document's has its
 * number and date); then the signatures of every signed PDF not read
 * yet. */
void inspect_documents(struct inspection *in, const struct reader_opts *opts,
		       bool want_letter);

#endif
