/* Logging to stderr.  log_warn appends strerror(errno); the *x variants
 * do not.  Messages are lowercase, subjects in quotes, and never contain
 * passwords or tokens.
 *
 * When stderr is the journal's stream (JOURNAL_STREAM names the same
 * device and inode as fd 2, as systemd sets it for a service), each line
 * starts with its syslog priority in sd-daemon(3) style ("<4>" for a
 * warning) and carries no time stamp: the journal keeps both, and
 * `journalctl -p warning` selects by it. */
#ifndef CONGVAN_LOG_H
#define CONGVAN_LOG_H

#include <stdbool.h>

/* In order of importance; each has the syslog priority of its name. */
enum log_level {
	LOG_LEVEL_ERROR,  /* <3> the process cannot go on */
	LOG_LEVEL_WARN,   /* <4> something failed; work goes on */
	LOG_LEVEL_NOTICE, /* <5> normal but worth a look: mail refused */
	LOG_LEVEL_INFO,   /* <6> what the daemon did */
	LOG_LEVEL_DEBUG   /* <7> */
};

/* Logs level and above; timestamps prefixes lines with UTC time, except
 * when stderr is the journal.  Call again after stderr changes. */
void log_init(const char *progname, enum log_level level, bool timestamps);
void log_set_level(enum log_level level);
enum log_level log_get_level(void);
/* True when lines go to the journal with priority prefixes. */
bool log_to_journal(void);

void log_errorx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_notice(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
