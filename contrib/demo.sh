#!/usr/bin/env bash
# make demo: start a throwaway mail stack, deliver the seed letter and two
# more letters to the shared mailbox, run one congvan cycle, and show what
# happened.  The stack keeps running so you can look around; the last lines
# say how to stop it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIR=${CONGVAN_DEMO_DIR:-/tmp/congvan-demo}
DATA=$ROOT/tests/data/integration

if [ -f "$DIR/env" ]; then
	contrib/mailstack.sh stop "$DIR" >/dev/null 2>&1 || true
fi
rm -rf "$DIR"
mkdir -p "$DIR"
MAILSTACK_QUIET=1 contrib/mailstack.sh start "$DIR" >/dev/null
. "$DIR/env"
export MAILSTACK_DIR=$DIR
. tests/lib.sh

congvan_conf "$DIR/congvan.conf" "$DIR/congvan.db"
# A small directory: letters from the Ministry of Finance go to the
# Planning-Finance department by rule; the others wait for the Office.
cat >>"$DIR/congvan.conf" <<EOF

[unit KHTC]
name = Vụ Kế hoạch - Tài chính
email = khtc@$DOMAIN
head = b.tran@$DOMAIN

[unit PC]
name = Vụ Pháp chế
email = phapche@$DOMAIN
head = a.nguyen@$DOMAIN

[rule mof]
from = *@mof.example
lead = KHTC
coordinate = PC
EOF

echo "== A mail stack runs in $DIR (IMAP 127.0.0.1:$IMAP_PORT, SMTP 127.0.0.1:$SMTP_PORT)"
echo "== Delivering three letters over SMTP to congvan@congvan.test ..."
for f in letter-seed letter-mof letter-province; do
	mail_send sender@congvan.test congvan@congvan.test "$DATA/$f.eml"
done
mail_wait_count congvan 3 30

echo "== congvan check-config"
./congvan -c "$DIR/congvan.conf" check-config
echo "== congvan run --once"
./congvan -c "$DIR/congvan.conf" run --once
echo
echo "== congvan list"
./congvan -c "$DIR/congvan.conf" list
echo
first=$(./congvan -c "$DIR/congvan.conf" list | head -n 1 | cut -f 1)
echo "== congvan show $first"
./congvan -c "$DIR/congvan.conf" show "$first"
echo
decoded() {
	/usr/bin/python3 -c '
import sys, email
from email import policy
m = email.message_from_binary_file(sys.stdin.buffer, policy=policy.default)
for h in ("From", "To", "Cc", "Reply-To", "Subject", "Date", "Message-ID", "Auto-Submitted"):
    if m[h]:
        print(f"{h}: {m[h]}")
print()
print(m.get_body(preferencelist=("plain",)).get_content())
for part in m.iter_attachments():
    print(f"[attached: {part.get_filename()} ({part.get_content_type()})]")'
}
mail_wait_count vanthu 2 30 || true
echo "== The Office (vanthu@congvan.test) has $(mail_count vanthu) notices for the letters no rule took; the first one, decoded:"
mail_fetch vanthu "$(mail_uids vanthu | cut -d' ' -f1)" | decoded
echo
mail_wait_count b.tran 1 30 || true
echo "== The Ministry of Finance's letter was assigned by rule; the head of KHTC (b.tran@congvan.test) received:"
mail_fetch b.tran "$(mail_uids b.tran | cut -d' ' -f1)" | decoded
echo
echo "== Try more: ./congvan -c $DIR/congvan.conf serve   (Ctrl-C to stop)"
echo "== Stop the mail stack: contrib/mailstack.sh stop $DIR"
