#!/bin/sh
# The code-check lint (make check): constructs that must never appear.
#  - SQL from anything but constant statements: mysql_query(),
#    mysql_real_query(), mysql_send_query() in src/ at all (statements go
#    through struct dbstmt and are prepared);
#  - xmlNewChild(), which takes already-escaped content;
#  - system(), popen(): no shell from a worker;
#  - disable-output-escaping in themes;
#  - FCGX_FPrintF, which mishandles %zu;
#  - fcgiapp.h anywhere but worker.c.
top=${top_srcdir:-.}
n=0
fail=0
check() {
	n=$((n + 1))
	if [ -z "$2" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		echo "$2" | sed 's/^/# /'
		fail=1
	fi
}
src="$top/src"
check "no mysql_query/mysql_real_query/mysql_send_query in src/" \
	"$(grep -nE '\bmysql_(real_|send_)?query[[:space:]]*\(' "$src"/*.c "$src"/*.h)"
check "no xmlNewChild in src/ (use xml_text / xmlNewTextChild)" \
	"$(grep -nE '\bxmlNewChild[[:space:]]*\(' "$src"/*.c "$src"/*.h)"
check "no system() or popen() in src/" \
	"$(grep -nE '(^|[^_a-z])(system|popen)[[:space:]]*\(' "$src"/*.c)"
check "no disable-output-escaping in themes" \
	"$(grep -rn --include='*.xsl' 'disable-output-escaping' "$top/xslt")"
check "no FCGX_FPrintF in src/" \
	"$(grep -nE 'FCGX_V?FPrintF[[:space:]]*\(' "$src"/*.c)"
check "only worker.c knows FastCGI" \
	"$(grep -ln 'fcgiapp.h' "$src"/*.c "$src"/*.h | grep -v '/worker.c$')"
check "statements are constant text (DBSTMT with a string literal)" \
	"$(grep -nE 'DBSTMT\([[:space:]]*[^"[:space:]]' "$src"/*.c | grep -v '#define')"
check "printf-like functions declare their format" \
	"$(grep -nE '^[a-z_]+\(.*const char \*fmt, \.\.\.\)' "$src"/*.c | while IFS=: read -r f l rest; do
		name=$(echo "$rest" | sed 's/(.*//')
		grep -A1 "[^a-z_]$name(" "$src/portico.h" "$f" | grep -qE 'PRINTFLIKE|format\(printf' ||
			echo "$f:$l $name"
	done)"
echo "1..$n"
exit $fail
