/*
 * The search index (search_docs, a Mroonga table) and the one search
 * function any handler calls: the search page, type-ahead, and later
 * the ticket form's suggestions.
 *
 * Adding a kind of searchable thing is one function that fills a
 * struct search_doc and calls search_doc_put(), plus its kind name in
 * the theme's catalog.  The rows carry the same visibility columns the
 * items do, and their facet words say the same again for the index; the
 * one access rule (ACCESS_SQL) decides every row shown.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "portico.h"

/*
 * The index is written twice: to search_source, the replicated InnoDB
 * table that holds every document (sql/031_search_source.sql), and
 * from it to search_docs, this node's Mroonga copy that searches read.
 * Every other node's indexer (searchsync.c) copies the rows it finds
 * changed.  A document's id is its item's (sql/016_search_docs_by_item.sql);
 * things that are not items take ids from a range of their own
 * (IDEA_DOC_BASE, FORUM_DOC_BASE).
 */
#define DOC_COLS \
	"id, kind, item_id, lang, category_id, product, visibility, " \
	"account_id, url, title, plain, title_terms, body_terms, " \
	"updated_at, facets"
/* A document written again: its new text, a new revision, alive. */
#define SOURCE_UPSERT \
	" ON DUPLICATE KEY UPDATE kind = VALUES(kind), " \
	"item_id = VALUES(item_id), lang = VALUES(lang), " \
	"category_id = VALUES(category_id), product = VALUES(product), " \
	"visibility = VALUES(visibility), account_id = VALUES(account_id), " \
	"url = VALUES(url), title = VALUES(title), plain = VALUES(plain), " \
	"title_terms = VALUES(title_terms), body_terms = VALUES(body_terms), " \
	"updated_at = VALUES(updated_at), facets = VALUES(facets), " \
	"rev = search_source.rev + 1, deleted = 0, " \
	"changed_at = VALUES(changed_at)"
/* A removed document stays as a tombstone (emptied) for the indexers
 * of other nodes to see. */
static struct dbstmt q_source_del = DBSTMT(
    "UPDATE search_source SET deleted = 1, rev = rev + 1, "
    "changed_at = UTC_TIMESTAMP(6), plain = '', title_terms = '', "
    "body_terms = '', facets = '' WHERE id = ? AND deleted = 0");
static struct dbstmt q_local_del = DBSTMT(
    "DELETE FROM search_docs WHERE id = ?");
static struct dbstmt q_local_add = DBSTMT(
    "INSERT INTO search_docs (" DOC_COLS ", rev) SELECT " DOC_COLS
    ", rev FROM search_source WHERE id = ? AND deleted = 0");
/*
 * The facet words of a row (see sql/008_search_facets.sql, which wrote
 * them for the rows already indexed): filters and access as words that
 * begin with '§', which no word of text does, so that Mroonga matches,
 * filters and ranks a search from its index alone.
 */
#define FACETS_SQL \
	"CONCAT_WS(' ', CONCAT('§k', x.kind), CONCAT('§l', x.lang), " \
	"CONCAT('§v', REPLACE(x.visibility, '-', '')), " \
	"IF(x.category_id <> 0, CONCAT('§c', x.category_id), NULL), " \
	"(SELECT CONCAT('§c', p.parent_id) FROM categories p " \
	"WHERE p.id = x.category_id AND p.parent_id IS NOT NULL), " \
	"IF(x.product <> '', CONCAT('§p', HEX(x.product)), NULL), " \
	"IF(x.visibility = 'segments', (SELECT GROUP_CONCAT(CONCAT('§s', " \
	"s.segment_id) SEPARATOR ' ') FROM item_segments s " \
	"WHERE s.item_id = x.item_id), NULL))"
static struct dbstmt q_doc_add = DBSTMT(
    "INSERT INTO search_source (" DOC_COLS ", rev, deleted, changed_at) "
    "SELECT x.*, " FACETS_SQL ", 1, 0, UTC_TIMESTAMP(6)"
    " FROM (SELECT ? AS id, ? AS kind, "
    "? AS item_id, ? AS lang, ? AS category_id, ? AS product, "
    "? AS visibility, ? AS account_id, ? AS url, ? AS title, ? AS plain, "
    "? AS title_terms, ? AS body_terms, "
    "STR_TO_DATE(?, '%Y-%m-%dT%H:%i:%sZ') AS updated_at) x" SOURCE_UPSERT);

/* Make this node's copy of document id what search_source says. */
int
search_local_apply(unsigned id)
{
	struct dbarg	a[1];
	int		e;

	a[0] = DBI(id);
	if ((e = db_exec(&q_local_del, NULL, NULL, 1, a)) != DB_OK)
		return e;
	return db_exec(&q_local_add, NULL, NULL, 1, a);
}

static int	search_doc_index(const struct item *);

/* Take document id (an item's id, or IDEA_DOC_BASE + an idea's) out. */
int
search_doc_remove(unsigned id)
{
	struct dbarg	a[1];
	int		e;

	a[0] = DBI(id);
	if ((e = db_exec(&q_source_del, NULL, NULL, 1, a)) != DB_OK)
		return e;
	return db_exec(&q_local_del, NULL, NULL, 1, a);
}

/* Put d in the index, in place of what it was before. */
int
search_doc_put(const struct search_doc *d)
{
	struct buf	 tt = { NULL, 0, 0 }, bt = { NULL, 0, 0 };
	struct dbarg	 a[14];
	unsigned	 id;
	int		 e;

	text_terms(d->lang, d->title, &tt);
	text_terms(d->lang, d->plain, &bt);
	if (d->extra != NULL)
		text_terms(d->lang, d->extra, &bt);
	id = d->doc_id != 0 ? d->doc_id : d->item_id;
	a[0] = DBI(id);
	a[1] = DBS(d->kind);
	a[2] = DBI(d->item_id);
	a[3] = DBS(d->lang);
	a[4] = DBI(d->category_id);
	a[5] = DBS(d->product);
	a[6] = DBS(d->visibility);
	a[7] = DBI(d->account_id);
	a[8] = DBS(d->url);
	a[9] = DBS(d->title);
	a[10] = DBS(d->plain);
	a[11] = DBS(tt.p);
	a[12] = DBS(bt.p);
	a[13] = DBS(d->updated_at);
	if ((e = db_exec(&q_doc_add, NULL, NULL, 14, a)) == DB_OK)
		e = search_local_apply(id);
	buf_free(&tt);
	buf_free(&bt);
	return e;
}

/* Index a content item: published ones are found, others are not. */
int
search_index_item(const struct item *it)
{
	return search_doc_index(it);
}

static int
search_doc_index(const struct item *it)
{
	struct search_doc	 d;
	struct buf		 plain = { NULL, 0, 0 }, extra = { NULL, 0, 0 };
	struct arena		*a;
	int			 e;

	if (strcmp(it->status, "published"))
		return search_doc_remove(it->id);
	a = arena_new();
	memset(&d, 0, sizeof(d));
	d.kind = it->kind;
	d.item_id = it->id;
	d.lang = it->lang;
	d.category_id = it->category_id;
	d.product = it->product;
	d.visibility = it->visibility;
	d.url = content_url(a, it->kind, it->slug);
	d.title = it->title;
	if (*it->summary) {
		buf_adds(&plain, it->summary);
		buf_add(&plain, "\n", 1);
	}
	markdown_plain(it->body, &plain);
	d.plain = plain.p;
	buf_printf(&extra, "%s %s", it->tags, it->product);
	d.extra = extra.p;
	d.updated_at = *it->updated_at ? it->updated_at : "1970-01-01T00:00:00Z";
	e = search_doc_put(&d);
	buf_free(&plain);
	buf_free(&extra);
	arena_free(a);
	return e;
}

/*
 * Rebuild the index of every content item and topic; *n counts those
 * indexed.  Every document is written again (and so reaches every
 * node); search_reindex_end() then removes those not written since
 * search_reindex_begin() (things gone while the index missed it).
 */
int
search_reindex(size_t *n)
{
	struct arena	*a;
	struct item	*items;
	unsigned	 after = 0;
	size_t		 got, i;
	int		 e;

	*n = 0;
	do {
		a = arena_new();
		if ((e = items_batch(a, after, 500, &items, &got)) == DB_OK)
			for (i = 0; i < got && e == DB_OK; i++) {
				after = items[i].id;
				if (strcmp(items[i].status, "published"))
					continue;
				if ((e = search_doc_index(&items[i])) == DB_OK)
					(*n)++;
			}
		arena_free(a);
	} while (e == DB_OK && got == 500);
	if (e == DB_OK && (e = search_reindex_topics(&got)) == DB_OK)
		*n += got;
	return e;
}

enum { MARK_AT, MARK__MAX };
static struct dbstmt q_mark = DBSTMT_COLS(
    "SELECT DATE_FORMAT(UTC_TIMESTAMP(6), '%Y-%m-%d %H:%i:%s.%f')",
    MARK__MAX);
static struct dbstmt q_source_stale = DBSTMT(
    "UPDATE search_source SET deleted = 1, rev = rev + 1, "
    "changed_at = UTC_TIMESTAMP(6), plain = '', title_terms = '', "
    "body_terms = '', facets = '' WHERE changed_at < ? AND deleted = 0");
static struct dbstmt q_local_dead = DBSTMT(
    "DELETE FROM search_docs WHERE id IN (SELECT id FROM search_source "
    "WHERE deleted = 1)");

/* The time a reindex begins, in mark[SEARCH_MARK_LEN]. */
int
search_reindex_begin(char *mark)
{
	struct dbres	*res;
	int		 e;

	if ((e = db_query(&q_mark, &res, 0, NULL)) != DB_OK)
		return e;
	snprintf(mark, SEARCH_MARK_LEN, "%s", dbres_get(res, 0, MARK_AT));
	dbres_free(res);
	return DB_OK;
}

/* Remove the documents the reindex begun at mark did not write. */
int
search_reindex_end(const char *mark, uint64_t *removed)
{
	struct dbarg	a[1];
	int		e;

	a[0] = DBS(mark);
	if ((e = db_exec(&q_source_stale, removed, NULL, 1, a)) != DB_OK)
		return e;
	return db_exec(&q_local_dead, NULL, NULL, 0, NULL);
}

/*
 * Save it as item_store() does (content.c: a version with note, the
 * page caches emptied, *conflict on a newer save), then bring the
 * search index up to date.  A duplicate slug is DB_DUPLICATE.
 */
int
item_save(struct item *it, unsigned author, const char *note,
    unsigned expect_version, bool *conflict)
{
	struct item	 fresh;
	struct arena	*a;
	char		 was[128];
	bool		 found, clash = false;
	int		 e;

	/* The product it named: its audience may shrink. */
	if ((e = derived_product_of(it->id, was, sizeof(was))) != DB_OK)
		return e;
	e = item_store(it, author, note, expect_version, &clash);
	if (conflict != NULL)
		*conflict = clash;
	if (e != DB_OK || clash)
		return e;
	/* Index the row as stored (with its times). */
	a = arena_new();
	if ((e = item_load(NULL, a, NULL, it->id, &fresh, &found)) == DB_OK &&
	    found)
		e = search_index_item(&fresh);
	arena_free(a);
	if (e != DB_OK)
		log_warnx("search index of item %u not updated: %s "
		    "(portico-admin reindex rebuilds it)", it->id,
		    db_last_error());
	if ((e = derived_item_changed(it->id, was)) != DB_OK)
		log_warnx("lists of item %u not updated: %s "
		    "(portico-admin reindex rebuilds them)", it->id,
		    db_last_error());
	return DB_OK;
}

/* ---- forum topics ------------------------------------------------------------ */

/*
 * A topic's document: its question and its accepted answer, as one
 * row keyed FORUM_DOC_BASE + the topic's id (item ids stay below it),
 * with the topic's visibility and category, so the forum's rule
 * (FORUM_ACCESS_SQL) decides what is shown and its facet words say the
 * same for the index (the category's segments as §s words).  Hidden
 * topics and those waiting for a moderator are not indexed; closed
 * ones are.
 */
enum { TD_ID, TD_CATEGORY, TD_VISIBILITY, TD_SLUG, TD_TITLE, TD_LANG,
    TD_LISTED, TD_UPDATED, TD_QUESTION, TD_ANSWER, TD__MAX };
static struct dbstmt q_topic_doc = DBSTMT_COLS(
    "SELECT t.id, t.category_id, t.visibility, t.slug, t.title, t.lang, "
    "t.listed, DATE_FORMAT(t.last_post_at, '%Y-%m-%dT%H:%i:%sZ'), q.body, "
    "a.body FROM forum_topics t JOIN forum_posts q ON q.topic_id = t.id "
    "AND q.position = 1 LEFT JOIN forum_posts a ON a.id = "
    "t.accepted_post_id WHERE t.id = ?", TD__MAX);
static struct dbstmt q_topic_doc_add = DBSTMT(
    "INSERT INTO search_source (" DOC_COLS ", rev, deleted, changed_at) "
    "SELECT ? + x.item_id, 'topic', "
    "x.item_id, x.lang, x.category_id, '', x.visibility, 0, x.url, "
    "x.title, x.plain, x.title_terms, x.body_terms, STR_TO_DATE("
    "x.updated_at, '%Y-%m-%dT%H:%i:%sZ'), CONCAT_WS(' ', '§ktopic', "
    "CONCAT('§l', x.lang), CONCAT('§v', REPLACE(x.visibility, '-', '')), "
    "IF(x.visibility = 'segments', (SELECT GROUP_CONCAT(CONCAT('§s', "
    "s.segment_id) SEPARATOR ' ') FROM forum_category_segments s WHERE "
    "s.category_id = x.category_id OR s.category_id = (SELECT "
    "pc.parent_id FROM forum_categories pc WHERE pc.id = x.category_id)), "
    "NULL)), 1, 0, UTC_TIMESTAMP(6) "
    "FROM (SELECT ? AS item_id, "
    "? AS lang, ? AS category_id, ? AS visibility, ? AS url, ? AS title, "
    "? AS plain, ? AS title_terms, ? AS body_terms, ? AS updated_at) x"
    SOURCE_UPSERT);
/* search_index_each()'s statements: one column, the id. */
enum { EACH_ID, EACH__MAX };
static struct dbstmt q_topics_after = DBSTMT_COLS(
    "SELECT id FROM forum_topics WHERE id > ? AND listed = 1 ORDER BY id "
    "LIMIT 500", EACH__MAX);

static int
topic_doc_put(const struct dbres *res)
{
	struct buf	 plain = { NULL, 0, 0 }, tt = { NULL, 0, 0 };
	struct buf	 bt = { NULL, 0, 0 }, url = { NULL, 0, 0 };
	const char	*lang = dbres_get(res, 0, TD_LANG);
	struct dbarg	 a[11];
	int		 e;

	markdown_plain(dbres_get(res, 0, TD_QUESTION), &plain);
	if (*dbres_get(res, 0, TD_ANSWER) != '\0') {
		buf_add(&plain, "\n", 1);
		markdown_plain(dbres_get(res, 0, TD_ANSWER), &plain);
	}
	buf_adds(&plain, "");
	text_terms(lang, dbres_get(res, 0, TD_TITLE), &tt);
	text_terms(lang, plain.p, &bt);
	buf_adds(&tt, "");
	buf_adds(&bt, "");
	buf_printf(&url, "/community/t/%s-%s", dbres_get(res, 0, TD_ID),
	    dbres_get(res, 0, TD_SLUG));
	a[0] = DBI(FORUM_DOC_BASE);
	a[1] = DBI(strtoul(dbres_get(res, 0, TD_ID), NULL, 10));
	a[2] = DBS(lang);
	a[3] = DBI(strtoul(dbres_get(res, 0, TD_CATEGORY), NULL, 10));
	a[4] = DBS(dbres_get(res, 0, TD_VISIBILITY));
	a[5] = DBS(url.p);
	a[6] = DBS(dbres_get(res, 0, TD_TITLE));
	a[7] = DBS(plain.p);
	a[8] = DBS(tt.p);
	a[9] = DBS(bt.p);
	a[10] = DBS(dbres_get(res, 0, TD_UPDATED));
	if ((e = db_exec(&q_topic_doc_add, NULL, NULL, 11, a)) == DB_OK)
		e = search_local_apply(FORUM_DOC_BASE + (unsigned)strtoul(
		    dbres_get(res, 0, TD_ID), NULL, 10));
	buf_free(&plain);
	buf_free(&tt);
	buf_free(&bt);
	buf_free(&url);
	return e;
}

/* Bring topic's document up to date: (re)written while it is listed,
 * removed otherwise. */
int
search_index_topic(unsigned topic)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	int		 e;

	a[0] = DBI(topic);
	if ((e = db_query(&q_topic_doc, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows != 0 && strcmp(dbres_get(res, 0, TD_LISTED), "0"))
		e = topic_doc_put(res);
	else
		e = search_doc_remove(FORUM_DOC_BASE + topic);
	dbres_free(res);
	return e;
}

/*
 * index(id) for every id q returns: q takes the last id seen and gives
 * the next ids in order, one column, at most 500 (reindexing topics,
 * ideas and tickets); *n counts those indexed.
 */
int
search_index_each(struct dbstmt *q, int (*index)(unsigned), size_t *n)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	unsigned	 after = 0;
	size_t		 i, got;
	int		 e;

	*n = 0;
	do {
		a[0] = DBI(after);
		if ((e = db_query(q, &res, 1, a)) != DB_OK)
			return e;
		got = res->nrows;
		for (i = 0; i < got && e == DB_OK; i++) {
			after = (unsigned)strtoul(dbres_get(res, i, EACH_ID),
			    NULL, 10);
			if ((e = index(after)) == DB_OK)
				(*n)++;
		}
		dbres_free(res);
	} while (e == DB_OK && got == 500);
	return e;
}

/* Index every listed topic (reindex, or the demo's topics); *n counts
 * them. */
int
search_reindex_topics(size_t *n)
{
	return search_index_each(&q_topics_after, search_index_topic, n);
}

/* ---- searching ------------------------------------------------------------- */

/*
 * Mroonga matches the words and the facet words (filters, access) in its
 * index, in one statement that ranks the matches and returns the ids of
 * the first SEARCH_MAX_COUNT + 1 by score: Mroonga sorts and stops there
 * itself (its ORDER BY ... LIMIT path), so the rows returned are both
 * the count ("1,000+" when there are more: a broad word's 50,000 matches
 * are not all read to be counted) and every page's ids; the matching is
 * done once, not once to count and again to rank.  The few rows shown are
 * then read by id, through ACCESS_SQL once more: the index narrows, the
 * one access rule decides.
 */
enum { SEARCH_ID, SEARCH_SCORE, SEARCH__MAX };
static struct dbstmt q_search = DBSTMT_COLS(
    "SELECT d.id, MATCH (d.title_terms, d.body_terms, d.facets) AGAINST "
    "(? IN BOOLEAN MODE) AS score FROM search_docs d WHERE MATCH "
    "(d.title_terms, d.body_terms, d.facets) AGAINST (? IN BOOLEAN MODE) "
    "ORDER BY score DESC LIMIT ?", SEARCH__MAX);
enum { HITS_ID, HITS_KIND, HITS_ITEM_ID, HITS_URL, HITS_TITLE, HITS_PLAIN,
    HITS_LANG, HITS_UPDATED_AT, HITS__MAX };
static struct dbstmt q_hits = DBSTMT_COLS(
    "SELECT d.id, d.kind, d.item_id, d.url, d.title, d.plain, d.lang, "
    "DATE_FORMAT(d.updated_at, '%Y-%m-%dT%H:%i:%sZ') FROM search_docs d "
    "WHERE d.id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AND d.kind <> 'ticket' "
    "AND IF(d.kind = 'topic', "
    FORUM_ACCESS_SQL("d.visibility", "d.category_id") ", "
    ACCESS_SQL("d.visibility", "d.item_id") ")", HITS__MAX);
enum { VIEWER_SEGMENTS_SEGMENT_ID, VIEWER_SEGMENTS__MAX };
static struct dbstmt q_viewer_segments = DBSTMT_COLS(
    "SELECT segment_id FROM user_segments WHERE user_id = ? UNION "
    "SELECT segment_id FROM account_segments WHERE account_id = ?",
    VIEWER_SEGMENTS__MAX);
static struct dbstmt q_log = DBSTMT(
    "INSERT INTO search_log (query, lang, results, user_id) "
    "VALUES (?, ?, ?, NULLIF(?, 0))");

enum { SYN_SET_ID, SYN_TERMS, SYN__MAX };
static struct dbstmt q_synonyms = DBSTMT_COLS(
    "SELECT m.set_id, m.terms FROM search_synonyms m WHERE m.set_id IN "
    "(SELECT k.set_id FROM search_synonyms k WHERE k.first_term IN "
    "(?, ?, ?, ?, ?, ?, ?, ?)) ORDER BY m.set_id, m.terms LIMIT 200",
    SYN__MAX);

/*
 * The synonym sets any of q's words begins a member of, applied to q
 * (text_query_synonyms()): one indexed statement.
 */
static int
synonyms_apply(struct req *r, struct text_query *q)
{
	struct dbres	*res;
	struct dbarg	 a[8];
	const char	*members[SYNONYMS_MAX];
	size_t		 i, j, n;
	int		 e;

	for (i = 0; i < 8; i++)
		a[i] = DBS(i < q->nwords ? q->words[i].word : "");
	if ((e = db_query(&q_synonyms, &res, 8, a)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows; i = j) {
		for (j = i, n = 0; j < res->nrows && !strcmp(dbres_get(res, j,
		    SYN_SET_ID), dbres_get(res, i, SYN_SET_ID)); j++)
			if (n < SYNONYMS_MAX)
				members[n++] = arena_strdup(r->arena,
				    dbres_get(res, j, SYN_TERMS));
		text_query_synonyms(r->arena, q, members, n);
	}
	dbres_free(res);
	return DB_OK;
}

/* Is s one facet value: a short word of a-z, 0-9 and '-'? */
static bool
facet_word(const char *s)
{
	size_t	n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-");

	return n > 0 && n <= 32 && s[n] == '\0';
}

/*
 * The facet words a search requires, appended to b: what r's visitor may
 * see (the rule ACCESS_SQL states) and o's filters.  *none is set when a
 * filter names nothing there can be.
 */
static int
facet_terms(struct req *r, const struct search_opts *o, struct buf *b,
    bool *none)
{
	struct dbarg	 a[4];
	struct dbres	*res;
	char		*hex;
	size_t		 i, n;
	int		 e;

	*none = false;
	content_access_args(r, a);
	/* Not signed in: what is not public is left out (two rare words,
	 * where requiring "public" would match nearly every document). */
	/* Tickets are the staff queue's (ticket_search.c), never here. */
	buf_adds(b, " -§kticket");
	if (a[0].i == 0 && a[1].i == 0)
		buf_adds(b, " -§vsignedin -§vsegments -§vstaff");
	else if (a[0].i == 0) {
		if ((e = db_query(&q_viewer_segments, &res, 2, a + 2)) != DB_OK)
			return e;
		buf_adds(b, " (§vpublic OR §vsignedin");
		for (i = 0; i < res->nrows; i++)
			buf_printf(b, " OR §s%s", dbres_get(res, i,
			    VIEWER_SEGMENTS_SEGMENT_ID));
		buf_adds(b, ")");
		dbres_free(res);
	}
	if (o->kind != NULL && *o->kind) {
		if (!facet_word(o->kind))
			*none = true;
		buf_printf(b, " §k%s", o->kind);
	}
	if (o->lang != NULL && *o->lang) {
		if (!facet_word(o->lang))
			*none = true;
		buf_printf(b, " §l%s", o->lang);
	}
	if (o->category_id != 0)
		buf_printf(b, " §c%u", o->category_id);
	if (o->product != NULL && *o->product) {
		n = strlen(o->product);
		hex = arena_alloc(r->arena, 2 * n + 1);
		hex_encode(hex, (const unsigned char *)o->product, n);
		buf_printf(b, " §p%s", hex);
	}
	return DB_OK;
}

/*
 * The ranked ids of recent searches, held by each worker: a query asked
 * again (the same words, filters and access words, so the same Mroonga
 * query) while the index is as it was is answered from here, without
 * matching again.  The index's state is the newest change of
 * search_source (replicated: a write on any node moves it), read once
 * per search; an entry also ends after SCACHE_SECONDS, so a node's
 * copy that caught up with a change later than its mark moved (another
 * node's write, applied by the indexer) is seen soon after.  Only ids
 * are held: the rows shown are read through ACCESS_SQL every time.
 */
#define SCACHE_N	32
#define SCACHE_SECONDS	10
struct scache_ent {
	char		*query;		/* NULL: unused */
	char		 mark[32];
	time_t		 at;
	uint64_t	 used;
	unsigned	*ids;		/* best first */
	size_t		 n;
};
static struct scache_ent	scache[SCACHE_N];
static uint64_t			scache_clock;

enum { SMARK_AT, SMARK__MAX };
static struct dbstmt q_index_mark = DBSTMT_COLS(
    "SELECT IFNULL(DATE_FORMAT(MAX(changed_at), '%Y-%m-%d %H:%i:%s.%f'), "
    "'') FROM search_source", SMARK__MAX);

/* The index's state now, in mark[32]. */
static int
index_mark(char *mark)
{
	struct dbres	*res;
	int		 e;

	if ((e = db_query(&q_index_mark, &res, 0, NULL)) != DB_OK)
		return e;
	snprintf(mark, 32, "%s", res->nrows ? dbres_get(res, 0, SMARK_AT) :
	    "");
	dbres_free(res);
	return DB_OK;
}

/* The entry for query at mark, or NULL. */
static const struct scache_ent *
scache_get(const char *query, const char *mark)
{
	time_t	now = time(NULL);
	size_t	i;

	for (i = 0; i < SCACHE_N; i++)
		if (scache[i].query != NULL && !strcmp(scache[i].query, query) &&
		    !strcmp(scache[i].mark, mark) &&
		    now - scache[i].at < SCACHE_SECONDS && now >= scache[i].at) {
			scache[i].used = ++scache_clock;
			return &scache[i];
		}
	return NULL;
}

/* Keep the ids of rows (column SEARCH_ID) for query at mark, in place of
 * the entry least recently used; returns the entry. */
static const struct scache_ent *
scache_put(const char *query, const char *mark, const struct dbres *rows)
{
	struct scache_ent	*c = &scache[0];
	size_t			 i;

	for (i = 1; i < SCACHE_N && c->query != NULL; i++)
		if (scache[i].query == NULL || scache[i].used < c->used)
			c = &scache[i];
	free(c->query);
	free(c->ids);
	c->query = xstrdup(query);
	snprintf(c->mark, sizeof(c->mark), "%s", mark);
	c->at = time(NULL);
	c->used = ++scache_clock;
	c->n = rows->nrows;
	c->ids = xcalloc(c->n + 1, sizeof(*c->ids));
	for (i = 0; i < c->n; i++)
		c->ids[i] = (unsigned)strtoul(dbres_get(rows, i, SEARCH_ID),
		    NULL, 10);
	return c;
}

/* The ranked ids (the best SEARCH_MAX_COUNT + 1) of query mq at mark. */
static int
ranked_ids(const char *mq, const char *mark, const struct scache_ent **out)
{
	const struct scache_ent	*c;
	struct dbres		*rows;
	struct dbarg		 a[3];
	int			 e;

	if ((c = scache_get(mq, mark)) == NULL) {
		a[0] = DBS(mq);
		a[1] = DBS(mq);
		a[2] = DBI(SEARCH_MAX_COUNT + 1);
		if ((e = db_query(&q_search, &rows, 3, a)) != DB_OK)
			return e;
		c = scache_put(mq, mark, rows);
		dbres_free(rows);
	}
	*out = c;
	return DB_OK;
}

static int
run_once(struct req *r, const struct search_opts *o, const char *mq,
    const char *mark, struct search_result *res)
{
	const struct scache_ent	*c;
	struct dbres		*shown;
	struct dbarg		 a[SEARCH_PAGE_MAX + 8];
	unsigned		 ids[SEARCH_PAGE_MAX];
	size_t			 n, i, j, limit;
	int			 e;

	if ((e = ranked_ids(mq, mark, &c)) != DB_OK)
		return e;
	res->total = c->n < SEARCH_MAX_COUNT ? c->n : SEARCH_MAX_COUNT;
	limit = o->limit < SEARCH_PAGE_MAX ? o->limit : SEARCH_PAGE_MAX;
	n = 0;
	for (i = o->offset; i < res->total && n < limit; i++) {
		ids[n] = c->ids[i];
		a[n] = DBI(ids[n]);
		n++;
	}
	if (n == 0)
		return DB_OK;
	for (i = n; i < SEARCH_PAGE_MAX; i++)
		a[i] = DBI(0);
	/* The forum's rule for topics, the content's for the rest. */
	content_access_args(r, a + SEARCH_PAGE_MAX);
	content_access_args(r, a + SEARCH_PAGE_MAX + 4);
	if ((e = db_query(&q_hits, &shown, SEARCH_PAGE_MAX + 8, a)) != DB_OK)
		return e;
	/* In the order of rank. */
	res->hits = arena_alloc(r->arena, sizeof(*res->hits) * (n + 1));
	res->nhits = 0;
	for (i = 0; i < n; i++)
		for (j = 0; j < shown->nrows; j++) {
			struct search_hit *h = &res->hits[res->nhits];

			if (strtoul(dbres_get(shown, j, HITS_ID), NULL, 10) !=
			    ids[i])
				continue;
			h->kind = arena_strdup(r->arena, dbres_get(shown, j,
			    HITS_KIND));
			h->item_id = (unsigned)strtoul(dbres_get(shown, j,
			    HITS_ITEM_ID),
			    NULL, 10);
			h->url = arena_strdup(r->arena, dbres_get(shown, j,
			    HITS_URL));
			h->title = arena_strdup(r->arena, dbres_get(shown, j,
			    HITS_TITLE));
			h->plain = arena_strdup(r->arena, dbres_get(shown, j,
			    HITS_PLAIN));
			h->lang = arena_strdup(r->arena, dbres_get(shown, j,
			    HITS_LANG));
			h->updated = arena_strdup(r->arena,
			    dbres_get(shown, j, HITS_UPDATED_AT));
			res->nhits++;
			break;
		}
	dbres_free(shown);
	return DB_OK;
}

/* The whole boolean-mode query: weights, words, facet words. */
static char *
full_query(struct req *r, const char *words, const char *facets)
{
	return arena_printf(r->arena, "*D+W1:10,2:1,3:1 %s%s", words, facets);
}

/*
 * Search for o->query as r's visitor may see.  Every word must match;
 * when no item has them all, any word does (res->any_word says so).
 * An empty or too short query sets res->empty and searches nothing.
 */
int
search_run(struct req *r, const struct search_opts *o,
    struct search_result *res)
{
	struct dbarg	 a[4];
	struct buf	 facets = { NULL, 0, 0 };
	const char	*mq;
	char		 mark[32];
	bool		 none;
	int		 e;

	memset(res, 0, sizeof(*res));
	if (o->query == NULL || !text_query_parse(r->arena, o->query, &res->q)) {
		res->empty = true;
		return DB_OK;
	}
	buf_adds(&facets, "");
	if ((e = synonyms_apply(r, &res->q)) != DB_OK ||
	    (e = facet_terms(r, o, &facets, &none)) != DB_OK)
		goto out;
	if (!none && (e = index_mark(mark)) != DB_OK)
		goto out;
	if (!none) {
		mq = text_query_mroonga(r->arena, &res->q, false);
		if ((e = run_once(r, o, full_query(r, mq, facets.p), mark,
		    res)) != DB_OK)
			goto out;
	}
	if (!none && res->total == 0 && res->q.nwords > 1) {
		res->any_word = true;
		mq = text_query_mroonga(r->arena, &res->q, true);
		if ((e = run_once(r, o, full_query(r, mq, facets.p), mark,
		    res)) != DB_OK)
			goto out;
	}
	if (o->log && o->offset == 0) {
		a[0] = DBS(text_query_normal(r->arena, &res->q));
		a[1] = DBS(r->cat != NULL ? r->cat->code : "");
		a[2] = DBI(res->total);
		a[3] = DBI(r->user != NULL ? r->user->id : 0);
		e = db_exec(&q_log, NULL, &res->log_id, 4, a);
	}
out:
	buf_free(&facets);
	return e;
}

/*
 * The hits of res as <hit> children of parent: title and snippet with
 * the matched words in <hl>, and the address to open (through
 * /search/go when the search was logged, so the log learns the click).
 */
void
search_hits_xml(xmlNodePtr parent, const struct search_result *res,
    size_t snippet)
{
	const struct search_hit	*h;
	xmlNodePtr		 n;
	size_t			 i;

	for (i = 0; i < res->nhits; i++) {
		h = &res->hits[i];
		n = xml_elem(parent, "hit");
		xml_attr(n, "kind", h->kind);
		xml_attr(n, "lang", h->lang);
		xml_attr(n, "updated", h->updated);
		xml_attr(n, "url", h->url);
		/* /search/go opens content items; other kinds (an idea, a topic)
		 * go straight to their address. */
		if (res->log_id != 0 && content_kind_valid(h->kind))
			xml_attrf(n, "href", "/search/go?s=%llu&i=%u",
			    (unsigned long long)res->log_id, h->item_id);
		else
			xml_attr(n, "href", h->url);
		text_highlight(n, "title", h->title, h->lang, &res->q, 0);
		if (snippet > 0)
			text_highlight(n, "snippet", h->plain, h->lang, &res->q,
			    snippet);
	}
}

/* ---- synonyms ------------------------------------------------------------- */

static struct dbstmt q_syn_set_add = DBSTMT(
    "INSERT INTO search_synonym_sets (lang, created_by) "
    "VALUES (?, NULLIF(?, 0))");
static struct dbstmt q_syn_add = DBSTMT(
    "INSERT INTO search_synonyms (set_id, phrase, terms, first_term) "
    "VALUES (?, ?, ?, ?)");

struct synset {
	const char	*lang;
	unsigned	 user;
	const char	*phrase[SYNONYMS_MAX], *terms[SYNONYMS_MAX];
	const char	*first[SYNONYMS_MAX];
	size_t		 n;
	uint64_t	 id;
};

static int
synonyms_tx(void *arg)
{
	struct synset	*s = arg;
	struct dbarg	 a[4];
	size_t		 i;
	int		 e;

	a[0] = DBS(s->lang);
	a[1] = DBI(s->user);
	if ((e = db_exec(&q_syn_set_add, NULL, &s->id, 2, a)) != DB_OK)
		return e;
	for (i = 0; i < s->n; i++) {
		a[0] = DBI(s->id);
		a[1] = DBS(s->phrase[i]);
		a[2] = DBS(s->terms[i]);
		a[3] = DBS(s->first[i]);
		if ((e = db_exec(&q_syn_add, NULL, NULL, 4, a)) != DB_OK)
			return e;
	}
	return DB_OK;
}

/* The next member of a list separated by commas (',', '،', '、'). */
static bool
member_next(struct arena *a, const char **p, const char **out)
{
	const char	*s = *p, *e;
	size_t		 n;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return false;
	for (e = s; *e && *e != ',' && strncmp(e, "\xd8\x8c", 2) &&
	    strncmp(e, "\xe3\x80\x81", 3); e++)
		;
	n = (size_t)(e - s);
	*p = *e == '\0' ? e : e + (*e == ',' ? 1 : *e == '\xd8' ? 2 : 3);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*out = arena_strndup(a, s, n);
	return true;
}

/*
 * Add a synonym set of language lang from members, a list separated by
 * commas, made by user (0: none).  Returns DB_OK and sets *why to NULL,
 * or leaves the set unmade and says why in *why ("synonyms-few": fewer
 * than two different members or more than SYNONYMS_MAX; "synonyms-word":
 * a member with no word to search for, or more than QALT_WORDS words).
 */
int
synonyms_add(struct arena *a, const char *lang, const char *members,
    unsigned user, const char **why)
{
	struct synset		 s;
	struct text_query	 q;
	const char		*p = members, *m, *t;
	size_t			 i;

	memset(&s, 0, sizeof(s));
	s.lang = lang;
	s.user = user;
	*why = NULL;
	while (member_next(a, &p, &m)) {
		if (*m == '\0')
			continue;
		if (!text_query_parse(a, m, &q) || q.nwords > QALT_WORDS ||
		    strlen(m) > 200) {
			*why = "synonyms-word";
			return DB_OK;
		}
		t = text_query_normal(a, &q);
		for (i = 0; i < s.n && strcmp(s.terms[i], t); i++)
			;
		if (i < s.n)
			continue;
		if (s.n == SYNONYMS_MAX) {
			*why = "synonyms-few";
			return DB_OK;
		}
		s.phrase[s.n] = m;
		s.terms[s.n] = t;
		s.first[s.n++] = q.words[0].word;
	}
	if (s.n < 2) {
		*why = "synonyms-few";
		return DB_OK;
	}
	return db_tx(synonyms_tx, &s);
}
