/* Inside the config module: the loader that config.c drives, the line
 * reader handed to inih, and the table of section kinds. */
#ifndef CONGVAN_CONFIG_PRIVATE_H
#define CONGVAN_CONFIG_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "congvan/config.h"
#include "congvan/text.h"

struct loader;
struct raw_section;
struct dir_address;

/* One key a section accepts.  A continuation line (indented, right after
 * the key) is joined to the value with 'join'. */
struct key_spec {
	const char *name;
	const char *join;   /* " " for prose, "" for tokens and paths */
	const char *expect; /* what a good value looks like, for messages */
	bool secret;        /* never echo the value */
};

/* What a section header may name.  A named kind ([unit KHTC]) may appear
 * once per name (names compared ignoring ASCII case) and at most max
 * times; an unnamed kind once.  Adding a kind is a struct like this, its
 * finish function, and an entry in config_section_kinds (sections.c). */
struct section_kind {
	const char *name;
	const char *arg; /* "CODE" for [unit CODE]; NULL: takes no name */
	bool required;
	size_t max; /* named kinds: most sections of this kind */
	const struct key_spec *keys;
	size_t nkeys;
	/* Validates one section's raw values and moves them into ld->cfg.
	 * Kinds are finished in table order, each kind's sections in file
	 * order, so a finish may look at what earlier kinds put in ld->cfg. */
	void (*finish)(struct loader *ld, struct raw_section *rs);
};

/* A value as read, before validation; line 0 when the key was absent.
 * While the reader appends continuation lines, len is strlen(value) and
 * alloc the size of its buffer, which grows geometrically. */
struct raw_value {
	char *value;
	int line;
	size_t len;
	size_t alloc;
};

/* A value, continuation lines included, holds at most this many bytes. */
#define CONFIG_VALUE_MAX 65536

struct raw_section {
	const struct section_kind *kind;
	char *name;               /* NULL for unnamed kinds */
	int line;                 /* of the header */
	struct raw_value *values; /* kind->nkeys of them */
};

struct loader_error {
	int line;
	size_t seq;
	char *msg;
};

struct loader {
	const char *path; /* for messages */
	char *dir;        /* absolute directory of path, for relative paths */
	struct config *cfg;

	/* Reader state: the whole file, and where the reader is in it. */
	const char *data;
	size_t len;
	size_t pos;
	int lineno;
	bool in_key;       /* mirrors inih: a key was seen in this section */
	bool continuation; /* the line just read continues the previous key */

	/* Section state. */
	struct raw_section **sections;
	size_t nsections;
	struct raw_section *cur; /* NULL: outside any section, or skipping */
	bool skipping;           /* inside a rejected section header */
	struct raw_value *cont;  /* what a continuation line appends to */
	const struct key_spec *cont_key;
	bool cont_over;    /* cont passed CONFIG_VALUE_MAX; reported */
	size_t *kind_seen; /* headers seen per kind, config_section_kinds */

	/* Directory state (directory.c): every address of a unit or of
	 * [leaders], checked for overlaps once all units are read. */
	struct dir_address *addrs;
	size_t naddrs;
	size_t addrs_alloc;
	size_t npeople; /* unit members and leaders so far */

	struct loader_error *errors;
	size_t nerrors;
};

extern const struct section_kind *const config_section_kinds[];
extern const size_t config_section_kinds_count;

/* The directory's kinds (directory.c, deadlines.c). */
extern const struct section_kind config_leaders_kind;
extern const struct section_kind config_unit_kind;
extern const struct section_kind config_rule_kind;
extern const struct section_kind config_deadlines_kind;
extern const struct section_kind config_calendar_kind;
/* [report] (report_section.c). */
extern const struct section_kind config_report_kind;
void config_report_free(struct config_report *r);
/* [feed] (feed.c). */
extern const struct section_kind config_feed_kind;
/* [security] (security_section.c). */
extern const struct section_kind config_security_kind;
void config_security_free(struct config_security *s);
/* [letters] (letters_section.c). */
extern const struct section_kind config_letters_kind;

/* Sets what [deadlines] and [calendar] hold when absent; before any
 * finish. */
void config_directory_defaults(struct config *cfg);
/* Checks across sections once all are finished: no address in two
 * units, none listed twice. */
void config_directory_check(struct loader *ld);
/* Frees the loader's directory state. */
void config_directory_release(struct loader *ld);

/* Records "FILE:LINE: message"; line 0 means the file as a whole. */
void config_loader_error(struct loader *ld, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Feeds ld's data to inih line by line, building ld->sections. */
void config_reader_run(struct loader *ld);

/* "[service]" or "[unit KHTC]"; caller frees. */
char *config_section_label(const struct raw_section *rs);

/* Frees s after overwriting it, for anything that may hold a password. */
void config_wipe_free(char *s);

/* Value helpers for the finish functions (values.c).  Each reports its
 * own errors and returns -1 on a bad or missing value; the take_*
 * functions move the raw string out of rs. */
char *config_take_string(struct raw_section *rs, size_t key, const char *dflt);
int config_take_required(struct loader *ld, struct raw_section *rs, size_t key,
			 char **out_r);
int config_take_path(struct loader *ld, struct raw_section *rs, size_t key,
		     bool required, char **out_r);
int config_get_bool(struct loader *ld, struct raw_section *rs, size_t key,
		    bool dflt, bool *out_r);
int config_get_tls(struct loader *ld, struct raw_section *rs, size_t key,
		   enum config_tls *out_r);
int config_get_long(struct loader *ld, struct raw_section *rs, size_t key,
		    long min, long max, long dflt, long *out_r);
int config_take_password(struct loader *ld, struct raw_section *rs,
			 size_t key_password, size_t key_file, bool required,
			 char **out_r);
/* "'office' is not a mail address: 'foo'", at the key's line; the
 * value of a secret key is not echoed. */
void config_bad_value(struct loader *ld, const struct raw_section *rs,
		      size_t key, const char *value);
/* The span s, len for an error message: cut to about 100 bytes (on a
 * UTF-8 boundary) with "..." when longer; caller frees. */
char *config_excerpt(const char *s, size_t len);
/* Joins dir and p unless p is absolute; caller frees. */
char *config_resolve_path(const char *dir, const char *p);
/* True for a DNS hostname or IPv4 address: dot-separated labels of
 * letters, digits and inner hyphens. */
bool config_hostname_valid(const char *s);

/* The directory's text helpers (people.c). */

/* Most units, rules, and people (unit members and leaders) in all. */
#define CONFIG_UNITS_MAX  1000
#define CONFIG_RULES_MAX  1000
#define CONFIG_PEOPLE_MAX 10000

/* Trims ASCII white space off the span s, len. */
void config_span_trim(const char **s, size_t *len);
/* The next item of a list at *pos, up to one of seps outside "..." and
 * <...>, trimmed (possibly empty); false at the end.  Advances *pos. */
bool config_list_next(const char **pos, const char *seps, const char **item_r,
		      size_t *len_r);
/* Lower-cases ASCII letters in place; NULL is fine. */
void config_ascii_lower(char *s);
/* True when s is valid UTF-8 without control characters. */
bool config_text_valid(const char *s);
/* Name <address>, "Name" <address>, <address> or an address: 0
 * and new strings in p_r (address lower-cased, name NULL when none), or
 * -1 with p_r zeroed. */
int config_entry_parse(const char *s, size_t len, struct config_person *p_r);
/* A rule's from: an address, "*@DOMAIN" or "*@*.DOMAIN". */
bool config_from_valid(const char *from);
/* Whether addr matches the (valid) from of a rule, ignoring case. */
bool config_from_matches(const char *from, const char *addr);
/* text_fold of the span, with white space runs made one space and
 * trimmed; caller frees. */
char *config_fold(const char *s, size_t len);

/* A server URL split up.  Folder is set only for forms that take one. */
struct parsed_url {
	bool ssl;
	char *host;
	int port;
	char *folder;
};

struct url_form {
	const char *scheme;     /* "imap" */
	const char *ssl_scheme; /* "imaps" */
	int port;
	int ssl_port;
	bool folder;
	const char *expect; /* "imap://HOST[:PORT][/FOLDER] or imaps://..." */
};

/* Parses url; on failure reports at line and returns -1. */
int config_url_parse(struct loader *ld, int line, const char *url,
		     const struct url_form *form, struct parsed_url *out_r);

#endif
