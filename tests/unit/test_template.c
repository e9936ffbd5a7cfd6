#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/outbox.h"
#include "congvan/template.h"
#include "congvan/util.h"

static const struct template_var vars[] = {
    {"key", "CV-2026-000001"},
    {"arrival_no", "1"},
    {"registered", "27/11/2026 09:00"},
    {"sender", "Bộ Tài chính <vp@mof.gov.vn>"},
    {"subject", "V/v báo cáo <quý> & \"năm\""},
    {"organization", "Bộ Công Thương"},
    {"number", "2536/BCT-VP"},
    {"letter_date", "2023-04-27"},
    {"deadline", "—"},
    {"duplicate_of", "—"},
};

static void test_expand(void **state)
{
	static const struct {
		const char *in;
		int html;
		int rc;
		const char *out;
	} cases[] = {
	    {"", 0, 0, ""},
	    {"no variables", 0, 0, "no variables"},
	    {"{{key}}", 0, 0, "CV-2026-000001"},
	    {"[{{key}}] {{arrival_no}}", 0, 0, "[CV-2026-000001] 1"},
	    {"{{subject}}", 1, 0,
	     "V/v báo cáo &lt;quý&gt; &amp; &quot;năm&quot;"},
	    {"{{nope}}", 0, -1, NULL},
	    {"{{key", 0, -1, NULL},
	    {"a\nb\n{{typo}}", 0, -1, NULL},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *out = NULL, *err = NULL;
		int rc = template_expand(cases[i].in, vars, ARRAY_SIZE(vars),
					 cases[i].html, &out, &err);

		assert_int_equal(rc, cases[i].rc);
		if (rc == 0) {
			assert_string_equal(out, cases[i].out);
		} else {
			assert_non_null(err);
		}
		free(out);
		free(err);
	}
}

/* The shipped templates render in both languages with every variable. */
static void test_shipped(void **state)
{
	static const char *const langs[] = {"vi", "en"};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(langs); i++) {
		struct template_out t;
		char *err = NULL;

		assert_int_equal(template_render("templates", langs[i],
						 "registered", vars,
						 ARRAY_SIZE(vars), &t, &err),
				 0);
		assert_non_null(strstr(t.subject, "[CV-2026-000001]"));
		assert_non_null(strstr(t.text, "CV-2026-000001"));
		assert_non_null(t.html);
		assert_non_null(strstr(t.html, "&lt;quý&gt;"));
		template_out_free(&t);
	}
}

static void test_missing(void **state)
{
	struct template_out t;
	char *err = NULL;

	(void)state;
	assert_int_equal(template_render("templates", "fr", "registered", vars,
					 ARRAY_SIZE(vars), &t, &err),
			 -1);
	assert_non_null(strstr(err, "templates/fr/registered.txt"));
	free(err);
}

static void test_check(void **state)
{
	char *err = NULL;

	(void)state;
	assert_int_equal(template_check("templates", "vi", "registered", &err),
			 0);
	assert_int_equal(template_check("templates", "en", "registered", &err),
			 0);
	assert_int_equal(template_check("templates", "vi", "nope", &err), -1);
	assert_non_null(strstr(err, "nope.txt"));
	free(err);
	template_cache_clear();
}

static void test_backoff(void **state)
{
	(void)state;
	assert_int_equal(outbox_backoff(0), 60);
	assert_int_equal(outbox_backoff(1), 120);
	assert_int_equal(outbox_backoff(3), 480);
	assert_int_equal(outbox_backoff(50), 4 * 3600);
	assert_int_equal(outbox_backoff(1000000), 4 * 3600);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_expand),  cmocka_unit_test(test_shipped),
	    cmocka_unit_test(test_missing), cmocka_unit_test(test_check),
	    cmocka_unit_test(test_backoff),
	};

	int rc = cmocka_run_group_tests_name("template", tests, NULL, NULL);

	template_cache_clear();
	return rc;
}
