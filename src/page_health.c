/*
 * GET /healthz: for load balancers and monitoring.  200 "ok" when this
 * worker can reach the database, 503 otherwise; plain text.
 *
 * GET /_dev/sleep?ms=N (development mode only, see the route table):
 * holds the worker for N ms, so tests can show that a stuck worker is
 * killed and replaced.
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "portico.h"

enum { PING_ONE, PING__MAX };
static struct dbstmt q_ping = DBSTMT_COLS("SELECT 1", PING__MAX);

int
page_health(struct req *r)
{
	struct dbres	*res;
	int		 e;

	e = db_query(&q_ping, &res, 0, NULL);
	dbres_free(res);
	r->ctype_out = "text/plain; charset=utf-8";
	r->body_out = e == DB_OK ? "ok\n" : "database unavailable\n";
	r->body_out_len = e == DB_OK ? 3 : 21;
	req_header(r, "Cache-Control", "no-store");
	return e == DB_OK ? 200 : 503;
}

int
page_dev_sleep(struct req *r)
{
	const char	*ms = kv_get(&r->query, "ms");
	long		 n = ms ? strtol(ms, NULL, 10) : 0;
	struct timespec	 ts;

	ts.tv_sec = n / 1000;
	ts.tv_nsec = (n % 1000) * 1000000L;
	/* Tests wait for this line to know the request is in a worker. */
	log_info("rid=%s sleeping %ld ms", r->rid, n);
	while (nanosleep(&ts, &ts) == -1)
		continue;
	r->ctype_out = "text/plain; charset=utf-8";
	r->body_out = "slept\n";
	r->body_out_len = 6;
	return 200;
}
