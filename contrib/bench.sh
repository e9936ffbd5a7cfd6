#!/usr/bin/env bash
# make bench: congvan's speed and memory beside references measured in the
# same run, on this machine.
#
#  intake   `run --once` into a fresh database (fetch, store, read, register,
#           queue notices, commit) of mailboxes of 1,000, 5,000 and 10,000
#           messages (contrib/gen-corpus.py), without and with a directory
#           of 20 units and 30 rules (contrib/bench-directory.sh), beside a
#           bare IMAP fetch and mbsync (contrib/bench-refs.sh) of the same
#           mailbox, alternating, BENCH_RUNS times; wall time, CPU (user +
#           system) and peak memory; medians.
#  reading  parse + classify + extract on one core, in memory (bench_parse).
#  feed     the Office's calendar feed of a register of 10,000 open items
#           (gen_register --open 100) served by `serve`, beside lighttpd
#           serving the same bytes from a file, both loaded by wrk: 200s
#           per second, and the CPU `serve` spends per 304.
#  start-up CPU per start beside git's (contrib/bench-startup.sh).
#  OCR      accuracy and speed over generated scans (contrib/gen-scans.py,
#           contrib/bench-ocr.py).
#  registers  gen_register builds registers of BENCH_REGISTERS items (default
#           10,000, 100,000 and 1,000,000): how long, how large.
#  sweep    the scheduler's CPU per cycle over registers of BENCH_SWEEP open
#           items (default 10,000 and 100,000) with nothing due and with
#           10,000 items due, and the first cycle's catch-up over every
#           item (wall, CPU, bytes written, the WAL's largest size, peak
#           memory, each batch's CPU and wall; contrib/bench-sweep.sh).
#           BENCH_SWEEP="10000 100000 1000000" adds the million: about 6
#           minutes to build, 6 to catch up, 17 GB of disk.
#  catch-up `serve` over a register of BENCH_CATCHUP items (100,000) all
#           overdue, at the real clock, with a live mailbox: how long until
#           nothing is due, and how long a letter delivered after the 10th
#           batch waits to be registered (contrib/bench-catchup-serve.sh).
#  report, list  on each register: `report --quarter 2026Q3` (a whole
#           quarter of the six the register spans) and `list --overdue`,
#           BENCH_RUNS times, alternating with BENCH_BASELINE when given:
#           wall, CPU, peak memory; medians.  With a baseline the register
#           is built by the baseline's gen_register (beside it or in its
#           BUILD), which it reads; congvan reads a copy it has migrated
#           (once, untimed), so that a newer schema compares with the older
#           one.
#
# Environment: BENCH_SIZES (default "1000 5000 10000"), BENCH_RUNS (3),
# BENCH_REGISTERS ("10000 100000 1000000"; "" for none), BENCH_SWEEP ("10000
# 100000"; "" for none), BENCH_CATCHUP ("100000"; "" for none),
# BENCH_BASELINE (the
# path of another congvan binary, measured the same way: before and after
# in one run), BENCH_FEED_SECONDS (10), BENCH_SCANS (letters rendered as
# scans, default 20, each in 6 variants; 0 skips OCR), BENCH_KEEP (keep
# the work folder).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${BUILD:-build/default}
SIZES=${BENCH_SIZES:-1000 5000 10000}
RUNS=${BENCH_RUNS:-3}
REGISTERS=${BENCH_REGISTERS-10000 100000 1000000}
SWEEP=${BENCH_SWEEP-10000 100000}
CATCHUP=${BENCH_CATCHUP-100000}
BASELINE=${BENCH_BASELINE:-}
FEED_SECONDS=${BENCH_FEED_SECONDS:-10}
SCANS=${BENCH_SCANS:-20}
# The corpus's letters start on this day: their stated deadlines lie
# ahead, as for mail that arrives as it is sent (the scheduler's work on
# overdue items is measured apart).
NOW=2026-01-05T07:30:00+07:00
. tests/lib.sh

for t in mbsync wrk lighttpd /usr/bin/time; do
	command -v "$t" >/dev/null || { echo "bench: $t not installed (contrib/install-deps)" >&2; exit 1; }
done
stack_start >/dev/null
W=$(mktemp -d /tmp/congvan-bench.XXXXXX)
chmod 755 "$W"
PIDS=()
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	[ -n "${BENCH_KEEP:-}" ] || { stack_stop >/dev/null 2>&1; rm -rf "$W"; }
}
trap cleanup EXIT

median() { sort -g | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
	"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(uname -sr); $(date -u +%FT%TZ)"
echo "== load average at the start: $(load) (other work on the machine counts against every figure)"

# ------------------------------------------------------------------ intake

max=0
for n in $SIZES; do [ "$n" -gt "$max" ] && max=$n; done
echo "== corpus: $max messages (a fifth with 100-300 KB PDFs), the first N for each size"
/usr/bin/python3 contrib/gen-corpus.py "$W/corpus" "$max" --seed 1 --to congvan@congvan.test | tail -1
files=("$W"/corpus/*.eml)
for n in $SIZES; do
	mkdir -p "$W/c$n"
	ln -s "${files[@]:0:n}" "$W/c$n/"
	stack_ctl adduser "b$n@congvan.test" >/dev/null
	maildir_inject "b$n" "$W/c$n"
	congvan_conf "$W/plain$n.conf" "$W/plain$n.db" "mailbox.user=b$n@congvan.test" \
		"smtp.url=smtp://127.0.0.1:1"
	congvan_conf "$W/dir$n.conf" "$W/dir$n.db" "mailbox.user=b$n@congvan.test" \
		"smtp.url=smtp://127.0.0.1:1"
	contrib/bench-directory.sh "$W/dir$n.conf"
done

# intake BINARY CONF: one run into a fresh database; appends
# "WALL CPU KB" to $W/NAME.times (NAME from the configuration's file).
intake() {
	local bin=$1 conf=$2 name db n
	name=$(basename "$conf" .conf)${3:-}
	db=$(sed -n 's/^database = //p' "$conf")
	rm -rf "$db" "$db".*
	# What the run before wrote is on the disk first: otherwise its
	# write-back (600 MB at 10,000 messages) falls into this run's time.
	sync
	/usr/bin/time -f '%e %U %S %M' -o "$W/time" "$bin" -c "$conf" run --once --now "$NOW" \
		2>"$W/run.err" || true
	n=$(sqlite3 "$db" 'SELECT COUNT(*) FROM messages' 2>/dev/null || echo 0)
	[ "$n" -gt 0 ] || { cat "$W/run.err" >&2; exit 1; }
	# (time writes "Command exited with non-zero status N" first when
	# it did: the SMTP server is nowhere, on purpose)
	tail -1 "$W/time" | awk '{printf "%s %.2f %d\n", $1, $2 + $3, $4}' >>"$W/$name.times"
}

echo "== intake, $RUNS runs at each size, alternating with the references (wall s, CPU s, peak KB)"
# Each round runs every size, so that the sizes compared for linearity
# meet the same machine: one size after the other, a machine whose speed
# drifts over minutes made the ratio of the two drift with it.
for r in $(seq "$RUNS"); do
	for n in $SIZES; do
		sync
		contrib/bench-refs.sh "$MAILSTACK_DIR" "b$n@congvan.test" >"$W/refs" 2>&1 ||
			{ cat "$W/refs" >&2; exit 1; }
		sed -n 's/^bare-fetch: \([0-9.]*\) s.*/\1/p' "$W/refs" >>"$W/bare$n.times"
		sed -n 's/^mbsync: \([0-9.]*\) s, \([0-9]*\) KB.*/\1 \2/p' "$W/refs" >>"$W/mbsync$n.times"
		intake ./congvan "$W/plain$n.conf"
		intake ./congvan "$W/dir$n.conf"
		if [ -n "$BASELINE" ]; then
			intake "$BASELINE" "$W/plain$n.conf" .base
			intake "$BASELINE" "$W/dir$n.conf" .base
		fi
		echo "$n messages, run $r: mbsync $(tail -1 "$W/mbsync$n.times" | cut -d' ' -f1) s;" \
			"congvan $(tail -1 "$W/plain$n.times"), with the directory $(tail -1 "$W/dir$n.times")" \
			"${BASELINE:+; baseline $(tail -1 "$W/plain$n.base.times"), $(tail -1 "$W/dir$n.base.times")}"
	done
done

# col FILE K: the median of column K
col() { cut -d' ' -f"$2" "$1" | median; }
echo "== intake summary (medians of $RUNS runs; ratio = congvan wall / mbsync wall)"
printf '%-8s %8s %8s | %8s %6s %7s %7s | %8s %6s %7s %7s\n' messages bare mbsync \
	congvan ratio CPU MB "+dir" ratio CPU MB
for n in $SIZES; do
	mb=$(col "$W/mbsync$n.times" 1)
	printf '%-8s %8s %8s | %8s %6s %7s %7.1f | %8s %6s %7s %7.1f\n' "$n" \
		"$(col "$W/bare$n.times" 1)" "$mb" \
		"$(col "$W/plain$n.times" 1)" "$(ratio "$(col "$W/plain$n.times" 1)" "$mb")" \
		"$(col "$W/plain$n.times" 2)" "$(awk -v k="$(col "$W/plain$n.times" 3)" 'BEGIN {print k / 1024}')" \
		"$(col "$W/dir$n.times" 1)" "$(ratio "$(col "$W/dir$n.times" 1)" "$mb")" \
		"$(col "$W/dir$n.times" 2)" "$(awk -v k="$(col "$W/dir$n.times" 3)" 'BEGIN {print k / 1024}')"
	if [ -n "$BASELINE" ]; then
		printf '%-8s %17s | %8s %6s %7s %7.1f | %8s %6s %7s %7.1f\n' "  before" "" \
			"$(col "$W/plain$n.base.times" 1)" "$(ratio "$(col "$W/plain$n.base.times" 1)" "$mb")" \
			"$(col "$W/plain$n.base.times" 2)" "$(awk -v k="$(col "$W/plain$n.base.times" 3)" 'BEGIN {print k / 1024}')" \
			"$(col "$W/dir$n.base.times" 1)" "$(ratio "$(col "$W/dir$n.base.times" 1)" "$mb")" \
			"$(col "$W/dir$n.base.times" 2)" "$(awk -v k="$(col "$W/dir$n.base.times" 3)" 'BEGIN {print k / 1024}')"
	fi
done
set -- $SIZES
if [ $# -ge 2 ]; then
	eval "last=\${$#}"
	prev=$(echo "$SIZES" | tr ' ' '\n' | tail -2 | head -1)
	echo "linearity: $last messages take $(ratio "$(col "$W/plain$last.times" 1)" "$(col "$W/plain$prev.times" 1)")×" \
		"the time of $prev ($(ratio "$(col "$W/dir$last.times" 1)" "$(col "$W/dir$prev.times" 1)")× with the directory;" \
		"$(ratio "$last" "$prev")× the messages); CPU $(ratio "$(col "$W/plain$last.times" 2)" "$(col "$W/plain$prev.times" 2)")×" \
		"($(ratio "$(col "$W/dir$last.times" 2)" "$(col "$W/dir$prev.times" 2)")× with the directory)"
fi

echo "== reading: parse + classify + extract on one core (the $max messages, in memory)"
"$BUILD"/bench_parse "$W/corpus" 3

echo "== start-up: CPU per start, beside git (same run)"
contrib/bench-startup.sh 300
if [ "$SCANS" -gt 0 ]; then
	echo "== OCR: $SCANS generated letters as scans (6 variants each), read by congvan inspect"
	/usr/bin/python3 contrib/gen-scans.py "$W/scans" "$SCANS" --seed 11
	/usr/bin/python3 contrib/bench-ocr.py ./congvan "$W/scans"
fi

# ------------------------------------------------------------------- feed

echo "== feed: the Office's feed of 10,000 open items, congvan serve beside lighttpd, wrk -t2 -c8 ${FEED_SECONDS}s each"
port() { "$T_PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
stack_ctl adduser feedbench@congvan.test >/dev/null
FPORT=$(port)
# An empty mailbox, and mail to nowhere: serve only sweeps and serves.
congvan_conf "$W/feed.conf" "$W/feed.db" "mailbox.user=feedbench@congvan.test" \
	"mailbox.poll_interval=3600" "smtp.url=smtp://127.0.0.1:1"
contrib/bench-directory.sh "$W/feed.conf"
printf '\n[feed]\nlisten = 127.0.0.1:%s\n' "$FPORT" >>"$W/feed.conf"
# Letters up to today, every one open: all overdue but the last weeks'.
"$BUILD"/gen_register "$W/feed.conf" 10000 --open 100 --seed 2 --end "$(date -d tomorrow +%F)"
# The scheduler's catching up with them, once, before serve: so that
# the feed is measured steady, not while its items change.
/usr/bin/time -f '%e %U %S' -o "$W/time" ./congvan -c "$W/feed.conf" run --once 2>/dev/null || true
echo "first cycle over the register: $(tail -1 "$W/time" | awk '{printf "%s s wall, %.1f s CPU", $1, $2 + $3}')"
URL=$(./congvan -c "$W/feed.conf" feed-url office 2>/dev/null)
./congvan -c "$W/feed.conf" serve >"$W/serve.out" 2>"$W/serve.err" &
SPID=$!
PIDS+=("$SPID")
# serve's own first cycle, then a feed that stays the same.
for _ in $(seq 600); do
	grep -q 'outbox: ' "$W/serve.err" && break
	sleep 0.1
done
first=$(curl -sS -o "$W/static/office.ics" --create-dirs -w '%{time_total}' "$URL")
ETAG=$(curl -sS -D - -o /dev/null "$URL" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
echo "Office feed: $(grep -c '^BEGIN:VEVENT' "$W/static/office.ics") events," \
	"$(stat -c %s "$W/static/office.ics") bytes; first request (built) $first s"
SPORT=$(port)
cat >"$W/lighttpd.conf" <<EOF
server.document-root = "$W/static"
server.bind = "127.0.0.1"
server.port = $SPORT
server.errorlog = "$W/lighttpd.err"
mimetype.assign = (".ics" => "text/calendar; charset=utf-8")
EOF
lighttpd -D -f "$W/lighttpd.conf" &
PIDS+=("$!")
sleep 0.5
cpu() { awk '{print $14 + $15}' "/proc/$SPID/stat"; } # clock ticks
rate() { wrk -t2 -c8 -d"${FEED_SECONDS}s" "$@" | sed -n 's/^Requests\/sec: *//p'; }
for r in $(seq "$RUNS"); do
	rate "http://127.0.0.1:$SPORT/office.ics" >>"$W/static.rate"
	rate "$URL" >>"$W/feed200.rate"
	c0=$(cpu)
	wrk -t2 -c8 -d"${FEED_SECONDS}s" -H "If-None-Match: $ETAG" "$URL" >"$W/wrk304"
	c1=$(cpu)
	n=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$W/wrk304")
	awk -v t=$((c1 - c0)) -v n="$n" -v hz="$(getconf CLK_TCK)" \
		'BEGIN {printf "%.1f\n", t / hz / n * 1e6}' >>"$W/feed304.us"
	sed -n 's/^Requests\/sec: *//p' "$W/wrk304" >>"$W/feed304.rate"
	echo "run $r: lighttpd $(tail -1 "$W/static.rate") 200/s; congvan $(tail -1 "$W/feed200.rate") 200/s," \
		"$(tail -1 "$W/feed304.rate") 304/s at $(tail -1 "$W/feed304.us") µs of CPU each"
done
echo "feed summary (medians): congvan $(median <"$W/feed200.rate") 200/s = $(ratio "$(median <"$W/feed200.rate")" "$(median <"$W/static.rate")")×" \
	"lighttpd ($(median <"$W/static.rate")/s); a 304 costs $(median <"$W/feed304.us") µs of CPU"
kill "$SPID" 2>/dev/null || true

# -------------------------------------------------------------- registers

if [ -n "$REGISTERS" ]; then
	echo "== registers built by gen_register (the figures of the sweep, reports and feeds at scale read these)"
	gen=$BUILD/gen_register
	for g in "$(dirname "$BASELINE")"/gen_register "$(dirname "$BASELINE")/$BUILD/gen_register"; do
		[ -n "$BASELINE" ] && [ -x "$g" ] && { gen=$g; break; }
	done
	for n in $REGISTERS; do
		congvan_conf "$W/reg$n.conf" "$W/reg$n.db"
		contrib/bench-directory.sh "$W/reg$n.conf"
		/usr/bin/time -f '%e %U %S %M' -o "$W/time" "$gen" "$W/reg$n.conf" "$n" --seed 3
		echo "$n items: $(tail -1 "$W/time" | awk '{printf "%s s wall, %.1f s CPU, %d KB peak", $1, $2 + $3, $4}')," \
			"$(du -sh "$W/reg$n.db" | cut -f1) database, $(sqlite3 "$W/reg$n.db" \
			"SELECT COUNT(*) FROM items WHERE status IN ('assigned', 'disputed')") open"
		if [ -n "$BASELINE" ]; then
			# the baseline reads the register as its gen_register
			# wrote it; congvan a copy, migrated here (not timed)
			cp "$W/reg$n.conf" "$W/base$n.conf"
			cp "$W/reg$n.db" "$W/new$n.db"
			sed -i "s|^database = .*|database = $W/new$n.db|" "$W/reg$n.conf"
			/usr/bin/time -f '%e' -o "$W/time" ./congvan -c "$W/reg$n.conf" list --overdue >/dev/null
			echo "  congvan's copy migrated (its schema $(sqlite3 "$W/new$n.db" 'PRAGMA user_version'), the baseline's" \
				"$(sqlite3 "$W/reg$n.db" 'PRAGMA user_version')) in $(tail -1 "$W/time") s"
		fi
	done
	# reg_cmd NAME BINARY CONF ARGS...: one run; appends "WALL CPU KB LINES"
	# to $W/NAME.times.
	reg_cmd() {
		local name=$1 bin=$2 conf=$3
		shift 3
		/usr/bin/time -f '%e %U %S %M' -o "$W/time" "$bin" -c "$conf" "$@" \
			--now 2027-01-05T09:00:00+07:00 >"$W/reg.out" 2>"$W/reg.err" ||
			{ cat "$W/reg.err" >&2; exit 1; }
		tail -1 "$W/time" | awk -v l="$(wc -l <"$W/reg.out")" \
			'{printf "%s %.2f %d %d\n", $1, $2 + $3, $4, l}' >>"$W/$name.times"
	}
	echo "== report --quarter 2026Q3 and list --overdue on each register, $RUNS runs" \
		"(medians: wall s, CPU s, peak MB, lines of output)"
	for n in $REGISTERS; do
		for r in $(seq "$RUNS"); do
			reg_cmd "report$n" ./congvan "$W/reg$n.conf" report --quarter 2026Q3
			reg_cmd "overdue$n" ./congvan "$W/reg$n.conf" list --overdue
			if [ -n "$BASELINE" ]; then
				reg_cmd "report$n.base" "$BASELINE" "$W/base$n.conf" report --quarter 2026Q3
				reg_cmd "overdue$n.base" "$BASELINE" "$W/base$n.conf" list --overdue
			fi
		done
		for what in report overdue; do
			for v in "" .base; do
				f="$W/$what$n$v.times"
				[ -e "$f" ] || continue
				label=congvan
				[ -z "$v" ] || label=before
				printf '%-8s %-8s %-8s %6s s %6s s CPU %7.1f MB %8s lines\n' "$n" "$what" \
					"$label" "$(col "$f" 1)" "$(col "$f" 2)" \
					"$(awk -v k="$(col "$f" 3)" 'BEGIN {print k / 1024}')" "$(col "$f" 4)"
			done
		done
	done
fi

# ------------------------------------------------------------------ sweep

if [ -n "$SWEEP" ]; then
	echo "== sweep: one cycle's scheduler over registers of N open items (contrib/bench-sweep.sh), medians of $RUNS"
	BUILD=$BUILD contrib/bench-sweep.sh "$SWEEP" "$RUNS"
fi
if [ -n "$CATCHUP" ]; then
	echo "== serve through a catch-up over $CATCHUP items all overdue, a letter delivered in the middle (contrib/bench-catchup-serve.sh)"
	BUILD=$BUILD contrib/bench-catchup-serve.sh "$CATCHUP"
else
	echo "== serve through a catch-up: skipped (BENCH_CATCHUP is empty)"
fi

echo "== load average at the end: $(load)"
