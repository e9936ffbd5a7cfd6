/* Unit tests for src/message: header parsing and decoding, classification,
 * subject tags, composing.  Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <nettle/sha2.h>

#include "../../src/message/private.h"
#include "congvan/text.h"
#include "congvan/message.h"
#include "congvan/mime.h"
#include "congvan/util.h"

#define MAIL_DIR "tests/data/mail/"

#define SECRET "8f3c0a9b2d4e"

static const struct message_classify_opts opts = {SECRET, "congvan@example.vn",
						  "CV"};

/* --- helpers ------------------------------------------------------- */

static void parse_str(const char *raw, struct message_info *info)
{
	message_info_parse(raw, strlen(raw), &opts, info);
}

static bool utf8_valid(const char *s)
{
	size_t len = strlen(s);
	size_t i = 0;

	while (i < len) {
		if (text_utf8_next(s, len, &i) < 0) {
			return false;
		}
	}
	return true;
}

/* Every string field valid UTF-8, references a list. */
static void check_info_sane(const struct message_info *info)
{
	const char *fields[] = {info->message_id, info->in_reply_to,
				info->subject,    info->from_name,
				info->from_addr,  info->return_path};

	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		if (fields[i]) {
			assert_true(utf8_valid(fields[i]));
		}
	}
	assert_non_null(info->references);
	for (char **r = info->references; *r; r++) {
		assert_true(utf8_valid(*r));
	}
	assert_non_null(info->kind_reason);
}

static size_t count_refs(const struct message_info *info)
{
	size_t n = 0;

	while (info->references[n]) {
		n++;
	}
	return n;
}

static void assert_str_or_null(const char *got, const char *want)
{
	if (!want) {
		assert_null(got);
	} else {
		assert_non_null(got);
		assert_string_equal(got, want);
	}
}

static int b64_value(char c)
{
	const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			       "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(alphabet, c) : NULL;

	return p ? (int)(p - alphabet) : -1;
}

/* Decodes base64 (test only, no error handling beyond '='). */
static char *b64_decode(const char *s, size_t n)
{
	struct sbuf sb = SBUF_INIT(n + 8);
	uint32_t acc = 0;
	int bits = 0;

	for (size_t i = 0; i < n && s[i] != '='; i++) {
		int v = b64_value(s[i]);

		assert_true(v >= 0);
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			sbuf_addch(&sb, (char)((acc >> bits) & 0xff));
		}
	}
	return sbuf_detach(&sb);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

/* Decodes quoted-printable with CRLF hard breaks into LF text. */
static char *qp_decode(const char *s, size_t n)
{
	struct sbuf sb = SBUF_INIT(n + 8);

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '=' && i + 2 < n && s[i + 1] == '\r' &&
		    s[i + 2] == '\n') {
			i += 2;
		} else if (s[i] == '=') {
			assert_true(i + 2 < n);
			assert_true(hex_value(s[i + 1]) >= 0);
			assert_true(hex_value(s[i + 2]) >= 0);
			sbuf_addch(&sb, (char)(hex_value(s[i + 1]) * 16 +
					       hex_value(s[i + 2])));
			i += 2;
		} else if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') {
			sbuf_addch(&sb, '\n');
			i++;
		} else {
			sbuf_addch(&sb, s[i]);
		}
	}
	return sbuf_detach(&sb);
}

/* Longest physical line (without CRLF) in [s, s + n); fails on a bare
 * LF or CR. */
static size_t longest_line(const char *s, size_t n)
{
	size_t longest = 0;
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			assert_true(i > 0 && s[i - 1] == '\r');
			if (i - 1 - start > longest) {
				longest = i - 1 - start;
			}
			start = i + 1;
		} else if (s[i] == '\r') {
			assert_true(i + 1 < n && s[i + 1] == '\n');
		}
	}
	return n - start > longest ? n - start : longest;
}

static const char *header_end(const char *msg)
{
	const char *end = strstr(msg, "\r\n\r\n");

	assert_non_null(end);
	return end + 2;
}

/* --- parsing: edge cases first ------------------------------------- */

static void test_parse_edge(void **state)
{
	static const struct {
		const char *raw;
		size_t len; /* 0: strlen */
		const char *subject;
		const char *from_addr;
	} cases[] = {
	    {"", 0, NULL, NULL},
	    {"\0\0\0\0", 4, NULL, NULL},
	    {"\r\n\r\n", 0, NULL, NULL},
	    {"\r\nSubject: in the body\r\n", 0, NULL, NULL},
	    {"\nSubject: in the body\n", 0, NULL, NULL},
	    {"Subject: header only, no body", 0, "header only, no body", NULL},
	    {"Subject: a\0b\r\nFrom: x@y.vn\r\n\r\n", 30, "a b", "x@y.vn"},
	    {"no colon at all", 0, NULL, NULL},
	    {"garbage line\r\nSubject: after garbage\r\n\r\n", 0,
	     "after garbage", NULL},
	    {"From foo@bar Mon Apr 27 2026\nSubject: mbox\n\n", 0, "mbox",
	     NULL},
	    {" leading continuation\r\nSubject: s\r\n\r\n", 0, "s", NULL},
	    {"Subject: a\rb\r\n\r\n", 0, "a b", NULL},
	    {"Subject:\r\n\r\n", 0, "", NULL},
	    {"Subject: lf only\nFrom: A@B.VN\n\nbody", 0, "lf only", "a@b.vn"},
	    {"Subject: first\r\nSubject: second\r\n\r\n", 0, "first", NULL},
	    {": no name\r\nSubject: s\r\n\r\n", 0, "s", NULL},
	    {"Sub ject: s\r\n\r\n", 0, NULL, NULL},
	    {"Subject: \x01\x1b[31mred\x7f\r\n\r\n", 0, "[31mred", NULL},
	    {"From: <>\r\n\r\n", 0, NULL, NULL},
	    {"From: undisclosed-recipients:;\r\n\r\n", 0, NULL, NULL},
	    {"From: Foo <bar@baz.vn\r\n\r\n", 0, NULL, "bar@baz.vn"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_info info;
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].raw);

		message_info_parse(cases[i].raw, len, &opts, &info);
		check_info_sane(&info);
		assert_str_or_null(info.subject, cases[i].subject);
		assert_str_or_null(info.from_addr, cases[i].from_addr);
		assert_int_equal(count_refs(&info), 0);
		message_info_free(&info);
	}
}

static void test_parse_null(void **state)
{
	struct message_info info;

	(void)state;
	message_info_parse(NULL, 0, NULL, &info);
	check_info_sane(&info);
	assert_int_equal(info.kind, MESSAGE_LETTER);
	assert_int_equal(info.date, 0);
	message_info_free(&info);
	message_info_free(&info); /* twice: safe on a cleared struct */
	message_info_free(NULL);
}

/* Builds 2 MB of header from a prefix and a repeated unit. */
static char *huge(const char *prefix, const char *unit, size_t *len_r)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);

	sbuf_adds(&sb, prefix);
	while (sb.len < 2 * 1024 * 1024) {
		sbuf_adds(&sb, unit);
	}
	sbuf_adds(&sb, "\r\nSubject: after\r\n\r\nbody");
	*len_r = sb.len;
	return sbuf_detach(&sb);
}

static void test_parse_huge(void **state)
{
	static const struct {
		const char *prefix;
		const char *unit;
	} cases[] = {
	    {"Subject: ", "a"},
	    {"Subject: ", "=?utf-8?b?w6k=?= "},
	    {"Subject: ", "=?utf-8?q?"},
	    {"Subject: ", "\xe1\xba"},
	    {"X-Many: x", "\r\nX-A: b"},
	    {"From: ", "("},
	    {"To: ", "(((((\\"},
	    {"Content-Type: multipart/report;", "(a"},
	    {"References: ", "<a@b> "},
	    {"In-Reply-To: ", "<"},
	    {"From: ", "a@b, "},
	    {"Subject: x", "\r\n x"},
	    {"", "\n"},
	    {"", "garbage "},
	    {"Date: ", "Mon, "},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_info info;
		size_t len;
		char *raw = huge(cases[i].prefix, cases[i].unit, &len);

		message_info_parse(raw, len, &opts, &info);
		check_info_sane(&info);
		assert_true(count_refs(&info) <= 128);
		if (info.subject) {
			assert_true(strlen(info.subject) <= 4 * 1024 * 1024);
		}
		message_info_free(&info);
		free(raw);
	}
}

static void test_parse_references_capped(void **state)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	struct message_info info;

	(void)state;
	sbuf_adds(&sb, "References:");
	for (int i = 0; i < 1000; i++) {
		sbuf_addf(&sb, "\r\n <r%d@x.vn>", i);
	}
	sbuf_adds(&sb, "\r\n\r\n");
	parse_str(sbuf_str(&sb), &info);
	assert_int_equal(count_refs(&info), 128);
	assert_string_equal(info.references[0], "r0@x.vn");
	assert_string_equal(info.references[1], "r873@x.vn");
	assert_string_equal(info.references[127], "r999@x.vn");
	assert_int_equal(info.kind, MESSAGE_REPLY);
	message_info_free(&info);
	sbuf_release(&sb);
}

/* --- decoding ------------------------------------------------------ */

static void test_decode_malformed(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
	    {"", ""},
	    {"   ", ""},
	    {"=?", "=?"},
	    {"=?utf-8?X?abc?= hello", "=?utf-8?X?abc?= hello"},
	    {"=?utf-8?B?abc hello", "=?utf-8?B?abc hello"},
	    {"=?utf-8?q?\?=", ""},
	    {"=??q?abc?=", "=??q?abc?="},
	    {"=?utf-8?q?a b?=", "=?utf-8?q?a b?="},
	    {"=?utf-8?b?###?= x", "x"},
	    {"=?x-unknown?q?caf=E9?=", "café"},
	    {"=?utf-8?q?caf=E9?=", "café"},
	    {"=?utf-8?q?a=0D=0ABcc:_x?=", "a  Bcc: x"},
	    {"=?utf-8?q?=ZZ?=", ""},
	    {"=?utf-8?b?4buH?==?utf-8?b?4buH?=", "ệệ"},
	    {"a=?utf-8?q?b?=c", "abc"},
	    {"=?utf-8?b?w6k=?= plain =?utf-8?b?w6k=?=", "é plain é"},
	    {"=?UTF-8*vi?Q?C=C3=B4ng?=", "Công"},
	    {"Caf\xe9 cr\xe8me \x80", "Café crème €"},
	    {"\xc3\x28 \xed\xa0\x80 \xf4\x90\x80\x80",
	     "Ã( í\xc2\xa0€ ô\xef\xbf\xbd€€"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *out =
		    message_decode_header(cases[i].in, strlen(cases[i].in));

		assert_true(utf8_valid(out));
		assert_string_equal(out, cases[i].out);
		free(out);
	}
}

static void test_decode_subjects(void **state)
{
	static const struct {
		const char *raw;
		const char *subject;
	} cases[] = {
	    /* split inside "ệ" and "ô", each word padded */
	    {"Subject: =?UTF-8?B?VuG7gSB2aeE=?=\r\n =?UTF-8?B?u4djIEPD?= "
	     "=?UTF-8?B?tG5n?=\r\n\r\n",
	     "Về việc Công"},
	    {"Subject: =?utf-8?q?Tr=E1=BA=A3_l=E1=BB=9Di_c=C3=B4ng_v=C4=83n?="
	     "\r\n\r\n",
	     "Trả lời công văn"},
	    {"Subject: =?ISO-8859-1?Q?Caf=E9_cr=E8me?=\r\n\r\n", "Café crème"},
	    {"Subject: =?iso-8859-1?b?Q2Fm6Q==?= =?utf-8?b?IHbEg24=?=\r\n\r\n",
	     "Café văn"},
	    {"Subject: Trả lời: Công văn số 12/QĐ-BTC\r\n\r\n",
	     "Trả lời: Công văn số 12/QĐ-BTC"},
	    {"Subject: Caf\xe9\r\n\r\n", "Café"},
	    {"Subject: folded\r\n\tacross\r\n  three lines\r\n\r\n",
	     "folded across  three lines"},
	    {"Subject: Re: =?utf-8?q?C=C3=B4ng?= =?utf-8?q?_v=C4=83n?= so 5\r\n"
	     "\r\n",
	     "Re: Công văn so 5"},
	    /* stateful decoder: libetpan's charconv loses the last "t" */
	    {"Subject: =?windows-1258?q?Vi=EA=F2t?=\r\n\r\n", "Việt"},
	    {"Subject: =?windows-1258?q?Vi=EA=F2t_Nam?=\r\n\r\n", "Việt Nam"},
	    {"Subject:    padded   \r\n\r\n", "padded"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_info info;

		parse_str(cases[i].raw, &info);
		check_info_sane(&info);
		assert_str_or_null(info.subject, cases[i].subject);
		message_info_free(&info);
	}
}

static void test_parse_from(void **state)
{
	static const struct {
		const char *raw;
		const char *name;
		const char *addr;
	} cases[] = {
	    {"From: \"Nguyễn Văn A\" <A.Nguyen@Example.VN>\r\n\r\n",
	     "Nguyễn Văn A", "a.nguyen@example.vn"},
	    {"From: =?utf-8?b?Tmd1eeG7hW4=?= =?utf-8?b?IFbEg24gQQ==?= "
	     "<a@b.vn>\r\n\r\n",
	     "Nguyễn Văn A", "a@b.vn"},
	    {"From: \"=?utf-8?q?Nguy=E1=BB=85n?=\" <a@b.vn>\r\n\r\n", "Nguyễn",
	     "a@b.vn"},
	    {"From: \"A \\\"B\\\" C\" <a@b.vn>\r\n\r\n", "A \"B\" C", "a@b.vn"},
	    {"From: \"Nguyễn, A\" <a@b.vn>\r\n\r\n", "Nguyễn, A", "a@b.vn"},
	    {"From: Plain@Example.VN\r\n\r\n", NULL, "plain@example.vn"},
	    {"From: <Plain@Example.VN>\r\n\r\n", NULL, "plain@example.vn"},
	    {"From: MAILER-DAEMON@mx.vn (Mail Delivery System)\r\n\r\n", NULL,
	     "mailer-daemon@mx.vn"},
	    {"From: Caf\xe9 <a@b.vn>\r\n\r\n", "Café", "a@b.vn"},
	    {"From: \"\" <a@b.vn>\r\n\r\n", NULL, "a@b.vn"},
	    {"From: Group: a@b.vn;\r\n\r\n", NULL, "a@b.vn"},
	    {"From: a@b.vn, c@d.vn\r\n\r\n", NULL, "a@b.vn"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_info info;

		parse_str(cases[i].raw, &info);
		check_info_sane(&info);
		assert_str_or_null(info.from_name, cases[i].name);
		assert_str_or_null(info.from_addr, cases[i].addr);
		message_info_free(&info);
	}
}

static void test_parse_ids(void **state)
{
	static const struct {
		const char *raw;
		const char *message_id;
		const char *in_reply_to;
		size_t nrefs;
		const char *return_path;
	} cases[] = {
	    {"Message-ID: <abc@x.vn>\r\n\r\n", "abc@x.vn", NULL, 0, NULL},
	    {"Message-Id: abc@x.vn\r\n\r\n", "abc@x.vn", NULL, 0, NULL},
	    {"Message-ID: <>\r\n\r\n", NULL, NULL, 0, NULL},
	    {"Message-ID: junk <a b@x.vn> junk\r\n\r\n", "a b@x.vn", NULL, 0,
	     NULL},
	    {"In-Reply-To: <a@b> <c@d>\r\n\r\n", NULL, "a@b", 0, NULL},
	    {"In-Reply-To: foo bar\r\n\r\n", NULL, NULL, 0, NULL},
	    {"In-Reply-To: Your message of x <a@b>\r\n\r\n", NULL, "a@b", 0,
	     NULL},
	    {"References: <1@x>\r\n  <2@x>\r\n\t<3@x>\r\n\r\n", NULL, NULL, 3,
	     NULL},
	    {"References: <1@x>,<2@x>\r\n\r\n", NULL, NULL, 2, NULL},
	    {"Return-Path: <>\r\n\r\n", NULL, NULL, 0, ""},
	    {"Return-Path: <Bounce@X.vn>\r\n\r\n", NULL, NULL, 0,
	     "bounce@x.vn"},
	    {"Return-Path: <MAILER-DAEMON>\r\n\r\n", NULL, NULL, 0,
	     "mailer-daemon"},
	    {"Return-Path: <>\r\nReturn-Path: <a@b.vn>\r\n\r\n", NULL, NULL, 0,
	     ""},
	    /* libetpan leaks on these: Return-Path is read by us */
	    {"Return-Path: <vant(u@moit.gov.vn>\r\n\r\n", NULL, NULL, 0,
	     "vant"},
	    {"Return-Path: <a@b.vn\r\n\r\n", NULL, NULL, 0, "a@b.vn"},
	    {"Return-Path: <a@b.vn (x>\r\n\r\n", NULL, NULL, 0, "a@b.vn"},
	    {"Return-Path: a@b.vn (comment)\r\n\r\n", NULL, NULL, 0, "a@b.vn"},
	    {"Return-Path:\r\n <A@B.vn>\r\n\r\n", NULL, NULL, 0, "a@b.vn"},
	    {"Return-Path:\r\n\r\n", NULL, NULL, 0, NULL},
	    {"return-path : <>\r\n\r\n", NULL, NULL, 0, ""},
	    {"Return-Paths: <a@b.vn>\r\n\r\n", NULL, NULL, 0, NULL},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_info info;

		parse_str(cases[i].raw, &info);
		check_info_sane(&info);
		assert_str_or_null(info.message_id, cases[i].message_id);
		assert_str_or_null(info.in_reply_to, cases[i].in_reply_to);
		assert_int_equal(count_refs(&info), cases[i].nrefs);
		assert_str_or_null(info.return_path, cases[i].return_path);
		message_info_free(&info);
	}
}

static void test_parse_date(void **state)
{
	static const struct {
		const char *raw;
		time_t date;
	} cases[] = {
	    {"Date: Mon, 27 Apr 2026 09:15:02 +0700\r\n\r\n", 1777256102},
	    {"Date: Mon, 27 Apr 2026 02:15:02 GMT\r\n\r\n", 1777256102},
	    {"Date: 27 Apr 2026 02:15:02 +0000\r\n\r\n", 1777256102},
	    {"Date: Sun, 26 Apr 2026 21:45:02 -0430\r\n\r\n", 1777256102},
	    {"Date: Mon, 27 Apr 26 09:15:02 +0700\r\n\r\n", 1777256102},
	    {"Date: Thu, 1 Jan 1970 00:00:00 +0000\r\n\r\n", 0},
	    {"Date: garbage\r\n\r\n", 0},
	    {"Date: Mon, 32 Apr 2026 09:15:02 +0700\r\n\r\n", 0},
	    {"Date: Mon, 27 Apr 2026 25:15:02 +0700\r\n\r\n", 0},
	    {"Date: Mon, 27 Apr 2026 09:15:02 +9999\r\n\r\n", 0},
	    {"Date: Mon, 27 Apr 99999 09:15:02 +0700\r\n\r\n", 0},
	    {"Date: Mon, 27 Apr 2026 09:15:02 +0700\r\n"
	     "Date: Tue, 28 Apr 2026 09:15:02 +0700\r\n\r\n",
	     1777256102},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_info info;

		parse_str(cases[i].raw, &info);
		assert_int_equal(info.date, cases[i].date);
		message_info_free(&info);
	}
}

/* --- classification ------------------------------------------------ */

static void test_classify_rules(void **state)
{
	static const struct {
		const char *raw;
		enum message_kind kind;
	} cases[] = {
	    {"Subject: Công văn mới\r\n\r\n", MESSAGE_LETTER},
	    /* bounce */
	    {"From: Postmaster@x.vn\r\nSubject: x\r\n\r\n", MESSAGE_BOUNCE},
	    {"From: mailer-daemon@x.vn\r\n\r\n", MESSAGE_BOUNCE},
	    {"From: MAILER-DAEMON\r\n\r\n", MESSAGE_BOUNCE},
	    {"From: mailer-daemon-x@x.vn\r\n\r\n", MESSAGE_LETTER},
	    {"From: a@postmaster.vn\r\n\r\n", MESSAGE_LETTER},
	    {"Return-Path: <>\r\nSubject: Mail delivery failed: returning "
	     "message to sender\r\n\r\n",
	     MESSAGE_BOUNCE},
	    {"Return-Path: <>\r\nSubject: Undeliverable: x\r\n\r\n",
	     MESSAGE_BOUNCE},
	    {"Return-Path: <a@b.vn>\r\nSubject: Undeliverable: x\r\n\r\n",
	     MESSAGE_LETTER},
	    {"Return-Path: <>\r\nSubject: Công văn\r\n\r\n", MESSAGE_LETTER},
	    {"Content-Type: multipart/report;\r\n "
	     "report-type=\"Delivery-Status\""
	     "; boundary=x\r\n\r\n",
	     MESSAGE_BOUNCE},
	    {"Content-Type: multipart/report; "
	     "report-type=disposition-notification\r\n\r\n",
	     MESSAGE_AUTO},
	    {"Content-Type: multipart/mixed; "
	     "report-type=delivery-status\r\n\r\n",
	     MESSAGE_LETTER},
	    {"From: mailer-daemon@x.vn\r\nAuto-Submitted: auto-replied\r\n"
	     "In-Reply-To: <a@b>\r\n\r\n",
	     MESSAGE_BOUNCE},
	    /* auto */
	    {"Auto-Submitted: auto-replied\r\n\r\n", MESSAGE_AUTO},
	    {"Auto-Submitted: auto-generated; owner-email=a@b\r\n\r\n",
	     MESSAGE_AUTO},
	    {"Auto-Submitted: No\r\n\r\n", MESSAGE_LETTER},
	    {"Auto-Submitted: no (comment)\r\n\r\n", MESSAGE_LETTER},
	    {"Auto-Submitted:\r\n\r\n", MESSAGE_LETTER},
	    {"X-Autoreply: yes\r\n\r\n", MESSAGE_AUTO},
	    {"X-Autorespond: x\r\n\r\n", MESSAGE_AUTO},
	    {"X-Auto-Response-Suppress: All\r\n\r\n", MESSAGE_LETTER},
	    {"Precedence: bulk\r\n\r\n", MESSAGE_AUTO},
	    {"Precedence: JUNK\r\n\r\n", MESSAGE_AUTO},
	    {"Precedence: list\r\n\r\n", MESSAGE_AUTO},
	    {"Precedence: auto_reply\r\n\r\n", MESSAGE_AUTO},
	    {"Precedence: first-class\r\n\r\n", MESSAGE_LETTER},
	    {"Subject: Automatic reply: x\r\n\r\n", MESSAGE_AUTO},
	    {"Subject: AUTO: x\r\n\r\n", MESSAGE_AUTO},
	    {"Subject: Out of Office: x\r\n\r\n", MESSAGE_AUTO},
	    {"Subject: out of office autoreply\r\n\r\n", MESSAGE_AUTO},
	    {"Subject: Trả lời tự động: x\r\n\r\n", MESSAGE_AUTO},
	    {"Subject: TRẢ LỜI TỰ ĐỘNG: x\r\n\r\n", MESSAGE_AUTO},
	    {"Subject: Tự động trả lời: x\r\n\r\n", MESSAGE_AUTO},
	    {"Subject: Thư trả lời tự động: x\r\n\r\n", MESSAGE_AUTO},
	    {"Subject: Phản hồi tự động: x\r\n\r\n", MESSAGE_AUTO},
	    {"Subject: Thư tự động: x\r\n\r\n", MESSAGE_AUTO},
	    {"Subject: Tra loi tu dong: x\r\n\r\n", MESSAGE_AUTO},
	    {"Subject: Phan hoi tu dong: x\r\n\r\n", MESSAGE_AUTO},
	    {"Subject: Phản hồi tự động hóa quy trình\r\n\r\n", MESSAGE_LETTER},
	    {"Subject: [ban-a] Automatic reply: x\r\n\r\n", MESSAGE_AUTO},
	    {"Subject: Automobile\r\n\r\n", MESSAGE_LETTER},
	    /* staff share the domain: their Message-IDs are not ours */
	    {"Message-ID: <x@congvan.example.vn>\r\n\r\n", MESSAGE_LETTER},
	    {"Message-ID: <5c1b2a7e-2f0d-4b8e-9d51-0a1b2c3d4e5f@example.vn>\r\n"
	     "\r\n",
	     MESSAGE_LETTER},
	    {"Message-ID: <20261205221346.TGj9B%a.nguyen@example.vn>\r\n\r\n",
	     MESSAGE_LETTER},
	    /* our mark, checked */
	    {"Message-ID: <cv.9f2c4e1a7b3d5e60aabbccddeeff0011.72058d91dfad509d"
	     "@lists.example.vn>\r\n\r\n",
	     MESSAGE_AUTO},
	    {"Message-ID: <cv.9f2c4e1a7b3d5e60aabbccddeeff0011.72058d91dfad509e"
	     "@congvan.example.vn>\r\n\r\n",
	     MESSAGE_LETTER},
	    /* saying it is ours counts only from our address */
	    {"From: CongVan@Example.VN\r\nX-Congvan-Item: CV-2026-000001\r\n"
	     "\r\n",
	     MESSAGE_AUTO},
	    {"From: CongVan@Example.VN\r\n\r\n", MESSAGE_LETTER},
	    {"From: a@example.vn\r\nX-Congvan-Item: CV-2026-000001\r\n\r\n",
	     MESSAGE_LETTER},
	    {"Auto-Submitted: auto-replied\r\nIn-Reply-To: <a@b>\r\n\r\n",
	     MESSAGE_AUTO},
	    /* reply */
	    {"In-Reply-To: <a@b>\r\n\r\n", MESSAGE_REPLY},
	    {"References: <a@b>\r\n\r\n", MESSAGE_REPLY},
	    {"In-Reply-To: foo bar\r\n\r\n", MESSAGE_REPLY},
	    {"In-Reply-To:\r\n\r\n", MESSAGE_LETTER},
	    {"Subject: Báo cáo [CV-2026-000123]\r\n\r\n", MESSAGE_REPLY},
	    {"Subject: [CV-2026-00012] x\r\n\r\n", MESSAGE_LETTER},
	    {"Subject: Re: x\r\n\r\n", MESSAGE_REPLY},
	    {"Subject: RE: x\r\n\r\n", MESSAGE_REPLY},
	    {"Subject: Re : x\r\n\r\n", MESSAGE_REPLY},
	    {"Subject: Re[2]: x\r\n\r\n", MESSAGE_REPLY},
	    {"Subject: AW: x\r\n\r\n", MESSAGE_REPLY},
	    {"Subject: SV: x\r\n\r\n", MESSAGE_REPLY},
	    {"Subject: TL: x\r\n\r\n", MESSAGE_REPLY},
	    {"Subject: Trả lời: x\r\n\r\n", MESSAGE_REPLY},
	    {"Subject: TRẢ LỜI: x\r\n\r\n", MESSAGE_REPLY},
	    {"Subject: Tra loi: x\r\n\r\n", MESSAGE_REPLY},
	    {"Subject: [ban-a] [ban-b] Re: Re: x\r\n\r\n", MESSAGE_REPLY},
	    {"Subject: Re: Fwd: x\r\n\r\n", MESSAGE_REPLY},
	    {"Subject: Review: x\r\n\r\n", MESSAGE_LETTER},
	    {"Subject: Report Re: x\r\n\r\n", MESSAGE_LETTER},
	    {"Subject: Triển khai: x\r\n\r\n", MESSAGE_LETTER},
	    /* forward */
	    {"Subject: Fwd: x\r\n\r\n", MESSAGE_LETTER},
	    {"Subject: FW: x\r\n\r\n", MESSAGE_LETTER},
	    {"Subject: Fw: x\r\n\r\n", MESSAGE_LETTER},
	    {"Subject: TR: x\r\n\r\n", MESSAGE_LETTER},
	    {"Subject: Chuyển tiếp: x\r\n\r\n", MESSAGE_LETTER},
	    {"Subject: Fwd: Re: x\r\n\r\n", MESSAGE_LETTER},
	    {"Subject: Fwd: x\r\nIn-Reply-To: <a@b>\r\n\r\n", MESSAGE_LETTER},
	    {"Subject: FW: x\r\nReferences: <a@b>\r\n\r\n", MESSAGE_LETTER},
	    {"Subject: Fwd: [CV-2026-000123] x\r\n\r\n", MESSAGE_REPLY},
	    {"Subject: [cv-2026-000123] x\r\n\r\n", MESSAGE_REPLY},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_info info;

		parse_str(cases[i].raw, &info);
		check_info_sane(&info);
		if (info.kind != cases[i].kind) {
			fail_msg("case %zu: kind %s (%s), want %s", i,
				 message_kind_name(info.kind), info.kind_reason,
				 message_kind_name(cases[i].kind));
		}
		message_info_free(&info);
	}
}

static void test_classify_opts(void **state)
{
	static const struct message_classify_opts vp = {NULL, NULL, "VP"};
	static const struct {
		const struct message_classify_opts *opts;
		const char *raw;
		enum message_kind kind;
	} cases[] = {
	    {NULL,
	     "Message-ID: <cv.9f2c4e1a7b3d5e60aabbccddeeff0011.72058d91dfad509d"
	     "@congvan.example.vn>\r\n\r\n",
	     MESSAGE_LETTER},
	    {NULL, "Subject: [CV-2026-000001] x\r\n\r\n", MESSAGE_REPLY},
	    {&vp, "Subject: [CV-2026-000001] x\r\n\r\n", MESSAGE_LETTER},
	    {&vp, "Subject: [VP-2026-000001] x\r\n\r\n", MESSAGE_REPLY},
	    {&vp, "From: congvan@example.vn\r\n\r\n", MESSAGE_LETTER},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_info info;

		message_info_parse(cases[i].raw, strlen(cases[i].raw),
				   cases[i].opts, &info);
		assert_int_equal(info.kind, cases[i].kind);
		message_info_free(&info);
	}
}

static void test_kind_name(void **state)
{
	(void)state;
	assert_string_equal(message_kind_name(MESSAGE_LETTER), "letter");
	assert_string_equal(message_kind_name(MESSAGE_REPLY), "reply");
	assert_string_equal(message_kind_name(MESSAGE_AUTO), "auto");
	assert_string_equal(message_kind_name(MESSAGE_BOUNCE), "bounce");
}

static void test_fixtures(void **state)
{
	static const struct {
		const char *file;
		enum message_kind kind;
		const char *subject;
		const char *from_name;
		const char *from_addr;
		const char *message_id;
		const char *in_reply_to;
		size_t nrefs;
	} cases[] = {
	    {"ministry-letter.eml", MESSAGE_LETTER,
	     "Về việc triển khai thực hiện Công điện số 280/CĐ-TTg",
	     "Văn phòng Bộ Công Thương", "vanthu@moit.gov.vn",
	     "20260427091502.4A1B2C@mail.moit.gov.vn", NULL, 0},
	    {"outlook-autoreply.eml", MESSAGE_AUTO,
	     "Automatic reply: [CV-2026-000012] Về việc triển khai thực hiện "
	     "Công điện số 280/CĐ-TTg",
	     "Trần Thị Bình", "binh.tt@donvi.example.vn",
	     "HK0PR01MB1234ABCDEF0123456789@HK0PR01MB1234.apcprd01.prod."
	     "exchangelabs.com",
	     "cv.CV-2026-000012.1777256200.9f2c4e1a7b3d5e60@congvan.example.vn",
	     1},
	    {"postfix-bounce.eml", MESSAGE_BOUNCE,
	     "Undelivered Mail Returned to Sender", NULL,
	     "mailer-daemon@mx.example.vn",
	     "20260427030213.7F1A2B3C4D@mx.example.vn", NULL, 0},
	    {"gmail-dsn.eml", MESSAGE_BOUNCE,
	     "Delivery Status Notification (Failure)",
	     "Mail Delivery Subsystem", "mailer-daemon@googlemail.com",
	     "6627a1b2.050a0220.3c4d5.0001.GMR@mx.google.com",
	     "cv.CV-2026-000015.1777284000.0011223344556677@congvan.example.vn",
	     1},
	    {"gmail-vacation.eml", MESSAGE_AUTO, "Nghỉ phép", "Lê Văn Cường",
	     "cuong.lv@gmail.com",
	     "CAGx7vQ3t9=abcDEFghiJKLmnoPQ+vacation@mail.gmail.com",
	     "cv.CV-2026-000014.1777280000.1122334455667788@congvan.example.vn",
	     1},
	    {"list-precedence.eml", MESSAGE_AUTO, "[Ban-tin] So 17/2026",
	     "Ban tin noi bo", "ban-tin@lists.example.vn",
	     "list-17-2026@lists.example.vn", NULL, 0},
	    {"gmail-reply.eml", MESSAGE_REPLY,
	     "Re: [CV-2026-000012] Về việc triển khai thực hiện Công điện số "
	     "280/CĐ-TTg",
	     "Nguyễn Văn An", "an.nv@donvi.example.vn",
	     "CAJx9+fN4q2=Zk5vKj3Xc7Lr8pQmW0tY1uB6eH2sD9gA3oI7yTw@mail.gmail."
	     "com",
	     "cv.CV-2026-000012.1777260000.aabbccddeeff0011@congvan.example.vn",
	     2},
	    {"thunderbird-fwd.eml", MESSAGE_LETTER,
	     "Fwd: Về việc góp ý dự thảo Thông tư", "Phạm Thị Dung",
	     "dung.pt@donvi.example.vn",
	     "5c1e7f2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b@donvi.example.vn",
	     "20260428160000.ABCDEF@mail.mof.gov.vn", 1},
	    /* ours, come back through a list that kept the Message-ID */
	    {"own-message.eml", MESSAGE_AUTO, "[CV-2026-000012] Giao việc",
	     "Văn phòng", "vanphong@example.vn",
	     "cv.9f2c4e1a7b3d5e60aabbccddeeff0011.7205"
	     "8d91dfad509d@congvan.example.vn",
	     NULL, 0},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_info info;
		char path[256];
		char *data;
		size_t len;

		snprintf(path, sizeof(path), MAIL_DIR "%s", cases[i].file);
		if (file_read_all(path, &data, &len) < 0) {
			fail_msg("cannot read %s", path);
		}
		message_info_parse(data, len, &opts, &info);
		check_info_sane(&info);
		if (info.kind != cases[i].kind) {
			fail_msg("%s: kind %s (%s)", cases[i].file,
				 message_kind_name(info.kind),
				 info.kind_reason);
		}
		assert_str_or_null(info.subject, cases[i].subject);
		assert_str_or_null(info.from_name, cases[i].from_name);
		assert_str_or_null(info.from_addr, cases[i].from_addr);
		assert_str_or_null(info.message_id, cases[i].message_id);
		assert_str_or_null(info.in_reply_to, cases[i].in_reply_to);
		assert_int_equal(count_refs(&info), cases[i].nrefs);
		assert_true(info.date > 1777000000 && info.date < 1778000000);
		message_info_free(&info);
		free(data);
	}
}

/* --- subject tags -------------------------------------------------- */

static void test_subject_tag(void **state)
{
	static const struct {
		const char *subject;
		const char *prefix;
		const char *key; /* NULL: not found */
	} cases[] = {
	    {NULL, "CV", NULL},
	    {"", "CV", NULL},
	    {"[", "CV", NULL},
	    {"[CV-", "CV", NULL},
	    {"[CV-2026-000123", "CV", NULL},
	    {"[CV-2026-000123]", "CV", "CV-2026-000123"},
	    {"Re: Về việc x [CV-2026-000123] (gấp)", "CV", "CV-2026-000123"},
	    {"[cv-2026-000123]", "CV", "CV-2026-000123"},
	    {"[CV-2026-000123]", NULL, "CV-2026-000123"},
	    {"[CV-2026-000123]", "", "CV-2026-000123"},
	    {"[CV-26-000123]", "CV", NULL},
	    {"[CV-20260-000123]", "CV", NULL},
	    {"[CV-2026-00123]", "CV", NULL},
	    {"[CV-2026-0001234]", "CV", NULL},
	    {"[CV-2026-00012a]", "CV", NULL},
	    {"CV-2026-000123", "CV", NULL},
	    {"[CV 2026 000123]", "CV", NULL},
	    {"[CV-2026-x] [CV-2026-000777]", "CV", "CV-2026-000777"},
	    {"[[CV-2026-000123]]", "CV", "CV-2026-000123"},
	    {"[VP-2026-000001]", "VP", "VP-2026-000001"},
	    {"[CV-2026-000001]", "VP", NULL},
	    {"[ABCDEFGHIJKLMNOPQRS-2026-000001]", "ABCDEFGHIJKLMNOPQRS",
	     "ABCDEFGHIJKLMNOPQRS-2026-000001"},
	    {"[ABCDEFGHIJKLMNOPQRST-2026-000001]", "ABCDEFGHIJKLMNOPQRST",
	     NULL},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char key[32] = "";
		bool found =
		    message_subject_tag(cases[i].subject, cases[i].prefix, key);

		assert_int_equal(found, cases[i].key != NULL);
		if (found) {
			assert_string_equal(key, cases[i].key);
		}
	}
}

/* What the sender wrote in a reply's subject: before its first prefix,
 * or the whole subject when it has neither a prefix nor an item's tag. */
static void test_subject_typed(void **state)
{
	static const struct {
		const char *subject, *typed;
	} cases[] = {
	    {"Đồng ý - Re: [CV-2026-000412] Lấy ý kiến dự thảo", "Đồng ý"},
	    {"Nhất trí. RE: [CV-2026-000412] Lấy ý kiến", "Nhất trí."},
	    {"Vụ PC đồng ý: TL: [CV-2026-000412] Xin ý kiến", "Vụ PC đồng ý"},
	    {"Xong | Fwd: Re: [CV-2026-000412] Giao việc", "Xong"},
	    {"[EXT] Đồng ý -- Re[2]: [CV-2026-000412] x", "Đồng ý"},
	    {"Vụ PC không đồng ý", "Vụ PC không đồng ý"},
	    {"[EXT] We support", "We support"},
	    /* nothing written before the prefix */
	    {"Re: [CV-2026-000412] Lấy ý kiến dự thảo - đồng ý", NULL},
	    {"[EXT] RE: [CV-2026-000412] Đồng ý", NULL},
	    {"  Trả lời: [CV-2026-000412] Xin ý kiến", NULL},
	    /* ours, unchanged: the letter's words are not the sender's */
	    {"[CV-2026-000412] Đề nghị thống nhất phương án", NULL},
	    /* a word that only looks like a prefix */
	    {"Đồng ý xem lại:  Regarding x", "Đồng ý xem lại:  Regarding x"},
	    {"Return: Re: x", "Return"},
	    {"", NULL},
	    {" - Re: x", NULL},
	    {NULL, NULL},
	};

	char *big = xmalloc((1 << 20) + 1), *typed;

	(void)state;
	/* a page of subject: a few hundred bytes of it, read at once */
	memset(big, ' ', 1 << 20);
	memcpy(big, "Đồng ý", strlen("Đồng ý"));
	big[1 << 20] = '\0';
	typed = message_subject_typed(big, "CV");
	assert_non_null(typed);
	assert_true(strlen(typed) <= 256);
	assert_true(strncmp(typed, "Đồng ý", strlen("Đồng ý")) == 0);
	free(typed);
	free(big);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		typed = message_subject_typed(cases[i].subject, "CV");

		if (!cases[i].typed) {
			assert_null(typed);
		} else {
			assert_non_null(typed);
			assert_string_equal(typed, cases[i].typed);
		}
		free(typed);
	}
}

/* --- composing ----------------------------------------------------- */

static const char *const to_one[] = {"an.nv@donvi.example.vn", NULL};

static struct message_out base_out(void)
{
	struct message_out out = {0};

	out.from_name = "Văn phòng";
	out.from_addr = "congvan@example.vn";
	out.to = to_one;
	out.subject = "[CV-2026-000012] Giao việc";
	out.message_id = "cv.CV-2026-000012.1777260000.aabbccddeeff0011@"
			 "congvan.example.vn";
	out.date = 1777255200;
	out.text = "Kính gửi anh An,\n\nĐề nghị xử lý.\n";
	return out;
}

/* Composes out, checks line ends and lengths, parses it back. */
static char *compose_ok(const struct message_out *out,
			struct message_info *info)
{
	char *msg = NULL;
	char *error = NULL;
	size_t len = 0;
	const char *body;

	if (message_compose(out, &msg, &len, &error) < 0) {
		fail_msg("compose: %s", error);
	}
	assert_null(error);
	assert_int_equal(len, strlen(msg));
	body = header_end(msg);
	assert_true(longest_line(msg, (size_t)(body - msg)) <= 78);
	assert_true(longest_line(body, strlen(body)) <= 76);
	message_info_parse(msg, len, &opts, info);
	check_info_sane(info);
	return msg;
}

static void test_compose_roundtrip(void **state)
{
	static const struct {
		const char *name;
		const char *subject;
	} cases[] = {
	    {"Văn phòng", "[CV-2026-000012] Giao việc"},
	    {"Office", "Plain ASCII subject"},
	    {"A \"quoted\" \\ name", "Subject with =?utf-8?q?x?= inside"},
	    {"", "x"},
	    {NULL, ""},
	    {"Nguyễn Thị Hồng Nhung — Phó Chánh Văn phòng Bộ Công Thương, "
	     "phụ trách công tác văn thư lưu trữ",
	     "[CV-2026-000012] Về việc triển khai thực hiện Công điện số "
	     "280/CĐ-TTg của Thủ tướng Chính phủ về tăng cường trách nhiệm "
	     "trong xử lý công việc 😀𝕏 ĐẶNG ĐỨC ĐÔNG"},
	    {"x", "a-very-long-word-without-any-space-that-cannot-be-folded-"
		  "anywhere-at-all-0123456789"},
	    {"x", "many short words that must be folded at spaces because the "
		  "line is long, many short words that must be folded"},
	    {"x", "  leading and trailing  "},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_out out = base_out();
		struct message_info info;
		char *msg;
		char *want_subject = xstrdup(cases[i].subject);

		out.from_name = cases[i].name;
		out.subject = cases[i].subject;
		msg = compose_ok(&out, &info);
		assert_string_equal(info.subject, str_trim(want_subject));
		if (cases[i].name && *cases[i].name) {
			assert_str_or_null(info.from_name, cases[i].name);
		} else {
			assert_null(info.from_name);
		}
		assert_string_equal(info.from_addr, "congvan@example.vn");
		assert_string_equal(info.message_id, out.message_id);
		assert_int_equal(info.date, 1777255200);
		assert_int_equal(info.kind, MESSAGE_AUTO);
		message_info_free(&info);
		free(want_subject);
		free(msg);
	}
}

/* Every encoded word is at most 75 characters and holds whole UTF-8
 * characters. */
static void test_compose_encoded_words(void **state)
{
	struct message_out out = base_out();
	struct message_info info;
	char *msg;
	const char *p;
	int words = 0;

	(void)state;
	out.subject = "Về việc 😀😀😀😀😀😀😀😀😀😀😀😀😀 triển khai thực hiện "
		      "Công điện số 280/CĐ-TTg ệệệệệệệệệệệệệệệệệệệệệệệệệệ "
		      "của Thủ tướng Chính phủ";
	msg = compose_ok(&out, &info);
	assert_string_equal(info.subject, out.subject);
	for (p = strstr(msg, "=?UTF-8?B?"); p; p = strstr(p, "=?UTF-8?B?")) {
		const char *end = strstr(p + 10, "?=");
		char *bytes;

		assert_non_null(end);
		assert_true(end + 2 - p <= 75);
		bytes = b64_decode(p + 10, (size_t)(end - p - 10));
		assert_true(utf8_valid(bytes));
		free(bytes);
		words++;
		p = end;
	}
	assert_true(words > 4);
	message_info_free(&info);
	free(msg);
}

static void test_compose_headers(void **state)
{
	static const char *const to[] = {"a@x.vn", "b@x.vn", NULL};
	static const char *const cc[] = {"c@x.vn", NULL};
	static const char *const refs[] = {"r1@x.vn", "bad id@x", "parent@x.vn",
					   NULL};
	struct message_out out = base_out();
	struct message_info info;
	char *msg;
	const char *body;

	(void)state;
	out.to = to;
	out.cc = cc;
	out.reply_to = "box+token@example.vn";
	out.in_reply_to = "parent@x.vn";
	out.references = refs;
	out.item_key = "CV-2026-000012";
	msg = compose_ok(&out, &info);
	body = header_end(msg);
	assert_true(str_startswith(msg, "Date: Mon, 27 Apr 2026 09:00:00 "
					"+0700\r\n"));
	assert_non_null(strstr(msg, "\r\nFrom: =?UTF-8?B?"));
	assert_non_null(strstr(msg, "?= <congvan@example.vn>\r\n"));
	assert_non_null(strstr(msg, "\r\nTo: a@x.vn, b@x.vn\r\n"));
	assert_non_null(strstr(msg, "\r\nCc: c@x.vn\r\n"));
	assert_non_null(strstr(msg, "\r\nReply-To: box+token@example.vn\r\n"));
	assert_non_null(strstr(msg, "\r\nIn-Reply-To: <parent@x.vn>\r\n"));
	assert_non_null(
	    strstr(msg, "\r\nReferences: <r1@x.vn> <parent@x.vn>\r\n"));
	assert_non_null(strstr(msg, "\r\nMIME-Version: 1.0\r\n"));
	assert_non_null(strstr(msg, "\r\nAuto-Submitted: auto-generated\r\n"));
	assert_non_null(strstr(msg, "\r\nX-Auto-Response-Suppress: All\r\n"));
	assert_non_null(strstr(msg, "\r\nX-Congvan-Item: CV-2026-000012\r\n"));
	assert_non_null(strstr(msg, "\r\nContent-Type: text/plain; "
				    "charset=utf-8\r\n"));
	/* Mostly Vietnamese: base64, smaller than quoted-printable. */
	assert_non_null(strstr(msg, "\r\nContent-Transfer-Encoding: "
				    "base64\r\n"));
	assert_string_equal(info.in_reply_to, "parent@x.vn");
	assert_int_equal(count_refs(&info), 2);
	assert_string_equal(body,
			    "\r\nS8OtbmggZ+G7rWkgYW5oIEFuLA0KDQrEkOG7gSBuZ2"
			    "jhu4sgeOG7rSBsw70uDQo=\r\n");
	message_info_free(&info);
	free(msg);
}

/* A text part is quoted-printable while most of it is ASCII, base64 once
 * quoted-printable would be the larger (Vietnamese); either way it
 * decodes to the text with CRLF line ends, a bare CR or LF made one. */
static void test_compose_text_encoding(void **state)
{
	static const struct {
		const char *text;
		const char *encoding;
		const char *decoded;
	} cases[] = {
	    {"Dear An,\n\nPlease see the letter CV-2026-000012.\n",
	     "quoted-printable",
	     "Dear An,\n\nPlease see the letter CV-2026-000012.\n"},
	    /* A few marks in English: still readable as it is. */
	    {"Re: Công văn 12/BCT-VP, please reply by Friday.\n",
	     "quoted-printable",
	     "Re: Công văn 12/BCT-VP, please reply by Friday.\n"},
	    {"Đề nghị Vụ Pháp chế cho ý kiến về dự thảo.\r\nTrân trọng.",
	     "base64",
	     "Đề nghị Vụ Pháp chế cho ý kiến về dự thảo.\r\nTrân "
	     "trọng.\r\n"},
	    {"Kính gửi\rVụ Tổ chức cán bộ\n\nĐề nghị xử lý.\n", "base64",
	     "Kính gửi\r\nVụ Tổ chức cán bộ\r\n\r\nĐề nghị xử lý.\r\n"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_out out = base_out();
		struct message_info info;
		char *msg, *want, *got, *hdr;
		const char *body;

		out.text = cases[i].text;
		msg = compose_ok(&out, &info);
		hdr = xasprintf("\r\nContent-Transfer-Encoding: %s\r\n\r\n",
				cases[i].encoding);
		body = strstr(msg, hdr);
		assert_non_null(body);
		body += strlen(hdr);
		if (strcmp(cases[i].encoding, "base64") == 0) {
			struct sbuf flat = SBUF_INIT(SIZE_MAX);

			for (const char *p = body; *p; p++) {
				if (*p != '\r' && *p != '\n') {
					sbuf_addch(&flat, *p);
				}
			}
			got = b64_decode(sbuf_str(&flat), flat.len);
			sbuf_release(&flat);
		} else {
			got = qp_decode(body, strlen(body));
		}
		want = xstrdup(cases[i].decoded);
		assert_string_equal(got, want);
		free(got);
		free(want);
		free(hdr);
		message_info_free(&info);
		free(msg);
	}
}

/* Ids and addresses too long for one line go on the next one. */
static void test_compose_long_ids(void **state)
{
	static const char *const to[] = {
	    "nguyen.van.an.phong.to.chuc.can.bo@donvi.example.vn",
	    "tran.thi.binh.phong.ke.hoach.tai.chinh@donvi.example.vn",
	    "le.van.cuong@donvi.example.vn", NULL};
	static const char *const refs[] = {
	    "HK0PR01MB1234ABCDEF0123456789@HK0PR01MB1234.apcprd01.prod."
	    "exchangelabs.com",
	    NULL};
	struct message_out out = base_out();
	struct message_info info;
	char *msg;

	(void)state;
	out.to = to;
	out.message_id = "cv.CV-2026-000012.1777260000.aabbccddeeff0011@"
			 "congvan.to-chuc.example.vn";
	out.in_reply_to = refs[0];
	out.references = refs;
	out.reply_to = "hop-thu-chung+CV-2026-000012.token0123456789abcdef@"
		       "congvan.example.vn";
	msg = compose_ok(&out, &info);
	assert_non_null(strstr(msg, "\r\nMessage-ID:\r\n <cv."));
	assert_string_equal(info.message_id, out.message_id);
	assert_string_equal(info.in_reply_to, refs[0]);
	assert_int_equal(count_refs(&info), 1);
	assert_string_equal(info.references[0], refs[0]);
	message_info_free(&info);
	free(msg);
}

static void test_compose_injection(void **state)
{
	static const struct {
		const char *name;
		const char *subject;
	} cases[] = {
	    {"x", "x\r\nBcc: evil@x"},
	    {"x", "x\nBcc: evil@x"},
	    {"x", "x\rBcc: evil@x"},
	    {"A\r\nBcc: evil@x", "s"},
	    {"Nguyễn\r\nBcc: evil@x", "Trả lời\r\nBcc: evil@x"},
	    {"x", "\r\n\r\nBcc: evil@x"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_out out = base_out();
		struct message_info info;
		char *msg;

		out.from_name = cases[i].name;
		out.subject = cases[i].subject;
		msg = compose_ok(&out, &info);
		assert_null(strstr(msg, "\nBcc:"));
		assert_null(strstr(msg, "\nbcc:"));
		assert_true(
		    strstr(info.subject, "Bcc: evil@x") ||
		    (info.from_name && strstr(info.from_name, "Bcc: evil@x")));
		assert_null(strchr(info.subject, '\r'));
		assert_null(strchr(info.subject, '\n'));
		message_info_free(&info);
		free(msg);
	}
}

enum bad_field {
	BAD_FROM,
	BAD_TO_NULL,
	BAD_TO_EMPTY,
	BAD_TO_ENTRY,
	BAD_CC,
	BAD_REPLY_TO,
	BAD_MESSAGE_ID,
	BAD_ITEM_KEY,
	BAD_SUBJECT,
	BAD_TEXT,
};

static void set_bad_field(struct message_out *out, enum bad_field field,
			  const char *value, const char **cc)
{
	static const char *const to_bad[] = {"a@x.vn", "b@x.vn\r\nBcc: e@x",
					     NULL};
	static const char *const to_empty[] = {NULL};

	cc[0] = value;
	cc[1] = NULL;
	switch (field) {
	case BAD_FROM:
		out->from_addr = value;
		break;
	case BAD_TO_NULL:
		out->to = NULL;
		break;
	case BAD_TO_EMPTY:
		out->to = to_empty;
		break;
	case BAD_TO_ENTRY:
		out->to = to_bad;
		break;
	case BAD_CC:
		out->cc = cc;
		break;
	case BAD_REPLY_TO:
		out->reply_to = value;
		break;
	case BAD_MESSAGE_ID:
		out->message_id = value;
		break;
	case BAD_ITEM_KEY:
		out->item_key = value;
		break;
	case BAD_SUBJECT:
		out->subject = NULL;
		break;
	case BAD_TEXT:
		out->text = NULL;
		break;
	}
}

static void test_compose_errors(void **state)
{
	static const struct {
		enum bad_field field;
		const char *value;
		const char *error; /* what the error must name */
	} cases[] = {
	    {BAD_FROM, NULL, "from"},
	    {BAD_FROM, "", "from"},
	    {BAD_FROM, "a b@x.vn", "from"},
	    {BAD_FROM, "<a@x.vn>", "from"},
	    {BAD_FROM, "a@x.vn\r\nBcc: e@x", "from"},
	    {BAD_FROM, "ax.vn", "from"},
	    {BAD_FROM, "a@@x.vn", "from"},
	    {BAD_FROM, "a@b@x.vn", "from"},
	    {BAD_FROM, "@x.vn", "from"},
	    {BAD_FROM, "a@", "from"},
	    {BAD_FROM, "a@x..vn", "from"},
	    {BAD_FROM, "a,b@x.vn", "from"},
	    {BAD_FROM, "nguyễn@x.vn", "from"},
	    {BAD_TO_NULL, NULL, "to"},
	    {BAD_TO_EMPTY, NULL, "to"},
	    {BAD_TO_ENTRY, NULL, "to (entry 2)"},
	    {BAD_CC, "c@x.vn>", "cc"},
	    {BAD_REPLY_TO, "r@x.vn r", "reply-to"},
	    {BAD_MESSAGE_ID, NULL, "message-id"},
	    {BAD_MESSAGE_ID, "no-at-sign", "message-id"},
	    {BAD_MESSAGE_ID, "<a@b>", "message-id"},
	    {BAD_MESSAGE_ID, "a b@c", "message-id"},
	    {BAD_ITEM_KEY, "CV 2026", "item key"},
	    {BAD_ITEM_KEY, "CV-2026\r\nBcc: x", "item key"},
	    {BAD_SUBJECT, NULL, "subject"},
	    {BAD_TEXT, NULL, "text"},
	};
	char *msg = NULL;
	char *error = NULL;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_out out = base_out();
		const char *cc[2];
		size_t len = 7;

		msg = (char *)"untouched";
		set_bad_field(&out, cases[i].field, cases[i].value, cc);
		assert_int_equal(message_compose(&out, &msg, &len, &error), -1);
		assert_null(msg);
		assert_int_equal(len, 0);
		assert_non_null(error);
		if (!strstr(error, cases[i].error)) {
			fail_msg("case %zu: error '%s' does not name '%s'", i,
				 error, cases[i].error);
		}
		FREE_AND_NULL(error);
	}
	assert_int_equal(message_compose(NULL, &msg, NULL, &error), -1);
	assert_null(msg);
	assert_non_null(error);
	free(error);
}

static void test_compose_multipart(void **state)
{
	struct message_out out = base_out();
	struct message_info info;
	char *msg;
	char boundary[80];
	char delim[90];
	const char *b;
	const char *text_part;
	const char *html_part;

	(void)state;
	out.html = "<p>Kính gửi <b>anh An</b>, a=b</p>\n";
	msg = compose_ok(&out, &info);
	b = strstr(msg, "boundary=\"");
	assert_non_null(b);
	assert_int_equal(sscanf(b, "boundary=\"%79[^\"]\"", boundary), 1);
	assert_true(str_startswith(boundary, "=_cv."));
	assert_int_equal(strlen(boundary), 5 + 32);
	snprintf(delim, sizeof(delim), "\r\n--%s\r\n", boundary);
	text_part = strstr(msg, delim);
	assert_non_null(text_part);
	html_part = strstr(text_part + 1, delim);
	assert_non_null(html_part);
	assert_non_null(strstr(text_part, "Content-Type: text/plain"));
	assert_true(strstr(text_part, "Content-Type: text/plain") < html_part);
	assert_non_null(strstr(html_part, "Content-Type: text/html; "
					  "charset=utf-8\r\n"));
	assert_non_null(strstr(html_part, "a=3Db</p>\r\n"));
	snprintf(delim, sizeof(delim), "\r\n--%s--\r\n", boundary);
	assert_true(strlen(strstr(msg, delim)) == strlen(delim));
	assert_non_null(strstr(msg, "Content-Type: multipart/alternative;"));
	message_info_free(&info);
	free(msg);
}

/* --- attachments and calendar parts -------------------------------- */

#define TEXT_BACK "Kính gửi anh An,\n\nĐề nghị xử lý.\n"
#define VI_NAME   "Công văn số 2536-BCT-VP về Công điện 280.pdf"
#define VI_LONG                                                                                  \
	"Báo cáo tổng hợp tình hình thực hiện nhiệm vụ quý IV năm 2026 của " \
	"các đơn vị thuộc Bộ Công Thương (bản chính thức).docx"
#define HOSTILE      "a\"\r\nBcc: x@y/../../etc"
#define HOSTILE_BACK "a_ Bcc_ x@y_.._.._etc"
#define XLSX_TYPE                                                              \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static const char cal_lf[] = "BEGIN:VCALENDAR\n"
			     "PRODID:-//congvan//test//VI\n"
			     "VERSION:2.0\n"
			     "METHOD:REQUEST\n"
			     "BEGIN:VEVENT\n"
			     "UID:CV-2026-000012-an.nv@congvan.example.vn\n"
			     "SEQUENCE:0\n"
			     "DTSTAMP:20260427T020000Z\n"
			     "DTSTART;VALUE=DATE:20260520\n"
			     "SUMMARY:Hạn xử lý [CV-2026-000012] Giao việc\n"
			     "END:VEVENT\n"
			     "END:VCALENDAR\n";

static const char cal_crlf_cancel[] =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "METHOD:CANCEL\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:CV-2026-000012-an.nv@congvan.example.vn\r\n"
    "SEQUENCE:3\r\n"
    "SUMMARY:Đã hoàn thành: một dòng rất dài được gấp theo RFC 5545 mục \r\n"
    " 3.1\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";

static void sha256_hex(const void *data, size_t len, char out[65])
{
	struct sha256_ctx ctx;
	unsigned char digest[SHA256_DIGEST_SIZE];

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof(digest), digest);
	hex_encode(digest, sizeof(digest), out);
}

/* len bytes of every value, from seed (the data of one attachment). */
static char *make_data(size_t len, unsigned seed)
{
	char *d = xmalloc(len ? len : 1);
	uint32_t x = seed * 2654435761u + 1;

	for (size_t i = 0; i < len; i++) {
		x = x * 1103515245u + 12345u;
		d[i] = (char)(x >> 16);
	}
	return d;
}

/* Every line ends in CRLF, none is longer than 78 characters (998 is the
 * limit of RFC 5322; base64 and QP lines are 76). */
static void check_lines(const char *msg, size_t len)
{
	assert_true(longest_line(msg, len) <= 78);
	assert_true(len >= 2 && !memcmp(msg + len - 2, "\r\n", 2));
}

static char *compose_parts(const struct message_out *out, size_t *len_r)
{
	char *msg = NULL;
	char *error = NULL;

	if (message_compose(out, &msg, len_r, &error) < 0) {
		fail_msg("compose: %s", error);
	}
	assert_int_equal(*len_r, strlen(msg));
	check_lines(msg, *len_r);
	assert_null(strstr(msg, "\nBcc:"));
	return msg;
}

/* The body of the part whose header block holds field (up to the next
 * delimiter). */
static char *part_body(const char *msg, const char *field)
{
	const char *p = strstr(msg, field);
	const char *end;

	assert_non_null(p);
	p = strstr(p, "\r\n\r\n");
	assert_non_null(p);
	p += 4;
	end = strstr(p, "\r\n--=_cv.");
	assert_non_null(end);
	return xstrndup(p, (size_t)(end - p) + 2);
}

/* Base64 with CRLF line breaks, decoded. */
static char *b64_lines_decode(const char *s)
{
	struct sbuf flat = SBUF_INIT(SIZE_MAX);
	char *out;

	for (; *s; s++) {
		if (*s != '\r' && *s != '\n') {
			sbuf_addch(&flat, *s);
		}
	}
	out = b64_decode(sbuf_str(&flat), flat.len);
	sbuf_release(&flat);
	return out;
}

struct att_spec {
	const char *filename;
	const char *type;
	size_t size;
	const char *want_name; /* after sanitising; NULL: none */
	const char *want_type;
};

/* Renames every "filename" parameter so the reader must fall back to
 * the RFC 2047 name= of Content-Type. */
static void hide_filenames(char *msg)
{
	for (char *p = strstr(msg, "filename"); p; p = strstr(p, "filename")) {
		*p = 'x';
	}
}

static void check_parsed(const char *msg, size_t len,
			 const struct att_spec *att, size_t n, char **data)
{
	struct mime_doc doc;

	mime_parse(msg, len, 0, &doc);
	assert_string_equal(doc.text, TEXT_BACK);
	assert_int_equal(doc.n_attachments, n);
	for (size_t k = 0; k < n; k++) {
		const struct mime_attachment *a = &doc.attachments[k];
		char sha[65];

		sha256_hex(data[k], att[k].size, sha);
		assert_str_or_null(a->filename, att[k].want_name);
		assert_string_equal(a->content_type, att[k].want_type);
		assert_int_equal(a->size, att[k].size);
		assert_string_equal(a->sha256, sha);
	}
	mime_doc_free(&doc);
}

/* A letter attached as message/rfc822 is embedded as it is (8bit, CRLF)
 * and read back as the forward; one that cannot be (a NUL byte) goes as
 * base64 application/octet-stream. */
static void test_compose_embedded_message(void **state)
{
	static const char letter[] =
	    "From: Bộ Tài chính <vanthu@mof.example>\n"
	    "Subject: =?UTF-8?B?VuG6pW4gYuG6o24=?=\n"
	    "Message-ID: <l1@mof.example>\n"
	    "Content-Type: text/plain; charset=utf-8\n\n"
	    "Số: 12/BTC-KHTC\nKính gửi: Bộ Công Thương\n";
	static const char binary[] = "From: x@y\r\n\r\na\0b";
	struct message_attachment att[] = {{"CV-2026-000001.eml",
					    "message/rfc822", letter,
					    sizeof(letter) - 1}};
	struct message_out out = base_out();
	struct mime_doc doc;
	char *msg = NULL, *error = NULL;
	size_t len = 0;

	(void)state;
	out.attachments = att;
	out.n_attachments = 1;
	assert_int_equal(message_compose(&out, &msg, &len, &error), 0);
	assert_non_null(strstr(msg, "Content-Type: message/rfc822"));
	assert_non_null(strstr(msg, "Content-Transfer-Encoding: 8bit"));
	assert_non_null(strstr(msg, "Kính gửi: Bộ Công Thương\r\n"));
	mime_parse(msg, len, 0, &doc);
	assert_non_null(doc.forwarded);
	assert_non_null(strstr(doc.forwarded->text, "Số: 12/BTC-KHTC"));
	mime_doc_free(&doc);
	free(msg);

	att[0].data = binary;
	att[0].len = sizeof(binary) - 1;
	assert_int_equal(message_compose(&out, &msg, &len, &error), 0);
	assert_null(strstr(msg, "Content-Type: message/rfc822"));
	assert_non_null(strstr(msg, "application/octet-stream"));
	free(msg);
}

/* The embedded letter keeps its bytes; only bare LFs gain their CR (at
 * the start, the end, between CRLF lines), and it ends with a line end. */
static void test_compose_embedded_line_ends(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
	    {"X: y\n\nbody\n", "X: y\r\n\r\nbody\r\n"},
	    {"X: y\r\n\r\nbody\r\n", "X: y\r\n\r\nbody\r\n"},
	    {"X: y\r\n\nb\nc\r\nd", "X: y\r\n\r\nb\r\nc\r\nd\r\n"},
	    {"\nX: y\n\n\n", "\r\nX: y\r\n\r\n\r\n"},
	    {"X: y\n\nz", "X: y\r\n\r\nz\r\n"},
	};
	static const char cte[] = "Content-Transfer-Encoding: 7bit\r\n\r\n";
	struct message_out out = base_out();
	char *msg = NULL, *error = NULL;
	size_t len = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_attachment att = {"a.eml", "message/rfc822",
						 cases[i].in,
						 strlen(cases[i].in)};
		const char *p;
		size_t n = strlen(cases[i].want);

		out.attachments = &att;
		out.n_attachments = 1;
		assert_int_equal(message_compose(&out, &msg, &len, &error), 0);
		p = strstr(msg, cte);
		assert_non_null(p);
		p += strlen(cte);
		if (strncmp(p, cases[i].want, n) != 0 ||
		    strncmp(p + n, "--", 2) != 0) {
			fail_msg("case %zu: embedded as '%.*s'", i, (int)n + 2,
				 p);
		}
		free(msg);
	}
}

/* An attachment left out (message_compose_deferred) and written later
 * (message_attachment_write) gives the message message_compose writes:
 * the same part, at the place left for it, read back as the forward. */
static void test_compose_deferred(void **state)
{
	static const char letter[] =
	    "From: Bộ Tài chính <vanthu@mof.example>\n"
	    "Subject: V/v ngân sách\n\n"
	    "Số: 12/BTC-KHTC\nKính gửi: Bộ Công Thương\n";
	struct message_attachment att[] = {
	    {"ghi-chu.txt", "text/plain", "ghi chú", strlen("ghi chú")},
	    {"CV-2026-000001.eml", "message/rfc822", letter,
	     sizeof(letter) - 1}};
	struct message_attachment later = att[1];
	struct message_out out = base_out();
	struct sbuf part = SBUF_INIT(SIZE_MAX), whole = SBUF_INIT(SIZE_MAX);
	struct mime_doc doc;
	char *full = NULL, *holey = NULL, *error = NULL;
	size_t full_len = 0, len = 0, at = 0;

	(void)state;
	out.attachments = att;
	out.n_attachments = 2;
	message_attachment_write(&part, &att[1]);
	assert_non_null(strstr(part.buf, "Content-Type: message/rfc822;"));
	assert_int_equal(message_compose(&out, &full, &full_len, &error), 0);
	assert_non_null(strstr(full, part.buf));
	/* Left out: no data needed, and a place just after its boundary. */
	att[1].data = NULL;
	att[1].len = 0;
	assert_int_equal(
	    message_compose_deferred(&out, 1, &holey, &len, &at, &error), 0);
	assert_null(strstr(holey, "Kính gửi"));
	assert_true(at > 4 && at < len);
	assert_memory_equal(holey + at - 2, "\r\n", 2);
	assert_memory_equal(holey + at, "--", 2);
	assert_int_equal(len + part.len, full_len);
	sbuf_add(&whole, holey, at);
	message_attachment_write(&whole, &later);
	sbuf_add(&whole, holey + at, len - at);
	assert_int_equal(whole.len, full_len);
	mime_parse(whole.buf, whole.len, 0, &doc);
	assert_int_equal(doc.n_attachments, 1);
	assert_non_null(doc.forwarded);
	assert_non_null(strstr(doc.forwarded->text, "Số: 12/BTC-KHTC"));
	mime_doc_free(&doc);
	free(holey);
	/* No such attachment. */
	assert_int_equal(
	    message_compose_deferred(&out, 2, &holey, &len, &at, &error), -1);
	assert_null(holey);
	assert_non_null(strstr(error, "no such attachment"));
	free(error);
	sbuf_release(&whole);
	sbuf_release(&part);
	free(full);
}

static void test_compose_attachments(void **state)
{
	static const struct {
		const char *name;
		bool html;
		size_t n;
		struct att_spec att[3];
		const char *top;    /* Content-Type of the message */
		const char *raw[3]; /* must occur in the message */
	} cases[] = {
	    {"none", false, 0, {{0}}, "text/plain; charset=utf-8", {NULL}},
	    {"none, html", true, 0, {{0}}, "multipart/alternative;", {NULL}},
	    {"one pdf",
	     false,
	     1,
	     {{"report.pdf", "application/pdf", 1000, "report.pdf",
	       "application/pdf"}},
	     "multipart/mixed;",
	     {"\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\n"
	      "Content-Disposition: attachment; filename=\"report.pdf\"\r\n"
	      "Content-Transfer-Encoding: base64\r\n\r\n"}},
	    {"three, html",
	     true,
	     3,
	     {{"Bảng số liệu.xlsx", XLSX_TYPE, 4321, "Bảng số liệu.xlsx",
	       XLSX_TYPE},
	      {NULL, NULL, 57, NULL, "application/octet-stream"},
	      {"empty.txt", "Text/Plain", 0, "empty.txt", "text/plain"}},
	     "multipart/mixed;",
	     {"\r\nContent-Type: application/octet-stream\r\n"
	      "Content-Disposition: attachment\r\n",
	      "\r\nContent-Type: text/plain; name=\"empty.txt\"\r\n",
	      "Content-Type: multipart/alternative;"}},
	    {"vietnamese",
	     false,
	     1,
	     {{VI_NAME, "application/pdf", 3000, VI_NAME, "application/pdf"}},
	     "multipart/mixed;",
	     {" name=\"=?UTF-8?B?", " filename*0*=UTF-8''C%C3%B4ng%20v%C4%83n",
	      " filename*1*="}},
	    {"vietnamese, long",
	     true,
	     2,
	     {{VI_LONG, "application/msword", 10, VI_LONG,
	       "application/msword"},
	      {"Tờ trình.pdf", "application/pdf", 5, "Tờ trình.pdf",
	       "application/pdf"}},
	     "multipart/mixed;",
	     {" filename*=UTF-8''T%E1%BB%9D%20tr%C3%ACnh.pdf\r\n",
	      " filename*4*=",
	      " name=\"=?UTF-8?B?VOG7nSB0csOsbmgucGRm?=\"\r\n"}},
	    {"hostile",
	     false,
	     1,
	     {{HOSTILE, "application/pdf", 100, HOSTILE_BACK,
	       "application/pdf"}},
	     "multipart/mixed;",
	     {"name=\"" HOSTILE_BACK "\"\r\n",
	      "filename=\"" HOSTILE_BACK "\"\r\n"}},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_out out = base_out();
		struct message_attachment atts[3];
		char *data[3] = {NULL, NULL, NULL};
		char *msg, *top;
		size_t len;

		print_message("case %s\n", cases[i].name);
		for (size_t k = 0; k < cases[i].n; k++) {
			const struct att_spec *s = &cases[i].att[k];

			data[k] = make_data(s->size, (unsigned)(i * 3 + k));
			atts[k] = (struct message_attachment){
			    s->filename, s->type, data[k], s->size};
		}
		out.html = cases[i].html ? "<p>Kính gửi anh An</p>" : NULL;
		out.attachments = cases[i].n ? atts : NULL;
		out.n_attachments = cases[i].n;
		msg = compose_parts(&out, &len);
		top = xasprintf("\r\nMIME-Version: 1.0\r\n");
		assert_non_null(strstr(msg, top));
		free(top);
		top = xasprintf("\r\nContent-Type: %s", cases[i].top);
		assert_non_null(strstr(msg, top));
		assert_true(strstr(msg, top) < header_end(msg));
		free(top);
		for (size_t r = 0; r < 3 && cases[i].raw[r]; r++) {
			if (!strstr(msg, cases[i].raw[r])) {
				fail_msg("case %s: '%s' missing", cases[i].name,
					 cases[i].raw[r]);
			}
		}
		check_parsed(msg, len, cases[i].att, cases[i].n, data);
		/* The same names from name= (RFC 2047) alone. */
		hide_filenames(msg);
		check_parsed(msg, len, cases[i].att, cases[i].n, data);
		for (size_t k = 0; k < cases[i].n; k++) {
			free(data[k]);
		}
		free(msg);
	}
}

/* 25 MiB in all is accepted, and parses back. */
static void test_compose_attachments_limit(void **state)
{
	struct att_spec att[2] = {
	    {"big.bin", NULL, 20 << 20, "big.bin", "application/octet-stream"},
	    {"small.bin", NULL, 5 << 20, "small.bin",
	     "application/octet-stream"}};
	struct message_out out = base_out();
	struct message_attachment atts[2];
	char *data[2];
	char *msg;
	size_t len;

	(void)state;
	for (size_t k = 0; k < 2; k++) {
		data[k] = make_data(att[k].size, (unsigned)k);
		atts[k] = (struct message_attachment){att[k].filename, NULL,
						      data[k], att[k].size};
	}
	out.attachments = atts;
	out.n_attachments = 2;
	msg = compose_parts(&out, &len);
	check_parsed(msg, len, att, 2, data);
	free(msg);
	free(data[0]);
	free(data[1]);
}

static void test_compose_calendar(void **state)
{
	static const struct {
		const char *cal;
		const char *method;
		bool html;
		size_t n_att;
		const char *part_type;
	} cases[] = {
	    {cal_lf, "REQUEST", false, 0,
	     "\r\nContent-Type: text/calendar; charset=UTF-8; method=REQUEST"
	     "\r\nContent-Transfer-Encoding: base64\r\n\r\n"},
	    {cal_lf, "request", true, 0,
	     "\r\nContent-Type: text/calendar; charset=UTF-8; method=REQUEST"
	     "\r\nContent-Transfer-Encoding: base64\r\n\r\n"},
	    {cal_crlf_cancel, "CANCEL", true, 1,
	     "\r\nContent-Type: text/calendar; charset=UTF-8; method=CANCEL"
	     "\r\nContent-Transfer-Encoding: base64\r\n\r\n"},
	    {cal_lf, "REQUEST", false, 2,
	     "\r\nContent-Type: text/calendar; charset=UTF-8; method=REQUEST"
	     "\r\nContent-Transfer-Encoding: base64\r\n\r\n"},
	};
	struct att_spec att[2] = {
	    {"Công văn.pdf", "application/pdf", 700, "Công văn.pdf",
	     "application/pdf"},
	    {"b.ics", "application/ics", 20, "b.ics", "application/ics"}};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_out out = base_out();
		struct message_attachment atts[2];
		char *data[2] = {NULL, NULL};
		char *msg, *body, *cal, *want;
		const char *part, *alt, *mixed, *method;
		size_t len;
		struct sbuf crlf = SBUF_INIT(SIZE_MAX);

		for (size_t k = 0; k < cases[i].n_att; k++) {
			data[k] = make_data(att[k].size, (unsigned)k);
			atts[k] = (struct message_attachment){
			    att[k].filename, att[k].type, data[k], att[k].size};
		}
		out.html = cases[i].html ? "<p>Kính gửi anh An</p>" : NULL;
		out.calendar = cases[i].cal;
		out.calendar_method = cases[i].method;
		out.attachments = atts;
		out.n_attachments = cases[i].n_att;
		msg = compose_parts(&out, &len);
		part = strstr(msg, cases[i].part_type);
		assert_non_null(part);
		/* The calendar is the last alternative, which is the first
		 * part of the mixed when there are attachments. */
		alt = strstr(msg, "Content-Type: multipart/alternative;");
		assert_non_null(alt);
		assert_true(alt < part);
		mixed = strstr(msg, "Content-Type: multipart/mixed;");
		assert_true(cases[i].n_att ? mixed && mixed < alt : !mixed);
		assert_true(strstr(part, "\r\n\r\n") < strstr(part, "\r\n--"));
		/* No Content-Disposition in the calendar part's headers. */
		body =
		    xstrndup(part, (size_t)(strstr(part, "\r\n\r\n") - part));
		assert_null(strstr(body, "Content-Disposition"));
		free(body);
		body = part_body(msg, cases[i].part_type + 2);
		cal = b64_lines_decode(body);
		for (const char *p = cases[i].cal; *p; p++) {
			if (*p == '\n' &&
			    (p == cases[i].cal || p[-1] != '\r')) {
				sbuf_addch(&crlf, '\r');
			}
			sbuf_addch(&crlf, *p);
		}
		assert_string_equal(cal, sbuf_str(&crlf));
		/* method= is the METHOD property. */
		method = strstr(cal, "\r\nMETHOD:");
		assert_non_null(method);
		want = xasprintf("method=%.*s\r\n",
				 (int)strcspn(method + 9, "\r"), method + 9);
		assert_non_null(strstr(part, want));
		free(want);
		/* The reader takes the text, and neither the calendar nor
		 * the HTML as text or as an attachment. */
		check_parsed(msg, len, att, cases[i].n_att, data);
		sbuf_release(&crlf);
		free(cal);
		free(body);
		free(msg);
		free(data[0]);
		free(data[1]);
	}
}

static void test_compose_part_errors(void **state)
{
	static const struct message_attachment bad_type[] = {
	    {"a.pdf", "application", "x", 1}};
	static const struct message_attachment bad_type2[] = {
	    {"a.pdf", "application/pdf; name=x", "x", 1}};
	static const struct message_attachment bad_type3[] = {
	    {"a.pdf", "application/pdf\r\nBcc: x@y", "x", 1}};
	static const struct message_attachment multipart[] = {
	    {"a.eml", "message/partial", "x", 1}};
	static const struct message_attachment no_data[] = {
	    {"a.pdf", NULL, NULL, 10}};
	static const struct message_attachment too_big[] = {
	    {"a.bin", NULL, "x", MESSAGE_ATTACHMENTS_MAX + 1}};
	static const struct message_attachment too_big2[] = {
	    {"a.bin", NULL, "x", MESSAGE_ATTACHMENTS_MAX},
	    {"b.bin", NULL, "x", 1}};
	static const struct message_attachment too_big3[] = {
	    {"a.bin", NULL, "x", 1}, {"b.bin", NULL, "x", SIZE_MAX}};
	static const struct {
		const struct message_attachment *att;
		size_t n;
		const char *cal;
		const char *method;
		const char *error;
	} cases[] = {
	    {NULL, 1, NULL, NULL, "attachments missing"},
	    {bad_type, 1, NULL, NULL, "attachment 1: invalid content type"},
	    {bad_type2, 1, NULL, NULL, "attachment 1: invalid content type"},
	    {bad_type3, 1, NULL, NULL, "attachment 1: invalid content type"},
	    {multipart, 1, NULL, NULL, "cannot be attached"},
	    {no_data, 1, NULL, NULL, "attachment 1 has no data"},
	    {too_big, 1, NULL, NULL, "too large (more than 25 MiB"},
	    {too_big2, 2, NULL, NULL, "too large"},
	    {too_big3, 2, NULL, NULL, "too large"},
	    {NULL, 0, cal_lf, NULL, "calendar method missing"},
	    {NULL, 0, cal_lf, "", "calendar method missing"},
	    {NULL, 0, cal_lf, "REQUEST\r\nBcc: x@y", "calendar method"},
	    {NULL, 0, cal_lf, "CANCEL", "METHOD 'REQUEST' differs"},
	    {NULL, 0, "BEGIN:VCALENDAR\nEND:VCALENDAR\n", "REQUEST",
	     "no METHOD"},
	    {NULL, 0, "", "REQUEST", "no METHOD"},
	    {NULL, 0, "METHOD:RE QUEST\n", "REQUEST", "no METHOD"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_out out = base_out();
		char *msg = (char *)"untouched";
		char *error = NULL;
		size_t len = 7;

		out.attachments = cases[i].att;
		out.n_attachments = cases[i].n;
		out.calendar = cases[i].cal;
		out.calendar_method = cases[i].method;
		assert_int_equal(message_compose(&out, &msg, &len, &error), -1);
		assert_null(msg);
		assert_int_equal(len, 0);
		if (!error || !strstr(error, cases[i].error)) {
			fail_msg("case %zu: error '%s' does not name '%s'", i,
				 error, cases[i].error);
		}
		free(error);
	}
}

/* A folded METHOD, with parameters, in lower case, is still read. */
static void test_compose_calendar_method_forms(void **state)
{
	static const struct {
		const char *cal;
		const char *method;
		const char *param;
	} cases[] = {
	    {"BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR", "REPLY",
	     "method=REPLY"},
	    {"BEGIN:VCALENDAR\nMETHOD:PUB\n LISH\nEND:VCALENDAR\n", "PUBLISH",
	     "method=PUBLISH"},
	    {"BEGIN:VCALENDAR\nmethod;X-A=b:request \nEND:VCALENDAR\n",
	     "REQUEST", "method=request"},
	    {"METHOD:X-CONGVAN\n", "x-congvan", "method=X-CONGVAN"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_out out = base_out();
		char *msg, *want;
		size_t len;

		out.calendar = cases[i].cal;
		out.calendar_method = cases[i].method;
		msg = compose_parts(&out, &len);
		want = xasprintf("charset=UTF-8; %s\r\n", cases[i].param);
		assert_non_null(strstr(msg, want));
		free(want);
		free(msg);
	}
}

static void test_filename_clean(void **state)
{
	static const struct {
		const char *in;
		const char *out; /* NULL: no name */
	} cases[] = {
	    {"", NULL},
	    {"   ", NULL},
	    {"\r\n\t", NULL},
	    {"...", "_"},
	    {"report.pdf", "report.pdf"},
	    {VI_NAME, VI_NAME},
	    {HOSTILE, HOSTILE_BACK},
	    {"../../etc/passwd", "_._.._etc_passwd"},
	    {"C:\\Users\\x\\doc.pdf", "C__Users_x_doc.pdf"},
	    {"a\x01"
	     "b\tc\x7f"
	     "d",
	     "a b c d"},
	    {"a\xc2\x85"
	     "b",
	     "a b"}, /* C1 NEL */
	    {"invoice\xe2\x80\xae"
	     "fdp.exe",
	     "invoicefdp.exe"},          /* RLO */
	    {"caf\xe9.txt", "café.txt"}, /* cp1252 */
	    {".bashrc", "_bashrc"},
	    {"  two  spaces  .pdf  ", "two spaces .pdf"},
	    {"name. . .", "name"},
	    {"what?<>|*:.txt", "what______.txt"},
	};
	struct sbuf in = SBUF_INIT(SIZE_MAX);
	struct sbuf want = SBUF_INIT(SIZE_MAX);
	char *got;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		got = message_filename_clean(cases[i].in);
		assert_str_or_null(got, cases[i].out);
		free(got);
	}
	/* Long names are cut between characters, keeping the extension. */
	for (int k = 0; k < 300; k++) {
		sbuf_adds(&in, "a");
	}
	sbuf_adds(&in, ".pdf");
	for (int k = 0; k < 196; k++) {
		sbuf_adds(&want, "a");
	}
	sbuf_adds(&want, ".pdf");
	got = message_filename_clean(sbuf_str(&in));
	assert_string_equal(got, sbuf_str(&want));
	free(got);
	sbuf_reset(&in);
	sbuf_reset(&want);
	for (int k = 0; k < 100; k++) {
		sbuf_adds(&in, "ệ");
		if (k < 65) {
			sbuf_adds(&want, "ệ");
		}
	}
	sbuf_adds(&in, ".docx");
	sbuf_adds(&want, ".docx");
	got = message_filename_clean(sbuf_str(&in));
	assert_string_equal(got, sbuf_str(&want));
	assert_true(strlen(got) <= 200);
	free(got);
	/* Without an extension, just cut. */
	sbuf_reset(&in);
	for (int k = 0; k < 250; k++) {
		sbuf_adds(&in, "b");
	}
	got = message_filename_clean(sbuf_str(&in));
	assert_int_equal(strlen(got), 200);
	free(got);
	sbuf_release(&in);
	sbuf_release(&want);
}

/* --- quoted-printable ---------------------------------------------- */

static void test_qp_cases(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
	    {"", ""},
	    {"a", "a"},
	    {"a=b", "a=3Db"},
	    {"a \n", "a=20\r\n"},
	    {"a\t\r\n", "a=09\r\n"},
	    {"a b", "a b"},
	    {"line\r\nline\n", "line\r\nline\r\n"},
	    {"\n\n", "\r\n\r\n"},
	    {"é", "=C3=A9"},
	    {".dot\n.", "=2Edot\r\n=2E"},
	    {"From here\nFrom", "=46rom here\r\nFrom"},
	    {"a\rb", "a=0Db"},
	    {"tail \t", "tail =09"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sbuf sb = SBUF_INIT(1024);

		message_qp_encode(&sb, cases[i].in, strlen(cases[i].in));
		assert_string_equal(sbuf_str(&sb), cases[i].out);
		sbuf_release(&sb);
	}
}

static void test_qp_long_lines(void **state)
{
	static const char *const units[] = {"a", " ", "ệ", "=", "a ", "\t=é"};

	(void)state;
	for (size_t u = 0; u < ARRAY_SIZE(units); u++) {
		for (size_t n = 70; n < 240; n += 7) {
			struct sbuf in = SBUF_INIT(SIZE_MAX);
			struct sbuf out = SBUF_INIT(SIZE_MAX);
			char *back;

			for (size_t k = 0; k < n; k++) {
				sbuf_adds(&in, units[u]);
			}
			sbuf_adds(&in, "\nshort \n");
			for (size_t k = 0; k < n; k++) {
				sbuf_adds(&in, units[u]);
			}
			message_qp_encode(&out, in.buf, in.len);
			assert_true(longest_line(out.buf, out.len) <= 76);
			back = qp_decode(out.buf, out.len);
			assert_string_equal(back, in.buf);
			free(back);
			sbuf_release(&in);
			sbuf_release(&out);
		}
	}
}

/* --- text parts and base64 ---------------------------------------- */

/* A text part byte for byte: the choice of quoted-printable or base64
 * (the bytes of 0x80 and above, and each '=', count), invalid UTF-8
 * repaired as windows-1252, every form of line break made CRLF, a last
 * line without one, empty text. */
static void test_text_part_bytes(void **state)
{
	static const struct {
		const char *in;
		bool base64;
		const char *body;
	} cases[] = {
	    {"", false, "\r\n"},
	    {"\n", false, "\r\n"},
	    {"ệ", true, "4buHDQo=\r\n"},
	    {"ệ\n", true, "4buHDQo=\r\n"},
	    {"ệ\r", true, "4buHDQo=\r\n"},
	    {"ệ\r\n\r\n", true, "4buHDQoNCg==\r\n"},
	    {"ệ\n\r", true, "4buHDQoNCg==\r\n"},
	    {"a\rệ\r\nb\nc", true, "YQ0K4buHDQpiDQpjDQo=\r\n"},
	    /* "Không" once repaired: base64 */
	    {"Kh\xf4ng", true, "S2jDtG5nDQo=\r\n"},
	    {"caf\xe9 au lait, please", false, "caf=C3=A9 au lait, please\r\n"},
	    /* No byte above 0x7f: the '=' decide. */
	    {"a=b=c", true, "YT1iPWMNCg==\r\n"},
	    {"a=bcdefghijk", false, "a=3Dbcdefghijk\r\n"},
	    {"x\x01\x7fy\n", false, "x=01=7Fy\r\n"},
	    {"Đề nghị\x01\tx", true, "xJDhu4Egbmdo4buLAQl4DQo=\r\n"},
	    {"Đề nghị Vụ Pháp chế cho ý kiến về dự thảo văn bản\n", true,
	     "xJDhu4Egbmdo4buLIFbhu6UgUGjDoXAgY2jhur8gY2hvIMO9IGtp4bq/biB2"
	     "4buBIGThu7EgdGjh\r\n"
	     "uqNvIHbEg24gYuG6o24NCg==\r\n"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sbuf sb = SBUF_INIT(SIZE_MAX);
		char *want =
		    xasprintf("Content-Type: text/plain; charset=utf-8"
			      "\r\nContent-Transfer-Encoding: %s"
			      "\r\n\r\n%s",
			      cases[i].base64 ? "base64" : "quoted-printable",
			      cases[i].body);

		message_text_part_write(&sb, cases[i].in);
		assert_string_equal(sbuf_str(&sb), want);
		free(want);
		sbuf_release(&sb);
	}
}

/* Base64 as RFC 4648 defines it, a group at a time, in lines of 76
 * characters ending in CRLF when lines is set. */
static void ref_base64(struct sbuf *out, const unsigned char *in, size_t n,
		       bool lines)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				       "abcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t col = 0;

	for (size_t i = 0; i < n; i += 3) {
		size_t have = n - i < 3 ? n - i : 3;
		uint32_t v = 0;

		for (size_t k = 0; k < 3; k++) {
			v = v << 8 | (k < have ? in[i + k] : 0);
		}
		for (size_t k = 0; k < 4; k++) {
			sbuf_addch(out, k <= have
					    ? alphabet[(v >> (18 - 6 * k)) & 63]
					    : '=');
		}
		col += 4;
		if (lines && (col == 76 || i + 3 >= n)) {
			sbuf_adds(out, "\r\n");
			col = 0;
		}
	}
}

/* text with CR, LF and CRLF each made CRLF, ending in one. */
static void ref_crlf(struct sbuf *out, const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\r' || text[i] == '\n') {
			sbuf_adds(out, "\r\n");
			i += text[i] == '\r' && i + 1 < len &&
			     text[i + 1] == '\n';
		} else {
			sbuf_addch(out, text[i]);
		}
	}
	if (len > 0 && text[len - 1] != '\r' && text[len - 1] != '\n') {
		sbuf_adds(out, "\r\n");
	}
}

/* The encoder reads text line by line into whole base64 lines of 57
 * bytes, 16 lines per append: lines of every length around those sizes,
 * with every line break, in ASCII and in Vietnamese, give what encoding
 * the CRLF text at once gives. */
static void test_base64_text(void **state)
{
	static const char *const breaks[] = {"\n", "\r\n", "\r", "\n\r",
					     "\r\r\n"};
	static const char *const units[] = {"a", "ệ", "=\t"};
	static const size_t lens[] = {0,    1,    55,   56,   57,  58,   113,
				      114,  910,  911,  912,  913, 1822, 1823,
				      1824, 1825, 2735, 2736, 3000};

	(void)state;
	for (size_t u = 0; u < ARRAY_SIZE(units); u++) {
		for (size_t b = 0; b < ARRAY_SIZE(breaks); b++) {
			for (size_t l = 0; l < ARRAY_SIZE(lens); l++) {
				struct sbuf text = SBUF_INIT(SIZE_MAX);
				struct sbuf crlf = SBUF_INIT(SIZE_MAX);
				struct sbuf want = SBUF_INIT(SIZE_MAX);
				struct sbuf got = SBUF_INIT(SIZE_MAX);

				/* a line of lens[l] bytes, a short one, and
				 * the same without a last line break */
				for (size_t k = 0; k < 2; k++) {
					while (text.len <
					       lens[l] + k * (lens[l] + 5)) {
						sbuf_adds(&text,
							  text.len % 7 == 3
							      ? "x"
							      : units[u]);
					}
					sbuf_adds(&text, breaks[b]);
					sbuf_adds(&text, "b");
					if (k == 0) {
						sbuf_adds(&text, breaks[b]);
					}
				}
				ref_crlf(&crlf, text.buf, text.len);
				ref_base64(&want, (unsigned char *)crlf.buf,
					   crlf.len, true);
				message_base64_text(&got, text.buf, text.len);
				assert_string_equal(sbuf_str(&got),
						    sbuf_str(&want));
				sbuf_release(&text);
				sbuf_release(&crlf);
				sbuf_release(&want);
				sbuf_release(&got);
			}
		}
	}
}

/* Arbitrary bytes, every length to 200 and some past a chunk, in lines
 * (attachments) and without (encoded words). */
static void test_base64_bytes(void **state)
{
	(void)state;
	for (size_t n = 0; n < 2000; n += n < 200 ? 1 : 97) {
		unsigned char *d = (unsigned char *)make_data(n, (unsigned)n);
		struct sbuf want = SBUF_INIT(SIZE_MAX);
		struct sbuf got = SBUF_INIT(SIZE_MAX);

		ref_base64(&want, d, n, true);
		message_base64_lines(&got, d, n);
		assert_string_equal(sbuf_str(&got), sbuf_str(&want));
		sbuf_reset(&want);
		sbuf_reset(&got);
		ref_base64(&want, d, n, false);
		message_base64_append(&got, d, n);
		assert_string_equal(sbuf_str(&got), sbuf_str(&want));
		sbuf_release(&want);
		sbuf_release(&got);
		free(d);
	}
}

/* --- ids and dates ------------------------------------------------- */

/* The second written in the 8 hex digits at s. */
static long id_time(const char *s)
{
	char buf[9];

	memcpy(buf, s, 8);
	buf[8] = '\0';
	return strtol(buf, NULL, 16);
}

/* Our Message-IDs: the second they were made, 128 random bits, and with
 * the secret a mark only it makes; the mark is checked, not the domain.
 * IDs made before the time was in them are ours too. */
static void test_make_id(void **state)
{
	static const struct {
		const char *domain;
		const char *secret;
		const char *suffix;
	} cases[] = {
	    {"congvan.example.vn", SECRET, "@congvan.example.vn"},
	    {"congvan.example.vn", NULL, "@congvan.example.vn"},
	    {NULL, SECRET, "@localhost"},
	    {"bad domain>\r\n", "", "@baddomain"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *a = message_make_id(cases[i].domain, cases[i].secret);
		char *b = message_make_id(cases[i].domain, cases[i].secret);
		bool marked = cases[i].secret && *cases[i].secret;
		const char *rnd = a + 3;

		assert_true(str_startswith(a, "cv."));
		assert_int_equal(strspn(rnd, "0123456789abcdef"), 40);
		/* the time: made now, within a few seconds */
		assert_true(labs(id_time(rnd) - (long)time(NULL)) <= 5);
		if (marked) {
			assert_int_equal(rnd[40], '.');
			assert_int_equal(strspn(rnd + 41, "0123456789abcdef"),
					 16);
			assert_string_equal(rnd + 57, cases[i].suffix);
		} else {
			assert_string_equal(rnd + 40, cases[i].suffix);
		}
		assert_string_not_equal(a, b);
		assert_int_equal(message_id_is_ours(a, SECRET), marked);
		assert_false(message_id_is_ours(a, "another secret"));
		free(a);
		free(b);
	}
	{
		char *id = message_make_id("bo.gov.vn", SECRET);

		char was = id[5];

		/* one digit of the random part or the mark changed */
		assert_true(message_id_is_ours(id, SECRET));
		id[5] = was == '0' ? '1' : '0';
		assert_false(message_id_is_ours(id, SECRET));
		id[5] = was;
		was = id[48];
		id[48] = was == '0' ? '1' : '0';
		assert_false(message_id_is_ours(id, SECRET));
		was = id[3]; /* the time */
		id[3] = was == '0' ? '1' : '0';
		assert_false(message_id_is_ours(id, SECRET));
		free(id);
	}
	{
		/* made before the time was in it: "cv.", 32 hex digits, the
		 * mark of those, "@" */
		static const char old_rnd[] =
		    "cv.9f2c4e1a7b3d5e60aabbccddeeff0011";
		char mark[17], *id;

		util_hmac_hex(SECRET, "message-id:", old_rnd, 16, mark);
		id = xasprintf("%s.%s@bo.gov.vn", old_rnd, mark);
		assert_true(message_id_is_ours(id, SECRET));
		assert_false(message_id_is_ours(id, "another secret"));
		free(id);
		/* 36 hex digits: neither layout */
		id = xasprintf("cv.0000%s.%s@bo.gov.vn", old_rnd + 3, mark);
		assert_false(message_id_is_ours(id, SECRET));
		free(id);
	}
	/* what staff's clients make on the organisation's domain */
	assert_false(message_id_is_ours(
	    "5c1b2a7e-2f0d-4b8e-9d51-0a1b2c3d4e5f@bo.gov.vn", SECRET));
	assert_false(message_id_is_ours(
	    "20261205221346.TGj9B%a.nguyen@bo.gov.vn", SECRET));
	assert_false(message_id_is_ours(
	    "cv.CV-2026-000001.1777255200.0123456789abcdef@bo.gov.vn", SECRET));
	assert_false(message_id_is_ours(NULL, SECRET));
	assert_false(message_id_is_ours("cv.x@y", NULL));
}

static void test_format_date(void **state)
{
	static const struct {
		time_t t;
		const char *out;
	} cases[] = {
	    {0, "Thu, 1 Jan 1970 07:00:00 +0700"},
	    {1777255200, "Mon, 27 Apr 2026 09:00:00 +0700"},
	    {1795773600, "Fri, 27 Nov 2026 17:00:00 +0700"},
	    {1798736399, "Thu, 31 Dec 2026 23:59:59 +0700"},
	    {1798736400, "Fri, 1 Jan 2027 00:00:00 +0700"},
	    {-25200, "Thu, 1 Jan 1970 00:00:00 +0700"},
	    {(time_t)1 << 62, "Thu, 1 Jan 1970 07:00:00 +0700"},
	};
	const char *tz = getenv("TZ");
	char *saved = tz ? xstrdup(tz) : NULL;

	(void)state;
	setenv("TZ", "America/New_York", 1);
	tzset();
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char buf[64];

		message_format_date(cases[i].t, buf);
		assert_string_equal(buf, cases[i].out);
	}
	if (saved) {
		setenv("TZ", saved, 1);
	} else {
		unsetenv("TZ");
	}
	tzset();
	free(saved);
}

/* Random bytes come from a pool refilled from getrandom: draws of any
 * size are filled whole, never repeat, and a child after fork draws
 * bytes of its own, not the rest of its parent's pool. */
static void test_random_bytes(void **state)
{
	static const size_t sizes[] = {1, 7, 16, 100, 511, 512, 513, 2000};
	unsigned char a[2000], b[2000], seen[64][16];
	int fds[2];
	pid_t pid;
	int status;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t n = sizes[i], zero = 0;

		memset(a, 0, sizeof(a));
		memset(b, 0, sizeof(b));
		message_random_bytes(a, n);
		message_random_bytes(b, n);
		for (size_t k = 0; k < n; k++) {
			zero += a[k] == 0;
		}
		/* 0 bytes: at most a few in a hundred, by chance */
		assert_true(zero <= 8 + n / 32);
		if (n >= 7) {
			assert_memory_not_equal(a, b, n);
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(seen); i++) {
		message_random_bytes(seen[i], sizeof(seen[i]));
		for (size_t k = 0; k < i; k++) {
			assert_memory_not_equal(seen[i], seen[k], 16);
		}
	}
	/* a few bytes drawn, so the pool holds more than a child needs */
	message_random_bytes(a, 3);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		message_random_bytes(b, 16);
		_exit(write(fds[1], b, 16) == 16 ? 0 : 1);
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], b, 16), 16);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(status, 0);
	message_random_bytes(a, 16);
	assert_memory_not_equal(a, b, 16);
}

/* The recipients a delivery report says failed: Postfix's (a folded
 * Diagnostic-Code), Exchange's (CRLF, upper case, brackets, a recipient
 * delivered beside one that failed), and reports with nothing usable. */
/* Delivery reports in words only: who failed, why, and the returned
 * mail's Message-ID from the copy of its header. */
static void test_text_bounce(void **state)
{
	static const struct {
		const char *name, *text, *id;
		size_t n;
		const char *rcpt[3], *words[3];
	} cases[] = {
	    {"qmail",
	     "Hi. This is the qmail-send program at mail.tinh.example.vn.\n"
	     "I'm afraid I wasn't able to deliver your message to the "
	     "following addresses.\nThis is a permanent error; I've given "
	     "up. Sorry it didn't work out.\n\n<Gone.Person@so.example.vn>:\n"
	     "203.0.113.5 does not like recipient.\nRemote host said: 550 "
	     "5.1.1 User unknown\nGiving up on 203.0.113.5.\n\n--- Below "
	     "this line is a copy of the message.\n\nReturn-Path: "
	     "<congvan@bo.gov.vn>\nReceived: (qmail 1234 invoked)\n"
	     "Message-ID: <cv.1765000000.ab12@bo.gov.vn>\nTo: "
	     "gone.person@so.example.vn, head@so.example.vn\n\nNội dung.\n",
	     "cv.1765000000.ab12@bo.gov.vn",
	     1,
	     {"gone.person@so.example.vn"},
	     {"203.0.113.5 does not like recipient. Remote host said: 550 "
	      "5.1.1 User unknown Giving up on 203.0.113.5."}},
	    {"Exim",
	     "This message was created automatically by mail delivery "
	     "software.\n\nA message that you sent could not be delivered "
	     "to one or more of its\nrecipients. This is a permanent error. "
	     "The following address(es) failed:\n\n  khtc@so.example.vn\n"
	     "    SMTP error from remote mail server after RCPT TO:"
	     "<khtc@so.example.vn>:\n    550 No such user here\n\n------ "
	     "This is a copy of the message, including all the headers. "
	     "------\n\nReturn-path: <congvan@bo.gov.vn>\nMessage-Id: "
	     "cv.1765000001.cd34@bo.gov.vn\n",
	     "cv.1765000001.cd34@bo.gov.vn",
	     1,
	     {"khtc@so.example.vn"},
	     {"SMTP error from remote mail server after RCPT "
	      "TO:<khtc@so.example.vn>: 550 No such user here"}},
	    /* two addresses, words on their own lines */
	    {"two",
	     "Delivery has failed to these recipients:\r\n\r\n"
	     "a@x.example.vn: 550 mailbox full\r\nb@x.example.vn: 550 "
	     "unknown\r\n\r\nFrom: congvan@bo.gov.vn\r\nMessage-ID: "
	     "<m1@bo.gov.vn>\r\n",
	     "m1@bo.gov.vn",
	     2,
	     {"a@x.example.vn", "b@x.example.vn"},
	     {"550 mailbox full", "550 unknown"}},
	    /* only delayed: the Message-ID, no failure */
	    {"delayed",
	     "Warning: message 1abC-0001 delayed 24 hours\n\nThe message "
	     "to a@x.example.vn has not been delivered yet.\n\nMessage-ID: "
	     "<m2@bo.gov.vn>\n",
	     "m2@bo.gov.vn",
	     0,
	     {NULL},
	     {NULL}},
	    /* addresses only in the copy, none before it */
	    {"copy only",
	     "Your message could not be delivered.\n\nTo: a@x.example.vn\n"
	     "Message-ID: <m3@bo.gov.vn>\n",
	     "m3@bo.gov.vn",
	     0,
	     {NULL},
	     {NULL}},
	    /* no copy: no Message-ID; not addresses: "@", "a@b", "x@.vn" */
	    {"no copy",
	     "Could not deliver to @ or a@b or x@.vn or ok@mail.vn.\n",
	     NULL,
	     1,
	     {"ok@mail.vn"},
	     {""}},
	    {"empty", "", NULL, 0, {NULL}, {NULL}},
	    /* a Message-ID with a control character or a space is none */
	    {"bad id",
	     "Failed.\nMessage-ID: <a@\x01b>\n",
	     NULL,
	     0,
	     {NULL},
	     {NULL}},
	    {"spaced id",
	     "Failed.\nMessage-ID: <a@b c>\n",
	     NULL,
	     0,
	     {NULL},
	     {NULL}},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct message_dsn_failure *f;
		char *id;
		size_t n = message_text_bounce(cases[i].text,
					       strlen(cases[i].text), &id, &f);

		print_message("text bounce: %s\n", cases[i].name);
		assert_int_equal(n, cases[i].n);
		if (cases[i].id) {
			assert_non_null(id);
			assert_string_equal(id, cases[i].id);
		} else {
			assert_null(id);
		}
		for (size_t k = 0; k < n; k++) {
			assert_string_equal(f[k].rcpt, cases[i].rcpt[k]);
			assert_string_equal(f[k].status, "");
			assert_string_equal(f[k].diagnostic, cases[i].words[k]);
		}
		message_dsn_failures_free(f, n);
		free(id);
	}
}

static void test_dsn_failures(void **state)
{
	static const char postfix[] =
	    "Reporting-MTA: dns; mx.example.vn\n"
	    "X-Postfix-Queue-ID: 7F1A2B3C4D\n\n"
	    "Final-Recipient: rfc822; khongton@donvi.example.vn\n"
	    "Action: failed\n"
	    "Status: 5.1.1\n"
	    "Diagnostic-Code: smtp; 550 5.1.1 <khongton@donvi.example.vn>:"
	    " Recipient address\n"
	    "    rejected: User unknown in virtual mailbox table\n";
	static const char exchange[] =
	    "Reporting-MTA: dns;EX01.bo.gov.vn\r\n"
	    "Received-From-MTA: dns;EX01.bo.gov.vn\r\n\r\n"
	    "Final-Recipient: rfc822;an.nv@bo.gov.vn\r\n"
	    "Action: delivered\r\n"
	    "Status: 2.0.0\r\n\r\n"
	    "Original-Recipient: rfc822;Truong.TC@bo.gov.vn\r\n"
	    "Final-Recipient: RFC822;<Truong.TC@BO.GOV.VN>\r\n"
	    "Action: Failed\r\n"
	    "Status: 5.1.10\r\n"
	    "Diagnostic-Code: smtp;550 5.1.10"
	    " RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP"
	    " address lookup\r\n";
	static const char *const nothing[] = {
	    "",
	    "\n\n\n",
	    "Final-Recipient: rfc822; a@b\nAction: delayed\nStatus: 4.4.1\n",
	    "Final-Recipient: rfc822; no-at-sign\nAction: failed\n",
	    "Action: failed\nStatus: 5.0.0\n",
	    "Final-Recipient rfc822 a@b\nAction failed\n",
	};
	struct message_dsn_failure *f;
	size_t n;

	(void)state;
	n = message_dsn_failures(postfix, strlen(postfix), &f);
	assert_int_equal(n, 1);
	assert_string_equal(f[0].rcpt, "khongton@donvi.example.vn");
	assert_string_equal(f[0].status, "5.1.1");
	assert_string_equal(f[0].diagnostic,
			    "550 5.1.1 <khongton@donvi.example.vn>: Recipient"
			    " address rejected: User unknown in virtual"
			    " mailbox table");
	message_dsn_failures_free(f, n);

	n = message_dsn_failures(exchange, strlen(exchange), &f);
	assert_int_equal(n, 1);
	assert_string_equal(f[0].rcpt, "truong.tc@bo.gov.vn");
	assert_string_equal(f[0].status, "5.1.10");
	assert_string_equal(f[0].diagnostic,
			    "550 5.1.10 RESOLVER.ADR.RecipientNotFound;"
			    " Recipient not found by SMTP address lookup");
	message_dsn_failures_free(f, n);

	for (size_t i = 0; i < ARRAY_SIZE(nothing); i++) {
		n = message_dsn_failures(nothing[i], strlen(nothing[i]), &f);
		assert_int_equal(n, 0);
		assert_null(f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_random_bytes),
	    cmocka_unit_test(test_parse_edge),
	    cmocka_unit_test(test_subject_typed),
	    cmocka_unit_test(test_parse_null),
	    cmocka_unit_test(test_parse_huge),
	    cmocka_unit_test(test_parse_references_capped),
	    cmocka_unit_test(test_decode_malformed),
	    cmocka_unit_test(test_decode_subjects),
	    cmocka_unit_test(test_parse_from),
	    cmocka_unit_test(test_parse_ids),
	    cmocka_unit_test(test_parse_date),
	    cmocka_unit_test(test_classify_rules),
	    cmocka_unit_test(test_classify_opts),
	    cmocka_unit_test(test_kind_name),
	    cmocka_unit_test(test_fixtures),
	    cmocka_unit_test(test_dsn_failures),
	    cmocka_unit_test(test_text_bounce),
	    cmocka_unit_test(test_subject_tag),
	    cmocka_unit_test(test_compose_roundtrip),
	    cmocka_unit_test(test_compose_encoded_words),
	    cmocka_unit_test(test_compose_headers),
	    cmocka_unit_test(test_compose_text_encoding),
	    cmocka_unit_test(test_compose_long_ids),
	    cmocka_unit_test(test_compose_injection),
	    cmocka_unit_test(test_compose_errors),
	    cmocka_unit_test(test_compose_multipart),
	    cmocka_unit_test(test_compose_attachments),
	    cmocka_unit_test(test_compose_embedded_message),
	    cmocka_unit_test(test_compose_embedded_line_ends),
	    cmocka_unit_test(test_compose_deferred),
	    cmocka_unit_test(test_compose_attachments_limit),
	    cmocka_unit_test(test_compose_calendar),
	    cmocka_unit_test(test_compose_calendar_method_forms),
	    cmocka_unit_test(test_compose_part_errors),
	    cmocka_unit_test(test_filename_clean),
	    cmocka_unit_test(test_qp_cases),
	    cmocka_unit_test(test_qp_long_lines),
	    cmocka_unit_test(test_text_part_bytes),
	    cmocka_unit_test(test_base64_text),
	    cmocka_unit_test(test_base64_bytes),
	    cmocka_unit_test(test_make_id),
	    cmocka_unit_test(test_format_date),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
