#!/usr/bin/env bash
# The second factor against guessing and quiet removal: wrong codes are
# counted per user across password sign-ins and lock the second factor
# (codes and recovery codes) after totp_max_failures, with a mail; the
# lock lifts after its time or with a password reset by mail.  Moving to
# a new authenticator needs a current code, keeps the old one working
# until the new one is confirmed, then replaces the recovery codes,
# audits and ends other sessions.  Turning it off needs a current code
# too.  Codes come from oathtool.
. "$(dirname "$0")/../lib.sh"
PW=guard-password-2026
U=guard-2fa@northwind.example
G=guard-agent@northwind.example
SEC=KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU
GSEC=MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK
RC=abcde23456
MAX=$(awk '$1 == "totp_max_failures" {print $3}' "$STATE/portico.conf")
MAX=${MAX:-10}
db -e "DELETE FROM users WHERE email IN ('$U', '$G'); DELETE FROM signin_throttle"
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES
	('$U', 'Guard User', 'active', 'customer', '$SEC', 1),
	('$G', 'Guard Agent', 'active', 'agent', '$GSEC', 1)"
uid=$(db -e "SELECT id FROM users WHERE email = '$U'")
db -e "INSERT INTO recovery_codes (user_id, hash) VALUES ($uid, UNHEX(SHA2('$RC', 256)))"
GPW=$PW
for who in "$U" "$G"; do
	echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$who" >/dev/null
done
code() { oathtool --totp -b "$1"; }
# A code that is not one of the three the server accepts now.
wrong() {
	local c w
	c=$(code "$1")
	w=$(printf '%06d' $(( (10#$c + 500000) % 1000000 )))
	echo "$w"
}
# Each step is accepted once; the tests sign in more often than every 30 s.
fresh() { db -e "UPDATE users SET totp_last_step = 0 WHERE email = '$1'"; }
q() { db -e "SELECT $1 FROM users WHERE email = '$U'"; }
audits() { db -e "SELECT COUNT(*) FROM audit_log WHERE user_id = $uid AND event = '$1'"; }

# --- Wrong codes are counted on their own, across password sign-ins.
half=$((MAX / 2))
S=$T/s1
signin "$S" "$U" "$PW"
check "the password leads to the code step" header_has Location /signin/2fa
for i in $(seq 1 $half); do
	FORM_PAGE=/signin/2fa post "$S" /signin/2fa "code=$(wrong "$SEC")"
done
check "a wrong code: 400" status_is 400
S=$T/s2
signin "$S" "$U" "$PW"
check "the right password again leads to the code step" header_has Location /signin/2fa
check "... and does not reset the count of wrong codes" test "$(q totp_failures)" = "$half"
for i in $(seq $((half + 1)) "$MAX"); do
	FORM_PAGE=/signin/2fa post "$S" /signin/2fa "code=$(wrong "$SEC")"
done
check "after $MAX wrong codes the second factor is locked" test "$(q 'totp_locked_until > NOW()')" = 1
check "... and audited" test "$(audits 2fa-locked)" = 1
m=$(mail_to "$U")
check "... and the user is mailed, with the way to unlock" \
	bash -c "grep -q 'is locked' '$m' && grep -q '$URL/reset' '$m'"
S=$T/s3
signin "$S" "$U" "$PW"
fresh "$U"
FORM_PAGE=/signin/2fa post "$S" /signin/2fa "code=$(code "$SEC")"
check "locked: even the right code is refused" status_is 429
check "... with a message saying so" body_has 'two-factor sign-in is locked'
FORM_PAGE=/signin/2fa post "$S" /signin/2fa "code=$RC"
check "locked: a recovery code is refused too" status_is 429
check "... and not spent" test "$(db -e "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $uid AND used_at IS NULL")" = 1
http GET /account -b "$S"
check "... and the session stays half signed in" header_has Location /signin

# --- The lock ends after totp_lock_minutes (moved into the past here).
db -e "UPDATE users SET totp_locked_until = NOW() - INTERVAL 1 SECOND WHERE id = $uid"
fresh "$U"
FORM_PAGE=/signin/2fa post "$S" /signin/2fa "code=$(code "$SEC")"
check "once the lock has run out, the right code signs in" header_has Location /account
check "... and a right code clears the count" test "$(q totp_failures)" = 0
post "$S" /signout

# --- Guesses sent at once cannot pass the limit.
S=$T/s4
signin "$S" "$U" "$PW"
tok=$(form_token "$S" /signin/2fa)
before=$(audits 2fa-failed)
for i in $(seq 1 $((MAX + 6))); do
	curl -s -o /dev/null -b "$S" -H "Origin: $URL" --data-urlencode "csrf=$tok" \
		--data-urlencode "code=$(wrong "$SEC")" "$URL/signin/2fa" &
done
wait
check "$((MAX + 6)) guesses at once: only $MAX are checked" \
	test "$(( $(audits 2fa-failed) - before ))" = "$MAX"
check "... and the second factor is locked" test "$(q 'totp_locked_until > NOW()')" = 1

# --- A password reset by mail lifts the lock (the second factor is still asked).
R=$T/reset
FORM_PAGE=/reset post "$R" /reset "email=$U"
link=$(link_in "$(mail_to "$U")" /reset/confirm)
tk=${link##*token=}
FORM_PAGE="/reset/confirm?token=$tk" post "$R" /reset/confirm "token=$tk" "new_password=$PW-new"
check "a password reset by mail" header_has Location '/signin\?done=reset'
check "... lifts the lock" test "$(q "CONCAT(totp_failures, ':', totp_locked_until IS NULL)")" = "0:1"
check "... audited" test "$(audits 2fa-unlocked)" = 1
PW=$PW-new
S=$T/s5
signin "$S" "$U" "$PW"
check "after the reset the password leads to the code step still" header_has Location /signin/2fa
fresh "$U"
FORM_PAGE=/signin/2fa post "$S" /signin/2fa "code=$(code "$SEC")"
check "... and the right code signs in" header_has Location /account

# --- Moving to a new authenticator while 2FA is on.
O=$T/other
signin "$O" "$U" "$PW"
fresh "$U"
FORM_PAGE=/signin/2fa post "$O" /signin/2fa "code=$(code "$SEC")"
check "a second session" header_has Location /account
http GET /account/2fa -b "$S"
check "the 2FA page offers a move to a new app, asking for a code" \
	bash -c "grep -q 'form-2fa-replace' '$T/body' && grep -q 'id=\"f-2fa-replace-code\"' '$T/body'"
FORM_PAGE=/account/2fa post "$S" /account/2fa/start "current_password=$PW"
check "a new setup without a current code: 400" status_is 400
check "... asking for the code" body_has 'That code is not right'
check "... and 2FA stays on with its secret" \
	test "$(q "CONCAT(totp_enabled, ':', totp_secret, ':', totp_pending IS NULL)")" = "1:$SEC:1"
FORM_PAGE=/account/2fa post "$S" /account/2fa/start "current_password=$PW" "code=$(wrong "$SEC")"
check "a wrong current code: 400" status_is 400
check "... counted as a second-factor failure" test "$(q totp_failures)" = 1
fresh "$U"
FORM_PAGE=/account/2fa post "$S" /account/2fa/start "current_password=$PW" "code=$(code "$SEC")"
check "password and current code: on to the setup" header_has Location /account/2fa/setup
check "... 2FA still on with the old secret, the new one pending" \
	test "$(q "CONCAT(totp_enabled, ':', totp_secret, ':', totp_pending IS NOT NULL)")" = "1:$SEC:1"
check "... audited" test "$(audits 2fa-replace-started)" = 1
http GET /account/2fa/setup -b "$S"
new=$(grep -o '<code id="totp-secret">[A-Z2-7]*' "$T/body" | sed 's/.*>//')
check "the setup shows a new secret" bash -c "test ${#new} = 32 && test '$new' != '$SEC'"
check "... and says the current app keeps working" body_has 'keep working until you confirm'
S2=$T/s6
signin "$S2" "$U" "$PW"
fresh "$U"
FORM_PAGE=/signin/2fa post "$S2" /signin/2fa "code=$(code "$SEC")"
check "until confirmed, the old secret still signs in" header_has Location /account
check "... and the old recovery code is still good" \
	test "$(db -e "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $uid AND hash = UNHEX(SHA2('$RC', 256)) AND used_at IS NULL")" = 1
FORM_PAGE=/account/2fa/setup post "$S" /account/2fa/confirm "code=$(wrong "$new")"
check "a wrong code from the new app: 400, nothing replaced" \
	bash -c "test $STATUS = 400 && test \"\$(mariadb --defaults-extra-file='$STATE/my.cnf' -N -e \"SELECT totp_secret FROM users WHERE id = $uid\")\" = '$SEC'"
FORM_PAGE=/account/2fa/setup post "$S" /account/2fa/confirm "code=$(code "$new")"
check "the new app's code confirms it" body_has 'Your recovery codes'
check "... the new secret is the active one" \
	test "$(q "CONCAT(totp_enabled, ':', totp_secret, ':', totp_pending IS NULL)")" = "1:$new:1"
check "... the old recovery codes are void" \
	test "$(db -e "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $uid AND hash = UNHEX(SHA2('$RC', 256))")" = 0
check "... ten new ones" test "$(db -e "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $uid AND used_at IS NULL")" = 10
check "... audited" test "$(audits 2fa-replaced)" = 1
http GET /account -b "$O"
check "... other sessions are ended" header_has Location /signin
http GET /account -b "$S"
check "... this one goes on" status_is 200
S3=$T/s7
signin "$S3" "$U" "$PW"
fresh "$U"
FORM_PAGE=/signin/2fa post "$S3" /signin/2fa "code=$(code "$SEC")"
check "the old secret no longer signs in" status_is 400
FORM_PAGE=/signin/2fa post "$S3" /signin/2fa "code=$(code "$new")"
check "the new one does" header_has Location /account

# --- Half signed in (password only), a pending secret cannot be confirmed.
db -e "UPDATE users SET totp_pending = '$SEC' WHERE id = $uid"
H=$T/half
signin "$H" "$U" "$PW"
http GET /signin/2fa/setup -b "$H"
check "past the password only, no setup page" header_has Location /signin/2fa
fresh "$U"
FORM_PAGE=/signin/2fa post "$H" /signin/2fa/setup "code=$(code "$SEC")"
check "... and no confirming a pending secret" \
	test "$(q "CONCAT(totp_secret, ':', totp_pending)")" = "$new:$SEC"

# --- Turning it off needs a current code too: else off, then on with a
# new app, would replace the app with the password alone.
db -e "UPDATE users SET totp_pending = NULL WHERE id = $uid"
S=$T/s8
signin "$S" "$U" "$PW"
fresh "$U"
FORM_PAGE=/signin/2fa post "$S" /signin/2fa "code=$(code "$new")"
http GET /account/2fa -b "$S"
check "the turn-off form asks for a code" body_has 'id="f-2fa-disable-code"'
FORM_PAGE=/account/2fa post "$S" /account/2fa/disable "current_password=$PW"
check "turning it off with the password alone: 400" status_is 400
check "... asking for the code" body_has 'That code is not right'
check "... and 2FA stays on with its secret" \
	test "$(q "CONCAT(totp_enabled, ':', totp_secret)")" = "1:$new"
before=$(q totp_failures)
FORM_PAGE=/account/2fa post "$S" /account/2fa/disable "current_password=$PW" "code=$(wrong "$new")"
check "a wrong code: 400, counted as a second-factor failure" \
	bash -c "test $STATUS = 400 && test $(q totp_failures) = $((before + 1))"
FORM_PAGE=/account/2fa post "$S" /account/2fa/start "current_password=$PW"
check "... and no new app without a code either" status_is 400
fresh "$U"
FORM_PAGE=/account/2fa post "$S" /account/2fa/disable "current_password=$PW" "code=$(code "$new")"
check "password and current code turn it off" header_has Location '/account/2fa\?done=2fa-disabled'
check "... off" test "$(q totp_enabled)" = 0

# --- Staff cannot be left without a second factor.
A=$T/agent
signin "$A" "$G" "$GPW"
fresh "$G"
FORM_PAGE=/signin/2fa post "$A" /signin/2fa "code=$(code "$GSEC")"
FORM_PAGE=/account/2fa post "$A" /account/2fa/start "current_password=$GPW"
check "staff: a new setup without a code is refused" status_is 400
check "... and 2FA stays on" \
	test "$(db -e "SELECT CONCAT(totp_enabled, ':', totp_secret) FROM users WHERE email = '$G'")" = "1:$GSEC"

db -e "DELETE FROM users WHERE email IN ('$U', '$G'); DELETE FROM signin_throttle"
done_testing
