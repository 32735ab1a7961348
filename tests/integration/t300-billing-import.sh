#!/usr/bin/env bash
# portico-admin billing-import: the sample files of tests/billing/ (CSV
# and JSON Lines), imported once (created, with the derived totals, paid
# amounts and statuses), again (nothing changes, nothing doubles),
# changed (the rows update, billing_history keeps the old ones), bad
# (every bad row reported as FILE:LINE: reason, nothing applied), and
# the same contract through the staging table.
. "$(dirname "$0")/../lib.sh"
B=$ROOT/tests/billing
imp() {	# ARGS...: OUT in $T/out, the exit status in $RC
	set +e
	"$ROOT/portico-admin" -c "$STATE/portico.conf" billing-import "$@" \
		>"$T/out" 2>&1
	RC=$?
	set -e
}
out_has() { grep -qF -- "$1" "$T/out"; }
q() { db -e "$1"; }
clean() {
	local acc="SELECT id FROM accounts WHERE number IN ('T-BILL-1', 'T-BILL-2')"
	db -e "DELETE FROM credit_ledger WHERE account_id IN ($acc);
		DELETE FROM payments WHERE account_id IN ($acc);
		DELETE FROM invoices WHERE account_id IN ($acc);
		DELETE FROM orders WHERE account_id IN ($acc);
		DELETE FROM quotes WHERE account_id IN ($acc);
		DELETE FROM services WHERE account_id IN ($acc);
		DELETE FROM billing_history WHERE ext_id LIKE 't300-%';
		DELETE FROM billing_staging;
		DELETE FROM accounts WHERE number IN ('T-BILL-1', 'T-BILL-2')"
}
set -e
clean
db -e "INSERT INTO accounts (number, name) VALUES ('T-BILL-1', 'Billing Test Oy'),
	('T-BILL-2', 'Other Test OÜ')"
inv() { q "SELECT CONCAT_WS(' ', status, currency, subtotal_minor, tax_minor, total_minor, paid_minor) FROM invoices WHERE number = '$1'"; }
counts() { q "SELECT CONCAT_WS(' ', (SELECT COUNT(*) FROM services WHERE ext_id LIKE 't300-%'),
	(SELECT COUNT(*) FROM invoices WHERE ext_id LIKE 't300-%'), (SELECT COUNT(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.ext_id LIKE 't300-%'),
	(SELECT COUNT(*) FROM payments WHERE ext_id LIKE 't300-%'), (SELECT COUNT(*) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id WHERE p.ext_id LIKE 't300-%'),
	(SELECT COUNT(*) FROM credit_ledger WHERE ext_id LIKE 't300-%'), (SELECT COUNT(*) FROM quote_lines l JOIN quotes x ON x.id = l.quote_id WHERE x.ext_id LIKE 't300-%'),
	(SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.ext_id LIKE 't300-%'))"; }
set +e

# ---- a good CSV file --------------------------------------------------
imp "$B/good.csv"
check "a good CSV file: exit 0" test "$RC" = 0
check "... says what it made (10 records created)" out_has "19 rows: 10 created, 0 changed, 0 unchanged"
check "... every row is in (2 services, 3 invoices with 4 lines, 2 payments with 2 allocations, 1 credit, 2 quote lines, 1 order line)" \
	test "$(counts)" = "2 3 4 2 2 1 2 1"
check "an invoice paid in full by its allocation is paid: 27.38 + 6.98 tax = 34.36, paid 34.36" \
	test "$(inv T300-1001)" = "paid EUR 2738 698 3436 3436"
check "the file's 'paid' needs no trust: a status follows the allocations and the date (10.00 of 31.25, due 2026-02-15 passed: overdue)" \
	test "$(inv T300-1002)" = "overdue EUR 2490 635 3125 1000"
check "yen have no minor unit: 3 x 1500 JPY + 10 % = 4950 JPY, still overdue" \
	test "$(inv T300-1003)" = "overdue JPY 4500 450 4950 0"
check "rounding: 2.5 x 0.99 = 2.475 is 2.48 (half away from zero), its 25.5 % tax 0.6324 is 0.63" \
	test "$(q "SELECT CONCAT(l.quantity_milli, ' ', l.net_minor, ' ', l.tax_minor) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.number = 'T300-1001' AND line_no = 2")" = "2500 248 63"
check "a formula-like cell is stored as the text it is" \
	test "$(q "SELECT description FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.number = 'T300-1001' AND line_no = 2")" = '=HYPERLINK("http://evil.example/","Backup GB")'
check "a quoted cell keeps its line break (RFC 4180)" \
	test "$(q "SELECT HEX(description) FROM credit_ledger WHERE ext_id = 't300-c1'")" = "$(printf 'Goodwill: outage on\n12 February' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"
check "a quote's totals are its lines' (466.00 + 118.84 tax = 584.84), version 1" \
	test "$(q "SELECT CONCAT_WS(' ', subtotal_minor, tax_minor, total_minor, version) FROM quotes WHERE number = 'T300-Q-1'")" = "46600 11884 58484 1"
check "an order's total is its lines', the line tied to its service" \
	test "$(q "SELECT CONCAT_WS(' ', o.total_minor, s.ext_id) FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN services s ON s.id = l.service_id WHERE o.number = 'T300-O-1'")" = "2490 t300-s1"
check "an order's time is kept to the minute" \
	test "$(q "SELECT placed_at FROM orders WHERE number = 'T300-O-1'")" = "2026-01-01 09:30:00"
check "no history for new rows" test "$(q "SELECT COUNT(*) FROM billing_history WHERE ext_id LIKE 't300-%'")" = 0
before=$(q "SELECT GROUP_CONCAT(updated_at ORDER BY id) FROM invoices WHERE ext_id LIKE 't300-%'")

# ---- the same file again ---------------------------------------------
sleep 1
imp "$B/good.csv"
check "the same file again: exit 0, nothing created or changed" \
	bash -c "test $RC = 0 && grep -qF '0 created, 0 changed, 10 unchanged' '$T/out'"
check "... and nothing doubled" test "$(counts)" = "2 3 4 2 2 1 2 1"
check "... no history, and the rows keep their time" \
	test "$(q "SELECT COUNT(*) FROM billing_history WHERE ext_id LIKE 't300-%'")/$(q "SELECT GROUP_CONCAT(updated_at ORDER BY id) FROM invoices WHERE ext_id LIKE 't300-%'")" = "0/$before"

# ---- the customer decided a quote; then a changed file -----------------
q "UPDATE quotes SET status = 'accepted', decided_at = NOW(), decided_version = 1 WHERE number = 'T300-Q-1'"
imp "$B/changed.csv"
check "a changed file: exit 0, three records changed" \
	bash -c "test $RC = 0 && grep -qF '0 created, 3 changed, 7 unchanged' '$T/out'"
check "... still nothing doubled" test "$(counts)" = "2 3 4 2 2 1 2 1"
check "the changed service has its new price" test "$(q "SELECT price_minor FROM services WHERE ext_id = 't300-s1'")" = 2690
check "billing_history keeps the old service (price 24.90)" \
	test "$(q "SELECT JSON_VALUE(old_row, '\$.price_minor') FROM billing_history WHERE ext_id = 't300-s1'")" = 2490
check "the changed invoice: new due date and line, totals again derived (26.90 + 6.86), paid 10.00" \
	test "$(inv T300-1002) $(q "SELECT due_on FROM invoices WHERE number = 'T300-1002'")" = "overdue EUR 2690 686 3376 1000 2026-02-28"
check "... its old row, lines included, is in the history" \
	test "$(q "SELECT CONCAT_WS(' ', JSON_VALUE(old_row, '\$.due_on'), JSON_VALUE(old_row, '\$.lines[0].unit_minor'), JSON_VALUE(old_row, '\$.total_minor')) FROM billing_history WHERE ext_id = 't300-i2'")" = "2026-02-15 2490 3125"
check "the changed quote gets a new version; the customer's decision stands" \
	test "$(q "SELECT CONCAT_WS(' ', version, status, total_minor) FROM quotes WHERE number = 'T300-Q-1'")" = "2 accepted 91992"
check "the history names the import run that changed them" \
	test "$(q "SELECT COUNT(DISTINCT h.import_id) FROM billing_history h JOIN billing_imports i ON i.id = h.import_id WHERE h.ext_id LIKE 't300-%' AND i.source LIKE '%changed.csv'")" = 1
sed 's/^quote,t300-q1,\(.*\),sent,EUR/quote,t300-q1,\1,expired,EUR/' "$B/changed.csv" >"$T/expired.csv"
imp "$T/expired.csv"
check "... and stays accepted when the billing system, not caught up, says expired" \
	test "$(q "SELECT status FROM quotes WHERE number = 'T300-Q-1'")" = accepted
imp "$B/changed.csv"
check "the changed file again: nothing changes, the history stays at 3" \
	bash -c "grep -qF '0 created, 0 changed, 10 unchanged' '$T/out' && test $(q "SELECT COUNT(*) FROM billing_history WHERE ext_id LIKE 't300-%'") = 3"

# ---- bad files ---------------------------------------------------------
snap=$(q "SELECT COUNT(*) FROM services")/$(q "SELECT COUNT(*) FROM payments")/$(q "SELECT COUNT(*) FROM quotes")
imp "$B/bad.csv"
check "a bad CSV file: exit 1, refused, nothing applied" \
	bash -c "test $RC = 1 && grep -qF 'bad.csv: refused, 15 errors; nothing applied' '$T/out'"
check "... its good row (line 2) is not applied either" \
	test "$(q "SELECT COUNT(*) FROM services WHERE ext_id = 't300-bad-s1'")/$snap" = "0/$(q "SELECT COUNT(*) FROM services")/$(q "SELECT COUNT(*) FROM payments")/$(q "SELECT COUNT(*) FROM quotes")"
for want in \
	'3: type "subscription" is not one of' \
	'4: currency "EUX" is not an ISO 4217 code' \
	'5: price "10.005" is not an amount of EUR' \
	'6: date "2026-02-30" is not a day' \
	'7: due is before date' \
	'8: no account numbered "NO-SUCH-ACCOUNT"' \
	'9: number "T300 B 4" may have only' \
	'10: invoice_id: no invoice with ext_id "t300-no-such-invoice"' \
	'12: the same ext_id as line 11' \
	'13: kind "gift" is not one of' \
	'15: price "abc" is not an amount of EUR' \
	'16: order rows have no product' \
	'17: 12 fields, the header has 27' \
	'18: a quote inside an unquoted field' \
	'19: amount "12.50" is not a whole amount of JPY'; do
	check "bad.csv:$want" out_has "bad.csv:$want"
done
check "... and no other line is blamed" test "$(grep -c 'bad.csv:[0-9]' "$T/out")" = 15
# ---- JSON Lines ----------------------------------------------------------
imp "$B/good.jsonl"
check "a good JSON Lines file: exit 0, 5 records created" \
	bash -c "test $RC = 0 && grep -qF '9 rows: 5 created' '$T/out'"
check "... 59.70 + 24 % = 14.328 -> 14.33; 0.333 x 3.00 = 0.999 -> 1.00 (+0.24); paid by its allocation" \
	test "$(inv T300-J-1)" = "paid EUR 6070 1457 7527 7527"
check "... a negative adjustment is kept with its sign" \
	test "$(q "SELECT CONCAT_WS(' ', kind, amount_minor) FROM credit_ledger WHERE ext_id = 't300-j-c1'")" = "adjustment -250"
check "... Chinese and Estonian text kept" \
	test "$(q "SELECT COUNT(*) FROM invoice_lines WHERE description LIKE '%veebimajutus, 网站托管%'")" = 1
imp "$B/good.jsonl"
check "... and again: unchanged" out_has "0 created, 0 changed, 5 unchanged"
imp "$B/bad.jsonl"
check "a bad JSON Lines file: exit 1, nothing applied" \
	bash -c "test $RC = 1 && grep -qF 'nothing applied' '$T/out' && test $(q "SELECT COUNT(*) FROM payments WHERE ext_id LIKE 't300-jb-%'") = 0"
for want in \
	'1: amount: a decimal must be a string' \
	'2: unknown field "colour"' \
	'3: not one JSON object: the line ends inside it' \
	'4: not a JSON object' \
	'5: invoice_id: invoice "t300-i1" is another account'"'"'s'; do
	check "bad.jsonl:$want" out_has "bad.jsonl:$want"
done

# ---- document numbers are part of addresses ------------------------------
imp "$B/bad-numbers.csv"
check "numbers that are not safe in an address: exit 1, nothing applied" \
	bash -c "test $RC = 1 && grep -qF 'bad-numbers.csv: refused, 8 errors; nothing applied' '$T/out' && test $(q "SELECT COUNT(*) FROM invoices WHERE ext_id LIKE 't300-n-%'") = 0"
for want in \
	'2: number "T300/N/1" may have only ASCII letters, digits' \
	'3: number "T300-N-2?x=1" may have only' \
	'4: number "T300%2FN" may have only' \
	'5: number ".." may have only' \
	'6: number "T300-NÄ-5" may have only' \
	'7: number: longer than 40 bytes' \
	'8: number "Q#1" may have only' \
	'9: number "O\1" may have only'; do
	check "bad-numbers.csv:$want" out_has "bad-numbers.csv:$want"
done
check "... the good invoice (T300-N.7_ok) and its line are not blamed" \
	test "$(grep -c 'bad-numbers.csv:1[01]:' "$T/out")" = 0
imp "$B/bad-numbers.jsonl"
for want in '1: number "T300/NJ/1" may have only' '2: number "Q 1" may have only' \
	'3: number ".hidden" may have only'; do
	check "bad-numbers.jsonl:$want" out_has "bad-numbers.jsonl:$want"
done
check "... refused whole" bash -c "test $RC = 1 && grep -qF 'bad-numbers.jsonl: refused, 3 errors' '$T/out'"

# ---- amounts are written bare; files that name no field ------------------
printf 'type,ext_id,account,date,method,amount,currency\npayment,t300-plus-p1,T-BILL-1,2026-03-01,card,+12.50,EUR\n' >"$T/plus.csv"
imp "$T/plus.csv"
check "an amount with a leading '+' is refused like any malformed amount" \
	bash -c "test $RC = 1 && grep -qF 'plus.csv:2: amount \"+12.50\" is not an amount of EUR' '$T/out'"
: >"$T/empty.csv"
imp "$T/empty.csv"
check "an empty CSV file: 'empty file', not an unknown field" \
	bash -c "test $RC = 1 && grep -qF 'empty.csv:1: empty file' '$T/out' && ! grep -q 'unknown field' '$T/out'"
printf '\xef\xbb\xbf' >"$T/bom.csv"
imp "$T/bom.csv"
check "a file of only a byte order mark is empty too" out_has 'bom.csv:1: empty file'
printf '\ntype,ext_id\n' >"$T/blank.csv"
imp "$T/blank.csv"
check "a blank first line: 'no header row'" \
	bash -c "test $RC = 1 && grep -qF 'blank.csv:1: no header row' '$T/out'"
printf 'type,,ext_id\n' >"$T/noname.csv"
imp "$T/noname.csv"
check "a header column without a name says which" out_has "noname.csv:1: the header's column 2 has no name"


# ---- the rules that need the database ------------------------------------
cat >"$T/over.csv" <<'CSV'
type,ext_id,account,date,method,amount,currency,payment_id,invoice_id
payment,t300-x-p1,T-BILL-1,2026-03-01,card,5.00,EUR,,
allocation,,,,,6.00,,t300-x-p1,t300-i2
payment,t300-x-p2,T-BILL-1,2026-03-01,card,40.00,EUR,,
allocation,,,,,40.00,,t300-x-p2,t300-i2
payment,t300-x-p3,T-BILL-1,2026-03-01,card,1.00,EUR,,
allocation,,,,,1.00,,t300-x-p3,t300-i3
CSV
cp "$B/good.csv" "$T/x.csv"
sed -i 's/^service,t300-s1,T-BILL-1/service,t300-s1,T-BILL-2/' "$T/x.csv"
imp "$T/over.csv"
check "allocations above the payment are refused" out_has 'over.csv:2: the allocations (6.00) exceed the payment (5.00)'
check "allocations above the invoice are refused (5.00 + 40.00 + the 10.00 paid before; at the first row that pays it)" out_has 'over.csv:3: the allocations pay 56.00 of an invoice of 33.76'
check "an allocation across currencies is refused" out_has 'over.csv:7: the payment is in EUR, the invoice in JPY'
check "... and nothing of that file is applied" test "$(q "SELECT COUNT(*) FROM payments WHERE ext_id LIKE 't300-x-%'")" = 0
cat >"$T/ref.csv" <<'CSV'
type,ext_id,account,number,date,due,status,currency,invoice_id,line_no,description,price,payment_id,amount,method
invoice,t300-r-i1,T-BILL-1,T300-R-1,2026-05-01,2026-05-15,unpaid,EUX,,,,,,,
invoice-line,,,,,,,,t300-r-i1,1,Line,1.00,,,
payment,t300-r-p1,NO-SUCH,,2026-05-01,,,EUR,,,,,,1.00,card
allocation,,,,,,,,t300-r-i1,,,,t300-r-p1,1.00,
invoice-line,,,,,,,,t300-r-nothing,1,Line,1.00,,,
CSV
imp "$T/ref.csv"
check "a line of a refused invoice says so, with the invoice's line" out_has 'ref.csv:3: invoice_id: invoice "t300-r-i1" is refused (line 2)'
check "an allocation of a refused payment too" out_has 'ref.csv:5: payment_id: payment "t300-r-p1" is refused (line 4)'
check "a line of an invoice nowhere: there is none" out_has 'ref.csv:6: invoice_id: no invoice with ext_id "t300-r-nothing"'
cat >"$T/dup.csv" <<'CSV'
type,ext_id,account,number,date,due,status,currency,invoice_id,line_no,description,price
invoice,t300-dup-i1,T-BILL-2,T300-1001,2026-05-01,2026-05-15,unpaid,EUR,,,,
invoice-line,,,,,,,,t300-dup-i1,1,Line,1.00
CSV
imp "$T/dup.csv"
check "an invoice number another invoice has is refused" \
	bash -c "test $RC = 1 && grep -qF 'dup.csv:2: number \"T300-1001\" is another invoice'\''s' '$T/out'"
imp "$T/x.csv"
check "a record cannot move to another account" out_has "x.csv:2: ext_id \"t300-s1\" is a service of another account"

imp "$B/good.jsonl" "$T/over.csv"
check "several files: each its own transaction; the worst outcome is the status (1)" \
	bash -c "test $RC = 1 && grep -qF 'good.jsonl: 9 rows' '$T/out' && grep -qF 'over.csv: refused' '$T/out'"
imp "$T/out"
check "a file named neither .csv nor .jsonl: exit 2" test "$RC" = 2
imp "$T/no-such.csv"
check "a missing file: exit 3" test "$RC" = 3
imp
check "no file: usage, exit 2" test "$RC" = 2

# ---- overdue: derived on write and by the tick, in the provider's zone ----
# The instance's billing_time_zone is UTC; PAGO (UTC-11) and KIRI (UTC+14)
# are a day apart (or two) at every moment.
today=$(date -u +%F); yday=$(date -u -d yesterday +%F); tmrw=$(date -u -d tomorrow +%F)
cat >"$T/due.csv" <<CSV
type,ext_id,account,number,date,due,status,currency,invoice_id,line_no,description,price,payment_id,amount,method
invoice,t300-d-i1,T-BILL-1,T300-D-1,2026-01-01,$yday,unpaid,EUR,,,,,,,
invoice,t300-d-i2,T-BILL-1,T300-D-2,2026-01-01,$today,unpaid,EUR,,,,,,,
invoice,t300-d-i3,T-BILL-1,T300-D-3,2026-01-01,$tmrw,unpaid,EUR,,,,,,,
invoice,t300-d-i4,T-BILL-1,T300-D-4,2026-01-01,$tmrw,unpaid,EUR,,,,,,,
invoice,t300-d-i5,T-BILL-1,T300-D-5,2026-01-01,$yday,unpaid,EUR,,,,,,,
invoice-line,,,,,,,,t300-d-i1,1,Line,10.00,,,
invoice-line,,,,,,,,t300-d-i2,1,Line,10.00,,,
invoice-line,,,,,,,,t300-d-i3,1,Line,10.00,,,
invoice-line,,,,,,,,t300-d-i4,1,Line,10.00,,,
invoice-line,,,,,,,,t300-d-i5,1,Line,10.00,,,
payment,t300-d-p1,T-BILL-1,,2026-01-02,,,EUR,,,,,,14.00,card
allocation,,,,,,,,t300-d-i4,,,,t300-d-p1,4.00,
allocation,,,,,,,,t300-d-i5,,,,t300-d-p1,10.00,
CSV
imp "$T/due.csv"
st() { q "SELECT GROUP_CONCAT(status ORDER BY number) FROM invoices WHERE number IN ($1)"; }
check "an unpaid invoice past its due date is imported overdue; due today or tomorrow it is not; partly paid and not yet due: partially-paid; paid: paid" \
	test "$RC/$(st "'T300-D-1', 'T300-D-2', 'T300-D-3', 'T300-D-4', 'T300-D-5'")" = "0/overdue,unpaid,unpaid,partially-paid,paid"
imp "$T/due.csv"
check "... and importing it again changes nothing (the file's 'unpaid' is derived to overdue again)" \
	out_has "0 created, 0 changed, 6 unchanged"
# A day passes: the due dates move back by one, as the calendar would.
q "UPDATE invoices SET due_on = due_on - INTERVAL 1 DAY WHERE number LIKE 'T300-D-%'"
"$ROOT/portico-admin" -c "$STATE/portico.conf" billing-tick >"$T/out" 2>&1
check "billing-tick marks the open invoices whose due date has passed (the one due 'today'; the partly paid one due 'tomorrow' stays)" \
	test "$(grep -c '^invoices now overdue: [1-9]' "$T/out")/$(st "'T300-D-1', 'T300-D-2', 'T300-D-3', 'T300-D-4', 'T300-D-5'")" = "1/overdue,overdue,unpaid,partially-paid,paid"
"$ROOT/portico-admin" -c "$STATE/portico.conf" billing-tick >"$T/out" 2>&1
check "... a second tick finds nothing to mark" out_has "invoices now overdue: 0"
check "... it reads the open invoices past due by index (invoices_overdue), not by scanning" \
	bash -c "mariadb --defaults-extra-file='$STATE/my.cnf' -N -B -e \"EXPLAIN UPDATE invoices SET status = 'overdue' WHERE status IN ('unpaid', 'partially-paid') AND due_on < CURDATE() LIMIT 500\" | grep -q invoices_overdue"
# The provider's zone decides which day "today" is.
pago=$(TZ=Pacific/Pago_Pago date +%F)
q "UPDATE invoices SET status = 'unpaid', due_on = '$pago' WHERE number = 'T300-D-3'"
sed 's/^billing_time_zone.*//' "$STATE/portico.conf" >"$T/pago.conf"
cp "$T/pago.conf" "$T/kiri.conf"
echo "billing_time_zone = Pacific/Pago_Pago" >>"$T/pago.conf"
echo "billing_time_zone = Pacific/Kiritimati" >>"$T/kiri.conf"
chmod 600 "$T/pago.conf" "$T/kiri.conf"
"$ROOT/portico-admin" -c "$T/pago.conf" billing-tick >"$T/out" 2>&1
check "due today in Pago Pago: not overdue for a provider there" test "$(st "'T300-D-3'")" = unpaid
"$ROOT/portico-admin" -c "$T/kiri.conf" billing-tick >"$T/out" 2>&1
check "... overdue for a provider in Kiritimati, where that day has passed" test "$(st "'T300-D-3'")" = overdue
echo "billing_time_zone = Mars/Olympus" >>"$T/pago.conf"
RC=0; "$ROOT/portico-admin" -c "$T/pago.conf" billing-tick >"$T/out" 2>&1 || RC=$?
check "a time zone that does not exist is refused at start" \
	bash -c "test $RC != 0 && grep -q 'billing_time_zone \"Mars/Olympus\" is not a time zone' '$T/out'"

# ---- progress on a terminal ------------------------------------------------
script -qec "'$ROOT/portico-admin' -c '$STATE/portico.conf' billing-import '$B/good.csv'" /dev/null >"$T/tty" 2>&1
check "on a terminal it shows its progress (rows done of all)" grep -q 'good.csv: 19/19 rows' "$T/tty"
check "... and not when the output is a file" bash -c "! grep -q '/19 rows' '$T/out'"

# ---- the staging table -----------------------------------------------------
db -e "INSERT INTO billing_staging (type, ext_id, account, number, date, due, status, currency) VALUES
	('invoice', 't300-st-i1', 'T-BILL-2', 'T300-ST-1', '2026-04-01', '2199-04-15', 'unpaid', 'EUR');
	INSERT INTO billing_staging (type, invoice_id, line_no, description, price, tax_rate, quantity) VALUES
	('invoice-line', 't300-st-i1', '1', 'Staged line', '10.00', '24', '2')"
imp --from-staging
check "--from-staging applies the staged rows: exit 0" \
	bash -c "test $RC = 0 && grep -qF 'staging: 2 rows: 1 created' '$T/out'"
check "... with the same derived totals (20.00 + 4.80)" test "$(inv T300-ST-1)" = "unpaid EUR 2000 480 2480 0"
check "... and empties the staging table" test "$(q "SELECT COUNT(*) FROM billing_staging")" = 0
db -e "INSERT INTO billing_staging (type, ext_id, account, number, date, due, status, currency) VALUES
	('invoice', 't300-st-i2', 'T-BILL-2', 'T300-ST-2', '2026-04-01', '2199-04-15', 'unpaid', 'XXX')"
bad_id=$(q "SELECT MAX(id) FROM billing_staging")
db -e "INSERT INTO billing_staging (type, invoice_id, line_no, description, price) VALUES
	('invoice-line', 't300-st-i1', '1', 'Changed staged line', '12.00'),
	('invoice-line', 't300-st-i2', '1', 'Second staged invoice', '7.00')"
imp --from-staging
check "a bad staged row is reported as staging:ID: reason, exit 1" \
	bash -c "test $RC = 1 && grep -qF 'staging:$bad_id: currency \"XXX\"' '$T/out'"
check "... nothing applied, and the rows stay for fixing" \
	test "$(inv T300-ST-1)/$(q "SELECT COUNT(*) FROM billing_staging")" = "unpaid EUR 2000 480 2480 0/3"
db -e "UPDATE billing_staging SET currency = 'EUR' WHERE id = $bad_id"
db -e "INSERT INTO billing_staging (type, ext_id, account, number, date, due, status, currency) VALUES
	('invoice', 't300-st-i3', 'T-BILL-2', 'T300/ST/3', '2026-04-01', '2026-04-15', 'unpaid', 'EUR')"
slash_id=$(q "SELECT MAX(id) FROM billing_staging")
imp --from-staging
check "a staged number with '/' is refused as staging:ID: number, exit 1" \
	bash -c "test $RC = 1 && grep -qF 'staging:$slash_id: number \"T300/ST/3\" may have only' '$T/out'"
db -e "DELETE FROM billing_staging WHERE id = $slash_id"
imp --from-staging
check "fixed, they apply: exit 0, one created, one changed" \
	bash -c "test $RC = 0 && grep -qF 'staging: 3 rows: 1 created, 1 changed' '$T/out'"
check "... the line replaced (12.00, no tax), the invoice's history kept" \
	test "$(inv T300-ST-1)/$(q "SELECT COUNT(*) FROM billing_history WHERE ext_id = 't300-st-i1'")" = "unpaid EUR 1200 0 1200 0/1"
clean
done_testing
