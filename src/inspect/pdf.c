/* PDF text in a child process.  poppler is a large parser of untrusted
 * input that is not ours: a crash or a runaway document must not take
 * intake down with it, or stop it at the same message on every run. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "congvan/letter.h"
#include "congvan/log.h"
#include "congvan/util.h"
#include "private.h"

#define PDF_TIMEOUT_MS 10000
#define PDF_MAX_TEXT   (4u << 20)
#define PDF_MAX_MEMORY ((rlim_t)1 << 30)

static void child(int fd, const char *data, size_t len)
{
	struct rlimit mem = {PDF_MAX_MEMORY, PDF_MAX_MEMORY};
	struct rlimit cpu = {PDF_TIMEOUT_MS / 1000, PDF_TIMEOUT_MS / 1000};
	char *text;
	size_t n, off = 0;

#ifndef __SANITIZE_ADDRESS__
	/* AddressSanitizer reserves terabytes of address space up front. */
	setrlimit(RLIMIT_AS, &mem);
#else
	(void)mem;
#endif
	setrlimit(RLIMIT_CPU, &cpu);
	text = letter_pdf_text(data, len, NULL);
	n = text ? strlen(text) : 0;
	while (off < n) {
		ssize_t w = write(fd, text + off, n - off);

		if (w <= 0) {
			break;
		}
		off += (size_t)w;
	}
	_exit(text ? 0 : 1);
}

static long elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 +
	       (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* Reads the child's output until EOF, the cap, or the deadline. */
static bool read_text(int fd, struct sbuf *sb)
{
	struct timespec start;
	char buf[65536];

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		long left = PDF_TIMEOUT_MS - elapsed_ms(&start);
		ssize_t n;
		int rc;

		if (left <= 0) {
			return false;
		}
		rc = poll(&pfd, 1, (int)left);
		if (rc < 0 && errno == EINTR) {
			continue;
		}
		if (rc <= 0) {
			return false;
		}
		n = read(fd, buf, sizeof(buf));
		if (n == 0) {
			return true;
		}
		if (n < 0 && errno != EINTR) {
			return false;
		}
		sbuf_add(sb, buf, n > 0 ? (size_t)n : 0);
		if (sb->overflow) {
			return false;
		}
	}
}

char *inspect_pdf_text(const char *data, size_t len)
{
	struct sbuf sb = SBUF_INIT(PDF_MAX_TEXT);
	int fds[2], status = 0;
	bool ok;
	pid_t pid;

	if (pipe(fds) < 0) {
		return NULL;
	}
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		child(fds[1], data, len);
	}
	close(fds[1]);
	ok = pid > 0 && read_text(fds[0], &sb);
	close(fds[0]);
	if (pid > 0) {
		if (!ok) {
			kill(pid, SIGKILL);
		}
		waitpid(pid, &status, 0);
	}
	if (!ok || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (pid > 0 &&
		    !(WIFEXITED(status) && WEXITSTATUS(status) == 1)) {
			log_warnx("a PDF attachment could not be read (%s)",
				  ok ? "its reader failed" : "timed out");
		}
		sbuf_release(&sb);
		return NULL;
	}
	return sbuf_detach(&sb);
}
