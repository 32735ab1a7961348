/*
 * News: service notices, product updates and blog posts.  GET /news
 * (all, newest first), GET /news/KIND (notices, updates, blog), GET
 * /news/KIND.atom (an Atom feed per kind), GET /news/SLUG (one post),
 * and the banner of active notices every page carries.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

int
page_news(struct req *r)
{
	struct list_opts o = { .name = "news", .kind = "news", .limit = 30 };
	xmlNodePtr	 pg;
	int		 e;

	pg = page_new(r, "news");
	if ((e = item_list(r, pg, &o, NULL)) != DB_OK)
		return HTTP_DB(e);
	return 200;
}

/* The Atom feed of one kind of news, as this visitor may see it. */
static int
news_feed(struct req *r, const char *kind, const char *path)
{
	struct list_opts o = { .name = "feed", .kind = "news", .limit = 30,
	    .bodies = false };
	xmlDocPtr	 doc, tmp;
	xmlNodePtr	 feed, list, it, e, n;
	xmlNsPtr	 ns;
	xmlChar		*v;
	const char	*site = conf->site_url;
	int		 err;

	o.news_kind = kind;
	tmp = xmlNewDoc((const xmlChar *)"1.0");
	list = xmlNewNode(NULL, (const xmlChar *)"tmp");
	xmlDocSetRootElement(tmp, list);
	if ((err = item_list(r, list, &o, NULL)) != DB_OK) {
		xmlFreeDoc(tmp);
		return HTTP_DB(err);
	}
	doc = xmlNewDoc((const xmlChar *)"1.0");
	feed = xmlNewNode(NULL, (const xmlChar *)"feed");
	ns = xmlNewNs(feed, (const xmlChar *)"http://www.w3.org/2005/Atom",
	    NULL);
	xmlSetNs(feed, ns);
	xmlDocSetRootElement(doc, feed);
	xml_text(feed, "title", arena_printf(r->arena, "%s: %s",
	    conf->site_name, i18n_get(r->cat, arena_printf(r->arena,
	    "news.kind.%s", kind))));
	xml_text(feed, "id", arena_printf(r->arena, "%s/news/%s.atom", site,
	    path));
	n = xml_elem(feed, "link");
	xml_attr(n, "rel", "self");
	xml_attr(n, "href", arena_printf(r->arena, "%s/news/%s.atom", site,
	    path));
	n = xml_elem(feed, "link");
	xml_attr(n, "href", arena_printf(r->arena, "%s/news/%s", site, path));
	list = xmlFirstElementChild(list);
	it = list ? xmlFirstElementChild(list) : NULL;
	v = it ? xmlGetProp(it, (const xmlChar *)"updated") : NULL;
	xml_text(feed, "updated", v ? (const char *)v : "1970-01-01T00:00:00Z");
	xmlFree(v);
	for (; it != NULL; it = xmlNextElementSibling(it)) {
		xmlChar *url = xmlGetProp(it, (const xmlChar *)"url");
		xmlChar *upd = xmlGetProp(it, (const xmlChar *)"updated");
		xmlChar *pub = xmlGetProp(it, (const xmlChar *)"published");
		xmlChar *title = xmlNodeGetContent(xmlFirstElementChild(it));
		xmlChar *sum = xmlNodeGetContent(xmlLastElementChild(it));

		e = xml_elem(feed, "entry");
		xml_text(e, "title", (const char *)title);
		xml_text(e, "id", arena_printf(r->arena, "%s%s", site,
		    (const char *)url));
		n = xml_elem(e, "link");
		xml_attr(n, "href", arena_printf(r->arena, "%s%s", site,
		    (const char *)url));
		xml_text(e, "updated", (const char *)upd);
		if (pub != NULL && *pub)
			xml_text(e, "published", (const char *)pub);
		xml_text(e, "summary", (const char *)sum);
		n = xml_elem(e, "author");
		xml_text(n, "name", conf->site_name);
		xmlFree(url);
		xmlFree(upd);
		xmlFree(pub);
		xmlFree(title);
		xmlFree(sum);
	}
	xmlFreeDoc(tmp);
	return page_raw_xml(r, doc, "application/atom+xml; charset=utf-8");
}

static const char *const news_kinds[] = { "news", NULL };

/* /news/KIND, /news/KIND.atom or /news/SLUG. */
int
page_news_item(struct req *r)
{
	struct list_opts o = { .name = "news", .kind = "news", .limit = 30 };
	struct item	 it;
	xmlNodePtr	 pg;
	const char	*arg = r->args[0], *dot = strrchr(arg, '.'), *kind;
	int		 e, st;

	if (dot != NULL && !strcmp(dot, ".atom") &&
	    (kind = content_news_kind_of(arg, (size_t)(dot - arg))) != NULL)
		return news_feed(r, kind, arena_strndup(r->arena, arg,
		    (size_t)(dot - arg)));
	if ((kind = content_news_kind_of(arg, strlen(arg))) != NULL) {
		pg = page_new(r, "news");
		xml_attr(pg, "kind", kind);
		o.news_kind = kind;
		if ((e = item_list(r, pg, &o, NULL)) != DB_OK)
			return HTTP_DB(e);
		return 200;
	}
	if ((st = item_by_slug(r, arg, news_kinds, &it)) != 0)
		return st;
	pg = page_new(r, "news-item");
	item_xml(r, pg, &it);
	views_count(it.id);
	return 200;
}

/* ---- the banner ---------------------------------------------------------- */

/*
 * Active notices (started, not ended, published and public) are read
 * at most every few seconds per worker: every page shows them, and the
 * banner must not cost every page a query.  A notice is a translation
 * group: the banner holds each group's rows in every language, and a
 * page shows the visitor's language when the notice has it, else the
 * notice as first written.
 */
#define BANNER_MS	5000
#define BANNER_MAX	3
#define BANNER_ROWS	(BANNER_MAX * CLANG__MAX)

static struct banner {
	unsigned	 id, group;
	char		*slug, *title, *severity, *lang;
} banner[BANNER_ROWS];
static size_t	nbanner;
static unsigned	groups[BANNER_MAX];	/* in the order shown */
static size_t	ngroups;
static int64_t	banner_at;
static bool	banner_ok;

/* The banner is one list for every visitor (kept per worker, and on
 * cached pages), so it holds public notices only: what ACCESS_SQL shows
 * to someone not signed in. */
enum { ACTIVE_ID, ACTIVE_GROUP, ACTIVE_SLUG, ACTIVE_TITLE, ACTIVE_SEVERITY,
    ACTIVE_LANG, ACTIVE__MAX };
static struct dbstmt q_active = DBSTMT_COLS(
    "SELECT i.id, i.group_id, i.slug, i.title, i.severity, i.lang "
    "FROM items i "
    "WHERE i.kind = 'news' AND i.news_kind = 'notice' "
    "AND i.status = 'published' AND i.visibility = 'public' "
    "AND (i.starts_at IS NULL OR i.starts_at <= UTC_TIMESTAMP()) "
    "AND (i.ends_at IS NULL OR i.ends_at > UTC_TIMESTAMP()) "
    "ORDER BY FIELD(i.severity, 'critical', 'major', 'minor', 'info', ''), "
    "i.starts_at DESC, i.group_id, i.id LIMIT 18", ACTIVE__MAX);

static void
banner_clear(void)
{
	size_t	i;

	for (i = 0; i < nbanner; i++) {
		free(banner[i].slug);
		free(banner[i].title);
		free(banner[i].severity);
		free(banner[i].lang);
	}
	nbanner = ngroups = 0;
}

/* Is group g among the first BANNER_MAX groups?  Adds it if there is
 * room. */
static bool
banner_group(unsigned g)
{
	size_t	i;

	for (i = 0; i < ngroups; i++)
		if (groups[i] == g)
			return true;
	if (ngroups == BANNER_MAX)
		return false;
	groups[ngroups++] = g;
	return true;
}

static void
banner_refresh(void)
{
	struct dbres	*res;
	struct banner	*b;
	size_t		 i;
	unsigned	 g;

	banner_at = now_ms();
	if (db_query(&q_active, &res, 0, NULL) != DB_OK) {
		banner_ok = false;
		return;
	}
	banner_clear();
	for (i = 0; i < res->nrows && nbanner < BANNER_ROWS; i++) {
		g = (unsigned)strtoul(dbres_get(res, i, ACTIVE_GROUP), NULL,
		    10);
		if (!banner_group(g))
			continue;
		b = &banner[nbanner++];
		b->id = (unsigned)strtoul(dbres_get(res, i, ACTIVE_ID), NULL,
		    10);
		b->group = g;
		b->slug = xstrdup(dbres_get(res, i, ACTIVE_SLUG));
		b->title = xstrdup(dbres_get(res, i, ACTIVE_TITLE));
		b->severity = xstrdup(dbres_get(res, i, ACTIVE_SEVERITY));
		b->lang = xstrdup(dbres_get(res, i, ACTIVE_LANG));
	}
	banner_ok = true;
	dbres_free(res);
}

/* The row of group g to show in lang: lang's, else the first written,
 * else the first read. */
static const struct banner *
banner_pick(unsigned g, const char *lang)
{
	const struct banner	*own = NULL, *first = NULL, *any = NULL;
	size_t			 i;

	for (i = 0; i < nbanner; i++) {
		if (banner[i].group != g)
			continue;
		if (any == NULL)
			any = &banner[i];
		if (banner[i].id == g)
			first = &banner[i];
		if (own == NULL && !strcmp(banner[i].lang, lang))
			own = &banner[i];
	}
	return own ? own : first ? first : any;
}

/* Add <active-notices> to the page root when any notice is active, each
 * in lang when it is written in it. */
void
banner_xml(xmlNodePtr root, const char *lang)
{
	const struct banner	*b;
	xmlNodePtr		 l, n;
	size_t			 i;

	if (now_ms() - banner_at > BANNER_MS)
		banner_refresh();
	if (!banner_ok || ngroups == 0)
		return;
	l = xml_elem(root, "active-notices");
	for (i = 0; i < ngroups; i++) {
		if ((b = banner_pick(groups[i], lang)) == NULL)
			continue;
		n = xml_text(l, "notice", b->title);
		xml_attrf(n, "url", "/news/%s", b->slug);
		xml_attr(n, "severity", b->severity);
		xml_attr(n, "lang", b->lang);
	}
}
