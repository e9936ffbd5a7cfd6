/* congvan run --once, serve and check-config: the service's own
 * commands. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "congvan/log.h"
#include "congvan/reader.h"
#include "congvan/template.h"
#include "congvan/util.h"
#include "congvan/workday.h"
#include "private.h"

static volatile sig_atomic_t stop_flag, reload_flag, wake_flag;

/* SIGTERM and SIGINT stop; SIGHUP reloads the configuration (serve). */
static void on_signal(int sig)
{
	if (sig == SIGHUP) {
		reload_flag = 1;
	} else {
		stop_flag = 1;
	}
	wake_flag = 1;
}

/* The DKIM verifier, said as cli_open says a configuration error. */
static int open_mail(struct service *svc)
{
	char *err = NULL;
	int ret = service_open_mail(svc, &err);

	if (ret != 0) {
		fprintf(stderr, "congvan: %s\n",
			err ? err : "cannot set up DKIM verification");
	}
	free(err);
	return ret;
}

int cmd_run(const struct cli *cli)
{
	struct service svc;
	struct service_cycle r;
	int ret;

	if (!cli->once) {
		fprintf(stderr, "congvan: run needs --once (the daemon is"
				" 'congvan serve')\n");
		return EX_USAGE;
	}
	ret = cli_open(cli, &svc, SERVICE_SECRET | SERVICE_EXCLUSIVE);
	if (ret == 0) {
		ret = open_mail(&svc);
	}
	if (ret == 0) {
		svc.stop = &stop_flag;
		ret = service_cycle(&svc, svc.rt.fixed_now, SERVICE_ALL, &r);
	}
	service_close(&svc);
	return ret;
}

int cmd_serve(const struct cli *cli)
{
	struct sigaction sa;
	sigset_t held;
	struct service svc;
	int ret;

	/* A daemon's log is read later: say when.  Under systemd the journal
	 * stamps lines itself. */
	log_init("congvan", log_get_level(), getenv("JOURNAL_STREAM") == NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* A reload waits for the cycle: the mail being read or sent goes on
	 * (a stop may cut it short; its transaction is then rolled back). */
	sigemptyset(&held);
	sigaddset(&held, SIGHUP);
	ret = cli_open(cli, &svc, SERVICE_SECRET | SERVICE_EXCLUSIVE);
	if (ret == 0) {
		ret = open_mail(&svc);
	}
	if (ret == 0) {
		svc.stop = &stop_flag;
		svc.reload = &reload_flag;
		svc.wake = &wake_flag;
		svc.held = &held;
		ret = service_serve(&svc);
	}
	service_close(&svc);
	return ret;
}

int cmd_check_config(const struct cli *cli)
{
	struct config cfg = {0};
	struct workcal *cal = NULL;
	char *dir, *err = NULL;
	int ret = 0;

	if (config_load(cli->config_path, &cfg, &err) < 0) {
		fprintf(stderr, "%s", err);
		if (err[0] && err[strlen(err) - 1] != '\n') {
			fputc('\n', stderr);
		}
		free(err);
		return EX_CONFIG;
	}
	dir = template_find_dir(cfg.service.templates);
	/* The holiday file is part of the configuration. */
	if (service_load_calendar(&cfg, dir, &cal, &err) < 0) {
		fprintf(stderr, "congvan: %s\n", err);
		FREE_AND_NULL(err);
		ret = EX_CONFIG;
	}
	workcal_free(&cal);
	if (check_files(&cfg) != 0) {
		ret = EX_CONFIG;
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
		printf("who may command: %s\n",
		       config_security_explain(&cfg.security));
		printf("attached documents: %s\n",
		       reader_find_path()
			   ? reader_find_path()
			   : "congvan-reader is not installed: PDFs and scans"
			     " will not be read");
	}
	free(dir);
	config_free(&cfg);
	return ret;
}
