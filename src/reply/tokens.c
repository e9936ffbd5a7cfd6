/* The words and marks of a reply's first sentences, as the decision
 * (decision.c) and the commands stated in sentences (sentences.c) read
 * them: words of folded text (case, diacritics and normalisation gone),
 * and the punctuation that ends a clause, a sentence or a question; and
 * matching a phrase there, with or without the marks it must carry. */
#include <string.h>
#include <utf8proc.h>

#include "congvan/workday.h"
#include "private.h"

static void push(struct reply_tokens *r, enum reply_tok_kind k, size_t fs,
		 size_t fe)
{
	if (r->n == REPLY_TOKENS_MAX) {
		return;
	}
	if (k != REPLY_TOK_WORD && r->n > 0 &&
	    r->t[r->n - 1].kind != REPLY_TOK_WORD) {
		/* the stronger of two marks in a row */
		if (k > r->t[r->n - 1].kind) {
			r->t[r->n - 1].kind = k;
		}
		return;
	}
	r->t[r->n].kind = k;
	r->t[r->n].fs = fs;
	r->t[r->n].fe = fe;
	r->n++;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A byte of a word: a letter or digit, '/' ("20/12/2026", "đ/c"); with
 * dates, '.' between two digits ("20.12.2026") and '-' between two
 * letters or digits ("VU-PC") too. */
static bool word_byte(const struct reply_tokens *r, size_t p)
{
	const char *f = r->ft.f;

	if (text_fold_is_alnum(f[p]) || f[p] == '/') {
		return true;
	}
	return r->dates && (f[p] == '.' || f[p] == '-') && p > 0 &&
	       p + 1 < r->ft.len && text_fold_is_alnum(f[p - 1]) &&
	       text_fold_is_alnum(f[p + 1]) &&
	       (f[p] == '-' || (is_digit(f[p - 1]) && is_digit(f[p + 1])));
}

/* A line break: a blank line ends a sentence; a line that starts with a
 * capital, a digit or a bullet starts a clause. */
static void line_break(struct reply_tokens *r, size_t p)
{
	const char *f = r->ft.f;
	size_t q = text_fold_skip_blank(f, p + 1, r->ft.len, false), at;
	int32_t cp;

	if (q >= r->ft.len || f[q] == '\n') {
		push(r, REPLY_TOK_SENTENCE, p, p);
		return;
	}
	at = r->ft.off[q];
	cp = text_utf8_next(r->ft.orig, r->ft.orig_len, &at);
	if (!(cp > 0 && utf8proc_islower(cp))) {
		push(r, REPLY_TOK_CLAUSE, p, p);
	}
}

/* Whether the character of the original at folded position q is a
 * lower-case letter. */
static bool lower_at(const struct reply_tokens *r, size_t q)
{
	size_t at = r->ft.off[q];
	int32_t cp = text_utf8_next(r->ft.orig, r->ft.orig_len, &at);

	return cp > 0 && utf8proc_islower(cp);
}

/* Whether the full stop at p, right after a word, is an abbreviation's
 * that what follows on the line continues, so that it ends no sentence:
 * a month's abbreviation before a number ("Dec. 20, 2026"), a place's kind
 * before its name ("TP. Hồ Chí Minh", "Tp. Huế", "Q. Ba Đình", "P. Bến Nghé",
 * "TX. Sơn Tây", "TT. Đông Anh"), a title before a name ("Ms. Lan", "Mr.
 * Binh"), "v.v." before a lower-case word or a number
 * ("v.v. phối hợp"). */
static bool abbreviation_dot(const struct reply_tokens *r, size_t p)
{
	static const char *const places[] = {"tp", "q", "p", "tx", "tt"};
	static const char *const titles[] = {"mr", "ms", "mrs", "dr"};
	const struct reply_tok *k = r->n > 0 ? &r->t[r->n - 1] : NULL;
	const char *f = r->ft.f;
	size_t q = text_fold_skip_blank(f, p + 1, r->ft.len, false), n;
	int month;

	if (!k || k->kind != REPLY_TOK_WORD || k->fe != p || q >= r->ft.len ||
	    f[q] == '\n') {
		return false;
	}
	n = k->fe - k->fs;
	/* an abbreviation ("Dec", "Sept"), never "May" ("máy" folded) */
	if (n <= 4 && memcmp(f + k->fs, "may", n) != 0 &&
	    workday_read_month(f, k->fs, p, &month) == p) {
		return is_digit(f[q]);
	}
	for (size_t i = 0; i < ARRAY_SIZE(places); i++) {
		if (strlen(places[i]) == n &&
		    !memcmp(f + k->fs, places[i], n)) {
			return text_fold_is_alnum(f[q]);
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(titles); i++) {
		if (strlen(titles[i]) == n &&
		    !memcmp(f + k->fs, titles[i], n)) {
			/* before a name: "Ms. Lan" */
			return text_fold_is_alnum(f[q]) && !lower_at(r, q);
		}
	}
	return n == 1 && f[k->fs] == 'v' && k->fs >= 2 && f[k->fs - 1] == '.' &&
	       f[k->fs - 2] == 'v' &&
	       (k->fs == 2 || !text_fold_is_alnum(f[k->fs - 3])) &&
	       (is_digit(f[q]) || lower_at(r, q));
}

/* Punctuation at p: what it ends, if anything. */
static void punct(struct reply_tokens *r, size_t p)
{
	const char *f = r->ft.f;
	char c = f[p], next = p + 1 < r->ft.len ? f[p + 1] : ' ';
	bool spaced = next == ' ' || next == '\t' || next == '\n' ||
		      next == ')' || next == '"' || next == '\'';
	size_t o = r->ft.off[p];

	if (c == '?' || (r->ft.orig_len - o >= 3 &&
			 memcmp(r->ft.orig + o, "\xef\xbc\x9f", 3) == 0)) {
		push(r, REPLY_TOK_QUESTION, p, p);
	} else if ((c == '.' || c == '!' || (c == ':' && !r->dates)) &&
		   spaced && !(c == '.' && abbreviation_dot(r, p))) {
		push(r, REPLY_TOK_SENTENCE, p, p);
	} else if (c == ',' || c == ';' || c == '(' || c == ')' ||
		   (c == '-' && !r->dates && p > 0 && f[p - 1] == ' ' &&
		    next == ' ')) {
		push(r, REPLY_TOK_CLAUSE, p, p);
	} else if (c == '\n') {
		line_break(r, p);
	}
}

void reply_tokens_read(struct reply_tokens *r, const char *text, size_t len,
		       bool dates)
{
	size_t p = 0;

	text_folded_init(&r->ft, text ? text : "", text ? len : 0);
	r->t = xmalloc(REPLY_TOKENS_MAX * sizeof(*r->t));
	r->n = 0;
	r->dates = dates;
	while (p < r->ft.len && r->n < REPLY_TOKENS_MAX) {
		if (word_byte(r, p)) {
			size_t s = p;

			while (p < r->ft.len && word_byte(r, p)) {
				p++;
			}
			push(r, REPLY_TOK_WORD, s, p);
			continue;
		}
		punct(r, p);
		p++;
	}
	push(r, REPLY_TOK_SENTENCE, r->ft.len, r->ft.len);
}

void reply_tokens_release(struct reply_tokens *r)
{
	FREE_AND_NULL(r->t);
	r->n = 0;
	text_folded_release(&r->ft);
}

/* --- matching ------------------------------------------------------------ */

/* The longest abbreviation below. */
#define ABBREVIATION_MAX 3

/* How "không" is shortened when typed in haste, on a phone above all
 * ("Vụ em ko đồng ý", "k đồng ý", "khg"): read as the word itself.  Each
 * starts with the word's first letter (patterns are sorted out by it). */
static const struct {
	const char *abbr, *word; /* folded */
} abbreviations[] = {
    {"ko", "khong"},
    {"k", "khong"},
    {"khg", "khong"},
};

/* Whether word token t is the folded word w[0..wlen), or an
 * abbreviation of it. */
static bool word_is(const struct reply_tokens *r, size_t t, const char *w,
		    size_t wlen)
{
	const struct reply_tok *k = &r->t[t];
	const char *f = r->ft.f + k->fs;
	size_t flen = k->fe - k->fs;

	if (k->kind != REPLY_TOK_WORD) {
		return false;
	}
	if (flen == wlen) {
		return memcmp(f, w, wlen) == 0;
	}
	if (flen > ABBREVIATION_MAX) {
		return false; /* the common case: no abbreviation */
	}
	for (size_t i = 0; i < ARRAY_SIZE(abbreviations); i++) {
		if (strlen(abbreviations[i].abbr) == flen &&
		    memcmp(f, abbreviations[i].abbr, flen) == 0 &&
		    strlen(abbreviations[i].word) == wlen &&
		    memcmp(abbreviations[i].word, w, wlen) == 0) {
			return true;
		}
	}
	return false;
}

bool reply_tokens_marks_match(const struct reply_tokens *r, size_t t,
			      const char *precise, size_t plen)
{
	const char *o = r->ft.orig;
	size_t i = r->ft.off[r->t[t].fs], j = 0;
	size_t end =
	    r->t[t].fe < r->ft.len ? r->ft.off[r->t[t].fe] : r->ft.orig_len;
	bool ascii = true;

	for (size_t k = i; k < end; k++) {
		ascii = ascii && (unsigned char)o[k] < 0x80;
	}
	if (ascii) {
		return true;
	}
	while (i < end && j < plen) {
		int32_t a = text_utf8_next(o, end, &i);
		int32_t b = text_utf8_next(precise, plen, &j);

		if (a < 0 || utf8proc_tolower(a) != b) {
			return false;
		}
	}
	return i == end && j == plen;
}

/* Words that end a Vietnamese question as its last word ("Xong chưa"),
 * and words of address that may follow them ("Xong chưa em", "Được
 * không anh ạ"). */
static const struct {
	const char *folded, *precise;
} question_words[] = {{"khong", NULL},
		      {"chua", "chưa"},
		      {"nhi", "nhỉ"},
		      {"chu", "chứ"}},
  address_words[] = {
      {"a", "ạ"},     {"em", "em"},   {"anh", "anh"},
      {"chi", "chị"}, {"ban", "bạn"}, {"vay", "vậy"},
};

static bool word_in(const struct reply_tokens *r, size_t t, size_t e,
		    const char *folded, const char *precise)
{
	return r->t[t].kind == REPLY_TOK_WORD &&
	       reply_tokens_match(r, t, e, folded, precise) == 1;
}

bool reply_tokens_question(const struct reply_tokens *r, size_t ss, size_t se)
{
	size_t last = se, q = 0;

	if (se < r->n && r->t[se].kind == REPLY_TOK_QUESTION) {
		return true;
	}
	for (size_t i = 0; i < 2 && last > ss + 2; i++) {
		for (size_t k = 0; k < ARRAY_SIZE(address_words); k++) {
			if (word_in(r, last - 1, se, address_words[k].folded,
				    address_words[k].precise)) {
				last--;
				break;
			}
		}
	}
	if (last < ss + 2 || word_in(r, last - 2, se, "hang", "hàng")) {
		return false; /* one word ("Chưa ạ."), "Cục Hàng không" */
	}
	for (size_t k = 0; k < ARRAY_SIZE(question_words); k++) {
		q += word_in(r, last - 1, se, question_words[k].folded,
			     question_words[k].precise);
	}
	return q > 0 && r->t[last - 2].kind == REPLY_TOK_WORD;
}

size_t reply_tokens_match(const struct reply_tokens *r, size_t t, size_t end,
			  const char *pat, const char *precise)
{
	size_t n = 0;

	while (*pat) {
		const char *sp = strchr(pat, ' ');
		size_t wlen = sp ? (size_t)(sp - pat) : strlen(pat);

		if (t + n >= end || !word_is(r, t + n, pat, wlen)) {
			return 0;
		}
		if (precise) {
			const char *psp = strchr(precise, ' ');
			size_t plen =
			    psp ? (size_t)(psp - precise) : strlen(precise);

			if (!reply_tokens_marks_match(r, t + n, precise,
						      plen)) {
				return 0;
			}
			precise += plen + (psp != NULL);
		}
		n++;
		pat += wlen + (sp != NULL);
	}
	return n;
}
