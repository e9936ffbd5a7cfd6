/* The text module: UTF-8, NFC, and the one folding rule for matching. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "congvan/text.h"
#include "congvan/util.h"

#define NFD_DONG_Y "\xc4\x90o\xcc\x82\xcc\x80ng y\xcc\x81"

static void test_nfc_cases(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		const char *out;
	} cases[] = {
	    {"", 0, ""},
	    {"abc", 3, "abc"},
	    /* "Đồng ý" as iOS sends it: letters and combining marks */
	    {"\xc4\x90o\xcc\x82\xcc\x80ng y\xcc\x81", 13,
	     "\xc4\x90\xe1\xbb\x93ng \xc3\xbd"},
	    /* already NFC */
	    {"\xc4\x90\xe1\xbb\x93ng \xc3\xbd", 10,
	     "\xc4\x90\xe1\xbb\x93ng \xc3\xbd"},
	    /* e + dot below + circumflex, in either order: ệ */
	    {"e\xcc\xa3\xcc\x82", 5, "\xe1\xbb\x87"},
	    {"e\xcc\x82\xcc\xa3", 5, "\xe1\xbb\x87"},
	    /* invalid bytes repaired as windows-1252, NUL dropped */
	    {"caf\xe9", 4, "caf\xc3\xa9"},
	    {"a\0b", 3, "ab"},
	    {"o\xcc\x82\xff", 4, "\xc3\xb4\xc3\xbf"},
	    {"\xed\xa0\x80", 3, "\xc3\xad\xc2\xa0\xe2\x82\xac"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *r = text_nfc(cases[i].in, cases[i].len);

		assert_string_equal(r, cases[i].out);
		free(r);
	}
	{
		char *r = text_nfc(NULL, 0);

		assert_string_equal(r, "");
		free(r);
	}
}

/* The ranges the quick check lets through are what it claims: starters
 * that NFC keeps, and that no canonical decomposition has after its
 * first character (so they never compose with what precedes them). */
static void test_nfc_quick_ranges(void **state)
{
	utf8proc_int32_t buf[16];

	(void)state;
	for (uint32_t cp = 0; cp <= 0x10ffff; cp++) {
		int last = 0;
		utf8proc_ssize_t n;

		if (cp >= 0xd800 && cp <= 0xdfff) {
			continue;
		}
		n = utf8proc_decompose_char((utf8proc_int32_t)cp, buf, 16,
					    UTF8PROC_DECOMPOSE, &last);
		for (utf8proc_ssize_t k = 1; k < n; k++) {
			assert_false(text_nfc_stable((uint32_t)buf[k]));
		}
		if (text_nfc_stable(cp) && cp > 0) {
			utf8proc_uint8_t u[4];
			utf8proc_ssize_t ul =
			    utf8proc_encode_char((utf8proc_int32_t)cp, u);
			char *r = text_nfc((const char *)u, (size_t)ul);

			assert_int_equal(
			    utf8proc_get_property((utf8proc_int32_t)cp)
				->combining_class,
			    0);
			assert_memory_equal(r, u, (size_t)ul);
			free(r);
		}
	}
}

/* --- text_fold ---------------------------------------------------- */

static void test_fold(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
	    {"", ""},
	    {"Đồng Ý", "dong y"},
	    {NFD_DONG_Y, "dong y"},
	    {"ĐẠI HỘI đại biểu", "dai hoi dai bieu"},
	    {"Ưu tiên Phối hợp", "uu tien phoi hop"},
	    {"Chủ trì: KHTC", "chu tri: khtc"},
	    {"a\xc2\xa0"
	     "b",
	     "a b"},
	    {"Straße", "strasse"},
	    {"x\xffy", "x?y"},
	};
	char *out;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		out = text_fold(cases[i].in);
		assert_string_equal(out, cases[i].out);
		free(out);
	}
	out = text_fold(NULL);
	assert_string_equal(out, "");
	free(out);
}

/* The unified rule on what every parser meets: dashes and bullets,
 * punctuation and symbols, odd and invisible spaces, controls. */
static void test_fold_rule(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
	    {"12/QĐ\xe2\x80\x93"
	     "BTC",
	     "12/qd-btc"}, /* en dash */
	    {"\xe2\x80\xa2"
	     " Mục 1",
	     "- muc 1"}, /* bullet */
	    {"\xe2\x80\x9c"
	     "Đồng ý\xe2\x80\x9d",
	     " dong y "},
	    {"Đồng ý"
	     "\xe2\x80\xa6",
	     "dong y."}, /* ellipsis */
	    {"a\xe2\x80\x8b"
	     "b",
	     "ab"}, /* zero width */
	    {"a\xc2\xad"
	     "b",
	     "ab"}, /* soft hyphen */
	    {"\xef\xbb\xbf"
	     "OK",
	     "ok"}, /* BOM */
	    {"a\r\nb\tc\x01"
	     "d",
	     "a\nb\tc d"},
	    {"\xe2\x9c\x93"
	     " OK",
	     "  ok"}, /* check mark */
	    {"ПИШЕТ", "\xd0\xbf\xd0\xb8\xd1\x88\xd0\xb5\xd1\x82"},
	    {"écrit", "ecrit"},
	    {"Från", "fran"},
	    {"NGÀY 05 THÁNG 3", "ngay 05 thang 3"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *out = text_fold(cases[i].in);

		assert_string_equal(out, cases[i].out);
		free(out);
	}
}

/* A folded text maps every folded byte back to its code point, so a
 * match copies the original, NFC and cleaned. */
static void test_folded_offsets(void **state)
{
	const char *s = "Số:\xc2\xa0"
			"25/BCT\xe2\x80\x93"
			"VP V/v Straße";
	struct text_folded ft;
	size_t start, end;
	char *copy;

	(void)state;
	text_folded_init(&ft, s, strlen(s));
	assert_string_equal(ft.f, "so: 25/bct-vp v/v strasse");
	assert_int_equal(ft.off[ft.len], strlen(s));
	end = text_fold_find(ft.f, 0, ft.len, "v/v", &start);
	assert_true(end > 0);
	copy = text_folded_copy(&ft, end + 1, ft.len);
	assert_string_equal(copy, "Straße");
	free(copy);
	copy = text_folded_copy(&ft, 0, 3);
	assert_string_equal(copy, "Số:");
	free(copy);
	assert_null(text_folded_copy(&ft, 3, 3));
	text_folded_release(&ft);

	text_folded_init(&ft, NFD_DONG_Y, strlen(NFD_DONG_Y));
	assert_string_equal(ft.f, "dong y");
	copy = text_folded_copy(&ft, 0, ft.len);
	assert_string_equal(copy, "Đồng ý"); /* NFC */
	free(copy);
	text_folded_release(&ft);
}

static void test_fold_match(void **state)
{
	const char *f = "kinh gui:  vu phap che; dong y";
	size_t start = 0, n = strlen(f);

	(void)state;
	assert_int_equal(text_fold_match(f, 0, n, "kinh gui:"), 9);
	assert_int_equal(text_fold_match(f, 0, n, "kinhgui"), 0);
	assert_int_equal(text_fold_match(f, 0, n, "kinh  gui"), 8);
	assert_int_equal(text_fold_word(f, 0, n, "kin"), 0);
	assert_int_equal(text_fold_find(f, 0, n, "dong y", &start), n);
	assert_int_equal(start, n - 6);
	assert_int_equal(text_fold_find(f, 0, n, "ong", &start), 0);
	assert_true(text_fold_starts_word("dong y.", 7, "dong y"));
	assert_false(text_fold_starts_word("dong yen", 8, "dong y"));
	assert_true(text_fold_starts_word("dong y", 6, "dong y"));
	assert_int_equal(text_fold_skip_blank(" \t\nx", 0, 4, true), 3);
	assert_int_equal(text_fold_skip_blank(" \t\nx", 0, 4, false), 2);
}

static void test_fold_span(void **state)
{
	char out[8];
	size_t used = 0;

	(void)state;
	/* whole characters only: "Đồng" is 7 bytes in, 4 out */
	assert_int_equal(
	    text_fold_span("Đồng ý rồi", 14, out, sizeof(out), &used), 7);
	assert_string_equal(out, "dong y ");
	assert_int_equal(used, strlen("Đồng ý "));
}

static void test_utf8(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		int32_t cp;
		size_t used;
	} cases[] = {
	    {"A", 1, 'A', 1},
	    {"\xc3\xa9", 2, 0xe9, 2},
	    {"\xe1\xbb\x87", 3, 0x1ec7, 3},
	    {"\xf0\x9f\x98\x80", 4, 0x1f600, 4},
	    {"\xc0\x80", 2, -1, 1},         /* overlong */
	    {"\xed\xa0\x80", 3, -1, 1},     /* surrogate */
	    {"\xe1\xbb", 2, -1, 1},         /* truncated */
	    {"\xf4\x90\x80\x80", 4, -1, 1}, /* past U+10FFFF */
	    {"\x80", 1, -1, 1},
	};
	struct sbuf sb = SBUF_INIT(64);

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t at = 0;

		assert_int_equal(text_utf8_next(cases[i].in, cases[i].len, &at),
				 cases[i].cp);
		assert_int_equal(at, cases[i].used);
	}
	assert_true(text_utf8_valid("Đồng ý", strlen("Đồng ý")));
	assert_false(text_utf8_valid("caf\xe9", 4));
	text_utf8_append(&sb, "caf\xe9\x01", 5, false);
	assert_string_equal(sbuf_str(&sb), "caf\xc3\xa9\x01");
	sbuf_reset(&sb);
	text_utf8_append(&sb,
			 "\x80\x01"
			 "x",
			 3, true);
	assert_string_equal(sbuf_str(&sb), "\xe2\x82\xac"
					   " x");
	sbuf_release(&sb);
}

/* Valid by the decoder, one character at a time. */
static bool valid_by_next(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		if (text_utf8_next(s, len, &i) < 0) {
			return false;
		}
	}
	return true;
}

/* Checks text_utf8_valid and text_utf8_valid_count against the decoder
 * (the count: the bytes of 0x80 and above, when valid). */
static void check_valid(const unsigned char *b, size_t len)
{
	bool want = valid_by_next((const char *)b, len);
	size_t high = SIZE_MAX, want_high = 0;

	for (size_t i = 0; i < len; i++) {
		want_high += b[i] >= 0x80;
	}
	assert_int_equal(text_utf8_valid((const char *)b, len), want);
	assert_int_equal(text_utf8_valid_count((const char *)b, len, &high),
			 want);
	if (want) {
		assert_int_equal(high, want_high);
	}
}

/* text_utf8_valid takes its own shortcuts (eight bytes at a time): it
 * must say what the decoder says, for every lead byte followed by every
 * kind of byte, at every length and offset from the start, and for
 * random mixes of ASCII and sequences. */
static void test_utf8_valid_agrees(void **state)
{
	static const unsigned char follow[] = {0x00, 0x41, 0x7f, 0x80,
					       0x8f, 0x90, 0x9f, 0xa0,
					       0xbf, 0xc0, 0xe1, 0xff};
	unsigned char b[16], pad[16];
	uint32_t seed = 12345;

	(void)state;
	for (unsigned lead = 0x80; lead <= 0xff; lead++) {
		for (size_t f1 = 0; f1 < ARRAY_SIZE(follow); f1++) {
			for (size_t f2 = 0; f2 < ARRAY_SIZE(follow); f2++) {
				b[0] = (unsigned char)lead;
				b[1] = follow[f1];
				b[2] = follow[f2];
				b[3] = 0x80;
				for (size_t len = 1; len <= 4; len++) {
					check_valid(b, len);
				}
				/* after ASCII, within and past the
				 * eight bytes read at once */
				for (size_t at = 1; at < 12; at++) {
					memset(pad, 'a', at);
					memcpy(pad + at, b, 4);
					check_valid(pad, at + 3);
					check_valid(pad, at + 4);
				}
			}
		}
	}
	for (int round = 0; round < 40000; round++) {
		size_t len = 1 + round % 16;

		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			/* mostly ASCII and continuation bytes, some leads */
			b[i] =
			    (unsigned char)((seed >> 16) % 3 == 0
						? 'a' + (seed >> 20) % 26
						: 0x80 + (seed >> 18) % 0x80);
		}
		check_valid(b, len);
	}
	assert_true(text_utf8_valid("Vụ Pháp chế nhất trí với dự thảo. 😀",
				    strlen("Vụ Pháp chế nhất trí với dự thảo. "
					   "😀")));
}

/* Folding keeps what each code point below U+2000 folds to once it is
 * computed: the kept answer is the computed one, for every such code
 * point, however long (a few fold to more than the 7 bytes kept). */
static void test_fold_memo(void **state)
{
	(void)state;
	for (uint32_t cp = 0x80; cp < 0x2100; cp++) {
		struct sbuf u = SBUF_INIT(8);
		char first[TEXT_FOLD_MAX], again[TEXT_FOLD_MAX];
		size_t used1, used2, n1, n2;

		text_utf8_put(&u, cp);
		n1 = text_fold_next(u.buf, u.len, first, &used1);
		n2 = text_fold_next(u.buf, u.len, again, &used2);
		assert_int_equal(n1, n2);
		assert_int_equal(used1, u.len);
		assert_int_equal(used2, u.len);
		assert_memory_equal(first, again, n1);
		sbuf_release(&u);
	}
	/* Vietnamese letters fold to their base letter, đ to d. */
	{
		char out[TEXT_FOLD_MAX];
		size_t used;

		assert_int_equal(text_fold_next("\xe1\xbb\x87", 3, out, &used),
				 1); /* ệ */
		assert_int_equal(out[0], 'e');
		assert_int_equal(text_fold_next("\xc4\x90", 2, out, &used), 1);
		assert_int_equal(out[0], 'd');
	}
}

static void test_clean(void **state)
{
	char *c;

	(void)state;
	c = text_clean("  Hà\xc2\xa0"
		       "Nội,\n\t ngày\xe2\x80\x8b ",
		       strlen("  Hà\xc2\xa0"
			      "Nội,\n\t ngày\xe2\x80\x8b "));
	assert_string_equal(c, "Hà Nội, ngày");
	free(c);
	assert_null(text_clean(" \t\n", 3));
	c = text_clean(NFD_DONG_Y, strlen(NFD_DONG_Y));
	assert_string_equal(c, "Đồng ý");
	free(c);
}

/* Valid UTF-8 is kept as it is, any other byte is read as windows-1252;
 * with flatten, control characters (C0, DEL, C1) become spaces. */
static void test_utf8_append_cases(void **state)
{
	static const struct {
		const char *in;
		bool flatten;
		const char *want;
	} cases[] = {
	    {"", false, ""},
	    {"abc", true, "abc"},
	    {"Việt Nam", true, "Việt Nam"},
	    {"a\x80"
	     "b",
	     false,
	     "a\xe2\x82\xac"
	     "b"},
	    {"\xff", false, "\xc3\xbf"},
	    {"\xe1\xbb", false, "\xc3\xa1\xc2\xbb"},
	    {"x\xed\xa0\x80y", false,
	     "x\xc3\xad\xc2\xa0\xe2\x82\xac"
	     "y"},
	    {"a\tb\nc\x7f", false, "a\tb\nc\x7f"},
	    {"a\tb\nc\x7f", true, "a b c "},
	    {"\x81", true, "\xef\xbf\xbd"},
	    {"\xc2\x85!", false, "\xc2\x85!"},
	    {"\xc2\x85!", true, " !"},
	    {"Đ\x01ồng ý", true, "Đ ồng ý"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sbuf sb = SBUF_INIT(SIZE_MAX);

		text_utf8_append(&sb, cases[i].in, strlen(cases[i].in),
				 cases[i].flatten);
		if (strcmp(sbuf_str(&sb), cases[i].want) != 0) {
			fail_msg("case %zu: '%s'", i, sbuf_str(&sb));
		}
		sbuf_release(&sb);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_utf8),
	    cmocka_unit_test(test_utf8_valid_agrees),
	    cmocka_unit_test(test_fold_memo),
	    cmocka_unit_test(test_utf8_append_cases),
	    cmocka_unit_test(test_nfc_cases),
	    cmocka_unit_test(test_nfc_quick_ranges),
	    cmocka_unit_test(test_clean),
	    cmocka_unit_test(test_fold),
	    cmocka_unit_test(test_fold_rule),
	    cmocka_unit_test(test_fold_span),
	    cmocka_unit_test(test_fold_match),
	    cmocka_unit_test(test_folded_offsets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
