/*
 * Staff's forum categories: GET /staff/community/categories (every
 * category, parents first, each with its form, and a form for a new
 * one) and POST /staff/community/categories/save (one category: its
 * parent, place in the order, visibility, segments and names; slug on
 * creation only, since addresses and feeds carry it); POST
 * /staff/community/categories/delete (an empty one: no topic, no
 * subcategory; its names, segments and watchers go with it; one that
 * is not empty is refused, 409).  Categories nest one level.  Hiding a
 * category is making it staff-only: its topics leave every customer's
 * list, page, search and feed at once.
 *
 * A change of visibility, segments or parent changes the effective
 * visibility (FORUM_EFFECTIVE_VIS) of the category, its children and
 * their topics: the topics' rows follow in the same transaction, and
 * their search documents (facet words, segments) right after it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

static const char *const visibilities[] = {
	"public", "signed-in", "segments", "staff", NULL
};

enum { FC_ID, FC_PARENT, FC_SLUG, FC_POSITION, FC_VISIBILITY, FC_EFFECTIVE,
    FC_TOPICS, FC_SEGMENTS, FC__MAX };
static struct dbstmt q_all = DBSTMT_COLS(
    "SELECT c.id, IFNULL(p.slug, ''), c.slug, c.position, c.visibility, "
    FORUM_EFFECTIVE_VIS("c", "p") ", c.topics, IFNULL((SELECT "
    "GROUP_CONCAT(s.name ORDER BY s.name SEPARATOR ', ') FROM "
    "forum_category_segments fs JOIN segments s ON s.id = fs.segment_id "
    "WHERE fs.category_id = c.id), '') FROM forum_categories c LEFT JOIN "
    "forum_categories p ON p.id = c.parent_id ORDER BY "
    "IFNULL(p.position, c.position), IFNULL(p.id, c.id), "
    "c.parent_id IS NOT NULL, c.position, c.id LIMIT 500", FC__MAX);
enum { FN_CATEGORY, FN_LANG, FN_NAME, FN__MAX };
static struct dbstmt q_names = DBSTMT_COLS(
    "SELECT category_id, lang, name FROM forum_category_names", FN__MAX);

enum { LK_ID, LK_PARENT, LK_SLUG, LK__MAX };
static struct dbstmt q_lock = DBSTMT_COLS(
    "SELECT id, IFNULL(parent_id, 0), slug FROM forum_categories "
    "WHERE id = ? FOR UPDATE", LK__MAX);
static struct dbstmt q_lock_slug = DBSTMT_COLS(
    "SELECT id, IFNULL(parent_id, 0), slug FROM forum_categories "
    "WHERE slug = ? FOR UPDATE", LK__MAX);
enum { KIDS_N, KIDS__MAX };
static struct dbstmt q_children = DBSTMT_COLS(
    "SELECT COUNT(*) FROM forum_categories WHERE parent_id = ?", KIDS__MAX);
/* What keeps a category: a subcategory, or a topic (any state), read
 * under the category's lock (a new topic's foreign key check waits for
 * it, and then finds no category). */
enum { USED_N, USED__MAX };
static struct dbstmt q_used = DBSTMT_COLS(
    "SELECT EXISTS (SELECT 1 FROM forum_categories WHERE parent_id = ?) OR "
    "EXISTS (SELECT 1 FROM forum_topics WHERE category_id = ?)",
    USED__MAX);
static struct dbstmt q_del_names = DBSTMT(
    "DELETE FROM forum_category_names WHERE category_id = ?");
static struct dbstmt q_del_watch = DBSTMT(
    "DELETE FROM forum_subscriptions WHERE category_id = ? AND "
    "topic_id = 0");
static struct dbstmt q_del = DBSTMT(
    "DELETE FROM forum_categories WHERE id = ?");
static struct dbstmt q_add = DBSTMT(
    "INSERT INTO forum_categories (parent_id, slug, position, visibility) "
    "VALUES (NULLIF(?, 0), ?, ?, ?)");
static struct dbstmt q_update = DBSTMT(
    "UPDATE forum_categories SET parent_id = NULLIF(?, 0), position = ?, "
    "visibility = ? WHERE id = ?");
static struct dbstmt q_name_set = DBSTMT(
    "INSERT INTO forum_category_names (category_id, lang, name) VALUES "
    "(?, ?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name)");
static struct dbstmt q_name_del = DBSTMT(
    "DELETE FROM forum_category_names WHERE category_id = ? AND lang = ?");
enum { SEG_ID, SEG__MAX };
static struct dbstmt q_segment = DBSTMT_COLS(
    "SELECT id FROM segments WHERE name = ?", SEG__MAX);
static struct dbstmt q_segs_clear = DBSTMT(
    "DELETE FROM forum_category_segments WHERE category_id = ?");
static struct dbstmt q_seg_add = DBSTMT(
    "INSERT IGNORE INTO forum_category_segments (category_id, segment_id) "
    "VALUES (?, ?)");
/* The topics of the category and of its children take the effective
 * visibility they now have. */
static struct dbstmt q_topics_follow = DBSTMT(
    "UPDATE forum_topics t JOIN forum_categories c ON c.id = t.category_id "
    "LEFT JOIN forum_categories p ON p.id = c.parent_id SET t.visibility = "
    FORUM_EFFECTIVE_VIS("c", "p") " WHERE c.id = ? OR c.parent_id = ?");
enum { TOP_ID, TOP__MAX };
static struct dbstmt q_topics_of = DBSTMT_COLS(
    "SELECT t.id FROM forum_topics t JOIN forum_categories c ON "
    "c.id = t.category_id WHERE (c.id = ? OR c.parent_id = ?) AND "
    "t.id > ? ORDER BY t.id LIMIT 500", TOP__MAX);

/* A form shown again with its error: category id (0: the new one). */
struct bad {
	unsigned	 id;
	const char	*field, *error;
};

static const char *
name_of(const struct dbres *names, const char *id, const char *lang)
{
	size_t	i;

	for (i = 0; i < names->nrows; i++)
		if (!strcmp(dbres_get(names, i, FN_CATEGORY), id) &&
		    !strcmp(dbres_get(names, i, FN_LANG), lang))
			return dbres_get(names, i, FN_NAME);
	return "";
}

/* The value of field: what was sent (the form in error), else v. */
static const char *
value(struct req *r, bool again, const char *field, const char *v)
{
	const char	*sent;

	if (!again)
		return v;
	sent = kv_get(&r->form, field);
	return sent ? sent : "";
}

static void
field(struct req *r, xmlNodePtr f, const struct bad *bad, bool again,
    const char *name, const char *type, const char *v)
{
	form_field(f, name, type, value(r, again, name, v), again &&
	    !strcmp(bad->field, name) ? bad->error : NULL);
}

/* The form of category row i of all (NULL: a new category). */
static void
category_form(struct req *r, xmlNodePtr parent, const struct dbres *all,
    const struct dbres *names, long i, const struct bad *bad)
{
	const struct catalog	*c;
	xmlNodePtr		 f, sel;
	const char		*id = i >= 0 ? dbres_get(all, (size_t)i, FC_ID) :
				    "0";
	bool			 again = bad != NULL &&
				    bad->id == strtoul(id, NULL, 10);
	size_t			 j, k;

	f = form_new(r, parent, arena_printf(r->arena, "fc%s", id),
	    "/staff/community/categories/save", "staff-content.save");
	if (again && !strcmp(bad->field, ""))
		xml_attr(f, "error", bad->error);
	form_hidden(f, "id", id);
	if (i < 0)
		field(r, f, bad, again, "slug", "text", "");
	else
		form_hidden(f, "slug", dbres_get(all, (size_t)i, FC_SLUG));
	sel = form_field(f, "parent", "select", value(r, again, "parent",
	    i >= 0 ? dbres_get(all, (size_t)i, FC_PARENT) : ""), again &&
	    !strcmp(bad->field, "parent") ? bad->error : NULL);
	form_option(sel, "", "—");
	for (j = 0; j < all->nrows; j++)
		if (*dbres_get(all, j, FC_PARENT) == '\0' && (long)j != i)
			form_option(sel, dbres_get(all, j, FC_SLUG),
			    dbres_get(all, j, FC_SLUG));
	field(r, f, bad, again, "position", "number", i >= 0 ?
	    dbres_get(all, (size_t)i, FC_POSITION) : "0");
	sel = form_field(f, "visibility", "select", value(r, again,
	    "visibility", i >= 0 ? dbres_get(all, (size_t)i, FC_VISIBILITY) :
	    "public"), NULL);
	for (j = 0; visibilities[j] != NULL; j++)
		form_option(sel, visibilities[j], i18n_get(r->cat, arena_printf(
		    r->arena, "forum-visibility.%s", visibilities[j])));
	field(r, f, bad, again, "segments", "text", i >= 0 ?
	    dbres_get(all, (size_t)i, FC_SEGMENTS) : "");
	for (k = 0; k < i18n_count(); k++) {
		c = i18n_at(k);
		field(r, f, bad, again, arena_printf(r->arena, "name_%s",
		    c->code), "text", name_of(names, id, c->code));
	}
}

/* The delete button of category row i, for one with no topic (listed
 * or not) and no subcategory; the delete checks again. */
static void
delete_form(struct req *r, xmlNodePtr parent, const struct dbres *all,
    size_t i)
{
	const char	*id = dbres_get(all, i, FC_ID);
	xmlNodePtr	 f;
	size_t		 j;

	if (strcmp(dbres_get(all, i, FC_TOPICS), "0") != 0)
		return;
	for (j = 0; j < all->nrows; j++)
		if (!strcmp(dbres_get(all, j, FC_PARENT), dbres_get(all, i,
		    FC_SLUG)))
			return;
	f = form_new(r, parent, arena_printf(r->arena, "fcd%s", id),
	    "/staff/community/categories/delete", "forum-categories.delete");
	form_hidden(f, "id", id);
}

static int
categories_page(struct req *r, const struct bad *bad, int status)
{
	struct dbres	*all, *names;
	xmlNodePtr	 pg, n;
	size_t		 i;
	int		 e;

	if ((e = db_query(&q_all, &all, 0, NULL)) != DB_OK)
		return HTTP_DB(e);
	if ((e = db_query(&q_names, &names, 0, NULL)) != DB_OK) {
		dbres_free(all);
		return HTTP_DB(e);
	}
	pg = page_new(r, "staff-forum-categories");
	if (kv_get(&r->query, "done") != NULL)
		page_notice(r, kv_get(&r->query, "done"), "success");
	for (i = 0; i < all->nrows; i++) {
		n = xml_elem(pg, "forum-category");
		xml_attr(n, "id", dbres_get(all, i, FC_ID));
		xml_attr(n, "slug", dbres_get(all, i, FC_SLUG));
		if (*dbres_get(all, i, FC_PARENT))
			xml_attr(n, "parent", dbres_get(all, i, FC_PARENT));
		xml_attr(n, "visibility", dbres_get(all, i, FC_EFFECTIVE));
		xml_attr(n, "topics", dbres_get(all, i, FC_TOPICS));
		category_form(r, n, all, names, (long)i, bad);
		delete_form(r, n, all, i);
	}
	category_form(r, xml_elem(pg, "new"), all, names, -1, bad);
	dbres_free(names);
	dbres_free(all);
	return status;
}

int
page_staff_forum_categories(struct req *r)
{
	return categories_page(r, NULL, 200);
}

/* ---- saving ------------------------------------------------------------ */

struct save {
	struct req	*r;
	unsigned	 form_id;	/* the form's: 0, a new one */
	unsigned	 id;		/* set once made */
	const char	*slug, *parent, *visibility, *segments;
	unsigned	 position;
	struct bad	 bad;		/* field "" : nothing wrong */
};

/* The parent's id (0: none) into *pid, or s->bad. */
static int
parent_check(struct save *s, unsigned *pid)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	unsigned	 grand;
	int		 e;

	*pid = 0;
	if (*s->parent == '\0')
		return DB_OK;
	a[0] = DBS(s->parent);
	if ((e = db_query(&q_lock_slug, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 1) {
		*pid = (unsigned)strtoul(dbres_get(res, 0, LK_ID), NULL, 10);
		grand = (unsigned)strtoul(dbres_get(res, 0, LK_PARENT), NULL,
		    10);
	}
	dbres_free(res);
	/* One level: the parent is a top-level category, not this one. */
	if (*pid == 0 || grand != 0 || *pid == s->id) {
		s->bad.field = "parent";
		s->bad.error = "forum-parent";
		return DB_OK;
	}
	if (s->id == 0)
		return DB_OK;
	a[0] = DBI(s->id);
	if ((e = db_query(&q_children, &res, 1, a)) != DB_OK)
		return e;
	if (strcmp(dbres_get(res, 0, KIDS_N), "0")) {
		s->bad.field = "parent";
		s->bad.error = "forum-parent";
	}
	dbres_free(res);
	return DB_OK;
}

/* The segments named (comma-separated) replace the category's. */
static int
segments_set(struct save *s)
{
	struct dbres	*res;
	struct dbarg	 a[2];
	char		*list, *name, *last;
	size_t		 n = 0;
	int		 e;

	a[0] = DBI(s->id);
	if ((e = db_exec(&q_segs_clear, NULL, NULL, 1, a)) != DB_OK)
		return e;
	list = arena_strdup(s->r->arena, s->segments);
	for (name = strtok_r(list, ",", &last); name != NULL;
	    name = strtok_r(NULL, ",", &last)) {
		name += strspn(name, " ");
		while (*name && name[strlen(name) - 1] == ' ')
			name[strlen(name) - 1] = '\0';
		if (*name == '\0')
			continue;
		a[0] = DBS(name);
		if ((e = db_query(&q_segment, &res, 1, a)) != DB_OK)
			return e;
		a[1] = DBI(strtoul(dbres_get(res, 0, SEG_ID), NULL, 10));
		e = res->nrows == 1 ? DB_OK : -1;
		dbres_free(res);
		if (e != DB_OK) {
			s->bad.field = "segments";
			s->bad.error = "forum-segment-unknown";
			return DB_OK;
		}
		a[0] = DBI(s->id);
		if ((e = db_exec(&q_seg_add, NULL, NULL, 2, a)) != DB_OK)
			return e;
		n++;
	}
	if (n == 0 && !strcmp(s->visibility, "segments")) {
		s->bad.field = "segments";
		s->bad.error = "forum-segments-needed";
	}
	return DB_OK;
}

static int
names_set(struct save *s)
{
	const struct catalog	*c;
	struct dbarg		 a[3];
	const char		*v;
	size_t			 k;
	int			 e;

	for (k = 0; k < i18n_count(); k++) {
		c = i18n_at(k);
		v = kv_get(&s->r->form, arena_printf(s->r->arena, "name_%s",
		    c->code));
		a[0] = DBI(s->id);
		a[1] = DBS(c->code);
		a[2] = DBS(v ? v : "");
		if ((e = db_exec(v && *v ? &q_name_set : &q_name_del, NULL,
		    NULL, v && *v ? 3 : 2, a)) != DB_OK)
			return e;
	}
	return DB_OK;
}

/* Lock category id's row; *slug (in ar) its slug.  FORUM_ENOENT when
 * there is none, else a dberr. */
static int
row_lock(struct arena *ar, unsigned id, const char **slug)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	int		 e;

	a[0] = DBI(id);
	if ((e = db_query(&q_lock, &res, 1, a)) != DB_OK)
		return e;
	e = res->nrows == 1 ? DB_OK : FORUM_ENOENT;
	if (e == DB_OK)
		*slug = arena_strdup(ar, dbres_get(res, 0, LK_SLUG));
	dbres_free(res);
	return e;
}

/*
 * Lock the category being changed, first: a save that would put a child
 * under it (parent_check() locks the parent) waits, so no category gets
 * a child while it is moved under another.  Its slug is the row's.
 */
static int
self_lock(struct save *s)
{
	if (s->id == 0)
		return DB_OK;
	return row_lock(s->r->arena, s->id, &s->slug);
}

/* The row itself: made, or changed (under self_lock()). */
static int
row_set(struct save *s, unsigned pid)
{
	struct dbarg	 a[4];
	uint64_t	 id = 0;
	int		 e;

	a[0] = DBI(pid);
	if (s->id == 0) {
		a[1] = DBS(s->slug);
		a[2] = DBI(s->position);
		a[3] = DBS(s->visibility);
		e = db_exec(&q_add, NULL, &id, 4, a);
		if (e == DB_DUPLICATE) {
			s->bad.field = "slug";
			s->bad.error = "forum-slug-taken";
			return DB_OK;
		}
		s->id = (unsigned)id;
		return e;
	}
	a[0] = DBI(pid);
	a[1] = DBI(s->position);
	a[2] = DBS(s->visibility);
	a[3] = DBI(s->id);
	return db_exec(&q_update, NULL, NULL, 4, a);
}

static int
save_tx(void *arg)
{
	struct save	*s = arg;
	struct dbarg	 a[2];
	unsigned	 pid;
	int		 e;

	s->id = s->form_id;
	s->bad.field = "";
	s->bad.error = NULL;
	if ((e = self_lock(s)) != DB_OK ||
	    (e = parent_check(s, &pid)) != DB_OK || s->bad.error != NULL)
		return e;
	if ((e = row_set(s, pid)) != DB_OK || s->bad.error != NULL)
		return e;
	if ((e = segments_set(s)) != DB_OK || (e = names_set(s)) != DB_OK)
		return e;
	/* A form in error writes nothing: roll the transaction back. */
	if (s->bad.error != NULL)
		return FORUM_ESTATE;
	a[0] = DBI(s->id);
	a[1] = DBI(s->id);
	return db_exec(&q_topics_follow, NULL, NULL, 2, a);
}

/* ---- deleting ---------------------------------------------------------- */

struct del {
	unsigned	 id;
	const char	*slug;		/* out, in the request's arena */
	struct arena	*ar;
};

static int
delete_tx(void *arg)
{
	struct del	*d = arg;
	struct dbres	*res;
	struct dbarg	 a[2];
	bool		 used;
	int		 e;

	if ((e = row_lock(d->ar, d->id, &d->slug)) != DB_OK)
		return e;
	a[0] = DBI(d->id);
	a[1] = DBI(d->id);
	if ((e = db_query(&q_used, &res, 2, a)) != DB_OK)
		return e;
	used = strcmp(dbres_get(res, 0, USED_N), "0") != 0;
	dbres_free(res);
	if (used)
		return FORUM_ESTATE;
	if ((e = db_exec(&q_del_names, NULL, NULL, 1, a)) != DB_OK ||
	    (e = db_exec(&q_segs_clear, NULL, NULL, 1, a)) != DB_OK ||
	    (e = db_exec(&q_del_watch, NULL, NULL, 1, a)) != DB_OK)
		return e;
	return db_exec(&q_del, NULL, NULL, 1, a);
}

int
page_staff_forum_category_delete(struct req *r)
{
	struct del	 d;
	const char	*v = kv_get(&r->form, "id");
	int		 e;

	memset(&d, 0, sizeof(d));
	d.ar = r->arena;
	d.id = v ? (unsigned)strtoul(v, NULL, 10) : 0;
	e = d.id == 0 ? FORUM_ENOENT : db_tx(delete_tx, &d);
	if (e == FORUM_ENOENT)
		return 404;
	if (e == FORUM_ESTATE) {
		e = categories_page(r, NULL, 409);
		if (e == 409)
			page_notice(r, "forum-category-not-empty", "error");
		return e;
	}
	if (e != DB_OK)
		return HTTP_DB(e);
	audit(r, "forum-category-deleted", 0, 0, "%u %s", d.id, d.slug);
	return req_redirect(r,
	    "/staff/community/categories?done=forum-category-deleted");
}

/* The search documents of the category's topics and its children's. */
static void
reindex(unsigned id)
{
	struct dbres	*res;
	struct dbarg	 a[3];
	unsigned	 after = 0;
	size_t		 i, got;

	do {
		a[0] = DBI(id);
		a[1] = DBI(id);
		a[2] = DBI(after);
		if (db_query(&q_topics_of, &res, 3, a) != DB_OK) {
			log_warnx("forum category %u: topics not reindexed", id);
			return;
		}
		got = res->nrows;
		for (i = 0; i < got; i++) {
			after = (unsigned)strtoul(dbres_get(res, i, TOP_ID),
			    NULL, 10);
			if (search_index_topic(after) != DB_OK)
				log_warnx("search index of topic %u not "
				    "updated", after);
		}
		dbres_free(res);
	} while (got == 500);
}

/* The form's checks that need no database; false with s->bad set. */
static bool
form_ok(struct req *r, struct save *s)
{
	const char	*v = kv_get(&r->form, "id");
	const char	*en = kv_get(&r->form, "name_en");
	const char	*pos = kv_get(&r->form, "position");

	s->form_id = s->id = v ? (unsigned)strtoul(v, NULL, 10) : 0;
	s->bad.id = s->id;
	s->slug = kv_get(&r->form, "slug");
	s->parent = (v = kv_get(&r->form, "parent")) ? v : "";
	s->visibility = (v = kv_get(&r->form, "visibility")) ? v : "public";
	s->segments = (v = kv_get(&r->form, "segments")) ? v : "";
	s->position = pos ? (unsigned)strtoul(pos, NULL, 10) : 0;
	s->bad.field = s->slug == NULL || *s->slug == '\0' ? "slug" :
	    en == NULL || text_visible_chars(en) == 0 ? "name_en" : NULL;
	s->bad.error = "required";
	return s->bad.field == NULL;
}

int
page_staff_forum_category_save(struct req *r)
{
	struct save	s;
	int		e;

	memset(&s, 0, sizeof(s));
	s.r = r;
	if (!form_ok(r, &s))
		return categories_page(r, &s.bad, 400);
	e = db_tx(save_tx, &s);
	if (e == FORUM_ENOENT)
		return 404;
	if (e == FORUM_ESTATE || (e == DB_OK && s.bad.error != NULL)) {
		s.bad.id = s.form_id;
		return categories_page(r, &s.bad, 400);
	}
	if (e != DB_OK)
		return HTTP_DB(e);
	audit(r, "forum-category-saved", 0, 0, "%u %s %s %s", s.id, s.slug,
	    s.visibility, s.segments);
	reindex(s.id);
	return req_redirect(r, arena_printf(r->arena,
	    "/staff/community/categories?done=forum-category-saved#form-fc%u",
	    s.id));
}
