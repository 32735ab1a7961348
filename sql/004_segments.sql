-- Segments: named groups of accounts and users (a region, a product
-- line, a customer type, internal), managed by admins.  Content and
-- forums are shown per segment.
CREATE TABLE segments (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name		VARCHAR(100) NOT NULL,
	kind		ENUM('region', 'product', 'customer-type', 'internal')
			NOT NULL,
	created_at	TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE KEY segments_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE account_segments (
	account_id	INT UNSIGNED NOT NULL,
	segment_id	INT UNSIGNED NOT NULL,
	PRIMARY KEY (account_id, segment_id),
	KEY account_segments_segment (segment_id),
	CONSTRAINT account_segments_account_fk FOREIGN KEY (account_id)
		REFERENCES accounts (id) ON DELETE CASCADE,
	CONSTRAINT account_segments_segment_fk FOREIGN KEY (segment_id)
		REFERENCES segments (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE user_segments (
	user_id		INT UNSIGNED NOT NULL,
	segment_id	INT UNSIGNED NOT NULL,
	PRIMARY KEY (user_id, segment_id),
	KEY user_segments_segment (segment_id),
	CONSTRAINT user_segments_user_fk FOREIGN KEY (user_id)
		REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT user_segments_segment_fk FOREIGN KEY (segment_id)
		REFERENCES segments (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX users_name ON users (name);
CREATE INDEX accounts_name ON accounts (name);
