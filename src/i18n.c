/*
 * Message catalogs: one XML file per language in THEMES_DIR/i18n/,
 *
 *   <catalog lang="fa" dir="rtl" name="فارسی" digits="arabext">
 *     <m k="nav.home">خانه</m>
 *     <m k="search.count"><other>{1} نتیجه</other></m>
 *   </catalog>
 *
 * loaded once (and again on reload) into sorted arrays.  Adding a
 * language is adding one file.  Themes reach the strings through the
 * XSLT functions p:t(), p:tn() and p:n() (theme.c).
 *
 * A message that shows a count has one form per plural category of
 * CLDR (zero, one, two, few, many, other), and exactly those its
 * language's plural rule has.  The rules are CLDR's (plurals.xml),
 * written out below for the languages CLDR puts in each group:
 * "one" and "other" in English, Finnish, Estonian and Greek; "one" for
 * 0 and 1 and "other" in Persian; "other" alone in Chinese.  ICU holds
 * the same data, but loading its i18n library costs each worker some
 * 3 MB resident, beyond its budget, so ICU only checks these tables in
 * the unit tests (tests/unit/t_theme.c asks uplrules for each shipped
 * language).  A form is kept under KEY#CATEGORY, and KEY holds the
 * "other" form.  The digits attribute names a CLDR numbering system
 * (latn when absent; arabext: Persian ۰-۹), and counts are written in
 * its digits, ungrouped.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <math.h>

#include <libxml/parser.h>

#include "portico.h"

static struct catalog	*cats;
static size_t		 ncats;
static size_t		 defcat;

/* CLDR's plural categories, as bits of a set. */
static const char *const plural_cats[] = { "zero", "one", "two", "few",
    "many", "other", NULL };
#define PLURAL_ONE	(1u << 1)
#define PLURAL_OTHER	(1u << 5)

/*
 * CLDR's plural rules of the two-category kinds, with the languages of
 * each (CLDR 42, plurals.xml), on the operands n (the absolute value),
 * i (its integer digits) and v (how many fraction digits it shows).
 */
enum plural_rule {
	RULE_OTHER,		/* no categories but other */
	RULE_ONE_I1_V0,		/* one: i = 1 and v = 0 */
	RULE_ONE_N1,		/* one: n = 1 */
	RULE_ONE_I0_N1,		/* one: i = 0 or n = 1 */
	RULE__MAX
};
static const char *const plural_langs[RULE__MAX] = {
	[RULE_OTHER] = " id ja ko lo ms my th vi yue zh ",
	[RULE_ONE_I1_V0] = " ca de en et fi gl it nl sv sw ur ",
	[RULE_ONE_N1] = " af az bg el eu hu ka kk ky mn nb ne nn no sq ta "
	    "te tr uz ",
	[RULE_ONE_I0_N1] = " am bn fa gu hi kn zu ",
};

/*
 * CLDR numbering systems: the digits 0-9 of each, in UTF-8, and the
 * decimal separator CLDR writes with them (Persian: U+066B).
 */
static const struct digit_set {
	const char	*name;
	const char	*digits[10];
	const char	*decimal;
} digit_sets[] = {
	{ "latn", { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" }, "." },
	{ "arab", { "٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩" },
	    "\xd9\xab" },
	{ "arabext", { "۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹" },
	    "\xd9\xab" },
	{ "deva", { "०", "१", "२", "३", "४", "५", "६", "७", "८", "९" }, "." },
	{ "beng", { "০", "১", "২", "৩", "৪", "৫", "৬", "৭", "৮", "৯" }, "." },
	{ "thai", { "๐", "๑", "๒", "๓", "๔", "๕", "๖", "๗", "๘", "๙" }, "." },
	{ NULL, { NULL }, NULL }
};

/* Keys asked for and found in no catalog, each logged once. */
#define MISSING_MAX	64
static char		*missing[MISSING_MAX];
static size_t		 nmissing;

static void
cat_free(struct catalog *c)
{
	size_t	i;

	for (i = 0; i < c->n; i++) {
		free(c->keys[i]);
		free(c->vals[i]);
	}
	free(c->keys);
	free(c->vals);
	free(c->name);
}

static void
cats_free(struct catalog *set, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		cat_free(&set[i]);
	free(set);
}

static int
cmp_idx(const void *a, const void *b, void *keys)
{
	char	**k = keys;

	return strcmp(k[*(const size_t *)a], k[*(const size_t *)b]);
}

/* Sort keys and vals together; a duplicate key is an error. */
static int
cat_sort(struct catalog *c, char *err, size_t errlen)
{
	size_t	*idx, i;
	char	**k, **v;

	idx = xcalloc(c->n, sizeof(*idx));
	for (i = 0; i < c->n; i++)
		idx[i] = i;
	qsort_r(idx, c->n, sizeof(*idx), cmp_idx, c->keys);
	k = xcalloc(c->n, sizeof(*k));
	v = xcalloc(c->n, sizeof(*v));
	for (i = 0; i < c->n; i++) {
		k[i] = c->keys[idx[i]];
		v[i] = c->vals[idx[i]];
	}
	free(idx);
	free(c->keys);
	free(c->vals);
	c->keys = k;
	c->vals = v;
	for (i = 1; i < c->n; i++)
		if (!strcmp(k[i - 1], k[i])) {
			snprintf(err, errlen, "catalog %s: key \"%s\" twice",
			    c->code, k[i]);
			return -1;
		}
	return 0;
}

static void
cat_add(struct catalog *c, size_t *cap, const char *k, const char *v)
{
	if (c->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		c->keys = xrealloc(c->keys, *cap * sizeof(char *));
		c->vals = xrealloc(c->vals, *cap * sizeof(char *));
	}
	c->keys[c->n] = xstrdup(k);
	c->vals[c->n] = xstrdup(v ? v : "");
	c->n++;
}

static int
plural_bit(const char *name)
{
	int	i;

	for (i = 0; plural_cats[i] != NULL; i++)
		if (!strcmp(plural_cats[i], name))
			return 1 << i;
	return 0;
}

/*
 * Find c's plural rule and the digits the attribute names (latn when
 * absent); set *need to the categories the rule has.  0 or -1.
 */
static int
cat_rules(struct catalog *c, const char *digits, unsigned *need,
    const char *path, char *err, size_t errlen)
{
	char	word[16];
	int	i;

	snprintf(c->digits, sizeof(c->digits), "%s", digits ? digits : "latn");
	for (i = 0; digit_sets[i].name != NULL; i++)
		if (!strcmp(digit_sets[i].name, c->digits))
			break;
	if (digit_sets[i].name == NULL) {
		snprintf(err, errlen, "%s: digits=\"%s\" is no numbering "
		    "system known here (latn, arab, arabext, deva, beng, thai)",
		    path, c->digits);
		return -1;
	}
	c->digit_set = i;
	snprintf(word, sizeof(word), " %s ", c->code);
	for (i = 0; i < RULE__MAX; i++)
		if (strstr(plural_langs[i], word) != NULL)
			break;
	if (i == RULE__MAX) {
		snprintf(err, errlen, "%s: no CLDR plural rule for \"%s\" "
		    "in src/i18n.c (plural_langs)", path, c->code);
		return -1;
	}
	c->plural = i;
	*need = i == RULE_OTHER ? PLURAL_OTHER : PLURAL_ONE | PLURAL_OTHER;
	return 0;
}

/*
 * The forms of a plural message n (key k): KEY#CATEGORY each, KEY the
 * "other" one.  Exactly the categories in need.  0 or -1.
 */
static int
cat_plural(struct catalog *c, size_t *cap, xmlNodePtr n, const char *k,
    unsigned need, const char *path, char *err, size_t errlen)
{
	xmlNodePtr	 f;
	xmlChar		*v;
	char		 fk[300];
	unsigned	 have = 0, bit;
	int		 i;

	for (f = xmlFirstElementChild(n); f != NULL;
	    f = xmlNextElementSibling(f)) {
		bit = (unsigned)plural_bit((const char *)f->name);
		if (bit == 0 || (have & bit) || strlen(k) > 200) {
			snprintf(err, errlen, "%s:%d: %s: <%s> is no plural "
			    "category, or is there twice", path,
			    (int)xmlGetLineNo(f), k, (const char *)f->name);
			return -1;
		}
		have |= bit;
		v = xmlNodeGetContent(f);
		snprintf(fk, sizeof(fk), "%s#%s", k, (const char *)f->name);
		cat_add(c, cap, fk, (const char *)v);
		if (bit == PLURAL_OTHER)
			cat_add(c, cap, k, (const char *)v);
		xmlFree(v);
	}
	for (i = 0; plural_cats[i] != NULL; i++) {
		bit = 1u << i;
		if ((have & bit) == (need & bit))
			continue;
		snprintf(err, errlen, "%s:%d: %s: %s the form <%s>: the plural "
		    "rule of \"%s\" has %s", path, (int)xmlGetLineNo(n), k,
		    have & bit ? "has" : "lacks", plural_cats[i], c->code,
		    have & bit ? "no such category" : "it");
		return -1;
	}
	return 0;
}

/* Load one catalog file into c; 0 or -1 with err set. */
static int
cat_load(const char *path, struct catalog *c, char *err, size_t errlen)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root, n;
	xmlChar		*lang, *dir, *name, *digits, *k, *v;
	size_t		 cap = 0;
	unsigned	 need = 0;
	bool		 bad;
	int		 rc = -1;

	memset(c, 0, sizeof(*c));
	/* Our own files, but parsed as any outside XML: no network, no DTD,
	 * no entity expansion. */
	doc = xmlReadFile(path, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		snprintf(err, errlen, "%s: not well-formed XML", path);
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	lang = xmlGetProp(root, (const xmlChar *)"lang");
	dir = xmlGetProp(root, (const xmlChar *)"dir");
	name = xmlGetProp(root, (const xmlChar *)"name");
	digits = xmlGetProp(root, (const xmlChar *)"digits");
	if (xmlStrcmp(root->name, (const xmlChar *)"catalog") || !lang ||
	    !name || xmlStrlen(lang) < 2 || xmlStrlen(lang) >=
	    (int)sizeof(c->code)) {
		snprintf(err, errlen, "%s: expected <catalog lang=\"..\" "
		    "name=\"..\">", path);
		goto out;
	}
	snprintf(c->code, sizeof(c->code), "%s", (const char *)lang);
	c->name = xstrdup((const char *)name);
	c->rtl = dir != NULL && !xmlStrcmp(dir, (const xmlChar *)"rtl");
	if (cat_rules(c, (const char *)digits, &need, path, err, errlen) == -1)
		goto out;
	for (n = root->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(n->name, (const xmlChar *)"m") ||
		    (k = xmlGetProp(n, (const xmlChar *)"k")) == NULL) {
			snprintf(err, errlen, "%s:%d: expected <m k=\"..\">",
			    path, (int)xmlGetLineNo(n));
			goto out;
		}
		if (xmlFirstElementChild(n) != NULL) {
			bad = cat_plural(c, &cap, n, (const char *)k, need,
			    path, err, errlen) == -1;
			xmlFree(k);
			if (bad)
				goto out;
			continue;
		}
		v = xmlNodeGetContent(n);
		cat_add(c, &cap, (const char *)k, (const char *)v);
		xmlFree(k);
		xmlFree(v);
	}
	rc = cat_sort(c, err, errlen);
out:
	xmlFree(lang);
	xmlFree(dir);
	xmlFree(name);
	xmlFree(digits);
	xmlFreeDoc(doc);
	if (rc == -1)
		cat_free(c);
	return rc;
}

static bool
offered(const char *code, const char *languages)
{
	const char	*p = languages;
	size_t		 n = strlen(code);

	if (languages == NULL || *languages == '\0')
		return true;
	while ((p = strstr(p, code)) != NULL) {
		if ((p == languages || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ' '))
			return true;
		p += n;
	}
	return false;
}

static int
cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct catalog *)a)->code,
	    ((const struct catalog *)b)->code);
}

/*
 * Load the catalogs of dir/i18n (those named in languages, or all when
 * it is empty) and make them the active set, the default first choice.
 * On error the active set is kept and -1 returned with err set.
 */
int
i18n_load(const char *dir, const char *languages, const char *deflang,
    char *err, size_t errlen)
{
	struct catalog	*set = NULL, c;
	size_t		 n = 0, i, def = 0;
	char		 path[4096];
	struct dirent	*de;
	DIR		*d;
	size_t		 len;

	snprintf(path, sizeof(path), "%s/i18n", dir);
	if ((d = opendir(path)) == NULL) {
		snprintf(err, errlen, "%s: cannot open catalog folder", path);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".xml") ||
		    de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/i18n/%s", dir, de->d_name);
		if (cat_load(path, &c, err, errlen) == -1) {
			closedir(d);
			cats_free(set, n);
			return -1;
		}
		if (!offered(c.code, languages)) {
			cat_free(&c);
			continue;
		}
		set = xrealloc(set, (n + 1) * sizeof(*set));
		set[n++] = c;
	}
	closedir(d);
	qsort(set, n, sizeof(*set), cmp_code);
	for (i = 0; i < n; i++)
		if (!strcmp(set[i].code, deflang))
			break;
	if (i == n) {
		snprintf(err, errlen, "%s/i18n: no catalog for the default "
		    "language \"%s\"", dir, deflang);
		cats_free(set, n);
		return -1;
	}
	def = i;
	cats_free(cats, ncats);
	cats = set;
	ncats = n;
	defcat = def;
	return 0;
}

void
i18n_release(void)
{
	cats_free(cats, ncats);
	cats = NULL;
	ncats = 0;
}

size_t
i18n_count(void)
{
	return ncats;
}

const struct catalog *
i18n_at(size_t i)
{
	return i < ncats ? &cats[i] : NULL;
}

const struct catalog *
i18n_default(void)
{
	return ncats ? &cats[defcat] : NULL;
}

const struct catalog *
i18n_find(const char *code)
{
	size_t	i;

	for (i = 0; i < ncats; i++)
		if (!strcmp(cats[i].code, code))
			return &cats[i];
	return NULL;
}

static int
cmp_key(const void *k, const void *e)
{
	return strcmp(k, *(char *const *)e);
}

static const char *
lookup(const struct catalog *c, const char *key)
{
	char	**hit;

	if (c != NULL && c->n &&
	    (hit = bsearch(key, c->keys, c->n, sizeof(char *), cmp_key)))
		return c->vals[hit - c->keys];
	return NULL;
}

/* A key no catalog has: logged once per process, with the key. */
static void
missing_key(const char *key)
{
	size_t	i;

	for (i = 0; i < nmissing; i++)
		if (!strcmp(missing[i], key))
			return;
	if (nmissing == MISSING_MAX)
		return;
	missing[nmissing++] = xstrdup(key);
	log_warnx("i18n: no catalog has the message \"%.200s\"", key);
}

/*
 * The catalogs a message is looked for in, in order: c, English, the
 * default language.  Returns the i-th (0, 1, 2), or NULL.
 */
static const struct catalog *
chain(const struct catalog *c, int i)
{
	return i == 0 ? c : i == 1 ? i18n_find("en") : i18n_default();
}

/*
 * The string for key in c, else in English, else in the default
 * catalog; else NULL, and the key is logged (once).
 */
const char *
i18n_get(const struct catalog *c, const char *key)
{
	const char	*s;
	int		 i;

	for (i = 0; i < 3; i++)
		if ((s = lookup(chain(c, i), key)) != NULL)
			return s;
	missing_key(key);
	return NULL;
}

/*
 * The CLDR plural category ("one", "other") of the number n in c's
 * language, n as a page shows it (a whole number shows no fraction
 * digits).
 */
const char *
i18n_category(const struct catalog *c, double n)
{
	double	a = fabs(n), i = floor(a);
	bool	v0 = a == i;

	if (c == NULL || isnan(n))
		return "other";
	switch (c->plural) {
	case RULE_ONE_I1_V0:
		return i == 1 && v0 ? "one" : "other";
	case RULE_ONE_N1:
		return a == 1 ? "one" : "other";
	case RULE_ONE_I0_N1:
		return i == 0 || a == 1 ? "one" : "other";
	default:
		return "other";
	}
}

/* The form of key for n by c's plural rule, or key's only form in c. */
static const char *
plural_in(const struct catalog *c, const char *key, double n)
{
	char		 fk[300];
	const char	*s;

	if (c == NULL)
		return NULL;
	if (strlen(key) <= 200) {
		snprintf(fk, sizeof(fk), "%s#%s", key, i18n_category(c, n));
		if ((s = lookup(c, fk)) != NULL)
			return s;
	}
	return lookup(c, key);
}

/*
 * The form of message key that the number n takes in c's language (its
 * plural category by CLDR), falling back as i18n_get() does, each
 * catalog by its own rule.  NULL when no catalog has the key.
 */
const char *
i18n_plural(const struct catalog *c, const char *key, double n)
{
	const char	*s;
	int		 i;

	for (i = 0; i < 3; i++)
		if ((s = plural_in(chain(c, i), key, n)) != NULL)
			return s;
	missing_key(key);
	return NULL;
}

/*
 * The whole number n (|n| < 1e15) as printf's "%.0f" writes it, into s
 * (at least 20 bytes), without printf: a page shows dozens of counts,
 * and formatting a double took some thousands of instructions each.
 */
static void
whole_str(char *s, double n)
{
	char		 t[24], *p = t + sizeof(t);
	uint64_t	 u = (uint64_t)fabs(n);

	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (signbit(n))
		*--p = '-';
	memcpy(s, p, (size_t)(t + sizeof(t) - p));
}

/*
 * s as c's language writes it, appended to b: each ASCII digit in its
 * digits, a '.' as its decimal separator, the rest as it is.  The one
 * helper for what the data holds already written out: a day or a time
 * (2026-01-15, 2026-01-15 09:30:00), a decimal (1.5, 25.5); Persian
 * writes them ۲۰۲۶-۰۱-۱۵ and ۱٫۵.
 */
void
i18n_digits(const struct catalog *c, const char *s, struct buf *b)
{
	const struct digit_set	*d = &digit_sets[0];

	if (c == NULL)
		c = i18n_default();
	if (c != NULL)
		d = &digit_sets[c->digit_set];
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			buf_adds(b, d->digits[*s - '0']);
		else if (*s == '.')
			buf_adds(b, d->decimal);
		else
			buf_add(b, s, 1);
	}
}

/* n as c's language writes it, in its digits, appended to b (nothing
 * for a value that is no number). */
void
i18n_number(const struct catalog *c, double n, struct buf *b)
{
	char	s[64];

	if (!isfinite(n))
		return;
	if (fabs(n) < 1e15 && n == floor(n))
		whole_str(s, n);
	else
		snprintf(s, sizeof(s), "%g", n);
	i18n_digits(c, s, b);
}

/*
 * A size of n bytes as c's language writes it, appended to b: MB with
 * one decimal from 1 MB (1,048,576 bytes), whole kB from 1 kB, else
 * bytes; the number in the language's digits, the unit the catalog's
 * (size.mb, size.kb, size.b: "{1} MB"), so Persian has no Latin "B".
 * Nothing for a value that is no size.
 */
void
i18n_size(const struct catalog *c, double n, struct buf *b)
{
	struct buf	 num = { NULL, 0, 0 };
	const char	*key = "size.b", *m, *arg;
	char		 s[64];

	if (!isfinite(n) || n < 0)
		return;
	if (n >= 1048576) {
		snprintf(s, sizeof(s), "%.1f", n / 1048576);
		key = "size.mb";
	} else if (n >= 1024) {
		snprintf(s, sizeof(s), "%.0f", floor(n / 1024 + 0.5));
		key = "size.kb";
	} else
		snprintf(s, sizeof(s), "%.0f", floor(n));
	i18n_digits(c, s, &num);
	arg = num.p ? num.p : "";
	if ((m = i18n_get(c, key)) == NULL)
		buf_adds(b, arg);
	else
		i18n_fill(m, &arg, 1, b);
	buf_free(&num);
}

/*
 * Message m with {1}..{9} replaced by args[0..nargs-1], appended to b;
 * a place with no argument (past nargs, or NULL) is left out.
 */
void
i18n_fill(const char *m, const char *const *args, int nargs, struct buf *b)
{
	const char	*p;
	int		 n;

	for (p = m; *p != '\0'; p++) {
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
			n = p[1] - '1';
			if (n < nargs && args[n] != NULL)
				buf_adds(b, args[n]);
			p += 2;
		} else
			buf_add(b, p, 1);
	}
}

/*
 * Choose the catalog for a request: the cookie's language if offered,
 * else the best Accept-Language match (by q-value, primary subtag:
 * "fa-IR" is fa), else the default.
 */
const struct catalog *
i18n_negotiate(const char *cookie, const char *accept)
{
	const struct catalog	*c, *best = NULL;
	const char		*p, *e, *semi;
	char			 tag[8];
	double			 q, bestq = 0;
	size_t			 n;

	if (cookie != NULL && (c = i18n_find(cookie)) != NULL)
		return c;
	for (p = accept; p != NULL && *p != '\0'; p = *e ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		while (p < e && *p == ' ')
			p++;
		for (n = 0; p + n < e && n < sizeof(tag) - 1 &&
		    ((p[n] >= 'a' && p[n] <= 'z') ||
		    (p[n] >= 'A' && p[n] <= 'Z')); n++)
			tag[n] = (char)(p[n] | 0x20);
		tag[n] = '\0';
		q = 1;
		semi = memchr(p, ';', (size_t)(e - p));
		if (semi != NULL && (semi = strstr(semi, "q=")) != NULL &&
		    semi < e)
			q = strtod(semi + 2, NULL);
		if (q > bestq && (c = i18n_find(tag)) != NULL) {
			best = c;
			bestq = q;
		}
	}
	return best ? best : i18n_default();
}
