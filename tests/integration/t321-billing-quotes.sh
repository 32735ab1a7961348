#!/usr/bin/env bash
# Quotes: accept and decline with a comment by the owner and billing
# contacts only, with CSRF, audited with the version shown, mailed to
# staff through the mail queue; refused (409, nothing changed) when the
# quote expired or changed since it was shown or was decided already;
# and exactly one outcome when two people click at once.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/billing-fixture.sh"
trap 'billing_cleanup; rm -rf "$T"' EXIT
billing_fixture
O=$T/owner; B=$T/billing; TE=$T/tech; M=$T/member
signin "$O" t320-owner@t320.example "$BPW"
signin "$B" t320-billing@t320.example "$BPW"
signin "$TE" t320-tech@t320.example "$BPW"
signin "$M" t320-member@t320.example "$BPW"
db -e "UPDATE accounts SET billing_members = TRUE WHERE id = $ACC_A"
STAFF=billing@northwind.example
audits() { db -e "SELECT COUNT(*) FROM audit_log WHERE event IN ('quote-accepted', 'quote-declined') AND account_id = $ACC_A AND detail LIKE 'quote=$1 %'"; }
mails() { db -e "SELECT COUNT(*) FROM mail_queue WHERE to_addr = '$STAFF' AND body LIKE '%/billing/quotes/$1?account=$ACC_A%'"; }

http GET /billing/quotes -b "$O"
check "the quotes list: the expired one shows as expired" bash -c "grep -q 'T320A-Q-2' '$T/body' && grep -q 'Expired' '$T/body'"
http GET /billing/quotes/T320A-Q-1 -b "$O"
check "a sent quote offers accept and decline with the version shown" bash -c "grep -q 'form-quote-decide' '$T/body' && grep -q 'formaction=\"/billing/quotes/T320A-Q-1/decline\"' '$T/body' && grep -q 'name=\"version\" value=\"2\"' '$T/body'"
check "... in one form with one comment box, labelled, for either answer" bash -c "test \$(grep -o '<textarea[^>]*name=\"comment\"' '$T/body' | wc -l) = 1 && grep -q '<label for=\"f-quote-decide-comment\"' '$T/body' && grep -q 'id=\"f-quote-decide-comment\"' '$T/body' && test \$(grep -o 'action=\"/billing/quotes/T320A-Q-1/accept\"' '$T/body' | wc -l) = 1"
http GET /billing/quotes/T320A-Q-1 -b "$M"
check "a member who may see billing sees the quote, without the forms" bash -c "[ $STATUS = 200 ] && ! grep -q 'form-quote-decide' '$T/body'"
FORM_PAGE=/billing/quotes/T320A-Q-1 post "$M" /billing/quotes/T320A-Q-1/accept version=2
check "... and may not accept it: 403" status_is 403
FORM_PAGE=/account post "$TE" /billing/quotes/T320A-Q-1/accept version=2
check "a technical contact may not accept it: 403" status_is 403
http POST /billing/quotes/T320A-Q-1/accept -b "$O" -H "Origin: $URL" --data 'version=2'
check "no CSRF token: 403" status_is 403
check "... nothing changed" test "$(db -e "SELECT status FROM quotes WHERE number = 'T320A-Q-1'")" = sent

# Changed since shown: the page said version 2, the billing system sent 3.
tok=$(form_token "$O" /billing/quotes/T320A-Q-1)
db -e "UPDATE quotes SET version = 3, total_minor = 30000 WHERE number = 'T320A-Q-1'"
http POST /billing/quotes/T320A-Q-1/accept -b "$O" -c "$O" -H "Origin: $URL" --data-urlencode "csrf=$tok" --data 'version=2' --data-urlencode 'comment=OK for us'
check "a quote changed since it was shown is refused: 409" status_is 409
check "... saying so, with the new version to decide on" bash -c "grep -q 'has changed since you opened it' '$T/body' && grep -q 'name=\"version\" value=\"3\"' '$T/body'"
check "... keeping what was typed" body_has 'OK for us'
check "... and nothing changed, nothing audited" test "$(db -e "SELECT status FROM quotes WHERE number = 'T320A-Q-1'"):$(audits T320A-Q-1)" = sent:0

# Expired.
FORM_PAGE=/billing/quotes/T320A-Q-2 post "$O" /billing/quotes/T320A-Q-2/accept version=1
check "an expired quote is refused: 409" bash -c "[ $STATUS = 409 ] && grep -q 'has expired' '$T/body'"
check "... and stays as it was" test "$(db -e "SELECT CONCAT(status, decided_at IS NULL) FROM quotes WHERE number = 'T320A-Q-2'")" = sent1

# Accepted: the version shown, audited, mailed to staff.
FORM_PAGE=/billing/quotes/T320A-Q-1 post "$B" /billing/quotes/T320A-Q-1/accept version=3 'comment=Please start in March'
check "the billing contact accepts version 3: 303 to the quote" bash -c "[ $STATUS = 303 ] && grep -qi '^Location: /billing/quotes/T320A-Q-1?done=quote-accepted' '$T/headers'"
check "... stored: accepted, version 3, by them, with the comment" test "$(db -e "SELECT CONCAT_WS('|', q.status, q.decided_version, u.email, q.decision_comment) FROM quotes q JOIN users u ON u.id = q.decided_by WHERE q.number = 'T320A-Q-1'")" = "accepted|3|t320-billing@t320.example|Please start in March"
check "... audited once with the version" test "$(db -e "SELECT COUNT(*) FROM audit_log WHERE event = 'quote-accepted' AND account_id = $ACC_A AND detail LIKE 'quote=T320A-Q-1 version=3 %'")" = 1
check "... a mail to staff queued with the quote's link" test "$(mails T320A-Q-1)" = 1
http GET '/billing/quotes/T320A-Q-1?done=quote-accepted' -b "$B"
check "the quote page says who accepted which version" bash -c "grep -q 'Accepted by Bill Billing' '$T/body' && grep -q '(version 3)' '$T/body' && ! grep -q 'form-quote-decide' '$T/body'"
FORM_PAGE=/billing/quotes/T320A-Q-3 post "$O" /billing/quotes/T320A-Q-1/decline version=3
check "declining it afterwards is refused: 409, decided already" bash -c "[ $STATUS = 409 ] && grep -q 'already accepted or declined' '$T/body'"
check "... and it stays accepted" test "$(db -e "SELECT status FROM quotes WHERE number = 'T320A-Q-1'")" = accepted

# The race: the owner accepts and the billing contact declines at once,
# ten times over; each time exactly one of them decides.
wins=0 bad=0
for i in $(seq 1 10); do
	db -e "UPDATE quotes SET status = 'sent', version = 5, decided_at = NULL, decided_by = NULL, decided_version = NULL, decision_comment = NULL WHERE number = 'T320A-Q-1'"
	t1=$(form_token "$O" /billing/quotes/T320A-Q-1); t2=$(form_token "$B" /billing/quotes/T320A-Q-1)
	before=$(audits T320A-Q-1); mbefore=$(mails T320A-Q-1)
	curl -s -o /dev/null -w '%{http_code}\n' -b "$O" -H "Origin: $URL" --data-urlencode "csrf=$t1" --data 'version=5' "$URL/billing/quotes/T320A-Q-1/accept" >"$T/r1" &
	curl -s -o /dev/null -w '%{http_code}\n' -b "$B" -H "Origin: $URL" --data-urlencode "csrf=$t2" --data 'version=5' "$URL/billing/quotes/T320A-Q-1/decline" >"$T/r2" &
	wait
	codes=$(sort "$T/r1" "$T/r2" | tr '\n' ' ')
	st=$(db -e "SELECT status FROM quotes WHERE number = 'T320A-Q-1'")
	winner=$([ "$(cat "$T/r1")" = 303 ] && echo accepted || echo declined)
	if [ "$codes" = "303 409 " ] && [ "$st" = "$winner" ] && [ $(( $(audits T320A-Q-1) - before )) = 1 ] &&
	    [ $(( $(mails T320A-Q-1) - mbefore )) = 1 ]; then
		wins=$((wins + 1))
	else
		bad=$((bad + 1)); echo "# round $i: codes $codes, status $st"
	fi
done
check "two decisions at once, ten times: always one 303 and one 409, the status the winner's, one audit entry and one mail" test "$wins" = 10

# A quote runs out by the provider's day (billing_time_zone), as invoices
# fall due, not by UTC's.  Before 10:30 UTC, Pago Pago (UTC-11) is still
# on yesterday: a quote valid until its today is valid there, though UTC
# says expired.  From 10:00 UTC, Kiritimati (UTC+14) is on tomorrow: a
# quote valid until UTC's today has expired there.  The days are read
# once, from one instant, and stay true until the request is answered.
now=$(date +%s)
if [ "$(date -u -d "@$now" +%H%M)" -lt 1030 ]; then
	zone=Pacific/Pago_Pago; want=303; until=$(TZ=$zone date -d "@$now" +%F)
else
	zone=Pacific/Kiritimati; want=409; until=$(date -u -d "@$now" +%F)
fi
second_instance "billing_time_zone = $zone"
trap 'kill $(cat "$S/nginx.pid") $(cat "$S/portico.pid") 2>/dev/null; billing_cleanup; rm -rf "$T"' EXIT
db -e "UPDATE quotes SET status = 'sent', version = 6, valid_until = '$until', decided_at = NULL, decided_by = NULL, decided_version = NULL, decision_comment = NULL WHERE number = 'T320A-Q-1'"
post2 "$O" /billing/quotes/T320A-Q-1 /billing/quotes/T320A-Q-1/accept version=6
check "a quote valid until $until (UTC's day $(date -u -d "@$now" +%F)), in $zone on $(TZ=$zone date -d "@$now" +%F): $want" status_is "$want"
done_testing
