/* The directory's sections: [leaders], [unit CODE] and [rule NAME], and
 * the checks across them once all are read. */
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

#define PEOPLE_EXPECT "comma-separated Name <address> or addresses"
#define UNIT_EXPECT   "the code of a [unit CODE] section"

/* Every address a unit or [leaders] lists, for the overlap check. */
enum dir_kind { DIR_LEADER, DIR_MAILBOX, DIR_HEAD, DIR_MEMBER };

struct dir_address {
	const char *address; /* owned by ld->cfg */
	size_t unit;         /* index in cfg->units; SIZE_MAX for leaders */
	enum dir_kind kind;
	int line; /* of the key */
	size_t seq;
};

static const char *const dir_key[] = {
    [DIR_LEADER] = "members",
    [DIR_MAILBOX] = "email",
    [DIR_HEAD] = "head",
    [DIR_MEMBER] = "members",
};

static void address_note(struct loader *ld, const char *address, size_t unit,
			 enum dir_kind kind, int line)
{
	struct dir_address *a;

	if (!address) {
		return;
	}
	if (ld->naddrs == ld->addrs_alloc) {
		ld->addrs_alloc = ld->addrs_alloc ? 2 * ld->addrs_alloc : 64;
		ld->addrs =
		    xrealloc(ld->addrs, ld->addrs_alloc * sizeof(*ld->addrs));
	}
	a = &ld->addrs[ld->naddrs];
	a->address = address;
	a->unit = unit;
	a->kind = kind;
	a->line = line;
	a->seq = ld->naddrs++;
}

/* One more person against CONFIG_PEOPLE_MAX; the first one too many is
 * reported. */
static bool people_full(struct loader *ld, int line)
{
	if (++ld->npeople == CONFIG_PEOPLE_MAX + 1) {
		config_loader_error(ld, line,
				    "too many people in units and [leaders]; "
				    "expected at most %d in all",
				    CONFIG_PEOPLE_MAX);
	}
	return ld->npeople > CONFIG_PEOPLE_MAX;
}

/* Reads the list of people at key into *people_r and notes each. */
static void people_take(struct loader *ld, struct raw_section *rs, size_t key,
			size_t unit, struct config_person **people_r,
			size_t *n_r)
{
	const struct raw_value *rv = &rs->values[key];
	const char *pos = rv->value ? rv->value : "";
	const char *item;
	size_t len, alloc = 0;
	struct config_person p;

	while (config_list_next(&pos, ",", &item, &len)) {
		if (len == 0) {
			continue;
		}
		if (config_entry_parse(item, len, &p) < 0) {
			char *bad = config_excerpt(item, len);

			config_loader_error(ld, rv->line,
					    "'%s' entry is not Name <address> "
					    "or an address: '%s'",
					    rs->kind->keys[key].name, bad);
			free(bad);
			continue;
		}
		if (people_full(ld, rv->line)) {
			config_person_release(&p);
			continue;
		}
		if (*n_r == alloc) {
			alloc = alloc ? 2 * alloc : 8;
			*people_r =
			    xrealloc(*people_r, alloc * sizeof(**people_r));
		}
		(*people_r)[(*n_r)++] = p;
	}
	for (size_t i = 0; i < *n_r; i++) {
		address_note(ld, (*people_r)[i].address, unit,
			     unit == SIZE_MAX ? DIR_LEADER : DIR_MEMBER,
			     rv->line);
	}
}

enum { LDR_MEMBERS, LDR_NKEYS };

static const struct key_spec leaders_keys[LDR_NKEYS] = {
    [LDR_MEMBERS] = {"members", " ", PEOPLE_EXPECT},
};

static void leaders_finish(struct loader *ld, struct raw_section *rs)
{
	people_take(ld, rs, LDR_MEMBERS, SIZE_MAX, &ld->cfg->leaders,
		    &ld->cfg->n_leaders);
}

const struct section_kind config_leaders_kind = {
    .name = "leaders",
    .keys = leaders_keys,
    .nkeys = LDR_NKEYS,
    .finish = leaders_finish,
};

enum { UNIT_NAME, UNIT_EMAIL, UNIT_HEAD, UNIT_MEMBERS, UNIT_NKEYS };

static const struct key_spec unit_keys[UNIT_NKEYS] = {
    [UNIT_NAME] = {"name", " ", "the unit's name"},
    [UNIT_EMAIL] = {"email", "", "a mail address"},
    [UNIT_HEAD] = {"head", "", "a mail address"},
    [UNIT_MEMBERS] = {"members", " ", PEOPLE_EXPECT},
};

static bool code_valid(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 16 &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			 "0123456789-_") == n;
}

/* A required key holding a bare address, stored lower-cased. */
static void take_address(struct loader *ld, struct raw_section *rs, size_t key,
			 char **out_r)
{
	if (config_take_required(ld, rs, key, out_r) < 0) {
		return;
	}
	if (!config_address_valid(*out_r)) {
		config_bad_value(ld, rs, key, *out_r);
	}
	config_ascii_lower(*out_r);
}

/* Text shown to people: valid UTF-8 without control characters. */
static void check_text(struct loader *ld, const struct raw_section *rs,
		       size_t key, const char *s)
{
	if (s && !config_text_valid(s)) {
		config_loader_error(ld, rs->values[key].line,
				    "'%s' is not UTF-8 text without control "
				    "characters",
				    rs->kind->keys[key].name);
	}
}

/* A unit with errors is still added, so that rules naming it do not
 * report it unknown as well. */
static void unit_finish(struct loader *ld, struct raw_section *rs)
{
	struct config *cfg = ld->cfg;
	size_t idx = cfg->n_units;
	struct config_unit *u;

	cfg->units = xrealloc(cfg->units, (idx + 1) * sizeof(*cfg->units));
	u = &cfg->units[idx];
	memset(u, 0, sizeof(*u));
	cfg->n_units++;
	u->code = xstrdup(rs->name);
	u->line = rs->line;
	if (!code_valid(u->code)) {
		char *bad = config_excerpt(u->code, strlen(u->code));

		config_loader_error(ld, rs->line,
				    "unit code is not 1 to 16 ASCII letters, "
				    "digits, '-' or '_': '%s'",
				    bad);
		free(bad);
	}
	if (config_take_required(ld, rs, UNIT_NAME, &u->name) == 0) {
		check_text(ld, rs, UNIT_NAME, u->name);
	}
	take_address(ld, rs, UNIT_EMAIL, &u->email);
	take_address(ld, rs, UNIT_HEAD, &u->head);
	people_take(ld, rs, UNIT_MEMBERS, idx, &u->members, &u->n_members);
	address_note(ld, u->email, idx, DIR_MAILBOX,
		     rs->values[UNIT_EMAIL].line);
	address_note(ld, u->head, idx, DIR_HEAD, rs->values[UNIT_HEAD].line);
}

const struct section_kind config_unit_kind = {
    .name = "unit",
    .arg = "CODE",
    .max = CONFIG_UNITS_MAX,
    .keys = unit_keys,
    .nkeys = UNIT_NKEYS,
    .finish = unit_finish,
};

enum {
	RULE_FROM,
	RULE_SUBJECT,
	RULE_LEAD,
	RULE_COORDINATE,
	RULE_DAYS,
	RULE_NKEYS
};

static const struct key_spec rule_keys[RULE_NKEYS] = {
    [RULE_FROM] = {"from", "", "a mail address, *@DOMAIN or *@*.DOMAIN"},
    [RULE_SUBJECT] = {"subject", " ", "text to look for in subjects"},
    [RULE_LEAD] = {"lead", "", UNIT_EXPECT},
    [RULE_COORDINATE] = {"coordinate", " ",
			 "comma-separated codes of [unit CODE] sections"},
    [RULE_DAYS] = {"days", "", "a number of working days from 1 to 365"},
};

static void rule_subject(struct loader *ld, struct raw_section *rs,
			 struct config_rule *r)
{
	r->subject = config_take_string(rs, RULE_SUBJECT, NULL);
	if (!r->subject) {
		return;
	}
	check_text(ld, rs, RULE_SUBJECT, r->subject);
	r->subject_folded = config_fold(r->subject, strlen(r->subject));
	if (!*r->subject_folded) {
		config_bad_value(ld, rs, RULE_SUBJECT, r->subject);
	}
}

/* lead becomes the code as its [unit] header writes it. */
static const struct config_unit *
rule_lead(struct loader *ld, struct raw_section *rs, struct config_rule *r)
{
	const struct config_unit *u;

	if (config_take_required(ld, rs, RULE_LEAD, &r->lead) < 0) {
		return NULL;
	}
	u = config_unit_find(ld->cfg, r->lead);
	if (!u) {
		config_bad_value(ld, rs, RULE_LEAD, r->lead);
		return NULL;
	}
	free(r->lead);
	r->lead = xstrdup(u->code);
	return u;
}

/* Whether u is among the units r already coordinates. */
static bool coordinates(const struct config_rule *r, const char *code)
{
	for (size_t i = 0; i < r->n_coordinate; i++) {
		if (strcmp(r->coordinate[i], code) == 0) {
			return true;
		}
	}
	return false;
}

static void rule_coordinate(struct loader *ld, struct raw_section *rs,
			    struct config_rule *r,
			    const struct config_unit *lead)
{
	const struct raw_value *rv = &rs->values[RULE_COORDINATE];
	const char *pos = rv->value ? rv->value : "";
	const struct config_unit *u;
	const char *item;
	size_t len, n = 0;
	char *code;

	while (config_list_next(&pos, ",", &item, &len)) {
		if (len == 0) {
			continue;
		}
		if (++n > CONFIG_UNITS_MAX) {
			config_loader_error(ld, rv->line,
					    "'coordinate' lists more than %d "
					    "units",
					    CONFIG_UNITS_MAX);
			return;
		}
		code = config_excerpt(item, len);
		u = config_unit_find(ld->cfg, code);
		if (!u) {
			config_loader_error(
			    ld, rv->line,
			    "'coordinate' entry is not " UNIT_EXPECT ": '%s'",
			    code);
		} else if (u == lead) {
			config_loader_error(ld, rv->line,
					    "'coordinate' lists the lead unit "
					    "'%s'; expected other units",
					    code);
		} else if (coordinates(r, u->code)) {
			config_loader_error(ld, rv->line,
					    "'coordinate' lists '%s' twice; "
					    "expected each unit once",
					    code);
		} else {
			r->coordinate =
			    xrealloc(r->coordinate, (r->n_coordinate + 1) *
							sizeof(*r->coordinate));
			r->coordinate[r->n_coordinate++] = xstrdup(u->code);
		}
		free(code);
	}
}

/* Units are finished before rules (the kinds' table order), so lead and
 * coordinate are checked here. */
static void rule_finish(struct loader *ld, struct raw_section *rs)
{
	struct config *cfg = ld->cfg;
	const struct config_unit *lead;
	struct config_rule *r;
	long days;

	cfg->rules = xrealloc(cfg->rules, (cfg->n_rules + 1) * sizeof(*r));
	r = &cfg->rules[cfg->n_rules++];
	memset(r, 0, sizeof(*r));
	r->name = xstrdup(rs->name);
	r->line = rs->line;
	if (config_take_required(ld, rs, RULE_FROM, &r->from) == 0) {
		if (!config_from_valid(r->from)) {
			config_bad_value(ld, rs, RULE_FROM, r->from);
		}
		config_ascii_lower(r->from);
	}
	rule_subject(ld, rs, r);
	lead = rule_lead(ld, rs, r);
	rule_coordinate(ld, rs, r, lead);
	config_get_long(ld, rs, RULE_DAYS, 1, 365, 0, &days);
	r->days = (int)days;
}

const struct section_kind config_rule_kind = {
    .name = "rule",
    .arg = "NAME",
    .max = CONFIG_RULES_MAX,
    .keys = rule_keys,
    .nkeys = RULE_NKEYS,
    .finish = rule_finish,
};

static int address_cmp(const void *a, const void *b)
{
	const struct dir_address *x = a;
	const struct dir_address *y = b;
	int c = strcmp(x->address, y->address);

	if (c != 0) {
		return c;
	}
	if (x->line != y->line) {
		return x->line < y->line ? -1 : 1;
	}
	return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

/* No address in two units, none listed twice.  Within one unit the head
 * may be a member, and a small unit's mailbox may be a person's.  Leaders
 * may also belong to a unit: role lookups take the leader first.  Sorted
 * by address and line, an address listed twice under one key is next to
 * itself. */
static void check_addresses(struct loader *ld)
{
	const struct dir_address *first = NULL; /* of units, per address */

	if (ld->naddrs == 0) {
		return; /* qsort wants a non-NULL base */
	}
	qsort(ld->addrs, ld->naddrs, sizeof(*ld->addrs), address_cmp);
	for (size_t i = 0; i < ld->naddrs; i++) {
		const struct dir_address *e = &ld->addrs[i];

		if (i > 0 && strcmp(e->address, e[-1].address) != 0) {
			first = NULL;
		}
		if (i > 0 && e->unit == e[-1].unit && e->kind == e[-1].kind &&
		    strcmp(e->address, e[-1].address) == 0) {
			config_loader_error(ld, e->line,
					    "'%s' lists '%s' twice; expected "
					    "each address once",
					    dir_key[e->kind], e->address);
		} else if (e->kind == DIR_LEADER) {
			continue;
		} else if (!first) {
			first = e;
		} else if (first->unit != e->unit) {
			config_loader_error(
			    ld, e->line,
			    "'%s' address '%s' is already in [unit %s] on "
			    "line %d; expected each address in one unit only",
			    dir_key[e->kind], e->address,
			    ld->cfg->units[first->unit].code, first->line);
		}
	}
}

/* Names are how staff may name units in replies: no two may fold to
 * the same text. */
static void check_unit_names(struct loader *ld)
{
	const struct config *cfg = ld->cfg;
	char **folded = xcalloc(cfg->n_units + 1, sizeof(*folded));

	for (size_t i = 0; i < cfg->n_units; i++) {
		const char *name = cfg->units[i].name;

		folded[i] = name ? config_fold(name, strlen(name)) : NULL;
		for (size_t j = 0; folded[i] && j < i; j++) {
			if (folded[j] && strcmp(folded[i], folded[j]) == 0) {
				config_loader_error(
				    ld, cfg->units[i].line,
				    "[unit %s] has the name of [unit %s] on "
				    "line %d; expected a name of its own",
				    cfg->units[i].code, cfg->units[j].code,
				    cfg->units[j].line);
				break;
			}
		}
	}
	for (size_t i = 0; i < cfg->n_units; i++) {
		free(folded[i]);
	}
	free(folded);
}

void config_directory_check(struct loader *ld)
{
	check_addresses(ld);
	check_unit_names(ld);
}

void config_directory_release(struct loader *ld)
{
	FREE_AND_NULL(ld->addrs);
	ld->naddrs = 0;
	ld->addrs_alloc = 0;
}
