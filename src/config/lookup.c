/* Questions other modules ask the directory: which unit, which rule, who
 * is this address, and what staff meant by a list of units or a person. */
#include <stdlib.h>
#include <string.h>

#include "congvan/config.h"
#include "congvan/util.h"
#include "congvan/words.h"
#include "private.h"

/* Longest text config_units_parse and config_person_parse take. */
#define PARSE_TEXT_MAX 4096
/* Words "và" / "and" a unit's name may hold ("Vụ Kế hoạch và Tài
 * chính"); bounds the greedy search. */
#define NAME_AND_MAX 3
/* People named in an ambiguity error. */
#define AMBIGUOUS_SHOWN 5

const struct config_unit *config_unit_find(const struct config *cfg,
					   const char *code)
{
	if (!cfg || !code) {
		return NULL;
	}
	for (size_t i = 0; i < cfg->n_units; i++) {
		if (str_iequal(cfg->units[i].code, code)) {
			return &cfg->units[i];
		}
	}
	return NULL;
}

const struct config_rule *config_rule_match(const struct config *cfg,
					    const char *from_addr,
					    const char *subject)
{
	const struct config_rule *hit = NULL;
	char *folded = NULL;

	if (!cfg || !from_addr) {
		return NULL;
	}
	for (size_t i = 0; i < cfg->n_rules && !hit; i++) {
		const struct config_rule *r = &cfg->rules[i];

		if (!config_from_matches(r->from, from_addr)) {
			continue;
		}
		if (r->subject_folded && !subject) {
			continue;
		}
		if (r->subject_folded && !folded) {
			folded = config_fold(subject, strlen(subject));
		}
		if (!r->subject_folded || strstr(folded, r->subject_folded)) {
			hit = r;
		}
	}
	free(folded);
	return hit;
}

static const struct config_person *
people_find(const struct config_person *people, size_t n, const char *address)
{
	for (size_t i = 0; i < n; i++) {
		if (str_iequal(people[i].address, address)) {
			return &people[i];
		}
	}
	return NULL;
}

enum config_role config_role_of(const struct config *cfg, const char *address,
				const struct config_unit **unit_r)
{
	static const enum config_role unit_roles[] = {
	    CONFIG_ROLE_HEAD, CONFIG_ROLE_MEMBER, CONFIG_ROLE_UNIT_MAILBOX};
	const struct config_unit *u;

	if (unit_r) {
		*unit_r = NULL;
	}
	if (!cfg || !address) {
		return CONFIG_ROLE_NONE;
	}
	if (cfg->service.office && str_iequal(cfg->service.office, address)) {
		return CONFIG_ROLE_OFFICE;
	}
	if (people_find(cfg->leaders, cfg->n_leaders, address)) {
		return CONFIG_ROLE_LEADER;
	}
	/* Each role over all units before the next: the order is part of
	 * the contract, should an address hold two roles. */
	for (size_t r = 0; r < ARRAY_SIZE(unit_roles); r++) {
		for (size_t i = 0; i < cfg->n_units; i++) {
			u = &cfg->units[i];
			if ((unit_roles[r] == CONFIG_ROLE_HEAD && u->head &&
			     str_iequal(u->head, address)) ||
			    (unit_roles[r] == CONFIG_ROLE_MEMBER &&
			     people_find(u->members, u->n_members, address)) ||
			    (unit_roles[r] == CONFIG_ROLE_UNIT_MAILBOX &&
			     u->email && str_iequal(u->email, address))) {
				if (unit_r) {
					*unit_r = u;
				}
				return unit_roles[r];
			}
		}
	}
	return CONFIG_ROLE_NONE;
}

const struct config_person *
config_person_find(const struct config *cfg, const char *address,
		   const struct config_unit **unit_r)
{
	const struct config_person *p;

	if (unit_r) {
		*unit_r = NULL;
	}
	if (!cfg || !address) {
		return NULL;
	}
	p = people_find(cfg->leaders, cfg->n_leaders, address);
	for (size_t i = 0; !p && i < cfg->n_units; i++) {
		const struct config_unit *u = &cfg->units[i];

		p = people_find(u->members, u->n_members, address);
		if (p && unit_r) {
			*unit_r = u;
		}
	}
	return p;
}

/* Folded codes and names of every unit, for one parse. */
struct unit_index {
	char **folded; /* code, name, code, name, ...; a name may be NULL */
	size_t n;
};

static void index_build(const struct config *cfg, struct unit_index *ix)
{
	ix->n = cfg->n_units;
	ix->folded = xcalloc(2 * ix->n + 1, sizeof(*ix->folded));
	for (size_t i = 0; i < ix->n; i++) {
		const struct config_unit *u = &cfg->units[i];

		ix->folded[2 * i] = config_fold(u->code, strlen(u->code));
		if (u->name) {
			ix->folded[2 * i + 1] =
			    config_fold(u->name, strlen(u->name));
		}
	}
}

static void index_release(struct unit_index *ix)
{
	for (size_t i = 0; i < 2 * ix->n; i++) {
		free(ix->folded[i]);
	}
	FREE_AND_NULL(ix->folded);
}

/* Whether folded abbr is the initials of the words of folded name but
 * "và" ("ke hoach va tai chinh", "ke hoach - tai chinh": "khtc"). */
static bool initials_of(const char *abbr, const char *name)
{
	size_t n = 0;

	for (const char *p = name; *p; p++) {
		bool start = p == name || p[-1] == ' ';

		if (start && strncmp(p, "va ", 3) == 0) {
			p += 2;
		} else if (start && *p != '-') {
			if (abbr[n] != *p) {
				return false;
			}
			n++;
		}
	}
	return n > 0 && abbr[n] == '\0';
}

/* Whether folded f names the unit by the first words of its folded name
 * and an abbreviation of the rest ("vu pc" for "vu phap che", code "PC"
 * or "VU-PC"): its code, the code's last part after '-', or the
 * initials of the name's other words. */
static bool abbreviates(const char *f, const char *name, const char *code)
{
	const char *sp = strrchr(f, ' ');
	const char *abbr, *dash;
	size_t head;

	if (!name || !sp) {
		return false;
	}
	head = (size_t)(sp - f);
	abbr = sp + 1;
	if (strncmp(name, f, head) != 0 || name[head] != ' ' || !*abbr) {
		return false;
	}
	dash = strrchr(code, '-');
	return strcmp(abbr, code) == 0 ||
	       (dash && strcmp(abbr, dash + 1) == 0) ||
	       initials_of(abbr, name + head + 1);
}

static const struct config_unit *index_find(const struct config *cfg,
					    const struct unit_index *ix,
					    const char *s, size_t len)
{
	char *f = config_fold(s, len);
	const struct config_unit *u = NULL;
	bool found = false;
	size_t n = 0;

	for (size_t i = 0; i < 2 * ix->n && !found; i++) {
		if (ix->folded[i] && strcmp(ix->folded[i], f) == 0) {
			u = &cfg->units[i / 2];
			found = true;
		}
	}
	/* "Vụ PC": only when it names one unit */
	for (size_t i = 0; !found && i < ix->n; i++) {
		if (abbreviates(f, ix->folded[2 * i + 1], ix->folded[2 * i])) {
			u = n++ == 0 ? &cfg->units[i] : NULL;
		}
	}
	free(f);
	return u;
}

struct span {
	const char *s;
	size_t len;
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool is_and(const char *w, size_t len)
{
	char *f = config_fold(w, len);
	bool yes = strcmp(f, "va") == 0 || strcmp(f, "and") == 0 ||
		   strcmp(f, "&") == 0;

	free(f);
	return yes;
}

/* Splits s, len into the stretches between the words "và" / "and";
 * returns how many (at most len / 2 + 1) went into segs. */
static size_t and_split(const char *s, size_t len, struct span *segs)
{
	const char *p = s;
	const char *end = s + len;
	size_t n = 0;
	bool open = false;

	while (p < end) {
		const char *w;

		while (p < end && is_blank(*p)) {
			p++;
		}
		w = p;
		while (p < end && !is_blank(*p)) {
			p++;
		}
		if (p == w) {
			break;
		}
		if (is_and(w, (size_t)(p - w))) {
			open = false;
		} else if (!open) {
			segs[n].s = w;
			segs[n++].len = (size_t)(p - w);
			open = true;
		} else {
			segs[n - 1].len = (size_t)(p - segs[n - 1].s);
		}
	}
	return n;
}

/* What one parse collects. */
struct units_acc {
	const struct config_unit **units;
	size_t n;
	struct sbuf unknown; /* "'X', 'Y'" */
	size_t n_unknown;
};

static void acc_unit(struct units_acc *acc, const struct config_unit *u)
{
	for (size_t i = 0; i < acc->n; i++) {
		if (acc->units[i] == u) {
			return;
		}
	}
	acc->units[acc->n++] = u;
}

static void acc_unknown(struct units_acc *acc, const char *s, size_t len)
{
	char *shown = config_excerpt(s, len);

	sbuf_addf(&acc->unknown, "%s'%s'", acc->n_unknown ? ", " : "", shown);
	acc->n_unknown++;
	free(shown);
}

/* One item between commas: the longest run of and-separated stretches
 * that names a unit, from the left, again and again. */
static void units_piece(const struct config *cfg, const struct unit_index *ix,
			const char *s, size_t len, struct units_acc *acc)
{
	struct span *segs = xcalloc(len / 2 + 2, sizeof(*segs));
	size_t n;

	while (len > 0 && (s[len - 1] == '.' || is_blank(s[len - 1]))) {
		len--;
	}
	n = and_split(s, len, segs);
	for (size_t i = 0; i < n;) {
		const struct config_unit *u = NULL;
		size_t j = i + NAME_AND_MAX < n ? i + NAME_AND_MAX : n - 1;

		for (;;) {
			u = index_find(
			    cfg, ix, segs[i].s,
			    (size_t)(segs[j].s + segs[j].len - segs[i].s));
			if (u || j == i) {
				break;
			}
			j--;
		}
		if (u) {
			acc_unit(acc, u);
			i = j + 1;
		} else {
			acc_unknown(acc, segs[i].s, segs[i].len);
			i++;
		}
	}
	free(segs);
}

/* What the lookups below say to people, who named the units or the
 * person in a reply: in the service's language. */
static const char *word(const struct config *cfg, enum word w)
{
	return words_get(cfg->service.language, w);
}

/* A copy of text with each no-break space (U+00A0, as HTML mail writes
 * &nbsp;) made two spaces, so that offsets stay those of text. */
static char *nbsp_to_spaces(const char *text)
{
	char *s = xstrdup(text ? text : "");

	for (char *p = strstr(s, "\xc2\xa0"); p; p = strstr(p, "\xc2\xa0")) {
		memcpy(p, "  ", 2);
	}
	return s;
}

int config_units_parse(const struct config *cfg, const char *text,
		       const struct config_unit ***units_r, size_t *n_r,
		       char **error_r)
{
	static const struct config none;
	struct units_acc acc = {.unknown = SBUF_INIT(SIZE_MAX)};
	struct unit_index ix = {0};
	char *copy = NULL;
	const char *pos;
	const char *item;
	size_t len;
	int ret = -1;

	*units_r = NULL;
	*n_r = 0;
	cfg = cfg ? cfg : &none;
	if (text && strlen(text) > PARSE_TEXT_MAX) {
		*error_r =
		    xasprintf(word(cfg, W_UNITS_TOO_LONG), PARSE_TEXT_MAX);
		return -1;
	}
	copy = nbsp_to_spaces(text);
	pos = copy;
	index_build(cfg, &ix);
	acc.units = xcalloc(cfg->n_units + 1, sizeof(*acc.units));
	while (config_list_next(&pos, ",;", &item, &len)) {
		units_piece(cfg, &ix, item, len, &acc);
	}
	if (acc.n_unknown > 0) {
		*error_r =
		    xasprintf(word(cfg, acc.n_unknown > 1 ? W_UNKNOWN_UNITS
							  : W_UNKNOWN_UNIT),
			      sbuf_str(&acc.unknown));
	} else if (acc.n == 0) {
		*error_r = xstrdup(word(cfg, W_NO_UNIT_NAMED));
	} else {
		*units_r = acc.units;
		*n_r = acc.n;
		acc.units = NULL;
		ret = 0;
	}
	free(acc.units);
	sbuf_release(&acc.unknown);
	index_release(&ix);
	free(copy);
	return ret;
}

/* Everyone listed whose folded name is folded: the first goes to
 * person_r, *n_r counts distinct addresses, the first few in shown. */
static void people_named(const struct config_person *people, size_t n,
			 const char *folded, const struct config_person **hit_r,
			 size_t *n_r, struct sbuf *shown)
{
	for (size_t i = 0; i < n; i++) {
		const struct config_person *p = &people[i];
		char *f;

		if (!p->name ||
		    (*hit_r && strcmp(p->address, (*hit_r)->address) == 0)) {
			continue;
		}
		f = config_fold(p->name, strlen(p->name));
		if (strcmp(f, folded) == 0) {
			if (!*hit_r) {
				*hit_r = p;
			}
			if ((*n_r)++ < AMBIGUOUS_SHOWN) {
				sbuf_addf(shown, "%s%s", *n_r > 1 ? ", " : "",
					  p->address);
			}
		}
		free(f);
	}
}

static int person_by_name(const struct config *cfg, const char *s, size_t len,
			  struct config_person *person_r, char **error_r)
{
	struct sbuf shown = SBUF_INIT(SIZE_MAX);
	const struct config_person *hit = NULL;
	char *folded = config_fold(s, len);
	char *written = config_excerpt(s, len);
	size_t n = 0;
	int ret = -1;

	people_named(cfg->leaders, cfg->n_leaders, folded, &hit, &n, &shown);
	for (size_t i = 0; i < cfg->n_units; i++) {
		people_named(cfg->units[i].members, cfg->units[i].n_members,
			     folded, &hit, &n, &shown);
	}
	if (n == 0) {
		*error_r = xasprintf(word(cfg, W_NOBODY_NAMED), written);
	} else if (n > 1) {
		*error_r = xasprintf(word(cfg, W_NAMES_MANY), written, (int)n,
				     sbuf_str(&shown),
				     n > AMBIGUOUS_SHOWN ? ", ..." : "");
	} else {
		person_r->name = xstrdup(hit->name);
		person_r->address = xstrdup(hit->address);
		ret = 0;
	}
	sbuf_release(&shown);
	free(written);
	free(folded);
	return ret;
}

static int person_parse(const struct config *cfg, const char *s, size_t len,
			struct config_person *person_r, char **error_r)
{
	const struct config_person *listed;
	char *shown;

	config_span_trim(&s, &len);
	if (len == 0) {
		*error_r = xstrdup(word(cfg, W_NO_PERSON_NAMED));
		return -1;
	}
	if (!memchr(s, '@', len)) {
		return person_by_name(cfg, s, len, person_r, error_r);
	}
	if (config_entry_parse(s, len, person_r) < 0) {
		shown = config_excerpt(s, len);
		*error_r = xasprintf(word(cfg, W_NOT_A_PERSON), shown);
		free(shown);
		return -1;
	}
	listed = config_person_find(cfg, person_r->address, NULL);
	if (!person_r->name && listed && listed->name) {
		person_r->name = xstrdup(listed->name);
	}
	return 0;
}

int config_person_parse(const struct config *cfg, const char *text,
			struct config_person *person_r, char **error_r)
{
	static const struct config none;
	char *copy;
	int ret;

	memset(person_r, 0, sizeof(*person_r));
	cfg = cfg ? cfg : &none;
	if (text && strlen(text) > PARSE_TEXT_MAX) {
		*error_r =
		    xasprintf(word(cfg, W_PERSON_TOO_LONG), PARSE_TEXT_MAX);
		return -1;
	}
	copy = nbsp_to_spaces(text);
	ret = person_parse(cfg, copy, strlen(copy), person_r, error_r);
	free(copy);
	return ret;
}

/* Whether folded name ends with the words of folded want, whole. */
static bool ends_with_words(const char *name, const char *want)
{
	size_t n = strlen(name), w = strlen(want);

	return w > 0 && w <= n && !strcmp(name + n - w, want) &&
	       (w == n || name[n - w - 1] == ' ');
}

int config_person_in_unit(const struct config_unit *u, const char *text,
			  struct config_person *person_r)
{
	const struct config_person *hit = NULL;
	char *want;

	memset(person_r, 0, sizeof(*person_r));
	if (!u || !text || strlen(text) > PARSE_TEXT_MAX) {
		return -1;
	}
	want = config_fold(text, strlen(text));
	for (size_t i = 0; i < u->n_members; i++) {
		const struct config_person *p = &u->members[i];
		char *f;

		if (!p->name || (hit && !strcmp(hit->address, p->address))) {
			continue;
		}
		f = config_fold(p->name, strlen(p->name));
		if (ends_with_words(f, want)) {
			if (hit) {
				free(f);
				free(want);
				return -1; /* two of them */
			}
			hit = p;
		}
		free(f);
	}
	free(want);
	if (!hit) {
		return -1;
	}
	person_r->name = xstrdup(hit->name);
	person_r->address = xstrdup(hit->address);
	return 0;
}

void config_person_release(struct config_person *person)
{
	if (!person) {
		return;
	}
	free(person->name);
	free(person->address);
	memset(person, 0, sizeof(*person));
}
