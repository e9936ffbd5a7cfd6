/* sd_notify(3) through libsystemd: the library finds NOTIFY_SOCKET and
 * the watchdog settings in the environment systemd gave the service, and
 * does nothing without them. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <systemd/sd-daemon.h>

#include "congvan/log.h"
#include "congvan/supervisor.h"
#include "congvan/util.h"

static void notify(const char *state)
{
	int rc = sd_notify(0, state);

	if (rc < 0) {
		log_debug("sd_notify: %s", state);
	}
}

void supervisor_ready(const char *status)
{
	char *state = status ? xasprintf("READY=1\nSTATUS=%s", status)
			     : xstrdup("READY=1");

	notify(state);
	free(state);
}

void supervisor_reloading(void)
{
	notify("RELOADING=1");
}

void supervisor_stopping(void)
{
	notify("STOPPING=1\nSTATUS=stopping");
}

void supervisor_status(const char *fmt, ...)
{
	struct sbuf sb = SBUF_INIT(1024);
	va_list ap;

	sbuf_adds(&sb, "STATUS=");
	va_start(ap, fmt);
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	notify(sbuf_str(&sb));
	sbuf_release(&sb);
}

void supervisor_watchdog(void)
{
	uint64_t usec;

	if (sd_watchdog_enabled(0, &usec) > 0) {
		notify("WATCHDOG=1");
	}
}

int supervisor_cap_wait(int seconds)
{
	uint64_t usec, half;

	if (sd_watchdog_enabled(0, &usec) <= 0) {
		return seconds;
	}
	half = usec / 2000000;
	if (half < 1) {
		half = 1;
	}
	return (uint64_t)seconds > half ? (int)half : seconds;
}
