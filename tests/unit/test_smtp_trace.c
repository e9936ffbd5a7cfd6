/* The reading of an SMTP dialogue from libcurl's trace (src/smtp/trace.c):
 * real servers' answers as the trace gives them, CRLF included, each line
 * in a call of its own or several in one; what the trace then holds (the
 * stage, the last answer and the stage it answered, the recipients
 * refused, our sender refused) is asserted whole.  No network. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../src/smtp/private.h"

#define FROM "<congvan@bo.gov.vn>"

/* What the client sends (C) and what the server answers (S): one call of
 * the trace each. */
#define C(text)                                                                \
	{                                                                      \
		false, text                                                    \
	}
#define S(text)                                                                \
	{                                                                      \
		true, text                                                     \
	}

struct call {
	bool from_server;
	const char *data; /* NULL: the end of the dialogue */
};

struct want_refusal {
	const char *rcpt; /* NULL: no more */
	long code;
	const char *reply;
	bool for_good;
};

struct dialogue {
	const char *name;
	struct call calls[24];
	enum smtp_stage stage, reply_stage;
	long code;
	const char *reply;
	const char *rcpt; /* the last RCPT TO not refused, or NULL */
	bool offered, sender_refused;
	struct want_refusal refused[3];
};

/* OpenSMTPD's session up to MAIL FROM's answer, each line a call. */
#define OPENSMTPD_START                                                        \
	S("220 mx.bo.gov.vn ESMTP OpenSMTPD\r\n"), C("EHLO congvan\r\n"),      \
	    S("250-mx.bo.gov.vn Hello congvan [127.0.0.1], pleased to meet "   \
	      "you\r\n"),                                                      \
	    S("250-8BITMIME\r\n"), S("250-ENHANCEDSTATUSCODES\r\n"),           \
	    S("250-SIZE 36700160\r\n"), S("250 HELP\r\n"),                     \
	    C("MAIL FROM:" FROM " SIZE=4242\r\n"), S("250 2.0.0 Ok\r\n")

/* Postfix's, its EHLO answer in one call. */
#define POSTFIX_START                                                          \
	S("220 smtp.bo.gov.vn ESMTP Postfix (Debian/GNU)\r\n"),                \
	    C("EHLO congvan\r\n"),                                             \
	    S("250-smtp.bo.gov.vn\r\n250-PIPELINING\r\n250-SIZE "              \
	      "10240000\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n"),      \
	    C("MAIL FROM:" FROM "\r\n"), S("250 2.1.0 Ok\r\n")

#define RCPT_OK(addr)                                                          \
	C("RCPT TO:<" addr ">\r\n"),                                           \
	    S("250 2.1.5 Destination address valid: Recipient ok\r\n")

static const char accepted[] =
    "250 2.0.0 5d1f2a3b Message accepted for delivery";

static const struct dialogue dialogues[] = {
    {"OpenSMTPD: a recipient unknown among two taken",
     {OPENSMTPD_START, RCPT_OK("a.nguyen@bo.gov.vn"),
      C("RCPT TO:<gone@bo.gov.vn>\r\n"),
      S("550 Invalid recipient: <gone@bo.gov.vn>\r\n"),
      RCPT_OK("tttn@bo.gov.vn"), C("DATA\r\n"),
      S("354 Enter mail, end with \".\" on a line by itself\r\n"),
      S("250 2.0.0 5d1f2a3b Message accepted for delivery\r\n")},
     SMTP_STAGE_BODY,
     SMTP_STAGE_BODY,
     250,
     accepted,
     "tttn@bo.gov.vn",
     true,
     false,
     {{"gone@bo.gov.vn", 550, "550 Invalid recipient: <gone@bo.gov.vn>",
       true}}},
    {"Postfix: greylisted, the answer on two lines in two calls",
     {POSTFIX_START, C("RCPT TO:<a@bo.gov.vn>\r\n"),
      S("450-4.2.0 <a@bo.gov.vn>: Recipient address rejected:\r\n"),
      S("450 4.2.0 <a@bo.gov.vn>: Recipient address rejected: "
	"Greylisted\r\n")},
     SMTP_STAGE_RCPT,
     SMTP_STAGE_RCPT,
     450,
     "450-4.2.0 <a@bo.gov.vn>: Recipient address rejected: 4.2.0 "
     "<a@bo.gov.vn>: Recipient address rejected: Greylisted",
     NULL,
     true,
     false,
     {{"a@bo.gov.vn", 450,
       "450-4.2.0 <a@bo.gov.vn>: Recipient address rejected: 4.2.0 "
       "<a@bo.gov.vn>: Recipient address rejected: Greylisted",
       false}}},
    {"a multi-line answer in one call, then one taken",
     {POSTFIX_START, C("RCPT TO:<a@bo.gov.vn>\r\n"),
      S("450-4.2.0 <a@bo.gov.vn>: Recipient address rejected:\r\n450 "
	"4.2.0 Greylisted, see https://postgrey.schweikert.ch/help/"
	"bo.gov.vn.html\r\n"),
      RCPT_OK("b@bo.gov.vn")},
     SMTP_STAGE_RCPT,
     SMTP_STAGE_RCPT,
     250,
     "250 2.1.5 Destination address valid: Recipient ok",
     "b@bo.gov.vn",
     true,
     false,
     {{"a@bo.gov.vn", 450,
       "450-4.2.0 <a@bo.gov.vn>: Recipient address rejected: 4.2.0 "
       "Greylisted, see https://postgrey.schweikert.ch/help/"
       "bo.gov.vn.html",
       false}}},
    {"Postfix: our sender refused at RCPT TO (smtpd_delay_reject)",
     {POSTFIX_START, C("RCPT TO:<tttn@bo.gov.vn>\r\n"),
      S("553 5.7.1 <congvan@bo.gov.vn>: Sender address rejected: not "
	"owned by user congvan\r\n")},
     SMTP_STAGE_RCPT,
     SMTP_STAGE_RCPT,
     553,
     "553 5.7.1 <congvan@bo.gov.vn>: Sender address rejected: not owned "
     "by user congvan",
     NULL,
     true,
     true,
     {{"tttn@bo.gov.vn", 553,
       "553 5.7.1 <congvan@bo.gov.vn>: Sender address rejected: not "
       "owned by user congvan",
       false}}},
    {"Postfix: a recipient unknown, named in the answer",
     {POSTFIX_START, C("RCPT TO:<Gone@Bo.Gov.Vn>\r\n"),
      S("550 5.1.1 <gone@bo.gov.vn>: Recipient address rejected: User "
	"unknown in virtual mailbox table\r\n")},
     SMTP_STAGE_RCPT,
     SMTP_STAGE_RCPT,
     550,
     "550 5.1.1 <gone@bo.gov.vn>: Recipient address rejected: User "
     "unknown in virtual mailbox table",
     NULL,
     true,
     false,
     {{"Gone@Bo.Gov.Vn", 550,
       "550 5.1.1 <gone@bo.gov.vn>: Recipient address rejected: User "
       "unknown in virtual mailbox table",
       true}}},
    {"421 at DATA",
     {OPENSMTPD_START, RCPT_OK("a.nguyen@bo.gov.vn"), C("DATA\r\n"),
      S("421 4.7.0 Try again later\r\n")},
     SMTP_STAGE_DATA,
     SMTP_STAGE_DATA,
     421,
     "421 4.7.0 Try again later",
     "a.nguyen@bo.gov.vn",
     true,
     false,
     {{NULL}}},
    {"354 turns DATA into the message",
     {OPENSMTPD_START, RCPT_OK("a.nguyen@bo.gov.vn"), C("DATA\r\n"),
      S("354 Enter mail, end with \".\" on a line by itself\r\n")},
     SMTP_STAGE_BODY,
     SMTP_STAGE_DATA,
     354,
     "354 Enter mail, end with \".\" on a line by itself",
     "a.nguyen@bo.gov.vn",
     true,
     false,
     {{NULL}}},
    {"5.3.4 after the message",
     {OPENSMTPD_START, RCPT_OK("a.nguyen@bo.gov.vn"), C("DATA\r\n"),
      S("354 Enter mail, end with \".\" on a line by itself\r\n"),
      S("554 5.3.4 Message too big for system\r\n")},
     SMTP_STAGE_BODY,
     SMTP_STAGE_BODY,
     554,
     "554 5.3.4 Message too big for system",
     "a.nguyen@bo.gov.vn",
     true,
     false,
     {{NULL}}},
    {"552 at MAIL FROM",
     {POSTFIX_START, C("MAIL FROM:" FROM " SIZE=31457280\r\n"),
      S("552 5.3.4 Message size exceeds fixed limit\r\n")},
     SMTP_STAGE_MAIL,
     SMTP_STAGE_MAIL,
     552,
     "552 5.3.4 Message size exceeds fixed limit",
     NULL,
     false,
     false,
     {{NULL}}},
    {"a refusing greeting, then QUIT",
     {S("554 No SMTP service\r\n"), C("QUIT\r\n"), S("221 2.0.0 Bye\r\n")},
     SMTP_STAGE_QUIT,
     SMTP_STAGE_GREETING,
     554,
     "554 No SMTP service",
     NULL,
     false,
     false,
     {{NULL}}},
    {"QUIT's answer leaves the one before",
     {OPENSMTPD_START, RCPT_OK("a.nguyen@bo.gov.vn"), C("DATA\r\n"),
      S("354 Enter mail, end with \".\" on a line by itself\r\n"),
      S("250 2.0.0 5d1f2a3b Message accepted for delivery\r\n"), C("QUIT\r\n"),
      S("221 2.0.0 Bye\r\n"), S("550 5.7.1 not a real answer\r\n")},
     SMTP_STAGE_QUIT,
     SMTP_STAGE_BODY,
     250,
     accepted,
     "a.nguyen@bo.gov.vn",
     true,
     false,
     {{NULL}}},
    {"AUTH's lines are no recipients",
     {S("220 smtp.bo.gov.vn ESMTP Postfix (Debian/GNU)\r\n"),
      C("EHLO congvan\r\n"), S("250-smtp.bo.gov.vn\r\n250 AUTH LOGIN\r\n"),
      C("AUTH LOGIN\r\n"), S("334 VXNlcm5hbWU6\r\n"),
      C("Y29uZ3ZhbkBiby5nb3Yudm4=\r\n"), S("334 UGFzc3dvcmQ6\r\n"),
      C("PFJDUFQgVE86PHhAeT4+\r\n"),
      S("535 5.7.8 Error: authentication failed: authentication "
	"failure\r\n")},
     SMTP_STAGE_SESSION,
     SMTP_STAGE_SESSION,
     535,
     "535 5.7.8 Error: authentication failed: authentication failure",
     NULL,
     false,
     false,
     {{NULL}}},
    {"AUTH PLAIN refused, naming our sender: no refusal",
     {S("220 mx.bo.gov.vn ESMTP OpenSMTPD\r\n"),
      C("AUTH PLAIN AGNvbmd2YW4AczNjcjN0\r\n"),
      S("535 5.7.8 <congvan@bo.gov.vn> Authentication failed\r\n")},
     SMTP_STAGE_SESSION,
     SMTP_STAGE_SESSION,
     535,
     "535 5.7.8 <congvan@bo.gov.vn> Authentication failed",
     NULL,
     false,
     false,
     {{NULL}}},
    {"bytes outside printable ASCII become '?'",
     {OPENSMTPD_START, C("RCPT TO:<gone@bo.gov.vn>\r\n"),
      S("550 5.1.1 <gone@bo.gov.vn>: Người nhận không tồn tại\t(vắng)\r\n")},
     SMTP_STAGE_RCPT,
     SMTP_STAGE_RCPT,
     550,
     "550 5.1.1 <gone@bo.gov.vn>: Ng?????i nh???n kh??ng t???n t???i?(v???ng)",
     NULL,
     true,
     false,
     {{"gone@bo.gov.vn", 550,
       "550 5.1.1 <gone@bo.gov.vn>: Ng?????i nh???n kh??ng t???n "
       "t???i?(v???ng)",
       true}}},
    {"an answer longer than SMTP_REPLY_MAX is cut",
     {OPENSMTPD_START, C("RCPT TO:<gone@bo.gov.vn>\r\n"),
      S("550-5.1.1 The email account that you tried to reach does not "
	"exist. Please try\r\n"),
      S("550-5.1.1 double-checking the recipient's email address for "
	"typos or\r\n"),
      S("550-5.1.1 unnecessary spaces. Learn more at\r\n"),
      S("550 5.1.1  https://support.google.com/mail/?p=NoSuchUser "
	"5a1b2c3d4e5f.123 - gsmtp\r\n")},
     SMTP_STAGE_RCPT,
     SMTP_STAGE_RCPT,
     550,
     "550-5.1.1 The email account that you tried to reach does not exist. "
     "Please try 5.1.1 double-checking the recipient's email address for "
     "typos or 5.1.1 unnecessary spaces. Learn more at 5.1.1  https://",
     NULL,
     true,
     false,
     {{"gone@bo.gov.vn", 550,
       "550-5.1.1 The email account that you tried to reach does not "
       "exist. Please try 5.1.1 double-checking the recipient's email "
       "address for typos or 5.1.1 unnecessary spaces. Learn more at "
       "5.1.1  https://",
       true}}},
    {"lines that are no answer are ignored",
     {OPENSMTPD_START, C("RCPT TO:<gone@bo.gov.vn>\r\n"),
      S("Welcome to the proxy\r\n"), S("55\r\n"), S("5500 x\r\n"),
      S("5x0 Invalid recipient\r\n"), S("\r\n"),
      S("550 Invalid recipient: <gone@bo.gov.vn>\r\n")},
     SMTP_STAGE_RCPT,
     SMTP_STAGE_RCPT,
     550,
     "550 Invalid recipient: <gone@bo.gov.vn>",
     NULL,
     true,
     false,
     {{"gone@bo.gov.vn", 550, "550 Invalid recipient: <gone@bo.gov.vn>",
       true}}},
    {"a garbage line inside a multi-line answer",
     {S("220-mx.bo.gov.vn ESMTP\r\nno code here\r\n220 ready\r\n")},
     SMTP_STAGE_GREETING,
     SMTP_STAGE_GREETING,
     220,
     "220-mx.bo.gov.vn ESMTP ready",
     NULL,
     false,
     false,
     {{NULL}}},
};

static void test_dialogues(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(dialogues) / sizeof(dialogues[0]); i++) {
		const struct dialogue *d = &dialogues[i];
		struct smtp_trace t = {0};
		size_t n = 0;

		print_message("%s\n", d->name);
		smtp_trace_start(&t, FROM);
		for (const struct call *c = d->calls; c->data; c++) {
			smtp_trace_feed(&t, c->from_server, c->data,
					strlen(c->data));
		}
		assert_int_equal(t.stage, d->stage);
		assert_int_equal(t.reply_stage, d->reply_stage);
		assert_int_equal(t.reply_code, d->code);
		assert_string_equal(t.reply, d->reply);
		assert_true(strlen(t.reply) < SMTP_REPLY_MAX);
		if (d->rcpt) {
			assert_non_null(t.rcpt);
			assert_string_equal(t.rcpt, d->rcpt);
		} else {
			assert_null(t.rcpt);
		}
		assert_int_equal(t.offered, d->offered);
		assert_int_equal(t.sender_refused, d->sender_refused);
		while (d->refused[n].rcpt) {
			n++;
		}
		assert_int_equal(t.n_refused, n);
		for (size_t j = 0; j < n; j++) {
			assert_string_equal(t.refused[j].rcpt,
					    d->refused[j].rcpt);
			assert_int_equal(t.refused[j].code, d->refused[j].code);
			assert_string_equal(t.refused[j].reply,
					    d->refused[j].reply);
			assert_int_equal(t.refused[j].for_good,
					 d->refused[j].for_good);
		}
		smtp_trace_free(&t);
	}
}

/* A second transaction on the same trace (a reused connection: MAIL FROM
 * first) forgets the first one's answer and refusals. */
static void test_start_again(void **state)
{
	static const char *first[] = {
	    "220 mx.bo.gov.vn ESMTP OpenSMTPD\r\n",
	    "RCPT TO:<gone@bo.gov.vn>\r\n",
	    "550 Invalid recipient: <gone@bo.gov.vn>\r\n",
	};
	struct smtp_trace t = {0};

	(void)state;
	smtp_trace_start(&t, FROM);
	smtp_trace_feed(&t, true, first[0], strlen(first[0]));
	smtp_trace_feed(&t, false, first[1], strlen(first[1]));
	smtp_trace_feed(&t, true, first[2], strlen(first[2]));
	assert_int_equal(t.n_refused, 1);

	smtp_trace_start(&t, "<vanthu@bo.gov.vn>");
	assert_int_equal(t.stage, SMTP_STAGE_GREETING);
	assert_int_equal(t.reply_code, 0);
	assert_string_equal(t.reply, "");
	assert_false(t.offered);
	assert_false(t.sender_refused);
	assert_int_equal(t.n_refused, 0);
	assert_null(t.refused);
	assert_null(t.rcpt);
	assert_string_equal(t.mail_from, "<vanthu@bo.gov.vn>");
	smtp_trace_feed(&t, false, "MAIL FROM:<vanthu@bo.gov.vn>\r\n",
			strlen("MAIL FROM:<vanthu@bo.gov.vn>\r\n"));
	smtp_trace_feed(&t, true, "452 4.3.1 Insufficient system storage\r\n",
			strlen("452 4.3.1 Insufficient system storage\r\n"));
	assert_int_equal(t.reply_stage, SMTP_STAGE_MAIL);
	assert_int_equal(t.reply_code, 452);
	assert_string_equal(t.reply, "452 4.3.1 Insufficient system storage");
	smtp_trace_free(&t);
	assert_null(t.mail_from);
	smtp_trace_free(&t); /* twice is harmless */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dialogues),
	    cmocka_unit_test(test_start_again),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
