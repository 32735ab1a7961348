#!/bin/sh
# The code-check lint (make check): constructs that must never appear.
#  - SQL from anything but constant statements: mysql_query(),
#    mysql_real_query(), mysql_send_query() in src/ at all (statements go
#    through struct dbstmt and are prepared);
#  - xmlNewChild(), which takes already-escaped content;
#  - system(), popen(): no shell from a worker;
#  - disable-output-escaping in themes;
#  - FCGX_FPrintF, which mishandles %zu;
#  - fcgiapp.h anywhere but worker.c;
#  - a result column read by number (dbres_get(res, i, 3)): columns are
#    read by the names of the enum beside their statement;
#  - a handler making the database error page itself: it returns
#    HTTP_DB(e) and dispatch() makes that page, in one place.
top=${top_srcdir:-.}
. "$top/tests/check.sh"
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
check "statements are constant text (DBSTMT with a string literal or an UPPER_CASE string macro)" \
	"$(grep -nE 'DBSTMT(_COLS)?\([[:space:]]*[^"[:space:]A-Z]' "$src"/*.c | grep -v '#define')"
check "printf-like functions declare their format" \
	"$(grep -nE '^[a-z_]+\(.*const char \*fmt, \.\.\.\)' "$src"/*.c | while IFS=: read -r f l rest; do
		name=$(echo "$rest" | sed 's/(.*//')
		grep -A1 "[^a-z_]$name(" "$src/portico.h" "$f" | grep -qE 'PRINTFLIKE|format\(printf' ||
			echo "$f:$l $name"
	done)"
check "result columns are read by name (no dbres_get(res, i, 3))" \
	"$(perl -0777 -ne '
		while (/\bdbres_get\(((?:[^()]|\((?1)\))*)\)/g) {
			my $a = $1;
			next unless $a =~ /,\s*\d+\s*$/;
			my $l = 1 + (substr($_, 0, pos) =~ tr/\n//);
			$a =~ s/\s+/ /g;
			print "$ARGV:$l: dbres_get($a)\n";
		}' "$src"/*.c)"
# The database error page is made once, in dispatch() (src/route.c);
# the one other is the worker's, for a session it cannot load before
# any route runs.
dberr_max=1
dberr=$(grep -nE 'page_error\(.*"database"' "$src"/*.c | grep -v '/route\.c:')
check "the database error page is made only by dispatch() ($dberr_max left)" \
	"$(if [ "$(echo "$dberr" | grep -c .)" -gt "$dberr_max" ]; then echo "$dberr"; fi)"
echo "1..$n"
exit $fail
