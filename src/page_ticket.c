/*
 * One ticket, as its customer sees it: GET /tickets/REF (the public
 * thread, never an internal note; its attachments; the status; the due
 * times in the viewer's zone and language; the reply, close and rating
 * forms), POST /tickets/REF/reply, /close and /rate, and GET
 * /tickets/REF/files/ID/NAME (an attachment, after the same access
 * check).  A ticket of another account, or one the viewer's role does
 * not see, answers 404 as one that does not exist; so do its
 * attachments.  Staff, who have no account, are sent to the queue's
 * view of the ticket (/staff/tickets/REF).  Changes go through
 * ticket.c.
 *
 * A reply to a ticket that is closed, or resolved longer ago than
 * ticket_reopen_days (ticket.c says TICKET_EEXPIRED), opens a new
 * ticket linked to it (parent_id), and the new ticket's page says so.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "portico.h"

#define MERGE_HOPS	8	/* merged into merged into ..., as ticket.c */

enum { TK_ID, TK_REF, TK_STATUS, TK_PRIORITY, TK_SUBJECT, TK_DEPT,
    TK_DEPT_NAME, TK_DEPT_ID, TK_CREATED, TK_UPDATED, TK_FR_DUE, TK_FR_AT,
    TK_RES_DUE, TK_RESOLVED, TK_CLOSED, TK_LAST, TK_RATING, TK_COMMENT,
    TK_RATED, TK_PARENT, TK_MERGED, TK_FR_MIN, TK_REQUESTER,
    TK_SOURCE, TK_MINE, TK_SERVICE, TK_SERVICE_ID, TK__MAX };
static struct dbstmt q_ticket = DBSTMT_COLS(
    "SELECT t.id, t.ref, t.status, t.priority, t.subject, d.slug, "
    "COALESCE((SELECT name FROM department_names WHERE department_id = "
    "t.department_id AND lang = ?), (SELECT name FROM department_names "
    "WHERE department_id = t.department_id AND lang = 'en'), d.slug), "
    "t.department_id, " SQL_EPOCH("t.created_at") ", "
    SQL_EPOCH("t.updated_at") ", " SQL_EPOCH("t.first_response_due") ", "
    SQL_EPOCH("t.first_response_at") ", "
    SQL_EPOCH("t.resolution_due") ", " SQL_EPOCH("t.resolved_at") ", "
    SQL_EPOCH("t.closed_at") ", (SELECT COALESCE(MAX(l.id), 0) "
    "FROM ticket_messages l WHERE l.ticket_id = t.id AND l.internal = 0), "
    "t.rating, "
    "t.rating_comment, " SQL_EPOCH("t.rated_at") ", "
    "(SELECT p.ref FROM tickets p WHERE p.id = t.parent_id), "
    "(SELECT m.ref FROM tickets m WHERE m.id = t.merged_into), "
    "(SELECT s.first_response_min FROM sla_policies s "
    "WHERE s.id = t.policy_id), u.name, t.source, t.requester_id = ?, "
    "IF(sv.id IS NULL, NULL, CONCAT_WS(' - ', sv.product, "
    "NULLIF(sv.label, ''))), sv.id "
    "FROM tickets t JOIN departments d ON d.id = t.department_id "
    "JOIN users u ON u.id = t.requester_id "
    "LEFT JOIN services sv ON sv.id = t.service_id AND "
    "sv.account_id = t.account_id "
    "WHERE t.ref = ? AND " TICKET_ACCESS_SQL, TK__MAX);
enum { TM_ID, TM_KIND, TM_BODY, TM_AT, TM_AUTHOR, TM_SOURCE, TM__MAX };
static struct dbstmt q_thread = DBSTMT_COLS(
    "SELECT m.id, m.author_kind, m.body, " SQL_EPOCH("m.created_at") ", "
    "COALESCE(u.name, m.author_email, ''), m.source FROM ticket_messages m "
    "LEFT JOIN users u ON u.id = m.author_id "
    "WHERE m.ticket_id = ? AND m.internal = 0 ORDER BY m.id", TM__MAX);
/* Only the attachments of public messages: a note's stay with staff. */
enum { TA_ID, TA_MESSAGE, TA_NAME, TA_TYPE, TA_SIZE, TA__MAX };
static struct dbstmt q_attachments = DBSTMT_COLS(
    "SELECT a.id, a.message_id, a.name, a.content_type, a.size "
    "FROM ticket_attachments a JOIN ticket_messages m ON m.id = a.message_id "
    "WHERE a.ticket_id = ? AND m.internal = 0 ORDER BY a.id", TA__MAX);

/* The ticket of r's path (args[0]) that r's viewer may see. */
struct tk {
	struct dbres	*res;
	unsigned	 id;
};

static const char *
tk_get(const struct tk *t, size_t col)
{
	return dbres_get(t->res, 0, col);
}

/* Load the ticket ref for r's viewer: 0, 404 or HTTP_DB(e). */
static int
tk_load_ref(struct req *r, const char *ref, struct tk *t)
{
	struct dbarg	a[3 + TICKET_ACCESS_ARGS];
	int		e;

	t->res = NULL;
	if (r->user->account_id == 0)
		return 404;
	a[0] = DBS(r->cat->code);
	a[1] = DBI(r->user->id);
	a[2] = DBS(ref);
	ticket_customer_args(r, a + 3);
	if ((e = db_query(&q_ticket, &t->res, 3 + TICKET_ACCESS_ARGS, a)) !=
	    DB_OK)
		return HTTP_DB(e);
	if (t->res->nrows != 1) {
		dbres_free(t->res);
		t->res = NULL;
		return 404;
	}
	t->id = (unsigned)strtoul(tk_get(t, TK_ID), NULL, 10);
	return 0;
}

/* The ticket of r's path. */
static int
tk_load(struct req *r, struct tk *t)
{
	return tk_load_ref(r, r->args[0], t);
}

/* Is the column of t not NULL (nor empty)? */
static bool
has(const struct tk *t, size_t col)
{
	return *tk_get(t, col) != '\0';
}

static void
tk_free(struct tk *t)
{
	if (t->res != NULL)
		dbres_free(t->res);
	t->res = NULL;
}

/*
 * The ticket a reply to r's path goes to: that one, or the one it was
 * merged into (and so on), which the viewer must be able to read as
 * well: a member who sees a duplicate does not always see the ticket
 * staff merged it into.  *ref its reference.  0, 404 or HTTP_DB(e).
 */
static int
tk_load_target(struct req *r, struct tk *t, const char **ref)
{
	int	st, hops;

	*ref = r->args[0];
	if ((st = tk_load(r, t)) != 0)
		return st;
	for (hops = 0; has(t, TK_MERGED); hops++) {
		*ref = arena_strdup(r->arena, tk_get(t, TK_MERGED));
		tk_free(t);
		if (hops == MERGE_HOPS)
			return 404;
		if ((st = tk_load_ref(r, *ref, t)) != 0)
			return st;
	}
	return 0;
}

static bool
is(const char *s, const char *want)
{
	return s != NULL && !strcmp(s, want);
}

/* An instant of column col, as the viewer reads it, in attribute name. */
static void
when_attr(struct req *r, xmlNodePtr n, const char *name, const char *v)
{
	const char	*s;

	if (*v == '\0')
		return;
	if (sla_format(r->arena, strtoll(v, NULL, 10), viewer_zone(r),
	    r->cat->code, &s) == 0)
		xml_attr(n, name, s);
}

/* The service-level part: due times while they are ahead, and met. */
static void
due_xml(struct req *r, xmlNodePtr tn, const struct tk *t)
{
	xmlNodePtr	 d = xml_elem(tn, "due");
	const char	*st = tk_get(t, TK_STATUS);
	bool		 active = is(st, "new") || is(st, "open");

	xml_attr(d, "zone", viewer_zone(r));
	if (has(t, TK_FR_MIN))
		xml_attr(d, "first-response-minutes", tk_get(t, TK_FR_MIN));
	if (has(t, TK_FR_AT))
		when_attr(r, d, "first-response-at", tk_get(t, TK_FR_AT));
	else if (active || is(st, "waiting"))
		when_attr(r, d, "first-response", tk_get(t, TK_FR_DUE));
	if (active)
		when_attr(r, d, "resolution", tk_get(t, TK_RES_DUE));
	if (is(st, "waiting"))
		xml_attr(d, "paused", "yes");
	when_attr(r, d, "resolved", tk_get(t, TK_RESOLVED));
	when_attr(r, d, "closed", tk_get(t, TK_CLOSED));
}

/* The public thread with its attachments, oldest first. */
static int
thread_xml(struct req *r, xmlNodePtr tn, const struct tk *t)
{
	struct dbres	*res, *att;
	struct dbarg	 a[1];
	struct tfmt	*tf;
	xmlNodePtr	 l, m, n;
	size_t		 i, j;
	int		 e;

	a[0] = DBI(t->id);
	if ((e = db_query(&q_thread, &res, 1, a)) != DB_OK)
		return e;
	if ((e = db_query(&q_attachments, &att, 1, a)) != DB_OK) {
		dbres_free(res);
		return e;
	}
	tf = tfmt_open(r);
	l = xml_elem(tn, "messages");
	for (i = 0; i < res->nrows; i++) {
		m = xml_elem(l, "message");
		xml_attr(m, "id", dbres_get(res, i, TM_ID));
		xml_attr(m, "author-kind", dbres_get(res, i, TM_KIND));
		xml_attr(m, "source", dbres_get(res, i, TM_SOURCE));
		xml_attr(m, "at", tfmt_time(tf, strtoll(dbres_get(res, i,
		    TM_AT), NULL, 10)));
		xml_text(m, "author", dbres_get(res, i, TM_AUTHOR));
		markdown_to_xml(xml_elem(m, "body"), dbres_get(res, i,
		    TM_BODY));
		for (j = 0; j < att->nrows; j++) {
			if (strcmp(dbres_get(att, j, TA_MESSAGE),
			    dbres_get(res, i, TM_ID)))
				continue;
			n = xml_text(m, "attachment", dbres_get(att, j,
			    TA_NAME));
			xml_attr(n, "id", dbres_get(att, j, TA_ID));
			xml_attr(n, "type", dbres_get(att, j, TA_TYPE));
			xml_attr(n, "size", dbres_get(att, j, TA_SIZE));
		}
	}
	dbres_free(att);
	dbres_free(res);
	return DB_OK;
}

/* The forms the ticket's state allows: reply, close, rate. */
static void
forms_xml(struct req *r, xmlNodePtr tn, const struct tk *t,
    const char *typed, const char *error, bool rate_error)
{
	const char	*st = tk_get(t, TK_STATUS);
	const char	*ref = tk_get(t, TK_REF), *once;
	xmlNodePtr	 f, n;
	size_t		 i;

	/* Merged into another ticket: the conversation goes on there. */
	if (has(t, TK_MERGED))
		return;
	f = form_new(r, tn, "ticket-reply", arena_printf(r->arena,
	    "/tickets/%s/reply", ref), "tickets.reply");
	if (error != NULL && !rate_error)
		xml_attr(f, "error", error);
	form_hidden(f, "expect_last", tk_get(t, TK_LAST));
	/* A reply too late opens a ticket: sent twice, one. */
	if ((once = ticket_once(r)) != NULL)
		form_hidden(f, "once", once);
	xml_attr(form_field(f, "body", "textarea", typed, NULL), "label",
	    "tickets.field-reply");
	attach_form(tn, f, NULL);
	if (!is(st, "closed"))
		form_new(r, tn, "ticket-close", arena_printf(r->arena,
		    "/tickets/%s/close", ref), "tickets.close");
	if (has(t, TK_RESOLVED) && !has(t, TK_RATING) &&
	    is(tk_get(t, TK_MINE), "1") &&
	    (is(st, "resolved") || is(st, "closed"))) {
		f = form_new(r, tn, "ticket-rate", arena_printf(r->arena,
		    "/tickets/%s/rate", ref), "tickets.rate");
		n = form_field(f, "rating", "select", "5", NULL);
		xml_attr(n, "label", "tickets.field-rating");
		for (i = 5; i >= 1; i--)
			form_option(n, arena_printf(r->arena, "%zu", i),
			    arena_printf(r->arena, "%zu", i));
		xml_attr(form_field(f, "comment", "textarea", NULL, NULL),
		    "label", "tickets.field-comment");
	}
}

/*
 * Where a merged ticket went: its reference when the viewer may read
 * that ticket too, else only that it was merged (a member who reads
 * the duplicate need not read the ticket it went into).
 */
static void
merged_xml(struct req *r, xmlNodePtr tn, const char *into)
{
	struct tk	t;

	if (tk_load_ref(r, into, &t) == 0) {
		xml_attr(tn, "merged-into", into);
		tk_free(&t);
	} else
		xml_attr(tn, "merged", "yes");
}

/*
 * The ticket page of t; typed and error: a reply shown again (a
 * collision), or the rating form's error (rate_error).  Returns status.
 */
static int
ticket_page(struct req *r, struct tk *t, const char *typed, const char *error,
    bool rate_error, int status)
{
	xmlNodePtr	 tn, n;
	const char	*st = tk_get(t, TK_STATUS);
	int		 e;

	tn = page_new(r, "ticket");
	if (kv_get(&r->query, "done"))
		page_notice(r, kv_get(&r->query, "done"), "success");
	xml_attr(tn, "ref", tk_get(t, TK_REF));
	xml_attr(tn, "status", st);
	xml_attr(tn, "priority", tk_get(t, TK_PRIORITY));
	xml_attr(tn, "department", tk_get(t, TK_DEPT));
	xml_attr(tn, "source", tk_get(t, TK_SOURCE));
	when_attr(r, tn, "created", tk_get(t, TK_CREATED));
	when_attr(r, tn, "updated", tk_get(t, TK_UPDATED));
	if (has(t, TK_PARENT))
		xml_attr(tn, "parent", tk_get(t, TK_PARENT));
	if (has(t, TK_MERGED))
		merged_xml(r, tn, tk_get(t, TK_MERGED));
	/* A reply now: reopens it, or (closed, too late) opens a new one.
	 * The worker's clock judges "too late", so that the statement has
	 * no UTC_TIMESTAMP() and may be answered from the query cache. */
	if (is(st, "closed") || (is(st, "resolved") &&
	    strtoll(tk_get(t, TK_RESOLVED), NULL, 10) < (long long)time(NULL) -
	    86400LL * conf->ticket_reopen_days))
		xml_attr(tn, "reply-opens", "new");
	else if (is(st, "resolved"))
		xml_attr(tn, "reply-opens", "reopen");
	/* A rating refused: said above the thread (its form may be gone). */
	if (error != NULL && rate_error)
		xml_attr(tn, "error", error);
	xml_text(tn, "subject", tk_get(t, TK_SUBJECT));
	xml_text(tn, "department-name", tk_get(t, TK_DEPT_NAME));
	if (has(t, TK_SERVICE))
		xml_text(tn, "service", tk_get(t, TK_SERVICE));
	xml_text(tn, "requester", tk_get(t, TK_REQUESTER));
	due_xml(r, tn, t);
	if (has(t, TK_RATING)) {
		n = xml_elem(tn, "rating");
		xml_attr(n, "value", tk_get(t, TK_RATING));
		when_attr(r, n, "at", tk_get(t, TK_RATED));
		if (has(t, TK_COMMENT))
			xml_text(n, "comment", tk_get(t, TK_COMMENT));
	}
	if ((e = thread_xml(r, tn, t)) != DB_OK) {
		tk_free(t);
		return HTTP_DB(e);
	}
	forms_xml(r, tn, t, typed, error, rate_error);
	tk_free(t);
	return status;
}

int
page_ticket(struct req *r)
{
	struct tk	t;
	int		st;

	/* Staff read a ticket in the queue's view of it. */
	if (r->user->account_id == 0)
		return req_redirect(r, arena_printf(r->arena,
		    "/staff/tickets/%s", r->args[0]));
	if ((st = tk_load(r, &t)) != 0)
		return st;
	return ticket_page(r, &t, NULL, NULL, false, 200);
}

/*
 * The reply came too late to reopen: a new ticket, linked to the old
 * one, carries it (and its attachments).  Returns the 303.
 */
static int
follow_up(struct req *r, struct tk *t, const char *body,
    const struct attach *at, size_t nat)
{
	struct ticket_new	tn;
	const char		*from, *texts[2];
	char			ref[TICKET_REF_LEN + 1];
	unsigned		id;
	uint64_t		msg;
	int			e;

	from = arena_strdup(r->arena, tk_get(t, TK_REF));
	memset(&tn, 0, sizeof(tn));
	tn.account_id = r->user->account_id;
	tn.requester_id = r->user->id;
	tn.department_id = (unsigned)strtoul(tk_get(t, TK_DEPT_ID), NULL, 10);
	tn.priority = TICKET_NORMAL;
	tn.subject = arena_strdup(r->arena, tk_get(t, TK_SUBJECT));
	tn.body = body;
	tn.lang = r->cat->code;
	tn.source = "web";
	tn.parent_id = t->id;
	/* It is about the same service, if the old one named one. */
	if (has(t, TK_SERVICE_ID))
		tn.service_id = (unsigned)strtoul(tk_get(t, TK_SERVICE_ID),
		    NULL, 10);
	texts[0] = from;
	texts[1] = body;
	tn.form_key = ticket_form_key(r, kv_get(&r->form, "once"), texts, 2);
	tn.attach = at;
	tn.nattach = nat;
	tk_free(t);
	e = ticket_create(&tn, &id, &msg, ref);
	/* This reply, sent before, opened ref: that is the answer. */
	if (e == TICKET_EDUPLICATE)
		return req_redirect(r, arena_printf(r->arena,
		    "/tickets/%s?done=ticket-followup", ref));
	if (e != 0)
		return ticket_fail(r, e);
	audit(r, "ticket-created", r->user->id, r->user->account_id,
	    "%s (follows %s)", ref, from);
	return req_redirect(r, arena_printf(r->arena,
	    "/tickets/%s?done=ticket-followup", ref));
}

int
page_ticket_reply(struct req *r)
{
	struct tk		 t;
	struct ticket_post	 tp;
	struct attach		*at;
	const char		*body = kv_get(&r->form, "body");
	const char		*last = kv_get(&r->form, "expect_last");
	const char		*err, *ref;
	uint64_t		 msg;
	size_t			 nat, i;
	int			 st, e;

	if ((st = tk_load_target(r, &t, &ref)) != 0)
		return st;
	for (i = 0; body != NULL && body[i] != '\0' &&
	    strchr(" \t\r\n", body[i]) != NULL; i++)
		;
	if (body == NULL || body[i] == '\0')
		return ticket_page(r, &t, body, "ticket-reply-empty", false,
		    400);
	if ((err = attach_take(r, &at, &nat)) != NULL)
		return ticket_page(r, &t, body, err, false, 400);
	memset(&tp, 0, sizeof(tp));
	tp.ticket_id = t.id;
	tp.author_id = r->user->id;
	tp.author_kind = "customer";
	tp.internal = false;
	tp.body = body;
	tp.source = "web";
	tp.expect_last = last ? strtoull(last, NULL, 10) : 0;
	tp.set_status = -1;
	tp.attach = at;
	tp.nattach = nat;
	e = ticket_post(&tp, &msg);
	if (e == TICKET_EEXPIRED)
		return follow_up(r, &t, body, at, nat);
	if (e == TICKET_ECOLLISION) {
		/* Someone wrote meanwhile: show it, keep what was typed. */
		tk_free(&t);
		if ((st = tk_load_ref(r, ref, &t)) != 0)
			return st;
		return ticket_page(r, &t, body, "ticket-collision", false,
		    409);
	}
	tk_free(&t);
	/* Sent twice: the first send saved it, and its files. */
	if (e == TICKET_EDUPLICATE)
		return req_redirect(r, arena_printf(r->arena,
		    "/tickets/%s?done=ticket-replied", ref));
	if (e != 0)
		return ticket_fail(r, e);
	return req_redirect(r, arena_printf(r->arena,
	    "/tickets/%s?done=ticket-replied", ref));
}

int
page_ticket_close(struct req *r)
{
	struct tk	t;
	int		st, e;

	if ((st = tk_load(r, &t)) != 0)
		return st;
	tk_free(&t);
	if ((e = ticket_set_status(t.id, r->user->id, TICKET_CLOSED)) != 0)
		return ticket_fail(r, e);
	return req_redirect(r, arena_printf(r->arena,
	    "/tickets/%s?done=ticket-closed", r->args[0]));
}

int
page_ticket_rate(struct req *r)
{
	struct tk	 t;
	const char	*rating = kv_get(&r->form, "rating");
	const char	*comment = kv_get(&r->form, "comment");
	int		 st, e;

	if ((st = tk_load(r, &t)) != 0)
		return st;
	if (rating == NULL)
		return ticket_page(r, &t, NULL, "ticket-rating", true, 400);
	if (has(&t, TK_RATING))
		return ticket_page(r, &t, NULL, "ticket-rated", true, 409);
	if (!has(&t, TK_RESOLVED))
		return ticket_page(r, &t, NULL, "ticket-unresolved", true, 409);
	tk_free(&t);
	if ((e = ticket_rate(t.id, r->user->id, (unsigned)atoi(rating),
	    comment ? comment : "")) != 0)
		return ticket_fail(r, e);
	return req_redirect(r, arena_printf(r->arena,
	    "/tickets/%s?done=ticket-rated", r->args[0]));
}

enum { TF_NAME, TF_TYPE, TF_SHA, TF__MAX };
static struct dbstmt q_file = DBSTMT_COLS(
    "SELECT a.name, a.content_type, a.sha256 FROM ticket_attachments a "
    "JOIN ticket_messages m ON m.id = a.message_id AND m.internal = 0 "
    "JOIN tickets t ON t.id = a.ticket_id "
    "JOIN departments d ON d.id = t.department_id "
    "WHERE a.id = ? AND t.ref = ? AND t.account_id = ? AND "
    TICKET_ACCESS_SQL, TF__MAX);

/* An attachment of a public message of a ticket the viewer may see. */
int
page_ticket_file(struct req *r)
{
	struct dbres	*res;
	struct dbarg	 a[3 + TICKET_ACCESS_ARGS];
	const char	*name, *type, *sha;
	int		 e;

	if (r->user->account_id == 0)
		return 404;
	a[0] = DBI(strtoul(r->args[1], NULL, 10));
	a[1] = DBS(r->args[0]);
	a[2] = DBI(r->user->account_id);
	ticket_customer_args(r, a + 3);
	if ((e = db_query(&q_file, &res, 3 + TICKET_ACCESS_ARGS, a)) != DB_OK)
		return HTTP_DB(e);
	if (res->nrows != 1) {
		dbres_free(res);
		return 404;
	}
	name = arena_strdup(r->arena, dbres_get(res, 0, TF_NAME));
	type = arena_strdup(r->arena, dbres_get(res, 0, TF_TYPE));
	sha = arena_strdup(r->arena, dbres_get(res, 0, TF_SHA));
	dbres_free(res);
	return attach_send(r, name, type, sha);
}
