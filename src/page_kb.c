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

/* Category names are in the visitor's language when they have one
 * (CATEGORY_NAME binds its code), of the categories the visitor may know
 * of (CATEGORIES_SEEN_SQL). */
enum { TOP_ID, TOP_SLUG, TOP_SHOWN, TOP_PARENT_ID, TOP__MAX };
static struct dbstmt q_top = DBSTMT_COLS(
    "SELECT c.id, c.slug, " CATEGORY_NAME("c") " AS shown, "
    "IFNULL(c.parent_id, 0) FROM categories c "
    "LEFT JOIN categories p ON p.id = c.parent_id "
    "WHERE (c.parent_id IS NULL OR p.parent_id IS NULL) "
    "AND c.id IN (" CATEGORIES_SEEN_SQL ") "
    "ORDER BY c.parent_id IS NOT NULL, c.position, shown", TOP__MAX);
enum { CAT_ID, CAT_CATEGORY_NAME, CAT_PARENT_ID, CAT__MAX };
static struct dbstmt q_cat = DBSTMT_COLS(
    "SELECT c.id, " CATEGORY_NAME("c") ", IFNULL(c.parent_id, 0) "
    "FROM categories c WHERE c.slug = ? AND c.id IN ("
    CATEGORIES_SEEN_SQL ")", CAT__MAX);
enum { CHILDREN_SLUG, CHILDREN_SHOWN, CHILDREN__MAX };
static struct dbstmt q_children = DBSTMT_COLS(
    "SELECT c.slug, " CATEGORY_NAME("c") " AS shown FROM categories c "
    "WHERE c.parent_id = ? AND c.id IN (" CATEGORIES_SEEN_SQL ") "
    "ORDER BY c.position, shown", CHILDREN__MAX);
static size_t
page_number(struct req *r)
{
	const char	*p = kv_get(&r->query, "page");
	unsigned long	 n = p ? strtoul(p, NULL, 10) : 1;

	return n < 1 ? 1 : n > 10000 ? 10000 : n;
}

int
page_kb(struct req *r)
{
	struct list_opts o = { .name = "newest", .kind = "kb", .limit = 10 };
	struct dbres	*res;
	struct dbarg	 a[5];
	xmlNodePtr	 pg, cats, top = NULL, n;
	size_t		 i;
	int		 e;

	a[0] = DBS(r->cat->code);
	content_access_args(r, a + 1);
	if ((e = db_query(&q_top, &res, 5, a)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "kb");
	cats = xml_elem(pg, "categories");
	for (i = 0; i < res->nrows; i++) {
		if (!strcmp(dbres_get(res, i, TOP_PARENT_ID), "0")) {
			n = xml_elem(cats, "category");
			xml_attr(n, "id", dbres_get(res, i, TOP_ID));
		} else {
			/* A second-level category, under its parent. */
			for (top = xmlFirstElementChild(cats); top != NULL;
			    top = xmlNextElementSibling(top)) {
				xmlChar *id = xmlGetProp(top, (const xmlChar *)"id");
				bool same = id && !strcmp((char *)id,
				    dbres_get(res, i, TOP_PARENT_ID));

				xmlFree(id);
				if (same)
					break;
			}
			if (top == NULL)
				continue;
			n = xml_elem(top, "category");
		}
		xml_attr(n, "slug", dbres_get(res, i, TOP_SLUG));
		xml_text(n, "name", dbres_get(res, i, TOP_SHOWN));
	}
	dbres_free(res);
	if ((e = item_list(r, pg, &o, NULL)) != DB_OK)
		return HTTP_DB(e);
	return 200;
}

int
page_kb_category(struct req *r)
{
	struct list_opts o = { .name = "articles", .kind = "kb",
	    .by_title = true, .limit = PER_PAGE };
	struct dbres	*res;
	struct dbarg	 a[6];
	xmlNodePtr	 pg, n, kids;
	size_t		 i, total, page = page_number(r);
	unsigned	 id;
	int		 e;

	a[0] = DBS(r->cat->code);
	a[1] = DBS(r->args[0]);
	content_access_args(r, a + 2);
	if ((e = db_query(&q_cat, &res, 6, a)) != DB_OK)
		return HTTP_DB(e);
	if (res->nrows != 1) {
		dbres_free(res);
		return 404;
	}
	id = (unsigned)strtoul(dbres_get(res, 0, CAT_ID), NULL, 10);
	pg = page_new(r, "kb-category");
	xml_attr(pg, "slug", r->args[0]);
	xml_text(pg, "name", dbres_get(res, 0, CAT_CATEGORY_NAME));
	dbres_free(res);
	if ((e = category_trail(r, pg, id)) != DB_OK)
		return HTTP_DB(e);
	a[0] = DBS(r->cat->code);
	a[1] = DBI(id);
	content_access_args(r, a + 2);
	if ((e = db_query(&q_children, &res, 6, a)) != DB_OK)
		return HTTP_DB(e);
	kids = xml_elem(pg, "categories");
	for (i = 0; i < res->nrows; i++) {
		n = xml_elem(kids, "category");
		xml_attr(n, "slug", dbres_get(res, i, CHILDREN_SLUG));
		xml_text(n, "name", dbres_get(res, i, CHILDREN_SHOWN));
	}
	dbres_free(res);
	o.category_id = id;
	o.offset = (page - 1) * PER_PAGE;
	if ((e = item_list(r, pg, &o, &total)) != DB_OK)
		return HTTP_DB(e);
	if (total > 0 && o.offset >= total)
		return 404;
	n = xml_elem(pg, "pages");
	xml_attrf(n, "current", "%zu", page);
	xml_attrf(n, "last", "%zu", total ? (total + PER_PAGE - 1) / PER_PAGE : 1);
	return 200;
}

/* ---- the article page ------------------------------------------------------ */

enum { TRANSLATIONS_LANG, TRANSLATIONS_SLUG, TRANSLATIONS_TITLE,
    TRANSLATIONS__MAX };
static struct dbstmt q_translations = DBSTMT_COLS(
    "SELECT i.lang, i.slug, i.title FROM items i WHERE i.group_id = ? "
    "AND i.status = 'published' AND " ACCESS_SQL("i.visibility", "i.id")
    " ORDER BY i.lang", TRANSLATIONS__MAX);
#define RELATED_BY_TAG \
    "(SELECT item_id AS id, 2 AS w FROM item_tags WHERE tag = ? " \
    "AND item_id <> ? ORDER BY item_id DESC LIMIT 100)"
#define RELATED_BY_CATEGORY(kind) \
    "(SELECT c.id, 1 FROM items c WHERE c.category_id = ? AND " \
    "c.status = 'published' AND c.kind = '" kind "' AND c.id <> ? " \
    "ORDER BY c.id DESC LIMIT 100)"
enum { RELATED_SLUG, RELATED_TITLE, RELATED_KIND, RELATED_W,
    RELATED__MAX };
static struct dbstmt q_related = DBSTMT_COLS(
    "SELECT i.slug, i.title, i.kind, SUM(x.w) AS w FROM ("
    RELATED_BY_TAG " UNION ALL " RELATED_BY_TAG " UNION ALL " RELATED_BY_TAG
    " UNION ALL " RELATED_BY_CATEGORY("article")
    " UNION ALL " RELATED_BY_CATEGORY("video") ") x "
    "JOIN items i ON i.id = x.id WHERE i.lang = ? AND i.status = 'published' "
    "AND i.kind IN ('article', 'video') AND "
    ACCESS_SQL("i.visibility", "i.id")
    " GROUP BY i.id ORDER BY w DESC, i.updated_at DESC LIMIT 5",
    RELATED__MAX);
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
	struct dbarg	 a[15];
	xmlNodePtr	 l, n;
	const char	*voter, *p;
	char		 tags[3][101];
	size_t		 i;
	int		 e;

	a[0] = DBI(it->group_id);
	content_access_args(r, a + 1);
	if ((e = db_query(&q_translations, &res, 5, a)) != DB_OK)
		return e;
	l = xml_elem(pg, "translations");
	for (i = 0; i < res->nrows; i++) {
		n = xml_text(l, "translation", dbres_get(res, i,
		    TRANSLATIONS_TITLE));
		xml_attr(n, "lang", dbres_get(res, i, TRANSLATIONS_LANG));
		xml_attr(n, "url", content_url(r->arena, it->kind,
		    dbres_get(res, i, TRANSLATIONS_SLUG)));
		if (!strcmp(dbres_get(res, i, TRANSLATIONS_LANG), it->lang))
			xml_attr(n, "current", "yes");
		else if (!strcmp(dbres_get(res, i, TRANSLATIONS_LANG),
		    r->cat->code))
			xml_attr(n, "yours", "yes");
	}
	dbres_free(res);

	/*
	 * Related articles: those sharing one of its first three tags
	 * (weight 2 a tag) or its category (weight 1), in its language, as
	 * this visitor may see.  The candidates are the newest hundred of
	 * each tag and of the category, each read in index order, so a tag
	 * on thousands of articles costs no more than one on ten.
	 */
	p = it->tags;
	for (i = 0; i < 3; i++) {
		a[2 * i] = content_tag_next(&p, tags[i]) ? DBS(tags[i]) :
		    DBS("");
		a[2 * i + 1] = DBI(it->id);
	}
	a[6] = DBI(it->category_id);
	a[7] = DBI(it->id);
	a[8] = DBI(it->category_id);
	a[9] = DBI(it->id);
	a[10] = DBS(it->lang);
	content_access_args(r, a + 11);
	if ((e = db_query(&q_related, &res, 15, a)) != DB_OK)
		return e;
	l = xml_elem(pg, "related");
	for (i = 0; i < res->nrows; i++) {
		n = xml_text(l, "item", dbres_get(res, i, RELATED_TITLE));
		xml_attr(n, "url", content_url(r->arena,
		    dbres_get(res, i, RELATED_KIND),
		    dbres_get(res, i, RELATED_SLUG)));
	}
	dbres_free(res);

	a[0] = DBI(it->id);
	a[1] = it->file_id ? DBI(it->file_id) : DBNULL;
	if ((e = db_query(&q_files, &res, 2, a)) != DB_OK)
		return e;
	l = xml_elem(pg, "attachments");
	for (i = 0; i < res->nrows; i++) {
		n = xml_text(l, "file", dbres_get(res, i, FILES_NAME));
		xml_attr(n, "href", arena_printf(r->arena, "/files/%s/%s",
		    dbres_get(res, i, FILES_ID), dbres_get(res, i,
		    FILES_NAME)));
		xml_attr(n, "type", dbres_get(res, i, FILES_CONTENT_TYPE));
		xml_attr(n, "size", dbres_get(res, i, FILES_SIZE));
	}
	dbres_free(res);

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
