#!/usr/bin/env bash
# Staff pages: finding users and accounts, suspending and reactivating,
# portal roles (admins only), segments, and the audit log with filters.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
ASEC=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
GSEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
db -e "DELETE FROM signin_throttle; DELETE FROM users WHERE email IN ('t-admin@northwind.example', 't-agent@northwind.example'); DELETE FROM segments WHERE name = 'Finland (test)'"
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES
	('t-admin@northwind.example', 'Tarja Admin', 'active', 'admin', '$ASEC', 1),
	('t-agent@northwind.example', 'Taneli Agent', 'active', 'agent', '$GSEC', 1)"
for who in t-admin@northwind.example t-agent@northwind.example; do
	echo "staff-password-2026" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$who" >/dev/null
done
for who in olivia@aurora.example kaisa@baltic.example; do
	echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$who" >/dev/null
done
staff_signin() {	# JAR EMAIL SECRET
	signin "$1" "$2" staff-password-2026
	FORM_PAGE=/signin/2fa post "$1" /signin/2fa "code=$(oathtool --totp -b "$3")"
}
A=$T/admin; G=$T/agent; O=$T/olivia; K=$T/kaisa
staff_signin "$A" t-admin@northwind.example "$ASEC"
check "an admin signs in with two factors" header_has Location /account
staff_signin "$G" t-agent@northwind.example "$GSEC"
check "an agent signs in with two factors" header_has Location /account
signin "$O" olivia@aurora.example "$PW"
signin "$K" kaisa@baltic.example "$PW"
kaisa=$(db -e "SELECT id FROM users WHERE email = 'kaisa@baltic.example'")
baltic=$(db -e "SELECT id FROM accounts WHERE number = 'NW-100002'")

http GET /staff/users -b "$O"
check "a customer has no staff pages: 403" status_is 403
http GET /account -b "$G"
check "staff see a link to the staff pages" body_has 'href="/staff/users"'
http GET '/staff/users?q=aurora.example' -b "$G"
check "an agent finds users by address" bash -c "grep -q 'olivia@aurora.example' '$T/body' && grep -q 'ben@aurora.example' '$T/body' && ! grep -q 'kaisa@' '$T/body'"
check "an agent gets no portal-role form" body_lacks 'form-portal-role'
http GET "/staff/users?q=$(printf '%%27%%22%%3Cb%%3E')" -b "$G"
check "a search with quotes and markup is only text" \
	bash -c "test $STATUS = 200 && grep -q 'value=\"&#39;&quot;&lt;b&gt;\"\\|value=\"'\"'\"'&quot;&lt;b&gt;\"' '$T/body'"
FORM_PAGE=/staff/users post "$G" /staff/users/status "user=$kaisa" "status=suspended"
check "an agent suspends a user: 303" header_has Location '/staff/users\?done=user-status'
http GET /account -b "$K"
check "the suspended user's session ends at once" header_has Location /signin
signin "$T/k2" kaisa@baltic.example "$PW"
check "the suspended user cannot sign in" body_has 'This account is suspended'
FORM_PAGE=/staff/users post "$G" /staff/users/status "user=$kaisa" "status=active"
signin "$K" kaisa@baltic.example "$PW"
check "reactivated, the user signs in again" header_has Location /account
agent_id=$(db -e "SELECT id FROM users WHERE email = 't-agent@northwind.example'")
FORM_PAGE=/staff/users post "$G" /staff/users/status "user=$agent_id" "status=suspended"
check "staff cannot suspend themselves" status_is 400
FORM_PAGE=/staff/users post "$G" /staff/users/role "user=$kaisa" "portal_role=admin"
check "an agent cannot change portal roles: 403" status_is 403
for p in /staff/segments /staff/audit; do
	http GET "$p" -b "$G"
	check "an agent cannot open $p: 403" status_is 403
done
FORM_PAGE=/staff/users post "$A" /staff/users/role "user=$kaisa" "portal_role=agent"
check "an admin changes a portal role" \
	test "$(db -e "SELECT portal_role FROM users WHERE id = $kaisa")" = agent
http GET /account -b "$K"
check "a portal role change ends that user's sessions" header_has Location /signin
FORM_PAGE=/staff/users post "$A" /staff/users/role "user=$kaisa" "portal_role=customer"
FORM_PAGE=/staff/users post "$A" /staff/users/role "user=$kaisa" "portal_role=emperor"
check "an unknown portal role: 400" status_is 400

signin "$K" kaisa@baltic.example "$PW"
FORM_PAGE=/staff/accounts post "$G" /staff/accounts/status "account=$baltic" "status=suspended"
check "an agent suspends an account" \
	test "$(db -e "SELECT status FROM accounts WHERE id = $baltic")" = suspended
http GET /account -b "$K"
check "the account's users are signed out at once" header_has Location /signin
FORM_PAGE=/staff/accounts post "$G" /staff/accounts/status "account=$baltic" "status=active"
http GET '/staff/accounts?q=NW-10000' -b "$G"
check "accounts by number, with their user counts" bash -c "grep -q 'Aurora Web Oy' '$T/body' && grep -q 'Baltic Bytes' '$T/body'"

FORM_PAGE=/staff/segments post "$A" /staff/segments "segment_name=Finland (test)" "kind=region"
check "an admin adds a segment" header_has Location '/staff/segments\?done=segment-added'
FORM_PAGE=/staff/segments post "$A" /staff/segments "segment_name=Finland (test)" "kind=region"
check "a second segment of that name: a field error" body_has 'segment of that name already'
FORM_PAGE=/staff/segments post "$A" /staff/segments "segment_name=" "kind=region"
check "an empty segment name: a field error" body_has 'at most 100 characters'
seg=$(db -e "SELECT id FROM segments WHERE name = 'Finland (test)'")
aurora=$(db -e "SELECT id FROM accounts WHERE number = 'NW-100001'")
FORM_PAGE=/staff/accounts post "$A" /staff/accounts/segment "account=$aurora" "segment=$seg" "change=add"
http GET '/staff/accounts?q=Aurora' -b "$A"
check "an account is put in a segment" body_has 'Finland (test)'
FORM_PAGE=/staff/accounts post "$A" /staff/accounts/segment "account=$aurora" "segment=$seg" "change=remove"
check "... and taken out" test "$(db -e "SELECT COUNT(*) FROM account_segments WHERE segment_id = $seg")" = 0
FORM_PAGE=/staff/users post "$A" /staff/users/segment "user=$kaisa" "segment=$seg" "change=add"
http GET '/staff/users?q=kaisa' -b "$A"
check "a user is put in a segment" body_has 'Finland (test)'
FORM_PAGE=/staff/users post "$G" /staff/users/segment "user=$kaisa" "segment=$seg" "change=remove"
check "an agent cannot change segments: 403" status_is 403
FORM_PAGE=/staff/users post "$A" /staff/users/segment "user=$kaisa" "segment=$seg" "change=remove"
check "... and the admin takes the user out" test "$(db -e "SELECT COUNT(*) FROM user_segments WHERE segment_id = $seg")" = 0

NEWOWNER=owner-$$-$RANDOM@example.net
FORM_PAGE=/staff/accounts post "$G" /staff/accounts/new "company=" "name=Oona Owner" "email=$NEWOWNER"
check "a new account without a company name: a field error" \
	bash -c "test $STATUS = 400 && grep -q 'company or personal name' '$T/body'"
FORM_PAGE=/staff/accounts post "$G" /staff/accounts/new "company=Oona Oy" "name=Oona Owner" "email=olivia@aurora.example"
check "a new account for a taken address: a field error" body_has 'already has a user'
FORM_PAGE=/staff/accounts post "$G" /staff/accounts/new "company=Oona Oy" "name=Oona Owner" "email=$NEWOWNER"
check "staff create an account: 303" header_has Location '/staff/accounts\?done=account-created'
check "... with a number and an invited owner" \
	test "$(db -e "SELECT CONCAT(LEFT(a.number, 3), u.account_role, '/', u.status) FROM users u JOIN accounts a ON a.id = u.account_id WHERE u.email = '$NEWOWNER'")" = "NW-owner/unverified"
link=$(link_in "$(mail_to "$NEWOWNER")" /invite)
check "... who gets an invitation to choose a password" test -n "$link"

http GET '/staff/audit?event=user-suspended' -b "$A"
check "audit log filtered by event" bash -c "grep -q 'kaisa@baltic.example' '$T/body' && grep -q 't-agent@northwind.example' '$T/body' && ! grep -q '>Signed in<' '$T/body'"
http GET '/staff/audit?email=olivia@aurora.example' -b "$A"
check "audit log filtered by user" bash -c "grep -q 'olivia@aurora.example' '$T/body' && ! grep -q '>kaisa@baltic.example<' '$T/body'"
today=$(date -u +%F)
http GET "/staff/audit?from=$today&to=$today&event=segment-added" -b "$A"
check "audit log filtered by dates" body_has 'Finland (test)'
http GET '/staff/audit?from=yesterday' -b "$A"
check "a malformed date: 400" status_is 400
FORM_PAGE=/staff/segments post "$A" /staff/segments/delete "segment=$seg"
check "an admin deletes a segment" test "$(db -e "SELECT COUNT(*) FROM segments WHERE id = $seg")" = 0
db -e "DELETE FROM users WHERE email IN ('t-admin@northwind.example', 't-agent@northwind.example'); DELETE FROM signin_throttle"
done_testing
