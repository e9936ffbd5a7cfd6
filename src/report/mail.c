/* Mailing the report: on demand (congvan report --mail) and, from the
 * scheduler, each quarter's once, on the first working day after it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/log.h"
#include "congvan/outbox.h"
#include "congvan/workday.h"
#include "private.h"

/* Excel reads a CSV file as UTF-8 only when it starts with a byte order
 * mark; other readers skip it. */
#define UTF8_BOM "\xef\xbb\xbf"

static const char *mail_language(const struct config *cfg)
{
	return cfg->report.language ? cfg->report.language
				    : cfg->service.language;
}

/* Renders r and queues it: 1 queued, 0 held back, -1 error. */
static int queue(struct runtime *rt, const struct report *r, const char *lang,
		 char **msgid_r, char **error_r)
{
	const struct config *cfg = rt->cfg;
	char *title = report_period_title(&r->period, lang);
	char *summary = report_summary(r, lang);
	char *html = report_html_fragment(r, lang);
	char *csv = report_render_csv(r);
	char *data = xasprintf(UTF8_BOM "%s", csv);
	char *filename = xasprintf("bao-cao-%s.csv", r->period.name);
	char *recipient = xasprintf(words_get(lang, W_R_LEADERSHIP),
				    cfg->service.organization);
	char from[16], to[16], asof[16];
	int ret;

	report_day_text(r->period.from_day, lang, from);
	report_day_text(r->period.to_day, lang, to);
	report_day_text(r->as_of_day, lang, asof);
	{
		const struct template_var vars[] = {
		    {"organization", cfg->service.organization},
		    {"recipient", recipient},
		    {"period", title},
		    {"period_name", r->period.name},
		    {"from", from},
		    {"to", to},
		    {"as_of", asof},
		    {"summary", summary},
		    {"attachment", filename},
		    {"report_html", html},
		};
		const struct message_attachment att = {
		    .filename = filename,
		    .content_type = "text/csv",
		    .data = data,
		    .len = strlen(data),
		};
		const struct outbox_mail m = {
		    .template_name = "report",
		    .vars = vars,
		    .nvars = ARRAY_SIZE(vars),
		    .to = (const char *const *)cfg->report.to,
		    .attachments = &att,
		    .n_attachments = 1,
		    .language = lang,
		};

		ret = outbox_queue_mail(rt, &m, msgid_r, error_r);
	}
	free(recipient);
	free(filename);
	free(data);
	free(csv);
	free(html);
	free(summary);
	free(title);
	if (ret < 0) {
		return -1;
	}
	return *msgid_r ? 1 : 0;
}

int report_mail(struct runtime *rt, const struct report_period *p,
		char **msgid_r, char **error_r)
{
	const struct config *cfg = rt->cfg;
	struct report r;
	char *msgid = NULL;
	int rc;

	if (msgid_r) {
		*msgid_r = NULL;
	}
	if (cfg->report.n_to == 0) {
		*error_r = xasprintf("%s: no 'to' in [report]: nobody to mail"
				     " the report to",
				     cfg->path);
		return -1;
	}
	if (report_compute(rt->st, cfg, p, runtime_now(rt), &r, error_r) < 0) {
		return -1;
	}
	/* The outbox records it (mail-queued, template report). */
	rc = queue(rt, &r, mail_language(cfg), &msgid, error_r);
	report_release(&r);
	if (rc > 0 && msgid_r) {
		*msgid_r = msgid;
		msgid = NULL;
	}
	free(msgid);
	return rc;
}

/* The quarter before today's, and the day its report is due: the first
 * working day after it. */
static int32_t last_quarter(const struct runtime *rt, int32_t today,
			    struct report_period *p_r)
{
	struct report_period cur;

	report_period_quarter_of(today, &cur);
	report_period_quarter_of(cur.from_day - 1, p_r);
	return rt->cal ? workcal_next_workday(rt->cal, p_r->to_day + 1)
		       : p_r->to_day + 1;
}

int report_tick(struct runtime *rt, char **error_r)
{
	int32_t today = workday_day_of(runtime_now(rt));
	struct report_period p;
	char *msgid = NULL;
	int64_t n = 0;
	int rc;

	if (rt->cfg->report.n_to == 0 || today < last_quarter(rt, today, &p)) {
		return 0;
	}
	rc = store_report_sent(rt->st, p.name, error_r);
	if (rc != 0) {
		return rc < 0 ? -1 : 0;
	}
	/* Nothing registered by the quarter's end: a new installation, not
	 * a quarter to report on. */
	if (store_report_registered_before(
		rt->st, workday_day_start(p.to_day + 1), &n, error_r) < 0) {
		return -1;
	}
	if (n == 0) {
		return 0;
	}
	rc = report_mail(rt, &p, &msgid, error_r);
	if (rc == 0) {
		log_warnx("report %s held back by the outbox's rate limit;"
			  " trying again at the next cycle",
			  p.name);
	}
	if (rc <= 0) {
		return rc;
	}
	rc = store_report_mark_sent(rt->st, p.name, runtime_now(rt), msgid,
				    error_r);
	free(msgid);
	if (rc < 0) {
		return -1;
	}
	log_info("report %s queued", p.name);
	return 0;
}
