/*
 * Staff naming of categories: GET /staff/categories (every category with
 * its name and its name in each language the portal speaks) and POST
 * /staff/categories/save (one category's names).  Categories are made
 * from paths (the editor's and the import's category field); here they
 * get the names visitors read in their own language.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

enum { ALL_ID, ALL_SLUG, ALL_NAME, ALL__MAX };
static struct dbstmt q_all = DBSTMT_COLS(
    "SELECT c.id, c.slug, c.name FROM categories c ORDER BY c.slug "
    "LIMIT 1000", ALL__MAX);
enum { NAMES_CATEGORY_ID, NAMES_LANG, NAMES_NAME, NAMES__MAX };
static struct dbstmt q_names = DBSTMT_COLS(
    "SELECT category_id, lang, name FROM category_names", NAMES__MAX);
static struct dbstmt q_base = DBSTMT(
    "UPDATE categories SET name = ? WHERE id = ?");
enum { EXISTS_SLUG, EXISTS__MAX };
static struct dbstmt q_exists = DBSTMT_COLS(
    "SELECT slug FROM categories WHERE id = ? FOR UPDATE", EXISTS__MAX);

/* A submitted category whose form is shown again with its error. */
struct bad {
	unsigned	 id;
	const char	*field, *error;
};

static const char *
name_of(struct arena *a, const struct dbres *names, const char *id,
    const char *lang)
{
	size_t	i;

	for (i = 0; i < names->nrows; i++)
		if (!strcmp(dbres_get(names, i, NAMES_CATEGORY_ID), id) &&
		    !strcmp(dbres_get(names, i, NAMES_LANG), lang))
			return arena_strdup(a, dbres_get(names, i, NAMES_NAME));
	return "";
}

static int
categories_page(struct req *r, const struct bad *bad, int status)
{
	struct dbres		*all, *names;
	const struct catalog	*c;
	const struct category	*open;
	xmlNodePtr		 pg, n, f;
	const char		*id, *v, *field;
	size_t			 i, k;
	bool			 again;
	int			 e;

	if ((e = db_query(&q_all, &all, 0, NULL)) != DB_OK)
		return HTTP_DB(e);
	if ((e = db_query(&q_names, &names, 0, NULL)) != DB_OK) {
		dbres_free(all);
		return HTTP_DB(e);
	}
	pg = page_new(r, "staff-categories");
	if (kv_get(&r->query, "done") != NULL)
		page_notice(r, kv_get(&r->query, "done"), "success");
	for (i = 0; i < all->nrows; i++) {
		id = dbres_get(all, i, ALL_ID);
		again = bad != NULL && bad->id == strtoul(id, NULL, 10);
		n = xml_elem(pg, "category");
		xml_attr(n, "id", id);
		xml_attr(n, "slug", dbres_get(all, i, ALL_SLUG));
		/* Only a category something is published in has a page. */
		if ((e = category_get(r, NULL, (unsigned)strtoul(id, NULL, 10),
		    &open)) != DB_OK) {
			dbres_free(names);
			dbres_free(all);
			return HTTP_DB(e);
		}
		if (open != NULL)
			xml_attr(n, "page", "yes");
		f = form_new(r, n, arena_printf(r->arena, "c%s", id),
		    "/staff/categories/save", "staff-content.save");
		form_hidden(f, "id", id);
		v = again ? kv_get(&r->form, "category_name") :
		    dbres_get(all, i, ALL_NAME);
		form_field(f, "category_name", "text", v, again &&
		    !strcmp(bad->field, "category_name") ? bad->error : NULL);
		for (k = 0; k < i18n_count(); k++) {
			c = i18n_at(k);
			field = arena_printf(r->arena, "name_%s", c->code);
			v = again ? kv_get(&r->form, field) :
			    name_of(r->arena, names, id, c->code);
			form_field(f, field, "text", v, again &&
			    !strcmp(bad->field, field) ? bad->error : NULL);
		}
	}
	dbres_free(names);
	dbres_free(all);
	return status;
}

int
page_staff_categories(struct req *r)
{
	return categories_page(r, NULL, 200);
}

struct save {
	struct req	*r;
	unsigned	 id;
	bool		 found;
};

static int
save_tx(void *arg)
{
	struct save		*s = arg;
	const struct catalog	*c;
	struct dbres		*res;
	struct dbarg		 a[2];
	const char		*v;
	size_t			 k;
	int			 e;

	a[0] = DBI(s->id);
	if ((e = db_query(&q_exists, &res, 1, a)) != DB_OK)
		return e;
	s->found = res->nrows == 1;
	dbres_free(res);
	if (!s->found)
		return DB_OK;
	a[0] = DBS(kv_get(&s->r->form, "category_name"));
	a[1] = DBI(s->id);
	if ((e = db_exec(&q_base, NULL, NULL, 2, a)) != DB_OK)
		return e;
	for (k = 0; k < i18n_count(); k++) {
		c = i18n_at(k);
		v = kv_get(&s->r->form, arena_printf(s->r->arena, "name_%s",
		    c->code));
		if ((e = category_name_set(s->id, c->code, v, NULL)) != DB_OK)
			return e;
	}
	return content_generation_bump();
}

int
page_staff_category_save(struct req *r)
{
	const struct catalog	*c;
	struct save		 s = { r, 0, false };
	struct bad		 bad;
	const char		*v, *field;
	size_t			 k;
	int			 e;

	v = kv_get(&r->form, "id");
	s.id = v ? (unsigned)strtoul(v, NULL, 10) : 0;
	if (s.id == 0)
		return page_error(r, 400, "missing-param", "id");
	bad.id = s.id;
	v = kv_get(&r->form, "category_name");
	if (v == NULL || *v == '\0') {
		bad.field = "category_name";
		bad.error = "required";
		return categories_page(r, &bad, 400);
	}
	for (k = 0; k <= i18n_count(); k++) {
		if (k == i18n_count())
			field = "category_name";
		else {
			c = i18n_at(k);
			field = arena_printf(r->arena, "name_%s", c->code);
		}
		if ((v = kv_get(&r->form, field)) != NULL && *v &&
		    !valid_text(v, strlen(v), 200)) {
			bad.field = field;
			bad.error = strlen(v) > 200 ? "too-long" : "required";
			return categories_page(r, &bad, 400);
		}
	}
	if ((e = db_tx(save_tx, &s)) != DB_OK)
		return HTTP_DB(e);
	if (!s.found)
		return 404;
	audit(r, "category-saved", 0, 0, "%u %s", s.id,
	    kv_get(&r->form, "category_name"));
	return req_redirect(r, arena_printf(r->arena,
	    "/staff/categories?done=category-saved#form-c%u", s.id));
}
