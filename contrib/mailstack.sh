#!/usr/bin/env bash
# congvan — a throwaway local mail stack for integration tests, demo and bench.
#
#   contrib/mailstack.sh start DIR        Dovecot (IMAP+LMTP) + OpenSMTPD on loopback,
#                                         config/state/mail under DIR; writes DIR/env
#   contrib/mailstack.sh stop DIR         stop both and empty OpenSMTPD's queue
#   contrib/mailstack.sh status DIR       print what runs (exit 1 if something is down)
#   contrib/mailstack.sh smtp-stop DIR    stop only OpenSMTPD   (queue is kept)
#   contrib/mailstack.sh smtp-start DIR   start it again on the same port
#   contrib/mailstack.sh smtp-refuse DIR PHASE DECISION [RCPT]
#                                         restart OpenSMTPD refusing every
#                                         session at PHASE (connect, helo,
#                                         ehlo, mail-from, rcpt-to, data,
#                                         commit) with DECISION, e.g.
#                                         'disconnect "554 5.7.1 No service"'
#                                         or 'reject "553 5.7.1 Not yours"';
#                                         PHASE "none": as it was started;
#                                         with RCPT (rcpt-to only), only
#                                         that recipient is refused
#   contrib/mailstack.sh smtp-limit DIR SIZE
#                                         restart OpenSMTPD taking messages
#                                         of at most SIZE (e.g. 100K; "none":
#                                         its default), refused with 552
#   contrib/mailstack.sh imap-stop DIR    stop only Dovecot (IMAP and LMTP)
#   contrib/mailstack.sh imap-start DIR   start it again on the same ports
#   contrib/mailstack.sh adduser DIR ADDRESS [PASSWORD]
#                                         add a mailbox (default password: secret)
#   contrib/mailstack.sh smtpctl DIR ARGS...
#                                         smtpctl against this stack's smtpd
#                                         (e.g. "show queue", "schedule all")
#
# With MAILSTACK_TLS=1 at start, Dovecot also speaks TLS: STARTTLS on IMAP_PORT
# and implicit TLS on IMAPS_PORT, with a self-signed certificate for
# localhost and 127.0.0.1 whose PEM is TLS_CA (in DIR/env).
#
# DIR/env is shell-sourceable: IMAP_PORT LMTP_PORT SMTP_PORT MAILDIR_ROOT DOVEADM
# DOMAIN PASSWORD MAILSTACK_DIR SMTPD_ISOLATED SMTPD_SPOOL.  A user's Maildir is
# $MAILDIR_ROOT/<domain>/<localpart>/Maildir.  Mailboxes: congvan vanthu khtc
# phapche tochuc a.nguyen b.tran sender (@congvan.test, password "secret").
# SMTP accepts mail for those only; other recipients get 550 at RCPT.
#
# Must run as root (Dovecot's master and OpenSMTPD need it).  Ports are free
# ones in 20000-40000, so several stacks may run at once.  OpenSMTPD's queue
# and control socket are compiled-in machine-wide paths; each stack's smtpd
# gets its own in a private mount namespace when `unshare -m` works
# (SMTPD_ISOLATED=1, queue in DIR/smtpd/spool).  Where it does not, or with
# MAILSTACK_SHARED_SPOOL=1, only one stack may have its smtpd running at a
# time and `start`/`smtp-start` refuse while another one runs.
set -euo pipefail

DOMAIN=congvan.test
PASSWORD=secret
USERS="congvan vanthu khtc phapche tochuc a.nguyen b.tran sender"
SPOOL=/var/spool/smtpd
WAIT_SECS=${MAILSTACK_WAIT:-15}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

me=${0##*/}
die() { echo "$me: $*" >&2; exit 1; }
say() { [ -n "${MAILSTACK_QUIET:-}" ] || echo "$me: $*"; }

usage() {
	sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
	exit 2
}

need_root() { [ "$(id -u)" = 0 ] || die "must run as root (Dovecot and OpenSMTPD need it)"; }

# ---------------------------------------------------------------- helpers

# Make DIR and every parent traversable by others (o+x): Dovecot's mail
# processes run as the dovecot user and must reach DIR/mail.
make_traversable() {
	local d=$1
	while [ "$d" != / ] && [ -n "$d" ]; do
		if [ "$(( 0$(stat -c %a "$d") & 1 ))" = 0 ]; then
			chmod o+x "$d"
		fi
		d=$(dirname "$d")
	done
}

# N free TCP ports on 127.0.0.1 in 20000-40000 (bind-tested, distinct).
free_ports() {
	"$PY" - "$1" <<'EOF'
import random, socket, sys
n = int(sys.argv[1]); got = []
rnd = random.SystemRandom()
while len(got) < n:
    p = rnd.randint(20000, 40000)
    if p in got:
        continue
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p))
        got.append(p)
    except OSError:
        pass
    finally:
        s.close()
print(" ".join(map(str, got)))
EOF
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_port PORT LOG WHAT: poll until something accepts on PORT.
wait_port() {
	local port=$1 log=$2 what=$3 i
	for ((i = 0; i < WAIT_SECS * 10; i++)); do
		port_open "$port" && return 0
		sleep 0.1
	done
	echo "$me: $what did not answer on 127.0.0.1:$port within ${WAIT_SECS}s; last lines of $log:" >&2
	tail -n 25 "$log" >&2 2>/dev/null || true
	return 1
}

# a live process (zombies, waiting to be reaped by init, do not count)
pid_alive() {
	[ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
	local st
	st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || return 1
	[ "${st:0:1}" != Z ]
}

# wait_gone PID SECONDS: wait for a process to exit; SIGKILL it after the delay.
wait_gone() {
	local pid=$1 i
	for ((i = 0; i < $2 * 10; i++)); do
		pid_alive "$pid" || return 0
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	sleep 0.2
}

load_env() {
	[ -f "$DIR/env" ] || die "$DIR/env not found (was the stack started with '$me start $DIR'?)"
	# shellcheck disable=SC1091
	. "$DIR/env"
}

# ---------------------------------------------------------------- config

# A throwaway CA-less certificate for localhost and 127.0.0.1.
make_cert() {
	mkdir -p "$DIR/tls"
	[ -s "$DIR/tls/cert.pem" ] && return 0
	openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj /CN=localhost \
		-addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
		-keyout "$DIR/tls/key.pem" -out "$DIR/tls/cert.pem" 2>/dev/null ||
		die "openssl could not make a certificate"
	chmod 0644 "$DIR/tls/cert.pem" "$DIR/tls/key.pem"
}

dovecot_ssl_conf() {
	if [ -n "${MAILSTACK_TLS:-}" ]; then
		printf 'ssl = yes\nssl_cert = <%s\nssl_key = <%s\n' \
			"$DIR/tls/cert.pem" "$DIR/tls/key.pem"
	else
		echo "ssl = no"
	fi
}

write_dovecot_conf() {
	cat >"$DIR/dovecot.conf" <<EOF
# generated by contrib/mailstack.sh — throwaway test instance
instance_name = congvan-$IMAP_PORT
base_dir = $DIR/run
state_dir = $DIR/state
log_path = $DIR/dovecot.log
info_log_path = $DIR/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
shutdown_clients = yes

$(dovecot_ssl_conf)
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_cache_size = 0

first_valid_uid = 100
mail_location = maildir:~/Maildir
mail_max_userip_connections = 200
postmaster_address = postmaster@$DOMAIN
hostname = mail.$DOMAIN
lmtp_save_to_detail_mailbox = no
recipient_delimiter =

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DIR/users
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=$DIR/mail/%d/%n
}

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $( [ -n "${MAILSTACK_TLS:-}" ] && echo "$IMAPS_PORT" || echo 0)
  }
  process_min_avail = 1
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
}
service imap {
  process_limit = 256
}
EOF
}

write_smtpd_conf() {
	# vusers maps the whole domain to one system user (Dovecot does the rest);
	# rcpts lists the mailboxes (add_user appends) so that unknown recipients
	# are refused at RCPT with "550 Invalid recipient" — OpenSMTPD 6.8 treats
	# an LMTP-time 550 as a temporary failure and would keep retrying.
	printf '@%s dovecot\n' "$DOMAIN" >"$DIR/vusers"
	: >"$DIR/rcpts"
	rm -f "$DIR/smtpd.refuse" "$DIR/smtpd.limit"
	write_smtpd_main
	chmod 0644 "$DIR/vusers" "$DIR/rcpts"
}

# smtpd.conf alone (the tables are kept); with DIR/smtpd.refuse ("PHASE
# DECISION"), every session from this machine is refused at PHASE; with
# DIR/smtpd.limit, messages larger than it are refused.
write_smtpd_main() {
	local filter="" listen_filter="" limit=""
	if [ -s "$DIR/smtpd.limit" ]; then
		limit="smtp max-message-size $(cat "$DIR/smtpd.limit")"
	fi
	if [ -s "$DIR/smtpd.refuse" ]; then
		local phase rcpt decision match="src <loopback>"
		{ read -r phase rcpt && read -r decision; } <"$DIR/smtpd.refuse"
		filter="table loopback { 127.0.0.1 }"
		if [ "$rcpt" != - ]; then
			filter="$filter
table refused { $rcpt }"
			match="rcpt-to <refused>"
		fi
		filter="$filter
filter \"refuse\" phase $phase match $match $decision"
		listen_filter=' filter "refuse"'
	fi
	cat >"$DIR/smtpd.conf" <<EOF
# generated by contrib/mailstack.sh — throwaway test instance
table vusers file:$DIR/vusers
table rcpts file:$DIR/rcpts
$filter
$limit

listen on 127.0.0.1 port $SMTP_PORT hostname mail.$DOMAIN$listen_filter

action "deliver" lmtp "127.0.0.1:$LMTP_PORT" rcpt-to virtual <vusers>

match from any for domain "$DOMAIN" rcpt-to <rcpts> action "deliver"
match from any for any reject
EOF
	chmod 0644 "$DIR/smtpd.conf"
}

# Restarts OpenSMTPD taking messages of at most SIZE, or any (none).
cmd_smtp_limit() {
	case $1 in
	none) rm -f "$DIR/smtpd.limit" ;;
	[0-9]*) printf '%s\n' "$1" >"$DIR/smtpd.limit" ;;
	*) die "bad size '$1'" ;;
	esac
	write_smtpd_main
	smtp_stop
	smtp_start
}

# Restarts OpenSMTPD refusing at a phase, or as started (PHASE none).
cmd_smtp_refuse() {
	local phase=$1 decision=${2:-} rcpt=${3:--}
	case $phase in
	none) rm -f "$DIR/smtpd.refuse" ;;
	connect | helo | ehlo | mail-from | rcpt-to | data | commit)
		[ -n "$decision" ] || usage
		[ "$rcpt" = - ] || [ "$phase" = rcpt-to ] || usage
		printf '%s %s\n%s\n' "$phase" "$rcpt" "$decision" >"$DIR/smtpd.refuse"
		;;
	*) die "unknown phase '$phase'" ;;
	esac
	write_smtpd_main
	smtp_stop
	smtp_start
}

write_env() {
	cat >"$DIR/env" <<EOF
# generated by contrib/mailstack.sh start $DIR
MAILSTACK_DIR='$DIR'
IMAP_PORT=$IMAP_PORT
LMTP_PORT=$LMTP_PORT
SMTP_PORT=$SMTP_PORT
MAILDIR_ROOT='$DIR/mail'
DOVEADM='doveadm -c $DIR/dovecot.conf'
DOMAIN=$DOMAIN
PASSWORD=$PASSWORD
SMTPD_ISOLATED=$SMTPD_ISOLATED
SMTPD_SPOOL='$SMTPD_SPOOL'
IMAPS_PORT=$( [ -n "${MAILSTACK_TLS:-}" ] && echo "$IMAPS_PORT")
TLS_CA=$( [ -n "${MAILSTACK_TLS:-}" ] && echo "'$DIR/tls/cert.pem'")
MAILSTACK_TLS=${MAILSTACK_TLS:-}
export MAILSTACK_DIR IMAP_PORT LMTP_PORT SMTP_PORT MAILDIR_ROOT DOVEADM DOMAIN PASSWORD SMTPD_ISOLATED SMTPD_SPOOL IMAPS_PORT TLS_CA MAILSTACK_TLS
EOF
}

add_user() {
	local addr=$1 pass=${2:-$PASSWORD}
	case $addr in
	*@*) ;;
	*) addr=$addr@$DOMAIN ;;
	esac
	case $addr in
	*:* | *' '* | *'/'*) die "bad address: $addr" ;;
	esac
	if ! grep -q "^$addr:" "$DIR/users" 2>/dev/null; then
		printf '%s:{PLAIN}%s\n' "$addr" "$pass" >>"$DIR/users"
	fi
	local new_rcpt=
	if ! grep -qx "$addr" "$DIR/rcpts" 2>/dev/null; then
		printf '%s\n' "$addr" >>"$DIR/rcpts"
		new_rcpt=1
	fi
	local home=$DIR/mail/${addr#*@}/${addr%@*}
	mkdir -p "$home/Maildir/cur" "$home/Maildir/new" "$home/Maildir/tmp"
	chown -R dovecot:dovecot "$DIR/mail"
	chmod 0700 "$home" "$home/Maildir"
	[ -n "$new_rcpt" ] || return 0
	# a running smtpd reads file tables at start only
	if pid_alive "$(smtpd_pid)"; then
		smtp_ctl update table rcpts >/dev/null ||
			echo "$me: warning: 'smtpctl update table rcpts' failed; restart smtpd to accept $addr" >&2
	fi
	# Dovecot's auth process re-reads the passwd-file at most once a second:
	# wait until it knows the new user, or the first LMTP delivery may fail
	if pid_alive "$(dovecot_pid)"; then
		local i
		for ((i = 0; i < 30; i++)); do
			doveadm -c "$DIR/dovecot.conf" user "$addr" >/dev/null 2>&1 && break
			sleep 0.2
		done
	fi
}

# ---------------------------------------------------------------- dovecot

dovecot_pid() { cat "$DIR/run/master.pid" 2>/dev/null || true; }

imap_start() {
	local pid
	pid=$(dovecot_pid)
	if pid_alive "$pid"; then
		say "dovecot already running (pid $pid)"
		return 0
	fi
	rm -f "$DIR/run/master.pid"
	mkdir -p "$DIR/run" "$DIR/state"
	if ! dovecot -c "$DIR/dovecot.conf" 2>>"$DIR/dovecot.log"; then
		echo "$me: dovecot failed to start; last lines of $DIR/dovecot.log:" >&2
		tail -n 25 "$DIR/dovecot.log" >&2
		return 1
	fi
	wait_port "$IMAP_PORT" "$DIR/dovecot.log" "Dovecot IMAP" &&
		wait_port "$LMTP_PORT" "$DIR/dovecot.log" "Dovecot LMTP"
}

imap_stop() {
	local pid
	pid=$(dovecot_pid)
	if ! pid_alive "$pid"; then
		rm -f "$DIR/run/master.pid"
		return 0
	fi
	kill -TERM "$pid" 2>/dev/null || true
	wait_gone "$pid" 10
	# children exit on their own once the master is gone; give them a moment
	local i
	for ((i = 0; i < 30; i++)); do
		port_open "$IMAP_PORT" || port_open "$LMTP_PORT" || break
		sleep 0.1
	done
	rm -f "$DIR/run/master.pid"
}

# ---------------------------------------------------------------- opensmtpd
#
# OpenSMTPD's queue (/var/spool/smtpd) and control socket (/run/smtpd.sock)
# are compiled in.  When the kernel lets us (root, `unshare -m` works), each
# stack's smtpd runs in its own mount namespace where DIR/smtpd/spool is
# bind-mounted on /var/spool/smtpd and DIR/smtpd/run on /run: stacks are then
# fully independent (SMTPD_ISOLATED=1 in DIR/env).  Otherwise (or with
# MAILSTACK_SHARED_SPOOL=1) smtpd uses the machine-wide paths and only one
# such smtpd may run at a time.

smtpd_pid() { cat "$DIR/smtpd.pid" 2>/dev/null || true; }

can_isolate() {
	[ -z "${MAILSTACK_SHARED_SPOOL:-}" ] && unshare -m --propagation private true 2>/dev/null
}

# smtpd processes sharing our mount namespace, i.e. the machine-wide queue
# and control socket (isolated stacks' smtpd are not counted)
shared_smtpd_pids() {
	local p me_ns
	me_ns=$(readlink /proc/self/ns/mnt)
	for p in $(pgrep -x smtpd 2>/dev/null || true); do
		[ "$(readlink "/proc/$p/ns/mnt" 2>/dev/null)" = "$me_ns" ] && echo "$p"
	done
	return 0
}

# refuse_other_smtpd: in shared mode, fail with a clear message when another
# smtpd uses the machine-wide queue.
refuse_other_smtpd() {
	[ "${SMTPD_ISOLATED:-0}" = 1 ] && return 0
	local others p
	others=$(shared_smtpd_pids)
	[ -z "$others" ] && return 0
	{
		echo "$me: refusing to start: another OpenSMTPD runs on this machine and its"
		echo "  queue ($SPOOL) and control socket are machine-wide. Running smtpd processes:"
		for p in $others; do
			printf '    %s\n' "$(ps -o pid=,args= -p "$p" 2>/dev/null || echo "$p")"
		done
		echo "  Stop the other stack ('$me stop OTHERDIR') or the system service"
		echo "  ('service opensmtpd stop') first."
	} >&2
	return 1
}

smtp_start() {
	local pid
	pid=$(smtpd_pid)
	if pid_alive "$pid"; then
		say "smtpd already running (pid $pid)"
		return 0
	fi
	refuse_other_smtpd || return 1
	if port_open "$SMTP_PORT"; then
		echo "$me: port $SMTP_PORT is taken by something else" >&2
		return 1
	fi
	smtpd -n -f "$DIR/smtpd.conf" >"$DIR/smtpd.check" 2>&1 || {
		echo "$me: bad $DIR/smtpd.conf:" >&2
		cat "$DIR/smtpd.check" >&2
		return 1
	}
	# -d: foreground, logs to stderr.  setsid: survive this script and its
	# terminal; as a background job of a non-interactive shell we are not a
	# process-group leader, so setsid (and unshare, and bash) exec in place
	# and $! is smtpd's pid.
	if [ "${SMTPD_ISOLATED:-0}" = 1 ]; then
		mkdir -p "$DIR/smtpd/run" "$DIR/smtpd/hostrun"
		install -d -m 0711 "$DIR/smtpd/spool"
		[ -d "$SPOOL" ] || install -d -m 0711 "$SPOOL"
		# /run is replaced by DIR/smtpd/run, which links to everything in the
		# real /run (resolv.conf may point there) except smtpd's own files
		# shellcheck disable=SC2016
		setsid unshare -m --propagation private bash -c '
			set -e
			d=$1 spool=$2
			mount --bind /run "$d/smtpd/hostrun"
			find "$d/smtpd/run" -mindepth 1 -maxdepth 1 -type l -delete
			for e in "$d"/smtpd/hostrun/* "$d"/smtpd/hostrun/.[!.]*; do
				[ -e "$e" ] || [ -L "$e" ] || continue
				case ${e##*/} in smtpd.sock | smtpd.pid) continue ;; esac
				ln -sfn "$e" "$d/smtpd/run/${e##*/}"
			done
			mount --bind "$d/smtpd/spool" "$spool"
			mount --bind "$d/smtpd/run" /run
			exec smtpd -d -f "$d/smtpd.conf"
		' mailstack-smtpd "$DIR" "$SPOOL" </dev/null >>"$DIR/smtpd.log" 2>&1 &
	else
		setsid smtpd -d -f "$DIR/smtpd.conf" </dev/null >>"$DIR/smtpd.log" 2>&1 &
	fi
	pid=$!
	echo "$pid" >"$DIR/smtpd.pid"
	if ! wait_port "$SMTP_PORT" "$DIR/smtpd.log" "OpenSMTPD"; then
		kill -TERM "$pid" 2>/dev/null || true
		wait_gone "$pid" 5
		rm -f "$DIR/smtpd.pid"
		return 1
	fi
	if ! pid_alive "$pid"; then
		echo "$me: smtpd exited; last lines of $DIR/smtpd.log:" >&2
		tail -n 25 "$DIR/smtpd.log" >&2
		return 1
	fi
}

smtp_stop() {
	local pid
	pid=$(smtpd_pid)
	if pid_alive "$pid"; then
		kill -TERM "$pid" 2>/dev/null || true
		wait_gone "$pid" 10
		# the master's children (queue, scheduler, pony, lka, control, klondike)
		# exit when their parent's pipes close; wait for the port and for them
		local i
		for ((i = 0; i < 50; i++)); do
			port_open "$SMTP_PORT" || [ -n "$(pgrep -x -P "$pid" smtpd 2>/dev/null || true)" ] || break
			sleep 0.1
		done
	fi
	rm -f "$DIR/smtpd.pid"
}

# run smtpctl against this stack's smtpd
smtp_ctl() {
	local pid
	pid=$(smtpd_pid)
	pid_alive "$pid" || die "smtpd of $DIR is not running"
	if [ "${SMTPD_ISOLATED:-0}" = 1 ]; then
		nsenter -t "$pid" -m smtpctl "$@"
	else
		smtpctl "$@"
	fi
}

empty_spool() {
	local d root=$SPOOL
	[ "${SMTPD_ISOLATED:-0}" = 1 ] && root=$DIR/smtpd/spool
	for d in queue incoming corrupt purge temporary offline; do
		if [ -d "$root/$d" ]; then find "$root/$d" -mindepth 1 -delete 2>/dev/null || true; fi
	done
}

# ---------------------------------------------------------------- commands

cmd_start() {
	need_root
	command -v dovecot >/dev/null || die "dovecot not installed (run contrib/install-deps --if-missing)"
	command -v smtpd >/dev/null || die "opensmtpd not installed (run contrib/install-deps --if-missing)"
	getent passwd dovecot >/dev/null || die "no 'dovecot' user (dovecot-core not installed properly?)"
	if [ -f "$DIR/env" ]; then
		local o
		o=$(MAILSTACK_QUIET=1 "$0" status "$DIR" 2>/dev/null || true)
		case $o in *running*) die "a stack already uses $DIR (run '$me stop $DIR' first)" ;; esac
	fi
	if can_isolate; then
		SMTPD_ISOLATED=1 SMTPD_SPOOL=$DIR/smtpd/spool
	else
		SMTPD_ISOLATED=0 SMTPD_SPOOL=$SPOOL
		# refuse early, before writing anything, when another smtpd runs
		refuse_other_smtpd || exit 1
	fi
	mkdir -p "$DIR"
	chmod 0755 "$DIR"
	make_traversable "$DIR"
	[ ${#DIR} -le 70 ] || echo "$me: warning: DIR path is long (${#DIR} chars); Dovecot's unix sockets under DIR/run may exceed the 107-byte limit" >&2
	rm -rf "$DIR/run" "$DIR/state"
	: >"$DIR/users"
	chmod 0644 "$DIR/users"
	local attempt
	for attempt in 1 2 3; do
		read -r IMAP_PORT LMTP_PORT SMTP_PORT IMAPS_PORT <<<"$(free_ports 4)"
		[ -z "${MAILSTACK_TLS:-}" ] || make_cert
		write_dovecot_conf
		write_smtpd_conf
		write_env
		local u
		for u in $USERS; do add_user "$u@$DOMAIN"; done
		: >"$DIR/dovecot.log"
		if imap_start; then
			break
		fi
		imap_stop
		if [ "$attempt" = 3 ] || ! grep -qi 'address already in use' "$DIR/dovecot.log"; then
			die "could not start Dovecot"
		fi
		say "port collision, retrying with other ports"
	done
	if ! smtp_start; then
		imap_stop
		die "could not start OpenSMTPD"
	fi
	say "stack up in $DIR: IMAP 127.0.0.1:$IMAP_PORT  LMTP :$LMTP_PORT  SMTP :$SMTP_PORT (source $DIR/env)"
}

cmd_stop() {
	need_root
	load_env
	smtp_stop
	imap_stop
	empty_spool
	say "stack in $DIR stopped"
}

cmd_status() {
	load_env
	local rc=0 pid
	pid=$(dovecot_pid)
	if pid_alive "$pid"; then echo "dovecot: running (pid $pid) IMAP $IMAP_PORT LMTP $LMTP_PORT"; else echo "dovecot: stopped"; rc=1; fi
	pid=$(smtpd_pid)
	local mode="shared queue $SPOOL"
	[ "${SMTPD_ISOLATED:-0}" = 1 ] && mode="own queue $DIR/smtpd/spool"
	if pid_alive "$pid"; then echo "smtpd: running (pid $pid) SMTP $SMTP_PORT, $mode"; else echo "smtpd: stopped"; rc=1; fi
	return $rc
}

[ $# -ge 2 ] || usage
cmd=$1
DIR=$2
case $DIR in
/*) ;;
*) DIR=$(pwd)/$DIR ;;
esac
DIR=${DIR%/}
shift 2

case $cmd in
start) [ $# = 0 ] || usage; cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
smtp-stop) need_root; load_env; smtp_stop ;;
smtp-start) need_root; load_env; smtp_start ;;
smtp-limit)
	[ $# = 1 ] || usage
	need_root; load_env
	cmd_smtp_limit "$1"
	;;
smtp-refuse)
	[ $# -ge 1 ] || usage
	need_root; load_env
	cmd_smtp_refuse "$@"
	;;
imap-stop) need_root; load_env; imap_stop ;;
imap-start) need_root; load_env; imap_start ;;
smtpctl) need_root; load_env; smtp_ctl "$@" ;;
adduser)
	[ $# -ge 1 ] || usage
	need_root; load_env
	add_user "$1" "${2:-}"
	;;
*) usage ;;
esac
