/*
 * GET /staff/tickets/reports: for each week of the last `weeks` (12 by
 * default) and each department, and for all departments together: the
 * tickets opened, the first-response and resolution times (median and
 * 90th percentile, in minutes from opening), the share whose targets
 * were breached, and the customers' satisfaction (mean rating, how many
 * rated).  The theme draws each measure as a chart (SVG) with a table
 * beside it.
 *
 * Computed in SQL: PERCENTILE_CONT over each week's (and department's)
 * tickets, a range of tickets_created, gives the median and p90.  The
 * past weeks are derived rows (sql/021_ticket_reports.sql) that
 * `portico-admin ticket-reports` computes again nightly
 * (ticket_reports_derive()), so the page reads a few rows for them; the
 * current week, whose tickets come in as it is read, is computed from
 * its tickets.  A ticket counts as breached when it was answered or
 * resolved after its due time, is past one still open, or sla-tick
 * marked it breached.
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
	"WHERE t.created_at >= ? AND t.created_at < ? " \
	"AND t.merged_into IS NULL " \
	"AND (? = 0 OR t.department_id = ?)"
#define REPORT_SQL(part) \
	"SELECT part, week, COUNT(*), COUNT(fr), ROUND(MAX(fr50)), " \
	"ROUND(MAX(fr90)), COUNT(rs), ROUND(MAX(rs50)), ROUND(MAX(rs90)), " \
	"COALESCE(SUM(breached), 0), COUNT(rating), ROUND(AVG(rating), 2) " \
	"FROM (" \
	REPORT_ROWS(part) ") x GROUP BY part, week ORDER BY week, part"
enum { R_PART, R_WEEK, R_TICKETS, R_ANSWERED, R_FR50, R_FR90, R_RESOLVED,
    R_RS50, R_RS90, R_BREACHED, R_RATED, R_RATING, R__MAX };
static struct dbstmt q_by_dept = DBSTMT_COLS(
    REPORT_SQL("t.department_id"), R__MAX);
static struct dbstmt q_all = DBSTMT_COLS(REPORT_SQL("0"), R__MAX);

/* The derived weeks: the same columns, read and written. */
#define DERIVED_COLS \
	"department_id, week, tickets, answered, first_median, first_p90, " \
	"resolved, resolution_median, resolution_p90, breached, rated, rating"
static struct dbstmt q_derived = DBSTMT_COLS(
    "SELECT department_id, DATE_FORMAT(week, '%Y-%m-%d'), tickets, "
    "answered, first_median, first_p90, resolved, resolution_median, "
    "resolution_p90, breached, rated, rating FROM ticket_report_weeks "
    "WHERE week >= ? AND week < ? AND department_id IN (0, ?) "
    "ORDER BY week, department_id LIMIT 5000", R__MAX);
static struct dbstmt q_derived_dept = DBSTMT_COLS(
    "SELECT department_id, DATE_FORMAT(week, '%Y-%m-%d'), tickets, "
    "answered, first_median, first_p90, resolved, resolution_median, "
    "resolution_p90, breached, rated, rating FROM ticket_report_weeks "
    "WHERE week >= ? AND week < ? ORDER BY week, department_id "
    "LIMIT 5000", R__MAX);
static struct dbstmt q_derive_clear = DBSTMT(
    "DELETE FROM ticket_report_weeks WHERE week >= ? AND week < ?");
static struct dbstmt q_derive_all = DBSTMT(
    "INSERT INTO ticket_report_weeks (" DERIVED_COLS ", computed_at) "
    "SELECT *, NOW() FROM (" REPORT_SQL("0") ") r");
static struct dbstmt q_derive_by_dept = DBSTMT(
    "INSERT INTO ticket_report_weeks (" DERIVED_COLS ", computed_at) "
    "SELECT *, NOW() FROM (" REPORT_SQL("t.department_id") ") r");

/* The Monday weeks before this one, this week's, and when the past
 * weeks were computed (empty: never). */
enum { SINCE_DAY, SINCE_MONDAY, SINCE_COMPUTED, SINCE__MAX };
static struct dbstmt q_since = DBSTMT_COLS(
    "SELECT DATE_FORMAT(CURDATE() - INTERVAL WEEKDAY(CURDATE()) DAY - "
    "INTERVAL ? WEEK, '%Y-%m-%d'), "
    "DATE_FORMAT(CURDATE() - INTERVAL WEEKDAY(CURDATE()) DAY, '%Y-%m-%d'), "
    "(SELECT " SQL_EPOCH("MAX(computed_at)") " FROM ticket_report_weeks)",
    SINCE__MAX);

#define REPORT_END	"9999-01-01"	/* no end: the current week */

static xmlNodePtr
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
	return n;
}

/* The current week from its tickets, [from, ...), into l. */
static int
report_run(xmlNodePtr l, struct dbstmt *st, const char *from, unsigned dept)
{
	struct dbres	*res;
	struct dbarg	 a[4];
	size_t		 i;
	int		 e;

	a[0] = DBS(from);
	a[1] = DBS(REPORT_END);
	a[2] = DBI(dept);
	a[3] = DBI(dept);
	if ((e = db_query(st, &res, 4, a)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows; i++)
		report_row_xml(l, res, i);
	dbres_free(res);
	return DB_OK;
}

/*
 * The derived weeks [from, to): department 0's rows to all, the others'
 * to by; with a department chosen, its rows to both (all is then that
 * department alone, as the current week's computation has it).
 */
static int
report_derived(xmlNodePtr all, xmlNodePtr by, const char *from,
    const char *to, unsigned dept)
{
	struct dbres	*res;
	struct dbarg	 a[3];
	unsigned	 d;
	size_t		 i;
	int		 e;

	a[0] = DBS(from);
	a[1] = DBS(to);
	a[2] = DBI(dept);
	if ((e = db_query(dept != 0 ? &q_derived : &q_derived_dept, &res,
	    dept != 0 ? 3 : 2, a)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows; i++) {
		d = (unsigned)strtoul(dbres_get(res, i, R_PART), NULL, 10);
		if (dept == 0)
			report_row_xml(d == 0 ? all : by, res, i);
		else if (d == dept) {
			report_row_xml(by, res, i);
			xml_attr(report_row_xml(all, res, i), "department",
			    "0");
		}
	}
	dbres_free(res);
	return DB_OK;
}

/*
 * Compute the derived rows of the `weeks` weeks before the current one
 * again (portico-admin ticket-reports); *rows the rows stored.  One
 * transaction: the page sees the old weeks or the new, never none.
 */
struct derive {
	long		 weeks;
	uint64_t	 rows;
};

static int
derive_tx(void *arg)
{
	struct derive	*d = arg;
	struct dbres	*res;
	struct dbarg	 a[4];
	const char	*from, *to;
	uint64_t	 n;
	int		 e;

	a[0] = DBI(d->weeks);
	if ((e = db_query(&q_since, &res, 1, a)) != DB_OK)
		return e;
	from = xstrdup(dbres_get(res, 0, SINCE_DAY));
	to = xstrdup(dbres_get(res, 0, SINCE_MONDAY));
	dbres_free(res);
	a[0] = DBS(from);
	a[1] = DBS(to);
	a[2] = DBI(0);
	a[3] = DBI(0);
	d->rows = 0;
	if ((e = db_exec(&q_derive_clear, NULL, NULL, 2, a)) == DB_OK &&
	    (e = db_exec(&q_derive_all, &n, NULL, 4, a)) == DB_OK) {
		d->rows += n;
		if ((e = db_exec(&q_derive_by_dept, &n, NULL, 4, a)) == DB_OK)
			d->rows += n;
	}
	free((char *)from);
	free((char *)to);
	return e;
}

int
ticket_reports_derive(long weeks, size_t *rows)
{
	struct derive	d = { weeks, 0 };
	int		e;

	if (weeks < 1 || weeks > 520)
		return DB_ERROR;
	e = db_tx(derive_tx, &d);
	*rows = (size_t)d.rows;
	return e;
}

int
page_staff_ticket_reports(struct req *r)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	const char	*v, *since, *monday, *computed;
	xmlNodePtr	 pg, all, by;
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
	monday = arena_strdup(r->arena, dbres_get(res, 0, SINCE_MONDAY));
	computed = arena_strdup(r->arena, dbres_get(res, 0, SINCE_COMPUTED));
	dbres_free(res);
	pg = page_new(r, "staff-ticket-reports");
	xml_attrf(pg, "weeks", "%ld", weeks);
	xml_attrf(pg, "department", "%u", dept);
	xml_attr(pg, "since", since);
	if ((e = staff_departments_xml(r, pg, dept, NULL)) != DB_OK)
		return HTTP_DB(e);
	staff_time_xml(r, pg, "computed", computed);
	all = xml_elem(pg, "overall");
	by = xml_elem(pg, "by-department");
	if ((e = report_derived(all, by, since, monday, dept)) != DB_OK ||
	    (e = report_run(all, &q_all, monday, dept)) != DB_OK ||
	    (e = report_run(by, &q_by_dept, monday, dept)) != DB_OK)
		return HTTP_DB(e);
	return 200;
}
