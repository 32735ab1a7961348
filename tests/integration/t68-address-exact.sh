#!/usr/bin/env bash
# An e-mail address names one mailbox: an address that differs from a
# user's only by an accent (another domain, another mailbox) is not that
# user's.  The reset link, and every mail about a user, goes to the
# address the user has, never to the one typed.
. "$(dirname "$0")/../lib.sh"
PW=lookalike-password-2026
U=lookalike@aurora.example
L=lookalike@auror$(printf '\xc3\xa1').example	# "á": another domain
db -e "DELETE FROM users WHERE email LIKE 'lookalike@%'; DELETE FROM signin_throttle"
db -e "INSERT INTO users (email, name, status, portal_role) VALUES ('$U', 'Lookalike', 'active', 'customer')"
echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$U" >/dev/null
uid=$(db -e "SELECT id FROM users WHERE email = '$U'")
resets() { db -e "SELECT COUNT(*) FROM tokens WHERE user_id = $uid AND purpose = 'reset'"; }
mails() { db -e "SELECT COUNT(*) FROM mail_queue WHERE to_addr LIKE 'lookalike@%'"; }
own() { db -e "SELECT COUNT(*) FROM mail_queue WHERE HEX(to_addr) = HEX('$U')"; }

m0=$(mails) o0=$(own)
FORM_PAGE=/reset post "$T/a" /reset "email=$L"
check "a reset for a look-alike address: the usual answer" header_has Location /reset/sent
check "... no reset token for the user" test "$(resets)" = 0
check "... and no mail to anyone" test "$(mails)" = "$m0"
FORM_PAGE=/reset post "$T/b" /reset "email=$U"
check "a reset for the address itself: a token" test "$(resets)" = 1
check "... mailed to the user's own address" \
	test "$(own):$(mails)" = "$((o0 + 1)):$((m0 + 1))"

signin "$T/c" "$L" "$PW"
check "the right password with a look-alike address does not sign in" \
	bash -c "test $STATUS = 200 && ! grep -qi '^Location: /account' '$T/headers'"

FORM_PAGE=/register post "$T/d" /register "name=Other Person" "company=Other" \
	"email=$L" "password=$PW-2"
check "registering the look-alike address" header_has Location /register/sent
check "... makes a user of its own, leaving the first one as it was" \
	test "$(db -e "SELECT COUNT(*) FROM users WHERE email LIKE 'lookalike@%'"):$(db -e "SELECT CONCAT(status, ':', name) FROM users WHERE id = $uid")" = "2:active:Lookalike"

db -e "DELETE FROM users WHERE email LIKE 'lookalike@%'; DELETE FROM signin_throttle"
done_testing
