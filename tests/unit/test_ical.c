/* Unit tests for src/ical: the REQUEST and CANCEL of a deadline, read
 * back with libical; REPLY samples as Outlook, Gmail and Thunderbird
 * send them (tests/data/ical/), and malformed ones.  Run from the
 * repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libical/ical.h>
#include <utf8proc.h>

#include "congvan/ical.h"
#include "congvan/util.h"
#include "congvan/workday.h"

#define ICAL_DIR "tests/data/ical/"

static struct workcal *cal;

static int setup(void **state)
{
	static const char holidays[] = "2027-01-01 Fri off Tết Dương lịch\n";
	char *err = NULL;

	(void)state;
	if (workcal_load_buffer("h.txt", holidays, sizeof(holidays) - 1,
				"mon-fri", &cal, &err) < 0) {
		fail_msg("%s", err);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	workcal_free(&cal);
	return 0;
}

static int32_t day(const char *ymd)
{
	int32_t d = 0;

	assert_int_equal(workday_parse_date(ymd, &d), 0);
	return d;
}

static const struct ical_attendee lead_attendees[] = {
    {"tttn@congvan.test", "Vụ Thị trường trong nước", true},
    {"truong.tttn@congvan.test", NULL, true},
    {"phapche@congvan.test", "Vụ \"Pháp chế\"", false},
};

#define SUBJECT                                                                                         \
	"V/v góp ý dự thảo Nghị định về thương mại điện tử và quản lý hoạt" \
	" động kinh doanh trên nền tảng số"

/* The lead unit's event of CV-2026-000001, due Mon 4/1/2027. */
static struct ical_event lead_event(void)
{
	struct ical_event ev = {
	    .uid = "cv-2026-000001.lead.tttn@congvan.test",
	    .sequence = 0,
	    .now = 1798420000, /* 2026-12-28T01:06:40Z */
	    .key = "CV-2026-000001",
	    .subject = SUBJECT,
	    .number = "1201/BCT-TMĐT",
	    .part = ICAL_PART_LEAD,
	    .unit = "Vụ Thị trường trong nước",
	    .due_day = day("2027-01-04"),
	    .cal = cal,
	    .organizer = "congvan@congvan.test",
	    .organizer_name = "Bộ Công Thương",
	    .attendees = lead_attendees,
	    .n_attendees = ARRAY_SIZE(lead_attendees),
	};
	return ev;
}

static char *build_ok(const struct ical_event *ev, bool cancel)
{
	char *text = NULL, *err = NULL;

	if (ical_build(ev, cancel, &text, &err) < 0) {
		fail_msg("ical_build: %s", err);
	}
	assert_non_null(text);
	return text;
}

/* Lines end in CRLF, hold at most 75 octets, never split a UTF-8
 * sequence, and the whole is valid UTF-8 in NFC. */
static void check_lines(const char *text)
{
	const char *p = text;
	utf8proc_uint8_t *nfc;

	while (*p) {
		const char *cr = strstr(p, "\r\n");
		size_t n;

		assert_non_null(cr);
		n = (size_t)(cr - p);
		if (n > 75) {
			fail_msg("line of %zu octets: %.*s", n, (int)n, p);
		}
		for (size_t i = 0; i < n; i++) {
			assert_true(p[i] != '\n' && p[i] != '\r');
		}
		/* a continuation line starts with a space, never with the
		 * middle of a character */
		assert_true(((unsigned char)p[0] & 0xc0) != 0x80);
		p = cr + 2;
	}
	nfc = utf8proc_NFC((const utf8proc_uint8_t *)text);
	assert_non_null(nfc);
	assert_string_equal((const char *)nfc, text);
	free(nfc);
}

static icalproperty *prop(icalcomponent *c, icalproperty_kind k)
{
	icalproperty *p = icalcomponent_get_first_property(c, k);

	assert_non_null(p);
	return p;
}

static const char *param(icalproperty *p, icalparameter_kind k)
{
	icalparameter *v = icalproperty_get_first_parameter(p, k);

	return v ? icalparameter_as_ical_string(v) : NULL;
}

static void test_request(void **state)
{
	struct ical_event ev = lead_event();
	char *text = build_ok(&ev, false);
	icalcomponent *root, *ve, *alarm;
	struct icaltimetype t;
	struct icaltriggertype trig;
	icalproperty *p;
	int n = 0;

	(void)state;
	check_lines(text);
	assert_non_null(strstr(text, "\r\nDTSTART;VALUE=DATE:20270104\r\n"));
	assert_non_null(strstr(text, "\r\nDTEND;VALUE=DATE:20270105\r\n"));
	assert_non_null(
	    strstr(text, "\r\nTRIGGER;VALUE=DATE-TIME:20261231T020000Z\r\n"));
	root = icalparser_parse_string(text);
	assert_non_null(root);
	assert_int_equal(icalcomponent_isa(root), ICAL_VCALENDAR_COMPONENT);
	assert_int_equal(icalcomponent_count_errors(root), 0);
	assert_string_equal(
	    icalproperty_get_prodid(prop(root, ICAL_PRODID_PROPERTY)),
	    "-//congvan//congvan//VI");
	assert_string_equal(
	    icalproperty_get_version(prop(root, ICAL_VERSION_PROPERTY)), "2.0");
	assert_int_equal(
	    icalproperty_get_method(prop(root, ICAL_METHOD_PROPERTY)),
	    ICAL_METHOD_REQUEST);
	assert_int_equal(
	    icalcomponent_count_components(root, ICAL_VEVENT_COMPONENT), 1);
	ve = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_uid(ve),
			    "cv-2026-000001.lead.tttn@congvan.test");
	assert_int_equal(icalcomponent_get_sequence(ve), 0);
	t = icalcomponent_get_dtstart(ve);
	assert_true(t.is_date);
	assert_int_equal(t.year, 2027);
	assert_int_equal(t.month, 1);
	assert_int_equal(t.day, 4);
	t = icalcomponent_get_dtend(ve);
	assert_true(t.is_date);
	assert_int_equal(t.day, 5);
	t = icalproperty_get_dtstamp(prop(ve, ICAL_DTSTAMP_PROPERTY));
	assert_true(icaltime_is_utc(t));
	assert_int_equal(icaltime_as_timet(t), 1798420000);
	/* the whole subject, unfolded, in Vietnamese */
	assert_string_equal(icalcomponent_get_summary(ve),
			    "Hạn xử lý: [CV-2026-000001] " SUBJECT);
	assert_non_null(
	    strstr(icalcomponent_get_description(ve), "1201/BCT-TMĐT"));
	assert_non_null(
	    strstr(icalcomponent_get_description(ve), "Hạn: 04/01/2027"));
	assert_non_null(
	    strstr(icalcomponent_get_description(ve), "Hoàn thành"));
	p = prop(ve, ICAL_ORGANIZER_PROPERTY);
	assert_string_equal(icalproperty_get_organizer(p),
			    "mailto:congvan@congvan.test");
	assert_string_equal(
	    icalparameter_get_cn(
		icalproperty_get_first_parameter(p, ICAL_CN_PARAMETER)),
	    "Bộ Công Thương");
	for (p = icalcomponent_get_first_property(ve, ICAL_ATTENDEE_PROPERTY);
	     p; p = icalcomponent_get_next_property(ve, ICAL_ATTENDEE_PROPERTY),
	    n++) {
		const struct ical_attendee *a = &lead_attendees[n];
		char *want = xasprintf("mailto:%s", a->address);

		assert_string_equal(icalproperty_get_attendee(p), want);
		free(want);
		assert_string_equal(param(p, ICAL_ROLE_PARAMETER),
				    a->required ? "ROLE=REQ-PARTICIPANT"
						: "ROLE=OPT-PARTICIPANT");
		assert_string_equal(param(p, ICAL_PARTSTAT_PARAMETER),
				    "PARTSTAT=NEEDS-ACTION");
		assert_string_equal(param(p, ICAL_RSVP_PARAMETER),
				    a->required ? "RSVP=TRUE" : "RSVP=FALSE");
		if (n == 0) {
			assert_string_equal(
			    icalparameter_get_cn(
				icalproperty_get_first_parameter(
				    p, ICAL_CN_PARAMETER)),
			    "Vụ Thị trường trong nước");
		} else if (n == 1) {
			assert_null(param(p, ICAL_CN_PARAMETER));
		} else {
			/* no double quote inside a parameter value */
			assert_string_equal(
			    icalparameter_get_cn(
				icalproperty_get_first_parameter(
				    p, ICAL_CN_PARAMETER)),
			    "Vụ 'Pháp chế'");
		}
	}
	assert_int_equal(n, 3);
	assert_int_equal(icalcomponent_get_status(ve), ICAL_STATUS_CONFIRMED);
	assert_int_equal(
	    icalproperty_get_transp(prop(ve, ICAL_TRANSP_PROPERTY)),
	    ICAL_TRANSP_TRANSPARENT);
	p = prop(ve, ICAL_X_PROPERTY);
	assert_string_equal(icalproperty_get_x_name(p), "X-CONGVAN-ITEM");
	assert_string_equal(icalproperty_get_x(p), "CV-2026-000001");
	/* the alarm: 09:00 UTC+7 on Thu 31/12, Fri 1/1 being a holiday */
	alarm = icalcomponent_get_first_component(ve, ICAL_VALARM_COMPONENT);
	assert_non_null(alarm);
	assert_int_equal(
	    icalproperty_get_action(prop(alarm, ICAL_ACTION_PROPERTY)),
	    ICAL_ACTION_DISPLAY);
	assert_non_null(strstr(icalproperty_get_description(
				   prop(alarm, ICAL_DESCRIPTION_PROPERTY)),
			       "[CV-2026-000001]"));
	trig = icalproperty_get_trigger(prop(alarm, ICAL_TRIGGER_PROPERTY));
	assert_true(icaltime_is_utc(trig.time));
	assert_int_equal(trig.time.year, 2026);
	assert_int_equal(trig.time.month, 12);
	assert_int_equal(trig.time.day, 31);
	assert_int_equal(trig.time.hour, 2);
	assert_int_equal(trig.time.minute, 0);
	icalcomponent_free(root);
	free(text);
}

static void test_cancel(void **state)
{
	struct ical_event ev = lead_event();
	char *text;
	icalcomponent *root, *ve;
	icalproperty *p;

	(void)state;
	ev.sequence = 3;
	text = build_ok(&ev, true);
	check_lines(text);
	root = icalparser_parse_string(text);
	assert_non_null(root);
	assert_int_equal(
	    icalproperty_get_method(prop(root, ICAL_METHOD_PROPERTY)),
	    ICAL_METHOD_CANCEL);
	ve = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_uid(ve), ev.uid);
	assert_int_equal(icalcomponent_get_sequence(ve), 3);
	assert_int_equal(icalcomponent_get_status(ve), ICAL_STATUS_CANCELLED);
	assert_null(
	    icalcomponent_get_first_component(ve, ICAL_VALARM_COMPONENT));
	assert_non_null(strstr(icalcomponent_get_description(ve), "hủy"));
	p = prop(ve, ICAL_ATTENDEE_PROPERTY);
	assert_null(param(p, ICAL_RSVP_PARAMETER));
	assert_null(param(p, ICAL_PARTSTAT_PARAMETER));
	icalcomponent_free(root);
	free(text);
}

/* Other parts, English, and text that is not clean. */
static void test_parts(void **state)
{
	static const struct ical_attendee one[] = {
	    {"a.nguyen@congvan.test", "Nguyễn Văn A", true}};
	struct ical_event ev = lead_event();
	char *text;
	icalcomponent *root, *ve;

	(void)state;
	ev.part = ICAL_PART_CONSULT;
	ev.unit = "Vụ Pháp chế";
	ev.lead = "Vụ Thị trường trong nước";
	ev.language = "en";
	ev.attendees = one;
	ev.n_attendees = 1;
	ev.subject = "Báo cáo\r\nBcc: x@evil\x01 quý \xff IV";
	ev.due_day = day("2027-01-05"); /* Tue: the alarm on Mon 4/1 */
	text = build_ok(&ev, false);
	check_lines(text);
	root = icalparser_parse_string(text);
	ve = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_summary(ve),
			    "Opinion due: [CV-2026-000001] Báo cáo  Bcc: "
			    "x@evil  quý ÿ IV");
	assert_non_null(strstr(icalcomponent_get_description(ve),
			       "Vụ Thị trường trong nước asks Vụ Pháp chế"));
	assert_non_null(
	    strstr(text, "TRIGGER;VALUE=DATE-TIME:20270104T020000Z"));
	icalcomponent_free(root);
	free(text);

	ev.part = ICAL_PART_HANDLER;
	ev.language = "vi";
	ev.subject = NULL;
	ev.number = NULL;
	ev.cal = NULL; /* the alarm on the day before */
	text = build_ok(&ev, false);
	root = icalparser_parse_string(text);
	ve = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_summary(ve),
			    "Hạn xử lý: [CV-2026-000001]");
	assert_non_null(
	    strstr(icalcomponent_get_description(ve), "hạn xử lý nội bộ"));
	assert_non_null(
	    strstr(text, "TRIGGER;VALUE=DATE-TIME:20270104T020000Z"));
	icalcomponent_free(root);
	free(text);
}

/* Folding at every length, with and without spaces and multi-octet
 * characters near the fold: libical 3.0 alone can fold between the CR
 * and LF that end a line (found by fuzz_ical). */
static void test_folding(void **state)
{
	static const char *const units[] = {"x", "ồ", "a;", "\xc2\xa0", "ab "};

	(void)state;
	for (size_t u = 0; u < ARRAY_SIZE(units); u++) {
		/* up to the 300 bytes of a subject kept in SUMMARY */
		for (size_t n = 0; n * strlen(units[u]) <= 300; n++) {
			struct ical_event ev = lead_event();
			struct sbuf sb = SBUF_INIT(1 << 16);
			icalcomponent *root, *ve;
			char *text, *want;

			for (size_t i = 0; i < n; i++) {
				sbuf_adds(&sb, units[u]);
			}
			ev.subject = sbuf_str(&sb);
			ev.unit = sbuf_str(&sb);
			ev.organizer_name = sbuf_str(&sb);
			text = build_ok(&ev, n % 2 == 1);
			check_lines(text);
			root = icalparser_parse_string(text);
			ve = icalcomponent_get_first_component(
			    root, ICAL_VEVENT_COMPONENT);
			assert_non_null(ve);
			assert_string_equal(icalcomponent_get_uid(ve), ev.uid);
			want = xasprintf("Hạn xử lý: [CV-2026-000001]%s%s",
					 n ? " " : "", sbuf_str(&sb));
			str_trim(want);
			assert_string_equal(icalcomponent_get_summary(ve),
					    want);
			free(want);
			icalcomponent_free(root);
			free(text);
			sbuf_release(&sb);
		}
	}
}

/* --- written as libical would write it ------------------------------------ */

static uint64_t rnd_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

/* A string of up to max pieces: letters, what TEXT and parameter values
 * escape or quote, controls, Vietnamese in NFC and decomposed. */
static char *rnd_text(size_t max)
{
	static const char *const pieces[] = {
	    "a",        "Z",    " ",
	    ";",        ",",    ":",
	    "\\",       "\"",   "'",
	    "^",        "=",    "\t",
	    "\n",       "\r\n", "\x01",
	    "ồ",        "Vụ",   "Đ",
	    "ư",        "ế",    "e\xcc\x82\xcc\x81" /* ế decomposed */,
	    "\xc2\xa0", "x.",   "-",
	    "mailto:"};
	struct sbuf sb = SBUF_INIT(SIZE_MAX - 1);
	size_t n = max ? rnd() % (max + 1) : 0;

	for (size_t i = 0; i < n; i++) {
		sbuf_adds(&sb, pieces[rnd() % ARRAY_SIZE(pieces)]);
	}
	return sbuf_detach(&sb);
}

/* A UID as ical_uid makes them, with what TEXT escapes. */
static char *rnd_uid(void)
{
	static const char *const pieces[] = {
	    "cv-2026-1", ".lead", ";", ",", "\\", ":", "@bo.gov.vn", "x"};
	struct sbuf sb = SBUF_INIT(SIZE_MAX - 1);
	size_t n = 1 + rnd() % 6;

	for (size_t i = 0; i < n; i++) {
		sbuf_adds(&sb, pieces[rnd() % ARRAY_SIZE(pieces)]);
	}
	return sbuf_detach(&sb);
}

/* The object without its folding. */
static char *unfolded(const char *text)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX - 1);

	for (const char *p = text; *p; p++) {
		if (p[0] == '\r' && p[1] == '\n' &&
		    (p[2] == ' ' || p[2] == '\t')) {
			p += 2;
			continue;
		}
		sbuf_addch(&sb, *p);
	}
	return sbuf_detach(&sb);
}

/* Whatever the event holds, libical reads what ical_build wrote and writes
 * the same content lines back: the values escaped, the parameters quoted,
 * the dates and properties as libical's own serializer has them. */
static void test_written_as_libical_writes(void **state)
{
	static const char *const addresses[] = {
	    "tttn@congvan.test", "truong.tttn@bo.gov.vn", "a.b-c_d@x.y.vn",
	    "phapche@congvan.test"};
	static const char *const keys[] = {"CV-2026-000001", "CV-2027-123456",
					   "ABC", "X-1"};

	(void)state;
	for (int round = 0; round < 3000; round++) {
		struct ical_attendee att[4];
		char *names[4] = {NULL, NULL, NULL, NULL};
		struct ical_event ev = lead_event();
		char *uid = rnd_uid(), *subject = rnd_text(80),
		     *number = rnd_text(8), *unit = rnd_text(20),
		     *lead = rnd_text(20), *org = rnd_text(20);
		char *text, *mine, *theirs, *again;
		icalcomponent *root;
		bool cancel = rnd() % 3 == 0;

		ev.n_attendees = 1 + rnd() % 4;
		for (size_t i = 0; i < ev.n_attendees; i++) {
			names[i] = rnd() % 4 ? rnd_text(20) : NULL;
			att[i].address =
			    addresses[rnd() % ARRAY_SIZE(addresses)];
			att[i].name = names[i];
			att[i].required = rnd() % 2;
		}
		ev.attendees = att;
		ev.uid = uid;
		ev.sequence = (int)(rnd() % 7);
		ev.now = (time_t)(1700000000 + rnd() % 200000000);
		ev.key = keys[rnd() % ARRAY_SIZE(keys)];
		ev.subject = rnd() % 5 ? subject : NULL;
		ev.number = rnd() % 3 ? number : NULL;
		ev.part = (enum ical_part)(rnd() % 4);
		ev.unit = unit;
		ev.lead = lead;
		ev.due_day = day("2026-01-05") + (int32_t)(rnd() % 800);
		ev.cal = rnd() % 2 ? cal : NULL;
		ev.organizer_name = rnd() % 4 ? org : NULL;
		ev.language = rnd() % 2 ? "en" : NULL;

		text = build_ok(&ev, cancel);
		check_lines(text);
		root = icalparser_parse_string(text);
		assert_non_null(root);
		again = icalcomponent_as_ical_string_r(root);
		mine = unfolded(text);
		theirs = unfolded(again);
		if (strcmp(mine, theirs) != 0) {
			size_t at = 0;

			while (mine[at] == theirs[at]) {
				at++;
			}
			while (at > 0 && mine[at - 1] != '\n') {
				at--;
			}
			fail_msg("round %d, ours then libical's:\n%.*s\n%.*s",
				 round, (int)strcspn(mine + at, "\r"),
				 mine + at, (int)strcspn(theirs + at, "\r"),
				 theirs + at);
		}
		free(mine);
		free(theirs);
		icalmemory_free_buffer(again);
		icalcomponent_free(root);
		free(text);
		for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
			free(names[i]);
		}
		free(uid);
		free(subject);
		free(number);
		free(unit);
		free(lead);
		free(org);
	}
	icalmemory_free_ring();
}

static void test_build_errors(void **state)
{
	static const struct ical_attendee bad[] = {
	    {"not an address", NULL, true}};
	struct ical_event ev;
	char *text = (char *)"x", *err = NULL;

	(void)state;
	for (int i = 0; i < 6; i++) {
		ev = lead_event();
		switch (i) {
		case 0:
			ev.uid = NULL;
			break;
		case 1:
			ev.key = "";
			break;
		case 2:
			ev.due_day = 0;
			break;
		case 3:
			ev.organizer = "congvan";
			break;
		case 4:
			ev.n_attendees = 0;
			break;
		default:
			ev.attendees = bad;
			ev.n_attendees = 1;
		}
		assert_int_equal(ical_build(&ev, false, &text, &err), -1);
		assert_null(text);
		assert_non_null(err);
		assert_true(str_startswith(err, "calendar: "));
		free(err);
		err = NULL;
	}
}

static void test_uid(void **state)
{
	char *a, *b;

	(void)state;
	a = ical_uid("CV-2026-000001", ICAL_PART_LEAD, "TTTN", "congvan.test",
		     NULL);
	assert_string_equal(a, "cv-2026-000001.lead.tttn@congvan.test");
	free(a);
	a = ical_uid("CV-2026-000001", ICAL_PART_CONSULT, "Vu-PC_2", "d.vn",
		     NULL);
	assert_string_equal(a, "cv-2026-000001.consult.vu-pc_2@d.vn");
	free(a);
	/* a person is hashed, the same whatever the case */
	a = ical_uid("CV-2026-000001", ICAL_PART_HANDLER, "A.Nguyen@X.vn",
		     "congvan.test", NULL);
	b = ical_uid("cv-2026-000001", ICAL_PART_HANDLER, "a.nguyen@x.vn",
		     "congvan.test", NULL);
	assert_string_equal(a, b);
	assert_true(str_startswith(a, "cv-2026-000001.handler."));
	assert_null(strstr(a, "nguyen"));
	assert_int_equal(strlen(a), strlen("cv-2026-000001.handler.") + 12 +
					strlen("@congvan.test"));
	free(b);
	b = ical_uid("CV-2026-000001", ICAL_PART_HANDLER, "b.tran@x.vn",
		     "congvan.test", NULL);
	assert_string_not_equal(a, b);
	free(a);
	free(b);
	/* a code with other characters is hashed too */
	a = ical_uid("CV-2026-000001", ICAL_PART_LEAD, "Vụ PC", "d", NULL);
	assert_null(strstr(a, " "));
	free(a);
	/* Under the service secret the UID carries a mark of 16 hex
	 * digits that only its holder can make; another secret, another
	 * part or another unit gives another mark. */
	a = ical_uid("CV-2026-000001", ICAL_PART_LEAD, "TTTN", "congvan.test",
		     "0123456789abcdef");
	b = ical_uid("cv-2026-000001", ICAL_PART_LEAD, "tttn", "congvan.test",
		     "0123456789abcdef");
	assert_string_equal(a, b);
	assert_true(str_startswith(a, "cv-2026-000001.lead.tttn."));
	assert_int_equal(strlen(a), strlen("cv-2026-000001.lead.tttn.") + 16 +
					strlen("@congvan.test"));
	assert_int_equal(
	    strspn(a + strlen("cv-2026-000001.lead.tttn."), "0123456789abcdef"),
	    16);
	free(b);
	b = ical_uid("CV-2026-000001", ICAL_PART_LEAD, "TTTN", "congvan.test",
		     "fedcba9876543210");
	assert_string_not_equal(a, b);
	free(b);
	b = ical_uid("CV-2026-000001", ICAL_PART_CONSULT, "TTTN",
		     "congvan.test", "0123456789abcdef");
	assert_string_not_equal(a + strlen("cv-2026-000001.lead.tttn."),
				b + strlen("cv-2026-000001.consult.tttn."));
	free(b);
	b = ical_uid("CV-2026-000002", ICAL_PART_LEAD, "TTTN", "congvan.test",
		     "0123456789abcdef");
	assert_string_not_equal(a + strlen("cv-2026-000001.lead.tttn."),
				b + strlen("cv-2026-000002.lead.tttn."));
	free(b);
	free(a);
	/* an empty secret marks nothing, as NULL */
	a = ical_uid("CV-2026-000001", ICAL_PART_LEAD, "TTTN", "congvan.test",
		     "");
	assert_string_equal(a, "cv-2026-000001.lead.tttn@congvan.test");
	free(a);
	assert_string_equal(ical_part_name(ICAL_PART_COORDINATE), "coordinate");
	assert_string_equal(ical_answer_name(ICAL_ANSWER_TENTATIVE),
			    "tentative");
}

/* --- replies -------------------------------------------------------------- */

static char *fixture(const char *name, size_t *len_r)
{
	char *path = xasprintf(ICAL_DIR "%s", name);
	char *data = NULL;

	if (file_read_all(path, &data, len_r) < 0) {
		fail_msg("cannot read %s", path);
	}
	free(path);
	return data;
}

static void test_reply_samples(void **state)
{
	static const struct {
		const char *file, *uid, *attendee;
		enum ical_answer answer;
		int sequence;
		const char *comment;
	} cases[] = {
	    {"outlook-accept.ics", "cv-2026-000001.lead.tttn@congvan.test",
	     "truong.tttn@congvan.test", ICAL_ANSWER_ACCEPTED, 0,
	     "Đã nhận, Vụ sẽ xử lý đúng hạn."},
	    {"gmail-decline.ics", "cv-2026-000001.lead.tttn@congvan.test",
	     "truong.tttn@congvan.test", ICAL_ANSWER_DECLINED, 1, NULL},
	    {"thunderbird-tentative.ics",
	     "cv-2026-000001.consult.pc@congvan.test", "phapche@congvan.test",
	     ICAL_ANSWER_TENTATIVE, 2, NULL},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct ical_reply r;
		size_t len;
		char *text = fixture(cases[i].file, &len), *err = NULL;

		if (ical_reply_parse(text, len, &r, &err) < 0) {
			fail_msg("%s: %s", cases[i].file, err);
		}
		assert_string_equal(r.uid, cases[i].uid);
		assert_string_equal(r.attendee, cases[i].attendee);
		assert_int_equal(r.answer, cases[i].answer);
		assert_int_equal(r.sequence, cases[i].sequence);
		if (cases[i].comment) {
			assert_string_equal(r.comment, cases[i].comment);
		} else {
			assert_null(r.comment);
		}
		ical_reply_release(&r);
		ical_reply_release(&r); /* safe twice */

		/* LF line ends read the same; so does text without its
		 * NUL (the length counts) */
		{
			struct sbuf lf = SBUF_INIT(1 << 20);

			for (size_t k = 0; k < len; k++) {
				if (text[k] != '\r') {
					sbuf_addch(&lf, text[k]);
				}
			}
			sbuf_adds(&lf, "GARBAGE");
			assert_int_equal(ical_reply_parse(sbuf_str(&lf),
							  lf.len - 7, &r, &err),
					 0);
			assert_string_equal(r.uid, cases[i].uid);
			ical_reply_release(&r);
			sbuf_release(&lf);
		}
		free(text);
	}
	ical_reply_release(NULL);
}

/* Another date proposed (iTIP COUNTER), as Outlook's "Propose New Time"
 * and Thunderbird's counter-proposal send it: the proposed DTSTART's
 * date; where several attendees are listed, the mail's sender. */
static void test_counter_samples(void **state)
{
	static const struct {
		const char *file, *sender, *attendee, *proposed;
		int sequence;
		const char *comment;
	} cases[] = {
	    {"outlook-counter.ics", "truong.tttn@congvan.test",
	     "truong.tttn@congvan.test", "2027-01-12", 1,
	     "Vụ cần thêm thời gian lấy ý kiến các Sở Công Thương, xin lùi "
	     "hạn đến 12/01."},
	    {"outlook-counter.ics", NULL, "truong.tttn@congvan.test",
	     "2027-01-12", 1, NULL},
	    /* every attendee listed: the sender's counts, in any case */
	    {"thunderbird-counter.ics", "Truong.TTTN@congvan.test",
	     "truong.tttn@congvan.test", "2027-01-11", 2, NULL},
	    /* without a sender, or one not listed, the first */
	    {"thunderbird-counter.ics", NULL, "tttn@congvan.test", "2027-01-11",
	     2, NULL},
	    {"thunderbird-counter.ics", "x@congvan.test", "tttn@congvan.test",
	     "2027-01-11", 2, NULL},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct ical_reply r;
		size_t len;
		char *text = fixture(cases[i].file, &len), *err = NULL;

		if (ical_answer_parse(text, len, cases[i].sender, &r, &err) <
		    0) {
			fail_msg("%s: %s", cases[i].file, err);
		}
		assert_int_equal(r.answer, ICAL_ANSWER_COUNTER);
		assert_string_equal(r.uid,
				    "cv-2026-000001.lead.tttn@congvan.test");
		assert_string_equal(r.attendee, cases[i].attendee);
		assert_string_equal(r.proposed, cases[i].proposed);
		assert_int_equal(r.sequence, cases[i].sequence);
		if (cases[i].comment) {
			assert_string_equal(r.comment, cases[i].comment);
		}
		ical_reply_release(&r);
		free(text);
	}
	assert_string_equal(ical_answer_name(ICAL_ANSWER_COUNTER), "counter");
}

/* The proposed date: a DATE as written, a local time's date in its own
 * zone, a UTC time's in Vietnam's (UTC+7). */
static void test_counter_dates(void **state)
{
	static const struct {
		const char *dtstart, *proposed;
	} cases[] = {
	    {"DTSTART;VALUE=DATE:20270112", "2027-01-12"},
	    {"DTSTART:20270112", "2027-01-12"},
	    {"DTSTART;TZID=Asia/Ho_Chi_Minh:20270111T233000", "2027-01-11"},
	    {"DTSTART:20270111T080000", "2027-01-11"},
	    {"DTSTART:20270111T170000Z", "2027-01-12"}, /* 00:00 in Hà Nội */
	    {"DTSTART:20270111T165959Z", "2027-01-11"},
	    {"DTSTART:20271231T180000Z", "2028-01-01"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *text = xasprintf(
		    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:COUNTER\r\n"
		    "BEGIN:VEVENT\r\nUID:u1@x\r\n%s\r\n"
		    "ATTENDEE;PARTSTAT=TENTATIVE:mailto:a@x.vn\r\n"
		    "END:VEVENT\r\nEND:VCALENDAR\r\n",
		    cases[i].dtstart);
		struct ical_reply r;
		char *err = NULL;

		if (ical_reply_parse(text, strlen(text), &r, &err) < 0) {
			fail_msg("%s: %s", cases[i].dtstart, err);
		}
		if (strcmp(r.proposed, cases[i].proposed) != 0) {
			fail_msg("%s: %s, expected %s", cases[i].dtstart,
				 r.proposed, cases[i].proposed);
		}
		ical_reply_release(&r);
		free(text);
	}
}

/* s unfolded (RFC 5545 3.1).  Caller frees. */
static char *unfold(const char *s)
{
	struct sbuf sb = SBUF_INIT(1 << 20);

	for (; *s; s++) {
		if (s[0] == '\r' && s[1] == '\n' &&
		    (s[2] == ' ' || s[2] == '\t')) {
			s += 2;
			continue;
		}
		sbuf_addch(&sb, *s);
	}
	return sbuf_detach(&sb);
}

/* s with the first from replaced by to.  Caller frees. */
static char *replace(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);

	assert_non_null(p);
	return xasprintf("%.*s%s%s", (int)(p - s), s, to, p + strlen(from));
}

/* Our own REQUEST turned into a REPLY the way a client does. */
static void test_reply_of_ours(void **state)
{
	struct ical_event ev = lead_event();
	char *text, *a, *b, *err = NULL;
	struct ical_reply r;

	(void)state;
	ev.sequence = 4;
	text = build_ok(&ev, false);
	a = unfold(text);
	free(text);
	text = a;
	a = replace(text, "METHOD:REQUEST", "METHOD:REPLY");
	b = replace(a, "PARTSTAT=NEEDS-ACTION", "PARTSTAT=ACCEPTED");
	assert_int_equal(ical_reply_parse(b, strlen(b), &r, &err), 0);
	assert_string_equal(r.uid, ev.uid);
	assert_string_equal(r.attendee, "tttn@congvan.test");
	assert_int_equal(r.answer, ICAL_ANSWER_ACCEPTED);
	assert_int_equal(r.sequence, 4);
	ical_reply_release(&r);
	/* a REQUEST is not an answer */
	assert_int_equal(ical_reply_parse(text, strlen(text), &r, &err), -1);
	free(err);
	free(a);
	free(b);
	free(text);
}

#define VCAL(method, body)                                                     \
	"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n" method      \
	"BEGIN:VEVENT\r\nDTSTAMP:20261228T000000Z\r\n" body                    \
	"END:VEVENT\r\nEND:VCALENDAR\r\n"
#define REPLY_M "METHOD:REPLY\r\n"
#define UID_L   "UID:u1@x\r\n"
#define ATT_OK  "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@x.vn\r\n"

static void test_reply_malformed(void **state)
{
	static const struct {
		const char *text;
		const char *why; /* NULL: accepted */
		const char *attendee;
		int sequence;
	} cases[] = {
	    {"", "empty", NULL, 0},
	    {"hello world", "not an iCalendar", NULL, 0},
	    {"BEGIN:VCALENDAR\r\n", "not an iCalendar", NULL, 0},
	    {VCAL("METHOD:REQUEST\r\n", UID_L ATT_OK), "not METHOD:REPLY", NULL,
	     0},
	    {VCAL("", UID_L ATT_OK), "not METHOD:REPLY", NULL, 0},
	    {"BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n",
	     "no VEVENT", NULL, 0},
	    {VCAL(REPLY_M, ATT_OK), "no UID", NULL, 0},
	    {VCAL(REPLY_M, "UID:\r\n" ATT_OK), "no UID", NULL, 0},
	    {VCAL(REPLY_M, "UID:a\\nb\r\n" ATT_OK), "no UID", NULL, 0},
	    {VCAL(REPLY_M, UID_L), "no ATTENDEE", NULL, 0},
	    {VCAL(REPLY_M,
		  UID_L "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:a@x\r\n"),
	     "no ATTENDEE", NULL, 0},
	    {VCAL(REPLY_M, UID_L "ATTENDEE;PARTSTAT=DELEGATED:mailto:a@x\r\n"),
	     "no ATTENDEE", NULL, 0},
	    {VCAL(REPLY_M, UID_L "ATTENDEE:mailto:a@x\r\n"), "no ATTENDEE",
	     NULL, 0},
	    {VCAL(REPLY_M, UID_L "ATTENDEE;PARTSTAT=ACCEPTED:a@x\r\n"),
	     "no ATTENDEE", NULL, 0},
	    {VCAL(REPLY_M, UID_L "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a b@x\r\n"),
	     "no ATTENDEE", NULL, 0},
	    {VCAL(REPLY_M, UID_L "ATTENDEE;PARTSTAT=ACCEPTED:mailto:\r\n"),
	     "no ATTENDEE", NULL, 0},
	    /* the first attendee with an answer counts; SEQUENCE absent */
	    {VCAL(REPLY_M, UID_L
		  "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:o@x\r\n"
		  "ATTENDEE;PARTSTAT=declined:MailTo: B@X.VN \r\n" ATT_OK),
	     NULL, "b@x.vn", -1},
	    {VCAL(REPLY_M, UID_L "SEQUENCE:-5\r\n" ATT_OK), NULL, "a@x.vn", -1},
	    {VCAL(REPLY_M, UID_L "SEQUENCE:x\r\n" ATT_OK), NULL, "a@x.vn", 0},
	    /* a counter-proposal needs a date; any PARTSTAT will do */
	    {VCAL("METHOD:COUNTER\r\n", UID_L ATT_OK),
	     "without a valid DTSTART", NULL, 0},
	    {VCAL("METHOD:COUNTER\r\n",
		  UID_L "DTSTART;VALUE=DATE:20270231\r\n" ATT_OK),
	     "without a valid DTSTART", NULL, 0},
	    {VCAL("METHOD:COUNTER\r\n",
		  UID_L "DTSTART;VALUE=DATE:20270112\r\n"),
	     "no ATTENDEE with a mailto", NULL, 0},
	    {VCAL("METHOD:COUNTER\r\n", UID_L "DTSTART;VALUE=DATE:20270112\r\n"
					      "ATTENDEE:mailto:c@x.vn\r\n"),
	     NULL, "c@x.vn", -1},
	    {VCAL("METHOD:DECLINECOUNTER\r\n",
		  UID_L "DTSTART;VALUE=DATE:20270112\r\n" ATT_OK),
	     "not METHOD:REPLY", NULL, 0},
	    /* several objects: the first counts */
	    {VCAL(REPLY_M, UID_L ATT_OK)
		 VCAL("METHOD:REQUEST\r\n", UID_L ATT_OK),
	     NULL, "a@x.vn", -1},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct ical_reply r;
		char *err = NULL;
		int rc = ical_reply_parse(cases[i].text, strlen(cases[i].text),
					  &r, &err);

		if (cases[i].why) {
			if (rc != -1 || !err || !strstr(err, cases[i].why)) {
				fail_msg("case %zu: rc %d, error '%s'", i, rc,
					 err ? err : "(none)");
			}
			assert_null(r.uid);
			free(err);
			continue;
		}
		if (rc != 0) {
			fail_msg("case %zu: %s", i, err);
		}
		assert_string_equal(r.uid, "u1@x");
		assert_string_equal(r.attendee, cases[i].attendee);
		if (cases[i].sequence != 0) {
			assert_int_equal(r.sequence, cases[i].sequence);
		}
		ical_reply_release(&r);
	}
}

static void test_reply_limits(void **state)
{
	struct ical_reply r;
	char *err = NULL;
	size_t n = ICAL_REPLY_MAX + 1;
	char *big = xmalloc(n + 1);
	struct sbuf sb = SBUF_INIT(SIZE_MAX - 1);

	(void)state;
	assert_int_equal(ical_reply_parse(NULL, 0, &r, &err), -1);
	free(err);
	memset(big, 'A', n);
	big[n] = '\0';
	assert_int_equal(ical_reply_parse(big, n, &r, &err), -1);
	assert_non_null(strstr(err, "too large"));
	free(err);
	free(big);
	/* deep nesting and a huge UID are refused, not crashed on */
	sbuf_adds(&sb, "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\n");
	for (int i = 0; i < 2000; i++) {
		sbuf_adds(&sb, "BEGIN:VEVENT\r\n");
	}
	sbuf_adds(&sb, "UID:");
	for (int i = 0; i < 300; i++) {
		sbuf_addch(&sb, 'u');
	}
	sbuf_adds(&sb, "\r\n" ATT_OK);
	assert_int_equal(ical_reply_parse(sbuf_str(&sb), sb.len, &r, &err), -1);
	free(err);
	sbuf_release(&sb);
	/* a COMMENT is cut to 500 bytes at a character boundary */
	sbuf_adds(&sb, "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n"
		       "UID:u@x\r\n" ATT_OK "COMMENT:");
	for (int i = 0; i < 400; i++) {
		sbuf_adds(&sb, "ồ");
	}
	sbuf_adds(&sb, "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
	assert_int_equal(ical_reply_parse(sbuf_str(&sb), sb.len, &r, &err), 0);
	assert_true(strlen(r.comment) <= 500);
	assert_true(strlen(r.comment) >= 495);
	assert_int_equal(strlen(r.comment) % strlen("ồ"), 0);
	ical_reply_release(&r);
	sbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_request),
	    cmocka_unit_test(test_cancel),
	    cmocka_unit_test(test_parts),
	    cmocka_unit_test(test_folding),
	    cmocka_unit_test(test_written_as_libical_writes),
	    cmocka_unit_test(test_build_errors),
	    cmocka_unit_test(test_uid),
	    cmocka_unit_test(test_reply_samples),
	    cmocka_unit_test(test_reply_of_ours),
	    cmocka_unit_test(test_counter_samples),
	    cmocka_unit_test(test_counter_dates),
	    cmocka_unit_test(test_reply_malformed),
	    cmocka_unit_test(test_reply_limits),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
