/*
 * GET /p/SLUG: a content page (about, contact, terms...) in the
 * visitor's language, or in the default language with a note when it
 * has not been translated.  The body is Markdown (markdown.c).
 */
#include "config.h"

#include <string.h>

#include "portico.h"

/* Every translation of the page (at most one per language). */
enum { PAGE_LANG, PAGE_TITLE, PAGE_SUMMARY, PAGE_BODY, PAGE_UPDATED_AT,
    PAGE__MAX };
static struct dbstmt q_page = DBSTMT_COLS(
    "SELECT lang, title, summary, body, "
    "DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%sZ') "
    "FROM pages WHERE slug = ? ORDER BY lang", PAGE__MAX);

/* The row to show: the visitor's language, else the default one. */
static size_t
pick(const struct dbres *res, const char *lang)
{
	const char	*def = i18n_default()->code;
	size_t		 i, best = res->nrows;

	for (i = 0; i < res->nrows; i++) {
		if (!strcmp(dbres_get(res, i, PAGE_LANG), lang))
			return i;
		if (!strcmp(dbres_get(res, i, PAGE_LANG), def))
			best = i;
	}
	return best;
}

int
page_content(struct req *r)
{
	struct dbres	*res;
	xmlNodePtr	 pg, body, tr, n;
	struct dbarg	 a[1];
	const char	*slug = r->args[0];
	size_t		 i, row;
	int		 e;

	a[0] = DBS(slug);
	if ((e = db_query(&q_page, &res, 1, a)) != DB_OK)
		return HTTP_DB(e);
	if ((row = pick(res, r->cat->code)) == res->nrows) {
		dbres_free(res);
		return 404;
	}
	pg = page_new(r, "content-page");
	xml_attr(pg, "slug", slug);
	xml_attr(pg, "lang", dbres_get(res, row, PAGE_LANG));
	xml_attr(pg, "updated", dbres_get(res, row, PAGE_UPDATED_AT));
	if (strcmp(dbres_get(res, row, PAGE_LANG), r->cat->code))
		xml_attr(pg, "fallback", "yes");
	xml_text(pg, "title", dbres_get(res, row, PAGE_TITLE));
	xml_text(pg, "summary", dbres_get(res, row, PAGE_SUMMARY));
	body = xml_elem(pg, "body");
	markdown_to_xml(body, dbres_get(res, row, PAGE_BODY));
	tr = xml_elem(pg, "translations");
	for (i = 0; i < res->nrows; i++) {
		if (i18n_find(dbres_get(res, i, PAGE_LANG)) == NULL)
			continue;
		n = xml_elem(tr, "translation");
		xml_attr(n, "lang", dbres_get(res, i, PAGE_LANG));
	}
	dbres_free(res);
	return 200;
}
