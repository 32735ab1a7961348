/*
 * GET /: the home page.  Lists the site's pages in the visitor's
 * language, falling back to the default language for pages not yet
 * translated, the knowledge base's top categories (from the per-worker
 * tree: no statement), the news, the newest and the most popular
 * articles (one statement, itemlist.c) and the community's active
 * topics.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

/* Both languages' rows, one slug after another; C picks per slug. */
enum { PAGES_SLUG, PAGES_LANG, PAGES_TITLE, PAGES_SUMMARY, PAGES_POSITION,
    PAGES__MAX };
static struct dbstmt q_pages = DBSTMT_COLS(
    "SELECT slug, lang, title, summary, position FROM pages "
    "WHERE lang IN (?, ?) ORDER BY position, slug, lang = ? DESC", PAGES__MAX);

int
page_home(struct req *r)
{
	struct dbres	*res;
	const struct category **top;
	xmlNodePtr	 home, list, item;
	struct dbarg	 a[3];
	const char	*prev = "";
	size_t		 i, ntop;
	int		 e;

	a[0] = DBS(r->cat->code);
	a[1] = DBS(i18n_default()->code);
	a[2] = DBS(r->cat->code);
	if ((e = db_query(&q_pages, &res, 3, a)) != DB_OK)
		return HTTP_DB(e);
	home = page_new(r, "home");
	list = xml_elem(home, "pages");
	for (i = 0; i < res->nrows; i++) {
		/* The visitor's language sorts first within a slug. */
		if (!strcmp(dbres_get(res, i, PAGES_SLUG), prev))
			continue;
		prev = dbres_get(res, i, PAGES_SLUG);
		item = xml_elem(list, "item");
		xml_attr(item, "slug", dbres_get(res, i, PAGES_SLUG));
		xml_attr(item, "lang", dbres_get(res, i, PAGES_LANG));
		xml_text(item, "title", dbres_get(res, i, PAGES_TITLE));
		xml_text(item, "summary", dbres_get(res, i, PAGES_SUMMARY));
	}
	dbres_free(res);
	if ((e = category_list(r, 0, -1, &top, &ntop)) != DB_OK)
		return HTTP_DB(e);
	list = xml_elem(home, "categories");
	for (i = 0; i < ntop; i++) {
		item = xml_elem(list, "category");
		xml_attr(item, "slug", top[i]->slug);
		xml_text(item, "name", category_name(r, top[i]));
	}
	{
		struct list_opts news = { .name = "news", .kind = "news",
		    .limit = 3 };

		/* The newest and the popular articles: one statement. */
		if ((e = item_list(r, home, &news, NULL)) != DB_OK ||
		    (e = item_list_home(r, home, "kb", 5)) != DB_OK)
			return HTTP_DB(e);
	}
	/* The open ideas with the most votes (page_ideas.c). */
	if ((e = ideas_top_xml(r, home, 5)) != DB_OK)
		return HTTP_DB(e);
	/* The community's active topics (page_forum.c): one statement. */
	if ((e = forum_home_xml(r, home)) != DB_OK)
		return HTTP_DB(e);
	return 200;
}
