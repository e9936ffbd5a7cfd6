/* Writing outgoing mail: RFC 5322 headers; the body is written by
 * parts.c. */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "congvan/log.h"
#include "private.h"

#define COMPOSE_MAX     (64 * 1024 * 1024)
#define ADDRESS_MAX     254
#define ID_MAX          250
#define ID_RANDOM_BYTES 16 /* 128 bits: no reply can guess one */
/* Before the random part, the second it was made (8 hex digits), so that
 * the outbox's index of Message-IDs grows at its end instead of at
 * random places: a million queued notices dirtied a leaf each.  IDs made
 * before had none, and are still ours. */
#define ID_TIME_HEX    8
#define ID_MARK_HEX    16 /* 64 bits of HMAC: only our secret makes it */
#define PLAIN_WORD_MAX 60 /* longer words are encoded so they can fold */
#define ALNUM          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
#define UTC_PLUS_7     (7 * 3600)

/* Bytes from getrandom, taken RANDOM_POOL at a time: a notice needs
 * three draws (its Message-ID, two boundaries), and a system call each
 * was 12,000 calls for an intake of 5,000 letters.  Per thread; a child
 * after fork starts with an empty pool, so no two processes share bytes
 * (the fork handler, not a getpid() per draw, which is a system call
 * too). */
#define RANDOM_POOL 512

static _Thread_local unsigned char random_pool[RANDOM_POOL];
static _Thread_local size_t random_left;

static void random_forget(void)
{
	random_left = 0; /* in the child: the thread that forked */
}

static void random_at_fork(void)
{
	pthread_atfork(NULL, NULL, random_forget);
}

static size_t random_fill(unsigned char *p, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = getrandom(p + got, n - got, 0);

		if (r < 0 && errno == EINTR) {
			continue;
		}
		if (r <= 0) {
			break;
		}
		got += (size_t)r;
	}
	return got;
}

void message_random_bytes(void *buf, size_t n)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	static _Atomic uint64_t counter;
	unsigned char *pool = random_pool, *p = buf;
	size_t got = 0;

	pthread_once(&once, random_at_fork);
	while (got < n) {
		size_t take;

		if (random_left == 0) {
			if (random_fill(pool, RANDOM_POOL) != RANDOM_POOL) {
				break;
			}
			random_left = RANDOM_POOL;
		}
		take = n - got < random_left ? n - got : random_left;
		memcpy(p + got, pool + RANDOM_POOL - random_left, take);
		/* what is handed out is not kept */
		memset(pool + RANDOM_POOL - random_left, 0, take);
		random_left -= take;
		got += take;
	}
	if (got == n) {
		return;
	}
	/* Not secret, only unique: time, pid and a counter, mixed. */
	log_warn("getrandom failed, message ids use the clock");
	for (; got < n; got++) {
		struct timespec ts;
		uint64_t z;

		clock_gettime(CLOCK_REALTIME, &ts);
		z = (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 32) ^
		    (++counter * 0x9e3779b97f4a7c15ULL);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		p[got] = (unsigned char)(z ^ (z >> 31));
	}
}

bool message_check_address(const char *addr)
{
	const char *at;
	size_t len;

	if (!addr) {
		return false;
	}
	len = strlen(addr);
	if (len == 0 || len > ADDRESS_MAX) {
		return false;
	}
	for (const char *p = addr; *p; p++) {
		if (*p <= ' ' || *p >= 0x7f || strchr("<>,;:\"()[]\\", *p)) {
			return false;
		}
	}
	at = strchr(addr, '@');
	if (!at || at != strrchr(addr, '@') || at == addr || !at[1]) {
		return false;
	}
	return at[1] != '.' && addr[len - 1] != '.' && !strstr(at, "..");
}

/* A message id without brackets: printable ASCII, no '<' '>', with an
 * '@' when need_at. */
static bool check_id(const char *id, bool need_at)
{
	size_t len = id ? strlen(id) : 0;

	if (len == 0 || len > ID_MAX) {
		return false;
	}
	for (const char *p = id; *p; p++) {
		if (*p <= ' ' || *p >= 0x7f || *p == '<' || *p == '>') {
			return false;
		}
	}
	return !need_at || strchr(id, '@');
}

static bool check_key(const char *key)
{
	size_t len = strlen(key);

	return len > 0 && len < 32 &&
	       strspn(key,
		      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		      "0123456789-") == len;
}

static int check_list(const char *const *list, const char *field,
		      char **error_r)
{
	for (size_t i = 0; list && list[i]; i++) {
		if (!message_check_address(list[i])) {
			*error_r = xasprintf("message: invalid address in %s "
					     "(entry %zu)",
					     field, i + 1);
			return -1;
		}
	}
	return 0;
}

static int check_out(const struct message_out *out, char **error_r)
{
	if (!out || !out->subject || !out->text) {
		*error_r = xstrdup("message: subject or text missing");
		return -1;
	}
	if (!message_check_address(out->from_addr)) {
		*error_r = xstrdup("message: invalid address in from");
		return -1;
	}
	if (!out->to || !out->to[0]) {
		*error_r = xstrdup("message: no address in to");
		return -1;
	}
	if (check_list(out->to, "to", error_r) < 0 ||
	    check_list(out->cc, "cc", error_r) < 0) {
		return -1;
	}
	if (out->reply_to && !message_check_address(out->reply_to)) {
		*error_r = xstrdup("message: invalid address in reply-to");
		return -1;
	}
	if (!check_id(out->message_id, true)) {
		*error_r = xstrdup("message: invalid message-id");
		return -1;
	}
	if (out->item_key && !check_key(out->item_key)) {
		*error_r = xstrdup("message: invalid item key");
		return -1;
	}
	return 0;
}

/* Header text as one line of valid UTF-8: CR, LF and other controls
 * become spaces, so nothing can start a new header.  Caller frees. */
static char *header_text(const char *s)
{
	struct sbuf sb = SBUF_INIT(4 * strlen(s) + 16);

	text_utf8_append(&sb, s, strlen(s), true);
	return str_trim(sbuf_detach(&sb));
}

/* Whether text must be RFC 2047-encoded: non-ASCII, something a reader
 * would take for an encoded word, or a word too long to fold. */
static bool needs_encoding(const char *s)
{
	size_t word = 0;

	if (strstr(s, "=?")) {
		return true;
	}
	for (; *s; s++) {
		if ((unsigned char)*s >= 0x80) {
			return true;
		}
		word = *s == ' ' ? 0 : word + 1;
		if (word > PLAIN_WORD_MAX) {
			return true;
		}
	}
	return false;
}

/* Unstructured text: plain words folded at spaces, or encoded words. */
static void write_text(struct sbuf *sb, const char *name, const char *value)
{
	struct message_hdr h;
	char *text = header_text(value);

	message_hdr_begin(&h, sb, name);
	if (needs_encoding(text)) {
		message_hdr_encoded(&h, text);
	} else if (*text) {
		for (const char *p = text;; p++) {
			size_t n = strcspn(p, " ");

			message_hdr_word(&h, p, n);
			p += n;
			if (!*p) {
				break;
			}
		}
	}
	message_hdr_end(&h);
	free(text);
}

static void write_from(struct sbuf *sb, const struct message_out *out)
{
	struct message_hdr h;
	char *name = header_text(out->from_name ? out->from_name : "");
	struct sbuf w = SBUF_INIT(ADDRESS_MAX + 3);

	message_hdr_begin(&h, sb, "From");
	/* A quoted name is written as one word: keep it short. */
	if (needs_encoding(name) || strlen(name) > PLAIN_WORD_MAX ||
	    strpbrk(name, "\"\\")) {
		message_hdr_encoded(&h, name);
	} else if (*name) {
		sbuf_addf(&w, "\"%s\"", name);
		message_hdr_word(&h, sbuf_str(&w), w.len);
		sbuf_reset(&w);
	}
	sbuf_addf(&w, "<%s>", out->from_addr);
	message_hdr_word(&h, sbuf_str(&w), w.len);
	message_hdr_end(&h);
	sbuf_release(&w);
	free(name);
}

static void write_addresses(struct sbuf *sb, const char *name,
			    const char *const *list)
{
	struct message_hdr h;
	struct sbuf w = SBUF_INIT(ADDRESS_MAX + 2);

	message_hdr_begin(&h, sb, name);
	for (size_t i = 0; list[i]; i++) {
		sbuf_reset(&w);
		sbuf_adds(&w, list[i]);
		if (list[i + 1]) {
			sbuf_addch(&w, ',');
		}
		message_hdr_word(&h, sbuf_str(&w), w.len);
	}
	message_hdr_end(&h);
	sbuf_release(&w);
}

/* A header of one word, in angle brackets when angle, folded after the
 * colon when it is long. */
static void write_word(struct sbuf *sb, const char *name, const char *value,
		       bool angle)
{
	struct message_hdr h;
	char *w = angle ? xasprintf("<%s>", value) : xstrdup(value);

	message_hdr_begin(&h, sb, name);
	message_hdr_word(&h, w, strlen(w));
	message_hdr_end(&h);
	free(w);
}

static void ref_word(struct message_hdr *h, struct sbuf *sb, size_t *n,
		     const char *id)
{
	char *w = xasprintf("<%s>", id);

	if (*n == 0) {
		message_hdr_begin(h, sb, "References");
	}
	(*n)++;
	message_hdr_word(h, w, strlen(w));
	free(w);
}

/* In-Reply-To, and References ending with the parent; ids that are not
 * valid are left out (they come from incoming mail). */
static void write_threading(struct sbuf *sb, const struct message_out *out)
{
	const char *parent =
	    check_id(out->in_reply_to, false) ? out->in_reply_to : NULL;
	struct message_hdr h;
	size_t n = 0;

	if (parent) {
		write_word(sb, "In-Reply-To", parent, true);
	}
	for (size_t i = 0; out->references && out->references[i]; i++) {
		const char *id = out->references[i];

		if (check_id(id, false) && !(parent && !strcmp(id, parent))) {
			ref_word(&h, sb, &n, id);
		}
	}
	if (parent) {
		ref_word(&h, sb, &n, parent);
	}
	if (n > 0) {
		message_hdr_end(&h);
	}
}

static void write_headers(struct sbuf *sb, const struct message_out *out)
{
	char date[64];

	message_format_date(out->date ? out->date : time(NULL), date);
	sbuf_addf(sb, "Date: %s\r\n", date);
	write_from(sb, out);
	write_addresses(sb, "To", out->to);
	if (out->cc && out->cc[0]) {
		write_addresses(sb, "Cc", out->cc);
	}
	if (out->reply_to) {
		write_word(sb, "Reply-To", out->reply_to, false);
	}
	write_text(sb, "Subject", out->subject);
	write_word(sb, "Message-ID", out->message_id, true);
	write_threading(sb, out);
	sbuf_adds(sb, "MIME-Version: 1.0\r\n"
		      "Auto-Submitted: auto-generated\r\n"
		      "X-Auto-Response-Suppress: All\r\n");
	if (out->item_key) {
		sbuf_addf(sb, "X-Congvan-Item: %s\r\n", out->item_key);
	}
}

int message_compose(const struct message_out *out, char **msg_r, size_t *len_r,
		    char **error_r)
{
	size_t at;

	return message_compose_deferred(out, SIZE_MAX, msg_r, len_r, &at,
					error_r);
}

int message_compose_deferred(const struct message_out *out, size_t deferred,
			     char **msg_r, size_t *len_r, size_t *at_r,
			     char **error_r)
{
	struct sbuf sb = SBUF_INIT(COMPOSE_MAX);
	int ret = -1;

	*msg_r = NULL;
	*at_r = 0;
	if (len_r) {
		*len_r = 0;
	}
	if (check_out(out, error_r) < 0 ||
	    message_check_parts(out, error_r) < 0) {
		goto out;
	}
	if (deferred != SIZE_MAX && deferred >= out->n_attachments) {
		*error_r = xstrdup("message: no such attachment to leave out");
		goto out;
	}
	write_headers(&sb, out);
	message_write_body(&sb, out, deferred, at_r);
	if (sb.overflow) {
		*error_r = xstrdup("message: too large");
		goto out;
	}
	if (len_r) {
		*len_r = sb.len;
	}
	*msg_r = sbuf_detach(&sb);
	ret = 0;
out:
	sbuf_release(&sb);
	return ret;
}

/* Appends the bytes of s in keep; others become '-' (or are dropped when
 * repl is 0), at most max bytes. */
static void append_clean(struct sbuf *sb, const char *s, const char *keep,
			 char repl, size_t max)
{
	for (size_t i = 0; s[i] && i < max; i++) {
		if (strchr(keep, s[i])) {
			sbuf_addch(sb, s[i]);
		} else if (repl) {
			sbuf_addch(sb, repl);
		}
	}
}

char *message_make_id(const char *domain, const char *secret)
{
	struct sbuf sb = SBUF_INIT(ID_MAX);
	unsigned char rnd[ID_RANDOM_BYTES];
	char hex[2 * ID_RANDOM_BYTES + 1], mark[ID_MARK_HEX + 1];
	size_t at;

	message_random_bytes(rnd, sizeof(rnd));
	hex_encode(rnd, sizeof(rnd), hex);
	sbuf_addf(&sb, "cv.%08" PRIx32 "%s", (uint32_t)time(NULL), hex);
	if (secret && *secret) {
		util_hmac_hex(secret, "message-id:", sbuf_str(&sb), ID_MARK_HEX,
			      mark);
		sbuf_addf(&sb, ".%s", mark);
	}
	sbuf_addch(&sb, '@');
	at = sb.len;
	append_clean(&sb, domain ? domain : "", ALNUM ".-", 0, 128);
	if (sb.len == at) {
		sbuf_adds(&sb, "localhost");
	}
	return sbuf_detach(&sb);
}

bool message_id_is_ours(const char *id, const char *secret)
{
	/* "cv.", the hex (time and random part, or before ID_TIME_HEX the
	 * random part alone), ".", the mark, "@" */
	char local[3 + ID_TIME_HEX + 2 * ID_RANDOM_BYTES + 1],
	    mark[ID_MARK_HEX + 1];
	unsigned char diff = 0;
	size_t hex_len, rand_len;

	if (!id || !secret || !*secret || strncmp(id, "cv.", 3) != 0) {
		return false;
	}
	hex_len = strspn(id + 3, "0123456789abcdef");
	if (hex_len != 2 * ID_RANDOM_BYTES &&
	    hex_len != ID_TIME_HEX + 2 * ID_RANDOM_BYTES) {
		return false;
	}
	rand_len = 3 + hex_len;
	if (strlen(id) < rand_len + 1 + ID_MARK_HEX + 2 ||
	    id[rand_len] != '.' || id[rand_len + 1 + ID_MARK_HEX] != '@') {
		return false;
	}
	memcpy(local, id, rand_len);
	local[rand_len] = '\0';
	util_hmac_hex(secret, "message-id:", local, ID_MARK_HEX, mark);
	for (size_t i = 0; i < ID_MARK_HEX; i++) {
		diff |= (unsigned char)(mark[i] ^ id[rand_len + 1 + i]);
	}
	return diff == 0;
}

void message_format_date(time_t t, char buf[64])
{
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed",
					   "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr",
					     "May", "Jun", "Jul", "Aug",
					     "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;
	time_t local;

	/* Years 1 to 9999 only, so the addition cannot overflow. */
	if (t < -62135596800LL || t > 253402300799LL - UTC_PLUS_7) {
		t = 0;
	}
	local = t + UTC_PLUS_7;
	if (!gmtime_r(&local, &tm)) {
		memset(&tm, 0, sizeof(tm));
		tm.tm_mday = 1;
		tm.tm_year = 70;
		tm.tm_wday = 4;
	}
	snprintf(buf, 64, "%s, %d %s %04d %02d:%02d:%02d +0700",
		 days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
		 tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}
