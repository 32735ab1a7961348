/*
 * The billing history as its pages see it: whose account a request may
 * look at and which of it (billing_open()), amounts in the viewer's
 * language (through money_format() only), a quote's acceptance or
 * decline (one conditional UPDATE, so two people clicking at once get
 * exactly one outcome), and CSV cells safe from formula injection.
 *
 * Who sees what: the owner and billing contacts see money (invoices,
 * payments, credits, orders, quotes) and services; technical contacts
 * see services only; members see both when the owner allowed it
 * (accounts.billing_members), else neither.  Staff see any account's,
 * named by ?account=ID.  Objects named in a URL are read with the
 * account's id in their WHERE, so another account's answers 404.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

enum { ACC_NAME, ACC_NUMBER, ACC_ADDRESS, ACC_TAX_ID, ACC_LIMIT,
    ACC_LIMIT_CURRENCY, ACC_MEMBERS, ACC_PHONE, ACC_STATUS, ACC__MAX };
static struct dbstmt q_account = DBSTMT_COLS(
    "SELECT name, number, billing_address, tax_id, credit_limit_minor, "
    "credit_limit_currency, billing_members, phone, status "
    "FROM accounts WHERE id = ?", ACC__MAX);

/*
 * The decision: only a quote still sent, of the version the customer
 * saw, not past its date.  Whoever's UPDATE comes second finds no row.
 */
static struct dbstmt q_decide = DBSTMT(
    "UPDATE quotes SET status = ?, decided_at = NOW(), decided_by = ?, "
    "decided_version = version, decision_comment = ? "
    "WHERE account_id = ? AND number = ? AND status = 'sent' "
    "AND version = ? AND valid_until >= ?");
enum { WHY_STATUS, WHY_VERSION, WHY__MAX };
static struct dbstmt q_why = DBSTMT_COLS(
    "SELECT status, version FROM quotes "
    "WHERE account_id = ? AND number = ?", WHY__MAX);

/* Whether word is one of the space-separated words of list. */
static bool
word_in(const char *list, const char *word)
{
	size_t	n = strlen(word);
	const char *p;

	for (p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' ||
		    p[n] == '\0'))
			return true;
	return false;
}

/* The account a request names: ?account=ID (staff), else the user's. */
static int
billing_account_id(struct req *r, unsigned *id)
{
	const char	*s = kv_get(&r->query, "account");

	*id = r->user->account_id;
	if (s != NULL)
		*id = (unsigned)strtoul(s, NULL, 10);
	if (*id == 0)
		return 404;
	return access_account(r, *id);
}

/*
 * Read account id into c, with what r's user may see of it: one
 * statement.  Returns 0; 404 for no such account.  Whether the user may
 * look at the account at all is the caller's (access_account()).
 */
int
billing_account(struct req *r, unsigned id, struct billing *c)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	const char	*role;
	int		 e;

	memset(c, 0, sizeof(*c));
	c->account_id = id;
	a[0] = DBI(id);
	if ((e = db_query(&q_account, &res, 1, a)) != DB_OK)
		return HTTP_DB(e);
	if (res->nrows != 1) {
		dbres_free(res);
		return 404;
	}
	c->company = arena_strdup(r->arena, dbres_get(res, 0, ACC_NAME));
	c->number = arena_strdup(r->arena, dbres_get(res, 0, ACC_NUMBER));
	c->address = arena_strdup(r->arena, dbres_get(res, 0, ACC_ADDRESS));
	c->tax_id = arena_strdup(r->arena, dbres_get(res, 0, ACC_TAX_ID));
	c->phone = arena_strdup(r->arena, dbres_get(res, 0, ACC_PHONE));
	c->status = arena_strdup(r->arena, dbres_get(res, 0, ACC_STATUS));
	/* (dbres_get() gives "" for NULL: no limit set.) */
	if (*dbres_get(res, 0, ACC_LIMIT) != '\0' &&
	    *dbres_get(res, 0, ACC_LIMIT_CURRENCY) != '\0') {
		c->has_limit = true;
		c->limit = strtoll(dbres_get(res, 0, ACC_LIMIT), NULL, 10);
		c->limit_currency = arena_strdup(r->arena,
		    dbres_get(res, 0, ACC_LIMIT_CURRENCY));
	}
	c->staff = r->user->role >= ROLE_AGENT;
	role = c->staff ? "" : r->user->account_role;
	c->money = c->staff || !strcmp(role, "owner") ||
	    !strcmp(role, "billing") || (!strcmp(role, "member") &&
	    !strcmp(dbres_get(res, 0, ACC_MEMBERS), "1"));
	c->services = c->money || !strcmp(role, "technical");
	c->decide = !c->staff && word_in(conf->billing_quote_roles, role);
	dbres_free(res);
	return 0;
}

/*
 * Open the billing of the account r names, for what (BILLING_MONEY or
 * BILLING_SERVICES), into c: one statement.  Returns 0; 404 for no
 * account or another's; 403 ("billing-role") when the user's account
 * role may not see it.
 */
int
billing_open(struct req *r, enum billing_what what, struct billing *c)
{
	unsigned	id;
	int		st;

	memset(c, 0, sizeof(*c));
	if ((st = billing_account_id(r, &id)) != 0 ||
	    (st = billing_account(r, id, c)) != 0)
		return st;
	if ((what == BILLING_MONEY && !c->money) || !c->services)
		return req_fail(r, 403, "billing-role", NULL);
	return 0;
}

/*
 * The link to a billing page for this viewer: staff keep ?account=ID
 * (and sep joins what follows), customers need none.
 */
const char *
billing_link(struct req *r, const struct billing *c, const char *path)
{
	if (!c->staff)
		return path;
	return arena_printf(r->arena, "%s%caccount=%u", path,
	    strchr(path, '?') ? '&' : '?', c->account_id);
}

/*
 * minor (an integer's text, as the database gives it) of currency as
 * the viewer reads it; an amount money_format() cannot take shows as
 * its exact decimal and code.
 */
const char *
billing_amount(struct req *r, const char *minor, const char *currency)
{
	const char	*out;
	int64_t		 v = minor ? strtoll(minor, NULL, 10) : 0;

	if (money_format(r->arena, v, currency, r->cat->code, &out) != 0)
		return arena_printf(r->arena, "%s %s", money_decimal(r->arena,
		    v, currency), currency);
	return out;
}

/* A quantity in thousandths as the decimal it is: 1500 -> "1.5". */
const char *
billing_quantity(struct req *r, const char *milli)
{
	long long	q = strtoll(milli, NULL, 10);
	char		*s;
	size_t		 n;

	if (q % 1000 == 0)
		return arena_printf(r->arena, "%lld", q / 1000);
	s = arena_printf(r->arena, "%lld.%03lld", q / 1000, llabs(q % 1000));
	for (n = strlen(s); s[n - 1] == '0'; n--)
		s[n - 1] = '\0';
	return s;
}

/* A tax rate in basis points as a percentage: 2550 -> "25.5". */
const char *
billing_rate(struct req *r, const char *bp)
{
	long	v = strtol(bp, NULL, 10);

	if (v % 100 == 0)
		return arena_printf(r->arena, "%ld", v / 100);
	if (v % 10 == 0)
		return arena_printf(r->arena, "%ld.%ld", v / 100, v % 100 / 10);
	return arena_printf(r->arena, "%ld.%02ld", v / 100, v % 100);
}

/* <name currency="EUR" minor="123">€1.23</name> under parent. */
xmlNodePtr
billing_amount_xml(struct req *r, xmlNodePtr parent, const char *name,
    const char *minor, const char *currency)
{
	xmlNodePtr	n;

	n = xml_text(parent, name, billing_amount(r, minor, currency));
	xml_attr(n, "currency", currency);
	xml_attr(n, "minor", minor ? minor : "0");
	return n;
}

struct decision {
	struct req	*r;
	const struct billing *c;
	const char	*number;
	unsigned	 version;
	bool		 accept;
	const char	*comment;
	const char	*staff_link;
	int		 outcome;
};

/* Why no row changed: gone, decided already, changed or expired. */
static int
decide_why(struct decision *d)
{
	struct dbres	*res;
	struct dbarg	 a[2];
	int		 e;

	a[0] = DBI(d->c->account_id);
	a[1] = DBS(d->number);
	if ((e = db_query(&q_why, &res, 2, a)) != DB_OK)
		return e;
	if (res->nrows != 1)
		d->outcome = QUOTE_ENOENT;
	else if (strcmp(dbres_get(res, 0, WHY_STATUS), "sent"))
		d->outcome = QUOTE_EDECIDED;
	else if (strtoul(dbres_get(res, 0, WHY_VERSION), NULL, 10) !=
	    d->version)
		d->outcome = QUOTE_ECHANGED;
	else
		d->outcome = QUOTE_EEXPIRED;
	dbres_free(res);
	return DB_OK;
}

/* Where quote decisions are mailed: billing_staff_address, else the
 * address of mail_from ("Name <addr>"); NULL when neither is set. */
static const char *
staff_address(struct req *r)
{
	const char	*s = conf->billing_staff_address, *lt, *gt;

	if (s != NULL && *s != '\0')
		return s;
	s = conf->mail_from;
	if (s == NULL || *s == '\0')
		return NULL;
	if ((lt = strchr(s, '<')) != NULL && (gt = strchr(lt, '>')) != NULL)
		return arena_strndup(r->arena, lt + 1, (size_t)(gt - lt - 1));
	return s;
}

static int
decide_tx(void *arg)
{
	struct decision	*d = arg;
	struct req	*r = d->r;
	struct dbarg	 a[7];
	uint64_t	 changed = 0;
	const char	*to;
	char		 today[11];
	int		 e;

	if ((e = billing_today(today)) != DB_OK)
		return e;
	a[0] = DBS(d->accept ? "accepted" : "declined");
	a[1] = DBI(d->r->user->id);
	a[2] = *d->comment ? DBS(d->comment) : DBNULL;
	a[3] = DBI(d->c->account_id);
	a[4] = DBS(d->number);
	a[5] = DBI(d->version);
	a[6] = DBS(today);
	if ((e = db_exec(&q_decide, &changed, NULL, 7, a)) != DB_OK)
		return e;
	if (changed != 1)
		return decide_why(d);
	d->outcome = 0;
	if (d->accept)
		audit(r, "quote-accepted", 0, d->c->account_id,
		    "quote=%s version=%u comment=%s", d->number, d->version,
		    d->comment);
	else
		audit(r, "quote-declined", 0, d->c->account_id,
		    "quote=%s version=%u comment=%s", d->number, d->version,
		    d->comment);
	if ((to = staff_address(r)) == NULL)
		return DB_OK;
	return mail_queue(r, to, "", conf->default_language,
	    d->accept ? "quote-accepted" : "quote-declined", d->staff_link);
}

/*
 * Accept (or decline) quote number of c's account at version, the one
 * the user saw, with comment (may be ""): the decision, its audit entry
 * and the mail to staff in one transaction.  Returns 0 when this
 * request decided it, a QUOTE_E code when it may not (decided already,
 * changed since shown, expired, none), or a dberr.
 */
int
billing_quote_decide(struct req *r, const struct billing *c,
    const char *number, unsigned version, bool accept, const char *comment)
{
	struct decision	d = { r, c, number, version, accept, comment, NULL,
			    0 };
	int		e;

	d.staff_link = arena_printf(r->arena, "%s?account=%u", site_link(r,
	    arena_printf(r->arena, "/billing/quotes/%s", number), NULL),
	    c->account_id);
	if ((e = db_tx(decide_tx, &d)) != DB_OK)
		return e;
	return d.outcome;
}

/* Whether s is a plain decimal number, "-12.50": a spreadsheet reads
 * it as the number it is, nothing else. */
static bool
is_number(const char *s)
{
	bool	digits = false;

	if (*s == '-')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits = true;
	if (*s == '.' && digits)
		for (digits = false, s++; *s >= '0' && *s <= '9'; s++)
			digits = true;
	return digits && *s == '\0';
}

/*
 * One CSV cell (RFC 4180) of s onto b, after sep (',' or '\0' for the
 * first of a row).  A cell a spreadsheet would take for a formula, one
 * that starts with =, +, -, @, a tab or a carriage return, is
 * neutralised with a leading apostrophe, unless it is a plain number.
 */
void
csv_cell(struct buf *b, char sep, const char *s)
{
	if (sep != '\0')
		buf_add(b, &sep, 1);
	if (s == NULL)
		s = "";
	buf_adds(b, "\"");
	if (strchr("=+-@\t\r", *s) != NULL && *s != '\0' && !is_number(s))
		buf_adds(b, "'");
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_adds(b, "\"");
		buf_add(b, s, 1);
	}
	buf_adds(b, "\"");
}
