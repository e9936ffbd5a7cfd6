#include <stdio.h>
#include <string.h>

#include "congvan/json.h"

/* Length of the valid UTF-8 sequence at p (of at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	size_t len;
	uint32_t min, cp;

	if (p[0] < 0x80) {
		return 1;
	}
	if ((p[0] & 0xe0) == 0xc0) {
		len = 2, min = 0x80, cp = p[0] & 0x1f;
	} else if ((p[0] & 0xf0) == 0xe0) {
		len = 3, min = 0x800, cp = p[0] & 0x0f;
	} else if ((p[0] & 0xf8) == 0xf0) {
		len = 4, min = 0x10000, cp = p[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n) {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			return 0;
		}
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
		return 0;
	}
	return len;
}

static void add_escaped(struct sbuf *sb, unsigned char c)
{
	switch (c) {
	case '"':
		sbuf_adds(sb, "\\\"");
		break;
	case '\\':
		sbuf_adds(sb, "\\\\");
		break;
	case '\n':
		sbuf_adds(sb, "\\n");
		break;
	case '\r':
		sbuf_adds(sb, "\\r");
		break;
	case '\t':
		sbuf_adds(sb, "\\t");
		break;
	default:
		sbuf_addf(sb, "\\u%04x", c);
	}
}

void json_add_string(struct sbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	if (!s) {
		sbuf_adds(sb, "null");
		return;
	}
	n = strlen(s);
	sbuf_addch(sb, '"');
	for (size_t i = 0; i < n;) {
		size_t len = utf8_len(p + i, n - i);

		if (len == 1 && (p[i] < 0x20 || p[i] == '"' || p[i] == '\\')) {
			add_escaped(sb, p[i]);
		} else if (len == 0) {
			sbuf_adds(sb, "\\ufffd");
			len = 1;
		} else {
			sbuf_add(sb, p + i, len);
		}
		i += len;
	}
	sbuf_addch(sb, '"');
}

void json_add_key(struct sbuf *sb, const char *key)
{
	json_add_string(sb, key);
	sbuf_addch(sb, ':');
}

void json_add_string_list(struct sbuf *sb, char *const *list)
{
	sbuf_addch(sb, '[');
	for (size_t i = 0; list && list[i]; i++) {
		if (i) {
			sbuf_addch(sb, ',');
		}
		json_add_string(sb, list[i]);
	}
	sbuf_addch(sb, ']');
}

void json_add_field(struct sbuf *sb, bool comma, const char *key,
		    const char *value)
{
	if (comma) {
		sbuf_addch(sb, ',');
	}
	json_add_key(sb, key);
	json_add_string(sb, value);
}

/* One \uXXXX at p (after the 'u'): its code point, or -1. */
static long hex4(const char *p)
{
	long v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9') {
			v |= c - '0';
		} else if (c >= 'a' && c <= 'f') {
			v |= c - 'a' + 10;
		} else if (c >= 'A' && c <= 'F') {
			v |= c - 'A' + 10;
		} else {
			return -1;
		}
	}
	return v;
}

/* Appends code point cp (BMP; a surrogate becomes U+FFFD) as UTF-8. */
static void add_utf8(struct sbuf *sb, long cp)
{
	if (cp >= 0xd800 && cp <= 0xdfff) {
		cp = 0xfffd;
	}
	if (cp < 0x80) {
		sbuf_addch(sb, (char)cp);
	} else if (cp < 0x800) {
		sbuf_addch(sb, (char)(0xc0 | (cp >> 6)));
		sbuf_addch(sb, (char)(0x80 | (cp & 0x3f)));
	} else {
		sbuf_addch(sb, (char)(0xe0 | (cp >> 12)));
		sbuf_addch(sb, (char)(0x80 | ((cp >> 6) & 0x3f)));
		sbuf_addch(sb, (char)(0x80 | (cp & 0x3f)));
	}
}

/* Reads one JSON string at *p (at its '"') into sb; false when malformed. */
static bool read_string(const char **p, struct sbuf *sb)
{
	static const char from[] = "\"\\/bfnrt";
	static const char to[] = "\"\\/\b\f\n\r\t";
	const char *s = *p + 1;

	for (; *s && *s != '"'; s++) {
		const char *e;

		if (*s != '\\') {
			sbuf_addch(sb, *s);
			continue;
		}
		s++;
		if (*s == 'u') {
			long cp = hex4(s + 1);

			if (cp < 0) {
				return false;
			}
			add_utf8(sb, cp);
			s += 4;
		} else if (*s && (e = strchr(from, *s)) != NULL) {
			sbuf_addch(sb, to[e - from]);
		} else {
			return false;
		}
	}
	if (*s != '"') {
		return false;
	}
	*p = s + 1;
	return true;
}

char *json_string_list_join(const char *json, const char *sep)
{
	struct sbuf sb = SBUF_INIT(1 << 20);
	const char *p = json;
	size_t n = 0;

	if (!p || *p != '[') {
		return NULL;
	}
	for (p++;;) {
		p += strspn(p, " \t\r\n");
		if (*p == ']' && n == 0) {
			p++;
			break;
		}
		if (*p != '"') {
			goto bad;
		}
		if (n++ > 0) {
			sbuf_adds(&sb, sep);
		}
		if (!read_string(&p, &sb)) {
			goto bad;
		}
		p += strspn(p, " \t\r\n");
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p != ']') {
			goto bad;
		}
		p++;
		break;
	}
	if (p[strspn(p, " \t\r\n")] != '\0') {
		goto bad;
	}
	return sbuf_detach(&sb);
bad:
	sbuf_release(&sb);
	return NULL;
}
