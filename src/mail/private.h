/* Private to the mail module. */
#ifndef CONGVAN_MAIL_PRIVATE_H
#define CONGVAN_MAIL_PRIVATE_H

#include <libetpan/libetpan.h>

/* Checks the certificate chain the server presented on stream against
 * ca_file (PEM), or the system's trusted CAs when ca_file is NULL, and
 * against host.  Returns 0, or -1 with *error_r saying why not. */
int mail_tls_verify(mailstream *stream, const char *host, const char *ca_file,
		    char **error_r);

/* Asks for host by name (SNI) during the TLS handshake; a libetpan
 * callback whose data is the host name. */
void mail_tls_set_sni(struct mailstream_ssl_context *ctx, void *host);

/* Makes the end of stream (the server closed the connection) a failed
 * read, which libetpan's parser would otherwise wait past forever, in a
 * busy loop (stream_guard.c).  Once the connection is what it stays:
 * after TLS, before the login. */
void mail_stream_guard(mailstream *stream);

#endif
