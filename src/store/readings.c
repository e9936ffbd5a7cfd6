/* Attached documents as congvan-reader read them: how each attachment was
 * read, the pages read by OCR, which letter fields came from OCR, and the
 * digital signatures of signed PDFs (schema 8). */
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

static const char *const sql[D_COUNT] = {
    [D_READING_SET] = "UPDATE attachments SET reading = ?2, reading_note = ?3"
		      " WHERE id = ?1",
    [D_SCAN_PAGE_ADD] = "INSERT INTO scan_pages (attachment_id, page,"
			" confidence, text) VALUES (?1, ?2, ?3, ?4)",
    [D_SIGNATURE_ADD] = "INSERT INTO signatures (attachment_id, seq, signer,"
			" signed_at, status, certificate, changed_after)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [D_LETTER_OCR_SET] = "UPDATE letters SET ocr_fields = ?2,"
			 " ocr_confidence = ?3 WHERE item_id = ?1",
    [D_ATTACHMENTS_GET] =
	"SELECT a.filename, a.content_type, a.size, a.reading,"
	" a.reading_note, (SELECT MIN(p.confidence) FROM scan_pages p"
	" WHERE p.attachment_id = a.id), a.id FROM attachments a"
	" WHERE a.message_id = ?1 ORDER BY a.id",
    [D_SIGNATURES_GET] =
	"SELECT a.filename, s.seq, s.signer, s.signed_at, s.status,"
	" s.certificate, s.changed_after FROM items i"
	" JOIN attachments a ON a.message_id = i.message_id"
	" JOIN signatures s ON s.attachment_id = a.id"
	" WHERE i.id = ?1 ORDER BY a.id, s.seq",
};

static sqlite3_stmt *stmt(struct store *st, enum d q, char **error_r)
{
	return store_stmt_cached(st, &st->doc_stmts[q], sql[q], error_r);
}

int store_attachment_set_reading(struct store *st, int64_t attachment_id,
				 const char *reading, const char *note,
				 char **error_r)
{
	sqlite3_stmt *s = stmt(st, D_READING_SET, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, attachment_id);
	store_bind_text(s, 2, reading);
	store_bind_text(s, 3, note);
	return store_exec_done(st, s, "storing how an attachment was read",
			       error_r);
}

int store_scan_page_add(struct store *st, int64_t attachment_id, int page,
			int confidence, const char *text, char **error_r)
{
	sqlite3_stmt *s = stmt(st, D_SCAN_PAGE_ADD, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, attachment_id);
	sqlite3_bind_int(s, 2, page);
	sqlite3_bind_int(s, 3, confidence);
	store_bind_text(s, 4, text ? text : "");
	return store_exec_done(st, s, "storing a page read by OCR", error_r);
}

int store_letter_set_ocr(struct store *st, int64_t item_id, const char *fields,
			 int confidence, char **error_r)
{
	sqlite3_stmt *s = stmt(st, D_LETTER_OCR_SET, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	store_bind_text(s, 2, fields);
	sqlite3_bind_int(s, 3, confidence);
	return store_exec_done(st, s, "storing the letter's OCR fields",
			       error_r);
}

int store_signature_add(struct store *st, const struct store_signature *sig,
			char **error_r)
{
	sqlite3_stmt *s = stmt(st, D_SIGNATURE_ADD, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, sig->attachment_id);
	sqlite3_bind_int(s, 2, sig->seq);
	store_bind_text(s, 3, sig->signer);
	if (sig->signed_at > 0) {
		sqlite3_bind_int64(s, 4, sig->signed_at);
	}
	store_bind_text(s, 5, sig->status);
	store_bind_text(s, 6, sig->certificate);
	sqlite3_bind_int(s, 7, sig->changed_after ? 1 : 0);
	return store_exec_done(st, s, "storing a signature", error_r);
}

int store_attachments_get(struct store *st, int64_t message_id,
			  struct store_attachment_row **rows_r, size_t *n_r,
			  char **error_r)
{
	sqlite3_stmt *s = stmt(st, D_ATTACHMENTS_GET, error_r);
	struct store_attachment_row *rows = NULL;
	size_t n = 0;
	int rc;

	*rows_r = NULL;
	*n_r = 0;
	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, message_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_attachment_row *r;

		rows = xrealloc(rows, (n + 1) * sizeof(*rows));
		r = &rows[n++];
		r->filename = store_column_dup(s, 0);
		r->content_type = store_column_dup(s, 1);
		r->size = sqlite3_column_int64(s, 2);
		r->reading = store_column_dup(s, 3);
		r->note = store_column_dup(s, 4);
		r->ocr_confidence = sqlite3_column_type(s, 5) == SQLITE_NULL
					? -1
					: sqlite3_column_int(s, 5);
		r->id = sqlite3_column_int64(s, 6);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_attachment_rows_free(rows, n);
		return store_fail(st, "reading attachments", error_r);
	}
	*rows_r = rows;
	*n_r = n;
	return 0;
}

void store_attachment_rows_free(struct store_attachment_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].filename);
		free(rows[i].content_type);
		free(rows[i].reading);
		free(rows[i].note);
	}
	free(rows);
}

int store_signatures_get(struct store *st, int64_t item_id,
			 struct store_signature_row **rows_r, size_t *n_r,
			 char **error_r)
{
	sqlite3_stmt *s = stmt(st, D_SIGNATURES_GET, error_r);
	struct store_signature_row *rows = NULL;
	size_t n = 0;
	int rc;

	*rows_r = NULL;
	*n_r = 0;
	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_signature_row *r;

		rows = xrealloc(rows, (n + 1) * sizeof(*rows));
		r = &rows[n++];
		r->filename = store_column_dup(s, 0);
		r->seq = sqlite3_column_int(s, 1);
		r->signer = store_column_dup(s, 2);
		r->signed_at = sqlite3_column_int64(s, 3);
		r->status = store_column_dup(s, 4);
		r->certificate = store_column_dup(s, 5);
		r->changed_after = sqlite3_column_int(s, 6) != 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_signature_rows_free(rows, n);
		return store_fail(st, "reading signatures", error_r);
	}
	*rows_r = rows;
	*n_r = n;
	return 0;
}

void store_signature_rows_free(struct store_signature_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].filename);
		free(rows[i].signer);
		free(rows[i].status);
		free(rows[i].certificate);
	}
	free(rows);
}
