/* Unit tests for src/intake/read_ahead.c: messages are read on one thread
 * and kept on another, in the order they were queued; after a keep
 * fails, nothing more is kept and draining says why. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/intake/private.h"

#define MESSAGES 200

struct kept {
	uint32_t uid[MESSAGES + 3];
	size_t n;
	uint32_t fail_at; /* the keep of this UID fails; 0: none */
	bool inspected;   /* every job kept was read first */
};

static int keep(void *ctx, const struct read_job *j, char **error_r)
{
	struct kept *k = ctx;

	if (j->uid == k->fail_at) {
		*error_r = strdup("the disk is full");
		return -1;
	}
	k->inspected = k->inspected && j->done && j->sha[0] &&
		       j->in.info.subject &&
		       strstr(j->in.info.subject, "Công văn") != NULL;
	k->uid[k->n++] = j->uid;
	return 0;
}

static const struct message_classify_opts opts = {"secret", "cv@bo.gov.vn",
						  "CV"};

/* Queues messages 1..n as the intake thread does; returns how many were
 * queued before a wait for room failed. */
static uint32_t queue(struct read_ahead *r, uint32_t n, char **error_r)
{
	for (uint32_t uid = 1; uid <= n; uid++) {
		char msg[512];
		int len = snprintf(msg, sizeof(msg),
				   "From: Sở Công Thương <sct@na.gov.vn>\r\n"
				   "To: cv@bo.gov.vn\r\n"
				   "Subject: Công văn số %u/SCT-QLTM\r\n"
				   "Message-ID: <%u@na.gov.vn>\r\n\r\n"
				   "Kính gửi Bộ Công Thương.\r\n",
				   uid, uid);

		if (intake_ahead_wait_room(r, (size_t)len, error_r) < 0) {
			return uid - 1;
		}
		intake_ahead_push(r, uid, msg, (size_t)len, 0, true, NULL);
	}
	return n;
}

static void test_kept_in_order(void **state)
{
	struct kept k = {.inspected = true};
	struct read_ahead *r = intake_ahead_start(&opts, NULL, keep, &k);
	char *error = NULL;

	(void)state;
	assert_int_equal(queue(r, MESSAGES, &error), MESSAGES);
	assert_int_equal(intake_ahead_drain(r, &error), 0);
	assert_int_equal(k.n, MESSAGES);
	for (size_t i = 0; i < k.n; i++) {
		assert_int_equal(k.uid[i], i + 1);
	}
	assert_true(k.inspected);
	/* Drained: nothing waits, and the next batch goes on the same way. */
	assert_int_equal(queue(r, 3, &error), 3);
	assert_int_equal(intake_ahead_drain(r, &error), 0);
	assert_int_equal(k.n, MESSAGES + 3);
	assert_int_equal(k.uid[MESSAGES + 2], 3);
	intake_ahead_stop(&r);
	assert_null(r);
}

static void test_failure_stops_keeping(void **state)
{
	struct kept k = {.inspected = true, .fail_at = 7};
	struct read_ahead *r = intake_ahead_start(&opts, NULL, keep, &k);
	char *error = NULL;
	uint32_t queued;

	(void)state;
	queued = queue(r, MESSAGES, &error);
	/* The wait for room tells the failure as soon as it sees it, and
	 * never before the failing message was queued. */
	assert_true(queued >= 7);
	if (queued < MESSAGES) {
		assert_string_equal(error, "the disk is full");
		free(error);
		error = NULL;
	}
	assert_int_equal(intake_ahead_drain(r, &error), -1);
	assert_string_equal(error, "the disk is full");
	free(error);
	error = NULL;
	/* Only what came before the failing message was kept. */
	assert_int_equal(k.n, 6);
	assert_int_equal(k.uid[5], 6);
	/* The failure is told once: the queue is empty after it. */
	assert_int_equal(intake_ahead_drain(r, &error), 0);
	intake_ahead_stop(&r);
}

static void test_stop_drops_queued(void **state)
{
	struct kept k = {.inspected = true};
	struct read_ahead *r = intake_ahead_start(&opts, NULL, keep, &k);
	char *error = NULL;

	(void)state;
	assert_int_equal(queue(r, 10, &error), 10);
	/* Stopping without a drain (a failed fetch) frees what is queued;
	 * what was kept before stays kept, in order. */
	intake_ahead_stop(&r);
	assert_null(r);
	for (size_t i = 0; i < k.n; i++) {
		assert_int_equal(k.uid[i], i + 1);
	}
	intake_ahead_stop(&r); /* NULL-safe */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kept_in_order),
	    cmocka_unit_test(test_failure_stops_keeping),
	    cmocka_unit_test(test_stop_drops_queued),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
