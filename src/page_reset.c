/*
 * Password reset: GET/POST /reset asks for the address and mails a
 * single-use link (the same answer whether or not the address has a
 * user; throttled per address and per client, throttle_mail()); GET /reset/confirm?token= shows the new-password form, and its
 * POST spends the token.  A reset ends every session of the user, voids
 * their other tokens, lifts a lock on their second factor (the mailbox is
 * proved; the second factor itself is still asked for), mails a notice,
 * and does not sign anyone in.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

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
	int			 e, wait;

	email = email_normalize(r->arena, kv_get(&r->form, "email"));
	if (!valid_email(email, strlen(email)))
		return reset_form(r, email, "email");
	if ((e = throttle_mail(r, email, &wait)) != DB_OK)
		return HTTP_DB(e);
	if (wait > 0)
		return throttle_mail_page(r, wait);
	if ((e = user_by_email(r, email, &u, &found)) != DB_OK)
		return HTTP_DB(e);
	if (found && strcmp(u.status, "suspended")) {
		if ((e = token_create(u.id, "reset", conf->reset_token_minutes,
		    token)) != DB_OK ||
		    (e = mail_queue(r, u.email, u.name, u.lang, "reset",
		    site_link(r, "/reset/confirm", token))) != DB_OK)
			return HTTP_DB(e);
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
	const char	*tok;
	unsigned	 owner;
	int		 st;

	if ((st = token_from_request(r, "reset", &tok, &owner)) != 0)
		return st;
	return new_password_form(r, tok, NULL);
}

int
page_reset_confirm_post(struct req *r)
{
	struct account_user	u;
	int			e, st;

	if ((st = token_set_password(r, "reset", new_password_form, &u)) != 0)
		return st;
	if ((e = tokens_void(u.id)) != DB_OK ||
	    (e = session_end_others(r, u.id)) != DB_OK ||
	    (e = mfa_unlock(r, &u)) != DB_OK)
		return HTTP_DB(e);
	audit(r, "password-reset", u.id, u.account_id, "%s", "");
	mail_queue(r, u.email, u.name, u.lang, "password-changed", NULL);
	throttle_clear("user", u.email);
	return req_redirect(r, "/signin?done=reset");
}
