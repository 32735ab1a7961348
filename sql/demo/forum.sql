-- Demo community for ./quickstart run: categories in six languages
-- (public, a public subcategory, signed-in, the Resellers segment and
-- staff-only) and topics in English, Finnish, Estonian, Greek, Chinese
-- and Persian with replies and accepted answers.  Idempotent; the
-- derived columns are recounted at the end, and portico-admin
-- forum-index indexes the topics for search.

INSERT IGNORE INTO forum_categories (parent_id, slug, position, visibility)
SELECT NULL, 'hosting', 1, 'public';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'en', 'Hosting and websites', 'Web hosting, WordPress, PHP and databases.' FROM forum_categories WHERE slug = 'hosting';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'fi', 'Webhotellit ja sivustot', 'Webhotelli, WordPress, PHP ja tietokannat.' FROM forum_categories WHERE slug = 'hosting';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'et', 'Majutus ja veebilehed', 'Veebimajutus, WordPress, PHP ja andmebaasid.' FROM forum_categories WHERE slug = 'hosting';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'el', 'Φιλοξενία και ιστότοποι', 'Φιλοξενία, WordPress, PHP και βάσεις δεδομένων.' FROM forum_categories WHERE slug = 'hosting';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'zh', '主机与网站', '虚拟主机、WordPress、PHP 与数据库。' FROM forum_categories WHERE slug = 'hosting';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'fa', 'میزبانی و وب‌سایت', 'میزبانی وب، وردپرس، PHP و پایگاه داده.' FROM forum_categories WHERE slug = 'hosting';
INSERT IGNORE INTO forum_categories (parent_id, slug, position, visibility)
SELECT (SELECT p.id FROM forum_categories p WHERE p.slug = 'hosting'), 'email', 1, 'public';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'en', 'E-mail', 'Mailboxes, phones and spam.' FROM forum_categories WHERE slug = 'email';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'fi', 'Sähköposti', 'Postilaatikot, puhelimet ja roskaposti.' FROM forum_categories WHERE slug = 'email';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'et', 'E-post', 'Postkastid, telefonid ja rämpspost.' FROM forum_categories WHERE slug = 'email';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'el', 'Ηλεκτρονικό ταχυδρομείο', 'Γραμματοκιβώτια, κινητά και ανεπιθύμητα.' FROM forum_categories WHERE slug = 'email';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'zh', '电子邮件', '邮箱、手机与垃圾邮件。' FROM forum_categories WHERE slug = 'email';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'fa', 'ایمیل', 'صندوق‌های پستی، تلفن و هرزنامه.' FROM forum_categories WHERE slug = 'email';
INSERT IGNORE INTO forum_categories (parent_id, slug, position, visibility)
SELECT NULL, 'domains', 2, 'public';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'en', 'Domains and DNS', 'Registrations, transfers and DNS records.' FROM forum_categories WHERE slug = 'domains';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'fi', 'Verkkotunnukset ja DNS', 'Rekisteröinnit, siirrot ja DNS-tietueet.' FROM forum_categories WHERE slug = 'domains';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'et', 'Domeenid ja DNS', 'Registreerimine, ülekanded ja DNS-kirjed.' FROM forum_categories WHERE slug = 'domains';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'el', 'Domains και DNS', 'Καταχωρίσεις, μεταφορές και εγγραφές DNS.' FROM forum_categories WHERE slug = 'domains';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'zh', '域名与 DNS', '注册、转移和 DNS 记录。' FROM forum_categories WHERE slug = 'domains';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'fa', 'دامنه و DNS', 'ثبت، انتقال و رکوردهای DNS.' FROM forum_categories WHERE slug = 'domains';
INSERT IGNORE INTO forum_categories (parent_id, slug, position, visibility)
SELECT NULL, 'servers', 3, 'signed-in';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'en', 'Servers (customers)', 'Managed and virtual servers; for signed-in customers.' FROM forum_categories WHERE slug = 'servers';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'fi', 'Palvelimet (asiakkaat)', 'Hallinnoidut ja virtuaalipalvelimet; kirjautuneille asiakkaille.' FROM forum_categories WHERE slug = 'servers';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'et', 'Serverid (kliendid)', 'Hallatud ja virtuaalserverid; sisse loginud klientidele.' FROM forum_categories WHERE slug = 'servers';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'el', 'Διακομιστές (πελάτες)', 'Διαχειριζόμενοι και εικονικοί διακομιστές· για συνδεδεμένους πελάτες.' FROM forum_categories WHERE slug = 'servers';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'zh', '服务器（客户）', '托管与虚拟服务器；仅限已登录客户。' FROM forum_categories WHERE slug = 'servers';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'fa', 'سرورها (مشتریان)', 'سرورهای مدیریت‌شده و مجازی؛ برای مشتریانی که وارد شده‌اند.' FROM forum_categories WHERE slug = 'servers';
INSERT IGNORE INTO forum_categories (parent_id, slug, position, visibility)
SELECT NULL, 'resellers', 4, 'segments';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'en', 'Reseller lounge', 'For our resellers: white-label, prices and bulk tools.' FROM forum_categories WHERE slug = 'resellers';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'fi', 'Jälleenmyyjät', 'Jälleenmyyjillemme: omalla brändillä, hinnat ja massatyökalut.' FROM forum_categories WHERE slug = 'resellers';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'et', 'Edasimüüjate nurk', 'Meie edasimüüjatele: oma brändiga, hinnad ja hulgitööriistad.' FROM forum_categories WHERE slug = 'resellers';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'el', 'Χώρος μεταπωλητών', 'Για τους μεταπωλητές μας: white-label, τιμές και εργαλεία.' FROM forum_categories WHERE slug = 'resellers';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'zh', '经销商专区', '面向经销商：贴牌、价格与批量工具。' FROM forum_categories WHERE slug = 'resellers';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'fa', 'بخش نمایندگان فروش', 'برای نمایندگان: برند سفید، قیمت‌ها و ابزارهای گروهی.' FROM forum_categories WHERE slug = 'resellers';
INSERT IGNORE INTO forum_category_segments (category_id, segment_id)
SELECT c.id, s.id FROM forum_categories c, segments s WHERE c.slug = 'resellers' AND s.name = 'Resellers';
INSERT IGNORE INTO forum_categories (parent_id, slug, position, visibility)
SELECT NULL, 'staff-room', 5, 'staff';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'en', 'Staff room', 'Notes between support staff.' FROM forum_categories WHERE slug = 'staff-room';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'fi', 'Henkilökunnan huone', 'Tuen henkilökunnan muistiinpanot.' FROM forum_categories WHERE slug = 'staff-room';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'et', 'Töötajate tuba', 'Tugimeeskonna märkmed.' FROM forum_categories WHERE slug = 'staff-room';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'el', 'Χώρος προσωπικού', 'Σημειώσεις μεταξύ του προσωπικού υποστήριξης.' FROM forum_categories WHERE slug = 'staff-room';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'zh', '员工室', '支持人员之间的笔记。' FROM forum_categories WHERE slug = 'staff-room';
INSERT IGNORE INTO forum_category_names (category_id, lang, name, description)
SELECT id, 'fa', 'اتاق کارکنان', 'یادداشت‌های بین کارکنان پشتیبانی.' FROM forum_categories WHERE slug = 'staff-room';

-- wordpress-white-screen-after-php-update
INSERT INTO forum_topics (category_id, visibility, slug, title, lang,
	author_id, created_at, last_post_at, last_author_id, closed)
SELECT c.id, c.visibility, 'wordpress-white-screen-after-php-update', 'WordPress shows a white screen after the PHP update', 'en', u.id, NOW() - INTERVAL 9 DAY,
	NOW() - INTERVAL 9 DAY, u.id, 0
FROM forum_categories c, users u WHERE c.slug = 'hosting' AND u.email = 'olivia@aurora.example'
AND NOT EXISTS (SELECT 1 FROM forum_topics WHERE slug = 'wordpress-white-screen-after-php-update');
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 1, u.id, u.portal_role <> 'customer', 'Since the PHP 8.4 update last night our WordPress site shows only a white page. The admin area is blank too.\n\nWhat should I check first?', t.created_at + INTERVAL 0 HOUR
FROM forum_topics t, users u WHERE t.slug = 'wordpress-white-screen-after-php-update' AND u.email = 'olivia@aurora.example';
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 2, u.id, u.portal_role <> 'customer', 'Same here on one site. It was an old caching plugin that does not support PHP 8.4.', t.created_at + INTERVAL 2 HOUR
FROM forum_topics t, users u WHERE t.slug = 'wordpress-white-screen-after-php-update' AND u.email = 'ben@aurora.example';
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 3, u.id, u.portal_role <> 'customer', 'Thanks for asking. Turn on `WP_DEBUG` in *wp-config.php*, or switch the site back to PHP 8.2 under **Hosting › PHP version** while you update the plugins. The error log names the plugin that fails.', t.created_at + INTERVAL 3 HOUR
FROM forum_topics t, users u WHERE t.slug = 'wordpress-white-screen-after-php-update' AND u.email = 'agent@northwind.example';
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 4, u.id, u.portal_role <> 'customer', 'The error log named an old gallery plugin. Updating it fixed the site. Thanks!', t.created_at + INTERVAL 5 HOUR
FROM forum_topics t, users u WHERE t.slug = 'wordpress-white-screen-after-php-update' AND u.email = 'olivia@aurora.example';
UPDATE forum_topics t JOIN forum_posts p ON p.topic_id = t.id AND p.position = 3
SET t.accepted_post_id = p.id WHERE t.slug = 'wordpress-white-screen-after-php-update' AND t.accepted_post_id IS NULL;
-- spf-record-for-two-mail-services
INSERT INTO forum_topics (category_id, visibility, slug, title, lang,
	author_id, created_at, last_post_at, last_author_id, closed)
SELECT c.id, c.visibility, 'spf-record-for-two-mail-services', 'How do I write an SPF record for two mail services?', 'en', u.id, NOW() - INTERVAL 6 DAY,
	NOW() - INTERVAL 6 DAY, u.id, 0
FROM forum_categories c, users u WHERE c.slug = 'domains' AND u.email = 'kaisa@baltic.example'
AND NOT EXISTS (SELECT 1 FROM forum_topics WHERE slug = 'spf-record-for-two-mail-services');
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 1, u.id, u.portal_role <> 'customer', 'We send mail from our mailboxes here and from a newsletter service. Can I have two SPF records?', t.created_at + INTERVAL 0 HOUR
FROM forum_topics t, users u WHERE t.slug = 'spf-record-for-two-mail-services' AND u.email = 'kaisa@baltic.example';
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 2, u.id, u.portal_role <> 'customer', 'No, a domain may have only one SPF record. Put both in the same record:\n\n```\nv=spf1 include:_spf.northwind.example include:newsletter.example ~all\n```', t.created_at + INTERVAL 4 HOUR
FROM forum_topics t, users u WHERE t.slug = 'spf-record-for-two-mail-services' AND u.email = 'olivia@aurora.example';
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 3, u.id, u.portal_role <> 'customer', 'That worked, the newsletter no longer lands in spam.', t.created_at + INTERVAL 6 HOUR
FROM forum_topics t, users u WHERE t.slug = 'spf-record-for-two-mail-services' AND u.email = 'kaisa@baltic.example';
UPDATE forum_topics t JOIN forum_posts p ON p.topic_id = t.id AND p.position = 2
SET t.accepted_post_id = p.id WHERE t.slug = 'spf-record-for-two-mail-services' AND t.accepted_post_id IS NULL;
-- iphone-mail-asks-password-again
INSERT INTO forum_topics (category_id, visibility, slug, title, lang,
	author_id, created_at, last_post_at, last_author_id, closed)
SELECT c.id, c.visibility, 'iphone-mail-asks-password-again', 'iPhone Mail keeps asking for the password', 'en', u.id, NOW() - INTERVAL 3 DAY,
	NOW() - INTERVAL 3 DAY, u.id, 0
FROM forum_categories c, users u WHERE c.slug = 'email' AND u.email = 'ben@aurora.example'
AND NOT EXISTS (SELECT 1 FROM forum_topics WHERE slug = 'iphone-mail-asks-password-again');
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 1, u.id, u.portal_role <> 'customer', 'After I changed my mailbox password the iPhone asks for it again every few minutes, even though I typed the new one.', t.created_at + INTERVAL 0 HOUR
FROM forum_topics t, users u WHERE t.slug = 'iphone-mail-asks-password-again' AND u.email = 'ben@aurora.example';
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 2, u.id, u.portal_role <> 'customer', 'Delete the account on the phone and add it again: the phone keeps the old password for sending (SMTP) separately.', t.created_at + INTERVAL 1 HOUR
FROM forum_topics t, users u WHERE t.slug = 'iphone-mail-asks-password-again' AND u.email = 'olivia@aurora.example';
-- postgresql-on-managed-server
INSERT INTO forum_topics (category_id, visibility, slug, title, lang,
	author_id, created_at, last_post_at, last_author_id, closed)
SELECT c.id, c.visibility, 'postgresql-on-managed-server', 'Can we run PostgreSQL next to MariaDB on a managed server?', 'en', u.id, NOW() - INTERVAL 2 DAY,
	NOW() - INTERVAL 2 DAY, u.id, 0
FROM forum_categories c, users u WHERE c.slug = 'servers' AND u.email = 'olivia@aurora.example'
AND NOT EXISTS (SELECT 1 FROM forum_topics WHERE slug = 'postgresql-on-managed-server');
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 1, u.id, u.portal_role <> 'customer', 'Our new application needs PostgreSQL 16. Is that possible on the managed server plan?', t.created_at + INTERVAL 0 HOUR
FROM forum_topics t, users u WHERE t.slug = 'postgresql-on-managed-server' AND u.email = 'olivia@aurora.example';
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 2, u.id, u.portal_role <> 'customer', 'Yes. Send the server name to our support address and we install it for you; backups cover it too.', t.created_at + INTERVAL 2 HOUR
FROM forum_topics t, users u WHERE t.slug = 'postgresql-on-managed-server' AND u.email = 'agent@northwind.example';
UPDATE forum_topics t JOIN forum_posts p ON p.topic_id = t.id AND p.position = 2
SET t.accepted_post_id = p.id WHERE t.slug = 'postgresql-on-managed-server' AND t.accepted_post_id IS NULL;
-- white-label-control-panel
INSERT INTO forum_topics (category_id, visibility, slug, title, lang,
	author_id, created_at, last_post_at, last_author_id, closed)
SELECT c.id, c.visibility, 'white-label-control-panel', 'White-label control panel for our customers', 'en', u.id, NOW() - INTERVAL 5 DAY,
	NOW() - INTERVAL 5 DAY, u.id, 0
FROM forum_categories c, users u WHERE c.slug = 'resellers' AND u.email = 'kaisa@baltic.example'
AND NOT EXISTS (SELECT 1 FROM forum_topics WHERE slug = 'white-label-control-panel');
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 1, u.id, u.portal_role <> 'customer', 'Can our own logo and domain be shown in the customers'' control panel?', t.created_at + INTERVAL 0 HOUR
FROM forum_topics t, users u WHERE t.slug = 'white-label-control-panel' AND u.email = 'kaisa@baltic.example';
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 2, u.id, u.portal_role <> 'customer', 'Yes: set the logo and the panel address under **Reseller › Branding**. The address needs a CNAME to panel.northwind.example.', t.created_at + INTERVAL 6 HOUR
FROM forum_topics t, users u WHERE t.slug = 'white-label-control-panel' AND u.email = 'agent@northwind.example';
UPDATE forum_topics t JOIN forum_posts p ON p.topic_id = t.id AND p.position = 2
SET t.accepted_post_id = p.id WHERE t.slug = 'white-label-control-panel' AND t.accepted_post_id IS NULL;
-- maintenance-rota-december
INSERT INTO forum_topics (category_id, visibility, slug, title, lang,
	author_id, created_at, last_post_at, last_author_id, closed)
SELECT c.id, c.visibility, 'maintenance-rota-december', 'Maintenance rota in December', 'en', u.id, NOW() - INTERVAL 1 DAY,
	NOW() - INTERVAL 1 DAY, u.id, 0
FROM forum_categories c, users u WHERE c.slug = 'staff-room' AND u.email = 'agent@northwind.example'
AND NOT EXISTS (SELECT 1 FROM forum_topics WHERE slug = 'maintenance-rota-december');
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 1, u.id, u.portal_role <> 'customer', 'Who covers the maintenance window on 14 December? I am away that weekend.', t.created_at + INTERVAL 0 HOUR
FROM forum_topics t, users u WHERE t.slug = 'maintenance-rota-december' AND u.email = 'agent@northwind.example';
-- salasanan-vaihto-ei-onnistu
INSERT INTO forum_topics (category_id, visibility, slug, title, lang,
	author_id, created_at, last_post_at, last_author_id, closed)
SELECT c.id, c.visibility, 'salasanan-vaihto-ei-onnistu', 'Sähköpostin salasanan vaihto ei onnistu', 'fi', u.id, NOW() - INTERVAL 4 DAY,
	NOW() - INTERVAL 4 DAY, u.id, 0
FROM forum_categories c, users u WHERE c.slug = 'email' AND u.email = 'olivia@aurora.example'
AND NOT EXISTS (SELECT 1 FROM forum_topics WHERE slug = 'salasanan-vaihto-ei-onnistu');
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 1, u.id, u.portal_role <> 'customer', 'Yritän vaihtaa postilaatikon salasanaa, mutta lomake sanoo, että salasana on liian yleinen. Mikä on riittävä salasana?', t.created_at + INTERVAL 0 HOUR
FROM forum_topics t, users u WHERE t.slug = 'salasanan-vaihto-ei-onnistu' AND u.email = 'olivia@aurora.example';
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 2, u.id, u.portal_role <> 'customer', 'Salasanan pitää olla vähintään kymmenen merkkiä eikä yleinen. Pitkä lause toimii hyvin, esimerkiksi neljä satunnaista sanaa.', t.created_at + INTERVAL 1 HOUR
FROM forum_topics t, users u WHERE t.slug = 'salasanan-vaihto-ei-onnistu' AND u.email = 'ben@aurora.example';
UPDATE forum_topics t JOIN forum_posts p ON p.topic_id = t.id AND p.position = 2
SET t.accepted_post_id = p.id WHERE t.slug = 'salasanan-vaihto-ei-onnistu' AND t.accepted_post_id IS NULL;
-- domeeni-ulekanne-kaua
INSERT INTO forum_topics (category_id, visibility, slug, title, lang,
	author_id, created_at, last_post_at, last_author_id, closed)
SELECT c.id, c.visibility, 'domeeni-ulekanne-kaua', 'Kui kaua võtab domeeni ülekanne aega?', 'et', u.id, NOW() - INTERVAL 7 DAY,
	NOW() - INTERVAL 7 DAY, u.id, 1
FROM forum_categories c, users u WHERE c.slug = 'domains' AND u.email = 'kaisa@baltic.example'
AND NOT EXISTS (SELECT 1 FROM forum_topics WHERE slug = 'domeeni-ulekanne-kaua');
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 1, u.id, u.portal_role <> 'customer', 'Kandsin .ee domeeni teise registripidaja juurest üle. Kaua see aega võtab?', t.created_at + INTERVAL 0 HOUR
FROM forum_topics t, users u WHERE t.slug = 'domeeni-ulekanne-kaua' AND u.email = 'kaisa@baltic.example';
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 2, u.id, u.portal_role <> 'customer', 'Tavaliselt mõni tund pärast volituskoodi kinnitamist. DNS-kirjed jäävad samaks.', t.created_at + INTERVAL 3 HOUR
FROM forum_topics t, users u WHERE t.slug = 'domeeni-ulekanne-kaua' AND u.email = 'agent@northwind.example';
UPDATE forum_topics t JOIN forum_posts p ON p.topic_id = t.id AND p.position = 2
SET t.accepted_post_id = p.id WHERE t.slug = 'domeeni-ulekanne-kaua' AND t.accepted_post_id IS NULL;
-- pistopoiitiko-ssl-ananeosi
INSERT INTO forum_topics (category_id, visibility, slug, title, lang,
	author_id, created_at, last_post_at, last_author_id, closed)
SELECT c.id, c.visibility, 'pistopoiitiko-ssl-ananeosi', 'Το πιστοποιητικό SSL δεν ανανεώνεται', 'el', u.id, NOW() - INTERVAL 8 DAY,
	NOW() - INTERVAL 8 DAY, u.id, 0
FROM forum_categories c, users u WHERE c.slug = 'hosting' AND u.email = 'ben@aurora.example'
AND NOT EXISTS (SELECT 1 FROM forum_topics WHERE slug = 'pistopoiitiko-ssl-ananeosi');
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 1, u.id, u.portal_role <> 'customer', 'Το δωρεάν πιστοποιητικό SSL έληξε χθες. Γιατί δεν ανανεώθηκε αυτόματα;', t.created_at + INTERVAL 0 HOUR
FROM forum_topics t, users u WHERE t.slug = 'pistopoiitiko-ssl-ananeosi' AND u.email = 'ben@aurora.example';
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 2, u.id, u.portal_role <> 'customer', 'Η ανανέωση αποτυγχάνει όταν το domain δείχνει σε άλλον διακομιστή. Ελέγξτε την εγγραφή A του domain.', t.created_at + INTERVAL 2 HOUR
FROM forum_topics t, users u WHERE t.slug = 'pistopoiitiko-ssl-ananeosi' AND u.email = 'agent@northwind.example';
UPDATE forum_topics t JOIN forum_posts p ON p.topic_id = t.id AND p.position = 2
SET t.accepted_post_id = p.id WHERE t.slug = 'pistopoiitiko-ssl-ananeosi' AND t.accepted_post_id IS NULL;
-- dns-jilu-shengxiao-shijian
INSERT INTO forum_topics (category_id, visibility, slug, title, lang,
	author_id, created_at, last_post_at, last_author_id, closed)
SELECT c.id, c.visibility, 'dns-jilu-shengxiao-shijian', '修改 DNS 记录后多久生效？', 'zh', u.id, NOW() - INTERVAL 2 DAY,
	NOW() - INTERVAL 2 DAY, u.id, 0
FROM forum_categories c, users u WHERE c.slug = 'domains' AND u.email = 'olivia@aurora.example'
AND NOT EXISTS (SELECT 1 FROM forum_topics WHERE slug = 'dns-jilu-shengxiao-shijian');
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 1, u.id, u.portal_role <> 'customer', '我刚修改了域名的 A 记录，但网站仍然指向旧服务器。需要等多久？', t.created_at + INTERVAL 0 HOUR
FROM forum_topics t, users u WHERE t.slug = 'dns-jilu-shengxiao-shijian' AND u.email = 'olivia@aurora.example';
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 2, u.id, u.portal_role <> 'customer', '通常几分钟到几小时，取决于记录的 TTL。可以先把 TTL 调低再修改。', t.created_at + INTERVAL 5 HOUR
FROM forum_topics t, users u WHERE t.slug = 'dns-jilu-shengxiao-shijian' AND u.email = 'kaisa@baltic.example';
UPDATE forum_topics t JOIN forum_posts p ON p.topic_id = t.id AND p.position = 2
SET t.accepted_post_id = p.id WHERE t.slug = 'dns-jilu-shengxiao-shijian' AND t.accepted_post_id IS NULL;
-- enteghal-damane-be-northwind
INSERT INTO forum_topics (category_id, visibility, slug, title, lang,
	author_id, created_at, last_post_at, last_author_id, closed)
SELECT c.id, c.visibility, 'enteghal-damane-be-northwind', 'انتقال دامنه به این سرویس چقدر طول می‌کشد؟', 'fa', u.id, NOW() - INTERVAL 10 DAY,
	NOW() - INTERVAL 10 DAY, u.id, 0
FROM forum_categories c, users u WHERE c.slug = 'domains' AND u.email = 'kaisa@baltic.example'
AND NOT EXISTS (SELECT 1 FROM forum_topics WHERE slug = 'enteghal-damane-be-northwind');
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 1, u.id, u.portal_role <> 'customer', 'می‌خواهم دامنه‌ام را از ثبت‌کننده دیگری منتقل کنم. آیا سایت در این مدت از دسترس خارج می‌شود؟', t.created_at + INTERVAL 0 HOUR
FROM forum_topics t, users u WHERE t.slug = 'enteghal-damane-be-northwind' AND u.email = 'kaisa@baltic.example';
INSERT IGNORE INTO forum_posts (topic_id, position, author_id, staff, body, created_at)
SELECT t.id, 2, u.id, u.portal_role <> 'customer', 'نه، اگر رکوردهای DNS را پیش از انتقال اینجا بسازید، سایت در دسترس می‌ماند. انتقال معمولاً تا پنج روز طول می‌کشد.', t.created_at + INTERVAL 4 HOUR
FROM forum_topics t, users u WHERE t.slug = 'enteghal-damane-be-northwind' AND u.email = 'agent@northwind.example';
UPDATE forum_topics t JOIN forum_posts p ON p.topic_id = t.id AND p.position = 2
SET t.accepted_post_id = p.id WHERE t.slug = 'enteghal-damane-be-northwind' AND t.accepted_post_id IS NULL;

-- The derived columns, as the model keeps them on write.
UPDATE forum_topics t SET
	t.posts = (SELECT MAX(p.position) FROM forum_posts p WHERE p.topic_id = t.id),
	t.replies = (SELECT COUNT(*) FROM forum_posts p WHERE p.topic_id = t.id
		AND p.position > 1 AND p.hidden = 0 AND p.pending = 0),
	t.last_post_at = (SELECT MAX(p.created_at) FROM forum_posts p WHERE p.topic_id = t.id),
	t.last_author_id = (SELECT p.author_id FROM forum_posts p WHERE p.topic_id = t.id
		ORDER BY p.position DESC LIMIT 1),
	t.solved_votes = (SELECT COUNT(*) FROM forum_solved_votes v WHERE v.topic_id = t.id)
WHERE t.slug IN ('wordpress-white-screen-after-php-update', 'spf-record-for-two-mail-services', 'iphone-mail-asks-password-again', 'postgresql-on-managed-server', 'white-label-control-panel', 'maintenance-rota-december', 'salasanan-vaihto-ei-onnistu', 'domeeni-ulekanne-kaua', 'pistopoiitiko-ssl-ananeosi', 'dns-jilu-shengxiao-shijian', 'enteghal-damane-be-northwind');
UPDATE forum_categories c SET c.topics = (SELECT COUNT(*) FROM forum_topics t
	WHERE t.category_id = c.id AND t.listed = 1);
