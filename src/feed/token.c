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

struct search {
	struct hmac_sha256_ctx ctx;
	char token[FEED_TOKEN_LEN + 1]; /* the one asked about, NUL-padded */
	struct version *versions;       /* sorted by kind, id */
	size_t n_versions;
	bool found;
	struct feed_subject match;
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
	struct search *s = ctx;
	struct version *v;

	s->versions =
	    xrealloc(s->versions, (s->n_versions + 1) * sizeof(*s->versions));
	v = &s->versions[s->n_versions++];
	v->kind = !strcmp(kind, "person") ? FEED_PERSON
		  : !strcmp(kind, "unit") ? FEED_UNIT
					  : FEED_OFFICE;
	v->id = xstrdup(id);
	v->version = version;
	return 0;
}

static int64_t version_of(const struct search *s, enum feed_kind kind,
			  const char *id)
{
	struct version key = {kind, (char *)id, 0};
	const struct version *v;

	if (s->n_versions == 0) {
		return 1;
	}
	v = bsearch(&key, s->versions, s->n_versions, sizeof(*s->versions),
		    version_cmp);
	return v ? v->version : 1;
}

/* Tries one subject; id need not be lower-cased. */
static void try_subject(struct search *s, enum feed_kind kind, const char *id)
{
	char token[FEED_TOKEN_LEN + 1];
	char *lower;
	unsigned diff = 0;

	if (!id) {
		return;
	}
	lower = ascii_lower(id);
	token_with(&s->ctx, feed_kind_name(kind), lower,
		   version_of(s, kind, lower), token);
	for (size_t i = 0; i < FEED_TOKEN_LEN; i++) {
		diff |= (unsigned)(token[i] ^ s->token[i]);
	}
	if (diff == 0 && !s->found) {
		s->found = true;
		s->match.kind = kind;
		s->match.id = lower;
		return;
	}
	free(lower);
}

static int try_handler(const char *address, void *ctx)
{
	try_subject(ctx, FEED_PERSON, address);
	return 0;
}

/* Every subject of the directory: the Office, units, and every address
 * of the Office, the leaders and each unit as a person. */
static void try_directory(struct search *s, const struct config *cfg)
{
	try_subject(s, FEED_OFFICE, "office");
	try_subject(s, FEED_PERSON, cfg->service.office);
	for (size_t i = 0; i < cfg->n_leaders; i++) {
		try_subject(s, FEED_PERSON, cfg->leaders[i].address);
	}
	for (size_t i = 0; i < cfg->n_units; i++) {
		const struct config_unit *u = &cfg->units[i];

		try_subject(s, FEED_UNIT, u->code);
		try_subject(s, FEED_PERSON, u->email);
		try_subject(s, FEED_PERSON, u->head);
		for (size_t k = 0; k < u->n_members; k++) {
			try_subject(s, FEED_PERSON, u->members[k].address);
		}
	}
}

int feed_token_find(const struct config *cfg, struct store *st,
		    const char *secret, const char *token,
		    struct feed_subject *subject_r, char **error_r)
{
	struct search s;
	int ret = -1;

	memset(&s, 0, sizeof(s));
	memset(subject_r, 0, sizeof(*subject_r));
	/* A token of another length is still compared with every subject
	 * (and matches none): the answer takes as long. */
	if (token) {
		memcpy(s.token, token, strnlen(token, FEED_TOKEN_LEN));
	}
	keyed(&s.ctx, secret);
	if (store_feed_foreach(st, version_add, &s, error_r) < 0) {
		goto out;
	}
	if (s.n_versions > 0) {
		qsort(s.versions, s.n_versions, sizeof(*s.versions),
		      version_cmp);
	}
	try_directory(&s, cfg);
	if (store_handler_foreach(st, try_handler, &s, error_r) < 0) {
		goto out;
	}
	ret = 0;
	if (s.found && token && strlen(token) == FEED_TOKEN_LEN) {
		*subject_r = s.match;
		s.match.id = NULL;
		ret = 1;
	}
out:
	feed_subject_release(&s.match);
	for (size_t i = 0; i < s.n_versions; i++) {
		free(s.versions[i].id);
	}
	free(s.versions);
	return ret;
}
