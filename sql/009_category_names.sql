-- Category names in other languages than the one the category was made
-- with (import-articles' category_names:); a page shows the visitor's
-- language when there is a name in it.
CREATE TABLE category_names (
	category_id	INT UNSIGNED NOT NULL,
	lang		VARCHAR(8) NOT NULL,
	name		VARCHAR(200) NOT NULL,
	PRIMARY KEY (category_id, lang),
	CONSTRAINT category_names_category_fk FOREIGN KEY (category_id)
		REFERENCES categories (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
