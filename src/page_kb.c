/*
 * The knowledge base: GET /kb (categories and the newest articles),
 * GET /kb/SLUG (a category: its subcategories and articles), GET /a/SLUG
 * (an article or video tutorial) and POST /a/SLUG/feedback ("Was this
 * helpful?").
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

#define PER_PAGE	50

/* Categories come from the per-worker tree (categories.c), which names
 * them in the visitor's language and shows only those the visitor may
 * know of. */
/* <category slug=...><name>, under parent. */
static xmlNodePtr
category_xml(struct req *r, xmlNodePtr parent, const struct category *c)
{
	xmlNodePtr	n = xml_elem(parent, "category");

	xml_attr(n, "slug", c->slug);
	xml_text(n, "name", category_name(r, c));
	return n;
}

int
page_kb(struct req *r)
{
	struct list_opts o = { .name = "newest", .kind = "kb", .limit = 10 };
	const struct category **top, **sub;
	xmlNodePtr	 pg, cats, n;
	size_t		 i, j, ntop, nsub;
	int		 e;

	if ((e = category_list(r, 0, -1, &top, &ntop)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "kb");
	cats = xml_elem(pg, "categories");
	for (i = 0; i < ntop; i++) {
		n = category_xml(r, cats, top[i]);
		xml_attrf(n, "id", "%u", top[i]->id);
		/* The second level, under its parent. */
		if ((e = category_list(r, top[i]->id, -1, &sub, &nsub)) !=
		    DB_OK)
			return HTTP_DB(e);
		for (j = 0; j < nsub; j++)
			category_xml(r, n, sub[j]);
	}
	if ((e = item_list(r, pg, &o, NULL)) != DB_OK)
		return HTTP_DB(e);
	return 200;
}

int
page_kb_category(struct req *r)
{
	struct list_opts o = { .name = "articles", .kind = "kb",
	    .by_title = true, .limit = PER_PAGE };
	const struct category *c, **kids;
	xmlNodePtr	 pg, n;
	size_t		 i, nkids, total, page = list_page(r);
	unsigned	 id;
	int		 e;

	if ((e = category_get(r, r->args[0], 0, &c)) != DB_OK)
		return HTTP_DB(e);
	if (c == NULL)
		return 404;
	id = c->id;
	pg = page_new(r, "kb-category");
	xml_attr(pg, "slug", r->args[0]);
	xml_text(pg, "name", category_name(r, c));
	if ((e = category_trail(r, pg, id)) != DB_OK ||
	    (e = category_list(r, id, -1, &kids, &nkids)) != DB_OK)
		return HTTP_DB(e);
	n = xml_elem(pg, "categories");
	for (i = 0; i < nkids; i++)
		category_xml(r, n, kids[i]);
	o.category_id = id;
	o.offset = (page - 1) * PER_PAGE;
	if ((e = item_list(r, pg, &o, &total)) != DB_OK)
		return HTTP_DB(e);
	return list_pages_xml(pg, page, PER_PAGE, total);
}

/* ---- the article page ------------------------------------------------------ */

/*
 * The article's translations (by language) and its related articles
 * (derived.c keeps them, best first), as this visitor may see them, in
 * one statement: both are lists of (language, slug, title, kind).
 */
enum { AROUND_PART, AROUND_SORTKEY, AROUND_LANG, AROUND_SLUG, AROUND_TITLE, AROUND_KIND,
    AROUND__MAX };
#define AROUND(access_i, access_r) \
    "(SELECT 't' AS part, i.lang AS sortkey, i.lang, i.slug, i.title, " \
    "i.kind FROM items i WHERE i.group_id = ? AND i.status = 'published' " \
    "AND " access_i ") UNION ALL (SELECT 'r', LPAD(x.position, 3, '0'), " \
    "i.lang, i.slug, i.title, i.kind FROM item_related x JOIN items i " \
    "ON i.id = x.related_id WHERE x.item_id = ? AND i.status = " \
    "'published' AND " access_r " ORDER BY x.position LIMIT 5) " \
    "ORDER BY part DESC, sortkey"
static struct dbstmt q_around[2] = {
	DBSTMT_COLS(AROUND("i.visibility = 'public'", "i.visibility = 'public'"),
	    AROUND__MAX),
	DBSTMT_COLS(AROUND(ACCESS_SQL("i.visibility", "i.id"),
	    ACCESS_SQL("i.visibility", "i.id")), AROUND__MAX),
};
enum { FILES_ID, FILES_NAME, FILES_CONTENT_TYPE, FILES_SIZE, FILES__MAX };
static struct dbstmt q_files = DBSTMT_COLS(
    "SELECT id, name, content_type, size FROM files WHERE item_id = ? "
    "AND id <> IFNULL(?, 0) ORDER BY name", FILES__MAX);
enum { VOTE_HELPFUL, VOTE__MAX };
static struct dbstmt q_vote = DBSTMT_COLS(
    "SELECT helpful FROM item_feedback WHERE item_id = ? AND voter = ?",
    VOTE__MAX);

/* "u:ID" for a signed-in voter, "b:TOKEN" for a browser, or NULL. */
const char *
feedback_voter(struct req *r)
{
	const char	*b;

	if (r->user != NULL)
		return arena_printf(r->arena, "u:%u", r->user->id);
	if ((b = kv_get(&r->cookies, "voter")) != NULL &&
	    token_valid(b, strlen(b)))
		return arena_printf(r->arena, "b:%s", b);
	return NULL;
}

/* The parts of an article page after its body. */
static int
article_extras(struct req *r, xmlNodePtr pg, const struct item *it)
{
	struct dbres	*res;
	struct dbarg	 a[10];
	xmlNodePtr	 l, rel, n;
	const char	*voter, *lang, *url;
	bool		 anon = r->user == NULL;
	size_t		 i, na;
	int		 e;

	na = 0;
	a[na++] = DBI(it->group_id);
	if (!anon) {
		content_access_args(r, a + na);
		na += 4;
	}
	a[na++] = DBI(it->id);
	if (!anon) {
		content_access_args(r, a + na);
		na += 4;
	}
	if ((e = db_query(&q_around[!anon], &res, na, a)) != DB_OK)
		return e;
	l = xml_elem(pg, "translations");
	rel = xml_elem(pg, "related");
	for (i = 0; i < res->nrows; i++) {
		lang = dbres_get(res, i, AROUND_LANG);
		url = content_url(r->arena, dbres_get(res, i, AROUND_KIND),
		    dbres_get(res, i, AROUND_SLUG));
		if (!strcmp(dbres_get(res, i, AROUND_PART), "r")) {
			n = xml_text(rel, "item", dbres_get(res, i,
			    AROUND_TITLE));
			xml_attr(n, "url", url);
			continue;
		}
		n = xml_text(l, "translation", dbres_get(res, i, AROUND_TITLE));
		xml_attr(n, "lang", lang);
		xml_attr(n, "url", url);
		if (!strcmp(lang, it->lang))
			xml_attr(n, "current", "yes");
		else if (!strcmp(lang, r->cat->code))
			xml_attr(n, "yours", "yes");
	}
	dbres_free(res);

	l = xml_elem(pg, "attachments");
	if (it->nfiles == 0)
		goto feedback;
	a[0] = DBI(it->id);
	a[1] = it->file_id ? DBI(it->file_id) : DBNULL;
	if ((e = db_query(&q_files, &res, 2, a)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows; i++) {
		n = xml_text(l, "file", dbres_get(res, i, FILES_NAME));
		xml_attr(n, "href", arena_printf(r->arena, "/files/%s/%s",
		    dbres_get(res, i, FILES_ID), dbres_get(res, i,
		    FILES_NAME)));
		xml_attr(n, "type", dbres_get(res, i, FILES_CONTENT_TYPE));
		xml_attr(n, "size", dbres_get(res, i, FILES_SIZE));
	}
	dbres_free(res);

feedback:
	n = xml_elem(pg, "feedback");
	if ((voter = feedback_voter(r)) != NULL) {
		a[0] = DBI(it->id);
		a[1] = DBS(voter);
		if ((e = db_query(&q_vote, &res, 2, a)) != DB_OK)
			return e;
		if (res->nrows == 1)
			xml_attr(n, "voted", strcmp(dbres_get(res, 0,
			    VOTE_HELPFUL), "0") ?
			    "yes" : "no");
		dbres_free(res);
	}
	return DB_OK;
}

static const char *const article_kinds[] = { "article", "video", "faq",
    NULL };

int
page_article(struct req *r)
{
	struct item	 it;
	xmlNodePtr	 pg;
	int		 e, st;

	/* Another's segment's article is as absent as a missing one. */
	if ((st = item_by_slug(r, r->args[0], article_kinds, &it)) != 0)
		return st;
	pg = page_new(r, "article");
	item_xml(r, pg, &it);
	if (kv_get(&r->query, "done") != NULL)
		page_notice(r, kv_get(&r->query, "done"), "success");
	if ((e = category_trail(r, pg, it.category_id)) != DB_OK ||
	    (e = article_extras(r, pg, &it)) != DB_OK)
		return HTTP_DB(e);
	views_count(it.id);
	return 200;
}

/* ---- feedback ------------------------------------------------------------------ */

static struct dbstmt q_feedback = DBSTMT(
    "INSERT INTO item_feedback (item_id, voter, helpful, comment) "
    "VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE helpful = VALUES(helpful), "
    "comment = IF(VALUES(comment) = '', comment, VALUES(comment)), "
    "created_at = CURRENT_TIMESTAMP");

/* A vote, by its value of item_feedback.helpful. */
const char *const feedback_votes[] = { "no", "yes", NULL };

int
page_article_feedback(struct req *r)
{
	struct item	 it;
	struct dbarg	 a[4];
	const char	*helpful = kv_get(&r->form, "helpful");
	const char	*comment = kv_get(&r->form, "comment");
	const char	*voter;
	char		 tok[65];
	unsigned char	 hash[32];
	bool		 found;
	int		 e;

	if ((e = item_load(r, r->arena, r->args[0], 0, &it, &found)) != DB_OK)
		return HTTP_DB(e);
	if (!found || strcmp(it.status, "published"))
		return 404;
	if (helpful == NULL || (strcmp(helpful, "yes") && strcmp(helpful, "no")))
		return page_error(r, 400, "invalid-param", "helpful");
	if (comment == NULL)
		comment = "";
	if (*comment && !valid_text(comment, strlen(comment), 2000))
		return page_error(r, 400, "invalid-param", "comment");
	if ((voter = feedback_voter(r)) == NULL) {
		/* A browser's first vote: it gets a voter cookie. */
		if (token_new(tok, hash) == -1)
			return page_error(r, 500, NULL, NULL);
		voter = arena_printf(r->arena, "b:%s", tok);
		req_header(r, "Set-Cookie", arena_printf(r->arena,
		    "voter=%s; Path=/; Max-Age=31536000; HttpOnly; "
		    "SameSite=Lax%s", tok, conf->https ? "; Secure" : ""));
	}
	a[0] = DBI(it.id);
	a[1] = DBS(voter);
	a[2] = DBI(!strcmp(helpful, "yes"));
	a[3] = DBS(comment);
	if ((e = db_exec(&q_feedback, NULL, NULL, 4, a)) != DB_OK)
		return HTTP_DB(e);
	return req_redirect(r, arena_printf(r->arena, "%s?done=feedback",
	    content_url(r->arena, it.kind, it.slug)));
}
