/* Shared inside src/cli only: what the command line parsed, and the
 * commands.  Each command takes its own options (cli_commands in main.c
 * lists them) and says how it is used with --help. */
#ifndef CONGVAN_CLI_PRIVATE_H
#define CONGVAN_CLI_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include "congvan/service.h"

struct cli {
	const char *config_path;
	bool config_given;
	int verbose;
	/* the command's options, where it takes them */
	bool once;           /* run */
	const char *now;     /* run, report: the cycle's clock */
	const char *unit;    /* list, audit: --unit */
	const char *status;  /* list: --status */
	bool overdue;        /* list: --overdue */
	const char *from;    /* audit, report: --from YYYY-MM-DD */
	const char *to;      /* audit, report, history, register: --to */
	const char *quarter; /* report: --quarter 2026Q2 */
	const char *format;  /* report: --format text|csv|html */
	bool mail;           /* report: --mail */
	bool revoke;         /* feed-url: --revoke */
	const char *since;   /* history, register: --since YYYY-MM-DD */
	const char *search;  /* history: --search TEXT */
	int argc;
	char **argv; /* the command and its operands */
};

struct cli_command {
	const char *name;
	int (*run)(const struct cli *cli);
	const char *options;    /* the long options it takes, space-separated */
	int min_args, max_args; /* operands after the command's name */
	const char *usage;      /* what --help prints */
};

/* Parses argv (argv[0] is the command) with the options cmd takes, the
 * global ones (-c, -v) being taken anywhere: 0; 1 after --help (printed
 * on stdout); -1 for a usage error (said on stderr). */
int cli_parse(int argc, char **argv, const struct cli_command *cmd,
	      struct cli *cli);

/* A date option (YYYY-MM-DD or D/M/YYYY) as a day number: 0, or -1
 * after saying which option (flag) was wrong. */
int cli_parse_day(const char *flag, const char *s, int32_t *day_r);

/* Opens the service for a command, with --now when given: 0, or a
 * sysexits code after saying why. */
int cli_open(const struct cli *cli, struct service *svc, unsigned flags);

/* checks.c: the files check-config looks at (the database's folder,
 * password and secret files); 0 or EX_CONFIG after saying why, warnings
 * on the log. */
int check_files(const struct config *cfg);

/* exec_full.c: the executable that runs every command */
#define CLI_FULL_NAME "congvan-full"
/* Executes congvan-full with argv; returns only on failure, with an exit
 * status. */
int cli_exec_full(char **argv);
/* cmd_service.c */
int cmd_run(const struct cli *cli);
int cmd_serve(const struct cli *cli);
int cmd_check_config(const struct cli *cli);
/* cmd_items.c */
int cmd_list(const struct cli *cli);
int cmd_show(const struct cli *cli);
int cmd_audit(const struct cli *cli);
/* cmd_report.c */
int cmd_report(const struct cli *cli);
/* cmd_feed_url.c */
int cmd_feed_url(const struct cli *cli);
/* cmd_history.c */
int cmd_history(const struct cli *cli);
int cmd_register(const struct cli *cli);
/* cmd_read.c */
int cmd_inspect(const struct cli *cli);
int cmd_trim(const struct cli *cli);

#endif
