/* A letter typed in a word processor and sent as it is: a DOCX or an ODT,
 * a ZIP archive opened by libarchive, whose main XML part is read by
 * reader_office_text (src/reader/office_text.c).  One page record holds
 * the whole text: a word processor's file has no pages of its own. */
#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

/* The bytes of the archive's member called name (at most
 * READER_OFFICE_XML_MAX); NULL when there is none, it is larger, or the
 * archive cannot be read.  Caller frees. */
static char *member(const struct job *job, const char *name, size_t *len_r)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	struct sbuf sb = SBUF_INIT(READER_OFFICE_XML_MAX);
	char buf[65536];
	char *out = NULL;
	bool found = false;
	la_ssize_t n = 0;

	archive_read_support_format_zip(a);
	if (archive_read_open_memory(a, job->data, job->len) != ARCHIVE_OK) {
		goto out;
	}
	while (!found && archive_read_next_header(a, &e) == ARCHIVE_OK) {
		const char *path = archive_entry_pathname(e);

		found = path && !strcmp(path, name);
	}
	if (!found) {
		goto out;
	}
	while (!sb.overflow &&
	       (n = archive_read_data(a, buf, sizeof(buf))) > 0) {
		sbuf_add(&sb, buf, (size_t)n);
	}
	if (n == 0 && !sb.overflow && sb.len > 0) {
		*len_r = sb.len;
		out = sbuf_detach(&sb);
	}
out:
	sbuf_release(&sb);
	archive_read_free(a);
	return out;
}

int office_read(const struct job *job, const char *kind)
{
	bool odt = !strcmp(kind, "odt");
	size_t len = 0;
	char *xml =
	    member(job, odt ? "content.xml" : "word/document.xml", &len);
	char *text = xml ? reader_office_text(xml, len, odt) : NULL;

	free(xml);
	if (!text) {
		return EXIT_NOT_READABLE;
	}
	emit_doc(kind, 1);
	emit_page(1, READER_SOURCE_TEXT, 100, text);
	free(text);
	return 0;
}
