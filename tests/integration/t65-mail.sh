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
done_testing
