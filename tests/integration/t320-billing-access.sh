#!/usr/bin/env bash
# Billing pages: who sees what per account role (owner and billing see
# money; technical contacts services only; members neither unless the
# owner allows it; staff any account with ?account=ID), the overview's
# figures, filters and paging, and one IDOR test per object type: the
# invoice, its PDF, the quote (and its decision), the service and the
# order of another account answer 404, as if they did not exist.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/billing-fixture.sh"
SEC=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
trap 'billing_cleanup; db -e "DELETE FROM users WHERE email = '"'"'t320-admin@northwind.example'"'"'"; rm -rf "$T"' EXIT
billing_fixture
db -e "DELETE FROM users WHERE email = 't320-admin@northwind.example'"
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES ('t320-admin@northwind.example', 'Aada Admin', 'active', 'agent', '$SEC', 1)"
echo "$BPW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password t320-admin@northwind.example >/dev/null

O=$T/owner; B=$T/billing; TE=$T/tech; M=$T/member; X=$T/other; S=$T/staff
signin "$O" t320-owner@t320.example "$BPW"
signin "$B" t320-billing@t320.example "$BPW"
signin "$TE" t320-tech@t320.example "$BPW"
signin "$M" t320-member@t320.example "$BPW"
signin "$X" t320-other@t320.example "$BPW"
signin "$S" t320-admin@northwind.example "$BPW"
FORM_PAGE=/signin/2fa post "$S" /signin/2fa "code=$(oathtool --totp -b "$SEC")"

# ---- anonymous --------------------------------------------------------------
http GET /billing/invoices
check "not signed in: the sign-in page first" bash -c "[ $STATUS = 303 ] && grep -qi '^Location: /signin?next=/billing/invoices' '$T/headers'"

# ---- the owner: the overview's figures ---------------------------------------
http GET /billing -b "$O"
check "the owner's overview answers" status_is 200
check "... what is due in euros: the open invoices' balances, €878.70" body_has '€878.70'
check "... what is due in dollars, in its own currency" body_has 'US$15.00'
check "... the credit balance, the sum of the ledger: €32.50" body_has '€32.50'
check "... the credit limit, €2,000.00" body_has '€2,000.00'
check "... and what is left of it: €2,000.00 less €878.70 due" body_has '€1,121.30'
check "... the invoice due first" body_has '/billing/invoices/T320A-INV-2'
check "... the next invoice the services make: both due the same day, €64.90" body_has '€64.90'
check "... one open quote (the expired one is not)" body_has 'Quotes waiting for you: 1'
check "... the services with their next due dates" body_has 'app-1.T320A.example'
check "... nothing of the other account" body_lacks 'T320B'
http GET '/billing?lang=fi' -b "$O"
check "in Finnish the amounts are Finnish: 878,70 €" body_matches '878,70.€'
http GET '/billing?lang=fa' -b "$O"
check "in Persian, Persian digits" body_has '۸۷۸'
check "... in the dates too (no Latin day), as the amounts" \
	bash -c "grep -q '>۲۰۲۵-۱۲-۱۵<' '$T/body' && ! grep -Eq '>[0-9]{4}-[0-9]{2}-[0-9]{2}<' '$T/body'"
for p in /billing/invoices /billing/payments /billing/credits /billing/orders /billing/services /billing/quotes /billing/invoices/T320A-INV-3 /billing/orders/T320A-ORD-1 /billing/quotes/T320A-Q-1; do
	http GET "$p?lang=fa" -b "$O"
	check "in Persian, $p: no date, time or number of the data in Latin digits" \
		bash -c "[ $STATUS = 200 ] && ! grep -Eq '<bdi dir=\"ltr\">[0-9]' '$T/body' && ! grep -Eq '>[0-9]{4}-[0-9]{2}-[0-9]{2}' '$T/body'"
done
http GET '/billing/invoices/T320A-INV-3?lang=fa' -b "$O"
check "... the quantity and the tax rate in Persian digits, with the Persian decimal separator (۲۵٫۵ %)" \
	bash -c "grep -q '>۲<' '$T/body' && grep -q '۲۵٫۵ %' '$T/body'"
http GET '/billing/orders/T320A-ORD-1?lang=fa' -b "$O"
check "... an order's time: ۲۰۲۵-۰۱-۰۱ ۱۰:۰۰:۰۰" body_has '۲۰۲۵-۰۱-۰۱ ۱۰:۰۰:۰۰'
http GET /billing/invoices/T320A-INV-3 -b "$O"
check "in English the day and the rate keep their Latin digits" bash -c "grep -q '>2026-01-01<' '$T/body' && grep -q '25.5 %' '$T/body'"

# ---- invoices: list, filters, paging ------------------------------------------
http GET /billing/invoices -b "$O"
check "the invoice list, newest first" bash -c "grep -o 'T320A-INV-[0-9]' '$T/body' | uniq | tr '\n' ' ' | grep -q '^T320A-INV-4 T320A-INV-3 T320A-INV-2 T320A-INV-1 '"
check "... with the CSV export link" body_has '/billing/export?kind=invoices'
http GET '/billing/invoices?status=overdue' -b "$O"
check "the status filter keeps the overdue invoice only" bash -c "grep -q T320A-INV-3 '$T/body' && ! grep -q T320A-INV-2 '$T/body'"
http GET '/billing/invoices?from=2025-12-01&to=2025-12-31' -b "$O"
check "the date filter keeps December's invoice only" bash -c "grep -q T320A-INV-2 '$T/body' && ! grep -q T320A-INV-3 '$T/body' && ! grep -q T320A-INV-1 '$T/body'"
check "... and its export link asks for the same period" body_has '/billing/export?kind=invoices&amp;from=2025-12-01&amp;to=2025-12-31'
http GET '/billing/invoices?from=1999-01-01' -b "$O"
check "a period from 1999 on: the export link keeps its start" body_has '/billing/export?kind=invoices&amp;from=1999-01-01"'
http GET '/billing/invoices?from=2026-01-01&to=2025-01-01' -b "$O"
check "a period that ends before it starts: 400 with a reason" bash -c "[ $STATUS = 400 ] && grep -q 'after its end' '$T/body'"
http GET '/billing/invoices?from=2025-02-30' -b "$O"
check "a day that does not exist: 400" status_is 400
http GET '/billing/invoices?status=lost' -b "$O"
check "a status that does not exist: 400" status_is 400
http GET '/billing/invoices?after=2025-01-01.1' -b "$O"
check "a place past the end: 404" status_is 404
http GET '/billing/invoices?after=2025-01-01.1&format=xml' -b "$O"
check "... the error page, not an invoice list without its invoices" bash -c "grep -q '<page kind=\"error\"' '$T/body'"
http GET '/billing/invoices?after=2025-01-01.1&before=2026-01-01.1' -b "$O"
check "both after and before: 400" status_is 400
for bad in 2025-01-01 2025-02-30.1 2025-01-01.x '2025-01-01T10:00:00.1' 2025-01-01.99999999999; do
	http GET "/billing/invoices?after=$bad" -b "$O"
	check "a malformed place ($bad): 400" status_is 400
done
for bad in 2025-01-01T25:00:00.1 2025-01-01T10:00.1 2025-01-01.1; do
	http GET "/billing/orders?after=$bad" -b "$O"
	check "an order list's place is a time: $bad is a 400" status_is 400
done
# A place names a row of the list: one no row of it holds has no page
# (the page before a made-up place linked to an older page that was not
# there: ?before= a time older than every order listed the order, and
# its "older" link answered 404).
http GET '/billing/orders?before=2025-01-01T00:00:00.1' -b "$O"
check "a place no order holds (before the oldest): 404, not a page whose older link is dead" status_is 404
oid=$(db -e "SELECT id FROM orders WHERE number = 'T320A-ORD-1'")
http GET "/billing/orders?before=2025-01-01T10:00:00.$oid" -b "$O"
check "... before the one order itself: nothing newer, 404" status_is 404
http GET "/billing/orders?after=2025-01-01T10:00:00.$oid" -b "$O"
check "... after it: nothing older, 404" status_is 404
http GET '/billing/invoices?before=2025-01-01.x' -b "$O"
check "a malformed ?before=: 400 that names it" bash -c "[ $STATUS = 400 ] && grep -q 'before' '$T/body'"
http GET '/billing/invoices?page=2' -b "$O"
check "the old ?page= is not taken: 400" status_is 400
db -e "INSERT INTO invoices (ext_id, account_id, number, issued_on, due_on, status, currency, total_minor, updated_at)
	SELECT CONCAT('T320A-bulk-', seq), $ACC_A, CONCAT('T320A-B', seq), '2024-01-01' + INTERVAL (seq DIV 2) DAY, '2024-02-01', 'paid', 'EUR', 100, NOW() FROM seq_1_to_60"
# 64 invoices, two a day (the key alone does not place a row: its id does)
rows() { grep -o 'href="/billing/invoices/T320A-[^"]*"' "$T/body" | sed 's/.*invoices\///; s/"//'; }
link() { grep -o "rel=\"$1\" href=\"[^\"]*\"" "$T/body" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g'; }
http GET /billing/invoices -b "$O"
check "with 64 invoices the first page shows 25, links the next and no previous" \
	bash -c "[ \$(grep -c . <<<'$(rows)') = 25 ] && [ -n '$(link next)' ] && [ -z '$(link prev)' ]"
rows >"$T/p1"; n1=$(link next)
check "... the next page is named by the last row's day and id, not a number" \
	bash -c "grep -Eq '^/billing/invoices\?after=[0-9]{4}-[0-9]{2}-[0-9]{2}\.[0-9]+$' <<<'$n1'"
http GET "$n1" -b "$O"; rows >"$T/p2"; n2=$(link next); p2prev=$(link prev)
http GET "$n2" -b "$O"; rows >"$T/p3"
check "... the third page has the last 14, no next, and a previous" \
	bash -c "[ \$(wc -l <'$T/p3') = 14 ] && [ -z '$(link next)' ] && [ -n '$(link prev)' ]"
check "... every invoice once over the three pages, newest first" \
	test "$(cat "$T/p1" "$T/p2" "$T/p3" | sort -u | wc -l)/$(db -e "SELECT GROUP_CONCAT(number ORDER BY issued_on DESC, id DESC SEPARATOR ' ') FROM invoices WHERE account_id = $ACC_A")" = "64/$(cat "$T/p1" "$T/p2" "$T/p3" | tr '\n' ' ' | sed 's/ $//')"
http GET "$(link prev)" -b "$O"
check "... and back: the third page's previous is the second page again" test "$(rows | tr '\n' ' ')" = "$(tr '\n' ' ' <"$T/p2")"
http GET "$p2prev" -b "$O"
check "... whose previous is the first page, which links no further back" \
	bash -c "[ '$(rows | tr '\n' ' ')' = '$(tr '\n' ' ' <"$T/p1")' ] && [ -z '$(link prev)' ]"
first=$(db -e "SELECT CONCAT(issued_on, '.', id) FROM invoices WHERE account_id = $ACC_A ORDER BY issued_on DESC, id DESC LIMIT 1")
last=$(db -e "SELECT CONCAT(issued_on, '.', id) FROM invoices WHERE account_id = $ACC_A ORDER BY issued_on, id LIMIT 1")
http GET "/billing/invoices?before=$first" -b "$O"
check "?before= the newest invoice: nothing newer, 404" status_is 404
http GET "/billing/invoices?after=$last" -b "$O"
check "?after= the oldest: nothing older, 404" status_is 404
http GET "/billing/invoices?before=$last" -b "$O"
check "?before= the oldest: the 25 just newer, oldest last, and an older link to it" \
	bash -c "[ $STATUS = 200 ] && [ \$(grep -c . <<<'$(rows)') = 25 ] && [ '$(rows | tail -1)' = '$(db -e "SELECT number FROM invoices WHERE account_id = $ACC_A ORDER BY issued_on, id LIMIT 1 OFFSET 1")' ]"
http GET "$(link next)" -b "$O"
check "... which is the oldest alone, with no older link" \
	bash -c "[ $STATUS = 200 ] && [ '$(rows | tr '\n' ' ')' = '$(db -e "SELECT number FROM invoices WHERE account_id = $ACC_A ORDER BY issued_on, id LIMIT 1") ' ] && [ -z '$(link next)' ]"
# The other account's invoice as the place: its day and id must not
# place a page of this account's (nor show anything of the other's).
bplace=$(db -e "SELECT CONCAT(issued_on, '.', id) FROM invoices WHERE number = 'T320B-INV-2'")
for dir in after before; do
	http GET "/billing/invoices?$dir=$bplace" -b "$O"
	check "?$dir= another account's invoice: 404" status_is 404
	check "... showing nothing of it" bash -c "! grep -q 'T320B' '$T/body'"
done
# A made-up id on a day that has invoices is no place either.
http GET "/billing/invoices?before=2024-01-10.$(( $(db -e "SELECT MAX(id) FROM invoices") + 1000 ))" -b "$O"
check "a made-up id on a listed day: 404" status_is 404
http GET '/billing/invoices?status=paid&from=2024-01-01&to=2024-12-31' -b "$O"
check "a filtered list keeps its filters in its links" \
	bash -c "grep -Eq '^/billing/invoices\?status=paid&from=2024-01-01&to=2024-12-31&after=' <<<'$(link next)'"
http GET "$(link next)" -b "$O"
check "... and its next page is still filtered: the next 25 of the 60 paid in 2024" \
	test "$STATUS/$(rows | grep -c 'T320A-B')/$(rows | grep -vc 'T320A-B')" = "200/25/0"

# ---- the credit ledger: running balances, paged ---------------------------------
# 60 more entries, three a day and two currencies: each page's balances
# must be those of the whole ledger (the sum of every older entry in the
# currency, ties in a day by id), whichever page they are on.
db -e "INSERT INTO credit_ledger (ext_id, account_id, entry_on, kind, description, amount_minor, currency, updated_at)
	SELECT CONCAT('T320A-bulk-c', seq), $ACC_A, '2024-01-01' + INTERVAL (seq DIV 3) DAY, 'adjustment', CONCAT('Bulk ', seq),
	  CAST(seq AS SIGNED) * 7 - IF(seq MOD 5 = 0, 500, 0), IF(seq MOD 2, 'EUR', 'USD'), NOW() FROM seq_1_to_60"
entries() { perl -0ne 'while (/<entry date="([^"]+)".*?<amount currency="(\w+)" minor="(-?\d+)".*?<balance currency="\w+" minor="(-?\d+)"/sg) { print "$1 $2 $3 $4\n" }' "$T/body"; }
xlink() { grep -o " $1=\"[^\"]*\"" "$T/body" | sed 's/.*="//; s/"$//; s/&amp;/\&/g'; }
http GET '/billing/credits?format=xml' -b "$O"; entries >"$T/c1"; c2=$(xlink next)
http GET "$c2&format=xml" -b "$O"; entries >"$T/c2"; c3=$(xlink next)
http GET "$c3&format=xml" -b "$O"; entries >"$T/c3"; c3prev=$(xlink prev); c3next=$(xlink next)
db -e "SELECT entry_on, currency, amount_minor, SUM(amount_minor) OVER (PARTITION BY currency ORDER BY entry_on, id)
	FROM credit_ledger WHERE account_id = $ACC_A ORDER BY entry_on DESC, id DESC" | tr '\t' ' ' >"$T/cledger"
check "the ledger's 63 entries over three pages (25, 25, 13), no older link on the last" \
	test "$(wc -l <"$T/c1")/$(wc -l <"$T/c2")/$(wc -l <"$T/c3")/$c3next" = "25/25/13/"
check "... each once, newest first, each with its currency's running balance" \
	diff "$T/cledger" <(cat "$T/c1" "$T/c2" "$T/c3")
http GET '/billing/credits?format=xml' -b "$O"
check "... the balances: each currency's sum of the ledger" \
	test "$(grep -o '<credit currency="[A-Z]*" minor="-\?[0-9]*"' "$T/body" | tr '\n' ' ')" = "$(db -e "SELECT CONCAT('<credit currency=\"', currency, '\" minor=\"', SUM(amount_minor), '\"') FROM credit_ledger WHERE account_id = $ACC_A GROUP BY currency ORDER BY currency" | tr '\n' ' ')"
http GET "$c3prev&format=xml" -b "$O"
check "... and back from the last page, by ?before=: the second page, same balances" \
	diff "$T/c2" <(entries)
http GET "$(xlink prev)&format=xml" -b "$O"; entries >"$T/c1back"
check "... whose newer page is the first, with no newer link" \
	bash -c "diff '$T/c1' '$T/c1back' && ! grep -q ' prev=' '$T/body'"
bplace=$(db -e "SELECT CONCAT(entry_on, '.', id) FROM credit_ledger WHERE ext_id = 'T320B-c2'")
http GET "/billing/credits?before=$bplace" -b "$O"
check "the credits ?before= another account's entry: 404, nothing of it" bash -c "[ $STATUS = 404 ] && ! grep -q 'T320B' '$T/body'"
db -e "DELETE FROM credit_ledger WHERE ext_id LIKE 'T320A-bulk-c%'"

# ---- each role -------------------------------------------------------------
for p in /billing/invoices /billing/invoices/T320A-INV-3 /billing/invoices/T320A-INV-3/pdf /billing/payments /billing/credits /billing/orders /billing/orders/T320A-ORD-1 /billing/quotes /billing/quotes/T320A-Q-1 /billing/export; do
	http GET "$p" -b "$B"
	check "billing contact: $p answers" status_is 200
	http GET "$p" -b "$TE"
	check "technical contact: $p is refused (403)" status_is 403
	http GET "$p" -b "$M"
	check "member: $p is refused (403)" status_is 403
done
http GET /billing -b "$TE"
check "technical contact: the overview shows services..." bash -c "[ $STATUS = 200 ] && grep -q 'www.T320A.example' '$T/body'"
check "... and no money" bash -c "! grep -q '€878.70' '$T/body' && ! grep -q '/billing/invoices' '$T/body'"
svc=$(db -e "SELECT id FROM services WHERE ext_id = 'T320A-s1'")
http GET "/billing/services/$svc" -b "$TE"
check "technical contact: a service's page, without its invoices" bash -c "[ $STATUS = 200 ] && grep -q 'www.T320A.example' '$T/body' && ! grep -q 'T320A-INV' '$T/body'"
http GET "/billing/services/$svc" -b "$O"
check "the owner: the service's page with the invoices that billed it" bash -c "[ $STATUS = 200 ] && grep -q 'T320A-INV-1' '$T/body'"
http GET /billing -b "$M"
check "member: the overview is refused too" status_is 403
http GET /account -b "$M"
check "member: a dashboard without the billing card" bash -c "[ $STATUS = 200 ] && grep -q 'T320' '$T/body' && ! grep -q 'card-billing' '$T/body'"
db -e "UPDATE accounts SET billing_members = TRUE WHERE id = $ACC_A"
http GET /billing/invoices/T320A-INV-3 -b "$M"
check "member, once the owner allows it: invoices" status_is 200
http GET /account -b "$M"
check "member, once the owner allows it: the dashboard's billing card" bash -c "grep -q 'card-billing' '$T/body' && grep -q '€878.70' '$T/body'"
http GET /account -b "$O"
check "the dashboard's billing card: what is due and the open quotes" bash -c "grep -q 'card-billing' '$T/body' && grep -q '€878.70' '$T/body' && grep -q 'Quotes waiting for you: 1' '$T/body'"
http GET /account -b "$TE"
check "... not on a technical contact's dashboard" body_lacks 'card-billing'

# ---- IDOR: another account's objects are 404 -----------------------------------
bsvc=$(db -e "SELECT id FROM services WHERE ext_id = 'T320B-s1'")
for p in /billing/invoices/T320B-INV-1 /billing/invoices/T320B-INV-1/pdf /billing/quotes/T320B-Q-1 "/billing/services/$bsvc" /billing/orders/T320B-ORD-1 "/billing?account=$ACC_B" "/billing/invoices?account=$ACC_B"; do
	http GET "$p" -b "$O"
	check "IDOR: $p of another account answers 404" status_is 404
	check "... and shows nothing of it" body_lacks 'Other Company'
done
http GET /billing/invoices/T320A-INV-1 -b "$X"
check "IDOR the other way round: 404" status_is 404
http GET /billing/invoices/T320B-INV-1 -b "$X"
check "... while its own invoice answers" status_is 200
FORM_PAGE=/billing/quotes/T320A-Q-1 post "$O" /billing/quotes/T320B-Q-1/accept version=2
check "IDOR: accepting another account's quote answers 404" status_is 404
check "... and it stays sent" test "$(db -e "SELECT status FROM quotes WHERE number = 'T320B-Q-1'")" = sent
http GET '/billing/invoices/T320A-INV-1%3Cx%3E' -b "$O"
check "a malformed invoice number: 404" status_is 404

# ---- staff -------------------------------------------------------------------
http GET "/billing/invoices/T320B-INV-1?account=$ACC_B" -b "$S"
check "staff see any account's invoice with ?account=ID" bash -c "[ $STATUS = 200 ] && grep -q 'Other Company' '$T/body'"
check "... and its links keep the account" body_has "/billing/invoices/T320B-INV-1/pdf?account=$ACC_B"
http GET "/billing/invoices/T320B-INV-1?account=$ACC_A" -b "$S"
check "... but not one account's invoice under another's id: 404" status_is 404
http GET /billing -b "$S"
check "staff without ?account: 404" status_is 404
FORM_PAGE="/billing/quotes/T320A-Q-1?account=$ACC_A" post "$S" /billing/quotes/T320A-Q-1/accept version=2
check "staff may not accept a customer's quote: 403" status_is 403

# ---- what is not there is not shown (a NULL cell reads as "") ----------------
db -e "UPDATE accounts SET credit_limit_minor = NULL, credit_limit_currency = NULL WHERE id = $ACC_B"
http GET /billing -b "$X"
check "an account without a credit limit: no credit limit card (not one of 0)" \
	bash -c "[ $STATUS = 200 ] && ! grep -q 'card-credit-limit' '$T/body'"
http GET "/staff/accounts/$ACC_B/billing?format=xml" -b "$S"
check "... nor a limit on the staff page" bash -c "[ $STATUS = 200 ] && ! grep -q '<credit-limit' '$T/body'"
http GET /billing/credits -b "$X"
check "credits of no invoice link no invoice (no bare /billing/invoices/)" \
	bash -c "[ $STATUS = 200 ] && grep -q 'Outage credit' '$T/body' && ! grep -q 'href=\"/billing/invoices/\"' '$T/body'"
http GET "/billing/quotes/T320B-Q-1?format=xml" -b "$X"
check "a quote nobody decided has no decision" bash -c "[ $STATUS = 200 ] && ! grep -q '<decision' '$T/body'"

# ---- drafts are the billing system's, not yet the customer's -----------------
db -e "INSERT INTO invoices (ext_id, account_id, number, issued_on, due_on, status, currency, subtotal_minor, tax_minor, total_minor, paid_minor, updated_at) VALUES
	('T320A-id', $ACC_A, 'T320A-DRAFT-1', CURDATE(), CURDATE() + INTERVAL 14 DAY, 'draft', 'EUR', 100, 0, 100, 0, NOW());
	INSERT INTO quotes (ext_id, account_id, number, title, issued_on, valid_until, status, currency, subtotal_minor, tax_minor, total_minor, version, updated_at) VALUES
	('T320A-qd', $ACC_A, 'T320A-QDRAFT-1', 'Unsent draft offer', CURDATE(), CURDATE() + INTERVAL 30 DAY, 'draft', 'EUR', 100, 0, 100, 1, NOW())"
for p in /billing/invoices/T320A-DRAFT-1 /billing/invoices/T320A-DRAFT-1/pdf /billing/quotes/T320A-QDRAFT-1; do
	http GET "$p" -b "$O"
	check "a draft, to the customer: $p answers 404" status_is 404
done
http GET '/billing/invoices?status=draft' -b "$O"
check "... nor is a draft invoice listed" bash -c "[ $STATUS = 200 ] && ! grep -q 'T320A-DRAFT-1' '$T/body'"
http GET "/billing/export?kind=invoices&from=2000-01-01&to=2199-12-31" -b "$O"
check "... nor exported" bash -c "[ $STATUS = 200 ] && grep -q 'T320A-INV-1' '$T/body' && ! grep -q 'T320A-DRAFT-1' '$T/body'"
http GET /billing/quotes -b "$O"
check "... nor a draft quote listed" bash -c "[ $STATUS = 200 ] && ! grep -q 'T320A-QDRAFT-1' '$T/body'"
FORM_PAGE=/billing/quotes/T320A-Q-1 post "$O" /billing/quotes/T320A-QDRAFT-1/accept version=1
check "... nor decided: 404, and it stays a draft" bash -c "[ $STATUS = 404 ] && [ \"\$(mariadb --defaults-extra-file='$STATE/my.cnf' -N -B -e \"SELECT status FROM quotes WHERE number = 'T320A-QDRAFT-1'\")\" = draft ]"
http GET "/billing/invoices/T320A-DRAFT-1?account=$ACC_A" -b "$S"
check "staff see a draft invoice" status_is 200
http GET "/billing/quotes?account=$ACC_A" -b "$S"
check "... and a draft quote" body_has 'T320A-QDRAFT-1'
# ---- overdue: past the due date and not paid, whatever the billing system said ----
# The fixture wrote INV-2 (partly paid, due 2025-12-15) and INV-4 (unpaid,
# due 2026-02-15) as the billing system sent them, before their due dates
# passed; the tick derives what they are now.
"$ROOT/portico-admin" -c "$STATE/portico.conf" billing-tick >"$T/tick" 2>&1
check "billing-tick marks them overdue" grep -q '^invoices now overdue: [1-9]' "$T/tick"
http GET '/billing/invoices?status=overdue' -b "$O"
check "the overdue filter lists every invoice past due and not paid" \
	bash -c "grep -q T320A-INV-2 '$T/body' && grep -q T320A-INV-3 '$T/body' && grep -q T320A-INV-4 '$T/body' && ! grep -q T320A-INV-1 '$T/body'"
http GET '/billing/invoices?status=unpaid' -b "$O"
check "... and the unpaid filter no longer has the one past due" body_lacks 'T320A-INV-4'
http GET /billing/invoices -b "$O"
check "the list shows them overdue" test "$(grep -o 'Overdue' "$T/body" | wc -l)" -ge 3
http GET /billing -b "$O"
check "the overview's overdue amount: all of €878.70 and US\$15.00" \
	bash -c "grep -o 'class=\"overdue\">[^/]*' '$T/body' | grep -q '€878.70' && grep -o 'class=\"overdue\">[^/]*' '$T/body' | grep -q 'US\\\$15.00'"
http GET /account -b "$O"
check "the dashboard's billing card flags both currencies' due amounts as overdue" \
	test "$(perl -0ne 'print scalar(() = /<li class="due">(?:(?!<\/li>).)*Overdue/sg)' "$T/body")" = 2
done_testing
