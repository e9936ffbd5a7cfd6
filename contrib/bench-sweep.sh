#!/usr/bin/env bash
# The scheduler's sweep at scale (part of make bench; runs alone too):
# registers of N items built by gen_register (--seed 3: about 1 % never
# closed and the last weeks' letters open), IMAP and SMTP unreachable
# (the cycle exits 75 after its scheduler ran).  For each N, one cycle
# that catches up (every item is due at the first sweep; BENCH_SWEEP_OPEN
# = 100, the default, leaves every item open: about 1.6 notices an item
# queued, in batches of [service] scheduler_batch): its wall and CPU time,
# the bytes it wrote (write_bytes of /proc/PID/io: the WAL and the
# checkpoints into the database), the largest the WAL grew, peak memory,
# the notices queued and the batches, each batch's CPU and wall time
# (median and largest).  Then:
#
#  due again    the first cycle after it, 7 hours later: no item's day
#               has come, the mail queued is due again (its retry) and
#               SMTP still unreachable: what the outbox does with a
#               server down and a large backlog;
#  nothing due  more cycles at that instant: no item's day has come;
#  10,000 due   10,000 items made due (sweep_due.day = 0) whose stages
#               were done earlier that day, so nothing is queued: what
#               selecting, reading and rescheduling them costs.
#
# CPU of the scheduler (its debug line "scheduler: X ms of CPU") and of the
# whole `run --once` (user + system, start-up included), medians of RUNS.
# With BASELINE (another congvan binary at the root of its tree, where its
# templates are; its gen_register, beside it or in its BUILD, builds the
# register, which this one migrates on a copy), the same cycles by both,
# and what their first cycles queued, which must be the same.
#
# Usage: contrib/bench-sweep.sh "10000 100000" [RUNS]; BUILD and
# BENCH_BASELINE as for contrib/bench.sh.  1000000 among the sizes takes
# about 6 minutes to build and 6 to catch up, and 17 GB of disk.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build/default}
SIZES=${1:-10000 100000}
RUNS=${2:-3}
OPEN=${BENCH_SWEEP_OPEN:-100}
BASELINE=${BENCH_BASELINE:-}
DAY1=2027-01-04T08:00:00+07:00 # the register ends on 31 Dec; 1 Jan is off
DAY1_LATER=2027-01-04T15:00:00+07:00
export DOMAIN=congvan.test PASSWORD=x
. tests/lib.sh
# After lib.sh: under make bench it loads the bench's mail stack (its
# MAILSTACK_DIR), whose ports the cycles must not reach.
export IMAP_PORT=1 SMTP_PORT=1

W=$(mktemp -d /tmp/congvan-sweep.XXXXXX)
trap '[ -n "${BENCH_KEEP:-}" ] || rm -rf "$W"' EXIT
median() { sort -g | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
gen=$BUILD/gen_register
for g in "$(dirname "$BASELINE")"/gen_register "$(dirname "$BASELINE")/$BUILD/gen_register"; do
	[ -n "$BASELINE" ] && [ -x "$g" ] && { gen=$g; break; }
done

# cycle BIN CONF NOW TAG: one cycle; appends its figures to $W/TAG.{ms,cpu}
cycle() {
	/usr/bin/time -f '%U %S' -o "$W/time" "$1" -v -c "$2" run --once --now "$3" \
		>/dev/null 2>"$W/log" || true
	sed -n 's/.*scheduler: \([0-9.]*\) ms of CPU.*/\1/p' "$W/log" | tail -1 >>"$W/$4.ms"
	tail -1 "$W/time" | awk '{printf "%.0f\n", ($1 + $2) * 1000}' >>"$W/$4.cpu"
}
# catch_up BIN CONF NOW TAG: the first cycle, with what it wrote and held
catch_up() {
	local db wal=0 w pid
	db=$(sed -n 's/^database = //p' "$2")
	# the shell's own io counts its waited-for child's
	bash -c '/usr/bin/time -f "%e %U %S %M" -o "$1/time" "$2" -v -c "$3" run --once --now "$4" \
		>/dev/null 2>"$1/log"; grep "^write_bytes" /proc/$$/io' _ "$W" "$1" "$2" "$3" >"$W/io" &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		w=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
		[ "$w" -le "$wal" ] || wal=$w
		sleep 0.2
	done
	wait "$pid" || true
	sed -n 's/.*scheduler: \([0-9.]*\) ms of CPU.*/\1/p' "$W/log" | tail -1 >>"$W/$4.ms"
	tail -1 "$W/time" | awk '{printf "%.0f\n", ($2 + $3) * 1000}' >>"$W/$4.cpu"
	sed -n 's/.*scheduler: batch [0-9]*: \([0-9.]*\) ms of CPU, \([0-9.]*\) ms$/\1 \2/p' \
		"$W/log" >"$W/$4.batches"
	local n b bcpu bwall bmax wmax
	n=$(sed -n 's/.*scheduler: \([0-9]*\) messages\{0,1\} queued.*/\1/p' "$W/log" |
		awk '{s += $1} END {print s + 0}')
	b=$(wc -l <"$W/$4.batches")
	[ "$b" -gt 0 ] || b=1
	bcpu=$(cut -d' ' -f1 "$W/$4.batches" | median)
	bmax=$(cut -d' ' -f1 "$W/$4.batches" | sort -g | tail -1)
	bwall=$(cut -d' ' -f2 "$W/$4.batches" | median)
	wmax=$(cut -d' ' -f2 "$W/$4.batches" | sort -g | tail -1)
	tail -1 "$W/time" | awk -v n="$n" -v b="$b" -v io="$(awk '{print $2}' "$W/io")" \
		-v wal="$wal" -v bc="${bcpu:-0}" -v bm="${bmax:-0}" -v bw="${bwall:-0}" -v wm="${wmax:-0}" \
		'{cpu = $2 + $3; printf "%d notices in %d batch%s: wall %.1f s, CPU %.1f s (%.0f µs a notice),", n, b, (b > 1 ? "es" : ""), $1, cpu, n ? cpu * 1e6 / n : 0
		  printf " written %.2f GB (%.1f KB a notice), WAL at most %.0f MB, peak memory %.1f MB;", io / 1e9, n ? io / 1024 / n : 0, wal / 1048576, $4 / 1024
		  if (b > 1) printf " a batch: CPU %.0f ms (at most %.0f), wall %.0f ms (at most %.0f)", bc, bm, bw, wm
		  printf "\n"}' >"$W/$4.catchup"
}
fig() { # TAG: "X ms scheduler, Y ms run" (medians)
	local ms=
	[ -s "$W/$1.ms" ] && ms=$(median <"$W/$1.ms")
	echo "${ms:+$ms ms scheduler, }$(median <"$W/$1.cpu") ms whole run"
}

for n in $SIZES; do
	congvan_conf "$W/reg$n.conf" "$W/reg$n.db"
	contrib/bench-directory.sh "$W/reg$n.conf"
	"$gen" "$W/reg$n.conf" "$n" --seed 3 --open "$OPEN" >/dev/null
	open=$(sqlite3 "$W/reg$n.db" "SELECT COUNT(*) FROM items WHERE status IN ('assigned', 'disputed')")
	for b in ${BASELINE:+base} new; do
		bin=$PWD/congvan
		[ "$b" = base ] && bin=$BASELINE
		cp "$W/reg$n.db" "$W/$b$n.db"
		sed "s|^database = .*|database = $W/$b$n.db|" "$W/reg$n.conf" >"$W/$b$n.conf"
		rm -f "$W/$b$n".*.ms "$W/$b$n".*.cpu
		catch_up "$bin" "$W/$b$n.conf" "$DAY1" "$b$n.first"
		# what the first cycle queued, by kind: the same before and after
		sqlite3 "$W/$b$n.db" "SELECT kind || ' ' || COUNT(*) FROM outbox
			WHERE created_at >= strftime('%s', '${DAY1:0:19}', '-7 hours')
			GROUP BY kind ORDER BY kind" | tr '\n' ' ' >"$W/$b$n.queued"
		cycle "$bin" "$W/$b$n.conf" "$DAY1_LATER" "$b$n.again"
		for _ in $(seq "$RUNS"); do
			cycle "$bin" "$W/$b$n.conf" "$DAY1_LATER" "$b$n.none"
		done
		if [ "$b" = new ]; then
			for _ in $(seq "$RUNS"); do
				sqlite3 "$W/$b$n.db" "UPDATE sweep_due SET day = 0 WHERE item_id IN
					(SELECT item_id FROM sweep_due ORDER BY item_id LIMIT 10000)"
				cycle "$bin" "$W/$b$n.conf" "$DAY1_LATER" "$b$n.due"
			done
			due=$(sqlite3 "$W/$b$n.db" "SELECT MIN(COUNT(*), 10000) FROM sweep_due")
		fi
	done
	echo "$n items ($open open):${BASELINE:+ before: first cycle $(fig "base$n.first"), due again $(fig "base$n.again"), every later cycle $(fig "base$n.none");}" \
		"after: first cycle $(fig "new$n.first"), due again $(fig "new$n.again"), nothing due $(fig "new$n.none"), $due due $(fig "new$n.due")"
	echo "  queued by the first cycle: $(cat "$W/new$n.queued")"
	[ -z "$BASELINE" ] || echo "  first cycle before: $(cat "$W/base$n.first.catchup")"
	echo "  first cycle: $(cat "$W/new$n.first.catchup")"
	[ -z "$BASELINE" ] || cmp -s "$W/base$n.queued" "$W/new$n.queued" ||
		echo "  DIFFERENT before: $(cat "$W/base$n.queued")"
	rm -f "$W"/*"$n".db
done
