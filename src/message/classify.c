/* Classifying a message from its headers: bounce > auto > reply > letter.
 * Only header signs are used; the seam for MIME-level signs (a forwarded
 * message/rfc822 part, a delivery-status part) is struct message_facts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libetpan/libetpan.h>

#include "private.h"

#define LIST_TAG_MAX 100 /* longest "[list]" tag skipped before a prefix */
#define PREFIX_SCAN  256 /* bytes of the subject examined for a prefix */

enum prefix_kind { PREFIX_NONE, PREFIX_REPLY, PREFIX_FORWARD };

static const struct {
	const char *word; /* lower case */
	enum prefix_kind kind;
} subject_prefixes[] = {
    {"re", PREFIX_REPLY},
    {"aw", PREFIX_REPLY},
    {"sv", PREFIX_REPLY},
    {"tl", PREFIX_REPLY},
    {"trả lời", PREFIX_REPLY},
    {"tra loi", PREFIX_REPLY},
    {"fwd", PREFIX_FORWARD},
    {"fw", PREFIX_FORWARD},
    {"tr", PREFIX_FORWARD},
    {"chuyển tiếp", PREFIX_FORWARD},
    {"chuyen tiep", PREFIX_FORWARD},
};

/* Subject starts of auto-replies, lower case. */
static const char *const auto_subjects[] = {
    "automatic reply:",     "auto:",
    "auto-reply:",          "autoreply:",
    "auto reply:",          "out of office",
    "trả lời tự động:",     "tự động trả lời",
    "thư trả lời tự động:", "phản hồi tự động:",
    "thư tự động:",         "tra loi tu dong:",
    "tu dong tra loi",      "thu tra loi tu dong:",
    "phan hoi tu dong:",    NULL,
};

/* Subject starts of delivery status notifications, lower case. */
static const char *const dsn_subjects[] = {
    "undelivered mail returned to sender",
    "undelivered mail",
    "delivery status notification",
    "mail delivery failed",
    "mail delivery failure",
    "undeliverable:",
    "undeliverable mail",
    "delivery failure",
    "delivery has failed",
    "returned mail:",
    "failure notice",
    "mail system error",
    NULL,
};

/* Lower case for ASCII, Latin-1 and the letters Vietnamese uses. */
static int32_t fold(int32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7)) {
		return c + 0x20;
	}
	if (c == 0x102 || c == 0x110 || c == 0x128 || c == 0x168 ||
	    c == 0x1a0 || c == 0x1af) {
		return c + 1;
	}
	if (c >= 0x1ea0 && c <= 0x1ef9 && c % 2 == 0) {
		return c + 1;
	}
	return c;
}

/* Bytes of s matched by prefix (lower case) ignoring case, or 0. */
static size_t vi_prefix(const char *s, const char *prefix)
{
	size_t slen = strnlen(s, PREFIX_SCAN);
	size_t plen = strlen(prefix);
	size_t i = 0;
	size_t j = 0;

	while (j < plen) {
		int32_t a;

		if (i >= slen) {
			return 0;
		}
		a = text_utf8_next(s, slen, &i);
		if (a < 0 || fold(a) != text_utf8_next(prefix, plen, &j)) {
			return 0;
		}
	}
	return i;
}

static bool starts_with_any(const char *s, const char *const *list)
{
	for (; *list; list++) {
		if (vi_prefix(s, *list) > 0) {
			return true;
		}
	}
	return false;
}

/* Skips white space and "[list]" tags at the start of a subject. */
static const char *skip_list_tags(const char *s)
{
	for (;;) {
		const char *end;

		s += strspn(s, " \t");
		if (*s != '[') {
			return s;
		}
		end = memchr(s, ']', strnlen(s, LIST_TAG_MAX));
		if (!end || memchr(s + 1, '[', (size_t)(end - s - 1))) {
			return s;
		}
		s = end + 1;
	}
}

/* "Re:", "Re[2]:", "Re :" and the like. */
static bool prefix_colon(const char *p)
{
	if (*p == '[' || *p == '(') {
		char close = *p == '[' ? ']' : ')';
		size_t n = strspn(p + 1, "0123456789");

		if (n == 0 || p[1 + n] != close) {
			return false;
		}
		p += n + 2;
	}
	p += strspn(p, " \t");
	return *p == ':';
}

/* The first reply or forward prefix decides: "Fwd: Re:" is a forward. */
/* The reply or forward prefix ("Re:", "TL:", "Fwd:", ...) at s. */
static enum prefix_kind prefix_at(const char *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(subject_prefixes); i++) {
		size_t n = vi_prefix(s, subject_prefixes[i].word);

		if (n > 0 && prefix_colon(s + n)) {
			return subject_prefixes[i].kind;
		}
	}
	return PREFIX_NONE;
}

static enum prefix_kind subject_prefix(const char *subject)
{
	return prefix_at(skip_list_tags(subject));
}

/* The first word of a field value, lower case: "auto-replied; x" gives
 * "auto-replied". */
static void first_token(const char *v, char *buf, size_t size)
{
	size_t n = 0;

	v += strspn(v, " \t");
	while (*v && !strchr(" \t;(", *v) && n + 1 < size) {
		char c = *v++;

		buf[n++] = (c >= 'A' && c <= 'Z') ? (char)(c + 0x20) : c;
	}
	buf[n] = '\0';
}

/* 1 for multipart/report with report-type=delivery-status, 2 for any
 * other multipart/report, 0 otherwise. */
static int report_type(const char *content_type)
{
	struct mailmime_content *ct = NULL;
	size_t idx = 0;
	const char *rt;
	int r = 0;

	if (!content_type ||
	    mailmime_content_parse(content_type, strlen(content_type), &idx,
				   &ct) != MAILIMF_NO_ERROR) {
		return 0;
	}
	if (ct->ct_type->tp_type == MAILMIME_TYPE_COMPOSITE_TYPE &&
	    ct->ct_type->tp_data.tp_composite_type->ct_type ==
		MAILMIME_COMPOSITE_TYPE_MULTIPART &&
	    ct->ct_subtype && str_iequal(ct->ct_subtype, "report")) {
		rt = mailmime_content_param_get(ct, "report-type");
		r = rt && str_iequal(rt, "delivery-status") ? 1 : 2;
	}
	mailmime_content_free(ct);
	return r;
}

static const char *bounce_reason(const struct message_info *info,
				 const struct message_facts *facts,
				 const char *subject)
{
	const char *addr = info->from_addr ? info->from_addr : "";
	const char *at = strrchr(addr, '@');
	size_t local = at ? (size_t)(at - addr) : strlen(addr);

	if ((local == 13 && str_istartswith(addr, "mailer-daemon")) ||
	    (local == 10 && str_istartswith(addr, "postmaster"))) {
		return "sent by the mailer daemon or postmaster";
	}
	if (report_type(facts->content_type) == 1) {
		return "delivery status report (multipart/report)";
	}
	if (info->return_path && !*info->return_path &&
	    starts_with_any(subject, dsn_subjects)) {
		return "null sender and a delivery status subject";
	}
	return NULL;
}

/* Our own mail come back (through a list, a forward, an alias): its
 * Message-ID carries our mark, or it says it is ours and comes from our
 * address.  Never the domain alone: staff share it, and their clients
 * build Message-IDs on it. */
static bool is_own(const struct message_info *info,
		   const struct message_facts *facts,
		   const struct message_classify_opts *opts)
{
	char tok[32];
	bool says_ours;

	if (message_id_is_ours(info->message_id, opts->secret)) {
		return true;
	}
	first_token(facts->auto_submitted ? facts->auto_submitted : "", tok,
		    sizeof(tok));
	says_ours = facts->x_congvan_item || !strcmp(tok, "auto-generated");
	return says_ours && opts->own_address && *opts->own_address &&
	       info->from_addr &&
	       str_iequal(info->from_addr, opts->own_address);
}

static const char *auto_reason(const struct message_info *info,
			       const struct message_facts *facts,
			       const struct message_classify_opts *opts,
			       const char *subject)
{
	char tok[32];

	if (is_own(info, facts, opts)) {
		return "our own message";
	}
	first_token(facts->auto_submitted ? facts->auto_submitted : "", tok,
		    sizeof(tok));
	if (*tok && strcmp(tok, "no") != 0) {
		return "Auto-Submitted";
	}
	if (facts->x_autoreply || facts->x_autorespond) {
		return "X-Autoreply or X-Autorespond";
	}
	first_token(facts->precedence ? facts->precedence : "", tok,
		    sizeof(tok));
	if (!strcmp(tok, "bulk") || !strcmp(tok, "junk") ||
	    !strcmp(tok, "list") || !strcmp(tok, "auto_reply")) {
		return "Precedence bulk, junk, list or auto_reply";
	}
	if (starts_with_any(skip_list_tags(subject), auto_subjects)) {
		return "auto-reply subject";
	}
	if (report_type(facts->content_type) == 2) {
		return "report (multipart/report)";
	}
	return NULL;
}

static const char *reply_reason(const struct message_info *info,
				const struct message_facts *facts,
				const struct message_classify_opts *opts,
				const char *subject)
{
	char key[32];
	enum prefix_kind prefix;

	if (message_subject_tag(subject, opts->item_prefix, key)) {
		return "item tag in the subject";
	}
	prefix = subject_prefix(subject);
	if (prefix == PREFIX_FORWARD) {
		return NULL;
	}
	if (facts->has_in_reply_to || facts->has_references) {
		return "In-Reply-To or References";
	}
	if (prefix == PREFIX_REPLY) {
		return "reply prefix in the subject";
	}
	return NULL;
}

void message_classify(struct message_info *info,
		      const struct message_facts *facts,
		      const struct message_classify_opts *opts)
{
	static const struct message_classify_opts none = {NULL, NULL, NULL};

	const char *subject = info->subject ? info->subject : "";
	const char *why;

	if (!opts) {
		opts = &none;
	}
	info->kind = MESSAGE_BOUNCE;
	why = bounce_reason(info, facts, subject);
	if (!why) {
		info->kind = MESSAGE_AUTO;
		why = auto_reason(info, facts, opts, subject);
	}
	if (!why) {
		info->kind = MESSAGE_REPLY;
		why = reply_reason(info, facts, opts, subject);
	}
	if (!why) {
		info->kind = MESSAGE_LETTER;
		why = subject_prefix(subject) == PREFIX_FORWARD
			  ? "forward without an item tag"
			  : "no sign of a reply or automation";
	}
	info->kind_reason = why;
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
	}
	return true;
}

bool message_subject_tag(const char *subject, const char *prefix,
			 char key_r[32])
{
	size_t plen;

	if (!prefix || !*prefix) {
		prefix = "CV";
	}
	plen = strlen(prefix);
	if (!subject || plen > 31 - 12) {
		return false;
	}
	for (const char *p = strchr(subject, '['); p; p = strchr(p + 1, '[')) {
		const char *s;

		if (!str_istartswith(p + 1, prefix)) {
			continue;
		}
		s = p + 1 + plen;
		if (s[0] == '-' && digits(s + 1, 4) && s[5] == '-' &&
		    digits(s + 6, 6) && s[12] == ']') {
			snprintf(key_r, 32, "%s-%.4s-%.6s", prefix, s + 1,
				 s + 6);
			return true;
		}
	}
	return false;
}

bool message_is_forward(const char *subject)
{
	return subject && subject_prefix(subject) == PREFIX_FORWARD;
}

char *message_subject_typed(const char *subject, const char *item_prefix)
{
	const char *s, *end = NULL;
	char key[32], *typed, *cut;
	size_t n;

	if (!subject) {
		return NULL;
	}
	s = skip_list_tags(subject);
	if (prefix_at(s) != PREFIX_NONE) {
		return NULL; /* "Re: ...": nothing written before it */
	}
	/* a few words typed before the prefix, not a page */
	for (const char *p = s; *p && !end && p - s < PREFIX_SCAN; p++) {
		if (p > s && strchr(" \t-:|.,;", p[-1]) &&
		    prefix_at(p) != PREFIX_NONE) {
			end = p;
		}
	}
	if (!end) {
		/* No prefix: the whole subject is the sender's unless it is
		 * one of ours, which names an item. */
		if (message_subject_tag(subject, item_prefix, key)) {
			return NULL;
		}
		end = s + strlen(s);
	}
	n = (size_t)(end - s);
	while (n > 0 && strchr(" \t-:|,;", s[n - 1])) {
		n--;
	}
	if (n == 0) {
		return NULL;
	}
	typed = xstrndup(s, n);
	cut = text_cut(typed, PREFIX_SCAN);
	free(typed);
	return cut;
}
