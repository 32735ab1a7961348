-- Content pages: about, contact, terms and the like, one row per
-- language.  The knowledge base (articles, FAQ, news) has its own tables.
CREATE TABLE pages (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	slug		VARCHAR(100) NOT NULL,
	lang		VARCHAR(8) NOT NULL,
	title		VARCHAR(200) NOT NULL,
	summary		VARCHAR(500) NOT NULL DEFAULT '',
	body		MEDIUMTEXT NOT NULL,
	position	INT NOT NULL DEFAULT 0,
	updated_at	TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
			ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY pages_slug_lang (slug, lang),
	KEY pages_lang_position (lang, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
