/* The files of a database: who may read them, and who may write to it.
 *
 * The database, its WAL and shared-memory files, the pack folder and the
 * packs hold letters and replies: they are created for their owner only
 * (0600, the folder 0700).  SQLite gives the WAL and SHM the mode of the
 * database file, so creating that one right is enough; files an older
 * congvan made readable by others are tightened when the database opens.
 * When root runs a command on a database that belongs to the service
 * user, what it creates is handed to that user, as SQLite does for the
 * WAL and SHM: the service must still be able to open them.
 *
 * One process writes at a time: run and serve hold an exclusive flock(2)
 * on DATABASE.lock, which holds the holder's pid for the message the next
 * one prints. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "congvan/log.h"
#include "congvan/util.h"
#include "private.h"

#define PRIVATE_FILE 0600

struct store_lock {
	int fd;
};

/* Drops every group and other bit of an existing file. */
static int tighten(const char *path, char **error_r)
{
	struct stat sb;

	if (stat(path, &sb) < 0) {
		return 0; /* not there (yet): SQLite makes it from the db */
	}
	if ((sb.st_mode & 077) && chmod(path, sb.st_mode & 0700) < 0) {
		*error_r = xasprintf("cannot make '%s' private: %s", path,
				     strerror(errno));
		return -1;
	}
	return 0;
}

int store_files_prepare(const char *path, char **error_r)
{
	static const char *const sidecars[] = {"-wal", "-shm"};
	int fd =
	    open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, PRIVATE_FILE);

	if (fd >= 0) {
		int rc = file_own_as_folder(fd, path);

		close(fd);
		if (rc < 0) {
			*error_r = xasprintf("cannot hand '%s' to its folder's"
					     " owner: %s",
					     path, strerror(errno));
			return -1;
		}
		return 0;
	}
	if (errno != EEXIST) {
		*error_r =
		    xasprintf("cannot create '%s': %s", path, strerror(errno));
		return -1;
	}
	if (tighten(path, error_r) < 0) {
		return -1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(sidecars); i++) {
		char *p = xasprintf("%s%s", path, sidecars[i]);
		int rc = tighten(p, error_r);

		free(p);
		if (rc < 0) {
			return -1;
		}
	}
	return 0;
}

/* The pid written in a lock file, or 0. */
static long lock_holder(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	long pid = 0;

	if (n > 0) {
		buf[n] = '\0';
		str_trim(buf);
		if (str_to_long(buf, 1, 1L << 30, &pid) < 0) {
			pid = 0;
		}
	}
	return pid;
}

int store_lock(const char *db_path, struct store_lock **lock_r, long *holder_r,
	       char **error_r)
{
	char *path = xasprintf("%s.lock", db_path);
	char pid[32];
	int fd, len, ret = -1;

	*lock_r = NULL;
	*holder_r = 0;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, PRIVATE_FILE);
	if (fd < 0) {
		*error_r = xasprintf("cannot open lock file '%s': %s", path,
				     strerror(errno));
		goto out;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno == EWOULDBLOCK) {
			*holder_r = lock_holder(fd);
			ret = 1;
		} else {
			*error_r = xasprintf("cannot lock '%s': %s", path,
					     strerror(errno));
		}
		close(fd);
		goto out;
	}
	file_own_as_folder(fd, path);
	len = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) < 0 || pwrite(fd, pid, len, 0) != len) {
		/* The lock holds without it; the next one's message lacks it.
		 */
		log_warn("cannot write the pid into '%s'", path);
	}
	*lock_r = xmalloc(sizeof(**lock_r));
	(*lock_r)->fd = fd;
	ret = 0;
out:
	free(path);
	return ret;
}

void store_unlock(struct store_lock **lockp)
{
	if (!*lockp) {
		return;
	}
	close((*lockp)->fd);
	FREE_AND_NULL(*lockp);
}
