-- Demo customers for ./quickstart run.  Passwords are set afterwards with
-- portico-admin set-password (see quickstart).  Idempotent.
INSERT INTO accounts (number, name, billing_address, tax_id, phone, language)
VALUES
('NW-100001', 'Aurora Web Oy', 'Aurorankatu 5 B\n00100 Helsinki\nFinland',
 'FI12345678', '+358 40 123 4567', 'fi'),
('NW-100002', 'Baltic Bytes OÜ', 'Narva mnt 7\n10117 Tallinn\nEstonia',
 'EE101234567', '+372 5555 1234', 'et')
ON DUPLICATE KEY UPDATE name = VALUES(name);

INSERT INTO users (email, name, phone, language, time_zone, status,
	portal_role, account_id, account_role)
SELECT 'olivia@aurora.example', 'Olivia Laine', '+358 40 765 4321', 'en',
	'Europe/Helsinki', 'active', 'customer', id, 'owner'
FROM accounts WHERE number = 'NW-100001'
ON DUPLICATE KEY UPDATE name = VALUES(name);
INSERT INTO users (email, name, language, time_zone, status, portal_role,
	account_id, account_role)
SELECT 'ben@aurora.example', 'Ben Virtanen', 'en', 'Europe/Helsinki',
	'active', 'customer', id, 'billing'
FROM accounts WHERE number = 'NW-100001'
ON DUPLICATE KEY UPDATE name = VALUES(name);
INSERT INTO users (email, name, language, time_zone, status, portal_role,
	account_id, account_role)
SELECT 'kaisa@baltic.example', 'Kaisa Tamm', 'en', 'Europe/Tallinn',
	'active', 'customer', id, 'owner'
FROM accounts WHERE number = 'NW-100002'
ON DUPLICATE KEY UPDATE name = VALUES(name);

-- Staff: they set up two-factor sign-in at their first sign-in.
INSERT INTO users (email, name, language, time_zone, status, portal_role)
VALUES
('admin@northwind.example', 'Niina Admin', 'en', 'Europe/Helsinki', 'active', 'admin'),
('agent@northwind.example', 'Arvo Agent', 'en', 'Europe/Helsinki', 'active', 'agent')
ON DUPLICATE KEY UPDATE name = VALUES(name);

-- Segments: resellers see the reseller price list, managed-server
-- customers the server guides.
INSERT IGNORE INTO segments (name, kind) VALUES
('Resellers', 'customer-type'), ('Managed servers', 'product'),
('Finland', 'region'), ('Internal', 'internal');
INSERT IGNORE INTO account_segments (account_id, segment_id)
SELECT a.id, s.id FROM accounts a, segments s
WHERE (a.number = 'NW-100002' AND s.name = 'Resellers')
   OR (a.number = 'NW-100001' AND s.name IN ('Managed servers', 'Finland'));
