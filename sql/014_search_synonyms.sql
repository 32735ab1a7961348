-- Synonyms for search, edited by staff at /staff/search/synonyms: sets
-- of words or phrases of one language that mean the same (Persian
-- «رمز عبور» and «گذرواژه», password).  A query holding one member of a
-- set matches any member.  terms is the member as the query parser
-- writes it (folded words, one space apart) and first_term its first
-- word, which a search looks its words up by.
CREATE TABLE search_synonym_sets (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	lang		VARCHAR(8) NOT NULL,
	created_by	INT UNSIGNED NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY search_synonym_sets_lang (lang)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE search_synonyms (
	set_id		INT UNSIGNED NOT NULL,
	phrase		VARCHAR(200) NOT NULL,
	terms		VARCHAR(300) NOT NULL,
	first_term	VARCHAR(64) NOT NULL,
	PRIMARY KEY (set_id, terms),
	KEY search_synonyms_first (first_term),
	CONSTRAINT search_synonyms_set_fk FOREIGN KEY (set_id)
		REFERENCES search_synonym_sets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
