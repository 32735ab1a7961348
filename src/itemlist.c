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

#define LIST_WHERE \
	"i.status = 'published' " \
	"AND (? = '' OR i.kind = ? OR (? = 'kb' AND i.kind IN ('article', " \
	"'video'))) AND (? = 0 OR i.category_id = ?) " \
	"AND (? = '' OR i.news_kind = ?) " \
	"AND (i.lang = ? OR (i.id = i.group_id AND NOT EXISTS (SELECT 1 " \
	"FROM items t WHERE t.group_id = i.group_id AND t.lang = ? " \
	"AND t.status = 'published'))) AND " \
	ACCESS_SQL("i.visibility", "i.id")

enum { L_ID, L_KIND, L_SLUG, L_LANG, L_TITLE, L_SUMMARY, L_UPDATED,
    L_CATEGORY_ID, L_NEWS_KIND, L_SEVERITY, L_PRODUCT, L_PUBLISHED,
    L_FILE_VERSION, L_FILE_SIZE, L_FILE_TYPE, L_BODY, L__MAX };
#define LIST_SELECT \
	"SELECT i.id, i.kind, i.slug, i.lang, i.title, i.summary, " \
	"DATE_FORMAT(i.updated_at, '%Y-%m-%dT%H:%i:%sZ'), " \
	"IFNULL(i.category_id, 0), i.news_kind, i.severity, i.product, " \
	"IFNULL(DATE_FORMAT(i.published_at, '%Y-%m-%dT%H:%i:%sZ'), ''), " \
	"i.file_version, IFNULL(f.size, 0), IFNULL(f.content_type, ''), " \
	"IF(? <> 0, i.body, '') " \
	"FROM items i LEFT JOIN files f ON f.id = i.file_id WHERE " LIST_WHERE

/* Two orders, two statements: an ORDER BY that picks its column at run
 * time could use no index, and the newest-first lists (home page, news)
 * walk items_published and stop at the limit. */
static struct dbstmt q_list_title = DBSTMT_COLS(
    LIST_SELECT " ORDER BY i.title, i.id LIMIT ? OFFSET ?", L__MAX);
static struct dbstmt q_list_date = DBSTMT_COLS(
    LIST_SELECT " ORDER BY i.published_at DESC, i.id DESC LIMIT ? OFFSET ?",
    L__MAX);
enum { COUNT_N, COUNT__MAX };
static struct dbstmt q_count = DBSTMT_COLS(
    "SELECT COUNT(*) FROM items i WHERE " LIST_WHERE, COUNT__MAX);

static size_t
list_args(struct req *r, const struct list_opts *o, struct dbarg *a)
{
	const char	*kind = o->kind ? o->kind : "";
	const char	*nk = o->news_kind ? o->news_kind : "";

	a[0] = DBS(kind);
	a[1] = DBS(kind);
	a[2] = DBS(kind);
	a[3] = DBI(o->category_id);
	a[4] = DBI(o->category_id);
	a[5] = DBS(nk);
	a[6] = DBS(nk);
	a[7] = DBS(r->cat->code);
	a[8] = DBS(r->cat->code);
	content_access_args(r, a + 9);
	return 13;
}

/*
 * Append <items total=N> to parent with the items o selects.  With
 * o->count the total is counted (for pagination).  Returns a DB_* code.
 */
int
item_list(struct req *r, xmlNodePtr parent, const struct list_opts *o,
    size_t *total)
{
	struct dbres	*res;
	struct dbarg	 a[20];
	xmlNodePtr	 list, n;
	size_t		 i, na;
	int		 e;

	list = xml_elem(parent, "items");
	if (o->name != NULL)
		xml_attr(list, "name", o->name);
	if (total != NULL) {
		na = list_args(r, o, a);
		if ((e = db_query(&q_count, &res, na, a)) != DB_OK)
			return e;
		*total = res->nrows ?
		    strtoul(dbres_get(res, 0, COUNT_N), NULL, 10) : 0;
		dbres_free(res);
		xml_attrf(list, "total", "%zu", *total);
	}
	a[0] = DBI(o->bodies);
	na = list_args(r, o, a + 1) + 1;
	a[na++] = DBI(o->limit);
	a[na++] = DBI(o->offset);
	if ((e = db_query(o->by_title ? &q_list_title : &q_list_date, &res, na,
	    a)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows; i++) {
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
		if (o->bodies)
			markdown_to_xml(xml_elem(n, "body"),
			    dbres_get(res, i, L_BODY));
	}
	dbres_free(res);
	return DB_OK;
}
