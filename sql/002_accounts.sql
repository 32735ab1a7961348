-- Accounts (the customer companies), their users, sessions, single-use
-- tokens, sign-in throttling, the audit log and the outgoing mail queue.

CREATE TABLE accounts (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	number		VARCHAR(20) NOT NULL,
	name		VARCHAR(200) NOT NULL,
	billing_address	VARCHAR(1000) NOT NULL DEFAULT '',
	tax_id		VARCHAR(50) NOT NULL DEFAULT '',
	phone		VARCHAR(40) NOT NULL DEFAULT '',
	language	VARCHAR(8) NOT NULL DEFAULT 'en',
	status		ENUM('active', 'suspended', 'closed') NOT NULL DEFAULT 'active',
	created_at	TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE KEY accounts_number (number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE users (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	email		VARCHAR(254) NOT NULL,
	name		VARCHAR(200) NOT NULL,
	phone		VARCHAR(40) NOT NULL DEFAULT '',
	language	VARCHAR(8) NOT NULL DEFAULT 'en',
	time_zone	VARCHAR(64) NOT NULL DEFAULT 'UTC',
	password_hash	VARCHAR(255) NULL,
	status		ENUM('unverified', 'active', 'suspended') NOT NULL DEFAULT 'unverified',
	portal_role	ENUM('customer', 'agent', 'admin') NOT NULL DEFAULT 'customer',
	account_id	INT UNSIGNED NULL,
	account_role	ENUM('owner', 'billing', 'technical', 'member') NULL,
	created_at	TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE KEY users_email (email),
	KEY users_account (account_id),
	CONSTRAINT users_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only the SHA-256 of a session id is stored.
CREATE TABLE sessions (
	id_hash		BINARY(32) NOT NULL PRIMARY KEY,
	user_id		INT UNSIGNED NOT NULL,
	csrf		CHAR(64) NOT NULL,
	created_at	DATETIME NOT NULL,
	last_seen	DATETIME NOT NULL,
	expires_at	DATETIME NOT NULL,
	ip		VARCHAR(45) NOT NULL DEFAULT '',
	user_agent	VARCHAR(255) NOT NULL DEFAULT '',
	KEY sessions_user (user_id),
	CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Single-use tokens mailed to users: only their SHA-256 is stored.
CREATE TABLE tokens (
	hash		BINARY(32) NOT NULL PRIMARY KEY,
	user_id		INT UNSIGNED NOT NULL,
	purpose		ENUM('verify', 'reset') NOT NULL,
	expires_at	DATETIME NOT NULL,
	used_at		DATETIME NULL,
	KEY tokens_user (user_id, purpose),
	CONSTRAINT tokens_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed sign-ins per user and per client address.
CREATE TABLE signin_throttle (
	kind		ENUM('user', 'addr') NOT NULL,
	subject		VARCHAR(254) NOT NULL,
	failures	INT UNSIGNED NOT NULL DEFAULT 0,
	blocked_until	DATETIME(3) NOT NULL,
	updated_at	TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
			ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (kind, subject)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_log (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	at		DATETIME(3) NOT NULL,
	event		VARCHAR(40) NOT NULL,
	actor_id	INT UNSIGNED NULL,
	user_id		INT UNSIGNED NULL,
	account_id	INT UNSIGNED NULL,
	addr		VARCHAR(45) NOT NULL DEFAULT '',
	detail		VARCHAR(2000) NOT NULL DEFAULT '',
	KEY audit_user (user_id, at),
	KEY audit_account (account_id, at),
	KEY audit_event (event, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE mail_queue (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	to_addr		VARCHAR(254) NOT NULL,
	subject		VARCHAR(500) NOT NULL,
	body		MEDIUMTEXT NOT NULL,
	created_at	DATETIME NOT NULL,
	attempts	INT UNSIGNED NOT NULL DEFAULT 0,
	next_attempt	DATETIME NOT NULL,
	sent_at		DATETIME NULL,
	last_error	VARCHAR(1000) NOT NULL DEFAULT '',
	KEY mail_due (sent_at, next_attempt)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
