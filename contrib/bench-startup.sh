#!/usr/bin/env bash
# congvan — start-up cost for `make bench`: the CPU time (user + system) of
# `congvan --version` and `congvan list` (an empty register) beside `git
# --version` and /bin/true, in the same run, alternating, each started N
# times by one shell loop (the loop's own cost is /bin/true's line).
# congvan is the front that runs the commands reading the database;
# congvan-full, which links the mail, network, iCalendar and HTTP
# libraries and runs the rest, is shown beside it.  congvan-reader, which alone loads poppler,
# cairo, glib, Tesseract, Leptonica and NSS, is shown for comparison on an
# empty input (it refuses it at once).
#
#   contrib/bench-startup.sh [N]        N defaults to 300
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-300}
[ -x /usr/bin/time ] || { echo "bench-startup: /usr/bin/time not installed (package time)" >&2; exit 1; }

# cpu_ms CMD...: CPU milliseconds per run of CMD, over N runs
cpu_ms() {
	/usr/bin/time -f '%U %S' -o /tmp/congvan-startup.$$ \
		bash -c 'for ((i = 0; i < $0; i++)); do "$@" </dev/null >/dev/null 2>&1; done; true' "$N" "$@" || true
	awk -v n="$N" '{printf "%.2f", ($1 + $2) * 1000 / n}' /tmp/congvan-startup.$$
	rm -f /tmp/congvan-startup.$$
}

work=$(mktemp -d /tmp/congvan-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT
cat >"$work/congvan.conf" <<EOF
[service]
organization = Bench
domain = bench.test
database = $work/congvan.db
office = vanthu@bench.test
[mailbox]
url = imap://127.0.0.1:1/INBOX
user = congvan@bench.test
password = x
[smtp]
url = smtp://127.0.0.1:1
from = congvan@bench.test
EOF
./congvan -c "$work/congvan.conf" list >/dev/null

declare -A sum
names=("congvan --version" "congvan list" "congvan-full --version" "git --version" "/bin/true" "congvan-reader (no input)")
for round in 1 2 3; do
	sum["congvan --version"]+=" $(cpu_ms ./congvan --version)"
	sum["congvan list"]+=" $(cpu_ms ./congvan -c "$work/congvan.conf" list)"
	sum["congvan-full --version"]+=" $(cpu_ms ./congvan-full --version)"
	sum["git --version"]+=" $(cpu_ms git --version)"
	sum["/bin/true"]+=" $(cpu_ms /bin/true)"
	sum["congvan-reader (no input)"]+=" $(cpu_ms ./congvan-reader)"
done
best() { tr ' ' '\n' | grep . | sort -n | head -1; }
git_ms=$(echo "${sum["git --version"]}" | best)
for n in "${names[@]}"; do
	ms=$(echo "${sum[$n]}" | best)
	printf '%-28s %6.2f ms CPU per start (best of 3 x %d)  %5.1fx git\n' "$n" "$ms" "$N" \
		"$(awk -v a="$ms" -v b="$git_ms" 'BEGIN {print a / b}')"
done
printf 'shared libraries: congvan %d, congvan-full %d, congvan-reader %d, git %d\n' \
	"$(ldd ./congvan | wc -l)" "$(ldd ./congvan-full | wc -l)" "$(ldd ./congvan-reader | wc -l)" \
	"$(ldd "$(command -v git)" | wc -l)"

# Where congvan's start-up goes: an empty program linked against each
# library congvan links (and what that library pulls in), less an empty
# program linked against nothing.
echo 'int main(void) { return 0; }' >"$work/m.c"
cc -o "$work/none" "$work/m.c"
base=$(cpu_ms "$work/none")
printf 'start-up CPU added by each library (an empty program linked to it, less %.2f ms):\n' "$base"
for p in libcurl libetpan libical libxml-2.0 libmicrohttpd gnutls opendkim sqlite3; do
	pkg-config --exists "$p" 2>/dev/null || continue
	# shellcheck disable=SC2046
	cc -o "$work/$p" "$work/m.c" -Wl,--no-as-needed $(pkg-config --libs "$p")
	printf '  %-14s %5.2f ms\n' "$p" "$(awk -v a="$(cpu_ms "$work/$p")" -v b="$base" 'BEGIN {print a - b}')"
done
