-- The billing import's own tables (portico-admin billing-import).
--
-- billing_staging is the import format as a table: one row per record,
-- one text column per field, named and read exactly as the CSV header
-- and the JSON Lines keys (README.md, "Billing import format").  An
-- administrator fills it with their own SQL or ETL and runs
-- `portico-admin billing-import --from-staging`, which validates every
-- row as it would a file's and applies them all in one transaction, or
-- none: applied rows are deleted, refused ones stay with nothing
-- applied, and each is reported as staging:ID:reason.

CREATE TABLE billing_staging (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	type		VARCHAR(20) NOT NULL,
	ext_id		VARCHAR(100) NULL,
	account		VARCHAR(40) NULL,
	number		VARCHAR(40) NULL,
	product		VARCHAR(200) NULL,
	plan		VARCHAR(200) NULL,
	label		VARCHAR(300) NULL,
	title		VARCHAR(300) NULL,
	status		VARCHAR(20) NULL,
	kind		VARCHAR(20) NULL,
	cycle		VARCHAR(20) NULL,
	date		VARCHAR(20) NULL,
	due		VARCHAR(20) NULL,
	currency	VARCHAR(3) NULL,
	price		VARCHAR(30) NULL,
	quantity	VARCHAR(30) NULL,
	tax_rate	VARCHAR(10) NULL,
	amount		VARCHAR(30) NULL,
	method		VARCHAR(60) NULL,
	reference	VARCHAR(200) NULL,
	description	VARCHAR(500) NULL,
	line_no		VARCHAR(10) NULL,
	invoice_id	VARCHAR(100) NULL,
	order_id	VARCHAR(100) NULL,
	payment_id	VARCHAR(100) NULL,
	quote_id	VARCHAR(100) NULL,
	service_id	VARCHAR(100) NULL,
	loaded_at	TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per applied file (or staging run): billing_history.import_id
-- names the run that changed a row.
CREATE TABLE billing_imports (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	source		VARCHAR(500) NOT NULL,
	applied_at	DATETIME NOT NULL,
	nrows		INT UNSIGNED NOT NULL,
	created		INT UNSIGNED NOT NULL,
	updated		INT UNSIGNED NOT NULL,
	unchanged	INT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
