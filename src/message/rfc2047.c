/* RFC 2047 header decoding and UTF-8 repair.
 *
 * libetpan's mailmime_encoded_phrase_parse() is not used: on libetpan
 * 1.9.4 it loses a character split across two encoded words when the
 * first one carries base64 padding, drops bytes that are not valid in the
 * declared charset, fails the whole phrase on one bad word and decodes an
 * unterminated word into garbage.  Instead each strictly delimited word is
 * handed to libetpan's mailmime_encoded_word_parse() (base64 and Q
 * decoding); the raw bytes of adjacent words in the same charset are
 * joined before conversion, so a split sequence decodes whole, and
 * conversion is done here (see iconv_append). */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libetpan/libetpan.h>

#include "congvan/text.h"
#include "private.h"

#define CHARSET_MAX 64

struct decoder {
	struct sbuf out; /* UTF-8 result */
	struct sbuf run; /* raw bytes of adjacent encoded words */
	char charset[CHARSET_MAX + 1];
};

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

static void cp1252_append(struct sbuf *sb, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		uint32_t c = text_cp1252((unsigned char)s[i]);

		text_utf8_put(sb, is_control(c) ? ' ' : c);
	}
}

static bool label_in(const char *label, const char *const *list)
{
	for (; *list; list++) {
		if (str_iequal(label, *list)) {
			return true;
		}
	}
	return false;
}

/* Converts with iconv rather than libetpan's charconv(), which never
 * flushes the converter: stateful decoders such as windows-1258 (Vietnamese,
 * with combining tone marks) then lose the last character.  Bytes iconv
 * rejects become U+FFFD.  false when the charset is unknown. */
static bool iconv_append(struct sbuf *sb, const char *charset, const char *in,
			 size_t len)
{
	struct sbuf tmp = SBUF_INIT(8 * len + 64);
	iconv_t cd = iconv_open("UTF-8", charset);
	char *ip = (char *)in;
	char buf[1024];
	char *op;
	size_t ol;

	if (cd == (iconv_t)-1) {
		return false;
	}
	while (len > 0) {
		op = buf;
		ol = sizeof(buf);
		if (iconv(cd, &ip, &len, &op, &ol) == (size_t)-1 &&
		    errno != E2BIG) {
			sbuf_add(&tmp, buf, (size_t)(op - buf));
			text_utf8_put(&tmp, 0xfffd);
			ip++;
			len--;
			continue;
		}
		sbuf_add(&tmp, buf, (size_t)(op - buf));
	}
	op = buf;
	ol = sizeof(buf);
	iconv(cd, NULL, NULL, &op, &ol);
	sbuf_add(&tmp, buf, (size_t)(op - buf));
	iconv_close(cd);
	text_utf8_append(sb, tmp.buf ? tmp.buf : "", tmp.len, true);
	sbuf_release(&tmp);
	return true;
}

/* Converts the pending run of encoded-word bytes to UTF-8. */
static void flush_run(struct decoder *d)
{
	static const char *const utf8[] = {"utf-8", "utf8", "us-ascii",
					   "ascii", "",     NULL};
	static const char *const latin1[] = {
	    "iso-8859-1", "iso8859-1", "iso_8859-1",   "latin1",
	    "l1",         "cp1252",    "windows-1252", NULL};

	if (d->run.len == 0) {
		return;
	}
	if (label_in(d->charset, utf8)) {
		text_utf8_append(&d->out, d->run.buf, d->run.len, true);
	} else if (label_in(d->charset, latin1)) {
		cp1252_append(&d->out, d->run.buf, d->run.len);
	} else if (!iconv_append(&d->out, d->charset, d->run.buf, d->run.len)) {
		cp1252_append(&d->out, d->run.buf, d->run.len);
	}
	sbuf_reset(&d->run);
}

static bool is_etoken_char(char c)
{
	return c > ' ' && c < 0x7f && !strchr("()<>@,;:\"/[]?=", c);
}

/* Length of the encoded word "=?charset?B|Q?text?=" starting s, or 0.
 * Strict: no white space or '?' inside the text. */
static size_t encoded_word_len(const char *s, size_t len)
{
	size_t i = 2;

	if (len < 8 || s[0] != '=' || s[1] != '?') {
		return 0;
	}
	while (i < len && is_etoken_char(s[i])) {
		i++;
	}
	if (i == 2 || i - 2 > CHARSET_MAX || i + 3 > len || s[i] != '?' ||
	    s[i + 2] != '?') {
		return 0;
	}
	if (s[i + 1] != 'B' && s[i + 1] != 'b' && s[i + 1] != 'Q' &&
	    s[i + 1] != 'q') {
		return 0;
	}
	for (i += 3; i + 1 < len && !(s[i] == '?' && s[i + 1] == '='); i++) {
		if (s[i] <= ' ' || s[i] == '?' || s[i] >= 0x7f) {
			return 0;
		}
	}
	return i + 1 < len ? i + 2 : 0;
}

/* Decodes one encoded word with libetpan and adds its bytes to the run,
 * flushing first when the charset changes.  false when libetpan refuses
 * the word: the caller then keeps it as text. */
static bool add_word(struct decoder *d, const char *s, size_t n)
{
	struct mailmime_encoded_word *ew = NULL;
	size_t idx = 0;
	int fwd = 0;
	int quote = 0;
	char *star;

	if (mailmime_encoded_word_parse(s, n, &idx, &ew, &fwd, &quote) !=
	    MAILIMF_NO_ERROR) {
		return false;
	}
	star = strchr(ew->wd_charset, '*'); /* RFC 2231 language */
	if (star) {
		*star = '\0';
	}
	if (!str_iequal(d->charset, ew->wd_charset)) {
		flush_run(d);
		snprintf(d->charset, sizeof(d->charset), "%s", ew->wd_charset);
	}
	sbuf_adds(&d->run, ew->wd_text);
	mailmime_encoded_word_free(ew);
	return true;
}

/* Plain text: unfolded (CR and LF removed), controls flattened. */
static void add_plain(struct decoder *d, const char *s, size_t n)
{
	size_t start = 0;

	flush_run(d);
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '\r' || s[i] == '\n') {
			text_utf8_append(&d->out, s + start, i - start, true);
			start = i + 1;
		}
	}
}

static bool is_wsp(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* One step of the decoder at s[*p]; prev_word tells whether the last
 * thing seen was an encoded word (white space between two is dropped). */
static bool decode_step(struct decoder *d, const char *s, size_t len, size_t *p,
			bool prev_word)
{
	size_t i = *p;
	size_t n = encoded_word_len(s + i, len - i);
	size_t q = i + 1;

	if (n > 0 && add_word(d, s + i, n)) {
		*p = i + n;
		return true;
	}
	if (is_wsp(s[i])) {
		bool drop;

		while (q < len && is_wsp(s[q])) {
			q++;
		}
		drop = prev_word && encoded_word_len(s + q, len - q) > 0;
		if (!drop) {
			add_plain(d, s + i, q - i);
		}
		*p = q;
		return drop;
	}
	while (q < len && !is_wsp(s[q]) &&
	       !(s[q] == '=' && q + 1 < len && s[q + 1] == '?')) {
		q++;
	}
	add_plain(d, s + i, q - i);
	*p = q;
	return false;
}

char *message_decode_header(const char *value, size_t len)
{
	struct decoder d = {SBUF_INIT(4 * len + 1024), SBUF_INIT(len + 16), ""};
	size_t p = 0;
	bool prev_word = false;

	while (p < len) {
		prev_word = decode_step(&d, value, len, &p, prev_word);
	}
	flush_run(&d);
	sbuf_release(&d.run);
	return str_trim(sbuf_detach(&d.out));
}
