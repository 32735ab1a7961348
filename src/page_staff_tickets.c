/*
 * GET /staff/tickets: the queue of every account's tickets, for agents.
 * Filters: department, status view (active = new and open, or one
 * status), assignee (me, unassigned, anyone), priority, due (soon:
 * within STAFF_DUE_SOON_HOURS; breached: past), and the queue's own
 * search box (q: a reference opens that ticket, other words are found
 * in the subjects and messages of the tickets the filters leave,
 * through the search index: ticket_search.c).  Sorted by the
 * earliest open target (tickets.next_due, derived on write by ticket.c),
 * fifty a page, with the counts of each view.
 *
 * Every list statement walks one index of sql/019_tickets.sql in due
 * order and stops at its limit: each status of the view is a branch of
 * a UNION that reads (status, next_due) of one index, led by the
 * department or the assignee when those are filtered (the optimizer
 * folds the bound "? = 0 OR" filters, FORCE INDEX names the index), so
 * a page reads about offset + fifty rows per status, never the table.
 * A page runs 4 statements, with words or without (t220): the
 * departments, the counts, the list, and the session's.
 *
 * Also the parts the other staff ticket pages share: the departments
 * in the viewer's language, the staff who may be assigned, a time as
 * the viewer reads it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "portico.h"

#define QUEUE_PER_PAGE	50
#define QUEUE_MAX_PAGE	100	/* deeper is a narrower filter's job */

const char *const staff_ticket_views[] = {
	"active", "new", "open", "waiting", "resolved", "closed", NULL
};
const char *const staff_ticket_assignees[] = {
	"anyone", "me", "unassigned", NULL
};
const char *const staff_ticket_dues[] = { "soon", "breached", NULL };

/* The due filter: (mode, mode, mode), 0 any, 1 soon, 2 breached. */
#define QUEUE_DUE_FILTER \
	"AND (? = 0 OR (? = 1 AND t.next_due >= NOW() AND t.next_due < " \
	"NOW() + INTERVAL 4 HOUR) OR (? = 2 AND t.next_due < NOW())) "
/*
 * One branch: one status's tickets in due order, the filters bound as
 * (mode, value) pairs whose mode 0 means "any".  ix is the index.
 */
#define QUEUE_BRANCH(ix) \
	"(SELECT t.id, t.next_due FROM tickets t FORCE INDEX (" ix ") " \
	"WHERE t.status = ? " \
	"AND (? = 0 OR (? = 1 AND t.assignee_id = ?) OR " \
	"(? = 2 AND t.assignee_id IS NULL)) " \
	"AND (? = 0 OR t.department_id = ?) " \
	"AND (? = '' OR t.priority = ?) " \
	QUEUE_DUE_FILTER \
	"ORDER BY t.next_due, t.id LIMIT ?)"
#define QUEUE_BRANCH_ARGS	14
#define QUEUE_COLUMNS \
	"SELECT t.id, t.ref, t.status, t.priority, t.subject, " \
	"t.department_id, " SQL_EPOCH("t.next_due") ", t.sla_state, " \
	"COALESCE(s.name, ''), u.name, a.name, t.lang, " \
	SQL_EPOCH("t.updated_at") " FROM "
/*
 * From the few rows the branches chose to their tickets, requesters and
 * accounts, each by its key, in that order: left to the statistics, a
 * table of a few accounts was read first and every ticket of each
 * joined against the chosen (10,000 rows for a page of 50).
 */
#define QUEUE_JOINS \
	"STRAIGHT_JOIN users u FORCE INDEX (PRIMARY) " \
	"ON u.id = t.requester_id " \
	"STRAIGHT_JOIN accounts a FORCE INDEX (PRIMARY) " \
	"ON a.id = t.account_id " \
	"LEFT JOIN users s ON s.id = t.assignee_id "
#define QUEUE_SELECT(ix) \
	QUEUE_COLUMNS "(" QUEUE_BRANCH(ix) \
	" UNION ALL " QUEUE_BRANCH(ix) ") q " \
	"STRAIGHT_JOIN tickets t FORCE INDEX (PRIMARY) ON t.id = q.id " \
	QUEUE_JOINS \
	"ORDER BY q.next_due, q.id LIMIT ? OFFSET ?"
enum { Q_ID, Q_REF, Q_STATUS, Q_PRIORITY, Q_SUBJECT, Q_DEPT, Q_DUE, Q_SLA,
    Q_ASSIGNEE, Q_REQUESTER, Q_ACCOUNT, Q_LANG, Q_UPDATED, Q__MAX };
/* By status alone, by department, by assignee, by priority: the index
 * that leads. */
static struct dbstmt q_queue = DBSTMT_COLS(
    QUEUE_SELECT("tickets_queue"), Q__MAX);
static struct dbstmt q_queue_dept = DBSTMT_COLS(
    QUEUE_SELECT("tickets_dept_queue"), Q__MAX);
static struct dbstmt q_queue_assignee = DBSTMT_COLS(
    QUEUE_SELECT("tickets_assignee"), Q__MAX);
static struct dbstmt q_queue_priority = DBSTMT_COLS(
    QUEUE_SELECT("tickets_priority_queue"), Q__MAX);
/*
 * The search box's words: Mroonga finds the tickets whose subject or
 * messages have them (ticket_search.c's documents, whose facet words
 * hold the status, department and priority filters), the best 1,000
 * by score; of those, the ones the filters leave (each
 * filter again on the ticket's row: a document may lag its ticket by a
 * moment) in due order.  A page reads at most that many matches and
 * their tickets, however many tickets there are.
 */
static struct dbstmt q_queue_search = DBSTMT_COLS(
    QUEUE_COLUMNS "(SELECT d.item_id, MATCH (d.title_terms, d.body_terms, "
    "d.facets) AGAINST (? IN BOOLEAN MODE) AS score FROM search_docs d "
    "WHERE MATCH (d.title_terms, d.body_terms, d.facets) AGAINST "
    "(? IN BOOLEAN MODE) ORDER BY score DESC LIMIT 1000) m "
    "STRAIGHT_JOIN tickets t FORCE INDEX (PRIMARY) ON t.id = m.item_id "
    QUEUE_JOINS
    "WHERE t.status IN (?, ?) "
    "AND (? = 0 OR (? = 1 AND t.assignee_id = ?) OR "
    "(? = 2 AND t.assignee_id IS NULL)) "
    "AND (? = 0 OR t.department_id = ?) "
    "AND (? = '' OR t.priority = ?) " QUEUE_DUE_FILTER
    "ORDER BY t.next_due, t.id LIMIT ? OFFSET ?", Q__MAX);

/*
 * The counts of the views.  Those of a status, an assignee or nobody
 * are sums over the few rows of ticket_queue_counts, which triggers keep
 * as tickets change (migration 035).  Those of a due time (breached, due
 * within four hours) change as the clock moves, so they count an index
 * range of the open tickets, up to COUNT_MAX (a bigger one shows as
 * "more than"): each first looks for the range's entry number
 * COUNT_MAX + 1 (an index walk, no derived table to fill), and when
 * there is none COUNT(*) counts the at most COUNT_MAX entries.  Their
 * arguments are bound twice (DUE_ARGS).
 */
#define COUNT_MAX	1000
#define COUNT_OF(ix, where) \
	"IF((SELECT 1 FROM tickets FORCE INDEX (" ix ") WHERE " where \
	" LIMIT 1000, 1) IS NULL, (SELECT COUNT(*) FROM tickets FORCE INDEX " \
	"(" ix ") WHERE " where "), 1001)"
#define DUE_ARGS	2
#define COUNTS(ix, dept) \
	"SELECT COALESCE(SUM(IF(c.status = 'new', c.n, 0)), 0), " \
	"COALESCE(SUM(IF(c.status = 'open', c.n, 0)), 0), " \
	"COALESCE(SUM(IF(c.status = 'waiting', c.n, 0)), 0), " \
	"COALESCE(SUM(IF(c.assignee_id = ?, c.n, 0)), 0), " \
	"COALESCE(SUM(IF(c.assignee_id = 0 AND c.status IN ('new', 'open'), " \
	"c.n, 0)), 0), " \
	COUNT_OF(ix, "status IN ('new', 'open') AND next_due < NOW()" dept) \
	", " COUNT_OF(ix, "status IN ('new', 'open') AND next_due >= NOW() " \
	    "AND next_due < NOW() + INTERVAL 4 HOUR" dept) \
	" FROM ticket_queue_counts c " \
	"WHERE c.status IN ('new', 'open', 'waiting')" dept
enum { C_NEW, C_OPEN, C_WAITING, C_MINE, C_UNASSIGNED, C_BREACHED,
    C_SOON, C__MAX };
/* The due ranges by the queue's indexes, whatever the statistics say
 * after a bulk load (a fresh table's chose a scan of 5,000 rows). */
static struct dbstmt q_counts = DBSTMT_COLS(COUNTS("tickets_queue", ""),
    C__MAX);
static struct dbstmt q_counts_dept = DBSTMT_COLS(
    COUNTS("tickets_dept_queue", " AND department_id = ?"), C__MAX);

enum { BYREF_REF, BYREF__MAX };
static struct dbstmt q_by_ref = DBSTMT_COLS(
    "SELECT ref FROM tickets WHERE ref = ?", BYREF__MAX);

enum { DEPT_ID, DEPT_SLUG, DEPT_NAME, DEPT__MAX };
static struct dbstmt q_departments = DBSTMT_COLS(
    "SELECT d.id, d.slug, COALESCE(n.name, e.name, d.slug) "
    "FROM departments d "
    "LEFT JOIN department_names n ON n.department_id = d.id AND "
    "n.lang = ? "
    "LEFT JOIN department_names e ON e.department_id = d.id AND "
    "e.lang = 'en' "
    "ORDER BY d.position, d.id LIMIT 100", DEPT__MAX);

enum { AGENT_ID, AGENT_NAME, AGENT__MAX };
static struct dbstmt q_agents = DBSTMT_COLS(
    "SELECT id, name FROM users WHERE portal_role IN ('agent', 'admin') "
    "AND status = 'active' ORDER BY name, id LIMIT 200", AGENT__MAX);

/*
 * A field of a staff ticket form: form_field() labelled with the
 * catalog's staff-tickets.field.NAME (names like "status" or "body"
 * mean other things on other forms).
 */
xmlNodePtr
staff_field(xmlNodePtr form, const char *name, const char *type,
    const char *value, const char *error)
{
	xmlNodePtr	f = form_field(form, name, type, value, error);
	char		key[64];

	snprintf(key, sizeof(key), "staff-tickets.field.%s", name);
	xml_attr(f, "label", key);
	return f;
}

/*
 * The instant secs (UTC seconds, as text; NULL or "" for none) as the
 * viewer reads it, in their zone and language; NULL for none.
 */
const char *
staff_time(struct req *r, const char *secs)
{
	const char	*zone, *out;

	if (secs == NULL || *secs == '\0')
		return NULL;
	zone = r->user != NULL && r->user->tz != NULL ? r->user->tz : "UTC";
	if (sla_format(r->arena, strtoll(secs, NULL, 10), zone, r->cat->code,
	    &out) != 0 && sla_format(r->arena, strtoll(secs, NULL, 10), "UTC",
	    r->cat->code, &out) != 0)
		return NULL;
	return out;
}

/*
 * <name at="ISO 8601, UTC">FORMATTED</name> under parent for the instant
 * secs, or nothing when there is none.
 */
void
staff_time_xml(struct req *r, xmlNodePtr parent, const char *name,
    const char *secs)
{
	const char	*s = staff_time(r, secs);
	xmlNodePtr	 n;
	time_t		 t;
	struct tm	 tm;
	char		 iso[32];

	if (s == NULL)
		return;
	n = xml_text(parent, name, s);
	t = (time_t)strtoll(secs, NULL, 10);
	if (gmtime_r(&t, &tm) != NULL &&
	    strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm) > 0)
		xml_attr(n, "at", iso);
}

/*
 * <departments><department id slug [selected]>NAME</department>...
 * under parent, in the page's language; selected is the id shown
 * chosen (0 none); each also an option of the select field (or NULL).
 * Returns a dberr.
 */
int
staff_departments_xml(struct req *r, xmlNodePtr parent, unsigned selected,
    xmlNodePtr field)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	xmlNodePtr	 l, n;
	size_t		 i;
	int		 e;

	a[0] = DBS(r->cat->code);
	if ((e = db_query(&q_departments, &res, 1, a)) != DB_OK)
		return e;
	l = xml_elem(parent, "departments");
	for (i = 0; i < res->nrows; i++) {
		n = xml_text(l, "department", dbres_get(res, i, DEPT_NAME));
		xml_attr(n, "id", dbres_get(res, i, DEPT_ID));
		xml_attr(n, "slug", dbres_get(res, i, DEPT_SLUG));
		if (strtoul(dbres_get(res, i, DEPT_ID), NULL, 10) == selected)
			xml_attr(n, "selected", "yes");
		if (field != NULL)
			form_option(field, dbres_get(res, i, DEPT_ID),
			    dbres_get(res, i, DEPT_NAME));
	}
	dbres_free(res);
	return DB_OK;
}

/* <agents><agent id>NAME</agent>...: who may be assigned, each also an
 * option of the select field (or NULL).  Returns a dberr. */
int
staff_agents_xml(struct req *r, xmlNodePtr parent, xmlNodePtr field)
{
	struct dbres	*res;
	xmlNodePtr	 l, n;
	size_t		 i;
	int		 e;

	if ((e = db_query(&q_agents, &res, 0, NULL)) != DB_OK)
		return e;
	l = xml_elem(parent, "agents");
	for (i = 0; i < res->nrows; i++) {
		n = xml_text(l, "agent", dbres_get(res, i, AGENT_NAME));
		xml_attr(n, "id", dbres_get(res, i, AGENT_ID));
		if (r->user != NULL && r->user->id ==
		    strtoul(dbres_get(res, i, AGENT_ID), NULL, 10))
			xml_attr(n, "me", "yes");
		if (field != NULL)
			form_option(field, dbres_get(res, i, AGENT_ID),
			    dbres_get(res, i, AGENT_NAME));
	}
	dbres_free(res);
	return DB_OK;
}

/* The queue's filters, as the query string gave them. */
struct queue {
	const char	*view, *assignee, *priority, *due, *q;
	unsigned	 dept;
	size_t		 page;
};

static void
queue_read(struct req *r, struct queue *f)
{
	const char	*v;

	f->view = (v = kv_get(&r->query, "status")) ? v : "active";
	f->assignee = (v = kv_get(&r->query, "assignee")) ? v : "anyone";
	f->priority = (v = kv_get(&r->query, "priority")) ? v : "";
	f->due = (v = kv_get(&r->query, "due")) ? v : "";
	f->q = (v = kv_get(&r->query, "q")) ? v : "";
	f->dept = (v = kv_get(&r->query, "department")) ?
	    (unsigned)strtoul(v, NULL, 10) : 0;
	f->page = (v = kv_get(&r->query, "page")) ? strtoul(v, NULL, 10) : 1;
}

static size_t	queue_filter_args(struct req *, const struct queue *,
		    struct dbarg *);

/* Bind one branch's arguments at a for status; returns the count. */
static size_t
queue_branch_args(struct req *r, const struct queue *f, const char *status,
    size_t limit, struct dbarg *a)
{
	size_t		k = 0;

	a[k++] = DBS(status);
	k += queue_filter_args(r, f, a + k);
	a[k++] = DBI(limit);
	return k;
}

/* Bind the assignee, department, priority and due filters at a;
 * returns the count (11). */
static size_t
queue_filter_args(struct req *r, const struct queue *f, struct dbarg *a)
{
	long long	amode, due;
	size_t		k = 0;

	amode = !strcmp(f->assignee, "me") ? 1 :
	    !strcmp(f->assignee, "unassigned") ? 2 : 0;
	due = !strcmp(f->due, "soon") ? 1 : !strcmp(f->due, "breached") ? 2 :
	    0;
	a[k++] = DBI(amode);
	a[k++] = DBI(amode);
	a[k++] = DBI(r->user->id);
	a[k++] = DBI(amode);
	a[k++] = DBI(f->dept);
	a[k++] = DBI(f->dept);
	a[k++] = DBS(f->priority);
	a[k++] = DBS(f->priority);
	a[k++] = DBI(due);
	a[k++] = DBI(due);
	a[k++] = DBI(due);
	return k;
}

static void
queue_row_xml(struct req *r, xmlNodePtr l, const struct dbres *res, size_t i)
{
	xmlNodePtr	n;
	const char	*sla;

	n = xml_elem(l, "ticket");
	xml_attr(n, "id", dbres_get(res, i, Q_ID));
	xml_attr(n, "ref", dbres_get(res, i, Q_REF));
	xml_attr(n, "status", dbres_get(res, i, Q_STATUS));
	xml_attr(n, "priority", dbres_get(res, i, Q_PRIORITY));
	xml_attr(n, "department", dbres_get(res, i, Q_DEPT));
	xml_attr(n, "lang", dbres_get(res, i, Q_LANG));
	sla = dbres_get(res, i, Q_SLA);
	if (*dbres_get(res, i, Q_DUE) != '\0' && strtoll(dbres_get(res, i,
	    Q_DUE), NULL, 10) < (long long)time(NULL))
		xml_attr(n, "sla", "breached");
	else if (!strcmp(sla, "1"))
		xml_attr(n, "sla", "due-soon");
	xml_text(n, "subject", dbres_get(res, i, Q_SUBJECT));
	xml_text(n, "requester", dbres_get(res, i, Q_REQUESTER));
	xml_text(n, "account", dbres_get(res, i, Q_ACCOUNT));
	if (*dbres_get(res, i, Q_ASSIGNEE) != '\0')
		xml_text(n, "assignee", dbres_get(res, i, Q_ASSIGNEE));
	staff_time_xml(r, n, "due", dbres_get(res, i, Q_DUE));
	staff_time_xml(r, n, "updated", dbres_get(res, i, Q_UPDATED));
}

/* The two statuses of the view f->view ("active": new and open; else
 * the one, and the empty status no ticket has). */
static void
queue_statuses(const struct queue *f, const char **s1, const char **s2)
{
	if (!strcmp(f->view, "active")) {
		*s1 = "new";
		*s2 = "open";
	} else {
		*s1 = f->view;
		*s2 = "";
	}
}

/*
 * The Mroonga query of the search box's words q under f's status,
 * department and priority (the documents' facet words), or NULL when
 * q has no word to search for.  In r's arena.
 */
static const char *
queue_search_query(struct req *r, const struct queue *f)
{
	struct text_query	 tq;
	const char		*s1, *s2;
	char			*q;

	if (!text_query_parse(r->arena, f->q, &tq))
		return NULL;
	queue_statuses(f, &s1, &s2);
	q = arena_printf(r->arena, "*D+W1:10,2:1,3:1 %s §kticket",
	    text_query_mroonga(r->arena, &tq, false));
	q = *s2 != '\0' ? arena_printf(r->arena, "%s (§t%s OR §t%s)", q, s1,
	    s2) : arena_printf(r->arena, "%s §t%s", q, s1);
	if (f->dept != 0)
		q = arena_printf(r->arena, "%s §d%u", q, f->dept);
	if (*f->priority != '\0')
		q = arena_printf(r->arena, "%s §r%s", q, f->priority);
	return q;
}

/*
 * Bind the statement of the list at a: the search's when f has words,
 * else the one whose index leads (assignee, department, priority, the
 * status alone).  *k the count; NULL when the words search nothing.
 */
static struct dbstmt *
queue_statement(struct req *r, const struct queue *f, size_t limit,
    struct dbarg *a, size_t *k)
{
	const char	*s1, *s2, *mq;

	queue_statuses(f, &s1, &s2);
	*k = 0;
	if (*f->q != '\0') {
		if ((mq = queue_search_query(r, f)) == NULL)
			return NULL;
		a[(*k)++] = DBS(mq);
		a[(*k)++] = DBS(mq);
		a[(*k)++] = DBS(s1);
		a[(*k)++] = DBS(s2);
		*k += queue_filter_args(r, f, a + *k);
		return &q_queue_search;
	}
	*k = queue_branch_args(r, f, s1, limit, a);
	*k += queue_branch_args(r, f, s2, limit, a + *k);
	return strcmp(f->assignee, "anyone") ? &q_queue_assignee :
	    f->dept != 0 ? &q_queue_dept : *f->priority != '\0' ?
	    &q_queue_priority : &q_queue;
}

/* The page of tickets the filters leave, in due order, under pg. */
static int
queue_list(struct req *r, const struct queue *f, xmlNodePtr pg)
{
	struct dbarg	 a[2 * QUEUE_BRANCH_ARGS + 2];
	struct dbstmt	*st;
	struct dbres	*res;
	xmlNodePtr	 l;
	size_t		 k, i, offset, limit;
	int		 e;

	offset = (f->page - 1) * QUEUE_PER_PAGE;
	limit = offset + QUEUE_PER_PAGE + 1;	/* one more: is there a next */
	l = xml_elem(pg, "tickets");
	xml_attrf(l, "page", "%zu", f->page);
	if ((st = queue_statement(r, f, limit, a, &k)) == NULL)
		return DB_OK;
	a[k++] = DBI(QUEUE_PER_PAGE + 1);
	a[k++] = DBI(offset);
	if ((e = db_query(st, &res, k, a)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows && i < QUEUE_PER_PAGE; i++)
		queue_row_xml(r, l, res, i);
	if (res->nrows > QUEUE_PER_PAGE)
		xml_attrf(l, "next", "%zu", f->page + 1);
	if (f->page > 1)
		xml_attrf(l, "previous", "%zu", f->page - 1);
	dbres_free(res);
	return DB_OK;
}

static int
queue_counts(struct req *r, const struct queue *f, xmlNodePtr pg)
{
	static const char *const names[C__MAX] = { "new", "open", "waiting",
	    "mine", "unassigned", "breached", "due-soon" };
	struct dbarg	 a[2 + 2 * DUE_ARGS];
	struct dbres	*res;
	xmlNodePtr	 l, n;
	size_t		 i, k = 0;
	int		 e;

	a[k++] = DBI(r->user->id);
	for (i = 0; i < 2 * DUE_ARGS && f->dept != 0; i++)
		a[k++] = DBI(f->dept);
	if (f->dept != 0)
		a[k++] = DBI(f->dept);
	if ((e = db_query(f->dept != 0 ? &q_counts_dept : &q_counts, &res, k,
	    a)) != DB_OK)
		return e;
	l = xml_elem(pg, "counts");
	for (i = 0; i < C__MAX && res->nrows == 1; i++) {
		n = xml_elem(l, "count");
		xml_attr(n, "view", names[i]);
		if (i >= C_BREACHED &&
		    strtoul(dbres_get(res, 0, i), NULL, 10) > COUNT_MAX) {
			xml_attrf(n, "n", "%d", COUNT_MAX);
			xml_attr(n, "more", "yes");
		} else
			xml_attr(n, "n", dbres_get(res, 0, i));
	}
	dbres_free(res);
	return DB_OK;
}

/*
 * A search for a reference that exists opens that ticket: 303.
 * Returns 0 to go on with the list, or the status.
 */
static int
queue_ref(struct req *r, const char *q)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	char		 ref[TICKET_REF_LEN + 1];
	size_t		 i, n = strlen(q);
	int		 e;

	if (n != TICKET_REF_LEN)
		return 0;
	for (i = 0; i < n; i++)
		ref[i] = q[i] >= 'a' && q[i] <= 'z' ? q[i] - 'a' + 'A' : q[i];
	ref[n] = '\0';
	if (!valid_ticket_ref(ref, n))
		return 0;
	a[0] = DBS(ref);
	if ((e = db_query(&q_by_ref, &res, 1, a)) != DB_OK)
		return HTTP_DB(e);
	n = res->nrows;
	dbres_free(res);
	if (n == 0)
		return 0;
	return req_redirect(r, arena_printf(r->arena, "/staff/tickets/%s",
	    ref));
}

int
page_staff_tickets(struct req *r)
{
	struct queue	 f;
	xmlNodePtr	 pg;
	int		 e, st;

	queue_read(r, &f);
	if (f.page > QUEUE_MAX_PAGE)
		return page_error(r, 404, NULL, NULL);
	if (*f.q != '\0' && (st = queue_ref(r, f.q)) != 0)
		return st;
	pg = page_new(r, "staff-tickets");
	xml_attr(pg, "status", f.view);
	xml_attr(pg, "assignee", f.assignee);
	xml_attr(pg, "priority", f.priority);
	xml_attr(pg, "due", f.due);
	xml_attr(pg, "q", f.q);
	xml_attrf(pg, "department", "%u", f.dept);
	if ((e = staff_departments_xml(r, pg, f.dept, NULL)) != DB_OK ||
	    (e = queue_counts(r, &f, pg)) != DB_OK ||
	    (e = queue_list(r, &f, pg)) != DB_OK)
		return HTTP_DB(e);
	return 200;
}
