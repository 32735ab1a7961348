#!/bin/sh
# The dependencies between the source files (make check): which file
# uses which is read from the objects (nm: the global symbols each
# src/*.o defines and the ones it leaves undefined), and must
#  - form no cycle (a file never uses, through others, itself), and
#  - go down the layers README.md declares ("layer N  file file ..."
#    lines of "Layers of the code"): a file uses files of its own layer
#    or of a lower one, and every src/*.c is in one layer.
top=${top_srcdir:-.}
. "$top/tests/check.sh"
objs=$(ls src/*.o 2>/dev/null)
if [ -z "$objs" ]; then
	echo "1..0 # SKIP no objects in src/ (build first)"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# "user definer" for each global symbol a file uses from another.
for o in $objs; do
	nm "$o" | awk -v f="$(basename "$o" .o)" '
	    $1 == "U" { print "U", f, $2; next }
	    NF == 3 && $2 ~ /^[TDBRCGSV]$/ { print "D", f, $3 }'
done | awk '$1 == "D" { def[$3] = $2; next } { use[++n] = $2 " " $3 }
    END { for (i = 1; i <= n; i++) { split(use[i], p, " ")
	if ((p[2] in def) && def[p[2]] != p[1])
		print p[1], def[p[2]], p[2] } }' | sort -u >"$tmp/uses"
cut -d' ' -f1,2 "$tmp/uses" | sort -u >"$tmp/edges"

check "the objects use each other (the graph is read)" \
	"$(test -s "$tmp/edges" || echo "no use found between src/*.o")"

# tsort names the files of a cycle.
tsort "$tmp/edges" >/dev/null 2>"$tmp/cycles"
check "no cycle between the files of src/" \
	"$(awk '/input contains a loop/ { if (l != "") print l; l = "loop:"; next }
	    { sub(/^tsort: /, ""); l = l " " $0 } END { if (l != "") print l }' \
	    "$tmp/cycles")"

sed -n 's/^layer \([0-9][0-9]*\)  *\([^(]*\).*/\1 \2/p' "$top/README.md" |
    awk '{ for (i = 2; i <= NF; i++) print $i, $1 }' | sort >"$tmp/layers"
check "README.md declares the layers" \
	"$(test -s "$tmp/layers" || echo "no 'layer N file ...' line")"
check "every src/*.c is in one layer" \
	"$(for c in "$top"/src/*.c; do
		f=$(basename "$c" .c)
		k=$(awk -v f="$f" '$1 == f' "$tmp/layers" | wc -l)
		[ "$k" -eq 1 ] || echo "$f.c: in $k layers"
	done)"
check "every use goes down the layers (or stays in one)" \
	"$(awk 'NR == FNR { lv[$1] = $2; next }
	    ($1 in lv) && ($2 in lv) && lv[$1] < lv[$2] {
		print $1 ".c (layer " lv[$1] ") uses " $3 " of " $2 ".c (layer " lv[$2] ")" }' \
	    "$tmp/layers" "$tmp/uses")"
echo "1..$n"
exit $fail
