#!/usr/bin/env bash
# Single sign-on: a second pool with sso = yes behind a second nginx that
# plays the authenticating proxy (it sets REMOTE_USER from a header, as
# auth_request or mod_auth_openidc would from a real identity provider).
# The main instance (sso = no) ignores identity headers altogether.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026

# With SSO off, identity headers from a client count for nothing.
http GET /account -H 'Remote-User: olivia@aurora.example' \
	-H 'X-Remote-User: olivia@aurora.example' -H 'X-Forwarded-User: olivia@aurora.example'
check "sso off: identity headers from a client are ignored" header_has Location /signin

# The stand-in for the identity provider's answer: a request header.
second_instance "$(printf 'sso = yes\nsso_create = yes')" \
	'fastcgi_param REMOTE_USER $http_x_test_identity;'
URL=$URL2

http GET /account -H 'X-Test-Identity: Olivia@Aurora.example'
check "sso on: the identity signs the user in" body_has 'NW-100001'
check "sso on: a session cookie for the next requests" header_has Set-Cookie 'portico=[0-9a-f]{64}'
sid=$(grep -i '^Set-Cookie: portico=' "$T/headers" | sed 's/.*portico=\([0-9a-f]*\).*/\1/')
http GET /account -b "portico=$sid"
check "sso on: the session carries on without the identity" status_is 200
check "sso on: the identity provider asks for the second factor: no dashboard card about it" \
	body_lacks 'attention-2fa'
new=sso-new-$$-$RANDOM@example.org
http GET /account -H "X-Test-Identity: $new"
check "sso_create: an unknown address gets a user and is signed in" \
	bash -c "test $STATUS = 200 && test \$(mariadb --defaults-extra-file='$STATE/my.cnf' -N -e \"SELECT COUNT(*) FROM users WHERE email = '$new' AND status = 'active'\") = 1"
http GET /account -H 'X-Test-Identity: not an address'
check "sso on: a value that is not an address signs nobody in" header_has Location /signin
db -e "UPDATE users SET status = 'suspended' WHERE email = '$new'"
http GET /account -H "X-Test-Identity: $new"
check "sso on: a suspended user is not signed in" header_has Location /signin
check "single sign-ons are audited" \
	test "$(db -e "SELECT COUNT(*) FROM audit_log WHERE event = 'signin' AND detail = 'single sign-on'")" -ge 2
db -e "DELETE FROM users WHERE email = '$new'"
done_testing
