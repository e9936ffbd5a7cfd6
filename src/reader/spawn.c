/* Running congvan-reader in a sandboxed child.  poppler, Tesseract and
 * their image decoders are large parsers of untrusted input that are not
 * ours: a crash or a runaway document must not take intake down with it,
 * or stop it at the same message on every run.  The document goes in
 * through a memfd (no pipe to block on or to raise SIGPIPE), the result
 * comes back through a pipe read against a deadline. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "congvan/log.h"
#include "congvan/reader.h"
#include "congvan/util.h"

#define READER_NAME       "congvan-reader"
#define READER_MAX_MEMORY ((rlim_t)1 << 30)
#define EXIT_NOT_READABLE 65 /* EX_DATAERR: no document the reader reads */
#define EXIT_NO_EXEC      127

int64_t reader_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static char *reader_path;

static void find_path(void)
{
	reader_path = util_libexec_path(READER_NAME);
}

/* Looked for once, whichever reading thread asks first. */
const char *reader_find_path(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, find_path);
	return reader_path;
}

bool reader_is_pdf(const char *data, size_t len)
{
	return data && len >= 8 &&
	       memmem(data, len < 1024 ? len : 1024, "%PDF-", 5) != NULL;
}

bool reader_pdf_is_signed(const char *data, size_t len)
{
	/* A signature dictionary cannot sit in a compressed object stream:
	 * its /ByteRange and /Contents are read from the file's bytes. */
	return reader_is_pdf(data, len) &&
	       memmem(data, len, "/ByteRange", 10) != NULL;
}

/* An OLE2 compound file, by its 8-byte signature.  Spreadsheets,
 * presentations and Outlook messages are OLE2 files too: the reader
 * tells them apart (no WordDocument stream) and refuses them, as it
 * refuses a .doc cut short, whose directory (at its end) is lost. */
static bool is_ole2(const char *data, size_t len)
{
	static const char ole2[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

	return len >= sizeof(ole2) - 1 && !memcmp(data, ole2, sizeof(ole2) - 1);
}

const char *reader_office_kind(const char *data, size_t len)
{
	/* ODF puts "mimetype", stored, first: its name at byte 30, the type
	 * right after it. */
	static const char odt[] =
	    "mimetypeapplication/vnd.oasis.opendocument.text";

	if (data && is_ole2(data, len)) {
		return "doc";
	}
	if (!data || len < 30 || memcmp(data, "PK\x03\x04", 4) != 0) {
		return NULL;
	}
	if (memmem(data, len < 128 ? len : 128, odt, sizeof(odt) - 1)) {
		return "odt";
	}
	return memmem(data, len, "word/document.xml", 17) ? "docx" : NULL;
}

bool reader_is_image(const char *data, size_t len)
{
	static const struct {
		const char *magic;
		size_t n;
	} kinds[] = {
	    {"\xff\xd8\xff", 3},      /* JPEG */
	    {"\x89PNG\r\n\x1a\n", 8}, /* PNG */
	    {"II*\0", 4},             /* TIFF, little end */
	    {"MM\0*", 4},             /* TIFF, big end */
	};

	for (size_t i = 0; data && i < ARRAY_SIZE(kinds); i++) {
		if (len >= kinds[i].n &&
		    !memcmp(data, kinds[i].magic, kinds[i].n)) {
			return true;
		}
	}
	return false;
}

/* --- the child ------------------------------------------------------------ */

struct launch {
	const char *path;
	char *argv[8];
	char *envp[8];
	char ocr_pages[16];
	char *owned[4];
	int cpu_seconds;
};

static void launch_init(struct launch *l, const struct reader_opts *opts,
			const char *path, int timeout_ms)
{
	size_t a = 0, e = 0, o = 0;
	const char *tessdata = getenv("TESSDATA_PREFIX");

	memset(l, 0, sizeof(*l));
	l->path = path;
	l->argv[a++] = (char *)READER_NAME;
	snprintf(l->ocr_pages, sizeof(l->ocr_pages), "%d",
		 opts && opts->ocr_pages > 0 ? opts->ocr_pages
					     : READER_OCR_PAGES_DEFAULT);
	l->argv[a++] = (char *)"--ocr-pages";
	l->argv[a++] = l->ocr_pages;
	if (opts && opts->signatures_only) {
		l->argv[a++] = (char *)"--signatures-only";
	}
	if (opts && opts->trust && *opts->trust) {
		l->argv[a++] = (char *)"--trust";
		l->argv[a++] = (char *)opts->trust;
	}
	/* A small, fixed environment: the C locale Tesseract wants, one
	 * OCR thread (the machine is shared with intake), and where the
	 * language data is when the administrator moved it. */
	l->envp[e++] = (char *)"LC_ALL=C";
	l->envp[e++] = (char *)"OMP_THREAD_LIMIT=1";
	l->envp[e++] = (char *)"PATH=/usr/bin:/bin";
	if (tessdata) {
		l->owned[o] = xasprintf("TESSDATA_PREFIX=%s", tessdata);
		l->envp[e++] = l->owned[o++];
	}
	l->cpu_seconds = timeout_ms / 1000 + 1;
}

static void launch_release(struct launch *l)
{
	for (size_t i = 0; i < ARRAY_SIZE(l->owned); i++) {
		free(l->owned[i]);
	}
}

/* Between fork and exec: async-signal-safe calls only. */
static void child(const struct launch *l, int in_fd, int out_fd, bool quiet)
{
	struct rlimit mem = {READER_MAX_MEMORY, READER_MAX_MEMORY};
	struct rlimit cpu = {(rlim_t)l->cpu_seconds, (rlim_t)l->cpu_seconds};
	struct rlimit core = {0, 0};
	int null_fd;

	setpgid(0, 0);
#ifndef __SANITIZE_ADDRESS__
	/* AddressSanitizer reserves terabytes of address space up front. */
	setrlimit(RLIMIT_AS, &mem);
#else
	(void)mem;
#endif
	setrlimit(RLIMIT_CPU, &cpu);
	setrlimit(RLIMIT_CORE, &core);
	if (dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0) {
		_exit(EXIT_NO_EXEC);
	}
	if (quiet) {
		null_fd = open("/dev/null", O_WRONLY);
		if (null_fd >= 0) {
			dup2(null_fd, 2);
		}
	}
	/* Nothing of ours (the database, IMAP sockets) goes along. */
	if (close_range(3, ~0U, 0) < 0) {
		for (int fd = 3; fd < 1024; fd++) {
			close(fd);
		}
	}
	signal(SIGPIPE, SIG_DFL);
	execve(l->path, l->argv, l->envp);
	_exit(EXIT_NO_EXEC);
}

/* --- the parent ----------------------------------------------------------- */

/* A memfd holding the document, at offset 0; -1 on failure. */
static int document_fd(const char *data, size_t len)
{
	int fd = memfd_create("congvan-document", MFD_CLOEXEC);
	size_t off = 0;

	if (fd < 0) {
		return -1;
	}
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0 && errno == EINTR) {
			continue;
		}
		if (w <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	if (lseek(fd, 0, SEEK_SET) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

enum collected { COLLECT_EOF, COLLECT_TIMEOUT, COLLECT_ERROR };

/* Reads the child's output until EOF, the cap, or the deadline. */
static enum collected collect(int fd, int64_t deadline, struct sbuf *sb)
{
	char buf[65536];

	for (;;) {
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		int64_t left = deadline - reader_now_ms();
		ssize_t n;
		int rc;

		if (left <= 0) {
			return COLLECT_TIMEOUT;
		}
		rc = poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left);
		if (rc < 0 && errno == EINTR) {
			continue;
		}
		if (rc < 0) {
			return COLLECT_ERROR;
		}
		if (rc == 0) {
			return COLLECT_TIMEOUT;
		}
		n = read(fd, buf, sizeof(buf));
		if (n == 0) {
			return COLLECT_EOF;
		}
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			return COLLECT_ERROR;
		}
		sbuf_add(sb, buf, (size_t)n);
		if (sb->overflow) {
			return COLLECT_ERROR;
		}
	}
}

/* Waits for the child until the deadline: true with its status, false
 * when it is still running (it closed its output but goes on). */
static bool reap(pid_t pid, int64_t deadline, int *status_r)
{
	for (;;) {
		pid_t r = waitpid(pid, status_r, WNOHANG);

		if (r == pid) {
			return true;
		}
		if (r < 0 && errno != EINTR) {
			return false;
		}
		if (reader_now_ms() >= deadline) {
			return false;
		}
		if (r == 0) {
			struct timespec ts = {0, 2000000}; /* 2 ms */

			nanosleep(&ts, NULL);
		}
	}
}

static enum reader_outcome judge(enum collected got, int status, bool parsed,
				 const struct reader_result *r, char **why_r)
{
	if (got == COLLECT_TIMEOUT) {
		return READER_CUT;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_NOT_READABLE) {
		return READER_NOT_READABLE;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_NO_EXEC) {
		*why_r = xstrdup("the reader could not be started");
	} else if (WIFSIGNALED(status)) {
		*why_r = xasprintf(
		    "the reader was killed by signal %d%s", WTERMSIG(status),
		    WTERMSIG(status) == SIGXCPU ? " (CPU time limit)" : "");
	} else if (got == COLLECT_ERROR) {
		*why_r = xstrdup("the reader wrote too much");
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		*why_r = xasprintf("the reader failed (exit %d)",
				   WEXITSTATUS(status));
	} else if (!parsed || !r->complete) {
		*why_r = xstrdup("the reader's result is incomplete");
	} else {
		return READER_OK;
	}
	return READER_FAILED;
}

enum reader_outcome reader_run(const struct reader_opts *opts, const char *data,
			       size_t len, int timeout_ms,
			       struct reader_result *result_r, char **error_r)
{
	const char *path = opts && opts->path ? opts->path : reader_find_path();
	struct sbuf out = SBUF_INIT(READER_OUTPUT_MAX);
	enum collected got = COLLECT_ERROR;
	enum reader_outcome outcome;
	struct launch l;
	char *why = NULL, *perr = NULL;
	int in_fd, fds[2], status = 0;
	bool parsed = false;
	pid_t pid;

	memset(result_r, 0, sizeof(*result_r));
	if (!path || access(path, X_OK) != 0) {
		return READER_NOT_FOUND;
	}
	in_fd = document_fd(data, len);
	if (in_fd < 0 || pipe2(fds, O_CLOEXEC) < 0) {
		if (in_fd >= 0) {
			close(in_fd);
		}
		if (error_r) {
			*error_r = xasprintf("cannot start the reader: %s",
					     strerror(errno));
		}
		return READER_FAILED;
	}
	launch_init(&l, opts, path, timeout_ms);
	pid = fork();
	if (pid == 0) {
		child(&l, in_fd, fds[1], log_get_level() < LOG_LEVEL_DEBUG);
	}
	close(fds[1]);
	close(in_fd);
	if (pid > 0) {
		int64_t deadline = reader_now_ms() + timeout_ms;

		got = collect(fds[0], deadline, &out);
		if (got != COLLECT_EOF || !reap(pid, deadline, &status)) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
			}
		}
	}
	close(fds[0]);
	launch_release(&l);
	if (pid < 0) {
		why = xasprintf("cannot start the reader: %s", strerror(errno));
		outcome = READER_FAILED;
		goto out;
	}
	parsed = out.len > 0 &&
		 reader_result_parse(out.buf, out.len, result_r, &perr) == 0;
	outcome = judge(got, status, parsed, result_r, &why);
	if (outcome == READER_FAILED && perr) {
		char *both = xasprintf("%s; %s", why, perr);

		free(why);
		why = both;
	}
out:
	free(perr);
	sbuf_release(&out);
	if (error_r && why) {
		*error_r = why;
	} else {
		free(why);
	}
	return outcome;
}
