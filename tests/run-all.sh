#!/usr/bin/env bash
# Runs the unit test binaries given as arguments, then every integration
# test under tests/integration/, and prints one closing line
# "N passed, N failed" over all of them.  Exit status 1 when anything failed.
#   tests/run-all.sh [--unit-only|--integration-only] [UNIT_BINARY...]
set -u
cd "$(dirname "$0")/.." || exit 2

mode=all
case "${1:-}" in
--unit-only) mode=unit; shift ;;
--integration-only) mode=integration; shift ;;
esac

passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count() { # FILE: adds the counts from cmocka's or our summary lines
	local p f
	p=$(grep -aoE '^\[  PASSED  \] [0-9]+' "$1" | awk '{s+=$NF} END {print s+0}')
	f=$(grep -aoE '^\[  FAILED  \] [0-9]+' "$1" | awk '{s+=$NF} END {print s+0}')
	if [ "$p" = 0 ] && [ "$f" = 0 ]; then
		p=$(grep -aoE '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -1 | awk '{print $1+0}')
		f=$(grep -aoE '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -1 | awk '{print $3+0}')
	fi
	echo "${p:-0} ${f:-0}"
}

run() { # NAME COMMAND...
	local name=$1 p f rc
	shift
	echo "== $name"
	"$@" >"$log" 2>&1
	rc=$?
	cat "$log"
	read -r p f < <(count "$log")
	if [ "$rc" -ne 0 ] && [ "$f" = 0 ]; then
		f=1 # crashed or exited non-zero without a summary
		echo "!! $name exited with status $rc"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}

if [ "$mode" != integration ]; then
	for bin in "$@"; do
		run "$(basename "$bin")" "$bin"
	done
fi
if [ "$mode" != unit ]; then
	for t in tests/integration/test_*.sh; do
		[ -e "$t" ] || continue
		run "$(basename "$t")" bash "$t"
	done
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
