-- The community wing's gaps.
--
-- A signing secret for the links mail carries (unsubscribe): 32 random
-- bytes, made by the first worker that needs one (INSERT IGNORE, so two
-- at once keep one), kept here so that every worker and every node signs
-- and verifies with the same key.  Deleting the row makes a new secret
-- and ends every link signed with the old one.
CREATE TABLE site_secrets (
	name		VARCHAR(32) CHARACTER SET ascii NOT NULL PRIMARY KEY,
	secret		VARBINARY(64) NOT NULL,
	created_at	TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB;

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

-- Who stopped an idea's mails with the link in one (as a voter or a
-- follower); following the idea again removes the row.
CREATE TABLE idea_mail_optouts (
	idea_id		INT UNSIGNED NOT NULL,
	user_id		INT UNSIGNED NOT NULL,
	created_at	DATETIME NOT NULL,
	PRIMARY KEY (idea_id, user_id)
) ENGINE=InnoDB;
