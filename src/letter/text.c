/* Folding Vietnamese text for keyword matching, and the character tests
 * the parser needs.  Everything here is linear in its input. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "congvan/util.h"
#include "private.h"

#define FOLD_KEEP (-1)
#define FOLD_DROP 0

/* Spaces other than ' ' and '\t' that exports leave in text. */
static bool is_odd_space(int32_t cp)
{
	return cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
	       cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/* Characters that carry nothing: zero widths, soft hyphen, BOM. */
static bool is_invisible(int32_t cp)
{
	return cp == 0xad || (cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 ||
	       cp == 0xfeff;
}

/* Dashes and the bullets Word and PDF exports use for lists. */
static bool is_dash_or_bullet(int32_t cp)
{
	return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0x2022 ||
	       cp == 0x2023 || cp == 0x2043 || cp == 0x25aa || cp == 0x25cf ||
	       cp == 0x25e6 || cp == 0xf0a7 || cp == 0xf0b7 || cp == 0xf0d8;
}

static int fold_ascii(int32_t c)
{
	if (c >= 'A' && c <= 'Z') {
		return c + ('a' - 'A');
	}
	if (c == '\r') {
		return FOLD_DROP;
	}
	if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
		return ' ';
	}
	return c;
}

/* The ASCII character cp folds to, FOLD_DROP, or FOLD_KEEP for its own
 * bytes. */
static int fold_cp(int32_t cp)
{
	utf8proc_int32_t buf[4];
	utf8proc_ssize_t n;
	int boundclass = 0;

	if (cp < 0x80) {
		return fold_ascii(cp);
	}
	if (utf8proc_category(cp) == UTF8PROC_CATEGORY_MN || is_invisible(cp)) {
		return FOLD_DROP;
	}
	if (is_odd_space(cp)) {
		return ' ';
	}
	if (is_dash_or_bullet(cp)) {
		return '-';
	}
	if (cp == 0x110 || cp == 0x111) {
		return 'd';
	}
	n = utf8proc_decompose_char(cp, buf, 4,
				    UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
					UTF8PROC_STRIPMARK,
				    &boundclass);
	if (n == 1 && buf[0] > 0 && buf[0] < 0x80) {
		return fold_ascii(buf[0]);
	}
	return FOLD_KEEP;
}

void ftext_init(struct ftext *ft, const char *s, size_t len)
{
	size_t i = 0;

	ft->orig = s;
	ft->orig_len = len;
	ft->f = xmalloc(len + 1);
	ft->off = xmalloc((len + 1) * sizeof(*ft->off));
	ft->len = 0;
	while (i < len) {
		int32_t cp;
		utf8proc_ssize_t n =
		    utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				     (utf8proc_ssize_t)(len - i), &cp);
		int c = n > 0 ? fold_cp(cp) : '?';

		if (n <= 0) {
			n = 1;
		}
		for (utf8proc_ssize_t k = 0; c != FOLD_DROP && k < n; k++) {
			ft->f[ft->len] = c == FOLD_KEEP ? s[i + k] : (char)c;
			ft->off[ft->len++] = (uint32_t)(i + k);
			if (c != FOLD_KEEP) {
				break;
			}
		}
		i += (size_t)n;
	}
	ft->f[ft->len] = '\0';
	ft->off[ft->len] = (uint32_t)len;
}

void ftext_release(struct ftext *ft)
{
	FREE_AND_NULL(ft->f);
	FREE_AND_NULL(ft->off);
	ft->len = 0;
}

char *ftext_copy(const struct ftext *ft, size_t fs, size_t fe)
{
	if (fs >= fe || fe > ft->len) {
		return NULL;
	}
	return text_clean(ft->orig + ft->off[fs], ft->off[fe] - ft->off[fs]);
}

bool fold_is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}

bool fold_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

size_t fold_skip_blank(const char *f, size_t pos, size_t end, bool newlines)
{
	while (pos < end &&
	       (fold_is_blank(f[pos]) || (newlines && f[pos] == '\n'))) {
		pos++;
	}
	return pos;
}

size_t fold_match(const char *f, size_t pos, size_t end, const char *pat)
{
	for (; *pat; pat++) {
		if (*pat == ' ') {
			pos = fold_skip_blank(f, pos, end, false);
			continue;
		}
		if (pos >= end || f[pos] != *pat) {
			return 0;
		}
		pos++;
	}
	return pos;
}

size_t fold_word(const char *f, size_t pos, size_t end, const char *pat)
{
	size_t e;

	if (pos > 0 && fold_is_alnum(f[pos - 1]) && fold_is_alnum(*pat)) {
		return 0;
	}
	e = fold_match(f, pos, end, pat);
	if (e == 0 || (e < end && fold_is_alnum(f[e]) &&
		       fold_is_alnum(pat[strlen(pat) - 1]))) {
		return 0;
	}
	return e;
}

size_t fold_find(const char *f, size_t pos, size_t end, const char *pat,
		 size_t *start_r)
{
	for (size_t i = pos; i < end; i++) {
		size_t e;

		if (f[i] != pat[0]) {
			continue;
		}
		e = fold_word(f, i, end, pat);
		if (e > 0) {
			*start_r = i;
			return e;
		}
	}
	return 0;
}

static bool clean_is_space(int32_t cp)
{
	return cp == ' ' || (cp >= 0 && cp < 0x20) || cp == 0x7f ||
	       is_odd_space(cp);
}

/* The contents of sb in NFC, so that the same letter gives the same
 * strings however its text was normalised; sb is released. */
static char *nfc(struct sbuf *sb)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t r;

	r = utf8proc_map((const utf8proc_uint8_t *)sb->buf,
			 (utf8proc_ssize_t)sb->len, &out,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (r < 0) {
		return sbuf_detach(sb);
	}
	sbuf_release(sb);
	return (char *)out;
}

char *text_clean(const char *s, size_t len)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	bool space = false;
	size_t i = 0;

	while (i < len) {
		int32_t cp;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t n =
		    utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				     (utf8proc_ssize_t)(len - i), &cp);

		if (n <= 0) {
			n = 1;
			cp = 0xfffd;
		}
		i += (size_t)n;
		if (clean_is_space(cp) || is_invisible(cp)) {
			space = space || !is_invisible(cp);
			continue;
		}
		if (space && sb.len > 0) {
			sbuf_addch(&sb, ' ');
		}
		space = false;
		sbuf_add(&sb, enc, (size_t)utf8proc_encode_char(cp, enc));
	}
	if (sb.len == 0) {
		sbuf_release(&sb);
		return NULL;
	}
	return nfc(&sb);
}

void text_count(const char *s, size_t len, size_t *upper_r, size_t *lower_r,
		size_t *digits_r)
{
	size_t i = 0;

	*upper_r = *lower_r = *digits_r = 0;
	while (i < len) {
		int32_t cp;
		utf8proc_ssize_t n =
		    utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				     (utf8proc_ssize_t)(len - i), &cp);

		if (n <= 0) {
			i++;
			continue;
		}
		i += (size_t)n;
		*upper_r += utf8proc_isupper(cp) ? 1 : 0;
		*lower_r += utf8proc_islower(cp) ? 1 : 0;
		*digits_r += (cp >= '0' && cp <= '9') ? 1 : 0;
	}
}

bool text_is_separator(const char *f, size_t pos, size_t end)
{
	size_t marks = 0;

	for (size_t i = pos; i < end; i++) {
		if (strchr("-_=*.~", f[i]) && f[i] != '\0') {
			marks++;
		} else if (!fold_is_blank(f[i])) {
			return false;
		}
	}
	return marks >= 3;
}

size_t text_motto_start(const char *f, size_t pos, size_t end)
{
	static const char *const mottos[] = {
	    "cong hoa xa hoi chu nghia viet nam",
	    "doc lap - tu do - hanh phuc",
	    "dang cong san viet nam",
	};
	size_t best = end;

	for (size_t k = 0; k < ARRAY_SIZE(mottos); k++) {
		size_t start;

		if (fold_find(f, pos, end, mottos[k], &start) > 0 &&
		    start < best) {
			best = start;
		}
	}
	return best;
}

/* Words that start titles, bodies and places, never a person's name
 * (lower case, NFC; compared with diacritics: "Vũ" is a family name,
 * "Vụ" a department). */
static const char *const name_stop[] = {
    "bộ",     "sở",   "vụ",   "cục",  "phòng",  "ban",    "ủy",    "uỷ",
    "thứ",    "chủ",  "giám", "phó",  "chánh",  "trưởng", "tổng",  "văn",
    "cộng",   "độc",  "thủ",  "hội",  "tỉnh",   "thành",  "huyện", "quận",
    "phường", "xã",   "công", "kính", "nơi",    "người",  "ngày",  "trân",
    "lưu",    "như",  "các",  "viện", "trường", "đại",    "hiệu",  "tổ",
    "đoàn",   "đảng", "nhà",  "kho",  "ngân",   "tòa",    "toà",   "chính",
    "quốc",   "việt", "cơ",   "đơn",  "thông",  "báo",    "quyết", "kế",
    "điều",   "căn",  "thực", "đề",   "kèm",    "phụ",    "trung", "chi",
    "hợp",    "ký",   "đã",   "kt",   "tl",     "tm",
};

static bool word_is_stop(const char *w, size_t n)
{
	utf8proc_uint8_t *low = NULL;
	utf8proc_ssize_t r;
	bool stop = false;

	r = utf8proc_map((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, &low,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE |
			     UTF8PROC_CASEFOLD);
	if (r < 0) {
		return true;
	}
	for (size_t k = 0; k < ARRAY_SIZE(name_stop) && !stop; k++) {
		stop = strcmp((const char *)low, name_stop[k]) == 0;
	}
	free(low);
	return stop;
}

struct name_scan {
	size_t words, short_words, letters_in_word, first_len;
};

/* One code point of a name; false when it cannot be in one. */
static bool name_step(struct name_scan *ns, int32_t cp)
{
	if (cp == ' ' || cp == '\t' || is_odd_space(cp)) {
		ns->short_words += ns->letters_in_word == 1 ? 1 : 0;
		ns->letters_in_word = 0;
		return true;
	}
	if (ns->letters_in_word == 0) {
		ns->words++;
		ns->letters_in_word = 1;
		return utf8proc_isupper(cp) != 0;
	}
	if (utf8proc_category(cp) == UTF8PROC_CATEGORY_MN) {
		return true;
	}
	ns->letters_in_word++;
	return utf8proc_islower(cp) != 0;
}

bool text_is_name(const char *s, size_t len)
{
	struct name_scan ns = {0, 0, 0, 0};
	size_t i = 0;

	while (len > 0 && (unsigned char)s[len - 1] <= ' ') {
		len--;
	}
	while (i < len && (unsigned char)s[i] <= ' ') {
		i++;
	}
	if (len - i < 4 || len - i > 80) {
		return false;
	}
	s += i;
	len -= i;
	for (i = 0; i < len;) {
		int32_t cp;
		utf8proc_ssize_t n =
		    utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				     (utf8proc_ssize_t)(len - i), &cp);

		if (n <= 0 || !name_step(&ns, cp)) {
			return false;
		}
		if (ns.words == 1 && ns.letters_in_word > 0) {
			ns.first_len = i + (size_t)n;
		}
		i += (size_t)n;
	}
	ns.short_words += ns.letters_in_word == 1 ? 1 : 0;
	return ns.words >= 2 && ns.words <= 6 && ns.short_words < ns.words &&
	       !word_is_stop(s, ns.first_len);
}

bool ftext_starts_lower(const struct ftext *ft, size_t pos)
{
	int32_t cp;
	size_t o;

	if (pos >= ft->len) {
		return false;
	}
	o = ft->off[pos];
	if (utf8proc_iterate((const utf8proc_uint8_t *)ft->orig + o,
			     (utf8proc_ssize_t)(ft->orig_len - o), &cp) <= 0) {
		return false;
	}
	return utf8proc_islower(cp) != 0;
}

void ftext_count(const struct ftext *ft, size_t fs, size_t fe, size_t *upper_r,
		 size_t *lower_r, size_t *digits_r)
{
	if (fs >= fe || fe > ft->len) {
		*upper_r = *lower_r = *digits_r = 0;
		return;
	}
	text_count(ft->orig + ft->off[fs], ft->off[fe] - ft->off[fs], upper_r,
		   lower_r, digits_r);
}
