/* A feed's iCalendar (RFC 5545) with libical: one component per open
 * deadline of the subject, all-day on the due date.  Everything in it
 * comes from the store and the configuration, never from the clock, so
 * the same store gives the same bytes and the ETag is a hash of them. */
#include <libical/ical.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "congvan/workday.h"
#include "private.h"

enum role { ROLE_LEAD, ROLE_HANDLER, ROLE_CONSULT };

/* One deadline in the feed. */
struct entry {
	int32_t day;
	int64_t item_id;
	enum role role;
	char *unit; /* ROLE_CONSULT: the unit asked, as stored */
};

struct collect {
	const struct config *cfg;
	const struct feed_subject *subject;
	const struct config_unit *unit; /* the subject's unit, or NULL */
	struct entry *entries;
	size_t n;
};

static void entry_add(struct collect *c, int64_t item_id, int32_t day,
		      enum role role, const char *unit)
{
	struct entry *e;

	if (day <= 0) {
		return;
	}
	c->entries = xrealloc(c->entries, (c->n + 1) * sizeof(*c->entries));
	e = &c->entries[c->n++];
	e->day = day;
	e->item_id = item_id;
	e->role = role;
	e->unit = unit ? xstrdup(unit) : NULL;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a;
	const struct entry *y = b;

	if (x->day != y->day) {
		return x->day < y->day ? -1 : 1;
	}
	if (x->item_id != y->item_id) {
		return x->item_id < y->item_id ? -1 : 1;
	}
	if (x->role != y->role) {
		return x->role < y->role ? -1 : 1;
	}
	return strcmp(x->unit ? x->unit : "", y->unit ? y->unit : "");
}

/* Open items: the Office sees every one; a unit what it leads; a person
 * what they handle and what their unit leads. */
static int collect_case(const struct store_case *c, void *ctx)
{
	struct collect *col = ctx;
	const struct feed_subject *s = col->subject;
	bool leads =
	    c->lead && col->unit && str_iequal(c->lead, col->unit->code);

	if (s->kind == FEED_OFFICE || leads) {
		entry_add(col, c->id, c->due_day, ROLE_LEAD, NULL);
	}
	if (s->kind == FEED_PERSON && c->handler &&
	    str_iequal(c->handler, s->id)) {
		entry_add(col, c->id,
			  c->handler_due_day > 0 ? c->handler_due_day
						 : c->due_day,
			  ROLE_HANDLER, NULL);
	}
	return 0;
}

/* Consultations still waiting for the subject's unit. */
static int collect_consult(const struct store_consult *c, void *ctx)
{
	struct collect *col = ctx;

	if (col->unit && str_iequal(c->unit, col->unit->code)) {
		entry_add(col, c->item_id, c->due_day, ROLE_CONSULT, c->unit);
	}
	return 0;
}

static int collect(struct collect *col, struct store *st, char **error_r)
{
	const struct feed_subject *s = col->subject;

	if (s->kind == FEED_UNIT) {
		col->unit = config_unit_find(col->cfg, s->id);
	} else if (s->kind == FEED_PERSON) {
		config_role_of(col->cfg, s->id, &col->unit);
	}
	if (store_case_foreach_open(st, collect_case, col, error_r) < 0 ||
	    (col->unit &&
	     store_consult_foreach(st, 0, collect_consult, col, error_r) < 0)) {
		return -1;
	}
	if (col->n > 0) {
		qsort(col->entries, col->n, sizeof(*col->entries), entry_cmp);
	}
	return 0;
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

struct words {
	const char *what_lead, *what_handler, *what_consult, *deemed;
	const char *due, *internal_due, *lead, *coordinate, *handler;
	const char *disputed, *sender, *calendar;
};

static const struct words vi = {
    .what_lead = "Việc: chủ trì xử lý, hạn %s",
    .what_handler = "Việc: xử lý (được giao), hạn nội bộ %s",
    .what_consult = "Việc: %s cho ý kiến, hạn %s",
    .deemed = "Quá hạn không trả lời thì được coi là đồng ý.",
    .due = "Hạn của đơn vị chủ trì: %s",
    .internal_due = "hạn nội bộ",
    .lead = "Chủ trì",
    .coordinate = "Phối hợp",
    .handler = "Người xử lý",
    .disputed = "Đang có ý kiến khác nhau, chờ thống nhất.",
    .sender = "Nơi gửi",
    .calendar = "Hạn xử lý công văn",
};

static const struct words en = {
    .what_lead = "To do: lead the work, due %s",
    .what_handler = "To do: handle it (assigned to you), internal deadline "
		    "%s",
    .what_consult = "To do: %s to give an opinion, due %s",
    .deemed = "No answer by the deadline counts as agreement.",
    .due = "Lead unit's deadline: %s",
    .internal_due = "internal deadline",
    .lead = "Lead",
    .coordinate = "Coordinating",
    .handler = "Handler",
    .disputed = "Disputed: waiting for the heads to settle it.",
    .sender = "From",
    .calendar = "Correspondence deadlines",
};

static const struct words *words_for(const struct config *cfg)
{
	return cfg->service.language && !strcmp(cfg->service.language, "en")
		   ? &en
		   : &vi;
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
			    const struct words *w, const struct store_case *c)
{
	char due[11];

	if (c->lead) {
		sbuf_addf(sb, "\n%s: ", w->lead);
		add_unit(sb, cfg, c->lead);
	}
	for (char **p = c->coordinate; p && *p; p++) {
		if (p == c->coordinate) {
			sbuf_addf(sb, "\n%s: ", w->coordinate);
		} else {
			sbuf_adds(sb, ", ");
		}
		add_unit(sb, cfg, *p);
	}
	if (c->handler) {
		sbuf_addf(sb, "\n%s: ", w->handler);
		if (c->handler_name) {
			add_clean(sb, c->handler_name);
			sbuf_adds(sb, " ");
		}
		sbuf_adds(sb, "<");
		add_clean(sb, c->handler);
		sbuf_adds(sb, ">");
		if (c->handler_due_day > 0) {
			workday_format_vn(c->handler_due_day, due);
			sbuf_addf(sb, ", %s %s", w->internal_due, due);
		}
	}
}

/* What is asked of the subject, then who does what on the item. */
static char *describe(const struct config *cfg, const struct entry *e,
		      const struct store_case *c)
{
	const struct words *w = words_for(cfg);
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	char day[11], due[11];

	workday_format_vn(e->day, day);
	workday_format_vn(c->due_day, due);
	if (e->role == ROLE_LEAD) {
		sbuf_addf(&sb, w->what_lead, day);
	} else if (e->role == ROLE_HANDLER) {
		sbuf_addf(&sb, w->what_handler, day);
		sbuf_addf(&sb, "\n");
		sbuf_addf(&sb, w->due, due);
	} else {
		struct sbuf unit = SBUF_INIT(SIZE_MAX);

		add_unit(&unit, cfg, e->unit);
		sbuf_addf(&sb, w->what_consult, sbuf_str(&unit), day);
		sbuf_addf(&sb, "\n%s", w->deemed);
		sbuf_release(&unit);
	}
	if (!strcmp(c->status, STORE_STATUS_DISPUTED)) {
		sbuf_addf(&sb, "\n%s", w->disputed);
	}
	describe_people(&sb, cfg, w, c);
	if (c->sender) {
		sbuf_addf(&sb, "\n%s: ", w->sender);
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

/* "cv-2026-000001.lead@congvan.test": stable per item and role. */
static char *uid_of(const struct config *cfg, const struct entry *e,
		    const char *key)
{
	char *uid;

	if (e->role == ROLE_CONSULT) {
		uid = xasprintf("%s.consult-%s@%s", key, e->unit,
				cfg->service.domain);
	} else {
		uid = xasprintf("%s.%s@%s", key,
				e->role == ROLE_LEAD ? "lead" : "handler",
				cfg->service.domain);
	}
	for (char *p = uid; *p; p++) {
		if (*p >= 'A' && *p <= 'Z') {
			*p = (char)(*p - 'A' + 'a');
		}
	}
	return uid;
}

static icalcomponent *component(const struct config *cfg, enum feed_type type,
				const struct entry *e,
				const struct store_case *c, time_t changed)
{
	icalcomponent *comp = icalcomponent_new(
	    type == FEED_TODOS ? ICAL_VTODO_COMPONENT : ICAL_VEVENT_COMPONENT);
	struct sbuf summary = SBUF_INIT(SIZE_MAX);
	char *uid = uid_of(cfg, e, c->key);
	char *description = describe(cfg, e, c);

	sbuf_addf(&summary, "[%s]", c->key);
	if (c->subject && *c->subject) {
		sbuf_addch(&summary, ' ');
		add_clean(&summary, c->subject);
	}
	icalcomponent_add_property(comp, icalproperty_new_uid(uid));
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

	sbuf_addf(&sb, "%s: ", words_for(cfg)->calendar);
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
	const char *lang = words_for(cfg) == &en ? "EN" : "VI";
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

/* Adds each entry's component; *last_r gets the latest change. */
static int add_entries(const struct config *cfg, struct store *st,
		       enum feed_type type, const struct collect *col,
		       icalcomponent *cal, time_t *last_r, char **error_r)
{
	for (size_t i = 0; i < col->n; i++) {
		const struct entry *e = &col->entries[i];
		struct store_case c;
		time_t changed;
		int rc = store_case_get(st, e->item_id, &c, error_r);

		if (rc < 0) {
			return -1;
		}
		if (rc == 0) {
			continue;
		}
		if (store_item_changed_at(st, e->item_id, &changed, error_r) <
		    0) {
			store_case_release(&c);
			return -1;
		}
		if (changed == 0) {
			changed =
			    c.assigned_at ? c.assigned_at : c.registered_at;
		}
		*last_r = changed > *last_r ? changed : *last_r;
		icalcomponent_add_component(
		    cal, component(cfg, type, e, &c, changed));
		store_case_release(&c);
	}
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

int feed_build(const struct config *cfg, struct store *st,
	       const struct feed_subject *subject, enum feed_type type,
	       struct feed_doc *doc_r, char **error_r)
{
	struct collect col = {cfg, subject, NULL, NULL, 0};
	icalcomponent *cal = NULL;
	int ret = -1;

	memset(doc_r, 0, sizeof(*doc_r));
	if (collect(&col, st, error_r) < 0) {
		goto out;
	}
	cal = calendar_new(cfg, subject);
	if (add_entries(cfg, st, type, &col, cal, &doc_r->last_modified,
			error_r) < 0 ||
	    serialise(cal, doc_r, error_r) < 0) {
		goto out;
	}
	doc_r->n_components = (size_t)icalcomponent_count_components(
	    cal,
	    type == FEED_TODOS ? ICAL_VTODO_COMPONENT : ICAL_VEVENT_COMPONENT);
	ret = 0;
out:
	if (cal) {
		icalcomponent_free(cal);
	}
	for (size_t i = 0; i < col.n; i++) {
		free(col.entries[i].unit);
	}
	free(col.entries);
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
