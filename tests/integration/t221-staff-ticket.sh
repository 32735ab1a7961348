#!/usr/bin/env bash
# One ticket for staff (/staff/tickets/REF): the thread with internal
# notes marked, which never reach the customer (their page, its XML, the
# search, the notices outbox that mails them); two agents replying at
# once (exactly one saved, the other's text kept and shown again with
# the new reply); claim, assign, department, priority, status; merge;
# canned replies with their placeholders filled, with and without the
# script.
. "$(dirname "$0")/../lib.sh"
PW=t221-password-2026
ASEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
BSEC=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
SEED=("$ROOT/tests/integration/ticket_seed" -c "$STATE/portico.conf")

cleanup() {
	db -e "DELETE t FROM tickets t JOIN accounts a ON a.id = t.account_id WHERE a.number LIKE 'T221-%'"
	db -e "DELETE FROM canned_replies WHERE title LIKE 't221 %'"
	db -e "DELETE FROM signin_throttle"
	db -e "DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email LIKE 't221-%'"
	db -e "DELETE FROM users WHERE email LIKE 't221-%'"
	db -e "DELETE FROM accounts WHERE number LIKE 'T221-%'"
}
cleanup
trap '[ -n "${KEEP:-}" ] || cleanup; rm -rf "$T"' EXIT
db -e "INSERT INTO accounts (number, name) VALUES ('T221-0001', 'Thread Test Oy'), ('T221-0002', 'Other Account Ab')"
acct=$(db -e "SELECT id FROM accounts WHERE number = 'T221-0001'")
other=$(db -e "SELECT id FROM accounts WHERE number = 'T221-0002'")
db -e "INSERT INTO users (email, name, status, portal_role, account_id, account_role) VALUES
	('t221-owner@t221.example', 'Outi Owner', 'active', 'customer', $acct, 'owner'),
	('t221-biller@t221.example', 'Bea Biller', 'active', 'customer', $acct, 'billing'),
	('t221-other@t221.example', 'Otto Other', 'active', 'customer', $other, 'owner')"
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES
	('t221-agent@northwind.example', 'Aino Agent', 'active', 'agent', '$ASEC', 1),
	('t221-bgent@northwind.example', 'Bertta Agent', 'active', 'agent', '$BSEC', 1)"
for who in t221-owner@t221.example t221-agent@northwind.example t221-bgent@northwind.example; do
	echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$who" >/dev/null
done
owner=$(db -e "SELECT id FROM users WHERE email = 't221-owner@t221.example'")
bgent=$(db -e "SELECT id FROM users WHERE email = 't221-bgent@northwind.example'")
open() {	# EMAIL SUBJECT
	"${SEED[@]}" open "$1" technical normal "$2" "The body of $2." | awk '{print $2}'
}
r1=$(open t221-owner@t221.example "Backups failing")
r2=$(open t221-owner@t221.example "Backups failing again")
r3=$(open t221-other@t221.example "Another account's ticket")
staff_signin() {	# JAR EMAIL SECRET
	signin "$1" "$2" "$PW"
	FORM_PAGE=/signin/2fa post "$1" /signin/2fa "code=$(oathtool --totp -b "$3")"
}
A=$T/a; B=$T/b; O=$T/owner
staff_signin "$A" t221-agent@northwind.example "$ASEC"
# Not the same 30-second code twice: the second agent waits for the next.
sleep_to_next_code() { sleep $((31 - $(date +%s) % 30)); }
sleep_to_next_code
staff_signin "$B" t221-bgent@northwind.example "$BSEC"
signin "$O" t221-owner@t221.example "$PW"

# ---- the page ---------------------------------------------------------------
http GET "/staff/tickets/$r1" -b "$A"
check "the ticket's page: 200" status_is 200
check "... with the customer's message" body_has "The body of Backups failing."
check "... the customer and the account" bash -c "grep -q 'Outi Owner' '$T/body' && grep -q 'Thread Test Oy' '$T/body' && grep -q 'T221-0001' '$T/body'"
check "... the first-response due time" body_has 'First response due'
# Its change form's choices are words of the catalog, not stored values
# (a second template for the same selects once left them raw or empty).
check "... statuses in words" body_matches '<option value="waiting"( selected="selected")?>Waiting on the customer</option>'
check "... no one to assign named" body_matches '<option value="0"( selected="selected")?>Nobody</option>'
check "... no empty choice" bash -c "! grep -q '<option value=\"[^\"]*\"\( selected=\"selected\"\)\?></option>' '$T/body'"
http GET /staff/tickets/T-22222222 -b "$A"
check "a reference no ticket has: 404" status_is 404
http GET /staff/tickets/not-a-ref -b "$A"
check "a malformed reference: 404" status_is 404

# ---- internal note ----------------------------------------------------------
last() { db -e "SELECT last_message_id FROM tickets WHERE ref = '$1'"; }
notices_before=$(db -e "SELECT COUNT(*) FROM ticket_notices n JOIN tickets t ON t.id = n.ticket_id WHERE t.ref = '$r1'")
# Without a kind: refused, not taken as a public reply that mails.
FORM_PAGE=/staff/tickets/$r1 post "$A" "/staff/tickets/$r1/reply" \
	"expect_last=$(last "$r1")" "body=KINDLESS-t221 meant as a note"
check "a reply without its kind (reply or note): 400" status_is 400
check "... nothing stored" test "$(db -e "SELECT COUNT(*) FROM ticket_messages WHERE body LIKE 'KINDLESS-t221%'")" = 0
FORM_PAGE=/staff/tickets/$r1 post "$A" "/staff/tickets/$r1/reply" "kind=note" \
	"expect_last=$(last "$r1")" "body=SECRET-NOTE-t221 the customer must not read this"
check "an internal note: 303 back to the ticket" header_has Location "/staff/tickets/$r1\\?done=staff-noted"
check "... stored as internal" \
	test "$(db -e "SELECT internal FROM ticket_messages WHERE body LIKE 'SECRET-NOTE-t221%'")" = 1
check "... and nothing queued to mail for it" \
	test "$(db -e "SELECT COUNT(*) FROM ticket_notices n JOIN tickets t ON t.id = n.ticket_id WHERE t.ref = '$r1'")" = "$notices_before"
http GET "/staff/tickets/$r1" -b "$A"
check "staff see the note, marked internal" bash -c "grep -q 'SECRET-NOTE-t221' '$T/body' && grep -q 'message-internal' '$T/body' && grep -q 'Internal note' '$T/body'"
if grep -q '"/tickets/\*"' "$ROOT/src/route.c"; then
	http GET "/tickets/$r1" -b "$O"
	check "the customer's page of the ticket: 200" status_is 200
	check "... without the internal note" body_lacks 'SECRET-NOTE-t221'
	http GET "/tickets/$r1?format=xml" -b "$O"
	check "... nor in its XML" body_lacks 'SECRET-NOTE-t221'
	# The search page shows the query itself: the note must not be a
	# hit (a link to the ticket, a snippet of its other words).
	http GET "/search?q=SECRET-NOTE-t221" -b "$O"
	check "... nor in the customer's search" \
		bash -c "test $STATUS = 200 && ! grep -q 'must not read this' '$T/body' && ! grep -q 'href=\"/tickets/$r1' '$T/body'"
	http GET "/search?q=backups" -b "$O"
	check "... whose own ticket the search finds, without the note" \
		bash -c "grep -q 'href=\"/tickets/$r1' '$T/body' && ! grep -q 'must not read this' '$T/body'"
	http GET "/tickets?format=xml" -b "$O"
	check "... nor in the customer's list" body_lacks 'SECRET-NOTE-t221'
else
	echo "ok - # SKIP the customer's ticket pages are not in this tree"
fi
check "the customer cannot open the staff page of their ticket: 403" \
	bash -c "curl -s -o /dev/null -w '%{http_code}' -b '$O' '$URL/staff/tickets/$r1' | grep -qx 403"

# ---- two agents at once -----------------------------------------------------
seen=$(last "$r1")
FORM_PAGE=/staff/tickets/$r1 post "$A" "/staff/tickets/$r1/reply" "kind=reply" \
	"expect_last=$seen" "body=Reply from Aino: restart the backup agent."
check "the first agent's reply: 303" header_has Location "/staff/tickets/$r1"
FORM_PAGE=/staff/tickets/$r1 post "$B" "/staff/tickets/$r1/reply" "kind=reply" \
	"expect_last=$seen" "body=Reply from Bertta: check the disk."
check "the second, with the same last message seen: 409, not saved" status_is 409
check "... it says a reply was just added" body_has 'A reply was just added'
check "... shows that reply, marked" bash -c "grep -q 'Reply from Aino' '$T/body' && grep -q 'Just added' '$T/body'"
check "... and keeps the text typed" body_has 'Reply from Bertta: check the disk.'
check "exactly one reply saved" \
	test "$(db -e "SELECT COUNT(*) FROM ticket_messages WHERE body LIKE 'Reply from %'")" = 1
again=$(grep -o 'name="expect_last" value="[0-9]*"' "$T/body" | grep -o '[0-9]*')
check "... the form shown again expects the new last message" test "$again" = "$(last "$r1")"
FORM_PAGE=/staff/tickets/$r1 post "$B" "/staff/tickets/$r1/reply" "kind=reply" \
	"expect_last=$again" "body=Reply from Bertta: check the disk."
check "sent again after reading: 303" header_has Location "/staff/tickets/$r1"
check "... nothing lost: both replies saved" \
	test "$(db -e "SELECT COUNT(*) FROM ticket_messages WHERE body LIKE 'Reply from %'")" = 2
# One agent's double click: the second send finds its own reply, saved.
seen=$(last "$r1")
tok=$(form_token "$A" "/staff/tickets/$r1")
for i in 1 2; do
	curl -s -o /dev/null -D "$T/dbl.$i" -b "$A" -H "Origin: $URL" --data-urlencode "csrf=$tok" \
		--data-urlencode kind=reply --data-urlencode "expect_last=$seen" \
		--data-urlencode "body=Double click from Aino." "$URL/staff/tickets/$r1/reply" &
done
wait
check "an agent's reply sent twice at once: saved once" \
	test "$(db -e "SELECT COUNT(*) FROM ticket_messages WHERE body = 'Double click from Aino.'")" = 1
check "... both sends answered 303 to the ticket" \
	test "$(cat "$T"/dbl.1 "$T"/dbl.2 | grep -c "^Location: .*/staff/tickets/$r1?done=staff-replied")" = 2
FORM_PAGE=/staff/tickets/$r1 post "$B" "/staff/tickets/$r1/reply" "kind=reply" \
	"expect_last=$seen" "body=Double click from Aino."
check "... the same words from another agent who had not seen it: 409" status_is 409
FORM_PAGE=/staff/tickets/$r1 post "$A" "/staff/tickets/$r1/reply" "kind=reply" \
	"expect_last=$(last "$r1")" "body=   "
check "an empty reply: 400, the form says so" bash -c "test $STATUS = 400 && grep -q 'field has-error' '$T/body'"

# ---- changes ------------------------------------------------------------------
FORM_PAGE=/staff/tickets/$r1 post "$A" "/staff/tickets/$r1/assign" "assignee=$bgent"
check "assign to another agent" test "$(db -e "SELECT assignee_id FROM tickets WHERE ref = '$r1'")" = "$bgent"
FORM_PAGE=/staff/tickets/$r1 post "$A" "/staff/tickets/$r1/assign" "assignee=$owner"
check "a customer cannot be assigned: 409" status_is 409
FORM_PAGE=/staff/tickets/$r1 post "$A" "/staff/tickets/$r1/assign" "assignee=0"
check "unassign" test "$(db -e "SELECT COALESCE(assignee_id, 0) FROM tickets WHERE ref = '$r1'")" = 0
billing=$(db -e "SELECT id FROM departments WHERE slug = 'billing'")
FORM_PAGE=/staff/tickets/$r1 post "$A" "/staff/tickets/$r1/department" "department=$billing"
check "move to another department" test "$(db -e "SELECT department_id FROM tickets WHERE ref = '$r1'")" = "$billing"
FORM_PAGE=/staff/tickets/$r1 post "$A" "/staff/tickets/$r1/department" "department=9999"
check "a department that does not exist: 409" status_is 409
FORM_PAGE=/staff/tickets/$r1 post "$A" "/staff/tickets/$r1/priority" "priority=urgent"
check "raise the priority" test "$(db -e "SELECT priority FROM tickets WHERE ref = '$r1'")" = urgent
FORM_PAGE=/staff/tickets/$r1 post "$A" "/staff/tickets/$r1/priority" "priority=extreme"
check "an unknown priority: 400" status_is 400
FORM_PAGE=/staff/tickets/$r1 post "$A" "/staff/tickets/$r1/status" "status=resolved"
check "resolve" test "$(db -e "SELECT status FROM tickets WHERE ref = '$r1'")" = resolved
http GET "/staff/tickets/$r1" -b "$A"
check "the history lists the changes" bash -c "grep -q 'Priority: normal → urgent' '$T/body' && grep -q 'Department changed' '$T/body' && grep -q 'Assignment changed' '$T/body'"

# ---- merge --------------------------------------------------------------------
FORM_PAGE=/staff/tickets/$r2 post "$A" "/staff/tickets/$r2/merge" "into=$r3"
check "merging into another account's ticket: 409, the form says why" \
	bash -c "test $STATUS = 409 && grep -q 'Only an open ticket of the same account' '$T/body'"
FORM_PAGE=/staff/tickets/$r2 post "$A" "/staff/tickets/$r2/merge" "into=$r2"
check "into itself: 400" bash -c "test $STATUS = 400 && grep -q 'cannot be merged into itself' '$T/body'"
FORM_PAGE=/staff/tickets/$r2 post "$A" "/staff/tickets/$r2/merge" "into=T-22222222"
check "into a reference no ticket has: 400" bash -c "test $STATUS = 400 && grep -q 'no ticket with this reference' '$T/body'"
FORM_PAGE=/staff/tickets/$r2 post "$A" "/staff/tickets/$r2/merge" "into=nonsense"
check "into nonsense: 400, the typed text kept" bash -c "test $STATUS = 400 && grep -q 'value=\"nonsense\"' '$T/body'"
# r1 is in Billing now, which the account's billing member reads; r2,
# in Technical, is not theirs to read: merged, its messages would be.
FORM_PAGE=/staff/tickets/$r2 post "$A" "/staff/tickets/$r2/merge" "into=$r1"
check "merging a Technical ticket into a Billing one the billing member reads: 409, the form says why" \
	bash -c "test $STATUS = 409 && grep -q 'read messages their role does not show them' '$T/body'"
check "... nothing moved" test "$(db -e "SELECT CONCAT(COUNT(*), '/', COALESCE(MAX(t.merged_into), '-')) FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.ref = '$r2'")" = "1/-"
FORM_PAGE=/staff/tickets/$r2 post "$A" "/staff/tickets/$r2/department" "department=$billing"
FORM_PAGE=/staff/tickets/$r2 post "$A" "/staff/tickets/$r2/merge" "into=$(echo "$r1" | tr 'A-Z' 'a-z')"
check "a duplicate merged into the ticket of the same account: 303 to it" \
	header_has Location "/staff/tickets/$r1\\?done=ticket-merged"
check "... the duplicate is closed and points to it" \
	test "$(db -e "SELECT CONCAT(t.status, ' ', m.ref) FROM tickets t JOIN tickets m ON m.id = t.merged_into WHERE t.ref = '$r2'")" = "closed $r1"
http GET "/staff/tickets/$r1" -b "$A"
check "... its messages are in the kept ticket's thread" body_has 'The body of Backups failing again.'
http GET "/staff/tickets/$r2" -b "$A"
check "... and its page links the kept ticket" body_has "This ticket was merged into <a href=\"/staff/tickets/$r1\">"

# ---- attachments ----------------------------------------------------------------
# The thread lists every file, a note's too, and staff download them.
printf 'dmesg: backup t221 failed\n' >"$T/dmesg.txt"
sha=$(sha256sum "$T/dmesg.txt" | cut -d' ' -f1)
files_dir=$(awk '$1 == "files_dir" {print $3}' "$STATE/portico.conf")
[ -e "$files_dir/$sha" ] || cp "$T/dmesg.txt" "$files_dir/$sha"
tid=$(db -e "SELECT id FROM tickets WHERE ref = '$r1'")
mid=$(db -e "SELECT MIN(id) FROM ticket_messages WHERE ticket_id = $tid")
db -e "INSERT INTO ticket_attachments (ticket_id, message_id, name, content_type, size, sha256, created_at) VALUES ($tid, $mid, 'dmesg t221.txt', 'text/plain', 26, '$sha', NOW())"
fid=$(db -e "SELECT id FROM ticket_attachments WHERE ticket_id = $tid AND name = 'dmesg t221.txt'")
http GET "/staff/tickets/$r1" -b "$A"
check "the thread links its attachment" body_has "href=\"/staff/tickets/$r1/files/$fid/dmesg%20t221.txt\""
http GET "/staff/tickets/$r1/files/$fid/dmesg%20t221.txt" -b "$A"
check "... which staff download" bash -c "test $STATUS = 200 && grep -q 'backup t221 failed' '$T/body'"
check "... never kept by a cache" header_has Cache-Control 'no-store'
http GET "/staff/tickets/$r3/files/$fid/dmesg%20t221.txt" -b "$A"
check "... not under another ticket's reference: 404" status_is 404
http GET "/staff/tickets/$r1/files/$fid/dmesg%20t221.txt" -b "$O"
check "... nor to a customer: 403" status_is 403

# ---- canned replies -------------------------------------------------------------
FORM_PAGE=/staff/tickets/canned post "$A" /staff/tickets/canned "id=0" "lang=en" \
	"title=t221 Greeting" "body=Hello {name}, we looked at {ref}. {unknown} stays." "department=0"
check "a canned reply is added: 303" header_has Location '/staff/tickets/canned\?done=canned-saved'
FORM_PAGE=/staff/tickets/canned post "$A" /staff/tickets/canned "id=0" "lang=fi" \
	"title=t221 Tervehdys" "body=Hei {name}!" "department=0"
FORM_PAGE=/staff/tickets/canned post "$A" /staff/tickets/canned "id=0" "lang=en" "title=" "body=x" "department=0"
check "one without a title: 400, the form says so" bash -c "test $STATUS = 400 && grep -q 'field has-error' '$T/body'"
cid=$(db -e "SELECT id FROM canned_replies WHERE title = 't221 Greeting'")
http GET "/staff/tickets/$r3" -b "$A"
check "the ticket offers the canned replies of its language" \
	bash -c "grep -q 't221 Greeting' '$T/body' && ! grep -q 't221 Tervehdys' '$T/body'"
check "... filled in for it: {name} and {ref}, other braces left" \
	body_has "data-body=\"Hello Otto Other, we looked at $r3. {unknown} stays.\""
http GET "/staff/tickets/$r3?canned=$cid" -b "$A"
check "without the script: ?canned= fills the reply box" \
	body_matches "<textarea id=\"f-ticket-reply-body\"[^>]*>Hello Otto Other, we looked at $r3. \\{unknown\\} stays.</textarea>"
FORM_PAGE=/staff/tickets/canned post "$A" /staff/tickets/canned "id=$cid" "lang=en" \
	"title=t221 Greeting" "body=Hi {name} ({ref})." "department=0"
check "... saved: 303" header_has Location '/staff/tickets/canned\?done=canned-saved'
FORM_PAGE=/staff/tickets/canned post "$A" /staff/tickets/canned "id=$cid" "lang=en" \
	"title=t221 Greeting" "body=Hi {name} ({ref})." "department=0"
check "saved again unchanged (a second click): 303, not 404" header_has Location '/staff/tickets/canned\?done=canned-saved'
http GET "/staff/tickets/$r3" -b "$A"
check "an edited canned reply is used as edited" body_has "data-body=\"Hi Otto Other ($r3).\""
FORM_PAGE=/staff/tickets/canned post "$A" /staff/tickets/canned/delete "id=$cid"
check "deleted: 303" header_has Location '/staff/tickets/canned\?done=canned-deleted'
check "... gone" test "$(db -e "SELECT COUNT(*) FROM canned_replies WHERE id = $cid")" = 0
FORM_PAGE=/staff/tickets/canned post "$A" /staff/tickets/canned/delete "id=$cid"
check "deleting it again: 404" status_is 404
FORM_PAGE=/staff/tickets/canned post "$A" /staff/tickets/canned "id=$cid" "lang=en" \
	"title=t221 Greeting" "body=Hi {name} ({ref})." "department=0"
check "saving a deleted one: 404" status_is 404

done_testing
