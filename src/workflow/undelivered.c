/* The Office is told of the notices that did not reach someone.  Mail
 * that cannot be delivered is recorded on its item as a mail-failed
 * event where that is learnt (the outbox: the server refused a recipient
 * or the whole mail for good; intake: a delivery report came back);
 * neither of them may mail the Office (the outbox is below the
 * workflow, and intake only records).  So the scheduler's cycle reads
 * the mail-failed events recorded since it last looked (a watermark in
 * the store, the last event looked at), oldest first, and queues one
 * notice to the Office per item, naming every address of that item the
 * mail did not reach with the server's words.  The mail-queued event of
 * that notice records on the item that the Office was told. */
#include <stdlib.h>
#include <string.h>

#include "congvan/log.h"
#include "private.h"

/* The most mail-failed events read in one transaction: a relay refusing
 * one address on a day's mail fails one notice per item. */
#define UNDELIVERED_BATCH 1000

/* The server's words of a mail-failed event: its line for people without
 * the "ADDRESS: " event.c puts in front, nor the relay's URL the outbox
 * names for the administrator ("smtp 'smtp://relay:587': "). */
static const char *reason_of(const char *address, const char *detail)
{
	size_t n = address ? strlen(address) : 0;
	const char *end;

	if (!detail) {
		return "";
	}
	if (n && !strncasecmp(detail, address, n) && detail[n] == ':' &&
	    detail[n + 1] == ' ') {
		detail += n + 2;
	}
	if (!strncmp(detail, "smtp '", 6) && (end = strstr(detail, "': "))) {
		detail = end + 3;
	}
	return detail;
}

static struct wf_failed_item *item_of(struct wf_failed_set *s, int64_t id)
{
	for (size_t i = 0; i < s->n; i++) {
		if (s->items[i].item_id == id) {
			return &s->items[i];
		}
	}
	s->items = xrealloc(s->items, (s->n + 1) * sizeof(*s->items));
	memset(&s->items[s->n], 0, sizeof(*s->items));
	s->items[s->n].item_id = id;
	return &s->items[s->n++];
}

/* Lists address (NULL: none named) on fi with reason, once. */
static void add_rcpt(struct wf_failed_item *fi, const char *address,
		     const char *reason)
{
	for (size_t i = 0; i < fi->n; i++) {
		const char *a = fi->rcpt[i].address;

		if ((!a && !address) ||
		    (a && address && str_iequal(a, address))) {
			return;
		}
	}
	fi->rcpt = xrealloc(fi->rcpt, (fi->n + 1) * sizeof(*fi->rcpt));
	fi->rcpt[fi->n].address = address ? xstrdup(address) : NULL;
	fi->rcpt[fi->n].reason = xstrdup(reason);
	fi->n++;
}

void wf_failed_add(struct wf_failed_set *s, int64_t item_id,
		   const char *address, const char *detail, const char *office)
{
	const char *reason = reason_of(address, detail);
	struct wf_failed_item *fi;
	char *copy;

	if (item_id <= 0) {
		return;
	}
	fi = item_of(s, item_id);
	if (!address || !*address) {
		add_rcpt(fi, NULL, reason);
		return;
	}
	copy = xstrdup(address);
	for (char *p = copy; *p;) {
		size_t len = strcspn(p, ",");
		char *next = p + len + (p[len] == ',');

		p[len] = '\0';
		str_trim(p);
		if (*p && !(office && str_iequal(p, office))) {
			add_rcpt(fi, p, reason);
		}
		p = next;
	}
	free(copy);
}

void wf_failed_release(struct wf_failed_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		for (size_t j = 0; j < s->items[i].n; j++) {
			free(s->items[i].rcpt[j].address);
			free(s->items[i].rcpt[j].reason);
		}
		free(s->items[i].rcpt);
	}
	free(s->items);
	memset(s, 0, sizeof(*s));
}

/* Who address is, for the Office: "Thủ trưởng Vụ Tài chính", a member's
 * name and unit; NULL when the directory does not say. */
static char *who_is(const struct runtime *rt, const char *address)
{
	const struct config_unit *u = NULL;
	const struct config_person *p;
	const char *lang = rt->cfg->service.language;

	switch (config_role_of(rt->cfg, address, &u)) {
	case CONFIG_ROLE_HEAD:
		return xasprintf(words_get(lang, W_UNDELIVERED_HEAD), u->name);
	case CONFIG_ROLE_UNIT_MAILBOX:
		return xasprintf(words_get(lang, W_UNDELIVERED_MAILBOX),
				 u->name);
	case CONFIG_ROLE_MEMBER:
	case CONFIG_ROLE_LEADER:
		p = config_person_find(rt->cfg, address, &u);
		if (!p || !p->name) {
			return u ? xstrdup(u->name) : NULL;
		}
		return u ? xasprintf("%s, %s", p->name, u->name)
			 : xstrdup(p->name);
	default:
		return NULL;
	}
}

/* The addresses of fi, each with who it is and, on the next line, the
 * server's words. */
static char *rcpt_text(const struct runtime *rt,
		       const struct wf_failed_item *fi)
{
	struct sbuf sb = SBUF_INIT(1 << 20);

	for (size_t i = 0; i < fi->n; i++) {
		const char *a = fi->rcpt[i].address;
		char *who = a ? who_is(rt, a) : NULL;

		sbuf_addf(&sb, "%s- %s%s%s%s:\n  %s", i ? "\n" : "",
			  a ? a : wf_word(rt, W_UNDELIVERED_NOBODY),
			  who ? " (" : "", who ? who : "", who ? ")" : "",
			  fi->rcpt[i].reason);
		free(who);
	}
	return sbuf_detach(&sb);
}

static int tell(struct runtime *rt, const struct wf_failed_item *fi,
		char **error_r)
{
	struct wf_item it;
	struct wf_mail m;
	char *list;
	int rc;

	rc = wf_item_load(rt, fi->item_id, &it, error_r);
	if (rc <= 0) {
		return rc; /* an item that is not there: nobody to tell */
	}
	wf_mail_init(rt, &it, &m);
	list = rcpt_text(rt, fi);
	wf_set(&m, V_UNDELIVERED, list);
	wf_set(&m, V_RECIPIENT, wf_word(rt, W_OFFICE));
	wf_to(&m, rt->cfg->service.office);
	rc = wf_send(rt, &it, &m, "mail_failed", error_r);
	free(list);
	wf_mail_release(&m);
	wf_item_release(&it);
	return rc < 0 ? -1 : 1;
}

struct told {
	struct wf_failed_set set;
	const char *office;
	int64_t last; /* the last event read */
	int n;        /* events read */
};

static int collect(const struct store_event *ev, void *ctx)
{
	struct told *t = ctx;

	wf_failed_add(&t->set, ev->item_id, ev->fields.address, ev->detail,
		      t->office);
	t->last = ev->id;
	t->n++;
	return 0;
}

int workflow_tell_undelivered(struct runtime *rt, char **error_r)
{
	struct told t = {.office = rt->cfg->service.office};
	int64_t told, last, upto;
	int sent = 0, rc, ret = -1;

	if (store_undelivered_range(rt->st, &told, &last, error_r) < 0) {
		return -1;
	}
	if (last <= told) {
		return 0;
	}
	if (store_undelivered_foreach(rt->st, told, last, UNDELIVERED_BATCH,
				      collect, &t, error_r) < 0) {
		goto out;
	}
	/* A full batch: the events after it in the next call. */
	upto = t.n == UNDELIVERED_BATCH ? t.last : last;
	for (size_t i = 0; i < t.set.n; i++) {
		if (t.set.items[i].n == 0) {
			continue; /* only the Office's own address */
		}
		rc = tell(rt, &t.set.items[i], error_r);
		if (rc < 0) {
			goto out;
		}
		sent += rc;
	}
	if (store_undelivered_told(rt->st, upto, error_r) < 0) {
		goto out;
	}
	if (sent) {
		log_info("undelivered mail: the Office told about %d item%s",
			 sent, sent == 1 ? "" : "s");
	}
	ret = upto < last ? 1 : 0;
out:
	wf_failed_release(&t.set);
	return ret;
}
