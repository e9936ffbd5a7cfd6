/* Unit tests for src/intake/read_ahead.c: the reading thread's queue, with
 * the messages of notices it writes into the pack beside the messages it
 * reads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "congvan/util.h"
#include "../../src/intake/private.h"

static const struct message_classify_opts opts = {NULL, "congvan@bo.gov.vn",
						  "CV"};
static const struct reader_opts reader = {0};

static char *take(const char *s)
{
	return xstrdup(s);
}

/* A message read and two notices written come off the queue in the
 * order queued, each done; the notices' bytes are at their places. */
static void test_order_and_places(void **state)
{
	char path[] = "/tmp/congvan-read-ahead-XXXXXX";
	static const char msg[] = "From: a@b.vn\r\nSubject: x\r\n\r\nbody\r\n";
	int fd = mkstemp(path);
	struct read_ahead *r;
	struct store_blob_place place = {fd, 1, 0, "/tmp"};
	struct read_job *j;
	char got[16] = "";

	(void)state;
	assert_true(fd >= 0);
	r = intake_ahead_start(&opts, &reader);
	intake_ahead_push(r, 7, msg, strlen(msg), 0, true, NULL);
	place.offset = 5;
	intake_ahead_push_write(r, &place, take("world"), 5);
	place.offset = 0;
	intake_ahead_push_write(r, &place, take("hello"), 5);
	j = intake_ahead_pop(r, true);
	assert_non_null(j);
	assert_false(j->write_only);
	assert_int_equal(j->uid, 7);
	assert_true(j->done);
	assert_int_equal(strlen(j->sha), STORE_SHA_HEX - 1);
	intake_job_free(&j);
	for (int k = 0; k < 2; k++) {
		j = intake_ahead_pop(r, true);
		assert_non_null(j);
		assert_true(j->write_only);
		assert_true(j->done);
		assert_null(j->write_error);
		assert_int_equal(j->place.offset, k == 0 ? 5 : 0);
		intake_job_free(&j);
	}
	assert_null(intake_ahead_pop(r, true));
	intake_ahead_stop(&r);
	assert_null(r);
	assert_int_equal(pread(fd, got, sizeof(got) - 1, 0), 10);
	assert_string_equal(got, "helloworld");
	close(fd);
	unlink(path);
}

/* A notice's message that cannot be written comes off the queue with the
 * reason; one still queued when the thread stops is freed unwritten. */
static void test_write_fails(void **state)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	struct store_blob_place place = {fd, 3, 0, "/var/lib/congvan"};
	struct read_ahead *r;
	struct read_job *j;

	(void)state;
	assert_true(fd >= 0);
	r = intake_ahead_start(&opts, &reader);
	intake_ahead_push_write(r, &place, take("lost"), 4);
	j = intake_ahead_pop(r, true);
	assert_non_null(j);
	assert_non_null(j->write_error);
	assert_non_null(strstr(j->write_error, "cannot write pack 3"));
	intake_job_free(&j);
	intake_ahead_push_write(r, &place, take("left"), 4);
	intake_ahead_stop(&r);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_order_and_places),
	    cmocka_unit_test(test_write_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
