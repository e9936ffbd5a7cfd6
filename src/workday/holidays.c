/* The holiday file (its format is in congvan/workday.h): read line by
 * line, every problem collected as "FILE:LINE: expected ...", and the
 * calendar's lists built only when there was none. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

/* Past this many, the rest are only counted, as in the config module. */
#define MAX_ERRORS_SHOWN 50
/* The most bytes of a bad field a message repeats. */
#define ECHO_MAX 40

struct entry {
	int32_t day;
	int line;
	bool work;
};

struct hol_error {
	int line; /* 0: the file as a whole */
	size_t seq;
	char *msg;
};

struct reader {
	const char *name;
	struct entry *entries;
	size_t nentries;
	size_t alloc;
	struct hol_error *errors;
	size_t nerrors;
};

static void reader_error(struct reader *rd, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void reader_error(struct reader *rd, int line, const char *fmt, ...)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	struct hol_error *e;
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	rd->errors =
	    xrealloc(rd->errors, (rd->nerrors + 1) * sizeof(*rd->errors));
	e = &rd->errors[rd->nerrors];
	e->line = line;
	e->seq = rd->nerrors;
	e->msg = sbuf_detach(&sb);
	rd->nerrors++;
}

/* A field as messages show it: at most ECHO_MAX bytes, not cut inside a
 * UTF-8 sequence, control characters as '?'.  Caller frees. */
static char *echo(const char *field)
{
	size_t n = strlen(field);
	char *out;

	if (n > ECHO_MAX) {
		n = ECHO_MAX;
		while (n > 0 && ((unsigned char)field[n] & 0xc0) == 0x80) {
			n--;
		}
	}
	out = xstrndup(field, n);
	for (char *p = out; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			*p = '?';
		}
	}
	return out;
}

static void bad_field(struct reader *rd, int line, const char *what,
		      const char *field)
{
	char *shown = echo(field);

	reader_error(rd, line, "expected %s, got '%s'", what, shown);
	free(shown);
}

/* The next white-space separated field of *cursor, NUL-terminated in
 * place; NULL at the end of the line. */
static char *next_field(char **cursor)
{
	char *s = *cursor + strspn(*cursor, " \t");
	char *end;

	if (!*s) {
		*cursor = s;
		return NULL;
	}
	end = s + strcspn(s, " \t");
	if (*end) {
		*end++ = '\0';
	}
	*cursor = end;
	return s;
}

static bool lower_word(const char *s)
{
	for (; *s; s++) {
		if (*s < 'a' || *s > 'z') {
			return false;
		}
	}
	return true;
}

static void entry_add(struct reader *rd, int32_t day, int line, bool work)
{
	if (rd->nentries == rd->alloc) {
		rd->alloc = rd->alloc ? rd->alloc * 2 : 64;
		rd->entries =
		    xrealloc(rd->entries, rd->alloc * sizeof(*rd->entries));
	}
	rd->entries[rd->nentries].day = day;
	rd->entries[rd->nentries].line = line;
	rd->entries[rd->nentries].work = work;
	rd->nentries++;
}

/* DATE [WEEKDAY] [KIND] [DESCRIPTION...]; s is the line, NUL-terminated
 * and writable. */
static void parse_line(struct reader *rd, char *s, int line)
{
	char *cur = s;
	char *f = next_field(&cur);
	char date[11];
	int32_t day;
	int wd;
	bool work = false;

	if (!f || *f == '#') {
		return;
	}
	if (workday_parse_iso(f, strlen(f), &day) < 0) {
		bad_field(rd, line, "a date YYYY-MM-DD", f);
		return;
	}
	f = next_field(&cur);
	wd = f ? workday_name_lookup(f) : -1;
	if (wd >= 0 && wd != workday_weekday(day)) {
		workday_format(day, date);
		reader_error(rd, line, "expected %s for %s, got '%s'",
			     workday_abbrev[workday_weekday(day)], date, f);
		return;
	}
	if (wd >= 0) {
		f = next_field(&cur);
	}
	if (f && str_iequal(f, "work")) {
		work = true;
	} else if (f && !str_iequal(f, "off") && lower_word(f)) {
		bad_field(rd, line, "off or work", f);
		return;
	}
	entry_add(rd, day, line, work);
}

static void read_lines(struct reader *rd, const char *data, size_t len)
{
	size_t pos = 0;
	int line = 0;

	while (pos < len) {
		const char *s = data + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		char *copy;

		pos += nl ? n + 1 : n;
		line++;
		if (n > 0 && s[n - 1] == '\r') {
			n--;
		}
		if (line == 1 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3; /* UTF-8 byte order mark */
			n -= 3;
		}
		if (memchr(s, '\0', n)) {
			reader_error(rd, line, "expected text, got a NUL byte");
			continue;
		}
		copy = xstrndup(s, n);
		parse_line(rd, copy, line);
		free(copy);
	}
}

static size_t count_lines(const char *data, size_t len)
{
	size_t lines = 0;
	const char *p = data;
	const char *end = data + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		lines++;
		p = nl ? nl + 1 : end;
	}
	return lines;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a;
	const struct entry *y = b;

	if (x->day != y->day) {
		return x->day < y->day ? -1 : 1;
	}
	return x->line < y->line ? -1 : (x->line > y->line);
}

/* Sorts the entries; a date given both kinds is reported on each line
 * that contradicts its first. */
static void check_conflicts(struct reader *rd)
{
	const char *kind[] = {"off", "work"};
	char date[11];
	size_t first = 0;

	if (rd->nentries == 0) {
		return; /* qsort may not take NULL, even for no elements */
	}
	qsort(rd->entries, rd->nentries, sizeof(*rd->entries), entry_cmp);
	for (size_t i = 1; i < rd->nentries; i++) {
		const struct entry *e = &rd->entries[i];
		const struct entry *f;

		if (e->day != rd->entries[first].day) {
			first = i;
			continue;
		}
		f = &rd->entries[first];
		if (e->work != f->work) {
			workday_format(e->day, date);
			reader_error(
			    rd, e->line, "expected %s %s as on line %d, got %s",
			    date, kind[f->work], f->line, kind[e->work]);
		}
	}
}

/* Moves the sorted, conflict-free entries into the calendar's lists. */
static void build_lists(struct reader *rd, struct workcal *cal)
{
	cal->off = xcalloc(rd->nentries + 1, sizeof(*cal->off));
	cal->work = xcalloc(rd->nentries + 1, sizeof(*cal->work));
	cal->noff = cal->nwork = 0;
	for (size_t i = 0; i < rd->nentries; i++) {
		const struct entry *e = &rd->entries[i];
		int32_t *v = e->work ? cal->work : cal->off;
		size_t *n = e->work ? &cal->nwork : &cal->noff;

		if (*n == 0 || v[*n - 1] != e->day) {
			v[(*n)++] = e->day;
		}
	}
}

static int error_cmp(const void *a, const void *b)
{
	const struct hol_error *x = a;
	const struct hol_error *y = b;

	if (x->line != y->line) {
		return x->line < y->line ? -1 : 1;
	}
	return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

/* Every error on its own line, in file order. */
static char *errors_format(struct reader *rd)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);

	qsort(rd->errors, rd->nerrors, sizeof(*rd->errors), error_cmp);
	for (size_t i = 0; i < rd->nerrors && i < MAX_ERRORS_SHOWN; i++) {
		const struct hol_error *e = &rd->errors[i];

		if (i > 0) {
			sbuf_addch(&sb, '\n');
		}
		if (e->line > 0) {
			sbuf_addf(&sb, "%s:%d: %s", rd->name, e->line, e->msg);
		} else {
			sbuf_addf(&sb, "%s: %s", rd->name, e->msg);
		}
	}
	if (rd->nerrors > MAX_ERRORS_SHOWN) {
		sbuf_addf(&sb, "\n%s: %zu more errors not shown", rd->name,
			  rd->nerrors - MAX_ERRORS_SHOWN);
	}
	return sbuf_detach(&sb);
}

static void reader_release(struct reader *rd)
{
	for (size_t i = 0; i < rd->nerrors; i++) {
		free(rd->errors[i].msg);
	}
	FREE_AND_NULL(rd->errors);
	FREE_AND_NULL(rd->entries);
}

int workcal_read_holidays(struct workcal *cal, const char *name,
			  const char *data, size_t len, char **error_r)
{
	struct reader rd = {0};
	int ret = -1;

	rd.name = name ? name : "(holidays)";
	if (len > WORKCAL_MAX_FILE) {
		reader_error(&rd, 0, "expected at most %d bytes",
			     WORKCAL_MAX_FILE);
	} else if (count_lines(data, len) > WORKCAL_MAX_LINES) {
		reader_error(&rd, 0, "expected at most %d lines",
			     WORKCAL_MAX_LINES);
	} else {
		read_lines(&rd, data, len);
		check_conflicts(&rd);
	}
	if (rd.nerrors > 0) {
		*error_r = errors_format(&rd);
		goto out;
	}
	free(cal->off);
	free(cal->work);
	build_lists(&rd, cal);
	ret = 0;
out:
	reader_release(&rd);
	return ret;
}
