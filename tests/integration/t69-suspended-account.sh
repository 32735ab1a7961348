#!/usr/bin/env bash
# The users of a suspended account are suspended: the right password
# gets the "suspended" answer and no session, and a reset mails no link,
# as for a suspended user.
. "$(dirname "$0")/../lib.sh"
PW=suspended-account-2026
U=suspended-member@baltic.example
db -e "DELETE FROM users WHERE email = '$U'; DELETE FROM signin_throttle"
db -e "INSERT INTO accounts (number, name) VALUES ('T-SUSP-1', 'Suspended Oy')
	ON DUPLICATE KEY UPDATE status = 'active'"
acc=$(db -e "SELECT id FROM accounts WHERE number = 'T-SUSP-1'")
db -e "INSERT INTO users (email, name, status, portal_role, account_id, account_role)
	VALUES ('$U', 'Suspended Member', 'active', 'customer', $acc, 'owner')"
echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$U" >/dev/null
uid=$(db -e "SELECT id FROM users WHERE email = '$U'")
sessions() { db -e "SELECT COUNT(*) FROM sessions WHERE user_id = $uid"; }

signin "$T/a" "$U" "$PW"
check "while the account is active, the password signs in" header_has Location /account
db -e "UPDATE accounts SET status = 'suspended' WHERE id = $acc"
s0=$(sessions)
signin "$T/b" "$U" "$PW"
check "its account suspended, the right password does not sign in" \
	bash -c "test $STATUS = 200 && ! grep -qi '^Location:' '$T/headers'"
check "... says the account is suspended" body_has 'suspended'
check "... and makes no session" test "$(sessions)" = "$s0"
FORM_PAGE=/reset post "$T/c" /reset "email=$U"
check "a reset answers as usual" header_has Location /reset/sent
check "... but makes no reset link" \
	test "$(db -e "SELECT COUNT(*) FROM tokens WHERE user_id = $uid AND purpose = 'reset'")" = 0
db -e "UPDATE accounts SET status = 'active' WHERE id = $acc"
signin "$T/d" "$U" "$PW"
check "reactivated, the password signs in again" header_has Location /account

db -e "DELETE FROM users WHERE email = '$U'; DELETE FROM accounts WHERE id = $acc; DELETE FROM signin_throttle"
done_testing
