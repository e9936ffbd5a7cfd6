/* [security]: who may command.  Optional; without it a command acts on
 * proof of receipt (a reply to our mail, or the signed reply address). */
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

#define AUTHSERV_MAX 16

enum { SEC_COMMANDS, SEC_AUTHSERV_ID, SEC_DKIM, SEC_DKIM_KEYS, SEC_NKEYS };

static const struct key_spec security_keys[SEC_NKEYS] = {
    [SEC_COMMANDS] = {"commands", "", "receipt, authenticated or both"},
    [SEC_AUTHSERV_ID] = {"authserv_id", " ",
			 "comma-separated host names of trusted servers"},
    [SEC_DKIM] = {"dkim", "", "off or verify"},
    [SEC_DKIM_KEYS] = {"dkim_keys", "", "a file path"},
};

/* An authserv-id is a host name as servers write it: letters, digits,
 * dots, hyphens, underscores. */
static bool authserv_valid(const char *s, size_t len)
{
	if (len == 0 || len > 253) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		      c == '_')) {
			return false;
		}
	}
	return true;
}

static void authserv_take(struct loader *ld, struct raw_section *rs,
			  struct config_security *s)
{
	const struct raw_value *rv = &rs->values[SEC_AUTHSERV_ID];
	const char *pos = rv->value ? rv->value : "";
	const char *item;
	size_t len;

	while (config_list_next(&pos, ",", &item, &len)) {
		char *bad;

		if (len == 0) {
			continue;
		}
		if (!authserv_valid(item, len) ||
		    s->n_authserv_ids == AUTHSERV_MAX) {
			bad = config_excerpt(item, len);
			config_loader_error(
			    ld, rv->line,
			    s->n_authserv_ids == AUTHSERV_MAX
				? "'authserv_id' names more than 16 servers"
				: "'authserv_id' entry is not a host name: "
				  "'%s'",
			    bad);
			free(bad);
			continue;
		}
		s->authserv_ids =
		    xrealloc(s->authserv_ids, (s->n_authserv_ids + 2) *
						  sizeof(*s->authserv_ids));
		s->authserv_ids[s->n_authserv_ids] = xstrndup(item, len);
		config_ascii_lower(s->authserv_ids[s->n_authserv_ids++]);
		s->authserv_ids[s->n_authserv_ids] = NULL;
	}
}

static void security_finish(struct loader *ld, struct raw_section *rs)
{
	struct config_security *s = &ld->cfg->security;
	char *commands = config_take_string(rs, SEC_COMMANDS, NULL);
	char *dkim = config_take_string(rs, SEC_DKIM, NULL);

	if (commands && !strcmp(commands, "authenticated")) {
		s->commands = CONFIG_COMMANDS_AUTHENTICATED;
	} else if (commands && !strcmp(commands, "both")) {
		s->commands = CONFIG_COMMANDS_BOTH;
	} else if (commands && strcmp(commands, "receipt") != 0) {
		config_bad_value(ld, rs, SEC_COMMANDS, commands);
	}
	if (dkim && !strcmp(dkim, "verify")) {
		s->dkim_verify = true;
	} else if (dkim && strcmp(dkim, "off") != 0) {
		config_bad_value(ld, rs, SEC_DKIM, dkim);
	}
	authserv_take(ld, rs, s);
	config_take_path(ld, rs, SEC_DKIM_KEYS, false, &s->dkim_keys);
	if (s->dkim_keys && !s->dkim_verify) {
		config_loader_error(ld, rs->values[SEC_DKIM_KEYS].line,
				    "'dkim_keys' needs 'dkim = verify'");
	}
	if (s->commands != CONFIG_COMMANDS_RECEIPT && s->n_authserv_ids == 0 &&
	    !s->dkim_verify) {
		config_loader_error(
		    ld, rs->values[SEC_COMMANDS].line,
		    "'commands = %s' needs a way to authenticate senders:"
		    " 'authserv_id' (the mail server whose"
		    " Authentication-Results congvan trusts) or"
		    " 'dkim = verify'",
		    commands);
	}
	free(commands);
	free(dkim);
}

const struct section_kind config_security_kind = {
    .name = "security",
    .keys = security_keys,
    .nkeys = SEC_NKEYS,
    .finish = security_finish,
};

void config_security_free(struct config_security *s)
{
	for (size_t i = 0; i < s->n_authserv_ids; i++) {
		free(s->authserv_ids[i]);
	}
	free(s->authserv_ids);
	free(s->dkim_keys);
	memset(s, 0, sizeof(*s));
}

const char *config_security_explain(const struct config_security *s)
{
	switch (s->commands) {
	case CONFIG_COMMANDS_AUTHENTICATED:
		return "commands act from an authenticated sender (even on a"
		       " forwarded notice)";
	case CONFIG_COMMANDS_BOTH:
		return "commands act on a reply to congvan's mail from an"
		       " authenticated sender";
	default:
		return "commands act on a reply to congvan's mail (proof of"
		       " receipt); senders are not authenticated: anyone who"
		       " receives an item's mail can command it";
	}
}
