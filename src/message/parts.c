/* The body of outgoing mail: the text, the iMIP calendar part (RFC 6047)
 * and attachments.
 *
 *   text only            text/plain
 *   + html or calendar   multipart/alternative: text/plain, text/html,
 *                        text/calendar (the richest last, RFC 2046)
 *   + attachments        multipart/mixed: the body above, then each file
 *
 * Boundaries are "=_cv." and 32 random hex digits, drawn anew for every
 * multipart, so no boundary is a prefix of another.  No boundary can
 * occur in the content, whatever the content, without scanning for it,
 * because nothing written between delimiters holds "=_" other than a
 * nested multipart's own boundary (other random digits):
 * - quoted-printable writes '=' only before two hex digits or before the
 *   line break of a soft break;
 * - base64 writes '=' only as padding, before '=' or the line break;
 * - the part headers are ours: types are checked tokens without '=', the
 *   calendar method is letters, digits and '-', and parameter values are
 *   plain quoted text without '=', or RFC 2047 words ("=?UTF-8?B?...?="
 *   then '"' or a space) or RFC 2231 percent-encoding ('=' is "%3D"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

#define BOUNDARY_SIZE      (5 + 32 + 1) /* "=_cv." hex, NUL */
#define TYPE_MAX           127
#define ALNUM              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
#define TYPE_CHARS         ALNUM "!#$&-^_.+" /* RFC 6838 */
#define METHOD_MAX         32
#define METHOD_CHARS       ALNUM "-"
#define CONTENT_LINE_MAX   1024 /* of the METHOD line, unfolded */
#define FILENAME_MAX_BYTES 200
#define EXTENSION_MAX      16 /* bytes of an extension kept when cutting */
#define PREAMBLE           "This is a multi-part message in MIME format.\r\n"
#define RFC822             "message/rfc822"
#define LINE_MAX_OCTETS    998 /* RFC 5322 */

/* --- checking ---------------------------------------------------------- */

/* "type/subtype" of RFC 6838 characters; multipart and message types are
 * refused (RFC 2045 forbids them base64), except message/rfc822, which is
 * embedded as it is (write_attachment). */
static int check_type(const char *t, size_t k, char **error_r)
{
	size_t len = strlen(t);
	size_t slash = strcspn(t, "/");

	if (len == 0 || len > TYPE_MAX || slash == 0 || slash + 1 >= len ||
	    strspn(t, TYPE_CHARS) != slash ||
	    strspn(t + slash + 1, TYPE_CHARS) != len - slash - 1) {
		*error_r = xasprintf("message: attachment %zu: invalid content"
				     " type (expected type/subtype)",
				     k + 1);
		return -1;
	}
	if (str_istartswith(t, "multipart/") ||
	    (str_istartswith(t, "message/") && !str_iequal(t, RFC822))) {
		*error_r = xasprintf("message: attachment %zu: multipart and"
				     " message types cannot be attached",
				     k + 1);
		return -1;
	}
	return 0;
}

static int check_attachments(const struct message_out *out, char **error_r)
{
	size_t total = 0;

	if (out->n_attachments > 0 && !out->attachments) {
		*error_r = xstrdup("message: attachments missing");
		return -1;
	}
	for (size_t k = 0; k < out->n_attachments; k++) {
		const struct message_attachment *a = &out->attachments[k];

		if (!a->data && a->len > 0) {
			*error_r = xasprintf("message: attachment %zu has no"
					     " data",
					     k + 1);
			return -1;
		}
		if (a->content_type &&
		    check_type(a->content_type, k, error_r) < 0) {
			return -1;
		}
		if (a->len > MESSAGE_ATTACHMENTS_MAX - total) {
			*error_r = xasprintf("message: attachments too large"
					     " (more than %d MiB in all)",
					     MESSAGE_ATTACHMENTS_MAX >> 20);
			return -1;
		}
		total += a->len;
	}
	return 0;
}

static bool check_method(const char *m)
{
	size_t len = m ? strlen(m) : 0;

	return len > 0 && len <= METHOD_MAX && strspn(m, METHOD_CHARS) == len;
}

/* The content line starting at p, unfolded (RFC 5545 3.1). */
static void unfold_line(const char *p, struct sbuf *line)
{
	for (; *p; p++) {
		if (*p == '\r') {
			continue;
		}
		if (*p == '\n') {
			if (p[1] != ' ' && p[1] != '\t') {
				break;
			}
			p++;
			continue;
		}
		sbuf_addch(line, *p);
	}
}

static const char *next_line(const char *p)
{
	const char *nl = strchr(p, '\n');

	return nl ? nl + 1 : NULL;
}

/* The value of the calendar's first METHOD property into method_r; false
 * when there is none or it is not a token. */
static bool calendar_method(const char *cal, char method_r[METHOD_MAX + 1])
{
	for (const char *p = cal; p; p = next_line(p)) {
		struct sbuf line = SBUF_INIT(CONTENT_LINE_MAX);
		char *v;
		bool ok;

		if (!str_istartswith(p, "METHOD") ||
		    (p[6] != ':' && p[6] != ';')) {
			continue;
		}
		unfold_line(p, &line);
		v = line.buf ? strchr(line.buf, ':') : NULL;
		v = v ? str_trim(v + 1) : NULL;
		ok = v && check_method(v);
		if (ok) {
			memcpy(method_r, v, strlen(v) + 1); /* checked: fits */
		}
		sbuf_release(&line);
		return ok;
	}
	return false;
}

static int check_calendar(const struct message_out *out, char **error_r)
{
	char found[METHOD_MAX + 1];

	if (!out->calendar) {
		return 0;
	}
	if (!check_method(out->calendar_method)) {
		*error_r = xstrdup("message: calendar method missing or invalid"
				   " (expected e.g. REQUEST)");
		return -1;
	}
	if (!calendar_method(out->calendar, found)) {
		*error_r = xstrdup("message: calendar has no METHOD property");
		return -1;
	}
	if (!str_iequal(found, out->calendar_method)) {
		*error_r = xasprintf("message: calendar METHOD '%s' differs"
				     " from calendar method '%s'",
				     found, out->calendar_method);
		return -1;
	}
	return 0;
}

int message_check_parts(const struct message_out *out, char **error_r)
{
	if (check_attachments(out, error_r) < 0) {
		return -1;
	}
	return check_calendar(out, error_r);
}

/* --- file names -------------------------------------------------------- */

/* Invisible characters that reorder text: "gpj.exe" shown as "exe.jpg". */
static bool bidi_control(int32_t cp)
{
	return cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

/* Drops trailing spaces and dots (Windows drops them anyway). */
static void trim_end(struct sbuf *sb)
{
	while (sb->len > 0 &&
	       (sb->buf[sb->len - 1] == ' ' || sb->buf[sb->len - 1] == '.')) {
		sb->buf[--sb->len] = '\0';
	}
}

/* Cuts name to FILENAME_MAX_BYTES between characters, keeping a short
 * extension. */
static void cut_name(struct sbuf *name)
{
	const char *s = sbuf_str(name);
	const char *dot = strrchr(s, '.');
	size_t ext =
	    dot && dot > s && strlen(dot) <= EXTENSION_MAX ? strlen(dot) : 0;
	char *tail = xstrdup(s + name->len - ext);
	size_t keep = 0;

	while (keep < name->len) {
		size_t j = keep;

		text_utf8_next(s, name->len, &j);
		if (j > FILENAME_MAX_BYTES - ext) {
			break;
		}
		keep = j;
	}
	name->len = keep;
	name->buf[keep] = '\0';
	trim_end(name);
	sbuf_adds(name, tail);
	free(tail);
}

char *message_filename_clean(const char *name)
{
	struct sbuf utf8 = SBUF_INIT(4 * strlen(name) + 16);
	struct sbuf out = SBUF_INIT(SIZE_MAX);
	size_t i = 0;

	/* Valid UTF-8, control characters (CR, LF, tab ...) as spaces. */
	text_utf8_append(&utf8, name, strlen(name), true);
	while (i < utf8.len) {
		int32_t cp = text_utf8_next(utf8.buf, utf8.len, &i);

		if (cp <= 0 || bidi_control(cp) ||
		    (cp == ' ' &&
		     (out.len == 0 || out.buf[out.len - 1] == ' '))) {
			continue;
		}
		if (cp < 0x80 && strchr("/\\\"*:<>?|", cp)) {
			cp = '_';
		}
		if (cp == '.' && out.len == 0) {
			cp = '_'; /* no hidden file, no ".." */
		}
		text_utf8_put(&out, (uint32_t)cp);
	}
	sbuf_release(&utf8);
	trim_end(&out);
	if (out.len > FILENAME_MAX_BYTES) {
		cut_name(&out);
	}
	if (out.len == 0) {
		sbuf_release(&out);
		return NULL;
	}
	return sbuf_detach(&out);
}

/* --- writing ----------------------------------------------------------- */

static void new_boundary(char bnd[BOUNDARY_SIZE])
{
	unsigned char rnd[16];
	char hex[2 * sizeof(rnd) + 1];

	message_random_bytes(rnd, sizeof(rnd));
	hex_encode(rnd, sizeof(rnd), hex);
	memcpy(bnd, "=_cv.", 5);
	memcpy(bnd + 5, hex, sizeof(hex));
}

/* A delimiter line, "--" boundary CRLF, or with last the close
 * delimiter, "--" boundary "--" CRLF.  The lines of a body are written
 * with plain appends, not sbuf_addf: its two vsnprintf calls cost more
 * than encoding a line of the text. */
static void delimiter(struct sbuf *sb, const char bnd[BOUNDARY_SIZE], bool last)
{
	sbuf_add(sb, "--", 2);
	sbuf_add(sb, bnd, BOUNDARY_SIZE - 1);
	sbuf_adds(sb, last ? "--\r\n" : "\r\n");
}

/* Ends the content of a part with a line break, so that the delimiter's
 * CRLF (which belongs to the delimiter) follows one. */
static void end_content(struct sbuf *sb, size_t start)
{
	if (sb->len == start || sb->len < 2 ||
	    memcmp(sb->buf + sb->len - 2, "\r\n", 2) != 0) {
		sbuf_add(sb, "\r\n", 2);
	}
}

/* body as valid UTF-8: itself when it is (the common case, no copy), else
 * a repaired copy in fixed (text_utf8_append).  *high_r counts its bytes
 * of 0x80 and above. */
static const char *utf8_body(const char *body, size_t *len_r, size_t *high_r,
			     struct sbuf *fixed)
{
	size_t len = strlen(body);

	if (!text_utf8_valid_count(body, len, high_r)) {
		text_utf8_append(fixed, body, len, false);
		body = sbuf_str(fixed);
		len = fixed->len;
		text_utf8_valid_count(body, len, high_r);
	}
	*len_r = len;
	return body;
}

/* Whether quoted-printable, which writes each of the high bytes and each
 * '=' as "=XX", would be larger than base64 (4/3): a text mostly outside
 * ASCII (Vietnamese) grows to nearly three times its size in it.  The
 * '=' are only counted when the high bytes alone do not decide. */
static bool base64_smaller(const char *s, size_t len, size_t high)
{
	size_t escaped = high;

	if (3 * (len + 2 * escaped) > 4 * len) {
		return true;
	}
	for (const char *e = memchr(s, '=', len); e;
	     e = memchr(e + 1, '=', len - (size_t)(e + 1 - s))) {
		escaped++;
	}
	return 3 * (len + 2 * escaped) > 4 * len;
}

/* Part headers, a blank line and the body: quoted-printable when most of
 * it is ASCII (readable as it is), else base64, the smaller and cheaper
 * for a text in Vietnamese. */
static void write_text(struct sbuf *sb, const char *type, const char *body)
{
	struct sbuf fixed = SBUF_INIT(4 * strlen(body) + 16);
	size_t len, high, start;
	const char *s = utf8_body(body, &len, &high, &fixed);
	bool base64 = base64_smaller(s, len, high);

	sbuf_adds(sb, "Content-Type: ");
	sbuf_adds(sb, type);
	sbuf_adds(sb, "; charset=utf-8\r\nContent-Transfer-Encoding: ");
	sbuf_adds(sb, base64 ? "base64\r\n\r\n" : "quoted-printable\r\n\r\n");
	if (base64) {
		message_base64_text(sb, s, len);
	} else {
		start = sb->len;
		message_qp_encode(sb, s, len);
		end_content(sb, start);
	}
	sbuf_release(&fixed);
}

/* The calendar as valid UTF-8 with CRLF line ends (RFC 5545 3.1), in
 * base64 so that every byte arrives as written. */
static void write_calendar(struct sbuf *sb, const char *cal)
{
	struct sbuf fixed = SBUF_INIT(4 * strlen(cal) + 16);
	char param[sizeof("method=") + METHOD_MAX] = "method=";
	char *method = param + sizeof("method=") - 1;
	size_t len, high;
	const char *s = utf8_body(cal, &len, &high, &fixed);
	struct message_hdr h;

	/* The parameter repeats the object's METHOD exactly (checked). */
	calendar_method(cal, method);
	message_hdr_begin(&h, sb, "Content-Type");
	message_hdr_word(&h, "text/calendar;", 14);
	message_hdr_word(&h, "charset=UTF-8;", 14);
	message_hdr_word(&h, param, strlen(param));
	message_hdr_end(&h);
	sbuf_adds(sb, "Content-Transfer-Encoding: base64\r\n\r\n");
	message_base64_text(sb, s, len);
	sbuf_release(&fixed);
}

/* Whether a message can be embedded as message/rfc822 without an
 * encoding: no NUL, no bare CR, lines of at most 998 octets.  *ascii_r
 * tells 7bit from 8bit. */
static bool embeddable(const char *p, size_t len, bool *ascii_r)
{
	size_t line = 0;

	*ascii_r = true;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == '\n') {
			line = 0;
			continue;
		}
		if (c == '\0' ||
		    (c == '\r' && (i + 1 == len || p[i + 1] != '\n')) ||
		    ++line > LINE_MAX_OCTETS + 1) {
			return false;
		}
		*ascii_r = *ascii_r && c < 0x80;
	}
	return len > 0;
}

/* A message embedded as it is, with CRLF line ends.  Our boundaries are
 * random (128 bits): one occurring in the message is not a concern. */
static void write_embedded(struct sbuf *sb, const struct message_attachment *a)
{
	/* Runs up to each bare LF copied whole: a letter is hundreds of KB. */
	for (size_t i = 0; i < a->len;) {
		const char *lf = memchr(a->data + i, '\n', a->len - i);
		size_t end = lf ? (size_t)(lf - a->data) : a->len;

		sbuf_add(sb, a->data + i, end - i);
		if (lf) {
			if (end == 0 || a->data[end - 1] != '\r') {
				sbuf_addch(sb, '\r');
			}
			sbuf_addch(sb, '\n');
			end++;
		}
		i = end;
	}
}

void message_attachment_write(struct sbuf *sb,
			      const struct message_attachment *a)
{
	bool ascii = true;
	bool embed = a->content_type && str_iequal(a->content_type, RFC822) &&
		     embeddable(a->data, a->len, &ascii);
	char *name = a->filename ? message_filename_clean(a->filename) : NULL;
	char *type = xstrdup(
	    a->content_type && (embed || !str_iequal(a->content_type, RFC822))
		? a->content_type
		: "application/octet-stream");
	struct sbuf w = SBUF_INIT(SIZE_MAX);
	struct message_hdr h;
	size_t start;

	for (char *p = type; *p; p++) {
		*p = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
	}
	sbuf_addf(&w, "%s%s", type, name ? ";" : "");
	message_hdr_begin(&h, sb, "Content-Type");
	message_hdr_word(&h, sbuf_str(&w), w.len);
	if (name) {
		message_hdr_param_2047(&h, "name", name, true);
	}
	message_hdr_end(&h);
	message_hdr_begin(&h, sb, "Content-Disposition");
	message_hdr_word(&h, name ? "attachment;" : "attachment",
			 name ? 11 : 10);
	if (name) {
		message_hdr_param_2231(&h, "filename", name, true);
	}
	message_hdr_end(&h);
	sbuf_addf(sb, "Content-Transfer-Encoding: %s\r\n\r\n",
		  !embed  ? "base64"
		  : ascii ? "7bit"
			  : "8bit");
	start = sb->len;
	if (embed) {
		write_embedded(sb, a);
	} else {
		message_base64_lines(sb, (const unsigned char *)a->data,
				     a->len);
	}
	end_content(sb, start);
	sbuf_release(&w);
	free(type);
	free(name);
}

/* The Content-Type of a multipart, then the preamble when top-level. */
static void multipart_begin(struct sbuf *sb, const char *subtype,
			    char bnd[BOUNDARY_SIZE], bool top)
{
	new_boundary(bnd);
	sbuf_adds(sb, "Content-Type: multipart/");
	sbuf_adds(sb, subtype);
	sbuf_adds(sb, ";\r\n boundary=\"");
	sbuf_add(sb, bnd, BOUNDARY_SIZE - 1);
	sbuf_adds(sb, "\"\r\n\r\n");
	if (top) {
		sbuf_adds(sb, PREAMBLE);
	}
}

/* The text alone, or the alternative of text, HTML and calendar. */
static void write_alternative(struct sbuf *sb, const struct message_out *out,
			      bool top)
{
	char bnd[BOUNDARY_SIZE];

	if (!out->html && !out->calendar) {
		write_text(sb, "text/plain", out->text);
		return;
	}
	multipart_begin(sb, "alternative", bnd, top);
	delimiter(sb, bnd, false);
	write_text(sb, "text/plain", out->text);
	if (out->html) {
		delimiter(sb, bnd, false);
		write_text(sb, "text/html", out->html);
	}
	if (out->calendar) {
		delimiter(sb, bnd, false);
		write_calendar(sb, out->calendar);
	}
	delimiter(sb, bnd, true);
}

void message_text_part_write(struct sbuf *sb, const char *text)
{
	write_text(sb, "text/plain", text);
}

void message_write_body(struct sbuf *sb, const struct message_out *out,
			size_t deferred, size_t *at_r)
{
	char bnd[BOUNDARY_SIZE];

	if (out->n_attachments == 0) {
		write_alternative(sb, out, true);
		return;
	}
	multipart_begin(sb, "mixed", bnd, true);
	delimiter(sb, bnd, false);
	write_alternative(sb, out, false);
	for (size_t k = 0; k < out->n_attachments; k++) {
		delimiter(sb, bnd, false);
		if (k == deferred) {
			*at_r = sb->len;
		} else {
			message_attachment_write(sb, &out->attachments[k]);
		}
	}
	delimiter(sb, bnd, true);
}
