/*
 * Staff editing of content: GET /staff/content (every item, with views,
 * helpfulness and how many comments voters left), GET /staff/content/new
 * and /staff/content/ID (the editor, with the item's feedback comments),
 * POST /staff/content/save (preview, save, publish, unpublish, archive),
 * GET /staff/content/ID/history, GET .../compare?a=&b=, POST .../restore.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

enum { LIST_ID, LIST_KIND, LIST_SLUG, LIST_LANG, LIST_TITLE, LIST_STATUS,
    LIST_VISIBILITY, LIST_UPDATED_AT, LIST_VIEWS, LIST_HELPFUL, LIST_UNHELPFUL,
    LIST_VERSION, LIST_COMMENTS, LIST__MAX };
static struct dbstmt q_list = DBSTMT_COLS(
    "SELECT i.id, i.kind, i.slug, i.lang, i.title, i.status, i.visibility, "
    "DATE_FORMAT(i.updated_at, '%Y-%m-%d %H:%i'), "
    "(SELECT IFNULL(SUM(v.views), 0) FROM item_views v WHERE v.item_id = i.id), "
    "(SELECT COUNT(*) FROM item_feedback f WHERE f.item_id = i.id AND f.helpful = 1), "
    "(SELECT COUNT(*) FROM item_feedback f WHERE f.item_id = i.id AND f.helpful = 0), "
    "i.version, "
    "(SELECT COUNT(*) FROM item_feedback f WHERE f.item_id = i.id AND f.comment <> '') "
    "FROM items i "
    "WHERE (? = '' OR i.kind = ?) AND (? = '' OR i.status = ?) "
    "AND (? = '' OR i.lang = ?) AND (? = '' OR i.title LIKE CONCAT('%', ?, '%') "
    "OR CONVERT(i.slug USING utf8mb4) LIKE CONCAT('%', ?, '%')) "
    "ORDER BY i.updated_at DESC, i.id DESC LIMIT 100 OFFSET ?", LIST__MAX);

int
page_staff_content(struct req *r)
{
	struct dbres	*res;
	struct dbarg	 a[10];
	xmlNodePtr	 pg, l, n;
	const char	*kind = kv_get(&r->query, "kind");
	const char	*status = kv_get(&r->query, "status");
	const char	*lang = kv_get(&r->query, "in");
	const char	*q = kv_get(&r->query, "q");
	const char	*p = kv_get(&r->query, "page");
	size_t		 i, page = p ? strtoul(p, NULL, 10) : 1;
	int		 e;

	a[0] = a[1] = DBS(kind ? kind : "");
	a[2] = a[3] = DBS(status ? status : "");
	a[4] = a[5] = DBS(lang ? lang : "");
	a[6] = a[7] = a[8] = DBS(q ? q : "");
	a[9] = DBI((page - 1) * 100);
	if ((e = db_query(&q_list, &res, 10, a)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "staff-content");
	n = xml_elem(pg, "filter");
	xml_attr(n, "kind", kind);
	xml_attr(n, "status", status);
	xml_attr(n, "in", lang);
	xml_attr(n, "q", q);
	xml_attrf(n, "page", "%zu", page);
	l = xml_elem(pg, "items");
	for (i = 0; i < res->nrows; i++) {
		n = xml_elem(l, "item");
		xml_attr(n, "id", dbres_get(res, i, LIST_ID));
		xml_attr(n, "kind", dbres_get(res, i, LIST_KIND));
		xml_attr(n, "slug", dbres_get(res, i, LIST_SLUG));
		xml_attr(n, "lang", dbres_get(res, i, LIST_LANG));
		xml_attr(n, "url", content_url(r->arena, dbres_get(res, i,
		    LIST_KIND),
		    dbres_get(res, i, LIST_SLUG)));
		xml_attr(n, "status", dbres_get(res, i, LIST_STATUS));
		xml_attr(n, "visibility", dbres_get(res, i, LIST_VISIBILITY));
		xml_attr(n, "updated", dbres_get(res, i, LIST_UPDATED_AT));
		xml_attr(n, "views", dbres_get(res, i, LIST_VIEWS));
		xml_attr(n, "helpful", dbres_get(res, i, LIST_HELPFUL));
		xml_attr(n, "unhelpful", dbres_get(res, i, LIST_UNHELPFUL));
		xml_attr(n, "version", dbres_get(res, i, LIST_VERSION));
		xml_attr(n, "comments", dbres_get(res, i, LIST_COMMENTS));
		xml_text(n, "title", dbres_get(res, i, LIST_TITLE));
	}
	dbres_free(res);
	return 200;
}

/* ---- feedback comments ---------------------------------------------------- */

#define FEEDBACK_SHOWN	20	/* comments shown, newest first */

enum { FB_COUNTS_HELPFUL, FB_COUNTS_UNHELPFUL, FB_COUNTS_COMMENTS,
    FB_COUNTS__MAX };
static struct dbstmt q_fb_counts = DBSTMT_COLS(
    "SELECT IFNULL(SUM(helpful = 1), 0), IFNULL(SUM(helpful = 0), 0), "
    "IFNULL(SUM(comment <> ''), 0) FROM item_feedback WHERE item_id = ?",
    FB_COUNTS__MAX);
/* A signed-in voter is "u:ID"; a browser's vote ("b:TOKEN") is nobody's. */
enum { FB_COMMENTS_HELPFUL, FB_COMMENTS_COMMENT, FB_COMMENTS_CREATED_AT,
    FB_COMMENTS_NAME, FB_COMMENTS_EMAIL, FB_COMMENTS__MAX };
static struct dbstmt q_fb_comments = DBSTMT_COLS(
    "SELECT f.helpful, f.comment, DATE_FORMAT(f.created_at, "
    "'%Y-%m-%d %H:%i'), IFNULL(u.name, ''), IFNULL(u.email, '') "
    "FROM item_feedback f LEFT JOIN users u ON u.id = IF(f.voter LIKE "
    "'u:%', CAST(SUBSTRING(f.voter, 3) AS UNSIGNED), NULL) "
    "WHERE f.item_id = ? AND f.comment <> '' "
    "ORDER BY f.created_at DESC, f.voter LIMIT ?", FB_COMMENTS__MAX);

/*
 * Append <feedback> to parent: item id's votes and the newest of the
 * comments voters left, with who (a signed-in user) and when.
 */
static int
feedback_xml(xmlNodePtr parent, unsigned id)
{
	struct dbres	*res;
	struct dbarg	 a[2];
	xmlNodePtr	 fb, n;
	size_t		 i;
	int		 e;

	a[0] = DBI(id);
	if ((e = db_query(&q_fb_counts, &res, 1, a)) != DB_OK)
		return e;
	fb = xml_elem(parent, "feedback");
	if (res->nrows == 1) {
		xml_attr(fb, "helpful", dbres_get(res, 0, FB_COUNTS_HELPFUL));
		xml_attr(fb, "unhelpful", dbres_get(res, 0,
		    FB_COUNTS_UNHELPFUL));
		xml_attr(fb, "comments", dbres_get(res, 0, FB_COUNTS_COMMENTS));
	}
	dbres_free(res);
	a[1] = DBI(FEEDBACK_SHOWN);
	if ((e = db_query(&q_fb_comments, &res, 2, a)) != DB_OK)
		return e;
	xml_attrf(fb, "shown", "%zu", res->nrows);
	for (i = 0; i < res->nrows; i++) {
		n = xml_text(fb, "comment", dbres_get(res, i,
		    FB_COMMENTS_COMMENT));
		xml_attr(n, "helpful", strcmp(dbres_get(res, i,
		    FB_COMMENTS_HELPFUL), "0") ?
		    "yes" : "no");
		xml_attr(n, "at", dbres_get(res, i, FB_COMMENTS_CREATED_AT));
		if (*dbres_get(res, i, FB_COMMENTS_EMAIL)) {
			xml_attr(n, "by", *dbres_get(res, i, FB_COMMENTS_NAME) ?
			    dbres_get(res, i, FB_COMMENTS_NAME) : dbres_get(res,
			    i, FB_COMMENTS_EMAIL));
			xml_attr(n, "email", dbres_get(res, i,
			    FB_COMMENTS_EMAIL));
		}
	}
	dbres_free(res);
	return DB_OK;
}

/* ---- the editor ---------------------------------------------------------- */

/* The one-value statements of one_value(). */
enum { VALUE, VALUE__MAX };
static struct dbstmt q_cat_path = DBSTMT_COLS(
    "WITH RECURSIVE up (id, parent_id, name, depth) AS ("
    "SELECT id, parent_id, name, 0 FROM categories WHERE id = ? "
    "UNION ALL SELECT c.id, c.parent_id, c.name, up.depth + 1 "
    "FROM categories c JOIN up ON c.id = up.parent_id WHERE up.depth < 10) "
    "SELECT GROUP_CONCAT(name ORDER BY depth DESC SEPARATOR '/') FROM up",
    VALUE__MAX);
static struct dbstmt q_seg_names = DBSTMT_COLS(
    "SELECT GROUP_CONCAT(s.name ORDER BY s.name SEPARATOR ', ') FROM "
    "item_segments i JOIN segments s ON s.id = i.segment_id "
    "WHERE i.item_id = ?", VALUE__MAX);
enum { SEGMENTS_NAME, SEGMENTS__MAX };
static struct dbstmt q_segments = DBSTMT_COLS(
    "SELECT name FROM segments ORDER BY name", SEGMENTS__MAX);
static struct dbstmt q_group_slug = DBSTMT_COLS(
    "SELECT slug FROM items WHERE id = ?", VALUE__MAX);

static const char *
one_value(struct req *r, struct dbstmt *st, unsigned id)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	const char	*v = "";

	a[0] = DBI(id);
	if (db_query(st, &res, 1, a) != DB_OK)
		return NULL;
	if (res->nrows == 1 && *dbres_get(res, 0, VALUE))
		v = arena_strdup(r->arena, dbres_get(res, 0, VALUE));
	dbres_free(res);
	return v;
}

/* The form as fields the theme lays out; values from it or the form. */
struct edit {
	struct item	 it;
	const char	*category;	/* path */
	const char	*segments;	/* names, comma-separated */
	const char	*translation_of;
	bool		 preview;
};

static void
editor(struct req *r, const struct edit *ed, const char *error,
    const char *field)
{
	const struct item	*it = &ed->it;
	struct dbres		*res;
	xmlNodePtr		 pg, f, n;
	size_t			 i;

	pg = page_new(r, "staff-editor");
	xml_attrf(pg, "id", "%u", it->id);
	xml_attr(pg, "url", it->id ? content_url(r->arena, it->kind, it->slug) :
	    "");
	if (error != NULL) {
		n = xml_elem(pg, "error");
		xml_attr(n, "key", error);
		xml_attr(n, "field", field ? field : "");
	}
	f = form_new(r, pg, "content", "/staff/content/save", "content.save");
	form_hidden(f, "id", arena_printf(r->arena, "%u", it->id));
	form_hidden(f, "version", arena_printf(r->arena, "%u", it->version));
	n = form_field(f, "kind", "select", it->kind, NULL);
	for (i = 0; content_kinds[i] != NULL; i++)
		form_option(n, content_kinds[i], NULL);
	n = form_field(f, "lang", "select", it->lang, NULL);
	for (i = 0; content_langs[i] != NULL; i++)
		form_option(n, content_langs[i], NULL);
	form_field(f, "title", "text", it->title, NULL);
	form_field(f, "slug", "text", it->slug, NULL);
	form_field(f, "category", "text", ed->category, NULL);
	form_field(f, "summary", "text", it->summary, NULL);
	form_field(f, "body", "markdown", it->body, NULL);
	form_field(f, "tags", "text", it->tags, NULL);
	form_field(f, "product", "text", it->product, NULL);
	form_field(f, "translation_of", "text", ed->translation_of, NULL);
	n = form_field(f, "visibility", "select", it->visibility, NULL);
	for (i = 0; content_visibilities[i] != NULL; i++)
		form_option(n, content_visibilities[i], NULL);
	n = form_field(f, "segments", "text", ed->segments, NULL);
	if (db_query(&q_segments, &res, 0, NULL) == DB_OK) {
		for (i = 0; i < res->nrows; i++)
			xml_text(n, "hint", dbres_get(res, i, SEGMENTS_NAME));
		dbres_free(res);
	}
	form_field(f, "video_url", "url", it->video_url, NULL);
	n = form_field(f, "news_kind", "select", it->news_kind, NULL);
	form_option(n, "", NULL);
	for (i = 0; content_news_kinds[i] != NULL; i++)
		form_option(n, content_news_kinds[i], NULL);
	n = form_field(f, "severity", "select", it->severity, NULL);
	form_option(n, "", NULL);
	for (i = 0; content_severities[i] != NULL; i++)
		form_option(n, content_severities[i], NULL);
	form_field(f, "starts", "text", it->starts_at, NULL);
	form_field(f, "ends", "text", it->ends_at, NULL);
	form_field(f, "file_version", "text", it->file_version, NULL);
	form_field(f, "file", "file", "", NULL);
	xml_attr(pg, "status", it->status);
	if (field != NULL)
		for (n = xmlFirstElementChild(f); n != NULL;
		    n = xmlNextElementSibling(n)) {
			xmlChar *name = xmlGetProp(n, (const xmlChar *)"name");
			if (name && !strcmp((char *)name, field))
				xml_attr(n, "error", error);
			xmlFree(name);
		}
	if (ed->preview) {
		n = xml_elem(pg, "preview");
		xml_text(n, "title", it->title);
		markdown_to_xml(xml_elem(n, "body"), it->body);
	}
}

static void
blank(struct edit *ed)
{
	memset(ed, 0, sizeof(*ed));
	ed->it.kind = "article";
	ed->it.lang = "en";
	ed->it.status = "draft";
	ed->it.visibility = "public";
	ed->it.title = ed->it.slug = ed->it.summary = ed->it.body = "";
	ed->it.tags = ed->it.product = ed->it.video_url = "";
	ed->it.news_kind = ed->it.severity = ed->it.starts_at = "";
	ed->it.ends_at = ed->it.file_version = "";
	ed->category = ed->segments = ed->translation_of = "";
}

/* GET /staff/content/new[?title=...] : a blank draft (from a search
 * nobody found anything for, the query is its title). */
int
page_staff_content_new(struct req *r)
{
	struct edit	 ed;
	const char	*t = kv_get(&r->query, "title");

	blank(&ed);
	if (t != NULL)
		ed.it.title = t;
	editor(r, &ed, NULL, NULL);
	return 200;
}

int
page_staff_content_edit(struct req *r)
{
	struct edit	 ed;
	bool		 found;
	int		 e;

	blank(&ed);
	if ((e = item_load(r, r->arena, NULL, (unsigned)strtoul(r->args[0],
	    NULL, 10), &ed.it, &found)) != DB_OK)
		return HTTP_DB(e);
	if (!found)
		return 404;
	if ((ed.category = one_value(r, &q_cat_path, ed.it.category_id)) ==
	    NULL || (ed.segments = one_value(r, &q_seg_names, ed.it.id)) ==
	    NULL)
		return HTTP_DB(DB_UNAVAILABLE);
	if (ed.it.group_id != ed.it.id &&
	    (ed.translation_of = one_value(r, &q_group_slug, ed.it.group_id))
	    == NULL)
		return HTTP_DB(DB_UNAVAILABLE);
	editor(r, &ed, NULL, NULL);
	if ((e = feedback_xml(r->content, ed.it.id)) != DB_OK)
		return HTTP_DB(e);
	if (kv_get(&r->query, "done") != NULL)
		page_notice(r, kv_get(&r->query, "done"), "success");
	return 200;
}

static const char *
field(struct req *r, const char *name)
{
	const char	*v = kv_get(&r->form, name);

	return v ? v : "";
}


/* Check the form into ed; NULL, or the error key with *bad the field. */
static const char *
read_form(struct req *r, struct edit *ed, const char **bad)
{
	struct item	*it = &ed->it;
	const char	*why, *unknown;

	it->kind = field(r, "kind");
	it->lang = field(r, "lang");
	it->title = field(r, "title");
	it->slug = field(r, "slug");
	it->summary = field(r, "summary");
	it->body = field(r, "body");
	it->tags = field(r, "tags");
	it->product = field(r, "product");
	it->visibility = field(r, "visibility");
	if (*it->visibility == '\0')
		it->visibility = "public";
	it->video_url = field(r, "video_url");
	it->news_kind = field(r, "news_kind");
	it->severity = field(r, "severity");
	it->starts_at = field(r, "starts");
	it->ends_at = field(r, "ends");
	it->file_version = field(r, "file_version");
	ed->category = field(r, "category");
	ed->segments = field(r, "segments");
	ed->translation_of = field(r, "translation_of");
	if (!valid_text(it->title, strlen(it->title), 300) || !*it->title)
		return *bad = "title", "required";
	if (*it->slug == '\0')
		it->slug = content_slug(r->arena, it->title);
	if (category_depth(ed->category) == 0)
		return *bad = "category", "required";
	if (strlen(ed->category) > 300 || category_depth(ed->category) > 10)
		return *bad = "category", "too-long";
	if (*it->summary && !valid_text(it->summary, strlen(it->summary), 1000))
		return *bad = "summary", "too-long";
	if (strlen(it->tags) > 500 || strlen(it->product) > 100)
		return *bad = "tags", "too-long";
	if ((why = item_check(it, bad)) != NULL)
		return why;
	if (strlen(it->file_version) > 50)
		return *bad = "file_version", "too-long";
	if (item_segments_named(r->arena, ed->segments, it, &unknown) != DB_OK)
		return *bad = NULL, "database";
	if (unknown != NULL)
		return *bad = "segments", "segment";
	if (!strcmp(it->visibility, "segments") && it->nsegments == 0)
		return *bad = "segments", "required";
	if (*ed->translation_of) {
		if (item_group_of(ed->translation_of, &it->group_id) != DB_OK)
			return *bad = NULL, "database";
		if (it->group_id == 0)
			return *bad = "translation_of", "translation";
	}
	return NULL;
}

int
page_staff_content_save(struct req *r)
{
	struct edit	 ed;
	struct item	 old;
	const struct kv	*file = kv_find(&r->form, "file");
	const char	*action = field(r, "action"), *why, *bad = NULL;
	unsigned	 id = (unsigned)strtoul(field(r, "id"), NULL, 10);
	unsigned	 version = (unsigned)strtoul(field(r, "version"), NULL, 10);
	unsigned	 file_id = 0;
	bool		 found = false, conflict;
	int		 e;

	blank(&ed);
	if (id != 0) {
		if ((e = item_load(r, r->arena, NULL, id, &old, &found)) != DB_OK)
			return HTTP_DB(e);
		if (!found)
			return 404;
	}
	ed.it.id = id;
	ed.it.version = version;
	ed.it.status = found ? old.status : "draft";
	ed.it.file_id = found ? old.file_id : 0;
	if ((why = read_form(r, &ed, &bad)) != NULL) {
		if (!strcmp(why, "database"))
			return HTTP_DB(DB_UNAVAILABLE);
		editor(r, &ed, why, bad);
		return 422;
	}
	if (!strcmp(action, "preview")) {
		ed.preview = true;
		editor(r, &ed, NULL, NULL);
		return 200;
	}
	if (!strcmp(action, "publish"))
		ed.it.status = "published";
	else if (!strcmp(action, "unpublish"))
		ed.it.status = "draft";
	else if (!strcmp(action, "archive"))
		ed.it.status = "archived";
	else if (strcmp(action, "save") && *action)
		return page_error(r, 400, "invalid-param", "action");
	/* The path names the category, made with its parents if missing
	 * (as the import does). */
	if ((e = category_ensure(r->arena, ed.category, NULL, ed.it.lang,
	    &ed.it.category_id)) != DB_OK)
		return HTTP_DB(e);
	if (file != NULL && file->filename != NULL && file->vlen > 0) {
		if ((why = file_store(r, file, id, &file_id)) != NULL) {
			editor(r, &ed, why, "file");
			return 422;
		}
		/* Downloads and videos have one current file; an article
		 * keeps each file as an attachment. */
		if (!strcmp(ed.it.kind, "download") ||
		    !strcmp(ed.it.kind, "video"))
			ed.it.file_id = file_id;
	}
	e = item_save(&ed.it, r->user->id, action, id ? version : 0, &conflict);
	if (e == DB_DUPLICATE) {
		editor(r, &ed, "slug-taken", "slug");
		return 422;
	}
	if (e != DB_OK)
		return HTTP_DB(e);
	if (conflict) {
		editor(r, &ed, "conflict", NULL);
		return 409;
	}
	if (file_id != 0 && id == 0 && file_store_attach(file_id,
	    ed.it.id) != DB_OK)
		return HTTP_DB(DB_UNAVAILABLE);
	audit(r, "content-saved", 0, 0, "%u %s %s", ed.it.id, ed.it.slug,
	    ed.it.status);
	return req_redirect(r, arena_printf(r->arena,
	    "/staff/content/%u?done=content-saved", ed.it.id));
}

/* ---- versions ------------------------------------------------------------ */

enum { VERSIONS_VERSION, VERSIONS_TITLE, VERSIONS_STATUS, VERSIONS_NOTE,
    VERSIONS_CREATED_AT, VERSIONS_NAME, VERSIONS_BYTES, VERSIONS__MAX };
static struct dbstmt q_versions = DBSTMT_COLS(
    "SELECT v.version, v.title, v.status, v.note, "
    "DATE_FORMAT(v.created_at, '%Y-%m-%d %H:%i'), IFNULL(u.name, ''), "
    "LENGTH(v.body) FROM item_versions v LEFT JOIN users u "
    "ON u.id = v.author_id WHERE v.item_id = ? ORDER BY v.version DESC",
    VERSIONS__MAX);
/* The four fields of a version, in version_get()'s order. */
enum { VERSION_TITLE, VERSION_SUMMARY, VERSION_BODY, VERSION_TAGS,
    VERSION__MAX };
static struct dbstmt q_version = DBSTMT_COLS(
    "SELECT title, summary, body, tags FROM item_versions "
    "WHERE item_id = ? AND version = ?", VERSION__MAX);

int
page_staff_content_history(struct req *r)
{
	struct item	 it;
	struct dbres	*res;
	struct dbarg	 a[1];
	xmlNodePtr	 pg, l, n;
	bool		 found;
	size_t		 i;
	int		 e;

	if ((e = item_load(r, r->arena, NULL, (unsigned)strtoul(r->args[0],
	    NULL, 10), &it, &found)) != DB_OK)
		return HTTP_DB(e);
	if (!found)
		return 404;
	a[0] = DBI(it.id);
	if ((e = db_query(&q_versions, &res, 1, a)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "staff-history");
	xml_attrf(pg, "id", "%u", it.id);
	xml_attrf(pg, "version", "%u", it.version);
	xml_attr(pg, "csrf", csrf_token(r));
	xml_text(pg, "title", it.title);
	l = xml_elem(pg, "versions");
	for (i = 0; i < res->nrows; i++) {
		n = xml_elem(l, "version");
		xml_attr(n, "n", dbres_get(res, i, VERSIONS_VERSION));
		xml_attr(n, "status", dbres_get(res, i, VERSIONS_STATUS));
		xml_attr(n, "note", dbres_get(res, i, VERSIONS_NOTE));
		xml_attr(n, "at", dbres_get(res, i, VERSIONS_CREATED_AT));
		xml_attr(n, "by", dbres_get(res, i, VERSIONS_NAME));
		xml_attr(n, "bytes", dbres_get(res, i, VERSIONS_BYTES));
		xml_text(n, "title", dbres_get(res, i, VERSIONS_TITLE));
	}
	dbres_free(res);
	if (kv_get(&r->query, "done") != NULL)
		page_notice(r, kv_get(&r->query, "done"), "success");
	return 200;
}

/* Version n of item id: its title, summary, body and tags. */
static int
version_get(struct req *r, unsigned id, unsigned n,
    const char *out[VERSION__MAX],
    bool *found)
{
	struct dbres	*res;
	struct dbarg	 a[2];
	size_t		 i;
	int		 e;

	a[0] = DBI(id);
	a[1] = DBI(n);
	if ((e = db_query(&q_version, &res, 2, a)) != DB_OK)
		return e;
	*found = res->nrows == 1;
	for (i = 0; *found && i < VERSION__MAX; i++)
		out[i] = arena_strdup(r->arena,
		    dbres_get(res, 0, VERSION_TITLE + i));
	dbres_free(res);
	return DB_OK;
}

int
page_staff_content_compare(struct req *r)
{
	const char	*va[4], *vb[4];
	const char	*sa = kv_get(&r->query, "a"), *sb = kv_get(&r->query, "b");
	unsigned	 id = (unsigned)strtoul(r->args[0], NULL, 10);
	xmlNodePtr	 pg;
	bool		 fa, fb;
	int		 e;

	if (sa == NULL || sb == NULL)
		return page_error(r, 400, "missing-param", sa ? "b" : "a");
	if ((e = version_get(r, id, (unsigned)strtoul(sa, NULL, 10), va,
	    &fa)) != DB_OK || (e = version_get(r, id,
	    (unsigned)strtoul(sb, NULL, 10), vb, &fb)) != DB_OK)
		return HTTP_DB(e);
	if (!fa || !fb)
		return 404;
	pg = page_new(r, "staff-compare");
	xml_attrf(pg, "id", "%u", id);
	xml_attr(pg, "a", sa);
	xml_attr(pg, "b", sb);
	diff_xml(xml_elem(pg, "title"), va[0], vb[0]);
	diff_xml(xml_elem(pg, "summary"), va[1], vb[1]);
	diff_xml(xml_elem(pg, "body"), va[2], vb[2]);
	diff_xml(xml_elem(pg, "tags"), va[3], vb[3]);
	return 200;
}

int
page_staff_content_restore(struct req *r)
{
	struct item	 it;
	const char	*v[4];
	unsigned	 id = (unsigned)strtoul(r->args[0], NULL, 10);
	const char	*sn = kv_get(&r->form, "version");
	unsigned	 n = sn ? (unsigned)strtoul(sn, NULL, 10) : 0;
	bool		 found, conflict;
	int		 e;

	if ((e = item_load(r, r->arena, NULL, id, &it, &found)) != DB_OK)
		return HTTP_DB(e);
	if (!found)
		return 404;
	if ((e = version_get(r, id, n, v, &found)) != DB_OK)
		return HTTP_DB(e);
	if (!found)
		return page_error(r, 400, "invalid-param", "version");
	it.title = v[0];
	it.summary = v[1];
	it.body = v[2];
	it.tags = v[3];
	e = item_save(&it, r->user->id, arena_printf(r->arena,
	    "restored version %u", n), it.version, &conflict);
	if (e != DB_OK)
		return HTTP_DB(e);
	if (conflict)
		return page_error(r, 409, "conflict", NULL);
	audit(r, "content-restored", 0, 0, "%u %u", id, n);
	return req_redirect(r, arena_printf(r->arena,
	    "/staff/content/%u/history?done=content-restored", id));
}
