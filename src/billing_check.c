/*
 * The checks of one billing import row's text, before any database:
 * which type it is, that it has the fields its type needs and no
 * others, and that each is well written (days, decimals, enums, ISO
 * 4217 codes, document numbers safe in an address).  The readers
 * (billing_read.c) made the rows; billing_import.c applies them.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

const char *const billing_types[BT__MAX + 1] = {
	"service", "order", "invoice", "quote", "payment", "credit",
	"order-line", "invoice-line", "quote-line", "allocation", NULL
};

#define B(f)	(1u << (f))
/* The fields each type needs, and the further ones it may have. */
static const struct {
	uint32_t	need, may;
} shape[BT__MAX] = {
	[BT_SERVICE] = { B(BF_EXT_ID) | B(BF_ACCOUNT) | B(BF_PRODUCT) |
	    B(BF_STATUS) | B(BF_CYCLE) | B(BF_CURRENCY) | B(BF_PRICE),
	    B(BF_PLAN) | B(BF_LABEL) | B(BF_DATE) | B(BF_DUE) },
	[BT_ORDER] = { B(BF_EXT_ID) | B(BF_ACCOUNT) | B(BF_NUMBER) |
	    B(BF_DATE) | B(BF_STATUS) | B(BF_CURRENCY), 0 },
	[BT_INVOICE] = { B(BF_EXT_ID) | B(BF_ACCOUNT) | B(BF_NUMBER) |
	    B(BF_DATE) | B(BF_DUE) | B(BF_STATUS) | B(BF_CURRENCY), 0 },
	[BT_QUOTE] = { B(BF_EXT_ID) | B(BF_ACCOUNT) | B(BF_NUMBER) |
	    B(BF_DATE) | B(BF_DUE) | B(BF_STATUS) | B(BF_CURRENCY),
	    B(BF_TITLE) },
	[BT_PAYMENT] = { B(BF_EXT_ID) | B(BF_ACCOUNT) | B(BF_DATE) |
	    B(BF_METHOD) | B(BF_AMOUNT) | B(BF_CURRENCY), B(BF_REFERENCE) },
	[BT_CREDIT] = { B(BF_EXT_ID) | B(BF_ACCOUNT) | B(BF_DATE) |
	    B(BF_KIND) | B(BF_AMOUNT) | B(BF_CURRENCY),
	    B(BF_DESCRIPTION) | B(BF_INVOICE_ID) },
	[BT_ORDER_LINE] = { B(BF_ORDER_ID) | B(BF_LINE_NO) |
	    B(BF_DESCRIPTION) | B(BF_PRICE), B(BF_QUANTITY) | B(BF_SERVICE_ID) },
	[BT_INVOICE_LINE] = { B(BF_INVOICE_ID) | B(BF_LINE_NO) |
	    B(BF_DESCRIPTION) | B(BF_PRICE), B(BF_QUANTITY) | B(BF_TAX_RATE) |
	    B(BF_SERVICE_ID) },
	[BT_QUOTE_LINE] = { B(BF_QUOTE_ID) | B(BF_LINE_NO) |
	    B(BF_DESCRIPTION) | B(BF_PRICE), B(BF_QUANTITY) | B(BF_TAX_RATE) },
	[BT_ALLOCATION] = { B(BF_PAYMENT_ID) | B(BF_INVOICE_ID) |
	    B(BF_AMOUNT), 0 },
};

static const char *const service_statuses[] = { "pending", "active",
    "suspended", "cancelled", NULL };
static const char *const cycles[] = { "one-time", "monthly", "quarterly",
    "semiannual", "annual", "biennial", "triennial", NULL };
static const char *const order_statuses[] = { "pending", "active",
    "completed", "cancelled", "fraud", NULL };
static const char *const invoice_statuses[] = { "draft", "unpaid",
    "partially-paid", "paid", "overdue", "cancelled", "refunded", NULL };
static const char *const credit_kinds[] = { "credit-note", "refund",
    "adjustment", "applied", NULL };
static const char *const quote_statuses[] = { "draft", "sent", "accepted",
    "declined", "expired", NULL };


static bool
in_list(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

static const char *
list_text(struct arena *a, const char *const *list)
{
	struct buf	b = { NULL, 0, 0 };
	const char	*s;

	for (; *list != NULL; list++)
		buf_printf(&b, "%s%s", b.len ? ", " : "", *list);
	s = arena_strdup(a, b.p ? b.p : "");
	buf_free(&b);
	return s;
}

/* No control characters; a description may have tabs and new lines. */
static bool
plain_text(const char *s, bool multiline)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (multiline && (c == '\n' || c == '\t' || c == '\r'))
			continue;
		if (c < 0x20 || c == 0x7f)
			return false;
	}
	return true;
}

/* A document number, also the last part of its address: ASCII letters,
 * digits, '-', '_' and '.', not starting with '.'. */
static bool
valid_number(const char *s)
{
	if (*s == '.' || *s == '\0')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
		    *s == '.'))
			return false;
	return true;
}

/* YYYY-MM-DD, or with " HH:MM" or " HH:MM:SS" (or a 'T'), as SQL text. */
static const char *
datetime_sql(struct arena *a, const char *s)
{
	size_t	n = strlen(s);
	int	h, mi, se = 0;

	if (n == 10)
		return billing_day_valid(s) ? arena_printf(a, "%s 00:00:00", s) : NULL;
	if ((n != 16 && n != 19) || (s[10] != ' ' && s[10] != 'T') ||
	    s[13] != ':')
		return NULL;
	{
		char	day[11];

		memcpy(day, s, 10);
		day[10] = '\0';
		if (!billing_day_valid(day))
			return NULL;
	}
	h = billing_digits(s + 11, 2);
	mi = billing_digits(s + 14, 2);
	if (n == 19 && (s[16] != ':' || (se = billing_digits(s + 17, 2)) < 0))
		return NULL;
	if (h < 0 || h > 23 || mi < 0 || mi > 59 || se > 59)
		return NULL;
	return arena_printf(a, "%.10s %.2s:%.2s:%02d", s, s + 11, s + 14, se);
}

/*
 * A non-negative decimal with at most places decimals, in units of
 * 10^-places ("1.5" at 3 places is 1500), up to max.
 */
static bool
fixed_parse(const char *s, int places, int64_t max, int64_t *out)
{
	int64_t	v = 0;
	int	dec = -1;
	bool	any = false;

	for (; *s; s++) {
		if (*s == '.' && dec < 0 && any) {
			dec = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || (dec >= 0 && ++dec > places))
			return false;
		v = v * 10 + (*s - '0');
		any = true;
		if (v > max)
			return false;
	}
	if (!any || dec == 0)
		return false;
	for (dec = dec < 0 ? 0 : dec; dec < places; dec++)
		v *= 10;
	if (v > max)
		return false;
	*out = v;
	return true;
}

/* Check an enum field f of r against list. */
static const char *
check_enum(struct arena *a, const struct billing_row *r, int f,
    const char *const *list)
{
	if (r->f[f] == NULL || in_list(list, r->f[f]))
		return NULL;
	return arena_printf(a, "%s \"%.30s\" is not one of %s",
	    billing_fields[f], r->f[f], list_text(a, list));
}

/* An amount field f of r in currency code: *out.  NULL or why not. */
const char *
billing_amount_check(struct arena *a, const struct billing_row *r, int f,
    const char *code, int64_t *out)
{
	int	exp = money_exponent(code);

	if (money_parse(r->f[f], code, out) == 0)
		return NULL;
	if (exp == 0)
		return arena_printf(a, "%s \"%.30s\" is not a whole amount of "
		    "%s (it has no decimals)", billing_fields[f], r->f[f], code);
	return arena_printf(a, "%s \"%.30s\" is not an amount of %s: digits "
	    "with '.' and at most %d decimals, no rounding", billing_fields[f],
	    r->f[f], code, exp);
}

/* The fields of r's type: present, allowed, plain text. */
static const char *
check_shape(struct arena *a, struct billing_row *r)
{
	uint32_t	need, may;
	int		f;

	if ((r->type = billing_type_of(r->f[BF_TYPE])) == BT__MAX)
		return arena_printf(a, "type \"%.30s\" is not one of %s",
		    r->f[BF_TYPE], list_text(a, (const char *const[]){
		    "service", "order", "order-line", "invoice",
		    "invoice-line", "payment", "allocation", "credit", "quote",
		    "quote-line", NULL }));
	need = shape[r->type].need;
	may = need | shape[r->type].may | B(BF_TYPE);
	for (f = 0; f < BF__MAX; f++) {
		if (r->f[f] == NULL && (need & B(f)))
			return arena_printf(a, "%s rows need %s",
			    billing_types[r->type], billing_fields[f]);
		if (r->f[f] != NULL && !(may & B(f)))
			return arena_printf(a, "%s rows have no %s (leave "
			    "it empty)", billing_types[r->type], billing_fields[f]);
		if (r->f[f] != NULL && !plain_text(r->f[f],
		    f == BF_DESCRIPTION))
			return arena_printf(a, "%s holds a control character",
			    billing_fields[f]);
	}
	return NULL;
}

/* Dates, numbers and enums of r.  NULL or why r is bad. */
static const char *
check_values(struct arena *a, struct billing_row *r)
{
	const char	*why = NULL;
	int64_t		 v;

	if (r->f[BF_NUMBER] && !valid_number(r->f[BF_NUMBER]))
		return arena_printf(a, "number \"%.40s\" may have only ASCII "
		    "letters, digits, '-', '_' and '.' (not first): it is "
		    "part of the document's address", r->f[BF_NUMBER]);
	if (r->f[BF_CURRENCY] && !valid_currency(r->f[BF_CURRENCY],
	    strlen(r->f[BF_CURRENCY])))
		return arena_printf(a, "currency \"%.3s\" is not an ISO 4217 "
		    "code Portico knows", r->f[BF_CURRENCY]);
	if (r->type == BT_ORDER) {
		if ((r->f[BF_DATE] = datetime_sql(a, r->f[BF_DATE])) == NULL)
			return "date must be YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS]";
	} else if (r->f[BF_DATE] && !billing_day_valid(r->f[BF_DATE]))
		return arena_printf(a, "date \"%.20s\" is not a day written "
		    "YYYY-MM-DD", r->f[BF_DATE]);
	if (r->f[BF_DUE] && !billing_day_valid(r->f[BF_DUE]))
		return arena_printf(a, "due \"%.20s\" is not a day written "
		    "YYYY-MM-DD", r->f[BF_DUE]);
	if ((r->type == BT_INVOICE || r->type == BT_QUOTE) &&
	    strcmp(r->f[BF_DUE], r->f[BF_DATE]) < 0)
		return "due is before date";
	if (r->f[BF_LINE_NO]) {
		if (!fixed_parse(r->f[BF_LINE_NO], 0, 65535, &v) || v < 1)
			return "line_no must be a whole number 1-65535";
		r->line_no = (unsigned)v;
	}
	r->quantity = 1000;
	if (r->f[BF_QUANTITY] && (!fixed_parse(r->f[BF_QUANTITY], 3,
	    INT64_C(1000000000000), &r->quantity) || r->quantity == 0))
		return "quantity must be a number above 0 with at most 3 "
		    "decimals (\"1\", \"1.5\")";
	if (r->f[BF_TAX_RATE] && (!fixed_parse(r->f[BF_TAX_RATE], 2, 10000,
	    &r->tax_bp)))
		return "tax_rate must be a percentage 0-100 with at most 2 "
		    "decimals (\"24\", \"25.5\")";
	switch (r->type) {
	case BT_SERVICE:
		if ((why = check_enum(a, r, BF_STATUS, service_statuses)) ||
		    (why = check_enum(a, r, BF_CYCLE, cycles)))
			return why;
		if ((why = billing_amount_check(a, r, BF_PRICE, r->f[BF_CURRENCY],
		    &r->price)) == NULL && r->price < 0)
			why = "price must not be negative";
		return why;
	case BT_ORDER:
		return check_enum(a, r, BF_STATUS, order_statuses);
	case BT_INVOICE:
		return check_enum(a, r, BF_STATUS, invoice_statuses);
	case BT_QUOTE:
		return check_enum(a, r, BF_STATUS, quote_statuses);
	case BT_PAYMENT:
		if ((why = billing_amount_check(a, r, BF_AMOUNT, r->f[BF_CURRENCY],
		    &r->amount)) == NULL && r->amount <= 0)
			why = "amount of a payment must be above 0 (a refund "
			    "is a credit of kind refund)";
		return why;
	case BT_CREDIT:
		if ((why = check_enum(a, r, BF_KIND, credit_kinds)) ||
		    (why = billing_amount_check(a, r, BF_AMOUNT, r->f[BF_CURRENCY],
		    &r->amount)))
			return why;
		return r->amount == 0 ? "amount of a credit must not be 0" :
		    NULL;
	default:
		return NULL;
	}
}

/* The parent ext_id a line or allocation names, for duplicate keys. */
const char *
billing_row_key(struct arena *a, const struct billing_row *r)
{
	switch (r->type) {
	case BT_ORDER_LINE:
		return arena_printf(a, "%d\x1f%s\x1f%u", r->type,
		    r->f[BF_ORDER_ID], r->line_no);
	case BT_INVOICE_LINE:
		return arena_printf(a, "%d\x1f%s\x1f%u", r->type,
		    r->f[BF_INVOICE_ID], r->line_no);
	case BT_QUOTE_LINE:
		return arena_printf(a, "%d\x1f%s\x1f%u", r->type,
		    r->f[BF_QUOTE_ID], r->line_no);
	case BT_ALLOCATION:
		return arena_printf(a, "%d\x1f%s\x1f%s", r->type,
		    r->f[BF_PAYMENT_ID], r->f[BF_INVOICE_ID]);
	default:
		return arena_printf(a, "%d\x1f%s", r->type, r->f[BF_EXT_ID]);
	}
}

/* The record type named s (enum btype), BT__MAX for none. */
int
billing_type_of(const char *s)
{
	int	t;

	for (t = 0; t < BT__MAX; t++)
		if (!strcmp(billing_types[t], s))
			return t;
	return BT__MAX;
}

/*
 * Check r's text and read its numbers (r->type, amount, price,
 * quantity, tax_bp, line_no; an order's date as SQL text).  NULL, or
 * why r is bad (in a's memory).
 */
const char *
billing_row_check(struct arena *a, struct billing_row *r)
{
	const char	*why;

	if ((why = check_shape(a, r)) != NULL)
		return why;
	return check_values(a, r);
}
