/* The figures of a period.  The period's instants are [from, end); "the
 * end" of an open period is now.  What happened in the period (items
 * received, closed, returned, transferred, extensions, answers, mail) is
 * counted by when it happened; what is open is counted as it stood at
 * the end, with the lead, handler and deadline of that moment (history.c).
 * README.md ("Reports") gives the definitions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/workday.h"
#include "history.h"
#include "private.h"

/* The templates whose mail counts as a reminder. */
#define REMINDER_KINDS                                                         \
	",reminder,due_today,overdue,escalation,handler_reminder,"

/* One item of the period, copied out of the store, with its history: the
 * items are counted one at a time as the store walks them. */
struct item {
	int64_t id;
	enum item_status status;
	char *lead, *handler, *handler_name;
	int32_t due_day;
	time_t assigned_at, closed_at;
	int late_days;
	struct history h;
};

/* Who led each item of the period when: all that the extensions and the
 * mail read of an item once it is counted, a few bytes an item (the
 * lead's code once per distinct code). */
struct lead_mark {
	time_t at;
	uint32_t code; /* index in codes */
};

struct lead_span {
	int64_t item_id;
	uint32_t first, n; /* marks[first .. first + n) */
};

struct leads {
	struct lead_span *spans; /* by item_id, ascending */
	size_t n_spans, spans_alloc;
	struct lead_mark *marks;
	size_t n_marks, marks_alloc;
	char **codes;
	size_t n_codes, codes_alloc;
};

/* Addresses or unit codes, ignoring ASCII case, to numbers (0: none
 * yet). */
struct key_slot {
	char *key; /* NULL: a free slot */
	size_t value;
};

struct key_map {
	struct key_slot *slots; /* a power of two of them */
	size_t n, n_slots;
};

#define REMINDED_MAILBOX SIZE_MAX

struct calc {
	struct store *st;
	const struct config *cfg;
	time_t from, end; /* the period, up to now: [from, end) */
	time_t last;      /* the instant the end state is read at: end - 1 */
	struct report *r;
	size_t units_alloc, persons_alloc;
	struct key_map unit_rows;   /* r->units' index + 1, by code */
	struct key_map person_rows; /* r->persons' index + 1, by address */
	struct key_map reminded;    /* the same, or REMINDED_MAILBOX */
	struct item cur; /* the item being read (cur.id 0: none yet) */
	struct leads leads;
	char *error;
};

static bool in_period(const struct calc *c, time_t t)
{
	return t >= c->from && t < c->end;
}

/* --- units and people --------------------------------------------------- */

/* The key's hash, in ASCII lower case (as the report compares). */
static size_t key_hash(const char *a)
{
	uint64_t h = UTIL_FNV_BASIS;

	for (; *a; a++) {
		unsigned char ch = (unsigned char)*a;

		h = util_fnv1a(h, ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
	}
	return (size_t)h;
}

/* The slot of key in m: its own, else the free one it would take. */
static struct key_slot *key_slot(const struct key_map *m, const char *key)
{
	size_t mask = m->n_slots - 1;
	size_t i = key_hash(key) & mask;

	while (m->slots[i].key && !str_iequal(m->slots[i].key, key)) {
		i = (i + 1) & mask;
	}
	return &m->slots[i];
}

/* The value of key in m, 0 when it has none yet; the caller sets it.
 * The pointer holds until the next call.  The table stays at most half
 * full. */
static size_t *key_map_put(struct key_map *m, const char *key)
{
	struct key_slot *sl;

	if (2 * (m->n + 1) > m->n_slots) {
		struct key_map bigger = {
		    .n = m->n, .n_slots = m->n_slots ? 2 * m->n_slots : 64};

		bigger.slots = xcalloc(bigger.n_slots, sizeof(*bigger.slots));
		for (size_t i = 0; i < m->n_slots; i++) {
			if (m->slots[i].key) {
				*key_slot(&bigger, m->slots[i].key) =
				    m->slots[i];
			}
		}
		free(m->slots);
		*m = bigger;
	}
	sl = key_slot(m, key);
	if (!sl->key) {
		sl->key = xstrdup(key);
		m->n++;
	}
	return &sl->value;
}

static void key_map_release(struct key_map *m)
{
	for (size_t i = 0; i < m->n_slots; i++) {
		free(m->slots[i].key);
	}
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

static struct report_unit *unit_add(struct calc *c, const char *code,
				    const char *name)
{
	struct report *r = c->r;
	struct report_unit *u;

	if (r->n_units == c->units_alloc) {
		c->units_alloc = c->units_alloc ? 2 * c->units_alloc : 16;
		r->units = xrealloc(r->units, c->units_alloc * sizeof(*u));
	}
	u = &r->units[r->n_units++];
	memset(u, 0, sizeof(*u));
	u->code = xstrdup(code);
	u->name = xstrdup(name ? name : code);
	return u;
}

/* The unit's row; a code the directory no longer has gets one too. */
static struct report_figures *unit(struct calc *c, const char *code)
{
	size_t *row = key_map_put(&c->unit_rows, code);

	if (!*row) {
		unit_add(c, code, NULL);
		*row = c->r->n_units;
	}
	return &c->r->units[*row - 1].f;
}

static struct report_person *person(struct calc *c, const char *address,
				    const char *name_hint)
{
	const struct config_unit *u = NULL;
	const struct config_person *cp;
	struct report *r = c->r;
	struct report_person *p;
	size_t *row = key_map_put(&c->person_rows, address);

	if (*row) {
		return &r->persons[*row - 1];
	}
	if (r->n_persons == c->persons_alloc) {
		c->persons_alloc = c->persons_alloc ? 2 * c->persons_alloc : 16;
		r->persons =
		    xrealloc(r->persons, c->persons_alloc * sizeof(*p));
	}
	*row = r->n_persons + 1;
	p = &r->persons[r->n_persons++];
	memset(p, 0, sizeof(*p));
	p->address = xstrdup(address);
	for (char *q = p->address; *q; q++) {
		*q = (*q >= 'A' && *q <= 'Z') ? (char)(*q - 'A' + 'a') : *q;
	}
	cp = config_person_find(c->cfg, address, NULL);
	if (cp && cp->name) {
		p->name = xstrdup(cp->name);
	} else if (name_hint && *name_hint) {
		p->name = xstrdup(name_hint);
	}
	config_role_of(c->cfg, address, &u);
	p->unit = u ? xstrdup(u->code) : NULL;
	return p;
}

/* Reminders go to people and to mailboxes; only people get a row: the
 * row of a reminder's recipient, NULL for a mailbox.  The directory is
 * asked once an address. */
static struct report_person *reminded_person(struct calc *c,
					     const char *address)
{
	size_t *known = key_map_put(&c->reminded, address);

	if (!*known) {
		enum config_role role = config_role_of(c->cfg, address, NULL);

		if (role == CONFIG_ROLE_OFFICE ||
		    role == CONFIG_ROLE_UNIT_MAILBOX) {
			*known = REMINDED_MAILBOX;
		} else {
			*known =
			    (size_t)(person(c, address, NULL) - c->r->persons) +
			    1;
		}
	}
	return *known == REMINDED_MAILBOX ? NULL : &c->r->persons[*known - 1];
}

/* --- items ----------------------------------------------------------- */

static bool closed(const struct item *x)
{
	return x->closed_at > 0 &&
	       (x->status == ITEM_DONE || x->status == ITEM_RETURNED);
}

/* The handler's row, named as the delegation named them when the
 * directory does not. */
static struct report_person *
handler_person(struct calc *c, const struct item *x, const char *address)
{
	bool now = x->handler && str_iequal(x->handler, address);

	return person(c, address, now ? x->handler_name : NULL);
}

/* Received: each unit made lead in the period, once per item. */
static void count_received(struct calc *c, const struct item *x)
{
	for (size_t i = 0; i < x->h.n_leads; i++) {
		bool before = false;

		if (!in_period(c, x->h.leads[i].at)) {
			continue;
		}
		for (size_t j = 0; j < i && !before; j++) {
			before =
			    in_period(c, x->h.leads[j].at) &&
			    str_iequal(x->h.leads[j].code, x->h.leads[i].code);
		}
		if (!before) {
			unit(c, x->h.leads[i].code)->received++;
		}
	}
	if (x->h.n_leads == 0 && x->lead && in_period(c, x->assigned_at)) {
		unit(c, x->lead)->received++;
	}
}

/* Delegated: each person made handler in the period, once per item. */
static void count_delegated(struct calc *c, const struct item *x)
{
	for (size_t i = 0; i < x->h.n_handlers; i++) {
		const char *a = x->h.handlers[i].address;
		bool before = false;

		if (!a || !in_period(c, x->h.handlers[i].at)) {
			continue;
		}
		for (size_t j = 0; j < i && !before; j++) {
			const char *b = x->h.handlers[j].address;

			before = b && in_period(c, x->h.handlers[j].at) &&
				 str_iequal(a, b);
		}
		if (!before) {
			handler_person(c, x, a)->delegated++;
		}
	}
}

/* Closed in the period: done (on time or late) or returned, counted for
 * the lead and the handler of that moment. */
static void count_closed(struct calc *c, const struct item *x)
{
	const char *lead, *handler;
	bool late = x->late_days > 0;

	if (!closed(x) || !in_period(c, x->closed_at)) {
		return;
	}
	lead =
	    report_history_lead(&x->h, x->lead, x->assigned_at, x->closed_at);
	if (!lead) {
		return;
	}
	if (x->status == ITEM_RETURNED) {
		unit(c, lead)->returned++;
		return;
	}
	if (late) {
		unit(c, lead)->done_late++;
	} else {
		unit(c, lead)->done_on_time++;
	}
	handler = report_history_handler(&x->h, x->handler, x->closed_at);
	if (handler) {
		struct report_person *p = handler_person(c, x, handler);

		if (late) {
			p->done_late++;
		} else {
			p->done_on_time++;
		}
	}
}

/* Open at the end: within its deadline or overdue. */
static void count_open(struct calc *c, const struct item *x)
{
	const char *lead, *handler;
	int32_t due;

	if (closed(x) && x->closed_at <= c->last) {
		return;
	}
	lead = report_history_lead(&x->h, x->lead, x->assigned_at, c->last);
	if (!lead) {
		return; /* not assigned yet at the end */
	}
	due = report_history_deadline(&x->h, x->due_day, c->last);
	if (due <= 0 || c->r->as_of_day <= due) {
		unit(c, lead)->open_in_time++;
		return;
	}
	unit(c, lead)->open_overdue++;
	handler = report_history_handler(&x->h, x->handler, c->last);
	if (handler) {
		handler_person(c, x, handler)->open_overdue++;
	}
}

static void count_transfers(struct calc *c, const struct item *x)
{
	for (size_t i = 0; i < x->h.n_transfers; i++) {
		if (in_period(c, x->h.transfers[i].at)) {
			unit(c, x->h.transfers[i].code)->transferred++;
		}
	}
}

static void item_release(struct item *x)
{
	free(x->lead);
	free(x->handler);
	free(x->handler_name);
	report_history_release(&x->h);
	memset(x, 0, sizeof(*x));
}

/* The index of code in the leads' codes, added when new. */
static uint32_t lead_code(struct leads *l, const char *code)
{
	for (size_t i = l->n_codes; i-- > 0;) {
		if (!strcmp(l->codes[i], code)) {
			return (uint32_t)i;
		}
	}
	if (l->n_codes == l->codes_alloc) {
		l->codes_alloc = l->codes_alloc ? 2 * l->codes_alloc : 32;
		l->codes =
		    xrealloc(l->codes, l->codes_alloc * sizeof(*l->codes));
	}
	l->codes[l->n_codes] = xstrdup(code);
	return (uint32_t)l->n_codes++;
}

static void lead_mark(struct leads *l, time_t at, const char *code)
{
	if (l->n_marks == l->marks_alloc) {
		l->marks_alloc = l->marks_alloc ? 2 * l->marks_alloc : 1024;
		l->marks =
		    xrealloc(l->marks, l->marks_alloc * sizeof(*l->marks));
	}
	l->marks[l->n_marks].at = at;
	l->marks[l->n_marks++].code = lead_code(l, code);
}

/* Keeps x's leads: the assignments of its log, else the lead now from
 * when it was assigned (as report_history_lead reads them). */
static void leads_keep(struct leads *l, const struct item *x)
{
	struct lead_span *sp;

	if (l->n_spans == l->spans_alloc) {
		l->spans_alloc = l->spans_alloc ? 2 * l->spans_alloc : 1024;
		l->spans =
		    xrealloc(l->spans, l->spans_alloc * sizeof(*l->spans));
	}
	sp = &l->spans[l->n_spans++];
	sp->item_id = x->id;
	sp->first = (uint32_t)l->n_marks;
	for (size_t i = 0; i < x->h.n_leads; i++) {
		lead_mark(l, x->h.leads[i].at, x->h.leads[i].code);
	}
	if (x->h.n_leads == 0 && x->lead) {
		lead_mark(l, x->assigned_at, x->lead);
	}
	sp->n = (uint32_t)l->n_marks - sp->first;
}

static const struct lead_span *leads_find(const struct leads *l, int64_t id)
{
	size_t lo = 0, hi = l->n_spans;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->spans[mid].item_id == id) {
			return &l->spans[mid];
		}
		if (l->spans[mid].item_id < id) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return NULL;
}

/* The last change at or before t, in the log's order. */
static const char *leads_at(const struct leads *l, const struct lead_span *sp,
			    time_t t)
{
	const char *code = NULL;

	for (uint32_t i = sp->first; i < sp->first + sp->n; i++) {
		if (l->marks[i].at <= t) {
			code = l->codes[l->marks[i].code];
		}
	}
	return code;
}

static void leads_release(struct leads *l)
{
	for (size_t i = 0; i < l->n_codes; i++) {
		free(l->codes[i]);
	}
	free(l->codes);
	free(l->spans);
	free(l->marks);
	memset(l, 0, sizeof(*l));
}

/* Counts the item read so far, keeps its leads and lets it go. */
static void item_done(struct calc *c)
{
	struct item *x = &c->cur;

	if (!x->id) {
		return;
	}
	count_received(c, x);
	count_delegated(c, x);
	count_closed(c, x);
	count_open(c, x);
	count_transfers(c, x);
	leads_keep(&c->leads, x);
	item_release(x);
}

static int item_cb(const struct store_report_item *it, void *ctx)
{
	struct calc *c = ctx;
	struct item *x = &c->cur;

	item_done(c);
	x->id = it->id;
	x->status = it->status;
	x->lead = it->lead ? xstrdup(it->lead) : NULL;
	x->handler = it->handler ? xstrdup(it->handler) : NULL;
	x->handler_name = it->handler_name ? xstrdup(it->handler_name) : NULL;
	x->due_day = it->due_day;
	x->assigned_at = it->assigned_at;
	x->closed_at = it->closed_at;
	x->late_days = it->late_days;
	return 0;
}

static int event_cb(const struct store_event *ev, void *ctx)
{
	struct calc *c = ctx;

	report_history_add(&c->cur.h, ev);
	return 0;
}

static int items_count(struct calc *c)
{
	if (store_report_histories(c->st, c->from, c->end, item_cb, event_cb, c,
				   &c->error) < 0) {
		item_release(&c->cur);
		return -1;
	}
	item_done(c);
	return 0;
}

/* The lead of item_id at t, into buf: from the period's items, else from
 * the item as it is now (it was not worked on in the period). */
static const char *lead_of(struct calc *c, int64_t item_id, time_t t,
			   char buf[32])
{
	const struct lead_span *sp = leads_find(&c->leads, item_id);
	struct store_case sc;

	if (sp) {
		return leads_at(&c->leads, sp, t);
	}
	if (store_case_get(c->st, item_id, &sc, &c->error) != 1) {
		return NULL;
	}
	snprintf(buf, 32, "%s", sc.lead ? sc.lead : "");
	store_case_release(&sc);
	return buf[0] ? buf : NULL;
}

/* --- consultations, extensions, reminders ------------------------------- */

/* A consultation by its last answer.  Deemed agreement stays counted
 * when a late answer came after it: the silence happened. */
static int consult_cb(const struct store_report_consult *k, void *ctx)
{
	struct calc *c = ctx;
	struct report_figures *f = unit(c, k->unit);
	/* an answer (agree, disagree, or one without a clear position,
	 * kept when the silence after it was deemed agreement) given in the
	 * period, and the deeming, each in its own period */
	bool answered = k->answered_by && in_period(c, k->answered_at);
	/* deemed before schema 9: answered_at is the moment */
	bool deemed = k->deemed && in_period(c, k->deemed_at ? k->deemed_at
							     : k->answered_at);

	if (deemed) {
		f->deemed++;
	}
	if (!in_period(c, k->answered_at)) {
		return 0; /* only deemed in the period */
	}
	if (answered) {
		if (k->late) {
			f->consult_late++;
		} else {
			f->consult_on_time++;
		}
		f->disagree += !strcmp(k->state, "disagree");
	}
	f->unclear += !strcmp(k->state, "unclear") || k->asked_clear;
	if (answered && k->answered_by) {
		struct report_person *p = person(c, k->answered_by, NULL);

		p->opinions++;
		p->opinions_late += k->late;
	}
	return 0;
}

static int extension_cb(const struct store_report_extension *e, void *ctx)
{
	struct calc *c = ctx;
	char buf[32];
	const char *lead = lead_of(c, e->item_id, e->asked_at, buf);

	if (c->error) {
		return 1;
	}
	if (!lead) {
		return 0;
	}
	if (in_period(c, e->asked_at)) {
		unit(c, lead)->ext_requested++;
	}
	if (e->state && !strcmp(e->state, "granted") &&
	    in_period(c, e->decided_at)) {
		unit(c, lead)->ext_granted++;
	}
	return 0;
}

static int mail_cb(const struct store_report_mail *m, void *ctx)
{
	struct calc *c = ctx;
	char buf[32], *copy, *next;
	const char *lead = lead_of(c, m->item_id, m->created_at, buf);

	if (c->error) {
		return 1;
	}
	if (lead) {
		unit(c, lead)->reminders++;
	}
	copy = xstrdup(m->rcpt ? m->rcpt : "");
	for (char *a = copy; a && *a; a = next) {
		struct report_person *p;

		next = strchr(a, '\n');
		if (next) {
			*next++ = '\0';
		}
		p = *a ? reminded_person(c, a) : NULL;
		if (p) {
			p->reminders++;
		}
	}
	free(copy);
	return 0;
}

/* --- ranking ---------------------------------------------------------- */

/* On-time rates compared exactly: a->done_on_time / a->rated against
 * b's.  Negative when a is better. */
static int rate_cmp(const struct report_unit *a, const struct report_unit *b)
{
	long long x, y;

	if (!a->rated || !b->rated) {
		return (a->rated == 0) - (b->rated == 0);
	}
	x = (long long)a->f.done_on_time * b->rated;
	y = (long long)b->f.done_on_time * a->rated;
	return (x < y) - (x > y);
}

static int unit_cmp(const void *pa, const void *pb)
{
	const struct report_unit *a = pa, *b = pb;
	int d = rate_cmp(a, b);

	if (d) {
		return d;
	}
	if (a->rated != b->rated) {
		return a->rated > b->rated ? -1 : 1;
	}
	return a->rank < b->rank ? -1 : (a->rank > b->rank); /* file order */
}

static void figures_add(struct report_figures *t,
			const struct report_figures *f)
{
	t->received += f->received;
	t->done_on_time += f->done_on_time;
	t->done_late += f->done_late;
	t->open_in_time += f->open_in_time;
	t->open_overdue += f->open_overdue;
	t->returned += f->returned;
	t->transferred += f->transferred;
	t->ext_requested += f->ext_requested;
	t->ext_granted += f->ext_granted;
	t->consult_on_time += f->consult_on_time;
	t->consult_late += f->consult_late;
	t->deemed += f->deemed;
	t->disagree += f->disagree;
	t->unclear += f->unclear;
	t->reminders += f->reminders;
}

static void rate(struct report_unit *u)
{
	u->rated = u->f.done_on_time + u->f.done_late + u->f.open_overdue;
	u->rate_permille =
	    u->rated ? (u->f.done_on_time * 1000 + u->rated / 2) / u->rated
		     : -1;
}

static void rank(struct report *r)
{
	for (size_t i = 0; i < r->n_units; i++) {
		rate(&r->units[i]);
		r->units[i].rank = (int)i; /* the order to keep on ties */
		figures_add(&r->total.f, &r->units[i].f);
	}
	rate(&r->total);
	if (r->n_units > 1) {
		qsort(r->units, r->n_units, sizeof(*r->units), unit_cmp);
	}
	for (size_t i = 0; i < r->n_units; i++) {
		struct report_unit *u = &r->units[i];

		if (!u->rated) {
			u->rank = 0;
		} else if (i > 0 && rate_cmp(&r->units[i - 1], u) == 0) {
			u->rank = r->units[i - 1].rank;
		} else {
			u->rank = (int)i + 1;
		}
	}
}

/* People by their unit in directory order (leaders and strangers last),
 * then by address. */
static size_t unit_index(const struct config *cfg, const char *code)
{
	for (size_t i = 0; code && i < cfg->n_units; i++) {
		if (str_iequal(cfg->units[i].code, code)) {
			return i;
		}
	}
	return SIZE_MAX;
}

static int person_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct report_person *a = pa, *b = pb;
	size_t x = unit_index(ctx, a->unit), y = unit_index(ctx, b->unit);

	if (x != y) {
		return x < y ? -1 : 1;
	}
	return strcmp(a->address, b->address);
}

/* --- the report ---------------------------------------------------------- */

static void setup(struct calc *c, const struct report_period *p, time_t now)
{
	struct report *r = c->r;

	r->period = *p;
	r->organization = xstrdup(
	    c->cfg->service.organization ? c->cfg->service.organization : "");
	c->from = workday_day_start(p->from_day);
	c->end = workday_day_start(p->to_day + 1);
	r->partial = now < c->end;
	c->last = r->partial ? now : c->end - 1;
	c->end = c->last + 1; /* nothing after now counts */
	r->as_of_day = r->partial ? workday_day_of(now) : p->to_day;
	r->total.code = xstrdup("");
	r->total.name = xstrdup("");
	for (size_t i = 0; i < c->cfg->n_units; i++) {
		const struct config_unit *cu = &c->cfg->units[i];

		unit_add(c, cu->code, cu->name);
		*key_map_put(&c->unit_rows, cu->code) = r->n_units;
	}
}

static void calc_release(struct calc *c)
{
	key_map_release(&c->unit_rows);
	key_map_release(&c->person_rows);
	key_map_release(&c->reminded);
	leads_release(&c->leads);
}

int report_compute(struct store *st, const struct config *cfg,
		   const struct report_period *p, time_t now,
		   struct report *r_r, char **error_r)
{
	struct calc c = {.st = st, .cfg = cfg, .r = r_r};

	memset(r_r, 0, sizeof(*r_r));
	setup(&c, p, now);
	if (items_count(&c) < 0 ||
	    store_report_consults(st, c.from, c.end, consult_cb, &c, &c.error) <
		0 ||
	    store_report_extensions(st, c.from, c.end, extension_cb, &c,
				    &c.error) < 0 ||
	    c.error ||
	    store_report_mails(st, c.from, c.end, REMINDER_KINDS, mail_cb, &c,
			       &c.error) < 0 ||
	    c.error) {
		*error_r = c.error;
		calc_release(&c);
		report_release(r_r);
		return -1;
	}
	calc_release(&c);
	rank(r_r);
	if (r_r->n_persons > 1) {
		qsort_r(r_r->persons, r_r->n_persons, sizeof(*r_r->persons),
			person_cmp, (void *)cfg);
	}
	return 0;
}

void report_release(struct report *r)
{
	if (!r) {
		return;
	}
	for (size_t i = 0; i < r->n_units; i++) {
		free(r->units[i].code);
		free(r->units[i].name);
	}
	free(r->units);
	for (size_t i = 0; i < r->n_persons; i++) {
		free(r->persons[i].address);
		free(r->persons[i].name);
		free(r->persons[i].unit);
	}
	free(r->persons);
	free(r->total.code);
	free(r->total.name);
	free(r->organization);
	memset(r, 0, sizeof(*r));
}
