#!/usr/bin/env bash
# `serve` through a catch-up (part of make bench; runs alone too): a
# register of N items all open and overdue (gen_register --open 100, ending
# before today, so that at the real clock, which serve keeps, every open
# item is due), a running mail stack (Dovecot with IDLE) whose mailbox is
# empty, SMTP unreachable.  serve does one batch of the scheduler a cycle
# and reads new mail between two: after the 10th batch (or half-way
# through a smaller catch-up) a letter is delivered, and the script prints how long it waited to be registered,
# then how long until nothing was due, in how many batches, with serve's
# CPU time.
#
# Usage: contrib/bench-catchup-serve.sh [N]   (default 100000; BUILD as
# for contrib/bench.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build/default}
N=${1:-100000}
. tests/lib.sh

W=$(mktemp -d /tmp/congvan-catchup.XXXXXX)
mkdir -p "$W/stack"
stack_start "$W/stack" >/dev/null
trap 'kill "${pid:-}" 2>/dev/null || true; stack_stop; [ -n "${BENCH_KEEP:-}" ] || rm -rf "$W"' EXIT
stack_ctl adduser "congvan@$DOMAIN" >/dev/null
congvan_conf "$W/c.conf" "$W/r.db" "smtp.url=smtp://127.0.0.1:1"
contrib/bench-directory.sh "$W/c.conf"
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.1f", b - a}'; }
q() { sqlite3 "$W/r.db" "$1" 2>/dev/null || echo "?"; }
# the scheduler's batches that queued mail so far (its info line each)
batches() { grep -cE 'scheduler: [0-9]+ messages? queued' "$W/serve.err" || true; }

t=$(now)
"$BUILD"/gen_register "$W/c.conf" "$N" --seed 3 --open 100 \
	--end "$(date -d '7 days ago' +%F)" >/dev/null
today=$(q "SELECT CAST(julianday('now', '+7 hours') - julianday('1970-01-01') AS INTEGER)")
due=$(q "SELECT COUNT(*) FROM sweep_due WHERE day <= $today")
echo "register: $N items, $due due today; built in $(since "$t") s"

./congvan-full -v -c "$W/c.conf" serve >/dev/null 2>"$W/serve.err" &
pid=$!
t=$(now)
sent= waited= left=$due
while kill -0 "$pid" 2>/dev/null; do
	# after the 10th batch, or half-way through a smaller catch-up
	if [ -z "$sent" ] && { [ "$(batches)" -ge 10 ] || [ $((2 * left)) -le "$due" ]; }; then
		{
			printf 'From: =?UTF-8?B?%s?= <vanthu@soct.vn>\r\n' "$(printf 'Sở Công Thương Hà Nội' | base64 -w0)"
			printf 'To: congvan@%s\r\nSubject: =?UTF-8?B?%s?=\r\n' "$DOMAIN" \
				"$(printf 'Số 77/SCT-KH V/v báo cáo quý IV' | base64 -w0)"
			printf 'Date: %s\r\nMessage-ID: <%s.77@soct.vn>\r\n' "$(date -R)" "$(date +%s)"
			printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
			printf 'Kính gửi: Bộ Công Thương\r\n\r\nSở Công Thương Hà Nội báo cáo tình hình quý IV.\r\n'
		} >"$W/letter.eml"
		mail_send vanthu@soct.vn "congvan@$DOMAIN" "$W/letter.eml"
		sent=$(now)
		at=$(batches)
	fi
	if [ -n "$sent" ] && [ -z "$waited" ] &&
		[ "$(q "SELECT COUNT(*) FROM items WHERE subject LIKE '%báo cáo quý IV%'")" = 1 ]; then
		waited="$(since "$sent") s (delivered after batch $at, registered by batch $(batches))"
	fi
	left=$(q "SELECT COUNT(*) FROM sweep_due WHERE day <= $today")
	[ "$left" = 0 ] && [ -n "$waited" ] && break
	if [ -n "$sent" ] && [ -z "$waited" ] &&
		awk -v s="$(since "$sent")" 'BEGIN {exit !(s > 120)}'; then
		echo "bench-catchup-serve: the letter was not registered in 120 s" >&2
		exit 1
	fi
	sleep 0.2
done
wall=$(since "$t")
sleep 0.5 # the last batch's line
cpu=$(awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$pid/stat" 2>/dev/null || echo "?")
[ "$left" = 0 ] || { echo "bench-catchup-serve: serve stopped with $left items due:" >&2; tail -5 "$W/serve.err" >&2; exit 1; }
echo "serve: nothing due after $(batches) batches, $wall s wall, $cpu s of CPU (the CPU clock ticks at 100 Hz)"
echo "a letter delivered mid catch-up was registered after ${waited:-?}"
