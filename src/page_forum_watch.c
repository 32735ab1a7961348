/*
 * Watching the community: POST /community/t/ID-SLUG/watch and
 * /community/c/SLUG/watch (watch=yes|no) for signed-in users, and the
 * unsubscribe link of every forum mail, GET /community/unsubscribe?token=
 * (a page asking to confirm, so that a mail scanner opening the link
 * changes nothing) and its POST, which work without signing in; and
 * the same for the ideas' status mails, /ideas/unsubscribe.  The links
 * are signed (link_sign()); the mails themselves are forum_notify()'s
 * (forum.c) and idea_set_status()'s (idea.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

/* The topic (or category) the user may see, by the forum's rule. */
/* A topic waiting for a moderator is its asker's and staff's only. */
enum { WT_ID, WT_SLUG, WT_PENDING, WT_AUTHOR, WT__MAX };
static struct dbstmt q_topic_seen = DBSTMT_COLS(
    "SELECT t.id, t.slug, t.pending, t.author_id FROM forum_topics t "
    "WHERE t.id = ? AND t.hidden = 0 AND "
    FORUM_ACCESS_SQL("t.visibility", "t.category_id"), WT__MAX);
static struct dbstmt q_category_seen = DBSTMT_COLS(
    "SELECT c.id, c.slug, 0, 0 FROM forum_categories c LEFT JOIN "
    "forum_categories cp ON cp.id = c.parent_id WHERE c.slug = ? AND "
    FORUM_ACCESS_SQL(FORUM_EFFECTIVE_VIS("c", "cp"), "c.id"), WT__MAX);

static int
watch(struct req *r, struct dbstmt *q, struct dbarg *key, bool topic)
{
	struct dbres	*res;
	struct dbarg	 a[5];
	const char	*url;
	const char	*watch = kv_get(&r->form, "watch");
	unsigned	 id;
	bool		 on;
	int		 e;

	if (watch == NULL)
		return req_fail(r, 400, "missing-param", "watch");
	on = !strcmp(watch, "yes");
	a[0] = *key;
	content_access_args(r, a + 1);
	if ((e = db_query(q, &res, 5, a)) != DB_OK)
		return HTTP_DB(e);
	if (res->nrows == 0 || (strcmp(dbres_get(res, 0, WT_PENDING), "0") &&
	    r->user->role < ROLE_AGENT && strtoul(dbres_get(res, 0,
	    WT_AUTHOR), NULL, 10) != r->user->id)) {
		dbres_free(res);
		return 404;
	}
	id = (unsigned)strtoul(dbres_get(res, 0, WT_ID), NULL, 10);
	url = topic ? arena_printf(r->arena, "/community/t/%u-%s", id,
	    dbres_get(res, 0, WT_SLUG)) : arena_printf(r->arena,
	    "/community/c/%s", dbres_get(res, 0, WT_SLUG));
	dbres_free(res);
	if ((e = forum_watch(r->user->id, topic ? id : 0, topic ? 0 : id,
	    on)) != DB_OK)
		return HTTP_DB(e);
	return req_redirect(r, url);
}

int
page_forum_watch(struct req *r)
{
	struct dbarg	key = DBI(strtoul(r->args[0], NULL, 10));

	return watch(r, &q_topic_seen, &key, true);
}

int
page_forum_category_watch(struct req *r)
{
	struct dbarg	key = DBS(r->args[0]);

	return watch(r, &q_category_seen, &key, false);
}

/*
 * The confirmation page of an unsubscribe link posting to action (about
 * an idea: idea); done: the subscription has ended.
 */
static int
unsubscribe_page(struct req *r, const char *action, bool idea,
    const char *token, bool done)
{
	xmlNodePtr	pg, f;

	pg = page_new(r, "forum-unsubscribe");
	if (idea)
		xml_attr(pg, "about", "idea");
	if (done) {
		xml_attr(pg, "done", "yes");
		return 200;
	}
	f = form_new(r, pg, "forum-unsubscribe", action,
	    "forum-unsubscribe.submit");
	form_hidden(f, "token", token);
	return 200;
}

int
page_forum_unsubscribe(struct req *r)
{
	const char	*token = kv_get(&r->query, "token");

	if (token == NULL)
		return req_fail(r, 400, "missing-param", "token");
	return unsubscribe_page(r, "/community/unsubscribe", false, token,
	    false);
}

int
page_forum_unsubscribe_post(struct req *r)
{
	const char	*token = kv_get(&r->form, "token");
	bool		 found;
	int		 e;

	if (token == NULL)
		return req_fail(r, 400, "missing-param", "token");
	if ((e = forum_unsubscribe(r->arena, token, &found)) != DB_OK)
		return HTTP_DB(e);
	/* Used, never given or badly signed: the same answer, nothing to
	 * end. */
	if (!found)
		return req_fail(r, 404, "link-invalid", NULL);
	return unsubscribe_page(r, NULL, false, token, true);
}

/*
 * GET /ideas/unsubscribe?token= and its POST: the link of an idea's
 * status mails, signed (idea_mail_stop()).  Used again, it says done
 * again: the user still gets no mail about the idea.
 */
int
page_ideas_unsubscribe(struct req *r)
{
	const char	*token = kv_get(&r->query, "token");

	if (token == NULL)
		return req_fail(r, 400, "missing-param", "token");
	return unsubscribe_page(r, "/ideas/unsubscribe", true, token, false);
}

int
page_ideas_unsubscribe_post(struct req *r)
{
	const char	*token = kv_get(&r->form, "token");
	bool		 found;
	int		 e;

	if (token == NULL)
		return req_fail(r, 400, "missing-param", "token");
	if ((e = idea_mail_stop(r->arena, token, &found)) != DB_OK)
		return HTTP_DB(e);
	if (!found)
		return req_fail(r, 404, "link-invalid", NULL);
	return unsubscribe_page(r, NULL, true, token, true);
}
