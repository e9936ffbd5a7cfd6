/* Shared inside src/cli only. */
#ifndef CONGVAN_CLI_PRIVATE_H
#define CONGVAN_CLI_PRIVATE_H

#include <stdbool.h>

#include "congvan/config.h"
#include "congvan/runtime.h"

struct cli {
	const char *config_path;
	bool config_given;
	bool once;
	const char *now;
	const char *unit;    /* list, audit: --unit */
	const char *status;  /* list: --status */
	bool overdue;        /* list: --overdue */
	const char *from;    /* audit, report: --from YYYY-MM-DD */
	const char *to;      /* audit, report: --to YYYY-MM-DD */
	const char *quarter; /* report: --quarter 2026Q2 */
	const char *format;  /* report: --format text|csv|html */
	bool mail;           /* report: --mail */
	bool revoke;         /* feed-url: --revoke */
	int verbose;
	int argc;
	char **argv; /* the command's operands */
};

/* Loads the configuration, the calendar and the store for a command:
 * 0, or a sysexits code after saying why. */
int open_runtime(const struct cli *cli, struct config *cfg, struct runtime *rt);
void close_runtime(struct runtime *rt, struct config *cfg);
/* Creates the service secret when missing and reads it into rt->secret:
 * 0, or -1 when there is none to read (said in the log). */
int load_secret(struct runtime *rt);

/* checks.c: the files check-config looks at (the database's folder,
 * password and secret files); 0 or EX_CONFIG after saying why, warnings
 * on the log. */
int check_files(const struct config *cfg);

/* items.c */
int cmd_list(const struct cli *cli);
int cmd_show(const struct cli *cli);
int cmd_audit(const struct cli *cli);

/* report.c */
int cmd_report(const struct cli *cli);
/* feeds.c */
int cmd_feed_url(const struct cli *cli);

#endif
