-- Second-factor failures are counted per user on their own (a password
-- success never resets them, only a right code does); enough of them
-- lock the second factor until totp_locked_until, a password reset by
-- mail or staff lift it.  A new TOTP secret waits in totp_pending until
-- a code from it confirms it; until then the active one keeps working.

ALTER TABLE users
	ADD COLUMN totp_pending VARCHAR(64) NULL,
	ADD COLUMN totp_failures INT UNSIGNED NOT NULL DEFAULT 0,
	ADD COLUMN totp_locked_until DATETIME NULL;

-- A secret never confirmed was a setup in progress.
UPDATE users SET totp_pending = totp_secret, totp_secret = NULL
WHERE totp_enabled = 0 AND totp_secret IS NOT NULL;
