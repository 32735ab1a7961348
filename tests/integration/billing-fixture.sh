# Billing test data, inserted with SQL (sourced by t320-t339): two
# accounts, T320-A (a user of each account role) and T320-B (an owner:
# the attacker of the access tests), each with services, an order,
# invoices, payments, credit entries and quotes.  Persian and Chinese
# text on T320-A's invoice T320-INV-3, for the PDF test.
# billing_cleanup removes it all; billing_fixture starts with it.
BPW=t320-password-2026

billing_cleanup() {
	db -e "DELETE a FROM payment_allocations a JOIN payments p ON p.id = a.payment_id JOIN accounts c ON c.id = p.account_id WHERE c.number LIKE 'T320-%';
	DELETE p FROM payments p JOIN accounts c ON c.id = p.account_id WHERE c.number LIKE 'T320-%';
	DELETE l FROM credit_ledger l JOIN accounts c ON c.id = l.account_id WHERE c.number LIKE 'T320-%';
	DELETE i FROM invoices i JOIN accounts c ON c.id = i.account_id WHERE c.number LIKE 'T320-%';
	DELETE o FROM orders o JOIN accounts c ON c.id = o.account_id WHERE c.number LIKE 'T320-%';
	DELETE q FROM quotes q JOIN accounts c ON c.id = q.account_id WHERE c.number LIKE 'T320-%';
	DELETE s FROM services s JOIN accounts c ON c.id = s.account_id WHERE c.number LIKE 'T320-%';
	DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email LIKE 't320-%';
	DELETE l FROM audit_log l JOIN accounts c ON c.id = l.account_id WHERE c.number LIKE 'T320-%';
	DELETE FROM mail_queue WHERE to_addr = 'billing@northwind.example' AND body LIKE '%/billing/quotes/T320%';
	DELETE FROM signin_throttle;
	DELETE FROM users WHERE email LIKE 't320-%';
	DELETE FROM accounts WHERE number LIKE 'T320-%'"
}

# billing_account NUMBER NAME ADDRESS: the new account's id
billing_account() {
	db -e "INSERT INTO accounts (number, name, billing_address, tax_id, credit_limit_minor, credit_limit_currency) VALUES ('$1', '$2', '$3', 'FI1234567', 200000, 'EUR')"
	db -e "SELECT id FROM accounts WHERE number = '$1'"
}

# billing_user EMAIL NAME ACCOUNT ROLE
billing_user() {
	db -e "INSERT INTO users (email, name, status, portal_role, account_id, account_role) VALUES ('$1', '$2', 'active', 'customer', $3, '$4')"
	echo "$BPW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$1" >/dev/null
}

# billing_data ACCOUNT P: services, an order, invoices P-INV-1..4,
# payments, credits and quotes P-Q-1 (sent), P-Q-2 (expired), P-Q-3
# (accepted) for the account.
billing_data() {
	local a=$1 p=$2
	db -e "
	INSERT INTO services (ext_id, account_id, product, plan, label, status, started_on, next_due_on, price_minor, currency, cycle, updated_at) VALUES
	  ('$p-s1', $a, 'Web hosting', 'Business', 'www.$p.example', 'active', '2025-01-01', CURDATE() + INTERVAL 10 DAY, 1990, 'EUR', 'monthly', NOW()),
	  ('$p-s2', $a, 'Cloud server', 'C2', 'app-1.$p.example', 'active', '2025-02-01', CURDATE() + INTERVAL 10 DAY, 4500, 'EUR', 'monthly', NOW()),
	  ('$p-s3', $a, 'Domain', '.com', '$p.example', 'active', '2024-05-01', CURDATE() + INTERVAL 90 DAY, 1500, 'USD', 'annual', NOW());
	INSERT INTO orders (ext_id, account_id, number, placed_at, status, currency, total_minor, updated_at) VALUES
	  ('$p-o1', $a, '$p-ORD-1', '2025-01-01 10:00:00', 'completed', 'EUR', 1990, NOW());
	INSERT INTO order_lines (order_id, line_no, description, quantity_milli, unit_minor, amount_minor, service_id)
	  SELECT o.id, 1, 'Web hosting, Business', 1000, 1990, 1990, s.id FROM orders o JOIN services s ON s.ext_id = '$p-s1' WHERE o.ext_id = '$p-o1';
	INSERT INTO invoices (ext_id, account_id, number, issued_on, due_on, status, currency, subtotal_minor, tax_minor, total_minor, paid_minor, updated_at) VALUES
	  ('$p-i1', $a, '$p-INV-1', '2025-11-01', '2025-11-15', 'paid', 'EUR', 10000, 2550, 12550, 12550, NOW()),
	  ('$p-i2', $a, '$p-INV-2', '2025-12-01', '2025-12-15', 'partially-paid', 'EUR', 10000, 2550, 12550, 5000, NOW()),
	  ('$p-i3', $a, '$p-INV-3', '2026-01-01', '2026-01-15', 'overdue', 'EUR', 64000, 16320, 80320, 0, NOW()),
	  ('$p-i4', $a, '$p-INV-4', '2026-02-01', '2026-02-15', 'unpaid', 'USD', 1500, 0, 1500, 0, NOW());
	INSERT INTO invoice_lines (invoice_id, line_no, description, quantity_milli, unit_minor, net_minor, tax_rate_bp, tax_minor, service_id)
	  SELECT i.id, 1, 'Web hosting, Business', 1000, 10000, 10000, 2550, 2550, s.id FROM invoices i JOIN services s ON s.ext_id = '$p-s1' WHERE i.ext_id IN ('$p-i1', '$p-i2');
	INSERT INTO invoice_lines (invoice_id, line_no, description, quantity_milli, unit_minor, net_minor, tax_rate_bp, tax_minor)
	  SELECT id, 1, 'میزبانی وب شرکت پارسیان', 2000, 12000, 24000, 2550, 6120 FROM invoices WHERE ext_id = '$p-i3';
	INSERT INTO invoice_lines (invoice_id, line_no, description, quantity_milli, unit_minor, net_minor, tax_rate_bp, tax_minor)
	  SELECT id, 2, '云服务器 上海数据中心', 1000, 40000, 40000, 2550, 10200 FROM invoices WHERE ext_id = '$p-i3';
	INSERT INTO invoice_lines (invoice_id, line_no, description, quantity_milli, unit_minor, net_minor, tax_rate_bp, tax_minor)
	  SELECT id, 1, 'Domain $p.example', 1000, 1500, 1500, 0, 0 FROM invoices WHERE ext_id = '$p-i4';
	INSERT INTO payments (ext_id, account_id, paid_on, method, reference, amount_minor, currency, updated_at) VALUES
	  ('$p-p1', $a, '2025-11-10', 'bank transfer', 'RF18 1234', 12550, 'EUR', NOW()),
	  ('$p-p2', $a, '2025-12-20', 'card', '=HYPERLINK(\"http://evil.example\",\"x\")', 5000, 'EUR', NOW());
	INSERT INTO payment_allocations (payment_id, invoice_id, amount_minor)
	  SELECT p.id, i.id, p.amount_minor FROM payments p JOIN invoices i ON i.ext_id = REPLACE(REPLACE(p.ext_id, '-p1', '-i1'), '-p2', '-i2') WHERE p.ext_id IN ('$p-p1', '$p-p2');
	INSERT INTO credit_ledger (ext_id, account_id, entry_on, kind, description, amount_minor, currency, updated_at) VALUES
	  ('$p-c1', $a, '2025-10-01', 'credit-note', 'Outage credit', 3000, 'EUR', NOW()),
	  ('$p-c2', $a, '2025-10-15', 'adjustment', 'Goodwill', 1250, 'EUR', NOW()),
	  ('$p-c3', $a, '2025-11-02', 'applied', 'Applied', -1000, 'EUR', NOW());
	INSERT INTO quotes (ext_id, account_id, number, title, issued_on, valid_until, status, currency, subtotal_minor, tax_minor, total_minor, version, updated_at) VALUES
	  ('$p-q1', $a, '$p-Q-1', 'Managed firewall', CURDATE(), CURDATE() + INTERVAL 30 DAY, 'sent', 'EUR', 20000, 5100, 25100, 2, NOW()),
	  ('$p-q2', $a, '$p-Q-2', 'Old offer', CURDATE() - INTERVAL 60 DAY, CURDATE() - INTERVAL 1 DAY, 'sent', 'EUR', 1000, 255, 1255, 1, NOW()),
	  ('$p-q3', $a, '$p-Q-3', 'Backup plan', CURDATE() - INTERVAL 20 DAY, CURDATE() + INTERVAL 10 DAY, 'accepted', 'EUR', 5000, 1275, 6275, 1, NOW());
	INSERT INTO quote_lines (quote_id, line_no, description, quantity_milli, unit_minor, net_minor, tax_rate_bp, tax_minor)
	  SELECT id, 1, title, 1000, subtotal_minor, subtotal_minor, 2550, tax_minor FROM quotes WHERE ext_id LIKE '$p-q%'"
}

billing_fixture() {
	billing_cleanup
	ACC_A=$(billing_account T320-A 'Aurora Testi Oy' '上海市浦东新区世纪大道100号')
	ACC_B=$(billing_account T320-B 'Other Company Ltd' 'Elsewhere 2')
	billing_user t320-owner@t320.example 'Olga Owner' "$ACC_A" owner
	billing_user t320-billing@t320.example 'Bill Billing' "$ACC_A" billing
	billing_user t320-tech@t320.example 'Tero Tech' "$ACC_A" technical
	billing_user t320-member@t320.example 'Mia Member' "$ACC_A" member
	billing_user t320-other@t320.example 'Oscar Other' "$ACC_B" owner
	billing_data "$ACC_A" T320A
	billing_data "$ACC_B" T320B
}
