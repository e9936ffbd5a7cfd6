#!/usr/bin/env bash
# Prints the module graph: for each module under src/, the other modules
# whose public headers (include/congvan/*.h) its files include.  Headers
# of src/util (util, json, log, clock, fail) count as util; runtime.h is
# the shared runtime struct, listed as runtime.  README's "Code map" is
# this output.
set -euo pipefail
cd "$(dirname "$0")/.."
for dir in src/*/; do
	m=$(basename "$dir")
	files=("$dir"*.[ch])
	[ -f "include/congvan/$m.h" ] && files+=("include/congvan/$m.h")
	deps=$(grep -ho '#include "congvan/[a-z_]*\.h"' "${files[@]}" |
		sed 's|.*congvan/\([a-z_]*\)\.h.*|\1|' |
		sed -e 's/^\(json\|log\|clock\|fail\)$/util/' |
		{ grep -vx "$m" || true; } | sort -u | tr '\n' ' ' | sed 's/ $//')
	printf '%-9s -> %s\n' "$m" "${deps:-(nothing)}"
done
