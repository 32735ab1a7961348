/*
 * The community forum's model.  The forum pages change topics and
 * posts through these functions only; each runs its own transaction
 * (retried on deadlock), keeps the derived columns (a topic's posts,
 * replies, last post, listed; a post's position; a category's topics)
 * right in that transaction, and brings the topic's search document up
 * to date after it (search_index_topic()).  They return 0, a dberr, or
 * one of the FORUM_E codes.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

const char *const forum_actions[FORUM_ACT__MAX + 1] = {
	"hide", "unhide", "close", "open", "pin", "unpin", "approve", NULL
};

static unsigned
cell_uint(const struct dbres *res, size_t col)
{
	/* A NULL cell reads "", which is 0. */
	return (unsigned)strtoul(dbres_get(res, 0, col), NULL, 10);
}

/*
 * The slug of a topic titled title: content_slug()'s, cut to what the
 * column holds (FORUM_SLUG_MAX), as a title may be three times that.
 */
char *
forum_slug(struct arena *a, const char *title)
{
	char	*s = content_slug(a, title);
	size_t	 n = strlen(s);

	if (n <= FORUM_SLUG_MAX)
		return s;
	for (n = FORUM_SLUG_MAX; n > 0 && s[n - 1] == '-'; n--)
		;
	s[n] = '\0';
	return s;
}

/* ---- may this user post? ------------------------------------------------- */

enum { MAY_BANNED, MAY_RECENT, MAY_POSTS, MAY__MAX };
static struct dbstmt q_may = DBSTMT_COLS(
    "SELECT (SELECT COUNT(*) FROM forum_bans WHERE user_id = ?), "
    "(SELECT COUNT(*) FROM forum_posts WHERE author_id = ? AND "
    "created_at > NOW() - INTERVAL ? MINUTE), "
    "(SELECT COUNT(*) FROM forum_posts WHERE author_id = ? AND "
    "pending = 0 AND hidden = 0)", MAY__MAX);

/*
 * May user post now?  Sets *why to NULL, "banned", or "rate" (more
 * than conf->forum_rate_posts posts in the last forum_rate_minutes;
 * staff are not limited), and *queue when the post waits for a
 * moderator (fewer than conf->forum_queue_first approved posts).
 * One statement, on the posts' (author_id, created_at) index.
 */
int
forum_may_post(unsigned user, bool staff, const char **why, bool *queue)
{
	struct dbres	*res;
	struct dbarg	 a[4];
	int		 e;

	*why = NULL;
	*queue = false;
	a[0] = DBI(user);
	a[1] = DBI(user);
	a[2] = DBI(conf->forum_rate_minutes);
	a[3] = DBI(user);
	if ((e = db_query(&q_may, &res, 4, a)) != DB_OK)
		return e;
	if (cell_uint(res, MAY_BANNED) != 0)
		*why = "banned";
	else if (!staff && (int)cell_uint(res, MAY_RECENT) >=
	    conf->forum_rate_posts)
		*why = "rate";
	else if (!staff && (int)cell_uint(res, MAY_POSTS) <
	    conf->forum_queue_first)
		*queue = true;
	dbres_free(res);
	return DB_OK;
}

/* ---- a new topic ---------------------------------------------------------- */

enum { CATV_VISIBILITY, CATV__MAX };
/* A topic takes its category's effective visibility (FORUM_ACCESS_SQL). */
static struct dbstmt q_cat_lock = DBSTMT_COLS(
    "SELECT " FORUM_EFFECTIVE_VIS("c", "p") " FROM forum_categories c "
    "LEFT JOIN forum_categories p ON p.id = c.parent_id WHERE c.id = ? "
    "FOR UPDATE", CATV__MAX);
static struct dbstmt q_topic_add = DBSTMT(
    "INSERT INTO forum_topics (category_id, visibility, slug, title, lang, "
    "author_id, created_at, last_post_at, last_author_id, posts, replies, "
    "pending, listed) VALUES (?, ?, ?, ?, ?, ?, NOW(), NOW(), ?, 1, 0, ?, ?)");
static struct dbstmt q_post_add = DBSTMT(
    "INSERT INTO forum_posts (topic_id, position, author_id, staff, body, "
    "created_at, pending) VALUES (?, ?, ?, ?, ?, NOW(), ?)");
/*
 * The same form sent twice (a double click, a reload): the author's
 * topic of this category, title and question, or reply of this topic
 * and text, written in the last FORUM_REPEAT_SECONDS.  Read under the
 * category's (topic's) lock, on the posts' (author_id, created_at) index.
 */
enum { RPT_TOPIC, RPT_ID, RPT_POSITION, RPT__MAX };
static struct dbstmt q_topic_repeat = DBSTMT_COLS(
    "SELECT p.topic_id, p.id, p.position FROM forum_posts p JOIN "
    "forum_topics t ON t.id = p.topic_id WHERE p.author_id = ? AND "
    "p.created_at > NOW() - INTERVAL ? SECOND AND p.position = 1 AND "
    "t.category_id = ? AND t.title = ? AND p.body = ? "
    "ORDER BY p.id DESC LIMIT 1", RPT__MAX);
static struct dbstmt q_reply_repeat = DBSTMT_COLS(
    "SELECT p.topic_id, p.id, p.position FROM forum_posts p WHERE "
    "p.author_id = ? AND p.created_at > NOW() - INTERVAL ? SECOND AND "
    "p.topic_id = ? AND p.position > 1 AND p.body = ? "
    "ORDER BY p.id DESC LIMIT 1", RPT__MAX);
static struct dbstmt q_cat_count = DBSTMT(
    "UPDATE forum_categories c SET c.topics = (SELECT COUNT(*) FROM "
    "forum_topics t WHERE t.category_id = c.id AND t.listed = 1) "
    "WHERE c.id = ?");

/* Whether n was asked a moment ago (n->repeat, n->topic_id that one). */
static int
topic_repeat(struct forum_new *n)
{
	struct dbres	*res;
	struct dbarg	 a[5];
	int		 e;

	a[0] = DBI(n->author_id);
	a[1] = DBI(FORUM_REPEAT_SECONDS);
	a[2] = DBI(n->category_id);
	a[3] = DBS(n->title);
	a[4] = DBS(n->body);
	if ((e = db_query(&q_topic_repeat, &res, 5, a)) != DB_OK)
		return e;
	n->repeat = res->nrows != 0;
	if (n->repeat)
		n->topic_id = cell_uint(res, RPT_TOPIC);
	dbres_free(res);
	return DB_OK;
}

static int
topic_new_tx(void *arg)
{
	struct forum_new	*n = arg;
	struct dbres		*res;
	struct dbarg		 a[9];
	uint64_t		 id;
	int			 e;

	a[0] = DBI(n->category_id);
	if ((e = db_query(&q_cat_lock, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 0) {
		dbres_free(res);
		return FORUM_ENOENT;
	}
	if ((e = topic_repeat(n)) != DB_OK || n->repeat) {
		dbres_free(res);
		return e;
	}
	a[1] = DBS(dbres_get(res, 0, CATV_VISIBILITY));
	a[2] = DBS(n->slug);
	a[3] = DBS(n->title);
	a[4] = DBS(n->lang);
	a[5] = DBI(n->author_id);
	a[6] = DBI(n->author_id);
	a[7] = DBI(n->queued);
	a[8] = DBI(!n->queued);
	e = db_exec(&q_topic_add, NULL, &id, 9, a);
	dbres_free(res);
	if (e != DB_OK)
		return e;
	n->topic_id = (unsigned)id;
	a[0] = DBI(id);
	a[1] = DBI(1);
	a[2] = DBI(n->author_id);
	a[3] = DBI(n->staff);
	a[4] = DBS(n->body);
	a[5] = DBI(n->queued);
	if ((e = db_exec(&q_post_add, NULL, NULL, 6, a)) != DB_OK)
		return e;
	a[0] = DBI(n->category_id);
	return db_exec(&q_cat_count, NULL, NULL, 1, a);
}

/* Open a topic with its question; sets n->topic_id.  n->repeat when the
 * same topic was asked a moment ago (the same form sent twice): that one
 * is n->topic_id, and nothing is written. */
int
forum_topic_new(struct forum_new *n)
{
	int	e;

	n->repeat = false;
	if ((e = db_tx(topic_new_tx, n)) != DB_OK)
		return e;
	if (n->repeat)
		return DB_OK;
	return forum_indexed(n->topic_id);
}

/* ---- replies --------------------------------------------------------------- */

enum { TL_POSTS, TL_CLOSED, TL_CATEGORY, TL_ACCEPTED, TL_AUTHOR, TL__MAX };
static struct dbstmt q_topic_lock = DBSTMT_COLS(
    "SELECT posts, closed, category_id, accepted_post_id, author_id "
    "FROM forum_topics WHERE id = ? FOR UPDATE", TL__MAX);
static struct dbstmt q_topic_replied = DBSTMT(
    "UPDATE forum_topics SET posts = posts + 1, replies = replies + ?, "
    "last_post_at = IF(? = 0, NOW(), last_post_at), "
    "last_author_id = IF(? = 0, ?, last_author_id) WHERE id = ?");

struct reply {
	unsigned	 topic, author, position, post;
	bool		 staff, queued, repeat;
	const char	*body;
};

/* Whether rp was written a moment ago (rp->repeat; that post's id and
 * position). */
static int
reply_repeat(struct reply *rp)
{
	struct dbres	*res;
	struct dbarg	 a[4];
	int		 e;

	a[0] = DBI(rp->author);
	a[1] = DBI(FORUM_REPEAT_SECONDS);
	a[2] = DBI(rp->topic);
	a[3] = DBS(rp->body);
	if ((e = db_query(&q_reply_repeat, &res, 4, a)) != DB_OK)
		return e;
	rp->repeat = res->nrows != 0;
	if (rp->repeat) {
		rp->post = cell_uint(res, RPT_ID);
		rp->position = cell_uint(res, RPT_POSITION);
	}
	dbres_free(res);
	return DB_OK;
}

static int
reply_tx(void *arg)
{
	struct reply	*rp = arg;
	struct dbres	*res;
	struct dbarg	 a[6];
	uint64_t	 id;
	bool		 closed;
	int		 e;

	a[0] = DBI(rp->topic);
	if ((e = db_query(&q_topic_lock, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 0) {
		dbres_free(res);
		return FORUM_ENOENT;
	}
	rp->position = cell_uint(res, TL_POSTS) + 1;
	closed = cell_uint(res, TL_CLOSED) != 0;
	dbres_free(res);
	if (closed && !rp->staff)
		return FORUM_ECLOSED;
	if ((e = reply_repeat(rp)) != DB_OK || rp->repeat)
		return e;
	a[0] = DBI(rp->topic);
	a[1] = DBI(rp->position);
	a[2] = DBI(rp->author);
	a[3] = DBI(rp->staff);
	a[4] = DBS(rp->body);
	a[5] = DBI(rp->queued);
	if ((e = db_exec(&q_post_add, NULL, &id, 6, a)) != DB_OK)
		return e;
	rp->post = (unsigned)id;
	a[0] = DBI(!rp->queued);
	a[1] = DBI(rp->queued);
	a[2] = DBI(rp->queued);
	a[3] = DBI(rp->author);
	a[4] = DBI(rp->topic);
	return db_exec(&q_topic_replied, NULL, NULL, 5, a);
}

/*
 * Reply to topic as author (staff: marked, and may reply to a closed
 * topic); queued: it waits for a moderator.  Sets *post and *position;
 * *repeat when the same reply was written a moment ago (the same form
 * sent twice), which is then that one's, and nothing is written.
 * FORUM_ECLOSED for a customer's reply to a closed topic.
 */
int
forum_reply(unsigned topic, unsigned author, bool staff, bool queued,
    const char *body, unsigned *post, unsigned *position, bool *repeat)
{
	struct reply	rp = { topic, author, 0, 0, staff, queued, false,
			    body };
	int		e;

	if ((e = db_tx(reply_tx, &rp)) != DB_OK)
		return e;
	*post = rp.post;
	*position = rp.position;
	*repeat = rp.repeat;
	return DB_OK;
}

/* ---- accepting an answer and "solved it for me too" ----------------------- */

enum { PT_TOPIC, PT_POSITION, PT_HIDDEN, PT_PENDING, PT_AUTHOR, PT__MAX };
static struct dbstmt q_post_of = DBSTMT_COLS(
    "SELECT topic_id, position, hidden, pending, author_id FROM forum_posts "
    "WHERE id = ?", PT__MAX);
static struct dbstmt q_accept = DBSTMT(
    "UPDATE forum_topics SET accepted_post_id = NULLIF(?, 0) WHERE id = ?");

struct accept {
	unsigned	topic, post;
};

static int
accept_tx(void *arg)
{
	struct accept	*ac = arg;
	struct dbres	*res;
	struct dbarg	 a[2];
	bool		 ok;
	int		 e;

	a[0] = DBI(ac->topic);
	if ((e = db_query(&q_topic_lock, &res, 1, a)) != DB_OK)
		return e;
	ok = res->nrows != 0;
	dbres_free(res);
	if (!ok)
		return FORUM_ENOENT;
	if (ac->post != 0) {
		a[0] = DBI(ac->post);
		if ((e = db_query(&q_post_of, &res, 1, a)) != DB_OK)
			return e;
		/* A reply of this topic that everyone may read. */
		ok = res->nrows != 0 && cell_uint(res, PT_TOPIC) == ac->topic &&
		    cell_uint(res, PT_POSITION) > 1 &&
		    cell_uint(res, PT_HIDDEN) == 0 &&
		    cell_uint(res, PT_PENDING) == 0;
		dbres_free(res);
		if (!ok)
			return FORUM_ESTATE;
	}
	a[0] = DBI(ac->post);
	a[1] = DBI(ac->topic);
	return db_exec(&q_accept, NULL, NULL, 2, a);
}

/* Accept post as topic's answer (0: none).  FORUM_ESTATE for a post
 * that is not a visible reply of the topic. */
int
forum_accept(unsigned topic, unsigned post)
{
	struct accept	ac = { topic, post };
	int		e;

	if ((e = db_tx(accept_tx, &ac)) != DB_OK)
		return e;
	return forum_indexed(topic);
}

static struct dbstmt q_solved_add = DBSTMT(
    "INSERT IGNORE INTO forum_solved_votes (topic_id, user_id, created_at) "
    "VALUES (?, ?, NOW())");
static struct dbstmt q_solved_del = DBSTMT(
    "DELETE FROM forum_solved_votes WHERE topic_id = ? AND user_id = ?");
static struct dbstmt q_solved_count = DBSTMT(
    "UPDATE forum_topics SET solved_votes = (SELECT COUNT(*) FROM "
    "forum_solved_votes WHERE topic_id = ?) WHERE id = ?");

struct solved {
	unsigned	topic, user;
	bool		on;
};

static int
solved_tx(void *arg)
{
	struct solved	*s = arg;
	struct dbres	*res;
	struct dbarg	 a[2];
	bool		 accepted;
	int		 e;

	a[0] = DBI(s->topic);
	if ((e = db_query(&q_topic_lock, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 0) {
		dbres_free(res);
		return FORUM_ENOENT;
	}
	accepted = *dbres_get(res, 0, TL_ACCEPTED) != '\0';
	dbres_free(res);
	if (!accepted && s->on)
		return FORUM_ESTATE;
	a[0] = DBI(s->topic);
	a[1] = DBI(s->user);
	if ((e = db_exec(s->on ? &q_solved_add : &q_solved_del, NULL, NULL, 2,
	    a)) != DB_OK)
		return e;
	a[1] = DBI(s->topic);
	return db_exec(&q_solved_count, NULL, NULL, 2, a);
}

/* "This solved it for me too" (on) or not (off), once per user; the
 * topic's count is recounted in the same transaction, under its lock. */
int
forum_solved(unsigned topic, unsigned user, bool on)
{
	struct solved	s = { topic, user, on };

	return db_tx(solved_tx, &s);
}

/* ---- editing --------------------------------------------------------------- */

static struct dbstmt q_post_lock = DBSTMT_COLS(
    "SELECT topic_id, position, hidden, pending, author_id FROM forum_posts "
    "WHERE id = ? FOR UPDATE", PT__MAX);
static struct dbstmt q_version_add = DBSTMT(
    "INSERT INTO forum_post_versions (post_id, body, written_at, edited_by) "
    "SELECT id, body, IFNULL(edited_at, created_at), ? FROM forum_posts "
    "WHERE id = ?");
static struct dbstmt q_post_edit = DBSTMT(
    "UPDATE forum_posts SET body = ?, edited_at = NOW() WHERE id = ?");
static struct dbstmt q_topic_title = DBSTMT(
    "UPDATE forum_topics SET title = ? WHERE id = ?");

struct edit {
	unsigned	 post, editor, topic;
	const char	*body, *title;
};

static int
edit_tx(void *arg)
{
	struct edit	*ed = arg;
	struct dbres	*res;
	struct dbarg	 a[2];
	unsigned	 position;
	int		 e;

	a[0] = DBI(ed->post);
	if ((e = db_query(&q_post_lock, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 0) {
		dbres_free(res);
		return FORUM_ENOENT;
	}
	ed->topic = cell_uint(res, PT_TOPIC);
	position = cell_uint(res, PT_POSITION);
	dbres_free(res);
	a[0] = DBI(ed->editor);
	a[1] = DBI(ed->post);
	if ((e = db_exec(&q_version_add, NULL, NULL, 2, a)) != DB_OK)
		return e;
	a[0] = DBS(ed->body);
	a[1] = DBI(ed->post);
	if ((e = db_exec(&q_post_edit, NULL, NULL, 2, a)) != DB_OK)
		return e;
	if (position == 1 && ed->title != NULL && *ed->title) {
		a[0] = DBS(ed->title);
		a[1] = DBI(ed->topic);
		return db_exec(&q_topic_title, NULL, NULL, 2, a);
	}
	return DB_OK;
}

/*
 * What a visitor who is not signed in sees has changed (a topic hidden,
 * locked, moved, merged, split or retitled, a post hidden or approved):
 * the home page's active topics come from the page cache, so the content
 * generation moves (content.c) and every host's copy is built anew within
 * page_cache_check_seconds.  A new topic or reply does not move it: the
 * list's order may lag page_cache_seconds, but nothing on it is wrong.
 * e is the change's own result, passed on.
 */
static int
seen_changed(int e)
{
	return e == DB_OK ? content_generation_bump() : e;
}

/*
 * Replace post's text (and, for a question, its topic's title when
 * title is not NULL), keeping the text it had as a version.  Who may
 * edit and until when is the page's to decide (forum_edit_window).
 */
int
forum_edit(unsigned post, unsigned editor, const char *body,
    const char *title)
{
	struct edit	ed = { post, editor, 0, body, title };
	int		e;

	if ((e = db_tx(edit_tx, &ed)) != DB_OK)
		return e;
	return seen_changed(forum_indexed(ed.topic));
}

/* ---- moderation ------------------------------------------------------------ */

static struct dbstmt q_topic_act[FORUM_ACT__MAX] = {
	DBSTMT("UPDATE forum_topics SET hidden = 1, listed = 0 WHERE id = ?"),
	DBSTMT("UPDATE forum_topics SET hidden = 0, listed = (pending = 0) "
	    "WHERE id = ?"),
	DBSTMT("UPDATE forum_topics SET closed = 1 WHERE id = ?"),
	DBSTMT("UPDATE forum_topics SET closed = 0 WHERE id = ?"),
	DBSTMT("UPDATE forum_topics SET pinned = 1 WHERE id = ?"),
	DBSTMT("UPDATE forum_topics SET pinned = 0 WHERE id = ?"),
	DBSTMT("UPDATE forum_topics SET pending = 0, listed = (hidden = 0) "
	    "WHERE id = ?"),
};
static struct dbstmt q_first_approve = DBSTMT(
    "UPDATE forum_posts SET pending = 0 WHERE topic_id = ? AND position = 1");

struct act {
	unsigned	topic;
	enum forum_action act;
};

static int
act_tx(void *arg)
{
	struct act	*ac = arg;
	struct dbres	*res;
	struct dbarg	 a[1];
	unsigned	 cat;
	int		 e;

	a[0] = DBI(ac->topic);
	if ((e = db_query(&q_topic_lock, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 0) {
		dbres_free(res);
		return FORUM_ENOENT;
	}
	cat = cell_uint(res, TL_CATEGORY);
	dbres_free(res);
	if ((e = db_exec(&q_topic_act[ac->act], NULL, NULL, 1, a)) != DB_OK)
		return e;
	if (ac->act == FORUM_APPROVE &&
	    (e = db_exec(&q_first_approve, NULL, NULL, 1, a)) != DB_OK)
		return e;
	a[0] = DBI(cat);
	return db_exec(&q_cat_count, NULL, NULL, 1, a);
}

/* Hide, unhide, close, open, pin, unpin or approve topic. */
int
forum_topic_act(unsigned topic, enum forum_action act)
{
	struct act	ac = { topic, act };
	int		e;

	if (act < 0 || act >= FORUM_ACT__MAX)
		return FORUM_ESTATE;
	if ((e = db_tx(act_tx, &ac)) != DB_OK)
		return e;
	return seen_changed(forum_indexed(topic));
}

static struct dbstmt q_post_set = DBSTMT(
    "UPDATE forum_posts SET hidden = ?, pending = IF(?, 0, pending) "
    "WHERE id = ? AND position > 1");
static struct dbstmt q_unaccept_hidden = DBSTMT(
    "UPDATE forum_topics SET accepted_post_id = NULL WHERE id = ? AND "
    "accepted_post_id = ?");
static struct dbstmt q_replies_count = DBSTMT(
    "UPDATE forum_topics SET replies = (SELECT COUNT(*) FROM forum_posts "
    "WHERE topic_id = ? AND position > 1 AND hidden = 0 AND pending = 0) "
    "WHERE id = ?");

struct postset {
	unsigned	post, topic;
	bool		hidden, approve;
};

static int
postset_tx(void *arg)
{
	struct postset	*ps = arg;
	struct dbres	*res;
	struct dbarg	 a[3];
	int		 e;

	a[0] = DBI(ps->post);
	if ((e = db_query(&q_post_lock, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 0 || cell_uint(res, PT_POSITION) == 1) {
		e = res->nrows == 0 ? FORUM_ENOENT : FORUM_ESTATE;
		dbres_free(res);
		return e;
	}
	ps->topic = cell_uint(res, PT_TOPIC);
	dbres_free(res);
	a[0] = DBI(ps->topic);
	if ((e = db_query(&q_topic_lock, &res, 1, a)) != DB_OK)
		return e;
	dbres_free(res);
	a[0] = DBI(ps->hidden);
	a[1] = DBI(ps->approve);
	a[2] = DBI(ps->post);
	if ((e = db_exec(&q_post_set, NULL, NULL, 3, a)) != DB_OK)
		return e;
	a[0] = DBI(ps->topic);
	a[1] = DBI(ps->post);
	if (ps->hidden &&
	    (e = db_exec(&q_unaccept_hidden, NULL, NULL, 2, a)) != DB_OK)
		return e;
	a[1] = DBI(ps->topic);
	return db_exec(&q_replies_count, NULL, NULL, 2, a);
}

/*
 * Hide a reply (hidden), show it again, or approve a queued one
 * (approve, shown).  A hidden reply is no longer the accepted answer.
 * Sets *topic.  The question is hidden with its topic (FORUM_ESTATE).
 */
int
forum_post_set(unsigned post, bool hidden, bool approve, unsigned *topic)
{
	struct postset	ps = { post, 0, hidden, approve };
	int		e;

	if ((e = db_tx(postset_tx, &ps)) != DB_OK)
		return e;
	*topic = ps.topic;
	return seen_changed(forum_indexed(ps.topic));
}

static struct dbstmt q_move = DBSTMT(
    "UPDATE forum_topics t JOIN forum_categories c ON c.id = ? "
    "LEFT JOIN forum_categories p ON p.id = c.parent_id "
    "SET t.category_id = c.id, t.visibility = "
    FORUM_EFFECTIVE_VIS("c", "p") " WHERE t.id = ?");

struct move {
	unsigned	topic, to, from;
};

static int
move_tx(void *arg)
{
	struct move	*mv = arg;
	struct dbres	*res;
	struct dbarg	 a[2];
	int		 e;

	a[0] = DBI(mv->to);
	if ((e = db_query(&q_cat_lock, &res, 1, a)) != DB_OK)
		return e;
	e = res->nrows == 0 ? FORUM_ENOENT : DB_OK;
	dbres_free(res);
	if (e != DB_OK)
		return e;
	a[0] = DBI(mv->topic);
	if ((e = db_query(&q_topic_lock, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 0) {
		dbres_free(res);
		return FORUM_ENOENT;
	}
	mv->from = cell_uint(res, TL_CATEGORY);
	dbres_free(res);
	a[0] = DBI(mv->to);
	a[1] = DBI(mv->topic);
	if ((e = db_exec(&q_move, NULL, NULL, 2, a)) != DB_OK)
		return e;
	a[0] = DBI(mv->from);
	if ((e = db_exec(&q_cat_count, NULL, NULL, 1, a)) != DB_OK)
		return e;
	a[0] = DBI(mv->to);
	return db_exec(&q_cat_count, NULL, NULL, 1, a);
}

/* Move topic into category: it takes the category's effective visibility. */
int
forum_move(unsigned topic, unsigned category)
{
	struct move	mv = { topic, category, 0 };
	int		e;

	if ((e = db_tx(move_tx, &mv)) != DB_OK)
		return e;
	return seen_changed(forum_indexed(topic));
}

/* ---- bans ------------------------------------------------------------------ */

static struct dbstmt q_ban = DBSTMT(
    "INSERT INTO forum_bans (user_id, banned_by, reason, created_at) "
    "SELECT id, ?, ?, NOW() FROM users WHERE id = ? AND "
    "portal_role = 'customer' ON DUPLICATE KEY UPDATE reason = "
    "VALUES(reason)");
static struct dbstmt q_ban_sessions = DBSTMT(
    "DELETE FROM sessions WHERE user_id = ?");
static struct dbstmt q_unban = DBSTMT(
    "DELETE FROM forum_bans WHERE user_id = ?");

struct ban {
	unsigned	 user, by;
	const char	*reason;
	bool		 done;
};

static int
ban_tx(void *arg)
{
	struct ban	*b = arg;
	struct dbarg	 a[3];
	uint64_t	 n;
	int		 e;

	a[0] = DBI(b->by);
	a[1] = DBS(b->reason);
	a[2] = DBI(b->user);
	if ((e = db_exec(&q_ban, &n, NULL, 3, a)) != DB_OK)
		return e;
	if ((b->done = n > 0) == false)
		return FORUM_ESTATE;
	a[0] = DBI(b->user);
	return db_exec(&q_ban_sessions, NULL, NULL, 1, a);
}

/*
 * Ban a customer from posting and end their sessions, in one
 * transaction.  FORUM_ESTATE for no such customer (staff are not
 * banned here: their accounts are the staff pages' to suspend).
 */
int
forum_ban(unsigned user, unsigned by, const char *reason)
{
	struct ban	b = { user, by, reason, false };

	return db_tx(ban_tx, &b);
}

int
forum_unban(unsigned user)
{
	struct dbarg	a[1];

	a[0] = DBI(user);
	return db_exec(&q_unban, NULL, NULL, 1, a);
}

/* ---- flags ----------------------------------------------------------------- */

static struct dbstmt q_flag = DBSTMT(
    "INSERT INTO forum_flags (post_id, user_id, reason, created_at) "
    "VALUES (?, ?, ?, NOW()) ON DUPLICATE KEY UPDATE reason = "
    "VALUES(reason), resolved = 0");
static struct dbstmt q_flags_resolve = DBSTMT(
    "UPDATE forum_flags SET resolved = 1 WHERE post_id = ?");

/* user flags post (once; again replaces the reason). */
int
forum_flag(unsigned post, unsigned user, const char *reason)
{
	struct dbarg	a[3];

	a[0] = DBI(post);
	a[1] = DBI(user);
	a[2] = DBS(reason);
	return db_exec(&q_flag, NULL, NULL, 3, a);
}

int
forum_flags_resolve(unsigned post)
{
	struct dbarg	a[1];

	a[0] = DBI(post);
	return db_exec(&q_flags_resolve, NULL, NULL, 1, a);
}

/* ---- the search document ---------------------------------------------------- */

/* Bring topic's search document up to date; a failure is logged, not
 * returned (portico-admin reindex rebuilds the index). */
int
forum_indexed(unsigned topic)
{
	if (search_index_topic(topic) != DB_OK)
		log_warnx("search index of topic %u not updated: %s "
		    "(portico-admin reindex rebuilds it)", topic,
		    db_last_error());
	return DB_OK;
}

/* ---- subscriptions ---------------------------------------------------------- */

static struct dbstmt q_watch = DBSTMT(
    "INSERT IGNORE INTO forum_subscriptions (user_id, topic_id, category_id, "
    "token, mailed_posts, created_at) VALUES (?, ?, ?, ?, 0, NOW())");
static struct dbstmt q_unwatch = DBSTMT(
    "DELETE FROM forum_subscriptions WHERE user_id = ? AND topic_id = ? "
    "AND category_id = ?");
static struct dbstmt q_unsubscribe = DBSTMT(
    "DELETE FROM forum_subscriptions WHERE token = ?");
static struct dbstmt q_unsubscribe_signed = DBSTMT(
    "DELETE FROM forum_subscriptions WHERE user_id = ? AND topic_id = ? "
    "AND category_id = ?");

/*
 * user watches (on) or stops watching a topic (category 0) or a
 * category (topic 0).  A new watch gets its own unsubscribe token: 256
 * random bits, which the mails' link carries.
 */
int
forum_watch(unsigned user, unsigned topic, unsigned category, bool on)
{
	struct dbarg	 a[4];
	unsigned char	 hash[32];
	char		 tok[65];

	a[0] = DBI(user);
	a[1] = DBI(topic);
	a[2] = DBI(category);
	if (!on)
		return db_exec(&q_unwatch, NULL, NULL, 3, a);
	if (token_new(tok, hash) != 0)
		return DB_ERROR;
	a[3] = DBS(tok);
	return db_exec(&q_watch, NULL, NULL, 4, a);
}

/*
 * The subscription a signed unsubscribe link names: "tUSER-TOPIC" (a
 * topic's watch) or "cUSER-CATEGORY" (a category's).  Returns whether
 * payload is one; sets a[0..2] to user, topic and category.
 */
static bool
unsubscribe_target(const char *payload, struct dbarg a[3])
{
	unsigned	user, id;
	char		kind;
	int		end = 0;

	if (sscanf(payload, "%c%u-%u%n", &kind, &user, &id, &end) != 3 ||
	    payload[end] != '\0' || (kind != 't' && kind != 'c'))
		return false;
	a[0] = DBI(user);
	a[1] = DBI(kind == 't' ? id : 0);
	a[2] = DBI(kind == 'c' ? id : 0);
	return true;
}

/*
 * End the subscription token names: a signed link (forum_unsub_link()),
 * or the random token stored with the subscription that links mailed
 * before signing carried, which keep working.  *found says whether
 * there was one (a bad signature finds none).  Returns a dberr.
 */
int
forum_unsubscribe(struct arena *ar, const char *token, bool *found)
{
	struct dbarg	 a[3];
	const char	*payload;
	uint64_t	 n = 0;
	bool		 good;
	int		 e;

	*found = false;
	if (token_valid(token, strlen(token))) {
		a[0] = DBS(token);
		e = db_exec(&q_unsubscribe, &n, NULL, 1, a);
	} else {
		if ((e = link_verify(ar, token, &payload, &good)) != DB_OK ||
		    !good || !unsubscribe_target(payload, a))
			return e;
		e = db_exec(&q_unsubscribe_signed, &n, NULL, 3, a);
	}
	*found = n > 0;
	return e;
}

/* The signed unsubscribe link of user's watch of topic (category 0) or
 * category (topic 0), in r's arena; NULL when it cannot be signed. */
static const char *
forum_unsub_link(struct req *r, unsigned user, unsigned topic,
    unsigned category)
{
	const char	*tok;

	tok = link_sign(r->arena, topic ? arena_printf(r->arena, "t%u-%u",
	    user, topic) : arena_printf(r->arena, "c%u-%u", user, category));
	return tok ? site_link(r, "/community/unsubscribe", tok) : NULL;
}

/*
 * Who is mailed about a topic: its watchers (a reply) or its category's
 * (a new topic), active, not its writer, who may see the topic by the
 * forum's rule (FORUM_ACCESS_SQL, said here of each watcher's own
 * columns), and, for a topic's watchers, who have read up to the post
 * they were last mailed about: one mail per batch of replies.
 */
#define WATCHER_ACCESS \
    "(u.portal_role <> 'customer' OR t.visibility = 'public' OR " \
    "t.visibility = 'signed-in' OR (t.visibility = 'segments' AND " \
    FORUM_SEGMENTS_SQL("t.category_id", "u.id", "u.account_id") "))"
enum { W_USER, W_EMAIL, W_NAME, W_LANG, W_CATEGORY, W_TITLE, W_SLUG,
    W_POSTS, W__MAX };
#define WATCHERS(on, join, cond) \
    "SELECT u.id, u.email, u.name, u.language, t.category_id, t.title, " \
    "t.slug, t.posts FROM forum_topics t JOIN forum_subscriptions s ON " on " " \
    "JOIN users u ON u.id = s.user_id " join " WHERE t.id = ? AND " \
    "t.listed = 1 AND u.id <> ? AND u.status = 'active' AND " cond \
    WATCHER_ACCESS " LIMIT 1000"
static struct dbstmt q_watchers[2] = {
	/* a new topic: its category's watchers */
	DBSTMT_COLS(WATCHERS("s.category_id = t.category_id AND "
	    "s.topic_id = 0", "", ""), W__MAX),
	/* a reply: the topic's, who have read what they were mailed of */
	DBSTMT_COLS(WATCHERS("s.topic_id = t.id AND s.category_id = 0",
	    "LEFT JOIN forum_reads rd ON rd.user_id = u.id AND rd.topic_id = "
	    "t.id", "(s.mailed_posts = 0 OR IFNULL(rd.seen_posts, 0) >= "
	    "s.mailed_posts) AND "), W__MAX),
};
static struct dbstmt q_mailed = DBSTMT(
    "UPDATE forum_subscriptions SET mailed_posts = ? WHERE user_id = ? "
    "AND topic_id = ? AND category_id = 0");

/*
 * Queue the mails of an event on topic written by author: a reply to
 * the topic's watchers, else (a new topic) to its category's.  Each
 * watcher gets one mail in their language with the topic's link and
 * their own unsubscribe link.  Returns a dberr.
 */
int
forum_notify(struct req *r, unsigned topic, unsigned author, bool reply)
{
	struct dbres	*res;
	struct dbarg	 a[3];
	const char	*link, *unsub;
	size_t		 i;
	int		 e;

	a[0] = DBI(topic);
	a[1] = DBI(author);
	if ((e = db_query(&q_watchers[reply], &res, 2, a)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows && e == DB_OK; i++) {
		link = site_link(r, arena_printf(r->arena,
		    "/community/t/%u-%s", topic, dbres_get(res, i, W_SLUG)),
		    NULL);
		unsub = forum_unsub_link(r, (unsigned)strtoul(dbres_get(res,
		    i, W_USER), NULL, 10), reply ? topic : 0, reply ? 0 :
		    (unsigned)strtoul(dbres_get(res, i, W_CATEGORY), NULL, 10));
		if (unsub == NULL) {
			e = DB_ERROR;
			break;
		}
		e = mail_queue_about(r, dbres_get(res, i, W_EMAIL),
		    dbres_get(res, i, W_NAME), dbres_get(res, i, W_LANG),
		    reply ? "forum-reply" : "forum-topic", link,
		    dbres_get(res, i, W_TITLE), unsub);
		if (e == DB_OK && reply) {
			a[0] = DBI(strtoul(dbres_get(res, i, W_POSTS), NULL,
			    10));
			a[1] = DBI(strtoul(dbres_get(res, i, W_USER), NULL,
			    10));
			a[2] = DBI(topic);
			e = db_exec(&q_mailed, NULL, NULL, 3, a);
		}
	}
	dbres_free(res);
	return e;
}

/* ---- merging and splitting topics ---------------------------------------------- */

static struct dbstmt q_recount = DBSTMT(
    "UPDATE forum_topics t SET "
    "t.posts = (SELECT IFNULL(MAX(p.position), 0) FROM forum_posts p "
    "WHERE p.topic_id = t.id), "
    "t.replies = (SELECT COUNT(*) FROM forum_posts p WHERE p.topic_id = "
    "t.id AND p.position > 1 AND p.hidden = 0 AND p.pending = 0), "
    "t.last_post_at = (SELECT MAX(p.created_at) FROM forum_posts p WHERE "
    "p.topic_id = t.id), "
    "t.last_author_id = (SELECT p.author_id FROM forum_posts p WHERE "
    "p.topic_id = t.id ORDER BY p.position DESC LIMIT 1), "
    "t.accepted_post_id = (SELECT p.id FROM forum_posts p WHERE p.id = "
    "t.accepted_post_id AND p.topic_id = t.id AND p.position > 1) "
    "WHERE t.id = ?");
/* A hidden (waiting) topic's posts stay hidden (waiting) as replies of
 * the topic they join: a merge shows nothing staff hid or have not yet
 * approved. */
static struct dbstmt q_merge_posts = DBSTMT(
    "UPDATE forum_posts SET hidden = hidden OR (SELECT f.hidden FROM "
    "forum_topics f WHERE f.id = ?), pending = pending OR (SELECT "
    "f.pending FROM forum_topics f WHERE f.id = ?), topic_id = ?, "
    "position = position + ? WHERE topic_id = ? ORDER BY position DESC");
static struct dbstmt q_merge_subs = DBSTMT(
    "UPDATE IGNORE forum_subscriptions SET topic_id = ? WHERE topic_id = ? "
    "AND category_id = 0");
static struct dbstmt q_drop_subs = DBSTMT(
    "DELETE FROM forum_subscriptions WHERE topic_id = ? AND category_id = 0");
static struct dbstmt q_drop_topic = DBSTMT(
    "DELETE FROM forum_topics WHERE id = ?");

struct merge {
	unsigned	from, into, from_cat, into_cat;
};

/* Lock topic id (FOR UPDATE); its posts and category. */
static int
lock_topic(unsigned id, unsigned *posts, unsigned *cat)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	int		 e;

	a[0] = DBI(id);
	if ((e = db_query(&q_topic_lock, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 0) {
		dbres_free(res);
		return FORUM_ENOENT;
	}
	*posts = cell_uint(res, TL_POSTS);
	*cat = cell_uint(res, TL_CATEGORY);
	dbres_free(res);
	return DB_OK;
}

static int
merge_tx(void *arg)
{
	struct merge	*m = arg;
	struct dbarg	 a[5];
	unsigned	 fposts, iposts;
	int		 e;

	/* In id order, so two merges cannot wait on each other. */
	if (m->from < m->into) {
		if ((e = lock_topic(m->from, &fposts, &m->from_cat)) != 0 ||
		    (e = lock_topic(m->into, &iposts, &m->into_cat)) != 0)
			return e;
	} else if ((e = lock_topic(m->into, &iposts, &m->into_cat)) != 0 ||
	    (e = lock_topic(m->from, &fposts, &m->from_cat)) != 0)
		return e;
	a[0] = DBI(m->from);
	a[1] = DBI(m->from);
	a[2] = DBI(m->into);
	a[3] = DBI(iposts);
	a[4] = DBI(m->from);
	if ((e = db_exec(&q_merge_posts, NULL, NULL, 5, a)) != DB_OK)
		return e;
	a[0] = DBI(m->into);
	a[1] = DBI(m->from);
	if ((e = db_exec(&q_merge_subs, NULL, NULL, 2, a)) != DB_OK)
		return e;
	a[0] = DBI(m->from);
	if ((e = db_exec(&q_drop_subs, NULL, NULL, 1, a)) != DB_OK ||
	    (e = db_exec(&q_drop_topic, NULL, NULL, 1, a)) != DB_OK)
		return e;
	a[0] = DBI(m->into);
	if ((e = db_exec(&q_recount, NULL, NULL, 1, a)) != DB_OK)
		return e;
	a[0] = DBI(m->from_cat);
	if ((e = db_exec(&q_cat_count, NULL, NULL, 1, a)) != DB_OK)
		return e;
	a[0] = DBI(m->into_cat);
	return db_exec(&q_cat_count, NULL, NULL, 1, a);
}

/*
 * Merge topic from into topic into: its posts (the question too) follow
 * into's, in their order; its watchers watch into; from is gone (its
 * unread marks and votes with it).  FORUM_ESTATE for a topic into itself.
 */
int
forum_merge(unsigned from, unsigned into)
{
	struct merge	m = { from, into, 0, 0 };
	int		e;

	if (from == into)
		return FORUM_ESTATE;
	if ((e = db_tx(merge_tx, &m)) != DB_OK)
		return e;
	if ((e = search_index_topic(from)) != DB_OK)
		log_warnx("search index of topic %u not updated: %s", from,
		    db_last_error());
	return seen_changed(forum_indexed(into));
}

/*
 * The new topic of a split is hidden when its topic was or when the
 * reply that becomes its question was (a question is hidden with its
 * topic), waiting when either was: nothing staff hid or have not yet
 * approved is shown by a split.
 */
static struct dbstmt q_split_topic = DBSTMT(
    "INSERT INTO forum_topics (category_id, visibility, slug, title, lang, "
    "author_id, created_at, last_post_at, last_author_id, hidden, pending, "
    "listed) SELECT t.category_id, t.visibility, ?, ?, t.lang, p.author_id, "
    "p.created_at, p.created_at, p.author_id, t.hidden OR p.hidden, "
    "t.pending OR p.pending, NOT (t.hidden OR p.hidden OR t.pending OR "
    "p.pending) FROM forum_topics t JOIN forum_posts p ON "
    "p.topic_id = t.id AND p.position = ? WHERE t.id = ?");
static struct dbstmt q_split_posts = DBSTMT(
    "UPDATE forum_posts SET topic_id = ?, position = position - ? "
    "WHERE topic_id = ? AND position >= ? ORDER BY position");
/* The question's own flags are its topic's (a topic hides or waits as
 * a whole, and approving it approves its question). */
static struct dbstmt q_question_shown = DBSTMT(
    "UPDATE forum_posts p JOIN forum_topics t ON t.id = p.topic_id "
    "SET p.hidden = 0, p.pending = t.pending WHERE p.topic_id = ? AND "
    "p.position = 1");

struct split {
	unsigned	 from, position, into, cat;
	const char	*title, *slug;
};

static int
split_tx(void *arg)
{
	struct split	*sp = arg;
	struct dbarg	 a[4];
	uint64_t	 id;
	unsigned	 posts;
	int		 e;

	if ((e = lock_topic(sp->from, &posts, &sp->cat)) != 0)
		return e;
	if (sp->position < 2 || sp->position > posts)
		return FORUM_ESTATE;
	a[0] = DBS(sp->slug);
	a[1] = DBS(sp->title);
	a[2] = DBI(sp->position);
	a[3] = DBI(sp->from);
	if ((e = db_exec(&q_split_topic, NULL, &id, 4, a)) != DB_OK)
		return e;
	sp->into = (unsigned)id;
	a[0] = DBI(id);
	a[1] = DBI(sp->position - 1);
	a[2] = DBI(sp->from);
	a[3] = DBI(sp->position);
	if ((e = db_exec(&q_split_posts, NULL, NULL, 4, a)) != DB_OK)
		return e;
	a[0] = DBI(id);
	if ((e = db_exec(&q_question_shown, NULL, NULL, 1, a)) != DB_OK ||
	    (e = db_exec(&q_recount, NULL, NULL, 1, a)) != DB_OK)
		return e;
	a[0] = DBI(sp->from);
	if ((e = db_exec(&q_recount, NULL, NULL, 1, a)) != DB_OK)
		return e;
	a[0] = DBI(sp->cat);
	return db_exec(&q_cat_count, NULL, NULL, 1, a);
}

/*
 * Split topic from at position (2 or more): that post and every later
 * one become a new topic titled title in the same category, the post at
 * position its question.  Sets *into.  FORUM_ESTATE for a position that
 * is not a reply of the topic.
 */
int
forum_split(unsigned from, unsigned position, const char *title,
    const char *slug, unsigned *into)
{
	struct split	sp = { from, position, 0, 0, title, slug };
	int		e;

	if ((e = db_tx(split_tx, &sp)) != DB_OK)
		return e;
	*into = sp.into;
	if ((e = forum_indexed(from)) != DB_OK)
		return e;
	return seen_changed(forum_indexed(sp.into));
}
