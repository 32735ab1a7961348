#!/usr/bin/env bash
# Staff and an account's billing: the way in from the accounts list, the
# staff billing page, a manual payment (allocated to an open invoice, so
# its paid amount and status are derived again) and a manual credit,
# both audited with the agent as actor; the credit limit is the admins'
# (an agent gets 403 and changes nothing); bad input comes back as the
# form with its error (400); customers have no way in.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
ASEC=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
GSEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
q() { db -e "$1"; }
acc_q="SELECT id FROM accounts WHERE number = 'T-BILL-3'"
clean() {
	db -e "DELETE FROM credit_ledger WHERE account_id IN ($acc_q);
		DELETE FROM payments WHERE account_id IN ($acc_q);
		DELETE FROM invoices WHERE account_id IN ($acc_q);
		DELETE FROM billing_history WHERE ext_id LIKE 't301-%';
		DELETE FROM billing_history WHERE ext_id LIKE 't301-%';
		DELETE FROM audit_log WHERE account_id IN ($acc_q);
		DELETE FROM accounts WHERE number = 'T-BILL-3';
		DELETE FROM signin_throttle;
		DELETE FROM users WHERE email IN ('t301-admin@northwind.example', 't301-agent@northwind.example')"
}
clean
db -e "INSERT INTO accounts (number, name) VALUES ('T-BILL-3', 'Staff Billing Oy')"
acc=$(q "$acc_q")
cat >"$T/inv.csv" <<'CSV'
type,ext_id,account,number,date,due,status,currency,price,tax_rate,description,line_no,invoice_id
invoice,t301-i1,T-BILL-3,T301-1,2026-01-01,2026-01-15,overdue,EUR,,,,,
invoice-line,,,,,,,,100.00,24,Managed server,1,t301-i1
invoice,t301-i2,T-BILL-3,T301-2,2026-01-01,2026-01-15,unpaid,SEK,,,,,
invoice-line,,,,,,,,500.00,25,Backup,1,t301-i2
CSV
"$ROOT/portico-admin" -c "$STATE/portico.conf" billing-import "$T/inv.csv" >/dev/null
i1=$(q "SELECT id FROM invoices WHERE number = 'T301-1'")
i2=$(q "SELECT id FROM invoices WHERE number = 'T301-2'")
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES
	('t301-admin@northwind.example', 'Tuula Admin', 'active', 'admin', '$ASEC', 1),
	('t301-agent@northwind.example', 'Teemu Agent', 'active', 'agent', '$GSEC', 1)"
for who in t301-admin@northwind.example t301-agent@northwind.example; do
	echo "staff-password-2026" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$who" >/dev/null
done
echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password olivia@aurora.example >/dev/null
staff_signin() {	# JAR EMAIL SECRET
	signin "$1" "$2" staff-password-2026
	FORM_PAGE=/signin/2fa post "$1" /signin/2fa "code=$(oathtool --totp -b "$3")"
}
A=$T/admin; G=$T/agent; O=$T/olivia
staff_signin "$A" t301-admin@northwind.example "$ASEC"
sleep 1	# the next code: a TOTP code is good once
staff_signin "$G" t301-agent@northwind.example "$GSEC"
check "staff sign in" header_has Location /staff
signin "$O" olivia@aurora.example "$PW"
agent=$(q "SELECT id FROM users WHERE email = 't301-agent@northwind.example'")
admin=$(q "SELECT id FROM users WHERE email = 't301-admin@northwind.example'")
P=/staff/accounts/$acc/billing

http GET '/staff/accounts?q=T-BILL-3' -b "$G"
check "the staff accounts list links each account's billing page" body_has "href=\"$P\""
http GET "$P" -b "$G"
check "an agent opens an account's billing page" status_is 200
check "... which leads to the customer's billing pages as staff see them" body_has "href=\"/billing?account=$acc\""
check "... offers the open invoices to allocate a payment to, with what they owe" \
	bash -c "grep -q '<option value=\"$i1\">T301-1 (€124.00)</option>' '$T/body'"
check "... and no credit-limit form to an agent" body_lacks 'form-staff-billing-limit'
http GET "$P" -b "$A"
check "an admin gets the credit-limit form" body_has 'form-staff-billing-limit'
http GET "$P" -b "$O"
check "a customer has no way in: 403" status_is 403
http GET "/staff/accounts/999999999/billing" -b "$G"
check "an account that does not exist: 404" status_is 404

# ---- a manual payment ------------------------------------------------------
FORM_PAGE=$P post "$G" "$P/payment" date=2026-03-02 amount=100.00 currency=EUR \
	"method=bank transfer" "reference=RF 301" "invoice=$i1"
check "an agent records a payment: 303 back to the page" header_has Location "$P\\?done=payment-recorded"
http GET "$P?done=payment-recorded" -b "$G"
check "... which says so" body_has 'The payment is recorded.'
check "... a payment without ext_id, recorded by the agent" \
	test "$(q "SELECT CONCAT_WS(' ', amount_minor, currency, method, reference, recorded_by, ext_id IS NULL) FROM payments WHERE account_id = $acc")" = "10000 EUR bank transfer RF 301 $agent 1"
check "... allocated to the invoice, which is derived again: 100.00 of 124.00, still overdue" \
	test "$(q "SELECT CONCAT_WS(' ', paid_minor, total_minor, status) FROM invoices WHERE id = $i1")" = "10000 12400 overdue"
check "... audited, the agent as actor" \
	test "$(q "SELECT CONCAT_WS(' ', actor_id, detail) FROM audit_log WHERE event = 'billing-payment-recorded' AND account_id = $acc")" = "$agent 100.00 EUR bank transfer on 2026-03-02 for invoice T301-1"
http GET "$P?lang=fa" -b "$G"
check "... listed in Persian with the day in Persian digits" body_has '<td dir="ltr">۲۰۲۶-۰۳-۰۲</td>'
FORM_PAGE=$P post "$G" "$P/payment" date=2026-03-03 amount=25.00 currency=EUR method=card "invoice=$i1"
check "a payment above what the invoice still owes (24.00) is refused: 400, the form with its error" \
	bash -c "test $STATUS = 400 && grep -q 'has-error' '$T/body' && test $(q "SELECT COUNT(*) FROM payments WHERE account_id = $acc") = 1"
FORM_PAGE=$P post "$G" "$P/payment" date=2026-03-03 amount=24.00 currency=SEK method=card "invoice=$i1"
check "a payment in another currency than the invoice's is refused" status_is 400
FORM_PAGE=$P post "$G" "$P/payment" date=2026-03-03 amount=24.00 currency=EUR method=card "invoice=$i1"
check "the rest pays it: paid" \
	test "$(q "SELECT CONCAT_WS(' ', paid_minor, status) FROM invoices WHERE id = $i1")" = "12400 paid"
for bad in "amount=12.345" "amount=-5" "amount=+5.00" "amount=lots" "currency=EURO" "date=2026-02-30" "method="; do
	set -- date=2026-03-04 amount=1.00 currency=SEK method=card
	FORM_PAGE=$P post "$G" "$P/payment" "$@" "$bad"
	check "a payment with $bad is refused, nothing stored" \
		bash -c "test $STATUS = 400 && test $(q "SELECT COUNT(*) FROM payments WHERE account_id = $acc") = 2"
done
FORM_PAGE=$P post "$G" "$P/payment" date=2026-03-04 amount=1.00 currency=SEK method=card invoice=$i2
check "a payment of an invoice in SEK, 1.00" test "$(q "SELECT paid_minor FROM invoices WHERE id = $i2")" = 100
# A double click, many times over: the same form (624.00, all the
# invoice still owes) sent eight times at once.  The invoice is checked
# under its lock, so one payment is recorded and the others refused.
# (A session here holds the invoice's row for a moment, so the forms
# all arrive while it is taken, as they would behind a slow commit.)
tok=$(form_token "$G" "$P")
db -e "BEGIN; SELECT id FROM invoices WHERE id = $i2 FOR UPDATE; SELECT SLEEP(2); COMMIT" >/dev/null &
holder=$!
sleep 0.5
for n in 1 2 3 4 5 6 7 8; do
	curl -s -o /dev/null -w '%{http_code}\n' -b "$G" -H "Origin: $URL" \
		--data-urlencode "csrf=$tok" --data-urlencode date=2026-03-04 \
		--data-urlencode amount=624.00 --data-urlencode currency=SEK \
		--data-urlencode method=card --data-urlencode "invoice=$i2" \
		"$URL$P/payment" >"$T/race-$n" &
done
wait
wait "$holder" 2>/dev/null
check "the same payment sent 8 times at once: one 303, seven 400" \
	test "$(cat "$T"/race-* | sort | uniq -c | awk '{printf "%s:%s ", $2, $1}')" = "303:1 400:7 "
check "... one payment recorded, the invoice paid exactly, never more" \
	test "$(q "SELECT CONCAT_WS(' ', (SELECT COUNT(*) FROM payment_allocations WHERE invoice_id = $i2), paid_minor, total_minor, status) FROM invoices WHERE id = $i2")" = "2 62500 62500 paid"

# ---- a manual credit -------------------------------------------------------
FORM_PAGE=$P post "$G" "$P/credit" date=2026-03-05 credit_kind=credit-note amount=15.50 currency=EUR "description=Goodwill for the outage"
check "an agent records a credit note" header_has Location "$P\\?done=credit-recorded"
FORM_PAGE=$P post "$G" "$P/credit" date=2026-03-06 credit_kind=adjustment amount=-0.50 currency=EUR "description=Correction"
check "... and a negative adjustment; the balance is the ledger's sum (15.00)" \
	test "$(q "SELECT SUM(amount_minor) FROM credit_ledger WHERE account_id = $acc AND currency = 'EUR'")/$(q "SELECT COUNT(*) FROM credit_ledger WHERE account_id = $acc AND recorded_by = $agent AND ext_id IS NULL")" = "1500/2"
check "... audited" \
	test "$(q "SELECT COUNT(*) FROM audit_log WHERE event = 'billing-credit-recorded' AND account_id = $acc AND actor_id = $agent")" = 2
FORM_PAGE=$P post "$G" "$P/credit" date=2026-03-06 credit_kind=applied amount=1.00 currency=EUR "description=x"
check "a kind staff do not record (applied) is refused" status_is 400
FORM_PAGE=$P post "$G" "$P/credit" date=2026-03-06 credit_kind=refund amount=0 currency=EUR "description=x"
check "a credit of zero is refused" status_is 400
http GET "$P" -b "$G"
check "the page shows the balance in the viewer's language" body_has '€15.00'
check "... and what staff recorded, with who" bash -c "grep -q 'Goodwill for the outage' '$T/body' && grep -q 'Teemu Agent' '$T/body'"

# ---- the credit limit --------------------------------------------------------
FORM_PAGE=$P post "$G" "$P/credit-limit" limit=5000.00 currency=EUR
check "an agent cannot set the credit limit: 403" status_is 403
check "... and nothing changed" test "$(q "SELECT COALESCE(credit_limit_minor, 'none') FROM accounts WHERE id = $acc")" = none
FORM_PAGE=$P post "$A" "$P/credit-limit" limit=5000.00 currency=EUR
check "an admin sets it" \
	test "$(q "SELECT CONCAT_WS(' ', credit_limit_minor, credit_limit_currency) FROM accounts WHERE id = $acc")" = "500000 EUR"
check "... audited" \
	test "$(q "SELECT CONCAT_WS(' ', actor_id, detail) FROM audit_log WHERE event = 'billing-credit-limit-set' AND account_id = $acc")" = "$admin 5000.00 EUR"
FORM_PAGE=$P post "$A" "$P/credit-limit" limit=12.5.0 currency=EUR
check "a bad limit is refused, the old one stays" \
	bash -c "test $STATUS = 400 && test $(q "SELECT credit_limit_minor FROM accounts WHERE id = $acc") = 500000"
http GET "$P" -b "$G"
check "the page shows the limit" body_has '€5,000.00'
FORM_PAGE=$P post "$A" "$P/credit-limit" limit= currency=EUR
check "an empty limit removes it" test "$(q "SELECT COALESCE(credit_limit_minor, 'none') FROM accounts WHERE id = $acc")" = none
# ---- the page's statement budget, with many invoices ----------------------------
hdr() { awk -v h="$1" 'tolower($1) == tolower(h) ":" { gsub(/\r/, ""); print $2 }' "$T/headers"; }
{
	echo "type,ext_id,account,number,date,due,status,currency,price,tax_rate,description,line_no,invoice_id"
	for i in $(seq 1 400); do
		d=$(date -u -d "2020-01-01 + $i days" +%F)
		echo "invoice,t301-b$i,T-BILL-3,T301-B$i,$d,$d,unpaid,EUR,,,,,"
		echo "invoice-line,,,,,,,,9.99,24,Bulk line,1,t301-b$i"
	done
} >"$T/bulk.csv"
"$ROOT/portico-admin" -c "$STATE/portico.conf" billing-import "$T/bulk.csv" >/dev/null
for i in 1 2 3; do http GET "$P" -b "$G"; done
check "with 400 open invoices the staff page runs at most 8 statements ($(hdr X-Statements))" \
	test "$(hdr X-Statements)" -le 8
check "... and reads at most 200 rows ($(hdr X-Rows-Read)): the 50 newest open invoices, by index" \
	test "$(hdr X-Rows-Read)" -le 200
http POST "$P/payment" -b "$G" -H "Origin: $URL" --data-urlencode date=2026-03-07 --data-urlencode amount=1.00 \
	--data-urlencode currency=EUR --data-urlencode method=card
check "a form without the CSRF token is refused" status_is 403

clean
done_testing
