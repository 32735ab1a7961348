/*
 * The community forum's pages: GET /community (categories and recent
 * topics), GET /community/c/SLUG (a category's topics), GET and POST
 * /community/new (a new topic: 303 to its page), GET /community/t/ID-SLUG
 * (a topic, twenty replies a page, the accepted answer right under the
 * question) and its forms: reply, accept, "solved it for me too".
 *
 * Who may see what is FORUM_ACCESS_SQL, in every statement that reads a
 * category or a topic; a topic someone may not see answers 404, as one
 * that does not exist.  Visitors who are not signed in have statements
 * of their own that ask for public rows, on the index that lists them.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "portico.h"

#define PER_PAGE	20	/* replies on a topic page */
#define TOPICS_PAGE	30	/* topics on a category page */
#define RECENT		20	/* recent topics on /community */

static unsigned
num(const char *s)
{
	return s != NULL ? (unsigned)strtoul(s, NULL, 10) : 0;
}

static bool
is_staff(const struct req *r)
{
	return r->user != NULL && r->user->role >= ROLE_AGENT;
}

/* The topic id of a path segment "ID-slug" (the route checked it). */
static unsigned
topic_arg(const struct req *r)
{
	return num(r->args[0]);
}

/* ---- categories ------------------------------------------------------------ */

/*
 * The categories the visitor may see, parents first then their
 * children, named in the visitor's language (else English).  A child
 * is shown only under a parent the visitor may see too.
 */
enum { CAT_ID, CAT_PARENT, CAT_SLUG, CAT_VISIBILITY, CAT_TOPICS, CAT_NAME,
    CAT_DESCRIPTION, CAT__MAX };
/* A child is as limited as its parent, or more. */
#define CAT_VIS	FORUM_EFFECTIVE_VIS("c", "cp")
#define CATS(access) \
    "SELECT c.id, c.parent_id, c.slug, " CAT_VIS ", c.topics, " \
    "COALESCE(n.name, e.name, c.slug), COALESCE(n.description, " \
    "e.description, '') FROM forum_categories c LEFT JOIN " \
    "forum_categories cp ON cp.id = c.parent_id LEFT JOIN " \
    "forum_category_names n ON n.category_id = c.id AND n.lang = ? " \
    "LEFT JOIN forum_category_names e ON e.category_id = c.id AND " \
    "e.lang = 'en' WHERE " access " ORDER BY c.parent_id IS NOT NULL, " \
    "c.position, c.id LIMIT 200"
static struct dbstmt q_cats[2] = {
	DBSTMT_COLS(CATS(CAT_VIS " = 'public'"), CAT__MAX),
	DBSTMT_COLS(CATS(FORUM_ACCESS_SQL(CAT_VIS, "c.id")), CAT__MAX),
};

struct cats {
	struct dbres	*res;
	bool		*shown;		/* a row the visitor may see */
};

static int
cats_load(struct req *r, struct cats *c)
{
	struct dbarg	 a[5];
	size_t		 i, j, na = 0;
	bool		 anon = r->user == NULL;
	int		 e;

	a[na++] = DBS(r->cat->code);
	if (!anon) {
		content_access_args(r, a + na);
		na += 4;
	}
	if ((e = db_query(&q_cats[!anon], &c->res, na, a)) != DB_OK)
		return e;
	c->shown = arena_alloc(r->arena, c->res->nrows + 1);
	for (i = 0; i < c->res->nrows; i++) {
		c->shown[i] = *dbres_get(c->res, i, CAT_PARENT) == '\0';
		for (j = 0; j < i && !c->shown[i]; j++)
			c->shown[i] = c->shown[j] && !strcmp(dbres_get(c->res,
			    j, CAT_ID), dbres_get(c->res, i, CAT_PARENT));
	}
	return DB_OK;
}

/* The row of category id (or slug) the visitor may see, else -1. */
static long
cats_find(const struct cats *c, unsigned id, const char *slug)
{
	size_t	i;

	for (i = 0; i < c->res->nrows; i++)
		if (c->shown[i] && (slug != NULL ? !strcmp(slug,
		    dbres_get(c->res, i, CAT_SLUG)) : num(dbres_get(c->res, i,
		    CAT_ID)) == id))
			return (long)i;
	return -1;
}

static xmlNodePtr
cat_xml(xmlNodePtr parent, const struct cats *c, size_t i)
{
	xmlNodePtr	n = xml_elem(parent, "forum-category");

	xml_attr(n, "id", dbres_get(c->res, i, CAT_ID));
	xml_attr(n, "slug", dbres_get(c->res, i, CAT_SLUG));
	xml_attr(n, "visibility", dbres_get(c->res, i, CAT_VISIBILITY));
	xml_attr(n, "topics", dbres_get(c->res, i, CAT_TOPICS));
	xml_text(n, "name", dbres_get(c->res, i, CAT_NAME));
	if (*dbres_get(c->res, i, CAT_DESCRIPTION))
		xml_text(n, "description", dbres_get(c->res, i,
		    CAT_DESCRIPTION));
	return n;
}

/* <forum-categories>: the tree, one level nested. */
static void
cats_xml(xmlNodePtr parent, const struct cats *c)
{
	xmlNodePtr	 list = xml_elem(parent, "forum-categories"), n;
	size_t		 i, j;

	for (i = 0; i < c->res->nrows; i++) {
		if (!c->shown[i] || *dbres_get(c->res, i, CAT_PARENT) != '\0')
			continue;
		n = cat_xml(list, c, i);
		for (j = 0; j < c->res->nrows; j++)
			if (c->shown[j] &&
			    !strcmp(dbres_get(c->res, j, CAT_PARENT),
			    dbres_get(c->res, i, CAT_ID)))
				cat_xml(n, c, j);
	}
}

/* ---- topic lists ----------------------------------------------------------- */

enum { TL_ID, TL_SLUG, TL_TITLE, TL_LANG, TL_CATEGORY, TL_REPLIES,
    TL_POSTS, TL_LAST, TL_SOLVED, TL_CLOSED, TL_PINNED, TL_AUTHOR, TL_SEEN,
    TL__MAX };
#define TOPIC_COLS \
    "SELECT t.id, t.slug, t.title, t.lang, t.category_id, t.replies, " \
    "t.posts, DATE_FORMAT(t.last_post_at, '%Y-%m-%dT%H:%i:%sZ'), " \
    "t.accepted_post_id IS NOT NULL, t.closed, t.pinned, u.name, "
#define RECENT_SQL(seen, index, join, access) \
    TOPIC_COLS seen " FROM forum_topics t FORCE INDEX (" index ") " \
    "JOIN users u ON u.id = t.author_id " join " WHERE t.listed = 1 " \
    "AND " access " ORDER BY t.last_post_at DESC LIMIT ?"
#define SEEN_JOIN \
    "LEFT JOIN forum_reads s ON s.user_id = ? AND s.topic_id = t.id"
static struct dbstmt q_recent[2] = {
	DBSTMT_COLS(RECENT_SQL("NULL", "forum_topics_recent", "",
	    "t.visibility = 'public'"), TL__MAX),
	DBSTMT_COLS(RECENT_SQL("s.seen_posts", "forum_topics_listed", SEEN_JOIN,
	    FORUM_ACCESS_SQL("t.visibility", "t.category_id")), TL__MAX),
};
/* A category's topics: pinned first, then by their last post.  The
 * category's access was checked when it was found. */
static struct dbstmt q_category_topics = DBSTMT_COLS(
    TOPIC_COLS "s.seen_posts FROM forum_topics t FORCE INDEX "
    "(forum_topics_category) JOIN users u ON u.id = t.author_id "
    SEEN_JOIN " WHERE t.category_id = ? AND t.listed = 1 ORDER BY "
    "t.pinned DESC, t.last_post_at DESC LIMIT ? OFFSET ?", TL__MAX);

enum { CW_USER, CW__MAX };
static struct dbstmt q_category_watch = DBSTMT_COLS(
    "SELECT user_id FROM forum_subscriptions WHERE user_id = ? AND "
    "topic_id = 0 AND category_id = ?", CW__MAX);

static void
topics_xml(struct req *r, xmlNodePtr list, const struct dbres *res,
    const struct cats *c)
{
	xmlNodePtr	 n;
	const char	*seen;
	size_t		 i;
	long		 ci;

	for (i = 0; i < res->nrows; i++) {
		n = xml_elem(list, "topic");
		xml_attr(n, "id", dbres_get(res, i, TL_ID));
		xml_attr(n, "url", arena_printf(r->arena, "/community/t/%s-%s",
		    dbres_get(res, i, TL_ID), dbres_get(res, i, TL_SLUG)));
		xml_attr(n, "lang", dbres_get(res, i, TL_LANG));
		xml_attr(n, "replies", dbres_get(res, i, TL_REPLIES));
		xml_attr(n, "last-post", dbres_get(res, i, TL_LAST));
		if (strcmp(dbres_get(res, i, TL_SOLVED), "0"))
			xml_attr(n, "solved", "yes");
		if (strcmp(dbres_get(res, i, TL_CLOSED), "0"))
			xml_attr(n, "closed", "yes");
		if (strcmp(dbres_get(res, i, TL_PINNED), "0"))
			xml_attr(n, "pinned", "yes");
		/* Unread: never opened, or posts written since. */
		seen = dbres_get(res, i, TL_SEEN);
		if (r->user != NULL && (*seen == '\0' || num(seen) <
		    num(dbres_get(res, i, TL_POSTS))))
			xml_attr(n, "unread", "yes");
		xml_text(n, "title", dbres_get(res, i, TL_TITLE));
		xml_text(n, "author", dbres_get(res, i, TL_AUTHOR));
		if (c != NULL && (ci = cats_find(c, num(dbres_get(res, i,
		    TL_CATEGORY)), NULL)) >= 0) {
			n = xml_text(n, "category", dbres_get(c->res,
			    (size_t)ci, CAT_NAME));
			xml_attr(n, "slug", dbres_get(c->res, (size_t)ci,
			    CAT_SLUG));
		}
	}
}

/*
 * The most recent topics the visitor may see, as <forum-topics
 * name=...> under parent (the home page's active topics too).  One
 * statement; c (may be NULL) names their categories.
 */
static int
recent_xml(struct req *r, xmlNodePtr parent, const char *name, size_t n,
    const struct cats *c)
{
	struct dbres	*res;
	struct dbarg	 a[6];
	xmlNodePtr	 list;
	size_t		 na = 0;
	bool		 anon = r->user == NULL;
	int		 e;

	if (!anon) {
		a[na++] = DBI(r->user->id);
		content_access_args(r, a + na);
		na += 4;
	}
	a[na++] = DBI(n);
	if ((e = db_query(&q_recent[!anon], &res, na, a)) != DB_OK)
		return e;
	list = xml_elem(parent, "forum-topics");
	xml_attr(list, "name", name);
	topics_xml(r, list, res, c);
	dbres_free(res);
	return DB_OK;
}

/*
 * The home page's active topics (page_home.c calls it).  For visitors
 * who are not signed in the list is one for everyone, public topics
 * only, so each worker keeps it for page_cache_check_seconds (as the
 * notice banner is kept) and the home page spends no statement on it;
 * a signed-in visitor's list is read through the forum's rule.
 */
#define HOME_TOPICS	5
static struct dbres	*home_topics;
static int64_t		 home_topics_at;

int
forum_home_xml(struct req *r, xmlNodePtr parent)
{
	struct dbarg	 a[1];
	struct dbres	*res;
	xmlNodePtr	 list;
	int64_t		 now = now_ms();
	int		 e;

	if (r->user != NULL)
		return recent_xml(r, parent, "active", HOME_TOPICS, NULL);
	if (home_topics == NULL || now - home_topics_at >=
	    (int64_t)conf->page_cache_check_seconds * 1000 ||
	    now < home_topics_at) {
		a[0] = DBI(HOME_TOPICS);
		if ((e = db_query(&q_recent[0], &res, 1, a)) != DB_OK)
			return e;
		dbres_free(home_topics);
		home_topics = res;
		home_topics_at = now;
	}
	list = xml_elem(parent, "forum-topics");
	xml_attr(list, "name", "active");
	topics_xml(r, list, home_topics, NULL);
	return DB_OK;
}

int
page_forum(struct req *r)
{
	struct cats	 c;
	xmlNodePtr	 pg;
	int		 e;

	if ((e = cats_load(r, &c)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "forum");
	cats_xml(pg, &c);
	e = recent_xml(r, pg, "recent", RECENT, &c);
	dbres_free(c.res);
	return e != DB_OK ? HTTP_DB(e) : 200;
}

int
page_forum_category(struct req *r)
{
	struct cats	 c;
	struct dbres	*res;
	struct dbarg	 a[4];
	xmlNodePtr	 pg, n;
	const char	*p = kv_get(&r->query, "page");
	size_t		 page = p ? strtoul(p, NULL, 10) : 1, j;
	long		 i;
	int		 e;

	if ((e = cats_load(r, &c)) != DB_OK)
		return HTTP_DB(e);
	if ((i = cats_find(&c, 0, r->args[0])) < 0) {
		dbres_free(c.res);
		return 404;
	}
	pg = page_new(r, "forum-category");
	n = cat_xml(pg, &c, (size_t)i);
	if (*dbres_get(c.res, (size_t)i, CAT_PARENT) != '\0') {
		long pi = cats_find(&c, num(dbres_get(c.res, (size_t)i,
		    CAT_PARENT)), NULL);

		if (pi >= 0)
			cat_xml(xml_elem(pg, "parent"), &c, (size_t)pi);
	}
	/* Its subcategories. */
	for (j = 0; j < c.res->nrows; j++)
		if (c.shown[j] && *dbres_get(c.res, j, CAT_PARENT) != '\0' &&
		    !strcmp(dbres_get(c.res, j, CAT_PARENT), dbres_get(c.res,
		    (size_t)i, CAT_ID)))
			cat_xml(n, &c, j);
	a[0] = DBI(r->user != NULL ? r->user->id : 0);
	a[1] = DBI(num(dbres_get(c.res, (size_t)i, CAT_ID)));
	a[2] = DBI(TOPICS_PAGE);
	a[3] = DBI((page - 1) * TOPICS_PAGE);
	e = list_pages_xml(pg, page, TOPICS_PAGE, num(dbres_get(c.res,
	    (size_t)i, CAT_TOPICS)));
	dbres_free(c.res);
	if (e != 200)
		return e;
	if ((e = db_query(&q_category_topics, &res, 4, a)) != DB_OK)
		return HTTP_DB(e);
	topics_xml(r, xml_elem(pg, "forum-topics"), res, NULL);
	dbres_free(res);
	if (r->user != NULL) {
		a[0] = DBI(r->user->id);
		if ((e = db_query(&q_category_watch, &res, 2, a)) != DB_OK)
			return HTTP_DB(e);
		if (res->nrows != 0)
			xml_attr(pg, "watching", "yes");
		dbres_free(res);
	}
	return 200;
}

/* ---- a new topic ------------------------------------------------------------ */

/* The new-topic form, with what was typed and what was wrong. */
static int
new_form(struct req *r, const char *category, const char *title,
    const char *body, const char *error, const char *field, int status)
{
	struct cats	 c;
	xmlNodePtr	 pg, f, sel;
	size_t		 i;
	int		 e;

	if ((e = cats_load(r, &c)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "forum-new");
	f = form_new(r, pg, "forum-new", "/community/new", "forum-new.submit");
	if (error != NULL && field == NULL)
		xml_attr(f, "error", error);
	sel = form_field(f, "category", "select", category,
	    field && !strcmp(field, "category") ? error : NULL);
	xml_attr(sel, "label", "forum-field.category");
	for (i = 0; i < c.res->nrows; i++)
		if (c.shown[i])
			form_option(sel, dbres_get(c.res, i, CAT_SLUG),
			    dbres_get(c.res, i, CAT_NAME));
	xml_attr(form_field(f, "title", "text", title,
	    field && !strcmp(field, "title") ? error : NULL), "label",
	    "forum-field.title");
	xml_attr(form_field(f, "body", "textarea", body,
	    field && !strcmp(field, "body") ? error : NULL), "label",
	    "forum-field.body");
	dbres_free(c.res);
	return status;
}

int
page_forum_new(struct req *r)
{
	return new_form(r, kv_get(&r->query, "category"), NULL, NULL, NULL,
	    NULL, 200);
}

/* "" when s has something besides spaces and line ends. */
static bool
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

/* Whether r's user may post now; else the form's error and status. */
static int
may_post(struct req *r, bool *queue, const char **why)
{
	int	e;

	if ((e = forum_may_post(r->user->id, is_staff(r), why, queue)) !=
	    DB_OK)
		return HTTP_DB(e);
	if (*why == NULL)
		return 0;
	return !strcmp(*why, "banned") ? 403 : 429;
}

int
page_forum_new_post(struct req *r)
{
	struct forum_new n;
	struct cats	 c;
	const char	*cat = kv_get(&r->form, "category");
	const char	*title = kv_get(&r->form, "title");
	const char	*body = kv_get(&r->form, "body");
	const char	*why;
	long		 i;
	int		 e, st;

	if (cat == NULL || *cat == '\0')
		return new_form(r, cat, title, body, "required", "category",
		    400);
	if (blank(title))
		return new_form(r, cat, title, body, "required", "title", 400);
	/* Zero-width spaces and fillers look like nothing: not a title. */
	if (text_visible_chars(title) == 0)
		return new_form(r, cat, title, body, "title-invisible",
		    "title", 400);
	if (blank(body))
		return new_form(r, cat, title, body, "required", "body", 400);
	if ((e = cats_load(r, &c)) != DB_OK)
		return HTTP_DB(e);
	i = cats_find(&c, 0, cat);
	memset(&n, 0, sizeof(n));
	if (i >= 0)
		n.category_id = num(dbres_get(c.res, (size_t)i, CAT_ID));
	dbres_free(c.res);
	if (i < 0)
		return new_form(r, cat, title, body, "forum-category",
		    "category", 400);
	if ((st = may_post(r, &n.queued, &why)) != 0)
		return st < 0 ? st : new_form(r, cat, title, body,
		    arena_printf(r->arena, "forum-%s", why), NULL, st);
	n.author_id = r->user->id;
	n.staff = is_staff(r);
	n.title = title;
	n.slug = forum_slug(r->arena, title);
	n.lang = r->cat->code;
	n.body = body;
	if ((e = forum_topic_new(&n)) != DB_OK)
		return e >= FORUM_ENOENT ? new_form(r, cat, title, body,
		    "forum-category", "category", 400) : HTTP_DB(e);
	/* The same form again (a double click): to the topic it made. */
	if (n.repeat)
		return req_redirect(r, arena_printf(r->arena,
		    "/community/t/%u-%s", n.topic_id, n.slug));
	audit(r, "forum-topic", r->user->id, 0, "topic %u", n.topic_id);
	/* The asker watches their topic; its category's watchers hear of
	 * it (once it is approved, for a queued one). */
	if ((e = forum_watch(r->user->id, n.topic_id, 0, true)) != DB_OK ||
	    (!n.queued && (e = forum_notify(r, n.topic_id, r->user->id,
	    false)) != DB_OK))
		return HTTP_DB(e);
	return req_redirect(r, arena_printf(r->arena, "/community/t/%u-%s",
	    n.topic_id, n.slug));
}

/* ---- the topic page --------------------------------------------------------- */

enum { T_ID, T_SLUG, T_TITLE, T_LANG, T_CATEGORY, T_CAT_SLUG, T_CAT_NAME,
    T_POSTS, T_REPLIES, T_ACCEPTED, T_SOLVED, T_CLOSED, T_PINNED, T_HIDDEN,
    T_PENDING, T_AUTHOR, T_VISIBILITY, T__MAX };
#define TOPIC_SQL(access) \
    "SELECT t.id, t.slug, t.title, t.lang, t.category_id, c.slug, " \
    "COALESCE(n.name, e.name, c.slug), t.posts, t.replies, " \
    "t.accepted_post_id, t.solved_votes, t.closed, t.pinned, t.hidden, " \
    "t.pending, t.author_id, t.visibility FROM forum_topics t JOIN " \
    "forum_categories c ON c.id = t.category_id LEFT JOIN " \
    "forum_category_names n ON n.category_id = c.id AND n.lang = ? " \
    "LEFT JOIN forum_category_names e ON e.category_id = c.id AND " \
    "e.lang = 'en' WHERE t.id = ? AND " access
static struct dbstmt q_topic[2] = {
	DBSTMT_COLS(TOPIC_SQL("t.visibility = 'public'"), T__MAX),
	DBSTMT_COLS(TOPIC_SQL(FORUM_ACCESS_SQL("t.visibility",
	    "t.category_id")), T__MAX),
};

/*
 * The topic r names as its visitor may see it: a hidden topic only for
 * staff, one waiting for a moderator for staff and its author.  *out
 * is NULL when there is none (a 404).
 */
static int
topic_load(struct req *r, unsigned id, struct dbres **out)
{
	struct dbarg	 a[6];
	struct dbres	*res;
	size_t		 na = 0;
	bool		 anon = r->user == NULL, ok;
	int		 e;

	*out = NULL;
	a[na++] = DBS(r->cat->code);
	a[na++] = DBI(id);
	if (!anon) {
		content_access_args(r, a + na);
		na += 4;
	}
	if ((e = db_query(&q_topic[!anon], &res, na, a)) != DB_OK)
		return e;
	ok = res->nrows != 0;
	if (ok && !is_staff(r))
		ok = !strcmp(dbres_get(res, 0, T_HIDDEN), "0") &&
		    (!strcmp(dbres_get(res, 0, T_PENDING), "0") ||
		    (r->user != NULL && num(dbres_get(res, 0, T_AUTHOR)) ==
		    r->user->id));
	if (!ok) {
		dbres_free(res);
		return DB_OK;
	}
	*out = res;
	return DB_OK;
}

/* One page of posts: the question, the accepted answer and a range of
 * positions, by the (topic_id, position) key and the id.  C puts the
 * replies in order (an ORDER BY over the union would copy the bodies
 * into a temporary table on disk) and tells which are still editable
 * (NOW() in the statement would keep it out of the query cache). */
enum { P_ID, P_POSITION, P_AUTHOR_ID, P_AUTHOR, P_STAFF, P_BODY, P_CREATED,
    P_EDITED, P_HIDDEN, P_PENDING, P_CREATED_TS, P__MAX };
#define POST_COLS \
    "SELECT p.id, p.position, p.author_id, u.name, p.staff, p.body, " \
    "DATE_FORMAT(p.created_at, '%Y-%m-%dT%H:%i:%sZ'), " \
    "DATE_FORMAT(p.edited_at, '%Y-%m-%dT%H:%i:%sZ'), p.hidden, p.pending, " \
    SQL_EPOCH("p.created_at") " FROM forum_posts p " \
    "JOIN users u ON u.id = p.author_id "
static struct dbstmt q_posts = DBSTMT_COLS(
    "(" POST_COLS "WHERE p.topic_id = ? AND (p.position = 1 OR "
    "p.position BETWEEN ? AND ?)) UNION ALL (" POST_COLS "WHERE p.id = ? "
    "AND p.topic_id = ? AND (p.position < ? OR p.position > ?))", P__MAX);

static void
post_xml(struct req *r, xmlNodePtr parent, const struct dbres *res,
    size_t i, unsigned accepted, bool closed)
{
	xmlNodePtr	 n;
	unsigned	 id = num(dbres_get(res, i, P_ID));
	bool		 hidden = strcmp(dbres_get(res, i, P_HIDDEN), "0") != 0;
	bool		 pending = strcmp(dbres_get(res, i, P_PENDING), "0") != 0;
	bool		 mine = r->user != NULL && r->user->id ==
			    num(dbres_get(res, i, P_AUTHOR_ID));

	/* A queued post: its author and staff see it, marked. */
	if (pending && !mine && !is_staff(r))
		return;
	n = xml_elem(parent, "post");
	xml_attr(n, "id", dbres_get(res, i, P_ID));
	xml_attr(n, "position", dbres_get(res, i, P_POSITION));
	xml_attr(n, "created", dbres_get(res, i, P_CREATED));
	if (*dbres_get(res, i, P_EDITED) != '\0')
		xml_attr(n, "edited", dbres_get(res, i, P_EDITED));
	if (strcmp(dbres_get(res, i, P_STAFF), "0"))
		xml_attr(n, "staff", "yes");
	if (id == accepted)
		xml_attr(n, "accepted", "yes");
	if (pending)
		xml_attr(n, "pending", "yes");
	if (mine)
		xml_attr(n, "mine", "yes");
	if (is_staff(r) || (mine && !closed && strtoll(dbres_get(res, i,
	    P_CREATED_TS), NULL, 10) > (long long)time(NULL) -
	    60LL * conf->forum_edit_minutes))
		xml_attr(n, "editable", "yes");
	xml_attrf(n, "author-id", "%s", dbres_get(res, i, P_AUTHOR_ID));
	xml_text(n, "author", dbres_get(res, i, P_AUTHOR));
	if (hidden) {
		xml_attr(n, "hidden", "yes");
		if (!is_staff(r))
			return;
	}
	markdown_to_xml(xml_elem(n, "body"), dbres_get(res, i, P_BODY));
}

enum { ME_SOLVED, ME_WATCH, ME_SEEN, ME__MAX };
static struct dbstmt q_me = DBSTMT_COLS(
    "SELECT (SELECT COUNT(*) FROM forum_solved_votes WHERE topic_id = ? "
    "AND user_id = ?), (SELECT COUNT(*) FROM forum_subscriptions WHERE "
    "user_id = ? AND topic_id = ? AND category_id = 0), (SELECT seen_posts "
    "FROM forum_reads WHERE user_id = ? AND topic_id = ?)", ME__MAX);
static struct dbstmt q_seen = DBSTMT(
    "INSERT INTO forum_reads (user_id, topic_id, seen_posts) VALUES "
    "(?, ?, ?) ON DUPLICATE KEY UPDATE seen_posts = GREATEST(seen_posts, "
    "VALUES(seen_posts))");
enum { Q_BODY, Q_AUTHOR, Q__MAX };
static struct dbstmt q_quote = DBSTMT_COLS(
    "SELECT p.body, u.name FROM forum_posts p JOIN users u ON u.id = "
    "p.author_id WHERE p.id = ? AND p.topic_id = ? AND p.hidden = 0 AND "
    "p.pending = 0", Q__MAX);

/* "> " before each line of body, after a line naming its author. */
static const char *
quote_text(struct req *r, const char *author, const char *body)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*s, *nl, *out;

	buf_printf(&b, "**%s:**\n\n", author);
	for (s = body; *s; s = nl + (*nl != '\0')) {
		nl = s + strcspn(s, "\n");
		buf_adds(&b, "> ");
		buf_add(&b, s, (size_t)(nl - s));
		buf_adds(&b, "\n");
		if (*nl == '\0')
			break;
	}
	buf_adds(&b, "\n");
	out = arena_strdup(r->arena, b.p);
	buf_free(&b);
	return out;
}

/* The signed-in visitor's part of the page: their vote and watch, the
 * unread mark moved on, the reply form (with a quote). */
static int
topic_mine(struct req *r, xmlNodePtr pg, const struct dbres *t,
    unsigned last, const char *body, const char *error)
{
	struct dbres	*res;
	struct dbarg	 a[6];
	xmlNodePtr	 f;
	const char	*q = kv_get(&r->query, "quote");
	unsigned	 id = num(dbres_get(t, 0, T_ID)), seen;
	int		 e;

	a[0] = DBI(id);
	a[1] = DBI(r->user->id);
	a[2] = DBI(r->user->id);
	a[3] = DBI(id);
	a[4] = DBI(r->user->id);
	a[5] = DBI(id);
	if ((e = db_query(&q_me, &res, 6, a)) != DB_OK)
		return e;
	if (strcmp(dbres_get(res, 0, ME_SOLVED), "0"))
		xml_attr(pg, "solved-by-me", "yes");
	if (strcmp(dbres_get(res, 0, ME_WATCH), "0"))
		xml_attr(pg, "watching", "yes");
	/* The unread mark moves on only when there is something new: a
	 * page read again writes nothing. */
	seen = *dbres_get(res, 0, ME_SEEN) != '\0' ?
	    num(dbres_get(res, 0, ME_SEEN)) : 0;
	dbres_free(res);
	a[0] = DBI(r->user->id);
	a[1] = DBI(id);
	a[2] = DBI(last);
	if (seen < last && (e = db_exec(&q_seen, NULL, NULL, 3, a)) != DB_OK)
		return e;
	if (r->user->id == num(dbres_get(t, 0, T_AUTHOR)) || is_staff(r))
		xml_attr(pg, "may-accept", "yes");
	if (is_staff(r))
		xml_attr(pg, "may-moderate", "yes");
	if (strcmp(dbres_get(t, 0, T_CLOSED), "0") && !is_staff(r))
		return DB_OK;
	if (body == NULL && q != NULL) {
		a[0] = DBI(num(q));
		a[1] = DBI(id);
		if ((e = db_query(&q_quote, &res, 2, a)) != DB_OK)
			return e;
		if (res->nrows != 0)
			body = quote_text(r, dbres_get(res, 0, Q_AUTHOR),
			    dbres_get(res, 0, Q_BODY));
		dbres_free(res);
	}
	f = form_new(r, pg, "forum-reply", arena_printf(r->arena,
	    "/community/t/%u-%s/reply", id, dbres_get(t, 0, T_SLUG)),
	    "forum-reply.submit");
	if (error != NULL)
		xml_attr(f, "error", error);
	xml_attr(form_field(f, "body", "textarea", body, NULL), "label",
	    "forum-field.reply");
	return DB_OK;
}

/*
 * The topic page: page `page` of its replies, with the reply form
 * holding body (NULL: empty, or the quoted post) and error.
 */
static int
topic_page(struct req *r, size_t page, const char *body, const char *error,
    int status)
{
	struct dbres	*t, *res;
	struct dbarg	 a[7];
	xmlNodePtr	 pg, n, rep;
	unsigned	 id = topic_arg(r), accepted, posts, from, to;
	size_t		 i, last, slot[PER_PAGE];
	bool		 closed;
	int		 e;

	if ((e = topic_load(r, id, &t)) != DB_OK)
		return HTTP_DB(e);
	if (t == NULL)
		return 404;
	posts = num(dbres_get(t, 0, T_POSTS));
	accepted = num(dbres_get(t, 0, T_ACCEPTED));
	closed = strcmp(dbres_get(t, 0, T_CLOSED), "0") != 0;
	last = posts > 1 ? (posts - 2) / PER_PAGE + 1 : 1;
	if (page == 0)
		page = last;
	if (page > last) {
		dbres_free(t);
		return 404;
	}
	pg = page_new(r, "forum-topic");
	xml_attr(pg, "id", dbres_get(t, 0, T_ID));
	xml_attr(pg, "url", arena_printf(r->arena, "/community/t/%u-%s", id,
	    dbres_get(t, 0, T_SLUG)));
	xml_attr(pg, "lang", dbres_get(t, 0, T_LANG));
	xml_attr(pg, "replies", dbres_get(t, 0, T_REPLIES));
	xml_attr(pg, "solved-votes", dbres_get(t, 0, T_SOLVED));
	xml_attr(pg, "visibility", dbres_get(t, 0, T_VISIBILITY));
	if (closed)
		xml_attr(pg, "closed", "yes");
	if (strcmp(dbres_get(t, 0, T_PINNED), "0"))
		xml_attr(pg, "pinned", "yes");
	if (strcmp(dbres_get(t, 0, T_HIDDEN), "0"))
		xml_attr(pg, "hidden", "yes");
	if (strcmp(dbres_get(t, 0, T_PENDING), "0"))
		xml_attr(pg, "pending", "yes");
	xml_text(pg, "title", dbres_get(t, 0, T_TITLE));
	n = xml_text(pg, "category", dbres_get(t, 0, T_CAT_NAME));
	xml_attr(n, "slug", dbres_get(t, 0, T_CAT_SLUG));

	/* Replies are positions 2.., PER_PAGE a page. */
	from = 2 + (unsigned)(page - 1) * PER_PAGE;
	to = from + PER_PAGE - 1;
	a[0] = DBI(id);
	a[1] = DBI(from);
	a[2] = DBI(to);
	a[3] = DBI(accepted);
	a[4] = DBI(id);
	a[5] = DBI(from);
	a[6] = DBI(to);
	if ((e = db_query(&q_posts, &res, 7, a)) != DB_OK) {
		dbres_free(t);
		return HTTP_DB(e);
	}
	/* The question, the accepted answer right under it, the replies. */
	for (i = 0; i < res->nrows; i++)
		if (!strcmp(dbres_get(res, i, P_POSITION), "1"))
			post_xml(r, xml_elem(pg, "question"), res, i, accepted,
			    closed);
	n = xml_elem(pg, "accepted");
	for (i = 0; i < res->nrows; i++)
		if (num(dbres_get(res, i, P_ID)) == accepted)
			post_xml(r, n, res, i, accepted, closed);
	/* Positions are unique in a topic: each reply has its slot. */
	for (i = 0; i < PER_PAGE; i++)
		slot[i] = SIZE_MAX;
	for (i = 0; i < res->nrows; i++) {
		unsigned pos = num(dbres_get(res, i, P_POSITION));

		if (pos >= from && pos <= to)
			slot[pos - from] = i;
	}
	rep = xml_elem(pg, "replies");
	for (i = 0; i < PER_PAGE; i++)
		if (slot[i] != SIZE_MAX)
			post_xml(r, rep, res, slot[i], accepted, closed);
	dbres_free(res);
	n = xml_elem(pg, "pages");
	xml_attrf(n, "current", "%zu", page);
	xml_attrf(n, "last", "%zu", last);
	if (r->user != NULL && (e = topic_mine(r, pg, t,
	    posts < to ? posts : to, body, error)) != DB_OK) {
		dbres_free(t);
		return HTTP_DB(e);
	}
	dbres_free(t);
	return status;
}

int
page_forum_topic(struct req *r)
{
	const char	*p = kv_get(&r->query, "page");

	return topic_page(r, p ? strtoul(p, NULL, 10) : 1, NULL, NULL, 200);
}

/* The topic r names, for a form on it; 404 when the user may not see
 * it.  *t (free it) holds its row. */
static int
form_topic(struct req *r, struct dbres **t)
{
	int	e;

	if ((e = topic_load(r, topic_arg(r), t)) != DB_OK)
		return HTTP_DB(e);
	return *t == NULL ? 404 : 0;
}

/* The address of topic t's page showing position pos (0: the first). */
static const char *
topic_url(struct req *r, const struct dbres *t, unsigned pos)
{
	unsigned	page = pos > 1 ? (pos - 2) / PER_PAGE + 1 : 1;

	if (page > 1)
		return arena_printf(r->arena, "/community/t/%s-%s?page=%u#p%u",
		    dbres_get(t, 0, T_ID), dbres_get(t, 0, T_SLUG), page, pos);
	return arena_printf(r->arena, "/community/t/%s-%s%s%.0u",
	    dbres_get(t, 0, T_ID), dbres_get(t, 0, T_SLUG), pos ? "#p" : "",
	    pos);
}

int
page_forum_reply(struct req *r)
{
	struct dbres	*t;
	const char	*body = kv_get(&r->form, "body"), *why, *url;
	unsigned	 post, pos, id;
	bool		 queue, repeat;
	int		 st, e;

	if ((st = form_topic(r, &t)) != 0)
		return st;
	id = num(dbres_get(t, 0, T_ID));
	if (strcmp(dbres_get(t, 0, T_CLOSED), "0") && !is_staff(r)) {
		dbres_free(t);
		return topic_page(r, 0, body, "forum-closed", 409);
	}
	if (blank(body)) {
		dbres_free(t);
		return topic_page(r, 0, body, "forum-empty", 400);
	}
	if ((st = may_post(r, &queue, &why)) != 0) {
		dbres_free(t);
		return st < 0 ? st : topic_page(r, 0, body,
		    arena_printf(r->arena, "forum-%s", why), st);
	}
	e = forum_reply(id, r->user->id, is_staff(r), queue, body, &post,
	    &pos, &repeat);
	if (e != DB_OK) {
		dbres_free(t);
		if (e == FORUM_ECLOSED)
			return topic_page(r, 0, body, "forum-closed", 409);
		return e == FORUM_ENOENT ? 404 : HTTP_DB(e);
	}
	url = topic_url(r, t, pos);
	dbres_free(t);
	/* The same form again (a double click): to the reply it made. */
	if (repeat)
		return req_redirect(r, url);
	/* Who replies watches the topic; its watchers hear of the reply
	 * (once it is approved, for a queued one). */
	if ((e = forum_watch(r->user->id, id, 0, true)) != DB_OK ||
	    (!queue && (e = forum_notify(r, id, r->user->id, true)) != DB_OK))
		return HTTP_DB(e);
	return req_redirect(r, url);
}

int
page_forum_accept(struct req *r)
{
	struct dbres	*t;
	const char	*url;
	unsigned	 post = num(kv_get(&r->form, "post"));
	int		 st, e;

	if ((st = form_topic(r, &t)) != 0)
		return st;
	/* The asker or staff. */
	if (num(dbres_get(t, 0, T_AUTHOR)) != r->user->id && !is_staff(r)) {
		dbres_free(t);
		return req_fail(r, 403, "forum-accept", NULL);
	}
	e = forum_accept(num(dbres_get(t, 0, T_ID)), post);
	url = topic_url(r, t, 0);
	dbres_free(t);
	if (e == FORUM_ESTATE)
		return req_fail(r, 400, "invalid-param", "post");
	if (e != DB_OK)
		return e == FORUM_ENOENT ? 404 : HTTP_DB(e);
	audit(r, "forum-accept", r->user->id, 0, "topic %u post %u",
	    topic_arg(r), post);
	return req_redirect(r, url);
}

int
page_forum_solved(struct req *r)
{
	struct dbres	*t;
	const char	*url, *solved = kv_get(&r->form, "solved");
	int		 st, e;

	if (solved == NULL)
		return req_fail(r, 400, "missing-param", "solved");
	if ((st = form_topic(r, &t)) != 0)
		return st;
	e = forum_solved(num(dbres_get(t, 0, T_ID)), r->user->id,
	    !strcmp(solved, "yes"));
	url = topic_url(r, t, 0);
	dbres_free(t);
	if (e == FORUM_ESTATE)
		return req_fail(r, 409, "forum-unsolved", NULL);
	if (e != DB_OK)
		return e == FORUM_ENOENT ? 404 : HTTP_DB(e);
	return req_redirect(r, url);
}
