/* congvan report: the figures of a period per unit and per person, as
 * text, CSV or HTML on standard output, or mailed to [report] to. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "congvan/log.h"
#include "congvan/outbox.h"
#include "congvan/report.h"
#include "congvan/workday.h"
#include "congvan/service.h"
#include "private.h"

/* The period the options name; without any, the current quarter so far.
 * 0, or a sysexits code after saying why. */
static int period_of(const struct cli *cli, time_t now,
		     struct report_period *p_r)
{
	int32_t from, to = workday_day_of(now);

	if (cli->quarter && (cli->from || cli->to)) {
		fprintf(stderr, "congvan: report takes --quarter or --from"
				" and --to, not both\n");
		return EX_USAGE;
	}
	if (cli->quarter) {
		if (report_period_parse_quarter(cli->quarter, p_r) < 0) {
			fprintf(stderr,
				"congvan: --quarter '%s': expected a year and"
				" a quarter, e.g. 2026Q2\n",
				cli->quarter);
			return EX_USAGE;
		}
		return 0;
	}
	if (!cli->from) {
		if (cli->to) {
			fprintf(stderr, "congvan: --to needs --from\n");
			return EX_USAGE;
		}
		report_period_quarter_of(to, p_r);
		return 0;
	}
	if (cli_parse_day("--from", cli->from, &from) < 0 ||
	    (cli->to && cli_parse_day("--to", cli->to, &to) < 0)) {
		return EX_USAGE;
	}
	if (report_period_days(from, to, p_r) < 0) {
		fprintf(stderr, "congvan: --to is before --from\n");
		return EX_USAGE;
	}
	return 0;
}

static int print_report(struct runtime *rt, const struct report_period *p,
			enum report_format f)
{
	const struct config *cfg = rt->cfg;
	struct report r;
	char *err = NULL, *out;

	if (report_compute(rt->st, cfg, p, runtime_now(rt), &r, &err) < 0) {
		log_warnx("%s", err);
		free(err);
		return EX_IOERR;
	}
	out = report_render(&r, f,
			    cfg->report.language ? cfg->report.language
						 : cfg->service.language);
	fputs(out, stdout);
	free(out);
	report_release(&r);
	return 0;
}

/* Queues the report, then sends what the outbox holds; what cannot be
 * sent now stays queued for the next run or the daemon. */
static int mail_report(struct runtime *rt, const struct report_period *p)
{
	struct outbox_stats stats;
	char *err = NULL, *msgid = NULL;
	int rc;

	if (rt->cfg->report.n_to == 0) {
		fprintf(stderr,
			"congvan: %s: no 'to' in [report]: nobody to mail"
			" the report to\n",
			rt->cfg->path);
		return EX_CONFIG;
	}
	rc = store_begin(rt->st, &err);
	if (rc == 0) {
		rc = report_mail(rt, p, &msgid, &err);
	}
	if (rc >= 0 && store_commit(rt->st, &err) < 0) {
		rc = -1;
	}
	if (rc < 0) {
		store_rollback(rt->st);
		log_warnx("report %s: %s", p->name, err);
		free(err);
		return EX_IOERR;
	}
	if (rc == 0) {
		log_warnx("report %s not queued: its recipients had too much"
			  " mail in the last %d minutes; try again later",
			  p->name, OUTBOX_RATE_WINDOW / 60);
		return EX_TEMPFAIL;
	}
	log_info("report %s queued as <%s>", p->name, msgid);
	free(msgid);
	if (outbox_flush(rt, 0, &stats, &err) < 0) {
		log_warnx("%s", err);
		free(err);
		return EX_IOERR;
	}
	if (stats.deferred) {
		log_info("outbox: %d waiting (sent later)", stats.deferred);
	}
	return 0;
}

int cmd_report(const struct cli *cli)
{
	struct report_period p;
	enum report_format f = REPORT_TEXT;
	struct service svc;
	int ret;

	if (cli->argc != 1) {
		fprintf(stderr, "congvan: report takes options only\n");
		return EX_USAGE;
	}
	if (cli->format && report_format_parse(cli->format, &f) < 0) {
		fprintf(stderr,
			"congvan: --format '%s': expected text, csv or"
			" html\n",
			cli->format);
		return EX_USAGE;
	}
	ret = cli_open(cli, &svc, 0);
	if (ret == 0) {
		ret = period_of(cli, runtime_now(&svc.rt), &p);
	}
	if (ret == 0) {
		ret = cli->mail ? mail_report(&svc.rt, &p)
				: print_report(&svc.rt, &p, f);
	}
	service_close(&svc);
	return ret;
}
