-- The staff queue's priority filter reads an index range of its own:
-- one priority's tickets of one status in due order (as tickets_queue
-- does for the status alone), not the whole status range filtered.
-- A ticket's service (tickets.service_id, kept since 019 for the
-- billing wing) is one of its account's services, chosen on the
-- new-ticket form; a service that goes leaves its tickets with none.
ALTER TABLE tickets
	ADD KEY tickets_priority_queue (priority, status, next_due),
	ADD KEY tickets_service (service_id),
	ADD CONSTRAINT tickets_service_fk FOREIGN KEY (service_id)
		REFERENCES services (id) ON DELETE SET NULL;
-- Held mail (a sender no one knows, a refused or unroutable message) is
-- kept for staff with its files: /staff/tickets/held lists what waits,
-- and an agent attaches it to a ticket, opens a ticket from it or
-- discards it (held_state, who and when; the audit log says it too).
-- Refused mail keeps its text now as held mail does.
ALTER TABLE mail_in
	ADD COLUMN held_reason ENUM('unknown-sender', 'dmarc', 'rejected',
	    'no-department') NULL,
	ADD COLUMN held_state ENUM('held', 'attached', 'opened', 'discarded')
	    NULL,
	ADD COLUMN held_by INT UNSIGNED NULL,
	ADD COLUMN held_done_at DATETIME NULL,
	ADD KEY mail_in_held (held_state, received_at);
UPDATE mail_in SET held_state = 'held', held_reason = 'unknown-sender'
	WHERE outcome = 'held';
CREATE TABLE mail_in_files (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	mail_in_id	BIGINT UNSIGNED NOT NULL,
	name		VARCHAR(255) NOT NULL,
	content_type	VARCHAR(100) NOT NULL,
	size		INT UNSIGNED NOT NULL,
	sha256		CHAR(64) CHARACTER SET ascii NOT NULL,
	KEY mail_in_files_mail (mail_in_id),
	CONSTRAINT mail_in_files_fk FOREIGN KEY (mail_in_id)
		REFERENCES mail_in (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
