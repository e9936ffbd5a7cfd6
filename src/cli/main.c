/* congvan COMMAND: the command line.  It parses arguments and calls the
 * service (src/service) or the reading modules; each command takes its
 * own options and has its own --help.
 *
 * This file is built twice.  congvan-full runs every command.  congvan,
 * the one people type, is built with CLI_FRONT: it runs the commands that
 * only read the database (list, show, audit, feed-url, history, register)
 * and --help and --version itself, linked to SQLite and a few small
 * libraries only, and executes congvan-full with the same arguments for
 * the others (MAIL_COMMAND), which need the mail, network, iCalendar and
 * HTTP libraries: a command that reads the database starts as fast as
 * git. */
#include <getopt.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "congvan/log.h"
#include "congvan/util.h"
#include "private.h"

#ifndef CONGVAN_VERSION
#define CONGVAN_VERSION "dev"
#endif

#ifdef CLI_FRONT
#define MAIL_COMMAND(fn) NULL
#else
#define MAIL_COMMAND(fn) fn
#endif

#define COMMON_OPTIONS                                                         \
	"  -c, --config FILE     configuration (default " CONFIG_DEFAULT_PATH  \
	")\n"                                                                  \
	"  -v, --verbose         debug logging\n"                              \
	"  -h, --help            this help\n"

static const struct cli_command commands[] = {
    {"serve", MAIL_COMMAND(cmd_serve), "", 0, 0,
     "usage: congvan [-c FILE] [-v] serve\n"
     "  the daemon: intake (IMAP IDLE or polling), the scheduler and the\n"
     "  outbox, and the calendar feed with [feed] listen; stops cleanly on\n"
     "  SIGTERM or SIGINT\n" COMMON_OPTIONS},
    {"run", MAIL_COMMAND(cmd_run), "once now", 0, 0,
     "usage: congvan [-c FILE] [-v] run --once [--now TIME]\n"
     "  one full cycle (intake, the scheduler, the outbox), then exit\n"
     "  --once                one cycle (required)\n"
     "  --now TIME            the cycle's clock, ISO 8601, e.g.\n"
     "                        2026-11-27T09:00:00+07:00\n" COMMON_OPTIONS},
    {"check-config", MAIL_COMMAND(cmd_check_config), "", 0, 0,
     "usage: congvan [-c FILE] check-config\n"
     "  validate the configuration, the templates and the holiday file\n"
     "  without any network\n" COMMON_OPTIONS},
    {"list", cmd_list, "unit status overdue now", 0, 0,
     "usage: congvan [-c FILE] list [--unit U] [--status S] [--overdue]\n"
     "                            [--now TIME]\n"
     "  one line per item: key, registered, status, lead, deadline,\n"
     "  sender, subject (tab-separated)\n"
     "  --unit U              items the unit leads or coordinates\n"
     "  --status S            registered, assigned, disputed, done,\n"
     "                        returned\n"
     "  --overdue             open items past their deadline\n"
     "  --now TIME            the instant --overdue looks at, ISO "
     "8601\n" COMMON_OPTIONS},
    {"show", cmd_show, "", 1, 1,
     "usage: congvan [-c FILE] show KEY\n"
     "  an item's details, parties, deadlines, letter and timeline\n"
     "  (KEY: CV-2026-000001)\n" COMMON_OPTIONS},
    {"audit", cmd_audit, "unit from to", 0, 0,
     "usage: congvan [-c FILE] audit [--unit U] [--from D] [--to D]\n"
     "  the event log as CSV (D: YYYY-MM-DD, inclusive)\n"
     "  --unit U              the items the unit led, coordinated, was\n"
     "                        consulted on, transferred or returned\n"
     "  --from D, --to D      the first and last day\n" COMMON_OPTIONS},
    {"report", MAIL_COMMAND(cmd_report), "quarter from to format mail now", 0,
     0,
     "usage: congvan [-c FILE] report [--quarter Q | --from D [--to D]]\n"
     "                              [--format F] [--mail] [--now TIME]\n"
     "  the figures per unit and per person for a period (default: the\n"
     "  current quarter so far)\n"
     "  --quarter Q           a calendar quarter, e.g. 2026Q2\n"
     "  --from D, --to D      inclusive dates (YYYY-MM-DD); --to defaults\n"
     "                        to today\n"
     "  --format F            text (default), csv or html\n"
     "  --mail                send it to [report] to now instead\n"
     "  --now TIME            the clock, ISO 8601\n" COMMON_OPTIONS},
    {"feed-url", cmd_feed_url, "revoke", 1, 1,
     "usage: congvan [-c FILE] feed-url [--revoke] ADDRESS|UNIT|office\n"
     "  the URL of a person's, a unit's or the Office's calendar feed\n"
     "  --revoke              give it a new URL; the old one stops\n"
     "                        working\n" COMMON_OPTIONS},
    {"history", cmd_history, "since to search", 0, 0,
     "usage: congvan [-c FILE] history [--since D] [--to D] [--search T]\n"
     "  the mail the first start kept as history (no item, no notice), one\n"
     "  line each: delivered, state (kept, or register when asked for),\n"
     "  what it looks like, sender, subject, Message-ID (tab-separated)\n"
     "  --since D, --to D     delivered from, to (inclusive dates)\n"
     "  --search T            subject, sender or Message-ID contains T\n"
     "                        (without regard to case or "
     "diacritics)\n" COMMON_OPTIONS},
    {"register", cmd_register, "since to", 0, 0,
     "usage: congvan [-c FILE] register --since D [--to D]\n"
     "  register the mail kept as history that was delivered from D (to\n"
     "  D, inclusive) after all: the next cycle of run or serve acts on\n"
     "  it as if it had just come\n" COMMON_OPTIONS},
    {"inspect", MAIL_COMMAND(cmd_inspect), "", 1, 1,
     "usage: congvan [-c FILE] inspect FILE|-\n"
     "  parse one message and print it as JSON; needs no configuration\n"
     "  (with -c, its domain and item prefix are used)\n" COMMON_OPTIONS},
    {"trim", MAIL_COMMAND(cmd_trim), "", 0, 0,
     "usage: congvan trim\n"
     "  a decoded reply body on standard input, its new text on\n"
     "  standard output\n" COMMON_OPTIONS},
};

static const char usage_text[] =
    "usage: congvan [-c FILE] [-v] COMMAND [ARGS]\n"
    "\n"
    "commands (congvan COMMAND --help says more):\n"
    "  serve                 run the daemon: intake (IDLE or polling), outbox\n"
    "  run --once [--now T]  one full cycle at instant T (ISO 8601), then "
    "exit\n"
    "  check-config          validate the configuration without any network\n"
    "  list [--unit U] [--status S] [--overdue]\n"
    "                        one line per item\n"
    "  show KEY              an item's details and timeline\n"
    "  audit [--unit U] [--from D] [--to D]\n"
    "                        the event log as CSV\n"
    "  report [--quarter 2026Q2 | --from D [--to D]] [--format F] [--mail]\n"
    "                        figures per unit and per person\n"
    "  feed-url [--revoke] ADDRESS|UNIT|office\n"
    "                        the calendar feed's URL\n"
    "  history [--since D] [--to D] [--search T]\n"
    "                        the mail the first start kept as history\n"
    "  register --since D [--to D]\n"
    "                        register mail kept as history after all\n"
    "  inspect FILE|-        parse one message, print JSON (no config)\n"
    "  trim                  reply body on stdin, its new text on stdout\n"
    "\n"
    "options:\n" COMMON_OPTIONS "  -V, --version         the version\n"
    "\n"
    "exit status follows sysexits.h: 0 ok, 64 usage, 65 unknown item,\n"
    "66 input unreadable, 69 the feed server cannot listen, 70 internal\n"
    "error, 73 database cannot be opened, 74 database error, 75 server\n"
    "unreachable (retry later), 77 login rejected, 78 configuration.\n";

/* The options before the command: -c, -v, -h, -V. */
static int parse_global(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"verbose", no_argument, NULL, 'v'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	cli->config_path = CONFIG_DEFAULT_PATH;
	while ((c = getopt_long(argc, argv, "+c:vhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			cli->config_path = optarg;
			cli->config_given = true;
			break;
		case 'v':
			cli->verbose++;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(0);
		case 'V':
			printf("congvan %s\n", CONGVAN_VERSION);
			exit(0);
		default:
			return -1;
		}
	}
	return optind < argc ? optind : -1;
}

int main(int argc, char **argv)
{
	struct cli cli = {0};
	char **given;
	int first, rc;

	/* Messages of a few MB come and go all day: keep their buffers in
	 * the heap instead of mapping and unmapping (and faulting in) each
	 * one; memory stays bounded by the largest message in flight. */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	/* A server that drops the connection must not kill us mid-write:
	 * the write fails and is handled where it happens. */
	signal(SIGPIPE, SIG_IGN);

	log_init("congvan", LOG_LEVEL_INFO, false);
	/* getopt reorders argv: congvan-full gets the arguments as given */
	given = xcalloc((size_t)argc + 1, sizeof(*given));
	memcpy(given, argv, (size_t)argc * sizeof(*given));
	first = parse_global(argc, argv, &cli);
	if (first < 0) {
		fputs(usage_text, stderr);
		rc = EX_USAGE;
		goto out;
	}
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		if (strcmp(argv[first], commands[i].name) != 0) {
			continue;
		}
		rc = cli_parse(argc - first, argv + first, &commands[i], &cli);
		if (rc != 0) {
			rc = rc > 0 ? 0 : EX_USAGE;
		} else if (!commands[i].run) {
			rc = cli_exec_full(given);
		} else {
			free(given);
			given = NULL;
			log_set_level(cli.verbose ? LOG_LEVEL_DEBUG
						  : LOG_LEVEL_INFO);
			rc = commands[i].run(&cli);
		}
		goto out;
	}
	fprintf(stderr, "congvan: unknown command '%s'\n", argv[first]);
	fputs(usage_text, stderr);
	rc = EX_USAGE;
out:
	free(given);
	return rc;
}
