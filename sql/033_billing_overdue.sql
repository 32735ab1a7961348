-- An invoice past its due date and not paid is "overdue", derived on
-- write (ledger_invoice_settle()) and by `portico-admin billing-tick`
-- (every few minutes), which finds the open invoices past due by this
-- index: a range of the rows it changes, never a scan.  Run the tick
-- once after this migration to mark the invoices already past due.
ALTER TABLE invoices
	ADD KEY invoices_overdue (status, due_on);
