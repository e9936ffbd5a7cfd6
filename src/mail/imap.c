/* IMAP through libetpan.  Messages are fetched with a per-message handler
 * so a batch streams through the callback instead of being gathered into
 * one list first. */
#include <libetpan/libetpan.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/log.h"
#include "congvan/mail.h"
#include "congvan/util.h"
#include "private.h"

#define IMAP_TIMEOUT 120

struct mail_session {
	mailimap *imap;
	char *server; /* host:port, for messages */
	struct mail_folder folder;
	bool can_idle;
	bool keywords_ok;
};

/* What a fetch handler needs. */
struct fetch_ctx {
	mail_message_cb *cb;
	void *cb_ctx;
	char *error;
	struct mail_uid *list;
	size_t n, alloc;
	uint32_t min_uid;
};

static enum fail classify(int rc)
{
	switch (rc) {
	case MAILIMAP_ERROR_LOGIN:
	case MAILIMAP_ERROR_SASL:
	case MAILIMAP_ERROR_STARTTLS:
	case MAILIMAP_ERROR_SSL:
	case MAILIMAP_ERROR_SELECT:
		return FAIL_FATAL;
	case MAILIMAP_ERROR_MEMORY:
		return FAIL_FATAL;
	default:
		return FAIL_TEMP;
	}
}

/* Builds "server: what: detail" from libetpan's last response. */
static int fail_with(struct mail_session *s, int rc, const char *what,
		     enum fail *fail_r, char **error_r)
{
	const char *said = s->imap ? s->imap->imap_response : NULL;

	*fail_r = classify(rc);
	if (rc == MAILIMAP_ERROR_STREAM ||
	    rc == MAILIMAP_ERROR_CONNECTION_REFUSED) {
		said = "connection failed or was closed";
	}
	*error_r = xasprintf("mailbox '%s': %s failed%s%s", s->server, what,
			     said && *said ? ": " : "", said ? said : "");
	return -1;
}

static bool is_loopback(const char *host)
{
	return strcmp(host, "localhost") == 0 || strcmp(host, "::1") == 0 ||
	       str_startswith(host, "127.");
}

static int verify(struct mail_session *s, const struct config_mailbox *cfg,
		  enum fail *fail_r, char **error_r)
{
	char *why = NULL;

	if (mail_tls_verify(s->imap->imap_stream, cfg->host, cfg->ca_file,
			    &why) == 0) {
		return 0;
	}
	*fail_r = FAIL_FATAL;
	*error_r = xasprintf("mailbox '%s': %s", s->server, why);
	free(why);
	return -1;
}

static int secure(struct mail_session *s, const struct config_mailbox *cfg,
		  enum fail *fail_r, char **error_r)
{
	struct mailimap_capability_data *caps = NULL;
	int rc;

	if (cfg->ssl) {
		return verify(s, cfg, fail_r, error_r);
	}
	if (cfg->tls == CONFIG_TLS_NO) {
		return 0;
	}
	rc = mailimap_capability(s->imap, &caps);
	if (rc != MAILIMAP_NO_ERROR) {
		return fail_with(s, rc, "CAPABILITY", fail_r, error_r);
	}
	mailimap_capability_data_free(caps);
	if (mailimap_has_extension(s->imap, "STARTTLS")) {
		rc = mailimap_socket_starttls_with_callback(
		    s->imap, mail_tls_set_sni, cfg->host);
		if (rc != MAILIMAP_NO_ERROR) {
			return fail_with(s, rc, "STARTTLS", fail_r, error_r);
		}
		return verify(s, cfg, fail_r, error_r);
	}
	if (cfg->tls == CONFIG_TLS_YES || !is_loopback(cfg->host)) {
		*fail_r = FAIL_FATAL;
		*error_r = xasprintf("mailbox '%s': the server does not offer"
				     " STARTTLS; set 'tls = no' in [mailbox] to"
				     " allow a plaintext login",
				     s->server);
		return -1;
	}
	return 0;
}

static int connect_server(struct mail_session *s,
			  const struct config_mailbox *cfg, enum fail *fail_r,
			  char **error_r)
{
	int rc;

	if (cfg->ssl) {
		rc = mailimap_ssl_connect_with_callback(
		    s->imap, cfg->host, (uint16_t)cfg->port, mail_tls_set_sni,
		    cfg->host);
	} else {
		rc = mailimap_socket_connect(s->imap, cfg->host,
					     (uint16_t)cfg->port);
	}
	if (rc != MAILIMAP_NO_ERROR_AUTHENTICATED &&
	    rc != MAILIMAP_NO_ERROR_NON_AUTHENTICATED) {
		return fail_with(s, rc, "connect", fail_r, error_r);
	}
	if (secure(s, cfg, fail_r, error_r) < 0) {
		return -1;
	}
	mail_stream_guard(s->imap->imap_stream);
	return 0;
}

/* Whether the server lets us set our own keywords (PERMANENTFLAGS \*). */
static bool keywords_allowed(mailimap *imap)
{
	struct mailimap_selection_info *sel = imap->imap_selection_info;
	clistiter *it;

	if (!sel || !sel->sel_perm_flags) {
		return false;
	}
	for (it = clist_begin(sel->sel_perm_flags); it; it = clist_next(it)) {
		struct mailimap_flag_perm *fp = clist_content(it);

		if (fp->fl_type == MAILIMAP_FLAG_PERM_ALL) {
			return true;
		}
	}
	return false;
}

static int select_folder(struct mail_session *s, const char *folder,
			 enum fail *fail_r, char **error_r)
{
	struct mailimap_selection_info *sel;
	int rc = mailimap_select(s->imap, folder);

	if (rc != MAILIMAP_NO_ERROR) {
		return fail_with(s, rc, "SELECT", fail_r, error_r);
	}
	sel = s->imap->imap_selection_info;
	s->folder.uidvalidity = sel->sel_uidvalidity;
	s->folder.uidnext = sel->sel_uidnext;
	s->folder.exists = sel->sel_exists;
	s->keywords_ok = keywords_allowed(s->imap);
	s->can_idle = mailimap_has_idle(s->imap);
	return 0;
}

int mail_open(const struct config_mailbox *cfg, struct mail_session **s_r,
	      enum fail *fail_r, char **error_r)
{
	struct mail_session *s = xcalloc(1, sizeof(*s));
	int rc;

	s->server = xasprintf("%s:%d", cfg->host, cfg->port);
	s->imap = mailimap_new(0, NULL);
	if (!s->imap) {
		abort();
	}
	mailimap_set_timeout(s->imap, IMAP_TIMEOUT);
	if (connect_server(s, cfg, fail_r, error_r) < 0) {
		goto fail;
	}
	rc = mailimap_login(s->imap, cfg->user, cfg->password);
	if (rc != MAILIMAP_NO_ERROR) {
		fail_with(s, rc, "login", fail_r, error_r);
		*fail_r = rc == MAILIMAP_ERROR_LOGIN ? FAIL_FATAL : FAIL_TEMP;
		goto fail;
	}
	if (select_folder(s, cfg->folder, fail_r, error_r) < 0) {
		goto fail;
	}
	*s_r = s;
	return 0;
fail:
	mail_close(&s);
	return -1;
}

void mail_close(struct mail_session **sp)
{
	struct mail_session *s = *sp;

	if (!s) {
		return;
	}
	if (s->imap) {
		if (s->imap->imap_stream) {
			mailimap_logout(s->imap);
		}
		mailimap_free(s->imap);
	}
	free(s->server);
	free(s);
	*sp = NULL;
}

const struct mail_folder *mail_folder_state(const struct mail_session *s)
{
	return &s->folder;
}

bool mail_can_idle(const struct mail_session *s)
{
	return s->can_idle;
}

/* What one FETCH response carries. */
struct fetched {
	uint32_t uid, size;
	const char *body;
	size_t len;
	time_t internal_date;
};

/* An IMAP date-time ("06-Dec-2026 08:00:00 +0700") as a time_t; 0 when
 * it is not a date. */
static time_t imap_time(const struct mailimap_date_time *dt)
{
	struct tm tm = {
	    .tm_year = dt->dt_year - 1900,
	    .tm_mon = dt->dt_month - 1,
	    .tm_mday = dt->dt_day,
	    .tm_hour = dt->dt_hour,
	    .tm_min = dt->dt_min,
	    .tm_sec = dt->dt_sec,
	};
	int zone = dt->dt_zone < 0 ? -dt->dt_zone : dt->dt_zone;
	long offset = (zone / 100) * 3600L + (zone % 100) * 60L;
	time_t t;

	if (dt->dt_month < 1 || dt->dt_month > 12 || dt->dt_year < 1970) {
		return 0;
	}
	t = timegm(&tm);
	return t == (time_t)-1 ? 0 : t - (dt->dt_zone < 0 ? -offset : offset);
}

/* Reads one FETCH response into f. */
static void read_att(struct mailimap_msg_att *att, struct fetched *f)
{
	clistiter *it;

	memset(f, 0, sizeof(*f));
	for (it = clist_begin(att->att_list); it; it = clist_next(it)) {
		struct mailimap_msg_att_item *item = clist_content(it);
		struct mailimap_msg_att_static *st;

		if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC) {
			continue;
		}
		st = item->att_data.att_static;
		if (st->att_type == MAILIMAP_MSG_ATT_UID) {
			f->uid = st->att_data.att_uid;
		} else if (st->att_type == MAILIMAP_MSG_ATT_RFC822_SIZE) {
			f->size = st->att_data.att_rfc822_size;
		} else if (st->att_type == MAILIMAP_MSG_ATT_INTERNALDATE &&
			   st->att_data.att_internal_date) {
			f->internal_date =
			    imap_time(st->att_data.att_internal_date);
		} else if (st->att_type == MAILIMAP_MSG_ATT_BODY_SECTION &&
			   st->att_data.att_body_section->sec_body_part) {
			f->body = st->att_data.att_body_section->sec_body_part;
			f->len = st->att_data.att_body_section->sec_length;
		}
	}
}

static void on_list_att(struct mailimap_msg_att *att, void *data)
{
	struct fetch_ctx *fc = data;
	struct fetched f;

	read_att(att, &f);
	/* "N:*" always includes the highest UID, even when it is below N. */
	if (f.uid == 0 || f.uid < fc->min_uid) {
		return;
	}
	if (fc->n == fc->alloc) {
		fc->alloc = fc->alloc ? fc->alloc * 2 : 256;
		fc->list = xrealloc(fc->list, fc->alloc * sizeof(*fc->list));
	}
	fc->list[fc->n].uid = f.uid;
	fc->list[fc->n].size = f.size;
	fc->list[fc->n].internal_date = f.internal_date;
	fc->n++;
}

static void on_body_att(struct mailimap_msg_att *att, void *data)
{
	struct fetch_ctx *fc = data;
	struct fetched f;

	if (fc->error) {
		return;
	}
	read_att(att, &f);
	if (f.uid == 0 || !f.body) {
		return;
	}
	if (fc->cb(f.uid, f.body, f.len, fc->cb_ctx, &fc->error) != 0 &&
	    !fc->error) {
		fc->error = xstrdup("message handler failed");
	}
}

static void no_progress(size_t current, size_t maximum, void *ctx)
{
	(void)current;
	(void)maximum;
	(void)ctx;
}

/* Runs UID FETCH set (atts) with handler receiving each response.
 * libetpan calls the handler only when a progress callback is set; it
 * then frees each response after the handler, instead of gathering the
 * whole batch into one list. */
static int uid_fetch(struct mail_session *s, struct mailimap_set *set,
		     struct mailimap_fetch_type *type,
		     mailimap_msg_att_handler *handler, struct fetch_ctx *fc,
		     enum fail *fail_r, char **error_r)
{
	clist *result = NULL;
	int rc;

	mailimap_set_progress_callback(s->imap, no_progress, NULL, NULL);
	mailimap_set_msg_att_handler(s->imap, handler, fc);
	rc = mailimap_uid_fetch(s->imap, set, type, &result);
	mailimap_set_msg_att_handler(s->imap, NULL, NULL);
	mailimap_set_progress_callback(s->imap, NULL, NULL, NULL);
	if (result) {
		mailimap_fetch_list_free(result);
	}
	if (rc != MAILIMAP_NO_ERROR) {
		return fail_with(s, rc, "UID FETCH", fail_r, error_r);
	}
	return 0;
}

int mail_list_from(struct mail_session *s, uint32_t from_uid,
		   struct mail_uid **uids_r, size_t *n_r, enum fail *fail_r,
		   char **error_r)
{
	struct mailimap_set *set = mailimap_set_new_interval(from_uid, 0);
	struct mailimap_fetch_type *type =
	    mailimap_fetch_type_new_fetch_att_list_empty();
	struct fetch_ctx fc = {.min_uid = from_uid};
	int ret;

	/* A NOOP first: the server looks for new mail on it (Dovecot saw a
	 * message put into the folder between two cycles of a catch-up only
	 * two FETCHes later).  A broken connection fails the FETCH below. */
	(void)mailimap_noop(s->imap);
	mailimap_fetch_type_new_fetch_att_list_add(
	    type, mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(
	    type, mailimap_fetch_att_new_rfc822_size());
	mailimap_fetch_type_new_fetch_att_list_add(
	    type, mailimap_fetch_att_new_internaldate());
	ret = uid_fetch(s, set, type, on_list_att, &fc, fail_r, error_r);
	mailimap_fetch_type_free(type);
	mailimap_set_free(set);
	if (ret < 0) {
		free(fc.list);
		return -1;
	}
	*uids_r = fc.list;
	*n_r = fc.n;
	return 0;
}

/* A set of UIDs as ranges: 1:5,7,9:12. */
static struct mailimap_set *make_set(const uint32_t *uids, size_t n)
{
	struct mailimap_set *set = mailimap_set_new_empty();
	size_t i = 0;

	while (i < n) {
		size_t j = i;

		while (j + 1 < n && uids[j + 1] == uids[j] + 1) {
			j++;
		}
		mailimap_set_add_interval(set, uids[i], uids[j]);
		i = j + 1;
	}
	return set;
}

int mail_fetch(struct mail_session *s, const uint32_t *uids, size_t n,
	       mail_message_cb *cb, void *ctx, enum fail *fail_r,
	       char **error_r)
{
	struct mailimap_set *set = make_set(uids, n);
	struct mailimap_fetch_type *type =
	    mailimap_fetch_type_new_fetch_att_list_empty();
	struct fetch_ctx fc = {.cb = cb, .cb_ctx = ctx};
	int ret;

	mailimap_fetch_type_new_fetch_att_list_add(
	    type, mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(
	    type, mailimap_fetch_att_new_body_peek_section(
		      mailimap_section_new(NULL)));
	ret = uid_fetch(s, set, type, on_body_att, &fc, fail_r, error_r);
	mailimap_fetch_type_free(type);
	mailimap_set_free(set);
	if (ret == 0 && fc.error) {
		*fail_r = FAIL_LOCAL; /* the handler failed, not the server */
		*error_r = fc.error;
		return -1;
	}
	free(fc.error);
	return ret;
}

int mail_add_keyword(struct mail_session *s, const uint32_t *uids, size_t n,
		     const char *keyword, enum fail *fail_r, char **error_r)
{
	struct mailimap_flag_list *flags;
	struct mailimap_store_att_flags *att;
	struct mailimap_set *set;
	int rc;

	if (!s->keywords_ok || n == 0) {
		return 0;
	}
	flags = mailimap_flag_list_new_empty();
	mailimap_flag_list_add(
	    flags, mailimap_flag_new_flag_keyword(xstrdup(keyword)));
	att = mailimap_store_att_flags_new_add_flags_silent(flags);
	set = make_set(uids, n);
	rc = mailimap_uid_store(s->imap, set, att);
	mailimap_store_att_flags_free(att);
	mailimap_set_free(set);
	if (rc != MAILIMAP_NO_ERROR) {
		return fail_with(s, rc, "UID STORE", fail_r, error_r);
	}
	return 0;
}

/* Polls fd in one-second slices so *stop is noticed promptly. */
static int wait_readable(int fd, int timeout, volatile sig_atomic_t *stop,
			 const sigset_t *mask)
{
	for (int waited = 0; waited < timeout && !(stop && *stop); waited++) {
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		const struct timespec second = {1, 0};

		if (ppoll(&pfd, 1, &second, mask) > 0) {
			return 1;
		}
	}
	return 0;
}

int mail_idle(struct mail_session *s, int timeout, volatile sig_atomic_t *stop,
	      const sigset_t *mask, enum fail *fail_r, char **error_r)
{
	int rc, changed;

	rc = mailimap_idle(s->imap);
	if (rc != MAILIMAP_NO_ERROR) {
		return fail_with(s, rc, "IDLE", fail_r, error_r);
	}
	/* What the server sent right after "+ idling" (an EXISTS for mail
	 * that came during the cycle) may already sit in libetpan's read
	 * buffer, where poll() cannot see it: then there is news now. */
	if (s->imap->imap_stream && s->imap->imap_stream->read_buffer_len > 0) {
		changed = 1;
	} else {
		changed = wait_readable(mailimap_idle_get_fd(s->imap), timeout,
					stop, mask);
	}
	rc = mailimap_idle_done(s->imap);
	if (rc != MAILIMAP_NO_ERROR) {
		return fail_with(s, rc, "IDLE DONE", fail_r, error_r);
	}
	return changed;
}
