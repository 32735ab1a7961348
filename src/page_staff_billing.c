/*
 * /staff/accounts/ID/billing: an account's billing for staff, the way
 * into the customer's billing pages (/billing?account=ID), and the
 * three things staff record by hand (billing_ledger.c), each audited:
 *
 *   POST .../billing/payment	a payment, optionally allocated to one of
 *				the account's open invoices (agents)
 *   POST .../billing/credit	a credit note, refund or adjustment (agents)
 *   POST .../billing/credit-limit  the credit limit (admins: the route
 *				table says so)
 *
 * A refused form draws the page again, 400, with the form's error.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "portico.h"

enum { ACC_ID, ACC_NUMBER, ACC_NAME, ACC_LIMIT, ACC_LIMIT_CURRENCY,
    ACC__MAX };
static struct dbstmt q_account = DBSTMT_COLS(
    "SELECT id, number, name, credit_limit_minor, credit_limit_currency "
    "FROM accounts WHERE id = ?", ACC__MAX);
enum { BAL_CURRENCY, BAL_SUM, BAL__MAX };
static struct dbstmt q_balances = DBSTMT_COLS(
    "SELECT currency, SUM(amount_minor) FROM credit_ledger "
    "WHERE account_id = ? GROUP BY currency ORDER BY currency", BAL__MAX);
/*
 * The 50 newest open invoices: one index range per open status, each at
 * most 50 rows (an IN list over the index would read and sort all).
 */
enum { OPEN_ID, OPEN_NUMBER, OPEN_CURRENCY, OPEN_DUE, OPEN_ISSUED,
    OPEN__MAX };
#define OPEN_OF(st) "(SELECT id, number, currency, total_minor - " \
	"paid_minor, issued_on FROM invoices FORCE INDEX " \
	"(invoices_account_status) WHERE account_id = ? AND status = '" st \
	"' ORDER BY issued_on DESC LIMIT 50)"
static struct dbstmt q_open = DBSTMT_COLS(
    OPEN_OF("unpaid") " UNION ALL " OPEN_OF("partially-paid") " UNION ALL "
    OPEN_OF("overdue") " ORDER BY 5 DESC LIMIT 50", OPEN__MAX);
/* What staff recorded here lately: payments and ledger entries. */
enum { REC_WHAT, REC_ON, REC_AMOUNT, REC_CURRENCY, REC_NOTE, REC_BY,
    REC__MAX };
static struct dbstmt q_recorded = DBSTMT_COLS(
    "(SELECT 'payment', p.paid_on, p.amount_minor, p.currency, p.method, "
    "COALESCE(u.name, '') FROM payments p LEFT JOIN users u ON "
    "u.id = p.recorded_by WHERE p.account_id = ? AND p.ext_id IS NULL "
    "ORDER BY p.id DESC LIMIT 10) UNION ALL "
    "(SELECT c.kind, c.entry_on, c.amount_minor, c.currency, "
    "c.description, COALESCE(u.name, '') FROM credit_ledger c LEFT JOIN "
    "users u ON u.id = c.recorded_by WHERE c.account_id = ? AND "
    "c.ext_id IS NULL ORDER BY c.id DESC LIMIT 10) ORDER BY 2 DESC",
    REC__MAX);
enum { INV_CURRENCY, INV_DUE, INV_NUMBER, INV__MAX };
static struct dbstmt q_invoice = DBSTMT_COLS(
    "SELECT currency, total_minor - paid_minor, number FROM invoices "
    "WHERE id = ? AND account_id = ? AND "
    "status IN ('unpaid', 'partially-paid', 'overdue')", INV__MAX);

/* The credit kinds staff record ('applied' is the billing system's). */
static const char *const staff_credit_kinds[] = { "credit-note",
    "adjustment", "refund", NULL };

/* What a refused form said: which form, which field, which error. */
struct refusal {
	const char	*form, *field, *error;
};

static unsigned
seg_id(const struct req *r)
{
	return (unsigned)strtoul(r->args[0], NULL, 10);
}

static const char *
form_value(const struct req *r, const char *name)
{
	const char	*s = kv_get(&r->form, name);

	return s ? s : "";
}

/* amount of currency in the viewer's language, or its decimal text. */
static const char *
amount_text(struct req *r, int64_t minor, const char *currency)
{
	const char	*s;

	if (money_format(r->arena, minor, currency, r->cat->code, &s) != 0)
		return money_decimal(r->arena, minor, currency);
	return s;
}

static void
amount_xml(struct req *r, xmlNodePtr parent, const char *name, int64_t minor,
    const char *currency)
{
	xmlNodePtr	n = xml_text(parent, name, amount_text(r, minor,
			    currency));

	xml_attr(n, "currency", currency);
	xml_attr(n, "value", money_decimal(r->arena, minor, currency));
}

/* A field labelled staff-billing.field.LABEL, with rf's error on it. */
static xmlNodePtr
field(xmlNodePtr f, const struct refusal *rf, const char *form,
    const char *name, const char *type, const char *value)
{
	xmlNodePtr	n;
	bool		bad = rf && !strcmp(rf->form, form) &&
			    !strcmp(rf->field, name);

	n = form_field(f, name, type, value, bad ? rf->error : NULL);
	xml_attrf(n, "label", "staff-billing.field.%s", name);
	return n;
}

/* The value a refused form sent back, else def. */
static const char *
again(const struct req *r, const struct refusal *rf, const char *form,
    const char *name, const char *def)
{
	if (rf && !strcmp(rf->form, form))
		return form_value(r, name);
	return def;
}

static void
payment_form(struct req *r, xmlNodePtr pg, const char *action,
    const struct refusal *rf, const struct dbres *open, const char *cur,
    const char *today)
{
	xmlNodePtr	f, sel;
	size_t		i;

	f = form_new(r, pg, "staff-billing-payment", arena_printf(r->arena,
	    "%s/payment", action), "staff-billing.record-payment");
	field(f, rf, "payment", "date", "date", again(r, rf, "payment", "date",
	    today));
	field(f, rf, "payment", "amount", "text", again(r, rf, "payment",
	    "amount", ""));
	field(f, rf, "payment", "currency", "text", again(r, rf, "payment",
	    "currency", cur));
	field(f, rf, "payment", "method", "text", again(r, rf, "payment",
	    "method", ""));
	field(f, rf, "payment", "reference", "text", again(r, rf, "payment",
	    "reference", ""));
	sel = field(f, rf, "payment", "invoice", "select", again(r, rf,
	    "payment", "invoice", ""));
	form_option(sel, "", i18n_get(r->cat, "staff-billing.no-invoice"));
	for (i = 0; i < open->nrows; i++)
		form_option(sel, dbres_get(open, i, OPEN_ID), arena_printf(
		    r->arena, "%s (%s)", dbres_get(open, i, OPEN_NUMBER),
		    amount_text(r, strtoll(dbres_get(open, i, OPEN_DUE), NULL,
		    10), dbres_get(open, i, OPEN_CURRENCY))));
}

static void
credit_form(struct req *r, xmlNodePtr pg, const char *action,
    const struct refusal *rf, const char *cur, const char *today)
{
	xmlNodePtr	f, sel;
	size_t		i;

	f = form_new(r, pg, "staff-billing-credit", arena_printf(r->arena,
	    "%s/credit", action), "staff-billing.record-credit");
	field(f, rf, "credit", "date", "date", again(r, rf, "credit", "date",
	    today));
	sel = field(f, rf, "credit", "credit_kind", "select", again(r, rf,
	    "credit", "credit_kind", "credit-note"));
	for (i = 0; staff_credit_kinds[i] != NULL; i++)
		form_option(sel, staff_credit_kinds[i], i18n_get(r->cat,
		    arena_printf(r->arena, "staff-billing.kind.%s",
		    staff_credit_kinds[i])));
	field(f, rf, "credit", "amount", "text", again(r, rf, "credit",
	    "amount", ""));
	field(f, rf, "credit", "currency", "text", again(r, rf, "credit",
	    "currency", cur));
	field(f, rf, "credit", "description", "text", again(r, rf, "credit",
	    "description", ""));
}

static void
limit_form(struct req *r, xmlNodePtr pg, const char *action,
    const struct refusal *rf, const char *amount, const char *cur)
{
	xmlNodePtr	f;

	f = form_new(r, pg, "staff-billing-limit", arena_printf(r->arena,
	    "%s/credit-limit", action), "staff-billing.set-limit");
	field(f, rf, "limit", "limit", "text", again(r, rf, "limit", "limit",
	    amount));
	field(f, rf, "limit", "currency", "text", again(r, rf, "limit",
	    "currency", cur));
}

static int
recorded_xml(struct req *r, xmlNodePtr pg, unsigned id)
{
	struct dbres	*res;
	struct dbarg	 a[2] = { DBI(id), DBI(id) };
	xmlNodePtr	 list, n;
	size_t		 i;
	int		 e;

	if ((e = db_query(&q_recorded, &res, 2, a)) != DB_OK)
		return e;
	list = xml_elem(pg, "recorded");
	for (i = 0; i < res->nrows; i++) {
		n = xml_elem(list, "entry");
		xml_attr(n, "what", dbres_get(res, i, REC_WHAT));
		xml_attr(n, "on", dbres_get(res, i, REC_ON));
		amount_xml(r, n, "amount", strtoll(dbres_get(res, i,
		    REC_AMOUNT), NULL, 10), dbres_get(res, i, REC_CURRENCY));
		xml_text(n, "note", dbres_get(res, i, REC_NOTE));
		xml_text(n, "by", dbres_get(res, i, REC_BY));
	}
	dbres_free(res);
	return DB_OK;
}

/*
 * The page of account id (404 when there is none), with rf's error on
 * its form when not NULL (then 400).
 */
static int
billing_page(struct req *r, unsigned id, const struct refusal *rf)
{
	struct dbres	*acc, *bal = NULL, *open = NULL;
	struct dbarg	 a[3] = { DBI(id), DBI(id), DBI(id) };
	xmlNodePtr	 pg, n;
	const char	*action, *cur = "EUR", *limit = "", *lc = NULL;
	char		 today[11];
	time_t		 now = time(NULL);
	struct tm	 tm;
	size_t		 i;
	int		 e, st;

	if ((st = access_account(r, id)) != 0)
		return page_error(r, st, NULL, NULL);
	if ((e = db_query(&q_account, &acc, 1, a)) != DB_OK)
		return HTTP_DB(e);
	if (acc->nrows == 0) {
		dbres_free(acc);
		return page_error(r, 404, NULL, NULL);
	}
	if ((e = db_query(&q_balances, &bal, 1, a)) != DB_OK ||
	    (e = db_query(&q_open, &open, 3, a)) != DB_OK) {
		dbres_free(acc);
		dbres_free(bal);
		return HTTP_DB(e);
	}
	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	action = arena_printf(r->arena, "/staff/accounts/%u/billing", id);
	pg = page_new(r, "staff-billing");
	if (rf == NULL && kv_get(&r->query, "done") != NULL)
		page_notice(r, kv_get(&r->query, "done"), "success");
	xml_attr(pg, "account", dbres_get(acc, 0, ACC_NUMBER));
	xml_attrf(pg, "view", "/billing?account=%u", id);
	xml_text(pg, "name", dbres_get(acc, 0, ACC_NAME));
	/* (dbres_get() gives "" for NULL: no limit set.) */
	if (*dbres_get(acc, 0, ACC_LIMIT_CURRENCY) != '\0') {
		int64_t v = strtoll(dbres_get(acc, 0, ACC_LIMIT), NULL, 10);

		lc = dbres_get(acc, 0, ACC_LIMIT_CURRENCY);
		amount_xml(r, pg, "credit-limit", v, lc);
		limit = money_decimal(r->arena, v, lc);
		cur = arena_strdup(r->arena, lc);
	}
	n = xml_elem(pg, "balances");
	for (i = 0; i < bal->nrows; i++)
		amount_xml(r, n, "balance", strtoll(dbres_get(bal, i, BAL_SUM),
		    NULL, 10), dbres_get(bal, i, BAL_CURRENCY));
	if (open->nrows > 0 && lc == NULL)
		cur = arena_strdup(r->arena, dbres_get(open, 0, OPEN_CURRENCY));
	if ((e = recorded_xml(r, pg, id)) != DB_OK) {
		dbres_free(acc);
		dbres_free(bal);
		dbres_free(open);
		return HTTP_DB(e);
	}
	payment_form(r, pg, action, rf, open, cur, today);
	credit_form(r, pg, action, rf, cur, today);
	if (r->role >= ROLE_ADMIN)
		limit_form(r, pg, action, rf, limit, cur);
	dbres_free(acc);
	dbres_free(bal);
	dbres_free(open);
	return rf ? 400 : 200;
}

int
page_staff_billing(struct req *r)
{
	return billing_page(r, seg_id(r), NULL);
}

static int
refuse(struct req *r, const char *form, const char *fld, const char *error)
{
	struct refusal	rf = { form, fld, error };

	return billing_page(r, seg_id(r), &rf);
}

/* The account the address names exists and r may act on it: 0 or 404. */
static int
account_exists(struct req *r, unsigned id, const char **number)
{
	struct dbres	*res;
	struct dbarg	 a[1] = { DBI(id) };
	int		 e;

	if (access_account(r, id) != 0)
		return 404;
	if ((e = db_query(&q_account, &res, 1, a)) != DB_OK)
		return HTTP_DB(e);
	if (res->nrows == 0) {
		dbres_free(res);
		return 404;
	}
	*number = arena_strdup(r->arena, dbres_get(res, 0, ACC_NUMBER));
	dbres_free(res);
	return 0;
}

/* Read the amount and currency fields; NULL or the field that is bad. */
static const char *
form_amount(struct req *r, const char *amount_field, int64_t *v,
    const char **cur)
{
	*cur = form_value(r, "currency");
	if (!valid_currency(*cur, strlen(*cur)))
		return "currency";
	if (money_parse(form_value(r, amount_field), *cur, v) != 0)
		return amount_field;
	return NULL;
}

int
page_staff_billing_payment(struct req *r)
{
	unsigned	 id = seg_id(r), invoice_id = 0;
	const char	*number, *cur, *bad, *method = form_value(r, "method");
	const char	*inv_number = "";
	struct dbres	*res;
	struct dbarg	 a[2];
	int64_t		 amount;
	uint64_t	 pay_id;
	int		 st, e;

	if ((st = account_exists(r, id, &number)) != 0)
		return st < 0 ? st : page_error(r, st, NULL, NULL);
	if (!billing_day_valid(form_value(r, "date")))
		return refuse(r, "payment", "date", "staff-billing-date");
	if ((bad = form_amount(r, "amount", &amount, &cur)) != NULL)
		return refuse(r, "payment", bad, !strcmp(bad, "currency") ?
		    "staff-billing-currency" : "staff-billing-amount");
	if (amount <= 0)
		return refuse(r, "payment", "amount", "staff-billing-amount");
	if (!valid_text(method, strlen(method), 60))
		return refuse(r, "payment", "method", "staff-billing-method");
	if (*form_value(r, "invoice") != '\0') {
		a[0] = DBI(strtoul(form_value(r, "invoice"), NULL, 10));
		a[1] = DBI(id);
		if ((e = db_query(&q_invoice, &res, 2, a)) != DB_OK)
			return HTTP_DB(e);
		if (res->nrows == 0 || strcmp(dbres_get(res, 0, INV_CURRENCY),
		    cur) || strtoll(dbres_get(res, 0, INV_DUE), NULL, 10) <
		    amount) {
			dbres_free(res);
			return refuse(r, "payment", "invoice",
			    "staff-billing-invoice");
		}
		invoice_id = (unsigned)a[0].i;
		inv_number = arena_strdup(r->arena, dbres_get(res, 0,
		    INV_NUMBER));
		dbres_free(res);
	}
	e = ledger_payment_record(id, r->user->id, invoice_id,
	    form_value(r, "date"), method, form_value(r, "reference"), amount,
	    cur, &pay_id);
	if (e == LEDGER_EINVOICE)
		return refuse(r, "payment", "invoice", "staff-billing-invoice");
	if (e != DB_OK)
		return HTTP_DB(e);
	audit(r, "billing-payment-recorded", 0, id, "%s %s %s on %s%s%s",
	    money_decimal(r->arena, amount, cur), cur, method,
	    form_value(r, "date"), *inv_number ? " for invoice " : "",
	    inv_number);
	return req_redirect(r, arena_printf(r->arena,
	    "/staff/accounts/%u/billing?done=payment-recorded", id));
}

int
page_staff_billing_credit(struct req *r)
{
	unsigned	 id = seg_id(r);
	const char	*number, *cur, *bad, *kind = form_value(r,
			 "credit_kind");
	const char	*desc = form_value(r, "description");
	int64_t		 amount;
	uint64_t	 entry_id;
	int		 st, e;

	if ((st = account_exists(r, id, &number)) != 0)
		return st < 0 ? st : page_error(r, st, NULL, NULL);
	if (!billing_day_valid(form_value(r, "date")))
		return refuse(r, "credit", "date", "staff-billing-date");
	if (content_find(staff_credit_kinds, kind) == -1)
		return refuse(r, "credit", "credit_kind", "invalid");
	if ((bad = form_amount(r, "amount", &amount, &cur)) != NULL)
		return refuse(r, "credit", bad, !strcmp(bad, "currency") ?
		    "staff-billing-currency" : "staff-billing-amount");
	if (amount == 0)
		return refuse(r, "credit", "amount", "staff-billing-amount");
	if (*desc == '\0' || !valid_text(desc, strlen(desc), 500))
		return refuse(r, "credit", "description",
		    "staff-billing-description");
	if ((e = ledger_credit_record(id, r->user->id, form_value(r, "date"),
	    kind, desc, amount, cur, &entry_id)) != DB_OK)
		return HTTP_DB(e);
	audit(r, "billing-credit-recorded", 0, id, "%s %s %s on %s: %s",
	    kind, money_decimal(r->arena, amount, cur), cur,
	    form_value(r, "date"), desc);
	return req_redirect(r, arena_printf(r->arena,
	    "/staff/accounts/%u/billing?done=credit-recorded", id));
}

int
page_staff_billing_limit(struct req *r)
{
	unsigned	 id = seg_id(r);
	const char	*number, *cur = form_value(r, "currency");
	const char	*limit = form_value(r, "limit");
	int64_t		 amount = 0;
	int		 st, e;

	if ((st = account_exists(r, id, &number)) != 0)
		return st < 0 ? st : page_error(r, st, NULL, NULL);
	if (*limit != '\0') {
		if (!valid_currency(cur, strlen(cur)))
			return refuse(r, "limit", "currency",
			    "staff-billing-currency");
		if (money_parse(limit, cur, &amount) != 0 || amount < 0)
			return refuse(r, "limit", "limit",
			    "staff-billing-amount");
	}
	if ((e = ledger_credit_limit_set(id, *limit != '\0', amount, cur)) !=
	    DB_OK)
		return HTTP_DB(e);
	audit(r, "billing-credit-limit-set", 0, id, "%s",
	    *limit ? arena_printf(r->arena, "%s %s", money_decimal(r->arena,
	    amount, cur), cur) : "none");
	return req_redirect(r, arena_printf(r->arena,
	    "/staff/accounts/%u/billing?done=credit-limit-set", id));
}
