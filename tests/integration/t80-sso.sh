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

S=$T/sso
mkdir -p "$S/tmp"
chmod 755 "$T" "$S"
sed -e "s|^listen = .*|listen = unix:$S/portico.sock|" \
    -e "s|^log_file = .*|log_file = $S/portico.log|" \
    "$STATE/portico.conf" >"$S/portico.conf"
printf 'sso = yes\nsso_create = yes\n' >>"$S/portico.conf"
"$ROOT/portico-fcgi" -c "$S/portico.conf" -p "$S/portico.pid" </dev/null >>"$S/portico.log" 2>&1 &
wait_for 10 test -S "$S/portico.sock"
sport=$(for _ in $(seq 1 50); do p=$((20000 + RANDOM % 30000)); \
	(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo $p; break; }; done)
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat >"$S/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $S/nginx.pid;
error_log $S/nginx-error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $S/tmp/body; fastcgi_temp_path $S/tmp/fcgi;
    proxy_temp_path $S/tmp/proxy; uwsgi_temp_path $S/tmp/uwsgi; scgi_temp_path $S/tmp/scgi;
    server {
        listen 127.0.0.1:$sport;
        location / {
            fastcgi_pass unix:$S/portico.sock;
            fastcgi_param REQUEST_METHOD \$request_method;
            fastcgi_param REQUEST_URI \$request_uri;
            fastcgi_param QUERY_STRING \$query_string;
            fastcgi_param CONTENT_TYPE \$content_type;
            fastcgi_param CONTENT_LENGTH \$content_length;
            fastcgi_param REMOTE_ADDR \$remote_addr;
            # The stand-in for the identity provider's answer.
            fastcgi_param REMOTE_USER \$http_x_test_identity;
        }
    }
}
CONF
nginx -e "$S/nginx-error.log" -c "$S/nginx.conf" -p "$S" 2>/dev/null
trap 'kill $(cat "$S/nginx.pid") $(cat "$S/portico.pid") 2>/dev/null; sleep 0.5; rm -rf "$T"' EXIT
URL="http://127.0.0.1:$sport"
wait_for 10 curl -s -o /dev/null "$URL/healthz"

http GET /account -H 'X-Test-Identity: Olivia@Aurora.example'
check "sso on: the identity signs the user in" body_has 'NW-100001'
check "sso on: a session cookie for the next requests" header_has Set-Cookie 'portico=[0-9a-f]{64}'
sid=$(grep -i '^Set-Cookie: portico=' "$T/headers" | sed 's/.*portico=\([0-9a-f]*\).*/\1/')
http GET /account -b "portico=$sid"
check "sso on: the session carries on without the identity" status_is 200
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
