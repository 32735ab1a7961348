/*
 * Held mail, for agents: what mail-in kept instead of posting (a sender
 * no one knows, one whose domain failed DMARC, a refused mail, one no
 * department could take), with its files (mail_in_files).
 *
 *   GET  /staff/tickets/held			the mail waiting, newest first
 *   GET  /staff/tickets/held/ID		one: sender, subject, reason,
 *						date, text, files
 *   GET  /staff/tickets/held/ID/files/FID/NAME	one of its files
 *   POST /staff/tickets/held/ID/attach	 ref	posted on that ticket (as
 *						the customer's message, with
 *						its files)
 *   POST /staff/tickets/held/ID/open	 email, department
 *						a new ticket of that customer
 *   POST /staff/tickets/held/ID/discard	set aside
 *
 * Each decision is one transaction that locks the mail_in row while it
 * is still held (two agents at once: one decides, the other is told it
 * was decided, 409), writes the message with its files through the
 * ticket model and marks the row; each is audited.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

#define HELD_PER_PAGE	50

enum { HL_ID, HL_FROM, HL_SUBJECT, HL_REASON, HL_AT, HL__MAX };
static struct dbstmt q_held_list = DBSTMT_COLS(
    "SELECT id, from_addr, subject, COALESCE(held_reason, 'unknown-sender'), "
    SQL_EPOCH("received_at") " FROM mail_in FORCE INDEX (mail_in_held) "
    "WHERE held_state = 'held' ORDER BY received_at DESC, id DESC LIMIT "
    "50", HL__MAX);
enum { HO_ID, HO_FROM, HO_SUBJECT, HO_REASON, HO_AT, HO_BODY, HO_STATE,
    HO_MSGID, HO_TICKET, HO__MAX };
static struct dbstmt q_held_one = DBSTMT_COLS(
    "SELECT m.id, m.from_addr, m.subject, COALESCE(m.held_reason, "
    "'unknown-sender'), " SQL_EPOCH("m.received_at") ", "
    "COALESCE(m.held_body, ''), m.held_state, m.message_id, "
    "COALESCE(t.ref, '') FROM mail_in m LEFT JOIN tickets t ON "
    "t.id = m.ticket_id WHERE m.id = ? AND m.held_state IS NOT NULL",
    HO__MAX);
/* The row while it is held, locked: the decision is this request's. */
static struct dbstmt q_held_lock = DBSTMT_COLS(
    "SELECT m.id, m.from_addr, m.subject, COALESCE(m.held_reason, "
    "'unknown-sender'), " SQL_EPOCH("m.received_at") ", "
    "COALESCE(m.held_body, ''), m.held_state, m.message_id, '' "
    "FROM mail_in m WHERE m.id = ? AND m.held_state = 'held' FOR UPDATE",
    HO__MAX);
enum { HF_ID, HF_NAME, HF_TYPE, HF_SIZE, HF_SHA, HF__MAX };
static struct dbstmt q_held_files = DBSTMT_COLS(
    "SELECT id, name, content_type, size, sha256 FROM mail_in_files "
    "WHERE mail_in_id = ? ORDER BY id LIMIT 100", HF__MAX);
static struct dbstmt q_held_file = DBSTMT_COLS(
    "SELECT id, name, content_type, size, sha256 FROM mail_in_files "
    "WHERE id = ? AND mail_in_id = ?", HF__MAX);
static struct dbstmt q_held_done = DBSTMT(
    "UPDATE mail_in SET held_state = ?, held_by = ?, "
    "held_done_at = UTC_TIMESTAMP(), ticket_id = NULLIF(?, 0) "
    "WHERE id = ? AND held_state = 'held'");
enum { HT_ID, HT__MAX };
static struct dbstmt q_held_ticket = DBSTMT_COLS(
    "SELECT id FROM tickets WHERE ref = ?", HT__MAX);
enum { HC_ID, HC_ACCOUNT, HC_LANG, HC__MAX };
static struct dbstmt q_held_customer = DBSTMT_COLS(
    "SELECT u.id, u.account_id, u.language FROM users u JOIN accounts a "
    "ON a.id = u.account_id WHERE u.email = ? AND u.status = 'active' "
    "AND u.portal_role = 'customer' AND a.status = 'active'", HC__MAX);
enum { HD_ID, HD__MAX };
static struct dbstmt q_held_dept = DBSTMT_COLS(
    "SELECT id FROM departments WHERE id = ?", HD__MAX);

/* The id of the path's held mail (args[0]). */
static uint64_t
held_id(const struct req *r)
{
	return strtoull(r->args[0], NULL, 10);
}

int
page_staff_held(struct req *r)
{
	struct dbres	*res;
	xmlNodePtr	 pg, l, n;
	const char	*v;
	size_t		 i;
	int		 e;

	if ((e = db_query(&q_held_list, &res, 0, NULL)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "staff-held");
	if ((v = kv_get(&r->query, "done")) != NULL)
		page_notice(r, v, "success");
	l = xml_elem(pg, "held");
	xml_attrf(l, "shown", "%zu", res->nrows);
	for (i = 0; i < res->nrows && i < HELD_PER_PAGE; i++) {
		n = xml_elem(l, "mail");
		xml_attr(n, "id", dbres_get(res, i, HL_ID));
		xml_attr(n, "reason", dbres_get(res, i, HL_REASON));
		staff_time_xml(r, n, "received", dbres_get(res, i, HL_AT));
		xml_text(n, "from", dbres_get(res, i, HL_FROM));
		xml_text(n, "subject", dbres_get(res, i, HL_SUBJECT));
	}
	dbres_free(res);
	return 200;
}

/* <file id name type size/> of the held mail's files under parent. */
static int
held_files_xml(uint64_t id, xmlNodePtr parent)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	xmlNodePtr	 n;
	size_t		 i;
	int		 e;

	a[0] = DBI(id);
	if ((e = db_query(&q_held_files, &res, 1, a)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows; i++) {
		n = xml_elem(parent, "file");
		xml_attr(n, "id", dbres_get(res, i, HF_ID));
		xml_attr(n, "type", dbres_get(res, i, HF_TYPE));
		xml_attr(n, "size", dbres_get(res, i, HF_SIZE));
		xml_text(n, "name", dbres_get(res, i, HF_NAME));
	}
	dbres_free(res);
	return DB_OK;
}

/* The decision forms of a held mail (ref, email: what was typed). */
static void
held_forms(struct req *r, xmlNodePtr m, const char *id, const char *ref,
    const char *email, const char *field, const char *error)
{
	xmlNodePtr	f, dept;

	f = form_new(r, m, "held-attach", arena_printf(r->arena,
	    "/staff/tickets/held/%s/attach", id), "staff-held.attach");
	staff_field(f, "ref", "text", ref, field && !strcmp(field, "ref") ?
	    error : NULL);
	f = form_new(r, m, "held-open", arena_printf(r->arena,
	    "/staff/tickets/held/%s/open", id), "staff-held.open");
	staff_field(f, "email", "text", email, field && !strcmp(field,
	    "email") ? error : NULL);
	dept = staff_field(f, "department", "select", kv_get(&r->form,
	    "department"), field && !strcmp(field, "department") ? error :
	    NULL);
	(void)staff_departments_xml(r, m, 0, dept);
	form_new(r, m, "held-discard", arena_printf(r->arena,
	    "/staff/tickets/held/%s/discard", id), "staff-held.discard");
}

/*
 * The page of one held mail, with the decision forms (field: which
 * form field error is about, or NULL) answered with status.
 */
static int
held_page(struct req *r, const char *field, const char *error, int status)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	xmlNodePtr	 pg, m;
	const char	*v;
	int		 e;

	a[0] = DBI(held_id(r));
	if ((e = db_query(&q_held_one, &res, 1, a)) != DB_OK)
		return HTTP_DB(e);
	if (res->nrows != 1) {
		dbres_free(res);
		return page_error(r, 404, NULL, NULL);
	}
	pg = page_new(r, "staff-held-mail");
	if ((v = kv_get(&r->query, "done")) != NULL)
		page_notice(r, v, "success");
	m = xml_elem(pg, "mail");
	xml_attr(m, "id", dbres_get(res, 0, HO_ID));
	xml_attr(m, "reason", dbres_get(res, 0, HO_REASON));
	xml_attr(m, "state", dbres_get(res, 0, HO_STATE));
	if (status == 409)
		xml_attr(m, "decided", "yes");	/* by another agent */
	if (*dbres_get(res, 0, HO_TICKET) != '\0')
		xml_attr(m, "ticket", dbres_get(res, 0, HO_TICKET));
	staff_time_xml(r, m, "received", dbres_get(res, 0, HO_AT));
	xml_text(m, "from", dbres_get(res, 0, HO_FROM));
	xml_text(m, "subject", dbres_get(res, 0, HO_SUBJECT));
	xml_text(m, "body", dbres_get(res, 0, HO_BODY));
	if (!strcmp(dbres_get(res, 0, HO_STATE), "held"))
		held_forms(r, m, dbres_get(res, 0, HO_ID), kv_get(&r->form,
		    "ref"), kv_get(&r->form, "email") ? kv_get(&r->form,
		    "email") : dbres_get(res, 0, HO_FROM), field, error);
	dbres_free(res);
	if ((e = held_files_xml(held_id(r), m)) != DB_OK)
		return HTTP_DB(e);
	return status;
}

int
page_staff_held_mail(struct req *r)
{
	return held_page(r, NULL, NULL, 200);
}

int
page_staff_held_file(struct req *r)
{
	struct dbres	*res;
	struct dbarg	 a[2];
	const char	*name, *type, *sha;
	int		 e;

	a[0] = DBI(strtoul(r->args[1], NULL, 10));
	a[1] = DBI(held_id(r));
	if ((e = db_query(&q_held_file, &res, 2, a)) != DB_OK)
		return HTTP_DB(e);
	if (res->nrows != 1) {
		dbres_free(res);
		return page_error(r, 404, NULL, NULL);
	}
	name = arena_strdup(r->arena, dbres_get(res, 0, HF_NAME));
	type = arena_strdup(r->arena, dbres_get(res, 0, HF_TYPE));
	sha = arena_strdup(r->arena, dbres_get(res, 0, HF_SHA));
	dbres_free(res);
	return attach_send(r, name, type, sha);
}

/* ---- decisions ------------------------------------------------------------ */

enum held_act { HELD_ATTACH, HELD_OPEN, HELD_DISCARD };
struct decision {
	struct req	*r;
	enum held_act	 act;
	uint64_t	 id;
	unsigned	 ticket;	/* attach: the ticket */
	unsigned	 customer, account, department;	/* open */
	const char	*lang;
	/* out */
	char		 ref[TICKET_REF_LEN + 1];
	const char	*from;
};

/* The held mail's files as the ticket model takes them (arena). */
static int
held_attachments(struct decision *d, struct attach **at, size_t *n)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	size_t		 i;
	int		 e;

	a[0] = DBI(d->id);
	if ((e = db_query(&q_held_files, &res, 1, a)) != DB_OK)
		return e;
	*n = res->nrows;
	*at = arena_alloc(d->r->arena, (*n + 1) * sizeof(**at));
	for (i = 0; i < *n; i++) {
		(*at)[i].name = arena_strdup(d->r->arena, dbres_get(res, i,
		    HF_NAME));
		(*at)[i].type = arena_strdup(d->r->arena, dbres_get(res, i,
		    HF_TYPE));
		(*at)[i].size = strtoul(dbres_get(res, i, HF_SIZE), NULL, 10);
		snprintf((*at)[i].sha, sizeof((*at)[i].sha), "%s",
		    dbres_get(res, i, HF_SHA));
	}
	dbres_free(res);
	return DB_OK;
}

/* Post the locked held mail m as decided; *ticket the ticket it went to. */
static int
held_post(struct decision *d, const struct dbres *m, unsigned *ticket)
{
	struct ticket_post	 p;
	struct ticket_new	 t;
	struct attach		*at;
	size_t			 nat;
	const char		*body, *msgid;
	int			 e;

	if ((e = held_attachments(d, &at, &nat)) != DB_OK)
		return e;
	/* The mail's Message-ID: an answer to it threads on the ticket. */
	msgid = arena_strdup(d->r->arena, dbres_get(m, 0, HO_MSGID));
	body = arena_printf(d->r->arena, "%s", *dbres_get(m, 0, HO_BODY) ?
	    dbres_get(m, 0, HO_BODY) : "-");
	if (d->act == HELD_ATTACH) {
		memset(&p, 0, sizeof(p));
		p.ticket_id = d->ticket;
		p.author_kind = "customer";
		/* Its sender, as the mail gave it: not a user. */
		p.author_email = d->from;
		p.body = body;
		p.source = "mail";
		p.mail_id = msgid;
		p.set_status = -1;
		p.attach = at;
		p.nattach = nat;
		*ticket = d->ticket;
		return ticket_post(&p, NULL);
	}
	memset(&t, 0, sizeof(t));
	t.account_id = d->account;
	t.requester_id = d->customer;
	t.department_id = d->department;
	t.priority = TICKET_NORMAL;
	t.subject = *dbres_get(m, 0, HO_SUBJECT) ? arena_strdup(d->r->arena,
	    dbres_get(m, 0, HO_SUBJECT)) : "(no subject)";
	t.body = body;
	t.lang = d->lang;
	t.source = "mail";
	t.mail_id = msgid;
	t.attach = at;
	t.nattach = nat;
	return ticket_create(&t, ticket, NULL, d->ref);
}

static int
decide_tx(void *arg)
{
	static const char *const states[] = { "attached", "opened",
	    "discarded" };
	struct decision	*d = arg;
	struct dbres	*m;
	struct dbarg	 a[4];
	unsigned	 ticket = 0;
	int		 e;

	a[0] = DBI(d->id);
	if ((e = db_query(&q_held_lock, &m, 1, a)) != DB_OK)
		return e;
	if (m->nrows != 1) {
		dbres_free(m);
		return TICKET_ESTATE;	/* decided meanwhile, or none */
	}
	d->from = arena_strdup(d->r->arena, dbres_get(m, 0, HO_FROM));
	e = d->act == HELD_DISCARD ? 0 : held_post(d, m, &ticket);
	dbres_free(m);
	if (e != 0)
		return e;
	a[0] = DBS(states[d->act]);
	a[1] = DBI(d->r->user->id);
	a[2] = DBI(ticket);
	a[3] = DBI(d->id);
	return db_exec(&q_held_done, NULL, NULL, 4, a);
}

/* Run decision d and answer: 303 to where it went, 409 when another
 * agent decided first, 404 for no held mail. */
static int
held_decide(struct req *r, struct decision *d, const char *what)
{
	int	e;

	d->r = r;
	d->id = held_id(r);
	e = db_tx(decide_tx, d);
	ticket_index_after(e);
	if (e == TICKET_ESTATE)
		return held_page(r, NULL, NULL, 409);
	if (e != 0)
		return ticket_fail(r, e);
	audit(r, "held-mail", r->user->id, d->account, "%llu %s %s%s%s",
	    (unsigned long long)d->id, what, d->from ? d->from : "",
	    *d->ref ? " " : "", d->ref);
	if (*d->ref != '\0')
		return req_redirect(r, arena_printf(r->arena,
		    "/staff/tickets/%s?done=held-posted", d->ref));
	return req_redirect(r, "/staff/tickets/held?done=held-discarded");
}

/* The id of the ticket of ref (any case), or 0. */
static int
held_ticket_of(const char *ref, unsigned *id)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	int		 e;

	*id = 0;
	a[0] = DBS(ref);
	if ((e = db_query(&q_held_ticket, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 1)
		*id = (unsigned)strtoul(dbres_get(res, 0, HT_ID), NULL, 10);
	dbres_free(res);
	return DB_OK;
}

int
page_staff_held_attach(struct req *r)
{
	struct decision	 d;
	const char	*ref = kv_get(&r->form, "ref");
	char		 up[TICKET_REF_LEN + 1];
	size_t		 i, n = ref ? strlen(ref) : 0;
	int		 e;

	memset(&d, 0, sizeof(d));
	d.act = HELD_ATTACH;
	for (i = 0; i < n && i < TICKET_REF_LEN; i++)
		up[i] = ref[i] >= 'a' && ref[i] <= 'z' ? ref[i] - 'a' + 'A' :
		    ref[i];
	up[i] = '\0';
	if (n != TICKET_REF_LEN || !valid_ticket_ref(up, n))
		return held_page(r, "ref", "ticket-ref", 400);
	if ((e = held_ticket_of(up, &d.ticket)) != DB_OK)
		return HTTP_DB(e);
	if (d.ticket == 0)
		return held_page(r, "ref", "ticket-unknown", 400);
	memcpy(d.ref, up, sizeof(up));
	return held_decide(r, &d, "attached to");
}

/* The customer of email (an active customer of an active account), the
 * department of id dept: 0 in d when none. */
static int
held_open_who(struct decision *d, const char *email, const char *dept)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	int		 e;

	a[0] = DBS(email != NULL ? email : "");
	if ((e = db_query(&q_held_customer, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 1) {
		d->customer = (unsigned)strtoul(dbres_get(res, 0, HC_ID), NULL,
		    10);
		d->account = (unsigned)strtoul(dbres_get(res, 0, HC_ACCOUNT),
		    NULL, 10);
		d->lang = arena_strdup(d->r->arena, dbres_get(res, 0,
		    HC_LANG));
	}
	dbres_free(res);
	a[0] = DBI(dept != NULL ? strtoul(dept, NULL, 10) : 0);
	if ((e = db_query(&q_held_dept, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 1)
		d->department = (unsigned)strtoul(dbres_get(res, 0, HD_ID),
		    NULL, 10);
	dbres_free(res);
	return DB_OK;
}

int
page_staff_held_open(struct req *r)
{
	struct decision	 d;
	int		 e;

	memset(&d, 0, sizeof(d));
	d.r = r;
	d.act = HELD_OPEN;
	if ((e = held_open_who(&d, kv_get(&r->form, "email"), kv_get(&r->form,
	    "department"))) != DB_OK)
		return HTTP_DB(e);
	if (d.customer == 0)
		return held_page(r, "email", "held-customer", 400);
	if (d.department == 0)
		return held_page(r, "department", "ticket-department", 400);
	return held_decide(r, &d, "opened");
}

int
page_staff_held_discard(struct req *r)
{
	struct decision	d;

	memset(&d, 0, sizeof(d));
	d.act = HELD_DISCARD;
	return held_decide(r, &d, "discarded");
}
