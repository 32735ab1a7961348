-- Mail asked for through the public forms (registration, reset,
-- invitations, address changes) is throttled like failed sign-ins, in
-- the same table: per address mailed (mail-user) and per client address
-- (mail-addr).
ALTER TABLE signin_throttle
	MODIFY kind ENUM('user', 'addr', 'mail-user', 'mail-addr') NOT NULL;
