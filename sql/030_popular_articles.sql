-- Popular articles: derived data, computed by portico-admin popular
-- (hourly, from cron or a systemd timer) and by portico-admin reindex,
-- never on a page view (src/derived.c).  A translation group's score is
-- what its items (every translation) earned over the last 30 days: one
-- point per view (item_views) and ten per "helpful" vote, less ten per
-- "not helpful" one (item_feedback).  Groups with no positive score
-- have no row.
CREATE TABLE item_popularity (
	group_id	INT UNSIGNED NOT NULL PRIMARY KEY,
	score		INT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each list row carries its group's score, so the home page reads the
-- most popular rows of a language and section through an index, as it
-- reads the newest: anonymous visitors (public only), everyone else.
ALTER TABLE item_listing
	ADD COLUMN popularity INT UNSIGNED NOT NULL DEFAULT 0,
	ADD KEY listing_popular_public (lang, section, visibility, popularity,
	    item_id),
	ADD KEY listing_popular (lang, section, popularity, item_id);

-- The score reads the last 30 days of views, not every day ever.
CREATE INDEX item_views_day ON item_views (day);
