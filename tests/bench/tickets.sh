#!/usr/bin/env bash
# tickets.sh MYCNF N: the bench's tickets at size.  N tickets (100000)
# over N/50 generated accounts, each opened by the account's owner, in
# every status, department and priority, created over the last 180 days
# with their due times; the demo account of olivia@aurora.example gets
# 200 of them (her list pages) and one ticket, T-BENCH555, of 50
# messages (customer and staff replies, two internal notes).  A session
# of the demo agent is made for the staff queue; its cookie value is
# printed on standard output.
#
# The due times are written as the ticket model would have them for
# each status (ticket.c computes them on every change); the bench reads
# pages, so what matters is that the rows are shaped as the model's.
# Deterministic: the same N gives the same tickets.
set -euo pipefail
CNF=$1
N=$2
NACC=$((N / 50 > 1 ? N / 50 : 1))
SQL=(mariadb --defaults-file="$CNF" portico)
token=$(printf 'bench-staff-session-%s' "$N" | sha256sum | cut -c1-64)

"${SQL[@]}" >/dev/null <<SQL
SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';
SET @n := $N, @nacc := $NACC;

INSERT INTO accounts (number, name, language)
SELECT CONCAT('BT-', LPAD(seq, 6, '0')), CONCAT('Bench customer ', seq),
    ELT(1 + seq % 6, 'en', 'fi', 'et', 'el', 'zh', 'fa')
FROM seq_1_to_$NACC;
INSERT INTO users (email, name, language, time_zone, status, portal_role,
    account_id, account_role)
SELECT CONCAT('owner-', a.number, '@bench.example'), CONCAT('Owner ', a.number),
    a.language, 'Europe/Helsinki', 'active', 'customer', a.id, 'owner'
FROM accounts a WHERE a.number LIKE 'BT-%';

-- The 200 of olivia's account first (ids 1..200 of the sequence), then
-- the generated accounts' in turn.
CREATE TEMPORARY TABLE bench_requesters (
	k INT UNSIGNED NOT NULL PRIMARY KEY,
	account_id INT UNSIGNED NOT NULL,
	user_id INT UNSIGNED NOT NULL
);
INSERT INTO bench_requesters
SELECT ROW_NUMBER() OVER (ORDER BY a.id) - 1, a.id, u.id
FROM accounts a JOIN users u ON u.account_id = a.id AND u.account_role = 'owner'
WHERE a.number LIKE 'BT-%';
SELECT u.id, u.account_id INTO @olivia, @aurora FROM users u
WHERE u.email = 'olivia@aurora.example';

SELECT COALESCE(MAX(id), 0) INTO @first FROM tickets;

-- References: "T-" and the sequence in octal, digits 0-7 written 2-9
-- (all in the model's alphabet), so they are unique and valid.
INSERT INTO tickets (ref, account_id, requester_id, department_id, policy_id,
    priority, status, subject, lang, source, mail_token, created_at,
    updated_at, first_response_due, first_response_at, resolution_due,
    resolved_at, closed_at, next_due, waiting_since, last_message_id,
    public_messages)
SELECT
    CONCAT('T-', REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(
        LPAD(CONV(s.seq, 10, 8), 8, '0'), '7', '9'), '6', '8'), '5', '7'),
        '4', '6'), '3', '5'), '2', '4'), '1', '3'), '0', '2')),
    IF(s.seq <= 200, @aurora, r.account_id),
    IF(s.seq <= 200, @olivia, r.user_id),
    1 + s.seq % 3,
    (SELECT p.id FROM sla_policies p WHERE p.segment_id = 0 AND
        p.priority = ELT(1 + s.seq % 4, 'low', 'normal', 'high', 'urgent')),
    ELT(1 + s.seq % 4, 'low', 'normal', 'high', 'urgent'),
    ELT(1 + s.seq % 20, 'new', 'new', 'open', 'open', 'open', 'open', 'open',
        'waiting', 'waiting', 'waiting', 'resolved', 'resolved', 'resolved',
        'resolved', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed'),
    CONCAT(ELT(1 + s.seq % 8, 'Mail stopped after the DNS change',
        'Sähköposti ei kulje', 'Arve on vale', 'Πρόβλημα με το SSL',
        '网站无法访问', 'مشکل در ورود به حساب', 'Backup restore request',
        'Invoice question'), ' #', s.seq),
    ELT(1 + s.seq % 6, 'en', 'fi', 'et', 'el', 'zh', 'fa'),
    'web',
    CONCAT('b', LPAD(HEX(s.seq), 23, '0')),
    NOW() - INTERVAL (s.seq * 7919 % 259200) MINUTE,
    NOW() - INTERVAL (s.seq * 7919 % 259200) MINUTE + INTERVAL 1 MINUTE,
    NOW() - INTERVAL (s.seq * 7919 % 259200) MINUTE + INTERVAL 8 HOUR,
    NULL,
    NOW() - INTERVAL (s.seq * 7919 % 259200) MINUTE + INTERVAL 3 DAY,
    NULL, NULL, NULL, NULL, 0, 1
FROM seq_1_to_$N s
LEFT JOIN bench_requesters r ON r.k = s.seq % @nacc;

-- What each status implies (as ticket.c keeps it).
UPDATE tickets SET first_response_at = first_response_due - INTERVAL 2 HOUR
WHERE id > @first AND status IN ('waiting', 'resolved', 'closed');
UPDATE tickets SET waiting_since = updated_at
WHERE id > @first AND status = 'waiting';
UPDATE tickets SET resolved_at = created_at + INTERVAL 2 DAY
WHERE id > @first AND status IN ('resolved', 'closed');
UPDATE tickets SET closed_at = created_at + INTERVAL 9 DAY
WHERE id > @first AND status = 'closed';
UPDATE tickets SET next_due = LEAST(IF(first_response_at IS NULL,
    first_response_due, resolution_due), resolution_due)
WHERE id > @first AND status IN ('new', 'open');
INSERT INTO ticket_pauses (ticket_id, started_at)
SELECT id, waiting_since FROM tickets WHERE id > @first AND status = 'waiting';

INSERT INTO ticket_messages (ticket_id, author_id, author_kind, internal, body,
    source, created_at)
SELECT t.id, t.requester_id, 'customer', 0,
    CONCAT('Hello, ', t.subject, '.\n\nSince this morning the site shows an ',
        'error. I have cleared the cache and tried two browsers.'),
    'web', t.created_at
FROM tickets t WHERE t.id > @first;
UPDATE tickets t JOIN ticket_messages m ON m.ticket_id = t.id
SET t.last_message_id = m.id WHERE t.id > @first;

-- The ticket of 50 messages.
SELECT id INTO @agent FROM users WHERE email = 'agent@northwind.example';
INSERT INTO tickets (ref, account_id, requester_id, department_id, policy_id,
    priority, status, subject, lang, source, mail_token, created_at,
    updated_at, first_response_due, first_response_at, resolution_due,
    next_due, last_message_id, public_messages)
SELECT 'T-BENCH555', @aurora, @olivia, 1, p.id, 'normal', 'open',
    'Intermittent 502 errors on the shop', 'en', 'web',
    'benchbenchbenchbench5555', NOW() - INTERVAL 3 DAY, NOW(),
    NOW() - INTERVAL 2 DAY, NOW() - INTERVAL 2 DAY - INTERVAL 1 HOUR,
    NOW() + INTERVAL 1 DAY, NOW() + INTERVAL 1 DAY, 0, 48
FROM sla_policies p WHERE p.segment_id = 0 AND p.priority = 'normal';
SET @t50 := LAST_INSERT_ID();
INSERT INTO ticket_messages (ticket_id, author_id, author_kind, internal, body,
    source, created_at)
SELECT @t50, IF(s.seq % 2 = 1, @olivia, @agent),
    IF(s.seq % 2 = 1, 'customer', 'staff'), s.seq IN (20, 40),
    CONCAT('Message ', s.seq, ': the shop at **shop.aurora.example** answered ',
        '502 again at ', 10 + s.seq % 12, ':', LPAD(s.seq % 60, 2, '0'),
        '. The log shows \`upstream timed out\`.\n\n- one\n- two\n\nThanks!'),
    'web', NOW() - INTERVAL 3 DAY + INTERVAL s.seq * 60 MINUTE
FROM seq_1_to_50 s;
UPDATE tickets SET last_message_id = (SELECT MAX(id) FROM ticket_messages
    WHERE ticket_id = @t50) WHERE id = @t50;

-- A staff session for the queue (the demo agent, second factor done).
INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen,
    expires_at, mfa_pending)
VALUES (UNHEX(SHA2('$token', 256)), @agent, SHA2('bench-csrf', 256), NOW(),
    NOW(), NOW() + INTERVAL 1 DAY, 0);
ANALYZE TABLE tickets, ticket_messages, ticket_pauses;
SQL
echo "$token"
