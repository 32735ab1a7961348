/*
 * Canned replies: GET /staff/tickets/canned lists them by language, each
 * with its form; POST /staff/tickets/canned saves one (id 0: a new one),
 * POST /staff/tickets/canned/delete removes one.  A reply's body may
 * name the placeholders {name} (the ticket's requester) and {ref} (its
 * reference), which the ticket page fills in (canned_fill()).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

enum { CAN_ID, CAN_LANG, CAN_TITLE, CAN_BODY, CAN_DEPT, CAN__MAX };
static struct dbstmt q_all = DBSTMT_COLS(
    "SELECT id, lang, title, body, COALESCE(department_id, 0) "
    "FROM canned_replies ORDER BY lang, title, id LIMIT 500", CAN__MAX);
static struct dbstmt q_insert = DBSTMT(
    "INSERT INTO canned_replies (lang, title, body, department_id) "
    "VALUES (?, ?, ?, NULLIF(?, 0))");
static struct dbstmt q_update = DBSTMT(
    "UPDATE canned_replies SET lang = ?, title = ?, body = ?, "
    "department_id = NULLIF(?, 0) WHERE id = ?");
static struct dbstmt q_delete = DBSTMT(
    "DELETE FROM canned_replies WHERE id = ?");
enum { DX_ID, DX__MAX };
static struct dbstmt q_dept_exists = DBSTMT_COLS(
    "SELECT id FROM departments WHERE id = ?", DX__MAX);
/* An update that changed no row: the same values again, or no such id. */
static struct dbstmt q_exists = DBSTMT_COLS(
    "SELECT id FROM canned_replies WHERE id = ?", DX__MAX);

/* Is there a canned reply id?  A dberr, *found set. */
static int
canned_exists(unsigned id, bool *found)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	int		 e;

	a[0] = DBI(id);
	if ((e = db_query(&q_exists, &res, 1, a)) != DB_OK)
		return e;
	*found = res->nrows == 1;
	dbres_free(res);
	return DB_OK;
}

/* A form sent back with its error: the id it was for (0: the new one). */
struct bad {
	unsigned	 id;
	const char	*field, *error;
};

static xmlNodePtr
canned_form(struct req *r, xmlNodePtr parent, const char *id,
    const char *lang, const char *title, const char *body, const char *dept,
    const struct bad *bad)
{
	const struct catalog	*c;
	xmlNodePtr		 f, fl;
	size_t			 k;

	f = form_new(r, parent, arena_printf(r->arena, "canned-%s", id),
	    "/staff/tickets/canned", "staff-canned.save");
	form_hidden(f, "id", id);
	fl = staff_field(f, "lang", "select", lang, NULL);
	for (k = 0; k < i18n_count(); k++) {
		c = i18n_at(k);
		form_option(fl, c->code, c->name);
	}
	staff_field(f, "title", "text", title, bad != NULL &&
	    !strcmp(bad->field, "title") ? bad->error : NULL);
	staff_field(f, "body", "textarea", body, bad != NULL &&
	    !strcmp(bad->field, "body") ? bad->error : NULL);
	fl = staff_field(f, "department", "select", dept, bad != NULL &&
	    !strcmp(bad->field, "department") ? bad->error : NULL);
	form_option(fl, "0", "");
	return fl;
}

/*
 * The departments in this language under pg, and each an option of the
 * n select fields.  Returns a dberr.
 */
static int
canned_departments(struct req *r, xmlNodePtr pg, xmlNodePtr *fields,
    size_t n)
{
	xmlNodePtr	 d, l;
	xmlChar		*id, *name;
	size_t		 i;
	int		 e;

	if ((e = staff_departments_xml(r, pg, 0, NULL)) != DB_OK)
		return e;
	l = xmlGetLastChild(pg);
	for (d = l->children; d != NULL; d = d->next) {
		id = xmlGetProp(d, (const xmlChar *)"id");
		name = xmlNodeGetContent(d);
		for (i = 0; i < n; i++)
			form_option(fields[i], (const char *)id,
			    (const char *)name);
		xmlFree(id);
		xmlFree(name);
	}
	return DB_OK;
}

/* A field's value: as sent when its form is shown again, else row i's. */
static const char *
canned_value(struct req *r, bool again, const char *field,
    const struct dbres *res, size_t i, size_t col)
{
	return again ? kv_get(&r->form, field) : dbres_get(res, i, col);
}

/* The page; bad is a sent form shown again with its error, or NULL. */
static int
canned_page(struct req *r, const struct bad *bad, int status)
{
	struct dbres	*res;
	xmlNodePtr	 pg, n, *fields;
	const char	*id;
	size_t		 i;
	bool		 again;
	int		 e;

	if ((e = db_query(&q_all, &res, 0, NULL)) != DB_OK)
		return HTTP_DB(e);
	fields = arena_alloc(r->arena, (res->nrows + 1) * sizeof(*fields));
	pg = page_new(r, "staff-canned");
	if (kv_get(&r->query, "done") != NULL)
		page_notice(r, kv_get(&r->query, "done"), "success");
	for (i = 0; i < res->nrows; i++) {
		id = dbres_get(res, i, CAN_ID);
		again = bad != NULL && bad->id == strtoul(id, NULL, 10);
		n = xml_elem(pg, "reply");
		xml_attr(n, "id", id);
		xml_attr(n, "lang", dbres_get(res, i, CAN_LANG));
		xml_attr(n, "title", dbres_get(res, i, CAN_TITLE));
		fields[i] = canned_form(r, n, id,
		    canned_value(r, again, "lang", res, i, CAN_LANG),
		    canned_value(r, again, "title", res, i, CAN_TITLE),
		    canned_value(r, again, "body", res, i, CAN_BODY),
		    canned_value(r, again, "department", res, i, CAN_DEPT),
		    again ? bad : NULL);
		form_hidden(form_new(r, n, arena_printf(r->arena,
		    "canned-delete-%s", id), "/staff/tickets/canned/delete",
		    "staff-canned.delete"), "id", id);
	}
	again = bad != NULL && bad->id == 0;
	n = xml_elem(pg, "new");
	fields[i] = canned_form(r, n, "0",
	    again ? kv_get(&r->form, "lang") : r->cat->code,
	    again ? kv_get(&r->form, "title") : "",
	    again ? kv_get(&r->form, "body") : "",
	    again ? kv_get(&r->form, "department") : "0", again ? bad : NULL);
	e = canned_departments(r, pg, fields, res->nrows + 1);
	dbres_free(res);
	if (e != DB_OK)
		return HTTP_DB(e);
	return status;
}

int
page_staff_canned(struct req *r)
{
	return canned_page(r, NULL, 200);
}

int
page_staff_canned_save(struct req *r)
{
	struct dbres	*res;
	struct dbarg	 a[5];
	struct bad	 bad;
	const char	*v, *title, *body, *lang;
	unsigned	 id, dept;
	uint64_t	 n;
	bool		 found;
	int		 e;

	v = kv_get(&r->form, "id");
	bad.id = id = v ? (unsigned)strtoul(v, NULL, 10) : 0;
	lang = kv_get(&r->form, "lang");
	title = kv_get(&r->form, "title");
	body = kv_get(&r->form, "body");
	v = kv_get(&r->form, "department");
	dept = v ? (unsigned)strtoul(v, NULL, 10) : 0;
	if (lang == NULL)
		return page_error(r, 400, "missing-param", "lang");
	bad.error = "required";
	if (title == NULL || !valid_text(title, strlen(title), 200)) {
		bad.field = "title";
		if (title != NULL && strlen(title) > 200)
			bad.error = "too-long";
		return canned_page(r, &bad, 400);
	}
	if (body == NULL || !valid_text(body, strlen(body), 60000)) {
		bad.field = "body";
		return canned_page(r, &bad, 400);
	}
	if (dept != 0) {
		a[0] = DBI(dept);
		if ((e = db_query(&q_dept_exists, &res, 1, a)) != DB_OK)
			return HTTP_DB(e);
		n = res->nrows;
		dbres_free(res);
		if (n == 0) {
			bad.field = "department";
			bad.error = "invalid";
			return canned_page(r, &bad, 400);
		}
	}
	a[0] = DBS(lang);
	a[1] = DBS(title);
	a[2] = DBS(body);
	a[3] = DBI(dept);
	a[4] = DBI(id);
	if (id == 0)
		e = db_exec(&q_insert, NULL, NULL, 4, a);
	else if ((e = db_exec(&q_update, &n, NULL, 5, a)) == DB_OK && n == 0 &&
	    (e = canned_exists(id, &found)) == DB_OK && !found)
		return page_error(r, 404, NULL, NULL);
	if (e != DB_OK)
		return HTTP_DB(e);
	audit(r, "canned-saved", 0, 0, "%u %s", id, title);
	return req_redirect(r, "/staff/tickets/canned?done=canned-saved");
}

int
page_staff_canned_delete(struct req *r)
{
	struct dbarg	 a[1];
	const char	*v = kv_get(&r->form, "id");
	uint64_t	 n;
	int		 e;

	if (v == NULL)
		return page_error(r, 400, "missing-param", "id");
	a[0] = DBI(strtoul(v, NULL, 10));
	if ((e = db_exec(&q_delete, &n, NULL, 1, a)) != DB_OK)
		return HTTP_DB(e);
	if (n == 0)
		return page_error(r, 404, NULL, NULL);
	audit(r, "canned-deleted", 0, 0, "%s", v);
	return req_redirect(r, "/staff/tickets/canned?done=canned-deleted");
}
