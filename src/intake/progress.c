/* The progress of a long intake: on a terminal, one line rewritten in
 * place (count, rate, time left), as mbsync and git show it; under a
 * supervisor, the watchdog kept fed while the work lasts. */
#include <stdio.h>
#include <unistd.h>

#include "congvan/supervisor.h"
#include "private.h"

/* The line is rewritten at most this often (seconds). */
#define PROGRESS_EVERY 0.25

static double since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void intake_progress_line(char *buf, size_t size, size_t done, size_t total,
			  double elapsed, bool final)
{
	double rate = elapsed > 0 ? (double)done / elapsed : 0;
	unsigned pct = total ? (unsigned)(done * 100 / total) : 100;

	if (final) {
		snprintf(buf, size,
			 "intake: %zu of %zu messages (%u%%), %.0f/s, done in"
			 " %.0f s",
			 done, total, pct, rate, elapsed);
	} else if (rate > 0) {
		snprintf(buf, size,
			 "intake: %zu of %zu messages (%u%%), %.0f/s, %.0f s"
			 " left",
			 done, total, pct, rate, (double)(total - done) / rate);
	} else {
		snprintf(buf, size, "intake: %zu of %zu messages (%u%%)", done,
			 total, pct);
	}
}

void intake_progress_start(struct intake_progress *p, size_t total)
{
	*p = (struct intake_progress){.total = total};
	p->shown = total >= INTAKE_PROGRESS_MIN && isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->last = p->start;
}

static void show(struct intake_progress *p, const struct timespec *now,
		 bool final)
{
	char line[160];

	intake_progress_line(line, sizeof(line), p->done, p->total,
			     since(&p->start, now), final);
	/* \033[K: the rest of the terminal's line is cleared */
	fprintf(stderr, "\rcongvan: %s\033[K%s", line, final ? "\n" : "");
	fflush(stderr);
}

void intake_progress_step(struct intake_progress *p)
{
	struct timespec now;

	p->done++;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (since(&p->last, &now) < PROGRESS_EVERY) {
		return;
	}
	p->last = now;
	supervisor_watchdog();
	if (p->shown) {
		show(p, &now, false);
	}
}

void intake_progress_end(struct intake_progress *p)
{
	struct timespec now;

	if (p->shown && p->done > 0) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		show(p, &now, true);
	}
	p->shown = false;
}
