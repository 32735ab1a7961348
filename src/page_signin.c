/*
 * GET/POST /signin and POST /signout.
 *
 * The answer to a failed sign-in is the same whether or not the address
 * belongs to a user, and takes the same time: for an unknown address the
 * password is checked against a dummy Argon2id hash.  Failures are
 * throttled per address and per client (throttle.c); a throttled user can
 * still reset the password.  The second factor keeps its own count of
 * failures (mfa_check() in totp.c), which a right password leaves alone.  A successful sign-in starts a new session
 * (session.c), upgrades an old-parameter hash, and goes to `next` if it
 * is a local path, else home (home_path(): staff to /staff, customers to
 * /account).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "portico.h"

static xmlNodePtr
signin_form(struct req *r, const char *email, const char *next,
    const char *error)
{
	xmlNodePtr	pg, f;

	pg = page_new(r, "signin");
	if (conf->registration[0] == 'o')
		xml_attr(pg, "can-register", "yes");
	f = form_new(r, pg, "signin", "/signin", "signin.submit");
	if (error != NULL)
		xml_attr(f, "error", error);
	form_field(f, "email", "email", email, NULL);
	form_field(f, "password", "password", NULL, NULL);
	if (next != NULL)
		form_hidden(f, "next", next);
	return pg;
}

int
page_signin(struct req *r)
{
	const char	*n = kv_get(&r->query, "next");
	const char	*note = kv_get(&r->query, "done");

	if (r->user != NULL)
		return req_redirect(r, n ? n : home_path(r->role >= ROLE_AGENT));
	signin_form(r, NULL, n, NULL);
	if (note != NULL)
		page_notice(r, note, "success");
	return 200;
}

/* Show the form again with a message; status 200 or 429. */
static int
failed(struct req *r, const char *email, const char *next, const char *why,
    int status)
{
	signin_form(r, email, next, why);
	return status;
}

int
page_signin_post(struct req *r)
{
	struct account_user	 u;
	const char		*pw = kv_get(&r->form, "password");
	const char		*next = kv_get(&r->form, "next");
	char			*email;
	bool			 found;
	int			 e, wait_user, wait_addr, ok;

	email = email_normalize(r->arena, kv_get(&r->form, "email"));
	if (pw == NULL || *email == '\0' || *pw == '\0')
		return failed(r, email, next, "missing", 200);
	if ((e = throttle_wait("user", email, &wait_user)) != DB_OK ||
	    (e = throttle_wait("addr", r->remote_addr ? r->remote_addr : "",
	    &wait_addr)) != DB_OK)
		return HTTP_DB(e);
	if (wait_user > 0 || wait_addr > 0) {
		signin_form(r, email, next, "throttled");
		xml_attrf(r->content, "wait", "%d",
		    wait_user > wait_addr ? wait_user : wait_addr);
		return 429;
	}
	if ((e = user_by_email(r, email, &u, &found)) != DB_OK)
		return HTTP_DB(e);
	if (!found || u.hash[0] == '\0')
		/* The same work as a real check, so timing tells nothing. */
		ok = password_verify(password_dummy(), pw) == -1 ? -1 : 0;
	else
		ok = password_verify(u.hash, pw);
	if (ok == -1)
		return page_error(r, 503, "busy", NULL);
	/*
	 * Anyone can register an address with a password of their own, so
	 * "confirm your address first" would tell them the registration made
	 * a user (the address was free): an unverified user gets the answer
	 * of a wrong password, whose words also say to confirm first.
	 */
	if (ok == 1 && !strcmp(u.status, "unverified"))
		ok = 0;
	if (ok == 0) {
		throttle_fail("user", email);
		throttle_fail("addr", r->remote_addr ? r->remote_addr : "");
		audit(r, "signin-failed", found ? u.id : 0, 0, "email=%s",
		    email);
		return failed(r, email, next, "credentials", 200);
	}
	if (strcmp(u.status, "active"))	/* told only to whom knows the password */
		return failed(r, email, next, "suspended", 200);
	throttle_clear("user", email);
	if (password_needs_rehash(u.hash) &&
	    user_set_password(u.id, pw) == DB_OK)
		log_info("password hash of user %u upgraded", u.id);
	/* Past the password; a second factor may still be needed. */
	if (u.totp_enabled || (u.staff && conf->require_2fa_staff)) {
		if ((e = session_start(r, u.id, true)) != DB_OK)
			return HTTP_DB(e);
		if (!u.totp_enabled)
			return req_redirect(r, "/signin/2fa/setup");
		return req_redirect(r, next ? arena_printf(r->arena,
		    "/signin/2fa?next=%s", next) : "/signin/2fa");
	}
	if ((e = session_start(r, u.id, false)) != DB_OK)
		return HTTP_DB(e);
	audit(r, "signin", u.id, u.account_id, "%s", "");
	return req_redirect(r, next ? next : home_path(u.staff));
}

int
page_signout(struct req *r)
{
	if (r->user != NULL)
		audit(r, "signout", r->user->id, r->user->account_id, "%s", "");
	session_end(r);
	return req_redirect(r, "/");
}
