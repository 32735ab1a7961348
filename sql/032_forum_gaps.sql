-- The community wing's gaps.
--
-- A topic's visibility is its category's effective one: the most limited
-- along the category's parents (public < signed-in < segments < staff,
-- the ENUM's order).  A public child of a staff-only parent was shown.
UPDATE forum_topics t JOIN forum_categories c ON c.id = t.category_id
	LEFT JOIN forum_categories p ON p.id = c.parent_id
	SET t.visibility = ELT(GREATEST(c.visibility + 0,
		IFNULL(p.visibility + 0, 1)), 'public', 'signed-in',
		'segments', 'staff');

-- Their search documents follow (the facet word §v and the column the
-- access rule reads); portico-admin forum-index rewrites them whole.
UPDATE search_source d JOIN forum_topics t
	ON d.id = 2000000000 + t.id AND d.kind = 'topic'
	SET d.facets = REPLACE(d.facets, CONCAT('§v',
		REPLACE(d.visibility, '-', '')), CONCAT('§v',
		REPLACE(t.visibility, '-', ''))),
	d.visibility = t.visibility, d.rev = d.rev + 1,
	d.changed_at = UTC_TIMESTAMP(6)
	WHERE d.visibility <> t.visibility;
UPDATE search_docs d JOIN search_source s ON s.id = d.id
	SET d.facets = s.facets, d.visibility = s.visibility, d.rev = s.rev
	WHERE d.kind = 'topic' AND d.rev <> s.rev;

-- Ideas and their comments follow the forum's posting rate (idea.c,
-- idea_may_post()): a user's recent comments, read on an index.
CREATE INDEX idea_comments_author ON idea_comments (author_id, created_at);
