/*
 * Admin pages of the service levels:
 *   GET/POST /staff/tickets/departments  each department's names per
 *       language, its business-hours calendar (sla.c's text, checked by
 *       sla_parse()), the account roles that see its tickets, where its
 *       notices go; id 0 adds one
 *   GET/POST /staff/tickets/policies     first-response and resolution
 *       targets per priority and segment; id 0 adds one
 * After a change the due times of the open tickets it touches are
 * computed again (ticket_due_refresh(): derived data, on write).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

#define OPEN_STATUSES	"status IN ('new', 'open', 'waiting')"

enum { D_ID, D_SLUG, D_POSITION, D_CALENDAR, D_ROLES, D_NOTIFY, D__MAX };
static struct dbstmt q_departments = DBSTMT_COLS(
    "SELECT id, slug, position, calendar, account_roles, notify_addr "
    "FROM departments ORDER BY position, id LIMIT 100", D__MAX);
enum { DN_DEPT, DN_LANG, DN_NAME, DN__MAX };
static struct dbstmt q_dept_names = DBSTMT_COLS(
    "SELECT department_id, lang, name FROM department_names LIMIT 1000",
    DN__MAX);
static struct dbstmt q_dept_insert = DBSTMT(
    "INSERT INTO departments (slug, position, calendar, account_roles, "
    "notify_addr) VALUES (?, ?, ?, ?, ?)");
static struct dbstmt q_dept_update = DBSTMT(
    "UPDATE departments SET slug = ?, position = ?, calendar = ?, "
    "account_roles = ?, notify_addr = ? WHERE id = ?");
enum { DE_ID, DE__MAX };
static struct dbstmt q_dept_lock = DBSTMT_COLS(
    "SELECT id FROM departments WHERE id = ? FOR UPDATE", DE__MAX);
static struct dbstmt q_dept_last = DBSTMT_COLS(
    "SELECT LAST_INSERT_ID()", DE__MAX);
static struct dbstmt q_name_set = DBSTMT(
    "INSERT INTO department_names (department_id, lang, name) "
    "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name)");
static struct dbstmt q_name_clear = DBSTMT(
    "DELETE FROM department_names WHERE department_id = ? AND lang = ?");
enum { OT_ID, OT__MAX };
static struct dbstmt q_open_of_dept = DBSTMT_COLS(
    "SELECT id FROM tickets FORCE INDEX (tickets_dept_queue) "
    "WHERE department_id = ? AND " OPEN_STATUSES, OT__MAX);
static struct dbstmt q_open_of_policy = DBSTMT_COLS(
    "SELECT id FROM tickets FORCE INDEX (tickets_queue) WHERE "
    OPEN_STATUSES " AND policy_id = ?", OT__MAX);

enum { P_ID, P_SEGMENT, P_PRIORITY, P_NAME, P_FIRST, P_RESOLUTION, P_WARN,
    P_CHOOSE, P_ESCALATE, P__MAX };
static struct dbstmt q_policies = DBSTMT_COLS(
    "SELECT id, segment_id, priority, name, first_response_min, "
    "resolution_min, warn_percent, may_choose_priority, escalate "
    "FROM sla_policies ORDER BY segment_id, priority, id LIMIT 500",
    P__MAX);
enum { SEG_ID, SEG_NAME, SEG__MAX };
static struct dbstmt q_segments = DBSTMT_COLS(
    "SELECT id, name FROM segments ORDER BY name LIMIT 500", SEG__MAX);
static struct dbstmt q_policy_insert = DBSTMT(
    "INSERT INTO sla_policies (segment_id, priority, name, "
    "first_response_min, resolution_min, warn_percent, "
    "may_choose_priority, escalate) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
static struct dbstmt q_policy_update = DBSTMT(
    "UPDATE sla_policies SET segment_id = ?, priority = ?, name = ?, "
    "first_response_min = ?, resolution_min = ?, warn_percent = ?, "
    "may_choose_priority = ?, escalate = ? WHERE id = ?");
enum { PL_ID, PL__MAX };
static struct dbstmt q_policy_last = DBSTMT_COLS(
    "SELECT LAST_INSERT_ID()", PL__MAX);
static struct dbstmt q_policy_exists = DBSTMT_COLS(
    "SELECT id FROM sla_policies WHERE id = ?", PL__MAX);

const char *const staff_escalations[] = {
	"none", "notify", "raise", "raise,notify", NULL
};

/* A form sent back with its error: the id it was for (0: the new one). */
struct bad {
	unsigned	 id;
	const char	*field, *error, *hint;
};

static const char *
field_error(const struct bad *bad, const char *field)
{
	return bad != NULL && !strcmp(bad->field, field) ? bad->error : NULL;
}

/* The value of field: as sent when the form is shown again, else v. */
static const char *
value_of(struct req *r, bool again, const char *field, const char *v)
{
	const char	*s;

	if (again && (s = kv_get(&r->form, field)) != NULL)
		return s;
	return v;
}

static const char *
name_of(const struct dbres *names, const char *id, const char *lang)
{
	size_t	i;

	for (i = 0; names != NULL && i < names->nrows; i++)
		if (!strcmp(dbres_get(names, i, DN_DEPT), id) &&
		    !strcmp(dbres_get(names, i, DN_LANG), lang))
			return dbres_get(names, i, DN_NAME);
	return "";
}

static void
department_form(struct req *r, xmlNodePtr parent, const struct dbres *d,
    size_t row, const struct dbres *names, const struct bad *bad)
{
	const struct catalog	*c;
	const char		*id = d ? dbres_get(d, row, D_ID) : "0";
	const char		*field;
	xmlNodePtr		 f, fl;
	size_t			 k;
	bool			 again;

	again = bad != NULL && bad->id == strtoul(id, NULL, 10);
	if (!again)
		bad = NULL;
	f = form_new(r, parent, arena_printf(r->arena, "department-%s", id),
	    "/staff/tickets/departments", "staff-departments.save");
	form_hidden(f, "id", id);
	staff_field(f, "slug", "text", value_of(r, again, "slug", d ?
	    dbres_get(d, row, D_SLUG) : ""), field_error(bad, "slug"));
	staff_field(f, "position", "number", value_of(r, again, "position", d ?
	    dbres_get(d, row, D_POSITION) : "0"), field_error(bad, "position"));
	for (k = 0; k < i18n_count(); k++) {
		c = i18n_at(k);
		field = arena_printf(r->arena, "name_%s", c->code);
		form_field(f, field, "text", value_of(r, again, field,
		    name_of(names, id, c->code)), field_error(bad, field));
	}
	fl = staff_field(f, "calendar", "textarea", value_of(r, again,
	    "calendar", d ? dbres_get(d, row, D_CALENDAR) :
	    "zone Europe/Helsinki\nmon-fri 08:00-16:00"),
	    field_error(bad, "calendar"));
	if (again && bad->hint != NULL)
		xml_text(fl, "hint", bad->hint);
	staff_field(f, "account_roles", "text", value_of(r, again,
	    "account_roles", d ? dbres_get(d, row, D_ROLES) : ""),
	    field_error(bad, "account_roles"));
	staff_field(f, "notify_addr", "email", value_of(r, again, "notify_addr",
	    d ? dbres_get(d, row, D_NOTIFY) : ""),
	    field_error(bad, "notify_addr"));
}

static int
departments_page(struct req *r, const struct bad *bad, int status)
{
	struct dbres	*d, *names;
	xmlNodePtr	 pg, n;
	size_t		 i;
	int		 e;

	if ((e = db_query(&q_departments, &d, 0, NULL)) != DB_OK)
		return HTTP_DB(e);
	if ((e = db_query(&q_dept_names, &names, 0, NULL)) != DB_OK) {
		dbres_free(d);
		return HTTP_DB(e);
	}
	pg = page_new(r, "staff-departments");
	if (kv_get(&r->query, "done") != NULL)
		page_notice(r, kv_get(&r->query, "done"), "success");
	for (i = 0; i < d->nrows; i++) {
		n = xml_elem(pg, "department");
		xml_attr(n, "id", dbres_get(d, i, D_ID));
		xml_attr(n, "slug", dbres_get(d, i, D_SLUG));
		department_form(r, n, d, i, names, bad);
	}
	department_form(r, xml_elem(pg, "new"), NULL, 0, NULL, bad);
	dbres_free(names);
	dbres_free(d);
	return status;
}

int
page_staff_departments(struct req *r)
{
	return departments_page(r, NULL, 200);
}

/* Each role of a comma-separated list is an account role. */
static bool
roles_valid(const char *s)
{
	char	 w[32];
	size_t	 n;

	while (*s != '\0') {
		n = strcspn(s, ",");
		if (n == 0 || n >= sizeof(w))
			return false;
		memcpy(w, s, n);
		w[n] = '\0';
		if (content_find(member_roles, w) == -1)
			return false;
		s += n;
		if (*s == ',')
			s++;
	}
	return true;
}

/* Recompute the due times of the open tickets statement st lists. */
static int
refresh_open(struct dbstmt *st, size_t na, const struct dbarg *a,
    size_t *count)
{
	struct dbres	*res;
	size_t		 i;
	int		 e = DB_OK;

	*count = 0;
	if ((e = db_query(st, &res, na, a)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows && e == DB_OK; i++) {
		e = ticket_due_refresh((unsigned)strtoul(dbres_get(res, i,
		    OT_ID), NULL, 10));
		/* Closed or merged since it was listed: nothing to do. */
		if (e == TICKET_ENOENT || e == TICKET_ESTATE)
			e = DB_OK;
		else if (e == DB_OK)
			(*count)++;
	}
	dbres_free(res);
	return e;
}

struct dept_save {
	struct req	*r;
	unsigned	 id;
	bool		 found;
};

static int
dept_save_tx(void *arg)
{
	struct dept_save	*s = arg;
	struct req		*r = s->r;
	const struct catalog	*c;
	struct dbres		*res;
	struct dbarg		 a[6];
	const char		*v;
	size_t			 k;
	int			 e;

	if (s->id != 0) {
		a[0] = DBI(s->id);
		if ((e = db_query(&q_dept_lock, &res, 1, a)) != DB_OK)
			return e;
		s->found = res->nrows == 1;
		dbres_free(res);
		if (!s->found)
			return DB_OK;
	}
	a[0] = DBS(kv_get(&r->form, "slug"));
	a[1] = DBI(strtoul(kv_get(&r->form, "position"), NULL, 10));
	a[2] = DBS(kv_get(&r->form, "calendar"));
	a[3] = DBS((v = kv_get(&r->form, "account_roles")) ? v : "");
	a[4] = DBS((v = kv_get(&r->form, "notify_addr")) ? v : "");
	a[5] = DBI(s->id);
	if (s->id == 0) {
		if ((e = db_exec(&q_dept_insert, NULL, NULL, 5, a)) != DB_OK ||
		    (e = db_query(&q_dept_last, &res, 0, NULL)) != DB_OK)
			return e;
		s->id = (unsigned)strtoul(dbres_get(res, 0, DE_ID), NULL, 10);
		s->found = true;
		dbres_free(res);
	} else if ((e = db_exec(&q_dept_update, NULL, NULL, 6, a)) != DB_OK)
		return e;
	for (k = 0; k < i18n_count(); k++) {
		c = i18n_at(k);
		v = kv_get(&r->form, arena_printf(r->arena, "name_%s",
		    c->code));
		a[0] = DBI(s->id);
		a[1] = DBS(c->code);
		a[2] = DBS(v != NULL ? v : "");
		if (v != NULL && *v != '\0')
			e = db_exec(&q_name_set, NULL, NULL, 3, a);
		else
			e = db_exec(&q_name_clear, NULL, NULL, 2, a);
		if (e != DB_OK)
			return e;
	}
	return DB_OK;
}

/* The department form's fields, checked; 0 or the status shown. */
static int
dept_check(struct req *r, struct bad *bad)
{
	struct sla_calendar	*cal;
	const char		*v, *slug = kv_get(&r->form, "slug");
	char			 why[200];
	size_t			 k;

	bad->error = "required";
	if (slug == NULL || !valid_slug(slug, strlen(slug)) ||
	    strlen(slug) > 40) {
		bad->field = "slug";
		bad->error = slug == NULL || *slug == '\0' ? "required" :
		    "slug";
		return 400;
	}
	if ((v = kv_get(&r->form, "position")) == NULL || *v == '\0') {
		bad->field = "position";
		return 400;
	}
	if ((v = kv_get(&r->form, "name_en")) == NULL ||
	    !valid_text(v, strlen(v), 100)) {
		bad->field = "name_en";
		return 400;
	}
	for (k = 0; k < i18n_count(); k++) {
		bad->field = arena_printf(r->arena, "name_%s",
		    i18n_at(k)->code);
		if ((v = kv_get(&r->form, bad->field)) != NULL && *v != '\0' &&
		    !valid_text(v, strlen(v), 100)) {
			bad->error = "too-long";
			return 400;
		}
	}
	v = kv_get(&r->form, "calendar");
	if (v == NULL || *v == '\0' || sla_parse(r->arena, v, &cal, why,
	    sizeof(why)) != 0) {
		bad->field = "calendar";
		bad->error = v == NULL || *v == '\0' ? "required" :
		    "ticket-calendar";
		bad->hint = v == NULL || *v == '\0' ? NULL :
		    arena_strdup(r->arena, why);
		return 400;
	}
	if ((v = kv_get(&r->form, "account_roles")) != NULL &&
	    !roles_valid(v)) {
		bad->field = "account_roles";
		bad->error = "ticket-roles";
		return 400;
	}
	if ((v = kv_get(&r->form, "notify_addr")) != NULL && *v != '\0' &&
	    !valid_email(v, strlen(v))) {
		bad->field = "notify_addr";
		bad->error = "email";
		return 400;
	}
	return 0;
}

int
page_staff_department_save(struct req *r)
{
	struct dept_save	 s = { r, 0, false };
	struct bad		 bad = { 0, NULL, NULL, NULL };
	struct dbarg		 a[1];
	const char		*v = kv_get(&r->form, "id");
	size_t			 n;
	int			 e, st;

	s.id = bad.id = v ? (unsigned)strtoul(v, NULL, 10) : 0;
	if ((st = dept_check(r, &bad)) != 0)
		return departments_page(r, &bad, st);
	e = db_tx(dept_save_tx, &s);
	if (e == DB_DUPLICATE) {
		bad.field = "slug";
		bad.error = "slug-taken";
		return departments_page(r, &bad, 400);
	}
	if (e != DB_OK)
		return HTTP_DB(e);
	if (!s.found)
		return page_error(r, 404, NULL, NULL);
	a[0] = DBI(s.id);
	if ((e = refresh_open(&q_open_of_dept, 1, a, &n)) != DB_OK)
		return HTTP_DB(e);
	audit(r, "department-saved", 0, 0, "%u %s (%zu open tickets)", s.id,
	    kv_get(&r->form, "slug"), n);
	return req_redirect(r, arena_printf(r->arena, "/staff/tickets/"
	    "departments?done=department-saved#form-department-%u", s.id));
}

/* ---- policies ---------------------------------------------------------- */

static void
policy_form(struct req *r, xmlNodePtr parent, const struct dbres *p,
    size_t row, const struct dbres *segs, const struct bad *bad)
{
	const char	*id = p ? dbres_get(p, row, P_ID) : "0";
	const char	*esc;
	xmlNodePtr	 f, fl;
	size_t		 i;
	bool		 again;

	again = bad != NULL && bad->id == strtoul(id, NULL, 10);
	if (!again)
		bad = NULL;
	f = form_new(r, parent, arena_printf(r->arena, "policy-%s", id),
	    "/staff/tickets/policies", "staff-policies.save");
	form_hidden(f, "id", id);
	staff_field(f, "name", "text", value_of(r, again, "name", p ?
	    dbres_get(p, row, P_NAME) : ""), field_error(bad, "name"));
	fl = staff_field(f, "segment", "select", value_of(r, again, "segment",
	    p ? dbres_get(p, row, P_SEGMENT) : "0"), NULL);
	form_option(fl, "0", "");
	for (i = 0; i < segs->nrows; i++)
		form_option(fl, dbres_get(segs, i, SEG_ID), dbres_get(segs, i,
		    SEG_NAME));
	fl = staff_field(f, "priority", "select", value_of(r, again, "priority",
	    p ? dbres_get(p, row, P_PRIORITY) : "normal"), NULL);
	for (i = 0; i < TICKET_PRIORITY__MAX; i++)
		form_option(fl, ticket_priorities[i], ticket_priorities[i]);
	staff_field(f, "first_response", "number", value_of(r, again,
	    "first_response", p ? dbres_get(p, row, P_FIRST) : "480"),
	    field_error(bad, "first_response"));
	staff_field(f, "resolution", "number", value_of(r, again, "resolution",
	    p ? dbres_get(p, row, P_RESOLUTION) : "1440"),
	    field_error(bad, "resolution"));
	staff_field(f, "warn_percent", "number", value_of(r, again,
	    "warn_percent", p ? dbres_get(p, row, P_WARN) : "80"),
	    field_error(bad, "warn_percent"));
	fl = staff_field(f, "may_choose", "select", value_of(r, again,
	    "may_choose", p && !strcmp(dbres_get(p, row, P_CHOOSE), "1") ?
	    "yes" : "no"), NULL);
	form_option(fl, "no", "no");
	form_option(fl, "yes", "yes");
	esc = p ? dbres_get(p, row, P_ESCALATE) : "notify";
	fl = staff_field(f, "escalate", "select", value_of(r, again, "escalate",
	    *esc == '\0' ? "none" : esc), NULL);
	for (i = 0; staff_escalations[i] != NULL; i++)
		form_option(fl, staff_escalations[i], staff_escalations[i]);
}

static int
policies_page(struct req *r, const struct bad *bad, int status)
{
	struct dbres	*p, *segs;
	xmlNodePtr	 pg, n;
	size_t		 i;
	int		 e;

	if ((e = db_query(&q_policies, &p, 0, NULL)) != DB_OK)
		return HTTP_DB(e);
	if ((e = db_query(&q_segments, &segs, 0, NULL)) != DB_OK) {
		dbres_free(p);
		return HTTP_DB(e);
	}
	pg = page_new(r, "staff-policies");
	if (kv_get(&r->query, "done") != NULL)
		page_notice(r, kv_get(&r->query, "done"), "success");
	for (i = 0; i < p->nrows; i++) {
		n = xml_elem(pg, "policy");
		xml_attr(n, "id", dbres_get(p, i, P_ID));
		xml_attr(n, "segment", dbres_get(p, i, P_SEGMENT));
		xml_attr(n, "priority", dbres_get(p, i, P_PRIORITY));
		xml_attr(n, "name", dbres_get(p, i, P_NAME));
		policy_form(r, n, p, i, segs, bad);
	}
	policy_form(r, xml_elem(pg, "new"), NULL, 0, segs, bad);
	dbres_free(segs);
	dbres_free(p);
	return status;
}

int
page_staff_policies(struct req *r)
{
	return policies_page(r, NULL, 200);
}

/* A whole number of minutes from lo to hi, as the form sent it. */
static bool
minutes_valid(const char *v, long lo, long hi)
{
	char	*end;
	long	 n;

	if (v == NULL || *v == '\0')
		return false;
	n = strtol(v, &end, 10);
	return *end == '\0' && n >= lo && n <= hi;
}

int
page_staff_policy_save(struct req *r)
{
	static const char *const nums[] = { "first_response", "resolution",
	    "warn_percent" };
	static const long lo[] = { 1, 1, 1 }, hi[] = { 525600, 5256000, 100 };
	struct dbres	*res;
	struct dbarg	 a[9];
	struct bad	 bad = { 0, NULL, NULL, NULL };
	const char	*v = kv_get(&r->form, "id"), *name, *esc, *prio;
	uint64_t	 changed;
	size_t		 i, n;
	unsigned	 id;
	int		 e;

	bad.id = id = v ? (unsigned)strtoul(v, NULL, 10) : 0;
	name = kv_get(&r->form, "name");
	prio = kv_get(&r->form, "priority");
	esc = kv_get(&r->form, "escalate");
	if (prio == NULL || esc == NULL)
		return page_error(r, 400, "missing-param",
		    prio == NULL ? "priority" : "escalate");
	if (name == NULL || !valid_text(name, strlen(name), 100)) {
		bad.field = "name";
		bad.error = "required";
		return policies_page(r, &bad, 400);
	}
	for (i = 0; i < 3; i++)
		if (!minutes_valid(kv_get(&r->form, nums[i]), lo[i], hi[i])) {
			bad.field = nums[i];
			bad.error = "ticket-number";
			return policies_page(r, &bad, 400);
		}
	a[0] = DBI(strtoul((v = kv_get(&r->form, "segment")) ? v : "0", NULL,
	    10));
	a[1] = DBS(prio);
	a[2] = DBS(name);
	a[3] = DBI(strtol(kv_get(&r->form, "first_response"), NULL, 10));
	a[4] = DBI(strtol(kv_get(&r->form, "resolution"), NULL, 10));
	a[5] = DBI(strtol(kv_get(&r->form, "warn_percent"), NULL, 10));
	a[6] = DBI((v = kv_get(&r->form, "may_choose")) && !strcmp(v, "yes"));
	a[7] = DBS(!strcmp(esc, "none") ? "" : esc);
	a[8] = DBI(id);
	if (id == 0) {
		e = db_exec(&q_policy_insert, NULL, NULL, 8, a);
		if (e == DB_OK && (e = db_query(&q_policy_last, &res, 0,
		    NULL)) == DB_OK) {
			id = (unsigned)strtoul(dbres_get(res, 0, PL_ID), NULL,
			    10);
			dbres_free(res);
		}
	} else if ((e = db_exec(&q_policy_update, &changed, NULL, 9, a)) ==
	    DB_OK && changed == 0) {
		/* The same values again (saved), or no such policy. */
		a[0] = DBI(id);
		if ((e = db_query(&q_policy_exists, &res, 1, a)) != DB_OK)
			return HTTP_DB(e);
		n = res->nrows;
		dbres_free(res);
		if (n == 0)
			return page_error(r, 404, NULL, NULL);
	}
	if (e == DB_DUPLICATE) {
		bad.field = "name";
		bad.error = "ticket-policy-taken";
		return policies_page(r, &bad, 400);
	}
	if (e != DB_OK)
		return HTTP_DB(e);
	a[0] = DBI(id);
	if ((e = refresh_open(&q_open_of_policy, 1, a, &n)) != DB_OK)
		return HTTP_DB(e);
	audit(r, "policy-saved", 0, 0, "%u %s %s (%zu open tickets)", id,
	    name, prio, n);
	return req_redirect(r, arena_printf(r->arena,
	    "/staff/tickets/policies?done=policy-saved#form-policy-%u", id));
}
