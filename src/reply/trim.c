/* reply_trim: one pass from the top over the line model.  Quoted lines
 * are dropped, quote headers directly above a quote are dropped with it,
 * and the first signature, separator, header block or attribution that
 * is not followed by a quote ends the new text.  What lies between quoted
 * blocks (answers written under each question) is kept. */
#include <stdint.h>
#include <string.h>

#include "private.h"

/* Marks dropped lines; returns the index where the history starts. */
static size_t scan(struct lines *ls)
{
	size_t i = 0, n;

	while (i < ls->n) {
		struct line *l = &ls->v[i];

		if (l->kind == LINE_QUOTED) {
			l->drop = true;
		}
		if (l->kind != LINE_TEXT) {
			i++;
			continue;
		}
		n = 1;
		switch (reply_marks_classify(ls, i, &n)) {
		case MARK_CUT:
			return i;
		case MARK_DROP:
			for (size_t k = i; k < i + n; k++) {
				ls->v[k].drop = true;
			}
			break;
		case MARK_NONE:
			break;
		}
		i += n;
	}
	return ls->n;
}

/* Moves end up over trailing blank, dropped and rule lines ("_____"
 * above an Outlook header block). */
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
	char *out;

	reply_lines_split(text, len, &ls);
	out = join(&ls, content_end(&ls, scan(&ls)));
	reply_lines_free(&ls);
	return out;
}

/* A cut at line i that starts quoted history, not a signature. */
static bool history_cut(const struct lines *ls, size_t i)
{
	struct probe p;

	if (i >= ls->n || reply_is_sig_delimiter(&ls->v[i])) {
		return false;
	}
	reply_probe_head(&ls->v[i], &p);
	return !reply_is_phone_signature(&p);
}

bool reply_has_history(const char *text, size_t len)
{
	struct lines ls;
	bool found;

	reply_lines_split(text, len, &ls);
	found = history_cut(&ls, scan(&ls));
	for (size_t i = 0; !found && i < ls.n; i++) {
		found = ls.v[i].drop;
	}
	reply_lines_free(&ls);
	return found;
}
