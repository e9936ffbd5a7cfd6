/* [report]: who receives the quarterly report, and in which language.
 * The section is optional; without 'to' no report is mailed. */
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

#define REPORT_TO_MAX 100

enum { REP_TO, REP_LANGUAGE, REP_NKEYS };

static const struct key_spec report_keys[REP_NKEYS] = {
    [REP_TO] = {"to", " ", "comma-separated mail addresses"},
    [REP_LANGUAGE] = {"language", "", "vi or en"},
};

static bool listed(const struct config_report *r, const char *address)
{
	for (size_t i = 0; i < r->n_to; i++) {
		if (strcmp(r->to[i], address) == 0) {
			return true;
		}
	}
	return false;
}

/* One entry of 'to': a bare address, lower-cased, each once. */
static void to_add(struct loader *ld, int line, struct config_report *r,
		   const char *item, size_t len)
{
	char *address = xstrndup(item, len);

	config_ascii_lower(address);
	if (!config_address_valid(address)) {
		char *bad = config_excerpt(item, len);

		config_loader_error(
		    ld, line, "'to' entry is not a mail address: '%s'", bad);
		free(bad);
	} else if (listed(r, address)) {
		config_loader_error(ld, line,
				    "'to' lists '%s' twice; expected each "
				    "address once",
				    address);
	} else if (r->n_to == REPORT_TO_MAX) {
		config_loader_error(ld, line,
				    "'to' lists more than %d addresses",
				    REPORT_TO_MAX);
	} else {
		r->to = xrealloc(r->to, (r->n_to + 2) * sizeof(*r->to));
		r->to[r->n_to++] = address;
		r->to[r->n_to] = NULL;
		return;
	}
	free(address);
}

static void to_take(struct loader *ld, struct raw_section *rs,
		    struct config_report *r)
{
	const struct raw_value *rv = &rs->values[REP_TO];
	const char *pos = rv->value ? rv->value : "";
	const char *item;
	size_t len;

	while (config_list_next(&pos, ",", &item, &len)) {
		if (len > 0) {
			to_add(ld, rv->line, r, item, len);
		}
	}
}

static void report_finish(struct loader *ld, struct raw_section *rs)
{
	struct config_report *r = &ld->cfg->report;

	to_take(ld, rs, r);
	r->language = config_take_string(rs, REP_LANGUAGE, NULL);
	if (r->language && strcmp(r->language, "vi") != 0 &&
	    strcmp(r->language, "en") != 0) {
		config_bad_value(ld, rs, REP_LANGUAGE, r->language);
	}
}

const struct section_kind config_report_kind = {
    .name = "report",
    .keys = report_keys,
    .nkeys = REP_NKEYS,
    .finish = report_finish,
};

void config_report_free(struct config_report *r)
{
	for (size_t i = 0; i < r->n_to; i++) {
		free(r->to[i]);
	}
	free(r->to);
	free(r->language);
	memset(r, 0, sizeof(*r));
}
