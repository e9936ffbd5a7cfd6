#!/usr/bin/env bash
# The first start on a mailbox with years of mail, on a real Dovecot +
# OpenSMTPD: mail delivered before the cut (first_run_days, or [mailbox]
# since) is kept as history: stored, listed by `congvan history`, no item,
# no notice; `congvan register --since` has the next cycle act on it; mail
# that comes after the first start is acted on however old its date; and
# first_run_days = all registers everything.  Dovecot takes a Maildir
# file's mtime for its INTERNALDATE, so old mail is injected with an old
# mtime.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
D=congvan.test

stack_start || { echo "cannot start the mail stack"; echo "0 passed, 1 failed"; exit 1; }
WORK=$(mktemp -d /tmp/congvan-fr.XXXXXX)
chmod 755 "$WORK"
trap 'stack_stop; [ -n "${T_KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
for u in tttn truong.tttn phapche truong.pc khtc truong.tc a.nguyen b.tran vanthu congvan2 congvan3 congvan4; do
	stack_ctl adduser "$u" >/dev/null || t_fail "add-user $u"
done
CONF="$WORK/congvan.conf"
congvan_conf "$CONF" "$WORK/congvan.db"
directory_conf "$CONF"
# the clock congvan runs by is the real one: INTERNALDATE is real
now() { date +%Y-%m-%dT%H:%M:%S%:z; }
at() { date -d "$1" +%s; }

# letter DIR NAME SUBJECT NUMBER: an official letter, as the Office's
# mailbox holds them by the thousand
letter() {
	{
		printf 'From: vanthu@moit.example\r\nTo: congvan@%s\r\n' "$D"
		printf 'Subject: =?UTF-8?B?%s?=\r\n' "$(printf '%s' "$3" | base64 -w0)"
		printf 'Date: Mon, 3 Jun 2024 08:00:00 +0700\r\nMessage-ID: <%s.%s@moit.example>\r\n' "$2" "$(date +%s%N)"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n'
		printf 'Content-Transfer-Encoding: 8bit\r\n\r\n'
		printf 'BỘ CÔNG THƯƠNG\r\nSố: %s\r\n%s\r\n\r\nKính gửi: Vụ Tài chính\r\n' "$4" "$3"
	} >"$1/$2.eml"
}
# inject USER WHEN FILE...: delivered at WHEN (a date(1) string)
inject() {
	local user=$1 when=$2
	shift 2
	MAILDIR_MTIME=$(at "$when") maildir_inject "$user" "$@" || t_fail "maildir_inject"
}

mkdir -p "$WORK/old" "$WORK/new"
letter "$WORK/old" a "V/v báo cáo quyết toán năm 2022" 11/BCT-KHTC
letter "$WORK/old" b "V/v báo cáo tình hình giải ngân" 12/BCT-KHTC
letter "$WORK/old" c "V/v kế hoạch kiểm tra năm 2024" 13/BCT-KHTC
letter "$WORK/new" d "V/v số liệu xuất khẩu tháng 11" 14/BCT-KHTC
letter "$WORK/new" e "V/v dự toán ngân sách năm 2027" 15/BCT-KHTC

t_begin "a command that only reads, on a new register, writes no raw-message pack"
out=$("$CONGVAN" -c "$CONF" list 2>&1)
assert_eq 0 $? "list on a new register: $out"
assert_eq yes "$([ -s "$WORK/congvan.db" ] && echo yes)" "the database is made"
assert_eq "" "$(ls -A "$WORK/congvan.db.raw" 2>/dev/null)" "no pack, no folder for one"

t_begin "the first start keeps years-old mail as history: no item, no notice"
# Beside the letters, what years of a shared mailbox hold: staff answers
# from Thunderbird and Outlook (Message-IDs on the organisation's own
# domain, the thread quoted) and a ministry's Outlook letter with its PDF.
FIX="$T_ROOT/tests/data/inspect"
inject congvan "2023-03-01 09:00" "$WORK/old/a.eml"
inject congvan "2023-05-02 15:00" "$FIX/reply-thunderbird.eml" "$FIX/reply-outlook-vi.eml"
inject congvan "2024-06-10 09:00" "$WORK/old/b.eml" "$WORK/old/c.eml" "$FIX/letter-btc-pdf.eml"
inject congvan "now" "$WORK/new/d.eml" "$WORK/new/e.eml"
mail_wait_count congvan 8 30 || t_fail "the mailbox does not hold the eight messages"
run_at "$(now)"
assert_eq 2 "$(q "SELECT COUNT(*) FROM items")" "only the two recent letters are items"
assert_eq 6 "$(q "SELECT COUNT(*) FROM messages WHERE history = 'kept'")" "six kept as history"
assert_eq 0 "$(q "SELECT COUNT(*) FROM outbox WHERE rcpt LIKE '%khanh.nv%' OR rcpt LIKE '%ha.ptt%'")" \
	"the old answers of staff are not answered"
assert_eq 8 "$(q "SELECT COUNT(*) FROM messages WHERE delivered_at > 0")" "every message knows when it was delivered"
assert_eq "$(at "2023-03-01 09:00")" "$(q "SELECT MIN(delivered_at) FROM messages")" "INTERNALDATE stored"
mail_wait_count truong.tc 2 30 || t_fail "the lead unit got no assignment of the recent letters"
assert_eq 2 "$(q "SELECT COUNT(*) FROM outbox WHERE kind = 'assigned'")" "assignments of the two recent letters only"
assert_eq 0 "$(q "SELECT COUNT(*) FROM outbox o JOIN items i ON i.id = o.item_id JOIN messages m ON m.id = i.message_id WHERE m.history IS NOT NULL")" \
	"no mail about kept mail"
assert_eq 1 "$(q "SELECT COUNT(*) FROM events WHERE kind = 'history-kept' AND detail LIKE '%6 messages delivered before%'")" \
	"one history-kept event says how many"
log=$(cat "$WORK/run.log")
assert_contains "$log" "6 messages delivered before" "the log says what was kept"
assert_contains "$log" "congvan register --since" "and how to register it"
assert_eq 8 "$(mail_search congvan 'KEYWORD $CongvanRegistered' | wc -w)" "all eight flagged as taken on the server"

t_begin "congvan history lists the kept mail and finds it without diacritics"
out=$(cv history 2>&1)
assert_eq 3 "$(printf '%s\n' "$out" | grep -c 'moit.example')" "three lines"
assert_contains "$out" "V/v báo cáo quyết toán năm 2022" "with the subject"
assert_contains "$out" "kept" "and its state"
out=$(cv history --search "bao cao" 2>&1)
assert_eq 2 "$(printf '%s\n' "$out" | grep -c 'moit.example')" "'bao cao' finds the two 'báo cáo'"
out=$(cv history --since 2024-01-01 2>&1)
assert_eq 2 "$(printf '%s\n' "$out" | grep -c 'moit.example')" "--since 2024-01-01 leaves 2023 out"
out=$(cv history --to 31/12/2023 2>&1)
assert_eq 1 "$(printf '%s\n' "$out" | grep -c 'moit.example')" "--to 31/12/2023 (D/M/YYYY) keeps 2023 only"
out=$(cv history --since tomorrow 2>&1)
assert_ne 0 "$?" "a date that is not one is refused"

t_begin "congvan register --since has the next cycle register that mail, with its notices"
n_head=$(mail_count truong.tc)
out=$(cv register --since 2024-06-01 2>&1)
assert_eq 0 "$?" "register exits 0"
assert_contains "$out" "3 messages from 2024-06-01 will be registered by the next cycle" "it says how many it marked"
assert_eq 3 "$(q "SELECT COUNT(*) FROM messages WHERE history = 'register'")" "three marked"
assert_eq 1 "$(q "SELECT COUNT(*) FROM events WHERE kind = 'history-marked'")" "history-marked recorded"
run_at "$(now)"
assert_eq 5 "$(q "SELECT COUNT(*) FROM items")" "the three became items"
assert_eq 3 "$(q "SELECT COUNT(*) FROM messages WHERE history IS NOT NULL")" "the 2023 mail stays history"
assert_eq "1204/BTC-KHTC" "$(q "SELECT l.number FROM letters l JOIN items i ON i.id = l.item_id JOIN messages m ON m.id = i.message_id WHERE m.from_addr = 'vanthu@mof.example.vn'")" \
	"the Outlook letter's number, read from its PDF only now"
assert_eq "12/BCT-KHTC" "$(q "SELECT l.number FROM letters l JOIN items i ON i.id = l.item_id JOIN messages m ON m.id = i.message_id WHERE m.subject LIKE '%giải ngân%'")" \
	"read as a letter: its number"
mail_wait_count truong.tc $((n_head + 2)) 30 || t_fail "the lead unit was not told of them"
assert_eq 4 "$(q "SELECT COUNT(*) FROM outbox WHERE kind = 'assigned'")" "their assignments"
assert_contains "$(cat "$WORK/run.log")" "3 registered from history" "the log says so"
run_at "$(now)"
assert_eq 5 "$(q "SELECT COUNT(*) FROM items")" "a second cycle registers nothing again"

t_begin "mail that comes after the first start is acted on however old its date"
mkdir -p "$WORK/moved"
letter "$WORK/moved" f "V/v hồ sơ chuyển từ thư mục khác" 16/BCT-KHTC
inject congvan "2022-01-05 09:00" "$WORK/moved/f.eml"
mail_wait_count congvan 9 30 || t_fail "the moved letter is not in the mailbox"
run_at "$(now)"
assert_eq 6 "$(q "SELECT COUNT(*) FROM items")" "a letter moved in with a 2022 INTERNALDATE is registered"
assert_eq 3 "$(q "SELECT COUNT(*) FROM messages WHERE history IS NOT NULL")" "nothing more kept"

t_begin "first_run_days = all registers all of an old mailbox"
C2="$WORK/all.conf"
congvan_conf "$C2" "$WORK/all.db" "mailbox.user=congvan2@$D" "mailbox.first_run_days=all"
directory_conf "$C2"
inject congvan2 "2023-03-01 09:00" "$WORK/old/a.eml" "$WORK/old/b.eml"
mail_wait_count congvan2 2 30 || t_fail "congvan2 does not hold the letters"
"$CONGVAN" -c "$C2" run --once --now "$(now)" 2>>"$WORK/run2.log"
assert_eq 2 "$(sqlite3 "$WORK/all.db" "SELECT COUNT(*) FROM items")" "both are items"
assert_eq 0 "$(sqlite3 "$WORK/all.db" "SELECT COUNT(*) FROM messages WHERE history IS NOT NULL")" "nothing kept"

t_begin "[mailbox] since sets the cut by date"
C3="$WORK/since.conf"
congvan_conf "$C3" "$WORK/since.db" "mailbox.user=congvan3@$D" "mailbox.since=1/1/2024"
directory_conf "$C3"
inject congvan3 "2023-03-01 09:00" "$WORK/old/a.eml"
inject congvan3 "2024-06-10 09:00" "$WORK/old/b.eml"
mail_wait_count congvan3 2 30 || t_fail "congvan3 does not hold the letters"
"$CONGVAN" -c "$C3" run --once --now "$(now)" 2>>"$WORK/run3.log"
assert_eq 1 "$(sqlite3 "$WORK/since.db" "SELECT COUNT(*) FROM items")" "the 2024 letter is an item"
assert_eq "V/v báo cáo quyết toán năm 2022" "$(sqlite3 "$WORK/since.db" "SELECT subject FROM messages WHERE history = 'kept'")" \
	"the 2023 letter is history"

t_begin "a long intake shows its progress on a terminal, and nothing elsewhere"
mkdir -p "$WORK/many"
for i in $(seq 1 250); do
	printf 'From: mailer-daemon@moit.example\r\nTo: congvan@%s\r\nSubject: Auto: %s\r\nAuto-Submitted: auto-replied\r\nMessage-ID: <auto%s@moit.example>\r\n\r\nOut of office.\r\n' \
		"$D" "$i" "$i" >"$WORK/many/$i.eml"
done
maildir_inject congvan4 "$WORK/many" || t_fail "maildir_inject"
mail_wait_count congvan4 250 30 || t_fail "congvan4 does not hold the 250 messages"
C4="$WORK/many.conf"
congvan_conf "$C4" "$WORK/many-a.db" "mailbox.user=congvan4@$D"
"$CONGVAN" -c "$C4" run --once --now "$(now)" 2>"$WORK/plain.log"
assert_not_contains "$(cat "$WORK/plain.log")" "of 250 messages" "no progress line when standard error is a file"
assert_eq 250 "$(sqlite3 "$WORK/many-a.db" "SELECT COUNT(*) FROM messages")" "all 250 taken"
congvan_conf "$C4" "$WORK/many-b.db" "mailbox.user=congvan4@$D"
out=$(script -qec "'$CONGVAN' -c '$C4' run --once --now '$(now)'" /dev/null 2>&1)
assert_contains "$out" "intake: 250 of 250 messages (100%)" "on a terminal: the count"
assert_contains "$out" "done in" "and the time it took"
assert_eq 250 "$(sqlite3 "$WORK/many-b.db" "SELECT COUNT(*) FROM messages")" "all 250 taken again by a second database"

t_summary
