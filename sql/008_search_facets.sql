-- Search filters and access rules as words of the search index, so that
-- Mroonga answers a search (match, filter, rank, first thousand) from
-- its index alone.  Each row's facets column holds words that begin with
-- '§', which no word of text does: §k<kind>, §l<language>,
-- §v<visibility> (public, signedin, segments), §c<category> and
-- §c<its parent>, §p<product, hex>, and §s<segment> for each segment a
-- limited item is shown to.  search.c writes the same words (FACETS_SQL).
ALTER TABLE search_docs ADD COLUMN facets TEXT NOT NULL DEFAULT '';
ALTER TABLE search_docs DROP INDEX search_docs_terms;
UPDATE search_docs d SET facets = CONCAT_WS(' ',
	CONCAT('§k', d.kind), CONCAT('§l', d.lang),
	CONCAT('§v', REPLACE(d.visibility, '-', '')),
	IF(d.category_id <> 0, CONCAT('§c', d.category_id), NULL),
	(SELECT CONCAT('§c', p.parent_id) FROM categories p
		WHERE p.id = d.category_id AND p.parent_id IS NOT NULL),
	IF(d.product <> '', CONCAT('§p', HEX(d.product)), NULL),
	IF(d.visibility = 'segments', (SELECT GROUP_CONCAT(CONCAT('§s',
		s.segment_id) SEPARATOR ' ') FROM item_segments s
		WHERE s.item_id = d.item_id), NULL));
ALTER TABLE search_docs ADD FULLTEXT INDEX search_docs_terms
	(title_terms, body_terms, facets)
	COMMENT 'tokenizer "TokenDelimit", normalizer "NormalizerAuto"';
-- The search page's product filter lists distinct products.
CREATE INDEX items_product ON items (product, status);
