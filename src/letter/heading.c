/* The header of a letter: "Số:", place and date, "V/v", "Kính gửi:". */
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "private.h"

#define HEAD_BEFORE   15 /* lines of header above "Số:" */
#define HEAD_AFTER    40 /* lines of header below it */
#define HEAD_NO_SO    80 /* lines searched when there is no "Số:" */
#define SUBJECT_LINES 8
#define SUBJECT_MAX   2048
#define PLACE_MAX     80
#define PLACE_WORDS   8
/* A place read back from its comma when no column gap sets it apart
 * ("... 15/2020/NĐ-CP Hà Nội, ngày ..."): on the line of the "V/v" or at
 * most SUBJECT_BESIDE lines below it. */
#define SUBJECT_BESIDE 2

void letter_head_find_number(struct head *h, struct letter *l)
{
	const char *f = h->ft->f;
	size_t n = h->lines.n;

	for (size_t i = 0; i < n && !l->symbol; i++) {
		const struct line *ln = &h->lines.v[i];
		size_t fs = text_fold_skip_blank(f, ln->s, ln->e, false);
		struct letter_number num;

		if (fs >= ln->e || f[fs] != 's' ||
		    !letter_number_parse(h->ft, ln, &num)) {
			continue;
		}
		if (l->number && !num.symbol) {
			free(num.number);
			continue;
		}
		free(l->number);
		l->number = num.number;
		l->symbol = num.symbol;
		h->so = i;
		h->num_end = num.end;
	}
	if (h->so == NO_LINE) {
		h->lo = 0;
		h->hi = n < HEAD_NO_SO ? n : HEAD_NO_SO;
		return;
	}
	h->lo = h->so > HEAD_BEFORE ? h->so - HEAD_BEFORE : 0;
	h->hi = n - h->so > HEAD_AFTER ? h->so + HEAD_AFTER : n;
}

/* Where the column that holds pos starts: after a tab or three spaces. */
static size_t column_start(const char *f, size_t start, size_t pos)
{
	size_t j = pos;

	while (j > start) {
		if (f[j - 1] == '\t' || (j - start >= 3 && f[j - 1] == ' ' &&
					 f[j - 2] == ' ' && f[j - 3] == ' ')) {
			break;
		}
		j--;
	}
	return text_fold_skip_blank(f, j, pos, false);
}

/* Whether nothing but blanks, a full stop, or another column follows. */
static bool date_ends_cell(const char *f, size_t pos, size_t end)
{
	size_t r = text_fold_skip_blank(f, pos, end, false);

	if (r < end && f[r] == '.') {
		r = text_fold_skip_blank(f, r + 1, end, false);
	}
	return r == end || f[pos] == '\t' || (r - pos >= 3);
}

/* How many words of folded [s, e) start lower case. */
static size_t lower_words(const struct text_folded *ft, size_t s, size_t e)
{
	size_t n = 0;

	for (size_t i = s; i < e; i++) {
		if (!text_fold_is_blank(ft->f[i]) &&
		    (i == s || text_fold_is_blank(ft->f[i - 1]))) {
			n += letter_starts_lower(ft, i) ? 1 : 0;
		}
	}
	return n;
}

/* A place name: short, capitalised (one word in lower case at most:
 * "Thành phố Hồ Chí Minh", "Thị xã Sơn Tây"), without digits or ':' '/'.
 * "Theo văn bản của UBND tỉnh Quảng Nam" is a sentence. */
static char *place_copy(const struct text_folded *ft, size_t s, size_t e)
{
	size_t upper, lower, digits, words = 1;
	char *p = text_folded_copy(ft, s, e);

	letter_folded_count(ft, s, e, &upper, &lower, &digits);
	for (size_t i = 0; p && p[i]; i++) {
		words += p[i] == ' ' ? 1 : 0;
	}
	if (!p || strlen(p) > PLACE_MAX || words > PLACE_WORDS || digits > 0 ||
	    strpbrk(p, ":/;()") || upper == 0 || letter_starts_lower(ft, s) ||
	    lower_words(ft, s, e) > 1) {
		free(p);
		return NULL;
	}
	return p;
}

static size_t vv_mark(const struct head *h, size_t fs, size_t end);

/* Whether line i holds the "V/v" or one of the SUBJECT_BESIDE lines
 * below it: where flattened columns put the place and date after the
 * subject's words ("V/v tổ chức Tết Nguyên đán Nghệ An, ngày ..."). */
static bool beside_subject(const struct head *h, size_t i)
{
	for (size_t k = 0; k <= SUBJECT_BESIDE && k <= i; k++) {
		const struct line *ln = &h->lines.v[i - k];
		size_t fs = text_fold_skip_blank(h->ft->f, ln->s, ln->e, false);

		if (fs == ln->e) {
			return false;
		}
		if (vv_mark(h, fs, ln->e) > 0) {
			return true;
		}
	}
	return false;
}

/* Place and date in line i from start, with the date at p; false when the
 * text around the date is not a header's "Hà Nội, ngày ...".  The place
 * is the cell before the comma, or, with the columns flattened or glued
 * together beside the subject, the capitalised words before it. */
static bool place_date_at(struct head *h, size_t i, size_t start, size_t p,
			  char **place_r, size_t *col_r)
{
	const char *f = h->ft->f;
	size_t q = p;
	size_t col;

	while (q > start && text_fold_is_blank(f[q - 1])) {
		q--;
	}
	*place_r = NULL;
	if (q > start && f[q - 1] == ',') {
		col = column_start(f, start, q - 1);
		*place_r = place_copy(h->ft, col, q - 1);
		if (!*place_r && beside_subject(h, i)) {
			col = letter_capitalised_start(h->ft, col, q - 1,
						       PLACE_BACK_WORDS);
			*place_r = place_copy(h->ft, col, q - 1);
		}
		*col_r = col;
		return *place_r != NULL;
	}
	*col_r = p;
	return column_start(f, start, p) == p;
}

/* A date left blank for the signer to fill in by hand: "ngày    tháng 12
 * năm 2026", "ngày ... tháng ... năm 2026".  Returns its end, 0 when
 * none. */
static size_t blank_date_at(const char *f, size_t pos, size_t end)
{
	static const char *const words[] = {"ngay", "thang", "nam"};

	for (size_t k = 0; k < ARRAY_SIZE(words); k++) {
		pos = text_fold_word(f, pos, end, words[k]);
		if (pos == 0) {
			return 0;
		}
		while (pos < end &&
		       (text_fold_is_blank(f[pos]) || f[pos] == '.' ||
			f[pos] == '_' ||
			(k == 1 && f[pos] >= '0' && f[pos] <= '9'))) {
			pos++;
		}
	}
	while (pos < end && f[pos] >= '0' && f[pos] <= '9') {
		pos++;
	}
	return pos;
}

static bool date_in_line(struct head *h, size_t i, struct letter *l)
{
	const struct line *ln = &h->lines.v[i];
	const char *f = h->ft->f;
	size_t start = i == h->so ? h->num_end : ln->s;

	for (size_t p = start; p < ln->e; p++) {
		struct ymd d = {0, 0, 0};
		size_t e, col;
		char *place = NULL;

		if (!(f[p] == 'n' || (f[p] >= '0' && f[p] <= '9'))) {
			continue;
		}
		e = letter_date_parse(f, p, ln->e, &d);
		if (e == 0) {
			/* the day left blank: the place, and no date */
			e = blank_date_at(f, p, ln->e);
			d.y = 0;
		}
		if (e == 0 || !date_ends_cell(f, e, ln->e) ||
		    !place_date_at(h, i, start, p, &place, &col) ||
		    (d.y == 0 && !place)) {
			free(place);
			continue;
		}
		if (d.y > 0) {
			l->date = xmalloc(11);
			letter_date_format(&d, l->date);
		}
		l->place = place;
		h->date = i;
		h->date_col = col;
		h->day = d;
		return true;
	}
	return false;
}

void letter_head_find_date(struct head *h, struct letter *l)
{
	for (size_t i = h->lo; i < h->hi; i++) {
		if (date_in_line(h, i, l)) {
			return;
		}
	}
}

/* Where the text of line i that belongs to the left column ends: before
 * the place and date or the motto sharing the line. */
static size_t left_end(const struct head *h, size_t i, size_t from)
{
	const struct line *ln = &h->lines.v[i];
	size_t e = ln->e;

	if (i == h->date && h->date_col >= from) {
		e = h->date_col;
	}
	return letter_motto_start(h->ft->f, from, e);
}

/* Whether line j starts another part of the header. */
static bool starts_header_part(const struct head *h, size_t j)
{
	const struct line *ln = &h->lines.v[j];
	const char *f = h->ft->f;
	size_t fs = text_fold_skip_blank(f, ln->s, ln->e, false);

	return j == h->so || text_fold_word(f, fs, ln->e, "kinh gui") > 0 ||
	       text_fold_word(f, fs, ln->e, "noi nhan") > 0 ||
	       text_fold_word(f, fs, ln->e, "so :") > 0;
}

/* Whether line j goes on a subject after an empty line: OCR leaves one
 * between the wrapped lines of a "V/v" now and then; a continuation
 * starts lower case, a new part of the letter does not. */
static bool continues_after_gap(const struct head *h, size_t j)
{
	const struct line *ln;
	size_t fs;

	if (j >= h->lines.n || starts_header_part(h, j)) {
		return false;
	}
	ln = &h->lines.v[j];
	fs = text_fold_skip_blank(h->ft->f, ln->s, ln->e, false);
	return fs < ln->e && letter_starts_lower(h->ft, fs);
}

/* The subject from position e of line i on, with its wrapped lines. */
static void subject_from(struct head *h, size_t i, size_t e, struct letter *l)
{
	struct sbuf sb = SBUF_INIT(SUBJECT_MAX);
	const char *f = h->ft->f;
	bool gap = false;

	e = text_fold_skip_blank(f, e, h->lines.v[i].e, false);
	if (e < h->lines.v[i].e && (f[e] == ':' || f[e] == '.')) {
		e++;
	}
	for (size_t j = i; j < h->lines.n && j < i + SUBJECT_LINES; j++) {
		size_t s = j == i ? e : h->lines.v[j].s;
		size_t end = left_end(h, j, s);
		char *part;

		if (j > i && starts_header_part(h, j)) {
			break;
		}
		part = text_folded_copy(h->ft, s, end);
		if (!part && j == i) {
			continue;
		}
		if (!part && !gap && j > i && continues_after_gap(h, j + 1)) {
			gap = true;
			continue;
		}
		if (!part) {
			break;
		}
		sbuf_adds(&sb, sb.len > 0 ? " " : "");
		sbuf_adds(&sb, part);
		free(part);
	}
	h->subject = i;
	l->subject = sb.len > 0 ? sbuf_detach(&sb) : NULL;
	sbuf_release(&sb);
}

/* Whether the last non-empty line before i is in capitals ("QUYẾT
 * ĐỊNH"), as above a decision's "Về việc". */
static bool after_caps_line(const struct head *h, size_t i)
{
	while (i-- > h->lo) {
		const struct line *ln = &h->lines.v[i];
		size_t upper, lower, digits;

		if (text_fold_skip_blank(h->ft->f, ln->s, ln->e, false) ==
		    ln->e) {
			continue;
		}
		letter_folded_count(h->ft, ln->s, ln->e, &upper, &lower,
				    &digits);
		return upper >= 2 && lower == 0;
	}
	return false;
}

/* "V/v" at fs, also as OCR reads it ("V/y", "W/v", "V/" before a
 * lower-case word); its end, 0 when absent. */
static size_t vv_mark(const struct head *h, size_t fs, size_t end)
{
	static const char *const marks[] = {"v / v", "v / y", "w / v"};
	const char *f = h->ft->f;
	size_t e;

	for (size_t k = 0; k < ARRAY_SIZE(marks); k++) {
		e = text_fold_word(f, fs, end, marks[k]);
		if (e > 0) {
			return e;
		}
	}
	e = text_fold_match(f, fs, end, "v /");
	if (e > 0 && e < end && text_fold_is_blank(f[e])) {
		size_t w = text_fold_skip_blank(f, e, end, false);

		return w < end && letter_starts_lower(h->ft, w) ? e : 0;
	}
	return 0;
}

/* Whether the line before i names a kind of document on its own, in
 * capitals ("THÔNG TƯ", "KẾ HOẠCH"), and line i is not the preamble that
 * follows a title ("Căn cứ ..."): then line i is the document's title,
 * its subject. */
static bool after_kind_line(const struct head *h, size_t i)
{
	static const char *const kinds[] = {
	    "thong tu", "quyet dinh",   "nghi dinh", "nghi quyet", "chi thi",
	    "ke hoach", "thong bao",    "bao cao",   "to trinh",   "huong dan",
	    "ket luan", "chuong trinh", "de an",     "cong dien",  "quy che",
	};
	static const char *const preamble[] = {"can cu", "thuc hien", "theo",
					       "xet", "kinh gui"};
	const char *f = h->ft->f;
	const struct line *ln;
	size_t fs, fe;

	if (i == h->lo) {
		return false;
	}
	ln = &h->lines.v[i];
	fs = text_fold_skip_blank(f, ln->s, ln->e, false);
	for (size_t k = 0; k < ARRAY_SIZE(preamble); k++) {
		if (text_fold_word(f, fs, ln->e, preamble[k]) > 0) {
			return false;
		}
	}
	ln = &h->lines.v[i - 1];
	fs = text_fold_skip_blank(f, ln->s, ln->e, false);
	fe = ln->e;
	while (fe > fs && text_fold_is_blank(f[fe - 1])) {
		fe--;
	}
	for (size_t k = 0; fs < fe && k < ARRAY_SIZE(kinds); k++) {
		if (text_fold_match(f, fs, fe, kinds[k]) == fe) {
			return after_caps_line(h, i);
		}
	}
	return false;
}

/* The subject at line i in pass 0 ("V/v ..."), 1 ("Về việc ..." under a
 * line in capitals) or 2 (the title under "THÔNG TƯ", written in
 * sentence case); the end of its mark, 0 when none. */
static size_t subject_mark(const struct head *h, size_t i, int pass)
{
	const struct line *ln = &h->lines.v[i];
	const char *f = h->ft->f;
	size_t fs = text_fold_skip_blank(f, ln->s, ln->e, false);
	size_t upper, lower, digits, e;

	if (pass == 0) {
		return vv_mark(h, fs, ln->e);
	}
	if (pass == 1) {
		e = text_fold_word(f, fs, ln->e, "ve viec");
		return e > 0 && after_caps_line(h, i) ? e : 0;
	}
	if (fs == ln->e || !letter_starts_upper(h->ft, fs) ||
	    starts_header_part(h, i) || !after_kind_line(h, i)) {
		return 0;
	}
	letter_folded_count(h->ft, fs, ln->e, &upper, &lower, &digits);
	return lower > upper ? fs : 0;
}

void letter_head_find_subject(struct head *h, struct letter *l)
{
	for (int pass = 0; pass < 3 && h->subject == NO_LINE; pass++) {
		for (size_t i = h->lo; i < h->hi; i++) {
			size_t e = subject_mark(h, i, pass);

			if (e > 0) {
				subject_from(h, i, e, l);
				break;
			}
		}
	}
}

static size_t count_words(const char *f, size_t s, size_t e)
{
	size_t words = 0;

	for (size_t i = s; i < e; i++) {
		words += !text_fold_is_blank(f[i]) &&
				 (i == s || text_fold_is_blank(f[i - 1]))
			     ? 1
			     : 0;
	}
	return words;
}

/* Whether line j is empty, or past the end. */
static bool blank_line(const struct head *h, size_t j)
{
	const struct line *ln;

	if (j >= h->lines.n) {
		return true;
	}
	ln = &h->lines.v[j];
	return text_fold_skip_blank(h->ft->f, ln->s, ln->e, false) == ln->e;
}

struct to_state {
	struct strv sv;
	bool gap;       /* an empty line since the last item */
	bool open;      /* the last item did not end in ';' or '.' */
	bool same_line; /* "Kính gửi:" had addressees on its own line */
};

/* One line after "Kính gửi:"; false when the addressees have ended. */
static bool to_line(struct head *h, size_t j, struct to_state *st)
{
	const struct text_folded *ft = h->ft;
	const struct line *ln = &h->lines.v[j];
	size_t cs, ce, item;
	bool open = st->open;

	if (!letter_cell_first(ft->f, ln->s, ln->e, &cs, &ce)) {
		st->gap = true;
		return true;
	}
	st->open = !strchr(";.", ft->f[ce - 1]);
	if (letter_list_marker(ft->f, cs, ce, &item)) {
		letter_strv_add_split(ft, item, ce, &st->sv);
	} else if (st->sv.n > 0 && !st->gap && open &&
		   letter_starts_lower(ft, cs)) {
		letter_strv_append_last(ft, cs, ce, &st->sv);
	} else if (st->sv.n == 0 && !st->same_line &&
		   count_words(ft->f, cs, ce) <= 12 &&
		   (blank_line(h, j + 1) || starts_header_part(h, j + 1))) {
		letter_strv_add_split(ft, cs, ce, &st->sv);
	} else {
		return false;
	}
	st->gap = false;
	return true;
}

/* The first "Kính gửi:" line in [from, to). */
static size_t find_to(const struct head *h, size_t from, size_t to)
{
	const char *f = h->ft->f;

	for (size_t i = from; i < to; i++) {
		const struct line *ln = &h->lines.v[i];
		size_t fs = text_fold_skip_blank(f, ln->s, ln->e, false);

		if (text_fold_match(f, fs, ln->e, "kinh gui :") > 0) {
			return i;
		}
	}
	return NO_LINE;
}

void letter_head_find_recipients(struct head *h, struct letter *l)
{
	struct to_state st = {{NULL, 0, 0}, false, false, false};
	const struct line *ln;
	size_t e, cs, ce;

	h->to = find_to(h, h->so == NO_LINE ? h->lo : h->so, h->hi);
	if (h->to == NO_LINE && h->so != NO_LINE) {
		h->to = find_to(h, h->lo, h->so);
	}
	if (h->to == NO_LINE) {
		return;
	}
	ln = &h->lines.v[h->to];
	e = text_fold_match(h->ft->f,
			    text_fold_skip_blank(h->ft->f, ln->s, ln->e, false),
			    ln->e, "kinh gui :");
	if (letter_cell_first(h->ft->f, e, ln->e, &cs, &ce)) {
		letter_strv_add_split(h->ft, cs, ce, &st.sv);
		st.same_line = st.sv.n > 0;
		st.open = !strchr(";.", h->ft->f[ce - 1]);
	}
	for (size_t j = h->to + 1; j < h->lines.n && j < h->to + 60; j++) {
		if (st.sv.n >= LETTER_LIST_MAX || !to_line(h, j, &st)) {
			break;
		}
	}
	letter_strv_free(l->recipients);
	l->recipients = letter_strv_finish(&st.sv);
}

/* Urgency and draft marks printed near the issuer. */
static bool is_mark(const char *f, size_t s, size_t e)
{
	static const char *const marks[] = {
	    "khan",    "hoa toc",   "thuong khan", "mat",
	    "toi mat", "tuyet mat", "du thao",     "hoa toc hen gio",
	};

	for (size_t k = 0; k < ARRAY_SIZE(marks); k++) {
		if (text_fold_match(f, s, e, marks[k]) == e) {
			return true;
		}
	}
	return false;
}

/* An issuer line: in capitals, short, not a list item or a key line. */
static bool issuer_like(const struct text_folded *ft, size_t s, size_t e)
{
	size_t upper, lower, digits, item;

	if (e - s > 160 || letter_list_marker(ft->f, s, e, &item) ||
	    (ft->f[s] >= '0' && ft->f[s] <= '9') ||
	    memchr(ft->f + s, ':', e - s)) {
		return false;
	}
	letter_folded_count(ft, s, e, &upper, &lower, &digits);
	return upper >= 2 && lower * 5 <= upper;
}

/* Whether the line below the top one completes it: "ỦY BAN NHÂN DÂN" /
 * "TỈNH QUẢNG NAM", a name wrapped before "VÀ" ("BỘ NÔNG NGHIỆP" / "VÀ
 * PHÁT TRIỂN NÔNG THÔN"), "TẠI" ("ĐẠI SỨ QUÁN VIỆT NAM" / "TẠI ...") or
 * "VIỆT NAM" ("NGÂN HÀNG NHÀ NƯỚC" / "VIỆT NAM"); not a unit under its
 * body ("BỘ TÀI CHÍNH" / "VỤ KẾ HOẠCH - TÀI CHÍNH"). */
static bool completes_top(const char *f, const struct line *top,
			  const struct line *next)
{
	static const char *const continues[] = {
	    "tinh",   "thanh pho", "tp",       "huyen", "quan", "xa",
	    "phuong", "thi xa",    "thi tran", "va",    "tai",
	};

	if (text_fold_match(f, top->s, top->e, "uy ban nhan dan") == top->e ||
	    text_fold_match(f, top->s, top->e, "hoi dong nhan dan") == top->e) {
		return true;
	}
	for (size_t k = 0; k < ARRAY_SIZE(continues); k++) {
		if (text_fold_word(f, next->s, next->e, continues[k]) > 0) {
			return true;
		}
	}
	return text_fold_match(f, next->s, next->e, "viet nam") == next->e;
}

/* The line the issuer block sits above. */
static size_t issuer_anchor(const struct head *h)
{
	size_t a = h->so;

	if (a == NO_LINE) {
		a = h->date;
		a = h->subject < a ? h->subject : a;
		a = h->to < a ? h->to : a;
	}
	return a;
}

/* Whether abbr (folded letters, "sct") is made of the initials of the
 * words of f[s..e) in order, from its first or second word on, words
 * left out allowed: "SCT" for "SỞ CÔNG THƯƠNG", "QLTT" for "CỤC QUẢN LÝ
 * THỊ TRƯỜNG", "UBND" for "ỦY BAN NHÂN DÂN TỈNH ...". */
static bool initials_are(const char *f, size_t s, size_t e, const char *abbr,
			 size_t n)
{
	size_t k = 0, word = 0;

	for (size_t i = s; i < e && k < n; i++) {
		if (!text_fold_is_alnum(f[i]) ||
		    (i > s && text_fold_is_alnum(f[i - 1]))) {
			continue;
		}
		if (f[i] == abbr[k]) {
			k++;
		} else if (k == 0 && word >= 1) {
			return false;
		}
		word++;
	}
	return k == n && n >= 2;
}

/* Whether a part of the letter's symbol (sym, folded: "sct" of
 * "sct-qltm", "btc" of "qd-btc"; NULL: none) is the name at f[s..e)
 * abbreviated. */
static bool symbol_names(const char *sym, const char *f, size_t s, size_t e)
{
	bool hit = false;

	for (const char *p = sym; p && *p && !hit;) {
		size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz");

		hit = initials_are(f, s, e, p, n);
		p += n;
		p += strcspn(p, "abcdefghijklmnopqrstuvwxyz");
	}
	return hit;
}

void letter_head_find_issuer(struct head *h, struct letter *l)
{
	const char *f = h->ft->f;
	size_t anchor = issuer_anchor(h);
	struct line found[4];
	size_t n = 0, top_lines = 1;

	for (size_t i = anchor; anchor != NO_LINE && i-- > 0 && n < 4 &&
				anchor - i <= HEAD_BEFORE;) {
		const struct line *ln = &h->lines.v[i];
		struct line c;

		if (!letter_cell_first(f, ln->s, left_end(h, i, ln->s), &c.s,
				       &c.e) ||
		    letter_is_separator(f, c.s, c.e) || is_mark(f, c.s, c.e)) {
			continue;
		}
		if (!issuer_like(h->ft, c.s, c.e)) {
			break;
		}
		found[n++] = c;
	}
	if (n == 0) {
		return;
	}
	l->issuer = text_folded_copy(h->ft, found[n - 1].s, found[n - 1].e);
	if (l->issuer && n >= 2 &&
	    completes_top(f, &found[n - 1], &found[n - 2])) {
		char *next =
		    text_folded_copy(h->ft, found[n - 2].s, found[n - 2].e);
		char *both = xasprintf("%s %s", l->issuer, next ? next : "");

		free(l->issuer);
		free(next);
		l->issuer = both;
		top_lines = 2;
	}
	/* The body above ("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN") and the one that
	 * issues the letter under it ("SỞ CÔNG THƯƠNG", Decree 30): the
	 * symbol names the issuer ("Số: 1234/SCT-QLTM"), which then leads,
	 * with the body above it in brackets. */
	if (l->issuer && n > top_lines && l->symbol) {
		char *sym = text_fold(l->symbol);

		if (!symbol_names(sym, f, found[n - 1].s, found[n - 1].e) &&
		    symbol_names(sym, f, found[0].s, found[0].e)) {
			char *own =
			    text_folded_copy(h->ft, found[0].s, found[0].e);
			char *both =
			    xasprintf("%s (%s)", own ? own : "", l->issuer);

			free(own);
			free(l->issuer);
			l->issuer = both;
		}
		free(sym);
	}
}
