/*
 * The category tree, held by each worker and read anew when the
 * content generation moves (so a change made on any host is seen by the
 * next request of every worker): names in every language, the order
 * lists show them in, and who may know of each category, from
 * category_audience (derived.c).
 *
 * A visitor knows of a category when a published item they may see is
 * filed under it or under one of its descendants (the rule ACCESS_SQL
 * states, applied to the audience rows: public, signed-in, and the
 * segments of limited items).  Pages that name categories ask here
 * instead of asking the database.  The product names of the search
 * page's filter are held the same way, from product_audience.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

#define AUD_PUBLIC	0x1
#define AUD_SIGNED_IN	0x2
#define AUD_SEGMENTS	0x4

struct product {
	char			*name;
	unsigned char		 aud;		/* AUD_* of its items */
	unsigned		*segs;		/* segments of limited ones */
	size_t			 nsegs;
};

struct tree {
	uint64_t		 gen;
	bool			 loaded;
	size_t			 n;
	struct category		*cats;		/* by id */
	struct category		**by_slug;
	size_t			 nproducts;
	struct product		*products;	/* by name */
};
static struct tree	tree;

static int
by_id_cmp(const void *a, const void *b)
{
	const struct category	*x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static int
by_slug_cmp(const void *a, const void *b)
{
	const struct category	*const *x = a, *const *y = b;

	return strcmp((*x)->slug, (*y)->slug);
}

static struct category *
find_id(unsigned id)
{
	struct category	key = { .id = id };

	if (tree.n == 0)
		return NULL;
	return bsearch(&key, tree.cats, tree.n, sizeof(*tree.cats),
	    by_id_cmp);
}

static void
tree_free(void)
{
	size_t	i, l;

	for (i = 0; i < tree.n; i++) {
		free(tree.cats[i].slug);
		for (l = 0; l < CLANG__MAX; l++)
			free(tree.cats[i].names[l]);
		free(tree.cats[i].segs);
	}
	free(tree.cats);
	free(tree.by_slug);
	for (i = 0; i < tree.nproducts; i++) {
		free(tree.products[i].name);
		free(tree.products[i].segs);
	}
	free(tree.products);
	memset(&tree, 0, sizeof(tree));
}

/* ---- loading --------------------------------------------------------------- */

/* Each category in the default order (position, then its own name). */
enum { ALL_ID, ALL_PARENT_ID, ALL_SLUG, ALL_NAME, ALL__MAX };
static struct dbstmt q_all = DBSTMT_COLS(
    "SELECT id, IFNULL(parent_id, 0), slug, name FROM categories "
    "ORDER BY position, name, id", ALL__MAX);
/* Each category in the order of each language that names some. */
enum { NAMED_LANG, NAMED_ID, NAMED_SHOWN, NAMED__MAX };
static struct dbstmt q_named = DBSTMT_COLS(
    "SELECT l.lang, c.id, IFNULL(cn.name, c.name) AS shown FROM "
    "(SELECT DISTINCT lang FROM category_names) l CROSS JOIN categories c "
    "LEFT JOIN category_names cn ON cn.category_id = c.id "
    "AND cn.lang = l.lang ORDER BY l.lang, c.position, shown, c.id",
    NAMED__MAX);
enum { AUD_CATEGORY_ID, AUD_SECTION, AUD_VISIBILITY, AUD_SEGMENT_ID,
    AUD__MAX };
static struct dbstmt q_audience = DBSTMT_COLS(
    "SELECT category_id, section, visibility, segment_id "
    "FROM category_audience", AUD__MAX);
/* rnk numbers the names as the table's collation tells them apart. */
enum { PAUD_PRODUCT, PAUD_VISIBILITY, PAUD_SEGMENT_ID, PAUD_RANK,
    PAUD__MAX };
static struct dbstmt q_products = DBSTMT_COLS(
    "SELECT product, visibility, segment_id, DENSE_RANK() OVER "
    "(ORDER BY product) AS rnk FROM product_audience ORDER BY rnk",
    PAUD__MAX);

static unsigned
num(const struct dbres *res, size_t row, size_t col)
{
	return (unsigned)strtoul(dbres_get(res, row, col), NULL, 10);
}

static int
load_categories(void)
{
	struct dbres	*res;
	struct category	*c;
	size_t		 i, l;
	int		 e;

	if ((e = db_query(&q_all, &res, 0, NULL)) != DB_OK)
		return e;
	tree.n = res->nrows;
	tree.cats = xcalloc(tree.n + 1, sizeof(*tree.cats));
	tree.by_slug = xcalloc(tree.n + 1, sizeof(*tree.by_slug));
	for (i = 0; i < tree.n; i++) {
		c = &tree.cats[i];
		c->id = num(res, i, ALL_ID);
		c->parent = num(res, i, ALL_PARENT_ID);
		c->slug = xstrdup(dbres_get(res, i, ALL_SLUG));
		for (l = 0; l < CLANG__MAX; l++) {
			c->names[l] = xstrdup(dbres_get(res, i, ALL_NAME));
			c->rank[l] = (unsigned)i;
		}
	}
	dbres_free(res);
	qsort(tree.cats, tree.n, sizeof(*tree.cats), by_id_cmp);
	for (i = 0; i < tree.n; i++)
		tree.by_slug[i] = &tree.cats[i];
	qsort(tree.by_slug, tree.n, sizeof(*tree.by_slug), by_slug_cmp);
	return DB_OK;
}

static int
load_names(void)
{
	struct dbres	*res;
	struct category	*c;
	const char	*lang, *prev = "";
	unsigned	 rank = 0;
	size_t		 i;
	int		 l, e;

	if ((e = db_query(&q_named, &res, 0, NULL)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows; i++) {
		lang = dbres_get(res, i, NAMED_LANG);
		if (strcmp(lang, prev))
			rank = 0;
		prev = lang;
		if ((l = content_find(content_langs, lang)) == -1 ||
		    (c = find_id(num(res, i, NAMED_ID))) == NULL)
			continue;
		free(c->names[l]);
		c->names[l] = xstrdup(dbres_get(res, i, NAMED_SHOWN));
		c->rank[l] = rank++;
	}
	dbres_free(res);
	return DB_OK;
}

static void
segs_add(unsigned **segs, size_t *n, unsigned seg)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if ((*segs)[i] == seg)
			return;
	*segs = xrealloc(*segs, (*n + 1) * sizeof(**segs));
	(*segs)[(*n)++] = seg;
}

static unsigned char
aud_flag(const char *vis)
{
	return !strcmp(vis, "public") ? AUD_PUBLIC :
	    !strcmp(vis, "signed-in") ? AUD_SIGNED_IN : AUD_SEGMENTS;
}

/* An audience row: the category's own section flags, and the flags and
 * segments of it and each of its parents (any section). */
static void
audience_add(struct category *c, int section, const char *vis, unsigned seg)
{
	unsigned char	 f;
	size_t		 depth;

	f = aud_flag(vis);
	if (section >= 0)
		c->own[section] |= f;
	for (depth = 0; c != NULL && depth < 16; depth++) {
		c->sub |= f;
		if (f == AUD_SEGMENTS)
			segs_add(&c->segs, &c->nsegs, seg);
		c = c->parent ? find_id(c->parent) : NULL;
	}
}

static int
load_audience(void)
{
	struct dbres	*res;
	struct category	*c;
	size_t		 i;
	int		 e;

	if ((e = db_query(&q_audience, &res, 0, NULL)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows; i++)
		if ((c = find_id(num(res, i, AUD_CATEGORY_ID))) != NULL)
			audience_add(c, content_find(content_sections,
			    dbres_get(res, i, AUD_SECTION)),
			    dbres_get(res, i, AUD_VISIBILITY),
			    num(res, i, AUD_SEGMENT_ID));
	dbres_free(res);
	return DB_OK;
}

/* The product names, one entry each, in name order (as they came). */
static int
load_products(void)
{
	struct dbres	*res;
	struct product	*p = NULL;
	unsigned	 rank = 0;
	size_t		 i;
	int		 e;

	if ((e = db_query(&q_products, &res, 0, NULL)) != DB_OK)
		return e;
	tree.products = xcalloc(res->nrows + 1, sizeof(*tree.products));
	for (i = 0; i < res->nrows; i++) {
		if (p == NULL || num(res, i, PAUD_RANK) != rank) {
			rank = num(res, i, PAUD_RANK);
			p = &tree.products[tree.nproducts++];
			p->name = xstrdup(dbres_get(res, i, PAUD_PRODUCT));
		}
		p->aud |= aud_flag(dbres_get(res, i, PAUD_VISIBILITY));
		if (p->aud & AUD_SEGMENTS)
			segs_add(&p->segs, &p->nsegs,
			    num(res, i, PAUD_SEGMENT_ID));
	}
	dbres_free(res);
	return DB_OK;
}

/* The tree as of r's content generation. */
static int
tree_fresh(struct req *r)
{
	uint64_t	gen;
	int		e;

	if ((e = content_generation_of(r, &gen)) != DB_OK)
		return e;
	if (tree.loaded && tree.gen == gen)
		return DB_OK;
	tree_free();
	if ((e = load_categories()) != DB_OK || (e = load_names()) != DB_OK ||
	    (e = load_audience()) != DB_OK || (e = load_products()) != DB_OK) {
		tree_free();
		return e;
	}
	tree.gen = gen;
	tree.loaded = true;
	return DB_OK;
}

/* ---- asking ------------------------------------------------------------------ */

/* Does an audience (flags and segments) include r's visitor? */
static int
audience_has(struct req *r, unsigned char f, const unsigned *segs,
    size_t nsegs, bool *yes)
{
	const unsigned	*mine;
	size_t		 nmine, i, j;
	int		 e;

	*yes = false;
	if (r->user != NULL && r->user->role >= ROLE_AGENT)
		*yes = f != 0;
	else if (f & AUD_PUBLIC)
		*yes = true;
	else if ((f & AUD_SIGNED_IN) && r->user != NULL)
		*yes = true;
	else if ((f & AUD_SEGMENTS) && r->user != NULL) {
		if ((e = content_viewer_segments(r, &mine, &nmine)) != DB_OK)
			return e;
		for (i = 0; i < nsegs && !*yes; i++)
			for (j = 0; j < nmine && !*yes; j++)
				*yes = segs[i] == mine[j];
	}
	return DB_OK;
}

/* May r's visitor know of c (section -1: for any section's items under
 * it or below; else for that section's items filed right under it)? */
static int
seen(struct req *r, const struct category *c, int section, bool *yes)
{
	if (section < 0)
		return audience_has(r, c->sub, c->segs, c->nsegs, yes);
	/* A section's own audience: its segments are among c->segs. */
	return audience_has(r, c->own[section], c->segs, c->nsegs, yes);
}

/*
 * The category at slug (or with id, when slug is NULL) if r's visitor
 * may know of it, else *out is NULL.
 */
int
category_get(struct req *r, const char *slug, unsigned id,
    const struct category **out)
{
	struct category	 key, *kp = &key, **found, *c;
	bool		 yes;
	int		 e;

	*out = NULL;
	if ((e = tree_fresh(r)) != DB_OK)
		return e;
	if (slug != NULL) {
		key.slug = (char *)slug;
		found = tree.n ? bsearch(&kp, tree.by_slug, tree.n,
		    sizeof(*tree.by_slug), by_slug_cmp) : NULL;
		c = found ? *found : NULL;
	} else
		c = find_id(id);
	if (c == NULL)
		return DB_OK;
	if ((e = seen(r, c, -1, &yes)) != DB_OK)
		return e;
	if (yes)
		*out = c;
	return DB_OK;
}

/* c's name in r's language (its own name when it has none there). */
const char *
category_name(const struct req *r, const struct category *c)
{
	int	l = content_find(content_langs, r->cat->code);

	return c->names[l < 0 ? 0 : l];
}

static int	sort_lang;

static int
by_rank_cmp(const void *a, const void *b)
{
	const struct category	*const *x = a, *const *y = b;

	return (*x)->rank[sort_lang] < (*y)->rank[sort_lang] ? -1 :
	    (*x)->rank[sort_lang] > (*y)->rank[sort_lang];
}

/*
 * The categories r's visitor may know of, in the order of r's language,
 * that match: parent (0: the top level, -1 for any), and, when section
 * is not -1, holding items of that section right under them.  *out is
 * in r's arena.
 */
int
category_list(struct req *r, long parent, int section,
    const struct category ***out, size_t *n)
{
	const struct category	**v;
	bool			  yes;
	size_t			  i;
	int			  l, e;

	*n = 0;
	if ((e = tree_fresh(r)) != DB_OK)
		return e;
	v = arena_alloc(r->arena, sizeof(*v) * (tree.n + 1));
	for (i = 0; i < tree.n; i++) {
		if (parent >= 0 && tree.cats[i].parent != (unsigned)parent)
			continue;
		if ((e = seen(r, &tree.cats[i], section, &yes)) != DB_OK)
			return e;
		if (yes)
			v[(*n)++] = &tree.cats[i];
	}
	l = content_find(content_langs, r->cat->code);
	sort_lang = l < 0 ? 0 : l;
	qsort(v, *n, sizeof(*v), by_rank_cmp);
	*out = v;
	return DB_OK;
}

/*
 * <trail> of the category id and its parents, outermost first.  A
 * category whose page the visitor cannot open (one that holds only
 * drafts, which staff see) has no slug: it is named, not linked.
 */
int
category_trail(struct req *r, xmlNodePtr parent, unsigned id)
{
	const struct category	*chain[16];
	struct category		*c;
	xmlNodePtr		 t, n;
	size_t			 depth = 0;
	bool			 yes;
	int			 e;

	if (id == 0)
		return DB_OK;
	if ((e = tree_fresh(r)) != DB_OK)
		return e;
	for (c = find_id(id); c != NULL && depth < 16;
	    c = c->parent ? find_id(c->parent) : NULL)
		chain[depth++] = c;
	t = xml_elem(parent, "trail");
	while (depth > 0) {
		c = (struct category *)chain[--depth];
		n = xml_text(t, "category", category_name(r, c));
		if ((e = seen(r, c, -1, &yes)) != DB_OK)
			return e;
		if (yes)
			xml_attr(n, "slug", c->slug);
	}
	return DB_OK;
}

/*
 * The product names r's visitor may know of (those of published items
 * they may see), in name order, at most max; *out is in r's arena.
 */
int
category_products(struct req *r, size_t max, const char ***out, size_t *n)
{
	const char	**v;
	bool		  yes;
	size_t		  i;
	int		  e;

	*n = 0;
	if ((e = tree_fresh(r)) != DB_OK)
		return e;
	v = arena_alloc(r->arena, sizeof(*v) * (tree.nproducts + 1));
	for (i = 0; i < tree.nproducts && *n < max; i++) {
		if ((e = audience_has(r, tree.products[i].aud,
		    tree.products[i].segs, tree.products[i].nsegs, &yes)) !=
		    DB_OK)
			return e;
		if (yes)
			v[(*n)++] = tree.products[i].name;
	}
	*out = v;
	return DB_OK;
}
