-- The staff ticket reports' weeks, derived: for each week (its Monday,
-- UTC) and department (0: all of them together), what
-- /staff/tickets/reports shows.  `portico-admin ticket-reports`
-- computes the last weeks again from the tickets (run it nightly: a
-- ticket opened in a week may be answered or resolved weeks later), so
-- the page reads a few rows for the past weeks instead of every ticket
-- opened in them; the current week it computes from the tickets.
CREATE TABLE ticket_report_weeks (
	week		DATE NOT NULL,
	department_id	SMALLINT UNSIGNED NOT NULL,
	tickets		INT UNSIGNED NOT NULL,
	answered	INT UNSIGNED NOT NULL,
	-- minutes from opening; NULL when no ticket of the week had one
	first_median	INT NULL,
	first_p90	INT NULL,
	resolved	INT UNSIGNED NOT NULL,
	resolution_median INT NULL,
	resolution_p90	INT NULL,
	breached	INT UNSIGNED NOT NULL,
	rated		INT UNSIGNED NOT NULL,
	rating		DECIMAL(4,2) NULL,
	computed_at	DATETIME NOT NULL,
	PRIMARY KEY (week, department_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
