-- The search index as replicated data and a per-node copy.  Galera
-- replicates InnoDB only, so the Mroonga table (search_docs) is a local
-- materialisation of search_source, an InnoDB table holding every
-- document as written (terms and facet words included), with a revision
-- that moves on every write and a tombstone for a removed document.
-- Writers change both in the same request; the indexer of every other
-- node (portico-admin search-sync --follow) applies the rows changed
-- since it last looked (changed_at), and on start compares revisions
-- to catch up on what it missed while down.
CREATE TABLE search_source (
	id		INT UNSIGNED NOT NULL PRIMARY KEY,
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
	facets		TEXT NOT NULL,
	rev		BIGINT UNSIGNED NOT NULL DEFAULT 1,
	deleted		TINYINT(1) NOT NULL DEFAULT 0,
	changed_at	DATETIME(6) NOT NULL,
	KEY search_source_changed (changed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
ALTER TABLE search_docs ADD COLUMN rev BIGINT UNSIGNED NOT NULL DEFAULT 0;
INSERT INTO search_source (id, kind, item_id, lang, category_id, product,
	visibility, account_id, url, title, plain, title_terms, body_terms,
	updated_at, facets, rev, deleted, changed_at)
SELECT id, kind, item_id, lang, category_id, product, visibility,
	account_id, url, title, plain, title_terms, body_terms, updated_at,
	facets, 1, 0, UTC_TIMESTAMP(6)
FROM search_docs;
UPDATE search_docs SET rev = 1;
