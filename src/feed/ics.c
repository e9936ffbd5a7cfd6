/* A feed's iCalendar (RFC 5545) with libical: one component per open
 * deadline of the subject, all-day on the due date.  Everything in it
 * comes from the store and the configuration, never from the clock, so
 * the same store gives the same bytes and the ETag is a hash of them. */
#include <libical/ical.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/ical.h"
#include "congvan/util.h"
#include "congvan/workday.h"
#include "congvan/words.h"
#include "private.h"

/* Which open deadlines the subject's feed holds: the Office every open
 * item's; a unit the items it leads and the consultations waiting for
 * it; a person the items they handle, and their unit's. */
static void query_of(const struct config *cfg, const struct feed_subject *s,
		     struct store_feed_query *q)
{
	const struct config_unit *u = NULL;

	memset(q, 0, sizeof(*q));
	if (s->kind == FEED_OFFICE) {
		q->every_item = true;
		return;
	}
	if (s->kind == FEED_UNIT) {
		u = config_unit_find(cfg, s->id);
		q->lead = q->consulted = u ? u->code : s->id;
		return;
	}
	q->handler = s->id;
	config_role_of(cfg, s->id, &u);
	if (u) {
		q->lead = q->consulted = u->code;
	}
}

/* --- text ------------------------------------------------------------------
 */

/* The length of the valid UTF-8 sequence at s (at most n bytes), 0 when
 * it is not one. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len = s[0] < 0x80                   ? 1
		     : s[0] >= 0xc2 && s[0] < 0xe0 ? 2
		     : s[0] >= 0xe0 && s[0] < 0xf0 ? 3
		     : s[0] >= 0xf0 && s[0] < 0xf5 ? 4
						   : 0;

	if (len == 0 || len > n) {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			return 0;
		}
	}
	if ((len == 3 && s[0] == 0xe0 && s[1] < 0xa0) ||
	    (len == 3 && s[0] == 0xed && s[1] >= 0xa0) ||
	    (len == 4 && s[0] == 0xf0 && s[1] < 0x90) ||
	    (len == 4 && s[0] == 0xf4 && s[1] >= 0x90)) {
		return 0; /* overlong, surrogate, past U+10FFFF */
	}
	return len;
}

/* Text from mail for a TEXT value: control characters become spaces and
 * bytes that are not UTF-8 become U+FFFD, which libical would pass on. */
static void add_clean(struct sbuf *sb, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	for (size_t i = 0; i < n;) {
		const unsigned char *p = (const unsigned char *)s + i;
		size_t len = utf8_len(p, n - i);

		if (len == 0) {
			sbuf_adds(sb, "\xef\xbf\xbd");
			i++;
		} else if (len == 1 && (*p < 0x20 || *p == 0x7f)) {
			sbuf_addch(sb, ' ');
			i++;
		} else {
			sbuf_add(sb, p, len);
			i += len;
		}
	}
}

/* The catalogue's word in the service's language. */
static const char *word(const struct config *cfg, enum word w)
{
	return words_get(cfg->service.language, w);
}

/* "VP (Văn phòng)", or the code alone for a unit no longer configured. */
static void add_unit(struct sbuf *sb, const struct config *cfg,
		     const char *code)
{
	const struct config_unit *u = config_unit_find(cfg, code);

	add_clean(sb, u ? u->code : code);
	if (u && u->name) {
		sbuf_adds(sb, " (");
		add_clean(sb, u->name);
		sbuf_adds(sb, ")");
	}
}

static void describe_people(struct sbuf *sb, const struct config *cfg,
			    const struct store_case *c)
{
	char due[11];

	if (c->lead) {
		sbuf_addf(sb, "\n%s: ", word(cfg, W_LEAD));
		add_unit(sb, cfg, c->lead);
	}
	for (char **p = c->coordinate; p && *p; p++) {
		if (p == c->coordinate) {
			sbuf_addf(sb, "\n%s: ", word(cfg, W_FEED_COORDINATE));
		} else {
			sbuf_adds(sb, ", ");
		}
		add_unit(sb, cfg, *p);
	}
	if (c->handler) {
		sbuf_addf(sb, "\n%s: ", word(cfg, W_FEED_HANDLER));
		if (c->handler_name) {
			add_clean(sb, c->handler_name);
			sbuf_adds(sb, " ");
		}
		sbuf_adds(sb, "<");
		add_clean(sb, c->handler);
		sbuf_adds(sb, ">");
		if (c->handler_due_day > 0) {
			workday_format_vn(c->handler_due_day, due);
			sbuf_addf(sb, ", %s %s", word(cfg, W_FEED_INTERNAL_DUE),
				  due);
		}
	}
}

/* What is asked of the subject, then who does what on the item. */
static char *describe(const struct config *cfg,
		      const struct store_feed_entry *e)
{
	const struct store_case *c = &e->c;
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	char day[11], due[11];

	workday_format_vn(e->day, day);
	workday_format_vn(c->due_day, due);
	if (e->role == STORE_FEED_LEAD) {
		sbuf_addf(&sb, word(cfg, W_FEED_WHAT_LEAD), day);
	} else if (e->role == STORE_FEED_HANDLER) {
		sbuf_addf(&sb, word(cfg, W_FEED_WHAT_HANDLER), day);
		sbuf_addf(&sb, "\n");
		sbuf_addf(&sb, word(cfg, W_FEED_DUE), due);
	} else {
		struct sbuf unit = SBUF_INIT(SIZE_MAX);

		add_unit(&unit, cfg, e->unit);
		sbuf_addf(&sb, word(cfg, W_FEED_WHAT_CONSULT), sbuf_str(&unit),
			  day);
		sbuf_addf(&sb, "\n%s", word(cfg, W_FEED_DEEMED));
		sbuf_release(&unit);
	}
	if (c->status == ITEM_DISPUTED) {
		sbuf_addf(&sb, "\n%s", word(cfg, W_FEED_DISPUTED));
	}
	describe_people(&sb, cfg, c);
	if (c->sender) {
		sbuf_addf(&sb, "\n%s: ", word(cfg, W_FEED_SENDER));
		add_clean(&sb, c->sender);
	}
	return sbuf_detach(&sb);
}

/* --- components ------------------------------------------------------------
 */

static struct icaltimetype ical_date(int32_t day)
{
	struct icaltimetype t = icaltime_null_date();

	workday_ymd(day, &t.year, &t.month, &t.day);
	return t;
}

static struct icaltimetype ical_utc(time_t at)
{
	return icaltime_from_timet_with_zone(at, 0,
					     icaltimezone_get_utc_timezone());
}

/* The UID the invitation of the same deadline carries, so that a
 * calendar holding both the invitation and the feed shows the deadline
 * once: the one sent, else the one a first invitation would get
 * (ical_uid: "cv-2026-000001.lead.tttn.MARK@congvan.test"). */
static char *uid_of(const struct config *cfg, const char *secret,
		    const struct store_feed_entry *e)
{
	const struct store_case *c = &e->c;

	if (e->uid) {
		return xstrdup(e->uid);
	}
	switch (e->role) {
	case STORE_FEED_CONSULT:
		return ical_uid(c->key, ICAL_PART_CONSULT, e->unit,
				cfg->service.domain, secret);
	case STORE_FEED_HANDLER:
		return ical_uid(c->key, ICAL_PART_HANDLER, c->handler,
				cfg->service.domain, secret);
	case STORE_FEED_LEAD:
	default:
		return ical_uid(c->key, ICAL_PART_LEAD, c->lead,
				cfg->service.domain, secret);
	}
}

static icalcomponent *component(const struct config *cfg, const char *secret,
				enum feed_type type,
				const struct store_feed_entry *e,
				time_t changed)
{
	const struct store_case *c = &e->c;
	icalcomponent *comp = icalcomponent_new(
	    type == FEED_TODOS ? ICAL_VTODO_COMPONENT : ICAL_VEVENT_COMPONENT);
	struct sbuf summary = SBUF_INIT(SIZE_MAX);
	char *uid = uid_of(cfg, secret, e);
	char *description = describe(cfg, e);

	sbuf_addf(&summary, "[%s]", c->key);
	if (c->subject && *c->subject) {
		sbuf_addch(&summary, ' ');
		add_clean(&summary, c->subject);
	}
	icalcomponent_add_property(comp, icalproperty_new_uid(uid));
	/* As the invitation with this UID says: a calendar holding both
	 * sees one version of the event, not an older and a newer one. */
	if (e->sequence > 0) {
		icalcomponent_add_property(
		    comp, icalproperty_new_sequence(e->sequence));
	}
	icalcomponent_add_property(comp,
				   icalproperty_new_dtstamp(ical_utc(changed)));
	icalcomponent_add_property(
	    comp, icalproperty_new_lastmodified(ical_utc(changed)));
	if (type == FEED_TODOS) {
		icalcomponent_add_property(
		    comp, icalproperty_new_due(ical_date(e->day)));
		icalcomponent_add_property(
		    comp, icalproperty_new_status(ICAL_STATUS_NEEDSACTION));
	} else {
		icalcomponent_add_property(
		    comp, icalproperty_new_dtstart(ical_date(e->day)));
		icalcomponent_add_property(
		    comp, icalproperty_new_dtend(ical_date(e->day + 1)));
		icalcomponent_add_property(
		    comp, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	}
	icalcomponent_add_property(
	    comp, icalproperty_new_summary(sbuf_str(&summary)));
	icalcomponent_add_property(comp,
				   icalproperty_new_description(description));
	free(description);
	free(uid);
	sbuf_release(&summary);
	return comp;
}

/* The calendar's display name: "Hạn xử lý công văn: Vụ Pháp chế".  ','
 * and ';' are left out: libical writes X- values as they are. */
static icalproperty *calendar_name(const struct config *cfg,
				   const struct feed_subject *s)
{
	const struct config_unit *u = NULL;
	const struct config_person *p = NULL;
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	icalproperty *prop;

	sbuf_addf(&sb, "%s: ", word(cfg, W_FEED_CALENDAR));
	if (s->kind == FEED_OFFICE) {
		add_clean(&sb, cfg->service.organization);
	} else if (s->kind == FEED_UNIT) {
		u = config_unit_find(cfg, s->id);
		add_clean(&sb, u && u->name ? u->name : s->id);
	} else {
		p = config_person_find(cfg, s->id, NULL);
		add_clean(&sb, p && p->name ? p->name : s->id);
	}
	for (char *q = sb.buf; q && *q; q++) {
		if (*q == ',' || *q == ';' || *q == '\\') {
			*q = ' ';
		}
	}
	prop = icalproperty_new_x(sbuf_str(&sb));
	icalproperty_set_x_name(prop, "X-WR-CALNAME");
	sbuf_release(&sb);
	return prop;
}

static icalcomponent *calendar_new(const struct config *cfg,
				   const struct feed_subject *s)
{
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalproperty *ttl = icalproperty_new_x("PT5M");
	const char *lang = words_english(cfg->service.language) ? "EN" : "VI";
	char *prodid = xasprintf("-//congvan//calendar feed//%s", lang);

	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid(prodid));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, calendar_name(cfg, s));
	icalproperty_set_x_name(ttl, "X-PUBLISHED-TTL");
	icalcomponent_add_property(cal, ttl);
	free(prodid);
	return cal;
}

struct adding {
	const struct config *cfg;
	const char *secret;
	enum feed_type type;
	icalcomponent *cal;
	time_t last; /* the latest change among the entries */
};

/* Adds an entry's component. */
static int add_entry(const struct store_feed_entry *e, void *ctx)
{
	struct adding *a = ctx;
	time_t changed = e->changed;

	if (changed == 0) {
		changed =
		    e->c.assigned_at ? e->c.assigned_at : e->c.registered_at;
	}
	a->last = changed > a->last ? changed : a->last;
	icalcomponent_add_component(
	    a->cal, component(a->cfg, a->secret, a->type, e, changed));
	return 0;
}

/* The body, its size and ETag from the serialised calendar. */
static int serialise(icalcomponent *cal, struct feed_doc *doc, char **error_r)
{
	struct sha256_ctx sha;
	uint8_t digest[SHA256_DIGEST_SIZE];
	char hex[2 * SHA256_DIGEST_SIZE + 1];
	char *text = icalcomponent_as_ical_string_r(cal);

	if (!text) {
		*error_r = xasprintf("feed: cannot write the calendar: %s",
				     icalerror_strerror(icalerrno));
		return -1;
	}
	doc->len = strlen(text);
	doc->body = xstrndup(text, doc->len);
	icalmemory_free_buffer(text);
	sha256_init(&sha);
	sha256_update(&sha, doc->len, (const uint8_t *)doc->body);
	sha256_digest(&sha, sizeof(digest), digest);
	hex_encode(digest, sizeof(digest), hex);
	snprintf(doc->etag, sizeof(doc->etag), "\"%.32s\"", hex);
	return 0;
}

int feed_build(const struct config *cfg, const char *secret, struct store *st,
	       const struct feed_subject *subject, enum feed_type type,
	       struct feed_doc *doc_r, char **error_r)
{
	struct adding a = {cfg, secret, type, calendar_new(cfg, subject), 0};
	struct store_feed_query q;
	int ret = -1;

	memset(doc_r, 0, sizeof(*doc_r));
	query_of(cfg, subject, &q);
	if (store_feed_entries(st, &q, add_entry, &a, error_r) < 0 ||
	    serialise(a.cal, doc_r, error_r) < 0) {
		goto out;
	}
	doc_r->last_modified = a.last;
	doc_r->n_components = (size_t)icalcomponent_count_components(
	    a.cal,
	    type == FEED_TODOS ? ICAL_VTODO_COMPONENT : ICAL_VEVENT_COMPONENT);
	ret = 0;
out:
	icalcomponent_free(a.cal);
	if (ret < 0) {
		feed_doc_release(doc_r);
	}
	return ret;
}

void feed_doc_release(struct feed_doc *doc)
{
	if (!doc) {
		return;
	}
	free(doc->body);
	memset(doc, 0, sizeof(*doc));
}
