/*
 * The customer's tickets: GET /tickets (the list: a status filter,
 * twenty a page, counts per status), GET /tickets/new (the form), POST
 * /tickets/new (a new ticket through ticket.c, then 303 to
 * /tickets/REF; field errors show the form again with what was typed).
 *
 * Deflection: as the subject is typed, suggest.js asks GET
 * /tickets/suggest for articles in the visitor's language; without
 * JavaScript the first POST shows the articles that match the subject
 * (a "check these articles" step) and the second one saves.  Each
 * suggestion, each article opened from one (GET /tickets/deflect, then
 * on to it) and each ticket sent is a row of ticket_deflections, which
 * the staff search analytics count (deflections_xml()).
 *
 * Who sees which ticket is ticket.c's rule, TICKET_ACCESS_SQL, in every
 * statement here; the customer's own tickets also answer in the one
 * search box (tickets_search_xml(), from page_search.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

#define PER_PAGE	20
#define SUGGESTIONS	5

#define DEPT_NAME(t) \
	"COALESCE((SELECT name FROM department_names WHERE department_id = " \
	t " AND lang = ?), (SELECT name FROM department_names WHERE " \
	"department_id = " t " AND lang = 'en'), d.slug)"

/* ---- the list ------------------------------------------------------------ */

enum { TL_REF, TL_STATUS, TL_PRIORITY, TL_SUBJECT, TL_DEPT, TL_DEPT_NAME,
    TL_UPDATED, TL_CREATED, TL_MINE, TL_REQUESTER, TL_MESSAGES, TL_DUE,
    TL__MAX };
#define LIST_COLS \
	"SELECT t.ref, t.status, t.priority, t.subject, d.slug, " \
	DEPT_NAME("t.department_id") ", " SQL_EPOCH("t.updated_at") ", " \
	"DATE_FORMAT(t.created_at, '%Y-%m-%d'), " \
	"t.requester_id = ?, u.name, t.public_messages, " \
	SQL_EPOCH("COALESCE(t.first_response_due, t.resolution_due)") " " \
	"FROM tickets t "
/* The account's tickets first, in the index's order, and each one's
 * department by its key, so the list stops at its page's last row (the
 * few departments read whole into a join buffer had every ticket of the
 * account read and sorted: 2,000 rows for 20). */
#define LIST_JOINS \
	"STRAIGHT_JOIN departments d FORCE INDEX (PRIMARY) " \
	"ON d.id = t.department_id " \
	"STRAIGHT_JOIN users u ON u.id = t.requester_id "
static struct dbstmt q_list_all = DBSTMT_COLS(
    LIST_COLS "FORCE INDEX (tickets_account_recent) " LIST_JOINS
    "WHERE t.account_id = ? AND " TICKET_ACCESS_SQL
    " ORDER BY t.updated_at DESC LIMIT ? OFFSET ?", TL__MAX);
static struct dbstmt q_list_status = DBSTMT_COLS(
    LIST_COLS "FORCE INDEX (tickets_account) " LIST_JOINS
    "WHERE t.account_id = ? AND t.status = ? AND " TICKET_ACCESS_SQL
    " ORDER BY t.updated_at DESC LIMIT ? OFFSET ?", TL__MAX);
enum { TC_STATUS, TC_COUNT, TC__MAX };
/*
 * The counts per status: sums over the account's rows of
 * ticket_account_counts (a row per department, requester and status,
 * kept by triggers as tickets change: migration 035), through the same
 * access rule as the tickets.
 */
static struct dbstmt q_counts = DBSTMT_COLS(
    "SELECT t.status, SUM(t.n) FROM ticket_account_counts t "
    "JOIN departments d ON d.id = t.department_id "
    "WHERE t.account_id = ? AND " TICKET_ACCESS_SQL " GROUP BY t.status",
    TC__MAX);

/* The counts per status under pg; the total of status (all: NULL). */
static int
list_counts(struct req *r, xmlNodePtr pg, const char *status, size_t *total)
{
	struct dbres	*res;
	struct dbarg	 a[1 + TICKET_ACCESS_ARGS];
	xmlNodePtr	 c, n;
	size_t		 i, k, all = 0;
	int		 e;

	a[0] = DBI(r->user->account_id);
	ticket_customer_args(r, a + 1);
	if ((e = db_query(&q_counts, &res, 1 + TICKET_ACCESS_ARGS, a)) !=
	    DB_OK)
		return e;
	c = xml_elem(pg, "counts");
	*total = 0;
	for (k = 0; k < TICKET_STATUS__MAX; k++) {
		const char	*cnt = "0";

		for (i = 0; i < res->nrows; i++)
			if (!strcmp(dbres_get(res, i, TC_STATUS),
			    ticket_statuses[k]))
				cnt = dbres_get(res, i, TC_COUNT);
		n = xml_elem(c, "count");
		xml_attr(n, "status", ticket_statuses[k]);
		xml_attr(n, "n", cnt);
		all += strtoul(cnt, NULL, 10);
		if (status != NULL && !strcmp(status, ticket_statuses[k]))
			*total = strtoul(cnt, NULL, 10);
	}
	xml_attrf(c, "all", "%zu", all);
	if (status == NULL)
		*total = all;
	dbres_free(res);
	return DB_OK;
}

int
page_tickets(struct req *r)
{
	struct dbres	*res;
	struct dbarg	 a[5 + TICKET_ACCESS_ARGS + 2];
	struct tfmt	*tf;
	const char	*status = kv_get(&r->query, "status");
	const char	*p = kv_get(&r->query, "page"), *due;
	size_t		 page = p ? strtoul(p, NULL, 10) : 1, total, i, k = 0;
	xmlNodePtr	 pg, t;
	int		 e;

	/* Staff have no account: their tickets are the queue. */
	if (r->user->account_id == 0)
		return req_redirect(r, "/staff/tickets");
	if (status != NULL && *status == '\0')
		status = NULL;
	pg = page_new(r, "tickets");
	if (status != NULL)
		xml_attr(pg, "status", status);
	if ((e = list_counts(r, pg, status, &total)) != DB_OK)
		return HTTP_DB(e);
	if (page > 1 && (page - 1) * PER_PAGE >= total)
		return page_error(r, 404, NULL, NULL);
	xml_attrf(pg, "page", "%zu", page);
	xml_attrf(pg, "last", "%zu", total ? (total + PER_PAGE - 1) / PER_PAGE :
	    1);
	a[k++] = DBS(r->cat->code);
	a[k++] = DBI(r->user->id);
	a[k++] = DBI(r->user->account_id);
	if (status != NULL)
		a[k++] = DBS(status);
	ticket_customer_args(r, a + k);
	k += TICKET_ACCESS_ARGS;
	a[k++] = DBI(PER_PAGE);
	a[k++] = DBI((page - 1) * PER_PAGE);
	if ((e = db_query(status ? &q_list_status : &q_list_all, &res, k, a)) !=
	    DB_OK)
		return HTTP_DB(e);
	tf = res->nrows ? tfmt_open(r) : NULL;
	for (i = 0; i < res->nrows; i++) {
		t = xml_elem(pg, "ticket");
		xml_attr(t, "ref", dbres_get(res, i, TL_REF));
		xml_attr(t, "status", dbres_get(res, i, TL_STATUS));
		xml_attr(t, "priority", dbres_get(res, i, TL_PRIORITY));
		xml_attr(t, "department", dbres_get(res, i, TL_DEPT));
		xml_attr(t, "updated", tfmt_time(tf, strtoll(dbres_get(res, i,
		    TL_UPDATED), NULL, 10)));
		xml_attr(t, "created", dbres_get(res, i, TL_CREATED));
		xml_attr(t, "messages", dbres_get(res, i, TL_MESSAGES));
		if (!strcmp(dbres_get(res, i, TL_MINE), "1"))
			xml_attr(t, "mine", "yes");
		due = dbres_get(res, i, TL_DUE);
		if (*due != '\0' && strcmp(dbres_get(res, i, TL_STATUS),
		    "waiting") && strcmp(dbres_get(res, i, TL_STATUS),
		    "resolved") && strcmp(dbres_get(res, i, TL_STATUS),
		    "closed"))
			xml_attr(t, "due", tfmt_time(tf,
			    strtoll(due, NULL, 10)));
		xml_text(t, "subject", dbres_get(res, i, TL_SUBJECT));
		xml_text(t, "department-name", dbres_get(res, i,
		    TL_DEPT_NAME));
		xml_text(t, "requester", dbres_get(res, i, TL_REQUESTER));
	}
	dbres_free(res);
	return 200;
}

/* ---- the form ------------------------------------------------------------ */

enum { DEP_ID, DEP_SLUG, DEP_NAME, DEP__MAX };
static struct dbstmt q_departments = DBSTMT_COLS(
    "SELECT d.id, d.slug, " DEPT_NAME("d.id") " FROM departments d "
    "ORDER BY d.position, d.id", DEP__MAX);
/* May the account choose a priority?  Its plan's policies say. */
enum { MAY_CHOOSE, MAY__MAX };
static struct dbstmt q_may_choose = DBSTMT_COLS(
    "SELECT COALESCE(MAX(p.may_choose_priority), 0) FROM sla_policies p "
    "WHERE p.segment_id IN (SELECT segment_id FROM account_segments "
    "WHERE account_id = ?)", MAY__MAX);

/* What the form sent, or shows again; err[] the field errors. */
enum { NF_SUBJECT, NF_BODY, NF_DEPARTMENT, NF_PRIORITY, NF_SERVICE,
    NF_ATTACHMENT, NF_ONCE, NF__MAX };
struct newform {
	const char	*val[NF__MAX];
	const char	*err[NF__MAX];
	unsigned	 department_id;
	unsigned	 service_id;
	bool		 may_choose;
	struct dbres	*deps;
	struct dbres	*services;
};

/*
 * The services the viewer's ticket may name: the account's own, not
 * cancelled, when the viewer's account role may see services (as the
 * billing pages say: owner, billing, technical, and members when the
 * account lets them see its billing); none for the other roles.
 */
enum { SVC_ID, SVC_NAME, SVC__MAX };
static struct dbstmt q_services = DBSTMT_COLS(
    "SELECT s.id, CONCAT_WS(' - ', s.product, NULLIF(s.label, '')) "
    "FROM services s JOIN accounts a ON a.id = s.account_id "
    "WHERE s.account_id = ? AND s.status <> 'cancelled' AND "
    "(? IN ('owner', 'billing', 'technical') OR "
    "(? = 'member' AND a.billing_members = 1)) "
    "ORDER BY s.product, s.label, s.id LIMIT 100", SVC__MAX);

static int
form_load(struct req *r, struct newform *f)
{
	struct dbres	*res;
	struct dbarg	 a[3];
	int		 e;

	a[0] = DBS(r->cat->code);
	if ((e = db_query(&q_departments, &f->deps, 1, a)) != DB_OK)
		return e;
	a[0] = DBI(r->user->account_id);
	if ((e = db_query(&q_may_choose, &res, 1, a)) != DB_OK) {
		dbres_free(f->deps);
		f->deps = NULL;
		return e;
	}
	f->may_choose = res->nrows == 1 &&
	    strcmp(dbres_get(res, 0, MAY_CHOOSE), "0") != 0;
	dbres_free(res);
	a[0] = DBI(r->user->account_id);
	a[1] = DBS(r->user->account_role ? r->user->account_role : "");
	a[2] = a[1];
	if ((e = db_query(&q_services, &f->services, 3, a)) != DB_OK) {
		dbres_free(f->deps);
		f->deps = NULL;
		return e;
	}
	return DB_OK;
}

/* The service field: the account's services, or none to choose. */
static void
form_services(struct newform *f, xmlNodePtr fm)
{
	xmlNodePtr	sel;
	size_t		i;

	if (f->services->nrows > 0 || f->err[NF_SERVICE] != NULL) {
		sel = form_field(fm, "service", "select", f->val[NF_SERVICE] ?
		    f->val[NF_SERVICE] : "", f->err[NF_SERVICE]);
		xml_attr(sel, "label", "tickets.field-service");
		form_option(sel, "", "");
		for (i = 0; i < f->services->nrows; i++)
			form_option(sel, dbres_get(f->services, i, SVC_ID),
			    dbres_get(f->services, i, SVC_NAME));
	}
	dbres_free(f->services);
	f->services = NULL;
}

/* Is the service f names one of those offered?  Sets f->service_id. */
static bool
service_check(struct newform *f)
{
	size_t	i;

	if (f->val[NF_SERVICE] == NULL || *f->val[NF_SERVICE] == '\0')
		return true;
	for (i = 0; i < f->services->nrows; i++)
		if (!strcmp(dbres_get(f->services, i, SVC_ID),
		    f->val[NF_SERVICE]))
			f->service_id = (unsigned)strtoul(f->val[NF_SERVICE],
			    NULL, 10);
	return f->service_id != 0;
}

/*
 * The new-ticket page: the form with what was typed and its errors,
 * and the articles that match the subject (the check step).
 */
static int
form_page(struct req *r, struct newform *f, const struct search_result *sr,
    uint64_t defl, int status)
{
	xmlNodePtr	 pg, fm, sel, n;
	size_t		 i;

	pg = page_new(r, "ticket-new");
	fm = form_new(r, pg, "ticket-new", "/tickets/new", "tickets.send");
	xml_attr(form_field(fm, "subject", "text", f->val[NF_SUBJECT],
	    f->err[NF_SUBJECT]), "label", "tickets.field-subject");
	sel = form_field(fm, "department", "select", f->val[NF_DEPARTMENT],
	    f->err[NF_DEPARTMENT]);
	xml_attr(sel, "label", "tickets.field-department");
	for (i = 0; i < f->deps->nrows; i++)
		form_option(sel, dbres_get(f->deps, i, DEP_SLUG),
		    dbres_get(f->deps, i, DEP_NAME));
	dbres_free(f->deps);
	f->deps = NULL;
	if (f->may_choose) {
		sel = form_field(fm, "priority", "select", f->val[NF_PRIORITY] ?
		    f->val[NF_PRIORITY] : "normal", f->err[NF_PRIORITY]);
		xml_attr(sel, "label", "tickets.field-priority");
		for (i = 0; i < TICKET_PRIORITY__MAX; i++)
			form_option(sel, ticket_priorities[i],
			    ticket_priorities[i]);
	} else if (f->err[NF_PRIORITY] != NULL)
		xml_attr(form_field(fm, "priority", "select",
		    f->val[NF_PRIORITY], f->err[NF_PRIORITY]), "label",
		    "tickets.field-priority");
	xml_attr(form_field(fm, "body", "textarea", f->val[NF_BODY],
	    f->err[NF_BODY]), "label", "tickets.field-body");
	form_services(f, fm);
	attach_form(pg, fm, f->err[NF_ATTACHMENT]);
	/* Shown the articles once (or as typed, suggest.js): save next. */
	form_hidden(fm, "checked", sr != NULL ? "1" : "0");
	/* The same form shown again keeps its key: sent twice, one ticket. */
	if (f->val[NF_ONCE] != NULL || (f->val[NF_ONCE] = ticket_once(r)) !=
	    NULL)
		form_hidden(fm, "once", f->val[NF_ONCE]);
	if (sr != NULL) {
		n = xml_elem(pg, "check");
		for (i = 0; i < sr->nhits; i++) {
			xmlNodePtr	h = xml_elem(n, "hit");

			xml_attr(h, "kind", sr->hits[i].kind);
			xml_attr(h, "lang", sr->hits[i].lang);
			xml_attr(h, "url", sr->hits[i].url);
			xml_attrf(h, "href", "/tickets/deflect?d=%llu&i=%u",
			    (unsigned long long)defl, sr->hits[i].item_id);
			xml_text(h, "title", sr->hits[i].title);
		}
	}
	return status;
}

static void
form_init(struct newform *f)
{
	memset(f, 0, sizeof(*f));
}

int
page_ticket_new(struct req *r)
{
	struct newform	f;
	int		e;

	if (r->user->account_id == 0)
		return req_redirect(r, "/staff/tickets");
	form_init(&f);
	f.val[NF_SUBJECT] = kv_get(&r->query, "subject");
	f.val[NF_DEPARTMENT] = kv_get(&r->query, "department");
	if ((e = form_load(r, &f)) != DB_OK)
		return HTTP_DB(e);
	return form_page(r, &f, NULL, 0, 200);
}

/* Count the characters (not bytes) of UTF-8 s. */
static size_t
chars(const char *s)
{
	size_t	n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Is s only white space? */
static bool
blank(const char *s)
{
	for (; *s; s++)
		if (!strchr(" \t\r\n", *s))
			return false;
	return true;
}

/* Check the typed fields; sets f->err[] and f->department_id. */
static bool
form_check(struct newform *f, enum ticket_priority *prio)
{
	size_t	i;
	int	p;

	if (f->val[NF_SUBJECT] == NULL || blank(f->val[NF_SUBJECT]))
		f->err[NF_SUBJECT] = "required";
	else if (chars(f->val[NF_SUBJECT]) > 300)
		f->err[NF_SUBJECT] = "too-long";
	else if (text_has_bidi(f->val[NF_SUBJECT], strlen(f->val[NF_SUBJECT])))
		f->err[NF_SUBJECT] = "text-bidi";
	if (f->val[NF_BODY] == NULL || blank(f->val[NF_BODY]))
		f->err[NF_BODY] = "required";
	for (i = 0; i < f->deps->nrows && f->val[NF_DEPARTMENT] != NULL; i++)
		if (!strcmp(dbres_get(f->deps, i, DEP_SLUG),
		    f->val[NF_DEPARTMENT]))
			f->department_id = (unsigned)strtoul(dbres_get(f->deps,
			    i, DEP_ID), NULL, 10);
	if (f->department_id == 0)
		f->err[NF_DEPARTMENT] = "ticket-department";
	*prio = TICKET_NORMAL;
	if (f->val[NF_PRIORITY] != NULL && *f->val[NF_PRIORITY]) {
		p = ticket_priority_of(f->val[NF_PRIORITY]);
		if (p < 0)
			f->err[NF_PRIORITY] = "invalid";
		else if (!f->may_choose && p != TICKET_NORMAL)
			f->err[NF_PRIORITY] = "ticket-priority";
		else
			*prio = (enum ticket_priority)p;
	}
	/* Another account's service (or one gone): never named here. */
	if (!service_check(f))
		f->err[NF_SERVICE] = "ticket-service";
	for (i = 0; i < NF__MAX; i++)
		if (f->err[i] != NULL)
			return false;
	return true;
}

/* The articles that match the subject, in the visitor's language. */
static int
check_articles(struct req *r, const char *subject, struct search_result *sr,
    uint64_t *defl)
{
	struct search_opts	o;
	int			e;

	memset(&o, 0, sizeof(o));
	o.query = subject;
	o.lang = r->cat->code;
	o.limit = SUGGESTIONS;
	*defl = 0;
	if ((e = search_run(r, &o, sr)) != DB_OK)
		return e;
	if (sr->nhits > 0)
		return deflection_log(r, "suggested", subject, 0, defl);
	return DB_OK;
}

int
page_ticket_create(struct req *r)
{
	struct newform		 f;
	struct search_result	 sr;
	struct ticket_new	 tn;
	struct attach		*at;
	enum ticket_priority	 prio;
	const char		*checked = kv_get(&r->form, "checked");
	char			 ref[TICKET_REF_LEN + 1];
	unsigned		 id;
	uint64_t		 msg, defl;
	size_t			 nat;
	int			 e;

	if (r->user->account_id == 0)
		return 404;
	form_init(&f);
	f.val[NF_SUBJECT] = kv_get(&r->form, "subject");
	f.val[NF_BODY] = kv_get(&r->form, "body");
	f.val[NF_DEPARTMENT] = kv_get(&r->form, "department");
	f.val[NF_PRIORITY] = kv_get(&r->form, "priority");
	f.val[NF_SERVICE] = kv_get(&r->form, "service");
	f.val[NF_ONCE] = kv_get(&r->form, "once");
	if ((e = form_load(r, &f)) != DB_OK)
		return HTTP_DB(e);
	if (!form_check(&f, &prio))
		return form_page(r, &f, NULL, 0, 400);
	/* No JavaScript: the articles first, then the ticket. */
	if (checked == NULL || strcmp(checked, "1")) {
		if ((e = check_articles(r, f.val[NF_SUBJECT], &sr, &defl)) !=
		    DB_OK) {
			dbres_free(f.deps);
			dbres_free(f.services);
			return HTTP_DB(e);
		}
		if (sr.nhits > 0)
			return form_page(r, &f, &sr, defl, 200);
	}
	if ((f.err[NF_ATTACHMENT] = attach_take(r, &at, &nat)) != NULL)
		return form_page(r, &f, NULL, 0, 400);
	dbres_free(f.deps);
	f.deps = NULL;
	dbres_free(f.services);
	f.services = NULL;
	memset(&tn, 0, sizeof(tn));
	tn.account_id = r->user->account_id;
	tn.requester_id = r->user->id;
	tn.department_id = f.department_id;
	tn.priority = prio;
	tn.subject = f.val[NF_SUBJECT];
	tn.body = f.val[NF_BODY];
	tn.lang = r->cat->code;
	tn.source = "web";
	tn.form_key = ticket_form_key(r, f.val[NF_ONCE], f.val, NF_ATTACHMENT);
	tn.attach = at;
	tn.nattach = nat;
	tn.service_id = f.service_id;
	e = ticket_create(&tn, &id, &msg, ref);
	/* This form, sent before: its ticket is the answer. */
	if (e == TICKET_EDUPLICATE)
		return req_redirect(r, arena_printf(r->arena,
		    "/tickets/%s?done=ticket-created", ref));
	if (e != 0)
		return ticket_fail(r, e);
	/* The ticket is saved: a lost analytics row is no reason to fail. */
	if (deflection_log(r, "submitted", f.val[NF_SUBJECT], 0, NULL) !=
	    DB_OK)
		log_warnx("tickets: %s: the deflection was not recorded", ref);
	audit(r, "ticket-created", r->user->id, r->user->account_id, "%s",
	    ref);
	return req_redirect(r, arena_printf(r->arena,
	    "/tickets/%s?done=ticket-created", ref));
}

/* ---- deflection as the subject is typed ---------------------------------- */

/* Up to five articles for the typed subject, as /search/suggest's XML,
 * each linked through /tickets/deflect. */
int
page_ticket_suggest(struct req *r)
{
	struct search_result	 sr;
	xmlDocPtr		 doc;
	xmlNodePtr		 root, h;
	const char		*q = kv_get(&r->query, "q");
	uint64_t		 defl = 0;
	size_t			 i;
	int			 e;

	if ((e = check_articles(r, q ? q : "", &sr, &defl)) != DB_OK)
		return HTTP_DB(e);
	doc = xmlNewDoc((const xmlChar *)"1.0");
	root = xmlNewNode(NULL, (const xmlChar *)"suggestions");
	xmlDocSetRootElement(doc, root);
	xml_attr(root, "q", q ? q : "");
	xml_attrf(root, "total", "%zu", sr.nhits);
	for (i = 0; i < sr.nhits; i++) {
		h = xml_elem(root, "hit");
		xml_attr(h, "kind", sr.hits[i].kind);
		xml_attr(h, "lang", sr.hits[i].lang);
		xml_attr(h, "url", sr.hits[i].url);
		xml_attrf(h, "href", "/tickets/deflect?d=%llu&i=%u",
		    (unsigned long long)defl, sr.hits[i].item_id);
		xml_text(h, "title", sr.hits[i].title);
	}
	return page_raw_xml(r, doc, "application/xml; charset=utf-8");
}

static struct dbstmt q_opened = DBSTMT(
    "INSERT INTO ticket_deflections (at, user_id, lang, query, item_id, "
    "outcome) SELECT UTC_TIMESTAMP(), user_id, lang, query, ?, 'opened' "
    "FROM ticket_deflections WHERE id = ? AND user_id = ? "
    "AND outcome = 'suggested'");

/* A suggested article was opened: note it, then go there. */
int
page_ticket_deflect(struct req *r)
{
	struct item	 it;
	struct dbarg	 a[3];
	const char	*d = kv_get(&r->query, "d");
	const char	*i = kv_get(&r->query, "i");
	unsigned	 id;
	bool		 found;
	int		 e;

	if (d == NULL || i == NULL)
		return page_error(r, 400, "missing-param", d ? "i" : "d");
	id = (unsigned)strtoul(i, NULL, 10);
	if ((e = item_load(r, r->arena, NULL, id, &it, &found)) != DB_OK)
		return HTTP_DB(e);
	if (!found)
		return 404;
	a[0] = DBI(id);
	a[1] = DBI(strtoull(d, NULL, 10));
	a[2] = DBI(r->user->id);
	if ((e = db_exec(&q_opened, NULL, NULL, 3, a)) != DB_OK)
		return HTTP_DB(e);
	return req_redirect(r, content_url(r->arena, it.kind, it.slug));
}

/* ---- the one search box -------------------------------------------------- */

enum { TS_REF, TS_SUBJECT, TS_STATUS, TS_UPDATED, TS__MAX };
static struct dbstmt q_search = DBSTMT_COLS(
    "SELECT t.ref, t.subject, t.status, DATE_FORMAT(t.updated_at, "
    "'%Y-%m-%d') FROM tickets t FORCE INDEX (tickets_account_recent) "
    "JOIN departments d ON d.id = t.department_id "
    "WHERE t.account_id = ? AND (t.ref = ? OR t.subject LIKE ?) AND "
    TICKET_ACCESS_SQL " ORDER BY t.updated_at DESC LIMIT 5", TS__MAX);

/* q as a LIKE pattern that matches it anywhere, its % _ \ as themselves. */
static const char *
like_anywhere(struct req *r, const char *q)
{
	char	*out = arena_alloc(r->arena, strlen(q) * 2 + 3), *o = out;

	*o++ = '%';
	for (; *q; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			*o++ = '\\';
		*o++ = *q;
	}
	*o++ = '%';
	*o = '\0';
	return out;
}

/*
 * The signed-in customer's own tickets whose reference is q or whose
 * subject holds it (at most five, newest first), as <tickets> under pg.
 * Nothing for visitors, staff (their search is the queue's) or an
 * empty query.
 */
int
tickets_search_xml(struct req *r, xmlNodePtr pg, const char *q)
{
	struct dbres	*res;
	struct dbarg	 a[3 + TICKET_ACCESS_ARGS];
	xmlNodePtr	 l, t;
	char		 ref[TICKET_REF_LEN + 1];
	size_t		 i, n;
	int		 e;

	if (r->user == NULL || r->user->account_id == 0 || q == NULL ||
	    blank(q))
		return DB_OK;
	/* A reference as typed: upper case, "T-" or not. */
	n = strlen(q);
	memset(ref, 0, sizeof(ref));
	if (n == TICKET_REF_LEN - 2 || n == TICKET_REF_LEN) {
		if (n == TICKET_REF_LEN - 2)
			memcpy(ref, "T-", 2);
		for (i = 0; i < n; i++)
			ref[i + (n == TICKET_REF_LEN - 2 ? 2 : 0)] =
			    (char)(q[i] >= 'a' && q[i] <= 'z' ? q[i] - 32 :
			    q[i]);
	}
	a[0] = DBI(r->user->account_id);
	a[1] = DBS(ref);
	a[2] = DBS(like_anywhere(r, q));
	ticket_customer_args(r, a + 3);
	if ((e = db_query(&q_search, &res, 3 + TICKET_ACCESS_ARGS, a)) != DB_OK)
		return e;
	if (res->nrows > 0) {
		l = xml_elem(pg, "tickets");
		for (i = 0; i < res->nrows; i++) {
			t = xml_elem(l, "ticket");
			xml_attr(t, "ref", dbres_get(res, i, TS_REF));
			xml_attr(t, "status", dbres_get(res, i, TS_STATUS));
			xml_attr(t, "updated", dbres_get(res, i, TS_UPDATED));
			xml_text(t, "subject", dbres_get(res, i, TS_SUBJECT));
		}
	}
	dbres_free(res);
	return DB_OK;
}

/* ---- deflections in the search analytics --------------------------------- */

#define DPERIOD \
	"at >= IFNULL(STR_TO_DATE(?, '%Y-%m-%d'), " \
	"UTC_DATE() - INTERVAL 30 DAY) AND at < " \
	"IFNULL(STR_TO_DATE(?, '%Y-%m-%d'), UTC_DATE()) + INTERVAL 1 DAY"
/*
 * Deflected: an article opened from a suggestion, and no ticket sent by
 * the same visitor within a day after it.
 */
enum { DT_SUGGESTED, DT_OPENED, DT_SUBMITTED, DT_DEFLECTED, DT__MAX };
static struct dbstmt q_defl_totals = DBSTMT_COLS(
    "SELECT COALESCE(SUM(outcome = 'suggested'), 0), "
    "COALESCE(SUM(outcome = 'opened'), 0), "
    "COALESCE(SUM(outcome = 'submitted'), 0), "
    "COALESCE(SUM(outcome = 'opened' AND NOT EXISTS (SELECT 1 FROM "
    "ticket_deflections s WHERE s.outcome = 'submitted' AND "
    "s.user_id <=> x.user_id AND s.at >= x.at AND "
    "s.at < x.at + INTERVAL 1 DAY)), 0) "
    "FROM ticket_deflections x WHERE " DPERIOD, DT__MAX);
enum { DA_ITEM, DA_TITLE, DA_OPENED, DA__MAX };
static struct dbstmt q_defl_articles = DBSTMT_COLS(
    "SELECT x.item_id, MAX(i.title), COUNT(*) AS n FROM ticket_deflections x "
    "JOIN items i ON i.id = x.item_id WHERE x.outcome = 'opened' AND "
    DPERIOD " GROUP BY x.item_id ORDER BY n DESC, x.item_id LIMIT 10",
    DA__MAX);

/* The deflection counts of the period a[0..1] (from, to) under pg. */
int
deflections_xml(struct req *r, xmlNodePtr pg, struct dbarg *a)
{
	struct dbres	*res;
	xmlNodePtr	 d, n;
	size_t		 i;
	int		 e;

	if ((e = db_query(&q_defl_totals, &res, 2, a)) != DB_OK)
		return e;
	d = xml_elem(pg, "deflections");
	xml_attr(d, "suggested", dbres_get(res, 0, DT_SUGGESTED));
	xml_attr(d, "opened", dbres_get(res, 0, DT_OPENED));
	xml_attr(d, "submitted", dbres_get(res, 0, DT_SUBMITTED));
	xml_attr(d, "deflected", dbres_get(res, 0, DT_DEFLECTED));
	dbres_free(res);
	if ((e = db_query(&q_defl_articles, &res, 2, a)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows; i++) {
		n = xml_text(d, "article", dbres_get(res, i, DA_TITLE));
		xml_attr(n, "id", dbres_get(res, i, DA_ITEM));
		xml_attr(n, "opened", dbres_get(res, i, DA_OPENED));
	}
	dbres_free(res);
	return DB_OK;
}
