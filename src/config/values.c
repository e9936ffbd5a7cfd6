/* Turning raw values into typed ones, with one message per bad value. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

static const struct key_spec *spec(const struct raw_section *rs, size_t key)
{
	return &rs->kind->keys[key];
}

static bool present(const struct raw_section *rs, size_t key)
{
	return rs->values[key].value && rs->values[key].value[0];
}

#define EXCERPT_MAX 100

char *config_excerpt(const char *s, size_t len)
{
	size_t n = len;

	if (len <= EXCERPT_MAX) {
		return xstrndup(s, len);
	}
	n = EXCERPT_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80) {
		n--; /* not inside a UTF-8 sequence */
	}
	return xasprintf("%.*s...", (int)n, s);
}

void config_bad_value(struct loader *ld, const struct raw_section *rs,
		      size_t key, const char *value)
{
	const struct key_spec *ks = spec(rs, key);
	char *shown;

	if (ks->secret) {
		config_loader_error(ld, rs->values[key].line, "'%s' is not %s",
				    ks->name, ks->expect);
		return;
	}
	shown = config_excerpt(value, strlen(value));
	config_loader_error(ld, rs->values[key].line, "'%s' is not %s: '%s'",
			    ks->name, ks->expect, shown);
	free(shown);
}

char *config_take_string(struct raw_section *rs, size_t key, const char *dflt)
{
	struct raw_value *rv = &rs->values[key];
	char *s;

	if (present(rs, key)) {
		s = rv->value;
		rv->value = NULL;
		return s;
	}
	return dflt ? xstrdup(dflt) : NULL;
}

int config_take_required(struct loader *ld, struct raw_section *rs, size_t key,
			 char **out_r)
{
	const struct key_spec *ks = spec(rs, key);
	char *label;

	if (present(rs, key)) {
		*out_r = config_take_string(rs, key, NULL);
		return 0;
	}
	label = config_section_label(rs);
	if (rs->values[key].line > 0) {
		config_loader_error(ld, rs->values[key].line,
				    "empty value for '%s' in %s; expected %s",
				    ks->name, label, ks->expect);
	} else {
		config_loader_error(ld, rs->line,
				    "missing key '%s' in %s; expected %s",
				    ks->name, label, ks->expect);
	}
	free(label);
	return -1;
}

char *config_resolve_path(const char *dir, const char *p)
{
	size_t n = strlen(dir);

	if (p[0] == '/') {
		return xstrdup(p);
	}
	while (p[0] == '.' && p[1] == '/') {
		p += 2;
		while (*p == '/') {
			p++;
		}
	}
	if (!*p || strcmp(p, ".") == 0) {
		return xstrdup(dir);
	}
	if (n > 0 && dir[n - 1] == '/') {
		return xasprintf("%s%s", dir, p);
	}
	return xasprintf("%s/%s", dir, p);
}

int config_take_path(struct loader *ld, struct raw_section *rs, size_t key,
		     bool required, char **out_r)
{
	char *raw = NULL;

	*out_r = NULL;
	if (required) {
		if (config_take_required(ld, rs, key, &raw) < 0) {
			return -1;
		}
	} else {
		raw = config_take_string(rs, key, NULL);
	}
	if (raw) {
		*out_r = config_resolve_path(ld->dir, raw);
		free(raw);
	}
	return 0;
}

/* 1 true, 0 false, -1 neither. */
static int parse_bool(const char *s)
{
	static const char *const yes[] = {"yes", "true", "on", "1"};
	static const char *const no[] = {"no", "false", "off", "0"};

	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		if (str_iequal(s, yes[i])) {
			return 1;
		}
		if (str_iequal(s, no[i])) {
			return 0;
		}
	}
	return -1;
}

int config_get_bool(struct loader *ld, struct raw_section *rs, size_t key,
		    bool dflt, bool *out_r)
{
	const char *s = rs->values[key].value;
	int b;

	*out_r = dflt;
	if (!present(rs, key)) {
		return 0;
	}
	b = parse_bool(s);
	if (b < 0) {
		config_bad_value(ld, rs, key, s);
		return -1;
	}
	*out_r = b == 1;
	return 0;
}

int config_get_tls(struct loader *ld, struct raw_section *rs, size_t key,
		   enum config_tls *out_r)
{
	const char *s = rs->values[key].value;
	int b;

	*out_r = CONFIG_TLS_AUTO;
	if (!present(rs, key) || str_iequal(s, "auto")) {
		return 0;
	}
	b = parse_bool(s);
	if (b < 0) {
		config_bad_value(ld, rs, key, s);
		return -1;
	}
	*out_r = b == 1 ? CONFIG_TLS_YES : CONFIG_TLS_NO;
	return 0;
}

int config_get_long(struct loader *ld, struct raw_section *rs, size_t key,
		    long min, long max, long dflt, long *out_r)
{
	const char *s = rs->values[key].value;

	*out_r = dflt;
	if (!present(rs, key)) {
		return 0;
	}
	if (strspn(s, "0123456789") != strlen(s) ||
	    str_to_long(s, min, max, out_r) < 0) {
		*out_r = dflt;
		config_bad_value(ld, rs, key, s);
		return -1;
	}
	return 0;
}

/* Reads a password file; one trailing line break is not part of it. */
static int read_password_file(struct loader *ld, const struct raw_value *rv,
			      char **out_r)
{
	char *path = config_resolve_path(ld->dir, rv->value);
	char *data = NULL;
	size_t len = 0;
	int ret = -1;

	if (file_read_all(path, &data, &len) < 0) {
		config_loader_error(ld, rv->line,
				    "cannot read password_file '%s': %s", path,
				    strerror(errno));
		goto out;
	}
	while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r')) {
		data[--len] = '\0';
	}
	if (len == 0 || memchr(data, '\0', len)) {
		config_loader_error(ld, rv->line,
				    "password_file '%s' is %s; expected the "
				    "password on one line",
				    path, len ? "binary" : "empty");
		explicit_bzero(data, len);
		FREE_AND_NULL(data);
		goto out;
	}
	*out_r = data;
	ret = 0;
out:
	free(path);
	return ret;
}

int config_take_password(struct loader *ld, struct raw_section *rs,
			 size_t key_password, size_t key_file, bool required,
			 char **out_r)
{
	const struct raw_value *f = &rs->values[key_file];
	bool has_p = present(rs, key_password);
	bool has_f = present(rs, key_file);
	char *label = config_section_label(rs);
	int ret = 0;

	*out_r = NULL;
	if (has_p && has_f) {
		int line = rs->values[key_password].line;

		config_loader_error(ld, line > f->line ? line : f->line,
				    "both '%s' and '%s' are set in %s; "
				    "expected exactly one",
				    spec(rs, key_password)->name,
				    spec(rs, key_file)->name, label);
		ret = -1;
	} else if (has_f) {
		ret = read_password_file(ld, f, out_r);
	} else if (has_p) {
		*out_r = config_take_string(rs, key_password, NULL);
	} else if (required) {
		config_loader_error(ld, rs->line,
				    "missing key '%s' or '%s' in %s; expected "
				    "exactly one",
				    spec(rs, key_password)->name,
				    spec(rs, key_file)->name, label);
		ret = -1;
	}
	free(label);
	return ret;
}

bool config_hostname_valid(const char *s)
{
	size_t n = strlen(s);
	size_t label = 0;

	if (n == 0 || n > 253) {
		return false;
	}
	for (size_t i = 0; i <= n; i++) {
		char c = s[i];

		if (c == '.' || c == '\0') {
			if (label == 0 || label > 63 || s[i - 1] == '-') {
				return false;
			}
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || (c == '-' && label > 0))) {
			return false;
		}
		label++;
	}
	return true;
}
