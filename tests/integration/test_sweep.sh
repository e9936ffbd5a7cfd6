#!/usr/bin/env bash
# The sweep touches only what is due (README "How it works"): an item
# assigned with a deadline gets the day its next stage is due; cycles
# before that day leave it alone, the reminders come on their days, and a
# granted extension moves the day with the deadline.  A fixed clock on a
# real Dovecot + OpenSMTPD.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
D=congvan.test

stack_start || { echo "cannot start the mail stack"; echo "0 passed, 1 failed"; exit 1; }
WORK=$(mktemp -d /tmp/congvan-sweep.XXXXXX)
chmod 755 "$WORK"
trap 'stack_stop; [ -n "${T_KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
for u in tttn truong.tttn truong.pc; do
	stack_ctl adduser "$u" >/dev/null || t_fail "add-user $u"
done

CONF="$WORK/congvan.conf"
congvan_conf "$CONF" "$WORK/congvan.db"
directory_conf "$CONF"
cat >>"$CONF" <<EOF

[deadlines]
remind_before = 3, 1
overdue_every = 2
escalate_after = 3
EOF

# the day the item is due next, YYYY-MM-DD ("" when none)
next_day() { q "SELECT date(s.day * 86400, 'unixepoch') FROM sweep_due s JOIN items i ON i.id = s.item_id WHERE i.key = '$K'"; }
# the kinds of mail queued about the item, in order, comma-separated
kinds() { q "SELECT group_concat(kind) FROM (SELECT o.kind FROM outbox o JOIN items i ON i.id = o.item_id WHERE i.key = '$K' AND o.kind IN ('reminder', 'due_today', 'overdue', 'escalation') ORDER BY o.id)"; }
stages() { q "SELECT COUNT(*) FROM stages s JOIN items i ON i.id = s.item_id WHERE i.key = '$K'"; }
# mail FILE FROM MSGID IN_REPLY_TO SUBJECT TEXT
mail() {
	{
		printf 'From: %s\r\nTo: congvan@%s\r\n' "$2" "$D"
		printf 'Subject: =?UTF-8?B?%s?=\r\n' "$(printf '%s' "$5" | base64 -w0)"
		printf 'Date: Mon, 04 Jan 2027 08:30:00 +0700\r\nMessage-ID: <%s>\r\n' "$3"
		[ -n "$4" ] && printf 'In-Reply-To: <%s>\r\nReferences: <%s>\r\n' "$4" "$4"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n'
		printf 'Content-Transfer-Encoding: 8bit\r\n\r\n%s\r\n' "$6" | sed 's/\r*$/\r/'
	} >"$1"
}

t_begin "an assigned item is due on its first reminder day"
{
	printf 'From: =?UTF-8?B?%s?= <vanthu@moit.example>\r\n' "$(printf 'Văn phòng Bộ Công Thương' | base64 -w0)"
	printf 'To: congvan@%s\r\nSubject: =?UTF-8?B?%s?=\r\n' "$D" "$(printf 'V/v góp ý dự thảo Nghị định về thương mại điện tử' | base64 -w0)"
	printf 'Date: Mon, 28 Dec 2026 08:00:00 +0700\r\nMessage-ID: <s1@moit.example>\r\n'
	printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n'
	printf 'Content-Transfer-Encoding: 8bit\r\n\r\n'
	printf 'BỘ CÔNG THƯƠNG\r\nSố: 1201/BCT-TMĐT\r\nKính gửi: Vụ Thị trường trong nước\r\n'
} >"$WORK/l1.eml"
deliver vanthu@moit.example "$WORK/l1.eml"
run_at 2026-12-28T09:00:00+07:00
K=$(cv list | grep 'thương mại điện tử' | cut -f1)
assert_eq "2027-01-05" "$(q "SELECT date(due_day * 86400, 'unixepoch') FROM items WHERE key='$K'")" \
	"deadline: 5 working days, New Year's Day skipped"
# 3 working days before Tue 5 Jan: Mon 4, Thu 31, Wed 30 Dec
assert_eq "2026-12-30" "$(next_day)" "due on the 3-days reminder's day"
assert_eq "" "$(kinds)" "no reminder yet"

t_begin "a cycle before that day leaves the item alone"
run_at 2026-12-29T09:00:00+07:00
assert_eq 0 "$(stages)" "no stage looked at"
assert_eq "2026-12-30" "$(next_day)" "still due on Wed 30 Dec"
assert_eq "" "$(kinds)" "nothing queued"

t_begin "the reminder on its day, then due on the next one"
run_at 2026-12-30T09:00:00+07:00
assert_eq "reminder" "$(kinds)" "the 3-days reminder"
assert_eq "2027-01-04" "$(next_day)" "next: 1 working day before (Mon 4 Jan)"
run_at 2026-12-30T16:00:00+07:00
run_at 2026-12-31T09:00:00+07:00
run_at 2027-01-01T09:00:00+07:00
assert_eq "reminder" "$(kinds)" "nothing until then, nor on New Year's Day"
run_at 2027-01-04T08:00:00+07:00
assert_eq "reminder,reminder" "$(kinds)" "the 1-day reminder"
assert_eq "2027-01-05" "$(next_day)" "next: the deadline"

t_begin "a granted extension moves the day with the deadline"
mail "$WORK/e1.eml" "truong.tttn@$D" "c3d1a9f2-5b7e-4c1a-9f3e-2a6b8d0e4f11@$D" \
	"$(sent_id "$K" "truong.tttn@$D")" "RE: [$K] Phân công xử lý" \
	"Gia hạn: 3 ngày làm việc
Lý do: chờ ý kiến của các Sở Công Thương."
deliver truong.tttn@$D "$WORK/e1.eml"
run_at 2027-01-04T09:00:00+07:00
assert_eq 1 "$(q "SELECT COUNT(*) FROM extensions WHERE state = 'pending'")" "extension asked"
mail_wait_count vanthu 1 30 || t_fail "the Office was not asked"
mail "$WORK/g1.eml" "vanthu@$D" "20270104093000.Ab3xK%vanthu@$D" \
	"$(sent_id "$K" "vanthu@$D")" "RE: [$K] Đề nghị gia hạn" \
	"Đồng ý gia hạn đến ngày 08/01/2027 như đề nghị của Vụ."
deliver vanthu@$D "$WORK/g1.eml"
run_at 2027-01-04T10:00:00+07:00
assert_eq granted "$(q "SELECT state FROM extensions")" "granted"
assert_eq "2027-01-08" "$(q "SELECT date(due_day * 86400, 'unixepoch') FROM items WHERE key='$K'")" \
	"the new deadline: Fri 8 Jan"
assert_eq "2027-01-05" "$(next_day)" "due 3 working days before it (Tue 5 Jan)"
run_at 2027-01-05T09:00:00+07:00
assert_eq "reminder,reminder,reminder" "$(kinds)" \
	"Tue 5 Jan: a reminder for the new deadline, not the old deadline's notice"
assert_eq "2027-01-07" "$(next_day)" "next: 1 working day before (Thu 7 Jan)"

t_begin "deadline day, overdue and escalation on their days"
run_at 2027-01-07T09:00:00+07:00
run_at 2027-01-08T09:00:00+07:00
assert_eq "reminder,reminder,reminder,reminder,due_today" "$(kinds)" "the 1-day reminder, the deadline"
assert_eq "2027-01-11" "$(next_day)" "next: the first working day after"
run_at 2027-01-11T09:00:00+07:00
assert_contains "$(kinds)" "due_today,overdue" "1 working day overdue"
# every 2 working days: the next round on day 3 (Wed 13), also the escalation
assert_eq "2027-01-13" "$(next_day)" "next: 3 working days overdue"
run_at 2027-01-12T09:00:00+07:00
assert_eq "reminder,reminder,reminder,reminder,due_today,overdue" "$(kinds)" "nothing on Tue 12"
run_at 2027-01-13T09:00:00+07:00
assert_eq "reminder,reminder,reminder,reminder,due_today,overdue,escalation" "$(kinds)" "the escalation"
assert_eq "2027-01-15" "$(next_day)" "next round: 5 working days overdue"

t_begin "a closed item leaves the sweep"
mail "$WORK/d1.eml" "truong.tttn@$D" "0b6c2e44-8d1f-4f0a-b7c5-91e3d2a8c6f0@$D" \
	"$(sent_id "$K" "truong.tttn@$D")" "RE: [$K] Phân công xử lý" \
	"Hoàn thành

Vụ đã gửi văn bản góp ý cho Văn phòng Bộ."
deliver truong.tttn@$D "$WORK/d1.eml"
run_at 2027-01-14T09:00:00+07:00
assert_eq done "$(q "SELECT status FROM items WHERE key='$K'")" "closed"
assert_eq "" "$(next_day)" "no day any more"

t_summary
