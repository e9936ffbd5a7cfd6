/* Unit tests for src/reply/sentences.c through reply_parse: an
 * assignment stated in sentences ("Giao Vụ Pháp chế chủ trì, Vụ Tài chính
 * phối hợp, hạn 20/12/2026", "PC to lead, TC to coordinate, due 20
 * December 2026") gives the commands "Chủ trì:", "Phối hợp:", "Hạn:"
 * lines would; mentions, negations and questions give none.  Every case
 * is read as written (NFC) and again decomposed (NFD). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "congvan/reply.h"
#include "congvan/util.h"

struct sentence_case {
	const char *in;
	const char *lead; /* NULL: no assignment */
	const char *coordinate;
	const char *due;
};

static const struct sentence_case cases[] = {
    /* the Office's routing notes */
    {"Giao Vụ Pháp chế chủ trì, phối hợp với Vụ Tài chính và Vụ Kế "
     "hoạch, hạn 20/12/2026.",
     "Vụ Pháp chế", "Vụ Tài chính và Vụ Kế hoạch", "20/12/2026"},
    {"Đề nghị Vụ PC chủ trì xử lý; Vụ TC, Vụ KH phối hợp. Báo cáo trước "
     "ngày 20/12.",
     "Vụ PC", "Vụ TC, Vụ KH", "20/12"},
    {"Chuyển Cục Công nghiệp chủ trì giải quyết, thời hạn 10 ngày làm "
     "việc.",
     "Cục Công nghiệp", NULL, "10 ngày làm việc"},
    {"Giao Vu Phap che chu tri, Vu Tai chinh phoi hop, han 20/12",
     "Vu Phap che", "Vu Tai chinh", "20/12"},
    {"giao vu phap che chu tri, vu tai chinh phoi hop, han 20/12",
     "vu phap che", "vu tai chinh", "20/12"},
    {"GIAO VỤ PHÁP CHẾ CHỦ TRÌ, VỤ TÀI CHÍNH PHỐI HỢP.", "VỤ PHÁP CHẾ",
     "VỤ TÀI CHÍNH", NULL},
    {"Giao Vụ Pháp chế chủ trì, Vụ Tài chính phối hợp, hạn 20/12/2026.",
     "Vụ Pháp chế", "Vụ Tài chính", "20/12/2026"},
    {"Giao PC chủ trì, TC phối hợp, hạn 20/12/2026.", "PC", "TC", "20/12/2026"},
    {"Giao cho Vụ PC chủ trì.", "Vụ PC", NULL, NULL},
    {"Vụ PC chủ trì.", "Vụ PC", NULL, NULL},
    {"Vụ Pháp chế chủ trì xử lý, Vụ Tài chính phối hợp.", "Vụ Pháp chế",
     "Vụ Tài chính", NULL},
    {"Đề nghị giao Vụ Pháp chế chủ trì tham mưu văn bản trả lời.",
     "Vụ Pháp chế", NULL, NULL},
    {"Lãnh đạo Bộ giao Vụ PC chủ trì phối hợp với Vụ TC, hạn 15/1/2027.",
     "Vụ PC", "Vụ TC", "15/1/2027"},
    {"Giao Vụ PC chủ trì, phối hợp với Vụ TC và các đơn vị liên quan, "
     "hạn 20/12/2026.",
     "Vụ PC", "Vụ TC", "20/12/2026"},
    {"Giao Vụ PC chủ trì, phối hợp với Vụ TC, Vụ KH, hạn 20/12/2026.", "Vụ PC",
     "Vụ TC, Vụ KH", "20/12/2026"},
    {"Giao Vụ PC chủ trì, hạn ngày 20 tháng 12 năm 2026.", "Vụ PC", NULL,
     "20/12/2026"},
    {"Giao Vụ PC chủ trì, trả lời trong 5 ngày làm việc.", "Vụ PC", NULL,
     "5 ngày làm việc"},
    {"Giao Vụ PC chủ trì, hạn trả lời trước ngày 20/12/2026.", "Vụ PC", NULL,
     "20/12/2026"},
    {"Giao Vụ PC chủ trì.\nVụ TC phối hợp.\nHạn 20/12/2026.", "Vụ PC", "Vụ TC",
     "20/12/2026"},
    {"Dạ,\nGiao Vụ Pháp chế chủ trì, hạn 20.12.2026.", "Vụ Pháp chế", NULL,
     "20.12.2026"},
    {"Kính gửi anh,\n\nGiao Vụ Pháp chế chủ trì.\n\nTrân trọng.", "Vụ Pháp chế",
     NULL, NULL},
    {"Giao Cục Hàng không chủ trì.", "Cục Hàng không", NULL, NULL},
    {"Giao Cục Chuyển đổi số chủ trì.", "Cục Chuyển đổi số", NULL, NULL},
    {"Giao Vụ Kế hoạch - Tài chính chủ trì.", "Vụ Kế hoạch - Tài chính", NULL,
     NULL},
    {"Giao VU-PC chủ trì, VU-TC phối hợp.", "VU-PC", "VU-TC", NULL},
    /* English */
    {"PC to lead, TC to coordinate, due 20 December 2026.", "PC", "TC",
     "20/12/2026"},
    {"Please ask VU-PC to lead the reply, in coordination with TC and KH, "
     "by 20/12/2026.",
     "VU-PC", "TC và KH", "20/12/2026"},
    {"Assign PC to lead, within 10 working days.", "PC", NULL,
     "10 working days"},
    {"PC to lead; deadline December 18.", "PC", NULL, "18/12"},
    /* English routing notes as their Vietnamese twins: "X to handle"
     * (an infinitive of the work, an instruction as "to lead" is), a
     * verb handing the letter over with "to" ("Chuyển Vụ PC"), "have X
     * handle" after "please" ("Đề nghị Vụ PC xử lý") */
    {"PC to handle.", "PC", NULL, NULL},
    {"Hi,\nPC to handle, TC to assist. Due 20/12/2026.\nThanks,\nMai", "PC",
     "TC", "20/12/2026"},
    {"PC to take care of this please.", "PC", NULL, NULL},
    {"PC to deal with this, TC to support, due Dec 20.", "PC", "TC", "20/12"},
    {"Vụ Pháp chế to process, due 18/12.", "Vụ Pháp chế", NULL, "18/12"},
    {"PC to handle. The deadline is 20 December 2026.", "PC", NULL,
     "20/12/2026"},
    {"PC to handle, deadline is 20/12.", "PC", NULL, "20/12"},
    {"Transfer to PC.", "PC", NULL, NULL},
    {"Please transfer this to PC (not our remit).", "PC", NULL, NULL},
    {"Assign to PC, deadline Dec 18", "PC", NULL, "18/12"},
    {"Assign to PC by 20/12.", "PC", NULL, "20/12"},
    {"Assign this to PC, TC to support, due 20 Dec.", "PC", "TC", "20/12"},
    {"Reassign to KH please, this is a planning matter.", "KH", NULL, NULL},
    {"Please forward the letter to PC.", "PC", NULL, NULL},
    {"Please forward this to Vụ Pháp chế for necessary action, with input "
     "from TC.",
     "Vụ Pháp chế", "TC", NULL},
    {"Please have PC handle this", "PC", NULL, NULL},
    {"Please ask PC to handle this, by 20 December.", "PC", NULL, "20/12"},
    /* units joined by "and" before the cue coordinate */
    {"PC to lead on this one. TC and KH to provide input by 18/12.", "PC",
     "TC và KH", "18/12"},
    /* mentions, reports, futures, questions: nothing */
    {"PC is aware", NULL, NULL, NULL},
    {"FYI PC", NULL, NULL, NULL},
    {"PC handled a similar case last year", NULL, NULL, NULL},
    {"PC handles such letters.", NULL, NULL, NULL},
    {"PC will handle it.", NULL, NULL, NULL},
    {"Can PC handle this?", NULL, NULL, NULL},
    {"PC to handle?", NULL, NULL, NULL},
    {"Forward to PC for information only.", NULL, NULL, NULL},
    {"Please forward to PC for their comments.", NULL, NULL, NULL},
    {"We have transferred this to PC.", NULL, NULL, NULL},
    {"This was transferred to PC last week.", NULL, NULL, NULL},
    {"Did you transfer it to PC?", NULL, NULL, NULL},
    {"Do not transfer to PC.", NULL, NULL, NULL},
    {"We have already asked PC to handle this.", NULL, NULL, NULL},
    {"PC was asked to handle it.", NULL, NULL, NULL},
    {"PC has been asked to deal with this.", NULL, NULL, NULL},
    {"Vụ PC will handle it.", NULL, NULL, NULL},
    {"Vụ PC agreed to handle it.", NULL, NULL, NULL},
    {"Vụ PC is ready to handle it.", NULL, NULL, NULL},
    {"Vụ PC is going to handle it.", NULL, NULL, NULL},
    {"Over to you, PC.", NULL, NULL, NULL},
    /* a unit nobody knows is still a lead: the workflow refuses it */
    {"Giao Vụ Xyz chủ trì.", "Vụ Xyz", NULL, NULL},
    /* a person is no unit (a head delegates so: test_delegation) */
    {"Giao anh Nam chủ trì.", NULL, NULL, NULL},
    /* "hạn" with no deadline in it: its words, which the workflow
     * refuses */
    {"Giao Vụ PC chủ trì, hạn cuối tuần.", "Vụ PC", NULL, "cuối tuần"},
    /* "gia hạn" is no deadline, nor "đúng hạn" */
    {"Giao Vụ PC chủ trì, không gia hạn.", "Vụ PC", NULL, NULL},
    {"Giao Vụ PC chủ trì, bảo đảm đúng hạn.", "Vụ PC", NULL, NULL},
    /* a sentence before the one that assigns is not read, unless it
     * states only a deadline */
    {"Vụ TC phối hợp. Giao Vụ PC chủ trì.", "Vụ PC", NULL, NULL},
    {"Hạn 20/12/2026. Giao Vụ PC chủ trì.", "Vụ PC", NULL, "20/12/2026"},
    /* a deadline in its own sentence next to the assignment */
    {"Hạn 20/12/2026. Giao Vụ PC chủ trì, Vụ TC phối hợp.", "Vụ PC", "Vụ TC",
     "20/12/2026"},
    {"Vụ PC chủ trì. Hoàn thành trước ngày 20/12.", "Vụ PC", NULL, "20/12"},
    {"Giao Vụ PC chủ trì.\nVụ TC phối hợp.\nChậm nhất 20/12.", "Vụ PC", "Vụ TC",
     "20/12"},
    {"Giao Vụ PC chủ trì. Báo cáo trong 10 ngày làm việc.", "Vụ PC", NULL,
     "10 ngày làm việc"},
    {"Giao Vụ PC chủ trì. Hoàn thành ngay trong ngày 08/12.", "Vụ PC", NULL,
     "08/12"},
    {"Giao Vụ PC chủ trì. Báo cáo Văn phòng trước ngày 20/12.", "Vụ PC", NULL,
     "20/12"},
    {"PC to lead. Due December 20, 2026.", "PC", NULL, "20/12/2026"},
    /* the assignment's own deadline first, then the one after it */
    {"Giao Vụ PC chủ trì, hạn 15/12. Hạn 20/12.", "Vụ PC", NULL, "15/12"},
    {"Hạn 15/12. Giao Vụ PC chủ trì. Hạn 20/12.", "Vụ PC", NULL, "20/12"},
    {"Giao Vụ PC chủ trì. Vụ TC phối hợp, hạn 20/12. Hạn 25/12.", "Vụ PC",
     "Vụ TC", "20/12"},
    /* not next to it, or not only a deadline: not taken */
    {"Giao Vụ PC chủ trì. Cảm ơn anh. Hạn 20/12.", "Vụ PC", NULL, NULL},
    {"Hạn 20/12. Cảm ơn anh. Giao Vụ PC chủ trì.", "Vụ PC", NULL, NULL},
    {"Giao Vụ PC chủ trì. Gia hạn đến 20/12.", "Vụ PC", NULL, NULL},
    {"Gia hạn đến 20/12/2026. Giao Vụ PC chủ trì.", "Vụ PC", NULL, NULL},
    {"Giao Vụ PC chủ trì. Vụ TC gửi ý kiến trước 15/12.", "Vụ PC", NULL, NULL},
    {"Giao Vụ PC chủ trì. Anh Bình báo cáo trước 15/12.", "Vụ PC", NULL, NULL},
    {"Giao Vụ PC chủ trì. Hạn 20/12 được không?", "Vụ PC", NULL, NULL},
    {"Giao Vụ PC chủ trì. Vụ đã hoàn thành trước ngày 20/12.", "Vụ PC", NULL,
     NULL},
    {"Giao Vụ PC chủ trì. Công văn số 12 ngày 01/12/2026.", "Vụ PC", NULL,
     NULL},
    {"Giao Vụ PC chủ trì. Đề nghị lấy ý kiến Vụ TC, hạn 10/12.", "Vụ PC", NULL,
     NULL},

    /* a word of manner between the unit and "chủ trì" (or after it) */
    {"Giao Vụ PC trực tiếp chủ trì.", "Vụ PC", NULL, NULL},
    {"Đề nghị Vụ TC khẩn trương chủ trì xử lý, hạn 20/12/2026.", "Vụ TC", NULL,
     "20/12/2026"},
    {"Vụ Pháp chế chủ động chủ trì, Vụ TC phối hợp.", "Vụ Pháp chế", "Vụ TC",
     NULL},
    {"Vụ PC trực tiếp chủ trì xử lý.", "Vụ PC", NULL, NULL},
    {"Vụ PC chủ trì xem xét, xử lý.", "Vụ PC", NULL, NULL},
    {"Vụ PC chủ trì, khẩn trương xử lý.", "Vụ PC", NULL, NULL},
    {"Vụ PC chủ trì khẩn trương xử lý.", "Vụ PC", NULL, NULL},
    {"Giao Vu PC kip thoi chu tri.", "Vu PC", NULL, NULL},
    {"Đề nghị Vụ PC sớm chủ trì xử lý.", "Vụ PC", NULL, NULL},
    {"Vụ PC đã trực tiếp chủ trì.", NULL, NULL, NULL},
    {"Vụ PC sẽ khẩn trương chủ trì xử lý.", NULL, NULL, NULL},
    {"Giao Vụ PC không trực tiếp chủ trì.", NULL, NULL, NULL},
    {"Vụ PC trực tiếp chủ trì cuộc họp.", NULL, NULL, NULL},
    {"Đề nghị Vụ khẩn trương chủ trì.", NULL, NULL, NULL},
    {"Vụ PC trực tiếp chủ trì được không?", NULL, NULL, NULL},
    /* "trong ngày D/M": that day */
    {"Giao Vụ PC chủ trì, hoàn thành trong ngày 08/12.", "Vụ PC", NULL,
     "08/12"},
    {"Giao Vụ PC chủ trì, xử lý ngay trong ngày 08/12/2026.", "Vụ PC", NULL,
     "08/12/2026"},
    {"Giao Vụ PC chủ trì, phối hợp với Vụ TC trong ngày 08/12.", "Vụ PC",
     "Vụ TC", "08/12"},
    {"Giao Vụ PC chủ trì, phối hợp với Vụ TC trong 10 ngày làm việc.", "Vụ PC",
     "Vụ TC", "10 ngày làm việc"},
    {"Giao Vụ Thị trường trong nước chủ trì, phối hợp với Vụ Thị trường "
     "trong nước, trong 10 ngày làm việc.",
     "Vụ Thị trường trong nước", "Vụ Thị trường trong nước",
     "10 ngày làm việc"},
    /* English dates with a comma before the year */
    {"PC to lead, due December 20, 2026.", "PC", NULL, "20/12/2026"},
    {"Assign PC to lead, TC to coordinate, by Dec 20, 2026.", "PC", "TC",
     "20/12/2026"},
    {"PC to lead, due December 20, TC to coordinate.", "PC", "TC", "20/12"},
    {"PC to lead, due December 20, 15 working days.", "PC", NULL, "20/12"},
    {"PC to lead, due December 20th, 2026.", "PC", NULL, "20/12/2026"},
    {"PC to lead, due 1st December 2026.", "PC", NULL, "1/12/2026"},
    /* an abbreviation's dot ends no sentence: "Dec. 20", "TP. Hồ Chí
       Minh", "v.v." */
    {"PC to lead, due Dec. 20, 2026.", "PC", NULL, "20/12/2026"},
    {"PC to lead, due Dec. 20, 2026, TC to coordinate.", "PC", "TC",
     "20/12/2026"},
    {"Assign PC to lead. Due 20 Dec. TC to coordinate.", "PC", "TC", "20/12"},
    {"Giao Vụ PC chủ trì, phối hợp với Sở Công Thương TP. Hồ Chí Minh, hạn "
     "20/12/2026.",
     "Vụ PC", "Sở Công Thương TP. Hồ Chí Minh", "20/12/2026"},
    {"Giao Vụ PC chủ trì, phối hợp với UBND Q. Ba Đình, hạn 20/12.", "Vụ PC",
     "UBND Q. Ba Đình", "20/12"},
    /* numeric forms, Vietnamese words around the date */
    {"Giao Vụ PC chủ trì, hạn 2026-12-20.", "Vụ PC", NULL, "2026-12-20"},
    {"Giao Vụ PC chủ trì, hạn 20-12-2026.", "Vụ PC", NULL, "20-12-2026"},
    {"Giao Vụ PC chủ trì, hạn 18 tháng 12.", "Vụ PC", NULL, "18/12"},
    {"Giao Vụ PC chủ trì, hạn 17h00 ngày 18/12/2026.", "Vụ PC", NULL,
     "18/12/2026"},
    {"Giao Vụ PC chủ trì, báo cáo trước 15 giờ ngày 18/12.", "Vụ PC", NULL,
     "18/12"},
    {"Giao Vụ PC chủ trì, hoàn thành trước thứ Sáu ngày 18/12/2026.", "Vụ PC",
     NULL, "thứ Sáu ngày 18/12/2026"},
    {"Giao Vụ PC chủ trì, hạn 18/12/2026 (thứ Sáu).", "Vụ PC", NULL,
     "18/12/2026 (thứ Sáu)"},
    {"Giao Vụ PC chủ trì. Hạn: thứ Sáu, 18/12/2026.", "Vụ PC", NULL,
     "thứ Sáu, 18/12/2026"},
    /* "thư" folds to the English "Thu": no weekday */
    {"Giao Vụ PC chủ trì, hạn trả lời thư ngày 20/12.", "Vụ PC", NULL, "20/12"},
    /* a weekday that goes on with something else is not the date's */
    {"Giao Vụ PC chủ trì, hạn 20/12, thứ Sáu họp giao ban.", "Vụ PC", NULL,
     "20/12"},
    /* a weekday alone is no date: its words, which the workflow refuses */
    {"Giao Vụ PC chủ trì, hạn thứ Sáu.", "Vụ PC", NULL, "thứ Sáu"},
    /* a year first is no day: its words, which the workflow refuses */
    {"PC to lead, due 2026 December.", "PC", NULL, "2026 December"},

    /* mentions, negations, questions: nothing */
    {"Vụ Pháp chế đã chủ trì cuộc họp hôm qua.", NULL, NULL, NULL},
    {"Vụ Pháp chế chủ trì cuộc họp hôm qua.", NULL, NULL, NULL},
    {"Vu Phap che da chu tri cuoc hop hom qua.", NULL, NULL, NULL},
    {"đề nghị Văn phòng xem xét", NULL, NULL, NULL},
    {"không giao Vụ PC chủ trì", NULL, NULL, NULL},
    {"Khong giao Vu PC chu tri.", NULL, NULL, NULL},
    {"Vụ PC chủ trì được không?", NULL, NULL, NULL},
    {"Vụ PC chủ trì được không", NULL, NULL, NULL},
    {"Có nên giao Vụ PC chủ trì?", NULL, NULL, NULL},
    {"Vụ PC sẽ chủ trì xử lý.", NULL, NULL, NULL},
    {"Vụ PC đang chủ trì soạn thảo.", NULL, NULL, NULL},
    {"Nếu giao Vụ PC chủ trì thì Vụ TC phối hợp.", NULL, NULL, NULL},
    {"Vụ Tài chính nhất trí với dự thảo do Vụ Pháp chế chủ trì soạn thảo.",
     NULL, NULL, NULL},
    {"Vụ PC được giao chủ trì.", NULL, NULL, NULL},
    {"Tôi chủ trì.", NULL, NULL, NULL},
    {"Hôm qua Vụ PC chủ trì.", NULL, NULL, NULL},
    {"Anh chủ trì nhé", NULL, NULL, NULL},
    {"PC chủ trì, TC phối hợp.", "PC", "TC", NULL},
    {"Giao Vụ PC chủ trì, Đồng chí Nam theo dõi, các đơn vị phối hợp.", "Vụ PC",
     NULL, NULL},
    /* no "chủ trì": a directive, the unit and a verb handing it the
     * work */
    {"Giao Vụ PC xử lý.", "Vụ PC", NULL, NULL},
    {"Chuyển Vụ Pháp chế xử lý, hạn 20/12.", "Vụ Pháp chế", NULL, "20/12"},
    {"Giao Vụ PC xử lý, Vụ TC phối hợp, hạn 20/12/2026.", "Vụ PC", "Vụ TC",
     "20/12/2026"},
    {"Giao Vụ PC nghiên cứu, tham mưu, báo cáo Lãnh đạo Bộ trước 20/12.",
     "Vụ PC", NULL, "20/12"},
    {"Giao Vụ Thị trường trong nước xử lý.", "Vụ Thị trường trong nước", NULL,
     NULL},
    {"Chuyển Cục Xuất nhập khẩu giải quyết theo thẩm quyền.",
     "Cục Xuất nhập khẩu", NULL, NULL},
    {"Vụ PC xử lý, Vụ TC, Vụ KH phối hợp, hạn 20/12.", "Vụ PC", "Vụ TC, Vụ KH",
     "20/12"},
    /* a handing directive and the unit, nothing else in the clause */
    {"Chuyển Vụ PC.", "Vụ PC", NULL, NULL},
    {"Giao Vụ Pháp chế, hạn 20/12.", "Vụ Pháp chế", NULL, "20/12"},
    {"Chuyển Vụ PC xem xét, xử lý, hạn 20/12.", "Vụ PC", NULL, "20/12"},
    {"Chuyển Vụ PC, Vụ TC phối hợp.", "Vụ PC", "Vụ TC", NULL},
    {"Đề nghị chuyển Vụ PC.", "Vụ PC", NULL, NULL},
    {"Chuyển Vụ PC nhé.", "Vụ PC", NULL, NULL},
    {"Chuyen Vu PC giup anh", "Vu PC", NULL, NULL},
    {"Please assign to PC.", "PC", NULL, NULL},
    {"Forward to PC, due 20 December 2026.", "PC", NULL, "20/12/2026"},
    {"Đề nghị Vụ PC.", NULL, NULL, NULL},
    {"Đã chuyển Vụ PC.", NULL, NULL, NULL},
    {"Chuyển Vụ PC để biết.", NULL, NULL, NULL},
    /* units joined to the lead by "và", "and" coordinate when a cue
     * says so */
    {"Vụ PC chủ trì và Vụ TC phối hợp.", "Vụ PC", "Vụ TC", NULL},
    {"Giao Vụ PC chủ trì và Vụ TC, Vụ KH phối hợp, hạn 20/12.", "Vụ PC",
     "Vụ TC, Vụ KH", "20/12"},
    {"As discussed, TC to lead and PC to support, due 20/12.", "TC", "PC",
     "20/12"},
    {"Vụ PC chủ trì và báo cáo.", NULL, NULL, NULL},
    /* several units doing the work: no one lead */
    {"Giao Vụ PC và Vụ TC cùng xử lý.", NULL, NULL, NULL},
    {"Giao Vụ PC cùng Vụ TC xử lý.", NULL, NULL, NULL},
    {"Giao Vụ PC, Vụ TC xử lý.", NULL, NULL, NULL},
    {"Giao Bộ Kế hoạch và Đầu tư chủ trì.", "Bộ Kế hoạch và Đầu tư", NULL,
     NULL},
    /* a lead judged by a negator after "là" is none; ':' ends what
     * its markers are read in */
    {"Đề nghị Vụ PC chủ trì là không phù hợp.", NULL, NULL, NULL},
    {"Giao Vụ PC chủ trì là hợp lý, hạn 20/12.", "Vụ PC", NULL, "20/12"},
    {"Ý kiến của Thứ trưởng: giao Vụ PC chủ trì.", "Vụ PC", NULL, NULL},
    {"Thứ trưởng đã có ý kiến chỉ đạo giao Vụ PC chủ trì.", NULL, NULL, NULL},
    /* a unit taking a position names none */
    {"Vụ PC đồng ý chủ trì.", NULL, NULL, NULL},
    {"Vụ PC nhận chủ trì.", NULL, NULL, NULL},
    {"Đồng ý giao Vụ TC chủ trì.", "Vụ TC", NULL, NULL},
    /* courtesy before a handing directive; a question asks */
    {"Could you forward this to PC, please.", "PC", NULL, NULL},
    {"Can you please forward this to PC?", NULL, NULL, NULL},
    /* "rồi" reports; a pronoun before a handing directive */
    {"Chuyển Vụ PC rồi.", NULL, NULL, NULL},
    {"Giao Vụ PC xử lý rồi.", NULL, NULL, NULL},
    {"Em chuyển Vụ PC rồi ạ.", NULL, NULL, NULL},
    {"Anh chuyển Vụ PC nhé.", "Vụ PC", NULL, NULL},
    {"Ok, em chuyển Vụ PC giúp anh.", "Vụ PC", NULL, NULL},
    {"Em đã chuyển Vụ PC.", NULL, NULL, NULL},
    /* what is handed over, then "cho" and whom */
    {"Đề nghị Văn phòng chuyển văn bản cho Vụ TC chủ trì.", "Vụ TC", NULL,
     NULL},
    {"Chuyển hồ sơ này đến Vụ PC xử lý.", "Vụ PC", NULL, NULL},
    {"Chuyển văn bản này tới Cục CN để giải quyết.", "Cục CN", NULL, NULL},
    {"Đề nghị Vụ PC cho ý kiến.", NULL, NULL, NULL},
    {"Nhờ em gửi cho Vụ TC.", NULL, NULL, NULL},
    {"Đề nghị chuyển văn bản cho đơn vị khác chủ trì.", NULL, NULL, NULL},
    /* "để" and a verb of the work: its purpose; "K/c": "kính chuyển" */
    {"Chuyển Vụ PC để xử lý.", "Vụ PC", NULL, NULL},
    {"Chuyển Vụ PC để tổng hợp, hạn 20/12.", "Vụ PC", NULL, "20/12"},
    {"K/c Vụ PC xử lý.", "Vụ PC", NULL, NULL},
    {"Chuyển Vụ PC để biết, theo dõi.", NULL, NULL, NULL},
    /* the unit's name ends at a reason or a deadline */
    {"Chuyển Vụ TC vì không thuộc chức năng của Vụ.", "Vụ TC", NULL, NULL},
    {"Giao Vụ PC hạn 20/12.", "Vụ PC", NULL, "20/12"},
    /* the coordinating units end at a verb of the work; not in a name */
    {"Đề nghị Vụ Pháp chế chủ trì, phối hợp Vụ Tài chính xử lý, hạn "
     "20/12.",
     "Vụ Pháp chế", "Vụ Tài chính", "20/12"},
    {"Giao Vụ PC chủ trì, phối hợp với Vụ Tổng hợp.", "Vụ PC", "Vụ Tổng hợp",
     NULL},
    {"Giao Vụ PC chủ trì, Bộ Kế hoạch và Đầu tư phối hợp.", "Vụ PC",
     "Bộ Kế hoạch và Đầu tư", NULL},
    {"Chuyển Văn phòng trình Lãnh đạo Bộ.", NULL, NULL, NULL},
    {"Giao Lan.", NULL, NULL, NULL},
    {"Giao các đơn vị.", NULL, NULL, NULL},
    {"Xong. Chuyển Vụ PC.", NULL, NULL, NULL},
    {"Vụ PC xử lý.", NULL, NULL, NULL},
    {"Vụ PC đã xử lý, Vụ TC phối hợp.", NULL, NULL, NULL},
    {"Giao chị Lan xử lý.", NULL, NULL, NULL},
    {"Không giao Vụ PC xử lý.", NULL, NULL, NULL},
    {"Vụ PC đã xử lý.", NULL, NULL, NULL},
    {"Giao Vụ xử lý.", NULL, NULL, NULL},
    {"Đề nghị các đơn vị thực hiện.", NULL, NULL, NULL},
    {"Đề nghị Văn phòng trình Lãnh đạo Bộ cho gia hạn thời hạn giải quyết.",
     NULL, NULL, NULL},
    /* a position taken first stands ("Đã xong" from the lead) */
    {"Đã xong. Đề nghị Văn phòng xử lý tiếp.", NULL, NULL, NULL},
    /* a cause before "nên" negates nothing after it */
    {"Việc này không thuộc chức năng của Vụ nên đề nghị chuyển Vụ PC xử "
     "lý.",
     "Vụ PC", NULL, NULL},
    /* an extension decided, the lead unchanged */
    {"Đồng ý. Vụ PC tiếp tục chủ trì.", NULL, NULL, NULL},
    {"Vụ TC phối hợp, hạn 20/12/2026.", NULL, NULL, NULL},
    {"Đề nghị Văn phòng xem xét, phân công đơn vị chủ trì, đơn vị phối "
     "hợp và thời hạn giải quyết.",
     NULL, NULL, NULL},
    {"Giao các đơn vị chủ trì.", NULL, NULL, NULL},
    {"Đề nghị Văn phòng Bộ giao đơn vị khác chủ trì.", NULL, NULL, NULL},
    {"Đề nghị giao Vụ khác chủ trì.", NULL, NULL, NULL},
    {"Can PC lead this?", NULL, NULL, NULL},
    {"PC did not want to lead.", NULL, NULL, NULL},
    {"Would PC be able to lead?", NULL, NULL, NULL},
    {"PC was asked to lead the meeting.", NULL, NULL, NULL},
    {"Đồng ý.", NULL, NULL, NULL},
    {"Cảm ơn anh, tôi đã nhận được.", NULL, NULL, NULL},
    {"", NULL, NULL, NULL},
    /* quoted text never counts */
    {"> Giao Vụ PC chủ trì.\nCảm ơn.", NULL, NULL, NULL},
};

/* The value of the first command with key, or NULL. */
static const char *value_of(const struct reply_parsed *p, enum reply_key key)
{
	for (size_t i = 0; i < p->n_commands; i++) {
		if (p->commands[i].key == key) {
			return p->commands[i].value;
		}
	}
	return NULL;
}

static size_t failures;

static void expect(const char *what, size_t i, const char *form,
		   const char *got, const char *want)
{
	if ((got == NULL) != (want == NULL) ||
	    (got && strcmp(got, want) != 0)) {
		print_error("case %zu (%s) %s: got '%s', want '%s'\n", i, form,
			    what, got ? got : "(none)", want ? want : "(none)");
		failures++;
	}
}

/* The NFC form of a value, to compare one read from NFD input. */
static char *nfc(const char *s)
{
	return s ? (char *)utf8proc_NFC((const utf8proc_uint8_t *)s) : NULL;
}

static void check(size_t i, const char *form, const char *in,
		  const struct sentence_case *c)
{
	struct reply_parsed p;
	char *lead, *coord, *due;

	reply_parse(in, &p);
	lead = nfc(value_of(&p, REPLY_KEY_LEAD));
	coord = nfc(value_of(&p, REPLY_KEY_COORDINATE));
	due = nfc(value_of(&p, REPLY_KEY_DUE));
	expect("lead", i, form, lead, c->lead);
	expect("coordinate", i, form, coord, c->coordinate);
	expect("due", i, form, due, c->due);
	free(lead);
	free(coord);
	free(due);
	reply_parsed_free(&p);
}

static void test_sentences(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *nfd =
		    (char *)utf8proc_NFD((const utf8proc_uint8_t *)cases[i].in);

		check(i, "NFC", cases[i].in, &cases[i]);
		check(i, "NFD", nfd, &cases[i]);
		free(nfd);
	}
	assert_int_equal(failures, 0);
}

/* An extension asked for in a sentence by the lead side, or granted
 * with a date by the Office: "Gia hạn:" (and "Lý do:") as the lines
 * would give; a negated, past, future, conditional or questioned one
 * gives none. */
/* The reason a transfer gives: after "vì", "do", "lý do", else the
 * clause saying the work is not the unit's. */
static void test_transfer_reason(void **state)
{
	static const struct {
		const char *in, *lead, *reason;
	} x[] = {
	    {"Đề nghị chuyển Vụ Pháp chế chủ trì vì nội dung thuộc chức năng "
	     "của Vụ Pháp chế.",
	     "Vụ Pháp chế", "nội dung thuộc chức năng của Vụ Pháp chế"},
	    {"Việc này không thuộc chức năng của Vụ, đề nghị Văn phòng chuyển "
	     "Vụ Pháp chế xử lý.",
	     "Vụ Pháp chế", "không thuộc chức năng của Vụ"},
	    {"Nội dung này không thuộc thẩm quyền của Vụ nên đề nghị chuyển "
	     "Cục Công nghiệp chủ trì.",
	     "Cục Công nghiệp", "không thuộc thẩm quyền của Vụ"},
	    {"Đề nghị chuyển Vụ PC chủ trì.", "Vụ PC", NULL},
	    {"Chuyển Vụ TC vì không thuộc chức năng của Vụ.", "Vụ TC",
	     "không thuộc chức năng của Vụ"},
	    {"Please transfer this to PC (not our remit).", "PC",
	     "not our remit"},
	    {"Transfer to TC because it is not our remit.", "TC",
	     "it is not our remit"},
	    {"Transfer to TC, not within our remit.", "TC",
	     "not within our remit"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(x); i++) {
		struct reply_parsed p;
		const char *why;

		reply_parse(x[i].in, &p);
		assert_non_null(value_of(&p, REPLY_KEY_LEAD));
		assert_string_equal(value_of(&p, REPLY_KEY_LEAD), x[i].lead);
		why = value_of(&p, REPLY_KEY_REASON);
		if (x[i].reason) {
			assert_non_null(why);
			assert_string_equal(why, x[i].reason);
		} else {
			assert_null(why);
		}
		reply_parsed_free(&p);
	}
}

static void test_extension(void **state)
{
	static const struct {
		const char *in;
		const char *extend, *reason; /* extend NULL: none */
		enum reply_decision decision;
	} x[] = {
	    {"Vụ Pháp chế đề nghị gia hạn đến ngày 25/12/2026 vì cần thêm "
	     "thời gian lấy ý kiến các đơn vị.",
	     "25/12/2026", "cần thêm thời gian lấy ý kiến các đơn vị",
	     REPLY_DECISION_NONE},
	    {"Kính gửi Văn phòng,\nVụ xin gia hạn thêm 05 ngày làm việc do "
	     "chưa nhận đủ số liệu của các Sở.",
	     "05 ngày làm việc", "chưa nhận đủ số liệu của các Sở",
	     REPLY_DECISION_NONE},
	    {"Đề nghị cho phép lùi thời hạn xử lý đến hết ngày 31/12/2026.",
	     "31/12/2026", NULL, REPLY_DECISION_NONE},
	    {"Vụ đề nghị được gia hạn đến 15/01/2027.", "15/01/2027", NULL,
	     REPLY_DECISION_NONE},
	    {"Xin gia han den ngay 25/12/2026 vi cho so lieu", "25/12/2026",
	     "cho so lieu", REPLY_DECISION_NONE},
	    {"Trân trọng đề nghị Văn phòng trình Lãnh đạo Bộ cho gia hạn thời "
	     "hạn giải quyết văn bản đến ngày 28 tháng 12 năm 2026.",
	     "28/12/2026", NULL, REPLY_DECISION_NONE},
	    {"We request an extension to 25 December 2026 because the data "
	     "is late.",
	     "25/12/2026", "the data is late", REPLY_DECISION_NONE},
	    {"Please extend the deadline to 2026-12-25.", "2026-12-25", NULL,
	     REPLY_DECISION_NONE},
	    /* more days asked for or granted */
	    {"Vụ xin thêm 5 ngày làm việc để hoàn thiện.", "5 ngày làm việc",
	     NULL, REPLY_DECISION_NONE},
	    {"Vụ cần thêm thời gian, dự kiến hoàn thành ngày 20/12/2026.",
	     "20/12/2026", NULL, REPLY_DECISION_NONE},
	    {"Đồng ý cho thêm 3 ngày.", "3 ngày", NULL, REPLY_DECISION_AGREE},
	    {"Vụ cần thêm ý kiến của Vụ TC.", NULL, NULL, REPLY_DECISION_NONE},
	    {"Vụ đã xin thêm 5 ngày.", NULL, NULL, REPLY_DECISION_NONE},
	    /* the Office grants, to the day it names */
	    {"Đồng ý gia hạn đến ngày 20/12/2026.", "20/12/2026", NULL,
	     REPLY_DECISION_AGREE},
	    {"Đồng ý gia hạn.", NULL, NULL, REPLY_DECISION_AGREE},
	    {"Không đồng ý gia hạn đến 25/12.", NULL, NULL,
	     REPLY_DECISION_DISAGREE},
	    /* no request, or not now */
	    {"Vụ đã được gia hạn đến 25/12/2026 nên sẽ hoàn thành đúng hạn.",
	     NULL, NULL, REPLY_DECISION_NONE},
	    {"Vụ không cần gia hạn, đã hoàn thành.", NULL, NULL,
	     REPLY_DECISION_DONE},
	    {"Có cần gia hạn đến 25/12 không?", NULL, NULL,
	     REPLY_DECISION_NONE},
	    {"Nếu cần gia hạn đến 25/12 thì Vụ sẽ báo lại.", NULL, NULL,
	     REPLY_DECISION_NONE},
	    {"Vụ đang xin gia hạn đến 25/12/2026.", NULL, NULL,
	     REPLY_DECISION_NONE},
	    {"Vụ sẽ xin gia hạn đến 25/12/2026.", NULL, NULL,
	     REPLY_DECISION_NONE},
	    {"Vụ xin gia hạn.", NULL, NULL, REPLY_DECISION_NONE},
	    {"Giao Vụ PC chủ trì, hạn 20/12/2026. Gia hạn đến 25/12 nếu cần.",
	     NULL, NULL, REPLY_DECISION_NONE},
	    /* key lines win */
	    {"Vụ đề nghị gia hạn đến 25/12/2026.\nLý do: chờ ý kiến Bộ Tài "
	     "chính",
	     "25/12/2026", "chờ ý kiến Bộ Tài chính", REPLY_DECISION_NONE},
	    {"Gia hạn: 30/12/2026\nLý do: chờ số liệu", "30/12/2026",
	     "chờ số liệu", REPLY_DECISION_NONE},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(x); i++) {
		char *nfd =
		    (char *)utf8proc_NFD((const utf8proc_uint8_t *)x[i].in);
		const char *forms[] = {x[i].in, nfd};

		for (size_t f = 0; f < ARRAY_SIZE(forms); f++) {
			struct reply_parsed p;
			const char *got, *why;

			reply_parse(forms[f], &p);
			got = value_of(&p, REPLY_KEY_EXTEND);
			why = value_of(&p, REPLY_KEY_REASON);
			print_message("case %zu %s\n", i, f ? "NFD" : "NFC");
			assert_int_equal(p.decision, x[i].decision);
			if (!x[i].extend) {
				assert_null(got);
			} else {
				char *want = (char *)utf8proc_NFC(
				    (const utf8proc_uint8_t *)x[i].extend);

				assert_non_null(got);
				assert_string_equal(got, want);
				free(want);
			}
			if (x[i].reason) {
				/* a key line's value is kept as written */
				char *want = (char *)utf8proc_NFC(
				    (const utf8proc_uint8_t *)x[i].reason);
				char *have;

				assert_non_null(why);
				have = (char *)utf8proc_NFC(
				    (const utf8proc_uint8_t *)why);
				assert_string_equal(have, want);
				free(have);
				free(want);
			} else if (x[i].extend) {
				assert_null(why);
			}
			reply_parsed_free(&p);
		}
		free(nfd);
	}
}

/* A delegation stated in a sentence, as a head writes it: "Giao:" with
 * the person (the title left out), "Hạn:" with the deadline the same
 * sentence gives; a unit, a negation, a question, a report of what was
 * done or a bare name give none. */
static void test_delegation(void **state)
{
	static const struct {
		const char *in, *person, *due; /* person NULL: none */
	} d[] = {
	    {"Giao chị Lan xử lý, hạn 15/12/2026.", "Lan", "15/12/2026"},
	    {"Giao đ/c Trần Văn Bình chủ trì tham mưu, báo cáo trước ngày "
	     "18/12.",
	     "Trần Văn Bình", "18/12"},
	    {"Giao Nguyễn Văn An xử lý.", "Nguyễn Văn An", NULL},
	    {"Nhờ em Hà theo dõi.", "Hà", NULL},
	    {"Giao chi Lan xu ly, han 15/12", "Lan", "15/12"},
	    {"Đồng ý. Giao chị Lan xử lý.", "Lan", NULL},
	    {"Assign Ms Lan to handle it, due 15 December 2026.", "Lan",
	     "15/12/2026"},
	    {"Giao đ/c Lan chủ trì xử lý.", "Lan", NULL},
	    /* no directive: a title and the name open the clause, a verb
	     * of the work follows */
	    {"Anh Bình xử lý giúp nhé.", "Bình", NULL},
	    {"Chị Lan xử lý, hạn 15/12.", "Lan", "15/12"},
	    {"Đ/c Nguyễn Văn An nghiên cứu, tham mưu.", "Nguyễn Văn An", NULL},
	    {"anh Bình khẩn trương xử lý luôn nhé", "Bình", NULL},
	    {"Chị Lan xử lý giúp anh trong ngày 08/12 nhé.", "Lan", "08/12"},
	    {"Em Hà tổng hợp, báo cáo trước 10/12 ạ.", "Hà", "10/12"},
	    {"Đồng ý. Anh Bình xử lý nha.", "Bình", NULL},
	    {"Đồng chí Trần Văn Bình chủ trì xử lý.", "Trần Văn Bình", NULL},
	    {"Chi Lan xu ly giup nhe, han 15/12", "Lan", "15/12"},
	    {"Anh Bình xử lí giúp nhé.", "Bình", NULL},
	    /* the person called, the verb in the next clause */
	    {"Chị Lan, xử lý giúp anh nhé.", "Lan", NULL},
	    {"Anh Bình ơi, xử lý giúp em, hạn 15/12.", "Bình", "15/12"},
	    {"Em Hà ơi, em xử lý giúp chị nhé.", "Hà", NULL},
	    {"Ông Nam xem xét, xử lý.", "Nam", NULL},
	    {"Bà Hoa giải quyết luôn.", "Hoa", NULL},
	    {"Chuyên viên Lan thực hiện, hạn 10 ngày làm việc.", "Lan",
	     "10 ngày làm việc"},
	    {"Giao a/c Lan xử lý, hạn 15/12.", "Lan", "15/12"},
	    {"Giao việc này cho chị Lan xử lý.", "Lan", NULL},
	    {"Please ask Ms Lan to handle this by 15 Dec.", "Lan", "15/12"},
	    {"Please assign this to Ms Lan.", "Lan", NULL},
	    {"Ms Lan to handle, due 15/12.", "Lan", "15/12"},
	    {"Ms. Lan to handle, due 15/12.", "Lan", "15/12"},
	    {"Mr. Binh, please handle this by 18 Dec.", "Binh", "18/12"},
	    {"Please ask Lan to handle.", "Lan", NULL},
	    /* the writer naming herself: read as written, the workflow
	     * knows the sender (a delegation to oneself takes the work on) */
	    {"Em Hà tổng hợp số liệu", "Hà", NULL},
	    {"Tôi sẽ xử lý.", NULL, NULL},
	    {"Em xử lý ạ.", NULL, NULL},
	    {"Em Hà xin phép nhận xử lý văn bản này ạ.", NULL, NULL},
	    {"Anh Bình xử lý chưa?", NULL, NULL},
	    {"Anh Bình xử lý ko kịp.", NULL, NULL},
	    /* the writer's own report to someone */
	    {"Em Hà báo cáo anh, văn bản đã trình Lãnh đạo Bộ.", NULL, NULL},
	    {"Em Hà trả lời chị như sau.", NULL, NULL},
	    {"Em Hà báo cáo: văn bản đã trình Lãnh đạo Bộ.", NULL, NULL},
	    {"Anh Bình báo cáo Vụ trưởng.", "Bình", NULL},
	    {"Anh Bình xử lý xong chưa", NULL, NULL},
	    {"Việc này anh Bình xử lý.", NULL, NULL},
	    {"Đề nghị Văn phòng xem xét.", NULL, NULL},
	    {"Đề nghị Bộ trưởng xem xét.", NULL, NULL},
	    {"Anh Bình, em đã xử lý xong.", NULL, NULL},
	    {"Anh Bình ơi, em gửi anh.", NULL, NULL},
	    {"Chị Lan, xử lý rồi.", NULL, NULL},
	    {"Giao chị Lan trực tiếp xử lý.", "Lan", NULL},
	    {"Anh Bình đã xử lý rồi.", NULL, NULL},
	    {"Anh Bình xử lý rồi.", NULL, NULL},
	    {"Chị Lan xử lý xong.", NULL, NULL},
	    {"Chị Lan xử lý được.", NULL, NULL},
	    {"Chị Lan xử lý được không?", NULL, NULL},
	    {"Chị Lan xử lý được không anh ạ", NULL, NULL},
	    {"Giao chị Lan xử lý được chưa em", NULL, NULL},
	    {"Anh Bình xử lý chưa", NULL, NULL},
	    {"Anh Bình không xử lý", NULL, NULL},
	    {"Anh Bình sẽ xử lý.", NULL, NULL},
	    {"Chị Lan đang xử lý.", NULL, NULL},
	    {"Anh xử lý giúp em nhé.", NULL, NULL},
	    {"Hôm qua anh Bình xử lý.", NULL, NULL},
	    {"Nếu anh Bình xử lý thì tốt.", NULL, NULL},
	    {"Anh Bình chủ trì cuộc họp.", NULL, NULL},
	    {"Chị Lan cho ý kiến.", NULL, NULL},
	    {"Ông Bộ trưởng xử lý.", NULL, NULL},
	    /* a deadline in its own sentence next to the delegation */
	    {"Giao chị Lan xử lý. Hạn 15/12.", "Lan", "15/12"},
	    {"Hạn 15/12. Giao chị Lan xử lý.", "Lan", "15/12"},
	    {"Anh Bình xử lý giúp nhé. Trước ngày 15/12.", "Bình", "15/12"},
	    {"Giao chị Lan xử lý, hạn 15/12. Hạn 20/12.", "Lan", "15/12"},
	    {"Giao chị Lan xử lý. Cảm ơn em. Hạn 15/12.", "Lan", NULL},
	    {"Giao chị Lan xử lý. Gia hạn đến 20/12.", "Lan", NULL},
	    {"Giao chị Lan xử lý. Vụ TC gửi số liệu trước 15/12.", "Lan", NULL},
	    /* with a consultation: the deadline sentence belongs to the one
	     * it follows, a deadline in a command's sentence to that one;
	     * the delegation's stands */
	    {"Giao chị Lan xử lý. Hạn 15/12. Đề nghị lấy ý kiến Vụ PC.", "Lan",
	     "15/12"},
	    {"Giao chị Lan xử lý, hạn 15/12. Đề nghị lấy ý kiến Vụ PC, hạn "
	     "10/12.",
	     "Lan", "15/12"},
	    {"Giao Vụ PC chủ trì, hạn 20/12/2026.", NULL, NULL},
	    {"Không giao chị Lan xử lý.", NULL, NULL},
	    {"Giao chị Lan xử lý được không?", NULL, NULL},
	    {"Chị Lan đã xử lý xong.", NULL, NULL},
	    {"Giao Lan.", NULL, NULL},
	    {"Đề nghị Văn phòng xem xét.", NULL, NULL},
	    {"> Giao chị Lan xử lý.\nCảm ơn.", NULL, NULL},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(d); i++) {
		char *nfd =
		    (char *)utf8proc_NFD((const utf8proc_uint8_t *)d[i].in);
		const char *forms[] = {d[i].in, nfd};

		for (size_t f = 0; f < ARRAY_SIZE(forms); f++) {
			struct reply_parsed p;
			char *who, *due;

			reply_parse(forms[f], &p);
			who = nfc(value_of(&p, REPLY_KEY_ASSIGN));
			due = nfc(value_of(&p, REPLY_KEY_DUE));
			print_message("case %zu %s\n", i, f ? "NFD" : "NFC");
			if (!d[i].person) {
				assert_null(who);
			} else {
				assert_non_null(who);
				assert_string_equal(who, d[i].person);
				if (d[i].due) {
					assert_non_null(due);
					assert_string_equal(due, d[i].due);
				} else {
					assert_null(due);
				}
			}
			free(who);
			free(due);
			reply_parsed_free(&p);
		}
		free(nfd);
	}
}

/* A consultation asked in a sentence: "Lấy ý kiến:" with the units as
 * written, "Hạn:" with the deadline the sentence gives; units not
 * written as units, a negation, a past or future, a question give none. */
static void test_consultation(void **state)
{
	static const struct {
		const char *in, *units, *due; /* units NULL: none */
	} c[] = {
	    {"Đề nghị lấy ý kiến Vụ Pháp chế và Vụ Tài chính, hạn "
	     "10/12/2026.",
	     "Vụ Pháp chế và Vụ Tài chính", "10/12/2026"},
	    {"Đề nghị Vụ PC, Vụ TC cho ý kiến trước ngày 10/12.",
	     "Vụ PC, Vụ TC", "10/12"},
	    {"Xin ý kiến của Vụ Pháp chế.", "Vụ Pháp chế", NULL},
	    {"Đề nghị Vụ Tài chính tham gia ý kiến vào dự thảo, gửi về Vụ "
	     "trước 15/12.",
	     "Vụ Tài chính", "15/12"},
	    {"Please consult PC and TC by 10 December 2026.", "PC and TC",
	     "10/12/2026"},
	    {"De nghi lay y kien Vu Phap che, han 10/12", "Vu Phap che",
	     "10/12"},
	    /* a deadline in its own sentence next to it */
	    {"Đề nghị lấy ý kiến Vụ PC. Hạn 10/12.", "Vụ PC", "10/12"},
	    {"Hạn 10/12. Đề nghị lấy ý kiến Vụ PC.", "Vụ PC", "10/12"},
	    {"Đề nghị Vụ PC, Vụ TC cho ý kiến. Chậm nhất 10/12.",
	     "Vụ PC, Vụ TC", "10/12"},
	    {"Đề nghị lấy ý kiến Vụ PC. Cảm ơn. Hạn 10/12.", "Vụ PC", NULL},
	    {"Đề nghị lấy ý kiến Vụ PC. Gia hạn đến 20/12.", "Vụ PC", NULL},
	    /* a deadline after the units ends them */
	    {"Đề nghị lấy ý kiến Vụ PC trong ngày 08/12/2026.", "Vụ PC",
	     "08/12/2026"},
	    {"Đề nghị lấy ý kiến Vụ PC và Vụ TC ngay trong ngày 08/12.",
	     "Vụ PC và Vụ TC", "08/12"},
	    {"Đề nghị lấy ý kiến Vụ PC chậm nhất 10/12.", "Vụ PC", "10/12"},
	    {"Xin ý kiến Vụ Thị trường trong nước, hạn 10/12.",
	     "Vụ Thị trường trong nước", "10/12"},
	    {"Please consult PC by December 10, 2026.", "PC", "10/12/2026"},
	    /* the list goes on in the clauses after the cue's; "thêm" */
	    {"Lấy ý kiến Vụ PC, Vụ TC trong 3 ngày.", "Vụ PC, Vụ TC", "3 ngày"},
	    {"Consult PC, TC; due 15/12.", "PC, TC", "15/12"},
	    {"Đề nghị lấy ý kiến Vụ PC, Vụ TC, các đơn vị liên quan, hạn "
	     "10/12.",
	     "Vụ PC, Vụ TC", "10/12"},
	    {"Lấy ý kiến Vụ PC, đề nghị trả lời trước 10/12.", "Vụ PC",
	     "10/12"},
	    {"Đề nghị lấy thêm ý kiến Vụ KH.", "Vụ KH", NULL},
	    {"Vụ sẽ lấy ý kiến Vụ PC sau.", NULL, NULL},
	    {"Vụ TC đã lấy ý kiến các Sở.", NULL, NULL},
	    {"Vụ PC xin ý kiến Lãnh đạo Bộ.", NULL, NULL},
	    {"Có cần lấy ý kiến Vụ PC không?", NULL, NULL},
	    {"Đề nghị các đơn vị cho ý kiến.", NULL, NULL},
	    {"Vụ TC có ý kiến như sau.", NULL, NULL},
	    {"Vụ Pháp chế nhất trí, không có ý kiến khác.", NULL, NULL},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(c); i++) {
		char *nfd =
		    (char *)utf8proc_NFD((const utf8proc_uint8_t *)c[i].in);
		const char *forms[] = {c[i].in, nfd};

		for (size_t f = 0; f < ARRAY_SIZE(forms); f++) {
			struct reply_parsed p;
			char *units, *due;

			reply_parse(forms[f], &p);
			units = nfc(value_of(&p, REPLY_KEY_CONSULT));
			due = nfc(value_of(&p, REPLY_KEY_DUE));
			print_message("case %zu %s\n", i, f ? "NFD" : "NFC");
			if (!c[i].units) {
				assert_null(units);
			} else {
				assert_non_null(units);
				assert_string_equal(units, c[i].units);
				if (c[i].due) {
					assert_non_null(due);
					assert_string_equal(due, c[i].due);
				} else {
					assert_null(due);
				}
			}
			free(units);
			free(due);
			reply_parsed_free(&p);
		}
		free(nfd);
	}
}

/* Key lines win: a "Chủ trì:" line over the whole sentence, another key
 * line over what the sentence says for that key. */
static void test_key_lines_win(void **state)
{
	static const struct {
		const char *in;
		size_t n;
		struct {
			enum reply_key key;
			const char *value;
		} c[4];
	} kc[] = {
	    /* key lines at the top: the sentence below is not read */
	    {"Chủ trì: TC\nGiao Vụ PC chủ trì, hạn 20/12/2026.",
	     1,
	     {{REPLY_KEY_LEAD, "TC"}}},
	    /* a key line under the sentence */
	    {"Giao Vụ PC chủ trì, Vụ KH phối hợp, hạn 20/12/2026.\nHạn: "
	     "15/01/2027",
	     3,
	     {{REPLY_KEY_DUE, "15/01/2027"},
	      {REPLY_KEY_LEAD, "Vụ PC"},
	      {REPLY_KEY_COORDINATE, "Vụ KH"}}},
	    {"Giao Vụ PC chủ trì.\nChủ trì: TC\nPhối hợp: KH",
	     2,
	     {{REPLY_KEY_LEAD, "TC"}, {REPLY_KEY_COORDINATE, "KH"}}},
	    /* a decision with the assignment: both are read */
	    {"Đồng ý. Giao Vụ PC chủ trì.", 1, {{REPLY_KEY_LEAD, "Vụ PC"}}},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(kc); i++) {
		struct reply_parsed p;

		reply_parse(kc[i].in, &p);
		if (p.n_commands != kc[i].n) {
			print_error("case %zu: %zu commands\n", i,
				    p.n_commands);
		}
		assert_int_equal(p.n_commands, kc[i].n);
		for (size_t k = 0; k < kc[i].n; k++) {
			assert_int_equal(p.commands[k].key, kc[i].c[k].key);
			assert_string_equal(p.commands[k].value,
					    kc[i].c[k].value);
		}
		reply_parsed_free(&p);
	}
}

/* A delegation and a consultation in one note: "Hạn:" is the
 * delegation's, the consultation's own deadline its own
 * (REPLY_KEY_CONSULT_DUE); a deadline sentence between them belongs to
 * the one it follows. */
static void test_delegation_and_consultation(void **state)
{
	static const struct {
		const char *in, *due, *consult_due;
	} c[] = {
	    {"Giao chị Lan xử lý. Đề nghị lấy ý kiến Vụ PC, hạn 10/12.", NULL,
	     "10/12"},
	    {"Giao chị Lan xử lý, hạn 15/12. Đề nghị lấy ý kiến Vụ PC, hạn "
	     "10/12.",
	     "15/12", "10/12"},
	    {"Giao chị Lan xử lý. Hạn 15/12. Đề nghị lấy ý kiến Vụ PC.",
	     "15/12", NULL},
	    {"Đề nghị lấy ý kiến Vụ PC. Hạn 10/12. Giao chị Lan xử lý.", NULL,
	     "10/12"},
	    {"Hạn 15/12. Giao chị Lan xử lý. Đề nghị Vụ PC cho ý kiến. Hạn "
	     "10/12.",
	     "15/12", "10/12"},
	    /* a key line under them is "Hạn:" for both */
	    {"Giao chị Lan xử lý. Đề nghị lấy ý kiến Vụ PC.\nHạn: 12/12",
	     "12/12", NULL},
	    /* a consultation alone: its deadline is "Hạn:" */
	    {"Đề nghị lấy ý kiến Vụ PC. Hạn 10/12.", "10/12", NULL},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(c); i++) {
		struct reply_parsed p;
		const char *due, *cdue;

		reply_parse(c[i].in, &p);
		due = value_of(&p, REPLY_KEY_DUE);
		cdue = value_of(&p, REPLY_KEY_CONSULT_DUE);
		expect("due", i, "NFC", due, c[i].due);
		expect("consultation's due", i, "NFC", cdue, c[i].consult_due);
		assert_non_null(value_of(&p, REPLY_KEY_CONSULT));
		reply_parsed_free(&p);
	}
	assert_int_equal(failures, 0);
}

/* Work handed over in sentences is not reported done: "hoàn thành"
 * with a deadline is what is asked; a report of work done stays one. */
static void test_handed_not_done(void **state)
{
	static const struct {
		const char *in;
		enum reply_decision d;
		size_t n; /* commands */
	} c[] = {
	    {"Giao chị Lan xử lý, hoàn thành trước ngày 15/12.",
	     REPLY_DECISION_NONE, 2},
	    {"Anh Bình xử lý. Hoàn thành trước ngày 15/12.",
	     REPLY_DECISION_NONE, 2},
	    {"Vụ PC chủ trì. Hoàn thành trong ngày 08/12.", REPLY_DECISION_NONE,
	     2},
	    {"Đề nghị lấy ý kiến Vụ PC, hoàn thành trước 10/12.",
	     REPLY_DECISION_NONE, 2},
	    {"Vụ đã hoàn thành trước ngày 15/12.", REPLY_DECISION_DONE, 0},
	    {"Đồng ý. Giao chị Lan xử lý.", REPLY_DECISION_AGREE, 1},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(c); i++) {
		struct reply_parsed p;

		reply_parse(c[i].in, &p);
		print_message("case %zu\n", i);
		assert_int_equal(p.decision, c[i].d);
		assert_int_equal(p.n_commands, c[i].n);
		reply_parsed_free(&p);
	}
}

/* Long and hostile input: bounded, valid UTF-8 out, no assignment from
 * a flood of cue words without a unit. */
/* A sentence stating only a deadline is a command's only next to one:
 * after a decision with no command it is no "Hạn:" ("Đồng ý. Hạn
 * 15/12."); next to a delegation, even after a decision, it is the
 * delegation's; a "Hạn:" line under a decision is a command. */
static void test_deadline_after_decision(void **state)
{
	static const struct {
		const char *in;
		enum reply_decision decision;
		const char *person, *due; /* NULL: no such command */
	} x[] = {
	    {"Đồng ý. Hạn 15/12.", REPLY_DECISION_AGREE, NULL, NULL},
	    {"Đồng ý.\nHạn 15/12.", REPLY_DECISION_AGREE, NULL, NULL},
	    {"Nhất trí với dự thảo. Trước ngày 20/12 Vụ sẽ gửi văn bản.",
	     REPLY_DECISION_AGREE, NULL, NULL},
	    {"Vụ thống nhất. Hạn 18/12/2026.", REPLY_DECISION_AGREE, NULL,
	     NULL},
	    {"Đồng ý. Đề nghị hoàn thành trước 20/12.", REPLY_DECISION_AGREE,
	     NULL, NULL},
	    {"Không đồng ý. Hạn 15/12.", REPLY_DECISION_DISAGREE, NULL, NULL},
	    {"Đã xong. Hạn 15/12.", REPLY_DECISION_DONE, NULL, NULL},
	    {"Agreed. Due 20/12.", REPLY_DECISION_AGREE, NULL, NULL},
	    {"Noted. Due 18/12.", REPLY_DECISION_NONE, NULL, NULL},
	    {"Giao chị Lan xử lý. Hạn 15/12.", REPLY_DECISION_NONE, "Lan",
	     "15/12"},
	    {"Đồng ý. Giao chị Lan xử lý. Hạn 15/12.", REPLY_DECISION_AGREE,
	     "Lan", "15/12"},
	    {"Đồng ý.\nHạn: 15/12", REPLY_DECISION_AGREE, NULL, "15/12"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(x); i++) {
		struct reply_parsed p;

		reply_parse(x[i].in, &p);
		print_message("case %zu\n", i);
		assert_int_equal(p.decision, x[i].decision);
		expect("person", i, "NFC", value_of(&p, REPLY_KEY_ASSIGN),
		       x[i].person);
		expect("due", i, "NFC", value_of(&p, REPLY_KEY_DUE), x[i].due);
		assert_int_equal(p.n_commands,
				 (x[i].person != NULL) + (x[i].due != NULL));
		reply_parsed_free(&p);
	}
	assert_int_equal(failures, 0);
}

static void test_hostile(void **state)
{
	struct sbuf b = SBUF_INIT(1 << 22);
	struct reply_parsed p;

	(void)state;
	for (int i = 0; i < 20000; i++) {
		sbuf_adds(&b, "chủ trì phối hợp hạn, ");
	}
	reply_parse(sbuf_str(&b), &p);
	assert_null(value_of(&p, REPLY_KEY_LEAD));
	reply_parsed_free(&p);
	sbuf_reset(&b);
	sbuf_adds(&b, "Giao ");
	for (int i = 0; i < 5000; i++) {
		sbuf_adds(&b, "Vụ ");
	}
	sbuf_adds(&b, "chủ trì.");
	reply_parse(sbuf_str(&b), &p);
	assert_null(value_of(&p, REPLY_KEY_LEAD)); /* no unit is that long */
	reply_parsed_free(&p);
	sbuf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sentences),
	    cmocka_unit_test(test_key_lines_win),
	    cmocka_unit_test(test_transfer_reason),
	    cmocka_unit_test(test_extension),
	    cmocka_unit_test(test_delegation),
	    cmocka_unit_test(test_consultation),
	    cmocka_unit_test(test_handed_not_done),
	    cmocka_unit_test(test_delegation_and_consultation),
	    cmocka_unit_test(test_deadline_after_decision),
	    cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
