#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "congvan/template.h"
#include "congvan/util.h"

#ifndef CONGVAN_DATADIR
#define CONGVAN_DATADIR "/usr/local/share/congvan"
#endif

/* Template files read so far, kept for the life of the process: intake
 * renders the same template for every message of a batch.  A missing
 * file is remembered too (data NULL). */
struct cached {
	char *path;
	char *data;
	int err;
	struct cached *next;
};

static struct cached *cache;

/* Returns a borrowed copy of path's contents, or NULL with errno. */
static const char *read_cached(const char *path)
{
	struct cached *c;

	for (c = cache; c; c = c->next) {
		if (strcmp(c->path, path) == 0) {
			errno = c->err;
			return c->data;
		}
	}
	c = xcalloc(1, sizeof(*c));
	c->path = xstrdup(path);
	if (file_read_all(path, &c->data, NULL) < 0) {
		c->err = errno;
	}
	c->next = cache;
	cache = c;
	errno = c->err;
	return c->data;
}

void template_cache_clear(void)
{
	while (cache) {
		struct cached *next = cache->next;

		free(cache->path);
		free(cache->data);
		free(cache);
		cache = next;
	}
}

static const char *lookup(const struct template_var *vars, size_t nvars,
			  const char *name, size_t len)
{
	for (size_t i = 0; i < nvars; i++) {
		if (strlen(vars[i].name) == len &&
		    memcmp(vars[i].name, name, len) == 0) {
			return vars[i].value ? vars[i].value : "";
		}
	}
	return NULL;
}

/* A variable whose name ends in "_html" holds markup the code wrote
 * (never text from mail): it goes into .html unescaped, and nowhere
 * else. */
static bool is_raw_html(const char *name, size_t len)
{
	static const char suffix[] = "_html";
	size_t n = sizeof(suffix) - 1;

	return len > n && memcmp(name + len - n, suffix, n) == 0;
}

static int line_of(const char *text, const char *at)
{
	int line = 1;

	for (; text < at; text++) {
		line += *text == '\n';
	}
	return line;
}

int template_expand(const char *text, const struct template_var *vars,
		    size_t nvars, int escape_html, char **out_r, char **error_r)
{
	struct sbuf sb = SBUF_INIT(16 << 20);
	const char *p = text;

	for (;;) {
		const char *open = strstr(p, "{{");
		const char *close, *name, *value;
		bool raw;

		if (!open) {
			break;
		}
		close = strstr(open + 2, "}}");
		name = open + 2;
		value = close
			    ? lookup(vars, nvars, name, (size_t)(close - name))
			    : NULL;
		if (!value) {
			*error_r =
			    xasprintf("line %d: unknown or unterminated"
				      " variable '%.*s'",
				      line_of(text, open),
				      close ? (int)(close - name) : 20, name);
			sbuf_release(&sb);
			return -1;
		}
		raw = is_raw_html(name, (size_t)(close - name));
		if (raw && !escape_html) {
			*error_r = xasprintf("line %d: variable '%.*s' holds"
					     " HTML; only .html templates may"
					     " use it",
					     line_of(text, open),
					     (int)(close - name), name);
			sbuf_release(&sb);
			return -1;
		}
		sbuf_add(&sb, p, (size_t)(open - p));
		if (escape_html && !raw) {
			sbuf_add_html(&sb, value);
		} else {
			sbuf_adds(&sb, value);
		}
		p = close + 2;
	}
	sbuf_adds(&sb, p);
	*out_r = sbuf_detach(&sb);
	return 0;
}

/* Splits "Subject: ...\n\nbody" into its two parts. */
static int split_subject(const char *path, char *text, char **subject_r,
			 char **body_r, char **error_r)
{
	char *nl = strchr(text, '\n');

	if (!str_startswith(text, "Subject:") || !nl) {
		*error_r = xasprintf("%s:1: expected 'Subject: ...' and an"
				     " empty line before the body",
				     path);
		return -1;
	}
	*nl = '\0';
	*subject_r = str_trim(text + strlen("Subject:"));
	*body_r = nl + 1;
	if (**body_r == '\n') {
		(*body_r)++;
	}
	return 0;
}

static int render_text(const char *path, const struct template_var *vars,
		       size_t nvars, struct template_out *out, char **error_r)
{
	const char *cached = read_cached(path);
	char *raw, *subject, *body, *err = NULL;
	int ret = -1;

	if (!cached) {
		*error_r =
		    xasprintf("template '%s': %s", path, strerror(errno));
		return -1;
	}
	raw = xstrdup(cached);
	if (split_subject(path, raw, &subject, &body, error_r) < 0) {
		goto out;
	}
	if (template_expand(subject, vars, nvars, 0, &out->subject, &err) < 0 ||
	    template_expand(body, vars, nvars, 0, &out->text, &err) < 0) {
		*error_r = xasprintf("template '%s': %s", path, err);
		goto out;
	}
	ret = 0;
out:
	free(err);
	free(raw);
	return ret;
}

int template_render(const char *dir, const char *lang, const char *name,
		    const struct template_var *vars, size_t nvars,
		    struct template_out *out_r, char **error_r)
{
	char *path = xasprintf("%s/%s/%s.txt", dir, lang, name);
	const char *html;
	char *err = NULL;
	int ret = -1;

	memset(out_r, 0, sizeof(*out_r));
	if (render_text(path, vars, nvars, out_r, error_r) < 0) {
		goto out;
	}
	free(path);
	path = xasprintf("%s/%s/%s.html", dir, lang, name);
	html = read_cached(path);
	if (html &&
	    template_expand(html, vars, nvars, 1, &out_r->html, &err) < 0) {
		*error_r = xasprintf("template '%s': %s", path, err);
		goto out;
	}
	ret = 0;
out:
	if (ret < 0) {
		template_out_free(out_r);
	}
	free(err);
	free(path);
	return ret;
}

/* Every {{ has a }} and a plain name between them; "_html" names only
 * where allow_raw (.html). */
static int check_placeholders(const char *path, const char *text,
			      bool allow_raw, char **error_r)
{
	for (const char *p = strstr(text, "{{"); p; p = strstr(p, "{{")) {
		const char *close = strstr(p + 2, "}}");
		size_t n = close ? (size_t)(close - p - 2) : 0;

		if (!close || n == 0 ||
		    strspn(p + 2, "abcdefghijklmnopqrstuvwxyz_0123456789") !=
			n) {
			*error_r = xasprintf("template '%s': line %d: malformed"
					     " variable; expected {{name}}",
					     path, line_of(text, p));
			return -1;
		}
		if (!allow_raw && is_raw_html(p + 2, n)) {
			*error_r =
			    xasprintf("template '%s': line %d: variable"
				      " '%.*s' holds HTML; only .html"
				      " templates may use it",
				      path, line_of(text, p), (int)n, p + 2);
			return -1;
		}
		p = close + 2;
	}
	return 0;
}

int template_check(const char *dir, const char *lang, const char *name,
		   char **error_r)
{
	static const char *const exts[] = {"txt", "html"};
	int ret = 0;

	for (size_t i = 0; i < ARRAY_SIZE(exts) && ret == 0; i++) {
		char *path = xasprintf("%s/%s/%s.%s", dir, lang, name, exts[i]);
		const char *text = read_cached(path);
		char *copy, *subject, *body;

		if (!text && i == 0) {
			*error_r = xasprintf("template '%s': %s", path,
					     strerror(errno));
			ret = -1;
		} else if (text && i == 0) {
			copy = xstrdup(text);
			ret =
			    split_subject(path, copy, &subject, &body, error_r);
			free(copy);
		}
		if (ret == 0 && text) {
			ret = check_placeholders(path, text, i == 1, error_r);
		}
		free(path);
	}
	return ret;
}

void template_out_free(struct template_out *out)
{
	FREE_AND_NULL(out->subject);
	FREE_AND_NULL(out->text);
	FREE_AND_NULL(out->html);
}

static bool is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

char *template_find_dir(const char *configured)
{
	/* Beside the binary in a source tree, then where `make install`
	 * put them relative to the binary (any PREFIX), then the compiled-in
	 * data folder. */
	static const char *const near_exe[] = {
	    "templates", "../share/congvan/templates",
	    "../../share/congvan/templates" /* from PREFIX/lib/congvan */};
	char exe[PATH_MAX];
	ssize_t n;

	if (configured && *configured) {
		return xstrdup(configured);
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
		}
		for (size_t i = 0; i < ARRAY_SIZE(near_exe); i++) {
			char *dir = xasprintf("%s/%s", exe, near_exe[i]);

			if (is_dir(dir)) {
				return dir;
			}
			free(dir);
		}
	}
	return xstrdup(CONGVAN_DATADIR "/templates");
}

const char *const template_names[] = {"registered",
				      "assigned",
				      "delegated",
				      "consult_request",
				      "reminder",
				      "due_today",
				      "overdue",
				      "escalation",
				      "consult_reminder",
				      "deemed_agreement",
				      "unclear",
				      "ack",
				      "disputed",
				      "returned_office",
				      "returned_sender",
				      "transferred",
				      "extension_request",
				      "extension_decided",
				      "done",
				      "report",
				      "calendar_cancel",
				      "calendar_declined",
				      "command_refused",
				      "nothing_done",
				      "handler_reminder",
				      "mail_failed",
				      NULL};
