/*
 * Derived data, computed when content changes instead of on every view
 * (sql/013_derived_lists.sql): what each list shows a visitor of each
 * language (item_listing) and how many rows each list has
 * (listing_counts), who may know of each category (category_audience)
 * and of each product name (product_audience, sql/015), each
 * article's related articles (item_related) and each translation group's
 * popularity (item_popularity, sql/030).
 *
 * item_save() calls derived_item_changed() after every save; portico-admin
 * reindex calls derived_rebuild(); portico-admin popular (hourly) calls
 * derived_popular(), since views and votes are no content change.  Each
 * refresh recomputes its rows from the items, in a transaction whose
 * reads lock what they read, so two saves at once on any host leave the
 * rows of the later one: the result never depends on the order the
 * refreshes ran in.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portico.h"

/* Which list an item kind belongs to. */
#define SECTION_OF(i) "IF(" i ".kind IN ('article', 'video'), 'kb', " i ".kind)"
/* An item's group's score (sql/030_popular_articles.sql), 0 for none. */
#define POPULARITY_OF(i) "IFNULL((SELECT p.score FROM item_popularity p " \
    "WHERE p.group_id = " i ".group_id), 0)"

/* ---- one translation group --------------------------------------------- */

/* The (section, category) pairs a group's rows are in. */
enum { KEYS_SECTION, KEYS_CATEGORY_ID, KEYS__MAX };
static struct dbstmt q_group_keys = DBSTMT_COLS(
    "SELECT DISTINCT section, category_id FROM item_listing "
    "WHERE group_id = ?", KEYS__MAX);
/* One refresh of a group at a time, on any host: its items are locked. */
enum { LOCK_ID, LOCK__MAX };
static struct dbstmt q_group_lock = DBSTMT_COLS(
    "SELECT id FROM items WHERE group_id = ? FOR UPDATE", LOCK__MAX);
static struct dbstmt q_group_clear = DBSTMT(
    "DELETE FROM item_listing WHERE group_id = ?");
/* The group's row for one visitor language: its published translation
 * in that language, else its published original. */
static struct dbstmt q_group_row = DBSTMT(
    "INSERT INTO item_listing (lang, group_id, item_id, section, "
    "category_id, news_kind, visibility, published_at, title, popularity) "
    "SELECT ?, i.group_id, i.id, " SECTION_OF("i") ", "
    "IFNULL(i.category_id, 0), i.news_kind, i.visibility, i.published_at, "
    "i.title, " POPULARITY_OF("i") " FROM items i WHERE i.group_id = ? AND i.status = 'published' "
    "AND (i.lang = ? OR i.id = i.group_id) ORDER BY i.lang = ? DESC, i.id "
    "LIMIT 1");
static struct dbstmt q_counts_clear = DBSTMT(
    "DELETE FROM listing_counts WHERE section = ? AND category_id = ?");
static struct dbstmt q_counts_fill = DBSTMT(
    "INSERT INTO listing_counts (lang, section, category_id, visibility, n) "
    "SELECT lang, section, category_id, visibility, COUNT(*) "
    "FROM item_listing WHERE lang = ? AND section = ? AND category_id = ? "
    "GROUP BY visibility");
/* FAQ rows' places among the public rows of their topic. */
static struct dbstmt q_pos_clear = DBSTMT(
    "UPDATE item_listing SET pos = 0 WHERE section = ? AND category_id = ?");
static struct dbstmt q_pos_fill = DBSTMT(
    "UPDATE item_listing l JOIN (SELECT lang, group_id, ROW_NUMBER() OVER "
    "(PARTITION BY lang ORDER BY title, item_id) AS rn FROM item_listing "
    "WHERE section = ? AND category_id = ? AND visibility = 'public') x "
    "ON x.lang = l.lang AND x.group_id = l.group_id SET l.pos = x.rn");
static struct dbstmt q_audience_clear = DBSTMT(
    "DELETE FROM category_audience WHERE category_id = ?");
/* Who may see the published items a WHERE clause that follows picks,
 * by category and by product: one statement for one, one for all. */
#define AUDIENCE_FILL \
    "INSERT INTO category_audience (category_id, section, visibility, " \
    "segment_id) SELECT DISTINCT i.category_id, " SECTION_OF("i") ", " \
    "i.visibility, IFNULL(s.segment_id, 0) FROM items i " \
    "LEFT JOIN item_segments s ON i.visibility = 'segments' " \
    "AND s.item_id = i.id "
#define PRODUCTS_FILL \
    "INSERT INTO product_audience (product, visibility, segment_id) " \
    "SELECT DISTINCT i.product, i.visibility, IFNULL(s.segment_id, 0) " \
    "FROM items i LEFT JOIN item_segments s ON i.visibility = 'segments' " \
    "AND s.item_id = i.id "
static struct dbstmt q_audience_fill = DBSTMT(
    AUDIENCE_FILL "WHERE i.category_id = ? AND i.status = 'published'");

#define MAX_KEYS	16
struct keys {
	size_t		 n;
	char		 section[MAX_KEYS][12];
	unsigned	 category[MAX_KEYS];
};

static void
keys_add(struct keys *k, const char *section, unsigned category)
{
	size_t	i;

	for (i = 0; i < k->n; i++)
		if (k->category[i] == category &&
		    !strcmp(k->section[i], section))
			return;
	if (k->n == MAX_KEYS)
		return;
	snprintf(k->section[k->n], sizeof(k->section[0]), "%s", section);
	k->category[k->n++] = category;
}

static int
keys_read(unsigned group, struct keys *k)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	size_t		 i;
	int		 e;

	a[0] = DBI(group);
	if ((e = db_query(&q_group_keys, &res, 1, a)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows; i++)
		keys_add(k, dbres_get(res, i, KEYS_SECTION),
		    (unsigned)strtoul(dbres_get(res, i, KEYS_CATEGORY_ID),
		    NULL, 10));
	dbres_free(res);
	return DB_OK;
}

/* The counts and audiences of the lists a group left or joined. */
static int
keys_refresh(const struct keys *k)
{
	struct dbarg	 a[2], b[3];
	size_t		 i, j, l;
	int		 e;

	for (i = 0; i < k->n; i++) {
		a[0] = DBS(k->section[i]);
		a[1] = DBI(k->category[i]);
		if ((e = db_exec(&q_counts_clear, NULL, NULL, 2, a)) != DB_OK)
			return e;
		for (l = 0; content_langs[l] != NULL; l++) {
			b[0] = DBS(content_langs[l]);
			b[1] = a[0];
			b[2] = a[1];
			if ((e = db_exec(&q_counts_fill, NULL, NULL, 3, b)) !=
			    DB_OK)
				return e;
		}
		if (!strcmp(k->section[i], "faq") &&
		    ((e = db_exec(&q_pos_clear, NULL, NULL, 2, a)) != DB_OK ||
		    (e = db_exec(&q_pos_fill, NULL, NULL, 2, a)) != DB_OK))
			return e;
		if (k->category[i] == 0)
			continue;
		for (j = 0; j < i; j++)
			if (k->category[j] == k->category[i])
				break;
		if (j < i)
			continue;	/* this category's audience is done */
		a[0] = DBI(k->category[i]);
		if ((e = db_exec(&q_audience_clear, NULL, NULL, 1, a)) !=
		    DB_OK || (e = db_exec(&q_audience_fill, NULL, NULL, 1, a)) !=
		    DB_OK)
			return e;
	}
	return DB_OK;
}

static int
group_tx(void *arg)
{
	unsigned	 group = *(unsigned *)arg;
	struct keys	 k = { 0 };
	struct dbarg	 a[4];
	struct dbres	*res;
	size_t		 l;
	int		 e;

	a[0] = DBI(group);
	if ((e = db_query(&q_group_lock, &res, 1, a)) != DB_OK)
		return e;
	dbres_free(res);
	if ((e = keys_read(group, &k)) != DB_OK)
		return e;
	if ((e = db_exec(&q_group_clear, NULL, NULL, 1, a)) != DB_OK)
		return e;
	for (l = 0; content_langs[l] != NULL; l++) {
		a[0] = DBS(content_langs[l]);
		a[1] = DBI(group);
		a[2] = DBS(content_langs[l]);
		a[3] = DBS(content_langs[l]);
		if ((e = db_exec(&q_group_row, NULL, NULL, 4, a)) != DB_OK)
			return e;
	}
	if ((e = keys_read(group, &k)) != DB_OK)
		return e;
	return keys_refresh(&k);
}

/* ---- related articles ------------------------------------------------------ */

enum { SUBJECT_LANG, SUBJECT_CATEGORY_ID, SUBJECT_TAGS, SUBJECT_KIND,
    SUBJECT__MAX };
static struct dbstmt q_subject = DBSTMT_COLS(
    "SELECT lang, IFNULL(category_id, 0), tags, kind FROM items "
    "WHERE id = ? AND status = 'published'", SUBJECT__MAX);
static struct dbstmt q_related_clear = DBSTMT(
    "DELETE FROM item_related WHERE item_id = ?");
/* Candidates of the item's language: the newest thirty sharing each of
 * its first three tags (worth 2 each) and the newest thirty of each kind
 * in its category (worth 1), each read in index order, so a tag on
 * thousands of articles costs no more than one on ten; the ten with most
 * weight are kept. */
#define BY_TAG \
    "(SELECT t.item_id AS id, 2 AS w FROM item_tags t JOIN items c ON " \
    "c.id = t.item_id WHERE t.tag = ? AND t.item_id <> ? AND c.lang = ? " \
    "AND c.status = 'published' AND c.kind IN ('article', 'video') " \
    "ORDER BY t.item_id DESC LIMIT 30)"
#define BY_CATEGORY(kind) \
    "(SELECT c.id, 1 FROM items c WHERE c.category_id = ? AND " \
    "c.status = 'published' AND c.kind = '" kind "' AND c.id <> ? " \
    "AND c.lang = ? ORDER BY c.id DESC LIMIT 30)"
static struct dbstmt q_related_fill = DBSTMT(
    "INSERT INTO item_related (item_id, position, related_id) "
    "SELECT ?, ROW_NUMBER() OVER (ORDER BY y.w DESC, y.updated_at DESC, "
    "y.id DESC), y.id FROM (SELECT i.id, i.updated_at, SUM(x.w) AS w FROM ("
    BY_TAG " UNION ALL " BY_TAG " UNION ALL " BY_TAG " UNION ALL "
    BY_CATEGORY("article") " UNION ALL " BY_CATEGORY("video") ") x "
    "JOIN items i ON i.id = x.id GROUP BY i.id "
    "ORDER BY w DESC, i.updated_at DESC, i.id DESC LIMIT 10) y");
enum { NAMED_ID, NAMED__MAX };
static struct dbstmt q_related_of = DBSTMT_COLS(
    "SELECT related_id FROM item_related WHERE item_id = ? "
    "ORDER BY position", NAMED__MAX);

static int
related_tx(void *arg)
{
	unsigned	 id = *(unsigned *)arg;
	struct dbres	*res;
	struct dbarg	 a[16];
	const char	*p, *lang;
	char		 tag[3][101];
	unsigned	 cat;
	size_t		 i, n;
	int		 e;

	a[0] = DBI(id);
	if ((e = db_exec(&q_related_clear, NULL, NULL, 1, a)) != DB_OK ||
	    (e = db_query(&q_subject, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows != 1 || (strcmp(dbres_get(res, 0, SUBJECT_KIND),
	    "article") && strcmp(dbres_get(res, 0, SUBJECT_KIND), "video"))) {
		dbres_free(res);
		return DB_OK;	/* only published articles have related ones */
	}
	lang = dbres_get(res, 0, SUBJECT_LANG);
	cat = (unsigned)strtoul(dbres_get(res, 0, SUBJECT_CATEGORY_ID),
	    NULL, 10);
	p = dbres_get(res, 0, SUBJECT_TAGS);
	for (i = 0; i < 3; i++)
		if (!content_tag_next(&p, tag[i]))
			tag[i][0] = '\0';
	n = 0;
	a[n++] = DBI(id);
	for (i = 0; i < 3; i++) {
		a[n++] = DBS(tag[i]);
		a[n++] = DBI(id);
		a[n++] = DBS(lang);
	}
	for (i = 0; i < 2; i++) {
		a[n++] = DBI(cat);
		a[n++] = DBI(id);
		a[n++] = DBS(lang);
	}
	e = db_exec(&q_related_fill, NULL, NULL, n, a);
	dbres_free(res);
	return e;
}

/* Recompute the related articles of id (a transaction of its own). */
static int
related_refresh(unsigned id)
{
	return db_tx(related_tx, &id);
}

/* ---- one product ------------------------------------------------------------- */

static struct dbstmt q_product_clear = DBSTMT(
    "DELETE FROM product_audience WHERE product = ?");
static struct dbstmt q_product_fill = DBSTMT(
    PRODUCTS_FILL "WHERE i.product = ? AND i.status = 'published'");
enum { PRODUCT_PRODUCT, PRODUCT__MAX };
static struct dbstmt q_product_of = DBSTMT_COLS(
    "SELECT product FROM items WHERE id = ?", PRODUCT__MAX);

static int
product_tx(void *arg)
{
	struct dbarg	a[1];
	int		e;

	a[0] = DBS((const char *)arg);
	if ((e = db_exec(&q_product_clear, NULL, NULL, 1, a)) != DB_OK)
		return e;
	return db_exec(&q_product_fill, NULL, NULL, 1, a);
}

/*
 * The product item id names now (before a save changes it), into buf;
 * "" for a new item or one that names none.
 */
int
derived_product_of(unsigned id, char *buf, size_t sz)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	int		 e;

	*buf = '\0';
	if (id == 0)
		return DB_OK;
	a[0] = DBI(id);
	if ((e = db_query(&q_product_of, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 1)
		snprintf(buf, sz, "%s", dbres_get(res, 0, PRODUCT_PRODUCT));
	dbres_free(res);
	return DB_OK;
}

/* ---- after a save ----------------------------------------------------------- */

enum { GROUPS_GROUP_ID, GROUPS__MAX };
static struct dbstmt q_groups_of = DBSTMT_COLS(
    "SELECT group_id FROM items WHERE id = ? UNION "
    "SELECT group_id FROM item_listing WHERE item_id = ?", GROUPS__MAX);

/*
 * Item id was saved (its transaction committed): refresh the lists of
 * its translation group (and of the group it left, if any), their counts
 * and category audiences, the audience of its product and of the one it
 * named before (old_product, from derived_product_of(); NULL or "" for
 * none), its related articles and those of the articles it now names
 * (likely to name it in turn).
 */
int
derived_item_changed(unsigned id, const char *old_product)
{
	char		 now[128];
	struct dbres	*res;
	struct dbarg	 a[2];
	unsigned	 g, named[10];
	size_t		 i, n;
	int		 e;

	a[0] = DBI(id);
	a[1] = DBI(id);
	if ((e = db_query(&q_groups_of, &res, 2, a)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows && e == DB_OK; i++) {
		g = (unsigned)strtoul(dbres_get(res, i, GROUPS_GROUP_ID), NULL,
		    10);
		e = db_tx(group_tx, &g);
	}
	dbres_free(res);
	if (e != DB_OK || (e = derived_product_of(id, now, sizeof(now))) !=
	    DB_OK)
		return e;
	if (*now != '\0' && (e = db_tx(product_tx, now)) != DB_OK)
		return e;
	if (old_product != NULL && *old_product != '\0' &&
	    strcmp(old_product, now) &&
	    (e = db_tx(product_tx, (void *)old_product)) != DB_OK)
		return e;
	if ((e = related_refresh(id)) != DB_OK)
		return e;
	if ((e = db_query(&q_related_of, &res, 1, a)) != DB_OK)
		return e;
	for (n = 0; n < res->nrows && n < 10; n++)
		named[n] = (unsigned)strtoul(dbres_get(res, n, NAMED_ID), NULL,
		    10);
	dbres_free(res);
	for (i = 0; i < n && e == DB_OK; i++)
		e = related_refresh(named[i]);
	/* Pages built before this saw the old lists: a new generation. */
	return e == DB_OK ? content_generation_bump() : e;
}

/* ---- popular articles -------------------------------------------------------- */

/*
 * A translation group's score over the last POPULAR_DAYS days: a point
 * per view of any of its items and ten per "helpful" vote, less ten per
 * "not helpful" one.  (A search result opened is a view of its article
 * already: search_log's clicks would count it twice.)
 */
#define POPULAR_DAYS	"30"
static struct dbstmt q_popular_clear = DBSTMT("DELETE FROM item_popularity");
static struct dbstmt q_popular_fill = DBSTMT(
    "INSERT INTO item_popularity (group_id, score) "
    "SELECT i.group_id, SUM(x.w) FROM ("
    "SELECT item_id, CAST(SUM(views) AS SIGNED) AS w FROM item_views "
    "WHERE day >= UTC_DATE() - INTERVAL " POPULAR_DAYS " DAY "
    "GROUP BY item_id UNION ALL "
    "SELECT item_id, CAST(SUM(IF(helpful, 10, -10)) AS SIGNED) "
    "FROM item_feedback WHERE created_at >= "
    "NOW() - INTERVAL " POPULAR_DAYS " DAY GROUP BY item_id) x "
    "JOIN items i ON i.id = x.item_id WHERE i.status = 'published' "
    "GROUP BY i.group_id HAVING SUM(x.w) > 0");
/* The list rows whose score moved take the new one. */
static struct dbstmt q_popular_listing = DBSTMT(
    "UPDATE item_listing l LEFT JOIN item_popularity p "
    "ON p.group_id = l.group_id SET l.popularity = IFNULL(p.score, 0) "
    "WHERE l.popularity <> IFNULL(p.score, 0)");

/* One transaction: two hosts at once leave the scores of one of them. */
static int
popular_tx(void *arg)
{
	uint64_t	*moved = arg;
	int		 e;

	*moved = 0;
	if ((e = db_exec(&q_popular_clear, NULL, NULL, 0, NULL)) != DB_OK ||
	    (e = db_exec(&q_popular_fill, NULL, NULL, 0, NULL)) != DB_OK)
		return e;
	return db_exec(&q_popular_listing, moved, NULL, 0, NULL);
}

/*
 * Score every translation group again and give the list rows their
 * group's score (portico-admin popular, hourly; reindex).  *moved counts
 * the list rows whose score changed; when any did, the content
 * generation moves, so kept home pages are built again.
 */
int
derived_popular(size_t *moved)
{
	uint64_t	n = 0;
	int		e;

	if ((e = db_tx(popular_tx, &n)) != DB_OK)
		return e;
	*moved = (size_t)n;
	return n > 0 ? content_generation_bump() : DB_OK;
}

/* ---- everything ----------------------------------------------------------------- */

static struct dbstmt q_all_clear = DBSTMT("DELETE FROM item_listing");
/* As q_group_row for every group at once (a language's translation
 * first, as there; a second one in the same language is left out). */
static struct dbstmt q_all_rows = DBSTMT(
    "INSERT INTO item_listing (lang, group_id, item_id, section, "
    "category_id, news_kind, visibility, published_at, title, popularity) "
    "SELECT ?, i.group_id, i.id, " SECTION_OF("i") ", "
    "IFNULL(i.category_id, 0), i.news_kind, i.visibility, i.published_at, "
    "i.title, " POPULARITY_OF("i") " FROM items i WHERE i.status = 'published' AND (i.lang = ? "
    "OR (i.id = i.group_id AND NOT EXISTS (SELECT 1 FROM items t "
    "WHERE t.group_id = i.group_id AND t.lang = ? "
    "AND t.status = 'published'))) ON DUPLICATE KEY UPDATE item_id = item_listing.item_id");
static struct dbstmt q_all_counts_clear = DBSTMT("DELETE FROM listing_counts");
static struct dbstmt q_all_counts = DBSTMT(
    "INSERT INTO listing_counts (lang, section, category_id, visibility, n) "
    "SELECT lang, section, category_id, visibility, COUNT(*) "
    "FROM item_listing GROUP BY lang, section, category_id, visibility");
static struct dbstmt q_all_pos = DBSTMT(
    "UPDATE item_listing l JOIN (SELECT lang, group_id, ROW_NUMBER() OVER "
    "(PARTITION BY lang, category_id ORDER BY title, item_id) AS rn "
    "FROM item_listing WHERE section = 'faq' AND visibility = 'public') x "
    "ON x.lang = l.lang AND x.group_id = l.group_id SET l.pos = x.rn");
static struct dbstmt q_all_audience_clear = DBSTMT(
    "DELETE FROM category_audience");
static struct dbstmt q_all_audience = DBSTMT(
    AUDIENCE_FILL "WHERE i.category_id IS NOT NULL "
    "AND i.status = 'published'");
static struct dbstmt q_all_products_clear = DBSTMT(
    "DELETE FROM product_audience");
static struct dbstmt q_all_products = DBSTMT(
    PRODUCTS_FILL "WHERE i.product <> '' AND i.status = 'published'");
static struct dbstmt q_all_related_clear = DBSTMT("DELETE FROM item_related");
enum { ARTICLES_ID, ARTICLES__MAX };
static struct dbstmt q_articles = DBSTMT_COLS(
    "SELECT id FROM items WHERE id > ? AND status = 'published' "
    "AND kind IN ('article', 'video') ORDER BY id LIMIT 1000", ARTICLES__MAX);

static int
lists_tx(void *unused)
{
	struct dbarg	 a[4];
	size_t		 l;
	int		 e;

	(void)unused;
	if ((e = db_exec(&q_all_clear, NULL, NULL, 0, NULL)) != DB_OK)
		return e;
	for (l = 0; content_langs[l] != NULL; l++) {
		a[0] = a[1] = a[2] = DBS(content_langs[l]);
		if ((e = db_exec(&q_all_rows, NULL, NULL, 3, a)) != DB_OK)
			return e;
	}
	if ((e = db_exec(&q_all_counts_clear, NULL, NULL, 0, NULL)) != DB_OK ||
	    (e = db_exec(&q_all_counts, NULL, NULL, 0, NULL)) != DB_OK ||
	    (e = db_exec(&q_all_pos, NULL, NULL, 0, NULL)) != DB_OK ||
	    (e = db_exec(&q_all_audience_clear, NULL, NULL, 0, NULL)) !=
	    DB_OK ||
	    (e = db_exec(&q_all_audience, NULL, NULL, 0, NULL)) != DB_OK ||
	    (e = db_exec(&q_all_products_clear, NULL, NULL, 0, NULL)) != DB_OK)
		return e;
	return db_exec(&q_all_products, NULL, NULL, 0, NULL);
}

/* Fresh statistics after a rebuild (the plans of a bulk load's tables
 * are made from them); ANALYZE answers a row per table. */
enum { ANALYZE_TABLE, ANALYZE_OP, ANALYZE_TYPE, ANALYZE_TEXT, ANALYZE__MAX };
static struct dbstmt q_analyze = DBSTMT_COLS(
    "ANALYZE TABLE items, item_listing, listing_counts, category_audience, "
    "product_audience, item_related, item_popularity", ANALYZE__MAX);

static int
analyze(void)
{
	struct dbres	*res;
	int		 e;

	if ((e = db_query(&q_analyze, &res, 0, NULL)) != DB_OK)
		return e;
	dbres_free(res);
	return DB_OK;
}

/* Rebuild all derived data from the items; *n counts related lists. */
int
derived_rebuild(size_t *n)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	uint64_t	 moved;
	unsigned	 after = 0, id;
	size_t		 i, got;
	int		 e;

	*n = 0;
	/* The scores first: the lists copy them. */
	if ((e = db_tx(popular_tx, &moved)) != DB_OK ||
	    (e = db_tx(lists_tx, NULL)) != DB_OK ||
	    (e = db_exec(&q_all_related_clear, NULL, NULL, 0, NULL)) != DB_OK)
		return e;
	do {
		a[0] = DBI(after);
		if ((e = db_query(&q_articles, &res, 1, a)) != DB_OK)
			return e;
		got = res->nrows;
		for (i = 0; i < got && e == DB_OK; i++) {
			id = (unsigned)strtoul(dbres_get(res, i, ARTICLES_ID),
			    NULL, 10);
			after = id;
			if ((e = related_tx(&id)) == DB_OK)
				(*n)++;
		}
		dbres_free(res);
	} while (e == DB_OK && got == 1000);
	if (e != DB_OK || (e = analyze()) != DB_OK)
		return e;
	/* Every worker's category tree and every kept page are stale. */
	return content_generation_bump();
}
