#!/usr/bin/env bash
# IMAP over TLS against a Dovecot with a self-signed certificate: an
# untrusted certificate is refused with a clear error, a trusted one
# (ca_file) works over imaps:// and over STARTTLS, and tls = yes refuses a
# server that offers no STARTTLS.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
DATA="$T_ROOT/tests/data/integration"
NOW=2026-11-27T09:00:00+07:00

MAILSTACK_TLS=1 stack_start || { echo "cannot start the mail stack"; echo "0 passed, 1 failed"; exit 1; }
WORK=$(mktemp -d /tmp/congvan-tls.XXXXXX)
chmod 755 "$WORK"
trap 'stack_stop; rm -rf "$WORK"' EXIT

# conf NAME URL [SECTION.KEY=VALUE...]
conf() {
	local name=$1 url=$2
	shift 2
	congvan_conf "$WORK/$name.conf" "$WORK/$name.db" "mailbox.url=$url" "$@"
}
count() { "$CONGVAN" -c "$WORK/$1.conf" list 2>/dev/null | grep -c '^CV-' || true; }

mail_send sender@congvan.test congvan@congvan.test "$DATA/letter-mof.eml" || t_fail "send"
mail_wait_count congvan 1 30 || t_fail "the letter did not arrive"

t_begin "an untrusted certificate is refused"
conf untrusted "imaps://127.0.0.1:$IMAPS_PORT/INBOX"
err=$("$CONGVAN" -c "$WORK/untrusted.conf" run --once --now "$NOW" 2>&1)
assert_eq 77 "$?" "exit status EX_NOPERM"
assert_contains "$err" "not trusted" "the error says the certificate is not trusted"
assert_contains "$err" "ca_file" "the error says how to trust it"
assert_eq 0 "$(count untrusted)" "nothing was fetched"

t_begin "imaps:// with ca_file"
conf imaps "imaps://127.0.0.1:$IMAPS_PORT/INBOX" "mailbox.ca_file=$TLS_CA"
"$CONGVAN" -c "$WORK/imaps.conf" check-config >/dev/null
assert_eq 0 "$?" "check-config accepts ca_file"
"$CONGVAN" -c "$WORK/imaps.conf" run --once --now "$NOW" 2>"$WORK/imaps.err"
assert_eq 0 "$?" "run over imaps"
assert_eq 1 "$(count imaps)" "the letter is registered"

t_begin "STARTTLS on imap:// with ca_file"
conf starttls "imap://127.0.0.1:$IMAP_PORT/INBOX" "mailbox.ca_file=$TLS_CA"
"$CONGVAN" -c "$WORK/starttls.conf" run --once --now "$NOW" 2>/dev/null
assert_eq 0 "$?" "run over STARTTLS"
assert_eq 1 "$(count starttls)" "the letter is registered"
conf starttls-untrusted "imap://127.0.0.1:$IMAP_PORT/INBOX"
err=$("$CONGVAN" -c "$WORK/starttls-untrusted.conf" run --once --now "$NOW" 2>&1)
assert_eq 77 "$?" "STARTTLS with an untrusted certificate is refused"
assert_contains "$err" "not trusted" "and says why"

t_begin "a missing ca_file is a configuration error"
conf badca "imaps://127.0.0.1:$IMAPS_PORT/INBOX" "mailbox.ca_file=$WORK/nope.pem"
err=$("$CONGVAN" -c "$WORK/badca.conf" check-config 2>&1)
assert_eq 78 "$?" "exit status EX_CONFIG"
assert_contains "$err" "badca.conf:" "the error names the file"
assert_contains "$err" "nope.pem" "the error names the ca_file"

t_summary
