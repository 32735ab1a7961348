/*
 * The customer's own area: GET /account (the dashboard: account number,
 * company details, the users of the account and their roles, whether
 * two-factor sign-in is on), GET/POST
 * /account/profile (name, phone, language, time zone), POST
 * /account/password, and GET/POST /account/company (billing details, for
 * the account's owner and billing users).  Every change is validated
 * field by field and audited with its old value.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portico.h"

/* The company form's fields (the dashboard reads billing_account()). */
enum { ACCOUNT_NAME, ACCOUNT_BILLING_ADDRESS, ACCOUNT_TAX_ID, ACCOUNT_PHONE,
    ACCOUNT__MAX };
static struct dbstmt q_account = DBSTMT_COLS(
    "SELECT name, billing_address, tax_id, phone "
    "FROM accounts WHERE id = ?", ACCOUNT__MAX);
enum { MEMBERS_ID, MEMBERS_NAME, MEMBERS_EMAIL, MEMBERS_ACCOUNT_ROLE,
    MEMBERS_STATUS, MEMBERS__MAX };
static struct dbstmt q_members = DBSTMT_COLS(
    "SELECT id, name, email, account_role, status FROM users "
    "WHERE account_id = ? ORDER BY account_role = 'owner' DESC, name",
    MEMBERS__MAX);
/* The four profile fields, in the order of the form's val[]. */
enum { PROFILE_NAME, PROFILE_PHONE, PROFILE_LANGUAGE, PROFILE_TIME_ZONE,
    PROFILE__MAX };
static struct dbstmt q_profile = DBSTMT_COLS(
    "SELECT name, phone, language, time_zone FROM users WHERE id = ?",
    PROFILE__MAX);
static struct dbstmt q_profile_set = DBSTMT(
    "UPDATE users SET name = ?, phone = ?, language = ?, time_zone = ? "
    "WHERE id = ?");
static struct dbstmt q_company_set = DBSTMT(
    "UPDATE accounts SET name = ?, billing_address = ?, tax_id = ?, "
    "phone = ? WHERE id = ?");

static bool
billing_role(const struct req *r)
{
	return r->user != NULL && (!strcmp(r->user->account_role, "owner") ||
	    !strcmp(r->user->account_role, "billing"));
}

int
page_account(struct req *r)
{
	struct billing	 c;
	struct dbres	*mem = NULL;
	struct dbarg	 a[1];
	xmlNodePtr	 pg, n, list, u;
	size_t		 i;
	int		 e, st;

	pg = page_new(r, "account");
	n = xml_elem(pg, "me");
	xml_attr(n, "name", r->user->name);
	xml_attr(n, "email", r->user->email);
	xml_attr(n, "account-role", r->user->account_role);
	/* With single sign-on the identity provider asks for the second
	 * factor: the dashboard does not ask the customer for another. */
	if (!conf->sso)
		xml_attr(n, "second-factor", r->user->second_factor ? "on" :
		    "off");
	if (kv_get(&r->query, "done"))
		page_notice(r, kv_get(&r->query, "done"), "success");
	if (r->user->account_id == 0)
		return 200;
	if ((st = access_account(r, r->user->account_id)) != 0)
		return st;
	/* One read of the account serves the company and the billing card;
	 * without the account's row, the page shows neither. */
	if ((st = billing_account(r, r->user->account_id, &c)) != 0)
		return st == 404 ? 200 : st;
	a[0] = DBI(r->user->account_id);
	if ((e = db_query(&q_members, &mem, 1, a)) != DB_OK)
		return HTTP_DB(e);
	n = xml_elem(pg, "company");
	xml_attr(n, "number", c.number);
	xml_attr(n, "status", c.status);
	if (billing_role(r))
		xml_attr(n, "editable", "yes");
	xml_text(n, "name", c.company);
	xml_text(n, "billing-address", c.address);
	xml_text(n, "tax-id", c.tax_id);
	xml_text(n, "phone", c.phone);
	list = xml_elem(pg, "members");
	for (i = 0; i < mem->nrows; i++) {
		u = xml_elem(list, "member");
		xml_attr(u, "role", dbres_get(mem, i, MEMBERS_ACCOUNT_ROLE));
		xml_attr(u, "status", dbres_get(mem, i, MEMBERS_STATUS));
		if ((unsigned)strtoul(dbres_get(mem, i, MEMBERS_ID), NULL,
		    10) == r->user->id)
			xml_attr(u, "me", "yes");
		xml_text(u, "name", dbres_get(mem, i, MEMBERS_NAME));
		xml_text(u, "email", dbres_get(mem, i, MEMBERS_EMAIL));
	}
	dbres_free(mem);
	/* The billing card: due amounts and open quotes, for who sees them. */
	return (st = billing_card(r, pg, &c)) != 0 ? st : 200;
}

static const char *const pfields[] = { "name", "phone", "language",
    "time_zone" };

/*
 * Store four values with q_set (the values, then id) and audit event
 * with each field's old value, read by q_old(id) from column col on, and
 * its new one.  Returns 0, or HTTP_DB(e).
 */
static int
save_audited(struct req *r, struct dbstmt *q_old, size_t col,
    struct dbstmt *q_set, unsigned id, const char *const names[4],
    const char **val, const char *event)
{
	struct dbres	*old;
	struct dbarg	 a[5];
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;
	int		 e;

	a[0] = DBI(id);
	if ((e = db_query(q_old, &old, 1, a)) != DB_OK)
		return HTTP_DB(e);
	for (i = 0; i < 4; i++)
		a[i] = DBS(val[i]);
	a[4] = DBI(id);
	if ((e = db_exec(q_set, NULL, NULL, 5, a)) != DB_OK) {
		dbres_free(old);
		return HTTP_DB(e);
	}
	for (i = 0; i < 4; i++)
		buf_printf(&b, "%s%s: %s -> %s", i ? "; " : "", names[i],
		    dbres_get(old, 0, col + i), val[i]);
	audit(r, event, r->user->id, r->user->account_id, "%s", b.p);
	buf_free(&b);
	dbres_free(old);
	return 0;
}

static int	profile_form_email(struct req *, const char **, const char **,
		    const char *, const char *, int);

static int
profile_form(struct req *r, const char **val, const char **err,
    const char *pw_error, int status)
{
	return profile_form_email(r, val, err, pw_error, NULL, status);
}

/* The profile page, with the e-mail form's error when there is one. */
static int
profile_form_email(struct req *r, const char **val, const char **err,
    const char *pw_error, const char *email_error, int status)
{
	xmlNodePtr	pg, f, sel;
	size_t		i;

	pg = page_new(r, "profile");
	if (kv_get(&r->query, "done"))
		page_notice(r, kv_get(&r->query, "done"), "success");
	f = form_new(r, pg, "profile", "/account/profile", "profile.submit");
	form_field(f, "name", "text", val[0], err[0]);
	form_field(f, "phone", "tel", val[1], err[1]);
	sel = form_field(f, "language", "select", val[2], err[2]);
	for (i = 0; i < i18n_count(); i++)
		form_option(sel, i18n_at(i)->code, i18n_at(i)->name);
	form_field(f, "time_zone", "text", val[3], err[3]);
	f = form_new(r, pg, "password", "/account/password", "password.submit");
	form_field(f, "current_password", "password", NULL,
	    pw_error && !strcmp(pw_error, "current-password") ? pw_error :
	    NULL);
	form_field(f, "new_password", "password", NULL,
	    pw_error && strcmp(pw_error, "current-password") ? pw_error : NULL);
	f = form_new(r, pg, "email", "/account/email", "email.submit");
	form_field(f, "new_email", "email", NULL, email_error &&
	    strcmp(email_error, "current-password") ? email_error : NULL);
	form_field(f, "current_password", "password", NULL, email_error &&
	    !strcmp(email_error, "current-password") ? email_error : NULL);
	return status;
}

static int
profile_show(struct req *r, const char *pw_error, int status)
{
	return page_profile_with(r, "password", pw_error, status);
}

/*
 * The profile page again with an error on one of its forms (which:
 * "password" or "email").  Returns status.
 */
int
page_profile_with(struct req *r, const char *which, const char *error,
    int status)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	const char	*val[4], *err[4] = { NULL };
	size_t		 i;
	int		 e;

	a[0] = DBI(r->user->id);
	if ((e = db_query(&q_profile, &res, 1, a)) != DB_OK)
		return HTTP_DB(e);
	for (i = 0; i < PROFILE__MAX; i++)
		val[i] = arena_strdup(r->arena,
		    dbres_get(res, 0, PROFILE_NAME + i));
	dbres_free(res);
	return profile_form_email(r, val, err,
	    !strcmp(which, "password") ? error : NULL,
	    !strcmp(which, "email") ? error : NULL, status);
}

int
page_profile(struct req *r)
{
	return profile_show(r, NULL, 200);
}

int
page_profile_post(struct req *r)
{
	const char	*val[4], *err[4] = { NULL };
	bool		 bad = false;
	size_t		 i;
	int		 e;

	for (i = 0; i < 4; i++)
		val[i] = kv_get(&r->form, pfields[i]) ?
		    kv_get(&r->form, pfields[i]) : "";
	if (!valid_text(val[0], strlen(val[0]), 200))
		err[0] = "name";
	if (!valid_phone(val[1], strlen(val[1])))
		err[1] = "phone";
	if (i18n_find(val[2]) == NULL)
		err[2] = "language";
	if (!valid_time_zone(val[3], strlen(val[3])))
		err[3] = "time-zone";
	for (i = 0; i < 4; i++)
		bad |= err[i] != NULL;
	if (bad)
		return profile_form(r, val, err, NULL, 400);
	if ((e = save_audited(r, &q_profile, PROFILE_NAME, &q_profile_set,
	    r->user->id, pfields, val, "profile-changed")) != 0)
		return e;
	return req_redirect(r, "/account/profile?done=saved");
}

int
page_password_post(struct req *r)
{
	struct account_user	 u;
	const char		*cur = kv_get(&r->form, "current_password");
	const char		*pw = kv_get(&r->form, "new_password");
	const char		*why;
	bool			 found;
	int			 e, ok, wait;

	if (cur == NULL || pw == NULL)
		return page_error(r, 400, "missing-param", cur ? "new_password"
		    : "current_password");
	if ((e = user_by_id(r, r->user->id, &u, &found)) != DB_OK ||
	    (e = throttle_wait("user", u.email, &wait)) != DB_OK)
		return HTTP_DB(e);
	if (wait > 0)
		return profile_show(r, "throttled", 429);
	if ((ok = password_verify(u.hash, cur)) == -1)
		return page_error(r, 503, "busy", NULL);
	if (!ok) {
		throttle_fail("user", u.email);
		audit(r, "password-change-failed", u.id, u.account_id, "%s", "");
		return profile_show(r, "current-password", 400);
	}
	if ((why = password_policy(pw, u.email)) != NULL)
		return profile_show(r, why, 400);
	if ((e = user_set_password(u.id, pw)) != DB_OK ||
	    (e = tokens_void(u.id)) != DB_OK ||
	    (e = session_end_others(r, u.id)) != DB_OK)
		return HTTP_DB(e);
	audit(r, "password-changed", u.id, u.account_id, "%s", "");
	mail_queue(r, u.email, u.name, u.lang, "password-changed", NULL);
	return req_redirect(r, "/account/profile?done=password-changed");
}

static const char *const cfields[] = { "company", "billing_address",
    "tax_id", "phone" };
/* The same fields as the audit log names them. */
static const char *const cnames[] = { "name", "billing_address", "tax_id",
    "phone" };

static int
company_form(struct req *r, const char **val, const char **err, int status)
{
	xmlNodePtr	pg, f;

	pg = page_new(r, "company-edit");
	f = form_new(r, pg, "company", "/account/company", "company.submit");
	form_field(f, "company", "text", val[0], err[0]);
	form_field(f, "billing_address", "textarea", val[1], err[1]);
	form_field(f, "tax_id", "text", val[2], err[2]);
	form_field(f, "phone", "tel", val[3], err[3]);
	return status;
}

int
page_company(struct req *r)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	const char	*val[4], *err[4] = { NULL };
	int		 e, st;

	if (!billing_role(r) ||
	    (st = access_account(r, r->user->account_id)) != 0)
		return page_error(r, 403, "account-role", NULL);
	a[0] = DBI(r->user->account_id);
	if ((e = db_query(&q_account, &res, 1, a)) != DB_OK)
		return HTTP_DB(e);
	val[0] = arena_strdup(r->arena, dbres_get(res, 0, ACCOUNT_NAME));
	val[1] = arena_strdup(r->arena, dbres_get(res, 0,
	    ACCOUNT_BILLING_ADDRESS));
	val[2] = arena_strdup(r->arena, dbres_get(res, 0, ACCOUNT_TAX_ID));
	val[3] = arena_strdup(r->arena, dbres_get(res, 0, ACCOUNT_PHONE));
	dbres_free(res);
	return company_form(r, val, err, 200);
}

int
page_company_post(struct req *r)
{
	const char	*val[4], *err[4] = { NULL };
	bool		 bad = false;
	size_t		 i;
	int		 e;

	if (!billing_role(r) || access_account(r, r->user->account_id) != 0)
		return page_error(r, 403, "account-role", NULL);
	for (i = 0; i < 4; i++)
		val[i] = kv_get(&r->form, cfields[i]) ?
		    kv_get(&r->form, cfields[i]) : "";
	if (!valid_text(val[0], strlen(val[0]), 200))
		err[0] = "company";
	if (strlen(val[1]) > 1000 || (val[1][0] &&
	    !valid_text(val[1], strlen(val[1]), 1000)))
		err[1] = "address";
	if (strlen(val[2]) > 50 || (val[2][0] &&
	    !valid_text(val[2], strlen(val[2]), 50)))
		err[2] = "tax-id";
	if (!valid_phone(val[3], strlen(val[3])))
		err[3] = "phone";
	for (i = 0; i < 4; i++)
		bad |= err[i] != NULL;
	if (bad)
		return company_form(r, val, err, 400);
	if ((e = save_audited(r, &q_account, ACCOUNT_NAME, &q_company_set,
	    r->user->account_id, cnames, val, "company-changed")) != 0)
		return e;
	return req_redirect(r, "/account?done=company-saved");
}
