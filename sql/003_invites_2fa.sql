-- Invitations to an account, and two-factor sign-in (TOTP with
-- single-use recovery codes).

ALTER TABLE tokens MODIFY purpose ENUM('verify', 'reset', 'invite') NOT NULL;

-- A session that has passed the password but not yet the second factor.
ALTER TABLE sessions ADD COLUMN mfa_pending TINYINT(1) NOT NULL DEFAULT 0;

ALTER TABLE users
	ADD COLUMN totp_secret VARCHAR(64) NULL,
	ADD COLUMN totp_enabled TINYINT(1) NOT NULL DEFAULT 0,
	ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- Only the SHA-256 of a recovery code is stored.
CREATE TABLE recovery_codes (
	user_id		INT UNSIGNED NOT NULL,
	hash		BINARY(32) NOT NULL,
	used_at		DATETIME NULL,
	PRIMARY KEY (user_id, hash),
	CONSTRAINT recovery_codes_user_fk FOREIGN KEY (user_id)
		REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
