/* Loading the configuration: read the file, let the reader and inih build
 * raw sections, validate each section, and report every problem at once. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "congvan/config.h"
#include "congvan/util.h"
#include "private.h"

/* Past this many, the rest are only counted: a binary file fed in by
 * mistake should not print thousands of lines. */
#define MAX_ERRORS_SHOWN 50

void config_wipe_free(char *s)
{
	if (!s) {
		return;
	}
	/* explicit_bzero, not memset: a store right before free() may be
	 * optimised away. */
	explicit_bzero(s, strlen(s));
	free(s);
}

void config_loader_error(struct loader *ld, int line, const char *fmt, ...)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	struct loader_error *e;
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	ld->errors =
	    xrealloc(ld->errors, (ld->nerrors + 1) * sizeof(*ld->errors));
	e = &ld->errors[ld->nerrors];
	e->line = line;
	e->seq = ld->nerrors;
	e->msg = sbuf_detach(&sb);
	ld->nerrors++;
}

static int error_cmp(const void *a, const void *b)
{
	const struct loader_error *x = a;
	const struct loader_error *y = b;

	if (x->line != y->line) {
		return x->line < y->line ? -1 : 1;
	}
	return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

/* Every error on its own line, in file order, "FILE:LINE: message". */
static char *errors_format(struct loader *ld)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);

	qsort(ld->errors, ld->nerrors, sizeof(*ld->errors), error_cmp);
	for (size_t i = 0; i < ld->nerrors && i < MAX_ERRORS_SHOWN; i++) {
		const struct loader_error *e = &ld->errors[i];

		if (i > 0) {
			sbuf_addch(&sb, '\n');
		}
		if (e->line > 0) {
			sbuf_addf(&sb, "%s:%d: %s", ld->path, e->line, e->msg);
		} else {
			sbuf_addf(&sb, "%s: %s", ld->path, e->msg);
		}
	}
	if (ld->nerrors > MAX_ERRORS_SHOWN) {
		sbuf_addf(&sb, "\n%s: %zu more errors not shown", ld->path,
			  ld->nerrors - MAX_ERRORS_SHOWN);
	}
	return sbuf_detach(&sb);
}

/* The directory relative paths hang from, made absolute so that a later
 * chdir() does not change what they mean. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	char *cwd;
	char *abs;

	if (!slash) {
		dir = xstrdup(".");
	} else if (slash == path) {
		dir = xstrdup("/");
	} else {
		dir = xstrndup(path, (size_t)(slash - path));
	}
	if (dir[0] == '/') {
		return dir;
	}
	cwd = getcwd(NULL, 0);
	if (!cwd) {
		return dir; /* stays relative to the working directory */
	}
	abs = config_resolve_path(cwd, dir);
	free(cwd);
	free(dir);
	return abs;
}

static void raw_section_free(struct raw_section *rs)
{
	if (!rs) {
		return;
	}
	for (size_t i = 0; i < rs->kind->nkeys; i++) {
		config_wipe_free(rs->values[i].value);
	}
	free(rs->values);
	free(rs->name);
	free(rs);
}

static void loader_release(struct loader *ld)
{
	for (size_t i = 0; i < ld->nsections; i++) {
		raw_section_free(ld->sections[i]);
	}
	FREE_AND_NULL(ld->sections);
	for (size_t i = 0; i < ld->nerrors; i++) {
		free(ld->errors[i].msg);
	}
	FREE_AND_NULL(ld->errors);
	FREE_AND_NULL(ld->dir);
	FREE_AND_NULL(ld->kind_seen);
	config_directory_release(ld);
}

static bool section_present(const struct loader *ld,
			    const struct section_kind *kind)
{
	for (size_t i = 0; i < ld->nsections; i++) {
		if (ld->sections[i]->kind == kind) {
			return true;
		}
	}
	return false;
}

/* Removes one pair of surrounding double quotes, which lets a value keep
 * leading or trailing spaces. */
static void dequote(char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		memmove(s, s + 1, n - 2);
		s[n - 2] = '\0';
	}
}

/* Kinds in table order, so that rules find the units they name. */
static void sections_finish(struct loader *ld)
{
	for (size_t i = 0; i < config_section_kinds_count; i++) {
		const struct section_kind *kind = config_section_kinds[i];

		if (kind->required && !section_present(ld, kind)) {
			config_loader_error(ld, 0, "missing section [%s]",
					    kind->name);
		}
	}
	config_directory_defaults(ld->cfg);
	for (size_t i = 0; i < config_section_kinds_count; i++) {
		for (size_t j = 0; j < ld->nsections; j++) {
			struct raw_section *rs = ld->sections[j];

			if (rs->kind != config_section_kinds[i]) {
				continue;
			}
			for (size_t k = 0; k < rs->kind->nkeys; k++) {
				dequote(rs->values[k].value);
			}
			rs->kind->finish(ld, rs);
		}
	}
	config_directory_check(ld);
}

int config_load_buffer(const char *path, const char *data, size_t len,
		       struct config *cfg_r, char **error_r)
{
	struct config cfg = {0};
	struct loader ld = {0};
	int ret = -1;

	ld.path = path;
	ld.dir = dir_of(path);
	ld.cfg = &cfg;
	ld.data = data;
	ld.len = len;
	cfg.path = xstrdup(path);
	config_reader_run(&ld);
	sections_finish(&ld);
	if (ld.nerrors > 0) {
		*error_r = errors_format(&ld);
		config_free(&cfg);
		goto out;
	}
	*cfg_r = cfg;
	ret = 0;
out:
	loader_release(&ld);
	return ret;
}

int config_load(const char *path, struct config *cfg_r, char **error_r)
{
	char *data = NULL;
	size_t len = 0;
	int ret;

	if (file_read_all(path, &data, &len) < 0) {
		*error_r =
		    xasprintf("%s: cannot read: %s", path, strerror(errno));
		return -1;
	}
	ret = config_load_buffer(path, data, len, cfg_r, error_r);
	explicit_bzero(data, len); /* it holds any inline password */
	free(data);
	return ret;
}

static void people_free(struct config_person *people, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		config_person_release(&people[i]);
	}
	free(people);
}

static void directory_free(struct config *cfg)
{
	for (size_t i = 0; i < cfg->n_units; i++) {
		struct config_unit *u = &cfg->units[i];

		free(u->code);
		free(u->name);
		free(u->email);
		free(u->head);
		people_free(u->members, u->n_members);
	}
	free(cfg->units);
	for (size_t i = 0; i < cfg->n_rules; i++) {
		struct config_rule *r = &cfg->rules[i];

		free(r->name);
		free(r->from);
		free(r->subject);
		free(r->subject_folded);
		free(r->lead);
		for (size_t j = 0; j < r->n_coordinate; j++) {
			free(r->coordinate[j]);
		}
		free(r->coordinate);
	}
	free(cfg->rules);
	people_free(cfg->leaders, cfg->n_leaders);
	free(cfg->deadlines.remind_before);
	free(cfg->calendar.holidays);
	free(cfg->calendar.workdays);
}

void config_free(struct config *cfg)
{
	if (!cfg) {
		return;
	}
	free(cfg->path);
	free(cfg->service.organization);
	free(cfg->service.domain);
	free(cfg->service.database);
	free(cfg->service.office);
	free(cfg->service.language);
	free(cfg->service.item_prefix);
	free(cfg->service.secret_file);
	free(cfg->service.templates);
	free(cfg->mailbox.url);
	free(cfg->mailbox.user);
	config_wipe_free(cfg->mailbox.password);
	free(cfg->mailbox.password_file);
	free(cfg->mailbox.host);
	free(cfg->mailbox.folder);
	free(cfg->mailbox.ca_file);
	free(cfg->smtp.url);
	free(cfg->smtp.user);
	config_wipe_free(cfg->smtp.password);
	free(cfg->smtp.password_file);
	free(cfg->smtp.from);
	free(cfg->smtp.host);
	free(cfg->smtp.ca_file);
	directory_free(cfg);
	config_report_free(&cfg->report);
	config_security_free(&cfg->security);
	free(cfg->feed.listen);
	free(cfg->feed.host);
	free(cfg->feed.base_url);
	free(cfg->letters.trust);
	memset(cfg, 0, sizeof(*cfg));
}

/* The local part: a dot-atom of printable ASCII (or UTF-8) without the
 * specials of RFC 5322; no quoted strings. */
static bool address_local_ok(const char *s, size_t n)
{
	if (n == 0 || s[0] == '.' || s[n - 1] == '.') {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c == 0x7f || strchr("<>()[]\\,;:@\"", c) ||
		    (c == '.' && s[i + 1] == '.')) {
			return false;
		}
	}
	return true;
}

bool config_address_valid(const char *s)
{
	const char *at;

	if (!s) {
		return false;
	}
	at = strchr(s, '@');
	return at && address_local_ok(s, at - s) &&
	       config_hostname_valid(at + 1);
}
