/* check-config's look at the files the service will use: the database's
 * folder must exist and be writable by whoever runs the service (the
 * service user when check-config runs as root), and no password or secret
 * may be readable by every local user. */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "congvan/log.h"
#include "congvan/util.h"
#include "private.h"

/* The user the packaged service runs as (congvan.service: User=). */
#ifndef CONGVAN_USER
#define CONGVAN_USER "congvan"
#endif

/* Whether pw (NULL: this process) may create files in dir: a child takes
 * the user's ids and asks access(2), which knows about groups and ACLs. */
static bool writable_by(const struct passwd *pw, const char *dir)
{
	int status = 0;
	pid_t pid;

	if (!pw) {
		return access(dir, W_OK | X_OK) == 0;
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		if (initgroups(pw->pw_name, pw->pw_gid) < 0 ||
		    setgid(pw->pw_gid) < 0 || setuid(pw->pw_uid) < 0) {
			_exit(2);
		}
		_exit(access(dir, W_OK | X_OK) == 0 ? 0 : 1);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		return false;
	}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash) {
		return xstrdup(".");
	}
	return xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

/* The database's folder: an error when missing, or when this user (not
 * root) cannot write there; run as root, a warning with the command that
 * fixes it when the service user cannot. */
static int check_database_folder(const struct config *cfg)
{
	char *dir = folder_of(cfg->service.database);
	const struct passwd *pw = NULL;
	struct stat sb;
	int ret = 0;

	if (geteuid() == 0) {
		pw = getpwnam(CONGVAN_USER);
	}
	if (stat(dir, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
		fprintf(stderr,
			"%s: [service] database: folder '%s' does not exist;"
			" create it: install -d -o %s -g %s -m 0750 '%s'\n",
			cfg->path, dir, CONGVAN_USER, CONGVAN_USER, dir);
		ret = EX_CONFIG;
	} else if (pw && !writable_by(pw, dir)) {
		log_warnx("database folder '%s' is not writable by user '%s',"
			  " who runs the service: chown %s:%s '%s'",
			  dir, CONGVAN_USER, CONGVAN_USER, CONGVAN_USER, dir);
	} else if (geteuid() != 0 && !writable_by(NULL, dir)) {
		fprintf(stderr,
			"%s: [service] database: folder '%s' is not writable"
			" by this user (uid %ld); run congvan as the service"
			" user, e.g. sudo -u %s congvan check-config\n",
			cfg->path, dir, (long)geteuid(), CONGVAN_USER);
		ret = EX_CONFIG;
	}
	free(dir);
	return ret;
}

/* A warning when path exists and every local user may read it. */
static void check_private(const char *what, const char *path)
{
	struct stat sb;

	if (path && stat(path, &sb) == 0 && (sb.st_mode & S_IROTH)) {
		log_warnx("%s '%s' is readable by every user of this machine"
			  " (mode %04o): chmod o-rwx '%s'",
			  what, path, (unsigned)(sb.st_mode & 07777), path);
	}
}

int check_files(const struct config *cfg)
{
	check_private("password file", cfg->mailbox.password_file);
	check_private("password file", cfg->smtp.password_file);
	check_private("secret file", cfg->service.secret_file);
	if ((cfg->mailbox.password && !cfg->mailbox.password_file) ||
	    (cfg->smtp.password && !cfg->smtp.password_file)) {
		check_private("configuration file with a password", cfg->path);
	}
	return check_database_folder(cfg);
}
