#!/usr/bin/env bash
# The calendar feeds on a real Dovecot + OpenSMTPD: two letters are
# assigned by rules, one is delegated and a unit is consulted (with a fixed
# clock), then `congvan serve` runs with [feed] listen on a free port and
# curl fetches the Office's, the units' and the people's feeds, which
# Python's icalendar reads back: VEVENTs by default, VTODOs with
# ?type=todo.  Also: ETag and Last-Modified give 304; a closed item leaves
# the feed and both validators move on; a revoked, a made-up or a
# malformed token gets a bare 404; POST gets 405; SIGTERM stops serve
# with status 0 and the port closes.  No token reaches the log.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
D=congvan.test

serve_setup feed
for u in tttn truong.tttn truong.pc truong.tc; do
	stack_ctl adduser "$u" >/dev/null || t_fail "add-user $u"
done

PORT=$("$T_PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
CONF="$WORK/congvan.conf"
congvan_conf "$CONF" "$WORK/congvan.db" "mailbox.poll_interval=3600"
directory_conf "$CONF"
cat >>"$CONF" <<EOF


[feed]
listen = 127.0.0.1:$PORT
EOF
# letter FILE MSGID SUBJECT
letter() {
	{
		printf 'From: vanthu@moit.example\r\nTo: congvan@%s\r\n' "$D"
		printf 'Subject: =?UTF-8?B?%s?=\r\n' "$(printf '%s' "$3" | base64 -w0)"
		printf 'Date: Mon, 28 Dec 2026 08:00:00 +0700\r\nMessage-ID: <%s>\r\n' "$2"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
		printf 'BỘ CÔNG THƯƠNG\r\n%s\r\n' "$3"
	} >"$1"
}
# reply FILE FROM KEY TEXT
reply() { # FILE FROM KEY TEXT
	local id
	{
		printf 'From: %s\r\nTo: congvan@%s\r\nSubject: RE: [%s] giao viec\r\n' "$2" "$D" "$3"
		printf 'Date: Mon, 28 Dec 2026 10:00:00 +0700\r\nMessage-ID: <%s.%s@mail.example>\r\n' "$RANDOM$RANDOM" "$(date +%s%N)"
		# pressing Reply on the last mail congvan sent this person about it
		id=$(sent_id "$3" "$2")
		[ -n "$id" ] && printf 'In-Reply-To: <%s>\r\nReferences: <%s>\r\n' "$id" "$id"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
		printf '%s\r\n' "$4" | sed 's/\r*$/\r/'
	} >"$1"
}
# get NAME URL [CURL-ARGS...]: body in $WORK/NAME.ics, headers in
# $WORK/NAME.h; prints the status and the body's size
get() {
	local name=$1 url=$2
	shift 2
	curl -sS --max-time 10 --path-as-is -D "$WORK/$name.h" -o "$WORK/$name.ics" \
		-w '%{http_code} %{size_download}' "$@" "$url"
}
# hdr NAME HEADER: a response header's value
hdr() { grep -i "^$2:" "$WORK/$1.h" | head -1 | cut -d' ' -f2- | tr -d '\r'; }
# ics NAME: what Python's icalendar reads: the counts of VEVENT and VTODO,
# then one line per component
ics() {
	"$T_PY" - "$WORK/$1.ics" <<'PY'
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events, todos = cal.walk("VEVENT"), cal.walk("VTODO")
print(len(events), len(todos))
for c in events:
    print("E", c["UID"], c["DTSTART"].dt.isoformat(), c["DTEND"].dt.isoformat(), c["SUMMARY"])
for c in todos:
    print("T", c["UID"], c["DUE"].dt.isoformat(), c["STATUS"], c["SUMMARY"])
PY
}

# ---------------------------------------------------------------- items

t_begin "two letters assigned by rules, one delegated, a unit consulted"
letter "$WORK/l1.eml" "l1@moit.example" "V/v góp ý dự thảo Nghị định về thương mại điện tử"
deliver vanthu@moit.example "$WORK/l1.eml"
letter "$WORK/l2.eml" "l2@moit.example" "V/v báo cáo ngân sách quý IV"
deliver vanthu@moit.example "$WORK/l2.eml"
run_at 2026-12-28T09:00:00+07:00
K1=$(cv list | grep 'thương mại điện tử' | cut -f1)
K2=$(cv list | grep 'ngân sách' | cut -f1)
assert_eq "TTTN 2027-01-05" "$(q "SELECT lead, date(due_day * 86400, 'unixepoch') FROM items WHERE key='$K1'" | tr '|' ' ')" "K1 led by TTTN"
assert_eq "TC 2026-12-30" "$(q "SELECT lead, date(due_day * 86400, 'unixepoch') FROM items WHERE key='$K2'" | tr '|' ' ')" "K2 led by TC"
reply "$WORK/r1.eml" "truong.tttn@$D" "$K1" "Giao: Nguyễn Văn A <a.nguyen@$D>
Hạn: 04/01/2027"
deliver truong.tttn@$D "$WORK/r1.eml"
run_at 2026-12-28T10:00:00+07:00
reply "$WORK/r2.eml" "a.nguyen@$D" "$K1" "Lấy ý kiến: PC
Hạn: 30/12/2026"
deliver a.nguyen@$D "$WORK/r2.eml"
run_at 2026-12-28T11:00:00+07:00
assert_eq "a.nguyen@$D" "$(q "SELECT handler FROM items WHERE key='$K1'")" "handler"
assert_eq "PC pending" "$(q "SELECT unit, state FROM consultations" | tr '|' ' ')" "PC consulted"
# the UIDs are the invitations' (README "Calendar"): the handler's part
# names a hash of the address, never the address
HA=$(printf '%s' "a.nguyen@$D" | sha256sum | cut -c1-12)
k1=$(tr 'A-Z' 'a-z' <<<"$K1")
k2=$(tr 'A-Z' 'a-z' <<<"$K2")

t_begin "feed-url prints a URL per person, unit and the Office"
U_OFFICE=$(cv feed-url office)
assert_eq 0 $? "feed-url office"
U_TTTN=$(cv feed-url tttn)
U_PC=$(cv feed-url PC)
U_A=$(cv feed-url A.Nguyen@$D)
U_PCHEAD=$(cv feed-url truong.pc@$D)
U_B=$(cv feed-url b.tran@$D)
[[ $U_OFFICE =~ ^http://127\.0\.0\.1:$PORT/feed/[a-z2-7]{32}\.ics$ ]]
assert_eq 0 $? "the URL: http://LISTEN/feed/TOKEN.ics ($U_OFFICE)"
assert_eq 5 "$(printf '%s\n' "$U_OFFICE" "$U_TTTN" "$U_PC" "$U_A" "$U_PCHEAD" | sort -u | wc -l)" "five different URLs"
assert_eq "$U_TTTN" "$(cv feed-url TTTN)" "the same URL again"
assert_not_contains "$U_A" "nguyen" "the URL does not name its subject"
cv feed-url nobody@$D 2>"$WORK/err"
assert_eq 65 $? "an unknown address is refused"
assert_contains "$(cat "$WORK/err")" "nobody@$D" "the error names it"

# ---------------------------------------------------------------- serve

t_begin "serve answers feeds beside the mail"
"$CONGVAN" -c "$CONF" serve >"$WORK/serve.out" 2>"$WORK/serve.err" &
SPID=$!
waited=0
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/feed/x.ics")" = 404 ] ||
	[ $waited -ge 50 ]; do
	sleep 0.2
	waited=$((waited + 1))
done
assert_contains "$(cat "$WORK/serve.err")" "feed: serving calendars on 127.0.0.1:$PORT" "serve says where"

t_begin "the Office's feed: every open item, all-day events"
assert_eq "200" "$(get office "$U_OFFICE" | cut -d' ' -f1)" "status"
assert_eq "text/calendar; charset=utf-8" "$(hdr office Content-Type)" "content type"
assert_eq "private, max-age=300" "$(hdr office Cache-Control)" "cache control"
out=$(ics office)
assert_eq "2 0" "$(head -1 <<<"$out")" "two events, no to-do"
assert_contains "$out" "E $(cal_uid "$k2.lead.tc") 2026-12-30 2026-12-31 [$K2] V/v báo cáo ngân sách quý IV" "K2 on its deadline"
assert_contains "$out" "E $(cal_uid "$k1.lead.tttn") 2027-01-05 2027-01-06 [$K1] V/v góp ý dự thảo Nghị định về thương mại điện tử" "K1 on its deadline"
assert_contains "$(cat "$WORK/office.ics")" "DTSTART;VALUE=DATE:20270105" "all-day"

t_begin "a unit's feed: what it leads and what it is asked"
get tttn "$U_TTTN" >/dev/null
out=$(ics tttn)
assert_eq "1 0" "$(head -1 <<<"$out")" "TTTN: one event"
assert_contains "$out" "E $(cal_uid "$k1.lead.tttn") 2027-01-05" "TTTN leads K1"
get pc "$U_PC" >/dev/null
out=$(ics pc)
assert_eq "1 0" "$(head -1 <<<"$out")" "PC: one event"
assert_contains "$out" "E $(cal_uid "$k1.consult.pc") 2026-12-30 2026-12-31" "PC is asked about K1"

t_begin "a person's feed: what they handle, what their unit leads or is asked"
get a "$U_A" >/dev/null
out=$(ics a)
assert_eq "2 0" "$(head -1 <<<"$out")" "a.nguyen: two events"
assert_contains "$out" "E $(cal_uid "$k1.handler.$HA") 2027-01-04 2027-01-05" "the internal deadline"
assert_contains "$out" "E $(cal_uid "$k1.lead.tttn") 2027-01-05" "the unit's deadline"
get pchead "$U_PCHEAD" >/dev/null
out=$(ics pchead)
assert_eq "1 0" "$(head -1 <<<"$out")" "PC's head: one event"
assert_contains "$out" "E $(cal_uid "$k1.consult.pc") 2026-12-30" "the consultation"

t_begin "an invitation and the feed are one event in a calendar (khal)"
# a.nguyen holds the invitations mailed to them (the delegation's handler
# part, the lead unit's part as a member) and subscribes to their feed:
# imported into one calendar, each deadline is there once
mkdir -p "$WORK/inv"
for u in $(mail_uids a.nguyen); do
	mail_fetch a.nguyen "$u" | "$T_PY" -c '
import email, sys
m = email.message_from_binary_file(sys.stdin.buffer)
for p in m.walk():
    if p.get_content_type() == "text/calendar":
        sys.stdout.buffer.write(p.get_payload(decode=True))
        break' >"$WORK/inv/$u.ics"
	[ -s "$WORK/inv/$u.ics" ] || rm -f "$WORK/inv/$u.ics"
done
inv=$(cat "$WORK"/inv/*.ics 2>/dev/null)
assert_contains "$inv" "UID:$(cal_uid "$k1.handler.$HA")" "the delegation's invitation carries the feed's handler UID"
KHAL="$WORK/khal"
mkdir -p "$KHAL/cal"
printf '[calendars]\n[[cv]]\npath = %s/cal\ntype = calendar\n[locale]\ndateformat = %%Y-%%m-%%d\nlongdateformat = %%Y-%%m-%%d\ntimeformat = %%H:%%M\ndatetimeformat = %%Y-%%m-%%d %%H:%%M\nlongdatetimeformat = %%Y-%%m-%%d %%H:%%M\nlocal_timezone = Asia/Ho_Chi_Minh\ndefault_timezone = Asia/Ho_Chi_Minh\n' "$KHAL" >"$KHAL/config"
khal_() { HOME="$WORK" khal --config "$KHAL/config" "$@"; }
for f in "$WORK"/inv/*.ics "$WORK/a.ics"; do
	khal_ import --batch -a cv "$f" >/dev/null 2>&1 || t_fail "khal import $f"
done
out=$(khal_ list --format '{start-date}|{uid}' 2026-12-28 14d 2>&1 | grep '@')
assert_eq 1 "$(grep -c "^2027-01-04|" <<<"$out")" "the internal deadline (4/1) is in the calendar once"
assert_eq "2027-01-04|$(cal_uid "$k1.handler.$HA")" "$(grep "^2027-01-04|" <<<"$out")" "with the invitation's UID"
assert_eq "" "$(cut -d'|' -f1 <<<"$out" | sort | uniq -d)" "no day holds two events"

t_begin "?type=todo gives to-dos"
assert_eq 200 "$(get atodo "$U_A?type=todo" | cut -d' ' -f1)" "status"
out=$(ics atodo)
assert_eq "0 2" "$(head -1 <<<"$out")" "two to-dos, no event"
assert_contains "$out" "T $(cal_uid "$k1.handler.$HA") 2027-01-04 NEEDS-ACTION [$K1]" "DUE and STATUS"
assert_ne "$(hdr a ETag)" "$(hdr atodo ETag)" "another ETag"
assert_eq 400 "$(get bad "$U_A?type=journal" | cut -d' ' -f1)" "an unknown type is refused"

t_begin "ETag and Last-Modified give 304"
ETAG=$(hdr office ETag)
LM=$(hdr office Last-Modified)
[[ $ETAG =~ ^\"[0-9a-f]{32}\"$ ]]
assert_eq 0 $? "ETag is a quoted hash ($ETAG)"
assert_eq "304 0" "$(get office2 "$U_OFFICE" -H "If-None-Match: $ETAG")" "If-None-Match"
assert_eq "$ETAG" "$(hdr office2 ETag)" "304 carries the ETag"
assert_eq "304 0" "$(get office2 "$U_OFFICE" -H "If-Modified-Since: $LM")" "If-Modified-Since"
assert_eq "200" "$(get office2 "$U_OFFICE" -H 'If-None-Match: "other"' -H "If-Modified-Since: $LM" | cut -d' ' -f1)" \
	"another ETag wins over If-Modified-Since"
assert_eq "200 0" "$(get head "$U_OFFICE" -I)" "HEAD: headers only"
assert_eq "$ETAG" "$(hdr head ETag)" "HEAD: the same ETag"

t_begin "bad tokens and methods"
assert_eq "404 0" "$(get rnd "http://127.0.0.1:$PORT/feed/$(head -c 20 /dev/urandom | base32 | tr 'A-Z' 'a-z').ics")" \
	"a made-up token: bare 404"
tok=${U_OFFICE##*/}
assert_eq "404 0" "$(get up "${U_OFFICE%/*}/$(tr 'a-z' 'A-Z' <<<"${tok%.ics}").ics")" "an upper-cased token: 404"
for p in /feed/ /feed/../congvan.db /feed/%2e%2e/x.ics "/feed/$tok%00.txt" "/feed/${tok%.ics}%2eics" "/feed/$tok/x" "/feed/$tok%2f" "/feed/$(printf 'a%.0s' {1..300}).ics" / /favicon.ico; do
	assert_eq "404 0" "$(get bad "http://127.0.0.1:$PORT$p")" "404 for $p"
done
assert_eq "405 0" "$(get post "$U_OFFICE" -X POST -d x=1)" "POST: 405"
assert_eq "GET, HEAD" "$(hdr post Allow)" "Allow"
assert_eq "405 0" "$(get del "$U_OFFICE" -X DELETE)" "DELETE: 405"
assert_eq "400 0" "$(get body "$U_OFFICE" -X GET -d x=1)" "a GET with a body: 400"

t_begin "a revoked token gets 404, the new one the feed"
NEW=$(cv feed-url --revoke TTTN 2>"$WORK/err")
assert_eq 0 $? "feed-url --revoke"
assert_ne "$U_TTTN" "$NEW" "a new URL"
assert_contains "$(cat "$WORK/err")" "the old one no longer works" "it says so"
assert_eq "404 0" "$(get old "$U_TTTN")" "the old URL: bare 404"
assert_eq 200 "$(get new "$NEW" | cut -d' ' -f1)" "the new URL works"
assert_eq "$NEW" "$(cv feed-url tttn)" "feed-url prints the new one"
assert_eq 200 "$(get office3 "$U_OFFICE" | cut -d' ' -f1)" "other feeds keep theirs"
assert_eq 1 "$(q "SELECT COUNT(*) FROM events WHERE kind='feed-revoked' AND detail LIKE 'unit tttn%'")" "revocation in the audit trail"

t_begin "requests side by side"
# 24 at once, 8 connections at a time: one body, one ETag; then the same
# with the ETag, all 304.
seq 24 | xargs -P 8 -I{} curl -sS --max-time 10 -o /dev/null \
	-w '%{http_code} %header{etag}\n' "$U_OFFICE" >"$WORK/par.out"
assert_eq "24 200 $ETAG" "$(sort "$WORK/par.out" | uniq -c | sed 's/^ *//')" "24 times 200, one ETag"
seq 24 | xargs -P 8 -I{} curl -sS --max-time 10 -o /dev/null -w '%{http_code}\n' \
	-H "If-None-Match: $ETAG" "$U_OFFICE" >"$WORK/par304.out"
assert_eq "24 304" "$(sort "$WORK/par304.out" | uniq -c | sed 's/^ *//')" "24 times 304"

t_begin "slow and idle clients hold up nobody, and one address cannot take every connection"
# (bounded: the idle connections are closed after the server's 30 s)
"$T_PY" - "$PORT" "$U_OFFICE" >"$WORK/slow.out" 2>&1 <<'PY'
import socket, subprocess, sys, time
port, url = int(sys.argv[1]), sys.argv[2]
def conn(src="127.0.0.1"):
    s = socket.socket()
    s.bind((src, 0))
    s.connect(("127.0.0.1", port))
    return s
def curl(src):
    r = subprocess.run(["curl", "-sS", "--max-time", "10", "--interface", src,
                        "-o", "/dev/null", "-w", "%{http_code}", url],
                       capture_output=True, text=True)
    return r.stdout.strip() or "failed"
# eight clients trickling a request head, a byte a second
slow = [conn() for _ in range(8)]
for s in slow:
    s.send(b"GET /feed/")
print("trickling, same address:", curl("127.0.0.1"))
for s in slow:
    s.close()
time.sleep(0.5)
# sixteen idle connections from one address: its limit
idle = [conn() for _ in range(16)]
time.sleep(0.5)
print("idle 16, another address:", curl("127.0.0.2"))
print("idle 16, same address:", curl("127.0.0.1"))
# the server closes idle connections after its timeout
t0 = time.time()
for s in idle:
    s.settimeout(45)
    try:
        s.recv(1)
    except OSError:
        pass
print("closed within 45 s:", time.time() - t0 < 45)
print("after the timeout, same address:", curl("127.0.0.1"))
PY
out=$(cat "$WORK/slow.out")
assert_contains "$out" "trickling, same address: 200" "eight slow clients do not hold up a request from their address"
assert_contains "$out" "idle 16, another address: 200" "sixteen idle connections from one address leave others served"
assert_not_contains "$out" "idle 16, same address: 200" "a seventeenth from that address is refused"
assert_contains "$out" "closed within 45 s: True" "idle connections are closed after the timeout"
assert_contains "$out" "after the timeout, same address: 200" "then that address is served again"

t_begin "a moved deadline: the feed's event carries the invitation's SEQUENCE"
# The Office moves K2's deadline, answering the notice TC's head got.
id=$(sent_id "$K2" "truong.tc@$D")
{
	printf 'From: vanthu@%s\r\nTo: congvan@%s\r\nSubject: RE: [%s] giao viec\r\n' "$D" "$D" "$K2"
	printf 'Date: Mon, 28 Dec 2026 12:00:00 +0700\r\nMessage-ID: <move.%s@mail.example>\r\n' "$(date +%s%N)"
	printf 'In-Reply-To: <%s>\r\nReferences: <%s>\r\n' "$id" "$id"
	printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHạn: 31/12/2026\r\n'
} >"$WORK/move.eml"
deliver vanthu@$D "$WORK/move.eml"
LEAD2="$(cal_uid "$k2.lead.tc")"
waited=0
until [ "$(q "SELECT sequence FROM calendar_entries WHERE uid='$LEAD2'")" = 1 ] || [ $waited -ge 300 ]; do
	sleep 0.2
	waited=$((waited + 1))
done
assert_eq 1 "$(q "SELECT sequence FROM calendar_entries WHERE uid='$LEAD2'")" "the invitation went out again, SEQUENCE 1" ||
	tail -20 "$WORK/serve.err"
get moved "$U_OFFICE" >/dev/null
event=$(tr -d '\r' <"$WORK/moved.ics" | awk -v uid="UID:$LEAD2" 'BEGIN {RS = "BEGIN:VEVENT"} index($0, uid "\n") {print}')
assert_contains "$event" "SEQUENCE:1" "the Office's feed says SEQUENCE 1 for that UID"
assert_contains "$event" "DTSTART;VALUE=DATE:20261231" "on the new day"
assert_not_contains "$(tr -d '\r' <"$WORK/moved.ics" | awk -v uid="UID:$(cal_uid "$k1.lead.tttn")" 'BEGIN {RS = "BEGIN:VEVENT"} index($0, uid "\n") {print}')" \
	"SEQUENCE" "an event never sent again has none (0)"

t_begin "a closed item leaves the feeds, and the validators move on"
assert_eq 200 "$(get b1 "$U_B" | cut -d' ' -f1)" "b.tran's feed (TC leads K2)"
assert_eq "1 0" "$(head -1 <<<"$(ics b1)")" "b.tran: K2"
reply "$WORK/r3.eml" "truong.tc@$D" "$K2" "Hoàn thành"
deliver truong.tc@$D "$WORK/r3.eml"
waited=0
until [ "$(q "SELECT status FROM items WHERE key='$K2'")" = done ] || [ $waited -ge 300 ]; do
	sleep 0.2
	waited=$((waited + 1))
done
assert_eq done "$(q "SELECT status FROM items WHERE key='$K2'")" "serve closed K2" ||
	tail -20 "$WORK/serve.err"
assert_eq 200 "$(get office4 "$U_OFFICE" -H "If-None-Match: $ETAG" | cut -d' ' -f1)" "old ETag: 200"
assert_eq 200 "$(get office4 "$U_OFFICE" -H "If-Modified-Since: $LM" | cut -d' ' -f1)" "old Last-Modified: 200"
assert_eq "1 0" "$(ics office4 | head -1)" "one event left"
assert_ne "$ETAG" "$(hdr office4 ETag)" "a new ETag"
assert_eq "304 0" "$(get office5 "$U_OFFICE" -H "If-Modified-Since: $(hdr office4 Last-Modified)")" \
	"the new Last-Modified: 304"
assert_eq 200 "$(get b2 "$U_B" -H "If-None-Match: $(hdr b1 ETag)" | cut -d' ' -f1)" \
	"a member's feed follows the unit's items"
assert_eq "0 0" "$(head -1 <<<"$(ics b2)")" "b.tran: nothing left"

t_begin "SIGTERM stops serve and the feed server"
kill -TERM "$SPID"
waited=0
while kill -0 "$SPID" 2>/dev/null && [ $waited -lt 40 ]; do sleep 0.25; waited=$((waited + 1)); done
t_notok "serve exited after SIGTERM" kill -0 "$SPID" 2>/dev/null
wait "$SPID"
assert_eq 0 $? "serve exit status after SIGTERM"
SPID=
assert_contains "$(cat "$WORK/serve.err")" "stopping" "serve said it stops"
curl -s -o /dev/null --max-time 5 "$U_OFFICE"
assert_eq 7 $? "the port is closed"
for u in "$U_OFFICE" "$U_TTTN" "$NEW" "$U_A"; do
	tok=${u##*/}
	assert_not_contains "$(cat "$WORK/serve.err" "$WORK/run.log")" "${tok%.ics}" "no token in the log"
done

t_summary
