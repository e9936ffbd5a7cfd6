/* Mail templates: templates/<language>/<name>.txt holds "Subject: ..." on
 * its first line, an empty line, then the plain-text body; <name>.html,
 * when present, is the HTML alternative (a body fragment).  {{name}} is
 * replaced by the variable's value (HTML-escaped in .html); an unknown
 * name is an error, so a typo in a template never reaches a reader.
 *
 * A variable whose name ends in "_html" ({{report_html}}) is markup that
 * congvan itself wrote: it is inserted into .html as it is, unescaped,
 * and using it in the subject or the .txt is an error.  Never put text
 * that came from mail or from people into such a variable. */
#ifndef CONGVAN_TEMPLATE_H
#define CONGVAN_TEMPLATE_H

#include <stddef.h>

struct template_var {
	const char *name;
	const char *value; /* NULL renders as "" */
};

struct template_out {
	char *subject;
	char *text;
	char *html; /* NULL when the template has no .html */
};

/* Renders dir/lang/name.txt (and .html).  Returns 0, or -1 with *error_r
 * naming the file and line. */
int template_render(const char *dir, const char *lang, const char *name,
		    const struct template_var *vars, size_t nvars,
		    struct template_out *out_r, char **error_r);
void template_out_free(struct template_out *out);

/* Checks that dir/lang/name.txt exists and is well formed (and .html when
 * present), without rendering it. */
int template_check(const char *dir, const char *lang, const char *name,
		   char **error_r);

/* Template files are read once per process and cached; this drops the
 * cache (tests, and a daemon asked to reload). */
void template_cache_clear(void);

/* Substitutes {{name}} in text; escape_html escapes values for HTML
 * except those of "_html" variables, which without escape_html are an
 * error. */
int template_expand(const char *text, const struct template_var *vars,
		    size_t nvars, int escape_html, char **out_r,
		    char **error_r);

/* Finds the template folder: configured (non-empty) wins, then
 * "templates" beside the running binary (a source tree), then
 * "../share/congvan/templates" from it (an installed tree, any PREFIX),
 * then the compiled-in data folder.  Caller frees. */
char *template_find_dir(const char *configured);

/* Every template congvan sends, NULL-terminated: what check-config
 * checks and templates/<lang>/ must hold. */
extern const char *const template_names[];

#endif
