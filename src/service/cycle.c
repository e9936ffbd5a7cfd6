/* One cycle of congvan's work at one instant: intake, the scheduler, the
 * outbox.  Each part reports how it ended; the first failure that
 * matters names the cycle's status. */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "congvan/auth.h"
#include "congvan/log.h"
#include "congvan/mail.h"
#include "congvan/report.h"
#include "congvan/service.h"
#include "congvan/workflow.h"

/* Keeps the first failure: they are listed by weight in service.h. */
static void fail_with(struct service_cycle *r, int status)
{
	static const int order[] = {EX_NOPERM, EX_IOERR, EX_SOFTWARE,
				    EX_TEMPFAIL};
	size_t now = 0, new = 0;

	if (!status) {
		return;
	}
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		now = r->status == order[i] ? i + 1 : now;
		new = status == order[i] ? i + 1 : new;
	}
	if (!r->status || (new &&new < now)) {
		r->status = status;
	}
}

static int status_of(enum fail fail)
{
	switch (fail) {
	case FAIL_FATAL:
		return EX_NOPERM;
	case FAIL_LOCAL:
		return EX_IOERR;
	case FAIL_NONE:
		return 0;
	default:
		return EX_TEMPFAIL;
	}
}

/* Intake over the mailbox, connecting first when needed. */
static void intake(struct service *svc, struct service_cycle *r)
{
	enum fail fail = FAIL_NONE;
	char *err = NULL;

	if ((!svc->ms &&
	     mail_open(&svc->cfg.mailbox, &svc->ms, &fail, &err) < 0) ||
	    intake_run(&svc->rt, svc->ms, &r->intake, &fail, &err) < 0) {
		log_warnx("%s", err);
		free(err);
		mail_close(&svc->ms);
		fail_with(r, status_of(fail));
		return;
	}
	if (r->intake.fetched || r->intake.from_history) {
		log_info("intake: %zu fetched, %zu registered, %zu replies,"
			 " %zu automatic, %zu bounces, %zu duplicates,"
			 " %zu kept as history, %zu registered from history",
			 r->intake.fetched, r->intake.registered,
			 r->intake.replies, r->intake.automatic,
			 r->intake.bounces, r->intake.duplicates,
			 r->intake.history, r->intake.from_history);
	}
}

static double clock_ms(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
	return clock_ms(CLOCK_PROCESS_CPUTIME_ID);
}

/* One part of the scheduler, in transactions of a batch each (a tick
 * returns 1 when it left work due): one batch in a bounded cycle (serve:
 * r->more says so, and the next cycle goes on), else batch after batch
 * until nothing is due or a stop is asked for.  Its CPU time in the
 * debug log, and each batch's CPU and wall time (make bench reads
 * them). */
static void schedule_part(struct service *svc, struct service_cycle *r,
			  int (*tick)(struct runtime *rt, char **error_r),
			  bool bounded, const char *what)
{
	double start = cpu_ms();
	char *err = NULL;
	int rc, batches = 0;

	do {
		double cpu = cpu_ms(), wall = clock_ms(CLOCK_MONOTONIC);

		rc = store_begin(svc->rt.st, &err) < 0 ? -1
						       : tick(&svc->rt, &err);
		if (rc < 0 || store_commit(svc->rt.st, &err) < 0) {
			store_rollback(svc->rt.st);
			log_warnx("%s: %s", what, err);
			free(err);
			fail_with(r, EX_SOFTWARE);
			rc = -1;
		}
		/* each batch's figures when there are several */
		if (rc == 1 || batches > 0) {
			log_debug("%s: batch %d: %.2f ms of CPU, %.2f ms", what,
				  ++batches, cpu_ms() - cpu,
				  clock_ms(CLOCK_MONOTONIC) - wall);
		}
	} while (rc == 1 && !bounded && !(svc->stop && *svc->stop));
	r->more |= rc == 1;
	log_debug("%s: %.2f ms of CPU", what, cpu_ms() - start);
}

static void flush(struct service *svc, struct service_cycle *r, bool bounded)
{
	double cpu = cpu_ms(), wall = clock_ms(CLOCK_MONOTONIC);
	char *err = NULL;
	int rc;

	rc = outbox_flush(&svc->rt, bounded ? OUTBOX_FLUSH_BATCH : 0,
			  &r->outbox, &err);
	log_debug("outbox: %.2f ms of CPU, %.2f ms", cpu_ms() - cpu,
		  clock_ms(CLOCK_MONOTONIC) - wall);
	if (rc < 0) {
		log_warnx("%s", err);
		free(err);
		fail_with(r, EX_IOERR);
		return;
	}
	if (r->outbox.sent || r->outbox.failed) {
		log_info("outbox: %d sent, %d waiting, %d failed",
			 r->outbox.sent, r->outbox.deferred, r->outbox.failed);
	}
	if (r->outbox.unreachable) {
		fail_with(r, EX_TEMPFAIL);
	}
	r->more |= r->outbox.more;
}

static void close_mail(struct service *svc)
{
	mail_close(&svc->ms);
	auth_dkim_free(&svc->rt.dkim);
}

int service_open_mail(struct service *svc, char **error_r)
{
	svc->close_mail = close_mail;
	if (!svc->cfg.security.dkim_verify || svc->rt.dkim) {
		return 0;
	}
	svc->rt.dkim = auth_dkim_new(svc->cfg.security.dkim_keys, error_r);
	return svc->rt.dkim ? 0 : EX_CONFIG;
}

int service_cycle(struct service *svc, time_t at, unsigned parts,
		  struct service_cycle *r)
{
	memset(r, 0, sizeof(*r));
	/* The mail session this cycle may open is closed by service_close. */
	svc->close_mail = close_mail;
	svc->rt.fixed_now = at;
	svc->rt.stop = svc->stop;
	if (parts & SERVICE_INTAKE) {
		intake(svc, r);
	}
	if (parts & SERVICE_SCHEDULE) {
		schedule_part(svc, r, workflow_tick, parts & SERVICE_BOUNDED,
			      "scheduler");
		schedule_part(svc, r, report_tick, parts & SERVICE_BOUNDED,
			      "report");
		/* after intake (delivery reports) and before the flush;
		 * what the flush fails is told in the next cycle */
		schedule_part(svc, r, workflow_tell_undelivered,
			      parts & SERVICE_BOUNDED, "undelivered");
	}
	if (parts & SERVICE_OUTBOX) {
		flush(svc, r, parts & SERVICE_BOUNDED);
	}
	return r->status;
}
