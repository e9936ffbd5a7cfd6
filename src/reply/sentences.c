/* Commands stated in sentences instead of key lines: an assignment, as
 * the Office writes a routing note ("bút phê") in answer to the
 * registration notice; and, further down, a delegation, a consultation
 * and an extension as the lead side asks them (their rules are at
 * reply_delegation_read, reply_consultation_read and
 * reply_extension_read in private.h).  The assignment's rule, in full
 * (README.md, "An assignment in a sentence", says the same):
 *
 *  1. The text (the first sentences of the new text, where a decision is
 *     read) is cut into sentences at '.', '!', '?' (followed by a space or
 *     the end) and at blank lines, and sentences into clauses at ',', ';',
 *     brackets and a line break before a capital.  Only the first
 *     ASSIGN_SENTENCES sentences are read.  A question ('?' at its end, or
 *     a last word "không"/"chưa"/"nhỉ"/"chứ", perhaps before words of
 *     address: reply_tokens_question) states nothing.
 *  2. The lead: the first clause holding "chủ trì" whose words before it
 *     carry no negator, tense or condition marker (`markers`: "không",
 *     "chưa", "đã", "đang", "sẽ", "nếu", "được", "do", "tiếp tục", ...).
 *     The unit is what stands between the last directive ("giao", "giao
 *     cho", "chuyển", "đề nghị", "yêu cầu", "phân công", ...) and "chủ
 *     trì".  Without a directive the clause must open with the unit ("Vụ
 *     PC chủ trì": a code, or a word such as "Vụ", "Cục", "Văn phòng")
 *     and "chủ trì" end the clause or be followed by a verb of the work
 *     ("xử lý", "giải quyết", "thực hiện", ...): "Vụ Pháp chế chủ trì
 *     cuộc họp" reports, it does not assign.  Words of manner
 *     (`manner_adverbs`: "trực tiếp", "khẩn trương", ...) before "chủ
 *     trì" or before the verb are no part of the unit ("Giao Vụ PC trực
 *     tiếp chủ trì").  What a directive hands over may stand before "cho"
 *     and the unit ("chuyển văn bản cho Vụ TC chủ trì": object_end).  A
 *     lead that names no unit ("đơn vị", "các ..."), several units ("Vụ
 *     PC và Vụ TC cùng xử lý"), a position ("Vụ PC đồng ý chủ trì"), a
 *     lead judged after "là" with a negator ("... là không phù hợp") or
 *     reported with "rồi" is none.  A sentence whose lead clause fails
 *     these checks is not an assignment.
 *  3. From that sentence on: coordinating units, "phối hợp với X, Y và
 *     Z" (units after it, continued by clauses that open as a unit does),
 *     or "X, Y phối hợp" (units before it, in clauses that open as a unit
 *     does, or joined to the lead: "Vụ PC chủ trì và Vụ TC phối hợp");
 *     vague parts ("các đơn vị liên quan") are left out.  The
 *     deadline: "hạn"/"thời hạn" (never "gia hạn"), "trước ngày",
 *     "trước", "chậm nhất", "trong" followed by a date (workday_read_written)
 *     or "N ngày [làm việc]", or "N ngày làm việc" opening a
 *     clause ("trong ngày 08/12": that day).  "hạn" opening a clause with
 *     no such value gives its words as written, which the workflow
 *     refuses as no deadline.  The deadline is read from the lead's
 *     sentence and later ones that name coordinating units; where they
 *     give none, from a deadline sentence (deadline_sentence: "Hạn
 *     20/12.") right after the last of them, else right before the
 *     lead's.  Delegations and consultations take one the same way
 *     (deadline_next_to).
 *  4. English: "X to lead" (the cue; "assign", "ask" as directives; any
 *     words may follow it), and as the Vietnamese verbs of the work "X
 *     to handle" ("to deal with", "to process", "to take care of", ...:
 *     an instruction, the unit opening the clause or after "ask"),
 *     "please have X handle"; verbs that hand the letter over with "to"
 *     ("transfer", "forward", "assign", "reassign", "pass", "route",
 *     perhaps an object between: "Please transfer this to PC") as
 *     "chuyển"; "X to coordinate"/"to assist"/"to support", "in
 *     coordination with X", "with input from X", "due"/"deadline" like
 *     "hạn", "by"/"within"/"before" like "trước".  Dates in both
 *     languages are read by workday_read_written ("20 December 2026",
 *     "Dec. 20, 2026", "thứ Sáu, ngày 18/12", "17h00 ngày 18/12",
 *     "2026-12-20"); "not", "did", "has", "had", "was", "will",
 *     "already", "agreed", "going", "ready", ... are markers.
 *  5. Values are the text as written (NFC, white space collapsed): the
 *     workflow reads units with config_units_parse and the deadline with
 *     wf_parse_due, as for "Chủ trì:", "Phối hợp:", "Hạn:" lines.
 *
 * Words match folded text (case, diacritics and normalisation ignored);
 * short marker words whose folded forms are also other words ("đã"/"dạ",
 * "khi"/"khí") must, written with marks, carry their own. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "congvan/workday.h"
#include "private.h"

/* Sentences read for an assignment. */
#define ASSIGN_SENTENCES 5
/* Tokens of the window examined at most. */
/* Words of a unit's name at most (beyond it: a sentence, not a name). */
#define UNIT_WORDS 12
/* Words between "hạn" and its value at most ("hạn trả lời trước ngày"). */
#define DUE_SKIP 5
/* Coordinating units read at most. */
#define COORD_PARTS 16

/* A word or phrase: folded, single spaces; precise: the same in lower
 * case NFC with its marks, which a word written with marks must carry
 * (NULL: any marks). */
struct phrase {
	const char *folded;
	const char *precise;
};

/* Before "chủ trì" (or in a unit): the sentence does not assign.  The
 * English ones from "will" on say a future, a report or a willingness, no
 * instruction ("Vụ PC will handle it", "Vụ PC agreed to handle it"). */
static const struct phrase markers[] = {
    {"khong", NULL},    {"ko", NULL},         {"chua", "chưa"},
    {"chang", "chẳng"}, {"dung", "đừng"},     {"da", "đã"},
    {"dang", "đang"},   {"se", "sẽ"},         {"vua", "vừa"},
    {"tung", "từng"},   {"sap", "sắp"},       {"neu", "nếu"},
    {"khi", "khi"},     {"co the", "có thể"}, {"duoc", "được"},
    {"do", "do"},       {"cua", "của"},       {"not", NULL},
    {"did", NULL},      {"has", NULL},        {"had", NULL},
    {"was", NULL},      {"gia su", "giả sử"}, {"tiep tuc", "tiếp tục"},
    {"will", NULL},     {"already", NULL},    {"agreed", NULL},
    {"going", NULL},    {"able", NULL},       {"willing", NULL},
    {"ready", NULL},    {"offered", NULL},    {"planned", NULL},
};

/* Words of names that hold a marker ("Cục Hàng không"). */
static const struct phrase not_markers[] = {{"hang khong", "hàng không"}};

/* Directives before the lead unit, longer first: those that hand the
 * letter over by themselves, a unit after them alone in its clause or
 * before any verb of the work ("Chuyển Vụ PC.", "Giao Vụ Pháp chế, hạn
 * 20/12.", "Chuyển Vụ PC xem xét", "Assign to PC."), as the Office
 * routes a letter; and those that ask ("Đề nghị Vụ PC chủ trì", "Please
 * have PC handle this"), which need "chủ trì" or a verb handing the
 * work. */
static const struct phrase handing_directives[] = {
    {"giao nhiem vu cho", "giao nhiệm vụ cho"},
    {"giao cho", "giao cho"},
    {"giao", "giao"},
    {"chuyen cho", "chuyển cho"},
    {"chuyen den", "chuyển đến"},
    {"chuyen", "chuyển"},
    {"phan cong cho", "phân công cho"},
    {"phan cong", "phân công"},
    {"k/c", NULL}, /* "kính chuyển" */
    {"assign", NULL},
    {"assigned", NULL},
};
static const struct phrase asking_directives[] = {
    {"de nghi", "đề nghị"}, {"yeu cau", "yêu cầu"}, {"nho", "nhờ"},
    {"ask", NULL},          {"please have", NULL},  {"kindly have", NULL},
    {"please get", NULL},
};

/* English verbs that hand the letter over with "to" before the unit, an
 * object perhaps between ("Transfer to PC", "Please forward this to PC",
 * "Reassign the letter to KH"): handing directives too. */
static const struct phrase english_handing[] = {
    {"transfer", NULL}, {"forward", NULL},   {"reassign", NULL},
    {"assign", NULL},   {"pass", NULL},      {"route", NULL},
    {"redirect", NULL}, {"hand over", NULL},
};
static const struct phrase english_objects[] = {
    {"this letter", NULL}, {"the letter", NULL}, {"this request", NULL},
    {"the request", NULL}, {"this item", NULL},  {"the item", NULL},
    {"this matter", NULL}, {"the matter", NULL}, {"this one", NULL},
    {"this", NULL},        {"it", NULL},
};

/* Verbs that hand a unit the work where no "chủ trì" is written ("Giao
 * Vụ PC xử lý", "Chuyển Vụ Pháp chế giải quyết", "Đề nghị Cục Công nghiệp
 * nghiên cứu, tham mưu", "Please have PC handle this"): fewer than the
 * verbs of the work (work_verb_at), which may follow "chủ trì"; "xem
 * xét", "báo cáo", "theo dõi" ask something of a unit without handing it
 * the letter ("Đề nghị Văn phòng xem xét"). */
static const struct phrase handing_verbs[] = {
    {"xu ly", "xử lý"},
    {"xu li", "xử lí"},
    {"giai quyet", "giải quyết"},
    {"thuc hien", "thực hiện"},
    {"tham muu", "tham mưu"},
    {"nghien cuu", "nghiên cứu"},
    {"handle", NULL},
    {"deal with", NULL},
    {"process", NULL},
    {"take care of", NULL},
};

/* The same in English after "to": an instruction by itself, the unit
 * opening the clause ("PC to handle", as "PC to lead"), or after "ask"
 * ("Please ask PC to handle this"). */
static const struct phrase english_infinitives[] = {
    {"to handle", NULL},       {"to deal with", NULL}, {"to process", NULL},
    {"to take care of", NULL}, {"to action", NULL},    {"to follow up", NULL},
};

/* The other verbs of the work, which may follow "chủ trì" without a
 * directive ("Vụ PC chủ trì xem xét"), or a handing directive's unit
 * ("Chuyển Vụ PC xem xét", "Forward to PC for action"). */
static const struct phrase work_verbs[] = {
    {"xem xet", "xem xét"},   {"ra soat", "rà soát"},
    {"tong hop", "tổng hợp"}, {"bao cao", "báo cáo"},
    {"tra loi", "trả lời"},   {"soan thao", "soạn thảo"},
    {"theo doi", "theo dõi"}, {"trien khai", "triển khai"},
    {"de xuat", "đề xuất"},   {"xay dung", "xây dựng"},
    {"chuan bi", "chuẩn bị"}, {"phoi hop", "phối hợp"},
    {"cung", "cùng"},         {"for action", NULL},
    {"for handling", NULL},   {"for processing", NULL},
    {"for follow up", NULL},  {"for necessary action", NULL},
};

/* Words of manner that may stand between the lead (or the person) and
 * "chủ trì" or the verb of the work ("Giao Vụ PC trực tiếp chủ trì", "Anh
 * Bình khẩn trương xử lý"): they are no part of the name. */
static const struct phrase manner_adverbs[] = {
    {"truc tiep", "trực tiếp"},
    {"khan truong", "khẩn trương"},
    {"kip thoi", "kịp thời"},
    {"chu dong", "chủ động"},
    {"tich cuc", "tích cực"},
    {"nghiem tuc", "nghiêm túc"},
    {"khan cap", "khẩn cấp"},
    {"gap", "gấp"},
    {"som", "sớm"},
    {"nhanh chong", "nhanh chóng"},
};

/* Words a unit's name opens with (and "Vụ" a unit's name with an
 * abbreviation: "Vụ PC"). */
static const struct phrase unit_kinds[] = {
    {"vu", "vụ"},
    {"cuc", "cục"},
    {"tong cuc", "tổng cục"},
    {"chi cuc", "chi cục"},
    {"van phong", "văn phòng"},
    {"thanh tra", "thanh tra"},
    {"ban", "ban"},
    {"so", "sở"},
    {"phong", "phòng"},
    {"vien", "viện"},
    {"trung tam", "trung tâm"},
    {"don vi", "đơn vị"},
    {"uy ban", "ủy ban"},
    {"uy ban", "uỷ ban"},
    {"hoc vien", "học viện"},
    {"cong ty", "công ty"},
    {"tap doan", "tập đoàn"},
    {"bo", "bộ"},
};

/* The lead's cue; the English one is an instruction itself ("PC to
 * lead the reply"): any words may follow it. */
static const struct phrase lead_cues[] = {{"chu tri", "chủ trì"},
					  {"to lead", NULL}};
#define LEAD_CUE_ENGLISH 1
static const struct phrase coord_cues[] = {
    {"phoi hop", "phối hợp"},   {"to coordinate", NULL},
    {"to assist", NULL},        {"to support", NULL},
    {"to provide input", NULL}, {"to contribute", NULL},
    {"in coordination", NULL},  {"coordinating", NULL},
    {"with input from", NULL},  {"with support from", NULL},
};
static const struct phrase with_words[] = {
    {"voi", "với"}, {"cung", "cùng"}, {"with", NULL}};
static const struct phrase joins[] = {
    {"va", "và"}, {"dong thoi", "đồng thời"}, {"cung", "cùng"}};
static const struct phrase and_words[] = {{"va", "và"}, {"and", NULL}};
/* Words that end a list of units before a deadline in its clause. */
static const struct phrase due_words[] = {
    {"han", "hạn"}, {"thoi han", "thời hạn"}, {"truoc", "trước"}, {"due", NULL},
    {"by", NULL},   {"deadline", NULL},       {"within", NULL},
};
static const struct phrase vague = {"lien quan", "liên quan"};
/* A lead that names no unit: these words alone ("đề nghị Vụ chủ trì
 * khẩn trương hoàn thành": the lead unit, whichever it is) or with
 * "khác" ("giao đơn vị khác chủ trì"), or a plural.  "Văn phòng" and "Thanh
 * tra" alone are units' names. */
static const struct phrase generic[] = {
    {"don vi", "đơn vị"},
    {"co quan", "cơ quan"},
    {"vu", "vụ"},
    {"cuc", "cục"},
    {"tong cuc", "tổng cục"},
    {"so", "sở"},
    {"phong", "phòng"},
    {"ban", "ban"},
    {"vien", "viện"},
    {"bo", "bộ"},
    {"trung tam", "trung tâm"},
};
static const struct phrase plurals[] = {
    {"cac", "các"}, {"nhung", "những"}, {"mot", "một"}};
/* "lấy ý kiến X": the units follow the cue. */
static const struct phrase consult_cues[] = {
    {"lay y kien", "lấy ý kiến"},
    {"xin y kien", "xin ý kiến"},
    {"hoi y kien", "hỏi ý kiến"},
    {"lay them y kien", "lấy thêm ý kiến"},
    {"xin them y kien", "xin thêm ý kiến"},
    {"hoi them y kien", "hỏi thêm ý kiến"},
    {"consult", NULL},
};
/* "đề nghị X cho ý kiến": the units stand before it. */
static const struct phrase opinion_cues[] = {
    {"cho y kien", "cho ý kiến"}, {"tham gia y kien", "tham gia ý kiến"},
    {"gop y", "góp ý"},           {"co y kien", "có ý kiến"},
    {"for comments", NULL},       {"for their views", NULL},
};
/* Words after "lấy ý kiến" before the units. */
static const struct phrase of_words[] = {
    {"cua", "của"}, {"tham gia cua", "tham gia của"}, {"of", NULL}};

/* The cue of an extension asked for or granted. */
static const struct phrase extension_cues[] = {
    {"gia han", "gia hạn"},
    {"lui han", "lùi hạn"},
    {"lui thoi han", "lùi thời hạn"},
    {"keo dai thoi han", "kéo dài thời hạn"},
    /* more days asked for or granted: "Vụ xin thêm 5 ngày làm việc",
     * "Đồng ý cho thêm 3 ngày" */
    {"xin them", "xin thêm"},
    {"can them", "cần thêm"},
    {"cho them", "cho thêm"},
    {"extension", NULL},
    {"extend", NULL},
};
/* Words before a person's name ("giao đ/c Bình", "chị Lan"): a person
 * is no unit, and is whom a head delegates to. */
static const struct phrase titles[] = {
    {"dong chi", "đồng chí"},
    {"d/c", NULL},
    {"a/c", NULL}, /* "anh/chị" */
    {"chuyen vien", "chuyên viên"},
    {"anh", "anh"},
    {"chi", "chị"},
    {"em", "em"},
    {"ong", "ông"},
    {"ba", "bà"},
    {"mr", NULL},
    {"ms", NULL},
    {"mrs", NULL},
};

/* --- tokens -------------------------------------------------------------- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The first ASSIGN_SENTENCES sentences with words: [s[k], e[k]). */
struct spans {
	size_t s[ASSIGN_SENTENCES], e[ASSIGN_SENTENCES];
	size_t n;
};

static void spans_read(const struct reply_tokens *r, struct spans *sp_r)
{
	size_t ss = 0;

	sp_r->n = 0;
	for (size_t t = 0; t < r->n && sp_r->n < ASSIGN_SENTENCES; t++) {
		if (r->t[t].kind != REPLY_TOK_SENTENCE &&
		    r->t[t].kind != REPLY_TOK_QUESTION) {
			continue;
		}
		if (t > ss) {
			/* marks in a row are one token: a word is in it */
			sp_r->s[sp_r->n] = ss;
			sp_r->e[sp_r->n++] = t;
		}
		ss = t + 1;
	}
}

/* The end of the clause that starts at t, in a sentence ending at se. */
static size_t clause_end(const struct reply_tokens *r, size_t t, size_t se)
{
	while (t < se && r->t[t].kind == REPLY_TOK_WORD) {
		t++;
	}
	return t;
}

/* Calls fn on each sentence of sp until it returns true: that
 * sentence's index, SIZE_MAX when none. */
static size_t each_sentence(const struct reply_tokens *r,
			    const struct spans *sp,
			    bool (*fn)(const struct reply_tokens *r, size_t ss,
				       size_t se, void *ctx),
			    void *ctx)
{
	for (size_t k = 0; k < sp->n; k++) {
		if (fn(r, sp->s[k], sp->e[k], ctx)) {
			return k;
		}
	}
	return SIZE_MAX;
}

/* --- matching ------------------------------------------------------------ */

/* The words of ph from word token t on, all before end: how many tokens,
 * 0 when they do not match. */
static size_t match(const struct reply_tokens *r, size_t t, size_t end,
		    const struct phrase *ph)
{
	return reply_tokens_match(r, t, end, ph->folded, ph->precise);
}

/* The first of the n phrases of v matching at t: its length, 0. */
static size_t match_any(const struct reply_tokens *r, size_t t, size_t end,
			const struct phrase *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t m = match(r, t, end, &v[i]);

		if (m > 0) {
			return m;
		}
	}
	return 0;
}

/* The first token in [s, e) where ph starts: SIZE_MAX when none. */
static size_t find(const struct reply_tokens *r, size_t s, size_t e,
		   const struct phrase *ph)
{
	for (size_t t = s; t < e; t++) {
		if (match(r, t, e, ph) > 0) {
			return t;
		}
	}
	return SIZE_MAX;
}

/* The first token in [s, e) where one of the n phrases of v starts
 * (its length into *len_r, its index into *which_r): SIZE_MAX when
 * none. */
static size_t find_any(const struct reply_tokens *r, size_t s, size_t e,
		       const struct phrase *v, size_t n, size_t *len_r,
		       size_t *which_r)
{
	for (size_t t = s; t < e; t++) {
		for (size_t i = 0; i < n; i++) {
			size_t m = match(r, t, e, &v[i]);

			if (m > 0) {
				*len_r = m;
				*which_r = i;
				return t;
			}
		}
	}
	return SIZE_MAX;
}

/* The token after the manner adverbs from t on (before e). */
static size_t skip_adverbs(const struct reply_tokens *r, size_t t, size_t e)
{
	for (;;) {
		size_t n = match_any(r, t, e, manner_adverbs,
				     ARRAY_SIZE(manner_adverbs));

		if (n == 0) {
			return t;
		}
		t += n;
	}
}

/* A verb of the work at t (before e): one that hands the work
 * (handing_verbs, english_infinitives) or another of work_verbs; its
 * length, 0. */
static size_t work_verb_at(const struct reply_tokens *r, size_t t, size_t e)
{
	size_t n = match_any(r, t, e, english_infinitives,
			     ARRAY_SIZE(english_infinitives));

	if (n == 0) {
		n = match_any(r, t, e, handing_verbs,
			      ARRAY_SIZE(handing_verbs));
	}
	return n > 0 ? n
		     : match_any(r, t, e, work_verbs, ARRAY_SIZE(work_verbs));
}

/* Where the name in [u, c) ends: before the manner adverbs that end the
 * span ("Vụ PC trực tiếp" before "chủ trì"), at least one word in. */
static size_t name_end(const struct reply_tokens *r, size_t u, size_t c)
{
	for (size_t p = u + 1; p < c; p++) {
		if (skip_adverbs(r, p, c) == c) {
			return p;
		}
	}
	return c;
}

/* Words that open a consequence: what stands before them is its cause
 * ("Việc này không thuộc chức năng của Vụ nên đề nghị chuyển ..."), and
 * negates nothing after them. */
static const struct phrase consequence_words[] = {
    {"nen", "nên"},     {"vi vay", "vì vậy"},   {"vi the", "vì thế"},
    {"do do", "do đó"}, {"cho nen", "cho nên"},
};

/* Whether ':' follows word token t (white space between). */
static bool colon_after(const struct reply_tokens *r, size_t t)
{
	size_t p = text_fold_skip_blank(r->ft.f, r->t[t].fe, r->ft.len, false);

	return p < r->ft.len && r->ft.f[p] == ':';
}

/* Where the clause [s, e) starts for its markers: after its last
 * consequence word, or ':' ("Ý kiến của Thứ trưởng: giao Vụ PC chủ
 * trì"). */
static size_t after_cause(const struct reply_tokens *r, size_t s, size_t e)
{
	size_t at = s;

	for (size_t t = s; t < e; t++) {
		size_t n = match_any(r, t, e, consequence_words,
				     ARRAY_SIZE(consequence_words));

		if (n > 0) {
			at = t + n;
			t += n - 1;
		} else if (t + 1 < e && colon_after(r, t)) {
			at = t + 1;
		}
	}
	return at;
}

static bool has_marker(const struct reply_tokens *r, size_t s, size_t e)
{
	for (size_t t = s; t < e; t++) {
		size_t n =
		    match_any(r, t, e, not_markers, ARRAY_SIZE(not_markers));

		if (n > 0) {
			t += n - 1;
		} else if (match_any(r, t, e, markers, ARRAY_SIZE(markers)) >
			   0) {
			return true;
		}
	}
	return false;
}

/* Whether the original of word token t opens with a capital. */
static bool capital(const struct reply_tokens *r, size_t t)
{
	size_t at = r->ft.off[r->t[t].fs];
	int32_t cp = text_utf8_next(r->ft.orig, r->ft.orig_len, &at);

	return cp > 0 && utf8proc_isupper(cp);
}

/* Whether [s, e) is one word written in capitals, as unit codes are
 * ("PC", "VU-PC", "TTTN"). */
static bool is_code(const struct reply_tokens *r, size_t s, size_t e)
{
	size_t i, end;
	bool upper = false;

	if (e != s + 1) {
		return false;
	}
	i = r->ft.off[r->t[s].fs];
	end = r->t[s].fe < r->ft.len ? r->ft.off[r->t[s].fe] : r->ft.orig_len;
	while (i < end) {
		int32_t cp = text_utf8_next(r->ft.orig, end, &i);

		if (cp < 0 || utf8proc_islower(cp)) {
			return false;
		}
		upper = upper || utf8proc_isupper(cp);
	}
	return upper && r->t[s].fe - r->t[s].fs >= 2;
}

/* Words of a position taken, which no unit's name holds ("Vụ PC đồng ý
 * chủ trì": the unit agrees to lead, it names none). */
static const struct phrase position_words[] = {
    {"dong y", "đồng ý"}, {"nhat tri", "nhất trí"}, {"xin", "xin"},
    {"nhan", "nhận"},     {"agree", NULL},          {"agrees", NULL},
    {"accept", NULL},     {"accepts", NULL},
};

/* Whether [s, e) is written as a unit's name is (opening with a word
 * such as "Vụ", "Cục", "Văn phòng", or a code) and is short enough to
 * be one.  A capital alone is not enough: every sentence opens with one
 * ("Tôi chủ trì"). */
static bool unitish(const struct reply_tokens *r, size_t s, size_t e)
{
	size_t n, w;

	if (s >= e || e - s > UNIT_WORDS || has_marker(r, s, e) ||
	    find_any(r, s, e, position_words, ARRAY_SIZE(position_words), &n,
		     &w) != SIZE_MAX) {
		return false;
	}
	return match_any(r, s, e, unit_kinds, ARRAY_SIZE(unit_kinds)) > 0 ||
	       is_code(r, s, e);
}

/* The original text of tokens [s, e), cleaned; NULL when empty. */
static char *copy(const struct reply_tokens *r, size_t s, size_t e)
{
	if (s >= e) {
		return NULL;
	}
	return text_folded_copy(&r->ft, r->t[s].fs, r->t[e - 1].fe);
}

/* --- the deadline -------------------------------------------------------- */

static bool is_number(const struct reply_tokens *r, size_t t)
{
	const struct reply_tok *k = &r->t[t];

	if (k->kind != REPLY_TOK_WORD) {
		return false;
	}
	for (size_t i = k->fs; i < k->fe; i++) {
		if (!is_digit(r->ft.f[i])) {
			return false;
		}
	}
	return k->fe - k->fs <= 4;
}

static bool word_at(const struct reply_tokens *r, size_t t, size_t e,
		    const char *w)
{
	const struct phrase ph = {w, NULL};

	return t < e && match(r, t, e, &ph) > 0;
}

/* The date written from token t, as workday_read_written reads it
 * ("20/12/2026", "ngày 18 tháng 12", "Dec. 20, 2026", "17h00 ngày
 * 18/12"), which may run past e, the clause a comma ends ("December 20,
 * 2026"): a date of one word as written ("20.12.2026"), one with a
 * weekday as written too, for the workflow to check the weekday ("thứ
 * Sáu, ngày 18/12"), any other as "D/M[/Y]".  NULL when none. */
static char *date_value(const struct reply_tokens *r, size_t t)
{
	struct workday_written w;
	size_t fe = workday_read_written(r->ft.f, r->t[t].fs, r->ft.len, &w);

	if (fe == 0) {
		return NULL;
	}
	if (fe == r->t[t].fe || w.weekday >= 0) {
		return text_folded_copy(&r->ft, r->t[t].fs, fe);
	}
	return w.y ? xasprintf("%d/%d/%d", w.d, w.m, w.y)
		   : xasprintf("%d/%d", w.d, w.m);
}

/* The deadline written from token t (before e): a date (date_value),
 * "N ngày [làm việc]", "N working days".  NULL when none. */
static char *due_value(const struct reply_tokens *r, size_t t, size_t e)
{
	char *v;

	if (t >= e || r->t[t].kind != REPLY_TOK_WORD) {
		return NULL;
	}
	if ((v = date_value(r, t))) {
		return v;
	}
	if (!is_number(r, t)) {
		return NULL;
	}
	if (word_at(r, t + 1, e, "ngay")) {
		const struct phrase lv = {"lam viec", "làm việc"};
		size_t n = match(r, t + 2, e, &lv);

		return copy(r, t, t + 2 + n);
	}
	if (word_at(r, t + 1, e, "working") && word_at(r, t + 2, e, "days")) {
		return copy(r, t, t + 3);
	}
	return NULL;
}

/* The words that open a deadline's value after them ("hạn 20/12"), and
 * those the value follows directly, "ngày" between allowed ("trước ngày
 * 20/12", "trong ngày 08/12": that day; "trong 10 ngày làm việc"). */
static const struct phrase due_cues[] = {
    {"han", "hạn"}, {"due", NULL}, {"deadline", NULL}};
static const struct phrase due_before[] = {
    {"truoc ngay", "trước ngày"},
    {"truoc", "trước"},
    {"cham nhat", "chậm nhất"},
    {"ngay trong", "ngay trong"},
    {"trong", "trong"},
    {"den ngay", "đến ngày"},
    {"by", NULL},
    {"within", NULL},
    {"before", NULL},
};

/* The value after one of due_before at t (n tokens): NULL when none. */
static char *due_after_before(const struct reply_tokens *r, size_t t, size_t n,
			      size_t e)
{
	static const struct phrase day = {"ngay", "ngày"};
	size_t k = t + n;

	k += match(r, k, e, &day);
	return due_value(r, k, e);
}

/* The deadline of clause [s, e), if it states one; when "hạn" opens the
 * clause without a deadline after it and as_written, its words as
 * written (which the workflow refuses: never ignored).  due_of: as
 * written. */
static char *due_in(const struct reply_tokens *r, size_t s, size_t e,
		    bool as_written)
{
	size_t j = s + match_any(r, s, e, joins, ARRAY_SIZE(joins));

	for (size_t t = s; t < e; t++) {
		size_t n;
		char *v;

		if (match_any(r, t, e, due_cues, ARRAY_SIZE(due_cues)) > 0 &&
		    !(t > s && (word_at(r, t - 1, e, "gia") ||
				word_at(r, t - 1, e, "gioi") ||
				word_at(r, t - 1, e, "quyen") ||
				word_at(r, t - 1, e, "dung")))) {
			bool opens =
			    t == j || (t == j + 1 && word_at(r, j, e, "thoi"));

			for (size_t k = t + 1; k < e && k <= t + DUE_SKIP;
			     k++) {
				if ((v = due_value(r, k, e))) {
					return v;
				}
			}
			if (opens && as_written) {
				return copy(r, t + 1, e);
			}
			continue;
		}
		n = match_any(r, t, e, due_before, ARRAY_SIZE(due_before));
		if (n > 0 && (v = due_after_before(r, t, n, e))) {
			return v;
		}
	}
	/* "10 ngày làm việc" opening a clause */
	return due_value(r, j, e);
}

static char *due_of(const struct reply_tokens *r, size_t s, size_t e)
{
	return due_in(r, s, e, true);
}

/* Whether a deadline starts at t, ending a list of units before it: a
 * word of due_words, or one of due_before with a value after it ("Vụ PC
 * trong ngày 08/12"; "Vụ Thị trường trong nước" is a name). */
static bool due_starts(const struct reply_tokens *r, size_t t, size_t e)
{
	size_t n = match_any(r, t, e, due_before, ARRAY_SIZE(due_before));
	char *v;

	if (match_any(r, t, e, due_words, ARRAY_SIZE(due_words)) > 0) {
		return true;
	}
	v = n > 0 ? due_after_before(r, t, n, e) : NULL;
	free(v);
	return v != NULL;
}

/* Words that open the reason, after what they explain. */
static const struct phrase reason_words[] = {
    {"ly do", "lý do"}, {"vi", "vì"},     {"do", "do"},
    {"because", NULL},  {"due to", NULL}, {"since", NULL},
};
/* The reason in [t, e): the words after the first reason word. */
static char *reason_of(const struct reply_tokens *r, size_t t, size_t e)
{
	for (; t < e; t++) {
		size_t n =
		    match_any(r, t, e, reason_words, ARRAY_SIZE(reason_words));

		if (n > 0) {
			return copy(r, t + n, e);
		}
	}
	return NULL;
}

/* A clause that says the work is not the writer's unit's ("Việc này
 * không thuộc chức năng của Vụ, đề nghị chuyển Vụ PC xử lý"): the reason
 * of a transfer where none follows "vì", "do", "lý do". */
static const struct phrase remit_words[] = {
    {"khong thuoc", "không thuộc"},
    {"not within", NULL},
    {"not in our", NULL},
    {"not our", NULL},
    {"outside", NULL},
};
/* The first clause in [s, e) that opens with remit_words there, to its
 * end or a consequence word. */
static char *remit_of(const struct reply_tokens *r, size_t s, size_t e)
{
	for (size_t t = s; t < e; t++) {
		size_t end = t;

		if (r->t[t].kind != REPLY_TOK_WORD ||
		    match_any(r, t, e, remit_words, ARRAY_SIZE(remit_words)) ==
			0) {
			continue;
		}
		while (end < e && r->t[end].kind == REPLY_TOK_WORD &&
		       match_any(r, end, e, consequence_words,
				 ARRAY_SIZE(consequence_words)) == 0) {
			end++;
		}
		return copy(r, t, end);
	}
	return NULL;
}

/* --- units --------------------------------------------------------------- */

/* What one reading collects. */
struct found {
	char *lead;
	char *due;
	char *reason;
	size_t ss, se;     /* the sentence read */
	struct sbuf coord; /* "A, B và C, D" */
	size_t n_coord;    /* parts in coord */
	bool coord_open;   /* the last clause was "phối hợp với ...": a
			      clause that opens as a unit continues it */
	size_t pending_s;  /* clauses that open as units, before a
			      "... phối hợp" clause: their tokens */
	size_t pending_e;
	bool pending;
	bool by_verb; /* the lead from a verb, no "chủ trì" (verb_clause) */
};

/* Adds the units of [s, e) to the coordinating units, without the vague
 * parts between "và" ("các đơn vị liên quan"). */
static void add_coord(struct found *fd, const struct reply_tokens *r, size_t s,
		      size_t e)
{
	size_t a = s;

	if (fd->n_coord >= COORD_PARTS) {
		return;
	}
	for (size_t t = s; t <= e; t++) {
		size_t n =
		    t < e ? match_any(r, t, e, and_words, ARRAY_SIZE(and_words))
			  : 0;
		char *part;

		if (t < e && n == 0) {
			continue;
		}
		if (find(r, a, t, &vague) == SIZE_MAX &&
		    (part = copy(r, a, t))) {
			sbuf_addf(&fd->coord, "%s%s",
				  fd->coord.len == 0 ? ""
				  : a == s           ? ", "
						     : " và ",
				  part);
			free(part);
		}
		if (t == e) {
			break;
		}
		a = t + n;
		t = a - 1;
	}
	fd->n_coord++;
}

/* Whether [s, e) is units written as units are, joined by "và", "and"
 * ("TC and KH to provide input"). */
static bool unit_list(const struct reply_tokens *r, size_t s, size_t e)
{
	size_t a = s;

	for (size_t t = s; t < e; t++) {
		size_t n = match_any(r, t, e, and_words, ARRAY_SIZE(and_words));

		if (n == 0) {
			continue;
		}
		if (!unitish(r, a, t)) {
			return false;
		}
		a = t + n;
		t = a - 1;
	}
	return unitish(r, a, e);
}

/* "phối hợp" (pn tokens) at p in clause [s, e). */
static void coord_clause(struct found *fd, const struct reply_tokens *r,
			 size_t s, size_t p, size_t pn, size_t e)
{
	size_t after = p + pn, w, d;

	if (has_marker(r, s, p)) {
		return;
	}
	s += match_any(r, s, e, joins, ARRAY_SIZE(joins));
	w = match_any(r, after, e, with_words, ARRAY_SIZE(with_words));
	if (p == s && (w > 0 || unitish(r, after, e))) {
		/* "phối hợp với X và Y" (up to a deadline in the clause) */
		after += w;
		d = after;
		/* to a deadline, or a verb of the work after the units
		 * ("phối hợp Vụ TC xử lý"; "Vụ Tổng hợp" is a name) */
		while (d < e && !due_starts(r, d, e) &&
		       (d == after || work_verb_at(r, d, e) == 0 ||
			capital(r, d))) {
			d++;
		}
		add_coord(fd, r, after, d);
		fd->coord_open = true;
		return;
	}
	if (p > s && (unitish(r, s, p) || unit_list(r, s, p))) {
		if (fd->pending) {
			add_coord(fd, r, fd->pending_s, fd->pending_e);
		}
		add_coord(fd, r, s, p);
	}
}

/* --- the lead ------------------------------------------------------------ */

/* A directive that hands the letter over at t (before e): one of
 * english_handing, perhaps an object, and "to" ("Transfer this to"),
 * else one of handing_directives; its length, 0. */
static size_t handing_at(const struct reply_tokens *r, size_t t, size_t e)
{
	static const struct phrase to = {"to", NULL};
	size_t n = match_any(r, t, e, english_handing,
			     ARRAY_SIZE(english_handing)),
	       k;

	if (n > 0) {
		n += match_any(r, t + n, e, english_objects,
			       ARRAY_SIZE(english_objects));
		k = match(r, t + n, e, &to);
		if (k > 0) {
			return n + k;
		}
	}
	return match_any(r, t, e, handing_directives,
			 ARRAY_SIZE(handing_directives));
}

/* Words of what a directive hands over at most ("chuyển hồ sơ này cho
 * ..."), and the words that then name whom it is handed to. */
#define OBJECT_WORDS 4
static const struct phrase to_words[] = {
    {"cho", "cho"}, {"den", "đến"}, {"toi", "tới"}};

/* Where what a directive ending at t hands over ends, in [t, c): after
 * the "cho" that follows it ("chuyển văn bản cho Vụ TC chủ trì", "giao
 * việc này cho chị Lan"), else t. */
static size_t object_end(const struct reply_tokens *r, size_t t, size_t c)
{
	for (size_t k = t + 1; k < c && k <= t + OBJECT_WORDS; k++) {
		if (match_any(r, k, c, to_words, ARRAY_SIZE(to_words)) > 0) {
			return unitish(r, t, k) ? t : k + 1;
		}
	}
	return t;
}

/* The last directive in [s, c): the token after it, or SIZE_MAX; after
 * what it hands over, the token after "cho" ("chuyển văn bản cho Vụ TC
 * chủ trì").  One with a capital inside the clause is part of a name
 * ("Cục Chuyển đổi số"). */
static size_t after_directive(const struct reply_tokens *r, size_t s, size_t c)
{
	size_t at = SIZE_MAX;

	for (size_t t = s; t < c; t++) {
		size_t n = handing_at(r, t, c);

		n = n > 0 ? n
			  : match_any(r, t, c, asking_directives,
				      ARRAY_SIZE(asking_directives));

		if (n > 0 && (t == s || !capital(r, t))) {
			at = object_end(r, t + n, c);
			t = at - 1;
		}
	}
	return at;
}

/* In the lead's clause: the letter handed over already, reported ("Giao
 * Vụ PC xử lý rồi"). */
static const struct phrase already = {"roi", "rồi"};

/* Whether [t, e), after the lead's cue, judges what stands before it
 * with a negator or tense before any reason ("Đề nghị Vụ PC chủ trì là
 * không phù hợp"; "Transfer to TC because it is not our remit" gives a
 * reason): then nothing is assigned. */
static bool judged(const struct reply_tokens *r, size_t t, size_t e)
{
	static const struct phrase is[] = {{"la", "là"}, {"is", NULL}};

	for (; t < e &&
	       match_any(r, t, e, reason_words, ARRAY_SIZE(reason_words)) == 0;
	     t++) {
		size_t n = match_any(r, t, e, is, ARRAY_SIZE(is));

		if (n > 0) {
			return has_marker(r, t + n, e);
		}
	}
	return false;
}

/* Units joined to the lead by "và", "and" from tail to end, where a
 * coordination cue or the clause ends ("Vụ PC chủ trì và Vụ TC phối
 * hợp", "TC to lead and PC to support"): their first token, SIZE_MAX
 * when none. */
static size_t joined_units(const struct reply_tokens *r, size_t tail,
			   size_t end)
{
	size_t a =
	    tail + match_any(r, tail, end, and_words, ARRAY_SIZE(and_words));

	return a > tail && a < end && unit_list(r, a, end) ? a : SIZE_MAX;
}

/* The lead clause [s, e) with lead_cues[which] (cn tokens) at c: 1 when
 * it assigns (the unit into fd->lead), -1 when the sentence must not be
 * read as an assignment. */
static int lead_clause(struct found *fd, const struct reply_tokens *r, size_t s,
		       size_t c, size_t cn, size_t which, size_t e)
{
	static const struct phrase other = {"khac", "khác"};
	size_t u = after_directive(r, s, c), tail = c + cn, pn = 0, i, ue, g;
	size_t verb = skip_adverbs(r, tail, e),
	       p = find_any(r, tail, e, coord_cues, ARRAY_SIZE(coord_cues), &pn,
			    &i),
	       j = joined_units(r, tail, p != SIZE_MAX ? p : e);

	if (has_marker(r, after_cause(r, s, c), c) || judged(r, tail, e) ||
	    find(r, s, e, &already) != SIZE_MAX) {
		return -1; /* "Chuyển Vụ PC rồi": done, not asked */
	}
	if (u == SIZE_MAX) {
		/* no directive: "Vụ PC chủ trì [khẩn trương] [xử lý]", "Vụ
		 * PC chủ trì và Vụ TC phối hợp" */
		if (!unitish(r, s, c) ||
		    (which != LEAD_CUE_ENGLISH && verb < e && j == SIZE_MAX &&
		     work_verb_at(r, verb, e) == 0)) {
			return -1;
		}
		u = s;
	}
	ue = u < c ? name_end(r, u, c) : c;
	g = match_any(r, u, ue, generic, ARRAY_SIZE(generic));
	if (u >= ue || ue - u > UNIT_WORDS || g == ue - u ||
	    (g > 0 && g + 1 == ue - u && match(r, u + g, ue, &other) > 0) ||
	    match_any(r, u, ue, plurals, ARRAY_SIZE(plurals)) > 0 ||
	    match_any(r, u, ue, titles, ARRAY_SIZE(titles)) > 0) {
		/* "phân công đơn vị (khác) chủ trì": no unit named */
		return -1;
	}
	fd->lead = copy(r, u, ue);
	fd->reason = reason_of(r, c + cn, fd->se);
	if (!fd->reason) {
		fd->reason = remit_of(r, fd->ss, fd->se);
	}
	if (j != SIZE_MAX && p != SIZE_MAX) {
		add_coord(fd, r, j, p); /* "TC to lead and PC to support" */
	} else if (j != SIZE_MAX) {
		/* "... chủ trì và Vụ TC, Vụ KH phối hợp": coordinating if a
		 * later clause says so */
		fd->pending_s = j;
		fd->pending_e = e;
		fd->pending = true;
	} else if (p != SIZE_MAX) {
		coord_clause(fd, r, p, p, pn, e);
	}
	if (!fd->due) {
		fd->due = due_of(r, tail, e);
	}
	return 1;
}

/* --- sentences ----------------------------------------------------------- */

static bool is_question(const struct reply_tokens *r, size_t ss, size_t se)
{
	return reply_tokens_question(r, ss, se);
}

/* Words of a sentence that states only a deadline, at most. */
#define DEADLINE_WORDS 12

/* Whether clause [s, e) names someone where a doer stands: opening it,
 * or after a directive; a unit ("Vụ PC gửi ý kiến trước 15/12"), or a
 * title and a name ("Anh Bình báo cáo trước 15/12"). */
static bool names_someone(const struct reply_tokens *r, size_t s, size_t e)
{
	const size_t at[] = {s + match_any(r, s, e, joins, ARRAY_SIZE(joins)),
			     after_directive(r, s, e)};

	for (size_t i = 0; i < ARRAY_SIZE(at); i++) {
		size_t p = at[i], n;

		if (p >= e) {
			continue;
		}
		n = match_any(r, p, e, titles, ARRAY_SIZE(titles));
		if (match_any(r, p, e, unit_kinds, ARRAY_SIZE(unit_kinds)) >
			0 ||
		    is_code(r, p, p + 1) ||
		    (n > 0 && p + n < e && capital(r, p + n))) {
			return true;
		}
	}
	return false;
}

/* The deadline of sentence [ss, se) when that is all it states ("Hạn
 * 15/12.", "Hoàn thành trước ngày 20/12.", "Báo cáo trong 10 ngày làm
 * việc."): a deadline with its value, no cue of another command (a
 * lead, coordination, a consultation, an extension: "Gia hạn đến 20/12"
 * is none), no negator, tense or condition, nobody named, at most
 * DEADLINE_WORDS words, not a question.  NULL otherwise. */
static char *deadline_sentence(const struct reply_tokens *r, size_t ss,
			       size_t se)
{
	static const struct {
		const struct phrase *v;
		size_t n;
	} others[] = {
	    {lead_cues, ARRAY_SIZE(lead_cues)},
	    {coord_cues, ARRAY_SIZE(coord_cues)},
	    {consult_cues, ARRAY_SIZE(consult_cues)},
	    {opinion_cues, ARRAY_SIZE(opinion_cues)},
	    {extension_cues, ARRAY_SIZE(extension_cues)},
	};
	size_t words = 0, cs = ss, n, w;
	char *due = NULL;

	if (is_question(r, ss, se) || has_marker(r, ss, se)) {
		return NULL;
	}
	for (size_t t = ss; t < se; t++) {
		words += r->t[t].kind == REPLY_TOK_WORD;
	}
	for (size_t i = 0; i < ARRAY_SIZE(others) && words <= DEADLINE_WORDS;
	     i++) {
		if (find_any(r, ss, se, others[i].v, others[i].n, &n, &w) !=
		    SIZE_MAX) {
			return NULL;
		}
	}
	for (size_t t = ss; t <= se && words <= DEADLINE_WORDS; t++) {
		if (t < se && r->t[t].kind == REPLY_TOK_WORD) {
			continue;
		}
		if (t > cs && names_someone(r, cs, t)) {
			free(due);
			return NULL;
		}
		if (t > cs && !due) {
			due = due_in(r, cs, t, false);
		}
		cs = t + 1;
	}
	return due;
}

/* The commands that take a deadline sentence next to theirs. */
enum command { COMMAND_DELEGATION, COMMAND_CONSULTATION };

/* Whether sentence [ss, se) states the other of the two commands. */
static bool states_other(const struct reply_tokens *r, size_t ss, size_t se,
			 enum command self);

/* The deadline of a deadline sentence next to sentence k of sp, where
 * command self stands: the one after it, else the one before it unless
 * that one follows the other command's sentence ("Giao chị Lan xử lý.
 * Hạn 15/12. Đề nghị lấy ý kiến Vụ PC.": Lan's); NULL when none. */
static char *deadline_next_to(const struct reply_tokens *r,
			      const struct spans *sp, size_t k,
			      enum command self)
{
	char *due = NULL;

	if (k + 1 < sp->n) {
		due = deadline_sentence(r, sp->s[k + 1], sp->e[k + 1]);
	}
	if (!due && k > 0 &&
	    !(k > 1 && states_other(r, sp->s[k - 2], sp->e[k - 2], self))) {
		due = deadline_sentence(r, sp->s[k - 1], sp->e[k - 1]);
	}
	return due;
}

/* Words of a unit's name at most before a verb of handing_verbs, and
 * words no such name holds: what stands before them is asked of the
 * unit ("đề nghị Văn phòng trình ...", "... cho gia hạn ..."). */
#define VERB_UNIT_WORDS 6
static const struct phrase name_breaks[] = {
    {"cho", "cho"}, {"trinh", "trình"}, {"han", "hạn"},
    {"de", "để"},   {"ve", "về"},       {"theo", "theo"},
};

/* "để" before a verb of the work: its purpose, no part of the name
 * before it ("Chuyển Vụ PC để xử lý"; "Chuyển Vụ PC để biết" hands
 * nothing over). */
static const struct phrase purpose = {"de", "để"};

/* Words of courtesy after the unit, which end its name ("Chuyển Vụ PC
 * nhé", "Chuyển Vụ PC giúp anh"). */
static const struct phrase particles[] = {
    {"nhe", "nhé"},   {"nha", "nha"}, {"a", "ạ"},       {"giup", "giúp"},
    {"luon", "luôn"}, {"voi", "với"}, {"please", NULL}, {"thanks", NULL},
};

/* Words of courtesy before a handing directive ("Đề nghị chuyển Vụ PC",
 * "Please assign to PC", "Could you forward this to PC"; a question, "?"
 * at its end, asks nothing). */
static const struct phrase courtesies[] = {
    {"de nghi", "đề nghị"},     {"kinh", "kính"},
    {"please", NULL},           {"kindly", NULL},
    {"could you please", NULL}, {"could you", NULL},
    {"can you please", NULL},   {"can you", NULL},
    {"would you please", NULL}, {"would you", NULL},
};

/* Whether [u, ue) may be a unit named before a verb or after a bare
 * directive: a few words, written as units are, none that asks
 * something of it. */
static bool short_unit(const struct reply_tokens *r, size_t u, size_t ue)
{
	if (u >= ue || ue - u > VERB_UNIT_WORDS || !unitish(r, u, ue)) {
		return false; /* a person ("Giao chị Lan xử lý"), or none */
	}
	for (size_t t = u; t < ue; t++) {
		size_t n =
		    match_any(r, t, ue, and_words, ARRAY_SIZE(and_words));

		n = n > 0 ? n
			  : match_any(r, t, ue, with_words,
				      ARRAY_SIZE(with_words));
		if (match_any(r, t, ue, name_breaks, ARRAY_SIZE(name_breaks)) >
			0 ||
		    (n > 0 && t > u && unitish(r, t + n, ue))) {
			/* "đề nghị Văn phòng trình Lãnh đạo Bộ cho gia hạn
			 * thời hạn giải quyết": no name; "Giao Vụ PC và Vụ TC
			 * cùng xử lý": no one lead */
			return false;
		}
	}
	return true;
}

/* Whether the clause after the one ending at e, in a sentence ending at
 * se, names another unit doing the work, not coordinating ("Giao Vụ PC,
 * Vụ TC xử lý": no one lead; "Chuyển Vụ PC, Vụ TC phối hợp" has
 * one). */
static bool joint_clause(const struct reply_tokens *r, size_t e, size_t se)
{
	size_t ce, n, w;

	if (e >= se) {
		return false;
	}
	ce = clause_end(r, e + 1, se);
	if (find_any(r, e + 1, ce, coord_cues, ARRAY_SIZE(coord_cues), &n,
		     &w) != SIZE_MAX) {
		return false;
	}
	for (size_t t = e + 2; t < ce; t++) {
		if (work_verb_at(r, t, ce) > 0) {
			return unitish(r, e + 1, t);
		}
	}
	return false;
}

/* A clause [s, e) opening with a handing directive and a unit ("Chuyển
 * Vụ PC", "Chuyển Vụ PC xem xét"): as verb_clause. */
static int bare_clause(struct found *fd, const struct reply_tokens *r, size_t s,
		       size_t e)
{
	size_t p = s + match_any(r, s, e, titles, ARRAY_SIZE(titles)), n, u, v,
	       vn = 0;

	/* a pronoun before the directive: "Anh chuyển Vụ PC nhé", "em
	 * chuyển Vụ PC giúp anh" */
	p = handing_at(r, p, e) > 0 ? p : s;
	p += match_any(r, p, e, courtesies, ARRAY_SIZE(courtesies));
	n = handing_at(r, p, e);
	int rc;

	if (n == 0) {
		return 0;
	}
	s = p;
	u = object_end(r, p + n, e);
	/* the name ends at a verb of the work (perhaps after "để"), a word
	 * of courtesy, a reason or a deadline ("Chuyển Vụ TC vì ...",
	 * "Assign to PC by 20/12", "Chuyển Cục CN để giải quyết") */
	for (v = u;
	     v < e && (vn = work_verb_at(r, v, e)) == 0 &&
	     !(match(r, v, e, &purpose) > 0 && work_verb_at(r, v + 1, e)) &&
	     match_any(r, v, e, particles, ARRAY_SIZE(particles)) == 0 &&
	     match_any(r, v, e, reason_words, ARRAY_SIZE(reason_words)) == 0 &&
	     !due_starts(r, v, e);
	     v++) {
	}
	if (!short_unit(r, u, v < e ? name_end(r, u, v) : e)) {
		return 0;
	}
	if (v == e && joint_clause(r, e, fd->se)) {
		return -1;
	}
	rc = lead_clause(fd, r, s, v, vn, 0, e);
	fd->by_verb = rc > 0;
	return rc;
}

/* A clause [s, e) with no "chủ trì": a directive, a unit and a verb
 * that hands it the work ("Giao Vụ PC xử lý, hạn 20/12"), or the unit
 * opening the clause when units coordinate later in the sentence ("Vụ PC
 * xử lý, Vụ TC phối hợp"): 1 when it
 * assigns (as lead_clause does), -1 when the sentence must not be read
 * as an assignment, 0 when it is no such clause. */
static int verb_clause(struct found *fd, const struct reply_tokens *r, size_t s,
		       size_t e)
{
	for (size_t v = s + 1; v < e; v++) {
		size_t u, cn, ci,
		    inf = match_any(r, v, e, english_infinitives,
				    ARRAY_SIZE(english_infinitives)),
		    n = inf > 0 ? inf
				: match_any(r, v, e, handing_verbs,
					    ARRAY_SIZE(handing_verbs));
		int rc;

		if (n == 0) {
			continue;
		}
		if (v > s + 1 && match(r, v - 1, v, &purpose) > 0) {
			v--; /* "Chuyển Vụ PC để xử lý" */
			n++;
		}
		u = after_directive(r, s, v);
		if (u == SIZE_MAX &&
		    (inf > 0 ||
		     find_any(r, e, fd->se, coord_cues, ARRAY_SIZE(coord_cues),
			      &cn, &ci) != SIZE_MAX)) {
			/* no directive: the English infinitive, an
			 * instruction as "to lead" is ("PC to handle"), or
			 * units coordinating after it ("Vụ PC xử lý, Vụ TC
			 * phối hợp") */
			u = s;
		}
		if (u == SIZE_MAX || u >= v ||
		    !short_unit(r, u, name_end(r, u, v))) {
			return 0;
		}
		rc = lead_clause(fd, r, s, v, n, inf > 0 ? LEAD_CUE_ENGLISH : 0,
				 e);
		fd->by_verb = rc > 0;
		return rc;
	}
	return bare_clause(fd, r, s, e);
}

/* One clause [s, e) of a sentence. */
static int clause(struct found *fd, const struct reply_tokens *r, size_t s,
		  size_t e)
{
	size_t n, which, p;
	size_t c =
	    find_any(r, s, e, lead_cues, ARRAY_SIZE(lead_cues), &n, &which);
	bool open = fd->coord_open;
	char *due;

	fd->coord_open = false;
	if (c != SIZE_MAX) {
		fd->pending = false;
		return fd->lead ? 0 : lead_clause(fd, r, s, c, n, which, e);
	}
	p = find_any(r, s, e, coord_cues, ARRAY_SIZE(coord_cues), &n, &which);
	if (p != SIZE_MAX) {
		coord_clause(fd, r, s, p, n, e);
		fd->pending = false;
		if (!fd->due) {
			fd->due = due_of(r, p, e);
		}
		return 0;
	}
	if (!fd->lead) {
		int rc = verb_clause(fd, r, s, e);

		if (rc != 0) {
			fd->pending = false;
			return rc < 0 ? -1 : 0;
		}
	}
	due = due_of(r, s, e);
	if (due) {
		if (!fd->due) {
			fd->due = due;
		} else {
			free(due);
		}
		fd->pending = false;
	} else if (open && unitish(r, s, e)) {
		add_coord(fd, r, s, e);
		fd->coord_open = true;
	} else if (unitish(r, s, e)) {
		if (!fd->pending) {
			fd->pending_s = s;
		}
		fd->pending_e = e;
		fd->pending = true;
	} else {
		fd->pending = false;
	}
	return 0;
}

/* Sentence [ss, se): reads its clauses; -1 when it must not be read as
 * an assignment. */
static int sentence(struct found *fd, const struct reply_tokens *r, size_t ss,
		    size_t se)
{
	size_t cs = ss;

	if (is_question(r, ss, se)) {
		return -1;
	}
	fd->ss = ss;
	fd->se = se;
	for (size_t t = ss; t <= se; t++) {
		if (t < se && r->t[t].kind == REPLY_TOK_WORD) {
			continue;
		}
		if (t > cs && clause(fd, r, cs, t) < 0) {
			return -1;
		}
		cs = t + 1;
	}
	return 0;
}

static void found_reset(struct found *fd)
{
	FREE_AND_NULL(fd->lead);
	FREE_AND_NULL(fd->due);
	FREE_AND_NULL(fd->reason);
	sbuf_reset(&fd->coord);
	fd->n_coord = 0;
	fd->coord_open = false;
	fd->pending = false;
}

/* Sentence k after the lead's: its coordinating units; its deadline when
 * it states some (it is then part of the assignment: *last_k = k), or
 * when it is a deadline sentence right after the last sentence of the
 * assignment (into *after_r, unless one is there). */
static void later_sentence(struct found *fd, const struct reply_tokens *r,
			   const struct spans *sp, size_t k, size_t *last_k,
			   char **after_r)
{
	size_t n_coord = fd->n_coord;
	char *due = fd->due, *own;

	fd->due = NULL;
	(void)sentence(fd, r, sp->s[k], sp->e[k]); /* a question: nothing */
	own = fd->due;
	fd->due = due;
	if (fd->n_coord > n_coord) {
		*last_k = k;
		if (!fd->due) {
			fd->due = own;
			own = NULL;
		}
	} else if (k == *last_k + 1 && !*after_r) {
		*after_r = deadline_sentence(r, sp->s[k], sp->e[k]);
	}
	free(own);
}

/* Reads the sentences until the one that states the lead, and those
 * after it: coordinating units in any of them; the deadline from the
 * lead's sentence or a later one that states coordinating units, else
 * from a deadline sentence right after the last of these, else right
 * before the lead's ("Hạn 20/12. Giao Vụ PC chủ trì."). */
static void read_sentences(struct found *fd, const struct reply_tokens *r)
{
	struct spans sp;
	size_t lead_k = SIZE_MAX, last_k = 0;
	char *after = NULL;

	spans_read(r, &sp);
	for (size_t k = 0; k < sp.n; k++) {
		if (lead_k != SIZE_MAX) {
			later_sentence(fd, r, &sp, k, &last_k, &after);
		} else if (sentence(fd, r, sp.s[k], sp.e[k]) < 0 || !fd->lead) {
			found_reset(fd); /* before the lead: not read */
		} else {
			lead_k = last_k = k;
		}
		fd->coord_open = false;
		fd->pending = false;
	}
	if (lead_k != SIZE_MAX && !fd->due && after) {
		fd->due = after;
		after = NULL;
	} else if (lead_k != SIZE_MAX && lead_k > 0 && !fd->due) {
		fd->due =
		    deadline_sentence(r, sp.s[lead_k - 1], sp.e[lead_k - 1]);
	}
	free(after);
}

bool reply_assignment_read(const char *text, size_t len,
			   struct reply_assignment *a_r)
{
	struct found fd = {.coord = SBUF_INIT(REPLY_MAX_BYTES)};
	struct reply_tokens r;

	memset(a_r, 0, sizeof(*a_r));
	reply_tokens_read(&r, text, len, true);
	read_sentences(&fd, &r);
	if (fd.lead) {
		a_r->lead = fd.lead;
		a_r->due = fd.due;
		a_r->reason = fd.reason;
		a_r->by_verb = fd.by_verb;
		a_r->coordinate =
		    fd.coord.len > 0 ? xstrdup(sbuf_str(&fd.coord)) : NULL;
		fd.lead = fd.due = fd.reason = NULL;
	}
	found_reset(&fd);
	sbuf_release(&fd.coord);
	reply_tokens_release(&r);
	return a_r->lead != NULL;
}

/* --- a delegation -------------------------------------------------------- */

/* Words of a person's name at most. */
#define NAME_WORDS 5

/* Words after the verb that report the work, or ask whether it can be
 * done, rather than hand it over ("Anh Bình xử lý rồi", "Chị Lan xử lý
 * xong", "Chị Lan xử lý được"). */
static const struct phrase reported_words[] = {
    {"roi", "rồi"},  {"xong", "xong"}, {"duoc", "được"},
    {"khong", NULL}, {"chua", "chưa"},
};

/* Verbs that, followed by a title or ':', report: with no directive
 * they are the writer's own report ("Em Hà báo cáo anh, ...", "Em Hà báo
 * cáo: ..."), not work handed over. */
static const struct phrase report_verbs[] = {{"bao cao", "báo cáo"},
					     {"tra loi", "trả lời"}};

/* Whether a verb of the work stands at t: one of work_verbs, or "chủ
 * trì" ending the clause or followed by one ("chủ trì xử lý"). */
static bool work_at(const struct reply_tokens *r, size_t t, size_t e)
{
	size_t n = match(r, t, e, &lead_cues[0]), v;

	if (work_verb_at(r, t, e) > 0) {
		return true;
	}
	v = skip_adverbs(r, t + n, e);
	return n > 0 && (v == e || work_verb_at(r, v, e) > 0);
}

/* Whether a verb of the work follows the name of a person called at the
 * opening of clause [.., e), the name ending at t ("Chị Lan xử lý"; "Chị
 * Lan ơi, xử lý giúp" and "Anh Bình, xử lý giúp": in the next clause),
 * with nothing after it in its clause that reports the work rather than
 * hands it over. */
static bool called_to_work(const struct reply_tokens *r, size_t t, size_t e,
			   size_t se)
{
	static const struct phrase oi = {"oi", "ơi"};
	size_t v, n;

	t += match(r, t, e, &oi);
	if (t == e && e < se) {
		/* the verb opens the next clause, perhaps after the title
		 * again ("Em Hà ơi, em xử lý giúp chị") */
		t = e + 1;
		e = clause_end(r, t, se);
		t += match_any(r, t, e, titles, ARRAY_SIZE(titles));
		/* or a word of courtesy: "Mr. Binh, please handle this" */
		t += match_any(r, t, e, courtesies, ARRAY_SIZE(courtesies));
	}
	v = skip_adverbs(r, t, e);
	n = match_any(r, v, e, report_verbs, ARRAY_SIZE(report_verbs));
	if (v == e || !work_at(r, v, e) ||
	    (n > 0 && (colon_after(r, v + n - 1) ||
		       match_any(r, v + n, e, titles, ARRAY_SIZE(titles))))) {
		return false;
	}
	for (size_t k = v; k < e; k++) {
		if (match_any(r, k, e, reported_words,
			      ARRAY_SIZE(reported_words)) > 0) {
			return false; /* "Anh Bình xử lý rồi": done, not asked
				       */
		}
	}
	return true;
}

/* A delegation in clause [s, e) of sentence [s, se): the person after a
 * directive (a title before the name, or the name in capitals and a verb
 * of the work after it), or a clause that opens with a title and the
 * name followed by a verb of the work (called_to_work: "Anh Bình xử lý
 * giúp nhé"), into d_r, with the deadline the sentence gives after it.
 * 1 when found. */
static int delegation_clause(const struct reply_tokens *r, size_t s, size_t e,
			     size_t se, struct reply_delegation *d_r)
{
	size_t u = after_directive(r, s, e), n, t, v;
	bool titled, bare = u == SIZE_MAX;

	if (bare) {
		u = s; /* "Chị Lan xử lý": the person opens the clause */
	}
	if (u >= e || has_marker(r, s, u)) {
		return 0;
	}
	n = match_any(r, u, e, titles, ARRAY_SIZE(titles));
	titled = n > 0;
	for (t = u + n; t < e && t < u + n + NAME_WORDS && capital(r, t) &&
			!work_verb_at(r, t, e);
	     t++) {
	}
	if (t == u + n || unitish(r, u + n, t) ||
	    (bare && (!titled || !called_to_work(r, t, e, se)))) {
		return 0;
	}
	v = skip_adverbs(r, t, e);
	if (!titled && (v == e || !work_at(r, v, e))) {
		return 0; /* "Giao Lan" alone: not clear enough */
	}
	d_r->person = copy(r, u + n, t);
	d_r->due = due_of(r, t, e);
	/* a later clause's deadline, unless it asks opinions: that one is
	 * the consultation's */
	for (size_t c = e; !d_r->due && c < se; c++) {
		size_t ce = clause_end(r, c + 1, se), k, w;

		if (find_any(r, c + 1, ce, consult_cues,
			     ARRAY_SIZE(consult_cues), &k, &w) != SIZE_MAX ||
		    find_any(r, c + 1, ce, opinion_cues,
			     ARRAY_SIZE(opinion_cues), &k, &w) != SIZE_MAX) {
			break;
		}
		d_r->due = due_of(r, c + 1, ce);
		c = ce - 1;
	}
	return 1;
}

/* each_sentence: the delegation in one sentence's clauses. */
static bool delegation_sentence(const struct reply_tokens *r, size_t ss,
				size_t se, void *ctx)
{
	struct reply_delegation *d_r = ctx;
	size_t cs = ss;

	if (is_question(r, ss, se)) {
		return false;
	}
	for (size_t c = ss; c <= se && !d_r->person; c++) {
		if (c < se && r->t[c].kind == REPLY_TOK_WORD) {
			continue;
		}
		if (c > cs) {
			delegation_clause(r, cs, c, se, d_r);
		}
		cs = c + 1;
	}
	return d_r->person != NULL;
}

bool reply_delegation_read(const char *text, size_t len,
			   struct reply_delegation *d_r)
{
	struct reply_tokens r;
	struct spans sp;
	size_t k;

	memset(d_r, 0, sizeof(*d_r));
	reply_tokens_read(&r, text, len, true);
	spans_read(&r, &sp);
	k = each_sentence(&r, &sp, delegation_sentence, d_r);
	if (k != SIZE_MAX && !d_r->due) {
		d_r->due = deadline_next_to(&r, &sp, k, COMMAND_DELEGATION);
	}
	reply_tokens_release(&r);
	return d_r->person != NULL;
}

void reply_delegation_release(struct reply_delegation *d)
{
	if (!d) {
		return;
	}
	FREE_AND_NULL(d->person);
	FREE_AND_NULL(d->due);
}

/* --- a consultation ------------------------------------------------------ */

/* The units of [s, e) up to a deadline word: their span, or false. */
static bool units_span(const struct reply_tokens *r, size_t s, size_t e,
		       size_t *end_r)
{
	size_t d = s;

	while (d < e && !due_starts(r, d, e)) {
		d++;
	}
	*end_r = d;
	/* the first unit written as units are ("Vụ ...", a code); the
	 * others may be codes joined by "and" */
	return d > s && unitish(r, s, s + 1) && !has_marker(r, s, d);
}

/* Where a list of units that ends at end, in a clause ending at ce,
 * ends when the clauses after it (in a sentence ending at se) go on with
 * units ("lấy ý kiến Vụ PC, Vụ TC trong 3 ngày", "Consult PC, TC; due
 * 15/12"): the end of the last, or end. */
static size_t more_units(const struct reply_tokens *r, size_t ce, size_t end,
			 size_t se)
{
	size_t next, e;

	while (end == ce && ce < se) {
		e = clause_end(r, ce + 1, se);
		if (!units_span(r, ce + 1, e, &next)) {
			break;
		}
		end = next;
		ce = e;
	}
	return end;
}

/* each_sentence: true with c_r filled when sentence [ss, se) asks units
 * for their opinion. */
static bool consultation_sentence(const struct reply_tokens *r, size_t ss,
				  size_t se, void *ctx)
{
	struct reply_consultation *c_r = ctx;
	size_t cs = ss;

	if (is_question(r, ss, se)) {
		return false;
	}
	for (size_t ce = ss; ce <= se && !c_r->units; ce++) {
		size_t n, which, p, u, end;

		if (ce < se && r->t[ce].kind == REPLY_TOK_WORD) {
			continue;
		}
		p = find_any(r, cs, ce, consult_cues, ARRAY_SIZE(consult_cues),
			     &n, &which);
		if (p != SIZE_MAX && !has_marker(r, cs, p)) {
			u = p + n;
			u +=
			    match_any(r, u, ce, of_words, ARRAY_SIZE(of_words));
			if (units_span(r, u, ce, &end)) {
				end = more_units(r, ce, end, se);
				c_r->units = copy(r, u, end);
				c_r->due = due_of(r, end, se);
			}
		} else if ((p = find_any(r, cs, ce, opinion_cues,
					 ARRAY_SIZE(opinion_cues), &n,
					 &which)) != SIZE_MAX) {
			/* the directive may open an earlier clause: "Đề
			 * nghị Vụ PC, Vụ TC cho ý kiến" */
			u = after_directive(r, ss, p);
			if (u != SIZE_MAX && !has_marker(r, ss, u) &&
			    units_span(r, u, p, &end) && end == p) {
				c_r->units = copy(r, u, p);
				c_r->due = due_of(r, p + n, se);
			}
		}
		cs = ce + 1;
	}
	return c_r->units != NULL;
}

static bool states_other(const struct reply_tokens *r, size_t ss, size_t se,
			 enum command self)
{
	struct reply_delegation d = {0};
	struct reply_consultation c = {0};
	bool yes = self == COMMAND_DELEGATION
		       ? consultation_sentence(r, ss, se, &c)
		       : delegation_sentence(r, ss, se, &d);

	reply_delegation_release(&d);
	reply_consultation_release(&c);
	return yes;
}

bool reply_consultation_read(const char *text, size_t len,
			     struct reply_consultation *c_r)
{
	struct reply_tokens r;
	struct spans sp;
	size_t k;

	memset(c_r, 0, sizeof(*c_r));
	reply_tokens_read(&r, text, len, true);
	spans_read(&r, &sp);
	k = each_sentence(&r, &sp, consultation_sentence, c_r);
	if (k != SIZE_MAX && !c_r->due) {
		c_r->due = deadline_next_to(&r, &sp, k, COMMAND_CONSULTATION);
	}
	reply_tokens_release(&r);
	return c_r->units != NULL;
}

void reply_consultation_release(struct reply_consultation *c)
{
	if (!c) {
		return;
	}
	FREE_AND_NULL(c->units);
	FREE_AND_NULL(c->due);
}

/* --- an extension ------------------------------------------------------ */

/* Before the cue in its clause: no request, or not now ("không cần gia
 * hạn", "đã được gia hạn", "sẽ xin gia hạn", "nếu phải gia hạn").  Not
 * "được": "xin được gia hạn" asks. */
static const struct phrase extension_markers[] = {
    {"khong", NULL},      {"ko", NULL},     {"chua", "chưa"},
    {"chang", "chẳng"},   {"dung", "đừng"}, {"da", "đã"},
    {"dang", "đang"},     {"se", "sẽ"},     {"vua", "vừa"},
    {"tung", "từng"},     {"neu", "nếu"},   {"khi", "khi"},
    {"gia su", "giả sử"}, {"not", NULL},    {"no", NULL},
    {"did", NULL},        {"has", NULL},    {"had", NULL},
    {"was", NULL},        {"if", NULL},     {"will", NULL},
};
/* Words read past between the cue and the date ("gia hạn thời gian xử
 * lý đến hết ngày 25/12") at most. */
#define EXTENSION_SKIP 8

/* each_sentence: true with x_r filled when sentence [ss, se) asks for
 * or grants an extension to a date it names. */
static bool extension_sentence(const struct reply_tokens *r, size_t ss,
			       size_t se, void *ctx)
{
	struct reply_extension *x_r = ctx;
	size_t cs = ss;

	if (is_question(r, ss, se)) {
		return false;
	}
	for (size_t t = ss; t < se; t++) {
		size_t n;

		if (r->t[t].kind != REPLY_TOK_WORD) {
			cs = t + 1;
			continue;
		}
		n = match_any(r, t, se, extension_cues,
			      ARRAY_SIZE(extension_cues));
		if (n == 0) {
			continue;
		}
		for (size_t k = cs; k < t; k++) {
			if (match_any(r, k, t, extension_markers,
				      ARRAY_SIZE(extension_markers)) > 0) {
				return false;
			}
		}
		for (size_t k = t + n; k < se && k <= t + n + EXTENSION_SKIP;
		     k++) {
			if ((x_r->due = due_value(r, k, se))) {
				x_r->reason = reason_of(r, k + 1, se);
				return true;
			}
		}
		return false;
	}
	return false;
}

bool reply_extension_read(const char *text, size_t len,
			  struct reply_extension *x_r)
{
	struct reply_tokens r;
	struct spans sp;

	memset(x_r, 0, sizeof(*x_r));
	reply_tokens_read(&r, text, len, true);
	spans_read(&r, &sp);
	(void)each_sentence(&r, &sp, extension_sentence, x_r);
	reply_tokens_release(&r);
	return x_r->due != NULL;
}

void reply_extension_release(struct reply_extension *x)
{
	if (!x) {
		return;
	}
	FREE_AND_NULL(x->due);
	FREE_AND_NULL(x->reason);
}

/* --- a deadline alone ---------------------------------------------------- */

char *reply_deadline_read(const char *text, size_t len)
{
	struct reply_tokens r;
	struct spans sp;
	char *due = NULL;

	reply_tokens_read(&r, text, len, true);
	spans_read(&r, &sp);
	if (sp.n > 0) {
		due = deadline_sentence(&r, sp.s[0], sp.e[0]);
	}
	reply_tokens_release(&r);
	return due;
}

/* --- a return's reason ------------------------------------------------ */

char *reply_reason_read(const char *text, size_t len, size_t end)
{
	struct reply_tokens r;
	struct spans sp;
	char *why = NULL;
	size_t k = 0, n;

	reply_tokens_read(&r, text, len, true);
	spans_read(&r, &sp);
	/* the sentence that holds offset end (the return's) */
	while (k < sp.n && sp.e[k] < r.n && r.ft.off[r.t[sp.e[k]].fs] < end) {
		k++;
	}
	if (k < sp.n) {
		why = reason_of(&r, sp.s[k], sp.e[k]);
		if (!why) {
			why = remit_of(&r, sp.s[k], sp.e[k]);
		}
	}
	if (!why && k + 1 < sp.n) {
		/* "Vụ xin trả lại văn bản. Lý do: ..." */
		n = match_any(&r, sp.s[k + 1], sp.e[k + 1], reason_words,
			      ARRAY_SIZE(reason_words));
		why = n > 0 ? copy(&r, sp.s[k + 1] + n, sp.e[k + 1]) : NULL;
	}
	reply_tokens_release(&r);
	return why;
}

void reply_assignment_release(struct reply_assignment *a)
{
	if (!a) {
		return;
	}
	FREE_AND_NULL(a->lead);
	FREE_AND_NULL(a->coordinate);
	FREE_AND_NULL(a->due);
	FREE_AND_NULL(a->reason);
}
