/*
 * The search index (search_docs, a Mroonga table) and the one search
 * function any handler calls: the search page, type-ahead, and later
 * the ticket form's suggestions.
 *
 * Adding a kind of searchable thing is one function that fills a
 * struct search_doc and calls search_doc_put(), plus its kind name in
 * the theme's catalog.  The rows carry the same visibility columns the
 * items do, so the one access rule (ACCESS_SQL) applies to results.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

struct search_doc {
	const char	*kind, *lang, *product, *visibility, *url, *title;
	const char	*plain;		/* the text snippets are cut from */
	const char	*extra;		/* indexed too, not shown (tags) */
	const char	*updated_at;	/* YYYY-MM-DDTHH:MM:SSZ */
	unsigned	 item_id, category_id, account_id;
};

static struct dbstmt q_doc_del = DBSTMT(
    "DELETE FROM search_docs WHERE kind = ? AND item_id = ?");
static struct dbstmt q_doc_add = DBSTMT(
    "INSERT INTO search_docs (kind, item_id, lang, category_id, product, "
    "visibility, account_id, url, title, plain, title_terms, body_terms, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "STR_TO_DATE(?, '%Y-%m-%dT%H:%i:%sZ'))");

static int	search_doc_index(const struct item *, bool);

static int
search_doc_remove(const char *kind, unsigned item_id)
{
	struct dbarg	a[2];

	a[0] = DBS(kind);
	a[1] = DBI(item_id);
	return db_exec(&q_doc_del, NULL, NULL, 2, a);
}

/* Put d in the index, in place of what it was before (replace). */
static int
search_doc_put(const struct search_doc *d, bool replace)
{
	struct buf	 tt = { NULL, 0, 0 }, bt = { NULL, 0, 0 };
	struct dbarg	 a[13];
	int		 e;

	text_terms(d->lang, d->title, &tt);
	text_terms(d->lang, d->plain, &bt);
	if (d->extra != NULL)
		text_terms(d->lang, d->extra, &bt);
	if (!replace || (e = search_doc_remove(d->kind, d->item_id)) == DB_OK) {
		a[0] = DBS(d->kind);
		a[1] = DBI(d->item_id);
		a[2] = DBS(d->lang);
		a[3] = DBI(d->category_id);
		a[4] = DBS(d->product);
		a[5] = DBS(d->visibility);
		a[6] = DBI(d->account_id);
		a[7] = DBS(d->url);
		a[8] = DBS(d->title);
		a[9] = DBS(d->plain);
		a[10] = DBS(tt.p);
		a[11] = DBS(bt.p);
		a[12] = DBS(d->updated_at);
		e = db_exec(&q_doc_add, NULL, NULL, 13, a);
	}
	buf_free(&tt);
	buf_free(&bt);
	return e;
}

/* Index a content item: published ones are found, others are not. */
int
search_index_item(const struct item *it)
{
	return search_doc_index(it, true);
}

static int
search_doc_index(const struct item *it, bool replace)
{
	struct search_doc	 d;
	struct buf		 plain = { NULL, 0, 0 }, extra = { NULL, 0, 0 };
	struct arena		*a;
	int			 e;

	if (strcmp(it->status, "published"))
		return search_doc_remove(it->kind, it->id);
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
	e = search_doc_put(&d, replace);
	buf_free(&plain);
	buf_free(&extra);
	arena_free(a);
	return e;
}

/* Rebuild the index of every content item; *n counts those indexed. */
int
search_reindex(size_t *n)
{
	static struct dbstmt q_clear = DBSTMT("DELETE FROM search_docs");
	struct arena	*a;
	struct item	*items;
	unsigned	 after = 0;
	size_t		 got, i;
	int		 e;

	*n = 0;
	if ((e = db_exec(&q_clear, NULL, NULL, 0, NULL)) != DB_OK)
		return e;
	do {
		a = arena_new();
		if ((e = items_batch(a, after, 500, &items, &got)) == DB_OK)
			for (i = 0; i < got && e == DB_OK; i++) {
				after = items[i].id;
				if (strcmp(items[i].status, "published"))
					continue;
				if ((e = search_doc_index(&items[i], false)) ==
				    DB_OK)
					(*n)++;
			}
		arena_free(a);
	} while (e == DB_OK && got == 500);
	return e;
}

/* ---- searching ------------------------------------------------------------- */

#define SEARCH_WHERE \
	"MATCH (d.title_terms, d.body_terms) AGAINST (? IN BOOLEAN MODE) " \
	"AND (? = '' OR d.kind = ?) AND (? = '' OR d.lang = ?) " \
	"AND (? = '' OR d.product = ?) AND (? = 0 OR d.category_id IN " \
	"(SELECT c.id FROM categories c WHERE c.id = ? OR c.parent_id = ?)) " \
	"AND " ACCESS_SQL("d.visibility", "d.item_id")

/*
 * Ranking reads only ids and scores: Mroonga is a column store, and a
 * sort that carries the text columns along reads every match's text.
 * The ten rows shown are then read by id.  Counting stops at
 * SEARCH_MAX_COUNT (the page says "more than").
 */
static struct dbstmt q_search = DBSTMT(
    "SELECT d.id, MATCH (d.title_terms, d.body_terms) AGAINST "
    "(? IN BOOLEAN MODE) AS score FROM search_docs d WHERE " SEARCH_WHERE
    " ORDER BY score DESC LIMIT ? OFFSET ?");
static struct dbstmt q_hit = DBSTMT(
    "SELECT d.kind, d.item_id, d.url, d.title, d.plain, d.lang, "
    "DATE_FORMAT(d.updated_at, '%Y-%m-%dT%H:%i:%sZ') FROM search_docs d "
    "WHERE d.id = ?");
static struct dbstmt q_count = DBSTMT(
    "SELECT COUNT(*) FROM (SELECT 1 FROM search_docs d WHERE " SEARCH_WHERE
    " LIMIT 1000) x");
static struct dbstmt q_log = DBSTMT(
    "INSERT INTO search_log (query, lang, results, user_id) "
    "VALUES (?, ?, ?, NULLIF(?, 0))");

/* The WHERE arguments, after the leading ones. */
static size_t
where_args(struct req *r, const struct search_opts *o, const char *mq,
    struct dbarg *a)
{
	const char	*kind = o->kind ? o->kind : "";
	const char	*lang = o->lang ? o->lang : "";
	const char	*product = o->product ? o->product : "";

	a[0] = DBS(mq);
	a[1] = DBS(kind);
	a[2] = DBS(kind);
	a[3] = DBS(lang);
	a[4] = DBS(lang);
	a[5] = DBS(product);
	a[6] = DBS(product);
	a[7] = DBI(o->category_id);
	a[8] = DBI(o->category_id);
	a[9] = DBI(o->category_id);
	content_access_args(r, a + 10);
	return 14;
}

static int
run_once(struct req *r, const struct search_opts *o, const char *mq,
    struct search_result *res)
{
	struct dbres	*rows;
	struct dbarg	 a[17];
	size_t		 n, i;
	int		 e;

	n = where_args(r, o, mq, a);
	if ((e = db_query(&q_count, &rows, n, a)) != DB_OK)
		return e;
	res->total = rows->nrows ? strtoul(dbres_get(rows, 0, 0), NULL, 10) : 0;
	dbres_free(rows);
	if (res->total == 0 || o->offset >= res->total)
		return DB_OK;
	a[0] = DBS(mq);
	n = where_args(r, o, mq, a + 1) + 1;
	a[n++] = DBI(o->limit);
	a[n++] = DBI(o->offset);
	if ((e = db_query(&q_search, &rows, n, a)) != DB_OK)
		return e;
	res->hits = arena_alloc(r->arena, sizeof(*res->hits) *
	    (rows->nrows + 1));
	res->nhits = 0;
	for (i = 0; i < rows->nrows && e == DB_OK; i++) {
		struct search_hit	*h = &res->hits[res->nhits];
		struct dbres		*one;

		a[0] = DBI(strtoull(dbres_get(rows, i, 0), NULL, 10));
		if ((e = db_query(&q_hit, &one, 1, a)) != DB_OK)
			break;
		if (one->nrows == 1) {
			h->kind = arena_strdup(r->arena, dbres_get(one, 0, 0));
			h->item_id = (unsigned)strtoul(dbres_get(one, 0, 1),
			    NULL, 10);
			h->url = arena_strdup(r->arena, dbres_get(one, 0, 2));
			h->title = arena_strdup(r->arena, dbres_get(one, 0, 3));
			h->plain = arena_strdup(r->arena, dbres_get(one, 0, 4));
			h->lang = arena_strdup(r->arena, dbres_get(one, 0, 5));
			h->updated = arena_strdup(r->arena, dbres_get(one, 0, 6));
			res->nhits++;
		}
		dbres_free(one);
	}
	dbres_free(rows);
	return e;
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
	const char	*mq;
	int		 e;

	memset(res, 0, sizeof(*res));
	if (o->query == NULL || !text_query_parse(r->arena, o->query, &res->q)) {
		res->empty = true;
		return DB_OK;
	}
	mq = text_query_mroonga(r->arena, &res->q, false);
	if ((e = run_once(r, o, mq, res)) != DB_OK)
		return e;
	if (res->total == 0 && res->q.nwords > 1) {
		res->any_word = true;
		mq = text_query_mroonga(r->arena, &res->q, true);
		if ((e = run_once(r, o, mq, res)) != DB_OK)
			return e;
	}
	if (o->log && o->offset == 0) {
		a[0] = DBS(text_query_normal(r->arena, &res->q));
		a[1] = DBS(r->cat != NULL ? r->cat->code : "");
		a[2] = DBI(res->total);
		a[3] = DBI(r->user != NULL ? r->user->id : 0);
		if ((e = db_exec(&q_log, NULL, &res->log_id, 4, a)) != DB_OK)
			return e;
	}
	return DB_OK;
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
		if (res->log_id != 0)
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
