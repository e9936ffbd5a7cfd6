/* The digital signatures of a PDF.  poppler-glib checks each signature
 * against the bytes it signs (valid, invalid, altered) and gives the
 * signer and the signing time; the signer's certificate is checked here,
 * with NSS, against the trust anchors of [letters] trust and nothing
 * else:
 *   - a folder holding an NSS database (cert9.db): the CA certificates
 *     trusted in it;
 *   - any other folder: every certificate in its PEM files;
 *   - none: nothing is trusted.
 * poppler's own certificate check is not used: poppler 22.12 also trusts
 * Mozilla's built-in roots, and reads the outcome from NSS's last error
 * code, which a successful check does not clear.
 *
 * A signature's certificate comes from its CMS blob, the /Contents hex
 * string between the two parts of its /ByteRange; the blobs are matched
 * to poppler's signature fields by signer and signing time. */
#include <dirent.h>
#include <glib.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cert.h>
#include <certdb.h>
#include <cms.h>
#include <nss.h>
#include <pk11pub.h>
#include <secerr.h>

#include "congvan/util.h"
#include "private.h"

#define PEM_BEGIN    "-----BEGIN CERTIFICATE-----"
#define PEM_END      "-----END CERTIFICATE-----"
#define PEM_FILE_MAX (1 << 20)
#define ANCHORS_MAX  256
#define RANGE_TEXT   128

/* --- the trust anchors -----------------------------------------------------
 */

static bool has_nss_db(const char *dir)
{
	char *path = xasprintf("%s/cert9.db", dir);
	struct stat sb;
	bool ok = stat(path, &sb) == 0 && S_ISREG(sb.st_mode);

	free(path);
	return ok;
}

static void add_anchor(CERTCertList *anchors, CERTCertificate *cert, size_t *n)
{
	if (*n < ANCHORS_MAX &&
	    CERT_AddCertToListTail(anchors, cert) == SECSuccess) {
		(*n)++;
	} else {
		CERT_DestroyCertificate(cert);
	}
}

/* Every certificate of one PEM text. */
static void pem_anchors(char *text, size_t len, CERTCertList *anchors,
			size_t *n)
{
	char *p = text, *end = text + len;

	while (p < end) {
		char *b =
		    memmem(p, (size_t)(end - p), PEM_BEGIN, strlen(PEM_BEGIN));
		char *e =
		    b ? memmem(b, (size_t)(end - b), PEM_END, strlen(PEM_END))
		      : NULL;
		CERTCertificate *cert;

		if (!e) {
			break;
		}
		e += strlen(PEM_END);
		cert = CERT_DecodeCertFromPackage(b, (int)(e - b));
		if (cert) {
			add_anchor(anchors, cert, n);
		}
		p = e;
	}
}

static void pem_folder(const char *dir, CERTCertList *anchors)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	while (d && (de = readdir(d)) != NULL) {
		char *path = xasprintf("%s/%s", dir, de->d_name);
		char *text = NULL;
		size_t len = 0;
		struct stat sb;

		if (de->d_name[0] != '.' && stat(path, &sb) == 0 &&
		    S_ISREG(sb.st_mode) && sb.st_size < PEM_FILE_MAX &&
		    file_read_all(path, &text, &len) == 0) {
			pem_anchors(text, len, anchors, &n);
		}
		free(text);
		free(path);
	}
	if (d) {
		closedir(d);
	}
}

/* The CA certificates an NSS database trusts. */
static void db_anchors(CERTCertList *anchors)
{
	CERTCertList *all = PK11_ListCerts(PK11CertListAll, NULL);
	size_t n = 0;

	for (CERTCertListNode *node = all ? CERT_LIST_HEAD(all) : NULL;
	     node && !CERT_LIST_END(node, all); node = CERT_LIST_NEXT(node)) {
		CERTCertTrust trust;
		unsigned flags;

		if (CERT_GetCertTrust(node->cert, &trust) != SECSuccess) {
			continue;
		}
		flags = trust.sslFlags | trust.emailFlags |
			trust.objectSigningFlags;
		if (flags & CERTDB_TRUSTED_CA) {
			add_anchor(anchors, CERT_DupCertificate(node->cert),
				   &n);
		}
	}
	if (all) {
		CERT_DestroyCertList(all);
	}
}

/* NSS, set up before poppler touches it (poppler's own set-up is then a
 * no-op), and the anchors of dir (NULL: none). */
static CERTCertList *trust_init(const char *dir)
{
	CERTCertList *anchors;
	SECStatus rc = SECFailure;

	if (dir && has_nss_db(dir)) {
		char *db = xasprintf("sql:%s", dir);

		rc = NSS_Initialize(db, "", "", SECMOD_DB, NSS_INIT_READONLY);
		free(db);
	}
	if (rc != SECSuccess && NSS_NoDB_Init(NULL) != SECSuccess) {
		return NULL;
	}
	anchors = CERT_NewCertList();
	if (anchors && dir && rc == SECSuccess) {
		db_anchors(anchors);
	} else if (anchors && dir) {
		pem_folder(dir, anchors);
	}
	return anchors;
}

/* --- the CMS blobs ----------------------------------------------------------
 */

struct blob {
	char *signer;      /* the certificate's common name; NULL */
	int64_t signed_at; /* 0 unknown */
	enum reader_cert cert;
	size_t end; /* where its byte range ends */
	bool used;
};

static enum reader_cert verify(CERTCertificate *cert, CERTCertList *anchors)
{
	CERTValInParam in[4];

	in[0].type = cert_pi_revocationFlags;
	in[0].value.pointer.revocation = CERT_GetClassicOCSPDisabledPolicy();
	in[1].type = cert_pi_trustAnchors;
	in[1].value.pointer.chain = anchors;
	in[2].type = cert_pi_useOnlyTrustAnchors;
	in[2].value.scalar.b = PR_TRUE;
	in[3].type = cert_pi_end;
	if (CERT_PKIXVerifyCert(cert, certificateUsageEmailSigner, in, NULL,
				NULL) == SECSuccess) {
		return READER_CERT_TRUSTED;
	}
	switch (PORT_GetError()) {
	case SEC_ERROR_EXPIRED_CERTIFICATE:
	case SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE:
		return READER_CERT_EXPIRED;
	case SEC_ERROR_REVOKED_CERTIFICATE:
		return READER_CERT_REVOKED;
	case SEC_ERROR_UNKNOWN_ISSUER:
	case SEC_ERROR_UNTRUSTED_ISSUER:
	case SEC_ERROR_UNTRUSTED_CERT:
	case SEC_ERROR_CA_CERT_INVALID:
		return READER_CERT_UNTRUSTED;
	default:
		return READER_CERT_ERROR;
	}
}

/* The signer's certificate in a CMS SignedData, with the certificates
 * that came with it made known to NSS for the chain. */
static void read_cms(unsigned char *der, size_t len, CERTCertList *anchors,
		     struct blob *b)
{
	SECItem item = {siBuffer, der, (unsigned)len};
	NSSCMSMessage *msg = NSS_CMSMessage_CreateFromDER(
	    &item, NULL, NULL, NULL, NULL, NULL, NULL);
	NSSCMSContentInfo *ci = msg && NSS_CMSMessage_IsSigned(msg)
				    ? NSS_CMSMessage_ContentLevel(msg, 0)
				    : NULL;
	NSSCMSSignedData *sd = ci ? NSS_CMSContentInfo_GetContent(ci) : NULL;
	NSSCMSSignerInfo *si =
	    sd ? NSS_CMSSignedData_GetSignerInfo(sd, 0) : NULL;
	CERTCertificate *cert = NULL;
	PRTime when = 0;

	if (sd && sd->rawCerts) {
		NSS_CMSSignedData_ImportCerts(sd, CERT_GetDefaultCertDB(),
					      certUsageEmailSigner, PR_FALSE);
	}
	if (si) {
		cert = NSS_CMSSignerInfo_GetSigningCertificate(
		    si, CERT_GetDefaultCertDB());
	}
	if (si && NSS_CMSSignerInfo_GetSigningTime(si, &when) == SECSuccess) {
		b->signed_at = (int64_t)(when / 1000000);
	}
	if (cert) {
		char *cn = CERT_GetCommonName(&cert->subject);

		b->signer = cn ? xstrdup(cn) : NULL;
		PORT_Free(cn);
		b->cert = verify(cert, anchors);
	}
	if (msg) {
		NSS_CMSMessage_Destroy(msg);
	}
}

static int hexval(int c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
				      : -1;
}

/* The bytes of the hex string "<...>" at [s, e), white space skipped. */
static unsigned char *unhex(const char *s, const char *e, size_t *len_r)
{
	unsigned char *out;
	size_t n = 0;
	int hi = -1;

	if (e - s < 2 || *s != '<' || e[-1] != '>') {
		return NULL;
	}
	out = xmalloc((size_t)(e - s) / 2 + 1);
	for (const char *p = s + 1; p < e - 1; p++) {
		int v = hexval((unsigned char)*p);

		if (v < 0) {
			continue;
		}
		if (hi < 0) {
			hi = v;
		} else {
			out[n++] = (unsigned char)(hi << 4 | v);
			hi = -1;
		}
	}
	*len_r = n;
	return out;
}

/* One "/ByteRange [a b c d]" at p: its blob, read.  false when it is not
 * one (a malformed range, no hex string in its gap). */
static bool read_range(const char *data, size_t len, const char *p,
		       CERTCertList *anchors, struct blob *b)
{
	unsigned long long v[4];
	char buf[RANGE_TEXT], tail[2];
	size_t n = (size_t)(data + len - p) < sizeof(buf) - 1
		       ? (size_t)(data + len - p)
		       : sizeof(buf) - 1;
	unsigned char *der;
	size_t der_len;

	memcpy(buf, p, n);
	buf[n] = '\0';
	/* Each bound checked on its own: no sum may wrap. */
	if (sscanf(buf, "/ByteRange [ %llu %llu %llu %llu %1[]]", &v[0], &v[1],
		   &v[2], &v[3], tail) != 5 ||
	    v[0] > len || v[1] > len - v[0] || v[2] > len ||
	    v[0] + v[1] > v[2] || v[3] > len - v[2]) {
		return false;
	}
	memset(b, 0, sizeof(*b));
	b->cert = READER_CERT_ERROR;
	b->end = (size_t)(v[2] + v[3]);
	der = unhex(data + v[0] + v[1], data + v[2], &der_len);
	if (der) {
		read_cms(der, der_len, anchors, b);
	}
	free(der);
	return true;
}

static size_t read_blobs(const char *data, size_t len, CERTCertList *anchors,
			 struct blob *out, size_t max)
{
	const char *p = data, *end = data + len;
	size_t n = 0;

	while (n < max &&
	       (p = memmem(p, (size_t)(end - p), "/ByteRange", 10)) != NULL) {
		if (read_range(data, len, p, anchors, &out[n])) {
			n++;
		}
		p += 10;
	}
	return n;
}

/* Whether bytes that no signature covers follow the last signature
 * (white space after the end-of-file marker aside). */
static bool changed_after(const char *data, size_t len, const struct blob *b,
			  size_t n)
{
	size_t end = 0;

	for (size_t i = 0; i < n; i++) {
		end = b[i].end > end ? b[i].end : end;
	}
	while (len > end && strchr(" \t\r\n", data[len - 1]) && data[len - 1]) {
		len--;
	}
	return end > 0 && len > end;
}

static bool same_signer(const struct blob *b, const char *signer)
{
	return !strcmp(b->signer ? b->signer : "", signer ? signer : "");
}

/* The blob of the signature by signer at signed_at (the CMS may not say
 * when: poppler takes the time from the signature's /M), else the first
 * unused one by signer, else the k-th. */
static struct blob *match(struct blob *b, size_t n, const char *signer,
			  int64_t signed_at, size_t k)
{
	for (size_t i = 0; i < n; i++) {
		if (!b[i].used && same_signer(&b[i], signer) &&
		    b[i].signed_at == signed_at) {
			return &b[i];
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (!b[i].used && same_signer(&b[i], signer)) {
			return &b[i];
		}
	}
	return k < n && !b[k].used ? &b[k] : NULL;
}

/* --- poppler's checks -------------------------------------------------------
 */

static enum reader_sig_status sig_status(PopplerSignatureStatus s)
{
	switch (s) {
	case POPPLER_SIGNATURE_VALID:
		return READER_SIG_VALID;
	case POPPLER_SIGNATURE_INVALID:
		return READER_SIG_INVALID;
	case POPPLER_SIGNATURE_DIGEST_MISMATCH:
		return READER_SIG_ALTERED;
	case POPPLER_SIGNATURE_DECODING_ERROR:
		return READER_SIG_MALFORMED;
	case POPPLER_SIGNATURE_NOT_FOUND:
		return READER_SIG_UNSIGNED;
	default:
		return READER_SIG_ERROR;
	}
}

static void emit_one(int number, PopplerFormField *field, struct blob *b,
		     size_t n, bool later)
{
	GError *err = NULL;
	PopplerSignatureInfo *info = poppler_form_field_signature_validate_sync(
	    field, 0, NULL, &err); /* the certificate is checked apart */
	enum reader_sig_status status = READER_SIG_ERROR;
	enum reader_cert cert = READER_CERT_UNCHECKED;
	const char *name = NULL;
	GDateTime *when = NULL;
	int64_t at = 0;
	struct blob *mine;

	if (err) {
		g_error_free(err);
	}
	if (info) {
		PopplerSignatureStatus s =
		    poppler_signature_info_get_signature_status(info);

		name = poppler_signature_info_get_signer_name(info);
		when = poppler_signature_info_get_local_signing_time(info);
		at = when ? g_date_time_to_unix(when) : 0;
		/* A field without a signature is left "not verified", with
		 * nobody's name on it. */
		status = s == POPPLER_SIGNATURE_NOT_VERIFIED && !(name && *name)
			     ? READER_SIG_UNSIGNED
			     : sig_status(s);
	}
	mine = status == READER_SIG_UNSIGNED
		   ? NULL
		   : match(b, n, name, at, (size_t)number - 1);
	if (mine) {
		mine->used = true;
		cert = status == READER_SIG_VALID ? mine->cert
						  : READER_CERT_UNCHECKED;
	} else if (status == READER_SIG_VALID) {
		cert = READER_CERT_ERROR;
	}
	emit_sig(number, status, cert, at,
		 later && status != READER_SIG_UNSIGNED, name);
	if (info) {
		poppler_signature_info_free(info);
	}
}

void signatures_read(PopplerDocument *doc, const struct job *job)
{
	GList *fields = poppler_document_get_signature_fields(doc);
	struct blob blobs[READER_SIGS_MAX];
	CERTCertList *anchors;
	size_t n = 0;
	int k = 0;

	if (!fields) {
		return;
	}
	anchors = trust_init(job->trust);
	if (anchors) {
		n = read_blobs(job->data, job->len, anchors, blobs,
			       ARRAY_SIZE(blobs));
	}
	for (GList *f = fields; f && k < READER_SIGS_MAX; f = f->next) {
		emit_one(++k, f->data, blobs, n,
			 changed_after(job->data, job->len, blobs, n));
	}
	for (size_t i = 0; i < n; i++) {
		free(blobs[i].signer);
	}
	if (anchors) {
		CERT_DestroyCertList(anchors);
	}
	g_list_free_full(fields, g_object_unref);
}
