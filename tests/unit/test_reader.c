/* Unit tests for the reader module's pure parts: the parser of
 * congvan-reader's result (untrusted), its words, the cheap tests on an
 * attachment's bytes, the text of a DOCX's or ODT's main part and of a
 * binary Word file's streams.  Running the reader is tested in
 * tests/integration/test_reader.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>

#include <cmocka.h>

#include "congvan/reader.h"
#include "congvan/util.h"

#define MAGIC "congvan-reader 1\n"

/* Parses out (len bytes), a whole result that must be read. */
static void parse_complete(const char *out, size_t len, struct reader_result *r)
{
	char *err = NULL;

	assert_int_equal(reader_result_parse(out, len, r, &err), 0);
	assert_null(err);
	assert_true(r->complete);
}

static void test_complete(void **state)
{
	static const char out[] =
	    MAGIC "doc pdf 3 0\n\n"
		  "page 1 text 100 12\nSố: 1/BTC\n\n"
		  "page 3 ocr 87 5\nline\n\n"
		  "nocr 3\nwhy\n"
		  "sig 1 valid trusted 1796514807 0 13\nNguyễn Văn\n"
		  "sig 2 altered unchecked 0 1 0\n\n"
		  "end 0\n\n";
	struct reader_result r;

	(void)state;
	parse_complete(out, sizeof(out) - 1, &r);
	assert_string_equal(r.kind, "pdf");
	assert_int_equal(r.pages, 3);
	assert_int_equal(r.n_page, 2);
	assert_int_equal(r.page[0].number, 1);
	assert_int_equal(r.page[0].source, READER_SOURCE_TEXT);
	assert_string_equal(r.page[0].text, "Số: 1/BTC\n");
	assert_int_equal(r.page[1].number, 3);
	assert_int_equal(r.page[1].source, READER_SOURCE_OCR);
	assert_int_equal(r.page[1].confidence, 87);
	assert_string_equal(r.page[1].text, "line\n");
	assert_string_equal(r.no_ocr, "why");
	assert_int_equal(r.n_sig, 2);
	assert_int_equal(r.sig[0].status, READER_SIG_VALID);
	assert_int_equal(r.sig[0].cert, READER_CERT_TRUSTED);
	assert_int_equal(r.sig[0].signed_at, 1796514807);
	assert_false(r.sig[0].changed_after);
	assert_string_equal(r.sig[0].signer, "Nguyễn Văn");
	assert_int_equal(r.sig[1].status, READER_SIG_ALTERED);
	assert_true(r.sig[1].changed_after);
	assert_string_equal(r.sig[1].signer, "");
	reader_result_release(&r);
	assert_int_equal(r.n_page, 0);
	assert_null(r.page);
}

/* A document whose text cannot be read: no page, and why. */
static void test_no_text(void **state)
{
	static const char out[] = MAGIC "doc doc 0 0\n\n"
					"notext 36\nthe document is encrypted "
					"(password)\nend 0\n\n";
	struct reader_result r;

	(void)state;
	parse_complete(out, sizeof(out) - 1, &r);
	assert_string_equal(r.kind, "doc");
	assert_int_equal(r.pages, 0);
	assert_int_equal(r.n_page, 0);
	assert_string_equal(r.no_text, "the document is encrypted (password)");
	reader_result_release(&r);
	assert_null(r.no_text);
}

/* A result cut short keeps its whole records and says so. */
static void test_cut_short(void **state)
{
	static const char out[] = MAGIC "doc image 2 0\n\n"
					"page 1 ocr 50 5\nabcd\n\n"
					"page 2 ocr 50 100\nabc";
	static const size_t cuts[] = {0,  17, 20, 30, 31,
				      47, 55, 56, 57, sizeof(out) - 1};
	struct reader_result r;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cuts); i++) {
		char *err = NULL;
		int rc = reader_result_parse(out, cuts[i], &r, &err);

		print_message("cut at %zu\n", cuts[i]);
		if (cuts[i] < 17) {
			assert_int_equal(rc, -1);
			assert_non_null(err);
			free(err);
		} else {
			assert_int_equal(rc, 0);
			assert_false(r.complete);
			assert_true(r.n_page <= 1);
		}
		reader_result_release(&r);
	}
	assert_int_equal(reader_result_parse(out, sizeof(out) - 1, &r, NULL),
			 0);
	assert_int_equal(r.n_page, 1);
	assert_string_equal(r.page[0].text, "abcd\n");
	reader_result_release(&r);
}

static void test_malformed(void **state)
{
	static const struct {
		const char *name;
		const char *out;
		const char *error;
	} cases[] = {
	    {"empty", "", "no reader result"},
	    {"not ours", "%PDF-1.4\n", "no reader result"},
	    {"other version", "congvan-reader 2\nend 0\n\n",
	     "the reader speaks another version"},
	    {"unknown record", MAGIC "note 0\n\n", "bad record 'note'"},
	    {"page before doc", MAGIC "page 1 text 100 0\n\n",
	     "bad record 'page'"},
	    {"page past the count",
	     MAGIC "doc pdf 1 0\n\npage 2 text 100 0\n\n", "bad record 'page'"},
	    {"page 0", MAGIC "doc pdf 1 0\n\npage 0 text 100 0\n\n",
	     "bad record 'page'"},
	    {"page twice",
	     MAGIC "doc pdf 1 0\n\npage 1 ocr 1 0\n\npage 1 ocr 1 0\n\n",
	     "bad record 'page'"},
	    {"confidence 101", MAGIC "doc pdf 1 0\n\npage 1 ocr 101 0\n\n",
	     "bad record 'page'"},
	    {"signed number", MAGIC "doc pdf 1 0\n\npage +1 ocr 1 0\n\n",
	     "bad record 'page'"},
	    {"unknown source", MAGIC "doc pdf 1 0\n\npage 1 scan 1 0\n\n",
	     "bad record 'page'"},
	    {"two docs", MAGIC "doc pdf 1 0\n\ndoc pdf 1 0\n\n",
	     "bad record 'doc'"},
	    {"doc kind", MAGIC "doc gif 1 0\n\n", "bad record 'doc'"},
	    {"sig out of order", MAGIC "sig 2 valid trusted 0 0 0\n\n",
	     "bad record 'sig'"},
	    {"sig status", MAGIC "sig 1 fine trusted 0 0 0\n\n",
	     "bad record 'sig'"},
	    {"sig later 2", MAGIC "sig 1 valid trusted 0 2 0\n\n",
	     "bad record 'sig'"},
	    {"nocr empty", MAGIC "nocr 0\n\n", "bad record 'nocr'"},
	    {"notext before doc", MAGIC "notext 1\nx\n", "bad record 'notext'"},
	    {"notext empty", MAGIC "doc doc 0 0\n\nnotext 0\n\n",
	     "bad record 'notext'"},
	    {"notext twice", MAGIC "doc doc 0 0\n\nnotext 1\nx\nnotext 1\nx\n",
	     "bad record 'notext'"},
	    {"end with payload", MAGIC "end 1\nx\n", "bad record 'end'"},
	    {"payload without its newline", MAGIC "nocr 2\nabX",
	     "a malformed record"},
	    {"two spaces", MAGIC "doc  pdf 1 0\n\n", "a malformed record"},
	    {"trailing space", MAGIC "end 0 \n\n", "a malformed record"},
	    {"control byte", MAGIC "end\t0\n\n", "a malformed record"},
	    {"eight-bit token", MAGIC "\xc4\x91oc pdf 1 0\n\n",
	     "a malformed record"},
	    {"length too large", MAGIC "nocr 1048577\n", "a malformed record"},
	    {"length of 11 digits", MAGIC "nocr 00000000001\nx\n",
	     "a malformed record"},
	    {"line without end",
	     MAGIC "doc pdf 1 0000000000000000000000000000000000000000000000000"
		   "00000000000000000000000000000000000000000000000000000000"
		   "000000000000000000000000",
	     "a malformed record"},
	    {"bytes after the end", MAGIC "end 0\n\nx", "bytes after the end"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct reader_result r;
		char *err = NULL;

		print_message("case: %s\n", cases[i].name);
		assert_int_equal(reader_result_parse(cases[i].out,
						     strlen(cases[i].out), &r,
						     &err),
				 -1);
		assert_non_null(err);
		assert_string_equal(err, cases[i].error);
		assert_null(r.page);
		assert_null(r.sig);
		free(err);
		reader_result_release(&r);
	}
}

/* Limits: more page records than READER_PAGES_MAX, a result larger than
 * READER_OUTPUT_MAX. */
static void test_limits(void **state)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	struct reader_result r;
	char *err = NULL, *big;

	(void)state;
	sbuf_adds(&sb, MAGIC "doc pdf 1000 0\n\n");
	for (int i = 1; i <= READER_PAGES_MAX + 1; i++) {
		sbuf_addf(&sb, "page %d ocr 50 1\nx\n", i);
	}
	assert_int_equal(reader_result_parse(sb.buf, sb.len, &r, &err), -1);
	assert_string_equal(err, "bad record 'page'");
	free(err);
	reader_result_release(&r);
	sbuf_release(&sb);

	big = xcalloc(READER_OUTPUT_MAX + 1, 1);
	memcpy(big, MAGIC, strlen(MAGIC));
	err = NULL;
	assert_int_equal(
	    reader_result_parse(big, READER_OUTPUT_MAX + 1, &r, &err), -1);
	assert_string_equal(err, "the result is too large");
	free(err);
	reader_result_release(&r);
	free(big);
}

static void test_words(void **state)
{
	(void)state;
	for (int s = 0; s < READER_SIG_COUNT; s++) {
		assert_int_equal(
		    reader_sig_status_parse(reader_sig_status_name(s)), s);
	}
	for (int c = 0; c < READER_CERT_COUNT; c++) {
		assert_int_equal(reader_cert_parse(reader_cert_name(c)), c);
	}
	assert_int_equal(reader_sig_status_parse("VALID"), -1);
	assert_int_equal(reader_cert_parse(""), -1);
	assert_string_equal(reader_source_name(READER_SOURCE_OCR), "ocr");
	assert_string_equal(reader_source_name(READER_SOURCE_TEXT), "text");
}

static void test_sniffing(void **state)
{
	static const struct {
		const char *data;
		size_t len;
		bool pdf, is_signed, image;
	} cases[] = {
	    {"", 0, false, false, false},
	    {"%PDF-1", 6, false, false, false},
	    {"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 15, true, false, false},
	    {"\r\n%PDF-1.4\n1 0 obj <</ByteRange [0 1 2 3]>>", 44, true, true,
	     false},
	    {"/ByteRange [0 1 2 3]", 20, false, false, false},
	    {"\xff\xd8\xff\xe0\0\x10JFIF", 10, false, false, true},
	    {"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, false, false, true},
	    {"II*\0\x08\0\0\0", 8, false, false, true},
	    {"MM\0*\0\0\0\x08", 8, false, false, true},
	    {"GIF89a", 6, false, false, false},
	    {"PK\003\004", 4, false, false, false},
	};

	(void)state;
	assert_false(reader_is_pdf(NULL, 10));
	assert_false(reader_is_image(NULL, 10));
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		print_message("case %zu\n", i);
		assert_int_equal(reader_is_pdf(cases[i].data, cases[i].len),
				 cases[i].pdf);
		assert_int_equal(
		    reader_pdf_is_signed(cases[i].data, cases[i].len),
		    cases[i].is_signed);
		assert_int_equal(reader_is_image(cases[i].data, cases[i].len),
				 cases[i].image);
	}
}

/* A DOCX or an ODT by its first bytes: a ZIP archive holding
 * word/document.xml, or whose first member says it is OpenDocument
 * Text. */
static void test_office_kind(void **state)
{
	static const char docx[] = "PK\003\004\024\0\0\0\010\0[Content_Types]."
				   "xml....PK\003\004....word/document.xml....";
	static const char odt[] = "PK\003\004\012\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
				  "\0\0\0\0\0\0\010\0\0\0mimetypeapplication/"
				  "vnd.oasis.opendocument.text";
	static const char ods[] = "PK\003\004\012\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
				  "\0\0\0\0\0\0\010\0\0\0mimetypeapplication/"
				  "vnd.oasis.opendocument.spreadsheet";
	static const char zip[] = "PK\003\004\024\0\0\0\010\0report.xlsx....."
				  "...............xl/workbook.xml..........";

	(void)state;
	assert_string_equal(reader_office_kind(docx, sizeof(docx) - 1), "docx");
	assert_string_equal(reader_office_kind(odt, sizeof(odt) - 1), "odt");
	assert_null(reader_office_kind(ods, sizeof(ods) - 1));
	assert_null(reader_office_kind(zip, sizeof(zip) - 1));
	assert_null(reader_office_kind(docx + 1, sizeof(docx) - 2));
	assert_null(reader_office_kind(docx, 29));
	assert_null(reader_office_kind(NULL, 100));
}

/* A binary Word file by its bytes: an OLE2 compound file (the reader
 * refuses those that hold no WordDocument stream). */
static void test_doc_kind(void **state)
{
	static const char ole2[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

	(void)state;
	assert_string_equal(reader_office_kind(ole2, 8), "doc");
	assert_null(reader_office_kind(ole2, 7));
	assert_null(reader_office_kind(ole2 + 1, 7));
}

/* --- a binary Word file's streams, made here ----------------------------- */

/* One piece of text: 8-bit ("compressed") or UTF-16. */
struct piece {
	const char *c8;
	const char16_t *c16;
	size_t n; /* characters */
};

#define P8(s)                                                                  \
	{                                                                      \
		s, NULL, sizeof(s) - 1                                         \
	}
#define P16(s)                                                                 \
	{                                                                      \
		NULL, s, sizeof(s) / sizeof(char16_t) - 1                      \
	}

/* The two streams: WordDocument (the FIB, the text at TEXT_AT) and the
 * table stream (the CLX at CLX_AT). */
struct w97 {
	unsigned char word[8192];
	size_t word_len;
	unsigned char table[1024];
	size_t table_len;
	size_t lw;    /* FibRgLw97 in word */
	size_t fclcb; /* FibRgFcLcb97 in word */
};

#define TEXT_AT 1024
#define CLX_AT  16

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

/* The FIB of Word 97: FibBase, 14 16-bit values, 22 32-bit ones (ccpText
 * the 4th), 93 fc/lcb pairs (fcClx the 34th); the piece table in
 * 1Table. */
static void fib_make(struct w97 *d)
{
	size_t off = 32;

	put16(d->word, 0xa5ec);
	put16(d->word + 2, 0x00c1);
	put16(d->word + 0x0a, 0x0200);
	put16(d->word + off, 14);
	off += 2 + 28;
	put16(d->word + off, 22);
	d->lw = off + 2;
	off += 2 + 88;
	put16(d->word + off, 93);
	d->fclcb = off + 2;
}

static void w97_make(struct w97 *d, const struct piece *p, size_t n)
{
	unsigned char *plc = d->table + CLX_AT + 5;
	size_t at = TEXT_AT;
	uint32_t cp = 0;

	memset(d, 0, sizeof(*d));
	fib_make(d);
	d->table[CLX_AT] = 0x02;
	put32(d->table + CLX_AT + 1, (uint32_t)(4 + 12 * n));
	for (size_t i = 0; i < n; i++) {
		unsigned char *pcd = plc + 4 * (n + 1) + 8 * i;

		put32(plc + 4 * i, cp);
		if (p[i].c8) {
			memcpy(d->word + at, p[i].c8, p[i].n);
			put32(pcd + 2, (uint32_t)(at * 2) | 0x40000000u);
			at += p[i].n;
		} else {
			for (size_t j = 0; j < p[i].n; j++) {
				put16(d->word + at + 2 * j, p[i].c16[j]);
			}
			put32(pcd + 2, (uint32_t)at);
			at += 2 * p[i].n;
		}
		cp += (uint32_t)p[i].n;
	}
	put32(plc + 4 * n, cp);
	put32(d->word + d->lw + 12, cp);
	put32(d->word + d->fclcb + 8 * 33, CLX_AT);
	put32(d->word + d->fclcb + 8 * 33 + 4, (uint32_t)(5 + 4 + 12 * n));
	d->word_len = at;
	d->table_len = CLX_AT + 5 + 4 + 12 * n;
}

/* The text of d, or NULL with the reason in *why_r (freed by the
 * caller). */
static char *w97_text(const struct w97 *d, char **why_r)
{
	char *text = NULL;

	*why_r = NULL;
	if (reader_word97_text((const char *)d->word, d->word_len,
			       (const char *)d->table, d->table_len, &text,
			       why_r) < 0) {
		assert_non_null(*why_r);
		return NULL;
	}
	assert_null(*why_r);
	return text;
}

/* Checks the text of d: want, or (NULL) a refusal with a reason. */
static void w97_expect(const struct w97 *d, const char *want)
{
	char *why, *text = w97_text(d, &why);

	if (!want) {
		assert_null(text);
		free(why);
		return;
	}
	assert_non_null(text);
	assert_string_equal(text, want);
	free(text);
}

/* The text of a binary Word file as the printed letter shows it. */
static void test_word97_text(void **state)
{
	static const struct {
		const char *name;
		struct piece p[3];
		size_t n;
		const char *text;
	} cases[] = {
	    /* Vietnamese in UTF-16; paragraph marks are line ends */
	    {"utf-16",
	     {P16(u"BỘ CÔNG THƯƠNG\rSố: 12/BCT-VP\r")},
	     1,
	     "BỘ CÔNG THƯƠNG\nSố: 12/BCT-VP\n"},
	    /* Word writes what windows-1252 holds as 8-bit pieces, the rest
	     * as UTF-16, in one paragraph */
	    {"mixed",
	     {P8("So: 12/"), P16(u"BCT-VP\rHà Nội"), P8(", ngay 2\r")},
	     3,
	     "So: 12/BCT-VP\nHà Nội, ngay 2\n"},
	    /* 8-bit: windows-1252 where the spec maps (quotes, dashes,
	     * ellipsis), Latin-1 above; C1 bytes without a character go */
	    {"8-bit",
	     {P8("\x93Kh\xe1n\x94 \x96 a\x85\x81\x9f\xa0.")},
	     1,
	     "“Khán” – a…Ÿ\xc2\xa0."},
	    /* a letterhead table: each cell a line, as in a DOCX; the row's
	     * own end mark adds none */
	    {"table",
	     {P16(u"BỘ CÔNG THƯƠNG\x07"
		  u"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\x07"
		  u"\x07Số: 1/BCT\x07Hà Nội\x07\x07Kính gửi\r")},
	     1,
	     "BỘ CÔNG THƯƠNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: "
	     "1/BCT\nHà Nội\nKính gửi\n"},
	    /* fields keep their result: nested, across pieces, without a
	     * result, never closed */
	    {"fields",
	     {P16(u"Trang \x13 PAGE \x14"),
	      P8("1\x15; \x13 IF \x13 PAGE \x14"
		 "1\x15 = 1 \x14yes\x15 a\x13 "
		 "TOC \x15"
		 "b "),
	      P16(u"\x13 HYPERLINK \"mailto:a@b.vn\" \x14"
		  u"a@b.vn\x15.\x13 x")},
	     3,
	     "Trang 1; yes ab a@b.vn."},
	    /* breaks are line ends, tabs stay, a non-breaking hyphen is a
	     * hyphen; an optional hyphen, a picture, a drawing go */
	    {"controls",
	     {P16(u"a\x01"
		  u"b\x08"
		  u"c\x1e"
		  u"d\x1f"
		  u"e\tf\x0bg\x0ch\x0ei\x7f")},
	     1,
	     "abc-de\tf\ng\nh\ni"},
	    /* a character outside the BMP; a lone surrogate */
	    {"surrogates",
	     {P16(u"\U0001F4C4 \xd800x")},
	     1,
	     "\xf0\x9f\x93\x84 \xef\xbf\xbdx"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct w97 d;
		char *why, *text;

		print_message("case %s\n", cases[i].name);
		w97_make(&d, cases[i].p, cases[i].n);
		assert_string_equal(
		    reader_word97_table((const char *)d.word, d.word_len, &why),
		    "1Table");
		text = w97_text(&d, &why);
		assert_non_null(text);
		assert_string_equal(text, cases[i].text);
		free(text);
	}
}

/* The FIB: which table stream; what is refused, and why. */
static void test_word97_header(void **state)
{
	static const struct piece p[] = {P16(u"Số: 1\r")};
	struct w97 d;
	char *why = NULL;

	(void)state;
	w97_make(&d, p, 1);
	put16(d.word + 0x0a, 0);
	assert_string_equal(
	    reader_word97_table((const char *)d.word, d.word_len, &why),
	    "0Table");
	put16(d.word + 0x0a, 0x0100); /* fEncrypted */
	assert_null(
	    reader_word97_table((const char *)d.word, d.word_len, &why));
	assert_non_null(strstr(why, "encrypted"));
	FREE_AND_NULL(why);
	assert_null(w97_text(&d, &why));
	assert_non_null(strstr(why, "encrypted"));
	FREE_AND_NULL(why);
	put16(d.word + 0x0a, 0x0004); /* fComplex (fast-saved): read */
	w97_expect(&d, "Số: 1\n");
	put16(d.word + 2, 0x0068); /* Word 95 */
	assert_null(w97_text(&d, &why));
	assert_non_null(strstr(why, "Word 6.0/95"));
	FREE_AND_NULL(why);
	put16(d.word + 2, 0x00c1);
	put16(d.word, 0xa5dc); /* no FIB */
	w97_expect(&d, NULL);
	put16(d.word, 0xa5ec);
	/* cut short: in FibBase, in the 32-bit values, in the pairs */
	for (size_t len = 0; len < d.fclcb + 8 * 34; len += 7) {
		struct w97 cut = d;

		cut.word_len = len;
		assert_null(w97_text(&cut, &why));
		FREE_AND_NULL(why);
		assert_null(
		    reader_word97_table((const char *)cut.word, len, &why));
		FREE_AND_NULL(why);
	}
	assert_null(reader_word97_table(NULL, 100, &why));
	FREE_AND_NULL(why);
}

/* Inserts a Prc (property modifiers, cb bytes) before the Pcdt. */
static void prc_insert(struct w97 *d, unsigned cb)
{
	unsigned char *clx = d->table + CLX_AT;
	size_t len = d->table_len - CLX_AT;

	memmove(clx + 3 + cb, clx, len);
	clx[0] = 0x01;
	put16(clx + 1, cb);
	memset(clx + 3, 0x55, cb);
	d->table_len += 3 + cb;
	put32(d->word + d->fclcb + 8 * 33 + 4, (uint32_t)(len + 3 + cb));
}

/* The piece table's offsets and lengths come from the file: each is
 * checked; a piece that cannot be read ends the text (what came before
 * stays). */
static void test_word97_pieces(void **state)
{
	static const struct piece two[] = {P16(u"Số: 1\r"), P8("V/v x\r")};
	unsigned char *plc, *pcd2;
	struct w97 d;
	char *why = NULL, *text;

	(void)state;
	/* property modifiers before the pieces are skipped */
	w97_make(&d, two, 2);
	prc_insert(&d, 6);
	w97_expect(&d, "Số: 1\nV/v x\n");
	/* ... unless they claim more than there is */
	prc_insert(&d, 0);
	put16(d.table + CLX_AT + 1, 600);
	assert_null(w97_text(&d, &why));
	assert_non_null(strstr(why, "piece table"));
	FREE_AND_NULL(why);

	/* the CLX outside the table stream, or not a CLX */
	w97_make(&d, two, 2);
	put32(d.word + d.fclcb + 8 * 33, (uint32_t)d.table_len);
	w97_expect(&d, NULL);
	put32(d.word + d.fclcb + 8 * 33, CLX_AT);
	put32(d.word + d.fclcb + 8 * 33 + 4, (uint32_t)d.table_len);
	w97_expect(&d, NULL);
	w97_make(&d, two, 2);
	d.table[CLX_AT] = 0x03;
	w97_expect(&d, NULL);
	w97_make(&d, two, 2);
	assert_int_equal(reader_word97_text((const char *)d.word, d.word_len,
					    NULL, 0, &text, &why),
			 -1);
	FREE_AND_NULL(why);
	/* a PlcPcd of a length no piece count gives, or past its CLX */
	put32(d.table + CLX_AT + 1, 4 + 12 * 2 + 1);
	w97_expect(&d, NULL);
	put32(d.table + CLX_AT + 1, 4 + 12 * 3);
	w97_expect(&d, NULL);

	/* the second piece's text outside WordDocument: the first stays */
	w97_make(&d, two, 2);
	plc = d.table + CLX_AT + 5;
	pcd2 = plc + 4 * 3 + 8;
	put32(pcd2 + 2, 0x40000000u | (uint32_t)(2 * d.word_len));
	w97_expect(&d, "Số: 1\n");
	put32(pcd2 + 2, 0x3fffffffu); /* UTF-16 near 1 GiB */
	w97_expect(&d, "Số: 1\n");
	/* ... or all of it: no text */
	put32(plc + 4 * 3 + 2, (uint32_t)d.word_len - 1);
	assert_null(w97_text(&d, &why));
	assert_non_null(strstr(why, "no text"));
	FREE_AND_NULL(why);

	/* positions: the first must be 0; going backwards ends the text */
	w97_make(&d, two, 2);
	plc = d.table + CLX_AT + 5;
	put32(plc, 1);
	w97_expect(&d, NULL);
	w97_make(&d, two, 2);
	put32(plc + 8, 3);
	w97_expect(&d, "Số: 1\n");
	put32(plc + 8, 0xffffffffu); /* a last piece of 4 G characters */
	put32(d.word + d.lw + 12, 0xffffffffu);
	w97_expect(&d, "Số: 1\n");

	/* ccpText ends the main document (headers and notes follow it) */
	w97_make(&d, two, 2);
	put32(d.word + d.lw + 12, 3);
	w97_expect(&d, "Số:");
	put32(d.word + d.lw + 12, 0);
	w97_expect(&d, NULL);
}

#define W_DOC(body)                                                            \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"    \
	"<w:document xmlns:w=\"http://schemas.openxmlformats.org/"             \
	"wordprocessingml/2006/main\" xmlns:mc=\"http://schemas."              \
	"openxmlformats.org/markup-compatibility/2006\"><w:body>" body         \
	"</w:body></w:document>"
#define O_DOC(body)                                                            \
	"<?xml version=\"1.0\" "                                               \
	"encoding=\"UTF-8\"?>\n<office:document-content "                      \
	"xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "   \
	"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">"       \
	"<office:automatic-styles/><office:body><office:text>" body            \
	"</office:text></office:body></office:document-content>"
#define R(t) "<w:r><w:t xml:space=\"preserve\">" t "</w:t></w:r>"

/* The text of a word processor's main part, as the printed letter
 * shows it. */
static void test_office_text(void **state)
{
	static const struct {
		bool odt;
		const char *xml, *text; /* NULL: none */
	} cases[] =
	    {
		/* paragraphs are lines; runs join, even inside a number */
		{false,
		 W_DOC("<w:p>" R("Số: 12")
			   R("3/BTC-VP") "</w:p><w:p>" R("V/v góp ý") "</w:p>"),
		 "Số: 123/BTC-VP\nV/v góp ý\n"},
		/* tabs, breaks, an empty paragraph */
		{false,
		 W_DOC("<w:p>" R("a") "<w:r><w:tab/></w:r>" R(
		     "b") "<w:r><w:br/></w:r>" R("c") "</w:p><w:p/"
						      "><w:p>" R("d") "<"
								      "/"
								      "w"
								      ":"
								      "p"
								      ">"),
		 "a\tb\nc\n\nd\n"},
		/* what the page does not show: deleted and moved-away text, a
		 * field's code (its result stays), the older copy of a text box
		 */
		{
		    false,
		    W_DOC(
			"<w:p>" R(
			    "Số: ") "<w:del><w:r><w:delText>9/X </w:delText>"
				    "</w:r></w:del><w:ins>" R(
					"45/BTC") "</w:ins></w:p>"
						  "<w:p><w:moveFrom>" R("cũ") "</w:moveFrom><w:moveTo>" R(
						      "mới") "</w:moveTo></w:p>"
							     "<w:p><w:r><w:"
							     "instrText> PAGE "
							     "</w:instrText></"
							     "w:r>" R(
								 "1") "</w:p>"
								      "<w:p><w:"
								      "r><mc:"
								      "Alternat"
								      "eContent"
								      "><mc:"
								      "Choice "
								      "Requires"
								      "=\"wps\""
								      ">"
								      "<w:"
								      "txbxCont"
								      "ent><w:"
								      "p>" R(
									  "KHẨ"
									  "N") "</w:p></w:txbxContent>"
									       "</mc:Choice><mc:Fallback><w:txbxContent><w:p>" R(
										   "KHẨN") "</w:p></w:txbxContent></mc:Fallback>"
											   "</mc:AlternateContent></w:r></w:p>"),
		    "Số: 45/BTC\nmới\n1\nKHẨN\n\n"},
		/* text outside <w:t> (properties, a stray text node) is none */
		{false,
		 W_DOC("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>x" R(
		     "y") "</w:p>"),
		 "y\n"},
		/* an entity is never expanded; the text around it stays */
		{false,
		 "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY e "
		 "\"SECRET\">]><w:document xmlns:w=\"http://schemas."
		 "openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
		 "<w:p>" R("a&e;b") "</w:p></w:body></w:document>",
		 "ab\n"},
		/* another root, or none: not a main part */
		{false, O_DOC("<text:p>x</text:p>"), NULL},
		{true, W_DOC("<w:p>" R("x") "</w:p>"), NULL},
		{false, "<html><body>x</body></html>", NULL},
		{false, "not xml at all", NULL},
		{false, W_DOC(""), NULL},
		/* cut short: the text of the nodes before the cut */
		{false,
		 "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
		 "wordprocessingml/2006/main\"><w:body><w:p>" R(
		     "Số: 1/UBND") "</w:p><w:p><w:r><w:t>V/v",
		 "Số: 1/UBND\n"},
		/* ODT: spans join, <text:s> is spaces (a sane count), headings
		 * and paragraphs are lines, white space between spans is one */
		{true,
		 O_DOC(
		     "<text:h>BỘ TÀI CHÍNH</text:h><text:p>Số: <text:span>45"
		     "</text:span>/BTC</text:p><text:p>a<text:s text:c=\"3\"/>b"
		     "<text:tab/>c<text:line-break/>d</text:p><text:p/>"
		     "<text:p><text:span>e</text:span> <text:span>f</text:span>"
		     "</text:p><text:p>g<text:s text:c=\"999999\"/>h</text:p>"),
		 "BỘ TÀI CHÍNH\nSố: 45/BTC\na   b\tc\nd\n\ne f\ng h\n"},
		/* deleted text kept for tracked changes, comments, notes */
		{true,
		 O_DOC("<text:tracked-changes><text:changed-region><text:"
		       "deletion>"
		       "<text:p>Số: 9/X</text:p></text:deletion></text:changed-"
		       "region></text:tracked-changes><text:p>Số: 1/Y<office:"
		       "annotation><text:p>sửa lại</text:p></office:annotation>"
		       "<text:note><text:note-body><text:p>chú thích</text:p>"
		       "</text:note-body></text:note></text:p>"),
		 "Số: 1/Y\n"},
	    };

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *got = reader_office_text(
		    cases[i].xml, strlen(cases[i].xml), cases[i].odt);

		print_message("case %zu\n", i);
		if (!cases[i].text) {
			assert_null(got);
			continue;
		}
		assert_non_null(got);
		assert_string_equal(got, cases[i].text);
		free(got);
	}
	assert_null(reader_office_text(NULL, 0, false));
	assert_null(reader_office_text("x", READER_OFFICE_XML_MAX + 1, false));
}

/* One run of an FKP: its bytes of WordDocument, and its CHPX (NULL:
 * none; else its length, then its property modifiers). */
struct run {
	uint32_t from, to;
	const char *chpx;
};

#define FKP_PN   6   /* the FKP: WordDocument's page 6 */
#define BTE_AT   512 /* the PlcBteChpx in the table stream */
#define CHPX_OFF 80  /* the first CHPX in the page, in 16-bit words */

/* An FKP of n runs (their CHPXs one after the other, 16 bytes apart) and
 * a PlcBteChpx that lists it. */
static void fkp_make(struct w97 *d, const struct run *r, size_t n)
{
	unsigned char *page = d->word + FKP_PN * 512;

	memset(page, 0, 512);
	page[511] = (unsigned char)n;
	for (size_t i = 0; i < n; i++) {
		put32(page + 4 * i, r[i].from);
		put32(page + 4 * i + 4, r[i].to);
		if (r[i].chpx) {
			page[4 * (n + 1) + i] =
			    (unsigned char)(CHPX_OFF + 8 * i);
			memcpy(page + 2 * (CHPX_OFF + 8 * i), r[i].chpx,
			       1 + (unsigned char)r[i].chpx[0]);
		}
	}
	put32(d->table + BTE_AT, r[0].from);
	put32(d->table + BTE_AT + 4, r[n - 1].to);
	put32(d->table + BTE_AT + 8, FKP_PN);
	put32(d->word + d->fclcb + 8 * 12, BTE_AT);
	put32(d->word + d->fclcb + 8 * 12 + 4, 12);
	d->word_len = d->word_len > 4096 ? d->word_len : 4096;
	d->table_len = BTE_AT + 12;
}

/* Text deleted under tracked changes (sprmCFRMarkDel in its CHPX) is
 * left out, as the printed letter does not show it; a CHPX or a list of
 * them that cannot be read leaves the text whole. */
static void test_word97_deleted(void **state)
{
	static const struct piece p16[] = {P16(u"Số: 999/X 12/BCT\r")};
	static const struct piece p8[] = {P8("So: 999/X 12/BCT\r")};
	/* on; off; the opposite of the style's; the style's; after bold (1
	 * byte) and a modifier of variable length; a modifier cut short */
	static const struct {
		const char *chpx;
		bool deleted;
	} chpx[] = {
	    {"\x03\x00\x08\x01", true},
	    {"\x03\x00\x08\x00", false},
	    {"\x03\x00\x08\x81", true},
	    {"\x03\x00\x08\x80", false},
	    {"\x0b\x35\x08\x01\x47\xca\x02\x00\x08\x00\x08\x01", true},
	    {"\x02\x00\x08", false},
	};
	struct w97 d;
	char *why, *text;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(chpx); i++) {
		/* "999/X " is characters 4 to 10: bytes 8 to 20 of UTF-16 */
		const struct run runs[] = {
		    {TEXT_AT, TEXT_AT + 8, NULL},
		    {TEXT_AT + 8, TEXT_AT + 20, chpx[i].chpx},
		    {TEXT_AT + 20, TEXT_AT + 34, "\x03\x00\x08\x00"},
		};

		print_message("chpx %zu\n", i);
		w97_make(&d, p16, 1);
		fkp_make(&d, runs, 3);
		text = w97_text(&d, &why);
		assert_string_equal(text, chpx[i].deleted
					      ? "Số: 12/BCT\n"
					      : "Số: 999/X 12/BCT\n");
		free(text);
	}
	/* an 8-bit piece: its bytes one a character */
	w97_make(&d, p8, 1);
	fkp_make(&d,
		 (const struct run[]){
		     {TEXT_AT + 4, TEXT_AT + 10, "\x03\x00\x08\x01"}},
		 1);
	w97_expect(&d, "So: 12/BCT\n");
	/* a CHPX past its page, an FKP past WordDocument, a PlcBteChpx past
	 * the table stream: the text whole */
	w97_make(&d, p16, 1);
	fkp_make(&d,
		 (const struct run[]){
		     {TEXT_AT + 8, TEXT_AT + 34, "\x03\x00\x08\x01"}},
		 1);
	d.word[FKP_PN * 512 + 4 * 2] = 250;
	d.word[FKP_PN * 512 + 500] = 20;
	w97_expect(&d, "Số: 999/X 12/BCT\n");
	d.word[FKP_PN * 512 + 4 * 2] = CHPX_OFF;
	put32(d.table + BTE_AT + 8, 8);
	w97_expect(&d, "Số: 999/X 12/BCT\n");
	put32(d.table + BTE_AT + 8, FKP_PN);
	d.word[FKP_PN * 512 + 511] = 0x66; /* crun past its limit */
	w97_expect(&d, "Số: 999/X 12/BCT\n");
	d.word[FKP_PN * 512 + 511] = 1;
	put32(d.word + d.fclcb + 8 * 12 + 4, 20); /* not 4 + 8n */
	w97_expect(&d, "Số: 999/X 12/BCT\n");
	put32(d.word + d.fclcb + 8 * 12 + 4, 12);
	/* all but "Số: ", the paragraph mark too */
	w97_expect(&d, "Số: ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_complete),
	    cmocka_unit_test(test_no_text),
	    cmocka_unit_test(test_cut_short),
	    cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_words),
	    cmocka_unit_test(test_sniffing),
	    cmocka_unit_test(test_office_kind),
	    cmocka_unit_test(test_office_text),
	    cmocka_unit_test(test_doc_kind),
	    cmocka_unit_test(test_word97_text),
	    cmocka_unit_test(test_word97_header),
	    cmocka_unit_test(test_word97_pieces),
	    cmocka_unit_test(test_word97_deleted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
