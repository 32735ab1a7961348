/*
 * Password reset: GET/POST /reset asks for the address and mails a
 * single-use link (the same answer whether or not the address has a
 * user); GET /reset/confirm?token= shows the new-password form, and its
 * POST spends the token.  A reset ends every session of the user, voids
 * their other tokens, mails a notice, and does not sign anyone in.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

static struct dbstmt q_activate = DBSTMT(
    "UPDATE users SET status = 'active' WHERE id = ? "
    "AND status = 'unverified'");

static int
reset_form(struct req *r, const char *email, const char *error)
{
	xmlNodePtr	pg, f;

	pg = page_new(r, "reset");
	f = form_new(r, pg, "reset", "/reset", "reset.submit");
	form_field(f, "email", "email", email, error);
	return error ? 400 : 200;
}

int
page_reset(struct req *r)
{
	return reset_form(r, NULL, NULL);
}

int
page_reset_post(struct req *r)
{
	struct account_user	 u;
	char			*email, token[65];
	bool			 found;
	int			 e;

	email = arena_strdup(r->arena, kv_get(&r->form, "email") ?
	    kv_get(&r->form, "email") : "");
	email_normalize(email);
	if (!valid_email(email, strlen(email)))
		return reset_form(r, email, "email");
	if ((e = user_by_email(r, email, &u, &found)) != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	if (found && strcmp(u.status, "suspended")) {
		if ((e = token_create(u.id, "reset", conf->reset_token_minutes,
		    token)) != DB_OK ||
		    (e = mail_queue(r, email, u.name, u.lang, "reset",
		    site_link(r, "/reset/confirm", token))) != DB_OK)
			return page_error(r, db_status(e), "database", NULL);
		explicit_bzero(token, sizeof(token));
		audit(r, "reset-requested", u.id, u.account_id, "%s", "");
	}
	return req_redirect(r, "/reset/sent");
}

int
page_reset_sent(struct req *r)
{
	xml_attr(page_new(r, "message"), "key", "reset-sent");
	return 200;
}

static int
new_password_form(struct req *r, const char *tok, const char *error)
{
	xmlNodePtr	pg, f;

	pg = page_new(r, "reset-confirm");
	f = form_new(r, pg, "reset-confirm", "/reset/confirm",
	    "reset-confirm.submit");
	form_field(f, "new_password", "password", NULL, error);
	form_hidden(f, "token", tok);
	return error ? 400 : 200;
}

int
page_reset_confirm(struct req *r)
{
	const char	*tok = kv_get(&r->query, "token");
	unsigned	 owner;
	int		 e;

	if (tok == NULL)
		return page_error(r, 400, "missing-param", "token");
	if ((e = token_owner(tok, "reset", &owner)) != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	if (owner == 0)
		return page_error(r, 400, "link-invalid", NULL);
	return new_password_form(r, tok, NULL);
}

int
page_reset_confirm_post(struct req *r)
{
	const char		*tok = kv_get(&r->form, "token");
	const char		*pw = kv_get(&r->form, "new_password");
	const char		*why;
	struct account_user	 u;
	struct dbarg		 a[1];
	unsigned		 owner;
	bool			 found;
	int			 e;

	if (tok == NULL || pw == NULL)
		return page_error(r, 400, "missing-param", tok ? "new_password"
		    : "token");
	if ((e = token_owner(tok, "reset", &owner)) != DB_OK ||
	    (owner && (e = user_by_id(r, owner, &u, &found)) != DB_OK))
		return page_error(r, db_status(e), "database", NULL);
	if (owner == 0 || !found)
		return page_error(r, 400, "link-invalid", NULL);
	if ((why = password_policy(pw, u.email)) != NULL)
		return new_password_form(r, tok, why);
	if ((e = token_spend(tok, "reset", &owner)) != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	if (owner == 0)
		return page_error(r, 400, "link-invalid", NULL);
	if ((e = user_set_password(owner, pw)) != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	a[0] = DBI(owner);
	if ((e = db_exec(&q_activate, NULL, NULL, 1, a)) != DB_OK ||
	    (e = tokens_void(owner)) != DB_OK ||
	    (e = session_end_others(r, owner)) != DB_OK)
		return page_error(r, db_status(e), "database", NULL);
	audit(r, "password-reset", owner, u.account_id, "%s", "");
	mail_queue(r, u.email, u.name, u.lang, "password-changed", NULL);
	throttle_clear("user", u.email);
	return req_redirect(r, "/signin?done=reset");
}
