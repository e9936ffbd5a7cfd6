/* The result, version 1, written as include/congvan/reader.h says. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "private.h"

/* Room kept for the records after the pages (signatures, end). */
#define TAIL_ROOM (READER_SIGS_MAX * (READER_LINE_MAX + READER_NAME_MAX + 2))

static size_t written;

static void record(const char *header, const char *payload, size_t len)
{
	char line[READER_LINE_MAX];
	int n = snprintf(line, sizeof(line), "%s %zu\n", header, len);

	if (n < 0 || (size_t)n >= sizeof(line)) {
		return;
	}
	fwrite(line, 1, (size_t)n, stdout);
	if (len) {
		fwrite(payload, 1, len, stdout);
	}
	fputc('\n', stdout);
	fflush(stdout);
	written += (size_t)n + len + 1;
}

void emit_start(void)
{
	fputs("congvan-reader 1\n", stdout);
	fflush(stdout);
	written = 17;
}

void emit_doc(const char *kind, int pages)
{
	char header[64];

	snprintf(header, sizeof(header), "doc %s %d", kind, pages);
	record(header, "", 0);
}

/* The longest prefix of s, at most max bytes, that ends on a UTF-8
 * character boundary. */
static size_t cut(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max) {
		return n;
	}
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80) {
		max--;
	}
	return max;
}

void emit_page(int number, enum reader_source source, int confidence,
	       const char *text)
{
	char header[64];
	size_t len = cut(text, READER_PAGE_MAX);

	if (written + len + READER_LINE_MAX + TAIL_ROOM > READER_OUTPUT_MAX) {
		return;
	}
	snprintf(header, sizeof(header), "page %d %s %d", number,
		 reader_source_name(source),
		 confidence < 0     ? 0
		 : confidence > 100 ? 100
				    : confidence);
	record(header, text, len);
}

void emit_no_ocr(const char *why)
{
	record("nocr", why, cut(why, READER_NAME_MAX));
}

void emit_no_text(const char *why)
{
	record("notext", why, cut(why, READER_NAME_MAX));
}

void emit_sig(int number, enum reader_sig_status status, enum reader_cert cert,
	      int64_t signed_at, bool changed_after, const char *signer)
{
	char header[96];

	if (number > READER_SIGS_MAX) {
		return;
	}
	snprintf(header, sizeof(header), "sig %d %s %s %" PRId64 " %d", number,
		 reader_sig_status_name(status), reader_cert_name(cert),
		 signed_at < 0 ? 0 : signed_at, changed_after ? 1 : 0);
	record(header, signer ? signer : "",
	       cut(signer ? signer : "", READER_NAME_MAX));
}

void emit_end(void)
{
	record("end", "", 0);
}
