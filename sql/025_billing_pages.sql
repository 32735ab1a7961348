-- What the billing pages look up besides the lists of 023: a service's
-- invoices (the lines that billed it) and an order by its number in its
-- account's address /billing/orders/NUMBER, each by an index instead of
-- a scan.
ALTER TABLE invoice_lines
	ADD KEY invoice_lines_service (service_id);
ALTER TABLE orders
	ADD KEY orders_account_number (account_id, number);
