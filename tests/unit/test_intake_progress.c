/* Unit tests for src/intake/progress.c: the line a long intake shows on a
 * terminal, and when it is shown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "../../src/intake/private.h"

static void test_line(void **state)
{
	char buf[160];

	(void)state;
	/* 1200 taken in 3 s: 400/s, 1800 left take 4.5 s */
	intake_progress_line(buf, sizeof(buf), 1200, 3000, 3.0, false);
	assert_string_equal(buf,
			    "intake: 1200 of 3000 messages (40%), 400/s, 4 s"
			    " left");
	intake_progress_line(buf, sizeof(buf), 3000, 3000, 7.5, true);
	assert_string_equal(buf, "intake: 3000 of 3000 messages (100%), 400/s,"
				 " done in 8 s");
	/* no time has passed: no rate, no guess */
	intake_progress_line(buf, sizeof(buf), 0, 250, 0, false);
	assert_string_equal(buf, "intake: 0 of 250 messages (0%)");
	/* a tiny buffer is cut, never overrun */
	intake_progress_line(buf, 8, 1, 2, 1, false);
	assert_string_equal(buf, "intake:");
}

/* When standard error is not a terminal nothing is shown, whatever the
 * count; the count still goes on. */
static void test_not_shown(void **state)
{
	struct intake_progress p;
	int fd = open("/dev/null", O_WRONLY), saved = dup(STDERR_FILENO);

	(void)state;
	assert_true(fd >= 0 && saved >= 0);
	dup2(fd, STDERR_FILENO);
	close(fd);
	intake_progress_start(&p, 5000);
	dup2(saved, STDERR_FILENO);
	close(saved);
	assert_false(p.shown);
	for (int i = 0; i < 300; i++) {
		intake_progress_step(&p);
	}
	assert_int_equal(p.done, 300);
	intake_progress_end(&p);
	assert_false(p.shown);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_line),
	    cmocka_unit_test(test_not_shown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
