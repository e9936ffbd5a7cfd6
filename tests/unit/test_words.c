/* The catalogue: every word in both languages, and the two ask for the
 * same printf arguments in the same order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "congvan/words.h"

/* The conversions of a printf format, e.g. "sd" for "%s ... %d". */
static void conversions(const char *fmt, char out[16])
{
	size_t n = 0;

	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			continue;
		}
		p++;
		if (*p == '%') {
			continue;
		}
		assert_true(*p == 's' || *p == 'd');
		assert_true(n < 15);
		out[n++] = *p;
	}
	out[n] = '\0';
}

static void test_catalogue(void **state)
{
	(void)state;
	for (int i = 0; i < W_COUNT; i++) {
		const char *vi = words_get("vi", (enum word)i);
		const char *en = words_get("en", (enum word)i);
		char a[16], b[16];

		assert_non_null(vi);
		assert_non_null(en);
		if (!*vi || !*en) {
			fail_msg("word %d is empty in a language", i);
		}
		conversions(vi, a);
		conversions(en, b);
		if (strcmp(a, b) != 0) {
			fail_msg("word %d: '%s' and '%s' differ in arguments",
				 i, vi, en);
		}
	}
	/* Vietnamese is the default; only "en" is English */
	assert_string_equal(words_get(NULL, W_OFFICE), "Văn phòng");
	assert_string_equal(words_get("fr", W_OFFICE), "Văn phòng");
	assert_string_equal(words_get("en", W_OFFICE), "the Office");
	assert_true(words_english("en"));
	assert_false(words_english("vi"));
	assert_false(words_english(NULL));
	assert_string_equal(words_get("en", W_COUNT), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_catalogue),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
