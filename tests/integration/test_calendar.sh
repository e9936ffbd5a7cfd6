#!/usr/bin/env bash
# Deadlines in calendars (iMIP) on a real Dovecot + OpenSMTPD with a fixed
# clock: the assignment mail carries a text/calendar REQUEST that Python's
# icalendar reads field by field and that khal and calcurse import; a
# delegation and a consultation carry their own events; a deadline change
# by the Office and a granted extension keep the UID and raise SEQUENCE,
# reaching everyone who holds the event; an opinion given and "Hoàn thành"
# send CANCELs with the same UIDs; a transfer cancels the old lead's
# event; Accept and Decline answers (as Outlook and Gmail send them) are
# recorded, a decline is told to the Office, a stale or uninvited answer
# changes nothing (nor, where [security] commands asks for authenticated
# senders, an answer without the trusted server's pass), and no answer is ever taken for a letter, a command or
# a reply to acknowledge.  Reminders and acknowledgements carry no
# calendar.
set -u -o pipefail
. "$(dirname "$0")/../lib.sh"

CONGVAN="$T_ROOT/congvan"
D=congvan.test
PY=/usr/bin/python3

for tool in khal calcurse; do
	command -v $tool >/dev/null || { echo "$tool is not installed (contrib/install-deps)"; echo "0 passed, 1 failed"; exit 1; }
done
$PY -c 'import icalendar' 2>/dev/null || { echo "python3-icalendar is not installed"; echo "0 passed, 1 failed"; exit 1; }

stack_start || { echo "cannot start the mail stack"; echo "0 passed, 1 failed"; exit 1; }
WORK=$(mktemp -d /tmp/congvan-cal.XXXXXX)
chmod 755 "$WORK"
trap 'stack_stop; [ -n "${T_KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
for u in tttn truong.tttn truong.pc outsider; do
	stack_ctl adduser "$u" >/dev/null || t_fail "add-user $u"
done

CONF="$WORK/congvan.conf"
congvan_conf "$CONF" "$WORK/congvan.db"
cat >>"$CONF" <<EOF

[unit TTTN]
name = Vụ Thị trường trong nước
email = tttn@$D
head = truong.tttn@$D
members = Nguyễn Văn A <a.nguyen@$D>

[unit PC]
name = Vụ Pháp chế
email = phapche@$D
head = truong.pc@$D

[rule ecommerce]
from = *@moit.example
lead = TTTN
coordinate = PC
days = 5

[deadlines]
remind_before = 3
EOF

# ------------------------------------------------------------ helpers
# cal.py: reading and writing the calendar side of mail.
#   cal.py part < MAIL           the first text/calendar part, decoded (exit 1: none)
#   cal.py ctype < MAIL          that part's type and method parameter
#   cal.py fields FILE.ics       NAME=value lines (below), read with icalendar
#   cal.py lines FILE.ics        "ok", or what breaks RFC 5545 3.1 line rules
#   cal.py reply REQ.ics ADDR PARTSTAT STYLE NAME [SEQUENCE]
#                                the mail a client sends for a button
#                                (STYLE outlook or gmail)
#   cal.py counter REQ.ics ADDR STYLE NAME YYYY-MM-DD [COMMENT]
#                                the mail for "Propose New Time" (iTIP
#                                COUNTER; STYLE outlook or thunderbird)
cat >"$WORK/cal.py" <<'PY'
import base64, email, email.policy, sys, time
import icalendar

def part(raw):
    m = email.message_from_bytes(raw, policy=email.policy.default)
    for p in m.walk():
        if p.get_content_type() == "text/calendar":
            return p
    return None

def fields(path):
    cal = icalendar.Calendar.from_ical(open(path, "rb").read())
    evs = [c for c in cal.walk("VEVENT")]
    print("nevents=%d" % len(evs))
    print("method=%s" % cal.get("METHOD"))
    print("prodid=%s" % cal.get("PRODID"))
    ev = evs[0]
    for k in ("UID", "SUMMARY", "STATUS", "TRANSP", "X-CONGVAN-ITEM"):
        print("%s=%s" % (k.lower(), ev.get(k)))
    print("sequence=%s" % ev.decoded("SEQUENCE"))
    for k in ("DTSTART", "DTEND"):
        v = ev.decoded(k)
        print("%s=%s %s" % (k.lower(), v.isoformat(), type(v).__name__))
    print("description=%s" % str(ev.get("DESCRIPTION")).replace("\n", " | "))
    org = ev.get("ORGANIZER")
    print("organizer=%s cn=%s" % (org, org.params.get("CN")))
    att = ev.get("ATTENDEE")
    att = att if isinstance(att, list) else [att] if att else []
    print("attendees=" + ",".join("%s:%s:%s" % (str(a)[7:], a.params.get("ROLE"),
                                             a.params.get("RSVP")) for a in att))
    alarms = [a for a in ev.walk("VALARM")]
    print("nalarms=%d" % len(alarms))
    for a in alarms:
        print("trigger=%s" % a.decoded("TRIGGER").isoformat())
        print("action=%s" % a.get("ACTION"))

def lines(path):
    data = open(path, "rb").read()
    if not data.endswith(b"\r\n") or b"\n" in data.replace(b"\r\n", b""):
        print("not CRLF"); return
    for l in data.split(b"\r\n"):
        if len(l) > 75:
            print("line of %d octets" % len(l)); return
        l.decode("utf-8")
    print("ok")

PRODIDS = {"outlook": "Microsoft Exchange Server 2010",
           "gmail": "-//Google Inc//Google Calendar 70.9054//EN",
           "thunderbird": "-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN"}

def answer(req, method, style, keys):
    """The request's event, the client's calendar for an answer with
    method, and its event holding the request's fields keys."""
    ev = icalendar.Calendar.from_ical(open(req, "rb").read()).walk("VEVENT")[0]
    out = icalendar.Calendar()
    out.add("prodid", PRODIDS[style])
    out.add("version", "2.0")
    out.add("method", method)
    e = icalendar.Event()
    for k in keys:
        e[k] = ev[k]
    return ev, out, e

def reply(req, addr, partstat, style, name, seq=None):
    ev, out, e = answer(req, "REPLY", style,
                        ("UID", "DTSTART", "DTEND", "SUMMARY", "ORGANIZER"))
    e.add("sequence", int(seq) if seq else ev.decoded("SEQUENCE"))
    e.add("dtstamp", ev.decoded("DTSTAMP"))
    a = icalendar.vCalAddress("mailto:" + addr)
    a.params["PARTSTAT"] = icalendar.vText(partstat)
    a.params["CN"] = icalendar.vText(name)
    if style == "gmail":
        a.params["ROLE"] = icalendar.vText("REQ-PARTICIPANT")
        a.params["X-NUM-GUESTS"] = icalendar.vText("0")
    e.add("attendee", a)
    out.add_component(e)
    ics = out.to_ical()
    summary = str(ev["SUMMARY"])
    word = {"ACCEPTED": "Đã chấp nhận", "DECLINED": "Đã từ chối"}[partstat]
    m = email.message.EmailMessage(policy=email.policy.SMTP)
    m["From"] = "%s <%s>" % (name, addr)
    m["To"] = str(ev["ORGANIZER"])[7:]
    m["Subject"] = "%s: %s" % (word, summary) + (" @ Th 3 5 thg 1, 2027" if style == "gmail" else "")
    m["Date"] = email.utils.formatdate(localtime=True)
    # the client makes it on the staff's own domain, congvan's too
    m["Message-ID"] = email.utils.make_msgid(domain=addr.rsplit("@", 1)[1])
    if style == "outlook":
        m["Thread-Topic"] = summary
        m["Thread-Index"] = "AQHbYk2Lq1W0vKq9TnKxAbCdEfGhIg=="
    m.set_content("%s %s.\n" % (name, word.lower()))
    m.add_alternative(ics, maintype="text", subtype="calendar",
                      params={"method": "REPLY"}, cte="base64")
    if style == "gmail":
        m.make_mixed()
        m.add_attachment(ics, maintype="application", subtype="ics",
                         filename="invite.ics")
    sys.stdout.buffer.write(m.as_bytes())

def counter(req, addr, style, name, day, comment=""):
    """The mail a client sends for "Propose New Time" (iTIP COUNTER):
    Outlook names the proposer alone, Thunderbird every attendee."""
    import datetime
    ev, out, e = answer(req, "COUNTER", style, ("UID", "SUMMARY", "ORGANIZER"))
    start = datetime.date.fromisoformat(day)
    e.add("dtstart", start)
    e.add("dtend", start + datetime.timedelta(days=1))
    e.add("sequence", ev.decoded("SEQUENCE"))
    e.add("dtstamp", ev.decoded("DTSTAMP"))
    if comment:
        e.add("comment", comment)
    me = icalendar.vCalAddress("mailto:" + addr)
    me.params["CN"] = icalendar.vText(name)
    if style == "outlook":
        me.params["PARTSTAT"] = icalendar.vText("TENTATIVE")
        e.add("attendee", me)
        e.add("x-ms-olk-originalstart", ev.decoded("DTSTART"))
    else:
        att = ev.get("ATTENDEE")
        for a in att if isinstance(att, list) else [att]:
            if str(a).lower() == "mailto:" + addr.lower():
                me.params["PARTSTAT"] = icalendar.vText("ACCEPTED")
                e.add("attendee", me)
            else:
                e.add("attendee", a)
    out.add_component(e)
    ics = out.to_ical()
    m = email.message.EmailMessage(policy=email.policy.SMTP)
    m["From"] = "%s <%s>" % (name, addr)
    m["To"] = str(ev["ORGANIZER"])[7:]
    m["Subject"] = ("Đề xuất Thời gian Mới: " if style == "outlook"
                    else "Đề xuất mới: ") + str(ev["SUMMARY"])
    m["Date"] = email.utils.formatdate(localtime=True)
    m["Message-ID"] = email.utils.make_msgid(domain=addr.rsplit("@", 1)[1])
    m.set_content("%s đề xuất thời gian mới: %s.\n%s\n" % (name, day, comment))
    m.add_alternative(ics, maintype="text", subtype="calendar",
                      params={"method": "COUNTER"}, cte="base64")
    sys.stdout.buffer.write(m.as_bytes())

cmd = sys.argv[1]
if cmd == "part":
    p = part(sys.stdin.buffer.read())
    if p is None:
        sys.exit(1)
    sys.stdout.buffer.write(p.get_payload(decode=True))
elif cmd == "ctype":
    p = part(sys.stdin.buffer.read())
    print("%s; method=%s" % (p.get_content_type(), p.get_param("method"))
          if p is not None else "")
elif cmd == "fields":
    fields(sys.argv[2])
elif cmd == "lines":
    lines(sys.argv[2])
elif cmd == "reply":
    reply(*sys.argv[2:])
elif cmd == "counter":
    counter(*sys.argv[2:])
PY
cal() { $PY "$WORK/cal.py" "$@"; }
# field FILE NAME: one value of cal.py fields
field() { cal fields "$1" | sed -n "s/^$2=//p"; }
# subject USER UID: the decoded subject
subject() {
	mail_fetch "$1" "$2" | $PY -c '
import sys, email, email.header as h
m = email.message_from_binary_file(sys.stdin.buffer)
print(str(h.make_header(h.decode_header(m["Subject"]))))'
}
# header USER UID NAME
header() {
	mail_fetch "$1" "$2" | $PY -c '
import sys, email
m = email.message_from_binary_file(sys.stdin.buffer)
print(m.get(sys.argv[1], ""))' "$3"
}
# find_mail USER TEXT: the UID of the last message whose subject holds TEXT
find_mail() {
	local u found=
	for u in $(mail_uids "$1"); do
		[[ "$(subject "$1" "$u")" == *"$2"* ]] && found=$u
	done
	echo "$found"
}
# ics USER UID FILE: the calendar of a message into FILE (1: none)
ics() { mail_fetch "$1" "$2" | cal part >"$3"; }
letter() { # FILE MSGID SUBJECT NUMBER
	{
		printf 'From: =?UTF-8?B?%s?= <vanthu@moit.example>\r\n' "$(printf 'Văn phòng Bộ Công Thương' | base64 -w0)"
		printf 'To: congvan@%s\r\nSubject: =?UTF-8?B?%s?=\r\n' "$D" "$(printf '%s' "$3" | base64 -w0)"
		printf 'Date: Mon, 28 Dec 2026 08:00:00 +0700\r\nMessage-ID: <%s>\r\n' "$2"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n'
		printf 'Content-Transfer-Encoding: 8bit\r\n\r\n'
		printf 'BỘ CÔNG THƯƠNG\r\nSố: %s\r\n%s\r\n\r\nKính gửi: Vụ Thị trường trong nước\r\n' "$4" "$3"
	} >"$1"
}
reply() { # FILE FROM KEY TEXT [WHOSE-MAIL]
	local id
	{
		printf 'From: %s\r\nTo: congvan@%s\r\nSubject: RE: [%s] =?UTF-8?B?%s?=\r\n' "$2" "$D" "$3" "$(printf 'Phân công' | base64 -w0)"
		# Thunderbird's Message-ID, on the organisation's own domain
		printf 'Date: Mon, 28 Dec 2026 10:00:00 +0700\r\nMessage-ID: <%s@%s>\r\n' "$(cat /proc/sys/kernel/random/uuid)" "$D"
		# pressing Reply on the last mail congvan sent this person about it
		# (or, with WHOSE-MAIL, on a mail to that address: a member
		# reading the unit's mailbox)
		id=$(sent_id "$3" "${5:-$2}")
		[ -n "$id" ] && printf 'In-Reply-To: <%s>\r\nReferences: <%s>\r\n' "$id" "$id"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n'
		printf 'Content-Transfer-Encoding: 8bit\r\n\r\n'
		printf '%s\r\n' "$4" | sed 's/\r*$/\r/'
	} >"$1"
}
event_count() { q "SELECT COUNT(*) FROM events WHERE kind='$1'"; }

K=CV-2026-000001

# ---------------------------------------------------------------- story

t_begin "the assignment carries a REQUEST that icalendar reads field by field"
letter "$WORK/l1.eml" "l1@moit.example" "V/v góp ý dự thảo Nghị định về thương mại điện tử" 1201/BCT-TMĐT
deliver vanthu@moit.example "$WORK/l1.eml"
run_at 2026-12-28T09:00:00+07:00
# the service secret exists from the first run on
LEAD_UID=$(cal_uid cv-2026-000001.lead.tttn)
assert_eq "$K" "$(cv list | cut -f1 | head -1)" "item key"
mail_wait_count truong.tttn 1 30 || t_fail "no assignment to the head"
U=$(find_mail truong.tttn "Phân công xử lý")
assert_eq "text/calendar; method=REQUEST" "$(mail_fetch truong.tttn "$U" | cal ctype)" "text/calendar; method=REQUEST"
ics truong.tttn "$U" "$WORK/a1.ics" || t_fail "no text/calendar part"
cal fields "$WORK/a1.ics" >"$WORK/a1.txt" 2>&1 || t_fail "icalendar cannot read it" "$(cat "$WORK/a1.txt")"
f() { sed -n "s/^$1=//p" "$WORK/a1.txt"; }
assert_eq 1 "$(f nevents)" "one VEVENT"
assert_eq REQUEST "$(f method)" "METHOD"
assert_eq "-//congvan//congvan//VI" "$(f prodid)" "PRODID"
assert_eq "$LEAD_UID" "$(f uid)" "UID of the lead unit's part"
assert_eq 0 "$(f sequence)" "SEQUENCE 0"
assert_eq "2027-01-05 date" "$(f dtstart)" "all day on the deadline (5 working days, 1/1 off)"
assert_eq "2027-01-06 date" "$(f dtend)" "DTEND the next day"
assert_eq "Hạn xử lý: [$K] góp ý dự thảo Nghị định về thương mại điện tử" "$(f summary)" "SUMMARY in Vietnamese"
assert_contains "$(f description)" "1201/BCT-TMĐT" "DESCRIPTION names the letter"
assert_contains "$(f description)" "Hoàn thành" "DESCRIPTION says how to answer"
assert_eq "mailto:congvan@$D cn=Bộ Công Thương" "$(f organizer)" "ORGANIZER: the mailbox congvan reads, CN the organisation"
assert_eq "tttn@$D:REQ-PARTICIPANT:TRUE,truong.tttn@$D:REQ-PARTICIPANT:TRUE,phapche@$D:OPT-PARTICIPANT:FALSE,truong.pc@$D:OPT-PARTICIPANT:FALSE" \
	"$(f attendees)" "ATTENDEEs: the lead unit required, the coordinating unit optional"
assert_eq CONFIRMED "$(f status)" "STATUS"
assert_eq TRANSPARENT "$(f transp)" "TRANSP"
assert_eq "$K" "$(f x-congvan-item)" "X-CONGVAN-ITEM"
assert_eq 1 "$(f nalarms)" "one VALARM"
assert_eq "2027-01-04T02:00:00+00:00" "$(f trigger)" "alarm at 09:00 UTC+7 on the working day before"
assert_eq DISPLAY "$(f action)" "ACTION:DISPLAY"
assert_eq ok "$(cal lines "$WORK/a1.ics")" "CRLF, lines folded at 75 octets, UTF-8"
mail_wait_count truong.pc 1 30 || t_fail "no copy to the coordinating unit"
ics truong.pc "$(find_mail truong.pc "Phân công xử lý")" "$WORK/a1pc.ics" || t_fail "no calendar in the copy"
assert_eq "$LEAD_UID" "$(field "$WORK/a1pc.ics" uid)" "the copy carries the same event"
assert_eq "open|0|$(q "SELECT due_day FROM items")" "$(q "SELECT state, sequence, due_day FROM calendar_entries WHERE uid='$LEAD_UID'")" \
	"the event is stored"

t_begin "khal and calcurse import it and list it on the deadline"
KHAL="$WORK/khal"
mkdir -p "$KHAL/cal"
cat >"$KHAL/config" <<EOF
[calendars]
[[cv]]
path = $KHAL/cal
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = Asia/Ho_Chi_Minh
default_timezone = Asia/Ho_Chi_Minh
EOF
khal_() { HOME="$WORK" khal --config "$KHAL/config" "$@"; }
out=$(khal_ import --batch -a cv "$WORK/a1.ics" 2>&1)
assert_eq 0 $? "khal import: $out"
out=$(khal_ list --format '{uid}|{title}|{start-date}' 2027-01-01 14d 2>&1)
assert_contains "$out" "$LEAD_UID|Hạn xử lý: [$K]" "khal lists the event"
assert_contains "$out" "|2027-01-05" "khal: on 5/1/2027"
mkdir -p "$WORK/calcurse"
out=$(HOME="$WORK" calcurse -D "$WORK/calcurse" -i "$WORK/a1.ics" 2>&1)
assert_eq 0 $? "calcurse import: $out"
assert_contains "$out" "1 event" "calcurse reads one all-day event"
assert_contains "$out" "0 skipped" "calcurse skips nothing"
out=$(HOME="$WORK" calcurse -D "$WORK/calcurse" --input-datefmt 4 -Q --from 2027-01-05 --days 1 2>&1)
assert_contains "$out" "Hạn xử lý: [$K]" "calcurse lists it on 5/1/2027"
out=$(HOME="$WORK" calcurse -D "$WORK/calcurse" --input-datefmt 4 -Q --from 2027-01-06 --days 1 2>&1)
assert_not_contains "$out" "[$K]" "and not on the day after"

t_begin "an Accept from Outlook is recorded and answered by nothing"
cal reply "$WORK/a1.ics" "truong.tttn@$D" ACCEPTED outlook "Trưởng Vụ TTTN" >"$WORK/acc.eml"
n_items=$(q "SELECT COUNT(*) FROM items")
n_head=$(mail_count truong.tttn)
deliver truong.tttn@$D "$WORK/acc.eml"
run_at 2026-12-28T09:30:00+07:00
assert_eq 1 "$(event_count calendar-accepted)" "calendar-accepted on the item"
assert_eq accepted "$(q "SELECT response FROM calendar_entries WHERE uid='$LEAD_UID'")" "the answer on the event"
assert_eq auto "$(q "SELECT kind FROM messages ORDER BY id DESC LIMIT 1")" "stored as automatic mail"
assert_eq "$n_items" "$(q "SELECT COUNT(*) FROM items")" "no new item"
assert_eq 0 "$(($(event_count reply-recorded) + $(event_count reply-not-acted)))" "not taken for a reply"
sleep 1
assert_eq "$n_head" "$(mail_count truong.tttn)" "no acknowledgement"

t_begin "a delegation carries the handler's own event"
reply "$WORK/r1.eml" "truong.tttn@$D" "$K" "Giao: Nguyễn Văn A <a.nguyen@$D>
Hạn: 04/01/2027"
deliver truong.tttn@$D "$WORK/r1.eml"
run_at 2026-12-28T10:00:00+07:00
mail_wait_count a.nguyen 1 30 || t_fail "the handler was not told"
ics a.nguyen "$(find_mail a.nguyen "Giao xử lý")" "$WORK/h1.ics" || t_fail "no calendar for the handler"
HANDLER_UID=$(field "$WORK/h1.ics" uid)
assert_contains "$HANDLER_UID" "cv-2026-000001.handler." "a handler UID"
assert_not_contains "$HANDLER_UID" "nguyen" "the address is not spelt out"
assert_eq "2027-01-04 date" "$(field "$WORK/h1.ics" dtstart)" "on the internal deadline"
assert_eq "2026-12-31T02:00:00+00:00" "$(field "$WORK/h1.ics" trigger)" "alarm on Thu 31/12 (1/1 is a holiday)"
assert_contains "$(field "$WORK/h1.ics" attendees)" "a.nguyen@$D:REQ-PARTICIPANT" "the handler is the attendee"
ACK=$(find_mail truong.tttn "Đã ghi nhận")
assert_ne "" "$ACK" "the head's acknowledgement"
ics truong.tttn "$ACK" "$WORK/none.ics"
assert_eq 1 $? "the acknowledgement carries no calendar"

t_begin "the Office moves the deadline: same UID, SEQUENCE raised, everyone holding the event told"
n_pc=$(mail_count truong.pc)
n_lead=$(mail_count truong.tttn)
# (the Office answers the assignment a unit forwarded it, references kept)
reply "$WORK/o1.eml" "vanthu@$D" "$K" "Hạn: 08/01/2027" "tttn@$D"
deliver vanthu@$D "$WORK/o1.eml"
run_at 2026-12-28T11:00:00+07:00
mail_wait_count truong.pc $((n_pc + 1)) 30 || t_fail "the coordinating unit did not hear of the change"
mail_wait_count truong.tttn $((n_lead + 1)) 30 || t_fail "the lead unit's head did not hear of the change"
ics truong.tttn "$(find_mail truong.tttn "Phân công xử lý")" "$WORK/a2.ics" || t_fail "no calendar in the change"
assert_eq "$LEAD_UID" "$(field "$WORK/a2.ics" uid)" "the same UID"
assert_eq 1 "$(field "$WORK/a2.ics" sequence)" "SEQUENCE 1"
assert_eq "2027-01-08 date" "$(field "$WORK/a2.ics" dtstart)" "the new date"
ics truong.pc "$(mail_uids truong.pc | tr ' ' '\n' | tail -1)" "$WORK/a2pc.ics" || t_fail "no calendar in the coordinating unit's copy"
assert_eq 1 "$(field "$WORK/a2pc.ics" sequence)" "the copy is the new version"
assert_eq "" "$(q "SELECT response FROM calendar_entries WHERE uid='$LEAD_UID'")" "the earlier answer no longer holds"
khal_ import --batch -a cv "$WORK/a2.ics" >/dev/null 2>&1
out=$(khal_ list --format '{uid}|{start-date}' 2027-01-01 14d 2>&1)
assert_contains "$out" "$LEAD_UID|2027-01-08" "khal moves the event"
assert_not_contains "$out" "$LEAD_UID|2027-01-05" "khal keeps no copy on the old date"

t_begin "an answer to the earlier version, or from someone not invited, changes nothing"
n_office=$(mail_count vanthu)
cal reply "$WORK/a1.ics" "truong.tttn@$D" DECLINED outlook "Trưởng Vụ TTTN" >"$WORK/old.eml"
deliver truong.tttn@$D "$WORK/old.eml"
cal reply "$WORK/a2.ics" "outsider@$D" DECLINED gmail "Người ngoài" >"$WORK/out.eml"
deliver outsider@$D "$WORK/out.eml"
run_at 2026-12-28T11:30:00+07:00
assert_eq 1 "$(event_count calendar-reply-outdated)" "the stale answer is recorded as such"
assert_eq 1 "$(event_count calendar-reply-not-acted)" "the uninvited answer is recorded as such"
assert_eq 0 "$(event_count calendar-declined)" "neither is a decline"
sleep 1
assert_eq "$n_office" "$(mail_count vanthu)" "the Office is not told"

t_begin "a Decline from Gmail is recorded and told to the Office and the lead unit's head"
n_head=$(mail_count truong.tttn)
n_handler=$(mail_count a.nguyen)
cal reply "$WORK/h1.ics" "a.nguyen@$D" DECLINED gmail "Nguyễn Văn A" >"$WORK/dec.eml"
deliver a.nguyen@$D "$WORK/dec.eml"
run_at 2026-12-28T12:00:00+07:00
assert_eq 1 "$(event_count calendar-declined)" "calendar-declined on the item"
assert_eq declined "$(q "SELECT response FROM calendar_entries WHERE uid='$HANDLER_UID'")" "the answer on the event"
mail_wait_count vanthu $((n_office + 1)) 30 || t_fail "the Office was not told"
N=$(find_mail vanthu "bị từ chối")
assert_ne "" "$N" "the decline notice"
assert_contains "$(subject vanthu "$N")" "[$K]" "tagged"
assert_contains "$(header vanthu "$N" Cc)" "truong.tttn@$D" "the lead unit's head in copy"
ics vanthu "$N" "$WORK/none.ics"
assert_eq 1 $? "the notice carries no calendar"
mail_wait_count truong.tttn $((n_head + 1)) 30 || t_fail "the head was not told"
sleep 1
assert_eq "$n_handler" "$(mail_count a.nguyen)" "the decliner gets no answer"
assert_eq 1 "$(q "SELECT COUNT(*) FROM items")" "still one item"

t_begin "where commands need an authenticated sender, so does a calendar's answer"
cp "$CONF" "$WORK/receipt.conf"
printf '\n[security]\ncommands = authenticated\nauthserv_id = mx.%s\n' "$D" >>"$CONF"
n_office=$(mail_count vanthu)
n_declined=$(event_count calendar-declined)
n_not_acted=$(event_count calendar-reply-not-acted)
# A Decline with no word from the trusted server (anyone could write it:
# the UID and the attendee's address are no secret)...
cal reply "$WORK/h1.ics" "a.nguyen@$D" DECLINED outlook "Nguyễn Văn A" >"$WORK/forged.eml"
deliver a.nguyen@$D "$WORK/forged.eml"
run_at 2026-12-28T12:10:00+07:00
assert_eq $((n_not_acted + 1)) "$(event_count calendar-reply-not-acted)" "recorded, not acted on"
assert_eq "$n_declined" "$(event_count calendar-declined)" "no decline"
assert_eq 1 "$(q "SELECT COUNT(*) FROM events WHERE kind='calendar-reply-not-acted' AND detail LIKE '%not authenticated%'")" "and why"
# An authenticated sender answering for another attendee counts for
# nothing either: what the pass proves is the From address.
{
	printf 'Authentication-Results: mx.%s; dmarc=pass header.from=%s\r\n' "$D" "$D"
	sed 's/^From: .*/From: =?utf-8?q?Tr=C6=B0=E1=BB=9Fng?= <truong.tttn@'"$D"'>\r/' "$WORK/forged.eml"
} >"$WORK/other.eml"
sed -i 's/^Message-ID: <\(.*\)>/Message-ID: <other.\1>/' "$WORK/other.eml"
deliver truong.tttn@$D "$WORK/other.eml"
run_at 2026-12-28T12:15:00+07:00
assert_eq $((n_not_acted + 2)) "$(event_count calendar-reply-not-acted)" "another sender, authenticated: recorded, not acted on"
assert_eq "$n_declined" "$(event_count calendar-declined)" "still no decline"
# ... and the attendee's own answer with the trusted server's pass counts.
{
	printf 'Authentication-Results: mx.%s; dkim=pass header.d=%s header.i=@%s; dmarc=pass header.from=%s\r\n' "$D" "$D" "$D" "$D"
	cat "$WORK/forged.eml"
} >"$WORK/signed.eml"
sed -i 's/^Message-ID: <\(.*\)>/Message-ID: <signed.\1>/' "$WORK/signed.eml"
deliver a.nguyen@$D "$WORK/signed.eml"
run_at 2026-12-28T12:20:00+07:00
assert_eq $((n_declined + 1)) "$(event_count calendar-declined)" "the authenticated decline counts"
mail_wait_count vanthu $((n_office + 1)) 30 || t_fail "the Office was not told of the authenticated decline"
sleep 1
assert_eq $((n_office + 1)) "$(mail_count vanthu)" "told once, for the authenticated answer only"
cp "$WORK/receipt.conf" "$CONF"

t_begin "a consultation has its event, cancelled once the unit answers"
n_pc=$(mail_count phapche)
reply "$WORK/c1.eml" "a.nguyen@$D" "$K" "Lấy ý kiến: PC
Hạn: 31/12/2026"
deliver a.nguyen@$D "$WORK/c1.eml"
run_at 2026-12-28T14:00:00+07:00
mail_wait_count phapche $((n_pc + 1)) 30 || t_fail "no request to PC"
ics phapche "$(find_mail phapche "tham gia ý kiến")" "$WORK/c1.ics" || t_fail "no calendar in the request"
assert_eq "$(cal_uid cv-2026-000001.consult.pc)" "$(field "$WORK/c1.ics" uid)" "the consulted unit's UID"
assert_contains "$(field "$WORK/c1.ics" summary)" "Hạn cho ý kiến: [$K]" "SUMMARY of a consultation"
assert_eq "2026-12-31 date" "$(field "$WORK/c1.ics" dtstart)" "on the consultation deadline"
n_pc=$(mail_count phapche)
reply "$WORK/c2.eml" "truong.pc@$D" "$K" "Đồng ý"
deliver truong.pc@$D "$WORK/c2.eml"
run_at 2026-12-29T09:00:00+07:00
assert_eq agree "$(q "SELECT state FROM consultations")" "the opinion"
mail_wait_count phapche $((n_pc + 1)) 30 || t_fail "no cancellation to PC"
X=$(find_mail phapche "Hủy lịch")
ics phapche "$X" "$WORK/c3.ics" || t_fail "no calendar in the cancellation"
assert_eq "text/calendar; method=CANCEL" "$(mail_fetch phapche "$X" | cal ctype)" "text/calendar; method=CANCEL"
assert_eq CANCEL "$(field "$WORK/c3.ics" method)" "METHOD:CANCEL"
assert_eq "$(cal_uid cv-2026-000001.consult.pc)" "$(field "$WORK/c3.ics" uid)" "the same UID"
assert_eq 1 "$(field "$WORK/c3.ics" sequence)" "SEQUENCE raised"
assert_eq CANCELLED "$(field "$WORK/c3.ics" status)" "STATUS:CANCELLED"
assert_eq 0 "$(field "$WORK/c3.ics" nalarms)" "no alarm"

t_begin "a granted extension moves the lead's event again; reminders carry no calendar"
reply "$WORK/e1.eml" "a.nguyen@$D" "$K" "Gia hạn: 12/01/2027
Lý do: chờ số liệu của các Sở"
deliver a.nguyen@$D "$WORK/e1.eml"
run_at 2026-12-29T10:00:00+07:00
n_head=$(mail_count truong.tttn)
reply "$WORK/e2.eml" "vanthu@$D" "$K" "Đồng ý"
deliver vanthu@$D "$WORK/e2.eml"
run_at 2026-12-29T11:00:00+07:00
assert_eq granted "$(q "SELECT state FROM extensions")" "granted"
mail_wait_count truong.tttn $((n_head + 1)) 30 || t_fail "the head was not told of the extension"
ics truong.tttn "$(find_mail truong.tttn "gia hạn")" "$WORK/a3.ics" || t_fail "no calendar with the extension"
assert_eq "$LEAD_UID" "$(field "$WORK/a3.ics" uid)" "the same UID"
assert_eq 2 "$(field "$WORK/a3.ics" sequence)" "SEQUENCE 2"
assert_eq "2027-01-12 date" "$(field "$WORK/a3.ics" dtstart)" "the extended date"
run_at 2027-01-07T09:00:00+07:00
assert_ge "$(q "SELECT COUNT(*) FROM outbox WHERE kind='reminder'")" 1 "a reminder 3 working days before"
assert_eq "assigned calendar_cancel consult_request delegated extension_decided" \
	"$(for id in $(q "SELECT id FROM outbox"); do
		[ "$(outbox_message "$id" | grep -c '^Content-Type: text/calendar')" -gt 0 ] &&
			q "SELECT kind FROM outbox WHERE id = $id"
	done | sort -u | tr '\n' ' ' | sed 's/ $//')" \
	"only mail that sets or ends a deadline carries a calendar"

t_begin "Hoàn thành cancels every open event with its own UID"
n_head=$(mail_count truong.tttn)
reply "$WORK/d1.eml" "a.nguyen@$D" "$K" "Hoàn thành"
deliver a.nguyen@$D "$WORK/d1.eml"
run_at 2027-01-08T10:00:00+07:00
assert_eq done "$(q "SELECT status FROM items WHERE key='$K'")" "closed"
mail_wait_count truong.tttn $((n_head + 2)) 30 || t_fail "the head did not get both cancellations"
# (other mail may come between: look until both are in or 30 s pass)
found_lead=0 found_handler=0 end=$((SECONDS + 30))
while [ "$found_lead" = 0 ] || [ "$found_handler" = 0 ]; do
	for u in $(mail_uids truong.tttn | tr ' ' '\n' | tail -n +$((n_head + 1))); do
		ics truong.tttn "$u" "$WORK/x.ics" || continue
		[ "$(field "$WORK/x.ics" method)" = CANCEL ] || continue
		case $(field "$WORK/x.ics" uid) in
		"$LEAD_UID") found_lead=$(field "$WORK/x.ics" sequence); cp "$WORK/x.ics" "$WORK/x-lead.ics" ;;
		"$HANDLER_UID") found_handler=$(field "$WORK/x.ics" sequence) ;;
		esac
	done
	[ $SECONDS -lt $end ] || break
	[ "$found_lead" = 0 ] || [ "$found_handler" = 0 ] && sleep 0.5
done
assert_eq 3 "$found_lead" "CANCEL of the lead's event, SEQUENCE 3"
assert_eq 1 "$found_handler" "CANCEL of the handler's event (to the head in copy), SEQUENCE 1"
assert_eq CANCELLED "$(field "$WORK/x-lead.ics" status)" "STATUS:CANCELLED"
assert_eq 0 "$(q "SELECT COUNT(*) FROM calendar_entries WHERE state='open'")" "no event left open"
khal_ import --batch -a cv "$WORK/x-lead.ics" >/dev/null 2>&1
assert_contains "$(khal_ list --format '{uid}|{status}' 2027-01-01 14d 2>&1)" "$LEAD_UID|CANCELLED" "khal marks the event cancelled"

t_begin "a transfer cancels the old lead's event; the new lead gets its own"
letter "$WORK/l2.eml" "l2@moit.example" "V/v báo cáo thương mại biên giới" 15/BCT-TMBG
deliver vanthu@moit.example "$WORK/l2.eml"
run_at 2027-01-11T09:00:00+07:00
K2=$(cv list | grep 'biên giới' | cut -f1)
n_head=$(mail_count truong.tttn)
n_pc=$(mail_count truong.pc)
reply "$WORK/t1.eml" "truong.tttn@$D" "$K2" "Chuyển: PC
Lý do: thuộc chức năng của Vụ Pháp chế"
deliver truong.tttn@$D "$WORK/t1.eml"
run_at 2027-01-11T10:00:00+07:00
assert_eq PC "$(q "SELECT lead FROM items WHERE key='$K2'")" "transferred"
# the cancellation and the acknowledgement
mail_wait_count truong.tttn $((n_head + 2)) 30 || t_fail "the old head got neither cancellation nor acknowledgement"
k2=$(echo "$K2" | tr A-Z a-z)
X=$(find_mail truong.tttn "Hủy lịch")
ics truong.tttn "$X" "$WORK/t2.ics" || t_fail "no cancellation to the old lead"
assert_eq "$(cal_uid "$k2.lead.tttn")" "$(field "$WORK/t2.ics" uid)" "the old lead's UID"
assert_eq CANCEL "$(field "$WORK/t2.ics" method)" "METHOD:CANCEL"
mail_wait_count truong.pc $((n_pc + 1)) 30 || t_fail "the new lead was not told"
ics truong.pc "$(find_mail truong.pc "Phân công xử lý")" "$WORK/t3.ics" || t_fail "no calendar to the new lead"
assert_eq "$(cal_uid "$k2.lead.pc")" "$(field "$WORK/t3.ics" uid)" "the new lead's own UID"
assert_eq 0 "$(field "$WORK/t3.ics" sequence)" "a new event"

t_begin "a Decline needs the event's marked UID: a forged one is recorded, a legacy event's proves nothing"
# Under [security] commands = receipt (the default) a calendar's answer
# is trusted for the mark in its UID, which only the event's recipients
# know.  A forger who knows the item key, the unit's code and its head's
# address writes the UID's readable part with the mark left out...
declines_told() {
	local u n=0
	for u in $(mail_uids vanthu); do
		[[ "$(subject vanthu "$u")" == *"bị từ chối"* ]] && n=$((n + 1))
	done
	echo "$n"
}
n_told=$(declines_told)
n_head=$(mail_count truong.pc)
n_declined=$(event_count calendar-declined)
n_unknown=$(event_count calendar-reply-unknown)
n_not_acted=$(event_count calendar-reply-not-acted)
NEW_UID=$(cal_uid "$k2.lead.pc")
LEGACY_UID="$k2.lead.pc@$D"
sed "s/^UID:.*/UID:$LEGACY_UID\r/" "$WORK/t3.ics" >"$WORK/guess.ics"
cal reply "$WORK/guess.ics" "truong.pc@$D" DECLINED outlook "Trưởng Vụ PC" >"$WORK/guess.eml"
deliver truong.pc@$D "$WORK/guess.eml"
run_at 2027-01-11T11:00:00+07:00
assert_eq $((n_unknown + 1)) "$(event_count calendar-reply-unknown)" "the guessed UID is no event of ours"
assert_eq "$n_declined" "$(event_count calendar-declined)" "no decline"
assert_eq "" "$(q "SELECT response FROM calendar_entries WHERE uid='$NEW_UID'")" "the event keeps no answer"
# ... while a database upgraded from a version without the mark holds
# events under such UIDs: they go on (the calendar keeps one event), but
# an answer to one proves no receipt and tells nobody.
q "UPDATE calendar_entries SET uid='$LEGACY_UID' WHERE uid='$NEW_UID'"
sed -i 's/^Message-ID: <\(.*\)>/Message-ID: <legacy.\1>/' "$WORK/guess.eml"
deliver truong.pc@$D "$WORK/guess.eml"
run_at 2027-01-11T11:10:00+07:00
assert_eq $((n_not_acted + 1)) "$(event_count calendar-reply-not-acted)" "recorded, not acted on"
assert_eq 1 "$(q "SELECT COUNT(*) FROM events WHERE kind='calendar-reply-not-acted' AND detail LIKE '%no proof of receipt%'")" "and why"
assert_eq "$n_declined" "$(event_count calendar-declined)" "still no decline"
reply "$WORK/o2.eml" "vanthu@$D" "$K2" "Hạn: 20/01/2027"
deliver vanthu@$D "$WORK/o2.eml"
run_at 2027-01-11T11:20:00+07:00
mail_wait_count truong.pc $((n_head + 1)) 30 || t_fail "the new lead did not hear of the new deadline"
ics truong.pc "$(find_mail truong.pc "Phân công xử lý")" "$WORK/t4.ics" || t_fail "no calendar in the change"
assert_eq "$LEGACY_UID" "$(field "$WORK/t4.ics" uid)" "the legacy event keeps its UID"
assert_eq 1 "$(field "$WORK/t4.ics" sequence)" "SEQUENCE raised on it"
assert_eq 1 "$(q "SELECT COUNT(*) FROM calendar_entries WHERE role='lead' AND party='PC'")" "no second event for the part"
sleep 1
assert_eq "$n_told" "$(declines_told)" "the Office is told of no decline"

t_begin "another date proposed in the calendar asks the Office for an extension"
# Outlook's "Propose New Time" (Thunderbird's counter-proposal) on the
# lead unit's event is the head asking for more time: the same request as
# "Gia hạn:", with the calendar's note as its reason.
letter "$WORK/l3.eml" "l3@moit.example" "V/v rà soát danh mục hàng hóa xuất khẩu" 27/BCT-XNK
n_head=$(mail_count truong.tttn)
deliver vanthu@moit.example "$WORK/l3.eml"
run_at 2027-01-11T12:00:00+07:00
K3=$(cv list | grep 'rà soát' | cut -f1)
k3=$(echo "$K3" | tr A-Z a-z)
mail_wait_count truong.tttn $((n_head + 1)) 30 || t_fail "no assignment to the head"
ics truong.tttn "$(find_mail truong.tttn "$K3")" "$WORK/p1.ics" || t_fail "no calendar in the assignment"
assert_eq "2027-01-18 date" "$(field "$WORK/p1.ics" dtstart)" "due in 5 working days"
n_office=$(mail_count vanthu)
n_head=$(mail_count truong.tttn)
cal counter "$WORK/p1.ics" "truong.tttn@$D" outlook "Trưởng Vụ TTTN" 2027-01-22 \
	"Cần thêm thời gian lấy ý kiến các Sở Công Thương" >"$WORK/p1.eml"
deliver truong.tttn@$D "$WORK/p1.eml"
run_at 2027-01-11T13:00:00+07:00
assert_eq auto "$(q "SELECT kind FROM messages ORDER BY id DESC LIMIT 1")" "stored as automatic mail"
assert_eq 1 "$(event_count calendar-counter)" "calendar-counter on the item"
assert_eq "pending|$(q "SELECT due_day FROM items WHERE key='$K3'")|truong.tttn@$D|Cần thêm thời gian lấy ý kiến các Sở Công Thương" \
	"$(q "SELECT e.state, e.from_day, e.asked_by, e.reason FROM extensions e JOIN items i ON i.id = e.item_id WHERE i.key='$K3'")" \
	"an extension request, the comment its reason"
assert_eq "2027-01-22" "$(q "SELECT date(e.to_day * 86400, 'unixepoch') FROM extensions e JOIN items i ON i.id = e.item_id WHERE i.key='$K3'")" \
	"to the proposed day"
mail_wait_count vanthu $((n_office + 1)) 30 || t_fail "the Office was not asked"
R=$(find_mail vanthu "Đề nghị gia hạn xử lý đến 22/01/2027")
assert_ne "" "$R" "the Office is asked, as for Gia hạn:"
mail_wait_count truong.tttn $((n_head + 1)) 30 || t_fail "the head got no acknowledgement"
assert_ne "" "$(find_mail truong.tttn "Đã ghi nhận: rà soát")" "the proposer is told the request went out"
# the Office grants it: the event moves to the proposed day
n_head=$(mail_count truong.tttn)
reply "$WORK/p2.eml" "vanthu@$D" "$K3" "Đồng ý"
deliver vanthu@$D "$WORK/p2.eml"
run_at 2027-01-11T14:00:00+07:00
assert_eq granted "$(q "SELECT e.state FROM extensions e JOIN items i ON i.id = e.item_id WHERE i.key='$K3'")" "granted"
mail_wait_count truong.tttn $((n_head + 1)) 30 || t_fail "the head was not told of the extension"
ics truong.tttn "$(find_mail truong.tttn "gia hạn")" "$WORK/p3.ics" || t_fail "no calendar with the extension"
assert_eq "$(cal_uid "$k3.lead.tttn")" "$(field "$WORK/p3.ics" uid)" "the same UID"
assert_eq 1 "$(field "$WORK/p3.ics" sequence)" "SEQUENCE raised"
assert_eq "2027-01-22 date" "$(field "$WORK/p3.ics" dtstart)" "on the proposed day"

t_begin "a date proposed by a coordinating unit, under a guessed UID or earlier than the deadline moves nothing"
n_ext=$(q "SELECT COUNT(*) FROM extensions")
n_counter=$(event_count calendar-counter)
n_unknown=$(event_count calendar-reply-unknown)
n_office=$(mail_count vanthu)
# Thunderbird lists every attendee; the proposer is the coordinating
# unit's head, who holds the lead's event as an optional attendee.
cal counter "$WORK/p3.ics" "truong.pc@$D" thunderbird "Trưởng Vụ PC" 2027-01-29 >"$WORK/p4.eml"
deliver truong.pc@$D "$WORK/p4.eml"
sed "s/^UID:.*/UID:$k3.lead.tttn@$D\r/" "$WORK/p3.ics" >"$WORK/p3guess.ics"
cal counter "$WORK/p3guess.ics" "truong.tttn@$D" outlook "Trưởng Vụ TTTN" 2027-02-05 >"$WORK/p5.eml"
deliver truong.tttn@$D "$WORK/p5.eml"
run_at 2027-01-11T15:00:00+07:00
assert_eq $((n_counter + 1)) "$(event_count calendar-counter)" "the coordinator's proposal is recorded"
assert_eq 1 "$(q "SELECT COUNT(*) FROM events WHERE kind='reply-not-acted' AND detail LIKE '%counter-proposal from outside the lead unit%'")" \
	"and not acted on"
assert_eq $((n_unknown + 1)) "$(event_count calendar-reply-unknown)" "the guessed UID is no event of ours"
assert_eq "$n_ext" "$(q "SELECT COUNT(*) FROM extensions")" "no extension asked"
n_head=$(mail_count truong.tttn)
cal counter "$WORK/p3.ics" "truong.tttn@$D" outlook "Trưởng Vụ TTTN" 2027-01-20 >"$WORK/p6.eml"
deliver truong.tttn@$D "$WORK/p6.eml"
run_at 2027-01-11T15:30:00+07:00
assert_eq "$n_ext" "$(q "SELECT COUNT(*) FROM extensions")" "an earlier day is no extension"
mail_wait_count truong.tttn $((n_head + 1)) 30 || t_fail "the proposer was not told why"
sleep 1
assert_eq "$n_office" "$(mail_count vanthu)" "the Office is asked nothing"

t_summary
