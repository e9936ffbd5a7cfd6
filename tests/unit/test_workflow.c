/* Unit tests for the pure parts of the workflow: signed reply addresses,
 * deadlines as people write them in replies, and the day a deadline a
 * letter states falls on; and, on a store in a temporary folder, that an
 * item the lifecycle changes holds what a reload would read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/workflow/private.h"
#include "congvan/clock.h"

static struct config cfg;
static struct runtime rt;

static int setup(void **state)
{
	static char from[] = "congvan@congvan.test";
	struct workcal *cal = NULL;
	char *err = NULL;
	static const char holidays[] = "2027-01-01 Fri off Tết Dương lịch\n";

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	memset(&rt, 0, sizeof(rt));
	cfg.smtp.from = from;
	cfg.smtp.reply_plus = true;
	cfg.service.language = (char *)"vi";
	if (workcal_load_buffer("h.txt", holidays, sizeof(holidays) - 1,
				"mon-fri", &cal, &err) < 0) {
		fail_msg("%s", err);
	}
	rt.cfg = &cfg;
	rt.cal = cal;
	rt.secret = "8f3c0a9b2d";
	assert_int_equal(
	    clock_parse_iso("2026-12-28T09:00:00+07:00", &rt.fixed_now), 0);
	return 0;
}

static int teardown(void **state)
{
	struct workcal *cal = (struct workcal *)rt.cal;

	(void)state;
	workcal_free(&cal);
	return 0;
}

static void test_reply_address(void **state)
{
	char key[32];
	char *a, *t;

	(void)state;
	a = workflow_reply_address(&rt, "CV-2026-000001");
	assert_non_null(a);
	assert_true(str_startswith(a, "congvan+cv-2026-000001."));
	assert_non_null(strstr(a, "@congvan.test"));
	assert_int_equal(strlen(a), strlen("congvan+cv-2026-000001.") + 10 +
					strlen("@congvan.test"));
	assert_int_equal(workflow_reply_token(&rt, a, key), 1);
	assert_string_equal(key, "CV-2026-000001");

	/* any case */
	t = xstrdup(a);
	for (char *p = t; *p; p++) {
		*p = (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p;
	}
	assert_int_equal(workflow_reply_token(&rt, t, key), 1);
	free(t);

	/* one digit changed, another key with this signature, another box
	 * or domain, no token: none names an item */
	t = xstrdup(a);
	t[strlen("congvan+cv-2026-000001.")] ^= 1;
	assert_int_equal(workflow_reply_token(&rt, t, key), 0);
	free(t);
	t = xstrdup(a);
	t[strlen("congvan+cv-2026-00000")] = '2';
	assert_int_equal(workflow_reply_token(&rt, t, key), 0);
	free(t);
	t = xasprintf("other%s", a + strlen("congvan"));
	assert_int_equal(workflow_reply_token(&rt, t, key), 0);
	free(t);
	t = xstrdup(a);
	strcpy(strrchr(t, '@'), "@evil.test");
	assert_int_equal(workflow_reply_token(&rt, t, key), 0);
	free(t);
	assert_int_equal(workflow_reply_token(&rt, "congvan@congvan.test", key),
			 0);
	assert_int_equal(
	    workflow_reply_token(&rt, "congvan+.0123456789@congvan.test", key),
	    0);
	assert_int_equal(workflow_reply_token(&rt, "", key), 0);
	assert_int_equal(workflow_reply_token(&rt, NULL, key), 0);

	/* another secret, another signature */
	rt.secret = "another";
	assert_int_equal(workflow_reply_token(&rt, a, key), 0);
	rt.secret = NULL;
	assert_null(workflow_reply_address(&rt, "CV-2026-000001"));
	rt.secret = "8f3c0a9b2d";
	cfg.smtp.reply_plus = false;
	assert_null(workflow_reply_address(&rt, "CV-2026-000001"));
	cfg.smtp.reply_plus = true;
	free(a);
}

/* Counted from Mon 28/12/2026; Fri 1/1/2027 is a holiday. */
static void test_parse_due(void **state)
{
	static const struct {
		const char *in;
		const char *day; /* NULL: an error */
	} cases[] = {
	    {"5 ngày làm việc", "2027-01-05"},
	    {"5 ngay lam viec", "2027-01-05"},
	    {"5 NGÀY", "2027-01-05"},
	    {"5 working days", "2027-01-05"},
	    {"1 working day", "2026-12-29"},
	    {"5", "2027-01-05"},
	    {"04/01/2027", "2027-01-04"},
	    {"4/1/2027", "2027-01-04"},
	    {"2027-01-04", "2027-01-04"},
	    {"01/01/2027", "2027-01-04"}, /* a holiday rolls forward */
	    {"02/01/2027", "2027-01-04"}, /* a Saturday too */
	    /* as people write it */
	    {"thêm 5 ngày làm việc", "2027-01-05"},
	    {"5 ngày làm việc.", "2027-01-05"},
	    {"đến 4/1", "2027-01-04"},
	    {"đến ngày 04/01/2027", "2027-01-04"},
	    {"trước ngày 4/1/27", "2027-01-04"},
	    {"Ngày 30/12.", "2026-12-30"},
	    {"30-12-2026", "2026-12-30"},
	    {"until 2027-01-04", "2027-01-04"},
	    {"by 4/1", "2027-01-04"},
	    /* "trong ngày D/M": that day; "trong N ngày làm việc": N days */
	    {"trong ngày 30/12", "2026-12-30"},
	    {"trong ngày 30/12/2026", "2026-12-30"},
	    {"ngay trong ngày 30/12.", "2026-12-30"},
	    {"trong ngay 30/12", "2026-12-30"},
	    {"trong 5 ngày làm việc", "2027-01-05"},
	    {"within 5 working days", "2027-01-05"},
	    /* written in words, with a weekday or an hour (key lines) */
	    {"4 January 2027", "2027-01-04"},
	    {"January 4, 2027", "2027-01-04"},
	    {"Jan 4", "2027-01-04"},
	    {"Jan. 4th", "2027-01-04"},
	    {"by 4 Jan 2027", "2027-01-04"},
	    {"ngày 4 tháng 1 năm 2027", "2027-01-04"},
	    {"trước 4 tháng 1", "2027-01-04"},
	    {"thứ Hai, 04/01/2027", "2027-01-04"},
	    {"04/01/2027 (thứ Hai)", "2027-01-04"},
	    {"trước thứ Hai ngày 4/1", "2027-01-04"},
	    {"17h00 ngày 04/01/2027", "2027-01-04"},
	    {"trước 15 giờ ngày 4/1", "2027-01-04"},
	    {"2027-01-04.", "2027-01-04"},
	    {"thứ Hai, 04/01/2027 (thứ Hai)", "2027-01-04"},
	    {"thứ Sáu, 04/01/2027", NULL}, /* a Monday: refused */
	    {"thứ Hai, 04/01/2027 (thứ Ba)", NULL},
	    {"thứ Hai", NULL},
	    {"4 Janvier 2027", NULL},
	    {"trong ngày", NULL},
	    {"trong tuần", NULL},
	    {"thêm", NULL},
	    {"đến mai", NULL},
	    {"0 ngày", NULL},
	    {"400 days", NULL},
	    {"5 tuần", NULL},
	    {"31/02/2027", NULL},
	    {"sớm nhất có thể", NULL},
	    {"", NULL},
	};

	(void)state;
	assert_int_equal(wf_due_days("thêm 3 ngày làm việc"), 3);
	assert_int_equal(wf_due_days("3 working days."), 3);
	assert_int_equal(wf_due_days("15/1/2027"), 0);
	assert_int_equal(wf_due_days("5 tuần"), 0);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int32_t day = -1;
		char *err = NULL, buf[11];
		int rc = wf_parse_due(&rt, cases[i].in, &day, &err);

		if (!cases[i].day) {
			assert_int_equal(rc, -1);
			assert_non_null(err);
			assert_non_null(strstr(err, cases[i].in));
			free(err);
			continue;
		}
		if (rc != 0) {
			fail_msg("'%s': %s", cases[i].in, err);
		}
		workday_format(day, buf);
		if (strcmp(buf, cases[i].day) != 0) {
			fail_msg("'%s': %s, want %s", cases[i].in, buf,
				 cases[i].day);
		}
	}
}

/* A weekday the date is not: refused, saying which day the date is. */
static void test_parse_due_weekday(void **state)
{
	int32_t day = -1;
	char *err = NULL;

	(void)state;
	assert_int_equal(wf_parse_due(&rt, "thứ Sáu, 04/01/2027", &day, &err),
			 -1);
	assert_int_equal(day, -1);
	assert_string_equal(err, "'thứ Sáu, 04/01/2027': ngày 04/01/2027 là "
				 "thứ Hai, không phải thứ Sáu");
	free(err);
	err = NULL;
	assert_int_equal(
	    wf_parse_extension(&rt, 0, "Friday, January 4, 2027", &day, &err),
	    -1);
	assert_non_null(strstr(err, "thứ Hai, không phải thứ Sáu"));
	free(err);
}

/* A letter received on Mon 28/12/2026 (1/1/2027 is a holiday). */
static void test_letter_due(void **state)
{
	static const struct {
		const char *kind, *deadline, *from, *date;
		int days;
		const char *want; /* NULL: none */
	} cases[] = {
	    /* 29, 30, 31 Dec, (1 Jan off), 4, 5 Jan */
	    {"working_days", NULL, "receipt", NULL, 5, "2027-01-05"},
	    {"days", NULL, "receipt", NULL, 10, "2027-01-07"},
	    /* ends on Sat 2/1 or on the holiday: the next working day */
	    {"days", NULL, "receipt", NULL, 5, "2027-01-04"},
	    {"days", NULL, "receipt", NULL, 4, "2027-01-04"},
	    {"days", NULL, "receipt", NULL, 3, "2026-12-31"},
	    {"date", "2027-01-02", NULL, NULL, 0, "2027-01-04"},
	    {"month", "2027-01-31", NULL, NULL, 0, "2027-02-01"},
	    {NULL, "2026-12-31", NULL, NULL, 0, "2026-12-31"},
	    /* from the letter's date, Thu 24/12: 25, 28, 29 */
	    {"working_days", NULL, "issue", "2026-12-24", 3, "2026-12-29"},
	    {"working_days", NULL, "issue", NULL, 3, NULL},
	    {"working_days", NULL, "receipt", NULL, 0, NULL},
	    {"days", NULL, "receipt", NULL, 400, NULL},
	    {NULL, NULL, NULL, NULL, 0, NULL},
	};
	time_t received;

	(void)state;
	assert_int_equal(
	    clock_parse_iso("2026-12-28T09:00:00+07:00", &received), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct store_letter_row l = {
		    .deadline_kind = (char *)cases[i].kind,
		    .deadline = (char *)cases[i].deadline,
		    .deadline_from = (char *)cases[i].from,
		    .date = (char *)cases[i].date,
		    .deadline_days = cases[i].days,
		};
		int32_t day = 0;
		char buf[11];
		int rc = workflow_letter_due(rt.cal, &l, received, &day);

		if (!cases[i].want) {
			assert_int_equal(rc, -1);
			continue;
		}
		assert_int_equal(rc, 0);
		workday_format(day, buf);
		assert_string_equal(buf, cases[i].want);
	}
}

/* One sentence per signature, as show and the notices say it, and which
 * signatures the Office is asked to check.  1796608800 is 07/12/2026
 * 09:00 in UTC+7. */
static void test_signature_text(void **state)
{
	static const struct {
		const char *status, *cert;
		bool changed;
		const char *signer;
		int64_t at;
		const char *lang, *want;
		bool flagged;
	} cases[] = {
	    {"valid", "trusted", false, "Nguyễn Văn An", 1796608800, "vi",
	     "Văn bản có chữ ký số của Nguyễn Văn An, hợp lệ, ký lúc"
	     " 07/12/2026 09:00.",
	     false},
	    {"valid", "trusted", false, "Nguyễn Văn An", 1796608800, "en",
	     "Digitally signed by Nguyễn Văn An, valid, signed at "
	     "07/12/2026"
	     " 09:00.",
	     false},
	    {"valid", "untrusted", false, "Trần Thị Bình", 0, "vi",
	     "Văn bản có chữ ký số của Trần Thị Bình, chữ ký nguyên "
	     "vẹn nhưng"
	     " chứng thư số không được tin cậy.",
	     false},
	    {"valid", "expired", false, "A B", 0, "en",
	     "Digitally signed by A B, intact, but the certificate had"
	     " expired.",
	     false},
	    {"valid", "trusted", true, "A B", 0, "vi",
	     "Văn bản có chữ ký số của A B, nhưng văn bản đã bị sửa "
	     "đổi sau"
	     " khi ký.",
	     true},
	    {"altered", "unchecked", false, "A B", 0, "en",
	     "Digitally signed by A B, but the letter was altered after"
	     " signing.",
	     true},
	    {"invalid", "unchecked", false, NULL, 0, "vi",
	     "Văn bản có chữ ký số của người ký không rõ, nhưng chữ ký "
	     "không"
	     " hợp lệ.",
	     true},
	    {"malformed", "unchecked", false, "", 0, "en",
	     "Digitally signed by an unknown signer, but the signature "
	     "is"
	     " not valid.",
	     true},
	    {"unsigned", "unchecked", false, NULL, 0, "vi",
	     "Văn bản có ô chữ ký số chưa được ký.", false},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct store_signature_row r = {
		    "a.pdf",
		    1,
		    (char *)cases[i].signer,
		    cases[i].at,
		    (char *)cases[i].status,
		    (char *)cases[i].cert,
		    cases[i].changed,
		};
		char *got = workflow_signature_text(&r, cases[i].lang);

		print_message("case %zu\n", i);
		assert_string_equal(got, cases[i].want);
		assert_int_equal(workflow_signature_flagged(&r),
				 cases[i].flagged);
		free(got);
	}
}

/* When the Office is asked to check a letter before it is assigned: an
 * invalid or altered signature, or details that all came from OCR with
 * low confidence. */
static void test_check_text(void **state)
{
	struct store_signature_row good = {"a.pdf", 1,         "A B", 0,
					   "valid", "trusted", false},
				   bad = {"a.pdf", 2,         "A B", 0,
					  "valid", "trusted", true};
	static const struct {
		const char *ocr;
		int confidence;
		bool bad_sig;
		const char *want; /* NULL: nothing to check */
	} cases[] = {
	    {NULL, -1, false, NULL},
	    /* all fields from OCR, but sure enough */
	    {"number date subject", 85, false, NULL},
	    /* sure of nothing, but the subject came from the text layer */
	    {"number date", 40, false, NULL},
	    {"number date subject", 40, false,
	     "the letter's details were read only by OCR from a scan, with"
	     " low confidence (40 %): compare them with the scan"},
	    {NULL, -1, true,
	     "a digital signature is not valid or the letter was altered"
	     " after signing"},
	    {"number date subject", 40, true,
	     "a digital signature is not valid or the letter was altered"
	     " after signing; the letter's details were read only by OCR"
	     " from a scan, with low confidence (40 %): compare them with"
	     " the scan"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct wf_item it = {0};
		char *got;

		it.has_letter = true;
		it.letter.number = (char *)"45/UBND-VX";
		it.letter.date = (char *)"2026-03-05";
		it.letter.subject = (char *)"tổ chức hội nghị";
		it.letter.ocr_fields = (char *)cases[i].ocr;
		it.letter.ocr_confidence = cases[i].confidence;
		it.sigs = cases[i].bad_sig ? &bad : &good;
		it.n_sigs = 1;
		got = wf_check_text(&it, "en");
		print_message("case %zu\n", i);
		if (cases[i].want) {
			assert_non_null(got);
			assert_string_equal(got, cases[i].want);
		} else {
			assert_null(got);
		}
		free(got);
	}
}

/* The set as "ITEM: ADDRESS=REASON, ... | ITEM: ..." ("-": no address). */
static char *failed_text(const struct wf_failed_set *set)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);

	for (size_t i = 0; i < set->n; i++) {
		const struct wf_failed_item *fi = &set->items[i];

		sbuf_addf(&sb, "%s%lld:", i ? " | " : "",
			  (long long)fi->item_id);
		for (size_t j = 0; j < fi->n; j++) {
			sbuf_addf(&sb, "%s %s=%s", j ? "," : "",
				  fi->rcpt[j].address ? fi->rcpt[j].address
						      : "-",
				  fi->rcpt[j].reason);
		}
	}
	return sbuf_detach(&sb);
}

/* The mail-failed events of a cycle, grouped per item for the Office:
 * the server's words without the address in front, the Office's own
 * address left out (a notice to the Office that fails is not told to
 * it), mail about no item left out, each address once. */
static void test_failed_group(void **state)
{
	static const char office[] = "vanthu@bo.gov.vn";
	static const struct {
		struct {
			int64_t item;
			const char *address, *detail;
		} ev[4];
		const char *want;
	} cases[] = {
	    {{{0, NULL, NULL}}, ""},
	    /* mail about no item (the periodic report) */
	    {{{0, "lanhdao@bo.gov.vn", "lanhdao@bo.gov.vn: 550 No such user"}},
	     ""},
	    {{{1, "truong.tc@bo.gov.vn",
	       "truong.tc@bo.gov.vn: 550 Invalid recipient"}},
	     "1: truong.tc@bo.gov.vn=550 Invalid recipient"},
	    /* a delivery report: the status before the server's words */
	    {{{7, "KHTC@bo.gov.vn",
	       "khtc@bo.gov.vn: 5.2.2: 552 5.2.2 Mailbox full"}},
	     "7: KHTC@bo.gov.vn=5.2.2: 552 5.2.2 Mailbox full"},
	    /* a whole mail refused, with its recipients */
	    {{{2, "khtc@bo.gov.vn, truong.tc@bo.gov.vn",
	       "khtc@bo.gov.vn, truong.tc@bo.gov.vn: 554 5.7.1 Spam"}},
	     "2: khtc@bo.gov.vn=554 5.7.1 Spam, truong.tc@bo.gov.vn=554 5.7.1"
	     " Spam"},
	    /* the relay's URL is for the administrator, not the Office */
	    {{{4, "khtc@bo.gov.vn",
	       "khtc@bo.gov.vn: smtp 'smtp://relay.bo.gov.vn:587': DATA"
	       " refused: 554 5.7.1 Spam"}},
	     "4: khtc@bo.gov.vn=DATA refused: 554 5.7.1 Spam"},
	    /* recorded before the recipients were named */
	    {{{3, NULL, "554 5.7.1 Spam"}, {3, "", "gave up"}},
	     "3: -=554 5.7.1 Spam"},
	    /* the Office's own address, alone or among others */
	    {{{1, "VanThu@bo.gov.vn", "VanThu@bo.gov.vn: 550 Mailbox full"}},
	     "1:"},
	    {{{1, "vanthu@bo.gov.vn, khtc@bo.gov.vn",
	       "vanthu@bo.gov.vn, khtc@bo.gov.vn: 554 Refused"}},
	     "1: khtc@bo.gov.vn=554 Refused"},
	    /* one notice per item, in the order of their first event; an
	     * address once (its first reason) */
	    {{{3, "a@bo.gov.vn", "a@bo.gov.vn: 550 Gone"},
	      {1, "b@bo.gov.vn", "b@bo.gov.vn: 550 Unknown"},
	      {3, "A@bo.gov.vn", "A@bo.gov.vn: 5.1.1: 550 Gone later"},
	      {3, "c@bo.gov.vn", "c@bo.gov.vn: 552 Full"}},
	     "3: a@bo.gov.vn=550 Gone, c@bo.gov.vn=552 Full | 1: "
	     "b@bo.gov.vn=550"
	     " Unknown"},
	    /* a line that does not start with the address stays whole */
	    {{{5, "a@bo.gov.vn", "gave up after 5 days"}, {5, "b@x.vn", NULL}},
	     "5: a@bo.gov.vn=gave up after 5 days, b@x.vn="},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct wf_failed_set set = {0};
		char *got;

		for (size_t j = 0; j < ARRAY_SIZE(cases[i].ev); j++) {
			if (cases[i].ev[j].address || cases[i].ev[j].detail) {
				wf_failed_add(&set, cases[i].ev[j].item,
					      cases[i].ev[j].address,
					      cases[i].ev[j].detail, office);
			}
		}
		got = failed_text(&set);
		print_message("case %zu\n", i);
		assert_string_equal(got, cases[i].want);
		free(got);
		wf_failed_release(&set);
		assert_int_equal(set.n, 0);
	}
}

/* What a reload of it reads: the same status and times, and the same
 * variables in every notice made from it. */
static void assert_as_reloaded(const struct wf_item *it)
{
	struct wf_item again;
	struct wf_mail a, b;
	char *err = NULL;

	assert_int_equal(wf_item_load(&rt, it->c.id, &again, &err), 1);
	assert_ptr_equal(it->lead, again.lead);
	assert_int_equal(it->c.status, again.c.status);
	assert_int_equal(it->c.assigned_at, again.c.assigned_at);
	assert_string_equal(it->c.assigned_by ? it->c.assigned_by : "-",
			    again.c.assigned_by ? again.c.assigned_by : "-");
	assert_int_equal(it->c.closed_at, again.c.closed_at);
	assert_int_equal(it->c.late_days, again.c.late_days);
	wf_mail_init(&rt, it, &a);
	wf_mail_init(&rt, &again, &b);
	for (int v = 0; v < V_COUNT; v++) {
		assert_string_equal(a.v[v], b.v[v]);
	}
	wf_mail_release(&a);
	wf_mail_release(&b);
	wf_item_release(&again);
}

/* A new item as registered, then the events of its life: wf_apply keeps
 * on it what is stored, without reading it back. */
static void test_apply_as_stored(void **state)
{
	const char *const two[] = {"VU-PC", "vu-pc", "VU-TC", NULL};
	const struct {
		enum event_kind kind;
		struct event_data d;
		int rc;
	} steps[] = {
	    {EV_ASSIGNED,
	     {.unit = "VU-TTTN", .coordinate = two, .due = 20800},
	     0},
	    {EV_DELEGATED, {.address = "h@x", .name = "H", .due = 20799}, 0},
	    {EV_DEADLINE_SET, {.due = 20810}, 0},
	    {EV_OPINION, {.unit = "VU-PC", .state = "disagree"}, 0},
	    {EV_DONE, {.days = 1}, 1}, /* disputed: not yet */
	    {EV_SETTLED, {.text = "đã thống nhất"}, 0},
	    {EV_EXTENSION_GRANTED, {.due = 20812}, 0},
	    {EV_CONSULTED, {.unit = "VU-TC", .due = 20805}, 0},
	    {EV_DELEGATED, {.address = "k@x", .due = 20806}, 0},
	    {EV_ASSIGNED, {.unit = "vu-pc", .due = 20813}, 0},
	    {EV_DONE, {.days = 2}, 0},
	    {EV_RETURNED, {.reason = "sai nơi"}, 1}, /* closed */
	};
	struct config_unit units[] = {
	    {.code = (char *)"VU-TTTN", .name = (char *)"Vụ Thị trường"},
	    {.code = (char *)"VU-PC", .name = (char *)"Vụ Pháp chế"},
	    {.code = (char *)"VU-TC", .name = (char *)"Vụ Tài chính"},
	};
	char dir[] = "/tmp/congvan-workflow-XXXXXX";
	struct store_message msg = {.received_at = 100,
				    .mailbox = "INBOX",
				    .uidvalidity = 1,
				    .uid = 1,
				    .sha256 = "00",
				    .size = 1,
				    .message_id = "m@x",
				    .kind = "letter"};
	struct store_item item;
	struct wf_item it;
	int64_t msg_id = 0;
	char *path, *err = NULL;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/t.db", dir);
	rt.st = store_open(path, &err);
	assert_non_null(rt.st);
	cfg.units = units;
	cfg.n_units = ARRAY_SIZE(units);
	assert_int_equal(store_begin(rt.st, &err), 0);
	assert_int_equal(store_message_insert(rt.st, &msg, &msg_id, &err), 0);
	assert_int_equal(store_item_create(rt.st, "CV", 2026, 100, msg_id,
					   "Công văn", "a@x", &item, &err),
			 0);
	item.subject = xstrdup("Công văn");
	item.sender = xstrdup("a@x");
	assert_int_equal(wf_item_new(&rt, &item, &it, &err), 0);
	store_item_release(&item);
	assert_as_reloaded(&it);
	for (size_t i = 0; i < ARRAY_SIZE(steps); i++) {
		print_message("step %zu\n", i);
		assert_int_equal(wf_apply(&rt, &it, 0, "office@x",
					  steps[i].kind, &steps[i].d, &err),
				 steps[i].rc);
		assert_as_reloaded(&it);
	}
	wf_item_release(&it);
	assert_int_equal(store_commit(rt.st, &err), 0);
	store_close(&rt.st);
	cfg.units = NULL;
	cfg.n_units = 0;
	free(path);
	path = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reply_address),
	    cmocka_unit_test(test_signature_text),
	    cmocka_unit_test(test_check_text),
	    cmocka_unit_test(test_parse_due),
	    cmocka_unit_test(test_parse_due_weekday),
	    cmocka_unit_test(test_letter_due),
	    cmocka_unit_test(test_failed_group),
	    cmocka_unit_test(test_apply_as_stored),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
