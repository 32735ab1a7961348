-- The billing history: services, orders, invoices, payments, credits
-- and quotes of each account, fed from the provider's billing system by
-- `portico-admin billing-import`.  Every row carries the billing
-- system's own id (ext_id), so a re-import updates instead of adding.
--
-- Money is exact: integer amounts of the currency's minor unit (cents;
-- yen for JPY) beside the ISO 4217 code, never floating point
-- (src/money.c).  A quantity is in thousandths (1500 = 1.5), a tax rate
-- in basis points (2400 = 24 %).  Tax is rounded per line, half away
-- from zero; an invoice's totals are the sums of its lines.
--
-- Derived on write (by the import, never on a page view): an invoice's
-- paid amount is the sum of the payment allocations to it.  The credit
-- balance is NOT stored: it is the sum of the account's credit ledger,
-- read by an indexed SUM, so it cannot drift from the ledger.

ALTER TABLE accounts
	ADD COLUMN credit_limit_minor BIGINT NULL,
	ADD COLUMN credit_limit_currency CHAR(3) CHARACTER SET ascii NULL,
	-- the owner lets plain members see the account's billing pages
	ADD COLUMN billing_members BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE services (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	ext_id		VARCHAR(100) NOT NULL,
	account_id	INT UNSIGNED NOT NULL,
	product		VARCHAR(200) NOT NULL,
	plan		VARCHAR(200) NOT NULL DEFAULT '',
	-- what the customer calls it: a domain, a server name
	label		VARCHAR(300) NOT NULL DEFAULT '',
	status		ENUM('pending', 'active', 'suspended', 'cancelled')
			NOT NULL,
	started_on	DATE NULL,
	next_due_on	DATE NULL,
	price_minor	BIGINT NOT NULL DEFAULT 0,
	currency	CHAR(3) CHARACTER SET ascii NOT NULL,
	cycle		ENUM('one-time', 'monthly', 'quarterly', 'semiannual',
			    'annual', 'biennial', 'triennial') NOT NULL,
	updated_at	DATETIME NOT NULL,
	UNIQUE KEY services_ext (ext_id),
	KEY services_account (account_id, status, next_due_on),
	CONSTRAINT services_account_fk FOREIGN KEY (account_id)
		REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE orders (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	ext_id		VARCHAR(100) NOT NULL,
	account_id	INT UNSIGNED NOT NULL,
	number		VARCHAR(40) NOT NULL,
	placed_at	DATETIME NOT NULL,
	status		ENUM('pending', 'active', 'completed', 'cancelled',
			    'fraud') NOT NULL,
	currency	CHAR(3) CHARACTER SET ascii NOT NULL,
	total_minor	BIGINT NOT NULL DEFAULT 0,
	updated_at	DATETIME NOT NULL,
	UNIQUE KEY orders_ext (ext_id),
	KEY orders_account (account_id, placed_at),
	CONSTRAINT orders_account_fk FOREIGN KEY (account_id)
		REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE order_lines (
	order_id	INT UNSIGNED NOT NULL,
	line_no		SMALLINT UNSIGNED NOT NULL,
	description	VARCHAR(500) NOT NULL,
	quantity_milli	BIGINT NOT NULL DEFAULT 1000,
	unit_minor	BIGINT NOT NULL,
	amount_minor	BIGINT NOT NULL,
	service_id	INT UNSIGNED NULL,
	PRIMARY KEY (order_id, line_no),
	CONSTRAINT order_lines_fk FOREIGN KEY (order_id)
		REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE invoices (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	ext_id		VARCHAR(100) NOT NULL,
	account_id	INT UNSIGNED NOT NULL,
	-- the number printed on it, and in its address /billing/invoices/N
	number		VARCHAR(40) CHARACTER SET ascii NOT NULL,
	issued_on	DATE NOT NULL,
	due_on		DATE NOT NULL,
	status		ENUM('draft', 'unpaid', 'partially-paid', 'paid',
			    'overdue', 'cancelled', 'refunded') NOT NULL,
	currency	CHAR(3) CHARACTER SET ascii NOT NULL,
	subtotal_minor	BIGINT NOT NULL DEFAULT 0,
	tax_minor	BIGINT NOT NULL DEFAULT 0,
	total_minor	BIGINT NOT NULL DEFAULT 0,
	-- derived by the import: the sum of the allocations to it
	paid_minor	BIGINT NOT NULL DEFAULT 0,
	updated_at	DATETIME NOT NULL,
	UNIQUE KEY invoices_ext (ext_id),
	UNIQUE KEY invoices_number (number),
	KEY invoices_account (account_id, issued_on),
	KEY invoices_account_status (account_id, status, issued_on),
	CONSTRAINT invoices_account_fk FOREIGN KEY (account_id)
		REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE invoice_lines (
	invoice_id	INT UNSIGNED NOT NULL,
	line_no		SMALLINT UNSIGNED NOT NULL,
	description	VARCHAR(500) NOT NULL,
	quantity_milli	BIGINT NOT NULL DEFAULT 1000,
	unit_minor	BIGINT NOT NULL,
	-- net = quantity x unit (money_times), tax = money_tax(net, rate)
	net_minor	BIGINT NOT NULL,
	tax_rate_bp	INT UNSIGNED NOT NULL DEFAULT 0,
	tax_minor	BIGINT NOT NULL DEFAULT 0,
	service_id	INT UNSIGNED NULL,
	PRIMARY KEY (invoice_id, line_no),
	CONSTRAINT invoice_lines_fk FOREIGN KEY (invoice_id)
		REFERENCES invoices (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE payments (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	-- NULL for a payment staff recorded by hand
	ext_id		VARCHAR(100) NULL,
	account_id	INT UNSIGNED NOT NULL,
	paid_on		DATE NOT NULL,
	method		VARCHAR(60) NOT NULL,
	reference	VARCHAR(200) NOT NULL DEFAULT '',
	amount_minor	BIGINT NOT NULL,
	currency	CHAR(3) CHARACTER SET ascii NOT NULL,
	recorded_by	INT UNSIGNED NULL,
	updated_at	DATETIME NOT NULL,
	UNIQUE KEY payments_ext (ext_id),
	KEY payments_account (account_id, paid_on),
	CONSTRAINT payments_account_fk FOREIGN KEY (account_id)
		REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE payment_allocations (
	payment_id	INT UNSIGNED NOT NULL,
	invoice_id	INT UNSIGNED NOT NULL,
	amount_minor	BIGINT NOT NULL,
	PRIMARY KEY (payment_id, invoice_id),
	KEY payment_allocations_invoice (invoice_id),
	CONSTRAINT payment_allocations_payment_fk FOREIGN KEY (payment_id)
		REFERENCES payments (id) ON DELETE CASCADE,
	CONSTRAINT payment_allocations_invoice_fk FOREIGN KEY (invoice_id)
		REFERENCES invoices (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The credit ledger: credit notes, refunds, adjustments and credit
-- applied to invoices, positive when the customer is owed.  The balance
-- of a currency is SUM(amount_minor) over the account's rows in it.
CREATE TABLE credit_ledger (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	ext_id		VARCHAR(100) NULL,
	account_id	INT UNSIGNED NOT NULL,
	entry_on	DATE NOT NULL,
	kind		ENUM('credit-note', 'refund', 'adjustment', 'applied')
			NOT NULL,
	description	VARCHAR(500) NOT NULL DEFAULT '',
	amount_minor	BIGINT NOT NULL,
	currency	CHAR(3) CHARACTER SET ascii NOT NULL,
	invoice_id	INT UNSIGNED NULL,
	recorded_by	INT UNSIGNED NULL,
	updated_at	DATETIME NOT NULL,
	UNIQUE KEY credit_ledger_ext (ext_id),
	KEY credit_ledger_account (account_id, currency, entry_on, id),
	CONSTRAINT credit_ledger_account_fk FOREIGN KEY (account_id)
		REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Quotes: version counts the changes the billing system made; the
-- customer accepts or declines the version they saw, once.
CREATE TABLE quotes (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	ext_id		VARCHAR(100) NOT NULL,
	account_id	INT UNSIGNED NOT NULL,
	number		VARCHAR(40) CHARACTER SET ascii NOT NULL,
	title		VARCHAR(300) NOT NULL DEFAULT '',
	issued_on	DATE NOT NULL,
	valid_until	DATE NOT NULL,
	status		ENUM('draft', 'sent', 'accepted', 'declined', 'expired')
			NOT NULL,
	currency	CHAR(3) CHARACTER SET ascii NOT NULL,
	subtotal_minor	BIGINT NOT NULL DEFAULT 0,
	tax_minor	BIGINT NOT NULL DEFAULT 0,
	total_minor	BIGINT NOT NULL DEFAULT 0,
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	decided_at	DATETIME NULL,
	decided_by	INT UNSIGNED NULL,
	decided_version	INT UNSIGNED NULL,
	decision_comment VARCHAR(2000) NULL,
	updated_at	DATETIME NOT NULL,
	UNIQUE KEY quotes_ext (ext_id),
	UNIQUE KEY quotes_number (number),
	KEY quotes_account (account_id, status, issued_on),
	CONSTRAINT quotes_account_fk FOREIGN KEY (account_id)
		REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE quote_lines (
	quote_id	INT UNSIGNED NOT NULL,
	line_no		SMALLINT UNSIGNED NOT NULL,
	description	VARCHAR(500) NOT NULL,
	quantity_milli	BIGINT NOT NULL DEFAULT 1000,
	unit_minor	BIGINT NOT NULL,
	net_minor	BIGINT NOT NULL,
	tax_rate_bp	INT UNSIGNED NOT NULL DEFAULT 0,
	tax_minor	BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (quote_id, line_no),
	CONSTRAINT quote_lines_fk FOREIGN KEY (quote_id)
		REFERENCES quotes (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What a re-import changed: the row as it was, as JSON, so a changed
-- invoice or quote keeps its history.
CREATE TABLE billing_history (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	entity		ENUM('service', 'order', 'invoice', 'payment', 'credit',
			    'quote') NOT NULL,
	ext_id		VARCHAR(100) NOT NULL,
	changed_at	DATETIME NOT NULL,
	import_id	BIGINT UNSIGNED NULL,
	old_row		MEDIUMTEXT NOT NULL,
	KEY billing_history_row (entity, ext_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
