/* libFuzzer target: header parsing and classification of arbitrary mail,
 * then composing a message whose subject, display name and body are the
 * fuzzed bytes.  Invariants: every decoded field is valid UTF-8; no
 * composed header line is longer than 78 characters or injects a Bcc; the
 * composed message parses back. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "congvan/message.h"

static const struct message_classify_opts opts = {"congvan.test",
						  "congvan@congvan.test", "CV"};

/* Aborts unless s is valid UTF-8 (no overlongs, no surrogates). */
static void check_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (s && *p) {
		int n = *p < 0x80             ? 0
			: (*p & 0xe0) == 0xc0 ? 1
			: (*p & 0xf0) == 0xe0 ? 2
			: (*p & 0xf8) == 0xf0 ? 3
					      : -1;

		if (n < 0 || (n == 1 && *p < 0xc2) || (*p > 0xf4)) {
			abort();
		}
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80) {
				abort();
			}
		}
		p += n + 1;
	}
}

static void check_composed(const char *msg, size_t len)
{
	const char *end = strstr(msg, "\r\n\r\n");
	struct message_info back;

	for (const char *p = msg; end && p < end;) {
		const char *eol = strstr(p, "\r\n");

		if ((size_t)(eol - p) > 78 || strncasecmp(p, "bcc:", 4) == 0) {
			abort();
		}
		p = eol + 2;
	}
	message_info_parse(msg, len, &opts, &back);
	message_info_free(&back);
}

static void compose_from(const uint8_t *data, size_t size)
{
	const char *to[] = {"vanthu@congvan.test", NULL};
	struct message_out out = {0};
	char *s = malloc(size + 1), *msg = NULL, *err = NULL;
	size_t len = 0;

	memcpy(s, data, size);
	s[size] = '\0';
	out.from_name = s;
	out.from_addr = "congvan@congvan.test";
	out.to = to;
	out.subject = s;
	out.message_id = "fuzz@congvan.test";
	out.date = 1;
	out.text = s;
	out.html = (size & 1) ? s : NULL;
	if (message_compose(&out, &msg, &len, &err) == 0) {
		check_composed(msg, len);
	}
	free(msg);
	free(err);
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct message_info mi;
	char key[32];

	message_info_parse((const char *)data, size, &opts, &mi);
	check_utf8(mi.subject);
	check_utf8(mi.from_name);
	check_utf8(mi.from_addr);
	check_utf8(mi.message_id);
	check_utf8(mi.in_reply_to);
	for (char **r = mi.references; r && *r; r++) {
		check_utf8(*r);
	}
	message_subject_tag(mi.subject ? mi.subject : "", "CV", key);
	message_info_free(&mi);
	compose_from(data, size);
	return 0;
}
