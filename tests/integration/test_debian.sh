#!/usr/bin/env bash
# The Debian package on a fresh Debian 12, as an administrator meets it:
# "make deb" (contrib/build-deb) builds it with dpkg-buildpackage; lintian
# is content; it holds what "make install" installs and a conffile; its unit
# passes
# systemd-analyze verify and security; apt installs it into a clean
# bookworm made here with debootstrap (minbase, from the mirror this
# machine's apt uses), pulling its dependencies; there the system user, the
# folders and the configuration have their owners and modes, and
# check-config and a run --once as the user congvan, against the mail stack
# on this machine's loopback, turn a letter into an item and a notice, with
# the database's files private to congvan; then the same root, with systemd
# added, boots in systemd-nspawn and runs congvan.service as shipped (every
# sandboxing setting, Type=notify, the watchdog): ready, a letter with a PDF
# read and one with a .doc, the journal's priorities, a clean stop.  Nothing
# is kept between runs.  Needs root, debootstrap, systemd-nspawn and the
# build dependencies (contrib/install-deps); about two minutes, most of it
# debootstrap and apt.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

DATA="$T_ROOT/tests/data/integration"
NOW=2026-11-27T09:00:00+07:00

if [ "$(id -u)" != 0 ]; then
	t_fail "needs root (debootstrap, chroot, the mail stack)"
	t_summary
	exit 1
fi
for tool in debootstrap dpkg-buildpackage dh lintian systemd-nspawn; do
	command -v "$tool" >/dev/null || t_fail "$tool is not installed (contrib/install-deps)"
done
WORK=$(mktemp -d /tmp/congvan-debian.XXXXXX)
ROOT=$WORK/root
nspawn_pid=
cleanup() {
	if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
		kill -TERM "$nspawn_pid"
		sleep 3
		kill -KILL "$nspawn_pid" 2>/dev/null
	fi
	if mountpoint -q "$ROOT/proc"; then umount "$ROOT/proc" || umount -l "$ROOT/proc"; fi
	stack_stop
	if mountpoint -q "$ROOT/proc"; then
		echo "$ROOT/proc is still mounted: $WORK left in place" >&2
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
in_root() { chroot "$ROOT" "$@"; }
as_congvan() { chroot "$ROOT" runuser -u congvan -- "$@"; }
owner_mode() { in_root stat -c '%U:%G %a' "$1" 2>/dev/null || echo missing; }

t_begin "make deb builds the package with dpkg-buildpackage"
start=$SECONDS
out=$("$T_ROOT/contrib/build-deb" "$WORK/deb" 2>&1)
assert_eq 0 "$?" "contrib/build-deb exit status"
build_secs=$((SECONDS - start))
deb=$(ls "$WORK"/deb/congvan_*.deb 2>/dev/null | head -1)
assert_ne "" "$deb" "a .deb was built: $out"
contents=$(dpkg-deb -c "$deb" 2>/dev/null)
assert_contains "$contents" "-rw-r----- root/root" "the configuration is 0640 in the package"
assert_contains "$(dpkg-deb -f "$deb" Depends)" "adduser" "it depends on adduser"
assert_contains "$(dpkg-deb -f "$deb" Depends)" "libsystemd0" "and on libsystemd (sd_notify)"
dpkg-deb -x "$deb" "$WORK/x"
assert_eq "" "$(nm -D "$WORK/x/usr/bin/congvan" 2>/dev/null | grep -i 'asan\|ubsan')" \
	"the packaged binary has no sanitizer, even when the tests run with SANITIZE"
out=$(lintian --fail-on warning "$deb" 2>&1 | grep -v 'running with root privileges')
assert_eq "" "$out" "lintian finds no error or warning"
# Everything "make install" installs is in the package (manual pages
# compressed by debhelper), so a new file of make install follows.
make -C "$T_ROOT" --no-print-directory install DESTDIR="$WORK/inst" PREFIX=/usr \
	SYSCONFDIR=/etc UNITDIR=/lib/systemd/system >/dev/null 2>&1 ||
	t_fail "make install into $WORK/inst"
packaged=$(awk '{print $6}' <<<"$contents" | sed -e 's|^\./|/|' -e 's|\.gz$||')
missing=
while read -r f; do
	grep -qxF "$f" <<<"$packaged" || missing="$missing $f"
done < <(cd "$WORK/inst" && find . -type f | sed 's|^\./|/|')
assert_eq "" "$missing" "every file of make install is in the package"
for f in /usr/bin/congvan /etc/congvan/congvan.conf /lib/systemd/system/congvan.service \
	/usr/share/man/man8/congvan.8 /usr/share/man/man5/congvan.conf.5 \
	/usr/share/congvan/holidays-vn.txt /usr/share/congvan/templates/vi/registered.txt; do
	grep -qxF "$f" <<<"$packaged" || t_fail "the package lacks $f"
done

t_begin "the unit passes systemd-analyze verify and security"
if command -v systemd-analyze >/dev/null; then
	unit="$WORK/unit/congvan.service"
	mkdir -p "$WORK/unit"
	# verify wants the programs it names to exist: the packaged binary
	sed "s|^ExecStart=/usr/bin/congvan|ExecStart=$WORK/x/usr/bin/congvan|" \
		"$WORK/x/lib/systemd/system/congvan.service" >"$unit"
	out=$(systemd-analyze verify --man=no "$unit" 2>&1)
	assert_eq 0 "$?" "systemd-analyze verify exit status"
	assert_eq "" "$out" "systemd-analyze verify says nothing: $out"
	out=$(systemd-analyze security --offline=true --no-pager "$unit" 2>&1)
	score=$(sed -n 's/.*Overall exposure level for congvan.service: \([0-9.]*\) .*/\1/p' <<<"$out")
	echo "systemd-analyze security: exposure $score"
	assert_ne "" "$score" "systemd-analyze security gives a score"
	assert_eq 1 "$(awk -v s="${score:-10}" 'BEGIN { print (s <= 2.0) }')" \
		"exposure at most 2.0 (README: 1.4), got $score"
	for setting in Type=notify User=congvan StateDirectory=congvan WatchdogSec= \
		'ExecReload=/bin/kill -HUP $MAINPID' ProtectSystem=strict PrivateTmp=yes \
		NoNewPrivileges=yes ProtectHome=yes RestrictAddressFamilies= \
		SystemCallFilter=@system-service MemoryDenyWriteExecute=yes; do
		grep -qF "$setting" "$unit" || t_fail "the unit lacks $setting"
	done
else
	echo "systemd-analyze not installed: unit not checked"
fi

t_begin "apt installs the package into a clean Debian 12"
# The mirror this machine's apt uses, and its acceptance of old Release files.
mirror=$(sed -n 's/^deb \(http[^ ]*\) bookworm .*/\1/p' /etc/apt/sources.list 2>/dev/null | head -1)
if [ -z "$mirror" ]; then
	mirror=$(awk '/^URIs:/ {u=$2} /^Suites:/ && / bookworm( |$)/ && u {print u; exit}' \
		/etc/apt/sources.list.d/*.sources 2>/dev/null)
fi
assert_ne "" "$mirror" "found the machine's Debian mirror"
start=$SECONDS
debootstrap --variant=minbase bookworm "$ROOT" "$mirror" >"$WORK/debootstrap.log" 2>&1
rc=$?
boot_secs=$((SECONDS - start))
assert_eq 0 "$rc" "debootstrap exit status (log: $(tail -3 "$WORK/debootstrap.log"))"
mount -t proc proc "$ROOT/proc"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
apt-config dump | grep -E '^Acquire::Check-(Valid-Until|Date) ' >"$ROOT/etc/apt/apt.conf.d/99host" || true
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
cp "$deb" "$ROOT/tmp/"
start=$SECONDS
in_root apt-get update >"$WORK/apt.log" 2>&1 &&
	in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
		"/tmp/${deb##*/}" >>"$WORK/apt.log" 2>&1
rc=$?
apt_secs=$((SECONDS - start))
assert_eq 0 "$rc" "apt install ./congvan_*.deb (log: $(tail -3 "$WORK/apt.log"))"
pw=$(in_root getent passwd congvan)
assert_contains "$pw" ":/var/lib/congvan:/usr/sbin/nologin" "a system user congvan without a login"
uid=$(cut -d: -f3 <<<"$pw")
assert_eq 1 "$([ -n "$uid" ] && [ "$uid" -lt 1000 ] && echo 1)" "its uid is a system one ($uid)"
assert_eq "congvan:congvan 750" "$(owner_mode /var/lib/congvan)" "/var/lib/congvan"
assert_eq "root:congvan 640" "$(owner_mode /etc/congvan/congvan.conf)" "/etc/congvan/congvan.conf"
assert_contains "$(cat "$ROOT/var/lib/dpkg/info/congvan.conffiles")" "/etc/congvan/congvan.conf" \
	"the configuration is a conffile"
assert_eq "congvan 0.1.0" "$(in_root congvan --version)" "congvan runs there"
for f in /usr/share/man/man8/congvan.8.gz /usr/share/man/man5/congvan.conf.5.gz \
	/lib/systemd/system/congvan.service /usr/share/congvan/holidays-vn.txt; do
	[ -e "$ROOT$f" ] || t_fail "$f is not installed"
done

t_begin "there, check-config and run --once as the user congvan turn a letter into an item"
stack_start || t_fail "cannot start the mail stack"
trap cleanup EXIT # stack_start set its own
conf=$ROOT/etc/congvan/congvan.conf
# What the administrator edits in the example: the servers, and no SMTP login.
sed -i -e "s|^url = imap://127.0.0.1:143/INBOX|url = imap://127.0.0.1:$IMAP_PORT/INBOX|" \
	-e "s|^url = smtp://127.0.0.1:587|url = smtp://127.0.0.1:$SMTP_PORT|" \
	-e '/^\[smtp\]/,/^\[/{/^user = /d; /^password_file = /d}' "$conf"
printf '%s\n' "$PASSWORD" >"$ROOT/etc/congvan/mailbox.pass"
in_root chown root:congvan /etc/congvan/mailbox.pass
chmod 0640 "$ROOT/etc/congvan/mailbox.pass"
out=$(as_congvan congvan check-config 2>&1)
assert_eq 0 "$?" "check-config as congvan: $out"
assert_contains "$out" "/etc/congvan/congvan.conf: ok" "check-config says ok"
out=$(in_root congvan check-config 2>&1)
assert_eq 0 "$?" "check-config as root"
assert_not_contains "$out" "warning" "no warning as root: congvan can write its folder"
chmod 0644 "$ROOT/etc/congvan/mailbox.pass"
out=$(in_root congvan check-config 2>&1)
assert_contains "$out" "warning: password file '/etc/congvan/mailbox.pass' is readable by every user" \
	"a password file readable by all is reported"
chmod 0640 "$ROOT/etc/congvan/mailbox.pass"
in_root chown root:root /var/lib/congvan
out=$(in_root congvan check-config 2>&1)
assert_contains "$out" "warning: database folder '/var/lib/congvan' is not writable by user 'congvan'" \
	"a folder congvan cannot write is reported to root"
assert_contains "$out" "chown congvan:congvan '/var/lib/congvan'" "with the command that fixes it"
in_root chown congvan:congvan /var/lib/congvan

mail_send vanthu@mof.example congvan@congvan.test "$DATA/letter-mof.eml" || t_fail "mail_send"
mail_wait_count congvan 1 30 || t_fail "the letter did not arrive"
as_congvan congvan run --once --now "$NOW" 2>"$WORK/run.log"
assert_eq 0 "$?" "run --once as congvan (log: $(tail -3 "$WORK/run.log"))"
list=$(as_congvan congvan list 2>&1)
assert_contains "$list" "CV-2026-000001" "the letter became an item"
assert_contains "$list" "dự toán ngân sách" "with its subject"
mail_wait_count vanthu 1 30 || t_fail "no notice reached the Office"
assert_eq 1 "$(mail_count vanthu)" "the Office got one notice"
for f in congvan.db congvan.db.secret congvan.db.lock congvan.db.raw/pack-000001; do
	assert_eq "congvan:congvan 600" "$(owner_mode "/var/lib/congvan/$f")" "$f"
done
assert_eq "congvan:congvan 700" "$(owner_mode /var/lib/congvan/congvan.db.raw)" "the pack folder"
# root running a cycle by hand leaves nothing the service cannot open
mail_send vanthu@mof.example congvan@congvan.test "$DATA/letter-province.eml" || t_fail "mail_send"
mail_wait_count congvan 2 30 || t_fail "the second letter did not arrive"
in_root congvan run --once --now "$NOW" 2>>"$WORK/run.log"
assert_eq 0 "$?" "run --once as root"
others=$(in_root find /var/lib/congvan ! -user congvan)
assert_eq "" "$others" "after root's run every file still belongs to congvan"
as_congvan congvan run --once --now "$NOW" 2>>"$WORK/run.log"
assert_eq 0 "$?" "and congvan runs again after it"
assert_eq 2 "$(as_congvan congvan list | grep -c '^CV-')" "two items"

t_begin "booted with systemd, the root runs congvan.service: ready, hardened, working, stopping"
# systemd-nspawn boots the same root with systemd as pid 1 (sharing this
# machine's network, so the mail stack is reachable): the unit as shipped,
# with every sandboxing setting applied, Type=notify and the watchdog.
start=$SECONDS
umount "$ROOT/proc"
in_root apt-get install -y --no-install-recommends systemd systemd-sysv dbus >>"$WORK/apt.log" 2>&1 ||
	t_fail "apt-get install systemd in the root (log: $(tail -3 "$WORK/apt.log"))"
rm -f "$ROOT/usr/sbin/policy-rc.d"
in_root systemctl enable congvan >/dev/null 2>&1 || t_fail "systemctl enable congvan"
systemd-nspawn -D "$ROOT" -b --register=no --keep-unit --console=passive \
	--machine=congvan-test >"$WORK/boot.log" 2>&1 &
nspawn_pid=$!
leader=
for ((i = 0; i < 600; i++)); do
	leader=$(pgrep -P "$nspawn_pid" | head -1)
	if [ -n "$leader" ]; then
		state=$(nsenter -t "$leader" -a systemctl is-system-running 2>/dev/null)
		case $state in running | degraded) break ;; esac
	fi
	sleep 0.1
done
assert_ne "" "$leader" "the root boots (log: $(tail -3 "$WORK/boot.log"))"
ins() { nsenter -t "$leader" -a "$@"; }
assert_eq active "$(ins systemctl is-active congvan)" "congvan.service is active (READY=1 came)"
assert_eq "StatusText=serving" "$(ins systemctl show congvan -p StatusText)" "its status line"
assert_eq "WatchdogUSec=10min" "$(ins systemctl show congvan -p WatchdogUSec)" "the watchdog is on"
# items N: waits (30 s at most) until serve has N items; prints how many
items() {
	local i n
	for ((i = 0; i < 300; i++)); do
		n=$(ins runuser -u congvan -- congvan list 2>/dev/null | grep -c '^CV-')
		[ "$n" -ge "$1" ] && break
		sleep 0.1
	done
	echo "$n"
}
maildir_inject congvan "$T_ROOT/tests/data/inspect/letter-pdf-only.eml"
assert_eq 3 "$(items 3)" "serve registered the new letter"
key=$(ins runuser -u congvan -- congvan list | tail -1 | cut -f1)
assert_contains "$(ins runuser -u congvan -- congvan show "$key")" "312/SNV-CCVC" \
	"its number, read from the PDF by the forked reader under the sandbox"
mail_wait_count vanthu 3 30 || t_fail "no notice for it"
# a letter typed in Word, sent as a binary .doc: libgsf and glib in the
# reader, under the same sandbox
"$T_PY" "$T_ROOT/tests/integration/documents.py" eml "$WORK/doc.eml" \
	"$T_ROOT/tests/data/letters/3012-BCT-KH.doc" --subject "Gửi công văn"
maildir_inject congvan "$WORK/doc.eml"
assert_eq 4 "$(items 4)" "serve registered the letter sent as a .doc"
key=$(ins runuser -u congvan -- congvan list | tail -1 | cut -f1)
show=$(ins runuser -u congvan -- congvan show "$key")
assert_contains "$show" "3012/BCT-KH" "its number, read from the .doc by the forked reader under the sandbox"
assert_contains "$show" "read from:    doc" "... from the .doc itself"
out=$(ins runuser -u congvan -- congvan run --once 2>&1)
assert_eq 75 "$?" "run --once beside the service exits 75"
assert_contains "$(ins systemctl show congvan -p StatusText)" "last intake: 1 fetched, 1 registered" \
	"the status line follows intake"
assert_contains "$(ins journalctl -u congvan -o json --no-pager)" '"PRIORITY":"6"' \
	"the journal has the lines at info priority"
assert_contains "$(ins journalctl -u congvan -p info --no-pager -o cat)" "intake: 1 fetched, 1 registered" \
	"journalctl -p selects them"
ins systemctl stop congvan
assert_eq "Result=success" "$(ins systemctl show congvan -p Result)" \
	"it stops cleanly ($(ins systemctl show congvan -p ExecMainStatus -p NRestarts | tr '\n' ' ')$(
		ins journalctl -u congvan --no-pager -o cat | tail -8 | tr '\n' '|'))"
assert_contains "$(ins journalctl -u congvan --no-pager -o cat)" "stopping" "and says so"
others=$(ins find /var/lib/congvan ! -user congvan)
assert_eq "" "$others" "every file it made is congvan's"
ins systemctl poweroff >/dev/null 2>&1
for ((i = 0; i < 300; i++)); do
	kill -0 "$nspawn_pid" 2>/dev/null || break
	sleep 0.1
done
nspawn_secs=$((SECONDS - start))

echo "times: make deb ${build_secs}s, debootstrap ${boot_secs}s, apt install ${apt_secs}s," \
	"systemd and the boot test ${nspawn_secs}s"
t_summary
