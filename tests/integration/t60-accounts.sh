#!/usr/bin/env bash
# Accounts and sign-in: sessions, CSRF, throttling, registration with
# e-mail verification, password reset, profile and company details.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
db -e "DELETE FROM signin_throttle"
# Unique names, so the test also passes against a database it ran on before.
MIKKO=mikko-$$-$RANDOM@mallikas.example
AUDIT0=$(db -e "SELECT COALESCE(MAX(id), 0) FROM audit_log")
for who in olivia@aurora.example ben@aurora.example kaisa@baltic.example; do
	echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$who" >/dev/null
done

# --- signing in and out -------------------------------------------------
J=$T/olivia
http GET /account
check "anonymous /account: sent to sign in" header_has Location '/signin\?next=/account'
http GET /signin -c "$J" -b "$J"
check "sign-in page: 200" status_is 200
check "sign-in page: a form with a CSRF token" body_matches 'name="csrf" value="[0-9a-f]{64}"'
check "sign-in page: the token's cookie is HttpOnly and SameSite=Lax" \
	header_has Set-Cookie 'csrf=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Lax'
check "sign-in page: not cached" header_has Cache-Control no-store
echo 'portico	FALSE	/	FALSE	0	portico	0000000000000000000000000000000000000000000000000000000000000bad' >>"$J"
planted=0000000000000000000000000000000000000000000000000000000000000bad
signin "$J" olivia@aurora.example "$PW"
check "sign-in: 303 to the account" header_has Location /account
check "sign-in: a session cookie, HttpOnly, SameSite=Lax" \
	header_has Set-Cookie 'portico=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Lax'
sid=$(grep -i '^Set-Cookie: portico=' "$T/headers" | sed 's/.*portico=\([0-9a-f]*\).*/\1/')
check "session fixation: a planted id is never kept" test -n "$sid" -a "$sid" != "$planted"
check "only the hash of the session id is stored" \
	test "$(db -e "SELECT COUNT(*) FROM sessions WHERE id_hash = UNHEX(SHA2('$sid', 256))")" = 1
check "the raw session id is not in the database" \
	test "$(db -e "SELECT COUNT(*) FROM sessions WHERE HEX(id_hash) = UPPER('$sid')")" = 0
http GET /account -b "$J"
check "dashboard: 200" status_is 200
check "dashboard: the account number" body_has NW-100001
check "dashboard: the company" body_has 'Aurora Web Oy'
check "dashboard: the users and their roles" bash -c "grep -q 'Ben Virtanen' '$T/body' && grep -q 'Billing' '$T/body'"
check "dashboard: not cached" header_has Cache-Control no-store
check "dashboard: the header names the user" body_has '<a href="/account">Olivia Laine</a>'
http GET '/signin?next=/account/profile' -b "$J"
check "signed in, /signin goes on to next" header_has Location /account/profile

# --- a session's lifetime: idle minutes and the hours after sign-in -----
IDLE=$(awk '$1 == "session_idle_minutes" {print $3}' "$STATE/portico.conf")
IDLE=${IDLE:-120}
S_WHERE="id_hash = UNHEX(SHA2('$sid', 256))"
db -e "UPDATE sessions SET last_seen = NOW() - INTERVAL 3 MINUTE WHERE $S_WHERE"
http GET /account -b "$J"
check "session unused for 3 minutes: still signed in" status_is 200
check "session unused for 3 minutes: its last use is written again" \
	test "$(db -e "SELECT last_seen > NOW() - INTERVAL 1 MINUTE FROM sessions WHERE $S_WHERE")" = 1
db -e "UPDATE sessions SET last_seen = NOW() - INTERVAL $((IDLE + 1)) MINUTE WHERE $S_WHERE"
http GET /account -b "$J"
check "session unused past session_idle_minutes: sent to sign in" \
	header_has Location '/signin\?next=/account'
db -e "UPDATE sessions SET last_seen = NOW() - INTERVAL $((IDLE - 1)) MINUTE WHERE $S_WHERE"
http GET /account -b "$J"
check "session unused a minute short of session_idle_minutes: signed in" status_is 200
db -e "UPDATE sessions SET expires_at = NOW() - INTERVAL 1 SECOND WHERE $S_WHERE"
http GET /account -b "$J"
check "session past its session_max_hours: sent to sign in" \
	header_has Location '/signin\?next=/account'
db -e "UPDATE sessions SET expires_at = NOW() + INTERVAL 1 HOUR WHERE $S_WHERE"
http GET /account -b "$J"
check "session before its end: signed in" status_is 200
db -e "UPDATE sessions SET expires_at = '2040-01-01 00:00:00' WHERE $S_WHERE"
http GET /account -b "$J"
check "session ending after January 2038 (past UNIX_TIMESTAMP's range): signed in" status_is 200
db -e "UPDATE sessions SET expires_at = NOW() + INTERVAL 1 HOUR WHERE $S_WHERE"

http POST /signout -b "$J" -H "Origin: $URL" -d csrf=0000
check "sign-out without the session's token: 403" status_is 403
cp "$J" "$T/olivia.old"
post "$J" /signout
FORM_PAGE= 
check "sign-out: 303 home" header_has Location /
check "sign-out: the cookie is cleared" header_has Set-Cookie 'portico=; .*Max-Age=0'
http GET /account -b "$T/olivia.old"
check "after sign-out the old session id is dead server-side" header_has Location /signin
check "sign-out: no session row left" \
	test "$(db -e "SELECT COUNT(*) FROM sessions WHERE id_hash = UNHEX(SHA2('$sid', 256))")" = 0

# --- wrong passwords, enumeration, CSRF ----------------------------------
J2=$T/anon
signin "$J2" olivia@aurora.example 'not-the-password-1'
check "wrong password: 200 with the form again" status_is 200
cp "$T/body" "$T/wrong.html"
check "wrong password: a clear message" body_has 'do not match an account'
signin "$J2" nobody-here@aurora.example 'not-the-password-1'
check "unknown address: the very same message" body_has 'do not match an account'
check "unknown address: the same page as a wrong password (no enumeration)" \
	bash -c "diff <(grep -o 'form-error[^<]*<' '$T/wrong.html') <(grep -o 'form-error[^<]*<' '$T/body')"
rid=$(grep -i '^X-Request-Id' "$T/headers" | tr -d '\r' | awk '{print $2}')
check "unknown address: checked against a dummy hash (it takes Argon2 time)" \
	wait_for 3 log_has "rid=$rid POST /signin 200 [0-9]+B ([5-9]|[1-9][0-9]+)\.[0-9]ms"
hash=$(db -e "SELECT password_hash FROM users WHERE email = 'olivia@aurora.example'")
check "the stored hash is Argon2id with the configured parameters" \
	bash -c "[[ '$hash' == '\$argon2id\$v=19\$m=19456,t=2,p=1\$'* ]]"
signin "$J2" olivia@aurora.example "$hash"
check "the stored hash itself is not accepted as the password" body_has 'do not match an account'
http POST /signin -H "Origin: $URL" -d 'email=olivia@aurora.example' -d "password=$PW"
check "sign-in without a CSRF token: 403" status_is 403
http POST /signin -H "Origin: $URL" -b 'csrf=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' \
	-d csrf=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb \
	-d 'email=olivia@aurora.example' --data-urlencode "password=$PW"
check "sign-in with a token that is not the cookie's: 403" status_is 403
tok=$(form_token "$J2" /signin)
http POST /signin -b "$J2" -H 'Origin: http://evil.example' -d "csrf=$tok" \
	-d 'email=olivia@aurora.example' --data-urlencode "password=$PW"
check "sign-in from another site, even with a token: 403" status_is 403
FORM_PAGE=/signin post "$J2" /signin "email=olivia@aurora.example" "password=$PW" "next=//evil.example/"
check "no open redirect after sign-in" status_is 400
db -e "DELETE FROM signin_throttle"

# --- throttling ---------------------------------------------------------
J3=$T/kaisa
for i in 1 2 3 4 5 6; do signin "$J3" kaisa@baltic.example "wrong-password-$i"; done
signin "$J3" kaisa@baltic.example "$PW"
check "after 6 failures even the right password waits: 429" status_is 429
check "throttled: says how long" body_matches 'Try again in (2[0-9]|30) seconds'
check "throttled: kept in MariaDB, for every worker and host" \
	test "$(db -e "SELECT failures FROM signin_throttle WHERE kind = 'user' AND subject = 'kaisa@baltic.example'")" -ge 6
FORM_PAGE=/reset post "$J3" /reset "email=kaisa@baltic.example"
link=$(link_in "$(mail_to kaisa@baltic.example)" /reset/confirm)
check "a throttled user can still get a reset link" test -n "$link"
db -e "DELETE FROM signin_throttle"

# --- registration -------------------------------------------------------
R=$T/reg
FORM_PAGE=/register post "$R" /register "name=Mikko Mallikas" "company=Mallikas Oy" \
	"email=${MIKKO^}" "password=short"
check "registration: a short password is refused with 400" status_is 400
check "registration: the field says why" body_has 'Use at least 10 characters'
check "registration: the other values are kept" body_has 'value="Mallikas Oy"'
check "registration: the password is never echoed" body_lacks 'value="short"'
FORM_PAGE=/register post "$R" /register "name=Mikko" "company=Mallikas Oy" \
	"email=not-an-address" "password=qwertyuiop"
check "registration: a bad address and a common password, both named" \
	bash -c "grep -q 'such as name@example.com' '$T/body' && grep -q 'most common' '$T/body'"
FORM_PAGE=/register post "$R" /register "name=" "company=Mallikas Oy" \
	"email=$MIKKO" "password=mikko-mallikas-2026"
check "registration: an empty name is refused" body_has 'Enter a name'
FORM_PAGE=/register post "$R" /register "name=Mikko Mallikas" "company=Mallikas Oy" \
	"email=$MIKKO" "password=mikko-mallikas-2026"
check "registration: 303 to 'check your e-mail'" header_has Location /register/sent
check "registration: an unverified user and its account" \
	test "$(db -e "SELECT u.status FROM users u JOIN accounts a ON a.id = u.account_id WHERE u.email = '$MIKKO' AND a.name = 'Mallikas Oy'")" = unverified
m=$(mail_to $MIKKO)
check "registration: a verification mail" test -n "$m"
check "the mail's link is built from the configured site URL" grep -q "$URL/verify?token=" "$m"
check "the mail is plain text with its charset" grep -qiE 'Content-Type: text/plain; charset=(utf-8|us-ascii)' "$m"
check "... greeting no one by name: the registrant's words are not in it" \
	bash -c "grep -q '^Hello,' '$m' && ! grep -q 'Mikko' '$m'"
link=$(link_in "$m" /verify)
signin "$T/mikko" $MIKKO mikko-mallikas-2026
check "before verification, sign-in says to confirm first" body_has 'Confirm your e-mail address first'
check "... in the very words a wrong password gets (the registration's creator learns nothing)" \
	bash -c "diff <(grep -o 'form-error[^<]*<' '$T/wrong.html') <(grep -o 'form-error[^<]*<' '$T/body')"
http GET "${link#$URL}"
check "the link opens a confirmation page" body_has 'Confirm my address'
check "opening the link spends nothing (mail scanners follow links)" \
	test "$(db -e "SELECT status FROM users WHERE email = '$MIKKO'")" = unverified
tok=${link##*token=}
FORM_PAGE="/verify?token=$tok" post "$T/mikko" /verify "token=$tok"
check "confirming: 303 to sign in" header_has Location '/signin\?done=verified'
check "confirming: the user is active" \
	test "$(db -e "SELECT status FROM users WHERE email = '$MIKKO'")" = active
FORM_PAGE=/signin post "$T/mikko" /verify "token=$tok"
check "a spent verification link does not work twice" status_is 400
check "a spent link: a clear message" body_has 'not valid any more'
signin "$T/mikko" ${MIKKO^^} mikko-mallikas-2026
check "then sign-in works (the address is case-insensitive)" header_has Location /account
http GET /account -b "$T/mikko"
check "the new account has a number" body_matches 'NW-[0-9]{6}'
before=$(db -e "SELECT COUNT(*) FROM users")
FORM_PAGE=/register post "$R" /register "name=Someone Else" "company=Else Ltd" \
	"email=olivia@aurora.example" "password=someone-else-2026"
check "registering a taken address answers exactly as a new one" header_has Location /register/sent
check "... creates nobody" test "$(db -e "SELECT COUNT(*) FROM users")" = "$before"
m=$(mail_to olivia@aurora.example)
check "... and tells the address's owner instead" grep -q 'already has one' "$m"
check "... how to get in: a link to reset the password" grep -q "$URL/reset" "$m"
check "... nothing of the owner's changes" \
	test "$(db -e "SELECT CONCAT(status, '/', name) FROM users WHERE email = 'olivia@aurora.example'")" = "active/Olivia Laine"
# The same Argon2 work for a taken address as for a new one: with every
# Argon2 slot of the host held, both wait for one and get the same "busy"
# page (a registration that skipped the hash would answer at once).
slots=$(awk '$1 == "argon2_max_parallel" {print $3}' "$STATE/portico.conf")
lockdir=$(awk '$1 == "lock_dir" {print $3}' "$STATE/portico.conf")
python3 -c 'import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
for i in range(int(sys.argv[2])):
    fcntl.lockf(fd, fcntl.LOCK_EX, 1, i, 0)
print("held", flush=True)
time.sleep(20)' "$lockdir/argon2.lock" "$slots" >"$T/held" &
holder=$!
wait_for 10 grep -q held "$T/held"
FORM_PAGE=/register post "$R" /register "name=Someone Else" "company=Else Ltd" \
	"email=olivia@aurora.example" "password=someone-else-2026"
check "a taken address waits for Argon2 like a new one (busy: 503)" \
	bash -c "test $STATUS = 503 && grep -q 'very busy' '$T/body'"
cp "$T/body" "$T/busy-taken.html"
FORM_PAGE=/register post "$R" /register "name=Someone New" "company=New Ltd" \
	"email=new-$$-$RANDOM@mallikas.example" "password=someone-new-2026"
check "... and a new address gets the very same answer" \
	bash -c "test $STATUS = 503 && diff <(grep -o '<main.*</main>' '$T/busy-taken.html' | sed 's/request-id[^<]*//; s/Request [^<]*//') <(grep -o '<main.*</main>' '$T/body' | sed 's/request-id[^<]*//; s/Request [^<]*//')"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
check "... nobody was created while waiting" test "$(db -e "SELECT COUNT(*) FROM users")" = "$before"

# --- common passwords -----------------------------------------------------
for pw in tinkerbell hellokitty Q1W2E3R4T5Y6 123qweasdzxc; do
	FORM_PAGE=/register post "$R" /register "name=Common Pw" "company=Common Ltd" \
		"email=common-$$@mallikas.example" "password=$pw"
	check "registration refuses the common password $pw" \
		bash -c "test $STATUS = 400 && grep -q 'most common' '$T/body'"
done

# --- password reset -----------------------------------------------------
O=$T/olivia2
signin "$O" olivia@aurora.example "$PW"
n_before=$(ls "$STATE"/mail | wc -l)
FORM_PAGE=/reset post "$R" /reset "email=nobody-at-all@aurora.example"
check "reset for an unknown address: the same answer" header_has Location /reset/sent
FORM_PAGE=/reset post "$R" /reset "email=OLIVIA@aurora.example"
check "reset: 303 to 'check your e-mail'" header_has Location /reset/sent
m=$(mail_to olivia@aurora.example)
check "reset: only the known address got mail" test "$(( $(ls "$STATE"/mail | wc -l) - n_before ))" = 1
link=$(link_in "$m" /reset/confirm)
tok=${link##*token=}
check "reset: a link with a 256-bit token" test ${#tok} = 64
check "reset: only the token's hash is stored" \
	test "$(db -e "SELECT COUNT(*) FROM tokens WHERE hash = UNHEX(SHA2('$tok', 256)) AND purpose = 'reset'")" = 1
http GET "/reset/confirm?token=$tok"
check "reset link: the new-password form" body_has 'Choose a new password'
FORM_PAGE="/reset/confirm?token=$tok" post "$R" /reset/confirm "token=$tok" "new_password=password123"
check "reset: a common password is refused, the token kept" \
	bash -c "grep -q 'most common' '$T/body' && test \$(mariadb --defaults-extra-file='$STATE/my.cnf' -N -e \"SELECT used_at IS NULL FROM tokens WHERE hash = UNHEX(SHA2('$tok', 256))\") = 1"
FORM_PAGE="/reset/confirm?token=$tok" post "$R" /reset/confirm "token=$tok" "new_password=olivia-new-pass-2026"
check "reset: 303 to sign in, with a notice" header_has Location '/signin\?done=reset'
check "reset: nobody is signed in by it" bash -c "! grep -qi '^Set-Cookie: portico=[0-9a-f]' '$T/headers'"
http GET /account -b "$O"
check "reset: the user's other sessions are over" header_has Location /signin
FORM_PAGE=/signin post "$R" /reset/confirm "token=$tok" "new_password=olivia-other-2026"
check "reset: the link works once" status_is 400
m=$(mail_to olivia@aurora.example)
check "reset: a notice mail that the password changed" grep -q 'was just changed' "$m"
signin "$O" olivia@aurora.example olivia-new-pass-2026
check "reset: the new password works" header_has Location /account
FORM_PAGE=/reset post "$R" /reset "email=ben@aurora.example"
link=$(link_in "$(mail_to ben@aurora.example)" /reset/confirm)
tok=${link##*token=}
db -e "UPDATE tokens SET expires_at = NOW() - INTERVAL 1 MINUTE WHERE hash = UNHEX(SHA2('$tok', 256))"
http GET "/reset/confirm?token=$tok"
check "an expired reset link: 400 with a clear message" \
	bash -c "test $STATUS = 400 && grep -q 'not valid any more' '$T/body'"
http GET "/reset/confirm?token=nothex"
check "a malformed token: 400, not 500" status_is 400

# --- profile, password change, company ----------------------------------
FORM_PAGE=/account/profile post "$O" /account/profile "name=Olivia Laine" \
	"phone=call me maybe" "language=xx" "time_zone=../../etc/passwd"
check "profile: bad values refused with 400" status_is 400
check "profile: each field says why" bash -c "grep -q 'Use digits' '$T/body' && grep -q 'Choose one of the languages' '$T/body' && grep -q 'time zone name' '$T/body'"
FORM_PAGE=/account/profile post "$O" /account/profile "name=Olivia K. Laine" \
	"phone=+358 40 111 2222" "language=fa" "time_zone=Europe/Helsinki"
check "profile: saved, 303" header_has Location '/account/profile\?done=saved'
check "profile: the audit log keeps the old values" \
	test "$(db -e "SELECT COUNT(*) FROM audit_log WHERE id > $AUDIT0 AND event = 'profile-changed' AND detail LIKE '%name: Olivia Laine -> Olivia K. Laine%'")" = 1
http GET /account -b "$O"
check "profile: the user's language now applies" body_has 'lang="fa" dir="rtl"'
FORM_PAGE=/account/profile post "$O" /account/profile "name=Olivia Laine" \
	"phone=+358 40 111 2222" "language=en" "time_zone=Europe/Helsinki"

# --- the language switcher: stored for a user only with the token ----------
http GET /account -b "$O"
check "signed in, the language switcher carries the session's token" \
	bash -c "grep -o '<form class=\"lang-switch\".*</form>' '$T/body' | grep -q 'name=\"csrf\" value=\"[0-9a-f]\{64\}\"'"
http GET /
check "anonymous (cacheable) pages: a switcher without a token" \
	bash -c "grep -q 'class=\"lang-switch\"' '$T/body' && ! grep -o '<form class=\"lang-switch\".*</form>' '$T/body' | grep -q csrf"
http POST /language -b "$O" -H "Origin: $URL" -d 'lang=fi&next=/account'
check "signed in, a language switch without the CSRF token: 403" status_is 403
check "... the user's stored language is unchanged" \
	test "$(db -e "SELECT language FROM users WHERE email = 'olivia@aurora.example'")" = en
http POST /language -b "$O" -H "Origin: $URL" -d 'csrf=0000000000000000000000000000000000000000000000000000000000000000' -d 'lang=fi&next=/account'
check "signed in, with a wrong token: 403" status_is 403
FORM_PAGE=/account post "$O" /language "lang=fi" "next=/account"
check "signed in, with the token: 303 back" header_has Location /account
check "... stored as the user's language" \
	test "$(db -e "SELECT language FROM users WHERE email = 'olivia@aurora.example'")" = fi
FORM_PAGE=/account post "$O" /language "lang=en" "next=/account"
http POST /language -H "Origin: $URL" -d 'lang=fi&next=/kb'
check "anonymous, without a token: 303 with the cookie only" \
	bash -c "test $STATUS = 303 && grep -qi '^Set-Cookie: lang=fi;' '$T/headers'"

S2=$T/olivia-second
signin "$S2" olivia@aurora.example olivia-new-pass-2026
FORM_PAGE=/account/profile post "$O" /account/password "current_password=wrong-one-here" "new_password=olivia-third-2026"
check "password change: the current password is checked" body_has 'current password is not right'
for pw in spiderman123 manchester sidewinder; do
	FORM_PAGE=/account/profile post "$O" /account/password "current_password=olivia-new-pass-2026" "new_password=$pw"
	check "password change refuses the common password $pw" \
		bash -c "test $STATUS = 400 && grep -q 'most common' '$T/body'"
done
FORM_PAGE=/account/profile post "$O" /account/password "current_password=olivia-new-pass-2026" "new_password=olivia-third-2026"
check "password change: 303" header_has Location '/account/profile\?done=password-changed'
http GET /account -b "$O"
check "password change: this session stays" status_is 200
http GET /account -b "$S2"
check "password change: the other sessions end" header_has Location /signin
db -e "DELETE FROM signin_throttle"
FORM_PAGE=/account/company post "$O" /account/company "company=Aurora Web Oy" \
	"billing_address=Aurorankatu 5 B" "tax_id=FI12345678" "phone=+358 40 123 4567"
check "company: the owner may edit it" header_has Location '/account\?done=company-saved'
signin "$T/kaisa2" kaisa@baltic.example "$PW"
http GET /account -b "$T/kaisa2"
check "another account's user sees their own account only" \
	bash -c "grep -q 'Baltic Bytes' '$T/body' && ! grep -q 'Aurora' '$T/body'"

# --- suspension ends sessions ------------------------------------------
db -e "UPDATE accounts SET status = 'suspended' WHERE number = 'NW-100002'"
http GET /account -b "$T/kaisa2"
check "a suspended account's sessions end at once" header_has Location /signin
db -e "UPDATE accounts SET status = 'active' WHERE number = 'NW-100002'"
check "sign-ins, failures and sign-outs are audited" \
	test "$(db -e "SELECT COUNT(DISTINCT event) FROM audit_log WHERE id > $AUDIT0 AND event IN ('signin', 'signin-failed', 'signout', 'password-reset', 'password-changed', 'register', 'email-verified')")" = 7
done_testing
