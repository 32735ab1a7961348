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
