/*
 * Money: amounts are integers of a currency's minor unit (cents, or yen
 * for a currency without one) beside the ISO 4217 code; never floating
 * point.  This file knows each currency's minor unit, reads a decimal
 * amount exactly, adds and multiplies without overflow going unseen,
 * computes a line's tax with the one rounding rule, and formats an
 * amount in a viewer's language with ICU (unum_formatDecimal, which
 * takes the decimal text, so no binary fraction ever enters).
 *
 * Rounding: tax is the net amount times the rate in basis points
 * (2400 = 24 %) over 10,000, rounded half away from zero to the minor
 * unit, per line; an invoice's tax is the sum of its lines' taxes.
 * Reading an amount never rounds: more decimals than the currency has
 * is an error.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "portico.h"

/* ISO 4217 currencies whose minor unit is not 2 decimals. */
static const struct {
	const char	code[4];
	int		exponent;
} odd[] = {
	{ "BHD", 3 }, { "BIF", 0 }, { "CLF", 4 }, { "CLP", 0 }, { "DJF", 0 },
	{ "GNF", 0 }, { "IQD", 3 }, { "IRR", 2 }, { "ISK", 0 }, { "JOD", 3 },
	{ "JPY", 0 }, { "KMF", 0 }, { "KRW", 0 }, { "KWD", 3 }, { "LYD", 3 },
	{ "OMR", 3 }, { "PYG", 0 }, { "RWF", 0 }, { "TND", 3 }, { "UGX", 0 },
	{ "UYI", 0 }, { "UYW", 4 }, { "VND", 0 }, { "VUV", 0 }, { "XAF", 0 },
	{ "XOF", 0 }, { "XPF", 0 },
};

/*
 * The ISO 4217 codes this portal takes: the 2-decimal ones it lists
 * here and the odd ones above.  An unknown code is refused rather than
 * guessed at.
 */
static const char *const two[] = {
	"AED", "ARS", "AUD", "BGN", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK",
	"EGP", "EUR", "GBP", "HKD", "HUF", "IDR", "ILS", "INR", "MXN", "MYR",
	"NOK", "NZD", "PHP", "PKR", "PLN", "RON", "RSD", "RUB", "SAR", "SEK",
	"SGD", "THB", "TRY", "TWD", "UAH", "USD", "ZAR", "AFN", "TJS", "GEL",
};

int
money_exponent(const char *code)
{
	size_t	i;

	if (code == NULL || strlen(code) != 3)
		return -1;
	for (i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
		if (!strcmp(odd[i].code, code))
			return odd[i].exponent;
	for (i = 0; i < sizeof(two) / sizeof(two[0]); i++)
		if (!strcmp(two[i], code))
			return 2;
	return -1;
}

bool
valid_currency(const char *s, size_t len)
{
	return len == 3 && money_exponent(s) >= 0;
}

/*
 * Read the decimal amount s ("1234.5", "-0.05", "12") of currency code
 * into minor units; a '.' is the only decimal mark, there are no group
 * separators and the only sign is a leading '-' ("+3.10" is refused like
 * "3,10": a positive amount is written bare).  MONEY_EINVAL for anything
 * else, more decimals than the currency has or an amount out of range.
 */
int
money_parse(const char *s, const char *code, int64_t *out)
{
	int		exp = money_exponent(code), decimals = -1;
	bool		neg = false, digits = false;
	int64_t		v = 0;

	if (exp < 0 || s == NULL)
		return MONEY_EINVAL;
	if (*s == '-') {
		neg = true;
		s++;
	}
	for (; *s != '\0'; s++) {
		if (*s == '.' && decimals < 0 && digits) {
			decimals = 0;
			continue;
		}
		if (*s < '0' || *s > '9')
			return MONEY_EINVAL;
		if (decimals >= 0 && ++decimals > exp)
			return MONEY_EINVAL;
		if (v > (MONEY_MAX - (*s - '0')) / 10)
			return MONEY_EINVAL;
		v = v * 10 + (*s - '0');
		digits = true;
	}
	if (!digits || decimals == 0)
		return MONEY_EINVAL;
	for (decimals = decimals < 0 ? 0 : decimals; decimals < exp;
	    decimals++) {
		if (v > MONEY_MAX / 10)
			return MONEY_EINVAL;
		v *= 10;
	}
	*out = neg ? -v : v;
	return 0;
}

/* a + b, MONEY_EINVAL when the sum leaves the range of amounts. */
int
money_add(int64_t a, int64_t b, int64_t *out)
{
	if ((b > 0 && a > MONEY_MAX - b) || (b < 0 && a < -MONEY_MAX - b))
		return MONEY_EINVAL;
	*out = a + b;
	return 0;
}

/*
 * quantity (in thousandths: 1500 = 1.5) times unit price, rounded half
 * away from zero to the minor unit.
 */
int
money_times(int64_t unit, int64_t quantity_milli, int64_t *out)
{
	__int128	p = (__int128)unit * quantity_milli;
	__int128	q = p / 1000, r = p % 1000;

	if (r >= 500)
		q++;
	else if (r <= -500)
		q--;
	if (q > MONEY_MAX || q < -MONEY_MAX)
		return MONEY_EINVAL;
	*out = (int64_t)q;
	return 0;
}

/* The tax of net at rate_bp basis points: the rounding rule above. */
int
money_tax(int64_t net, int rate_bp, int64_t *out)
{
	__int128	p, q, r;

	if (rate_bp < 0 || rate_bp > 100000)
		return MONEY_EINVAL;
	p = (__int128)net * rate_bp;
	q = p / 10000;
	r = p % 10000;
	if (r >= 5000)
		q++;
	else if (r <= -5000)
		q--;
	*out = (int64_t)q;
	return 0;
}

/* The amount as decimal text, "-1234.50": exact, for ICU and CSV. */
const char *
money_decimal(struct arena *a, int64_t minor, const char *code)
{
	int		exp = money_exponent(code);
	uint64_t	u = minor < 0 ? (uint64_t)0 - (uint64_t)minor :
			    (uint64_t)minor;
	uint64_t	scale = 1;
	int		i;

	if (exp <= 0)
		return arena_printf(a, "%s%llu", minor < 0 ? "-" : "",
		    (unsigned long long)u);
	for (i = 0; i < exp; i++)
		scale *= 10;
	return arena_printf(a, "%s%llu.%0*llu", minor < 0 ? "-" : "",
	    (unsigned long long)(u / scale), exp,
	    (unsigned long long)(u % scale));
}

/* The ICU locale of each of the portal's languages. */
static const char *
money_locale(const char *lang)
{
	static const char *const map[][2] = {
		{ "en", "en_GB" }, { "fi", "fi_FI" }, { "et", "et_EE" },
		{ "el", "el_GR" }, { "zh", "zh_CN" }, { "fa", "fa_IR" },
	};
	size_t	i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i][0], lang))
			return map[i][1];
	return NULL;
}

/*
 * The formatter of a locale and currency, kept open: opening one costs
 * 30 to 80 us and a list shows fifty amounts in one or two currencies.
 * A worker is one thread; the few pairs it meets stay open until it
 * exits, the oldest slot giving way when they are more.
 */
#define FORMATTERS	8
static struct {
	const char	*loc;		/* money_locale()'s constant */
	char		 code[4];
	UNumberFormat	*f;
} formatters[FORMATTERS];
static size_t	next_formatter;

static UNumberFormat *
formatter(const char *loc, const char *code)
{
	UNumberFormat	*f;
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		 ucode[4];
	size_t		 i;

	for (i = 0; i < FORMATTERS; i++)
		if (formatters[i].f != NULL && formatters[i].loc == loc &&
		    !strcmp(formatters[i].code, code))
			return formatters[i].f;
	u_charsToUChars(code, ucode, 4);
	f = unum_open(UNUM_CURRENCY, NULL, 0, loc, NULL, &st);
	if (U_FAILURE(st))
		return NULL;
	unum_setTextAttribute(f, UNUM_CURRENCY_CODE, ucode, 3, &st);
	if (U_FAILURE(st)) {
		unum_close(f);
		return NULL;
	}
	/* The currency's own decimals, not the locale's default one's. */
	unum_setAttribute(f, UNUM_MIN_FRACTION_DIGITS, money_exponent(code));
	unum_setAttribute(f, UNUM_MAX_FRACTION_DIGITS, money_exponent(code));
	i = next_formatter++ % FORMATTERS;
	if (formatters[i].f != NULL)
		unum_close(formatters[i].f);
	formatters[i].loc = loc;
	memcpy(formatters[i].code, code, 4);
	formatters[i].f = f;
	return f;
}

/*
 * The amounts formatted last, by locale, currency and amount: one
 * format costs some 25,000 instructions of ICU, and a list shows the
 * same few amounts again and again (a plan's monthly price, its tax).
 * A hash picks a set of two, the newer first; a string longer than
 * AMOUNT_MEMO_LEN is not kept.  The process's: 256 sets, 32 KB.
 */
#define AMOUNT_MEMO_SETS	256
#define AMOUNT_MEMO_LEN		44
struct amount_memo {
	int64_t		 minor;
	const char	*loc;		/* money_locale()'s constant; NULL: empty */
	char		 code[4];
	char		 s[AMOUNT_MEMO_LEN];
};
static struct amount_memo	amount_memo[AMOUNT_MEMO_SETS][2];

static struct amount_memo *
amount_set(int64_t minor, const char *loc, const char *code)
{
	uint64_t	h = (uint64_t)minor;

	h ^= (uint64_t)(uintptr_t)loc ^ ((uint64_t)(unsigned char)code[0] << 16 |
	    (uint64_t)(unsigned char)code[1] << 8 | (unsigned char)code[2]) << 40;
	h *= 0x9E3779B97F4A7C15ULL;
	return amount_memo[h >> 56];		/* the top 8 bits */
}

/* The kept string of the amount, or NULL. */
static const char *
amount_kept(int64_t minor, const char *loc, const char *code)
{
	struct amount_memo	*m = amount_set(minor, loc, code);
	int			 i;

	for (i = 0; i < 2; i++)
		if (m[i].loc == loc && m[i].minor == minor &&
		    !strcmp(m[i].code, code))
			return m[i].s;
	return NULL;
}

static void
amount_keep(int64_t minor, const char *loc, const char *code, const char *s)
{
	struct amount_memo	*m = amount_set(minor, loc, code);
	size_t			 n = strlen(s);

	if (n >= sizeof(m->s) || strlen(code) >= sizeof(m->code))
		return;
	m[1] = m[0];
	m[0].minor = minor;
	m[0].loc = loc;
	memcpy(m[0].code, code, strlen(code) + 1);
	memcpy(m[0].s, s, n + 1);
}

/*
 * minor units of code as a viewer of lang reads them ("1 234,56 €" in
 * Finnish, "€1,234.56" in English, Persian digits in Persian), in a's
 * memory.  MONEY_EINVAL for an unknown currency or language.
 */
int
money_format(struct arena *a, int64_t minor, const char *code,
    const char *lang, const char **out)
{
	UNumberFormat	*f;
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		 buf[128];
	const char	*loc = money_locale(lang);
	char		*utf8;
	int32_t		 n, len;

	*out = NULL;
	if (loc == NULL || money_exponent(code) < 0)
		return MONEY_EINVAL;
	if ((*out = amount_kept(minor, loc, code)) != NULL) {
		*out = arena_strdup(a, *out);
		return 0;
	}
	if ((f = formatter(loc, code)) == NULL)
		return MONEY_EINVAL;
	n = unum_formatDecimal(f, money_decimal(a, minor, code), -1, buf,
	    (int32_t)(sizeof(buf) / sizeof(buf[0])), NULL, &st);
	if (U_FAILURE(st) || n <= 0)
		return MONEY_EINVAL;
	len = 0;
	u_strToUTF8(NULL, 0, &len, buf, n, &st);
	st = U_ZERO_ERROR;
	utf8 = arena_alloc(a, (size_t)len + 1);
	u_strToUTF8(utf8, len + 1, NULL, buf, n, &st);
	if (U_FAILURE(st))
		return MONEY_EINVAL;
	amount_keep(minor, loc, code, utf8);
	*out = utf8;
	return 0;
}
