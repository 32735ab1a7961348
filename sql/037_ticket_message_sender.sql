-- A held mail an agent attaches to a ticket (/staff/tickets/held/ID/
-- attach) was sent by an address no user of the account was matched
-- to (an unknown sender, or one whose domain failed DMARC, so the
-- address proves nothing).  Its message keeps that address as its
-- author, shown as such in the thread; author_id stays NULL.
ALTER TABLE ticket_messages
	ADD COLUMN author_email VARCHAR(254) NULL AFTER author_kind;
