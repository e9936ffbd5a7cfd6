#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "congvan/log.h"

static const char *prog = "congvan";
static enum log_level max_level = LOG_LEVEL_INFO;
static bool stamps;
static bool journal;

/* systemd's way to tell a service that stderr is the journal: the
 * variable alone may be inherited by a child whose stderr was moved. */
static bool stderr_is_journal(void)
{
	const char *v = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat sb;
	char tail;

	if (!v || sscanf(v, "%llu:%llu%c", &dev, &ino, &tail) != 2 ||
	    fstat(STDERR_FILENO, &sb) < 0) {
		return false;
	}
	return (unsigned long long)sb.st_dev == dev &&
	       (unsigned long long)sb.st_ino == ino;
}

void log_init(const char *progname, enum log_level level, bool timestamps)
{
	prog = progname;
	max_level = level;
	journal = stderr_is_journal();
	stamps = timestamps && !journal;
}

void log_set_level(enum log_level level)
{
	max_level = level;
}

enum log_level log_get_level(void)
{
	return max_level;
}

bool log_to_journal(void)
{
	return journal;
}

static void vlog(enum log_level level, int err, const char *fmt, va_list ap)
{
	static const char *names[] = {"error", "warning", "notice", "info",
				      "debug"};
	static const char *const priority[] = {"<3>", "<4>", "<5>", "<6>",
					       "<7>"};
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
	if (journal) {
		/* The journal names the program; the level stays readable. */
		fprintf(stderr, "%s%s: ", priority[level], names[level]);
	} else {
		fprintf(stderr, "%s%s: %s: ", when, prog, names[level]);
	}
	vfprintf(stderr, fmt, ap);
	if (err) {
		fprintf(stderr, ": %s", strerror(err));
	}
	fputc('\n', stderr);
	funlockfile(stderr);
}

#define LOG_FUNCTION(name, level, err)                                         \
	void name(const char *fmt, ...)                                        \
	{                                                                      \
		int saved = errno;                                             \
		va_list ap;                                                    \
                                                                               \
		va_start(ap, fmt);                                             \
		vlog(level, err ? saved : 0, fmt, ap);                         \
		va_end(ap);                                                    \
	}

LOG_FUNCTION(log_errorx, LOG_LEVEL_ERROR, false)
LOG_FUNCTION(log_warn, LOG_LEVEL_WARN, true)
LOG_FUNCTION(log_warnx, LOG_LEVEL_WARN, false)
LOG_FUNCTION(log_notice, LOG_LEVEL_NOTICE, false)
LOG_FUNCTION(log_info, LOG_LEVEL_INFO, false)
LOG_FUNCTION(log_debug, LOG_LEVEL_DEBUG, false)
