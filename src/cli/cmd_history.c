/* congvan history and register: the mail the first start kept as history,
 * listed and searched, and registered after all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "congvan/clock.h"
#include "congvan/log.h"
#include "congvan/runtime.h"
#include "congvan/text.h"
#include "congvan/util.h"
#include "congvan/workday.h"
#include "private.h"

/* --since and --to as the span [since, until) of instants; 0 for none. */
static int parse_span(const struct cli *cli, time_t *since_r, time_t *until_r)
{
	int32_t day;

	*since_r = *until_r = 0;
	if (cli->since) {
		if (cli_parse_day("--since", cli->since, &day) < 0) {
			return EX_USAGE;
		}
		*since_r = workday_day_start(day);
	}
	if (cli->to) {
		if (cli_parse_day("--to", cli->to, &day) < 0) {
			return EX_USAGE;
		}
		*until_r = workday_day_start(day + 1);
	}
	if (*since_r && *until_r && *until_r <= *since_r) {
		fprintf(stderr, "congvan: --to '%s' is before --since '%s'\n",
			cli->to, cli->since);
		return EX_USAGE;
	}
	return 0;
}

struct list_ctx {
	char *search; /* folded; NULL: all */
	size_t n;
};

/* Whether the folded search text is in one of the message's fields. */
static bool matches(const struct store_history *h, const char *search)
{
	const char *fields[] = {h->subject, h->from_addr, h->from_name,
				h->message_id};

	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		char *folded = fields[i] ? text_fold(fields[i]) : NULL;
		bool hit = folded && strstr(folded, search);

		free(folded);
		if (hit) {
			return true;
		}
	}
	return false;
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static int list_one(const struct store_history *h, void *ctx)
{
	struct list_ctx *l = ctx;
	char when[32];

	if (l->search && !matches(h, l->search)) {
		return 0;
	}
	clock_format_local(h->delivered_at, when);
	printf("%s\t%s\t%s\t%s\t%s\t%s\n", when, h->state, or_dash(h->kind),
	       or_dash(h->from_addr), or_dash(h->subject),
	       or_dash(h->message_id));
	l->n++;
	return 0;
}

int cmd_history(const struct cli *cli)
{
	struct list_ctx l = {0};
	struct service svc;
	time_t since, until;
	char *err = NULL;
	int ret = parse_span(cli, &since, &until);

	if (ret != 0) {
		return ret;
	}
	ret = cli_open(cli, &svc, SERVICE_READ);
	if (ret == 0) {
		l.search = cli->search ? text_fold(cli->search) : NULL;
		if (store_history_foreach(svc.rt.st, since, until, list_one, &l,
					  &err) < 0) {
			log_warnx("%s", err);
			ret = EX_IOERR;
		}
	}
	free(l.search);
	free(err);
	service_close(&svc);
	return ret;
}

int cmd_register(const struct cli *cli)
{
	struct service svc;
	struct event_data d = {0};
	time_t since, until;
	int64_t n = 0;
	char *err = NULL, *text = NULL;
	int ret;

	if (!cli->since) {
		fprintf(stderr, "congvan: register needs --since DATE\n");
		return EX_USAGE;
	}
	ret = parse_span(cli, &since, &until);
	if (ret != 0 || (ret = cli_open(cli, &svc, 0)) != 0) {
		return ret;
	}
	text = xasprintf("from %s%s%s", cli->since, cli->to ? " to " : "",
			 cli->to ? cli->to : "");
	if (store_begin(svc.rt.st, &err) < 0 ||
	    store_history_mark(svc.rt.st, since, until, &n, &err) < 0) {
		store_rollback(svc.rt.st);
		ret = EX_IOERR;
	} else if (n > 0) {
		char *said = xasprintf("%lld messages %s", (long long)n, text);

		d.text = said;
		if (runtime_event(&svc.rt, 0, 0, "congvan register",
				  EV_HISTORY_MARKED, &d, &err) < 0) {
			ret = EX_IOERR;
		}
		free(said);
	}
	if (ret == 0 && store_commit(svc.rt.st, &err) < 0) {
		ret = EX_IOERR;
	}
	if (ret != 0) {
		store_rollback(svc.rt.st);
		log_warnx("%s", err);
	} else if (n == 0) {
		printf("no message kept as history %s\n", text);
	} else {
		printf("%lld message%s %s will be registered by the next cycle"
		       " (run --once, or serve within poll_interval), as if "
		       "just received\n",
		       (long long)n, n == 1 ? "" : "s", text);
	}
	free(text);
	free(err);
	service_close(&svc);
	return ret;
}
