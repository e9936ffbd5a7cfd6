/* What the service runs with: the configuration, the working calendar,
 * the service secret and the store. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sysexits.h>
#include <unistd.h>

#include "congvan/log.h"
#include "congvan/service.h"
#include "congvan/template.h"
#include "congvan/util.h"
#include "congvan/workday.h"
#include "private.h"

/* The service secret (for reply tokens and feed URLs) is made on first
 * use: 32 random bytes, hex, mode 0600. */
int service_make_secret(const char *path)
{
	unsigned char raw[32];
	char hex[sizeof(raw) * 2 + 2];
	size_t len = sizeof(raw) * 2 + 1;
	int fd;

	if (access(path, R_OK) == 0) {
		return 0;
	}
	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw)) {
		log_warn("cannot read random bytes");
		return -1;
	}
	hex_encode(raw, sizeof(raw), hex);
	hex[len - 1] = '\n';
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST) {
		return 0;
	}
	if (fd < 0 || write(fd, hex, len) != (ssize_t)len ||
	    file_own_as_folder(fd, path) < 0 || close(fd) < 0) {
		log_warn("cannot write secret file '%s'", path);
		return -1;
	}
	log_info("created secret file '%s'", path);
	return 0;
}

char *service_read_secret(const char *path)
{
	char *data = NULL;
	size_t len = 0;

	if (!path || file_read_all(path, &data, &len) < 0) {
		return NULL;
	}
	while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r')) {
		data[--len] = '\0';
	}
	if (len == 0) {
		FREE_AND_NULL(data);
	}
	return data;
}

/* The holiday file: configured, else the one shipped beside the
 * templates (data/ in a source tree, share/congvan/ when installed). */
static char *holidays_path(const struct config *cfg, const char *templates)
{
	static const char *const near[] = {"data/holidays-vn.txt",
					   "holidays-vn.txt"};
	size_t n = templates ? strlen(templates) : 0;

	if (cfg->calendar.holidays && *cfg->calendar.holidays) {
		return xstrdup(cfg->calendar.holidays);
	}
	if (n > 10 && !strcmp(templates + n - 10, "/templates")) {
		for (size_t i = 0; i < ARRAY_SIZE(near); i++) {
			char *p = xasprintf("%.*s/%s", (int)(n - 10), templates,
					    near[i]);

			if (access(p, R_OK) == 0) {
				return p;
			}
			free(p);
		}
	}
	return NULL;
}

int service_load_calendar(const struct config *cfg, const char *templates,
			  struct workcal **cal_r, char **error_r)
{
	char *path = holidays_path(cfg, templates);
	int rc;

	if (!path) {
		log_warnx("no holiday file found (set [calendar] holidays):"
			  " only weekends are days off");
	}
	rc = workcal_load(path, cfg->calendar.workdays, cal_r, error_r);
	free(path);
	return rc;
}

/* One run or serve per database at a time: a second one would register
 * and send the same mail again.  0, 1 when another process holds it, -1
 * when the lock file cannot be made; *error_r says which. */
static int lock_database(struct service *svc, char **error_r)
{
	const char *db = svc->cfg.service.database;
	long holder = 0;
	int rc = store_lock(db, &svc->rt.lock, &holder, error_r);

	if (rc > 0) {
		*error_r =
		    xasprintf("database '%s' is in use by another congvan"
			      " run or serve (pid %ld); only one may run"
			      " at a time: try again when it has"
			      " finished",
			      db, holder);
	}
	return rc;
}

int service_open(struct service *svc, const char *config_path, unsigned flags,
		 char **error_r)
{
	struct workcal *cal = NULL;
	int rc;

	memset(svc, 0, sizeof(*svc));
	svc->rt.cfg = &svc->cfg;
	if (config_load(config_path, &svc->cfg, error_r) < 0) {
		return EX_CONFIG;
	}
	rc = flags & SERVICE_EXCLUSIVE ? lock_database(svc, error_r) : 0;
	if (rc != 0) {
		return rc > 0 ? EX_TEMPFAIL : EX_CANTCREAT;
	}
	svc->rt.templates = template_find_dir(svc->cfg.service.templates);
	if (service_load_calendar(&svc->cfg, svc->rt.templates, &cal, error_r) <
	    0) {
		return EX_CONFIG;
	}
	svc->rt.cal = cal;
	if (flags & SERVICE_SECRET) {
		service_make_secret(svc->cfg.service.secret_file);
	}
	svc->rt.secret = service_read_secret(svc->cfg.service.secret_file);
	svc->rt.st =
	    flags & SERVICE_READ
		? store_open_to_read(svc->cfg.service.database, error_r)
		: store_open(svc->cfg.service.database, error_r);
	return svc->rt.st ? 0 : EX_CANTCREAT;
}

void service_close(struct service *svc)
{
	struct workcal *cal = (struct workcal *)svc->rt.cal;

	if (svc->close_mail) {
		svc->close_mail(svc);
	}
	workcal_free(&cal);
	free((char *)svc->rt.secret);
	store_close(&svc->rt.st);
	store_unlock(&svc->rt.lock);
	free((char *)svc->rt.templates);
	config_free(&svc->cfg);
	memset(svc, 0, sizeof(*svc));
}
