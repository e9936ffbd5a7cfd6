/* The end of a letter: the "Nơi nhận:" list and the signature block, in
 * either order, and in two columns the way exports flatten them. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "congvan/util.h"
#include "private.h"

#define RIGHT_COLUMN                                                           \
	10 /* indentation of a line only the right column holds                \
	    */
#define TITLE_LINES 4
#define TITLE_WALK  12
#define TITLE_MAX   120

/* The last line whose first cell starts with "Nơi nhận"; what follows
 * it in that cell goes into [*s_r, *e_r). */
static size_t find_heading(const struct text_folded *ft, const struct lines *ls,
			   size_t *s_r, size_t *e_r)
{
	for (size_t i = ls->n; i-- > 0;) {
		size_t cs, ce, e;

		if (!letter_cell_first(ft->f, ls->v[i].s, ls->v[i].e, &cs,
				       &ce)) {
			continue;
		}
		e = text_fold_word(ft->f, cs, ce, "noi nhan");
		if (e > 0) {
			e = text_fold_skip_blank(ft->f, e, ce, false);
			*s_r = e < ce && ft->f[e] == ':' ? e + 1 : e;
			*e_r = ce;
			return i;
		}
	}
	return NO_LINE;
}

/* "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "TM. ỦY BAN NHÂN DÂN"... */
static bool title_like(const struct text_folded *ft, size_t s, size_t e)
{
	static const char *const prefixes[] = {
	    "kt .", "tl .", "tm .", "q .", "tuq .", "ttl .", "k / t", "t / l",
	};
	size_t upper, lower, digits;

	if (e - s > TITLE_MAX || ft->f[e - 1] == ':') {
		return false;
	}
	letter_folded_count(ft, s, e, &upper, &lower, &digits);
	if (digits > 0) {
		return false;
	}
	for (size_t k = 0; k < ARRAY_SIZE(prefixes); k++) {
		if (text_fold_match(ft->f, s, e, prefixes[k]) > 0) {
			return true;
		}
	}
	return upper >= 2 && lower == 0;
}

/* The right column's title that a flattened line carries after the
 * left column's text ("- Như trên; KT. CHỦ TỊCH", "Nơi nhận: TM. ỦY BAN
 * NHÂN DÂN"): after the last ';' of a list item, or after the heading's
 * colon, two words or more in capitals.  Into *c_r; false when none. */
static bool flat_title(const struct text_folded *ft, size_t s, size_t e,
		       struct line *c_r)
{
	const char *f = ft->f;
	size_t cut = 0, h = text_fold_word(f, s, e, "noi nhan"), item;

	if (h > 0) {
		h = text_fold_skip_blank(f, h, e, false);
		cut = h < e && f[h] == ':' ? h + 1 : 0;
	} else if (letter_list_marker(f, s, e, &item)) {
		for (size_t i = item; i < e; i++) {
			cut = f[i] == ';' ? i + 1 : cut;
		}
	}
	if (cut == 0 || !letter_cell_first(f, cut, e, &c_r->s, &c_r->e)) {
		return false;
	}
	for (size_t i = c_r->s; i < c_r->e; i++) {
		if (text_fold_is_blank(f[i])) {
			return title_like(ft, c_r->s, c_r->e);
		}
	}
	return false;
}

struct dist_state {
	struct strv sv;
	bool gap, open;
};

/* One line after "Nơi nhận:"; false when the list has ended. */
static bool dist_line(const struct text_folded *ft, const struct line *ln,
		      struct dist_state *st)
{
	size_t cs, ce, item;
	struct line title;
	bool open = st->open;

	if (!letter_cell_first(ft->f, ln->s, ln->e, &cs, &ce)) {
		st->gap = true;
		return true;
	}
	if (letter_line_indent(ft->f, ln->s, ln->e) >= RIGHT_COLUMN) {
		return !st->gap;
	}
	if (flat_title(ft, cs, ce, &title)) {
		ce = title.s; /* the title beside the item is no part of it */
	}
	st->open = !strchr(";.", ft->f[ce - 1]);
	if (letter_list_marker(ft->f, cs, ce, &item)) {
		letter_strv_push_item(&st->sv, text_folded_copy(ft, item, ce));
	} else if (st->sv.n > 0 && !st->gap && open &&
		   letter_starts_lower(ft, cs)) {
		letter_strv_append_last(ft, cs, ce, &st->sv);
	} else {
		return false;
	}
	st->gap = false;
	return true;
}

bool letter_sign_find_distribution(const struct text_folded *ft,
				   const struct lines *ls, struct letter *l)
{
	struct dist_state st = {{NULL, 0, 0}, false, false};
	size_t cs, ce;
	size_t i = find_heading(ft, ls, &cs, &ce);

	if (i == NO_LINE) {
		return false;
	}
	/* "Nơi nhận: KT. BỘ TRƯỞNG" flattened from two columns. */
	if (letter_cell_first(ft->f, cs, ce, &cs, &ce) &&
	    !title_like(ft, cs, ce)) {
		letter_strv_push_item(&st.sv, text_folded_copy(ft, cs, ce));
		st.open = !strchr(";.", ft->f[ce - 1]);
	}
	for (size_t j = i + 1; j < ls->n && st.sv.n < LETTER_LIST_MAX; j++) {
		if (!dist_line(ft, &ls->v[j], &st)) {
			break;
		}
	}
	letter_strv_free(l->distribution);
	l->distribution = letter_strv_finish(&st.sv);
	return true;
}

/* Whether the character at folded position i is a letter (of any
 * script); false for punctuation, symbols, digits. */
static bool letter_at(const struct text_folded *ft, size_t i)
{
	int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate(
	    (const utf8proc_uint8_t *)ft->orig + ft->off[i],
	    (utf8proc_ssize_t)(ft->orig_len - ft->off[i]), &cp);

	return n > 0 && utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU &&
	       utf8proc_category(cp) <= UTF8PROC_CATEGORY_LO;
}

/* [s, e) without the stray marks OCR leaves around a name under a stamp
 * ("` “Dương Thu Hải", "Phan Thị Nam ."). */
static void trim_marks(const struct text_folded *ft, size_t *s, size_t *e)
{
	while (*s < *e &&
	       (text_fold_is_blank(ft->f[*s]) || !letter_at(ft, *s))) {
		(*s)++;
	}
	while (*e > *s &&
	       (text_fold_is_blank(ft->f[*e - 1]) || !letter_at(ft, *e - 1))) {
		(*e)--;
	}
}

/* Whether folded [s, e), stray marks aside, is a name: into c_r. */
static bool name_cell(const struct text_folded *ft, size_t s, size_t e,
		      struct line *c_r)
{
	if (letter_is_name(ft->orig + ft->off[s], ft->off[e] - ft->off[s])) {
		c_r->s = s;
		c_r->e = e;
		return true;
	}
	trim_marks(ft, &s, &e);
	if (e > s &&
	    letter_is_name(ft->orig + ft->off[s], ft->off[e] - ft->off[s])) {
		c_r->s = s;
		c_r->e = e;
		return true;
	}
	return false;
}

/* A name in the last or the first cell of line ln. */
static bool name_in_line(const struct text_folded *ft, const struct line *ln,
			 struct line *c_r)
{
	size_t s, e;

	if (letter_cell_last(ft->f, ln->s, ln->e, &s, &e) &&
	    name_cell(ft, s, e, c_r)) {
		return true;
	}
	return letter_cell_first(ft->f, ln->s, ln->e, &s, &e) &&
	       name_cell(ft, s, e, c_r);
}

/* Lines a signature block may hold between its title and the name:
 * "(Đã ký)", "[daky]", list items of a "Nơi nhận" beside it... */
static bool skip_in_block(const char *f, size_t s, size_t e)
{
	size_t item;

	return f[s] == '(' || f[s] == '[' ||
	       letter_list_marker(f, s, e, &item) ||
	       letter_is_separator(f, s, e) ||
	       text_fold_word(f, s, e, "noi nhan") ||
	       text_fold_word(f, s, e, "da ky") ||
	       text_fold_word(f, s, e, "ky boi") ||
	       text_fold_word(f, s, e, "ky ten");
}

/* The title lines above the name on line i, joined with " - ". */
static char *find_title(const struct text_folded *ft, const struct lines *ls,
			size_t i)
{
	struct line titles[TITLE_LINES];
	size_t n = 0;
	struct sbuf sb = SBUF_INIT(1024);

	for (size_t k = i; k-- > 0 && i - k <= TITLE_WALK && n < TITLE_LINES;) {
		struct line c;

		if (!letter_cell_last(ft->f, ls->v[k].s, ls->v[k].e, &c.s,
				      &c.e)) {
			continue;
		}
		if (skip_in_block(ft->f, c.s, c.e)) {
			if (flat_title(ft, c.s, c.e, &c)) {
				titles[n++] = c;
			}
			continue;
		}
		if (!title_like(ft, c.s, c.e)) {
			break;
		}
		titles[n++] = c;
	}
	while (n-- > 0) {
		char *t = text_folded_copy(ft, titles[n].s, titles[n].e);

		if (t) {
			sbuf_adds(&sb, sb.len > 0 ? " - " : "");
			sbuf_adds(&sb, t);
		}
		free(t);
	}
	if (sb.len == 0) {
		sbuf_release(&sb);
		return NULL;
	}
	return sbuf_detach(&sb);
}

void letter_sign_find_signer(const struct text_folded *ft,
			     const struct lines *ls, struct letter *l)
{
	for (size_t i = ls->n; i-- > 0;) {
		struct line c;

		if (name_in_line(ft, &ls->v[i], &c)) {
			l->signer = text_folded_copy(ft, c.s, c.e);
			l->signer_title = find_title(ft, ls, i);
			return;
		}
	}
}
