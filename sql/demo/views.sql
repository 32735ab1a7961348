-- Demo reading figures for ./quickstart run: a fortnight of views of a
-- few articles (and of some of their translations), so the home page's
-- popular articles (derived by portico-admin reindex and popular) have
-- something to show.  The signed-in and the limited article are read
-- most, and are still shown only to who may see them.  Re-running sets
-- the same figures.
INSERT INTO item_views (item_id, day, views)
SELECT i.id, UTC_DATE() - INTERVAL d.seq DAY, x.per_day
FROM (
	SELECT 'pay-invoice' AS slug, 40 AS per_day
	UNION ALL SELECT 'reset-password', 30
	UNION ALL SELECT 'fa-pay-invoice', 12
	UNION ALL SELECT 'email-setup', 25
	UNION ALL SELECT 'dns-records', 20
	UNION ALL SELECT 'wordpress-install', 15
	UNION ALL SELECT 'ssl-certificate', 10
	UNION ALL SELECT 'api-tokens', 90
	UNION ALL SELECT 'reseller-prices', 80
) x
JOIN items i ON i.slug = x.slug
CROSS JOIN seq_0_to_13 d
WHERE i.status = 'published'
ON DUPLICATE KEY UPDATE views = VALUES(views);
