#!/usr/bin/env bash
# Who may use the staff ticket pages (anonymous visitors are sent to sign
# in, customers get 403 on every route, agents get 403 on the admin
# pages of departments and service levels); the admin pages themselves
# (a calendar checked by sla_parse, due times computed again after an
# edit); and the reports (median and 90th percentile from the tickets,
# per department and week, with SVG charts and tables).
. "$(dirname "$0")/../lib.sh"
PW=t222-password-2026
ASEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
GSEC=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
SEED=("$ROOT/tests/integration/ticket_seed" -c "$STATE/portico.conf")

cleanup() {
	db -e "DELETE t FROM tickets t JOIN accounts a ON a.id = t.account_id WHERE a.number = 'T222-0001'"
	db -e "DELETE FROM sla_policies WHERE name LIKE 't222 %'"
	db -e "DELETE FROM department_names WHERE department_id IN (SELECT id FROM departments WHERE slug LIKE 't222-%')"
	db -e "DELETE FROM departments WHERE slug LIKE 't222-%'"
	db -e "DELETE FROM signin_throttle"
	db -e "DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email LIKE 't222-%'"
	db -e "DELETE FROM users WHERE email LIKE 't222-%'"
	db -e "DELETE FROM accounts WHERE number = 'T222-0001'"
	db -e "DELETE FROM segments WHERE name = 't222 Premium'"
}
cleanup
trap '[ -n "${KEEP:-}" ] || cleanup; rm -rf "$T"' EXIT
db -e "INSERT INTO accounts (number, name) VALUES ('T222-0001', 'Admin Test Oy')"
acct=$(db -e "SELECT id FROM accounts WHERE number = 'T222-0001'")
db -e "INSERT INTO users (email, name, status, portal_role, account_id, account_role) VALUES
	('t222-owner@t222.example', 'Olli Owner', 'active', 'customer', $acct, 'owner')"
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES
	('t222-admin@northwind.example', 'Anni Admin', 'active', 'admin', '$ASEC', 1),
	('t222-agent@northwind.example', 'Aku Agent', 'active', 'agent', '$GSEC', 1)"
for who in t222-owner@t222.example t222-admin@northwind.example t222-agent@northwind.example; do
	echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$who" >/dev/null
done
db -e "INSERT INTO departments (slug, position, calendar) VALUES ('t222-desk', 92, 'zone UTC\nalways')"
desk=$(db -e "SELECT id FROM departments WHERE slug = 't222-desk'")
db -e "INSERT INTO department_names (department_id, lang, name) VALUES ($desk, 'en', 'Report Desk')"
ref=$("${SEED[@]}" open t222-owner@t222.example t222-desk normal "Calendar test" "Body." | awk '{print $2}')
check "a ticket of the test's department" test -n "$ref"

staff_signin() {	# JAR EMAIL SECRET
	signin "$1" "$2" "$PW"
	FORM_PAGE=/signin/2fa post "$1" /signin/2fa "code=$(oathtool --totp -b "$3")"
}
A=$T/admin; G=$T/agent; O=$T/owner
staff_signin "$A" t222-admin@northwind.example "$ASEC"
staff_signin "$G" t222-agent@northwind.example "$GSEC"
signin "$O" t222-owner@t222.example "$PW"

# ---- who may ------------------------------------------------------------------
GETS="/staff/tickets /staff/tickets/reports /staff/tickets/canned /staff/tickets/departments /staff/tickets/policies /staff/tickets/$ref"
POSTS="/staff/tickets/canned /staff/tickets/canned/delete /staff/tickets/departments /staff/tickets/policies /staff/tickets/$ref/reply /staff/tickets/$ref/assign /staff/tickets/$ref/department /staff/tickets/$ref/priority /staff/tickets/$ref/status /staff/tickets/$ref/merge"
for p in $GETS; do
	http GET "$p"
	check "anonymous GET $p: sent to sign in" bash -c "test $STATUS = 303 && grep -qi '^Location: /signin?next=' '$T/headers'"
	http GET "$p" -b "$O"
	check "a customer's GET $p: 403" status_is 403
done
tok=$(form_token "$O" /account)
for p in $POSTS; do
	http POST "$p" -H "Origin: $URL" --data-urlencode "csrf=$tok" --data "assignee=me&status=closed&body=x&into=$ref&id=1"
	check "anonymous POST $p: 403" status_is 403
	http POST "$p" -b "$O" -H "Origin: $URL" --data-urlencode "csrf=$tok" --data "assignee=me&status=closed&body=x&into=$ref&id=1"
	check "a customer's POST $p: 403" status_is 403
done
check "... and the ticket is as it was" test "$(db -e "SELECT CONCAT(status, COALESCE(assignee_id, '-')) FROM tickets WHERE ref = '$ref'")" = "new-"
for p in /staff/tickets/departments /staff/tickets/policies; do
	http GET "$p" -b "$G"
	check "an agent's GET $p: 403" status_is 403
	tok=$(form_token "$G" /staff/tickets)
	http POST "$p" -b "$G" -H "Origin: $URL" --data-urlencode "csrf=$tok" --data "id=$desk&slug=t222-desk&position=1&name_en=X&calendar=zone%20UTC%0Aalways"
	check "an agent's POST $p: 403" status_is 403
done
http GET /staff/tickets -b "$G"
check "an agent is not offered the admin pages" body_lacks 'href="/staff/tickets/departments"'
http GET /staff/tickets -b "$A"
check "an admin is" body_has 'href="/staff/tickets/departments"'

# ---- departments ----------------------------------------------------------------
due() { db -e "SELECT UNIX_TIMESTAMP(first_response_due) FROM tickets WHERE ref = '$ref'"; }
before=$(due)
FORM_PAGE=/staff/tickets/departments post "$A" /staff/tickets/departments "id=$desk" "slug=t222-desk" \
	"position=92" "name_en=Report Desk" "calendar=zone UTC
mon-fri 09:00-17:00
sun 25:00-26:00" "account_roles=" "notify_addr="
check "a calendar sla_parse refuses: 400" status_is 400
check "... the form says which line and why" bash -c "grep -q 'The business hours are not valid' '$T/body' && grep -q 'line 3' '$T/body'"
check "... and keeps what was typed" body_has 'sun 25:00-26:00'
check "... the department is as it was" test "$(db -e "SELECT calendar FROM departments WHERE id = $desk")" = 'zone UTC\nalways'
FORM_PAGE=/staff/tickets/departments post "$A" /staff/tickets/departments "id=$desk" "slug=t222-desk" \
	"position=92" "name_en=Report Desk" "calendar=zone UTC" "account_roles=owner,emperor"
check "an account role that does not exist: 400" status_is 400
FORM_PAGE=/staff/tickets/departments post "$A" /staff/tickets/departments "id=$desk" "slug=t222-desk" \
	"position=92" "name_en=Report Desk" "name_fi=Raporttipiste" "calendar=zone Asia/Tehran
sat-wed 08:00-16:00
holiday 2031-03-21" "account_roles=billing,technical" "notify_addr=desk@northwind.example"
check "a good calendar is saved: 303" header_has Location '/staff/tickets/departments\?done=department-saved'
check "... with its names and roles" test "$(db -e "SELECT CONCAT(d.account_roles, ' ', n.name) FROM departments d JOIN department_names n ON n.department_id = d.id AND n.lang = 'fi' WHERE d.id = $desk")" = "billing,technical Raporttipiste"
after=$(due)
check "... and the open ticket's due time is computed again ($before -> $after)" \
	bash -c "[ -n '$after' ] && [ '$after' != '$before' ]"
check "... in the new calendar's hours (08:00-16:00 Tehran)" \
	test "$(db -e "SELECT HOUR(CONVERT_TZ(first_response_due, '+00:00', '+03:30')) BETWEEN 8 AND 16 FROM tickets WHERE ref = '$ref'")" = 1
FORM_PAGE=/staff/tickets/departments post "$A" /staff/tickets/departments "id=0" "slug=t222-new" \
	"position=93" "name_en=Brand New" "calendar=zone Europe/Helsinki
mon-fri 08:00-16:00"
check "a new department: 303" header_has Location '/staff/tickets/departments\?done=department-saved'
check "... it exists with its name" test "$(db -e "SELECT n.name FROM departments d JOIN department_names n ON n.department_id = d.id WHERE d.slug = 't222-new' AND n.lang = 'en'")" = "Brand New"
FORM_PAGE=/staff/tickets/departments post "$A" /staff/tickets/departments "id=0" "slug=t222-new" \
	"position=93" "name_en=Again" "calendar=zone UTC"
check "a short name already taken: 400" bash -c "test $STATUS = 400 && grep -q 'field has-error' '$T/body'"

# ---- policies ---------------------------------------------------------------------
db -e "INSERT INTO segments (name, kind) VALUES ('t222 Premium', 'customer-type')"
seg=$(db -e "SELECT id FROM segments WHERE name = 't222 Premium'")
db -e "INSERT INTO account_segments (account_id, segment_id) VALUES ($acct, $seg)"
FORM_PAGE=/staff/tickets/policies post "$A" /staff/tickets/policies "id=0" "name=t222 Premium" \
	"segment=$seg" "priority=normal" "first_response=60" "resolution=480" "warn_percent=75" \
	"may_choose=yes" "escalate=raise,notify"
check "a policy for a segment: 303" header_has Location '/staff/tickets/policies\?done=policy-saved'
pol=$(db -e "SELECT id FROM sla_policies WHERE name = 't222 Premium'")
check "... stored as sent" test "$(db -e "SELECT CONCAT_WS(' ', segment_id, priority, first_response_min, resolution_min, warn_percent, may_choose_priority, escalate) FROM sla_policies WHERE id = $pol")" = "$seg normal 60 480 75 1 raise,notify"
FORM_PAGE=/staff/tickets/policies post "$A" /staff/tickets/policies "id=0" "name=t222 Premium again" \
	"segment=$seg" "priority=normal" "first_response=30" "resolution=480" "warn_percent=75" \
	"may_choose=no" "escalate=notify"
check "a second one for the same segment and priority: 400" bash -c "test $STATUS = 400 && grep -q 'already has a service level' '$T/body'"
FORM_PAGE=/staff/tickets/policies post "$A" /staff/tickets/policies "id=$pol" "name=t222 Premium" \
	"segment=$seg" "priority=normal" "first_response=-5" "resolution=480" "warn_percent=75" \
	"may_choose=no" "escalate=notify"
check "a negative target: 400" status_is 400
FORM_PAGE=/staff/tickets/policies post "$A" /staff/tickets/policies "id=$pol" "name=t222 Premium" \
	"segment=$seg" "priority=normal" "first_response=60" "resolution=480" "warn_percent=75" \
	"may_choose=yes" "escalate=raise,notify"
check "saved again unchanged: 303" header_has Location '/staff/tickets/policies\?done=policy-saved'
FORM_PAGE=/staff/tickets/policies post "$A" /staff/tickets/policies "id=999999" "name=t222 Nowhere" \
	"segment=0" "priority=low" "first_response=60" "resolution=480" "warn_percent=75" \
	"may_choose=no" "escalate=notify"
check "a policy that is not there: 404, not saved" bash -c "test $STATUS = 404 && test \"\$(mariadb --defaults-extra-file='$STATE/my.cnf' -N -e \"SELECT COUNT(*) FROM sla_policies WHERE name = 't222 Nowhere'\")\" = 0"
ref2=$("${SEED[@]}" open t222-owner@t222.example t222-desk normal "Premium ticket" "Body." | awk '{print $2}')
check "a new ticket of the segment's account gets the policy" \
	test "$(db -e "SELECT policy_id FROM tickets WHERE ref = '$ref2'")" = "$pol"
due2() { db -e "SELECT TIMESTAMPDIFF(MINUTE, created_at, first_response_due) FROM tickets WHERE ref = '$ref2'"; }
b2=$(due2)
FORM_PAGE=/staff/tickets/policies post "$A" /staff/tickets/policies "id=$pol" "name=t222 Premium" \
	"segment=$seg" "priority=normal" "first_response=240" "resolution=960" "warn_percent=75" \
	"may_choose=no" "escalate=none"
check "the policy's target changed: 303" header_has Location '/staff/tickets/policies'
check "... its open ticket's due time moved with it ($b2 -> $(due2) business minutes later)" \
	bash -c "test '$(due2)' -gt '$b2'"
check "... escalation none is stored empty" test "$(db -e "SELECT escalate FROM sla_policies WHERE id = $pol")" = ""

# ---- reports ------------------------------------------------------------------------
# Three tickets answered after 60, 120 and 600 minutes: median 120 (2 h),
# 90th percentile 120 + 0.8 * 480 = 504 minutes (8.4 h); one of them past
# its first-response target.
for m in 60 120 600; do
	r=$("${SEED[@]}" open t222-owner@t222.example t222-desk normal "Report $m" "Body." | awk '{print $2}')
	db -e "UPDATE tickets SET first_response_at = created_at + INTERVAL $m MINUTE,
		resolved_at = created_at + INTERVAL ($m * 2) MINUTE,
		first_response_due = created_at + INTERVAL 130 MINUTE,
		resolution_due = created_at + INTERVAL 10000 MINUTE, rating = IF($m = 60, 5, IF($m = 120, 4, NULL))
		WHERE ref = '$r'"
done
db -e "DELETE FROM tickets WHERE ref IN ('$ref', '$ref2')"
http GET "/staff/tickets/reports?department=$desk&weeks=2" -b "$G"
check "the reports: 200" status_is 200
row=$(tr -d '\n' <"$T/body" | grep -o '<tr><th scope="row">[0-9-]*</th><td>Report Desk</td>.*' | sed 's|</tr>.*||')
check "the department's week: 3 tickets" bash -c "echo '$row' | grep -q '<td>3</td>'"
check "... first response median 2 h, 90th percentile 8.4 h" bash -c "echo '$row' | grep -q '<td>2 h</td><td>8.4 h</td>'"
check "... resolution median 4 h, 90th percentile 16.8 h" bash -c "echo '$row' | grep -q '<td>4 h</td><td>16.8 h</td>'"
check "... one of three past its target: 33 %" bash -c "echo '$row' | grep -q '<td>33 %</td>'"
check "... satisfaction 4.5" bash -c "echo '$row' | grep -q '<td>4.5'"
check "each measure has a chart" test "$(grep -o '<svg viewBox="0 0 320 140"' "$T/body" | wc -l)" = 6
check "... hidden from screen readers, with a table beside it" \
	bash -c "grep -q 'aria-hidden=\"true\" focusable=\"false\" class=\"chart\"' '$T/body' && test \$(grep -o '<figure class=\"report-chart\"' '$T/body' | wc -l) = 6"
# Last week's numbers come from the derived rows, which portico-admin
# ticket-reports computes: the same tickets, moved a week back.
db -e "UPDATE tickets t JOIN departments d ON d.id = t.department_id SET t.created_at = t.created_at - INTERVAL 7 DAY,
	t.first_response_at = t.first_response_at - INTERVAL 7 DAY, t.resolved_at = t.resolved_at - INTERVAL 7 DAY,
	t.first_response_due = t.first_response_due - INTERVAL 7 DAY, t.resolution_due = t.resolution_due - INTERVAL 7 DAY
	WHERE d.slug = 't222-desk'"
week=$(db -e "SELECT DATE_FORMAT(CURDATE() - INTERVAL WEEKDAY(CURDATE()) DAY - INTERVAL 1 WEEK, '%Y-%m-%d')")
http GET "/staff/tickets/reports?department=$desk&weeks=2" -b "$G"
check "before ticket-reports runs, last week is not shown" body_lacks "<th scope=\"row\">$week</th><td>Report Desk</td>"
out=$("$ROOT/portico-admin" -c "$STATE/portico.conf" ticket-reports 2)
check "portico-admin ticket-reports derives the past weeks" bash -c "echo '$out' | grep -q 'rows for the 2 weeks before this one'"
check "... the department's row of last week" \
	test "$(db -e "SELECT CONCAT_WS(' ', tickets, first_median, first_p90, breached) FROM ticket_report_weeks WHERE week = '$week' AND department_id = $desk")" = "3 120 504 1"
http GET "/staff/tickets/reports?department=$desk&weeks=2" -b "$G"
row=$(tr -d '\n' <"$T/body" | grep -o "<tr><th scope=\"row\">$week</th><td>Report Desk</td>.*" | sed 's|</tr>.*||')
check "the page shows last week from the derived rows: 2 h, 8.4 h, 33 %" \
	bash -c "echo '$row' | grep -q '<td>3</td><td>2 h</td><td>8.4 h</td><td>4 h</td><td>16.8 h</td><td>33 %</td>'"
check "... and says when they were computed" body_has 'Past weeks as computed'
db -e "DELETE FROM ticket_report_weeks WHERE department_id = $desk"
http GET "/staff/tickets/reports?weeks=99" -b "$G"
check "more weeks than a year: 400" status_is 400

done_testing
