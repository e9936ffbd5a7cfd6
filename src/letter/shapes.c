/* Letters: the character tests the parser needs (names, separators, the
 * national motto, letter case).  Everything here is linear in its input. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "congvan/util.h"
#include "private.h"

void letter_text_count(const char *s, size_t len, size_t *upper_r,
		       size_t *lower_r, size_t *digits_r)
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

bool letter_is_separator(const char *f, size_t pos, size_t end)
{
	size_t marks = 0;

	for (size_t i = pos; i < end; i++) {
		if (strchr("-_=*.~", f[i]) && f[i] != '\0') {
			marks++;
		} else if (!text_fold_is_blank(f[i])) {
			return false;
		}
	}
	return marks >= 3;
}

size_t letter_motto_start(const char *f, size_t pos, size_t end)
{
	static const char *const mottos[] = {
	    "cong hoa xa hoi chu nghia viet nam",
	    "doc lap - tu do - hanh phuc",
	    "dang cong san viet nam",
	};
	size_t best = end;

	/* Not only on a word boundary: text extraction glues the columns
	 * together ("Số: 12458/BTC-NSNNCỘNG HÒA ..."), and the motto is
	 * long enough not to occur inside other words. */
	for (size_t i = pos; i < end && i < best; i++) {
		for (size_t k = 0; k < ARRAY_SIZE(mottos); k++) {
			if (f[i] == mottos[k][0] &&
			    text_fold_match(f, i, end, mottos[k]) > 0) {
				best = i;
				break;
			}
		}
	}
	return best;
}

/* Words that start titles, bodies and places, never a person's name
 * (lower case, NFC; compared with diacritics: "Vũ" is a family name,
 * "Vụ" a department). */
static const char *const name_stop[] = {
    "bộ",     "sở",  "vụ",    "cục",    "phòng", "ban",    "ủy",    "uỷ",
    "thứ",    "chủ", "giám",  "phó",    "chánh", "trưởng", "tổng",  "văn",
    "cộng",   "độc", "thủ",   "hội",    "tỉnh",  "thành",  "huyện", "quận",
    "phường", "xã",  "công",  "kính",   "nơi",   "người",  "ngày",  "trân",
    "như",    "các", "viện",  "trường", "đại",   "hiệu",   "tổ",    "đảng",
    "nhà",    "kho", "ngân",  "tòa",    "toà",   "chính",  "quốc",  "việt",
    "cơ",     "đơn", "thông", "báo",    "quyết", "kế",     "điều",  "căn",
    "thực",   "đề",  "kèm",   "phụ",    "trung", "chi",    "hợp",   "ký",
    "đã",     "kt",  "tl",    "tm",
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
	if (cp == ' ' || cp == '\t' || text_is_odd_space(cp)) {
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

bool letter_is_name(const char *s, size_t len)
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

/* The original code point at folded pos; -1 when none. */
static int32_t orig_cp(const struct text_folded *ft, size_t pos)
{
	int32_t cp;
	size_t o;

	if (pos >= ft->len) {
		return -1;
	}
	o = ft->off[pos];
	if (utf8proc_iterate((const utf8proc_uint8_t *)ft->orig + o,
			     (utf8proc_ssize_t)(ft->orig_len - o), &cp) <= 0) {
		return -1;
	}
	return cp;
}

bool letter_starts_lower(const struct text_folded *ft, size_t pos)
{
	int32_t cp = orig_cp(ft, pos);

	return cp >= 0 && utf8proc_islower(cp) != 0;
}

bool letter_starts_upper(const struct text_folded *ft, size_t pos)
{
	int32_t cp = orig_cp(ft, pos);

	return cp >= 0 && utf8proc_isupper(cp) != 0;
}

void letter_folded_count(const struct text_folded *ft, size_t fs, size_t fe,
			 size_t *upper_r, size_t *lower_r, size_t *digits_r)
{
	if (fs >= fe || fe > ft->len) {
		*upper_r = *lower_r = *digits_r = 0;
		return;
	}
	letter_text_count(ft->orig + ft->off[fs], ft->off[fe] - ft->off[fs],
			  upper_r, lower_r, digits_r);
}

/* Whether a word glued to the text before it starts at w (w > 0): after
 * a digit, a lower-case letter ("năm 2026Hà Nội", "trọng điểmHà Nội",
 * "TTgHà Nội"), or two capitals when it goes on in lower case ("BCT-KHHà
 * Nội"; the "Tg" of "TTg" is not one: a symbol's parts have two letters
 * or more). */
static bool glued_word(const struct text_folded *ft, size_t w)
{
	const char *f = ft->f;

	if (f[w - 1] >= '0' && f[w - 1] <= '9') {
		return true;
	}
	if (!letter_starts_upper(ft, w)) {
		return false;
	}
	return letter_starts_lower(ft, w - 1) ||
	       (w >= 2 && letter_starts_upper(ft, w - 1) &&
		letter_starts_upper(ft, w - 2) && w + 1 < ft->len &&
		letter_starts_lower(ft, w + 1));
}

size_t letter_capitalised_start(const struct text_folded *ft, size_t start,
				size_t end, int max_words)
{
	const char *f = ft->f;
	size_t s = end, upper, lower, digits;

	for (int words = 0; words < max_words; words++) {
		size_t e = s, w;

		while (e > start && text_fold_is_blank(f[e - 1])) {
			e--;
		}
		if (words > 0 && (s - e >= 3 || memchr(f + e, '\t', s - e))) {
			break; /* a column gap: another column's text */
		}
		if (words > 0 && e > start + 1 && f[e - 1] == '-' &&
		    text_fold_is_blank(f[e - 2])) {
			e--; /* "Bà Rịa - Vũng Tàu" */
			while (e > start && text_fold_is_blank(f[e - 1])) {
				e--;
			}
		}
		w = e;
		while (w > start &&
		       (text_fold_is_alnum(f[w - 1]) || f[w - 1] == '.') &&
		       !glued_word(ft, w)) {
			w--;
		}
		if (w == e || !letter_starts_upper(ft, w) ||
		    (w > start && !text_fold_is_blank(f[w - 1]) &&
		     !glued_word(ft, w))) {
			break;
		}
		/* "VX", "UBND" are a symbol's, "TP." an abbreviated place */
		letter_folded_count(ft, w, e, &upper, &lower, &digits);
		if (upper > 1 && f[e - 1] != '.') {
			break;
		}
		s = w;
	}
	return s;
}
