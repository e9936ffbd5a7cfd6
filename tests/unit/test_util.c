#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "congvan/clock.h"
#include "congvan/json.h"
#include "congvan/log.h"
#include "congvan/util.h"

static void test_sbuf_cap(void **state)
{
	struct sbuf sb = SBUF_INIT(8);

	(void)state;
	assert_string_equal(sbuf_str(&sb), "");
	sbuf_adds(&sb, "1234");
	sbuf_addf(&sb, "%d", 567);
	assert_string_equal(sbuf_str(&sb), "1234567");
	assert_false(sb.overflow);
	sbuf_adds(&sb, "89");
	assert_true(sb.overflow);
	assert_string_equal(sbuf_str(&sb), "1234567");
	sbuf_release(&sb);
	/* One character at a time, up to the cap (the buffer has room). */
	sb = (struct sbuf)SBUF_INIT(3);
	for (const char *p = "abcd"; *p; p++) {
		sbuf_addch(&sb, *p);
	}
	assert_true(sb.overflow);
	assert_string_equal(sbuf_str(&sb), "abc");
	assert_true(sb.alloc > 4);
	sbuf_release(&sb);
}

static void test_sbuf_grow(void **state)
{
	struct sbuf sb = SBUF_INIT(1 << 20);
	char *s;

	(void)state;
	for (int i = 0; i < 10000; i++) {
		sbuf_addch(&sb, (char)('a' + i % 26));
	}
	assert_int_equal(sb.len, 10000);
	s = sbuf_detach(&sb);
	assert_int_equal(strlen(s), 10000);
	assert_null(sb.buf);
	free(s);
}

static void test_str_to_long(void **state)
{
	static const struct {
		const char *in;
		int rc;
		long v;
	} cases[] = {
	    {"", -1, 0},      {" 1", -1, 0}, {"1 ", -1, 0},
	    {"abc", -1, 0},   {"0", 0, 0},   {"65535", 0, 65535},
	    {"65536", -1, 0}, {"-1", -1, 0}, {"99999999999999999999", -1, 0},
	};
	long v;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		v = 0;
		assert_int_equal(str_to_long(cases[i].in, 0, 65535, &v),
				 cases[i].rc);
		if (cases[i].rc == 0) {
			assert_int_equal(v, cases[i].v);
		}
	}
}

static void test_str_helpers(void **state)
{
	char buf[] = "  \t hello world \r\n";

	(void)state;
	assert_string_equal(str_trim(buf), "hello world");
	assert_true(str_iequal("MAILER-DAEMON", "mailer-daemon"));
	assert_false(str_iequal("abc", "abcd"));
	assert_true(str_istartswith("Re: x", "RE:"));
	assert_non_null(str_icasestr("Automatic Reply: x", "reply"));
	assert_null(str_icasestr("abc", "abd"));
}

static void test_clock_parse(void **state)
{
	static const struct {
		const char *in;
		int rc;
		long long t;
	} cases[] = {
	    {"", -1, 0},
	    {"2026-02-30", -1, 0},
	    {"2026-13-01", -1, 0},
	    {"2026-11-27T25:00", -1, 0},
	    {"2026-11-27T09:00:00+0", -1, 0},
	    {"2026-11-27x", -1, 0},
	    {"2026-11-27", 0, 1795712400},
	    {"2026-11-27T09:00", 0, 1795744800},
	    {"2026-11-27T09:00:00+07:00", 0, 1795744800},
	    {"2026-11-27T02:00:00Z", 0, 1795744800},
	    {"2026-11-26T21:00:00-05:00", 0, 1795744800},
	    {"2024-02-29T00:00:00+0700", 0, 1709139600},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		time_t t = 0;

		assert_int_equal(clock_parse_iso(cases[i].in, &t), cases[i].rc);
		if (cases[i].rc == 0) {
			assert_int_equal((long long)t, cases[i].t);
		}
	}
}

static void test_clock_format(void **state)
{
	char buf[32];

	(void)state;
	/* 2026-12-31T17:30:00Z is already 2027 in Hanoi. */
	clock_format_iso(1798738200, buf);
	assert_string_equal(buf, "2027-01-01T00:30:00+07:00");
	clock_format_local(1798738200, buf);
	assert_string_equal(buf, "01/01/2027 00:30");
}

static void test_json(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {NULL, "null"},
	    {"", "\"\""},
	    {"Đồng ý", "\"Đồng ý\""},
	    {"a\"b\\c\n\t\x01", "\"a\\\"b\\\\c\\n\\t\\u0001\""},
	    {"bad \xff\xc3(", "\"bad \\ufffd\\ufffd(\""},
	    {"\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\""}, /* surrogate */
	    {"\xc0\xaf", "\"\\ufffd\\ufffd\""},            /* overlong */
	};
	char *list[] = {"x", NULL, NULL};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sbuf sb = SBUF_INIT(1024);

		json_add_string(&sb, cases[i].in);
		assert_string_equal(sbuf_str(&sb), cases[i].out);
		sbuf_release(&sb);
	}
	{
		struct sbuf sb = SBUF_INIT(1024);

		json_add_string_list(&sb, list);
		json_add_string_list(&sb, NULL);
		json_add_field(&sb, true, "k", NULL);
		assert_string_equal(sbuf_str(&sb), "[\"x\"][],\"k\":null");
		sbuf_release(&sb);
	}
}

static void test_sbuf_add_html(void **state)
{
	struct sbuf sb = SBUF_INIT(1024);

	(void)state;
	sbuf_add_html(&sb, "a<b>&\"c'd Đồng ý");
	sbuf_add_html(&sb, NULL);
	assert_string_equal(sbuf_str(&sb),
			    "a&lt;b&gt;&amp;&quot;c&#39;d Đồng ý");
	sbuf_release(&sb);
}

/* What json_add_string_list writes reads back, joined; anything else is
 * NULL. */
static void test_json_list_join(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {"[]", ""},
	    {"[\"Bộ Tài chính\"]", "Bộ Tài chính"},
	    {" [ \"a\" , \"b\\\"c\" ] ", NULL}, /* leading space */
	    {"[ \"a\" , \"b\\\"c\" ] ", "a; b\"c"},
	    {"[\"x\\u0001\\n\\ufffd\\u00e9\"]", "x\x01\n\xef\xbf\xbd\xc3\xa9"},
	    {"[\"\\ud800\"]", "\xef\xbf\xbd"},
	    {"", NULL},
	    {"[", NULL},
	    {"[\"a\"", NULL},
	    {"[\"a\",]", NULL},
	    {"[\"a\"]x", NULL},
	    {"[\"\\q\"]", NULL},
	    {"[\"\\u12\"]", NULL},
	    {"[1]", NULL},
	    {"{}", NULL},
	};

	(void)state;
	assert_null(json_string_list_join(NULL, ", "));
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *r = json_string_list_join(cases[i].in, "; ");

		if (!cases[i].out) {
			assert_null(r);
			continue;
		}
		assert_non_null(r);
		assert_string_equal(r, cases[i].out);
		free(r);
	}
	{
		char *list[] = {"Kính gửi: \"A\"", "B\tC", NULL};
		struct sbuf sb = SBUF_INIT(1024);
		char *r;

		json_add_string_list(&sb, list);
		r = json_string_list_join(sbuf_str(&sb), "|");
		assert_string_equal(r, "Kính gửi: \"A\"|B\tC");
		free(r);
		sbuf_release(&sb);
	}
}

/* What one line at each level looks like, with stderr on a temporary file
 * that JOURNAL_STREAM names (journal) or does not (plain). */
static char *logged(bool journal, void (*fn)(const char *fmt, ...))
{
	char path[] = "/tmp/congvan-log-XXXXXX";
	int fd = mkstemp(path), saved = dup(STDERR_FILENO);
	struct stat sb;
	char *data = NULL, *stream;

	assert_true(fd >= 0 && saved >= 0);
	assert_int_equal(fstat(fd, &sb), 0);
	stream = xasprintf("%llu:%llu", (unsigned long long)sb.st_dev,
			   (unsigned long long)sb.st_ino + (journal ? 0 : 1));
	setenv("JOURNAL_STREAM", stream, 1);
	fflush(stderr);
	dup2(fd, STDERR_FILENO);
	log_init("congvan", LOG_LEVEL_DEBUG, true);
	assert_int_equal(log_to_journal(), journal);
	fn("item '%s'", "CV-2026-000001");
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(fd);
	unsetenv("JOURNAL_STREAM");
	log_init("congvan", LOG_LEVEL_INFO, false);
	assert_int_equal(file_read_all(path, &data, NULL), 0);
	unlink(path);
	free(stream);
	return data;
}

static void test_log_journal(void **state)
{
	static const struct {
		void (*fn)(const char *fmt, ...);
		const char *journal;
		const char *plain;
	} cases[] = {
	    {log_errorx, "<3>error: ", "congvan: error: "},
	    {log_warnx, "<4>warning: ", "congvan: warning: "},
	    {log_notice, "<5>notice: ", "congvan: notice: "},
	    {log_info, "<6>info: ", "congvan: info: "},
	    {log_debug, "<7>debug: ", "congvan: debug: "},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *want =
		    xasprintf("%sitem 'CV-2026-000001'\n", cases[i].journal);
		char *got = logged(true, cases[i].fn);

		assert_string_equal(got, want);
		free(got);
		free(want);
		/* Elsewhere: a time stamp, the program and the level. */
		got = logged(false, cases[i].fn);
		assert_non_null(strstr(got, cases[i].plain));
		assert_true(got[0] >= '2' && got[0] <= '9');
		assert_null(strchr(got, '<'));
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sbuf_cap),
	    cmocka_unit_test(test_sbuf_grow),
	    cmocka_unit_test(test_str_to_long),
	    cmocka_unit_test(test_str_helpers),
	    cmocka_unit_test(test_clock_parse),
	    cmocka_unit_test(test_clock_format),
	    cmocka_unit_test(test_json),
	    cmocka_unit_test(test_json_list_join),
	    cmocka_unit_test(test_sbuf_add_html),
	    cmocka_unit_test(test_log_journal),
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
