/* congvan as a service: what it runs with (the configuration, the working
 * calendar, the secret and the store), one cycle of its work at a given
 * instant (intake, the scheduler, the outbox), and the daemon that repeats
 * it.  The command line (src/cli) only parses arguments and calls these.
 * Results are sysexits.h codes. */
#ifndef CONGVAN_SERVICE_H
#define CONGVAN_SERVICE_H

#include <signal.h>
#include <time.h>

#include "congvan/config.h"
#include "congvan/intake.h"
#include "congvan/mail.h"
#include "congvan/outbox.h"
#include "congvan/runtime.h"

struct workcal;

struct service {
	struct config cfg;
	struct runtime rt;       /* rt.cfg is &cfg */
	struct mail_session *ms; /* the mailbox while connected, else NULL */
	volatile sig_atomic_t *stop;   /* set: finish the work in hand, stop */
	volatile sig_atomic_t *reload; /* set: serve reloads the configuration
					* before its next cycle; may be NULL */
	volatile sig_atomic_t *wake;   /* set with either: ends serve's wait
					* for mail; may be NULL */
	/* Signals serve holds while it works and lets in only while it
	 * waits (SIGHUP), so that none cuts a server's answer short; may
	 * be NULL. */
	const sigset_t *held;
	/* Closes the mail session and the DKIM verifier; set by
	 * service_open_mail and by a cycle, called by service_close, so
	 * that the commands that only read the database never link the
	 * mail and authentication libraries. */
	void (*close_mail)(struct service *svc);
};

enum service_flags {
	SERVICE_SECRET = 1 << 0,    /* create the service secret when missing */
	SERVICE_EXCLUSIVE = 1 << 1, /* hold the database's lock (run, serve) */
	SERVICE_READ = 1 << 2,      /* the command writes nothing
				     * (store_open_to_read) */
};

/* Loads the configuration at config_path, the working calendar and the
 * secret (created first with SERVICE_SECRET), and opens the store:
 * 0, or EX_CONFIG / EX_CANTCREAT with *error_r.  With SERVICE_EXCLUSIVE
 * the database's lock is taken first (store_lock: one run or serve per
 * database, so that nothing is registered or sent twice), else
 * EX_TEMPFAIL with *error_r naming the process that holds it.  Call
 * service_close after, also after a failure. */
int service_open(struct service *svc, const char *config_path, unsigned flags,
		 char **error_r);
/* Disconnects and releases everything; svc may be half open. */
void service_close(struct service *svc);
/* What a cycle needs beyond service_open, for run and serve: the DKIM
 * verifier when [security] dkim = verify.  0, or EX_CONFIG with
 * *error_r. */
int service_open_mail(struct service *svc, char **error_r);

/* The service secret in the file at path (its hex, without the line
 * end), or NULL when there is none to read.  Caller frees. */
char *service_read_secret(const char *path);

/* The working calendar of cfg: [calendar] holidays, else the file shipped
 * beside the templates folder; only weekends are days off (with a
 * warning) when there is none.  0, or -1 with *error_r. */
int service_load_calendar(const struct config *cfg, const char *templates,
			  struct workcal **cal_r, char **error_r);

/* The parts of a cycle. */
enum service_part {
	SERVICE_INTAKE = 1 << 0,   /* new mail, read and acted on */
	SERVICE_SCHEDULE = 1 << 1, /* reminders, deemed agreements, reports */
	SERVICE_OUTBOX = 1 << 2,   /* the mail due, sent */
	SERVICE_ALL = SERVICE_INTAKE | SERVICE_SCHEDULE | SERVICE_OUTBOX,
	/* With the parts above: the scheduler handles one batch of the
	 * items due ([service] scheduler_batch) and the outbox tries at most
	 * OUTBOX_FLUSH_BATCH mails, leaving the rest to the next cycle
	 * (serve: new mail is read between two batches of a catch-up).
	 * Without it, both go on batch after batch until nothing is due
	 * (run --once). */
	SERVICE_BOUNDED = 1 << 3,
};

/* What one cycle did. */
struct service_cycle {
	struct intake_stats intake;
	struct outbox_stats outbox;
	/* 0; else the first of: EX_NOPERM (login or certificate refused),
	 * EX_IOERR (the store failed), EX_SOFTWARE (the scheduler failed),
	 * EX_TEMPFAIL (a server could not be reached: mail left waiting). */
	int status;
	/* SERVICE_BOUNDED: the scheduler or the outbox left work due, for a
	 * next cycle to go on with at once. */
	bool more;
};

/* One cycle of parts at instant at (0: the system clock as it runs):
 * intake over the mailbox (connecting first when not connected; a failed
 * connection or session is left closed), the scheduler (the workflow's
 * stages, a batch of items due a transaction, then the quarterly report,
 * in transactions of their own, so that a report that cannot be made
 * never holds back a reminder), then the outbox.  Returns r->status. */
int service_cycle(struct service *svc, time_t at, unsigned parts,
		  struct service_cycle *r);

/* The daemon: a cycle, then waiting for new mail (IMAP IDLE when the
 * server offers it, else poll_interval), or for the next mail due in the
 * outbox when sooner, again and again; reconnects with backoff (5 s
 * doubling to 5 minutes); serves the calendar feed beside it when [feed]
 * listen is set.  When *svc->reload is set, the configuration is read
 * again before the next cycle and used when it is good (else the service
 * goes on as before, saying why).  Returns when *stop is set (0) or when
 * the mailbox refuses the login (EX_NOPERM), or EX_UNAVAILABLE when the
 * feed cannot listen at start.  svc->stop must be set. */
int service_serve(struct service *svc);

#endif
