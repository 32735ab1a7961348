#!/usr/bin/env bash
# Bad input of every kind gets a clear, themed answer: never a 500, a
# crash or a dropped connection.
. "$(dirname "$0")/../lib.sh"

ORIGIN="-H Origin:$URL"

http GET '/?utm_source=x'
check "unknown parameter: 400" status_is 400
check "unknown parameter: themed error page" themed
check "unknown parameter: named on the page" body_has 'Unknown parameter: utm_source'
check "error pages are not cached" header_has Cache-Control no-store
check "error pages carry the security headers" header_has Content-Security-Policy "default-src"
http GET '/?lang=en&lang=fa'
check "duplicate parameter: 400" status_is 400
check "duplicate parameter: named" body_has 'more than once: lang'
http GET '/?lang=%ff'
check "invalid UTF-8 in the query: 400" status_is 400
http GET '/?lang=%zz'
check "bad percent-encoding in the query: 400" status_is 400
http GET '/p/%ff%fe'
check "invalid UTF-8 in the path: 400" status_is 400
check "invalid UTF-8 in the path: themed" themed
http GET "/p/$(head -c 2100 /dev/zero | tr '\0' 'a')"
check "a path over 2,048 bytes: 414" status_is 414
check "... themed, saying the address is too long" body_has 'This address is longer than this portal accepts'
http GET '/p/a%00b'
check "NUL in the path: 400" status_is 400
http GET / -b $'lang=\xff\xfe'
check "invalid UTF-8 in a cookie: 400" status_is 400
q=$(for i in $(seq 1 201); do printf 'a%d=1&' "$i"; done)
http GET "/?$q"
check "201 query fields (limit 200): 413" status_is 413
check "too many fields: themed" themed
big=$(head -c 70000 /dev/zero | tr '\0' 'x')
http POST /language $ORIGIN --data-urlencode "lang=$big"
check "a 70 kB field (limit 64 kB): 413" status_is 413
head -c 1100000 /dev/zero | tr '\0' 'a' >"$T/big"
http POST /language $ORIGIN -H 'Content-Type: application/x-www-form-urlencoded' \
	--data-binary "@$T/big"
check "a 1.1 MB body (limit 1 MiB): 413" status_is 413
check "a 1.1 MB body: themed 413 page" body_has 'larger than allowed'

http POST /
check "POST to a page that only reads: 405" status_is 405
check "405 says what is allowed" header_has Allow 'GET, HEAD'
http PUT /
check "PUT: 405" status_is 405
http DELETE /p/about
check "DELETE: 405" status_is 405
http GET /language
check "GET on a form target: 405" status_is 405

http POST /language -d 'lang=fa&next=/'
check "POST without Origin or Referer: 403" status_is 403
check "403 explains the origin" body_has 'did not come from this site'
http POST /language -H 'Origin: http://evil.example' -d 'lang=fa&next=/'
check "POST from another site: 403" status_is 403
http POST /language -H "Referer: $URL/p/about" -d 'lang=fa&next=/p/about'
check "POST with a same-site Referer: 303" status_is 303
http POST /language $ORIGIN -d 'lang=fa&next=/p/about'
check "language switch: 303" status_is 303
check "language switch: back where the visitor was" header_has Location /p/about
check "language switch: remembered in a cookie" header_has Set-Cookie 'lang=fa; Path=/; Max-Age=[0-9]+; HttpOnly; SameSite=Lax'
http POST /language $ORIGIN -d 'lang=fa&next=//evil.example/'
check "no open redirect: 400" status_is 400
http POST /language $ORIGIN -d 'lang=fa&next=https://evil.example/'
check "no open redirect to a full URL: 400" status_is 400
http POST /language $ORIGIN -d 'lang=klingon'
check "a language not offered: 400" status_is 400
http POST /language $ORIGIN -d 'next=/'
check "a missing field: 400 naming it" body_has 'Missing parameter: lang'
http POST /language $ORIGIN -F lang=fa -F next=/p/contact
check "multipart form: 303" status_is 303
check "multipart form: fields read" header_has Location /p/contact
http POST /language $ORIGIN -H 'Content-Type: multipart/form-data; boundary=x' \
	--data-binary $'--x\r\nContent-Disposition: form-data\r\n\r\nv\r\n--x--\r\n'
check "malformed multipart: 400" status_is 400
http POST /language $ORIGIN -H 'Content-Type: multipart/form-data' --data-binary 'x'
check "multipart without a boundary: 400" status_is 400
http POST /language $ORIGIN -H 'Content-Type: application/json' --data-binary '{"lang":"fa"}'
check "JSON body: 415" status_is 415
check "415: themed" themed
http POST /language $ORIGIN -H 'Content-Type: application/x-www-form-urlencoded' \
	--data-binary $'lang=fa&next=/\xff'
check "invalid UTF-8 in a form: 400" status_is 400

# Control characters: none in a single-line field, only CR, LF and TAB
# in a text of several lines (the route table refuses the rest).
J=$T/ctl
FORM_PAGE=/register post "$J" /register $'name=Eve\r\nBcc: victim@example.com' \
	"company=Eve Ltd" "email=eve-ctl-$$@example.com" "password=eve-ctl-pass-2026"
check "a name with CR/LF: 400" status_is 400
check "... naming the field" body_has 'Invalid value for: name'
check "... and nobody is created" \
	test "$(db -e "SELECT COUNT(*) FROM users WHERE email = 'eve-ctl-$$@example.com'")" = 0
FORM_PAGE=/register post "$J" /register $'name=Eve\tTab' "company=Eve Ltd" \
	"email=eve-ctl-$$@example.com" "password=eve-ctl-pass-2026"
check "a name with a TAB: 400" status_is 400
FORM_PAGE=/register post "$J" /register $'name=Eve\u0085Next' "company=Eve Ltd" \
	"email=eve-ctl-$$@example.com" "password=eve-ctl-pass-2026"
check "a name with a C1 control (NEL): 400" status_is 400
FORM_PAGE=/register post "$J" /register "name=Eve" $'company=Eve\x7f Ltd' \
	"email=eve-ctl-$$@example.com" "password=eve-ctl-pass-2026"
check "a company with DEL: 400 naming it" body_has 'Invalid value for: company'
FORM_PAGE=/reset post "$J" /reset $'email=olivia@aurora.example\r\nBcc: x@evil.example'
check "a reset address with CR/LF: 400" status_is 400
http GET '/search?q=dns%0d%0aX'
check "a search query with CR/LF: 400" status_is 400
http GET '/search?q=dns%09records'
check "a search query with a TAB: 400" status_is 400
http GET '/reset/confirm?token=..%2f..%2fetc'
check "a token that is not hex: 400 at the route" body_has 'Invalid value for: token'

http GET /p/no-page -H 'Accept-Language: fa'
check "errors in the visitor's language" body_has 'صفحه پیدا نشد'
check "errors right to left" body_has 'dir="rtl"'

# A barrage of odd requests: none may give a 5xx.
bad=0
for p in '/%' '/%%' '/..' '/p/' '/p//' '/p/../etc/passwd' '/?=' '/?&&&' \
	'/?a=%e2%82' '/p/%2e%2e' "/p/$(head -c 3000 /dev/zero | tr '\0' a)" \
	'/?format=json' '/?format=xml&format=xml' '/healthz?x=1' '/static/' \
	'/language?lang=fa' '/p/about/extra' '/_dev/sleep?ms=abc'; do
	http GET "$p" --path-as-is
	case $STATUS in 5*|000) bad=$((bad + 1)); echo "# $p -> $STATUS" ;; esac
done
check "odd requests: no 5xx and no dropped connection" test "$bad" = 0
check "the pool still has all its workers" test "$(worker_count)" = "$WORKERS"

# A decoded line feed in the path would forge a line of the log.
mark="forged-$RANDOM$RANDOM"
http GET "/a/x%0A$mark%20info%20GET%20/signin%20200"
check "a path with a line feed: 400" status_is 400
http GET "/a/x%0D%0A$mark"
check "... and with CR LF" status_is 400
check "... and the log gains no line of the visitor's" \
	bash -c "! grep -q '^$mark' '$STATE/log/portico.log'"
done_testing
