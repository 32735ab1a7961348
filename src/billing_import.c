/*
 * portico-admin billing-import FILE...  and  billing-import --from-staging
 *
 * Loads the billing history the provider's billing system exports:
 * services, orders and their lines, invoices and their lines, payments
 * and their allocations to invoices, credit ledger entries, quotes and
 * their lines (the format, field by field: README.md, "Billing import
 * format").  Every record is keyed by the billing system's own id
 * (ext_id), so importing the same file again changes nothing, and a
 * changed record updates its row and keeps the old one in
 * billing_history.  The lines of an invoice (order, quote) in a file
 * replace its lines; the allocations of a payment replace its
 * allocations.
 *
 * One transaction per file (or per staging run): every row is checked,
 * each bad one is reported as FILE:LINE: reason, and a file with any
 * bad row is rolled back whole.  The figures Portico derives (totals,
 * paid amounts, statuses, a quote's version) are computed here, on
 * write, by billing_ledger.c's rules.
 *
 * Exit status: 0 all applied, 1 some input refused (nothing of it
 * applied), 2 usage, 3 an unreadable file or a database failure.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "portico.h"

#define MAX_FILE	(256 * 1024 * 1024)

/* The rows of the schema a record becomes (billing_history.entity). */
enum entity { EN_SERVICE, EN_ORDER, EN_INVOICE, EN_QUOTE, EN_PAYMENT,
    EN_CREDIT, EN__MAX };
static const char *const entities[EN__MAX] = { "service", "order",
    "invoice", "quote", "payment", "credit" };
_Static_assert((int)EN_CREDIT == (int)BT_CREDIT && (int)EN_QUOTE ==
    (int)BT_QUOTE, "an entity is the record type of the same number");

/* ---- statements ---------------------------------------------------- */

enum { ACCT_ID, ACCT__MAX };
static struct dbstmt q_account = DBSTMT_COLS(
    "SELECT id FROM accounts WHERE number = ?", ACCT__MAX);

/* A row by its ext_id: the same three columns for every entity. */
enum { LOOK_ID, LOOK_ACCOUNT, LOOK_CURRENCY, LOOK__MAX };
static struct dbstmt q_look[EN__MAX] = {
	DBSTMT_COLS("SELECT id, account_id, currency FROM services "
	    "WHERE ext_id = ? FOR UPDATE", LOOK__MAX),
	DBSTMT_COLS("SELECT id, account_id, currency FROM orders "
	    "WHERE ext_id = ? FOR UPDATE", LOOK__MAX),
	DBSTMT_COLS("SELECT id, account_id, currency FROM invoices "
	    "WHERE ext_id = ? FOR UPDATE", LOOK__MAX),
	DBSTMT_COLS("SELECT id, account_id, currency FROM quotes "
	    "WHERE ext_id = ? FOR UPDATE", LOOK__MAX),
	DBSTMT_COLS("SELECT id, account_id, currency FROM payments "
	    "WHERE ext_id = ? FOR UPDATE", LOOK__MAX),
	DBSTMT_COLS("SELECT id, account_id, currency FROM credit_ledger "
	    "WHERE ext_id = ? FOR UPDATE", LOOK__MAX),
};

/*
 * A row as JSON, lines and allocations included: what billing_history
 * keeps, and what tells a changed record from an unchanged one.  Only
 * what the billing system says and what is derived from it; not
 * updated_at, and not a quote's version or the customer's decision.
 */
#define LINES(t, key, cols) "'lines', JSON_EXTRACT(COALESCE((SELECT " \
	"JSON_ARRAYAGG(JSON_OBJECT(" cols ") ORDER BY line_no) FROM " t \
	" WHERE " key " = x.id), '[]'), '$')"
#define TAXED_LINE "'line_no', line_no, 'description', description, " \
	"'quantity_milli', quantity_milli, 'unit_minor', unit_minor, " \
	"'net_minor', net_minor, 'tax_rate_bp', tax_rate_bp, " \
	"'tax_minor', tax_minor"
enum { SNAP_JSON, SNAP__MAX };
static struct dbstmt q_snap[EN__MAX] = {
	DBSTMT_COLS("SELECT JSON_OBJECT('account_id', account_id, "
	    "'product', product, 'plan', plan, 'label', label, 'status', "
	    "status, 'started_on', started_on, 'next_due_on', next_due_on, "
	    "'price_minor', price_minor, 'currency', currency, 'cycle', cycle) "
	    "FROM services x WHERE id = ?", SNAP__MAX),
	DBSTMT_COLS("SELECT JSON_OBJECT('account_id', account_id, "
	    "'number', number, 'placed_at', placed_at, 'status', status, "
	    "'currency', currency, 'total_minor', total_minor, "
	    LINES("order_lines", "order_id", "'line_no', line_no, "
	    "'description', description, 'quantity_milli', quantity_milli, "
	    "'unit_minor', unit_minor, 'amount_minor', amount_minor, "
	    "'service_id', service_id") ") FROM orders x WHERE id = ?",
	    SNAP__MAX),
	DBSTMT_COLS("SELECT JSON_OBJECT('account_id', account_id, "
	    "'number', number, 'issued_on', issued_on, 'due_on', due_on, "
	    "'status', status, 'currency', currency, 'subtotal_minor', "
	    "subtotal_minor, 'tax_minor', tax_minor, 'total_minor', "
	    "total_minor, 'paid_minor', paid_minor, "
	    LINES("invoice_lines", "invoice_id", TAXED_LINE ", 'service_id', "
	    "service_id") ") FROM invoices x WHERE id = ?", SNAP__MAX),
	DBSTMT_COLS("SELECT JSON_OBJECT('account_id', account_id, "
	    "'number', number, 'title', title, 'issued_on', issued_on, "
	    "'valid_until', valid_until, 'status', status, 'currency', "
	    "currency, 'subtotal_minor', subtotal_minor, 'tax_minor', "
	    "tax_minor, 'total_minor', total_minor, "
	    LINES("quote_lines", "quote_id", TAXED_LINE) ") "
	    "FROM quotes x WHERE id = ?", SNAP__MAX),
	DBSTMT_COLS("SELECT JSON_OBJECT('account_id', account_id, "
	    "'paid_on', paid_on, 'method', method, 'reference', reference, "
	    "'amount_minor', amount_minor, 'currency', currency, "
	    "'allocations', JSON_EXTRACT(COALESCE((SELECT JSON_ARRAYAGG("
	    "JSON_OBJECT('invoice_id', invoice_id, 'amount_minor', "
	    "amount_minor) ORDER BY invoice_id) FROM payment_allocations "
	    "WHERE payment_id = x.id), '[]'), '$')) FROM payments x "
	    "WHERE id = ?", SNAP__MAX),
	DBSTMT_COLS("SELECT JSON_OBJECT('account_id', account_id, "
	    "'entry_on', entry_on, 'kind', kind, 'description', description, "
	    "'amount_minor', amount_minor, 'currency', currency, "
	    "'invoice_id', invoice_id) FROM credit_ledger x WHERE id = ?",
	    SNAP__MAX),
};

/* A changed row: its time, and for a quote a new version. */
static struct dbstmt q_changed[EN__MAX] = {
	DBSTMT("UPDATE services SET updated_at = NOW() WHERE id = ?"),
	DBSTMT("UPDATE orders SET updated_at = NOW() WHERE id = ?"),
	DBSTMT("UPDATE invoices SET updated_at = NOW() WHERE id = ?"),
	DBSTMT("UPDATE quotes SET updated_at = NOW(), version = version + 1 "
	    "WHERE id = ?"),
	DBSTMT("UPDATE payments SET updated_at = NOW() WHERE id = ?"),
	DBSTMT("UPDATE credit_ledger SET updated_at = NOW() WHERE id = ?"),
};

static struct dbstmt q_history = DBSTMT(
    "INSERT INTO billing_history (entity, ext_id, changed_at, import_id, "
    "old_row) VALUES (?, ?, NOW(), ?, ?)");
static struct dbstmt q_run_new = DBSTMT(
    "INSERT INTO billing_imports (source, applied_at, nrows, created, "
    "updated, unchanged) VALUES (?, NOW(), ?, 0, 0, 0)");
static struct dbstmt q_run_done = DBSTMT(
    "UPDATE billing_imports SET created = ?, updated = ?, unchanged = ? "
    "WHERE id = ?");

static struct dbstmt q_service_add = DBSTMT(
    "INSERT INTO services (ext_id, account_id, product, plan, label, "
    "status, started_on, next_due_on, price_minor, currency, cycle, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW())");
static struct dbstmt q_service_set = DBSTMT(
    "UPDATE services SET product = ?, plan = ?, label = ?, status = ?, "
    "started_on = ?, next_due_on = ?, price_minor = ?, currency = ?, "
    "cycle = ? WHERE id = ?");
static struct dbstmt q_order_add = DBSTMT(
    "INSERT INTO orders (ext_id, account_id, number, placed_at, status, "
    "currency, updated_at) VALUES (?, ?, ?, ?, ?, ?, NOW())");
static struct dbstmt q_order_set = DBSTMT(
    "UPDATE orders SET number = ?, placed_at = ?, status = ?, "
    "currency = ? WHERE id = ?");
static struct dbstmt q_invoice_add = DBSTMT(
    "INSERT INTO invoices (ext_id, account_id, number, issued_on, due_on, "
    "status, currency, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, NOW())");
static struct dbstmt q_invoice_set = DBSTMT(
    "UPDATE invoices SET number = ?, issued_on = ?, due_on = ?, "
    "status = ?, currency = ? WHERE id = ?");
static struct dbstmt q_quote_add = DBSTMT(
    "INSERT INTO quotes (ext_id, account_id, number, title, issued_on, "
    "valid_until, status, currency, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, NOW())");
/*
 * A quote the customer decided in the portal stays decided until the
 * billing system reports a decision itself (accepted or declined): its
 * "sent", "draft" or "expired" only says it has not caught up.
 */
static struct dbstmt q_quote_set = DBSTMT(
    "UPDATE quotes SET number = ?, title = ?, issued_on = ?, "
    "valid_until = ?, status = IF(decided_at IS NOT NULL AND ? IN "
    "('sent', 'draft', 'expired'), status, ?), currency = ? WHERE id = ?");
static struct dbstmt q_payment_add = DBSTMT(
    "INSERT INTO payments (ext_id, account_id, paid_on, method, reference, "
    "amount_minor, currency, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, NOW())");
static struct dbstmt q_payment_set = DBSTMT(
    "UPDATE payments SET paid_on = ?, method = ?, reference = ?, "
    "amount_minor = ?, currency = ? WHERE id = ?");
static struct dbstmt q_credit_add = DBSTMT(
    "INSERT INTO credit_ledger (ext_id, account_id, entry_on, kind, "
    "description, amount_minor, currency, invoice_id, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, NOW())");
static struct dbstmt q_credit_set = DBSTMT(
    "UPDATE credit_ledger SET entry_on = ?, kind = ?, description = ?, "
    "amount_minor = ?, currency = ?, invoice_id = ? WHERE id = ?");

static struct dbstmt q_lines_clear[3] = {
	DBSTMT("DELETE FROM order_lines WHERE order_id = ?"),
	DBSTMT("DELETE FROM invoice_lines WHERE invoice_id = ?"),
	DBSTMT("DELETE FROM quote_lines WHERE quote_id = ?"),
};
static struct dbstmt q_order_line = DBSTMT(
    "INSERT INTO order_lines (order_id, line_no, description, "
    "quantity_milli, unit_minor, amount_minor, service_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)");
static struct dbstmt q_invoice_line = DBSTMT(
    "INSERT INTO invoice_lines (invoice_id, line_no, description, "
    "quantity_milli, unit_minor, net_minor, tax_rate_bp, tax_minor, "
    "service_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct dbstmt q_quote_line = DBSTMT(
    "INSERT INTO quote_lines (quote_id, line_no, description, "
    "quantity_milli, unit_minor, net_minor, tax_rate_bp, tax_minor) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");

enum { ALLOCATED_INVOICE, ALLOCATED_EXT, ALLOCATED__MAX };
static struct dbstmt q_allocated = DBSTMT_COLS(
    "SELECT a.invoice_id, i.ext_id FROM payment_allocations a "
    "JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = ?",
    ALLOCATED__MAX);
static struct dbstmt q_alloc_clear = DBSTMT(
    "DELETE FROM payment_allocations WHERE payment_id = ?");
static struct dbstmt q_alloc_add = DBSTMT(
    "INSERT INTO payment_allocations (payment_id, invoice_id, amount_minor) "
    "VALUES (?, ?, ?)");

static struct dbstmt q_order_total = DBSTMT(
    "UPDATE orders o SET total_minor = (SELECT COALESCE(SUM(amount_minor), "
    "0) FROM order_lines l WHERE l.order_id = o.id) WHERE o.id = ?");
static struct dbstmt q_quote_totals = DBSTMT(
    "UPDATE quotes q SET "
    "subtotal_minor = (SELECT COALESCE(SUM(l.net_minor), 0) "
    "FROM quote_lines l WHERE l.quote_id = q.id), "
    "tax_minor = (SELECT COALESCE(SUM(l.tax_minor), 0) "
    "FROM quote_lines l WHERE l.quote_id = q.id), "
    "total_minor = subtotal_minor + tax_minor WHERE q.id = ?");
enum { INVCHK_PAID, INVCHK_TOTAL, INVCHK_LINES, INVCHK_CURRENCY,
    INVCHK__MAX };
static struct dbstmt q_invoice_check = DBSTMT_COLS(
    "SELECT paid_minor, total_minor, (SELECT COUNT(*) FROM invoice_lines l "
    "WHERE l.invoice_id = i.id), currency FROM invoices i WHERE id = ?",
    INVCHK__MAX);
enum { PAYCHK_AMOUNT, PAYCHK_ALLOCATED, PAYCHK_CURRENCY, PAYCHK__MAX };
static struct dbstmt q_payment_check = DBSTMT_COLS(
    "SELECT amount_minor, (SELECT COALESCE(SUM(a.amount_minor), 0) FROM "
    "payment_allocations a WHERE a.payment_id = p.id), currency "
    "FROM payments p WHERE id = ?", PAYCHK__MAX);

/* The staging table, its columns in enum bfield's order, then its id. */
#define STAGE_ID	BF__MAX
static struct dbstmt q_staging = DBSTMT_COLS(
    "SELECT type, ext_id, account, number, product, plan, label, title, "
    "status, kind, cycle, date, due, currency, price, quantity, tax_rate, "
    "amount, method, reference, description, line_no, invoice_id, "
    "order_id, payment_id, quote_id, service_id, id FROM billing_staging "
    "ORDER BY id", BF__MAX + 1);
static struct dbstmt q_staging_clear = DBSTMT(
    "DELETE FROM billing_staging WHERE id <= ?");

/* ---- a small map of text keys (in the import's arena) -------------- */

struct smap {
	const char	**k;
	size_t		 *v;
	size_t		  n, cap;
};

static uint64_t
smap_hash(const char *s)
{
	uint64_t	h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The value slot of key (SIZE_MAX when new), or NULL when absent and
 * not to be added. */
static size_t *
smap_slot(struct arena *a, struct smap *m, const char *key, bool add)
{
	size_t	i, j, ocap = m->cap;
	const char **ok = m->k;
	size_t	*ov = m->v;

	if (add && (m->n + 1) * 2 > m->cap) {
		m->cap = m->cap ? m->cap * 2 : 256;
		m->k = arena_alloc(a, m->cap * sizeof(*m->k));
		m->v = arena_alloc(a, m->cap * sizeof(*m->v));
		memset(m->k, 0, m->cap * sizeof(*m->k));
		for (i = 0; i < ocap; i++) {
			if (ok[i] == NULL)
				continue;
			for (j = smap_hash(ok[i]) & (m->cap - 1); m->k[j];
			    j = (j + 1) & (m->cap - 1))
				;
			m->k[j] = ok[i];
			m->v[j] = ov[i];
		}
	}
	if (m->cap == 0)
		return NULL;
	for (i = smap_hash(key) & (m->cap - 1); m->k[i] != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (!strcmp(m->k[i], key))
			return &m->v[i];
	if (!add)
		return NULL;
	m->k[i] = arena_strdup(a, key);
	m->v[i] = SIZE_MAX;
	m->n++;
	return &m->v[i];
}

/* ---- one import run ------------------------------------------------ */

/* A row this run created or may change, with what it was before. */
struct touched {
	enum entity	 en;
	unsigned	 id;
	const char	*ext_id;
	const char	*old;		/* JSON; NULL: created by this run */
	size_t		 line;		/* the first row that touched it */
};

struct run {
	struct billing_file	*bf;
	struct arena		*a;
	const char		*source;
	uint64_t		 import_id;
	struct smap		 accounts, seen, touched_at, cleared;
	struct smap		 refused;	/* bad records' type and ext_id */
	struct touched		*touched;
	size_t			 ntouched, captouched;
	size_t			 created, updated, unchanged, done;
	bool			 tty;
	int			 dberr;		/* a database failure */
};

/* A row's error; it makes the run roll back. */
/* Note a refused record, so rows naming it say so, not that there is
 * none. */
static void
refused_mark(struct run *u, const struct billing_row *r)
{
	size_t	*at;

	if (r->type < BT_ORDER_LINE && r->f[BF_EXT_ID] != NULL) {
		at = smap_slot(u->a, &u->refused, arena_printf(u->a, "%d\x1f%s",
		    r->type, r->f[BF_EXT_ID]), true);
		if (*at == SIZE_MAX)
			*at = r->line;
	}
}

static void
row_bad(struct run *u, const struct billing_row *r, const char *why)
{
	billing_file_error(u->bf, r->line, why);
	refused_mark(u, r);
}

/* Why there is no en with ext_id: refused on a line, or none at all. */
static const char *
missing(struct run *u, int f, enum entity en, const char *ext_id)
{
	size_t	*at;

	/* The first types are the entities, in the same order. */
	at = smap_slot(u->a, &u->refused, arena_printf(u->a, "%d\x1f%s",
	    (int)en, ext_id), false);
	if (at != NULL)
		return arena_printf(u->a, "%s: %s \"%.60s\" is refused (line "
		    "%zu)", billing_fields[f], entities[en], ext_id, *at);
	return arena_printf(u->a, "%s: no %s with ext_id \"%.60s\"",
	    billing_fields[f], entities[en], ext_id);
}

/* A database failure: fatal to the run (not a row's fault). */
static void
run_dberr(struct run *u, int e)
{
	if (u->dberr == DB_OK)
		u->dberr = e;
}

/* Check every row's text; false for a row that is bad (reported). */
static bool
check_row(struct run *u, struct billing_row *r)
{
	const char	*why;
	size_t		*at;

	r->type = r->f[BF_TYPE] ? billing_type_of(r->f[BF_TYPE]) : BT__MAX;
	if (r->bad) {
		/* The reader reported it already. */
		refused_mark(u, r);
		return false;
	}
	if (r->f[BF_TYPE] == NULL)
		why = "no type";
	else
		why = billing_row_check(u->a, r);
	if (why == NULL) {
		at = smap_slot(u->a, &u->seen, billing_row_key(u->a, r), true);
		if (*at != SIZE_MAX)
			why = arena_printf(u->a, "the same %s as line %zu",
			    r->type >= BT_ORDER_LINE ? "line" : "ext_id", *at);
		else
			*at = r->line;
	}
	if (why != NULL) {
		row_bad(u, r, why);
		r->bad = true;
		return false;
	}
	return true;
}

/* ---- the database side --------------------------------------------- */

/* The id of the account numbered r's account, or 0 (reported). */
static unsigned
account_of(struct run *u, const struct billing_row *r)
{
	struct dbres	*res;
	struct dbarg	 a[1] = { DBS(r->f[BF_ACCOUNT]) };
	size_t		*slot;
	int		 e;

	slot = smap_slot(u->a, &u->accounts, r->f[BF_ACCOUNT], true);
	if (*slot == SIZE_MAX) {
		if ((e = db_query(&q_account, &res, 1, a)) != DB_OK) {
			run_dberr(u, e);
			return 0;
		}
		*slot = res->nrows ? strtoul(dbres_get(res, 0, ACCT_ID), NULL,
		    10) : 0;
		dbres_free(res);
	}
	if (*slot == 0)
		row_bad(u, r, arena_printf(u->a, "no account numbered "
		    "\"%.40s\"", r->f[BF_ACCOUNT]));
	return (unsigned)*slot;
}

struct found {
	unsigned	 id, account_id;
	const char	*currency;
};

/* The row of entity en with ext_id; false when there is none. */
static bool
lookup(struct run *u, enum entity en, const char *ext_id, struct found *fo)
{
	struct dbres	*res;
	struct dbarg	 a[1] = { DBS(ext_id) };
	int		 e;

	memset(fo, 0, sizeof(*fo));
	if ((e = db_query(&q_look[en], &res, 1, a)) != DB_OK) {
		run_dberr(u, e);
		return false;
	}
	if (res->nrows > 0) {
		fo->id = (unsigned)strtoul(dbres_get(res, 0, LOOK_ID), NULL, 10);
		fo->account_id = (unsigned)strtoul(dbres_get(res, 0,
		    LOOK_ACCOUNT), NULL, 10);
		fo->currency = arena_strdup(u->a, dbres_get(res, 0,
		    LOOK_CURRENCY));
	}
	dbres_free(res);
	return fo->id != 0;
}

/* The row a reference field f of r names, of r's account (0: reported). */
static unsigned
reference(struct run *u, const struct billing_row *r, int f, enum entity en,
    unsigned account_id, struct found *fo)
{
	if (!lookup(u, en, r->f[f], fo)) {
		if (u->dberr == DB_OK)
			row_bad(u, r, missing(u, f, en, r->f[f]));
		return 0;
	}
	if (account_id != 0 && fo->account_id != account_id) {
		row_bad(u, r, arena_printf(u->a, "%s: %s \"%.60s\" is another "
		    "account's", billing_fields[f], entities[en], r->f[f]));
		return 0;
	}
	return fo->id;
}

/* The row as it is, as JSON (the run's memory), or NULL on failure. */
static const char *
snapshot(struct run *u, enum entity en, unsigned id)
{
	struct dbres	*res;
	struct dbarg	 a[1] = { DBI(id) };
	const char	*s = NULL;
	int		 e;

	if ((e = db_query(&q_snap[en], &res, 1, a)) != DB_OK) {
		run_dberr(u, e);
		return NULL;
	}
	if (res->nrows > 0 && dbres_get(res, 0, SNAP_JSON) != NULL)
		s = arena_strdup(u->a, dbres_get(res, 0, SNAP_JSON));
	dbres_free(res);
	return s;
}

/* Note that the run touches row id of en (created: made by it now),
 * keeping its old state the first time. */
static void
touch(struct run *u, enum entity en, unsigned id, const char *ext_id,
    size_t line, bool created)
{
	size_t		*slot;
	struct touched	*t;

	slot = smap_slot(u->a, &u->touched_at, arena_printf(u->a, "%d:%u",
	    (int)en, id), true);
	if (*slot != SIZE_MAX)
		return;
	if (u->ntouched == u->captouched) {
		struct touched *n;

		u->captouched = u->captouched ? u->captouched * 2 : 64;
		n = arena_alloc(u->a, u->captouched * sizeof(*n));
		if (u->ntouched)
			memcpy(n, u->touched, u->ntouched * sizeof(*n));
		u->touched = n;
	}
	*slot = u->ntouched;
	t = &u->touched[u->ntouched++];
	t->en = en;
	t->id = id;
	t->ext_id = ext_id;
	t->line = line;
	t->old = created ? NULL : snapshot(u, en, id);
}

/* The ext_id of an existing row touched through a reference. */
static const char *
ext_of(struct run *u, const struct billing_row *r, int f)
{
	return arena_strdup(u->a, r->f[f]);
}

/*
 * Find or create the row of a top-level record r: its account must be
 * the row's.  *id the row's, *created when it is new.  false when r is
 * bad (reported) or the database failed.
 */
static bool
record_row(struct run *u, const struct billing_row *r, enum entity en,
    unsigned *account_id, unsigned *id, bool *existed)
{
	struct found	fo;

	if ((*account_id = account_of(u, r)) == 0)
		return false;
	*existed = lookup(u, en, r->f[BF_EXT_ID], &fo);
	if (u->dberr != DB_OK)
		return false;
	*id = fo.id;
	if (*existed && fo.account_id != *account_id) {
		row_bad(u, r, arena_printf(u->a, "ext_id \"%.60s\" is a %s of "
		    "another account", r->f[BF_EXT_ID], entities[en]));
		return false;
	}
	if (*existed)
		touch(u, en, fo.id, r->f[BF_EXT_ID], r->line, false);
	return true;
}

/* After an insert or update: report a duplicate number, note a new row. */
static void
record_done(struct run *u, const struct billing_row *r, enum entity en,
    int e, bool existed, uint64_t new_id)
{
	if (e == DB_DUPLICATE) {
		row_bad(u, r, arena_printf(u->a, "number \"%.40s\" is another "
		    "%s's", r->f[BF_NUMBER], entities[en]));
		return;
	}
	if (e != DB_OK) {
		run_dberr(u, e);
		return;
	}
	if (!existed)
		touch(u, en, (unsigned)new_id, r->f[BF_EXT_ID], r->line, true);
}

static struct dbarg
opt(const char *s)
{
	return s ? DBS(s) : DBNULL;
}

static void
apply_service(struct run *u, const struct billing_row *r)
{
	struct dbarg	a[12];
	unsigned	account_id, id;
	uint64_t	new_id = 0;
	bool		existed;
	size_t		n = 0;
	int		e;

	if (!record_row(u, r, EN_SERVICE, &account_id, &id, &existed))
		return;
	if (!existed) {
		a[n++] = DBS(r->f[BF_EXT_ID]);
		a[n++] = DBI(account_id);
	}
	a[n++] = DBS(r->f[BF_PRODUCT]);
	a[n++] = DBS(r->f[BF_PLAN] ? r->f[BF_PLAN] : "");
	a[n++] = DBS(r->f[BF_LABEL] ? r->f[BF_LABEL] : "");
	a[n++] = DBS(r->f[BF_STATUS]);
	a[n++] = opt(r->f[BF_DATE]);
	a[n++] = opt(r->f[BF_DUE]);
	a[n++] = DBI(r->price);
	a[n++] = DBS(r->f[BF_CURRENCY]);
	a[n++] = DBS(r->f[BF_CYCLE]);
	if (existed)
		a[n++] = DBI(id);
	e = db_exec(existed ? &q_service_set : &q_service_add, NULL, &new_id,
	    n, a);
	record_done(u, r, EN_SERVICE, e, existed, new_id);
}

static void
apply_order(struct run *u, const struct billing_row *r)
{
	struct dbarg	a[7];
	unsigned	account_id, id;
	uint64_t	new_id = 0;
	bool		existed;
	size_t		n = 0;
	int		e;

	if (!record_row(u, r, EN_ORDER, &account_id, &id, &existed))
		return;
	if (!existed) {
		a[n++] = DBS(r->f[BF_EXT_ID]);
		a[n++] = DBI(account_id);
	}
	a[n++] = DBS(r->f[BF_NUMBER]);
	a[n++] = DBS(r->f[BF_DATE]);
	a[n++] = DBS(r->f[BF_STATUS]);
	a[n++] = DBS(r->f[BF_CURRENCY]);
	if (existed)
		a[n++] = DBI(id);
	e = db_exec(existed ? &q_order_set : &q_order_add, NULL, &new_id, n, a);
	record_done(u, r, EN_ORDER, e, existed, new_id);
}

static void
apply_invoice(struct run *u, const struct billing_row *r)
{
	struct dbarg	a[8];
	unsigned	account_id, id;
	uint64_t	new_id = 0;
	bool		existed;
	size_t		n = 0;
	int		e;

	if (!record_row(u, r, EN_INVOICE, &account_id, &id, &existed))
		return;
	if (!existed) {
		a[n++] = DBS(r->f[BF_EXT_ID]);
		a[n++] = DBI(account_id);
	}
	a[n++] = DBS(r->f[BF_NUMBER]);
	a[n++] = DBS(r->f[BF_DATE]);
	a[n++] = DBS(r->f[BF_DUE]);
	a[n++] = DBS(r->f[BF_STATUS]);
	a[n++] = DBS(r->f[BF_CURRENCY]);
	if (existed)
		a[n++] = DBI(id);
	e = db_exec(existed ? &q_invoice_set : &q_invoice_add, NULL, &new_id,
	    n, a);
	record_done(u, r, EN_INVOICE, e, existed, new_id);
}

static void
apply_quote(struct run *u, const struct billing_row *r)
{
	struct dbarg	a[9];
	unsigned	account_id, id;
	uint64_t	new_id = 0;
	bool		existed;
	size_t		n = 0;
	int		e;

	if (!record_row(u, r, EN_QUOTE, &account_id, &id, &existed))
		return;
	if (!existed) {
		a[n++] = DBS(r->f[BF_EXT_ID]);
		a[n++] = DBI(account_id);
	}
	a[n++] = DBS(r->f[BF_NUMBER]);
	a[n++] = DBS(r->f[BF_TITLE] ? r->f[BF_TITLE] : "");
	a[n++] = DBS(r->f[BF_DATE]);
	a[n++] = DBS(r->f[BF_DUE]);
	if (existed)
		a[n++] = DBS(r->f[BF_STATUS]);
	a[n++] = DBS(r->f[BF_STATUS]);
	a[n++] = DBS(r->f[BF_CURRENCY]);
	if (existed)
		a[n++] = DBI(id);
	e = db_exec(existed ? &q_quote_set : &q_quote_add, NULL, &new_id, n, a);
	record_done(u, r, EN_QUOTE, e, existed, new_id);
}

static void
apply_payment(struct run *u, const struct billing_row *r)
{
	struct dbarg	a[7];
	unsigned	account_id, id;
	uint64_t	new_id = 0;
	bool		existed;
	size_t		n = 0;
	int		e;

	if (!record_row(u, r, EN_PAYMENT, &account_id, &id, &existed))
		return;
	if (!existed) {
		a[n++] = DBS(r->f[BF_EXT_ID]);
		a[n++] = DBI(account_id);
	}
	a[n++] = DBS(r->f[BF_DATE]);
	a[n++] = DBS(r->f[BF_METHOD]);
	a[n++] = DBS(r->f[BF_REFERENCE] ? r->f[BF_REFERENCE] : "");
	a[n++] = DBI(r->amount);
	a[n++] = DBS(r->f[BF_CURRENCY]);
	if (existed)
		a[n++] = DBI(id);
	e = db_exec(existed ? &q_payment_set : &q_payment_add, NULL, &new_id,
	    n, a);
	record_done(u, r, EN_PAYMENT, e, existed, new_id);
}

static void
apply_credit(struct run *u, const struct billing_row *r)
{
	struct dbarg	a[9];
	struct found	fo;
	unsigned	account_id, id, invoice_id = 0;
	uint64_t	new_id = 0;
	bool		existed;
	size_t		n = 0;
	int		e;

	if (!record_row(u, r, EN_CREDIT, &account_id, &id, &existed))
		return;
	if (r->f[BF_INVOICE_ID] && (invoice_id = reference(u, r,
	    BF_INVOICE_ID, EN_INVOICE, account_id, &fo)) == 0)
		return;
	if (invoice_id && strcmp(fo.currency, r->f[BF_CURRENCY])) {
		row_bad(u, r, arena_printf(u->a, "currency %s is not the "
		    "invoice's (%s)", r->f[BF_CURRENCY], fo.currency));
		return;
	}
	if (!existed) {
		a[n++] = DBS(r->f[BF_EXT_ID]);
		a[n++] = DBI(account_id);
	}
	a[n++] = DBS(r->f[BF_DATE]);
	a[n++] = DBS(r->f[BF_KIND]);
	a[n++] = DBS(r->f[BF_DESCRIPTION] ? r->f[BF_DESCRIPTION] : "");
	a[n++] = DBI(r->amount);
	a[n++] = DBS(r->f[BF_CURRENCY]);
	a[n++] = invoice_id ? DBI(invoice_id) : DBNULL;
	if (existed)
		a[n++] = DBI(id);
	e = db_exec(existed ? &q_credit_set : &q_credit_add, NULL, &new_id, n,
	    a);
	record_done(u, r, EN_CREDIT, e, existed, new_id);
}

/*
 * The parent of a line (or allocation) in field f: found, touched, and
 * the first time this run meets it, cleared of its old lines by clear.
 */
static unsigned
line_parent(struct run *u, const struct billing_row *r, int f,
    enum entity en, struct dbstmt *clear, struct found *fo)
{
	struct dbarg	 a[1];
	size_t		*slot;
	int		 e;

	if (reference(u, r, f, en, 0, fo) == 0)
		return 0;
	touch(u, en, fo->id, ext_of(u, r, f), r->line, false);
	slot = smap_slot(u->a, &u->cleared, arena_printf(u->a, "%d:%u",
	    (int)en, fo->id), true);
	if (*slot == SIZE_MAX) {
		*slot = r->line;
		a[0] = DBI(fo->id);
		if ((e = db_exec(clear, NULL, NULL, 1, a)) != DB_OK) {
			run_dberr(u, e);
			return 0;
		}
	}
	return fo->id;
}

/* A line's service: one of the parent's account's (0 for none). */
static bool
line_service(struct run *u, const struct billing_row *r, unsigned account_id,
    struct dbarg *arg)
{
	struct found	fo;

	*arg = DBNULL;
	if (r->f[BF_SERVICE_ID] == NULL)
		return true;
	if (reference(u, r, BF_SERVICE_ID, EN_SERVICE, account_id, &fo) == 0)
		return false;
	*arg = DBI(fo.id);
	return true;
}

static void
apply_line(struct run *u, struct billing_row *r)
{
	static const int pf[3] = { BF_ORDER_ID, BF_INVOICE_ID, BF_QUOTE_ID };
	static const enum entity pen[3] = { EN_ORDER, EN_INVOICE, EN_QUOTE };
	int		 k = r->type - BT_ORDER_LINE;
	struct found	 fo;
	struct dbarg	 a[9];
	int64_t		 net, tax = 0;
	const char	*why;
	int		 e;

	if (line_parent(u, r, pf[k], pen[k], &q_lines_clear[k], &fo) == 0)
		return;
	if ((why = billing_amount_check(u->a, r, BF_PRICE, fo.currency, &r->price))) {
		row_bad(u, r, why);
		return;
	}
	if (money_times(r->price, r->quantity, &net) != 0 ||
	    money_tax(net, (int)r->tax_bp, &tax) != 0) {
		row_bad(u, r, "quantity times price is too large");
		return;
	}
	a[0] = DBI(fo.id);
	a[1] = DBI(r->line_no);
	a[2] = DBS(r->f[BF_DESCRIPTION]);
	a[3] = DBI(r->quantity);
	a[4] = DBI(r->price);
	a[5] = DBI(net);
	if (r->type == BT_ORDER_LINE) {
		if (!line_service(u, r, fo.account_id, &a[6]))
			return;
		e = db_exec(&q_order_line, NULL, NULL, 7, a);
	} else {
		a[6] = DBI(r->tax_bp);
		a[7] = DBI(tax);
		if (r->type == BT_INVOICE_LINE) {
			if (!line_service(u, r, fo.account_id, &a[8]))
				return;
			e = db_exec(&q_invoice_line, NULL, NULL, 9, a);
		} else
			e = db_exec(&q_quote_line, NULL, NULL, 8, a);
	}
	if (e != DB_OK)
		run_dberr(u, e);
}

/* Touch the invoices a payment's old allocations pay (to settle them). */
static bool
touch_allocated(struct run *u, const struct billing_row *r, unsigned pay_id)
{
	struct dbres	*res;
	struct dbarg	 a[1] = { DBI(pay_id) };
	size_t		 i;
	int		 e;

	if (smap_slot(u->a, &u->cleared, arena_printf(u->a, "%d:%u",
	    (int)EN_PAYMENT, pay_id), false) != NULL)
		return true;
	if ((e = db_query(&q_allocated, &res, 1, a)) != DB_OK) {
		run_dberr(u, e);
		return false;
	}
	for (i = 0; i < res->nrows; i++)
		touch(u, EN_INVOICE, (unsigned)strtoul(dbres_get(res, i,
		    ALLOCATED_INVOICE), NULL, 10), arena_strdup(u->a,
		    dbres_get(res, i, ALLOCATED_EXT)), r->line, false);
	dbres_free(res);
	return u->dberr == DB_OK;
}

static void
apply_allocation(struct run *u, struct billing_row *r)
{
	struct found	 pay, inv;
	struct dbarg	 a[3];
	const char	*why;
	int		 e;

	if (!lookup(u, EN_PAYMENT, r->f[BF_PAYMENT_ID], &pay)) {
		if (u->dberr == DB_OK)
			row_bad(u, r, missing(u, BF_PAYMENT_ID, EN_PAYMENT,
			    r->f[BF_PAYMENT_ID]));
		return;
	}
	if (!touch_allocated(u, r, pay.id) ||
	    line_parent(u, r, BF_PAYMENT_ID, EN_PAYMENT, &q_alloc_clear,
	    &pay) == 0)
		return;
	if (reference(u, r, BF_INVOICE_ID, EN_INVOICE, pay.account_id,
	    &inv) == 0)
		return;
	if (strcmp(inv.currency, pay.currency)) {
		row_bad(u, r, arena_printf(u->a, "the payment is in %s, the "
		    "invoice in %s", pay.currency, inv.currency));
		return;
	}
	if ((why = billing_amount_check(u->a, r, BF_AMOUNT, pay.currency,
	    &r->amount))) {
		row_bad(u, r, why);
		return;
	}
	if (r->amount <= 0) {
		row_bad(u, r, "amount of an allocation must be above 0");
		return;
	}
	touch(u, EN_INVOICE, inv.id, ext_of(u, r, BF_INVOICE_ID), r->line,
	    false);
	a[0] = DBI(pay.id);
	a[1] = DBI(inv.id);
	a[2] = DBI(r->amount);
	if ((e = db_exec(&q_alloc_add, NULL, NULL, 3, a)) != DB_OK)
		run_dberr(u, e);
}

/* The figures derived from lines and allocations, and their limits. */
static void
settle(struct run *u, const struct touched *t)
{
	struct dbres	*res;
	struct dbarg	 a[1] = { DBI(t->id) };
	int64_t		 x, y;
	int		 e = DB_OK;
	bool		 nolines = false;

	switch (t->en) {
	case EN_ORDER:
		e = db_exec(&q_order_total, NULL, NULL, 1, a);
		break;
	case EN_QUOTE:
		e = db_exec(&q_quote_totals, NULL, NULL, 1, a);
		break;
	case EN_INVOICE:
		if ((e = ledger_invoice_settle(t->id)) != DB_OK ||
		    (e = db_query(&q_invoice_check, &res, 1, a)) != DB_OK)
			break;
		x = strtoll(dbres_get(res, 0, INVCHK_PAID), NULL, 10);
		y = strtoll(dbres_get(res, 0, INVCHK_TOTAL), NULL, 10);
		nolines = !strcmp(dbres_get(res, 0, INVCHK_LINES), "0");
		if (nolines)
			billing_file_error(u->bf, t->line, arena_printf(u->a,
			    "invoice \"%.60s\" has no lines (give its "
			    "invoice-line rows)", t->ext_id ? t->ext_id : ""));
		else if (x > y)
			billing_file_error(u->bf, t->line, arena_printf(u->a,
			    "the allocations pay %s of an invoice of %s",
			    money_decimal(u->a, x, dbres_get(res, 0,
			    INVCHK_CURRENCY)), money_decimal(u->a, y,
			    dbres_get(res, 0, INVCHK_CURRENCY))));
		dbres_free(res);
		break;
	case EN_PAYMENT:
		if ((e = db_query(&q_payment_check, &res, 1, a)) != DB_OK)
			break;
		x = strtoll(dbres_get(res, 0, PAYCHK_AMOUNT), NULL, 10);
		y = strtoll(dbres_get(res, 0, PAYCHK_ALLOCATED), NULL, 10);
		if (y > x)
			billing_file_error(u->bf, t->line, arena_printf(u->a,
			    "the allocations (%s) exceed the payment (%s)",
			    money_decimal(u->a, y, dbres_get(res, 0,
			    PAYCHK_CURRENCY)), money_decimal(u->a, x,
			    dbres_get(res, 0, PAYCHK_CURRENCY))));
		dbres_free(res);
		break;
	default:
		break;
	}
	if (e != DB_OK)
		run_dberr(u, e);
}

/* Count a touched row as created, changed (with history) or unchanged. */
static void
conclude(struct run *u, const struct touched *t)
{
	struct dbarg	 a[4];
	const char	*now;
	int		 e;

	if (t->old == NULL) {
		u->created++;
		return;
	}
	if ((now = snapshot(u, t->en, t->id)) == NULL)
		return;
	if (!strcmp(now, t->old)) {
		u->unchanged++;
		return;
	}
	u->updated++;
	a[0] = DBS(entities[t->en]);
	a[1] = DBS(t->ext_id ? t->ext_id : "");
	a[2] = DBI(u->import_id);
	a[3] = DBS(t->old);
	if ((e = db_exec(&q_history, NULL, NULL, 4, a)) != DB_OK) {
		run_dberr(u, e);
		return;
	}
	a[0] = DBI(t->id);
	if ((e = db_exec(&q_changed[t->en], NULL, NULL, 1, a)) != DB_OK)
		run_dberr(u, e);
}

static void
progress(struct run *u)
{
	if (u->tty && (u->done % 50 == 0 || u->done == u->bf->nrows))
		fprintf(stderr, "\r\033[K%s: %zu/%zu rows", u->source,
		    u->done, u->bf->nrows);
}

static void
apply_row(struct run *u, struct billing_row *r)
{
	switch (r->type) {
	case BT_SERVICE:
		apply_service(u, r);
		break;
	case BT_ORDER:
		apply_order(u, r);
		break;
	case BT_INVOICE:
		apply_invoice(u, r);
		break;
	case BT_QUOTE:
		apply_quote(u, r);
		break;
	case BT_PAYMENT:
		apply_payment(u, r);
		break;
	case BT_CREDIT:
		apply_credit(u, r);
		break;
	case BT_ALLOCATION:
		apply_allocation(u, r);
		break;
	default:
		apply_line(u, r);
		break;
	}
}

/* Every good row, parents first, then the derived figures and history. */
static void
apply_all(struct run *u)
{
	struct dbarg	a[4];
	size_t		i;
	int		t, e;

	a[0] = DBS(u->source);
	a[1] = DBI(u->bf->nrows);
	if ((e = db_exec(&q_run_new, NULL, &u->import_id, 2, a)) != DB_OK) {
		run_dberr(u, e);
		return;
	}
	for (t = 0; t < BT__MAX && u->dberr == DB_OK; t++)
		for (i = 0; i < u->bf->nrows && u->dberr == DB_OK; i++) {
			if (u->bf->rows[i].bad || u->bf->rows[i].type != t)
				continue;
			apply_row(u, &u->bf->rows[i]);
			u->done++;
			progress(u);
		}
	for (i = 0; i < u->ntouched && u->dberr == DB_OK; i++)
		settle(u, &u->touched[i]);
	/* A bad input is rolled back: its history would be wasted work. */
	if (u->bf->nerrs > 0)
		return;
	for (i = 0; i < u->ntouched && u->dberr == DB_OK; i++)
		conclude(u, &u->touched[i]);
	a[0] = DBI(u->created);
	a[1] = DBI(u->updated);
	a[2] = DBI(u->unchanged);
	a[3] = DBI(u->import_id);
	if (u->dberr == DB_OK &&
	    (e = db_exec(&q_run_done, NULL, NULL, 4, a)) != DB_OK)
		run_dberr(u, e);
}

static int
cmp_err(const void *x, const void *y)
{
	const struct billing_err *a = x, *b = y;

	return a->line < b->line ? -1 : a->line > b->line;
}

/*
 * Check and apply bf's rows in one transaction named source; before
 * commit, extra (if not NULL) runs in it too.  Reports every bad row
 * as source:line: reason, and the outcome.  BILLING_IMPORT_*.
 */
static int
run_rows(struct billing_file *bf, const char *source,
    int (*extra)(void *), void *arg)
{
	struct run	u;
	size_t		i;
	int		e;

	memset(&u, 0, sizeof(u));
	u.bf = bf;
	u.a = bf->arena;
	u.source = source;
	u.tty = isatty(STDERR_FILENO);
	for (i = 0; i < bf->nrows; i++)
		check_row(&u, &bf->rows[i]);
	if ((e = db_begin()) != DB_OK) {
		fprintf(stderr, "portico-admin: database: %s\n",
		    db_last_error());
		return BILLING_IMPORT_FAILED;
	}
	apply_all(&u);
	if (u.tty)
		fprintf(stderr, "\r\033[K");
	if (u.dberr == DB_OK && bf->nerrs == 0 && extra != NULL &&
	    (e = extra(arg)) != DB_OK)
		u.dberr = e;
	if (u.dberr != DB_OK || bf->nerrs > 0 ||
	    (u.dberr = db_commit()) != DB_OK) {
		db_rollback();
		if (u.dberr != DB_OK) {
			fprintf(stderr, "%s: database: %s; nothing applied\n",
			    source, db_last_error());
			return BILLING_IMPORT_FAILED;
		}
		qsort(bf->errs, bf->nerrs, sizeof(bf->errs[0]), cmp_err);
		for (i = 0; i < bf->nerrs; i++)
			fprintf(stderr, "%s:%zu: %s\n", source, bf->errs[i].line,
			    bf->errs[i].why);
		fprintf(stderr, "%s: refused, %zu error%s; nothing applied\n",
		    source, bf->nerrs, bf->nerrs == 1 ? "" : "s");
		return BILLING_IMPORT_REFUSED;
	}
	printf("%s: %zu rows: %zu created, %zu changed, %zu unchanged\n",
	    source, bf->nrows, u.created, u.updated, u.unchanged);
	return BILLING_IMPORT_OK;
}

/* The whole file at path (at most MAX_FILE) in a's memory. */
static char *
slurp(struct arena *a, const char *path, size_t *len)
{
	FILE		*f;
	struct stat	 st;
	char		*buf;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size > MAX_FILE) {
		fprintf(stderr, "%s: not a regular file of at most 256 MiB\n",
		    path);
		fclose(f);
		return NULL;
	}
	buf = arena_alloc(a, (size_t)st.st_size + 1);
	*len = fread(buf, 1, (size_t)st.st_size, f);
	buf[*len] = '\0';
	if (ferror(f)) {
		fprintf(stderr, "%s: read error\n", path);
		fclose(f);
		return NULL;
	}
	fclose(f);
	return buf;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t	n = strlen(s), m = strlen(suffix);

	return n >= m && !strcasecmp(s + n - m, suffix);
}

static int
import_file(const char *path)
{
	struct billing_file	 bf;
	char			*text;
	size_t			 len = 0;
	bool			 jsonl;
	int			 rc;

	if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson"))
		jsonl = true;
	else if (ends_with(path, ".csv"))
		jsonl = false;
	else {
		fprintf(stderr, "%s: name the format: .csv or .jsonl\n", path);
		return BILLING_IMPORT_USAGE;
	}
	memset(&bf, 0, sizeof(bf));
	bf.arena = arena_new();
	if ((text = slurp(bf.arena, path, &len)) == NULL) {
		arena_free(bf.arena);
		return BILLING_IMPORT_FAILED;
	}
	billing_read(&bf, text, len, jsonl);
	rc = run_rows(&bf, path, NULL, NULL);
	arena_free(bf.arena);
	return rc;
}

/*
 * portico-admin billing-import FILE...: each file in its own
 * transaction, in the order given.  The worst outcome is the status.
 */
int
billing_import_files(char *const *paths, size_t n)
{
	size_t	i;
	int	rc = BILLING_IMPORT_OK, r;

	for (i = 0; i < n; i++) {
		r = import_file(paths[i]);
		if (r == BILLING_IMPORT_FAILED ||
		    (r != BILLING_IMPORT_OK && rc != BILLING_IMPORT_FAILED))
			rc = r;
	}
	return rc;
}

static int
staging_clear(void *arg)
{
	struct dbarg	a[1] = { DBI(*(unsigned long long *)arg) };

	return db_exec(&q_staging_clear, NULL, NULL, 1, a);
}

/*
 * portico-admin billing-import --from-staging: the rows of
 * billing_staging, as one input named "staging" whose line numbers are
 * the rows' ids; applied rows are deleted in the same transaction.
 */
int
billing_import_staging(void)
{
	struct billing_file	 bf;
	struct billing_row	*r;
	struct dbres		*res;
	unsigned long long	 last = 0;
	const char		*v;
	size_t			 i;
	int			 f, e, rc;

	if ((e = db_query(&q_staging, &res, 0, NULL)) != DB_OK) {
		fprintf(stderr, "portico-admin: database: %s\n",
		    db_last_error());
		return BILLING_IMPORT_FAILED;
	}
	memset(&bf, 0, sizeof(bf));
	bf.arena = arena_new();
	bf.rows = arena_alloc(bf.arena, (res->nrows + 1) * sizeof(*bf.rows));
	bf.caprows = res->nrows + 1;
	for (i = 0; i < res->nrows; i++) {
		r = &bf.rows[bf.nrows++];
		memset(r, 0, sizeof(*r));
		last = strtoull(dbres_get(res, i, STAGE_ID), NULL, 10);
		r->line = (size_t)last;
		for (f = 0; f < BF__MAX; f++) {
			v = dbres_get(res, i, (size_t)f);
			if (v == NULL || *v == '\0')
				continue;
			if (!utf8_valid(v, strlen(v))) {
				billing_file_error(&bf, r->line, arena_printf(
				    bf.arena, "%s: not valid UTF-8",
				    billing_fields[f]));
				r->bad = true;
			}
			r->f[f] = arena_strdup(bf.arena, v);
		}
	}
	dbres_free(res);
	rc = run_rows(&bf, "staging", staging_clear, &last);
	arena_free(bf.arena);
	return rc;
}
