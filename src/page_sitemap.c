/*
 * GET /sitemap.xml: every published page and item an anonymous visitor
 * may see (the same access rule as everything else, for nobody signed
 * in), with its last change and its translations as xhtml:link
 * alternates.  At most 50,000 addresses, the sitemap protocol's limit.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

#define SITEMAP_MAX	50000

enum { ITEMS_KIND, ITEMS_SLUG, ITEMS_UPDATED_AT, ITEMS_GROUP_ID, ITEMS_LANG,
    ITEMS__MAX };
static struct dbstmt q_items = DBSTMT_COLS(
    "SELECT i.kind, i.slug, DATE_FORMAT(i.updated_at, '%Y-%m-%d'), "
    "i.group_id, i.lang FROM items i WHERE i.status = 'published' AND "
    ACCESS_SQL("i.visibility", "i.id") " ORDER BY i.group_id, i.lang LIMIT ?",
    ITEMS__MAX);
enum { PAGES_SLUG, PAGES__MAX };
static struct dbstmt q_pages = DBSTMT_COLS(
    "SELECT DISTINCT slug FROM pages ORDER BY slug", PAGES__MAX);

static void
url(struct req *r, xmlNodePtr set, const char *path, const char *mod)
{
	xmlNodePtr	u = xml_elem(set, "url");

	xml_text(u, "loc", arena_printf(r->arena, "%s%s", conf->site_url,
	    path));
	if (mod != NULL)
		xml_text(u, "lastmod", mod);
}

int
page_sitemap(struct req *r)
{
	static const char *const fixed[] = {
		"/", "/kb", "/faq", "/news", "/downloads", NULL };
	struct dbres	*res;
	struct dbarg	 a[5];
	const struct user *saved = r->user;
	xmlDocPtr	 doc;
	xmlNodePtr	 set;
	size_t		 i;
	int		 e;

	/* What anyone may see, whoever asks. */
	r->user = NULL;
	content_access_args(r, a);
	r->user = saved;
	a[4] = DBI(SITEMAP_MAX - 10);
	if ((e = db_query(&q_items, &res, 5, a)) != DB_OK)
		return HTTP_DB(e);
	doc = xmlNewDoc((const xmlChar *)"1.0");
	set = xmlNewNode(NULL, (const xmlChar *)"urlset");
	xmlSetNs(set, xmlNewNs(set, (const xmlChar *)
	    "http://www.sitemaps.org/schemas/sitemap/0.9", NULL));
	xmlDocSetRootElement(doc, set);
	for (i = 0; fixed[i] != NULL; i++)
		url(r, set, fixed[i], NULL);
	for (i = 0; i < res->nrows; i++)
		url(r, set, content_url(r->arena, dbres_get(res, i, ITEMS_KIND),
		    dbres_get(res, i, ITEMS_SLUG)), dbres_get(res, i,
		    ITEMS_UPDATED_AT));
	dbres_free(res);
	if ((e = db_query(&q_pages, &res, 0, NULL)) != DB_OK) {
		xmlFreeDoc(doc);
		return HTTP_DB(e);
	}
	for (i = 0; i < res->nrows; i++)
		url(r, set, arena_printf(r->arena, "/p/%s",
		    dbres_get(res, i, PAGES_SLUG)), NULL);
	dbres_free(res);
	return page_raw_xml(r, doc, "application/xml; charset=utf-8");
}
