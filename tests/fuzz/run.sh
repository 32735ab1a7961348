#!/bin/sh
# Run one fuzz target for SECONDS over its seed corpus, without writing
# into the source tree.  Prints one TAP line; exit status 1 on a finding.
#   run.sh TARGET SEEDDIR SECONDS
target=$1 seeds=$2 secs=$3
name=$(basename "$target")
work=$(mktemp -d)
out=$(mktemp)
trap 'rm -rf "$work" "$out"' EXIT
if "$target" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$work/" -print_final_stats=1 "$work" "$seeds" >"$out" 2>&1; then
	runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out" | grep -o '[0-9]*$')
	echo "ok - $name: ${runs:-?} inputs in ${secs}s, no crash"
	exit 0
fi
echo "not ok - $name found a crash or leak"
grep -E 'ERROR|SUMMARY|artifact' "$out" | head -20 | sed 's/^/# /'
for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-*; do
	[ -f "$f" ] && mkdir -p fuzz-findings && cp "$f" fuzz-findings/ &&
		echo "# kept fuzz-findings/$(basename "$f")"
done
exit 1
