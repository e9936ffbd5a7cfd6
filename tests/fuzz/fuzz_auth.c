/* libFuzzer target: Authentication-Results fields and the verdict on
 * them.  The input is split at the first NUL: the field's value, then
 * the From address. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/auth.h"
#include "congvan/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const trusted[] = {"mx.bo.gov.vn"};
	const char *nul = memchr(data, '\0', size);
	size_t vlen = nul ? (size_t)(nul - (const char *)data) : size;
	char *value = xstrndup((const char *)data, vlen);
	char *from = nul ? xstrndup(nul + 1, size - vlen - 1)
			 : xstrdup("truong.pc@bo.gov.vn");
	const char *values[] = {value};
	struct auth_results ar;
	char how[160];

	auth_results_parse((const char *)data, vlen, &ar);
	auth_from_results(values, 1, trusted, 1, from, "bo.gov.vn", how);
	auth_aligned(value, from);
	free(value);
	free(from);
	return 0;
}
