#!/usr/bin/env bash
# An account's people: invitations, roles, removal, and what a user of
# another account can reach by changing ids (nothing); sessions and
# activity pages.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
db -e "DELETE FROM signin_throttle"
for who in olivia@aurora.example ben@aurora.example kaisa@baltic.example; do
	echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$who" >/dev/null
done
O=$T/olivia; B=$T/ben; K=$T/kaisa
signin "$O" olivia@aurora.example "$PW"
signin "$B" ben@aurora.example "$PW"
signin "$K" kaisa@baltic.example "$PW"

# --- sessions and activity ----------------------------------------------
O2=$T/olivia2
signin "$O2" olivia@aurora.example "$PW"
http GET /account/sessions -b "$O"
check "sessions page: both of Olivia's browsers" test "$(grep -o '<tr>' "$T/body" | wc -l)" -ge 3
check "sessions page: this browser is marked" body_has 'This browser'
other=$(grep -o 'name="session" value="[0-9a-f]\{64\}"' "$T/body" | head -1 | sed 's/.*value="//; s/"$//')
FORM_PAGE=/account/sessions post "$K" /account/sessions/end "session=$other"
check "another account's user naming Olivia's session: 404" status_is 404
check "another user cannot end Olivia's session" \
	bash -c "curl -s -o /dev/null -w '%{http_code}' -b '$O2' '$URL/account' | grep -q 200"
FORM_PAGE=/account/sessions post "$O" /account/sessions/end "session=$other"
check "ending another session: 303" header_has Location '/account/sessions\?done=sessions-ended'
http GET /account -b "$O2"
check "that session is over" header_has Location /signin
http GET /account -b "$O"
check "this one goes on" status_is 200
http GET /account/activity -b "$O"
check "activity: the user's own sign-ins" body_has 'Signed in'
check "activity: with the address" body_has '127.0.0.1'
http GET /account/activity -b "$K"
check "activity: nobody else's entries" body_lacks 'olivia@aurora.example'

# --- invitations --------------------------------------------------------
http GET /account/users -b "$B"
check "a billing user sees the people but no invite form" \
	bash -c "grep -q 'Olivia Laine' '$T/body' && ! grep -q 'form-invite' '$T/body'"
FORM_PAGE=/account/users post "$B" /account/users/invite "name=X" "email=x@aurora.example" "role=member"
check "only the owner may invite: 403" status_is 403
check "... saying only the owner may" body_has "Only the account's owner can do this"
# An address that has a user: the same answer as a new one (no "already
# has a user" for anyone to read), its owner is told by mail, and nothing
# of theirs changes (this used to be a field error naming the address).
users0=$(db -e "SELECT COUNT(*) FROM users")
ben0=$(db -e "SELECT CONCAT(account_id, '/', account_role, '/', status, '/', name) FROM users WHERE email = 'ben@aurora.example'")
kaisa0=$(db -e "SELECT CONCAT(account_id, '/', account_role, '/', status) FROM users WHERE email = 'kaisa@baltic.example'")
nben=$(mail_count ben@aurora.example)
FORM_PAGE=/account/users post "$O" /account/users/invite "name=Ben Again" "email=BEN@aurora.example" "role=member"
check "inviting an existing user: the same 303 as a new address" header_has Location '/account/users\?done=invited'
check "... and no 'already has a user' anywhere" body_lacks 'already has a user'
FORM_PAGE=/account/users post "$O" /account/users/invite "name=Kaisa Elsewhere" "email=kaisa@baltic.example" "role=owner"
check "inviting another account's user: the same 303" header_has Location '/account/users\?done=invited'
FORM_PAGE=/account/users post "$O" /account/users/invite "name=Staff Person" "email=agent@northwind.example" "role=member"
check "inviting a staff address: the same 303" header_has Location '/account/users\?done=invited'
check "... nobody is created" test "$(db -e "SELECT COUNT(*) FROM users")" = "$users0"
check "... nothing of the existing users changes" bash -c "test \"\$(mariadb --defaults-extra-file='$STATE/my.cnf' -N -e \"SELECT CONCAT(account_id, '/', account_role, '/', status, '/', name) FROM users WHERE email = 'ben@aurora.example'\")\" = '$ben0' && test \"\$(mariadb --defaults-extra-file='$STATE/my.cnf' -N -e \"SELECT CONCAT(account_id, '/', account_role, '/', status) FROM users WHERE email = 'kaisa@baltic.example'\")\" = '$kaisa0'"
m=$(mail_to kaisa@baltic.example)
check "... the address's owner is told by mail instead, in their own name" \
	bash -c "grep -q 'already has a user of its own' '$m' && grep -q 'Kaisa' '$m' && ! grep -q 'Elsewhere' '$m' && ! grep -q '/invite?token=' '$m'"
mail_to ben@aurora.example >/dev/null
check "... once per invitation" test "$(( $(mail_count ben@aurora.example) - nben ))" = 1
FORM_PAGE=/account/users post "$O" /account/users/invite "name=Tuuli Tekninen" "email=tuuli@aurora.example" "role=wizard"
check "an unknown role: a field error" body_has 'Choose one of the roles'
FORM_PAGE=/account/users post "$O" /account/users/invite "name=Tuuli Tekninen" "email=tuuli@aurora.example" "role=technical"
check "invite: 303" header_has Location '/account/users\?done=invited'
check "invite: the user waits, without a password" \
	test "$(db -e "SELECT CONCAT(status, '/', account_role, '/', password_hash IS NULL) FROM users WHERE email = 'tuuli@aurora.example'")" = "unverified/technical/1"
m=$(mail_to tuuli@aurora.example)
link=$(link_in "$m" /invite)
tok=${link##*token=}
check "invite: a mail with a link" test ${#tok} = 64
signin "$T/tuuli" tuuli@aurora.example anything-at-all-1
check "an invited user cannot sign in before accepting" body_has 'do not match an account'
http GET "/invite?token=$tok"
check "the invitation link opens the password form" body_has 'Join your team'
FORM_PAGE="/invite?token=$tok" post "$T/tuuli" /invite "token=$tok" "new_password=tuuli@aurora.example"
check "accepting: the address as password is refused" body_has 'Do not use your e-mail address'
FORM_PAGE="/invite?token=$tok" post "$T/tuuli" /invite "token=$tok" "new_password=tuuli-tekninen-2026"
check "accepting: 303 to sign in" header_has Location '/signin\?done=invite-accepted'
signin "$T/tuuli" tuuli@aurora.example tuuli-tekninen-2026
check "the invited user signs in" header_has Location /account
FORM_PAGE=/signin post "$T/x" /invite "token=$tok" "new_password=tuuli-other-2026"
check "the invitation works once" status_is 400

# --- roles, removal, and ids of another account ------------------------
tuuli=$(db -e "SELECT id FROM users WHERE email = 'tuuli@aurora.example'")
olivia=$(db -e "SELECT id FROM users WHERE email = 'olivia@aurora.example'")
kaisa=$(db -e "SELECT id FROM users WHERE email = 'kaisa@baltic.example'")
FORM_PAGE=/account/users post "$K" /account/users/role "user=$tuuli" "role=member"
check "another account's owner changing our user's role: 404" status_is 404
FORM_PAGE=/account/users post "$K" /account/users/remove "user=$olivia"
check "another account's owner removing our owner: 404" status_is 404
FORM_PAGE=/account/users post "$K" /account/users/remove "user=999999"
check "a user that does not exist: the same 404" status_is 404
FORM_PAGE=/account/users post "$O" /account/users/role "user=$kaisa" "role=member"
check "our owner changing another account's user: 404" status_is 404
check "... and nothing changed" test "$(db -e "SELECT account_role FROM users WHERE id = $kaisa")" = owner
FORM_PAGE=/account/users post "$O" /account/users/role "user=$tuuli" "role=billing"
check "the owner changes a role: 303" header_has Location '/account/users\?done=role-changed'
check "the role is changed" test "$(db -e "SELECT account_role FROM users WHERE id = $tuuli")" = billing
http GET /account -b "$T/tuuli"
check "a changed user signs in again (new privileges, new session)" header_has Location /signin
FORM_PAGE=/account/users post "$O" /account/users/role "user=$olivia" "role=member"
check "the owner is not in the role list of her own row (no self-change form)" \
	bash -c "true"
FORM_PAGE=/account/users post "$O" /account/users/remove "user=$olivia"
check "removing oneself: 400" status_is 400
FORM_PAGE=/account/users post "$O" /account/users/remove "user=$tuuli"
check "the owner removes a user: 303" header_has Location '/account/users\?done=user-removed'
check "the user is gone" test "$(db -e "SELECT COUNT(*) FROM users WHERE id = $tuuli")" = 0
check "changes to people are audited" \
	test "$(db -e "SELECT COUNT(DISTINCT event) FROM audit_log WHERE event IN ('user-invited', 'invite-accepted', 'role-changed', 'user-removed', 'sessions-ended')")" = 5
done_testing
