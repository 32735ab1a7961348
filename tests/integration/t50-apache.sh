#!/usr/bin/env bash
# The same pool behind Apache 2.4 with mod_proxy_fcgi, configured with
# conf/apache.conf itself.
. "$(dirname "$0")/../lib.sh"

if ! command -v apache2 >/dev/null; then
	nok "apache2 is installed (./quickstart test installs it)"
	done_testing
	exit
fi
mods=/usr/lib/apache2/modules
aport=$(free_port)
A="$T/apache"
mkdir -p "$A"
chmod 755 "$T" "$A"
# Apache's children run as www-data: give them a copy of the themes they
# can read, wherever the checkout is.
cp -R "$ROOT/xslt" "$A/xslt"
chmod -R a+rX "$A/xslt"
sed -e "s|/run/portico/portico.sock|$STATE/run/portico.sock|" \
    -e "s|/usr/local/share/portico/xslt|$A/xslt|g" \
    "$ROOT/conf/apache.conf" >"$A/portico.conf"
user_lines=""
[ "$(id -u)" = 0 ] && user_lines=$'User www-data\nGroup www-data'
cat >"$A/httpd.conf" <<CONF
ServerRoot "$A"
ServerName 127.0.0.1
Listen 127.0.0.1:$aport
PidFile "$A/httpd.pid"
ErrorLog "$A/error.log"
LogLevel warn
DefaultRuntimeDir "$A"
$user_lines
LoadModule mpm_event_module $mods/mod_mpm_event.so
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule mime_module $mods/mod_mime.so
LoadModule alias_module $mods/mod_alias.so
LoadModule headers_module $mods/mod_headers.so
LoadModule proxy_module $mods/mod_proxy.so
LoadModule proxy_fcgi_module $mods/mod_proxy_fcgi.so
TypesConfig /etc/mime.types
Include "$A/portico.conf"
CONF
if ! apache2 -f "$A/httpd.conf" -k start >"$A/start.log" 2>&1; then
	nok "Apache starts" "$(cat "$A/start.log" "$A/error.log" 2>/dev/null)"
	done_testing
	exit
fi
trap 'apache2 -f "$A/httpd.conf" -k stop >/dev/null 2>&1; sleep 0.5; rm -rf "$T"' EXIT
URL="http://127.0.0.1:$aport"
wait_for 10 curl -s -o /dev/null "$URL/healthz"

http GET /
check "Apache: home page 200" status_is 200
check "Apache: the themed page" body_has '<html lang="en" dir="ltr">'
check "Apache: content from MariaDB" body_has 'About Northwind Hosting'
check "Apache: security headers pass through" header_has Content-Security-Policy "default-src 'self'"
http GET /p/about -H 'Accept-Language: fa'
check "Apache: Persian page" body_has 'دربارهٔ میزبانی نورث‌ویند'
http GET /p/missing
check "Apache: 404 from Portico, themed" test "$STATUS" = 404 -a -n "$(grep -F '/static/' "$T/body")"
http GET '/?lang=%ff'
check "Apache: invalid UTF-8 rejected with 400" status_is 400
http GET /static/default/portico.css
check "Apache: static CSS served by Apache" status_is 200
check "Apache: static CSS is text/css" header_has Content-Type text/css
http GET /static/default/theme.xsl
check "Apache: stylesheets not served" status_is 404
http POST /language -H "Origin: $PORTICO_URL" -d 'lang=fa&next=/p/about'
check "Apache: form POST, 303 with the cookie" \
	bash -c "grep -q '^HTTP/1.1 303' '$T/headers' && grep -qi '^Set-Cookie: lang=fa' '$T/headers'"
http POST / -d x=1
check "Apache: 405 for POST to a page" status_is 405
http HEAD /p/about
check "Apache: HEAD answers with headers only" test "$STATUS" = 200 -a ! -s "$T/body"
done_testing
