/*
 * GET /search: the search page (filters by kind, category, product and
 * language, ten results a page; a signed-in customer's own tickets
 * whose subject or reference match, page_tickets.c); GET /search/suggest: type-ahead, a
 * small XML answer for the progressive-enhancement script; GET
 * /search/go: notes which result was opened, then goes there.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

#define PER_PAGE	10
#define SNIPPET		240

static void
filter(xmlNodePtr f, const char *name, const char *value, const char *label,
    const char *current)
{
	xmlNodePtr	n = xml_text(f, "option", label ? label : value);

	xml_attr(n, "name", name);
	xml_attr(n, "value", value);
	if (current != NULL && !strcmp(current, value))
		xml_attr(n, "selected", "yes");
}

int
page_search(struct req *r)
{
	struct search_opts	 o;
	struct search_result	 res;
	const struct category	*c, **top;
	const char		**products;
	size_t			 ntop, nproducts;
	xmlNodePtr		 pg, f, n;
	const char		*cat = kv_get(&r->query, "category");
	const char		*p = kv_get(&r->query, "page");
	size_t			 i, page = p ? strtoul(p, NULL, 10) : 1;
	int			 e;

	memset(&o, 0, sizeof(o));
	o.query = kv_get(&r->query, "q");
	o.kind = kv_get(&r->query, "kind");
	o.lang = kv_get(&r->query, "in");
	o.product = kv_get(&r->query, "product");
	if (page < 1 || page > 100)
		return page_error(r, 400, "invalid-param", "page");
	o.offset = (page - 1) * PER_PAGE;
	o.limit = PER_PAGE;
	o.log = true;
	if (cat != NULL && *cat) {
		/* A category the visitor may not know of holds nothing. */
		if ((e = category_get(r, cat, 0, &c)) != DB_OK)
			return HTTP_DB(e);
		o.category_id = c != NULL ? c->id : (unsigned)-1;
	}
	if ((e = search_run(r, &o, &res)) != DB_OK)
		return HTTP_DB(e);

	pg = page_new(r, "search");
	xml_text(pg, "query", o.query ? o.query : "");
	if (res.empty)
		xml_attr(pg, "empty", o.query && *o.query ? "short" : "yes");
	if (res.any_word)
		xml_attr(pg, "any-word", "yes");
	xml_attrf(pg, "total", "%zu", res.total);
	if (res.total >= SEARCH_MAX_COUNT)
		xml_attr(pg, "more", "yes");
	xml_attrf(pg, "page", "%zu", page);
	xml_attrf(pg, "last", "%zu", res.total ?
	    (res.total + PER_PAGE - 1) / PER_PAGE : 1);
	search_hits_xml(xml_elem(pg, "hits"), &res, SNIPPET);
	/* A customer's own tickets (subject or reference), first page. */
	if (page == 1 && (e = tickets_search_xml(r, pg, o.query)) != DB_OK)
		return HTTP_DB(e);

	f = xml_elem(pg, "filters");
	for (i = 0; content_kinds[i] != NULL; i++)
		filter(f, "kind", content_kinds[i], NULL, o.kind);
	filter(f, "kind", "idea", NULL, o.kind);
	filter(f, "kind", "topic", NULL, o.kind);	/* the forum's */
	for (i = 0; content_langs[i] != NULL; i++)
		filter(f, "in", content_langs[i], NULL, o.lang);
	if ((e = category_list(r, 0, -1, &top, &ntop)) != DB_OK)
		return HTTP_DB(e);
	for (i = 0; i < ntop; i++)
		filter(f, "category", top[i]->slug, category_name(r, top[i]),
		    cat);
	if ((e = category_products(r, 50, &products, &nproducts)) != DB_OK)
		return HTTP_DB(e);
	for (i = 0; i < nproducts; i++)
		filter(f, "product", products[i], NULL, o.product);
	n = xml_elem(pg, "current");
	if (o.kind)
		xml_attr(n, "kind", o.kind);
	if (o.lang)
		xml_attr(n, "in", o.lang);
	if (cat)
		xml_attr(n, "category", cat);
	if (o.product)
		xml_attr(n, "product", o.product);
	return 200;
}

/* Type-ahead: up to six titles, as <suggestions> XML (no page, no log). */
int
page_search_suggest(struct req *r)
{
	struct search_opts	 o;
	struct search_result	 res;
	xmlDocPtr		 doc;
	xmlNodePtr		 root;
	int			 e;

	memset(&o, 0, sizeof(o));
	o.query = kv_get(&r->query, "q");
	o.limit = 6;
	if ((e = search_run(r, &o, &res)) != DB_OK)
		return HTTP_DB(e);
	doc = xmlNewDoc((const xmlChar *)"1.0");
	root = xmlNewNode(NULL, (const xmlChar *)"suggestions");
	xmlDocSetRootElement(doc, root);
	xml_attr(root, "q", o.query ? o.query : "");
	xml_attrf(root, "total", "%zu", res.total);
	search_hits_xml(root, &res, 0);
	return page_raw_xml(r, doc, "application/xml; charset=utf-8");
}

static struct dbstmt q_opened = DBSTMT(
    "UPDATE search_log SET opened_item = ? WHERE id = ? "
    "AND opened_item IS NULL AND user_id <=> NULLIF(?, 0)");

/* A result was opened: note it in the search log, then go there. */
int
page_search_go(struct req *r)
{
	struct item	 it;
	struct dbarg	 a[3];
	const char	*s = kv_get(&r->query, "s"), *i = kv_get(&r->query, "i");
	unsigned long	 logid;
	unsigned	 id;
	bool		 found;
	int		 e;

	if (s == NULL || i == NULL)
		return page_error(r, 400, "missing-param", s ? "i" : "s");
	logid = strtoul(s, NULL, 10);
	id = (unsigned)strtoul(i, NULL, 10);

	if ((e = item_load(r, r->arena, NULL, id, &it, &found)) != DB_OK)
		return HTTP_DB(e);
	if (!found)
		return 404;
	a[0] = DBI(id);
	a[1] = DBI(logid);
	a[2] = DBI(r->user ? r->user->id : 0);
	if ((e = db_exec(&q_opened, NULL, NULL, 3, a)) != DB_OK)
		return HTTP_DB(e);
	return req_redirect(r, content_url(r->arena, it.kind, it.slug));
}
