# shellcheck shell=bash
# congvan — shared bash library for integration tests.  Source it:
#
#   . "$(dirname "$0")/../lib.sh"      (from tests/integration/test_*.sh)
#
# Do not use `set -e` in test scripts: a failed assertion returns 1 so that a
# case can bail out early (`assert_eq ... || return`), and the script must go
# on to t_summary.  `set -u` and `set -o pipefail` are fine.
#
# Test cases and assertions
#   t_begin NAME                 start a test case (ends the previous one)
#   t_end                        end the current case (t_begin/t_summary do it)
#   t_ok DESC CMD [ARG...]       pass when CMD exits 0
#   t_notok DESC CMD [ARG...]    pass when CMD exits non-zero
#   t_pass DESC / t_fail DESC    record a result decided by the caller
#   assert_eq EXPECTED ACTUAL MSG
#   assert_ne UNEXPECTED ACTUAL MSG
#   assert_ge A B MSG            integers, passes when A >= B
#   assert_contains HAYSTACK NEEDLE MSG
#   assert_not_contains HAYSTACK NEEDLE MSG
#   t_summary                    print failures and a last line
#                                "N passed, N failed" (counting test cases);
#                                returns 1 when any case failed
# A case passes when none of its assertions failed.  Assertions made outside
# any case form a case named after the script.  T_VERBOSE=1 prints passes too.
#
# Mail stack (contrib/mailstack.sh)
#   stack_start [DIR]            start a stack (DIR default: a new /tmp/congvan-stack.*),
#                                load its env, and stop it when the script exits
#   stack_use DIR                load DIR/env of a stack someone else started
#   stack_ctl CMD [ARG...]       mailstack.sh CMD $MAILSTACK_DIR ARG... (smtp-stop,
#                                smtp-start, imap-stop, imap-start, status,
#                                adduser ADDR, smtpctl show queue)
#   stack_stop                   stop the stack started by stack_start
# When MAILSTACK_DIR is set (and has an env) on sourcing, that stack is used.
#
# Mail helpers (only the stack and the curl CLI).  USER is an address; a bare
# local part gets @$DOMAIN.  Password: $PASSWORD from the env ("secret").
#   mail_send FROM TO[,TO...] FILE   submit FILE over SMTP; exit status is curl's
#                                    (0 ok, 7 connection refused, 55 rejected RCPT...)
#   mail_count USER [FOLDER]         print the number of messages (IMAP STATUS)
#   mail_uids USER [FOLDER]          print all UIDs, space-separated
#   mail_fetch USER UID [FOLDER]     print one raw message; its \Seen flag is kept as it was
#   mail_flags USER UID [FOLDER]     print the flags of one message
#   mail_search USER CRITERIA [FOLDER]
#                                    IMAP UID SEARCH, e.g. 'SUBJECT "báo cáo"'; prints UIDs
#   mail_wait_count USER N TIMEOUT [FOLDER]
#                                    wait until FOLDER holds >= N messages; 1 on timeout
#   maildir_inject USER FILE|DIR...  drop messages straight into USER's Maildir/new
#                                    (DIR: its *.eml, sorted); UIDs follow argument order
#   smtp_queue_empty [TIMEOUT]       wait (default 30 s) until the stack's OpenSMTPD
#                                    queue ($SMTPD_SPOOL) is empty
#
# Digital signatures (certutil, pdfsig)
#   pki_make DIR                     a throwaway CA ("Cục Chứng thực số thử") and
#                                    two signers (an, binh) in the NSS database
#                                    DIR/nss; the CA as DIR/ca/ca.pem; another CA
#                                    that signed nothing as DIR/other/other.pem
#   pdf_sign DIR NICK IN OUT         sign IN as NICK (an, binh) into OUT

T_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
T_ROOT=$(cd "$T_LIB_DIR/.." && pwd)
MAILSTACK="$T_ROOT/contrib/mailstack.sh"
T_NAME=${T_NAME:-$(basename "$0" .sh)}
T_PY=/usr/bin/python3
[ -x "$T_PY" ] || T_PY=python3

T_PASSED=0
T_FAILED=0
T_FAILED_NAMES=()
T_CASE=
T_CASE_FAILS=0
T_CASE_ASSERTS=0

# ---------------------------------------------------------------- cases

t_begin() {
	t_end
	T_CASE=$1
	T_CASE_FAILS=0
	T_CASE_ASSERTS=0
	echo "--- $T_CASE"
}

t_end() {
	[ -n "$T_CASE" ] || return 0
	if [ "$T_CASE_FAILS" -eq 0 ]; then
		T_PASSED=$((T_PASSED + 1))
		echo "ok   $T_CASE ($T_CASE_ASSERTS checks)"
	else
		T_FAILED=$((T_FAILED + 1))
		T_FAILED_NAMES+=("$T_CASE")
		echo "FAIL $T_CASE ($T_CASE_FAILS of $T_CASE_ASSERTS checks failed)"
	fi
	T_CASE=
	return 0
}

_t_open() { [ -n "$T_CASE" ] || t_begin "$T_NAME"; }

t_pass() {
	_t_open
	T_CASE_ASSERTS=$((T_CASE_ASSERTS + 1))
	[ "${T_VERBOSE:-0}" = 0 ] || echo "  pass: $1"
	return 0
}

# t_fail MSG [DETAIL...]
t_fail() {
	_t_open
	T_CASE_ASSERTS=$((T_CASE_ASSERTS + 1))
	T_CASE_FAILS=$((T_CASE_FAILS + 1))
	echo "  FAIL: $1"
	shift
	local l
	for l in "$@"; do echo "        $l"; done
	return 1
}

t_ok() {
	local desc=$1 rc=0
	shift
	"$@" || rc=$?
	if [ $rc -eq 0 ]; then t_pass "$desc"; else t_fail "$desc" "command failed (exit $rc): $*"; fi
}

t_notok() {
	local desc=$1 rc=0
	shift
	"$@" || rc=$?
	if [ $rc -ne 0 ]; then t_pass "$desc"; else t_fail "$desc" "command succeeded but should have failed: $*"; fi
}

assert_eq() {
	if [ "$1" == "$2" ]; then t_pass "$3"; else t_fail "$3" "expected: '$1'" "actual:   '$2'"; fi
}

assert_ne() {
	if [ "$1" != "$2" ]; then t_pass "$3"; else t_fail "$3" "expected anything but '$1'"; fi
}

assert_ge() {
	if [[ $1 =~ ^-?[0-9]+$ && $2 =~ ^-?[0-9]+$ ]] && [ "$1" -ge "$2" ]; then
		t_pass "$3"
	else
		t_fail "$3" "expected '$1' >= '$2'"
	fi
}

assert_contains() {
	if [[ $1 == *"$2"* ]]; then
		t_pass "$3"
	else
		t_fail "$3" "'$2' not found in: $(printf '%s' "$1" | head -c 400)"
	fi
}

assert_not_contains() {
	if [[ $1 != *"$2"* ]]; then
		t_pass "$3"
	else
		t_fail "$3" "'$2' unexpectedly found in: $(printf '%s' "$1" | head -c 400)"
	fi
}

t_summary() {
	t_end
	local n
	for n in "${T_FAILED_NAMES[@]}"; do echo "failed: $n"; done
	echo "$T_PASSED passed, $T_FAILED failed"
	[ "$T_FAILED" -eq 0 ]
}

# ---------------------------------------------------------------- stack

T_STACK_OWNED=

stack_use() {
	[ -f "$1/env" ] || { echo "stack_use: $1/env not found" >&2; return 1; }
	# shellcheck disable=SC1091
	. "$1/env"
}

stack_start() {
	local dir=${1:-}
	if [ -z "$dir" ]; then
		dir=$(mktemp -d /tmp/congvan-stack.XXXXXX) || return 1
	fi
	"$MAILSTACK" start "$dir" || return 1
	stack_use "$dir" || return 1
	T_STACK_OWNED=$dir
	trap 'stack_stop' EXIT
}

stack_stop() {
	[ -n "$T_STACK_OWNED" ] || return 0
	"$MAILSTACK" stop "$T_STACK_OWNED" >/dev/null || true
	[ -n "${T_KEEP_STACK:-}" ] || rm -rf "$T_STACK_OWNED"
	T_STACK_OWNED=
}

# serve_setup NAME: for a test of `congvan serve`: the mail stack, a work
# folder WORK (/tmp/congvan-NAME.*) and SPID (set it to serve's pid); on
# exit serve is stopped when SPID is set, then the stack, and WORK removed
# unless T_KEEP_WORK.  No stack: the test fails at once.
serve_setup() {
	stack_start || { echo "cannot start the mail stack"; echo "0 passed, 1 failed"; exit 1; }
	WORK=$(mktemp -d "/tmp/congvan-$1.XXXXXX")
	chmod 755 "$WORK"
	SPID=
	trap _serve_cleanup EXIT
}
_serve_cleanup() {
	[ -z "$SPID" ] || kill -TERM "$SPID" 2>/dev/null
	stack_stop
	[ -n "${T_KEEP_WORK:-}" ] || rm -rf "$WORK"
}
# log_wait PATTERN N SECONDS: the file LOG holds N lines matching PATTERN
# within SECONDS
log_wait() {
	local i
	for ((i = 0; i < $3 * 10; i++)); do
		[ "$(grep -c -- "$1" "${LOG:?}")" -ge "$2" ] && return 0
		sleep 0.1
	done
	return 1
}

stack_ctl() {
	local cmd=$1
	shift
	MAILSTACK_QUIET=1 "$MAILSTACK" "$cmd" "${MAILSTACK_DIR:?no stack: call stack_start or stack_use}" "$@"
}

if [ -n "${MAILSTACK_DIR:-}" ] && [ -f "$MAILSTACK_DIR/env" ]; then
	stack_use "$MAILSTACK_DIR"
fi

# ---------------------------------------------------------------- mail

_mail_user() {
	case $1 in
	*@*) printf '%s' "$1" ;;
	*) printf '%s@%s' "$1" "${DOMAIN:-congvan.test}" ;;
	esac
}

# _imap USER PATH [CURL-ARGS...]: one curl IMAP session
_imap() {
	local user path=$2
	user=$(_mail_user "$1")
	shift 2
	curl -sS --max-time 60 -u "$user:${PASSWORD:-secret}" \
		"imap://127.0.0.1:${IMAP_PORT:?no stack env (IMAP_PORT)}/$path" "$@"
}

# quote a mailbox name for a command argument (ASCII names only)
_imap_quote() { local s=${1//\\/\\\\}; printf '"%s"' "${s//\"/\\\"}"; }

# URL-encode a mailbox name for the path part
_imap_path() {
	if [[ $1 =~ ^[A-Za-z0-9._-]+$ ]]; then
		printf '%s' "$1"
	else
		"$T_PY" -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]),end="")' "$1"
	fi
}

mail_send() {
	local from=$1 to=$2 file=$3 r
	local args=(-sS --max-time 60 --url "smtp://127.0.0.1:${SMTP_PORT:?no stack env (SMTP_PORT)}"
		--mail-from "$from" -T "$file")
	local IFS=,
	for r in $to; do args+=(--mail-rcpt "$r"); done
	unset IFS
	# curl dot-stuffs only after CRLF: convert bare-LF files (a leading "."
	# on a line would otherwise be lost)
	if ! grep -q $'\r' "$file"; then args+=(--crlf); fi
	curl "${args[@]}"
}

mail_count() {
	local folder=${2:-INBOX} out
	out=$(_imap "$1" "" -X "STATUS $(_imap_quote "$folder") (MESSAGES)" 2>&1) || {
		echo "mail_count: $out" >&2
		return 1
	}
	[[ $out =~ MESSAGES\ ([0-9]+) ]] || { echo "mail_count: unexpected reply: $out" >&2; return 1; }
	echo "${BASH_REMATCH[1]}"
}

mail_uids() { mail_search "$1" ALL "${2:-INBOX}"; }

mail_flags() {
	local out
	out=$(_imap "$1" "$(_imap_path "${3:-INBOX}")" -X "UID FETCH $2 (FLAGS)") || return 1
	[[ $out =~ FLAGS\ \(([^\)]*)\) ]] || { echo "mail_flags: no message with UID $2" >&2; return 1; }
	echo "${BASH_REMATCH[1]}"
}

mail_fetch() {
	local user=$1 uid=$2 folder=${3:-INBOX} flags
	flags=$(mail_flags "$user" "$uid" "$folder") || return 1
	# curl's URL fetch sends "UID FETCH n BODY[]", which sets \Seen
	_imap "$user" "$(_imap_path "$folder");UID=$uid" || return 1
	if [[ " $flags " != *' \Seen '* ]]; then
		_imap "$user" "$(_imap_path "$folder")" -X "UID STORE $uid -FLAGS.SILENT (\\Seen)" >/dev/null
	fi
}

mail_search() {
	local user=$1 crit=$2 folder=${3:-INBOX} out
	if LC_ALL=C grep -q '[^ -~]' <<<"$crit"; then crit="CHARSET UTF-8 $crit"; fi
	out=$(_imap "$user" "$(_imap_path "$folder")" -X "UID SEARCH $crit") || return 1
	out=$(grep '^\* SEARCH' <<<"$out" | tr -d '\r')
	out=${out#\* SEARCH}
	echo "${out# }"
}

mail_wait_count() {
	local user=$1 want=$2 timeout=$3 folder=${4:-INBOX} n=0 end
	end=$((SECONDS + timeout))
	while :; do
		n=$(mail_count "$user" "$folder" 2>/dev/null) || n=0
		[ "$n" -ge "$want" ] && return 0
		[ $SECONDS -lt $end ] || break
		sleep 0.2
	done
	echo "mail_wait_count: $user $folder has $n messages after ${timeout}s, wanted $want" >&2
	return 1
}

# maildir_inject USER FILE|DIR...: puts mail straight into USER's Maildir
# (MAILDIR_MTIME=SECONDS: as delivered then)
maildir_inject() {
	local user
	user=$(_mail_user "$1")
	shift
	local md="${MAILDIR_ROOT:?no stack env (MAILDIR_ROOT)}/${user#*@}/${user%@*}/Maildir"
	"$T_PY" - "$md" "$@" <<'EOF'
import os, pwd, sys, time
md, args = sys.argv[1], sys.argv[2:]
files = []
for a in args:
    if os.path.isdir(a):
        files += sorted(os.path.join(a, f) for f in os.listdir(a) if f.endswith(".eml"))
    else:
        files.append(a)
pw = pwd.getpwnam("dovecot")
for d in ("", "/cur", "/new", "/tmp"):
    if not os.path.isdir(md + d):
        os.makedirs(md + d, 0o700, exist_ok=True)
        os.chown(md + d, pw.pw_uid, pw.pw_gid)
# Dovecot gives new files their UIDs in the order of the time stamp in their
# names (seconds, then .M microseconds): number them one microsecond apart.
base = time.time_ns() // 1000
pid = os.getpid()
for i, f in enumerate(files):
    with open(f, "rb") as fh:
        data = fh.read()
    t = base + i
    name = "%d.M%dP%dQ%d.congvan-inject,S=%d" % (t // 1000000, t % 1000000, pid, i, len(data))
    tmp = os.path.join(md, "tmp", name)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chown(tmp, pw.pw_uid, pw.pw_gid)
    # Dovecot takes a Maildir file's mtime for its INTERNALDATE: mail
    # delivered long ago (MAILDIR_MTIME, Unix seconds)
    if os.environ.get("MAILDIR_MTIME"):
        m = int(os.environ["MAILDIR_MTIME"])
        os.utime(tmp, (m, m))
    os.rename(tmp, os.path.join(md, "new", name))
EOF
}

smtp_queue_empty() {
	local timeout=${1:-30} end left spool=${SMTPD_SPOOL:-/var/spool/smtpd}
	end=$((SECONDS + timeout))
	while :; do
		left=$(find "$spool/queue" "$spool/incoming" -type f 2>/dev/null | wc -l)
		[ "$left" -eq 0 ] && return 0
		[ $SECONDS -lt $end ] || break
		sleep 0.2
	done
	echo "smtp_queue_empty: $left file(s) still queued after ${timeout}s" >&2
	return 1
}

# congvan_conf FILE DATABASE [SECTION.KEY=VALUE...]
#   Writes a congvan configuration for the loaded stack: the shared mailbox
#   congvan@$DOMAIN over imap://, the Office vanthu@$DOMAIN, SMTP without
#   login.  Each SECTION.KEY=VALUE replaces that key, or adds it to its
#   section (an empty VALUE removes the key).
# ------------------------------------------------------------ congvan
# ---------------------------------------------------------------- signatures

_pki_ca() { # DB NICK SUBJECT SERIAL: a self-signed CA (basic constraints, critical)
	printf 'y\n\ny\n' | certutil -S -d "sql:$1" -n "$2" -s "$3" -m "$4" -x -t "CT,C,C" \
		-k rsa -g 2048 -Z SHA256 -v 120 -2 -z "$1/noise" >/dev/null 2>&1
}

pki_make() {
	local dir=$1
	mkdir -p "$dir/nss" "$dir/ca" "$dir/other/nss" || return 1
	head -c 64 /dev/urandom >"$dir/nss/noise"
	head -c 64 /dev/urandom >"$dir/other/nss/noise"
	certutil -N -d "sql:$dir/nss" --empty-password || return 1
	certutil -N -d "sql:$dir/other/nss" --empty-password || return 1
	# Serial numbers given: certutil's own come from the clock's second.
	_pki_ca "$dir/nss" ca "CN=Cục Chứng thực số thử,O=Ban Cơ yếu Chính phủ thử,C=VN" 1 || return 1
	_pki_ca "$dir/other/nss" other "CN=CA khác,O=Tổ chức khác,C=VN" 2 || return 1
	certutil -S -d "sql:$dir/nss" -n an -s "CN=Nguyễn Văn An,O=Bộ Tài chính,C=VN" -m 3 \
		-c ca -t ",," -k rsa -g 2048 -Z SHA256 -v 60 -z "$dir/nss/noise" \
		--keyUsage digitalSignature,nonRepudiation >/dev/null 2>&1 || return 1
	certutil -S -d "sql:$dir/nss" -n binh -s "CN=Trần Thị Bình,O=Bộ Tài chính,C=VN" -m 4 \
		-c ca -t ",," -k rsa -g 2048 -Z SHA256 -v 60 -z "$dir/nss/noise" \
		--keyUsage digitalSignature,nonRepudiation >/dev/null 2>&1 || return 1
	certutil -L -d "sql:$dir/nss" -n ca -a >"$dir/ca/ca.pem" || return 1
	certutil -L -d "sql:$dir/other/nss" -n other -a >"$dir/other/other.pem"
}

pdf_sign() {
	pdfsig -nssdir "sql:$1/nss" -add-signature -nick "$2" -reason "Ký ban hành" \
		"$3" "$4" 2>&1 | grep -v '^NSS_Shutdown' >&2
	[ -s "$4" ]
}

# cv ARGS, run_at TIME, q SQL, deliver FROM FILE: the congvan binary on
# $CONF, one cycle at a fixed instant (stderr appended to $WORK/run.log),
# a query on $WORK/congvan.db, and a message delivered over SMTP to the
# service mailbox (congvan@DOMAIN), waited for.  Need CONGVAN, CONF, WORK.
cv() { "${CONGVAN:?}" -c "${CONF:?}" "$@"; }
run_at() { cv run --once --now "$1" 2>>"${WORK:?}/run.log"; }
q() { sqlite3 "${WORK:?}/congvan.db" "$1"; }
# outbox_message ID: the message of queued mail ID as queued, from its place
# in the packs (schema 19), or from outbox_data for mail queued before
outbox_message() {
	local pack off size
	IFS='|' read -r pack off size <<<"$(q "SELECT data_pack, data_offset,
		data_size FROM outbox WHERE id = $1")"
	if [ -n "$pack" ]; then
		dd if="$(printf '%s/congvan.db.raw/pack-%06d' "${WORK:?}" \
			"$pack")" iflag=skip_bytes,count_bytes skip="$off" \
			count="$size" bs=64K status=none
	else
		q "SELECT data FROM outbox_data WHERE outbox_id = $1"
	fi
}
# cal_uid NAME: the UID of calendar event NAME (KEY.PART.WHO, lower case)
# as DESIGN's trust rule wants it, marked under this test's service
# secret: NAME.MARK@$D, MARK 16 hex digits of HMAC-SHA256 of
# "calendar-uid:NAME" (computed here by openssl, not by congvan).
cal_uid() {
	local secret
	secret=$(cat "${WORK:?}/congvan.db.secret")
	printf '%s.%s@%s' "$1" "$(printf 'calendar-uid:%s' "$1" |
		openssl dgst -sha256 -hmac "$secret" -r | cut -c1-16)" "${D:?}"
}
# sent_id KEY ADDRESS: the Message-ID of the last mail congvan queued to
# ADDRESS about item KEY: what that person answers when they press Reply
# (a command acts only on such proof of receipt, README "Who may command")
sent_id() {
	q "SELECT o.message_id FROM outbox o JOIN items i ON i.id = o.item_id
	   WHERE i.key = '$1' AND instr(char(10) || lower(o.rcpt) || char(10),
	   char(10) || lower('$2') || char(10)) > 0 ORDER BY o.id DESC LIMIT 1"
}
deliver() {
	local n
	n=$(mail_count congvan)
	mail_send "$1" "congvan@${DOMAIN:-congvan.test}" "$2" || t_fail "mail_send $2"
	mail_wait_count congvan $((n + 1)) 30 || t_fail "$2 did not arrive"
}

# mof_letters N DIR: N letters from the Ministry of Finance to the service
# mailbox (congvan@DOMAIN) as Thunderbird sends them, DIR/001.eml and on
mof_letters() {
	local i
	mkdir -p "$2"
	for ((i = 1; i <= $1; i++)); do
		cat >"$2/$(printf '%03d' "$i").eml" <<EOF
From: =?UTF-8?B?$(printf 'Văn thư Bộ Tài chính' | base64 -w0)?= <vanthu@mof.gov.vn>
To: congvan@${DOMAIN:-congvan.test}
Subject: =?UTF-8?B?$(printf 'V/v báo cáo tình hình thực hiện dự toán ngân sách đợt %d' "$i" | base64 -w0)?=
Date: Fri, 27 Nov 2026 08:$(printf '%02d' $((i % 60))):00 +0700
Message-ID: <$(cat /proc/sys/kernel/random/uuid)@mof.gov.vn>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit
User-Agent: Mozilla Thunderbird

BỘ TÀI CHÍNH
Số: $((1200 + i))/BTC-NSNN
V/v báo cáo tình hình thực hiện dự toán ngân sách đợt $i

Hà Nội, ngày 25 tháng 11 năm 2026

Kính gửi: Bộ Công Thương

Bộ Tài chính đề nghị Quý Bộ báo cáo tình hình thực hiện dự toán ngân
sách năm 2026 trước ngày 10/12/2026.

KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Văn Thắng
EOF
	done
}

# directory_conf FILE: appends the ministry directory the workflow tests
# share: units TTTN (head truong.tttn, member a.nguyen), PC (head
# truong.pc) and TC (head truong.tc, member b.tran), and two rules for
# letters from *@moit.example (e-commerce subjects to TTTN with PC, in 5
# working days; the rest to TC in 2).
directory_conf() {
	local d=${DOMAIN:-congvan.test}
	cat >>"$1" <<EOF

[unit TTTN]
name = Vụ Thị trường trong nước
email = tttn@$d
head = truong.tttn@$d
members = Nguyễn Văn A <a.nguyen@$d>

[unit PC]
name = Vụ Pháp chế
email = phapche@$d
head = truong.pc@$d

[unit TC]
name = Vụ Tài chính
email = khtc@$d
head = truong.tc@$d
members = Trần Thị B <b.tran@$d>

[rule ecommerce]
from = *@moit.example
subject = thuong mai dien tu
lead = TTTN
coordinate = PC
days = 5

[rule finance]
from = *@moit.example
lead = TC
days = 2
EOF
}

congvan_conf() {
	local file=$1 db=$2 kv
	shift 2
	cat >"$file" <<CONF
[service]
organization = Bộ Công Thương
domain = $DOMAIN
database = $db
office = vanthu@$DOMAIN

[mailbox]
url = imap://127.0.0.1:$IMAP_PORT/INBOX
user = congvan@$DOMAIN
password = $PASSWORD

[smtp]
url = smtp://127.0.0.1:$SMTP_PORT
from = congvan@$DOMAIN
CONF
	for kv in "$@"; do
		"$T_PY" - "$file" "$kv" <<'PY'
import sys
path, kv = sys.argv[1], sys.argv[2]
name, value = kv.split("=", 1)
section, key = name.split(".", 1)
out, cur, done = [], None, False
for line in open(path, encoding="utf-8").read().splitlines():
    s = line.strip()
    if s.startswith("["):
        if cur == section and not done and value:
            out.append(f"{key} = {value}")
            done = True
        cur = s[1:-1]
    elif cur == section and s.split("=", 1)[0].strip() == key:
        if value:
            out.append(f"{key} = {value}")
        done = True
        continue
    out.append(line)
if not done and value:
    out.append(f"{key} = {value}")
open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")
PY
	done
}
