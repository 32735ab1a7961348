/*
 * GET /community/feed/SLUG: an Atom feed of a category's newest topics
 * (their titles and the start of each question).  Only a category whose
 * effective visibility is public has one (FORUM_EFFECTIVE_VIS: a public
 * child of a limited parent has none); any other answers 404, to staff
 * as well, so the feed is the same for every reader and caches may keep
 * it.  Category pages announce it with <link rel="alternate">.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

#define FEED_TOPICS	30
#define FEED_SUMMARY	300	/* bytes of a question's plain text */

enum { FC_ID, FC_NAME, FC__MAX };
static struct dbstmt q_feed_category = DBSTMT_COLS(
    "SELECT c.id, COALESCE(n.name, e.name, c.slug) FROM forum_categories c "
    "LEFT JOIN forum_categories cp ON cp.id = c.parent_id "
    "LEFT JOIN forum_category_names n ON n.category_id = c.id AND "
    "n.lang = ? LEFT JOIN forum_category_names e ON e.category_id = c.id "
    "AND e.lang = 'en' WHERE c.slug = ? AND "
    FORUM_EFFECTIVE_VIS("c", "cp") " = 'public'", FC__MAX);
/* Listed topics only (not hidden, not waiting for a moderator), and
 * public by their own row too: a topic follows its category's
 * visibility when written, and is never shown beyond it. */
enum { FT_ID, FT_SLUG, FT_TITLE, FT_LANG, FT_CREATED, FT_UPDATED, FT_BODY,
    FT__MAX };
static struct dbstmt q_feed_topics = DBSTMT_COLS(
    "SELECT t.id, t.slug, t.title, t.lang, "
    "DATE_FORMAT(t.created_at, '%Y-%m-%dT%H:%i:%sZ'), "
    "DATE_FORMAT(t.last_post_at, '%Y-%m-%dT%H:%i:%sZ'), q.body "
    "FROM forum_topics t JOIN forum_posts q ON q.topic_id = t.id AND "
    "q.position = 1 WHERE t.category_id = ? AND t.listed = 1 AND "
    "t.visibility = 'public' ORDER BY t.created_at DESC, t.id DESC "
    "LIMIT ?", FT__MAX);

/* The first FEED_SUMMARY bytes of markdown's plain text, cut at a
 * character's start, in a. */
static const char *
summary(struct arena *a, const char *markdown)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*s;
	size_t		 n;

	markdown_plain(markdown, &b);
	buf_adds(&b, "");
	n = strlen(b.p);
	if (n > FEED_SUMMARY) {
		n = FEED_SUMMARY;
		while (n > 0 && ((unsigned char)b.p[n] & 0xc0) == 0x80)
			n--;
	}
	s = arena_strndup(a, b.p, n);
	buf_free(&b);
	return s;
}

static void
entry_xml(struct req *r, xmlNodePtr feed, const struct dbres *res,
    size_t i)
{
	const char	*url;
	xmlNodePtr	 e, n;

	url = site_link(r, arena_printf(r->arena, "/community/t/%s-%s",
	    dbres_get(res, i, FT_ID), dbres_get(res, i, FT_SLUG)), NULL);
	e = xml_elem(feed, "entry");
	n = xml_text(e, "title", dbres_get(res, i, FT_TITLE));
	xmlNodeSetLang(n, (const xmlChar *)dbres_get(res, i, FT_LANG));
	xml_text(e, "id", url);
	n = xml_elem(e, "link");
	xml_attr(n, "href", url);
	xml_text(e, "published", dbres_get(res, i, FT_CREATED));
	xml_text(e, "updated", dbres_get(res, i, FT_UPDATED));
	n = xml_text(e, "summary", summary(r->arena, dbres_get(res, i,
	    FT_BODY)));
	xmlNodeSetLang(n, (const xmlChar *)dbres_get(res, i, FT_LANG));
}

int
page_forum_feed(struct req *r)
{
	struct dbres	*cat, *res;
	struct dbarg	 a[2];
	xmlDocPtr	 doc;
	xmlNodePtr	 feed, n;
	const char	*self;
	size_t		 i;
	int		 e;

	a[0] = DBS(r->cat->code);
	a[1] = DBS(r->args[0]);
	if ((e = db_query(&q_feed_category, &cat, 2, a)) != DB_OK)
		return HTTP_DB(e);
	if (cat->nrows == 0) {
		dbres_free(cat);
		return 404;
	}
	a[0] = DBI(strtoul(dbres_get(cat, 0, FC_ID), NULL, 10));
	a[1] = DBI(FEED_TOPICS);
	if ((e = db_query(&q_feed_topics, &res, 2, a)) != DB_OK) {
		dbres_free(cat);
		return HTTP_DB(e);
	}
	self = site_link(r, arena_printf(r->arena, "/community/feed/%s",
	    r->args[0]), NULL);
	doc = xmlNewDoc((const xmlChar *)"1.0");
	feed = xmlNewNode(NULL, (const xmlChar *)"feed");
	xmlSetNs(feed, xmlNewNs(feed,
	    (const xmlChar *)"http://www.w3.org/2005/Atom", NULL));
	xmlDocSetRootElement(doc, feed);
	xml_text(feed, "title", arena_printf(r->arena, "%s: %s",
	    conf->site_name, dbres_get(cat, 0, FC_NAME)));
	xml_text(feed, "id", self);
	n = xml_elem(feed, "link");
	xml_attr(n, "rel", "self");
	xml_attr(n, "href", self);
	n = xml_elem(feed, "link");
	xml_attr(n, "href", site_link(r, arena_printf(r->arena,
	    "/community/c/%s", r->args[0]), NULL));
	xml_text(feed, "updated", res->nrows > 0 ? dbres_get(res, 0,
	    FT_CREATED) : "1970-01-01T00:00:00Z");
	n = xml_elem(feed, "author");
	xml_text(n, "name", conf->site_name);
	for (i = 0; i < res->nrows; i++)
		entry_xml(r, feed, res, i);
	dbres_free(res);
	dbres_free(cat);
	return page_raw_xml(r, doc, "application/atom+xml; charset=utf-8");
}
