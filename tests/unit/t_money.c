/*
 * Unit tests: money (money.c).  Amounts read exactly or not at all,
 * the rounding rule of tax and quantities, overflow refused, and the
 * formatting of an amount in each of the six languages.
 */
#include "config.h"

#include <string.h>

#include "portico.h"
#include "tap.h"

static struct arena	*A;

static void
parse(const char *s, const char *cur, int want_err, int64_t want)
{
	int64_t	v = -42;
	int	e = money_parse(s, cur, &v);

	if (want_err)
		ok(e != 0, "\"%s\" %s is refused", s, cur);
	else
		ok(e == 0 && v == want, "\"%s\" %s is %lld minor units (got "
		    "%lld, error %d)", s, cur, (long long)want, (long long)v, e);
}

static void
fmt(int64_t minor, const char *cur, const char *lang, const char *want)
{
	const char	*out = NULL;
	int		 e = money_format(A, minor, cur, lang, &out);

	ok(e == 0 && out != NULL && !strcmp(out, want), "%s %s: \"%s\" "
	    "(want \"%s\")", lang, cur, out != NULL ? out : "(none)", want);
}

/*
 * The amounts kept from earlier formats answer only for their own
 * amount, currency and language: the same amount in turn in several,
 * and more amounts than are kept, twice (the second time backwards).
 */
static void
fmt_kept(void)
{
	const char	*out;
	char		 want[64];
	int		 i, k, pass, bad = 0;

	for (i = 0; i < 2; i++) {
		fmt(123456, "EUR", "en", "€1,234.56");
		fmt(123456, "USD", "en", "US$1,234.56");
		fmt(123456, "EUR", "fi", "1\u00a0234,56\u00a0€");
		fmt(123456, "JPY", "en", "JP¥123,456");
	}
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < 900; i++) {
			k = pass == 0 ? i : 899 - i;
			snprintf(want, sizeof(want), "€%d.%02d", 100 + k / 100,
			    k % 100);
			if (money_format(A, 10000 + k, "EUR", "en", &out) != 0 ||
			    strcmp(out, want) != 0)
				bad++;
		}
	ok(bad == 0, "900 amounts formatted twice, each its own (%d wrong)",
	    bad);
}

int
main(void)
{
	int64_t		v;
	const char	*out;

	A = arena_new();
	ok(money_exponent("EUR") == 2 && money_exponent("JPY") == 0 &&
	    money_exponent("KWD") == 3 && money_exponent("XYZ") == -1 &&
	    money_exponent("eur") == -1, "minor units per ISO 4217, unknown "
	    "codes refused");
	parse("1234.56", "EUR", 0, 123456);
	parse("1234.5", "EUR", 0, 123450);
	parse("12", "EUR", 0, 1200);
	parse("-0.05", "EUR", 0, -5);
	parse("+3.10", "EUR", 1, 0);
	parse("+-3.10", "EUR", 1, 0);
	parse("-+3.10", "EUR", 1, 0);
	parse("1500", "JPY", 0, 1500);
	parse("1.234", "KWD", 0, 1234);
	parse("1.005", "EUR", 1, 0);
	parse("1.5", "JPY", 1, 0);
	parse("1,50", "EUR", 1, 0);
	parse("1 000", "EUR", 1, 0);
	parse("12.", "EUR", 1, 0);
	parse(".5", "EUR", 1, 0);
	parse("", "EUR", 1, 0);
	parse("-", "EUR", 1, 0);
	parse("1e3", "EUR", 1, 0);
	parse("12.00", "XYZ", 1, 0);
	parse("99999999999999999999", "EUR", 1, 0);
	parse("9999999999999999.99", "EUR", 0, INT64_C(999999999999999999));
	parse("10000000000000000.00", "EUR", 1, 0);

	ok(money_add(MONEY_MAX, 1, &v) != 0 &&
	    money_add(-MONEY_MAX, -1, &v) != 0 &&
	    money_add(100, -250, &v) == 0 && v == -150,
	    "sums out of range are refused, others exact");
	ok(money_tax(1000, 2400, &v) == 0 && v == 240, "24 %% of 10.00 is 2.40");
	ok(money_tax(1, 2400, &v) == 0 && v == 0 &&
	    money_tax(3, 2400, &v) == 0 && v == 1, "0.24 rounds down, 0.72 "
	    "up");
	ok(money_tax(125, 2000, &v) == 0 && v == 25 &&
	    money_tax(1025, 1000, &v) == 0 && v == 103, "half a cent rounds "
	    "away from zero (102.5 -> 103)");
	ok(money_tax(-1025, 1000, &v) == 0 && v == -103, "on credits too "
	    "(-102.5 -> -103)");
	ok(money_tax(1000, -1, &v) != 0, "a negative rate is refused");
	ok(money_times(1999, 3000, &v) == 0 && v == 5997, "3 x 19.99 = "
	    "59.97");
	ok(money_times(1999, 1500, &v) == 0 && v == 2999, "1.5 x 19.99 = "
	    "29.985 -> 29.99");
	ok(money_times(MONEY_MAX, 2000, &v) != 0, "a product out of range "
	    "is refused");
	ok(!strcmp(money_decimal(A, -5, "EUR"), "-0.05") &&
	    !strcmp(money_decimal(A, 1500, "JPY"), "1500") &&
	    !strcmp(money_decimal(A, 1234, "KWD"), "1.234"),
	    "decimal text is exact");

	fmt(123456, "EUR", "en", "€1,234.56");
	fmt(123456, "EUR", "fi", "1\u00a0234,56\u00a0€");
	fmt(123456, "EUR", "et", "1\u00a0234,56\u00a0€");
	fmt(123456, "EUR", "el", "1.234,56\u00a0€");
	fmt(123456, "CNY", "zh", "¥1,234.56");
	fmt(150000, "JPY", "zh", "JP¥150,000");
	fmt(-500, "USD", "en", "-US$5.00");
	out = NULL;
	v = money_format(A, 123456, "EUR", "fa", &out);
	ok(v == 0 && out != NULL && strstr(out, "۱") != NULL &&
	    strstr(out, "۲۳۴") != NULL && strstr(out, "€") != NULL,
	    "fa EUR: Persian digits (%s)", out != NULL ? out : "(none)");
	ok(money_format(A, 100, "XYZ", "en", &out) != 0 &&
	    money_format(A, 100, "EUR", "xx", &out) != 0,
	    "an unknown currency or language is refused");
	fmt_kept();
	arena_free(A);
	return tap_done();
}
