/* The daemon's talk to the service manager that started it (systemd's
 * sd_notify(3) protocol, Type=notify): ready, stopping, a status line for
 * `systemctl status`, and the watchdog's keep-alive.  Every call does
 * nothing when no manager listens (NOTIFY_SOCKET unset), so the daemon
 * behaves the same when started by hand. */
#ifndef CONGVAN_SUPERVISOR_H
#define CONGVAN_SUPERVISOR_H

/* Start-up is over: the manager may start what depends on the service.
 * status (NULL: none) becomes the status line. */
void supervisor_ready(const char *status);
/* A reload has begun (RELOADING=1); supervisor_ready ends it. */
void supervisor_reloading(void);
/* The daemon is shutting down; it may take a moment. */
void supervisor_stopping(void);
/* The one-line status `systemctl status` shows (no line breaks). */
void supervisor_status(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* The watchdog's keep-alive (WATCHDOG=1), when the manager asked for one
 * (WatchdogSec=). */
void supervisor_watchdog(void);
/* seconds, or less when the watchdog must hear from the daemon sooner:
 * half of WatchdogSec, at least 1.  A loop that waits this long at most,
 * then calls supervisor_watchdog, is never killed while it works. */
int supervisor_cap_wait(int seconds);

#endif
