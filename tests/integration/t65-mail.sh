#!/usr/bin/env bash
# The mail queue: a failing mail command keeps the message and tries
# again later; nothing is lost.
. "$(dirname "$0")/../lib.sh"

# The running sender is stopped so that only this test delivers.
pid=$(cat "$STATE/run/mailer.pid")
kill "$pid"; wait_for 5 bash -c "! kill -0 $pid 2>/dev/null"
sed 's|^mail_command = .*|mail_command = /bin/false|' "$STATE/portico.conf" >"$T/bad.conf"
db -e "DELETE FROM signin_throttle"
FORM_PAGE=/reset post "$T/j" /reset "email=kaisa@baltic.example"
id=$(db -e "SELECT MAX(id) FROM mail_queue WHERE to_addr = 'kaisa@baltic.example'")
"$ROOT/portico-admin" -c "$T/bad.conf" send-mail --once >/dev/null 2>&1
check "a failing mail command: the message stays queued" \
	test "$(db -e "SELECT sent_at IS NULL FROM mail_queue WHERE id = $id")" = 1
check "... with the attempt counted and the reason kept" \
	test "$(db -e "SELECT CONCAT(attempts, ':', last_error LIKE '%/bin/false: exit status 1%') FROM mail_queue WHERE id = $id")" = "1:1"
check "... and a later retry time" \
	test "$(db -e "SELECT next_attempt > NOW() FROM mail_queue WHERE id = $id")" = 1
"$ROOT/portico-admin" -c "$STATE/portico.conf" send-mail --once >/dev/null 2>&1
check "not retried before its time" \
	test "$(db -e "SELECT sent_at IS NULL FROM mail_queue WHERE id = $id")" = 1
db -e "UPDATE mail_queue SET next_attempt = NOW() WHERE id = $id"
"$ROOT/portico-admin" -c "$T/bad.conf" send-mail --once >/dev/null 2>&1
check "failing again: the pause grows" \
	test "$(db -e "SELECT attempts = 2 AND next_attempt > NOW() + INTERVAL 45 SECOND FROM mail_queue WHERE id = $id")" = 1
db -e "UPDATE mail_queue SET next_attempt = NOW() WHERE id = $id"
"$ROOT/portico-admin" -c "$STATE/portico.conf" send-mail --once >/dev/null 2>&1
check "when the command works again, the message goes" \
	test "$(db -e "SELECT sent_at IS NOT NULL AND attempts = 3 FROM mail_queue WHERE id = $id")" = 1
check "... and arrives" test -n "$(mail_to kaisa@baltic.example)"
m=$(mail_to kaisa@baltic.example)
check "the message has a From, a Date and a Message-Id" \
	bash -c "grep -q '^From: Northwind Hosting <support@northwind.example>' '$m' && grep -q '^Date: ' '$m' && grep -q '^Message-Id: ' '$m'"
PORTICO_STATE=$STATE "$ROOT/quickstart" _mailer-start >/dev/null 2>&1
check "the sender is running again" wait_for 5 bash -c "kill -0 \$(cat '$STATE/run/mailer.pid')"

# --- no line of its own from a name --------------------------------------
# The forms refuse control characters; a name stored before they did (or
# by an import) still cannot start a line in a message.
db -e "UPDATE users SET name = CONCAT('Kaisa', CHAR(13), CHAR(10), 'Bcc: x@evil.example', CHAR(10), CHAR(10), 'Click') WHERE email = 'kaisa@baltic.example'"
n0=$(mail_count kaisa@baltic.example)
FORM_PAGE=/reset post "$T/j" /reset "email=kaisa@baltic.example"
wait_for 10 bash -c "test \$(find '$STATE/mail' -maxdepth 1 -name '*.eml' -exec grep -l -i '^To: .*kaisa@baltic.example' {} + | wc -l) -gt $n0"
m=$(mail_to kaisa@baltic.example)
check "a name with CR/LF: no line of the message begins with it" \
	bash -c "! grep -q '^Bcc:' '$m' && ! grep -q '^Click' '$m' && grep -q 'Kaisa  Bcc: x@evil.example' '$m'"
check "... and the headers end where they should" \
	test "$(sed -n '1,/^\r\?$/p' "$m" | grep -ci '^bcc')" = 0
db -e "UPDATE users SET name = 'Kaisa Tamm' WHERE email = 'kaisa@baltic.example'"

# --- mail flooding: per address and per client ----------------------------
db -e "DELETE FROM signin_throttle"
FLOOD=flood-$$@example.com
for i in 1 2 3 4; do
	FORM_PAGE=/reset post "$T/j" /reset "email=$FLOOD"
	[ "$STATUS" = 303 ] || break
done
check "four reset mails to one address in a row are fine" status_is 303
FORM_PAGE=/reset post "$T/j" /reset "email=$FLOOD"
check "the fifth must wait: 429" status_is 429
check "... saying how long" body_matches 'Try again in (2[0-9]|30) seconds'
check "... with Retry-After" header_has Retry-After '[0-9]+'
FORM_PAGE=/register post "$T/j" /register "name=Flood" "company=Flood Ltd" \
	"email=$FLOOD" "password=flood-the-box-2026"
check "registration counts against the same address" status_is 429
check "... and creates nobody" test "$(db -e "SELECT COUNT(*) FROM users WHERE email = '$FLOOD'")" = 0
q0=$(db -e "SELECT COALESCE(MAX(id), 0) FROM mail_queue")
for i in 1 2 3 4; do FORM_PAGE=/reset post "$T/j" /reset "email=kaisa@baltic.example"; done
FORM_PAGE=/reset post "$T/j" /reset "email=kaisa@baltic.example"
check "an address that has a user: the same limit, the same answer" status_is 429
check "... so four mails were queued for it, not five" \
	test "$(db -e "SELECT COUNT(*) FROM mail_queue WHERE to_addr = 'kaisa@baltic.example' AND id > $q0")" = 4
db -e "DELETE FROM signin_throttle"
ok_all=yes
for i in $(seq 1 21); do
	FORM_PAGE=/reset post "$T/j" /reset "email=client-$$-$i@example.com"
	[ "$STATUS" = 303 ] || ok_all="no at $i: $STATUS"
done
check "21 mails from one client to different addresses are fine" test "$ok_all" = yes
FORM_PAGE=/reset post "$T/j" /reset "email=client-$$-22@example.com"
check "the 22nd from the same client must wait: 429" status_is 429
check "the counts are in MariaDB, for every worker and host" \
	test "$(db -e "SELECT failures FROM signin_throttle WHERE kind = 'mail-addr' AND subject = '127.0.0.1'")" = 21
db -e "DELETE FROM signin_throttle"
done_testing
