/* The words of the report.  Vietnamese is the default; "en" gives
 * English.  The clause table is headed in both. */
#include <stdio.h>
#include <string.h>

#include "congvan/workday.h"
#include "private.h"

static const char *const vi[L_COUNT] = {
    [L_TITLE] = "Báo cáo tình hình xử lý văn bản",
    [L_PERIOD] = "Kỳ báo cáo",
    [L_AS_OF] = "Số liệu đến hết ngày",
    [L_PARTIAL] = "kỳ báo cáo chưa kết thúc",
    [L_UNITS] = "Xử lý văn bản theo đơn vị chủ trì",
    [L_CONSULTS] = "Trả lời xin ý kiến (đơn vị được hỏi)",
    [L_PERSONS] = "Theo cá nhân",
    [L_CHART] = "Tỷ lệ giải quyết đúng hạn theo đơn vị",
    [L_NOTES] = "Cách tính",
    [L_RANK] = "Hạng",
    [L_CODE] = "Mã",
    [L_UNIT] = "Đơn vị",
    [L_RATE] = "Tỷ lệ đúng hạn",
    [L_RECEIVED] = "Nhận",
    [L_DONE_ON_TIME] = "Xong đúng hạn",
    [L_DONE_LATE] = "Xong trễ hạn",
    [L_OPEN_IN_TIME] = "Đang xử lý trong hạn",
    [L_OPEN_OVERDUE] = "Quá hạn chưa xong",
    [L_EXT_REQUESTED] = "Xin gia hạn",
    [L_EXT_GRANTED] = "Được gia hạn",
    [L_REMINDERS] = "Thư nhắc",
    [L_CONSULT_ON_TIME] = "Trả lời đúng hạn",
    [L_CONSULT_LATE] = "Trả lời muộn",
    [L_DEEMED] = "Im lặng (coi như đồng ý)",
    [L_DISAGREE] = "Không đồng ý",
    [L_UNCLEAR] = "Không rõ ý kiến",
    [L_NAME] = "Họ tên",
    [L_ADDRESS] = "Địa chỉ thư",
    [L_DELEGATED] = "Được giao",
    [L_OPINIONS] = "Ý kiến đã cho",
    [L_OPINIONS_LATE] = "Ý kiến muộn",
    [L_TOTAL] = "Tổng cộng",
    [L_RETURNED] = "Trả lại",
    [L_TRANSFERRED] = "Chuyển đơn vị khác",
    [L_NONE] = "—",
    [L_NOTE_RATE] = "Tỷ lệ đúng hạn = xong đúng hạn / (xong đúng hạn + xong "
		    "trễ hạn + quá hạn chưa xong); đơn vị chưa có văn bản "
		    "đến hạn không được xếp hạng.",
    [L_NOTE_OPEN] = "Đang xử lý, quá hạn: tại cuối kỳ (hoặc hôm nay nếu kỳ "
		    "chưa kết thúc), theo hạn đang có hiệu lực lúc đó.",
    [L_NOTE_RECEIVED] = "Nhận: văn bản được giao chủ trì trong kỳ, kể cả văn "
			"bản đơn vị khác chuyển sang; kết quả tính cho đơn vị "
			"chủ trì lúc hoàn thành hoặc cuối kỳ.",
    [L_NOTE_CONSULT] = "Lấy ý kiến: tính theo ngày trả lời trong kỳ; quá hạn "
		       "mà không trả lời được xác định là đồng ý (Văn bản "
		       "2536/BCT-VP).",
    [L_NOTE_CLAUSES] = "Chuyển đi: văn bản đơn vị chuyển cho đơn vị khác; "
		       "trả lại: văn bản đơn vị trả lại vì không đúng thẩm "
		       "quyền.",
};

static const char *const en[L_COUNT] = {
    [L_TITLE] = "Report on the handling of correspondence",
    [L_PERIOD] = "Period",
    [L_AS_OF] = "Figures as of the end of",
    [L_PARTIAL] = "the period is not over",
    [L_UNITS] = "Handling by lead unit",
    [L_CONSULTS] = "Answers to consultations (unit consulted)",
    [L_PERSONS] = "By person",
    [L_CHART] = "On-time rate by unit",
    [L_NOTES] = "Definitions",
    [L_RANK] = "Rank",
    [L_CODE] = "Code",
    [L_UNIT] = "Unit",
    [L_RATE] = "On-time rate",
    [L_RECEIVED] = "Received",
    [L_DONE_ON_TIME] = "Done on time",
    [L_DONE_LATE] = "Done late",
    [L_OPEN_IN_TIME] = "Open, in time",
    [L_OPEN_OVERDUE] = "Open, overdue",
    [L_EXT_REQUESTED] = "Extensions asked",
    [L_EXT_GRANTED] = "Extensions granted",
    [L_REMINDERS] = "Reminders",
    [L_CONSULT_ON_TIME] = "Answered on time",
    [L_CONSULT_LATE] = "Answered late",
    [L_DEEMED] = "Silence (deemed agreement)",
    [L_DISAGREE] = "Disagreements",
    [L_UNCLEAR] = "Unclear answers",
    [L_NAME] = "Name",
    [L_ADDRESS] = "Address",
    [L_DELEGATED] = "Delegated",
    [L_OPINIONS] = "Opinions given",
    [L_OPINIONS_LATE] = "Late opinions",
    [L_TOTAL] = "Total",
    [L_RETURNED] = "Returned",
    [L_TRANSFERRED] = "Transferred",
    [L_NONE] = "—",
    [L_NOTE_RATE] = "On-time rate = done on time / (done on time + done late "
		    "+ open overdue); a unit with nothing due is not ranked.",
    [L_NOTE_OPEN] = "Open, overdue: at the end of the period (or today when "
		    "it is not over), against the deadline in force then.",
    [L_NOTE_RECEIVED] = "Received: items the unit was made lead of in the "
			"period, transfers to it included; outcomes count for "
			"the lead when the item was closed, or at the end.",
    [L_NOTE_CONSULT] = "Consultations: by the day of the answer; silence past "
		       "the deadline is taken as agreement (letter "
		       "2536/BCT-VP).",
    [L_NOTE_CLAUSES] = "Transferred: items the unit passed to another unit; "
		       "returned: items it returned as not its remit.",
};

static const char *const both[B_COUNT] = {
    [B_TITLE] = "Theo Văn bản 2536/BCT-VP: im lặng, trả lời muộn, đùn đẩy "
		"— Under letter 2536/BCT-VP: silence, late answers, passing "
		"work on",
    [B_SILENCE] = "Im lặng (coi như đồng ý) / Silence (deemed agreement)",
    [B_LATE] = "Trả lời muộn / Late answers",
    [B_RETURNED] = "Trả lại / Returned",
    [B_TRANSFERRED] = "Chuyển đơn vị khác / Transferred",
};

bool rl_english(const char *lang)
{
	return lang && strcmp(lang, "en") == 0;
}

const char *rl(const char *lang, enum rl l)
{
	return rl_english(lang) ? en[l] : vi[l];
}

const char *rl_both(enum rl_both b)
{
	return both[b];
}

void report_day_text(int32_t day, const char *lang, char buf[16])
{
	char tmp[11];

	if (rl_english(lang)) {
		workday_format(day, tmp);
	} else {
		workday_format_vn(day, tmp);
	}
	snprintf(buf, 16, "%s", tmp);
}

char *report_period_title(const struct report_period *p, const char *lang)
{
	static const char *const roman[] = {"", "I", "II", "III", "IV"};
	char a[16], b[16];

	if (p->quarter >= 1 && p->quarter <= 4) {
		return rl_english(lang)
			   ? xasprintf("Q%d %d", p->quarter, p->year)
			   : xasprintf("Quý %s năm %d", roman[p->quarter],
				       p->year);
	}
	report_day_text(p->from_day, lang, a);
	report_day_text(p->to_day, lang, b);
	return rl_english(lang) ? xasprintf("%s to %s", a, b)
				: xasprintf("Từ %s đến %s", a, b);
}

void report_rate_text(const struct report_unit *u, const char *lang,
		      char buf[24])
{
	int whole, tenth;

	if (u->rate_permille < 0) {
		snprintf(buf, 24, "%s", rl(lang, L_NONE));
		return;
	}
	whole = u->rate_permille / 10;
	tenth = u->rate_permille % 10;
	if (rl_english(lang)) {
		snprintf(buf, 24, "%d.%d%%", whole, tenth);
	} else {
		snprintf(buf, 24, "%d,%d %%", whole, tenth);
	}
}
