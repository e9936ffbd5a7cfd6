#!/usr/bin/env bash
# The report and `list` over a register built by gen_register (6 quarters
# of letters of a ministry with 20 units): their output is, byte for byte,
# what congvan gave before the report counted items as the store walks them
# and `list` filtered in SQL (main at 57298bd, which held every item of the
# period in memory and read each item's log and case one query at a time).
# The expected outputs are their SHA-256 sums, recorded with that binary
# on the same register (gen_register: the same seed gives the same
# register).  Each quarter and a period across two in the three formats,
# a quarter as seen in its middle, and the report read with a directory
# that has lost five of the units and every rule (units and people the
# directory does not know get rows in the order they are met); `list`
# with each filter.  No mail: nothing here needs the stack.
#
# When gen_register or the report's definitions change on purpose, print
# the new sums with T_PRINT=1 and check the outputs by hand first.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
GEN="$T_ROOT/${BUILD:-build/default}/gen_register"
NOW=2027-01-05T09:00:00+07:00

WORK=$(mktemp -d /tmp/congvan-reg.XXXXXX)
trap '[ -n "${T_KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT

# A configuration without a stack: nothing here connects.
DOMAIN=congvan.test IMAP_PORT=1143 SMTP_PORT=1 PASSWORD=secret
CONF="$WORK/congvan.conf"
congvan_conf "$CONF" "$WORK/congvan.db"
"$T_ROOT/contrib/bench-directory.sh" "$CONF"
# The same database read with 15 of the units and no rules, and with the
# report in English.
awk '/^\[/ {skip = /^\[rule / || /^\[unit (PVTM|TMDT|PTTT|HC|TDKT)\]/} !skip' \
	"$CONF" >"$WORK/fewer.conf"
FEWER="$WORK/fewer.conf"
cp "$CONF" "$WORK/en.conf"
printf '\n[report]\nlanguage = en\n' >>"$WORK/en.conf"
EN="$WORK/en.conf"

t_begin "a register of 3,000 letters"
if [ ! -x "$GEN" ]; then
	t_fail "gen_register built" "missing: $GEN (make $GEN)"
	t_summary
	exit
fi
t_ok "gen_register builds it" "$GEN" "$CONF" 3000 --seed 7 --open 2
n=$(sqlite3 "$WORK/congvan.db" "SELECT COUNT(*) FROM items")
assert_eq 3000 "$n" "3,000 items registered"
assert_eq 15 "$(grep -c '^\[unit ' "$WORK/fewer.conf")" "the smaller directory has 15 units"

# sum NAME CONF ARGS...: the SHA-256 of congvan's output, beside NAME
sum() {
	local name=$1 conf=$2 out
	shift 2
	out=$("$CONGVAN" -c "$conf" "$@" 2>"$WORK/err")
	local rc=$?
	[ "$rc" -eq 0 ] || { echo "$name: exit $rc: $(head -3 "$WORK/err")" >&2; return 1; }
	printf '%s\n' "$out" | sha256sum | cut -c1-64
}

# The outputs of main at 57298bd on this register.
expected() {
	case $1 in
	q3-2025) echo f6f5515ad81863719fe9aa19dbb26e4303342a99014744f3a3ec65a69434d86c ;;
	q1-text) echo 415582ea067706b263a298032b3857fbe3e303a8034cb0a85058591ab566a4fb ;;
	q1-csv) echo 62aedc7bc627018861cb5632c74e727ea6df65fc788bca08ca687023ab3ab114 ;;
	q1-html) echo d3b7cb5126fb47b40351354764c2ee34f84a3fb197f8baba99069246e89821be ;;
	q4-text) echo c29260a0679013ae2d28ad1e02e5159fb3df981bc70ca0947c6484238896f754 ;;
	q4-csv) echo 484ffcf9b3feb6919474ca56d1b125bd25a604c2731625ba6eca296407ba864e ;;
	q4-html) echo 5384324852ec0c8dd88c46ba9527b9f6e0ad5fa26dcad2268d4d5b6e81a5e898 ;;
	q4-en) echo 8e58e6afdee634a1351c0d065a3d83f30c7e3a865a47a942385945241532b557 ;;
	q4-mid) echo 9e8fa8ed6acf0e50851fff35bccf9167b6ae5f71b834cbe01b33a970947b0fb7 ;;
	current) echo 9e8fa8ed6acf0e50851fff35bccf9167b6ae5f71b834cbe01b33a970947b0fb7 ;;
	period-text) echo def13733c86420ccfa202de7a4baf0106063797b9a6e653d28ede6c25c100cae ;;
	period-csv) echo d10899973f028e766553fab172f110c8542874db07161c719cd677de2917ae98 ;;
	fewer-q2) echo c769af14a5b9aaa4810600be43f85956e2b01bc085844917d9eeab76445d9dcc ;;
	fewer-q2-csv) echo a6b867bb9f54f5e70461dc945438508c5965e558bc0c276fa6875cee68f598cb ;;
	fewer-period) echo c798877b513d793d3f183ee938e365e80eb0fcb25e7c1f650c58b52432aae3cf ;;
	list) echo 0fd26262a002e8004ad123908408744b0463e7d907ddbbaae52d1c3044c166b0 ;;
	list-overdue) echo 29556cb2a532785f0cc0a7a4f367683dc6b3443504aeb79be4eb64291c404cdd ;;
	list-overdue-mid) echo 37669d4a410de062f7b60f1f8d4152817cbf018a4e3c8225945d91ee72cec5ee ;;
	list-unit) echo 9c04c1f10675b579c2ed34b6f06c09733a80e2ccd36fff1cb0a26a4f1d9bbb1f ;;
	list-unit-overdue) echo 2a9335cfa357dfa198d85705505abe6f0f3552d1740d880d09be6f027bd3731f ;;
	list-disputed) echo ab789eceda398c78836a23e1b5e9c8d0f1c0a732ee42c7b6d7137b872ac9b020 ;;
	list-done-unit) echo 113775c8fa76e4f165a72bb96601f52dcb17ae0a604966a950c818cd08547996 ;;
	list-registered) echo 01ba4719c80b6fe911b091a7c05124b64eeece964e09c058ef8f9805daca546b ;;
	list-fewer-unit) echo eb892156d06176296d06d05408fffe358ae8cc312d57450edfb2d529c7764c69 ;;
	*) echo unknown ;;
	esac
}

MID=2026-11-18T10:00:00+07:00
# What the sums stand for, in part: the units the smaller directory lost
# still get their rows, and the filters leave some items and not all.
fewer=$("$CONGVAN" -c "$FEWER" report --quarter 2026Q2 --format csv --now "$NOW")
assert_contains "$fewer" ',PVTM,PVTM,' "a unit the directory lost keeps its row"
overdue=$("$CONGVAN" -c "$CONF" list --overdue --now "$NOW" | wc -l)
assert_eq 60 "$overdue" "60 items open and overdue at the end"
assert_eq 3000 "$("$CONGVAN" -c "$CONF" list | wc -l)" "list shows every item"
cases=(
	"q3-2025|$CONF|report --quarter 2025Q3 --now $NOW"
	"q1-text|$CONF|report --quarter 2026Q1 --now $NOW"
	"q1-csv|$CONF|report --quarter 2026Q1 --format csv --now $NOW"
	"q1-html|$CONF|report --quarter 2026Q1 --format html --now $NOW"
	"q4-text|$CONF|report --quarter 2026Q4 --now $NOW"
	"q4-csv|$CONF|report --quarter 2026Q4 --format csv --now $NOW"
	"q4-html|$CONF|report --quarter 2026Q4 --format html --now $NOW"
	"q4-en|$EN|report --quarter 2026Q4 --now $NOW"
	"q4-mid|$CONF|report --quarter 2026Q4 --now $MID"
	"current|$CONF|report --now $MID"
	"period-text|$CONF|report --from 2026-02-15 --to 2026-05-20 --now $NOW"
	"period-csv|$CONF|report --from 2026-02-15 --to 2026-05-20 --format csv --now $NOW"
	"fewer-q2|$FEWER|report --quarter 2026Q2 --now $NOW"
	"fewer-q2-csv|$FEWER|report --quarter 2026Q2 --format csv --now $NOW"
	"fewer-period|$FEWER|report --from 2025-08-01 --to 2026-12-31 --format csv --now $NOW"
	"list|$CONF|list"
	"list-overdue|$CONF|list --overdue --now $NOW"
	"list-overdue-mid|$CONF|list --overdue --now $MID"
	"list-unit|$CONF|list --unit CN"
	"list-unit-overdue|$CONF|list --unit cn --overdue --now $MID"
	"list-disputed|$CONF|list --status disputed"
	"list-done-unit|$CONF|list --status done --unit VP"
	"list-registered|$CONF|list --status registered"
	"list-fewer-unit|$FEWER|list --unit KHTC --overdue --now $NOW"
)
t_begin "reports and lists as before"
for c in "${cases[@]}"; do
	IFS='|' read -r name conf args <<<"$c"
	# shellcheck disable=SC2086 # the arguments are words
	got=$(sum "$name" "$conf" $args)
	if [ -n "${T_PRINT:-}" ]; then
		echo "	$name) echo $got ;;"
		continue
	fi
	assert_eq "$(expected "$name")" "$got" "$name: congvan $args"
done
t_summary
