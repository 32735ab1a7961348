-- The community forum: categories (nested one level), topics and their
-- posts, answers accepted, "solved it for me too" votes, unread marks,
-- subscriptions, flags, bans and the edit history.
--
-- Who may see a category is said as for content (ACCESS_SQL): public,
-- signed-in, segments (forum_category_segments) or staff.  A topic
-- carries its category's visibility, copied when it is written or
-- moved (derived on write), so lists read one index and stop at their
-- last row; FORUM_ACCESS_SQL (src/portico.h) is the one rule.
--
-- Counts are derived on write too: a topic's replies and its last
-- post, a post's position in its topic (1 is the question), so a page
-- of a topic of 5,000 replies is one range of (topic_id, position).

CREATE TABLE forum_categories (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	parent_id	INT UNSIGNED NULL,
	slug		VARCHAR(100) CHARACTER SET ascii NOT NULL,
	position	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	visibility	ENUM('public', 'signed-in', 'segments', 'staff')
			NOT NULL DEFAULT 'public',
	topics		INT UNSIGNED NOT NULL DEFAULT 0,
	UNIQUE KEY forum_categories_slug (slug),
	KEY forum_categories_parent (parent_id, position),
	CONSTRAINT forum_categories_parent_fk FOREIGN KEY (parent_id)
		REFERENCES forum_categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A category's name and description in each language; lists show the
-- visitor's language, else English.
CREATE TABLE forum_category_names (
	category_id	INT UNSIGNED NOT NULL,
	lang		VARCHAR(8) CHARACTER SET ascii NOT NULL,
	name		VARCHAR(200) NOT NULL,
	description	VARCHAR(500) NOT NULL DEFAULT '',
	PRIMARY KEY (category_id, lang),
	CONSTRAINT forum_category_names_fk FOREIGN KEY (category_id)
		REFERENCES forum_categories (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE forum_category_segments (
	category_id	INT UNSIGNED NOT NULL,
	segment_id	INT UNSIGNED NOT NULL,
	PRIMARY KEY (category_id, segment_id),
	CONSTRAINT forum_category_segments_cat_fk FOREIGN KEY (category_id)
		REFERENCES forum_categories (id) ON DELETE CASCADE,
	CONSTRAINT forum_category_segments_seg_fk FOREIGN KEY (segment_id)
		REFERENCES segments (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- listed: shown in lists and search (not hidden by staff, not waiting
-- in the moderation queue); derived from hidden and pending on write.
CREATE TABLE forum_topics (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	category_id	INT UNSIGNED NOT NULL,
	visibility	ENUM('public', 'signed-in', 'segments', 'staff')
			NOT NULL,
	slug		VARCHAR(100) CHARACTER SET ascii NOT NULL,
	title		VARCHAR(300) NOT NULL,
	lang		VARCHAR(8) CHARACTER SET ascii NOT NULL,
	author_id	INT UNSIGNED NOT NULL,
	created_at	DATETIME NOT NULL,
	last_post_at	DATETIME NOT NULL,
	last_author_id	INT UNSIGNED NOT NULL,
	posts		INT UNSIGNED NOT NULL DEFAULT 1,
	replies		INT UNSIGNED NOT NULL DEFAULT 0,
	accepted_post_id INT UNSIGNED NULL,
	solved_votes	INT UNSIGNED NOT NULL DEFAULT 0,
	closed		TINYINT(1) NOT NULL DEFAULT 0,
	pinned		TINYINT(1) NOT NULL DEFAULT 0,
	hidden		TINYINT(1) NOT NULL DEFAULT 0,
	pending		TINYINT(1) NOT NULL DEFAULT 0,
	listed		TINYINT(1) NOT NULL DEFAULT 1,
	KEY forum_topics_recent (listed, visibility, last_post_at),
	KEY forum_topics_listed (listed, last_post_at),
	KEY forum_topics_category (category_id, listed, pinned, last_post_at),
	KEY forum_topics_author (author_id),
	CONSTRAINT forum_topics_category_fk FOREIGN KEY (category_id)
		REFERENCES forum_categories (id),
	CONSTRAINT forum_topics_author_fk FOREIGN KEY (author_id)
		REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- position: 1 for the question, then 2, 3... in the order written
-- (kept when a post is hidden, so pages stay the same ranges).
CREATE TABLE forum_posts (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	topic_id	INT UNSIGNED NOT NULL,
	position	INT UNSIGNED NOT NULL,
	author_id	INT UNSIGNED NOT NULL,
	staff		TINYINT(1) NOT NULL DEFAULT 0,
	body		MEDIUMTEXT NOT NULL,
	created_at	DATETIME NOT NULL,
	edited_at	DATETIME NULL,
	hidden		TINYINT(1) NOT NULL DEFAULT 0,
	pending		TINYINT(1) NOT NULL DEFAULT 0,
	UNIQUE KEY forum_posts_position (topic_id, position),
	KEY forum_posts_author (author_id, created_at),
	KEY forum_posts_pending (pending, created_at),
	CONSTRAINT forum_posts_topic_fk FOREIGN KEY (topic_id)
		REFERENCES forum_topics (id),
	CONSTRAINT forum_posts_author_fk FOREIGN KEY (author_id)
		REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every earlier text of an edited post, for staff.
CREATE TABLE forum_post_versions (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	post_id		INT UNSIGNED NOT NULL,
	body		MEDIUMTEXT NOT NULL,
	written_at	DATETIME NOT NULL,
	edited_by	INT UNSIGNED NOT NULL,
	KEY forum_post_versions_post (post_id, id),
	CONSTRAINT forum_post_versions_post_fk FOREIGN KEY (post_id)
		REFERENCES forum_posts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One "this solved it for me too" per user and topic.
CREATE TABLE forum_solved_votes (
	topic_id	INT UNSIGNED NOT NULL,
	user_id		INT UNSIGNED NOT NULL,
	created_at	DATETIME NOT NULL,
	PRIMARY KEY (topic_id, user_id),
	CONSTRAINT forum_solved_votes_topic_fk FOREIGN KEY (topic_id)
		REFERENCES forum_topics (id) ON DELETE CASCADE,
	CONSTRAINT forum_solved_votes_user_fk FOREIGN KEY (user_id)
		REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Unread marks: the last position a user has seen of a topic.
CREATE TABLE forum_reads (
	user_id		INT UNSIGNED NOT NULL,
	topic_id	INT UNSIGNED NOT NULL,
	seen_posts	INT UNSIGNED NOT NULL,
	PRIMARY KEY (user_id, topic_id),
	CONSTRAINT forum_reads_user_fk FOREIGN KEY (user_id)
		REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT forum_reads_topic_fk FOREIGN KEY (topic_id)
		REFERENCES forum_topics (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Anyone signed in may flag a post once; staff resolve flags.
CREATE TABLE forum_flags (
	post_id		INT UNSIGNED NOT NULL,
	user_id		INT UNSIGNED NOT NULL,
	reason		VARCHAR(500) NOT NULL DEFAULT '',
	created_at	DATETIME NOT NULL,
	resolved	TINYINT(1) NOT NULL DEFAULT 0,
	PRIMARY KEY (post_id, user_id),
	KEY forum_flags_open (resolved, created_at),
	CONSTRAINT forum_flags_post_fk FOREIGN KEY (post_id)
		REFERENCES forum_posts (id) ON DELETE CASCADE,
	CONSTRAINT forum_flags_user_fk FOREIGN KEY (user_id)
		REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Banned from posting; their sessions end when the ban is made.
CREATE TABLE forum_bans (
	user_id		INT UNSIGNED NOT NULL PRIMARY KEY,
	banned_by	INT UNSIGNED NOT NULL,
	reason		VARCHAR(500) NOT NULL DEFAULT '',
	created_at	DATETIME NOT NULL,
	CONSTRAINT forum_bans_user_fk FOREIGN KEY (user_id)
		REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Watching a topic (category_id 0) or a category (topic_id 0).  token:
-- 256 random bits, the unsubscribe link's, which works without signing
-- in.  mailed_posts: the topic's posts when the watcher was last mailed;
-- no other mail about it until they have read that far (one mail per
-- batch of replies).
CREATE TABLE forum_subscriptions (
	user_id		INT UNSIGNED NOT NULL,
	topic_id	INT UNSIGNED NOT NULL DEFAULT 0,
	category_id	INT UNSIGNED NOT NULL DEFAULT 0,
	token		CHAR(64) CHARACTER SET ascii NOT NULL,
	mailed_posts	INT UNSIGNED NOT NULL DEFAULT 0,
	created_at	DATETIME NOT NULL,
	PRIMARY KEY (user_id, topic_id, category_id),
	UNIQUE KEY forum_subscriptions_token (token),
	KEY forum_subscriptions_topic (topic_id),
	KEY forum_subscriptions_category (category_id),
	CONSTRAINT forum_subscriptions_user_fk FOREIGN KEY (user_id)
		REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
