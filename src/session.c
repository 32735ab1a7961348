/*
 * Sessions.  The cookie holds a 256-bit random id; MariaDB holds only its
 * SHA-256, the user, a CSRF token and the expiry times, so any worker on
 * any host can serve any request.  A session ends when unused for
 * session_idle_minutes or session_max_hours after sign-in, at sign-out,
 * and when its user or account is suspended (the lookup checks both).
 *
 * The cookie is "__Host-portico" with Secure on an https site, "portico"
 * on a plain-http one (the quickstart); always HttpOnly, SameSite=Lax,
 * Path=/.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "portico.h"

/*
 * The lookup names no clock: the session's times come back as seconds
 * (SQL_EPOCH, 64-bit: UNIX_TIMESTAMP() is NULL past January 2038)
 * and are judged here (load_hash()), so MariaDB's query cache can answer
 * a session's repeated requests until its row, its user or its account
 * is written.  Expiry is hours and idleness minutes: a few seconds
 * between this host's clock and the database's do not matter.
 */
enum { LOAD_ID, LOAD_EMAIL, LOAD_NAME, LOAD_LANGUAGE, LOAD_TIME_ZONE,
    LOAD_PORTAL_ROLE, LOAD_ACCOUNT_ID, LOAD_ACCOUNT_ROLE, LOAD_CSRF,
    LOAD_LAST_SEEN, LOAD_EXPIRES, LOAD_MFA_PENDING, LOAD_TOTP_ENABLED,
    LOAD__MAX };
static struct dbstmt q_load = DBSTMT_COLS(
    "SELECT u.id, u.email, u.name, u.language, u.time_zone, u.portal_role, "
    "COALESCE(u.account_id, 0), COALESCE(u.account_role, ''), s.csrf, "
    SQL_EPOCH("s.last_seen") ", " SQL_EPOCH("s.expires_at") ", "
    "s.mfa_pending, u.totp_enabled "
    "FROM sessions s JOIN users u ON u.id = s.user_id "
    "LEFT JOIN accounts a ON a.id = u.account_id "
    "WHERE s.id_hash = ? "
    "AND u.status = 'active' AND (a.id IS NULL OR a.status = 'active')",
    LOAD__MAX);
static struct dbstmt q_touch = DBSTMT(
    "UPDATE sessions SET last_seen = NOW() WHERE id_hash = ? "
    "AND last_seen < NOW() - INTERVAL 60 SECOND");
static struct dbstmt q_create = DBSTMT(
    "INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen, "
    "expires_at, ip, user_agent, mfa_pending) VALUES (?, ?, ?, NOW(), NOW(), "
    "NOW() + INTERVAL ? HOUR, ?, ?, ?)");
static struct dbstmt q_delete = DBSTMT(
    "DELETE FROM sessions WHERE id_hash = ?");
static struct dbstmt q_delete_others = DBSTMT(
    "DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?");
static struct dbstmt q_delete_all = DBSTMT(
    "DELETE FROM sessions WHERE user_id = ?");
static struct dbstmt q_purge = DBSTMT(
    "DELETE FROM sessions WHERE expires_at < NOW() "
    "OR last_seen < NOW() - INTERVAL ? MINUTE LIMIT 1000");

const char *
session_cookie_name(void)
{
	return conf->https ? "__Host-portico" : "portico";
}

static enum role
role_of(const char *portal_role)
{
	if (!strcmp(portal_role, "admin"))
		return ROLE_ADMIN;
	if (!strcmp(portal_role, "agent"))
		return ROLE_AGENT;
	return ROLE_CUSTOMER;
}

#define SID(h)	((struct dbarg){ 's', (const char *)(h), 32, 0 })

/* Load the session r->sid_hash names; 0 or an HTTP status. */
static int
load_hash(struct req *r)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	struct user	*u;
	long long	 now = 0, seen = 0;
	int		 e;

	a[0] = SID(r->sid_hash);
	if ((e = db_query(&q_load, &res, 1, a)) != DB_OK)
		return db_status(e);
	if (res->nrows == 1) {
		now = (long long)time(NULL);
		seen = strtoll(dbres_get(res, 0, LOAD_LAST_SEEN), NULL, 10);
		if (strtoll(dbres_get(res, 0, LOAD_EXPIRES), NULL, 10) <= now ||
		    seen <= now - 60LL * conf->session_idle_minutes) {
			dbres_free(res);
			return 0;
		}
	}
	if (res->nrows == 1 && !strcmp(dbres_get(res, 0, LOAD_MFA_PENDING),
	    "1")) {
		/* Past the password, not yet the second factor. */
		r->mfa_user = (unsigned)strtoul(dbres_get(res, 0, LOAD_ID),
		    NULL, 10);
		snprintf(r->csrf, sizeof(r->csrf), "%s", dbres_get(res, 0,
		    LOAD_CSRF));
	} else if (res->nrows == 1) {
		u = arena_alloc(r->arena, sizeof(*u));
		u->id = strtoul(dbres_get(res, 0, LOAD_ID), NULL, 10);
		u->email = arena_strdup(r->arena, dbres_get(res, 0,
		    LOAD_EMAIL));
		u->name = arena_strdup(r->arena, dbres_get(res, 0, LOAD_NAME));
		u->lang = arena_strdup(r->arena, dbres_get(res, 0,
		    LOAD_LANGUAGE));
		u->tz = arena_strdup(r->arena, dbres_get(res, 0,
		    LOAD_TIME_ZONE));
		u->role = role_of(dbres_get(res, 0, LOAD_PORTAL_ROLE));
		u->account_id = strtoul(dbres_get(res, 0, LOAD_ACCOUNT_ID),
		    NULL, 10);
		u->account_role = arena_strdup(r->arena, dbres_get(res, 0,
		    LOAD_ACCOUNT_ROLE));
		u->second_factor = !strcmp(dbres_get(res, 0,
		    LOAD_TOTP_ENABLED), "1");
		snprintf(r->csrf, sizeof(r->csrf), "%s", dbres_get(res, 0,
		    LOAD_CSRF));
		r->user = u;
		r->role = u->role;
		/* Touch the session at most once a minute: no write per view. */
		if (seen < now - 60)
			db_exec(&q_touch, NULL, NULL, 1, a);
	}
	dbres_free(res);
	return 0;
}

/*
 * Find the session the request's cookie names.  Sets r->user and
 * r->role when it is valid.  Returns 0, or an HTTP status (503) when
 * the database cannot say.
 */
int
session_load(struct req *r)
{
	const char	*sid = kv_get(&r->cookies, session_cookie_name());

	if (sid == NULL || !token_valid(sid, strlen(sid)))
		return 0;
	sha256(sid, 64, r->sid_hash);
	return load_hash(r);
}

static struct dbstmt q_sso_create = DBSTMT(
    "INSERT INTO users (email, name, language, status, portal_role) "
    "VALUES (?, ?, ?, 'active', 'customer')");

/*
 * Single sign-on: the web server (mod_auth_openidc, mod_auth_mellon, an
 * nginx auth_request) has authenticated the visitor and put the e-mail
 * address in sso_variable.  Sign that user in (creating them when
 * sso_create allows) with a new session; the identity provider is
 * responsible for the second factor.  0 or an HTTP status.
 */
int
session_sso(struct req *r)
{
	struct account_user	 u;
	struct dbarg		 a[3];
	uint64_t		 id;
	char			*email;
	bool			 found;
	int			 e;

	email = email_normalize(r->arena, r->sso_identity);
	if (!valid_email(email, strlen(email)))
		return 0;
	if ((e = user_by_email(r, email, &u, &found)) != DB_OK)
		return db_status(e);
	if (!found) {
		if (!conf->sso_create)
			return 0;
		a[0] = DBS(email);
		a[1] = DBS(email);
		a[2] = DBS(r->cat->code);
		if ((e = db_exec(&q_sso_create, NULL, &id, 3, a)) != DB_OK)
			return e == DB_DUPLICATE ? 0 : db_status(e);
		u.id = (unsigned)id;
		u.account_id = 0;
		audit(r, "sso-user-created", u.id, 0, "%s", email);
	} else if (strcmp(u.status, "active"))
		return 0;
	if ((e = session_start(r, u.id, false)) != DB_OK)
		return db_status(e);
	if ((e = load_hash(r)) != 0)
		return e;
	audit(r, "signin", u.id, u.account_id, "%s", "single sign-on");
	return 0;
}

static void
set_cookie(struct req *r, const char *value, bool clear)
{
	req_header(r, "Set-Cookie", arena_printf(r->arena,
	    "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", session_cookie_name(),
	    value, conf->https ? "; Secure" : "",
	    clear ? "; Max-Age=0" : ""));
}

/*
 * Sign user_id in: a new session (a new id, so a planted one is never
 * promoted), its cookie, and a new CSRF token.  Ends the request's old
 * session if it had one.  With mfa_pending the session has passed the
 * password only and waits for the second factor.  Returns a dberr.
 */
int
session_start(struct req *r, unsigned user_id, bool mfa_pending)
{
	char		 sid[65], csrf[65];
	unsigned char	 hash[32], junk[32];
	struct dbarg	 a[7];
	const char	*ua;
	int		 e;

	if (token_new(sid, hash) == -1 || token_new(csrf, junk) == -1)
		return DB_ERROR;
	if (r->user != NULL || r->mfa_user != 0) {
		a[0] = SID(r->sid_hash);
		db_exec(&q_delete, NULL, NULL, 1, a);
	}
	ua = r->user_agent ? r->user_agent : "";
	a[0] = SID(hash);
	a[1] = DBI(user_id);
	a[2] = DBS(csrf);
	a[3] = DBI(conf->session_max_hours);
	a[4] = DBS(r->remote_addr ? r->remote_addr : "");
	a[5] = (struct dbarg){ 's', ua, strlen(ua) > 255 ? 255 : strlen(ua), 0 };
	a[6] = DBI(mfa_pending);
	if ((e = db_exec(&q_create, NULL, NULL, 7, a)) != DB_OK)
		return e;
	if (mfa_pending)
		r->mfa_user = user_id;
	memcpy(r->sid_hash, hash, 32);
	snprintf(r->csrf, sizeof(r->csrf), "%s", csrf);
	set_cookie(r, sid, false);
	explicit_bzero(sid, sizeof(sid));
	/* Now and then, clear out expired sessions. */
	if (hash[0] == 0) {
		a[0] = DBI(conf->session_idle_minutes);
		db_exec(&q_purge, NULL, NULL, 1, a);
	}
	return DB_OK;
}

/* Sign out: delete the session server-side and clear the cookie. */
int
session_end(struct req *r)
{
	struct dbarg	a[1];
	int		e = DB_OK;

	if (r->user != NULL || r->mfa_user != 0) {
		a[0] = SID(r->sid_hash);
		e = db_exec(&q_delete, NULL, NULL, 1, a);
	}
	set_cookie(r, "", true);
	r->user = NULL;
	r->role = ROLE_ANON;
	return e;
}

/* End every session of user_id but the request's own (all if none). */
int
session_end_others(struct req *r, unsigned user_id)
{
	struct dbarg	a[2];

	a[0] = DBI(user_id);
	if (r->user == NULL || r->user->id != user_id)
		return db_exec(&q_delete_all, NULL, NULL, 1, a);
	a[1] = SID(r->sid_hash);
	return db_exec(&q_delete_others, NULL, NULL, 2, a);
}

/*
 * The CSRF token for forms on r's page: the session's when signed in,
 * else a double-submit token kept in the "csrf" cookie (set here when the
 * visitor has none).  Returns it, allocated in the request.
 */
const char *
csrf_token(struct req *r)
{
	const char	*c;
	char		 tok[65];
	unsigned char	 junk[32];

	if (r->user != NULL || r->mfa_user != 0)
		return r->csrf;
	/* r->csrf set says the page carries a token: it is never cached. */
	if (r->csrf[0] != '\0')
		return r->csrf;
	if ((c = kv_get(&r->cookies, "csrf")) != NULL &&
	    token_valid(c, strlen(c))) {
		snprintf(r->csrf, sizeof(r->csrf), "%s", c);
		return r->csrf;
	}
	if (token_new(tok, junk) == -1)
		return "";
	snprintf(r->csrf, sizeof(r->csrf), "%s", tok);
	req_header(r, "Set-Cookie", arena_printf(r->arena,
	    "csrf=%s; Path=/; HttpOnly; SameSite=Lax%s", tok,
	    conf->https ? "; Secure" : ""));
	return r->csrf;
}

/* Does the request's form carry the right CSRF token? */
bool
csrf_ok(const struct req *r)
{
	const char	*sent = kv_get(&r->form, "csrf");
	const char	*want;

	if (sent == NULL)
		return false;
	if (r->user != NULL || r->mfa_user != 0)
		want = r->csrf;
	else if ((want = kv_get(&r->cookies, "csrf")) == NULL)
		return false;
	return token_valid(want, strlen(want)) && ct_equal(sent, want);
}
