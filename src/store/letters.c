/* What messages say: letter metadata, attachments, replies. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

int store_letter_add(struct store *st, int64_t item_id,
		     const struct store_letter *l, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_LETTER_ADD, error_r);
	const char *const text[] = {
	    l->number, l->issuer,       l->symbol,     l->date,
	    l->place,  l->subject,      l->recipients, l->distribution,
	    l->signer, l->signer_title, l->deadline,   l->source,
	};

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	for (size_t i = 0; i < ARRAY_SIZE(text); i++) {
		store_bind_text(s, (int)i + 2, text[i]);
	}
	store_bind_id(s, 14, l->duplicate_of);
	store_bind_text(s, 15, l->deadline_kind);
	if (l->deadline_days > 0) {
		sqlite3_bind_int(s, 16, l->deadline_days);
	} else {
		sqlite3_bind_null(s, 16);
	}
	store_bind_text(s, 17, l->deadline_from);
	store_bind_text(s, 18, l->deadline_phrase);
	return store_exec_done(st, s, "storing letter", error_r);
}

int store_letter_find_same(struct store *st, const char *number,
			   const char *date, const char *sender,
			   int64_t *item_id_r, char key_r[32], char **error_r)
{
	sqlite3_stmt *s;
	int rc;

	if (!number) {
		return 0;
	}
	s = store_stmt(st, Q_LETTER_SAME, error_r);
	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, number);
	store_bind_text(s, 2, date);
	store_bind_text(s, 3, sender);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const unsigned char *key = sqlite3_column_text(s, 1);

		*item_id_r = sqlite3_column_int64(s, 0);
		snprintf(key_r, 32, "%s", key ? (const char *)key : "");
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		return store_fail(st, "finding the same letter", error_r);
	}
	return rc == SQLITE_ROW;
}

int store_letter_get(struct store *st, int64_t item_id,
		     struct store_letter_row *row_r, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_LETTER_GET, error_r);
	char **const fields[] = {
	    &row_r->number,        &row_r->issuer,
	    &row_r->date,          &row_r->place,
	    &row_r->subject,       &row_r->recipients,
	    &row_r->signer,        &row_r->signer_title,
	    &row_r->deadline,      &row_r->source,
	    &row_r->duplicate_of,  &row_r->deadline_kind,
	    &row_r->deadline_from, &row_r->deadline_phrase,
	    &row_r->ocr_fields,
	};
	int rc;

	memset(row_r, 0, sizeof(*row_r));
	row_r->ocr_confidence = -1;
	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, item_id);
	rc = sqlite3_step(s);
	for (size_t i = 0; rc == SQLITE_ROW && i < ARRAY_SIZE(fields); i++) {
		*fields[i] = store_column_dup(s, (int)i);
	}
	if (rc == SQLITE_ROW) {
		row_r->deadline_days =
		    sqlite3_column_int(s, (int)ARRAY_SIZE(fields));
		row_r->ocr_confidence =
		    sqlite3_column_int(s, (int)ARRAY_SIZE(fields) + 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		return store_fail(st, "reading letter", error_r);
	}
	return rc == SQLITE_ROW;
}

void store_letter_row_release(struct store_letter_row *row)
{
	char **const fields[] = {
	    &row->number,        &row->issuer,          &row->date,
	    &row->place,         &row->subject,         &row->recipients,
	    &row->signer,        &row->signer_title,    &row->deadline,
	    &row->source,        &row->duplicate_of,    &row->deadline_kind,
	    &row->deadline_from, &row->deadline_phrase, &row->ocr_fields,
	};

	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		FREE_AND_NULL(*fields[i]);
	}
	row->deadline_days = 0;
}

int store_attachment_add(struct store *st, int64_t message_id,
			 const char *filename, const char *content_type,
			 size_t size, const char *sha256, int64_t *id_r,
			 char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_ATTACHMENT_ADD, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, message_id);
	store_bind_text(s, 2, filename);
	store_bind_text(s, 3, content_type);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)size);
	store_bind_text(s, 5, sha256);
	if (store_exec_done(st, s, "storing attachment", error_r) < 0) {
		return -1;
	}
	if (id_r) {
		*id_r = sqlite3_last_insert_rowid(st->db);
	}
	return 0;
}

int store_message_set_reply(struct store *st, int64_t message_id,
			    const char *reply_text, const char *decision,
			    char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_MSG_SET_REPLY, error_r);

	if (!s) {
		return -1;
	}
	sqlite3_bind_int64(s, 1, message_id);
	store_bind_text(s, 2, reply_text);
	store_bind_text(s, 3, decision);
	return store_exec_done(st, s, "storing reply", error_r);
}
