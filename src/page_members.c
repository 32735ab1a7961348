/*
 * The people of an account: GET /account/users lists them; the owner
 * invites (POST /account/users/invite), changes roles (POST
 * /account/users/role) and removes users (POST /account/users/remove).
 * An invitation mails a single-use link: GET /invite?token= shows the
 * form to choose a password, its POST spends the token.  An address that
 * already has a user (of any account, staff too) is answered exactly as
 * a new one; its owner gets a mail saying so and nothing changes for
 * them, so the form tells nobody which addresses exist.  Invitations are
 * mail to a typed address: throttled per address and per client.
 *
 * A user named in a form is looked up and checked with access_account():
 * a user of another account answers 404, as if there were none.  A role
 * change ends the changed user's sessions (their privileges changed); the
 * account always keeps at least one owner.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

enum { MEMBERS_ID, MEMBERS_NAME, MEMBERS_EMAIL, MEMBERS_ACCOUNT_ROLE,
    MEMBERS_STATUS, MEMBERS__MAX };
static struct dbstmt q_members = DBSTMT_COLS(
    "SELECT id, name, email, account_role, status FROM users "
    "WHERE account_id = ? ORDER BY account_role = 'owner' DESC, name",
    MEMBERS__MAX);
/*
 * Only customers: a staff user left in an account is not its owner's to
 * change or remove (the staff hierarchy of page_staff.c holds for them).
 */
enum { TARGET_ID, TARGET_ACCOUNT_ID, TARGET_ACCOUNT_ROLE, TARGET_EMAIL,
    TARGET__MAX };
static struct dbstmt q_target = DBSTMT_COLS(
    "SELECT id, COALESCE(account_id, 0), COALESCE(account_role, ''), email "
    "FROM users WHERE id = ? AND portal_role = 'customer'", TARGET__MAX);
enum { OWNERS_COUNT, OWNERS__MAX };
static struct dbstmt q_owners = DBSTMT_COLS(
    "SELECT COUNT(*) FROM users WHERE account_id = ? "
    "AND account_role = 'owner' FOR UPDATE", OWNERS__MAX);
static struct dbstmt q_set_role = DBSTMT(
    "UPDATE users SET account_role = ? WHERE id = ? AND account_id = ? "
    "AND portal_role = 'customer'");
static struct dbstmt q_remove = DBSTMT(
    "DELETE FROM users WHERE id = ? AND account_id = ? "
    "AND portal_role = 'customer'");
static struct dbstmt q_invite = DBSTMT(
    "INSERT INTO users (email, name, language, status, portal_role, "
    "account_id, account_role) VALUES (?, ?, ?, 'unverified', 'customer', "
    "?, ?)");

const char *const member_roles[] = { "owner", "billing", "technical",
    "member", NULL };

static bool
is_owner(const struct req *r)
{
	return r->user->account_id != 0 &&
	    !strcmp(r->user->account_role, "owner");
}

static int
members_page(struct req *r, const char **inv, const char **err, int status)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	xmlNodePtr	 pg, m, f, sel;
	size_t		 i, k;
	int		 e;

	if (r->user->account_id == 0)
		return 404;
	a[0] = DBI(r->user->account_id);
	if ((e = db_query(&q_members, &res, 1, a)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "members");
	if (kv_get(&r->query, "done"))
		page_notice(r, kv_get(&r->query, "done"), "success");
	for (i = 0; i < res->nrows; i++) {
		m = xml_elem(pg, "member");
		xml_attr(m, "role", dbres_get(res, i, MEMBERS_ACCOUNT_ROLE));
		xml_attr(m, "status", dbres_get(res, i, MEMBERS_STATUS));
		xml_text(m, "name", dbres_get(res, i, MEMBERS_NAME));
		xml_text(m, "email", dbres_get(res, i, MEMBERS_EMAIL));
		if (strtoul(dbres_get(res, i, MEMBERS_ID), NULL,
		    10) == r->user->id) {
			xml_attr(m, "me", "yes");
			continue;
		}
		if (!is_owner(r))
			continue;
		/* One pair of forms per member: ids of their own (role-7). */
		f = form_new(r, m, arena_printf(r->arena, "role-%s",
		    dbres_get(res, i, MEMBERS_ID)), "/account/users/role",
		    "members.role");
		form_hidden(f, "user", dbres_get(res, i, MEMBERS_ID));
		sel = form_field(f, "role", "select", dbres_get(res, i,
		    MEMBERS_ACCOUNT_ROLE), NULL);
		for (k = 0; member_roles[k] != NULL; k++)
			form_option(sel, member_roles[k], member_roles[k]);
		f = form_new(r, m, arena_printf(r->arena, "remove-%s",
		    dbres_get(res, i, MEMBERS_ID)), "/account/users/remove",
		    "members.remove");
		form_hidden(f, "user", dbres_get(res, i, MEMBERS_ID));
	}
	dbres_free(res);
	if (is_owner(r)) {
		f = form_new(r, pg, "invite", "/account/users/invite",
		    "invite.submit");
		/* Someone else's name: not the form's usual "Your name". */
		xml_attr(form_field(f, "name", "text", inv[0], err[0]),
		    "label", "members.name");
		form_field(f, "email", "email", inv[1], err[1]);
		sel = form_field(f, "role", "select", inv[2] ? inv[2] : "member",
		    err[2]);
		for (k = 0; member_roles[k] != NULL; k++)
			form_option(sel, member_roles[k], member_roles[k]);
	}
	return status;
}

int
page_members(struct req *r)
{
	const char	*inv[3] = { NULL }, *err[3] = { NULL };

	return members_page(r, inv, err, 200);
}

/*
 * An invitation to an address that has a user already: its owner is told
 * by mail (in their own name and language; nothing of theirs changes),
 * and the inviter gets the answer a new address gets.
 */
static int
invite_existing(struct req *r, const char *email, const char *role)
{
	struct account_user	u;
	bool			found;
	int			e;

	if ((e = user_by_email(r, email, &u, &found)) != DB_OK)
		return HTTP_DB(e);
	if (found && (e = mail_queue(r, u.email, u.name, u.lang,
	    "invite-exists", site_link(r, "/reset", NULL))) != DB_OK)
		return HTTP_DB(e);
	audit(r, "user-invited", 0, r->user->account_id,
	    "email=%s role=%s (has a user already: told by mail)", email, role);
	return req_redirect(r, "/account/users?done=invited");
}

int
page_invite_post(struct req *r)
{
	const char		*inv[3], *err[3] = { NULL };
	struct dbarg		 a[5];
	uint64_t		 id;
	char			*email, token[65];
	int			 e, wait;

	if (!is_owner(r))
		return page_error(r, 403, "account-owner", NULL);
	inv[0] = kv_get(&r->form, "name") ? kv_get(&r->form, "name") : "";
	email = email_normalize(r->arena, kv_get(&r->form, "email"));
	inv[1] = email;
	inv[2] = kv_get(&r->form, "role");
	if (!valid_text(inv[0], strlen(inv[0]), 200))
		err[0] = "name";
	if (!valid_email(email, strlen(email)))
		err[1] = "email";
	if (content_find(member_roles, inv[2]) == -1)
		err[2] = "role";
	if (err[0] || err[1] || err[2])
		return members_page(r, inv, err, 400);
	if ((e = throttle_mail(r, email, &wait)) != DB_OK)
		return HTTP_DB(e);
	if (wait > 0)
		return throttle_mail_page(r, wait);
	a[0] = DBS(email);
	a[1] = DBS(inv[0]);
	a[2] = DBS(r->cat->code);
	a[3] = DBI(r->user->account_id);
	a[4] = DBS(inv[2]);
	/* The address is unique: a user that has it makes this a duplicate. */
	if ((e = db_exec(&q_invite, NULL, &id, 5, a)) == DB_DUPLICATE)
		return invite_existing(r, email, inv[2]);
	if (e != DB_OK ||
	    (e = token_create((unsigned)id, "invite",
	    conf->verify_token_hours * 60, token)) != DB_OK ||
	    (e = mail_queue(r, email, inv[0], r->cat->code, "invite",
	    site_link(r, "/invite", token))) != DB_OK)
		return HTTP_DB(e);
	explicit_bzero(token, sizeof(token));
	audit(r, "user-invited", (unsigned)id, r->user->account_id,
	    "email=%s role=%s", email, inv[2]);
	return req_redirect(r, "/account/users?done=invited");
}

/* The user a form names, if r may act on them; 0, an HTTP status or
 * HTTP_DB(e). */
static int
target(struct req *r, unsigned *id, unsigned *account_id, char **role,
    char **email)
{
	const char	*s = kv_get(&r->form, "user");
	struct dbres	*res;
	struct dbarg	 a[1];
	char		*end;
	unsigned long	 n;
	int		 e, st;

	if (s == NULL)
		return page_error(r, 400, "missing-param", "user");
	n = strtoul(s, &end, 10);
	if (*end != '\0' || n == 0 || n > 4000000000UL)
		return 404;
	a[0] = DBI(n);
	if ((e = db_query(&q_target, &res, 1, a)) != DB_OK)
		return HTTP_DB(e);
	if (res->nrows == 0) {
		dbres_free(res);
		return 404;
	}
	*id = (unsigned)n;
	*account_id = (unsigned)strtoul(dbres_get(res, 0, TARGET_ACCOUNT_ID),
	    NULL, 10);
	*role = arena_strdup(r->arena, dbres_get(res, 0, TARGET_ACCOUNT_ROLE));
	*email = arena_strdup(r->arena, dbres_get(res, 0, TARGET_EMAIL));
	dbres_free(res);
	/* Staff act on any account elsewhere; here only one's own. */
	if ((st = access_account(r, *account_id)) != 0 ||
	    *account_id != r->user->account_id)
		return 404;
	return 0;
}

struct rolechange {
	unsigned	 id, account_id;
	const char	*old, *role;
	bool		 last_owner;
};

static int
change_role(void *arg)
{
	struct rolechange	*c = arg;
	struct dbres		*res;
	struct dbarg		 a[3];
	int			 e;

	a[0] = DBI(c->account_id);
	if ((e = db_query(&q_owners, &res, 1, a)) != DB_OK)
		return e;
	c->last_owner = !strcmp(c->old, "owner") && strcmp(c->role, "owner") &&
	    atoi(dbres_get(res, 0, OWNERS_COUNT)) <= 1;
	dbres_free(res);
	if (c->last_owner)
		return DB_OK;
	a[0] = DBS(c->role);
	a[1] = DBI(c->id);
	a[2] = DBI(c->account_id);
	return db_exec(&q_set_role, NULL, NULL, 3, a);
}

int
page_role_post(struct req *r)
{
	struct rolechange	 c;
	char			*old, *email;
	int			 st, e;

	if (!is_owner(r))
		return page_error(r, 403, "account-owner", NULL);
	if ((st = target(r, &c.id, &c.account_id, &old, &email)) != 0)
		return st;
	c.old = old;
	c.role = kv_get(&r->form, "role");
	if (content_find(member_roles, c.role) == -1)
		return page_error(r, 400, "invalid-param", "role");
	if ((e = db_tx(change_role, &c)) != DB_OK)
		return HTTP_DB(e);
	if (c.last_owner)
		return page_error(r, 400, "last-owner", NULL);
	/* New privileges: the user's sessions start over. */
	if (c.id != r->user->id && (e = session_end_others(r, c.id)) != DB_OK)
		return HTTP_DB(e);
	audit(r, "role-changed", c.id, c.account_id, "%s: %s -> %s", email,
	    old, c.role);
	return req_redirect(r, "/account/users?done=role-changed");
}

int
page_remove_post(struct req *r)
{
	struct dbarg	 a[2];
	unsigned	 id, account_id;
	char		*role, *email;
	int		 st, e;

	if (!is_owner(r))
		return page_error(r, 403, "account-owner", NULL);
	if ((st = target(r, &id, &account_id, &role, &email)) != 0)
		return st;
	if (id == r->user->id)
		return page_error(r, 400, "remove-self", NULL);
	a[0] = DBI(id);
	a[1] = DBI(account_id);
	if ((e = db_exec(&q_remove, NULL, NULL, 2, a)) != DB_OK)
		return HTTP_DB(e);
	audit(r, "user-removed", id, account_id, "%s (%s)", email, role);
	return req_redirect(r, "/account/users?done=user-removed");
}

static int
accept_form(struct req *r, const char *tok, const char *error)
{
	xmlNodePtr	pg, f;

	pg = page_new(r, "invite");
	f = form_new(r, pg, "invite-accept", "/invite", "invite-accept.submit");
	form_field(f, "new_password", "password", NULL, error);
	form_hidden(f, "token", tok);
	return error ? 400 : 200;
}

int
page_invite(struct req *r)
{
	const char	*tok;
	unsigned	 owner;
	int		 st;

	if ((st = token_from_request(r, "invite", &tok, &owner)) != 0)
		return st;
	return accept_form(r, tok, NULL);
}

int
page_invite_accept(struct req *r)
{
	struct account_user	u;
	int			st;

	if ((st = token_set_password(r, "invite", accept_form, &u)) != 0)
		return st;
	audit(r, "invite-accepted", u.id, u.account_id, "%s", "");
	return req_redirect(r, "/signin?done=invite-accepted");
}
