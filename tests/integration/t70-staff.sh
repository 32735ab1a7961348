#!/usr/bin/env bash
# Staff pages: finding users and accounts, suspending and reactivating,
# portal roles (admins only), segments, and the audit log with filters.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
ASEC=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
GSEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
db -e "DELETE FROM signin_throttle; DELETE FROM users WHERE email IN ('t-admin@northwind.example', 't-agent@northwind.example', 't-admin2@northwind.example', 't-agent2@northwind.example'); DELETE FROM segments WHERE name = 'Finland (test)'"
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
check "an admin signs in with two factors, to the staff home" header_has Location /staff
staff_signin "$G" t-agent@northwind.example "$GSEC"
check "an agent signs in with two factors, to the staff home" header_has Location /staff
signin "$O" olivia@aurora.example "$PW"
signin "$K" kaisa@baltic.example "$PW"
kaisa=$(db -e "SELECT id FROM users WHERE email = 'kaisa@baltic.example'")
baltic=$(db -e "SELECT id FROM accounts WHERE number = 'NW-100002'")

http GET /staff/users -b "$O"
check "a customer has no staff pages: 403" status_is 403
http GET /account -b "$G"
check "staff see a link to the staff pages" body_has 'href="/staff"'
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
http GET '/staff/audit?from=2026-13-45&to=0000-00-00' -b "$A"
check "a date that does not exist: 400" status_is 400
http GET '/staff/audit?from=&to=' -b "$A"
check "empty dates (the form's blank fields): the whole log, 200" status_is 200
http GET '/staff/search?from=2026-02-30' -b "$A"
check "search analytics from 30 February: 400" status_is 400
FORM_PAGE=/staff/segments post "$A" /staff/segments/delete "segment=$seg"
check "an admin deletes a segment" test "$(db -e "SELECT COUNT(*) FROM segments WHERE id = $seg")" = 0

# --- The staff hierarchy: staff act only on users of a lower portal role
# (admins on everyone), and the portal always keeps an active admin.
A2SEC=MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK
G2SEC=KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU
db -e "DELETE FROM users WHERE email IN ('t-admin2@northwind.example', 't-agent2@northwind.example')"
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES
	('t-admin2@northwind.example', 'Toivo Admin', 'active', 'admin', '$A2SEC', 1),
	('t-agent2@northwind.example', 'Tuuli Agent', 'active', 'agent', '$G2SEC', 1)"
for who in t-admin2@northwind.example t-agent2@northwind.example; do
	echo "staff-password-2026" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$who" >/dev/null
done
fresh() { db -e "UPDATE users SET totp_last_step = 0 WHERE email LIKE 't-%@northwind.example'"; }
uid() { db -e "SELECT id FROM users WHERE email = '$1'"; }
role_status() { db -e "SELECT CONCAT(portal_role, '/', status) FROM users WHERE email = '$1'"; }
admin_id=$(uid t-admin@northwind.example); admin2_id=$(uid t-admin2@northwind.example)
agent2_id=$(uid t-agent2@northwind.example)
A2=$T/admin2
fresh
staff_signin "$A2" t-admin2@northwind.example "$A2SEC"
FORM_PAGE=/staff/users post "$G" /staff/users/status "user=$admin_id" "status=suspended"
check "an agent cannot suspend an admin: 403" status_is 403
check "... says why" body_has 'lower portal role'
check "... the admin stays active" test "$(role_status t-admin@northwind.example)" = admin/active
http GET /account -b "$A"
check "... and keeps the session" status_is 200
FORM_PAGE=/staff/users post "$G" /staff/users/status "user=$agent2_id" "status=suspended"
check "an agent cannot suspend another agent: 403" status_is 403
db -e "UPDATE users SET status = 'suspended' WHERE id = $admin2_id"
FORM_PAGE=/staff/users post "$G" /staff/users/status "user=$admin2_id" "status=active"
check "an agent cannot reactivate an admin" test "$(role_status t-admin2@northwind.example)" = admin/suspended
db -e "UPDATE users SET status = 'active' WHERE id = $admin2_id"
http GET '/staff/users?q=t-a' -b "$G"
check "an agent gets no forms for staff" body_lacks 'name="user" value="'"$admin_id"'"'
http GET '/staff/users?q=t-agent2' -b "$A"
check "an admin gets them" body_has 'name="user" value="'"$agent2_id"'"'
FORM_PAGE=/staff/users post "$A" /staff/users/status "user=$agent2_id" "status=suspended"
check "an admin suspends an agent" test "$(role_status t-agent2@northwind.example)" = agent/suspended
FORM_PAGE=/staff/users post "$A" /staff/users/status "user=$agent2_id" "status=active"

# An account with a staff user in it ranks as that user.
db -e "UPDATE users SET account_id = $baltic, account_role = 'member' WHERE id = $agent2_id"
FORM_PAGE=/staff/accounts post "$G" /staff/accounts/status "account=$baltic" "status=suspended"
check "an agent cannot suspend an account with a staff user: 403" \
	bash -c "test $STATUS = 403 && test \"\$(mariadb --defaults-extra-file='$STATE/my.cnf' -N -e 'SELECT status FROM accounts WHERE id = $baltic')\" = active"
http GET '/staff/accounts?q=Baltic' -b "$G"
check "... nor gets the form" body_lacks 'id="form-suspend"'
signin "$K" kaisa@baltic.example "$PW"
tok=$(form_token "$K" /account/users)
http POST /account/users/remove -b "$K" -H "Origin: $URL" --data-urlencode "csrf=$tok" --data-urlencode "user=$agent2_id"
check "an account owner cannot remove a staff user from it: 404" status_is 404
check "... who is still there" test "$(role_status t-agent2@northwind.example)" = agent/active
db -e "UPDATE users SET account_id = NULL, account_role = NULL WHERE id = $agent2_id"

# A locked second factor: staff below the user's rank unlock it.
db -e "UPDATE users SET totp_failures = 10, totp_locked_until = NOW() + INTERVAL 1 HOUR WHERE id IN ($kaisa, $admin2_id)"
http GET '/staff/users?q=kaisa' -b "$G"
check "a locked second factor shows, with an unlock form" \
	bash -c "grep -q 'two-factor sign-in locked' '$T/body' && grep -q 'form-unlock-2fa' '$T/body'"
unlocks=$(db -e "SELECT COUNT(*) FROM audit_log WHERE user_id = $kaisa AND event = '2fa-unlocked'")
FORM_PAGE=/staff/users post "$G" /staff/users/unlock-2fa "user=$kaisa"
check "an agent unlocks a customer's second factor" header_has Location '/staff/users\?done=2fa-unlocked'
check "... lifted and audited" \
	test "$(db -e "SELECT CONCAT(u.totp_failures, ':', u.totp_locked_until IS NULL, ':', COUNT(l.id)) FROM users u JOIN audit_log l ON l.user_id = u.id AND l.event = '2fa-unlocked' WHERE u.id = $kaisa GROUP BY u.id")" = "0:1:$((unlocks + 1))"
FORM_PAGE=/staff/users post "$G" /staff/users/unlock-2fa "user=$admin2_id"
check "... but not an admin's: 403" \
	bash -c "test $STATUS = 403 && test \"\$(mariadb --defaults-extra-file='$STATE/my.cnf' -N -e 'SELECT totp_locked_until > NOW() FROM users WHERE id = $admin2_id')\" = 1"
db -e "UPDATE users SET totp_failures = 0, totp_locked_until = NULL WHERE id = $admin2_id"

# The last active admin.  Only the two test admins are active admins here.
others=$(db -e "SELECT GROUP_CONCAT(id) FROM users WHERE portal_role = 'admin' AND status = 'active' AND email NOT IN ('t-admin@northwind.example', 't-admin2@northwind.example')")
[ "$others" = NULL ] && others=
[ -n "$others" ] && db -e "UPDATE users SET status = 'suspended' WHERE id IN ($others)"
db -e "UPDATE users SET account_id = $baltic, account_role = 'member' WHERE id IN ($admin_id, $admin2_id)"
FORM_PAGE=/staff/accounts post "$A" /staff/accounts/status "account=$baltic" "status=suspended"
check "suspending the account of every active admin: 403" status_is 403
check "... says why" body_has 'needs an active administrator'
check "... the account stays active" test "$(db -e "SELECT status FROM accounts WHERE id = $baltic")" = active
db -e "UPDATE users SET account_id = NULL, account_role = NULL WHERE id IN ($admin_id, $admin2_id)"
# Two admins demote each other at once: one of them stays admin.
ta=$(form_token "$A" /staff/users); tb=$(form_token "$A2" /staff/users)
curl -s -o /dev/null -b "$A" -H "Origin: $URL" --data-urlencode "csrf=$ta" \
	--data-urlencode "user=$admin2_id" --data-urlencode "portal_role=agent" "$URL/staff/users/role" &
curl -s -o /dev/null -b "$A2" -H "Origin: $URL" --data-urlencode "csrf=$tb" \
	--data-urlencode "user=$admin_id" --data-urlencode "portal_role=agent" "$URL/staff/users/role" &
wait
check "two admins demoting each other at once leave one admin" \
	test "$(db -e "SELECT COUNT(*) FROM users WHERE portal_role = 'admin' AND status = 'active'")" = 1
db -e "UPDATE users SET portal_role = 'admin' WHERE id IN ($admin_id, $admin2_id)"
[ -n "$others" ] && db -e "UPDATE users SET status = 'active' WHERE id IN ($others)"

db -e "DELETE FROM users WHERE email IN ('t-admin@northwind.example', 't-agent@northwind.example', 't-admin2@northwind.example', 't-agent2@northwind.example'); DELETE FROM signin_throttle"
done_testing
