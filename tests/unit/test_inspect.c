/* Unit tests for src/inspect: where the letter of a message is read from,
 * and the fallback when its text is not in the mail at all (a scan
 * without a text layer, a Word file): the number and date from the
 * covering mail's subject, body or attachment file name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "congvan/inspect.h"
#include "congvan/util.h"

/* A mail from a provincial department with one attachment: filename
 * (RFC 2231, UTF-8), content type, and a body that may be empty. */
static char *covering_mail(const char *subject, const char *body,
			   const char *filename, const char *type,
			   const char *extra_headers)
{
	struct sbuf sb = SBUF_INIT(1 << 20);

	sbuf_addf(
	    &sb,
	    "From: =?UTF-8?B?VsSDbiB0aMawIFPhu58=?= <vanthu@laocai.example>\r\n"
	    "To: congvan@bo.gov.vn\r\n"
	    "Subject: %s\r\n"
	    "Date: Mon, 19 Oct 2026 08:00:00 +0700\r\n"
	    "Message-ID: <cover-%zu@laocai.example>\r\n"
	    "%s"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
	    "--b\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n"
	    "%s\r\n",
	    subject, strlen(subject), extra_headers, body);
	if (filename) {
		sbuf_addf(&sb,
			  "--b\r\n"
			  "Content-Type: %s\r\n"
			  "Content-Disposition: attachment; filename=\"%s\"\r\n"
			  "Content-Transfer-Encoding: base64\r\n\r\n"
			  /* "%%PDF-1.4" and junk: no text layer to read */
			  "JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL1hPYmplY3Q+"
			  "PgplbmRvYmoK\r\n",
			  type, filename);
	}
	sbuf_adds(&sb, "--b--\r\n");
	return sbuf_detach(&sb);
}

struct cover_case {
	const char *subject, *body, *filename, *type, *headers;
	const char *kind;   /* "letter", "reply" */
	const char *source; /* letter_source, or NULL */
	const char *number, *date;
};

static const struct cover_case cover_cases[] = {
    /* a scanned PDF named in the subject */
    {"=?UTF-8?B?R+G7rWkgY8O0bmcgdsSDbiBz4buRIDg4L1NDVC1RTFRN?=", "",
     "scan0001.pdf", "application/pdf", "", "letter", "cover", "88/SCT-QLTM",
     NULL},
    /* named in the body, with its date */
    {"=?UTF-8?B?R+G7rWkgdsSDbiBi4bqjbg==?=",
     "Kính gửi Bộ Công Thương,\r\n\r\nSở Công Thương tỉnh Lào Cai gửi "
     "Công văn số 88/SCT-QLTM ngày 15/10/2026 về việc phối hợp tổ chức "
     "hội chợ (bản scan gửi kèm).\r\n\r\nTrân trọng.",
     "scan0001.pdf", "application/pdf", "", "letter", "cover", "88/SCT-QLTM",
     "2026-10-15"},
    /* only the file name says it; a Word file */
    {"=?UTF-8?B?R+G7rWkgdsSDbiBi4bqjbg==?=", "Kính gửi Văn phòng Bộ.",
     "CV 88-SCT-QLTM.docx",
     "application/vnd.openxmlformats-officedocument."
     "wordprocessingml.document",
     "", "letter", "cover", "88/SCT-QLTM", NULL},
    /* ... in the older binary format */
    {"=?UTF-8?B?R+G7rWkgdsSDbiBi4bqjbg==?=", "Kính gửi Văn phòng Bộ.",
     "So 88-SCT-QLTM.doc", "application/msword", "", "letter", "cover",
     "88/SCT-QLTM", NULL},
    /* a forward of the covering mail */
    {"Fwd: =?UTF-8?B?R+G7rWkgY8O0bmcgdsSDbiBz4buRIDg4L1NDVC1RTFRN?=",
     "---------- Forwarded message ---------\r\nFrom: <a@laocai.example>"
     "\r\nSubject: x\r\nDate: Mon, 19 Oct 2026\r\nTo: <b@bo.gov.vn>\r\n"
     "\r\nxem tệp",
     "scan0001.pdf", "application/pdf", "", "letter", "cover", "88/SCT-QLTM",
     NULL},
    /* nothing names a letter: no letter */
    {"=?UTF-8?B?R+G7rWkgdsSDbiBi4bqjbg==?=", "Đề nghị xem tệp gửi kèm.",
     "scan0001.pdf", "application/pdf", "", "letter", NULL, NULL, NULL},
    /* no attachment: nothing is covered */
    {"=?UTF-8?B?R+G7rWkgY8O0bmcgdsSDbiBz4buRIDg4L1NDVC1RTFRN?=", "", NULL, NULL,
     "", "letter", NULL, NULL, NULL},
    /* the letter in the body itself is read from the body */
    {"=?UTF-8?B?R+G7rWkgY8O0bmcgdsSDbiBz4buRIDg4L1NDVC1RTFRN?=",
     "SỞ CÔNG THƯƠNG\r\nSố: 88/SCT-QLTM\r\nV/v phối hợp tổ chức hội "
     "chợ\r\n\r\nKính gửi: Bộ Công Thương\r\n",
     "scan0001.pdf", "application/pdf", "", "letter", "body", "88/SCT-QLTM",
     NULL},
    /* a reply (quoting the thread, no Re:) with its answer attached is
     * no covering mail */
    {"=?UTF-8?B?R+G7rWkgdsSDbiBi4bqjbg==?=",
     "Vụ gửi văn bản trả lời.\r\n\r\nOn Mon, Oct 19, 2026 at 9:00 AM "
     "Văn thư <vanthu@bo.gov.vn> wrote:\r\n> Đề nghị Vụ trả lời.\r\n",
     "CV 88-SCT-QLTM.pdf", "application/pdf", "", "reply", NULL, NULL, NULL},
};

/* A reply with an empty body states its position in the subject, before
 * the prefix; a body that says anything is read instead. */
static void test_decision_in_subject(void **state)
{
	static const struct {
		const char *subject, *body;
		enum reply_decision decision;
		const char *text; /* the reply's text read */
	} cases[] = {
	    {"=?UTF-8?B?xJDhu5NuZyDDvQ==?= - Re: [CV-2026-000412] x", "",
	     REPLY_DECISION_AGREE, "Đồng ý"},
	    {"Khong dong y - RE: [CV-2026-000412] x", "\r\n\r\n",
	     REPLY_DECISION_DISAGREE, "Khong dong y"},
	    {"Xong - Re: [CV-2026-000412] x", "Vụ sẽ xem xét.\r\n",
	     REPLY_DECISION_NONE, "Vụ sẽ xem xét."},
	    {"Re: [CV-2026-000412] x - dong y", "", REPLY_DECISION_NONE, ""},
	    {"Dong y - Re: [CV-2026-000412] x", "Không đồng ý.\r\n",
	     REPLY_DECISION_DISAGREE, "Không đồng ý."},
	    /* words that say nothing leave the empty text */
	    {"Gửi anh - Re: [CV-2026-000412] x", "> quoted\r\n",
	     REPLY_DECISION_NONE, ""},
	};
	const struct message_classify_opts opts = {"bo.gov.vn",
						   "congvan@bo.gov.vn", "CV"};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *raw = xasprintf(
		    "From: An <an@bo.gov.vn>\r\nTo: congvan@bo.gov.vn\r\n"
		    "Subject: %s\r\nMessage-ID: <%zu@bo.gov.vn>\r\n"
		    "In-Reply-To: <cv.1@bo.gov.vn>\r\nMIME-Version: 1.0\r\n"
		    "Content-Type: text/plain; charset=utf-8\r\n"
		    "Content-Transfer-Encoding: 8bit\r\n\r\n%s",
		    cases[i].subject, i, cases[i].body);
		struct inspection in;

		inspect_message(raw, strlen(raw), &opts, NULL, &in);
		assert_int_equal(in.kind, MESSAGE_REPLY);
		assert_int_equal(in.reply.decision, cases[i].decision);
		assert_string_equal(in.reply_text, cases[i].text);
		inspect_free(&in);
		free(raw);
	}
}

static void test_letter_from_cover(void **state)
{
	const struct message_classify_opts opts = {"bo.gov.vn",
						   "congvan@bo.gov.vn", "CV"};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cover_cases); i++) {
		const struct cover_case *c = &cover_cases[i];
		char *raw = covering_mail(c->subject, c->body, c->filename,
					  c->type, c->headers);
		struct inspection in;

		inspect_message(raw, strlen(raw), &opts, NULL, &in);
		if (!in.letter_source != !c->source) {
			print_error("case %zu: source %s\n", i,
				    in.letter_source ? in.letter_source
						     : "none");
		}
		assert_string_equal(message_kind_name(in.kind), c->kind);
		assert_int_equal(in.has_letter, c->source != NULL);
		if (c->source) {
			assert_string_equal(in.letter_source, c->source);
			assert_string_equal(in.letter.number, c->number);
			if (c->date) {
				assert_string_equal(in.letter.date, c->date);
			} else {
				assert_null(in.letter.date);
			}
		}
		inspect_free(&in);
		free(raw);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_letter_from_cover),
	    cmocka_unit_test(test_decision_in_subject),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
