/*
 * Suggestions: GET /ideas (the list: top, newest, by status), GET
 * /ideas/new (the form; with ?title= the ideas like it, the step that
 * works without JavaScript) and POST /ideas/new (303 to the new idea),
 * GET /ideas/similar (type-ahead XML), GET /ideas/ID-SLUG (an idea:
 * its status, history and comments) with POST .../vote, .../comment and
 * .../follow, GET /ideas/roadmap (by status), GET /ideas/changelog
 * (done ideas and the news that announced them), and for staff GET
 * /staff/ideas (ranked by votes, by votes from a segment's accounts, by
 * recent votes) with POST /staff/ideas/ID/status and .../merge.
 * Every change goes through idea.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

#define PER_PAGE	20
#define TITLE_MIN	5

const char *const idea_sorts[] = { "top", "new", NULL };
const char *const idea_ranks[] = { "votes", "segment", "momentum", NULL };
const char *const idea_vote_actions[] = { "vote", "unvote", NULL };
const char *const idea_follow_actions[] = { "follow", "unfollow", NULL };

/* The columns every list of ideas reads, in this order. */
#define IDEA_COLS \
    "i.id, i.title, i.status, i.votes, i.comments, i.product, " \
    "DATE_FORMAT(i.created_at, '%Y-%m-%d')"
enum { L_ID, L_TITLE, L_STATUS, L_VOTES, L_COMMENTS, L_PRODUCT, L_CREATED,
    L__MAX };
/* Each walks its index (sql/026_ideas.sql) and stops at the page. */
static struct dbstmt q_top = DBSTMT_COLS(
    "SELECT " IDEA_COLS " FROM ideas i WHERE i.listed = TRUE "
    "ORDER BY i.votes DESC, i.id DESC LIMIT ? OFFSET ?", L__MAX);
static struct dbstmt q_new = DBSTMT_COLS(
    "SELECT " IDEA_COLS " FROM ideas i WHERE i.listed = TRUE "
    "ORDER BY i.id DESC LIMIT ? OFFSET ?", L__MAX);
static struct dbstmt q_by_status = DBSTMT_COLS(
    "SELECT " IDEA_COLS " FROM ideas i WHERE i.listed = TRUE AND "
    "i.status = ? ORDER BY i.votes DESC, i.id DESC LIMIT ? OFFSET ?",
    L__MAX);
/* The open ideas with the most votes (the home page). */
static struct dbstmt q_home = DBSTMT_COLS(
    "SELECT " IDEA_COLS " FROM ideas i WHERE i.listed = TRUE AND "
    "i.status NOT IN ('done', 'declined') "
    "ORDER BY i.votes DESC, i.id DESC LIMIT ?", L__MAX);
/* The roadmap: four columns of at most 20, each from its index. */
#define ROADMAP_PART(st, order) \
    "(SELECT " IDEA_COLS " FROM ideas i WHERE i.listed = TRUE AND " \
    "i.status = '" st "' ORDER BY " order " LIMIT 20)"
static struct dbstmt q_roadmap = DBSTMT_COLS(
    ROADMAP_PART("under-review", "i.votes DESC, i.id DESC") " UNION ALL "
    ROADMAP_PART("planned", "i.votes DESC, i.id DESC") " UNION ALL "
    ROADMAP_PART("in-progress", "i.votes DESC, i.id DESC") " UNION ALL "
    ROADMAP_PART("done", "i.status_at DESC"), L__MAX);
enum { CL_ID, CL_TITLE, CL_VOTES, CL_DONE, CL_NEWS_SLUG, CL_NEWS_TITLE,
    CL__MAX };
/* Done ideas, newest first, with the public news item announcing it. */
static struct dbstmt q_changelog = DBSTMT_COLS(
    "SELECT i.id, i.title, i.votes, DATE_FORMAT(i.status_at, '%Y-%m-%d'), "
    "n.slug, n.title FROM ideas i LEFT JOIN items n ON n.id = "
    "i.news_item_id AND n.status = 'published' AND n.visibility = 'public' "
    "WHERE i.listed = TRUE AND i.status = 'done' "
    "ORDER BY i.status_at DESC LIMIT ? OFFSET ?", CL__MAX);

enum { ONE_ID, ONE_TITLE, ONE_DESCRIPTION, ONE_PRODUCT, ONE_LANG,
    ONE_STATUS, ONE_STAFF_COMMENT, ONE_VOTES, ONE_COMMENTS, ONE_LISTED,
    ONE_MERGED_INTO, ONE_CREATED, ONE_AUTHOR, ONE_NEWS_SLUG, ONE_NEWS_TITLE,
    ONE_VOTED, ONE_FOLLOWS, ONE__MAX };
/* The idea, and whether user ? (0: nobody) voted for it and follows it. */
static struct dbstmt q_one = DBSTMT_COLS(
    "SELECT i.id, i.title, i.description, i.product, i.lang, i.status, "
    "i.staff_comment, i.votes, i.comments, i.listed, "
    "IFNULL(i.merged_into, 0), DATE_FORMAT(i.created_at, '%Y-%m-%d'), "
    "IFNULL(u.name, ''), n.slug, n.title, "
    "EXISTS (SELECT 1 FROM idea_votes v WHERE v.idea_id = i.id AND "
    "v.user_id = ?), EXISTS (SELECT 1 FROM idea_subscriptions s WHERE "
    "s.idea_id = i.id AND s.user_id = ?) FROM ideas i "
    "LEFT JOIN users u ON u.id = i.author_id "
    "LEFT JOIN items n ON n.id = i.news_item_id AND n.status = "
    "'published' AND n.visibility = 'public' WHERE i.id = ?", ONE__MAX);
enum { TL_ID, TL_AT, TL_STAFF, TL_NAME, TL_TEXT, TL_STATUS, TL__MAX };
/*
 * Its comments and its status changes, each oldest first; the page
 * merges them into one timeline by time.  (One UNION sorted by the
 * server put their TEXT columns into a temporary table on disk: some
 * 3 ms a view.)
 */
static struct dbstmt q_comments = DBSTMT_COLS(
    "SELECT c.id, DATE_FORMAT(c.created_at, '%Y-%m-%d %H:%i'), c.staff, "
    "IFNULL(u.name, ''), c.body, '' FROM idea_comments c "
    "LEFT JOIN users u ON u.id = c.author_id WHERE c.idea_id = ? "
    "ORDER BY c.id LIMIT 200", TL__MAX);
static struct dbstmt q_events = DBSTMT_COLS(
    "SELECT e.id, DATE_FORMAT(e.created_at, '%Y-%m-%d %H:%i'), 1, "
    "IFNULL(u.name, ''), e.comment, e.status FROM idea_events e "
    "LEFT JOIN users u ON u.id = e.staff_id WHERE e.idea_id = ? "
    "ORDER BY e.id LIMIT 50", TL__MAX);
enum { NEWSID_ID, NEWSID__MAX };
static struct dbstmt q_news = DBSTMT_COLS(
    "SELECT id FROM items WHERE slug = ? AND kind = 'news'", NEWSID__MAX);
enum { SEG_ID, SEG_NAME, SEG__MAX };
static struct dbstmt q_segments = DBSTMT_COLS(
    "SELECT id, name FROM segments ORDER BY name LIMIT 500", SEG__MAX);
enum { R_ID, R_TITLE, R_STATUS, R_VOTES, R_COMMENTS, R_PRODUCT, R_CREATED,
    R_N, R__MAX };
/* Votes from users of a segment, or of accounts in it. */
static struct dbstmt q_rank_segment = DBSTMT_COLS(
    "SELECT " IDEA_COLS ", COUNT(*) AS n FROM idea_votes v "
    "JOIN ideas i ON i.id = v.idea_id WHERE i.listed = TRUE AND "
    "(v.account_id IN (SELECT account_id FROM account_segments WHERE "
    "segment_id = ?) OR v.user_id IN (SELECT user_id FROM user_segments "
    "WHERE segment_id = ?)) GROUP BY i.id ORDER BY n DESC, i.id DESC "
    "LIMIT 50", R__MAX);
/* Votes of the last ? days. */
static struct dbstmt q_rank_momentum = DBSTMT_COLS(
    "SELECT " IDEA_COLS ", COUNT(*) AS n FROM idea_votes v "
    "JOIN ideas i ON i.id = v.idea_id WHERE v.created_at >= "
    "NOW() - INTERVAL ? DAY AND i.listed = TRUE GROUP BY i.id "
    "ORDER BY n DESC, i.id DESC LIMIT 50", R__MAX);

bool
valid_idea_ref(const char *s, size_t len)
{
	size_t	n = strspn(s, "0123456789");

	return n > 0 && n <= 9 && s[0] != '0' && len <= 80 &&
	    (n == len || (s[n] == '-' && valid_slug(s + n + 1, len - n - 1)));
}

static unsigned
ref_id(const char *s)
{
	return (unsigned)strtoul(s, NULL, 10);
}

/* <idea ...><title/></idea> of row i of a list under parent. */
static xmlNodePtr
idea_row_xml(struct req *r, xmlNodePtr parent, const struct dbres *res,
    size_t i)
{
	xmlNodePtr	n = xml_elem(parent, "idea");
	unsigned	id = ref_id(dbres_get(res, i, L_ID));

	xml_attr(n, "id", dbres_get(res, i, L_ID));
	xml_attr(n, "url", idea_url(r->arena, id, dbres_get(res, i,
	    L_TITLE)));
	xml_attr(n, "status", dbres_get(res, i, L_STATUS));
	xml_attr(n, "votes", dbres_get(res, i, L_VOTES));
	xml_attr(n, "comments", dbres_get(res, i, L_COMMENTS));
	xml_attr(n, "created", dbres_get(res, i, L_CREATED));
	if (*dbres_get(res, i, L_PRODUCT))
		xml_attr(n, "product", dbres_get(res, i, L_PRODUCT));
	xml_text(n, "title", dbres_get(res, i, L_TITLE));
	return n;
}

/* The rows of res under parent, at most limit of them: one more was
 * asked for, to know whether a next page exists. */
static void
ideas_xml(struct req *r, xmlNodePtr parent, const struct dbres *res,
    size_t limit)
{
	size_t	i;

	for (i = 0; i < res->nrows && i < limit; i++)
		idea_row_xml(r, parent, res, i);
}

/* ---- lists ---------------------------------------------------------------- */

int
page_ideas(struct req *r)
{
	const char	*sort = kv_get(&r->query, "sort");
	const char	*status = kv_get(&r->query, "status");
	struct dbres	*res;
	struct dbarg	 a[3];
	xmlNodePtr	 pg, l;
	size_t		 page = list_page(r), na = 0;
	struct dbstmt	*q;
	int		 e;

	if (sort == NULL || *sort == '\0')
		sort = "top";
	if (status != NULL && *status) {
		q = &q_by_status;
		a[na++] = DBS(status);
	} else
		q = !strcmp(sort, "new") ? &q_new : &q_top;
	a[na++] = DBI(PER_PAGE + 1);
	a[na++] = DBI((page - 1) * PER_PAGE);
	if ((e = db_query(q, &res, na, a)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "ideas");
	xml_attr(pg, "sort", sort);
	if (status != NULL && *status)
		xml_attr(pg, "status", status);
	xml_attrf(pg, "page", "%zu", page);
	if (res->nrows > PER_PAGE)
		xml_attr(pg, "more", "yes");
	l = xml_elem(pg, "statuses");
	for (na = 0; idea_statuses[na] != NULL; na++)
		xml_text(l, "status", idea_statuses[na]);
	ideas_xml(r, xml_elem(pg, "list"), res, PER_PAGE);
	na = res->nrows;
	dbres_free(res);
	return na == 0 && page > 1 ? 404 : 200;
}

/*
 * The open ideas with the most votes, as <ideas> under parent (the
 * home page).  Each worker keeps the list it read for HOME_SECONDS, so
 * the home page spends no statement on it but one every few seconds:
 * a vote shows there that much later (and at once on the ideas' own
 * pages, which read the count).
 */
#define HOME_SECONDS	20
#define HOME_IDEAS	5
static struct dbres	*home_res;
static int64_t		 home_at;

int
ideas_top_xml(struct req *r, xmlNodePtr parent, size_t n)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	int		 e;

	if (home_res == NULL || now_ms() - home_at > HOME_SECONDS * 1000 ||
	    now_ms() < home_at) {
		a[0] = DBI(HOME_IDEAS);
		if ((e = db_query(&q_home, &res, 1, a)) != DB_OK)
			return e;
		dbres_free(home_res);
		home_res = res;
		home_at = now_ms();
	}
	ideas_xml(r, xml_elem(parent, "ideas"), home_res,
	    n < HOME_IDEAS ? n : HOME_IDEAS);
	return DB_OK;
}

int
page_ideas_roadmap(struct req *r)
{
	struct dbres	*res;
	xmlNodePtr	 pg, col = NULL;
	const char	*last = "";
	size_t		 i;
	int		 e;

	if ((e = db_query(&q_roadmap, &res, 0, NULL)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "ideas-roadmap");
	/* Every column, even an empty one, in the workflow's order. */
	for (i = IDEA_UNDER_REVIEW; i <= IDEA_DONE; i++)
		xml_attr(xml_elem(pg, "column"), "status", idea_statuses[i]);
	for (i = 0; i < res->nrows; i++) {
		if (strcmp(dbres_get(res, i, L_STATUS), last)) {
			last = dbres_get(res, i, L_STATUS);
			for (col = pg->children; col != NULL; col = col->next) {
				xmlChar *st = xmlGetProp(col,
				    (const xmlChar *)"status");
				bool match = st != NULL && !strcmp((char *)st,
				    last);

				xmlFree(st);
				if (match)
					break;
			}
		}
		if (col != NULL)
			idea_row_xml(r, col, res, i);
	}
	dbres_free(res);
	return 200;
}

int
page_ideas_changelog(struct req *r)
{
	struct dbres	*res;
	struct dbarg	 a[2];
	xmlNodePtr	 pg, n, l;
	size_t		 i, page = list_page(r);
	int		 e;

	a[0] = DBI(PER_PAGE + 1);
	a[1] = DBI((page - 1) * PER_PAGE);
	if ((e = db_query(&q_changelog, &res, 2, a)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "ideas-changelog");
	xml_attrf(pg, "page", "%zu", page);
	if (res->nrows > PER_PAGE)
		xml_attr(pg, "more", "yes");
	l = xml_elem(pg, "list");
	for (i = 0; i < res->nrows && i < PER_PAGE; i++) {
		n = xml_elem(l, "done");
		xml_attr(n, "url", idea_url(r->arena, ref_id(dbres_get(res, i,
		    CL_ID)), dbres_get(res, i, CL_TITLE)));
		xml_attr(n, "votes", dbres_get(res, i, CL_VOTES));
		xml_attr(n, "date", dbres_get(res, i, CL_DONE));
		xml_text(n, "title", dbres_get(res, i, CL_TITLE));
		if (*dbres_get(res, i, CL_NEWS_SLUG))
			xml_attr(xml_text(n, "news", dbres_get(res, i,
			    CL_NEWS_TITLE)), "url", content_url(r->arena,
			    "news", dbres_get(res, i, CL_NEWS_SLUG)));
	}
	dbres_free(res);
	if (i == 0 && page > 1)
		return 404;
	return 200;
}

/* ---- a new idea ------------------------------------------------------------ */

/* The ideas like title, as <hit>s under parent (search.c, kind idea). */
static int
similar_xml(struct req *r, xmlNodePtr parent, const char *title, size_t n,
    size_t *found)
{
	struct search_opts	 o;
	struct search_result	 res;
	int			 e;

	memset(&o, 0, sizeof(o));
	o.query = title;
	o.kind = "idea";
	o.limit = n;
	if ((e = search_run(r, &o, &res)) != DB_OK)
		return e;
	search_hits_xml(parent, &res, 0);
	*found = res.nhits;
	return DB_OK;
}

/* The form, with what was sent and the field in error (or NULL). */
static int
new_page(struct req *r, const char *title, const char *description,
    const char *product, const char *field, const char *error, int status)
{
	xmlNodePtr	 pg, f, fl;
	size_t		 found = 0;
	int		 e;

	pg = page_new(r, "ideas-new");
	if (title != NULL && *title) {
		xml_attr(pg, "title", title);
		if ((e = similar_xml(r, xml_elem(pg, "similar"), title, 5,
		    &found)) != DB_OK)
			return HTTP_DB(e);
	}
	f = form_new(r, pg, "idea-new", "/ideas/new", "ideas-new.submit");
	if (error != NULL && field == NULL)
		xml_attr(f, "error", error);
	fl = form_field(f, "title", "text", title, field &&
	    !strcmp(field, "title") ? error : NULL);
	xml_attr(fl, "label", "ideas-field.title");
	fl = form_field(f, "description", "textarea", description, field &&
	    !strcmp(field, "description") ? error : NULL);
	xml_attr(fl, "label", "ideas-field.description");
	fl = form_field(f, "product", "text", product, field &&
	    !strcmp(field, "product") ? error : NULL);
	xml_attr(fl, "label", "ideas-field.product");
	return status;
}

int
page_ideas_new(struct req *r)
{
	return new_page(r, kv_get(&r->query, "title"), NULL, NULL, NULL, NULL,
	    200);
}

/* Letters in s (UTF-8 characters), for the length rules. */
static size_t
chars(const char *s)
{
	size_t	n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * Whether r's user may post an idea or a comment now (the forum's bans
 * and rate): 0, else 403 or 429 with *why, or a database status.
 */
static int
may_post(struct req *r, const char **why)
{
	int	e;

	if ((e = idea_may_post(r->user->id, r->user->role >= ROLE_AGENT,
	    why)) != DB_OK)
		return HTTP_DB(e);
	if (*why == NULL)
		return 0;
	return !strcmp(*why, "banned") ? 403 : 429;
}

int
page_ideas_create(struct req *r)
{
	struct idea_new	 in;
	const char	*title = kv_get(&r->form, "title");
	const char	*desc = kv_get(&r->form, "description");
	const char	*product = kv_get(&r->form, "product");
	const char	*why;
	unsigned	 id;
	bool		 repeat;
	int		 e;

	/* Zero-width spaces and fillers look like nothing: not a title. */
	if (title != NULL && *title && text_visible_chars(title) == 0)
		return new_page(r, title, desc, product, "title",
		    "title-invisible", 400);
	if (title == NULL || text_visible_chars(title) < TITLE_MIN)
		return new_page(r, title, desc, product, "title",
		    "ideas-title-short", 400);
	if (chars(title) > 200)
		return new_page(r, title, desc, product, "title",
		    "ideas-title-long", 400);
	if (desc != NULL && chars(desc) > 8000)
		return new_page(r, title, desc, product, "description",
		    "ideas-description-long", 400);
	if ((e = may_post(r, &why)) != 0)
		return e < 0 ? e : new_page(r, title, desc, product, NULL,
		    arena_printf(r->arena, "forum-%s", why), e);
	memset(&in, 0, sizeof(in));
	in.author_id = r->user->id;
	in.title = title;
	in.description = desc ? desc : "";
	in.product = product ? product : "";
	in.lang = r->cat->code;
	if ((e = idea_create(&in, &id, &repeat)) != DB_OK)
		return HTTP_DB(e);
	if (!repeat)
		audit(r, "idea-created", 0, 0, "%u", id);
	return req_redirect(r, arena_printf(r->arena, "%s?done=ideas-created",
	    idea_url(r->arena, id, title)));
}

/* Type-ahead: up to five similar ideas, as <suggestions> XML. */
int
page_ideas_similar(struct req *r)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root;
	const char	*q = kv_get(&r->query, "q");
	size_t		 found = 0;
	int		 e;

	doc = xmlNewDoc((const xmlChar *)"1.0");
	root = xmlNewNode(NULL, (const xmlChar *)"suggestions");
	xmlDocSetRootElement(doc, root);
	xml_attr(root, "q", q ? q : "");
	if ((e = similar_xml(r, root, q, 5, &found)) != DB_OK) {
		xmlFreeDoc(doc);
		return HTTP_DB(e);
	}
	xml_attrf(root, "total", "%zu", found);
	return page_raw_xml(r, doc, "application/xml; charset=utf-8");
}

/* ---- an idea ----------------------------------------------------------------- */

/* Row i of c (comments) or e (events) as the timeline's next entry. */
static void
timeline_row(xmlNodePtr l, const struct dbres *res, size_t i, bool event)
{
	xmlNodePtr	n = xml_elem(l, event ? "event" : "comment");

	xml_attr(n, "at", dbres_get(res, i, TL_AT));
	xml_attr(n, "by", dbres_get(res, i, TL_NAME));
	if (event) {
		xml_attr(n, "status", dbres_get(res, i, TL_STATUS));
		if (*dbres_get(res, i, TL_TEXT))
			xml_text(n, "text", dbres_get(res, i, TL_TEXT));
		return;
	}
	xml_attr(n, "id", dbres_get(res, i, TL_ID));
	if (strcmp(dbres_get(res, i, TL_STAFF), "0"))
		xml_attr(n, "staff", "yes");
	markdown_to_xml(xml_elem(n, "body"), dbres_get(res, i, TL_TEXT));
}

/* The timeline: comments (Markdown) and status changes, by time (a
 * comment first within the same minute). */
static int
timeline_xml(struct req *r, xmlNodePtr pg, unsigned id)
{
	struct dbres	*c, *ev;
	struct dbarg	 a[1];
	xmlNodePtr	 l;
	size_t		 i = 0, j = 0;
	int		 e;

	a[0] = DBI(id);
	if ((e = db_query(&q_comments, &c, 1, a)) != DB_OK)
		return e;
	if ((e = db_query(&q_events, &ev, 1, a)) != DB_OK) {
		dbres_free(c);
		return e;
	}
	l = xml_elem(pg, "timeline");
	while (i < c->nrows || j < ev->nrows) {
		if (j == ev->nrows || (i < c->nrows && strcmp(dbres_get(c, i,
		    TL_AT), dbres_get(ev, j, TL_AT)) <= 0))
			timeline_row(l, c, i++, false);
		else
			timeline_row(l, ev, j++, true);
	}
	dbres_free(c);
	dbres_free(ev);
	return DB_OK;
}

/* The forms of a signed-in user, and staff's. */
static void
idea_forms(struct req *r, xmlNodePtr pg, const struct dbres *res,
    const char *base)
{
	const char	*st = dbres_get(res, 0, ONE_STATUS);
	xmlNodePtr	 f, fl;
	size_t		 i;
	bool		 voted = strcmp(dbres_get(res, 0, ONE_VOTED), "0");
	bool		 follows = strcmp(dbres_get(res, 0, ONE_FOLLOWS), "0");

	f = form_new(r, pg, "idea-vote", arena_printf(r->arena, "%s/vote",
	    base), voted ? "ideas-unvote" : "ideas-vote");
	form_hidden(f, "action", voted ? "unvote" : "vote");
	f = form_new(r, pg, "idea-follow", arena_printf(r->arena,
	    "%s/follow", base), follows ? "ideas-unfollow" : "ideas-follow");
	form_hidden(f, "action", follows ? "unfollow" : "follow");
	f = form_new(r, pg, "idea-comment", arena_printf(r->arena,
	    "%s/comment", base), "ideas-comment.submit");
	fl = form_field(f, "body", "textarea", NULL, NULL);
	xml_attr(fl, "label", "ideas-field.comment");
	if (r->role < ROLE_AGENT)
		return;
	f = form_new(r, pg, "idea-status", arena_printf(r->arena,
	    "/staff%s/status", base), "ideas-staff.submit");
	fl = form_field(f, "status", "select", st, NULL);
	xml_attr(fl, "label", "ideas-field.status");
	for (i = 0; idea_statuses[i] != NULL; i++)
		form_option(fl, idea_statuses[i], idea_statuses[i]);
	fl = form_field(f, "comment", "textarea", NULL, NULL);
	xml_attr(fl, "label", "ideas-field.staff-comment");
	fl = form_field(f, "news", "text", dbres_get(res, 0, ONE_NEWS_SLUG),
	    NULL);
	xml_attr(fl, "label", "ideas-field.news");
	f = form_new(r, pg, "idea-merge", arena_printf(r->arena,
	    "/staff%s/merge", base), "ideas-staff.merge");
	fl = form_field(f, "into", "text", NULL, NULL);
	xml_attr(fl, "label", "ideas-field.into");
}

int
page_idea(struct req *r)
{
	struct dbres	*res;
	struct dbarg	 a[3];
	xmlNodePtr	 pg, n;
	const char	*url, *base;
	unsigned	 id = ref_id(r->args[0]), into;
	int		 e;

	a[0] = DBI(r->user ? r->user->id : 0);
	a[1] = DBI(r->user ? r->user->id : 0);
	a[2] = DBI(id);
	if ((e = db_query(&q_one, &res, 3, a)) != DB_OK)
		return HTTP_DB(e);
	if (res->nrows == 0) {
		dbres_free(res);
		return 404;
	}
	into = ref_id(dbres_get(res, 0, ONE_MERGED_INTO));
	url = idea_url(r->arena, id, dbres_get(res, 0, ONE_TITLE));
	/* A merged idea's address leads to the idea it joined, an old or
	 * shortened one to the idea's own. */
	if (!strcmp(dbres_get(res, 0, ONE_LISTED), "0") && into != 0) {
		dbres_free(res);
		req_header(r, "Cache-Control", "no-store");
		return req_redirect(r, arena_printf(r->arena, "/ideas/%u",
		    into));
	}
	if (strcmp(url + strlen("/ideas/"), r->args[0])) {
		dbres_free(res);
		/* The notice a form's answer asked for goes along. */
		if (kv_get(&r->query, "done") != NULL)
			url = arena_printf(r->arena, "%s?done=%s", url,
			    kv_get(&r->query, "done"));
		return req_redirect(r, url);
	}
	base = arena_printf(r->arena, "/ideas/%u", id);
	pg = page_new(r, "idea");
	if (kv_get(&r->query, "done") != NULL)
		page_notice(r, kv_get(&r->query, "done"), "success");
	xml_attr(pg, "id", dbres_get(res, 0, ONE_ID));
	xml_attr(pg, "url", url);
	xml_attr(pg, "status", dbres_get(res, 0, ONE_STATUS));
	xml_attr(pg, "votes", dbres_get(res, 0, ONE_VOTES));
	xml_attr(pg, "comments", dbres_get(res, 0, ONE_COMMENTS));
	xml_attr(pg, "created", dbres_get(res, 0, ONE_CREATED));
	xml_attr(pg, "lang", dbres_get(res, 0, ONE_LANG));
	if (*dbres_get(res, 0, ONE_PRODUCT))
		xml_attr(pg, "product", dbres_get(res, 0, ONE_PRODUCT));
	if (strcmp(dbres_get(res, 0, ONE_VOTED), "0"))
		xml_attr(pg, "voted", "yes");
	if (strcmp(dbres_get(res, 0, ONE_FOLLOWS), "0"))
		xml_attr(pg, "follows", "yes");
	xml_text(pg, "title", dbres_get(res, 0, ONE_TITLE));
	xml_text(pg, "author", dbres_get(res, 0, ONE_AUTHOR));
	markdown_to_xml(xml_elem(pg, "body"), dbres_get(res, 0,
	    ONE_DESCRIPTION));
	if (*dbres_get(res, 0, ONE_STAFF_COMMENT))
		xml_text(pg, "staff-comment", dbres_get(res, 0,
		    ONE_STAFF_COMMENT));
	if (*dbres_get(res, 0, ONE_NEWS_SLUG)) {
		n = xml_text(pg, "news", dbres_get(res, 0, ONE_NEWS_TITLE));
		xml_attr(n, "url", content_url(r->arena, "news",
		    dbres_get(res, 0, ONE_NEWS_SLUG)));
	}
	if ((e = timeline_xml(r, pg, id)) != DB_OK) {
		dbres_free(res);
		return HTTP_DB(e);
	}
	if (r->user != NULL)
		idea_forms(r, pg, res, base);
	dbres_free(res);
	return 200;
}

/* The idea a POST names: its id, or 0 (a 404). */
static unsigned
posted_idea(struct req *r)
{
	return ref_id(r->args[0]);
}

/* What idea.c's codes mean for a page. */
static int
idea_status_code(int e)
{
	if (e == IDEA_ENOENT)
		return 404;
	if (e == IDEA_EMERGED)
		return 409;
	return HTTP_DB(e);
}

int
page_idea_vote(struct req *r)
{
	const char	*action = kv_get(&r->form, "action");
	unsigned	 id = posted_idea(r), votes;
	bool		 up;
	int		 e;

	if (action == NULL)
		return page_error(r, 400, "missing-param", "action");
	up = !strcmp(action, "vote");
	if ((e = idea_vote(&id, r->user, up, &votes)) != DB_OK)
		return idea_status_code(e);
	return req_redirect(r, arena_printf(r->arena, "/ideas/%u?done=%s", id,
	    up ? "ideas-voted" : "ideas-unvoted"));
}

int
page_idea_comment(struct req *r)
{
	const char	*body = kv_get(&r->form, "body");
	const char	*why;
	unsigned	 id = posted_idea(r);
	int		 e;

	if (body == NULL || chars(body) < 2)
		return page_error(r, 400, "missing-param", "body");
	if ((e = may_post(r, &why)) != 0)
		return e < 0 ? e : page_error(r, e, arena_printf(r->arena,
		    "forum-%s", why), NULL);
	if ((e = idea_comment(&id, r->user, body)) != DB_OK)
		return idea_status_code(e);
	return req_redirect(r, arena_printf(r->arena,
	    "/ideas/%u?done=ideas-commented", id));
}

int
page_idea_follow(struct req *r)
{
	const char	*action = kv_get(&r->form, "action");
	unsigned	 id = posted_idea(r);
	bool		 on;
	int		 e;

	if (action == NULL)
		return page_error(r, 400, "missing-param", "action");
	on = !strcmp(action, "follow");
	/* Only an idea that is there, and listed, can be followed. */
	if ((e = idea_check(id)) != DB_OK)
		return idea_status_code(e);
	if ((e = idea_subscribe(id, r->user->id, on)) != DB_OK)
		return HTTP_DB(e);
	return req_redirect(r, arena_printf(r->arena, "/ideas/%u?done=%s", id,
	    on ? "ideas-followed" : "ideas-unfollowed"));
}

/* ---- staff ---------------------------------------------------------------- */

int
page_staff_idea_status(struct req *r)
{
	const char	*status = kv_get(&r->form, "status");
	const char	*comment = kv_get(&r->form, "comment");
	const char	*news = kv_get(&r->form, "news");
	struct dbres	*res;
	struct dbarg	 a[3];
	unsigned	 id = posted_idea(r), news_id = 0;
	size_t		 mailed = 0;
	const char	*title;
	int		 e;

	if (status == NULL)
		return page_error(r, 400, "missing-param", "status");
	if (news != NULL && *news) {
		a[0] = DBS(news);
		if ((e = db_query(&q_news, &res, 1, a)) != DB_OK)
			return HTTP_DB(e);
		if (res->nrows == 0) {
			dbres_free(res);
			return page_error(r, 400, "invalid-param", "news");
		}
		news_id = ref_id(dbres_get(res, 0, NEWSID_ID));
		dbres_free(res);
	}
	a[0] = DBI(0);
	a[1] = DBI(0);
	a[2] = DBI(id);
	if ((e = db_query(&q_one, &res, 3, a)) != DB_OK)
		return HTTP_DB(e);
	if (res->nrows == 0) {
		dbres_free(res);
		return 404;
	}
	title = arena_strdup(r->arena, dbres_get(res, 0, ONE_TITLE));
	dbres_free(res);
	if ((e = idea_set_status(r, id, title, r->user->id, status,
	    comment ? comment : "", news_id, &mailed)) != DB_OK)
		return idea_status_code(e);
	audit(r, "idea-status", 0, 0, "%u: %s, %zu mailed", id, status,
	    mailed);
	return req_redirect(r, arena_printf(r->arena, "%s?done=ideas-status",
	    idea_url(r->arena, id, title)));
}

int
page_staff_idea_merge(struct req *r)
{
	const char	*into = kv_get(&r->form, "into");
	unsigned	 id = posted_idea(r), to;
	int		 e;

	if (into == NULL || *into == '\0')
		return page_error(r, 400, "missing-param", "into");
	to = ref_id(into);
	if ((e = idea_merge(id, to, r->user->id)) != DB_OK)
		return idea_status_code(e);
	audit(r, "idea-merged", 0, 0, "%u into %u", id, to);
	return req_redirect(r, arena_printf(r->arena,
	    "/ideas/%u?done=ideas-merged", to));
}

int
page_staff_ideas(struct req *r)
{
	const char	*rank = kv_get(&r->query, "rank");
	const char	*seg = kv_get(&r->query, "segment");
	const char	*days = kv_get(&r->query, "days");
	struct dbres	*res, *segs;
	struct dbarg	 a[2];
	xmlNodePtr	 pg, l, n;
	size_t		 i;
	int		 e;

	if (rank == NULL || *rank == '\0')
		rank = "votes";
	if (days == NULL || *days == '\0')
		days = "30";
	if ((e = db_query(&q_segments, &segs, 0, NULL)) != DB_OK)
		return HTTP_DB(e);
	if (!strcmp(rank, "segment")) {
		if (seg == NULL || *seg == '\0')
			seg = segs->nrows ? dbres_get(segs, 0, SEG_ID) : "0";
		a[0] = DBI(ref_id(seg));
		a[1] = DBI(ref_id(seg));
		e = db_query(&q_rank_segment, &res, 2, a);
	} else if (!strcmp(rank, "momentum")) {
		a[0] = DBI(ref_id(days));
		e = db_query(&q_rank_momentum, &res, 1, a);
	} else {
		a[0] = DBI(50);
		a[1] = DBI(0);
		e = db_query(&q_top, &res, 2, a);
	}
	if (e != DB_OK) {
		dbres_free(segs);
		return HTTP_DB(e);
	}
	pg = page_new(r, "staff-ideas");
	xml_attr(pg, "rank", rank);
	xml_attr(pg, "days", days);
	if (seg != NULL && *seg)
		xml_attr(pg, "segment", seg);
	l = xml_elem(pg, "segments");
	for (i = 0; i < segs->nrows; i++) {
		n = xml_text(l, "segment", dbres_get(segs, i, SEG_NAME));
		xml_attr(n, "id", dbres_get(segs, i, SEG_ID));
	}
	dbres_free(segs);
	l = xml_elem(pg, "list");
	for (i = 0; i < res->nrows; i++) {
		n = idea_row_xml(r, l, res, i);
		/* The count this ranking is by. */
		xml_attr(n, "count", strcmp(rank, "votes") ? dbres_get(res, i,
		    R_N) : dbres_get(res, i, L_VOTES));
	}
	dbres_free(res);
	return 200;
}
