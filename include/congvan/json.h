/* Writing JSON into a struct sbuf: just enough for congvan's outputs. */
#ifndef CONGVAN_JSON_H
#define CONGVAN_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "congvan/util.h"

/* A JSON string for s (UTF-8; invalid bytes become U+FFFD; control
 * characters escaped), or null when s is NULL. */
void json_add_string(struct sbuf *sb, const char *s);
/* "key": the separator is the caller's business. */
void json_add_key(struct sbuf *sb, const char *key);
/* [,]"key":"value" (value NULL: null); comma puts a ',' first. */
void json_add_field(struct sbuf *sb, bool comma, const char *key,
		    const char *value);
/* A list of strings from a NULL-terminated array (NULL: []). */
void json_add_string_list(struct sbuf *sb, char *const *list);

/* The strings of a JSON list of strings (as json_add_string_list writes
 * it), joined with sep; NULL when json is not such a list.  For display.
 * Caller frees. */
char *json_string_list_join(const char *json, const char *sep);

#endif
