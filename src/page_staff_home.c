/*
 * GET /staff: the staff home.  What needs attention first (the newest
 * drafts, the searches of the last days that found nothing, the recent
 * "not helpful" votes on articles) and a link to every staff page the
 * viewer may open.  Three statements, each walking an index of
 * sql/018_staff_home.sql and stopping at its limit; each carries its
 * total as a column of its own, so no fourth one counts.
 */
#include "config.h"

#include "portico.h"

#define HOME_SHOWN	5	/* rows of each list */
#define HOME_DAYS	7	/* searches and votes of this many days */

/*
 * Every GET page of the staff that needs no path segment, with the
 * least role the route table asks for it and the catalog key of its
 * name.  tests/unit/t_route.c walks the route table to prove this list
 * and the table the same.
 */
const struct staff_link staff_links[] = {
	/* tickets: staff */
	{ "/staff/tickets",		ROLE_AGENT, "staff-tickets.title" },
	{ "/staff/tickets/reports",	ROLE_AGENT, "staff-ticket-reports.title" },
	{ "/staff/tickets/canned",	ROLE_AGENT, "staff-canned.title" },
	{ "/staff/tickets/held",	ROLE_AGENT, "staff-held.title" },
	{ "/staff/tickets/departments",	ROLE_ADMIN, "staff-departments.title" },
	{ "/staff/tickets/policies",	ROLE_ADMIN, "staff-policies.title" },
	{ "/staff/content",		ROLE_AGENT, "staff-content.title" },
	{ "/staff/content/new",		ROLE_AGENT, "staff-content.new" },
	{ "/staff/categories",		ROLE_AGENT, "staff-categories.title" },
	{ "/staff/search",		ROLE_AGENT, "staff-search.title" },
	{ "/staff/search/synonyms",	ROLE_AGENT, "staff-synonyms.title" },
	{ "/staff/ideas",		ROLE_AGENT, "staff-ideas.title" },
	{ "/staff/users",		ROLE_AGENT, "staff-users.title" },
	{ "/staff/accounts",		ROLE_AGENT, "staff-accounts.title" },
	{ "/staff/segments",		ROLE_ADMIN, "staff-segments.title" },
	{ "/staff/audit",		ROLE_ADMIN, "staff-audit.title" },
	{ "/staff/community",		ROLE_AGENT, "forum-staff.title" },
	{ "/staff/community/categories", ROLE_AGENT, "forum-categories.title" },
	{ NULL,				ROLE_ANON, NULL }
};

enum { DRAFT_ID, DRAFT_KIND, DRAFT_LANG, DRAFT_TITLE, DRAFT_UPDATED,
    DRAFT_TOTAL, DRAFT__MAX };
static struct dbstmt q_drafts = DBSTMT_COLS(
    "SELECT i.id, i.kind, i.lang, i.title, "
    "DATE_FORMAT(i.updated_at, '%Y-%m-%d %H:%i'), "
    "(SELECT COUNT(*) FROM items d WHERE d.status = 'draft') "
    "FROM items i WHERE i.status = 'draft' "
    "ORDER BY i.updated_at DESC, i.id DESC LIMIT ?", DRAFT__MAX);

enum { EMPTY_QUERY, EMPTY_COUNT, EMPTY_LANG, EMPTY_TOTAL, EMPTY__MAX };
static struct dbstmt q_empty = DBSTMT_COLS(
    "SELECT query, COUNT(*) AS n, MAX(lang), "
    "(SELECT COUNT(*) FROM search_log e WHERE e.results = 0 AND "
    "e.created_at >= NOW() - INTERVAL ? DAY) "
    "FROM search_log WHERE results = 0 AND "
    "created_at >= NOW() - INTERVAL ? DAY "
    "GROUP BY query ORDER BY n DESC, query LIMIT ?", EMPTY__MAX);

enum { NEG_ITEM, NEG_KIND, NEG_LANG, NEG_TITLE, NEG_COMMENT, NEG_AT,
    NEG_TOTAL, NEG__MAX };
static struct dbstmt q_negative = DBSTMT_COLS(
    "SELECT f.item_id, i.kind, i.lang, i.title, f.comment, "
    "DATE_FORMAT(f.created_at, '%Y-%m-%d %H:%i'), "
    "(SELECT COUNT(*) FROM item_feedback c WHERE c.helpful = 0 AND "
    "c.created_at >= NOW() - INTERVAL ? DAY) "
    "FROM item_feedback f JOIN items i ON i.id = f.item_id "
    "WHERE f.helpful = 0 AND f.created_at >= NOW() - INTERVAL ? DAY "
    "ORDER BY f.created_at DESC, f.item_id DESC LIMIT ?", NEG__MAX);

/*
 * Run st with args a and make <name count="TOTAL"> under pg, its total
 * from column total of the first row (0 without rows).  The result is
 * left in *res for the caller's rows.
 */
static int
home_list(xmlNodePtr pg, const char *name, struct dbstmt *st, size_t na,
    const struct dbarg *a, size_t total, struct dbres **res,
    xmlNodePtr *list)
{
	int	e;

	if ((e = db_query(st, res, na, a)) != DB_OK)
		return e;
	*list = xml_elem(pg, name);
	xml_attr(*list, "count", (*res)->nrows > 0 ?
	    dbres_get(*res, 0, total) : "0");
	return DB_OK;
}

static int
home_drafts(xmlNodePtr pg)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	xmlNodePtr	 l, n;
	size_t		 i;
	int		 e;

	a[0] = DBI(HOME_SHOWN);
	if ((e = home_list(pg, "drafts", &q_drafts, 1, a, DRAFT_TOTAL, &res,
	    &l)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows; i++) {
		n = xml_text(l, "item", dbres_get(res, i, DRAFT_TITLE));
		xml_attr(n, "id", dbres_get(res, i, DRAFT_ID));
		xml_attr(n, "kind", dbres_get(res, i, DRAFT_KIND));
		xml_attr(n, "lang", dbres_get(res, i, DRAFT_LANG));
		xml_attr(n, "updated", dbres_get(res, i, DRAFT_UPDATED));
	}
	dbres_free(res);
	return DB_OK;
}

static int
home_empty_searches(xmlNodePtr pg)
{
	struct dbres	*res;
	struct dbarg	 a[3];
	xmlNodePtr	 l, n;
	size_t		 i;
	int		 e;

	a[0] = DBI(HOME_DAYS);
	a[1] = DBI(HOME_DAYS);
	a[2] = DBI(HOME_SHOWN);
	if ((e = home_list(pg, "empty-searches", &q_empty, 3, a, EMPTY_TOTAL,
	    &res, &l)) != DB_OK)
		return e;
	xml_attrf(l, "days", "%d", HOME_DAYS);
	for (i = 0; i < res->nrows; i++) {
		n = xml_text(l, "query", dbres_get(res, i, EMPTY_QUERY));
		xml_attr(n, "count", dbres_get(res, i, EMPTY_COUNT));
		xml_attr(n, "lang", dbres_get(res, i, EMPTY_LANG));
	}
	dbres_free(res);
	return DB_OK;
}

static int
home_negative(xmlNodePtr pg)
{
	struct dbres	*res;
	struct dbarg	 a[3];
	xmlNodePtr	 l, n;
	size_t		 i;
	int		 e;

	a[0] = DBI(HOME_DAYS);
	a[1] = DBI(HOME_DAYS);
	a[2] = DBI(HOME_SHOWN);
	if ((e = home_list(pg, "unhelpful", &q_negative, 3, a, NEG_TOTAL,
	    &res, &l)) != DB_OK)
		return e;
	xml_attrf(l, "days", "%d", HOME_DAYS);
	for (i = 0; i < res->nrows; i++) {
		n = xml_elem(l, "vote");
		xml_attr(n, "item", dbres_get(res, i, NEG_ITEM));
		xml_attr(n, "kind", dbres_get(res, i, NEG_KIND));
		xml_attr(n, "lang", dbres_get(res, i, NEG_LANG));
		xml_attr(n, "at", dbres_get(res, i, NEG_AT));
		xml_text(n, "title", dbres_get(res, i, NEG_TITLE));
		if (*dbres_get(res, i, NEG_COMMENT) != '\0')
			xml_text(n, "comment", dbres_get(res, i, NEG_COMMENT));
	}
	dbres_free(res);
	return DB_OK;
}

/* The staff pages this viewer may open. */
static void
home_links(struct req *r, xmlNodePtr pg)
{
	xmlNodePtr	 l, n;
	size_t		 i;

	l = xml_elem(pg, "links");
	for (i = 0; staff_links[i].path != NULL; i++) {
		if (r->role < staff_links[i].role)
			continue;
		n = xml_elem(l, "link");
		xml_attr(n, "href", staff_links[i].path);
		xml_attr(n, "label", staff_links[i].label);
	}
}

int
page_staff_home(struct req *r)
{
	xmlNodePtr	pg;
	int		e;

	pg = page_new(r, "staff-home");
	if ((e = home_drafts(pg)) != DB_OK ||
	    (e = home_empty_searches(pg)) != DB_OK ||
	    (e = home_negative(pg)) != DB_OK)
		return HTTP_DB(e);
	home_links(r, pg);
	return 200;
}
