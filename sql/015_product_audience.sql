-- Who may know of a product name: for each product named by a published
-- item, the visibilities (and, for limited items, the segments) of those
-- items.  The search page's product filter reads it through the
-- per-worker tree (categories.c) instead of scanning the items on every
-- view; derived.c keeps it when an item is saved.
CREATE TABLE product_audience (
	product		VARCHAR(100) NOT NULL,
	visibility	ENUM('public', 'signed-in', 'segments') NOT NULL,
	segment_id	INT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (product, visibility, segment_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO product_audience (product, visibility, segment_id)
SELECT DISTINCT i.product, i.visibility, IFNULL(s.segment_id, 0)
FROM items i LEFT JOIN item_segments s ON i.visibility = 'segments'
AND s.item_id = i.id WHERE i.product <> '' AND i.status = 'published';
