/*
 * Staff pages (agents and admins; the route table requires ROLE_AGENT):
 *
 *   GET  /staff/users?q=          find users by name or e-mail address
 *   POST /staff/users/status      suspend or reactivate a user
 *   POST /staff/users/role        change a portal role (admins)
 *   GET  /staff/accounts?q=       find accounts by number or name
 *   POST /staff/accounts/status   suspend or reactivate an account
 *   POST /staff/accounts/segment  put an account in a segment or take it out (admins)
 *   POST /staff/users/segment     the same for a user (admins)
 *   POST /staff/accounts/new      a new account and its owner, invited by mail
 *   GET  /staff/segments          segments (admins), POST to add, .../delete
 *   GET  /staff/audit             the audit log, filtered (admins)
 *
 *   POST /staff/users/unlock-2fa  lift a lock on a user's second factor
 *
 * Every action on a user or an account goes through staff_act(), the one
 * place that holds the staff hierarchy: staff act only on users of a
 * lower portal role (agents on customers), admins on everyone, and no
 * change may leave the portal without an active admin.  An account
 * counts as its highest-ranking user.
 *
 * Suspending ends the sessions of the user (or of every user of the
 * account) at once; a portal role change ends the user's sessions, so the
 * new privileges come with a new session.  Everything is audited.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

enum { USERS_ID, USERS_NAME, USERS_EMAIL, USERS_PORTAL_ROLE, USERS_STATUS,
    USERS_ACCOUNT_NUMBER, USERS_TOTP_LOCKED, USERS_SEGMENTS, USERS__MAX };
static struct dbstmt q_users = DBSTMT_COLS(
    "SELECT u.id, u.name, u.email, u.portal_role, u.status, "
    "COALESCE(a.number, ''), COALESCE(u.totp_locked_until > NOW(), 0), "
    "COALESCE((SELECT GROUP_CONCAT(s.name ORDER BY s.name SEPARATOR ', ') "
    "FROM user_segments x JOIN segments s ON s.id = x.segment_id "
    "WHERE x.user_id = u.id), '') FROM users u "
    "LEFT JOIN accounts a ON a.id = u.account_id "
    "WHERE ? = '' OR LOCATE(?, u.email COLLATE utf8mb4_unicode_ci) > 0 "
    "OR LOCATE(?, u.name) > 0 "
    "ORDER BY u.name LIMIT 50", USERS__MAX);
static struct dbstmt q_user_status = DBSTMT(
    "UPDATE users SET status = ? WHERE id = ? AND status <> ? "
    "AND (status <> 'unverified' OR ? = 'suspended')");
static struct dbstmt q_user_role = DBSTMT(
    "UPDATE users SET portal_role = ? WHERE id = ?");
static struct dbstmt q_user_sessions_end = DBSTMT(
    "DELETE FROM sessions WHERE user_id = ?");
static struct dbstmt q_user_unlock = DBSTMT(
    "UPDATE users SET totp_failures = 0, totp_locked_until = NULL "
    "WHERE id = ? AND totp_locked_until > NOW()");
/* The targets of a staff action, locked: a user, or an account's users. */
enum { ACT_NAME, ACT_RANK, ACT_ROLE, ACT__MAX };
static struct dbstmt q_act_user = DBSTMT_COLS(
    "SELECT email, portal_role + 0, portal_role FROM users WHERE id = ? "
    "FOR UPDATE", ACT__MAX);
static struct dbstmt q_act_account = DBSTMT_COLS(
    "SELECT a.number, COALESCE(MAX(u.portal_role + 0), 1), '' "
    "FROM accounts a LEFT JOIN users u ON u.account_id = a.id "
    "WHERE a.id = ? GROUP BY a.id FOR UPDATE", ACT__MAX);
/*
 * The active admins, locked, each marked 1 when the action touches them
 * (the user, or a user of the account): two admins demoting each other
 * at once are serialised here, and the second sees one admin left.
 */
enum { ACT_ADMINS_IS_TARGET, ACT_ADMINS__MAX };
static struct dbstmt q_act_admins = DBSTMT_COLS(
    "SELECT u.id = ? OR COALESCE(u.account_id = ?, 0) FROM users u "
    "LEFT JOIN accounts a ON a.id = u.account_id "
    "WHERE u.portal_role = 'admin' AND u.status = 'active' "
    "AND (a.id IS NULL OR a.status = 'active') FOR UPDATE", ACT_ADMINS__MAX);
enum { ACCOUNTS_ID, ACCOUNTS_NUMBER, ACCOUNTS_NAME, ACCOUNTS_STATUS,
    ACCOUNTS_USERS, ACCOUNTS_SEGMENTS, ACCOUNTS_RANK, ACCOUNTS__MAX };
static struct dbstmt q_accounts = DBSTMT_COLS(
    "SELECT a.id, a.number, a.name, a.status, "
    "(SELECT COUNT(*) FROM users u WHERE u.account_id = a.id), "
    "COALESCE((SELECT GROUP_CONCAT(s.name ORDER BY s.name SEPARATOR ', ') "
    "FROM account_segments x JOIN segments s ON s.id = x.segment_id "
    "WHERE x.account_id = a.id), ''), "
    "(SELECT COALESCE(MAX(u.portal_role + 0), 1) FROM users u "
    "WHERE u.account_id = a.id) FROM accounts a "
    "WHERE ? = '' OR LOCATE(?, a.number) > 0 OR LOCATE(?, a.name) > 0 "
    "ORDER BY a.name LIMIT 50", ACCOUNTS__MAX);
static struct dbstmt q_account_status = DBSTMT(
    "UPDATE accounts SET status = ? WHERE id = ?");
static struct dbstmt q_account_sessions_end = DBSTMT(
    "DELETE s FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE u.account_id = ?");
enum { SEGMENTS_ID, SEGMENTS_NAME, SEGMENTS_KIND, SEGMENTS_ACCOUNTS,
    SEGMENTS__MAX };
static struct dbstmt q_segments = DBSTMT_COLS(
    "SELECT s.id, s.name, s.kind, (SELECT COUNT(*) FROM account_segments x "
    "WHERE x.segment_id = s.id) FROM segments s ORDER BY s.kind, s.name",
    SEGMENTS__MAX);
static struct dbstmt q_segment_add = DBSTMT(
    "INSERT INTO segments (name, kind) VALUES (?, ?)");
static struct dbstmt q_segment_delete = DBSTMT(
    "DELETE FROM segments WHERE id = ?");
static struct dbstmt q_member_add = DBSTMT(
    "INSERT IGNORE INTO account_segments (account_id, segment_id) "
    "SELECT a.id, s.id FROM accounts a, segments s WHERE a.id = ? AND s.id = ?");
static struct dbstmt q_member_remove = DBSTMT(
    "DELETE FROM account_segments WHERE account_id = ? AND segment_id = ?");
static struct dbstmt q_user_seg_add = DBSTMT(
    "INSERT IGNORE INTO user_segments (user_id, segment_id) "
    "SELECT u.id, s.id FROM users u, segments s WHERE u.id = ? AND s.id = ?");
static struct dbstmt q_user_seg_remove = DBSTMT(
    "DELETE FROM user_segments WHERE user_id = ? AND segment_id = ?");
enum { AUDIT_AT, AUDIT_EVENT, AUDIT_ACTOR_EMAIL, AUDIT_USER_EMAIL, AUDIT_ADDR,
    AUDIT_DETAIL, AUDIT__MAX };
static struct dbstmt q_audit = DBSTMT_COLS(
    "SELECT DATE_FORMAT(l.at, '%Y-%m-%d %H:%i:%s'), l.event, "
    "COALESCE(a.email, ''), COALESCE(u.email, ''), l.addr, l.detail "
    "FROM audit_log l LEFT JOIN users a ON a.id = l.actor_id "
    "LEFT JOIN users u ON u.id = l.user_id "
    "WHERE (? = '' OR l.event = ?) AND (? = '' OR "
    "u.email COLLATE utf8mb4_unicode_ci = ?) "
    "AND (? = '' OR l.at >= ?) AND (? = '' OR l.at < ? + INTERVAL 1 DAY) "
    "ORDER BY l.id DESC LIMIT 200", AUDIT__MAX);

static struct dbstmt q_account_new = DBSTMT(
    "INSERT INTO accounts (number, name, language) "
    "VALUES (CONCAT('T-', UUID_SHORT()), ?, ?)");
static struct dbstmt q_account_number = DBSTMT(
    "UPDATE accounts SET number = CONCAT('NW-', LPAD(id, 6, '0')) "
    "WHERE id = ?");
static struct dbstmt q_owner_new = DBSTMT(
    "INSERT INTO users (email, name, language, status, portal_role, "
    "account_id, account_role) VALUES (?, ?, ?, 'unverified', 'customer', "
    "?, 'owner')");

/* The staff forms' choices; the route table checks them (route.c). */
const char *const staff_portal_roles[] = { "customer", "agent", "admin",
    NULL };
const char *const staff_statuses[] = { "active", "suspended", NULL };
const char *const staff_changes[] = { "add", "remove", NULL };
const char *const staff_segment_kinds[] = { "region", "product",
    "customer-type", "internal", NULL };

static unsigned
form_id(const struct req *r, const char *name)
{
	const char	*s = kv_get(&r->form, name);

	return s ? (unsigned)strtoul(s, NULL, 10) : 0;
}

/* A portal role's rank (an enum role). */
static long
role_rank(const char *portal_role)
{
	if (!strcmp(portal_role, "admin"))
		return ROLE_ADMIN;
	return !strcmp(portal_role, "agent") ? ROLE_AGENT : ROLE_CUSTOMER;
}

static bool
admin(const struct req *r)
{
	return r->role >= ROLE_ADMIN;
}

/*
 * The staff hierarchy, said once: may the request's user act on someone
 * whose portal role is target (an enum role)?  Agents act on customers
 * only; admins on everyone, admins included (the last active admin is
 * kept by staff_act()).
 */
static bool
outranks(const struct req *r, long target)
{
	return r->role == ROLE_ADMIN || target < (long)r->role;
}

/* A staff action on a user or on an account (and so on all its users). */
struct staff_act {
	struct req	*r;
	unsigned	 user_id;	/* the user acted on, or 0 */
	unsigned	 account_id;	/* the account acted on, or 0 */
	bool		 ends_admin;	/* can end an active admin's standing */
	struct dbstmt	*q;		/* the change itself */
	struct dbarg	 a[4];
	size_t		 na;
	/* out */
	bool		 found;
	const char	*refused;	/* an error reason, or NULL */
	char		*name;		/* the user's address, the account's number */
	char		*role;		/* the user's portal role before */
	uint64_t	 n;		/* rows the change changed */
};

/* Lock the targets, check the hierarchy and the last admin, change. */
static int
act_tx(void *arg)
{
	struct staff_act	*c = arg;
	struct dbres		*res;
	struct dbarg		 a[2];
	size_t			 i, hit = 0, rest = 0;
	int			 e;

	c->found = false;
	c->refused = NULL;
	a[0] = DBI(c->user_id ? c->user_id : c->account_id);
	if ((e = db_query(c->user_id ? &q_act_user : &q_act_account, &res, 1,
	    a)) != DB_OK)
		return e;
	if (res->nrows == 1) {
		c->found = true;
		c->name = arena_strdup(c->r->arena,
		    dbres_get(res, 0, ACT_NAME));
		c->role = arena_strdup(c->r->arena,
		    dbres_get(res, 0, ACT_ROLE));
		if (!outranks(c->r, strtol(dbres_get(res, 0, ACT_RANK), NULL,
		    10)))
			c->refused = "staff-rank";
	}
	dbres_free(res);
	if (!c->found || c->refused != NULL)
		return DB_OK;
	if (c->ends_admin) {
		a[0] = DBI(c->user_id);
		a[1] = DBI(c->account_id);
		if ((e = db_query(&q_act_admins, &res, 2, a)) != DB_OK)
			return e;
		for (i = 0; i < res->nrows; i++)
			if (!strcmp(dbres_get(res, i, ACT_ADMINS_IS_TARGET),
			    "1"))
				hit++;
			else
				rest++;
		dbres_free(res);
		if (hit > 0 && rest == 0) {
			c->refused = "last-admin";
			return DB_OK;
		}
	}
	return db_exec(c->q, &c->n, NULL, c->na, c->a);
}

/*
 * Run a staff action in one transaction: the user or account must exist
 * (else 404), the request's user must outrank it and the change must
 * leave an active admin (else 403).  Returns 0 when done,
 * else the status of the error page made or HTTP_DB(e).
 */
static int
staff_act(struct staff_act *c)
{
	int	e;

	if ((e = db_tx(act_tx, c)) != DB_OK)
		return HTTP_DB(e);
	if (!c->found)
		return page_error(c->r, 404, NULL, NULL);
	if (c->refused != NULL)
		return page_error(c->r, 403, c->refused, NULL);
	return 0;
}

static void
status_form(struct req *r, xmlNodePtr parent, const char *action,
    const char *field, const char *id, const char *status)
{
	xmlNodePtr	f;
	bool		suspended = !strcmp(status, "suspended");

	f = form_new(r, parent, suspended ? "reactivate" : "suspend", action,
	    suspended ? "staff.reactivate" : "staff.suspend");
	form_hidden(f, field, id);
	form_hidden(f, "status", suspended ? "active" : "suspended");
}

/* The add-to / take-out-of segment form of one user or account. */
static void
segment_form(struct req *r, xmlNodePtr parent, const char *action,
    const char *field, const char *id, const struct dbres *segs)
{
	xmlNodePtr	f, sel;
	size_t		k;

	f = form_new(r, parent, "segment", action, "staff.segment");
	form_hidden(f, field, id);
	sel = form_field(f, "segment", "select", NULL, NULL);
	for (k = 0; k < segs->nrows; k++)
		form_option(sel, dbres_get(segs, k, SEGMENTS_ID),
		    dbres_get(segs, k, SEGMENTS_NAME));
	sel = form_field(f, "change", "select", "add", NULL);
	form_option(sel, "add", "add");
	form_option(sel, "remove", "remove");
}

/* Put the user or account the form names in a segment or take it out. */
static int
segment_change(struct req *r, const char *field, struct dbstmt *add,
    struct dbstmt *remove, const char *done)
{
	const char		*change = kv_get(&r->form, "change");
	unsigned		 id = form_id(r, field);
	struct staff_act	 c;
	int			 st;

	if (content_find(staff_changes, change) == -1)
		return page_error(r, 400, "invalid-param", "change");
	memset(&c, 0, sizeof(c));
	c.r = r;
	if (field[0] == 'u')
		c.user_id = id;
	else
		c.account_id = id;
	c.q = !strcmp(change, "add") ? add : remove;
	c.a[0] = DBI(id);
	c.a[1] = DBI(form_id(r, "segment"));
	c.na = 2;
	if ((st = staff_act(&c)) != 0)
		return st;
	audit(r, field[0] == 'u' ? "user-segment-changed" :
	    "account-segment-changed", field[0] == 'u' ? id : 0,
	    field[0] == 'u' ? 0 : id, "%s segment %u", change,
	    form_id(r, "segment"));
	return req_redirect(r, done);
}

/*
 * The common start of the two staff lists: run the search (q in the
 * query), fetch the segments for an admin, start the page.  Returns the
 * page element, or NULL with *st the error page's status.
 */
static xmlNodePtr
staff_list(struct req *r, struct dbstmt *q_list, const char *kind,
    struct dbres **res, struct dbres **segs, int *st)
{
	const char	*q = kv_get(&r->query, "q") ? kv_get(&r->query, "q") : "";
	struct dbarg	 a[3];
	xmlNodePtr	 pg;
	int		 e;

	*segs = NULL;
	a[0] = a[1] = a[2] = DBS(q);
	if ((e = db_query(q_list, res, 3, a)) != DB_OK) {
		*st = HTTP_DB(e);
		return NULL;
	}
	if (admin(r) && (e = db_query(&q_segments, segs, 0, NULL)) != DB_OK) {
		dbres_free(*res);
		*st = HTTP_DB(e);
		return NULL;
	}
	pg = page_new(r, kind);
	xml_attr(pg, "q", q);
	if (kv_get(&r->query, "done"))
		page_notice(r, kv_get(&r->query, "done"), "success");
	return pg;
}

int
page_staff_users(struct req *r)
{
	struct dbres	*res, *segs;
	xmlNodePtr	 pg, u, f, sel;
	size_t		 i, k;
	int		 st;

	if ((pg = staff_list(r, &q_users, "staff-users", &res, &segs, &st))
	    == NULL)
		return st;
	for (i = 0; i < res->nrows; i++) {
		u = xml_elem(pg, "user");
		xml_attr(u, "role", dbres_get(res, i, USERS_PORTAL_ROLE));
		xml_attr(u, "status", dbres_get(res, i, USERS_STATUS));
		xml_attr(u, "account", dbres_get(res, i, USERS_ACCOUNT_NUMBER));
		if (!strcmp(dbres_get(res, i, USERS_TOTP_LOCKED), "1"))
			xml_attr(u, "second-factor", "locked");
		xml_text(u, "name", dbres_get(res, i, USERS_NAME));
		xml_text(u, "email", dbres_get(res, i, USERS_EMAIL));
		xml_text(u, "segments", dbres_get(res, i, USERS_SEGMENTS));
		/* Forms only for the actions the hierarchy allows. */
		if (!outranks(r,
		    role_rank(dbres_get(res, i, USERS_PORTAL_ROLE))))
			continue;
		if (segs != NULL && segs->nrows > 0)
			segment_form(r, u, "/staff/users/segment", "user",
			    dbres_get(res, i, USERS_ID), segs);
		if (strtoul(dbres_get(res, i, USERS_ID), NULL, 10) ==
		    r->user->id)
			continue;
		if (!strcmp(dbres_get(res, i, USERS_TOTP_LOCKED), "1")) {
			f = form_new(r, u, "unlock-2fa",
			    "/staff/users/unlock-2fa", "staff.unlock-2fa");
			form_hidden(f, "user", dbres_get(res, i, USERS_ID));
		}
		status_form(r, u, "/staff/users/status", "user",
		    dbres_get(res, i, USERS_ID),
		    dbres_get(res, i, USERS_STATUS));
		if (!admin(r))
			continue;
		f = form_new(r, u, "portal-role", "/staff/users/role",
		    "staff.role");
		form_hidden(f, "user", dbres_get(res, i, USERS_ID));
		sel = form_field(f, "portal_role", "select",
		    dbres_get(res, i, USERS_PORTAL_ROLE), NULL);
		for (k = 0; staff_portal_roles[k] != NULL; k++)
			form_option(sel, staff_portal_roles[k], staff_portal_roles[k]);
	}
	dbres_free(res);
	dbres_free(segs);
	return 200;
}

int
page_staff_user_segment(struct req *r)
{
	return segment_change(r, "user", &q_user_seg_add, &q_user_seg_remove,
	    "/staff/users?done=segments-changed");
}

int
page_staff_user_status(struct req *r)
{
	const char		*status = kv_get(&r->form, "status");
	struct staff_act	 c;
	bool			 suspend;
	int			 e, st;

	if (content_find(staff_statuses, status) == -1)
		return page_error(r, 400, "invalid-param", "status");
	suspend = !strcmp(status, "suspended");
	memset(&c, 0, sizeof(c));
	c.r = r;
	if ((c.user_id = form_id(r, "user")) == r->user->id)
		return page_error(r, 400, "self", NULL);
	c.ends_admin = suspend;
	c.q = &q_user_status;
	c.a[0] = DBS(status);
	c.a[1] = DBI(c.user_id);
	c.a[2] = DBS(status);
	c.a[3] = DBS(status);
	c.na = 4;
	if ((st = staff_act(&c)) != 0)
		return st;
	c.a[0] = DBI(c.user_id);
	if (suspend &&
	    (e = db_exec(&q_user_sessions_end, NULL, NULL, 1, c.a)) != DB_OK)
		return HTTP_DB(e);
	if (c.n == 1)
		audit(r, suspend ? "user-suspended" : "user-reactivated",
		    c.user_id, 0, "%s", c.name);
	return req_redirect(r, "/staff/users?done=user-status");
}

int
page_staff_user_role(struct req *r)
{
	const char		*role = kv_get(&r->form, "portal_role");
	struct staff_act	 c;
	int			 e, st;

	if (content_find(staff_portal_roles, role) == -1)
		return page_error(r, 400, "invalid-param", "portal_role");
	memset(&c, 0, sizeof(c));
	c.r = r;
	if ((c.user_id = form_id(r, "user")) == r->user->id)
		return page_error(r, 400, "self", NULL);
	c.ends_admin = strcmp(role, "admin") != 0;
	c.q = &q_user_role;
	c.a[0] = DBS(role);
	c.a[1] = DBI(c.user_id);
	c.na = 2;
	if ((st = staff_act(&c)) != 0)
		return st;
	c.a[0] = DBI(c.user_id);
	if ((e = db_exec(&q_user_sessions_end, NULL, NULL, 1, c.a)) != DB_OK)
		return HTTP_DB(e);
	audit(r, "portal-role-changed", c.user_id, 0, "%s: %s -> %s", c.name,
	    c.role, role);
	return req_redirect(r, "/staff/users?done=role-changed");
}

/* Lift a lock on a user's second factor (too many wrong codes). */
int
page_staff_user_unlock(struct req *r)
{
	struct staff_act	c;
	int			st;

	memset(&c, 0, sizeof(c));
	c.r = r;
	if ((c.user_id = form_id(r, "user")) == r->user->id)
		return page_error(r, 400, "self", NULL);
	c.q = &q_user_unlock;
	c.a[0] = DBI(c.user_id);
	c.na = 1;
	if ((st = staff_act(&c)) != 0)
		return st;
	if (c.n == 1)
		audit(r, "2fa-unlocked", c.user_id, 0, "%s", c.name);
	return req_redirect(r, "/staff/users?done=2fa-unlocked");
}

static const char *const nfields[] = { "company", "name", "email" };

static void
new_account_form(struct req *r, xmlNodePtr pg, const char **val,
    const char **err)
{
	xmlNodePtr	f;
	size_t		i;

	f = form_new(r, pg, "account-new", "/staff/accounts/new",
	    "staff.new-account");
	for (i = 0; i < 3; i++)
		form_field(f, nfields[i], i == 2 ? "email" : "text",
		    val ? val[i] : NULL, err ? err[i] : NULL);
}

struct newaccount {
	const char	*company, *name, *email, *lang;
	unsigned	 account_id, user_id;
	char		 token[65];
};

static int
create_account(void *arg)
{
	struct newaccount	*n = arg;
	struct dbarg		 a[4];
	uint64_t		 id;
	int			 e;

	a[0] = DBS(n->company);
	a[1] = DBS(n->lang);
	if ((e = db_exec(&q_account_new, NULL, &id, 2, a)) != DB_OK)
		return e;
	n->account_id = (unsigned)id;
	a[0] = DBI(id);
	if ((e = db_exec(&q_account_number, NULL, NULL, 1, a)) != DB_OK)
		return e;
	a[0] = DBS(n->email);
	a[1] = DBS(n->name);
	a[2] = DBS(n->lang);
	a[3] = DBI(n->account_id);
	if ((e = db_exec(&q_owner_new, NULL, &id, 4, a)) != DB_OK)
		return e;
	n->user_id = (unsigned)id;
	return token_create(n->user_id, "invite", conf->verify_token_hours * 60,
	    n->token);
}

/*
 * A new customer account with its owner, who gets an invitation by mail:
 * how accounts come to be when registration is invite-only or closed.
 */
int
page_staff_account_new(struct req *r)
{
	const char		*val[3], *err[3] = { NULL };
	struct account_user	 u;
	struct newaccount	 n;
	struct dbres		*res, *segs;
	xmlNodePtr		 pg;
	char			*email;
	bool			 found;
	int			 e, st;

	for (st = 0; st < 3; st++)
		val[st] = kv_get(&r->form, nfields[st]) ?
		    kv_get(&r->form, nfields[st]) : "";
	email = email_normalize(r->arena, val[2]);
	val[2] = email;
	if (!valid_text(val[0], strlen(val[0]), 200))
		err[0] = "company";
	if (!valid_text(val[1], strlen(val[1]), 200))
		err[1] = "name";
	if (!valid_email(email, strlen(email)))
		err[2] = "email";
	else if ((e = user_by_email(r, email, &u, &found)) != DB_OK)
		return HTTP_DB(e);
	else if (found)
		err[2] = "email-taken";
	if (err[0] || err[1] || err[2]) {
		if ((pg = staff_list(r, &q_accounts, "staff-accounts", &res,
		    &segs, &st)) == NULL)
			return st;
		dbres_free(res);
		dbres_free(segs);
		new_account_form(r, pg, val, err);
		return 400;
	}
	memset(&n, 0, sizeof(n));
	n.company = val[0];
	n.name = val[1];
	n.email = email;
	n.lang = r->cat->code;
	if ((e = db_tx(create_account, &n)) != DB_OK)
		return HTTP_DB(e);
	if ((e = mail_queue(r, email, n.name, n.lang, "invite",
	    site_link(r, "/invite", n.token))) != DB_OK)
		return HTTP_DB(e);
	explicit_bzero(n.token, sizeof(n.token));
	audit(r, "account-created", n.user_id, n.account_id, "%s, owner %s",
	    n.company, email);
	return req_redirect(r, "/staff/accounts?done=account-created");
}

int
page_staff_accounts(struct req *r)
{
	struct dbres	*res, *segs;
	xmlNodePtr	 pg, n;
	size_t		 i;
	int		 st;

	if ((pg = staff_list(r, &q_accounts, "staff-accounts", &res, &segs,
	    &st)) == NULL)
		return st;
	for (i = 0; i < res->nrows; i++) {
		n = xml_elem(pg, "account");
		xml_attr(n, "number", dbres_get(res, i, ACCOUNTS_NUMBER));
		xml_attr(n, "status", dbres_get(res, i, ACCOUNTS_STATUS));
		xml_attr(n, "users", dbres_get(res, i, ACCOUNTS_USERS));
		xml_attrf(n, "billing", "/staff/accounts/%s/billing",
		    dbres_get(res, i, ACCOUNTS_ID));
		xml_text(n, "name", dbres_get(res, i, ACCOUNTS_NAME));
		xml_text(n, "segments", dbres_get(res, i, ACCOUNTS_SEGMENTS));
		/* An account ranks as its highest-ranking user. */
		if (!outranks(r, strtol(dbres_get(res, i, ACCOUNTS_RANK),
		    NULL, 10)))
			continue;
		status_form(r, n, "/staff/accounts/status", "account",
		    dbres_get(res, i, ACCOUNTS_ID),
		    dbres_get(res, i, ACCOUNTS_STATUS));
		if (segs != NULL && segs->nrows > 0)
			segment_form(r, n, "/staff/accounts/segment", "account",
			    dbres_get(res, i, ACCOUNTS_ID), segs);
	}
	new_account_form(r, pg, NULL, NULL);
	dbres_free(res);
	dbres_free(segs);
	return 200;
}

int
page_staff_account_status(struct req *r)
{
	const char		*status = kv_get(&r->form, "status");
	struct staff_act	 c;
	bool			 suspend;
	int			 e, st;

	if (content_find(staff_statuses, status) == -1)
		return page_error(r, 400, "invalid-param", "status");
	suspend = !strcmp(status, "suspended");
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.account_id = form_id(r, "account");
	c.ends_admin = suspend;
	c.q = &q_account_status;
	c.a[0] = DBS(status);
	c.a[1] = DBI(c.account_id);
	c.na = 2;
	if ((st = staff_act(&c)) != 0)
		return st;
	c.a[0] = DBI(c.account_id);
	if (suspend && (e = db_exec(&q_account_sessions_end, NULL, NULL, 1,
	    c.a)) != DB_OK)
		return HTTP_DB(e);
	audit(r, suspend ? "account-suspended" : "account-reactivated", 0,
	    c.account_id, "%s", "");
	return req_redirect(r, "/staff/accounts?done=account-status");
}

int
page_staff_account_segment(struct req *r)
{
	return segment_change(r, "account", &q_member_add, &q_member_remove,
	    "/staff/accounts?done=segments-changed");
}

static int
segments_page(struct req *r, const char *name, const char *error, int status)
{
	struct dbres	*res;
	xmlNodePtr	 pg, n, f, sel;
	size_t		 i, k;
	int		 e;

	if ((e = db_query(&q_segments, &res, 0, NULL)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "staff-segments");
	if (kv_get(&r->query, "done"))
		page_notice(r, kv_get(&r->query, "done"), "success");
	for (i = 0; i < res->nrows; i++) {
		n = xml_elem(pg, "segment");
		xml_attr(n, "kind", dbres_get(res, i, SEGMENTS_KIND));
		xml_attr(n, "accounts", dbres_get(res, i, SEGMENTS_ACCOUNTS));
		xml_text(n, "name", dbres_get(res, i, SEGMENTS_NAME));
		f = form_new(r, n, "segment-delete", "/staff/segments/delete",
		    "staff.delete");
		form_hidden(f, "segment", dbres_get(res, i, SEGMENTS_ID));
	}
	dbres_free(res);
	f = form_new(r, pg, "segment-add", "/staff/segments", "staff.add-segment");
	form_field(f, "segment_name", "text", name, error);
	sel = form_field(f, "kind", "select", "region", NULL);
	for (k = 0; staff_segment_kinds[k] != NULL; k++)
		form_option(sel, staff_segment_kinds[k], staff_segment_kinds[k]);
	return status;
}

int
page_staff_segments(struct req *r)
{
	return segments_page(r, NULL, NULL, 200);
}

int
page_staff_segment_add(struct req *r)
{
	const char	*name = kv_get(&r->form, "segment_name");
	const char	*kind = kv_get(&r->form, "kind");
	struct dbarg	 a[2];
	int		 e;

	if (name == NULL || !valid_text(name, strlen(name), 100))
		return segments_page(r, name, "segment-name", 400);
	if (content_find(staff_segment_kinds, kind) == -1)
		return page_error(r, 400, "invalid-param", "kind");
	a[0] = DBS(name);
	a[1] = DBS(kind);
	if ((e = db_exec(&q_segment_add, NULL, NULL, 2, a)) == DB_DUPLICATE)
		return segments_page(r, name, "segment-taken", 400);
	if (e != DB_OK)
		return HTTP_DB(e);
	audit(r, "segment-added", 0, 0, "%s (%s)", name, kind);
	return req_redirect(r, "/staff/segments?done=segment-added");
}

int
page_staff_segment_delete(struct req *r)
{
	struct dbarg	a[1];
	int		e;

	a[0] = DBI(form_id(r, "segment"));
	if ((e = db_exec(&q_segment_delete, NULL, NULL, 1, a)) != DB_OK)
		return HTTP_DB(e);
	audit(r, "segment-deleted", 0, 0, "%s", kv_get(&r->form, "segment"));
	return req_redirect(r, "/staff/segments?done=segment-deleted");
}

int
page_staff_audit(struct req *r)
{
	static const char *const keys[] = { "event", "email", "from", "to" };
	struct dbres	*res;
	struct dbarg	 a[8];
	xmlNodePtr	 pg, n, f;
	const char	*v[4];
	size_t		 i;
	int		 e;

	for (i = 0; i < 4; i++) {
		v[i] = kv_get(&r->query, keys[i]) ? kv_get(&r->query, keys[i]) :
		    "";
		a[2 * i] = a[2 * i + 1] = DBS(v[i]);
	}
	if ((e = db_query(&q_audit, &res, 8, a)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "staff-audit");
	f = xml_elem(pg, "filter");
	for (i = 0; i < 4; i++)
		xml_attr(f, keys[i], v[i]);
	for (i = 0; i < res->nrows; i++) {
		n = xml_elem(pg, "entry");
		xml_attr(n, "at", dbres_get(res, i, AUDIT_AT));
		xml_attr(n, "event", dbres_get(res, i, AUDIT_EVENT));
		xml_attr(n, "actor", dbres_get(res, i, AUDIT_ACTOR_EMAIL));
		xml_attr(n, "user", dbres_get(res, i, AUDIT_USER_EMAIL));
		xml_attr(n, "addr", dbres_get(res, i, AUDIT_ADDR));
		xml_text(n, "detail", dbres_get(res, i, AUDIT_DETAIL));
	}
	dbres_free(res);
	return 200;
}
