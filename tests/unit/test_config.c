/* Unit tests for the config module: every file is written to a private
 * folder made with mkdtemp in /tmp, config files with mkstemp. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "congvan/config.h"
#include "congvan/util.h"

static char *tmpdir;          /* holds mailbox.pass, smtp.pass, empty.pass */
static char *conf_path;       /* the file of the current case */
static struct config dir_cfg; /* VALID DIRECTORY, for the lookups */

/* Lines of a valid file, one macro per line so a case can swap one out
 * and keep the numbering.  Line numbers on the right. */
#define S_HDR  "[service]\n"                    /* 1 */
#define S_ORG  "organization = Sở Tài chính\n"  /* 2 */
#define S_DOM  "domain = congvan.test\n"        /* 3 */
#define S_DB   "database = congvan.db\n"        /* 4 */
#define S_OFF  "office = vanthu@congvan.test\n" /* 5 */
#define M_HDR  "[mailbox]\n"                    /* 6 */
#define M_URL  "url = imap://127.0.0.1\n"       /* 7 */
#define M_USER "user = congvan@congvan.test\n"  /* 8 */
#define M_PASS "password_file = mailbox.pass\n" /* 9 */
#define T_HDR  "[smtp]\n"                       /* 10 */
#define T_URL  "url = smtp://127.0.0.1\n"       /* 11 */
#define T_FROM "from = congvan@congvan.test\n"  /* 12 */
#define GAP    "#\n" /* stands in for a removed line */

#define SERVICE S_HDR S_ORG S_DOM S_DB S_OFF
#define MAILBOX M_HDR M_URL M_USER M_PASS
#define SMTP    T_HDR T_URL T_FROM
#define VALID   SERVICE MAILBOX SMTP

#define MAILBOX_URL(u) M_HDR "url = " u "\n" M_USER M_PASS
#define SMTP_URL(u)    T_HDR "url = " u "\n" T_FROM

#define X10  "xxxxxxxxxx"
#define X100 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10
/* "organization = " is 15 characters: 15 + 183 = 198, the longest line. */
#define ORG_198 "organization = " X100 X10 X10 X10 X10 X10 X10 X10 X10 "xxx"

#define IMAP_EXPECT "expected imap://HOST[:PORT][/FOLDER] or imaps://..."
#define SMTP_EXPECT "expected smtp://HOST[:PORT] or smtps://HOST[:PORT]"
#define PORT_RANGE  " (PORT must be a number from 1 to 65535); "
#define SECTIONS                                                               \
	"expected one of: [service], [mailbox], [smtp], [leaders], "           \
	"[unit CODE], [rule NAME], [deadlines], [calendar], [report], "        \
	"[feed], [security], [letters]"

static void write_all(int fd, const char *data, size_t len)
{
	ssize_t n = write(fd, data, len);

	assert_int_equal(n, (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

static void write_named(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd >= 0);
	write_all(fd, text, strlen(text));
	free(path);
}

/* Writes a config file with mkstemp; sets conf_path. */
static void write_conf(const char *data, size_t len)
{
	int fd;

	free(conf_path);
	conf_path = xasprintf("%s/conf-XXXXXX", tmpdir);
	fd = mkstemp(conf_path);
	assert_true(fd >= 0);
	write_all(fd, data, len);
}

static int load(const char *text, struct config *cfg, char **err)
{
	int rc;

	write_conf(text, strlen(text));
	*err = NULL;
	rc = config_load(conf_path, cfg, err);
	unlink(conf_path);
	return rc;
}

/* "@F" becomes the current config file, "@D/" the temporary folder and its
 * slash ("*@DOMAIN" in a message stays). */
static char *expand(const char *s)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);

	while (*s) {
		if (str_startswith(s, "@F")) {
			sbuf_adds(&sb, conf_path);
			s += 2;
		} else if (str_startswith(s, "@D/")) {
			sbuf_adds(&sb, tmpdir);
			s += 2;
		} else {
			sbuf_addch(&sb, *s++);
		}
	}
	return sbuf_detach(&sb);
}

static int group_setup(void **state)
{
	char dir[] = "/tmp/congvan-test-config-XXXXXX";

	if (!mkdtemp(dir)) {
		return -1;
	}
	tmpdir = xstrdup(dir);
	write_named("mailbox.pass", "imap-secret-1\n");
	write_named("smtp.pass", "smtp-secret-2\r\n");
	write_named("empty.pass", "\n");
	return 0;
}

static void remove_named(const char *name)
{
	char *path = xasprintf("%s/%s", tmpdir, name);

	if (unlink(path) < 0 && errno == EISDIR) {
		rmdir(path);
	}
	free(path);
}

static int group_teardown(void **state)
{
	int rc;

	remove_named("mailbox.pass");
	remove_named("smtp.pass");
	remove_named("empty.pass");
	remove_named("example/mailbox.pass");
	remove_named("example/smtp.pass");
	remove_named("example/congvan.conf");
	remove_named("example");
	config_free(&dir_cfg);
	rc = rmdir(tmpdir);
	FREE_AND_NULL(tmpdir);
	FREE_AND_NULL(conf_path);
	return rc;
}

/* A case's file must fail with exactly these errors. */
struct error_case {
	const char *name;
	const char *text;
	const char *errors; /* "@F" stands for the file, "@D" its folder */
};

static void check_error_cases(const struct error_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct config cfg = {0};
		char *err = NULL;
		char *want;

		print_message("case: %s\n", cases[i].name);
		assert_int_equal(load(cases[i].text, &cfg, &err), -1);
		assert_non_null(err);
		want = expand(cases[i].errors);
		assert_string_equal(err, want);
		free(want);
		free(err);
	}
}

static void test_address_valid(void **state)
{
	static const struct {
		const char *in;
		bool ok;
	} cases[] = {
	    {NULL, false},
	    {"", false},
	    {"@", false},
	    {"a@", false},
	    {"@b.c", false},
	    {"foo", false},
	    {"a b@c.d", false},
	    {"a@b c", false},
	    {"a\t@b.c", false},
	    {"<a@b.c>", false},
	    {"a@b.c>", false},
	    {"a,b@c.d", false},
	    {"a;b@c.d", false},
	    {"a:b@c.d", false},
	    {"(a)@c.d", false},
	    {"a@.b", false},
	    {"a@b.", false},
	    {"a@-b.c", false},
	    {"a@b.c-", false},
	    {"a@b..c", false},
	    {"a@b_c.d", false},
	    {"a@b/c", false},
	    {"a\x7f@b.c", false},
	    {"a@@b", false},
	    {"a@@b.c", false},
	    {"a@b@c.d", false},
	    {"@a@b.c", false},
	    {".a@b.c", false},
	    {"a.@b.c", false},
	    {"a..b@c.d", false},
	    {"a\"b@c.d", false},
	    {"a[b]@c.d", false},
	    {"a\\b@c.d", false},
	    {"a@b.c.", false},
	    {"a@b-.c", false},
	    {"a@b.-c", false},
	    {"a@"
	     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx."
	     "vn",
	     false},
	    {"a@"
	     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx."
	     "vn",
	     true},
	    {"a.nguyen+cv@bo.gov.vn", true},
	    {"o'brien@b-c.d", true},
	    {"vanthu@congvan.test", true},
	    {"a@localhost", true},
	    {"a.b+tag@x-y.congvan.test", true},
	    {"văn@congvan.test", true},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		print_message("address: %s\n",
			      cases[i].in ? cases[i].in : "NULL");
		assert_int_equal(config_address_valid(cases[i].in),
				 cases[i].ok);
	}
}

static void test_free_zeroed(void **state)
{
	struct config cfg = {0};

	config_free(&cfg);
	config_free(&cfg);
	config_free(NULL);
}

static void test_cannot_read(void **state)
{
	struct config cfg = {0};
	char *missing = xasprintf("%s/nope.conf", tmpdir);
	char *want =
	    xasprintf("%s: cannot read: %s", missing, strerror(ENOENT));
	char *err = NULL;

	assert_int_equal(config_load(missing, &cfg, &err), -1);
	assert_string_equal(err, want);
	FREE_AND_NULL(err);
	free(want);
	want = xasprintf("%s: cannot read: %s", tmpdir, strerror(EISDIR));
	assert_int_equal(config_load(tmpdir, &cfg, &err), -1);
	assert_string_equal(err, want);
	free(err);
	free(want);
	free(missing);
}

static void test_minimal_defaults(void **state)
{
	struct config cfg = {0};
	char *err = NULL;
	char *want;

	assert_int_equal(load(VALID, &cfg, &err), 0);
	assert_null(err);
	assert_string_equal(cfg.path, conf_path);
	assert_string_equal(cfg.service.organization, "Sở Tài chính");
	assert_string_equal(cfg.service.domain, "congvan.test");
	assert_string_equal(cfg.service.office, "vanthu@congvan.test");
	assert_string_equal(cfg.service.language, "vi");
	assert_string_equal(cfg.service.item_prefix, "CV");
	assert_string_equal(cfg.service.templates, "");
	assert_int_equal(cfg.service.scheduler_batch, CONFIG_SCHEDULER_BATCH);
	want = expand("@D/congvan.db");
	assert_string_equal(cfg.service.database, want);
	free(want);
	want = expand("@D/congvan.db.secret");
	assert_string_equal(cfg.service.secret_file, want);
	free(want);
	assert_string_equal(cfg.mailbox.url, "imap://127.0.0.1");
	assert_string_equal(cfg.mailbox.user, "congvan@congvan.test");
	assert_string_equal(cfg.mailbox.password, "imap-secret-1");
	assert_int_equal(cfg.mailbox.poll_interval, 60);
	assert_int_equal(cfg.mailbox.first_run_days, CONFIG_FIRST_RUN_DAYS);
	assert_int_equal(cfg.mailbox.since, 0);
	assert_int_equal(cfg.mailbox.tls, CONFIG_TLS_AUTO);
	assert_false(cfg.mailbox.ssl);
	assert_string_equal(cfg.mailbox.host, "127.0.0.1");
	assert_int_equal(cfg.mailbox.port, 143);
	assert_string_equal(cfg.mailbox.folder, "INBOX");
	assert_string_equal(cfg.smtp.url, "smtp://127.0.0.1");
	assert_null(cfg.smtp.user);
	assert_null(cfg.smtp.password);
	assert_string_equal(cfg.smtp.from, "congvan@congvan.test");
	assert_int_equal(cfg.smtp.tls, CONFIG_TLS_AUTO);
	assert_false(cfg.smtp.reply_plus);
	assert_false(cfg.smtp.ssl);
	assert_string_equal(cfg.smtp.host, "127.0.0.1");
	assert_int_equal(cfg.smtp.port, 25);
	assert_null(cfg.feed.listen);
	assert_null(cfg.feed.host);
	assert_null(cfg.feed.base_url);
	config_free(&cfg);
	assert_null(cfg.mailbox.password);
}

static void test_every_key(void **state)
{
	static const char text[] =
	    "\xef\xbb\xbf; byte order mark, CRLF line ends\r\n"
	    "[service]\r\n"
	    "organization = \"  Sở Tài chính  \"\r\n"
	    "domain = mail.congvan.test\r\n"
	    "database = data/cv.db ; inline comment\r\n"
	    "office = vanthu@congvan.test\r\n"
	    "language = en\r\n"
	    "item_prefix = KHTC2025\r\n"
	    "secret_file = /var/lib/congvan/secret\r\n"
	    "templates = ./tpl\r\n"
	    "[mailbox]\r\n"
	    "url = IMAPS://[::1]:10993/V%C4%83n%20th%C6%B0/2025\r\n"
	    "user = congvan\r\n"
	    "password = \" p;a=s s \"\r\n"
	    "poll_interval = 5\r\n"
	    "tls = YES\r\n"
	    "[smtp]\r\n"
	    "url = smtps://mail.congvan.test/\r\n"
	    "user = congvan\r\n"
	    "password_file = smtp.pass\r\n"
	    "from = congvan@congvan.test\r\n"
	    "tls = on\r\n"
	    "reply_plus = TRUE\r\n";
	struct config cfg = {0};
	char *err = NULL;
	char *want;

	assert_int_equal(load(text, &cfg, &err), 0);
	assert_string_equal(cfg.service.organization, "  Sở Tài chính  ");
	assert_string_equal(cfg.service.domain, "mail.congvan.test");
	want = expand("@D/data/cv.db");
	assert_string_equal(cfg.service.database, want);
	free(want);
	assert_string_equal(cfg.service.language, "en");
	assert_string_equal(cfg.service.item_prefix, "KHTC2025");
	assert_string_equal(cfg.service.secret_file, "/var/lib/congvan/secret");
	want = expand("@D/tpl");
	assert_string_equal(cfg.service.templates, want);
	free(want);
	assert_true(cfg.mailbox.ssl);
	assert_string_equal(cfg.mailbox.host, "::1");
	assert_int_equal(cfg.mailbox.port, 10993);
	assert_string_equal(cfg.mailbox.folder, "Văn thư/2025");
	assert_string_equal(cfg.mailbox.password, " p;a=s s ");
	assert_int_equal(cfg.mailbox.poll_interval, 5);
	assert_int_equal(cfg.mailbox.tls, CONFIG_TLS_YES);
	assert_true(cfg.smtp.ssl);
	assert_string_equal(cfg.smtp.host, "mail.congvan.test");
	assert_int_equal(cfg.smtp.port, 465);
	assert_string_equal(cfg.smtp.user, "congvan");
	assert_string_equal(cfg.smtp.password, "smtp-secret-2");
	assert_int_equal(cfg.smtp.tls, CONFIG_TLS_YES);
	assert_true(cfg.smtp.reply_plus);
	config_free(&cfg);
}

/* Valid files, checked through one field each. */
enum field_type { F_STR, F_INT, F_BOOL };

static void check_field(const struct config *cfg, size_t offset,
			enum field_type type, const char *want_str,
			int want_int)
{
	const char *p = (const char *)cfg + offset;
	char *want;

	switch (type) {
	case F_INT:
		assert_int_equal(*(const int *)p, want_int);
		break;
	case F_BOOL:
		assert_int_equal(*(const bool *)p, want_int);
		break;
	case F_STR:
		want = expand(want_str);
		assert_string_equal(*(char *const *)p, want);
		free(want);
		break;
	}
}

#define INT_FIELD(f)  offsetof(struct config, f), F_INT, NULL
#define BOOL_FIELD(f) offsetof(struct config, f), F_BOOL, NULL
#define STR_FIELD(f)  offsetof(struct config, f), F_STR

static const struct {
	const char *name;
	const char *text;
	size_t offset;
	enum field_type type;
	const char *want_str; /* "@D" expands */
	int want_int;
} valid_cases[] = {
    {"imaps default port", SERVICE MAILBOX_URL("imaps://h.test") SMTP,
     INT_FIELD(mailbox.port), 993},
    {"imap port", SERVICE MAILBOX_URL("imap://h.test:1143/") SMTP,
     INT_FIELD(mailbox.port), 1143},
    {"imaps", SERVICE MAILBOX_URL("imaps://h.test") SMTP,
     BOOL_FIELD(mailbox.ssl), 1},
    {"empty folder", SERVICE MAILBOX_URL("imap://h.test/") SMTP,
     STR_FIELD(mailbox.folder), "INBOX", 0},
    {"folder", SERVICE MAILBOX_URL("imap://h.test/Archive/2025") SMTP,
     STR_FIELD(mailbox.folder), "Archive/2025", 0},
    {"folder %23", SERVICE MAILBOX_URL("imap://h.test/%23news") SMTP,
     STR_FIELD(mailbox.folder), "#news", 0},
    {"ipv6", SERVICE MAILBOX_URL("imap://[::1]") SMTP, STR_FIELD(mailbox.host),
     "::1", 0},
    {"smtp 587", SERVICE MAILBOX SMTP_URL("smtp://127.0.0.1:587"),
     INT_FIELD(smtp.port), 587},
    {"smtps port", SERVICE MAILBOX SMTP_URL("smtps://[::1]:2465"),
     INT_FIELD(smtp.port), 2465},
    {"tls no", VALID "tls = no\n", INT_FIELD(smtp.tls), CONFIG_TLS_NO},
    {"tls 0", VALID "tls = 0\n", INT_FIELD(smtp.tls), CONFIG_TLS_NO},
    {"tls auto", VALID "tls = Auto\n", INT_FIELD(smtp.tls), CONFIG_TLS_AUTO},
    {"imaps tls yes", SERVICE MAILBOX_URL("imaps://h") "tls = yes\n" SMTP,
     INT_FIELD(mailbox.tls), CONFIG_TLS_YES},
    {"reply_plus 1", VALID "reply_plus = 1\n", BOOL_FIELD(smtp.reply_plus), 1},
    {"reply_plus off", VALID "reply_plus = off\n", BOOL_FIELD(smtp.reply_plus),
     0},
    {"poll 86400", SERVICE MAILBOX "poll_interval = 86400\n" SMTP,
     INT_FIELD(mailbox.poll_interval), 86400},
    {"batch 1", SERVICE "scheduler_batch = 1\n" MAILBOX SMTP,
     INT_FIELD(service.scheduler_batch), 1},
    {"batch 1000000", SERVICE "scheduler_batch = 1000000\n" MAILBOX SMTP,
     INT_FIELD(service.scheduler_batch), 1000000},
    {"first run all", SERVICE MAILBOX "first_run_days = all\n" SMTP,
     INT_FIELD(mailbox.first_run_days), CONFIG_FIRST_RUN_ALL},
    {"first run 0", SERVICE MAILBOX "first_run_days = 0\n" SMTP,
     INT_FIELD(mailbox.first_run_days), 0},
    {"first run 365", SERVICE MAILBOX "first_run_days = 365\n" SMTP,
     INT_FIELD(mailbox.first_run_days), 365},
    {"inline password", SERVICE M_HDR M_URL M_USER "password = pw\n" SMTP,
     STR_FIELD(mailbox.password), "pw", 0},
    {"smtp password", VALID "user = u\npassword = \"a b\"\n",
     STR_FIELD(smtp.password), "a b", 0},
    {"empty optional", SERVICE "language =\nitem_prefix = \"\"\n" MAILBOX SMTP,
     STR_FIELD(service.item_prefix), "CV", 0},
    {"colon form",
     "[service]\norganization: O\ndomain: d\ndatabase: db\n"
     "office: a@b\n" MAILBOX SMTP,
     STR_FIELD(service.organization), "O", 0},
    {"no final newline", SERVICE MAILBOX T_HDR T_URL "from = a@b.c",
     STR_FIELD(smtp.from), "a@b.c", 0},
    {"198 characters", "[service]\n" ORG_198 "\n" S_DOM S_DB S_OFF MAILBOX SMTP,
     STR_FIELD(service.domain), "congvan.test", 0},
    {"long comment", "; " X100 X100 X100 "\n" VALID, STR_FIELD(service.domain),
     "congvan.test", 0},
    {"indented first key",
     "[service]\n  organization = O\ndomain = d\n" S_DB S_OFF MAILBOX SMTP,
     STR_FIELD(service.domain), "d", 0},
    {"dot path", S_HDR S_ORG S_DOM "database = ././/cv.db\n" S_OFF MAILBOX SMTP,
     STR_FIELD(service.database), "@D/cv.db", 0},
};

/* since is local (UTC+7) midnight of its day. */
static void test_first_run_since(void **state)
{
	struct config cfg = {0};
	char *err = NULL;

	(void)state;
	assert_int_equal(
	    load(SERVICE MAILBOX "since = 2026-01-01\n" SMTP, &cfg, &err), 0);
	assert_int_equal(cfg.mailbox.since, 1767200400);
	config_free(&cfg);
	assert_int_equal(
	    load(SERVICE MAILBOX "since = 1/1/2026\n" SMTP, &cfg, &err), 0);
	assert_int_equal(cfg.mailbox.since, 1767200400);
	assert_int_equal(cfg.mailbox.first_run_days, CONFIG_FIRST_RUN_DAYS);
	config_free(&cfg);
}

static void test_valid_forms(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(valid_cases); i++) {
		struct config cfg = {0};
		char *err = NULL;

		print_message("case: %s\n", valid_cases[i].name);
		if (load(valid_cases[i].text, &cfg, &err) < 0) {
			fail_msg("%s", err);
		}
		check_field(&cfg, valid_cases[i].offset, valid_cases[i].type,
			    valid_cases[i].want_str, valid_cases[i].want_int);
		config_free(&cfg);
	}
}

static void test_relative_paths(void **state)
{
	static const char text[] =
	    "[service]\n" S_ORG S_DOM "database = ./db/../cv.db\n" S_OFF
	    "secret_file = keys/secret\n"
	    "templates = /usr/share/congvan/templates\n" M_HDR M_URL M_USER
	    "password_file = ./mailbox.pass\n" SMTP;
	struct config cfg = {0};
	char *err = NULL;
	char *want;

	assert_int_equal(load(text, &cfg, &err), 0);
	want = expand("@D/db/../cv.db");
	assert_string_equal(cfg.service.database, want);
	free(want);
	want = expand("@D/keys/secret");
	assert_string_equal(cfg.service.secret_file, want);
	free(want);
	assert_string_equal(cfg.service.templates,
			    "/usr/share/congvan/templates");
	assert_string_equal(cfg.mailbox.password, "imap-secret-1");
	config_free(&cfg);
}

/* A config file named by a relative path: paths become absolute. */
static void test_relative_config_path(void **state)
{
	struct config cfg = {0};
	char *err = NULL;
	char *cwd = getcwd(NULL, 0);
	char *want;

	assert_non_null(cwd);
	assert_int_equal(
	    config_load("tests/data/config/minimal.conf", &cfg, &err), 0);
	assert_string_equal(cfg.path, "tests/data/config/minimal.conf");
	want = xasprintf("%s/tests/data/config/congvan.db", cwd);
	assert_string_equal(cfg.service.database, want);
	assert_string_equal(cfg.mailbox.password, "not-a-real-password");
	config_free(&cfg);
	free(want);
	free(cwd);
}

static void test_continuation(void **state)
{
	static const char text[] = "[service]\n"
				   "organization = Ủy ban nhân dân\n"
				   "    tỉnh Mẫu ; a comment\n"
				   "\n"
				   "\tSở Tài chính\n"
				   "domain =\n"
				   "  congvan.test\n"
				   "database = /var/lib/\n"
				   "  congvan/\n"
				   "  cv.db\n" S_OFF MAILBOX SMTP;
	struct config cfg = {0};
	char *err = NULL;

	assert_int_equal(load(text, &cfg, &err), 0);
	assert_string_equal(cfg.service.organization,
			    "Ủy ban nhân dân tỉnh Mẫu Sở Tài chính");
	assert_string_equal(cfg.service.domain, "congvan.test");
	assert_string_equal(cfg.service.database, "/var/lib/congvan/cv.db");
	config_free(&cfg);
}

/* A file with an embedded NUL: config_load_buffer takes a length. */
static void test_nul_byte(void **state)
{
	static const char text[] = VALID "reply_plus = n\0o\n";
	struct config cfg = {0};
	char *path = xasprintf("%s/x.conf", tmpdir);
	char *want = xasprintf("%s:13: line holds a NUL byte", path);
	char *err = NULL;

	assert_int_equal(
	    config_load_buffer(path, text, sizeof(text) - 1, &cfg, &err), -1);
	assert_string_equal(err, want);
	free(err);
	free(want);
	free(path);
}

static void test_many_errors(void **state)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	struct config cfg = {0};
	char *err = NULL;
	const char *last;

	sbuf_adds(&sb, VALID);
	for (int i = 0; i < 60; i++) {
		sbuf_adds(&sb, "junk\n");
	}
	assert_int_equal(load(sbuf_str(&sb), &cfg, &err), -1);
	last = strrchr(err, '\n');
	assert_non_null(last);
	assert_true(str_startswith(last + 1, conf_path));
	assert_string_equal(last + 1 + strlen(conf_path),
			    ": 10 more errors not shown");
	free(err);
	sbuf_release(&sb);
}

static const struct error_case missing_cases[] = {
    {"empty file", "",
     "@F: missing section [service]\n@F: missing section [mailbox]\n"
     "@F: missing section [smtp]"},
    {"no mailbox", SERVICE SMTP, "@F: missing section [mailbox]"},
    {"organization", S_HDR GAP S_DOM S_DB S_OFF MAILBOX SMTP,
     "@F:1: missing key 'organization' in [service]; expected the "
     "organization's name"},
    {"domain", S_HDR S_ORG GAP S_DB S_OFF MAILBOX SMTP,
     "@F:1: missing key 'domain' in [service]; expected a hostname"},
    {"database", S_HDR S_ORG S_DOM GAP S_OFF MAILBOX SMTP,
     "@F:1: missing key 'database' in [service]; expected a file path"},
    {"office", S_HDR S_ORG S_DOM S_DB GAP MAILBOX SMTP,
     "@F:1: missing key 'office' in [service]; expected a mail "
     "address"},
    {"mailbox url", SERVICE M_HDR GAP M_USER M_PASS SMTP,
     "@F:6: missing key 'url' in [mailbox]; " IMAP_EXPECT},
    {"mailbox user", SERVICE M_HDR M_URL GAP M_PASS SMTP,
     "@F:6: missing key 'user' in [mailbox]; expected a user name"},
    {"mailbox password", SERVICE M_HDR M_URL M_USER GAP SMTP,
     "@F:6: missing key 'password' or 'password_file' in [mailbox]; "
     "expected exactly one"},
    {"smtp url", SERVICE MAILBOX T_HDR GAP T_FROM,
     "@F:10: missing key 'url' in [smtp]; " SMTP_EXPECT},
    {"smtp from", SERVICE MAILBOX T_HDR T_URL GAP,
     "@F:10: missing key 'from' in [smtp]; expected a mail address"},
    {"empty value", S_HDR "organization =\n" S_DOM S_DB S_OFF MAILBOX SMTP,
     "@F:2: empty value for 'organization' in [service]; expected the "
     "organization's name"},
    {"empty quotes", S_HDR S_ORG "domain = \"\"\n" S_DB S_OFF MAILBOX SMTP,
     "@F:3: empty value for 'domain' in [service]; expected a "
     "hostname"},
    {"all keys", S_HDR M_HDR T_HDR,
     "@F:1: missing key 'organization' in [service]; expected the "
     "organization's name\n"
     "@F:1: missing key 'domain' in [service]; expected a hostname\n"
     "@F:1: missing key 'office' in [service]; expected a mail "
     "address\n"
     "@F:1: missing key 'database' in [service]; expected a file path\n"
     "@F:2: missing key 'url' in [mailbox]; " IMAP_EXPECT "\n"
     "@F:2: missing key 'user' in [mailbox]; expected a user name\n"
     "@F:2: missing key 'password' or 'password_file' in [mailbox]; "
     "expected exactly one\n"
     "@F:3: missing key 'url' in [smtp]; " SMTP_EXPECT "\n"
     "@F:3: missing key 'from' in [smtp]; expected a mail address"},
};

static void test_missing(void **state)
{
	check_error_cases(missing_cases, ARRAY_SIZE(missing_cases));
}

static const struct error_case structure_cases[] = {
    {"unknown section", VALID "[foo]\nx = 1\n  more\n",
     "@F:13: unknown section [foo]; " SECTIONS},
    {"unit and rule without a name", VALID "[unit]\nname = x\n[rule ]\n",
     "@F:13: section [unit] without a name; expected [unit CODE]\n"
     "@F:15: section [rule] without a name; expected [rule NAME]"},
    {"named leaders", VALID "[leaders x]\n",
     "@F:13: unknown section [leaders x]; " SECTIONS},
    {"named service", VALID "[service x]\n",
     "@F:13: unknown section [service x]; " SECTIONS},
    {"empty header", "[]\n" VALID, "@F:1: unknown section []; " SECTIONS},
    {"duplicate section", VALID "[service]\norganization = O\n",
     "@F:13: duplicate section [service]; first on line 1"},
    {"unknown key", SERVICE M_HDR M_URL M_USER "pasword = x\n" SMTP,
     "@F:6: missing key 'password' or 'password_file' in [mailbox]; "
     "expected exactly one\n"
     "@F:9: unknown key 'pasword' in [mailbox]; expected one of: url, "
     "user, password, password_file, poll_interval, tls, ca_file, "
     "first_run_days, since"},
    {"unknown key, continued", VALID "colour = red\n  blue\n",
     "@F:13: unknown key 'colour' in [smtp]; expected one of: url, "
     "user, "
     "password, password_file, from, tls, reply_plus, ca_file"},
    {"key before section", "x = 1\n" VALID,
     "@F:1: key 'x' outside any section; expected a section header "
     "such "
     "as [service] first"},
    {"malformed header", "[service\n" S_ORG S_DOM S_DB S_OFF MAILBOX SMTP,
     "@F: missing section [service]\n"
     "@F:1: malformed section header; expected [NAME]"},
    {"no equals", SERVICE "garbage\n" MAILBOX SMTP,
     "@F:6: expected KEY = VALUE, a [SECTION] header or a ; comment"},
    {"no name", SERVICE "= x\n" MAILBOX SMTP,
     "@F:6: expected KEY = VALUE, a [SECTION] header or a ; comment"},
    {"indented keys",
     "[service]\n  organization = O\n  domain = d\n" S_DB S_OFF MAILBOX SMTP,
     "@F:1: missing key 'domain' in [service]; expected a hostname\n"
     "@F:3: indented line continues the key above; expected keys and "
     "[SECTION] headers at the start of the line"},
    {"indented header", SERVICE MAILBOX "  [smtp]\n" T_URL T_FROM,
     "@F: missing section [smtp]\n"
     "@F:10: indented line continues the key above; expected keys and "
     "[SECTION] headers at the start of the line\n"
     "@F:11: duplicate key 'url' in [mailbox]; first set on line 7\n"
     "@F:12: unknown key 'from' in [mailbox]; expected one of: url, user, "
     "password, password_file, poll_interval, tls, ca_file, first_run_days, "
     "since"},
    {"duplicate key", VALID "from = x@y.z\n",
     "@F:13: duplicate key 'from' in [smtp]; first set on line 12"},
    {"line too long", "[service]\n" ORG_198 "x\n" S_DOM S_DB S_OFF MAILBOX SMTP,
     "@F:1: missing key 'organization' in [service]; expected the "
     "organization's name\n"
     "@F:2: line longer than 199 characters; continue long values on "
     "indented lines"},
    {"errors in line order",
     "[service]\norganization = O\ndomain = -bad\ndatabase = d\n"
     "office = foo\nlanguage = fr\nitem_prefix = cv\n" MAILBOX SMTP
     "reply_plus = maybe\n",
     "@F:3: 'domain' is not a hostname: '-bad'\n"
     "@F:5: 'office' is not a mail address: 'foo'\n"
     "@F:6: 'language' is not vi or en: 'fr'\n"
     "@F:7: 'item_prefix' is not 1 to 8 uppercase ASCII letters or "
     "digits: 'cv'\n"
     "@F:15: 'reply_plus' is not yes or no: 'maybe'"},
};

static void test_structure(void **state)
{
	check_error_cases(structure_cases, ARRAY_SIZE(structure_cases));
}

static const struct error_case bad_value_cases[] = {
    {"item_prefix long",
     S_HDR S_ORG S_DOM S_DB S_OFF "item_prefix = ABCDEFGHI\n" MAILBOX SMTP,
     "@F:6: 'item_prefix' is not 1 to 8 uppercase ASCII letters or "
     "digits: 'ABCDEFGHI'"},
    {"item_prefix dash", SERVICE "item_prefix = C-V\n" MAILBOX SMTP,
     "@F:6: 'item_prefix' is not 1 to 8 uppercase ASCII letters or "
     "digits: 'C-V'"},
    {"domain space", S_HDR S_ORG "domain = a b\n" S_DB S_OFF MAILBOX SMTP,
     "@F:3: 'domain' is not a hostname: 'a b'"},
    {"first run negative", SERVICE MAILBOX "first_run_days = -1\n" SMTP,
     "@F:10: 'first_run_days' is not a number of days from 0 to 36500, or"
     " all: '-1'"},
    {"first run word", SERVICE MAILBOX "first_run_days = none\n" SMTP,
     "@F:10: 'first_run_days' is not a number of days from 0 to 36500, or"
     " all: 'none'"},
    {"since day 32", SERVICE MAILBOX "since = 32/01/2026\n" SMTP,
     "@F:10: 'since' is not a date like 2026-01-01 or 1/1/2026:"
     " '32/01/2026'"},
    {"since time", SERVICE MAILBOX "since = 2026-01-01T10:00\n" SMTP,
     "@F:10: 'since' is not a date like 2026-01-01 or 1/1/2026:"
     " '2026-01-01T10:00'"},
    {"since month 13", SERVICE MAILBOX "since = 2026-13-01\n" SMTP,
     "@F:10: 'since' is not a date like 2026-01-01 or 1/1/2026:"
     " '2026-13-01'"},
    {"batch 0", SERVICE "scheduler_batch = 0\n" MAILBOX SMTP,
     "@F:6: 'scheduler_batch' is not a number of items from 1 to 1000000:"
     " '0'"},
    {"batch high", SERVICE "scheduler_batch = 1000001\n" MAILBOX SMTP,
     "@F:6: 'scheduler_batch' is not a number of items from 1 to 1000000:"
     " '1000001'"},
    {"poll low", SERVICE MAILBOX "poll_interval = 4\n" SMTP,
     "@F:10: 'poll_interval' is not a number of seconds from 5 to "
     "86400: '4'"},
    {"poll high", SERVICE MAILBOX "poll_interval = 86401\n" SMTP,
     "@F:10: 'poll_interval' is not a number of seconds from 5 to "
     "86400: '86401'"},
    {"poll sign", SERVICE MAILBOX "poll_interval = +60\n" SMTP,
     "@F:10: 'poll_interval' is not a number of seconds from 5 to "
     "86400: '+60'"},
    {"poll words", SERVICE MAILBOX "poll_interval = 1m\n" SMTP,
     "@F:10: 'poll_interval' is not a number of seconds from 5 to "
     "86400: '1m'"},
    {"tls word", SERVICE MAILBOX "tls = maybe\n" SMTP,
     "@F:10: 'tls' is not yes, no or auto: 'maybe'"},
    {"from", SERVICE MAILBOX T_HDR T_URL "from = <a@b.c>\n",
     "@F:12: 'from' is not a mail address: '<a@b.c>'"},
    {"imaps tls no", SERVICE MAILBOX_URL("imaps://h") "tls = no\n" SMTP,
     "@F:10: 'tls' is off but the url starts with imaps://, which "
     "always uses TLS; expected tls = yes or auto, or an imap:// url"},
    {"smtps tls no", SERVICE MAILBOX SMTP_URL("smtps://h") "tls = false\n",
     "@F:13: 'tls' is off but the url starts with smtps://, which "
     "always uses TLS; expected tls = yes or auto, or an smtp:// url"},
    {"password_file missing",
     SERVICE M_HDR M_URL M_USER "password_file = nope.pass\n" SMTP,
     "@F:9: cannot read password_file '@D/nope.pass': No such file or "
     "directory"},
    {"password_file empty",
     SERVICE M_HDR M_URL M_USER "password_file = empty.pass\n" SMTP,
     "@F:9: password_file '@D/empty.pass' is empty; expected the "
     "password on one line"},
    {"password and file", SERVICE MAILBOX "password = pw\n" SMTP,
     "@F:10: both 'password' and 'password_file' are set in [mailbox]; "
     "expected exactly one"},
    {"smtp password, no user", VALID "password = pw\n",
     "@F:13: 'password' is set but 'user' is not in [smtp]; expected "
     "both or neither"},
    {"smtp password_file, no user", VALID "password_file = smtp.pass\n",
     "@F:13: 'password_file' is set but 'user' is not in [smtp]; "
     "expected both or neither"},
    {"smtp user, no password", VALID "user = u\n",
     "@F:13: 'user' is set but neither 'password' nor 'password_file' "
     "is in [smtp]; expected one of them"},
    {"smtp both", VALID "user = u\npassword = pw\npassword_file = x\n",
     "@F:15: both 'password' and 'password_file' are set in [smtp]; "
     "expected exactly one"},
};

static void test_bad_values(void **state)
{
	check_error_cases(bad_value_cases, ARRAY_SIZE(bad_value_cases));
}

static const struct error_case bad_url_cases[] = {
    {"scheme", SERVICE MAILBOX_URL("htp://x") SMTP,
     "@F:7: malformed url 'htp://x'; " IMAP_EXPECT},
    {"no scheme", SERVICE MAILBOX_URL("127.0.0.1") SMTP,
     "@F:7: malformed url '127.0.0.1'; " IMAP_EXPECT},
    {"smtp in mailbox", SERVICE MAILBOX_URL("smtp://h") SMTP,
     "@F:7: malformed url 'smtp://h'; " IMAP_EXPECT},
    {"empty host", SERVICE MAILBOX_URL("imap://") SMTP,
     "@F:7: malformed url 'imap://' (empty host); " IMAP_EXPECT},
    {"empty host, port", SERVICE MAILBOX_URL("imap://:143/INBOX") SMTP,
     "@F:7: malformed url 'imap://:143/INBOX' (empty "
     "host); " IMAP_EXPECT},
    {"port 0", SERVICE MAILBOX_URL("imap://h:0") SMTP,
     "@F:7: malformed url 'imap://h:0'" PORT_RANGE IMAP_EXPECT},
    {"port 99999", SERVICE MAILBOX_URL("imaps://h:99999/INBOX") SMTP,
     "@F:7: malformed url 'imaps://h:99999/INBOX'" PORT_RANGE IMAP_EXPECT},
    {"port letters", SERVICE MAILBOX_URL("imap://h:imap") SMTP,
     "@F:7: malformed url 'imap://h:imap'" PORT_RANGE IMAP_EXPECT},
    {"port empty", SERVICE MAILBOX_URL("imap://h:/") SMTP,
     "@F:7: malformed url 'imap://h:/'" PORT_RANGE IMAP_EXPECT},
    {"port sign", SERVICE MAILBOX_URL("imap://h:-1") SMTP,
     "@F:7: malformed url 'imap://h:-1'" PORT_RANGE IMAP_EXPECT},
    {"bad host", SERVICE MAILBOX_URL("imap://mail_box.test") SMTP,
     "@F:7: malformed url 'imap://mail_box.test' (bad "
     "host); " IMAP_EXPECT},
    {"bad ipv6", SERVICE MAILBOX_URL("imap://[::1") SMTP,
     "@F:7: malformed url 'imap://[::1' (bad IPv6 "
     "address); " IMAP_EXPECT},
    {"space", SERVICE MAILBOX_URL("imap://h/Van thu") SMTP,
     "@F:7: malformed url 'imap://h/Van thu' (spaces or control "
     "characters); " IMAP_EXPECT},
    {"bad escape", SERVICE MAILBOX_URL("imap://h/a%zz") SMTP,
     "@F:7: malformed url 'imap://h/a%zz' (bad %-escape in "
     "FOLDER); " IMAP_EXPECT},
    {"escaped control", SERVICE MAILBOX_URL("imap://h/a%0Ab") SMTP,
     "@F:7: malformed url 'imap://h/a%0Ab' (control character in "
     "FOLDER); " IMAP_EXPECT},
    {"query", SERVICE MAILBOX_URL("imap://h/INBOX?x") SMTP,
     "@F:7: malformed url 'imap://h/INBOX?x' ('?' and '#' must be "
     "written %3F and %23); " IMAP_EXPECT},
    {"smtp path", SERVICE MAILBOX SMTP_URL("smtp://h/x"),
     "@F:11: malformed url 'smtp://h/x' (unexpected "
     "path); " SMTP_EXPECT},
    {"smtp scheme", SERVICE MAILBOX SMTP_URL("imap://h"),
     "@F:11: malformed url 'imap://h'; " SMTP_EXPECT},
    {"smtp port", SERVICE MAILBOX SMTP_URL("smtps://h:65536"),
     "@F:11: malformed url 'smtps://h:65536'" PORT_RANGE SMTP_EXPECT},
    {"userinfo", SERVICE MAILBOX_URL("imap://u:pw@h") SMTP,
     "@F:7: url must not hold a user or password; " IMAP_EXPECT
     " and the 'user' and 'password' keys"},
};

static void test_bad_urls(void **state)
{
	check_error_cases(bad_url_cases, ARRAY_SIZE(bad_url_cases));
}

/* Files with a password in them that fail: the password must not show. */
static void test_password_not_leaked(void **state)
{
	static const char *const cases[] = {
	    SERVICE MAILBOX "password = hunter2\n" SMTP,
	    SERVICE M_HDR M_URL M_USER
	    "password = hunter2\npassword = hunter2\n" SMTP,
	    VALID "password = hunter2\n",
	    VALID "user = u\npassword = hunter2\npassword_file = x\n",
	    SERVICE MAILBOX_URL("imap://u:hunter2@h") SMTP,
	    SERVICE MAILBOX_URL("imaps://u:hunter2@h:0 x") SMTP,
	    SERVICE MAILBOX_URL("u:hunter2@h") SMTP,
	    SERVICE MAILBOX SMTP_URL("smtp://hunter2@h"),
	    SERVICE M_HDR M_URL M_USER "pasword = hunter2\n" SMTP,
	    SERVICE M_HDR M_URL M_USER "password = hunter2 " X100 X100
				       "\n" SMTP,
	    SERVICE M_HDR M_URL M_USER "hunter2\n" SMTP,
	    SERVICE M_HDR M_URL M_USER "[hunter2\n" SMTP,
	    "password = hunter2\n" VALID,
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct config cfg = {0};
		char *err = NULL;

		print_message("case %zu\n", i);
		assert_int_equal(load(cases[i], &cfg, &err), -1);
		assert_non_null(err);
		assert_null(strstr(err, "hunter2"));
		free(err);
	}
}

/* The directory.  DIRECTORY starts on line 13, after VALID; line numbers
 * on the right. */
#define DIRECTORY                                                                \
	"[leaders]\n"                                               /* 13 */     \
	"members = Bộ trưởng <BT@congvan.test>, tt1@congvan.test\n" /* 14 */     \
	"[unit VU-PC]\n"                                            /* 15 */     \
	"name = Vụ Pháp chế\n"                                      /* 16 */     \
	"email = VuPC@congvan.test\n"                               /* 17 */     \
	"head = an.nv@congvan.test\n"                               /* 18 */     \
	"members = Nguyễn Văn An <an.nv@congvan.test>,\n"           /* 19 */     \
	"  \"Trần, Thị Bình\" <Binh.TT@congvan.test>, cuong@congvan.test\n" \
	"[unit vu-tc]\n"                    /* 21 */                             \
	"name = Vụ Kế hoạch và Tài chính\n" /* 22 */                             \
	"email = vutc@congvan.test\n"       /* 23 */                             \
	"head = dung.lv@congvan.test\n"     /* 24 */                             \
	"members = Nguyễn  văn an <an.n@congvan.test>, "                      \
	"Lê Văn Dũng <dung.lv@congvan.test>\n" /* 25 */                          \
	"[unit CUC-XNK]\n"                     /* 26 */                          \
	"name = Cục Xuất nhập khẩu\n"          /* 27 */                          \
	"email = xnk@congvan.test\n"           /* 28 */                          \
	"head = hoa.pt@congvan.test\n"         /* 29 */                          \
	"[rule ngân sách]\n"                   /* 30 */                          \
	"from = *@MOF.gov.vn\n"                /* 31 */                          \
	"subject = Ngân   sách\n"              /* 32 */                          \
	"lead = VU-TC\n"                       /* 33 */                          \
	"coordinate = vu-pc, cuc-xnk\n"        /* 34 */                          \
	"[rule chinh phu]\n"                   /* 35 */                          \
	"from = *@*.chinhphu.vn\n"             /* 36 */                          \
	"lead = vu-pc\n"                       /* 37 */                          \
	"days = 5\n"                           /* 38 */                          \
	"[rule mof]\n"                         /* 39 */                          \
	"from = *@mof.gov.vn\n"                /* 40 */                          \
	"lead = CUC-XNK\n"                     /* 41 */                          \
	"[rule one]\n"                         /* 42 */                          \
	"from = Chanh.VP@chinhphu.vn\n"        /* 43 */                          \
	"lead = VU-PC\n"                       /* 44 */                          \
	"[deadlines]\n"                        /* 45 */                          \
	"assignment_days = 7\n"                /* 46 */                          \
	"consultation_days = 3\n"              /* 47 */                          \
	"remind_before = 1, 5,\n"              /* 48 */                          \
	"  2\n"                                /* 49 */                          \
	"overdue_every = 1\n"                  /* 50 */                          \
	"escalate_after = 0\n"                 /* 51 */                          \
	"[calendar]\n"                         /* 52 */                          \
	"holidays = data/holidays.txt\n"       /* 53 */                          \
	"workdays = Mon-Fri, sat\n"            /* 54 */

/* Two units from line 13, for the error cases. */
#define U1       "[unit VU-PC]\nname = Vụ Pháp chế\nemail = vupc@congvan.test\n"
#define U1_HEAD  "head = an@congvan.test\n" /* 16 */
#define U2       "[unit VU-TC]\nname = Vụ Tài chính\nemail = vutc@congvan.test\n"
#define U2_HEAD  "head = binh@congvan.test\n"      /* 20 */
#define UNITS    U1 U1_HEAD U2 U2_HEAD             /* 13-20 */
#define RULE_HDR "[rule r]\nfrom = *@mof.gov.vn\n" /* 21-22 */

#define FROM_EXPECT "expected a mail address, *@DOMAIN or *@*.DOMAIN"
#define DAYS_365    "a number of working days from 1 to 365"
#define REMIND_IS                                                              \
	"'remind_before' is not comma-separated numbers of working days from " \
	"1 to 60, or none: "
#define WORKDAYS_IS                                                            \
	"'workdays' is not day names such as mon-fri or mon-fri, sat: "

static void dir_load(void)
{
	char *err = NULL;

	if (!dir_cfg.path && load(VALID DIRECTORY, &dir_cfg, &err) < 0) {
		fail_msg("%s", err);
	}
}

/* The directory, speaking lang: the lookups' errors are in the service's
 * language. */
static void dir_load_in(const char *lang)
{
	dir_load();
	free(dir_cfg.service.language);
	dir_cfg.service.language = xstrdup(lang);
}

static void test_directory_absent(void **state)
{
	struct config cfg = {0};
	const struct config_unit *u = NULL;
	char *err = NULL;

	assert_int_equal(load(VALID, &cfg, &err), 0);
	assert_int_equal(cfg.n_units, 0);
	assert_int_equal(cfg.n_rules, 0);
	assert_int_equal(cfg.n_leaders, 0);
	assert_int_equal(cfg.deadlines.assignment_days, 10);
	assert_int_equal(cfg.deadlines.consultation_days, 5);
	assert_int_equal(cfg.deadlines.n_remind_before, 2);
	assert_int_equal(cfg.deadlines.remind_before[0], 3);
	assert_int_equal(cfg.deadlines.remind_before[1], 1);
	assert_int_equal(cfg.deadlines.overdue_every, 2);
	assert_int_equal(cfg.deadlines.escalate_after, 1);
	assert_string_equal(cfg.calendar.holidays, "");
	assert_string_equal(cfg.calendar.workdays, "mon-fri");
	assert_null(config_rule_match(&cfg, "a@mof.gov.vn", "ngân sách"));
	assert_null(config_unit_find(&cfg, "VU-PC"));
	assert_int_equal(config_role_of(&cfg, "VanThu@congvan.test", &u),
			 CONFIG_ROLE_OFFICE);
	assert_null(u);
	assert_int_equal(config_role_of(&cfg, "x@congvan.test", NULL),
			 CONFIG_ROLE_NONE);
	config_free(&cfg);
	/* Sections present but empty keep the defaults. */
	assert_int_equal(
	    load(VALID "[leaders]\nmembers =\n[deadlines]\nremind_before =\n"
		       "[calendar]\nworkdays = \"\"\n",
		 &cfg, &err),
	    0);
	assert_int_equal(cfg.n_leaders, 0);
	assert_int_equal(cfg.deadlines.n_remind_before, 2);
	assert_string_equal(cfg.calendar.workdays, "mon-fri");
	config_free(&cfg);
}

static void assert_person(const struct config_person *p, const char *name,
			  const char *address)
{
	if (name) {
		assert_string_equal(p->name, name);
	} else {
		assert_null(p->name);
	}
	assert_string_equal(p->address, address);
}

static void test_directory_read(void **state)
{
	const struct config_unit *u;
	const struct config_rule *r;
	char *want;

	dir_load();
	assert_int_equal(dir_cfg.n_leaders, 2);
	assert_person(&dir_cfg.leaders[0], "Bộ trưởng", "bt@congvan.test");
	assert_person(&dir_cfg.leaders[1], NULL, "tt1@congvan.test");
	assert_int_equal(dir_cfg.n_units, 3);
	u = &dir_cfg.units[0];
	assert_string_equal(u->code, "VU-PC");
	assert_string_equal(u->name, "Vụ Pháp chế");
	assert_string_equal(u->email, "vupc@congvan.test");
	assert_string_equal(u->head, "an.nv@congvan.test");
	assert_int_equal(u->line, 15);
	assert_int_equal(u->n_members, 3);
	assert_person(&u->members[0], "Nguyễn Văn An", "an.nv@congvan.test");
	assert_person(&u->members[1], "Trần, Thị Bình", "binh.tt@congvan.test");
	assert_person(&u->members[2], NULL, "cuong@congvan.test");
	assert_string_equal(dir_cfg.units[1].code, "vu-tc");
	assert_int_equal(dir_cfg.units[2].n_members, 0);
	assert_null(dir_cfg.units[2].members);
	assert_int_equal(dir_cfg.n_rules, 4);
	r = &dir_cfg.rules[0];
	assert_string_equal(r->name, "ngân sách");
	assert_string_equal(r->from, "*@mof.gov.vn");
	assert_string_equal(r->subject, "Ngân   sách");
	assert_string_equal(r->subject_folded, "ngan sach");
	assert_string_equal(r->lead, "vu-tc"); /* as the [unit] header */
	assert_int_equal(r->n_coordinate, 2);
	assert_string_equal(r->coordinate[0], "VU-PC");
	assert_string_equal(r->coordinate[1], "CUC-XNK");
	assert_int_equal(r->days, 0);
	assert_int_equal(r->line, 30);
	r = &dir_cfg.rules[1];
	assert_null(r->subject);
	assert_null(r->subject_folded);
	assert_string_equal(r->lead, "VU-PC");
	assert_int_equal(r->n_coordinate, 0);
	assert_null(r->coordinate);
	assert_int_equal(r->days, 5);
	assert_string_equal(dir_cfg.rules[3].from, "chanh.vp@chinhphu.vn");
	assert_int_equal(dir_cfg.deadlines.assignment_days, 7);
	assert_int_equal(dir_cfg.deadlines.consultation_days, 3);
	assert_int_equal(dir_cfg.deadlines.n_remind_before, 3);
	assert_int_equal(dir_cfg.deadlines.remind_before[0], 5);
	assert_int_equal(dir_cfg.deadlines.remind_before[1], 2);
	assert_int_equal(dir_cfg.deadlines.remind_before[2], 1);
	assert_int_equal(dir_cfg.deadlines.overdue_every, 1);
	assert_int_equal(dir_cfg.deadlines.escalate_after, 0);
	want = expand("@D/data/holidays.txt");
	assert_string_equal(dir_cfg.calendar.holidays, want);
	free(want);
	assert_string_equal(dir_cfg.calendar.workdays, "Mon-Fri, sat");
}

static const struct {
	const char *in;
	const int want[8]; /* descending, 0-terminated */
} remind_cases[] = {
    {"3, 1", {3, 1}}, {"1,3", {3, 1}}, {"1, 60, 2, 10", {60, 10, 2, 1}},
    {"7", {7}},       {"5,", {5}},     {"None", {0}},
    {"none", {0}},
};

static void test_remind_before(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(remind_cases); i++) {
		char *text =
		    xasprintf(VALID "[deadlines]\nremind_before = %s\n",
			      remind_cases[i].in);
		struct config cfg = {0};
		char *err = NULL;
		size_t n = 0;

		print_message("remind_before = %s\n", remind_cases[i].in);
		if (load(text, &cfg, &err) < 0) {
			fail_msg("%s", err);
		}
		while (remind_cases[i].want[n]) {
			n++;
		}
		assert_int_equal(cfg.deadlines.n_remind_before, n);
		for (size_t k = 0; k < n; k++) {
			assert_int_equal(cfg.deadlines.remind_before[k],
					 remind_cases[i].want[k]);
		}
		if (n == 0) {
			assert_null(cfg.deadlines.remind_before);
		}
		config_free(&cfg);
		free(text);
	}
}

static const struct error_case directory_cases[] = {
    /* [unit CODE] */
    {"unit code space",
     VALID "[unit VU PC]\nname = x\nemail = a@b.c\n"
	   "head = h@b.c\n",
     "@F:13: unit code is not 1 to 16 ASCII letters, digits, '-' or '_': "
     "'VU PC'"},
    {"unit code 17",
     VALID "[unit ABCDEFGHIJKLMNOPQ]\nname = x\nemail = "
	   "a@b.c\nhead = h@b.c\n",
     "@F:13: unit code is not 1 to 16 ASCII letters, digits, '-' or '_': "
     "'ABCDEFGHIJKLMNOPQ'"},
    {"unit code diacritic",
     VALID "[unit VỤ-PC]\nname = x\nemail = a@b.c\n"
	   "head = h@b.c\n",
     "@F:13: unit code is not 1 to 16 ASCII letters, digits, '-' or '_': "
     "'VỤ-PC'"},
    {"unit keys missing", VALID "[unit VU-PC]\n",
     "@F:13: missing key 'name' in [unit VU-PC]; expected the unit's name\n"
     "@F:13: missing key 'email' in [unit VU-PC]; expected a mail "
     "address\n"
     "@F:13: missing key 'head' in [unit VU-PC]; expected a mail address"},
    {"unit empty name",
     VALID "[unit A]\nname =\nemail = a@b.c\nhead = "
	   "h@b.c\n",
     "@F:14: empty value for 'name' in [unit A]; expected the unit's name"},
    {"unit name not UTF-8",
     VALID "[unit A]\nname = V\xe1 x\nemail = a@b.c\n"
	   "head = h@b.c\n",
     "@F:14: 'name' is not UTF-8 text without control characters"},
    {"unit email twice", VALID U1 "email = vupc\n",
     "@F:13: missing key 'head' in [unit VU-PC]; expected a mail address\n"
     "@F:16: duplicate key 'email' in [unit VU-PC]; first set on line 15"},
    {"unit bad email",
     VALID "[unit A]\nname = x\nemail = vupc\nhead = "
	   "h@b.c\n",
     "@F:15: 'email' is not a mail address: 'vupc'"},
    {"head with a name", VALID U1 "head = Nguyễn Văn An <an@congvan.test>\n",
     "@F:16: 'head' is not a mail address: 'Nguyễn Văn An "
     "<an@congvan.test>'"},
    {"head not an address", VALID U1 "head = Nguyễn Văn An\n",
     "@F:16: 'head' is not a mail address: 'Nguyễn Văn An'"},
    {"unknown unit key", VALID UNITS "phone = 024\n",
     "@F:21: unknown key 'phone' in [unit VU-TC]; expected one of: name, "
     "email, head, members"},
    {"duplicate unit, other case", VALID UNITS "[unit vu-pc]\n",
     "@F:21: duplicate section [unit vu-pc]; first on line 13"},
    {"same unit name",
     VALID U1 U1_HEAD
     "[unit VU-TC]\nname = VỤ  PHÁP CHẾ\nemail = vutc@congvan.test\n" U2_HEAD,
     "@F:17: [unit VU-TC] has the name of [unit VU-PC] on line 13; "
     "expected a name of its own"},
    /* members */
    {"member not an address",
     VALID UNITS "members = x@congvan.test, "
		 "Nguyễn An, <x>, A <a@b.c> d\n",
     "@F:21: 'members' entry is not Name <address> or an address: "
     "'Nguyễn An'\n"
     "@F:21: 'members' entry is not Name <address> or an address: '<x>'\n"
     "@F:21: 'members' entry is not Name <address> or an address: "
     "'A <a@b.c> d'"},
    {"member unclosed", VALID UNITS "members = A <a@b.c, B <b@b.c>\n",
     "@F:21: 'members' entry is not Name <address> or an address: "
     "'A <a@b.c, B <b@b.c>'"},
    {"member name with brackets", VALID UNITS "members = A<x> <a@b.c>\n",
     "@F:21: 'members' entry is not Name <address> or an address: "
     "'A<x> <a@b.c>'"},
    {"member twice",
     VALID UNITS "members = x@congvan.test,\n"
		 "  X <X@congvan.test>\n",
     "@F:21: 'members' lists 'x@congvan.test' twice; expected each "
     "address once"},
    {"member of two units",
     VALID U1 U1_HEAD "members = x@congvan.test\n" U2 U2_HEAD
		      "members = X@congvan.test\n",
     "@F:22: 'members' address 'x@congvan.test' is already in [unit VU-PC] "
     "on line 17; expected each address in one unit only"},
    {"head of one, member of another",
     VALID UNITS "members = AN@congvan.test\n",
     "@F:21: 'members' address 'an@congvan.test' is already in [unit VU-PC] "
     "on line 16; expected each address in one unit only"},
    {"head of two", VALID U1 U1_HEAD U2 "head = an@congvan.test\n",
     "@F:20: 'head' address 'an@congvan.test' is already in [unit VU-PC] on "
     "line 16; expected each address in one unit only"},
    {"mailbox of two",
     VALID U1 U1_HEAD
     "[unit VU-TC]\nname = Vụ Tài chính\nemail = VUPC@congvan.test\n" U2_HEAD,
     "@F:19: 'email' address 'vupc@congvan.test' is already in [unit VU-PC] "
     "on line 15; expected each address in one unit only"},
    {"leader twice", VALID "[leaders]\nmembers = a@b.c, B <A@b.c>\n",
     "@F:14: 'members' lists 'a@b.c' twice; expected each address once"},
    {"leader not an address", VALID "[leaders]\nmembers = Bộ trưởng\n",
     "@F:14: 'members' entry is not Name <address> or an address: 'Bộ "
     "trưởng'"},
    /* [rule NAME] */
    {"rule keys missing", VALID "[rule r]\n",
     "@F:13: missing key 'from' in [rule r]; " FROM_EXPECT "\n"
     "@F:13: missing key 'lead' in [rule r]; expected the code of a "
     "[unit CODE] section"},
    {"duplicate rule, other case",
     VALID UNITS RULE_HDR "lead = VU-PC\n"
			  "[rule R]\n",
     "@F:24: duplicate section [rule R]; first on line 21"},
    {"unknown rule key", VALID UNITS RULE_HDR "lead = VU-PC\nto = x\n",
     "@F:24: unknown key 'to' in [rule r]; expected one of: from, subject, "
     "lead, coordinate, days"},
    {"lead unknown", VALID UNITS RULE_HDR "lead = VU-XX\n",
     "@F:23: 'lead' is not the code of a [unit CODE] section: 'VU-XX'"},
    {"lead with no units", VALID RULE_HDR "lead = VU-PC\n",
     "@F:15: 'lead' is not the code of a [unit CODE] section: 'VU-PC'"},
    {"coordinate unknown",
     VALID UNITS RULE_HDR
     "lead = VU-PC\ncoordinate = VU-TC, VU-XX, Vụ Tài chính\n",
     "@F:24: 'coordinate' entry is not the code of a [unit CODE] section: "
     "'VU-XX'\n"
     "@F:24: 'coordinate' entry is not the code of a [unit CODE] section: "
     "'Vụ Tài chính'"},
    {"coordinate lead",
     VALID UNITS RULE_HDR "lead = VU-PC\ncoordinate = vu-tc, vu-pc\n",
     "@F:24: 'coordinate' lists the lead unit 'vu-pc'; expected other "
     "units"},
    {"coordinate twice",
     VALID UNITS RULE_HDR "lead = VU-PC\ncoordinate = VU-TC,\n  vu-tc\n",
     "@F:24: 'coordinate' lists 'vu-tc' twice; expected each unit once"},
    {"days 0", VALID UNITS RULE_HDR "lead = VU-PC\ndays = 0\n",
     "@F:24: 'days' is not " DAYS_365 ": '0'"},
    {"days 366", VALID UNITS RULE_HDR "lead = VU-PC\ndays = 366\n",
     "@F:24: 'days' is not " DAYS_365 ": '366'"},
    {"days words", VALID UNITS RULE_HDR "lead = VU-PC\ndays = 5 ngày\n",
     "@F:24: 'days' is not " DAYS_365 ": '5 ngày'"},
    {"subject only marks",
     VALID UNITS RULE_HDR "lead = VU-PC\nsubject = \xcc\x81\n",
     "@F:24: 'subject' is not text to look for in subjects: '\xcc\x81'"},
    /* from */
    {"from domain", VALID UNITS "[rule r]\nfrom = mof.gov.vn\nlead = VU-PC\n",
     "@F:22: 'from' is not a mail address, *@DOMAIN or *@*.DOMAIN: "
     "'mof.gov.vn'"},
    {"from *@", VALID UNITS "[rule r]\nfrom = *@\nlead = VU-PC\n",
     "@F:22: 'from' is not a mail address, *@DOMAIN or *@*.DOMAIN: '*@'"},
    {"from *@*", VALID UNITS "[rule r]\nfrom = *@*\nlead = VU-PC\n",
     "@F:22: 'from' is not a mail address, *@DOMAIN or *@*.DOMAIN: '*@*'"},
    {"from *@*.", VALID UNITS "[rule r]\nfrom = *@*.\nlead = VU-PC\n",
     "@F:22: 'from' is not a mail address, *@DOMAIN or *@*.DOMAIN: '*@*.'"},
    {"from *@*.*.vn", VALID UNITS "[rule r]\nfrom = *@*.*.vn\nlead = VU-PC\n",
     "@F:22: 'from' is not a mail address, *@DOMAIN or *@*.DOMAIN: "
     "'*@*.*.vn'"},
    {"from @domain", VALID UNITS "[rule r]\nfrom = @mof.gov.vn\nlead = VU-PC\n",
     "@F:22: 'from' is not a mail address, *@DOMAIN or *@*.DOMAIN: "
     "'@mof.gov.vn'"},
    {"from double dot",
     VALID UNITS "[rule r]\nfrom = *@mof..vn\nlead = "
		 "VU-PC\n",
     "@F:22: 'from' is not a mail address, *@DOMAIN or *@*.DOMAIN: "
     "'*@mof..vn'"},
    {"from with a name",
     VALID UNITS "[rule r]\nfrom = BTC <a@mof.gov.vn>\n"
		 "lead = VU-PC\n",
     "@F:22: 'from' is not a mail address, *@DOMAIN or *@*.DOMAIN: 'BTC "
     "<a@mof.gov.vn>'"},
    /* [deadlines] */
    {"assignment 0", VALID "[deadlines]\nassignment_days = 0\n",
     "@F:14: 'assignment_days' is not " DAYS_365 ": '0'"},
    {"consultation 366", VALID "[deadlines]\nconsultation_days = 366\n",
     "@F:14: 'consultation_days' is not " DAYS_365 ": '366'"},
    {"remind 0", VALID "[deadlines]\nremind_before = 3, 0\n",
     "@F:14: " REMIND_IS "'3, 0'"},
    {"remind 61", VALID "[deadlines]\nremind_before = 61\n",
     "@F:14: " REMIND_IS "'61'"},
    {"remind semicolon", VALID "[deadlines]\nremind_before = 3; 1\n",
     "@F:14: " REMIND_IS "'3; 1'"},
    {"remind empty item", VALID "[deadlines]\nremind_before = 3,,1\n",
     "@F:14: " REMIND_IS "'3,,1'"},
    {"remind comma", VALID "[deadlines]\nremind_before = ,\n",
     "@F:14: " REMIND_IS "','"},
    {"remind twice", VALID "[deadlines]\nremind_before = 3, 1, 3\n",
     "@F:14: 'remind_before' lists 3 twice; expected each number once"},
    {"overdue 0", VALID "[deadlines]\noverdue_every = 0\n",
     "@F:14: 'overdue_every' is not a number of working days from 1 to 60: "
     "'0'"},
    {"escalate -1", VALID "[deadlines]\nescalate_after = -1\n",
     "@F:14: 'escalate_after' is not a number of working days from 0 to 60: "
     "'-1'"},
    {"escalate 61", VALID "[deadlines]\nescalate_after = 61\n",
     "@F:14: 'escalate_after' is not a number of working days from 0 to 60: "
     "'61'"},
    {"unknown deadlines key", VALID "[deadlines]\nreminders = 3\n",
     "@F:14: unknown key 'reminders' in [deadlines]; expected one of: "
     "assignment_days, consultation_days, remind_before, overdue_every, "
     "escalate_after"},
    /* [calendar] */
    {"workdays semicolon", VALID "[calendar]\nworkdays = mon-fri; sat\n",
     "@F:14: " WORKDAYS_IS "'mon-fri; sat'"},
    {"workdays digits", VALID "[calendar]\nworkdays = 1-5\n",
     "@F:14: " WORKDAYS_IS "'1-5'"},
    {"workdays no letter", VALID "[calendar]\nworkdays = \" , -\"\n",
     "@F:14: " WORKDAYS_IS "' , -'"},
    {"workdays diacritics", VALID "[calendar]\nworkdays = thứ hai\n",
     "@F:14: " WORKDAYS_IS "'thứ hai'"},
    /* everything at once, in line order */
    {"all together",
     VALID "[unit A]\nname = Đơn vị A\nemail = a@x.vn\nhead = h@x.vn\n"
	   "members = h@x.vn, m@x.vn, bad\n"
	   "[unit B]\nname = Đơn vị B\nemail = b@x.vn\nhead = m@x.vn\n"
	   "[rule r]\nfrom = *@*\nlead = C\ncoordinate = A, A\n"
	   "[deadlines]\nremind_before = 0\n",
     "@F:17: 'members' entry is not Name <address> or an address: 'bad'\n"
     "@F:21: 'head' address 'm@x.vn' is already in [unit A] on line 17; "
     "expected each address in one unit only\n"
     "@F:23: 'from' is not a mail address, *@DOMAIN or *@*.DOMAIN: '*@*'\n"
     "@F:24: 'lead' is not the code of a [unit CODE] section: 'C'\n"
     "@F:25: 'coordinate' lists 'A' twice; expected each unit once\n"
     "@F:27: " REMIND_IS "'0'"},
};

static void test_directory_errors(void **state)
{
	check_error_cases(directory_cases, ARRAY_SIZE(directory_cases));
}

/* [report]: lines 13 on. */
static const struct error_case report_cases[] = {
    {"bad address", VALID "[report]\nto = bt@congvan.test, nobody\n",
     "@F:14: 'to' entry is not a mail address: 'nobody'"},
    {"name and address", VALID "[report]\nto = Bộ trưởng <bt@congvan.test>\n",
     "@F:14: 'to' entry is not a mail address: 'Bộ trưởng "
     "<bt@congvan.test>'"},
    {"twice", VALID "[report]\nto = bt@congvan.test,\n  BT@congvan.test\n",
     "@F:14: 'to' lists 'bt@congvan.test' twice; expected each address "
     "once"},
    {"language", VALID "[report]\nto = bt@congvan.test\nlanguage = fr\n",
     "@F:15: 'language' is not vi or en: 'fr'"},
    {"unknown key", VALID "[report]\ncc = bt@congvan.test\n",
     "@F:14: unknown key 'cc' in [report]; expected one of: to, language"},
    {"twice the section", VALID "[report]\n[report]\n",
     "@F:14: duplicate section [report]; first on line 13"},
};

static void test_report_errors(void **state)
{
	check_error_cases(report_cases, ARRAY_SIZE(report_cases));
}

static void test_report_read(void **state)
{
	struct config cfg = {0};
	char *err = NULL;

	/* Absent: nothing mailed, the service's language. */
	assert_int_equal(load(VALID, &cfg, &err), 0);
	assert_null(cfg.report.to);
	assert_int_equal(cfg.report.n_to, 0);
	assert_null(cfg.report.language);
	config_free(&cfg);
	assert_int_equal(load(VALID "[report]\nto =\n", &cfg, &err), 0);
	assert_int_equal(cfg.report.n_to, 0);
	config_free(&cfg);
	if (load(VALID "[report]\nto = BT@congvan.test, ,\n"
		       "  tt1@congvan.test ,vanthu@congvan.test\n"
		       "language = en\n",
		 &cfg, &err) < 0) {
		fail_msg("%s", err);
	}
	assert_int_equal(cfg.report.n_to, 3);
	assert_string_equal(cfg.report.to[0], "bt@congvan.test");
	assert_string_equal(cfg.report.to[1], "tt1@congvan.test");
	assert_string_equal(cfg.report.to[2], "vanthu@congvan.test");
	assert_null(cfg.report.to[3]);
	assert_string_equal(cfg.report.language, "en");
	config_free(&cfg);
	assert_null(cfg.report.to); /* cleared */
}

/* Valid directory corner cases. */
static void test_directory_tolerated(void **state)
{
	static const char text[] = VALID
	    "[leaders]\nmembers = an@congvan.test\n" /* also a head */
	    "[unit VU-PC]\nname = Vụ Pháp chế\nemail = an@congvan.test\n"
	    "head = AN@congvan.test\n"
	    "members = , an@congvan.test,, \"\" <b@congvan.test>,\n"
	    "[rule Bộ Tài chính, ngân sách]\nfrom = *@*.vn\nlead = vu-pc\n"
	    "coordinate = ,\ndays = 365\n";
	struct config cfg = {0};
	const struct config_unit *u = NULL;
	char *err = NULL;

	if (load(text, &cfg, &err) < 0) {
		fail_msg("%s", err);
	}
	assert_int_equal(cfg.units[0].n_members, 2);
	assert_null(cfg.units[0].members[1].name);
	assert_string_equal(cfg.rules[0].name, "Bộ Tài chính, ngân sách");
	assert_int_equal(cfg.rules[0].n_coordinate, 0);
	assert_int_equal(cfg.rules[0].days, 365);
	assert_int_equal(config_role_of(&cfg, "an@congvan.test", &u),
			 CONFIG_ROLE_LEADER);
	assert_null(u);
	config_free(&cfg);
}

static const struct {
	const char *from;
	const char *subject;
	const char *rule; /* NULL: no match */
} match_cases[] = {
    {NULL, "ngân sách", NULL},
    {"", NULL, NULL},
    {"mof.gov.vn", NULL, NULL},
    {"x@mof.gov.vn", "V/v ngan sach 2027", "ngân sách"},
    {"X@MOF.GOV.VN", "V/v NGÂN SÁCH nhà nước", "ngân sách"},
    {"x@mof.gov.vn", "V/v   Ngân\tsách", "ngân sách"},
    {"x@mof.gov.vn",
     "nga\xcc\x82n sa\xcc\x81"
     "ch (NFD)",
     "ngân sách"},
    {"x@mof.gov.vn", "ngânsách", "mof"},
    {"x@mof.gov.vn", "V/v thuế", "mof"},
    {"x@mof.gov.vn", NULL, "mof"},
    {"x@mof.gov.vn", "", "mof"},
    {"x@sub.mof.gov.vn", "ngân sách", NULL},
    {"x@mof.gov.vn.evil.test", NULL, NULL},
    {"a@vpcp.chinhphu.vn", NULL, "chinh phu"},
    {"a@A.B.ChinhPhu.VN", "ngân sách", "chinh phu"},
    {"a@chinhphu.vn", NULL, NULL},
    {"a@xchinhphu.vn", NULL, NULL},
    {"chanh.vp@chinhphu.vn", NULL, "one"},
    {"CHANH.VP@ChinhPhu.vn", "x", "one"},
    {"chanh.vp@vpcp.chinhphu.vn", NULL, "chinh phu"},
    {"nobody@example.com", "ngân sách", NULL},
};

static void test_rule_match(void **state)
{
	dir_load();
	assert_null(config_rule_match(NULL, "x@mof.gov.vn", NULL));
	for (size_t i = 0; i < ARRAY_SIZE(match_cases); i++) {
		const struct config_rule *r = config_rule_match(
		    &dir_cfg, match_cases[i].from, match_cases[i].subject);

		print_message(
		    "match: %s / %s\n",
		    match_cases[i].from ? match_cases[i].from : "NULL",
		    match_cases[i].subject ? match_cases[i].subject : "NULL");
		if (!match_cases[i].rule) {
			assert_null(r);
		} else {
			assert_non_null(r);
			assert_string_equal(r->name, match_cases[i].rule);
		}
	}
}

static const struct {
	const char *address;
	enum config_role role;
	const char *unit; /* code, or NULL */
} role_cases[] = {
    {NULL, CONFIG_ROLE_NONE, NULL},
    {"", CONFIG_ROLE_NONE, NULL},
    {"vanthu@congvan.test", CONFIG_ROLE_OFFICE, NULL},
    {"VanThu@CongVan.Test", CONFIG_ROLE_OFFICE, NULL},
    {"bt@congvan.test", CONFIG_ROLE_LEADER, NULL},
    {"TT1@congvan.test", CONFIG_ROLE_LEADER, NULL},
    {"an.nv@congvan.test", CONFIG_ROLE_HEAD, "VU-PC"}, /* also a member */
    {"Dung.LV@congvan.test", CONFIG_ROLE_HEAD, "vu-tc"},
    {"hoa.pt@congvan.test", CONFIG_ROLE_HEAD, "CUC-XNK"},
    {"binh.tt@congvan.test", CONFIG_ROLE_MEMBER, "VU-PC"},
    {"an.n@congvan.test", CONFIG_ROLE_MEMBER, "vu-tc"},
    {"VUPC@congvan.test", CONFIG_ROLE_UNIT_MAILBOX, "VU-PC"},
    {"xnk@congvan.test", CONFIG_ROLE_UNIT_MAILBOX, "CUC-XNK"},
    {"stranger@congvan.test", CONFIG_ROLE_NONE, NULL},
    {"an.nv@congvan.test.vn", CONFIG_ROLE_NONE, NULL},
};

static void test_role_of(void **state)
{
	dir_load();
	assert_int_equal(config_role_of(NULL, "a@b.c", NULL), CONFIG_ROLE_NONE);
	for (size_t i = 0; i < ARRAY_SIZE(role_cases); i++) {
		const struct config_unit *u = &dir_cfg.units[0];

		print_message("role: %s\n", role_cases[i].address
						? role_cases[i].address
						: "NULL");
		assert_int_equal(
		    config_role_of(&dir_cfg, role_cases[i].address, &u),
		    role_cases[i].role);
		assert_int_equal(
		    config_role_of(&dir_cfg, role_cases[i].address, NULL),
		    role_cases[i].role);
		if (role_cases[i].unit) {
			assert_non_null(u);
			assert_string_equal(u->code, role_cases[i].unit);
		} else {
			assert_null(u);
		}
	}
}

static void test_unit_person_find(void **state)
{
	const struct config_person *p;
	const struct config_unit *u = NULL;

	dir_load();
	assert_null(config_unit_find(&dir_cfg, NULL));
	assert_null(config_unit_find(&dir_cfg, ""));
	assert_null(config_unit_find(&dir_cfg, "VU"));
	assert_null(config_unit_find(&dir_cfg, "Vụ Pháp chế"));
	assert_ptr_equal(config_unit_find(&dir_cfg, "vu-Pc"),
			 &dir_cfg.units[0]);
	assert_ptr_equal(config_unit_find(&dir_cfg, "VU-TC"),
			 &dir_cfg.units[1]);
	p = config_person_find(&dir_cfg, "BINH.tt@congvan.test", &u);
	assert_non_null(p);
	assert_string_equal(p->name, "Trần, Thị Bình");
	assert_ptr_equal(u, &dir_cfg.units[0]);
	p = config_person_find(&dir_cfg, "bt@congvan.test", &u);
	assert_string_equal(p->name, "Bộ trưởng");
	assert_null(u);
	p = config_person_find(&dir_cfg, "cuong@congvan.test", NULL);
	assert_null(p->name);
	assert_string_equal(p->address, "cuong@congvan.test");
	/* A head not also listed among the members has no entry. */
	assert_null(config_person_find(&dir_cfg, "hoa.pt@congvan.test", &u));
	assert_null(u);
	assert_null(config_person_find(&dir_cfg, "xnk@congvan.test", NULL));
	assert_null(config_person_find(&dir_cfg, NULL, NULL));
	assert_null(config_person_find(NULL, "bt@congvan.test", NULL));
}

#define UNITS_UNKNOWN "; expected unit codes or names"

static const struct {
	const char *text;
	const char *want; /* codes joined with " ", or "!error" */
} units_cases[] = {
    {"VU-PC", "VU-PC"},
    {"vu-pc, Cuc-Xnk", "VU-PC CUC-XNK"},
    {"Vụ Pháp chế; VU-TC.", "VU-PC vu-tc"},
    {"VU-PC và CUC-XNK", "VU-PC CUC-XNK"},
    {"VU-PC and CUC-XNK & vu-tc", "VU-PC CUC-XNK vu-tc"},
    {"Vụ Kế hoạch và Tài chính", "vu-tc"},
    {"Vụ Kế hoạch và Tài chính và Vụ Pháp chế", "vu-tc VU-PC"},
    {"vu ke hoach va tai chinh, cuc xuat nhap khau and vu-pc",
     "vu-tc CUC-XNK VU-PC"},
    {"VỤ PHÁP CHẾ", "VU-PC"},
    {"Vu\xcc\xa3 Pha\xcc\x81p che\xcc\x82\xcc\x81", "VU-PC"}, /* NFD */
    {"VU-PC, vu-pc, Vụ Pháp chế", "VU-PC"},
    {"  VU-PC ,, ;  CUC-XNK  ", "VU-PC CUC-XNK"},
    {"và VU-PC và", "VU-PC"},
    {"VU-PC\xc2\xa0và\xc2\xa0Vụ\xc2\xa0Pháp chế\xc2\xa0",
     "VU-PC"}, /* no-break spaces */
    /* the name's first word with an abbreviation of the rest */
    {"Vụ PC", "VU-PC"},
    {"vu pc, Vụ TC và Cục XNK", "VU-PC vu-tc CUC-XNK"},
    {"VỤ KHTC", "vu-tc"},
    {"Vu\xcc\xa3 PC", "VU-PC"}, /* NFD */
    {"Vụ XNK", "!unknown unit 'Vụ XNK'" UNITS_UNKNOWN},
    {"Vụ Tài PC", "!unknown unit 'Vụ Tài PC'" UNITS_UNKNOWN},
    {"Cục PC", "!unknown unit 'Cục PC'" UNITS_UNKNOWN},
    {"VU-PC, VU-XX", "!unknown unit 'VU-XX'" UNITS_UNKNOWN},
    {"Vụ Tổng hợp và VU-YY, VU-PC",
     "!unknown units 'Vụ Tổng hợp', 'VU-YY'" UNITS_UNKNOWN},
    {"Vụ Kế hoạch", "!unknown unit 'Vụ Kế hoạch'" UNITS_UNKNOWN},
    {"VU", "!unknown unit 'VU'" UNITS_UNKNOWN},
    {"", "!no unit named; expected unit codes or names separated by "
	 "commas"},
    {NULL, "!no unit named; expected unit codes or names separated by "
	   "commas"},
    {" và , ;", "!no unit named; expected unit codes or names separated by "
		"commas"},
};

static void test_units_parse(void **state)
{
	dir_load_in("en");
	for (size_t i = 0; i < ARRAY_SIZE(units_cases); i++) {
		const struct config_unit **units = NULL;
		struct sbuf got = SBUF_INIT(SIZE_MAX);
		char *err = NULL;
		size_t n = 99;
		int rc;

		print_message("units: %s\n", units_cases[i].text
						 ? units_cases[i].text
						 : "NULL");
		rc = config_units_parse(&dir_cfg, units_cases[i].text, &units,
					&n, &err);
		if (units_cases[i].want[0] == '!') {
			assert_int_equal(rc, -1);
			assert_null(units);
			assert_int_equal(n, 0);
			assert_string_equal(err, units_cases[i].want + 1);
			free(err);
			continue;
		}
		if (rc < 0) {
			fail_msg("%s", err);
		}
		for (size_t k = 0; k < n; k++) {
			sbuf_addf(&got, "%s%s", k ? " " : "", units[k]->code);
		}
		assert_string_equal(sbuf_str(&got), units_cases[i].want);
		sbuf_release(&got);
		free(units);
	}
	dir_load_in("vi");
}

static void test_units_parse_long(void **state)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	const struct config_unit **units = NULL;
	char *err = NULL;
	size_t n = 0;

	dir_load_in("en");
	while (sb.len + 20 < 4096) {
		sbuf_adds(&sb, "VU-PC và ");
	}
	sbuf_adds(&sb, "CUC-XNK");
	while (sb.len < 4096) {
		sbuf_addch(&sb, ' ');
	}
	assert_int_equal(
	    config_units_parse(&dir_cfg, sbuf_str(&sb), &units, &n, &err), 0);
	assert_int_equal(n, 2);
	free(units);
	sbuf_addch(&sb, ' ');
	assert_int_equal(
	    config_units_parse(&dir_cfg, sbuf_str(&sb), &units, &n, &err), -1);
	assert_string_equal(err, "list of units longer than 4096 bytes");
	free(err);
	sbuf_release(&sb);
	dir_load_in("vi");
}

static const struct {
	const char *text;
	const char *name;    /* NULL: none */
	const char *address; /* NULL: the error below */
	const char *error;
} person_cases[] = {
    {"Nguyễn Văn A <A@X.vn>", "Nguyễn Văn A", "a@x.vn", NULL},
    {"  \"Nguyễn Văn A\"   <a@x.vn>  ", "Nguyễn Văn A", "a@x.vn", NULL},
    {"stranger@x.vn", NULL, "stranger@x.vn", NULL},
    {"<stranger@x.vn>", NULL, "stranger@x.vn", NULL},
    {"binh.tt@congvan.test", "Trần, Thị Bình", "binh.tt@congvan.test", NULL},
    {"<BINH.TT@congvan.test>", "Trần, Thị Bình", "binh.tt@congvan.test", NULL},
    {"Bình <binh.tt@congvan.test>", "Bình", "binh.tt@congvan.test", NULL},
    {"le van dung", "Lê Văn Dũng", "dung.lv@congvan.test", NULL},
    {"LÊ   VĂN DŨNG", "Lê Văn Dũng", "dung.lv@congvan.test", NULL},
    {"Lê\xc2\xa0Văn Dũng\xc2\xa0", "Lê Văn Dũng", "dung.lv@congvan.test", NULL},
    {"Dũng\xc2\xa0<dung.lv@congvan.test>", "Dũng", "dung.lv@congvan.test",
     NULL},
    {"Bộ trưởng", "Bộ trưởng", "bt@congvan.test", NULL},
    {"Nguyễn Văn An", NULL, NULL,
     "'Nguyễn Văn An' names 2 people (an.nv@congvan.test, "
     "an.n@congvan.test); expected one of their addresses"},
    {"Phạm Thị Hoa", NULL, NULL,
     "no listed person is named 'Phạm Thị Hoa'; expected Name <address>, "
     "an address or the name of a unit member or leader"},
    {"Lê Văn", NULL, NULL,
     "no listed person is named 'Lê Văn'; expected Name <address>, an "
     "address or the name of a unit member or leader"},
    {"A <a@b", NULL, NULL, "'A <a@b' is not Name <address> or an address"},
    {"a@b c", NULL, NULL, "'a@b c' is not Name <address> or an address"},
    {"A <x> <a@b.c>", NULL, NULL,
     "'A <x> <a@b.c>' is not Name <address> or an address"},
    {"", NULL, NULL,
     "no person named; expected Name <address>, an address or a name"},
    {NULL, NULL, NULL,
     "no person named; expected Name <address>, an address or a name"},
};

/* A colleague named in the lead unit by the last words of the name: one
 * member so named, never two, never a part of a word. */
static void test_person_in_unit(void **state)
{
	static const struct {
		const char *unit, *text, *address; /* NULL: none */
	} cases[] = {
	    {"VU-PC", "An", "an.nv@congvan.test"},
	    {"VU-PC", "văn AN", "an.nv@congvan.test"},
	    {"VU-PC", "Nguyễn Văn An", "an.nv@congvan.test"},
	    {"VU-PC", "Bình", "binh.tt@congvan.test"},
	    {"VU-PC", "Thị Bình", "binh.tt@congvan.test"},
	    {"VU-PC", "inh", NULL},               /* part of a word */
	    {"VU-PC", "Dũng", NULL},              /* of another unit */
	    {"VU-PC", "cuong", NULL},             /* listed by address only */
	    {"vu-tc", "An", "an.n@congvan.test"}, /* "Nguyễn  văn an" */
	    {"vu-tc", "Văn An", "an.n@congvan.test"},
	    {"vu-tc", "Văn", NULL},
	    {"vu-tc", "", NULL},
	};
	int failures = 0;

	(void)state;
	dir_load();
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct config_unit *u =
		    config_unit_find(&dir_cfg, cases[i].unit);
		struct config_person p;
		int rc = config_person_in_unit(u, cases[i].text, &p);

		if (cases[i].address
			? rc != 0 || strcmp(p.address, cases[i].address)
			: rc != -1) {
			print_error("case %zu '%s': rc %d, %s\n", i,
				    cases[i].text, rc,
				    rc == 0 ? p.address : "-");
			failures++;
		}
		config_person_release(&p);
	}
	assert_int_equal(failures, 0);
	{
		struct config_person none;

		assert_int_equal(config_person_in_unit(NULL, "An", &none), -1);
	}
}

static void test_person_parse(void **state)
{
	dir_load_in("en");
	for (size_t i = 0; i < ARRAY_SIZE(person_cases); i++) {
		struct config_person p = {.name = (char *)"junk"};
		char *err = NULL;
		int rc;

		print_message("person: %s\n", person_cases[i].text
						  ? person_cases[i].text
						  : "NULL");
		rc = config_person_parse(&dir_cfg, person_cases[i].text, &p,
					 &err);
		if (!person_cases[i].address) {
			assert_int_equal(rc, -1);
			assert_null(p.name);
			assert_null(p.address);
			assert_string_equal(err, person_cases[i].error);
			free(err);
			continue;
		}
		if (rc < 0) {
			fail_msg("%s", err);
		}
		if (person_cases[i].name) {
			assert_string_equal(p.name, person_cases[i].name);
		} else {
			assert_null(p.name);
		}
		assert_string_equal(p.address, person_cases[i].address);
		config_person_release(&p);
		assert_null(p.address);
	}
	config_person_release(NULL);
	dir_load_in("vi");
}

/* Without a configuration, nothing is known but addresses. */
static void test_parse_no_config(void **state)
{
	const struct config_unit **units = NULL;
	struct config_person p = {0};
	char *err = NULL;
	size_t n = 0;

	/* and it speaks Vietnamese, the default */
	assert_int_equal(config_units_parse(NULL, "VU-PC", &units, &n, &err),
			 -1);
	assert_string_equal(err, "không có đơn vị 'VU-PC'; cần ghi mã hoặc tên"
				 " đơn vị");
	FREE_AND_NULL(err);
	assert_int_equal(config_person_parse(NULL, "A <a@b.c>", &p, &err), 0);
	assert_person(&p, "A", "a@b.c");
	config_person_release(&p);
	assert_int_equal(config_person_parse(NULL, "Lê Văn Dũng", &p, &err),
			 -1);
	assert_string_equal(err, "không có ai tên 'Lê Văn Dũng' trong danh"
				 " sách; cần ghi Họ tên <địa chỉ>, một địa chỉ"
				 " thư hoặc tên của một cán bộ trong đơn vị"
				 " hay lãnh đạo");
	free(err);
}

/* What a reply named wrongly is told in the service's language: the
 * acknowledgement to a Vietnamese head is Vietnamese throughout. */
static void test_lookup_errors_vi(void **state)
{
	static const struct {
		const char *units; /* or NULL: person */
		const char *person;
		const char *error;
	} cases[] = {
	    {"VU-PC, VU-XX", NULL,
	     "không có đơn vị 'VU-XX'; cần ghi mã hoặc tên đơn vị"},
	    {"Vụ Tổng hợp và VU-YY", NULL,
	     "không có các đơn vị 'Vụ Tổng hợp', 'VU-YY'; cần ghi mã hoặc tên"
	     " đơn vị"},
	    {" và , ;", NULL,
	     "chưa ghi đơn vị nào; cần ghi mã hoặc tên đơn vị, cách nhau bằng"
	     " dấu phẩy"},
	    {NULL, "Nguyễn Văn An",
	     "'Nguyễn Văn An' là tên của 2 người (an.nv@congvan.test,"
	     " an.n@congvan.test); cần ghi địa chỉ thư của một người"},
	    {NULL, "A <a@b",
	     "'A <a@b' không phải là Họ tên <địa chỉ> hay một"
	     " địa chỉ thư"},
	    {NULL, "",
	     "chưa ghi người nào; cần ghi Họ tên <địa chỉ>, một địa chỉ thư"
	     " hoặc một tên"},
	};

	dir_load_in("vi");
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct config_unit **units = NULL;
		struct config_person p = {0};
		char *err = NULL;
		size_t n = 0;

		if (cases[i].units) {
			assert_int_equal(config_units_parse(&dir_cfg,
							    cases[i].units,
							    &units, &n, &err),
					 -1);
		} else {
			assert_int_equal(config_person_parse(&dir_cfg,
							     cases[i].person,
							     &p, &err),
					 -1);
		}
		assert_string_equal(err, cases[i].error);
		free(err);
	}
}

/* count sections made by fmt (given the index) after VALID. */
static char *repeated(const char *head, const char *fmt, int count)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);

	sbuf_adds(&sb, VALID);
	sbuf_adds(&sb, head);
	for (int i = 0; i < count; i++) {
		sbuf_addf(&sb, fmt, i, i, i, i);
	}
	return sbuf_detach(&sb);
}

static void load_expect(const char *text, const char *want_fmt, int line)
{
	struct config cfg = {0};
	char *err = NULL;
	char *want;

	assert_int_equal(load(text, &cfg, &err), -1);
	want = xasprintf(want_fmt, conf_path, line);
	assert_string_equal(err, want);
	free(want);
	free(err);
}

#define UNIT_FMT                                                               \
	"[unit U%d]\nname = Đơn vị %d\nemail = u%d@x.vn\nhead = h%d@x.vn\n"
#define RULE_FMT "[rule r%d]\nfrom = a%d@x.vn\nlead = U\nsubject = %d %d\n"

static void test_limits(void **state)
{
	struct config cfg = {0};
	char *err = NULL;
	char *text;

	text = repeated("", UNIT_FMT, 1000);
	assert_int_equal(load(text, &cfg, &err), 0);
	assert_int_equal(cfg.n_units, 1000);
	config_free(&cfg);
	free(text);
	text = repeated("", UNIT_FMT, 1002);
	load_expect(text,
		    "%s:%d: too many [unit CODE] sections from [unit U1000] "
		    "on; expected at most 1000",
		    13 + 4 * 1000);
	free(text);
	text = repeated("[unit U]\nname = U\nemail = u@x.vn\nhead = h@x.vn\n",
			RULE_FMT, 1000);
	assert_int_equal(load(text, &cfg, &err), 0);
	assert_int_equal(cfg.n_rules, 1000);
	config_free(&cfg);
	free(text);
	text = repeated("[unit U]\nname = U\nemail = u@x.vn\nhead = h@x.vn\n",
			RULE_FMT, 1001);
	load_expect(text,
		    "%s:%d: too many [rule NAME] sections from [rule r1000] "
		    "on; expected at most 1000",
		    17 + 4 * 1000);
	free(text);
}

/* 10000 people in units and [leaders], then one more. */
static char *people_text(int extra)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);

	sbuf_adds(&sb, VALID "[leaders]\nmembers = l@x.vn\n"); /* 13-14 */
	for (int u = 0; u < 4; u++) {
		sbuf_addf(&sb,
			  "[unit U%d]\nname = U%d\nemail = u%d@x.vn\n"
			  "head = h%d@x.vn\nmembers = ",
			  u, u, u, u);
		for (int m = 0; m < 2500 - (u == 3 ? 1 - extra : 0); m++) {
			sbuf_addf(&sb, "%sm%d.%d@x.vn,\n", m ? "  " : "", u, m);
		}
	}
	return sbuf_detach(&sb);
}

static void test_people_limit(void **state)
{
	struct config cfg = {0};
	char *err = NULL;
	char *text = people_text(0);

	if (load(text, &cfg, &err) < 0) {
		fail_msg("%s", err);
	}
	assert_int_equal(cfg.n_leaders, 1);
	assert_int_equal(cfg.units[3].n_members, 2499);
	config_free(&cfg);
	free(text);
	text = people_text(1);
	/* The members key of [unit U3]: after 14 lines, 3 units of 4 + 2500
	 * lines, and the header and three keys of U3. */
	load_expect(text,
		    "%s:%d: too many people in units and [leaders]; expected "
		    "at most 10000 in all",
		    14 + 3 * 2504 + 5);
	free(text);
}

static void test_long_value(void **state)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	int line = 14;  /* of the name key */
	size_t len = 1; /* "x" */
	int err_line = 0;

	sbuf_adds(&sb, VALID "[unit A]\nname = x\n");
	for (int i = 0; i < 700; i++) {
		sbuf_adds(&sb, "  " X100 "\n");
		line++;
		if (!err_line && len + 101 >= 65536) {
			err_line = line;
		}
		len += 101;
	}
	sbuf_adds(&sb, "email = a@x.vn\nhead = h@x.vn\n");
	load_expect(sbuf_str(&sb),
		    "%s:%d: value of 'name' longer than 65535 bytes; expected "
		    "a shorter one",
		    err_line);
	sbuf_release(&sb);
	/* A long bad value is shown cut short. */
	sbuf_adds(&sb, VALID "[unit A]\nname = A\nemail = a@x.vn\nhead = ");
	for (int i = 0; i < 3; i++) {
		sbuf_adds(&sb, X100 "\n  ");
	}
	sbuf_adds(&sb, "x\n");
	load_expect(sbuf_str(&sb),
		    "%s:%d: 'head' is not a mail address: '" X100 "...'", 16);
	sbuf_release(&sb);
}

static char *read_text(const char *path)
{
	char *data = NULL;

	assert_int_equal(file_read_all(path, &data, NULL), 0);
	return data;
}

/* config.example, copied as is next to the password files it names. */
/* [feed]: listen is a numeric address and port; base_url defaults to
 * http://LISTEN/feed and loses its trailing slashes. */
static void test_feed(void **state)
{
	static const struct {
		const char *section;
		const char *host;
		int port;
		const char *base_url;
	} cases[] = {
	    {"[feed]\n", NULL, 0, NULL},
	    {"[feed]\nlisten = 127.0.0.1:8088\n", "127.0.0.1", 8088,
	     "http://127.0.0.1:8088/feed"},
	    {"[feed]\nlisten = [::1]:1\n", "::1", 1, "http://[::1]:1/feed"},
	    {"[feed]\nlisten = 0.0.0.0:65535\nbase_url = "
	     "https://congvan.example.vn/lich/\n",
	     "0.0.0.0", 65535, "https://congvan.example.vn/lich"},
	    {"[feed]\nlisten = 10.0.0.1:80\nbase_url = HTTP://h:8080//\n",
	     "10.0.0.1", 80, "HTTP://h:8080"},
	    {"[feed]\nlisten = [2001:db8::5]:443\nbase_url = "
	     "https://[2001:db8::5]/feed\n",
	     "2001:db8::5", 443, "https://[2001:db8::5]/feed"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *text = xasprintf(VALID "%s", cases[i].section);
		struct config cfg = {0};
		char *err = NULL;

		print_message("%s", cases[i].section);
		if (load(text, &cfg, &err) < 0) {
			fail_msg("%s", err);
		}
		if (cases[i].host) {
			assert_string_equal(cfg.feed.host, cases[i].host);
			assert_string_equal(cfg.feed.base_url,
					    cases[i].base_url);
		} else {
			assert_null(cfg.feed.listen);
			assert_null(cfg.feed.host);
			assert_null(cfg.feed.base_url);
		}
		assert_int_equal(cfg.feed.port, cases[i].port);
		config_free(&cfg);
		free(text);
	}
}

#define LISTEN_BAD(v)                                                          \
	"@F:14: 'listen' is not an IP address and port, such as "              \
	"127.0.0.1:8088 or [::1]:8088: '" v "'"
#define HTTP_EXPECT "expected http://HOST[:PORT][/PATH] or https://..."

static const struct error_case feed_cases[] = {
    {"listen no port", VALID "[feed]\nlisten = 127.0.0.1\n",
     LISTEN_BAD("127.0.0.1")},
    {"listen empty port", VALID "[feed]\nlisten = 127.0.0.1:\n",
     LISTEN_BAD("127.0.0.1:")},
    {"listen port 0", VALID "[feed]\nlisten = 127.0.0.1:0\n",
     LISTEN_BAD("127.0.0.1:0")},
    {"listen port high", VALID "[feed]\nlisten = 127.0.0.1:65536\n",
     LISTEN_BAD("127.0.0.1:65536")},
    {"listen port sign", VALID "[feed]\nlisten = 127.0.0.1:+80\n",
     LISTEN_BAD("127.0.0.1:+80")},
    {"listen host name", VALID "[feed]\nlisten = localhost:8088\n",
     LISTEN_BAD("localhost:8088")},
    {"listen no host", VALID "[feed]\nlisten = :8088\n", LISTEN_BAD(":8088")},
    {"listen bad ipv4", VALID "[feed]\nlisten = 127.0.0.256:8088\n",
     LISTEN_BAD("127.0.0.256:8088")},
    {"listen bare ipv6", VALID "[feed]\nlisten = ::1:8088\n",
     LISTEN_BAD("::1:8088")},
    {"listen empty brackets", VALID "[feed]\nlisten = []:8088\n",
     LISTEN_BAD("[]:8088")},
    {"listen ipv6 in ipv4 form", VALID "[feed]\nlisten = [127.0.0.1]:80\n",
     LISTEN_BAD("[127.0.0.1]:80")},
    {"base_url without listen",
     VALID "[feed]\nbase_url = https://congvan.example.vn/feed\n",
     "@F:14: 'base_url' is set but 'listen' is not in [feed]; expected "
     "listen = HOST:PORT too"},
    {"base_url scheme",
     VALID "[feed]\nlisten = 127.0.0.1:8088\nbase_url = ftp://h/feed\n",
     "@F:15: malformed url 'ftp://h/feed'; " HTTP_EXPECT},
    {"base_url query",
     VALID "[feed]\nlisten = 127.0.0.1:8088\nbase_url = http://h/f?x=1\n",
     "@F:15: malformed url 'http://h/f?x=1' ('?' and '#' must be "
     "written %3F and %23); " HTTP_EXPECT},
    {"base_url user",
     VALID "[feed]\nlisten = 127.0.0.1:8088\n"
	   "base_url = https://u:pw@h/feed\n",
     "@F:15: url must not hold a user or password; " HTTP_EXPECT
     " and the 'user' and 'password' keys"},
    {"base_url space",
     VALID "[feed]\nlisten = 127.0.0.1:8088\nbase_url = http://h/a b\n",
     "@F:15: malformed url 'http://h/a b' (spaces or control "
     "characters); " HTTP_EXPECT},
    {"unknown key", VALID "[feed]\nport = 8088\n",
     "@F:14: unknown key 'port' in [feed]; expected one of: listen, "
     "base_url"},
    {"twice", VALID "[feed]\n[feed]\n",
     "@F:14: duplicate section [feed]; first on line 13"},
};

static void test_feed_errors(void **state)
{
	check_error_cases(feed_cases, ARRAY_SIZE(feed_cases));
}

/* "\nsection.key\n" for every key line of config.example ("key = " or
 * "; key = "), under the section header above it ("[unit VU-PC]" and
 * "; [report]" name sections too). */
static void example_keys(const char *text, struct sbuf *found)
{
	char section[32] = "";

	sbuf_addch(found, '\n');
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n"), k;
		const char *l = p;

		p += n + (p[n] == '\n');
		if (!strncmp(l, "; ", 2)) {
			l += 2;
		}
		k = strspn(l + 1, "abcdefghijklmnopqrstuvwxyz");
		if (*l == '[' && k > 0 &&
		    (l[k + 1] == ']' || l[k + 1] == ' ') && p - l >= 2 &&
		    p[-1 - (p[-1] == '\n')] == ']') {
			snprintf(section, sizeof(section), "%.*s", (int)k,
				 l + 1);
			continue;
		}
		k = strspn(l, "abcdefghijklmnopqrstuvwxyz_");
		if (k > 0 && !strncmp(l + k, " = ", 3)) {
			sbuf_addf(found, "%s.%.*s\n", section, (int)k, l);
		}
	}
}

static void add_key(const char *section, const char *key, void *data)
{
	sbuf_addf(data, "%s.%s\n", section, key);
}

/* config.example (and so congvan.conf(5), made from it) documents every
 * key the parser takes, under its section, and no other. */
static void test_example_documents_every_key(void **state)
{
	struct sbuf documented = SBUF_INIT(1 << 20);
	struct sbuf parsed = SBUF_INIT(1 << 20);
	char *text = read_text("config.example");
	size_t n = 0;

	example_keys(text, &documented);
	sbuf_addch(&parsed, '\n');
	config_foreach_key(add_key, &parsed);
	for (const char *p = sbuf_str(&parsed) + 1; *p; n++) {
		size_t len = strcspn(p, "\n");
		char *want = xasprintf("\n%.*s\n", (int)len, p);

		if (!strstr(sbuf_str(&documented), want)) {
			fail_msg("config.example does not document %.*s",
				 (int)len, p);
		}
		free(want);
		p += len + 1;
	}
	assert_true(n >= 30);
	for (const char *p = sbuf_str(&documented) + 1; *p;) {
		size_t len = strcspn(p, "\n");
		char *want = xasprintf("\n%.*s\n", (int)len, p);

		if (!strstr(sbuf_str(&parsed), want)) {
			fail_msg("config.example documents %.*s, which the"
				 " parser does not take",
				 (int)len, p);
		}
		free(want);
		p += len + 1;
	}
	sbuf_release(&documented);
	sbuf_release(&parsed);
	free(text);
}

static const struct error_case security_cases[] = {
    {"commands unknown", VALID "[security]\ncommands = anyone\n",
     "@F:14: 'commands' is not receipt, authenticated or both: 'anyone'"},
    {"authenticated without a way",
     VALID "[security]\ncommands = authenticated\n",
     "@F:14: 'commands = authenticated' needs a way to authenticate "
     "senders: 'authserv_id' (the mail server whose "
     "Authentication-Results congvan trusts) or 'dkim = verify'"},
    {"both without a way", VALID "[security]\ncommands = both\ndkim = off\n",
     "@F:14: 'commands = both' needs a way to authenticate senders: "
     "'authserv_id' (the mail server whose Authentication-Results congvan "
     "trusts) or 'dkim = verify'"},
    {"authserv_id not a host",
     VALID "[security]\nauthserv_id = mx.bo.gov.vn, mx bo\n",
     "@F:14: 'authserv_id' entry is not a host name: 'mx bo'"},
    {"dkim unknown", VALID "[security]\ndkim = maybe\n",
     "@F:14: 'dkim' is not off or verify: 'maybe'"},
    {"dkim_keys without verify", VALID "[security]\ndkim_keys = k.txt\n",
     "@F:14: 'dkim_keys' needs 'dkim = verify'"},
};

static void test_security(void **state)
{
	struct config cfg = {0};
	char *err = NULL;

	(void)state;
	check_error_cases(security_cases, ARRAY_SIZE(security_cases));
	/* none: proof of receipt */
	assert_int_equal(load(VALID, &cfg, &err), 0);
	assert_int_equal(cfg.security.commands, CONFIG_COMMANDS_RECEIPT);
	assert_null(cfg.security.authserv_ids);
	assert_non_null(
	    strstr(config_security_explain(&cfg.security), "proof of receipt"));
	config_free(&cfg);
	assert_int_equal(load(VALID
			      "[security]\ncommands = both\n"
			      "authserv_id = MX.Bo.Gov.VN, mx2.bo.gov.vn\n",
			      &cfg, &err),
			 0);
	assert_int_equal(cfg.security.commands, CONFIG_COMMANDS_BOTH);
	assert_int_equal(cfg.security.n_authserv_ids, 2);
	assert_string_equal(cfg.security.authserv_ids[0], "mx.bo.gov.vn");
	assert_string_equal(cfg.security.authserv_ids[1], "mx2.bo.gov.vn");
	assert_null(cfg.security.authserv_ids[2]);
	assert_false(cfg.security.dkim_verify);
	config_free(&cfg);
	assert_int_equal(load(VALID "[security]\ncommands = authenticated\n"
				    "dkim = verify\ndkim_keys = keys.txt\n",
			      &cfg, &err),
			 0);
	assert_true(cfg.security.dkim_verify);
	assert_non_null(strstr(cfg.security.dkim_keys, "/keys.txt"));
	assert_non_null(strstr(config_security_explain(&cfg.security),
			       "authenticated sender"));
	config_free(&cfg);
}

/* [letters]: the OCR's pages and the signatures' trust anchors; a
 * relative trust folder is taken from the config file's folder. */
static void test_letters(void **state)
{
	static const struct {
		const char *section;
		int ocr_pages;
		const char *trust; /* under the temporary folder */
	} cases[] = {
	    {"", 0, NULL},
	    {"[letters]\n", 2, NULL},
	    {"[letters]\nocr_pages = 1\n", 1, NULL},
	    {"[letters]\nocr_pages = 50\ntrust = ca\ntime_limit = 600\n", 50,
	     "ca"},
	    {"[letters]\ntrust = @D/ca/\n", 2, "ca/"},
	};
	char *ca = xasprintf("%s/ca", tmpdir);

	assert_int_equal(mkdir(ca, 0700), 0);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *text = xasprintf(VALID "%s", cases[i].section);
		char *want = cases[i].trust
				 ? xasprintf("%s/%s", tmpdir, cases[i].trust)
				 : NULL;
		char *expanded = expand(text);
		struct config cfg = {0};
		char *err = NULL;

		print_message("%s", cases[i].section);
		if (load(expanded, &cfg, &err) < 0) {
			fail_msg("%s", err);
		}
		assert_int_equal(cfg.letters.ocr_pages, cases[i].ocr_pages);
		if (want) {
			assert_string_equal(cfg.letters.trust, want);
		} else {
			assert_null(cfg.letters.trust);
		}
		config_free(&cfg);
		free(expanded);
		free(want);
		free(text);
	}
	assert_int_equal(rmdir(ca), 0);
	free(ca);
}

#define PAGES_BAD(v)                                                           \
	"@F:14: 'ocr_pages' is not a number of pages from 1 to 50: '" v "'"

static const struct error_case letters_cases[] = {
    {"ocr_pages 0", VALID "[letters]\nocr_pages = 0\n", PAGES_BAD("0")},
    {"ocr_pages 51", VALID "[letters]\nocr_pages = 51\n", PAGES_BAD("51")},
    {"ocr_pages word", VALID "[letters]\nocr_pages = two\n", PAGES_BAD("two")},
    {"ocr_pages sign", VALID "[letters]\nocr_pages = +2\n", PAGES_BAD("+2")},
    {"trust missing", VALID "[letters]\ntrust = /nonexistent/ca\n",
     "@F:14: cannot read 'trust' folder '/nonexistent/ca': No such file or "
     "directory"},
    {"trust a file", VALID "[letters]\ntrust = mailbox.pass\n",
     "@F:14: 'trust' = '@D/mailbox.pass' is not a folder; expected a "
     "folder of PEM certificates or an NSS database"},
    {"time_limit 0", VALID "[letters]\ntime_limit = 0\n",
     "@F:14: 'time_limit' is not a number of seconds from 1 to 600: '0'"},
    {"unknown key", VALID "[letters]\nocr = yes\n",
     "@F:14: unknown key 'ocr' in [letters]; expected one of: ocr_pages, "
     "trust, time_limit"},
};

static void test_letters_errors(void **state)
{
	check_error_cases(letters_cases, ARRAY_SIZE(letters_cases));
}

static void test_example(void **state)
{
	const struct config_rule *r;
	char *text = read_text("config.example");
	char *dir = xasprintf("%s/example", tmpdir);
	char *path = xasprintf("%s/congvan.conf", dir);
	struct config cfg = {0};
	char *err = NULL;
	int fd;

	assert_int_equal(mkdir(dir, 0700), 0);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	write_all(fd, text, strlen(text));
	write_named("example/mailbox.pass", "x\n");
	write_named("example/smtp.pass", "y\n");
	if (config_load(path, &cfg, &err) < 0) {
		fail_msg("config.example: %s", err);
	}
	assert_string_equal(cfg.service.language, "vi");
	assert_string_equal(cfg.service.office, "vanthu@congvan.test");
	assert_string_equal(cfg.mailbox.user, "congvan@congvan.test");
	assert_string_equal(cfg.mailbox.host, "127.0.0.1");
	assert_string_equal(cfg.mailbox.password, "x");
	assert_int_equal(cfg.n_leaders, 3);
	assert_int_equal(cfg.n_units, 4);
	assert_int_equal(cfg.n_rules, 2);
	r = config_rule_match(&cfg, "vanthu@mof.gov.vn",
			      "V/v dự toán NGÂN SÁCH năm 2027");
	assert_non_null(r);
	assert_string_equal(r->lead, "VU-TC");
	assert_int_equal(r->n_coordinate, 1);
	assert_string_equal(r->coordinate[0], "VU-PC");
	r = config_rule_match(&cfg, "vanthu@chinhphu.vn", "V/v góp ý dự thảo");
	assert_non_null(r);
	assert_string_equal(r->lead, "VU-PC");
	assert_int_equal(r->days, 5);
	assert_null(config_rule_match(&cfg, "vanthu@mof.gov.vn", "V/v thuế"));
	assert_int_equal(cfg.deadlines.assignment_days, 10);
	assert_int_equal(cfg.deadlines.n_remind_before, 2);
	assert_string_equal(cfg.calendar.holidays, "");
	assert_string_equal(cfg.calendar.workdays, "mon-fri");
	assert_int_equal(cfg.report.n_to, 0); /* commented out */
	config_free(&cfg);
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");

		assert_true(n < 199);
		p += n + (p[n] == '\n');
	}
	free(path);
	free(dir);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_address_valid),
	    cmocka_unit_test(test_free_zeroed),
	    cmocka_unit_test(test_cannot_read),
	    cmocka_unit_test(test_minimal_defaults),
	    cmocka_unit_test(test_every_key),
	    cmocka_unit_test(test_valid_forms),
	    cmocka_unit_test(test_first_run_since),
	    cmocka_unit_test(test_relative_paths),
	    cmocka_unit_test(test_relative_config_path),
	    cmocka_unit_test(test_continuation),
	    cmocka_unit_test(test_nul_byte),
	    cmocka_unit_test(test_many_errors),
	    cmocka_unit_test(test_missing),
	    cmocka_unit_test(test_structure),
	    cmocka_unit_test(test_bad_values),
	    cmocka_unit_test(test_bad_urls),
	    cmocka_unit_test(test_password_not_leaked),
	    cmocka_unit_test(test_directory_absent),
	    cmocka_unit_test(test_directory_read),
	    cmocka_unit_test(test_remind_before),
	    cmocka_unit_test(test_directory_errors),
	    cmocka_unit_test(test_directory_tolerated),
	    cmocka_unit_test(test_report_errors),
	    cmocka_unit_test(test_report_read),
	    cmocka_unit_test(test_rule_match),
	    cmocka_unit_test(test_role_of),
	    cmocka_unit_test(test_unit_person_find),
	    cmocka_unit_test(test_units_parse),
	    cmocka_unit_test(test_units_parse_long),
	    cmocka_unit_test(test_person_parse),
	    cmocka_unit_test(test_person_in_unit),
	    cmocka_unit_test(test_parse_no_config),
	    cmocka_unit_test(test_lookup_errors_vi),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_people_limit),
	    cmocka_unit_test(test_long_value),
	    cmocka_unit_test(test_feed),
	    cmocka_unit_test(test_feed_errors),
	    cmocka_unit_test(test_security),
	    cmocka_unit_test(test_letters),
	    cmocka_unit_test(test_letters_errors),
	    cmocka_unit_test(test_example),
	    cmocka_unit_test(test_example_documents_every_key),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
