/* Logging to stderr.  log_warn/log_err append strerror(errno); the
 * *x variants do not.  Messages are lowercase, subjects in quotes, and
 * never contain passwords or tokens. */
#ifndef CONGVAN_LOG_H
#define CONGVAN_LOG_H

#include <stdbool.h>

enum log_level {
	LOG_LEVEL_ERROR,
	LOG_LEVEL_WARN,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG
};

void log_init(const char *progname, enum log_level level, bool timestamps);
void log_set_level(enum log_level level);
enum log_level log_get_level(void);

void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
