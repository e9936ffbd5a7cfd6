#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "congvan/log.h"

static const char *prog = "congvan";
static enum log_level max_level = LOG_LEVEL_INFO;
static bool stamps;

void log_init(const char *progname, enum log_level level, bool timestamps)
{
	prog = progname;
	max_level = level;
	stamps = timestamps;
}

void log_set_level(enum log_level level)
{
	max_level = level;
}

enum log_level log_get_level(void)
{
	return max_level;
}

static void vlog(enum log_level level, int err, const char *fmt, va_list ap)
{
	static const char *names[] = {"error", "warning", "info", "debug"};
	char when[32] = "";

	if (level > max_level) {
		return;
	}
	if (stamps) {
		time_t t = time(NULL);
		struct tm tm;

		gmtime_r(&t, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ ", &tm);
	}
	/* One line at a time: the feed server logs from its own thread. */
	flockfile(stderr);
	fprintf(stderr, "%s%s: %s: ", when, prog, names[level]);
	vfprintf(stderr, fmt, ap);
	if (err) {
		fprintf(stderr, ": %s", strerror(err));
	}
	fputc('\n', stderr);
	funlockfile(stderr);
}

void log_warn(const char *fmt, ...)
{
	int err = errno;
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LEVEL_WARN, err, fmt, ap);
	va_end(ap);
}

void log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LEVEL_WARN, 0, fmt, ap);
	va_end(ap);
}

void log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LEVEL_INFO, 0, fmt, ap);
	va_end(ap);
}

void log_debug(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LEVEL_DEBUG, 0, fmt, ap);
	va_end(ap);
}
