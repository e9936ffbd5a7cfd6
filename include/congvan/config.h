/* The administrator's configuration: one INI file read with inih. */
#ifndef CONGVAN_CONFIG_H
#define CONGVAN_CONFIG_H

#include <stdbool.h>

#define CONFIG_DEFAULT_PATH "/etc/congvan/congvan.conf"

enum config_tls { CONFIG_TLS_AUTO, CONFIG_TLS_YES, CONFIG_TLS_NO };

struct config_service {
	char *organization;
	char *domain; /* right-hand side of our Message-IDs */
	char *
	    database; /* path; relative paths are relative to the config file */
	char *office; /* the Office's address */
	char *language;    /* "vi" (default) or "en" */
	char *item_prefix; /* "CV" */
	char *secret_file; /* path; created at first run when missing */
	char *templates;   /* template folder; default: installed templates */
};

struct config_mailbox {
	char *url; /* imap://host[:port][/MAILBOX] or imaps:// */
	char *user;
	char *password;    /* from password or password_file; never logged */
	int poll_interval; /* seconds, default 60 */
	enum config_tls tls;
	/* Derived from url by config_load. */
	bool ssl; /* imaps */
	char *host;
	int port;
	char *folder; /* default INBOX */
};

struct config_smtp {
	char *url;      /* smtp://host[:port] or smtps:// */
	char *user;     /* optional */
	char *password; /* optional; never logged */
	char *from;     /* envelope and header sender address */
	enum config_tls tls;
	bool reply_plus; /* box+TOKEN@domain reply addresses */
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

/* Releases what config_load allocated; safe on a zeroed struct. */
void config_free(struct config *cfg);

/* True when s is a plausible mail address (local@domain, no spaces or
 * control characters, no angle brackets). */
bool config_address_valid(const char *s);

#endif
