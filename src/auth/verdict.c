/* Whether trusted Authentication-Results authenticate the From address:
 * dmarc=pass for its domain, dkim=pass for an aligned domain (or for its
 * address as the signing identity), or auth=pass of the address itself. */
#include <stdio.h>
#include <string.h>

#include "congvan/auth.h"
#include "congvan/util.h"

static const char *domain_of(const char *address)
{
	const char *at = address ? strrchr(address, '@') : NULL;

	return at ? at + 1 : NULL;
}

bool auth_aligned(const char *d, const char *from_addr)
{
	const char *fd = domain_of(from_addr);
	size_t dl, fl;

	if (!d || !*d || !fd || !*fd) {
		return false;
	}
	if (*d == '@') {
		d++;
	}
	dl = strlen(d);
	fl = strlen(fd);
	if (dl == fl) {
		return strcasecmp(d, fd) == 0;
	}
	/* relaxed: mail.bo.gov.vn signed for by bo.gov.vn */
	return fl > dl && fd[fl - dl - 1] == '.' &&
	       strcasecmp(fd + fl - dl, d) == 0;
}

static const char *prop(const struct auth_result *r, const char *ptype,
			const char *property)
{
	for (size_t i = 0; i < r->n_props; i++) {
		if (!strcasecmp(r->props[i].ptype, ptype) &&
		    !strcasecmp(r->props[i].property, property)) {
			return r->props[i].value;
		}
	}
	return NULL;
}

/* An identity (header.i, smtp.auth) names the From address: the whole
 * address, or "@domain" for a domain aligned with it, or, in the
 * organisation's own domain, the bare user name. */
static bool names_sender(const char *id, const char *from_addr,
			 const char *org_domain)
{
	const char *fd = domain_of(from_addr);
	size_t local;

	if (!id || !*id || !fd) {
		return false;
	}
	if (!strcasecmp(id, from_addr)) {
		return true;
	}
	if (*id == '@') {
		return auth_aligned(id + 1, from_addr);
	}
	local = (size_t)(fd - 1 - from_addr);
	return !strchr(id, '@') && org_domain && !strcasecmp(fd, org_domain) &&
	       strlen(id) == local && !strncasecmp(id, from_addr, local);
}

/* How r authenticates from_addr, into how (NULL: it does not). */
static const char *passes(const struct auth_result *r, const char *from_addr,
			  const char *org_domain)
{
	const char *v;

	if (strcmp(r->result, "pass") != 0) {
		return NULL;
	}
	if (!strcmp(r->method, "dmarc")) {
		v = prop(r, "header", "from");
		return !v || !strcasecmp(v, domain_of(from_addr)) ? "dmarc=pass"
								  : NULL;
	}
	if (!strcmp(r->method, "dkim")) {
		if (auth_aligned(prop(r, "header", "d"), from_addr)) {
			return "dkim=pass (aligned header.d)";
		}
		return names_sender(prop(r, "header", "i"), from_addr,
				    org_domain)
			   ? "dkim=pass (header.i)"
			   : NULL;
	}
	if (!strcmp(r->method, "auth")) {
		return names_sender(prop(r, "smtp", "auth"), from_addr,
				    org_domain)
			   ? "auth=pass (authenticated submission)"
			   : NULL;
	}
	return NULL;
}

static bool trusted_id(const char *id, const char *const *trusted, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (trusted[i] && !strcasecmp(id, trusted[i])) {
			return true;
		}
	}
	return false;
}

bool auth_from_results(const char *const *values, size_t n,
		       const char *const *trusted, size_t n_trusted,
		       const char *from_addr, const char *org_domain,
		       char how_r[160])
{
	struct auth_results ar;

	how_r[0] = '\0';
	if (!from_addr || !domain_of(from_addr)) {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (!values[i] ||
		    auth_results_parse(values[i], strlen(values[i]), &ar) < 0 ||
		    !trusted_id(ar.authserv_id, trusted, n_trusted)) {
			continue;
		}
		for (size_t k = 0; k < ar.n_results; k++) {
			const char *how =
			    passes(&ar.results[k], from_addr, org_domain);

			if (how) {
				snprintf(how_r, 160, "%s by %.100s", how,
					 ar.authserv_id);
				return true;
			}
		}
	}
	return false;
}
