-- A ticket opened from the web form keeps the form's one-time key (a
-- random token drawn with the form, sent back hidden): the same form
-- sent twice, by a double click or a resent POST, opens one ticket,
-- and the second send is answered with the first.  The unique key
-- decides, also between two sends at the same moment on two hosts.
-- Tickets from mail or from other callers have none (NULL never
-- collides).
ALTER TABLE tickets
	ADD COLUMN form_key CHAR(64) CHARACTER SET ascii NULL,
	ADD UNIQUE KEY tickets_form_key (requester_id, form_key);
