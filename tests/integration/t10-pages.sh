#!/usr/bin/env bash
# Pages, headers, languages and static files through nginx.
. "$(dirname "$0")/../lib.sh"

http GET /
check "home page: 200" status_is 200
check "home page: HTML" header_has Content-Type 'text/html; charset=utf-8'
check "home page: content security policy without inline script" \
	header_has Content-Security-Policy "default-src 'self'; script-src 'self';"
check "home page: frame-ancestors 'none'" \
	header_has Content-Security-Policy ".*frame-ancestors 'none'"
check "home page: nosniff" header_has X-Content-Type-Options nosniff
check "home page: Referrer-Policy" header_has Referrer-Policy same-origin
check "home page: no HSTS on a plain-http site" header_lacks Strict-Transport-Security
check "home page: X-Request-Id (nginx's request id)" header_has X-Request-Id '[0-9a-f]{32}'
check "home page: Content-Language en" header_has Content-Language en
check "home page: lang and dir on <html>" body_has '<html lang="en" dir="ltr">'
check "home page: HTML5 doctype" body_matches '^<!DOCTYPE html'
check "home page: one charset declaration" \
	test "$(grep -o charset "$T/body" | wc -l)" = 1
check "home page: demo pages from MariaDB" body_has 'About Northwind Hosting'
check "home page: catalog strings, not keys" body_lacks 'home.welcome'
rid=$(grep -i '^X-Request-Id' "$T/headers" | tr -d '\r' | awk '{print $2}')
check "the request is logged with its id, method, path, status, bytes, time" \
	wait_for 3 log_has "rid=$rid GET / 200 [0-9]+B [0-9.]+ms"

http HEAD /
check "HEAD: 200 and no body" test "$STATUS" = 200 -a ! -s "$T/body"
len_head=$(grep -i '^Content-Length' "$T/headers" | tr -d '\r' | awk '{print $2}')
http GET /
len_get=$(grep -i '^Content-Length' "$T/headers" | tr -d '\r' | awk '{print $2}')
check "HEAD: same Content-Length as GET" test "$len_head" = "$len_get"

http GET / -H 'Accept-Language: fa-IR,fa;q=0.9,en;q=0.5'
check "Accept-Language fa: Persian, right to left" body_has '<html lang="fa" dir="rtl">'
check "Accept-Language fa: Persian catalog" body_has 'خانه'
check "Accept-Language fa: Persian content" body_has 'دربارهٔ میزبانی نورث‌ویند'
check "Accept-Language fa: Content-Language fa" header_has Content-Language fa
http GET / -H 'Accept-Language: fa' -b 'lang=en'
check "the lang cookie wins over Accept-Language" body_has '<html lang="en" dir="ltr">'
http GET / -H 'Accept-Language: de-DE,de;q=0.9'
check "a language not offered: the default" body_has '<html lang="en"'

http GET /p/about -b 'lang=fa'
check "content page in Persian" body_has 'دربارهٔ میزبانی نورث‌ویند'
check "content page: hreflang links to the other languages" body_has 'hreflang="en"'
http GET /p/terms -b 'lang=fa'
check "untranslated page: shown in English" body_has 'Terms of service'
check "untranslated page: with a note in Persian" body_has 'هنوز به زبان شما ترجمه نشده'
http GET '/p/about?lang=fa'
check "?lang=fa shows one page in Persian" body_has 'lang="fa" dir="rtl"'
http GET /p/no-such-page
check "unknown page: 404" status_is 404
check "unknown page: themed" themed
http GET /p/NOT_A_SLUG
check "a slug with capitals: 404, not an error" status_is 404

http GET '/p/about?format=xml'
check "?format=xml in development mode: the page XML" \
	header_has Content-Type 'application/xml'
check "?format=xml: the documented vocabulary" body_has '<content-page slug="about"'
if command -v xmllint >/dev/null; then
	check "?format=xml: well-formed" xmllint --noout --nonet "$T/body"
fi

http GET /static/default/portico.css
check "static CSS served by nginx" status_is 200
check "static CSS: text/css" header_has Content-Type text/css
check "static CSS: not through a worker (no request id)" header_lacks X-Request-Id
http GET /static/default/../theme.xsl --path-as-is
check "stylesheets are not served as static files" test "$STATUS" != 200
http GET /static/default/theme.xsl
check "a theme's .xsl is not in its static folder" status_is 404

http GET /healthz
check "health check: 200 ok" body_has ok
done_testing
