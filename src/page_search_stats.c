/*
 * GET /staff/search?from=&to=: what visitors search for over a period
 * (the last 30 days unless told): the top queries, the queries that
 * found nothing (each with a link that starts a draft titled after it)
 * and the queries whose results nobody opened; and the new-ticket
 * form's deflections (page_tickets.c).
 */
#include "config.h"

#include <string.h>

#include "portico.h"

#define PERIOD \
	"created_at >= IFNULL(STR_TO_DATE(?, '%Y-%m-%d'), " \
	"UTC_DATE() - INTERVAL 30 DAY) AND created_at < " \
	"IFNULL(STR_TO_DATE(?, '%Y-%m-%d'), UTC_DATE()) + INTERVAL 1 DAY"

/*
 * The columns of the three query tables: the query, how often, then the
 * average number of results (the language for queries that found
 * nothing) and, for the top queries only, how often a result was opened.
 */
enum { QT_QUERY, QT_COUNT, QT_EXTRA, QT_OPENED, QT__MAX };
static struct dbstmt q_top = DBSTMT_COLS(
    "SELECT query, COUNT(*) AS n, ROUND(AVG(results)), "
    "SUM(opened_item IS NOT NULL) FROM search_log WHERE " PERIOD
    " GROUP BY query ORDER BY n DESC, query LIMIT 50", QT__MAX);
static struct dbstmt q_none = DBSTMT_COLS(
    "SELECT query, COUNT(*) AS n, MAX(lang) FROM search_log WHERE " PERIOD
    " AND results = 0 GROUP BY query ORDER BY n DESC, query LIMIT 50",
    QT_OPENED);
static struct dbstmt q_unopened = DBSTMT_COLS(
    "SELECT query, COUNT(*) AS n, ROUND(AVG(results)) FROM search_log "
    "WHERE " PERIOD " AND results > 0 GROUP BY query "
    "HAVING SUM(opened_item IS NOT NULL) = 0 ORDER BY n DESC, query LIMIT 50",
    QT_OPENED);
enum { TOTALS_SEARCHES, TOTALS_EMPTY, TOTALS_OPENED, TOTALS__MAX };
static struct dbstmt q_totals = DBSTMT_COLS(
    "SELECT COUNT(*), SUM(results = 0), SUM(opened_item IS NOT NULL) "
    "FROM search_log WHERE " PERIOD, TOTALS__MAX);

static int
table(struct req *r, xmlNodePtr pg, const char *name, struct dbstmt *st,
    struct dbarg *a)
{
	struct dbres	*res;
	xmlNodePtr	 l, n;
	size_t		 i;
	int		 e;

	if ((e = db_query(st, &res, 2, a)) != DB_OK)
		return e;
	l = xml_elem(pg, "queries");
	xml_attr(l, "name", name);
	for (i = 0; i < res->nrows; i++) {
		n = xml_text(l, "query", dbres_get(res, i, QT_QUERY));
		xml_attr(n, "count", dbres_get(res, i, QT_COUNT));
		/* A NULL cell reads "": no attribute rather than an empty one. */
		if (res->ncols > QT_EXTRA && *dbres_get(res, i, QT_EXTRA))
			xml_attr(n, strcmp(name, "none") ? "results" : "lang",
			    dbres_get(res, i, QT_EXTRA));
		if (res->ncols > QT_OPENED && *dbres_get(res, i, QT_OPENED))
			xml_attr(n, "opened", dbres_get(res, i, QT_OPENED));
	}
	dbres_free(res);
	return DB_OK;
}

int
page_staff_search_stats(struct req *r)
{
	struct dbres	*res;
	struct dbarg	 a[2];
	const char	*from = kv_get(&r->query, "from");
	const char	*to = kv_get(&r->query, "to");
	xmlNodePtr	 pg;
	int		 e;

	a[0] = from && *from ? DBS(from) : DBNULL;
	a[1] = to && *to ? DBS(to) : DBNULL;
	if ((e = db_query(&q_totals, &res, 2, a)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "staff-search");
	xml_attr(pg, "from", from ? from : "");
	xml_attr(pg, "to", to ? to : "");
	xml_attr(pg, "searches", dbres_get(res, 0, TOTALS_SEARCHES));
	/* SUM() over no rows is NULL, which dbres_get() reads as "". */
	xml_attr(pg, "empty", *dbres_get(res, 0, TOTALS_EMPTY) ?
	    dbres_get(res, 0, TOTALS_EMPTY) : "0");
	xml_attr(pg, "opened", *dbres_get(res, 0, TOTALS_OPENED) ?
	    dbres_get(res, 0, TOTALS_OPENED) : "0");
	dbres_free(res);
	if ((e = table(r, pg, "top", &q_top, a)) != DB_OK ||
	    (e = table(r, pg, "none", &q_none, a)) != DB_OK ||
	    (e = table(r, pg, "unopened", &q_unopened, a)) != DB_OK ||
	    (e = deflections_xml(r, pg, a)) != DB_OK)
		return HTTP_DB(e);
	return 200;
}
