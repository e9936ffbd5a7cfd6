#!/usr/bin/env bash
# What a Debian administrator relies on, on a real Dovecot + OpenSMTPD: one
# run or serve per database (a second one exits 75, and two runs started
# together send each notice once); the database, its WAL/SHM, the packs,
# the lock and the secret are private to their owner; check-config finds a
# missing database folder, malformed addresses in every address field and
# password files that everybody can read; list refuses an unknown status or
# unit; under the journal (JOURNAL_STREAM) log lines carry their syslog
# priority, and a reply that did nothing is a notice naming its item.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
DATA="$T_ROOT/tests/data/integration"
D=congvan.test
NOW=2026-11-27T09:00:00+07:00

stack_start || { echo "cannot start the mail stack"; echo "0 passed, 1 failed"; exit 1; }
WORK=$(mktemp -d /tmp/congvan-svc.XXXXXX)
chmod 755 "$WORK"
trap 'stack_stop; rm -rf "$WORK"' EXIT

CONF="$WORK/congvan.conf"
congvan_conf "$CONF" "$WORK/congvan.db" "mailbox.poll_interval=5"
directory_conf "$CONF"

t_begin "a second run or serve on the same database exits 75 while serve runs"
maildir_inject congvan "$DATA/letter-province.eml"
"$CONGVAN" -c "$CONF" serve 2>"$WORK/serve.err" &
spid=$!
mail_wait_count vanthu 1 30 || t_fail "serve sent no notice"
mode() { stat -c %a "$1" 2>/dev/null || echo missing; }
for f in congvan.db congvan.db-wal congvan.db-shm congvan.db.lock; do
	assert_eq 600 "$(mode "$WORK/$f")" "while serve runs, $f is 0600"
done
out=$(cv run --once --now "$NOW" 2>&1)
rc=$?
assert_eq 75 "$rc" "run --once beside serve exits 75 (EX_TEMPFAIL)"
assert_contains "$out" "in use by another congvan" "it says why"
assert_contains "$out" "pid $spid" "it names the process that holds the database"
assert_contains "$out" "$WORK/congvan.db" "it names the database"
out=$(timeout 10 "$CONGVAN" -c "$CONF" serve 2>&1)
assert_eq 75 "$?" "a second serve exits 75"
t_ok "the first serve still runs" kill -0 "$spid"
kill -TERM "$spid"
wait "$spid"
assert_eq 0 "$?" "serve stops on SIGTERM"
cv run --once --now "$NOW" 2>>"$WORK/run.log"
assert_eq 0 "$?" "once serve has stopped, run --once runs"
assert_eq 1 "$(mail_count vanthu)" "the letter was notified once"

t_begin "two runs started together send every notice once"
mof_letters 20 "$WORK/batch"
maildir_inject congvan "$WORK/batch"
total=21 # the first letter and the batch
for trial in 1 2 3 4 5; do
	db="$WORK/trial$trial.db"
	conf="$WORK/trial$trial.conf"
	congvan_conf "$conf" "$db"
	before=$(mail_count vanthu)
	"$CONGVAN" -c "$conf" run --once --now "$NOW" 2>"$WORK/t$trial.a" &
	a=$!
	"$CONGVAN" -c "$conf" run --once --now "$NOW" 2>"$WORK/t$trial.b" &
	b=$!
	wait "$a"
	ra=$?
	wait "$b"
	rb=$?
	codes=$(printf '%s\n' "$ra" "$rb" | sort -n | tr '\n' ' ')
	assert_eq "0 75 " "$codes" "trial $trial: one run works, the other exits 75"
	assert_eq "$total" "$(sqlite3 "$db" 'SELECT COUNT(*) FROM items')" "trial $trial: $total items"
	assert_eq "$total" "$(sqlite3 "$db" 'SELECT COUNT(*) FROM outbox')" "trial $trial: $total notices queued"
	mail_wait_count vanthu $((before + total)) 60 || t_fail "trial $trial: notices missing"
	smtp_queue_empty 30 || t_fail "trial $trial: mail still queued"
	assert_eq $((before + total)) "$(mail_count vanthu)" "trial $trial: $total notices delivered, none twice"
done

t_begin "the database, the packs, the lock and the secret are private"
for f in congvan.db congvan.db.lock congvan.db.secret congvan.db.raw/pack-000001; do
	assert_eq 600 "$(mode "$WORK/$f")" "$f is 0600"
done
assert_eq 700 "$(mode "$WORK/congvan.db.raw")" "the pack folder is 0700"
chmod 0644 "$WORK/congvan.db" "$WORK/congvan.db.raw/pack-000001"
cv list >/dev/null 2>&1
assert_eq 600 "$(mode "$WORK/congvan.db")" "a database left readable by others is tightened"
# a command that only reads opens no pack; one that writes tightens the
# pack it appends to
assert_eq 644 "$(mode "$WORK/congvan.db.raw/pack-000001")" "list leaves the pack alone"
# (the same database, a mailbox that cannot be reached: nothing is fetched)
congvan_conf "$WORK/nomail.conf" "$WORK/congvan.db" "mailbox.url=imap://127.0.0.1:1/INBOX"
directory_conf "$WORK/nomail.conf"
"$CONGVAN" -c "$WORK/nomail.conf" run --once --now "$NOW" >/dev/null 2>&1
assert_eq 600 "$(mode "$WORK/congvan.db.raw/pack-000001")" "so is a pack, when appended to"

t_begin "list refuses a status or unit that does not exist"
out=$(cv list --status closed 2>&1)
assert_eq 64 "$?" "unknown status: exit 64"
assert_contains "$out" "--status 'closed': expected one of registered, assigned, disputed, done, returned" \
	"the message lists the statuses"
out=$(cv list --unit KHTC 2>&1)
assert_eq 64 "$?" "unknown unit: exit 64"
assert_contains "$out" "--unit 'KHTC': no such unit" "the message names the unit"
out=$(cv list --status assigned --unit tttn 2>&1)
assert_eq 0 "$?" "a known status and unit (any case): exit 0"
n=$(cv list --status registered | grep -c '^CV-')
assert_eq 1 "$n" "the first letter waits for the Office"

t_begin "check-config rejects malformed addresses in every address field"
bad() { # KEY=VALUE|[SECTION]\nKEY=VALUE EXPECTED
	local c="$WORK/bad.conf" out rc
	case $1 in
	'['*)
		congvan_conf "$c" "$WORK/congvan.db"
		directory_conf "$c"
		printf '\n%s\n' "$1" >>"$c"
		;;
	*)
		congvan_conf "$c" "$WORK/congvan.db" "$1"
		directory_conf "$c"
		;;
	esac
	out=$(cv_conf "$c" check-config 2>&1)
	rc=$?
	assert_eq 78 "$rc" "$1: exit 78"
	assert_contains "$out" "$2" "$1: the message names the key"
}
cv_conf() { local c=$1; shift; "$CONGVAN" -c "$c" "$@"; }
bad "service.office=vanthu@@$D" "'office'"
bad "smtp.from=congvan@mail@$D" "'from'"
bad "[report]
to = lanhdao@$D, a@@b" "a@@b"
bad "[leaders]
members = Lãnh đạo <lanh..dao@$D>" "lanh..dao@$D"
c="$WORK/bad.conf"
congvan_conf "$c" "$WORK/congvan.db"
directory_conf "$c"
sed -i "s/^head = truong.pc@$D/head = truong.pc@@$D/" "$c"
out=$(cv_conf "$c" check-config 2>&1)
assert_eq 78 "$?" "a unit's head a@@b: exit 78"
assert_contains "$out" "'head'" "the message names the key"

t_begin "check-config: the database folder must exist; password files must not be public"
c="$WORK/files.conf"
congvan_conf "$c" "$WORK/nowhere/congvan.db"
out=$(cv_conf "$c" check-config 2>&1)
assert_eq 78 "$?" "a missing database folder: exit 78"
assert_contains "$out" "folder '$WORK/nowhere' does not exist" "it names the folder"
assert_contains "$out" "install -d -o congvan -g congvan -m 0750 '$WORK/nowhere'" "and the command that makes it"
printf '%s\n' "$PASSWORD" >"$WORK/mailbox.pass"
chmod 0644 "$WORK/mailbox.pass"
congvan_conf "$c" "$WORK/congvan.db" "mailbox.password=" "mailbox.password_file=mailbox.pass"
out=$(cv_conf "$c" check-config 2>&1)
assert_eq 0 "$?" "a readable password file is a warning, not an error"
assert_contains "$out" "warning: password file '$WORK/mailbox.pass' is readable by every user" \
	"it warns about the password file"
assert_contains "$out" "chmod o-rwx '$WORK/mailbox.pass'" "and says how to fix it"
chmod 0640 "$WORK/mailbox.pass"
out=$(cv_conf "$c" check-config 2>&1)
assert_not_contains "$out" "warning" "a 0640 password file draws no warning"

t_begin "under the journal, lines carry syslog priorities; a reply that did nothing is a notice"
key=$(cv list --status registered | cut -f1)
notice_id=$(q "SELECT message_id FROM outbox WHERE item_id = (SELECT id FROM items WHERE key = '$key') LIMIT 1")
cat >"$WORK/outsider.eml" <<EOF
From: =?UTF-8?B?$(printf 'Lê Thị Ngọc' | base64 -w0)?= <ngoc.le@gmail.example>
To: congvan@$D
Subject: RE: [$key] =?UTF-8?B?$(printf 'Vào sổ văn bản đến' | base64 -w0)?=
Date: Fri, 27 Nov 2026 10:12:00 +0700
Message-ID: <$(cat /proc/sys/kernel/random/uuid)@gmail.example>
In-Reply-To: <$notice_id>
References: <$notice_id>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit
User-Agent: Mozilla Thunderbird

Tôi xin nhận xử lý văn bản này, đề nghị giao cho tôi.

On 27/11/2026 09:00, congvan@$D wrote:
> Vào sổ văn bản đến $key
EOF
maildir_inject congvan "$WORK/outsider.eml"
log="$WORK/journal.log"
: >"$log"
JOURNAL_STREAM=$(stat -c '%d:%i' "$log") "$CONGVAN" -c "$CONF" run --once --now "$NOW" 2>>"$log"
assert_eq 0 "$?" "run --once exit status"
journal=$(cat "$log")
assert_contains "$journal" "<6>info: intake:" "info lines start with <6>"
assert_contains "$journal" "<5>notice: '$key': reply from 'ngoc.le@gmail.example' not acted on" \
	"the ignored reply is a notice with its item"
assert_not_contains "$journal" "congvan: info" "no program name: the journal has it"
bad_pw="$WORK/badpw.conf"
congvan_conf "$bad_pw" "$WORK/congvan.db" "mailbox.password=wrong"
JOURNAL_STREAM=$(stat -c '%d:%i' "$log") "$CONGVAN" -c "$bad_pw" run --once --now "$NOW" 2>>"$log"
assert_contains "$(cat "$log")" "<4>warning:" "a rejected login is a warning (<4>)"
out=$(JOURNAL_STREAM=1:1 "$CONGVAN" -c "$bad_pw" run --once --now "$NOW" 2>&1)
assert_not_contains "$out" "<4>" "JOURNAL_STREAM naming another file: no prefixes"
assert_contains "$out" "congvan: warning:" "but the usual lines"
assert_eq 1 "$(q "SELECT COUNT(*) FROM events WHERE kind = 'reply-not-acted'")" "the event is recorded once"

t_summary
