-- Support tickets with service levels.
--
-- A ticket belongs to one account and is opened by one of its users
-- (or by a known contact's mail); its thread is ticket_messages, public
-- replies and staff-only internal notes alike.  Due times are derived
-- data: computed by ticket.c (sla.c's clock over the department's
-- calendar, less the time the ticket waited on the customer) whenever
-- the ticket's priority, department, policy or status changes, and
-- stored here, so the queue sorts and filters by an index.

-- Departments: Billing, Technical, Sales..., each with its business
-- hours (sla.c's calendar text) and who on a customer account besides
-- the ticket's requester and the account owner may read its tickets.
CREATE TABLE departments (
	id		SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	slug		VARCHAR(40) CHARACTER SET ascii NOT NULL,
	position	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	calendar	TEXT NOT NULL,
	-- account roles that see all of the account's tickets of this
	-- department (the owner always does), comma separated
	account_roles	VARCHAR(100) CHARACTER SET ascii NOT NULL DEFAULT '',
	-- where escalations and new tickets are announced ('' = nobody)
	notify_addr	VARCHAR(254) NOT NULL DEFAULT '',
	UNIQUE KEY departments_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE department_names (
	department_id	SMALLINT UNSIGNED NOT NULL,
	lang		VARCHAR(8) CHARACTER SET ascii NOT NULL,
	name		VARCHAR(100) NOT NULL,
	PRIMARY KEY (department_id, lang),
	CONSTRAINT department_names_fk FOREIGN KEY (department_id)
		REFERENCES departments (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Service-level policies: targets in business minutes by priority, for
-- accounts of a segment (a plan: "Premium") or for everyone
-- (segment_id 0).  An account in several segments gets the policy with
-- the shortest first-response target.  may_choose_priority: customers
-- of this policy may pick a priority above normal.  warn_percent: the
-- share of a target after which sla-tick calls a ticket "due soon".
-- escalate: what sla-tick does when a target is breached.
CREATE TABLE sla_policies (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	segment_id	INT UNSIGNED NOT NULL DEFAULT 0,
	priority	ENUM('low', 'normal', 'high', 'urgent') NOT NULL,
	name		VARCHAR(100) NOT NULL,
	first_response_min INT UNSIGNED NOT NULL,
	resolution_min	INT UNSIGNED NOT NULL,
	warn_percent	TINYINT UNSIGNED NOT NULL DEFAULT 80,
	may_choose_priority BOOLEAN NOT NULL DEFAULT FALSE,
	escalate	SET('raise', 'notify') NOT NULL DEFAULT 'notify',
	UNIQUE KEY sla_policies_key (segment_id, priority)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE tickets (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	-- the reference customers see and quote: "T-" and 8 characters of
	-- an unambiguous alphabet, random (guessing one is no way in:
	-- every read checks the account too)
	ref		CHAR(10) CHARACTER SET ascii NOT NULL,
	account_id	INT UNSIGNED NOT NULL,
	requester_id	INT UNSIGNED NOT NULL,
	department_id	SMALLINT UNSIGNED NOT NULL,
	policy_id	INT UNSIGNED NULL,
	priority	ENUM('low', 'normal', 'high', 'urgent') NOT NULL DEFAULT 'normal',
	status		ENUM('new', 'open', 'waiting', 'resolved', 'closed') NOT NULL DEFAULT 'new',
	subject		VARCHAR(300) NOT NULL,
	lang		VARCHAR(8) CHARACTER SET ascii NOT NULL DEFAULT 'en',
	assignee_id	INT UNSIGNED NULL,
	service_id	INT UNSIGNED NULL,
	-- a reply after the reopen period opens a new ticket linked here
	parent_id	INT UNSIGNED NULL,
	merged_into	INT UNSIGNED NULL,
	source		ENUM('web', 'mail', 'staff') NOT NULL DEFAULT 'web',
	-- the secret part of the reply-to address (reply+TOKEN@...)
	mail_token	CHAR(24) CHARACTER SET ascii NOT NULL,
	created_at	DATETIME NOT NULL,
	updated_at	DATETIME(3) NOT NULL,
	-- derived by ticket.c when priority, department, policy or status
	-- change: each target's due time (kept after it is met, so reports
	-- can tell a breach); NULL while a pause stops the clock first, or
	-- when there is no policy
	first_response_due DATETIME NULL,
	first_response_at DATETIME NULL,
	resolution_due	DATETIME NULL,
	resolved_at	DATETIME NULL,
	closed_at	DATETIME NULL,
	-- the earliest open target, for the queue's order
	next_due	DATETIME NULL,
	-- waiting on the customer since (the clock is paused), and the
	-- business-clock seconds paused so far are in ticket_pauses
	waiting_since	DATETIME NULL,
	-- sla-tick's marks: 0 none, 1 due soon, 2 breached; escalated = the
	-- breach it already acted on (conditional update: once per breach)
	sla_state	TINYINT UNSIGNED NOT NULL DEFAULT 0,
	escalated	TINYINT UNSIGNED NOT NULL DEFAULT 0,
	auto_close_warned DATETIME NULL,
	-- the thread's last message (the collision check) and counts
	last_message_id	BIGINT UNSIGNED NOT NULL DEFAULT 0,
	public_messages	INT UNSIGNED NOT NULL DEFAULT 0,
	last_public_at	DATETIME NULL,
	rating		TINYINT UNSIGNED NULL,
	rating_comment	VARCHAR(2000) NULL,
	rated_at	DATETIME NULL,
	UNIQUE KEY tickets_ref (ref),
	UNIQUE KEY tickets_mail_token (mail_token),
	KEY tickets_account (account_id, status, updated_at),
	KEY tickets_account_recent (account_id, updated_at),
	KEY tickets_requester (requester_id, updated_at),
	KEY tickets_queue (status, next_due),
	KEY tickets_dept_queue (department_id, status, next_due),
	KEY tickets_assignee (assignee_id, status, next_due),
	KEY tickets_closed (status, updated_at),
	KEY tickets_created (created_at),
	CONSTRAINT tickets_account_fk FOREIGN KEY (account_id)
		REFERENCES accounts (id),
	CONSTRAINT tickets_requester_fk FOREIGN KEY (requester_id)
		REFERENCES users (id),
	CONSTRAINT tickets_department_fk FOREIGN KEY (department_id)
		REFERENCES departments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The spans a ticket waited on the customer (the clock paused).
CREATE TABLE ticket_pauses (
	ticket_id	INT UNSIGNED NOT NULL,
	started_at	DATETIME NOT NULL,
	ended_at	DATETIME NULL,
	PRIMARY KEY (ticket_id, started_at),
	CONSTRAINT ticket_pauses_fk FOREIGN KEY (ticket_id)
		REFERENCES tickets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The thread: the customer's and staff's public replies, staff-only
-- internal notes (internal = 1: never shown to a customer, never
-- mailed to one) and system lines (merged, reopened).  body is the
-- Markdown (or plain text from a mail) as written.
CREATE TABLE ticket_messages (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	ticket_id	INT UNSIGNED NOT NULL,
	author_id	INT UNSIGNED NULL,
	author_kind	ENUM('customer', 'staff', 'system') NOT NULL,
	internal	BOOLEAN NOT NULL DEFAULT FALSE,
	body		MEDIUMTEXT NOT NULL,
	source		ENUM('web', 'mail') NOT NULL DEFAULT 'web',
	-- the Message-ID of the mail it came in as or went out as
	mail_id		VARCHAR(255) CHARACTER SET ascii NULL,
	created_at	DATETIME(3) NOT NULL,
	KEY ticket_messages_thread (ticket_id, internal, id),
	KEY ticket_messages_mail (mail_id),
	CONSTRAINT ticket_messages_fk FOREIGN KEY (ticket_id)
		REFERENCES tickets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Attachments, stored like downloads (files folder, by SHA-256), typed
-- by their bytes, served only after the ticket's access check.
CREATE TABLE ticket_attachments (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	ticket_id	INT UNSIGNED NOT NULL,
	message_id	BIGINT UNSIGNED NOT NULL,
	name		VARCHAR(255) NOT NULL,
	content_type	VARCHAR(100) NOT NULL,
	size		BIGINT UNSIGNED NOT NULL,
	sha256		CHAR(64) CHARACTER SET ascii NOT NULL,
	inline_cid	VARCHAR(255) NULL,
	created_at	DATETIME NOT NULL,
	KEY ticket_attachments_ticket (ticket_id, message_id),
	CONSTRAINT ticket_attachments_fk FOREIGN KEY (ticket_id)
		REFERENCES tickets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What changed and who changed it: status, priority, department,
-- assignee, merges, escalations.  Reports read first responses and
-- resolutions from tickets; this is the history staff see.
CREATE TABLE ticket_events (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	ticket_id	INT UNSIGNED NOT NULL,
	at		DATETIME(3) NOT NULL,
	actor_id	INT UNSIGNED NULL,
	kind		ENUM('status', 'priority', 'department', 'assignee',
			    'merge', 'escalate', 'due-soon', 'auto-close',
			    'reopen', 'rating') NOT NULL,
	old_value	VARCHAR(100) NOT NULL DEFAULT '',
	new_value	VARCHAR(100) NOT NULL DEFAULT '',
	KEY ticket_events_ticket (ticket_id, id),
	CONSTRAINT ticket_events_fk FOREIGN KEY (ticket_id)
		REFERENCES tickets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Canned replies per language, with placeholders {name} and {ref}.
CREATE TABLE canned_replies (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	lang		VARCHAR(8) CHARACTER SET ascii NOT NULL,
	title		VARCHAR(200) NOT NULL,
	body		TEXT NOT NULL,
	department_id	SMALLINT UNSIGNED NULL,
	KEY canned_replies_lang (lang, title)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every mail mail-in read, and what became of it: a message is stored
-- whole or not at all, and a message seen twice (the MTA retried) is
-- recognised by its Message-ID.  Held messages keep their text for
-- staff.
CREATE TABLE mail_in (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	message_id	VARCHAR(255) CHARACTER SET ascii NOT NULL,
	from_addr	VARCHAR(254) NOT NULL,
	subject		VARCHAR(500) NOT NULL,
	received_at	DATETIME NOT NULL,
	outcome		ENUM('ticket', 'reply', 'auto-reply', 'bounce',
			    'held', 'rejected') NOT NULL,
	ticket_id	INT UNSIGNED NULL,
	held_body	MEDIUMTEXT NULL,
	UNIQUE KEY mail_in_message (message_id),
	KEY mail_in_outcome (outcome, received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Deflection: a visitor on the new-ticket form was shown articles; did
-- they open one, and did they then leave without opening a ticket?
CREATE TABLE ticket_deflections (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	at		DATETIME NOT NULL,
	user_id		INT UNSIGNED NULL,
	lang		VARCHAR(8) CHARACTER SET ascii NOT NULL,
	query		VARCHAR(300) NOT NULL,
	item_id		INT UNSIGNED NULL,
	outcome		ENUM('suggested', 'opened', 'submitted') NOT NULL,
	KEY ticket_deflections_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Mail that threads: the queue carries the headers a ticket's mail
-- needs (Message-ID, In-Reply-To, References, Reply-To), one per line.
ALTER TABLE mail_queue ADD COLUMN headers TEXT NOT NULL DEFAULT '';

-- The demo's departments and policies (a real install edits them in
-- the staff pages); calendars are sla.c's text.
INSERT INTO departments (slug, position, calendar, account_roles) VALUES
	('technical', 1, 'zone Europe/Helsinki\nmon-fri 08:00-18:00', 'technical'),
	('billing', 2, 'zone Europe/Helsinki\nmon-fri 09:00-16:00', 'billing'),
	('sales', 3, 'zone Europe/Helsinki\nmon-fri 09:00-17:00', '');
INSERT INTO department_names (department_id, lang, name) VALUES
	(1, 'en', 'Technical'), (1, 'fi', 'Tekninen tuki'),
	(1, 'et', 'Tehniline tugi'), (1, 'el', 'Τεχνική υποστήριξη'),
	(1, 'zh', '技术支持'), (1, 'fa', 'پشتیبانی فنی'),
	(2, 'en', 'Billing'), (2, 'fi', 'Laskutus'), (2, 'et', 'Arveldus'),
	(2, 'el', 'Χρεώσεις'), (2, 'zh', '账单'), (2, 'fa', 'صورتحساب'),
	(3, 'en', 'Sales'), (3, 'fi', 'Myynti'), (3, 'et', 'Müük'),
	(3, 'el', 'Πωλήσεις'), (3, 'zh', '销售'), (3, 'fa', 'فروش');
INSERT INTO sla_policies (segment_id, priority, name, first_response_min,
    resolution_min, may_choose_priority, escalate) VALUES
	(0, 'low', 'Standard', 16 * 60, 40 * 60, FALSE, 'notify'),
	(0, 'normal', 'Standard', 8 * 60, 24 * 60, FALSE, 'notify'),
	(0, 'high', 'Standard', 4 * 60, 16 * 60, FALSE, 'raise,notify'),
	(0, 'urgent', 'Standard', 60, 8 * 60, FALSE, 'notify');

-- The outbox of ticket notifications: a reply, a status change or a
-- due-time change writes a row here in the same transaction as the
-- change itself; the mail sender renders each in its recipients'
-- languages into mail_queue (with Message-ID and References) and marks
-- it done, so a change is never mailed half or twice.
CREATE TABLE ticket_notices (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	ticket_id	INT UNSIGNED NOT NULL,
	message_id	BIGINT UNSIGNED NULL,
	kind		ENUM('created', 'reply', 'status', 'due', 'escalated',
			    'auto-close-warning', 'auto-closed', 'merged')
			NOT NULL,
	created_at	DATETIME NOT NULL,
	done_at		DATETIME NULL,
	KEY ticket_notices_pending (done_at, id),
	CONSTRAINT ticket_notices_fk FOREIGN KEY (ticket_id)
		REFERENCES tickets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
