/*
 * GET /faq: the first questions of every topic (the category), with
 * their answers; GET /faq/SLUG: all of one topic's questions, fifty a
 * page (?page=N).  Answers
 * are Markdown and may link articles.  A topic is listed, and answers,
 * only when the visitor may see one of its questions (ACCESS_SQL).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

/* The FAQ page shows each topic's first questions; a topic's own page
 * shows all of them, PER_PAGE a page. */
#define FIRSTS		10
#define PER_PAGE	50

static xmlNodePtr
topic_xml(struct req *r, xmlNodePtr pg, const struct category *c)
{
	xmlNodePtr	t = xml_elem(pg, "topic");

	xml_attr(t, "slug", c->slug);
	xml_text(t, "name", category_name(r, c));
	return t;
}

/* GET /faq: every topic the visitor may see questions of, each with its
 * first questions, from one statement (item_list_firsts()). */
static int
faq_all(struct req *r)
{
	struct list_opts o = { .name = "questions", .kind = "faq",
	    .bodies = true, .limit = FIRSTS };
	const struct category **topics;
	xmlNodePtr	 pg, lists, l, next, t;
	xmlChar		*cat;
	size_t		 i, n;
	unsigned	 id;
	int		 e;

	if ((e = category_list(r, -1, SEC_FAQ, &topics, &n)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "faq");
	lists = xmlNewNode(NULL, (const xmlChar *)"lists");
	if ((e = item_list_firsts(r, lists, &o)) != DB_OK) {
		xmlFreeNode(lists);
		return HTTP_DB(e);
	}
	/* Each topic, in the visitor's order, with its list; a topic whose
	 * questions the visitor may not see has none and is left out. */
	for (i = 0; i < n; i++) {
		t = NULL;
		for (l = xmlFirstElementChild(lists); l != NULL; l = next) {
			next = xmlNextElementSibling(l);
			cat = xmlGetProp(l, (const xmlChar *)"category");
			id = cat ? (unsigned)strtoul((char *)cat, NULL, 10) : 0;
			xmlFree(cat);
			if (id != topics[i]->id)
				continue;
			t = topic_xml(r, pg, topics[i]);
			xmlUnlinkNode(l);
			xmlAddChild(t, l);
			break;
		}
	}
	xmlFreeNode(lists);
	return 200;
}

/* GET /faq/SLUG: one topic's questions. */
static int
faq_topic(struct req *r, const char *slug)
{
	struct list_opts o = { .name = "questions", .kind = "faq",
	    .by_title = true, .bodies = true, .limit = PER_PAGE };
	const struct category *c;
	xmlNodePtr	 pg, t;
	size_t		 total, page = list_page(r);
	int		 e;

	if ((e = category_get(r, slug, 0, &c)) != DB_OK)
		return HTTP_DB(e);
	if (c == NULL)
		return 404;
	pg = page_new(r, "faq");
	xml_attr(pg, "topic", slug);
	t = topic_xml(r, pg, c);
	o.category_id = c->id;
	o.offset = (page - 1) * PER_PAGE;
	if ((e = item_list(r, t, &o, &total)) != DB_OK)
		return HTTP_DB(e);
	/* A topic with no question the visitor may see is not theirs. */
	if (total == 0)
		return 404;
	return list_pages_xml(pg, page, PER_PAGE, total);
}

int
page_faq(struct req *r)
{
	return r->nargs == 1 ? faq_topic(r, r->args[0]) : faq_all(r);
}
