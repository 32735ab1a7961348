/*
 * Sign-in throttling, kept in MariaDB so it holds across workers and
 * hosts.  Each failed sign-in counts against the address it names and
 * the client address it came from; past a number of free attempts each
 * further failure blocks for 30 seconds, doubling with every further
 * failure (capped at 15 minutes).  Counts older
 * than a day start again.  The counter is one atomic upsert, correct under
 * concurrency and in a Galera cluster.
 */
#include "config.h"

#include <stdlib.h>

#include "portico.h"

static struct dbstmt q_wait = DBSTMT(
    "SELECT CEIL(TIMESTAMPDIFF(MICROSECOND, NOW(3), blocked_until) / 1e6) "
    "FROM signin_throttle WHERE kind = ? AND subject = ? "
    "AND blocked_until > NOW(3)");
static struct dbstmt q_fail = DBSTMT(
    "INSERT INTO signin_throttle (kind, subject, failures, blocked_until) "
    "VALUES (?, ?, 1, NOW(3)) ON DUPLICATE KEY UPDATE "
    "failures = IF(updated_at < NOW() - INTERVAL 1 DAY, 1, failures + 1), "
    "blocked_until = IF(failures > ?, NOW(3) + INTERVAL "
    "LEAST(30 * POW(2, failures - ? - 1), 900) SECOND, blocked_until)");
static struct dbstmt q_clear = DBSTMT(
    "DELETE FROM signin_throttle WHERE kind = ? AND subject = ?");

/* Failures allowed before waits start: per account, per client address. */
static int
free_tries(const char *kind)
{
	return kind[0] == 'u' ? 5 : 20;
}

/*
 * How many seconds kind/subject must wait before trying again (0: now),
 * in *secs.  Returns a dberr.
 */
int
throttle_wait(const char *kind, const char *subject, int *secs)
{
	struct dbres	*res;
	struct dbarg	 a[2];
	int		 e;

	*secs = 0;
	a[0] = DBS(kind);
	a[1] = DBS(subject);
	if ((e = db_query(&q_wait, &res, 2, a)) != DB_OK)
		return e;
	if (res->nrows == 1)
		*secs = atoi(dbres_get(res, 0, 0));
	if (*secs < 0)
		*secs = 0;
	dbres_free(res);
	return DB_OK;
}

int
throttle_fail(const char *kind, const char *subject)
{
	struct dbarg	a[4];

	a[0] = DBS(kind);
	a[1] = DBS(subject);
	a[2] = DBI(free_tries(kind));
	a[3] = DBI(free_tries(kind));
	return db_exec(&q_fail, NULL, NULL, 4, a);
}

int
throttle_clear(const char *kind, const char *subject)
{
	struct dbarg	a[2];

	a[0] = DBS(kind);
	a[1] = DBS(subject);
	return db_exec(&q_clear, NULL, NULL, 2, a);
}
