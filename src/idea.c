/*
 * The suggestions model: ideas, one vote per user and idea, comments,
 * subscriptions, the staff status workflow and merging duplicates.
 * The pages change ideas through these functions only; each change
 * runs in one transaction (db_tx(), retried on deadlock) that locks the
 * idea's row first and keeps its derived counts (votes, comments)
 * equal to the rows they count.  A status change queues its mails in
 * the same transaction, so a change is never mailed half or twice.
 * They return 0, a dberr, or one of the IDEA_E codes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portico.h"

const char *const idea_statuses[IDEA_STATUS__MAX + 1] = {
	"new", "under-review", "planned", "in-progress", "done", "declined",
	NULL
};

/*
 * The same form sent twice (a double click, a reload): the author's
 * idea of that title and text, or comment on that idea of that text,
 * written in the last IDEA_REPEAT_SECONDS.  An idea's is read under
 * its author's row lock (one new idea of a user at a time), a
 * comment's under the idea's.
 */
enum { AUTHOR_ID, AUTHOR__MAX };
static struct dbstmt q_author_lock = DBSTMT_COLS(
    "SELECT id FROM users WHERE id = ? FOR UPDATE", AUTHOR__MAX);
enum { RPT_ID, RPT__MAX };
static struct dbstmt q_idea_repeat = DBSTMT_COLS(
    "SELECT id FROM ideas WHERE author_id = ? AND created_at > NOW() - "
    "INTERVAL ? SECOND AND title = ? AND description = ? AND product = ? "
    "ORDER BY id DESC LIMIT 1", RPT__MAX);
static struct dbstmt q_comment_repeat = DBSTMT_COLS(
    "SELECT id FROM idea_comments WHERE idea_id = ? AND author_id = ? AND "
    "created_at > NOW() - INTERVAL ? SECOND AND body = ? "
    "ORDER BY id DESC LIMIT 1", RPT__MAX);
static struct dbstmt q_insert = DBSTMT(
    "INSERT INTO ideas (author_id, title, description, product, lang, "
    "created_at, status_at) VALUES (?, ?, ?, ?, ?, NOW(), NOW())");
static struct dbstmt q_subscribe = DBSTMT(
    "INSERT IGNORE INTO idea_subscriptions (idea_id, user_id) "
    "VALUES (?, ?)");
static struct dbstmt q_unsubscribe = DBSTMT(
    "DELETE FROM idea_subscriptions WHERE idea_id = ? AND user_id = ?");
enum { LOCK_LISTED, LOCK_MERGED_INTO, LOCK_VOTES, LOCK__MAX };
static struct dbstmt q_lock = DBSTMT_COLS(
    "SELECT listed, IFNULL(merged_into, 0), votes FROM ideas "
    "WHERE id = ? FOR UPDATE", LOCK__MAX);
static struct dbstmt q_vote_add = DBSTMT(
    "INSERT IGNORE INTO idea_votes (idea_id, user_id, account_id, "
    "created_at) VALUES (?, ?, NULLIF(?, 0), NOW())");
static struct dbstmt q_vote_del = DBSTMT(
    "DELETE FROM idea_votes WHERE idea_id = ? AND user_id = ?");
static struct dbstmt q_votes_by = DBSTMT(
    "UPDATE ideas SET votes = votes + ? WHERE id = ?");
static struct dbstmt q_comment = DBSTMT(
    "INSERT INTO idea_comments (idea_id, author_id, staff, body, "
    "created_at) VALUES (?, ?, ?, ?, NOW())");
static struct dbstmt q_comments_up = DBSTMT(
    "UPDATE ideas SET comments = comments + 1 WHERE id = ?");
static struct dbstmt q_status = DBSTMT(
    "UPDATE ideas SET status = ?, staff_comment = ?, status_at = NOW(), "
    "news_item_id = IF(? <> 0, ?, news_item_id) WHERE id = ?");
static struct dbstmt q_event = DBSTMT(
    "INSERT INTO idea_events (idea_id, staff_id, status, comment, "
    "created_at) VALUES (?, ?, ?, ?, NOW())");
/*
 * The mail of a status change to the idea's voters and subscribers who
 * read language ? (the default language also takes those whose
 * language has no catalog), one row each (a voter who also follows it
 * is one user of the UNION), never to the staff member who made it nor
 * to one who stopped its mails.  Each mail's unsubscribe link is its
 * recipient's: the body's placeholder becomes "iUSER-IDEA-SIG", SIG the
 * HMAC-SHA256 of "iUSER-IDEA" under the link secret (link_sign()),
 * computed here from the key's inner and outer pads, which the view
 * link_hmac_pads derives from site_secrets (no key is a value here).
 */
static struct dbstmt q_mail = DBSTMT(
    "INSERT INTO mail_queue (to_addr, subject, body, created_at, "
    "next_attempt) SELECT u.email, ?, REPLACE(?, ?, CONCAT(w.payload, "
    "'-', LOWER(SHA2(CONCAT(k.opad, UNHEX(SHA2(CONCAT(k.ipad, "
    "w.payload), 256))), 256)))), NOW(), NOW() FROM "
    "(SELECT v.user_id, CONCAT('i', v.user_id, '-', ?) AS payload FROM "
    "(SELECT user_id FROM idea_votes WHERE idea_id = ? UNION "
    "SELECT user_id FROM idea_subscriptions WHERE idea_id = ?) v) w "
    "JOIN users u ON u.id = w.user_id JOIN link_hmac_pads k "
    "WHERE u.status = 'active' AND u.id <> ? AND (u.language = ? OR "
    "(? <> 0 AND NOT FIND_IN_SET(u.language, ?))) AND NOT EXISTS "
    "(SELECT 1 FROM idea_mail_optouts o WHERE o.idea_id = ? AND o.user_id = u.id)");
static struct dbstmt q_optout = DBSTMT(
    "INSERT IGNORE INTO idea_mail_optouts (idea_id, user_id, created_at) "
    "SELECT id, ?, NOW() FROM ideas WHERE id = ?");
static struct dbstmt q_optout_del = DBSTMT(
    "DELETE FROM idea_mail_optouts WHERE idea_id = ? AND user_id = ?");
static struct dbstmt q_merge_votes = DBSTMT(
    "INSERT IGNORE INTO idea_votes (idea_id, user_id, account_id, "
    "created_at) SELECT ?, user_id, account_id, created_at FROM "
    "idea_votes WHERE idea_id = ?");
static struct dbstmt q_merge_votes_del = DBSTMT(
    "DELETE FROM idea_votes WHERE idea_id = ?");
static struct dbstmt q_merge_subs = DBSTMT(
    "INSERT IGNORE INTO idea_subscriptions (idea_id, user_id) "
    "SELECT ?, user_id FROM idea_subscriptions WHERE idea_id = ?");
static struct dbstmt q_merge_subs_del = DBSTMT(
    "DELETE FROM idea_subscriptions WHERE idea_id = ?");
/* A voter or follower who opted out of the merged idea's mails is not
 * mailed about the other one, unless they voted for it or follow it. */
static struct dbstmt q_merge_optouts = DBSTMT(
    "INSERT IGNORE INTO idea_mail_optouts (idea_id, user_id, created_at) "
    "SELECT ?, o.user_id, o.created_at FROM idea_mail_optouts o WHERE "
    "o.idea_id = ? AND NOT EXISTS (SELECT 1 FROM idea_votes v WHERE "
    "v.idea_id = ? AND v.user_id = o.user_id) AND NOT EXISTS (SELECT 1 "
    "FROM idea_subscriptions s WHERE s.idea_id = ? AND "
    "s.user_id = o.user_id)");
static struct dbstmt q_merge_comments = DBSTMT(
    "UPDATE idea_comments SET idea_id = ? WHERE idea_id = ?");
/* The merged idea's counts, from the rows (each voter once). */
static struct dbstmt q_recount = DBSTMT(
    "UPDATE ideas SET votes = (SELECT COUNT(*) FROM idea_votes "
    "WHERE idea_id = ?), comments = (SELECT COUNT(*) FROM idea_comments "
    "WHERE idea_id = ?) WHERE id = ?");
static struct dbstmt q_merged = DBSTMT(
    "UPDATE ideas SET listed = FALSE, merged_into = ?, votes = 0, "
    "comments = 0 WHERE id = ?");
enum { DOC_TITLE, DOC_DESCRIPTION, DOC_PRODUCT, DOC_LANG, DOC_LISTED,
    DOC_UPDATED_AT, DOC__MAX };
static struct dbstmt q_doc = DBSTMT_COLS(
    "SELECT title, description, product, lang, listed, "
    "DATE_FORMAT(status_at, '%Y-%m-%dT%H:%i:%sZ') FROM ideas WHERE id = ?",
    DOC__MAX);
/* One column, the id (search_index_each()). */
static struct dbstmt q_all = DBSTMT_COLS(
    "SELECT id FROM ideas WHERE listed AND id > ? ORDER BY id LIMIT 500", 1);

/* The address of idea id: /ideas/ID-SLUG, or /ideas/ID for a title
 * without Latin letters. */
const char *
idea_url(struct arena *a, unsigned id, const char *title)
{
	char	*slug = content_slug(a, title);

	if (!strncmp(slug, "x-", 2) || strlen(slug) < 2)
		return arena_printf(a, "/ideas/%u", id);
	if (strlen(slug) > 60) {
		slug[60] = '\0';
		while (strlen(slug) > 0 && slug[strlen(slug) - 1] == '-')
			slug[strlen(slug) - 1] = '\0';
	}
	return arena_printf(a, "/ideas/%u-%s", id, slug);
}

/* The status of name, or -1. */
int
idea_status_of(const char *name)
{
	return content_find(idea_statuses, name);
}

/* ---- creating, indexing ---------------------------------------------------- */

struct create {
	const struct idea_new	*in;
	uint64_t		 id;
	bool			 repeat;
};

/* Whether the idea c asks for was posted a moment ago (c->repeat, and
 * c->id that one), its author's row locked. */
static int
create_repeat(struct create *c)
{
	struct dbres	*res;
	struct dbarg	 a[5];
	int		 e;

	a[0] = DBI(c->in->author_id);
	if ((e = db_query(&q_author_lock, &res, 1, a)) != DB_OK)
		return e;
	dbres_free(res);
	a[1] = DBI(IDEA_REPEAT_SECONDS);
	a[2] = DBS(c->in->title);
	a[3] = DBS(c->in->description);
	a[4] = DBS(c->in->product);
	if ((e = db_query(&q_idea_repeat, &res, 5, a)) != DB_OK)
		return e;
	if ((c->repeat = res->nrows != 0))
		c->id = strtoull(dbres_get(res, 0, RPT_ID), NULL, 10);
	dbres_free(res);
	return DB_OK;
}

static int
create_tx(void *arg)
{
	struct create	*c = arg;
	struct dbarg	 a[5];
	int		 e;

	if ((e = create_repeat(c)) != DB_OK || c->repeat)
		return e;
	a[0] = DBI(c->in->author_id);
	a[1] = DBS(c->in->title);
	a[2] = DBS(c->in->description);
	a[3] = DBS(c->in->product);
	a[4] = DBS(c->in->lang);
	if ((e = db_exec(&q_insert, NULL, &c->id, 5, a)) != DB_OK)
		return e;
	/* The author hears of every change. */
	a[0] = DBI(c->id);
	a[1] = DBI(c->in->author_id);
	return db_exec(&q_subscribe, NULL, NULL, 2, a);
}

/*
 * A new idea, subscribed to by its author and indexed; *id its id.
 * *repeat when the same idea was posted a moment ago (the same form
 * sent twice): *id is that one, and nothing is written.
 */
int
idea_create(const struct idea_new *in, unsigned *id, bool *repeat)
{
	struct create	c = { in, 0, false };
	int		e;

	if ((e = db_tx(create_tx, &c)) != DB_OK)
		return e;
	*id = (unsigned)c.id;
	if ((*repeat = c.repeat))
		return DB_OK;
	if ((e = idea_index(*id)) != DB_OK)
		log_warnx("search index of idea %u not updated: %s "
		    "(portico-admin reindex rebuilds it)", *id,
		    db_last_error());
	return DB_OK;
}

/*
 * Bring idea id's search document up to date: a listed idea is found
 * (kind "idea", public), a merged one is not.
 */
int
idea_index(unsigned id)
{
	struct search_doc	 d;
	struct dbres		*res;
	struct dbarg		 a[1];
	struct arena		*ar;
	struct buf		 plain = { NULL, 0, 0 };
	int			 e;

	a[0] = DBI(id);
	if ((e = db_query(&q_doc, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 0 || !strcmp(dbres_get(res, 0, DOC_LISTED), "0")) {
		dbres_free(res);
		return search_doc_remove(IDEA_DOC_BASE + id);
	}
	ar = arena_new();
	memset(&d, 0, sizeof(d));
	d.doc_id = IDEA_DOC_BASE + id;
	d.item_id = id;
	d.kind = "idea";
	d.lang = dbres_get(res, 0, DOC_LANG);
	d.product = dbres_get(res, 0, DOC_PRODUCT);
	d.visibility = "public";
	d.title = dbres_get(res, 0, DOC_TITLE);
	d.url = idea_url(ar, id, d.title);
	markdown_plain(dbres_get(res, 0, DOC_DESCRIPTION), &plain);
	d.plain = plain.p ? plain.p : "";
	d.extra = d.product;
	d.updated_at = dbres_get(res, 0, DOC_UPDATED_AT);
	e = search_doc_put(&d);
	buf_free(&plain);
	arena_free(ar);
	dbres_free(res);
	return e;
}

/* Index every listed idea (reindex writes every document again). */
int
idea_reindex(size_t *n)
{
	return search_index_each(&q_all, idea_index, n);
}

/* ---- votes, comments, subscriptions ------------------------------------- */

/*
 * Lock idea *id's row and follow it to the idea it was merged into, so
 * a vote cast while a merge runs lands on the idea that stays.  0,
 * IDEA_ENOENT, or a dberr; *votes its count.
 */
static int
lock_idea(unsigned *id, unsigned *votes)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	unsigned	 into;
	int		 hops, e;

	for (hops = 0; hops < 4; hops++) {
		a[0] = DBI(*id);
		if ((e = db_query(&q_lock, &res, 1, a)) != DB_OK)
			return e;
		if (res->nrows == 0) {
			dbres_free(res);
			return IDEA_ENOENT;
		}
		into = (unsigned)strtoul(dbres_get(res, 0, LOCK_MERGED_INTO),
		    NULL, 10);
		*votes = (unsigned)strtoul(dbres_get(res, 0, LOCK_VOTES), NULL,
		    10);
		if (strcmp(dbres_get(res, 0, LOCK_LISTED), "0") || into == 0) {
			dbres_free(res);
			return DB_OK;
		}
		dbres_free(res);
		*id = into;
	}
	return IDEA_ENOENT;
}

struct vote {
	unsigned	 idea, user, account, votes;
	bool		 up;
};

/*
 * The vote's row is the unique key (idea, user): a repeated vote adds
 * no row and so nothing to the count, a repeated unvote deletes none.
 * The count moves by the rows changed, under the idea's row lock, so
 * it equals the distinct voters however many vote at once.
 */
static int
vote_tx(void *arg)
{
	struct vote	*v = arg;
	struct dbarg	 a[3];
	uint64_t	 n = 0;
	int		 e;

	if ((e = lock_idea(&v->idea, &v->votes)) != DB_OK)
		return e;
	a[0] = DBI(v->idea);
	a[1] = DBI(v->user);
	a[2] = DBI(v->account);
	if (v->up)
		e = db_exec(&q_vote_add, &n, NULL, 3, a);
	else
		e = db_exec(&q_vote_del, &n, NULL, 2, a);
	if (e != DB_OK || n == 0)
		return e;
	a[0] = DBI(v->up ? 1 : -1);
	a[1] = DBI(v->idea);
	if ((e = db_exec(&q_votes_by, NULL, NULL, 2, a)) != DB_OK)
		return e;
	v->votes = v->up ? v->votes + 1 : v->votes - 1;
	return DB_OK;
}

/*
 * u votes for idea *id (up) or takes the vote back.  *id becomes the
 * idea the vote counts for (the one a merged idea joined), *votes its
 * count after.
 */
int
idea_vote(unsigned *id, const struct user *u, bool up, unsigned *votes)
{
	struct vote	v = { *id, u->id, u->account_id, 0, up };
	int		e;

	if ((e = db_tx(vote_tx, &v)) != DB_OK)
		return e;
	*id = v.idea;
	*votes = v.votes;
	return DB_OK;
}

struct comment {
	unsigned	 idea, user;
	bool		 staff;
	const char	*body;
};

/* Whether c was written a moment ago, under the idea's lock. */
static int
comment_repeat(const struct comment *c, bool *repeat)
{
	struct dbres	*res;
	struct dbarg	 a[4];
	int		 e;

	a[0] = DBI(c->idea);
	a[1] = DBI(c->user);
	a[2] = DBI(IDEA_REPEAT_SECONDS);
	a[3] = DBS(c->body);
	if ((e = db_query(&q_comment_repeat, &res, 4, a)) != DB_OK)
		return e;
	*repeat = res->nrows != 0;
	dbres_free(res);
	return DB_OK;
}

static int
comment_tx(void *arg)
{
	struct comment	*c = arg;
	struct dbarg	 a[4];
	unsigned	 votes;
	bool		 repeat;
	int		 e;

	if ((e = lock_idea(&c->idea, &votes)) != DB_OK ||
	    (e = comment_repeat(c, &repeat)) != DB_OK || repeat)
		return e;
	a[0] = DBI(c->idea);
	a[1] = DBI(c->user);
	a[2] = DBI(c->staff);
	a[3] = DBS(c->body);
	if ((e = db_exec(&q_comment, NULL, NULL, 4, a)) != DB_OK)
		return e;
	a[0] = DBI(c->idea);
	return db_exec(&q_comments_up, NULL, NULL, 1, a);
}

/* u comments on idea *id (staff comments are marked); the same comment
 * sent again within IDEA_REPEAT_SECONDS (a double click) writes nothing. */
int
idea_comment(unsigned *id, const struct user *u, const char *body)
{
	struct comment	c = { *id, u->id, u->role >= ROLE_AGENT, body };
	int		e;

	if ((e = db_tx(comment_tx, &c)) == DB_OK)
		*id = c.idea;
	return e;
}

/*
 * The forum's rules for posting (forum_may_post()) hold for ideas and
 * their comments too: a user banned from the community posts neither,
 * and no more than conf->forum_rate_posts ideas and comments together
 * in the last forum_rate_minutes (staff are not limited).
 */
enum { IMAY_BANNED, IMAY_RECENT, IMAY__MAX };
static struct dbstmt q_may = DBSTMT_COLS(
    "SELECT (SELECT COUNT(*) FROM forum_bans WHERE user_id = ?), "
    "(SELECT COUNT(*) FROM ideas WHERE author_id = ? AND created_at > "
    "NOW() - INTERVAL ? MINUTE) + (SELECT COUNT(*) FROM idea_comments "
    "WHERE author_id = ? AND created_at > NOW() - INTERVAL ? MINUTE)",
    IMAY__MAX);

/* May user post an idea or a comment now?  *why: NULL, "banned" or
 * "rate".  Returns a dberr. */
int
idea_may_post(unsigned user, bool staff, const char **why)
{
	struct dbres	*res;
	struct dbarg	 a[5];
	int		 e;

	*why = NULL;
	a[0] = DBI(user);
	a[1] = DBI(user);
	a[2] = DBI(conf->forum_rate_minutes);
	a[3] = DBI(user);
	a[4] = DBI(conf->forum_rate_minutes);
	if ((e = db_query(&q_may, &res, 5, a)) != DB_OK)
		return e;
	if (strcmp(dbres_get(res, 0, IMAY_BANNED), "0"))
		*why = "banned";
	else if (!staff && strtol(dbres_get(res, 0, IMAY_RECENT), NULL, 10) >=
	    conf->forum_rate_posts)
		*why = "rate";
	dbres_free(res);
	return DB_OK;
}

enum { CHECK_LISTED, CHECK__MAX };
static struct dbstmt q_check = DBSTMT_COLS(
    "SELECT listed FROM ideas WHERE id = ?", CHECK__MAX);

/* Is idea id there (0), merged (IDEA_EMERGED) or not (IDEA_ENOENT)? */
int
idea_check(unsigned id)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	int		 e;

	a[0] = DBI(id);
	if ((e = db_query(&q_check, &res, 1, a)) != DB_OK)
		return e;
	e = res->nrows == 0 ? IDEA_ENOENT : strcmp(dbres_get(res, 0,
	    CHECK_LISTED), "0") ? DB_OK : IDEA_EMERGED;
	dbres_free(res);
	return e;
}

/* user follows idea id (on) or stops following it. */
int
idea_subscribe(unsigned id, unsigned user, bool on)
{
	struct dbarg	a[2];
	int		e;

	a[0] = DBI(id);
	a[1] = DBI(user);
	/* Following again undoes a mail's unsubscribe link. */
	if (on && (e = db_exec(&q_optout_del, NULL, NULL, 2, a)) != DB_OK)
		return e;
	return db_exec(on ? &q_subscribe : &q_unsubscribe, NULL, NULL, 2, a);
}

struct stop {
	unsigned	 user, idea;
};

/*
 * The opt-out lands on the idea that stays: a mail sent before a merge
 * names the merged idea, whose voters and followers are now the other
 * one's.
 */
static int
stop_tx(void *arg)
{
	struct stop	*s = arg;
	struct dbarg	 a[2];
	unsigned	 votes;
	int		 e;

	if ((e = lock_idea(&s->idea, &votes)) != DB_OK)
		return e;
	a[0] = DBI(s->user);
	a[1] = DBI(s->idea);
	if ((e = db_exec(&q_optout, NULL, NULL, 2, a)) != DB_OK)
		return e;
	a[0] = DBI(s->idea);
	a[1] = DBI(s->user);
	return db_exec(&q_unsubscribe, NULL, NULL, 2, a);
}

/*
 * The unsubscribe link of an idea's mail (token "iUSER-IDEA-SIG"):
 * the user gets no more mails about the idea (or the one it was merged
 * into), as a voter or follower, until they follow it again.  Used
 * again, it finds the opt-out there and answers the same.  *found: the
 * signature is good and names an idea.  Returns a dberr.
 */
int
idea_mail_stop(struct arena *ar, const char *token, bool *found)
{
	struct stop	 s;
	const char	*payload;
	bool		 good;
	int		 end = 0, e;

	*found = false;
	if ((e = link_verify(ar, token, &payload, &good)) != DB_OK || !good)
		return e;
	if (sscanf(payload, "i%u-%u%n", &s.user, &s.idea, &end) != 2 ||
	    payload[end] != '\0')
		return DB_OK;
	if ((e = db_tx(stop_tx, &s)) == IDEA_ENOENT)
		return DB_OK;
	*found = e == DB_OK;
	return e;
}

/* ---- the status workflow ---------------------------------------------------- */

struct change {
	struct req		*r;
	unsigned		 idea, staff, news_item;
	const char		*status, *comment, *title;
	const char		*subject[CLANG__MAX], *body[CLANG__MAX];
	char			 marker[40];	/* the unsubscribe link's */
	uint64_t		 mailed;
};

static int
status_tx(void *arg)
{
	struct change	*c = arg;
	struct dbarg	 a[11];
	uint64_t	 n;
	unsigned	 votes, id = c->idea;
	size_t		 i;
	int		 e;

	if ((e = lock_idea(&id, &votes)) != DB_OK)
		return e;
	if (id != c->idea)
		return IDEA_EMERGED;
	a[0] = DBS(c->status);
	a[1] = DBS(c->comment);
	a[2] = DBI(c->news_item);
	a[3] = DBI(c->news_item);
	a[4] = DBI(c->idea);
	if ((e = db_exec(&q_status, NULL, NULL, 5, a)) != DB_OK)
		return e;
	a[0] = DBI(c->idea);
	a[1] = DBI(c->staff);
	a[2] = DBS(c->status);
	a[3] = DBS(c->comment);
	if ((e = db_exec(&q_event, NULL, NULL, 4, a)) != DB_OK)
		return e;
	c->mailed = 0;
	for (i = 0; i < CLANG__MAX; i++) {
		a[0] = DBS(c->subject[i]);
		a[1] = DBS(c->body[i]);
		a[2] = DBS(c->marker);
		a[3] = DBI(c->idea);
		a[4] = DBI(c->idea);
		a[5] = DBI(c->idea);
		a[6] = DBI(c->staff);
		a[7] = DBS(content_langs[i]);
		a[8] = DBI(!strcmp(content_langs[i], i18n_default()->code));
		a[9] = DBS(IDEA_MAIL_LANGS);
		a[10] = DBI(c->idea);
		n = 0;
		if ((e = db_exec(&q_mail, &n, NULL, 11, a)) != DB_OK)
			return e;
		c->mailed += n;
	}
	return DB_OK;
}

/* c's placeholder for the unsubscribe token; the link secret made if
 * there was none (the statement signs with it, through its view). */
static int
mail_marker(struct change *c)
{
	unsigned char	raw[16];
	char		hex[33];

	if (random_bytes(raw, sizeof(raw)) == -1)
		return DB_ERROR;
	hex_encode(hex, raw, sizeof(raw));
	snprintf(c->marker, sizeof(c->marker), "unsub%s", hex);
	return link_secret();
}

/*
 * Staff member staff sets idea id's status, with an optional public
 * comment and (news_item, else 0) the news item that announced it.
 * Its voters and subscribers get a mail in their language, queued in
 * the same transaction; *mailed counts them.  title is the idea's,
 * for the mail.
 */
int
idea_set_status(struct req *r, unsigned id, const char *title,
    unsigned staff, const char *status, const char *comment,
    unsigned news_item, size_t *mailed)
{
	struct change	 c;
	const char	*details[7];
	size_t		 i;
	int		 e;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.idea = id;
	c.staff = staff;
	c.status = status;
	c.comment = comment;
	c.news_item = news_item;
	details[0] = "title";
	details[1] = title;
	details[2] = "status";
	details[3] = status;
	details[4] = "comment";
	details[5] = comment;
	details[6] = NULL;
	/* Rendered once per language, before the transaction, with a
	 * placeholder no one can guess for each recipient's signed link. */
	if ((e = mail_marker(&c)) != DB_OK)
		return e;
	for (i = 0; i < CLANG__MAX && e == DB_OK; i++)
		if ((e = mail_render(r->arena, content_langs[i],
		    "ideas-status", site_link(r, idea_url(r->arena, id, title),
		    NULL), details, site_link(r, "/ideas/unsubscribe",
		    c.marker), &c.subject[i], &c.body[i])) == DB_OK &&
		    strstr(c.body[i], c.marker) == NULL) {
			log_warnx("mail: the ideas-status template dropped the "
			    "unsubscribe link");
			e = DB_ERROR;
		}
	if (e == DB_OK)
		e = db_tx(status_tx, &c);
	if (e != DB_OK)
		return e;
	*mailed = (size_t)c.mailed;
	/* The home page's top ideas show the status, from the page cache:
	 * every host's copy is built anew (content.c). */
	return content_generation_bump();
}

/* ---- merging duplicates ----------------------------------------------------- */

struct merge {
	unsigned	 from, into, staff;
};

static int
merge_tx(void *arg)
{
	struct merge	*m = arg;
	struct dbarg	 a[4];
	unsigned	 lo, hi, votes;
	int		 e;

	/* Both rows, in the order of their ids (as every merge takes them). */
	lo = m->from < m->into ? m->from : m->into;
	hi = m->from < m->into ? m->into : m->from;
	if ((e = lock_idea(&lo, &votes)) != DB_OK ||
	    (e = lock_idea(&hi, &votes)) != DB_OK)
		return e;
	if (lo == hi || (lo != m->from && lo != m->into) ||
	    (hi != m->from && hi != m->into))
		return IDEA_EMERGED;
	a[0] = DBI(m->into);
	a[1] = DBI(m->from);
	a[2] = DBI(m->into);
	a[3] = DBI(m->into);
	/* Before the votes and followers move: who had into already. */
	if ((e = db_exec(&q_merge_optouts, NULL, NULL, 4, a)) != DB_OK)
		return e;
	if ((e = db_exec(&q_merge_votes, NULL, NULL, 2, a)) != DB_OK ||
	    (e = db_exec(&q_merge_subs, NULL, NULL, 2, a)) != DB_OK ||
	    (e = db_exec(&q_merge_comments, NULL, NULL, 2, a)) != DB_OK)
		return e;
	a[0] = DBI(m->from);
	if ((e = db_exec(&q_merge_votes_del, NULL, NULL, 1, a)) != DB_OK ||
	    (e = db_exec(&q_merge_subs_del, NULL, NULL, 1, a)) != DB_OK)
		return e;
	a[0] = DBI(m->into);
	a[1] = DBI(m->into);
	a[2] = DBI(m->into);
	if ((e = db_exec(&q_recount, NULL, NULL, 3, a)) != DB_OK)
		return e;
	a[0] = DBI(m->into);
	a[1] = DBI(m->from);
	if ((e = db_exec(&q_merged, NULL, NULL, 2, a)) != DB_OK)
		return e;
	a[0] = DBI(m->from);
	a[1] = DBI(m->staff);
	a[2] = DBS("merged");
	a[3] = DBS("");
	return db_exec(&q_event, NULL, NULL, 4, a);
}

/*
 * Merge idea from into idea into: its voters become into's (a user who
 * voted for both counts once), its followers and comments move, and it
 * is no longer listed; its address leads to into.  IDEA_EMERGED when
 * either is merged already or they are the same.
 */
int
idea_merge(unsigned from, unsigned into, unsigned staff)
{
	struct merge	m = { from, into, staff };
	int		e;

	if (from == into)
		return IDEA_EMERGED;
	if ((e = db_tx(merge_tx, &m)) != DB_OK)
		return e;
	if ((e = idea_index(from)) != DB_OK || (e = idea_index(into)) != DB_OK)
		log_warnx("search index of ideas %u, %u not updated: %s",
		    from, into, db_last_error());
	/* The merged idea leaves the home page's top ideas, which come
	 * from the page cache: every host's copy is built anew. */
	return content_generation_bump();
}
