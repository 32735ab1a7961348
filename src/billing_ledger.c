/*
 * The billing figures derived on write, and what staff record by hand.
 *
 * An invoice's subtotal, tax and total are the sums of its lines; its
 * paid amount is the sum of the payment allocations to it; and its
 * status follows from them unless the billing system set one Portico
 * does not derive (draft, cancelled, refunded): all paid is "paid";
 * not all paid and past its due date (a day in billing_time_zone, the
 * provider's) "overdue", as is one the billing system sent as overdue;
 * otherwise some paid "partially-paid", none "unpaid".
 * ledger_invoice_settle() computes all of it in one statement, inside
 * the caller's transaction, whenever lines or allocations change, and
 * ledger_overdue_tick() (portico-admin billing-tick, every few minutes)
 * marks the open invoices whose due date has passed since: pages only
 * read, and the status filter is an index lookup.
 *
 * Staff record a payment (optionally allocated to one invoice) or a
 * credit ledger entry without an ext_id and with recorded_by; an admin
 * sets or clears the credit limit.  The callers audit.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

/*
 * MariaDB assigns a single-table UPDATE's columns left to right, each
 * seeing the ones before: total from the new subtotal and tax, the
 * status from the new paid and total.
 */
static struct dbstmt q_settle = DBSTMT(
    "UPDATE invoices i SET "
    "subtotal_minor = (SELECT COALESCE(SUM(l.net_minor), 0) "
    "FROM invoice_lines l WHERE l.invoice_id = i.id), "
    "tax_minor = (SELECT COALESCE(SUM(l.tax_minor), 0) "
    "FROM invoice_lines l WHERE l.invoice_id = i.id), "
    "total_minor = subtotal_minor + tax_minor, "
    "paid_minor = (SELECT COALESCE(SUM(a.amount_minor), 0) "
    "FROM payment_allocations a WHERE a.invoice_id = i.id), "
    "status = CASE WHEN status IN ('draft', 'cancelled', 'refunded') "
    "THEN status WHEN paid_minor >= total_minor AND total_minor > 0 "
    "THEN 'paid' WHEN status = 'overdue' OR due_on < ? THEN 'overdue' "
    "WHEN paid_minor > 0 THEN 'partially-paid' ELSE 'unpaid' END "
    "WHERE i.id = ?");
/* The open invoices past due, a batch at a time (invoices_overdue). */
#define OVERDUE_BATCH	500
static struct dbstmt q_overdue = DBSTMT(
    "UPDATE invoices SET status = 'overdue' "
    "WHERE status IN ('unpaid', 'partially-paid') AND due_on < ? "
    "LIMIT 500");	/* OVERDUE_BATCH */
static struct dbstmt q_payment_add = DBSTMT(
    "INSERT INTO payments (ext_id, account_id, paid_on, method, reference, "
    "amount_minor, currency, recorded_by, updated_at) "
    "VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, NOW())");
/* The invoice a payment pays, locked: the account's, open, its due. */
enum { LOCK_CURRENCY, LOCK_DUE, LOCK__MAX };
static struct dbstmt q_invoice_lock = DBSTMT_COLS(
    "SELECT currency, total_minor - paid_minor FROM invoices WHERE id = ? "
    "AND account_id = ? AND status IN ('unpaid', 'partially-paid', "
    "'overdue') FOR UPDATE", LOCK__MAX);
static struct dbstmt q_allocate = DBSTMT(
    "INSERT INTO payment_allocations (payment_id, invoice_id, amount_minor) "
    "VALUES (?, ?, ?)");
static struct dbstmt q_credit_add = DBSTMT(
    "INSERT INTO credit_ledger (ext_id, account_id, entry_on, kind, "
    "description, amount_minor, currency, recorded_by, updated_at) "
    "VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, NOW())");
static struct dbstmt q_limit = DBSTMT(
    "UPDATE accounts SET credit_limit_minor = ?, credit_limit_currency = ? "
    "WHERE id = ?");

/* n decimal digits at s as a number, or -1. */
int
billing_digits(const char *s, size_t n)
{
	int	v = 0;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* YYYY-MM-DD, a real day of the years 1900-2199. */
bool
billing_day_valid(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	y = billing_digits(s, 4);
	m = billing_digits(s + 5, 2);
	d = billing_digits(s + 8, 2);
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return false;
	return true;
}

/* Today in the provider's zone into day; DB_ERROR when ICU refuses.
 * Invoices fall due and quotes run out by it; bound as a value, it
 * also leaves the statements that use it to the query cache. */
int
billing_today(char day[11])
{
	if (sla_today(conf->billing_time_zone, day) == -1) {
		log_warnx("billing_time_zone %s: no date",
		    conf->billing_time_zone);
		return DB_ERROR;
	}
	return DB_OK;
}

int
ledger_invoice_settle(unsigned invoice_id)
{
	char		today[11];
	struct dbarg	a[2] = { DBS(today), DBI(invoice_id) };
	int		e;

	if ((e = billing_today(today)) != DB_OK)
		return e;
	return db_exec(&q_settle, NULL, NULL, 2, a);
}

/*
 * Mark "overdue" every unpaid or partly paid invoice whose due date is
 * before today in billing_time_zone; *n the number marked.  Batches of
 * 500 rows, each its own statement (a conditional update: ticks on
 * several hosts at once mark each invoice once).  DB_OK or the error.
 */
int
ledger_overdue_tick(uint64_t *n)
{
	char		today[11];
	struct dbarg	a[1] = { DBS(today) };
	uint64_t	done;
	int		e;

	*n = 0;
	if ((e = billing_today(today)) != DB_OK)
		return e;
	do {
		if ((e = db_exec(&q_overdue, &done, NULL, 1, a)) != DB_OK)
			return e;
		*n += done;
	} while (done == OVERDUE_BATCH);
	return DB_OK;
}

struct payment_tx {
	unsigned	 account_id, staff_id, invoice_id;
	const char	*date, *method, *reference, *currency;
	int64_t		 amount;
	uint64_t	 id;
};

/*
 * Lock the invoice p pays and check, under the lock, that it is the
 * account's, open, in the payment's currency and owes at least the
 * amount: two payments recorded at once (a double click) wait here,
 * and the second finds what the first left.  LEDGER_EINVOICE if not.
 */
static int
payment_invoice_lock(const struct payment_tx *p)
{
	struct dbres	*res;
	struct dbarg	 a[2];
	bool		 ok;
	int		 e;

	a[0] = DBI(p->invoice_id);
	a[1] = DBI(p->account_id);
	if ((e = db_query(&q_invoice_lock, &res, 2, a)) != DB_OK)
		return e;
	ok = res->nrows == 1 && !strcmp(dbres_get(res, 0, LOCK_CURRENCY),
	    p->currency) && strtoll(dbres_get(res, 0, LOCK_DUE), NULL, 10) >=
	    p->amount;
	dbres_free(res);
	return ok ? DB_OK : LEDGER_EINVOICE;
}

static int
payment_tx(void *arg)
{
	struct payment_tx	*p = arg;
	struct dbarg		 a[7];
	int			 e;

	if (p->invoice_id != 0 && (e = payment_invoice_lock(p)) != DB_OK)
		return e;
	a[0] = DBI(p->account_id);
	a[1] = DBS(p->date);
	a[2] = DBS(p->method);
	a[3] = DBS(p->reference);
	a[4] = DBI(p->amount);
	a[5] = DBS(p->currency);
	a[6] = DBI(p->staff_id);
	if ((e = db_exec(&q_payment_add, NULL, &p->id, 7, a)) != DB_OK)
		return e;
	if (p->invoice_id == 0)
		return DB_OK;
	a[0] = DBI(p->id);
	a[1] = DBI(p->invoice_id);
	a[2] = DBI(p->amount);
	if ((e = db_exec(&q_allocate, NULL, NULL, 3, a)) != DB_OK)
		return e;
	return ledger_invoice_settle(p->invoice_id);
}

/*
 * A payment of amount (minor units of currency, > 0) staff_id received
 * for account_id on date (YYYY-MM-DD), allocated whole to invoice_id
 * unless 0: one transaction, which first locks the invoice and checks
 * it is the account's, open, in the currency and not overpaid by it
 * (LEDGER_EINVOICE, nothing recorded, if not).  *id the payment's.
 */
int
ledger_payment_record(unsigned account_id, unsigned staff_id,
    unsigned invoice_id, const char *date, const char *method, const char *reference,
    int64_t amount, const char *currency, uint64_t *id)
{
	struct payment_tx	p;
	int			e;

	memset(&p, 0, sizeof(p));
	p.account_id = account_id;
	p.staff_id = staff_id;
	p.date = date;
	p.method = method;
	p.reference = reference;
	p.amount = amount;
	p.currency = currency;
	p.invoice_id = invoice_id;
	e = db_tx(payment_tx, &p);
	*id = p.id;
	return e;
}

/*
 * A credit ledger entry of kind (credit-note, refund, adjustment) for
 * account_id: amount positive when the customer is owed.  *id its id.
 */
int
ledger_credit_record(unsigned account_id, unsigned staff_id,
    const char *date, const char *kind, const char *description,
    int64_t amount, const char *currency, uint64_t *id)
{
	struct dbarg	a[7];

	a[0] = DBI(account_id);
	a[1] = DBS(date);
	a[2] = DBS(kind);
	a[3] = DBS(description);
	a[4] = DBI(amount);
	a[5] = DBS(currency);
	a[6] = DBI(staff_id);
	return db_exec(&q_credit_add, NULL, id, 7, a);
}

/* Set account_id's credit limit (amount of currency), or clear it. */
int
ledger_credit_limit_set(unsigned account_id, bool set, int64_t amount,
    const char *currency)
{
	struct dbarg	a[3];

	a[0] = set ? DBI(amount) : DBNULL;
	a[1] = set ? DBS(currency) : DBNULL;
	a[2] = DBI(account_id);
	return db_exec(&q_limit, NULL, NULL, 3, a);
}
