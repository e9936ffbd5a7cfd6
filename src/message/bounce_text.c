/* Delivery reports written in words only, with no message/delivery-status
 * part: qmail's "failure notice", older Exim's "Mail delivery failed:
 * returning message to sender", MDaemon's and many hosting servers'.
 * They say in sentences which addresses failed, then give a copy of the
 * returned mail, its header first.  What is read here:
 *
 *   - the returned mail's Message-ID: the first "Message-ID:" line of the
 *     copy, which starts at the first line that opens a header block
 *     ("Return-Path:", "Received:", "Message-ID:", "From:", "Date:",
 *     ...);
 *   - the failed addresses: every address in the words before the copy,
 *     with the rest of its line, or the lines under it up to a blank
 *     one, as the server's words; none when the words say the mail is
 *     only delayed ("delayed", "will be retried").
 *
 * Anyone may send such a report: the caller records an address only when
 * it was a recipient of the mail whose Message-ID is ours. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "congvan/message.h"
#include "congvan/util.h"
#include "private.h"

/* Addresses read from one report, bytes kept of one's words and of the
 * Message-ID. */
#define TEXT_BOUNCE_MAX   100
#define TEXT_BOUNCE_WORDS 300
#define TEXT_BOUNCE_ID    300

/* The header fields a copy of the returned mail opens with. */
static const char *const copy_fields[] = {
    "return-path:",  "received:",       "message-id:", "from:",
    "date:",         "subject:",        "to:",         "mime-version:",
    "delivered-to:", "dkim-signature:",
};

/* Words of a report that the mail is only delayed, still tried. */
static const char *const delay_words[] = {
    "delay",        "will be retried",        "will retry",
    "still trying", "not yet been delivered", "will continue",
    "temporarily",
};

static bool starts_icase(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && strncasecmp(s, w, k) == 0;
}

/* The offset of the first line of [0, len) that opens a header block;
 * len when none does. */
static size_t copy_start(const char *t, size_t len)
{
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(t + i, '\n', len - i);
		size_t ll = nl ? (size_t)(nl - (t + i)) : len - i;

		for (size_t k = 0; k < ARRAY_SIZE(copy_fields); k++) {
			if (starts_icase(t + i, ll, copy_fields[k])) {
				return i;
			}
		}
		i += ll + (nl != NULL);
	}
	return len;
}

/* The Message-ID of the copy [from, len): NULL when it has none. */
static char *copy_message_id(const char *t, size_t from, size_t len)
{
	for (size_t i = from; i < len;) {
		const char *nl = memchr(t + i, '\n', len - i);
		size_t ll = nl ? (size_t)(nl - (t + i)) : len - i;

		if (starts_icase(t + i, ll, "message-id:")) {
			const char *v = t + i + strlen("message-id:");
			size_t vn = ll - strlen("message-id:");
			const char *lt = memchr(v, '<', vn), *gt;

			if (lt) {
				vn -= (size_t)(lt + 1 - v);
				v = lt + 1;
			}
			gt = memchr(v, '>', vn);
			vn = gt ? (size_t)(gt - v) : vn;
			while (vn > 0 && (*v == ' ' || *v == '\t')) {
				v++;
				vn--;
			}
			while (vn > 0 &&
			       (v[vn - 1] == ' ' || v[vn - 1] == '\t' ||
				v[vn - 1] == '\r')) {
				vn--;
			}
			for (size_t k = 0; k < vn; k++) {
				unsigned char c = (unsigned char)v[k];

				if (c <= ' ' || c == 0x7f) {
					return NULL; /* no Message-ID */
				}
			}
			if (vn == 0 || vn > TEXT_BOUNCE_ID ||
			    !memchr(v, '@', vn)) {
				return NULL;
			}
			return xstrndup(v, vn);
		}
		i += ll + (nl != NULL);
	}
	return NULL;
}

static bool delayed(const char *t, size_t len)
{
	char *low = xstrndup(t, len);
	bool hit = false;

	for (char *p = low; *p; p++) {
		*p = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
	}
	for (size_t k = 0; k < ARRAY_SIZE(delay_words) && !hit; k++) {
		hit = strstr(low, delay_words[k]) != NULL;
	}
	free(low);
	return hit;
}

static bool local_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr("._%+-'", c));
}

static bool domain_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '-';
}

/* The server's words about the address ending at t[at]: the rest of its
 * line, else the lines under it up to a blank one, within [0, end). */
static char *words_after(const char *t, size_t at, size_t end)
{
	struct sbuf sb = SBUF_INIT(TEXT_BOUNCE_WORDS);
	const char *nl = memchr(t + at, '\n', end - at);
	size_t le = nl ? (size_t)(nl - t) : end;
	size_t i = at;
	bool under; /* the words stand under the address's line */

	while (i < le && t[i] && strchr(">:;,. \t\r", t[i])) {
		i++;
	}
	message_add_clean(&sb, t + i, le - i);
	while (sb.len > 0 && sb.buf[sb.len - 1] == ' ') {
		sb.buf[--sb.len] = '\0';
	}
	for (i = le + 1, under = sb.len < 3; under && nl && i < end;) {
		const char *n2 = memchr(t + i, '\n', end - i);
		size_t ll = n2 ? (size_t)(n2 - (t + i)) : end - i;
		size_t k = 0;

		while (k < ll && (t[i + k] == ' ' || t[i + k] == '\t' ||
				  t[i + k] == '\r')) {
			k++;
		}
		if (k == ll) {
			break; /* a blank line ends them */
		}
		if (sb.len > 0) {
			sbuf_addch(&sb, ' ');
		}
		message_add_clean(&sb, t + i + k, ll - k);
		if (!n2) {
			break;
		}
		i += ll + 1;
	}
	while (sb.len > 0 && sb.buf[sb.len - 1] == ' ') {
		sb.buf[--sb.len] = '\0';
	}
	return sbuf_detach(&sb);
}

static bool listed(const struct message_dsn_failure *list, size_t n,
		   const char *rcpt)
{
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(list[i].rcpt, rcpt)) {
			return true;
		}
	}
	return false;
}

size_t message_text_bounce(const char *text, size_t len, char **returned_id_r,
			   struct message_dsn_failure **list_r)
{
	size_t cut, n = 0;

	*returned_id_r = NULL;
	*list_r = NULL;
	if (!text || len == 0) {
		return 0;
	}
	cut = copy_start(text, len);
	*returned_id_r = copy_message_id(text, cut, len);
	if (delayed(text, cut)) {
		return 0;
	}
	for (size_t i = 0; i < cut && n < TEXT_BOUNCE_MAX; i++) {
		size_t s = i, e = i + 1;
		struct message_dsn_failure *f;
		char *rcpt;

		if (text[i] != '@') {
			continue;
		}
		while (s > 0 && local_char(text[s - 1])) {
			s--;
		}
		while (e < cut && domain_char(text[e])) {
			e++;
		}
		while (e > i + 1 &&
		       (text[e - 1] == '.' || text[e - 1] == '-')) {
			e--;
		}
		if (s == i || e == i + 1 || !memchr(text + i, '.', e - i) ||
		    text[i + 1] == '.' || text[i + 1] == '-' ||
		    memmem(text + i, e - i, "..", 2)) {
			i = e - 1;
			continue;
		}
		rcpt = xstrndup(text + s, e - s);
		for (char *p = rcpt; *p; p++) {
			*p = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a')
						      : *p;
		}
		if (listed(*list_r, n, rcpt)) {
			free(rcpt);
		} else {
			*list_r = xrealloc(*list_r, (n + 1) * sizeof(**list_r));
			f = &(*list_r)[n++];
			f->rcpt = rcpt;
			f->status = xstrdup("");
			f->diagnostic = words_after(text, e, cut);
		}
		i = e - 1;
	}
	return n;
}
