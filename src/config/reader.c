/* Feeding the file to inih.
 *
 * Debian's libinih is built with a 200-byte line buffer, without line
 * numbers in the handler, without a handler call on section headers, and
 * it reports only its first syntax error.  So the reader hands inih one
 * line at a time and, before inih sees it, sorts it the way inih will
 * (comment, continuation, section header, key): that gives the line
 * number of each handler call, notes every section header (even one with
 * no keys), and reports every malformed line.  A line inih could not take
 * reaches it as a blank line, so inih itself never fails. */
#include <ctype.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

static char *lskip(char *s)
{
	while (*s && isspace((unsigned char)*s)) {
		s++;
	}
	return s;
}

/* inih's find_chars_or_comment(): the first of chars, or the ';' of an
 * inline comment (one preceded by white space), or the end. */
static char *find_chars_or_comment(char *s, const char *chars)
{
	bool was_space = false;

	while (*s && !strchr(chars, *s) && !(was_space && *s == ';')) {
		was_space = isspace((unsigned char)*s);
		s++;
	}
	return s;
}

static char *blank(char *line)
{
	line[0] = '\n';
	line[1] = '\0';
	return line;
}

static void expected_sections(struct sbuf *sb)
{
	for (size_t i = 0; i < config_section_kinds_count; i++) {
		const struct section_kind *kind = config_section_kinds[i];

		sbuf_addf(sb, "%s[%s%s%s]", i ? ", " : "", kind->name,
			  kind->arg ? " " : "", kind->arg ? kind->arg : "");
	}
}

/* The index of the kind called name that takes a name (or not); SIZE_MAX
 * when there is none. */
static size_t kind_find(const char *name, bool named)
{
	for (size_t i = 0; i < config_section_kinds_count; i++) {
		const struct section_kind *kind = config_section_kinds[i];

		if (strcmp(kind->name, name) == 0 &&
		    (kind->arg != NULL) == named) {
			return i;
		}
	}
	return SIZE_MAX;
}

/* Names are unit codes and rule names, which match ignoring case. */
static struct raw_section *section_find(struct loader *ld,
					const struct section_kind *kind,
					const char *name)
{
	for (size_t i = 0; i < ld->nsections; i++) {
		struct raw_section *rs = ld->sections[i];

		if (rs->kind == kind &&
		    (!kind->arg || str_iequal(rs->name, name))) {
			return rs;
		}
	}
	return NULL;
}

char *config_section_label(const struct raw_section *rs)
{
	if (rs->name) {
		return xasprintf("[%s %s]", rs->kind->name, rs->name);
	}
	return xasprintf("[%s]", rs->kind->name);
}

static void section_add(struct loader *ld, const struct section_kind *kind,
			const char *name)
{
	struct raw_section *rs = xcalloc(1, sizeof(*rs));

	rs->kind = kind;
	rs->name = kind->arg ? xstrdup(name) : NULL;
	rs->line = ld->lineno;
	rs->values = xcalloc(kind->nkeys, sizeof(*rs->values));
	ld->sections =
	    xrealloc(ld->sections, (ld->nsections + 1) * sizeof(*ld->sections));
	ld->sections[ld->nsections++] = rs;
	ld->cur = rs;
	ld->skipping = false;
}

/* Past a kind's max, one error and the rest of its sections skipped:
 * a hostile file cannot make the duplicate search quadratic. */
static bool kind_full(struct loader *ld, size_t k, const char *label)
{
	const struct section_kind *kind = config_section_kinds[k];

	if (!kind->arg) {
		return false;
	}
	if (++ld->kind_seen[k] == kind->max + 1) {
		config_loader_error(ld, ld->lineno,
				    "too many [%s %s] sections from [%s] on; "
				    "expected at most %zu",
				    kind->name, kind->arg, label, kind->max);
	}
	return ld->kind_seen[k] > kind->max;
}

static void section_unknown(struct loader *ld, const char *label,
			    const char *kind_name)
{
	struct sbuf expect = SBUF_INIT(SIZE_MAX);
	size_t named = kind_find(kind_name, true);

	if (named != SIZE_MAX) {
		config_loader_error(ld, ld->lineno,
				    "section [%s] without a name; expected "
				    "[%s %s]",
				    label, kind_name,
				    config_section_kinds[named]->arg);
		return;
	}
	expected_sections(&expect);
	config_loader_error(ld, ld->lineno,
			    "unknown section [%s]; expected one of: %s", label,
			    sbuf_str(&expect));
	sbuf_release(&expect);
}

/* A header's text is "KIND" or "KIND NAME". */
static void section_begin(struct loader *ld, const char *text, size_t n)
{
	char *label = str_trim(xstrndup(text, n));
	char *kind_name = xstrdup(label);
	char *name = kind_name + strcspn(kind_name, " \t");
	const struct section_kind *kind = NULL;
	struct raw_section *dup = NULL;
	size_t k;

	ld->cur = NULL;
	ld->skipping = true; /* until the header proves good */
	ld->cont = NULL;
	if (*name) {
		*name++ = '\0';
		name = str_trim(name);
	}
	k = kind_find(kind_name, *name != '\0');
	if (k == SIZE_MAX) {
		section_unknown(ld, label, kind_name);
		goto out;
	}
	kind = config_section_kinds[k];
	if (kind_full(ld, k, label)) {
		goto out;
	}
	dup = section_find(ld, kind, name);
	if (dup) {
		config_loader_error(ld, ld->lineno,
				    "duplicate section [%s]; first on line %d",
				    label, dup->line);
	} else {
		section_add(ld, kind, name);
	}
out:
	free(kind_name);
	free(label);
}

/* Mirrors inih's order of tests in ini_parse_stream(). */
static void classify(struct loader *ld, char *line)
{
	char *start = lskip(line);
	char *end;

	if (*start == '\0' || *start == ';' || *start == '#') {
		return;
	}
	if (ld->in_key && start > line) {
		ld->continuation = true;
		end = find_chars_or_comment(start, "");
		if (*end) {
			blank(end); /* inih 55 keeps comments here */
		}
		return;
	}
	if (*start == '[') {
		end = find_chars_or_comment(start + 1, "]");
		if (*end != ']') {
			config_loader_error(ld, ld->lineno,
					    "malformed section header; "
					    "expected [NAME]");
			ld->cur = NULL;
			ld->skipping = true;
			ld->cont = NULL;
			blank(line);
			return;
		}
		ld->in_key = false;
		section_begin(ld, start + 1, (size_t)(end - start - 1));
		return;
	}
	end = find_chars_or_comment(start, "=:");
	if ((*end != '=' && *end != ':') || end == start) {
		config_loader_error(ld, ld->lineno,
				    "expected KEY = VALUE, a [SECTION] header "
				    "or a ; comment");
		blank(line);
		return;
	}
	ld->in_key = true;
}

/* A line inih cannot hold.  Comment lines may be long: they are dropped.
 * The line is never echoed, as it may hold a password. */
static void reject_line(struct loader *ld, const char *line, size_t len,
			int num)
{
	size_t i = 0;

	while (i < len && isspace((unsigned char)line[i])) {
		i++;
	}
	if (memchr(line, '\0', len)) {
		config_loader_error(ld, ld->lineno, "line holds a NUL byte");
	} else if (i == len || (line[i] != ';' && line[i] != '#')) {
		config_loader_error(ld, ld->lineno,
				    "line longer than %d characters; continue "
				    "long values on indented lines",
				    num - 1);
	}
}

/* inih's fgets-like reader over ld->data.  num is inih's buffer size: a
 * line and its newline must fit in num - 1 bytes. */
static char *read_line(char *str, int num, void *stream)
{
	struct loader *ld = stream;
	const char *line;
	const char *nl;
	size_t len;

	if (ld->pos >= ld->len || num < 3) {
		return NULL;
	}
	line = ld->data + ld->pos;
	nl = memchr(line, '\n', ld->len - ld->pos);
	len = nl ? (size_t)(nl - line) : ld->len - ld->pos;
	ld->pos += nl ? len + 1 : len;
	ld->lineno++;
	ld->continuation = false;
	if (len > 0 && line[len - 1] == '\r') {
		len--;
	}
	if (ld->lineno == 1 && len >= 3 &&
	    memcmp(line, "\xef\xbb\xbf", 3) == 0) {
		line += 3; /* UTF-8 byte order mark */
		len -= 3;
	}
	if (len > (size_t)num - 2 || memchr(line, '\0', len)) {
		reject_line(ld, line, len, num);
		return blank(str);
	}
	memcpy(str, line, len);
	str[len] = '\n';
	str[len + 1] = '\0';
	classify(ld, str);
	return str;
}

static void unknown_key(struct loader *ld, const char *name)
{
	const struct section_kind *kind = ld->cur->kind;
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	char *label = config_section_label(ld->cur);

	for (size_t i = 0; i < kind->nkeys; i++) {
		sbuf_addf(&sb, "%s%s", i ? ", " : "", kind->keys[i].name);
	}
	config_loader_error(ld, ld->lineno,
			    "unknown key '%s' in %s; expected one of: %s", name,
			    label, sbuf_str(&sb));
	sbuf_release(&sb);
	free(label);
}

static void set_value(struct loader *ld, const char *name, const char *value)
{
	const struct section_kind *kind = ld->cur->kind;
	struct raw_value *rv;
	char *label;
	size_t i = 0;

	while (i < kind->nkeys && strcmp(kind->keys[i].name, name) != 0) {
		i++;
	}
	if (i == kind->nkeys) {
		unknown_key(ld, name);
		return;
	}
	rv = &ld->cur->values[i];
	if (rv->line > 0) {
		label = config_section_label(ld->cur);
		config_loader_error(ld, ld->lineno,
				    "duplicate key '%s' in %s; first set on "
				    "line %d",
				    name, label, rv->line);
		free(label);
		return;
	}
	rv->value = xstrdup(value);
	rv->len = strlen(value);
	rv->alloc = rv->len + 1;
	rv->line = ld->lineno;
	ld->cont = rv;
	ld->cont_key = &kind->keys[i];
	ld->cont_over = false;
}

/* True when an indented line reads "KEY = ..." for a key of the current
 * section, or "[...]": most likely indented by mistake, not meant as a
 * continuation. */
static bool looks_misplaced(const struct loader *ld, const char *value)
{
	const struct section_kind *kind = ld->cur ? ld->cur->kind : NULL;
	size_t n = strcspn(value, "=:");

	if (value[0] == '[') {
		return true;
	}
	while (n > 0 && isspace((unsigned char)value[n - 1])) {
		n--;
	}
	for (size_t i = 0;
	     kind && value[strcspn(value, "=:")] && i < kind->nkeys; i++) {
		if (strlen(kind->keys[i].name) == n &&
		    strncmp(kind->keys[i].name, value, n) == 0) {
			return true;
		}
	}
	return false;
}

/* Appends to rv's buffer, doubling it as needed so that a value of many
 * short lines costs linear time.  The old buffer is wiped: it may hold a
 * password. */
static void value_append(struct raw_value *rv, const char *join,
			 const char *add)
{
	size_t jlen = rv->len ? strlen(join) : 0;
	size_t alen = strlen(add);
	size_t need = rv->len + jlen + alen + 1;
	char *grown;

	if (need > rv->alloc) {
		rv->alloc = need > 2 * rv->alloc ? need : 2 * rv->alloc;
		grown = xmalloc(rv->alloc);
		memcpy(grown, rv->value, rv->len + 1);
		config_wipe_free(rv->value);
		rv->value = grown;
	}
	memcpy(rv->value + rv->len, join, jlen);
	memcpy(rv->value + rv->len + jlen, add, alen + 1);
	rv->len += jlen + alen;
}

/* An indented line continues the value of the key above it. */
static void continue_value(struct loader *ld, const char *value)
{
	struct raw_value *rv = ld->cont;

	if (!rv || !*value || ld->cont_over) {
		return; /* the key was rejected and already reported */
	}
	if (looks_misplaced(ld, value)) {
		config_loader_error(ld, ld->lineno,
				    "indented line continues the key above; "
				    "expected keys and [SECTION] headers at "
				    "the start of the line");
		return;
	}
	if (rv->len + strlen(ld->cont_key->join) + strlen(value) >=
	    CONFIG_VALUE_MAX) {
		config_loader_error(ld, ld->lineno,
				    "value of '%s' longer than %d bytes; "
				    "expected a shorter one",
				    ld->cont_key->name, CONFIG_VALUE_MAX - 1);
		ld->cont_over = true;
		return;
	}
	value_append(rv, ld->cont_key->join, value);
}

static int handle_pair(void *user, const char *section, const char *name,
		       const char *value)
{
	struct loader *ld = user;

	if (ld->continuation) {
		continue_value(ld, value);
		return 1;
	}
	ld->cont = NULL;
	if (ld->cur) {
		set_value(ld, name, value);
	} else if (!ld->skipping) {
		config_loader_error(ld, ld->lineno,
				    "key '%s' outside any section; expected a "
				    "section header such as [service] first",
				    name);
	}
	return 1;
}

static bool line_has_error(const struct loader *ld, int line)
{
	for (size_t i = 0; i < ld->nerrors; i++) {
		if (ld->errors[i].line == line) {
			return true;
		}
	}
	return false;
}

void config_reader_run(struct loader *ld)
{
	int rc;

	ld->kind_seen =
	    xcalloc(config_section_kinds_count, sizeof(*ld->kind_seen));
	rc = ini_parse_stream(read_line, ld, handle_pair, ld);

	/* Not expected: the reader blanks what inih would reject. */
	if (rc > 0 && !line_has_error(ld, rc)) {
		config_loader_error(ld, rc, "syntax error");
	} else if (rc < 0) {
		config_loader_error(ld, 0, "cannot parse (inih error %d)", rc);
	}
}
