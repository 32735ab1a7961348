/*
 * Throttling, kept in MariaDB so it holds across workers and hosts.
 * Each failed sign-in counts against the address it names ("user") and
 * the client address it came from ("addr"); each mail a public form asks
 * for counts against the address mailed ("mail-user") and the client
 * ("mail-addr").  Past a number of free tries each further one blocks
 * for 30 seconds, doubling every time (capped at 15 minutes).  Counts
 * older than a day start again.  The counter is one atomic upsert,
 * correct under concurrency and in a Galera cluster.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

enum { WAIT_SECONDS, WAIT__MAX };
static struct dbstmt q_wait = DBSTMT_COLS(
    "SELECT CEIL(TIMESTAMPDIFF(MICROSECOND, NOW(3), blocked_until) / 1e6) "
    "FROM signin_throttle WHERE kind = ? AND subject = ? "
    "AND blocked_until > NOW(3)", WAIT__MAX);
static struct dbstmt q_fail = DBSTMT(
    "INSERT INTO signin_throttle (kind, subject, failures, blocked_until) "
    "VALUES (?, ?, 1, NOW(3)) ON DUPLICATE KEY UPDATE "
    "failures = IF(updated_at < NOW() - INTERVAL 1 DAY, 1, failures + 1), "
    "blocked_until = IF(failures > ?, NOW(3) + INTERVAL "
    "LEAST(30 * POW(2, failures - ? - 1), 900) SECOND, blocked_until)");
static struct dbstmt q_clear = DBSTMT(
    "DELETE FROM signin_throttle WHERE kind = ? AND subject = ?");

/* Tries allowed before waits start, for each kind of subject. */
static const struct {
	const char	*kind;
	int		 free;
} kinds[] = {
	{ "user", 5 },		/* sign-in failures naming one address */
	{ "addr", 20 },		/* ... from one client address */
	{ "mail-user", 3 },	/* mail asked for one address */
	{ "mail-addr", 20 },	/* ... by one client address */
};

static int
free_tries(const char *kind)
{
	size_t	i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kinds[i].kind, kind))
			return kinds[i].free;
	log_fatalx("throttle: unknown kind %s", kind);
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
		*secs = atoi(dbres_get(res, 0, WAIT_SECONDS));
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

/*
 * Mail that a form sends to an address someone typed (registration,
 * reset, invitation, address change): may r have one more mail sent to
 * addr?  *secs is 0 when it may, and the request is then counted against
 * the address and the client; else how long to wait, and nothing is
 * counted.  The same whether or not addr has a user, so the answer tells
 * nothing about it.  Returns a dberr.
 */
int
throttle_mail(struct req *r, const char *addr, int *secs)
{
	const char	*client = r->remote_addr ? r->remote_addr : "";
	int		 e, other;

	if ((e = throttle_wait("mail-user", addr, secs)) != DB_OK ||
	    (e = throttle_wait("mail-addr", client, &other)) != DB_OK)
		return e;
	if (other > *secs)
		*secs = other;
	if (*secs > 0)
		return DB_OK;
	if ((e = throttle_fail("mail-user", addr)) != DB_OK)
		return e;
	return throttle_fail("mail-addr", client);
}

/* The answer to a form whose mail must wait: 429 saying how long
 * (req_fail(): dispatch() makes the page). */
int
throttle_mail_page(struct req *r, int secs)
{
	req_header(r, "Retry-After", arena_printf(r->arena, "%d", secs));
	return req_fail(r, 429, "mail-throttled",
	    arena_printf(r->arena, "%d", secs));
}
