/* libFuzzer target: header parsing and classification of arbitrary mail,
 * then composing a message whose subject, display name and body are the
 * fuzzed bytes, and one whose attachment (name and data) and calendar
 * are.  Invariants: every decoded field is valid UTF-8; no composed header
 * line is longer than 78 characters or injects a Bcc; the composed message
 * parses back; a message with parts has CRLF lines of at most 78
 * characters and the MIME reader finds the one attachment, its size and
 * its sanitised name. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../src/message/private.h"
#include "congvan/text.h"
#include "congvan/message.h"
#include "congvan/mime.h"

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

/* CRLF line ends only, no line over 78 characters. */
static void check_lines(const char *msg, size_t len)
{
	size_t start = 0;

	for (size_t i = 0; i < len; i++) {
		if (msg[i] == '\r' && (i + 1 >= len || msg[i + 1] != '\n')) {
			abort();
		}
		if (msg[i] == '\n') {
			if (i == 0 || msg[i - 1] != '\r' ||
			    i - 1 - start > 78) {
				abort();
			}
			start = i + 1;
		}
	}
	if (len - start > 0) {
		abort(); /* the message ends with a line break */
	}
}

static bool same_name(const char *got, const char *name)
{
	char *clean = message_filename_clean(name);
	char *nfc = clean ? text_nfc(clean, strlen(clean)) : NULL;
	bool same = (!got && !nfc) || (got && nfc && !strcmp(got, nfc));

	free(nfc);
	free(clean);
	return same;
}

static void compose_parts(const uint8_t *data, size_t size)
{
	const char *to[] = {"vanthu@congvan.test", NULL};
	struct message_attachment att = {0};
	struct message_out out = {0};
	char *s = malloc(size + 1), *cal, *msg = NULL, *err = NULL;
	struct mime_doc doc;
	size_t len = 0;

	memcpy(s, data, size);
	s[size] = '\0';
	/* The fuzzed text follows a property of its own, so that a leading
	 * space cannot fold it into METHOD (which compose then rightly
	 * refuses as another method). */
	cal = malloc(size + 32);
	memcpy(cal, "METHOD:REQUEST\r\nX-FUZZ:", 24);
	memcpy(cal + 24, s, size + 1);
	att.filename = s;
	att.content_type = (size & 2) ? "application/pdf" : NULL;
	att.data = (const char *)data;
	att.len = size;
	out.from_addr = "congvan@congvan.test";
	out.to = to;
	out.subject = "s";
	out.message_id = "fuzz@congvan.test";
	out.date = 1;
	out.text = "text\n";
	out.html = (size & 1) ? s : NULL;
	out.attachments = &att;
	out.n_attachments = 1;
	out.calendar = (size & 4) ? cal : NULL;
	out.calendar_method = "REQUEST";
	if (message_compose(&out, &msg, &len, &err) < 0) {
		abort();
	}
	check_lines(msg, len);
	mime_parse(msg, len, 0, &doc);
	if (doc.n_attachments != 1 || doc.attachments[0].size != size ||
	    !same_name(doc.attachments[0].filename, s)) {
		abort();
	}
	mime_doc_free(&doc);
	free(msg);
	free(cal);
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
	compose_parts(data, size);
	return 0;
}
