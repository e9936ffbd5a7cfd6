/* What the Office is told about how a letter was read: one sentence per
 * digital signature ("Văn bản có chữ ký số của ..., hợp lệ, ký lúc
 * ..."), and why an item needs checking before anyone acts on it (a
 * signature that is invalid or whose document changed after signing,
 * details read only by OCR with low confidence). */
#include <stdlib.h>
#include <string.h>

#include "congvan/clock.h"
#include "congvan/reader.h"
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
static const char *verdict(const struct store_signature_row *r, bool en)
{
	if (is(r->status, READER_SIG_ALTERED) || r->changed_after) {
		return en ? "but the letter was altered after signing"
			  : "nhưng văn bản đã bị sửa đổi sau khi ký";
	}
	if (!is(r->status, READER_SIG_VALID)) {
		return en ? "but the signature is not valid"
			  : "nhưng chữ ký không hợp lệ";
	}
	if (cert_is(r->certificate, READER_CERT_TRUSTED)) {
		return en ? "valid" : "hợp lệ";
	}
	if (cert_is(r->certificate, READER_CERT_EXPIRED)) {
		return en ? "intact, but the certificate had expired"
			  : "chữ ký nguyên vẹn nhưng chứng thư số đã hết hạn";
	}
	if (cert_is(r->certificate, READER_CERT_REVOKED)) {
		return en ? "intact, but the certificate was revoked"
			  : "chữ ký nguyên vẹn nhưng chứng thư số đã bị thu "
			    "hồi";
	}
	return en ? "intact, but the certificate is not trusted"
		  : "chữ ký nguyên vẹn nhưng chứng thư số không được tin cậy";
}

char *workflow_signature_text(const struct store_signature_row *r, bool english)
{
	const char *who = r->signer && *r->signer ? r->signer
			  : english               ? "an unknown signer"
						  : "người ký không rõ";
	char when[32] = "";
	struct sbuf sb = SBUF_INIT(4096);

	if (is(r->status, READER_SIG_UNSIGNED)) {
		return xstrdup(english
				   ? "The letter has an empty signature"
				     " field (not signed)."
				   : "Văn bản có ô chữ ký số chưa được ký.");
	}
	if (r->signed_at > 0) {
		clock_format_local((time_t)r->signed_at, when);
	}
	sbuf_addf(&sb,
		  english ? "Digitally signed by %s, %s"
			  : "Văn bản có chữ ký số của %s, %s",
		  who, verdict(r, english));
	if (when[0]) {
		sbuf_addf(&sb, english ? ", signed at %s" : ", ký lúc %s",
			  when);
	}
	sbuf_addch(&sb, '.');
	return sbuf_detach(&sb);
}

char *wf_signatures_text(const struct wf_item *it, bool english)
{
	struct sbuf sb = SBUF_INIT(1 << 16);

	for (size_t i = 0; i < it->n_sigs; i++) {
		char *line = workflow_signature_text(&it->sigs[i], english);

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

char *wf_check_text(const struct wf_item *it, bool english)
{
	struct sbuf sb = SBUF_INIT(4096);
	bool sig = false;

	for (size_t i = 0; i < it->n_sigs; i++) {
		sig = sig || workflow_signature_flagged(&it->sigs[i]);
	}
	if (sig) {
		sbuf_adds(&sb, english ? "a digital signature is not valid or"
					 " the letter was altered after"
					 " signing"
				       : "chữ ký số không hợp lệ hoặc văn bản"
					 " đã bị sửa đổi sau khi ký");
	}
	if (ocr_doubtful(it)) {
		sbuf_addf(&sb,
			  english ? "%sthe letter's details were read only by"
				    " OCR from a scan, with low confidence"
				    " (%d %%): compare them with the scan"
				  : "%scác thông tin của văn bản chỉ đọc được"
				    " từ bản quét (OCR), độ tin cậy thấp"
				    " (%d %%): đề nghị đối chiếu với bản quét",
			  sb.len ? "; " : "", it->letter.ocr_confidence);
	}
	if (!sb.len) {
		sbuf_release(&sb);
		return NULL;
	}
	return sbuf_detach(&sb);
}
