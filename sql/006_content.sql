-- The knowledge hub: categories, content items (articles, video
-- tutorials, FAQ entries, downloads, news), who may see them, their
-- versions and the feedback on them.
--
-- One table holds every kind of item, so lists, pages, search, feeds and
-- downloads all decide visibility the same way (content.c: ACCESS_SQL).
CREATE TABLE categories (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	parent_id	INT UNSIGNED NULL,
	slug		VARCHAR(190) NOT NULL,	-- the whole path: billing-invoices
	name		VARCHAR(200) NOT NULL,
	position	INT NOT NULL DEFAULT 0,
	UNIQUE KEY categories_slug (slug),
	KEY categories_parent (parent_id, position),
	CONSTRAINT categories_parent_fk FOREIGN KEY (parent_id)
		REFERENCES categories (id) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE items (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	kind		ENUM('article', 'video', 'faq', 'download', 'news')
			NOT NULL,
	-- Translations share a group: the id of the first item written.
	group_id	INT UNSIGNED NOT NULL DEFAULT 0,
	lang		VARCHAR(8) NOT NULL,
	slug		VARCHAR(190) CHARACTER SET ascii NOT NULL,
	category_id	INT UNSIGNED NULL,
	title		VARCHAR(300) NOT NULL,
	summary		VARCHAR(1000) NOT NULL DEFAULT '',
	body		MEDIUMTEXT NOT NULL,
	tags		VARCHAR(500) NOT NULL DEFAULT '',	-- comma-separated
	product		VARCHAR(100) NOT NULL DEFAULT '',
	status		ENUM('draft', 'published', 'archived') NOT NULL
			DEFAULT 'draft',
	visibility	ENUM('public', 'signed-in', 'segments') NOT NULL
			DEFAULT 'public',
	author_id	INT UNSIGNED NULL,
	-- video tutorials: an embed address or an uploaded file
	video_url	VARCHAR(500) NOT NULL DEFAULT '',
	-- news: what kind, how severe, when it applies
	news_kind	ENUM('', 'notice', 'update', 'blog') NOT NULL DEFAULT '',
	severity	ENUM('', 'info', 'minor', 'major', 'critical') NOT NULL
			DEFAULT '',
	starts_at	DATETIME NULL,
	ends_at		DATETIME NULL,
	-- downloads: the current file (files.id) and its version label
	file_id		INT UNSIGNED NULL,
	file_version	VARCHAR(50) NOT NULL DEFAULT '',
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	created_at	TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at	TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	published_at	TIMESTAMP NULL,
	UNIQUE KEY items_slug (slug),
	KEY items_group (group_id, lang),
	KEY items_category (category_id, status, kind),
	KEY items_kind (kind, status, published_at),
	KEY items_news (news_kind, status, starts_at),
	CONSTRAINT items_category_fk FOREIGN KEY (category_id)
		REFERENCES categories (id) ON DELETE SET NULL,
	CONSTRAINT items_author_fk FOREIGN KEY (author_id)
		REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Items limited to segments (visibility = 'segments').
CREATE TABLE item_segments (
	item_id		INT UNSIGNED NOT NULL,
	segment_id	INT UNSIGNED NOT NULL,
	PRIMARY KEY (item_id, segment_id),
	KEY item_segments_segment (segment_id),
	CONSTRAINT item_segments_item_fk FOREIGN KEY (item_id)
		REFERENCES items (id) ON DELETE CASCADE,
	CONSTRAINT item_segments_segment_fk FOREIGN KEY (segment_id)
		REFERENCES segments (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Tags, one row each, for related articles.
CREATE TABLE item_tags (
	item_id		INT UNSIGNED NOT NULL,
	tag		VARCHAR(100) NOT NULL,
	PRIMARY KEY (item_id, tag),
	KEY item_tags_tag (tag),
	CONSTRAINT item_tags_item_fk FOREIGN KEY (item_id)
		REFERENCES items (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every save keeps the text as it was saved.
CREATE TABLE item_versions (
	item_id		INT UNSIGNED NOT NULL,
	version		INT UNSIGNED NOT NULL,
	title		VARCHAR(300) NOT NULL,
	summary		VARCHAR(1000) NOT NULL,
	body		MEDIUMTEXT NOT NULL,
	tags		VARCHAR(500) NOT NULL,
	status		VARCHAR(16) NOT NULL,
	author_id	INT UNSIGNED NULL,
	note		VARCHAR(300) NOT NULL DEFAULT '',
	created_at	TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (item_id, version),
	CONSTRAINT item_versions_item_fk FOREIGN KEY (item_id)
		REFERENCES items (id) ON DELETE CASCADE,
	CONSTRAINT item_versions_author_fk FOREIGN KEY (author_id)
		REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Uploaded files (downloads, attachments, videos), stored in the files
-- folder under their SHA-256.
CREATE TABLE files (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	item_id		INT UNSIGNED NULL,
	name		VARCHAR(255) NOT NULL,
	content_type	VARCHAR(100) NOT NULL,
	size		BIGINT UNSIGNED NOT NULL,
	sha256		CHAR(64) CHARACTER SET ascii NOT NULL,
	created_at	TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY files_item (item_id),
	CONSTRAINT files_item_fk FOREIGN KEY (item_id)
		REFERENCES items (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- "Was this helpful?": one vote per user or browser.
CREATE TABLE item_feedback (
	item_id		INT UNSIGNED NOT NULL,
	voter		VARCHAR(80) CHARACTER SET ascii NOT NULL,
	helpful		TINYINT(1) NOT NULL,
	comment		VARCHAR(2000) NOT NULL DEFAULT '',
	created_at	TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (item_id, voter),
	CONSTRAINT item_feedback_item_fk FOREIGN KEY (item_id)
		REFERENCES items (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Views per item and day; workers add their counts in batches.
CREATE TABLE item_views (
	item_id		INT UNSIGNED NOT NULL,
	day		DATE NOT NULL,
	views		INT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (item_id, day),
	CONSTRAINT item_views_item_fk FOREIGN KEY (item_id)
		REFERENCES items (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row: bumped by every content change, so caches know.
CREATE TABLE content_generation (
	id		TINYINT UNSIGNED NOT NULL PRIMARY KEY,
	gen		BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB;
INSERT INTO content_generation VALUES (1, 1);

-- The search index (Mroonga).  Derived data: every row is rebuilt from
-- its source by `portico-admin reindex`.  Terms are made by text.c
-- (stems, Chinese bigrams, normalised Persian); Mroonga splits them on
-- spaces.  visibility/item_id/account_id feed the same access check as
-- the items themselves.
CREATE TABLE search_docs (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	kind		VARCHAR(16) NOT NULL,
	item_id		INT UNSIGNED NOT NULL,
	lang		VARCHAR(8) NOT NULL,
	category_id	INT UNSIGNED NOT NULL DEFAULT 0,
	product		VARCHAR(100) NOT NULL DEFAULT '',
	visibility	VARCHAR(16) NOT NULL,
	account_id	INT UNSIGNED NOT NULL DEFAULT 0,
	url		VARCHAR(300) NOT NULL,
	title		VARCHAR(300) NOT NULL,
	plain		MEDIUMTEXT NOT NULL,
	title_terms	TEXT NOT NULL,
	body_terms	MEDIUMTEXT NOT NULL,
	updated_at	DATETIME NOT NULL,
	UNIQUE KEY search_docs_item (kind, item_id),
	FULLTEXT INDEX search_docs_terms (title_terms, body_terms)
		COMMENT 'tokenizer "TokenDelimit", normalizer "NormalizerAuto"'
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every search, without the address it came from.
CREATE TABLE search_log (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	query		VARCHAR(200) NOT NULL,	-- normalised
	lang		VARCHAR(8) NOT NULL,
	results		INT UNSIGNED NOT NULL,
	opened_item	INT UNSIGNED NULL,
	user_id		INT UNSIGNED NULL,
	created_at	TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY search_log_time (created_at),
	KEY search_log_query (query, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
