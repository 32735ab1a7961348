-- The credit ledger's page (/billing/credits) reads the entries it
-- shows by credit_ledger_day, in the order shown (every currency,
-- newest first), and each entry's running balance is the sum of the
-- account's older entries in its currency: credit_ledger_account now
-- holds the amount, so that sum, and the overview's balance, read the
-- index alone, never the rows.
ALTER TABLE credit_ledger
	DROP KEY credit_ledger_account,
	ADD KEY credit_ledger_account (account_id, currency, entry_on, id,
	    amount_minor),
	ADD KEY credit_ledger_day (account_id, entry_on, id);
