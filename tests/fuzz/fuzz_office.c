/* libFuzzer target: the text of a DOCX's or an ODT's main XML part
 * (reader_office_text), which congvan-reader reads out of attachments
 * anyone may send.  The first byte chooses the kind. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (size < 1) {
		return 0;
	}
	text =
	    reader_office_text((const char *)data + 1, size - 1, data[0] & 1);
	/* never an empty text: NULL stands for none */
	if (text && !*text) {
		abort();
	}
	free(text);
	return 0;
}
