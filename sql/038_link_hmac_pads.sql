-- The inner and outer keys of HMAC-SHA256 under the link secret
-- (site_secrets 'links', 32 bytes, padded with zeros to the 64-byte
-- block, xor 0x36 and 0x5c), for the statement that signs the
-- unsubscribe links of an idea's status mails in one INSERT … SELECT:
-- HMAC(k, m) = SHA2(opad || UNHEX(SHA2(ipad || m))).  The statement
-- reads them here, so no key travels in a statement's values (where the
-- general and slow logs would keep it).  Each 8-byte part is xored as a
-- 64-bit unsigned integer.  SQL SECURITY INVOKER: it reads site_secrets
-- with the reader's rights, whoever ran the migration.
CREATE OR REPLACE SQL SECURITY INVOKER VIEW link_hmac_pads AS
SELECT
	UNHEX(CONCAT(
	    LPAD(HEX(CAST(CONV(HEX(SUBSTR(secret, 1, 8)), 16, 10) AS UNSIGNED) ^ 0x3636363636363636), 16, '0'),
	    LPAD(HEX(CAST(CONV(HEX(SUBSTR(secret, 9, 8)), 16, 10) AS UNSIGNED) ^ 0x3636363636363636), 16, '0'),
	    LPAD(HEX(CAST(CONV(HEX(SUBSTR(secret, 17, 8)), 16, 10) AS UNSIGNED) ^ 0x3636363636363636), 16, '0'),
	    LPAD(HEX(CAST(CONV(HEX(SUBSTR(secret, 25, 8)), 16, 10) AS UNSIGNED) ^ 0x3636363636363636), 16, '0'),
	    REPEAT('36', 32))) AS ipad,
	UNHEX(CONCAT(
	    LPAD(HEX(CAST(CONV(HEX(SUBSTR(secret, 1, 8)), 16, 10) AS UNSIGNED) ^ 0x5c5c5c5c5c5c5c5c), 16, '0'),
	    LPAD(HEX(CAST(CONV(HEX(SUBSTR(secret, 9, 8)), 16, 10) AS UNSIGNED) ^ 0x5c5c5c5c5c5c5c5c), 16, '0'),
	    LPAD(HEX(CAST(CONV(HEX(SUBSTR(secret, 17, 8)), 16, 10) AS UNSIGNED) ^ 0x5c5c5c5c5c5c5c5c), 16, '0'),
	    LPAD(HEX(CAST(CONV(HEX(SUBSTR(secret, 25, 8)), 16, 10) AS UNSIGNED) ^ 0x5c5c5c5c5c5c5c5c), 16, '0'),
	    REPEAT('5c', 32))) AS opad
FROM site_secrets WHERE name = 'links' AND LENGTH(secret) = 32;
