/* Text helpers of the directory: list items, "Name <address>" entries,
 * sender patterns, and the folding that matching compares. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "congvan/util.h"
#include "private.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

void config_span_trim(const char **s, size_t *len)
{
	while (*len > 0 && is_space(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && is_space((*s)[*len - 1])) {
		(*len)--;
	}
}

bool config_list_next(const char **pos, const char *seps, const char **item_r,
		      size_t *len_r)
{
	const char *p = *pos;
	char close = '\0';

	if (!*p) {
		return false;
	}
	*item_r = p;
	for (; *p && (close || !strchr(seps, *p)); p++) {
		if (close && *p == close) {
			close = '\0';
		} else if (!close && (*p == '"' || *p == '<')) {
			close = *p == '"' ? '"' : '>';
		}
	}
	*len_r = (size_t)(p - *item_r);
	config_span_trim(item_r, len_r);
	*pos = *p ? p + 1 : p;
	return true;
}

void config_ascii_lower(char *s)
{
	for (; s && *s; s++) {
		if (*s >= 'A' && *s <= 'Z') {
			*s = (char)(*s + ('a' - 'A'));
		}
	}
}

bool config_text_valid(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);

	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);

		if (n < 1 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
			return false;
		}
		p += n;
		left -= n;
	}
	return true;
}

/* A display name: quotes around it removed; no angle brackets or quotes
 * left inside, valid UTF-8 without control characters. */
static int name_take(const char *s, size_t len, char **name_r)
{
	char *name;

	config_span_trim(&s, &len);
	if (len >= 2 && s[0] == '"' && s[len - 1] == '"') {
		s++;
		len -= 2;
		config_span_trim(&s, &len);
	}
	*name_r = NULL;
	if (len == 0) {
		return 0;
	}
	name = xstrndup(s, len);
	if (strpbrk(name, "<>\"") || !config_text_valid(name)) {
		free(name);
		return -1;
	}
	*name_r = name;
	return 0;
}

int config_entry_parse(const char *s, size_t len, struct config_person *p_r)
{
	const char *lt;
	char *name = NULL;
	char *addr;

	memset(p_r, 0, sizeof(*p_r));
	config_span_trim(&s, &len);
	if (len == 0 || memchr(s, '\0', len)) {
		return -1;
	}
	if (s[len - 1] == '>') {
		lt = memrchr(s, '<', len);
		if (!lt || name_take(s, (size_t)(lt - s), &name) < 0) {
			return -1;
		}
		addr = xstrndup(lt + 1, len - (size_t)(lt - s) - 2);
	} else {
		addr = xstrndup(s, len);
	}
	if (!config_address_valid(addr)) {
		free(addr);
		free(name);
		return -1;
	}
	config_ascii_lower(addr);
	p_r->name = name;
	p_r->address = addr;
	return 0;
}

/* "*@DOMAIN" or "*@*.DOMAIN": the domain part, else NULL. */
static const char *pattern_domain(const char *from)
{
	if (str_startswith(from, "*@*.")) {
		return from + 4;
	}
	if (str_startswith(from, "*@")) {
		return from + 2;
	}
	return NULL;
}

bool config_from_valid(const char *from)
{
	const char *domain = pattern_domain(from);

	if (!domain) {
		return config_address_valid(from);
	}
	/* The domain as an address would check it: "x@DOMAIN". */
	return !strchr(domain, '*') && config_hostname_valid(domain);
}

bool config_from_matches(const char *from, const char *addr)
{
	const char *at = strrchr(addr, '@');
	size_t dlen, slen;

	if (!str_startswith(from, "*@")) {
		return str_iequal(from, addr);
	}
	if (!at) {
		return false;
	}
	if (!str_startswith(from, "*@*.")) {
		return str_iequal(at + 1, from + 2);
	}
	/* Subdomains: the address's domain ends in ".DOMAIN" and has a label
	 * before it. */
	dlen = strlen(at + 1);
	slen = strlen(from + 3);
	return dlen > slen && str_iequal(at + 1 + dlen - slen, from + 3) &&
	       at[dlen - slen] != '.';
}

char *config_fold(const char *s, size_t len)
{
	char *raw = xstrndup(s, len);
	char *folded = text_fold(raw);
	char *w = folded;
	bool space = false;

	free(raw);
	for (const char *r = folded; *r; r++) {
		if (is_space(*r)) {
			space = w != folded;
			continue;
		}
		if (space) {
			*w++ = ' ';
			space = false;
		}
		*w++ = *r;
	}
	*w = '\0';
	return folded;
}
