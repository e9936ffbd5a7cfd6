#!/usr/bin/env bash
# Valgrind over a whole cycle on the real mail stack: intake (letters, a
# letter in a signed PDF read by congvan-reader, an auto-reply, a bounce),
# the outbox, list, show, check-config, and serve with its pool of feed
# threads leak nothing and touch no invalid memory.  Uses the plain build,
# since a sanitizer build cannot run under valgrind (congvan-reader runs
# as it is, outside valgrind).
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

DATA="$T_ROOT/tests/data/integration"
if ! command -v valgrind >/dev/null; then
	echo "valgrind is not installed"; echo "0 passed, 1 failed"; exit 1
fi
# Not the sanitizer build the caller may be making: clear what make passes down.
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$T_ROOT" SANITIZE= build/default/congvan \
	build/default/congvan-full build/default/congvan-reader >/dev/null || {
	echo "cannot build the plain binary"; echo "0 passed, 1 failed"; exit 1; }
CONGVAN="$T_ROOT/build/default/congvan"
# congvan executes congvan-full for the commands that need mail: both are
# checked; congvan-reader, a child of its own, is not (poppler's caches)
# tests/valgrind.supp: valgrind's own false reports, each explained there
VG=(valgrind -q --trace-children=yes --trace-children-skip='*/congvan-reader' --leak-check=full --show-leak-kinds=definite,indirect
	--errors-for-leak-kinds=definite,indirect --error-exitcode=99
	--suppressions="$T_ROOT/tests/valgrind.supp")

stack_start || { echo "cannot start the mail stack"; echo "0 passed, 1 failed"; exit 1; }
WORK=$(mktemp -d /tmp/congvan-vg.XXXXXX)
chmod 755 "$WORK"
trap 'stack_stop; rm -rf "$WORK"' EXIT
congvan_conf "$WORK/c.conf" "$WORK/c.db" "service.templates=$T_ROOT/templates"
pki_make "$WORK/pki" || t_fail "pki_make"
"$T_PY" "$T_ROOT/tests/integration/documents.py" letter "$WORK/l.pdf" 77/BTC-KHTC
pdf_sign "$WORK/pki" an "$WORK/l.pdf" "$WORK/77-BTC-KHTC.pdf" || t_fail "pdfsig"
"$T_PY" "$T_ROOT/tests/integration/documents.py" eml "$WORK/signed.eml" "$WORK/77-BTC-KHTC.pdf"
printf '\n[letters]\ntrust = %s\n' "$WORK/pki/ca" >>"$WORK/c.conf"
maildir_inject congvan "$DATA"/letter-*.eml "$WORK/signed.eml" "$DATA/auto-reply.eml" \
	"$DATA/bounce.eml"

# vg NAME ARGS...: runs congvan under valgrind, asserts a clean exit.
vg() {
	local name=$1 rc
	shift
	"${VG[@]}" "$CONGVAN" -c "$WORK/c.conf" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
	rc=$?
	assert_eq 0 "$rc" "$name: exit status (99: valgrind found errors)" ||
		tail -30 "$WORK/$name.err"
}

t_begin "a full cycle under valgrind"
vg run run --once --now 2026-11-27T09:00:00+07:00
assert_eq 4 "$(grep -c '^CV-' <("$CONGVAN" -c "$WORK/c.conf" list))" "four items registered"
mail_wait_count vanthu 4 30 || t_fail "notices were not delivered"

t_begin "read-only commands under valgrind"
vg list list
vg show show CV-2026-000001
vg check check-config
assert_contains "$(cat "$WORK/show.out")" "CV-2026-000001" "show printed the item"
vg signed show CV-2026-000004
assert_contains "$(cat "$WORK/signed.out")" "Văn bản có chữ ký số của Nguyễn Văn An, hợp lệ" \
	"show printed the signature"

t_begin "serve with its feed threads under valgrind"
PORT=$("$T_PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cp "$WORK/c.conf" "$WORK/f.conf"
printf '\n[feed]\nlisten = 127.0.0.1:%s\n' "$PORT" >>"$WORK/f.conf"
URL=$("$CONGVAN" -c "$WORK/f.conf" feed-url office)
"${VG[@]}" "$CONGVAN" -c "$WORK/f.conf" serve >/dev/null 2>"$WORK/serve.err" &
VPID=$!
for _ in $(seq 150); do
	[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL")" = 200 ] && break
	sleep 0.2
done
etag=$(curl -sS -D - -o /dev/null "$URL" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
assert_eq 304 "$(curl -sS -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$URL")" \
	"the feed answers 304 from its cache"
assert_eq 404 "$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/feed/x.ics")" "404"
kill -TERM "$VPID"
wait "$VPID"
assert_eq 0 $? "serve: exit status (99: valgrind found errors)" || tail -30 "$WORK/serve.err"

t_begin "failures under valgrind"
sed -i "s/^password = .*/password = wrong/" "$WORK/c.conf"
"${VG[@]}" "$CONGVAN" -c "$WORK/c.conf" run --once >/dev/null 2>"$WORK/bad.err"
assert_eq 77 "$?" "a rejected login exits 77 with no valgrind error"
printf '[service]\nnope = 1\n' >"$WORK/bad.conf"
"${VG[@]}" "$CONGVAN" -c "$WORK/bad.conf" check-config >/dev/null 2>&1
assert_eq 78 "$?" "a bad configuration exits 78 with no valgrind error"

t_summary
