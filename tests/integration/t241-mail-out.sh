#!/usr/bin/env bash
# Ticket notifications: the ticket_notices outbox rendered into mail by
# the mail sender (send-mail), in the recipient's language and time
# zone, threaded (Message-ID, In-Reply-To/References to the thread's
# first message, the reply's Message-ID kept for the customer's
# answer), Reply-To support+TOKEN@ that mail-in routes back, and
# internal notes never mailed to a customer (not even when a notice
# names one).  The headers a queued row carries are limited to those.
. "$(dirname "$0")/../lib.sh"

ADMIN="$ROOT/portico-admin"
CONF=$STATE/portico.conf
ACT="$ROOT/tests/integration/mail_act -c $CONF"
RUN=o$$x$RANDOM
q() { db -e "$1"; }
send() { "$ADMIN" -c "$CONF" send-mail --once >/dev/null 2>&1; }
# newest_to ADDR PATTERN: the newest delivered mail to ADDR whose text
# matches PATTERN (the running sender may deliver it first).
newest_to() {
	local i f
	for i in $(seq 1 50); do
		send
		f=$(mail_files "^To: .*$1" | xargs -r grep -l -e "$2" 2>/dev/null |
			sort | tail -1)
		[ -n "$f" ] && { echo "$f"; return; }
		sleep 0.2
	done
}
hdr() { sed -n '1,/^\r\?$/p' "$1" | grep -i "^$2:" | head -1 | sed "s/^[^:]*: *//; s/\r$//"; }

# Olivia reads Finnish in Helsinki for this test; what she, Kaisa and
# the department had is put back at the end.
q "SELECT CONCAT('UPDATE users SET language = ''', language, ''', time_zone = ''',
	time_zone, ''' WHERE id = ', id, ';') FROM users
	WHERE email IN ('olivia@aurora.example', 'kaisa@baltic.example')" >"$T/restore.sql"
q "SELECT CONCAT('UPDATE departments SET notify_addr = ''', notify_addr,
	''' WHERE id = ', id, ';') FROM departments WHERE slug = 'technical'" >>"$T/restore.sql"
trap 'db <"$T/restore.sql"; rm -rf "$T"' EXIT
q "UPDATE users SET language = 'fi', time_zone = 'Europe/Helsinki' WHERE email = 'olivia@aurora.example'"
q "UPDATE departments SET notify_addr = 'team-$RUN@northwind.example' WHERE slug = 'technical'"

# --- a ticket opened on the web: the acknowledgement roots the thread -----
t=$($ACT create olivia@aurora.example technical "Varmuuskopiot $RUN" "Yön varmuuskopio puuttuu.")
check "a ticket is opened (as the web form does)" test -n "$t"
ref=$(q "SELECT ref FROM tickets WHERE id = $t")
token=$(q "SELECT mail_token FROM tickets WHERE id = $t")
m=$(newest_to olivia@aurora.example "\[$ref\]")
check "the customer gets the acknowledgement" test -n "$m"
check "... in her language (Finnish), the reference in the subject" \
	bash -c "sed -n '1,/^\r\?$/p' '$m' | tr -d '\n' | grep -q 'Subject: \[$ref\]' && grep -q 'Saimme pyyntösi\|Kiitos yhteydenotostasi' '$m'"
check "... with the expected first answer in her time zone and language" \
	bash -c "grep -q 'Ensimmäinen vastauksemme tulee viimeistään .* (8 työtunnin kuluessa)' '$m'"
root=$(hdr "$m" Message-Id | tr -d '<>')
check "... its Message-ID names the ticket and roots the thread" \
	test "$(q "SELECT mail_id FROM ticket_messages WHERE ticket_id = $t ORDER BY id LIMIT 1")" = "$root"
check "... Reply-To is support+TOKEN@" test "$(hdr "$m" Reply-To)" = "support+$token@northwind.example"
check "... Auto-Submitted: auto-generated (robots do not answer it)" \
	test "$(hdr "$m" Auto-Submitted)" = auto-generated
s=$(newest_to "team-$RUN@northwind.example" "\[$ref\]")
check "the department's address is told of the new ticket, with its text" \
	bash -c "test -n '$s' && grep -q 'Yön varmuuskopio puuttuu.' '$s' && grep -q '/staff/tickets/$ref' '$s'"

# --- staff reply: mailed, threaded, its Message-ID kept -------------------
msg=$($ACT reply "$t" agent@northwind.example "Käynnistimme varmuuskopioagentin uudelleen ($RUN).")
m=$(newest_to olivia@aurora.example "Käynnistimme varmuuskopioagentin uudelleen ($RUN)")
check "staff's public reply reaches the customer" test -n "$m"
check "... In-Reply-To and References name the thread's first mail" \
	test "$(hdr "$m" In-Reply-To):$(hdr "$m" References)" = "<$root>:<$root>"
rid=$(hdr "$m" Message-Id | tr -d '<>')
check "... its own Message-ID is kept as the reply's mail_id" \
	test "$(q "SELECT mail_id FROM ticket_messages WHERE id = $msg")" = "$rid"
check "... a person wrote it: no Auto-Submitted" test -z "$(hdr "$m" Auto-Submitted)"

# --- internal notes: never mailed to the customer ---------------------------
note=$($ACT note "$t" agent@northwind.example "SECRET-NOTE-$RUN: the customer forgot to pay")
check "an internal note is saved" test -n "$note"
check "... the model queues no notice for it" \
	test "$(q "SELECT COUNT(*) FROM ticket_notices WHERE message_id = $note")" = 0
# Even a notice that names it (a model that got it wrong) mails nothing.
q "INSERT INTO ticket_notices (ticket_id, message_id, kind, created_at) VALUES ($t, $note, 'reply', NOW())"
wait_for 10 test "$(q "SELECT COUNT(*) FROM ticket_notices WHERE message_id = $note AND done_at IS NULL")" = 0
send
check "... a notice naming the note is done, and no mail has its text" \
	test "$(q "SELECT COUNT(*) FROM ticket_notices WHERE message_id = $note AND done_at IS NOT NULL"):$(q "SELECT COUNT(*) FROM mail_queue WHERE body LIKE '%SECRET-NOTE-$RUN%'")" = "1:0"
check "... nor any delivered message" test -z "$(mail_files "SECRET-NOTE-$RUN")"

# --- a note that resolves the ticket: the status is mailed, the note never -
nr=$($ACT create olivia@aurora.example technical "Välitin $RUN" "Katsokaa välityspalvelinta.")
nref=$(q "SELECT ref FROM tickets WHERE id = $nr")
$ACT note "$nr" agent@northwind.example "SECRET-RESOLVE-$RUN: fixed it on the relay" resolved >/dev/null
check "a note that sets a status sets it" test "$(q "SELECT status FROM tickets WHERE id = $nr")" = resolved
check "... and queues a status notice that names no message" \
	test "$(q "SELECT COUNT(*) FROM ticket_notices WHERE ticket_id = $nr AND kind = 'status' AND message_id IS NULL")" = 1
m=$(newest_to olivia@aurora.example "tila on nyt: ratkaistu")
check "... the customer is mailed the status, in her language" \
	bash -c "test -n '$m' && grep -q '$nref' '$m'"
nq=$(q "SELECT COUNT(*) FROM mail_queue WHERE body LIKE '%SECRET-RESOLVE-$RUN%'")
check "... never the note's text (no mail, queued or delivered, has it)" \
	test "$nq:$(mail_files "SECRET-RESOLVE-$RUN" | wc -l)" = 0:0
$ACT note "$nr" agent@northwind.example "Another note $RUN, same status" resolved >/dev/null
check "a note that keeps the status mails nothing" \
	test "$(q "SELECT COUNT(*) FROM ticket_notices WHERE ticket_id = $nr AND kind = 'status'")" = 1

# --- the customer answers the reply by mail --------------------------------
sed -e "s/^\(Message-ID: <\)/\1$RUN./" -e "s/@@MSGID@@/$rid/" "$ROOT/tests/mail/reply-in-reply-to.eml" |
	"$ADMIN" -c "$CONF" mail-in >/dev/null 2>&1
check "her answer to the reply threads onto the ticket" \
	test "$(q "SELECT ticket_id FROM mail_in WHERE message_id = '$RUN.CAGk7x3Pq9mZ0vE5=fixture-gmail-reply@mail.gmail.com'")" = "$t"
s=$(newest_to "team-$RUN@northwind.example" "Thanks, that worked!")
check "... and staff are told, with her text" test -n "$s"
check "... but not of the note" bash -c "! grep -q 'SECRET-NOTE' '$s'"
# Her client dropped the headers but answered the Reply-To address.
sed -e "s/^\(Message-ID: <\)/\1$RUN./" -e "s/@@TOKEN@@/$token/g" "$ROOT/tests/mail/reply-token.eml" |
	"$ADMIN" -c "$CONF" mail-in >/dev/null 2>&1
check "an answer to the Reply-To address threads onto the ticket" \
	test "$(q "SELECT ticket_id FROM mail_in WHERE message_id = '$RUN.fixture-token-reply.5@aurora.example'")" = "$t"

# --- a status change, in her language ----------------------------------------
$ACT status "$t" resolved
m=$(newest_to olivia@aurora.example "Pyyntösi $ref tila on nyt: ratkaistu")
check "a status change is mailed in Finnish" test -n "$m"
check "... threaded like the rest" test "$(hdr "$m" In-Reply-To)" = "<$root>"

# --- a ticket opened by mail: the customer's own Message-ID roots it ---------
sed -e "s/^\(Message-ID: <\)/\1$RUN./" "$ROOT/tests/mail/new-fa-qp.eml" | "$ADMIN" -c "$CONF" mail-in >/dev/null 2>&1
q "UPDATE users SET language = 'fa' WHERE email = 'kaisa@baltic.example'"
kref=$(q "SELECT t.ref FROM tickets t JOIN mail_in m ON m.ticket_id = t.id WHERE m.message_id = '$RUN.fixture-fa-qp.2@baltic.example'")
m=$(newest_to kaisa@baltic.example "\[$kref\]")
check "a ticket opened by mail is acknowledged" test -n "$m"
check "... In-Reply-To her mail" test "$(hdr "$m" In-Reply-To)" = "<$RUN.fixture-fa-qp.2@baltic.example>"

# --- the queue's headers: only those, only one line each ---------------------
q "INSERT INTO mail_queue (to_addr, subject, body, headers, created_at, next_attempt) VALUES ('hdr-$RUN@example.com', 's', 'b', CONCAT('Bcc: evil@example.com\nX-Evil: 1\nIn-Reply-To: <a@b>', CHAR(13), 'Bcc: y@example.com\nReferences: <r@b>\nMessage-ID: <own-$RUN@northwind.example>'), NOW(), NOW())"
m=$(newest_to "hdr-$RUN@example.com" .)
check "a queued row's headers: no Bcc, no other header" \
	bash -c "test -n '$m' && ! grep -qi '^Bcc:' '$m' && ! grep -qi '^X-Evil' '$m'"
check "... a value with a control character is dropped, good ones go out" \
	test "$(hdr "$m" In-Reply-To):$(hdr "$m" References):$(hdr "$m" Message-Id)" = ":<r@b>:<own-$RUN@northwind.example>"
done_testing
