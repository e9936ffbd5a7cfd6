/* Looking at items: list (with filters), show (metadata, parties,
 * deadlines, consultations, timeline) and audit (the event log as CSV). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "congvan/clock.h"
#include "congvan/json.h"
#include "congvan/log.h"
#include "congvan/store.h"
#include "congvan/util.h"
#include "congvan/workday.h"
#include "congvan/service.h"
#include "congvan/workflow.h"
#include "private.h"

static void day_iso(int32_t day, char buf[11])
{
	if (day <= 0) {
		snprintf(buf, 11, "-");
		return;
	}
	workday_format(day, buf);
}

static int32_t today(const struct runtime *rt)
{
	return workday_day_of(runtime_now(rt));
}

/* --- list --------------------------------------------------------------------
 */

static int list_one(const struct store_list_row *r, void *data)
{
	char when[32], due[11];

	(void)data;
	clock_format_iso(r->registered_at, when);
	day_iso(r->due_day, due);
	printf("%s\t%.10s\t%s\t%s\t%s\t%s\t%s\n", r->key, when,
	       event_item_status_name(r->status), r->lead ? r->lead : "-", due,
	       r->sender ? r->sender : "", r->subject ? r->subject : "");
	return 0;
}

/* --status names a status, --unit a unit of the directory: a filter that
 * can match nothing is a mistake, not an empty list.  0 or EX_USAGE. */
static int check_filters(const struct cli *cli, const struct config *cfg)
{
	enum item_status st;

	if (cli->status && event_item_status_parse(cli->status, &st) < 0) {
		fprintf(stderr, "congvan: --status '%s': expected one of %s\n",
			cli->status, event_item_status_list());
		return EX_USAGE;
	}
	if (cli->unit && !config_unit_find(cfg, cli->unit)) {
		fprintf(stderr, "congvan: --unit '%s': no such unit in '%s'\n",
			cli->unit, cfg->path);
		return EX_USAGE;
	}
	return 0;
}

int cmd_list(const struct cli *cli)
{
	struct service svc;
	struct store_list_filter f = {cli->unit, cli->status, 0};
	char *err = NULL;
	int ret = cli_open(cli, &svc, SERVICE_READ);

	if (ret == 0) {
		ret = check_filters(cli, &svc.cfg);
	}
	if (ret == 0) {
		f.overdue_before = cli->overdue ? today(&svc.rt) : 0;
		if (store_case_list(svc.rt.st, &f, list_one, NULL, &err) < 0) {
			log_warnx("%s", err);
			ret = EX_IOERR;
		}
	}
	free(err);
	service_close(&svc);
	return ret;
}

/* --- show --------------------------------------------------------------------
 */

static void field(const char *label, const char *value)
{
	if (value && *value) {
		printf("%-14s%s\n", label, value);
	}
}

/* "number, date, signer (confidence 84 %)": the fields read by OCR. */
static void show_ocr(const struct store_letter_row *l)
{
	struct sbuf sb = SBUF_INIT(1024);

	if (!l->ocr_fields || !*l->ocr_fields) {
		return;
	}
	for (const char *p = l->ocr_fields; *p; p++) {
		if (*p == ' ') {
			sbuf_adds(&sb, ", ");
		} else {
			sbuf_addch(&sb, *p);
		}
	}
	if (l->ocr_confidence >= 0) {
		sbuf_addf(&sb, " (confidence %d %%)", l->ocr_confidence);
	}
	field("read by OCR:", sbuf_str(&sb));
	sbuf_release(&sb);
}

/* How an attachment was read, in words. */
static void reading_text(const struct store_attachment_row *a, char *buf,
			 size_t size)
{
	const char *r = a->reading;

	if (!r) {
		snprintf(buf, size, "-");
	} else if (!strcmp(r, "text")) {
		snprintf(buf, size, "read (text layer)%s%s",
			 a->note ? "; " : "", a->note ? a->note : "");
	} else if (!strcmp(r, "ocr")) {
		snprintf(buf, size, "read by OCR (confidence %d %%)%s%s",
			 a->ocr_confidence, a->note ? "; " : "",
			 a->note ? a->note : "");
	} else if (!strcmp(r, "time-limit")) {
		snprintf(buf, size, "not read (time limit)");
	} else {
		snprintf(buf, size, "not read: %s",
			 a->note ? a->note : "the reader failed");
	}
}

static int show_attachments(struct store *st, int64_t message_id,
			    char **error_r)
{
	struct store_attachment_row *rows;
	size_t n;

	if (store_attachments_get(st, message_id, &rows, &n, error_r) < 0) {
		return -1;
	}
	if (n) {
		printf("attachments:\n");
	}
	for (size_t i = 0; i < n; i++) {
		char how[1200];

		reading_text(&rows[i], how, sizeof(how));
		printf("  %s  %s  %lld bytes  %s\n",
		       rows[i].filename ? rows[i].filename : "(no name)",
		       rows[i].content_type ? rows[i].content_type : "",
		       (long long)rows[i].size, how);
	}
	store_attachment_rows_free(rows, n);
	return 0;
}

/* One line per digital signature, as the notices say it. */
static int show_signatures(const struct runtime *rt, int64_t item_id,
			   char **error_r)
{
	struct store_signature_row *rows;
	size_t n;

	if (store_signatures_get(rt->st, item_id, &rows, &n, error_r) < 0) {
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		char *line = workflow_signature_text(&rows[i],
						     rt->cfg->service.language);

		field("signature:", line);
		free(line);
	}
	store_signature_rows_free(rows, n);
	return 0;
}

/* The deadline the letter states: its day on the working calendar (the
 * day the lead's deadline takes when nobody sets another) and the phrase
 * that states it. */
static void letter_deadline_line(const struct runtime *rt,
				 const struct store_letter_row *l,
				 const struct store_item *item)
{
	char day[11] = "-", *line;
	int32_t d;

	if (workflow_letter_due(rt->cal, l, item->registered_at, &d) == 0) {
		workday_format(d, day);
	} else if (!l->deadline_phrase) {
		return;
	}
	line = l->deadline_phrase
		   ? xasprintf("%s, as the letter states: \"%s\"", day,
			       l->deadline_phrase)
		   : xstrdup(day);
	field("deadline:", line);
	free(line);
}

static void show_letter(const struct runtime *rt,
			const struct store_letter_row *l,
			const struct store_item *item)
{
	/* Stored as a JSON list; shown as text. */
	char *to = json_string_list_join(l->recipients, "; ");

	field("number:", l->number);
	field("issuer:", l->issuer);
	field("dated:", l->date);
	field("place:", l->place);
	field("about (V/v):", l->subject);
	field("addressed:", to ? to : l->recipients);
	free(to);
	field("signed:", l->signer);
	field("signer role:", l->signer_title);
	letter_deadline_line(rt, l, item);
	field("read from:", l->source);
	show_ocr(l);
	field("duplicate of:", l->duplicate_of);
}

static const char *unit_label(const struct config *cfg, const char *code,
			      char *buf, size_t size)
{
	const struct config_unit *u = config_unit_find(cfg, code);

	snprintf(buf, size, "%s%s%s%s", code, u ? " (" : "", u ? u->name : "",
		 u ? ")" : "");
	return buf;
}

/* letter: NULL when the item has none. */
static void show_case(const struct runtime *rt, const struct store_case *c,
		      const struct store_letter_row *letter, time_t received_at)
{
	char due[11], buf[512], when[32];
	int32_t stated;

	field("status:", event_item_status_name(c->status));
	if (c->lead) {
		field("lead:", unit_label(rt->cfg, c->lead, buf, sizeof(buf)));
	}
	for (char **p = c->coordinate; *p; p++) {
		field("coordinate:", unit_label(rt->cfg, *p, buf, sizeof(buf)));
	}
	if (c->due_day > 0) {
		day_iso(c->due_day, due);
		if (letter && letter->deadline_phrase &&
		    workflow_letter_due(rt->cal, letter, received_at,
					&stated) == 0 &&
		    stated == c->due_day) {
			snprintf(buf, sizeof(buf),
				 "%s, set by the letter: \"%s\"", due,
				 letter->deadline_phrase);
			field("due:", buf);
		} else {
			field("due:", due);
		}
	}
	field("assigned by:", c->assigned_by);
	if (c->handler) {
		day_iso(c->handler_due_day, due);
		snprintf(buf, sizeof(buf), "%s <%s>, due %s",
			 c->handler_name ? c->handler_name : "", c->handler,
			 due);
		field("handler:", buf);
	}
	if (c->closed_at) {
		clock_format_iso(c->closed_at, when);
		snprintf(buf, sizeof(buf), "%s%s", when,
			 c->late_days > 0 ? " (late)" : "");
		field("closed:", buf);
		if (c->late_days > 0) {
			snprintf(buf, sizeof(buf), "%d", c->late_days);
			field("days late:", buf);
		}
	}
}

static int print_consult(const struct store_consult *c, void *ctx)
{
	char due[11];

	(void)ctx;
	day_iso(c->due_day, due);
	printf("  %-10s %-9s due %s%s%s%s%s\n", c->unit, c->state, due,
	       c->deemed ? ", deemed agreement" : "",
	       c->late ? ", answered late" : "", c->answered_by ? ", by " : "",
	       c->answered_by ? c->answered_by : "");
	return 0;
}

static int print_event(const struct store_event *ev, void *ctx)
{
	char when[32];

	(void)ctx;
	clock_format_iso(ev->at, when);
	printf("  %s  %-18s %s%s%s\n", when, ev->kind_name,
	       ev->actor ? ev->actor : "", ev->detail ? ": " : "",
	       ev->detail ? ev->detail : "");
	return 0;
}

static int show(struct runtime *rt, const struct store_item *item,
		char **error_r)
{
	struct store_case c;
	struct store_letter_row l;
	char when[32];
	int rc, has_letter;

	has_letter = store_letter_get(rt->st, item->id, &l, error_r);
	if (has_letter < 0) {
		return -1;
	}
	clock_format_iso(item->registered_at, when);
	printf("key:          %s\n", item->key);
	printf("arrival no.:  %d/%d\n", item->arrival_no, item->year);
	printf("registered:   %s\n", when);
	printf("from:         %s\n", item->sender ? item->sender : "");
	printf("subject:      %s\n", item->subject ? item->subject : "");
	rc = store_case_get(rt->st, item->id, &c, error_r);
	if (rc == 1) {
		show_case(rt, &c, has_letter == 1 ? &l : NULL,
			  item->registered_at);
		store_case_release(&c);
	}
	if (rc >= 0 && has_letter == 1) {
		show_letter(rt, &l, item);
	}
	store_letter_row_release(&l);
	if (rc < 0 || show_signatures(rt, item->id, error_r) < 0 ||
	    show_attachments(rt->st, item->message_id, error_r) < 0) {
		return -1;
	}
	printf("consultations:\n");
	if (store_consult_foreach(rt->st, item->id, print_consult, NULL,
				  error_r) < 0) {
		return -1;
	}
	printf("timeline:\n");
	return store_event_foreach(rt->st, item->id, print_event, NULL,
				   error_r);
}

int cmd_show(const struct cli *cli)
{
	struct store_item item;
	struct service svc;
	char *err = NULL;
	int ret, rc;

	if (cli->argc != 2) {
		fprintf(stderr, "congvan: show needs one item key, e.g."
				" CV-2026-000001\n");
		return EX_USAGE;
	}
	ret = cli_open(cli, &svc, SERVICE_READ);
	if (ret == 0) {
		rc = store_item_get(svc.rt.st, cli->argv[1], &item, &err);
		if (rc == 1) {
			rc = show(&svc.rt, &item, &err) < 0 ? -1 : 1;
			store_item_release(&item);
		}
		if (rc < 0) {
			log_warnx("%s", err);
			ret = EX_IOERR;
		} else if (rc == 0) {
			fprintf(stderr, "congvan: no item '%s'\n",
				cli->argv[1]);
			ret = EX_DATAERR;
		}
	}
	free(err);
	service_close(&svc);
	return ret;
}

/* --- audit -------------------------------------------------------------------
 */

/* One CSV field (RFC 4180): quoted when it holds a comma, quote or line
 * end.  A field starting with = + - @ gets a leading quote mark so a
 * spreadsheet never runs it as a formula. */
static void csv_field(const char *s, bool last)
{
	bool quote = s && strpbrk(s, ",\"\r\n");
	bool formula = s && strchr("=+-@", s[0]) && s[0];

	if (quote || formula) {
		putchar('"');
		if (formula) {
			putchar('\'');
		}
		for (; *s; s++) {
			if (*s == '"') {
				putchar('"');
			}
			putchar(*s);
		}
		putchar('"');
	} else if (s) {
		fputs(s, stdout);
	}
	fputs(last ? "\r\n" : ",", stdout);
}

static int audit_row(const struct store_event *ev, const char *key, void *ctx)
{
	char when[32], id[24], msg[24];

	(void)ctx;
	clock_format_iso(ev->at, when);
	snprintf(id, sizeof(id), "%lld", (long long)ev->id);
	snprintf(msg, sizeof(msg), "%lld", (long long)ev->message_id);
	csv_field(id, false);
	csv_field(when, false);
	csv_field(key, false);
	csv_field(ev->kind_name, false);
	csv_field(ev->actor, false);
	csv_field(ev->detail, false);
	csv_field(ev->message_id ? msg : "", true);
	return 0;
}

int cmd_audit(const struct cli *cli)
{
	struct service svc;
	int32_t from = 0, to = WORKDAY_DAY_MAX - 1;
	char *err = NULL;
	int ret;

	if ((cli->from && cli_parse_day("--from", cli->from, &from) < 0) ||
	    (cli->to && cli_parse_day("--to", cli->to, &to) < 0)) {
		return EX_USAGE;
	}
	ret = cli_open(cli, &svc, SERVICE_READ);
	if (ret == 0) {
		ret = check_filters(cli, &svc.cfg);
	}
	if (ret == 0) {
		fputs("id,at,item,kind,actor,detail,message\r\n", stdout);
		if (store_audit_foreach(svc.rt.st, workday_day_start(from),
					workday_day_start(to + 1), cli->unit,
					audit_row, NULL, &err) < 0) {
			log_warnx("%s", err);
			free(err);
			ret = EX_IOERR;
		}
	}
	service_close(&svc);
	return ret;
}
