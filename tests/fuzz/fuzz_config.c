/* libFuzzer target: the configuration parser on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "congvan/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg = {0};
	char *err = NULL;

	if (config_load_buffer("fuzz.conf", (const char *)data, size, &cfg,
			       &err) == 0) {
		config_free(&cfg);
	}
	free(err);
	return 0;
}
