/* Where the history starts: separators ("-----Original Message-----"),
 * unquoted header blocks (From:/Sent:/To:/Subject:, Từ:/Đã gửi:/Đến:/
 * Chủ đề:) and attribution lines ("On ... wrote:", "Vào ... đã viết:"),
 * also wrapped over two lines. */
#include <string.h> /* memmem: _GNU_SOURCE comes from the Makefile */

#include "private.h"

/* A separator is a short line. */
#define SEPARATOR_MAX 120
/* Lines below "From:" searched for the other header fields. */
#define HEADER_BLOCK_LINES 20

/* Between dashes: "-----Original Message-----". */
static const char *const separator_dashed[] = {
    "original message",
    "original",
    "reply message",
    "thu goc",
    "tin nhan goc",
    "thu chuyen tiep",
    "thu da chuyen tiep",
    "thu duoc chuyen tiep",
    "tin nhan chuyen tiep",
    "tin nhan da chuyen tiep",
    "tin nhan duoc chuyen tiep",
    "message d'origine",
    "message transfere",
    "ursprungliche nachricht",
    "weitergeleitete nachricht",
};

/* With or without dashes. */
static const char *const separator_plain[] = {
    "forwarded message",
    "begin forwarded message",
    "bat dau thu chuyen tiep",
    "bat dau thu duoc chuyen tiep",
    "bat dau tin nhan chuyen tiep",
};

static const char *const from_fields[] = {"from", "tu", "nguoi gui"};

static const char *const header_fields[] = {
    "sent",       "date",   "to",      "cc",      "bcc",        "reply-to",
    "importance", "da gui", "gui",     "ngay",    "ngay gui",   "thoi gian",
    "den",        "toi",    "gui toi", "gui den", "nguoi nhan",
};

/* Every client writes a subject line into its header block; prose such
 * as "Từ: 1/12\nĐến: 15/12" has none. */
static const char *const subject_fields[] = {"subject", "chu de", "tieu de"};

/* Attribution verbs, folded, as the line ends. */
static const char *const verbs[] = {
    "wrote:",    "wrote :",   "viet:",       "viet :",   "a ecrit:",
    "a ecrit :", "escribio:", "ha scritto:", "schreef:", "skrev:",
    "написал:",  "написала:", "написал(а):",
};

/* First words of attribution lines; a digit also starts one. */
static const char *const starters[] = {
    "on", "vao", "luc", "ngay", "le", "am", "el", "il", "op",
};

static bool ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

static bool in_list(const char *s, size_t len, const char *const *list,
		    size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strlen(list[i]) == len && memcmp(s, list[i], len) == 0) {
			return true;
		}
	}
	return false;
}

bool reply_is_separator(const struct probe *p)
{
	const char *s = p->head;
	size_t len = p->head_len, dashes = 0;

	if (!p->head_full || len > SEPARATOR_MAX) {
		return false;
	}
	for (; len > 0 && strchr("-_=* ", *s); s++, len--) {
		dashes += *s == '-' || *s == '_';
	}
	while (len > 0 && strchr("-_=* :", s[len - 1])) {
		len--;
	}
	if (in_list(s, len, separator_plain, ARRAY_SIZE(separator_plain))) {
		return true;
	}
	return dashes >= 2 &&
	       in_list(s, len, separator_dashed, ARRAY_SIZE(separator_dashed));
}

/* The folded head starts with one of the field names and a colon
 * ("*From:*" and "From :" included). */
static bool head_field(const struct probe *p, const char *const *names,
		       size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(names[i]);

		if (p->head_len <= k || memcmp(p->head, names[i], k) != 0) {
			continue;
		}
		while (k < p->head_len &&
		       (p->head[k] == ' ' || p->head[k] == '*')) {
			k++;
		}
		if (k < p->head_len && p->head[k] == ':') {
			return true;
		}
	}
	return false;
}

/* "From: ..." followed, before a blank line, by a subject and at least
 * one more header field: an unquoted Outlook (or Yahoo, AOL, Android)
 * header block. */
static bool header_block_at(const struct lines *ls, size_t i,
			    const struct probe *p)
{
	struct probe q;
	size_t fields = 0;
	bool subject = false;

	if (!head_field(p, from_fields, ARRAY_SIZE(from_fields))) {
		return false;
	}
	for (size_t j = i + 1; j < ls->n && j <= i + HEADER_BLOCK_LINES; j++) {
		if (ls->v[j].kind != LINE_TEXT) {
			break;
		}
		reply_probe_head(&ls->v[j], &q);
		fields +=
		    head_field(&q, header_fields, ARRAY_SIZE(header_fields));
		subject = subject || head_field(&q, subject_fields,
						ARRAY_SIZE(subject_fields));
		if (subject && fields >= 1) {
			return true;
		}
	}
	return false;
}

/* What makes a line a quote header rather than prose: a digit and an
 * address, a time (9:00) or a year. */
struct evidence {
	bool digit, at, time, year;
};

static void scan_evidence(const struct line *l, struct evidence *e)
{
	size_t run = 0;

	for (size_t k = 0; k < l->len; k++) {
		char c = l->s[k];
		bool d = c >= '0' && c <= '9';

		run = d ? run + 1 : 0;
		e->digit |= d;
		e->year |= run == 4;
		e->at |= c == '@';
		if (c == ':' && k > 0 && k + 2 < l->len && l->s[k - 1] >= '0' &&
		    l->s[k - 1] <= '9' && l->s[k + 1] >= '0' &&
		    l->s[k + 1] <= '9' && l->s[k + 2] >= '0' &&
		    l->s[k + 2] <= '9') {
			e->time = true;
		}
	}
}

static bool has_evidence(const struct evidence *e)
{
	return e->digit && (e->at || e->time || e->year);
}

enum verb {
	VERB_NONE,  /* does not end with ':' */
	VERB_COLON, /* ends with ':' in some other way */
	VERB_KNOWN, /* "wrote:", "đã viết:", "a écrit :", "Am ... schrieb" */
};

static bool starts_attribution(const struct probe *p)
{
	for (size_t i = 0; i < ARRAY_SIZE(starters); i++) {
		if (text_fold_starts_word(p->head, p->head_len, starters[i])) {
			return true;
		}
	}
	return p->head_len > 0 && p->head[0] >= '0' && p->head[0] <= '9';
}

/* Fills p->tail when the line ends with ':'. */
static enum verb verb_of(const struct line *l, struct probe *p)
{
	if (l->len == 0 || l->s[l->len - 1] != ':') {
		return VERB_NONE;
	}
	reply_probe_tail(l, p);
	for (size_t i = 0; i < ARRAY_SIZE(verbs); i++) {
		if (ends_with(p->tail, p->tail_len, verbs[i])) {
			return VERB_KNOWN;
		}
	}
	if (text_fold_starts_word(p->head, p->head_len, "am") &&
	    memmem(l->s, l->len, "schrieb", 7)) {
		return VERB_KNOWN;
	}
	return VERB_COLON;
}

/* "a@b.vn> wrote:": the line starts with the end of an address. */
static bool first_word_has_at(const struct line *l)
{
	size_t i = 0, start;

	while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t')) {
		i++;
	}
	start = i;
	while (i < l->len && l->s[i] != ' ' && l->s[i] != '\t') {
		i++;
	}
	return memchr(l->s + start, '@', i - start) != NULL;
}

/* "On ... <\na@b.vn> wrote:": line i starts an attribution that line
 * i + 1 finishes.  Returns 2, or 0 when the lines are not one. */
static size_t wrapped_attribution(const struct lines *ls, size_t i,
				  const struct probe *p, bool *known_r)
{
	const struct line *l = &ls->v[i], *next;
	struct evidence e = {false, false, false, false};
	struct probe q;
	enum verb v;

	if (i + 1 >= ls->n) {
		return 0;
	}
	next = &ls->v[i + 1];
	if (next->kind != LINE_TEXT || next->s[next->len - 1] != ':' ||
	    l->len + next->len > ATTRIBUTION_MAX) {
		return 0;
	}
	reply_probe_head(next, &q);
	v = verb_of(next, &q);
	if (starts_attribution(&q) ||
	    !(starts_attribution(p) || l->s[l->len - 1] == '<' ||
	      first_word_has_at(next))) {
		return 0;
	}
	scan_evidence(l, &e);
	scan_evidence(next, &e);
	*known_r = v == VERB_KNOWN;
	return has_evidence(&e) ? 2 : 0;
}

/* Lines (1 or 2) from i that form an attribution line, 0 when none;
 * *known_r tells a known verb from a line that merely ends with ':'. */
static size_t attribution_lines(const struct lines *ls, size_t i,
				struct probe *p, bool *known_r)
{
	const struct line *l = &ls->v[i];
	struct evidence e = {false, false, false, false};
	enum verb v = verb_of(l, p);

	if (v == VERB_NONE) {
		return wrapped_attribution(ls, i, p, known_r);
	}
	if (l->len > ATTRIBUTION_MAX) {
		return 0;
	}
	scan_evidence(l, &e);
	*known_r = v == VERB_KNOWN;
	return has_evidence(&e) ? 1 : 0;
}

/* Yahoo writes the attribution and the quoted text on one line: "On Mon,
 * Nov 23, 2026 at 9:00, A <a@b.vn> wrote:   Dear colleagues,". */
static bool merged_attribution(const struct line *l, const struct probe *p)
{
	static const char *const mid[] = {
	    " wrote: ", " \xc4\x91\xc3\xa3 vi\xe1\xba\xbft: "};
	struct evidence e = {false, false, false, false};
	bool found = false;

	if (!text_fold_starts_word(p->head, p->head_len, "on") &&
	    !text_fold_starts_word(p->head, p->head_len, "vao")) {
		return false;
	}
	for (size_t i = 0; i < ARRAY_SIZE(mid); i++) {
		found = found || memmem(l->s, l->len, mid[i], strlen(mid[i]));
	}
	if (!found) {
		return false;
	}
	scan_evidence(l, &e);
	return has_evidence(&e);
}

/* The first line at or after j that is not blank is quoted. */
static bool quote_follows(const struct lines *ls, size_t j)
{
	while (j < ls->n && ls->v[j].kind == LINE_BLANK) {
		j++;
	}
	return j < ls->n && ls->v[j].kind == LINE_QUOTED;
}

enum mark reply_marks_classify(const struct lines *ls, size_t i, size_t *n_r)
{
	const struct line *l = &ls->v[i];
	struct probe p;
	bool known = false;
	size_t n;

	if (reply_is_sig_delimiter(l)) {
		return MARK_CUT;
	}
	reply_probe_head(l, &p);
	if (reply_is_phone_signature(&p) || reply_is_separator(&p) ||
	    header_block_at(ls, i, &p)) {
		return MARK_CUT;
	}
	n = attribution_lines(ls, i, &p, &known);
	if (n == 0) {
		return merged_attribution(l, &p) ? MARK_CUT : MARK_NONE;
	}
	if (quote_follows(ls, i + n)) {
		*n_r = n;
		return MARK_DROP;
	}
	return known ? MARK_CUT : MARK_NONE;
}
