#!/usr/bin/env bash
# Self-test of the test infrastructure: contrib/mailstack.sh and tests/lib.sh,
# no congvan code.  Starts its own stack (OpenSMTPD allows one at a time, so
# run it when no other stack's smtpd runs), or, when MAILSTACK_DIR names a
# running stack, uses that one and leaves its start/stop alone.
set -u -o pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

work=$(mktemp -d /tmp/congvan-test-mailstack.XXXXXX)
own_stack=
[ -n "${MAILSTACK_DIR:-}" ] || own_stack=1

msg() { # FILE SUBJECT [BODY]
	printf 'From: =?UTF-8?B?%s?= <sender@congvan.test>\r\nTo: congvan@congvan.test\r\nSubject: %s\r\nMessage-ID: <%s.%s@congvan.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n.a line starting with a dot\r\n' \
		"$(printf 'Người gửi' | base64 -w0)" "$2" "$RANDOM$RANDOM" "$$" "${3:-Kính gửi: Văn thư.}" >"$1"
}

# a running process (a zombie waiting for init to reap it is not)
# Read the stat file once: the process may go away between two reads.
alive() {
	local st
	st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	[ -n "$st" ] && [ "$(printf '%s' "$st" | sed 's/.*) //' | cut -c1)" != Z ]
}

t_begin "stack starts"
if [ -n "$own_stack" ]; then
	t_ok "mailstack.sh start" stack_start "$work/stack"
fi
assert_ne "" "${IMAP_PORT:-}" "env has IMAP_PORT"
assert_ne "" "${SMTP_PORT:-}" "env has SMTP_PORT"
assert_eq congvan.test "${DOMAIN:-}" "env has DOMAIN"
t_ok "IMAP port answers" bash -c "exec 3<>/dev/tcp/127.0.0.1/$IMAP_PORT"
t_ok "SMTP port answers" bash -c "exec 3<>/dev/tcp/127.0.0.1/$SMTP_PORT"
# shellcheck disable=SC2086
t_ok "doveadm reaches the instance" $DOVEADM user congvan@congvan.test >/dev/null

t_begin "send over SMTP, read back over IMAP"
before=$(mail_count congvan)
assert_ge "$before" 0 "mail_count works on the shared mailbox"
msg "$work/m1.eml" "selftest one" "Dòng đầu tiên của thư."
t_ok "mail_send to congvan@congvan.test" mail_send sender@congvan.test congvan@congvan.test "$work/m1.eml"
t_ok "message arrives" mail_wait_count congvan $((before + 1)) 15
uid=$(mail_search congvan 'SUBJECT "selftest one"')
assert_ne "" "$uid" "mail_search finds it"
body=$(mail_fetch congvan "$uid")
assert_contains "$body" "Dòng đầu tiên của thư." "mail_fetch returns the body"
assert_contains "$body" ".a line starting with a dot" "leading dot survives SMTP"
assert_not_contains "$(mail_flags congvan "$uid")" '\Seen' "mail_fetch leaves \\Seen unset"
t_ok "smtpd queue drains" smtp_queue_empty 15

t_begin "non-ASCII search"
msg "$work/m2.eml" "=?UTF-8?B?$(printf 'V/v báo cáo tình hình thực hiện' | base64 -w0)?="
t_ok "send" mail_send sender@congvan.test congvan@congvan.test "$work/m2.eml"
t_ok "arrives" mail_wait_count congvan $((before + 2)) 15
assert_ne "" "$(mail_search congvan 'SUBJECT "báo cáo tình hình"')" "UTF-8 SUBJECT search"

t_begin "permanent failures are refused at RCPT"
t_notok "other domains are rejected" mail_send sender@congvan.test someone@example.org "$work/m1.eml"
t_notok "unknown users are rejected" mail_send sender@congvan.test nobody@congvan.test "$work/m1.eml"

t_begin "adduser"
t_ok "adduser" stack_ctl adduser late.user@congvan.test
t_ok "send to the new user" mail_send sender@congvan.test late.user@congvan.test "$work/m1.eml"
t_ok "new user receives it" mail_wait_count late.user 1 15

t_begin "maildir_inject"
for i in $(seq 1 500); do
	printf 'From: a@b.example\r\nSubject: bulk %d\r\nMessage-ID: <bulk.%d@b.example>\r\n\r\nx\r\n' "$i" "$i" >"$work/bulk-$(printf %03d "$i").eml"
done
t_ok "inject 500" maildir_inject khtc "$work"/bulk-*.eml
assert_eq 500 "$(mail_count khtc)" "500 messages counted over IMAP"
read -r -a uids <<<"$(mail_uids khtc)"
assert_eq 500 "${#uids[@]}" "500 UIDs"
assert_contains "$(mail_fetch khtc "${uids[0]}")" "Subject: bulk 1" "UIDs follow injection order (first)"
assert_contains "$(mail_fetch khtc "${uids[499]}")" "Subject: bulk 500" "UIDs follow injection order (last)"

if [ -n "$own_stack" ]; then
	t_begin "SMTP down, then back"
	t_ok "smtp-stop" stack_ctl smtp-stop
	t_notok "mail_send fails while SMTP is down" mail_send sender@congvan.test congvan@congvan.test "$work/m1.eml"
	t_ok "smtp-start" stack_ctl smtp-start
	t_ok "mail_send works again" mail_send sender@congvan.test vanthu@congvan.test "$work/m1.eml"
	t_ok "delivered" mail_wait_count vanthu 1 15

	t_begin "IMAP down, then back"
	t_ok "imap-stop" stack_ctl imap-stop
	t_notok "mail_count fails while IMAP is down" mail_count congvan
	t_ok "imap-start" stack_ctl imap-start
	assert_ge "$(mail_count congvan)" 2 "mailbox intact after restart"

	if [ "${SMTPD_ISOLATED:-0}" = 1 ]; then
		t_begin "a second stack runs beside the first"
		out=$(MAILSTACK_QUIET=1 "$MAILSTACK" start "$work/other" 2>&1)
		assert_eq "" "$out" "second start succeeds quietly"
		t_ok "both smtpd answer" bash -c ". '$work/other/env' && exec 3<>/dev/tcp/127.0.0.1/\$SMTP_PORT"
		t_ok "second stack's smtpctl" "$MAILSTACK" smtpctl "$work/other" show queue
		t_ok "second stack stops" "$MAILSTACK" stop "$work/other"
	else
		t_begin "second stack is refused while one smtpd runs (shared queue)"
		out=$("$MAILSTACK" start "$work/other" 2>&1)
		rc=$?
		assert_ne 0 "$rc" "start refuses"
		assert_contains "$out" "another OpenSMTPD" "with a clear message"
	fi

	t_begin "stop leaves nothing behind"
	dir=$MAILSTACK_DIR
	spid=$(cat "$dir/smtpd.pid")
	dpid=$(cat "$dir/run/master.pid")
	T_KEEP_STACK=1 stack_stop
	t_notok "dovecot master gone" alive "$dpid"
	t_notok "no dovecot process of this stack" pgrep -f "dovecot-congvan-$IMAP_PORT/"
	t_notok "smtpd master gone" alive "$spid"
	t_notok "no smtpd child left" pgrep -P "$spid"
	assert_eq 0 "$(find "$SMTPD_SPOOL"/queue "$SMTPD_SPOOL"/incoming -type f 2>/dev/null | wc -l)" "smtpd queue empty"
	t_notok "IMAP port closed" bash -c "exec 3<>/dev/tcp/127.0.0.1/$IMAP_PORT" 2>/dev/null
	rm -rf "$dir"
fi

rm -rf "$work"
t_summary
