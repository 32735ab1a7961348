/*
 * Users, accounts and the single-use tokens mailed to users: the queries
 * the sign-in, registration, reset and profile pages share.
 *
 * A token is bound to one user and one purpose, expires, and is spent by
 * one conditional UPDATE (used_at IS NULL AND not expired): of two
 * requests racing with the same token, exactly one wins, on any worker
 * or cluster node.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portico.h"

/*
 * A user's status counts their account's: the user of a suspended
 * account is suspended (told so at sign-in, mailed no reset link), as
 * their sessions are (session.c).
 */
#define USER_STATUS \
	"IF(status = 'active' AND EXISTS (SELECT 1 FROM accounts ua WHERE " \
	"ua.id = users.account_id AND ua.status <> 'active'), 'suspended', " \
	"status)"
/* The columns of a user, as both user queries select them. */
#define USER_COLUMNS \
    "id, name, COALESCE(password_hash, ''), " USER_STATUS ", language, " \
    "COALESCE(account_id, 0), COALESCE(totp_secret, ''), totp_enabled, " \
    "portal_role, email, COALESCE(totp_pending, ''), " \
    "COALESCE(totp_locked_until > NOW(), 0) FROM users "
enum { U_ID, U_NAME, U_HASH, U_STATUS, U_LANG, U_ACCOUNT_ID, U_TOTP_SECRET,
    U_TOTP_ENABLED, U_PORTAL_ROLE, U_EMAIL, U_TOTP_PENDING, U_TOTP_LOCKED,
    U__MAX };
static struct dbstmt q_by_email = DBSTMT_COLS(
    "SELECT " USER_COLUMNS "WHERE email = ?", U__MAX);
static struct dbstmt q_by_id = DBSTMT_COLS(
    "SELECT " USER_COLUMNS "WHERE id = ?", U__MAX);
static struct dbstmt q_set_hash = DBSTMT(
    "UPDATE users SET password_hash = ? WHERE id = ?");
static struct dbstmt q_token_new = DBSTMT(
    "INSERT INTO tokens (hash, user_id, purpose, expires_at) "
    "VALUES (?, ?, ?, NOW() + INTERVAL ? MINUTE)");
enum { TOKEN_USER_ID, TOKEN_USER__MAX };
static struct dbstmt q_token_user = DBSTMT_COLS(
    "SELECT user_id FROM tokens WHERE hash = ? AND purpose = ? "
    "AND used_at IS NULL AND expires_at > NOW()", TOKEN_USER__MAX);
static struct dbstmt q_token_spend = DBSTMT(
    "UPDATE tokens SET used_at = NOW() WHERE hash = ? AND purpose = ? "
    "AND used_at IS NULL AND expires_at > NOW()");
static struct dbstmt q_tokens_void = DBSTMT(
    "UPDATE tokens SET used_at = NOW() WHERE user_id = ? AND used_at IS NULL");

/* Fill u from row i of a user query; strings live in r's arena. */
static void
fill(struct req *r, const struct dbres *res, struct account_user *u)
{
	u->id = (unsigned)strtoul(dbres_get(res, 0, U_ID), NULL, 10);
	u->name = arena_strdup(r->arena, dbres_get(res, 0, U_NAME));
	u->hash = arena_strdup(r->arena, dbres_get(res, 0, U_HASH));
	u->status = arena_strdup(r->arena, dbres_get(res, 0, U_STATUS));
	u->lang = arena_strdup(r->arena, dbres_get(res, 0, U_LANG));
	u->account_id = (unsigned)strtoul(dbres_get(res, 0, U_ACCOUNT_ID),
	    NULL, 10);
	u->totp_secret = arena_strdup(r->arena,
	    dbres_get(res, 0, U_TOTP_SECRET));
	u->totp_enabled = !strcmp(dbres_get(res, 0, U_TOTP_ENABLED), "1");
	u->staff = strcmp(dbres_get(res, 0, U_PORTAL_ROLE), "customer") != 0;
	u->email = arena_strdup(r->arena, dbres_get(res, 0, U_EMAIL));
	u->totp_pending = arena_strdup(r->arena,
	    dbres_get(res, 0, U_TOTP_PENDING));
	u->totp_locked = !strcmp(dbres_get(res, 0, U_TOTP_LOCKED), "1");
}

/* Run a one-user query with one argument into u; *found says if any. */
static int
user_lookup(struct req *r, struct dbstmt *q, struct dbarg arg,
    struct account_user *u, bool *found)
{
	struct dbres	*res;
	int		 e;

	*found = false;
	if ((e = db_query(q, &res, 1, &arg)) != DB_OK)
		return e;
	if (res->nrows == 1) {
		fill(r, res, u);
		*found = true;
	}
	dbres_free(res);
	return DB_OK;
}

/*
 * Look a user up by (normalized) e-mail address or by id.  *found says
 * whether there is one.  Returns a dberr.
 */
int
user_by_email(struct req *r, const char *email, struct account_user *u,
    bool *found)
{
	return user_lookup(r, &q_by_email, DBS(email), u, found);
}

int
user_by_id(struct req *r, unsigned id, struct account_user *u, bool *found)
{
	return user_lookup(r, &q_by_id, DBI(id), u, found);
}

/* Hash pw and store it for user id.  DB_UNAVAILABLE if too busy. */
int
user_set_password(unsigned id, const char *pw)
{
	char		 hash[256];
	struct dbarg	 a[2];
	int		 e;

	if (password_hash(pw, hash, sizeof(hash)) == -1)
		return DB_UNAVAILABLE;
	a[0] = DBS(hash);
	a[1] = DBI(id);
	e = db_exec(&q_set_hash, NULL, NULL, 2, a);
	explicit_bzero(hash, sizeof(hash));
	return e;
}

/*
 * A new token for user_id and purpose (verify, reset) that works for
 * minutes; the link to mail goes to hex.  Returns a dberr.
 */
int
token_create(unsigned user_id, const char *purpose, int minutes,
    char hex[65])
{
	unsigned char	hash[32];
	struct dbarg	a[4];

	if (token_new(hex, hash) == -1)
		return DB_ERROR;
	a[0] = (struct dbarg){ 's', (const char *)hash, 32, 0 };
	a[1] = DBI(user_id);
	a[2] = DBS(purpose);
	a[3] = DBI(minutes);
	return db_exec(&q_token_new, NULL, NULL, 4, a);
}

/*
 * Whose is this unspent, unexpired token of purpose?  *user_id is 0 when
 * it is not (any more) good.  Spends nothing.
 */
int
token_owner(const char *hex, const char *purpose, unsigned *user_id)
{
	unsigned char	 hash[32];
	struct dbres	*res;
	struct dbarg	 a[2];
	int		 e;

	*user_id = 0;
	if (!token_valid(hex, strlen(hex)))
		return DB_OK;
	sha256(hex, 64, hash);
	a[0] = (struct dbarg){ 's', (const char *)hash, 32, 0 };
	a[1] = DBS(purpose);
	if ((e = db_query(&q_token_user, &res, 2, a)) != DB_OK)
		return e;
	if (res->nrows == 1)
		*user_id = (unsigned)strtoul(dbres_get(res, 0,
		    TOKEN_USER_ID), NULL, 10);
	dbres_free(res);
	return DB_OK;
}

/*
 * Spend the token: *user_id is its owner, or 0 when it was not good
 * (unknown, expired, used, or spent by a concurrent request just now).
 */
int
token_spend(const char *hex, const char *purpose, unsigned *user_id)
{
	unsigned char	hash[32];
	struct dbarg	a[2];
	uint64_t	n = 0;
	unsigned	owner;
	int		e;

	*user_id = 0;
	if ((e = token_owner(hex, purpose, &owner)) != DB_OK || owner == 0)
		return e;
	sha256(hex, 64, hash);
	a[0] = (struct dbarg){ 's', (const char *)hash, 32, 0 };
	a[1] = DBS(purpose);
	if ((e = db_exec(&q_token_spend, &n, NULL, 2, a)) != DB_OK)
		return e;
	if (n == 1)
		*user_id = owner;
	return DB_OK;
}

/* Void every outstanding token of a user (password or e-mail changed). */
int
tokens_void(unsigned user_id)
{
	struct dbarg	a[1];

	a[0] = DBI(user_id);
	return db_exec(&q_tokens_void, NULL, NULL, 1, a);
}

/* The absolute link for path (with a token) from the configured URL. */
const char *
site_link(struct req *r, const char *path, const char *token)
{
	const char	*site = conf->site_url;
	size_t		 n = strlen(site);

	while (n > 0 && site[n - 1] == '/')
		n--;
	return arena_printf(r->arena, "%.*s%s%s%s", (int)n, site, path,
	    token ? "?token=" : "", token ? token : "");
}

/*
 * Where a user lands after signing in or setting up a second factor
 * when no page was asked for: staff (agents, admins) on the staff
 * home, customers on their account.
 */
const char *
home_path(bool staff)
{
	return staff ? "/staff" : "/account";
}

/*
 * The token of a mailed link (in the query for a GET, in the form for a
 * POST): *tok and its owner when it is good.  Returns 0, a failure's
 * status (req_fail(): 400, missing, unknown, expired or used; the
 * handler returns it and dispatch() makes the page), or HTTP_DB(e).
 */
int
token_from_request(struct req *r, const char *purpose, const char **tok,
    unsigned *owner)
{
	const struct kvlist	*l = r->method == METHOD_POST ? &r->form :
	    &r->query;
	int			 e;

	*owner = 0;
	if ((*tok = kv_get(l, "token")) == NULL)
		return req_fail(r, 400, "missing-param", "token");
	if ((e = token_owner(*tok, purpose, owner)) != DB_OK)
		return HTTP_DB(e);
	if (*owner == 0)
		return req_fail(r, 400, "link-invalid", NULL);
	return 0;
}

static struct dbstmt q_activate = DBSTMT(
    "UPDATE users SET status = 'active' WHERE id = ? "
    "AND status = 'unverified'");

/*
 * The POST of a mailed link that sets a password (reset, invitation):
 * the token, the policy, then spend the token, store the password and
 * activate the user (the link proved the address).  On a policy failure
 * form(r, token, reason) draws the form again.  Fills u; returns 0 when
 * done, else a failure's status (req_fail(), or the form's page) or
 * HTTP_DB(e).
 */
int
token_set_password(struct req *r, const char *purpose,
    int (*form)(struct req *, const char *, const char *),
    struct account_user *u)
{
	const char	*pw = kv_get(&r->form, "new_password");
	const char	*tok, *why;
	struct dbarg	 a[1];
	unsigned	 owner;
	bool		 found;
	int		 e, st;

	if ((st = token_from_request(r, purpose, &tok, &owner)) != 0)
		return st;
	if (pw == NULL)
		return req_fail(r, 400, "missing-param", "new_password");
	if ((e = user_by_id(r, owner, u, &found)) != DB_OK)
		return HTTP_DB(e);
	if (!found)
		return req_fail(r, 400, "link-invalid", NULL);
	if ((why = password_policy(pw, u->email)) != NULL)
		return form(r, tok, why);
	if ((e = token_spend(tok, purpose, &owner)) != DB_OK)
		return HTTP_DB(e);
	if (owner == 0)
		return req_fail(r, 400, "link-invalid", NULL);
	a[0] = DBI(owner);
	if ((e = user_set_password(owner, pw)) != DB_OK ||
	    (e = db_exec(&q_activate, NULL, NULL, 1, a)) != DB_OK)
		return HTTP_DB(e);
	return 0;
}

/*
 * The one check of object access: may r's user see objects of
 * account_id?  Staff may; a customer only their own account's.  Returns 0
 * or 404: an object of another account does not exist for them.
 */
int
access_account(const struct req *r, unsigned account_id)
{
	if (r->user == NULL)
		return 404;
	if (r->user->role >= ROLE_AGENT)
		return 0;
	return r->user->account_id != 0 && r->user->account_id == account_id ?
	    0 : 404;
}
