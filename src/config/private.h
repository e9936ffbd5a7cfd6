/* Inside the config module: the loader that config.c drives, the line
 * reader handed to inih, and the table of section kinds. */
#ifndef CONGVAN_CONFIG_PRIVATE_H
#define CONGVAN_CONFIG_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "congvan/config.h"

struct loader;
struct raw_section;

/* One key a section accepts.  A continuation line (indented, right after
 * the key) is joined to the value with 'join'. */
struct key_spec {
	const char *name;
	const char *join;   /* " " for prose, "" for tokens and paths */
	const char *expect; /* what a good value looks like, for messages */
	bool secret;        /* never echo the value */
};

/* What a section header may name.  A named kind ([unit KHTC]) may appear
 * once per name; an unnamed kind once.  Adding a kind is a table entry in
 * sections.c plus its finish function. */
struct section_kind {
	const char *name;
	bool named;
	bool required;
	const struct key_spec *keys;
	size_t nkeys;
	/* Validates one section's raw values and moves them into ld->cfg. */
	void (*finish)(struct loader *ld, struct raw_section *rs);
};

/* A value as read, before validation; line 0 when the key was absent. */
struct raw_value {
	char *value;
	int line;
};

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
	const char *cont_join;

	struct loader_error *errors;
	size_t nerrors;
};

extern const struct section_kind config_section_kinds[];
extern const size_t config_section_kinds_count;

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
/* Joins dir and p unless p is absolute; caller frees. */
char *config_resolve_path(const char *dir, const char *p);
/* True for a DNS hostname or IPv4 address: dot-separated labels of
 * letters, digits and inner hyphens. */
bool config_hostname_valid(const char *s);

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
