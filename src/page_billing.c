/*
 * The customer's billing pages: GET /billing (overview), /billing/
 * invoices (filters and paging), /billing/invoices/NUMBER (printable)
 * and /billing/invoices/NUMBER/pdf, /billing/export (CSV of invoices or
 * payments for a period), /billing/payments, /billing/credits (the
 * ledger with its running balance), /billing/services and /billing/
 * services/ID, /billing/orders and /billing/orders/NUMBER; and the
 * dashboard's billing card.  Quotes are page_quotes.c's.
 *
 * Every page opens the account with billing_open() (the role rule, and
 * ?account=ID for staff), and reads each object with that account's id
 * in its WHERE: another account's invoice, PDF, service or order is a
 * 404 like one that does not exist.  Lists page by LIMIT 26 over an
 * index in the order shown (25 shown, the 26th says there is a next
 * page), so no list counts all of an account's rows; the invoices,
 * payments, credits and orders seek to their place by the sort key
 * and id of the row next to it (?after=, ?before=: struct cursor), so
 * a page deep in a long list reads no more rows than the first.  Amounts are
 * formatted by billing_amount() (money_format()) only.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "portico.h"

#define PER_PAGE	25
#define DAY_FIRST	"1000-01-01"	/* no ?from= */
#define DAY_LAST	"9999-12-31"	/* no ?to=; past the end of a list */
#define TIME_LAST	"9999-12-31 23:59:59"	/* past the end of orders */
#define OPEN_STATUSES	"('unpaid', 'partially-paid', 'overdue')"

const char *const billing_invoice_statuses[] = { "draft", "unpaid",
    "partially-paid", "paid", "overdue", "cancelled", "refunded", NULL };
const char *const billing_export_kinds[] = { "invoices", "payments", NULL };

/*
 * An account's money in one statement: what is due and overdue per
 * currency (the open invoices; overdue is their derived status, see
 * billing_ledger.c), the credit balance per currency (the
 * sum of the ledger, never a stored number) and the open quotes.
 */
enum { SUM_KIND, SUM_CURRENCY, SUM_AMOUNT, SUM_OVERDUE, SUM_COUNT,
    SUM__MAX };
static struct dbstmt q_summary = DBSTMT_COLS(
    "SELECT 'due', currency, SUM(total_minor - paid_minor), "
    "SUM(IF(status = 'overdue', total_minor - paid_minor, 0)), COUNT(*) "
    "FROM invoices "
    "WHERE account_id = ? AND status IN " OPEN_STATUSES " GROUP BY currency "
    "UNION ALL SELECT 'credit', currency, SUM(amount_minor), 0, 0 "
    "FROM credit_ledger WHERE account_id = ? GROUP BY currency "
    "UNION ALL SELECT 'quotes', '', COUNT(*), 0, 0 FROM quotes "
    "WHERE account_id = ? AND status = 'sent' AND valid_until >= ? "
    "ORDER BY 2, 1", SUM__MAX);
/*
 * The credit balance per currency, for the ledger's page, and the part
 * of it older than the page's oldest entry (its key, key and id), each
 * entry's running balance starting from it: one pass over the account's
 * entries in credit_ledger_account, which holds the amounts (migration
 * 036), so the rows themselves are never read.
 */
enum { CREDIT_CURRENCY, CREDIT_BALANCE, CREDIT_OLDER, CREDIT__MAX };
static struct dbstmt q_credit = DBSTMT_COLS(
    "SELECT currency, SUM(amount_minor), SUM(IF(entry_on < ? OR "
    "(entry_on = ? AND id < ?), amount_minor, 0)) FROM credit_ledger "
    "WHERE account_id = ? GROUP BY currency ORDER BY currency",
    CREDIT__MAX);
enum { NEXT_NUMBER, NEXT_DUE_ON, NEXT_STATUS, NEXT_BALANCE, NEXT_CURRENCY,
    NEXT__MAX };
static struct dbstmt q_next_due = DBSTMT_COLS(
    "SELECT number, due_on, status, total_minor - paid_minor, currency "
    "FROM invoices WHERE account_id = ? AND status IN " OPEN_STATUSES " "
    "ORDER BY due_on, id LIMIT 1", NEXT__MAX);
#define SERVICE_COLS "id, product, plan, label, status, started_on, " \
    "next_due_on, price_minor, currency, cycle"
enum { SV_ID, SV_PRODUCT, SV_PLAN, SV_LABEL, SV_STATUS, SV_STARTED,
    SV_NEXT_DUE, SV_PRICE, SV_CURRENCY, SV_CYCLE, SV__MAX };
static struct dbstmt q_services_due = DBSTMT_COLS(
    "SELECT " SERVICE_COLS " FROM services WHERE account_id = ? "
    "AND status IN ('active', 'suspended', 'pending') "
    "ORDER BY next_due_on IS NULL, next_due_on, id LIMIT 20", SV__MAX);
static struct dbstmt q_services = DBSTMT_COLS(
    "SELECT " SERVICE_COLS " FROM services WHERE account_id = ? "
    "ORDER BY status = 'cancelled', next_due_on IS NULL, next_due_on, id "
    "LIMIT ? OFFSET ?", SV__MAX);
static struct dbstmt q_service = DBSTMT_COLS(
    "SELECT " SERVICE_COLS " FROM services WHERE id = ? AND account_id = ?",
    SV__MAX);
enum { SI_NUMBER, SI_ISSUED, SI_STATUS, SI_NET, SI_CURRENCY, SI__MAX };
static struct dbstmt q_service_invoices = DBSTMT_COLS(
    "SELECT i.number, i.issued_on, i.status, l.net_minor, i.currency "
    "FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id "
    "WHERE l.service_id = ? AND i.account_id = ? AND "
    BILLING_SHOWN_SQL("i.status") " "
    "ORDER BY i.issued_on DESC, i.id DESC LIMIT 12", SI__MAX);

#define INVOICE_COLS "id, number, issued_on, due_on, status, currency, " \
    "subtotal_minor, tax_minor, total_minor, paid_minor"
enum { IV_ID, IV_NUMBER, IV_ISSUED, IV_DUE, IV_STATUS, IV_CURRENCY,
    IV_SUBTOTAL, IV_TAX, IV_TOTAL, IV_PAID, IV__MAX };
/*
 * The list, newest first, in the order of invoices_account (whose
 * entries end with the id), from a cursor: the cursor's row and the
 * older rows after it or, [1], the row and the newer ones before it
 * (read oldest first, shown reversed)...
 */
#define OLDER(k, id)	"(" k " < ? OR (" k " = ? AND " id " <= ?)) " \
    "ORDER BY " k " DESC, " id " DESC LIMIT ?"
#define NEWER(k, id)	"(" k " > ? OR (" k " = ? AND " id " >= ?)) " \
    "ORDER BY " k ", " id " LIMIT ?"
#define INVOICES_SQL	"SELECT " INVOICE_COLS " FROM invoices " \
    "WHERE account_id = ? AND " BILLING_SHOWN_SQL("status") " " \
    "AND issued_on BETWEEN ? AND ? AND "
static struct dbstmt q_invoices[2] = {
	DBSTMT_COLS(INVOICES_SQL OLDER("issued_on", "id"), IV__MAX),
	DBSTMT_COLS(INVOICES_SQL NEWER("issued_on", "id"), IV__MAX),
};
/* ... and of invoices_account_status, with a status. */
#define INVOICES_STATUS_SQL	"SELECT " INVOICE_COLS " FROM invoices " \
    "WHERE account_id = ? AND " BILLING_SHOWN_SQL("status") " " \
    "AND status = ? AND issued_on BETWEEN ? AND ? AND "
static struct dbstmt q_invoices_status[2] = {
	DBSTMT_COLS(INVOICES_STATUS_SQL OLDER("issued_on", "id"), IV__MAX),
	DBSTMT_COLS(INVOICES_STATUS_SQL NEWER("issued_on", "id"), IV__MAX),
};
static struct dbstmt q_invoice = DBSTMT_COLS(
    "SELECT " INVOICE_COLS " FROM invoices WHERE number = ? "
    "AND account_id = ? AND " BILLING_SHOWN_SQL("status"), IV__MAX);
enum { IL_DESCRIPTION, IL_QUANTITY, IL_UNIT, IL_NET, IL_RATE, IL_TAX,
    IL__MAX };
static struct dbstmt q_invoice_lines = DBSTMT_COLS(
    "SELECT description, quantity_milli, unit_minor, net_minor, "
    "tax_rate_bp, tax_minor FROM invoice_lines WHERE invoice_id = ? "
    "ORDER BY line_no", IL__MAX);
enum { IP_PAID_ON, IP_METHOD, IP_REFERENCE, IP_AMOUNT, IP__MAX };
static struct dbstmt q_invoice_payments = DBSTMT_COLS(
    "SELECT p.paid_on, p.method, p.reference, a.amount_minor "
    "FROM payment_allocations a JOIN payments p ON p.id = a.payment_id "
    "WHERE a.invoice_id = ? ORDER BY p.paid_on, p.id", IP__MAX);

enum { PM_ID, PM_PAID_ON, PM_METHOD, PM_REFERENCE, PM_AMOUNT, PM_CURRENCY,
    PM_INVOICES, PM__MAX };
#define PAYMENTS_SQL	"SELECT p.id, p.paid_on, p.method, p.reference, " \
    "p.amount_minor, p.currency, (SELECT GROUP_CONCAT(i.number ORDER BY " \
    "i.number SEPARATOR ' ') FROM payment_allocations a JOIN invoices i " \
    "ON i.id = a.invoice_id WHERE a.payment_id = p.id) " \
    "FROM payments p WHERE p.account_id = ? AND "
static struct dbstmt q_payments[2] = {
	DBSTMT_COLS(PAYMENTS_SQL OLDER("p.paid_on", "p.id"), PM__MAX),
	DBSTMT_COLS(PAYMENTS_SQL NEWER("p.paid_on", "p.id"), PM__MAX),
};

/*
 * The ledger newest first, every currency, by credit_ledger_day: the
 * cursor's entry, the entries shown and one more.  Their balances come
 * from q_credit.
 */
enum { CL_ENTRY_ON, CL_KIND, CL_DESCRIPTION, CL_AMOUNT, CL_CURRENCY,
    CL_INVOICE, CL_ID, CL__MAX };
#define LEDGER_SQL	"SELECT l.entry_on, l.kind, l.description, " \
    "l.amount_minor, l.currency, i.number, l.id FROM credit_ledger l " \
    "LEFT JOIN invoices i ON i.id = l.invoice_id WHERE l.account_id = ? " \
    "AND "
static struct dbstmt q_ledger[2] = {
	DBSTMT_COLS(LEDGER_SQL OLDER("l.entry_on", "l.id"), CL__MAX),
	DBSTMT_COLS(LEDGER_SQL NEWER("l.entry_on", "l.id"), CL__MAX),
};

enum { OR_ID, OR_NUMBER, OR_PLACED, OR_STATUS, OR_CURRENCY, OR_TOTAL,
    OR__MAX };
#define ORDERS_SQL	"SELECT id, number, placed_at, status, currency, " \
    "total_minor FROM orders WHERE account_id = ? AND "
static struct dbstmt q_orders[2] = {
	DBSTMT_COLS(ORDERS_SQL OLDER("placed_at", "id"), OR__MAX),
	DBSTMT_COLS(ORDERS_SQL NEWER("placed_at", "id"), OR__MAX),
};
static struct dbstmt q_order = DBSTMT_COLS(
    "SELECT id, number, placed_at, status, currency, total_minor "
    "FROM orders WHERE number = ? AND account_id = ?", OR__MAX);
enum { OL_DESCRIPTION, OL_QUANTITY, OL_UNIT, OL_AMOUNT, OL_SERVICE_ID,
    OL_SERVICE_LABEL, OL__MAX };
static struct dbstmt q_order_lines = DBSTMT_COLS(
    "SELECT l.description, l.quantity_milli, l.unit_minor, l.amount_minor, "
    "s.id, s.label FROM order_lines l LEFT JOIN services s "
    "ON s.id = l.service_id AND s.account_id = ? WHERE l.order_id = ? "
    "ORDER BY l.line_no", OL__MAX);

enum { XI_NUMBER, XI_ISSUED, XI_DUE, XI_STATUS, XI_CURRENCY, XI_SUBTOTAL,
    XI_TAX, XI_TOTAL, XI_PAID, XI__MAX };
static struct dbstmt q_export_invoices = DBSTMT_COLS(
    "SELECT number, issued_on, due_on, status, currency, subtotal_minor, "
    "tax_minor, total_minor, paid_minor FROM invoices WHERE account_id = ? "
    "AND " BILLING_SHOWN_SQL("status") " "
    "AND issued_on BETWEEN ? AND ? ORDER BY issued_on, id LIMIT 100000",
    XI__MAX);
enum { XP_PAID_ON, XP_METHOD, XP_REFERENCE, XP_CURRENCY, XP_AMOUNT,
    XP_INVOICES, XP__MAX };
static struct dbstmt q_export_payments = DBSTMT_COLS(
    "SELECT p.paid_on, p.method, p.reference, p.currency, p.amount_minor, "
    "(SELECT GROUP_CONCAT(i.number ORDER BY i.number SEPARATOR ' ') "
    "FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id "
    "WHERE a.payment_id = p.id) FROM payments p WHERE p.account_id = ? "
    "AND p.paid_on BETWEEN ? AND ? ORDER BY p.paid_on, p.id LIMIT 100000",
    XP__MAX);

/* The page's <billing-account>: whose billing, and what may be seen. */
static xmlNodePtr
billing_page(struct req *r, const char *kind, const struct billing *c)
{
	xmlNodePtr	pg = page_new(r, kind), n;

	n = xml_elem(pg, "billing-account");
	xml_attrf(n, "id", "%u", c->account_id);
	xml_attr(n, "number", c->number);
	xml_attr(n, "money", c->money ? "yes" : "no");
	if (c->staff)
		xml_attr(n, "staff-view", "yes");
	xml_attr(n, "base", billing_link(r, c, "/billing"));
	xml_text(n, "name", c->company);
	if (kv_get(&r->query, "done"))
		page_notice(r, kv_get(&r->query, "done"), "success");
	return pg;
}

/* The ?page= number, 1 when none. */
static size_t
page_number(struct req *r)
{
	const char	*s = kv_get(&r->query, "page");

	return s ? (size_t)strtoul(s, NULL, 10) : 1;
}

/*
 * <paging page="N" prev="URL" next="URL"/>: path already carries its
 * query (or none); sep joins page= to it.
 */
static void
paging_xml(struct req *r, xmlNodePtr pg, const struct billing *c,
    const char *path, size_t page, bool more)
{
	xmlNodePtr	n = xml_elem(pg, "paging");
	char		sep = strchr(path, '?') ? '&' : '?';

	xml_attrf(n, "page", "%zu", page);
	if (page > 1)
		xml_attr(n, "prev", billing_link(r, c, arena_printf(r->arena,
		    "%s%cpage=%zu", path, sep, page - 1)));
	if (more)
		xml_attr(n, "next", billing_link(r, c, arena_printf(r->arena,
		    "%s%cpage=%zu", path, sep, page + 1)));
}

/*
 * A list's place: ?after=KEY.ID, the rows older than that row, or
 * ?before=KEY.ID, the newer ones (read oldest first by q[1] and shown
 * the other way round); neither: the newest, from past the end.  KEY
 * is the list's sort key, a day ("2026-01-15") or an order's time
 * ("2026-01-15T09:30:00"); the route table checked its form.  The row
 * must be one of the list's (read first, not shown): a place no row of
 * the list holds (another account's row, one gone, one made up) has no
 * page, so no page links to a neighbour that is not there.
 */
struct cursor {
	const char	*at;		/* the key as SQL text */
	unsigned	 id;
	bool		 newer;		/* ?before= */
	bool		 given;		/* ?after= or ?before= */
	int		 col, idcol;	/* the key's and the id's columns */
	struct dbres	*res;		/* the rows read: PER_PAGE + 2 at most */
	size_t		 skip;		/* 1: res's first row is the cursor's */
	size_t		 shown;		/* how many of them are shown */
};

/*
 * r's cursor into cur, the end of the list being end, col and idcol the
 * columns of its key and id in the list's rows; 0 or 400.
 */
static int
cursor_read(struct req *r, struct cursor *cur, const char *end, int col,
    int idcol)
{
	const char	*after = kv_get(&r->query, "after");
	const char	*before = kv_get(&r->query, "before"), *s, *dot;
	char		*at;

	memset(cur, 0, sizeof(*cur));
	if (after != NULL && before != NULL)
		return req_fail(r, 400, "invalid-param", "before");
	cur->newer = before != NULL;
	cur->given = after != NULL || before != NULL;
	cur->col = col;
	cur->idcol = idcol;
	if (!cur->given) {
		cur->at = end;
		cur->id = UINT_MAX;
		return 0;
	}
	s = after != NULL ? after : before;
	if ((dot = strrchr(s, '.')) == NULL || dot - s < 10)
		return req_fail(r, 400, "invalid-param", after ? "after" :
		    "before");
	at = arena_strndup(r->arena, s, (size_t)(dot - s));
	if (at[10] == 'T')
		at[10] = ' ';
	cur->at = at;
	cur->id = (unsigned)strtoul(dot + 1, NULL, 10);
	return 0;
}

/*
 * The four values that place a list: key, key, id, and the limit (the
 * page, one more to know of a next, and the cursor's own row).
 */
static size_t
cursor_args(const struct cursor *cur, struct dbarg *a)
{
	a[0] = DBS(cur->at);
	a[1] = DBS(cur->at);
	a[2] = DBI(cur->id);
	a[3] = DBI(PER_PAGE + 1 + (cur->given ? 1 : 0));
	return 4;
}

/* Is res's first row the cursor's own (its key and id)? */
static bool
cursor_found(const struct cursor *cur)
{
	const char	*k;

	if (cur->res->nrows == 0)
		return false;
	k = dbres_get(cur->res, 0, cur->col);
	return k != NULL && !strcmp(k, cur->at) && strtoul(dbres_get(
	    cur->res, 0, cur->idcol), NULL, 10) == cur->id;
}

/*
 * Run q[cur->newer] with the n arguments of a into cur->res (the caller
 * frees it) and cur->shown: none when the cursor names no row of the
 * list.  DB_OK, or the error.
 */
static int
cursor_query(struct cursor *cur, struct dbstmt q[2], size_t n,
    struct dbarg *a)
{
	size_t	rest;
	int	e;

	if ((e = db_query(&q[cur->newer], &cur->res, n, a)) != DB_OK)
		return e;
	if (cur->given && !cursor_found(cur))
		return DB_OK;
	cur->skip = cur->given ? 1 : 0;
	rest = cur->res->nrows - cur->skip;
	cur->shown = rest < PER_PAGE ? rest : PER_PAGE;
	return DB_OK;
}

/* The row shown k-th, newest first, of cur->res. */
static size_t
cursor_row(const struct cursor *cur, size_t k)
{
	return cur->skip + (cur->newer ? cur->shown - 1 - k : k);
}

/* The cursor of cur's row i: its key (a ' ' as 'T') and id. */
static const char *
cursor_of(struct req *r, const struct cursor *cur, size_t i)
{
	char	*k = arena_strdup(r->arena, dbres_get(cur->res, i, cur->col));

	if (strlen(k) > 10 && k[10] == ' ')
		k[10] = 'T';
	return arena_printf(r->arena, "%s.%s", k, dbres_get(cur->res, i,
	    cur->idcol));
}

/*
 * <paging prev="URL" next="URL"/> of a list read by cursor:
 * newer rows exist when this page was reached from them (the cursor's
 * row, read first, is one; or, read newer, when there was one more);
 * older likewise.  path carries its query (or none).
 */
static void
cursor_paging_xml(struct req *r, xmlNodePtr pg, const struct billing *c,
    const char *path, const struct cursor *cur)
{
	xmlNodePtr	n = xml_elem(pg, "paging");
	char		sep = strchr(path, '?') ? '&' : '?';
	bool		more = cur->res->nrows - cur->skip > PER_PAGE;
	bool		newer = cur->newer ? more : cur->given;
	bool		older = cur->newer ? cur->given : more;

	if (cur->shown == 0)
		return;
	if (newer)
		xml_attr(n, "prev", billing_link(r, c, arena_printf(r->arena,
		    "%s%cbefore=%s", path, sep, cursor_of(r, cur,
		    cursor_row(cur, 0)))));
	if (older)
		xml_attr(n, "next", billing_link(r, c, arena_printf(r->arena,
		    "%s%cafter=%s", path, sep, cursor_of(r, cur,
		    cursor_row(cur, cur->shown - 1)))));
}

static void
service_xml(struct req *r, xmlNodePtr parent, const struct billing *c,
    const struct dbres *res, size_t i)
{
	xmlNodePtr	n = xml_elem(parent, "service");

	xml_attr(n, "id", dbres_get(res, i, SV_ID));
	xml_attr(n, "url", billing_link(r, c, arena_printf(r->arena,
	    "/billing/services/%s", dbres_get(res, i, SV_ID))));
	xml_attr(n, "status", dbres_get(res, i, SV_STATUS));
	xml_attr(n, "cycle", dbres_get(res, i, SV_CYCLE));
	if (dbres_get(res, i, SV_STARTED))
		xml_attr(n, "started", dbres_get(res, i, SV_STARTED));
	if (dbres_get(res, i, SV_NEXT_DUE))
		xml_attr(n, "next-due", dbres_get(res, i, SV_NEXT_DUE));
	xml_text(n, "product", dbres_get(res, i, SV_PRODUCT));
	xml_text(n, "plan", dbres_get(res, i, SV_PLAN));
	xml_text(n, "label", dbres_get(res, i, SV_LABEL));
	billing_amount_xml(r, n, "price", dbres_get(res, i, SV_PRICE),
	    dbres_get(res, i, SV_CURRENCY));
}

static void
invoice_row_xml(struct req *r, xmlNodePtr parent, const struct billing *c,
    const struct dbres *res, size_t i)
{
	xmlNodePtr	n = xml_elem(parent, "invoice");
	const char	*cur = dbres_get(res, i, IV_CURRENCY);
	long long	 bal = strtoll(dbres_get(res, i, IV_TOTAL), NULL, 10) -
			    strtoll(dbres_get(res, i, IV_PAID), NULL, 10);

	xml_attr(n, "number", dbres_get(res, i, IV_NUMBER));
	xml_attr(n, "url", billing_link(r, c, arena_printf(r->arena,
	    "/billing/invoices/%s", dbres_get(res, i, IV_NUMBER))));
	xml_attr(n, "issued", dbres_get(res, i, IV_ISSUED));
	xml_attr(n, "due", dbres_get(res, i, IV_DUE));
	xml_attr(n, "status", dbres_get(res, i, IV_STATUS));
	billing_amount_xml(r, n, "total", dbres_get(res, i, IV_TOTAL), cur);
	billing_amount_xml(r, n, "balance", arena_printf(r->arena, "%lld",
	    bal), cur);
}

/*
 * The next invoice the services make: the earliest next due date of an
 * active service, with the prices of the services due that day, summed
 * per currency (the services come ordered by that date).
 */
static void
next_invoice_xml(struct req *r, xmlNodePtr pg, const struct dbres *sv)
{
	xmlNodePtr	 n = NULL;
	const char	*day = NULL, *cur;
	int64_t		 sum;
	size_t		 i, j;

	for (i = 0; i < sv->nrows; i++) {
		if (strcmp(dbres_get(sv, i, SV_STATUS), "active") ||
		    *dbres_get(sv, i, SV_NEXT_DUE) == '\0')
			continue;
		if (day == NULL) {
			day = dbres_get(sv, i, SV_NEXT_DUE);
			n = xml_elem(pg, "next-invoice");
			xml_attr(n, "date", day);
		}
		if (strcmp(day, dbres_get(sv, i, SV_NEXT_DUE)))
			break;
		/* The first service of each currency sums that currency. */
		cur = dbres_get(sv, i, SV_CURRENCY);
		for (j = 0; j < i; j++)
			if (!strcmp(dbres_get(sv, j, SV_STATUS), "active") &&
			    *dbres_get(sv, j, SV_NEXT_DUE) != '\0' &&
			    !strcmp(day, dbres_get(sv, j, SV_NEXT_DUE)) &&
			    !strcmp(cur, dbres_get(sv, j, SV_CURRENCY)))
				break;
		if (j < i)
			continue;
		for (sum = 0, j = i; j < sv->nrows && dbres_get(sv, j,
		    SV_NEXT_DUE) != NULL && !strcmp(day, dbres_get(sv, j,
		    SV_NEXT_DUE)); j++)
			if (!strcmp(cur, dbres_get(sv, j, SV_CURRENCY)) &&
			    !strcmp(dbres_get(sv, j, SV_STATUS), "active") &&
			    money_add(sum, strtoll(dbres_get(sv, j, SV_PRICE),
			    NULL, 10), &sum) != 0)
				return;
		billing_amount_xml(r, n, "amount", arena_printf(r->arena,
		    "%lld", (long long)sum), cur);
	}
}

/* Row of q_summary's result of kind and currency, or -1. */
static ssize_t
summary_row(const struct dbres *sum, const char *kind, const char *cur)
{
	size_t	i;

	for (i = 0; i < sum->nrows; i++)
		if (!strcmp(dbres_get(sum, i, SUM_KIND), kind) &&
		    !strcmp(dbres_get(sum, i, SUM_CURRENCY), cur))
			return (ssize_t)i;
	return -1;
}

static void
balance_xml(struct req *r, xmlNodePtr list, const struct dbres *sum,
    ssize_t due, ssize_t credit, const char *cur)
{
	xmlNodePtr	n = xml_elem(list, "balance");

	xml_attr(n, "currency", cur);
	xml_attr(n, "open", due < 0 ? "0" : dbres_get(sum, due, SUM_COUNT));
	billing_amount_xml(r, n, "due", due < 0 ? "0" : dbres_get(sum, due,
	    SUM_AMOUNT), cur);
	billing_amount_xml(r, n, "overdue", due < 0 ? "0" : dbres_get(sum,
	    due, SUM_OVERDUE), cur);
	billing_amount_xml(r, n, "credit", credit < 0 ? "0" : dbres_get(sum,
	    credit, SUM_AMOUNT), cur);
}

/*
 * The balances per currency: due, overdue, credit; and the credit limit
 * with what is left of it (the limit less what is due in its currency,
 * never below nothing).
 */
static void
balances_xml(struct req *r, xmlNodePtr pg, const struct billing *c,
    const struct dbres *sum)
{
	xmlNodePtr	 list = xml_elem(pg, "balances"), n;
	const char	*cur, *kind;
	int64_t		 owed = 0, left;
	ssize_t		 j;
	size_t		 i;

	for (i = 0; i < sum->nrows; i++) {
		kind = dbres_get(sum, i, SUM_KIND);
		cur = dbres_get(sum, i, SUM_CURRENCY);
		if (!strcmp(kind, "due"))
			balance_xml(r, list, sum, (ssize_t)i, summary_row(sum,
			    "credit", cur), cur);
		else if (!strcmp(kind, "credit") &&
		    summary_row(sum, "due", cur) < 0)
			balance_xml(r, list, sum, -1, (ssize_t)i, cur);
	}
	if (!c->has_limit)
		return;
	if ((j = summary_row(sum, "due", c->limit_currency)) >= 0)
		owed = strtoll(dbres_get(sum, j, SUM_AMOUNT), NULL, 10);
	left = c->limit - owed > 0 ? c->limit - owed : 0;
	n = xml_elem(pg, "credit-limit");
	billing_amount_xml(r, n, "limit", arena_printf(r->arena, "%lld",
	    (long long)c->limit), c->limit_currency);
	billing_amount_xml(r, n, "available", arena_printf(r->arena, "%lld",
	    (long long)left), c->limit_currency);
}

/* The summary of c's account (q_summary); NULL after a database error e. */
static struct dbres *
summary_read(const struct billing *c, int *e)
{
	struct dbres	*sum;
	struct dbarg	 a[4];
	char		 today[11];

	if ((*e = billing_today(today)) != DB_OK)
		return NULL;
	a[0] = a[1] = a[2] = DBI(c->account_id);
	a[3] = DBS(today);
	if ((*e = db_query(&q_summary, &sum, 4, a)) != DB_OK)
		return NULL;
	return sum;
}

static const char *
open_quotes(const struct dbres *sum)
{
	ssize_t	i = summary_row(sum, "quotes", "");

	return i < 0 ? "0" : dbres_get(sum, i, SUM_AMOUNT);
}

/* The overview's money: balances, the invoice due first, open quotes. */
static int
overview_money(struct req *r, xmlNodePtr pg, const struct billing *c)
{
	struct dbres	*sum, *next;
	struct dbarg	 a[1];
	xmlNodePtr	 n;
	int		 e;

	if ((sum = summary_read(c, &e)) == NULL)
		return HTTP_DB(e);
	a[0] = DBI(c->account_id);
	if ((e = db_query(&q_next_due, &next, 1, a)) != DB_OK) {
		dbres_free(sum);
		return HTTP_DB(e);
	}
	balances_xml(r, pg, c, sum);
	if (next->nrows == 1) {
		n = xml_elem(pg, "next-due");
		xml_attr(n, "number", dbres_get(next, 0, NEXT_NUMBER));
		xml_attr(n, "url", billing_link(r, c, arena_printf(r->arena,
		    "/billing/invoices/%s", dbres_get(next, 0, NEXT_NUMBER))));
		xml_attr(n, "due", dbres_get(next, 0, NEXT_DUE_ON));
		xml_attr(n, "status", dbres_get(next, 0, NEXT_STATUS));
		billing_amount_xml(r, n, "balance", dbres_get(next, 0,
		    NEXT_BALANCE), dbres_get(next, 0, NEXT_CURRENCY));
	}
	n = xml_elem(pg, "open-quotes");
	xml_attr(n, "count", open_quotes(sum));
	xml_attr(n, "url", billing_link(r, c, "/billing/quotes"));
	dbres_free(sum);
	dbres_free(next);
	return 0;
}

int
page_billing(struct req *r)
{
	struct billing	 c;
	struct dbres	*sv;
	struct dbarg	 a[1];
	xmlNodePtr	 pg, list;
	size_t		 i;
	int		 st, e;

	if ((st = billing_open(r, BILLING_ANY, &c)) != 0)
		return st;
	pg = billing_page(r, "billing", &c);
	if (c.money && (st = overview_money(r, pg, &c)) != 0)
		return st;
	a[0] = DBI(c.account_id);
	if ((e = db_query(&q_services_due, &sv, 1, a)) != DB_OK)
		return HTTP_DB(e);
	if (c.money)
		next_invoice_xml(r, pg, sv);
	list = xml_elem(pg, "services");
	for (i = 0; i < sv->nrows; i++)
		service_xml(r, list, &c, sv, i);
	dbres_free(sv);
	return 200;
}

/* The invoices' filters as a query string ("" or "status=paid&..."). */
static const char *
invoice_filters(struct req *r, xmlNodePtr pg)
{
	const char	*q = "", *v;
	xmlNodePtr	 n = xml_elem(pg, "filters"), o;
	static const char *const names[] = { "status", "from", "to" };
	size_t		 i;

	for (i = 0; i < 3; i++) {
		if ((v = kv_get(&r->query, names[i])) == NULL || *v == '\0')
			continue;
		xml_attr(n, names[i], v);
		q = arena_printf(r->arena, "%s%s%s=%s", q, *q ? "&" : "",
		    names[i], v);
	}
	for (i = 0; billing_invoice_statuses[i] != NULL; i++) {
		o = xml_text(n, "status", billing_invoice_statuses[i]);
		v = kv_get(&r->query, "status");
		if (v != NULL && !strcmp(v, billing_invoice_statuses[i]))
			xml_attr(o, "selected", "yes");
	}
	return q;
}

/* from and to of the query, or the widest dates; 400 when from > to. */
static int
period(struct req *r, const char **from, const char **to,
    const char *dfrom, const char *dto)
{
	*from = kv_get(&r->query, "from");
	*to = kv_get(&r->query, "to");
	if (*from == NULL || **from == '\0')
		*from = dfrom;
	if (*to == NULL || **to == '\0')
		*to = dto;
	if (strcmp(*from, *to) > 0)
		return req_fail(r, 400, "billing-period", NULL);
	return 0;
}

int
page_billing_invoices(struct req *r)
{
	struct billing	 c;
	struct cursor	 cur;
	struct dbarg	 a[10];
	const char	*status = kv_get(&r->query, "status"), *from, *to, *q;
	size_t		 i, n = 0;
	xmlNodePtr	 pg, list;
	int		 st, e;

	if ((st = billing_open(r, BILLING_MONEY, &c)) != 0)
		return st;
	if ((st = period(r, &from, &to, DAY_FIRST, DAY_LAST)) != 0 ||
	    (st = cursor_read(r, &cur, DAY_LAST, IV_ISSUED, IV_ID)) != 0)
		return st;
	a[n++] = DBI(c.account_id);
	a[n++] = DBI(c.staff);
	if (status != NULL && *status != '\0')
		a[n++] = DBS(status);
	a[n++] = DBS(from);
	a[n++] = DBS(to);
	n += cursor_args(&cur, a + n);
	if ((e = cursor_query(&cur, n == 9 ? q_invoices_status : q_invoices,
	    n, a)) != DB_OK)
		return HTTP_DB(e);
	if (cur.shown == 0 && cur.given) {
		dbres_free(cur.res);
		return 404;
	}
	pg = billing_page(r, "billing-invoices", &c);
	q = invoice_filters(r, pg);
	list = xml_elem(pg, "invoices");
	/* The export of the same period; none given: the export's own. */
	xml_attr(list, "export", billing_link(r, &c, arena_printf(r->arena,
	    "/billing/export?kind=invoices%s%s%s%s", strcmp(from, DAY_FIRST) ?
	    "&from=" : "", strcmp(from, DAY_FIRST) ? from : "",
	    strcmp(to, DAY_LAST) ? "&to=" : "", strcmp(to, DAY_LAST) ? to : "")));
	for (i = 0; i < cur.shown; i++)
		invoice_row_xml(r, list, &c, cur.res, cursor_row(&cur, i));
	cursor_paging_xml(r, pg, &c, *q ? arena_printf(r->arena,
	    "/billing/invoices?%s", q) : "/billing/invoices", &cur);
	dbres_free(cur.res);
	return 200;
}

/* s percent-encoded for a URL's query, in r's arena. */
static const char *
url_encode(struct req *r, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	char			*out = arena_alloc(r->arena, strlen(s) * 3 + 1);
	char			*o = out;

	for (; *s; s++) {
		unsigned char	ch = (unsigned char)*s;

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-_.~", ch)) {
			*o++ = (char)ch;
			continue;
		}
		*o++ = '%';
		*o++ = hex[ch >> 4];
		*o++ = hex[ch & 15];
	}
	*o = '\0';
	return out;
}

/*
 * The provider's payment page for an invoice, from billing_pay_url with
 * {number}, {amount}, {currency} and {account} replaced; NULL when none
 * is configured or it is not an http(s) address.
 */
static const char *
pay_url(struct req *r, const struct billing *c, const char *number,
    const char *amount, const char *currency)
{
	static const char *const keys[] = { "{number}", "{amount}",
	    "{currency}", "{account}" };
	const char	*t = conf->billing_pay_url, *val[4];
	struct buf	 b = { NULL, 0, 0 };
	const char	*out;
	size_t		 k;

	if (t == NULL || (strncmp(t, "https://", 8) && strncmp(t, "http://",
	    7)))
		return NULL;
	val[0] = number;
	val[1] = amount;
	val[2] = currency;
	val[3] = c->number;
	while (*t != '\0') {
		for (k = 0; k < 4; k++)
			if (!strncmp(t, keys[k], strlen(keys[k])))
				break;
		if (k < 4) {
			buf_adds(&b, url_encode(r, val[k]));
			t += strlen(keys[k]);
		} else
			buf_add(&b, t++, 1);
	}
	out = arena_strndup(r->arena, b.p, b.len);
	buf_free(&b);
	return out;
}

struct invoice {
	struct dbres	*inv, *lines, *pays;
};

static void
invoice_free(struct invoice *iv)
{
	dbres_free(iv->inv);
	dbres_free(iv->lines);
	dbres_free(iv->pays);
}

/* The invoice of number in c's account with its lines and payments;
 * 404 when the account has none of that number. */
static int
invoice_read(struct req *r, const struct billing *c, const char *number,
    struct invoice *iv)
{
	struct dbarg	a[3];
	int		e;

	memset(iv, 0, sizeof(*iv));
	a[0] = DBS(number);
	a[1] = DBI(c->account_id);
	a[2] = DBI(c->staff);
	if ((e = db_query(&q_invoice, &iv->inv, 3, a)) != DB_OK)
		return HTTP_DB(e);
	if (iv->inv->nrows != 1) {
		invoice_free(iv);
		return 404;
	}
	a[0] = DBS(dbres_get(iv->inv, 0, IV_ID));
	if ((e = db_query(&q_invoice_lines, &iv->lines, 1, a)) != DB_OK ||
	    (e = db_query(&q_invoice_payments, &iv->pays, 1, a)) != DB_OK) {
		invoice_free(iv);
		return HTTP_DB(e);
	}
	return 0;
}

static bool
invoice_open(const struct dbres *inv)
{
	const char	*s = dbres_get(inv, 0, IV_STATUS);

	return !strcmp(s, "unpaid") || !strcmp(s, "partially-paid") ||
	    !strcmp(s, "overdue");
}

static const char *
invoice_balance(struct req *r, const struct dbres *inv)
{
	return arena_printf(r->arena, "%lld",
	    strtoll(dbres_get(inv, 0, IV_TOTAL), NULL, 10) -
	    strtoll(dbres_get(inv, 0, IV_PAID), NULL, 10));
}

int
page_billing_invoice(struct req *r)
{
	struct billing	 c;
	struct invoice	 iv;
	xmlNodePtr	 pg, n, l, list;
	const char	*cur, *pay, *bal;
	size_t		 i;
	int		 st;

	if ((st = billing_open(r, BILLING_MONEY, &c)) != 0)
		return st;
	if ((st = invoice_read(r, &c, r->args[0], &iv)) != 0)
		return st;
	cur = dbres_get(iv.inv, 0, IV_CURRENCY);
	bal = invoice_balance(r, iv.inv);
	pg = billing_page(r, "billing-invoice", &c);
	n = xml_elem(pg, "invoice");
	xml_attr(n, "number", dbres_get(iv.inv, 0, IV_NUMBER));
	xml_attr(n, "issued", dbres_get(iv.inv, 0, IV_ISSUED));
	xml_attr(n, "due", dbres_get(iv.inv, 0, IV_DUE));
	xml_attr(n, "status", dbres_get(iv.inv, 0, IV_STATUS));
	xml_attr(n, "currency", cur);
	xml_attr(n, "pdf", billing_link(r, &c, arena_printf(r->arena,
	    "/billing/invoices/%s/pdf", dbres_get(iv.inv, 0, IV_NUMBER))));
	if (invoice_open(iv.inv) && strtoll(bal, NULL, 10) > 0 &&
	    (pay = pay_url(r, &c, dbres_get(iv.inv, 0, IV_NUMBER),
	    money_decimal(r->arena, strtoll(bal, NULL, 10), cur), cur)) != NULL)
		xml_attr(n, "pay", pay);
	l = xml_elem(n, "provider");
	xml_text(l, "name", *conf->billing_provider_name ?
	    conf->billing_provider_name : conf->site_name);
	xml_text(l, "address", conf->billing_provider_address);
	l = xml_elem(n, "bill-to");
	xml_text(l, "name", c.company);
	xml_text(l, "address", c.address);
	xml_text(l, "tax-id", c.tax_id);
	list = xml_elem(n, "lines");
	for (i = 0; i < iv.lines->nrows; i++) {
		l = xml_elem(list, "line");
		xml_attr(l, "quantity", billing_quantity(r, dbres_get(iv.lines, i,
		    IL_QUANTITY)));
		xml_attr(l, "tax-rate", billing_rate(r, dbres_get(iv.lines, i,
		    IL_RATE)));
		xml_text(l, "description", dbres_get(iv.lines, i,
		    IL_DESCRIPTION));
		billing_amount_xml(r, l, "unit", dbres_get(iv.lines, i,
		    IL_UNIT), cur);
		billing_amount_xml(r, l, "net", dbres_get(iv.lines, i, IL_NET),
		    cur);
		billing_amount_xml(r, l, "tax", dbres_get(iv.lines, i, IL_TAX),
		    cur);
	}
	billing_amount_xml(r, n, "subtotal", dbres_get(iv.inv, 0,
	    IV_SUBTOTAL), cur);
	billing_amount_xml(r, n, "tax", dbres_get(iv.inv, 0, IV_TAX), cur);
	billing_amount_xml(r, n, "total", dbres_get(iv.inv, 0, IV_TOTAL), cur);
	billing_amount_xml(r, n, "paid", dbres_get(iv.inv, 0, IV_PAID), cur);
	billing_amount_xml(r, n, "balance", bal, cur);
	list = xml_elem(n, "payments");
	for (i = 0; i < iv.pays->nrows; i++) {
		l = xml_elem(list, "payment");
		xml_attr(l, "date", dbres_get(iv.pays, i, IP_PAID_ON));
		xml_text(l, "method", dbres_get(iv.pays, i, IP_METHOD));
		xml_text(l, "reference", dbres_get(iv.pays, i, IP_REFERENCE));
		billing_amount_xml(r, l, "amount", dbres_get(iv.pays, i,
		    IP_AMOUNT), cur);
	}
	invoice_free(&iv);
	return 200;
}

/* A catalog's message in the viewer's language. */
static const char *
t(struct req *r, const char *key)
{
	const char	*s = i18n_get(r->cat, key);

	return s ? s : key;
}

/* s (a day, a quantity, a rate) in the viewer's digits, as p:digits()
 * writes it on the page. */
static const char *
digits(struct req *r, const char *s)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*out;

	i18n_digits(r->cat, s, &b);
	out = arena_strdup(r->arena, b.p ? b.p : "");
	buf_free(&b);
	return out;
}

/* label, value pairs of an invoice's dates, status and balances. */
static void
pdf_pairs_fill(struct req *r, const struct dbres *inv, const char *bal,
    const char **meta, const char **tot)
{
	const char	*cur = dbres_get(inv, 0, IV_CURRENCY);

	meta[0] = t(r, "billing.issued");
	meta[1] = digits(r, dbres_get(inv, 0, IV_ISSUED));
	meta[2] = t(r, "billing.due-on");
	meta[3] = digits(r, dbres_get(inv, 0, IV_DUE));
	meta[4] = t(r, "billing.status");
	meta[5] = t(r, arena_printf(r->arena, "billing.status.%s",
	    dbres_get(inv, 0, IV_STATUS)));
	tot[0] = t(r, "billing.subtotal");
	tot[1] = billing_amount(r, dbres_get(inv, 0, IV_SUBTOTAL), cur);
	tot[2] = t(r, "billing.tax");
	tot[3] = billing_amount(r, dbres_get(inv, 0, IV_TAX), cur);
	tot[4] = t(r, "billing.total");
	tot[5] = billing_amount(r, dbres_get(inv, 0, IV_TOTAL), cur);
	tot[6] = t(r, "billing.paid");
	tot[7] = billing_amount(r, dbres_get(inv, 0, IV_PAID), cur);
	tot[8] = t(r, "billing.balance");
	tot[9] = billing_amount(r, bal, cur);
}

int
page_billing_invoice_pdf(struct req *r)
{
	struct billing	  c;
	struct invoice	  iv;
	struct pdf_invoice p;
	struct pdf_line	 *lines;
	struct buf	  out = { NULL, 0, 0 };
	const char	 *meta[6], *tot[10], *cur, *number;
	size_t		  i;
	int		  st;

	if ((st = billing_open(r, BILLING_MONEY, &c)) != 0)
		return st;
	if ((st = invoice_read(r, &c, r->args[0], &iv)) != 0)
		return st;
	memset(&p, 0, sizeof(p));
	cur = dbres_get(iv.inv, 0, IV_CURRENCY);
	number = arena_strdup(r->arena, dbres_get(iv.inv, 0, IV_NUMBER));
	pdf_pairs_fill(r, iv.inv, invoice_balance(r, iv.inv), meta, tot);
	p.rtl = r->cat->rtl;
	p.provider = *conf->billing_provider_name ?
	    conf->billing_provider_name : conf->site_name;
	p.provider_address = conf->billing_provider_address;
	p.logo = conf->billing_provider_logo;
	p.title = arena_printf(r->arena, "%s %s", t(r, "billing.invoice"),
	    number);
	p.meta = meta;
	p.nmeta = 6;
	p.bill_to_label = t(r, "billing.bill-to");
	p.bill_to = arena_printf(r->arena, "%s\n%s%s%s", c.company, c.address,
	    *c.tax_id ? "\n" : "", c.tax_id);
	p.head[0] = t(r, "billing.description");
	p.head[1] = t(r, "billing.quantity");
	p.head[2] = t(r, "billing.unit-price");
	p.head[3] = t(r, "billing.tax-rate");
	p.head[4] = t(r, "billing.net");
	lines = arena_alloc(r->arena, (iv.lines->nrows + 1) * sizeof(*lines));
	for (i = 0; i < iv.lines->nrows; i++) {
		lines[i].cell[0] = dbres_get(iv.lines, i, IL_DESCRIPTION);
		lines[i].cell[1] = digits(r, billing_quantity(r,
		    dbres_get(iv.lines, i, IL_QUANTITY)));
		lines[i].cell[2] = billing_amount(r, dbres_get(iv.lines, i,
		    IL_UNIT), cur);
		lines[i].cell[3] = arena_printf(r->arena, "%s %%", digits(r,
		    billing_rate(r, dbres_get(iv.lines, i, IL_RATE))));
		lines[i].cell[4] = billing_amount(r, dbres_get(iv.lines, i,
		    IL_NET), cur);
	}
	p.lines = lines;
	p.nlines = iv.lines->nrows;
	p.totals = tot;
	p.ntotals = 10;
	p.footer = t(r, "billing.pdf-footer");
	if (pdf_invoice_apart(&p, &out) != 0) {
		buf_free(&out);
		invoice_free(&iv);
		return 500;
	}
	r->body_out = arena_strndup(r->arena, out.p, out.len);
	r->body_out_len = out.len;
	r->ctype_out = "application/pdf";
	req_header(r, "Content-Disposition", arena_printf(r->arena,
	    "inline; filename=\"invoice-%s.pdf\"", number));
	buf_free(&out);
	invoice_free(&iv);
	return 200;
}

/* The export's CSV of invoices (or payments) of the period, onto b. */
static int
export_rows(struct req *r, const struct billing *c, bool invoices,
    const char *from, const char *to, struct buf *b)
{
	static const char *const ih[] = { "number", "issued_on", "due_on",
	    "status", "currency", "subtotal", "tax", "total", "paid" };
	static const char *const ph[] = { "paid_on", "method", "reference",
	    "currency", "amount", "invoices" };
	struct dbres	*res;
	struct dbarg	 a[4];
	size_t		 i, k, n = 1, ncols = invoices ? 9 : 6;
	const char	*cur;
	int		 e;

	a[0] = DBI(c->account_id);
	if (invoices)
		a[n++] = DBI(c->staff);
	a[n++] = DBS(from);
	a[n++] = DBS(to);
	if ((e = db_query(invoices ? &q_export_invoices : &q_export_payments,
	    &res, n, a)) != DB_OK)
		return HTTP_DB(e);
	for (k = 0; k < ncols; k++)
		csv_cell(b, k ? ',' : '\0', invoices ? ih[k] : ph[k]);
	buf_adds(b, "\r\n");
	for (i = 0; i < res->nrows; i++) {
		cur = dbres_get(res, i, invoices ? XI_CURRENCY : XP_CURRENCY);
		for (k = 0; k < ncols; k++) {
			const char *v = dbres_get(res, i, k);

			/* Amounts as exact decimals of their currency. */
			if ((invoices && k >= XI_SUBTOTAL) ||
			    (!invoices && k == XP_AMOUNT))
				v = money_decimal(r->arena, strtoll(v, NULL,
				    10), cur);
			csv_cell(b, k ? ',' : '\0', v);
		}
		buf_adds(b, "\r\n");
	}
	dbres_free(res);
	return 0;
}

/*
 * GET /billing/export?kind=invoices|payments&from=&to=: the CSV of the
 * period (this year when no dates are given), RFC 4180, UTF-8.
 */
int
page_billing_export(struct req *r)
{
	struct billing	 c;
	struct buf	 b = { NULL, 0, 0 };
	const char	*kind = kv_get(&r->query, "kind"), *from, *to;
	char		 y0[32], y1[32];
	time_t		 now = time(NULL);
	struct tm	 tm;
	int		 st;

	if ((st = billing_open(r, BILLING_MONEY, &c)) != 0)
		return st;
	gmtime_r(&now, &tm);
	snprintf(y0, sizeof(y0), "%04d-01-01", tm.tm_year + 1900);
	snprintf(y1, sizeof(y1), "%04d-12-31", tm.tm_year + 1900);
	if (kind == NULL)
		kind = "invoices";
	if ((st = period(r, &from, &to, y0, y1)) != 0)
		return st;
	if ((st = export_rows(r, &c, !strcmp(kind, "invoices"), from, to,
	    &b)) != 0)
		return st;
	r->body_out = arena_strndup(r->arena, b.p ? b.p : "", b.len);
	r->body_out_len = b.len;
	r->ctype_out = "text/csv; charset=utf-8";
	req_header(r, "Content-Disposition", arena_printf(r->arena,
	    "attachment; filename=\"%s-%s-%s-%s.csv\"", kind, c.number, from,
	    to));
	buf_free(&b);
	return 200;
}

int
page_billing_payments(struct req *r)
{
	struct billing	 c;
	struct cursor	 cur;
	struct dbarg	 a[5];
	size_t		 k, i;
	xmlNodePtr	 pg, list, n, inv;
	char		*nums, *tok, *save;
	int		 st, e;

	if ((st = billing_open(r, BILLING_MONEY, &c)) != 0)
		return st;
	if ((st = cursor_read(r, &cur, DAY_LAST, PM_PAID_ON, PM_ID)) != 0)
		return st;
	a[0] = DBI(c.account_id);
	if ((e = cursor_query(&cur, q_payments, 1 + cursor_args(&cur, a + 1),
	    a)) != DB_OK)
		return HTTP_DB(e);
	if (cur.shown == 0 && cur.given) {
		dbres_free(cur.res);
		return 404;
	}
	pg = billing_page(r, "billing-payments", &c);
	list = xml_elem(pg, "payments");
	xml_attr(list, "export", billing_link(r, &c,
	    "/billing/export?kind=payments"));
	for (k = 0; k < cur.shown; k++) {
		i = cursor_row(&cur, k);
		n = xml_elem(list, "payment");
		xml_attr(n, "date", dbres_get(cur.res, i, PM_PAID_ON));
		xml_text(n, "method", dbres_get(cur.res, i, PM_METHOD));
		xml_text(n, "reference", dbres_get(cur.res, i, PM_REFERENCE));
		billing_amount_xml(r, n, "amount", dbres_get(cur.res, i,
		    PM_AMOUNT), dbres_get(cur.res, i, PM_CURRENCY));
		if (*dbres_get(cur.res, i, PM_INVOICES) == '\0')
			continue;
		nums = arena_strdup(r->arena, dbres_get(cur.res, i,
		    PM_INVOICES));
		for (tok = strtok_r(nums, " ", &save); tok != NULL;
		    tok = strtok_r(NULL, " ", &save)) {
			inv = xml_elem(n, "invoice");
			xml_attr(inv, "number", tok);
			xml_attr(inv, "url", billing_link(r, &c,
			    arena_printf(r->arena, "/billing/invoices/%s",
			    tok)));
		}
	}
	cursor_paging_xml(r, pg, &c, "/billing/payments", &cur);
	dbres_free(cur.res);
	return 200;
}

/* One entry of the credit ledger, row i of res, with its balance. */
static void
ledger_entry_xml(struct req *r, xmlNodePtr list, const struct billing *c,
    const struct dbres *res, size_t i, const char *balance)
{
	xmlNodePtr	n = xml_elem(list, "entry");

	xml_attr(n, "date", dbres_get(res, i, CL_ENTRY_ON));
	xml_attr(n, "kind", dbres_get(res, i, CL_KIND));
	if (*dbres_get(res, i, CL_INVOICE) != '\0') {
		xml_attr(n, "invoice", dbres_get(res, i, CL_INVOICE));
		xml_attr(n, "invoice-url", billing_link(r, c,
		    arena_printf(r->arena, "/billing/invoices/%s",
		    dbres_get(res, i, CL_INVOICE))));
	}
	xml_text(n, "description", dbres_get(res, i, CL_DESCRIPTION));
	billing_amount_xml(r, n, "amount", dbres_get(res, i, CL_AMOUNT),
	    dbres_get(res, i, CL_CURRENCY));
	billing_amount_xml(r, n, "balance", balance, dbres_get(res, i,
	    CL_CURRENCY));
}

/*
 * The balance after each entry shown (k-th newest first, in out[k],
 * from the arena): its currency's sum of the entries older than the
 * page (bal's CREDIT_OLDER), then each entry shown added, oldest first.
 * 0, or -1 when a sum leaves the range of int64_t.
 */
static int
ledger_balances(struct req *r, const struct cursor *cur,
    const struct dbres *bal, const char **out)
{
	int64_t	*run = arena_alloc(r->arena, (bal->nrows + 1) *
		    sizeof(*run));
	size_t	 i, j, k;

	for (j = 0; j < bal->nrows; j++)
		run[j] = strtoll(dbres_get(bal, j, CREDIT_OLDER), NULL, 10);
	for (k = cur->shown; k-- > 0; ) {
		i = cursor_row(cur, k);
		for (j = 0; j < bal->nrows && strcmp(dbres_get(bal, j,
		    CREDIT_CURRENCY), dbres_get(cur->res, i, CL_CURRENCY)); j++)
			;
		if (j == bal->nrows || money_add(run[j],
		    strtoll(dbres_get(cur->res, i, CL_AMOUNT), NULL, 10),
		    &run[j]) != 0)
			return -1;
		out[k] = arena_printf(r->arena, "%lld", (long long)run[j]);
	}
	return 0;
}

/*
 * The balances of the page's list read by cur: q_credit with the
 * oldest entry shown as its bound (none shown: any), into *bal (the
 * caller frees it).  DB_OK, or the error.
 */
static int
ledger_sums(const struct billing *c, const struct cursor *cur,
    struct dbres **bal)
{
	struct dbarg	 a[4];
	const char	*day = DAY_FIRST, *id = "0";
	size_t		 i;

	if (cur->shown > 0) {
		i = cursor_row(cur, cur->shown - 1);
		day = dbres_get(cur->res, i, CL_ENTRY_ON);
		id = dbres_get(cur->res, i, CL_ID);
	}
	a[0] = DBS(day);
	a[1] = DBS(day);
	a[2] = DBI((unsigned)strtoul(id, NULL, 10));
	a[3] = DBI(c->account_id);
	return db_query(&q_credit, bal, 4, a);
}

/* The ledger's page and the balances before it, read by credits_tx. */
struct credits_read {
	const struct billing	*c;
	struct cursor		*cur;
	struct dbres		*bal;
};

/*
 * The page's entries and the sums its running balances start from, in
 * one transaction: both read the same snapshot, so an entry imported
 * between them cannot count in one and not the other.
 */
static int
credits_tx(void *arg)
{
	struct credits_read	*x = arg;
	struct dbarg		 a[5];
	int			 e;

	dbres_free(x->cur->res);
	dbres_free(x->bal);
	x->cur->res = NULL;
	x->bal = NULL;
	a[0] = DBI(x->c->account_id);
	if ((e = cursor_query(x->cur, q_ledger, 1 + cursor_args(x->cur,
	    a + 1), a)) != DB_OK)
		return e;
	if (x->cur->shown == 0 && x->cur->given)
		return DB_OK;		/* no such place: 404 */
	return ledger_sums(x->c, x->cur, &x->bal);
}

int
page_billing_credits(struct req *r)
{
	struct billing		 c;
	struct cursor		 cur;
	struct credits_read	 x;
	struct dbres		*bal = NULL;
	const char		*run[PER_PAGE];
	size_t			 i;
	xmlNodePtr		 pg, list;
	int			 st, e;

	if ((st = billing_open(r, BILLING_MONEY, &c)) != 0)
		return st;
	if ((st = cursor_read(r, &cur, DAY_LAST, CL_ENTRY_ON,
	    CL_ID)) != 0)
		return st;
	x.c = &c;
	x.cur = &cur;
	x.bal = NULL;
	e = db_tx(credits_tx, &x);
	bal = x.bal;
	if (e != DB_OK) {
		st = HTTP_DB(e);
		goto out;
	}
	st = 404;
	if (cur.shown == 0 && cur.given)
		goto out;
	st = 500;
	if (ledger_balances(r, &cur, bal, run) != 0)
		goto out;
	pg = billing_page(r, "billing-credits", &c);
	list = xml_elem(pg, "balances");
	for (i = 0; i < bal->nrows; i++)
		billing_amount_xml(r, list, "credit", dbres_get(bal, i,
		    CREDIT_BALANCE), dbres_get(bal, i, CREDIT_CURRENCY));
	list = xml_elem(pg, "ledger");
	for (i = 0; i < cur.shown; i++)
		ledger_entry_xml(r, list, &c, cur.res, cursor_row(&cur, i),
		    run[i]);
	cursor_paging_xml(r, pg, &c, "/billing/credits", &cur);
	st = 200;
out:
	dbres_free(bal);
	dbres_free(cur.res);
	return st;
}

int
page_billing_services(struct req *r)
{
	struct billing	 c;
	struct dbres	*res;
	struct dbarg	 a[3];
	size_t		 page = page_number(r), i;
	xmlNodePtr	 pg, list;
	int		 st, e;

	if ((st = billing_open(r, BILLING_SERVICES, &c)) != 0)
		return st;
	a[0] = DBI(c.account_id);
	a[1] = DBI(PER_PAGE + 1);
	a[2] = DBI((page - 1) * PER_PAGE);
	if ((e = db_query(&q_services, &res, 3, a)) != DB_OK)
		return HTTP_DB(e);
	if (res->nrows == 0 && page > 1) {
		dbres_free(res);
		return 404;
	}
	pg = billing_page(r, "billing-services", &c);
	list = xml_elem(pg, "services");
	for (i = 0; i < res->nrows && i < PER_PAGE; i++)
		service_xml(r, list, &c, res, i);
	paging_xml(r, pg, &c, "/billing/services", page,
	    res->nrows > PER_PAGE);
	dbres_free(res);
	return 200;
}

/* One service; with the invoices that billed it for who sees money. */
int
page_billing_service(struct req *r)
{
	struct billing	 c;
	struct dbres	*res, *inv;
	struct dbarg	 a[3];
	xmlNodePtr	 pg, list, n;
	size_t		 i;
	int		 st, e;

	if ((st = billing_open(r, BILLING_SERVICES, &c)) != 0)
		return st;
	a[0] = DBS(r->args[0]);
	a[1] = DBI(c.account_id);
	if ((e = db_query(&q_service, &res, 2, a)) != DB_OK)
		return HTTP_DB(e);
	if (res->nrows != 1) {
		dbres_free(res);
		return 404;
	}
	pg = billing_page(r, "billing-service", &c);
	service_xml(r, pg, &c, res, 0);
	dbres_free(res);
	if (!c.money)
		return 200;
	a[2] = DBI(c.staff);
	if ((e = db_query(&q_service_invoices, &inv, 3, a)) != DB_OK)
		return HTTP_DB(e);
	list = xml_elem(pg, "invoices");
	for (i = 0; i < inv->nrows; i++) {
		n = xml_elem(list, "invoice");
		xml_attr(n, "number", dbres_get(inv, i, SI_NUMBER));
		xml_attr(n, "url", billing_link(r, &c, arena_printf(r->arena,
		    "/billing/invoices/%s", dbres_get(inv, i, SI_NUMBER))));
		xml_attr(n, "issued", dbres_get(inv, i, SI_ISSUED));
		xml_attr(n, "status", dbres_get(inv, i, SI_STATUS));
		billing_amount_xml(r, n, "net", dbres_get(inv, i, SI_NET),
		    dbres_get(inv, i, SI_CURRENCY));
	}
	dbres_free(inv);
	return 200;
}

static void
order_xml(struct req *r, xmlNodePtr parent, const struct billing *c,
    const struct dbres *res, size_t i)
{
	xmlNodePtr	n = xml_elem(parent, "order");

	xml_attr(n, "number", dbres_get(res, i, OR_NUMBER));
	xml_attr(n, "url", billing_link(r, c, arena_printf(r->arena,
	    "/billing/orders/%s", dbres_get(res, i, OR_NUMBER))));
	xml_attr(n, "placed", dbres_get(res, i, OR_PLACED));
	xml_attr(n, "status", dbres_get(res, i, OR_STATUS));
	billing_amount_xml(r, n, "total", dbres_get(res, i, OR_TOTAL),
	    dbres_get(res, i, OR_CURRENCY));
}

int
page_billing_orders(struct req *r)
{
	struct billing	 c;
	struct cursor	 cur;
	struct dbarg	 a[5];
	size_t		 i;
	xmlNodePtr	 pg, list;
	int		 st, e;

	if ((st = billing_open(r, BILLING_MONEY, &c)) != 0)
		return st;
	if ((st = cursor_read(r, &cur, TIME_LAST, OR_PLACED, OR_ID)) != 0)
		return st;
	a[0] = DBI(c.account_id);
	if ((e = cursor_query(&cur, q_orders, 1 + cursor_args(&cur, a + 1),
	    a)) != DB_OK)
		return HTTP_DB(e);
	if (cur.shown == 0 && cur.given) {
		dbres_free(cur.res);
		return 404;
	}
	pg = billing_page(r, "billing-orders", &c);
	list = xml_elem(pg, "orders");
	for (i = 0; i < cur.shown; i++)
		order_xml(r, list, &c, cur.res, cursor_row(&cur, i));
	cursor_paging_xml(r, pg, &c, "/billing/orders", &cur);
	dbres_free(cur.res);
	return 200;
}

int
page_billing_order(struct req *r)
{
	struct billing	 c;
	struct dbres	*res, *lines;
	struct dbarg	 a[2];
	xmlNodePtr	 pg, n, list, l;
	const char	*cur;
	size_t		 i;
	int		 st, e;

	if ((st = billing_open(r, BILLING_MONEY, &c)) != 0)
		return st;
	a[0] = DBS(r->args[0]);
	a[1] = DBI(c.account_id);
	if ((e = db_query(&q_order, &res, 2, a)) != DB_OK)
		return HTTP_DB(e);
	if (res->nrows != 1) {
		dbres_free(res);
		return 404;
	}
	a[0] = DBI(c.account_id);
	a[1] = DBS(dbres_get(res, 0, OR_ID));
	if ((e = db_query(&q_order_lines, &lines, 2, a)) != DB_OK) {
		dbres_free(res);
		return HTTP_DB(e);
	}
	pg = billing_page(r, "billing-order", &c);
	order_xml(r, pg, &c, res, 0);
	n = pg->last;
	cur = dbres_get(res, 0, OR_CURRENCY);
	list = xml_elem(n, "lines");
	for (i = 0; i < lines->nrows; i++) {
		l = xml_elem(list, "line");
		xml_attr(l, "quantity", billing_quantity(r, dbres_get(lines, i,
		    OL_QUANTITY)));
		if (*dbres_get(lines, i, OL_SERVICE_ID) != '\0')
			xml_attr(l, "service-url", billing_link(r, &c,
			    arena_printf(r->arena, "/billing/services/%s",
			    dbres_get(lines, i, OL_SERVICE_ID))));
		xml_text(l, "description", dbres_get(lines, i, OL_DESCRIPTION));
		if (*dbres_get(lines, i, OL_SERVICE_LABEL) != '\0')
			xml_text(l, "service", dbres_get(lines, i,
			    OL_SERVICE_LABEL));
		billing_amount_xml(r, l, "unit", dbres_get(lines, i, OL_UNIT),
		    cur);
		billing_amount_xml(r, l, "amount", dbres_get(lines, i,
		    OL_AMOUNT), cur);
	}
	dbres_free(res);
	dbres_free(lines);
	return 200;
}

/*
 * The dashboard's billing card of account c (billing_account()), for who
 * sees its money: what is due per currency and the open quotes.  One
 * statement; nothing for anyone else.
 */
int
billing_card(struct req *r, xmlNodePtr pg, const struct billing *c)
{
	struct dbres	*sum;
	xmlNodePtr	 n, b;
	size_t		 i;
	int		 e;

	/* A technical contact never sees money here, staff or not. */
	if (!c->money || !strcmp(r->user->account_role, "technical"))
		return 0;
	if ((sum = summary_read(c, &e)) == NULL)
		return HTTP_DB(e);
	n = xml_elem(pg, "billing-card");
	xml_attr(n, "open-quotes", open_quotes(sum));
	for (i = 0; i < sum->nrows; i++) {
		if (strcmp(dbres_get(sum, i, SUM_KIND), "due"))
			continue;
		b = billing_amount_xml(r, n, "due", dbres_get(sum, i,
		    SUM_AMOUNT), dbres_get(sum, i, SUM_CURRENCY));
		if (strtoll(dbres_get(sum, i, SUM_OVERDUE), NULL, 10) > 0)
			xml_attr(b, "overdue", "yes");
	}
	dbres_free(sum);
	return 0;
}
