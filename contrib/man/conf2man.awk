# congvan — congvan.conf(5) from config.example, so that the manual and the
# example file cannot tell different stories.  POSIX awk (mawk, gawk).
#
#   awk -v version=0.1.0 -v date=2026-12-06 -f conf2man.awk config.example
#
# What it reads in config.example (keep to it when adding a key):
#   - the opening comment block: the DESCRIPTION;
#   - "[section]" or "; [section]": a section of the manual;
#     "[kind NAME]" (a named section such as [unit VU-PC]): its keys are
#     shown as an example;
#   - a comment block, then "key = value" or "; key = value" lines: those
#     keys, described by the block (keys right after one another share it);
#   - a comment block followed by a blank line: prose;
#   - in a comment, "  word   text" (indented) starts a list item (used for
#     the keys of [unit CODE] and [rule NAME]);
#   - "; ----" lines separate parts and print nothing.

function esc(s) {
	gsub(/\\/, "\\e", s)
	gsub(/-/, "\\-", s)
	if (s ~ /^[.']/) s = "\\&" s
	return s
}
# Prose is held until what follows it is known: prose right before a named
# section ([unit CODE]) describes it and goes under its heading.
function out(s) { held = held s "\n" }
function release() { printf "%s", held; held = "" }
function flush_text(    i, line, n, m, term, rest) {
	if (ntext == 0) return
	out(".PP")
	for (i = 1; i <= ntext; i++) {
		line = text[i]
		if (line ~ /^  +[a-z_]+  +[^ ]/) {
			sub(/^ +/, "", line)
			term = line; sub(/ .*/, "", term)
			rest = line; sub(/^[a-z_]+ +/, "", rest)
			out(".TP 12")
			out(".B " esc(term))
			out(esc(rest))
			inlist = 1
		} else if (inlist && line ~ /^     +[^ ]/) {
			sub(/^ +/, "", line)
			out(esc(line))
		} else {
			if (inlist) { out(".PP"); inlist = 0 }
			sub(/^ +/, "", line)
			out(esc(line))
		}
	}
	if (inlist) { inlist = 0 }
	ntext = 0
}
function flush_keys(    i) {
	if (nkeys == 0) return
	release()
	for (i = 1; i <= nkeys; i++) {
		print (i == 1 ? ".TP" : ".TQ")
		print "\\fB" esc(keyname[i]) "\\fR = " esc(keyval[i])
	}
	for (i = 1; i <= ntext; i++) {
		line = text[i]
		sub(/^ +/, "", line)
		print esc(line)
	}
	if (ntext == 0) print "(see above)"
	ntext = 0
	nkeys = 0
}
function flush_example(    i) {
	if (nex == 0) return
	release()
	print ".PP"
	print "For example:"
	print ".PP"
	print ".RS 4"
	print ".nf"
	for (i = 1; i <= nex; i++) print esc(ex[i])
	print ".fi"
	print ".RE"
	nex = 0
}
function flush_all() {
	flush_keys(); flush_text(); flush_example()
}
function section(name) {
	flush_all()
	named = (name ~ / /)
	if (named) {
		nex = 0
		ex[++nex] = "[" name "]"
		if (name ~ /^unit / && seen_unit++) { skipping = 1; nex = 0; return }
		if (name ~ /^rule / && seen_rule++) { skipping = 1; nex = 0; return }
		skipping = 0
		kind = name; sub(/ .*/, "", kind)
		print ".SS \"[" kind " " (kind == "unit" ? "CODE" : "NAME") "]\""
		release()
		return
	}
	skipping = 0
	release()
	print ".SS \"[" name "]\""
}

BEGIN {
	print ".\\\" Generated from config.example by contrib/man/conf2man.awk: edit those."
	print ".TH CONGVAN.CONF 5 \"" date "\" \"congvan " version "\" \"congvan\""
	print ".SH NAME"
	print "congvan.conf \\- configuration file of congvan"
	print ".SH SYNOPSIS"
	print ".B /etc/congvan/congvan.conf"
	print ".SH DESCRIPTION"
	intro = 1
}

/^; ?-+$/ { flush_all(); next }

intro && /^;/ {
	line = $0; sub(/^; ?/, "", line)
	if (line == "") { flush_text(); next }
	text[++ntext] = line
	next
}
intro && /^$/ {
	flush_text()
	release()
	intro = 0
	print ".SH SECTIONS AND KEYS"
	print "The sections follow, with every key they take."
	next
}

/^;? ?\[[A-Za-z]+( [^]]+)?\][ \t]*$/ {
	name = $0; sub(/^;? ?\[/, "", name); sub(/\].*$/, "", name)
	section(name)
	next
}

/^; ?[a-z_]+ = / {
	if (nkeys == 0 && lastkind != "comment") ntext = ntext # keep
	line = $0; sub(/^; ?/, "", line)
	k = line; sub(/ = .*/, "", k)
	v = line; sub(/^[a-z_]+ = /, "", v)
	keyname[++nkeys] = k; keyval[nkeys] = v
	lastkind = "key"
	next
}

/^[a-z_]+[ \t]*=/ {
	line = $0
	k = line; sub(/[ \t]*=.*/, "", k)
	v = line; sub(/^[a-z_]+[ \t]*=[ \t]*/, "", v)
	if (skipping) next
	if (named) {
		ex[++nex] = k " = " v
		lastkind = "example"
		next
	}
	keyname[++nkeys] = k; keyval[nkeys] = v
	lastkind = "key"
	next
}

/^[ \t]+[^ \t;]/ {
	# the continuation of the value above
	line = $0; sub(/^[ \t]+/, "", line)
	if (skipping) next
	if (lastkind == "example") ex[++nex] = "  " line
	else if (lastkind == "key" && nkeys > 0) keyval[nkeys] = keyval[nkeys] " " line
	next
}

/^;/ {
	if (nkeys > 0) flush_keys()
	line = $0; sub(/^; ?/, "", line)
	text[++ntext] = line
	lastkind = "comment"
	next
}

/^[ \t]*$/ {
	if (nkeys > 0) flush_keys()
	else flush_text()
	if (named) { flush_example() }
	lastkind = "blank"
	next
}

END {
	flush_all()
	release()
	print ".SH FILES"
	print ".TP"
	print ".I /etc/congvan/congvan.conf"
	print "this file; readable by root and the group congvan only (0640), as it"
	print "may hold passwords"
	print ".TP"
	print ".I " datadir "/config.example"
	print "the example this manual is made from"
	print ".SH SEE ALSO"
	print ".BR congvan (8)"
}
