/* Signatures: the "-- " delimiter, the lines mobile and web clients add
 * ("Sent from my iPhone", "Gửi từ iPhone của tôi"), and rule lines. */
#include <string.h>

#include "private.h"

/* A phone signature is a short line of its own. */
#define PHONE_MAX 100

/* Followed by anything (a device, an app, a link). */
static const char *const phone_any[] = {
    "sent from my",    "get outlook for",  "download outlook for",
    "tai outlook cho", "nhan outlook cho",
};

/* Followed by one of phone_device. */
static const char *const phone_lead[] = {
    "sent from", "sent with",   "sent via", "sent using",    "gui tu",
    "da gui tu", "duoc gui tu", "gui bang", "duoc gui bang",
};

/* clang-format off */
static const char *const phone_device[] = {
    "iphone", "ipad", "ios", "android", "samsung", "the samsung", "galaxy",
    "dien thoai", "di dong", "thiet bi", "may tinh bang", "smartphone",
    "mobile", "yahoo", "outlook", "gmail", "mail for windows",
    "thu cho windows", "mail cho windows", "windows mail", "mailbox",
    "ung dung", "blackberry", "huawei", "xiaomi", "oppo", "vivo", "vsmart",
    "bphone", "zalo", "aol", "zoho", "proton", "sparrow", "spark",
    "airmail", "superhuman", "my",
};
/* clang-format on */

bool reply_is_sig_delimiter(const struct line *l)
{
	return l->len == 2 && l->s[0] == '-' && l->s[1] == '-';
}

bool reply_is_rule(const struct line *l)
{
	size_t i = 0, marks = 0;

	while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t')) {
		i++;
	}
	for (; i < l->len; i++) {
		if (!strchr("-_=*~", l->s[i])) {
			return false;
		}
		marks++;
	}
	return marks >= 2;
}

/* True when s[0..len) starts with one of the n words. */
static bool starts_with_any(const char *s, size_t len, const char *const *w,
			    size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (text_fold_starts_word(s, len, w[i])) {
			return true;
		}
	}
	return false;
}

/* "<lead> <device>...", e.g. "gui tu dien thoai samsung". */
static bool lead_then_device(const char *s, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(phone_lead); i++) {
		size_t n = strlen(phone_lead[i]);

		if (text_fold_starts_word(s, len, phone_lead[i]) && n < len &&
		    s[n] == ' ' &&
		    starts_with_any(s + n + 1, len - n - 1, phone_device,
				    ARRAY_SIZE(phone_device))) {
			return true;
		}
	}
	return false;
}

bool reply_is_phone_signature(const struct probe *p)
{
	const char *s = p->head;
	size_t len = p->head_len;

	if (!p->head_full || len > PHONE_MAX) {
		return false;
	}
	while (len > 0 && (*s == '-' || *s == ' ')) {
		s++;
		len--;
	}
	return starts_with_any(s, len, phone_any, ARRAY_SIZE(phone_any)) ||
	       lead_then_device(s, len);
}
