#!/usr/bin/env bash
# portico-admin sla-tick: due-soon and breached marks, one escalation
# per breach even with several ticks at the same moment (as on several
# hosts), the priority raised and the department told, and auto-close
# after a warning mail, never before the warning is old enough.  Time
# passing is the due times and waiting spans moved back in the database.
. "$(dirname "$0")/../lib.sh"

ADMIN="$ROOT/portico-admin"
CONF=$STATE/portico.conf
ACT="$ROOT/tests/integration/mail_act -c $CONF"
RUN=s$$x$RANDOM
q() { db -e "$1"; }
tick() { "$ADMIN" -c "$CONF" sla-tick >>"$T/tick.log" 2>&1; }
ticks_at_once() {
	local i
	for i in $(seq 1 "$1"); do tick & done
	wait
}
events() { q "SELECT COUNT(*) FROM ticket_events WHERE ticket_id = $1 AND kind = '$2'"; }
notices() { q "SELECT COUNT(*) FROM ticket_notices WHERE ticket_id = $1 AND kind = '$2'"; }
newest_to() {
	local i f
	for i in $(seq 1 50); do
		"$ADMIN" -c "$CONF" send-mail --once >/dev/null 2>&1
		f=$(mail_files "^To: .*$1" | xargs -r grep -l -e "$2" 2>/dev/null |
			sort | tail -1)
		[ -n "$f" ] && { echo "$f"; return; }
		sleep 0.2
	done
}
q "SELECT CONCAT('UPDATE departments SET notify_addr = ''', notify_addr,
	''' WHERE id = ', id, ';') FROM departments WHERE slug = 'technical'" >"$T/restore.sql"
trap 'db <"$T/restore.sql"; rm -rf "$T"' EXIT
q "UPDATE departments SET notify_addr = 'team-$RUN@northwind.example' WHERE slug = 'technical'"

# --- marks ------------------------------------------------------------------
soon=$($ACT create ben@aurora.example technical "Due soon $RUN" "Soon.")
later=$($ACT create ben@aurora.example technical "Due later $RUN" "Later.")
q "UPDATE tickets SET first_response_due = NOW() + INTERVAL 5 MINUTE, next_due = first_response_due WHERE id = $soon"
q "UPDATE tickets SET first_response_due = NOW() + INTERVAL 30 DAY, next_due = first_response_due WHERE id = $later"
tick
check "sla-tick runs (exit 0)" test "$?" = 0
check "a ticket with a few business minutes left of eight hours: due soon (1)" \
	test "$(q "SELECT sla_state FROM tickets WHERE id = $soon")" = 1
check "a ticket with weeks left: in time (0)" test "$(q "SELECT sla_state FROM tickets WHERE id = $later")" = 0
tick
check "due soon is recorded once, however many ticks" test "$(events "$soon" due-soon)" = 1

# --- a breach, escalated once by four ticks at the same moment ----------------
t=$($ACT create ben@aurora.example technical "Breached $RUN" "Nobody answered.")
ref=$(q "SELECT ref FROM tickets WHERE id = $t")
# High priority: the policy raises it and notifies on a breach.
high=$(q "SELECT id FROM sla_policies WHERE segment_id = 0 AND priority = 'high'")
q "UPDATE tickets SET priority = 'high', policy_id = $high, first_response_due = NOW() - INTERVAL 1 HOUR, next_due = first_response_due WHERE id = $t"
ticks_at_once 4
check "four ticks at once: the breach is escalated once" test "$(events "$t" escalate)" = 1
check "... the priority raised one step (high -> urgent), not four" \
	test "$(q "SELECT priority FROM tickets WHERE id = $t")" = urgent
check "... one notice for the department" test "$(notices "$t" escalated)" = 1
check "... the breach acted on is the first response's" \
	test "$(q "SELECT escalated FROM tickets WHERE id = $t")" = 1
check "... the priority change is the model's (its event)" test "$(events "$t" priority)" = 1
q "UPDATE tickets SET first_response_due = NOW() - INTERVAL 1 HOUR, next_due = first_response_due WHERE id = $t"
tick
tick
check "later ticks: still one escalation" test "$(events "$t" escalate)" = 1
m=$(newest_to "team-$RUN@northwind.example" "The request $ref has passed its service-level target")
check "the department is mailed about the breach" test -n "$m"
# The resolution target passes too: a second breach, escalated once more.
q "UPDATE tickets SET first_response_at = NOW(), resolution_due = NOW() - INTERVAL 1 MINUTE, next_due = resolution_due WHERE id = $t"
ticks_at_once 3
check "the resolution's breach is the second escalation, once" \
	test "$(events "$t" escalate):$(q "SELECT escalated FROM tickets WHERE id = $t")" = "2:2"
check "... urgent is as high as it goes" test "$(q "SELECT priority FROM tickets WHERE id = $t")" = urgent
n=$($ACT create ben@aurora.example technical "Normal breach $RUN" "Normal.")
q "UPDATE tickets SET first_response_due = NOW() - INTERVAL 1 HOUR, next_due = first_response_due WHERE id = $n"
tick
check "a normal ticket's policy only notifies: priority kept" \
	test "$(q "SELECT priority FROM tickets WHERE id = $n"):$(notices "$n" escalated)" = "normal:1"
check "... and it stays marked breached (2)" test "$(q "SELECT sla_state FROM tickets WHERE id = $n")" = 2

# --- auto-close after a warning ---------------------------------------------------
days=$(awk '$1 == "ticket_auto_close_days" {print $3}' "$CONF"); days=${days:-7}
warn=$(awk '$1 == "ticket_auto_close_warn_days" {print $3}' "$CONF"); warn=${warn:-2}
w=$($ACT create olivia@aurora.example technical "Waiting $RUN" "Please check.")
$ACT status "$w" waiting
wref=$(q "SELECT ref FROM tickets WHERE id = $w")
q "UPDATE tickets SET waiting_since = NOW() - INTERVAL $((days - warn)) DAY - INTERVAL 1 HOUR WHERE id = $w"
ticks_at_once 2
check "waiting $((days - warn)) days: warned once (two ticks at once)" \
	test "$(notices "$w" auto-close-warning):$(q "SELECT auto_close_warned IS NOT NULL FROM tickets WHERE id = $w")" = "1:1"
check "... not closed yet" test "$(q "SELECT status FROM tickets WHERE id = $w")" = waiting
m=$(newest_to olivia@aurora.example "request $wref. It will be closed in $warn days unless you reply")
check "... the customer is mailed the warning, with the days left" test -n "$m"
tick
check "a later tick does not warn again" test "$(notices "$w" auto-close-warning)" = 1
q "UPDATE tickets SET waiting_since = NOW() - INTERVAL $days DAY - INTERVAL 1 HOUR, auto_close_warned = NOW() - INTERVAL 1 DAY WHERE id = $w"
tick
check "past $days days but warned only a day ago: still open to an answer" \
	test "$(q "SELECT status FROM tickets WHERE id = $w")" = waiting
q "UPDATE tickets SET auto_close_warned = NOW() - INTERVAL $warn DAY - INTERVAL 1 HOUR WHERE id = $w"
s0=$(notices "$w" status)
ticks_at_once 3
check "warned $warn days ago: closed (three ticks at once)" \
	test "$(q "SELECT status FROM tickets WHERE id = $w")" = closed
check "... one auto-close event, one closing mail's notice, no plain status one" \
	test "$(events "$w" auto-close):$(notices "$w" auto-closed):$(notices "$w" status)" = "1:1:$s0"
m=$(newest_to olivia@aurora.example "Request closed: Waiting $RUN")
check "... and the customer is told" test -n "$m"
u=$($ACT create olivia@aurora.example technical "Unwarned $RUN" "Hello.")
$ACT status "$u" resolved
q "UPDATE tickets SET resolved_at = NOW() - INTERVAL 30 DAY WHERE id = $u"
tick
check "resolved a month, never warned (no tick ran): warned now, not closed" \
	test "$(q "SELECT status FROM tickets WHERE id = $u"):$(notices "$u" auto-close-warning)" = "resolved:1"
check "every tick ended well" bash -c "! grep -q 'database' '$T/tick.log'"
done_testing
