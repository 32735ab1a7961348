/*
 * One ticket for staff: GET /staff/tickets/REF, the whole thread with
 * the internal notes (marked as such), the history of changes, the
 * customer and their account, the due times; and the forms that change
 * it, each a POST to /staff/tickets/REF/ACTION that goes through the
 * ticket model (ticket.c) and answers 303 back to the ticket:
 *   reply       a public reply or an internal note (kind), with
 *               expect_last, the last message the writer saw: when
 *               another came since (TICKET_ECOLLISION) nothing is saved
 *               and the page is shown again (409) with the text as
 *               typed and the new message in the thread
 *   assign      to an agent, to the viewer ("me": claim), or nobody
 *   department, priority, status
 *   merge       into another ticket, named by its reference
 * and GET /staff/tickets/REF/files/ID/NAME, the thread's attachments.
 * Canned replies in the ticket's language fill the reply box: a GET
 * with ?canned=ID (no script needed), or the theme's script from the
 * same texts, already filled in ({name}: the requester, {ref}).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "portico.h"

#define THREAD_MAX	500	/* messages shown */
#define EVENTS_MAX	200

enum { T_ID, T_REF, T_STATUS, T_PRIORITY, T_SUBJECT, T_DEPT, T_ASSIGNEE,
    T_ASSIGNEE_NAME, T_REQUESTER, T_REQUESTER_NAME, T_REQUESTER_EMAIL,
    T_ACCOUNT, T_ACCOUNT_NAME, T_ACCOUNT_NUMBER, T_CREATED, T_UPDATED,
    T_FR_DUE, T_FR_AT, T_RES_DUE, T_RES_AT, T_NEXT_DUE, T_SLA, T_LAST,
    T_MERGED_INTO, T_PARENT, T_RATING, T_RATING_COMMENT, T_LANG, T_SOURCE,
    T_POLICY, T_SERVICE, T__MAX };
static struct dbstmt q_ticket = DBSTMT_COLS(
    "SELECT t.id, t.ref, t.status, t.priority, t.subject, t.department_id, "
    "COALESCE(t.assignee_id, 0), COALESCE(s.name, ''), t.requester_id, "
    "u.name, u.email, a.id, a.name, a.number, "
    SQL_EPOCH("t.created_at") ", " SQL_EPOCH("t.updated_at") ", "
    SQL_EPOCH("t.first_response_due") ", "
    SQL_EPOCH("t.first_response_at") ", "
    SQL_EPOCH("t.resolution_due") ", " SQL_EPOCH("t.resolved_at") ", "
    SQL_EPOCH("t.next_due") ", t.sla_state, t.last_message_id, "
    "COALESCE(m.ref, ''), COALESCE(p.ref, ''), t.rating, "
    "COALESCE(t.rating_comment, ''), t.lang, t.source, "
    "COALESCE(pol.name, ''), COALESCE((SELECT CONCAT_WS(' - ', "
    "sv.product, NULLIF(sv.label, '')) FROM services sv WHERE sv.id = "
    "t.service_id AND sv.account_id = t.account_id), '') "
    "FROM tickets t "
    "JOIN users u ON u.id = t.requester_id "
    "JOIN accounts a ON a.id = t.account_id "
    "LEFT JOIN users s ON s.id = t.assignee_id "
    "LEFT JOIN tickets m ON m.id = t.merged_into "
    "LEFT JOIN tickets p ON p.id = t.parent_id "
    "LEFT JOIN sla_policies pol ON pol.id = t.policy_id "
    "WHERE t.ref = ?", T__MAX);

enum { M_ID, M_KIND, M_INTERNAL, M_BODY, M_SOURCE, M_AT, M_AUTHOR, M_FILES,
    M__MAX };
static struct dbstmt q_thread = DBSTMT_COLS(
    "SELECT m.id, m.author_kind, m.internal, m.body, m.source, "
    SQL_EPOCH("m.created_at") ", COALESCE(u.name, m.author_email, ''), "
    "(SELECT COUNT(*) FROM ticket_attachments f WHERE "
    "f.ticket_id = m.ticket_id AND f.message_id = m.id) "
    "FROM ticket_messages m LEFT JOIN users u ON u.id = m.author_id "
    "WHERE m.ticket_id = ? ORDER BY m.id LIMIT ?", M__MAX);

/* Every attachment of the thread, internal notes' too. */
enum { A_ID, A_MESSAGE, A_NAME, A_TYPE, A_SIZE, A__MAX };
static struct dbstmt q_attachments = DBSTMT_COLS(
    "SELECT id, message_id, name, content_type, size "
    "FROM ticket_attachments WHERE ticket_id = ? ORDER BY id LIMIT 5000",
    A__MAX);
enum { F_NAME, F_TYPE, F_SHA, F__MAX };
static struct dbstmt q_file = DBSTMT_COLS(
    "SELECT a.name, a.content_type, a.sha256 FROM ticket_attachments a "
    "JOIN tickets t ON t.id = a.ticket_id WHERE a.id = ? AND t.ref = ?",
    F__MAX);

enum { E_AT, E_KIND, E_OLD, E_NEW, E_ACTOR, E__MAX };
static struct dbstmt q_events = DBSTMT_COLS(
    "SELECT " SQL_EPOCH("e.at") ", e.kind, e.old_value, e.new_value, "
    "COALESCE(u.name, '') FROM ticket_events e "
    "LEFT JOIN users u ON u.id = e.actor_id "
    "WHERE e.ticket_id = ? ORDER BY e.id LIMIT ?", E__MAX);

enum { CR_ID, CR_TITLE, CR_BODY, CR__MAX };
static struct dbstmt q_canned = DBSTMT_COLS(
    "SELECT id, title, body FROM canned_replies WHERE lang = ? AND "
    "(department_id IS NULL OR department_id = ?) ORDER BY title, id "
    "LIMIT 100", CR__MAX);

enum { ID_ID, ID_STATUS, ID__MAX };
static struct dbstmt q_id_of = DBSTMT_COLS(
    "SELECT id, status FROM tickets WHERE ref = ?", ID__MAX);

/* What a form sent that is shown again: its text and its error. */
struct again {
	const char	*kind;		/* "reply" or "note" */
	const char	*body;
	const char	*error;		/* form.error.WORD */
	uint64_t	 seen;		/* the last message the writer saw */
	const char	*form;		/* the form the error is on */
	const char	*value;		/* a field of that form, as sent */
};

/*
 * body with {name} and {ref} replaced by name and ref, in the arena.
 * Other braces are left as they are.
 */
const char *
canned_fill(struct arena *a, const char *body, const char *name,
    const char *ref)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*p, *out;

	for (p = body; *p != '\0'; p++) {
		if (!strncmp(p, "{name}", 6)) {
			buf_adds(&b, name);
			p += 5;
		} else if (!strncmp(p, "{ref}", 5)) {
			buf_adds(&b, ref);
			p += 4;
		} else
			buf_add(&b, p, 1);
	}
	out = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

static void
ticket_head_xml(struct req *r, xmlNodePtr pg, const struct dbres *t)
{
	xmlNodePtr	n;

	xml_attr(pg, "id", dbres_get(t, 0, T_ID));
	xml_attr(pg, "ref", dbres_get(t, 0, T_REF));
	xml_attr(pg, "status", dbres_get(t, 0, T_STATUS));
	xml_attr(pg, "priority", dbres_get(t, 0, T_PRIORITY));
	xml_attr(pg, "department", dbres_get(t, 0, T_DEPT));
	xml_attr(pg, "lang", dbres_get(t, 0, T_LANG));
	xml_attr(pg, "source", dbres_get(t, 0, T_SOURCE));
	if (strcmp(dbres_get(t, 0, T_ASSIGNEE), "0"))
		xml_attr(pg, "assignee", dbres_get(t, 0, T_ASSIGNEE));
	if (*dbres_get(t, 0, T_MERGED_INTO) != '\0')
		xml_attr(pg, "merged-into", dbres_get(t, 0, T_MERGED_INTO));
	if (*dbres_get(t, 0, T_PARENT) != '\0')
		xml_attr(pg, "follows", dbres_get(t, 0, T_PARENT));
	xml_text(pg, "subject", dbres_get(t, 0, T_SUBJECT));
	n = xml_text(pg, "requester", dbres_get(t, 0, T_REQUESTER_NAME));
	xml_attr(n, "id", dbres_get(t, 0, T_REQUESTER));
	xml_attr(n, "email", dbres_get(t, 0, T_REQUESTER_EMAIL));
	n = xml_text(pg, "account", dbres_get(t, 0, T_ACCOUNT_NAME));
	xml_attr(n, "id", dbres_get(t, 0, T_ACCOUNT));
	xml_attr(n, "number", dbres_get(t, 0, T_ACCOUNT_NUMBER));
	if (*dbres_get(t, 0, T_ASSIGNEE_NAME) != '\0')
		xml_text(pg, "assignee", dbres_get(t, 0, T_ASSIGNEE_NAME));
	if (*dbres_get(t, 0, T_POLICY) != '\0')
		xml_text(pg, "policy", dbres_get(t, 0, T_POLICY));
	if (*dbres_get(t, 0, T_SERVICE) != '\0')
		xml_text(pg, "service", dbres_get(t, 0, T_SERVICE));
	n = xml_elem(pg, "times");
	staff_time_xml(r, n, "created", dbres_get(t, 0, T_CREATED));
	staff_time_xml(r, n, "updated", dbres_get(t, 0, T_UPDATED));
	staff_time_xml(r, n, "first-response-due", dbres_get(t, 0, T_FR_DUE));
	staff_time_xml(r, n, "first-response", dbres_get(t, 0, T_FR_AT));
	staff_time_xml(r, n, "resolution-due", dbres_get(t, 0, T_RES_DUE));
	staff_time_xml(r, n, "resolved", dbres_get(t, 0, T_RES_AT));
	staff_time_xml(r, n, "next-due", dbres_get(t, 0, T_NEXT_DUE));
	if (*dbres_get(t, 0, T_NEXT_DUE) != '\0' && strtoll(dbres_get(t, 0,
	    T_NEXT_DUE), NULL, 10) < (long long)time(NULL))
		xml_attr(n, "sla", "breached");
	else if (!strcmp(dbres_get(t, 0, T_SLA), "1"))
		xml_attr(n, "sla", "due-soon");
	if (*dbres_get(t, 0, T_RATING) != '\0') {
		n = xml_text(pg, "rating", dbres_get(t, 0, T_RATING_COMMENT));
		xml_attr(n, "stars", dbres_get(t, 0, T_RATING));
	}
}

/* The attachments of message mid (of att, the thread's) under n. */
static void
message_files_xml(xmlNodePtr n, const struct dbres *att, const char *mid)
{
	xmlNodePtr	f;
	size_t		i;

	for (i = 0; i < att->nrows; i++) {
		if (strcmp(dbres_get(att, i, A_MESSAGE), mid))
			continue;
		f = xml_text(n, "attachment", dbres_get(att, i, A_NAME));
		xml_attr(f, "id", dbres_get(att, i, A_ID));
		xml_attr(f, "type", dbres_get(att, i, A_TYPE));
		xml_attr(f, "size", dbres_get(att, i, A_SIZE));
	}
}

/* The thread, every message; those after seen are marked new. */
static int
ticket_thread_xml(struct req *r, xmlNodePtr pg, const char *id,
    uint64_t seen)
{
	struct dbres	*res, *att;
	struct dbarg	 a[2];
	xmlNodePtr	 l, n;
	size_t		 i;
	int		 e;

	a[0] = DBS(id);
	if ((e = db_query(&q_attachments, &att, 1, a)) != DB_OK)
		return e;
	a[1] = DBI(THREAD_MAX);
	if ((e = db_query(&q_thread, &res, 2, a)) != DB_OK) {
		dbres_free(att);
		return e;
	}
	l = xml_elem(pg, "thread");
	for (i = 0; i < res->nrows; i++) {
		n = xml_elem(l, "message");
		xml_attr(n, "id", dbres_get(res, i, M_ID));
		xml_attr(n, "author-kind", dbres_get(res, i, M_KIND));
		xml_attr(n, "source", dbres_get(res, i, M_SOURCE));
		if (!strcmp(dbres_get(res, i, M_INTERNAL), "1"))
			xml_attr(n, "internal", "yes");
		if (seen != 0 && strtoull(dbres_get(res, i, M_ID), NULL, 10) >
		    seen)
			xml_attr(n, "new", "yes");
		if (strcmp(dbres_get(res, i, M_FILES), "0"))
			xml_attr(n, "attachments", dbres_get(res, i, M_FILES));
		if (*dbres_get(res, i, M_AUTHOR) != '\0')
			xml_text(n, "author", dbres_get(res, i, M_AUTHOR));
		staff_time_xml(r, n, "at", dbres_get(res, i, M_AT));
		markdown_to_xml(xml_elem(n, "body"), dbres_get(res, i, M_BODY));
		message_files_xml(n, att, dbres_get(res, i, M_ID));
	}
	dbres_free(res);
	dbres_free(att);
	return DB_OK;
}

static int
ticket_events_xml(struct req *r, xmlNodePtr pg, const char *id)
{
	struct dbres	*res;
	struct dbarg	 a[2];
	xmlNodePtr	 l, n;
	size_t		 i;
	int		 e;

	a[0] = DBS(id);
	a[1] = DBI(EVENTS_MAX);
	if ((e = db_query(&q_events, &res, 2, a)) != DB_OK)
		return e;
	l = xml_elem(pg, "events");
	for (i = 0; i < res->nrows; i++) {
		n = xml_elem(l, "event");
		xml_attr(n, "kind", dbres_get(res, i, E_KIND));
		xml_attr(n, "old", dbres_get(res, i, E_OLD));
		xml_attr(n, "new", dbres_get(res, i, E_NEW));
		if (*dbres_get(res, i, E_ACTOR) != '\0')
			xml_attr(n, "actor", dbres_get(res, i, E_ACTOR));
		staff_time_xml(r, n, "at", dbres_get(res, i, E_AT));
	}
	dbres_free(res);
	return DB_OK;
}

/*
 * The canned replies of the ticket's language and department, filled in
 * for it; *chosen the text of the one ?canned= asks for, else NULL.
 */
static int
ticket_canned_xml(struct req *r, xmlNodePtr pg, const struct dbres *t,
    const char **chosen)
{
	struct dbres	*res;
	struct dbarg	 a[2];
	const char	*want = kv_get(&r->query, "canned"), *body;
	xmlNodePtr	 l, n;
	size_t		 i;
	int		 e;

	*chosen = NULL;
	a[0] = DBS(dbres_get(t, 0, T_LANG));
	a[1] = DBS(dbres_get(t, 0, T_DEPT));
	if ((e = db_query(&q_canned, &res, 2, a)) != DB_OK)
		return e;
	l = xml_elem(pg, "canned");
	xml_attr(l, "lang", dbres_get(t, 0, T_LANG));
	for (i = 0; i < res->nrows; i++) {
		body = canned_fill(r->arena, dbres_get(res, i, CR_BODY),
		    dbres_get(t, 0, T_REQUESTER_NAME), dbres_get(t, 0, T_REF));
		n = xml_text(l, "reply", body);
		xml_attr(n, "id", dbres_get(res, i, CR_ID));
		xml_attr(n, "title", dbres_get(res, i, CR_TITLE));
		if (want != NULL && !strcmp(want, dbres_get(res, i, CR_ID))) {
			xml_attr(n, "selected", "yes");
			*chosen = body;
		}
	}
	dbres_free(res);
	return DB_OK;
}

/* The forms of the page: reply, and the changes. */
static void
ticket_forms(struct req *r, xmlNodePtr pg, const struct dbres *t,
    const struct again *ag, const char *canned, xmlNodePtr *assignee,
    xmlNodePtr *dept)
{
	const char	*ref = dbres_get(t, 0, T_REF);
	const char	*last = dbres_get(t, 0, T_LAST);
	xmlNodePtr	 f, fl;
	size_t		 i;

	f = form_new(r, pg, "ticket-reply", arena_printf(r->arena,
	    "/staff/tickets/%s/reply", ref), "staff-tickets.send");
	/* The last message shown: after a collision, the new one. */
	form_hidden(f, "expect_last", last);
	fl = staff_field(f, "kind", "select", ag != NULL && ag->kind ? ag->kind
	    : "reply", NULL);
	form_option(fl, "reply", "reply");
	form_option(fl, "note", "note");
	staff_field(f, "body", "textarea", ag != NULL && ag->body ? ag->body :
	    canned, ag != NULL && ag->form != NULL && !strcmp(ag->form,
	    "ticket-reply") ? ag->error : NULL);
	fl = staff_field(f, "status", "select", ag != NULL && ag->value ?
	    ag->value : "", NULL);
	form_option(fl, "", "");
	for (i = 0; i < TICKET_STATUS__MAX; i++)
		form_option(fl, ticket_statuses[i], ticket_statuses[i]);
	if (ag != NULL && ag->error != NULL &&
	    !strcmp(ag->error, "staff-collision"))
		xml_attr(f, "error", "staff-collision");

	f = form_new(r, pg, "ticket-assign", arena_printf(r->arena,
	    "/staff/tickets/%s/assign", ref), "staff-tickets.assign");
	*assignee = staff_field(f, "assignee", "select", dbres_get(t, 0,
	    T_ASSIGNEE), NULL);
	form_option(*assignee, "0", "");
	f = form_new(r, pg, "ticket-claim", arena_printf(r->arena,
	    "/staff/tickets/%s/assign", ref), "staff-tickets.claim");
	form_hidden(f, "assignee", "me");
	f = form_new(r, pg, "ticket-department", arena_printf(r->arena,
	    "/staff/tickets/%s/department", ref), "staff-tickets.change");
	*dept = staff_field(f, "department", "select", dbres_get(t, 0, T_DEPT),
	    NULL);
	f = form_new(r, pg, "ticket-priority", arena_printf(r->arena,
	    "/staff/tickets/%s/priority", ref), "staff-tickets.change");
	fl = staff_field(f, "priority", "select", dbres_get(t, 0, T_PRIORITY),
	    NULL);
	for (i = 0; i < TICKET_PRIORITY__MAX; i++)
		form_option(fl, ticket_priorities[i], ticket_priorities[i]);
	f = form_new(r, pg, "ticket-status", arena_printf(r->arena,
	    "/staff/tickets/%s/status", ref), "staff-tickets.change");
	fl = staff_field(f, "status", "select", dbres_get(t, 0, T_STATUS),
	    NULL);
	for (i = 0; i < TICKET_STATUS__MAX; i++)
		form_option(fl, ticket_statuses[i], ticket_statuses[i]);
	f = form_new(r, pg, "ticket-merge", arena_printf(r->arena,
	    "/staff/tickets/%s/merge", ref), "staff-tickets.merge");
	staff_field(f, "into", "text", ag != NULL && ag->form != NULL &&
	    !strcmp(ag->form, "ticket-merge") ? ag->value : NULL, ag != NULL &&
	    ag->form != NULL && !strcmp(ag->form, "ticket-merge") ? ag->error :
	    NULL);
}

/*
 * Draw the ticket page of ref with status; ag is what a form sent that
 * is shown again (NULL for none).  404 for no such ticket.
 */
static int
ticket_page(struct req *r, const char *ref, const struct again *ag,
    int status)
{
	struct dbres	*t;
	struct dbarg	 a[1];
	const char	*id, *canned;
	xmlNodePtr	 pg, fa, fd;
	int		 e;

	a[0] = DBS(ref);
	if ((e = db_query(&q_ticket, &t, 1, a)) != DB_OK)
		return HTTP_DB(e);
	if (t->nrows != 1) {
		dbres_free(t);
		return page_error(r, 404, NULL, NULL);
	}
	pg = page_new(r, "staff-ticket");
	if (kv_get(&r->query, "done") != NULL)
		page_notice(r, kv_get(&r->query, "done"), "success");
	ticket_head_xml(r, pg, t);
	id = dbres_get(t, 0, T_ID);
	if ((e = ticket_thread_xml(r, pg, id, ag != NULL ? ag->seen : 0)) !=
	    DB_OK || (e = ticket_events_xml(r, pg, id)) != DB_OK ||
	    (e = ticket_canned_xml(r, pg, t, &canned)) != DB_OK) {
		dbres_free(t);
		return HTTP_DB(e);
	}
	ticket_forms(r, pg, t, ag, canned, &fa, &fd);
	e = staff_departments_xml(r, pg, (unsigned)strtoul(dbres_get(t, 0,
	    T_DEPT), NULL, 10), fd);
	if (e == DB_OK)
		e = staff_agents_xml(r, pg, fa);
	dbres_free(t);
	if (e != DB_OK)
		return HTTP_DB(e);
	return status;
}

int
page_staff_ticket(struct req *r)
{
	return ticket_page(r, r->args[0], NULL, 200);
}

/* The id of the ticket of ref (0: none); its status in *status. */
static int
ticket_id_of(struct req *r, const char *ref, unsigned *id,
    const char **status)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	int		 e;

	*id = 0;
	a[0] = DBS(ref);
	if ((e = db_query(&q_id_of, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 1) {
		*id = (unsigned)strtoul(dbres_get(res, 0, ID_ID), NULL, 10);
		if (status != NULL)
			*status = arena_strdup(r->arena, dbres_get(res, 0,
			    ID_STATUS));
	}
	dbres_free(res);
	return DB_OK;
}

/*
 * What a ticket model call returned, as the answer: 303 back to the
 * ticket with the notice done, 404, or an error page.
 */
static int
ticket_answer(struct req *r, int e, const char *ref, const char *done)
{
	switch (e) {
	case DB_OK:
		return req_redirect(r, arena_printf(r->arena,
		    "/staff/tickets/%s?done=%s", ref, done));
	case TICKET_ENOENT:
		return page_error(r, 404, NULL, NULL);
	case TICKET_ESTATE:
	case TICKET_EEXPIRED:
		return page_error(r, 409, "staff-ticket-state", NULL);
	case TICKET_EPOLICY:
		return page_error(r, 409, "staff-ticket-policy", NULL);
	default:
		return HTTP_DB(e);
	}
}

int
page_staff_ticket_reply(struct req *r)
{
	struct ticket_post	 p;
	struct again		 ag;
	const char		*v, *st;
	uint64_t		 mid;
	unsigned		 id;
	int			 e;

	if ((e = ticket_id_of(r, r->args[0], &id, NULL)) != DB_OK)
		return HTTP_DB(e);
	if (id == 0)
		return page_error(r, 404, NULL, NULL);
	/* Reply or note, said every time: a post without it is refused,
	 * never taken as a public reply that mails the customer. */
	if (kv_get(&r->form, "kind") == NULL)
		return req_fail(r, 400, "missing-param", "kind");
	memset(&ag, 0, sizeof(ag));
	ag.form = "ticket-reply";
	ag.kind = kv_get(&r->form, "kind");
	ag.body = kv_get(&r->form, "body");
	ag.value = kv_get(&r->form, "status");
	ag.seen = (v = kv_get(&r->form, "expect_last")) ?
	    strtoull(v, NULL, 10) : 0;
	if (ag.body == NULL || !valid_text(ag.body, strlen(ag.body), 65536)) {
		ag.error = "required";
		ag.seen = 0;
		return ticket_page(r, r->args[0], &ag, 400);
	}
	memset(&p, 0, sizeof(p));
	p.ticket_id = id;
	p.author_id = r->user->id;
	p.author_kind = "staff";
	p.internal = !strcmp(ag.kind, "note");
	p.body = ag.body;
	p.source = "web";
	p.expect_last = ag.seen;
	st = ag.value;
	p.set_status = st != NULL && *st != '\0' ? ticket_status_of(st) : -1;
	e = ticket_post(&p, &mid);
	/* Sent twice: the first send saved it. */
	if (e == TICKET_EDUPLICATE)
		e = DB_OK;
	if (e == TICKET_ECOLLISION) {
		/* Shown again: the text kept, the new message marked. */
		ag.error = "staff-collision";
		return ticket_page(r, r->args[0], &ag, 409);
	}
	if (e != DB_OK)
		return ticket_answer(r, e, r->args[0], NULL);
	return req_redirect(r, arena_printf(r->arena,
	    "/staff/tickets/%s?done=%s#m%llu", r->args[0], p.internal ?
	    "staff-noted" : "staff-replied", (unsigned long long)mid));
}

/*
 * What a change form names: its field `name` in *v and the ticket of
 * the path in *id.  0, or the status to answer (400 without the field,
 * 404 for a ticket that is not there).
 */
static int
change_target(struct req *r, const char *name, const char **v, unsigned *id)
{
	int	e;

	if ((*v = kv_get(&r->form, name)) == NULL)
		return page_error(r, 400, "missing-param", name);
	if ((e = ticket_id_of(r, r->args[0], id, NULL)) != DB_OK)
		return HTTP_DB(e);
	return *id == 0 ? page_error(r, 404, NULL, NULL) : 0;
}

int
page_staff_ticket_assign(struct req *r)
{
	const char	*v;
	unsigned	 id, who;
	int		 st;

	if ((st = change_target(r, "assignee", &v, &id)) != 0)
		return st;
	who = !strcmp(v, "me") ? r->user->id : (unsigned)strtoul(v, NULL, 10);
	return ticket_answer(r, ticket_assign(id, r->user->id, who),
	    r->args[0], "ticket-assigned");
}

int
page_staff_ticket_department(struct req *r)
{
	const char	*v;
	unsigned	 id;
	int		 st;

	if ((st = change_target(r, "department", &v, &id)) != 0)
		return st;
	return ticket_answer(r, ticket_set_department(id, r->user->id,
	    (unsigned)strtoul(v, NULL, 10)), r->args[0], "ticket-changed");
}

int
page_staff_ticket_priority(struct req *r)
{
	const char	*v;
	unsigned	 id;
	int		 st;

	if ((st = change_target(r, "priority", &v, &id)) != 0)
		return st;
	return ticket_answer(r, ticket_set_priority(id, r->user->id,
	    ticket_priority_of(v)), r->args[0], "ticket-changed");
}

int
page_staff_ticket_status(struct req *r)
{
	const char	*v;
	unsigned	 id;
	int		 st;

	if ((st = change_target(r, "status", &v, &id)) != 0)
		return st;
	return ticket_answer(r, ticket_set_status(id, r->user->id,
	    ticket_status_of(v)), r->args[0], "ticket-changed");
}

int
page_staff_ticket_merge(struct req *r)
{
	struct again	 ag;
	const char	*into = kv_get(&r->form, "into");
	char		 ref[TICKET_REF_LEN + 1];
	unsigned	 id, to;
	size_t		 i, n;
	int		 e;

	memset(&ag, 0, sizeof(ag));
	ag.form = "ticket-merge";
	ag.value = into;
	n = into != NULL ? strlen(into) : 0;
	for (i = 0; i < n && i < TICKET_REF_LEN; i++)
		ref[i] = into[i] >= 'a' && into[i] <= 'z' ? into[i] - 'a' + 'A'
		    : into[i];
	ref[i] = '\0';
	if (n != TICKET_REF_LEN || !valid_ticket_ref(ref, n)) {
		ag.error = n == 0 ? "required" : "ticket-ref";
		return ticket_page(r, r->args[0], &ag, 400);
	}
	if ((e = ticket_id_of(r, r->args[0], &id, NULL)) != DB_OK ||
	    (e = ticket_id_of(r, ref, &to, NULL)) != DB_OK)
		return HTTP_DB(e);
	if (id == 0)
		return page_error(r, 404, NULL, NULL);
	if (to == 0 || to == id) {
		ag.error = to == 0 ? "ticket-unknown" : "ticket-same";
		return ticket_page(r, r->args[0], &ag, 400);
	}
	e = ticket_merge(id, r->user->id, to);
	if (e == TICKET_ESTATE || e == TICKET_ENOENT || e == TICKET_EAUDIENCE) {
		ag.error = e == TICKET_EAUDIENCE ? "ticket-merge-audience" :
		    "ticket-merge";
		return ticket_page(r, r->args[0], &ag, 409);
	}
	return ticket_answer(r, e, ref, "ticket-merged");
}

/*
 * GET /staff/tickets/REF/files/ID/NAME: an attachment of the ticket, a
 * customer's or an internal note's, to staff; 404 when the ticket has
 * no such file.
 */
int
page_staff_ticket_file(struct req *r)
{
	struct dbres	*res;
	struct dbarg	 a[2];
	const char	*name, *type, *sha;
	int		 e;

	a[0] = DBI(strtoul(r->args[1], NULL, 10));
	a[1] = DBS(r->args[0]);
	if ((e = db_query(&q_file, &res, 2, a)) != DB_OK)
		return HTTP_DB(e);
	if (res->nrows != 1) {
		dbres_free(res);
		return page_error(r, 404, NULL, NULL);
	}
	name = arena_strdup(r->arena, dbres_get(res, 0, F_NAME));
	type = arena_strdup(r->arena, dbres_get(res, 0, F_TYPE));
	sha = arena_strdup(r->arena, dbres_get(res, 0, F_SHA));
	dbres_free(res);
	return attach_send(r, name, type, sha);
}
