#!/usr/bin/env bash
# The customer's tickets through the pages: the no-JavaScript check step
# and the deflection records, field errors that keep what was typed,
# attachments (limits, types, download after the access check), the
# acknowledgement with the expected first response, who sees which
# ticket (another account's ticket, attachment or file: 404; a member
# their own, the owner all, billing the Billing department), internal
# notes never in the page nor its XML, statuses as staff and customer
# change them, the collision check, one rating, reopening within the
# period and a new linked ticket after it, the search box, and the
# deflections in the staff search analytics.  Staff's changes go
# through the model (tests/integration/ticket_act).
. "$(dirname "$0")/../lib.sh"
PW=t200-password-2026
SEC=KRUGS4ZANFZSA5DIMUQHIMRQGAQHGZLD
ACT=("$ROOT/tests/integration/ticket_act" -c "$STATE/portico.conf")

cleanup() {
	db -e "DROP TRIGGER IF EXISTS t200_poison"
	db -e "DELETE FROM signin_throttle"
	db -e "DELETE d FROM ticket_deflections d JOIN users u ON u.id = d.user_id WHERE u.email LIKE 't200-%'"
	db -e "DELETE t FROM tickets t JOIN accounts a ON a.id = t.account_id WHERE a.number LIKE 'T200-%'"
	db -e "DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email LIKE 't200-%'" 2>/dev/null
	db -e "DELETE FROM users WHERE email LIKE 't200-%'"
	db -e "DELETE s FROM services s JOIN accounts a ON a.id = s.account_id WHERE a.number LIKE 'T200-%'"
	db -e "DELETE FROM accounts WHERE number LIKE 'T200-%'"
	db -e "DELETE p FROM sla_policies p JOIN segments s ON s.id = p.segment_id WHERE s.name = 'T200 Premium'"
	db -e "DELETE FROM segments WHERE name = 'T200 Premium'"
}
cleanup
trap 'cleanup; rm -rf "$T"' EXIT
db -e "INSERT INTO accounts (number, name) VALUES ('T200-A', 'Aalto Tickets Oy'), ('T200-B', 'Brook Tickets Ltd')"
A=$(db -e "SELECT id FROM accounts WHERE number = 'T200-A'")
B=$(db -e "SELECT id FROM accounts WHERE number = 'T200-B'")
db -e "INSERT INTO users (email, name, language, time_zone, status, portal_role, account_id, account_role) VALUES
	('t200-owner@a.example', 'Oona Owner', 'en', 'Europe/Helsinki', 'active', 'customer', $A, 'owner'),
	('t200-member@a.example', 'Mikko Member', 'en', 'Europe/Helsinki', 'active', 'customer', $A, 'member'),
	('t200-member2@a.example', 'Maija Member', 'en', 'Europe/Helsinki', 'active', 'customer', $A, 'member'),
	('t200-billing@a.example', 'Bertta Billing', 'en', 'Europe/Helsinki', 'active', 'customer', $A, 'billing'),
	('t200-owner@b.example', 'Kalle Other', 'fa', 'Asia/Tehran', 'active', 'customer', $B, 'owner')"
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES ('t200-admin@northwind.example', 'Tiina Admin', 'active', 'admin', '$SEC', 1)"
for who in t200-owner@a.example t200-member@a.example t200-member2@a.example \
    t200-billing@a.example t200-owner@b.example t200-admin@northwind.example; do
	echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$who" >/dev/null
done
O=$T/owner; M=$T/member; M2=$T/member2; BI=$T/billing; K=$T/other; S=$T/staff
signin "$O" t200-owner@a.example "$PW"
signin "$M" t200-member@a.example "$PW"
signin "$M2" t200-member2@a.example "$PW"
signin "$BI" t200-billing@a.example "$PW"
signin "$K" t200-owner@b.example "$PW"

# mpost JAR PATH FORM_PAGE -F...: a multipart POST from this site.
mpost() {
	local jar=$1 p=$2 fp=$3 tok
	shift 3
	tok=$(form_token "$jar" "$fp")
	http POST "$p" -b "$jar" -c "$jar" -H "Origin: $URL" -F "csrf=$tok" "$@"
}
tickets_of() { db -e "SELECT COUNT(*) FROM tickets WHERE account_id = $A"; }
defl() { db -e "SELECT COUNT(*) FROM ticket_deflections d JOIN users u ON u.id = d.user_id WHERE u.email = 't200-member@a.example' AND d.outcome = '$1'"; }
location() { grep -i '^Location:' "$T/headers" | tr -d '\r' | sed 's/^[^:]*: *//; s|^http://[^/]*||'; }

# ---- signed out ------------------------------------------------------------
http GET /tickets
check "a visitor is asked to sign in first" header_has Location '/signin\?next=/tickets'
http GET /tickets/new
check "... for the form too" header_has Location '/signin\?next=/tickets/new'

# ---- where the tickets are linked from ------------------------------------
http GET /
check "the home page's help offers a support ticket" body_has 'href="/tickets/new"'
http GET /account -b "$M"
check "the dashboard has a tickets card" bash -c "grep -q 'id=\"card-tickets\"' '$T/body' && grep -q 'href=\"/tickets\"' '$T/body'"
check "the account menu links the customer's tickets" body_matches '<div class="user-menu"><a href="/tickets">'

# ---- the form and its deflection (no JavaScript) -------------------------
http GET /tickets/new -b "$M"
check "the new-ticket form" body_has 'id="form-ticket-new"'
check "... sends files (multipart)" body_has 'enctype="multipart/form-data"'
check "... suggests articles as the subject is typed" body_has 'data-suggest="/tickets/suggest"'
check "... offers the departments by name" body_has '>Billing</option>'
check "... says the attachment limits" body_has 'Up to 5 files, 10 MB each'
check "... no priority to choose on the standard plan" body_lacks 'name="priority"'
n0=$(tickets_of)
mpost "$M" /tickets/new /tickets/new -F "subject=How do I pay an invoice?" \
	-F "body=Where is the **invoice** for November?" -F department=billing -F checked=0
check "without JavaScript the first send shows the articles: 200" status_is 200
check "... 'Check these articles first'" body_has 'Check these articles first'
check "... the matching article, through the deflection link" body_matches 'href="/tickets/deflect\?d=[0-9]+&amp;i=[0-9]+">Paying an invoice<'
check "... and keeps what was typed" body_has 'Where is the **invoice** for November?'
check "... and the form now goes straight on" body_has 'name="checked" value="1"'
check "... no ticket yet" test "$(tickets_of)" = "$n0"
check "the suggestion is recorded" test "$(defl suggested)" -ge 1
link=$(grep -o 'href="/tickets/deflect?d=[0-9]*&amp;i=[0-9]*">Paying an invoice' "$T/body" | head -1 | sed 's/href="//; s/">.*//; s/&amp;/\&/')
http GET "$link" -b "$M"
check "opening a suggested article goes to it" header_has Location '/a/pay-invoice'
check "... and is recorded as opened" test "$(defl opened)" = 1
http GET "${link%%&*}&i=999999" -b "$M"
check "a deflection link to no article: 404" status_is 404
http GET "$link" -b "$K"
check "another user's suggestion is not recorded as theirs" test "$(db -e "SELECT COUNT(*) FROM ticket_deflections d JOIN users u ON u.id = d.user_id WHERE u.email = 't200-owner@b.example' AND d.outcome = 'opened'")" = 0
http GET '/tickets/suggest?q=invoice' -b "$M"
check "as-typed suggestions: XML hits through the deflection link" body_matches '<hit [^>]*href="/tickets/deflect\?d=[0-9]+&amp;i=[0-9]+"'

# ---- field errors keep what was typed -------------------------------------
mpost "$M" /tickets/new /tickets/new -F "subject= " -F "body=Typed words stay here" -F department=billing -F checked=1
check "no subject: 400" status_is 400
check "... says the field is needed" body_has 'This field is needed'
check "... keeps the body" body_has 'Typed words stay here'
mpost "$M" /tickets/new /tickets/new -F "subject=Something" -F "body=x" -F department=nowhere -F checked=1
check "an unknown department: a field error" body_has 'Choose one of the departments'
mpost "$M" /tickets/new /tickets/new -F "subject=Something" -F "body=x" -F department=billing -F priority=urgent -F checked=1
check "a priority the plan does not allow: a field error" body_has 'does not let you choose the priority'
mpost "$M" /tickets/new /tickets/new -F "subject=$(printf 'x%.0s' $(seq 1 301))" -F "body=x" -F department=billing -F checked=1
check "a subject of 301 characters: too long" body_has 'This is too long'
# A bidirectional override (U+202E) in the subject: the form again, with
# its own message and what was typed, not the bare 400 of the shared check.
mpost "$M" /tickets/new /tickets/new -F "subject=Invoice $(printf '\u202e')fdp.exe" \
	-F "body=Bidi body kept $(printf '\u202e')here" -F department=billing -F checked=1
check "a bidi control in the subject: 400 with the form again" bash -c "test $STATUS = 400 && grep -q 'id=\"form-ticket-new\"' '$T/body'"
check "... says what is wrong, in the field" body_has 'changes the direction of the text'
check "... keeps the subject and the body" bash -c "grep -q 'Invoice .fdp.exe' '$T/body' && grep -q 'Bidi body kept' '$T/body'"
check "... saves nothing" test "$(tickets_of)" = "$n0"
http GET "/tickets/new?subject=Invoice%E2%80%AEfdp" -b "$M"
check "the form opened with a bidi subject (a search's link): shown, not refused" status_is 200
mpost "$M" /tickets/new /tickets/new -F "subject=Line$(printf '\u2028')break" -F "body=x" -F department=billing -F checked=1
check "a line separator in the subject is still a bad request" bash -c "test $STATUS = 400 && ! grep -q 'id=\"form-ticket-new\"' '$T/body'"
mpost "$M" /tickets/new /tickets/new -F "subject=Bad" -F "body=x" -F department=billing -F checked=1 -F "subject=Again"
check "a field twice: 400 naming it" body_has 'subject'
check "... as a bad request" status_is 400
printf 'log line 1\nlog line 2\n' >"$T/log.txt"
files=()
for i in 1 2 3 4 5 6; do files+=(-F "attachment=@$T/log.txt;filename=log$i.txt"); done
mpost "$M" /tickets/new /tickets/new -F "subject=Six files" -F "body=x" -F department=billing -F checked=1 "${files[@]}"
check "six attachments (five allowed): a field error" body_has 'Too many files for one message'
mpost "$M" /tickets/new /tickets/new -F "subject=A program" -F "body=x" -F department=billing -F checked=1 -F "attachment=@/bin/true;filename=notes.txt"
check "a program named .txt: refused by its bytes" body_has 'This kind of file is not allowed'
check "... nothing was saved" test "$(tickets_of)" = "$n0"

# A body past max_body (1 MiB) is read for a ticket's attachments, up to
# their limits (RF_ATTACH); a file past ticket_max_attachment is refused.
{ head -c 3000000 /dev/zero | tr '\0' 'a'; echo; } >"$T/big.txt"
{ head -c 11000000 /dev/zero | tr '\0' 'a'; echo; } >"$T/huge.txt"
mpost "$M" /tickets/new /tickets/new -F "subject=Huge log" -F "body=x" -F department=billing -F checked=1 -F "attachment=@$T/huge.txt"
check "an 11 MB file (10 MB allowed): a field error" body_has 'The file is too large'
check "... nothing was saved" test "$(tickets_of)" = "$n0"
mpost "$M" /tickets/new /tickets/new -F "subject=Big t200 log" -F "body=The log." -F department=billing -F checked=1 -F "attachment=@$T/big.txt"
check "a 3 MB file (past max_body): the ticket is sent" header_has Location '/tickets/T-[0-9A-Z]{8}\?done=ticket-created'
check "... with its 3 MB" test "$(db -e "SELECT a.size FROM ticket_attachments a JOIN tickets t ON t.id = a.ticket_id WHERE t.subject = 'Big t200 log'")" = 3000001
# A long name in Greek (229 bytes; two-byte letters): cut on a
# character's boundary, never in the middle of one (that was a 500 and
# a lost ticket); a name with a right-to-left override loses it.
GREEK=$(python3 -c "print('Τιμολόγιο_Ιανουάριος_2026_' * 5 + '.txt')")
mpost "$M" /tickets/new /tickets/new -F "subject=Long t200 name" -F "body=x" -F department=billing -F checked=1 \
	-F "attachment=@$T/log.txt;filename=$GREEK" -F "attachment=@$T/log.txt;filename=$(printf 'rlo\u202etxt.exe')"
check "a 229-byte Greek file name: 303, the ticket is saved" header_has Location '/tickets/T-[0-9A-Z]{8}'
LREF=$(location | sed 's|/tickets/||; s|?.*||')
check "... its name cut to at most 200 bytes of whole letters" \
	test "$(db -e "SELECT CONCAT(LENGTH(a.name) <= 200, a.name LIKE 'Τιμολόγιο_Ιανουάριος%') FROM ticket_attachments a JOIN tickets t ON t.id = a.ticket_id WHERE t.ref = '$LREF' AND a.name LIKE 'Τ%'")" = 11
check "... the override is gone from the other's name" \
	test "$(db -e "SELECT a.name FROM ticket_attachments a JOIN tickets t ON t.id = a.ticket_id WHERE t.ref = '$LREF' AND a.name LIKE 'rlo%'")" = rlo_txt.exe
http GET "/tickets/$LREF" -b "$M"
LFILE=$(grep -o "/tickets/$LREF/files/[0-9]*/%CE[^\"]*" "$T/body" | head -1)
http GET "$LFILE" -b "$M"
check "... and the file downloads by its link" body_has 'log line 2'
n0=$(tickets_of)
sub0=$(defl submitted)

# ---- a ticket, its acknowledgement and attachment ------------------------
mpost "$M" /tickets/new /tickets/new -F "subject=Server t200 does not boot" \
	-F "body=It stops at *grub*." -F department=technical -F checked=1 \
	-F "attachment=@$T/log.txt;filename=boot log.txt"
check "sending: 303 to the ticket" header_has Location '/tickets/T-[0-9A-Z]{8}\?done=ticket-created'
REF=$(location | sed 's|/tickets/||; s|?.*||')
TID=$(db -e "SELECT id FROM tickets WHERE ref = '$REF'")
check "... one ticket of the account, by the member, in Technical" \
	test "$(db -e "SELECT CONCAT(t.account_id, '/', u.email, '/', d.slug, '/', t.status) FROM tickets t JOIN users u ON u.id = t.requester_id JOIN departments d ON d.id = t.department_id WHERE t.ref = '$REF'")" = "$A/t200-member@a.example/technical/new"
check "... recorded as a deflection that was submitted" test "$(defl submitted)" = $((sub0 + 1))
http GET "/tickets/$REF?done=ticket-created" -b "$M"
check "the acknowledgement" body_has 'We have received your question'
check "... with the reference" body_has "Its reference is $REF"
check "... the expected first response as a date and time" body_matches 'Expect our first answer by [A-Z][a-z]+day, [0-9]+ [A-Z][a-z]+ at [0-9]{2}:[0-9]{2}'
check "... within N business hours" body_has 'within 8 business hours'
check "... in the viewer's time zone" body_has 'Europe/Helsinki'
check "the thread shows the message as Markdown" body_has 'It stops at <em>grub</em>.'
check "... and its attachment" body_matches "href=\"/tickets/$REF/files/[0-9]+/boot%20log.txt\""
FILE=$(grep -o "/tickets/$REF/files/[0-9]*/" "$T/body" | head -1)
http GET "${FILE}boot%20log.txt" -b "$M"
check "the attachment downloads for the requester" body_has 'log line 2'
check "... as an attachment, typed by its bytes" header_has Content-Type 'text/plain'
http GET "/tickets/$REF?lang=fa" -b "$M"
check "in Persian: right to left" body_has 'dir="rtl"'
check "... the due time in the Solar Hijri calendar with Persian digits" body_matches '(آذر|دی|بهمن|اسفند|فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان)'
check "... within N business hours, in Persian" body_has 'ظرف ۸ ساعت کاری'
check "... the attachment's size in Persian digits and unit: ۲۲ بایت" body_has '۲۲ بایت'
check "... no Latin size (22 B)" body_lacks '22 B<'
http GET "/tickets/$REF" -b "$M"
check "in English the size stays 22 B" body_has '22 B<'

# ---- who sees it -----------------------------------------------------------
for who in K M2; do
	jar=${!who}
	http GET "/tickets/$REF" -b "$jar"
	check "$who: another's ticket answers 404" status_is 404
	http GET "${FILE}boot%20log.txt" -b "$jar"
	check "$who: its attachment answers 404" status_is 404
	http GET /tickets -b "$jar"
	check "$who: not in their list" body_lacks "$REF"
	FORM_PAGE=/tickets/new post "$jar" "/tickets/$REF/reply" "body=let me in"
	check "$who: replying to it: 404" status_is 404
	FORM_PAGE=/tickets/new post "$jar" "/tickets/$REF/close"
	check "$who: closing it: 404" status_is 404
done
check "... and nothing was added or closed" \
	test "$(db -e "SELECT CONCAT(COUNT(*), '/', MAX(t.status)) FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.ref = '$REF'")" = "1/new"
http GET "/tickets/T-ABCDEFGH" -b "$M"
check "a reference that does not exist: 404" status_is 404
http GET "/tickets/$REF" -b "$O"
check "the account owner sees every ticket of the account" status_is 200
http GET /tickets -b "$O"
check "... in the list, with who opened it" bash -c "grep -q '$REF' '$T/body' && grep -q 'Mikko Member' '$T/body'"
http GET "/tickets/$REF" -b "$BI"
check "billing does not see a Technical ticket" status_is 404
mpost "$M" /tickets/new /tickets/new -F "subject=Invoice t200 twice" -F "body=Charged twice." -F department=billing -F checked=1
BREF=$(location | sed 's|/tickets/||; s|?.*||')
http GET "/tickets/$BREF" -b "$BI"
check "billing sees the account's Billing tickets" status_is 200
http GET "/tickets/$BREF" -b "$M2"
check "... another member does not" status_is 404

# ---- internal notes --------------------------------------------------------
note=$("${ACT[@]}" "$REF" note "INTERNAL-t200: customer is on the old kernel")
check "staff add an internal note" test -n "$note"
sha=$(sha256sum "$T/log.txt" | cut -d' ' -f1)
files_dir=$(awk '$1 == "files_dir" {print $3}' "$STATE/portico.conf")
[ -e "$files_dir/$sha" ] || cp "$T/log.txt" "$files_dir/$sha"
db -e "INSERT INTO ticket_attachments (ticket_id, message_id, name, content_type, size, sha256, created_at) VALUES ($TID, $note, 'staff-only.txt', 'text/plain', 22, '$sha', NOW())"
NOTEFILE=$(db -e "SELECT id FROM ticket_attachments WHERE message_id = $note")
for who in M O; do
	jar=${!who}
	http GET "/tickets/$REF" -b "$jar"
	check "$who: the internal note is not in the page" body_lacks 'INTERNAL-t200'
	check "$who: ... nor its attachment" body_lacks 'staff-only.txt'
	http GET "/tickets/$REF?format=xml" -b "$jar"
	check "$who: ... nor in the page's XML" bash -c "! grep -q 'INTERNAL-t200\|staff-only' '$T/body' && grep -q '<ticket ' '$T/body'"
	http GET "/tickets/$REF/files/$NOTEFILE/staff-only.txt" -b "$jar"
	check "$who: the note's attachment answers 404" status_is 404
done
http GET "/search?q=kernel" -b "$M"
check "... nor in the search box" body_lacks 'INTERNAL-t200'

# ---- statuses --------------------------------------------------------------
"${ACT[@]}" "$REF" reply "Please boot the *rescue* image." >/dev/null
http GET "/tickets/$REF" -b "$M"
check "a staff reply shows, named as support" body_has '(support)'
check "... and the ticket waits on the customer" body_has 'Waiting for you'
check "... the clock paused" body_has 'Paused while we wait for your answer'
check "... the internal note still hidden" body_lacks 'INTERNAL-t200'
old_last=$(db -e "SELECT last_message_id FROM tickets WHERE ref = '$REF'")
http GET '/tickets?status=waiting' -b "$M"
check "the status filter finds it" body_has "$REF"
http GET '/tickets?status=closed' -b "$M"
check "... and leaves it out of another status" body_lacks "$REF"
"${ACT[@]}" "$REF" note "INTERNAL-t200 second note" >/dev/null
msgs=$(db -e "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $TID")
mpost "$M" "/tickets/$REF/reply" "/tickets/$REF" -F "body=The rescue image boots." -F "expect_last=$((old_last - 1))"
check "a reply to a thread that moved on: 409" status_is 409
check "... says so" body_has 'A new message was added to this ticket while you were writing'
check "... keeps what was typed" body_has 'The rescue image boots.'
check "... and saves nothing" test "$(db -e "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $TID")" = "$msgs"
mpost "$M" "/tickets/$REF/reply" "/tickets/$REF" -F "body= " -F "expect_last=$old_last"
check "an empty reply: 400 with a message" bash -c "grep -q 'Write your reply first' '$T/body'"
# The reply form's last message is the last public one: an internal note
# is neither named to the customer (its id) nor a message they collide with.
http GET "/tickets/$REF" -b "$M"
last=$(grep -o 'name="expect_last" value="[0-9]*"' "$T/body" | grep -o '[0-9][0-9]*')
check "the reply form names the last public message, not the note after it" test "$last" = "$old_last"
"${ACT[@]}" "$REF" note "INTERNAL-t200 third note" >/dev/null
# A message and its files are saved together or not at all: the row of
# the second file fails (a full disk, a lost server) after the message
# was written, and neither the message nor the first file stays.
db --delimiter='//' -e "CREATE TRIGGER t200_poison BEFORE INSERT ON ticket_attachments
   FOR EACH ROW IF NEW.name = 'poison.txt' THEN SIGNAL SQLSTATE '45000'
   SET MESSAGE_TEXT = 't200'; END IF//"
msgs() { db -e "SELECT COUNT(*) FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.ref = '$REF'"; }
m0=$(msgs); st0=$(db -e "SELECT status FROM tickets WHERE ref = '$REF'"); n1=$(tickets_of)
mpost "$M" "/tickets/$REF/reply" "/tickets/$REF" -F "body=Half a reply." -F "expect_last=$last" \
	-F "attachment=@$T/log.txt;filename=half.txt" -F "attachment=@$T/log.txt;filename=poison.txt"
check "a reply whose file row fails: an error, not a redirect" bash -c "test $STATUS -ge 500 && ! grep -qi '^Location:' '$T/headers'"
check "... neither the message nor its first file stays, nor the status change" \
	test "$(msgs):$(db -e "SELECT COUNT(*) FROM ticket_attachments WHERE name = 'half.txt'"):$(db -e "SELECT status FROM tickets WHERE ref = '$REF'")" = "$m0:0:$st0"
mpost "$M" /tickets/new /tickets/new -F "subject=Half a ticket" -F "body=Its files fail." -F department=billing -F checked=1 \
	-F "attachment=@$T/log.txt;filename=half.txt" -F "attachment=@$T/log.txt;filename=poison.txt"
check "a new ticket whose file row fails: no ticket, message or file stays" \
	test "$(tickets_of):$(db -e "SELECT COUNT(*) FROM ticket_messages WHERE body = 'Its files fail.'"):$(db -e "SELECT COUNT(*) FROM ticket_attachments WHERE name = 'half.txt'")" = "$n1:0:0"
db -e "DROP TRIGGER t200_poison"
mpost "$M" "/tickets/$REF/reply" "/tickets/$REF" -F "body=The rescue image boots." -F "expect_last=$last" \
	-F "attachment=@$T/log.txt;filename=rescue.txt"
check "a reply (a note came meanwhile): 303 back to the ticket" header_has Location "/tickets/$REF\\?done=ticket-replied"
check "... the customer's reply opens the ticket again" test "$(db -e "SELECT status FROM tickets WHERE ref = '$REF'")" = open
http GET "/tickets/$REF" -b "$M"
check "... with its attachment" body_has 'rescue.txt'

# ---- resolved: one rating, reopening, a new ticket after the period ------
"${ACT[@]}" "$REF" status resolved
http GET "/tickets/$REF" -b "$O"
check "only the requester is asked for a rating" body_lacks 'How did we do?'
http GET "/tickets/$REF" -b "$M"
check "resolved: the requester is asked for a rating" body_has 'How did we do?'
check "... a reply would reopen it" body_has 'Your reply opens this ticket again'
FORM_PAGE=/tickets/$REF post "$M" "/tickets/$REF/rate" "rating=9"
check "a rating of 9: 400" status_is 400
FORM_PAGE=/tickets/$REF post "$M" "/tickets/$REF/rate" "rating=5" "comment=Quick and clear."
check "rating: 303" header_has Location "/tickets/$REF\\?done=ticket-rated"
check "... stored once" test "$(db -e "SELECT CONCAT(rating, '/', rating_comment) FROM tickets WHERE ref = '$REF'")" = "5/Quick and clear."
http GET "/tickets/$REF" -b "$M"
check "... shown, and the form is gone" bash -c "grep -q 'You rated this answer 5 of 5' '$T/body' && ! grep -q 'form-ticket-rate' '$T/body'"
FORM_PAGE=/tickets/$REF post "$M" "/tickets/$REF/rate" "rating=1"
check "a second rating: 409" status_is 409
check "... says it was rated" body_has 'has been rated already'
check "... and changes nothing" test "$(db -e "SELECT rating FROM tickets WHERE ref = '$REF'")" = 5
FORM_PAGE=/tickets/$REF post "$M" "/tickets/$REF/reply" "body=One more thing."
check "a reply within the reopen period: 303 to the same ticket" header_has Location "/tickets/$REF\\?done=ticket-replied"
check "... which is open again" test "$(db -e "SELECT status FROM tickets WHERE ref = '$REF'")" = open
"${ACT[@]}" "$REF" status resolved
db -e "UPDATE tickets SET resolved_at = NOW() - INTERVAL 30 DAY WHERE ref = '$REF'"
http GET "/tickets/$REF" -b "$M"
check "resolved long ago: a reply opens a new ticket, the page says" body_has 'your reply opens a new ticket linked to this one'
FORM_PAGE=/tickets/$REF post "$M" "/tickets/$REF/reply" "body=It stopped booting again."
check "a reply after the period: 303 to a new ticket" header_has Location '/tickets/T-[0-9A-Z]{8}\?done=ticket-followup'
NREF=$(location | sed 's|/tickets/||; s|?.*||')
check "... another ticket" test -n "$NREF" -a "$NREF" != "$REF"
check "... linked to the old one" test "$(db -e "SELECT p.ref FROM tickets t JOIN tickets p ON p.id = t.parent_id WHERE t.ref = '$NREF'")" = "$REF"
check "... the old one stays resolved" test "$(db -e "SELECT status FROM tickets WHERE ref = '$REF'")" = resolved
http GET "/tickets/$NREF?done=ticket-followup" -b "$M"
check "the new ticket says which one it follows" bash -c "grep -q 'This ticket follows an earlier one' '$T/body' && grep -q 'href=\"/tickets/$REF\"' '$T/body'"
check "... carries the reply" body_has 'It stopped booting again.'
FORM_PAGE=/tickets/$NREF post "$M" "/tickets/$NREF/close"
check "closing: 303" header_has Location "/tickets/$NREF\\?done=ticket-closed"
check "... closed" test "$(db -e "SELECT status FROM tickets WHERE ref = '$NREF'")" = closed
http GET "/tickets?status=closed" -b "$M"
check "the closed list has it" body_has "$NREF"

# ---- the list, the search box, bad input ----------------------------------
http GET '/tickets?page=0' -b "$M"
check "page 0: 400" status_is 400
http GET '/tickets?page=99' -b "$M"
check "a page past the last: 404" status_is 404
http GET '/tickets?status=bogus' -b "$M"
check "an unknown status: 400" status_is 400
http GET "/search?q=boot" -b "$M"
check "the search box finds the customer's own ticket by subject" body_has "href=\"/tickets/$REF\""
http GET "/search?q=$REF" -b "$M"
check "... and by reference" body_has "href=\"/tickets/$REF\""
http GET "/search?q=boot" -b "$K"
check "... never another account's" body_lacks "$REF"
http GET "/search?q=boot"
check "... nor for a visitor" body_lacks "$REF"

# ---- a plan that lets the customer choose the priority --------------------
db -e "INSERT INTO segments (name, kind) VALUES ('T200 Premium', 'customer-type')"
PREM=$(db -e "SELECT id FROM segments WHERE name = 'T200 Premium'")
db -e "INSERT INTO sla_policies (segment_id, priority, name, first_response_min, resolution_min, may_choose_priority) VALUES
	($PREM, 'low', 'Premium', 240, 960, 1), ($PREM, 'normal', 'Premium', 120, 480, 1),
	($PREM, 'high', 'Premium', 60, 240, 1), ($PREM, 'urgent', 'Premium', 30, 120, 1)"
db -e "INSERT INTO account_segments (account_id, segment_id) VALUES ($B, $PREM)"
http GET /tickets/new -b "$K"
check "a Premium customer may choose the priority" body_has 'name="priority"'
mpost "$K" /tickets/new /tickets/new -F "subject=Site t200 down" -F "body=Nothing answers." -F department=technical \
	-F priority=urgent -F checked=1
KREF=$(location | sed 's|/tickets/||; s|?.*||')
check "... an urgent ticket" test "$(db -e "SELECT priority FROM tickets WHERE ref = '$KREF'")" = urgent
http GET "/tickets/$KREF?done=ticket-created" -b "$K"
check "... its first answer within 30 business minutes, in the customer's Persian" body_has 'ظرف ۳۰ دقیقهٔ کاری'
check "... and in the customer's time zone" body_has 'Asia/Tehran'
http GET "/tickets/$KREF" -b "$M"
check "... which the other account cannot open" status_is 404

# ---- a reply to a merged ticket ------------------------------------------
# It goes on in the ticket staff merged it into, for whom may read that
# one: billing sees the Billing duplicate, not the Technical ticket.
mpost "$M" /tickets/new /tickets/new -F "subject=Invoice t200 duplicate" -F "body=Billed twice?" -F department=billing -F checked=1
DREF=$(location | sed 's|/tickets/||; s|?.*||')
mpost "$M" /tickets/new /tickets/new -F "subject=Server t200 merged target" -F "body=The real problem." -F department=technical -F checked=1
XREF=$(location | sed 's|/tickets/||; s|?.*||')
"${ACT[@]}" "$DREF" merge "$XREF"
http GET "/tickets/$DREF" -b "$BI"
check "billing still reads the merged Billing ticket" bash -c "grep -q 'merged into another' '$T/body' && ! grep -q 'form-ticket-reply' '$T/body'"
check "... told it was merged, not into which ticket" bash -c "grep -q 'which your role on the account does not show you' '$T/body' && ! grep -q '$XREF' '$T/body'"
http GET "/tickets/$XREF" -b "$BI"
check "... not the Technical one it went into" status_is 404
http GET "/tickets/$DREF" -b "$M"
check "the requester is shown where it went" body_has "href=\"/tickets/$XREF\""
FORM_PAGE=/tickets/$DREF post "$BI" "/tickets/$DREF/reply" "body=t200-billing-into-merged"
check "billing replying to the merged ticket: 404" status_is 404
check "... nothing posted anywhere" test "$(db -e "SELECT COUNT(*) FROM ticket_messages WHERE body = 't200-billing-into-merged'")" = 0
FORM_PAGE=/tickets/$DREF post "$M" "/tickets/$DREF/reply" "body=t200-member-into-merged"
check "the requester's reply to it: 303 to the ticket it went into" header_has Location "/tickets/$XREF\\?done=ticket-replied"
check "... posted there" test "$(db -e "SELECT t.ref FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.body = 't200-member-into-merged'")" = "$XREF"

# ---- a ticket that names one of the account's services -------------------
db -e "INSERT INTO services (ext_id, account_id, product, label, status, currency, cycle, updated_at) VALUES
	('t200-svc-a', $A, 'Web hosting', 'aalto-t200.example', 'active', 'EUR', 'monthly', NOW()),
	('t200-svc-gone', $A, 'Backup', 'gone-t200.example', 'cancelled', 'EUR', 'monthly', NOW()),
	('t200-svc-b', $B, 'Managed server', 'brook-secret-t200.example', 'active', 'EUR', 'monthly', NOW())"
SA=$(db -e "SELECT id FROM services WHERE ext_id = 't200-svc-a'")
SB=$(db -e "SELECT id FROM services WHERE ext_id = 't200-svc-b'")
SG=$(db -e "SELECT id FROM services WHERE ext_id = 't200-svc-gone'")
http GET /tickets/new -b "$O"
check "the owner's form offers the account's services" body_has 'Web hosting - aalto-t200.example'
check "... not a cancelled one, nor another account's" bash -c "! grep -q 'gone-t200' '$T/body' && ! grep -q 'brook-secret-t200' '$T/body'"
http GET /tickets/new -b "$M"
check "a member (the account shows members no billing) is offered none" body_lacks 'aalto-t200.example'
mpost "$O" /tickets/new /tickets/new -F "subject=Site slow" -F "body=Since noon." -F department=technical -F checked=1 -F "service=$SB"
check "another account's service: 400, the form again" bash -c "test $STATUS = 400 && grep -q 'id=\"form-ticket-new\"' '$T/body'"
check "... saying so, without naming it" bash -c "grep -q \"Choose one of your account's services\" '$T/body' && ! grep -q 'brook-secret-t200' '$T/body'"
mpost "$O" /tickets/new /tickets/new -F "subject=Site slow" -F "body=Since noon." -F department=technical -F checked=1 -F "service=$SG"
check "a cancelled service: the same field error" bash -c "test $STATUS = 400 && grep -q \"Choose one of your account's services\" '$T/body'"
mpost "$O" /tickets/new /tickets/new -F "subject=Site slow" -F "body=Since noon." -F department=technical -F checked=1 -F "service=abc"
check "a service that is no number: 400" status_is 400
mpost "$M" /tickets/new /tickets/new -F "subject=Site slow" -F "body=Since noon." -F department=technical -F checked=1 -F "service=$SA"
check "a member who may not see services cannot name one: 400" status_is 400
mpost "$O" /tickets/new /tickets/new -F "subject=Site slow t200svc" -F "body=Since noon." -F department=technical -F checked=1 -F "service=$SA"
check "the account's own service: the ticket is sent" header_has Location '/tickets/T-[0-9A-Z]{8}\?done=ticket-created'
SREF=$(location | grep -o 'T-[0-9A-Z]\{8\}')
check "... and names it" test "$(db -e "SELECT service_id FROM tickets WHERE ref = '$SREF'")" = "$SA"
http GET "/tickets/$SREF" -b "$O"
check "the ticket page shows the service to the customer" body_has 'Web hosting - aalto-t200.example'
# A reply after the reopen period opens a follow-up about the same service.
"${ACT[@]}" "$SREF" status resolved
db -e "UPDATE tickets SET resolved_at = NOW() - INTERVAL 30 DAY WHERE ref = '$SREF'"
FORM_PAGE=/tickets/$SREF post "$O" "/tickets/$SREF/reply" "body=Slow t200 again."
check "a follow-up of a ticket that named a service: 303 to a new ticket" header_has Location '/tickets/T-[0-9A-Z]{8}\?done=ticket-followup'
FSREF=$(location | sed 's|/tickets/||; s|?.*||')
check "... which names the same service" test "$(db -e "SELECT service_id FROM tickets WHERE ref = '$FSREF'")" = "$SA"

# ---- the same form sent twice ----------------------------------------------
# A double click, or three sends at once, open one ticket: the form's
# one-time key with what it says is a unique key of the ticket.
once_of() { grep -o 'name="once" value="[0-9a-f]*"' "$T/body" | sed 's/.*value="//; s/"$//'; }
# send_n N PATH FIELDS...: N multipart sends at once, their Location lines in $T/loc.N
send_n() {
	local n=$1 p=$2 i tok
	shift 2
	tok=$(form_token "$M" /tickets/new)
	for i in $(seq 1 "$n"); do
		curl -s -o /dev/null -D "$T/loc.$i" -b "$M" -H "Origin: $URL" -F "csrf=$tok" "$@" "$URL$p" &
	done
	wait
}
http GET /tickets/new -b "$M"
once=$(once_of)
check "the new-ticket form carries a one-time key" test ${#once} = 64
n0=$(tickets_of)
rm -f "$T"/loc.*
send_n 3 /tickets/new -F "once=$once" -F "subject=Sent t200 thrice" -F "body=Once." -F department=technical -F checked=1
check "the same form sent three times at once: one ticket" test "$(tickets_of)" = $((n0 + 1))
check "... each send answered with it" bash -c "[ \"\$(cat '$T'/loc.* | grep -ci '^Location: .*/tickets/T-[0-9A-Z]*?done=ticket-created')\" = 3 ] && [ \"\$(cat '$T'/loc.* | grep -i '^Location:' | sort -u | wc -l)\" = 1 ]"
rm -f "$T"/loc.*
send_n 1 /tickets/new -F "once=$once" -F "subject=Sent t200 thrice" -F "body=Once." -F department=technical -F checked=1
check "... sent again later: still one" test "$(tickets_of)" = $((n0 + 1))
rm -f "$T"/loc.*
send_n 1 /tickets/new -F "once=$once" -F "subject=Sent t200 thrice" -F "body=Something else." -F department=technical -F checked=1
check "the form sent back with other words: another ticket" test "$(tickets_of)" = $((n0 + 2))
http GET "/tickets/$NREF" -b "$M"
once=$(once_of)
last=$(grep -o 'name="expect_last" value="[0-9]*"' "$T/body" | grep -o '[0-9][0-9]*')
n0=$(tickets_of)
rm -f "$T"/loc.*
send_n 2 "/tickets/$NREF/reply" -F "once=$once" -F "expect_last=$last" -F "body=Closed, and t200 clicked twice."
check "a reply to a closed ticket sent twice at once: one new ticket" test "$(tickets_of)" = $((n0 + 1))
check "... both sends go to it" bash -c "[ \"\$(cat '$T'/loc.* | grep -ci '^Location: .*/tickets/T-[0-9A-Z]*?done=ticket-followup')\" = 2 ] && [ \"\$(cat '$T'/loc.* | grep -i '^Location:' | sort -u | wc -l)\" = 1 ]"
FREF=$(grep -i '^Location:' "$T/loc.1" | tr -d '\r' | sed 's|.*/tickets/||; s|?.*||')
http GET "/tickets/$FREF" -b "$M"
once=$(once_of)
last=$(grep -o 'name="expect_last" value="[0-9]*"' "$T/body" | grep -o '[0-9][0-9]*')
rm -f "$T"/loc.*
send_n 2 "/tickets/$FREF/reply" -F "once=$once" -F "expect_last=$last" -F "body=A reply t200 clicked twice."
check "a reply sent twice at once: saved once" \
	test "$(db -e "SELECT COUNT(*) FROM ticket_messages WHERE body = 'A reply t200 clicked twice.'")" = 1
check "... both sends answered 303 to the ticket" \
	test "$(cat "$T"/loc.* | grep -ci "^Location: .*/tickets/$FREF?done=ticket-replied")" = 2
mpost "$M" "/tickets/$FREF/reply" "/tickets/$FREF" -F "body=Other words, t200." -F "expect_last=$last"
check "... other words from the same stale form: 409, kept" bash -c "test $STATUS = 409 && grep -q 'Other words, t200.' '$T/body'"

# ---- the demo's tickets ----------------------------------------------------
check "the demo has tickets in several languages" \
	test "$(db -e "SELECT COUNT(DISTINCT lang) FROM tickets WHERE ref IN ('T-AURW4K7M', 'T-AURN3P8Q', 'T-AURB8N3P', 'T-AURD6F2H', 'T-BATS6W2X', 'T-BATC7Y3Z')")" -ge 5
check "... their due times derived by the model" \
	test "$(db -e "SELECT COUNT(*) FROM tickets WHERE ref IN ('T-AURN3P8Q', 'T-AURD6F2H', 'T-BATS6W2X') AND first_response_due IS NOT NULL AND next_due IS NOT NULL")" = 3
signin "$T/ben" ben@aurora.example northwind-demo-2026
http GET /tickets/T-AURB8N3P -b "$T/ben"
check "demo: Ben (billing) reads his resolved Finnish ticket" body_has 'Laskulla on väärä ALV-tunnus'
check "... with the staff reply" body_has 'korjasimme ALV-tunnuksen'
check "... and may rate it" body_has 'How did we do?'
http GET /tickets/T-AURW4K7M -b "$T/ben"
check "demo: Ben does not see Olivia's Technical ticket" status_is 404
signin "$T/olivia" olivia@aurora.example northwind-demo-2026
http GET /tickets/T-AURW4K7M -b "$T/olivia"
check "demo: Olivia's ticket waits on her, with the staff reply" bash -c "grep -q 'Waiting for you' '$T/body' && grep -q 'we raised the limit' '$T/body'"
check "... and never the internal note" body_lacks 'pm.max_children'
# Other tests (t240's mail-in) add tickets to Olivia's account, which may
# push Ben's demo ticket off the first page: look through the open
# tickets' pages, whatever ran before.
listed_on_page() {
	local n
	for n in $(seq 1 50); do
		http GET "/tickets?status=open&page=$n" -b "$T/olivia"
		grep -q "$1" "$T/body" && return 0
		grep -q 'href="/tickets/T-' "$T/body" || return 1
	done
	return 1
}
check "demo: the owner lists Ben's tickets too" listed_on_page 'T-AURD6F2H'
http GET /tickets -b "$T/olivia"
check "... not another account's" body_lacks 'T-BATS6W2X'

# ---- deflections in the staff search analytics ---------------------------
signin "$S" t200-admin@northwind.example "$PW"
FORM_PAGE=/signin/2fa post "$S" /signin/2fa "code=$(oathtool --totp -b "$SEC")"
http GET "/staff/tickets/$SREF" -b "$S"
check "the staff ticket page shows the ticket's service" body_has 'Web hosting - aalto-t200.example'

# ---- tickets are in the index for the staff queue, never in /search ------
# Words of one ticket alone: in its subject, its body, a staff reply and
# an internal note.  The staff queue finds them through the index; the
# public search (page, type-ahead, the form's deflection) finds and
# counts nothing, for a visitor and for the owner of the ticket's account.
W=$(tr -dc 'a-z' </dev/urandom | head -c 12)
mpost "$O" /tickets/new /tickets/new -F "subject=Kernel tqs${W}subj panic" \
	-F "body=The host tqs${W}body reboots." -F department=technical -F checked=1
WREF=$(location | grep -o 'T-[0-9A-Z]\{8\}')
"${ACT[@]}" "$WREF" reply "We looked at tqs${W}reply for you." >/dev/null
"${ACT[@]}" "$WREF" note "Staff only: tqs${W}note" >/dev/null
check "the ticket's words are in the index, as a ticket document" \
	test "$(db -e "SELECT COUNT(*) FROM search_docs WHERE kind = 'ticket' AND body_terms LIKE '%tqs${W}body%' AND body_terms LIKE '%tqs${W}note%' AND facets LIKE '%§kticket%'")" = 1
http GET "/staff/tickets?q=tqs${W}body&status=waiting" -b "$S"
check "the staff queue finds a word of the ticket's body" body_has "$WREF"
http GET "/staff/tickets?q=tqs${W}note&status=waiting" -b "$S"
check "... and of its internal note" body_has "$WREF"
for w in subj body reply note; do
	for who in anonymous owner; do
		jar=(); [ $who = owner ] && jar=(-b "$O")
		http GET "/search?q=tqs${W}$w&format=xml" "${jar[@]}"
		check "/search for the ticket's $w word ($who): no hit, counted 0" \
			bash -c "grep -q '<search total=\"0\"' '$T/body' && ! grep -q '<hit ' '$T/body' && ! grep -q 'tqs${W}' <(sed -n '/<hits>/,/<\/hits>/p' '$T/body')"
		http GET "/search/suggest?q=tqs${W}$w" "${jar[@]}"
		check "... type-ahead ($who): none" bash -c "grep -q 'total=\"0\"' '$T/body' && ! grep -q '<hit ' '$T/body'"
	done
	http GET "/tickets/suggest?q=tqs${W}$w" -b "$O"
	check "... the ticket form's suggestions ($w): none" bash -c "grep -q 'total=\"0\"' '$T/body' && ! grep -q '<hit ' '$T/body'"
	http GET "/search?q=tqs${W}$w+invoice&format=xml" -b "$O"
	check "... nor with another word, any word matching ($w)" bash -c "! grep -q '/staff/tickets' '$T/body' && ! grep -q 'tqs${W}' <(grep -A3 '<hit ' '$T/body')"
done
http GET "/search?q=tqs${W}body&format=xml" -b "$S"
check "... nor in staff's /search (the queue has its own box)" bash -c "grep -q '<search total=\"0\"' '$T/body'"
check "the search log counts no result for the words alone" \
	test "$(db -e "SELECT COUNT(*) FROM search_log WHERE query LIKE 'tqs${W}%' AND query NOT LIKE '% %' AND results <> 0")" = 0
http GET /staff/search -b "$S"
check "staff see the deflections in the search analytics" body_has 'Tickets answered by articles'
check "... with the article opened from a suggestion" body_has 'Paying an invoice'
http GET "/tickets/$REF" -b "$S"
check "staff opening a customer's ticket address go to the queue's view" header_has Location "/staff/tickets/$REF"
http GET /tickets -b "$S"
check "... and from the customer's list to the queue" header_has Location '/staff/tickets[[:space:]]*$'
http GET "${FILE}boot%20log.txt" -b "$S"
check "... the customer pages serve staff no file" status_is 404

done_testing
