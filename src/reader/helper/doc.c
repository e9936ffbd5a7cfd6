/* A letter typed in Word and sent as a binary Word file (.doc, Word
 * 97-2003): an OLE2 compound file, opened by libgsf, whose WordDocument
 * stream and table stream are read by reader_word97_text
 * (src/reader/word97.c).  One page record holds the whole text, as for
 * a DOCX.  Of a file whose text cannot be read (encrypted, Word 95,
 * broken, an OLE2 file of another kind) the result says why: no page,
 * and a notext record. */
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input.h>
#include <gsf/gsf-utils.h>
#include <stdlib.h>

#include "congvan/util.h"
#include "private.h"

/* The whole stream called name (at most READER_OFFICE_XML_MAX bytes);
 * NULL with *why_r (static) when there is none, it is larger, or it
 * cannot be read.  Caller frees. */
static char *stream(GsfInfile *ole, const char *name, size_t *len_r,
		    const char **why_r)
{
	GsfInput *in = gsf_infile_child_by_name(ole, name);
	gsf_off_t size;
	char *buf = NULL;

	*why_r = "a stream is missing";
	if (!in) {
		goto out;
	}
	size = gsf_input_size(in);
	*why_r = "a stream is too large";
	if (size < 0 || (uint64_t)size > READER_OFFICE_XML_MAX) {
		goto out;
	}
	buf = xmalloc((size_t)size + 1);
	*why_r = "a stream cannot be read (the file is cut short?)";
	if (size > 0 && !gsf_input_read(in, (size_t)size, (guint8 *)buf)) {
		FREE_AND_NULL(buf);
		goto out;
	}
	*len_r = (size_t)size;
out:
	if (in) {
		g_object_unref(in);
	}
	return buf;
}

/* The text of the document in the open container, or NULL with *why_r
 * (caller frees). */
static char *doc_text(GsfInfile *ole, char **why_r)
{
	const char *why = NULL, *table_name;
	size_t word_len = 0, table_len = 0;
	char *word = stream(ole, "WordDocument", &word_len, &why);
	char *table = NULL, *text = NULL;

	if (!word) {
		*why_r = xasprintf("WordDocument: %s", why);
		return NULL;
	}
	table_name = reader_word97_table(word, word_len, why_r);
	if (table_name) {
		table = stream(ole, table_name, &table_len, &why);
		if (!table) {
			*why_r = xasprintf("%s: %s", table_name, why);
		} else {
			reader_word97_text(word, word_len, table, table_len,
					   &text, why_r);
		}
	}
	free(table);
	free(word);
	return text;
}

int doc_read(const struct job *job)
{
	GsfInput *mem;
	GsfInfile *ole = NULL;
	GError *err = NULL;
	char *why = NULL, *text = NULL;

	gsf_init();
	mem = gsf_input_memory_new((const guint8 *)job->data,
				   (gsf_off_t)job->len, FALSE);
	if (mem) {
		ole = gsf_infile_msole_new(mem, &err);
	}
	if (!ole) {
		why = xasprintf("cannot open the OLE2 container: %s",
				err ? err->message : "libgsf failed");
	} else {
		text = doc_text(ole, &why);
	}
	if (err) {
		g_error_free(err);
	}
	if (ole) {
		g_object_unref(ole);
	}
	if (mem) {
		g_object_unref(mem);
	}
	gsf_shutdown();
	emit_start();
	emit_doc("doc", text ? 1 : 0);
	if (text) {
		emit_page(1, READER_SOURCE_TEXT, 100, text);
	} else {
		emit_no_text(why ? why : "the reader failed");
	}
	free(text);
	free(why);
	return 0;
}
