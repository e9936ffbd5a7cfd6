/* reply_parse: the decision word on the first line and the leading
 * "Key: value" command lines.  Matching is on folded text (any case, with
 * or without diacritics, NFC or NFD); values are kept as written. */
#include <stdlib.h>
#include <string.h>

#include "private.h"

/* A key is short; a longer text before ':' is a sentence. */
#define KEY_MAX 48
/* Folded first line examined for the decision word. */
#define DECISION_MAX 256
/* Commands read from one reply at most. */
#define COMMANDS_MAX 64

struct word {
	const char *folded;
	int value;
};

/* Longer and negated phrases first: "khong dong y" contains "dong y". */
static const struct word decisions[] = {
    {"khong dong y", REPLY_DECISION_DISAGREE},
    {"khong nhat tri", REPLY_DECISION_DISAGREE},
    {"khong thong nhat", REPLY_DECISION_DISAGREE},
    {"chua dong y", REPLY_DECISION_DISAGREE},
    {"chua nhat tri", REPLY_DECISION_DISAGREE},
    {"disagree", REPLY_DECISION_DISAGREE},
    {"disagreed", REPLY_DECISION_DISAGREE},
    {"i disagree", REPLY_DECISION_DISAGREE},
    {"i do not agree", REPLY_DECISION_DISAGREE},
    {"dong y", REPLY_DECISION_AGREE},
    {"nhat tri", REPLY_DECISION_AGREE},
    {"thong nhat", REPLY_DECISION_AGREE},
    {"agree", REPLY_DECISION_AGREE},
    {"agreed", REPLY_DECISION_AGREE},
    {"i agree", REPLY_DECISION_AGREE},
    {"approved", REPLY_DECISION_AGREE},
    {"approve", REPLY_DECISION_AGREE},
    {"da hoan thanh", REPLY_DECISION_DONE},
    {"hoan thanh", REPLY_DECISION_DONE},
    {"da xong", REPLY_DECISION_DONE},
    {"done", REPLY_DECISION_DONE},
    {"completed", REPLY_DECISION_DONE},
    {"tra lai", REPLY_DECISION_RETURN},
    {"return", REPLY_DECISION_RETURN},
};

static const struct word keys[] = {
    {"chu tri", REPLY_KEY_LEAD},
    {"don vi chu tri", REPLY_KEY_LEAD},
    {"lead", REPLY_KEY_LEAD},
    {"phoi hop", REPLY_KEY_COORDINATE},
    {"don vi phoi hop", REPLY_KEY_COORDINATE},
    {"coordinate", REPLY_KEY_COORDINATE},
    {"han", REPLY_KEY_DUE},
    {"thoi han", REPLY_KEY_DUE},
    {"han xu ly", REPLY_KEY_DUE},
    {"due", REPLY_KEY_DUE},
    {"deadline", REPLY_KEY_DUE},
    {"giao", REPLY_KEY_ASSIGN},
    {"giao cho", REPLY_KEY_ASSIGN},
    {"assign", REPLY_KEY_ASSIGN},
    {"lay y kien", REPLY_KEY_CONSULT},
    {"consult", REPLY_KEY_CONSULT},
    {"gia han", REPLY_KEY_EXTEND},
    {"extend", REPLY_KEY_EXTEND},
    {"tra lai", REPLY_KEY_RETURN},
    {"return", REPLY_KEY_RETURN},
    {"chuyen", REPLY_KEY_TRANSFER},
    {"chuyen cho", REPLY_KEY_TRANSFER},
    {"transfer", REPLY_KEY_TRANSFER},
    {"ly do", REPLY_KEY_REASON},
    {"reason", REPLY_KEY_REASON},
    {"ket qua thong nhat", REPLY_KEY_SETTLED},
    {"thong nhat", REPLY_KEY_SETTLED},
    {"settled", REPLY_KEY_SETTLED},
};

static const char *const decision_names[] = {
    [REPLY_DECISION_NONE] = NULL,           [REPLY_DECISION_AGREE] = "agree",
    [REPLY_DECISION_DISAGREE] = "disagree", [REPLY_DECISION_DONE] = "done",
    [REPLY_DECISION_RETURN] = "return",
};

const char *reply_decision_name(enum reply_decision d)
{
	if ((size_t)d >= ARRAY_SIZE(decision_names)) {
		return NULL;
	}
	return decision_names[d];
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* s[*start..*end) without ASCII white space at either end. */
static void trim_span(const char *s, size_t *start, size_t *end)
{
	while (*start < *end && is_blank(s[*start])) {
		(*start)++;
	}
	while (*end > *start && is_blank(s[*end - 1])) {
		(*end)--;
	}
}

/* Folds s[0..len) with runs of spaces collapsed to one. */
static size_t fold_words(const char *s, size_t len, char *out, size_t cap)
{
	size_t n = text_fold_span(s, len, out, cap, NULL), w = 0;

	for (size_t r = 0; r < n; r++) {
		char c = is_blank(out[r]) ? ' ' : out[r];

		if (c == ' ' && (w == 0 || out[w - 1] == ' ')) {
			continue;
		}
		out[w++] = c;
	}
	while (w > 0 && out[w - 1] == ' ') {
		w--;
	}
	out[w] = '\0';
	return w;
}

/* Where a command's key starts: after white space and one list bullet
 * ("- ", "* ", "+ ", "• "). */
static size_t key_start(const char *line, size_t len)
{
	size_t i = 0;

	while (i < len && is_blank(line[i])) {
		i++;
	}
	if (i + 1 < len && strchr("-*+", line[i]) && is_blank(line[i + 1])) {
		i += 2;
	} else if (i + 3 < len && memcmp(line + i, "\xe2\x80\xa2", 3) == 0 &&
		   is_blank(line[i + 3])) {
		i += 4;
	}
	return i;
}

/* A "Key: value" line: the key and the value's span in line. */
static bool command_of(const char *line, size_t len, enum reply_key *key_r,
		       size_t *vstart_r, size_t *vend_r)
{
	char folded[KEY_MAX * 4];
	size_t start = key_start(line, len), n, klen;
	const char *colon;

	klen = len - start < KEY_MAX ? len - start : KEY_MAX;
	colon = memchr(line + start, ':', klen);
	if (!colon) {
		return false;
	}
	n = fold_words(line + start, (size_t)(colon - line) - start, folded,
		       sizeof(folded));
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		if (strlen(keys[i].folded) == n &&
		    memcmp(folded, keys[i].folded, n) == 0) {
			*key_r = (enum reply_key)keys[i].value;
			*vstart_r = (size_t)(colon - line) + 1;
			*vend_r = len;
			trim_span(line, vstart_r, vend_r);
			return true;
		}
	}
	return false;
}

/* The decision word starting the (first) line; NONE for a question. */
static enum reply_decision decision_of(const char *line, size_t len)
{
	char folded[DECISION_MAX];
	size_t n;

	if (memchr(line, '?', len) || memmem(line, len, "\xef\xbc\x9f", 3)) {
		return REPLY_DECISION_NONE; /* '?' or fullwidth '？' */
	}
	n = fold_words(line, len, folded, sizeof(folded));
	for (size_t i = 0; i < ARRAY_SIZE(decisions); i++) {
		if (text_fold_starts_word(folded, n, decisions[i].folded)) {
			return (enum reply_decision)decisions[i].value;
		}
	}
	return REPLY_DECISION_NONE;
}

static size_t line_len(const char *p)
{
	const char *nl = strchr(p, '\n');

	return nl ? (size_t)(nl - p) : strlen(p);
}

static bool line_blank(const char *p, size_t len)
{
	size_t start = 0, end = len;

	trim_span(p, &start, &end);
	return start == end;
}

static void add_command(struct reply_parsed *out, enum reply_key key,
			const char *value, size_t len)
{
	out->commands = xrealloc(out->commands, (out->n_commands + 1) *
						    sizeof(*out->commands));
	out->commands[out->n_commands].key = key;
	out->commands[out->n_commands].value = xstrndup(value, len);
	out->n_commands++;
}

/* Reads command lines from p until a line that is not one. */
static void read_commands(const char *p, struct reply_parsed *out)
{
	while (*p && out->n_commands < COMMANDS_MAX) {
		size_t len = line_len(p), vs, ve;
		enum reply_key key;

		if (!line_blank(p, len)) {
			if (!command_of(p, len, &key, &vs, &ve)) {
				return;
			}
			add_command(out, key, p + vs, ve - vs);
		}
		p += len + (p[len] == '\n');
	}
}

/* The first line that is not blank, or the end of s. */
static const char *first_line(const char *s)
{
	size_t len = line_len(s);

	while (*s && line_blank(s, len)) {
		s += len + (s[len] == '\n');
		len = line_len(s);
	}
	return s;
}

void reply_parse(const char *new_text, struct reply_parsed *out_r)
{
	const char *p;
	size_t len, vs, ve;
	enum reply_key key;

	memset(out_r, 0, sizeof(*out_r));
	p = first_line(new_text ? new_text : "");
	len = line_len(p);
	if (!command_of(p, len, &key, &vs, &ve)) {
		out_r->decision = decision_of(p, len);
		if (out_r->decision == REPLY_DECISION_NONE) {
			return;
		}
		p += len + (p[len] == '\n');
	}
	read_commands(p, out_r);
	for (size_t i = 0; i < out_r->n_commands; i++) {
		if (out_r->decision == REPLY_DECISION_NONE &&
		    out_r->commands[i].key == REPLY_KEY_RETURN) {
			out_r->decision = REPLY_DECISION_RETURN;
		}
	}
}

void reply_parsed_free(struct reply_parsed *p)
{
	if (!p) {
		return;
	}
	for (size_t i = 0; i < p->n_commands; i++) {
		free(p->commands[i].value);
	}
	FREE_AND_NULL(p->commands);
	p->n_commands = 0;
	p->decision = REPLY_DECISION_NONE;
}
