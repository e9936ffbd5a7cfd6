/* The decision a reply states in its first sentences.  The rule, in full
 * (README.md, "Replies act by role", says the same):
 *
 *  1. The text is cut into sentences at '.', '!', '?', ':' (followed by a
 *     space or the end), and at blank lines; lines of one paragraph join.
 *     Sentences break into clauses at ',', ';', brackets, " - " and the
 *     conjunctions of the `breaks` markers ("nhưng", "và", "vì", "but",
 *     "and", ...).  Only the first DECISION_SENTENCES sentences are read,
 *     or, where one of the first ANNOUNCE_SENTENCES ends with ':' and
 *     announces the position under it ("Vụ có ý kiến như sau:", "Ý kiến
 *     của Vụ:", "Our comments are as follows:"), as many after it.
 *  2. A question (ending in '?', or in "không"/"chưa"/"nhỉ" as Vietnamese
 *     questions do, perhaps before words of address: "Xong chưa em";
 *     reply_tokens_question) states nothing and is passed over.
 *  3. In reading order, the first cue phrase of the `cues` table decides,
 *     judged by the markers before it in its clause:
 *       - a topic marker ("về việc", "V/v", "regarding") or a time
 *         clause's ("sau khi": "Sau khi xong, ...") before it: the cue is
 *         only a subject, and is passed over;
 *       - an odd number of negators ("không", "chưa", "chẳng", "khó",
 *         "not", "no", "never", "cannot", "n't", "unable", "without") in
 *         the NEG_SPAN words before it, or before a purpose ("để", "to")
 *         leading to it, turns agreement into disagreement
 *         and back ("không đồng ý", "no objection", "không phản đối");
 *         negated, "done", "return" and hedges state nothing and are
 *         passed over ("chưa hoàn thành");
 *       - a future or condition ("sẽ", "nếu", "đang", "có thể", "cần",
 *         "will", "'ll", "if", "would") makes the sentence unclear, and
 *         so does not knowing ("không chắc", "not sure", "whether"), or
 *         "thì", "sẽ", "nếu", "khi", "if", "when", "will" after the cue
 *         in its clause ("Anh đồng ý thì em trình": a condition);
 *       - a request ("đề nghị", "yêu cầu", "please", "request") before
 *         agreement, disagreement or "done" makes it unclear (it asks
 *         someone else); before "return" it is the return.
 *     Some cues count only in a context (the `when` column): words of
 *     quality ("phù hợp", "acceptable", "support") only negated, and
 *     then disagree, or found so by the writer ("Vụ thấy dự thảo phù
 *     hợp", "We find the draft acceptable": agree; "support" said by
 *     someone, "we support", "fully supports", "supports the", agrees
 *     too); asking for changes ("chỉnh sửa", "bổ sung", "revise") only
 *     before a condition ("trước khi", "before"), and then disagrees
 *     (asked for without one they are comments, which state nothing;
 *     "không cần chỉnh sửa" agrees); hedges ("xem lại", "review", "xin
 *     ý kiến") only in the future or in progress, and then are unclear;
 *     "no (further) comment" agrees unless "besides"
 *     ("ngoài", "beyond") follows in its clause, when the earlier opinion
 *     it points to stands, unread (unclear).  "Cá nhân", "personally"
 *     before a cue count as a hedge: a view of one's own is not the
 *     unit's.
 *     The words of a cue found are one phrase: a cue starting inside it
 *     is not read ("kiểm tra lại", check again, holds no "trả lại").
 *  4. "Unclear" ends the reading with no decision, as does a window with
 *     no cue.
 *     Agreement or disagreement in part or on a condition ("một phần",
 *     "với điều kiện" in its clause or after it in its sentence) is
 *     unclear.
 *     A return whose clause names a file or a draft ("gửi trả lại anh
 *     file dự thảo") sends back no letter: passed over.  "Done" with a
 *     deadline after it in its clause ("trước", "chậm nhất", "hạn",
 *     "by", "within", "before" and a number) and nothing past before it
 *     ("đã", "vừa", "have", "was", ...) is asked, not reported
 *     ("Hoàn thành trước 20/12."): passed over.
 *  5. An agreement or disagreement found is taken back (no decision) by
 *     the contrary position, or a position still to come ("trả lời sau";
 *     in the future, one that awaits someone else's: "cần báo cáo lại",
 *     "sẽ xin ý kiến lãnh đạo"), later in the window; changes asked for
 *     take nothing back, and from
 *     a reason marker ("vì", "do", "lý do", "because") on nothing is read
 *     for it (see taken_back).
 *
 * Cue phrases match folded text (case, diacritics and normalisation
 * ignored); a cue whose folded words are also other words ("tra lại",
 * look up again) must, where any of its words is written with marks,
 * carry its own marks in every word.  Markers are short words whose folded
 * forms collide ("nếu" and "nêu", "sẽ" and "sẻ", "đang" and "Đảng", "cần" and
 * "cẩn"): a word written with marks must carry the marker's own marks; a word
 * written without any matches every marked form. */
#include <string.h>
#include <utf8proc.h>

#include "private.h"

/* Sentences read for a decision. */
#define DECISION_SENTENCES 5
/* Sentences in which one announcing the position may stand. */
#define ANNOUNCE_SENTENCES 12
/* Words before a cue a negator may stand ("không hoàn toàn đồng ý", "not
 * able to agree"). */
#define NEG_SPAN 4

enum verdict {
	V_IGNORE, /* the cue says nothing here; read on */
	V_AGREE,
	V_DISAGREE,
	V_DONE,
	V_RETURN,
	V_UNCLEAR, /* stop: no decision */
};

enum when {
	WHEN_ALWAYS,
	WHEN_NEGATED, /* only negated, then disagree */
	WHEN_ASKED,   /* only requested or made a condition: disagree */
	WHEN_FUTURE,  /* only in the future or in progress: unclear */
	WHEN_AWAITS,  /* as WHEN_FUTURE; and a position found before it
			 awaits someone else's ("Em đồng ý, nhưng cần báo
			 cáo lại anh Vụ trưởng"): taken back */
	WHEN_NO_MORE, /* "no (further) comment": agrees, unless "besides"
			 follows ("không có ý kiến khác ngoài ý kiến đã
			 gửi": the earlier opinion stands, unread) */
};

struct cue {
	const char *words; /* folded, single spaces */
	enum verdict v;
	enum when when;
};

/* Longer phrases first where one starts another ("xem xet lai" before
 * "xem xet", "khong co y kien" before any cue starting with "khong"). */
static const struct cue cues[] = {
    /* agreement */
    {"khong co y kien", V_AGREE, WHEN_NO_MORE},
    {"khong con y kien", V_AGREE, WHEN_NO_MORE},
    {"khong co gop y", V_AGREE, WHEN_NO_MORE},
    {"khong gop y", V_AGREE, WHEN_NO_MORE},
    {"khong y kien", V_AGREE, WHEN_NO_MORE}, /* "Không ý kiến." */
    {"het y kien", V_AGREE, WHEN_NO_MORE},   /* "Vụ đã hết ý kiến." */
    {"dong y", V_AGREE, WHEN_ALWAYS},
    {"nhat tri", V_AGREE, WHEN_ALWAYS},
    {"thong nhat", V_AGREE, WHEN_ALWAYS},
    {"tan thanh", V_AGREE, WHEN_ALWAYS},
    {"tan dong", V_AGREE, WHEN_ALWAYS},
    {"chap thuan", V_AGREE, WHEN_ALWAYS},
    {"dong tinh", V_AGREE, WHEN_ALWAYS},
    {"ung ho", V_AGREE, WHEN_ALWAYS},
    {"agree", V_AGREE, WHEN_ALWAYS},
    {"agrees", V_AGREE, WHEN_ALWAYS},
    {"agreed", V_AGREE, WHEN_ALWAYS},
    {"concur", V_AGREE, WHEN_ALWAYS},
    {"concurs", V_AGREE, WHEN_ALWAYS},
    {"approve", V_AGREE, WHEN_ALWAYS},
    {"approved", V_AGREE, WHEN_ALWAYS},
    {"approves", V_AGREE, WHEN_ALWAYS},
    {"endorse", V_AGREE, WHEN_ALWAYS},
    /* "support" alone is a noun as often ("support staff"); said by
     * someone, or with the draft after it, it is a position */
    {"we support", V_AGREE, WHEN_ALWAYS},
    {"we fully support", V_AGREE, WHEN_ALWAYS},
    {"we strongly support", V_AGREE, WHEN_ALWAYS},
    {"i support", V_AGREE, WHEN_ALWAYS},
    {"i fully support", V_AGREE, WHEN_ALWAYS},
    {"fully support", V_AGREE, WHEN_ALWAYS},
    {"fully supports", V_AGREE, WHEN_ALWAYS},
    {"strongly support", V_AGREE, WHEN_ALWAYS},
    {"strongly supports", V_AGREE, WHEN_ALWAYS},
    {"supports the", V_AGREE, WHEN_ALWAYS},
    {"supports this", V_AGREE, WHEN_ALWAYS},
    {"ok with", V_AGREE, WHEN_ALWAYS},
    {"ok voi", V_AGREE, WHEN_ALWAYS}, /* "OK với dự thảo" */
    {"okay with", V_AGREE, WHEN_ALWAYS},
    {"fine with", V_AGREE, WHEN_ALWAYS},
    {"happy with", V_AGREE, WHEN_ALWAYS},
    {"comfortable with", V_AGREE, WHEN_ALWAYS},
    {"in agreement", V_AGREE, WHEN_ALWAYS},
    {"in favour", V_AGREE, WHEN_ALWAYS},
    {"in favor", V_AGREE, WHEN_ALWAYS},
    {"no concerns", V_AGREE, WHEN_NO_MORE},
    {"no further comment", V_AGREE, WHEN_NO_MORE},
    {"no further comments", V_AGREE, WHEN_NO_MORE},
    {"no comment", V_AGREE, WHEN_NO_MORE},
    {"no comments", V_AGREE, WHEN_NO_MORE},
    {"nothing to add", V_AGREE, WHEN_NO_MORE},
    /* disagreement */
    {"co y kien khac", V_DISAGREE, WHEN_ALWAYS},
    {"phan doi", V_DISAGREE, WHEN_ALWAYS},
    {"bac bo", V_DISAGREE, WHEN_ALWAYS},
    {"bao luu", V_DISAGREE, WHEN_ALWAYS},
    {"tu choi", V_DISAGREE, WHEN_ALWAYS},
    {"disagree", V_DISAGREE, WHEN_ALWAYS},
    {"disagrees", V_DISAGREE, WHEN_ALWAYS},
    {"disagreed", V_DISAGREE, WHEN_ALWAYS},
    {"object", V_DISAGREE, WHEN_ALWAYS},
    {"objects", V_DISAGREE, WHEN_ALWAYS},
    {"objection", V_DISAGREE, WHEN_ALWAYS},
    {"objections", V_DISAGREE, WHEN_ALWAYS},
    {"oppose", V_DISAGREE, WHEN_ALWAYS},
    {"opposed", V_DISAGREE, WHEN_ALWAYS},
    {"reject", V_DISAGREE, WHEN_ALWAYS},
    {"rejected", V_DISAGREE, WHEN_ALWAYS},
    {"disapprove", V_DISAGREE, WHEN_ALWAYS},
    {"disapproves", V_DISAGREE, WHEN_ALWAYS},
    {"disapproved", V_DISAGREE, WHEN_ALWAYS},
    /* qualities: said only when missing ("chưa phù hợp") */
    {"phu hop", V_AGREE, WHEN_NEGATED},
    {"hop ly", V_AGREE, WHEN_NEGATED},
    {"dat yeu cau", V_AGREE, WHEN_NEGATED},
    {"dam bao", V_AGREE, WHEN_NEGATED},
    {"du co so", V_AGREE, WHEN_NEGATED},
    {"du can cu", V_AGREE, WHEN_NEGATED},
    {"kha thi", V_AGREE, WHEN_NEGATED},
    {"acceptable", V_AGREE, WHEN_NEGATED},
    {"appropriate", V_AGREE, WHEN_NEGATED},
    {"support", V_AGREE, WHEN_NEGATED},
    {"feasible", V_AGREE, WHEN_NEGATED},
    /* changes asked for ("đề nghị chỉnh sửa ... trước khi ...") */
    {"xem xet lai", V_DISAGREE, WHEN_ASKED},
    {"chinh sua", V_DISAGREE, WHEN_ASKED},
    {"sua doi", V_DISAGREE, WHEN_ASKED},
    {"sua lai", V_DISAGREE, WHEN_ASKED},
    {"dieu chinh", V_DISAGREE, WHEN_ASKED},
    {"bo sung", V_DISAGREE, WHEN_ASKED},
    {"hoan thien", V_DISAGREE, WHEN_ASKED},
    {"lam ro", V_DISAGREE, WHEN_ASKED},
    {"revise", V_DISAGREE, WHEN_ASKED},
    {"revised", V_DISAGREE, WHEN_ASKED},
    {"revision", V_DISAGREE, WHEN_ASKED},
    {"revisions", V_DISAGREE, WHEN_ASKED},
    {"amend", V_DISAGREE, WHEN_ASKED},
    {"amended", V_DISAGREE, WHEN_ASKED},
    {"amendments", V_DISAGREE, WHEN_ASKED},
    {"changes", V_DISAGREE, WHEN_ASKED},
    {"rework", V_DISAGREE, WHEN_ASKED},
    {"clarify", V_DISAGREE, WHEN_ASKED},
    /* done */
    {"hoan thanh", V_DONE, WHEN_ALWAYS},
    {"hoan tat", V_DONE, WHEN_ALWAYS},
    {"xong", V_DONE, WHEN_ALWAYS},
    {"done", V_DONE, WHEN_ALWAYS},
    {"completed", V_DONE, WHEN_ALWAYS},
    {"complete", V_DONE, WHEN_ALWAYS},
    {"finished", V_DONE, WHEN_ALWAYS},
    /* return */
    {"tra lai", V_RETURN, WHEN_ALWAYS},
    {"hoan tra", V_RETURN, WHEN_ALWAYS},
    {"chuyen tra", V_RETURN, WHEN_ALWAYS},
    {"return", V_RETURN, WHEN_ALWAYS},
    {"returning", V_RETURN, WHEN_ALWAYS},
    {"send back", V_RETURN, WHEN_ALWAYS},
    {"sending back", V_RETURN, WHEN_ALWAYS},
    /* no position yet */
    {"chua co y kien", V_UNCLEAR, WHEN_ALWAYS},
    {"chua the cho y kien", V_UNCLEAR, WHEN_ALWAYS},
    {"tra loi sau", V_UNCLEAR, WHEN_ALWAYS},
    {"phan hoi sau", V_UNCLEAR, WHEN_ALWAYS},
    {"cho y kien sau", V_UNCLEAR, WHEN_ALWAYS},
    {"co y kien sau", V_UNCLEAR, WHEN_ALWAYS},
    {"bao cao sau", V_UNCLEAR, WHEN_ALWAYS},
    {"bao cao lai sau", V_UNCLEAR, WHEN_ALWAYS},
    {"tra loi lai sau", V_UNCLEAR, WHEN_ALWAYS},
    {"phan hoi lai sau", V_UNCLEAR, WHEN_ALWAYS},
    {"gui y kien sau", V_UNCLEAR, WHEN_ALWAYS},
    {"them thoi gian", V_UNCLEAR, WHEN_ALWAYS},
    {"get back", V_UNCLEAR, WHEN_ALWAYS},
    {"reply later", V_UNCLEAR, WHEN_ALWAYS},
    {"respond later", V_UNCLEAR, WHEN_ALWAYS},
    {"answer later", V_UNCLEAR, WHEN_ALWAYS},
    {"more time", V_UNCLEAR, WHEN_ALWAYS},
    /* hedges, in the future or in progress ("Tôi sẽ xem lại") */
    {"kiem tra lai", V_UNCLEAR, WHEN_FUTURE}, /* check again; not "trả lại" */
    {"xem lai", V_UNCLEAR, WHEN_FUTURE},
    {"xem xet", V_UNCLEAR, WHEN_FUTURE},
    {"nghien cuu", V_UNCLEAR, WHEN_FUTURE},
    {"can nhac", V_UNCLEAR, WHEN_FUTURE},
    {"kiem tra", V_UNCLEAR, WHEN_FUTURE},
    {"trao doi", V_UNCLEAR, WHEN_FUTURE},
    {"xin y kien", V_UNCLEAR, WHEN_AWAITS},
    {"bao cao lai", V_UNCLEAR, WHEN_AWAITS},
    {"bao cao", V_UNCLEAR, WHEN_FUTURE},
    {"review", V_UNCLEAR, WHEN_FUTURE},
    {"look into", V_UNCLEAR, WHEN_FUTURE},
    {"look at", V_UNCLEAR, WHEN_FUTURE},
    {"check", V_UNCLEAR, WHEN_FUTURE},
    {"consider", V_UNCLEAR, WHEN_FUTURE},
    {"think", V_UNCLEAR, WHEN_FUTURE},
    {"discuss", V_UNCLEAR, WHEN_FUTURE},
    {"revert", V_UNCLEAR, WHEN_FUTURE},
    {"confirm", V_UNCLEAR, WHEN_FUTURE},
};

/* Cues whose folded words are also other words, with their own marks:
 * written with marks, they must carry these ("tra lại", look up again,
 * is no return). */
static const struct {
	const char *words, *precise;
} cue_marks[] = {
    {"tra lai", "trả lại"},
};

static const char *cue_precise(const char *words)
{
	for (size_t i = 0; i < ARRAY_SIZE(cue_marks); i++) {
		if (!strcmp(cue_marks[i].words, words)) {
			return cue_marks[i].precise;
		}
	}
	return NULL;
}

enum marker_kind {
	M_NEG = 1 << 0,       /* negator */
	M_FUTURE = 1 << 1,    /* future, condition, in progress */
	M_REQUEST = 1 << 2,   /* a request to someone */
	M_TOPIC = 1 << 3,     /* what follows is a subject */
	M_BREAK = 1 << 4,     /* a conjunction: a new clause starts */
	M_CONDITION = 1 << 5, /* after a change asked for: "before ..." */
	M_REASON = 1 << 7,    /* a reason follows: read no further for a
				 contrary position */
	M_BESIDES = 1 << 8,   /* "ngoài", "besides": after "no comment" */
	M_FILE = 1 << 9,      /* a file or a draft: what a return is not of */
	M_PARTIAL = 1 << 10, /* "một phần", "có điều kiện": a position in
				part or on a condition */
	M_PURPOSE = 1 << 11, /* "để", "to": a negator before it negates what
				follows ("không có cơ sở để đồng ý") */
	M_EARLIER = 1 << 12, /* an opinion or a letter already sent, after
				"besides" ("ngoài ý kiến đã gửi") */
	M_FINDS = 1 << 13, /* the writer finds a quality: "Vụ thấy dự thảo
			      phù hợp", "We find the draft acceptable" */
	M_PAST = 1 << 14, /* "đã", "have": work reported, not asked */
	M_DUE = 1 << 15,  /* "trước", "hạn", "by": a deadline's value
			     follows */
	M_IF = 1 << 16,   /* after a cue in its clause, makes it a
			     condition: "Anh đồng ý thì em trình", "Agree if
			     TC agrees", "Em làm xong sẽ gửi anh" */
};

struct marker {
	const char *folded;  /* its words folded, single spaces */
	const char *precise; /* the same in lower case NFC, with marks */
	unsigned kind;
};

/* clang-format off */
static const struct marker markers[] = {
    /* words that start like a marker, written without marks too:
     * "difficulty", "staff", "basis" ("can" alone reads as "cần"), "the
     * Party committee" ("Dang" alone reads as "đang") */
    {"kho khan", "khó khăn", 0}, {"can bo", "cán bộ", 0}, {"can cu", "căn cứ", 0},
    {"thi hanh", "thi hành", 0}, {"thi dua", "thi đua", 0},
    /* not knowing is no negation: "Tôi không chắc Vụ đồng ý", "Not sure
     * we agree", "I don't know whether they agree" */
    {"khong chac", "không chắc", M_FUTURE}, {"chua chac", "chưa chắc", M_FUTURE},
    {"khong ro", "không rõ", M_FUTURE}, {"chua ro", "chưa rõ", M_FUTURE},
    {"khong biet", "không biết", M_FUTURE}, {"not sure", "not sure", M_FUTURE},
    {"unsure", "unsure", M_FUTURE}, {"not certain", "not certain", M_FUTURE},
    {"don t know", "don t know", M_FUTURE}, {"whether", "whether", M_FUTURE},
    /* a time to come: "Ngày mai em xong ạ", "Done tomorrow" */
    {"ngay mai", "ngày mai", M_FUTURE | M_IF}, {"sang mai", "sáng mai", M_FUTURE | M_IF},
    {"chieu mai", "chiều mai", M_FUTURE | M_IF}, {"tuan sau", "tuần sau", M_FUTURE | M_IF},
    {"tuan toi", "tuần tới", M_FUTURE | M_IF}, {"lat nua", "lát nữa", M_FUTURE | M_IF},
    {"chut nua", "chút nữa", M_FUTURE | M_IF}, {"tomorrow", "tomorrow", M_FUTURE | M_IF},
    {"next week", "next week", M_FUTURE | M_IF},
    {"co so", "cơ sở", 0}, /* "so" alone reads as English "so" */
    /* "not only": no negator ("Vụ không những nhất trí mà còn ...") */
    {"khong nhung", "không những", 0}, {"khong chi", "không chỉ", 0},
    {"chang nhung", "chẳng những", 0}, {"not only", "not only", 0},
    {"dang uy", "đảng ủy", 0}, {"dang bo", "đảng bộ", 0},
    {"khong", "không", M_NEG}, {"chua", "chưa", M_NEG},
    {"chang", "chẳng", M_NEG}, {"cha", "chả", M_NEG}, {"kho co the", "khó có thể", M_NEG},
    {"kho", "khó", M_NEG},
    {"not", "not", M_NEG}, {"no", "no", M_NEG}, {"never", "never", M_NEG}, {"cannot", "cannot", M_NEG},
    {"unable", "unable", M_NEG}, {"without", "without", M_NEG}, {"nor", "nor", M_NEG},
    {"neither", "neither", M_NEG}, {"don t", "don t", M_NEG}, {"doesn t", "doesn t", M_NEG},
    {"didn t", "didn t", M_NEG}, {"can t", "can t", M_NEG}, {"won t", "won t", M_NEG},
    {"isn t", "isn t", M_NEG}, {"aren t", "aren t", M_NEG}, {"wasn t", "wasn t", M_NEG},
    {"couldn t", "couldn t", M_NEG}, {"wouldn t", "wouldn t", M_NEG}, {"shouldn t", "shouldn t", M_NEG},
    {"se", "sẽ", M_FUTURE | M_IF}, {"neu", "nếu", M_FUTURE | M_IF}, {"sap", "sắp", M_FUTURE},
    {"dang", "đang", M_FUTURE}, {"co the", "có thể", M_FUTURE}, {"du kien", "dự kiến", M_FUTURE},
    {"khi", "khi", M_FUTURE | M_IF}, {"thi", "thì", M_IF},
    {"truoc khi", "trước khi", M_FUTURE | M_CONDITION},
    {"will", "will", M_FUTURE | M_IF}, {"ll", "ll", M_FUTURE}, {"would", "would", M_FUTURE},
    {"shall", "shall", M_FUTURE}, {"going to", "going to", M_FUTURE}, {"if", "if", M_FUTURE | M_IF},
    {"once", "once", M_FUTURE | M_IF}, {"when", "when", M_FUTURE | M_IF}, {"might", "might", M_FUTURE},
    {"could", "could", M_FUTURE}, {"unless", "unless", M_FUTURE},
    {"can", "cần", M_FUTURE | M_REQUEST}, /* also English "can" */
    {"phai", "phải", M_FUTURE | M_REQUEST},
    {"need", "need", M_FUTURE | M_REQUEST}, {"needs", "needs", M_FUTURE | M_REQUEST},
    {"must", "must", M_FUTURE | M_REQUEST}, {"should", "should", M_FUTURE | M_REQUEST},
    {"de nghi", "đề nghị", M_REQUEST}, {"yeu cau", "yêu cầu", M_REQUEST}, {"de xuat", "đề xuất", M_REQUEST},
    {"de", "để", M_PURPOSE}, {"to", "to", M_PURPOSE},
    /* a position withdrawn is no position taken ("Vụ rút ý kiến phản
     * đối") */
    {"rut lai", "rút lại", M_TOPIC}, {"rut", "rút", M_TOPIC},
    {"withdraw", "withdraw", M_TOPIC}, {"withdraws", "withdraws", M_TOPIC},
    {"withdrawn", "withdrawn", M_TOPIC},
    {"kien nghi", "kiến nghị", M_REQUEST}, {"mong", "mong", M_REQUEST}, {"please", "please", M_REQUEST},
    {"request", "request", M_REQUEST}, {"ask", "ask", M_REQUEST}, {"suggest", "suggest", M_REQUEST},
    {"propose", "propose", M_REQUEST}, {"recommend", "recommend", M_REQUEST},
    {"kindly", "kindly", M_REQUEST},
    {"ve viec", "về việc", M_TOPIC}, {"v/v", "v/v", M_TOPIC}, {"regarding", "regarding", M_TOPIC},
    /* a time clause: "Sau khi nghiên cứu, ...", "Sau khi xong, ..." state
     * nothing themselves */
    {"sau khi", "sau khi", M_TOPIC},
    {"re", "re", M_TOPIC},
    {"nhung", "nhưng", M_BREAK}, {"tuy nhien", "tuy nhiên", M_BREAK}, {"song", "song", M_BREAK},
    {"ma", "mà", M_BREAK}, {"va", "và", M_BREAK}, {"vi", "vì", M_BREAK | M_REASON},
    {"do", "do", M_BREAK | M_REASON},
    {"nen", "nên", M_BREAK}, {"boi", "bởi", M_BREAK | M_REASON}, {"but", "but", M_BREAK},
    {"however", "however", M_BREAK}, {"although", "although", M_BREAK}, {"though", "though", M_BREAK},
    {"and", "and", M_BREAK}, {"because", "because", M_BREAK | M_REASON},
    {"since", "since", M_BREAK | M_REASON},
    {"ly do", "lý do", M_REASON}, {"reason", "reason", M_REASON}, {"reasons", "reasons", M_REASON},
    {"ngoai", "ngoài", M_BESIDES}, {"besides", "besides", M_BESIDES}, {"beyond", "beyond", M_BESIDES},
    {"y kien", "ý kiến", M_EARLIER}, {"gop y", "góp ý", M_EARLIER}, {"van ban", "văn bản", M_EARLIER},
    {"cong van", "công văn", M_EARLIER}, {"da gui", "đã gửi", M_EARLIER},
    {"those", "those", M_EARLIER}, {"letter", "letter", M_EARLIER},
    {"previous", "previous", M_EARLIER}, {"earlier", "earlier", M_EARLIER},
    {"already", "already", M_EARLIER},
    {"other than", "other than", M_BESIDES}, {"apart from", "apart from", M_BESIDES},
    /* sending back a file or a draft returns no letter ("Em gửi trả lại
     * anh file dự thảo đã chỉnh sửa") */
    {"file", "file", M_FILE}, {"files", "files", M_FILE}, {"tep", "tệp", M_FILE},
    {"du thao", "dự thảo", M_FILE}, {"ban sua", "bản sửa", M_FILE},
    {"draft", "draft", M_FILE}, {"drafts", "drafts", M_FILE},
    {"attachment", "attachment", M_FILE}, {"attachments", "attachments", M_FILE},
    /* nor does sending something back to be looked at again ("Em xin trả
     * lại để anh xem lại ạ", "returning it for your review") */
    {"xem lai", "xem lại", M_FILE}, {"chinh sua", "chỉnh sửa", M_FILE},
    {"sua lai", "sửa lại", M_FILE}, {"review", "review", M_FILE},
    {"revision", "revision", M_FILE},
    /* agreement in part or on a condition is no position yet ("Vụ đồng ý
     * một phần", "Đồng ý với điều kiện bổ sung ...") */
    {"mot phan", "một phần", M_PARTIAL}, {"co dieu kien", "có điều kiện", M_PARTIAL},
    {"voi dieu kien", "với điều kiện", M_PARTIAL}, {"kem dieu kien", "kèm điều kiện", M_PARTIAL},
    {"kem theo dieu kien", "kèm theo điều kiện", M_PARTIAL},
    {"partially", "partially", M_PARTIAL}, {"partly", "partly", M_PARTIAL},
    {"in part", "in part", M_PARTIAL}, {"conditionally", "conditionally", M_PARTIAL},
    {"on condition", "on condition", M_PARTIAL}, {"provided that", "provided that", M_PARTIAL},
    {"subject to", "subject to", M_PARTIAL},
    /* a view of one's own is not the unit's ("Cá nhân em đồng ý") */
    {"ca nhan", "cá nhân", M_FUTURE}, {"personally", "personally", M_FUTURE},
    {"so", "so", M_BREAK},
    {"before", "before", M_CONDITION},
    {"prior to", "prior to", M_CONDITION},
    /* "thay" without marks is also "thay đổi", "thay thế" (change) */
    {"thay doi", "thay đổi", 0}, {"thay the", "thay thế", 0},
    {"nhan thay", "nhận thấy", M_FINDS}, {"xet thay", "xét thấy", M_FINDS},
    {"thay", "thấy", M_FINDS}, {"find", "find", M_FINDS}, {"finds", "finds", M_FINDS},
    {"found", "found", M_FINDS}, {"consider", "consider", M_FINDS},
    {"considers", "considers", M_FINDS},
    /* last: longer markers starting with these come first ("đã gửi",
     * "trước khi") */
    {"da", "đã", M_PAST}, {"vua", "vừa", M_PAST}, {"have", "have", M_PAST},
    {"has", "has", M_PAST}, {"had", "had", M_PAST}, {"was", "was", M_PAST},
    {"were", "were", M_PAST}, {"been", "been", M_PAST},
    {"truoc", "trước", M_DUE}, {"cham nhat", "chậm nhất", M_DUE},
    {"han", "hạn", M_DUE}, {"by", "by", M_DUE}, {"within", "within", M_DUE},
};
/* clang-format on */

/* The reply's words and marks (tokens.c), and what is known of them. */
struct reader {
	struct reply_tokens tk;
	/* per token: the marker starting there (kind, tokens: 0 when none)
	 * and the first token of its clause */
	unsigned *mk;
	size_t *ml, *cs;
};

/* --- matching ------------------------------------------------------------ */

/* Matches the words of pat (folded, single spaces) from word token t on;
 * returns the number of tokens, 0 when it does not match.  With precise
 * (pat's words with their marks), each word must also carry its marks. */
static size_t match(const struct reader *r, size_t t, const char *pat,
		    const char *precise)
{
	return reply_tokens_match(&r->tk, t, r->tk.n, pat, precise);
}

/* The marker at word token t, if any; its length into *n_r (1 when
 * there is none). */
static unsigned marker_at(const struct reader *r, size_t t, size_t *n_r)
{
	char first = r->tk.ft.f[r->tk.t[t].fs];

	for (size_t i = 0; i < ARRAY_SIZE(markers); i++) {
		size_t n;

		if (markers[i].folded[0] != first) {
			continue; /* most of them, cheaply */
		}
		n = match(r, t, markers[i].folded, markers[i].precise);

		if (n > 0) {
			*n_r = n;
			return markers[i].kind;
		}
	}
	*n_r = 1;
	return 0;
}

/* Fills r->mk, r->ml and r->cs. */
static void index_markers(struct reader *r)
{
	size_t cur = 0;

	for (size_t t = 0; t < r->tk.n; t++) {
		r->ml[t] = 0;
		r->mk[t] = 0;
	}
	for (size_t t = 0; t < r->tk.n; t++) {
		if (r->tk.t[t].kind == REPLY_TOK_WORD) {
			r->mk[t] = marker_at(r, t, &r->ml[t]);
			if (r->mk[t] == 0 && r->ml[t] == 1) {
				r->ml[t] = 0;
			}
			/* the words inside a marker are no markers of their
			 * own ("do" in "lý do" breaks no clause) */
			t += r->ml[t] > 1 ? r->ml[t] - 1 : 0;
		}
	}
	for (size_t t = 0; t < r->tk.n; t++) {
		r->cs[t] = cur;
		if (r->tk.t[t].kind != REPLY_TOK_WORD) {
			cur = t + 1;
		} else if (r->mk[t] & M_BREAK) {
			cur = t + r->ml[t];
		}
	}
}

/* --- judging a cue -------------------------------------------------------- */

/* What stands before a cue in its clause. */
struct context {
	unsigned kinds; /* markers seen (M_NEG excluded) */
	unsigned neg;   /* negators in the NEG_SPAN words before the cue */
	bool condition; /* M_CONDITION after the cue, in the sentence */
};

/* Markers of the clause before the cue at token cue (cue_end its end)
 * and conditions after it in the sentence, which ends at se. */
static void context_of(const struct reader *r, size_t cue, size_t cue_end,
		       size_t se, struct context *c_r)
{
	size_t cs = r->cs[cue], words_before = cue - cs, purpose = cs;

	memset(c_r, 0, sizeof(*c_r));
	for (size_t t = cs; t < cue; t++) {
		purpose = (r->mk[t] & M_PURPOSE) ? t : purpose;
	}
	for (size_t t = cs; t < cue;) {
		unsigned k = r->mk[t];
		size_t n = r->ml[t] > 0 ? r->ml[t] : 1;

		words_before = cue - t; /* within a clause, tokens are words */
		/* a negator near the cue, or before a purpose that leads to
		 * it: "không có cơ sở để đồng ý", "no reason to object" */
		if ((k & M_NEG) && (words_before <= NEG_SPAN || t < purpose)) {
			c_r->neg++;
		}
		c_r->kinds |= k & ~(unsigned)M_NEG;
		t += n;
	}
	for (size_t t = cue_end; t < se; t++) {
		c_r->condition = c_r->condition || (r->mk[t] & M_CONDITION);
	}
}

static enum verdict flip(enum verdict v)
{
	return v == V_AGREE ? V_DISAGREE : v == V_DISAGREE ? V_AGREE : V_IGNORE;
}

static enum verdict judge(const struct cue *c, const struct context *x)
{
	bool neg = x->neg % 2 == 1, future = x->kinds & M_FUTURE,
	     request = x->kinds & M_REQUEST;

	if (x->kinds & M_TOPIC) {
		return V_IGNORE;
	}
	switch (c->when) {
	case WHEN_NEGATED:
		if (!neg) { /* found so: "Vụ thấy dự thảo phù hợp" */
			return (x->kinds & M_FINDS) && !future && !request
				   ? V_AGREE
				   : V_IGNORE;
		}
		return future ? V_UNCLEAR : V_DISAGREE;
	case WHEN_ASKED:
		if (neg) { /* "không cần chỉnh sửa" */
			return request || x->condition ? V_AGREE : V_IGNORE;
		}
		return x->condition ? V_DISAGREE : V_IGNORE;
	case WHEN_FUTURE:
	case WHEN_AWAITS:
		return future && !neg ? V_UNCLEAR : V_IGNORE;
	case WHEN_ALWAYS:
	case WHEN_NO_MORE:
		break;
	}
	if (neg) {
		return future ? V_UNCLEAR : flip(c->v);
	}
	if (future || (request && c->v != V_RETURN)) {
		return V_UNCLEAR;
	}
	return c->v;
}

/* --- sentences ------------------------------------------------------------ */

/* Whether sentence [ss, se) asks (reply_tokens_question). */
static bool is_question(const struct reader *r, size_t ss, size_t se)
{
	return reply_tokens_question(&r->tk, ss, se);
}

/* Whether the n words from token t, where any is written with marks,
 * each carry exactly those of precise. */
static bool phrase_marks_match(const struct reader *r, size_t t, size_t n,
			       const char *precise)
{
	bool marked = false;

	for (size_t k = t; k < t + n; k++) {
		const char *o = r->tk.ft.orig;

		for (size_t i = r->tk.ft.off[r->tk.t[k].fs];
		     i < r->tk.ft.off[r->tk.t[k].fe]; i++) {
			marked = marked || (unsigned char)o[i] >= 0x80;
		}
	}
	for (size_t k = t; marked && k < t + n; k++) {
		const char *sp = strchr(precise, ' ');
		size_t plen = sp ? (size_t)(sp - precise) : strlen(precise);
		size_t i = r->tk.ft.off[r->tk.t[k].fs],
		       end = r->tk.ft.off[r->tk.t[k].fe];
		size_t j = 0;

		while (i < end && j < plen) {
			int32_t a = text_utf8_next(r->tk.ft.orig, end, &i);
			int32_t b = text_utf8_next(precise, plen, &j);

			if (a < 0 || utf8proc_tolower(a) != b) {
				return false;
			}
		}
		if (i != end || j != plen) {
			return false;
		}
		precise += plen + (sp != NULL);
	}
	return true;
}

/* "Besides" an earlier opinion or letter follows the cue ending at
 * token t in its clause ("ngoài ý kiến đã gửi", "beyond those in our
 * letter"; "ngoài việc đề nghị sửa lỗi chính tả" adds a request and
 * agrees). */
static bool besides_follows(const struct reader *r, size_t t, size_t se)
{
	bool besides = false;

	for (; t < se && r->tk.t[t].kind == REPLY_TOK_WORD; t++) {
		besides = besides || (r->mk[t] & M_BESIDES);
		if (besides && (r->mk[t] & M_EARLIER)) {
			return true;
		}
		if (r->mk[t] & M_BREAK) {
			break;
		}
	}
	return false;
}

/* The clause of the cue at tokens [cue, cue_end) holds a marker of kind
 * k, before or after the cue. */
static bool clause_has(const struct reader *r, size_t cue, size_t cue_end,
		       size_t se, unsigned k)
{
	for (size_t t = r->cs[cue]; t < cue; t++) {
		if (r->mk[t] & k) {
			return true;
		}
	}
	for (size_t t = cue_end; t < se && r->tk.t[t].kind == REPLY_TOK_WORD;
	     t++) {
		if (r->mk[t] & M_BREAK) {
			break;
		}
		if (r->mk[t] & k) {
			return true;
		}
	}
	return false;
}

/* A marker of kind k in tokens [t, se). */
static bool sentence_has(const struct reader *r, size_t t, size_t se,
			 unsigned k)
{
	for (; t < se; t++) {
		if (r->tk.t[t].kind == REPLY_TOK_WORD && (r->mk[t] & k)) {
			return true;
		}
	}
	return false;
}

/* Whether a marker of kind k follows token t in its clause (up to a
 * break or a mark). */
static bool follows_in_clause(const struct reader *r, size_t t, size_t se,
			      unsigned k)
{
	for (; t < se && r->tk.t[t].kind == REPLY_TOK_WORD; t++) {
		if (r->mk[t] & M_BREAK) {
			return false;
		}
		if (r->mk[t] & k) {
			return true;
		}
	}
	return false;
}

/* Words that name a day without a number ("trước thứ Sáu", "by
 * Friday", "trước cuối tuần"), folded. */
static const char *const day_words[] = {
    "thu",      "mai",    "ngay mai", "hom nay", "cuoi",    "tuan",
    "tomorrow", "today",  "tonight",  "monday",  "tuesday", "wednesday",
    "thursday", "friday", "end",      "eod",     "next",
};

/* Whether a day is named at word token v (before se): a number, or one
 * of day_words. */
static bool day_at(const struct reader *r, size_t v, size_t se)
{
	if (v >= se || r->tk.t[v].kind != REPLY_TOK_WORD) {
		return false;
	}
	if (r->tk.ft.f[r->tk.t[v].fs] >= '0' &&
	    r->tk.ft.f[r->tk.t[v].fs] <= '9') {
		return true;
	}
	for (size_t i = 0; i < ARRAY_SIZE(day_words); i++) {
		if (reply_tokens_match(&r->tk, v, se, day_words[i], NULL) > 0) {
			return true;
		}
	}
	return false;
}

/* Whether the "done" cue at [cue, cue_end) asks the work by a date
 * rather than reports it: a deadline word and a day after it in its
 * clause ("Hoàn thành trước 20/12", "Làm xong trước thứ Sáu", "Complete
 * by 20 Dec"), nothing past before it ("Vụ đã hoàn thành trước 15/12"
 * reports). */
static bool deadline_after(const struct reader *r, size_t cue, size_t cue_end,
			   size_t se)
{
	if (clause_has(r, cue, cue, cue, M_PAST)) {
		return false;
	}
	for (size_t t = cue_end;
	     t + 1 < se && r->tk.t[t].kind == REPLY_TOK_WORD &&
	     !(r->mk[t] & M_BREAK);
	     t++) {
		size_t n = r->ml[t] > 0 ? r->ml[t] : 1, v = t + n;

		if (!(r->mk[t] & (M_DUE | M_CONDITION))) {
			continue;
		}
		if (v < se && r->tk.t[v].kind == REPLY_TOK_WORD) {
			/* "trước ngày 20/12" */
			v += reply_tokens_match(&r->tk, v, se, "ngay", "ngày");
		}
		if (day_at(r, v, se)) {
			return true;
		}
	}
	return false;
}

/* A cue that says something in sentence [.., se), found from token t on:
 * its verdict (V_IGNORE: none), its entry into *cue_r and the token after
 * its words into *end_r. */
static enum verdict next_verdict(const struct reader *r, size_t t, size_t se,
				 const struct cue **cue_r, size_t *end_r)
{
	for (; t < se; t++) {
		size_t phrase = 1; /* the longest cue found at t */

		if (r->tk.t[t].kind != REPLY_TOK_WORD) {
			continue;
		}
		for (size_t i = 0; i < ARRAY_SIZE(cues); i++) {
			size_t n = cues[i].words[0] == r->tk.ft.f[r->tk.t[t].fs]
				       ? match(r, t, cues[i].words, NULL)
				       : 0;
			const char *precise;
			struct context x;
			enum verdict v;

			if (n == 0 || t + n > se) {
				continue;
			}
			precise = cue_precise(cues[i].words);
			if (precise && !phrase_marks_match(r, t, n, precise)) {
				continue;
			}
			context_of(r, t, t + n, se, &x);
			v = judge(&cues[i], &x);
			if (v == V_AGREE && cues[i].when == WHEN_NO_MORE &&
			    besides_follows(r, t + n, se)) {
				v = V_UNCLEAR;
			}
			if (v == V_RETURN &&
			    clause_has(r, t, t + n, se, M_FILE)) {
				v = V_IGNORE; /* a file sent back */
			}
			if (v == V_DONE && deadline_after(r, t, t + n, se)) {
				v = V_IGNORE; /* asked by a date */
			}
			if (v != V_IGNORE && v != V_UNCLEAR &&
			    follows_in_clause(r, t + n, se, M_IF)) {
				v = V_UNCLEAR; /* a condition of what follows */
			}
			if ((v == V_AGREE || v == V_DISAGREE) &&
			    (clause_has(r, t, t + n, t + n, M_PARTIAL) ||
			     sentence_has(r, t + n, se, M_PARTIAL))) {
				v = V_UNCLEAR; /* in part, or on a condition */
			}
			if (v != V_IGNORE) {
				*cue_r = &cues[i];
				*end_r = t + n;
				return v;
			}
			phrase = n > phrase ? n : phrase;
		}
		t += phrase - 1;
	}
	return V_IGNORE;
}

/* Whether what the cue verdict v found says is taken back by a contrary
 * position from token t on, in the sentences left in the window (ending
 * at window_end): agreement and disagreement both ("Vụ đồng ý Điều 1 đến
 * Điều 8, không đồng ý Điều 9"), or a position still to come ("Lãnh đạo
 * Vụ chưa đồng ý, em sẽ báo cáo lại sau").  Changes asked for do not take
 * back an agreement ("Đồng ý về nguyên tắc, đề nghị chỉnh sửa ..."), and
 * reasons are not read ("không đồng ý vì Vụ TCCB đã đồng ý ...": from
 * "vì", "do", "lý do", "because" on, nothing is). */
static bool taken_back(const struct reader *r, enum verdict v, size_t t,
		       size_t window_end)
{
	if (v != V_AGREE && v != V_DISAGREE) {
		return false;
	}
	while (t < window_end) {
		size_t se = t, ss = t;
		const struct cue *c = NULL;
		size_t end = t;
		enum verdict w;

		while (se < window_end &&
		       r->tk.t[se].kind != REPLY_TOK_SENTENCE &&
		       r->tk.t[se].kind != REPLY_TOK_QUESTION) {
			se++;
		}
		for (size_t k = t; k < se; k++) {
			if (r->tk.t[k].kind == REPLY_TOK_WORD &&
			    (r->mk[k] & M_REASON)) {
				se = k; /* read up to the reason, then stop */
				window_end = k;
				break;
			}
		}
		if (!is_question(r, ss, se)) {
			for (size_t k = t; k < se; k = end) {
				w = next_verdict(r, k, se, &c, &end);
				if (w == V_IGNORE) {
					break;
				}
				if (((w == V_AGREE || w == V_DISAGREE) &&
				     w != v && c->when != WHEN_ASKED) ||
				    (w == V_UNCLEAR && c->v == V_UNCLEAR &&
				     (c->when == WHEN_ALWAYS ||
				      c->when == WHEN_AWAITS))) {
					return true;
				}
			}
		}
		t = se + 1;
	}
	return false;
}

/* The token that ends the window: `left` more sentences with words
 * after the one ending at token t. */
static size_t window_end(const struct reader *r, size_t t, size_t left)
{
	bool words = false;

	for (t = t + 1; t < r->tk.n; t++) {
		if (r->tk.t[t].kind == REPLY_TOK_WORD) {
			words = true;
		} else if (r->tk.t[t].kind == REPLY_TOK_SENTENCE ||
			   r->tk.t[t].kind == REPLY_TOK_QUESTION) {
			if (words && left-- == 0) {
				return t;
			}
			words = false;
		}
	}
	return r->tk.n;
}

/* Words that announce the position under them, in a sentence ending
 * with ':' ("Vụ Pháp chế có ý kiến như sau:", "Ý kiến của Vụ:", "Our
 * comments are as follows:"). */
static const char *const announces_words[] = {
    "y kien",  "nhu sau", "gop y",    "as follows", "comments",
    "comment", "opinion", "position", "view",
};

/* Whether sentence tokens [ss, t) announce a position under them. */
static bool announces(const struct reader *r, const char *text, size_t ss,
		      size_t t)
{
	if (text[r->tk.ft.off[r->tk.t[t].fs]] != ':') {
		return false;
	}
	for (size_t k = ss; k < t; k++) {
		for (size_t i = 0; i < ARRAY_SIZE(announces_words); i++) {
			if (r->tk.t[k].kind == REPLY_TOK_WORD &&
			    reply_tokens_match(&r->tk, k, t, announces_words[i],
					       NULL) > 0) {
				return true;
			}
		}
	}
	return false;
}

static enum reply_decision decision_of(enum verdict v)
{
	switch (v) {
	case V_AGREE:
		return REPLY_DECISION_AGREE;
	case V_DISAGREE:
		return REPLY_DECISION_DISAGREE;
	case V_DONE:
		return REPLY_DECISION_DONE;
	case V_RETURN:
		return REPLY_DECISION_RETURN;
	default:
		return REPLY_DECISION_NONE;
	}
}

enum reply_decision reply_decision_read(const char *text, size_t len,
					size_t *end_r)
{
	struct reader r;
	enum verdict v = V_IGNORE;
	size_t ss = 0, sentences = 0;
	bool announced = false;

	*end_r = 0;
	reply_tokens_read(&r.tk, text, len, false);
	r.mk = xmalloc(r.tk.n * sizeof(*r.mk));
	r.ml = xmalloc(r.tk.n * sizeof(*r.ml));
	r.cs = xmalloc(r.tk.n * sizeof(*r.cs));
	index_markers(&r);
	for (size_t t = 0, seen = 0;
	     t < r.tk.n && (sentences < DECISION_SENTENCES ||
			    (!announced && seen < ANNOUNCE_SENTENCES));
	     t++) {
		const struct cue *c = NULL;
		size_t cue_end = 0;
		bool words;

		if (r.tk.t[t].kind != REPLY_TOK_SENTENCE &&
		    r.tk.t[t].kind != REPLY_TOK_QUESTION) {
			continue;
		}
		words = false;
		for (size_t k = ss; k < t; k++) {
			words = words || r.tk.t[k].kind == REPLY_TOK_WORD;
		}
		if (words && sentences < DECISION_SENTENCES &&
		    !is_question(&r, ss, t)) {
			v = next_verdict(&r, ss, t, &c, &cue_end);
		}
		sentences += words;
		seen += words;
		if (v == V_IGNORE && !announced && words &&
		    announces(&r, text, ss, t)) {
			/* the position is under it: read from there */
			announced = true;
			sentences = 0;
		}
		ss = t + 1;
		if (v != V_IGNORE) {
			*end_r = r.tk.ft.off[r.tk.t[t].fs];
			if (taken_back(
				&r, v, cue_end,
				window_end(&r, t,
					   DECISION_SENTENCES - sentences))) {
				v = V_UNCLEAR;
			}
			break;
		}
	}
	free(r.cs);
	free(r.ml);
	free(r.mk);
	reply_tokens_release(&r.tk);
	return decision_of(v);
}
