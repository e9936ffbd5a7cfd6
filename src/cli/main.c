/* congvan COMMAND: the command line. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sysexits.h>
#include <unistd.h>

#include "congvan/text.h"
#include "congvan/clock.h"
#include "congvan/config.h"
#include "congvan/feed.h"
#include "congvan/inspect.h"
#include "congvan/intake.h"
#include "congvan/log.h"
#include "congvan/mail.h"
#include "congvan/mime.h"
#include "congvan/outbox.h"
#include "congvan/reply.h"
#include "congvan/report.h"
#include "congvan/store.h"
#include "congvan/template.h"
#include "congvan/util.h"
#include "congvan/workday.h"
#include "congvan/workflow.h"
#include "private.h"

#ifndef CONGVAN_VERSION
#define CONGVAN_VERSION "dev"
#endif

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static const char usage_text[] =
    "usage: congvan [-c FILE] [-v] COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  serve                 run the daemon: intake (IDLE or polling), outbox\n"
    "  run --once [--now T]  one full cycle at instant T (ISO 8601), then "
    "exit\n"
    "  check-config          validate the configuration without any network\n"
    "  list [--unit U] [--status S] [--overdue]\n"
    "                        one line per item: key, registered, status,\n"
    "                        lead, deadline, sender, subject\n"
    "  show KEY              an item's details, parties, deadlines and\n"
    "                        timeline\n"
    "  audit [--unit U] [--from D] [--to D]\n"
    "                        the event log as CSV (D: YYYY-MM-DD, inclusive)\n"
    "  report [--quarter 2026Q2 | --from D [--to D]] [--format F] [--mail]\n"
    "                        figures per unit and per person (F: text, csv,\n"
    "                        html; default the current quarter as text);\n"
    "                        --mail sends it to [report] to now\n"
    "  feed-url [--revoke] ADDRESS|UNIT|office\n"
    "                        the calendar feed's URL; --revoke gives a new\n"
    "                        one and the old one stops working\n"
    "  inspect FILE|-        parse one message, print JSON (no config)\n"
    "  trim                  reply body on stdin, its new text on stdout\n"
    "\n"
    "options:\n"
    "  -c, --config FILE     configuration (default " CONFIG_DEFAULT_PATH ")\n"
    "  -v, --verbose         debug logging\n"
    "  -h, --help            this help\n"
    "  -V, --version         the version\n"
    "\n"
    "exit status follows sysexits.h: 0 ok, 64 usage, 65 unknown item,\n"
    "69 the feed server cannot listen, 70 internal error, 74 database\n"
    "error, 75 server unreachable (retry later), 77 login rejected,\n"
    "78 configuration.\n";

static int usage(FILE *f, int status)
{
	fputs(usage_text, f);
	return status;
}

/* Parses options anywhere on the line; the first operand is the command. */
static int parse_args(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"verbose", no_argument, NULL, 'v'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {"once", no_argument, NULL, 'o'},
	    {"now", required_argument, NULL, 'n'},
	    {"unit", required_argument, NULL, 'u'},
	    {"status", required_argument, NULL, 's'},
	    {"overdue", no_argument, NULL, 'O'},
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {"quarter", required_argument, NULL, 'Q'},
	    {"format", required_argument, NULL, 'F'},
	    {"mail", no_argument, NULL, 'M'},
	    {"revoke", no_argument, NULL, 'r'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	cli->config_path = CONFIG_DEFAULT_PATH;
	for (;;) {
		c = getopt_long(argc, argv, "c:vhV", longopts, NULL);
		if (c == -1) {
			break;
		}
		switch (c) {
		case 'c':
			cli->config_path = optarg;
			cli->config_given = true;
			break;
		case 'v':
			cli->verbose++;
			break;
		case 'h':
			exit(usage(stdout, 0));
		case 'V':
			printf("congvan %s\n", CONGVAN_VERSION);
			exit(0);
		case 'o':
			cli->once = true;
			break;
		case 'n':
			cli->now = optarg;
			break;
		case 'u':
			cli->unit = optarg;
			break;
		case 's':
			cli->status = optarg;
			break;
		case 'O':
			cli->overdue = true;
			break;
		case 'f':
			cli->from = optarg;
			break;
		case 't':
			cli->to = optarg;
			break;
		case 'Q':
			cli->quarter = optarg;
			break;
		case 'F':
			cli->format = optarg;
			break;
		case 'M':
			cli->mail = true;
			break;
		case 'r':
			cli->revoke = true;
			break;
		default:
			return -1;
		}
	}
	cli->argc = argc - optind;
	cli->argv = argv + optind;
	return cli->argc > 0 ? 0 : -1;
}

static int load_config(const struct cli *cli, struct config *cfg)
{
	char *err = NULL;

	if (config_load(cli->config_path, cfg, &err) < 0) {
		fprintf(stderr, "%s", err);
		if (err[0] && err[strlen(err) - 1] != '\n') {
			fputc('\n', stderr);
		}
		free(err);
		return -1;
	}
	return 0;
}

/* Creates the service secret (for reply tokens and feed URLs) on first
 * use: 32 random bytes, hex, mode 0600. */
static int ensure_secret(const char *path)
{
	unsigned char raw[32];
	char hex[sizeof(raw) * 2 + 2];
	size_t len = sizeof(raw) * 2 + 1;
	int fd;

	if (access(path, R_OK) == 0) {
		return 0;
	}
	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw)) {
		log_warn("cannot read random bytes");
		return -1;
	}
	hex_encode(raw, sizeof(raw), hex);
	hex[len - 1] = '\n';
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST) {
		return 0;
	}
	if (fd < 0 || write(fd, hex, len) != (ssize_t)len || close(fd) < 0) {
		log_warn("cannot write secret file '%s'", path);
		return -1;
	}
	log_info("created secret file '%s'", path);
	return 0;
}

/* The service secret, when its file exists (created by run, serve and
 * feed-url). */
static char *read_secret(const char *path)
{
	char *data = NULL;
	size_t len = 0;

	if (!path || file_read_all(path, &data, &len) < 0) {
		return NULL;
	}
	while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r')) {
		data[--len] = '\0';
	}
	return data;
}

/* The holiday file: configured, else the one shipped beside the
 * templates (data/ in a source tree, share/congvan/ when installed). */
static char *holidays_path(const struct config *cfg, const char *templates)
{
	static const char *const near[] = {"data/holidays-vn.txt",
					   "holidays-vn.txt"};
	size_t n = strlen(templates);

	if (cfg->calendar.holidays && *cfg->calendar.holidays) {
		return xstrdup(cfg->calendar.holidays);
	}
	if (n > 10 && !strcmp(templates + n - 10, "/templates")) {
		for (size_t i = 0; i < ARRAY_SIZE(near); i++) {
			char *p = xasprintf("%.*s/%s", (int)(n - 10), templates,
					    near[i]);

			if (access(p, R_OK) == 0) {
				return p;
			}
			free(p);
		}
	}
	return NULL;
}

static int load_calendar(const struct config *cfg, struct runtime *rt)
{
	char *path = holidays_path(cfg, rt->templates);
	struct workcal *cal = NULL;
	char *err = NULL;

	if (!path) {
		log_warnx("no holiday file found (set [calendar] holidays):"
			  " only weekends are days off");
	}
	if (workcal_load(path, cfg->calendar.workdays, &cal, &err) < 0) {
		fprintf(stderr, "congvan: %s\n", err);
		free(err);
		free(path);
		return -1;
	}
	free(path);
	rt->cal = cal;
	return 0;
}

int open_runtime(const struct cli *cli, struct config *cfg, struct runtime *rt)
{
	char *err = NULL;

	memset(rt, 0, sizeof(*rt));
	if (load_config(cli, cfg) < 0) {
		return EX_CONFIG;
	}
	rt->cfg = cfg;
	rt->stop = &stop_flag;
	rt->templates = template_find_dir(cfg->service.templates);
	if (cli->now && clock_parse_iso(cli->now, &rt->fixed_now) < 0) {
		fprintf(stderr,
			"congvan: --now '%s': expected ISO 8601, e.g."
			" 2026-05-04T09:00:00+07:00\n",
			cli->now);
		return EX_USAGE;
	}
	if (load_calendar(cfg, rt) < 0) {
		return EX_CONFIG;
	}
	rt->secret = read_secret(cfg->service.secret_file);
	rt->st = store_open(cfg->service.database, &err);
	if (!rt->st) {
		log_warnx("%s", err);
		free(err);
		return EX_CANTCREAT;
	}
	return 0;
}

void close_runtime(struct runtime *rt, struct config *cfg)
{
	struct workcal *cal = (struct workcal *)rt->cal;

	workcal_free(&cal);
	rt->cal = NULL;
	free((char *)rt->secret);
	rt->secret = NULL;
	store_close(&rt->st);
	free((char *)rt->templates);
	rt->templates = NULL;
	config_free(cfg);
}

int load_secret(struct runtime *rt)
{
	ensure_secret(rt->cfg->service.secret_file);
	if (!rt->secret) {
		rt->secret = read_secret(rt->cfg->service.secret_file);
	}
	return rt->secret && *rt->secret ? 0 : -1;
}

static int exit_for(enum fail fail)
{
	return fail == FAIL_FATAL ? EX_NOPERM : EX_TEMPFAIL;
}

/* One intake pass over a fresh connection.  Returns 0 or an exit code. */
static int intake_once(struct runtime *rt)
{
	struct mail_session *ms = NULL;
	struct intake_stats stats;
	enum fail fail = FAIL_NONE;
	char *err = NULL;
	int ret = 0;

	if (mail_open(&rt->cfg->mailbox, &ms, &fail, &err) < 0 ||
	    intake_run(rt, ms, &stats, &fail, &err) < 0) {
		log_warnx("%s", err);
		free(err);
		ret = exit_for(fail);
	} else {
		log_info("intake: %zu fetched, %zu registered, %zu replies,"
			 " %zu automatic, %zu bounces, %zu duplicates",
			 stats.fetched, stats.registered, stats.replies,
			 stats.automatic, stats.bounces, stats.duplicates);
	}
	mail_close(&ms);
	return ret;
}

/* One part of the scheduler's pass, in its own transaction. */
static int schedule_part(struct runtime *rt,
			 int (*tick)(struct runtime *rt, char **error_r),
			 const char *what)
{
	char *err = NULL;

	if (store_begin(rt->st, &err) < 0 || tick(rt, &err) < 0 ||
	    store_commit(rt->st, &err) < 0) {
		store_rollback(rt->st);
		log_warnx("%s: %s", what, err);
		free(err);
		return EX_SOFTWARE;
	}
	return 0;
}

/* The scheduler's pass at the cycle's clock: the workflow's reminders
 * and deemed agreements, then the quarterly report.  Apart, so that a
 * report that cannot be made never holds back a reminder. */
static int schedule(struct runtime *rt)
{
	int ret = schedule_part(rt, workflow_tick, "scheduler");
	int rep = schedule_part(rt, report_tick, "report");

	return ret ? ret : rep;
}

static int flush_outbox(struct runtime *rt)
{
	struct outbox_stats stats;
	char *err = NULL;

	if (outbox_flush(rt, &stats, &err) < 0) {
		log_warnx("%s", err);
		free(err);
		return EX_IOERR;
	}
	if (stats.sent || stats.failed || stats.deferred) {
		log_info("outbox: %d sent, %d waiting, %d failed", stats.sent,
			 stats.deferred, stats.failed);
	}
	return 0;
}

static int cmd_run(const struct cli *cli)
{
	struct config cfg = {0};
	struct runtime rt;
	int ret, out;

	if (!cli->once) {
		fprintf(stderr, "congvan: run needs --once (the daemon is"
				" 'congvan serve')\n");
		return EX_USAGE;
	}
	ret = open_runtime(cli, &cfg, &rt);
	if (ret == 0) {
		load_secret(&rt);
		ret = intake_once(&rt);
		out = schedule(&rt);
		ret = ret ? ret : out;
		out = flush_outbox(&rt);
		ret = ret ? ret : out;
	}
	close_runtime(&rt, &cfg);
	return ret;
}

/* Sleeps up to seconds, waking early on a stop signal. */
static void nap(int seconds)
{
	for (int i = 0; i < seconds && !stop_flag; i++) {
		sleep(1);
	}
}

/* How long to wait before the next cycle: the poll interval, or less
 * when a deferred mail in the outbox is due sooner. */
static int next_wait(struct runtime *rt)
{
	struct store_outbox_stats stats;
	int wait = rt->cfg->mailbox.poll_interval;
	char *err = NULL;

	if (store_outbox_stats(rt->st, &stats, &err) < 0) {
		log_warnx("%s", err);
		free(err);
		return wait;
	}
	if (stats.next_due > 0 && stats.next_due - time(NULL) < wait) {
		wait = stats.next_due - time(NULL) > 1
			   ? (int)(stats.next_due - time(NULL))
			   : 1;
	}
	return wait;
}

/* Waits for new mail: IDLE when the server offers it, else a nap. */
static void wait_for_mail(struct runtime *rt, struct mail_session **ms)
{
	enum fail fail;
	char *err = NULL;
	int interval = next_wait(rt);

	if (!*ms || !mail_can_idle(*ms)) {
		nap(interval);
		return;
	}
	if (mail_idle(*ms, interval, &stop_flag, &fail, &err) < 0) {
		log_warnx("%s", err);
		free(err);
		mail_close(ms);
	}
}

/* One daemon cycle; reconnects with backoff.  Returns an exit code when
 * the daemon must stop (a login rejected), else 0. */
static int serve_cycle(struct runtime *rt, struct mail_session **ms,
		       int *backoff)
{
	struct intake_stats stats;
	enum fail fail = FAIL_NONE;
	char *err = NULL;

	if (!*ms && mail_open(&rt->cfg->mailbox, ms, &fail, &err) < 0) {
		log_warnx("%s", err);
		FREE_AND_NULL(err);
		if (fail == FAIL_FATAL) {
			return exit_for(fail);
		}
		log_info("reconnecting in %d s", *backoff);
		flush_outbox(rt);
		nap(*backoff);
		*backoff = *backoff < 300 ? *backoff * 2 : 300;
		return 0;
	}
	*backoff = 5;
	if (intake_run(rt, *ms, &stats, &fail, &err) < 0) {
		log_warnx("%s", err);
		FREE_AND_NULL(err);
		mail_close(ms);
	} else if (stats.fetched) {
		log_info("intake: %zu fetched, %zu registered", stats.fetched,
			 stats.registered);
	}
	schedule(rt);
	flush_outbox(rt);
	if (!stop_flag) {
		wait_for_mail(rt, ms);
	}
	return 0;
}

/* The calendar feed server, when [feed] listen is set: its own thread,
 * beside the serve loop. */
static int start_feed(struct runtime *rt, struct feed_server **feed)
{
	const struct config_feed *f = &rt->cfg->feed;
	char *err = NULL;

	if (!f->listen) {
		return 0;
	}
	if (feed_server_start(rt->cfg, rt->secret, feed, &err) < 0) {
		log_warnx("%s", err);
		free(err);
		return EX_UNAVAILABLE;
	}
	log_info("feed: serving calendars on %s, as %s/TOKEN.ics", f->listen,
		 f->base_url);
	return 0;
}

static int cmd_serve(const struct cli *cli)
{
	struct sigaction sa;
	struct config cfg = {0};
	struct runtime rt;
	struct mail_session *ms = NULL;
	struct feed_server *feed = NULL;
	int ret, backoff = 5;

	/* A daemon's log is read later: say when.  Under systemd the journal
	 * stamps lines itself. */
	log_init("congvan", log_get_level(), getenv("JOURNAL_STREAM") == NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	ret = open_runtime(cli, &cfg, &rt);
	if (ret == 0) {
		load_secret(&rt);
		ret = start_feed(&rt, &feed);
	}
	if (ret == 0) {
		log_info("serving mailbox '%s' (folder '%s')", cfg.mailbox.url,
			 cfg.mailbox.folder);
	}
	while (ret == 0 && !stop_flag) {
		ret = serve_cycle(&rt, &ms, &backoff);
	}
	if (stop_flag) {
		log_info("stopping");
	}
	feed_server_stop(&feed);
	mail_close(&ms);
	close_runtime(&rt, &cfg);
	return ret;
}

static int cmd_check_config(const struct cli *cli)
{
	struct config cfg = {0};
	struct runtime rt = {0};
	char *dir, *err = NULL;
	int ret = 0;

	if (load_config(cli, &cfg) < 0) {
		return EX_CONFIG;
	}
	dir = template_find_dir(cfg.service.templates);
	/* The holiday file is part of the configuration. */
	rt.templates = dir;
	if (load_calendar(&cfg, &rt) < 0) {
		ret = EX_CONFIG;
	} else {
		struct workcal *cal = (struct workcal *)rt.cal;

		workcal_free(&cal);
	}
	for (size_t i = 0; template_names[i]; i++) {
		if (template_check(dir, cfg.service.language, template_names[i],
				   &err) < 0) {
			fprintf(stderr, "%s\n", err);
			FREE_AND_NULL(err);
			ret = EX_CONFIG;
		}
	}
	if (ret == 0) {
		printf("%s: ok\n", cfg.path);
	}
	free(dir);
	config_free(&cfg);
	return ret;
}

/* Reads a whole file, or standard input for "-". */
static int read_input(const char *path, char **data_r, size_t *len_r)
{
	if (strcmp(path, "-") == 0) {
		return file_read_all("/dev/stdin", data_r, len_r);
	}
	return file_read_all(path, data_r, len_r);
}

static int cmd_inspect(const struct cli *cli)
{
	struct message_classify_opts opts = {NULL, NULL, "CV"};
	struct config cfg = {0};
	struct inspection in;
	char *data = NULL, *json;
	size_t len = 0;

	if (cli->argc != 2) {
		fprintf(stderr, "congvan: inspect needs one file (- for"
				" standard input)\n");
		return EX_USAGE;
	}
	if (cli->config_given) {
		if (load_config(cli, &cfg) < 0) {
			return EX_CONFIG;
		}
		opts.own_domain = cfg.service.domain;
		opts.own_address = cfg.smtp.from;
		opts.item_prefix = cfg.service.item_prefix;
	}
	if (read_input(cli->argv[1], &data, &len) < 0) {
		fprintf(stderr, "congvan: cannot read '%s': %s\n", cli->argv[1],
			strerror(errno));
		config_free(&cfg);
		return EX_NOINPUT;
	}
	if (len == 0) {
		fprintf(stderr, "congvan: '%s' is empty\n", cli->argv[1]);
		free(data);
		config_free(&cfg);
		return EX_DATAERR;
	}
	inspect_message(data, len, &opts, INSPECT_PDF, &in);
	json = inspect_json(&in);
	fputs(json, stdout);
	free(json);
	inspection_free(&in);
	free(data);
	config_free(&cfg);
	return 0;
}

static int cmd_trim(const struct cli *cli)
{
	char *data = NULL, *nfc, *text;
	size_t len = 0;

	if (cli->argc != 1) {
		fprintf(stderr, "congvan: trim reads standard input and takes"
				" no argument\n");
		return EX_USAGE;
	}
	if (read_input("-", &data, &len) < 0) {
		fprintf(stderr, "congvan: cannot read standard input: %s\n",
			strerror(errno));
		return EX_NOINPUT;
	}
	nfc = text_nfc(data, len); /* iOS sends NFD */
	text = reply_trim(nfc, strlen(nfc));
	fputs(text, stdout);
	if (*text) {
		fputc('\n', stdout);
	}
	free(text);
	free(nfc);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(const struct cli *cli);
	} commands[] = {
	    {"serve", cmd_serve},
	    {"run", cmd_run},
	    {"check-config", cmd_check_config},
	    {"list", cmd_list},
	    {"show", cmd_show},
	    {"audit", cmd_audit},
	    {"report", cmd_report},
	    {"feed-url", cmd_feed_url},
	    {"inspect", cmd_inspect},
	    {"trim", cmd_trim},
	};
	struct cli cli = {0};

	/* Messages of a few MB come and go all day: keep their buffers in
	 * the heap instead of mapping and unmapping (and faulting in) each
	 * one; memory stays bounded by the largest message in flight. */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);

	log_init("congvan", LOG_LEVEL_INFO, false);
	if (parse_args(argc, argv, &cli) < 0) {
		return usage(stderr, EX_USAGE);
	}
	log_set_level(cli.verbose ? LOG_LEVEL_DEBUG : LOG_LEVEL_INFO);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		if (strcmp(cli.argv[0], commands[i].name) == 0) {
			return commands[i].fn(&cli);
		}
	}
	fprintf(stderr, "congvan: unknown command '%s'\n", cli.argv[0]);
	return usage(stderr, EX_USAGE);
}
