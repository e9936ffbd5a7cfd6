/* Signed reply addresses: with [smtp] reply_plus, workflow mail carries
 * Reply-To: BOX+TOKEN@DOMAIN (BOX@DOMAIN being [smtp] from), where TOKEN
 * is the item key in lower case, a dot, and the first 10 hex digits of
 * HMAC-SHA256(service secret, key).  A reply to that address names its
 * item even when the client dropped In-Reply-To and the subject tag, and
 * nobody can forge the token of another item without the secret. */
#include <stdlib.h>
#include <string.h>

#include "private.h"

#define MAC_HEX 10

static void mac_hex(const char *secret, const char *key, char out[MAC_HEX + 1])
{
	util_hmac_hex(secret, NULL, key, MAC_HEX, out);
}

char *workflow_reply_address(const struct runtime *rt, const char *key)
{
	const char *from = rt->cfg->smtp.from;
	const char *at = from ? strrchr(from, '@') : NULL;
	char mac[MAC_HEX + 1], *lower;
	char *r;

	if (!rt->cfg->smtp.reply_plus || !rt->secret || !*rt->secret || !at ||
	    !key) {
		return NULL;
	}
	mac_hex(rt->secret, key, mac);
	lower = xstrdup(key);
	for (char *p = lower; *p; p++) {
		*p = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
	}
	r = xasprintf("%.*s+%s.%s%s", (int)(at - from), from, lower, mac, at);
	free(lower);
	return r;
}

int workflow_reply_token(const struct runtime *rt, const char *address,
			 char key_r[32])
{
	const char *from = rt->cfg->smtp.from;
	const char *at = from ? strrchr(from, '@') : NULL;
	const char *aat = address ? strrchr(address, '@') : NULL;
	size_t box = at ? (size_t)(at - from) : 0;
	const char *tok, *dot;
	char mac[MAC_HEX + 1];
	size_t klen;

	if (!rt->secret || !*rt->secret || !at || !aat ||
	    !str_iequal(at, aat) || (size_t)(aat - address) <= box ||
	    address[box] != '+') {
		return 0;
	}
	for (size_t i = 0; i < box; i++) {
		char a = address[i], b = from[i];

		a = (a >= 'A' && a <= 'Z') ? (char)(a - 'A' + 'a') : a;
		b = (b >= 'A' && b <= 'Z') ? (char)(b - 'A' + 'a') : b;
		if (a != b) {
			return 0;
		}
	}
	tok = address + box + 1;
	dot = memchr(tok, '.', (size_t)(aat - tok));
	klen = dot ? (size_t)(dot - tok) : 0;
	if (!dot || klen == 0 || klen >= 32 ||
	    (size_t)(aat - dot - 1) != MAC_HEX) {
		return 0;
	}
	for (size_t i = 0; i < klen; i++) {
		char c = tok[i];

		key_r[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
	}
	key_r[klen] = '\0';
	mac_hex(rt->secret, key_r, mac);
	/* Hex digits: compared in constant time, case ignored. */
	{
		unsigned diff = 0;

		for (size_t i = 0; i < MAC_HEX; i++) {
			char c = dot[1 + i];

			c = (c >= 'A' && c <= 'F') ? (char)(c - 'A' + 'a') : c;
			diff |= (unsigned)(c ^ mac[i]);
		}
		return diff == 0 ? 1 : 0;
	}
}
