/* Certificate checks for IMAP over TLS.  libetpan completes the handshake
 * without judging the server's certificate, so we check the chain it
 * received with GnuTLS, as curl does for SMTP. */
#include <arpa/inet.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

void mail_tls_set_sni(struct mailstream_ssl_context *ctx, void *host)
{
	struct in6_addr addr;

	/* SNI carries names only, never addresses. */
	if (inet_pton(AF_INET, host, &addr) != 1 &&
	    inet_pton(AF_INET6, host, &addr) != 1) {
		mailstream_ssl_set_server_name(ctx, host);
	}
}

static int load_trust(gnutls_x509_trust_list_t tl, const char *ca_file,
		      char **error_r)
{
	int rc;

	if (ca_file) {
		rc = gnutls_x509_trust_list_add_trust_file(
		    tl, ca_file, NULL, GNUTLS_X509_FMT_PEM, 0, 0);
	} else {
		rc = gnutls_x509_trust_list_add_system_trust(tl, 0, 0);
	}
	if (rc <= 0) {
		*error_r = xasprintf("no trusted certificates in '%s'%s%s",
				     ca_file ? ca_file : "the system store",
				     rc < 0 ? ": " : "",
				     rc < 0 ? gnutls_strerror(rc) : "");
		return -1;
	}
	return 0;
}

/* Imports the DER certificates of chain into certs (caller deinits). */
static int import_chain(carray *chain, gnutls_x509_crt_t *certs, unsigned *n_r,
			char **error_r)
{
	unsigned n = carray_count(chain);

	for (unsigned i = 0; i < n; i++) {
		MMAPString *der = carray_get(chain, i);
		gnutls_datum_t d = {(unsigned char *)der->str,
				    (unsigned)der->len};

		if (gnutls_x509_crt_init(&certs[i]) < 0 ||
		    gnutls_x509_crt_import(certs[i], &d, GNUTLS_X509_FMT_DER) <
			0) {
			*n_r = i + 1;
			*error_r = xstrdup("the server's certificate is"
					   " malformed");
			return -1;
		}
	}
	*n_r = n;
	return 0;
}

static int check_chain(gnutls_x509_trust_list_t tl, gnutls_x509_crt_t *certs,
		       unsigned n, const char *host, char **error_r)
{
	gnutls_typed_vdata_st data = {GNUTLS_DT_DNS_HOSTNAME,
				      (unsigned char *)host, 0};
	gnutls_datum_t why = {NULL, 0};
	unsigned status = 0;
	int rc;

	rc = gnutls_x509_trust_list_verify_crt2(tl, certs, n, &data, 1, 0,
						&status, NULL);
	if (rc < 0) {
		*error_r = xasprintf("certificate check failed: %s",
				     gnutls_strerror(rc));
		return -1;
	}
	if (status == 0) {
		return 0;
	}
	gnutls_certificate_verification_status_print(status, GNUTLS_CRT_X509,
						     &why, 0);
	*error_r = xasprintf("the server's certificate is not trusted for"
			     " '%s': %s (set ca_file to trust it)",
			     host, why.data ? (char *)why.data : "rejected");
	gnutls_free(why.data);
	return -1;
}

int mail_tls_verify(mailstream *stream, const char *host, const char *ca_file,
		    char **error_r)
{
	carray *chain = mailstream_get_certificate_chain(stream);
	gnutls_x509_trust_list_t tl = NULL;
	gnutls_x509_crt_t *certs = NULL;
	unsigned n = 0;
	int ret = -1;

	if (!chain || carray_count(chain) == 0) {
		*error_r = xstrdup("the server presented no certificate");
		goto out;
	}
	certs = xcalloc(carray_count(chain), sizeof(*certs));
	if (gnutls_x509_trust_list_init(&tl, 0) < 0 ||
	    load_trust(tl, ca_file, error_r) < 0 ||
	    import_chain(chain, certs, &n, error_r) < 0) {
		goto out;
	}
	ret = check_chain(tl, certs, n, host, error_r);
out:
	for (unsigned i = 0; i < n; i++) {
		gnutls_x509_crt_deinit(certs[i]);
	}
	free(certs);
	if (tl) {
		gnutls_x509_trust_list_deinit(tl, 1);
	}
	if (chain) {
		mailstream_certificate_chain_free(chain);
	}
	return ret;
}
