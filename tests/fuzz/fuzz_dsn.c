/* libFuzzer target: the failed recipients of a delivery report, RFC 3464
 * (message_dsn_failures) and in words only (message_text_bounce), read
 * from arbitrary bytes.  Invariants: at most 100; each address
 * non-empty, with an '@', no white space, lower-case; no control
 * character in any field; every field cut to 300 bytes; a returned
 * Message-ID with an '@' and no white space. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/message.h"

static void check_field(const char *s)
{
	if (!s || strlen(s) > 300) {
		abort();
	}
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			abort();
		}
	}
}

static void check_list(const struct message_dsn_failure *f, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *id;
	struct message_dsn_failure *f;
	size_t n;

	if (!text) {
		return 0;
	}
	memcpy(text, data, size);
	text[size] = '\0';
	n = message_dsn_failures(text, size, &f);
	check_list(f, n);
	message_dsn_failures_free(f, n);
	n = message_text_bounce(text, size, &id, &f);
	check_list(f, n);
	message_dsn_failures_free(f, n);
	if (id &&
	    (strlen(id) > 300 || !strchr(id, '@') || strpbrk(id, " \t\r\n"))) {
		abort();
	}
	free(id);
	free(text);
	return 0;
}

static void check_list(const struct message_dsn_failure *f, size_t n)
{
	if (n > 100 || (n == 0) != (f == NULL)) {
		abort();
	}
	for (size_t i = 0; i < n; i++) {
		check_field(f[i].rcpt);
		check_field(f[i].status);
		check_field(f[i].diagnostic);
		if (!f[i].rcpt[0] || !strchr(f[i].rcpt, '@') ||
		    strpbrk(f[i].rcpt, " \t")) {
			abort();
		}
		for (const char *p = f[i].rcpt; *p; p++) {
			if (*p >= 'A' && *p <= 'Z') {
				abort();
			}
		}
	}
}
