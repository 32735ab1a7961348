/*
 * Lists of published items as a visitor may see them, one per
 * translation group: the visitor's language when the group has it, the
 * original otherwise.  The knowledge base, FAQ, news, downloads and the
 * home page all list through here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

/*
 * The lists read item_listing (derived.c), which names, for each
 * translation group and visitor language, the item shown.  Each shape
 * of list has two statements: one for visitors who are not signed in,
 * which asks for public rows only and so reads exactly the rows it
 * shows through an index led by (language, section, visibility), and
 * one for everyone else, through ACCESS_SQL.  An ORDER BY that picked
 * its column at run time could use no index: each order is its own
 * statement too.
 */
enum { L_ID, L_KIND, L_SLUG, L_LANG, L_TITLE, L_SUMMARY, L_UPDATED,
    L_CATEGORY_ID, L_NEWS_KIND, L_SEVERITY, L_PRODUCT, L_PUBLISHED,
    L_FILE_VERSION, L_FILE_SIZE, L_FILE_TYPE, L_BODY, L__MAX };
/* STRAIGHT_JOIN: item_listing leads, through the index of the list's
 * order, whatever the statistics say (a bulk load leaves them stale, and
 * a plan led by items read every row of it). */
#define LIST_SELECT_COLS \
	"SELECT STRAIGHT_JOIN i.id, i.kind, i.slug, i.lang, i.title, i.summary, " \
	"DATE_FORMAT(i.updated_at, '%Y-%m-%dT%H:%i:%sZ'), " \
	"IFNULL(i.category_id, 0), i.news_kind, i.severity, i.product, " \
	"IFNULL(DATE_FORMAT(i.published_at, '%Y-%m-%dT%H:%i:%sZ'), ''), " \
	"i.file_version, IFNULL(f.size, 0), IFNULL(f.content_type, ''), " \
	"IF(? <> 0, i.body, '')"
/* Each shape names the index of its order: with the statistics of a
 * small or freshly loaded table the optimizer sometimes read a whole
 * section and sorted it instead (402 rows for fifty downloads). */
#define LIST_FROM(idx) \
	" FROM item_listing l " idx \
	"JOIN items i ON i.id = l.item_id LEFT JOIN files f ON f.id = i.file_id " \
	"WHERE l.lang = ? AND l.section = ? "
#define LIST_SELECT_IDX(idx)	LIST_SELECT_COLS LIST_FROM(idx)
#define LIST_SELECT	LIST_SELECT_IDX("")
#define USE(idx)	LIST_SELECT_IDX("FORCE INDEX (" idx ") ")
#define PUBLIC_ONLY	"AND l.visibility = 'public' "
#define ANY_ACCESS	"AND " ACCESS_SQL("l.visibility", "l.item_id") " "
#define NEWEST		"ORDER BY l.published_at DESC, l.item_id DESC LIMIT ? OFFSET ?"
#define BY_TITLE	"ORDER BY l.title, l.item_id LIMIT ? OFFSET ?"
#define IN_CATEGORY	"AND l.category_id = ? "
#define OF_NEWS_KIND	"AND l.news_kind = ? "

/* The shapes: newest first, of one news kind, by title in a category,
 * by title in the whole section. */
enum { SHAPE_NEWEST, SHAPE_NEWS_KIND, SHAPE_CATEGORY, SHAPE_TITLE,
    SHAPE__MAX };
static struct dbstmt q_list[SHAPE__MAX][2] = {
	[SHAPE_NEWEST] = {
	    DBSTMT_COLS(USE("listing_new_public") PUBLIC_ONLY NEWEST, L__MAX),
	    DBSTMT_COLS(USE("listing_new") ANY_ACCESS NEWEST, L__MAX) },
	[SHAPE_NEWS_KIND] = {
	    DBSTMT_COLS(USE("listing_new_kind") OF_NEWS_KIND PUBLIC_ONLY
	    NEWEST, L__MAX),
	    DBSTMT_COLS(LIST_SELECT OF_NEWS_KIND ANY_ACCESS NEWEST, L__MAX) },
	[SHAPE_CATEGORY] = {
	    DBSTMT_COLS(USE("listing_cat_public") IN_CATEGORY PUBLIC_ONLY
	    BY_TITLE, L__MAX),
	    DBSTMT_COLS(USE("listing_cat") IN_CATEGORY ANY_ACCESS BY_TITLE,
	    L__MAX) },
	[SHAPE_TITLE] = {
	    DBSTMT_COLS(USE("listing_title_public") PUBLIC_ONLY BY_TITLE,
	    L__MAX),
	    DBSTMT_COLS(USE("listing_title") ANY_ACCESS BY_TITLE, L__MAX) },
};

/*
 * A list's length from listing_counts, without counting its rows: the
 * public rows, the signed-in ones for a signed-in visitor, all for
 * staff, and the limited rows a signed-in visitor may see counted one
 * by one (few, and only for them).
 */
enum { COUNT_N, COUNT__MAX };
#define COUNT_PUBLIC(where) \
	"SELECT IFNULL(SUM(c.n), 0) FROM listing_counts c WHERE c.lang = ? " \
	"AND c.section = ? " where "AND c.visibility = 'public'"
#define COUNT_ANY(cwhere, lwhere) \
	"SELECT (SELECT IFNULL(SUM(c.n), 0) FROM listing_counts c " \
	"WHERE c.lang = ? AND c.section = ? " cwhere "AND (? <> 0 " \
	"OR c.visibility = 'public' OR (c.visibility = 'signed-in' AND ? <> 0)))" \
	" + (SELECT COUNT(*) FROM item_listing l WHERE l.lang = ? " \
	"AND l.section = ? " lwhere "AND l.visibility = 'segments' AND ? = 0 " \
	ANY_ACCESS ")"
static struct dbstmt q_count[2][2] = {
	{ DBSTMT_COLS(COUNT_PUBLIC("AND c.category_id = ? "), COUNT__MAX),
	  DBSTMT_COLS(COUNT_ANY("AND c.category_id = ? ",
	    "AND l.category_id = ? "), COUNT__MAX) },
	{ DBSTMT_COLS(COUNT_PUBLIC(""), COUNT__MAX),
	  DBSTMT_COLS(COUNT_ANY("", ""), COUNT__MAX) },
};

static int
list_shape(const struct list_opts *o)
{
	if (o->by_title)
		return o->category_id != 0 ? SHAPE_CATEGORY : SHAPE_TITLE;
	if (o->category_id != 0)
		log_fatalx("item_list: no newest-first list of a category");
	return o->news_kind != NULL ? SHAPE_NEWS_KIND : SHAPE_NEWEST;
}

/* The length of the list o selects, into *total. */
static int
list_count(struct req *r, const struct list_opts *o, size_t *total)
{
	struct dbres	*res;
	struct dbarg	 a[16], acc[4];
	bool		 anon = r->user == NULL;
	size_t		 n = 0;
	int		 e;

	a[n++] = DBS(r->cat->code);
	a[n++] = DBS(o->kind);
	if (o->category_id != 0)
		a[n++] = DBI(o->category_id);
	if (!anon) {
		content_access_args(r, acc);
		a[n++] = acc[0];		/* staff: every visibility */
		a[n++] = acc[1];		/* signed in */
		a[n++] = DBS(r->cat->code);
		a[n++] = DBS(o->kind);
		if (o->category_id != 0)
			a[n++] = DBI(o->category_id);
		a[n++] = acc[0];
		content_access_args(r, a + n);
		n += 4;
	}
	if ((e = db_query(&q_count[o->category_id == 0][!anon], &res, n,
	    a)) != DB_OK)
		return e;
	*total = res->nrows ?
	    strtoul(dbres_get(res, 0, COUNT_N), NULL, 10) : 0;
	dbres_free(res);
	return DB_OK;
}

/* The page of a list the query asks for (?page=N, 1 when absent); the
 * route table has checked it is a number. */
size_t
list_page(struct req *r)
{
	const char	*p = kv_get(&r->query, "page");
	unsigned long	 n = p ? strtoul(p, NULL, 10) : 1;

	return n < 1 ? 1 : n > 10000 ? 10000 : n;
}

/* <pages current=N last=M> under parent, for a list of total items,
 * per a page; 404 when the page asked for is past the last. */
int
list_pages_xml(xmlNodePtr parent, size_t page, size_t per, size_t total)
{
	xmlNodePtr	n;

	if (total > 0 && (page - 1) * per >= total)
		return 404;
	n = xml_elem(parent, "pages");
	xml_attrf(n, "current", "%zu", page);
	xml_attrf(n, "last", "%zu", total ? (total + per - 1) / per : 1);
	return 200;
}

/* Row i of a list statement's result as <item> under list. */
static void
row_xml(struct req *r, xmlNodePtr list, const struct dbres *res, size_t i,
    bool bodies)
{
	xmlNodePtr	n;

	n = xml_elem(list, "item");
	xml_attr(n, "id", dbres_get(res, i, L_ID));
	xml_attr(n, "kind", dbres_get(res, i, L_KIND));
	xml_attr(n, "slug", dbres_get(res, i, L_SLUG));
	xml_attr(n, "lang", dbres_get(res, i, L_LANG));
	xml_attr(n, "url", content_url(r->arena,
	    dbres_get(res, i, L_KIND), dbres_get(res, i, L_SLUG)));
	xml_attr(n, "updated", dbres_get(res, i, L_UPDATED));
	xml_attr(n, "published", dbres_get(res, i, L_PUBLISHED));
	if (strcmp(dbres_get(res, i, L_LANG), r->cat->code))
		xml_attr(n, "fallback", "yes");
	if (*dbres_get(res, i, L_NEWS_KIND))
		xml_attr(n, "news-kind",
		    dbres_get(res, i, L_NEWS_KIND));
	if (*dbres_get(res, i, L_SEVERITY))
		xml_attr(n, "severity", dbres_get(res, i, L_SEVERITY));
	if (*dbres_get(res, i, L_PRODUCT))
		xml_attr(n, "product", dbres_get(res, i, L_PRODUCT));
	if (*dbres_get(res, i, L_FILE_VERSION))
		xml_attr(n, "version",
		    dbres_get(res, i, L_FILE_VERSION));
	if (strcmp(dbres_get(res, i, L_FILE_SIZE), "0")) {
		xml_attr(n, "size", dbres_get(res, i, L_FILE_SIZE));
		xml_attr(n, "type", dbres_get(res, i, L_FILE_TYPE));
	}
	xml_text(n, "title", dbres_get(res, i, L_TITLE));
	xml_text(n, "summary", dbres_get(res, i, L_SUMMARY));
	if (bodies)
		markdown_to_xml(xml_elem(n, "body"),
		    dbres_get(res, i, L_BODY));
}

/*
 * Append <items total=N> to parent with the items o selects (o->kind is
 * a section: kb, faq, download or news).  With total, the list's length
 * is given (for pagination).  Returns a DB_* code.
 */
int
item_list(struct req *r, xmlNodePtr parent, const struct list_opts *o,
    size_t *total)
{
	struct dbres	*res;
	struct dbarg	 a[20];
	xmlNodePtr	 list;
	bool		 anon = r->user == NULL;
	int		 shape = list_shape(o), e;
	size_t		 i, na = 0;

	list = xml_elem(parent, "items");
	if (o->name != NULL)
		xml_attr(list, "name", o->name);
	if (total != NULL) {
		if ((e = list_count(r, o, total)) != DB_OK)
			return e;
		xml_attrf(list, "total", "%zu", *total);
	}
	a[na++] = DBI(o->bodies);
	a[na++] = DBS(r->cat->code);
	a[na++] = DBS(o->kind);
	if (shape == SHAPE_NEWS_KIND)
		a[na++] = DBS(o->news_kind);
	if (shape == SHAPE_CATEGORY)
		a[na++] = DBI(o->category_id);
	if (!anon) {
		content_access_args(r, a + na);
		na += 4;
	}
	a[na++] = DBI(o->limit);
	a[na++] = DBI(o->offset);
	if ((e = db_query(&q_list[shape][!anon], &res, na, a)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows; i++)
		row_xml(r, list, res, i, o->bodies);
	dbres_free(res);
	return DB_OK;
}

/*
 * The first few items of a section in each category, by title (the
 * FAQ's topics): visitors who are not signed in read the rows numbered
 * when the list changed (item_listing.pos, public rows only, derived.c;
 * the index of those numbers is named, since the optimizer, seeing the
 * section's rows all of one language, may choose to read them all) and
 * the counts kept beside them; everyone else, a window over the rows
 * they may see.  Each category's items go into <items name=...
 * category=ID total=N> under parent.
 */
enum { F_CATEGORY = L__MAX, F_TOTAL, F__MAX };
#define FIRSTS_PUBLIC \
	LIST_SELECT_COLS ", l.category_id, c.n FROM item_listing l " \
	"FORCE INDEX (listing_pos) " \
	"JOIN items i ON i.id = l.item_id LEFT JOIN files f ON f.id = i.file_id " \
	"JOIN listing_counts c ON c.lang = l.lang AND c.section = l.section " \
	"AND c.category_id = l.category_id AND c.visibility = 'public' " \
	"WHERE l.lang = ? AND l.section = ? AND l.pos BETWEEN 1 AND ? " \
	"AND l.category_id <> 0 ORDER BY l.category_id, l.pos"
#define FIRSTS_ANY \
	LIST_SELECT_COLS ", l.category_id, l.total FROM (SELECT w.*, " \
	"ROW_NUMBER() OVER (PARTITION BY w.category_id ORDER BY w.title, " \
	"w.item_id) AS rn, COUNT(*) OVER (PARTITION BY w.category_id) AS total " \
	"FROM item_listing w WHERE w.lang = ? AND w.section = ? " \
	"AND w.category_id <> 0 AND " ACCESS_SQL("w.visibility", "w.item_id") \
	") l JOIN items i ON i.id = l.item_id " \
	"LEFT JOIN files f ON f.id = i.file_id WHERE l.rn <= ? " \
	"ORDER BY l.category_id, l.rn"
static struct dbstmt q_firsts[2] = {
	DBSTMT_COLS(FIRSTS_PUBLIC, F__MAX),
	DBSTMT_COLS(FIRSTS_ANY, F__MAX),
};

int
item_list_firsts(struct req *r, xmlNodePtr parent, const struct list_opts *o)
{
	struct dbres	*res;
	struct dbarg	 a[10];
	xmlNodePtr	 list = NULL;
	const char	*cat, *prev = "";
	bool		 anon = r->user == NULL;
	size_t		 i, na = 0;
	int		 e;

	a[na++] = DBI(o->bodies);
	a[na++] = DBS(r->cat->code);
	a[na++] = DBS(o->kind);
	if (!anon) {
		content_access_args(r, a + na);
		na += 4;
	}
	a[na++] = DBI(o->limit);
	if ((e = db_query(&q_firsts[!anon], &res, na, a)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows; i++) {
		cat = dbres_get(res, i, F_CATEGORY);
		if (strcmp(cat, prev)) {
			list = xml_elem(parent, "items");
			if (o->name != NULL)
				xml_attr(list, "name", o->name);
			xml_attr(list, "category", cat);
			xml_attr(list, "total", dbres_get(res, i, F_TOTAL));
			prev = cat;
		}
		row_xml(r, list, res, i, o->bodies);
	}
	dbres_free(res);
	return DB_OK;
}

/*
 * The home page's two lists of a section, in one statement: its newest
 * items and its most popular ones (item_listing.popularity, the score
 * derived.c gives each translation group from its views and votes; rows
 * of no score are not popular).  Each half reads the index of its own
 * order and stops at its limit, public rows only for visitors who are
 * not signed in, through ACCESS_SQL for everyone else, like item_list().
 * C orders the few rows (home_before()): an ORDER BY over the union
 * would copy them, summaries and all, into a temporary table on disk.
 */
enum { H_LIST = L__MAX, H_KEY, H__MAX };
#define HOME_HALF(list, key, idx, access, order) \
	"(" LIST_SELECT_COLS ", " list " AS half, " key " AS sort_key" \
	LIST_FROM("FORCE INDEX (" idx ") ") access order ")"
#define NEWEST_HALF(idx, access) HOME_HALF("0", \
	SQL_EPOCH("l.published_at"), idx, access, \
	"ORDER BY l.published_at DESC, l.item_id DESC LIMIT ?")
#define POPULAR_HALF(idx, access) HOME_HALF("1", "l.popularity", idx, \
	access, "AND l.popularity > 0 " \
	"ORDER BY l.popularity DESC, l.item_id DESC LIMIT ?")
static struct dbstmt q_home[2] = {
	DBSTMT_COLS(NEWEST_HALF("listing_new_public", PUBLIC_ONLY)
	    " UNION ALL " POPULAR_HALF("listing_popular_public", PUBLIC_ONLY),
	    H__MAX),
	DBSTMT_COLS(NEWEST_HALF("listing_new", ANY_ACCESS)
	    " UNION ALL " POPULAR_HALF("listing_popular", ANY_ACCESS),
	    H__MAX),
};

/* Does row a come before row b: by half, then sort key and id, both
 * newest or highest first. */
static bool
home_before(const struct dbres *res, size_t a, size_t b)
{
	static const size_t	 col[] = { H_LIST, H_KEY, L_ID };
	long long		 x, y;
	size_t			 i;

	for (i = 0; i < sizeof(col) / sizeof(col[0]); i++) {
		x = strtoll(dbres_get(res, a, col[i]), NULL, 10);
		y = strtoll(dbres_get(res, b, col[i]), NULL, 10);
		if (x != y)
			return i == 0 ? x < y : x > y;
	}
	return false;
}

/* One half's arguments at a (the visitor's access for a signed-in one);
 * returns how many. */
static size_t
home_args(struct req *r, const char *kind, size_t limit, struct dbarg *a)
{
	size_t	n = 0;

	a[n++] = DBI(0);		/* no bodies */
	a[n++] = DBS(r->cat->code);
	a[n++] = DBS(kind);
	if (r->user != NULL) {
		content_access_args(r, a + n);
		n += 4;
	}
	a[n++] = DBI(limit);
	return n;
}

/*
 * Append <items name="newest"> and <items name="popular"> to parent:
 * the first limit items of section kind each way.  Returns a DB_* code.
 */
int
item_list_home(struct req *r, xmlNodePtr parent, const char *kind,
    size_t limit)
{
	struct dbres	*res;
	struct dbarg	 a[2 * 8];		/* each half: 8 at most */
	xmlNodePtr	 list[2];
	size_t		*order, i, j, na;
	int		 e;

	na = home_args(r, kind, limit, a);
	na += home_args(r, kind, limit, a + na);
	if ((e = db_query(&q_home[r->user != NULL], &res, na, a)) != DB_OK)
		return e;
	list[0] = xml_elem(parent, "items");
	xml_attr(list[0], "name", "newest");
	list[1] = xml_elem(parent, "items");
	xml_attr(list[1], "name", "popular");
	/* Insertion sort: 2 * limit rows. */
	order = arena_alloc(r->arena, (res->nrows + 1) * sizeof(*order));
	for (i = 0; i < res->nrows; i++) {
		for (j = i; j > 0 && home_before(res, i, order[j - 1]); j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	for (i = 0; i < res->nrows; i++)
		row_xml(r, list[strcmp(dbres_get(res, order[i], H_LIST),
		    "0") != 0], res, order[i], false);
	dbres_free(res);
	return DB_OK;
}
