#!/usr/bin/env bash
# Changing one's e-mail address: the current password, a link to the new
# address, a notice to the old one; the change voids tokens and ends the
# user's other sessions.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
db -e "DELETE FROM signin_throttle; UPDATE users SET email = 'ben@aurora.example' WHERE email LIKE 'ben.new%@aurora.example'"
echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password ben@aurora.example >/dev/null
NEW=ben.new-$$@aurora.example
B=$T/ben; B2=$T/ben2
signin "$B" ben@aurora.example "$PW"
signin "$B2" ben@aurora.example "$PW"
FORM_PAGE=/account/profile post "$B" /account/email "new_email=$NEW" "current_password=wrong-password-9"
check "changing the address asks for the current password" \
	bash -c "test $STATUS = 400 && grep -q 'current password is not right' '$T/body'"
# An address another user has: answered exactly as a free one (this used
# to be a field error saying the address has a user); its owner is told
# by mail, without a link, and nothing changes.
nben=$(mail_count ben@aurora.example)
FORM_PAGE=/account/profile post "$B" /account/email "new_email=olivia@aurora.example" "current_password=$PW"
check "an address another user has: the same 303 as a free one" header_has Location '/account/profile\?done=email-sent'
check "... no 'already has a user' for the asker" body_lacks 'already has a user'
m=$(mail_to olivia@aurora.example)
check "... the address's owner is told, with no link to take it" \
	bash -c "grep -q 'already has a user of its own' '$m' && grep -q 'Olivia' '$m' && ! grep -q 'email/confirm' '$m'"
mail_to ben@aurora.example >/dev/null
check "... and the asker's own address gets the usual notice" \
	test "$(( $(mail_count ben@aurora.example) - nben ))" = 1
check "... no token to move Ben to Olivia's address" \
	test "$(db -e "SELECT COUNT(*) FROM tokens WHERE new_email = 'olivia@aurora.example'")" = 0
check "... and both addresses stay as they were" \
	test "$(db -e "SELECT COUNT(*) FROM users WHERE email IN ('olivia@aurora.example', 'ben@aurora.example')")" = 2
FORM_PAGE=/account/profile post "$B" /account/email "new_email=not-an-address" "current_password=$PW"
check "a malformed address: refused" body_has 'such as name@example.com'
FORM_PAGE=/reset post "$T/anon" /reset "email=ben@aurora.example"
old_reset=$(link_in "$(mail_to ben@aurora.example)" /reset/confirm)
FORM_PAGE=/account/profile post "$B" /account/email "new_email=$NEW" "current_password=$PW"
check "asked: 303 with a notice" header_has Location '/account/profile\?done=email-sent'
check "nothing changes before the link is opened" \
	test "$(db -e "SELECT COUNT(*) FROM users WHERE email = 'ben@aurora.example'")" = 1
check "the old address is told" grep -q 'about to change' "$(mail_to ben@aurora.example)"
link=$(link_in "$(mail_to "$NEW")" /account/email/confirm)
tok=${link##*token=}
check "the new address gets the link" test ${#tok} = 64
http GET "/account/email/confirm?token=$tok"
check "opened signed out: to sign in, and back with the link's token" \
	header_has Location "/signin\\?next=/account/email/confirm%3Ftoken%3D$tok"
signin "$T/olivia" olivia@aurora.example "$PW"
http GET "/account/email/confirm?token=$tok" -b "$T/olivia"
check "someone else's session cannot use the link" status_is 400
http GET "/account/email/confirm?token=$tok" -b "$B"
check "the link opens a confirmation page" body_has 'Use this address'
FORM_PAGE="/account/email/confirm?token=$tok" post "$B" /account/email/confirm "token=$tok"
check "confirmed: 303 with a notice" header_has Location '/account/profile\?done=email-changed'
check "the address is changed" test "$(db -e "SELECT COUNT(*) FROM users WHERE email = '$NEW'")" = 1
http GET /account -b "$B2"
check "the user's other sessions end" header_has Location /signin
http GET "${old_reset#$URL}"
check "tokens from before the change are void" status_is 400
signin "$T/ben3" "$NEW" "$PW"
check "sign-in works with the new address" header_has Location /account
check "the change is audited with the old address" \
	test "$(db -e "SELECT COUNT(*) FROM audit_log WHERE event = 'email-changed' AND detail = 'ben@aurora.example -> $NEW'")" = 1
db -e "UPDATE users SET email = 'ben@aurora.example' WHERE email = '$NEW'"
done_testing
