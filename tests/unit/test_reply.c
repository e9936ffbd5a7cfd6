/* Unit tests for src/reply: trimming quoted history and signatures from
 * replies, reading decisions and commands, folding.  Run from the
 * repository root (fixtures in tests/data/replies/).
 * CONGVAN_BENCH=1 also measures reply_trim throughput. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "../../src/reply/private.h"
#include "congvan/text.h"
#include "congvan/reply.h"
#include "congvan/util.h"

#define REPLY_DIR "tests/data/replies/"

/* --- helpers ------------------------------------------------------- */

static bool utf8_valid(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n =
		    utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				     (utf8proc_ssize_t)(len - i), &cp);

		if (n < 1 || cp == 0) {
			return false;
		}
		i += (size_t)n;
	}
	return true;
}

static char *repeat(const char *unit, size_t times, size_t *len_r)
{
	size_t n = strlen(unit);
	char *s = xmalloc(n * times + 1);

	for (size_t i = 0; i < times; i++) {
		memcpy(s + i * n, unit, n);
	}
	s[n * times] = '\0';
	*len_r = n * times;
	return s;
}

static size_t count_char(const char *s, char c)
{
	size_t n = 0;

	for (; *s; s++) {
		n += *s == c;
	}
	return n;
}

/* --- reply_trim: edge cases ---------------------------------------- */

static void test_trim_edges(void **state)
{
	static const struct {
		const char *in;
		size_t len; /* 0: strlen(in) */
		const char *out;
	} cases[] = {
	    {"", 0, ""},
	    {"\n\n \t\n", 0, ""},
	    {"> only\n> quotes\n>> nested\n", 0, ""},
	    {"-- \nNguyễn Văn A\nVụ Pháp chế\n", 0, ""},
	    {"--\nName\n", 0, ""},
	    {"Sent from my iPhone\n", 0, ""},
	    {"Gửi từ iPhone của tôi", 0, ""},
	    {"\n\n  Hello  \n\n", 0, "  Hello"},
	    {"Hello \t\nworld\xc2\xa0\n", 0, "Hello\nworld"},
	    {"Hello\r\n\r\n> quote\r\n", 0, "Hello"},
	    {"Hello\rworld\r", 0, "Hello\nworld"},
	    {"Hel\0lo\n\0> quote\n", 16, "Hello"},
	    {"Xin ch\xe0o\n> q\n", 0, "Xin ch\xef\xbf\xbdo"},
	    {"\xc0\x80\xed\xa0\x80!", 0,
	     "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd!"},
	    {"cut \xe1\xbb", 0, "cut \xef\xbf\xbd\xef\xbf\xbd"},
	    {"a -- b\n-- not a delimiter\n", 0, "a -- b\n-- not a delimiter"},
	    {"a1\n> q\na2\n", 0, "a1\n\na2"},
	    {"a1\n\n\n> q\n\n\na2\n", 0, "a1\n\na2"},
	    {"a1\n\n\na2\n", 0, "a1\n\n\na2"},
	    {"Hello\nOn Mon, Nov 23, 2026 at 9:00 AM A <a@b.vn> wrote:\n> hi\n",
	     0, "Hello"},
	    {"Hello\n\nOn Mon, Nov 23, 2026 at 9:00 AM A <a@b.vn> wrote:\n"
	     "Hi, unquoted history\n",
	     0, "Hello"},
	    /* A line ending with ':' is a header only above a quote. */
	    {"Lúc 09:00 ngày 23/11 anh Nam <nam@x.vn> hỏi:\nNội dung\n", 0,
	     "Lúc 09:00 ngày 23/11 anh Nam <nam@x.vn> hỏi:\nNội dung"},
	    {"Ok\n02.04.2012 14:20 пользователь <\nb@x.ru> написал:\n\n> Hi\n",
	     0, "Ok"},
	    {"Từ: hôm qua đến nay\nChưa nhận được văn bản.\n", 0,
	     "Từ: hôm qua đến nay\nChưa nhận được văn bản."},
	    {"Gửi từ hôm qua rồi.\n", 0, "Gửi từ hôm qua rồi."},
	    {"Từ: 01/12/2026\nĐến: 15/12/2026\nNgày: họp 20/12\n", 0,
	     "Từ: 01/12/2026\nĐến: 15/12/2026\nNgày: họp 20/12"},
	    {"Sent via post.\nMore text\n", 0, "Sent via post.\nMore text"},
	    {"Ok\nSent via the Samsung Galaxy S7 edge\n", 0, "Ok"},
	    {"Ok\nSent with Sparrow (http://www.sparrowmailapp.com/?sig)\n", 0,
	     "Ok"},
	    {"Ok\n\nGet Outlook for Android\n", 0, "Ok"},
	    {"Ok\n\n  On Mon, Nov 23, 2026 at 9:00, A<a@b.vn> wrote:   Dear "
	     "all,\nplease reply.\n",
	     0, "Ok"},
	    {"Ok\nVào 23/11/2026 09:00, A <a@b.vn> đã viết: Kính gửi\nx\n", 0,
	     "Ok"},
	    {"On 5 May we wrote: nothing\n", 0, "On 5 May we wrote: nothing"},
	    {"Ok\nĐược gửi từ thiết bị di động\n", 0, "Ok"},
	    {"Hello\n_____\n", 0, "Hello"},
	    {"*From:* A <a@b>\n*Sent:* Monday\n*To:* B\n*Subject:* x\n", 0, ""},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].in);
		char *out = reply_trim(cases[i].in, len);

		if (strcmp(out, cases[i].out) != 0) {
			print_error("case %zu: got [%s]\n", i, out);
		}
		assert_string_equal(out, cases[i].out);
		assert_true(utf8_valid(out, strlen(out)));
		free(out);
	}
}

static void test_trim_null(void **state)
{
	char *out = reply_trim(NULL, 0);

	(void)state;
	assert_string_equal(out, "");
	free(out);
	out = reply_trim(NULL, 12345);
	assert_string_equal(out, "");
	free(out);
}

/* 10 MB of quoted lines: only the capped start is examined. */
static void test_trim_huge_quotes(void **state)
{
	size_t len;
	char *quotes = repeat("> > Kính gửi các đơn vị, xin ý kiến.\n",
			      10 * 1024 * 1024 / 40, &len);
	char *out, *with_text;

	(void)state;
	out = reply_trim(quotes, len);
	assert_string_equal(out, "");
	free(out);
	with_text = xasprintf("Đồng ý.\n\n%s", quotes);
	out = reply_trim(with_text, strlen(with_text));
	assert_string_equal(out, "Đồng ý.");
	free(out);
	free(with_text);
	free(quotes);
}

/* A 1 MB line is cut at the byte cap, on a character boundary. */
static void test_trim_long_line(void **state)
{
	size_t len;
	char *line = repeat("ệ", 1024 * 1024 / 3, &len);
	char *out = reply_trim(line, len);

	(void)state;
	assert_true(strlen(out) > 0);
	assert_true(strlen(out) <= REPLY_MAX_BYTES);
	assert_int_equal(strlen(out) % 3, 0);
	assert_memory_equal(out, line, strlen(out));
	assert_true(utf8_valid(out, strlen(out)));
	free(out);
	free(line);
}

/* Beyond REPLY_MAX_LINES lines, what was found so far is returned. */
static void test_trim_line_cap(void **state)
{
	size_t len;
	char *lines = repeat("dòng\n", 3 * REPLY_MAX_LINES, &len);
	char *out = reply_trim(lines, len);

	(void)state;
	assert_int_equal(count_char(out, '\n'), REPLY_MAX_LINES - 1);
	free(out);
	free(lines);
}

/* Many lines that each look like the start of a header block or a
 * wrapped attribution stay cheap (a bounded look-ahead each). */
static void test_trim_adversarial(void **state)
{
	static const char *const units[] = {
	    "From: x\n",
	    "On 1 2026\nb@c> x:\n",
	    "On 2026 <\n",
	    "Vào 09:00 <\na@b> đã viết:\nx\n",
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(units); i++) {
		size_t len;
		char *in = repeat(units[i], 200000, &len);
		char *out = reply_trim(in, len);

		assert_true(strlen(out) <= REPLY_MAX_BYTES);
		free(out);
		free(in);
	}
}

/* --- reply_trim: fixtures ------------------------------------------ */

static void check_fixture(const char *name)
{
	char *path = xasprintf(REPLY_DIR "%s", name);
	char *want_path =
	    xasprintf(REPLY_DIR "%.*s.expected", (int)(strlen(name) - 4), name);
	char *in = NULL, *want = NULL, *out;
	size_t in_len, want_len;

	assert_int_equal(file_read_all(path, &in, &in_len), 0);
	assert_int_equal(file_read_all(want_path, &want, &want_len), 0);
	if (want_len > 0 && want[want_len - 1] == '\n') {
		want[want_len - 1] = '\0';
	}
	out = reply_trim(in, in_len);
	if (strcmp(out, want) != 0) {
		print_error("%s: got [%s]\n", name, out);
	}
	assert_string_equal(out, want);
	free(out);
	free(want);
	free(in);
	free(want_path);
	free(path);
}

static void test_trim_fixtures(void **state)
{
	DIR *dir = opendir(REPLY_DIR);
	struct dirent *de;
	size_t n = 0, talon = 0;

	(void)state;
	assert_non_null(dir);
	while ((de = readdir(dir))) {
		size_t len = strlen(de->d_name);

		if (len < 5 || strcmp(de->d_name + len - 4, ".txt") != 0) {
			continue;
		}
		check_fixture(de->d_name);
		n++;
		talon += str_startswith(de->d_name, "talon_");
	}
	closedir(dir);
	assert_int_equal(talon, 12);
	assert_true(n >= 40);
}

/* --- reply_parse --------------------------------------------------- */

/* "Đồng ý" and "Không đồng ý" in decomposed form (NFD). */
#define NFD_DONG_Y       "\xc4\x90o\xcc\x82\xcc\x80ng y\xcc\x81"
#define NFD_KHONG_DONG_Y "Kho\xcc\x82ng \xc4\x91o\xcc\x82\xcc\x80ng y\xcc\x81"

static void test_parse_decision(void **state)
{
	static const struct {
		const char *in;
		enum reply_decision d;
	} cases[] = {
	    {"", REPLY_DECISION_NONE},
	    {"\n\n  \n", REPLY_DECISION_NONE},
	    {"Đồng ý", REPLY_DECISION_AGREE},
	    {"đồng ý.", REPLY_DECISION_AGREE},
	    {"ĐỒNG Ý", REPLY_DECISION_AGREE},
	    {"dong y", REPLY_DECISION_AGREE},
	    {"Dong  Y!", REPLY_DECISION_AGREE},
	    {"\n\n  Đồng ý\nChủ trì: KHTC", REPLY_DECISION_AGREE},
	    {NFD_DONG_Y, REPLY_DECISION_AGREE},
	    {"Nhất trí", REPLY_DECISION_AGREE},
	    {"Agree", REPLY_DECISION_AGREE},
	    {"agreed, thanks", REPLY_DECISION_AGREE},
	    {"APPROVED", REPLY_DECISION_AGREE},
	    {"Đồng ý, không có ý kiến khác", REPLY_DECISION_AGREE},
	    {"Thống nhất, không có ý kiến khác.", REPLY_DECISION_AGREE},
	    {"Không đồng ý", REPLY_DECISION_DISAGREE},
	    {"KHONG DONG Y vì chưa đủ căn cứ", REPLY_DECISION_DISAGREE},
	    {NFD_KHONG_DONG_Y, REPLY_DECISION_DISAGREE},
	    {"Không nhất trí", REPLY_DECISION_DISAGREE},
	    {"Disagree", REPLY_DECISION_DISAGREE},
	    {"Hoàn thành", REPLY_DECISION_DONE},
	    {"Đã hoàn thành.", REPLY_DECISION_DONE},
	    {"da hoan thanh", REPLY_DECISION_DONE},
	    {"Done", REPLY_DECISION_DONE},
	    {"Completed.", REPLY_DECISION_DONE},
	    {"Trả lại", REPLY_DECISION_RETURN},
	    {"Return", REPLY_DECISION_RETURN},
	    {"Trả lại: không thuộc chức năng", REPLY_DECISION_RETURN},
	    {"Return: wrong department", REPLY_DECISION_RETURN},
	    {"Tôi chưa thể trả lời", REPLY_DECISION_NONE},
	    {"Xin ý kiến thêm", REPLY_DECISION_NONE},
	    {"Đồng ý không?", REPLY_DECISION_NONE},
	    {"Agree？", REPLY_DECISION_NONE},
	    {"Agreement draft attached", REPLY_DECISION_NONE},
	    {"Doneness", REPLY_DECISION_NONE},
	    {"Returned mail", REPLY_DECISION_NONE},
	    {"Chưa hoàn thành", REPLY_DECISION_NONE},
	    {"Về việc đồng ý", REPLY_DECISION_NONE},
	    {"Đồng ýkiến", REPLY_DECISION_NONE},
	    {"Cảm ơn\nĐồng ý", REPLY_DECISION_NONE},
	    {"Chủ trì: KHTC", REPLY_DECISION_NONE},
	    {"\xff\xfe Đồng ý", REPLY_DECISION_NONE},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct reply_parsed p;

		reply_parse(cases[i].in, &p);
		if (p.decision != cases[i].d) {
			print_error("case %zu: '%s' -> %d\n", i, cases[i].in,
				    (int)p.decision);
		}
		assert_int_equal(p.decision, cases[i].d);
		reply_parsed_free(&p);
	}
}

struct cmd_case {
	const char *in;
	enum reply_decision d;
	size_t n;
	struct {
		enum reply_key key;
		const char *value;
	} c[4];
};

static const struct cmd_case cmd_cases[] = {
    {"Chủ trì: KHTC\nPhối hợp: PC, TCCB\nHạn: 10 ngày làm việc",
     REPLY_DECISION_NONE,
     3,
     {{REPLY_KEY_LEAD, "KHTC"},
      {REPLY_KEY_COORDINATE, "PC, TCCB"},
      {REPLY_KEY_DUE, "10 ngày làm việc"}}},
    {"Đồng ý.\n\nChủ trì:   Vụ KHTC  \n\nHạn: 20/5/2026\nCảm ơn.\nGiao: A",
     REPLY_DECISION_AGREE,
     2,
     {{REPLY_KEY_LEAD, "Vụ KHTC"}, {REPLY_KEY_DUE, "20/5/2026"}}},
    {"CHU TRI: KHTC\nphoi hop:PC\n- Giao: Nguyễn Văn A\n• Lấy ý kiến: PC",
     REPLY_DECISION_NONE,
     4,
     {{REPLY_KEY_LEAD, "KHTC"},
      {REPLY_KEY_COORDINATE, "PC"},
      {REPLY_KEY_ASSIGN, "Nguyễn Văn A"},
      {REPLY_KEY_CONSULT, "PC"}}},
    {"Trả lại: không thuộc chức năng của Vụ\nLý do: gửi nhầm",
     REPLY_DECISION_RETURN,
     2,
     {{REPLY_KEY_RETURN, "không thuộc chức năng của Vụ"},
      {REPLY_KEY_REASON, "gửi nhầm"}}},
    {"Trả lại\nLý do: gửi nhầm đơn vị",
     REPLY_DECISION_RETURN,
     1,
     {{REPLY_KEY_REASON, "gửi nhầm đơn vị"}}},
    {"Gia hạn: 5 ngày làm việc\nLý do: chờ số liệu",
     REPLY_DECISION_NONE,
     2,
     {{REPLY_KEY_EXTEND, "5 ngày làm việc"},
      {REPLY_KEY_REASON, "chờ số liệu"}}},
    {"Kết quả thống nhất: Vụ Pháp chế đồng ý bổ sung Điều 5",
     REPLY_DECISION_NONE,
     1,
     {{REPLY_KEY_SETTLED, "Vụ Pháp chế đồng ý bổ sung Điều 5"}}},
    {"Settled: agreed by phone with the Legal head",
     REPLY_DECISION_NONE,
     1,
     {{REPLY_KEY_SETTLED, "agreed by phone with the Legal head"}}},
    {"Chuyển: Cục XNK\nReason: wrong unit",
     REPLY_DECISION_NONE,
     2,
     {{REPLY_KEY_TRANSFER, "Cục XNK"}, {REPLY_KEY_REASON, "wrong unit"}}},
    {"Lead: Finance\nCoordinate: Legal, HR\nDue: 10 working days\n"
     "Deadline: 2026-12-15",
     REPLY_DECISION_NONE,
     4,
     {{REPLY_KEY_LEAD, "Finance"},
      {REPLY_KEY_COORDINATE, "Legal, HR"},
      {REPLY_KEY_DUE, "10 working days"},
      {REPLY_KEY_DUE, "2026-12-15"}}},
    {"Assign: Nguyen Van A\nConsult: PC\nExtend: 3 working days\n"
     "Transfer: TCCB",
     REPLY_DECISION_NONE,
     4,
     {{REPLY_KEY_ASSIGN, "Nguyen Van A"},
      {REPLY_KEY_CONSULT, "PC"},
      {REPLY_KEY_EXTEND, "3 working days"},
      {REPLY_KEY_TRANSFER, "TCCB"}}},
    /* NFD key, value kept as written */
    {"Chu\xcc\x89 tri\xcc\x80: Vu\xcc\xa3 KHTC",
     REPLY_DECISION_NONE,
     1,
     {{REPLY_KEY_LEAD, "Vu\xcc\xa3 KHTC"}}},
    {"Chủ trì:", REPLY_DECISION_NONE, 1, {{REPLY_KEY_LEAD, ""}}},
    {"Nội dung: abc\nChủ trì: KHTC", REPLY_DECISION_NONE, 0, {{0, NULL}}},
    {"Xin ý kiến thêm\nChủ trì: KHTC", REPLY_DECISION_NONE, 0, {{0, NULL}}},
    {"Đây là một câu rất dài, có dấu hai chấm ở cuối câu này: Chủ trì",
     REPLY_DECISION_NONE,
     0,
     {{0, NULL}}},
    {"Hạn 10 ngày", REPLY_DECISION_NONE, 0, {{0, NULL}}},
};

static void test_parse_commands(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cmd_cases); i++) {
		const struct cmd_case *c = &cmd_cases[i];
		struct reply_parsed p;

		reply_parse(c->in, &p);
		if (p.n_commands != c->n || p.decision != c->d) {
			print_error("case %zu: %zu commands, decision %d\n", i,
				    p.n_commands, (int)p.decision);
		}
		assert_int_equal(p.decision, c->d);
		assert_int_equal(p.n_commands, c->n);
		for (size_t k = 0; k < c->n; k++) {
			assert_int_equal(p.commands[k].key, c->c[k].key);
			assert_string_equal(p.commands[k].value, c->c[k].value);
		}
		reply_parsed_free(&p);
		assert_null(p.commands);
		assert_int_equal(p.n_commands, 0);
	}
}

/* Commands are capped; a huge command block does not grow without end. */
static void test_parse_many_commands(void **state)
{
	size_t len;
	char *in = repeat("Phối hợp: PC\n", 10000, &len);
	struct reply_parsed p;

	(void)state;
	reply_parse(in, &p);
	assert_true(p.n_commands > 0 && p.n_commands <= 64);
	reply_parsed_free(&p);
	reply_parsed_free(NULL);
	free(in);
}

/* The whole path: trim a fixture, then read its commands. */
static void test_trim_then_parse(void **state)
{
	char *in, *text;
	size_t len;
	struct reply_parsed p;

	(void)state;
	assert_int_equal(file_read_all(REPLY_DIR "commands_top.txt", &in, &len),
			 0);
	text = reply_trim(in, len);
	reply_parse(text, &p);
	assert_int_equal(p.decision, REPLY_DECISION_NONE);
	assert_int_equal(p.n_commands, 3);
	assert_string_equal(p.commands[2].value, "10 ngày làm việc");
	reply_parsed_free(&p);
	free(text);
	free(in);

	assert_int_equal(file_read_all(REPLY_DIR "outlook_web.txt", &in, &len),
			 0);
	text = reply_trim(in, len);
	reply_parse(text, &p);
	assert_int_equal(p.decision, REPLY_DECISION_RETURN);
	assert_int_equal(p.n_commands, 1);
	assert_int_equal(p.commands[0].key, REPLY_KEY_RETURN);
	reply_parsed_free(&p);
	free(text);
	free(in);
}

static void test_decision_name(void **state)
{
	(void)state;
	assert_null(reply_decision_name(REPLY_DECISION_NONE));
	assert_string_equal(reply_decision_name(REPLY_DECISION_AGREE), "agree");
	assert_string_equal(reply_decision_name(REPLY_DECISION_DISAGREE),
			    "disagree");
	assert_string_equal(reply_decision_name(REPLY_DECISION_DONE), "done");
	assert_string_equal(reply_decision_name(REPLY_DECISION_RETURN),
			    "return");
	assert_null(reply_decision_name((enum reply_decision)42));
}

/* --- throughput (CONGVAN_BENCH=1) ---------------------------------- */

/* About 20 KB: a Vietnamese top reply, a Gmail header and a long quoted
 * thread with nested quotes and quoted Outlook headers. */
static char *realistic_reply(size_t *len_r)
{
	struct sbuf sb = SBUF_INIT(1 << 20);

	sbuf_adds(&sb, "Đồng ý.\n\nChủ trì: KHTC\nPhối hợp: PC, TCCB\n"
		       "Hạn: 10 ngày làm việc\n\nTrân trọng,\nLê Thị Hoa\n"
		       "Vụ Kế hoạch - Tài chính\n\n"
		       "Vào Th 2, 23 thg 11, 2026 vào lúc 09:00 Nguyễn Văn A "
		       "<\nnguyenvana@moit.gov.vn> đã viết:\n\n");
	while (sb.len < 20 * 1024) {
		sbuf_adds(&sb, "> Kính gửi các đơn vị,\n>\n"
			       "> Thực hiện Công điện số 280/CĐ-TTg của Thủ "
			       "tướng Chính phủ, Văn phòng Bộ đề nghị các "
			       "đơn vị\n> báo cáo tình hình thực hiện trước "
			       "ngày 27/11/2026.\n>\n"
			       "> Từ: Văn phòng Bộ <vanphong@moit.gov.vn>\n"
			       "> Đã gửi: Thứ Hai, 23 tháng 11, 2026 9:00 SA\n"
			       ">> Nội dung trích dẫn lồng nhau của thư "
			       "trước.\n");
	}
	*len_r = sb.len;
	return sbuf_detach(&sb);
}

/* The same size of unquoted prose: every line goes through the
 * matchers. */
static char *prose_reply(size_t *len_r)
{
	struct sbuf sb = SBUF_INIT(1 << 20);

	while (sb.len < 20 * 1024) {
		sbuf_adds(&sb, "Vụ Kế hoạch - Tài chính đã rà soát dự thảo và "
			       "thống nhất với nội dung, đề nghị bổ sung "
			       "số liệu năm 2025 vào phụ lục.\n\n");
	}
	*len_r = sb.len;
	return sbuf_detach(&sb);
}

static double mb_per_s(const char *text, size_t len, int iters)
{
	struct timespec a, b;
	double secs;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < iters; i++) {
		free(reply_trim(text, len));
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	secs = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	return (double)len * iters / secs / (1024.0 * 1024.0);
}

static void test_throughput(void **state)
{
	size_t len;
	char *text;

	(void)state;
	if (!getenv("CONGVAN_BENCH")) {
		skip();
	}
	text = realistic_reply(&len);
	print_message("reply_trim: quoted thread %zu bytes: %.1f MB/s\n", len,
		      mb_per_s(text, len, 5000));
	free(text);
	text = prose_reply(&len);
	print_message("reply_trim: unquoted prose %zu bytes: %.1f MB/s\n", len,
		      mb_per_s(text, len, 5000));
	free(text);
}

static void test_has_history(void **state)
{
	static const struct {
		const char *in;
		bool history;
	} cases[] = {
	    {"", false},
	    {"Kính gửi anh,\nĐề nghị báo cáo.\n", false},
	    {"Hello\n\n-- \nNguyễn Văn A\n", false},
	    {"Hello\n\nSent from my iPhone\n", false},
	    {"Hello\n> quoted\n", true},
	    {"Hello\n\nFrom: A <a@b.vn>\nSent: Monday, November 23, 2026 "
	     "9:00 AM\nTo: B <b@c.vn>\nSubject: Test\n\nOld text\n",
	     true},
	    {"Đồng ý.\n\n-----Original Message-----\nOld\n", true},
	    {"Yes\n\nOn Mon, Nov 23, 2026 at 9:00 AM A <a@b.vn> wrote:\n> x\n",
	     true},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(
		    reply_has_history(cases[i].in, strlen(cases[i].in)),
		    cases[i].history);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_trim_null),
	    cmocka_unit_test(test_trim_edges),
	    cmocka_unit_test(test_trim_huge_quotes),
	    cmocka_unit_test(test_trim_long_line),
	    cmocka_unit_test(test_trim_line_cap),
	    cmocka_unit_test(test_trim_adversarial),
	    cmocka_unit_test(test_trim_fixtures),
	    cmocka_unit_test(test_parse_decision),
	    cmocka_unit_test(test_parse_commands),
	    cmocka_unit_test(test_parse_many_commands),
	    cmocka_unit_test(test_trim_then_parse),
	    cmocka_unit_test(test_decision_name),
	    cmocka_unit_test(test_has_history),
	    cmocka_unit_test(test_throughput),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
