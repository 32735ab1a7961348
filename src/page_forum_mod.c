/*
 * Changing what is written in the community forum: editing a post
 * (its author within forum_edit_minutes, staff always; each edit keeps
 * the earlier text, which staff read at /community/p/ID/history),
 * flagging a post (anyone signed in), and moderation by staff: hide,
 * show or approve a post; hide, show, close, open, pin, unpin, approve
 * or move a topic; the queue of posts waiting and of flags at
 * /staff/community; banning a customer.  Each staff action is audited.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

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

/*
 * A post and its topic as r's user may see them (the forum's rule on
 * the topic's category; hidden and queued ones for staff, and queued
 * ones for their author).
 */
enum { PO_ID, PO_TOPIC, PO_POSITION, PO_AUTHOR, PO_BODY, PO_HIDDEN,
    PO_PENDING, PO_EDITABLE, PO_TITLE, PO_SLUG, PO_CLOSED, PO_T_HIDDEN,
    PO_T_PENDING, PO_T_AUTHOR, PO__MAX };
static struct dbstmt q_post = DBSTMT_COLS(
    "SELECT p.id, p.topic_id, p.position, p.author_id, p.body, p.hidden, "
    "p.pending, p.created_at > NOW() - INTERVAL ? MINUTE, t.title, t.slug, "
    "t.closed, t.hidden, t.pending, t.author_id FROM forum_posts p "
    "JOIN forum_topics t ON t.id = "
    "p.topic_id WHERE p.id = ? AND "
    FORUM_ACCESS_SQL("t.visibility", "t.category_id"), PO__MAX);

static int
post_load(struct req *r, struct dbres **out)
{
	struct dbarg	 a[6];
	struct dbres	*res;
	bool		 ok, mine;
	int		 e;

	*out = NULL;
	a[0] = DBI(conf->forum_edit_minutes);
	a[1] = DBI(num(r->args[0]));
	content_access_args(r, a + 2);
	if ((e = db_query(&q_post, &res, 6, a)) != DB_OK)
		return HTTP_DB(e);
	ok = res->nrows != 0;
	if (ok && !is_staff(r)) {
		mine = num(dbres_get(res, 0, PO_AUTHOR)) == r->user->id;
		/* A topic waiting for a moderator is its asker's alone,
		 * as topic_load() (page_forum.c) has it. */
		ok = !strcmp(dbres_get(res, 0, PO_T_HIDDEN), "0") &&
		    (!strcmp(dbres_get(res, 0, PO_T_PENDING), "0") ||
		    num(dbres_get(res, 0, PO_T_AUTHOR)) == r->user->id) &&
		    !strcmp(dbres_get(res, 0, PO_HIDDEN), "0") &&
		    (mine || !strcmp(dbres_get(res, 0, PO_PENDING), "0"));
	}
	if (!ok) {
		dbres_free(res);
		return 404;
	}
	*out = res;
	return 0;
}

static const char *
post_url(struct req *r, const struct dbres *p)
{
	unsigned	pos = num(dbres_get(p, 0, PO_POSITION));
	unsigned	page = pos > 1 ? (pos - 2) / 20 + 1 : 1;

	return arena_printf(r->arena, "/community/t/%s-%s?page=%u#p%u",
	    dbres_get(p, 0, PO_TOPIC), dbres_get(p, 0, PO_SLUG), page, pos);
}

/* ---- editing ----------------------------------------------------------------- */

/* Why r's user may not edit post p (an error reason), or NULL when
 * they may: staff always; the author while the edit window is open and
 * the topic is not closed; nobody else's. */
static const char *
why_not_edit(const struct req *r, const struct dbres *p)
{
	if (is_staff(r))
		return NULL;
	if (num(dbres_get(p, 0, PO_AUTHOR)) != r->user->id)
		return "forum-edit-own";
	return strcmp(dbres_get(p, 0, PO_EDITABLE), "0") &&
	    !strcmp(dbres_get(p, 0, PO_CLOSED), "0") ? NULL : "forum-edit";
}

static int
edit_form(struct req *r, const struct dbres *p, const char *title,
    const char *body, const char *error, int status)
{
	xmlNodePtr	pg, f;

	pg = page_new(r, "forum-edit");
	xml_attr(pg, "post", dbres_get(p, 0, PO_ID));
	xml_attr(pg, "topic-url", arena_printf(r->arena, "/community/t/%s-%s",
	    dbres_get(p, 0, PO_TOPIC), dbres_get(p, 0, PO_SLUG)));
	xml_text(pg, "title", dbres_get(p, 0, PO_TITLE));
	f = form_new(r, pg, "forum-edit", arena_printf(r->arena,
	    "/community/p/%s/edit", dbres_get(p, 0, PO_ID)),
	    "forum-edit.submit");
	if (error != NULL)
		xml_attr(f, "error", error);
	if (!strcmp(dbres_get(p, 0, PO_POSITION), "1"))
		xml_attr(form_field(f, "title", "text", title ? title :
		    dbres_get(p, 0, PO_TITLE), NULL), "label",
		    "forum-field.title");
	xml_attr(form_field(f, "body", "textarea", body ? body :
	    dbres_get(p, 0, PO_BODY), NULL), "label", "forum-field.body");
	return status;
}

int
page_forum_edit(struct req *r)
{
	struct dbres	*p;
	const char	*why;
	int		 st;

	if ((st = post_load(r, &p)) != 0)
		return st;
	if ((why = why_not_edit(r, p)) != NULL) {
		dbres_free(p);
		return req_fail(r, 403, why, NULL);
	}
	st = edit_form(r, p, NULL, NULL, NULL, 200);
	dbres_free(p);
	return st;
}

int
page_forum_edit_post(struct req *r)
{
	struct dbres	*p;
	const char	*body = kv_get(&r->form, "body");
	const char	*title = kv_get(&r->form, "title"), *url, *why;
	int		 st, e;

	if ((st = post_load(r, &p)) != 0)
		return st;
	if ((why = why_not_edit(r, p)) != NULL) {
		dbres_free(p);
		return req_fail(r, 403, why, NULL);
	}
	if (body == NULL || body[strspn(body, " \t\r\n")] == '\0' ||
	    (title != NULL && title[strspn(title, " ")] == '\0')) {
		st = edit_form(r, p, title, body, "forum-empty", 400);
		dbres_free(p);
		return st;
	}
	e = forum_edit(num(dbres_get(p, 0, PO_ID)), r->user->id, body, title);
	url = post_url(r, p);
	dbres_free(p);
	if (e != DB_OK)
		return e == FORUM_ENOENT ? 404 : HTTP_DB(e);
	if (is_staff(r))
		audit(r, "forum-edit", 0, 0, "post %u", num(r->args[0]));
	return req_redirect(r, url);
}

enum { V_BODY, V_WRITTEN, V_EDITOR, V__MAX };
static struct dbstmt q_versions = DBSTMT_COLS(
    "SELECT v.body, DATE_FORMAT(v.written_at, '%Y-%m-%dT%H:%i:%sZ'), "
    "u.name FROM forum_post_versions v JOIN users u ON u.id = v.edited_by "
    "WHERE v.post_id = ? ORDER BY v.id DESC LIMIT 100", V__MAX);

/* Staff: every earlier text of a post, newest first. */
int
page_forum_history(struct req *r)
{
	struct dbres	*p, *res;
	struct dbarg	 a[1];
	xmlNodePtr	 pg, n;
	size_t		 i;
	int		 st, e;

	if ((st = post_load(r, &p)) != 0)
		return st;
	a[0] = DBI(num(r->args[0]));
	if ((e = db_query(&q_versions, &res, 1, a)) != DB_OK) {
		dbres_free(p);
		return HTTP_DB(e);
	}
	pg = page_new(r, "forum-history");
	xml_attr(pg, "post", dbres_get(p, 0, PO_ID));
	xml_attr(pg, "url", post_url(r, p));
	xml_text(pg, "title", dbres_get(p, 0, PO_TITLE));
	n = xml_elem(pg, "version");
	xml_attr(n, "current", "yes");
	markdown_to_xml(xml_elem(n, "body"), dbres_get(p, 0, PO_BODY));
	for (i = 0; i < res->nrows; i++) {
		n = xml_elem(pg, "version");
		xml_attr(n, "written", dbres_get(res, i, V_WRITTEN));
		xml_text(n, "editor", dbres_get(res, i, V_EDITOR));
		markdown_to_xml(xml_elem(n, "body"), dbres_get(res, i, V_BODY));
	}
	dbres_free(res);
	dbres_free(p);
	return 200;
}

/* ---- flags ------------------------------------------------------------------ */

int
page_forum_flag(struct req *r)
{
	struct dbres	*p;
	const char	*reason = kv_get(&r->form, "reason"), *url;
	int		 st, e;

	if ((st = post_load(r, &p)) != 0)
		return st;
	e = forum_flag(num(dbres_get(p, 0, PO_ID)), r->user->id,
	    reason ? reason : "");
	url = post_url(r, p);
	dbres_free(p);
	if (e != DB_OK)
		return HTTP_DB(e);
	return req_redirect(r, arena_printf(r->arena, "%s", url));
}

/* ---- moderation --------------------------------------------------------------- */

/* Staff: hide, unhide or approve a reply (action), or resolve its flags
 * (dismiss). */
int
page_forum_post_moderate(struct req *r)
{
	struct dbres	*p;
	const char	*act = kv_get(&r->form, "action"), *url;
	unsigned	 id, topic = 0, author;
	int		 st, e;

	if (act == NULL)
		return req_fail(r, 400, "missing-param", "action");
	if ((st = post_load(r, &p)) != 0)
		return st;
	id = num(dbres_get(p, 0, PO_ID));
	author = num(dbres_get(p, 0, PO_AUTHOR));
	url = post_url(r, p);
	dbres_free(p);
	if (!strcmp(act, "dismiss"))
		e = forum_flags_resolve(id);
	else if (!strcmp(act, "hide") || !strcmp(act, "unhide") ||
	    !strcmp(act, "approve")) {
		e = forum_post_set(id, !strcmp(act, "hide"),
		    !strcmp(act, "approve"), &topic);
		if (e == DB_OK && strcmp(act, "unhide"))
			e = forum_flags_resolve(id);
	} else
		return req_fail(r, 400, "invalid-param", "action");
	if (e == FORUM_ESTATE)
		return req_fail(r, 400, "forum-question", NULL);
	if (e != DB_OK)
		return e == FORUM_ENOENT ? 404 : HTTP_DB(e);
	/* An approved reply is news to the topic's watchers now. */
	if (!strcmp(act, "approve") && (e = forum_notify(r, topic, author,
	    true)) != DB_OK)
		return HTTP_DB(e);
	audit(r, "forum-moderate", 0, 0, "post %u: %s", id, act);
	return req_redirect(r, url);
}

enum { MT_ID, MT_SLUG, MT_AUTHOR, MT__MAX };
static struct dbstmt q_topic_any = DBSTMT_COLS(
    "SELECT id, slug, author_id FROM forum_topics WHERE id = ?", MT__MAX);
enum { MC_ID, MC__MAX };
static struct dbstmt q_cat_slug = DBSTMT_COLS(
    "SELECT id FROM forum_categories WHERE slug = ?", MC__MAX);

/* Staff: act on a topic (forum_actions) or move it (action=move with
 * category=SLUG). */
int
page_forum_topic_moderate(struct req *r)
{
	struct dbres	*t, *c;
	struct dbarg	 a[1];
	const char	*act = kv_get(&r->form, "action");
	const char	*cat = kv_get(&r->form, "category"), *url;
	unsigned	 id = num(r->args[0]), to = 0, author;
	int		 e, i;

	if (act == NULL)
		return req_fail(r, 400, "missing-param", "action");
	a[0] = DBI(id);
	if ((e = db_query(&q_topic_any, &t, 1, a)) != DB_OK)
		return HTTP_DB(e);
	if (t->nrows == 0) {
		dbres_free(t);
		return 404;
	}
	url = arena_printf(r->arena, "/community/t/%u-%s", id,
	    dbres_get(t, 0, MT_SLUG));
	author = num(dbres_get(t, 0, MT_AUTHOR));
	dbres_free(t);
	if (!strcmp(act, "move")) {
		a[0] = DBS(cat ? cat : "");
		if ((e = db_query(&q_cat_slug, &c, 1, a)) != DB_OK)
			return HTTP_DB(e);
		if (c->nrows != 0)
			to = num(dbres_get(c, 0, MC_ID));
		dbres_free(c);
		if (to == 0)
			return req_fail(r, 400, "invalid-param", "category");
		e = forum_move(id, to);
	} else if ((i = content_find(forum_actions, act)) >= 0)
		e = forum_topic_act(id, (enum forum_action)i);
	else
		return req_fail(r, 400, "invalid-param", "action");
	if (e != DB_OK)
		return e == FORUM_ENOENT ? 404 : HTTP_DB(e);
	/* An approved topic is news to its category's watchers now. */
	if (!strcmp(act, "approve") && (e = forum_notify(r, id, author,
	    false)) != DB_OK)
		return HTTP_DB(e);
	audit(r, "forum-moderate", 0, 0, "topic %u: %s%s%s", id, act,
	    to ? " to " : "", to ? cat : "");
	return req_redirect(r, url);
}

/* ---- the staff queue ------------------------------------------------------------ */

enum { QP_ID, QP_TOPIC, QP_SLUG, QP_TITLE, QP_POSITION, QP_AUTHOR_ID,
    QP_AUTHOR, QP_BODY, QP_CREATED, QP_FLAGS, QP_REASON, QP__MAX };
#define QUEUE_COLS \
    "SELECT p.id, p.topic_id, t.slug, t.title, p.position, p.author_id, " \
    "u.name, p.body, DATE_FORMAT(p.created_at, '%Y-%m-%dT%H:%i:%sZ'), "
static struct dbstmt q_pending = DBSTMT_COLS(
    QUEUE_COLS "0, '' FROM forum_posts p JOIN forum_topics t ON t.id = "
    "p.topic_id JOIN users u ON u.id = p.author_id WHERE p.pending = 1 "
    "AND p.hidden = 0 AND t.hidden = 0 ORDER BY p.created_at LIMIT 50",
    QP__MAX);
static struct dbstmt q_flagged = DBSTMT_COLS(
    QUEUE_COLS "COUNT(*), MAX(f.reason) FROM forum_flags f JOIN forum_posts "
    "p ON p.id = f.post_id JOIN forum_topics t ON t.id = p.topic_id JOIN "
    "users u ON u.id = p.author_id WHERE f.resolved = 0 GROUP BY p.id "
    "ORDER BY MIN(f.created_at) LIMIT 50", QP__MAX);

static void
queue_xml(struct req *r, xmlNodePtr list, const struct dbres *res)
{
	xmlNodePtr	n;
	size_t		i;

	for (i = 0; i < res->nrows; i++) {
		n = xml_elem(list, "post");
		xml_attr(n, "id", dbres_get(res, i, QP_ID));
		xml_attr(n, "position", dbres_get(res, i, QP_POSITION));
		xml_attr(n, "created", dbres_get(res, i, QP_CREATED));
		xml_attr(n, "author-id", dbres_get(res, i, QP_AUTHOR_ID));
		xml_attr(n, "flags", dbres_get(res, i, QP_FLAGS));
		xml_attr(n, "url", arena_printf(r->arena,
		    "/community/t/%s-%s", dbres_get(res, i, QP_TOPIC),
		    dbres_get(res, i, QP_SLUG)));
		xml_attr(n, "topic", dbres_get(res, i, QP_TOPIC));
		xml_text(n, "title", dbres_get(res, i, QP_TITLE));
		xml_text(n, "author", dbres_get(res, i, QP_AUTHOR));
		if (*dbres_get(res, i, QP_REASON))
			xml_text(n, "reason", dbres_get(res, i, QP_REASON));
		markdown_to_xml(xml_elem(n, "body"), dbres_get(res, i,
		    QP_BODY));
	}
}

int
page_staff_community(struct req *r)
{
	struct dbres	*res;
	xmlNodePtr	 pg, list, f;
	int		 e;

	pg = page_new(r, "staff-community");
	if ((e = db_query(&q_pending, &res, 0, NULL)) != DB_OK)
		return HTTP_DB(e);
	list = xml_elem(pg, "queue");
	queue_xml(r, list, res);
	dbres_free(res);
	if ((e = db_query(&q_flagged, &res, 0, NULL)) != DB_OK)
		return HTTP_DB(e);
	list = xml_elem(pg, "flagged");
	queue_xml(r, list, res);
	dbres_free(res);
	f = form_new(r, pg, "forum-ban", "/staff/community/ban",
	    "forum-ban.submit");
	xml_attr(form_field(f, "user", "text", NULL, NULL), "label",
	    "forum-field.user");
	xml_attr(form_field(f, "reason", "text", NULL, NULL), "label",
	    "forum-field.reason");
	form_hidden(f, "change", "add");
	return 200;
}

/* Staff: ban (change=add) or unban (change=remove) a customer. */
int
page_staff_community_ban(struct req *r)
{
	const char	*change = kv_get(&r->form, "change");
	const char	*reason = kv_get(&r->form, "reason");
	unsigned	 user = num(kv_get(&r->form, "user"));
	int		 e;

	if (user == 0)
		return req_fail(r, 400, "missing-param", "user");
	if (change != NULL && !strcmp(change, "remove"))
		e = forum_unban(user);
	else
		e = forum_ban(user, r->user->id, reason ? reason : "");
	if (e == FORUM_ESTATE)
		return req_fail(r, 400, "invalid-param", "user");
	if (e != DB_OK)
		return HTTP_DB(e);
	if (change != NULL && !strcmp(change, "remove"))
		audit(r, "forum-unban", user, 0, "%s", "");
	else
		audit(r, "forum-ban", user, 0, "%s", reason ? reason : "");
	return req_redirect(r, "/staff/community");
}

/* ---- a solved topic into a knowledge-base draft -------------------------------- */

enum { KD_TITLE, KD_SLUG, KD_LANG, KD_VISIBILITY, KD_QUESTION, KD_ANSWER,
    KD__MAX };
static struct dbstmt q_kb_source = DBSTMT_COLS(
    "SELECT t.title, t.slug, t.lang, t.visibility, q.body, a.body FROM "
    "forum_topics t JOIN forum_posts q ON q.topic_id = t.id AND "
    "q.position = 1 JOIN forum_posts a ON a.id = t.accepted_post_id "
    "WHERE t.id = ?", KD__MAX);

/*
 * Staff: make a draft article of a solved topic, its question and its
 * accepted answer, in the knowledge base's category "Community", then
 * open it in the editor.  A topic without an accepted answer: 409.
 * The draft is public only when the topic was; anything else starts
 * for signed-in users, for staff to narrow before publishing.
 */
int
page_forum_kb_draft(struct req *r)
{
	struct item	 it;
	struct dbres	*res;
	struct dbarg	 a[1];
	unsigned	 id = num(r->args[0]);
	bool		 conflict = false;
	int		 e;

	a[0] = DBI(id);
	if ((e = db_query(&q_kb_source, &res, 1, a)) != DB_OK)
		return HTTP_DB(e);
	if (res->nrows == 0) {
		dbres_free(res);
		return req_fail(r, 409, "forum-unsolved", NULL);
	}
	memset(&it, 0, sizeof(it));
	it.kind = "article";
	it.lang = content_lang_valid(dbres_get(res, 0, KD_LANG)) ?
	    arena_strdup(r->arena, dbres_get(res, 0, KD_LANG)) : "en";
	it.status = "draft";
	it.visibility = strcmp(dbres_get(res, 0, KD_VISIBILITY), "public") ?
	    "signed-in" : "public";
	it.title = arena_strdup(r->arena, dbres_get(res, 0, KD_TITLE));
	it.slug = arena_printf(r->arena, "community-%u-%.80s", id,
	    dbres_get(res, 0, KD_SLUG));
	it.body = arena_printf(r->arena, "%s\n\n---\n\n%s",
	    dbres_get(res, 0, KD_QUESTION), dbres_get(res, 0, KD_ANSWER));
	it.summary = it.product = it.video_url = it.news_kind = "";
	it.severity = it.starts_at = it.ends_at = it.file_version = "";
	it.tags = "community";
	dbres_free(res);
	if ((e = category_ensure(r->arena, "Community", NULL, it.lang,
	    &it.category_id)) != DB_OK)
		return HTTP_DB(e);
	e = item_save(&it, r->user->id, arena_printf(r->arena,
	    "from community topic %u", id), 0, &conflict);
	if (e == DB_DUPLICATE)
		return req_fail(r, 409, "conflict", NULL);
	if (e != DB_OK)
		return HTTP_DB(e);
	audit(r, "content-saved", 0, 0, "%u %s %s", it.id, it.slug, it.status);
	return req_redirect(r, arena_printf(r->arena,
	    "/staff/content/%u?done=content-saved", it.id));
}

/* ---- merging and splitting ------------------------------------------------------- */

/* Staff: merge this topic into topic `into` (its id); to its page. */
int
page_forum_merge(struct req *r)
{
	unsigned	 from = num(r->args[0]);
	unsigned	 into = num(kv_get(&r->form, "into"));
	int		 e;

	e = forum_merge(from, into);
	if (e == FORUM_ESTATE || e == FORUM_ENOENT)
		return req_fail(r, 400, "invalid-param", "into");
	if (e != DB_OK)
		return HTTP_DB(e);
	audit(r, "forum-moderate", 0, 0, "topic %u: merge into %u", from,
	    into);
	return req_redirect(r, arena_printf(r->arena, "/community/t/%u", into));
}

/* Staff: split this topic at reply `from` into a new topic `title`. */
int
page_forum_split(struct req *r)
{
	const char	*title = kv_get(&r->form, "title");
	unsigned	 topic = num(r->args[0]), into = 0;
	int		 e;

	if (title == NULL || title[strspn(title, " ")] == '\0')
		return req_fail(r, 400, "missing-param", "title");
	e = forum_split(topic, num(kv_get(&r->form, "from")), title,
	    forum_slug(r->arena, title), &into);
	if (e == FORUM_ESTATE)
		return req_fail(r, 400, "invalid-param", "from");
	if (e != DB_OK)
		return e == FORUM_ENOENT ? 404 : HTTP_DB(e);
	audit(r, "forum-moderate", 0, 0, "topic %u: split into %u", topic,
	    into);
	return req_redirect(r, arena_printf(r->arena, "/community/t/%u", into));
}
