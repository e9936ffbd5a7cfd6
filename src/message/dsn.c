/* Delivery status notifications (RFC 3464): which recipients a bounce
 * says failed, and why.  A report is a group of fields for the message,
 * then one group per recipient, groups separated by blank lines; a field
 * may be folded onto lines that start with white space.  What comes from
 * the report is cut and made printable: anyone may send one. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "congvan/message.h"
#include "congvan/util.h"
#include "private.h"

/* Recipients read from one report, and bytes kept of a field. */
#define DSN_RECIPIENTS_MAX 100
#define DSN_FIELD_MAX      300

/* The fields of one group that matter here. */
struct group {
	struct sbuf rcpt, action, status, diagnostic;
};

static void group_init(struct group *g)
{
	g->rcpt = (struct sbuf)SBUF_INIT(DSN_FIELD_MAX);
	g->action = (struct sbuf)SBUF_INIT(DSN_FIELD_MAX);
	g->status = (struct sbuf)SBUF_INIT(DSN_FIELD_MAX);
	g->diagnostic = (struct sbuf)SBUF_INIT(DSN_FIELD_MAX);
}

static void group_release(struct group *g)
{
	sbuf_release(&g->rcpt);
	sbuf_release(&g->action);
	sbuf_release(&g->status);
	sbuf_release(&g->diagnostic);
}

void message_add_clean(struct sbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool space = c < 0x20 || c == 0x7f || c == ' ';

		if (space && (sb->len == 0 || sb->buf[sb->len - 1] == ' ')) {
			continue;
		}
		sbuf_addch(sb, space ? ' ' : (char)c);
	}
}

/* "type; value" (Final-Recipient: rfc822; a@b): the value. */
static void after_type(const char *v, size_t n, const char **p_r, size_t *n_r)
{
	const char *semi = memchr(v, ';', n);

	if (semi) {
		n -= (size_t)(semi + 1 - v);
		v = semi + 1;
	}
	*p_r = v;
	*n_r = n;
}

/* The group's field for a line "Name: value", or NULL. */
static struct sbuf *field_of(struct group *g, const char *line, size_t n,
			     size_t *value_at)
{
	static const struct {
		const char *name;
		size_t off;
	} fields[] = {
	    {"final-recipient", offsetof(struct group, rcpt)},
	    {"action", offsetof(struct group, action)},
	    {"status", offsetof(struct group, status)},
	    {"diagnostic-code", offsetof(struct group, diagnostic)},
	};
	const char *colon = memchr(line, ':', n);

	if (!colon) {
		return NULL;
	}
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		size_t len = strlen(fields[i].name);

		if ((size_t)(colon - line) == len &&
		    strncasecmp(line, fields[i].name, len) == 0) {
			*value_at = len + 1;
			return (struct sbuf *)((char *)g + fields[i].off);
		}
	}
	return NULL;
}

/* Adds the group's recipient to the list when it failed. */
static void group_end(struct group *g, struct message_dsn_failure **list,
		      size_t *n)
{
	char *rcpt, *r;

	if (*n < DSN_RECIPIENTS_MAX && g->rcpt.len > 0 && g->action.len > 0 &&
	    str_iequal(str_trim(g->action.buf), "failed")) {
		struct message_dsn_failure *f;

		rcpt = str_trim(g->rcpt.buf);
		if (*rcpt == '<') {
			rcpt++;
		}
		r = strchr(rcpt, '>');
		if (r) {
			*r = '\0';
		}
		for (r = rcpt; *r; r++) {
			*r = (*r >= 'A' && *r <= 'Z') ? (char)(*r - 'A' + 'a')
						      : *r;
		}
		if (*rcpt && strchr(rcpt, '@') && !strchr(rcpt, ' ')) {
			*list = xrealloc(*list, (*n + 1) * sizeof(**list));
			f = &(*list)[(*n)++];
			f->rcpt = xstrdup(rcpt);
			f->status = xstrdup(
			    g->status.len ? str_trim(g->status.buf) : "");
			f->diagnostic = xstrdup(
			    g->diagnostic.len ? str_trim(g->diagnostic.buf)
					      : "");
		}
	}
	group_release(g);
	group_init(g);
}

size_t message_dsn_failures(const char *text, size_t len,
			    struct message_dsn_failure **list_r)
{
	struct group g;
	struct sbuf *cur = NULL; /* the field a folded line continues */
	size_t n = 0;

	*list_r = NULL;
	group_init(&g);
	for (size_t i = 0; i < len;) {
		const char *line = text + i;
		const char *nl = memchr(line, '\n', len - i);
		size_t ll = nl ? (size_t)(nl - line) : len - i;
		size_t at;
		bool blank = true;

		i += ll + (nl ? 1 : 0);
		if (ll > 0 && line[ll - 1] == '\r') {
			ll--;
		}
		for (size_t k = 0; k < ll && blank; k++) {
			blank = line[k] == ' ' || line[k] == '\t';
		}
		if (blank) {
			group_end(&g, list_r, &n);
			cur = NULL;
		} else if (line[0] == ' ' || line[0] == '\t') {
			if (cur) {
				message_add_clean(cur, " ", 1);
				message_add_clean(cur, line, ll);
			}
		} else if ((cur = field_of(&g, line, ll, &at)) != NULL) {
			const char *v = line + at;
			size_t vn = ll - at;

			if (cur == &g.rcpt || cur == &g.diagnostic) {
				after_type(v, vn, &v, &vn);
			}
			sbuf_reset(cur);
			message_add_clean(cur, v, vn);
		}
	}
	group_end(&g, list_r, &n);
	group_release(&g);
	return n;
}

void message_dsn_failures_free(struct message_dsn_failure *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].rcpt);
		free(list[i].status);
		free(list[i].diagnostic);
	}
	free(list);
}
