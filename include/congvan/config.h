/* The administrator's configuration: one INI file read with inih. */
#ifndef CONGVAN_CONFIG_H
#define CONGVAN_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

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
	/* The most items due one batch of the scheduler handles, in one
	 * transaction (workflow_tick); default CONFIG_SCHEDULER_BATCH. */
	int scheduler_batch;
};

/* The default: about half a second and 30 MB of WAL a batch when every
 * item queues mail (README, Performance). */
#define CONFIG_SCHEDULER_BATCH 2000

#define CONFIG_FIRST_RUN_DAYS 7 /* the default */
#define CONFIG_FIRST_RUN_ALL  (-1)

struct config_mailbox {
	char *url; /* imap://host[:port][/MAILBOX] or imaps:// */
	char *user;
	char *password;      /* from password or password_file; never logged */
	char *password_file; /* its path; NULL when inline */
	int poll_interval;   /* seconds, default 60 */
	enum config_tls tls;
	char *ca_file; /* trusted CAs (PEM); NULL: the system's */
	/* At the first start of a database, mail that reached the mailbox
	 * before since, or else more than first_run_days before that start,
	 * is kept as history (no item, no notice); CONFIG_FIRST_RUN_ALL
	 * registers all of it. */
	int first_run_days;
	time_t since; /* local midnight; 0: not set */
	/* Derived from url by config_load. */
	bool ssl; /* imaps */
	char *host;
	int port;     /* default 143, or 993 for imaps */
	char *folder; /* percent-decoded; default INBOX */
};

struct config_smtp {
	char *url;           /* smtp://host[:port] or smtps:// */
	char *user;          /* optional (NULL) */
	char *password;      /* set exactly when user is; never logged */
	char *password_file; /* its path; NULL when inline or none */
	char *from;          /* envelope and header sender address */
	enum config_tls tls;
	bool reply_plus; /* box+TOKEN@domain reply addresses */
	char *ca_file;   /* trusted CAs (PEM); NULL: the system's */
	/* Derived from url by config_load. */
	bool ssl; /* smtps */
	char *host;
	int port; /* default 25, or 465 for smtps */
};

/* The directory: who is who, and where letters go.  Addresses are
 * stored lower-cased (ASCII) and compared ignoring case.  Unit codes are
 * kept as written in their [unit CODE] header and matched ignoring ASCII
 * case.  Everything here belongs to struct config and lives until
 * config_free. */

/* One person of a unit's members or of [leaders]. */
struct config_person {
	char *name;    /* as written, UTF-8; NULL when only an address */
	char *address; /* lower-cased */
};

/* A [unit CODE] section. */
struct config_unit {
	char *code;                    /* 1-16 of A-Z a-z 0-9 - _, as written */
	char *name;                    /* display name, UTF-8 */
	char *email;                   /* the unit's own mailbox, lower-cased */
	char *head;                    /* the head's address, lower-cased */
	struct config_person *members; /* in file order; may include head */
	size_t n_members;
	int line; /* of the [unit CODE] header */
};

/* A [rule NAME] section: letters from 'from' (and with 'subject' in
 * their subject, when set) go to 'lead'. */
struct config_rule {
	char *name;    /* as written in [rule NAME] */
	char *from;    /* lower-cased: an address, "*@DOMAIN" (that domain) or
			* "*@*.DOMAIN" (its subdomains, not DOMAIN itself) */
	char *subject; /* as written; NULL: any subject */
	char *subject_folded; /* text_fold(subject), runs of white space
			       * made one space; NULL with subject */
	char *lead;           /* the unit's code as in its [unit] header */
	char **coordinate;    /* codes as in their [unit] headers */
	size_t n_coordinate;
	int days; /* working days, 1-365; 0: deadlines.assignment_days */
	int line; /* of the [rule NAME] header */
};

/* [deadlines]: all in working days. */
struct config_deadlines {
	int assignment_days;    /* default 10; 1-365 */
	int consultation_days;  /* default 5; 1-365 */
	int *remind_before;     /* days before a deadline, each 1-60, sorted
				 * descending, no duplicates; default 3, 1 */
	size_t n_remind_before; /* 0 with "remind_before = none" */
	int overdue_every;      /* between overdue reminders; default 2; 1-60 */
	int escalate_after;     /* overdue days before the head and the Office
				 * are copied; default 1; 0-60 */
};

/* [calendar]. */
struct config_calendar {
	char *holidays; /* path; "" when unset: the caller looks up the
			 * installed holiday file */
	char *workdays; /* as written, default "mon-fri"; only letters,
			 * commas, hyphens and spaces (the working-day
			 * module parses it) */
};

/* [report]: the quarterly report's mail. */
struct config_report {
	char **to;      /* lower-cased addresses, NULL-terminated; NULL when
			 * none: the report is not mailed */
	size_t n_to;    /* at most 100 */
	char *language; /* "vi" or "en"; NULL: service.language */
};

/* [feed]: the calendar feed server inside serve (src/feed). */
struct config_feed {
	char *listen;   /* "HOST:PORT" as written; NULL: no feed server */
	char *host;     /* derived: the numeric IPv4 or IPv6 address (no
			 * brackets) to bind */
	int port;       /* derived */
	char *base_url; /* where the server's /feed path is reached, without
			 * a trailing slash; default "http://LISTEN/feed";
			 * NULL without listen */
};

/* [letters]: how attached documents are read (src/reader). */
struct config_letters {
	int ocr_pages;  /* pages of a scan read by OCR: the first ocr_pages - 1
			 * and the last; 1-READER_OCR_PAGES_MAX; 0 (no
			 * [letters] section): READER_OCR_PAGES_DEFAULT */
	int time_limit; /* seconds for reading all of one message's
			 * attachments; 0 (no section): the default */
	char *trust;    /* absolute path of a folder of PEM certificates or
			 * an NSS database (cert9.db): the trust anchors of
			 * digital signatures; NULL: none, nothing trusted */
};

/* [security]: who may command (README "Who may command"). */
enum config_commands {
	CONFIG_COMMANDS_RECEIPT,       /* a reply to our mail, or the signed
					* reply address (default) */
	CONFIG_COMMANDS_AUTHENTICATED, /* an authenticated sender */
	CONFIG_COMMANDS_BOTH,          /* both */
};

struct config_security {
	enum config_commands commands;
	char **authserv_ids; /* trusted Authentication-Results writers,
			      * lower-cased, NULL-terminated; NULL: none */
	size_t n_authserv_ids;
	bool dkim_verify; /* verify DKIM ourselves */
	char *dkim_keys;  /* a key file instead of DNS; NULL: DNS */
};

/* One line saying what the policy lets act (for check-config). */
const char *config_security_explain(const struct config_security *s);

struct config {
	char *path; /* the file this was read from */
	struct config_service service;
	struct config_mailbox mailbox;
	struct config_smtp smtp;
	struct config_unit *units; /* file order; at most 1000 */
	size_t n_units;
	struct config_rule *rules; /* file order, which is match order; at
				    * most 1000 */
	size_t n_rules;
	struct config_person *leaders; /* [leaders] members: may assign like
					* the Office */
	size_t n_leaders;
	struct config_deadlines deadlines;
	struct config_calendar calendar;
	struct config_report report;
	struct config_feed feed;
	struct config_security security;
	struct config_letters letters;
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

/* Calls fn for every key the file may hold, in the parser's order:
 * section is the section's kind as written in its header ("service",
 * "unit" for [unit CODE]).  What config.example and congvan.conf(5) must
 * document, and the tests check that they do. */
void config_foreach_key(void (*fn)(const char *section, const char *key,
				   void *data),
			void *data);

/* True when s is a plausible mail address: one '@'; before it a dot-atom
 * (no spaces, control characters or specials such as <>()[],;:"\, no
 * leading, trailing or doubled dot); after it a host name (letters,
 * digits, hyphens, dot-separated labels of 1-63). */
bool config_address_valid(const char *s);

/* The unit whose code is code, ignoring ASCII case; NULL when none.
 * Borrowed from cfg. */
const struct config_unit *config_unit_find(const struct config *cfg,
					   const char *code);

/* The first rule, in file order, whose from matches from_addr (ignoring
 * case) and whose subject, if it has one, occurs in subject once both are
 * folded (case, Vietnamese diacritics, đ -> d, white space runs).  A
 * NULL subject matches only rules without one.  NULL when no rule
 * matches: the item goes to the Office.  Borrowed from cfg. */
const struct config_rule *config_rule_match(const struct config *cfg,
					    const char *from_addr,
					    const char *subject);

enum config_role {
	CONFIG_ROLE_NONE,
	CONFIG_ROLE_OFFICE,
	CONFIG_ROLE_LEADER,
	CONFIG_ROLE_HEAD,
	CONFIG_ROLE_MEMBER,
	CONFIG_ROLE_UNIT_MAILBOX,
};

/* Who address is, ignoring case, tested in this order: the Office's
 * address, a leader, a unit's head, a unit's member, a unit's own
 * mailbox.  *unit_r (unit_r may be NULL) gets the unit for HEAD, MEMBER
 * and UNIT_MAILBOX, else NULL.  Borrowed from cfg. */
enum config_role config_role_of(const struct config *cfg, const char *address,
				const struct config_unit **unit_r);

/* The listed person (leaders first, then unit members) with this
 * address, ignoring case, for their display name; NULL when none (a
 * head not also listed in members has none).  *unit_r (unit_r may be
 * NULL) gets the member's unit, NULL for a leader.  Borrowed from cfg. */
const struct config_person *
config_person_find(const struct config *cfg, const char *address,
		   const struct config_unit **unit_r);

/* Reads a list of units as staff write it in a reply ("VU-PC, Vụ Tài
 * chính và CUC-XNK"): items separated by ',', ';', or the words "và" /
 * "and" (with or without diacritics), each a unit code, a unit name, or
 * the name's first word or two with an abbreviation of the rest ("Vụ PC"
 * for "Vụ Pháp chế": the code, the code's last part after '-', or the
 * initials of the other words; only when it fits one unit), matched
 * after folding both (case, diacritics, white space); a unit
 * whose name itself holds "và" is still found whole.  Trailing dots and
 * no-break spaces are ignored; a unit named twice is listed once.  On
 * success *units_r is a new array of *n_r (>= 1) units borrowed from cfg,
 * in the order written: the caller frees the array, not the units.  On
 * failure (no unit, an unknown one, text over 4096 bytes) returns -1 and
 * sets *error_r, naming every unknown item as written, in the service's
 * language: it is told to whoever wrote text (caller frees).  A NULL cfg
 * or text reads as empty (and a NULL cfg speaks Vietnamese). */
int config_units_parse(const struct config *cfg, const char *text,
		       const struct config_unit ***units_r, size_t *n_r,
		       char **error_r);

/* Reads one person as staff write it ("Giao: Nguyễn Văn An
 * <an.nv@x.vn>"): "Name <address>", a bare address, or the name of
 * exactly one listed person (a leader or a unit member) compared after
 * folding (case, diacritics, white space).  The address need not be a
 * listed person's.  person_r gets new copies (release with
 * config_person_release): the address lower-cased, the name as written,
 * else the listed person's name, else NULL.  On failure (malformed, no
 * such name, a name several people share, over 4096 bytes) returns -1
 * and sets *error_r in the service's language, as config_units_parse
 * (caller frees).  A NULL cfg or text reads as empty. */
int config_person_parse(const struct config *cfg, const char *text,
			struct config_person *person_r, char **error_r);

/* The one member of unit u whose name ends with the words of text,
 * compared after folding, as a head names a colleague ("Lan", "Thị Lan"
 * for "Nguyễn Thị Lan"): 0 with copies in *person_r, or -1 when no
 * member or more than one is so named. */
int config_person_in_unit(const struct config_unit *u, const char *text,
			  struct config_person *person_r);

/* Frees what config_person_parse put in person and zeroes it; safe on a
 * zeroed struct and on NULL. */
void config_person_release(struct config_person *person);

#endif
