#!/usr/bin/env bash
# portico-admin mail-in: the corpus of tests/mail/ fed as an MTA would
# (Postfix's pipe, fetchmail's MDA), and what the database holds after:
# tickets from known contacts (Chinese and Persian subjects, base64 and
# quoted-printable, Outlook, Apple Mail, HTML only, files in any
# charset), replies threaded by In-Reply-To, by the token in the
# address and by the reference in the subject, auto-replies and bounces
# recorded and never answered, unknown senders held or rejected, a
# second delivery stored once, a sender of another account kept out of
# a ticket not theirs, and the exit codes (sysexits) the MTA acts on.
. "$(dirname "$0")/../lib.sh"

ADMIN="$ROOT/portico-admin"
CONF=$STATE/portico.conf
MAIL=$ROOT/tests/mail
RUN=r$$x$RANDOM
FILES=$(awk '$1 == "files_dir" {print $3}' "$CONF")

# feed FILE [sed expression]: the fixture with Message-IDs of this run
# (so the test runs again on the same instance), through mail-in; sets RC.
feed() {
	local f=$1
	shift
	sed -e "s/^\(Message-I[Dd]: <\)/\1$RUN./" "$@" "$MAIL/$f" >"$T/in.eml"
	"$ADMIN" -c "${FEED_CONF:-$CONF}" mail-in ${FEED_ARGS:-} <"$T/in.eml" \
		>"$T/out" 2>&1
	RC=$?
}
mid() { echo "$RUN.$1"; }
q() { db -e "$1"; }
ticket_of() { q "SELECT ticket_id FROM mail_in WHERE message_id = '$(mid "$1")'"; }
tcol() { q "SELECT $2 FROM tickets WHERE id = $1"; }
olivia=$(q "SELECT id FROM users WHERE email = 'olivia@aurora.example'")
kaisa=$(q "SELECT id FROM users WHERE email = 'kaisa@baltic.example'")
first_dept=$(q "SELECT id FROM departments ORDER BY position, id LIMIT 1")
billing=$(q "SELECT id FROM departments WHERE slug = 'billing'")

# --- a new ticket from a known contact: Chinese, base64 -------------------
feed new-zh-base64.eml
check "zh: exit status 0" test "$RC" = 0
t=$(ticket_of fixture-zh-base64.1@aurora.example)
check "zh: mail_in says it opened a ticket" \
	test "$(q "SELECT outcome FROM mail_in WHERE message_id = '$(mid fixture-zh-base64.1@aurora.example)'")" = ticket
check "zh: the ticket is Olivia's, from mail, in the first department" \
	test "$(tcol "$t" "CONCAT(requester_id, ':', source, ':', department_id, ':', status)")" = "$olivia:mail:$first_dept:new"
check "zh: the RFC 2047 subject, decoded" test "$(tcol "$t" subject)" = "无法登录控制面板"
check "zh: the language is the user's" \
	test "$(tcol "$t" lang)" = "$(q "SELECT language FROM users WHERE id = $olivia")"
check "zh: the base64 body, decoded, is the first message" \
	test "$(q "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $t AND author_kind = 'customer' AND body LIKE '%从昨天开始我无法登录控制面板%' AND mail_id = '$(mid fixture-zh-base64.1@aurora.example)'")" = 1
check "zh: a due time from the policy" test "$(tcol "$t" "first_response_due IS NOT NULL")" = 1

# The MTA delivers the same message again (it lost our answer).
feed new-zh-base64.eml
check "the same Message-ID again: exit status 0" test "$RC" = 0
check "... stored once: one mail_in line, one ticket" \
	test "$(q "SELECT COUNT(*) FROM mail_in WHERE message_id = '$(mid fixture-zh-base64.1@aurora.example)'"):$(q "SELECT COUNT(*) FROM ticket_messages WHERE mail_id = '$(mid fixture-zh-base64.1@aurora.example)'")" = "1:1"
# Two deliveries at the same moment.
sed -e "s/^\(Message-I[Dd]: <\)/\1$RUN.twice./" "$MAIL/unknown-sender.eml" |
	sed 's/stranger@example.net/ben@aurora.example/' >"$T/twice.eml"
for i in 1 2 3; do "$ADMIN" -c "$CONF" mail-in <"$T/twice.eml" >/dev/null 2>&1 & done
wait
check "three deliveries at once: one ticket" \
	test "$(q "SELECT COUNT(*) FROM ticket_messages WHERE mail_id = '$RUN.twice.fixture-unknown-sender.12@example.net'")" = 1

# --- Persian, quoted-printable, to support+billing@ -----------------------
feed new-fa-qp.eml
t=$(ticket_of fixture-fa-qp.2@baltic.example)
check "fa: a ticket for Kaisa" test "$(tcol "$t" requester_id)" = "$kaisa"
check "fa: two Q-encoded words make the subject" test "$(tcol "$t" subject)" = "مشکل در پرداخت صورتحساب"
check "fa: support+billing@ files it under Billing" test "$(tcol "$t" department_id)" = "$billing"
check "fa: the quoted-printable body" \
	test "$(q "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $t AND body LIKE '%دو بار از کارت من کسر شده است%'")" = 1

# The configured department for mail that names none.
sed 's/^ticket_mail_department = .*//' "$CONF" >"$T/sales.conf"
echo "ticket_mail_department = sales" >>"$T/sales.conf"
FEED_CONF=$T/sales.conf feed new-zh-base64.eml -e "s/zh-base64.1/zh-base64.sales/"
check "ticket_mail_department = sales: a mail to support@ is filed under Sales" \
	test "$(tcol "$(ticket_of fixture-zh-base64.sales@aurora.example)" department_id)" = "$(q "SELECT id FROM departments WHERE slug = 'sales'")"

# --- Outlook: related, alternative, an inline image, a PDF ---------------
feed outlook-related.eml
t=$(ticket_of AM0PR07MB4523F1E2C3B4A5D6E7F8A9B0C1D2@AM0PR07MB4523.eurprd07.prod.outlook.com)
check "outlook: a ticket" test -n "$t"
check "outlook: the text/plain alternative (windows-1252) is the body" \
	test "$(q "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $t AND body LIKE '%Ben Ström%' AND body NOT LIKE '%MsoNormal%' AND body NOT LIKE '%<p%'")" = 1
check "outlook: the inline image, typed by its bytes, with its Content-ID" \
	test "$(q "SELECT CONCAT(content_type, ':', inline_cid, ':', size) FROM ticket_attachments WHERE ticket_id = $t AND name = 'image001.png'")" = "image/png:image001.png@01DB4C2A.5E3F1B20:70"
check "outlook: the PDF named in RFC 2231 UTF-8" \
	test "$(q "SELECT content_type FROM ticket_attachments WHERE ticket_id = $t AND name = 'Lasku-ALV-määrä.pdf'")" = application/pdf
sha=$(q "SELECT sha256 FROM ticket_attachments WHERE ticket_id = $t AND name = 'Lasku-ALV-määrä.pdf'")
check "outlook: the file is in files_dir by its SHA-256" \
	test "$(sha256sum "$FILES/$sha" 2>/dev/null | cut -c1-64)" = "$sha"
check "outlook: the attachments belong to the ticket's message" \
	test "$(q "SELECT COUNT(*) FROM ticket_attachments a JOIN ticket_messages m ON m.id = a.message_id WHERE a.ticket_id = $t AND m.ticket_id = $t")" = 2

# --- HTML only: safe text, never HTML ------------------------------------
feed html-only.eml
t=$(ticket_of fixture-html-only.7@aurora.example)
body=$(q "SELECT body FROM ticket_messages WHERE ticket_id = $t")
check "html: the text is kept" bash -c "grep -q 'Hei, postimme ei ole kulkenut eilisestä asti.' <<<'$body'"
check "html: no tag, script, style or handler reaches the database" \
	bash -c "! grep -qiE '<b>|<img|<p>|onerror|alert|color:red' <<<\"\$1\"" _ "$body"
check "html: a link keeps its address as text" \
	bash -c "grep -qF 'tilasivu <https://status.aurora.example/incident/42>' <<<\"\$1\"" _ "$body"
check "html: the ISO-8859-1 subject" test "$(tcol "$t" subject)" = "Sähköposti ei kulje"

# --- Apple Mail's inline image; a file named in GB2312 --------------------
feed inline-image.eml
t=$(ticket_of fixture-inline-image.8@aurora.example)
check "apple: the image inside the HTML alternative is kept" \
	test "$(q "SELECT CONCAT(name, ':', content_type, ':', inline_cid) FROM ticket_attachments WHERE ticket_id = $t")" = "screenshot.jpg:image/jpeg:0A1B2C3D-screenshot@apple"
feed attachment-charset.eml
t=$(ticket_of fixture-attachment-charset.9@baltic.example)
check "a file named in GB2312, kept under its name in UTF-8" \
	test "$(q "SELECT name FROM ticket_attachments WHERE ticket_id = $t")" = "服务器日志.txt"
check "... an ISO-8859-7 subject and body" \
	test "$(tcol "$t" subject):$(q "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $t AND body LIKE '%επισυνάπτω το αρχείο%'")" = "Αρχείο καταγραφής:1"

# --- replies ---------------------------------------------------------------
zh=$(ticket_of fixture-zh-base64.1@aurora.example)
n0=$(q "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $zh")
feed reply-in-reply-to.eml -e "s/@@MSGID@@/$(mid fixture-zh-base64.1@aurora.example)/"
check "a Gmail reply by In-Reply-To: posted on the ticket, no new ticket" \
	test "$(q "SELECT outcome FROM mail_in WHERE message_id = '$(mid CAGk7x3Pq9mZ0vE5=fixture-gmail-reply@mail.gmail.com)'"):$(ticket_of CAGk7x3Pq9mZ0vE5=fixture-gmail-reply@mail.gmail.com)" = "reply:$zh"
check "... as the customer, its text/plain without what it quotes" \
	test "$(q "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $zh AND author_kind = 'customer' AND author_id = $olivia AND body = 'Thanks, that worked! The backup runs again.'")" = 1
token=$(tcol "$zh" mail_token)
feed reply-token.eml -e "s/@@TOKEN@@/$token/g"
check "a reply to support+TOKEN@: posted on that ticket" \
	test "$(ticket_of fixture-token-reply.5@aurora.example):$(q "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $zh AND body LIKE '%yön ajo jäi väliin%'")" = "$zh:1"
ref=$(tcol "$zh" ref)
feed reply-subject-ref.eml -e "s/@@REF@@/$ref/"
check "a reply with [$ref] in the subject: posted on that ticket" \
	test "$(ticket_of fixture-subject-ref.6@aurora.example)" = "$zh"
check "three replies, three messages" \
	test "$(q "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $zh")" = $((n0 + 3))
# Our own Message-ID (a notice's) names the reference first.
sed -e "s/^\(Message-ID: <\)/\1$RUN.own./" -e "s/@@MSGID@@/$ref.0123456789abcdef@northwind.example/" \
	"$MAIL/reply-in-reply-to.eml" | "$ADMIN" -c "$CONF" mail-in >/dev/null 2>&1
check "an answer to a notice whose id was not kept threads by its reference" \
	test "$(q "SELECT ticket_id FROM mail_in WHERE message_id = '$RUN.own.CAGk7x3Pq9mZ0vE5=fixture-gmail-reply@mail.gmail.com'")" = "$zh"

# A reply to a ticket merged into another goes to that one; a reply to
# a closed ticket opens a new one that follows it.
ACT="$ROOT/tests/integration/mail_act -c $CONF"
dup=$($ACT create olivia@aurora.example technical "Duplicate $RUN" "Same thing.")
$ACT merge "$dup" "$zh" agent@northwind.example
feed reply-subject-ref.eml -e "s/@@REF@@/$(tcol "$dup" ref)/" -e "s/subject-ref.6/subject-ref.merged/"
check "a reply quoting a merged ticket's reference lands in the one it joined" \
	test "$(ticket_of fixture-subject-ref.merged@aurora.example)" = "$zh"
old=$($ACT create olivia@aurora.example technical "Old $RUN" "Old question.")
$ACT status "$old" closed
feed reply-subject-ref.eml -e "s/@@REF@@/$(tcol "$old" ref)/" -e "s/subject-ref.6/subject-ref.closed/"
t=$(ticket_of fixture-subject-ref.closed@aurora.example)
check "a reply to a closed ticket opens a new one linked to it" \
	test "$(q "SELECT outcome FROM mail_in WHERE message_id = '$(mid fixture-subject-ref.closed@aurora.example)'"):$(tcol "$t" parent_id):$(tcol "$old" status)" = "ticket:$old:closed"

# --- someone else's ticket: kept out ---------------------------------------
n0=$(q "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $zh")
feed reply-subject-ref.eml -e "s/@@REF@@/$ref/" -e "s/olivia@aurora.example/kaisa@baltic.example/g" \
	-e "s/subject-ref.6/subject-ref.attack/"
check "Kaisa (another account) quotes Olivia's reference: nothing posted there" \
	test "$(q "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $zh")" = "$n0"
t=$(ticket_of fixture-subject-ref.attack@aurora.example)
check "... her mail opens a ticket of her own account instead" \
	test "$(tcol "$t" "CONCAT(requester_id, ':', account_id <> $(tcol "$zh" account_id))")" = "$kaisa:1"
feed reply-token.eml -e "s/@@TOKEN@@/$token/g" -e "s/olivia@aurora.example/kaisa@baltic.example/g" \
	-e "s/token-reply.5/token-reply.attack/"
check "... and Olivia's secret address does not let her in either" \
	test "$(q "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $zh")" = "$n0"

# --- machines: recorded, never answered -----------------------------------
q0=$(q "SELECT COALESCE(MAX(id), 0) FROM mail_queue")
tk0=$(q "SELECT COUNT(*) FROM tickets")
nt0=$(q "SELECT COUNT(*) FROM ticket_notices")
feed auto-reply.eml
check "an out-of-office reply from a contact: exit 0, recorded as auto-reply" \
	test "$RC:$(q "SELECT outcome FROM mail_in WHERE message_id = '$(mid fixture-auto-reply.10@aurora.example)'")" = "0:auto-reply"
feed bounce-dsn.eml
check "a bounce (DSN, null sender): recorded as bounce" \
	test "$RC:$(q "SELECT outcome FROM mail_in WHERE message_id = '$(mid 20261130101000.1C2D3E4F5A@mx.aurora.example)'")" = "0:bounce"
feed bulk.eml
check "Precedence: bulk: recorded as auto-reply" \
	test "$(q "SELECT outcome FROM mail_in WHERE message_id = '$(mid fixture-bulk.13@aurora.example)'")" = auto-reply
feed auto-reply.eml -e "s/^From: .*/From: Northwind Hosting <support@northwind.example>/" \
	-e "/^Auto-Submitted/d" -e "/^X-Auto/d" -e "s/auto-reply.10/loop.10/"
check "a mail from our own support address (a loop): recorded, not a ticket" \
	test "$(q "SELECT outcome FROM mail_in WHERE message_id = '$(mid fixture-loop.10@aurora.example)'")" = auto-reply
check "... none of them opened a ticket or posted" test "$(q "SELECT COUNT(*) FROM tickets")" = "$tk0"
check "... or queued a notice or any mail to them" \
	test "$(q "SELECT COUNT(*) FROM ticket_notices"):$(q "SELECT COUNT(*) FROM mail_queue WHERE id > $q0 AND (to_addr LIKE 'mailer-daemon%' OR headers REGEXP '$RUN[.](fixture-(auto-reply|bulk|loop)|20261130101000)')")" = "$nt0:0"

# --- unknown senders ------------------------------------------------------
# Olivia's address, but her domain's DMARC refused the mail at our MTA:
# a forgery is no contact, whatever its From.
feed new-zh-base64.eml -e "s/zh-base64.1/zh-base64.forged/" \
	-e "s/^Delivered-To: .*/&\r\nAuthentication-Results: mx.northwind.example; dkim=none; spf=softfail smtp.mailfrom=aurora.example; dmarc=fail (p=reject) header.from=aurora.example/"
check "a known From whose DMARC failed at our MTA: held, no ticket" \
	test "$RC:$(q "SELECT CONCAT(outcome, ':', ticket_id IS NULL) FROM mail_in WHERE message_id = '$(mid fixture-zh-base64.forged@aurora.example)'")" = "0:held:1"

feed unknown-sender.eml
check "an unknown sender (hold): exit 0, held with its text for staff" \
	test "$RC:$(q "SELECT CONCAT(outcome, ':', held_body LIKE 'Hello, do you sell .fi domains?%', ':', ticket_id IS NULL) FROM mail_in WHERE message_id = '$(mid fixture-unknown-sender.12@example.net)'")" = "0:held:1:1"
check "... no ticket, no mail" test "$(q "SELECT COUNT(*) FROM tickets"):$(q "SELECT COUNT(*) FROM mail_queue WHERE id > $q0 AND to_addr = 'stranger@example.net'")" = "$tk0:0"
sed 's/^ticket_unknown_sender = .*//' "$CONF" >"$T/reject.conf"
echo "ticket_unknown_sender = reject" >>"$T/reject.conf"
FEED_CONF=$T/reject.conf feed unknown-sender.eml -e "s/unknown-sender.12/unknown-sender.r1/" \
	-e "s/stranger@example.net/stranger-$RUN@example.net/g"
check "an unknown sender (reject): recorded as rejected" \
	test "$RC:$(q "SELECT outcome FROM mail_in WHERE message_id = '$(mid fixture-unknown-sender.r1@example.net)'")" = "0:rejected"
m=$(mail_to "stranger-$RUN@example.net")
check "... and answered once, saying so" bash -c "grep -q 'no account with us' '$m'"
check "... the answer is Auto-Submitted and answers the mail" \
	bash -c "grep -q '^Auto-Submitted: auto-replied' '$m' && grep -q '^In-Reply-To: <$(mid fixture-unknown-sender.r1@example.net)>' '$m'"
FEED_CONF=$T/reject.conf feed unknown-sender.eml -e "s/unknown-sender.12/unknown-sender.r2/" \
	-e "s/stranger@example.net/stranger-$RUN@example.net/g"
check "a second rejected mail the same day: recorded, not answered again" \
	test "$(q "SELECT COUNT(*) FROM mail_in WHERE from_addr = 'stranger-$RUN@example.net' AND outcome = 'rejected'"):$(q "SELECT COUNT(*) FROM mail_queue WHERE to_addr = 'stranger-$RUN@example.net'")" = "2:1"

# --- what the columns cannot hold ---------------------------------------------
long=$(printf 'Ylipitkä otsikko %.0s' $(seq 1 60))
feed unknown-sender.eml -e "s/unknown-sender.12/long.15/" -e "s/stranger@example.net/ben@aurora.example/" \
	-e "s/^Subject: .*/Subject: $long/" -e "s/^Message-ID: <\(.*\)>/Message-ID: <\1-идентификатор>/"
check "a 1,000-character subject and a UTF-8 Message-ID: stored (exit 0)" test "$RC" = 0
t=$(q "SELECT ticket_id FROM mail_in WHERE subject LIKE 'Ylipitkä otsikko%' AND message_id LIKE '%@id.invalid' ORDER BY id DESC LIMIT 1")
check "... the ticket's subject cut at 300 characters, mail_in's at 500" \
	test "$(tcol "$t" "CHAR_LENGTH(subject)"):$(q "SELECT CHAR_LENGTH(subject) FROM mail_in WHERE ticket_id = $t")" = "300:500"

# --- exit codes --------------------------------------------------------------
feed garbage.txt
check "bytes that are no mail: EX_DATAERR (65)" test "$RC" = 65
"$ADMIN" -c "$CONF" mail-in </dev/null >/dev/null 2>&1
check "nothing on stdin: EX_DATAERR (65)" test "$?" = 65
sed -e 's|^db_socket = .*|db_socket = /nonexistent/mysqld.sock|' "$CONF" >"$T/down.conf"
FEED_CONF=$T/down.conf feed new-zh-base64.eml -e "s/zh-base64.1/zh-base64.down/"
check "the database down: EX_TEMPFAIL (75), the MTA retries" test "$RC" = 75
check "... and nothing was stored" \
	test "$(q "SELECT COUNT(*) FROM mail_in WHERE message_id = '$(mid fixture-zh-base64.down@aurora.example)'")" = 0
FEED_CONF=$T/down.conf feed auto-reply.eml -e "s/auto-reply.10/auto-reply.down/"
check "... even for mail that would only be recorded" test "$RC" = 75
"$ADMIN" -c /nonexistent.conf mail-in <"$MAIL/new-zh-base64.eml" >/dev/null 2>&1
check "no configuration: EX_TEMPFAIL (75)" test "$?" = 75
FEED_ARGS="--recipient support+billing@northwind.example" feed unknown-sender.eml \
	-e "s/unknown-sender.12/recipient.14/" -e "s/stranger@example.net/ben@aurora.example/" \
	-e "/^To:/d"
t=$(ticket_of fixture-recipient.14@example.net)
check "--recipient (the envelope's, from the MTA) routes like the headers" \
	test "$(tcol "$t" department_id)" = "$billing"

# --- never half-stored ----------------------------------------------------------
# The file row fails (a trigger stands in for a full disk or a lost
# server) after the ticket and its message were written: nothing of the
# mail stays, and the MTA is told to try again.
db --delimiter='//' -e "CREATE TRIGGER t240_poison BEFORE INSERT ON ticket_attachments
   FOR EACH ROW IF NEW.name = 'poison.pdf' THEN SIGNAL SQLSTATE '45000'
   SET MESSAGE_TEXT = 't240'; END IF//"
tk0=$(q "SELECT COUNT(*) FROM tickets")
feed outlook-related.eml -e "s/AM0PR07MB4523F1E2C3B4A5D6E7F8A9B0C1D2@/half@/" \
	-e "s/filename\*=utf-8''Lasku-ALV-m%C3%A4%C3%A4r%C3%A4.pdf/filename=poison.pdf/"
q "DROP TRIGGER t240_poison"
check "a failure after the ticket was written: EX_TEMPFAIL (75)" test "$RC" = 75
check "... and no ticket, message or mail_in line of it stays" \
	test "$(q "SELECT COUNT(*) FROM tickets"):$(q "SELECT COUNT(*) FROM ticket_messages WHERE mail_id = '$(mid half@AM0PR07MB4523.eurprd07.prod.outlook.com)'"):$(q "SELECT COUNT(*) FROM mail_in WHERE message_id = '$(mid half@AM0PR07MB4523.eurprd07.prod.outlook.com)'")" = "$tk0:0:0"
feed outlook-related.eml -e "s/AM0PR07MB4523F1E2C3B4A5D6E7F8A9B0C1D2@/half@/" \
	-e "s/filename\*=utf-8''Lasku-ALV-m%C3%A4%C3%A4r%C3%A4.pdf/filename=poison.pdf/"
check "... nor a search document of the ticket rolled back" \
	test "$(q "SELECT COUNT(*) FROM search_docs WHERE kind = 'ticket' AND item_id > (SELECT COALESCE(MAX(id), 0) FROM tickets)")" = 0
check "the MTA's retry then stores it whole" \
	test "$RC:$(q "SELECT COUNT(*) FROM ticket_attachments WHERE ticket_id = (SELECT ticket_id FROM mail_in WHERE message_id = '$(mid half@AM0PR07MB4523.eurprd07.prod.outlook.com)')")" = "0:2"
check "... and the staff queue's index has its ticket, once committed" \
	test "$(q "SELECT COUNT(*) FROM search_docs WHERE kind = 'ticket' AND id = 4000000000 + (SELECT ticket_id FROM mail_in WHERE message_id = '$(mid half@AM0PR07MB4523.eurprd07.prod.outlook.com)')")" = 1

# --- what a mail's files are served as ------------------------------------------
# A mail's files are typed by their bytes, whatever they are.  An SVG
# with a script, or a script (a #! line makes it application/javascript
# by its bytes, and browsers run it), must never be shown or run on the
# portal's origin: they download as bytes, under a sandbox; a picture
# an upload may be still shows in the page.
svg=$(printf '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script href="x.js"/><script>alert(1)</script></svg>\n' | base64 -w0)
js=$(printf '#!/usr/bin/env node\nfetch("/account");\n' | base64 -w0)
png=iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==
printf 'From: Olivia Laine <olivia@aurora.example>\nTo: support@northwind.example\nSubject: t240 pictures\nMessage-ID: <%s.files@aurora.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nPictures.\n--b\nContent-Type: image/svg+xml\nContent-Disposition: attachment; filename="pic.svg"\nContent-Transfer-Encoding: base64\n\n%s\n--b\nContent-Type: text/javascript\nContent-Disposition: attachment; filename="x.js"\nContent-Transfer-Encoding: base64\n\n%s\n--b\nContent-Type: image/png\nContent-Disposition: attachment; filename="dot.png"\nContent-Transfer-Encoding: base64\n\n%s\n--b--\n' \
	"$RUN" "$svg" "$js" "$png" | "$ADMIN" -c "$CONF" mail-in >/dev/null 2>&1
ft=$(q "SELECT ticket_id FROM mail_in WHERE message_id = '$RUN.files@aurora.example'")
fref=$(tcol "$ft" ref)
fid() { q "SELECT id FROM ticket_attachments WHERE ticket_id = $ft AND name = '$1'"; }
check "a mail with an SVG, a script and a picture: three files" test -n "$(fid pic.svg)" -a -n "$(fid x.js)" -a -n "$(fid dot.png)"
signin "$T/olivia" olivia@aurora.example northwind-demo-2026
for f in pic.svg x.js; do
	http GET "/tickets/$fref/files/$(fid $f)/$f" -b "$T/olivia"
	check "$f: downloads as bytes" bash -c "test $STATUS = 200 && grep -qi '^Content-Type: application/octet-stream' '$T/headers' && grep -qi '^Content-Disposition: attachment' '$T/headers'"
	check "$f: ... under a sandbox" header_has Content-Security-Policy "default-src 'none'; sandbox"
done
http GET "/tickets/$fref/files/$(fid dot.png)/dot.png" -b "$T/olivia"
check "a PNG still shows in the page" bash -c "test $STATUS = 200 && grep -qi '^Content-Type: image/png' '$T/headers' && grep -qi '^Content-Disposition: inline' '$T/headers'"

# --- held mail: kept with its files, decided by staff ---------------------
HSEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
q "DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 't240-agent@northwind.example'"
q "DELETE FROM users WHERE email = 't240-agent@northwind.example'"
q "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES ('t240-agent@northwind.example', 'Taru Agent', 'active', 'agent', '$HSEC', 1)"
echo "t240-password-2026" | "$ADMIN" -c "$CONF" set-password t240-agent@northwind.example >/dev/null
held_mail() {	# TAG: a stranger's mail with a PDF and a picture
	feed outlook-related.eml -e "s/AM0PR07MB4523F1E2C3B4A5D6E7F8A9B0C1D2@/held-$1@/" \
		-e "s/ben@aurora.example/stranger-$RUN@example.org/g" \
		-e "s/^Subject: .*/Subject: Held $1 $RUN/"
	q "SELECT id FROM mail_in WHERE message_id = '$(mid "held-$1@AM0PR07MB4523.eurprd07.prod.outlook.com")'"
}
h1=$(held_mail one)
check "a stranger's mail with files: held, its files kept for staff" \
	test "$(q "SELECT CONCAT(outcome, ':', held_state, ':', held_reason) FROM mail_in WHERE id = $h1"):$(q "SELECT COUNT(*) FROM mail_in_files WHERE mail_in_id = $h1")" = "held:held:unknown-sender:2"
h2=$(held_mail two)
h3=$(held_mail three)
A=$T/agent
signin "$A" t240-agent@northwind.example t240-password-2026
FORM_PAGE=/signin/2fa post "$A" /signin/2fa "code=$(oathtool --totp -b "$HSEC")"
http GET /staff/tickets/held -b "$A"
check "staff list held mail: sender, subject, reason" \
	bash -c "grep -q 'stranger-$RUN@example.org' '$T/body' && grep -q 'Held one $RUN' '$T/body' && grep -q 'Unknown sender' '$T/body'"
check "... with no empty notice above them" body_lacks 'class="notice notice-success"'
http GET /staff/tickets/held -b "$T/olivia"
check "... a customer may not: 403/404" bash -c "test $STATUS = 403 -o $STATUS = 404"
http GET "/staff/tickets/held/$h1" -b "$A"
check "one held mail: its text and its files" \
	bash -c "test $STATUS = 200 && grep -q 'Held one $RUN' '$T/body' && grep -q 'Lasku-ALV' '$T/body'"
check "... and no empty notice" body_lacks 'class="notice notice-success"'
hf=$(q "SELECT id FROM mail_in_files WHERE mail_in_id = $h1 ORDER BY id LIMIT 1")
hn=$(q "SELECT name FROM mail_in_files WHERE id = $hf")
http GET "/staff/tickets/held/$h1/files/$hf/$hn" -b "$A"
check "... a file of it downloads, under a sandbox" bash -c "test $STATUS = 200 && grep -qi '^Content-Security-Policy: default-src .none.; sandbox' '$T/headers'"
http GET "/staff/tickets/held/$h2/files/$hf/$hn" -b "$A"
check "... not through another held mail's address: 404" status_is 404
# Attach the first to Olivia's ticket from before.
ref1=$(tcol "$(ticket_of fixture-gmail-new.3@mail.gmail.com)" ref 2>/dev/null)
[ -n "$ref1" ] || ref1=$(q "SELECT ref FROM tickets WHERE requester_id = $olivia AND status NOT IN ('closed') ORDER BY id DESC LIMIT 1")
tid1=$(q "SELECT id FROM tickets WHERE ref = '$ref1'")
nm=$(q "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $tid1")
FORM_PAGE=/staff/tickets/held/$h1 post "$A" "/staff/tickets/held/$h1/attach" "ref=T-ZZZZZZZZ"
check "attaching to no ticket: 400, said in the form" bash -c "test $STATUS = 400 && grep -q 'There is no ticket with this reference' '$T/body'"
FORM_PAGE=/staff/tickets/held/$h1 post "$A" "/staff/tickets/held/$h1/attach" "ref=$(echo "$ref1" | tr 'A-Z' 'a-z')"
check "attaching it to a ticket: 303 to the ticket" header_has Location "/staff/tickets/$ref1"
check "... the ticket has its text and its two files" \
	test "$(q "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $tid1"):$(q "SELECT COUNT(*) FROM ticket_attachments a JOIN ticket_messages m ON m.id = a.message_id WHERE m.ticket_id = $tid1 AND m.body LIKE '%VAT%' AND m.source = 'mail'")" = "$((nm + 1)):2"
check "... the held mail says where it went, who and when" \
	test "$(q "SELECT CONCAT(held_state, ':', ticket_id = $tid1, ':', held_by IS NOT NULL, ':', held_done_at IS NOT NULL) FROM mail_in WHERE id = $h1")" = "attached:1:1:1"
check "... audited" test "$(q "SELECT COUNT(*) FROM audit_log WHERE event = 'held-mail' AND detail LIKE '$h1 attached to%'")" = 1
check "... its author is the address it came from, not a user" \
	test "$(q "SELECT CONCAT(IFNULL(author_id, 'none'), ':', author_kind, ':', author_email) FROM ticket_messages WHERE ticket_id = $tid1 ORDER BY id DESC LIMIT 1")" = "none:customer:stranger-$RUN@example.org"
http GET "/staff/tickets/$ref1" -b "$A"
check "... the agent's view of the thread names it" body_has "stranger-$RUN@example.org"
http GET "/tickets/$ref1" -b "$T/olivia"
check "... so does the customer's" body_has "stranger-$RUN@example.org"
http GET /staff/tickets/held -b "$A"
check "... and it leaves the list" bash -c "! grep -q 'Held one $RUN' '$T/body' && grep -q 'Held two $RUN' '$T/body'"
FORM_PAGE=/staff/tickets/held/$h2 post "$A" "/staff/tickets/held/$h1/discard"
check "deciding again on a decided mail: 409, nothing changes" \
	test "$STATUS:$(q "SELECT held_state FROM mail_in WHERE id = $h1")" = "409:attached"
# Open a ticket for a customer from the second.
FORM_PAGE=/staff/tickets/held/$h2 post "$A" "/staff/tickets/held/$h2/open" "email=nobody-$RUN@example.org" "department=$billing"
check "opening a ticket for no customer: 400, said in the form" bash -c "test $STATUS = 400 && grep -q 'No active customer has this e-mail address' '$T/body'"
tk1=$(q "SELECT COUNT(*) FROM tickets")
FORM_PAGE=/staff/tickets/held/$h2 post "$A" "/staff/tickets/held/$h2/open" "email=kaisa@baltic.example" "department=$billing"
check "opening a ticket from it for a customer: 303 to the new ticket" header_has Location '/staff/tickets/T-[0-9A-Z]{8}'
nt=$(q "SELECT ticket_id FROM mail_in WHERE id = $h2")
check "... Kaisa's, in Billing, with the text and the files" \
	test "$(q "SELECT COUNT(*) FROM tickets"):$(tcol "$nt" requester_id):$(tcol "$nt" department_id):$(q "SELECT COUNT(*) FROM ticket_attachments WHERE ticket_id = $nt"):$(q "SELECT held_state FROM mail_in WHERE id = $h2")" = "$((tk1 + 1)):$kaisa:$billing:2:opened"
# Two agents discard the third at once: one decides.
tok=$(form_token "$A" "/staff/tickets/held/$h3")
for i in 1 2 3; do
	curl -s -o /dev/null -w '%{http_code}\n' -b "$A" -H "Origin: $URL" --data-urlencode "csrf=$tok" "$URL/staff/tickets/held/$h3/discard" >"$T/race.$i" &
done
wait
check "three discards at once: one 303, the others 409" \
	test "$(cat "$T"/race.* | sort | tr '\n' ' ')" = "303 409 409 "
check "... discarded once, audited once" \
	test "$(q "SELECT held_state FROM mail_in WHERE id = $h3"):$(q "SELECT COUNT(*) FROM audit_log WHERE event = 'held-mail' AND detail LIKE '$h3 discarded%'")" = "discarded:1"
done_testing
