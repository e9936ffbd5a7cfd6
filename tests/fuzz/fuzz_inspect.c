/* libFuzzer target: the whole reading of a message (MIME, charsets, HTML,
 * letter metadata, reply text and commands) and its JSON, on arbitrary
 * bytes.  PDF reading is left out: poppler is not ours to fuzz. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "congvan/inspect.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct message_classify_opts opts = {
	    "8f3c0a9b2d", "congvan@congvan.test", "CV"};
	struct inspection in;
	char *json;

	inspect_message((const char *)data, size, &opts, NULL, &in);
	json = inspect_json(&in);
	free(json);
	inspect_free(&in);
	return 0;
}
