/* reply_parse: the leading "Key: value" command lines, or the decision
 * stated in the first sentences (decision.c) and the command lines right
 * under the sentence that states it.  Matching is on folded text (any
 * case, with or without diacritics, NFC or NFD); values are kept as
 * written. */
#include <stdlib.h>
#include <string.h>

#include "private.h"

/* A key is short; a longer text before ':' is a sentence. */
#define KEY_MAX 48
/* Bytes of new text read for a decision. */
#define DECISION_BYTES 4096
/* Commands read from one reply at most. */
#define COMMANDS_MAX 64

struct word {
	const char *folded;
	int value;
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
    {"gui lai", REPLY_KEY_RESEND},
    {"resend", REPLY_KEY_RESEND},
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

/* Where in line[vs..ve) another command starts after ';', ',' or '.'
 * ("Chủ trì: PC; Phối hợp: TC, KHTC; Hạn: 30/12", "Chủ trì: Vụ PC.
 * Hạn: 20/12"): the separator's offset, or ve when none does. */
static size_t value_end(const char *line, size_t vs, size_t ve)
{
	for (size_t i = vs; i < ve; i++) {
		enum reply_key key;
		size_t a, b;

		if ((line[i] == ';' || line[i] == ',' || line[i] == '.') &&
		    command_of(line + i + 1, ve - i - 1, &key, &a, &b)) {
			return i;
		}
	}
	return ve;
}

/* Reads command lines from p until a line that is not one (a line may
 * hold several): that line, or the end. */
static const char *read_commands(const char *p, struct reply_parsed *out)
{
	while (*p && out->n_commands < COMMANDS_MAX) {
		size_t len = line_len(p), at = 0, vs, ve, cut, s, e;
		enum reply_key key;

		if (!line_blank(p, len)) {
			if (!command_of(p, len, &key, &vs, &ve)) {
				return p;
			}
			do {
				cut = value_end(p + at, vs, ve);
				s = at + vs;
				e = at + cut;
				trim_span(p, &s, &e);
				add_command(out, key, p + s, e - s);
				at += cut + 1;
			} while (cut < ve && out->n_commands < COMMANDS_MAX &&
				 command_of(p + at, len - at, &key, &vs, &ve));
		}
		p += len + (p[len] == '\n');
	}
	return p;
}

/* Greetings a reply may open with on a line of their own ("Dạ,",
 * "Kính gửi anh,", "OK", "Dear colleagues,"), folded. */
static const char *const greetings[] = {
    "kinh gui", "kinh thua", "thua", "chao", "xin chao", "than gui", "da",
    "vang",     "ok",        "okay", "dear", "hi",       "hello",
};

/* Greetings that name the addressee after a colon ("Kính gửi: Văn phòng
 * Bộ"). */
static const char *const addressings[] = {"kinh gui", "kinh thua", "thua",
					  "dear"};

static bool starts_with_any(const char *s, size_t n, const char *const *w,
			    size_t count, size_t *len_r)
{
	for (size_t i = 0; i < count; i++) {
		if (text_fold_starts_word(s, n, w[i])) {
			*len_r = strlen(w[i]);
			return true;
		}
	}
	return false;
}

/* A line that is only a greeting: a greeting word alone ("Dạ,", "OK"),
 * an addressing with a colon ("Kính gửi: Văn phòng Bộ"), or a greeting
 * line that ends with ',' or '!' ("Kính gửi anh Nam,"); never one that
 * states a decision ("Dạ, đồng ý,"). */
static bool is_greeting(const char *line, size_t len)
{
	char folded[KEY_MAX * 4];
	size_t n = fold_words(line, len, folded, sizeof(folded)), g, end;

	if (!starts_with_any(folded, n, greetings, ARRAY_SIZE(greetings), &g)) {
		return false;
	}
	if (g < n && folded[g] != ':' && folded[g] != ',' &&
	    folded[n - 1] != ',' && folded[n - 1] != '!') {
		return false;
	}
	if (g < n && folded[g] == ':' &&
	    !starts_with_any(folded, n, addressings, ARRAY_SIZE(addressings),
			     &g)) {
		return false;
	}
	return reply_decision_read(line, len, &end) == REPLY_DECISION_NONE;
}

static bool is_quoted(const char *p, size_t len)
{
	size_t i = 0;

	while (i < len && is_blank(p[i])) {
		i++;
	}
	return i < len && p[i] == '>';
}

static const char *next_line(const char *p)
{
	size_t len = line_len(p);

	return p + len + (p[len] == '\n');
}

/* The first line that is not blank, quoted or a greeting, or the end of
 * s. */
static const char *first_line(const char *s)
{
	for (; *s; s = next_line(s)) {
		size_t len = line_len(s);

		if (!line_blank(s, len) && !is_quoted(s, len) &&
		    !is_greeting(s, len)) {
			break;
		}
	}
	return s;
}

/* Where sentences are read: the lines of s above the first command
 * line, quoted lines left out, NFC, at most DECISION_BYTES. */
struct window {
	struct sbuf text;
	const char *starts[DECISION_BYTES / 2]; /* each window line's line */
	size_t n;
	const char *stop; /* the command line that ended it, or NULL */
};

static void window_read(const char *s, struct window *w)
{
	enum reply_key key;

	sbuf_init(&w->text, DECISION_BYTES + 4);
	w->n = 0;
	w->stop = NULL;
	for (const char *p = s; *p && w->n < ARRAY_SIZE(w->starts);
	     p = next_line(p)) {
		size_t len = line_len(p), vs, ve;
		char *line;

		if (command_of(p, len, &key, &vs, &ve)) {
			w->stop = p;
			break;
		}
		if (w->text.len >= DECISION_BYTES) {
			break;
		}
		if (is_quoted(p, len)) {
			continue;
		}
		if (len > DECISION_BYTES - w->text.len) {
			/* a long line's start */
			len = DECISION_BYTES - w->text.len;
		}
		line = text_nfc(p, len);
		w->starts[w->n++] = p;
		sbuf_adds(&w->text, line);
		sbuf_addch(&w->text, '\n');
		free(line);
	}
}

/* The decision stated in the window; the line after the sentence that
 * states it into *next_r, where it ends in the window's text into
 * *end_r. */
static enum reply_decision read_decision(const struct window *win,
					 const char **next_r, size_t *end_r)
{
	const char *w = sbuf_str(&win->text);
	size_t end, line = 0;
	enum reply_decision d;

	d = reply_decision_read(w, win->text.len, &end);
	*end_r = end;
	*next_r = NULL;
	if (d != REPLY_DECISION_NONE) {
		/* the window line holding the sentence's end */
		for (size_t i = 0; i < end && i < win->text.len; i++) {
			line += w[i] == '\n';
		}
		if (line >= win->n) {
			line = win->n - 1; /* n > 0: a decision was read */
		}
		*next_r = next_line(win->starts[line]);
	}
	return d;
}

static bool has_key(const struct reply_parsed *out, enum reply_key key)
{
	for (size_t i = 0; i < out->n_commands; i++) {
		if (out->commands[i].key == key) {
			return true;
		}
	}
	return false;
}

/* An assignment stated in sentences (sentences.c), with the command
 * lines under them: a "Chủ trì:" line wins over the sentence, and any
 * other key line over what the sentence says for that key. */
static bool read_assignment(const struct window *win, bool read_lines,
			    struct reply_parsed *out)
{
	struct reply_assignment as;

	if (!reply_assignment_read(sbuf_str(&win->text), win->text.len, &as)) {
		return false;
	}
	if (as.by_verb && out->decision != REPLY_DECISION_NONE) {
		/* a position taken, then work asked of a unit ("Đã xong.
		 * Đề nghị Văn phòng xử lý tiếp."): the position stands */
		reply_assignment_release(&as);
		return false;
	}
	if (read_lines && win->stop) {
		read_commands(win->stop, out);
	}
	if (!has_key(out, REPLY_KEY_LEAD) && out->n_commands < COMMANDS_MAX) {
		add_command(out, REPLY_KEY_LEAD, as.lead, strlen(as.lead));
		if (as.coordinate && !has_key(out, REPLY_KEY_COORDINATE)) {
			add_command(out, REPLY_KEY_COORDINATE, as.coordinate,
				    strlen(as.coordinate));
		}
		if (as.due && !has_key(out, REPLY_KEY_DUE)) {
			add_command(out, REPLY_KEY_DUE, as.due, strlen(as.due));
		}
		/* from the lead unit, a transfer needs one */
		if (as.reason && !has_key(out, REPLY_KEY_REASON)) {
			add_command(out, REPLY_KEY_REASON, as.reason,
				    strlen(as.reason));
		}
	}
	reply_assignment_release(&as);
	return true;
}

/* A delegation stated in a sentence (sentences.c): "Giao:" with the
 * person, "Hạn:" with the deadline the sentence gives; key lines under
 * it win.  True when one was read. */
static bool read_delegation(const struct window *win, bool read_lines,
			    struct reply_parsed *out)
{
	struct reply_delegation d;

	if (has_key(out, REPLY_KEY_ASSIGN) ||
	    !reply_delegation_read(sbuf_str(&win->text), win->text.len, &d)) {
		return false;
	}
	if (read_lines && win->stop) {
		read_commands(win->stop, out);
	}
	if (!has_key(out, REPLY_KEY_ASSIGN) && out->n_commands < COMMANDS_MAX) {
		add_command(out, REPLY_KEY_ASSIGN, d.person, strlen(d.person));
		if (d.due && !has_key(out, REPLY_KEY_DUE)) {
			add_command(out, REPLY_KEY_DUE, d.due, strlen(d.due));
		}
	}
	reply_delegation_release(&d);
	return true;
}

/* A consultation asked in a sentence (sentences.c): "Lấy ý kiến:" with
 * the units, "Hạn:" with the deadline the sentence gives; with a
 * delegation (delegated), whose "Hạn:" that is, the consultation's own
 * as REPLY_KEY_CONSULT_DUE; key lines under it win.  True when one was
 * read. */
static bool read_consultation(const struct window *win, bool read_lines,
			      bool delegated, struct reply_parsed *out)
{
	enum reply_key due_key =
	    delegated ? REPLY_KEY_CONSULT_DUE : REPLY_KEY_DUE;
	struct reply_consultation c;

	if (has_key(out, REPLY_KEY_CONSULT) ||
	    !reply_consultation_read(sbuf_str(&win->text), win->text.len, &c)) {
		return false;
	}
	if (read_lines && win->stop) {
		read_commands(win->stop, out);
	}
	if (!has_key(out, REPLY_KEY_CONSULT) &&
	    out->n_commands < COMMANDS_MAX) {
		add_command(out, REPLY_KEY_CONSULT, c.units, strlen(c.units));
		if (c.due && !has_key(out, due_key)) {
			add_command(out, due_key, c.due, strlen(c.due));
		}
	}
	reply_consultation_release(&c);
	return true;
}

/* An extension asked for or granted in a sentence (sentences.c):
 * "Gia hạn:" with its date, and "Lý do:" with the reason the sentence
 * gives; key lines under it win. */
static void read_extension(const struct window *win, bool read_lines,
			   struct reply_parsed *out)
{
	struct reply_extension x;

	if (has_key(out, REPLY_KEY_EXTEND) ||
	    !reply_extension_read(sbuf_str(&win->text), win->text.len, &x)) {
		return;
	}
	if (read_lines && win->stop) {
		read_commands(win->stop, out);
	}
	if (!has_key(out, REPLY_KEY_EXTEND) && out->n_commands < COMMANDS_MAX) {
		add_command(out, REPLY_KEY_EXTEND, x.due, strlen(x.due));
		if (x.reason && !has_key(out, REPLY_KEY_REASON)) {
			add_command(out, REPLY_KEY_REASON, x.reason,
				    strlen(x.reason));
		}
	}
	reply_extension_release(&x);
}

/* A return stated in a sentence ending at end of the window's text,
 * with no "Trả lại:" or "Lý do:" line: "Lý do:" with the reason the
 * sentence gives ("Trả lại văn bản vì không thuộc chức năng của Vụ"),
 * as a return needs one. */
static void read_return_reason(const struct window *win, size_t end,
			       struct reply_parsed *out)
{
	char *why;

	if (out->decision != REPLY_DECISION_RETURN ||
	    has_key(out, REPLY_KEY_RETURN) || has_key(out, REPLY_KEY_REASON) ||
	    out->n_commands >= COMMANDS_MAX) {
		return;
	}
	why = reply_reason_read(sbuf_str(&win->text), win->text.len, end);
	if (why) {
		add_command(out, REPLY_KEY_REASON, why, strlen(why));
		free(why);
	}
}

/* The commands stated in the window's sentences, key lines under them
 * read when lines (no decision read them).  Work handed over in them
 * (a lead, a delegation, a consultation) is not reported done: its
 * "hoàn thành" is what is asked ("Giao chị Lan xử lý, hoàn thành trước
 * ngày 15/12"). */
static void read_sentence_commands(const struct window *win, bool lines,
				   struct reply_parsed *out)
{
	bool handed = read_assignment(win, lines, out);

	if (!handed) {
		bool delegated = read_delegation(win, lines, out);
		bool consulted =
		    read_consultation(win, lines && !delegated, delegated, out);

		handed = delegated || consulted;
		read_extension(win, lines && !handed, out);
	}
	if (handed && out->decision == REPLY_DECISION_DONE) {
		out->decision = REPLY_DECISION_NONE;
	}
}

/* The line p, right after command lines that hand work over ("Chủ trì:
 * Vụ PC", "Giao:", "Lấy ý kiến:", "Chuyển:"), when it is a sentence
 * stating only a deadline ("Hạn 20/12.") and no "Hạn:" line gives one:
 * their "Hạn:", as a deadline sentence next to a command stated in
 * sentences is (never after a decision alone: "Đồng ý. Hạn 15/12."). */
static void read_due_after(const char *p, struct reply_parsed *out)
{
	static const enum reply_key handing[] = {
	    REPLY_KEY_LEAD, REPLY_KEY_ASSIGN, REPLY_KEY_CONSULT,
	    REPLY_KEY_TRANSFER};
	bool handed = false;
	size_t len;
	char *line, *due;

	for (size_t i = 0; i < ARRAY_SIZE(handing); i++) {
		handed = handed || has_key(out, handing[i]);
	}
	if (!handed || has_key(out, REPLY_KEY_DUE) ||
	    out->n_commands >= COMMANDS_MAX) {
		return;
	}
	len = line_len(p);
	if (len == 0 || is_quoted(p, len)) {
		return;
	}
	line = text_nfc(p, len);
	due = reply_deadline_read(line, strlen(line));
	if (due) {
		add_command(out, REPLY_KEY_DUE, due, strlen(due));
	}
	free(due);
	free(line);
}

void reply_parse(const char *new_text, struct reply_parsed *out_r)
{
	const char *text = new_text ? new_text : "", *p, *after;
	struct window win;
	size_t vs, ve, end;
	enum reply_key key;

	memset(out_r, 0, sizeof(*out_r));
	p = first_line(text);
	if (command_of(p, line_len(p), &key, &vs, &ve)) {
		read_due_after(read_commands(p, out_r), out_r);
	} else {
		window_read(text, &win);
		out_r->decision = read_decision(&win, &after, &end);
		if (after) {
			read_due_after(read_commands(after, out_r), out_r);
		}
		read_sentence_commands(&win, !after, out_r);
		read_return_reason(&win, end, out_r);
		sbuf_release(&win.text);
	}
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
