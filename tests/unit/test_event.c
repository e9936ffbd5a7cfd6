/* The names of statuses and event kinds, the typed details as JSON, and
 * the line each kind gives people. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "congvan/event.h"
#include "congvan/util.h"
#include "congvan/workday.h"

static int32_t day(const char *s)
{
	int32_t d = 0;

	assert_int_equal(workday_parse_date(s, &d), 0);
	return d;
}

static void test_names(void **state)
{
	enum event_kind k;
	enum item_status s;

	(void)state;
	for (int i = 0; i < EV_KIND_COUNT; i++) {
		const char *name = event_kind_name((enum event_kind)i);

		assert_non_null(name);
		assert_int_equal(event_kind_parse(name, &k), 0);
		assert_int_equal(k, i);
		for (int j = 0; j < i; j++) {
			assert_string_not_equal(
			    name, event_kind_name((enum event_kind)j));
		}
	}
	assert_int_equal(event_kind_parse("no-such-kind", &k), -1);
	assert_int_equal(event_kind_parse(NULL, &k), -1);
	assert_string_equal(event_kind_name(EV_KIND_COUNT), "unknown");
	for (int i = 0; i < ITEM_STATUS_COUNT; i++) {
		const char *name = event_item_status_name((enum item_status)i);

		assert_int_equal(event_item_status_parse(name, &s), 0);
		assert_int_equal(s, i);
		assert_non_null(strstr(event_item_status_list(), name));
	}
	assert_int_equal(event_item_status_parse("open", &s), -1);
	assert_true(event_item_status_is_open(ITEM_ASSIGNED));
	assert_true(event_item_status_is_open(ITEM_DISPUTED));
	assert_false(event_item_status_is_open(ITEM_REGISTERED));
	assert_false(event_item_status_is_open(ITEM_DONE));
	assert_false(event_item_status_is_open(ITEM_RETURNED));
	assert_string_equal(ITEM_STATUS_OPEN_SQL, "('assigned', 'disputed')");
	/* the report's history reads kinds that exist (a typo would only
	 * leave events out of every report) */
	size_t n = 0;
	for (const char *p = strchr(EVENT_KIND_HISTORY_SQL, '\''), *q; p;
	     p = strchr(q + 1, '\'')) {
		char name[32];

		q = strchr(p + 1, '\'');
		assert_non_null(q);
		assert_true(q - p - 1 < (long)sizeof(name));
		snprintf(name, sizeof(name), "%.*s", (int)(q - p - 1), p + 1);
		assert_int_equal(event_kind_parse(name, &k), 0);
		n++;
	}
	assert_int_equal(n, 5);
}

/* Each kind keeps the fields it carries and drops the others; the line
 * for people is the wording the audit trail has always had. */
static void test_kinds(void **state)
{
	static const char *const coord[] = {"PC", "TC", NULL};
	const struct {
		enum event_kind kind;
		struct event_data d;
		const char *json; /* NULL: none */
		const char *line; /* NULL: none */
	} cases[] = {
	    {EV_ASSIGNED,
	     {.unit = "TTTN",
	      .coordinate = coord,
	      .due = day("05/01/2027"),
	      .reason = "dropped"},
	     "{\"unit\":\"TTTN\",\"coordinate\":[\"PC\",\"TC\"],\"due\":20823}",
	     "lead TTTN, deadline 05/01/2027"},
	    {EV_DELEGATED,
	     {.address = "a@x",
	      .name = "Nguyễn Văn A",
	      .due = day("04/01/2027")},
	     "{\"address\":\"a@x\",\"name\":\"Nguyễn Văn A\",\"due\":20822}",
	     "a@x, deadline 04/01/2027"},
	    {EV_DEADLINE_SET,
	     {.due = day("18/01/2027")},
	     "{\"due\":20836}",
	     "deadline 18/01/2027"},
	    {EV_EXTENSION_GRANTED,
	     {.due = day("18/01/2027")},
	     "{\"due\":20836}",
	     "18/01/2027"},
	    {EV_EXTENSION_REQUESTED,
	     {.due = day("18/01/2027"), .reason = "chờ \"số liệu\""},
	     "{\"due\":20836,\"reason\":\"chờ \\\"số liệu\\\"\"}",
	     "to 18/01/2027: chờ \"số liệu\""},
	    {EV_TRANSFERRED,
	     {.unit = "PC", .to_unit = "TTTN", .reason = "thuộc chức năng"},
	     "{\"unit\":\"PC\",\"to_unit\":\"TTTN\",\"reason\":\"thuộc chức "
	     "năng\"}",
	     "PC -> TTTN: thuộc chức năng"},
	    {EV_RETURNED,
	     {.unit = "TC", .reason = "không đúng"},
	     "{\"unit\":\"TC\",\"reason\":\"không đúng\"}",
	     "TC: không đúng"},
	    {EV_DONE, {.days = 0}, NULL, "on time"},
	    {EV_DONE, {.days = 3}, "{\"days\":3}", "late by 3 working days"},
	    {EV_OPINION,
	     {.unit = "PC", .state = "disagree", .late = true},
	     "{\"unit\":\"PC\",\"state\":\"disagree\",\"late\":1}",
	     "PC: disagree (late)"},
	    {EV_OPINION,
	     {.unit = "TC", .state = "agree"},
	     "{\"unit\":\"TC\",\"state\":\"agree\"}",
	     "TC: agree"},
	    {EV_CONSULTED,
	     {.unit = "XNK", .due = day("08/01/2027")},
	     "{\"unit\":\"XNK\",\"due\":20826}",
	     "XNK"},
	    {EV_DEEMED_AGREEMENT,
	     {.unit = "TC"},
	     "{\"unit\":\"TC\"}",
	     "TC: no clear answer by the deadline"},
	    {EV_CALENDAR_REQUEST,
	     {.uid = "cv-1.lead.tttn@x", .sequence = 2, .due = 20823},
	     "{\"due\":20823,\"uid\":\"cv-1.lead.tttn@x\",\"sequence\":2}",
	     "cv-1.lead.tttn@x SEQUENCE 2, 05/01/2027"},
	    {EV_CALENDAR_DECLINED,
	     {.role = "lead", .uid = "u@x", .sequence = 1, .text = ": bận họp"},
	     "{\"role\":\"lead\",\"uid\":\"u@x\",\"sequence\":1}",
	     "lead u@x SEQUENCE 1: bận họp"},
	    {EV_MAIL_QUEUED,
	     {.template = "assigned", .address = "a@x, b@x"},
	     "{\"address\":\"a@x, b@x\",\"template\":\"assigned\"}",
	     "assigned to a@x, b@x"},
	    {EV_RATE_LIMITED,
	     {.template = "ack", .address = "a@x", .text = "10 in 10 minutes"},
	     "{\"address\":\"a@x\",\"template\":\"ack\"}",
	     "a@x: 10 in 10 minutes"},
	    {EV_REGISTERED, {.text = "V/v báo cáo"}, NULL, "V/v báo cáo"},
	    {EV_REPLY_RECORDED, {0}, NULL, NULL},
	    {EV_SETTLED, {.text = "đã thống nhất"}, NULL, "đã thống nhất"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *json = event_data_json(cases[i].kind, &cases[i].d);
		char *line = event_describe(cases[i].kind, &cases[i].d);

		if (cases[i].json) {
			assert_non_null(json);
			assert_string_equal(json, cases[i].json);
		} else {
			assert_null(json);
		}
		if (cases[i].line) {
			assert_non_null(line);
			assert_string_equal(line, cases[i].line);
		} else {
			assert_null(line);
		}
		free(json);
		free(line);
	}
	assert_null(event_data_json(EV_ASSIGNED, NULL));
	assert_null(event_describe(EV_REGISTERED, NULL));
	{
		char *line = event_describe(EV_ASSIGNED, NULL);

		assert_string_equal(line, "lead , deadline ");
		free(line);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_kinds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
