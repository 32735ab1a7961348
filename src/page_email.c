/*
 * Changing one's e-mail address: POST /account/email (with the current
 * password) mails a single-use link to the new address and a notice to
 * the old one; GET /account/email/confirm?token= shows a confirmation
 * page and its POST makes the change.  The change voids the user's other
 * outstanding tokens, ends their other sessions and is audited with the
 * old address.
 *
 * An address that already has a user gets the same answer, the same
 * notice to the old address and the same audit entry as a free one; only
 * the mail to it differs (it tells its owner that someone asked, and no
 * link), so the form tells nobody which addresses exist.  The mail is
 * throttled per address and per client.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

static struct dbstmt q_token = DBSTMT(
    "INSERT INTO tokens (hash, user_id, purpose, expires_at, new_email) "
    "VALUES (?, ?, 'email', NOW() + INTERVAL ? MINUTE, ?)");
enum { NEW_EMAIL_ADDR, NEW_EMAIL__MAX };
static struct dbstmt q_new_email = DBSTMT_COLS(
    "SELECT new_email FROM tokens WHERE hash = ?", NEW_EMAIL__MAX);
static struct dbstmt q_set_email = DBSTMT(
    "UPDATE users SET email = ? WHERE id = ?");

int
page_email_post(struct req *r)
{
	struct account_user	 u, other;
	const char		*pw = kv_get(&r->form, "current_password");
	unsigned char		 hash[32];
	struct dbarg		 a[4];
	char			*email, token[65];
	bool			 found, taken;
	int			 e, ok, wait;

	email = email_normalize(r->arena, kv_get(&r->form, "new_email"));
	if ((e = user_by_id(r, r->user->id, &u, &found)) != DB_OK ||
	    (e = throttle_wait("user", u.email, &wait)) != DB_OK)
		return HTTP_DB(e);
	if (wait > 0)
		return page_error(r, 429, NULL, NULL);
	if (pw == NULL || (ok = password_verify(u.hash, pw)) == 0) {
		throttle_fail("user", u.email);
		return page_profile_with(r, "email", "current-password", 400);
	}
	if (ok == -1)
		return page_error(r, 503, "busy", NULL);
	if (!valid_email(email, strlen(email)) || !strcmp(email, u.email))
		return page_profile_with(r, "email", "email", 400);
	if ((e = throttle_mail(r, email, &wait)) != DB_OK)
		return HTTP_DB(e);
	if (wait > 0)
		return throttle_mail_page(r, wait);
	if ((e = user_by_email(r, email, &other, &taken)) != DB_OK)
		return HTTP_DB(e);
	if (token_new(token, hash) == -1)
		return page_error(r, 500, NULL, NULL);
	a[0] = (struct dbarg){ 's', (const char *)hash, 32, 0 };
	a[1] = DBI(u.id);
	a[2] = DBI(conf->verify_token_hours * 60);
	a[3] = DBS(email);
	if (taken)	/* its owner is told; nothing changes for anyone */
		e = mail_queue(r, other.email, other.name, other.lang,
		    "email-exists", site_link(r, "/reset", NULL));
	else if ((e = db_exec(&q_token, NULL, NULL, 4, a)) == DB_OK)
		e = mail_queue(r, email, u.name, u.lang, "email-confirm",
		    site_link(r, "/account/email/confirm", token));
	explicit_bzero(token, sizeof(token));
	if (e != DB_OK || (e = mail_queue(r, u.email, u.name, u.lang,
	    "email-change-asked", NULL)) != DB_OK)
		return HTTP_DB(e);
	audit(r, "email-change-asked", u.id, u.account_id, "%s -> %s", u.email,
	    email);
	return req_redirect(r, "/account/profile?done=email-sent");
}

int
page_email_confirm(struct req *r)
{
	const char	*tok;
	unsigned	 owner;
	xmlNodePtr	 pg, f;
	int		 st;

	if ((st = token_from_request(r, "email", &tok, &owner)) != 0)
		return st;
	if (owner != r->user->id)
		return page_error(r, 400, "link-invalid", NULL);
	pg = page_new(r, "confirm");
	xml_attr(pg, "key", "email");
	f = form_new(r, pg, "email-confirm", "/account/email/confirm",
	    "email-confirm.submit");
	form_hidden(f, "token", tok);
	return 200;
}

int
page_email_confirm_post(struct req *r)
{
	const char	*tok;
	unsigned char	 hash[32];
	struct dbres	*res;
	struct dbarg	 a[2];
	unsigned	 owner;
	char		*email;
	int		 e;

	if ((e = token_from_request(r, "email", &tok, &owner)) != 0)
		return e;
	if (owner != r->user->id)
		return page_error(r, 400, "link-invalid", NULL);
	sha256(tok, 64, hash);
	a[0] = (struct dbarg){ 's', (const char *)hash, 32, 0 };
	if ((e = db_query(&q_new_email, &res, 1, a)) != DB_OK)
		return HTTP_DB(e);
	email = arena_strdup(r->arena, dbres_get(res, 0, NEW_EMAIL_ADDR));
	dbres_free(res);
	if ((e = token_spend(tok, "email", &owner)) != DB_OK)
		return HTTP_DB(e);
	if (owner == 0)
		return page_error(r, 400, "link-invalid", NULL);
	a[0] = DBS(email);
	a[1] = DBI(owner);
	if ((e = db_exec(&q_set_email, NULL, NULL, 2, a)) == DB_DUPLICATE)
		return page_error(r, 400, "email-taken", NULL);
	if (e != DB_OK || (e = tokens_void(owner)) != DB_OK ||
	    (e = session_end_others(r, owner)) != DB_OK)
		return HTTP_DB(e);
	audit(r, "email-changed", owner, r->user->account_id, "%s -> %s",
	    r->user->email, email);
	return req_redirect(r, "/account/profile?done=email-changed");
}
