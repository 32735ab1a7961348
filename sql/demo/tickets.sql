-- Demo support tickets for ./quickstart run, after accounts.sql: Olivia
-- and Ben of Aurora Web Oy and Kaisa of Baltic Bytes OÜ, in several
-- languages, some waiting on the customer or resolved, with staff
-- replies and an internal note.  The due times are derived data:
-- quickstart runs `portico-admin tickets-refresh` after this file,
-- which computes them through the ticket model.  Idempotent: a ticket
-- whose reference exists is left alone.
CREATE TEMPORARY TABLE demo_tickets (
	ref		CHAR(10) CHARACTER SET ascii NOT NULL PRIMARY KEY,
	requester	VARCHAR(254) NOT NULL,
	department	VARCHAR(40) CHARACTER SET ascii NOT NULL,
	status		VARCHAR(10) CHARACTER SET ascii NOT NULL,
	subject		VARCHAR(300) NOT NULL,
	lang		VARCHAR(8) CHARACTER SET ascii NOT NULL,
	age_hours	INT NOT NULL,
	rating		TINYINT UNSIGNED NULL
) DEFAULT CHARSET=utf8mb4;
INSERT INTO demo_tickets VALUES
('T-AURW4K7M', 'olivia@aurora.example', 'technical', 'waiting',
 'Website shows a 502 error after the PHP upgrade', 'en', 26, NULL),
('T-AURN3P8Q', 'olivia@aurora.example', 'sales', 'new',
 'Αναβάθμιση σε διακομιστή με περισσότερη μνήμη', 'el', 1, NULL),
('T-AURB8N3P', 'ben@aurora.example', 'billing', 'resolved',
 'Laskulla on väärä ALV-tunnus', 'fi', 75, NULL),
('T-AURD6F2H', 'ben@aurora.example', 'billing', 'open',
 'پرسش دربارهٔ تمدید دامنه', 'fa', 5, NULL),
('T-BATS6W2X', 'kaisa@baltic.example', 'technical', 'open',
 'SSH-võti ei tööta pärast serveri taaskäivitust', 'et', 3, NULL),
('T-BATC7Y3Z', 'kaisa@baltic.example', 'billing', 'closed',
 '需要更改发票抬头', 'zh', 240, 5);

INSERT IGNORE INTO tickets (ref, account_id, requester_id, department_id,
	policy_id, priority, status, subject, lang, source, mail_token,
	created_at, updated_at, first_response_at, resolved_at, closed_at,
	waiting_since, rating, rating_comment, rated_at)
SELECT d.ref, u.account_id, u.id, dep.id,
	(SELECT p.id FROM sla_policies p WHERE p.segment_id = 0
	 AND p.priority = 'normal'), 'normal', d.status, d.subject, d.lang,
	'web', SUBSTRING(SHA2(CONCAT(d.ref, RAND(), NOW(6)), 256), 1, 24),
	NOW() - INTERVAL d.age_hours HOUR, NOW(3) - INTERVAL 1 HOUR,
	IF(d.status IN ('waiting', 'resolved', 'closed'),
	   NOW() - INTERVAL d.age_hours HOUR + INTERVAL 2 HOUR, NULL),
	IF(d.status IN ('resolved', 'closed'), NOW() - INTERVAL 1 DAY, NULL),
	IF(d.status = 'closed', NOW() - INTERVAL 1 HOUR, NULL),
	IF(d.status = 'waiting', NOW() - INTERVAL 3 HOUR, NULL),
	d.rating, IF(d.rating IS NULL, NULL, '谢谢，很快就解决了。'),
	IF(d.rating IS NULL, NULL, NOW() - INTERVAL 2 HOUR)
FROM demo_tickets d
JOIN users u ON u.email = d.requester
JOIN departments dep ON dep.slug = d.department;

INSERT IGNORE INTO ticket_pauses (ticket_id, started_at)
SELECT t.id, t.waiting_since FROM tickets t
WHERE t.ref LIKE 'T-AUR%' AND t.status = 'waiting';

-- The threads: (ref, order, author, kind, internal, body).  A ticket
-- that has messages already keeps them.
CREATE TEMPORARY TABLE demo_messages (
	ref		CHAR(10) CHARACTER SET ascii NOT NULL,
	n		TINYINT NOT NULL,
	author		VARCHAR(254) NOT NULL,
	kind		VARCHAR(10) CHARACTER SET ascii NOT NULL,
	internal	BOOLEAN NOT NULL,
	body		TEXT NOT NULL
) DEFAULT CHARSET=utf8mb4;
INSERT INTO demo_messages VALUES
('T-AURW4K7M', 1, 'olivia@aurora.example', 'customer', 0,
 'Since this morning **aurora-web.fi** answers *502 Bad Gateway*. We moved to PHP 8.4 yesterday evening.'),
('T-AURW4K7M', 2, 'agent@northwind.example', 'staff', 1,
 'PHP-FPM pool for this site runs out of workers: pm.max_children is 5. Check the error log before raising it.'),
('T-AURW4K7M', 3, 'agent@northwind.example', 'staff', 0,
 'Thank you, Olivia. The PHP 8.4 pool of your site had too few workers; we raised the limit. Could you check whether the site works now?'),
('T-AURN3P8Q', 1, 'olivia@aurora.example', 'customer', 0,
 'Καλησπέρα σας. Θα θέλαμε να μεταφέρουμε το ηλεκτρονικό μας κατάστημα σε διακομιστή με 16 GB μνήμης. Ποιο πακέτο προτείνετε;'),
('T-AURB8N3P', 1, 'ben@aurora.example', 'customer', 0,
 'Hei! Marraskuun laskussa on vanha ALV-tunnuksemme. Oikea tunnus on FI12345678. Voitteko korjata laskun?'),
('T-AURB8N3P', 2, 'admin@northwind.example', 'staff', 0,
 'Hei Ben, korjasimme ALV-tunnuksen ja lähetimme uuden laskun. Vanha lasku on mitätöity.'),
('T-AURD6F2H', 1, 'ben@aurora.example', 'customer', 0,
 'سلام. دامنهٔ aurora-web.fi ماه آینده منقضی می‌شود. آیا تمدید خودکار برای آن فعال است؟'),
('T-BATS6W2X', 1, 'kaisa@baltic.example', 'customer', 0,
 'Tere! Pärast serveri taaskäivitust ei pääse ma enam SSH-võtmega sisse. Parooliga sisselogimine on keelatud.'),
('T-BATC7Y3Z', 1, 'kaisa@baltic.example', 'customer', 0,
 '您好，我们公司名称已更改为 Baltic Bytes OÜ，请更新发票抬头。'),
('T-BATC7Y3Z', 2, 'admin@northwind.example', 'staff', 0,
 '您好，发票抬头已更新，下一张发票将使用新名称。');

INSERT INTO ticket_messages (ticket_id, author_id, author_kind, internal,
	body, source, created_at)
SELECT t.id, u.id, m.kind, m.internal, m.body, 'web',
	t.created_at + INTERVAL (m.n - 1) * 61 MINUTE
FROM demo_messages m
JOIN tickets t ON t.ref = m.ref
JOIN users u ON u.email = m.author
WHERE NOT EXISTS (SELECT 1 FROM ticket_messages x WHERE x.ticket_id = t.id)
ORDER BY m.ref, m.n;

UPDATE tickets t SET
	last_message_id = (SELECT MAX(id) FROM ticket_messages m
	    WHERE m.ticket_id = t.id),
	public_messages = (SELECT COUNT(*) FROM ticket_messages m
	    WHERE m.ticket_id = t.id AND m.internal = 0),
	last_public_at = (SELECT MAX(created_at) FROM ticket_messages m
	    WHERE m.ticket_id = t.id AND m.internal = 0)
WHERE t.ref IN (SELECT ref FROM demo_tickets);

DROP TEMPORARY TABLE demo_messages;
DROP TEMPORARY TABLE demo_tickets;
