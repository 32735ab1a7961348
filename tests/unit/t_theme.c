/*
 * Unit tests: catalogs, themes and the XSLT security preferences.  Pages
 * are built with the same calls the handlers use and rendered with the
 * shipped themes.
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/upluralrules.h>
#include <unicode/ustring.h>

#include "portico.h"
#include "tap.h"

static char	*
render(struct req *r)
{
	char		*out = NULL;
	size_t		 len;
	const char	*ct;

	if (theme_render(r, &out, &len, &ct) != 0)
		return NULL;
	return out;
}

static int
count(const char *hay, const char *needle)
{
	int	n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay++;
	}
	return n;
}

static void
write_file(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

static void
test_shipped(const char *themes)
{
	struct req	*r;
	xmlNodePtr	 home, item;
	char		 err[4096], *out;

	ok(i18n_load(themes, "", "en", err, sizeof(err)) == 0,
	    "catalogs load: %s", err);
	ok(i18n_find("en") && i18n_find("fa") && i18n_find("fa")->rtl &&
	    !i18n_find("en")->rtl, "en and fa, fa right-to-left");
	ok(!strcmp(i18n_get(i18n_find("fa"), "nav.home"), "خانه"),
	    "a Persian string");
	ok(i18n_negotiate(NULL, "fa-IR,fa;q=0.9,en;q=0.8") == i18n_find("fa"),
	    "Accept-Language fa-IR picks fa");
	ok(i18n_negotiate(NULL, "de-DE, en;q=0.5, fa;q=0.7") ==
	    i18n_find("fa"), "the highest q among offered languages");
	ok(i18n_negotiate("en", "fa") == i18n_find("en"),
	    "the cookie wins over the browser");
	ok(i18n_negotiate("xx", "de") == i18n_default(),
	    "nothing offered: the default");
	ok(theme_load(themes, "default", err, sizeof(err)) == 0,
	    "default theme parses: %s", err);

	r = req_new();
	r->path = "/";
	strcpy(r->rid, "abc123");
	r->cat = i18n_find("fa");
	home = page_new(r, "home");
	item = xml_elem(xml_elem(home, "pages"), "item");
	xml_attr(item, "slug", "about");
	xml_attr(item, "lang", "fa");
	xml_text(item, "title", "<script>alert(1)</script>");
	out = render(r);
	ok(out != NULL, "home page renders");
	ok(out && strstr(out, "<html lang=\"fa\" dir=\"rtl\">"),
	    "html carries lang and dir");
	ok(out && !strncmp(out, "<!DOCTYPE html", 14), "an HTML5 doctype");
	ok(out && count(out, "charset") == 1, "exactly one charset declaration");
	ok(out && strstr(out, "خانه") != NULL, "Persian UI strings");
	ok(out && strstr(out, "&lt;script&gt;alert(1)") &&
	    !strstr(out, "<script>alert"), "data is escaped");
	ok(out && !strstr(out, "xmlns:p"), "no namespace noise in the HTML");
	free(out);

	page_error(r, 404, "unknown-param", "foo<b>");
	r->cat = i18n_find("en");
	out = render(r);
	ok(out && strstr(out, "Page not found") &&
	    strstr(out, "Unknown parameter: foo&lt;b&gt;"),
	    "error page with its reason, escaped");
	free(out);
	page_error(r, 500, NULL, NULL);
	out = render(r);
	ok(out && strstr(out, "Something went wrong") &&
	    strstr(out, "Request id: abc123"), "the 500 page, with the request id");
	free(out);
	page_error(r, 503, "database", NULL);
	r->cat = i18n_find("fa");
	out = render(r);
	ok(out && strstr(out, "موقتاً در دسترس نیست") && strstr(out, "dir=\"rtl\""),
	    "the 503 page in Persian");
	free(out);
	r->cat = i18n_find("en");
	page_error(r, 404, NULL, NULL);
	ok(theme_load(themes, "example", err, sizeof(err)) == 0,
	    "example theme parses: %s", err);
	out = render(r);
	ok(out && strstr(out, "/static/example/example.css") &&
	    strstr(out, "class=\"tagline\"") && strstr(out, "Page not found"),
	    "example theme overrides the head and header, keeps the pages");
	free(out);
	req_free(r);
}

/* The form of key for n in lang, as a string to compare ("" for none). */
static const char *
form(const char *lang, const char *key, double n)
{
	const char	*s = i18n_plural(i18n_find(lang), key, n);

	return s ? s : "";
}

/* What b holds, copied into out (of n bytes); b is freed. */
static const char *
kept(struct buf *b, char *out, size_t n)
{
	snprintf(out, n, "%s", b->p ? b->p : "");
	buf_free(b);
	return out;
}

/* n in lang's digits, in a static buffer. */
static const char *
number(const char *lang, double n)
{
	static char	 out[64];
	struct buf	 b = { NULL, 0, 0 };

	i18n_number(i18n_find(lang), n, &b);
	return kept(&b, out, sizeof(out));
}

/* s (a day, a decimal) in lang's digits, in a static buffer. */
static const char *
digits(const char *lang, const char *s)
{
	static char	 out[128];
	struct buf	 b = { NULL, 0, 0 };

	i18n_digits(i18n_find(lang), s, &b);
	return kept(&b, out, sizeof(out));
}

/* n bytes as lang writes a size, in a static buffer. */
static const char *
size(const char *lang, double n)
{
	static char	 out[128];
	struct buf	 b = { NULL, 0, 0 };

	i18n_size(i18n_find(lang), n, &b);
	return kept(&b, out, sizeof(out));
}

/* Days, decimals and sizes follow the language (Persian: its digits,
 * its decimal separator and its units, no Latin "B"). */
static void
test_digits_sizes(void)
{
	ok(!strcmp(digits("fa", "2026-01-15"), "۲۰۲۶-۰۱-۱۵") &&
	    !strcmp(digits("fa", "2026-01-15 09:30:00"),
	    "۲۰۲۶-۰۱-۱۵ ۰۹:۳۰:۰۰") && !strcmp(digits("fa", "25.5"), "۲۵٫۵"),
	    "Persian days, times and decimals: %s", digits("fa", "25.5"));
	ok(!strcmp(digits("en", "2026-01-15"), "2026-01-15") &&
	    !strcmp(digits("fi", "25.5"), "25.5"),
	    "English and Finnish keep them: %s", digits("fi", "25.5"));
	ok(!strcmp(size("en", 22), "22 B") && !strcmp(size("en", 2048),
	    "2 kB") && !strcmp(size("en", 3000001), "2.9 MB"),
	    "English sizes: 22 B, 2 kB, %s", size("en", 3000001));
	ok(!strcmp(size("fa", 22), "۲۲ بایت") && !strcmp(size("fa", 2048),
	    "۲ کیلوبایت") && !strcmp(size("fa", 3000001), "۲٫۹ مگابایت"),
	    "Persian sizes: %s, %s", size("fa", 22), size("fa", 3000001));
	ok(!strcmp(size("en", -1), "") && !strcmp(size("en", 0.0 / 0.0), ""),
	    "no size: nothing");
}

/*
 * Whole numbers are written without printf: as "%.0f" writes them, the
 * sign of a negative zero, the largest and the negative ones included;
 * fractions as "%g".
 */
static void
test_whole_numbers(void)
{
	static const double	 v[] = { 0, -0.0, 1, -1, 9, 10, 99, 100,
	    1234567, -1234567, 4294967296.0, 999999999999999.0,
	    -999999999999999.0, 1e15, 2.5, -0.5, 1e20 };
	char			 want[64];
	size_t			 i;
	int			 bad = 0;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		snprintf(want, sizeof(want), fabs(v[i]) < 1e15 &&
		    v[i] == floor(v[i]) ? "%.0f" : "%g", v[i]);
		if (strcmp(number("en", v[i]), want) != 0) {
			printf("# %s, want %s\n", number("en", v[i]), want);
			bad++;
		}
	}
	ok(bad == 0, "numbers as printf writes them (%d wrong)", bad);
}

/*
 * i18n.c's plural rules against CLDR's own, as ICU holds them: every
 * shipped language, whole numbers 0-1000 and some fractions.
 */
static void
test_cldr(void)
{
	static const double	 fractions[] = { 0.5, 1.5, 0.1, 2.25, 1.0 };
	const struct catalog	*c;
	UPluralRules		*pr;
	UErrorCode		 st;
	UChar			 kw[16];
	char			 cat[16];
	size_t			 k;
	int32_t			 len;
	int			 i, bad;
	double			 n;

	for (k = 0; k < i18n_count(); k++) {
		c = i18n_at(k);
		st = U_ZERO_ERROR;
		pr = uplrules_open(c->code, &st);
		bad = U_FAILURE(st) ? -1 : 0;
		for (i = 0; bad == 0 && i < 1001 + 5; i++) {
			n = i < 1001 ? i : fractions[i - 1001];
			len = uplrules_select(pr, n, kw, 16, &st);
			if (U_FAILURE(st) || len >= 16)
				bad = -1;
			else {
				u_UCharsToChars(kw, cat, len);
				cat[len] = '\0';
				if (strcmp(cat, i18n_category(c, n)))
					bad = i + 1;
			}
		}
		ok(bad == 0, "%s: the plural rule is CLDR's (ICU agrees)%s",
		    c->code, bad ? " but not for a number" : "");
		if (pr != NULL)
			uplrules_close(pr);
	}
}

/* Plural forms by CLDR's rules, digits, and what a missing key gives. */
static void
test_plurals(const char *themes)
{
	char		 tmp[] = "/tmp/t_plural.XXXXXX", p[PATH_MAX], err[4096];
	char		*out;
	struct req	*r;

	ok(i18n_load(themes, "", "en", err, sizeof(err)) == 0,
	    "catalogs load again: %s", err);
	ok(!strcmp(form("en", "search.count", 1), "{1} result") &&
	    !strcmp(form("en", "search.count", 2), "{1} results") &&
	    !strcmp(form("en", "search.count", 0), "{1} results"),
	    "English: 1 result, 0 and 2 results");
	ok(!strcmp(form("fi", "search.count", 1), "{1} tulos") &&
	    !strcmp(form("fi", "search.count", 2), "{1} tulosta"),
	    "Finnish: 1 tulos, 2 tulosta");
	ok(!strcmp(form("et", "search.count", 1), "{1} tulemus") &&
	    !strcmp(form("et", "search.count", 21), "{1} tulemust"),
	    "Estonian: 1 tulemus, 21 tulemust");
	ok(!strcmp(form("el", "search.count", 1), "{1} αποτέλεσμα") &&
	    !strcmp(form("el", "search.count", 5), "{1} αποτελέσματα"),
	    "Greek: one and other");
	ok(!strcmp(form("zh", "search.count", 1), "{1} 条结果") &&
	    !strcmp(form("zh", "search.count", 2), "{1} 条结果") &&
	    !strcmp(form("fa", "search.count", 1), "{1} نتیجه") &&
	    !strcmp(form("fa", "search.count", 7), "{1} نتیجه"),
	    "Chinese and Persian: one form for every count");
	ok(!strcmp(number("fa", 1234567), "۱۲۳۴۵۶۷") &&
	    !strcmp(number("fa", 7), "۷"), "Persian digits: %s",
	    number("fa", 1234567));
	ok(!strcmp(number("en", 1234), "1234") && !strcmp(number("zh", 7), "7"),
	    "English and Chinese: Latin digits: %s", number("en", 1234));
	test_whole_numbers();
	test_digits_sizes();
	ok(!strcmp(number("en", 0.0 / 0.0), ""), "no number: nothing");
	test_cldr();
	ok(!strcmp(i18n_find("fa")->digits, "arabext") &&
	    !strcmp(i18n_find("fi")->digits, "latn"), "digits from the catalogs");

	/* A missing key: English, else nothing (and no key on the page). */
	ok(mkdtemp(tmp) != NULL, "temporary catalog folder");
	snprintf(p, sizeof(p), "%s/i18n", tmp);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/i18n/en.xml", tmp);
	write_file(p, "<catalog lang='en' name='English'>"
	    "<m k='a'>A in English</m><m k='b'>B in English</m>"
	    "<m k='n'><one>{1} thing</one><other>{1} things</other></m>"
	    "</catalog>");
	snprintf(p, sizeof(p), "%s/i18n/fi.xml", tmp);
	write_file(p, "<catalog lang='fi' name='Suomi'><m k='a'>A suomeksi</m>"
	    "</catalog>");
	/* The catalogs are read through the safe entity loader, which
	 * reads only below the themes folder: make it the temporary one. */
	ok(theme_init(tmp, err, sizeof(err)) == 0 &&
	    i18n_load(tmp, "", "fi", err, sizeof(err)) == 0,
	    "test catalogs: %s", err);
	ok(i18n_get(i18n_find("fi"), "a") != NULL &&
	    !strcmp(i18n_get(i18n_find("fi"), "a"), "A suomeksi"),
	    "a key in Finnish: Finnish");
	ok(i18n_get(i18n_find("fi"), "b") != NULL &&
	    !strcmp(i18n_get(i18n_find("fi"), "b"), "B in English"),
	    "a key missing in Finnish (the default) falls back to English");
	ok(!strcmp(form("fi", "n", 1), "{1} thing") &&
	    !strcmp(form("fi", "n", 3), "{1} things"),
	    "a missing plural message: English, by the English rule");
	ok(i18n_get(i18n_find("fi"), "nowhere") == NULL &&
	    i18n_plural(i18n_find("fi"), "nowhere", 1) == NULL,
	    "a key no catalog has: nothing");
	snprintf(p, sizeof(p), "%s/i18n/fi.xml", tmp);
	write_file(p, "<catalog lang='fi' name='Suomi'>"
	    "<m k='n'><other>{1} asiaa</other></m></catalog>");
	ok(i18n_load(tmp, "", "en", err, sizeof(err)) == -1 &&
	    strstr(err, "lacks the form <one>"),
	    "a form the rule needs missing: refused (%s)", err);
	write_file(p, "<catalog lang='fi' name='Suomi'><m k='n'><one>{1} asia"
	    "</one><few>{1} asiaa</few><other>{1} asiaa</other></m></catalog>");
	ok(i18n_load(tmp, "", "en", err, sizeof(err)) == -1 &&
	    strstr(err, "has the form <few>"),
	    "a form the rule lacks: refused (%s)", err);
	write_file(p, "<catalog lang='fi' name='Suomi' digits='klingon'>"
	    "</catalog>");
	ok(i18n_load(tmp, "", "en", err, sizeof(err)) == -1 &&
	    strstr(err, "klingon"), "unknown digits: refused (%s)", err);
	unlink(p);
	snprintf(p, sizeof(p), "%s/i18n/en.xml", tmp);
	unlink(p);
	snprintf(p, sizeof(p), "%s/i18n", tmp);
	rmdir(p);
	rmdir(tmp);

	ok(theme_init(themes, err, sizeof(err)) == 0 &&
	    i18n_load(themes, "", "en", err, sizeof(err)) == 0 &&
	    theme_load(themes, "default", err, sizeof(err)) == 0,
	    "shipped catalogs and theme again: %s", err);
	r = req_new();
	r->path = "/";
	r->cat = i18n_find("fi");
	page_error(r, 400, "no-such-reason", NULL);
	out = render(r);
	ok(out && !strstr(out, "no-such-reason"),
	    "an unknown key shows no key");
	free(out);
	page_error(r, 429, "mail-throttled", "1");
	out = render(r);
	ok(out && strstr(out, "1 sekunnin"), "p:tn on a Finnish error page");
	free(out);
	r->cat = i18n_find("en");
	out = render(r);
	ok(out && strstr(out, "Try again in 1 second."),
	    "p:tn: English singular");
	free(out);
	page_error(r, 429, "mail-throttled", "30");
	r->cat = i18n_find("fa");
	out = render(r);
	ok(out && strstr(out, "۳۰ ثانیهٔ"), "p:tn: Persian digits");
	free(out);
	page_error(r, 429, "mail-throttled", "1");
	r->cat = i18n_find("el");
	out = render(r);
	ok(out && strstr(out, "σε 1 δευτερόλεπτο."), "p:tn: Greek singular");
	free(out);
	req_free(r);
}

static void
test_security(const char *themes)
{
	char		 tmp[] = "/tmp/t_theme.XXXXXX", p[PATH_MAX], err[4096];
	char		*out;
	struct req	*r;

	ok(mkdtemp(tmp) != NULL, "temporary themes folder");
	snprintf(p, sizeof(p), "%s/evil", tmp);
	mkdir(p, 0755);
	write_file("/tmp/t_theme_outside.xml", "<x>OUTSIDE-SECRET</x>");
	snprintf(p, sizeof(p), "%s/evil/theme.xsl", tmp);
	write_file(p,
	    "<xsl:stylesheet version='1.0' "
	    "xmlns:xsl='http://www.w3.org/1999/XSL/Transform' "
	    "xmlns:exsl='http://exslt.org/common' "
	    "extension-element-prefixes='exsl'>"
	    "<xsl:template match='/'><out>"
	    "<xsl:copy-of select=\"document('/tmp/t_theme_outside.xml')\"/>"
	    "<xsl:copy-of select=\"document('http://127.0.0.1:1/x.xml')\"/>"
	    "<exsl:document href='/tmp/t_theme_written.txt' method='text'>"
	    "pwned</exsl:document>"
	    "</out></xsl:template></xsl:stylesheet>");
	unlink("/tmp/t_theme_written.txt");
	ok(theme_init(tmp, err, sizeof(err)) == 0, "init on the temp folder");
	ok(theme_load(tmp, "evil", err, sizeof(err)) == 0,
	    "the hostile theme parses: %s", err);
	r = req_new();
	r->path = "/";
	r->cat = i18n_default();
	page_new(r, "home");
	out = render(r);
	ok(out == NULL || strstr(out, "OUTSIDE-SECRET") == NULL,
	    "reading outside the themes folder is refused");
	ok(access("/tmp/t_theme_written.txt", F_OK) != 0,
	    "writing a file with exsl:document is refused");
	free(out);
	req_free(r);
	snprintf(p, sizeof(p), "%s/broken", tmp);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/broken/theme.xsl", tmp);
	write_file(p, "<xsl:stylesheet version='1.0' "
	    "xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
	    "<xsl:template match='/'><unclosed></xsl:template>");
	ok(theme_load(tmp, "broken", err, sizeof(err)) == -1 &&
	    strstr(err, "broken/theme.xsl"), "a broken theme is refused");
	ok(theme_load(tmp, "../evil", err, sizeof(err)) == -1,
	    "a theme name with a path is refused");
	/* The themes folder again: the shipped theme still loads. */
	ok(theme_init(themes, err, sizeof(err)) == 0 &&
	    theme_load(themes, "default", err, sizeof(err)) == 0,
	    "back to the shipped themes");
	unlink("/tmp/t_theme_outside.xml");
	snprintf(p, sizeof(p), "%s/evil/theme.xsl", tmp);
	unlink(p);
	snprintf(p, sizeof(p), "%s/broken/theme.xsl", tmp);
	unlink(p);
	snprintf(p, sizeof(p), "%s/evil", tmp);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/broken", tmp);
	rmdir(p);
	rmdir(tmp);
}

int
main(void)
{
	char	themes[PATH_MAX], err[4096];

	conf = xcalloc(1, sizeof(*conf));
	conf_load(NULL, conf, err, sizeof(err));
	snprintf(themes, sizeof(themes), "%s/xslt", srcdir());
	if (!ok(theme_init(themes, err, sizeof(err)) == 0, "theme_init: %s",
	    err))
		return tap_done();
	test_shipped(themes);
	test_plurals(themes);
	test_security(themes);
	return tap_done();
}
