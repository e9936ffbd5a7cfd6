/* Reading the header block of an incoming message with libetpan's IMF
 * parser.
 *
 * The block is cleaned before libetpan sees it, because libetpan 1.9.4
 * stops at the first line that is not a field (an mbox "From " line,
 * garbage), truncates values at NUL bytes and parses nested comments
 * recursively: a few hundred thousand '(' overflow the stack.  So lines
 * that are neither fields nor continuations are dropped, control bytes
 * become spaces, lines end in CRLF and comment nesting is capped.  Its
 * Return-Path parser leaks on a missing '>', so that field is read here. */
#include <stdlib.h>
#include <string.h>

#include <libetpan/libetpan.h>

#include "private.h"

#define COMMENT_DEPTH_MAX 16
#define REFERENCES_MAX    128

/* Fields already taken: the first occurrence of each wins. */
enum seen {
	SEEN_MESSAGE_ID = 1 << 0,
	SEEN_IN_REPLY_TO = 1 << 1,
	SEEN_REFERENCES = 1 << 2,
	SEEN_SUBJECT = 1 << 3,
	SEEN_FROM = 1 << 4,
	SEEN_DATE = 1 << 5,
};

struct parse {
	struct message_info *info;
	struct message_facts facts;
	unsigned seen;
	size_t nrefs;
};

struct norm {
	struct sbuf out;         /* the cleaned block for libetpan */
	struct sbuf return_path; /* the first Return-Path field */
	struct sbuf *to; /* where the current field goes; NULL: dropped */
	bool in_field;
	int depth;
};

/* Length of the header block: up to the first empty line, and never more
 * than MESSAGE_HEADER_MAX bytes. */
static size_t header_block_len(const char *raw, size_t len)
{
	size_t max = len < MESSAGE_HEADER_MAX ? len : MESSAGE_HEADER_MAX;
	size_t i = 0;

	while (i < max) {
		const char *nl;

		if (raw[i] == '\n' ||
		    (raw[i] == '\r' && i + 1 < max && raw[i + 1] == '\n')) {
			return i;
		}
		nl = memchr(raw + i, '\n', max - i);
		if (!nl) {
			break;
		}
		i = (size_t)(nl - raw) + 1;
	}
	return max;
}

/* "Name:" or "Name :" with a name of printable ASCII. */
static bool is_field_start(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] > ' ' && s[i] < 0x7f && s[i] != ':') {
		i++;
	}
	if (i == 0) {
		return false;
	}
	while (i < len && (s[i] == ' ' || s[i] == '\t')) {
		i++;
	}
	return i < len && s[i] == ':';
}

/* Return-Path is kept from libetpan, whose path parser (1.9.4) leaks the
 * address when the closing '>' is missing; the first one is read here. */
static struct sbuf *field_dest(struct norm *n, const char *s, size_t len)
{
	static const char rp[] = "return-path";
	size_t name = strcspn(s, " \t:");

	if (name > len || name != sizeof(rp) - 1 || !str_istartswith(s, rp)) {
		return &n->out;
	}
	return n->return_path.len == 0 ? &n->return_path : NULL;
}

static void norm_line(struct norm *n, const char *s, size_t len)
{
	if (len > 0 && s[len - 1] == '\r') {
		len--;
	}
	if (len == 0 || (s[0] != ' ' && s[0] != '\t')) {
		n->in_field = is_field_start(s, len);
		n->to = n->in_field ? field_dest(n, s, len) : NULL;
		n->depth = 0;
	}
	if (!n->in_field || !n->to) {
		return;
	}
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if ((unsigned char)c < 0x20 && c != '\t') {
			c = ' ';
		} else if (c == '(' && n->depth >= COMMENT_DEPTH_MAX) {
			c = ' ';
		} else if (c == '(') {
			n->depth++;
		} else if (c == ')' && n->depth > 0) {
			n->depth--;
		}
		sbuf_addch(n->to, c);
	}
	sbuf_add(n->to, "\r\n", 2);
}

/* The cleaned header block: only fields and their continuations, each
 * line ending in CRLF; Return-Path set apart. */
static void normalize(const char *raw, size_t len, struct norm *n)
{
	size_t i = 0;

	sbuf_init(&n->out, 2 * len + 16);
	sbuf_init(&n->return_path, 2 * len + 16);
	while (i < len) {
		const char *nl = memchr(raw + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - raw) : len;

		norm_line(n, raw + i, end - i);
		i = end + 1;
	}
}

/* s as valid UTF-8 with controls flattened, trimmed; NULL when empty. */
static char *clean_text(const char *s, size_t len)
{
	struct sbuf sb = SBUF_INIT(4 * len + 16);
	char *r;

	text_utf8_append(&sb, s, len, true);
	r = str_trim(sbuf_detach(&sb));
	if (!*r) {
		FREE_AND_NULL(r);
	}
	return r;
}

/* A message id without angle brackets; NULL when empty. */
static char *clean_id(const char *s, size_t len)
{
	while (len > 0 && (*s == '<' || *s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 &&
	       (s[len - 1] == '>' || s[len - 1] == ' ' || s[len - 1] == '\t')) {
		len--;
	}
	return clean_text(s, len);
}

static char *clean_addr(const char *s, size_t len)
{
	char *r = clean_id(s, len);

	for (char *p = r; p && *p; p++) {
		if (*p >= 'A' && *p <= 'Z') {
			*p = (char)(*p - 'A' + 'a');
		}
	}
	return r;
}

static bool take_once(struct parse *ps, enum seen bit)
{
	if (ps->seen & bit) {
		return false;
	}
	ps->seen |= bit;
	return true;
}

/* Keeps the first reference and the last REFERENCES_MAX - 1. */
static void add_reference(struct parse *ps, char *id)
{
	struct message_info *info = ps->info;

	if (ps->nrefs == REFERENCES_MAX) {
		free(info->references[1]);
		memmove(info->references + 1, info->references + 2,
			(REFERENCES_MAX - 2) * sizeof(char *));
		ps->nrefs--;
	}
	info->references =
	    xrealloc(info->references, (ps->nrefs + 2) * sizeof(char *));
	info->references[ps->nrefs++] = id;
	info->references[ps->nrefs] = NULL;
}

static void take_id(struct parse *ps, const char *s, size_t len,
		    bool references)
{
	char *id = clean_id(s, len);

	if (!id) {
		return;
	}
	if (references) {
		add_reference(ps, id);
	} else if (!ps->info->in_reply_to) {
		ps->info->in_reply_to = id;
	} else {
		free(id);
	}
}

static void take_ids(struct parse *ps, clist *ids, bool references)
{
	for (clistiter *it = clist_begin(ids); it; it = clist_next(it)) {
		const char *v = clist_content(it);

		if (v) {
			take_id(ps, v, strlen(v), references);
		}
	}
}

/* Fallback for id fields libetpan could not parse: every "<...>", or the
 * whole value when it is one word. */
static void take_raw_ids(struct parse *ps, const char *v, bool references)
{
	const char *p = v;
	const char *lt;
	bool any = false;

	for (lt = strchr(p, '<'); lt; lt = strchr(p, '<')) {
		const char *gt = strchr(lt + 1, '>');

		if (!gt) {
			break;
		}
		take_id(ps, lt + 1, (size_t)(gt - lt - 1), references);
		any = true;
		p = gt + 1;
	}
	if (!any) {
		size_t n;

		p = v + strspn(v, " \t\r\n");
		n = strcspn(p, " \t\r\n");
		if (p[n + strspn(p + n, " \t\r\n")] == '\0') {
			take_id(ps, p, n, references);
		}
	}
}

/* Fallback for a Message-ID libetpan could not parse: the first "<...>",
 * else the whole value. */
static char *raw_id(const char *v)
{
	const char *lt = strchr(v, '<');
	const char *gt = lt ? strchr(lt, '>') : NULL;

	if (gt) {
		return clean_id(lt + 1, (size_t)(gt - lt - 1));
	}
	return clean_id(v, strlen(v));
}

/* A decoded display name, NULL when empty.  libetpan keeps the quotes
 * around a quoted string holding "=?" (sometimes only the opening one);
 * the encoded words inside are decoded anyway, as mail clients do. */
static char *display_name(const char *s, size_t len)
{
	char *r;

	while (len > 0 && (*s == ' ' || *s == '"')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '"')) {
		len--;
	}
	r = message_decode_header(s, len);
	if (!*r) {
		FREE_AND_NULL(r);
	}
	return r;
}

static void take_from(struct parse *ps, struct mailimf_mailbox_list *list)
{
	struct mailimf_mailbox *mb;
	struct message_info *info = ps->info;

	if (!list || clist_isempty(list->mb_list)) {
		return;
	}
	mb = clist_content(clist_begin(list->mb_list));
	if (mb->mb_display_name) {
		info->from_name = display_name(mb->mb_display_name,
					       strlen(mb->mb_display_name));
	}
	if (mb->mb_addr_spec) {
		/* libetpan reads "Foo <a@b" as the address "Foo<a@b". */
		const char *addr = strrchr(mb->mb_addr_spec, '<');

		addr = addr ? addr + 1 : mb->mb_addr_spec;
		info->from_addr = clean_addr(addr, strlen(addr));
	}
}

#define RECIPIENTS_MAX 64

static void add_recipient(struct message_info *info, const char *a, size_t n)
{
	size_t k = 0;
	char *addr;

	while (info->recipients[k]) {
		k++;
	}
	if (k >= RECIPIENTS_MAX || n == 0 || !memchr(a, '@', n)) {
		return;
	}
	addr = clean_addr(a, n);
	if (!addr) {
		return;
	}
	info->recipients = xrealloc(info->recipients, (k + 2) * sizeof(char *));
	info->recipients[k] = addr;
	info->recipients[k + 1] = NULL;
}

static void take_mailbox(struct message_info *info, struct mailimf_mailbox *mb)
{
	const char *addr;

	if (mb && mb->mb_addr_spec) {
		addr = strrchr(mb->mb_addr_spec, '<');
		addr = addr ? addr + 1 : mb->mb_addr_spec;
		add_recipient(info, addr, strlen(addr));
	}
}

/* The addresses of a To or Cc field, groups included. */
static void take_addresses(struct message_info *info,
			   struct mailimf_address_list *list)
{
	if (!list) {
		return;
	}
	for (clistiter *it = clist_begin(list->ad_list); it;
	     it = clist_next(it)) {
		struct mailimf_address *a = clist_content(it);

		if (a->ad_type == MAILIMF_ADDRESS_MAILBOX) {
			take_mailbox(info, a->ad_data.ad_mailbox);
		} else if (a->ad_data.ad_group &&
			   a->ad_data.ad_group->grp_mb_list) {
			clist *l = a->ad_data.ad_group->grp_mb_list->mb_list;

			for (clistiter *g = clist_begin(l); g;
			     g = clist_next(g)) {
				take_mailbox(info, clist_content(g));
			}
		}
	}
}

/* The words with an '@' of a recipient field libetpan could not read
 * (or Delivered-To, X-Original-To). */
static void take_raw_addresses(struct message_info *info, const char *v)
{
	size_t n;

	for (const char *p = v; *p; p += n ? n : 1) {
		n = strcspn(p, " \t\r\n,;:\"()<>");
		add_recipient(info, p, n);
	}
}

/* Fallback for a From libetpan could not parse: "name <addr>", else the
 * first word with an '@'. */
static void take_raw_from(struct parse *ps, const char *v)
{
	const char *lt = strrchr(v, '<');
	const char *gt = lt ? strchr(lt, '>') : NULL;
	size_t n;

	if (lt && gt) {
		ps->info->from_addr = clean_addr(lt + 1, (size_t)(gt - lt - 1));
		ps->info->from_name = display_name(v, (size_t)(lt - v));
		return;
	}
	for (const char *p = v; *p; p += n ? n : 1) {
		n = strcspn(p, " \t\r\n,;:\"()<>");
		if (memchr(p, '@', n)) {
			ps->info->from_addr = clean_addr(p, n);
			return;
		}
	}
}

/* "Return-Path: <addr>" (the form MTAs write); "" for "<>", NULL when
 * there is nothing to read. */
static void take_return_path(struct parse *ps, const struct sbuf *field)
{
	const char *v = memchr(field->buf, ':', field->len);
	const char *lt;
	char *r;

	v += 1 + strspn(v + 1, " \t\r\n");
	lt = strchr(v, '<');
	if (lt) {
		v = lt + 1;
	}
	r = clean_addr(v, strcspn(v, "> \t\r\n("));
	if (!r && lt) {
		r = xstrdup("");
	}
	ps->info->return_path = r;
}

static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era;
	int64_t yoe;
	int64_t doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* Seconds since the epoch, or 0 when a part is out of range. */
static time_t date_to_time(const struct mailimf_date_time *d)
{
	int year = d->dt_year;
	int zone = d->dt_zone < 0 ? -d->dt_zone : d->dt_zone;
	int64_t t;

	if (year >= 0 && year < 50) {
		year += 2000;
	} else if (year >= 50 && year < 1000) {
		year += 1900;
	}
	if (year < 1970 || year > 9999 || d->dt_month < 1 || d->dt_month > 12 ||
	    d->dt_day < 1 || d->dt_day > 31 || d->dt_hour < 0 ||
	    d->dt_hour > 23 || d->dt_min < 0 || d->dt_min > 59 ||
	    d->dt_sec < 0 || d->dt_sec > 60 || zone > 2359 || zone % 100 > 59) {
		return 0;
	}
	t = days_from_civil(year, d->dt_month, d->dt_day) * 86400 +
	    d->dt_hour * 3600 + d->dt_min * 60 + d->dt_sec;
	t -= (d->dt_zone < 0 ? -1 : 1) *
	     ((zone / 100) * 3600 + (zone % 100) * 60);
	return t > 0 ? (time_t)t : 0;
}

static void set_fact(char **slot, const char *v)
{
	if (!*slot) {
		*slot = xstrdup(v);
		str_trim(*slot);
	}
}

/* Keeps an Authentication-Results value as it came, unfolded. */
static void take_auth_results(struct message_info *info, const char *v)
{
	size_t n = 0;
	char *copy;

	while (info->auth_results[n]) {
		n++;
	}
	if (n >= MESSAGE_AUTH_RESULTS_MAX) {
		return;
	}
	copy = xstrndup(v, strnlen(v, 4096));
	for (char *p = copy; *p; p++) {
		*p = (*p == '\r' || *p == '\n') ? ' ' : *p;
	}
	info->auth_results =
	    xrealloc(info->auth_results, (n + 2) * sizeof(*info->auth_results));
	info->auth_results[n] = copy;
	info->auth_results[n + 1] = NULL;
}

static void take_optional_fact(struct parse *ps, const char *name,
			       const char *v)
{
	struct message_facts *f = &ps->facts;

	if (str_iequal(name, "Auto-Submitted")) {
		set_fact(&f->auto_submitted, v);
	} else if (str_iequal(name, "Precedence")) {
		set_fact(&f->precedence, v);
	} else if (str_iequal(name, "Content-Type")) {
		set_fact(&f->content_type, v);
	} else if (str_iequal(name, "X-Autoreply")) {
		f->x_autoreply = true;
	} else if (str_iequal(name, "X-Autorespond")) {
		f->x_autorespond = true;
	} else if (str_iequal(name, "X-Congvan-Item")) {
		f->x_congvan_item = true;
	} else if (str_iequal(name, "Authentication-Results")) {
		take_auth_results(ps->info, v);
	}
}

/* A field libetpan did not recognise, or could not parse. */
static void take_optional(struct parse *ps, const char *name, const char *v)
{
	struct message_info *info = ps->info;
	bool empty = v[strspn(v, " \t\r\n")] == '\0';

	if (str_iequal(name, "Message-ID") && take_once(ps, SEEN_MESSAGE_ID)) {
		info->message_id = raw_id(v);
	} else if (str_iequal(name, "In-Reply-To") && !empty &&
		   take_once(ps, SEEN_IN_REPLY_TO)) {
		ps->facts.has_in_reply_to = true;
		take_raw_ids(ps, v, false);
	} else if (str_iequal(name, "References") && !empty &&
		   take_once(ps, SEEN_REFERENCES)) {
		ps->facts.has_references = true;
		take_raw_ids(ps, v, true);
	} else if (str_iequal(name, "From") && take_once(ps, SEEN_FROM)) {
		take_raw_from(ps, v);
	} else if (str_iequal(name, "To") || str_iequal(name, "Cc") ||
		   str_iequal(name, "Delivered-To") ||
		   str_iequal(name, "X-Original-To")) {
		take_raw_addresses(info, v);
	} else if (str_iequal(name, "Subject") && take_once(ps, SEEN_SUBJECT)) {
		info->subject = message_decode_header(v, strlen(v));
	} else if (str_iequal(name, "Date")) {
		ps->seen |= SEEN_DATE; /* unreadable: date stays 0 */
	} else {
		take_optional_fact(ps, name, v);
	}
}

static void take_id_list(struct parse *ps, clist *ids, bool references)
{
	enum seen bit = references ? SEEN_REFERENCES : SEEN_IN_REPLY_TO;

	if (!ids || clist_isempty(ids) || !take_once(ps, bit)) {
		return;
	}
	if (references) {
		ps->facts.has_references = true;
	} else {
		ps->facts.has_in_reply_to = true;
	}
	take_ids(ps, ids, references);
}

static void take_field(struct parse *ps, struct mailimf_field *f)
{
	struct message_info *info = ps->info;
	const char *v;

	switch (f->fld_type) {
	case MAILIMF_FIELD_MESSAGE_ID:
		v = f->fld_data.fld_message_id->mid_value;
		if (take_once(ps, SEEN_MESSAGE_ID) && v) {
			info->message_id = clean_id(v, strlen(v));
		}
		break;
	case MAILIMF_FIELD_IN_REPLY_TO:
		take_id_list(ps, f->fld_data.fld_in_reply_to->mid_list, false);
		break;
	case MAILIMF_FIELD_REFERENCES:
		take_id_list(ps, f->fld_data.fld_references->mid_list, true);
		break;
	case MAILIMF_FIELD_SUBJECT:
		v = f->fld_data.fld_subject->sbj_value;
		if (take_once(ps, SEEN_SUBJECT) && v) {
			info->subject = message_decode_header(v, strlen(v));
		}
		break;
	case MAILIMF_FIELD_FROM:
		if (take_once(ps, SEEN_FROM)) {
			take_from(ps, f->fld_data.fld_from->frm_mb_list);
		}
		break;
	case MAILIMF_FIELD_TO:
		take_addresses(info, f->fld_data.fld_to->to_addr_list);
		break;
	case MAILIMF_FIELD_CC:
		take_addresses(info, f->fld_data.fld_cc->cc_addr_list);
		break;
	case MAILIMF_FIELD_ORIG_DATE:
		if (take_once(ps, SEEN_DATE)) {
			info->date = date_to_time(
			    f->fld_data.fld_orig_date->dt_date_time);
		}
		break;
	case MAILIMF_FIELD_OPTIONAL_FIELD:
		take_optional(ps, f->fld_data.fld_optional_field->fld_name,
			      f->fld_data.fld_optional_field->fld_value);
		break;
	default:
		break;
	}
}

/* Start of the field after the one at i. */
static size_t next_field(const char *buf, size_t len, size_t i)
{
	while (i + 1 < len) {
		const char *crlf = memmem(buf + i, len - i, "\r\n", 2);

		if (!crlf) {
			break;
		}
		i = (size_t)(crlf - buf) + 2;
		if (i < len && buf[i] != ' ' && buf[i] != '\t') {
			return i;
		}
	}
	return len;
}

/* libetpan stops at a field it cannot read; skip it and go on. */
static void parse_fields(struct parse *ps, const char *buf, size_t len)
{
	size_t idx = 0;

	while (idx < len) {
		struct mailimf_fields *fields = NULL;
		size_t start = idx;

		if (mailimf_fields_parse(buf, len, &idx, &fields) ==
		    MAILIMF_NO_ERROR) {
			for (clistiter *it = clist_begin(fields->fld_list); it;
			     it = clist_next(it)) {
				take_field(ps, clist_content(it));
			}
			mailimf_fields_free(fields);
		}
		if (idx < start) {
			idx = start;
		}
		if (idx < len) {
			idx = next_field(buf, len, idx);
		}
	}
}

void message_info_parse(const char *raw, size_t len,
			const struct message_classify_opts *opts,
			struct message_info *info_r)
{
	struct parse ps;
	struct norm n;

	memset(info_r, 0, sizeof(*info_r));
	memset(&ps, 0, sizeof(ps));
	memset(&n, 0, sizeof(n));
	ps.info = info_r;
	info_r->references = xcalloc(1, sizeof(char *));
	info_r->recipients = xcalloc(1, sizeof(char *));
	info_r->auth_results = xcalloc(1, sizeof(char *));
	if (raw && len > 0) {
		normalize(raw, header_block_len(raw, len), &n);
		parse_fields(&ps, sbuf_str(&n.out), n.out.len);
	}
	if (n.return_path.len > 0) {
		take_return_path(&ps, &n.return_path);
	}
	message_classify(info_r, &ps.facts, opts);
	message_facts_free(&ps.facts);
	sbuf_release(&n.out);
	sbuf_release(&n.return_path);
}

void message_facts_free(struct message_facts *facts)
{
	FREE_AND_NULL(facts->auto_submitted);
	FREE_AND_NULL(facts->precedence);
	FREE_AND_NULL(facts->content_type);
}

void message_info_free(struct message_info *info)
{
	if (!info) {
		return;
	}
	free(info->message_id);
	free(info->in_reply_to);
	for (char **p = info->references; p && *p; p++) {
		free(*p);
	}
	free(info->references);
	for (char **p = info->recipients; p && *p; p++) {
		free(*p);
	}
	free(info->recipients);
	for (char **p = info->auth_results; p && *p; p++) {
		free(*p);
	}
	free(info->auth_results);
	free(info->subject);
	free(info->from_name);
	free(info->from_addr);
	free(info->return_path);
	memset(info, 0, sizeof(*info));
}

const char *message_kind_name(enum message_kind kind)
{
	switch (kind) {
	case MESSAGE_LETTER:
		return "letter";
	case MESSAGE_REPLY:
		return "reply";
	case MESSAGE_AUTO:
		return "auto";
	case MESSAGE_BOUNCE:
		return "bounce";
	}
	return "letter";
}
