#!/usr/bin/env bash
# A pool configured as an invite-only portal on an https site: the
# __Host- and Secure cookies, origin checks against the https address,
# registration closed to the public, mail links built from site_url,
# never from the Host header a client sends, and HSTS on every answer.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
SITE=https://help.northwind.example
second_instance "$(printf 'registration = invite\nsite_url = %s' "$SITE")" ''
U=$URL2
db -e "DELETE FROM signin_throttle"
echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password kaisa@baltic.example >/dev/null

URL=$U
http GET /register
check "invite-only: public registration answers 403" status_is 403
check "invite-only: with a clear message" body_has 'New accounts are not created here'
check "https site: an error page carries HSTS" header_has Strict-Transport-Security 'max-age=31536000[[:space:]]*$'
http GET /
check "https site: a page carries HSTS" header_has Strict-Transport-Security 'max-age=31536000[[:space:]]*$'
check "https site: once" test "$(grep -ci '^Strict-Transport-Security' "$T/headers")" = 1
http GET /account
check "https site: a redirect carries HSTS" \
	bash -c "grep -qi '^Location: /signin' '$T/headers' && grep -qiE '^Strict-Transport-Security: max-age=31536000' '$T/headers'"
http GET /signin -c "$T/jar"
check "https site: the CSRF cookie is Secure" header_has Set-Cookie 'csrf=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Lax; Secure'
tok=$(grep -o 'name="csrf" value="[0-9a-f]*"' "$T/body" | head -1 | sed 's/.*value="//; s/"$//')
http POST /signin -b "csrf=$tok" -H "Origin: $U" -d "csrf=$tok" \
	-d 'email=kaisa@baltic.example' --data-urlencode "password=$PW"
check "https site: a POST from the http address is another origin: 403" status_is 403
http POST /signin -b "csrf=$tok" -H "Origin: $SITE" -d "csrf=$tok" \
	-d 'email=kaisa@baltic.example' --data-urlencode "password=$PW"
check "https site: from the site's own origin, sign-in works" header_has Location /account
check "https site: the session cookie is __Host- prefixed and Secure" \
	header_has Set-Cookie '__Host-portico=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Lax; Secure'
sid=$(grep -i '^Set-Cookie: __Host-portico=' "$T/headers" | sed 's/.*portico=\([0-9a-f]*\).*/\1/')
http GET /account -b "__Host-portico=$sid"
check "https site: the __Host- session works" body_has 'Baltic Bytes'
http GET /account -b "portico=$sid"
check "https site: the plain-http cookie name means nothing" header_has Location /signin
http POST /reset -H 'Host: evil.example' -H "Origin: $SITE" -b "csrf=$tok" \
	-d "csrf=$tok" -d 'email=kaisa@baltic.example'
check "reset on the https site: 303" header_has Location /reset/sent
m=$(mail_to kaisa@baltic.example)
check "the mailed link uses site_url, not the Host header" grep -q "^$SITE/reset/confirm?token=[0-9a-f]\{64\}$" "$m"
check "... and nothing of the forged host" bash -c "! grep -q evil.example '$m'"
done_testing
