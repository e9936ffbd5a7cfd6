#!/usr/bin/env bash
# congvan — reference measurements for `make bench`: how fast can the mail
# stack itself hand out a mailbox, whatever congvan does?
#
#   contrib/bench-refs.sh DIR [USER]
#
# DIR is a running stack (contrib/mailstack.sh start DIR); USER (default
# congvan@congvan.test) is a user whose INBOX is filled.  Prints:
#   messages: N (X MB) in USER INBOX
#   bare-fetch: 0.41 s            one IMAP session: UID FETCH 1:* (BODY.PEEK[]), keeping nothing
#   mbsync: 4.6 s, 12345 KB max RSS   mbsync copying INBOX to a fresh local Maildir
# The mailbox is synced once (IMAP STATUS) before timing, so Dovecot's own
# indexing of freshly injected files is not counted.
set -euo pipefail

me=${0##*/}
[ $# -ge 1 ] || { echo "usage: $me DIR [USER]" >&2; exit 2; }
DIR=$1
USER_=${2:-congvan@congvan.test}
[ -f "$DIR/env" ] || { echo "$me: $DIR/env not found: start a stack first" >&2; exit 1; }
# shellcheck disable=SC1091
. "$DIR/env"
case $USER_ in *@*) ;; *) USER_=$USER_@$DOMAIN ;; esac
command -v mbsync >/dev/null || { echo "$me: mbsync not installed (package isync)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "$me: /usr/bin/time not installed (package time)" >&2; exit 1; }

URL=imap://127.0.0.1:$IMAP_PORT
work=$(mktemp -d /tmp/congvan-bench-refs.XXXXXX)
trap 'rm -rf "$work"' EXIT

# sync the mailbox once (untimed) and learn its size
status=$(curl -sS --max-time 600 "$URL/" -u "$USER_:$PASSWORD" -X 'STATUS INBOX (MESSAGES SIZE)')
[[ $status =~ MESSAGES\ ([0-9]+) ]] || { echo "$me: unexpected STATUS reply: $status" >&2; exit 1; }
count=${BASH_REMATCH[1]}
size=0
[[ $status =~ SIZE\ ([0-9]+) ]] && size=${BASH_REMATCH[1]}
[ "$count" -gt 0 ] || { echo "$me: $USER_ has an empty INBOX" >&2; exit 1; }
awk -v n="$count" -v s="$size" -v u="$USER_" 'BEGIN { printf "messages: %d (%.1f MB) in %s INBOX\n", n, s / 1e6, u }'

now() { date +%s.%N; }

# (a) bare fetch of every message, keeping nothing.  Not with curl: for a
# custom command (-X 'UID FETCH 1:* (BODY.PEEK[])') curl 7.88 treats the
# untagged replies as headers and fails with "Too large response headers"
# (CURLE_RECV_ERROR, 300 KB cap) on the first message with a PDF.  A
# pipelined raw IMAP session over bash's /dev/tcp reads the same bytes.
bare_fetch() {
	exec 3<>"/dev/tcp/127.0.0.1/$IMAP_PORT"
	printf 'cvb1 LOGIN "%s" "%s"\r\ncvb2 EXAMINE INBOX\r\ncvb3 UID FETCH 1:* (BODY.PEEK[])\r\ncvb4 LOGOUT\r\n' \
		"$USER_" "$PASSWORD" >&3
	tail -c 400 <&3
	exec 3<&-
}
t0=$(now)
tail_=$(bare_fetch)
t1=$(now)
if [[ $tail_ != *"cvb3 OK"* ]]; then
	echo "$me: bare fetch failed; the session ended with:" >&2
	printf '%s\n' "$tail_" >&2
	exit 1
fi
awk -v a="$t0" -v b="$t1" 'BEGIN { printf "bare-fetch: %.2f s\n", b - a }'

# (b) mbsync to a fresh local Maildir
mkdir -p "$work/near"
cat >"$work/mbsyncrc" <<EOF
IMAPAccount bench
Host 127.0.0.1
Port $IMAP_PORT
User $USER_
Pass $PASSWORD
SSLType None
AuthMechs LOGIN PLAIN

IMAPStore far
Account bench

MaildirStore near
Path $work/near/
Inbox $work/near/INBOX

Channel bench
Far :far:
Near :near:
Patterns INBOX
Create Near
Sync Pull
SyncState *
EOF
if ! /usr/bin/time -v -o "$work/time" mbsync -q -c "$work/mbsyncrc" bench >"$work/mbsync.log" 2>&1; then
	echo "$me: mbsync failed:" >&2
	cat "$work/mbsync.log" >&2
	exit 1
fi
elapsed=$(sed -n 's/^.*Elapsed (wall clock) time.*: //p' "$work/time")
rss=$(sed -n 's/^.*Maximum resident set size (kbytes): //p' "$work/time")
copied=$(find "$work/near/INBOX/cur" "$work/near/INBOX/new" -type f | wc -l)
[ "$copied" = "$count" ] || echo "$me: warning: mbsync copied $copied of $count messages" >&2
# elapsed is h:mm:ss or m:ss.ss
awk -v e="$elapsed" -v r="$rss" 'BEGIN {
	n = split(e, p, ":"); s = 0
	for (i = 1; i <= n; i++) s = s * 60 + p[i]
	printf "mbsync: %.2f s, %d KB max RSS\n", s, r
}'
