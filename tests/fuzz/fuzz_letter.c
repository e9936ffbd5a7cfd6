/* libFuzzer target: the official-letter parser on arbitrary text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/letter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct letter l;
	struct letter_deadline d;
	char *text = malloc(size + 1);

	/* The parser takes text with a length, not a C string: no NUL. */
	memcpy(text, data, size);
	text[size] = '\0';
	letter_parse(text, size, &l);
	letter_free(&l);
	letter_find_deadline(text, size, &d);
	letter_deadline_release(&d);
	free(text);
	return 0;
}
