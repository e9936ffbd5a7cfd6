/* Unit tests for the reader module's pure parts: the parser of
 * congvan-reader's result (untrusted), its words, and the cheap tests on
 * an attachment's bytes.  Running the reader is tested in
 * tests/integration/test_reader.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "congvan/reader.h"
#include "congvan/util.h"

#define MAGIC "congvan-reader 1\n"

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
	char *err = NULL;

	(void)state;
	assert_int_equal(reader_result_parse(out, sizeof(out) - 1, &r, &err),
			 0);
	assert_true(r.complete);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_complete),
	    cmocka_unit_test(test_cut_short),
	    cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_words),
	    cmocka_unit_test(test_sniffing),
	    cmocka_unit_test(test_office_kind),
	    cmocka_unit_test(test_office_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
