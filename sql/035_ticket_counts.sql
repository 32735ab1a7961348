-- Ticket counts kept as tickets change, not counted on every view: the
-- customer's list shows its counts per status from
-- ticket_account_counts, the staff queue its views (new, open, waiting,
-- mine, unassigned) from ticket_queue_counts, each a sum over a few rows
-- instead of thousands of index entries.
--
-- Triggers on tickets keep both, so every writer keeps them right: the
-- ticket model, mail-in, the SLA tick and an administrator's own SQL.
-- A trigger's rows are written in the same transaction as the ticket and
-- replicate with it (row-based), so each Galera node holds the same
-- counts.  An update writes the counts only when a counted column
-- changed: a reply, which touches updated_at, writes none, so replies to
-- different tickets do not meet on one count row.
-- `portico-admin tickets-refresh` recounts both from the tickets.
--
-- With binary logging on, creating triggers needs the SUPER privilege
-- or log_bin_trust_function_creators = 1 for the migrating user (see
-- the README).
CREATE TABLE ticket_account_counts (
	account_id	INT UNSIGNED NOT NULL,
	department_id	SMALLINT UNSIGNED NOT NULL,
	requester_id	INT UNSIGNED NOT NULL,
	status		ENUM('new', 'open', 'waiting', 'resolved', 'closed') NOT NULL,
	n		INT NOT NULL,
	PRIMARY KEY (account_id, department_id, requester_id, status)
) ENGINE=InnoDB;

CREATE TABLE ticket_queue_counts (
	department_id	SMALLINT UNSIGNED NOT NULL,
	-- 0: nobody
	assignee_id	INT UNSIGNED NOT NULL,
	status		ENUM('new', 'open', 'waiting', 'resolved', 'closed') NOT NULL,
	n		INT NOT NULL,
	PRIMARY KEY (department_id, assignee_id, status)
) ENGINE=InnoDB;

INSERT INTO ticket_account_counts (account_id, department_id, requester_id,
	status, n)
SELECT account_id, department_id, requester_id, status, COUNT(*)
FROM tickets GROUP BY account_id, department_id, requester_id, status;

INSERT INTO ticket_queue_counts (department_id, assignee_id, status, n)
SELECT department_id, COALESCE(assignee_id, 0), status, COUNT(*)
FROM tickets GROUP BY department_id, COALESCE(assignee_id, 0), status;

CREATE TRIGGER tickets_count_account_insert AFTER INSERT ON tickets
FOR EACH ROW
INSERT INTO ticket_account_counts (account_id, department_id, requester_id,
	status, n)
VALUES (NEW.account_id, NEW.department_id, NEW.requester_id, NEW.status, 1)
ON DUPLICATE KEY UPDATE n = n + 1;

CREATE TRIGGER tickets_count_queue_insert AFTER INSERT ON tickets
FOR EACH ROW
INSERT INTO ticket_queue_counts (department_id, assignee_id, status, n)
VALUES (NEW.department_id, COALESCE(NEW.assignee_id, 0), NEW.status, 1)
ON DUPLICATE KEY UPDATE n = n + 1;

CREATE TRIGGER tickets_count_account_update AFTER UPDATE ON tickets
FOR EACH ROW
INSERT INTO ticket_account_counts (account_id, department_id, requester_id,
	status, n)
SELECT c.account_id, c.department_id, c.requester_id, c.status, c.n
FROM (SELECT OLD.account_id AS account_id,
	OLD.department_id AS department_id, OLD.requester_id AS requester_id,
	OLD.status AS status, -1 AS n
      UNION ALL
      SELECT NEW.account_id, NEW.department_id, NEW.requester_id,
	NEW.status, 1) c
WHERE NOT (OLD.account_id <=> NEW.account_id AND
	OLD.department_id <=> NEW.department_id AND
	OLD.requester_id <=> NEW.requester_id AND OLD.status <=> NEW.status)
ON DUPLICATE KEY UPDATE n = ticket_account_counts.n + c.n;

CREATE TRIGGER tickets_count_queue_update AFTER UPDATE ON tickets
FOR EACH ROW
INSERT INTO ticket_queue_counts (department_id, assignee_id, status, n)
SELECT c.department_id, c.assignee_id, c.status, c.n
FROM (SELECT OLD.department_id AS department_id,
	COALESCE(OLD.assignee_id, 0) AS assignee_id, OLD.status AS status,
	-1 AS n
      UNION ALL
      SELECT NEW.department_id, COALESCE(NEW.assignee_id, 0), NEW.status,
	1) c
WHERE NOT (OLD.department_id <=> NEW.department_id AND
	OLD.assignee_id <=> NEW.assignee_id AND OLD.status <=> NEW.status)
ON DUPLICATE KEY UPDATE n = ticket_queue_counts.n + c.n;

CREATE TRIGGER tickets_count_account_delete AFTER DELETE ON tickets
FOR EACH ROW
UPDATE ticket_account_counts SET n = n - 1
WHERE account_id = OLD.account_id AND department_id = OLD.department_id
AND requester_id = OLD.requester_id AND status = OLD.status;

CREATE TRIGGER tickets_count_queue_delete AFTER DELETE ON tickets
FOR EACH ROW
UPDATE ticket_queue_counts SET n = n - 1
WHERE department_id = OLD.department_id
AND assignee_id = COALESCE(OLD.assignee_id, 0) AND status = OLD.status;
