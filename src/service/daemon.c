/* The daemon: cycles of work, waiting for mail in between, reconnecting
 * with backoff, and the calendar feed server beside it. */
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sysexits.h>

#include "congvan/feed.h"
#include "congvan/log.h"
#include "congvan/outbox.h"
#include "congvan/service.h"
#include "congvan/supervisor.h"
#include "private.h"

#define BACKOFF_FIRST 5
#define BACKOFF_MAX   300

/* What ends a wait: a stop, or a reload too when there is one. */
static volatile sig_atomic_t *wake_flag(const struct service *svc)
{
	return svc->wake ? svc->wake : svc->stop;
}

/* Sleeps up to seconds under the signal mask mask, waking early on a
 * signal; feeds the service manager's watchdog meanwhile. */
static void nap(const struct service *svc, int seconds, const sigset_t *mask)
{
	volatile sig_atomic_t *wake = wake_flag(svc);
	int ping = supervisor_cap_wait(seconds);
	const struct timespec second = {1, 0};

	for (int i = 0; i < seconds && !*wake && !*svc->stop; i++) {
		if (i > 0 && i % ping == 0) {
			supervisor_watchdog();
		}
		ppoll(NULL, 0, &second, mask);
	}
}

/* How long to wait before the next cycle: the poll interval, or less
 * when a deferred mail in the outbox is due sooner, but not before the
 * mail server is tried again at smtp_at. */
static int next_wait(struct service *svc, time_t smtp_at)
{
	int wait = svc->cfg.mailbox.poll_interval;
	time_t now = time(NULL), next_due;
	char *err = NULL;

	if (store_outbox_next_due(svc->rt.st, &next_due, &err) < 0) {
		log_warnx("%s", err);
		free(err);
		return wait;
	}
	if (next_due > 0 && next_due < smtp_at) {
		next_due = smtp_at;
	}
	if (next_due > 0 && next_due - now < wait) {
		wait = next_due - now > 1 ? (int)(next_due - now) : 1;
	}
	return wait;
}

/* Waits for new mail under the signal mask mask: IDLE when the server
 * offers it, else a nap. */
static void wait_for_mail(struct service *svc, const sigset_t *mask,
			  time_t smtp_at)
{
	int interval = supervisor_cap_wait(next_wait(svc, smtp_at));
	enum fail fail;
	char *err = NULL;

	if (!svc->ms || !mail_can_idle(svc->ms)) {
		nap(svc, interval, mask);
		return;
	}
	if (mail_idle(svc->ms, interval, wake_flag(svc), mask, &fail, &err) <
	    0) {
		log_warnx("%s", err);
		free(err);
		mail_close(&svc->ms);
	}
}

int service_serve(struct service *svc)
{
	struct feed_server *feed = NULL;
	struct service_cycle r;
	int backoff = BACKOFF_FIRST;
	time_t reconnect_at = 0; /* the mailbox down: when to try again */
	time_t smtp_at = 0;      /* the mail server down: when to try again */
	int smtp_failures = 0;   /* flushes in a row that found it down */
	sigset_t waiting;        /* the mask while waiting: svc->held let in */
	int ret;

	/* Before any thread starts, so that the feed's threads hold them
	 * too. */
	if (svc->held) {
		pthread_sigmask(SIG_BLOCK, svc->held, &waiting);
	} else {
		pthread_sigmask(SIG_SETMASK, NULL, &waiting);
	}
	ret = service_feed_start(svc, &feed) < 0 ? EX_UNAVAILABLE : 0;
	if (ret == 0) {
		log_info("serving mailbox '%s' (folder '%s')",
			 svc->cfg.mailbox.url, svc->cfg.mailbox.folder);
		supervisor_ready("serving");
	}
	while (ret == 0 && !*svc->stop) {
		unsigned parts = SERVICE_ALL | SERVICE_BOUNDED;

		supervisor_watchdog();
		if (svc->wake) {
			*svc->wake = 0;
		}
		if (svc->reload && *svc->reload) {
			*svc->reload = 0;
			service_reload(svc, &feed);
			reconnect_at = 0; /* perhaps another mailbox */
			smtp_at = 0;      /* or another mail server */
		}
		/* Intake, unless the mailbox is down and its reconnection not
		 * due yet (a catch-up goes on meanwhile). */
		if (!svc->ms && time(NULL) < reconnect_at) {
			parts &= ~(unsigned)SERVICE_INTAKE;
		}
		/* No flush while the mail server is down: the mail due waits
		 * for it untouched. */
		if (time(NULL) < smtp_at) {
			parts &= ~(unsigned)SERVICE_OUTBOX;
		}
		/* A connection cut short by our own stop signal is no refused
		 * login: the loop ends cleanly below. */
		if (service_cycle(svc, 0, parts, &r) == EX_NOPERM &&
		    !*svc->stop) {
			ret = EX_NOPERM; /* a login refused: nothing to retry */
			break;
		}
		if (*svc->stop) {
			break;
		}
		if (r.intake.fetched) {
			supervisor_status("serving; last intake: %zu fetched,"
					  " %zu registered",
					  r.intake.fetched,
					  r.intake.registered);
		}
		if (!svc->ms && (parts & SERVICE_INTAKE)) {
			log_info("reconnecting in %d s", backoff);
			supervisor_status("mailbox unreachable, reconnecting in"
					  " %d s",
					  backoff);
			reconnect_at = time(NULL) + backoff;
			backoff = backoff < BACKOFF_MAX / 2 ? backoff * 2
							    : BACKOFF_MAX;
		} else if (svc->ms) {
			backoff = BACKOFF_FIRST;
		}
		if ((parts & SERVICE_OUTBOX) && !r.outbox.unreachable) {
			smtp_failures = 0;
		} else if (parts & SERVICE_OUTBOX) {
			time_t wait = outbox_server_backoff(++smtp_failures);

			log_info("outbox: mail server unusable, trying again"
				 " in %lld s",
				 (long long)wait);
			supervisor_status("serving; mail server unusable,"
					  " trying again in %lld s",
					  (long long)wait);
			smtp_at = time(NULL) + wait;
		}
		/* Work left due by a bounded cycle (a catch-up): the next
		 * cycle at once, new mail read first. */
		if (r.more) {
			continue;
		}
		if (!svc->ms) {
			nap(svc,
			    (int)(reconnect_at - time(NULL)) > 0
				? (int)(reconnect_at - time(NULL))
				: 1,
			    &waiting);
			continue;
		}
		wait_for_mail(svc, &waiting, smtp_at);
	}
	supervisor_stopping();
	if (*svc->stop) {
		log_info("stopping");
	}
	feed_server_stop(&feed);
	pthread_sigmask(SIG_SETMASK, &waiting, NULL);
	return ret;
}
