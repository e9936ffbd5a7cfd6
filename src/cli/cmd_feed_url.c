/* congvan feed-url [--revoke] ADDRESS|UNIT|office: the URL of a calendar
 * feed, and a new one when the old one has leaked. */
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "congvan/feed.h"
#include "congvan/log.h"
#include "congvan/util.h"
#include "congvan/service.h"
#include "private.h"

/* Raises the feed's version, with an event in the audit trail, and puts
 * the new token in token_r. */
static int revoke_feed(struct runtime *rt, const struct feed_subject *s,
		       char token_r[FEED_TOKEN_LEN + 1], char **error_r)
{
	const char *kind = feed_kind_name(s->kind);
	int64_t version;
	char *detail;
	int rc;

	if (store_begin(rt->st, error_r) < 0) {
		return -1;
	}
	rc = store_feed_revoke(rt->st, kind, s->id, runtime_now(rt), &version,
			       error_r);
	if (rc == 0) {
		struct event_data d = {0};

		detail = xasprintf("%s %s: version %lld", kind, s->id,
				   (long long)version);
		d.text = detail;
		rc = runtime_event(rt, 0, 0, "congvan feed-url",
				   EV_FEED_REVOKED, &d, error_r);
		free(detail);
	}
	if (rc < 0 || store_commit(rt->st, error_r) < 0) {
		store_rollback(rt->st);
		return -1;
	}
	feed_token(rt->secret, s, version, token_r);
	return 0;
}

static int feed_url_of(struct runtime *rt, const struct cli *cli,
		       const char *text)
{
	struct feed_subject s;
	char token[FEED_TOKEN_LEN + 1];
	char *err = NULL, *url;

	if (feed_subject_parse(rt->cfg, rt->st, text, &s, &err) < 0) {
		fprintf(stderr, "congvan: %s\n", err);
		free(err);
		return EX_DATAERR;
	}
	if ((cli->revoke ? revoke_feed(rt, &s, token, &err)
			 : feed_token_current(rt->st, rt->secret, &s, token,
					      &err)) < 0) {
		log_warnx("%s", err);
		free(err);
		feed_subject_release(&s);
		return EX_IOERR;
	}
	url = feed_url(rt->cfg, token);
	printf("%s\n", url);
	if (cli->revoke) {
		fprintf(stderr,
			"congvan: the %s feed of '%s' has a new URL;"
			" the old one no longer works\n",
			feed_kind_name(s.kind), s.id);
	}
	free(url);
	feed_subject_release(&s);
	return 0;
}

int cmd_feed_url(const struct cli *cli)
{
	struct service svc;
	int ret;

	if (cli->argc != 2) {
		fprintf(stderr, "congvan: feed-url needs one address, unit"
				" code or 'office'\n");
		return EX_USAGE;
	}
	ret = cli_open(cli, &svc, SERVICE_SECRET);
	if (ret == 0 && !svc.cfg.feed.listen) {
		fprintf(stderr,
			"congvan: no [feed] listen in '%s': congvan serves"
			" no calendar feeds\n",
			svc.cfg.path);
		ret = EX_CONFIG;
	}
	if (ret == 0 && !svc.rt.secret) {
		fprintf(stderr,
			"congvan: cannot read the service secret '%s'\n",
			svc.cfg.service.secret_file);
		ret = EX_CONFIG;
	}
	if (ret == 0) {
		ret = feed_url_of(&svc.rt, cli, cli->argv[1]);
	}
	service_close(&svc);
	return ret;
}
