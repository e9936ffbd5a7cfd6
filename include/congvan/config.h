/* The administrator's configuration: one INI file read with inih. */
#ifndef CONGVAN_CONFIG_H
#define CONGVAN_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define CONFIG_DEFAULT_PATH "/etc/congvan/congvan.conf"

enum config_tls { CONFIG_TLS_AUTO, CONFIG_TLS_YES, CONFIG_TLS_NO };

/* Paths (database, secret_file, templates, password files) written
 * relative in the file are resolved against the config file's directory
 * and stored absolute. */
struct config_service {
	char *organization;
	char *domain;      /* right-hand side of our Message-IDs */
	char *database;    /* path */
	char *office;      /* the Office's address */
	char *language;    /* "vi" (default) or "en" */
	char *item_prefix; /* default "CV"; 1-8 of A-Z 0-9 */
	char *secret_file; /* path, default database + ".secret"; created at
			    * first run when missing */
	char *templates;   /* template folder; "" when unset: the caller
			    * picks the installed templates */
};

struct config_mailbox {
	char *url; /* imap://host[:port][/MAILBOX] or imaps:// */
	char *user;
	char *password;    /* from password or password_file; never logged */
	int poll_interval; /* seconds, default 60 */
	enum config_tls tls;
	char *ca_file; /* trusted CAs (PEM); NULL: the system's */
	/* Derived from url by config_load. */
	bool ssl; /* imaps */
	char *host;
	int port;     /* default 143, or 993 for imaps */
	char *folder; /* percent-decoded; default INBOX */
};

struct config_smtp {
	char *url;      /* smtp://host[:port] or smtps:// */
	char *user;     /* optional (NULL) */
	char *password; /* set exactly when user is; never logged */
	char *from;     /* envelope and header sender address */
	enum config_tls tls;
	bool reply_plus; /* box+TOKEN@domain reply addresses */
	char *ca_file;   /* trusted CAs (PEM); NULL: the system's */
	/* Derived from url by config_load. */
	bool ssl; /* smtps */
	char *host;
	int port; /* default 25, or 465 for smtps */
};

struct config {
	char *path; /* the file this was read from */
	struct config_service service;
	struct config_mailbox mailbox;
	struct config_smtp smtp;
};

/* Reads and validates path.  On failure returns -1 and sets *error_r to
 * every problem found, one per line, each "FILE:LINE: what was expected"
 * (caller frees).  Passwords never appear in errors.  cfg_r is filled only
 * on success; release it with config_free. */
int config_load(const char *path, struct config *cfg_r, char **error_r);

/* Like config_load, but parses the len bytes at data as if they were the
 * contents of path: path names the errors and anchors relative paths.
 * For tests and fuzzing. */
int config_load_buffer(const char *path, const char *data, size_t len,
		       struct config *cfg_r, char **error_r);

/* Releases what config_load allocated; safe on a zeroed struct. */
void config_free(struct config *cfg);

/* True when s is a plausible mail address (local@domain, no spaces or
 * control characters, no angle brackets). */
bool config_address_valid(const char *s);

#endif
