#!/usr/bin/env bash
# Acceptance test of `congvan inspect` (and `congvan trim`) against the
# contract in DESIGN.md.  No mail servers.
#
#  - every tests/data/inspect/NAME.eml: exit 0, one valid JSON object with
#    exactly the contract's keys, then each key compared with NAME.json
#    (written by hand from the contract), one check per key; "from" and
#    "letter" are compared field by field.  Strings are compared after NFC
#    normalisation; reply_text also after collapsing runs of white space
#    within each line, trimming each line, collapsing runs of empty lines
#    into one and trimming empty lines at both ends; from.address
#    case-insensitively.  An expected value "__any__" is not checked; keys
#    starting with "_" in NAME.json are comments.
#  - every tests/data/inspect/answers/NAME.eml the same way: staff answers
#    to consultation requests and assignments in many clients' shapes.
#  - tests/data/talon (mailgun/talon's fixtures, copied from
#    ../shared/fixtures/talon with their LICENSE):
#    standard_replies/*.eml give kind "reply" and reply_text "Hello";
#    html_replies/*.html, wrapped into a minimal text/html message, give
#    "Hi. I am fine.\n\nThanks,\nAlex" (compared with all white space
#    removed).
#  - exit statuses: a missing file 66 (EX_NOINPUT), an empty file non-zero.
#  - `congvan trim` on a body with a Gmail quote prints only the new text.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN=${CONGVAN:-$T_ROOT/congvan} # CONGVAN=build/san/congvan to test another build
DATA="$T_ROOT/tests/data/inspect"
TALON="$T_ROOT/tests/data/talon"
WORK=$(mktemp -d /tmp/congvan-inspect.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# ------------------------------------------------------------ the checker
# check.py EXPECTED.json ACTUAL-STDOUT MODE
# MODE "fixture": key-by-key comparison with EXPECTED.json.
# MODE "talon-standard" / "talon-html": the talon expectations (EXPECTED is
# ignored).  Prints one line per check: STATUS<TAB>KEY<TAB>EXPECTED<TAB>ACTUAL
# with STATUS pass, fail or skip and the values as JSON (one line each).
cat >"$WORK/check.py" <<'PY'
import json
import re
import sys
import unicodedata

ANY = "__any__"
KEYS = ["message_id", "in_reply_to", "references", "from", "subject", "kind",
        "item_ref", "decision", "reply_text", "letter", "attachments", "signatures"]
LETTER_KEYS = ["number", "date", "place", "subject", "recipients", "signer", "deadline",
               "source", "ocr"]
FROM_KEYS = ["name", "address"]
MISSING = object()


def out(status, key, exp, act):
    def j(v):
        return "<missing>" if v is MISSING else json.dumps(v, ensure_ascii=False)
    print("%s\t%s\t%s\t%s" % (status, key, j(exp), j(act)))


def nfc(v):
    if isinstance(v, str):
        return unicodedata.normalize("NFC", v)
    if isinstance(v, list):
        return [nfc(x) for x in v]
    if isinstance(v, dict):
        return {k: nfc(x) for k, x in v.items()}
    return v


def text_norm(v):
    """reply_text: NFC, white space collapsed and trimmed within lines,
    runs of empty lines collapsed, empty lines trimmed at both ends."""
    if not isinstance(v, str):
        return v
    lines = [re.sub(r"\s+", " ", l).strip()
             for l in nfc(v).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    res = []
    for l in lines:
        if l == "" and (not res or res[-1] == ""):
            continue
        res.append(l)
    while res and res[-1] == "":
        res.pop()
    return "\n".join(res)


def attachments_norm(v):
    """How an attachment was read ("read", "note", "ocr_confidence") is
    compared only where the expectation says; null means not read."""
    if not isinstance(v, list):
        return v
    res = []
    for a in v:
        if isinstance(a, dict):
            a = {k: x for k, x in a.items()
                 if k not in ("read", "note", "ocr_confidence") or x is not None}
            for k in ("content_type", "sha256"):
                if isinstance(a.get(k), str):
                    a[k] = a[k].lower()
        res.append(nfc(a))
    return res


def compare(key, exp, act, norm=nfc):
    if isinstance(exp, str) and exp == ANY:
        out("skip", key, exp, act)
        return
    if act is not MISSING and norm(exp) == norm(act):
        out("pass", key, exp, act)
    else:
        out("fail", key, norm(exp), act if act is MISSING else norm(act))


def compare_obj(key, subkeys, exp, act, norms=None):
    """A nested object compared field by field (null compared whole)."""
    norms = norms or {}
    if exp is None or (isinstance(exp, str) and exp == ANY):
        compare(key, exp, act)
        return
    if not isinstance(act, dict):
        for k in subkeys:
            out("fail", "%s.%s" % (key, k), exp.get(k), act)
        return
    for k in subkeys:
        if k in exp:
            compare("%s.%s" % (key, k), exp[k], act.get(k, MISSING), norms.get(k, nfc))
    extra = sorted(set(act) - set(subkeys))
    if extra:
        out("fail", key + " (keys)", subkeys, sorted(act))


def main():
    exp_path, act_path, mode = sys.argv[1:4]
    raw = open(act_path, "rb").read()
    try:
        act = json.loads(raw.decode("utf-8"))
        if not isinstance(act, dict):
            raise ValueError("not a JSON object")
        out("pass", "json", "one JSON object", "ok")
    except Exception as e:  # noqa: BLE001
        out("fail", "json", "one JSON object", "%s: %s" % (e, raw[:300].decode("utf-8", "replace")))
        return
    if mode == "talon-standard":
        compare("kind", "reply", act.get("kind", MISSING))
        compare("reply_text", "Hello", act.get("reply_text", MISSING), text_norm)
        return
    if mode == "talon-html":
        def squeeze(v):
            return re.sub(r"\s+", "", nfc(v)) if isinstance(v, str) else v
        compare("reply_text", "Hi. I am fine.\n\nThanks,\nAlex",
                act.get("reply_text", MISSING), squeeze)
        return
    exp = json.load(open(exp_path, encoding="utf-8"))
    if sorted(act) == sorted(KEYS):
        out("pass", "keys", KEYS, sorted(act))
    else:
        out("fail", "keys", sorted(KEYS), sorted(act))
    for k in KEYS:
        if k not in exp:
            continue
        a = act.get(k, MISSING)
        if k == "from":
            compare_obj(k, FROM_KEYS, exp[k], a,
                        {"address": lambda v: nfc(v).lower() if isinstance(v, str) else v})
        elif k == "letter":
            compare_obj(k, LETTER_KEYS, exp[k], a)
        elif k == "reply_text":
            compare(k, exp[k], a, text_norm)
        elif k == "attachments":
            compare(k, exp[k], a, attachments_norm)
        else:
            compare(k, exp[k], a)
    unknown = [k for k in exp if not k.startswith("_") and k not in KEYS]
    if unknown:
        out("fail", "expectation file", KEYS, unknown)


main()
PY

# report LABEL CHECKER-OUTPUT-FILE: one assertion per line of the checker
report() {
	local label=$1 status key exp act
	while IFS=$'\t' read -r status key exp act; do
		case $status in
		pass) t_pass "$label: $key" ;;
		skip) [ "${T_VERBOSE:-0}" = 0 ] || echo "  skip: $label: $key (not checked)" ;;
		*) t_fail "$label: $key" "expected: $exp" "actual:   $act" ;;
		esac
	done <"$2"
}

# inspect_check LABEL EML EXPECTED MODE: runs congvan inspect and the checker
inspect_check() {
	local label=$1 eml=$2 exp=$3 mode=$4 rc=0
	timeout 60 "$CONGVAN" inspect "$eml" >"$WORK/out.json" 2>"$WORK/err" || rc=$?
	if [ "$rc" -ne 0 ]; then
		t_fail "$label: exit status" "expected 0, got $rc" "stderr: $(head -c 400 "$WORK/err")"
		return 1
	fi
	t_pass "$label: exit status"
	"$T_PY" "$WORK/check.py" "$exp" "$WORK/out.json" "$mode" >"$WORK/check.out" 2>&1 ||
		t_fail "$label: checker crashed" "$(cat "$WORK/check.out")"
	report "$label" "$WORK/check.out"
	if [ "${T_VERBOSE:-0}" != 0 ]; then
		echo "  output: $(cat "$WORK/out.json")"
	fi
}

if [ ! -x "$CONGVAN" ]; then
	t_begin "congvan binary"
	t_fail "no executable $CONGVAN (run make)"
	t_summary
	exit 1
fi

# ------------------------------------------------- our acceptance fixtures
n=0
for eml in "$DATA"/*.eml; do
	[ -e "$eml" ] || continue
	name=$(basename "$eml" .eml)
	t_begin "inspect $name"
	if [ ! -f "$DATA/$name.json" ]; then
		t_fail "$name: no expectation $name.json"
		continue
	fi
	inspect_check "$name" "$eml" "$DATA/$name.json" fixture
	n=$((n + 1))
done
t_begin "fixtures found"
assert_ge "$n" 20 "at least 20 fixtures in tests/data/inspect"

# ------------------------- staff answers to consultations and assignments
# tests/data/inspect/answers (written by make-answers.py from its table):
# decision and reply_text as a careful reader takes them.
n=0
for eml in "$DATA"/answers/*.eml; do
	[ -e "$eml" ] || continue
	name=answers/$(basename "$eml" .eml)
	t_begin "inspect $name"
	if [ ! -f "$DATA/$name.json" ]; then
		t_fail "$name: no expectation $name.json"
		continue
	fi
	inspect_check "$name" "$eml" "$DATA/$name.json" fixture
	n=$((n + 1))
done
t_begin "answers found"
assert_ge "$n" 80 "at least 80 answers in tests/data/inspect/answers"

# ------------------------------------------------------ talon fixtures
if [ -d "$TALON/standard_replies" ]; then
	for eml in "$TALON"/standard_replies/*.eml; do
		name=$(basename "$eml" .eml)
		t_begin "talon standard reply $name"
		inspect_check "talon/$name" "$eml" - talon-standard
	done
else
	t_begin "talon standard replies"
	t_fail "$TALON/standard_replies not found"
fi

if [ -d "$TALON/html_replies" ]; then
	for html in "$TALON"/html_replies/*.html; do
		name=$(basename "$html" .html)
		t_begin "talon html reply $name"
		{
			printf 'From: Alex <alex@example.com>\r\n'
			printf 'To: bob@example.com\r\n'
			printf 'Subject: Re: test\r\n'
			printf 'Date: Thu, 26 Jun 2014 14:30:00 +0000\r\n'
			printf 'Message-ID: <talon-%s@example.com>\r\n' "$name"
			printf 'In-Reply-To: <x@y>\r\n'
			printf 'MIME-Version: 1.0\r\n'
			printf 'Content-Type: text/html; charset=utf-8\r\n'
			printf 'Content-Transfer-Encoding: base64\r\n'
			printf '\r\n'
			base64 -w 76 "$html" | sed 's/$/\r/'
		} >"$WORK/$name.eml"
		inspect_check "talon-html/$name" "$WORK/$name.eml" - talon-html
	done
else
	t_begin "talon html replies"
	t_fail "$TALON/html_replies not found"
fi

# ----------------------------------------------------------- exit codes
t_begin "inspect: missing file exits 66"
rc=0
timeout 30 "$CONGVAN" inspect "$WORK/no-such-file.eml" >"$WORK/out" 2>"$WORK/err" || rc=$?
assert_eq 66 "$rc" "exit status for a missing file (EX_NOINPUT)"
assert_contains "$(cat "$WORK/err")" "no-such-file.eml" "the error names the file"
assert_eq "" "$(cat "$WORK/out")" "nothing on standard output"

t_begin "inspect: empty file fails"
: >"$WORK/empty.eml"
rc=0
timeout 30 "$CONGVAN" inspect "$WORK/empty.eml" >"$WORK/out" 2>"$WORK/err" || rc=$?
assert_ne 0 "$rc" "exit status for an empty file"
assert_contains "$(cat "$WORK/err")" "empty.eml" "the error names the file"

# ----------------------------------------------------------------- trim
# trim_check LABEL EXPECTED (body on stdin)
trim_check() {
	local label=$1 want=$2 rc=0 got
	timeout 30 "$CONGVAN" trim >"$WORK/trim.out" 2>"$WORK/trim.err" || rc=$?
	assert_eq 0 "$rc" "$label: exit status" || return 1
	got=$("$T_PY" -c '
import re, sys, unicodedata
t = unicodedata.normalize("NFC", open(sys.argv[1], encoding="utf-8").read())
lines = [re.sub(r"\s+", " ", l).strip() for l in t.split("\n")]
print("\n".join(lines).strip("\n"))' "$WORK/trim.out")
	assert_eq "$want" "$got" "$label: new text only"
}

t_begin "trim: Gmail reply, Vietnamese quote header over two lines"
trim_check "trim gmail vi" "Đồng ý." <<'EOF'
Đồng ý.

Vào Th 5, 26 thg 11, 2026 vào lúc 09:15 Văn thư Bộ <vanthu@congvan.test>
đã viết:

> Kính gửi: Vụ Kế hoạch - Tài chính
>
> Văn phòng Bộ đề nghị Vụ cho ý kiến đối với dự thảo Thông tư.
>
> Trân trọng.
EOF

t_begin "trim: Gmail reply, English quote header"
trim_check "trim gmail en" $'Hoàn thành.\n\nĐã gửi báo cáo số 845/BCT-KHTC.' <<'EOF'
Hoàn thành.

Đã gửi báo cáo số 845/BCT-KHTC.

On Thu, Nov 26, 2026 at 9:15 AM Văn thư Bộ <vanthu@congvan.test> wrote:

> Kính gửi: Vụ Kế hoạch - Tài chính
> Đề nghị báo cáo trước ngày 08/12/2026.
EOF

t_summary
