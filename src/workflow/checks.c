/* What the Office is told about how a letter was read: one sentence per
 * digital signature ("Văn bản có chữ ký số của ..., hợp lệ, ký lúc
 * ..."), and why an item needs checking before anyone acts on it (a
 * signature that is invalid or whose document changed after signing,
 * details read only by OCR with low confidence). */
#include <stdlib.h>
#include <string.h>

#include "congvan/clock.h"
#include "congvan/reader.h"
#include "congvan/words.h"
#include "private.h"

static bool is(const char *word, enum reader_sig_status s)
{
	return word && !strcmp(word, reader_sig_status_name(s));
}

static bool cert_is(const char *word, enum reader_cert c)
{
	return word && !strcmp(word, reader_cert_name(c));
}

bool workflow_signature_flagged(const struct store_signature_row *r)
{
	return r->changed_after || is(r->status, READER_SIG_ALTERED) ||
	       is(r->status, READER_SIG_INVALID) ||
	       is(r->status, READER_SIG_MALFORMED);
}

/* What the signature's check says, in a few words. */
static enum word verdict(const struct store_signature_row *r)
{
	if (is(r->status, READER_SIG_ALTERED) || r->changed_after) {
		return W_SIG_ALTERED;
	}
	if (!is(r->status, READER_SIG_VALID)) {
		return W_SIG_INVALID;
	}
	if (cert_is(r->certificate, READER_CERT_TRUSTED)) {
		return W_SIG_VALID;
	}
	if (cert_is(r->certificate, READER_CERT_EXPIRED)) {
		return W_SIG_EXPIRED;
	}
	if (cert_is(r->certificate, READER_CERT_REVOKED)) {
		return W_SIG_REVOKED;
	}
	return W_SIG_UNTRUSTED;
}

char *workflow_signature_text(const struct store_signature_row *r,
			      const char *lang)
{
	const char *who =
	    r->signer && *r->signer ? r->signer : words_get(lang, W_SIG_NOBODY);
	struct sbuf sb = SBUF_INIT(4096);
	char when[32];

	if (is(r->status, READER_SIG_UNSIGNED)) {
		return xstrdup(words_get(lang, W_SIG_EMPTY_FIELD));
	}
	sbuf_addf(&sb, words_get(lang, W_SIG_SIGNED), who,
		  words_get(lang, verdict(r)));
	if (r->signed_at > 0) {
		clock_format_local((time_t)r->signed_at, when);
		sbuf_addf(&sb, words_get(lang, W_SIG_AT), when);
	}
	sbuf_addch(&sb, '.');
	return sbuf_detach(&sb);
}

char *wf_signatures_text(const struct wf_item *it, const char *lang)
{
	struct sbuf sb = SBUF_INIT(1 << 16);

	for (size_t i = 0; i < it->n_sigs; i++) {
		char *line = workflow_signature_text(&it->sigs[i], lang);

		sbuf_addf(&sb, "%s%s", sb.len ? " " : "", line);
		free(line);
	}
	return sbuf_detach(&sb);
}

/* Whether word is one of the space-separated words of list. */
static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (len == n && !memcmp(p, word, n)) {
			return true;
		}
		p = e ? e + 1 : NULL;
	}
	return false;
}

/* Whether every field the letter has came from OCR, with less than
 * INSPECT_OCR_CONFIDENT confidence. */
static bool ocr_doubtful(const struct wf_item *it)
{
	const struct store_letter_row *l = &it->letter;
	const struct {
		const char *name, *value;
	} fields[] = {
	    {"number", l->number},     {"issuer", l->issuer},
	    {"date", l->date},         {"place", l->place},
	    {"subject", l->subject},   {"signer", l->signer},
	    {"deadline", l->deadline},
	};
	const char *ocr = l->ocr_fields;

	if (!it->has_letter || !ocr || l->ocr_confidence < 0 ||
	    l->ocr_confidence >= INSPECT_OCR_CONFIDENT) {
		return false;
	}
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		if (fields[i].value && !has_word(ocr, fields[i].name)) {
			return false;
		}
	}
	return true;
}

char *wf_check_text(const struct wf_item *it, const char *lang)
{
	struct sbuf sb = SBUF_INIT(4096);
	bool sig = false;

	for (size_t i = 0; i < it->n_sigs; i++) {
		sig = sig || workflow_signature_flagged(&it->sigs[i]);
	}
	if (sig) {
		sbuf_adds(&sb, words_get(lang, W_CHECK_SIGNATURE));
	}
	if (ocr_doubtful(it)) {
		sbuf_adds(&sb, sb.len ? "; " : "");
		sbuf_addf(&sb, words_get(lang, W_CHECK_OCR),
			  it->letter.ocr_confidence);
	}
	if (!sb.len) {
		sbuf_release(&sb);
		return NULL;
	}
	return sbuf_detach(&sb);
}

int wf_flag(struct runtime *rt, const struct wf_item *it, int64_t msg_id,
	    char **error_r)
{
	char *why = wf_check_text(it, "en");
	struct event_data d = {.reason = why};
	int rc = wf_record(rt, it, msg_id, "intake", EV_FLAGGED, &d, error_r);

	free(why);
	return rc;
}
