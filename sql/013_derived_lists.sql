-- Derived data, computed when content changes (src/derived.c), so that
-- a page reads a few index entries instead of deciding every view anew.
-- portico-admin reindex rebuilds all of it from the items.

-- What a list shows a visitor of each language: one row per translation
-- group and visitor language, naming the item shown (the group's
-- published translation in that language, else its published
-- original).  Lists read this, newest first or by title, through the
-- indexes below, and stop at their page's last row.
CREATE TABLE item_listing (
	lang		VARCHAR(8) NOT NULL,
	group_id	INT UNSIGNED NOT NULL,
	item_id		INT UNSIGNED NOT NULL,
	section		ENUM('kb', 'faq', 'download', 'news') NOT NULL,
	category_id	INT UNSIGNED NOT NULL DEFAULT 0,
	news_kind	ENUM('', 'notice', 'update', 'blog') NOT NULL DEFAULT '',
	visibility	ENUM('public', 'signed-in', 'segments') NOT NULL,
	published_at	TIMESTAMP NULL,
	title		VARCHAR(300) NOT NULL,
	-- FAQ entries: the row's place, by title, among the public rows of
	-- its language and topic (0 for the others), so the FAQ page reads
	-- each topic's first few without sorting the topic.
	pos		INT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (lang, group_id),
	KEY listing_group (group_id),
	KEY listing_item (item_id),
	-- newest first: anonymous visitors (public only), everyone else
	KEY listing_new_public (lang, section, visibility, published_at, item_id),
	KEY listing_new (lang, section, published_at, item_id),
	KEY listing_new_kind (lang, section, news_kind, visibility, published_at),
	-- by title within a category, and in a whole section
	KEY listing_cat_public (lang, section, category_id, visibility, title, item_id),
	KEY listing_cat (lang, section, category_id, title, item_id),
	KEY listing_title_public (lang, section, visibility, title, item_id),
	KEY listing_title (lang, section, title, item_id),
	KEY listing_pos (lang, section, pos, category_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- How many rows of item_listing each (language, section, category,
-- visibility) holds: a list's page count without counting its rows.
CREATE TABLE listing_counts (
	lang		VARCHAR(8) NOT NULL,
	section		ENUM('kb', 'faq', 'download', 'news') NOT NULL,
	category_id	INT UNSIGNED NOT NULL,
	visibility	ENUM('public', 'signed-in', 'segments') NOT NULL,
	n		INT UNSIGNED NOT NULL,
	PRIMARY KEY (lang, section, category_id, visibility)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who may know of a category: for each category and section, the
-- visibilities (and, for limited items, the segments) of the published
-- items filed under it.  The per-worker category tree (categories.c)
-- reads this once per content generation.
CREATE TABLE category_audience (
	category_id	INT UNSIGNED NOT NULL,
	section		ENUM('kb', 'faq', 'download', 'news') NOT NULL,
	visibility	ENUM('public', 'signed-in', 'segments') NOT NULL,
	segment_id	INT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (category_id, section, visibility, segment_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Related articles, best first, in the item's own language, computed
-- when the item (or one it names) is saved.  Read through ACCESS_SQL.
CREATE TABLE item_related (
	item_id		INT UNSIGNED NOT NULL,
	position	TINYINT UNSIGNED NOT NULL,
	related_id	INT UNSIGNED NOT NULL,
	PRIMARY KEY (item_id, position),
	KEY item_related_related (related_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
