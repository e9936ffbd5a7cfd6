/* Each command's options: the command names the long options it takes,
 * and only those (with -c and -v, which every command takes) are
 * accepted after it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "congvan/clock.h"
#include "congvan/log.h"
#include "congvan/util.h"
#include "congvan/workday.h"
#include "private.h"

enum opt_id {
	O_CONFIG = 'c',
	O_VERBOSE = 'v',
	O_HELP = 'h',
	O_ONCE = 256,
	O_NOW,
	O_UNIT,
	O_STATUS,
	O_OVERDUE,
	O_FROM,
	O_TO,
	O_QUARTER,
	O_FORMAT,
	O_MAIL,
	O_REVOKE,
};

/* Every command option there is. */
static const struct option all[] = {
    {"once", no_argument, NULL, O_ONCE},
    {"now", required_argument, NULL, O_NOW},
    {"unit", required_argument, NULL, O_UNIT},
    {"status", required_argument, NULL, O_STATUS},
    {"overdue", no_argument, NULL, O_OVERDUE},
    {"from", required_argument, NULL, O_FROM},
    {"to", required_argument, NULL, O_TO},
    {"quarter", required_argument, NULL, O_QUARTER},
    {"format", required_argument, NULL, O_FORMAT},
    {"mail", no_argument, NULL, O_MAIL},
    {"revoke", no_argument, NULL, O_REVOKE},
};

static const struct option global[] = {
    {"config", required_argument, NULL, O_CONFIG},
    {"verbose", no_argument, NULL, O_VERBOSE},
    {"help", no_argument, NULL, O_HELP},
};

/* Whether the space-separated list names name. */
static bool takes(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list ? strstr(list, name) : NULL; p;
	     p = strstr(p + 1, name)) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n])) {
			return true;
		}
	}
	return false;
}

/* The getopt_long table of cmd: its options, the global ones, the end. */
static struct option *table_of(const struct cli_command *cmd)
{
	struct option *t =
	    xcalloc(ARRAY_SIZE(all) + ARRAY_SIZE(global) + 1, sizeof(*t));
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(all); i++) {
		if (takes(cmd->options, all[i].name)) {
			t[n++] = all[i];
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(global); i++) {
		t[n++] = global[i];
	}
	return t;
}

static void set(struct cli *cli, int id, const char *arg)
{
	switch (id) {
	case O_CONFIG:
		cli->config_path = arg;
		cli->config_given = true;
		break;
	case O_VERBOSE:
		cli->verbose++;
		break;
	case O_ONCE:
		cli->once = true;
		break;
	case O_NOW:
		cli->now = arg;
		break;
	case O_UNIT:
		cli->unit = arg;
		break;
	case O_STATUS:
		cli->status = arg;
		break;
	case O_OVERDUE:
		cli->overdue = true;
		break;
	case O_FROM:
		cli->from = arg;
		break;
	case O_TO:
		cli->to = arg;
		break;
	case O_QUARTER:
		cli->quarter = arg;
		break;
	case O_FORMAT:
		cli->format = arg;
		break;
	case O_MAIL:
		cli->mail = true;
		break;
	case O_REVOKE:
		cli->revoke = true;
		break;
	default:
		break;
	}
}

int cli_parse(int argc, char **argv, const struct cli_command *cmd,
	      struct cli *cli)
{
	struct option *table = table_of(cmd);
	int c, ret = 0, operands;

	optind = 1;
	opterr = 0;
	while (ret == 0 &&
	       (c = getopt_long(argc, argv, ":c:vh", table, NULL)) != -1) {
		if (c == O_HELP) {
			fputs(cmd->usage, stdout);
			ret = 1;
		} else if (c == '?' || c == ':') {
			fprintf(stderr, "congvan %s: %s '%s'\n", cmd->name,
				c == ':' ? "missing value for"
					 : "no such option",
				argv[optind - 1]);
			ret = -1;
		} else {
			set(cli, c, optarg);
		}
	}
	operands = argc - optind;
	if (ret == 0 &&
	    (operands < cmd->min_args || operands > cmd->max_args)) {
		fprintf(stderr, "congvan %s: %s\n", cmd->name,
			operands < cmd->min_args ? "too few arguments"
						 : "too many arguments");
		ret = -1;
	}
	if (ret < 0) {
		fputs(cmd->usage, stderr);
	}
	cli->argc = operands + 1;
	cli->argv = argv + optind - 1;
	cli->argv[0] = argv[0];
	free(table);
	return ret;
}

int cli_parse_day(const char *flag, const char *s, int32_t *day_r)
{
	if (workday_parse_date(s, day_r) < 0) {
		fprintf(stderr,
			"congvan: %s '%s': expected a date like 2026-04-01\n",
			flag, s);
		return -1;
	}
	return 0;
}

int cli_open(const struct cli *cli, struct service *svc, unsigned flags)
{
	char *err = NULL;
	time_t now = 0;
	int ret;

	memset(svc, 0, sizeof(*svc));
	if (cli->now && clock_parse_iso(cli->now, &now) < 0) {
		fprintf(stderr,
			"congvan: --now '%s': expected ISO 8601, e.g."
			" 2026-05-04T09:00:00+07:00\n",
			cli->now);
		return EX_USAGE;
	}
	ret = service_open(svc, cli->config_path, flags, &err);
	if (ret == EX_CONFIG) {
		/* config_load's "FILE:LINE: ..." lines, or the calendar's */
		fprintf(stderr, "%s%s", svc->cfg.path ? "congvan: " : "",
			err ? err : "");
		if (err && err[0] && err[strlen(err) - 1] != '\n') {
			fputc('\n', stderr);
		}
	} else if (ret) {
		log_warnx("%s", err ? err : "cannot open the store");
	}
	free(err);
	if (ret) {
		return ret;
	}
	svc->rt.fixed_now = now;
	return 0;
}
