/* Feed subjects and their tokens.  A token is a MAC of the subject and
 * its version under the service secret: nothing is stored per token, a
 * URL reveals nobody, and revoking one raises the version so the old
 * token no longer verifies.  Finding the subject of a token recomputes the
 * token of every subject congvan knows, always all of them. */
#include <nettle/hmac.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

#define MAC_BYTES (FEED_TOKEN_LEN * 5 / 8) /* 160 bits */

const char *feed_kind_name(enum feed_kind kind)
{
	switch (kind) {
	case FEED_PERSON:
		return "person";
	case FEED_UNIT:
		return "unit";
	case FEED_OFFICE:
		break;
	}
	return "office";
}

static char *ascii_lower(const char *s)
{
	char *r = xstrdup(s);

	for (char *p = r; *p; p++) {
		if (*p >= 'A' && *p <= 'Z') {
			*p = (char)(*p - 'A' + 'a');
		}
	}
	return r;
}

void feed_subject_release(struct feed_subject *subject)
{
	if (!subject) {
		return;
	}
	free(subject->id);
	memset(subject, 0, sizeof(*subject));
}

/* --- tokens ------------------------------------------------------------- */

/* RFC 4648 base32, lower case, of MAC_BYTES (a multiple of 5) bytes. */
static void base32(const uint8_t *in, char out[FEED_TOKEN_LEN + 1])
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
	size_t o = 0;

	for (size_t i = 0; i < MAC_BYTES; i += 5) {
		uint64_t v = 0;

		for (size_t k = 0; k < 5; k++) {
			v = v << 8 | in[i + k];
		}
		for (int k = 7; k >= 0; k--) {
			out[o++] = alphabet[(v >> (5 * k)) & 31];
		}
	}
	out[o] = '\0';
}

/* The token of kind:id:version with ctx keyed by the secret; ctx is left
 * keyed for the next one. */
static void token_with(struct hmac_sha256_ctx *ctx, const char *kind,
		       const char *id, int64_t version,
		       char token_r[FEED_TOKEN_LEN + 1])
{
	uint8_t digest[MAC_BYTES];
	char *msg = xasprintf("feed:%s:%s:%lld", kind, id, (long long)version);

	hmac_sha256_update(ctx, strlen(msg), (const uint8_t *)msg);
	hmac_sha256_digest(ctx, sizeof(digest), digest);
	base32(digest, token_r);
	free(msg);
}

static void keyed(struct hmac_sha256_ctx *ctx, const char *secret)
{
	hmac_sha256_set_key(ctx, strlen(secret), (const uint8_t *)secret);
}

void feed_token(const char *secret, const struct feed_subject *subject,
		int64_t version, char token_r[FEED_TOKEN_LEN + 1])
{
	struct hmac_sha256_ctx ctx;

	keyed(&ctx, secret);
	token_with(&ctx, feed_kind_name(subject->kind), subject->id, version,
		   token_r);
}

int feed_token_current(struct store *st, const char *secret,
		       const struct feed_subject *subject,
		       char token_r[FEED_TOKEN_LEN + 1], char **error_r)
{
	int64_t version;

	if (store_feed_version(st, feed_kind_name(subject->kind), subject->id,
			       &version, error_r) < 0) {
		return -1;
	}
	feed_token(secret, subject, version, token_r);
	return 0;
}

char *feed_url(const struct config *cfg, const char *token)
{
	if (!cfg->feed.listen || !cfg->feed.base_url) {
		return NULL;
	}
	return xasprintf("%s/%s.ics", cfg->feed.base_url, token);
}

/* --- subjects ------------------------------------------------------------ */

struct handler_find {
	const char *address;
	bool found;
};

static int handler_is(const char *address, void *ctx)
{
	struct handler_find *h = ctx;

	h->found = str_iequal(address, h->address);
	return h->found ? 1 : 0;
}

static int person_parse(const struct config *cfg, struct store *st,
			const char *text, struct feed_subject *subject_r,
			char **error_r)
{
	struct handler_find h = {text, false};

	if (config_role_of(cfg, text, NULL) == CONFIG_ROLE_NONE) {
		if (store_handler_foreach(st, handler_is, &h, error_r) < 0) {
			return -1;
		}
		if (!h.found) {
			*error_r = xasprintf("'%s' is not in the directory of"
					     " '%s' and never handled an item",
					     text, cfg->path);
			return -1;
		}
	}
	subject_r->kind = FEED_PERSON;
	subject_r->id = ascii_lower(text);
	return 0;
}

int feed_subject_parse(const struct config *cfg, struct store *st,
		       const char *text, struct feed_subject *subject_r,
		       char **error_r)
{
	const struct config_unit *u;

	memset(subject_r, 0, sizeof(*subject_r));
	if (!text || !*text) {
		*error_r = xstrdup("expected an address, a unit code or"
				   " 'office'");
		return -1;
	}
	if (str_iequal(text, "office")) {
		subject_r->kind = FEED_OFFICE;
		subject_r->id = xstrdup("office");
		return 0;
	}
	if (strchr(text, '@')) {
		return person_parse(cfg, st, text, subject_r, error_r);
	}
	u = config_unit_find(cfg, text);
	if (!u) {
		*error_r = xasprintf("no unit '%s' in '%s'; expected an"
				     " address, a unit code or 'office'",
				     text, cfg->path);
		return -1;
	}
	subject_r->kind = FEED_UNIT;
	subject_r->id = ascii_lower(u->code);
	return 0;
}

/* --- finding a token's subject --------------------------------------------
 */

/* A feed whose token was revoked: its current version. */
struct version {
	enum feed_kind kind;
	char *id;
	int64_t version;
};

/* One subject and its current token. */
struct known {
	enum feed_kind kind;
	char *id; /* lower-cased */
	char token[FEED_TOKEN_LEN];
};

struct feed_token_table {
	struct known *subjects;
	size_t n, alloc;
};

struct loading {
	struct hmac_sha256_ctx ctx;
	struct version *versions; /* sorted by kind, id */
	size_t n_versions;
	struct feed_token_table *t;
};

static int version_cmp(const void *a, const void *b)
{
	const struct version *x = a;
	const struct version *y = b;

	if (x->kind != y->kind) {
		return x->kind < y->kind ? -1 : 1;
	}
	return strcmp(x->id, y->id);
}

static int version_add(const char *kind, const char *id, int64_t version,
		       void *ctx)
{
	struct loading *l = ctx;
	struct version *v;

	l->versions =
	    xrealloc(l->versions, (l->n_versions + 1) * sizeof(*l->versions));
	v = &l->versions[l->n_versions++];
	v->kind = !strcmp(kind, "person") ? FEED_PERSON
		  : !strcmp(kind, "unit") ? FEED_UNIT
					  : FEED_OFFICE;
	v->id = xstrdup(id);
	v->version = version;
	return 0;
}

static int64_t version_of(const struct loading *l, enum feed_kind kind,
			  const char *id)
{
	struct version key = {kind, (char *)id, 0};
	const struct version *v;

	if (l->n_versions == 0) {
		return 1;
	}
	v = bsearch(&key, l->versions, l->n_versions, sizeof(*l->versions),
		    version_cmp);
	return v ? v->version : 1;
}

/* Adds one subject with its token; id need not be lower-cased. */
static void add_subject(struct loading *l, enum feed_kind kind, const char *id)
{
	struct feed_token_table *t = l->t;
	char token[FEED_TOKEN_LEN + 1];
	struct known *k;

	if (!id) {
		return;
	}
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 64;
		t->subjects =
		    xrealloc(t->subjects, t->alloc * sizeof(*t->subjects));
	}
	k = &t->subjects[t->n++];
	k->kind = kind;
	k->id = ascii_lower(id);
	token_with(&l->ctx, feed_kind_name(kind), k->id,
		   version_of(l, kind, k->id), token);
	memcpy(k->token, token, FEED_TOKEN_LEN);
}

static int add_handler(const char *address, void *ctx)
{
	add_subject(ctx, FEED_PERSON, address);
	return 0;
}

/* Every subject of the directory: the Office, units, and every address
 * of the Office, the leaders and each unit as a person. */
static void add_directory(struct loading *l, const struct config *cfg)
{
	add_subject(l, FEED_OFFICE, "office");
	add_subject(l, FEED_PERSON, cfg->service.office);
	for (size_t i = 0; i < cfg->n_leaders; i++) {
		add_subject(l, FEED_PERSON, cfg->leaders[i].address);
	}
	for (size_t i = 0; i < cfg->n_units; i++) {
		const struct config_unit *u = &cfg->units[i];

		add_subject(l, FEED_UNIT, u->code);
		add_subject(l, FEED_PERSON, u->email);
		add_subject(l, FEED_PERSON, u->head);
		for (size_t k = 0; k < u->n_members; k++) {
			add_subject(l, FEED_PERSON, u->members[k].address);
		}
	}
}

int feed_tokens_load(const struct config *cfg, struct store *st,
		     const char *secret, struct feed_token_table **t_r,
		     char **error_r)
{
	struct loading l;
	int ret = -1;

	memset(&l, 0, sizeof(l));
	l.t = xcalloc(1, sizeof(*l.t));
	keyed(&l.ctx, secret);
	if (store_feed_foreach(st, version_add, &l, error_r) < 0) {
		goto out;
	}
	if (l.n_versions > 0) {
		qsort(l.versions, l.n_versions, sizeof(*l.versions),
		      version_cmp);
	}
	add_directory(&l, cfg);
	if (store_handler_foreach(st, add_handler, &l, error_r) < 0) {
		goto out;
	}
	ret = 0;
out:
	for (size_t i = 0; i < l.n_versions; i++) {
		free(l.versions[i].id);
	}
	free(l.versions);
	explicit_bzero(&l.ctx, sizeof(l.ctx));
	if (ret < 0) {
		feed_tokens_free(&l.t);
	}
	*t_r = l.t;
	return ret;
}

void feed_tokens_free(struct feed_token_table **tp)
{
	struct feed_token_table *t = *tp;

	if (!t) {
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		free(t->subjects[i].id);
	}
	free(t->subjects);
	free(t);
	*tp = NULL;
}

int feed_tokens_find(const struct feed_token_table *t, const char *token,
		     struct feed_subject *subject_r)
{
	/* The one asked about, NUL-padded: a token of another length is
	 * still compared with every subject (and matches none), so the
	 * answer takes as long. */
	char asked[FEED_TOKEN_LEN] = {0};
	const struct known *match = NULL;

	memset(subject_r, 0, sizeof(*subject_r));
	if (token) {
		memcpy(asked, token, strnlen(token, FEED_TOKEN_LEN));
	}
	for (size_t i = 0; i < t->n; i++) {
		unsigned diff = 0;

		for (size_t k = 0; k < FEED_TOKEN_LEN; k++) {
			diff |= (unsigned)(t->subjects[i].token[k] ^ asked[k]);
		}
		if (diff == 0 && !match) {
			match = &t->subjects[i];
		}
	}
	if (!match || !token || strlen(token) != FEED_TOKEN_LEN) {
		return 0;
	}
	subject_r->kind = match->kind;
	subject_r->id = xstrdup(match->id);
	return 1;
}

int feed_token_find(const struct config *cfg, struct store *st,
		    const char *secret, const char *token,
		    struct feed_subject *subject_r, char **error_r)
{
	struct feed_token_table *t = NULL;
	int ret;

	memset(subject_r, 0, sizeof(*subject_r));
	if (feed_tokens_load(cfg, st, secret, &t, error_r) < 0) {
		return -1;
	}
	ret = feed_tokens_find(t, token, subject_r);
	feed_tokens_free(&t);
	return ret;
}
