-- Suggestions ("ideas"): customers post an idea, vote for it, comment
-- on it; staff move it through a status workflow (each change with an
-- optional public comment, mailed to its voters and subscribers), merge
-- duplicates and link a done idea to the news item that announced it.
--
-- One vote per user and idea is the primary key of idea_votes; the
-- counts on ideas (votes, comments) are derived data, changed in the
-- same transaction as the row they count (idea.c), so lists sort by an
-- index and never count.  listed is 0 for an idea merged into another
-- (it is kept, and its address leads to the idea it joined).

CREATE TABLE ideas (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	author_id	INT UNSIGNED NOT NULL,
	title		VARCHAR(200) NOT NULL,
	description	TEXT NOT NULL,
	product		VARCHAR(100) NOT NULL DEFAULT '',
	lang		VARCHAR(8) CHARACTER SET ascii NOT NULL DEFAULT 'en',
	status		ENUM('new', 'under-review', 'planned', 'in-progress',
			    'done', 'declined') NOT NULL DEFAULT 'new',
	-- the public comment of the latest status change ('' = none)
	staff_comment	TEXT NOT NULL DEFAULT '',
	votes		INT UNSIGNED NOT NULL DEFAULT 0,
	comments	INT UNSIGNED NOT NULL DEFAULT 0,
	listed		BOOLEAN NOT NULL DEFAULT TRUE,
	merged_into	INT UNSIGNED NULL,
	-- the news item that announced it (the changelog's link)
	news_item_id	INT UNSIGNED NULL,
	created_at	DATETIME NOT NULL,
	status_at	DATETIME NOT NULL,
	KEY ideas_top (listed, votes, id),
	KEY ideas_new (listed, id),
	KEY ideas_status (listed, status, votes, id),
	KEY ideas_changed (listed, status, status_at),
	KEY ideas_author (author_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- account_id: the voter's account when they voted (segment rankings).
CREATE TABLE idea_votes (
	idea_id		INT UNSIGNED NOT NULL,
	user_id		INT UNSIGNED NOT NULL,
	account_id	INT UNSIGNED NULL,
	created_at	DATETIME NOT NULL,
	PRIMARY KEY (idea_id, user_id),
	KEY idea_votes_user (user_id),
	KEY idea_votes_recent (created_at, idea_id),
	KEY idea_votes_account (account_id, idea_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE idea_comments (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	idea_id		INT UNSIGNED NOT NULL,
	author_id	INT UNSIGNED NOT NULL,
	staff		BOOLEAN NOT NULL DEFAULT FALSE,
	body		TEXT NOT NULL,
	created_at	DATETIME NOT NULL,
	KEY idea_comments_idea (idea_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who is mailed about an idea besides its voters: its author, and
-- whoever asked to follow it.
CREATE TABLE idea_subscriptions (
	idea_id		INT UNSIGNED NOT NULL,
	user_id		INT UNSIGNED NOT NULL,
	PRIMARY KEY (idea_id, user_id),
	KEY idea_subscriptions_user (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The status history, shown on the idea's page; a merge is an event too
-- (status '' and merged_into set on the idea).
CREATE TABLE idea_events (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	idea_id		INT UNSIGNED NOT NULL,
	staff_id	INT UNSIGNED NOT NULL,
	status		VARCHAR(16) CHARACTER SET ascii NOT NULL,
	comment		TEXT NOT NULL,
	created_at	DATETIME NOT NULL,
	KEY idea_events_idea (idea_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
