/* Who really sent a message.  The From: line proves nothing; what does:
 *   - an Authentication-Results header (RFC 8601) written by a server the
 *     configuration trusts ([security] authserv_id) saying dmarc=pass, or
 *     dkim=pass for a domain aligned with the From address's, or an
 *     authenticated submission (auth=pass) of the From address;
 *   - or, without such a server, a DKIM signature congvan verifies itself
 *     (libopendkim; [security] dkim = verify) for an aligned domain.
 * Headers naming another authserv-id are ignored, as RFC 8601 says: the
 * trusted server must remove headers that claim its name from incoming
 * mail, as Postfix's and OpenDMARC's do. */
#ifndef CONGVAN_AUTH_H
#define CONGVAN_AUTH_H

#include <stdbool.h>
#include <stddef.h>

/* --- results.c: reading Authentication-Results --------------------------- */

#define AUTH_RESULTS_MAX 16 /* results kept from one header */
#define AUTH_PROPS_MAX   8  /* properties kept from one result */
#define AUTH_VALUE_MAX   256

struct auth_prop {
	char ptype[16];    /* smtp, header, body, policy */
	char property[32]; /* d, i, from, auth, mailfrom, ... */
	char value[AUTH_VALUE_MAX];
};

struct auth_result {
	char method[32]; /* dkim, dmarc, spf, auth, ... (lower case) */
	char result[32]; /* pass, fail, none, ... (lower case) */
	struct auth_prop props[AUTH_PROPS_MAX];
	size_t n_props;
};

struct auth_results {
	char authserv_id[AUTH_VALUE_MAX];
	struct auth_result results[AUTH_RESULTS_MAX];
	size_t n_results; /* 0 for "none" */
};

/* Parses the value of one Authentication-Results field (unfolded or not;
 * comments and quoted strings as RFC 8601 allows): 0, or -1 when it does
 * not follow the grammar (then *out is not to be used).  Results past
 * AUTH_RESULTS_MAX and properties past AUTH_PROPS_MAX are read and
 * dropped; a value longer than AUTH_VALUE_MAX - 1 is an error.  Linear,
 * never allocates. */
int auth_results_parse(const char *value, size_t len, struct auth_results *out);

/* --- verdict.c: deciding ------------------------------------------------- */

/* Whether the Authentication-Results values (n of them, as the message
 * has them) authenticate from_addr: only headers whose authserv-id is
 * one of trusted (n_trusted, compared without case) count.  org_domain is
 * the organisation's ([service] domain): there an auth=pass may name the
 * From address's local part alone.  true with how_r ("dkim=pass
 * header.d=bo.gov.vn by mx.bo.gov.vn"). */
bool auth_from_results(const char *const *values, size_t n,
		       const char *const *trusted, size_t n_trusted,
		       const char *from_addr, const char *org_domain,
		       char how_r[160]);

/* Whether signing domain d is aligned with the domain of from_addr
 * (equal, or from's domain is a subdomain of d). */
bool auth_aligned(const char *d, const char *from_addr);

/* --- dkim.c: verifying DKIM signatures ourselves ------------------------- */

struct auth_dkim;

/* A verifier: keys looked up in DNS, or, with key_file, in a file of
 * "SELECTOR._domainkey.DOMAIN KEY-RECORD" lines (for tests and for hosts
 * without DNS).  NULL with *error_r on failure. */
struct auth_dkim *auth_dkim_new(const char *key_file, char **error_r);
void auth_dkim_free(struct auth_dkim **dp);

/* Verifies the DKIM signatures of the raw message (CRLF or LF line ends):
 * true when one of them verifies for a domain aligned with from_addr,
 * with how_r ("dkim=pass header.d=bo.gov.vn (verified)"); else false
 * with why in how_r. */
bool auth_dkim_check(struct auth_dkim *d, const char *raw, size_t len,
		     const char *from_addr, char how_r[160]);

#endif
