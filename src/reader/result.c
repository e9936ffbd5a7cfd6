/* The reader's result (include/congvan/reader.h): words and parser.  The
 * output comes from a process that read hostile documents, so it is
 * parsed as untrusted input: every number bounded, every length checked
 * against what is left, nothing past the last whole record trusted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/reader.h"
#include "congvan/util.h"

static const char *const source_names[] = {
    [READER_SOURCE_TEXT] = "text",
    [READER_SOURCE_OCR] = "ocr",
};

static const char *const sig_names[READER_SIG_COUNT] = {
    [READER_SIG_VALID] = "valid",       [READER_SIG_INVALID] = "invalid",
    [READER_SIG_ALTERED] = "altered",   [READER_SIG_MALFORMED] = "malformed",
    [READER_SIG_UNSIGNED] = "unsigned", [READER_SIG_ERROR] = "error",
};

static const char *const cert_names[READER_CERT_COUNT] = {
    [READER_CERT_TRUSTED] = "trusted", [READER_CERT_UNTRUSTED] = "untrusted",
    [READER_CERT_EXPIRED] = "expired", [READER_CERT_REVOKED] = "revoked",
    [READER_CERT_ERROR] = "error",     [READER_CERT_UNCHECKED] = "unchecked",
};

const char *reader_source_name(enum reader_source s)
{
	return s == READER_SOURCE_OCR ? source_names[READER_SOURCE_OCR]
				      : source_names[READER_SOURCE_TEXT];
}

const char *reader_sig_status_name(enum reader_sig_status s)
{
	return (unsigned)s < READER_SIG_COUNT ? sig_names[s] : "error";
}

const char *reader_cert_name(enum reader_cert c)
{
	return (unsigned)c < READER_CERT_COUNT ? cert_names[c] : "error";
}

static int find_word(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++) {
		if (names[i] && !strcmp(names[i], s)) {
			return (int)i;
		}
	}
	return -1;
}

int reader_sig_status_parse(const char *s)
{
	return find_word(sig_names, ARRAY_SIZE(sig_names), s);
}

int reader_cert_parse(const char *s)
{
	return find_word(cert_names, ARRAY_SIZE(cert_names), s);
}

void reader_result_release(struct reader_result *r)
{
	for (size_t i = 0; i < r->n_page; i++) {
		free(r->page[i].text);
	}
	for (size_t i = 0; i < r->n_sig; i++) {
		free(r->sig[i].signer);
	}
	free(r->page);
	free(r->sig);
	free(r->no_ocr);
	free(r->no_text);
	memset(r, 0, sizeof(*r));
}

/* --- one record ---------------------------------------------------------- */

#define TOKENS_MAX 8

struct record {
	char line[READER_LINE_MAX];
	char *tok[TOKENS_MAX];
	size_t n_tok;
	const char *payload;
	size_t len;
};

static long number(const char *s, long max)
{
	long v;

	/* Digits only: no sign, no spaces, at most 10 of them. */
	if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 10 ||
	    str_to_long(s, 0, max, &v) != 0) {
		return -1;
	}
	return v;
}

/* Splits the header line into tokens (single spaces, printable ASCII). */
static int split(struct record *rec)
{
	char *p = rec->line;

	for (const char *c = p; *c; c++) {
		if (*c < 0x21 && *c != ' ') {
			return -1;
		}
		if ((unsigned char)*c > 0x7e) {
			return -1;
		}
	}
	rec->n_tok = 0;
	while (*p) {
		if (rec->n_tok == TOKENS_MAX || *p == ' ') {
			return -1;
		}
		rec->tok[rec->n_tok++] = p;
		p = strchr(p, ' ');
		if (!p) {
			break;
		}
		*p++ = '\0';
		if (!*p) {
			return -1; /* a trailing space */
		}
	}
	return rec->n_tok ? 0 : -1;
}

/* Reads the record at *off.  1 with rec filled, 0 at a clean end of
 * input or a record cut short, -1 when malformed. */
static int next_record(const char *buf, size_t len, size_t *off,
		       struct record *rec)
{
	const char *start = buf + *off;
	size_t left = len - *off;
	const char *nl = memchr(
	    start, '\n', left < READER_LINE_MAX ? left : READER_LINE_MAX);
	long n;

	if (!nl) {
		return left < READER_LINE_MAX ? 0 : -1;
	}
	memcpy(rec->line, start, (size_t)(nl - start));
	rec->line[nl - start] = '\0';
	if (memchr(start, '\0', (size_t)(nl - start)) || split(rec) < 0) {
		return -1;
	}
	n = number(rec->tok[rec->n_tok - 1], READER_PAGE_MAX);
	if (n < 0) {
		return -1;
	}
	rec->len = (size_t)n;
	left -= (size_t)(nl - start) + 1;
	if (left < rec->len + 1) {
		return 0; /* cut short */
	}
	rec->payload = nl + 1;
	if (rec->payload[rec->len] != '\n') {
		return -1;
	}
	*off += (size_t)(nl - start) + 1 + rec->len + 1;
	rec->n_tok--; /* LEN is not an argument */
	return 1;
}

/* --- what each record means ---------------------------------------------- */

static bool is(const struct record *rec, const char *key, size_t n_args)
{
	return !strcmp(rec->tok[0], key) && rec->n_tok == n_args + 1;
}

static int take_doc(const struct record *rec, struct reader_result *r)
{
	long pages = number(rec->tok[2], 1000000);

	if (r->kind[0] || rec->len != 0 || pages < 0 ||
	    (strcmp(rec->tok[1], "pdf") && strcmp(rec->tok[1], "image") &&
	     strcmp(rec->tok[1], "docx") && strcmp(rec->tok[1], "odt") &&
	     strcmp(rec->tok[1], "doc"))) {
		return -1;
	}
	snprintf(r->kind, sizeof(r->kind), "%s", rec->tok[1]);
	r->pages = (int)pages;
	return 0;
}

static int take_page(const struct record *rec, struct reader_result *r)
{
	long no = number(rec->tok[1], 1000000);
	long conf = number(rec->tok[3], 100);
	int src = !strcmp(rec->tok[2], "ocr")    ? READER_SOURCE_OCR
		  : !strcmp(rec->tok[2], "text") ? READER_SOURCE_TEXT
						 : -1;
	struct reader_page *p;

	if (!r->kind[0] || no < 1 || no > r->pages || conf < 0 || src < 0 ||
	    r->n_page == READER_PAGES_MAX) {
		return -1;
	}
	for (size_t i = 0; i < r->n_page; i++) {
		if (r->page[i].number == no) {
			return -1; /* each page once */
		}
	}
	r->page = xrealloc(r->page, (r->n_page + 1) * sizeof(*r->page));
	p = &r->page[r->n_page++];
	p->number = (int)no;
	p->source = (enum reader_source)src;
	p->confidence = (int)conf;
	p->text = xstrndup(rec->payload, rec->len);
	return 0;
}

static int take_sig(const struct record *rec, struct reader_result *r)
{
	long no = number(rec->tok[1], READER_SIGS_MAX);
	int status = reader_sig_status_parse(rec->tok[2]);
	int cert = reader_cert_parse(rec->tok[3]);
	long at = number(rec->tok[4], 9999999999L);
	long later = number(rec->tok[5], 1);
	struct reader_signature *s;

	if (no != (long)r->n_sig + 1 || status < 0 || cert < 0 || at < 0 ||
	    later < 0 || rec->len > READER_NAME_MAX) {
		return -1;
	}
	r->sig = xrealloc(r->sig, (r->n_sig + 1) * sizeof(*r->sig));
	s = &r->sig[r->n_sig++];
	s->status = (enum reader_sig_status)status;
	s->cert = (enum reader_cert)cert;
	s->signed_at = at;
	s->changed_after = later == 1;
	s->signer = xstrndup(rec->payload, rec->len);
	return 0;
}

static int take(const struct record *rec, struct reader_result *r)
{
	if (is(rec, "doc", 2)) {
		return take_doc(rec, r);
	}
	if (is(rec, "page", 3)) {
		return take_page(rec, r);
	}
	if (is(rec, "sig", 5)) {
		return take_sig(rec, r);
	}
	if (is(rec, "nocr", 0) && !r->no_ocr && rec->len > 0 &&
	    rec->len <= READER_NAME_MAX) {
		r->no_ocr = xstrndup(rec->payload, rec->len);
		return 0;
	}
	if (is(rec, "notext", 0) && r->kind[0] && !r->no_text && rec->len > 0 &&
	    rec->len <= READER_NAME_MAX) {
		r->no_text = xstrndup(rec->payload, rec->len);
		return 0;
	}
	if (is(rec, "end", 0) && rec->len == 0) {
		r->complete = true;
		return 0;
	}
	return -1;
}

/* -1 with *error_r (when asked) set to why; r emptied. */
static int fail(struct reader_result *r, char **error_r, char *why)
{
	reader_result_release(r);
	if (error_r) {
		*error_r = why;
	} else {
		free(why);
	}
	return -1;
}

int reader_result_parse(const char *buf, size_t len,
			struct reader_result *result_r, char **error_r)
{
	static const char magic[] = "congvan-reader 1\n";
	struct reader_result *r = result_r;
	struct record rec;
	size_t off = sizeof(magic) - 1;
	int rc = 0;

	memset(r, 0, sizeof(*r));
	if (len > READER_OUTPUT_MAX) {
		return fail(r, error_r, xstrdup("the result is too large"));
	}
	if (len < off || memcmp(buf, magic, off) != 0) {
		return fail(
		    r, error_r,
		    xstrdup(len >= 15 && !memcmp(buf, "congvan-reader ", 15)
				? "the reader speaks another version"
				: "no reader result"));
	}
	while (!r->complete && (rc = next_record(buf, len, &off, &rec)) == 1) {
		if (take(&rec, r) < 0) {
			return fail(r, error_r,
				    xasprintf("bad record '%s'", rec.tok[0]));
		}
	}
	if (!r->complete && rc < 0) {
		return fail(r, error_r, xstrdup("a malformed record"));
	}
	if (r->complete && off != len) {
		return fail(r, error_r, xstrdup("bytes after the end"));
	}
	return 0;
}
