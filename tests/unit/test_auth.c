/* Who really sent a message: Authentication-Results read strictly (RFC
 * 8601), trusted only from the configured servers, and the verdict for
 * the From address; DKIM verified with a key file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "congvan/auth.h"
#include "congvan/util.h"

#define AUTH_DIR "tests/data/auth/"

/* Parsed as "authserv|method=result[prop=value,...];..." for compact
 * expectations; NULL when refused. */
static char *summary(const char *value)
{
	struct auth_results ar;
	struct sbuf sb = SBUF_INIT(1 << 16);

	if (auth_results_parse(value, strlen(value), &ar) < 0) {
		sbuf_release(&sb);
		return NULL;
	}
	sbuf_addf(&sb, "%s|", ar.authserv_id);
	for (size_t i = 0; i < ar.n_results; i++) {
		const struct auth_result *r = &ar.results[i];

		sbuf_addf(&sb, "%s=%s[", r->method, r->result);
		for (size_t k = 0; k < r->n_props; k++) {
			sbuf_addf(&sb, "%s%s.%s=%s", k ? "," : "",
				  r->props[k].ptype, r->props[k].property,
				  r->props[k].value);
		}
		sbuf_adds(&sb, "];");
	}
	return sbuf_detach(&sb);
}

static void test_parse(void **state)
{
	static const struct {
		const char *in;
		const char *out; /* NULL: refused */
	} cases[] = {
	    /* RFC 8601's examples */
	    {"example.org 1; none", "example.org|"},
	    {"example.com; spf=pass smtp.mailfrom=example.net",
	     "example.com|spf=pass[smtp.mailfrom=example.net];"},
	    {"example.com; auth=pass (cram-md5) smtp.auth=sender@example.net;"
	     " spf=pass smtp.mailfrom=example.net",
	     "example.com|auth=pass[smtp.auth=sender@example.net];"
	     "spf=pass[smtp.mailfrom=example.net];"},
	    {"example.com; sender-id=fail header.from=example.com;\r\n"
	     "      dkim=pass (good signature) header.d=example.com",
	     "example.com|sender-id=fail[header.from=example.com];"
	     "dkim=pass[header.d=example.com];"},
	    /* what Postfix + OpenDKIM + OpenDMARC write */
	    {"mx.bo.gov.vn;\r\n\tdkim=pass (2048-bit key; unprotected)"
	     " header.d=bo.gov.vn header.i=@bo.gov.vn header.a=rsa-sha256"
	     " header.s=sel2026 header.b=AbCdEf12;\r\n\tdmarc=pass (p=reject"
	     " dis=none) header.from=bo.gov.vn",
	     "mx.bo.gov.vn|dkim=pass[header.d=bo.gov.vn,header.i=@bo.gov.vn,"
	     "header.a=rsa-sha256,header.s=sel2026,header.b=AbCdEf12];"
	     "dmarc=pass[header.from=bo.gov.vn];"},
	    /* Microsoft's "action=none" and "reason=", read and ignored */
	    {"spf=pass (sender IP is 1.2.3.4) smtp.mailfrom=x.com;"
	     " dkim=pass (signature was verified) header.d=x.com;dmarc=pass"
	     " action=none header.from=x.com;compauth=pass reason=100",
	     NULL /* no authserv-id: the first value is "spf" then '=' */},
	    {"mx.x.com; dmarc=pass action=none header.from=x.com;"
	     "compauth=pass reason=100",
	     "mx.x.com|dmarc=pass[header.from=x.com];compauth=pass[];"},
	    /* versions, case, quoted values, nested comments */
	    {"MX.Example.Org 1; DKIM/1 = PASS (a (nested) comment)"
	     " header.i=\"@ex\\\"ample.org\"",
	     "MX.Example.Org|dkim=pass[header.i=@ex\"ample.org];"},
	    {"mx; dkim=pass header.d=a.vn;", "mx|dkim=pass[header.d=a.vn];"},
	    /* refused: off the grammar */
	    {"", NULL},
	    {"mx.example.org", NULL},
	    {"mx.example.org; dkim", NULL},
	    {"mx.example.org; dkim=", NULL},
	    {"mx.example.org; dkim=pass header.d", NULL},
	    {"mx.example.org; dkim=pass header.d=", NULL},
	    {"mx.example.org; dkim=pass (unterminated", NULL},
	    {"mx.example.org; dkim=pass header.d=\"open", NULL},
	    {"mx.example.org; none; dkim=pass", NULL},
	    {"mx.example.org; dkim=pass header.d=a.vn junk", NULL},
	    /* a value copied from the message cannot end the result */
	    {"mx.example.org; spf=fail smtp.mailfrom=\"x;dmarc=pass\"",
	     "mx.example.org|spf=fail[smtp.mailfrom=x;dmarc=pass];"},
	    {"mx.example.org; spf=fail smtp.mailfrom=x;dmarc=pass",
	     "mx.example.org|spf=fail[smtp.mailfrom=x];dmarc=pass[];"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *got = summary(cases[i].in);

		if (!cases[i].out != !got ||
		    (got && strcmp(got, cases[i].out) != 0)) {
			fail_msg("case %zu: '%s': got '%s', want '%s'", i,
				 cases[i].in, got ? got : "(refused)",
				 cases[i].out ? cases[i].out : "(refused)");
		}
		free(got);
	}
}

/* Too much of everything: kept within bounds, or refused. */
static void test_parse_limits(void **state)
{
	struct sbuf sb = SBUF_INIT(1 << 20);
	struct auth_results ar;

	(void)state;
	sbuf_adds(&sb, "mx");
	for (int i = 0; i < 100; i++) {
		sbuf_addf(&sb,
			  "; m%d=pass a.b=c d.e=f g.h=i j.k=l m.n=o p.q=r"
			  " s.t=u v.w=x y.z=1 a.c=2",
			  i);
	}
	assert_int_equal(auth_results_parse(sb.buf, sb.len, &ar), 0);
	assert_int_equal(ar.n_results, AUTH_RESULTS_MAX);
	assert_int_equal(ar.results[0].n_props, AUTH_PROPS_MAX);
	sbuf_reset(&sb);
	sbuf_adds(&sb, "mx; dkim=pass header.d=");
	for (int i = 0; i < AUTH_VALUE_MAX; i++) {
		sbuf_addch(&sb, 'a');
	}
	assert_int_equal(auth_results_parse(sb.buf, sb.len, &ar), -1);
	sbuf_reset(&sb);
	sbuf_adds(&sb, "mx; dkim=pass ");
	for (int i = 0; i < 40; i++) {
		sbuf_addch(&sb, '(');
	}
	assert_int_equal(auth_results_parse(sb.buf, sb.len, &ar), -1);
	sbuf_release(&sb);
}

static void test_verdict(void **state)
{
	static const char *const trusted[] = {"mx.bo.gov.vn", "mx2.bo.gov.vn"};
	static const struct {
		const char *ar;
		const char *from;
		bool pass;
	} cases[] = {
	    {"mx.bo.gov.vn; dmarc=pass header.from=bo.gov.vn",
	     "truong.pc@bo.gov.vn", true},
	    {"MX2.BO.GOV.VN; dmarc=pass", "truong.pc@bo.gov.vn", true},
	    /* an authserv-id we do not trust: ignored (RFC 8601) */
	    {"mx.attacker.example; dmarc=pass header.from=bo.gov.vn",
	     "truong.pc@bo.gov.vn", false},
	    {"mx.bo.gov.vn; dmarc=fail header.from=bo.gov.vn",
	     "truong.pc@bo.gov.vn", false},
	    {"mx.bo.gov.vn; dmarc=pass header.from=other.vn",
	     "truong.pc@bo.gov.vn", false},
	    /* DKIM aligned, relaxed; not for another domain */
	    {"mx.bo.gov.vn; dkim=pass header.d=bo.gov.vn",
	     "truong.pc@bo.gov.vn", true},
	    {"mx.bo.gov.vn; dkim=pass header.d=bo.gov.vn",
	     "truong.pc@mail.bo.gov.vn", true},
	    {"mx.bo.gov.vn; dkim=pass header.d=gmail.com",
	     "truong.pc@bo.gov.vn", false},
	    {"mx.bo.gov.vn; dkim=pass header.d=o.gov.vn", "truong.pc@bo.gov.vn",
	     false},
	    {"mx.bo.gov.vn; dkim=pass header.d=x.vn "
	     "header.i=truong.pc@bo.gov.vn",
	     "truong.pc@bo.gov.vn", true},
	    /* an authenticated submission of that very address */
	    {"mx.bo.gov.vn; auth=pass smtp.auth=truong.pc@bo.gov.vn",
	     "Truong.PC@bo.gov.vn", true},
	    {"mx.bo.gov.vn; auth=pass smtp.auth=truong.pc",
	     "truong.pc@bo.gov.vn", true},
	    /* a member of another unit, logged in, forging the head */
	    {"mx.bo.gov.vn; auth=pass smtp.auth=a.nguyen@bo.gov.vn",
	     "truong.pc@bo.gov.vn", false},
	    {"mx.bo.gov.vn; auth=pass smtp.auth=a.nguyen",
	     "truong.pc@bo.gov.vn", false},
	    {"mx.bo.gov.vn; spf=pass smtp.mailfrom=truong.pc@bo.gov.vn",
	     "truong.pc@bo.gov.vn", false},
	    {"mx.bo.gov.vn; none", "truong.pc@bo.gov.vn", false},
	    {"mx.bo.gov.vn; dmarc=pass", NULL, false},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *values[] = {cases[i].ar};
		char how[160];
		bool got = auth_from_results(values, 1, trusted, 2,
					     cases[i].from, "bo.gov.vn", how);

		if (got != cases[i].pass) {
			fail_msg("case %zu: '%s' for %s: %d", i, cases[i].ar,
				 cases[i].from, got);
		}
		if (got) {
			assert_non_null(strstr(how, " by "));
		}
	}
	/* the trusted header passes even behind an untrusted one */
	{
		const char *values[] = {"mx.attacker.example; dmarc=fail",
					"mx.bo.gov.vn; dmarc=pass"};
		char how[160];

		assert_true(auth_from_results(values, 2, trusted, 2,
					      "a@bo.gov.vn", "bo.gov.vn", how));
		assert_string_equal(how, "dmarc=pass by mx.bo.gov.vn");
	}
}

static void test_dkim(void **state)
{
	static const struct {
		const char *file;
		const char *from;
		bool pass;
		const char *how;
	} cases[] = {
	    {"signed.eml", "truong.pc@bo.gov.vn", true, "header.d=bo.gov.vn"},
	    {"signed.eml", "truong.pc@mail.bo.gov.vn", true, "(verified)"},
	    {"signed.eml", "someone@other.vn", false, "not aligned"},
	    {"tampered.eml", "truong.pc@bo.gov.vn", false, "fail"},
	    {"unsigned.eml", "truong.pc@bo.gov.vn", false, "no DKIM"},
	};
	struct auth_dkim *d;
	char *err = NULL;

	(void)state;
	d = auth_dkim_new(AUTH_DIR "dkim-keys", &err);
	if (!d) {
		fail_msg("%s", err);
	}
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *path = xasprintf(AUTH_DIR "%s", cases[i].file);
		char *raw = NULL, how[160];
		size_t len = 0;
		bool got;

		assert_int_equal(file_read_all(path, &raw, &len), 0);
		got = auth_dkim_check(d, raw, len, cases[i].from, how);
		if (got != cases[i].pass || !strstr(how, cases[i].how)) {
			fail_msg("%s for %s: %d, '%s'", cases[i].file,
				 cases[i].from, got, how);
		}
		free(raw);
		free(path);
	}
	auth_dkim_free(&d);
	assert_null(d);
	auth_dkim_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse),
	    cmocka_unit_test(test_parse_limits),
	    cmocka_unit_test(test_verdict),
	    cmocka_unit_test(test_dkim),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
