/*
 * GET /p/SLUG: a content page (about, contact, terms...) in the
 * visitor's language, or in the default language with a note when it
 * has not been translated.  The body is plain text; blank lines
 * separate paragraphs.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

static struct dbstmt q_page = DBSTMT(
    "SELECT slug, lang, title, summary, body, "
    "DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%sZ') "
    "FROM pages WHERE slug = ? AND lang IN (?, ?) "
    "ORDER BY lang = ? DESC LIMIT 1");
static struct dbstmt q_langs = DBSTMT(
    "SELECT lang FROM pages WHERE slug = ? ORDER BY lang");

/* Split text into <para> elements at blank lines. */
static void
add_paragraphs(xmlNodePtr parent, const char *text)
{
	const char	*p = text, *end;
	size_t		 n;

	while (*p != '\0') {
		while (*p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			break;
		if ((end = strstr(p, "\n\n")) == NULL &&
		    (end = strstr(p, "\r\n\r\n")) == NULL)
			end = p + strlen(p);
		n = (size_t)(end - p);
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == '\n'))
			n--;
		xml_textn(parent, "para", p, n);
		p = end;
	}
}

int
page_content(struct req *r)
{
	struct dbres	*res, *langs;
	xmlNodePtr	 pg, body, tr, n;
	struct dbarg	 a[4];
	const char	*slug = r->args[0];
	size_t		 i;
	int		 e;

	if (!valid_slug(slug, strlen(slug)) || strlen(slug) > 100)
		return 404;
	a[0] = DBS(slug);
	a[1] = DBS(r->cat->code);
	a[2] = DBS(i18n_default()->code);
	a[3] = DBS(r->cat->code);
	if ((e = db_query(&q_page, &res, 4, a)) != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	if (res->nrows == 0) {
		dbres_free(res);
		return 404;
	}
	if ((e = db_query(&q_langs, &langs, 1, a)) != DB_OK) {
		dbres_free(res);
		return page_error(r, db_status(e), "database", NULL);
	}
	pg = page_new(r, "content-page");
	xml_attr(pg, "slug", dbres_get(res, 0, 0));
	xml_attr(pg, "lang", dbres_get(res, 0, 1));
	xml_attr(pg, "updated", dbres_get(res, 0, 5));
	if (strcmp(dbres_get(res, 0, 1), r->cat->code))
		xml_attr(pg, "fallback", "yes");
	xml_text(pg, "title", dbres_get(res, 0, 2));
	xml_text(pg, "summary", dbres_get(res, 0, 3));
	body = xml_elem(pg, "body");
	add_paragraphs(body, dbres_get(res, 0, 4));
	tr = xml_elem(pg, "translations");
	for (i = 0; i < langs->nrows; i++) {
		n = xml_elem(tr, "translation");
		xml_attr(n, "lang", dbres_get(langs, i, 0));
	}
	dbres_free(langs);
	dbres_free(res);
	return 200;
}
