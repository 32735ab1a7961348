-- Addresses are compared byte for byte (after the portal lower-cases
-- their ASCII letters), not by the table's accent- and case-blind
-- collation: under it "olivia@aurorá.example" found the user of
-- "olivia@aurora.example", and a reset link went to the address typed,
-- a mailbox of another domain.  Addresses equal under the old collation
-- were already refused by the unique key, so none collide now.
ALTER TABLE users
	MODIFY email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin
	NOT NULL;
