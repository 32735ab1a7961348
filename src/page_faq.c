/*
 * GET /faq: every question with its answer, grouped by topic (the
 * category); GET /faq/SLUG: one topic's questions.  Answers are
 * Markdown and may link articles.  A topic is listed, and answers, only
 * when the visitor may see one of its questions (ACCESS_SQL).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

enum { TOPICS_ID, TOPICS_SLUG, TOPICS_SHOWN, TOPICS_POSITION, TOPICS__MAX };
static struct dbstmt q_topics = DBSTMT_COLS(
    "SELECT DISTINCT c.id, c.slug, " CATEGORY_NAME("c") " AS shown, "
    "c.position FROM categories c "
    "JOIN items i ON i.category_id = c.id AND i.kind = 'faq' "
    "AND i.status = 'published' AND " ACCESS_SQL("i.visibility", "i.id")
    " WHERE ? = '' OR c.slug = ? "
    "ORDER BY c.position, shown", TOPICS__MAX);

static int
faq(struct req *r, const char *only)
{
	struct list_opts o = { .name = "questions", .kind = "faq",
	    .by_title = true, .bodies = true, .limit = 200 };
	struct dbres	*res;
	struct dbarg	 a[7];
	xmlNodePtr	 pg, t;
	size_t		 i;
	int		 e;

	a[0] = DBS(r->cat->code);
	content_access_args(r, a + 1);
	a[5] = DBS(only ? only : "");
	a[6] = DBS(only ? only : "");
	if ((e = db_query(&q_topics, &res, 7, a)) != DB_OK)
		return HTTP_DB(e);
	if (only != NULL && res->nrows == 0) {
		dbres_free(res);
		return 404;
	}
	pg = page_new(r, "faq");
	if (only != NULL)
		xml_attr(pg, "topic", only);
	for (i = 0; i < res->nrows; i++) {
		t = xml_elem(pg, "topic");
		xml_attr(t, "slug", dbres_get(res, i, TOPICS_SLUG));
		xml_text(t, "name", dbres_get(res, i, TOPICS_SHOWN));
		o.category_id = (unsigned)strtoul(dbres_get(res, i, TOPICS_ID),
		    NULL, 10);
		if ((e = item_list(r, t, &o, NULL)) != DB_OK) {
			dbres_free(res);
			return HTTP_DB(e);
		}
	}
	dbres_free(res);
	return 200;
}

int
page_faq(struct req *r)
{
	return faq(r, r->nargs == 1 ? r->args[0] : NULL);
}
