-- A search document's id is its item's id (items are numbered across
-- kinds), and the index is kept by that primary key alone.  Mroonga's
-- unique key on (kind, item_id) lost entries (a lookup found no row that
-- was there, so a save's delete left the old row and the new one was a
-- duplicate: an edited item kept its old text and visibility in the
-- index).  The primary key is the Groonga table's own key.
CREATE TABLE search_docs_new (
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
	facets		TEXT NOT NULL DEFAULT '',
	FULLTEXT INDEX search_docs_terms (title_terms, body_terms, facets)
		COMMENT 'tokenizer "TokenDelimit", normalizer "NormalizerAuto"'
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
-- Of duplicates (rows the lost entries let in), the newest.
INSERT INTO search_docs_new (id, kind, item_id, lang, category_id, product,
	visibility, account_id, url, title, plain, title_terms, body_terms,
	updated_at, facets)
SELECT d.item_id, d.kind, d.item_id, d.lang, d.category_id, d.product,
	d.visibility, d.account_id, d.url, d.title, d.plain, d.title_terms,
	d.body_terms, d.updated_at, d.facets
FROM search_docs d
WHERE d.id = (SELECT MAX(n.id) FROM search_docs n
	WHERE n.item_id = d.item_id);
DROP TABLE search_docs;
RENAME TABLE search_docs_new TO search_docs;
