#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "congvan/outbox.h"
#include "congvan/template.h"
#include "congvan/util.h"

static const struct template_var vars[] = {
    {"key", "CV-2026-000001"},
    {"arrival_no", "1"},
    {"registered", "27/11/2026 09:00"},
    {"sender", "Bộ Tài chính <vp@mof.gov.vn>"},
    {"subject", "V/v báo cáo <quý> & \"năm\""},
    {"organization", "Bộ Công Thương"},
    {"number", "2536/BCT-VP"},
    {"letter_date", "2023-04-27"},
    {"deadline", "—"},
    {"duplicate_of", "—"},
    {"check", "—"},
    {"signatures", "Văn bản có chữ ký số của Nguyễn Văn An, hợp lệ, ký lúc"
		   " 05/12/2026 09:15."},
    {"table_html", "<table><tr><td>a &amp; b</td></tr></table>"},
};

static void test_expand(void **state)
{
	static const struct {
		const char *in;
		int html;
		int rc;
		const char *out;
	} cases[] = {
	    {"", 0, 0, ""},
	    {"no variables", 0, 0, "no variables"},
	    {"{{key}}", 0, 0, "CV-2026-000001"},
	    {"[{{key}}] {{arrival_no}}", 0, 0, "[CV-2026-000001] 1"},
	    {"{{subject}}", 1, 0,
	     "V/v báo cáo &lt;quý&gt; &amp; &quot;năm&quot;"},
	    {"{{nope}}", 0, -1, NULL},
	    {"{{key", 0, -1, NULL},
	    {"a\nb\n{{typo}}", 0, -1, NULL},
	    /* "_html" variables: markup inserted as it is, in .html only */
	    {"<p>{{table_html}}</p>", 1, 0,
	     "<p><table><tr><td>a &amp; b</td></tr></table></p>"},
	    {"{{table_html}}", 0, -1, NULL},
	    {"{{subject}} {{table_html}}", 1, 0,
	     "V/v báo cáo &lt;quý&gt; &amp; &quot;năm&quot; <table><tr><td>a "
	     "&amp; b</td></tr></table>"},
	    {"{{_html}}", 1, -1, NULL}, /* no such variable */
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *out = NULL, *err = NULL;
		int rc = template_expand(cases[i].in, vars, ARRAY_SIZE(vars),
					 cases[i].html, &out, &err);

		assert_int_equal(rc, cases[i].rc);
		if (rc == 0) {
			assert_string_equal(out, cases[i].out);
		} else {
			assert_non_null(err);
		}
		free(out);
		free(err);
	}
}

/* The shipped templates render in both languages with every variable. */
static void test_shipped(void **state)
{
	static const char *const langs[] = {"vi", "en"};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(langs); i++) {
		struct template_out t;
		char *err = NULL;

		assert_int_equal(template_render("templates", langs[i],
						 "registered", vars,
						 ARRAY_SIZE(vars), &t, &err),
				 0);
		assert_non_null(strstr(t.subject, "[CV-2026-000001]"));
		assert_non_null(strstr(t.text, "CV-2026-000001"));
		assert_non_null(t.html);
		assert_non_null(strstr(t.html, "&lt;quý&gt;"));
		template_out_free(&t);
	}
}

/* Every mail template shipped in templates/<lang>/ is one congvan sends
 * (template_names); one added to the folder but not there fails
 * test_all_shipped. */
#define shipped_names template_names

static size_t shipped_count(void)
{
	size_t n = 0;

	while (template_names[n]) {
		n++;
	}
	return n;
}

static const char *const shipped_langs[] = {"vi", "en"};

/* Every variable the code supplies to a template, with sample values. */
static const struct template_var full_vars[] = {
    {"organization", "Bộ Công Thương"},
    {"key", "CV-2026-000123"},
    {"subject", "V/v báo cáo tình hình thực hiện <quý IV> & năm 2026"},
    {"number", "2536/BCT-VP"},
    {"sender", "Bộ Tài chính <vanthu@mof.gov.vn>"},
    {"letter_date", "20/11/2026"},
    {"arrival_no", "123"},
    {"registered", "23/11/2026 08:15"},
    {"recipient", "Vụ Kế hoạch, Tài chính và Quản lý doanh nghiệp"},
    {"lead", "Vụ Kế hoạch, Tài chính và Quản lý doanh nghiệp"},
    {"lead_code", "KHTC"},
    {"coordinate", "Vụ Pháp chế, Cục Xuất nhập khẩu"},
    {"deadline", "04/12/2026"},
    {"deadline_weekday", "thứ Sáu"},
    {"handler", "Nguyễn Thị Hương <huongnt@moit.gov.vn>"},
    {"internal_deadline", "02/12/2026"},
    {"unit", "Vụ Pháp chế"},
    {"unit_code", "PC"},
    {"from_unit", "Cục Xuất nhập khẩu"},
    {"consult_deadline", "30/11/2026"},
    {"consult_units", "Vụ Pháp chế, Cục Xuất nhập khẩu"},
    {"days_left", "3"},
    {"days_overdue", "2"},
    {"actor", "Trần Văn Đức <ductv@moit.gov.vn>"},
    {"reason", "Nội dung thuộc chức năng, nhiệm vụ của Vụ Pháp chế"},
    {"answer", "Về cơ bản thống nhất.\nĐề nghị làm rõ điểm 2."},
    {"changes", "- Người xử lý: Nguyễn Thị Hương\n- Hạn xử lý: 02/12/2026"},
    {"new_deadline", "11/12/2026"},
    {"decision", "được chấp thuận"},
    {"on_time", "đúng hạn"},
    {"done_date", "03/12/2026"},
    {"office", "vanphong@moit.gov.vn"},
    {"event", "Hạn xử lý"},
    {"event_date", "04/12/2026"},
    {"duplicate_of", "—"}, /* registered only */
    {"request", "Lấy ý kiến: PC\nĐề nghị Vụ cho ý kiến về Điều 5."},
    {"check", "—"}, /* registered only */
    /* mail_failed only */
    {"undelivered", "- truong.tc@moit.gov.vn (Thủ trưởng Vụ Tài chính):\n"
		    "  550 5.1.1 <truong.tc@moit.gov.vn>: Recipient address"
		    " rejected"},
    {"signatures", ""},
    /* report only */
    {"period", "Quý II năm 2026"},
    {"period_name", "2026Q2"},
    {"from", "01/04/2026"},
    {"to", "30/06/2026"},
    {"as_of", "30/06/2026"},
    {"summary", "Nhận: 12; xong đúng hạn: 9.\n"},
    {"attachment", "bao-cao-2026Q2.csv"},
    {"report_html", "<table><tr><td>9 &amp; 3</td></tr></table>"},
};

/* Templates about no item (no key in the subject or text). */
static bool about_item(const char *name)
{
	return strcmp(name, "report") != 0;
}

static bool is_shipped(const char *name, size_t len)
{
	for (size_t i = 0; i < shipped_count(); i++) {
		if (strlen(shipped_names[i]) == len &&
		    memcmp(shipped_names[i], name, len) == 0) {
			return true;
		}
	}
	return false;
}

/* Valid UTF-8 and already in NFC. */
static bool utf8_nfc(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
	utf8proc_uint8_t *nfc;
	bool ok;

	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);

		if (n <= 0) {
			return false;
		}
		p += n;
		left -= n;
	}
	nfc = utf8proc_NFC((const utf8proc_uint8_t *)s);
	ok = nfc && strcmp((const char *)nfc, s) == 0;
	free(nfc);
	return ok;
}

/* Each template of the table renders in both languages with the full set
 * of variables, as a well-formed mail. */
static void test_all_shipped(void **state)
{
	(void)state;
	for (size_t l = 0; l < ARRAY_SIZE(shipped_langs); l++) {
		const char *lang = shipped_langs[l];

		for (size_t i = 0; i < shipped_count(); i++) {
			const char *name = shipped_names[i];
			struct template_out t;
			char *err = NULL;

			if (template_check("templates", lang, name, &err) < 0) {
				fail_msg("%s/%s: %s", lang, name, err);
			}
			if (template_render("templates", lang, name, full_vars,
					    ARRAY_SIZE(full_vars), &t,
					    &err) < 0) {
				fail_msg("%s/%s: %s", lang, name, err);
			}
			if ((about_item(name) &&
			     !str_startswith(t.subject, "[CV-2026-000123] ")) ||
			    strchr(t.subject, '\n') || !*t.subject) {
				fail_msg("%s/%s: subject '%s'", lang, name,
					 t.subject);
			}
			if ((about_item(name) &&
			     !strstr(t.text, "CV-2026-000123")) ||
			    strstr(t.text, "{{") ||
			    !strstr(t.text, "\n-- \n")) {
				fail_msg("%s/%s.txt: no key, a {{ left, or no"
					 " footer",
					 lang, name);
			}
			if (!t.html) {
				fail_msg("%s/%s: no .html", lang, name);
			}
			if (strstr(t.html, "{{") ||
			    strcasestr(t.html, "<html") ||
			    strcasestr(t.html, "<head") ||
			    strcasestr(t.html, "<body") ||
			    strcasestr(t.html, "<script") ||
			    (about_item(name) &&
			     !strstr(t.html, "CV-2026-000123"))) {
				fail_msg("%s/%s.html: not a body fragment"
					 " with the key",
					 lang, name);
			}
			if (!about_item(name) &&
			    !strstr(t.html, "<td>9 &amp; 3</td>")) {
				fail_msg("%s/%s.html: no report inserted as"
					 " it is",
					 lang, name);
			}
			if (!utf8_nfc(t.subject) || !utf8_nfc(t.text) ||
			    !utf8_nfc(t.html)) {
				fail_msg("%s/%s: not valid UTF-8 in NFC", lang,
					 name);
			}
			if (strcmp(lang, "vi") == 0 &&
			    (!strstr(t.text, "Kính gửi:") ||
			     !strstr(t.text, "Trân trọng."))) {
				fail_msg("%s/%s.txt: no 'Kính gửi:' or"
					 " 'Trân trọng.'",
					 lang, name);
			}
			template_out_free(&t);
		}
	}
	template_cache_clear();
}

/* Every .txt in a language folder has its .html and is in the table
 * above, and every .html has its .txt. */
static void test_shipped_pairs(void **state)
{
	(void)state;
	for (size_t l = 0; l < ARRAY_SIZE(shipped_langs); l++) {
		char *dir = xasprintf("templates/%s", shipped_langs[l]);
		DIR *d = opendir(dir);
		struct dirent *e;
		size_t ntxt = 0;

		assert_non_null(d);
		while ((e = readdir(d))) {
			const char *dot = strrchr(e->d_name, '.');
			const char *other;
			char *path;

			if (e->d_name[0] == '.' || !dot) {
				continue;
			}
			if (strcmp(dot, ".txt") == 0) {
				other = "html";
				ntxt++;
			} else if (strcmp(dot, ".html") == 0) {
				other = "txt";
			} else {
				continue;
			}
			if (!is_shipped(e->d_name, (size_t)(dot - e->d_name))) {
				fail_msg("%s/%s: not in shipped_names", dir,
					 e->d_name);
			}
			path =
			    xasprintf("%s/%.*s.%s", dir, (int)(dot - e->d_name),
				      e->d_name, other);
			if (access(path, R_OK) != 0) {
				fail_msg("%s/%s: no %s", dir, e->d_name, path);
			}
			free(path);
		}
		closedir(d);
		assert_int_equal(ntxt, shipped_count());
		free(dir);
	}
}

static void test_missing(void **state)
{
	struct template_out t;
	char *err = NULL;

	(void)state;
	assert_int_equal(template_render("templates", "fr", "registered", vars,
					 ARRAY_SIZE(vars), &t, &err),
			 -1);
	assert_non_null(strstr(err, "templates/fr/registered.txt"));
	free(err);
}

static void test_check(void **state)
{
	char *err = NULL;

	(void)state;
	assert_int_equal(template_check("templates", "vi", "registered", &err),
			 0);
	assert_int_equal(template_check("templates", "en", "registered", &err),
			 0);
	assert_int_equal(template_check("templates", "vi", "nope", &err), -1);
	assert_non_null(strstr(err, "nope.txt"));
	free(err);
	template_cache_clear();
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* A "_html" variable goes into the .html unescaped; in the .txt (body
 * or subject) check and render refuse it. */
static void test_raw_html(void **state)
{
	char dir[] = "/tmp/congvan-tpl-XXXXXX";
	struct template_out t;
	char *err = NULL, *cmd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	cmd = xasprintf("mkdir -p %s/vi", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	{
		char *txt = xasprintf("%s/vi/good.txt", dir);
		char *html = xasprintf("%s/vi/good.html", dir);
		char *bad = xasprintf("%s/vi/bad.txt", dir);

		write_file(txt, "Subject: {{subject}}\n\n{{key}}\n");
		write_file(html, "<p>{{subject}}</p>{{table_html}}");
		write_file(bad, "Subject: x\n\nbody\n{{table_html}}\n");
		free(txt);
		free(html);
		free(bad);
	}
	assert_int_equal(template_check(dir, "vi", "good", &err), 0);
	assert_int_equal(template_render(dir, "vi", "good", vars,
					 ARRAY_SIZE(vars), &t, &err),
			 0);
	assert_string_equal(t.html,
			    "<p>V/v báo cáo &lt;quý&gt; &amp; &quot;năm&quot;"
			    "</p><table><tr><td>a &amp; b</td></tr></table>");
	template_out_free(&t);
	assert_int_equal(template_check(dir, "vi", "bad", &err), -1);
	if (!strstr(err, "bad.txt': line 4")) {
		fail_msg("%s", err);
	}
	assert_non_null(strstr(err, "table_html"));
	FREE_AND_NULL(err);
	assert_int_equal(
	    template_render(dir, "vi", "bad", vars, ARRAY_SIZE(vars), &t, &err),
	    -1);
	assert_non_null(strstr(err, "table_html"));
	free(err);
	template_cache_clear();
	cmd = xasprintf("rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void test_backoff(void **state)
{
	(void)state;
	assert_int_equal(outbox_backoff(0), 60);
	assert_int_equal(outbox_backoff(1), 120);
	assert_int_equal(outbox_backoff(3), 480);
	assert_int_equal(outbox_backoff(50), 4 * 3600);
	assert_int_equal(outbox_backoff(1000000), 4 * 3600);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_expand),
	    cmocka_unit_test(test_shipped),
	    cmocka_unit_test(test_all_shipped),
	    cmocka_unit_test(test_shipped_pairs),
	    cmocka_unit_test(test_missing),
	    cmocka_unit_test(test_check),
	    cmocka_unit_test(test_raw_html),
	    cmocka_unit_test(test_backoff),
	};

	int rc = cmocka_run_group_tests_name("template", tests, NULL, NULL);

	template_cache_clear();
	return rc;
}
