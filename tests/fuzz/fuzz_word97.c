/* libFuzzer target: the text of a binary Word file (.doc) from its
 * WordDocument and table streams (reader_word97_table,
 * reader_word97_text), which congvan-reader takes out of attachments
 * anyone may send.  The input: the WordDocument stream's length (32 bits,
 * little end), that stream, then the table stream.  Each stream is
 * copied into a buffer of its own size, so that reading past one is
 * seen. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/reader.h"
#include "congvan/text.h"
#include "congvan/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *word, *table, *text = NULL, *why = NULL;
	const char *name;
	size_t n;
	int rc;

	if (size < 4) {
		return 0;
	}
	n = (size_t)data[0] | (size_t)data[1] << 8 | (size_t)data[2] << 16 |
	    (size_t)data[3] << 24;
	data += 4;
	size -= 4;
	n = n < size ? n : size;
	word = xmalloc(n ? n : 1);
	table = xmalloc(size - n ? size - n : 1);
	memcpy(word, data, n);
	memcpy(table, data + n, size - n);
	name = reader_word97_table(word, n, &why);
	/* a name, or a reason: never both, never neither */
	if (!name == !why) {
		abort();
	}
	FREE_AND_NULL(why);
	rc = reader_word97_text(word, n, table, size - n, &text, &why);
	/* text: not empty, within the limit, valid UTF-8, from a header
	 * that names a table stream; else a reason and nothing else */
	if (rc == 0 && (!text || !*text || why || !name ||
			strlen(text) > READER_PAGE_MAX ||
			!text_utf8_valid(text, strlen(text)))) {
		abort();
	}
	if (rc != 0 && (rc != -1 || text || !why)) {
		abort();
	}
	free(text);
	free(why);
	free(table);
	free(word);
	return 0;
}
