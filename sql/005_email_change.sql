-- Changing one's e-mail address: a token mailed to the new address
-- carries it until the link is confirmed.
ALTER TABLE tokens MODIFY purpose ENUM('verify', 'reset', 'invite', 'email')
	NOT NULL;
ALTER TABLE tokens ADD COLUMN new_email VARCHAR(254) NULL;
