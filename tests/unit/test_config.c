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

static char *tmpdir;    /* holds mailbox.pass, smtp.pass, empty.pass */
static char *conf_path; /* the file of the current case */

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
#define SECTIONS    "expected one of: [service], [mailbox], [smtp]"

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

/* "@F" becomes the current config file, "@D" the temporary folder. */
static char *expand(const char *s)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);

	while (*s) {
		if (str_startswith(s, "@F")) {
			sbuf_adds(&sb, conf_path);
			s += 2;
		} else if (str_startswith(s, "@D")) {
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
	    {"vanthu@congvan.test", true},
	    {"a@localhost", true},
	    {"a.b+tag@x-y.congvan.test", true},
	    {"a@b@c.d", true}, /* the last '@' splits */
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
    {"unit and rule not yet", VALID "[unit KHTC]\nname = x\n[rule mof]\n",
     "@F:13: unknown section [unit KHTC]; " SECTIONS "\n"
     "@F:15: unknown section [rule mof]; " SECTIONS},
    {"named service", VALID "[service x]\n",
     "@F:13: unknown section [service x]; " SECTIONS},
    {"empty header", "[]\n" VALID, "@F:1: unknown section []; " SECTIONS},
    {"duplicate section", VALID "[service]\norganization = O\n",
     "@F:13: duplicate section [service]; first on line 1"},
    {"unknown key", SERVICE M_HDR M_URL M_USER "pasword = x\n" SMTP,
     "@F:6: missing key 'password' or 'password_file' in [mailbox]; "
     "expected exactly one\n"
     "@F:9: unknown key 'pasword' in [mailbox]; expected one of: url, "
     "user, password, password_file, poll_interval, tls, ca_file"},
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
     "password, password_file, poll_interval, tls, ca_file"},
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

static char *read_text(const char *path)
{
	char *data = NULL;

	assert_int_equal(file_read_all(path, &data, NULL), 0);
	return data;
}

/* config.example, copied as is next to the password files it names. */
static void test_example(void **state)
{
	static const char *const keys[] = {
	    "organization",  "domain",      "database",    "office",
	    "language",      "item_prefix", "secret_file", "templates",
	    "url",           "user",        "password",    "password_file",
	    "poll_interval", "tls",         "from",        "reply_plus",
	};
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
	config_free(&cfg);
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		char *line = xasprintf("\n%s = ", keys[i]);
		char *commented = xasprintf("\n; %s = ", keys[i]);

		print_message("key: %s\n", keys[i]);
		assert_true(strstr(text, line) || strstr(text, commented));
		free(line);
		free(commented);
	}
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
	    cmocka_unit_test(test_example),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
