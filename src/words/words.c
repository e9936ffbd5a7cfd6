/* The catalogue of congvan/words.h: each word in Vietnamese and in
 * English, side by side. */
#include <string.h>

#include "congvan/words.h"

static const struct {
	const char *vi, *en;
} words[W_COUNT] = {
    [W_R_TITLE] = {"Báo cáo tình hình xử lý văn bản",
		   "Report on the handling of correspondence"},
    [W_R_PERIOD] = {"Kỳ báo cáo", "Period"},
    [W_R_AS_OF] = {"Số liệu đến hết ngày", "Figures as of the end of"},
    [W_R_PARTIAL] = {"kỳ báo cáo chưa kết thúc", "the period is not over"},
    [W_R_UNITS] = {"Xử lý văn bản theo đơn vị chủ trì",
		   "Handling by lead unit"},
    [W_R_CONSULTS] = {"Trả lời xin ý kiến (đơn vị được hỏi)",
		      "Answers to consultations (unit consulted)"},
    [W_R_PERSONS] = {"Theo cá nhân", "By person"},
    [W_R_CHART] = {"Tỷ lệ giải quyết đúng hạn theo đơn vị",
		   "On-time rate by unit"},
    [W_R_NOTES] = {"Cách tính", "Definitions"},
    [W_R_RANK] = {"Hạng", "Rank"},
    [W_R_CODE] = {"Mã", "Code"},
    [W_R_UNIT] = {"Đơn vị", "Unit"},
    [W_R_RATE] = {"Tỷ lệ đúng hạn", "On-time rate"},
    [W_R_RECEIVED] = {"Nhận", "Received"},
    [W_R_DONE_ON_TIME] = {"Xong đúng hạn", "Done on time"},
    [W_R_DONE_LATE] = {"Xong trễ hạn", "Done late"},
    [W_R_OPEN_IN_TIME] = {"Đang xử lý trong hạn", "Open, in time"},
    [W_R_OPEN_OVERDUE] = {"Quá hạn chưa xong", "Open, overdue"},
    [W_R_EXT_REQUESTED] = {"Xin gia hạn", "Extensions asked"},
    [W_R_EXT_GRANTED] = {"Được gia hạn", "Extensions granted"},
    [W_R_REMINDERS] = {"Thư nhắc", "Reminders"},
    [W_R_CONSULT_ON_TIME] = {"Trả lời đúng hạn", "Answered on time"},
    [W_R_CONSULT_LATE] = {"Trả lời muộn", "Answered late"},
    [W_R_DEEMED] = {"Im lặng (coi như đồng ý)", "Silence (deemed agreement)"},
    [W_R_DISAGREE] = {"Không đồng ý", "Disagreements"},
    [W_R_UNCLEAR] = {"Không rõ ý kiến", "Unclear answers"},
    [W_R_NAME] = {"Họ tên", "Name"},
    [W_R_ADDRESS] = {"Địa chỉ thư", "Address"},
    [W_R_DELEGATED] = {"Được giao", "Delegated"},
    [W_R_OPINIONS] = {"Ý kiến đã cho", "Opinions given"},
    [W_R_OPINIONS_LATE] = {"Ý kiến muộn", "Late opinions"},
    [W_R_RETURNED] = {"Trả lại", "Returned"},
    [W_R_TRANSFERRED] = {"Chuyển đơn vị khác", "Transferred"},
    [W_R_TOTAL] = {"Tổng cộng", "Total"},
    [W_R_NONE] = {"—", "—"},
    [W_R_NOTE_RATE] =
	{"Tỷ lệ đúng hạn = xong đúng hạn / (xong đúng hạn + xong trễ hạn + quá "
	 "hạn chưa xong); đơn vị chưa có văn bản đến hạn không được xếp hạng.",
	 "On-time rate = done on time / (done on time + done late + open "
	 "overdue); a unit with nothing due is not ranked."},
    [W_R_NOTE_OPEN] = {"Đang xử lý, quá hạn: tại cuối kỳ (hoặc hôm nay nếu kỳ "
		       "chưa kết thúc), theo hạn đang có hiệu lực lúc đó.",
		       "Open, overdue: at the end of the period (or today when "
		       "it is not over), against the deadline in force then."},
    [W_R_NOTE_RECEIVED] =
	{"Nhận: văn bản được giao chủ trì trong kỳ, kể cả văn bản đơn vị khác "
	 "chuyển sang; kết quả tính cho đơn vị chủ trì lúc hoàn thành hoặc "
	 "cuối kỳ.",
	 "Received: items the unit was made lead of in the period, transfers "
	 "to it included; outcomes count for the lead when the item was "
	 "closed, or at the end."},
    [W_R_NOTE_CONSULT] =
	{"Lấy ý kiến: tính theo ngày trả lời trong kỳ; quá hạn mà không trả "
	 "lời được xác định là đồng ý (Văn bản 2536/BCT-VP).",
	 "Consultations: by the day of the answer; silence past the deadline "
	 "is taken as agreement (letter 2536/BCT-VP)."},
    [W_R_NOTE_CLAUSES] =
	{"Chuyển đi: văn bản đơn vị chuyển cho đơn vị khác; trả lại: văn bản "
	 "đơn vị trả lại vì không đúng thẩm quyền.",
	 "Transferred: items the unit passed to another unit; returned: items "
	 "it returned as not its remit."},
    [W_R_CLAUSES_TITLE] =
	{"Theo Văn bản 2536/BCT-VP: im lặng, trả lời muộn, đùn đẩy",
	 "Under letter 2536/BCT-VP: silence, late answers, passing work on"},
    [W_R_LEADERSHIP] = {"Lãnh đạo %s", "the leadership of %s"},
    [W_R_LATE_ANSWERS] = {"Trả lời muộn", "Late answers"},
    [W_R_PERIOD_QUARTER] = {"Quý %s năm %d", "Q%s %d"},
    [W_R_PERIOD_DAYS] = {"Từ %s đến %s", "%s to %s"},
    [W_NOT_DONE] = {"Không thực hiện", "Not done"},
    [W_NEED_ONE_LEAD] = {"cần đúng một đơn vị chủ trì",
			 "exactly one lead unit is needed"},
    [W_LEAD] = {"Chủ trì", "Lead"},
    [W_DEADLINE] = {"Hạn xử lý", "Deadline"},
    [W_EXTENSION] = {"Gia hạn", "Extension"},
    [W_NOT_ACCEPTED] = {"không chấp thuận", "refused"},
    [W_WAS_GRANTED] = {"được chấp thuận", "granted"},
    [W_WAS_REFUSED] = {"không được chấp thuận", "refused"},
    [W_CANCEL_OTHER_HANDLER] = {"văn bản đã được giao người khác xử lý",
				"someone else now handles the letter"},
    [W_NOT_IN_LEAD_UNIT] = {"người được giao không thuộc đơn vị chủ trì",
			    "the person is not in the lead unit"},
    [W_INTERNAL_AFTER_UNIT] =
	{"hạn nội bộ không được muộn hơn hạn của đơn vị",
	 "the internal deadline may not be later than the unit's"},
    [W_ASSIGNED_TO] = {"Giao", "Assigned to"},
    [W_DUE] = {"hạn", "due"},
    [W_OPINION_ASKED] = {"Lấy ý kiến", "Opinion asked of"},
    [W_EXTEND_AFTER] = {"ngày gia hạn phải sau hạn hiện tại",
			"the new date must be after the deadline"},
    [W_EXTENSION_SENT] = {"Đã gửi Văn phòng đề nghị gia hạn đến",
			  "Extension requested from the Office to"},
    [W_RESENT] = {"Đã gửi lại thông báo phân công cho",
		  "Assignment notice sent again to"},
    [W_NOTHING_TO_RESEND] = {"văn bản chưa được phân công hoặc đã kết thúc",
			     "the letter is not assigned, or is closed"},
    [W_AWAITING] = {"chờ chấp thuận", "awaiting approval"},
    [W_OFFICE] = {"Văn phòng", "the Office"},
    [W_DONE] = {"Hoàn thành", "Done"},
    [W_ON_TIME] = {"đúng hạn", "on time"},
    [W_DAYS_LATE] = {"quá hạn %d ngày làm việc", "%d working days late"},
    [W_CANCEL_DONE] = {"văn bản đã hoàn thành", "the letter was completed"},
    [W_RETURN_NEEDS_REASON] = {"trả lại cần nêu lý do",
			       "a return needs a reason"},
    [W_RETURNED_WORD] = {"Trả lại", "Returned"},
    [W_CANCEL_RETURNED] = {"văn bản đã được trả lại",
			   "the letter was returned"},
    [W_TRANSFER_NEEDS] = {"chuyển cần một đơn vị khác và lý do",
			  "a transfer needs one other unit and a reason"},
    [W_TRANSFERRED_TO] = {"Chuyển", "Transferred to"},
    [W_SETTLED] = {"Kết quả thống nhất", "Settled"},
    [W_CANCEL_OPINION_GIVEN] = {"đơn vị đã cho ý kiến",
				"the unit has given its opinion"},
    [W_OPINION] = {"Ý kiến", "Opinion"},
    [W_AGREE] = {"đồng ý", "agree"},
    [W_DISAGREE_WORD] = {"không đồng ý", "disagree"},
    [W_LATE_MARK] = {" (muộn)", " (late)"},
    [W_DISPUTED_NOT_DONE] =
	{"văn bản đang có ý kiến không thống nhất: cần ghi \"Kết quả thống "
	 "nhất:\" trước khi báo hoàn thành",
	 "the item is disputed: record how it was settled (\"Kết quả thống "
	 "nhất:\") before reporting it done"},
    [W_CANCEL_OTHER_LEAD] = {"văn bản đã được giao cho đơn vị khác chủ trì",
			     "another unit now leads on the letter"},
    [W_CANCEL_REASSIGNED] = {"văn bản đã được phân công lại",
			     "the letter was assigned anew"},
    [W_CANCEL_DEEMED] = {"quá hạn không trả lời, được coi là đồng ý",
			 "no answer by the deadline: deemed agreement"},
    [W_NO_UNITS] = {"không có", "none"},
    [W_NONE_GIVEN] = {"(không ghi)", "(none given)"},
    [W_EVENT_INTERNAL] = {"Hạn xử lý nội bộ", "Internal deadline"},
    [W_EVENT_OPINION] = {"Hạn cho ý kiến", "Opinion due"},
    [W_NOT_A_DUE] =
	{"'%s' không phải là ngày (dd/mm/yyyy) hoặc số ngày làm việc",
	 "'%s' is not a date (DD/MM/YYYY) or a number of working days"},
    [W_DUE_WEEKDAY] = {"'%s': ngày %s là %s, không phải %s",
		       "'%s': %s is a %s, not a %s"},
    [W_LETTER_LEFT_OUT] =
	{"Văn bản gốc (%s) quá lớn để máy chủ thư chuyển kèm thư này. Bản gốc"
	 " có trong hộp thư chung của Văn phòng.",
	 "The original letter (%s) is too large for the mail server to carry"
	 " with this message. The original is in the Office's shared mailbox."},
    [W_UNDELIVERED_HEAD] = {"Thủ trưởng %s", "head of %s"},
    [W_UNDELIVERED_MAILBOX] = {"hộp thư của %s", "mailbox of %s"},
    [W_UNDELIVERED_NOBODY] = {"(không rõ người nhận)",
			      "(recipients not known)"},
    [W_UNITS_TOO_LONG] = {"danh sách đơn vị dài quá %d byte",
			  "list of units longer than %d bytes"},
    [W_UNKNOWN_UNIT] = {"không có đơn vị %s; cần ghi mã hoặc tên đơn vị",
			"unknown unit %s; expected unit codes or names"},
    [W_UNKNOWN_UNITS] = {"không có các đơn vị %s; cần ghi mã hoặc tên đơn vị",
			 "unknown units %s; expected unit codes or names"},
    [W_NO_UNIT_NAMED] = {"chưa ghi đơn vị nào; cần ghi mã hoặc tên đơn vị,"
			 " cách nhau bằng dấu phẩy",
			 "no unit named; expected unit codes or names"
			 " separated by commas"},
    [W_PERSON_TOO_LONG] = {"tên người dài quá %d byte",
			   "person longer than %d bytes"},
    [W_NO_PERSON_NAMED] = {"chưa ghi người nào; cần ghi Họ tên <địa chỉ>,"
			   " một địa chỉ thư hoặc một tên",
			   "no person named; expected Name <address>, an"
			   " address or a name"},
    [W_NOBODY_NAMED] = {"không có ai tên '%s' trong danh sách; cần ghi Họ"
			" tên <địa chỉ>, một địa chỉ thư hoặc tên của một"
			" cán bộ trong đơn vị hay lãnh đạo",
			"no listed person is named '%s'; expected Name"
			" <address>, an address or the name of a unit member"
			" or leader"},
    [W_NAMES_MANY] = {"'%s' là tên của %d người (%s%s); cần ghi địa chỉ"
		      " thư của một người",
		      "'%s' names %d people (%s%s); expected one of their"
		      " addresses"},
    [W_NOT_A_PERSON] = {"'%s' không phải là Họ tên <địa chỉ> hay một địa"
			" chỉ thư",
			"'%s' is not Name <address> or an address"},
    [W_REFUSE_NO_RECEIPT] =
	{"thư không phải là thư trả lời một thư hệ thống đã gửi về văn bản này "
	 "(chỉ ghi mã văn bản trong tiêu đề)",
	 "it is not a reply to a message this service sent about the letter "
	 "(it only names the letter in its subject)"},
    [W_REFUSE_NOT_AUTHENTICATED] =
	{"không xác thực được người gửi: máy chủ thư của cơ quan không xác "
	 "nhận thư được gửi từ địa chỉ này",
	 "its sender could not be authenticated: the organisation's mail "
	 "server does not confirm that it came from this address"},
    [W_CMDS_OFFICE] = {"Chủ trì: MÃ ĐƠN VỊ\nPhối hợp: MÃ, MÃ\nHạn: dd/mm/yyyy "
		       "(hoặc: N ngày làm việc)\nĐồng ý  hoặc  Không đồng ý  "
		       "(trả lời đề nghị gia hạn; có thể kèm Hạn:)\nGửi lại:  "
		       "(gửi lại thông báo phân công theo danh bạ hiện tại)",
		       "Lead: UNIT CODE\nCoordinate: CODE, CODE\nDue: "
		       "dd/mm/yyyy (or: N working days)\nAgree  or  Disagree  "
		       "(on a request for an extension; Due: may follow)\n"
		       "Resend:  (the assignment notice again, to the "
		       "directory's addresses now)"},
    [W_CMDS_LEAD] =
	{"Giao: Họ tên <địa chỉ thư>  (kèm Hạn: nếu cần)\nLấy ý kiến: MÃ, MÃ  "
	 "(kèm Hạn: nếu cần)\nGia hạn: dd/mm/yyyy  và  Lý do: ...\nChuyển: MÃ  "
	 "và  Lý do: ...\nTrả lại: lý do\nKết quả thống nhất: ...\nHoàn thành",
	 "Assign: Name <address>  (Due: may follow)\nConsult: CODE, CODE  "
	 "(Due: may follow)\nExtend: dd/mm/yyyy  and  Reason: ...\nTransfer: "
	 "CODE  and  Reason: ...\nReturn: reason\nSettled: ...\nDone"},
    [W_CMDS_CONSULTED] = {"Đồng ý\nKhông đồng ý  và  Lý do: ...",
			  "Agree\nDisagree  and  Reason: ..."},
    [W_INTERNAL_LEFT] =
	{"Còn %d ngày làm việc đến hạn xử lý nội bộ",
	 "%d working days are left before the internal deadline"},
    [W_INTERNAL_TODAY] = {"Hôm nay là hạn xử lý nội bộ",
			  "Today is the internal deadline"},
    [W_INTERNAL_PASSED] = {"Đã quá hạn xử lý nội bộ %d ngày làm việc",
			   "The internal deadline passed %d working days ago"},
    [W_SUNDAY] = {"Chủ nhật", "Sunday"},
    [W_MONDAY] = {"thứ Hai", "Monday"},
    [W_TUESDAY] = {"thứ Ba", "Tuesday"},
    [W_WEDNESDAY] = {"thứ Tư", "Wednesday"},
    [W_THURSDAY] = {"thứ Năm", "Thursday"},
    [W_FRIDAY] = {"thứ Sáu", "Friday"},
    [W_SATURDAY] = {"thứ Bảy", "Saturday"},
    [W_ICAL_LETTER] = {"Văn bản đến", "Incoming letter"},
    [W_ICAL_NUMBER] = {"số", "no."},
    [W_ICAL_LEAD_DOES] = {"Đơn vị chủ trì xử lý: %s.", "Lead unit: %s."},
    [W_ICAL_HANDLER_DOES] =
	{"Người được giao trực tiếp xử lý (hạn xử lý nội bộ).",
	 "Assigned to you to handle (internal deadline)."},
    [W_ICAL_CONSULT_DOES] = {"%s đề nghị %s cho ý kiến.",
			     "%s asks %s for an opinion."},
    [W_ICAL_COORDINATE_DOES] = {"%s phối hợp với đơn vị chủ trì %s.",
				"%s coordinates with the lead unit, %s."},
    [W_ICAL_DUE] = {"Hạn: %s (hết ngày, theo ngày làm việc).",
		    "Due: %s (end of the day, in working days)."},
    [W_ICAL_ANSWER_DONE] =
	{"Khi hoàn thành, trả lời thư giao việc, dòng đầu tiên ghi: Hoàn "
	 "thành. Cần gia hạn: Gia hạn: dd/mm/yyyy và Lý do: ...",
	 "When done, reply to the assignment mail with Done on the first line. "
	 "To ask for more time: Extend: dd/mm/yyyy and Reason: ..."},
    [W_ICAL_ANSWER_CONSULT] =
	{"Trả lời thư đề nghị, dòng đầu tiên ghi: Đồng ý hoặc Không đồng ý, "
	 "kèm ý kiến. Quá hạn không trả lời được coi là đồng ý (Công văn "
	 "2536/BCT-VP).",
	 "Reply to the request with Agree or Disagree on the first line and "
	 "your opinion. No answer by the deadline counts as agreement (letter "
	 "2536/BCT-VP)."},
    [W_ICAL_BUTTONS] =
	{"Nút Chấp nhận/Từ chối của lịch chỉ báo đã nhận lịch; các việc khác "
	 "xin trả lời bằng thư, giữ mã [%s] trong tiêu đề.",
	 "The calendar's Accept/Decline buttons only confirm receipt; for "
	 "anything else reply by mail, keeping [%s] in the subject."},
    [W_ICAL_CANCELLED] =
	{"Hạn này không còn hiệu lực, lịch đã được hủy.",
	 "This deadline no longer applies; the event is cancelled."},
    [W_FEED_WHAT_LEAD] = {"Việc: chủ trì xử lý, hạn %s",
			  "To do: lead the work, due %s"},
    [W_FEED_WHAT_HANDLER] =
	{"Việc: xử lý (được giao), hạn nội bộ %s",
	 "To do: handle it (assigned to you), internal deadline %s"},
    [W_FEED_WHAT_CONSULT] = {"Việc: %s cho ý kiến, hạn %s",
			     "To do: %s to give an opinion, due %s"},
    [W_FEED_DEEMED] = {"Quá hạn không trả lời thì được coi là đồng ý.",
		       "No answer by the deadline counts as agreement."},
    [W_FEED_DUE] = {"Hạn của đơn vị chủ trì: %s", "Lead unit's deadline: %s"},
    [W_FEED_INTERNAL_DUE] = {"hạn nội bộ", "internal deadline"},
    [W_FEED_COORDINATE] = {"Phối hợp", "Coordinating"},
    [W_FEED_HANDLER] = {"Người xử lý", "Handler"},
    [W_FEED_DISPUTED] = {"Đang có ý kiến khác nhau, chờ thống nhất.",
			 "Disputed: waiting for the heads to settle it."},
    [W_FEED_SENDER] = {"Nơi gửi", "From"},
    [W_FEED_CALENDAR] = {"Hạn xử lý công văn", "Correspondence deadlines"},
    [W_SIG_SIGNED] = {"Văn bản có chữ ký số của %s, %s",
		      "Digitally signed by %s, %s"},
    [W_SIG_AT] = {", ký lúc %s", ", signed at %s"},
    [W_SIG_NOBODY] = {"người ký không rõ", "an unknown signer"},
    [W_SIG_VALID] = {"hợp lệ", "valid"},
    [W_SIG_ALTERED] = {"nhưng văn bản đã bị sửa đổi sau khi ký",
		       "but the letter was altered after signing"},
    [W_SIG_INVALID] = {"nhưng chữ ký không hợp lệ",
		       "but the signature is not valid"},
    [W_SIG_EXPIRED] = {"chữ ký nguyên vẹn nhưng chứng thư số đã hết hạn",
		       "intact, but the certificate had expired"},
    [W_SIG_REVOKED] = {"chữ ký nguyên vẹn nhưng chứng thư số đã bị thu hồi",
		       "intact, but the certificate was revoked"},
    [W_SIG_UNTRUSTED] = {"chữ ký nguyên vẹn nhưng chứng thư số không được"
			 " tin cậy",
			 "intact, but the certificate is not trusted"},
    [W_SIG_EMPTY_FIELD] = {"Văn bản có ô chữ ký số chưa được ký.",
			   "The letter has an empty signature field (not"
			   " signed)."},
    [W_CHECK_SIGNATURE] = {"chữ ký số không hợp lệ hoặc văn bản đã bị sửa"
			   " đổi sau khi ký",
			   "a digital signature is not valid or the letter"
			   " was altered after signing"},
    [W_CHECK_OCR] = {"các thông tin của văn bản chỉ đọc được từ bản quét"
		     " (OCR), độ tin cậy thấp (%d %%): đề nghị đối chiếu với"
		     " bản quét",
		     "the letter's details were read only by OCR from a"
		     " scan, with low confidence (%d %%): compare them with"
		     " the scan"},
};

bool words_english(const char *lang)
{
	return lang && !strcmp(lang, "en");
}

const char *words_get(const char *lang, enum word w)
{
	if (w >= W_COUNT) {
		return "";
	}
	return words_english(lang) ? words[w].en : words[w].vi;
}
