/* The digital signatures of a PDF: poppler-glib checks each one (the
 * signed bytes against the CMS signature, the signer's certificate
 * against NSS's trust); NSS is set up here first, so that the only trust
 * anchors are those of [letters] trust:
 *   - a folder holding an NSS database (cert9.db) is opened read-only;
 *   - a folder of PEM files: each certificate in them is imported, as a
 *     trusted CA, into a throwaway database in a private temporary
 *     folder, removed at exit;
 *   - no folder: NSS without a database, so nothing is trusted.
 * poppler 22.12 also loads Mozilla's built-in roots ("Root Certs",
 * libnssckbi) the first time it checks a signature; that module is
 * unloaded again before the checks that count, so that a certificate
 * trusted by a web browser is not trusted here without being named. */
#include <dirent.h>
#include <errno.h>
#include <glib.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cert.h>
#include <certdb.h>
#include <nss.h>
#include <pk11pub.h>
#include <secmod.h>

#include "congvan/util.h"
#include "private.h"

#define PEM_BEGIN   "-----BEGIN CERTIFICATE-----"
#define PEM_END     "-----END CERTIFICATE-----"
#define PEM_MAX     (1 << 20)
#define ANCHORS_MAX 256

static char tmp_db[64];

static void remove_tmp_db(void)
{
	static const char *const files[] = {"cert9.db", "key4.db",
					    "pkcs11.txt"};
	char path[128];

	if (!tmp_db[0]) {
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		snprintf(path, sizeof(path), "%s/%s", tmp_db, files[i]);
		unlink(path);
	}
	rmdir(tmp_db);
	tmp_db[0] = '\0';
}

static bool has_nss_db(const char *dir)
{
	char *path = xasprintf("%s/cert9.db", dir);
	struct stat sb;
	bool ok = stat(path, &sb) == 0 && S_ISREG(sb.st_mode);

	free(path);
	return ok;
}

/* Imports every certificate of one PEM text as a trusted CA. */
static size_t import_pem(char *text, size_t len, PK11SlotInfo *slot, size_t n)
{
	CERTCertTrust trust;
	char *p = text, *end = text + len;

	CERT_DecodeTrustString(&trust, "CT,C,C");
	while (n < ANCHORS_MAX && p < end) {
		char *b =
		    memmem(p, (size_t)(end - p), PEM_BEGIN, strlen(PEM_BEGIN));
		char *e =
		    b ? memmem(b, (size_t)(end - b), PEM_END, strlen(PEM_END))
		      : NULL;
		CERTCertificate *cert;
		char nick[32];

		if (!e) {
			break;
		}
		e += strlen(PEM_END);
		cert = CERT_DecodeCertFromPackage(b, (int)(e - b));
		if (cert) {
			snprintf(nick, sizeof(nick), "anchor-%zu", n);
			if (PK11_ImportCert(slot, cert, CK_INVALID_HANDLE, nick,
					    PR_FALSE) == SECSuccess &&
			    CERT_ChangeCertTrust(CERT_GetDefaultCertDB(), cert,
						 &trust) == SECSuccess) {
				n++;
			}
			CERT_DestroyCertificate(cert);
		}
		p = e;
	}
	return n;
}

static int init_pem(const char *dir)
{
	PK11SlotInfo *slot;
	struct dirent *de;
	size_t n = 0;
	char *db;
	DIR *d;

	snprintf(tmp_db, sizeof(tmp_db), "/tmp/congvan-reader.XXXXXX");
	if (!mkdtemp(tmp_db)) {
		tmp_db[0] = '\0';
		return -1;
	}
	atexit(remove_tmp_db); /* after poppler's NSS_Shutdown (atexit) */
	db = xasprintf("sql:%s", tmp_db);
	if (NSS_Initialize(db, "", "", SECMOD_DB, 0) != SECSuccess) {
		free(db);
		return -1;
	}
	free(db);
	slot = PK11_GetInternalKeySlot();
	if (slot && PK11_NeedUserInit(slot)) {
		PK11_InitPin(slot, NULL, "");
	}
	d = opendir(dir);
	while (slot && d && (de = readdir(d)) != NULL) {
		char *path = xasprintf("%s/%s", dir, de->d_name);
		char *text = NULL;
		size_t len = 0;
		struct stat sb;

		if (de->d_name[0] != '.' && stat(path, &sb) == 0 &&
		    S_ISREG(sb.st_mode) && sb.st_size < PEM_MAX &&
		    file_read_all(path, &text, &len) == 0) {
			n = import_pem(text, len, slot, n);
		}
		free(text);
		free(path);
	}
	if (d) {
		closedir(d);
	}
	if (slot) {
		PK11_FreeSlot(slot);
	}
	return 0;
}

/* NSS with the trust anchors of dir (NULL: none). */
static void init_trust(const char *dir)
{
	SECStatus rc = SECFailure;

	if (dir && has_nss_db(dir)) {
		char *db = xasprintf("sql:%s", dir);

		rc = NSS_Initialize(db, "", "", SECMOD_DB, NSS_INIT_READONLY);
		free(db);
	} else if (dir && init_pem(dir) == 0) {
		rc = SECSuccess;
	}
	if (rc != SECSuccess && !NSS_IsInitialized()) {
		NSS_NoDB_Init(NULL);
	}
}

static void unload_builtin_roots(void)
{
	SECMODModule *m = SECMOD_FindModule("Root Certs");
	int type = 0;

	if (m) {
		SECMOD_DestroyModule(m);
		SECMOD_DeleteModule("Root Certs", &type);
	}
}

/* --- the checks ------------------------------------------------------------
 */

/* The end of the furthest byte range any signature covers; 0 when none
 * can be read. */
static size_t signed_end(const char *data, size_t len)
{
	const char *p = data, *end = data + len;
	size_t best = 0;

	while ((p = memmem(p, (size_t)(end - p), "/ByteRange", 10)) != NULL) {
		unsigned long long v[4];
		char tail[2];
		const char *q = p + 10;
		char buf[128];
		size_t n = (size_t)(end - q) < sizeof(buf) - 1
			       ? (size_t)(end - q)
			       : sizeof(buf) - 1;

		memcpy(buf, q, n);
		buf[n] = '\0';
		if (sscanf(buf, " [ %llu %llu %llu %llu %1[]]", &v[0], &v[1],
			   &v[2], &v[3], tail) == 5 &&
		    v[2] <= len && v[3] <= len - v[2] && v[2] + v[3] > best) {
			best = (size_t)(v[2] + v[3]);
		}
		p = q;
	}
	return best;
}

/* Whether bytes that no signature covers follow the last signature
 * (white space and the end-of-file marker's line end aside). */
static bool changed_after(const char *data, size_t len)
{
	size_t end = signed_end(data, len);

	while (len > end && strchr(" \t\r\n", data[len - 1]) && data[len - 1]) {
		len--;
	}
	return end > 0 && len > end;
}

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

static enum reader_cert cert_status(PopplerCertificateStatus c)
{
	switch (c) {
	case POPPLER_CERTIFICATE_TRUSTED:
		return READER_CERT_TRUSTED;
	case POPPLER_CERTIFICATE_UNTRUSTED_ISSUER:
	case POPPLER_CERTIFICATE_UNKNOWN_ISSUER:
		return READER_CERT_UNTRUSTED;
	case POPPLER_CERTIFICATE_REVOKED:
		return READER_CERT_REVOKED;
	case POPPLER_CERTIFICATE_EXPIRED:
		return READER_CERT_EXPIRED;
	case POPPLER_CERTIFICATE_NOT_VERIFIED:
		return READER_CERT_UNCHECKED;
	default:
		return READER_CERT_ERROR;
	}
}

static PopplerSignatureInfo *validate(PopplerFormField *field)
{
	/* No network from the sandbox: no OCSP, no fetching of issuers. */
	const PopplerSignatureValidationFlags flags =
	    POPPLER_SIGNATURE_VALIDATION_FLAG_VALIDATE_CERTIFICATE |
	    POPPLER_SIGNATURE_VALIDATION_FLAG_WITHOUT_OCSP_REVOCATION_CHECK;
	GError *err = NULL;
	PopplerSignatureInfo *info = poppler_form_field_signature_validate_sync(
	    field, flags, NULL, &err);

	if (err) {
		g_error_free(err);
	}
	return info;
}

static void emit_one(int number, PopplerFormField *field, bool later)
{
	PopplerSignatureInfo *info = validate(field);
	enum reader_sig_status status = READER_SIG_ERROR;
	enum reader_cert cert = READER_CERT_UNCHECKED;
	const char *name = NULL;
	GDateTime *when = NULL;

	if (info) {
		status = sig_status(
		    poppler_signature_info_get_signature_status(info));
		cert = cert_status(
		    poppler_signature_info_get_certificate_status(info));
		name = poppler_signature_info_get_signer_name(info);
		when = poppler_signature_info_get_local_signing_time(info);
	}
	if (status == READER_SIG_UNSIGNED) {
		cert = READER_CERT_UNCHECKED;
	}
	emit_sig(number, status, cert, when ? g_date_time_to_unix(when) : 0,
		 later && status != READER_SIG_UNSIGNED, name);
	if (info) {
		poppler_signature_info_free(info);
	}
}

/* The first check makes poppler set NSS up its own way (and load the
 * built-in roots); only then can that module go.  It is made on a copy
 * of the document, as poppler keeps each field's first result. */
static void warm_up(const struct job *job)
{
	GBytes *bytes = g_bytes_new_static(job->data, job->len);
	PopplerDocument *doc =
	    poppler_document_new_from_bytes(bytes, NULL, NULL);
	GList *fields = doc ? poppler_document_get_signature_fields(doc) : NULL;
	PopplerSignatureInfo *info = fields ? validate(fields->data) : NULL;

	if (info) {
		poppler_signature_info_free(info);
	}
	g_list_free_full(fields, g_object_unref);
	if (doc) {
		g_object_unref(doc);
	}
	g_bytes_unref(bytes);
}

void signatures_read(PopplerDocument *doc, const struct job *job)
{
	GList *fields = poppler_document_get_signature_fields(doc);
	bool later = changed_after(job->data, job->len);
	int n = 0;

	if (!fields) {
		return;
	}
	init_trust(job->trust);
	warm_up(job);
	unload_builtin_roots();
	for (GList *f = fields; f && n < READER_SIGS_MAX; f = f->next) {
		emit_one(++n, f->data, later);
	}
	g_list_free_full(fields, g_object_unref);
}
