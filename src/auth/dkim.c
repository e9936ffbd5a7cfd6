/* Verifying DKIM signatures with libopendkim, for an organisation
 * without a mail server whose Authentication-Results congvan can trust.
 * libopendkim's handles and status codes stay inside this file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <opendkim/dkim.h>

#include "congvan/auth.h"
#include "congvan/util.h"

struct auth_dkim {
	DKIM_LIB *lib;
	char *key_file;
};

struct auth_dkim *auth_dkim_new(const char *key_file, char **error_r)
{
	struct auth_dkim *d = xcalloc(1, sizeof(*d));
	unsigned int flags = DKIM_LIBFLAGS_FIXCRLF;

	d->lib = dkim_init(NULL, NULL);
	if (!d->lib) {
		*error_r = xstrdup("dkim: cannot start libopendkim");
		free(d);
		return NULL;
	}
	dkim_options(d->lib, DKIM_OP_SETOPT, DKIM_OPTS_FLAGS, &flags,
		     sizeof(flags));
	if (key_file) {
		dkim_query_t method = DKIM_QUERY_FILE;

		d->key_file = xstrdup(key_file);
		if (dkim_options(d->lib, DKIM_OP_SETOPT, DKIM_OPTS_QUERYMETHOD,
				 &method, sizeof(method)) != DKIM_STAT_OK ||
		    dkim_options(d->lib, DKIM_OP_SETOPT, DKIM_OPTS_QUERYINFO,
				 d->key_file,
				 strlen(d->key_file)) != DKIM_STAT_OK) {
			*error_r = xasprintf("dkim: cannot use the key file"
					     " '%s'",
					     key_file);
			auth_dkim_free(&d);
			return NULL;
		}
	}
	return d;
}

void auth_dkim_free(struct auth_dkim **dp)
{
	struct auth_dkim *d = *dp;

	if (!d) {
		return;
	}
	if (d->lib) {
		dkim_close(d->lib);
	}
	free(d->key_file);
	free(d);
	*dp = NULL;
}

/* The first signature that verifies for an aligned domain, or NULL;
 * *any_r tells whether some signature verified at all. */
static DKIM_SIGINFO *aligned_pass(DKIM *dkim, const char *from_addr,
				  bool *any_r)
{
	DKIM_SIGINFO **sigs = NULL;
	int n = 0;

	*any_r = false;
	if (dkim_getsiglist(dkim, &sigs, &n) != DKIM_STAT_OK) {
		return NULL;
	}
	for (int i = 0; i < n; i++) {
		const char *d = (const char *)dkim_sig_getdomain(sigs[i]);

		if (!DKIM_SIG_CHECK(sigs[i])) {
			continue;
		}
		*any_r = true;
		if (auth_aligned(d, from_addr)) {
			return sigs[i];
		}
	}
	return NULL;
}

bool auth_dkim_check(struct auth_dkim *d, const char *raw, size_t len,
		     const char *from_addr, char how_r[160])
{
	DKIM_STAT status = DKIM_STAT_OK;
	DKIM_SIGINFO *sig;
	DKIM *dkim;
	bool any = false;

	snprintf(how_r, 160, "no DKIM signature");
	if (!d || !raw || !from_addr) {
		return false;
	}
	dkim = dkim_verify(d->lib, (const unsigned char *)"congvan", NULL,
			   &status);
	if (!dkim) {
		snprintf(how_r, 160, "dkim: %s", dkim_getresultstr(status));
		return false;
	}
	status = dkim_chunk(dkim, (unsigned char *)raw, len);
	if (status == DKIM_STAT_OK) {
		status = dkim_chunk(dkim, NULL, 0);
	}
	if (status == DKIM_STAT_OK) {
		status = dkim_eom(dkim, NULL);
	}
	sig = aligned_pass(dkim, from_addr, &any);
	if (sig) {
		snprintf(how_r, 160, "dkim=pass header.d=%.100s (verified)",
			 (const char *)dkim_sig_getdomain(sig));
	} else if (any) {
		snprintf(how_r, 160,
			 "dkim=pass, but for a domain not aligned"
			 " with the From address");
	} else if (status != DKIM_STAT_NOSIG) {
		snprintf(how_r, 160, "dkim=fail (%s)",
			 dkim_getresultstr(status));
	}
	dkim_free(dkim);
	return sig != NULL;
}
