#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "congvan/letter.h"
#include "congvan/util.h"
/* The folding helper is the module's own; its contract is tested here. */
#include "../../src/letter/private.h"

#define LETTERS_DIR "tests/data/letters/"
#define LIST_MAX    8

struct expect {
	const char *file;
	bool ok;
	const char *number, *issuer, *symbol, *date, *place, *subject;
	const char *recipients[LIST_MAX];
	const char *distribution[LIST_MAX];
	const char *signer, *signer_title, *deadline;
};

static void assert_str_or_null(const char *got, const char *want,
			       const char *what, const char *file)
{
	if (!want && !got) {
		return;
	}
	if (!want || !got || strcmp(got, want) != 0) {
		fail_msg("%s: %s is \"%s\", expected \"%s\"", file, what,
			 got ? got : "(null)", want ? want : "(null)");
	}
}

static void assert_list(char **got, const char *const *want, const char *what,
			const char *file)
{
	size_t i = 0;

	assert_non_null(got);
	for (; i < LIST_MAX && want[i]; i++) {
		assert_str_or_null(got[i], want[i], what, file);
	}
	assert_str_or_null(got[i], NULL, what, file);
}

static void assert_letter(const struct letter *l, const struct expect *e)
{
	assert_str_or_null(l->number, e->number, "number", e->file);
	assert_str_or_null(l->issuer, e->issuer, "issuer", e->file);
	assert_str_or_null(l->symbol, e->symbol, "symbol", e->file);
	assert_str_or_null(l->date, e->date, "date", e->file);
	assert_str_or_null(l->place, e->place, "place", e->file);
	assert_str_or_null(l->subject, e->subject, "subject", e->file);
	assert_list(l->recipients, e->recipients, "recipient", e->file);
	assert_list(l->distribution, e->distribution, "distribution", e->file);
	assert_str_or_null(l->signer, e->signer, "signer", e->file);
	assert_str_or_null(l->signer_title, e->signer_title, "signer_title",
			   e->file);
	assert_str_or_null(l->deadline, e->deadline, "deadline", e->file);
}

static char *read_fixture(const char *name, size_t *len_r)
{
	char *path = xasprintf(LETTERS_DIR "%s", name);
	char *data = NULL;

	if (file_read_all(path, &data, len_r) != 0) {
		fail_msg("cannot read %s", path);
	}
	free(path);
	return data;
}

static bool parse_str(const char *s, struct letter *l)
{
	return letter_parse(s, strlen(s), l);
}

/* ---------------------------------------------------------------- edges */

static void test_parse_null_empty(void **state)
{
	struct letter l;

	(void)state;
	assert_false(letter_parse(NULL, 0, &l));
	assert_non_null(l.recipients);
	assert_null(l.recipients[0]);
	assert_non_null(l.distribution);
	assert_null(l.distribution[0]);
	assert_null(l.number);
	letter_free(&l);
	letter_free(&l);
	letter_free(NULL);
	assert_false(letter_parse("", 0, &l));
	letter_free(&l);
	assert_false(letter_parse("Số: 12/BTC", 0, &l));
	letter_free(&l);
}

static void test_parse_not_letters(void **state)
{
	static const char *const cases[] = {
	    "Đồng ý.\n\nThanks",
	    "Đồng ý.\n\nThanks\nNguyễn Văn An\n",
	    "Số:",
	    "Số: \n",
	    "Số: abc\n",
	    "So: /\n",
	    "Số 7\n",              /* a number with no symbol, no colon */
	    "Số liệu 2026/2027\n", /* another word */
	    "Số lượng: 25/30\n",
	    "\xff\xfe\xfd\x80\x80\xc3",
	    "Kính gửi anh Nam,\n\nEm gửi anh báo cáo.\n\nTrân trọng.\n",
	    "V/v\n",
	    "-----\n- \n- ;\n",
	    "Nơi nhận:\n",
	    "Hà Nội, ngày 31 tháng 2 năm 2026\n",
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct letter l;

		if (parse_str(cases[i], &l)) {
			fail_msg("case %zu parsed as a letter", i);
		}
		letter_free(&l);
	}
}

/* Letters that are only two of V/v, Kính gửi, place-date, Nơi nhận. */
static void test_parse_two_parts(void **state)
{
	static const struct {
		const char *in;
		bool ok;
	} cases[] = {
	    {"V/v họp giao ban\n\nKính gửi: Văn phòng\n", true},
	    {"Hà Nội, ngày 3/3/2026\nV/v họp\n", true},
	    {"Kính gửi: Văn phòng\n\nNội dung.\n\nNơi nhận:\n- Lưu: VT.\n",
	     true},
	    {"V/v họp giao ban\n", false},
	    {"Kính gửi anh Nam,\nHà Nội, ngày 3/3/2026\n", false},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct letter l;

		assert_int_equal(parse_str(cases[i].in, &l), cases[i].ok);
		letter_free(&l);
	}
}

/* Invalid UTF-8, NUL bytes, huge lines, 10 MB of "Số:". */
static void test_parse_hostile(void **state)
{
	size_t big = 10u << 20;
	char *buf = xmalloc(big + 1);
	struct letter l;
	struct letter_deadline date;
	clock_t t0 = clock();

	(void)state;
	for (size_t i = 0; i + 4 <= big; i += 4) {
		memcpy(buf + i, "Số:", 4);
	}
	assert_false(letter_parse(buf, big, &l));
	letter_free(&l);
	assert_false(letter_find_deadline(buf, big, &date));
	letter_deadline_release(&date);
	memset(buf, 'a', big);
	assert_false(letter_parse(buf, big, &l));
	letter_free(&l);
	for (size_t i = 0; i < big; i++) {
		buf[i] = (char)((i * 7919u) >> 3);
	}
	letter_parse(buf, big, &l);
	letter_free(&l);
	letter_find_deadline(buf, big, &date);
	letter_deadline_release(&date);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 20.0);
	free(buf);
}

static void test_parse_nul_bytes(void **state)
{
	static const char text[] = "Số: 45/UBND\0-VX\nV/v họp\0\0 giao ban\n\n"
				   "Kính gửi: Văn\0phòng\n";
	struct letter l;

	(void)state;
	assert_true(letter_parse(text, sizeof(text) - 1, &l));
	assert_string_equal(l.number, "45/UBND");
	assert_string_equal(l.subject, "họp giao ban");
	assert_string_equal(l.recipients[0], "Văn phòng");
	letter_free(&l);
}

/* -------------------------------------------------------------- folding */

static void test_fold(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {"", ""},
	    {"ĐỒNG Ý", "dong y"},
	    {"Kính gửi", "kinh gui"},
	    {"Ki\xcc\x81nh gu\xcc\x9b\xcc\x89i", "kinh gui"}, /* NFD */
	    {"Độc lập – Tự do", "doc lap - tu do"},
	    {"A\r\nB\tC\xc2\xa0"
	     "D",
	     "a\nb\tc d"},
	    {"\xff"
	     "x",
	     "?x"},
	    {"Ư Ơ Ă Â Ê Ô đ", "u o a a e o d"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct text_folded ft;

		text_folded_init(&ft, cases[i].in, strlen(cases[i].in));
		assert_string_equal(ft.f, cases[i].out);
		assert_int_equal(ft.off[ft.len], strlen(cases[i].in));
		text_folded_release(&ft);
	}
}

static void test_fold_match(void **state)
{
	static const struct {
		const char *f, *pat;
		size_t end;
	} cases[] = {
	    {"so: 1", "so :", 3},
	    {"so  : 1", "so :", 5},
	    {"so 1", "so :", 0},
	    {"kinh gui:", "kinh gui :", 9},
	    {"kinhgui:", "kinh gui :", 8},
	    {"v/v x", "v / v", 3},
	    {"", "v / v", 0},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_int_equal(text_fold_match(cases[i].f, 0,
						 strlen(cases[i].f),
						 cases[i].pat),
				 cases[i].end);
	}
	assert_int_equal(text_fold_word("sohoa", 0, 5, "so"), 0);
	assert_int_equal(text_fold_word("truoc ngay", 0, 10, "truoc"), 5);
}

/* -------------------------------------------------------------- numbers */

static void test_number(void **state)
{
	static const struct {
		const char *in, *number, *symbol;
	} cases[] = {
	    {"Số: 2536/BCT-VP\n", "2536/BCT-VP", "BCT-VP"},
	    {"Số: 25 3 6 /BCT-VP\n", "2536/BCT-VP", "BCT-VP"},
	    {"Số: 12 / QĐ - BTC\n", "12/QĐ-BTC", "QĐ-BTC"},
	    {"Số : 123a/UBND-VP\n", "123a/UBND-VP", "UBND-VP"},
	    {"So: 45/UBND-VX\n", "45/UBND-VX", "UBND-VX"},
	    {"SỐ: 280/CĐ-TTg.\n", "280/CĐ-TTg", "CĐ-TTg"},
	    {"Số: 12/2023/TT-BTC\n", "12/2023/TT-BTC", "2023/TT-BTC"},
	    {"Số: 2536/BCT–VP\n", "2536/BCT-VP", "BCT-VP"},
	    {"   Số:\t1204/BTC-KHTC\tHà Nội, ngày 1/2/2026\n", "1204/BTC-KHTC",
	     "BTC-KHTC"},
	    {"Số: 1204/BTC-KHTC Hà Nội, ngày 12 tháng 3 năm 2026\n",
	     "1204/BTC-KHTC", "BTC-KHTC"},
	    {"Số:      /UBND-VP\n", NULL, "UBND-VP"},
	    {"Ghi chú\nSố: 7\nSố: 8/SNV-VP\n", "8/SNV-VP", "SNV-VP"},
	    /* the colon lost: a whole number and symbol only */
	    {"Số 1234/BTC-PC\n", "1234/BTC-PC", "BTC-PC"},
	    {"So 45 /SCT-QLTM Ha Noi, ngay 5 thang 3 nam 2026\n", "45/SCT-QLTM",
	     "SCT-QLTM"},
	    /* a PDF's columns glued together by text extraction */
	    {"Số: 12458/BTC-NSNNCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
	     "12458/BTC-NSNN", "BTC-NSNN"},
	    {"Số: 45/UBND-VXĐộc lập - Tự do - Hạnh phúc\n", "45/UBND-VX",
	     "UBND-VX"},
	    {"Số: 3456/UBND-KHHà Nội, ngày 03 tháng 12 năm 2026\n",
	     "3456/UBND-KH", "UBND-KH"},
	    {"Số: 280/CĐ-TTgHà Nội, ngày 3/12/2026\n", "280/CĐ-TTg", "CĐ-TTg"},
	    {"Số: 2345/UBND-TTg Quảng Nam, ngày 1/12/2026\n", "2345/UBND-TTg",
	     "UBND-TTg"},
	    {"Số: 2345/UBND-TTg\tQuảng Nam, ngày 1/12/2026\n", "2345/UBND-TTg",
	     "UBND-TTg"},
	    {"Số: 88/SCT-QLTMTP. Hồ Chí Minh, ngày 1/12/2026\n",
	     "88/SCT-QLTMTP", "SCT-QLTMTP"}, /* ambiguous: as it reads */
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct letter l;

		assert_true(parse_str(cases[i].in, &l));
		assert_str_or_null(l.number, cases[i].number, "number",
				   cases[i].in);
		assert_str_or_null(l.symbol, cases[i].symbol, "symbol",
				   cases[i].in);
		letter_free(&l);
	}
}

/* --------------------------------------------------------------- dates */

static void test_place_date(void **state)
{
	static const struct {
		const char *in, *date, *place;
	} cases[] = {
	    {"Hà Nội, ngày 27 tháng 4 năm 2023", "2023-04-27", "Hà Nội"},
	    {"Hà Nội, ngày 05 tháng 3 năm 2026", "2026-03-05", "Hà Nội"},
	    {"Dien Ban, ngay 5 thang 3 nam 2026", "2026-03-05", "Dien Ban"},
	    {"Hà Nội, 27/4/2023", "2023-04-27", "Hà Nội"},
	    {"ngày 27/4/2023", "2023-04-27", NULL},
	    {"TP. Hồ Chí Minh, ngày 6 tháng 1 năm 2026.", "2026-01-06",
	     "TP. Hồ Chí Minh"},
	    {"HÀ NỘI, NGÀY 29 THÁNG 2 NĂM 2024", "2024-02-29", "HÀ NỘI"},
	    {"Hà Nội, ngày 29 tháng 2 năm 2023", NULL, NULL},
	    {"Hà Nội, ngày 31/4/2023", NULL, NULL},
	    {"Hà Nội, ngày 27/13/2023", NULL, NULL},
	    {"Theo văn bản số 12/BTC, ngày 27/4/2023 của Bộ", NULL, NULL},
	    {"Theo văn bản số 12/BTC, ngày 27/4/2023", NULL, NULL},
	    /* capitalised words before the comma only beside a V/v */
	    {"Theo văn bản của UBND tỉnh Quảng Nam, ngày 27/4/2023", NULL,
	     NULL},
	    {"Thành phố Hồ Chí Minh, ngày 3 tháng 12 năm 2026", "2026-12-03",
	     "Thành phố Hồ Chí Minh"},
	    /* the day left blank for hand-filling: the place, no date */
	    {"Hà Nội, ngày      tháng 12 năm 2026", NULL, "Hà Nội"},
	    {"\tHà Nội, ngày ..... tháng ..... năm 2026", NULL, "Hà Nội"},
	    {"TP. Hồ Chí Minh, ngày   tháng   năm 2026", NULL,
	     "TP. Hồ Chí Minh"},
	    {"ngày      tháng 12 năm 2026", NULL, NULL},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *text = xasprintf("Số: 1/BTC-VP\n%s\n", cases[i].in);
		struct letter l;

		assert_true(parse_str(text, &l));
		assert_str_or_null(l.date, cases[i].date, "date", cases[i].in);
		assert_str_or_null(l.place, cases[i].place, "place",
				   cases[i].in);
		letter_free(&l);
		free(text);
	}
}

/* Columns flattened with single spaces, or glued by a PDF's text
 * extraction, put the place and date after the V/v's words: the place is
 * the capitalised words before the comma, and the subject stops there. */
static void test_flattened_place(void **state)
{
	static const struct {
		const char *vv, *next, *date, *place, *subject;
	} cases[] = {
	    {"góp ý dự thảo Nghị định sửa đổi, bổ sung",
	     "Nghị định số 15/2020/NĐ-CP Hà Nội, ngày 30 tháng 11 năm 2026",
	     "2026-11-30", "Hà Nội",
	     "góp ý dự thảo Nghị định sửa đổi, bổ sung Nghị định số "
	     "15/2020/NĐ-CP"},
	    {"tổ chức Tết Nguyên đán Nghệ An, ngày 04 tháng 12 năm 2026",
	     "Đinh Mùi năm 2027", "2026-12-04", "Nghệ An",
	     "tổ chức Tết Nguyên đán Đinh Mùi năm 2027"},
	    {"hướng dẫn khóa sổ kế toán",
	     "ngân sách nhà nước năm 2026Hà Nội, ngày 04 tháng 12 năm 2026",
	     "2026-12-04", "Hà Nội",
	     "hướng dẫn khóa sổ kế toán ngân sách nhà nước năm 2026"},
	    {"đôn đốc tiến độ các dự án nguồn điện",
	     "trọng điểmHà Giang, ngày 5/12/2026", "2026-12-05", "Hà Giang",
	     "đôn đốc tiến độ các dự án nguồn điện trọng điểm"},
	    {"mời họp công tác TP. Hồ Chí Minh, ngày 3/12/2026", "",
	     "2026-12-03", "TP. Hồ Chí Minh", "mời họp công tác"},
	    {"phòng chống bão Bà Rịa - Vũng Tàu, ngày 3/12/2026", "",
	     "2026-12-03", "Bà Rịa - Vũng Tàu", "phòng chống bão"},
	    {"đăng ký chỉ tiêu biên chế năm 2027",
	     "\tHà Nội, ngày      tháng 12 năm 2026", NULL, "Hà Nội",
	     "đăng ký chỉ tiêu biên chế năm 2027"},
	    /* no capitalised word right before the comma: no place */
	    {"thực hiện Nghị định 15/2020/NĐ-CP, ngày 03/02/2020", "", NULL,
	     NULL, "thực hiện Nghị định 15/2020/NĐ-CP, ngày 03/02/2020"},
	    {"báo cáo Bộ Tài chính, ngày 5/12/2026", "", NULL, NULL,
	     "báo cáo Bộ Tài chính, ngày 5/12/2026"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *text = xasprintf("BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA "
				       "VIỆT NAM\nSố: 1/BTC-VP\nV/v %s\n%s\n\n"
				       "Kính gửi: Bộ Công Thương\n",
				       cases[i].vv, cases[i].next);
		struct letter l;

		assert_true(parse_str(text, &l));
		assert_str_or_null(l.date, cases[i].date, "date", text);
		assert_str_or_null(l.place, cases[i].place, "place", text);
		assert_str_or_null(l.subject, cases[i].subject, "subject",
				   text);
		assert_str_or_null(l.issuer, "BỘ TÀI CHÍNH", "issuer", text);
		letter_free(&l);
		free(text);
	}
}

/* A body and the one under it that issues the letter: the symbol says
 * which issues it. */
static void test_issuer_under_body(void **state)
{
	static const struct {
		const char *head, *number, *issuer;
	} cases[] = {
	    {"UBND TỈNH NGHỆ AN\nSỞ CÔNG THƯƠNG\n", "1234/SCT-QLTM",
	     "SỞ CÔNG THƯƠNG (UBND TỈNH NGHỆ AN)"},
	    {"ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM\nSỞ TÀI CHÍNH\n", "88/STC-NS",
	     "SỞ TÀI CHÍNH (ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM)"},
	    {"BỘ CÔNG THƯƠNG\nCỤC QUẢN LÝ THỊ TRƯỜNG\n", "12/QLTT-VP",
	     "CỤC QUẢN LÝ THỊ TRƯỜNG (BỘ CÔNG THƯƠNG)"},
	    {"BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\n", "5/QĐ-TCT",
	     "TỔNG CỤC THUẾ (BỘ TÀI CHÍNH)"},
	    /* the ministry issues, its unit drafted: the ministry */
	    {"BỘ TÀI CHÍNH\nVỤ KẾ HOẠCH - TÀI CHÍNH\n", "1204/BTC-KHTC",
	     "BỘ TÀI CHÍNH"},
	    {"UBND TỈNH NGHỆ AN\nSỞ CÔNG THƯƠNG\n", "77/UBND-KT",
	     "UBND TỈNH NGHỆ AN"},
	    /* a symbol that names neither: the body above, as before */
	    {"UBND TỈNH NGHỆ AN\nSỞ CÔNG THƯƠNG\n", "15/BC",
	     "UBND TỈNH NGHỆ AN"},
	    {"SỞ CÔNG THƯƠNG\n", "1234/SCT-QLTM", "SỞ CÔNG THƯƠNG"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *text = xasprintf("%sSố: %s\nNghệ An, ngày 1/12/2026\n"
				       "V/v báo cáo\n",
				       cases[i].head, cases[i].number);
		struct letter l;

		assert_true(parse_str(text, &l));
		assert_str_or_null(l.issuer, cases[i].issuer, "issuer", text);
		letter_free(&l);
		free(text);
	}
}

/* The issuer's name over two lines, and the title of a document that has
 * no V/v ("THÔNG TƯ" / "Quy định ..."). */
static void test_issuer_and_title(void **state)
{
	static const struct {
		const char *head, *issuer, *subject;
	} cases[] = {
	    {"TẬP ĐOÀN ĐIỆN LỰC\nVIỆT NAM\n", "TẬP ĐOÀN ĐIỆN LỰC VIỆT NAM",
	     NULL},
	    {"BỘ NÔNG NGHIỆP\nVÀ PHÁT TRIỂN NÔNG THÔN\n",
	     "BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", NULL},
	    {"BỘ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI\n",
	     "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", NULL},
	    {"ĐẠI SỨ QUÁN VIỆT NAM\nTẠI CỘNG HÒA LIÊN BANG ĐỨC\n",
	     "ĐẠI SỨ QUÁN VIỆT NAM TẠI CỘNG HÒA LIÊN BANG ĐỨC", NULL},
	    {"ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\n",
	     "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH", NULL},
	    /* a unit under its ministry is not part of its name */
	    {"BỘ TÀI CHÍNH\nVỤ NGÂN SÁCH NHÀ NƯỚC\n", "BỘ TÀI CHÍNH", NULL},
	};
	static const struct {
		const char *body, *subject;
	} titles[] = {
	    {"THÔNG TƯ\nQuy định chế độ báo cáo tài chính\ncủa doanh nghiệp "
	     "nhà nước\n\nCăn cứ Luật Kế toán;\n",
	     "Quy định chế độ báo cáo tài chính của doanh nghiệp nhà nước"},
	    {"KẾ HOẠCH\nTriển khai chuyển đổi số năm 2027\n\n",
	     "Triển khai chuyển đổi số năm 2027"},
	    {"QUYẾT ĐỊNH\nVề việc phê duyệt Đề án\n\n", "phê duyệt Đề án"},
	    /* the preamble, a line apart, or sentence case above: no title */
	    {"THÔNG BÁO\nCăn cứ Quy chế làm việc của Bộ;\n", NULL},
	    {"THÔNG TƯ\n\nQuy định chế độ báo cáo\n", NULL},
	    {"Thông tư\nQuy định chế độ báo cáo\n", NULL},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *text = xasprintf("%sSố: 7/CV-X\nHà Nội, ngày 1/12/2026\n",
				       cases[i].head);
		struct letter l;

		assert_true(parse_str(text, &l));
		assert_str_or_null(l.issuer, cases[i].issuer, "issuer", text);
		letter_free(&l);
		free(text);
	}
	for (size_t i = 0; i < ARRAY_SIZE(titles); i++) {
		char *text = xasprintf("BỘ TÀI CHÍNH\nSố: 45/2026/TT-BTC\nHà "
				       "Nội, ngày 30 tháng 11 năm 2026\n\n%s",
				       titles[i].body);
		struct letter l;

		assert_true(parse_str(text, &l));
		assert_str_or_null(l.subject, titles[i].subject, "subject",
				   text);
		letter_free(&l);
		free(text);
	}
}

/* Signature blocks: family names that are also words, and the block
 * flattened beside "Nơi nhận" (the title after the items' ';'). */
static void test_signature_blocks(void **state)
{
	static const struct {
		const char *tail, *signer, *title, *dist[4];
	} cases[] = {
	    {"Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. TỔNG KIỂM TOÁN\n"
	     "PHÓ TỔNG KIỂM TOÁN\n\nĐoàn Xuân Tiên\n",
	     "Đoàn Xuân Tiên",
	     "KT. TỔNG KIỂM TOÁN - PHÓ TỔNG KIỂM TOÁN",
	     {"Như trên", "Lưu: VT"}},
	    {"Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nLưu Quang "
	     "Huy\n",
	     "Lưu Quang Huy",
	     "GIÁM ĐỐC",
	     {"Như trên", "Lưu: VT"}},
	    {"Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như trên; KT. CHỦ TỊCH\n- TT "
	     "Tỉnh ủy (b/c); PHÓ CHỦ TỊCH\n- Lưu: VT, KT.\nBùi Đình Long\n",
	     "Bùi Đình Long",
	     "TM. ỦY BAN NHÂN DÂN - KT. CHỦ TỊCH - PHÓ CHỦ TỊCH",
	     {"Như trên", "TT Tỉnh ủy (b/c)", "Lưu: VT, KT"}},
	    /* one word in capitals after ';' is the item's */
	    {"Nơi nhận:\n- Như trên;\n- Lưu: VT; VP.\n\nBỘ TRƯỞNG\n\n"
	     "Nguyễn Hồng Diên\n",
	     "Nguyễn Hồng Diên",
	     "BỘ TRƯỞNG",
	     {"Như trên", "Lưu: VT; VP"}},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *text = xasprintf("Số: 7/BCT-VP\nV/v họp\n\nKính gửi: Vụ "
				       "Pháp chế\n\nNội dung.\n\n%s",
				       cases[i].tail);
		struct letter l;

		assert_true(parse_str(text, &l));
		assert_str_or_null(l.signer, cases[i].signer, "signer", text);
		assert_str_or_null(l.signer_title, cases[i].title, "title",
				   text);
		assert_list(l.distribution, cases[i].dist, "distribution",
			    text);
		letter_free(&l);
		free(text);
	}
}

/* ------------------------------------------------------------ deadlines */

#define DATE    LETTER_DEADLINE_DATE
#define MONTH   LETTER_DEADLINE_MONTH
#define WORKING LETTER_DEADLINE_WORKING_DAYS
#define DAYS    LETTER_DEADLINE_DAYS
#define NONE    LETTER_DEADLINE_NONE

/* The forms letters state deadlines in: the kind, the date or the number
 * of days, whether counted from the letter's date, and the phrase. */
static const struct {
	const char *in;
	enum letter_deadline_kind kind;
	const char *date;
	int days;
	bool from_issue;
	const char *phrase;
} deadline_cases[] = {
    {"", NONE, NULL, 0, false, NULL},
    /* dated */
    {"trước ngày 20/5/2026", DATE, "2026-05-20", 0, false,
     "trước ngày 20/5/2026"},
    {"gửi về Bộ chậm nhất ngày 15 tháng 5 năm 2026.", DATE, "2026-05-15", 0,
     false, "chậm nhất ngày 15 tháng 5 năm 2026"},
    {"Hạn chót: 30/6/2026", DATE, "2026-06-30", 0, false,
     "Hạn chót: 30/6/2026"},
    {"trước 17h00 ngày 10/12/2026", DATE, "2026-12-10", 0, false,
     "trước 17h00 ngày 10/12/2026"},
    {"trước 17 giờ 30 phút, ngày 1/7/2026", DATE, "2026-07-01", 0, false,
     "trước 17 giờ 30 phút, ngày 1/7/2026"},
    {"Báo cáo gửi về Văn phòng Bộ trước 16 giờ ngày 20/10/2026.", DATE,
     "2026-10-20", 0, false, "trước 16 giờ ngày 20/10/2026"},
    {"không muộn hơn ngày 05/06/2026", DATE, "2026-06-05", 0, false,
     "không muộn hơn ngày 05/06/2026"},
    {"Thời hạn nộp báo cáo: ngày 3/8/2026", DATE, "2026-08-03", 0, false,
     "Thời hạn nộp báo cáo: ngày 3/8/2026"},
    {"chậm nhất là ngày 20/7/2026", DATE, "2026-07-20", 0, false,
     "chậm nhất là ngày 20/7/2026"},
    {"truoc ngay 20/5/2026", DATE, "2026-05-20", 0, false,
     "truoc ngay 20/5/2026"},
    {"TRƯỚC NGÀY 20/5/2026", DATE, "2026-05-20", 0, false,
     "TRƯỚC NGÀY 20/5/2026"},
    {"tru\xcc\x9bo\xcc\x9b\xcc\x81\x63 nga\xcc\x80y 20/5/2026", DATE,
     "2026-05-20", 0, false, "trước ngày 20/5/2026"},
    {"báo cáo trước\nngày 20/5/2026", DATE, "2026-05-20", 0, false,
     "trước ngày 20/5/2026"},
    {"gửi ý kiến trước thứ Hai, ngày 14/12/2026.", DATE, "2026-12-14", 0, false,
     "trước thứ Hai, ngày 14/12/2026"},
    {"trước thứ 6 ngày 18/12/2026", DATE, "2026-12-18", 0, false,
     "trước thứ 6 ngày 18/12/2026"},
    {"chậm nhất vào Chủ nhật, ngày 20/12/2026", DATE, "2026-12-20", 0, false,
     "chậm nhất vào Chủ nhật, ngày 20/12/2026"},
    {"gửi về Kho bạc chậm nhất đến hết ngày 25/12/2026.", DATE, "2026-12-25", 0,
     false, "chậm nhất đến hết ngày 25/12/2026"},
    {"Hạn đăng ký: 20/12/2026.", DATE, "2026-12-20", 0, false,
     "Hạn đăng ký: 20/12/2026"},
    {"Hạn chót nộp hồ sơ là 17h00 ngày 20/12/2026.", DATE, "2026-12-20", 0,
     false, "Hạn chót nộp hồ sơ là 17h00 ngày 20/12/2026"},
    /* up to six words between "hạn" and its date */
    {"đồng ý gia hạn thời gian nộp báo cáo đến ngày 31/12/2026", DATE,
     "2026-12-31", 0, false, "hạn thời gian nộp báo cáo đến ngày 31/12/2026"},
    {"Thời hạn gửi báo cáo về Bộ: ngày 18/12/2026", DATE, "2026-12-18", 0,
     false, "Thời hạn gửi báo cáo về Bộ: ngày 18/12/2026"},
    /* the term something is valid for is no deadline to act by */
    {"Giấy phép có thời hạn đến ngày 31/12/2027.", NONE, NULL, 0, false, NULL},
    {"Giấy phép có thời hạn đến ngày 31/12/2027. Gửi đề xuất trước ngày "
     "21/12/2026.",
     DATE, "2026-12-21", 0, false, "trước ngày 21/12/2026"},
    {"giấy chứng nhận còn hạn đến ngày 30/6/2027", NONE, NULL, 0, false, NULL},
    {"hợp đồng hết hạn ngày 31/12/2026", NONE, NULL, 0, false, NULL},
    {"thời hạn sử dụng đến ngày 31/12/2027", NONE, NULL, 0, false, NULL},
    {"thời hạn hợp đồng: ngày 31/12/2027", NONE, NULL, 0, false, NULL},
    /* "trước hết" (first of all) is not "đến hết" */
    {"Trước hết, ngày 10/12/2026 Bộ tổ chức hội nghị.", NONE, NULL, 0, false,
     NULL},
    /* a day named after "trong": a deadline, or the day of an event
     * ("trong ngày 15/12/2026, Bộ tổ chức hội nghị"): none is read */
    {"gửi danh sách trong ngày 08/12/2026", NONE, NULL, 0, false, NULL},
    /* a month, a quarter: the last day */
    {"Đề nghị các đơn vị hoàn thành trong tháng 10/2026.", MONTH, "2026-10-31",
     0, false, "trong tháng 10/2026"},
    {"trong tháng 02 năm 2028", MONTH, "2028-02-29", 0, false,
     "trong tháng 02 năm 2028"},
    {"tổ chức thực hiện trong Quý IV/2026", MONTH, "2026-12-31", 0, false,
     "trong Quý IV/2026"},
    {"chậm nhất trong tháng 6/2026", MONTH, "2026-06-30", 0, false,
     "chậm nhất trong tháng 6/2026"},
    /* relative: working days */
    {"Đề nghị Quý cơ quan trả lời trong 5 ngày làm việc kể từ ngày nhận "
     "được văn bản này.",
     WORKING, NULL, 5, false, "trong 5 ngày làm việc kể từ ngày nhận được"},
    {"trong thời hạn 05 (năm) ngày làm việc, kể từ ngày nhận văn bản", WORKING,
     NULL, 5, false, "trong thời hạn 05 (năm) ngày làm việc, kể từ ngày nhận"},
    {"trong vòng 10 ngày làm việc", WORKING, NULL, 10, false,
     "trong vòng 10 ngày làm việc"},
    {"Thời hạn trả lời: 07 ngày làm việc.", WORKING, NULL, 7, false,
     "Thời hạn trả lời: 07 ngày làm việc"},
    {"trong 3 ngày làm việc kể từ ngày ký", WORKING, NULL, 3, true,
     "trong 3 ngày làm việc kể từ ngày ký"},
    {"trong 5 ngay lam viec ke tu ngay nhan", WORKING, NULL, 5, false,
     "trong 5 ngay lam viec ke tu ngay nhan"},
    /* relative: calendar days */
    {"trong thời hạn 10 ngày", DAYS, NULL, 10, false, "trong thời hạn 10 ngày"},
    {"chậm nhất sau 07 ngày kể từ ngày ban hành công văn này", DAYS, NULL, 7,
     true, "chậm nhất sau 07 ngày kể từ ngày ban hành"},
    {"không quá 15 ngày", DAYS, NULL, 15, false, "không quá 15 ngày"},
    {"Đề nghị gửi ý kiến trong 10 ngày, kể từ ngày nhận.", DAYS, NULL, 10,
     false, "trong 10 ngày, kể từ ngày nhận"},
    /* no deadline */
    {"Công điện số 280/CĐ-TTg ngày 19/4/2023", NONE, NULL, 0, false, NULL},
    {"số liệu tính đến hết ngày 31/3/2026", NONE, NULL, 0, false, NULL},
    {"trước đây, ngày 5/5/2026", NONE, NULL, 0, false, NULL},
    {"trước ngày 31/2/2026", NONE, NULL, 0, false, NULL},
    {"trước ngày 120/5/2026", NONE, NULL, 0, false, NULL},
    {"trước ngày 20/5/20266", NONE, NULL, 0, false, NULL},
    {"trả lời đúng thời hạn, chính kiến rõ ràng ngày 1/1/2026", NONE, NULL, 0,
     false, NULL},
    {"Thời gian: 15 giờ 00, ngày 17/01/2026.", NONE, NULL, 0, false, NULL},
    {"trong 5 ngày qua, các đơn vị đã", NONE, NULL, 0, false, NULL},
    {"trong 0 ngày", NONE, NULL, 0, false, NULL},
    {"trong 1000 ngày", NONE, NULL, 0, false, NULL},
    {"trong tháng 13/2026", NONE, NULL, 0, false, NULL},
    {"trong tháng 10", NONE, NULL, 0, false, NULL},
    {"trong năm 2026", NONE, NULL, 0, false, NULL},
    {"trong 5 năm tới", NONE, NULL, 0, false, NULL},
    /* no year, and no letter's date to take it from */
    {"trước ngày 15/12", NONE, NULL, 0, false, NULL},
};

/* A deadline without its year takes it from the letter's date: the first
 * such day after it, within half a year. */
static void test_yearless_deadline(void **state)
{
	static const struct {
		const char *date, *sentence, *deadline;
	} cases[] = {
	    {"ngày 04 tháng 12 năm 2026",
	     "Đề nghị các đơn vị gửi ý kiến trước ngày 15/12 để tổng hợp.",
	     "2026-12-15"},
	    {"ngày 20 tháng 12 năm 2026",
	     "Đề nghị gửi báo cáo chậm nhất ngày 15/01.", "2027-01-15"},
	    {"ngày 20 tháng 12 năm 2026",
	     "Ý kiến gửi về trước thứ Sáu, ngày 8 tháng 1.", "2027-01-08"},
	    {"ngày 04 tháng 12 năm 2026",
	     "Đề nghị gửi trước 16h00 ngày 10-12 để kịp tổng hợp.",
	     "2026-12-10"},
	    /* a day before the letter, a year on: no deadline read */
	    {"ngày 04 tháng 12 năm 2026",
	     "Thực hiện Kế hoạch, trước ngày 01/12 các đơn vị đã báo cáo.",
	     NULL},
	    /* more than half a year on */
	    {"ngày 04 tháng 12 năm 2026", "Hạn chót: 30/6 hằng năm.", NULL},
	    /* not a date: a year of two digits, a day that is none */
	    {"ngày 04 tháng 12 năm 2026", "Hạn: trước ngày 15/12/26.", NULL},
	    {"ngày 04 tháng 12 năm 2026", "trước ngày 31/2 hoặc sớm hơn.",
	     NULL},
	    /* with the year, as before */
	    {"ngày 04 tháng 12 năm 2026", "trước ngày 15/12/2027.",
	     "2027-12-15"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *text = xasprintf(
		    "BỘ TÀI CHÍNH\nSố: 1201/BTC-PC\nV/v góp ý dự thảo Thông "
		    "tư\n\nHà Nội, %s\n\nKính gửi: Bộ Công Thương\n\nBộ Tài "
		    "chính xây dựng dự thảo Thông tư. %s\n\nNơi nhận:\n- "
		    "Như trên;\n- Lưu: VT, PC.\n\nKT. BỘ TRƯỞNG\nTHỨ "
		    "TRƯỞNG\n\nNguyễn Văn Thắng\n",
		    cases[i].date, cases[i].sentence);
		struct letter l;

		assert_true(letter_parse(text, strlen(text), &l));
		assert_str_or_null(l.deadline, cases[i].deadline, "deadline",
				   cases[i].sentence);
		letter_free(&l);
		free(text);
	}
}

static void test_find_deadline(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(deadline_cases); i++) {
		struct letter_deadline d;
		bool found = letter_find_deadline(
		    deadline_cases[i].in, strlen(deadline_cases[i].in), &d);

		if (d.kind != deadline_cases[i].kind) {
			print_error("%s: kind %d\n", deadline_cases[i].in,
				    (int)d.kind);
		}
		assert_int_equal(found, deadline_cases[i].kind != NONE);
		assert_int_equal(d.kind, deadline_cases[i].kind);
		assert_str_or_null(d.date[0] ? d.date : NULL,
				   deadline_cases[i].date, "date",
				   deadline_cases[i].in);
		assert_int_equal(d.days, deadline_cases[i].days);
		assert_int_equal(d.from_issue, deadline_cases[i].from_issue);
		assert_str_or_null(d.phrase, deadline_cases[i].phrase, "phrase",
				   deadline_cases[i].in);
		letter_deadline_release(&d);
		assert_null(d.phrase);
	}
	assert_false(
	    letter_find_deadline(NULL, 0, &(struct letter_deadline){0}));
	assert_null(letter_deadline_kind_name(NONE));
	assert_string_equal(letter_deadline_kind_name(WORKING), "working_days");
	assert_string_equal(letter_deadline_kind_name(DAYS), "days");
	assert_string_equal(letter_deadline_kind_name(DATE), "date");
	assert_string_equal(letter_deadline_kind_name(MONTH), "month");
}

/* ------------------------------------------------------- covering mail */

static void test_parse_cover(void **state)
{
	static const char *const scan[] = {"scan0001.pdf", NULL};
	const struct {
		const char *subject, *body;
		const char *const *names;
		const char *number, *date;
	} cases[] = {
	    {"Gửi công văn số 88/SCT-QLTM", "", scan, "88/SCT-QLTM", NULL},
	    {"Gửi công văn số 88/SCT-QLTM ngày 15/10/2026", NULL, NULL,
	     "88/SCT-QLTM", "2026-10-15"},
	    {"Fwd: CV số 1201/BCT-TMĐT", NULL, NULL, "1201/BCT-TMĐT", NULL},
	    {"Gui cong van so 88/SCT-QLTM", NULL, NULL, "88/SCT-QLTM", NULL},
	    {"Gửi văn bản",
	     "Kính gửi Bộ Công Thương,\nSở Công Thương Lào Cai gửi kèm theo "
	     "Công văn số 88/SCT-QLTM của Sở Công Thương ngày 15 tháng 10 năm "
	     "2026 về việc phối hợp tổ chức hội chợ.\nTrân trọng.",
	     scan, "88/SCT-QLTM", "2026-10-15"},
	    /* the number in the subject, the date in the body */
	    {"V/v công văn số 88/SCT-QLTM",
	     "Sở gửi công văn số 88/SCT-QLTM ngày 15/10/2026.", NULL,
	     "88/SCT-QLTM", "2026-10-15"},
	    /* file names */
	    {"Gửi văn bản", "Kính gửi Văn phòng Bộ.",
	     (const char *const[]){"CV 88-SCT-QLTM.pdf", NULL}, "88/SCT-QLTM",
	     NULL},
	    {"", NULL,
	     (const char *const[]){"scan.jpg", "88_SCT-QLTM_15.10.2026.pdf",
				   NULL},
	     "88/SCT-QLTM", "2026-10-15"},
	    {NULL, NULL, (const char *const[]){"CV_45_UBND.pdf", NULL},
	     "45/UBND", NULL},
	    {NULL, NULL, (const char *const[]){"Số 12-QĐ-BTC.docx", NULL},
	     "12/QĐ-BTC", NULL},
	    /* nothing that names a letter */
	    {"Gửi văn bản", "Đề nghị xem tệp gửi kèm.", scan, NULL, NULL},
	    {"Báo cáo số liệu quý III", "Số lượng: 25/30 đơn vị.",
	     (const char *const[]){"IMG_2026-ABC.jpg", "20261015.pdf", NULL},
	     NULL, NULL},
	    {"Lịch họp ngày 15/10/2026", NULL, NULL, NULL, NULL},
	    {"Thời hạn nộp báo cáo/2026", NULL, NULL, NULL, NULL}, /* fuzz */
	    {NULL, NULL, NULL, NULL, NULL},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct letter l;
		const char *body = cases[i].body;
		bool found = letter_parse_cover(cases[i].subject, body,
						body ? strlen(body) : 0,
						cases[i].names, &l);
		const char *what = cases[i].subject ? cases[i].subject : "-";

		if (found != (cases[i].number != NULL)) {
			print_error("case %zu: %s\n", i,
				    l.number ? l.number : "none");
		}

		assert_int_equal(found, cases[i].number != NULL);
		assert_str_or_null(l.number, cases[i].number, "number", what);
		assert_str_or_null(l.date, cases[i].date, "date", what);
		assert_non_null(l.recipients);
		letter_free(&l);
	}
}

/* The letter's own date and dates before it are no deadline. */
static void test_deadline_not_own_date(void **state)
{
	struct letter l;

	(void)state;
	assert_true(parse_str("Số: 1/BTC-VP\nHà Nội, ngày 20 tháng 5 năm 2026\n"
			      "\nBáo cáo trước ngày 20/5/2026; trước ngày "
			      "1/5/2026; trước ngày 1/6/2026.\n",
			      &l));
	assert_string_equal(l.deadline, "2026-06-01");
	letter_free(&l);
}

/* ------------------------------------------------------------- fixtures */

static const struct expect fixtures[] = {
    {"2536-BCT-VP.txt",
     true,
     "2536/BCT-VP",
     NULL,
     "BCT-VP",
     "2023-04-27",
     "Hà Nội",
     "triển khai Công điện số 280/CĐ-TTg ngày 19/4/2023 của Thủ tướng Chính "
     "phủ về việc chấn chỉnh, tăng cường trách nhiệm trong xử lý công việc "
     "của các Bộ, cơ quan, địa phương",
     {"Các đơn vị thuộc Bộ"},
     {"Bộ trưởng và các Thứ trưởng", "Các đơn vị thuộc Bộ (để thực hiện)",
      "Văn phòng Chính phủ, Bộ Nội vụ (để biết)", "Cổng Thông tin điện tử Bộ",
      "Lưu: VT, VP (TKTH)"},
     "Nguyễn Hồng Diên",
     NULL,
     NULL},
    {"1204-BTC-KHTC.txt",
     true,
     "1204/BTC-KHTC",
     "BỘ TÀI CHÍNH",
     "BTC-KHTC",
     "2026-11-23",
     "Hà Nội",
     "báo cáo tình hình thực hiện dự toán ngân sách nhà nước quý IV năm 2026",
     {"Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ"},
     {"Như trên", "Bộ trưởng (để b/c)", "Vụ Ngân sách nhà nước",
      "Lưu: VT, KHTC"},
     "Võ Thành Hưng",
     "KT. BỘ TRƯỞNG - THỨ TRƯỞNG",
     "2026-12-10"},
    {"12-QD-BTC.txt",
     true,
     "12/QĐ-BTC",
     "BỘ TÀI CHÍNH",
     "QĐ-BTC",
     "2026-01-05",
     "Hà Nội",
     "ban hành Quy chế quản lý văn bản điện tử tại cơ quan Bộ Tài chính",
     {NULL},
     {"Như Điều 3", "Lãnh đạo Bộ", "Lưu: VT, VP"},
     "Nguyễn Đức Chi",
     "KT. BỘ TRƯỞNG - THỨ TRƯỞNG",
     NULL},
    {"789-UBND-KTN.txt",
     true,
     "789/UBND-KTN",
     "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM",
     "UBND-KTN",
     "2026-03-05",
     "Quảng Nam",
     "triển khai các biện pháp cấp bách phòng, chống hạn hán, xâm nhập mặn "
     "năm 2026",
     {"Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài chính",
      "UBND các huyện, thị xã, thành phố"},
     {"Như trên", "TT Tỉnh ủy, TT HĐND tỉnh (b/c)", "CT, các PCT UBND tỉnh",
      "Lưu: VT, KTN"},
     "Trần Anh Tuấn",
     "TM. ỦY BAN NHÂN DÂN - KT. CHỦ TỊCH - PHÓ CHỦ TỊCH",
     "2026-03-25"},
    {"1856-BNV-TCBC.txt",
     true,
     "1856/BNV-TCBC",
     "BỘ NỘI VỤ",
     "BNV-TCBC",
     "2023-04-27",
     "Hà Nội",
     "đăng ký nhu cầu đào tạo, bồi dưỡng cán bộ, công chức năm 2023",
     {"Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ"},
     {"Như trên", "Lưu: VT, TCBC"},
     "Phạm Minh Hùng",
     "TL. BỘ TRƯỞNG - VỤ TRƯỞNG VỤ TỔ CHỨC - BIÊN CHẾ",
     "2023-05-15"},
    {"2281-STC-QLNS.txt",
     true,
     "2281/STC-QLNS",
     "SỞ TÀI CHÍNH (UBND THÀNH PHỐ ĐÀ NẴNG)",
     "STC-QLNS",
     "2026-03-12",
     "Đà Nẵng",
     "hướng dẫn lập dự toán ngân sách nhà nước năm 2027",
     {"Các sở, ban, ngành thuộc thành phố"},
     {"Như trên", "UBND thành phố (để b/c)", "Lưu: VT, QLNS"},
     "Lê Thị Thu Hằng",
     "GIÁM ĐỐC",
     "2026-07-20"},
    {"3012-BCT-KH.txt",
     true,
     "3012/BCT-KH",
     "BỘ CÔNG THƯƠNG",
     "BCT-KH",
     "2025-06-02",
     "Hà Nội",
     "cung cấp số liệu phục vụ xây dựng kế hoạch phát triển kinh tế - xã hội "
     "5 năm 2026-2030",
     {"Bộ Kế hoạch và Đầu tư", "Bộ Tài chính",
      "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
      "Tập đoàn Điện lực Việt Nam"},
     {"Như trên", "Bộ trưởng (để b/c)", "Lưu: VT, KH"},
     "Nguyễn Sinh Nhật Tân",
     "KT. BỘ TRƯỞNG - THỨ TRƯỞNG",
     NULL},
    {"1532-BTP-PC.txt",
     true,
     "1532/BTP-PC",
     "BỘ TƯ PHÁP",
     "BTP-PC",
     "2026-04-28",
     "Hà Nội",
     "góp ý dự thảo Thông tư quy định về quản lý tài sản công",
     {"Bộ Công Thương"},
     {"Như trên", "Thứ trưởng Nguyễn Thanh Tịnh (để b/c)", "Lưu: VT, PC"},
     "Đỗ Thị Mai Hương",
     "TL. BỘ TRƯỞNG - VỤ TRƯỞNG VỤ PHÁP CHẾ",
     "2026-05-20"},
    {"456-TCTK-TKTH.txt",
     true,
     "456/TCTK-TKTH",
     "TỔNG CỤC THỐNG KÊ",
     "TCTK-TKTH",
     "2026-04-16",
     "Hà Nội",
     "thực hiện chế độ báo cáo thống kê quý I năm 2026",
     {"Cục Thống kê các tỉnh, thành phố trực thuộc Trung ương"},
     {"Như trên", "Lãnh đạo Tổng cục", "Lưu: VT, TKTH"},
     "Nguyễn Trung Tiến",
     "KT. TỔNG CỤC TRƯỞNG - PHÓ TỔNG CỤC TRƯỞNG",
     "2026-05-15"},
    {"45-UBND-VX.txt",
     true,
     "45/UBND-VX",
     "UY BAN NHAN DAN HUYEN DIEN BAN",
     "UBND-VX",
     "2026-03-05",
     "Dien Ban",
     "to chuc cac hoat dong ky niem ngay Quoc te Phu nu 8/3",
     {"Phong Van hoa va Thong tin huyen", "UBND cac xa, thi tran"},
     {"Nhu tren", "Luu: VT"},
     "Tran Van Binh",
     "TM. UY BAN NHAN DAN - CHU TICH",
     "2026-03-20"},
    /* congvan-reader's text of a PDF exported from Word: the columns
     * glued ("NSNNCỘNG", "2026Hà Nội") */
    {"12458-BTC-NSNN.txt",
     true,
     "12458/BTC-NSNN",
     "BỘ TÀI CHÍNH",
     "BTC-NSNN",
     "2026-12-04",
     "Hà Nội",
     "hướng dẫn khóa sổ kế toán ngân sách nhà nước năm 2026",
     {"Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ"},
     {"Như trên", "Bộ trưởng (để b/c)", "Lưu: VT, VP"},
     "Võ Thành Hưng",
     "KT. BỘ TRƯỞNG - THỨ TRƯỞNG",
     "2027-01-20"},
    /* both columns flattened with single spaces, the header's and the
     * signature block's */
    {"889-UBND-KGVX.txt",
     true,
     "889/UBND-KGVX",
     "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN",
     "UBND-KGVX",
     "2026-12-04",
     "Nghệ An",
     "tổ chức Tết Nguyên đán Đinh Mùi năm 2027",
     {"Các sở, ban, ngành cấp tỉnh"},
     {"Như trên", "TT Tỉnh ủy, TT HĐND tỉnh (b/c)", "CT, các PCT UBND tỉnh",
      "Lưu: VT, KT"},
     "Bùi Đình Long",
     "TM. ỦY BAN NHÂN DÂN - KT. CHỦ TỊCH - PHÓ CHỦ TỊCH",
     "2026-12-20"},
    /* the number and the day left blank for hand-filling */
    {"BNV-TCBC-blank.txt",
     true,
     NULL,
     "BỘ NỘI VỤ",
     "BNV-TCBC",
     NULL,
     "Hà Nội",
     "đăng ký chỉ tiêu biên chế năm 2027",
     {"Các Bộ, cơ quan ngang Bộ"},
     {"Như trên", "Bộ trưởng (để b/c)", "Lưu: VT, VP"},
     "Trương Hải Long",
     "KT. BỘ TRƯỞNG - THỨ TRƯỞNG",
     NULL},
};

static void test_fixtures(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(fixtures); i++) {
		size_t len;
		char *text = read_fixture(fixtures[i].file, &len);
		struct letter l;

		assert_int_equal(letter_parse(text, len, &l), fixtures[i].ok);
		assert_letter(&l, &fixtures[i]);
		letter_free(&l);
		free(text);
	}
}

/* The same letters in NFD, and with CRLF line ends, read the same. */
static void test_fixtures_nfd_crlf(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(fixtures); i++) {
		size_t len;
		char *text = read_fixture(fixtures[i].file, &len);
		char *nfd =
		    (char *)utf8proc_NFD((const utf8proc_uint8_t *)text);
		struct sbuf crlf = SBUF_INIT(SIZE_MAX);
		struct letter l;

		assert_non_null(nfd);
		assert_int_equal(letter_parse(nfd, strlen(nfd), &l),
				 fixtures[i].ok);
		assert_letter(&l, &fixtures[i]);
		letter_free(&l);
		for (size_t k = 0; k < len; k++) {
			if (text[k] == '\n') {
				sbuf_addch(&crlf, '\r');
			}
			sbuf_addch(&crlf, text[k]);
		}
		assert_int_equal(letter_parse(crlf.buf, crlf.len, &l),
				 fixtures[i].ok);
		assert_letter(&l, &fixtures[i]);
		letter_free(&l);
		sbuf_release(&crlf);
		free(nfd);
		free(text);
	}
}

/* Letters longer than the windows: a long body between head and tail. */
static void test_long_letter(void **state)
{
	size_t len;
	char *text = read_fixture("1204-BTC-KHTC.txt", &len);
	const char *split = strstr(text, "Nội dung báo cáo");
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	struct letter l;

	(void)state;
	assert_non_null(split);
	sbuf_add(&sb, text, (size_t)(split - text));
	for (int i = 0; i < 4000; i++) {
		sbuf_adds(&sb, "Nội dung chi tiết theo phụ lục đính kèm, "
			       "đề nghị nghiên cứu kỹ.\n");
	}
	sbuf_adds(&sb, split);
	assert_true(letter_parse(sb.buf, sb.len, &l));
	assert_letter(&l, &fixtures[1]);
	letter_free(&l);
	sbuf_release(&sb);
	free(text);
}

/* The same Số line again after a forwarding note: the letter wins. */
static void test_forwarded_note(void **state)
{
	size_t len;
	char *text = read_fixture("1204-BTC-KHTC.txt", &len);
	char *fwd = xasprintf(
	    "Kính gửi Văn thư cơ quan,\n\nVụ Kế hoạch - Tài chính gửi kèm "
	    "theo đây Công văn số 1204/BTC-KHTC, đề nghị Quý cơ quan xem "
	    "xét.\n\nTrân trọng.\nHoàng Thị Mai\n\n-----\n\n%s",
	    text);
	struct letter l;

	(void)state;
	assert_true(parse_str(fwd, &l));
	assert_letter(&l, &fixtures[1]);
	letter_free(&l);
	free(fwd);
	free(text);
}

/* Two columns flattened with single spaces, as text extractors do. */
static void test_flattened_header(void **state)
{
	static const char text[] =
	    "BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
	    "VỤ KẾ HOẠCH - TÀI CHÍNH Độc lập - Tự do - Hạnh phúc\n"
	    "Số: 1204/BTC-KHTC Hà Nội, ngày 23 tháng 11 năm 2026\n"
	    "V/v báo cáo quý IV\n"
	    "Kính gửi:\tBộ Công Thương\n"
	    "Đề nghị báo cáo trước ngày 10/12/2026./.\n"
	    "Nơi nhận: KT. BỘ TRƯỞNG\n"
	    "- Lưu: VT, KHTC.\n"
	    "Nguyễn Văn An\n"
	    "Ký bởi: Bộ Tài chính\n"
	    "Thời gian ký: 23.11.2026 09:15:03 +07:00\n";
	struct letter l;

	(void)state;
	assert_true(parse_str(text, &l));
	assert_string_equal(l.issuer, "BỘ TÀI CHÍNH");
	assert_string_equal(l.number, "1204/BTC-KHTC");
	assert_string_equal(l.place, "Hà Nội");
	assert_string_equal(l.date, "2026-11-23");
	assert_string_equal(l.subject, "báo cáo quý IV");
	assert_string_equal(l.recipients[0], "Bộ Công Thương");
	assert_string_equal(l.distribution[0], "Lưu: VT, KHTC");
	assert_null(l.distribution[1]);
	assert_string_equal(l.signer, "Nguyễn Văn An");
	assert_string_equal(l.deadline, "2026-12-10");
	letter_free(&l);
}

/* ------------------------------------------------------------------ OCR */

/* What Tesseract (vie) makes of a scanned letter: the two header columns
 * merged line by line, and its typical errors: O for 0 and l or I for 1
 * in numbers, a mark dropped or misplaced ("So:", "S6:", "ngảy"), spaces
 * around the number's slash and dash, a stamp's letters beside the
 * signature.  The fields still come out. */
struct ocr_case {
	const char *name;
	const char *text;
	const char *number, *date, *subject, *signer;
};

#define OCR_HEAD                                                               \
	"BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"     \
	"VỤ KẾ HOẠCH - TÀI CHÍNH Độc lập - Tự do - Hạnh phúc\n\n"
#define OCR_TAIL                                                                                            \
	"\nKính gửi: - Văn phòng;\n- Vụ Pháp chế.\n\n"                                            \
	"Thực hiện chỉ đạo của Lãnh đạo Bộ, Vụ Kế hoạch - Tài chính đề nghị " \
	"Quý cơ quan gửi báo cáo trước ngày 20/12/2026.\n\n"                                      \
	"Nơi nhận: KT. BỘ TRƯỞNG\n- Như trên; THỨ TRƯỞNG\n\n"                                \
	"- Lưu: VT, KHTC.\n\nNguyễn Văn An\n"

static const struct ocr_case ocr_cases[] = {
    {"clean, columns merged",
     OCR_HEAD "Số: 1204/BTC-KHTC Hà Nội, ngày 23 tháng 11 năm 2026\n"
	      "V/v báo cáo tình hình thực hiện\nkế hoạch năm 2026\n" OCR_TAIL,
     "1204/BTC-KHTC", "2026-11-23",
     "báo cáo tình hình thực hiện kế hoạch năm 2026", "Nguyễn Văn An"},
    {"O for 0 in the number and the year",
     OCR_HEAD "Số: 12O4/BTC-KHTC Hà Nội, ngày 23 tháng 11 năm 2O26\n"
	      "V/v báo cáo quý IV\n" OCR_TAIL,
     "1204/BTC-KHTC", "2026-11-23", "báo cáo quý IV", "Nguyễn Văn An"},
    {"l and I for 1",
     OCR_HEAD "Số: l2O4/BTC-KHTC Hà Nội, ngày 2l tháng I1 năm 2026\n"
	      "V/v báo cáo quý IV\n" OCR_TAIL,
     "1204/BTC-KHTC", "2026-11-21", "báo cáo quý IV", "Nguyễn Văn An"},
    {"So: without its marks",
     OCR_HEAD "So: 45/UBND-VX Ha Noi, ngay 5 thang 3 nam 2026\n"
	      "V/v to chuc hoi nghi\n" OCR_TAIL,
     "45/UBND-VX", "2026-03-05", "to chuc hoi nghi", "Nguyễn Văn An"},
    {"S6: for Số:",
     OCR_HEAD "S6: 45/UBND-VX Hà Nội, ngày 5 tháng 3 năm 2026\n"
	      "V/v tổ chức hội nghị\n" OCR_TAIL,
     "45/UBND-VX", "2026-03-05", "tổ chức hội nghị", "Nguyễn Văn An"},
    {"Sổ: and misplaced marks in the date",
     OCR_HEAD "Sổ: 45/UBND-VX Hà Nội, ngảy 5 thảng 3 nằm 2026\n"
	      "V/v tổ chức hội nghị\n" OCR_TAIL,
     "45/UBND-VX", "2026-03-05", "tổ chức hội nghị", "Nguyễn Văn An"},
    {"spaces around slash and dash",
     OCR_HEAD "Số : 45 / UBND - VX Hà Nội, ngày 5 tháng 3 năm 2026\n"
	      "V/v tổ chức hội nghị\n" OCR_TAIL,
     "45/UBND-VX", "2026-03-05", "tổ chức hội nghị", "Nguyễn Văn An"},
    {"no space after the colon, a broken year",
     OCR_HEAD "Số:45/UBND-VX Hà Nội, ngày 05 tháng 03 năm 2 026\n"
	      "V/V tổ chức hội nghị\n" OCR_TAIL,
     "45/UBND-VX", "2026-03-05", "tổ chức hội nghị", "Nguyễn Văn An"},
    {"Đ kept in the symbol, the date on its own line",
     OCR_HEAD "Số: 12/QĐ-BTC\nHà Nội, ngày 1 tháng 12 năm 2026\n"
	      "V/v ban hành quy chế\n" OCR_TAIL,
     "12/QĐ-BTC", "2026-12-01", "ban hành quy chế", "Nguyễn Văn An"},
    {"a stamp's letters beside the signature",
     OCR_HEAD "Số: 1204/BTC-KHTC Hà Nội, ngày 23 tháng 11 năm 2026\n"
	      "V/v báo cáo quý IV\n"
	      "\nKính gửi: Vụ Pháp chế.\n\nĐề nghị báo cáo.\n\n"
	      "Nơi nhận: TL. BỘ TRƯỞNG\n- Như trên; VỤ TRƯỞNG\n"
	      "- Lưu: VT, KHTC. x/lujM\n\nTÀ\n\nPhan Thị Nam\n",
     "1204/BTC-KHTC", "2026-11-23", "báo cáo quý IV", "Phan Thị Nam"},
    {"an empty line inside the V/v, marks around the name",
     OCR_HEAD "Số: 575/BTP-PC Hà Nội, ngày 10 tháng 3 năm 2026\n"
	      "V/v tổ chức kiểm tra công tác đầu tư công\n\nquý II năm 2026\n"
	      "\nKính gửi: Vụ Pháp chế.\n\nĐề nghị báo cáo.\n\n"
	      "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như trên; ⁄ o _—K: CHỦ TỊCH\n\n"
	      "- Lưu: VT, VP. 2A\n\n` “Dương Thu Hải\n",
     "575/BTP-PC", "2026-03-10",
     "tổ chức kiểm tra công tác đầu tư công quý II năm 2026", "Dương Thu Hải"},
    {"V/ for V/v",
     OCR_HEAD "Số: 2571/SNV-CCVC TP. Hồ Chí Minh, ngày 11 tháng 7 năm 2026\n"
	      "V/ mời họp trực tuyến về thi đua, khen\nthưởng\n" OCR_TAIL,
     "2571/SNV-CCVC", "2026-07-11",
     "mời họp trực tuyến về thi đua, khen thưởng", "Nguyễn Văn An"},
    {"the next part after an empty line is not the subject",
     OCR_HEAD "Số: 575/BTP-PC Hà Nội, ngày 10 tháng 3 năm 2026\n"
	      "V/v tổ chức kiểm tra\n\nKính gửi: Vụ Pháp chế.\n\n"
	      "Đề nghị báo cáo.\n\nNguyễn Văn An\n",
     "575/BTP-PC", "2026-03-10", "tổ chức kiểm tra", "Nguyễn Văn An"},
};

static void test_ocr_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(ocr_cases); i++) {
		const struct ocr_case *c = &ocr_cases[i];
		struct letter l;

		print_message("case: %s\n", c->name);
		assert_true(parse_str(c->text, &l));
		assert_str_or_null(l.number, c->number, "number", c->name);
		assert_str_or_null(l.date, c->date, "date", c->name);
		assert_str_or_null(l.subject, c->subject, "subject", c->name);
		assert_str_or_null(l.signer, c->signer, "signer", c->name);
		letter_free(&l);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_null_empty),
	    cmocka_unit_test(test_parse_not_letters),
	    cmocka_unit_test(test_parse_two_parts),
	    cmocka_unit_test(test_parse_hostile),
	    cmocka_unit_test(test_parse_nul_bytes),
	    cmocka_unit_test(test_fold),
	    cmocka_unit_test(test_fold_match),
	    cmocka_unit_test(test_number),
	    cmocka_unit_test(test_place_date),
	    cmocka_unit_test(test_flattened_place),
	    cmocka_unit_test(test_issuer_and_title),
	    cmocka_unit_test(test_issuer_under_body),
	    cmocka_unit_test(test_signature_blocks),
	    cmocka_unit_test(test_find_deadline),
	    cmocka_unit_test(test_yearless_deadline),
	    cmocka_unit_test(test_parse_cover),
	    cmocka_unit_test(test_deadline_not_own_date),
	    cmocka_unit_test(test_fixtures),
	    cmocka_unit_test(test_fixtures_nfd_crlf),
	    cmocka_unit_test(test_long_letter),
	    cmocka_unit_test(test_forwarded_note),
	    cmocka_unit_test(test_flattened_header),
	    cmocka_unit_test(test_ocr_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
