#!/usr/bin/env bash
# The CSV export of invoices and payments for a period (RFC 4180, UTF-8):
# the period's rows only, of the account's own, amounts as exact
# decimals; and no cell a spreadsheet would run as a formula: text that
# starts with =, +, -, @, a tab or a carriage return gets a leading
# apostrophe, while a plain number (a refund's -10.00) stays a number.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/billing-fixture.sh"
trap 'billing_cleanup; rm -rf "$T"' EXIT
billing_fixture
O=$T/owner
signin "$O" t320-owner@t320.example "$BPW"
db -e "INSERT INTO payments (ext_id, account_id, paid_on, method, reference, amount_minor, currency, updated_at) VALUES
	('T320A-x1', $ACC_A, '2025-12-21', '+cmd|'' /C calc''!A0', '@SUM(1+1)*cmd|'' /C calc''!A0', 100, 'EUR', NOW()),
	('T320A-x2', $ACC_A, '2025-12-22', 'card', '-2+3', 100, 'EUR', NOW()),
	('T320A-x3', $ACC_A, '2025-12-23', 'card', CONCAT(CHAR(9), '=1+2'), 100, 'EUR', NOW()),
	('T320A-x4', $ACC_A, '2025-12-24', 'card', CONCAT(CHAR(13), '=1+2'), 100, 'EUR', NOW()),
	('T320A-x5', $ACC_A, '2025-12-25', 'refund', 'Quote \"A\", part 2', -1000, 'EUR', NOW())"

http GET '/billing/invoices' -b "$O"
check "the invoice list links the export" body_has '/billing/export?kind=invoices'
http GET '/billing/export?kind=invoices&from=2025-11-01&to=2025-12-31' -b "$O"
cp "$T/body" "$T/inv.csv"
check "the invoices' CSV answers as text/csv, an attachment" bash -c "[ $STATUS = 200 ] && grep -qi '^Content-Type: text/csv; charset=utf-8' '$T/headers' && grep -qi '^Content-Disposition: attachment; filename=\"invoices-T320-A-2025-11-01-2025-12-31.csv\"' '$T/headers'"
check "... a header row" bash -c "head -1 '$T/inv.csv' | grep -q '^\"number\",\"issued_on\",\"due_on\",\"status\",\"currency\",\"subtotal\",\"tax\",\"total\",\"paid\"'"
check "... the period's invoices only, oldest first, amounts as decimals" test "$(sed 1d "$T/inv.csv" | tr -d '\r')" = '"T320A-INV-1","2025-11-01","2025-11-15","paid","EUR","100.00","25.50","125.50","125.50"
"T320A-INV-2","2025-12-01","2025-12-15","partially-paid","EUR","100.00","25.50","125.50","50.00"'
check "... lines end in CRLF" bash -c "head -1 '$T/inv.csv' | od -c | grep -q '\\\\r  \\\\n'"
http GET '/billing/export?kind=payments&from=2025-12-01&to=2025-12-31' -b "$O"
cp "$T/body" "$T/pay.csv"
check "the payments' CSV: the period's payments" bash -c "[ $STATUS = 200 ] && [ \$(grep -c '^\"2025-12' '$T/pay.csv') = 6 ]"
check "... with the invoices each paid" grep -q '"2025-12-20","card",".*","EUR","50.00","T320A-INV-2"' "$T/pay.csv"
check "=: neutralised with an apostrophe" grep -qF '"'"'"'=HYPERLINK(""http://evil.example"",""x"")"' "$T/pay.csv"
check "+ (a method) and @ (a reference): neutralised" grep -qF '"'"'"'+cmd|'"'"' /C calc'"'"'!A0","'"'"'@SUM(1+1)' "$T/pay.csv"
check "-: neutralised when it is not a number" grep -qF '"'"'"'-2+3"' "$T/pay.csv"
check "a tab first: neutralised" grep -qF "\"'$(printf '\t')=1+2\"" "$T/pay.csv"
check "a carriage return first: neutralised" bash -c "grep -c \"\\\"'\$(printf '\\r')=1+2\\\"\" '$T/pay.csv' | grep -q 1"
check "a negative amount stays a number" grep -qF '"EUR","-10.00"' "$T/pay.csv"
check "quotes inside a cell are doubled (RFC 4180)" grep -qF '"Quote ""A"", part 2"' "$T/pay.csv"
check "no cell starts with a formula character unneutralised" bash -c "! grep -qE '(^|,)\"[=+@\\t]' '$T/pay.csv' && ! grep -qE '(^|,)\"-[^0-9]' '$T/pay.csv'"
check "nothing of another account" bash -c "! grep -q T320B '$T/pay.csv' '$T/inv.csv'"
year=$(date -u +%Y)
http GET '/billing/export?kind=invoices' -b "$O"
check "without dates: this year's" bash -c "grep -qi 'filename=\"invoices-T320-A-$year-01-01-$year-12-31.csv\"' '$T/headers'"
http GET '/billing/export?kind=invoices&from=2026-01-01&to=2025-01-01' -b "$O"
check "a period that ends before it starts: 400" status_is 400
http GET '/billing/export?kind=secrets' -b "$O"
check "an unknown kind: 400" status_is 400
done_testing
