/* A letter known only from its covering mail: when the letter itself is
 * a scan or a Word file whose text is not in the mail, its number and
 * date come from what the mail says of it, "Gửi công văn số 88/SCT-QLTM
 * ngày 15/10/2026" in the subject or the body, or the attachment's file
 * name, "CV 88-SCT-QLTM.pdf". */
#include <string.h>
#include <utf8proc.h>

#include "congvan/util.h"
#include "private.h"

/* The covering note read at most (its start). */
#define COVER_BODY_MAX (16u * 1024)
/* Words between a letter's number and its date ("của Sở Công Thương"). */
#define DATE_WORDS 8
/* File names read at most, and their length. */
#define NAME_MAX_BYTES 255
#define DIGITS_MAX     7

/* Words naming a letter (folded); the number follows, after "số" or
 * not: "công văn số 88/SCT-QLTM", "CV 88/SCT-QLTM", "số 88/SCT-QLTM". */
static const char *const kinds[] = {
    "cong van",  "van ban",  "cv",        "quyet dinh", "qd",
    "thong bao", "to trinh", "ke hoach",  "bao cao",    "giay moi",
    "chi thi",   "thong tu", "nghi dinh", "cong dien",  "ket luan",
};

static size_t after_kind(const char *f, size_t pos, size_t end)
{
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		size_t e = text_fold_word(f, pos, end, kinds[i]);

		if (e > 0) {
			return e;
		}
	}
	return 0;
}

/* "ngày 15/10/2026" within DATE_WORDS words after pos, in the same
 * sentence. */
static bool date_near(const char *f, size_t pos, size_t end, struct ymd *d_r)
{
	for (int w = 0; w <= DATE_WORDS && pos < end; w++) {
		pos = text_fold_skip_blank(f, pos, end, false);
		if (pos < end && f[pos] == ',') {
			pos = text_fold_skip_blank(f, pos + 1, end, false);
		}
		if (text_fold_word(f, pos, end, "ngay") > 0) {
			return letter_date_parse(f, pos, end, d_r) > 0;
		}
		if (pos >= end || !text_fold_is_alnum(f[pos])) {
			return false;
		}
		while (pos < end && text_fold_is_alnum(f[pos])) {
			pos++;
		}
	}
	return false;
}

/* The first "[kind] [số[:]] NUMBER/SYMBOL [... ngày DATE]" in text. */
static bool from_text(const char *text, size_t len, struct letter *l)
{
	struct text_folded ft;
	bool found = false;

	text_folded_init(&ft, text, len);
	for (size_t p = 0; p < ft.len && !found; p++) {
		const char *f = ft.f;
		size_t e, so;
		struct letter_number num;
		struct ymd d;

		if (p > 0 && text_fold_is_alnum(f[p - 1])) {
			continue;
		}
		e = after_kind(f, p, ft.len);
		so = text_fold_word(
		    f, text_fold_skip_blank(f, e ? e : p, ft.len, true), ft.len,
		    "so");
		if (so > 0) {
			e = so;
		}
		if (e == 0) {
			continue;
		}
		e = text_fold_skip_blank(f, e, ft.len, true);
		if (e < ft.len && f[e] == ':') {
			e = text_fold_skip_blank(f, e + 1, ft.len, true);
		}
		if (!letter_number_at(&ft, e, ft.len, &num)) {
			free(num.number);
			free(num.symbol);
			continue;
		}
		l->number = num.number;
		l->symbol = num.symbol;
		if (date_near(f, num.end, ft.len, &d)) {
			l->date = xmalloc(11);
			letter_date_format(&d, l->date);
		}
		found = true;
	}
	text_folded_release(&ft);
	return found;
}

/* A symbol's part in a file name: an upper-case letter (Đ too), then
 * letters and digits.  Returns its length in bytes, 0 when none. */
static size_t name_segment(const char *s, size_t len)
{
	size_t i = 0;
	int32_t cp;

	if (len == 0) {
		return 0;
	}
	cp = text_utf8_next(s, len, &i);
	if (cp < 0 || !utf8proc_isupper(cp)) {
		return 0;
	}
	while (i < len) {
		size_t at = i;

		cp = text_utf8_next(s, len, &i);
		if (cp < 0 || !((cp >= '0' && cp <= '9') ||
				utf8proc_isupper(cp) || utf8proc_islower(cp))) {
			return at;
		}
	}
	return i;
}

/* The file name before the digits ends with a letter word or "số"
 * ("CV_", "So "). */
static bool kind_before(const char *name, size_t p)
{
	char f[NAME_MAX_BYTES * 4];
	size_t n = text_fold_span(name, p, f, sizeof(f), NULL);

	while (n > 0 && !text_fold_is_alnum(f[n - 1])) {
		n--;
	}
	for (size_t i = 0; i <= ARRAY_SIZE(kinds); i++) {
		const char *k = i < ARRAY_SIZE(kinds) ? kinds[i] : "so";
		size_t kl = strlen(k);

		if (n >= kl && memcmp(f + n - kl, k, kl) == 0 &&
		    (n == kl || !text_fold_is_alnum(f[n - kl - 1]))) {
			return true;
		}
	}
	return false;
}

/* "CV 88-SCT-QLTM.pdf", "88_SCT-QLTM.pdf", "So 12-QĐ-BTC.docx": digits
 * then a symbol of capitalised parts joined by '-', which needs two parts
 * unless a letter word comes first ("CV 45-UBND"). */
static bool name_number(const char *name, size_t len, struct letter *l)
{
	for (size_t p = 0; p < len; p++) {
		size_t d = p, s, parts = 0;
		struct sbuf sym = SBUF_INIT(NAME_MAX_BYTES);

		if ((p > 0 && (name[p - 1] >= '0' && name[p - 1] <= '9')) ||
		    !(name[p] >= '0' && name[p] <= '9')) {
			continue;
		}
		while (d < len && d - p < DIGITS_MAX && name[d] >= '0' &&
		       name[d] <= '9') {
			d++;
		}
		if (d >= len || !strchr("-_ ./", name[d])) {
			continue;
		}
		s = d + 1;
		for (;;) {
			size_t n = name_segment(name + s, len - s);

			if (n == 0) {
				break;
			}
			if (parts++ > 0) {
				sbuf_addch(&sym, '-');
			}
			sbuf_add(&sym, name + s, n);
			s += n;
			if (s >= len || name[s] != '-') {
				break;
			}
			s++;
		}
		if (parts >= 2 || (parts == 1 && kind_before(name, p))) {
			l->number = xasprintf("%.*s/%s", (int)(d - p), name + p,
					      sbuf_str(&sym));
			l->symbol = sbuf_detach(&sym);
			return true;
		}
		sbuf_release(&sym);
	}
	return false;
}

/* A date written in the file name ("..._15.10.2026.pdf"). */
static void name_date(const char *name, size_t len, struct letter *l)
{
	struct text_folded ft;
	struct ymd d;

	text_folded_init(&ft, name, len);
	for (size_t p = 0; p < ft.len; p++) {
		if (letter_date_parse(ft.f, p, ft.len, &d) > 0) {
			l->date = xmalloc(11);
			letter_date_format(&d, l->date);
			break;
		}
	}
	text_folded_release(&ft);
}

/* The name without its extension and with '_' read as a space. */
static bool from_name(const char *filename, struct letter *l)
{
	size_t len = strnlen(filename, NAME_MAX_BYTES);
	const char *dot = memrchr(filename, '.', len);
	bool found;

	if (dot && len - (size_t)(dot - filename) <= 6) {
		len = (size_t)(dot - filename);
	}
	found = name_number(filename, len, l);
	if (found) {
		name_date(filename, len, l);
	}
	return found;
}

/* Source i of the covering mail: 0 the subject, 1 the body, 2 on the
 * file names.  False when there is no such source or it names no letter;
 * l gets number, symbol and date. */
static bool read_source(size_t i, const char *subject, const char *body,
			size_t body_len, const char *const *filenames,
			struct letter *l)
{
	if (i == 0) {
		return subject && from_text(subject, strlen(subject), l);
	}
	if (i == 1) {
		return body &&
		       from_text(body,
				 body_len < COVER_BODY_MAX ? body_len
							   : COVER_BODY_MAX,
				 l);
	}
	return filenames && filenames[i - 2] && from_name(filenames[i - 2], l);
}

static size_t sources(const char *const *filenames)
{
	size_t n = 2;

	while (filenames && filenames[n - 2]) {
		n++;
	}
	return n;
}

bool letter_parse_cover(const char *subject, const char *body, size_t body_len,
			const char *const *filenames, struct letter *letter_r)
{
	struct letter *l = letter_r;
	size_t n = sources(filenames), i = 0;

	memset(l, 0, sizeof(*l));
	l->recipients = letter_strv_finish(&(struct strv){NULL, 0, 0});
	l->distribution = letter_strv_finish(&(struct strv){NULL, 0, 0});
	while (i < n &&
	       !read_source(i, subject, body, body_len, filenames, l)) {
		i++;
	}
	if (i == n) {
		return false;
	}
	/* The date, when the first source gives none, from another that
	 * names the same letter. */
	for (size_t k = i + 1; k < n && !l->date; k++) {
		struct letter other = {0};

		if (read_source(k, subject, body, body_len, filenames,
				&other) &&
		    other.date && str_iequal(other.number, l->number)) {
			l->date = other.date;
			other.date = NULL;
		}
		free(other.number);
		free(other.symbol);
		free(other.date);
	}
	return true;
}
