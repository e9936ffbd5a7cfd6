/* Public wrappers around the UTF-8 helpers of this module, for the MIME
 * reader (src/mime), so that body text is repaired exactly as header text
 * is. */
#include "private.h"

void message_utf8_repair_append(struct sbuf *sb, const char *s, size_t len)
{
	message_utf8_append(sb, s, len, false);
}

int32_t message_utf8_decode(const char *s, size_t len, size_t *i)
{
	return message_utf8_next(s, len, i);
}
