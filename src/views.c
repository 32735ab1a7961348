/*
 * View counts.  A worker counts views in memory and adds them to
 * item_views (one row per item and day) every few seconds, between
 * requests (views_idle(), after the answer has gone), so a page view
 * costs no write of its own; a worker that dies loses at most those
 * seconds of counts.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

#define SLOTS		64
#define FLUSH_MS	5000

static struct {
	unsigned	item_id;
	unsigned	n;
} pending[SLOTS];
static size_t	npending;
static int64_t	last_flush;

/* An item deleted since its views were counted takes none. */
static struct dbstmt q_add = DBSTMT(
    "INSERT INTO item_views (item_id, day, views) SELECT id, UTC_DATE(), ? "
    "FROM items WHERE id = ? "
    "ON DUPLICATE KEY UPDATE views = item_views.views + VALUES(views)");

/* Write the counts held; those that fail are kept for the next try. */
void
views_flush(void)
{
	struct dbarg	a[2];
	size_t		i, kept = 0;

	last_flush = now_ms();
	for (i = 0; i < npending; i++) {
		a[0] = DBI(pending[i].n);
		a[1] = DBI(pending[i].item_id);
		if (db_exec(&q_add, NULL, NULL, 2, a) != DB_OK)
			pending[kept++] = pending[i];
	}
	npending = kept;
}

void
views_count(unsigned item_id)
{
	size_t	i;

	for (i = 0; i < npending; i++)
		if (pending[i].item_id == item_id)
			break;
	if (i == npending) {
		if (npending == SLOTS)
			views_flush();
		if (npending == SLOTS)
			return;		/* the database is away: drop it */
		pending[npending].item_id = item_id;
		pending[npending].n = 0;
		npending++;
	}
	pending[i].n++;
}

/* Between requests: write the counts when they have waited long enough. */
void
views_idle(void)
{
	if (npending > 0 && now_ms() - last_flush > FLUSH_MS)
		views_flush();
}
