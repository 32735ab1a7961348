/*
 * This node's copy of the search index (search_docs, Mroonga) kept up
 * with search_source, the replicated documents (sql/031_search_source.sql).
 * On one machine the writers keep both and nothing here is needed; in a
 * Galera cluster every node runs `portico-admin search-sync --follow`
 * beside its MariaDB, which
 *
 *   - on start (and after losing the server) catches up: every document
 *     whose revision differs from this node's copy, every tombstone this
 *     node still holds and every local row search_source does not know;
 *   - then, twice a second, applies the rows changed in a trailing
 *     window (SYNC_WINDOW seconds before the newest change it saw last
 *     time), so a transaction that commits a little after it stamped
 *     its rows, or on a node whose clock runs a little behind, is
 *     still seen.  Rows already applied cost a primary-key lookup.
 *
 * `search-sync --full` rebuilds the copy from search_source (a new node,
 * or a Mroonga table damaged by a crash).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "portico.h"

#define SYNC_WINDOW	60	/* seconds re-read behind the newest change */
#define SYNC_BATCH	500

/* A row is stale when this node's copy differs from the source. */
#define STALE_SQL \
	"IF(s.deleted, d.id IS NOT NULL, d.id IS NULL OR d.rev <> s.rev)"

enum { STALE_ID, STALE__MAX };
static struct dbstmt q_stale_since = DBSTMT_COLS(
    "SELECT s.id FROM search_source s LEFT JOIN search_docs d "
    "ON d.id = s.id WHERE s.changed_at >= ? AND " STALE_SQL
    " ORDER BY s.changed_at LIMIT 500", STALE__MAX);
static struct dbstmt q_stale_after = DBSTMT_COLS(
    "SELECT s.id FROM search_source s LEFT JOIN search_docs d "
    "ON d.id = s.id WHERE s.id > ? AND " STALE_SQL
    " ORDER BY s.id LIMIT 500", STALE__MAX);
static struct dbstmt q_orphans_after = DBSTMT_COLS(
    "SELECT d.id FROM search_docs d LEFT JOIN search_source s "
    "ON s.id = d.id WHERE d.id > ? AND s.id IS NULL ORDER BY d.id "
    "LIMIT 500", STALE__MAX);
enum { SINCE_AT, SINCE__MAX };
static struct dbstmt q_since = DBSTMT_COLS(
    "SELECT DATE_FORMAT(COALESCE(MAX(changed_at), UTC_TIMESTAMP(6)) - "
    "INTERVAL ? SECOND, '%Y-%m-%d %H:%i:%s.%f') FROM search_source",
    SINCE__MAX);
/* Rows, not TRUNCATE: a cluster would run that on every node. */
static struct dbstmt q_local_clear = DBSTMT("DELETE FROM search_docs");
static struct dbstmt q_local_fill = DBSTMT(
    "INSERT INTO search_docs (id, kind, item_id, lang, category_id, "
    "product, visibility, account_id, url, title, plain, title_terms, "
    "body_terms, updated_at, facets, rev) SELECT id, kind, item_id, lang, "
    "category_id, product, visibility, account_id, url, title, plain, "
    "title_terms, body_terms, updated_at, facets, rev FROM search_source "
    "WHERE deleted = 0");
enum { LOCAL_COUNT, LOCAL__MAX };
static struct dbstmt q_local_count = DBSTMT_COLS(
    "SELECT COUNT(*) FROM search_docs", LOCAL__MAX);

/* Apply the ids of res; *n counts them; *last is the greatest. */
static int
apply_rows(const struct dbres *res, uint64_t *n, unsigned *last)
{
	unsigned	id;
	size_t		i;
	int		e;

	for (i = 0; i < res->nrows; i++) {
		id = (unsigned)strtoul(dbres_get(res, i, STALE_ID), NULL, 10);
		if ((e = search_local_apply(id)) != DB_OK)
			return e;
		if (last != NULL && id > *last)
			*last = id;
		(*n)++;
	}
	return DB_OK;
}

/* Apply every row q (paged by id) finds stale. */
static int
sweep(struct dbstmt *q, uint64_t *n)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	unsigned	 after = 0;
	size_t		 got;
	int		 e;

	do {
		a[0] = DBI(after);
		if ((e = db_query(q, &res, 1, a)) != DB_OK)
			return e;
		got = res->nrows;
		e = apply_rows(res, n, &after);
		dbres_free(res);
	} while (e == DB_OK && got == SYNC_BATCH);
	return e;
}

/* Compare every document with this node's copy and mend the copy; *n
 * counts the documents applied. */
int
search_sync_catch_up(uint64_t *n)
{
	int	e;

	*n = 0;
	if ((e = sweep(&q_stale_after, n)) != DB_OK)
		return e;
	return sweep(&q_orphans_after, n);
}

/* This node's copy made anew from search_source; *n its rows. */
int
search_sync_full(uint64_t *n)
{
	struct dbres	*res;
	int		 e;

	if ((e = db_exec(&q_local_clear, NULL, NULL, 0, NULL)) != DB_OK ||
	    (e = db_exec(&q_local_fill, NULL, NULL, 0, NULL)) != DB_OK)
		return e;
	if ((e = db_query(&q_local_count, &res, 0, NULL)) != DB_OK)
		return e;
	*n = strtoull(dbres_get(res, 0, LOCAL_COUNT), NULL, 10);
	dbres_free(res);
	return DB_OK;
}

/* The start of the next window, in since[SEARCH_MARK_LEN]. */
static int
window_start(char *since)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	int		 e;

	a[0] = DBI(SYNC_WINDOW);
	if ((e = db_query(&q_since, &res, 1, a)) != DB_OK)
		return e;
	snprintf(since, SEARCH_MARK_LEN, "%s", dbres_get(res, 0, SINCE_AT));
	dbres_free(res);
	return DB_OK;
}

/* Apply what changed since since; then since moves on. */
static int
follow_once(char *since, uint64_t *n)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	char		 next[SEARCH_MARK_LEN];
	size_t		 got;
	int		 e;

	if ((e = window_start(next)) != DB_OK)
		return e;
	do {
		a[0] = DBS(since);
		if ((e = db_query(&q_stale_since, &res, 1, a)) != DB_OK)
			return e;
		got = res->nrows;
		e = apply_rows(res, n, NULL);
		dbres_free(res);
	} while (e == DB_OK && got == SYNC_BATCH);
	if (e == DB_OK)
		memcpy(since, next, SEARCH_MARK_LEN);
	return e;
}

/* Keep this node's copy up to date until killed. */
int
search_sync_follow(void)
{
	struct timespec	 pause = { 0, 500000000L };
	char		 since[SEARCH_MARK_LEN];
	uint64_t	 n;
	bool		 caught_up = false;

	for (;;) {
		n = 0;
		if (!caught_up) {
			if (window_start(since) == DB_OK &&
			    search_sync_catch_up(&n) == DB_OK) {
				caught_up = true;
				log_info("search-sync: caught up, %" PRIu64
				    " documents applied", n);
			} else {
				log_warnx("search-sync: %s", db_last_error());
				db_disconnect();
			}
		} else if (follow_once(since, &n) != DB_OK) {
			/* Lost the server (restart, state transfer): once it
			 * is back, compare everything again. */
			log_warnx("search-sync: %s", db_last_error());
			db_disconnect();
			caught_up = false;
		} else if (n > 0)
			log_info("search-sync: %" PRIu64 " documents applied",
			    n);
		nanosleep(&pause, NULL);
	}
}
