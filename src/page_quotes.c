/*
 * Quotes: GET /billing/quotes (newest first, paged), GET /billing/
 * quotes/NUMBER (lines, totals, the decision), and POST /billing/quotes/
 * NUMBER/accept and /decline with the version shown and an optional
 * comment, for the account roles of billing_quote_roles (owner and
 * billing by default).  The decision is billing_quote_decide()'s: one
 * conditional UPDATE, so a quote changed or expired since it was shown,
 * or decided by someone else a moment before, is refused with the quote
 * shown again (409) and nothing changes.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

#define PER_PAGE	25

enum { QL_NUMBER, QL_TITLE, QL_ISSUED, QL_VALID_UNTIL, QL_STATUS,
    QL_CURRENCY, QL_TOTAL, QL_PAST, QL__MAX };
static struct dbstmt q_quotes = DBSTMT_COLS(
    "SELECT number, title, issued_on, valid_until, status, currency, "
    "total_minor, valid_until < ? FROM quotes WHERE account_id = ? "
    "AND " BILLING_SHOWN_SQL("status") " "
    "ORDER BY issued_on DESC, id DESC LIMIT ? OFFSET ?", QL__MAX);
enum { QT_ID, QT_NUMBER, QT_TITLE, QT_ISSUED, QT_VALID_UNTIL, QT_STATUS,
    QT_CURRENCY, QT_SUBTOTAL, QT_TAX, QT_TOTAL, QT_VERSION, QT_PAST,
    QT_DECIDED_AT, QT_DECIDED_VERSION, QT_COMMENT, QT_DECIDER, QT__MAX };
static struct dbstmt q_quote = DBSTMT_COLS(
    "SELECT q.id, q.number, q.title, q.issued_on, q.valid_until, q.status, "
    "q.currency, q.subtotal_minor, q.tax_minor, q.total_minor, q.version, "
    "q.valid_until < ?, q.decided_at, q.decided_version, "
    "q.decision_comment, u.name FROM quotes q "
    "LEFT JOIN users u ON u.id = q.decided_by "
    "WHERE q.number = ? AND q.account_id = ? AND "
    BILLING_SHOWN_SQL("q.status"), QT__MAX);
enum { QN_DESCRIPTION, QN_QUANTITY, QN_UNIT, QN_NET, QN_RATE, QN_TAX,
    QN__MAX };
static struct dbstmt q_quote_lines = DBSTMT_COLS(
    "SELECT description, quantity_milli, unit_minor, net_minor, "
    "tax_rate_bp, tax_minor FROM quote_lines WHERE quote_id = ? "
    "ORDER BY line_no", QN__MAX);

/* A quote still "sent" past its date shows as expired. */
static const char *
quote_status(const char *status, const char *past)
{
	return !strcmp(status, "sent") && !strcmp(past, "1") ? "expired" :
	    status;
}

int
page_billing_quotes(struct req *r)
{
	struct billing	 c;
	struct dbres	*res;
	struct dbarg	 a[5];
	char		 today[11];
	const char	*s = kv_get(&r->query, "page");
	size_t		 page = s ? (size_t)strtoul(s, NULL, 10) : 1, i;
	xmlNodePtr	 pg, list, n, p;
	int		 st, e;

	if ((st = billing_open(r, BILLING_MONEY, &c)) != 0)
		return st;
	if ((e = billing_today(today)) != DB_OK)
		return HTTP_DB(e);
	a[0] = DBS(today);
	a[1] = DBI(c.account_id);
	a[2] = DBI(c.staff);
	a[3] = DBI(PER_PAGE + 1);
	a[4] = DBI((page - 1) * PER_PAGE);
	if ((e = db_query(&q_quotes, &res, 5, a)) != DB_OK)
		return HTTP_DB(e);
	if (res->nrows == 0 && page > 1) {
		dbres_free(res);
		return 404;
	}
	pg = page_new(r, "billing-quotes");
	n = xml_elem(pg, "billing-account");
	xml_attrf(n, "id", "%u", c.account_id);
	xml_attr(n, "number", c.number);
	xml_attr(n, "money", "yes");
	if (c.staff)
		xml_attr(n, "staff-view", "yes");
	xml_attr(n, "base", billing_link(r, &c, "/billing"));
	xml_text(n, "name", c.company);
	list = xml_elem(pg, "quotes");
	for (i = 0; i < res->nrows && i < PER_PAGE; i++) {
		n = xml_elem(list, "quote");
		xml_attr(n, "number", dbres_get(res, i, QL_NUMBER));
		xml_attr(n, "url", billing_link(r, &c, arena_printf(r->arena,
		    "/billing/quotes/%s", dbres_get(res, i, QL_NUMBER))));
		xml_attr(n, "issued", dbres_get(res, i, QL_ISSUED));
		xml_attr(n, "valid-until", dbres_get(res, i, QL_VALID_UNTIL));
		xml_attr(n, "status", quote_status(dbres_get(res, i,
		    QL_STATUS), dbres_get(res, i, QL_PAST)));
		xml_text(n, "title", dbres_get(res, i, QL_TITLE));
		billing_amount_xml(r, n, "total", dbres_get(res, i, QL_TOTAL),
		    dbres_get(res, i, QL_CURRENCY));
	}
	p = xml_elem(pg, "paging");
	xml_attrf(p, "page", "%zu", page);
	if (page > 1)
		xml_attr(p, "prev", billing_link(r, &c, arena_printf(r->arena,
		    "/billing/quotes?page=%zu", page - 1)));
	if (res->nrows > PER_PAGE)
		xml_attr(p, "next", billing_link(r, &c, arena_printf(r->arena,
		    "/billing/quotes?page=%zu", page + 1)));
	dbres_free(res);
	return 200;
}

/*
 * The decision form: one comment box for either answer, the version
 * shown riding along.  Accept is the form's own button; decline is a
 * second submit button with its own address (formaction), so the form
 * works without JavaScript and the comment goes with whichever is
 * pressed.
 */
static void
quote_forms(struct req *r, xmlNodePtr n, const char *number,
    const char *version, const char *comment)
{
	xmlNodePtr	f;

	f = form_new(r, n, "quote-decide", arena_printf(r->arena,
	    "/billing/quotes/%s/accept", number), "billing.quote-accept");
	form_hidden(f, "version", version);
	xml_attr(form_field(f, "comment", "textarea", comment, NULL), "label",
	    "billing.comment");
	form_button(f, arena_printf(r->arena, "/billing/quotes/%s/decline",
	    number), "billing.quote-decline");
}

/*
 * The quote page of c's account's quote number, answered with status
 * (200, or 409 after a refused decision, with notice).
 */
static int
quote_page(struct req *r, const struct billing *c, const char *number,
    int status, const char *notice, const char *comment)
{
	struct dbres	*q, *lines;
	struct dbarg	 a[4];
	xmlNodePtr	 pg, n, list, l, d;
	const char	*cur, *qs;
	char		 today[11];
	size_t		 i;
	int		 e;

	if ((e = billing_today(today)) != DB_OK)
		return HTTP_DB(e);
	a[0] = DBS(today);
	a[1] = DBS(number);
	a[2] = DBI(c->account_id);
	a[3] = DBI(c->staff);
	if ((e = db_query(&q_quote, &q, 4, a)) != DB_OK)
		return HTTP_DB(e);
	if (q->nrows != 1) {
		dbres_free(q);
		return 404;
	}
	a[0] = DBS(dbres_get(q, 0, QT_ID));
	if ((e = db_query(&q_quote_lines, &lines, 1, a)) != DB_OK) {
		dbres_free(q);
		return HTTP_DB(e);
	}
	pg = page_new(r, "billing-quote");
	n = xml_elem(pg, "billing-account");
	xml_attrf(n, "id", "%u", c->account_id);
	xml_attr(n, "number", c->number);
	xml_attr(n, "money", "yes");
	if (c->staff)
		xml_attr(n, "staff-view", "yes");
	xml_attr(n, "base", billing_link(r, c, "/billing"));
	xml_text(n, "name", c->company);
	if (notice != NULL)
		page_notice(r, notice, "error");
	else if (kv_get(&r->query, "done"))
		page_notice(r, kv_get(&r->query, "done"), "success");
	cur = dbres_get(q, 0, QT_CURRENCY);
	qs = quote_status(dbres_get(q, 0, QT_STATUS), dbres_get(q, 0,
	    QT_PAST));
	n = xml_elem(pg, "quote");
	xml_attr(n, "number", dbres_get(q, 0, QT_NUMBER));
	xml_attr(n, "issued", dbres_get(q, 0, QT_ISSUED));
	xml_attr(n, "valid-until", dbres_get(q, 0, QT_VALID_UNTIL));
	xml_attr(n, "status", qs);
	xml_attr(n, "version", dbres_get(q, 0, QT_VERSION));
	xml_text(n, "title", dbres_get(q, 0, QT_TITLE));
	list = xml_elem(n, "lines");
	for (i = 0; i < lines->nrows; i++) {
		l = xml_elem(list, "line");
		xml_attr(l, "quantity", billing_quantity(r, dbres_get(lines,
		    i, QN_QUANTITY)));
		xml_attr(l, "tax-rate", billing_rate(r, dbres_get(lines, i,
		    QN_RATE)));
		xml_text(l, "description", dbres_get(lines, i,
		    QN_DESCRIPTION));
		billing_amount_xml(r, l, "unit", dbres_get(lines, i, QN_UNIT),
		    cur);
		billing_amount_xml(r, l, "net", dbres_get(lines, i, QN_NET),
		    cur);
		billing_amount_xml(r, l, "tax", dbres_get(lines, i, QN_TAX),
		    cur);
	}
	billing_amount_xml(r, n, "subtotal", dbres_get(q, 0, QT_SUBTOTAL),
	    cur);
	billing_amount_xml(r, n, "tax", dbres_get(q, 0, QT_TAX), cur);
	billing_amount_xml(r, n, "total", dbres_get(q, 0, QT_TOTAL), cur);
	if (*dbres_get(q, 0, QT_DECIDED_AT) != '\0') {
		d = xml_elem(n, "decision");
		xml_attr(d, "at", dbres_get(q, 0, QT_DECIDED_AT));
		xml_attr(d, "version", dbres_get(q, 0, QT_DECIDED_VERSION));
		xml_attr(d, "by", dbres_get(q, 0, QT_DECIDER));
		if (*dbres_get(q, 0, QT_COMMENT) != '\0')
			xml_text(d, "comment", dbres_get(q, 0, QT_COMMENT));
	}
	if (c->decide && !strcmp(qs, "sent"))
		quote_forms(r, n, dbres_get(q, 0, QT_NUMBER), dbres_get(q, 0,
		    QT_VERSION), comment);
	dbres_free(q);
	dbres_free(lines);
	return status;
}

int
page_billing_quote(struct req *r)
{
	struct billing	c;
	int		st;

	if ((st = billing_open(r, BILLING_MONEY, &c)) != 0)
		return st;
	return quote_page(r, &c, r->args[0], 200, NULL, NULL);
}

/*
 * POST /billing/quotes/NUMBER/accept or /decline: 303 to the quote with
 * its notice when this request decided it; the quote again with 409 and
 * why when it may not be decided (any more); 403 for a role that may
 * not decide, staff included; 404 for another account's quote.
 */
static int
quote_decide(struct req *r, bool accept)
{
	struct billing	 c;
	const char	*version, *comment;
	int		 st;

	/* Staff look at quotes; the customer decides them. */
	if (r->user->role >= ROLE_AGENT)
		return req_fail(r, 403, "quote-role", NULL);
	if ((st = billing_open(r, BILLING_MONEY, &c)) != 0)
		return st;
	if (!c.decide)
		return req_fail(r, 403, "quote-role", NULL);
	version = kv_get(&r->form, "version");
	comment = kv_get(&r->form, "comment");
	if (version == NULL)
		return req_fail(r, 400, "missing-param", "version");
	if (comment == NULL)
		comment = "";
	st = billing_quote_decide(r, &c, r->args[0], (unsigned)strtoul(version,
	    NULL, 10), accept, comment);
	switch (st) {
	case 0:
		return req_redirect(r, arena_printf(r->arena,
		    "/billing/quotes/%s?done=%s", r->args[0], accept ?
		    "quote-accepted" : "quote-declined"));
	case QUOTE_ENOENT:
		return 404;
	case QUOTE_EDECIDED:
		return quote_page(r, &c, r->args[0], 409, "quote-decided",
		    comment);
	case QUOTE_ECHANGED:
		return quote_page(r, &c, r->args[0], 409, "quote-changed",
		    comment);
	case QUOTE_EEXPIRED:
		return quote_page(r, &c, r->args[0], 409, "quote-expired",
		    comment);
	default:
		return HTTP_DB(st);
	}
}

int
page_billing_quote_accept(struct req *r)
{
	return quote_decide(r, true);
}

int
page_billing_quote_decline(struct req *r)
{
	return quote_decide(r, false);
}
