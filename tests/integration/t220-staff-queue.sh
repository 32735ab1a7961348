#!/usr/bin/env bash
# The staff ticket queue (/staff/tickets): each filter (department,
# status view, assignee, priority, due soon / breached) shows the tickets
# it should and no others, the counts of the views are the database's,
# the order is by due time, the search box opens a ticket by reference
# and finds words of subjects, paging, and the rows one page reads with
# 5,000 tickets in a department (an index range, not a scan).
. "$(dirname "$0")/../lib.sh"
PW=t220-password-2026
GSEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
SEED=("$ROOT/tests/integration/ticket_seed" -c "$STATE/portico.conf")
header() { awk -v h="$1" 'tolower($1) == tolower(h) ":" { gsub(/\r/, ""); print $2 }' "$T/headers"; }

cleanup() {
	db -e "DELETE t FROM tickets t JOIN accounts a ON a.id = t.account_id WHERE a.number = 'T220-0001'"
	db -e "DELETE FROM signin_throttle"
	db -e "DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email LIKE 't220-%'"
	db -e "DELETE FROM users WHERE email LIKE 't220-%'"
	db -e "DELETE FROM accounts WHERE number = 'T220-0001'"
	db -e "DELETE FROM department_names WHERE department_id IN (SELECT id FROM departments WHERE slug LIKE 't220-%')"
	db -e "DELETE FROM departments WHERE slug LIKE 't220-%'"
}
cleanup
trap '[ -n "${KEEP:-}" ] || cleanup; rm -rf "$T"' EXIT
db -e "INSERT INTO accounts (number, name) VALUES ('T220-0001', 'Queue Test Oy')"
acct=$(db -e "SELECT id FROM accounts WHERE number = 'T220-0001'")
db -e "INSERT INTO users (email, name, status, portal_role, account_id, account_role) VALUES ('t220-owner@t220.example', 'Outi Omistaja', 'active', 'customer', $acct, 'owner')"
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES ('t220-agent@northwind.example', 'Aapo Agentti', 'active', 'agent', '$GSEC', 1)"
echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password t220-agent@northwind.example >/dev/null
agent=$(db -e "SELECT id FROM users WHERE email = 't220-agent@northwind.example'")
# Two departments of the test's own, so the counts are exact.
db -e "INSERT INTO departments (slug, position, calendar) VALUES
	('t220-one', 90, 'zone UTC\nalways'), ('t220-two', 91, 'zone UTC\nalways')"
d1=$(db -e "SELECT id FROM departments WHERE slug = 't220-one'")
d2=$(db -e "SELECT id FROM departments WHERE slug = 't220-two'")
db -e "INSERT INTO department_names (department_id, lang, name) VALUES ($d1, 'en', 'Queue One'), ($d2, 'en', 'Queue Two')"

open() {	# DEPT PRIORITY SUBJECT: the new ticket's ref
	"${SEED[@]}" open t220-owner@t220.example "$1" "$2" "$3" "Body of $3." | awk '{print $2}'
}
r1=$(open t220-one normal "Printer on fire")
r2=$(open t220-one urgent "Server unreachable")
r3=$(open t220-two low "Question about invoices")
r4=$(open t220-one high "Mailbox full")
check "the test's tickets are made through the ticket model" \
	bash -c "[ -n '$r1' ] && [ -n '$r2' ] && [ -n '$r3' ] && [ -n '$r4' ]"

G=$T/agent
signin "$G" t220-agent@northwind.example "$PW"
FORM_PAGE=/signin/2fa post "$G" /signin/2fa "code=$(oathtool --totp -b "$GSEC")"
check "the agent signs in with two factors" header_has Location /staff

http GET /staff -b "$G"
check "the staff home links the queue" body_has 'href="/staff/tickets"'

http GET "/staff/tickets?department=$d1" -b "$G"
check "the queue of a department: 200" status_is 200
check "... lists its tickets" bash -c "grep -q '$r1' '$T/body' && grep -q '$r2' '$T/body' && grep -q '$r4' '$T/body'"
check "... not another department's" body_lacks "$r3"
# Due order: urgent (1 h), high (4 h), normal (8 h) under the policies.
check "... sorted by due time (urgent, high, normal)" \
	bash -c "grep -o 'T-[2-9A-Z]\{8\}' '$T/body' | awk '!s[\$0]++' | grep -E '$r1|$r2|$r4' | tr '\n' ' ' | grep -q '^$r2 $r4 $r1 \$'"
count() {	# VIEW: the count the page shows for the view
	grep -o "class=\"view-$1\"[^>]*>[^<]*" "$T/body" | grep -o '([0-9]*)' | tr -d '()'
}
check "the count of new tickets is the department's (3)" test "$(count new)" = 3
check "the count of open tickets (0)" test "$(count open)" = 0
check "the count of unassigned (3)" test "$(count unassigned)" = 3

http GET "/staff/tickets?department=$d1&priority=urgent" -b "$G"
check "the priority filter: the urgent one" bash -c "grep -q '$r2' '$T/body' && ! grep -q '$r1' '$T/body' && ! grep -q '$r4' '$T/body'"

# Claim one, reply to another (a public reply waits on the customer).
FORM_PAGE=/staff/tickets/$r4 post "$G" "/staff/tickets/$r4/assign" "assignee=me"
check "claiming a ticket: 303 back to it" header_has Location "/staff/tickets/$r4"
check "... it is the agent's" test "$(db -e "SELECT assignee_id FROM tickets WHERE ref = '$r4'")" = "$agent"
http GET "/staff/tickets?department=$d1&assignee=me" -b "$G"
check "assignee me: the claimed ticket only" bash -c "grep -q '$r4' '$T/body' && ! grep -q '$r1' '$T/body' && ! grep -q '$r2' '$T/body'"
http GET "/staff/tickets?department=$d1&assignee=unassigned" -b "$G"
check "unassigned: the others" bash -c "! grep -q '$r4' '$T/body' && grep -q '$r1' '$T/body' && grep -q '$r2' '$T/body'"
last=$(db -e "SELECT last_message_id FROM tickets WHERE ref = '$r1'")
FORM_PAGE=/staff/tickets/$r1 post "$G" "/staff/tickets/$r1/reply" "kind=reply" "expect_last=$last" "body=We are on it."
check "a public reply: 303" header_has Location "/staff/tickets/$r1"
http GET "/staff/tickets?department=$d1&status=waiting" -b "$G"
check "the waiting view: the answered ticket" bash -c "grep -q '$r1' '$T/body' && ! grep -q '$r2' '$T/body'"
check "... whose count is 1" test "$(count waiting)" = 1
check "... and counts mine: 1" test "$(count mine)" = 1
http GET "/staff/tickets?department=$d1" -b "$G"
check "the active view (new and open) leaves it out" body_lacks "$r1"

# Due times: one past due, one due within four hours.
db -e "UPDATE tickets SET next_due = NOW() - INTERVAL 1 HOUR WHERE ref = '$r2'"
db -e "UPDATE tickets SET next_due = NOW() + INTERVAL 2 HOUR WHERE ref = '$r4'"
http GET "/staff/tickets?department=$d1&due=breached" -b "$G"
check "past due: the breached ticket only" bash -c "grep -q '$r2' '$T/body' && ! grep -q '$r4' '$T/body'"
check "... marked past due" body_has 'pill-danger'
check "... the breached count (1)" test "$(count breached)" = 1
http GET "/staff/tickets?department=$d1&due=soon" -b "$G"
check "due soon: the other" bash -c "grep -q '$r4' '$T/body' && ! grep -q '$r2' '$T/body'"
check "... the due-soon count (1)" test "$(count due-soon)" = 1

# Every ticket's counts against the database, with no department chosen
# (counted up to 1,000: "1,000+" beyond).
http GET /staff/tickets -b "$G"
upto() { local n; n=$(db -e "$1"); [ "$n" -gt 1000 ] && echo "1000+" || echo "$n"; }
shown() { grep -o "class=\"view-$1\"[^>]*>[^<]*" "$T/body" | grep -o '([0-9,+]*)' | tr -d '(),'; }
check "all departments: new count is the database's" \
	test "$(shown new)" = "$(upto "SELECT COUNT(*) FROM tickets WHERE status = 'new'")"
check "all departments: waiting count is the database's" \
	test "$(shown waiting)" = "$(upto "SELECT COUNT(*) FROM tickets WHERE status = 'waiting'")"
check "all departments: breached count is the database's" \
	test "$(shown breached)" = "$(upto "SELECT COUNT(*) FROM tickets WHERE status IN ('new', 'open') AND next_due < NOW()")"

# The search box.
http GET "/staff/tickets?q=$r3" -b "$G"
check "a reference in the search box opens that ticket: 303" header_has Location "/staff/tickets/$r3"
http GET "/staff/tickets?q=$(echo "$r3" | tr 'A-Z' 'a-z')" -b "$G"
check "... in small letters too" header_has Location "/staff/tickets/$r3"
http GET "/staff/tickets?q=invoices" -b "$G"
check "words find the subject" bash -c "grep -q '$r3' '$T/body' && ! grep -q '$r2' '$T/body'"
http GET "/staff/tickets?q=%25" -b "$G"
check "a % is a character, not a wildcard" bash -c "test $STATUS = 200 && ! grep -q '$r3' '$T/body'"
# Words of the messages too, through the index (ticket_search.c), under
# the view's filters; a change of status or priority moves the ticket's
# document with it.
"${SEED[@]}" reply "$r2" t220-owner@t220.example "The pings to zorbulated hosts time out." >/dev/null
http GET "/staff/tickets?q=zorbulated" -b "$G"
check "a word of a message finds its ticket" bash -c "grep -q '$r2' '$T/body' && ! grep -q '$r4' '$T/body'"
http GET "/staff/tickets?q=zorbulated&department=$d2" -b "$G"
check "... not under another department's filter" body_lacks "$r2"
http GET "/staff/tickets?q=zorbulated&priority=low" -b "$G"
check "... nor another priority's" body_lacks "$r2"
http GET "/staff/tickets?q=zorbulated&priority=urgent&department=$d1" -b "$G"
check "... but under its own" body_has "$r2"
http GET "/staff/tickets?q=unreachable+zorbulated" -b "$G"
check "subject and message words together find it" body_has "$r2"
http GET "/staff/tickets?q=zorbulated+printer" -b "$G"
check "... every word must match" body_lacks "$r2"
"${SEED[@]}" status "$r2" waiting
http GET "/staff/tickets?q=zorbulated" -b "$G"
check "a ticket moved to waiting leaves the active view's search" body_lacks "$r2"
http GET "/staff/tickets?q=zorbulated&status=waiting" -b "$G"
check "... and is found in the waiting view's" body_has "$r2"
check "... its document says the new status" \
	test "$(db -e "SELECT COUNT(*) FROM search_docs d JOIN tickets t ON d.id = 4000000000 + t.id WHERE t.ref = '$r2' AND d.kind = 'ticket' AND d.facets LIKE '%§twaiting%'")" = 1
"${SEED[@]}" status "$r2" new
# The statement budget: the queue runs the same statements with words
# as without: the departments, the counts and one list (and the
# session's), 4.
stmts() { local i best=999 s; for i in 1 2 3; do http GET "$1" -b "$G"; s=$(header X-Statements); [ -n "$s" ] && [ "$s" -lt "$best" ] && best=$s; done; echo "$best"; }
plain=$(stmts "/staff/tickets?department=$d1")
words=$(stmts "/staff/tickets?department=$d1&q=zorbulated")
if [ "$plain" != 999 ]; then
	check "the queue's statement budget: at most 4 ($plain)" test "$plain" -le 4
	check "... the search box adds none ($words)" test "$words" = "$plain"
fi
http GET "/staff/tickets?status=emperor" -b "$G"
check "an unknown view: 400" status_is 400
http GET "/staff/tickets?page=101" -b "$G"
check "past the deepest page: 404" status_is 404

# 5,000 more tickets in the department: paging, and what a page reads.
db -e "INSERT INTO tickets (ref, account_id, requester_id, department_id, policy_id, priority, status,
	subject, lang, source, mail_token, created_at, updated_at, next_due)
	SELECT CONCAT('T-ZZ', REPLACE(REPLACE(LPAD(seq, 6, 'W'), '0', 'Y'), '1', 'X')), $acct,
	  (SELECT id FROM users WHERE email = 't220-owner@t220.example'), $d2, NULL, 'normal',
	  IF(seq MOD 2, 'new', 'closed'), CONCAT('Bulk ticket ', seq), 'en', 'web',
	  CONCAT('t220bulk', LPAD(seq, 16, '0')), NOW(), NOW(), NOW() + INTERVAL seq MINUTE
	FROM seq_1_to_5000"
http GET "/staff/tickets?department=$d2" -b "$G"
check "fifty a page, with a next page" bash -c "test \$(grep -o '<tr class=\"ticket' '$T/body' | wc -l) = 50 && grep -q 'rel=\"next\"' '$T/body'"
check "... the earliest due first" body_has 'Bulk ticket 1<'
check "... the count of new is exact however many (2,501): the counts are kept as tickets change" \
	bash -c "grep -q 'class=\"view-new\"[^>]*>New (2,\\?501)' '$T/body'"
http GET "/staff/tickets?department=$d2&page=2" -b "$G"
check "page 2 goes on where page 1 stopped" bash -c "grep -q 'Bulk ticket 101<' '$T/body' && ! grep -q 'Bulk ticket 99<' '$T/body'"
rows=$(header X-Rows-Read)
if [ -n "$rows" ]; then
	# Page 2 reads up to 101 index rows of each status branch and their
	# tickets, requesters and accounts by key, the counts of a status a
	# few rows of ticket_queue_counts, and each count of a due time at
	# most 1,001 index rows: below 3,000 however many tickets there are.
	# (Joined from the few accounts of a fresh table, the list read every
	# ticket of each: 10,000 rows.)
	check "a queue page reads index ranges, due times counted up to 1,000 ($rows rows)" test "$rows" -lt 3000
fi
# The priority filter reads its own index range (migration 034): the
# 2,500 new tickets of normal priority are not read to find the urgent.
http GET "/staff/tickets?priority=urgent" -b "$G"
check "the priority filter over 5,000 more tickets: the urgent one" bash -c "grep -q '$r2' '$T/body' && ! grep -q 'Bulk ticket' '$T/body'"
rows=$(header X-Rows-Read)
if [ -n "$rows" ]; then
	# The counts read up to 2,002 rows; the list some 50 of the urgent
	# range (the status range filtered read 9,700 rows here).
	check "... reading its index range ($rows rows)" test "$rows" -lt 3000
fi
http GET "/staff/tickets?department=$d2&status=closed&page=3" -b "$G"
check "a closed view pages in due order too" body_has 'Bulk ticket 202<'

# A count of a due time moves with the clock: it counts its index range,
# up to 1,000.
db -e "UPDATE tickets SET next_due = NOW() - INTERVAL 1 DAY WHERE ref LIKE 'T-ZZ%'"
http GET "/staff/tickets?department=$d2" -b "$G"
check "the count of breached (2,500) is counted up to 1,000: 1,000+" \
	bash -c "grep -q 'class=\"view-breached\"[^>]*>[^<]*(1,\\?000+)' '$T/body'"

# Every write above kept the counts: each equals its tickets.
COUNTS_OFF="SELECT
	(SELECT COUNT(*) FROM ticket_queue_counts c WHERE c.n <> (SELECT COUNT(*)
	  FROM tickets t WHERE t.department_id = c.department_id AND
	  COALESCE(t.assignee_id, 0) = c.assignee_id AND t.status = c.status)) +
	(SELECT COUNT(*) FROM ticket_account_counts c WHERE c.n <> (SELECT COUNT(*)
	  FROM tickets t WHERE t.account_id = c.account_id AND t.department_id =
	  c.department_id AND t.requester_id = c.requester_id AND t.status = c.status))"
check "the queue's and the lists' counts equal their tickets" test "$(db -N -e "$COUNTS_OFF")" = 0
# Counts gone wrong (a bulk load with the triggers off): tickets-refresh
# counts again.
db -e "UPDATE ticket_queue_counts SET n = n + 5 WHERE department_id = $d2 AND status = 'new'"
http GET "/staff/tickets?department=$d2" -b "$G"
check "... a count off by five shows so (2,506)" \
	bash -c "grep -q 'class=\"view-new\"[^>]*>New (2,\\?506)' '$T/body'"
"$ROOT/portico-admin" -c "$STATE/portico.conf" tickets-refresh >"$T/refresh.log" 2>&1
check "... tickets-refresh counts the tickets again" grep -q 'counted again' "$T/refresh.log"
check "... and every count equals its tickets" test "$(db -N -e "$COUNTS_OFF")" = 0
http GET "/staff/tickets?department=$d2" -b "$G"
check "... the page shows 2,501 again" \
	bash -c "grep -q 'class=\"view-new\"[^>]*>New (2,\\?501)' '$T/body'"

done_testing
