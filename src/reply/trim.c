/* reply_trim: one pass from the top over the line model.  Quoted lines
 * are dropped, quote headers directly above a quote are dropped with it,
 * and the first signature, separator, header block or attribution that
 * is not followed by a quote ends the new text.  What lies between quoted
 * blocks (answers written under each question) is kept.  A mail that is
 * only a forward keeps the forwarded text.  Then rule lines, a legal
 * disclaimer, a sign-off and what is signed under it, a signature block
 * under a rule line, and a mailing list's footer go from the end. */
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "private.h"

/* Lines of a quoted paragraph wrapped without '>' (see broken_quote). */
#define BROKEN_QUOTE_LINES 3
/* Lines from the end within which a disclaimer may start. */
#define DISCLAIMER_LINES 40
/* Bytes of a line of a signature block under a rule line. */
#define SIGNED_LINE_MAX 160

/* Where the history starts (ls->n when nowhere) and what starts it. */
struct cut {
	size_t at;
	enum mark why; /* MARK_NONE when nothing does */
};

/* Lines of a quoted paragraph that a client wrapped without repeating
 * the '>': text lines right under a quoted line, starting in lower case,
 * with a quoted line right under them.  Returns how many (0: none). */
static size_t broken_quote(const struct lines *ls, size_t i)
{
	size_t j = i, at = 0;
	int32_t cp;

	if (i == 0 || ls->v[i - 1].kind != LINE_QUOTED) {
		return 0;
	}
	while (at < ls->v[i].len &&
	       (ls->v[i].s[at] == ' ' || ls->v[i].s[at] == '\t')) {
		at++;
	}
	cp = text_utf8_next(ls->v[i].s, ls->v[i].len, &at);
	if (cp <= 0 || !utf8proc_islower(cp)) {
		return 0;
	}
	while (j < ls->n && j < i + BROKEN_QUOTE_LINES &&
	       ls->v[j].kind == LINE_TEXT) {
		j++;
	}
	return j < ls->n && ls->v[j].kind == LINE_QUOTED ? j - i : 0;
}

/* Marks dropped lines from line `from` on and finds the cut. */
static void scan(struct lines *ls, size_t from, struct cut *c_r)
{
	size_t i = from, n;

	while (i < ls->n) {
		struct line *l = &ls->v[i];
		enum mark m;

		if (l->kind == LINE_QUOTED) {
			l->drop = true;
		}
		if (l->kind != LINE_TEXT) {
			i++;
			continue;
		}
		n = broken_quote(ls, i);
		for (size_t k = i; k < i + n; k++) {
			ls->v[k].drop = true;
		}
		if (n > 0) {
			i += n;
			continue;
		}
		n = 1;
		m = reply_marks_classify(ls, i, &n);
		if (m == MARK_HISTORY || m == MARK_FORWARD ||
		    m == MARK_SIGNATURE) {
			c_r->at = i;
			c_r->why = m;
			return;
		}
		for (size_t k = i; m == MARK_DROP && k < i + n; k++) {
			ls->v[k].drop = true;
		}
		i += n;
	}
	c_r->at = ls->n;
	c_r->why = MARK_NONE;
}

static bool kept_before(const struct lines *ls, size_t end)
{
	for (size_t i = 0; i < end; i++) {
		if (ls->v[i].kind == LINE_TEXT && !ls->v[i].drop) {
			return true;
		}
	}
	return false;
}

/* The line after the header of a forward that starts at line at: the
 * separator, blank lines, then the forwarded message's fields up to the
 * first blank line. */
static size_t forward_body(const struct lines *ls, size_t at)
{
	struct probe p;
	size_t j = at;

	reply_probe_head(&ls->v[j], &p);
	if (!reply_is_header_field(&p)) {
		j++; /* the separator */
		while (j < ls->n && ls->v[j].kind == LINE_BLANK) {
			j++;
		}
		if (j >= ls->n) {
			return j;
		}
		reply_probe_head(&ls->v[j], &p);
		if (!reply_is_header_field(&p)) {
			return j;
		}
	}
	while (j < ls->n && ls->v[j].kind != LINE_BLANK) {
		j++;
	}
	return j;
}

/* Scans the whole text; a mail that is only a forward keeps the
 * forwarded text as its new text. */
static size_t scan_all(struct lines *ls)
{
	struct cut c;

	scan(ls, 0, &c);
	while (c.why == MARK_FORWARD && !kept_before(ls, c.at)) {
		size_t body = forward_body(ls, c.at);

		for (size_t k = c.at; k < body; k++) {
			ls->v[k].drop = true;
		}
		scan(ls, body, &c);
	}
	return c.at;
}

/* Moves end up over trailing blank, dropped and rule lines ("_____"
 * above an Outlook header block, "***", "ᐧ"). */
static size_t content_end(const struct lines *ls, size_t end)
{
	while (end > 0) {
		const struct line *l = &ls->v[end - 1];

		if (l->kind == LINE_TEXT && !l->drop && !reply_is_rule(l)) {
			break;
		}
		end--;
	}
	return end;
}

/* A rule line drawn with at least three marks ("-----", "_____"; a
 * dash alone, "—", is punctuation). */
static bool long_rule(const struct line *l)
{
	size_t i = 0, marks = 0;

	if (!reply_is_rule(l)) {
		return false;
	}
	while (i < l->len) {
		int32_t cp = text_utf8_next(l->s, l->len, &i);

		marks += cp != ' ' && cp != '\t';
	}
	return marks >= 3;
}

/* The lines [from, end) read as a signature block: each short, none
 * ending a sentence ("Nguyễn Thị Lan | Chuyên viên | Vụ Pháp chế",
 * "ĐT: 024 2220 2345"), where a note under a rule ends with one. */
static bool signed_block(const struct lines *ls, size_t from, size_t end)
{
	bool any = false;

	for (size_t i = from; i < end; i++) {
		const struct line *l = &ls->v[i];

		if (l->kind != LINE_TEXT || l->drop) {
			continue;
		}
		if (l->len > SIGNED_LINE_MAX ||
		    strchr(".!?:", l->s[l->len - 1])) {
			return false;
		}
		any = true;
	}
	return any;
}

/* A sign-off ("Trân trọng,", "Best regards,") under some new text, a
 * line of underscores (a mailing list's footer), or a rule line over a
 * signature block, with at most SIGNOFF_LINES lines under it: the new
 * text ends above it. */
static size_t signoff_end(const struct lines *ls, size_t end)
{
	size_t below = 0, cut = end;

	for (size_t i = end; i > 0 && below <= SIGNOFF_LINES; i--) {
		const struct line *l = &ls->v[i - 1];
		struct probe p;

		if (l->kind != LINE_TEXT || l->drop) {
			continue;
		}
		below++;
		if (reply_is_footer_rule(l) ||
		    (long_rule(l) && kept_before(ls, i - 1) &&
		     signed_block(ls, i, end))) {
			cut = i - 1;
			continue;
		}
		if (l->len > SIGNOFF_MAX) {
			continue;
		}
		reply_probe_head(l, &p);
		if (reply_is_signoff(&p) && kept_before(ls, i - 1)) {
			cut = i - 1;
		}
	}
	return cut;
}

/* A legal disclaimer under some new text, starting a paragraph within
 * the last DISCLAIMER_LINES lines: the new text ends above it (and above
 * whatever boilerplate follows it). */
static size_t disclaimer_end(const struct lines *ls, size_t end)
{
	size_t cut = end, seen = 0;

	for (size_t i = end; i > 0 && seen < DISCLAIMER_LINES; i--) {
		const struct line *l = &ls->v[i - 1];
		struct probe p;

		if (l->kind != LINE_TEXT || l->drop) {
			continue;
		}
		seen++;
		if (i > 1 && ls->v[i - 2].kind == LINE_TEXT &&
		    !ls->v[i - 2].drop) {
			continue; /* not a paragraph's first line */
		}
		reply_probe_head(l, &p);
		if (reply_is_disclaimer(&p) && kept_before(ls, i - 1)) {
			cut = i - 1;
		}
	}
	return cut;
}

/* Joins the kept lines of ls->v[0..end).  Blank lines at both ends go;
 * where something was removed between two kept lines, exactly one blank
 * line separates them. */
static char *join(const struct lines *ls, size_t end)
{
	struct sbuf out = SBUF_INIT(SIZE_MAX / 2);
	size_t blanks = 0;
	bool started = false, gap = false;

	for (size_t i = 0; i < end; i++) {
		const struct line *l = &ls->v[i];

		if (l->drop) {
			gap = started;
			continue;
		}
		if (l->kind == LINE_BLANK) {
			blanks++;
			continue;
		}
		if (started) {
			sbuf_add(&out, "\n\n", gap ? 2 : 1);
			for (size_t k = 0; !gap && k < blanks; k++) {
				sbuf_addch(&out, '\n');
			}
		}
		sbuf_add(&out, l->s, l->len);
		started = true;
		gap = false;
		blanks = 0;
	}
	return sbuf_detach(&out);
}

char *reply_trim(const char *text, size_t len)
{
	struct lines ls;
	size_t end;
	char *out;

	reply_lines_split(text, len, &ls);
	end = content_end(&ls, scan_all(&ls));
	end = content_end(&ls, disclaimer_end(&ls, end));
	out = join(&ls, content_end(&ls, signoff_end(&ls, end)));
	reply_lines_free(&ls);
	return out;
}

bool reply_has_history(const char *text, size_t len)
{
	struct lines ls;
	struct cut c;
	bool found;

	reply_lines_split(text, len, &ls);
	scan(&ls, 0, &c);
	found = c.why == MARK_HISTORY || c.why == MARK_FORWARD;
	for (size_t i = 0; !found && i < ls.n; i++) {
		found = ls.v[i].drop;
	}
	reply_lines_free(&ls);
	return found;
}
