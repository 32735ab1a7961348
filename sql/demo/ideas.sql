-- Demo suggestions for ./quickstart run, in several languages, with the
-- demo customers' votes and a few staff status changes.  Loaded after
-- accounts.sql and the knowledge base (one idea links the news item
-- that announced it); only into an empty table, so it is idempotent.
-- Counts are set from the rows at the end, as idea.c keeps them.
INSERT INTO ideas (author_id, title, description, product, lang, status,
	staff_comment, created_at, status_at)
SELECT u.id, x.title, x.description, x.product, x.lang, x.status,
	x.staff_comment, NOW() - INTERVAL x.age DAY,
	NOW() - INTERVAL x.age DAY + INTERVAL x.changed DAY
FROM (
	SELECT 'olivia@aurora.example' AS author,
	 'Dark mode for the control panel' AS title,
	 'Working late on DNS changes, the white control panel is hard on the eyes. A dark theme that follows the system setting would be great.' AS description,
	 'Control panel' AS product, 'en' AS lang, 'planned' AS status,
	 'Planned for the spring release, following the system setting.' AS staff_comment,
	 40 AS age, 12 AS changed
	UNION ALL SELECT 'ben@aurora.example',
	 'Sign in with a security key (WebAuthn)',
	 'Authenticator codes are fine, but a hardware key such as a YubiKey would be faster and phishing-proof.',
	 'Customer portal', 'en', 'under-review', '', 30, 3
	UNION ALL SELECT 'olivia@aurora.example',
	 'Laskut e-laskuna suoraan verkkopankkiin',
	 'Haluaisimme vastaanottaa laskut **e-laskuna** verkkopankkiin PDF-liitteen sijaan.',
	 'Laskutus', 'fi', 'in-progress',
	 'Työn alla: e-laskuosoitteen voi pian tallentaa yrityksen tietoihin.',
	 25, 10
	UNION ALL SELECT 'kaisa@baltic.example',
	 'Automaatsed varukoopiad teise andmekeskusesse',
	 'Soovime, et igaöised varukoopiad salvestataks ka teises andmekeskuses, mitte ainult Helsingis.',
	 'Backups', 'et', 'new', '', 12, 0
	UNION ALL SELECT 'kaisa@baltic.example',
	 'Ελληνικά στο webmail',
	 'Οι συνάδελφοί μας στην Αθήνα θα ήθελαν το webmail στα ελληνικά.',
	 'E-mail', 'el', 'new', '', 8, 0
	UNION ALL SELECT 'ben@aurora.example',
	 '支持支付宝付款',
	 '我们在中国的团队希望可以用支付宝支付发票。',
	 'Billing', 'zh', 'declined',
	 'Thank you! We have no plans for Alipay this year; card and bank transfer remain.',
	 50, 20
	UNION ALL SELECT 'olivia@aurora.example',
	 'تاریخ شمسی در صورتحساب‌ها',
	 'لطفاً تاریخ صورتحساب‌ها را برای مشتریان ایرانی به تقویم شمسی هم نشان دهید.',
	 'Billing', 'fa', 'done',
	 'Done: dates in Persian now follow the Solar Hijri calendar.', 90, 60
	UNION ALL SELECT 'kaisa@baltic.example',
	 'PHP 8.4 on shared hosting',
	 'Please offer PHP 8.4 on every plan, our new shop needs it.',
	 'Hosting', 'en', 'done',
	 'PHP 8.4 is available for every site: see the announcement.', 70, 50
) x JOIN users u ON u.email = x.author
WHERE NOT EXISTS (SELECT 1 FROM ideas);

UPDATE ideas i JOIN items n ON n.slug = 'news-php84'
SET i.news_item_id = n.id
WHERE i.title = 'PHP 8.4 on shared hosting' AND i.news_item_id IS NULL;

INSERT IGNORE INTO idea_votes (idea_id, user_id, account_id, created_at)
SELECT i.id, u.id, u.account_id, i.created_at + INTERVAL v.after DAY
FROM (
	SELECT 'Dark mode for the control panel' AS title,
	 'olivia@aurora.example' AS voter, 0 AS after
	UNION ALL SELECT 'Dark mode for the control panel', 'ben@aurora.example', 2
	UNION ALL SELECT 'Dark mode for the control panel', 'kaisa@baltic.example', 35
	UNION ALL SELECT 'Sign in with a security key (WebAuthn)', 'ben@aurora.example', 0
	UNION ALL SELECT 'Sign in with a security key (WebAuthn)', 'kaisa@baltic.example', 28
	UNION ALL SELECT 'Laskut e-laskuna suoraan verkkopankkiin', 'olivia@aurora.example', 0
	UNION ALL SELECT 'Laskut e-laskuna suoraan verkkopankkiin', 'ben@aurora.example', 1
	UNION ALL SELECT 'Automaatsed varukoopiad teise andmekeskusesse', 'kaisa@baltic.example', 0
	UNION ALL SELECT 'Automaatsed varukoopiad teise andmekeskusesse', 'olivia@aurora.example', 10
	UNION ALL SELECT 'Ελληνικά στο webmail', 'kaisa@baltic.example', 0
	UNION ALL SELECT '支持支付宝付款', 'ben@aurora.example', 0
	UNION ALL SELECT 'تاریخ شمسی در صورتحساب‌ها', 'olivia@aurora.example', 0
	UNION ALL SELECT 'PHP 8.4 on shared hosting', 'kaisa@baltic.example', 0
	UNION ALL SELECT 'PHP 8.4 on shared hosting', 'ben@aurora.example', 3
) v JOIN ideas i ON i.title = v.title JOIN users u ON u.email = v.voter;

INSERT IGNORE INTO idea_subscriptions (idea_id, user_id)
SELECT id, author_id FROM ideas;

INSERT INTO idea_comments (idea_id, author_id, staff, body, created_at)
SELECT i.id, u.id, u.portal_role <> 'customer', x.body,
	i.created_at + INTERVAL x.after DAY
FROM (
	SELECT 'Dark mode for the control panel' AS title,
	 'ben@aurora.example' AS who,
	 'Yes please, and for the portal too.' AS body, 1 AS after
	UNION ALL SELECT 'Dark mode for the control panel', 'admin@northwind.example',
	 'Thanks both: we are looking at the colour tokens the portal already has.', 5
	UNION ALL SELECT 'Laskut e-laskuna suoraan verkkopankkiin', 'ben@aurora.example',
	 'Sama toive meiltä, verkkolaskuosoite löytyy jo.', 2
) x JOIN ideas i ON i.title = x.title JOIN users u ON u.email = x.who
WHERE NOT EXISTS (SELECT 1 FROM idea_comments);

INSERT INTO idea_events (idea_id, staff_id, status, comment, created_at)
SELECT i.id, s.id, i.status, i.staff_comment, i.status_at
FROM ideas i JOIN users s ON s.email = 'admin@northwind.example'
WHERE i.status <> 'new' AND NOT EXISTS (SELECT 1 FROM idea_events);

UPDATE ideas SET
	votes = (SELECT COUNT(*) FROM idea_votes v WHERE v.idea_id = ideas.id),
	comments = (SELECT COUNT(*) FROM idea_comments c WHERE c.idea_id = ideas.id);
