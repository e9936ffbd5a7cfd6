/* The sections the file may hold, their keys, and how each is checked.
 * To add a kind: a key table, a finish function that moves its values
 * into struct config, a struct section_kind, and an entry in
 * config_section_kinds.  The directory's kinds ([leaders], [unit CODE],
 * [rule NAME]) live in directory.c, [deadlines] and [calendar] in
 * deadlines.c, [report] in report_section.c, [feed] in
 * feed_section.c, [letters] in letters_section.c. */
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "congvan/util.h"
#include "congvan/workday.h"
#include "private.h"

#define IMAP_EXPECT "imap://HOST[:PORT][/FOLDER] or imaps://..."
#define SMTP_EXPECT "smtp://HOST[:PORT] or smtps://HOST[:PORT]"

enum {
	SVC_ORGANIZATION,
	SVC_DOMAIN,
	SVC_DATABASE,
	SVC_OFFICE,
	SVC_LANGUAGE,
	SVC_ITEM_PREFIX,
	SVC_SECRET_FILE,
	SVC_TEMPLATES,
	SVC_SCHEDULER_BATCH,
	SVC_NKEYS
};

static const struct key_spec service_keys[SVC_NKEYS] = {
    [SVC_ORGANIZATION] = {"organization", " ", "the organization's name"},
    [SVC_DOMAIN] = {"domain", "", "a hostname"},
    [SVC_DATABASE] = {"database", "", "a file path"},
    [SVC_OFFICE] = {"office", "", "a mail address"},
    [SVC_LANGUAGE] = {"language", "", "vi or en"},
    [SVC_ITEM_PREFIX] = {"item_prefix", "",
			 "1 to 8 uppercase ASCII letters or digits"},
    [SVC_SECRET_FILE] = {"secret_file", "", "a file path"},
    [SVC_TEMPLATES] = {"templates", "", "a folder path"},
    [SVC_SCHEDULER_BATCH] = {"scheduler_batch", "",
			     "a number of items from 1 to 1000000"},
};

enum {
	MBX_URL,
	MBX_USER,
	MBX_PASSWORD,
	MBX_PASSWORD_FILE,
	MBX_POLL_INTERVAL,
	MBX_TLS,
	MBX_CA_FILE,
	MBX_FIRST_RUN_DAYS,
	MBX_SINCE,
	MBX_NKEYS
};

static const struct key_spec mailbox_keys[MBX_NKEYS] = {
    [MBX_URL] = {"url", "", IMAP_EXPECT},
    [MBX_USER] = {"user", "", "a user name"},
    [MBX_PASSWORD] = {"password", "", "a password", true},
    [MBX_PASSWORD_FILE] = {"password_file", "", "a file path"},
    [MBX_POLL_INTERVAL] = {"poll_interval", "",
			   "a number of seconds from 5 to 86400"},
    [MBX_TLS] = {"tls", "", "yes, no or auto"},
    [MBX_CA_FILE] = {"ca_file", "", "a PEM file of trusted certificates"},
    [MBX_FIRST_RUN_DAYS] = {"first_run_days", "",
			    "a number of days from 0 to 36500, or all"},
    [MBX_SINCE] = {"since", "", "a date like 2026-01-01 or 1/1/2026"},
};

enum {
	SMTP_URL,
	SMTP_USER,
	SMTP_PASSWORD,
	SMTP_PASSWORD_FILE,
	SMTP_FROM,
	SMTP_TLS,
	SMTP_REPLY_PLUS,
	SMTP_CA_FILE,
	SMTP_NKEYS
};

static const struct key_spec smtp_keys[SMTP_NKEYS] = {
    [SMTP_URL] = {"url", "", SMTP_EXPECT},
    [SMTP_USER] = {"user", "", "a user name"},
    [SMTP_PASSWORD] = {"password", "", "a password", true},
    [SMTP_PASSWORD_FILE] = {"password_file", "", "a file path"},
    [SMTP_FROM] = {"from", "", "a mail address"},
    [SMTP_TLS] = {"tls", "", "yes, no or auto"},
    [SMTP_REPLY_PLUS] = {"reply_plus", "", "yes or no"},
    [SMTP_CA_FILE] = {"ca_file", "", "a PEM file of trusted certificates"},
};

static const struct url_form imap_form = {"imap", "imaps", 143,
					  993,    true,    IMAP_EXPECT};
static const struct url_form smtp_form = {"smtp", "smtps", 25,
					  465,    false,   SMTP_EXPECT};

static bool item_prefix_valid(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 8 &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == n;
}

static void service_finish(struct loader *ld, struct raw_section *rs)
{
	struct config_service *s = &ld->cfg->service;
	long batch;

	config_take_required(ld, rs, SVC_ORGANIZATION, &s->organization);
	if (config_take_required(ld, rs, SVC_DOMAIN, &s->domain) == 0 &&
	    !config_hostname_valid(s->domain)) {
		config_bad_value(ld, rs, SVC_DOMAIN, s->domain);
	}
	if (config_take_required(ld, rs, SVC_OFFICE, &s->office) == 0 &&
	    !config_address_valid(s->office)) {
		config_bad_value(ld, rs, SVC_OFFICE, s->office);
	}
	s->language = config_take_string(rs, SVC_LANGUAGE, "vi");
	if (strcmp(s->language, "vi") != 0 && strcmp(s->language, "en") != 0) {
		config_bad_value(ld, rs, SVC_LANGUAGE, s->language);
	}
	s->item_prefix = config_take_string(rs, SVC_ITEM_PREFIX, "CV");
	if (!item_prefix_valid(s->item_prefix)) {
		config_bad_value(ld, rs, SVC_ITEM_PREFIX, s->item_prefix);
	}
	config_take_path(ld, rs, SVC_DATABASE, true, &s->database);
	config_take_path(ld, rs, SVC_SECRET_FILE, false, &s->secret_file);
	if (!s->secret_file && s->database) {
		s->secret_file = xasprintf("%s.secret", s->database);
	}
	config_take_path(ld, rs, SVC_TEMPLATES, false, &s->templates);
	if (!s->templates) {
		s->templates = xstrdup("");
	}
	config_get_long(ld, rs, SVC_SCHEDULER_BATCH, 1, 1000000,
			CONFIG_SCHEDULER_BATCH, &batch);
	s->scheduler_batch = (int)batch;
}

/* imaps:// and smtps:// speak TLS from the first byte. */
static void check_tls(struct loader *ld, const struct raw_section *rs,
		      size_t key, bool ssl, enum config_tls tls,
		      const struct url_form *form)
{
	if (ssl && tls == CONFIG_TLS_NO) {
		config_loader_error(ld, rs->values[key].line,
				    "'tls' is off but the url starts with "
				    "%s://, which always uses TLS; expected "
				    "tls = yes or auto, or an %s:// url",
				    form->ssl_scheme, form->scheme);
	}
}

/* An optional file of trusted certificates, which must be readable. */
static void take_ca_file(struct loader *ld, struct raw_section *rs, size_t key,
			 char **path_r)
{
	config_take_path(ld, rs, key, false, path_r);
	if (*path_r && access(*path_r, R_OK) < 0) {
		config_loader_error(ld, rs->values[key].line,
				    "cannot read ca_file '%s': %s", *path_r,
				    strerror(errno));
	}
}

/* What the first start takes as history: first_run_days (or all), or
 * the day since names. */
static void first_run(struct loader *ld, struct raw_section *rs,
		      struct config_mailbox *m)
{
	const char *days = rs->values[MBX_FIRST_RUN_DAYS].value;
	const char *since = rs->values[MBX_SINCE].value;
	long n = CONFIG_FIRST_RUN_DAYS;

	if (days && !strcmp(days, "all")) {
		n = CONFIG_FIRST_RUN_ALL;
	} else {
		config_get_long(ld, rs, MBX_FIRST_RUN_DAYS, 0, 36500,
				CONFIG_FIRST_RUN_DAYS, &n);
	}
	m->first_run_days = (int)n;
	if (since && *since) {
		int32_t day;

		if (workday_parse_date(since, &day) < 0) {
			config_bad_value(ld, rs, MBX_SINCE, since);
		} else {
			m->since = workday_day_start(day);
		}
	}
}

static void mailbox_finish(struct loader *ld, struct raw_section *rs)
{
	struct config_mailbox *m = &ld->cfg->mailbox;
	struct parsed_url u;
	long poll;

	if (config_take_required(ld, rs, MBX_URL, &m->url) == 0 &&
	    config_url_parse(ld, rs->values[MBX_URL].line, m->url, &imap_form,
			     &u) == 0) {
		m->ssl = u.ssl;
		m->host = u.host;
		m->port = u.port;
		m->folder = u.folder;
	}
	config_take_required(ld, rs, MBX_USER, &m->user);
	config_take_password(ld, rs, MBX_PASSWORD, MBX_PASSWORD_FILE, true,
			     &m->password);
	config_take_path(ld, rs, MBX_PASSWORD_FILE, false, &m->password_file);
	config_get_long(ld, rs, MBX_POLL_INTERVAL, 5, 86400, 60, &poll);
	m->poll_interval = (int)poll;
	if (config_get_tls(ld, rs, MBX_TLS, &m->tls) == 0) {
		check_tls(ld, rs, MBX_TLS, m->ssl, m->tls, &imap_form);
	}
	take_ca_file(ld, rs, MBX_CA_FILE, &m->ca_file);
	first_run(ld, rs, m);
}

/* user, and password or password_file: all or nothing. */
static void smtp_auth(struct loader *ld, struct raw_section *rs,
		      struct config_smtp *s)
{
	const struct raw_value *p = &rs->values[SMTP_PASSWORD];
	const struct raw_value *f = &rs->values[SMTP_PASSWORD_FILE];
	bool has_p = p->value && *p->value;
	bool has_f = f->value && *f->value;

	s->user = config_take_string(rs, SMTP_USER, NULL);
	if (!s->user && (has_p || has_f)) {
		config_loader_error(ld, has_p ? p->line : f->line,
				    "'%s' is set but 'user' is not in [smtp]; "
				    "expected both or neither",
				    has_p ? "password" : "password_file");
	} else if (s->user && !has_p && !has_f) {
		config_loader_error(ld, rs->values[SMTP_USER].line,
				    "'user' is set but neither 'password' nor "
				    "'password_file' is in [smtp]; expected "
				    "one of them");
	} else {
		config_take_password(ld, rs, SMTP_PASSWORD, SMTP_PASSWORD_FILE,
				     false, &s->password);
		config_take_path(ld, rs, SMTP_PASSWORD_FILE, false,
				 &s->password_file);
	}
}

static void smtp_finish(struct loader *ld, struct raw_section *rs)
{
	struct config_smtp *s = &ld->cfg->smtp;
	struct parsed_url u;

	if (config_take_required(ld, rs, SMTP_URL, &s->url) == 0 &&
	    config_url_parse(ld, rs->values[SMTP_URL].line, s->url, &smtp_form,
			     &u) == 0) {
		s->ssl = u.ssl;
		s->host = u.host;
		s->port = u.port;
	}
	smtp_auth(ld, rs, s);
	if (config_take_required(ld, rs, SMTP_FROM, &s->from) == 0 &&
	    !config_address_valid(s->from)) {
		config_bad_value(ld, rs, SMTP_FROM, s->from);
	}
	if (config_get_tls(ld, rs, SMTP_TLS, &s->tls) == 0) {
		check_tls(ld, rs, SMTP_TLS, s->ssl, s->tls, &smtp_form);
	}
	config_get_bool(ld, rs, SMTP_REPLY_PLUS, false, &s->reply_plus);
	take_ca_file(ld, rs, SMTP_CA_FILE, &s->ca_file);
}

static const struct section_kind service_kind = {
    .name = "service",
    .required = true,
    .keys = service_keys,
    .nkeys = SVC_NKEYS,
    .finish = service_finish,
};

static const struct section_kind mailbox_kind = {
    .name = "mailbox",
    .required = true,
    .keys = mailbox_keys,
    .nkeys = MBX_NKEYS,
    .finish = mailbox_finish,
};

static const struct section_kind smtp_kind = {
    .name = "smtp",
    .required = true,
    .keys = smtp_keys,
    .nkeys = SMTP_NKEYS,
    .finish = smtp_finish,
};

/* Units before rules: a rule's lead and coordinate name units. */
const struct section_kind *const config_section_kinds[] = {
    &service_kind,          &mailbox_kind,         &smtp_kind,
    &config_leaders_kind,   &config_unit_kind,     &config_rule_kind,
    &config_deadlines_kind, &config_calendar_kind, &config_report_kind,
    &config_feed_kind,      &config_security_kind, &config_letters_kind,
};

const size_t config_section_kinds_count = ARRAY_SIZE(config_section_kinds);

void config_foreach_key(void (*fn)(const char *section, const char *key,
				   void *data),
			void *data)
{
	for (size_t i = 0; i < config_section_kinds_count; i++) {
		const struct section_kind *k = config_section_kinds[i];

		for (size_t j = 0; j < k->nkeys; j++) {
			fn(k->name, k->keys[j].name, data);
		}
	}
}
