#!/usr/bin/env bash
# The manual pages: congvan.conf(5) is made from config.example by the build
# (contrib/man/conf2man.awk) and documents every key of it, so the two
# cannot differ; congvan(8) documents every command and option that
# "congvan --help" lists, and every exit status; groff formats both without
# a warning.  (tests/unit/test_config.c checks that config.example documents
# every key the parser takes.)
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
WORK=$(mktemp -d /tmp/congvan-man.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

make -C "$T_ROOT" --no-print-directory man >/dev/null 2>&1 || t_fail "make man"
CONF5="$T_ROOT/build/man/congvan.conf.5"
MAN8="$T_ROOT/build/man/congvan.8"

t_begin "congvan.conf(5) is config.example"
awk -v version=x -v date=x -v datadir=x -f "$T_ROOT/contrib/man/conf2man.awk" \
	"$T_ROOT/config.example" >"$WORK/fresh.5"
strip() { grep -v '^\.TH ' "$1" | grep -v '^\.I .*/config.example$'; }
assert_eq "" "$(diff <(strip "$CONF5") <(strip "$WORK/fresh.5"))" \
	"the built page is what config.example gives now"
n=0
while read -r section key; do
	n=$((n + 1))
	case $section in
	unit | rule) # documented as a list item and shown in the example
		grep -qx "\.B $key" "$CONF5" || t_fail "[$section] $key is not listed in congvan.conf(5)" ;;
	*)
		grep -q "^\\\\fB$key\\\\fR = " "$CONF5" || t_fail "[$section] $key is not in congvan.conf(5)" ;;
	esac
	t_pass "[$section] $key"
done < <(awk '
	/^;? ?\[[a-z]+( [^]]+)?\][ \t]*$/ { s = $0; sub(/^;? ?\[/, "", s); sub(/[] ].*/, "", s); next }
	/^;? ?[a-z_]+ = / { k = $0; sub(/^; ?/, "", k); sub(/ = .*/, "", k); if (s != "") print s, k }
' "$T_ROOT/config.example" | sort -u)
assert_ge "$n" 30 "config.example has keys ($n)"
sed '/^\[unit VU-PC\]/,/^$/d' "$T_ROOT/config.example" >"$WORK/nounit.example"
awk -v version=x -v date=x -v datadir=x -f "$T_ROOT/contrib/man/conf2man.awk" \
	"$WORK/nounit.example" >"$WORK/changed.5"
assert_ne "$(cat "$WORK/fresh.5")" "$(cat "$WORK/changed.5")" "an edit of config.example changes the page"

t_begin "congvan(8) documents every command, option and exit status"
help=$("$CONGVAN" --help)
commands=$(sed -n '/^commands/,/^$/p' <<<"$help" | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
assert_ge "$(wc -w <<<"$commands")" 10 "--help lists the commands"
for c in $commands; do
	grep -q "^\.SS \"\{0,1\}${c//-/\\\\-}\( \|\"\|$\)" "$MAN8" ||
		t_fail "command $c has no section in congvan(8)"
done
options=$(grep -o -- '--[a-z][a-z-]*' <<<"$help" | sort -u)
for o in $options; do
	grep -qF -- "${o//-/\\-}" "$MAN8" || t_fail "option $o is not in congvan(8)"
done
assert_ge "$(wc -w <<<"$options")" 4 "--help lists the global options"
# each command's own options (congvan COMMAND --help), under its section
n=0
for c in $commands; do
	section=$(awk -v c="${c//-/\\\\-}" '
		/^\.S[SH] / { on = ($1 == ".SS" && ($2 == c || $2 == "\"" c || index($2, "\"" c " ") == 1)) }
		on' "$MAN8")
	own=$("$CONGVAN" "$c" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u |
		grep -vx -- '--config\|--verbose\|--help\|--version')
	for o in $own; do
		n=$((n + 1))
		grep -qF -- "${o//-/\\-}" <<<"$section" ||
			t_fail "$c's option $o is not in its section of congvan(8)"
	done
done
assert_ge "$n" 10 "the commands' own options ($n) were looked up"
for s in 0 64 65 66 69 70 73 74 75 77 78; do
	grep -qx "\.B $s" "$MAN8" || t_fail "exit status $s is not in congvan(8)"
done
t_pass "commands: $(tr '\n' ' ' <<<"$commands")"

t_begin "groff formats both pages without a warning"
for page in "$MAN8" "$CONF5"; do
	out=$(preconv "$page" | groff -man -Tutf8 -ww -z 2>&1)
	assert_eq "" "$out" "${page##*/}: no groff warning"
	text=$(preconv "$page" | groff -man -Tutf8 2>/dev/null | col -bx)
	assert_contains "$text" "NAME" "${page##*/} renders"
done
assert_contains "$(preconv "$CONF5" | groff -man -Tutf8 2>/dev/null | col -bx)" \
	"Vụ Pháp chế" "Vietnamese survives in congvan.conf(5)"

t_summary
