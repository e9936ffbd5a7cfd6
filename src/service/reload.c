/* Reloading the configuration while serving (SIGHUP, systemctl reload):
 * everything new is read and checked first, and swapped in only when all
 * of it is good, so that a mistake in the file never stops the service. */
#include <stdlib.h>
#include <string.h>

#include "congvan/auth.h"
#include "congvan/log.h"
#include "congvan/supervisor.h"
#include "congvan/template.h"
#include "congvan/util.h"
#include "congvan/workday.h"
#include "private.h"

/* What the service runs with that comes from the configuration. */
struct settings {
	struct config cfg;
	char *templates;
	struct workcal *cal;
	char *secret;
	struct auth_dkim *dkim;
};

static void settings_free(struct settings *s)
{
	auth_dkim_free(&s->dkim);
	workcal_free(&s->cal);
	free(s->secret);
	free(s->templates);
	config_free(&s->cfg);
	memset(s, 0, sizeof(*s));
}

/* Every template in the language configured must still read. */
static int check_templates(const struct settings *s, char **error_r)
{
	for (size_t i = 0; template_names[i]; i++) {
		if (template_check(s->templates, s->cfg.service.language,
				   template_names[i], error_r) < 0) {
			return -1;
		}
	}
	return 0;
}

/* Reads the file at path and all that hangs on it into s: 0, or -1 with
 * *error_r (s is then released). */
static int settings_load(const char *path, const char *database,
			 struct settings *s, char **error_r)
{
	memset(s, 0, sizeof(*s));
	if (config_load(path, &s->cfg, error_r) < 0) {
		goto fail;
	}
	if (strcmp(s->cfg.service.database, database) != 0) {
		*error_r = xasprintf("[service] database changed from '%s' to"
				     " '%s': that needs a restart",
				     database, s->cfg.service.database);
		goto fail;
	}
	s->templates = template_find_dir(s->cfg.service.templates);
	if (check_templates(s, error_r) < 0 ||
	    service_load_calendar(&s->cfg, s->templates, &s->cal, error_r) <
		0) {
		goto fail;
	}
	service_make_secret(s->cfg.service.secret_file);
	s->secret = service_read_secret(s->cfg.service.secret_file);
	if (!s->secret) {
		*error_r = xasprintf("no service secret in '%s'",
				     s->cfg.service.secret_file);
		goto fail;
	}
	if (s->cfg.security.dkim_verify) {
		s->dkim = auth_dkim_new(s->cfg.security.dkim_keys, error_r);
		if (!s->dkim) {
			goto fail;
		}
	}
	return 0;
fail:
	settings_free(s);
	return -1;
}

/* Exchanges s with what svc runs with. */
static void settings_swap(struct service *svc, struct settings *s)
{
	struct settings old = {
	    .cfg = svc->cfg,
	    .templates = (char *)svc->rt.templates,
	    .cal = (struct workcal *)svc->rt.cal,
	    .secret = (char *)svc->rt.secret,
	    .dkim = svc->rt.dkim,
	};

	svc->cfg = s->cfg;
	svc->rt.templates = s->templates;
	svc->rt.cal = s->cal;
	svc->rt.secret = s->secret;
	svc->rt.dkim = s->dkim;
	*s = old;
}

int service_feed_start(struct service *svc, struct feed_server **feed)
{
	const struct config_feed *f = &svc->cfg.feed;
	char *err = NULL;

	if (!f->listen) {
		return 0;
	}
	if (feed_server_start(&svc->cfg, svc->rt.secret, feed, &err) < 0) {
		log_errorx("%s", err);
		free(err);
		return -1;
	}
	log_info("feed: serving calendars on %s, as %s/TOKEN.ics", f->listen,
		 f->base_url);
	return 0;
}

int service_reload(struct service *svc, struct feed_server **feed)
{
	struct settings s;
	char *err = NULL;

	supervisor_reloading();
	log_notice("reloading '%s'", svc->cfg.path);
	if (settings_load(svc->cfg.path, svc->cfg.service.database, &s, &err) <
	    0) {
		log_errorx("reload: %s; still running as before", err);
		free(err);
		supervisor_ready("serving; the last reload failed");
		return -1;
	}
	/* The feed server reads the configuration it was started with. */
	feed_server_stop(feed);
	settings_swap(svc, &s);
	if (service_feed_start(svc, feed) < 0) {
		log_errorx("reload: the new [feed] cannot serve; still"
			   " running as before");
		settings_swap(svc, &s);
		service_feed_start(svc, feed);
		settings_free(&s);
		supervisor_ready("serving; the last reload failed");
		return -1;
	}
	settings_free(&s);
	/* The mailbox, its folder or its password may have changed. */
	mail_close(&svc->ms);
	log_notice("reloaded '%s'", svc->cfg.path);
	supervisor_ready("serving");
	return 0;
}
