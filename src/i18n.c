/*
 * Message catalogs: one XML file per language in THEMES_DIR/i18n/,
 *
 *   <catalog lang="fa" dir="rtl" name="فارسی">
 *     <m k="nav.home">خانه</m>
 *   </catalog>
 *
 * loaded once (and again on reload) into sorted arrays.  Adding a
 * language is adding one file.  Themes reach the strings through the
 * XSLT function p:t() (theme.c).
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "portico.h"

static struct catalog	*cats;
static size_t		 ncats;
static size_t		 defcat;

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

/* Load one catalog file into c; 0 or -1 with err set. */
static int
cat_load(const char *path, struct catalog *c, char *err, size_t errlen)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root, n;
	xmlChar		*lang, *dir, *name, *k, *v;
	size_t		 cap = 0;
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
	for (n = root->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(n->name, (const xmlChar *)"m") ||
		    (k = xmlGetProp(n, (const xmlChar *)"k")) == NULL) {
			snprintf(err, errlen, "%s:%d: expected <m k=\"..\">",
			    path, (int)xmlGetLineNo(n));
			goto out;
		}
		v = xmlNodeGetContent(n);
		if (c->n == cap) {
			cap = cap ? cap * 2 : 64;
			c->keys = xrealloc(c->keys, cap * sizeof(char *));
			c->vals = xrealloc(c->vals, cap * sizeof(char *));
		}
		c->keys[c->n] = xstrdup((const char *)k);
		c->vals[c->n] = xstrdup(v ? (const char *)v : "");
		c->n++;
		xmlFree(k);
		xmlFree(v);
	}
	rc = cat_sort(c, err, errlen);
out:
	xmlFree(lang);
	xmlFree(dir);
	xmlFree(name);
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

/* The string for key in c, else in the default catalog, else NULL. */
const char *
i18n_get(const struct catalog *c, const char *key)
{
	char	**hit;

	if (c != NULL && c->n &&
	    (hit = bsearch(key, c->keys, c->n, sizeof(char *), cmp_key)))
		return c->vals[hit - c->keys];
	c = i18n_default();
	if (c != NULL && c->n &&
	    (hit = bsearch(key, c->keys, c->n, sizeof(char *), cmp_key)))
		return c->vals[hit - c->keys];
	return NULL;
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
