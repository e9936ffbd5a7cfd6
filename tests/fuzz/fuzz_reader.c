/* libFuzzer target: the parser of congvan-reader's result, which comes
 * from a process that read hostile documents. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "congvan/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader_result r;
	char *err = NULL;

	if (reader_result_parse((const char *)data, size, &r, &err) < 0) {
		free(err);
	}
	reader_result_release(&r);
	return 0;
}
