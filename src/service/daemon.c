/* The daemon: cycles of work, waiting for mail in between, reconnecting
 * with backoff, and the calendar feed server beside it. */
#include <stdlib.h>
#include <sysexits.h>
#include <unistd.h>

#include "congvan/feed.h"
#include "congvan/log.h"
#include "congvan/service.h"

#define BACKOFF_FIRST 5
#define BACKOFF_MAX   300

/* Sleeps up to seconds, waking early on a stop signal. */
static void nap(const struct service *svc, int seconds)
{
	for (int i = 0; i < seconds && !*svc->stop; i++) {
		sleep(1);
	}
}

/* How long to wait before the next cycle: the poll interval, or less
 * when a deferred mail in the outbox is due sooner. */
static int next_wait(struct service *svc)
{
	struct store_outbox_stats stats;
	int wait = svc->cfg.mailbox.poll_interval;
	time_t now = time(NULL);
	char *err = NULL;

	if (store_outbox_stats(svc->rt.st, &stats, &err) < 0) {
		log_warnx("%s", err);
		free(err);
		return wait;
	}
	if (stats.next_due > 0 && stats.next_due - now < wait) {
		wait =
		    stats.next_due - now > 1 ? (int)(stats.next_due - now) : 1;
	}
	return wait;
}

/* Waits for new mail: IDLE when the server offers it, else a nap. */
static void wait_for_mail(struct service *svc)
{
	int interval = next_wait(svc);
	enum fail fail;
	char *err = NULL;

	if (!svc->ms || !mail_can_idle(svc->ms)) {
		nap(svc, interval);
		return;
	}
	if (mail_idle(svc->ms, interval, svc->stop, &fail, &err) < 0) {
		log_warnx("%s", err);
		free(err);
		mail_close(&svc->ms);
	}
}

/* The calendar feed server, when [feed] listen is set. */
static int start_feed(struct service *svc, struct feed_server **feed)
{
	const struct config_feed *f = &svc->cfg.feed;
	char *err = NULL;

	if (!f->listen) {
		return 0;
	}
	if (feed_server_start(&svc->cfg, svc->rt.secret, feed, &err) < 0) {
		log_warnx("%s", err);
		free(err);
		return EX_UNAVAILABLE;
	}
	log_info("feed: serving calendars on %s, as %s/TOKEN.ics", f->listen,
		 f->base_url);
	return 0;
}

int service_serve(struct service *svc)
{
	struct feed_server *feed = NULL;
	struct service_cycle r;
	int backoff = BACKOFF_FIRST;
	int ret = start_feed(svc, &feed);

	if (ret == 0) {
		log_info("serving mailbox '%s' (folder '%s')",
			 svc->cfg.mailbox.url, svc->cfg.mailbox.folder);
	}
	while (ret == 0 && !*svc->stop) {
		if (service_cycle(svc, 0, SERVICE_ALL, &r) == EX_NOPERM) {
			ret = EX_NOPERM; /* a login refused: nothing to retry */
			break;
		}
		if (*svc->stop) {
			break;
		}
		if (!svc->ms) {
			log_info("reconnecting in %d s", backoff);
			nap(svc, backoff);
			backoff = backoff < BACKOFF_MAX / 2 ? backoff * 2
							    : BACKOFF_MAX;
			continue;
		}
		backoff = BACKOFF_FIRST;
		wait_for_mail(svc);
	}
	if (*svc->stop) {
		log_info("stopping");
	}
	feed_server_stop(&feed);
	return ret;
}
