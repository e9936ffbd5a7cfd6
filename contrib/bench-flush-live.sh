#!/usr/bin/env bash
# `serve`'s bounded flush (at most 1,000 mails a cycle) against a live
# OpenSMTPD (contrib/mailstack.sh; it delivers to Dovecot over LMTP): a
# register of N items all open and overdue (gen_register --open 100), its
# catch-up queued by `run --once` with SMTP unreachable, every recipient
# then made a mailbox and every queued mail due at once; `serve` then
# sends it, a cycle at a time, and a letter is put into the mailbox after
# its third sending cycle.  Prints each flush's CPU and wall time (from the debug
# line `outbox: X ms of CPU, Y ms`), how long the letter waited to be
# registered, and serve's CPU time.  Runs alone, not in make bench (a
# minute at 10,000 items).
#
# Usage: contrib/bench-flush-live.sh [N]   (default 10000; BUILD as for
# contrib/bench.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build/default}
N=${1:-10000}
. tests/lib.sh
W=$(mktemp -d /tmp/flushlive.XXXXXX)
mkdir -p "$W/stack"; stack_start "$W/stack" >/dev/null
trap 'kill "${pid:-}" 2>/dev/null || true; stack_stop; [ -n "${BENCH_KEEP:-}" ] || rm -rf "$W"' EXIT
stack_ctl adduser "congvan@$DOMAIN" >/dev/null
congvan_conf "$W/c.conf" "$W/r.db" "smtp.url=smtp://127.0.0.1:1"
contrib/bench-directory.sh "$W/c.conf"
"$BUILD"/gen_register "$W/c.conf" "$N" --seed 3 --open 100 --end "$(date -d '7 days ago' +%F)" >/dev/null
./congvan-full -c "$W/c.conf" run --once >/dev/null 2>"$W/once.err" || true
q() { sqlite3 "$W/r.db" "$1"; }
sent0=$(q "SELECT COUNT(*) FROM outbox WHERE status = 'sent'")
echo "queued: $(q "SELECT COUNT(*) FROM outbox WHERE status='pending'") pending"
q "SELECT DISTINCT rcpt FROM outbox WHERE status='pending'" | sort -u >"$W/rcpts"
n=0; while read -r a; do case $a in *@"$DOMAIN") stack_ctl adduser "$a" >/dev/null; n=$((n+1));; esac; done < "$W/rcpts"
echo "recipients: $(wc -l < "$W/rcpts") distinct, $n in the domain made mailboxes"
sed -i "s|^url = smtp://127.0.0.1:1$|url = smtp://127.0.0.1:$SMTP_PORT|" "$W/c.conf"
grep -q "smtp://127.0.0.1:$SMTP_PORT" "$W/c.conf"
q "UPDATE outbox SET next_attempt_at = 0, attempts = 0 WHERE status='pending'"
./congvan-full -v -c "$W/c.conf" serve >/dev/null 2>"$W/serve.err" &
pid=$!
t0=$(date +%s.%N); sent_at=
while kill -0 $pid 2>/dev/null; do
	c=$(grep -c "outbox: [0-9]* sent" "$W/serve.err" || true)
	if [ -z "$sent_at" ] && [ "$c" -ge 3 ]; then
		printf 'From: vanthu@soct.vn\r\nTo: congvan@%s\r\nSubject: =?UTF-8?B?%s?=\r\nDate: %s\r\nMessage-ID: <%s.78@soct.vn>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nKinh gui Bo Cong Thuong.\r\n' \
			"$DOMAIN" "$(printf 'Số 78/SCT-KH V/v báo cáo tháng 12' | base64 -w0)" "$(date -R)" "$(date +%s)" > "$W/l.eml"
		# into the mailbox directly: through SMTP it would queue behind
		# the notices OpenSMTPD is delivering
		maildir_inject congvan "$W/l.eml"
		sent_at=$(date +%s.%N)
		at=$c
	fi
	if [ -n "$sent_at" ] && [ -z "${got:-}" ] && [ "$(q "SELECT COUNT(*) FROM items WHERE subject LIKE '%tháng 12%'")" = 1 ]; then
		got=$(awk -v a=$sent_at -v b=$(date +%s.%N) 'BEGIN{printf "%.1f", b-a}'); echo "letter delivered after sending cycle $at registered after $got s (by sending cycle $(grep -c "outbox: [0-9]* sent" "$W/serve.err"))"
	fi
	p=$(q "SELECT COUNT(*) FROM outbox WHERE status='pending' AND next_attempt_at <= strftime('%s','now')")
	[ "$p" = 0 ] && [ -n "${got:-}" ] && break
	sleep 0.2
done
wall=$(awk -v a=$t0 -v b=$(date +%s.%N) 'BEGIN{printf "%.1f", b-a}')
cpu=$(awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$pid/stat")
echo "serve: $wall s wall, $cpu s CPU; $(($(q "SELECT COUNT(*) FROM outbox WHERE status = 'sent'") - sent0)) sent, $(q "SELECT COUNT(*) FROM outbox WHERE status = 'failed'") failed, $(q "SELECT COUNT(*) FROM outbox WHERE status = 'pending'") pending"
grep -E "outbox: [0-9.]+ ms of CPU" "$W/serve.err" | sed "s/.*outbox: //" | awk "{c+=\$1; w+=\$5; n++; if (\$5>m) m=\$5} END {printf \"flushes: %d, CPU %.0f ms, wall %.0f ms in all; the longest %.0f ms\\n\", n, c, w, m}"
echo "warnings: $(grep -c warning "$W/serve.err" || true)"
grep warning "$W/serve.err" | sed 's/^[^ ]* //' | cut -c1-100 | sort | uniq -c | sort -rn | head -5
