/* libFuzzer target: reply trimming and command parsing on arbitrary text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "congvan/reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reply_parsed p;
	char *text = reply_trim((const char *)data, size);

	reply_parse(text, &p);
	reply_parsed_free(&p);
	free(text);
	return 0;
}
