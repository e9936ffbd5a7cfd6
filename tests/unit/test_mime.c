/* Unit tests for src/mime: transfer decoding, charsets, format=flowed, HTML
 * to text and its quote detection, NFC, part headers (RFC 2231/2047), the
 * structure (body choice, attachments, forwards, reports), the fixtures of
 * tests/data/mime and hostile input.  Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "../../src/message/private.h"
#include "../../src/mime/private.h"
#include "congvan/text.h"
#include "congvan/message.h"
#include "congvan/mime.h"
#include "congvan/util.h"

#define MIME_DIR  "tests/data/mime/"
#define TALON_DIR "tests/data/talon/html_replies/"

/* --- helpers ----------------------------------------------------------- */

static char *read_fixture(const char *name, size_t *len_r)
{
	char *path = xasprintf("%s%s", MIME_DIR, name);
	char *data = NULL;
	size_t len = 0;

	if (file_read_all(path, &data, &len) != 0) {
		fail_msg("cannot read %s", path);
	}
	free(path);
	*len_r = len;
	return data;
}

static void parse_fixture(const char *name, unsigned flags,
			  struct mime_doc *doc)
{
	size_t len;
	char *raw = read_fixture(name, &len);

	mime_parse(raw, len, flags, doc);
	free(raw);
}

static void parse_str(const char *raw, unsigned flags, struct mime_doc *doc)
{
	mime_parse(raw, strlen(raw), flags, doc);
}

static bool utf8_valid(const char *s)
{
	return text_utf8_valid(s, strlen(s));
}

static bool is_nfc(const char *s)
{
	char *n = text_nfc(s, strlen(s));
	bool same = !strcmp(n, s);

	free(n);
	return same;
}

static bool has_line_starting(const char *text, const char *prefix)
{
	for (const char *p = text; p; p = strchr(p, '\n')) {
		p += *p == '\n';
		if (str_startswith(p, prefix)) {
			return true;
		}
		if (!*p) {
			break;
		}
	}
	return false;
}

static bool is_lower_type(const char *t)
{
	for (; *t; t++) {
		if (*t >= 'A' && *t <= 'Z') {
			return false;
		}
	}
	return true;
}

/* What every document must satisfy, whatever the input. */
static void check_doc_sane(const struct mime_doc *d, int depth)
{
	assert_true(depth <= MIME_DEPTH_MAX + 1);
	assert_non_null(d->text);
	assert_true(utf8_valid(d->text));
	assert_true(is_nfc(d->text));
	assert_null(strchr(d->text, '\r'));
	assert_true(d->charset_unknown == (d->charset_name != NULL));
	for (size_t i = 0; i < d->n_attachments; i++) {
		const struct mime_attachment *a = &d->attachments[i];

		assert_non_null(a->content_type);
		assert_true(is_lower_type(a->content_type));
		assert_int_equal(strlen(a->sha256), 64);
		if (a->filename) {
			assert_true(utf8_valid(a->filename));
			assert_true(is_nfc(a->filename));
		}
	}
	if (d->forwarded) {
		check_doc_sane(d->forwarded, depth + 1);
	}
}

static const struct mime_attachment *find_att(const struct mime_doc *d,
					      const char *filename)
{
	for (size_t i = 0; i < d->n_attachments; i++) {
		const char *f = d->attachments[i].filename;

		if (f && !strcmp(f, filename)) {
			return &d->attachments[i];
		}
	}
	return NULL;
}

/* A multipart/mixed message with a text/plain part, then one part with
 * the given header lines (CRLF-separated, no trailing CRLF) and body. */
static char *one_part(const char *headers, const char *body)
{
	return xasprintf("From: a@example.vn\r\nMIME-Version: 1.0\r\n"
			 "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
			 "\r\n--b1\r\nContent-Type: text/plain; "
			 "charset=utf-8\r\n\r\nbody\r\n--b1\r\n%s\r\n\r\n%s\r\n"
			 "--b1--\r\n",
			 headers, body);
}

/* --- edge cases first ----------------------------------------------- */

static void test_parse_edges(void **state)
{
	static const struct {
		const char *raw;
		size_t len;
		const char *text;
	} cases[] = {
	    {NULL, 0, ""},
	    {"", 0, ""},
	    {"Subject: x\r\n", 12, ""},
	    {"Subject: x\r\n\r\n", 14, ""},
	    {"\r\n\r\n", 4, "\n"},
	    {"Subject: plain\r\n\r\nhello\r\nworld\r\n", 32, "hello\nworld\n"},
	    {"Subject: lf\n\nhello\nworld", 24, "hello\nworld\n"},
	    {"Subject: cr\r\n\r\na\rb", 18, "a\nb\n"},
	    {"Subject: utf8\r\n\r\nc\xc3\xa1 ph\xc3\xaa\r\n", 26,
	     "c\xc3\xa1 ph\xc3\xaa\n"},
	    {"Subject: 1252\r\n\r\ncaf\xe9 \x93q\x94\r\n", 26,
	     "caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d\n"},
	    {"Subject: nul\r\n\r\na\0b\r\n", 20, "ab\n"},
	    {"garbage without headers", 23, "garbage without headers\n"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct mime_doc d;

		mime_parse(cases[i].raw, cases[i].len, 0, &d);
		assert_string_equal(d.text, cases[i].text);
		assert_int_equal(d.n_attachments, 0);
		assert_null(d.forwarded);
		assert_false(d.charset_unknown);
		check_doc_sane(&d, 0);
		mime_doc_free(&d);
		mime_doc_free(&d); /* cleared: a second free is harmless */
	}
	mime_doc_free(NULL);
}

/* --- transfer encodings ------------------------------------------------ */

static void test_base64_cases(void **state)
{
	static const struct {
		const char *in;
		const char *out;
		size_t out_len;
	} cases[] = {
	    {"", "", 0},
	    {"Q", "", 0},
	    {"QQ", "A", 1},
	    {"QUI", "AB", 2},
	    {"QUJD", "ABC", 3},
	    {"QUJDRA==", "ABCD", 4},
	    {"QUJDREU=", "ABCDE", 5},
	    {"QUJ\r\nDREU=", "ABCDE", 5},
	    {" Q U J D ", "ABC", 3},
	    {"QUJD!!!\x01\xffREVG", "ABCDEF", 6},
	    {"QQ==QkI=", "ABB", 3},
	    {"QUJD\r\n====\r\nREVG", "ABCDEF", 6},
	    {"AAAA", "\0\0\0", 3},
	    {"////", "\xff\xff\xff", 3},
	    {"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=",
	     "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 26},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sbuf sb = SBUF_INIT(1024);

		mime_decode_append(MIME_CTE_BASE64, cases[i].in,
				   strlen(cases[i].in), &sb);
		assert_int_equal(sb.len, cases[i].out_len);
		assert_memory_equal(sbuf_str(&sb), cases[i].out,
				    cases[i].out_len);
		sbuf_release(&sb);
	}
}

/* Decoding in slices, split anywhere, gives what decoding at once gives. */
static void test_base64_streaming(void **state)
{
	unsigned char raw[777];
	struct sbuf enc = SBUF_INIT(4096);
	unsigned char whole[800];
	unsigned char part[800];
	struct mime_b64 st = {0, 0};
	size_t n;

	(void)state;
	for (size_t i = 0; i < sizeof(raw); i++) {
		raw[i] = (unsigned char)(i * 131 + 7);
	}
	message_base64_append(&enc, raw, sizeof(raw));
	/* line breaks every 76 characters, as mail has */
	for (size_t k = 76; k < enc.len; k += 78) {
		struct sbuf t = SBUF_INIT(4096);

		sbuf_add(&t, enc.buf, k);
		sbuf_add(&t, "\r\n", 2);
		sbuf_add(&t, enc.buf + k, enc.len - k);
		sbuf_release(&enc);
		enc = t;
	}
	n = mime_b64_decode(&st, enc.buf, enc.len, whole);
	n += mime_b64_finish(&st, whole + n);
	assert_int_equal(n, sizeof(raw));
	assert_memory_equal(whole, raw, sizeof(raw));
	for (size_t split = 0; split <= enc.len; split++) {
		size_t m;

		st = (struct mime_b64){0, 0};
		m = mime_b64_decode(&st, enc.buf, split, part);
		m += mime_b64_decode(&st, enc.buf + split, enc.len - split,
				     part + m);
		m += mime_b64_finish(&st, part + m);
		assert_int_equal(m, sizeof(raw));
		assert_memory_equal(part, raw, sizeof(raw));
	}
	sbuf_release(&enc);
}

static void test_qp_cases(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
	    {"", ""},
	    {"abc", "abc"},
	    {"=", ""},
	    {"end=", "end"},
	    {"=\r", ""},
	    {"a=3Db", "a=b"},
	    {"a=3db", "a=b"},
	    {"=C3=A9", "\xc3\xa9"},
	    {"soft=\r\nbreak", "softbreak"},
	    {"soft=\nbreak", "softbreak"},
	    {"soft= \t\r\nbreak", "softbreak"},
	    {"bad=G1", "bad=G1"},
	    {"bad=4", "bad=4"},
	    {"==41", "=A"},
	    {"trail  \r\nx", "trail  \r\nx"},
	    {"line1\r\nline2", "line1\r\nline2"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sbuf sb = SBUF_INIT(1024);

		mime_decode_append(MIME_CTE_QP, cases[i].in,
				   strlen(cases[i].in), &sb);
		assert_string_equal(sbuf_str(&sb), cases[i].out);
		sbuf_release(&sb);
	}
}

/* --- charsets ---------------------------------------------------------- */

static void test_charset_cases(void **state)
{
	static const struct {
		const char *cs;
		const char *in;
		size_t len;
		const char *out; /* after NFC */
		bool known;
	} cases[] = {
	    {NULL, "abc", 3, "abc", true},
	    {"", "abc", 3, "abc", true},
	    {"utf-8", "caf\xc3\xa9", 5, "caf\xc3\xa9", true},
	    {"UTF-8", "caf\xe9", 4, "caf\xc3\xa9", true},
	    {"\"utf8\"", "caf\xc3\xa9", 5, "caf\xc3\xa9", true},
	    {"us-ascii", "caf\xc3\xa9", 5, "caf\xc3\xa9", true},
	    {"us-ascii", "caf\xe9", 4, "caf\xc3\xa9", true},
	    {"iso-8859-1", "caf\xe9", 4, "caf\xc3\xa9", true},
	    {"windows-1252", "\x80 \x93x\x94", 5,
	     "\xe2\x82\xac \xe2\x80\x9cx\xe2\x80\x9d", true},
	    {"iso-8859-2", "\xb1", 1, "\xc4\x85", true},
	    {"koi8-r", "\xc1", 1, "\xd0\xb0", true},
	    /* "Việt": ê, then the dot below as a combining mark */
	    {"windows-1258", "Vi\xea\xf2t", 5, "Vi\xe1\xbb\x87t", true},
	    /* "Đồng ý": ends with a combining tone mark, which iconv holds
	     * until it is flushed */
	    {"windows-1258", "\xd0\xf4\xccng y\xec", 8,
	     "\xc4\x90\xe1\xbb\x93ng \xc3\xbd", true},
	    {"cp1258", "y\xec", 2, "\xc3\xbd", true},
	    {"gb2312", "\xc4\xe3\xba\xc3", 4, "\xe4\xbd\xa0\xe5\xa5\xbd", true},
	    {"shift_jis", "\x82\xa0", 2, "\xe3\x81\x82", true},
	    /* a stateful decoder (iconv modules with an $ORIGIN runpath, as
	     * glibc's ISO-2022-JP and UHC, trip valgrind inside ld.so) */
	    {"utf-7", "caf+AOk-", 8, "caf\xc3\xa9", true},
	    {"utf-16le", "a\0b\0", 4, "ab", true},
	    {"utf-16le", "a\0\x3d", 3, "a\xef\xbf\xbd", true},
	    {"x-viet-unknown", "caf\xc3\xa9 \x80", 7,
	     "caf\xc3\xa9 \xe2\x82\xac", false},
	    {"utf-8//TRANSLIT", "ok", 2, "ok", false},
	    {"../../etc/passwd", "ok", 2, "ok", false},
	    {"unknown-8bit", "caf\xe9", 4, "caf\xc3\xa9", false},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sbuf sb = SBUF_INIT(1024);
		bool known = mime_charset_append(cases[i].cs, cases[i].in,
						 cases[i].len, &sb);
		char *nfc = text_nfc(sbuf_str(&sb), sb.len);

		assert_string_equal(nfc, cases[i].out);
		assert_int_equal(known, cases[i].known);
		free(nfc);
		sbuf_release(&sb);
	}
}

static void test_text_clean(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		const char *out;
	} cases[] = {
	    {"", 0, ""},
	    {"a\r\nb\rc\nd", 8, "a\nb\nc\nd"},
	    {"a\0b\x01\x7f"
	     "c\td",
	     8, "abc\td"},
	    {"x\fy\vz", 5, "x\ny\nz"},
	    {"\r\n\r\n", 4, "\n\n"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sbuf sb = SBUF_INIT(64);

		sbuf_add(&sb, cases[i].in, cases[i].len);
		mime_text_clean(&sb);
		assert_string_equal(sbuf_str(&sb), cases[i].out);
		sbuf_release(&sb);
	}
}

/* Invisible characters inside words go; visible ones stay. */
static void test_text_invisible(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {"", ""},
	    {"Kh\xc3\xb4ng\xe2\x80\x8b \xc4\x91\xe1\xbb\x93ng \xc3\xbd",
	     "Kh\xc3\xb4ng \xc4\x91\xe1\xbb\x93ng \xc3\xbd"}, /* U+200B */
	    {"\xef\xbb\xbf\xc4\x90\xe1\xbb\x93ng \xc3\xbd",
	     "\xc4\x90\xe1\xbb\x93ng \xc3\xbd"}, /* a BOM */
	    {"Nh\xc2\xad\xe1\xba\xa5t tr\xc3\xad",
	     "Nh\xe1\xba\xa5t tr\xc3\xad"}, /* U+00AD */
	    {"Kh\xe2\x81\xa0ong", "Khong"}, /* U+2060 */
	    {"a\xc2\xa0"
	     "b \xe2\x80\x94 c \xe2\x80\x8c d \xe2\x80\x8d e",
	     "a\xc2\xa0"
	     "b \xe2\x80\x94 c \xe2\x80\x8c d \xe2\x80\x8d e"},
	    {"\xe2\x80", "\xe2\x80"}, /* cut short: kept */
	    {"\xe2\x80\x8b\xe2\x80\x8b", ""},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sbuf sb = SBUF_INIT(64);
		struct mime_doc d;
		char *raw, *want;

		sbuf_adds(&sb, cases[i].in);
		mime_text_drop_invisible(&sb);
		assert_string_equal(sbuf_str(&sb), cases[i].out);
		sbuf_release(&sb);
		/* and through mime_parse (valid UTF-8 only: the rest is
		 * repaired there first) */
		if (!text_utf8_valid(cases[i].in, strlen(cases[i].in))) {
			continue;
		}
		raw = xasprintf(
		    "Content-Type: text/plain; charset=utf-8\r\n\r\n%s",
		    cases[i].in);
		parse_str(raw, 0, &d);
		want = xasprintf("%s%s", cases[i].out,
				 cases[i].out[0] ? "\n" : "");
		assert_string_equal(d.text, want);
		free(want);
		mime_doc_free(&d);
		free(raw);
	}
	{
		struct mime_doc d;

		parse_str(
		    "Content-Type: text/html\r\n\r\n<p>Kh&ocirc;ng&#8203; "
		    "&#273;&#7891;ng &yacute;</p>",
		    0, &d);
		assert_string_equal(d.text,
				    "Kh\xc3\xb4ng \xc4\x91\xe1\xbb\x93ng "
				    "\xc3\xbd\n");
		mime_doc_free(&d);
	}
}

/* --- format=flowed ----------------------------------------------------- */

static void test_flowed_cases(void **state)
{
	static const struct {
		const char *in;
		bool delsp;
		const char *out;
	} cases[] = {
	    {"", false, ""},
	    {"a\n", false, "a\n"},
	    {"a \nb\n", false, "a b\n"},
	    {"a \nb\n", true, "ab\n"},
	    {"a  \nb\n", true, "a b\n"},
	    {"one \ntwo \nthree\nfour\n", false, "one two three\nfour\n"},
	    {"a \n", false, "a \n"},
	    {"a ", false, "a \n"},
	    {" From here\n", false, "From here\n"},
	    {"  two spaces\n", false, " two spaces\n"},
	    {"-- \nsig\n", false, "-- \nsig\n"},
	    {"> a \n> b\n", false, "> a b\n"},
	    {">a \n>b\n", true, "> ab\n"},
	    {"> a \n>> b\n", false, "> a \n> > b\n"},
	    {">> a \n>> b\nc\n", false, "> > a b\nc\n"},
	    {">\n", false, "> \n"},
	    {"x \n> y\n", false, "x \n> y\n"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sbuf sb = SBUF_INIT(1024);

		mime_flowed_append(cases[i].in, strlen(cases[i].in),
				   cases[i].delsp, &sb);
		assert_string_equal(sbuf_str(&sb), cases[i].out);
		sbuf_release(&sb);
	}
}

/* Through mime_parse: CRLF or LF, DelSp as a parameter. */
static void test_flowed_messages(void **state)
{
	static const struct {
		const char *raw;
		const char *text;
	} cases[] = {
	    {"Content-Type: text/plain; format=flowed\r\n\r\n"
	     "Hello \r\nworld\r\n",
	     "Hello world\n"},
	    {"Content-Type: text/plain; format=flowed\n\nHello \nworld\n",
	     "Hello world\n"},
	    {"Content-Type: text/plain; format=\"Flowed\"; DelSp=\"Yes\"\r\n"
	     "\r\nHel \r\nlo\r\n",
	     "Hello\n"},
	    {"Content-Type: text/plain; format=fixed\r\n\r\nHello "
	     "\r\nworld\r\n",
	     "Hello \nworld\n"},
	    {"Content-Type: text/plain; format=flowed; delsp=yes\r\n"
	     "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
	     "Xin ch=C3=A0o =20\r\nanh.\r\n",
	     "Xin ch\xc3\xa0o anh.\n"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct mime_doc d;

		parse_str(cases[i].raw, 0, &d);
		assert_string_equal(d.text, cases[i].text);
		mime_doc_free(&d);
	}
}

/* --- HTML ---------------------------------------------------------------- */

static void check_html(const char *html, const char *want)
{
	char *t = mime_html_to_text(html, strlen(html));

	assert_string_equal(t, want);
	free(t);
}

static void test_html_layout(void **state)
{
	static const struct {
		const char *html;
		const char *text;
	} cases[] = {
	    {"", ""},
	    {"   ", ""},
	    {"plain", "plain\n"},
	    {"  a   b \n c  ", "a b c\n"},
	    {"<p>a</p><p>b</p>", "a\n\nb\n"},
	    {"a<br>b<br/>c", "a\nb\nc\n"},
	    {"<div>a</div><div>b</div>", "a\nb\n"},
	    {"<div>a</div><div><br></div><div>b</div>", "a\n\nb\n"},
	    {"<div>Alex<br></div><div>x</div>", "Alex\nx\n"},
	    {"<b>a</b> <i>b</i>", "a b\n"},
	    {"a<span> </span>b", "a b\n"},
	    {"<h1>T</h1>text", "T\n\ntext\n"},
	    {"<ul><li>one</li><li>two</li></ul>", "- one\n- two\n"},
	    {"<ol><li>one</li><li>two</li></ol>", "1. one\n2. two\n"},
	    {"<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
	     "a\tb\nc\n"},
	    {"<pre>a  b\n  c</pre>", "a  b\n  c\n"},
	    {"&amp; &lt;x&gt; &quot; &#7891; &#x1EC7; &nbsp;x",
	     "& <x> \" \xe1\xbb\x93 \xe1\xbb\x87  x\n"},
	    {"<head><title>T</title><style>p{color:red}</style></head>"
	     "<body>x<script>var a = '<p>';</script>y</body>",
	     "xy\n"},
	    {"<!-- c --><!DOCTYPE html>x<?pi?>", "x\n"},
	    {"<div style=\"display: none\">hidden</div>shown", "shown\n"},
	    {"<p class=MsoNormal>Hi<o:p></o:p></p><p class=MsoNormal>"
	     "<o:p>&nbsp;</o:p></p><p class=MsoNormal>x<o:p></o:p></p>",
	     "Hi\n\nx\n"},
	    {"<p>Hi</p><p class=MsoNormal>x</p>", "Hi\n\nx\n"},
	    {"a < b and c > d", "a < b and c > d\n"},
	    {"x&#8203;y\xe2\x80\x8ez", "xyz\n"},
	    {"<img src=x alt=y>text", "text\n"},
	    /* iOS NFD comes out NFC */
	    {"<div>\xc4\x90o\xcc\x82\xcc\x80ng y\xcc\x81</div>",
	     "\xc4\x90\xe1\xbb\x93ng \xc3\xbd\n"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		check_html(cases[i].html, cases[i].text);
	}
}

static void test_html_quotes(void **state)
{
	static const struct {
		const char *html;
		const char *text;
	} cases[] = {
	    {"<p>new</p><blockquote>old<blockquote>older</blockquote>"
	     "</blockquote>",
	     "new\n\n> old\n> \n> > older\n"},
	    {"<div dir=\"ltr\">Yes</div><div class=\"gmail_quote\"><div "
	     "class=\"gmail_attr\">On Mon wrote:<br></div><blockquote "
	     "class=\"gmail_quote\">Q</blockquote></div>",
	     "Yes\n> On Mon wrote:\n> \n> Q\n"},
	    {"<div>Yes</div><div class=\"gmail_quote "
	     "gmail_quote_container\">On Mon wrote:<blockquote>Q<blockquote>"
	     "R</blockquote></blockquote></div>",
	     "Yes\n> On Mon wrote:\n> \n> Q\n> \n> > R\n"},
	    {"Yes<div class=\"moz-cite-prefix\">On Mon, A wrote:<br></div>"
	     "<blockquote type=\"cite\">Q</blockquote>",
	     "Yes\nOn Mon, A wrote:\n\n> Q\n"},
	    {"<p class=MsoNormal>Yes</p><div style=\"border:none;border-top:"
	     "solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in\"><p "
	     "class=MsoNormal><b>From:</b> A</p></div><p class=MsoNormal>Q</p>",
	     "Yes\n> From: A\n> Q\n"},
	    {"<p class=MsoNormal>Yes</p><div style='border:none;border-top:"
	     "solid #B5C4DF 1.0pt'><p class=MsoNormal><b>Từ:</b> A</p></div>"
	     "<p class=MsoNormal>Q</p>",
	     "Yes\n> Từ: A\n> Q\n"},
	    {"<div>Yes</div><hr style=\"display:inline-block;width:98%\" "
	     "tabindex=\"-1\"><div id=\"divRplyFwdMsg\" "
	     "dir=\"ltr\"><b>From:</b>"
	     " A</div><div>Q</div>",
	     "Yes\n> From: A\n> Q\n"},
	    {"<div>Yes</div><div id=\"x_divRplyFwdMsg\">From: A</div>Q",
	     "Yes\n> From: A\n> Q\n"},
	    {"<div>Yes</div><span id=\"OLK_SRC_BODY_SECTION\"><div>From: A"
	     "</div><div>Q</div></span>",
	     "Yes\n> From: A\n> Q\n"},
	    {"Yes<hr id=\"stopSpelling\">Date: x<br>Q",
	     "Yes\n> Date: x\n> Q\n"},
	    {"<div>Yes</div><hr id=\"zwchr\"><div><b>From: </b>A</div>Q",
	     "Yes\n> From: A\n> Q\n"},
	    {"<div>Yes</div><div class=\"yahoo_quoted\">Q</div>", "Yes\n> Q\n"},
	    /* a divider inside a quote ends with that quote */
	    {"<blockquote>A<hr id=\"stopSpelling\">B</blockquote>C",
	     "> A\n> > B\n\nC\n"},
	    /* a plain bordered box is not a divider */
	    {"<div style=\"border-top:1px solid #ccc\">Note 12</div>x",
	     "Note 12\nx\n"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		check_html(cases[i].html, cases[i].text);
	}
}

/* A Gmail forward sits in the same div as a quote; it is not quoted. */
static void test_html_gmail_forward(void **state)
{
	size_t len;
	char *html = read_fixture("fwd-inline.html", &len);
	char *t = mime_html_to_text(html, len);

	(void)state;
	assert_false(has_line_starting(t, ">"));
	assert_true(has_line_starting(t, "---------- Forwarded message"));
	assert_true(has_line_starting(t, "S\xe1\xbb\x91: 1234/BTC-KHTC"));
	free(t);
	free(html);
}

/* What a reply trimmer would keep: the text before the first quoted line
 * or header block, without the attribution line ending in ':'. */
static char *talon_new_text(const char *text)
{
	struct sbuf sb = SBUF_INIT(1 << 20);
	const char *p = text;
	char *r;
	char *last;

	while (*p) {
		size_t n = strcspn(p, "\n");

		if (*p == '>' || str_istartswith(p, "From:")) {
			break;
		}
		sbuf_add(&sb, p, n);
		sbuf_addch(&sb, '\n');
		p += n + (p[n] == '\n');
	}
	r = str_trim(sbuf_detach(&sb));
	last = strrchr(r, '\n');
	last = last ? last + 1 : r;
	if (*last && last[strlen(last) - 1] == ':') {
		*last = '\0';
	}
	return str_trim(r);
}

static char *squeeze(const char *s)
{
	struct sbuf sb = SBUF_INIT(1 << 20);

	for (; *s; s++) {
		if (!strchr(" \t\n", *s)) {
			sbuf_addch(&sb, *s);
		}
	}
	return sbuf_detach(&sb);
}

static void test_html_talon(void **state)
{
	static const char *const files[] = {
	    "gmail.html",           "hotmail.html",
	    "mail_ru.html",         "ms_outlook_2003.html",
	    "ms_outlook_2007.html", "ms_outlook_2010.html",
	    "thunderbird.html",     "windows_mail.html",
	    "yandex_ru.html",
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		char *path = xasprintf("%s%s", TALON_DIR, files[i]);
		char *html = NULL;
		size_t len = 0;
		char *text;
		char *fresh;
		char *sq;

		if (file_read_all(path, &html, &len) != 0) {
			fail_msg("cannot read %s", path);
		}
		text = mime_html_to_text(html, len);
		fresh = talon_new_text(text);
		sq = squeeze(fresh);
		if (strcmp(sq, "Hi.Iamfine.Thanks,Alex") != 0) {
			fail_msg("%s: new text %s", files[i], fresh);
		}
		/* Outlook 2010 writes its From: block with no divider */
		assert_int_equal(has_line_starting(text, "> "),
				 strcmp(files[i], "ms_outlook_2010.html") != 0);
		free(sq);
		free(fresh);
		free(text);
		free(html);
		free(path);
	}
}

static void test_html_hostile(void **state)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX - 1);
	char *t;

	(void)state;
	/* 100,000 attributes on one tag: quadratic in libxml2 2.9.14 */
	sbuf_adds(&sb, "<div");
	for (int i = 0; i < 100000; i++) {
		sbuf_addf(&sb, " a%d=\">\"", i);
	}
	sbuf_adds(&sb, ">x</div>");
	t = mime_html_to_text(sb.buf, sb.len);
	assert_string_equal(t, "x\n");
	free(t);
	/* deep nesting, unclosed */
	sbuf_reset(&sb);
	for (int i = 0; i < 100000; i++) {
		sbuf_adds(&sb, "<blockquote><div>");
	}
	sbuf_adds(&sb, "deep");
	t = mime_html_to_text(sb.buf, sb.len);
	assert_true(utf8_valid(t));
	free(t);
	/* invalid UTF-8, NUL, a tag cut off, a quote never closed */
	t = mime_html_to_text("caf\xe9\0<b>x<div class=\"a", 21);
	assert_string_equal(t, "caf\xc3\xa9x\n");
	free(t);
	t = mime_html_to_text("<", 1);
	assert_string_equal(t, "<\n");
	free(t);
	t = mime_html_to_text(NULL, 0);
	assert_string_equal(t, "");
	free(t);
	sbuf_release(&sb);
}

/* --- part headers ---------------------------------------------------- */

static void test_filenames(void **state)
{
	static const struct {
		const char *headers;
		const char *filename;
	} cases[] = {
	    {"Content-Type: application/pdf", NULL},
	    {"Content-Type: application/pdf; name=\"a.pdf\"", "a.pdf"},
	    {"Content-Type: application/pdf; name=a.pdf", "a.pdf"},
	    {"Content-Type: application/pdf; name=\"a.pdf\"\r\n"
	     "Content-Disposition: attachment; filename=\"b.pdf\"",
	     "b.pdf"},
	    {"Content-Type: application/pdf; name=\"a.pdf\"\r\n"
	     "Content-Disposition: attachment; filename=\"\"",
	     "a.pdf"},
	    {"Content-Type: application/pdf\r\nContent-Disposition: "
	     "attachment;\r\n filename*=utf-8''C%C3%B4ng%20v%C4%83n.pdf",
	     "C\xc3\xb4ng v\xc4\x83n.pdf"},
	    {"Content-Type: application/pdf\r\nContent-Disposition: inline;\r\n"
	     "\tfilename*0*=utf-8''C%C3%B4ng%20;\r\n\tfilename*1*=v%C4%83n;\r\n"
	     "\tfilename*2=\".pdf\"",
	     "C\xc3\xb4ng v\xc4\x83n.pdf"},
	    {"Content-Type: application/pdf\r\nContent-Disposition: attachment;"
	     " filename*1=\"b.pdf\"; filename*0=\"a\"",
	     "ab.pdf"},
	    {"Content-Type: application/pdf\r\nContent-Disposition: attachment;"
	     " filename*0=\"a\"; filename*2=\"c\"",
	     "a"},
	    {"Content-Type: application/pdf\r\nContent-Disposition: attachment;"
	     " filename=\"plain.pdf\"; filename*=utf-8''ext.pdf",
	     "ext.pdf"},
	    {"Content-Type: application/pdf\r\nContent-Disposition: attachment;"
	     " filename*=iso-8859-1'en'caf%E9.pdf",
	     "caf\xc3\xa9.pdf"},
	    {"Content-Type: application/pdf\r\nContent-Disposition: attachment;"
	     " filename*=x-unknown''caf%E9.pdf",
	     "caf\xc3\xa9.pdf"},
	    {"Content-Type: application/pdf\r\nContent-Disposition: attachment;"
	     " filename=\"=?UTF-8?B?Q8O0bmcgdsSDbi5wZGY=?=\"",
	     "C\xc3\xb4ng v\xc4\x83n.pdf"},
	    {"Content-Type: application/pdf; name=\"=?windows-1258?Q?C=F4ng_"
	     "v=E3n.pdf?=\"",
	     "C\xc3\xb4ng v\xc4\x83n.pdf"},
	    {"Content-Type: application/pdf; name=\"C\xc3\xb4ng "
	     "v\xc4\x83n.pdf\"",
	     "C\xc3\xb4ng v\xc4\x83n.pdf"},
	    {"Content-Type: application/pdf; name=C\xc3\xb4ng v\xc4\x83n.pdf",
	     "C\xc3\xb4ng v\xc4\x83n.pdf"},
	    {"Content-Type: application/pdf; name=\"caf\xe9.pdf\"",
	     "caf\xc3\xa9.pdf"},
	    {"Content-Type: application/pdf; name=\"a\\\"b.pdf\"", "a\"b.pdf"},
	    /* NFD in, NFC out */
	    {"Content-Type: application/pdf\r\nContent-Disposition: attachment;"
	     " filename*=utf-8''y%CC%81.pdf",
	     "\xc3\xbd.pdf"},
	    {"Content-Type: application/pdf; charset=x name=\"n.pdf\"",
	     "n.pdf"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *raw = one_part(cases[i].headers, "ABC");
		struct mime_doc d;

		parse_str(raw, 0, &d);
		assert_int_equal(d.n_attachments, 1);
		if (cases[i].filename) {
			assert_non_null(d.attachments[0].filename);
			assert_string_equal(d.attachments[0].filename,
					    cases[i].filename);
		} else {
			assert_null(d.attachments[0].filename);
		}
		assert_string_equal(d.attachments[0].content_type,
				    "application/pdf");
		check_doc_sane(&d, 0);
		mime_doc_free(&d);
		free(raw);
	}
}

/* Which parts are attachments, which are the body, which neither. */
static void test_attachment_rules(void **state)
{
	static const char abc_sha[] =
	    "b5d4045c3f466fa91fe2cc6abe79232a1a57cdf104f7a26e716e0a1e2789df78";
	static const struct {
		const char *headers;
		const char *body;
		const char *type; /* of the attachment; NULL: none */
		size_t size;
		const char *sha;
		const char *text; /* the document text */
	} cases[] = {
	    {"Content-Type: text/plain", "two", NULL, 0, NULL, "body\ntwo\n"},
	    {"X-Nothing: 1", "two", NULL, 0, NULL, "body\ntwo\n"},
	    {"Content-Type: text/html", "<p>two</p>", NULL, 0, NULL,
	     "body\ntwo\n"},
	    {"Content-Type: text/calendar; method=REQUEST", "BEGIN:VCALENDAR",
	     NULL, 0, NULL, "body\n"},
	    {"Content-Type: text/plain\r\nContent-Disposition: attachment",
	     "ABC", "text/plain", 3, abc_sha, "body\n"},
	    {"Content-Type: text/plain; name=\"notes.txt\"", "ABC",
	     "text/plain", 3, abc_sha, "body\n"},
	    {"Content-Disposition: inline; filename=\"n.txt\"\r\n"
	     "Content-Type: text/plain",
	     "ABC", "text/plain", 3, abc_sha, "body\n"},
	    {"Content-Type: IMAGE/PNG", "ABC", "image/png", 3, abc_sha,
	     "body\n"},
	    {"Content-Type: application/octet-stream\r\n"
	     "Content-Transfer-Encoding: base64",
	     "QUJD", "application/octet-stream", 3, abc_sha, "body\n"},
	    {"Content-Type: application/octet-stream\r\n"
	     "Content-Transfer-Encoding: BASE64",
	     "QU\r\nJD", "application/octet-stream", 3, abc_sha, "body\n"},
	    {"Content-Type: application/octet-stream\r\n"
	     "Content-Transfer-Encoding: quoted-printable",
	     "a=3Db=\r\nc", "application/octet-stream", 4,
	     "82e9f6ae04b26edddb0be5e09a5c36563d96a6d96659bb033ff13f249ab97219",
	     "body\n"},
	    {"Content-Type: application/octet-stream", "",
	     "application/octet-stream", 0,
	     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	     "body\n"},
	    /* The machine half of a report is not an attachment. */
	    {"Content-Type: message/delivery-status", "ABC", NULL, 0, NULL,
	     "body\n"},
	    {"Content-Type: text/rfc822-headers", "From: a@b", NULL, 0, NULL,
	     "body\n"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *raw = one_part(cases[i].headers, cases[i].body);
		struct mime_doc d;

		parse_str(raw, 0, &d);
		assert_string_equal(d.text, cases[i].text);
		if (!cases[i].type) {
			assert_int_equal(d.n_attachments, 0);
		} else {
			assert_int_equal(d.n_attachments, 1);
			assert_string_equal(d.attachments[0].content_type,
					    cases[i].type);
			assert_int_equal(d.attachments[0].size, cases[i].size);
			assert_string_equal(d.attachments[0].sha256,
					    cases[i].sha);
			assert_null(d.attachments[0].data);
		}
		mime_doc_free(&d);
		free(raw);
	}
}

static void test_keep_pdf(void **state)
{
	static const struct {
		const char *headers;
		unsigned flags;
		bool kept;
	} cases[] = {
	    {"Content-Type: application/pdf\r\nContent-Transfer-Encoding: "
	     "base64",
	     MIME_KEEP_PDF, true},
	    {"Content-Type: application/pdf\r\nContent-Transfer-Encoding: "
	     "base64",
	     0, false},
	    {"Content-Type: application/octet-stream; name=\"X.PDF\"\r\n"
	     "Content-Transfer-Encoding: base64",
	     MIME_KEEP_PDF, true},
	    {"Content-Type: application/octet-stream; name=\"x.doc\"\r\n"
	     "Content-Transfer-Encoding: base64",
	     MIME_KEEP_PDF, false},
	    {"Content-Type: image/png; name=\"x.pdf\"\r\n"
	     "Content-Transfer-Encoding: base64",
	     MIME_KEEP_PDF, false},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *raw = one_part(cases[i].headers, "JVBERi0=");
		struct mime_doc d;

		parse_str(raw, cases[i].flags, &d);
		assert_int_equal(d.n_attachments, 1);
		assert_int_equal(d.attachments[0].size, 5);
		if (cases[i].kept) {
			assert_non_null(d.attachments[0].data);
			assert_memory_equal(d.attachments[0].data, "%PDF-", 5);
		} else {
			assert_null(d.attachments[0].data);
		}
		mime_doc_free(&d);
		free(raw);
	}
}

/* The first calendar part is kept with MIME_KEEP_CALENDAR, decoded and
 * in UTF-8; how attachments are listed does not change. */
static void test_keep_calendar(void **state)
{
	static const char cal_utf8[] = "BEGIN:VCALENDAR\r\nSUMMARY:Hạn\r\n";
	static const struct {
		const char *parts;
		unsigned flags;
		const char *kept; /* NULL: none */
		size_t n_attachments;
	} cases[] = {
	    /* inline in an alternative, base64: kept, not listed */
	    {"--a\r\nContent-Type: text/plain\r\n\r\nAccepted\r\n"
	     "--a\r\nContent-Type: text/calendar; charset=\"utf-8\";"
	     " method=REPLY\r\nContent-Transfer-Encoding: base64\r\n\r\n"
	     "QkVHSU46VkNBTEVOREFSDQpTVU1NQVJZOkjhuqFuDQo=\r\n--a--\r\n",
	     MIME_KEEP_CALENDAR, cal_utf8, 0},
	    {"--a\r\nContent-Type: text/plain\r\n\r\nAccepted\r\n"
	     "--a\r\nContent-Type: text/calendar; method=REPLY\r\n"
	     "Content-Transfer-Encoding: base64\r\n\r\n"
	     "QkVHSU46VkNBTEVOREFSDQpTVU1NQVJZOkjhuqFuDQo=\r\n--a--\r\n",
	     0, NULL, 0},
	    /* quoted-printable in windows-1258, as an attachment too: the
	     * first of two is kept */
	    {"--a\r\nContent-Type: text/calendar; charset=windows-1258\r\n"
	     "Content-Disposition: attachment; filename=a.ics\r\n"
	     "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
	     "BEGIN:VCALENDAR=0D=0ASUMMARY:Ha=F2n=0D=0A\r\n"
	     "--a\r\nContent-Type: application/ics; name=b.ics\r\n\r\n"
	     "second\r\n--a--\r\n",
	     MIME_KEEP_CALENDAR, cal_utf8, 2},
	    {"--a\r\nContent-Type: application/ics; name=invite.ics\r\n\r\n"
	     "BEGIN:VCALENDAR\r\n--a--\r\n",
	     MIME_KEEP_CALENDAR, "BEGIN:VCALENDAR", 1},
	    {"--a\r\nContent-Type: text/plain\r\n\r\nno calendar\r\n--a--\r\n",
	     MIME_KEEP_CALENDAR, NULL, 0},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *raw =
		    xasprintf("From: a@example.vn\r\nMIME-Version: 1.0"
			      "\r\nContent-Type: multipart/%s;"
			      " boundary=a\r\n\r\n%s",
			      i < 2 ? "alternative" : "mixed", cases[i].parts);
		struct mime_doc d;

		parse_str(raw, cases[i].flags, &d);
		if (cases[i].kept) {
			assert_non_null(d.calendar);
			assert_string_equal(d.calendar, cases[i].kept);
			assert_int_equal(d.calendar_len, strlen(cases[i].kept));
		} else {
			assert_null(d.calendar);
		}
		assert_int_equal(d.n_attachments, cases[i].n_attachments);
		mime_doc_free(&d);
		free(raw);
	}
}

/* --- structure ------------------------------------------------------- */

static void test_alternatives(void **state)
{
	static const struct {
		const char *parts;
		const char *text;
		bool from_html;
	} cases[] = {
	    {"--a\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n"
	     "--a\r\nContent-Type: text/plain\r\n\r\nplain\r\n--a--\r\n",
	     "plain\n", false},
	    {"--a\r\nContent-Type: text/plain\r\n\r\nplain\r\n"
	     "--a\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--a--\r\n",
	     "plain\n", false},
	    {"--a\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--a--\r\n",
	     "html\n", true},
	    {"--a\r\nContent-Type: multipart/related; boundary=r\r\n\r\n"
	     "--r\r\nContent-Type: text/html\r\n\r\n<p>rel</p>\r\n"
	     "--r\r\nContent-Type: image/png\r\n\r\nPNG\r\n--r--\r\n--a--\r\n",
	     "rel\n", true},
	    {"--a\r\nContent-Type: text/enriched\r\n\r\nenriched\r\n"
	     "--a\r\nContent-Type: text/calendar\r\n\r\nBEGIN\r\n--a--\r\n",
	     "", false},
	    /* a text part that only stands in for the HTML: blank (a
	     * webmail's), or a note that the mail is in HTML (HCL Notes, in
	     * Vietnamese, base64) */
	    {"--a\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n\r\n \r\n"
	     "--a\r\nContent-Type: text/html\r\n\r\n<p>Nh\xe1\xba\xa5t "
	     "tr\xc3\xad.</p>\r\n--a--\r\n",
	     "Nh\xe1\xba\xa5t tr\xc3\xad.\n", true},
	    {"--a\r\nContent-Type: text/plain; charset=UTF-8\r\n"
	     "Content-Transfer-Encoding: base64\r\n\r\n"
	     "VGjGsCBuw6B5IOG7nyDEkeG7i25oIGThuqFuZyBIVE1MLg==\r\n"
	     "--a\r\nContent-Type: "
	     "text/html\r\n\r\n<p>Agreed.</p>\r\n--a--\r\n",
	     "Agreed.\n", true},
	    {"--a\r\nContent-Type: text/plain\r\n\r\nThis message is in HTML "
	     "format.\r\n--a\r\nContent-Type: text/html\r\n\r\n<p>Agreed.</p>"
	     "\r\n--a--\r\n",
	     "Agreed.\n", true},
	    /* a short answer that names HTML: the HTML part says the same */
	    {"--a\r\nContent-Type: text/plain\r\n\r\nFile HTML OK.\r\n"
	     "--a\r\nContent-Type: text/html\r\n\r\n<p>File HTML OK.</p>\r\n"
	     "--a--\r\n",
	     "File HTML OK.\n", true},
	    /* a blank text part and nothing else: still the text part */
	    {"--a\r\nContent-Type: text/plain\r\n\r\n\r\n--a--\r\n", "", false},
	    /* a long text part is read whatever it says */
	    {"--a\r\nContent-Type: text/plain\r\n\r\nhtml "
	     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	     "xxxxx"
	     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	     "xxxxx"
	     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	     "xxxxx"
	     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	     "xxxxx"
	     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	     "xxxxx"
	     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	     "xxxxx"
	     "\r\n--a\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n--a--\r\n",
	     "html "
	     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	     "xxxxx"
	     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	     "xxxxx"
	     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	     "xxxxx"
	     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	     "xxxxx"
	     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	     "xxxxx"
	     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	     "xxxxx\n",
	     false},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *raw = xasprintf(
		    "Content-Type: multipart/alternative; boundary=a\r\n\r\n%s",
		    cases[i].parts);
		struct mime_doc d;

		parse_str(raw, 0, &d);
		assert_string_equal(d.text, cases[i].text);
		assert_int_equal(d.text_from_html, cases[i].from_html);
		mime_doc_free(&d);
		free(raw);
	}
}

static void test_reports(void **state)
{
	static const struct {
		const char *ct;
		bool dsn;
	} cases[] = {
	    {"multipart/report; report-type=delivery-status; boundary=r", true},
	    {"multipart/report; report-type=\"Delivery-Status\"; boundary=r",
	     true},
	    {"multipart/report; report-type=disposition-notification; "
	     "boundary=r",
	     false},
	    {"multipart/mixed; report-type=delivery-status; boundary=r", false},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *raw = xasprintf(
		    "Content-Type: %s\r\n\r\n--r\r\nContent-Type: "
		    "text/plain\r\n"
		    "\r\nfailed\r\n--r\r\nContent-Type: message/delivery-status"
		    "\r\n\r\nStatus: 5.1.1\r\n--r--\r\n",
		    cases[i].ct);
		struct mime_doc d;

		parse_str(raw, 0, &d);
		assert_int_equal(d.is_delivery_report, cases[i].dsn);
		assert_string_equal(d.text, "failed\n");
		mime_doc_free(&d);
		free(raw);
	}
}

/* The first message/rfc822 is the forward (also base64-encoded); later
 * ones are attachments. */
static void test_forwards(void **state)
{
	static const char inner[] =
	    "From: =?UTF-8?Q?B=E1=BB=99_T=C3=A0i_ch=C3=ADnh?= "
	    "<vt@mof.example.vn>\r\nSubject: "
	    "=?UTF-8?B?Vi92IGLDoW8gY8Ohbw==?=\r\n"
	    "Date:  Fri, 20 Nov 2026\r\n 16:45:03 +0700\r\n\r\nletter\r\n";
	struct sbuf b64 = SBUF_INIT(1 << 20);
	char *raw;
	struct mime_doc d;

	(void)state;
	message_base64_append(&b64, (const unsigned char *)inner,
			      strlen(inner));
	raw =
	    xasprintf("Content-Type: multipart/mixed; boundary=o\r\n\r\n"
		      "--o\r\nContent-Type: text/plain\r\n\r\nnote\r\n"
		      "--o\r\nContent-Type: message/rfc822\r\n"
		      "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n"
		      "--o\r\nContent-Type: message/rfc822; name=\"second.eml\""
		      "\r\n\r\n%s\r\n--o--\r\n",
		      sbuf_str(&b64), inner);
	parse_str(raw, 0, &d);
	assert_string_equal(d.text, "note\n");
	assert_non_null(d.forwarded);
	assert_string_equal(d.forwarded->text, "letter\n");
	assert_string_equal(d.fwd_subject, "V/v b\xc3\xa1o c\xc3\xa1o");
	assert_string_equal(d.fwd_from_name,
			    "B\xe1\xbb\x99 T\xc3\xa0i ch\xc3\xadnh");
	assert_string_equal(d.fwd_from_addr, "vt@mof.example.vn");
	assert_string_equal(d.fwd_date, "Fri, 20 Nov 2026 16:45:03 +0700");
	assert_int_equal(d.n_attachments, 1);
	assert_string_equal(d.attachments[0].content_type, "message/rfc822");
	assert_string_equal(d.attachments[0].filename, "second.eml");
	assert_int_equal(d.attachments[0].size, strlen(inner));
	check_doc_sane(&d, 0);
	mime_doc_free(&d);
	free(raw);
	sbuf_release(&b64);
}

/* --- fixtures ------------------------------------------------------------- */

static void test_fixture_gmail_alternative(void **state)
{
	struct mime_doc d;

	(void)state;
	parse_fixture("gmail-alternative-vi.eml", 0, &d);
	assert_string_equal(
	    d.text,
	    "K\xc3\xadnh g\xe1\xbb\xad"
	    "i V\xc4\x83n th\xc6\xb0,\n\nPh\xc3\xb2ng K\xe1\xba\xbf ho\xe1\xba"
	    "\xa1"
	    "ch - T\xc3\xa0i ch\xc3\xadnh \xc4\x91\xc3\xa3 nh\xe1\xba\xad"
	    "n \xc4\x91\xc6\xb0\xe1\xbb\xa3"
	    "c C\xc3\xb4ng v\xc4\x83n s\xe1\xbb\x91 2536/BCT-VP ng\xc3\xa0y\n"
	    "27/4/2023. Ch\xc3\xbang t\xc3\xb4i \xc4\x91\xe1\xbb\x93ng "
	    "\xc3\xbd "
	    "v\xe1\xbb\x9bi \xc4\x91\xe1\xbb\x81 xu\xe1\xba\xa5t v\xc3\xa0 "
	    "s\xe1\xba\xbd g\xe1\xbb\xadi b\xc3\xa1o c\xc3\xa1o tr\xc6\xb0\xe1"
	    "\xbb\x9b"
	    "c ng\xc3\xa0y\n20/5/2026.\n\nTr\xc3\xa2n tr\xe1\xbb\x8dng,\n"
	    "Nguy\xe1\xbb\x85n Th\xe1\xbb\x8b Lan\nPh\xc3\xb2ng K\xe1\xba\xbf "
	    "ho\xe1\xba\xa1"
	    "ch - T\xc3\xa0i ch\xc3\xadnh\n");
	assert_false(d.text_from_html);
	assert_int_equal(d.n_attachments, 0);
	assert_null(d.forwarded);
	check_doc_sane(&d, 0);
	mime_doc_free(&d);
}

static void test_fixture_outlook_1258(void **state)
{
	struct mime_doc d;

	(void)state;
	parse_fixture("outlook-html-1258.eml", 0, &d);
	assert_true(d.text_from_html);
	assert_false(d.charset_unknown);
	assert_string_equal(
	    d.text,
	    "\xc4\x90\xe1\xbb\x93ng \xc3\xbd.\n\nPh\xc3\xb2ng T\xe1\xbb\x95 "
	    "ch\xe1\xbb\xa9"
	    "c c\xc3\xa1n b\xe1\xbb\x99 s\xe1\xba\xbd c\xe1\xbb\xad \xc4\x91"
	    "\xe1\xbb\x93ng ch\xc3\xad Tr\xe1\xba\xa7n V\xc4\x83n H\xc3\xb9ng "
	    "tham d\xe1\xbb\xb1 h\xe1\xbb\x99i ngh\xe1\xbb\x8b.\n\nTr\xc3\xa2n "
	    "tr\xe1\xbb\x8dng,\nL\xc3\xaa Th\xe1\xbb\x8b "
	    "H\xc6\xb0\xc6\xa1ng\n\n"
	    "> From: V\xc4\x83n th\xc6\xb0 <vanthu@congvan.test>\n"
	    "> Sent: Thursday, November 26, 2026 8:30 AM\n"
	    "> To: L\xc3\xaa Th\xe1\xbb\x8b H\xc6\xb0\xc6\xa1ng "
	    "<huong.lt@tccb.example.vn>\n"
	    "> Subject: [CV-2026-000124] V/v c\xe1\xbb\xad c\xc3\xa1n "
	    "b\xe1\xbb\x99 tham d\xe1\xbb\xb1 H\xe1\xbb\x99i ngh\xe1\xbb\x8b "
	    "t\xe1\xbb\x95ng k\xe1\xba\xbft\n> \n"
	    "> K\xc3\xadnh g\xe1\xbb\xadi Ph\xc3\xb2ng T\xe1\xbb\x95 ch\xe1\xbb"
	    "\xa9"
	    "c c\xc3\xa1n b\xe1\xbb\x99,\n> \xc4\x90\xe1\xbb\x81 "
	    "ngh\xe1\xbb\x8b "
	    "Ph\xc3\xb2ng c\xe1\xbb\xad c\xc3\xa1n b\xe1\xbb\x99 tham "
	    "d\xe1\xbb\xb1 H\xe1\xbb\x99i ngh\xe1\xbb\x8b t\xe1\xbb\x95ng "
	    "k\xe1\xba\xbft c\xc3\xb4ng t\xc3\xa1"
	    "c n\xc4\x83m 2026.\n");
	check_doc_sane(&d, 0);
	mime_doc_free(&d);
}

static void test_fixture_thunderbird_flowed(void **state)
{
	struct mime_doc d;

	(void)state;
	parse_fixture("thunderbird-flowed.eml", 0, &d);
	assert_string_equal(
	    d.text,
	    "Ch\xc3\xa0o anh Tu\xe1\xba\xa5n,\n\nV\xe1\xbb\x81 vi\xe1\xbb\x87"
	    "c g\xc3\xb3p \xc3\xbd d\xe1\xbb\xb1 th\xe1\xba\xa3o Th\xc3\xb4ng "
	    "t\xc6\xb0 quy \xc4\x91\xe1\xbb\x8bnh v\xe1\xbb\x81 "
	    "qu\xe1\xba\xa3n "
	    "l\xc3\xbd t\xc3\xa0i s\xe1\xba\xa3n c\xc3\xb4ng, V\xe1\xbb\xa5 "
	    "Ph\xc3\xa1p ch\xe1\xba\xbf th\xe1\xbb\x91ng nh\xe1\xba\xa5t "
	    "v\xe1\xbb\x9bi n\xe1\xbb\x99i dung d\xe1\xbb\xb1 th\xe1\xba\xa3o "
	    "v\xc3\xa0 \xc4\x91\xe1\xbb\x81 ngh\xe1\xbb\x8b b\xe1\xbb\x95 sung "
	    "\xc4\x90i\xe1\xbb\x81u 5 nh\xc6\xb0 sau: \"Th\xe1\xbb\x9di h\xe1"
	    "\xba\xa1n g\xe1\xbb\xadi b\xc3\xa1o c\xc3\xa1o ch\xe1\xba\xadm "
	    "nh\xe1\xba\xa5t l\xc3\xa0 ng\xc3\xa0y 15 th\xc3\xa1ng 5 "
	    "n\xc4\x83m "
	    "2026.\"\n\nFrom Th\xe1\xbb\xa9 Hai, c\xc3\xa1"
	    "c \xc4\x91\xc6\xa1n v\xe1\xbb\x8b g\xe1\xbb\xadi b\xc3\xa1o "
	    "c\xc3\xa1o qua h\xe1\xbb\x87 th\xe1\xbb\x91ng.\n\n"
	    "V\xc3\xa0o 25/11/2026 15:02, Tr\xe1\xba\xa7n Minh Tu\xe1\xba\xa5n "
	    "\xc4\x91\xc3\xa3 vi\xe1\xba\xbft:\n"
	    "> \xc4\x90\xe1\xbb\x81 ngh\xe1\xbb\x8b V\xe1\xbb\xa5 Ph\xc3\xa1p "
	    "ch\xe1\xba\xbf cho \xc3\xbd ki\xe1\xba\xbfn v\xe1\xbb\x81 "
	    "d\xe1\xbb\xb1 th\xe1\xba\xa3o Th\xc3\xb4ng t\xc6\xb0 tr\xc6\xb0"
	    "\xe1\xbb\x9b"
	    "c ng\xc3\xa0y 30/11/2026.\n"
	    "> > Tr\xc3\xad"
	    "ch \xc3\xbd ki\xe1\xba\xbfn c\xe1\xbb\xa7"
	    "a B\xe1\xbb\x99 T\xc6\xb0 ph\xc3\xa1p v\xe1\xbb\x81 d\xe1\xbb\xb1 "
	    "th\xe1\xba\xa3o.\n\n-- \nPh\xe1\xba\xa1m Qu\xe1\xbb\x91"
	    "c H\xe1\xba\xa3i\nV\xe1\xbb\xa5 Ph\xc3\xa1p ch\xe1\xba\xbf\n");
	check_doc_sane(&d, 0);
	mime_doc_free(&d);
}

static void test_fixture_iphone_nfd(void **state)
{
	struct mime_doc d;

	(void)state;
	parse_fixture("iphone-nfd.eml", 0, &d);
	assert_true(str_startswith(
	    d.text, "\xc4\x90\xe1\xbb\x93ng \xc3\xbd. \xc4\x90\xe1\xbb\x81 "
		    "ngh\xe1\xbb\x8b V\xc4\x83n ph\xc3\xb2ng tr\xc3\xacnh"));
	assert_non_null(strstr(d.text, "\n\n> V\xc3\xa0o 26 thg 11, 2026"));
	assert_null(strstr(d.text, "\xcc\x81")); /* no combining acute */
	check_doc_sane(&d, 0);
	mime_doc_free(&d);
}

static void test_fixture_applemail_pdf(void **state)
{
	static const char name[] =
	    "C\xc3\xb4ng v\xc4\x83n 45-UBND-VP v\xe1\xbb\x81 tri\xe1\xbb\x83n "
	    "khai Ngh\xe1\xbb\x8b \xc4\x91\xe1\xbb\x8bnh 30.pdf";
	const struct mime_attachment *a;
	struct mime_doc d;

	(void)state;
	parse_fixture("applemail-inline-pdf.eml", MIME_KEEP_PDF, &d);
	assert_int_equal(d.n_attachments, 1);
	a = find_att(&d, name);
	assert_non_null(a);
	assert_string_equal(a->content_type, "application/pdf");
	assert_int_equal(a->size, 5773);
	assert_string_equal(a->sha256,
			    "d863d5c1c306f55d2359a8a215e860fd99fa0efb"
			    "1dee8fed3d6cbbb7670d0da7");
	assert_non_null(a->data);
	assert_memory_equal(a->data, "%PDF-1.4", 8);
	/* the text before the attachment and the one after it */
	assert_true(str_startswith(
	    d.text, "K\xc3\xadnh g\xe1\xbb\xadi V\xc4\x83n th\xc6\xb0,\n\n"));
	assert_non_null(strstr(d.text, "\nHoang Van Nam\nVan phong UBND\n"));
	check_doc_sane(&d, 0);
	mime_doc_free(&d);
	parse_fixture("applemail-inline-pdf.eml", 0, &d);
	assert_null(d.attachments[0].data);
	mime_doc_free(&d);
}

static void test_fixture_gmail_fwd(void **state)
{
	const struct mime_doc *f;
	struct mime_doc d;

	(void)state;
	parse_fixture("gmail-fwd-rfc822.eml", MIME_KEEP_PDF, &d);
	assert_string_equal(d.text, "Chuy\xe1\xbb\x83n V\xc4\x83n th\xc6\xb0 "
				    "v\xc3\xa0o s\xe1\xbb\x95 c\xc3\xb4ng "
				    "v\xc4\x83n \xc4\x91\xe1\xba\xbfn.\n");
	assert_int_equal(d.n_attachments, 0);
	f = d.forwarded;
	assert_non_null(f);
	assert_string_equal(d.fwd_subject,
			    "V/v b\xc3\xa1o c\xc3\xa1o t\xc3\xacnh h\xc3\xacnh "
			    "th\xe1\xbb\xb1"
			    "c hi\xe1\xbb\x87n d\xe1\xbb\xb1 to\xc3\xa1n "
			    "ng\xc3\xa2n s\xc3\xa1"
			    "ch n\xc4\x83m 2026");
	assert_string_equal(d.fwd_from_name,
			    "V\xc4\x83n th\xc6\xb0 B\xe1\xbb\x99 T\xc3\xa0i "
			    "ch\xc3\xadnh");
	assert_string_equal(d.fwd_from_addr, "vanthu@mof.example.vn");
	assert_string_equal(d.fwd_date,
			    "Fri, 20 Nov 2026 16:45:03 +0700 (ICT)");
	assert_true(has_line_starting(f->text, "S\xe1\xbb\x91: 1234/BTC-KHTC"));
	assert_true(has_line_starting(f->text, "K\xc3\xadnh g\xe1\xbb\xadi: "));
	assert_int_equal(f->n_attachments, 1);
	assert_string_equal(f->attachments[0].filename, "1234-BTC-KHTC.pdf");
	assert_int_equal(f->attachments[0].size, 2722);
	assert_string_equal(f->attachments[0].sha256,
			    "2c8b507c7d4a48538045eccf3c15f5807dd33861e41fd178b3"
			    "8bf7548abd1b02");
	assert_non_null(f->attachments[0].data);
	assert_null(f->forwarded);
	check_doc_sane(&d, 0);
	mime_doc_free(&d);
}

static void test_fixture_fwd_inline(void **state)
{
	struct mime_doc d;

	(void)state;
	parse_fixture("fwd-inline.eml", 0, &d);
	assert_null(d.forwarded);
	assert_false(d.text_from_html);
	assert_non_null(strstr(d.text,
			       "---------- Forwarded message ---------\n"
			       "From: V\xc4\x83n th\xc6\xb0 B\xe1\xbb\x99 "
			       "T\xc3\xa0i ch\xc3\xadnh "
			       "<vanthu@mof.example.vn>\n"));
	assert_true(has_line_starting(d.text, "S\xe1\xbb\x91: 1234/BTC-KHTC"));
	assert_false(has_line_starting(d.text, ">"));
	check_doc_sane(&d, 0);
	mime_doc_free(&d);
}

static void test_fixture_postfix_dsn(void **state)
{
	struct mime_doc d;

	(void)state;
	parse_fixture("postfix-dsn.eml", 0, &d);
	assert_true(d.is_delivery_report);
	assert_true(str_startswith(
	    d.text, "This is the mail system at host mx1.congvan.test.\n"));
	assert_non_null(strstr(d.text, "User unknown"));
	assert_int_equal(d.n_attachments, 0); /* the status part is not one */
	assert_non_null(d.forwarded);
	assert_string_equal(d.fwd_subject,
			    "[CV-2026-000126] Giao x\xe1\xbb\xad l\xc3\xbd");
	assert_string_equal(d.fwd_from_addr, "congvan@congvan.test");
	assert_false(d.forwarded->is_delivery_report);
	check_doc_sane(&d, 0);
	mime_doc_free(&d);
}

static void test_fixture_unknown_charset(void **state)
{
	struct mime_doc d;

	(void)state;
	parse_fixture("unknown-charset.eml", 0, &d);
	assert_true(d.charset_unknown);
	assert_string_equal(d.charset_name, "x-viet-unknown");
	assert_string_equal(
	    d.text, "K\xc3\xadnh g\xe1\xbb\xadi V\xc4\x83n th\xc6\xb0,\n\n"
		    "\xc4\x90\xe1\xbb\x81 ngh\xe1\xbb\x8b ti\xe1\xba\xbfp "
		    "nh\xe1\xba\xadn v\xc4\x83n b\xe1\xba\xa3n.\n"
		    "Gi\xc3\xa1: 100\xe2\x82\xac\n");
	check_doc_sane(&d, 0);
	mime_doc_free(&d);
}

static void test_fixture_truncated_base64(void **state)
{
	const struct mime_attachment *a;
	struct mime_doc d;

	(void)state;
	parse_fixture("truncated-base64.eml", MIME_KEEP_PDF, &d);
	assert_string_equal(d.text, "G\xe1\xbb\xadi V\xc4\x83n th\xc6\xb0 "
				    "b\xc3\xa1o c\xc3\xa1o th\xc3\xa1ng 11 "
				    "(t\xe1\xbb\x87p \xc4\x91\xc3\xadnh "
				    "k\xc3\xa8m).\n");
	a = find_att(&d, "BaoCao_T11.pdf");
	assert_non_null(a);
	assert_int_equal(a->size, 3168);
	assert_string_equal(a->sha256,
			    "9fb85e8425cf7d4f1a9235514edc8020652c2abc"
			    "04571e0107f884eac834806d");
	check_doc_sane(&d, 0);
	mime_doc_free(&d);
}

/* --- hostile input --------------------------------------------------- */

static void parse_sbuf(const struct sbuf *sb, struct mime_doc *d)
{
	mime_parse(sbuf_str(sb), sb->len, 0, d);
	check_doc_sane(d, 0);
}

static void test_hostile_nesting(void **state)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX - 1);
	struct mime_doc d;
	size_t depth = 0;

	(void)state;
	for (int i = 0; i < 5000; i++) {
		sbuf_addf(&sb,
			  "Content-Type: multipart/mixed; boundary=\"b%d\"\r\n"
			  "\r\n--b%d\r\n",
			  i, i);
	}
	sbuf_adds(&sb, "Content-Type: text/plain\r\n\r\ndeepest\r\n");
	parse_sbuf(&sb, &d);
	assert_string_equal(d.text, "");
	mime_doc_free(&d);

	sbuf_reset(&sb);
	for (int i = 0; i < 5000; i++) {
		sbuf_addf(&sb,
			  "Content-Type: message/rfc822\r\n\r\n"
			  "Subject: level %d\r\n",
			  i);
	}
	sbuf_adds(&sb, "\r\ninnermost\r\n");
	parse_sbuf(&sb, &d);
	for (const struct mime_doc *f = &d; f->forwarded; f = f->forwarded) {
		depth++;
	}
	assert_true(depth > 10 && depth <= MIME_DEPTH_MAX);
	mime_doc_free(&d);

	sbuf_reset(&sb);
	for (int i = 0; i < 5000; i++) {
		sbuf_adds(&sb, "Content-Type: multipart/digest; boundary=d\r\n"
			       "\r\n--d\r\n\r\n");
	}
	parse_sbuf(&sb, &d);
	mime_doc_free(&d);
	sbuf_release(&sb);
}

/* Many sibling containers are all read; a chain deeper than
 * MIME_DEPTH_MAX is read down to the cap. */
static void test_hostile_containers(void **state)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX - 1);
	struct mime_doc d;

	(void)state;
	sbuf_adds(&sb, "Content-Type: multipart/mixed; boundary=top\r\n\r\n"
		       "--top\r\nContent-Type: text/plain\r\n\r\nbody\r\n");
	for (int i = 0; i < 40; i++) {
		sbuf_addf(
		    &sb,
		    "--top\r\nContent-Type: multipart/mixed; boundary=m%d\r\n"
		    "\r\n--m%d\r\nContent-Type: application/octet-stream; "
		    "name=\"f%d.bin\"\r\n\r\nABC\r\n--m%d--\r\n",
		    i, i, i, i);
	}
	sbuf_adds(&sb, "--top--\r\n");
	parse_sbuf(&sb, &d);
	assert_string_equal(d.text, "body\n");
	assert_int_equal(d.n_attachments, 40);
	for (int i = 0; i < 40; i++) {
		char name[16];

		snprintf(name, sizeof(name), "f%d.bin", i);
		assert_string_equal(d.attachments[i].filename, name);
		assert_int_equal(d.attachments[i].size, 3);
	}
	mime_doc_free(&d);

	/* a chain of 40 nested multiparts, an attachment at each level */
	sbuf_reset(&sb);
	for (int i = 0; i < 40; i++) {
		sbuf_addf(&sb,
			  "Content-Type: multipart/mixed; boundary=n%d\r\n\r\n"
			  "--n%d\r\nContent-Type: application/octet-stream; "
			  "name=\"a%d\"\r\n\r\nABC\r\n--n%d\r\n",
			  i, i, i, i);
	}
	sbuf_adds(&sb, "Content-Type: text/plain\r\n\r\nend\r\n");
	parse_sbuf(&sb, &d);
	assert_int_equal(d.n_attachments, MIME_DEPTH_MAX);
	for (int i = 0; i < MIME_DEPTH_MAX; i++) {
		char name[16];

		snprintf(name, sizeof(name), "a%d", i);
		assert_string_equal(d.attachments[i].filename, name);
	}
	mime_doc_free(&d);
	sbuf_release(&sb);
}

static void test_hostile_parts(void **state)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX - 1);
	struct mime_doc d;
	size_t n = 0;

	(void)state;
	sbuf_adds(&sb, "Content-Type: multipart/mixed; boundary=b\r\n\r\n");
	for (int i = 0; i < 50000; i++) {
		sbuf_adds(&sb, "--b\r\nContent-Type: image/gif\r\n\r\nx\r\n");
	}
	sbuf_adds(&sb, "--b--\r\n");
	parse_sbuf(&sb, &d);
	assert_true(d.n_attachments > 0 && d.n_attachments < MIME_PARTS_MAX);
	mime_doc_free(&d);

	/* text parts are joined, up to the cap */
	sbuf_reset(&sb);
	sbuf_adds(&sb, "Content-Type: multipart/mixed; boundary=b\r\n\r\n");
	for (int i = 0; i < 5000; i++) {
		sbuf_adds(&sb, "--b\r\n\r\nx\r\n");
	}
	parse_sbuf(&sb, &d);
	for (const char *p = d.text; *p; p++) {
		n += *p == 'x';
	}
	assert_true(n > 0 && n < MIME_PARTS_MAX);
	mime_doc_free(&d);
	sbuf_release(&sb);
}

static void test_hostile_headers(void **state)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX - 1);
	struct mime_doc d;

	(void)state;
	/* comments nested 300,000 deep, in the type and in a From */
	sbuf_adds(&sb, "From: ");
	for (int i = 0; i < 300000; i++) {
		sbuf_addch(&sb, '(');
	}
	sbuf_adds(&sb, "\r\nContent-Type: text/plain");
	for (int i = 0; i < 300000; i++) {
		sbuf_addch(&sb, '(');
	}
	sbuf_adds(&sb, "\r\n\r\nbody\r\n");
	parse_sbuf(&sb, &d);
	assert_string_equal(d.text, "body\n");
	mime_doc_free(&d);

	/* a 4 MiB header line */
	sbuf_reset(&sb);
	sbuf_adds(&sb, "Subject: ");
	for (int i = 0; i < 4 * 1024 * 1024; i++) {
		sbuf_addch(&sb, 'a');
	}
	sbuf_adds(&sb, "\r\nContent-Type: text/plain\r\n\r\nbody\r\n");
	parse_sbuf(&sb, &d);
	assert_string_equal(d.text, "body\n");
	mime_doc_free(&d);
	sbuf_release(&sb);
}

static void test_hostile_boundaries(void **state)
{
	static const struct {
		const char *raw;
		const char *text;
		size_t n_att;
	} cases[] = {
	    /* no boundary parameter: the body is text */
	    {"Content-Type: multipart/mixed\r\n\r\n--x\r\nhello\r\n",
	     "--x\nhello\n", 0},
	    /* a boundary that never occurs */
	    {"Content-Type: multipart/mixed; boundary=zz\r\n\r\nhello\r\n",
	     "hello\n", 0},
	    /* never closed */
	    {"Content-Type: multipart/mixed; boundary=zz\r\n\r\n--zz\r\n\r\n"
	     "open\r\n--zz\r\nContent-Type: image/png\r\n\r\nPNG",
	     "open\n", 1},
	    /* never closed, a line starting "--" in the last part: libetpan
	     * would cut the text there */
	    {"Content-Type: multipart/mixed; boundary=zz\r\n\r\n--zz\r\n\r\n"
	     "text\r\n-- \r\nsignature\r\n--not-a-boundary\r\nend",
	     "text\n-- \nsignature\n--not-a-boundary\nend\n", 0},
	    /* the same, nested three deep */
	    {"Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n"
	     "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
	     "Content-Type: multipart/mixed; boundary=c\r\n\r\n--c\r\n\r\n"
	     "one\r\n--x\r\ntwo\r\n--y\r\nthree",
	     "one\n--x\ntwo\n--y\nthree\n", 0},
	    /* an inner multipart never closed, the outer goes on */
	    {"Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\n"
	     "Content-Type: multipart/alternative; boundary=i\r\n\r\n--i\r\n"
	     "\r\ninner\r\n--o\r\nContent-Type: "
	     "image/png\r\n\r\nPNG\r\n--o--\r\n",
	     "inner\n", 1},
	    /* empty boundary, NUL in the body */
	    {"Content-Type: multipart/mixed; "
	     "boundary=\"\"\r\n\r\n--\r\n\r\nx\r\n",
	     NULL, 0},
	    /* truncated in the middle of a part header */
	    {"Content-Type: multipart/mixed; "
	     "boundary=b\r\n\r\n--b\r\nContent-Ty",
	     NULL, 0},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct mime_doc d;

		parse_str(cases[i].raw, 0, &d);
		check_doc_sane(&d, 0);
		if (cases[i].text) {
			assert_string_equal(d.text, cases[i].text);
			assert_int_equal(d.n_attachments, cases[i].n_att);
		}
		mime_doc_free(&d);
	}
}

/* Where parts begin and end (RFC 2046 5.1.1). */
static void test_split_rules(void **state)
{
	static const struct {
		const char *raw;
		const char *text;
		size_t n_att;
		size_t att_size; /* of the first attachment */
	} cases[] = {
	    /* the line end before a delimiter is not content */
	    {"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
	     "Content-Type: application/x-a\r\n\r\nABC\r\n--b--\r\n",
	     "", 1, 3},
	    {"Content-Type: multipart/mixed; boundary=b\n\n--b\n"
	     "Content-Type: application/x-a\n\nABC\n\n--b--\n",
	     "", 1, 4},
	    /* preamble and epilogue are not content */
	    {"Content-Type: multipart/mixed; boundary=b\r\n\r\npreamble\r\n"
	     "--b\r\n\r\ntext\r\n--b--\r\nepilogue\r\n",
	     "text\n", 0, 0},
	    /* "--b2" is not a delimiter of b; transport padding is allowed */
	    {"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b \t\r\n"
	     "\r\none\r\n--b2\r\ntwo\r\n--b\r\n"
	     "Content-Type: application/x-a\r\n\r\nXY\r\n--b--",
	     "one\n--b2\ntwo\n", 1, 2},
	    /* a delimiter in the middle of a line is content */
	    {"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
	     "\r\nsee --b here\r\n--b--\r\n",
	     "see --b here\n", 0, 0},
	    /* a part that starts with its text has no header block */
	    {"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
	     "Hello there\r\n--b--\r\n",
	     "Hello there\n", 0, 0},
	    /* the parts of a digest are messages by default */
	    {"Content-Type: multipart/digest; boundary=b\r\n\r\n--b\r\n"
	     "\r\nSubject: one\r\n\r\nfirst\r\n--b\r\n\r\n"
	     "Subject: two\r\n\r\nsecond\r\n--b--\r\n",
	     "", 1, 22},
	    /* a nested multipart may reuse a longer boundary */
	    {"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
	     "Content-Type: multipart/alternative; boundary=bb\r\n\r\n"
	     "--bb\r\nContent-Type: text/plain\r\n\r\nplain\r\n--bb\r\n"
	     "Content-Type: text/html\r\n\r\n<p>html</p>\r\n--bb--\r\n"
	     "--b\r\nContent-Type: image/png\r\n\r\nPNG\r\n--b--\r\n",
	     "plain\n", 1, 3},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct mime_doc d;

		parse_str(cases[i].raw, 0, &d);
		check_doc_sane(&d, 0);
		assert_string_equal(d.text, cases[i].text);
		assert_int_equal(d.n_attachments, cases[i].n_att);
		if (cases[i].n_att > 0) {
			assert_int_equal(d.attachments[0].size,
					 cases[i].att_size);
		}
		mime_doc_free(&d);
	}
}

/* Mutated fixtures: whatever comes in, the document is sane. */
static void test_hostile_mutations(void **state)
{
	static const char *const files[] = {
	    "gmail-alternative-vi.eml", "outlook-html-1258.eml",
	    "thunderbird-flowed.eml",   "iphone-nfd.eml",
	    "applemail-inline-pdf.eml", "gmail-fwd-rfc822.eml",
	    "postfix-dsn.eml",          "truncated-base64.eml",
	};
	static const char *const inserts[] = {
	    "\0", "--", "\r\n", "=", "(", "<", "\xff", "\r\n--b\r\n"};
	uint32_t seed = 12345;

	(void)state;
	for (size_t f = 0; f < ARRAY_SIZE(files); f++) {
		size_t len;
		char *orig = read_fixture(files[f], &len);

		for (int round = 0; round < 40; round++) {
			struct sbuf sb = SBUF_INIT(SIZE_MAX - 1);
			struct mime_doc d;
			size_t at;
			const char *ins;

			seed = seed * 1103515245 + 12345;
			at = (seed >> 8) % len;
			ins = inserts[(seed >> 4) % ARRAY_SIZE(inserts)];
			sbuf_add(&sb, orig, at);
			sbuf_add(&sb, ins, strlen(ins) ? strlen(ins) : 1);
			if (round % 3) {
				sbuf_add(&sb, orig + at, len - at);
			}
			mime_parse(sbuf_str(&sb), sb.len, MIME_KEEP_PDF, &d);
			check_doc_sane(&d, 0);
			mime_doc_free(&d);
			sbuf_release(&sb);
		}
		free(orig);
	}
}

/* A delivery report keeps its part for machines and the Message-ID of
 * the mail it returns: from text/rfc822-headers (Postfix) or from the
 * returned message/rfc822 (Gmail). */
static void test_delivery_reports(void **state)
{
	static const struct {
		const char *path, *returned, *status_has;
	} cases[] = {
	    {"tests/data/mail/postfix-bounce.eml",
	     "cv.CV-2026-000013.1777258930.0a1b2c3d4e5f6071@congvan.example.vn",
	     "Final-Recipient: rfc822; khongton@donvi.example.vn"},
	    {"tests/data/inspect/bounce-gmail.eml",
	     "cv.CV-2026-000140.1795659300.b3e7d1a9c05f2648@congvan.test",
	     "Final-Recipient: rfc822; xnk.phongqlxk@moit.example.vn"},
	    {"tests/data/inspect/letter-seed.eml", NULL, NULL},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct mime_doc doc;
		char *data = NULL;
		size_t len = 0;

		if (file_read_all(cases[i].path, &data, &len) != 0) {
			fail_msg("cannot read %s", cases[i].path);
		}
		mime_parse(data, len, 0, &doc);
		if (cases[i].returned) {
			assert_non_null(doc.returned_message_id);
			assert_string_equal(doc.returned_message_id,
					    cases[i].returned);
			assert_non_null(doc.delivery_status);
			assert_non_null(
			    strstr(doc.delivery_status, cases[i].status_has));
		} else {
			assert_null(doc.returned_message_id);
			assert_null(doc.delivery_status);
		}
		mime_doc_free(&doc);
		free(data);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_edges),
	    cmocka_unit_test(test_base64_cases),
	    cmocka_unit_test(test_base64_streaming),
	    cmocka_unit_test(test_qp_cases),
	    cmocka_unit_test(test_charset_cases),
	    cmocka_unit_test(test_text_clean),
	    cmocka_unit_test(test_flowed_cases),
	    cmocka_unit_test(test_flowed_messages),
	    cmocka_unit_test(test_html_layout),
	    cmocka_unit_test(test_html_quotes),
	    cmocka_unit_test(test_html_gmail_forward),
	    cmocka_unit_test(test_html_talon),
	    cmocka_unit_test(test_html_hostile),
	    cmocka_unit_test(test_filenames),
	    cmocka_unit_test(test_attachment_rules),
	    cmocka_unit_test(test_keep_pdf),
	    cmocka_unit_test(test_keep_calendar),
	    cmocka_unit_test(test_alternatives),
	    cmocka_unit_test(test_text_invisible),
	    cmocka_unit_test(test_reports),
	    cmocka_unit_test(test_forwards),
	    cmocka_unit_test(test_fixture_gmail_alternative),
	    cmocka_unit_test(test_fixture_outlook_1258),
	    cmocka_unit_test(test_fixture_thunderbird_flowed),
	    cmocka_unit_test(test_fixture_iphone_nfd),
	    cmocka_unit_test(test_fixture_applemail_pdf),
	    cmocka_unit_test(test_fixture_gmail_fwd),
	    cmocka_unit_test(test_fixture_fwd_inline),
	    cmocka_unit_test(test_fixture_postfix_dsn),
	    cmocka_unit_test(test_fixture_unknown_charset),
	    cmocka_unit_test(test_fixture_truncated_base64),
	    cmocka_unit_test(test_hostile_nesting),
	    cmocka_unit_test(test_hostile_containers),
	    cmocka_unit_test(test_split_rules),
	    cmocka_unit_test(test_hostile_parts),
	    cmocka_unit_test(test_hostile_headers),
	    cmocka_unit_test(test_hostile_boundaries),
	    cmocka_unit_test(test_hostile_mutations),
	    cmocka_unit_test(test_delivery_reports),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
