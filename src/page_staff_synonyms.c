/*
 * Staff editing of search synonyms: GET /staff/search/synonyms (every
 * set, by language, and the form for a new one), POST to add a set,
 * POST /staff/search/synonyms/delete to delete one.  A set is words or
 * phrases of one language that a search treats as one (search.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

enum { SETS_ID, SETS_LANG, SETS_PHRASE, SETS__MAX };
static struct dbstmt q_sets = DBSTMT_COLS(
    "SELECT s.id, s.lang, m.phrase FROM search_synonym_sets s "
    "JOIN search_synonyms m ON m.set_id = s.id "
    "ORDER BY s.lang, s.id, m.phrase LIMIT 5000", SETS__MAX);
static struct dbstmt q_set_delete = DBSTMT(
    "DELETE FROM search_synonym_sets WHERE id = ?");

/* The page; the add form shows members and lang again with error. */
static int
synonyms_page(struct req *r, const char *lang, const char *members,
    const char *error, int status)
{
	const struct catalog	*c;
	struct dbres		*res;
	xmlNodePtr		 pg, set = NULL, f, sel;
	const char		*id, *last = "";
	size_t			 i;
	int			 e;

	if ((e = db_query(&q_sets, &res, 0, NULL)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "staff-synonyms");
	if (kv_get(&r->query, "done") != NULL)
		page_notice(r, kv_get(&r->query, "done"), "success");
	for (i = 0; i < res->nrows; i++) {
		id = dbres_get(res, i, SETS_ID);
		if (strcmp(id, last)) {
			set = xml_elem(pg, "set");
			xml_attr(set, "id", id);
			xml_attr(set, "lang", dbres_get(res, i, SETS_LANG));
			f = form_new(r, set, arena_printf(r->arena, "s%s", id),
			    "/staff/search/synonyms/delete", "staff.delete");
			form_hidden(f, "set", id);
			last = id;
		}
		xml_text(set, "member", dbres_get(res, i, SETS_PHRASE));
	}
	f = form_new(r, pg, "synonyms-add", "/staff/search/synonyms",
	    "staff-synonyms.add");
	if (lang == NULL)
		lang = r->cat != NULL ? r->cat->code : "en";
	sel = form_field(f, "lang", "select", lang, NULL);
	for (i = 0; content_langs[i] != NULL; i++) {
		c = i18n_find(content_langs[i]);
		form_option(sel, content_langs[i], c ? c->name :
		    content_langs[i]);
	}
	form_field(f, "members", "text", members, error);
	dbres_free(res);
	return status;
}

int
page_staff_synonyms(struct req *r)
{
	return synonyms_page(r, NULL, NULL, NULL, 200);
}

int
page_staff_synonyms_add(struct req *r)
{
	const char	*lang = kv_get(&r->form, "lang");
	const char	*members = kv_get(&r->form, "members");
	const char	*why;
	int		 e;

	if (lang == NULL || !content_lang_valid(lang))
		return page_error(r, 400, "invalid-param", "lang");
	if (members == NULL || *members == '\0')
		return synonyms_page(r, lang, members, "required", 400);
	if ((e = synonyms_add(r->arena, lang, members, r->user->id, &why)) !=
	    DB_OK)
		return HTTP_DB(e);
	if (why != NULL)
		return synonyms_page(r, lang, members, why, 400);
	audit(r, "synonyms-added", 0, 0, "%s: %s", lang, members);
	return req_redirect(r, "/staff/search/synonyms?done=synonyms-added");
}

int
page_staff_synonyms_delete(struct req *r)
{
	const char	*set = kv_get(&r->form, "set");
	struct dbarg	 a[1];
	uint64_t	 n = 0;
	int		 e;

	if (set == NULL)
		return page_error(r, 400, "missing-param", "set");
	a[0] = DBI(strtoul(set, NULL, 10));
	if ((e = db_exec(&q_set_delete, &n, NULL, 1, a)) != DB_OK)
		return HTTP_DB(e);
	if (n == 0)
		return 404;
	audit(r, "synonyms-deleted", 0, 0, "%s", set);
	return req_redirect(r, "/staff/search/synonyms?done=synonyms-deleted");
}
