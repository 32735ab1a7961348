/*
 * GET/POST /register (when registration = open) and GET/POST /verify.
 *
 * Registering creates the account (the company or person who buys) and
 * its owner, unverified, and mails a verification link.  An address that
 * already has a user gets a mail saying so instead (how to reset the
 * password), nothing else changes, and the page answers exactly as for a
 * new one, after the same Argon2 work: neither the answer nor its time
 * tells which addresses exist.  Mail is throttled per address and per
 * client (throttle_mail()).  The link opens a confirmation page; only its
 * POST spends the token (mail scanners follow links).
 */
#include "config.h"

#include <string.h>

#include "portico.h"

static struct dbstmt q_account = DBSTMT(
    "INSERT INTO accounts (number, name, language) "
    "VALUES (CONCAT('T-', UUID_SHORT()), ?, ?)");
static struct dbstmt q_number = DBSTMT(
    "UPDATE accounts SET number = CONCAT('NW-', LPAD(id, 6, '0')) "
    "WHERE id = ?");
static struct dbstmt q_user = DBSTMT(
    "INSERT INTO users (email, name, language, password_hash, status, "
    "portal_role, account_id, account_role) "
    "VALUES (?, ?, ?, ?, 'unverified', 'customer', ?, 'owner')");
static struct dbstmt q_activate = DBSTMT(
    "UPDATE users SET status = 'active' WHERE id = ? "
    "AND status = 'unverified'");

static const char *const fields[] = { "name", "company", "email",
    "password" };

static int
register_form(struct req *r, const char **val, const char **err, int status)
{
	xmlNodePtr	pg, f;
	size_t		i;

	pg = page_new(r, "register");
	f = form_new(r, pg, "register", "/register", "register.submit");
	for (i = 0; i < 4; i++)
		form_field(f, fields[i], i == 2 ? "email" : i == 3 ?
		    "password" : "text", val[i], err[i]);
	return status;
}

static bool
open_registration(struct req *r)
{
	return !strcmp(conf->registration, "open");
}

int
page_register(struct req *r)
{
	const char	*val[4] = { NULL }, *err[4] = { NULL };

	if (!open_registration(r))
		return page_error(r, 403, "registration-closed", NULL);
	if (r->user != NULL)
		return req_redirect(r, "/account");
	return register_form(r, val, err, 200);
}

struct newuser {
	const char	*name, *company, *email, *hash, *lang;
	unsigned	 user_id;
	char		 token[65];
};

static int
create(void *arg)
{
	struct newuser	*n = arg;
	struct dbarg	 a[5];
	uint64_t	 account_id, user_id;
	int		 e;

	a[0] = DBS(n->company);
	a[1] = DBS(n->lang);
	if ((e = db_exec(&q_account, NULL, &account_id, 2, a)) != DB_OK)
		return e;
	a[0] = DBI(account_id);
	if ((e = db_exec(&q_number, NULL, NULL, 1, a)) != DB_OK)
		return e;
	a[0] = DBS(n->email);
	a[1] = DBS(n->name);
	a[2] = DBS(n->lang);
	a[3] = DBS(n->hash);
	a[4] = DBI(account_id);
	if ((e = db_exec(&q_user, NULL, &user_id, 5, a)) != DB_OK)
		return e;
	n->user_id = (unsigned)user_id;
	return token_create(n->user_id, "verify", conf->verify_token_hours * 60,
	    n->token);
}

int
page_register_post(struct req *r)
{
	const char		*val[4], *err[4] = { NULL };
	struct account_user	 u;
	struct newuser		 n;
	char			*email, hash[256];
	bool			 found, bad = false;
	size_t			 i;
	int			 e, wait;

	if (!open_registration(r))
		return page_error(r, 403, "registration-closed", NULL);
	for (i = 0; i < 4; i++)
		val[i] = kv_get(&r->form, fields[i]) ?
		    kv_get(&r->form, fields[i]) : "";
	email = email_normalize(r->arena, val[2]);
	if (!valid_text(val[0], strlen(val[0]), 200))
		err[0] = "name";
	if (!valid_text(val[1], strlen(val[1]), 200))
		err[1] = "company";
	if (!valid_email(email, strlen(email)))
		err[2] = "email";
	err[3] = password_policy(val[3], email);
	for (i = 0; i < 4; i++)
		bad |= err[i] != NULL;
	if (bad)
		return register_form(r, val, err, 400);
	if ((e = throttle_mail(r, email, &wait)) != DB_OK)
		return HTTP_DB(e);
	if (wait > 0)
		return throttle_mail_page(r, wait);
	/* Hashed before the address is looked up: the same work for both. */
	if (password_hash(val[3], hash, sizeof(hash)) == -1)
		return page_error(r, 503, "busy", NULL);
	if ((e = user_by_email(r, email, &u, &found)) != DB_OK) {
		explicit_bzero(hash, sizeof(hash));
		return HTTP_DB(e);
	}
	if (found) {
		explicit_bzero(hash, sizeof(hash));
		/* Tell the owner of the address, not the visitor. */
		if ((e = mail_queue(r, u.email, u.name, u.lang,
		    "register-exists", site_link(r, "/reset", NULL))) != DB_OK)
			return HTTP_DB(e);
		return req_redirect(r, "/register/sent");
	}
	memset(&n, 0, sizeof(n));
	n.name = val[0];
	n.company = val[1];
	n.email = email;
	n.hash = hash;
	n.lang = r->cat->code;
	e = db_tx(create, &n);
	explicit_bzero(hash, sizeof(hash));
	if (e == DB_DUPLICATE)		/* registered twice at once */
		return req_redirect(r, "/register/sent");
	if (e != DB_OK)
		return HTTP_DB(e);
	audit(r, "register", n.user_id, 0, "email=%s", email);
	/*
	 * Whoever registers may type anyone's address: the mail greets no
	 * one by name, so a visitor cannot put words of their own (a link)
	 * into a mail from the portal to a stranger.
	 */
	if ((e = mail_queue(r, email, "", n.lang, "verify",
	    site_link(r, "/verify", n.token))) != DB_OK)
		return HTTP_DB(e);
	explicit_bzero(n.token, sizeof(n.token));
	return req_redirect(r, "/register/sent");
}

int
page_register_sent(struct req *r)
{
	xml_attr(page_new(r, "message"), "key", "register-sent");
	return 200;
}

/* GET /verify?token=: confirm before spending. */
int
page_verify(struct req *r)
{
	const char	*tok;
	unsigned	 owner;
	xmlNodePtr	 pg, f;
	int		 st;

	if ((st = token_from_request(r, "verify", &tok, &owner)) != 0)
		return st;
	pg = page_new(r, "confirm");
	xml_attr(pg, "key", "verify");
	f = form_new(r, pg, "verify", "/verify", "verify.submit");
	form_hidden(f, "token", tok);
	return 200;
}

int
page_verify_post(struct req *r)
{
	const char	*tok = kv_get(&r->form, "token");
	struct dbarg	 a[1];
	unsigned	 owner;
	int		 e;

	if (tok == NULL)
		return page_error(r, 400, "missing-param", "token");
	if ((e = token_spend(tok, "verify", &owner)) != DB_OK)
		return HTTP_DB(e);
	if (owner == 0)
		return page_error(r, 400, "link-invalid", NULL);
	a[0] = DBI(owner);
	if ((e = db_exec(&q_activate, NULL, NULL, 1, a)) != DB_OK)
		return HTTP_DB(e);
	audit(r, "email-verified", owner, 0, "%s", "");
	return req_redirect(r, "/signin?done=verified");
}
