/*
 * Two-factor sign-in pages.
 *
 *   GET  /account/2fa          status; forms to turn it on or off
 *   POST /account/2fa/start    (current password; with 2FA on, a current
 *                              code too) a new pending secret, then setup
 *   GET  /account/2fa/setup    the pending secret, its otpauth URI and that
 *                              URI as a QR code (qr.c), a code form
 *   POST /account/2fa/confirm  (code) makes the pending secret the active
 *                              one, shows new recovery codes once
 *   POST /account/2fa/disable  (current password and a current code or
 *                              recovery code) turns it off
 *   GET/POST /signin/2fa       the second step of signing in
 *
 * Staff (agents, admins) must use it when require_2fa_staff is set: one
 * who has not set it up is sent from the password straight to the setup
 * page, in a session that can do nothing else.  Turning it on or off asks
 * for the current password again and ends the user's other sessions.
 * A new secret waits apart from the active one until a code from it
 * confirms it, so moving to a new authenticator never leaves anyone
 * (staff above all) without a working second factor.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

static struct dbstmt q_pending = DBSTMT(
    "UPDATE users SET totp_pending = ? WHERE id = ?");
static struct dbstmt q_confirm = DBSTMT(
    "UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, "
    "totp_enabled = 1, totp_last_step = GREATEST(totp_last_step, ?) "
    "WHERE id = ? AND totp_pending = ?");
static struct dbstmt q_disable = DBSTMT(
    "UPDATE users SET totp_enabled = 0, totp_secret = NULL, "
    "totp_pending = NULL, totp_last_step = 0 WHERE id = ?");

/* The user the page is about: signed in, or half-way (staff setting up). */
static unsigned
who(const struct req *r)
{
	return r->user ? r->user->id : r->mfa_user;
}

/*
 * The status page: with 2FA off a form to start, with it on a form to
 * move to a new authenticator and one to turn it off.  error goes on
 * field of the form called form.
 */
static xmlNodePtr
status_page(struct req *r, const struct account_user *u, const char *form,
    const char *field, const char *error)
{
	static const struct {
		const char	*id, *action, *submit;
		bool		 enabled, code;
	} forms[] = {
		{ "2fa-start", "/account/2fa/start", "2fa.start", false, false },
		{ "2fa-replace", "/account/2fa/start", "2fa.replace", true, true },
		{ "2fa-disable", "/account/2fa/disable", "2fa.disable", true,
		  true },
	};
	xmlNodePtr	pg, f;
	size_t		i;
	bool		here;

	pg = page_new(r, "two-factor");
	xml_attr(pg, "enabled", u->totp_enabled ? "yes" : "no");
	if (kv_get(&r->query, "done"))
		page_notice(r, kv_get(&r->query, "done"), "success");
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		if (forms[i].enabled != u->totp_enabled)
			continue;
		here = form != NULL && !strcmp(form, forms[i].id);
		f = form_new(r, pg, forms[i].id, forms[i].action,
		    forms[i].submit);
		form_field(f, "current_password", "password", NULL,
		    here && !strcmp(field, "current_password") ? error : NULL);
		if (forms[i].code)
			form_field(f, "code", "text", NULL,
			    here && !strcmp(field, "code") ? error : NULL);
	}
	return pg;
}

int
page_2fa(struct req *r)
{
	struct account_user	u;
	bool			found;
	int			e;

	if ((e = user_by_id(r, r->user->id, &u, &found)) != DB_OK)
		return HTTP_DB(e);
	status_page(r, &u, NULL, NULL, NULL);
	return 200;
}

/*
 * The current password again, throttled like a sign-in; errors go on
 * the form called form.  0, a status or HTTP_DB(e).
 */
static int
recheck_password(struct req *r, const struct account_user *u,
    const char *form)
{
	const char	*pw = kv_get(&r->form, "current_password");
	int		 wait, ok, e;

	if ((e = throttle_wait("user", u->email, &wait)) != DB_OK)
		return HTTP_DB(e);
	if (wait > 0) {
		status_page(r, u, form, "current_password", "throttled");
		return 429;
	}
	if (pw == NULL || (ok = password_verify(u->hash, pw)) == 0) {
		throttle_fail("user", u->email);
		status_page(r, u, form, "current_password", "current-password");
		return 400;
	}
	return ok == -1 ? page_error(r, 503, "busy", NULL) : 0;
}

/*
 * Start a setup: a new secret kept apart (totp_pending) until a code
 * from it confirms it.  With 2FA on, this moves to a new authenticator
 * and needs a code of the current one (or a recovery code) besides the
 * password, counted like any second-factor attempt; the current secret
 * and recovery codes keep working until the new one is confirmed.
 */
int
page_2fa_start(struct req *r)
{
	struct account_user	 u;
	struct dbarg		 a[2];
	const char		*form;
	char			 secret[33];
	enum mfa		 res;
	bool			 found;
	int			 e, st;

	if ((e = user_by_id(r, r->user->id, &u, &found)) != DB_OK)
		return HTTP_DB(e);
	form = u.totp_enabled ? "2fa-replace" : "2fa-start";
	if ((st = recheck_password(r, &u, form)) != 0)
		return st;
	if (u.totp_enabled) {
		if ((e = mfa_check(r, &u, kv_get(&r->form, "code"), &res)) !=
		    DB_OK)
			return HTTP_DB(e);
		if (res == MFA_LOCKED || res == MFA_WRONG) {
			status_page(r, &u, form, "code", res == MFA_LOCKED ?
			    "2fa-locked" : "code");
			return res == MFA_LOCKED ? 429 : 400;
		}
	}
	if (totp_new_secret(secret) == -1)
		return page_error(r, 500, NULL, NULL);
	a[0] = DBS(secret);
	a[1] = DBI(u.id);
	e = db_exec(&q_pending, NULL, NULL, 2, a);
	explicit_bzero(secret, sizeof(secret));
	if (e != DB_OK)
		return HTTP_DB(e);
	if (u.totp_enabled)
		audit(r, "2fa-replace-started", u.id, u.account_id, "%s", "");
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
	xmlNodePtr	 pg, f;
	const char	*uri;

	pg = page_new(r, "two-factor-setup");
	if (r->user == NULL)
		xml_attr(pg, "required", "yes");
	if (u->totp_enabled)
		xml_attr(pg, "replacing", "yes");
	uri = otpauth(r, u->email, u->totp_pending);
	xml_text(pg, "secret", u->totp_pending);
	xml_text(pg, "uri", uri);
	/* Without the picture the key and the link still do. */
	qr_xml(pg, uri);
	f = form_new(r, pg, "2fa-confirm", r->user ? "/account/2fa/confirm" :
	    "/signin/2fa/setup", "2fa.confirm");
	form_field(f, "code", "text", NULL, error);
	return error ? 400 : 200;
}

/*
 * May this request set up u's pending secret?  A signed-in user may; a
 * session past the password only (staff required to use 2FA) may set up
 * a first one, never replace one.
 */
static bool
may_set_up(const struct req *r, const struct account_user *u)
{
	return r->user != NULL || !u->totp_enabled;
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
		return HTTP_DB(e);
	if (!may_set_up(r, &u))
		return req_redirect(r, "/signin/2fa");
	/* Staff sent here from sign-in get their secret now. */
	if (u.totp_pending[0] == '\0' && r->user == NULL) {
		if (totp_new_secret(secret) == -1)
			return page_error(r, 500, NULL, NULL);
		a[0] = DBS(secret);
		a[1] = DBI(u.id);
		if ((e = db_exec(&q_pending, NULL, NULL, 2, a)) != DB_OK)
			return HTTP_DB(e);
		u.totp_pending = arena_strdup(r->arena, secret);
		explicit_bzero(secret, sizeof(secret));
	}
	if (u.totp_pending[0] == '\0')
		return req_redirect(r, "/account/2fa");
	return setup_page(r, &u, NULL);
}

struct confirm {
	struct req	*r;
	unsigned	 user_id;
	const char	*pending;
	uint64_t	 step;
	const char	*codes[10];
	bool		 stale;		/* the pending secret changed meanwhile */
};

/* Make the pending secret the active one, with new recovery codes. */
static int
confirm_tx(void *arg)
{
	struct confirm	*c = arg;
	struct dbarg	 a[3];
	uint64_t	 n = 0;
	int		 e;

	a[0] = DBI(c->step);
	a[1] = DBI(c->user_id);
	a[2] = DBS(c->pending);
	if ((e = db_exec(&q_confirm, &n, NULL, 3, a)) != DB_OK)
		return e;
	if ((c->stale = n == 0))
		return DB_OK;
	return recovery_new(c->r, c->user_id, c->codes);
}

/*
 * A code from the pending secret confirms it: it becomes the active one,
 * old recovery codes are replaced, other sessions end.  The code's time
 * step counts as used, so it cannot sign in again.
 */
int
page_2fa_confirm(struct req *r)
{
	struct account_user	 u;
	struct confirm		 c;
	const char		*code = kv_get(&r->form, "code");
	xmlNodePtr		 pg, list;
	bool			 found;
	size_t			 i;
	int			 e;

	if (who(r) == 0)
		return req_redirect(r, "/signin");
	if ((e = user_by_id(r, who(r), &u, &found)) != DB_OK)
		return HTTP_DB(e);
	if (u.totp_pending[0] == '\0' || !may_set_up(r, &u))
		return req_redirect(r, r->user ? "/account/2fa" : "/signin/2fa");
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.user_id = u.id;
	c.pending = u.totp_pending;
	if (!totp_match(u.totp_pending, code ? code : "", &c.step))
		return setup_page(r, &u, "code");
	if ((e = db_tx(confirm_tx, &c)) != DB_OK)
		return HTTP_DB(e);
	if (c.stale)
		return req_redirect(r, r->user ? "/account/2fa" : "/signin/2fa");
	if ((e = session_end_others(r, u.id)) != DB_OK)
		return HTTP_DB(e);
	audit(r, u.totp_enabled ? "2fa-replaced" : "2fa-enabled", u.id,
	    u.account_id, "%s", "");
	/* Staff finishing the required setup are signed in fully now. */
	if (r->user == NULL && (e = session_start(r, u.id, false)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "recovery-codes");
	xml_attr(pg, "continue", home_path(u.staff));
	list = xml_elem(pg, "codes");
	for (i = 0; i < 10; i++)
		xml_text(list, "code", c.codes[i]);
	return 200;
}

/*
 * Turn the second factor off: the password and a code of the current
 * app or a recovery code, counted like any second-factor attempt, as
 * for moving to a new app (else off-then-on would replace the app with
 * the password alone).
 */
int
page_2fa_disable(struct req *r)
{
	struct account_user	 u;
	struct dbarg		 a[1];
	enum mfa		 res;
	bool			 found;
	int			 e, st;

	if ((e = user_by_id(r, r->user->id, &u, &found)) != DB_OK)
		return HTTP_DB(e);
	if (!u.totp_enabled)
		return req_redirect(r, "/account/2fa");
	if ((st = recheck_password(r, &u, "2fa-disable")) != 0)
		return st;
	if (u.staff && conf->require_2fa_staff)
		return page_error(r, 403, "2fa-required", NULL);
	if ((e = mfa_check(r, &u, kv_get(&r->form, "code"), &res)) != DB_OK)
		return HTTP_DB(e);
	if (res == MFA_LOCKED || res == MFA_WRONG) {
		status_page(r, &u, "2fa-disable", "code", res == MFA_LOCKED ?
		    "2fa-locked" : "code");
		return res == MFA_LOCKED ? 429 : 400;
	}
	a[0] = DBI(u.id);
	if ((e = db_exec(&q_disable, NULL, NULL, 1, a)) != DB_OK ||
	    (e = recovery_clear(u.id)) != DB_OK ||
	    (e = session_end_others(r, u.id)) != DB_OK)
		return HTTP_DB(e);
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
		return req_redirect(r, home_path(r->role >= ROLE_AGENT));
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
	enum mfa		 res;
	bool			 found;
	int			 e;

	if (r->mfa_user == 0)
		return req_redirect(r, "/signin");
	if ((e = user_by_id(r, r->mfa_user, &u, &found)) != DB_OK ||
	    (e = mfa_check(r, &u, code, &res)) != DB_OK)
		return HTTP_DB(e);
	if (res == MFA_LOCKED)
		return code_form(r, next, "2fa-locked", 429);
	if (res == MFA_WRONG)
		return code_form(r, next, "code", 400);
	if ((e = session_start(r, u.id, false)) != DB_OK)
		return HTTP_DB(e);
	audit(r, "signin", u.id, u.account_id, "%s", "two factors");
	return req_redirect(r, next ? next : home_path(u.staff));
}
