#!/usr/bin/env bash
# make fuzz: builds each libFuzzer target in tests/fuzz/ with clang and
# AddressSanitizer + UndefinedBehaviorSanitizer, then runs each for
# FUZZ_SECONDS (default 60) from a seed corpus of the project's own test
# data.  FUZZ_TARGETS="fuzz_inspect fuzz_trim" runs only those.  Crashes, leaks and sanitizer reports fail the run; reproducers are
# left in build/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-60}
OUT=build/fuzz
PKGS="libetpan libcurl sqlite3 inih nettle gnutls libxml-2.0 libutf8proc opendkim libical libmicrohttpd libsystemd"
FLAGS="-g -O1 -std=c11 -D_GNU_SOURCE -Iinclude $(pkg-config --cflags $PKGS)
	-fsanitize=address,undefined -fno-sanitize-recover=all
	-DCONGVAN_VERSION=\"fuzz\" -DCONGVAN_DATADIR=\"/nonexistent\""
command -v clang >/dev/null || { echo "fuzz: clang is not installed (contrib/install-deps)" >&2; exit 1; }

mkdir -p "$OUT/obj"
objs=()
for src in $(ls src/*/*.c | grep -v '^src/cli/'); do
	obj=$OUT/obj/$(echo "$src" | tr / _).o
	# shellcheck disable=SC2086
	clang $FLAGS -fsanitize=fuzzer-no-link -c "$src" -o "$obj"
	objs+=("$obj")
done

lines_to() { # PREFIX: each line of stdin (with \ escapes) into PREFIX-N.txt
	local i=0 l
	while IFS= read -r l; do
		i=$((i + 1))
		printf '%b' "$l" >"$1-$i.txt"
	done
}

seed() { # TARGET: a seed corpus folder
	local dir=$OUT/corpus-$1
	mkdir -p "$dir"
	case $1 in
	fuzz_config) cp config.example tests/data/config/*.conf "$dir/" 2>/dev/null || true ;;
	fuzz_letter)
		cp tests/data/letters/*.txt tests/data/integration/*.txt "$dir/" 2>/dev/null || true ;;
	fuzz_deadline)
		cp tests/data/letters/*.txt "$dir/" 2>/dev/null || true
		# the phrases of tests/unit/test_letter.c, the dates as written
		# of tests/unit/test_workday.c
		grep -ho '^    {"[^"]*", \(DATE\|MONTH\|WORKING\|DAYS\|NONE\),' \
			tests/unit/test_letter.c | sed 's/^    {"//; s/", [A-Z]*,$//' |
			lines_to "$dir/phrase"
		grep -ho '^	    {"[^"]*", \("[0-9-]*"\|NULL\)}' \
			tests/unit/test_workday.c | sed 's/^	    {"//; s/", [^,]*}$//' |
			lines_to "$dir/date"
		printf 'Gửi công văn số 88/SCT-QLTM\nngày 15/10/2026\n' >"$dir/cover.txt"
		printf 'CV 88-SCT-QLTM_15.10.2026.pdf\n' >"$dir/name.txt" ;;
	fuzz_trim)
		cp tests/data/replies/*.txt "$dir/" 2>/dev/null || true
		cp tests/data/crisp-reply/test/fixtures/*.txt "$dir/" 2>/dev/null || true ;;
	fuzz_decision)
		cp tests/data/replies/*.expected "$dir/" 2>/dev/null || true
		# the phrasings of tests/unit/test_reply.c, the routing notes of
		# tests/unit/test_sentences.c, one a file
		grep -ho '{"[^"]*", \(AGREE\|DISAGREE\|UNCLEAR\|DONE\|RETURN\)}' \
			tests/unit/test_reply.c | sed 's/^{"//; s/", [A-Z]*}$//' |
			lines_to "$dir/phrasing"
		grep -ho '^    {"[^"]*",' tests/unit/test_sentences.c |
			sed 's/^    {"//; s/",$//' | lines_to "$dir/note" ;;
	fuzz_ical)
		cp tests/data/ical/*.ics "$dir/" 2>/dev/null || true ;;
	fuzz_dsn)
		# the delivery-status parts of the bounces among the test data
		local f i=0
		for f in tests/data/mail/*.eml tests/data/inspect/*.eml; do
			grep -qi '^Content-Type: message/delivery-status' "$f" || continue
			i=$((i + 1))
			sed -n '/^Content-Type: message\/delivery-status/,/^--/p' "$f" |
				sed '1,2d; $d' >"$dir/report-$i.txt"
		done ;;
	fuzz_holidays)
		cp data/holidays-vn.txt "$dir/"
		printf '!mon-fri, sat\n2025-04-26\tSat\twork\n2025-05-02 Fri off x\n' \
			>"$dir/workdays.txt"
		printf '2025-04-26 Sat work\n2025-04-26 off\n2025-13-01\nx wrok\n' \
			>"$dir/errors.txt" ;;
	fuzz_feed)
		printf '/feed/auhel3jiz5ohiwgfab6hdzewwivzw7tx.ics\n"0123456789abcdef0123456789abcdef"\nSun, 06 Nov 1994 08:49:37 GMT\n' \
			>"$dir/ok.txt"
		printf '/feed/../x.ics\nW/"a", *\nSunday, 06-Nov-94 08:49:37 GMT\n' >"$dir/bad.txt" ;;
	fuzz_reader)
		# What congvan-reader writes for a text PDF, and a result with
		# every record kind, cut short.
		if [ -x ./congvan-reader ]; then
			./congvan-reader <tests/data/letters/sample.pdf >"$dir/sample.out" || true
		fi
		printf 'congvan-reader 1\ndoc pdf 3 0\n\npage 1 text 100 5\nhello\npage 3 ocr 87 9\nSo: 1/BTC\nnocr 4\nwhy?\nsig 1 valid trusted 1796514807 0 4\nAn B\nsig 2 altered unchecked 0 1 0\n\nend 0\n\n' \
			>"$dir/records.out"
		printf 'congvan-reader 1\ndoc image 1 0\n\npage 1 ocr 40 100\nSo: 12' >"$dir/cut.out"
		printf 'congvan-reader 1\ndoc doc 0 0\n\nnotext 36\nthe document is encrypted (password)\nend 0\n\n' \
			>"$dir/notext.out" ;;
	fuzz_office)
		# the main parts of a letter typed in Word and in LibreOffice
		# (the first byte: 0 DOCX, 1 ODT)
		/usr/bin/python3 tests/integration/documents.py docx "$dir/l.docx" 45/BTC-KHTC &&
			/usr/bin/python3 tests/integration/documents.py odt "$dir/l.odt" 45/BTC-KHTC &&
			/usr/bin/python3 - "$dir" <<'PY'
import sys, zipfile
d = sys.argv[1]
open(d + "/docx.xml", "wb").write(b"\0" + zipfile.ZipFile(d + "/l.docx").read("word/document.xml"))
open(d + "/odt.xml", "wb").write(b"\1" + zipfile.ZipFile(d + "/l.odt").read("content.xml"))
PY
		rm -f "$dir/l.docx" "$dir/l.odt" ;;
	fuzz_word97)
		# the WordDocument and table streams of the binary Word letters
		# (gsf, libgsf-bin, takes them out): its length, then each
		local f t
		for f in tests/data/letters/*.doc; do
			t=1Table
			gsf cat "$f" "$t" >/dev/null 2>&1 || t=0Table
			gsf cat "$f" WordDocument >"$dir/word" && gsf cat "$f" "$t" >"$dir/table" &&
				/usr/bin/python3 -c 'import os, sys; d = sys.argv[1]; w = open(d + "/word", "rb").read(); open(d + "/" + sys.argv[2], "wb").write(len(w).to_bytes(4, "little") + w + open(d + "/table", "rb").read())' \
					"$dir" "$(basename "$f" .doc).bin"
		done
		rm -f "$dir/word" "$dir/table" ;;
	fuzz_auth)
		printf 'mx.bo.gov.vn;\r\n\tdkim=pass (2048-bit key) header.d=bo.gov.vn header.i=@bo.gov.vn;\r\n\tdmarc=pass (p=reject dis=none) header.from=bo.gov.vn' >"$dir/postfix.txt"
		printf 'mx.bo.gov.vn 1; auth=pass (cram-md5) smtp.auth=truong.pc@bo.gov.vn; spf=pass smtp.mailfrom="x;y"\0truong.pc@bo.gov.vn' >"$dir/auth.txt"
		printf 'mx.x.com; dmarc=pass action=none header.from=x.com;compauth=pass reason=100' >"$dir/microsoft.txt"
		printf 'example.org 1; none' >"$dir/none.txt" ;;
	fuzz_smtp_trace)
		# '<' the server's lines, '>' the client's, '=' a new transaction
		printf '<220 mx.bo.gov.vn ESMTP OpenSMTPD\r\n>EHLO congvan\r\n<250-mx.bo.gov.vn Hello congvan [127.0.0.1], pleased to meet you\r\n250-8BITMIME\r\n250-SIZE 36700160\r\n250 HELP\r\n>MAIL FROM:<congvan@bo.gov.vn> SIZE=4242\r\n<250 2.0.0 Ok\r\n>RCPT TO:<a.nguyen@bo.gov.vn>\r\n<250 2.1.5 Destination address valid: Recipient ok\r\n>RCPT TO:<gone@bo.gov.vn>\r\n<550 Invalid recipient: <gone@bo.gov.vn>\r\n>DATA\r\n<354 Enter mail, end with "." on a line by itself\r\n250 2.0.0 5d1f2a3b Message accepted for delivery\r\n>QUIT\r\n<221 2.0.0 Bye\r\n' \
			>"$dir/opensmtpd.txt"
		printf '<220 smtp.bo.gov.vn ESMTP Postfix (Debian/GNU)\r\n>EHLO congvan\r\n<250-smtp.bo.gov.vn\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n>AUTH PLAIN AGNvbmd2YW4Ac2VjcmV0\r\n<235 2.7.0 Authentication successful\r\n>MAIL FROM:<congvan@bo.gov.vn>\r\n<250 2.1.0 Ok\r\n>RCPT TO:<a@bo.gov.vn>\r\n<450-4.2.0 <a@bo.gov.vn>: Recipient address rejected:\r\n450 4.2.0 <a@bo.gov.vn>: Recipient address rejected: Greylisted\r\n>RCPT TO:<b@bo.gov.vn>\r\n<553 5.7.1 <congvan@bo.gov.vn>: Sender address rejected: not owned by user congvan\r\n=<congvan@bo.gov.vn>\n>MAIL FROM:<congvan@bo.gov.vn>\r\n<552 5.3.4 Message size exceeds fixed limit\r\n' \
			>"$dir/postfix.txt"
		printf '<554 No SMTP service here\r\n>QUIT\r\n<221 Bye\r\n' >"$dir/greeting.txt"
		printf '<220 x\r\n>DATA\r\n<421 4.7.0 Try again later\r\n=<x@y>\n>DATA\r\n<354 go\r\n<554 5.3.4 Message too big for system\r\n' >"$dir/data.txt" ;;
	fuzz_message | fuzz_inspect)
		cp tests/data/integration/*.eml tests/data/mime/*.eml "$dir/" 2>/dev/null || true
		cp tests/data/mail/*.eml "$dir/" 2>/dev/null || true
		cp tests/data/inspect/calendar-*.eml "$dir/" 2>/dev/null || true
		for f in ../shared/fixtures/talon/standard_replies/*.eml; do
			[ -e "$f" ] && cp "$f" "$dir/talon-$(basename "$f")"
		done ;;
	esac
	echo "$dir"
}

status=0
for t in tests/fuzz/fuzz_*.c; do
	name=$(basename "$t" .c)
	case " ${FUZZ_TARGETS:-$name} " in *" $name "*) ;; *) continue ;; esac
	# shellcheck disable=SC2086
	clang $FLAGS -fsanitize=fuzzer "$t" "${objs[@]}" -o "$OUT/$name" \
		$(pkg-config --libs $PKGS | sed 's/-specs=[^ ]*//')
	corpus=$(seed "$name")
	echo "== $name: $SECONDS_EACH s from $(ls "$corpus" | wc -l) seeds"
	if ! (cd "$OUT" && ASAN_OPTIONS=detect_leaks=1 "./$name" -max_total_time="$SECONDS_EACH" \
		-max_len=262144 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		"corpus-$name" 2>"$name.log"); then
		echo "!! $name failed; see $OUT/$name.log"
		tail -30 "$OUT/$name.log"
		status=1
	else
		grep -E 'stat::number_of_executed_units|Done [0-9]+ runs' "$OUT/$name.log" | tail -2
	fi
done
exit $status
