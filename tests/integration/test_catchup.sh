#!/usr/bin/env bash
# A catch-up over a register where every open item is due at once (a
# first start over an imported register, README "Performance"): the
# scheduler works in batches of [service] scheduler_batch items, one
# transaction each.  `run --once` goes on batch after batch and queues
# exactly what one batch over everything would; `serve` does one batch a
# cycle and reads new mail between two, so that a letter that arrives
# during the catch-up is registered and acknowledged without waiting for
# its end, and when it is over the same mail is queued as by `run --once`.
# A register built by gen_register (as `make bench` does) on a real
# Dovecot; SMTP unreachable, so that the outbox only queues.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
GEN="$T_ROOT/${BUILD:-build/default}/gen_register"
D=congvan.test
N=1500 # items, all open: about 2,400 notices at the first cycle
DAY=2027-01-04T08:00:00+07:00

[ -x "$GEN" ] || { echo "no $GEN (make $GEN)"; echo "0 passed, 1 failed"; exit 1; }
stack_start || { echo "cannot start the mail stack"; echo "0 passed, 1 failed"; exit 1; }
WORK=$(mktemp -d /tmp/congvan-catchup.XXXXXX)
chmod 755 "$WORK"
SPID=
trap '[ -z "$SPID" ] || kill "$SPID" 2>/dev/null; stack_stop; [ -n "${T_KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT

# conf NAME BATCH: $WORK/NAME.conf on $WORK/NAME.db, a copy of the register
conf() {
	sed -e "s|^database = .*|database = $WORK/$1.db|" \
		-e "s|^\[service\]|[service]\nscheduler_batch = $2|" "$WORK/reg.conf" >"$WORK/$1.conf"
	cp "$WORK/reg.db" "$WORK/$1.db"
}
# queued NAME: what the scheduler queued about the register's items, one
# line per mail and recipient (item, template, address), sorted
queued() {
	sqlite3 "$WORK/$1.db" "SELECT i.key, o.kind, r.rcpt FROM outbox o
		JOIN items i ON i.id = o.item_id JOIN outbox_rcpt r ON r.outbox_id = o.id
		WHERE o.id > $BEFORE AND i.id <= $LAST" | sort
}
stages() { sqlite3 "$WORK/$1.db" "SELECT item_id, stage FROM stages ORDER BY 1, 2" | md5sum; }
due_now() { sqlite3 "$WORK/$1.db" "SELECT COUNT(*) FROM sweep_due WHERE day <= $2"; }

congvan_conf "$WORK/reg.conf" "$WORK/reg.db" "smtp.url=smtp://127.0.0.1:1"
"$T_ROOT/contrib/bench-directory.sh" "$WORK/reg.conf" "$D"
"$GEN" "$WORK/reg.conf" "$N" --seed 3 --open 100 >/dev/null || t_fail "gen_register"
sqlite3 "$WORK/reg.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
BEFORE=$(sqlite3 "$WORK/reg.db" "SELECT COALESCE(MAX(id), 0) FROM outbox")
LAST=$(sqlite3 "$WORK/reg.db" "SELECT MAX(id) FROM items")
OPEN=$(sqlite3 "$WORK/reg.db" "SELECT COUNT(*) FROM items WHERE status IN ('assigned', 'disputed')")
conf one 1000000
conf small 7
conf serve 10
conf ref 1000000

t_begin "run --once: a catch-up in batches of 7 queues what one batch queues"
"$CONGVAN" -v -c "$WORK/one.conf" run --once --now "$DAY" 2>"$WORK/one.log"
"$CONGVAN" -v -c "$WORK/small.conf" run --once --now "$DAY" 2>"$WORK/small.log"
queued one >"$WORK/one.q"
queued small >"$WORK/small.q"
assert_ge "$(wc -l <"$WORK/one.q")" "$OPEN" "at least a mail an open item ($OPEN open)"
assert_eq 0 "$(grep -c 'more items due' "$WORK/one.log")" "one batch: nothing left for a next one"
assert_ge "$(grep -c 'more items due' "$WORK/small.log")" $((OPEN / 7 - 1)) \
	"batches of 7: a batch after another"
t_ok "the same mail, item, template and recipient, as often" cmp -s "$WORK/one.q" "$WORK/small.q" ||
	diff "$WORK/one.q" "$WORK/small.q" | head -5
assert_eq "$(stages one)" "$(stages small)" "the same stages marked"
today=$(sqlite3 "$WORK/one.db" "SELECT day FROM sweep_basis")
assert_eq 0 "$(due_now small "$today")" "no item left due"
"$CONGVAN" -v -c "$WORK/small.conf" run --once --now "${DAY%T*}T15:00:00+07:00" 2>"$WORK/small2.log"
queued small >"$WORK/small2.q"
t_ok "a later cycle the same day queues nothing more" cmp -s "$WORK/small.q" "$WORK/small2.q"

t_begin "serve: a letter that comes during the catch-up is read between two batches"
"$CONGVAN" -v -c "$WORK/serve.conf" serve 2>"$WORK/serve.log" &
SPID=$!
for _ in $(seq 100); do
	grep -q 'more items due' "$WORK/serve.log" && break
	sleep 0.1
done
assert_contains "$(cat "$WORK/serve.log")" "more items due" "serve began the catch-up"
{
	printf 'From: =?UTF-8?B?%s?= <vanthu@moit.example>\r\n' "$(printf 'Văn phòng Bộ Công Thương' | base64 -w0)"
	printf 'To: congvan@%s\r\nSubject: =?UTF-8?B?%s?=\r\n' "$D" \
		"$(printf 'V/v báo cáo tình hình thực hiện kế hoạch năm 2026' | base64 -w0)"
	printf 'Date: %s\r\nMessage-ID: <cu1@moit.example>\r\n' "$(date -R)"
	printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n'
	printf 'Content-Transfer-Encoding: 8bit\r\n\r\n'
	printf 'BỘ CÔNG THƯƠNG\r\nSố: 2417/BCT-KH\r\nKính gửi: Các Vụ, Cục thuộc Bộ\r\n\r\n'
	printf 'Đề nghị các đơn vị báo cáo tình hình thực hiện kế hoạch năm 2026.\r\n'
} >"$WORK/letter.eml"
deliver vanthu@moit.example "$WORK/letter.eml"
for _ in $(seq 300); do
	new=$(sqlite3 "$WORK/serve.db" "SELECT item_id FROM messages WHERE message_id = 'cu1@moit.example'" 2>/dev/null)
	[ -n "$new" ] && break
	sleep 0.1
done
assert_ne "" "$new" "the letter is registered"
left=
for _ in $(seq 600); do
	left=$(sqlite3 "$WORK/serve.db" "SELECT COUNT(*) FROM sweep_due
		WHERE day <= (SELECT day FROM sweep_basis)" 2>/dev/null) && [ "$left" = 0 ] && break
	sleep 0.1
done
assert_eq 0 "$left" "the catch-up ended: no item due"
# the letter's intake, then at least one more batch of the catch-up
read_at=$(grep -n 'intake: 1 fetched' "$WORK/serve.log" | head -1 | cut -d: -f1)
last_batch=$(grep -n 'more items due' "$WORK/serve.log" | tail -1 | cut -d: -f1)
assert_ge "${last_batch:-0}" "${read_at:-999999}" "the letter was read before the catch-up's last batches"
assert_eq registered "$(sqlite3 "$WORK/serve.db" "SELECT group_concat(kind) FROM outbox
	WHERE item_id = ${new:-0}")" "the Office's notice of it is queued"
kill "$SPID"
wait "$SPID"
assert_eq 0 "$?" "serve stops on SIGTERM"
SPID=
# what one batch over everything queues at the same moment
at=$(sqlite3 "$WORK/serve.db" "SELECT strftime('%Y-%m-%dT%H:%M:%S+00:00', MAX(created_at),
	'unixepoch') FROM outbox WHERE id > $BEFORE")
"$CONGVAN" -c "$WORK/ref.conf" run --once --now "$at" 2>"$WORK/ref.log"
queued serve >"$WORK/serve.q"
queued ref >"$WORK/ref.q"
assert_ge "$(wc -l <"$WORK/ref.q")" "$OPEN" "the reference queued mail"
t_ok "the same mail as one batch" cmp -s "$WORK/ref.q" "$WORK/serve.q" ||
	diff "$WORK/ref.q" "$WORK/serve.q" | head -5

t_summary
