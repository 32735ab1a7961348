/*
 * GET /staff/tickets/reports: for each week of the last `weeks` (12 by
 * default) and each department, and for all departments together: the
 * tickets opened, the first-response and resolution times (median and
 * 90th percentile, in minutes from opening), the share whose targets
 * were breached, and the customers' satisfaction (mean rating, how many
 * rated).  The theme draws each measure as a chart (SVG) with a table
 * beside it.
 *
 * Computed in SQL, per request: the tickets opened in the period are a
 * range of tickets_created (created_at), so the page reads the tickets of
 * its weeks, never the table; PERCENTILE_CONT over each week's (and
 * department's) rows gives the median and p90.  A ticket counts as
 * breached when it was answered or resolved after its due time, is past
 * one still open, or sla-tick marked it breached.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

#define REPORT_WEEKS	12
#define REPORT_MAX_WEEKS 53

/* Monday of the week of created_at (ISO weeks), as text. */
#define WEEK_OF	"DATE_FORMAT(t.created_at - INTERVAL WEEKDAY(t.created_at) " \
	"DAY, '%Y-%m-%d')"
#define FR_MIN	"TIMESTAMPDIFF(MINUTE, t.created_at, t.first_response_at)"
#define RS_MIN	"TIMESTAMPDIFF(MINUTE, t.created_at, t.resolved_at)"
#define BREACHED \
	"(t.sla_state = 2 OR t.escalated > 0 OR " \
	"t.first_response_at > t.first_response_due OR " \
	"t.resolved_at > t.resolution_due OR " \
	"(t.first_response_at IS NULL AND t.first_response_due < NOW()) OR " \
	"(t.resolved_at IS NULL AND t.resolution_due < NOW()))"
/* One row per ticket with its part's percentiles; part is the
 * department, or 0 for all of them together. */
#define REPORT_ROWS(part) \
	"SELECT " part " AS part, " WEEK_OF " AS week, " \
	FR_MIN " AS fr, " RS_MIN " AS rs, " BREACHED " AS breached, " \
	"t.rating AS rating, " \
	"PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY " FR_MIN ") OVER " \
	"(PARTITION BY " part ", " WEEK_OF ") AS fr50, " \
	"PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY " FR_MIN ") OVER " \
	"(PARTITION BY " part ", " WEEK_OF ") AS fr90, " \
	"PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY " RS_MIN ") OVER " \
	"(PARTITION BY " part ", " WEEK_OF ") AS rs50, " \
	"PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY " RS_MIN ") OVER " \
	"(PARTITION BY " part ", " WEEK_OF ") AS rs90 " \
	"FROM tickets t FORCE INDEX (tickets_created) " \
	"WHERE t.created_at >= ? AND t.merged_into IS NULL " \
	"AND (? = 0 OR t.department_id = ?)"
#define REPORT_SQL(part) \
	"SELECT part, week, COUNT(*), COUNT(fr), ROUND(MAX(fr50)), " \
	"ROUND(MAX(fr90)), COUNT(rs), ROUND(MAX(rs50)), ROUND(MAX(rs90)), " \
	"SUM(breached), COUNT(rating), ROUND(AVG(rating), 2) FROM (" \
	REPORT_ROWS(part) ") x GROUP BY part, week ORDER BY week, part"
enum { R_PART, R_WEEK, R_TICKETS, R_ANSWERED, R_FR50, R_FR90, R_RESOLVED,
    R_RS50, R_RS90, R_BREACHED, R_RATED, R_RATING, R__MAX };
static struct dbstmt q_by_dept = DBSTMT_COLS(
    REPORT_SQL("t.department_id"), R__MAX);
static struct dbstmt q_all = DBSTMT_COLS(REPORT_SQL("0"), R__MAX);

enum { SINCE_DAY, SINCE__MAX };
static struct dbstmt q_since = DBSTMT_COLS(
    "SELECT DATE_FORMAT(CURDATE() - INTERVAL WEEKDAY(CURDATE()) DAY - "
    "INTERVAL ? WEEK, '%Y-%m-%d')", SINCE__MAX);

static void
report_row_xml(xmlNodePtr l, const struct dbres *res, size_t i)
{
	static const char *const names[R__MAX] = { "department", "start",
	    "tickets", "answered", "first-median", "first-p90", "resolved",
	    "resolution-median", "resolution-p90", "breached", "rated",
	    "rating" };
	xmlNodePtr	 n;
	const char	*v;
	size_t		 k;
	long		 t, b;

	n = xml_elem(l, "week");
	for (k = 0; k < R__MAX; k++)
		if (*(v = dbres_get(res, i, k)) != '\0')
			xml_attr(n, names[k], v);
	t = strtol(dbres_get(res, i, R_TICKETS), NULL, 10);
	b = strtol(dbres_get(res, i, R_BREACHED), NULL, 10);
	if (t > 0)
		xml_attrf(n, "breach-percent", "%ld", (b * 100 + t / 2) / t);
}

static int
report_run(xmlNodePtr pg, const char *name, struct dbstmt *st,
    const char *since, unsigned dept)
{
	struct dbres	*res;
	struct dbarg	 a[3];
	xmlNodePtr	 l;
	size_t		 i;
	int		 e;

	a[0] = DBS(since);
	a[1] = DBI(dept);
	a[2] = DBI(dept);
	if ((e = db_query(st, &res, 3, a)) != DB_OK)
		return e;
	l = xml_elem(pg, name);
	for (i = 0; i < res->nrows; i++)
		report_row_xml(l, res, i);
	dbres_free(res);
	return DB_OK;
}

int
page_staff_ticket_reports(struct req *r)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	const char	*v, *since;
	xmlNodePtr	 pg;
	unsigned	 dept;
	long		 weeks;
	int		 e;

	weeks = (v = kv_get(&r->query, "weeks")) ? strtol(v, NULL, 10) :
	    REPORT_WEEKS;
	if (weeks < 1 || weeks > REPORT_MAX_WEEKS)
		return page_error(r, 400, "invalid-param", "weeks");
	dept = (v = kv_get(&r->query, "department")) ?
	    (unsigned)strtoul(v, NULL, 10) : 0;
	a[0] = DBI(weeks - 1);
	if ((e = db_query(&q_since, &res, 1, a)) != DB_OK)
		return HTTP_DB(e);
	since = arena_strdup(r->arena, dbres_get(res, 0, SINCE_DAY));
	dbres_free(res);
	pg = page_new(r, "staff-ticket-reports");
	xml_attrf(pg, "weeks", "%ld", weeks);
	xml_attrf(pg, "department", "%u", dept);
	xml_attr(pg, "since", since);
	if ((e = staff_departments_xml(r, pg, dept, NULL)) != DB_OK ||
	    (e = report_run(pg, "overall", &q_all, since, dept)) != DB_OK ||
	    (e = report_run(pg, "by-department", &q_by_dept, since, dept)) !=
	    DB_OK)
		return HTTP_DB(e);
	return 200;
}
