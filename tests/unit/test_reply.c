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
	    {"Nhất trí.\n\nLấy Outlook cho iOS\n", 0, "Nhất trí."},
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

/* --- reply_trim: crisp-oss/email-reply-parser's fixtures -------------- */

#define CRISP_DIR "tests/data/crisp-reply/"

/* Text compared as tests/integration/test_inspect.sh compares reply text:
 * white space collapsed and trimmed within lines, runs of empty lines
 * collapsed, empty lines trimmed at both ends. */
static char *normalised(const char *s)
{
	struct sbuf out = SBUF_INIT(1 << 24);
	size_t blank = 0;
	bool any = false;

	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		struct sbuf line = SBUF_INIT(1 << 20);

		for (size_t i = 0; i < len; i++) {
			bool ws = s[i] == ' ' || s[i] == '\t' || s[i] == '\r';

			if (!ws) {
				sbuf_addch(&line, s[i]);
			} else if (line.len > 0 &&
				   sbuf_str(&line)[line.len - 1] != ' ') {
				sbuf_addch(&line, ' ');
			}
		}
		while (line.len > 0 && sbuf_str(&line)[line.len - 1] == ' ') {
			line.len--;
		}
		if (line.len == 0) {
			blank++;
		} else {
			if (any) {
				sbuf_adds(&out, blank > 0 ? "\n\n" : "\n");
			}
			sbuf_add(&out, sbuf_str(&line), line.len);
			any = true;
			blank = 0;
		}
		sbuf_release(&line);
		s += len + (nl != NULL);
	}
	return sbuf_detach(&out);
}

/* Each fixture gives the visible text of expected/NAME.txt. */
static void test_trim_crisp(void **state)
{
	DIR *dir = opendir(CRISP_DIR "test/fixtures");
	struct dirent *de;
	size_t n = 0, failed = 0;

	(void)state;
	assert_non_null(dir);
	while ((de = readdir(dir))) {
		size_t len = strlen(de->d_name), in_len, want_len;
		char *path, *want_path, *in, *want, *out, *a, *b;

		if (len < 5 || strcmp(de->d_name + len - 4, ".txt") != 0) {
			continue;
		}
		path = xasprintf(CRISP_DIR "test/fixtures/%s", de->d_name);
		want_path = xasprintf(CRISP_DIR "expected/%s", de->d_name);
		assert_int_equal(file_read_all(path, &in, &in_len), 0);
		assert_int_equal(file_read_all(want_path, &want, &want_len), 0);
		out = reply_trim(in, in_len);
		a = normalised(out);
		b = normalised(want);
		if (strcmp(a, b) != 0) {
			print_error("%s: got [%s]\n", de->d_name, a);
			failed++;
		}
		free(a);
		free(b);
		free(out);
		free(want);
		free(in);
		free(want_path);
		free(path);
		n++;
	}
	closedir(dir);
	assert_int_equal(n, 90);
	assert_int_equal(failed, 0);
}

/* --- reply_trim: the classes of quote headers, header blocks and
 * signatures clients write in other languages ------------------------ */

#define QUOTED   "\n\n> Kính gửi Vụ Pháp chế,\n> xin ý kiến.\n"
#define UNQUOTED "\n\nKính gửi Vụ Pháp chế,\nxin ý kiến về dự thảo.\n"

static void test_trim_languages(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
	    /* s-nail and mailx ("%f wrote:"), name only, Alpine, Claws */
	    {"Đồng ý\n\nNguyễn Văn A <a.nguyen@bo.gov.vn> wrote:" QUOTED,
	     "Đồng ý"},
	    {"Đồng ý.\n\nNguyễn Văn A <a.nguyen@bo.gov.vn> wrote:" UNQUOTED,
	     "Đồng ý."},
	    {"Dong y\n\nNguyen Van A wrote:\n> x\n", "Dong y"},
	    /* s-nail's default quotes with a tab (indentprefix), answered
	     * below or above */
	    {"Văn thư Bộ <vanthu@bo.gov.vn> wrote:\n\n\tKính gửi: Vụ Pháp "
	     "chế\n\t\n\tĐề nghị cho ý kiến.\nVụ Pháp chế nhất trí.\n",
	     "Vụ Pháp chế nhất trí."},
	    {"Đồng ý.\n\nVăn thư Bộ <vanthu@bo.gov.vn> wrote:\n\n\tĐề nghị "
	     "cho ý kiến.\n",
	     "Đồng ý."},
	    {"Agreed.\n\nOn Mon, 28 Dec 2026, Nguyen Van A wrote:" QUOTED,
	     "Agreed."},
	    {"Ok\n\nOn Mon, 28 Dec 2026 10:00:00 +0700\nNguyen Van A "
	     "<a@bo.gov.vn> wrote:" QUOTED,
	     "Ok"},
	    /* Zoho */
	    {"Ok\n\n---- On Mon, 28 Dec 2026 10:00:00 +0700 Văn thư "
	     "<vanthu@bo.gov.vn> wrote ----" UNQUOTED,
	     "Ok"},
	    /* German, French, Spanish, Italian, Dutch, Swedish, Danish,
	     * Polish */
	    {"Gut.\n\nHans Müller <hans@example.de> schrieb:" QUOTED, "Gut."},
	    {"Gut.\n\nAm 28.12.2026 um 10:00 schrieb Hans Müller "
	     "<hans@example.de>:" QUOTED,
	     "Gut."},
	    {"D'accord.\n\nLe lun. 28 déc. 2026 à 10:00, Jean Dupont "
	     "<jean@example.fr> a écrit :" UNQUOTED,
	     "D'accord."},
	    {"Vale.\n\nEl lun, 28 dic 2026 a las 10:00, Juan Pérez "
	     "(<juan@example.es>) escribió:" QUOTED,
	     "Vale."},
	    {"Va bene.\n\nIl giorno lun 28 dic 2026 alle ore 10:00 Mario Rossi "
	     "<mario@example.it> ha scritto:" QUOTED,
	     "Va bene."},
	    {"Goed.\n\nOp ma 28 dec. 2026 om 10:00 schreef Jan Jansen "
	     "<jan@example.nl>:" QUOTED,
	     "Goed."},
	    {"Bra.\n\nDen mån 28 dec. 2026 kl 10:00 skrev Anna Svensson "
	     "<anna@example.se>:" QUOTED,
	     "Bra."},
	    {"Godt.\n\nDen 28. dec. 2026 kl. 10.00 skrev Lars Hansen "
	     "<lars@example.dk>:" UNQUOTED,
	     "Godt."},
	    {"Dobrze.\n\nW dniu 28.12.2026 o 10:00, Jan Kowalski pisze:" QUOTED,
	     "Dobrze."},
	    /* Czech, Korean, Indonesian */
	    {"Ok\n\nDne po 28. 12. 2026 v 10:00 Jan Novák <jan@x.cz> "
	     "napsal(a):\n> x\n",
	     "Ok"},
	    {"Ok\n\n2026년 12월 28일 (월) 오전 10:00, Kim <kim@x.kr>님이 "
	     "작성:\n> x\n",
	     "Ok"},
	    {"Ok\n\nPada tanggal Sen, 28 Des 2026 10.00, Budi <budi@x.id> "
	     "menulis:\n> x\n",
	     "Ok"},
	    /* Outlook header blocks, with and without underscores above */
	    {"Tamam.\n\nKimden: Ali Veli <ali@x.tr>\nGönderildi: 28 Aralık "
	     "2026 Pazartesi 10:00\nKime: phapche@bo.gov.vn\nKonu: RE: Dự "
	     "thảo" UNQUOTED,
	     "Tamam."},
	    {"了解。\n\n差出人: 山田 <y@x.jp>\n送信日時: 2026年12月28日 "
	     "10:00\n宛先: a@b.vn\n件名: RE: x" UNQUOTED,
	     "了解。"},
	    {"Ok\n\nAnfang der weitergeleiteten Nachricht:\n\nVon: A "
	     "<a@b.de>\nBetreff: x\nDatum: 28. Dezember 2026\nAn: "
	     "b@c.de" UNQUOTED,
	     "Ok"},
	    {"Ok\n\niPhoneから送信" UNQUOTED, "Ok"},
	    {"Gut.\n\n________________________________\nVon: Hans Müller "
	     "<hans@example.de>\nGesendet: Montag, 28. Dezember 2026 "
	     "10:00\nAn: Vụ Pháp chế <phapche@bo.gov.vn>\nBetreff: AW: Dự "
	     "thảo" UNQUOTED,
	     "Gut."},
	    {"Bien.\n\nDe : Jean Dupont <jean@example.fr>\nEnvoyé : lundi 28 "
	     "décembre 2026 10:00\nÀ : Vụ Pháp chế <phapche@bo.gov.vn>\nObjet "
	     ": RE: Dự thảo" UNQUOTED,
	     "Bien."},
	    {"Bra.\n\nFrån: Anna Svensson <anna@example.se>\nSkickat: den 28 "
	     "december 2026 10:00\nTill: phapche@bo.gov.vn\nÄmne: SV: Dự "
	     "thảo" UNQUOTED,
	     "Bra."},
	    {"Godt.\n_____\nFra: Lars Hansen <lars@example.dk>\nSendt: 28. "
	     "december 2026 10:00\nTil: phapche@bo.gov.vn\nEmne: SV: Dự "
	     "thảo" UNQUOTED,
	     "Godt."},
	    {"Dobrze.\n\nOd: Jan Kowalski <jan@example.pl>\nWysłano: "
	     "poniedziałek, 28 grudnia 2026 10:00\nDo: phapche@bo.gov.vn\n"
	     "Temat: RE: Dự thảo" UNQUOTED,
	     "Dobrze."},
	    {"Bene.\n\nDa: Mario Rossi <mario@example.it>\nInviato: lunedì 28 "
	     "dicembre 2026 10:00\nA: phapche@bo.gov.vn\nOggetto: R: Dự "
	     "thảo" UNQUOTED,
	     "Bene."},
	    /* mobile and app signatures, alone or above unquoted history */
	    {"Nhất trí.\n\nEnvoyé de mon iPhone\n", "Nhất trí."},
	    {"Nhất trí.\n\nVon meinem iPhone gesendet" UNQUOTED, "Nhất trí."},
	    {"Nhất trí.\n\nEnviado desde mi iPhone\n", "Nhất trí."},
	    {"Nhất trí.\n\nSent from Mail for Windows" UNQUOTED, "Nhất trí."},
	    {"Nhất trí.\n\nSent with Airmail\n", "Nhất trí."},
	    {"Nhất trí.\n\nSent from my Android device with K-9 Mail. Please "
	     "excuse my brevity.\n",
	     "Nhất trí."},
	    {"Nhất trí.\n\nSent from Yahoo Mail on Android" UNQUOTED,
	     "Nhất trí."},
	    {"Nhất trí.\n\nSent from my Samsung Galaxy smartphone.\n",
	     "Nhất trí."},
	    {"Nhất trí.\n\nInviato da iPhone\n", "Nhất trí."},
	    {"Nhất trí.\n\nVerzonden vanaf mijn iPhone\n", "Nhất trí."},
	    {"Nhất trí.\n\nSkickat från min iPhone\n", "Nhất trí."},
	    {"Nhất trí.\n\nWysłane z iPhone'a\n", "Nhất trí."},
	    {"Nhất trí.\n\nLähetetty iPhonesta\n", "Nhất trí."},
	    {"Nhất trí.\n\nОтправлено с iPhone\n", "Nhất trí."},
	    {"Nhất trí.\n\nĐược gửi từ điện thoại Samsung" UNQUOTED,
	     "Nhất trí."},
	    /* ... and what only looks like one */
	    {"Sent from my desk, it is easier than from my phone.\n",
	     "Sent from my desk, it is easier than from my phone."},
	    {"Von meinem Büro aus ist das einfacher.\n",
	     "Von meinem Büro aus ist das einfacher."},
	    /* delimiter lines at the end, a mailing list's footer */
	    {"Đồng ý\n\n***\n====\n~~~\n\xe1\x90\xa7\n", "Đồng ý"},
	    {"Đồng ý\n\n____\nvanban mailing list\nvanban@bo.gov.vn\n",
	     "Đồng ý"},
	    {"Phân tích:\n----\n1. Ổn\n====\nKết luận: đồng ý.\n",
	     "Phân tích:\n----\n1. Ổn\n====\nKết luận: đồng ý."},
	    /* sign-offs and what is signed under them */
	    {"Đồng ý.\n\nTrân trọng,\nNguyễn Văn A\nVụ Pháp chế\nĐT: 024 3825 "
	     "0000\n",
	     "Đồng ý."},
	    {"Đồng ý.\n\nMit freundlichen Grüßen\nHans Müller\n", "Đồng ý."},
	    {"Trân trọng.\n", "Trân trọng."},
	    {"Trân trọng cảm ơn anh. Vụ đồng ý.\n",
	     "Trân trọng cảm ơn anh. Vụ đồng ý."},
	    {"Vụ em đồng ý ạ.\n\nThanks & Best Regards,\nNguyễn Thị Lan\nVụ "
	     "Pháp chế\n",
	     "Vụ em đồng ý ạ."},
	    {"Agreed.\n\nThanks and regards,\nLan\n", "Agreed."},
	    {"Vụ em nhất trí ạ.\n\nThân,\nLan\n", "Vụ em nhất trí ạ."},
	    /* a legal disclaimer starting a paragraph at the end, and what
	     * follows it; one in the text's first paragraph is text */
	    {"Vụ Pháp chế nhất trí.\n\nCẢNH BÁO BẢO MẬT: Thư điện tử này và "
	     "các tệp đính kèm có thể chứa thông tin nội bộ.\nNếu không phải "
	     "là người nhận, đề nghị xóa thư này.\n\nCONFIDENTIALITY NOTICE: "
	     "...\n",
	     "Vụ Pháp chế nhất trí."},
	    {"We agree.\n\nBest regards,\nLan\n\nDISCLAIMER: This e-mail and "
	     "any attachments are confidential.\n",
	     "We agree."},
	    {"Disclaimer: em chưa đọc kỹ Điều 9.\nVụ nhất trí.\n",
	     "Disclaimer: em chưa đọc kỹ Điều 9.\nVụ nhất trí."},
	    {"Thân gửi anh Hùng,\nVụ em nhất trí ạ.\n",
	     "Thân gửi anh Hùng,\nVụ em nhất trí ạ."},
	    {"Thanks,\nAlex\n", "Thanks,\nAlex"}, /* no sign-off: talon's */
	    /* a signature block under a rule line: short lines, none ending
	     * a sentence; a note under a rule stays, and so does a dash */
	    {"Vụ không đồng ý.\n\n---------------------\nNguyễn Thị Lan | "
	     "Chuyên viên | Vụ Pháp chế | Bộ Công Thương\nĐT: 024 2220 2345 | "
	     "Email: lan.nt@bo.gov.vn\n",
	     "Vụ không đồng ý."},
	    {"Nhất trí.\n______________\nLê Minh Đức\nVụ Tổ chức cán bộ\n",
	     "Nhất trí."},
	    {"Nhất trí.\n\n-----\nGhi chú: đề nghị sửa lỗi chính tả ở Điều "
	     "2.\n",
	     "Nhất trí.\n\n-----\nGhi chú: đề nghị sửa lỗi chính tả ở Điều 2."},
	    {"🎉\n\n—\nJohn Doe\nCEO at Pandaland\n",
	     "🎉\n\n—\nJohn Doe\nCEO at Pandaland"},
	    {"-----\nLê Minh Đức\n", "-----\nLê Minh Đức"}, /* nothing above */
	    /* a mail that is only a forward keeps the forwarded text */
	    {"---------- Forwarded message ---------\nFrom: Vụ Pháp chế "
	     "<phapche@bo.gov.vn>\nDate: Mon, Dec 28, 2026 at 10:00 "
	     "AM\nSubject: Góp ý dự thảo\nTo: <vanthu@bo.gov.vn>\n\nVụ Pháp "
	     "chế nhất trí với dự thảo.\n\n> old quote\n",
	     "Vụ Pháp chế nhất trí với dự thảo."},
	    {"From: Vụ Pháp chế <phapche@bo.gov.vn>\nSent: Monday, December "
	     "28, 2026 10:00 AM\nTo: vanthu@bo.gov.vn\nSubject: FW: Góp ý dự "
	     "thảo\n\nVụ Pháp chế nhất trí với dự thảo.\n",
	     "Vụ Pháp chế nhất trí với dự thảo."},
	    {"Begin forwarded message:\n\nFrom: A <a@b.vn>\nSubject: X\nDate: "
	     "28 December 2026 at 10:00:00 GMT+7\nTo: B <b@c.vn>\n\nNội "
	     "dung.\n",
	     "Nội dung."},
	    /* a quoted paragraph wrapped without its '>' */
	    {"Ok\n\nOn Mon, Dec 28, 2026 at 9:00 AM A <a@b.vn> wrote:\n> first "
	     "half of a long line that a client\nbroke without quoting it\n> "
	     "next\n",
	     "Ok"},
	    {"Ok\n\nTir. 28. des. 2026 kl. 13:09 skrev A <a@b.no\n>:\n\n> x\n",
	     "Ok"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *out = reply_trim(cases[i].in, strlen(cases[i].in));

		if (strcmp(out, cases[i].out) != 0) {
			print_error("case %zu: got [%s]\n", i, out);
		}
		assert_string_equal(out, cases[i].out);
		free(out);
	}
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
	    {"Cảm ơn\nĐồng ý", REPLY_DECISION_AGREE}, /* thanks, then agrees */
	    {"Chủ trì: KHTC", REPLY_DECISION_NONE},
	    /* "tra lại" (look up again) written with marks is no return;
	     * without any, it reads as "trả lại" */
	    {"Vui lòng tra lại mã số thuế giúp.", REPLY_DECISION_NONE},
	    {"Đề nghị trả lại Văn phòng.", REPLY_DECISION_RETURN},
	    {"De nghi tra lai Van phong.", REPLY_DECISION_RETURN},
	    {"Trả lai Văn phòng.", REPLY_DECISION_NONE}, /* a mark missing */
	    {"\xff\xfe Đồng ý", REPLY_DECISION_AGREE}, /* junk, then the word */
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

/* --- the decision in natural sentences -------------------------------- */

#define AGREE    REPLY_DECISION_AGREE
#define DISAGREE REPLY_DECISION_DISAGREE
#define DONE     REPLY_DECISION_DONE
#define RETURN   REPLY_DECISION_RETURN
#define UNCLEAR  REPLY_DECISION_NONE /* no clear position */

/* How ministry staff answer a consultation, an assignment or an extension
 * request: the unit naming itself, greetings and politeness first,
 * negation, hedges, questions, without diacritics, in English.  Each is
 * also checked in NFD and with its marks stripped (test_decision_forms). */
static const struct {
	const char *in;
	enum reply_decision d;
} phrasings[] = {
    /* clang-format off */
	    {"Đồng ý.", AGREE},
	    {"Nhất trí.", AGREE},
	    {"Thống nhất với nội dung dự thảo.", AGREE},
	    {"Cục Xuất nhập khẩu nhất trí với dự thảo báo cáo.", AGREE},
	    {"Dạ, Vụ Pháp chế đồng ý.", AGREE},
	    {"OK, đồng ý", AGREE},
	    {"Vụ TC không có ý kiến khác", AGREE},
	    {"Vụ Pháp chế nhất trí với dự thảo.", AGREE},
	    {"Kính gửi anh,\n\nVụ Pháp chế nhất trí với dự thảo.", AGREE},
	    {"Kính gửi Văn phòng Bộ,\n\nPhúc đáp Công văn số 1234/VP-TH ngày 01/12/2026 của Văn phòng Bộ về việc xin ý kiến dự thảo Báo cáo, Vụ Pháp chế có ý kiến như sau:\n\nVụ Pháp chế cơ bản nhất trí với dự thảo Báo cáo.\n\nTrân trọng.", AGREE},
	    {"Vụ Kế hoạch - Tài chính thống nhất với dự thảo, không có ý kiến bổ sung.", AGREE},
	    {"Không có ý kiến khác.", AGREE},
	    {"Vụ không có ý kiến gì thêm.", AGREE},
	    {"Về cơ bản Vụ Tổ chức cán bộ nhất trí với nội dung dự thảo Quyết định.", AGREE},
	    {"Dạ em chào anh, Vụ em đồng ý ạ.", AGREE},
	    {"Thưa anh,\nVụ Thị trường trong nước đồng ý với phương án 1.", AGREE},
	    {"Cảm ơn anh đã gửi dự thảo. Vụ Pháp chế nhất trí.", AGREE},
	    {"Sau khi nghiên cứu, Vụ Pháp chế nhất trí với dự thảo.", AGREE},
	    {"Sau khi xem xét, Thanh tra Bộ thống nhất với nội dung dự thảo Tờ trình.", AGREE},
	    {"Vụ Pháp chế không phản đối.", AGREE},
	    {"Vụ không có ý kiến phản đối đối với dự thảo.", AGREE},
	    {"Vụ tán thành nội dung dự thảo.", AGREE},
	    {"Cục Công nghiệp chấp thuận phương án đề xuất.", AGREE},
	    {"Hoàn toàn nhất trí.", AGREE},
	    {"Nhất trí 100%.", AGREE},
	    {"Đồng ý gia hạn đến ngày 20/01/2027.", AGREE},
	    /* "kiểm tra lại" (check again) is no "trả lại" (return), and a
	     * time clause ("sau khi", after) states nothing */
	    {"Đề nghị Vụ kiểm tra lại số liệu.", UNCLEAR},
	    {"Nhờ anh kiểm tra lại giúp em.", UNCLEAR},
	    {"Em đã kiểm tra lại, số liệu đúng.", UNCLEAR},
	    {"Vụ sẽ kiểm tra lại và trả lời sau.", UNCLEAR},
	    {"Vụ đã kiểm tra lại và nhất trí với dự thảo.", AGREE},
	    {"Đã kiểm tra lại. Đề nghị trả lại Văn phòng vì không thuộc chức năng của Vụ.", RETURN},
	    {"Sau khi xong, Vụ sẽ báo cáo.", UNCLEAR},
	    {"Sau khi hoàn thành dự thảo, Vụ sẽ gửi Văn phòng.", UNCLEAR},
	    {"Sau khi xem xét kỹ, Vụ không nhất trí với phương án 2.", DISAGREE},
	    {"Văn phòng Bộ đồng ý cho Vụ gia hạn.", AGREE},
	    {"Vụ đồng ý, không có ý kiến khác.", AGREE},
	    {"Vụ Pháp chế nhất trí với dự thảo; đề nghị Vụ chủ trì tiếp thu, hoàn thiện trình Lãnh đạo Bộ.", AGREE},
	    {"Đồng ý về nguyên tắc, đề nghị chỉnh sửa lỗi chính tả tại Điều 3.", AGREE},
	    {"Không cần chỉnh sửa gì thêm.", AGREE},
	    {"Vụ đã rà soát và không có ý kiến khác.", AGREE},
	    {"Vụ Pháp chế thống nhất như dự thảo.", AGREE},
	    {"dong y", AGREE},
	    {"Dong y", AGREE},
	    {"Nhat tri voi du thao.", AGREE},
	    {"Vu Phap che nhat tri voi du thao bao cao.", AGREE},
	    {"Khong co y kien khac.", AGREE},
	    {"Thong nhat voi noi dung du thao.", AGREE},
	    {"OK, dong y", AGREE},
	    {"Da, Vu Phap che dong y.", AGREE},
	    {"Vụ Pháp chế nhất trí với dự thảo.", AGREE},
	    {"We agree.", AGREE},
	    {"We agree with the draft.", AGREE},
	    {"No objection.", AGREE},
	    {"We have no objections to the draft report.", AGREE},
	    {"Agreed, thanks.", AGREE},
	    {"The Legal Department concurs with the draft.", AGREE},
	    /* the position under a sentence that announces it, past the
	     * first five */
	    {"Chào anh.\n\nEm đã nhận được công văn.\n\nEm đã báo cáo lãnh "
	     "đạo Vụ.\n\nLãnh đạo Vụ đã xem.\n\nCảm ơn anh đã gửi.\n\nÝ kiến "
	     "của Vụ: Vụ đồng ý với dự thảo.",
	     AGREE},
	    {"Dear colleague. Thank you for the draft. We read it. We met on "
	     "Monday. We discussed it. Our comments are as follows: the "
	     "Department disagrees with Article 5.",
	     DISAGREE},
	    /* without one, or once the five after it are past: none */
	    {"Chào anh.\n\nEm đã nhận được công văn.\n\nEm đã báo cáo lãnh "
	     "đạo Vụ.\n\nLãnh đạo Vụ đã xem.\n\nCảm ơn anh đã gửi.\n\nVụ "
	     "đồng ý với dự thảo.",
	     UNCLEAR},
	    {"Vụ có ý kiến như sau: a. b. c. d. e. Vụ không đồng ý.", UNCLEAR},
	    {"Kính gửi: Vụ TTTN. A. B. C. D. Vụ đồng ý.", UNCLEAR},
	    {"We support the draft.", AGREE},
	    /* a quality the writer finds: agreement */
	    {"Vụ đã nghiên cứu và thấy dự thảo phù hợp.", AGREE},
	    {"Vu da nghien cuu va thay du thao phu hop.", AGREE},
	    {"Vụ nhận thấy dự thảo cơ bản phù hợp.", AGREE},
	    {"We find the draft acceptable.", AGREE},
	    {"We consider the proposal appropriate.", AGREE},
	    {"Vụ thấy dự thảo chưa phù hợp.", DISAGREE},
	    {"We do not find the draft acceptable.", DISAGREE},
	    {"Vu de nghi thay doi cho phu hop.", UNCLEAR},
	    {"Cần thay thế Điều 5 cho phù hợp.", UNCLEAR},
	    {"Please consider whether the draft is appropriate.", UNCLEAR},
	    {"Nếu thấy phù hợp, đề nghị Văn phòng trình.", UNCLEAR},
	    {"Cá nhân em thấy phù hợp.", UNCLEAR},
	    /* informal, no formal position (the answers corpus) */
	    {"Looks good to us.", UNCLEAR},
	    {"We fully support the proposal, thanks.", AGREE},
	    {"The Legal Department supports the draft decree.", AGREE},
	    {"We do not support the draft.", DISAGREE},
	    {"We don't fully support the proposal.", DISAGREE},
	    {"We would support the draft if Article 3 is changed.", UNCLEAR},
	    {"Please send the support documents.", UNCLEAR},
	    {"Dear colleagues,\n\nThe Legal Department agrees with the draft.", AGREE},
	    {"We do not object to the proposal.", AGREE},
	    {"No further comments.", AGREE},
	    {"Approved.", AGREE},
	    {"Không đồng ý.", DISAGREE},
	    {"Chúng tôi không đồng ý vì dự thảo chưa quy định rõ trách nhiệm của Sở Công Thương.", DISAGREE},
	    {"Vụ chưa nhất trí vì chưa có số liệu năm 2025.", DISAGREE},
	    {"Vụ Pháp chế chưa thống nhất với nội dung Điều 5.", DISAGREE},
	    {"Đề nghị chỉnh sửa Điều 5 trước khi trình Lãnh đạo Bộ.", DISAGREE},
	    {"Đề nghị Vụ chủ trì chỉnh sửa lại Điều 5 trước khi trình Bộ trưởng ký ban hành.", DISAGREE},
	    {"Vụ Pháp chế đề nghị bổ sung căn cứ pháp lý trước khi trình.", DISAGREE},
	    {"Vụ không thể đồng ý với phương án này.", DISAGREE},
	    {"Vụ Tài chính phản đối phương án 2.", DISAGREE},
	    {"Vụ Pháp chế có ý kiến khác như sau: đề nghị giữ nguyên Điều 5.", DISAGREE},
	    {"Không nhất trí với đề xuất tăng biên chế.", DISAGREE},
	    {"Nội dung dự thảo chưa phù hợp với quy định của Luật Ngân sách.", DISAGREE},
	    {"Dự thảo chưa đủ cơ sở pháp lý để ban hành.", DISAGREE},
	    {"Vụ không hoàn toàn đồng ý với dự thảo.", DISAGREE},
	    {"Dạ, Vụ em chưa đồng ý ạ, do còn vướng Điều 7.", DISAGREE},
	    {"Khong dong y.", DISAGREE},
	    {"Chung toi khong dong y vi du thao chua ro.", DISAGREE},
	    {"Vu chua nhat tri voi Dieu 5.", DISAGREE},
	    {"De nghi chinh sua Dieu 5 truoc khi trinh.", DISAGREE},
	    {"KHÔNG ĐỒNG Ý", DISAGREE},
	    {"We do not agree.", DISAGREE},
	    {"We don't agree with section 2.", DISAGREE},
	    {"I disagree.", DISAGREE},
	    {"We cannot support the draft in its current form.", DISAGREE},
	    {"Please revise section 5 before submission.", DISAGREE},
	    {"The Legal Department objects to the proposal.", DISAGREE},
	    {"We are unable to agree to this option.", DISAGREE},
	    {"Tôi sẽ xem lại.", UNCLEAR},
	    {"Tôi sẽ xem lại và trả lời anh sau.", UNCLEAR},
	    {"Vụ đang xem xét, sẽ có ý kiến sau.", UNCLEAR},
	    {"Vụ sẽ trả lời sau.", UNCLEAR},
	    {"Vụ chưa có ý kiến.", UNCLEAR},
	    {"Em đã nhận được văn bản, em sẽ báo cáo lãnh đạo Vụ.", UNCLEAR},
	    {"Vụ Pháp chế cần thêm thời gian để nghiên cứu.", UNCLEAR},
	    {"Vụ sẽ xin ý kiến Lãnh đạo Bộ và trả lời sau.", UNCLEAR},
	    {"Anh có thể gửi lại file dự thảo không?", UNCLEAR},
	    {"Vụ đồng ý không?", UNCLEAR},
	    {"Đã nhận.", UNCLEAR},
	    {"Cảm ơn anh.", UNCLEAR},
	    {"Vụ sẽ đồng ý nếu bổ sung Điều 5.", UNCLEAR},
	    {"Nếu không có ý kiến khác thì đề nghị trình ký.", UNCLEAR},
	    {"Toi se xem lai.", UNCLEAR},
	    {"Vu dang xem xet.", UNCLEAR},
	    {"I will review and revert.", UNCLEAR},
	    {"We'll get back to you next week.", UNCLEAR},
	    {"We need more time.", UNCLEAR},
	    {"Received, thanks.", UNCLEAR},
	    {"OK", UNCLEAR},
	    {"Dạ vâng ạ.", UNCLEAR},
	    {"Đề nghị Văn phòng Bộ đồng ý cho Vụ gia hạn.", UNCLEAR},
	    {"Về việc đồng ý chủ trương, Vụ chưa có ý kiến.", UNCLEAR},
	    {"Xin ý kiến thêm", UNCLEAR},
	    {"Tôi chưa thể trả lời", UNCLEAR},
	    {"Chưa hoàn thành, đang chờ số liệu của các Sở.", UNCLEAR},
	    {"Hoàn thành.", DONE},
	    {"Đã hoàn thành.", DONE},
	    {"Vụ Kế hoạch - Tài chính đã hoàn thành báo cáo và gửi kèm theo đây.", DONE},
	    {"Dạ, em đã xử lý xong.", DONE},
	    {"Đã xong ạ.", DONE},
	    {"Hoàn thành. Đã gửi báo cáo số 845/BCT-KHTC ngày 26/11/2026.", DONE},
	    {"Kính gửi Văn phòng Bộ,\nVụ đã hoàn thành nhiệm vụ được giao.", DONE},
	    {"hoan thanh", DONE},
	    {"Da hoan thanh.", DONE},
	    {"Done.", DONE},
	    {"Completed. The report was sent to the Office on 25/11.", DONE},
	    {"The task has been completed.", DONE},
	    {"Trả lại.", RETURN},
	    {"Trả lại văn bản vì không thuộc chức năng của Vụ.", RETURN},
	    {"Vụ xin trả lại văn bản này do không thuộc chức năng, nhiệm vụ của Vụ.", RETURN},
	    {"Văn bản không thuộc lĩnh vực của Vụ, đề nghị trả lại Văn phòng Bộ.", RETURN},
	    {"Vụ gửi trả lại văn bản để Văn phòng Bộ giao đơn vị khác.", RETURN},
	    {"Tra lai van ban.", RETURN},
	    {"Return: not our remit.", RETURN},
	    {"We return this letter: it is not within our remit.", RETURN},
	    {"Trả lại: không thuộc thẩm quyền", RETURN},
	    {"Vụ Hợp tác quốc tế thống nhất với dự thảo Kế hoạch.", AGREE},
	    {"Về nội dung này, Vụ Pháp chế không có ý kiến.", AGREE},
	    {"Cục Điện lực và Năng lượng tái tạo nhất trí với nội dung dự thảo văn bản.", AGREE},
	    {"Dạ anh, bên em thống nhất ạ.", AGREE},
	    {"Em chào anh. Vụ em nhất trí với dự thảo ạ.", AGREE},
	    {"Vụ Khoa học và Công nghệ nhất trí với dự thảo, không có góp ý thêm.", AGREE},
	    {"Qua nghiên cứu, Vụ Pháp chế cơ bản thống nhất với nội dung dự thảo.", AGREE},
	    {"Ý kiến của Vụ: đồng ý.", AGREE},
	    {"Vụ Tổ chức cán bộ đồng ý với đề xuất của Vụ Kế hoạch - Tài chính.", AGREE},
	    {"Vụ TTTN không có ý kiến gì khác với dự thảo.", AGREE},
	    {"Vụ Pháp chế nhất trí với nội dung dự thảo Thông tư và không có ý kiến bổ sung.", AGREE},
	    {"Nhất trí như dự thảo ạ.", AGREE},
	    {"We have reviewed the draft and agree with its content.", AGREE},
	    {"The Department has no objection to the proposed text.", AGREE},
	    {"Fine with us, we agree.", AGREE},
	    {"Dong y voi du thao, khong co y kien khac.", AGREE},
	    {"Thong nhat.", AGREE},
	    {"Vụ Pháp chế không nhất trí với dự thảo vì chưa đánh giá tác động.", DISAGREE},
	    {"Cục Xuất nhập khẩu chưa thống nhất, đề nghị làm rõ căn cứ tại Điều 3.", DISAGREE},
	    {"Đề nghị Vụ chủ trì bổ sung báo cáo đánh giá tác động trước khi trình Lãnh đạo Bộ.", DISAGREE},
	    {"Vụ không đồng ý với phương án giao Vụ Pháp chế chủ trì.", DISAGREE},
	    {"Dự thảo chưa hợp lý ở Điều 4, Vụ không thống nhất.", DISAGREE},
	    {"Vụ đề nghị xem xét lại toàn bộ Chương II trước khi ban hành.", DISAGREE},
	    {"Chúng tôi phản đối việc điều chỉnh chỉ tiêu.", DISAGREE},
	    {"Vụ bảo lưu ý kiến đã gửi tại Công văn số 12/PC ngày 05/12/2026.", DISAGREE},
	    {"We disagree with the proposed allocation.", DISAGREE},
	    {"The draft is not acceptable as it stands.", DISAGREE},
	    {"We request changes to Article 5 before submission.", DISAGREE},
	    {"Chua dong y, de nghi bo sung so lieu.", DISAGREE},
	    {"Vụ đã nhận được văn bản và đang nghiên cứu.", UNCLEAR},
	    {"Em sẽ báo cáo Lãnh đạo Vụ và phản hồi anh sau ạ.", UNCLEAR},
	    {"Đề nghị anh cho em xin thêm thời gian đến thứ Sáu.", UNCLEAR},
	    {"Cho em hỏi hạn cuối là ngày nào ạ?", UNCLEAR},
	    {"Vụ sẽ cho ý kiến bằng văn bản.", UNCLEAR},
	    {"We are still reviewing the draft.", UNCLEAR},
	    {"Let me check with my director and get back to you.", UNCLEAR},
	    {"Noted.", UNCLEAR},
	    {"Vụ đã nhận.", UNCLEAR},
	    {"Vụ đã hoàn thành việc rà soát và gửi Văn phòng Bộ.", DONE},
	    {"Nhiệm vụ đã hoàn thành đúng hạn.", DONE},
	    {"Đã hoàn tất.", DONE},
	    {"Xong rồi anh ạ.", DONE},
	    {"We have completed the report.", DONE},
	    {"Văn bản này không thuộc chức năng của Vụ, Vụ xin phép trả lại.", RETURN},
	    {"Đề nghị Văn phòng Bộ nhận lại văn bản, Vụ xin hoàn trả do không thuộc thẩm quyền.", RETURN},
	    {"Returning this letter: it belongs to the Finance Department.", RETURN},
	    {"Vụ không có ý kiến.", AGREE},
	    {"Vụ không có ý kiến đóng góp.", AGREE},
	    {"Vụ Pháp chế nhất trí, không có ý kiến khác ạ.", AGREE},
	    {"Không phản đối.", AGREE},
	    {"Đảng ủy Bộ nhất trí.", AGREE},
	    {"Như đã nêu, Vụ đồng ý.", AGREE},
	    {"Vụ chia sẻ và đồng ý với dự thảo.", AGREE},
	    {"Vụ Pháp chế cẩn trọng rà soát và nhất trí.", AGREE},
	    {"Trên cơ sở nghiên cứu dự thảo, Vụ Pháp chế nhất trí.", AGREE},
	    {"Vụ Pháp chế đã có ý kiến thống nhất tại cuộc họp ngày 10/12.", AGREE},
	    {"I agree.", AGREE},
	    {"We're fine with it, agreed.", AGREE},
	    {"Có. Vụ đồng ý.", AGREE},
	    {"Vụ không thể thống nhất với cách tiếp cận này.", DISAGREE},
	    {"Vụ Pháp chế khó có thể đồng ý với đề xuất trên.", DISAGREE},
	    {"Vụ chưa thể nhất trí.", DISAGREE},
	    {"We strongly disagree.", DISAGREE},
	    {"We can't agree to this.", DISAGREE},
	    {"We won't agree unless Article 5 is removed.", DISAGREE},
	    {"Vụ sẽ không đồng ý nếu giữ nguyên Điều 5.", UNCLEAR},
	    {"Có ý kiến gì không anh?", UNCLEAR},
	    {"Vụ đã nhận được dự thảo chưa", UNCLEAR},
	    {"Anh xem giúp em nhé.", UNCLEAR},
	    {"Đã chuyển Lãnh đạo Vụ xem xét.", UNCLEAR},
	    {"Báo cáo: đã hoàn thành.", DONE},
	    {"Vụ đã xử lý xong văn bản.", DONE},
	    {"Trả lại Văn phòng Bộ vì gửi nhầm đơn vị.", RETURN},
    /* clang-format on */
};

/* The phrasing with its marks removed as people type without them: "Đồng
 * ý" -> "Dong y".  Caller frees. */
static char *strip_marks(const char *s)
{
	utf8proc_uint8_t *out = NULL;
	size_t w = 0;

	assert_true(utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
				 UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE |
				     UTF8PROC_STRIPMARK) >= 0);
	for (size_t r = 0; out[r]; r++, w++) {
		if (out[r] == 0xc4 &&
		    (out[r + 1] == 0x90 || out[r + 1] == 0x91)) {
			out[w] = out[r + 1] == 0x90 ? 'D' : 'd'; /* Đ, đ */
			r++;
		} else {
			out[w] = out[r];
		}
	}
	out[w] = '\0';
	return (char *)out;
}

static void check_decision(const char *form, const char *in,
			   enum reply_decision want)
{
	struct reply_parsed p;

	reply_parse(in, &p);
	if (p.decision != want) {
		print_error("%s [%s]: got %s, want %s\n", form, in,
			    reply_decision_name(p.decision)
				? reply_decision_name(p.decision)
				: "none",
			    reply_decision_name(want)
				? reply_decision_name(want)
				: "none");
	}
	assert_int_equal(p.decision, want);
	reply_parsed_free(&p);
}

static void test_decision_phrasings(void **state)
{
	size_t count[5] = {0};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(phrasings); i++) {
		check_decision("as written", phrasings[i].in, phrasings[i].d);
		count[phrasings[i].d]++;
	}
	assert_true(ARRAY_SIZE(phrasings) >= 80);
	for (size_t d = 0; d < 5; d++) {
		assert_true(count[d] >= 8); /* every decision, and unclear */
	}
}

/* The same in NFD (iOS, some webmails) and without diacritics. */
static void test_decision_forms(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(phrasings); i++) {
		char *nfd = (char *)utf8proc_NFD(
		    (const utf8proc_uint8_t *)phrasings[i].in);
		char *bare = strip_marks(phrasings[i].in);

		check_decision("NFD", nfd, phrasings[i].d);
		check_decision("without diacritics", bare, phrasings[i].d);
		free(bare);
		free(nfd);
	}
}

/* Rules found by reading staff answers in tests/data/inspect/answers
 * (make-answers.py), one table per rule; each phrasing is also checked in
 * NFD and without diacritics. */
struct decision_case {
	const char *in;
	enum reply_decision d;
};

static void check_decision_table(const struct decision_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *nfd =
		    (char *)utf8proc_NFD((const utf8proc_uint8_t *)c[i].in);
		char *bare = strip_marks(c[i].in);

		check_decision("as written", c[i].in, c[i].d);
		check_decision("NFD", nfd, c[i].d);
		check_decision("without diacritics", bare, c[i].d);
		free(bare);
		free(nfd);
	}
}

/* A position taken back later in the window (the contrary position, or
 * one still to come) leaves the answer with none; changes asked for and
 * reasons take nothing back. */
static void test_decision_taken_back(void **state)
{
	static const struct decision_case cases[] = {
	    /* clang-format off */
	    {"Vụ đồng ý Điều 1 đến Điều 8, không đồng ý Điều 9.", UNCLEAR},
	    {"Vụ Pháp chế nhất trí với ý kiến của Vụ TCCB là không đồng ý với dự thảo.", UNCLEAR},
	    {"Vụ đồng ý với dự thảo. Tuy nhiên, Vụ không đồng ý giao Vụ Pháp chế chủ trì thẩm định.", UNCLEAR},
	    {"Vụ chưa nhất trí với Điều 5, các nội dung khác Vụ thống nhất.", UNCLEAR},
	    {"We agree except for Article 9, which we cannot support.", UNCLEAR},
	    {"Em xin báo cáo anh: Vụ TCCB đã đồng ý, Vụ mình chưa có ý kiến.", UNCLEAR},
	    {"Lãnh đạo Vụ chưa đồng ý, em sẽ báo cáo lại sau.", UNCLEAR},
	    {"Vụ nhất trí với dự thảo; riêng Điều 5 Vụ sẽ trả lời sau.", UNCLEAR},
	    /* a position that awaits someone else's */
	    {"Em đồng ý với dự thảo, nhưng em cần báo cáo lại anh Vụ trưởng.", UNCLEAR},
	    {"Vụ đồng ý, em sẽ xin ý kiến lãnh đạo Vụ và báo lại.", UNCLEAR},
	    {"Đồng ý. Vụ sẽ báo cáo Bộ trưởng kết quả thực hiện.", AGREE},
	    {"Vụ đồng ý. Đã báo cáo lại lãnh đạo.", AGREE},
	    /* the same position again, changes asked for, reasons */
	    {"Vụ đồng ý, không có ý kiến khác.", AGREE},
	    {"Vụ không có ý kiến phản đối đối với dự thảo.", AGREE},
	    {"Đồng ý về nguyên tắc nhưng đề nghị sửa Điều 4 theo hướng giữ nguyên mức chi.", AGREE},
	    {"Vụ nhất trí, tuy nhiên đề nghị rà soát lại lỗi chính tả.", AGREE},
	    {"Vụ không đồng ý vì Vụ TCCB đã đồng ý phương án khác.", DISAGREE},
	    {"Không đồng ý\nLý do: dự thảo chưa có ý kiến của Bộ Tư pháp.", DISAGREE},
	    {"Không đồng ý.\nLý do: Vụ chỉ đồng ý phương án 1.", DISAGREE},
	    {"Dự thảo chưa hợp lý ở Điều 4, Vụ không thống nhất.", DISAGREE},
	    {"We do not agree because the draft does not support local budgets.", DISAGREE},
	    {"Đã hoàn thành. Vụ đã gửi báo cáo, Lãnh đạo Vụ đồng ý.", DONE},
	    /* clang-format on */
	};

	(void)state;
	check_decision_table(cases, ARRAY_SIZE(cases));
}

/* "No (further) comment" agrees, unless "besides" follows: then the
 * earlier opinion stands, and it is not in this mail. */
static void test_decision_no_more(void **state)
{
	static const struct decision_case cases[] = {
	    /* clang-format off */
	    {"Vụ không có ý kiến khác ngoài ý kiến đã gửi tại Công văn số 12/PC.", UNCLEAR},
	    {"Vụ không có ý kiến gì thêm ngoài các ý kiến đã góp ý tại cuộc họp.", UNCLEAR},
	    {"No further comments beyond those in our letter of 2 December.", UNCLEAR},
	    {"We have no comments other than those sent last week.", UNCLEAR},
	    {"Không ý kiến.", AGREE},
	    {"Không ý kiến gì thêm ạ", AGREE},
	    {"Không ý kiến ngoài văn bản số 45/PC.", UNCLEAR},
	    /* besides a request, not an earlier opinion: agrees */
	    {"Không có ý kiến gì thêm ngoài việc đề nghị sửa lỗi chính tả.", AGREE},
	    {"Vụ không có ý kiến khác.", AGREE},
	    {"Vụ không có ý kiến, đề nghị lấy thêm ý kiến Bộ Ngoại giao.", AGREE},
	    {"No further comments.", AGREE},
	    /* clang-format on */
	};

	(void)state;
	check_decision_table(cases, ARRAY_SIZE(cases));
}

/* A view of one's own is not the unit's position. */
static void test_decision_personal(void **state)
{
	static const struct decision_case cases[] = {
	    /* clang-format off */
	    {"Cá nhân em đồng ý nhưng còn chờ Lãnh đạo Vụ cho ý kiến.", UNCLEAR},
	    {"Cá nhân tôi không đồng ý.", UNCLEAR},
	    {"Personally I agree, but the Director has not decided.", UNCLEAR},
	    {"Lãnh đạo Vụ đồng ý với dự thảo ạ.", AGREE},
	    /* clang-format on */
	};

	(void)state;
	check_decision_table(cases, ARRAY_SIZE(cases));
}

/* Changes asked for without a condition are comments: no position;
 * made a condition ("trước khi", "before") they are disagreement. */
static void test_decision_comments(void **state)
{
	static const struct decision_case cases[] = {
	    /* clang-format off */
	    {"Vụ có một số ý kiến góp ý như sau:\n- Điều 3: đề nghị bỏ cụm từ \"và các đơn vị liên quan\".\n- Điều 5: đề nghị bổ sung thời hạn.", UNCLEAR},
	    {"Đề nghị bổ sung căn cứ pháp lý.", UNCLEAR},
	    {"Please clarify Article 2.", UNCLEAR},
	    {"Đề nghị bổ sung căn cứ pháp lý trước khi trình.", DISAGREE},
	    {"Please revise section 5 before submission.", DISAGREE},
	    {"Không cần chỉnh sửa gì thêm.", AGREE},
	    {"Cơ bản thống nhất, đề nghị bổ sung khoản 3 Điều 5.", AGREE},
	    /* clang-format on */
	};

	(void)state;
	check_decision_table(cases, ARRAY_SIZE(cases));
}

/* "OK with", "fine with": agreement in English (and mixed) answers;
 * "OK" alone stays an acknowledgement. */
static void test_decision_ok_with(void **state)
{
	static const struct decision_case cases[] = {
	    /* clang-format off */
	    {"We are OK with the draft.", AGREE},
	    {"Vụ em ok với dự thảo ạ.", AGREE},
	    {"We are fine with the proposal.", AGREE},
	    {"The Department is happy with the revised text.", AGREE},
	    {"We are not OK with Article 5.", DISAGREE},
	    {"We are in agreement with the draft.", AGREE},
	    {"We are in favour of option 1.", AGREE},
	    {"We are not in favor of option 2.", DISAGREE},
	    {"We have no concerns.", AGREE},
	    {"Ok a", UNCLEAR},
	    {"OK", UNCLEAR},
	    /* clang-format on */
	};

	(void)state;
	check_decision_table(cases, ARRAY_SIZE(cases));
}

/* "không" shortened as typed in haste ("ko", "k", "khg") negates,
 * asks and opens "không có ý kiến" like the word itself. */
static void test_decision_abbreviations(void **state)
{
	static const struct decision_case cases[] = {
	    /* clang-format off */
	    {"Vụ em ko đồng ý ạ, Điều 5 chưa rõ.", DISAGREE},
	    {"Bên em k đồng ý phương án 2 a.", DISAGREE},
	    {"Vu khg dong y.", DISAGREE},
	    {"Ko có ý kiến gì ạ", AGREE},
	    {"Ko phản đối.", AGREE},
	    {"Vụ mình đồng ý ko", UNCLEAR},
	    {"Ko hoàn thành kịp.", UNCLEAR},
	    {"Đồng ý mua 50k bản.", AGREE}, /* "50k" is no "k" */
	    /* clang-format on */
	};

	(void)state;
	check_decision_table(cases, ARRAY_SIZE(cases));
}

/* "Disapprove" is the contrary of "approve", not a word holding it. */
static void test_decision_disapprove(void **state)
{
	static const struct decision_case cases[] = {
	    /* clang-format off */
	    {"The Legal Department disapproves of the proposed fee increase.", DISAGREE},
	    {"Disapproved.", DISAGREE},
	    {"We do not disapprove.", AGREE},
	    {"Not approved.", DISAGREE},
	    {"Approved with minor changes.", AGREE},
	    /* clang-format on */
	};

	(void)state;
	check_decision_table(cases, ARRAY_SIZE(cases));
}

/* How far a negator reaches: over a purpose ("để", "to") to the cue it
 * leads to; "không những" (not only) negates nothing; a position
 * withdrawn ("rút ý kiến phản đối") is none taken. */
static void test_decision_negation_scope(void **state)
{
	static const struct decision_case cases[] = {
	    /* clang-format off */
	    {"Vụ không có cơ sở để đồng ý với đề xuất này.", DISAGREE},
	    {"Vụ không thấy có lý do gì để phản đối.", AGREE},
	    {"Chưa đủ điều kiện để chấp thuận.", DISAGREE},
	    {"Không đủ căn cứ để đồng ý.", DISAGREE},
	    {"We do not have enough information to agree.", DISAGREE},
	    {"We see no reason to object.", AGREE},
	    {"Vụ đồng ý để Vụ KHTC chủ trì.", AGREE},
	    {"Vụ không có ý kiến gì để bổ sung.", AGREE},
	    {"We agree to the proposal.", AGREE},
	    {"Vụ không những nhất trí mà còn đề nghị sớm ban hành.", AGREE},
	    {"Vụ không chỉ đồng ý mà còn ủng hộ.", AGREE},
	    {"Not only do we agree, we support it.", AGREE},
	    {"Vụ xin rút lại ý kiến không đồng ý đã gửi.", UNCLEAR},
	    {"Vụ rút ý kiến phản đối.", UNCLEAR},
	    {"We withdraw our objection.", UNCLEAR},
	    {"Vụ đã hết ý kiến.", AGREE},
	    /* clang-format on */
	};

	(void)state;
	check_decision_table(cases, ARRAY_SIZE(cases));
}

/* Agreement in part, or on a condition, is no position yet. */
static void test_decision_partial(void **state)
{
	static const struct decision_case cases[] = {
	    /* clang-format off */
	    {"Vụ đồng ý một phần, riêng Điều 9 đề nghị bỏ.", UNCLEAR},
	    {"Vụ đồng ý có điều kiện: phải bổ sung nguồn kinh phí.", UNCLEAR},
	    {"Đồng ý với điều kiện bổ sung Điều 5 về nguồn kinh phí.", UNCLEAR},
	    {"Vụ đồng ý, với điều kiện Vụ KHTC bố trí kinh phí.", UNCLEAR},
	    {"We partially agree with the draft.", UNCLEAR},
	    {"We agree, subject to the changes below.", UNCLEAR},
	    {"Cơ bản đồng ý ạ.", AGREE},
	    {"Về nguyên tắc Vụ đồng ý.", AGREE},
	    {"Vụ hoàn toàn không đồng ý.", DISAGREE},
	    /* clang-format on */
	};

	(void)state;
	check_decision_table(cases, ARRAY_SIZE(cases));
}

/* Sending back a file or a draft returns no letter. */
/* "Done" with a deadline after it asks the work, it does not report it;
 * with something past before it, it reports. */
static void test_decision_done_by_date(void **state)
{
	static const struct decision_case cases[] = {
	    /* clang-format off */
	    {"Hoàn thành trước 20/12.", UNCLEAR},
	    {"Hoàn thành trước ngày 20/12 nhé.", UNCLEAR},
	    {"Hoàn thành chậm nhất 20/12", UNCLEAR},
	    {"Xong trước 20/12 nha", UNCLEAR},
	    {"Complete by 20 Dec.", UNCLEAR},
	    {"Vụ đã hoàn thành trước ngày 15/12.", DONE},
	    {"Đã xong trước hạn.", DONE},
	    {"Completed by Lan.", DONE},
	    {"I have completed it by 5 Dec.", DONE},
	    {"Xong rồi anh nhé.", DONE},
	    /* clang-format on */
	};

	(void)state;
	check_decision_table(cases, ARRAY_SIZE(cases));
}

/* Not knowing is no negation; a cue followed in its clause by "thì",
 * "sẽ", "nếu", "khi", "if", "when", "will" is a condition of what
 * follows; a question may end with words of address. */
static void test_decision_conditions(void **state)
{
	static const struct decision_case cases[] = {
	    /* clang-format off */
	    {"Tôi không chắc Vụ đồng ý.", UNCLEAR},
	    {"Chưa chắc Vụ đã đồng ý đâu anh.", UNCLEAR},
	    {"Không rõ lãnh đạo có đồng ý hay không.", UNCLEAR},
	    {"Not sure we agree.", UNCLEAR},
	    {"I don't know whether they agree.", UNCLEAR},
	    {"Anh đồng ý thì em trình ạ.", UNCLEAR},
	    {"Lãnh đạo đồng ý thì Vụ sẽ triển khai.", UNCLEAR},
	    {"Không đồng ý thì nêu rõ lý do.", UNCLEAR},
	    {"Agree if TC agrees.", UNCLEAR},
	    {"Xong thì báo anh nhé.", UNCLEAR},
	    {"Em làm xong sẽ gửi anh.", UNCLEAR},
	    {"Anh xem xong thì phản hồi em nhé.", UNCLEAR},
	    {"Làm xong trước thứ Sáu nhé.", UNCLEAR},
	    {"Complete by Friday please.", UNCLEAR},
	    {"Xong chưa em", UNCLEAR},
	    {"Đồng ý được không anh ạ", UNCLEAR},
	    {"Chưa anh ạ.", UNCLEAR},
	    /* a time to come */
	    {"Ngày mai em xong ạ.", UNCLEAR},
	    {"Em xong ngày mai ạ", UNCLEAR},
	    {"Done tomorrow.", UNCLEAR},
	    {"Tuần sau Vụ hoàn thành.", UNCLEAR},
	    {"Chiều mai Vụ gửi văn bản, Vụ cơ bản đồng ý.", AGREE},
	    /* a firm position stays */
	    {"We won't agree unless Article 5 is removed.", DISAGREE},
	    {"Vụ thì đồng ý.", AGREE},
	    {"Vụ đồng ý, sẽ gửi văn bản sau.", AGREE},
	    {"Vụ đồng ý với đề xuất của Cục Hàng không.", AGREE},
	    {"Em đồng ý ạ", AGREE},
	    {"Vụ không đồng ý anh ạ.", DISAGREE},
	    {"Đã xong trước hạn.", DONE},
	    {"Vụ hoàn thành rồi anh nhé.", DONE},
	    /* clang-format on */
	};

	(void)state;
	check_decision_table(cases, ARRAY_SIZE(cases));
}

static void test_decision_return_of_file(void **state)
{
	static const struct decision_case cases[] = {
	    /* clang-format off */
	    {"Em gửi trả lại anh file dự thảo đã chỉnh sửa theo ý kiến của Vụ ạ.", UNCLEAR},
	    {"Returning the draft with our tracked changes.", UNCLEAR},
	    {"Em xin trả lại để anh xem lại ạ.", UNCLEAR},
	    {"Returning it for your review.", UNCLEAR},
	    {"Trả lại văn bản vì chưa chỉnh sửa theo mẫu.", RETURN}, /* a reason */
	    {"Dự thảo em đã sửa, em gửi trả lại anh.", RETURN}, /* another clause */
	    {"Vụ gửi trả lại văn bản để Văn phòng Bộ giao đơn vị khác.", RETURN},
	    {"Trả lại văn bản vì không thuộc chức năng của Vụ.", RETURN},
	    {"Vụ Pháp chế nhất trí với dự thảo.", AGREE},
	    /* clang-format on */
	};

	(void)state;
	check_decision_table(cases, ARRAY_SIZE(cases));
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
    /* a deadline sentence right under command lines that hand work
     * over is their "Hạn:"; not under a decision alone, not one that
     * names someone, not under a "Hạn:" line */
    {"Chủ trì: Vụ PC\nHạn 20/12.",
     REPLY_DECISION_NONE,
     2,
     {{REPLY_KEY_LEAD, "Vụ PC"}, {REPLY_KEY_DUE, "20/12"}}},
    {"Giao: chị Lan\n\nHoàn thành trước ngày 15/12.",
     REPLY_DECISION_NONE,
     2,
     {{REPLY_KEY_ASSIGN, "chị Lan"}, {REPLY_KEY_DUE, "15/12"}}},
    {"Chủ trì: Vụ PC\nVụ TC gửi ý kiến trước 15/12.",
     REPLY_DECISION_NONE,
     1,
     {{REPLY_KEY_LEAD, "Vụ PC"}}},
    {"Chủ trì: Vụ PC\nHạn: 18/12\nHạn 20/12.",
     REPLY_DECISION_NONE,
     2,
     {{REPLY_KEY_LEAD, "Vụ PC"}, {REPLY_KEY_DUE, "18/12"}}},
    {"Đồng ý.\nHạn 15/12.", REPLY_DECISION_AGREE, 0, {}},
    {"Lý do: gửi nhầm\nHạn 15/12.",
     REPLY_DECISION_NONE,
     1,
     {{REPLY_KEY_REASON, "gửi nhầm"}}},
    /* a return's reason in its sentence, or in the next that opens with
     * "Lý do" */
    {"Trả lại văn bản vì không thuộc chức năng của Vụ.",
     REPLY_DECISION_RETURN,
     1,
     {{REPLY_KEY_REASON, "không thuộc chức năng của Vụ"}}},
    {"Vụ PC xin trả lại văn bản. Lý do: văn bản không thuộc chức năng của "
     "Vụ.",
     REPLY_DECISION_RETURN,
     1,
     {{REPLY_KEY_REASON, "văn bản không thuộc chức năng của Vụ"}}},
    {"Văn bản này không thuộc chức năng, nhiệm vụ của Vụ, đề nghị trả lại "
     "Văn phòng.",
     REPLY_DECISION_RETURN,
     1,
     {{REPLY_KEY_REASON, "không thuộc chức năng"}}},
    {"We are returning this letter because it is outside our remit.",
     REPLY_DECISION_RETURN,
     1,
     {{REPLY_KEY_REASON, "it is outside our remit"}}},
    {"Trả lại văn bản. Cảm ơn anh vì đã gửi.", REPLY_DECISION_RETURN, 0, {}},
    {"Trả lại: gửi nhầm đơn vị",
     REPLY_DECISION_RETURN,
     1,
     {{REPLY_KEY_RETURN, "gửi nhầm đơn vị"}}},
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
    /* several on one line, after ';' or ',' */
    {"Chủ trì: PC; Phối hợp: TC, KHTC; Hạn: 30/12",
     REPLY_DECISION_NONE,
     3,
     {{REPLY_KEY_LEAD, "PC"},
      {REPLY_KEY_COORDINATE, "TC, KHTC"},
      {REPLY_KEY_DUE, "30/12"}}},
    {"Chu tri: Vu Phap che, phoi hop: Vu TC, han: 30/12/2026.",
     REPLY_DECISION_NONE,
     3,
     {{REPLY_KEY_LEAD, "Vu Phap che"},
      {REPLY_KEY_COORDINATE, "Vu TC"},
      {REPLY_KEY_DUE, "30/12/2026."}}},
    {"Lấy ý kiến: PC, TC; hạn:30/12\nLý do: cần ý kiến pháp lý; gấp",
     REPLY_DECISION_NONE,
     3,
     {{REPLY_KEY_CONSULT, "PC, TC"},
      {REPLY_KEY_DUE, "30/12"},
      {REPLY_KEY_REASON, "cần ý kiến pháp lý; gấp"}}},
    /* after '.', as sentences are written; a dotted date stays whole */
    {"Chủ trì: Vụ PC. Phối hợp: Vụ TC. Hạn: 20.12.2026",
     REPLY_DECISION_NONE,
     3,
     {{REPLY_KEY_LEAD, "Vụ PC"},
      {REPLY_KEY_COORDINATE, "Vụ TC"},
      {REPLY_KEY_DUE, "20.12.2026"}}},
    {"Lý do: Vụ không có chuyên môn. Cảm ơn.",
     REPLY_DECISION_NONE,
     1,
     {{REPLY_KEY_REASON, "Vụ không có chuyên môn. Cảm ơn."}}},
    /* a date with a comma in it stays whole */
    {"Due: December 20, 2026\nExtend: Dec. 20, 2026",
     REPLY_DECISION_NONE,
     2,
     {{REPLY_KEY_DUE, "December 20, 2026"},
      {REPLY_KEY_EXTEND, "Dec. 20, 2026"}}},
    {"Chủ trì: PC, hạn: thứ Sáu, 18/12/2026 (thứ Sáu)",
     REPLY_DECISION_NONE,
     2,
     {{REPLY_KEY_LEAD, "PC"},
      {REPLY_KEY_DUE, "thứ Sáu, 18/12/2026 (thứ Sáu)"}}},
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
    /* a greeting line before the commands */
    {"Dạ,\nChủ trì: KHTC", REPLY_DECISION_NONE, 1, {{REPLY_KEY_LEAD, "KHTC"}}},
    {"Kính gửi: Văn phòng Bộ\n\nLấy ý kiến: PC",
     REPLY_DECISION_NONE,
     1,
     {{REPLY_KEY_CONSULT, "PC"}}},
    /* commands under the sentence that decides */
    {"Dạ, đồng ý.\nHạn: 20/01/2027",
     REPLY_DECISION_AGREE,
     1,
     {{REPLY_KEY_DUE, "20/01/2027"}}},
    {"OK,\nKhông đồng ý,\nLý do: chưa đủ căn cứ",
     REPLY_DECISION_DISAGREE,
     1,
     {{REPLY_KEY_REASON, "chưa đủ căn cứ"}}},
    {"Kính gửi Văn phòng,\nVăn phòng Bộ đồng ý gia hạn.\nHạn: "
     "20/01/2027\nTrân trọng.",
     REPLY_DECISION_AGREE,
     1,
     {{REPLY_KEY_DUE, "20/01/2027"}}},
    {"Vụ Pháp chế không\nđồng ý với dự thảo, vì:\nLý do: thiếu căn cứ",
     REPLY_DECISION_DISAGREE,
     1,
     {{REPLY_KEY_REASON, "thiếu căn cứ"}}},
    /* the decision is never read from quoted text */
    {"> Đồng ý\nTôi sẽ xem lại.", REPLY_DECISION_NONE, 0, {{0, NULL}}},
    {"> Không đồng ý\n\nNhất trí.", REPLY_DECISION_AGREE, 0, {{0, NULL}}},
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

/* Where sentences end: a full stop after an abbreviation that what
 * follows continues ends none. */
static void test_tokens_sentences(void **state)
{
	static const struct {
		const char *in;
		size_t sentences; /* the end of the text one with the last */
	} cases[] = {
	    {"", 1},
	    {"Hạn 20/12. Vụ TC phối hợp.", 2},
	    {"PC to lead, due Dec. 20, 2026.", 1},
	    {"Due 20 Dec. TC to coordinate.", 2},
	    {"Due Sept. 1.", 1},
	    {"Phối hợp với Sở Công Thương TP. Hồ Chí Minh.", 1},
	    {"Phối hợp với UBND Tp. Huế, UBND Q. Ba Đình, P. Bến Nghé.", 1},
	    {"Phối hợp với TX. Sơn Tây và TT. Đông Anh.", 1},
	    {"Rà soát hồ sơ, tài liệu v.v. trước ngày 20/12.", 1},
	    {"Rà soát hồ sơ, tài liệu v.v. Hạn 20/12.", 2},
	    {"Gửi Vụ PC. Hạn 20/12.", 2},
	    {"Chuyển TP.\nHạn 20/12.", 2},
	    {"Đến tháng Dec. Vụ TC.", 2},
	    {"Xong. 20 tháng 12.", 2},
	    {"Sửa máy. 5 người làm.", 2},
	    {"Ms. Lan to handle. Mr. Binh to assist.", 2},
	    {"Giao Mr. Binh. Ms. Lan.", 2},
	    {"Send it to Ms. they said.", 2},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct reply_tokens r;
		size_t n = 0;

		reply_tokens_read(&r, cases[i].in, strlen(cases[i].in), true);
		for (size_t t = 0; t < r.n; t++) {
			n += r.t[t].kind == REPLY_TOK_SENTENCE;
		}
		if (n != cases[i].sentences) {
			fail_msg("'%s': %zu sentences, want %zu", cases[i].in,
				 n, cases[i].sentences);
		}
		reply_tokens_release(&r);
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
	    cmocka_unit_test(test_trim_crisp),
	    cmocka_unit_test(test_trim_languages),
	    cmocka_unit_test(test_parse_decision),
	    cmocka_unit_test(test_decision_phrasings),
	    cmocka_unit_test(test_decision_forms),
	    cmocka_unit_test(test_decision_taken_back),
	    cmocka_unit_test(test_decision_no_more),
	    cmocka_unit_test(test_decision_personal),
	    cmocka_unit_test(test_decision_comments),
	    cmocka_unit_test(test_decision_ok_with),
	    cmocka_unit_test(test_decision_abbreviations),
	    cmocka_unit_test(test_decision_disapprove),
	    cmocka_unit_test(test_decision_done_by_date),
	    cmocka_unit_test(test_decision_conditions),
	    cmocka_unit_test(test_decision_return_of_file),
	    cmocka_unit_test(test_decision_partial),
	    cmocka_unit_test(test_decision_negation_scope),
	    cmocka_unit_test(test_parse_commands),
	    cmocka_unit_test(test_parse_many_commands),
	    cmocka_unit_test(test_trim_then_parse),
	    cmocka_unit_test(test_decision_name),
	    cmocka_unit_test(test_has_history),
	    cmocka_unit_test(test_tokens_sentences),
	    cmocka_unit_test(test_throughput),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
