/* Quote headers (attributions): the line a client writes above the text
 * it quotes, in any of the forms clients use:
 *
 *   On Mon, Nov 23, 2026 at 9:00 AM Nguyễn Văn A <a@b.vn> wrote:
 *   Vào 09:00 Th 2, 23 thg 11, 2026 Nguyễn Văn A <a@b.vn> đã viết:
 *   Nguyễn Văn A <a@b.vn> wrote:                     (s-nail, mailx)
 *   ---- On Mon, 23 Nov 2026 09:00:00 +0700 a@b.vn wrote ----   (Zoho)
 *   Le lun. 23 nov. 2026 à 09:00, A <a@b.fr> a écrit :
 *   Am 23.11.2026 um 09:00 schrieb A <a@b.de>:
 *   2026-11-23 9:00 GMT+07:00 A <a@b.vn>:            (a date, then an address)
 *
 * also wrapped over two or three lines.  A candidate is at most
 * ATTRIBUTION_LINES lines and ATTRIBUTION_MAX bytes, so the look-ahead
 * from any line is bounded. */
#include <string.h>
#include <utf8proc.h>

#include "private.h"

/* Lines one attribution may be wrapped over. */
#define ATTRIBUTION_LINES 3
/* Words before the verb of "NAME [<address>] wrote:". */
#define NAME_WORDS   6
#define SENDER_WORDS 12

/* Attribution verbs, folded, as the line ends (a colon after them is
 * optional: Zoho and some webmails write none). */
static const char *const verbs[] = {
    "wrote",
    "a ecrit",
    "ecrit",
    "escribio",
    "ha scritto",
    "scritto",
    "schreef",
    "skrev",
    "schrieb",
    "kirjoitti",
    "escreveu",
    "irta",
    "pisze",
    "napisa\xc5\x82",
    "napisa\xc5\x82(a)",
    "napisa\xc5\x82"
    "a",
    "viet", /* "đã viết" */
    "\xd0\xbd\xd0\xb0\xd0\xbf\xd0\xb8\xd1\x81\xd0\xb0\xd0\xbb", /* написал */
    "\xd0\xbd\xd0\xb0\xd0\xbf\xd0\xb8\xd1\x81\xd0\xb0\xd0\xbb\xd0\xb0",
    "\xd0\xbd\xd0\xb0\xd0\xbf\xd0\xb8\xd1\x81\xd0\xb0\xd0\xbb(\xd0\xb0)",
    /* Czech, Slovak, Turkish, Korean, Greek, Romanian, Ukrainian,
     * Indonesian, Croatian, Estonian, Lithuanian, Latvian, Catalan */
    "napsal",
    "napsal(a)",
    "napsala",
    "napisal",
    "yazd\xc4\xb1",
    "\xe1\x84\x8c\xe1\x85\xa1\xe1\x86\xa8\xe1\x84\x89\xe1\x85\xa5\xe1\x86\xbc",
    "\xce\xb5\xce\xb3\xcf\x81\xce\xb1\xcf\x88\xce\xb5",
    "a scris",
    "\xd0\xbd\xd0\xb0\xd0\xbf\xd0\xb8\xd1\x81\xd0\xb0\xd0\xb2",
    "menulis",
    "napisao",
    "kirjutas",
    "rase",
    "rakstija",
    "va escriure",
};

/* First words of attribution lines ("On", "Vào", "Le", "Am", "El", "Il",
 * "Op", "Em", "Den", "W dniu", "Dnia", "In data"); a digit also starts
 * one. */
static const char *const starters[] = {
    "on", "vao", "luc", "ngay", "le",     "am",   "el",
    "il", "op",  "em",  "den",  "w dniu", "dnia", "in data",
};

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
		if ((c == ':' || c == '.') && k > 0 && k + 2 < l->len &&
		    l->s[k - 1] >= '0' && l->s[k - 1] <= '9' &&
		    l->s[k + 1] >= '0' && l->s[k + 1] <= '5' &&
		    l->s[k + 2] >= '0' && l->s[k + 2] <= '9' &&
		    (k + 3 == l->len || l->s[k + 3] < '0' ||
		     l->s[k + 3] > '9')) {
			e->time = true;
		}
	}
}

static bool has_evidence(const struct evidence *e)
{
	return e->digit && (e->at || e->time || e->year);
}

bool reply_starts_attribution(const struct probe *p)
{
	const char *s = p->head;
	size_t len = p->head_len;

	while (len > 0 && (*s == '-' || *s == ' ')) { /* Zoho's "---- On" */
		s++;
		len--;
	}
	for (size_t i = 0; i < ARRAY_SIZE(starters); i++) {
		if (text_fold_starts_word(s, len, starters[i])) {
			return true;
		}
	}
	return len > 0 && s[0] >= '0' && s[0] <= '9';
}

enum verb {
	VERB_NONE,    /* ends in no way an attribution ends */
	VERB_COLON,   /* ends with ':' in some other way */
	VERB_BARE,    /* ends with a verb but no colon ("... wrote") */
	VERB_ADDRESS, /* ends with "<address>:" */
	VERB_KNOWN,   /* ends with a verb and a colon ("... wrote:") */
};

/* Length of the folded tail without trailing blanks, dashes (Zoho's
 * "wrote ----") and a colon; *colon_r tells whether one was there. */
static size_t tail_core(const struct probe *p, bool *colon_r)
{
	size_t len = p->tail_len;

	*colon_r = false;
	while (len > 0 &&
	       (p->tail[len - 1] == ' ' || p->tail[len - 1] == '-')) {
		len--;
	}
	if (len > 0 && p->tail[len - 1] == ':') {
		*colon_r = true;
		len--;
		while (len > 0 && p->tail[len - 1] == ' ') {
			len--;
		}
	}
	return len;
}

/* The raw line ends with "<...@...>:" (or "(...@...):"). */
static bool ends_with_address(const struct line *l)
{
	size_t e = l->len;

	while (e > 0 && (l->s[e - 1] == ' ' || l->s[e - 1] == '-')) {
		e--;
	}
	if (e < 3 || l->s[e - 1] != ':') {
		return false;
	}
	e--;
	while (e > 0 && l->s[e - 1] == ' ') {
		e--;
	}
	if (e == 0 ||
	    (l->s[e - 1] != '>' && l->s[e - 1] != ')' && l->s[e - 1] != ']')) {
		return false;
	}
	for (size_t k = e - 1; k > 0; k--) {
		char c = l->s[k - 1];

		if (c == '@') {
			return true;
		}
		if (c == '<' || c == '(' || c == '[' || c == ' ') {
			return false;
		}
	}
	return false;
}

/* ">:" alone on a line: the end of an address wrapped before its
 * closing bracket ("... skrev A <a@b.no\n>:"), which reads as a quoted
 * line. */
static bool bracket_tail(const struct line *l)
{
	size_t i = 0;

	while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t')) {
		i++;
	}
	return l->len - i >= 2 && l->s[i] == '>' && l->s[l->len - 1] == ':' &&
	       l->len - i <= 3;
}

/* Fills p->tail.  A line that does not end with ':' can only end with a
 * bare verb, which counts only after a starter (first: the probe of the
 * attribution's first line). */
static enum verb verb_of(const struct line *l, struct probe *p,
			 const struct probe *first)
{
	size_t len = l->len;
	bool colon;

	while (len > 0 && (l->s[len - 1] == ' ' || l->s[len - 1] == '-')) {
		len--;
	}
	if (len == 0 ||
	    (l->s[len - 1] != ':' && !reply_starts_attribution(first))) {
		return VERB_NONE;
	}
	reply_probe_tail(l, p);
	len = tail_core(p, &colon);
	for (size_t i = 0; i < ARRAY_SIZE(verbs); i++) {
		size_t n = strlen(verbs[i]);

		if (len >= n && memcmp(p->tail + len - n, verbs[i], n) == 0 &&
		    (len == n || !text_fold_is_alnum(p->tail[len - n - 1]))) {
			return colon ? VERB_KNOWN : VERB_BARE;
		}
	}
	if (ends_with_address(l)) {
		return VERB_ADDRESS;
	}
	return colon ? VERB_COLON : VERB_NONE;
}

/* The first word of the line holds an address ("a@b.vn> wrote:"). */
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

/* "Nguyễn Văn A <a@b.vn> wrote:", "Nguyễn Văn A wrote:": before the verb,
 * a sender (an address and a few words) or a name (a few words, most of
 * them capitalised, no punctuation). */
static bool sender_shape(const struct line *l)
{
	size_t i = 0, words = 0, caps = 0;
	bool at = memchr(l->s, '@', l->len) != NULL, punct = false,
	     start = true;

	while (i < l->len) {
		int32_t cp = text_utf8_next(l->s, l->len, &i);

		if (cp == ' ' || cp == '\t') {
			start = true;
			continue;
		}
		if (start) {
			words++;
			caps += cp > 0 && utf8proc_isupper(cp);
			start = false;
		}
		punct |= cp == ',' || cp == '.' || cp == ';' || cp == '!' ||
			 cp == '?';
	}
	words = words > 0 ? words - 1 : 0; /* the verb */
	if (at) {
		return words <= SENDER_WORDS;
	}
	return !punct && words > 0 && words <= NAME_WORDS && caps * 2 >= words;
}

/* Whether lines i .. i + k - 1 (k >= 2) may be one wrapped
 * attribution: the first starts one (or ends where an address opens, or
 * the second starts with the address), the others do not. */
static bool wrap_ok(const struct lines *ls, size_t i, size_t k,
		    const struct probe *first)
{
	const struct line *l = &ls->v[i];
	struct probe q;

	for (size_t j = i + 1; j < i + k; j++) {
		reply_probe_head(&ls->v[j], &q);
		if (reply_starts_attribution(&q)) {
			return false;
		}
	}
	return reply_starts_attribution(first) ||
	       (k == 2 && (l->s[l->len - 1] == '<' || l->s[l->len - 1] == '(' ||
			   first_word_has_at(&ls->v[i + 1]) ||
			   bracket_tail(&ls->v[i + 1])));
}

void reply_attribution_at(const struct lines *ls, size_t i,
			  const struct probe *p, struct attribution *a_r)
{
	size_t total = 0;

	a_r->n = 0;
	for (size_t k = 1; k <= ATTRIBUTION_LINES && i + k <= ls->n; k++) {
		const struct line *last = &ls->v[i + k - 1];
		struct evidence e = {false, false, false, false};
		struct probe q;
		enum verb v;

		if (k > 1 && bracket_tail(last) &&
		    memchr(ls->v[i + k - 2].s, '@', ls->v[i + k - 2].len)) {
			v = VERB_ADDRESS;
		} else if (last->kind != LINE_TEXT) {
			return;
		} else {
			v = verb_of(last, &q, p);
		}
		total += last->len;
		if (total > ATTRIBUTION_MAX) {
			return;
		}
		if (v == VERB_NONE || (k > 1 && !wrap_ok(ls, i, k, p))) {
			continue;
		}
		for (size_t j = i; j < i + k; j++) {
			scan_evidence(&ls->v[j], &e);
		}
		/* A bare verb only after a starter ("On ... wrote"). */
		if (v == VERB_BARE &&
		    !(reply_starts_attribution(p) && (e.at || e.time))) {
			continue;
		}
		a_r->n = k;
		a_r->known = v != VERB_COLON;
		a_r->evidence = has_evidence(&e);
		a_r->sender =
		    k == 1 && (v == VERB_KNOWN || v == VERB_ADDRESS) &&
		    !reply_starts_attribution(p) && sender_shape(last);
		if (a_r->evidence || a_r->sender) {
			return;
		}
		a_r->n = 0;
	}
}

/* Yahoo writes the attribution and the quoted text on one line: "On Mon,
 * Nov 23, 2026 at 9:00, A <a@b.vn> wrote:   Dear colleagues,". */
bool reply_merged_attribution(const struct line *l, const struct probe *p)
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
