/* libFuzzer target: the reading of an SMTP dialogue from libcurl's trace
 * (src/smtp/trace.c), the server's answers being untrusted.  The input is
 * lines: one starting with '>' begins what the client sends, one starting
 * with '<' what the server sends; lines without either go with the one
 * before in the same call (the first call is the server's); a line
 * starting with '=' starts a new transaction with the rest of the line as
 * MAIL FROM.  Invariants: the answer kept is printable ASCII and fits; its
 * code is 0 or three digits; every refusal has its address, an answer of
 * its own, a code of 400 or more, for good only with a 5xx; our sender
 * refused only with a refusal not for good. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "../../src/smtp/private.h"

static void check_text(const char *s)
{
	if (!s || strlen(s) >= SMTP_REPLY_MAX) {
		abort();
	}
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p >= 0x7f) {
			abort();
		}
	}
}

static void check(const struct smtp_trace *t)
{
	bool not_for_good = false;

	check_text(t->reply);
	if (t->stage > SMTP_STAGE_QUIT || t->reply_stage > SMTP_STAGE_QUIT ||
	    (t->reply_code != 0 &&
	     (t->reply_code < 0 || t->reply_code > 999)) ||
	    (t->n_refused == 0) != (t->refused == NULL) ||
	    (t->n_refused > 0 && !t->offered)) {
		abort();
	}
	for (size_t i = 0; i < t->n_refused; i++) {
		const struct smtp_refusal *r = &t->refused[i];

		if (!r->rcpt || strlen(r->rcpt) > 1u << 20 || r->code < 400 ||
		    r->code > 999 || (r->for_good && r->code < 500)) {
			abort();
		}
		check_text(r->reply);
		not_for_good |= !r->for_good;
	}
	if (t->sender_refused && !not_for_good) {
		abort();
	}
	if (t->rcpt) {
		(void)strlen(t->rcpt);
	}
}

/* The end of the line starting at p: after its '\n', or the end. */
static size_t line_end(const char *s, size_t size, size_t p)
{
	const char *nl = memchr(s + p, '\n', size - p);

	return nl ? (size_t)(nl - s) + 1 : size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct smtp_trace t = {0};
	bool from_server = true;
	size_t p = 0;

	smtp_trace_start(&t, "<congvan@bo.gov.vn>");
	while (p < size) {
		size_t start, end = line_end(s, size, p);

		if (s[p] == '=') {
			size_t n = end - p - 1;
			char *from;

			n -= n > 0 && s[end - 1] == '\n';
			from = xstrndup(s + p + 1, n);
			smtp_trace_start(&t, from);
			free(from);
			p = end;
			continue;
		}
		if (s[p] == '>' || s[p] == '<') {
			from_server = s[p] == '<';
			p++;
			end = line_end(s, size, p);
		}
		start = p;
		while (end < size && s[end] != '>' && s[end] != '<' &&
		       s[end] != '=') {
			end = line_end(s, size, end);
		}
		smtp_trace_feed(&t, from_server, s + start, end - start);
		check(&t);
		p = end;
	}
	smtp_trace_free(&t);
	return 0;
}
