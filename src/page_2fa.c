/*
 * Two-factor sign-in pages.
 *
 *   GET  /account/2fa          status; forms to turn it on or off
 *   POST /account/2fa/start    (current password) a new secret, then setup
 *   GET  /account/2fa/setup    the secret and otpauth URI, and a code form
 *   POST /account/2fa/confirm  (code) turns it on, shows recovery codes once
 *   POST /account/2fa/disable  (current password) turns it off
 *   GET/POST /signin/2fa       the second step of signing in
 *
 * Staff (agents, admins) must use it when require_2fa_staff is set: one
 * who has not set it up is sent from the password straight to the setup
 * page, in a session that can do nothing else.  Turning it on or off asks
 * for the current password again and ends the user's other sessions.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

static struct dbstmt q_secret = DBSTMT(
    "UPDATE users SET totp_secret = ?, totp_enabled = 0, totp_last_step = 0 "
    "WHERE id = ?");
static struct dbstmt q_enable = DBSTMT(
    "UPDATE users SET totp_enabled = 1 WHERE id = ? AND totp_secret IS NOT NULL");
static struct dbstmt q_disable = DBSTMT(
    "UPDATE users SET totp_enabled = 0, totp_secret = NULL, "
    "totp_last_step = 0 WHERE id = ?");

/* The user the page is about: signed in, or half-way (staff setting up). */
static unsigned
who(const struct req *r)
{
	return r->user ? r->user->id : r->mfa_user;
}

static xmlNodePtr
status_page(struct req *r, const struct account_user *u, const char *error)
{
	xmlNodePtr	pg, f;

	pg = page_new(r, "two-factor");
	xml_attr(pg, "enabled", u->totp_enabled ? "yes" : "no");
	if (kv_get(&r->query, "done"))
		page_notice(r, kv_get(&r->query, "done"), "success");
	f = form_new(r, pg, u->totp_enabled ? "2fa-disable" : "2fa-start",
	    u->totp_enabled ? "/account/2fa/disable" : "/account/2fa/start",
	    u->totp_enabled ? "2fa.disable" : "2fa.start");
	form_field(f, "current_password", "password", NULL, error);
	return pg;
}

int
page_2fa(struct req *r)
{
	struct account_user	u;
	bool			found;
	int			e;

	if ((e = user_by_id(r, r->user->id, &u, &found)) != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	status_page(r, &u, NULL);
	return 200;
}

/* The current password again, throttled like a sign-in.  0 or a status. */
static int
recheck_password(struct req *r, const struct account_user *u)
{
	const char	*pw = kv_get(&r->form, "current_password");
	int		 wait, ok, e;

	if ((e = throttle_wait("user", u->email, &wait)) != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	if (wait > 0) {
		status_page(r, u, "throttled");
		return 429;
	}
	if (pw == NULL || (ok = password_verify(u->hash, pw)) == 0) {
		throttle_fail("user", u->email);
		status_page(r, u, "current-password");
		return 400;
	}
	return ok == -1 ? page_error(r, 503, "busy", NULL) : 0;
}

int
page_2fa_start(struct req *r)
{
	struct account_user	 u;
	struct dbarg		 a[2];
	char			 secret[33];
	bool			 found;
	int			 e, st;

	if ((e = user_by_id(r, r->user->id, &u, &found)) != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	if ((st = recheck_password(r, &u)) != 0)
		return st;
	if (totp_new_secret(secret) == -1)
		return page_error(r, 500, NULL, NULL);
	a[0] = DBS(secret);
	a[1] = DBI(u.id);
	e = db_exec(&q_secret, NULL, NULL, 2, a);
	explicit_bzero(secret, sizeof(secret));
	if (e != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	return req_redirect(r, "/account/2fa/setup");
}

/* The otpauth URI an authenticator app reads (label escaped). */
static const char *
otpauth(struct req *r, const char *email, const char *secret)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*s, *out;
	char		 hex[4];

	buf_adds(&b, "otpauth://totp/");
	for (s = conf->site_name; *s; s++)
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9'))
			buf_add(&b, s, 1);
		else {
			snprintf(hex, sizeof(hex), "%%%02X", (unsigned char)*s);
			buf_adds(&b, hex);
		}
	buf_adds(&b, ":");
	for (s = email; *s; s++)
		if (*s == '@' || *s == '.' || *s == '-' || *s == '_' ||
		    (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			buf_add(&b, s, 1);
		else {
			snprintf(hex, sizeof(hex), "%%%02X", (unsigned char)*s);
			buf_adds(&b, hex);
		}
	buf_printf(&b, "?secret=%s&period=30&digits=6&algorithm=SHA1", secret);
	out = arena_strdup(r->arena, b.p);
	buf_free(&b);
	return out;
}

static int
setup_page(struct req *r, const struct account_user *u, const char *error)
{
	xmlNodePtr	pg, f;

	pg = page_new(r, "two-factor-setup");
	if (r->user == NULL)
		xml_attr(pg, "required", "yes");
	xml_text(pg, "secret", u->totp_secret);
	xml_text(pg, "uri", otpauth(r, u->email, u->totp_secret));
	f = form_new(r, pg, "2fa-confirm", r->user ? "/account/2fa/confirm" :
	    "/signin/2fa/setup", "2fa.confirm");
	form_field(f, "code", "text", NULL, error);
	return error ? 400 : 200;
}

int
page_2fa_setup(struct req *r)
{
	struct account_user	 u;
	struct dbarg		 a[2];
	char			 secret[33];
	bool			 found;
	int			 e;

	if (who(r) == 0)
		return req_redirect(r, "/signin");
	if ((e = user_by_id(r, who(r), &u, &found)) != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	if (u.totp_enabled)
		return req_redirect(r, r->user ? "/account/2fa" : "/signin/2fa");
	/* Staff sent here from sign-in get their secret now. */
	if (u.totp_secret[0] == '\0' && r->user == NULL) {
		if (totp_new_secret(secret) == -1)
			return page_error(r, 500, NULL, NULL);
		a[0] = DBS(secret);
		a[1] = DBI(u.id);
		if ((e = db_exec(&q_secret, NULL, NULL, 2, a)) != DB_OK)
			return page_error(r, db_status(e), "database", NULL);
		u.totp_secret = arena_strdup(r->arena, secret);
		explicit_bzero(secret, sizeof(secret));
	}
	if (u.totp_secret[0] == '\0')
		return req_redirect(r, "/account/2fa");
	return setup_page(r, &u, NULL);
}

int
page_2fa_confirm(struct req *r)
{
	struct account_user	 u;
	struct dbarg		 a[1];
	const char		*code = kv_get(&r->form, "code");
	const char		*codes[10];
	xmlNodePtr		 pg, list;
	bool			 found;
	size_t			 i;
	int			 e, ok;

	if (who(r) == 0)
		return req_redirect(r, "/signin");
	if ((e = user_by_id(r, who(r), &u, &found)) != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	if (u.totp_secret[0] == '\0' || u.totp_enabled)
		return req_redirect(r, "/account/2fa");
	if ((ok = totp_verify(u.id, u.totp_secret, code ? code : "")) == -1)
		return page_error(r, 503, "database", NULL);
	if (!ok)
		return setup_page(r, &u, "code");
	a[0] = DBI(u.id);
	if ((e = db_exec(&q_enable, NULL, NULL, 1, a)) != DB_OK ||
	    (e = recovery_new(r, u.id, codes)) != DB_OK ||
	    (e = session_end_others(r, u.id)) != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	audit(r, "2fa-enabled", u.id, u.account_id, "%s", "");
	/* Staff finishing the required setup are signed in fully now. */
	if (r->user == NULL && (e = session_start(r, u.id, false)) != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	pg = page_new(r, "recovery-codes");
	list = xml_elem(pg, "codes");
	for (i = 0; i < 10; i++)
		xml_text(list, "code", codes[i]);
	return 200;
}

int
page_2fa_disable(struct req *r)
{
	struct account_user	 u;
	struct dbarg		 a[1];
	bool			 found;
	int			 e, st;

	if ((e = user_by_id(r, r->user->id, &u, &found)) != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	if ((st = recheck_password(r, &u)) != 0)
		return st;
	if (u.staff && conf->require_2fa_staff)
		return page_error(r, 403, "2fa-required", NULL);
	a[0] = DBI(u.id);
	if ((e = db_exec(&q_disable, NULL, NULL, 1, a)) != DB_OK ||
	    (e = recovery_clear(u.id)) != DB_OK ||
	    (e = session_end_others(r, u.id)) != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	audit(r, "2fa-disabled", u.id, u.account_id, "%s", "");
	return req_redirect(r, "/account/2fa?done=2fa-disabled");
}

static int
code_form(struct req *r, const char *next, const char *error, int status)
{
	xmlNodePtr	pg, f;

	pg = page_new(r, "signin-2fa");
	f = form_new(r, pg, "signin-2fa", "/signin/2fa", "signin-2fa.submit");
	if (error != NULL)
		xml_attr(f, "error", error);
	form_field(f, "code", "text", NULL, NULL);
	if (next != NULL)
		form_hidden(f, "next", next);
	return status;
}

int
page_signin_2fa(struct req *r)
{
	if (r->user != NULL)
		return req_redirect(r, "/account");
	if (r->mfa_user == 0)
		return req_redirect(r, "/signin");
	return code_form(r, kv_get(&r->query, "next"), NULL, 200);
}

int
page_signin_2fa_post(struct req *r)
{
	struct account_user	 u;
	const char		*code = kv_get(&r->form, "code");
	const char		*next = kv_get(&r->form, "next");
	bool			 found, recovery = false;
	int			 e, ok, wait;

	if (r->mfa_user == 0)
		return req_redirect(r, "/signin");
	if ((e = user_by_id(r, r->mfa_user, &u, &found)) != DB_OK ||
	    (e = throttle_wait("user", u.email, &wait)) != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	if (wait > 0)
		return code_form(r, next, "throttled", 429);
	if (code == NULL || !u.totp_enabled)
		ok = 0;
	else if ((ok = totp_verify(u.id, u.totp_secret, code)) == 0 &&
	    (ok = recovery_spend(u.id, code)) == 1)
		recovery = true;
	if (ok == -1)
		return page_error(r, 503, "database", NULL);
	if (!ok) {
		throttle_fail("user", u.email);
		audit(r, "2fa-failed", u.id, u.account_id, "%s", "");
		return code_form(r, next, "code", 400);
	}
	throttle_clear("user", u.email);
	if ((e = session_start(r, u.id, false)) != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	if (recovery)
		audit(r, "recovery-code-used", u.id, u.account_id, "%s", "");
	audit(r, "signin", u.id, u.account_id, "%s", "two factors");
	return req_redirect(r, next ? next : "/account");
}
