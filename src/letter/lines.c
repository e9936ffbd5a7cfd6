/* Lines, two-column cells and list items of a folded letter. */
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

void letter_lines_split(const struct text_folded *ft, struct lines *lines_r)
{
	size_t n = 1;
	size_t start = 0;

	for (size_t i = 0; i < ft->len; i++) {
		n += ft->f[i] == '\n' ? 1 : 0;
	}
	lines_r->v = xcalloc(n, sizeof(*lines_r->v));
	lines_r->n = 0;
	for (size_t i = 0; i <= ft->len; i++) {
		if (i == ft->len || ft->f[i] == '\n') {
			lines_r->v[lines_r->n].s = start;
			lines_r->v[lines_r->n].e = i;
			lines_r->n++;
			start = i + 1;
		}
	}
}

void letter_lines_free(struct lines *lines)
{
	FREE_AND_NULL(lines->v);
	lines->n = 0;
}

/* The length of the column gap at pos (a tab, or 3+ spaces), else 0. */
static size_t gap_at(const char *f, size_t pos, size_t end)
{
	size_t e = pos;

	if (pos < end && f[pos] == '\t') {
		return text_fold_skip_blank(f, pos, end, false) - pos;
	}
	while (e < end && f[e] == ' ') {
		e++;
	}
	if (e - pos >= 3 || (e > pos && e < end && f[e] == '\t')) {
		return text_fold_skip_blank(f, pos, end, false) - pos;
	}
	return 0;
}

static size_t trim_end(const char *f, size_t pos, size_t end)
{
	while (end > pos && text_fold_is_blank(f[end - 1])) {
		end--;
	}
	return end;
}

bool letter_cell_first(const char *f, size_t pos, size_t end, size_t *s_r,
		       size_t *e_r)
{
	size_t i;

	pos = text_fold_skip_blank(f, pos, end, false);
	for (i = pos; i < end; i++) {
		if (gap_at(f, i, end) > 0) {
			break;
		}
	}
	*s_r = pos;
	*e_r = trim_end(f, pos, i);
	return *e_r > *s_r;
}

bool letter_cell_last(const char *f, size_t pos, size_t end, size_t *s_r,
		      size_t *e_r)
{
	size_t start;

	pos = text_fold_skip_blank(f, pos, end, false);
	start = pos;
	for (size_t i = pos; i < end; i++) {
		size_t g = gap_at(f, i, end);

		if (g > 0) {
			if (i + g < end) {
				start = i + g;
			}
			i += g - 1;
		}
	}
	*s_r = start;
	*e_r = trim_end(f, start, end);
	return *e_r > *s_r;
}

size_t letter_line_indent(const char *f, size_t pos, size_t end)
{
	size_t n = 0;

	for (; pos < end && text_fold_is_blank(f[pos]); pos++) {
		n += f[pos] == '\t' ? 8 : 1;
	}
	return n;
}

bool letter_list_marker(const char *f, size_t pos, size_t end, size_t *item_r)
{
	pos = text_fold_skip_blank(f, pos, end, false);
	if (pos >= end || (f[pos] != '-' && f[pos] != '+' && f[pos] != '*')) {
		return false;
	}
	while (pos < end && (f[pos] == '-' || f[pos] == '+' || f[pos] == '*')) {
		pos++;
	}
	*item_r = text_fold_skip_blank(f, pos, end, false);
	return true;
}

void letter_strv_push(struct strv *sv, char *s)
{
	if (sv->n + 1 >= sv->alloc) {
		sv->alloc = sv->alloc ? 2 * sv->alloc : 8;
		sv->v = xrealloc(sv->v, sv->alloc * sizeof(*sv->v));
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

/* Removes list dashes in front and ';' ',' '.' "./." behind. */
static void item_strip(char *s)
{
	size_t n = strlen(s);
	size_t start = 0;

	while (n > 0 && (strchr(";,. ", s[n - 1]) ||
			 (s[n - 1] == '/' && n > 1 && s[n - 2] == '.'))) {
		n--;
	}
	while (start < n && strchr("-+* ", s[start])) {
		start++;
	}
	memmove(s, s + start, n - start);
	s[n - start] = '\0';
}

void letter_strv_push_item(struct strv *sv, char *s)
{
	if (!s) {
		return;
	}
	item_strip(s);
	if (s[0] == '\0' || sv->n >= LETTER_LIST_MAX) {
		free(s);
		return;
	}
	letter_strv_push(sv, s);
}

char **letter_strv_finish(struct strv *sv)
{
	char **v = sv->v;

	if (!v) {
		v = xcalloc(1, sizeof(*v));
	}
	sv->v = NULL;
	sv->n = sv->alloc = 0;
	return v;
}

void letter_strv_free(char **v)
{
	if (!v) {
		return;
	}
	for (size_t i = 0; v[i]; i++) {
		free(v[i]);
	}
	free(v);
}

/* Adds the ';'-separated items of folded [s, e). */
void letter_strv_add_split(const struct text_folded *ft, size_t s, size_t e,
			   struct strv *sv)
{
	size_t start = s;

	for (size_t i = s; i <= e; i++) {
		if (i == e || ft->f[i] == ';') {
			letter_strv_push_item(sv,
					      text_folded_copy(ft, start, i));
			start = i + 1;
		}
	}
}

/* Appends the text of a wrapped line to the last item. */
void letter_strv_append_last(const struct text_folded *ft, size_t s, size_t e,
			     struct strv *sv)
{
	char *more = text_folded_copy(ft, s, e);
	char *last = sv->v[sv->n - 1];

	if (!more) {
		return;
	}
	sv->v[--sv->n] = NULL;
	letter_strv_push_item(sv, xasprintf("%s %s", last, more));
	free(last);
	free(more);
}
