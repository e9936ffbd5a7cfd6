/* The MIME fields of one part, read from its raw header block.
 *
 * libetpan's MIME field parser is not used: libetpan 1.9.4 turns 8-bit bytes of
 * a Content-Type parameter into '?' (a raw UTF-8 name="Công văn.pdf" comes out
 * "C??ng v??n.pdf"), converts RFC 2047 words itself with charconv, and leaves
 * RFC 2231 continuations (filename*0*=, filename*1*=) as separate parameters.
 * So Content-Type, Content-Disposition and Content-Transfer-Encoding are read
 * here: parameters with quoted strings, RFC 2231 charset and
 * continuations, RFC 2047 words and raw 8-bit (through
 * message_decode_header). */
#include <stdlib.h>
#include <string.h>

#include "congvan/message.h"
#include "private.h"

#define PARAMS_MAX   64
#define SEGMENTS_MAX 64
#define NAME_MAX_LEN 63

struct param {
	char name[NAME_MAX_LEN + 1]; /* lower-case */
	char *value;                 /* unquoted */
};

struct params {
	struct param p[PARAMS_MAX];
	size_t n;
};

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool is_wsp(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool ci_prefix(const char *s, size_t len, const char *p, size_t n)
{
	if (len < n) {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (lower(s[i]) != p[i]) {
			return false;
		}
	}
	return true;
}

/* Start of the line after the one holding s[i]. */
static size_t next_line(const char *s, size_t len, size_t i)
{
	const char *nl = memchr(s + i, '\n', len - i);

	return nl ? (size_t)(nl - s) + 1 : len;
}

/* End of the field starting at i: its last continuation line included. */
static size_t field_end(const char *s, size_t len, size_t i)
{
	do {
		i = next_line(s, len, i);
	} while (i < len && (s[i] == ' ' || s[i] == '\t'));
	return i;
}

size_t mime_header_len(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		if (s[i] == '\n') {
			return i + 1;
		}
		if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n') {
			return i + 2;
		}
		i = next_line(s, len, i);
	}
	return len;
}

/* Where the value of field name (lower-case) starts when the line at i
 * is that field; 0 otherwise. */
static size_t field_value_at(const char *s, size_t len, size_t i,
			     const char *name)
{
	size_t n = strlen(name);
	size_t j = i + n;

	if (!ci_prefix(s + i, len - i, name, n)) {
		return 0;
	}
	while (j < len && (s[j] == ' ' || s[j] == '\t')) {
		j++;
	}
	return j < len && s[j] == ':' ? j + 1 : 0;
}

/* The unfolded, trimmed value in [a, b) into value. */
static void unfold(const char *s, size_t a, size_t b, struct sbuf *value)
{
	sbuf_reset(value);
	for (size_t i = a; i < b; i++) {
		if (s[i] != '\r' && s[i] != '\n') {
			sbuf_addch(value, s[i]);
		}
	}
	if (value->buf) {
		str_trim(value->buf);
		value->len = strlen(value->buf);
	}
}

bool mime_header_get(const char *hdr, size_t len, const char *name,
		     struct sbuf *value)
{
	char lname[64];
	size_t n = 0;
	size_t i = 0;

	for (; name[n] && n < sizeof(lname) - 1; n++) {
		lname[n] = lower(name[n]);
	}
	lname[n] = '\0';
	len = len < MIME_HEADER_MAX ? len : MIME_HEADER_MAX;
	while (i < len && hdr[i] != '\n' && hdr[i] != '\r') {
		size_t v = field_value_at(hdr, len, i, lname);
		size_t end = field_end(hdr, len, i);

		if (v) {
			unfold(hdr, v, end, value);
			return true;
		}
		i = end;
	}
	sbuf_reset(value);
	return false;
}

/* --- parameters ---------------------------------------------------- */

/* A quoted string at *p (after the '"'), backslash escapes undone. */
static char *read_quoted(const char **p)
{
	struct sbuf sb = SBUF_INIT(MIME_HEADER_MAX);
	const char *s = *p;

	while (*s && *s != '"') {
		if (*s == '\\' && s[1]) {
			s++;
		}
		sbuf_addch(&sb, *s++);
	}
	*p = *s ? s + 1 : s;
	return sbuf_detach(&sb);
}

/* After white space at s: whether a "name=" follows (a parameter whose
 * ';' was left out), which ends an unquoted value. */
static bool param_follows(const char *s)
{
	while (*s == ' ' || *s == '\t') {
		s++;
	}
	if (*s == '\0' || *s == '=') {
		return false;
	}
	while (*s && *s != '=' && *s != ';' && !is_wsp(*s) && *s != '"') {
		s++;
	}
	return *s == '=';
}

/* An unquoted value: up to ';', or white space before another name=. */
static char *read_token(const char **p)
{
	const char *s = *p;
	const char *start = s;
	char *r;

	while (*s && *s != ';' && !(is_wsp(*s) && param_follows(s))) {
		s++;
	}
	*p = s;
	r = xstrndup(start, (size_t)(s - start));
	return str_trim(r);
}

/* One "name=value" at *p; false at the end. */
/* A quoted string or a token at *p. */
static char *read_value(const char **p)
{
	if (**p == '"') {
		(*p)++;
		return read_quoted(p);
	}
	return read_token(p);
}

static bool read_param(const char **p, struct params *ps)
{
	const char *s = *p;
	size_t n = 0;
	char name[NAME_MAX_LEN + 1];
	char *value;

	while (is_wsp(*s) || *s == ';') {
		s++;
	}
	if (!*s) {
		return false;
	}
	while (*s && *s != '=' && *s != ';' && !is_wsp(*s)) {
		if (n < NAME_MAX_LEN) {
			name[n++] = lower(*s);
		}
		s++;
	}
	name[n] = '\0';
	while (is_wsp(*s)) {
		s++;
	}
	if (*s != '=') {
		*p = s + (*s == ';');
		return true; /* a name without value: skipped */
	}
	s++;
	while (is_wsp(*s)) {
		s++;
	}
	value = read_value(&s);
	if (ps->n < PARAMS_MAX && n > 0) {
		memcpy(ps->p[ps->n].name, name, n + 1);
		ps->p[ps->n++].value = value;
	} else {
		free(value);
	}
	*p = s;
	return true;
}

/* Parses "type/subtype; a=b" (or "attachment; a=b"): the first token,
 * lower-cased, into first (cap bytes), the parameters into ps. */
static void params_parse(const char *v, char *first, size_t cap,
			 struct params *ps)
{
	size_t n = 0;

	ps->n = 0;
	while (*v && *v != ';' && *v != '(') {
		if (!is_wsp(*v) && n + 1 < cap) {
			first[n++] = lower(*v);
		}
		v++;
	}
	first[n] = '\0';
	v += strcspn(v, ";"); /* a comment after the type */
	while (read_param(&v, ps)) {
	}
}

static void params_free(struct params *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		free(ps->p[i].value);
	}
	ps->n = 0;
}

static const char *param_get(const struct params *ps, const char *name)
{
	for (size_t i = 0; i < ps->n; i++) {
		if (!strcmp(ps->p[i].name, name)) {
			return ps->p[i].value;
		}
	}
	return NULL;
}

/* --- RFC 2231 -------------------------------------------------------- */

struct segment {
	const char *value;
	bool extended;
};

/* If name is base "*", or base "*" N, or base "*" N "*", stores the
 * segment; true when it was one. */
static bool take_segment(const struct param *pa, const char *base,
			 struct segment segs[SEGMENTS_MAX])
{
	size_t bl = strlen(base);
	const char *s = pa->name + bl;
	size_t idx = 0;
	size_t digits = 0;

	if (strncmp(pa->name, base, bl) != 0 || *s != '*') {
		return false;
	}
	s++;
	if (*s == '\0') {
		segs[0] = (struct segment){pa->value, true};
		return true;
	}
	while (*s >= '0' && *s <= '9' && digits < 3) {
		idx = idx * 10 + (size_t)(*s++ - '0');
		digits++;
	}
	if (digits == 0 || idx >= SEGMENTS_MAX || (*s && strcmp(s, "*"))) {
		return false;
	}
	segs[idx] = (struct segment){pa->value, *s == '*'};
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	c = lower(c);
	return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

static void percent_decode(const char *s, struct sbuf *out)
{
	for (; *s; s++) {
		int hi = s[0] == '%' ? hexval(s[1]) : -1;
		int lo = hi >= 0 ? hexval(s[2]) : -1;

		if (lo >= 0) {
			sbuf_addch(out, (char)(hi << 4 | lo));
			s += 2;
		} else {
			sbuf_addch(out, *s);
		}
	}
}

/* Splits "charset'lang'text" of a first extended segment. */
static const char *split_charset(const char *v, char *cs, size_t cap)
{
	const char *q1 = strchr(v, '\'');
	const char *q2 = q1 ? strchr(q1 + 1, '\'') : NULL;
	size_t n;

	cs[0] = '\0';
	if (!q2) {
		return v;
	}
	n = (size_t)(q1 - v) < cap - 1 ? (size_t)(q1 - v) : cap - 1;
	memcpy(cs, v, n);
	cs[n] = '\0';
	return q2 + 1;
}

/* The RFC 2231 value of base as UTF-8, or NULL when it has none. */
static char *rfc2231_value(const struct params *ps, const char *base)
{
	struct segment segs[SEGMENTS_MAX] = {{NULL, false}};
	struct sbuf raw = SBUF_INIT(MIME_HEADER_MAX);
	struct sbuf utf = SBUF_INIT(4 * MIME_HEADER_MAX);
	char cs[64] = "";
	bool any = false;
	char *r;

	for (size_t i = 0; i < ps->n; i++) {
		any |= take_segment(&ps->p[i], base, segs);
	}
	if (!any || !segs[0].value) {
		return NULL;
	}
	for (size_t k = 0; k < SEGMENTS_MAX && segs[k].value; k++) {
		const char *v = segs[k].value;

		if (k == 0 && segs[0].extended) {
			v = split_charset(v, cs, sizeof(cs));
		}
		if (segs[k].extended) {
			percent_decode(v, &raw);
		} else {
			sbuf_adds(&raw, v);
		}
	}
	mime_charset_append(cs, sbuf_str(&raw), raw.len, &utf);
	r = message_decode_header(sbuf_str(&utf), utf.len);
	sbuf_release(&raw);
	sbuf_release(&utf);
	return r;
}

/* The value of parameter base, decoded to NFC UTF-8; NULL when absent or
 * empty. */
static char *param_text(const struct params *ps, const char *base)
{
	const char *plain = param_get(ps, base);
	char *r = rfc2231_value(ps, base);
	char *nfc;

	if (!r && plain) {
		r = message_decode_header(plain, strlen(plain));
	}
	if (!r || !*r) {
		free(r);
		return NULL;
	}
	nfc = text_nfc(r, strlen(r));
	free(r);
	return nfc;
}

/* --- the part ---------------------------------------------------------- */

static void read_content_type(struct mime_part_info *pi, const char *v,
			      char **name_r)
{
	struct params ps;
	const char *p;

	params_parse(v, pi->type, sizeof(pi->type), &ps);
	if (!strchr(pi->type, '/')) {
		pi->type[0] = '\0'; /* not a type: the default applies */
	}
	p = param_get(&ps, "charset");
	pi->charset = p ? xstrdup(p) : NULL;
	p = param_get(&ps, "format");
	pi->flowed = p && str_iequal(p, "flowed");
	p = param_get(&ps, "delsp");
	pi->delsp = p && str_iequal(p, "yes");
	p = param_get(&ps, "boundary");
	pi->boundary =
	    p && *p ? xstrndup(p, strnlen(p, MIME_BOUNDARY_MAX)) : NULL;
	p = param_get(&ps, "report-type");
	pi->delivery_status = p && str_iequal(p, "delivery-status");
	*name_r = param_text(&ps, "name");
	params_free(&ps);
}

static void read_disposition(struct mime_part_info *pi, const char *v)
{
	struct params ps;
	char first[32];

	params_parse(v, first, sizeof(first), &ps);
	pi->attachment = !strcmp(first, "attachment");
	pi->filename = param_text(&ps, "filename");
	params_free(&ps);
}

static enum mime_cte read_cte(const char *v)
{
	if (str_istartswith(v, "base64")) {
		return MIME_CTE_BASE64;
	}
	if (str_istartswith(v, "quoted-printable")) {
		return MIME_CTE_QP;
	}
	return MIME_CTE_RAW;
}

void mime_part_info_read(const char *hdr, size_t len, struct mime_part_info *pi)
{
	struct sbuf v = SBUF_INIT(MIME_HEADER_MAX);
	char *name = NULL;

	memset(pi, 0, sizeof(*pi));
	if (mime_header_get(hdr, len, "Content-Type", &v)) {
		read_content_type(pi, sbuf_str(&v), &name);
	}
	if (mime_header_get(hdr, len, "Content-Disposition", &v)) {
		read_disposition(pi, sbuf_str(&v));
	}
	if (mime_header_get(hdr, len, "Content-Transfer-Encoding", &v)) {
		pi->cte = read_cte(sbuf_str(&v));
	}
	if (!pi->filename) {
		pi->filename = name;
	} else {
		free(name);
	}
	sbuf_release(&v);
}

void mime_part_info_free(struct mime_part_info *pi)
{
	if (!pi) {
		return;
	}
	free(pi->charset);
	free(pi->filename);
	free(pi->boundary);
	memset(pi, 0, sizeof(*pi));
}
