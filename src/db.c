/*
 * MariaDB through Connector/C.  One connection per worker, opened on
 * first use and again after it is lost.  Statements are constant text
 * declared beside the code that uses them (struct dbstmt), prepared once
 * per connection and executed with bound parameters; user data never
 * reaches SQL text.  Results come back as strings.
 *
 * Errors map to enum dberr: a lost or refused connection is
 * DB_UNAVAILABLE (the page answers 503 and the next request reconnects),
 * a deadlock or lock wait timeout is DB_RETRY (db_tx() runs the
 * transaction again, as Galera certification failures need too).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include "portico.h"

static MYSQL		 *db;
static unsigned		  db_gen;
static bool		  in_tx;
/* The connection went away inside a transaction: every statement until
 * its rollback fails, rather than running on a new connection outside
 * it (the transaction's earlier writes are gone with the old one). */
static bool		  tx_lost;
static struct dbstmt	**prepared;
static size_t		  nprepared, capprepared;
static char		  lasterr[512];
static int64_t		  last_fail_log;

const char *
db_last_error(void)
{
	return lasterr;
}

/* Map a server or client error number to an enum dberr. */
static int
db_classify(unsigned int e)
{
	switch (e) {
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case CR_SERVER_LOST_EXTENDED:
	case CR_COMMANDS_OUT_OF_SYNC:
	case ER_CONNECTION_KILLED:
	case ER_SERVER_SHUTDOWN:
	case ER_QUERY_INTERRUPTED:
	case ER_UNKNOWN_COM_ERROR:	/* Galera: node not ready */
	case ER_LOCK_OR_ACTIVE_TRANSACTION:
		return DB_UNAVAILABLE;
	case ER_LOCK_DEADLOCK:
	case ER_LOCK_WAIT_TIMEOUT:
		return DB_RETRY;
	case ER_DUP_ENTRY:
		return DB_DUPLICATE;
	default:
		return DB_ERROR;
	}
}

/* The HTTP status for a dberr a handler could not handle itself. */
int
db_status(int e)
{
	return e == DB_UNAVAILABLE ? 503 : e == DB_OK ? 200 : 500;
}

void
db_disconnect(void)
{
	size_t	i;

	for (i = 0; i < nprepared; i++) {
		if (prepared[i]->stmt != NULL && prepared[i]->gen == db_gen)
			mysql_stmt_close(prepared[i]->stmt);
		prepared[i]->stmt = NULL;
	}
	nprepared = 0;
	if (db != NULL)
		mysql_close(db);
	db = NULL;
	if (in_tx)
		tx_lost = true;
	in_tx = false;
}

/* Statements may take as long as they take (the admin command); a
 * worker's wait for the server ends with its request_timeout. */
bool	db_patient;

/*
 * db_host may name several servers, "host[:port], host[:port]...", the
 * nodes of a cluster: a worker uses one, and moves to the next when it
 * cannot connect or the one it used stops answering (a node down, or
 * one that left the cluster's primary component).
 */
#define DB_HOSTS_MAX	16
static unsigned		  db_pick;

/* The i-th server of db_host (host into h, port into *port); false past
 * the last. */
static bool
db_host_nth(unsigned i, char *h, size_t hlen, unsigned *port)
{
	const char	*p = conf->db_host, *end, *colon;
	size_t		 len;

	for (;;) {
		p += strspn(p, " ,");
		if (*p == '\0')
			return false;
		end = p + strcspn(p, ",");
		if (i-- == 0)
			break;
		p = end;
	}
	while (end > p && end[-1] == ' ')
		end--;
	colon = memchr(p, ':', (size_t)(end - p));
	len = (size_t)((colon != NULL ? colon : end) - p);
	if (len >= hlen)
		len = hlen - 1;
	memcpy(h, p, len);
	h[len] = '\0';
	*port = colon != NULL ? (unsigned)strtoul(colon + 1, NULL, 10) :
	    (unsigned)conf->db_port;
	return true;
}

static unsigned
db_host_count(void)
{
	char		h[256];
	unsigned	n = 0, port;

	while (n < DB_HOSTS_MAX && db_host_nth(n, h, sizeof(h), &port))
		n++;
	return n;
}

/* Each connection's settings: UTC, and strict about bad values. */
#define INIT_SQL "SET time_zone = '+00:00', sql_mode = " \
	"'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION,ERROR_FOR_DIVISION_BY_ZERO," \
	"NO_ZERO_DATE'"

/* Open the connection if it is not open; DB_OK or DB_UNAVAILABLE. */
int
db_connect(void)
{
	unsigned int	 timeout = 3, rwtimeout, port = 0, n, i;
	my_bool		 off = 0;
	int64_t		 now;
	char		 host[256] = "";
	bool		 up = false;

	if (db != NULL)
		return DB_OK;
	n = conf->db_socket[0] ? 1 : db_host_count();
	for (i = 0; i < n && !up; i++) {
		if ((db = mysql_init(NULL)) == NULL)
			log_fatalx("mysql_init: out of memory");
		rwtimeout = (unsigned int)conf->request_timeout;
		mysql_options(db, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
		if (!db_patient) {
			mysql_options(db, MYSQL_OPT_READ_TIMEOUT, &rwtimeout);
			mysql_options(db, MYSQL_OPT_WRITE_TIMEOUT, &rwtimeout);
		}
		mysql_options(db, MYSQL_OPT_RECONNECT, &off);
		mysql_options(db, MYSQL_SET_CHARSET_NAME, "utf8mb4");
		/* With query_stats, the statement budgets measure what a
		 * statement costs, not a hit in MariaDB's query cache. */
		mysql_options(db, MYSQL_INIT_COMMAND, conf->query_stats ?
		    INIT_SQL ", query_cache_type = OFF" : INIT_SQL);
		if (!conf->db_socket[0] && !db_host_nth((db_pick + i) % n,
		    host, sizeof(host), &port))
			log_fatalx("db_host: no server named");
		if (mysql_real_connect(db, conf->db_socket[0] ? NULL : host,
		    conf->db_user, conf->db_password, conf->db_name, port,
		    conf->db_socket[0] ? conf->db_socket : NULL, 0) != NULL) {
			up = true;
			db_pick = (db_pick + i) % n;
			break;
		}
		snprintf(lasterr, sizeof(lasterr), "connect%s%s: %s",
		    host[0] ? " " : "", host, mysql_error(db));
		mysql_close(db);
		db = NULL;
	}
	if (!up) {
		/* A dead server is seen by every request: log once a second. */
		now = now_ms();
		if (now - last_fail_log >= 1000) {
			log_warnx("db: %s", lasterr);
			last_fail_log = now;
		}
		return DB_UNAVAILABLE;
	}
	db_gen++;
	return DB_OK;
}

/* The server stopped answering: the next connection tries the next. */
static void
db_lost(void)
{
	db_disconnect();
	db_pick++;
}

static int
stmt_error(MYSQL_STMT *st, struct dbstmt *s)
{
	unsigned int	e = mysql_stmt_errno(st);
	int		c = db_classify(e);

	snprintf(lasterr, sizeof(lasterr), "%u: %s", e, mysql_stmt_error(st));
	if (c == DB_UNAVAILABLE || c == DB_ERROR)
		log_warnx("db: %s [%.60s]", lasterr, s->sql);
	if (c == DB_UNAVAILABLE)
		db_lost();
	return c;
}

/* The prepared statement of s on this connection, or NULL (err set). */
static MYSQL_STMT *
stmt_get(struct dbstmt *s, int *err)
{
	MYSQL_STMT	*st;
	my_bool		 yes = 1;

	if (tx_lost) {
		snprintf(lasterr, sizeof(lasterr), "the connection was lost "
		    "inside a transaction");
		*err = DB_UNAVAILABLE;
		return NULL;
	}
	if ((*err = db_connect()) != DB_OK)
		return NULL;
	if (s->stmt != NULL && s->gen == db_gen)
		return s->stmt;
	if ((st = mysql_stmt_init(db)) == NULL)
		log_fatalx("mysql_stmt_init: out of memory");
	if (mysql_stmt_prepare(st, s->sql, strlen(s->sql))) {
		*err = stmt_error(st, s);
		mysql_stmt_close(st);
		return NULL;
	}
	if (mysql_stmt_field_count(st) != s->ncols) {
		/* The statement's column names no longer fit its SELECT. */
		snprintf(lasterr, sizeof(lasterr), "statement returns %u "
		    "columns, declared %u", mysql_stmt_field_count(st),
		    s->ncols);
		if (conf->development)
			log_fatalx("db: %s: %s", lasterr, s->sql);
		log_warnx("db: %s [%.60s]", lasterr, s->sql);
		mysql_stmt_close(st);
		*err = DB_ERROR;
		return NULL;
	}
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &yes);
	if (nprepared == capprepared) {
		capprepared = capprepared ? capprepared * 2 : 32;
		prepared = xrealloc(prepared, capprepared * sizeof(*prepared));
	}
	prepared[nprepared++] = s;
	s->stmt = st;
	s->gen = db_gen;
	return st;
}

static void
bind_args(MYSQL_BIND *b, size_t n, const struct dbarg *a,
    unsigned long *lens)
{
	size_t	i;

	memset(b, 0, n * sizeof(*b));
	for (i = 0; i < n; i++) {
		switch (a[i].type) {
		case 's':
			lens[i] = a[i].slen == (size_t)-1 ?
			    strlen(a[i].s) : a[i].slen;
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)a[i].s;
			b[i].buffer_length = lens[i];
			b[i].length = &lens[i];
			break;
		case 'i':
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)&a[i].i;
			break;
		default:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		}
	}
}

/* Statements executed since db_stats_begin(), and the rows MariaDB had
 * read then (query_stats). */
static unsigned long		nstmt;
static unsigned long long	rows_read0;

/* Bind and execute once; the statement or NULL with *err set. */
static MYSQL_STMT *
stmt_run(struct dbstmt *s, size_t n, const struct dbarg *a, int *err)
{
	MYSQL_STMT	*st;
	MYSQL_BIND	 b[32];
	unsigned long	 lens[32];

	if (n > 32)
		log_fatalx("db: too many parameters (%zu)", n);
	if ((st = stmt_get(s, err)) == NULL)
		return NULL;
	if (mysql_stmt_param_count(st) != n)
		log_fatalx("db: statement wants %lu parameters, got %zu: %s",
		    mysql_stmt_param_count(st), n, s->sql);
	bind_args(b, n, a, lens);
	nstmt++;
	if ((n && mysql_stmt_bind_param(st, b)) || mysql_stmt_execute(st)) {
		*err = stmt_error(st, s);
		return NULL;
	}
	*err = DB_OK;
	return st;
}

/*
 * Run s and, outside a transaction, once more on a fresh connection if
 * the old one turned out to be gone (the server restarted while this
 * worker was idle, or its cluster node went away: the next node), and
 * again, up to three times, if it met a deadlock or a cluster conflict:
 * a statement on its own is its own transaction, which the server
 * rolled back whole, so running it again cannot apply it twice.
 */
static MYSQL_STMT *
stmt_run_retry(struct dbstmt *s, size_t n, const struct dbarg *a, int *err)
{
	struct timespec	 ts = { 0, 0 };
	MYSQL_STMT	*st;
	bool		 was_open = db != NULL, tx = in_tx;
	int		 tries;

	/* (A lost connection ends the transaction: in_tx is read before.) */
	st = stmt_run(s, n, a, err);
	if (st == NULL && *err == DB_UNAVAILABLE && was_open && !tx)
		st = stmt_run(s, n, a, err);
	for (tries = 1; st == NULL && *err == DB_RETRY && !tx && tries < 4;
	    tries++) {
		ts.tv_nsec = 3000000L * tries;
		nanosleep(&ts, NULL);
		st = stmt_run(s, n, a, err);
	}
	return st;
}

static int
fetch_all(MYSQL_STMT *st, struct dbstmt *s, struct dbres **out)
{
	MYSQL_RES	*meta;
	MYSQL_FIELD	*f;
	MYSQL_BIND	*b;
	struct dbres	*res;
	unsigned long	*lens;
	my_bool		*nulls;
	char		**bufs;
	size_t		 c, r, nc;
	int		 rc, e = DB_OK;

	*out = NULL;
	if ((meta = mysql_stmt_result_metadata(st)) == NULL)
		return DB_OK;
	if (mysql_stmt_store_result(st)) {
		mysql_free_result(meta);
		return stmt_error(st, s);
	}
	nc = mysql_num_fields(meta);
	f = mysql_fetch_fields(meta);
	res = xcalloc(1, sizeof(*res));
	res->ncols = nc;
	res->nrows = (size_t)mysql_stmt_num_rows(st);
	res->cell = xcalloc(res->nrows * nc + 1, sizeof(char *));
	res->len = xcalloc(res->nrows * nc + 1, sizeof(unsigned long));
	b = xcalloc(nc, sizeof(*b));
	lens = xcalloc(nc, sizeof(*lens));
	nulls = xcalloc(nc, sizeof(*nulls));
	bufs = xcalloc(nc, sizeof(*bufs));
	for (c = 0; c < nc; c++) {
		bufs[c] = xmalloc(f[c].max_length + 1);
		b[c].buffer_type = MYSQL_TYPE_STRING;
		b[c].buffer = bufs[c];
		b[c].buffer_length = f[c].max_length + 1;
		b[c].length = &lens[c];
		b[c].is_null = &nulls[c];
	}
	if (nc && mysql_stmt_bind_result(st, b))
		e = stmt_error(st, s);
	for (r = 0; e == DB_OK && r < res->nrows; r++) {
		rc = mysql_stmt_fetch(st);
		if (rc == 1) {
			e = stmt_error(st, s);
			break;
		}
		if (rc == MYSQL_NO_DATA)
			break;
		for (c = 0; c < nc; c++) {
			if (nulls[c])
				continue;
			res->cell[r * nc + c] = xmalloc(lens[c] + 1);
			memcpy(res->cell[r * nc + c], bufs[c], lens[c]);
			res->cell[r * nc + c][lens[c]] = '\0';
			res->len[r * nc + c] = lens[c];
		}
	}
	mysql_stmt_free_result(st);
	mysql_free_result(meta);
	for (c = 0; c < nc; c++)
		free(bufs[c]);
	free(bufs);
	free(b);
	free(lens);
	free(nulls);
	if (e != DB_OK) {
		dbres_free(res);
		return e;
	}
	*out = res;
	return DB_OK;
}

/*
 * Run a statement that returns rows; *out (free with dbres_free) is
 * NULL on error.  Returns an enum dberr.
 */
int
db_query(struct dbstmt *s, struct dbres **out, size_t n,
    const struct dbarg *a)
{
	MYSQL_STMT	*st;
	int		 e;

	*out = NULL;
	if ((st = stmt_run_retry(s, n, a, &e)) == NULL)
		return e;
	return fetch_all(st, s, out);
}

/* Run a statement that changes rows; counts out when not NULL. */
int
db_exec(struct dbstmt *s, uint64_t *affected, uint64_t *insert_id,
    size_t n, const struct dbarg *a)
{
	MYSQL_STMT	*st;
	struct dbres	*res;
	int		 e;

	if ((st = stmt_run_retry(s, n, a, &e)) == NULL)
		return e;
	if (affected != NULL)
		*affected = (uint64_t)mysql_stmt_affected_rows(st);
	if (insert_id != NULL)
		*insert_id = (uint64_t)mysql_stmt_insert_id(st);
	if ((e = fetch_all(st, s, &res)) == DB_OK)
		dbres_free(res);
	return e;
}

/*
 * Prepare and run one statement of trusted text (a migration file's),
 * discarding any result.  0, or -1 with the server's message in err.
 */
int
db_run_text(const char *sql, size_t len, char *err, size_t errlen)
{
	MYSQL_STMT	*st;
	int		 rc = -1;

	if (db_connect() != DB_OK) {
		snprintf(err, errlen, "%s", lasterr);
		return -1;
	}
	if ((st = mysql_stmt_init(db)) == NULL)
		log_fatalx("mysql_stmt_init: out of memory");
	if (mysql_stmt_prepare(st, sql, len) || mysql_stmt_execute(st)) {
		snprintf(err, errlen, "%u: %s", mysql_stmt_errno(st),
		    mysql_stmt_error(st));
		goto out;
	}
	if (mysql_stmt_field_count(st) > 0)
		mysql_stmt_store_result(st);
	rc = 0;
out:
	mysql_stmt_close(st);
	return rc;
}

void
dbres_free(struct dbres *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrows * r->ncols; i++)
		free(r->cell[i]);
	free(r->cell);
	free(r->len);
	free(r);
}

/* Cell (row, col) as text, "" for NULL or out of range. */
const char *
dbres_get(const struct dbres *r, size_t row, size_t col)
{
	if (r == NULL || row >= r->nrows || col >= r->ncols ||
	    r->cell[row * r->ncols + col] == NULL)
		return "";
	return r->cell[row * r->ncols + col];
}

static int
api_error(void)
{
	unsigned int	e = mysql_errno(db);
	int		c = db_classify(e);

	snprintf(lasterr, sizeof(lasterr), "%u: %s", e, mysql_error(db));
	if (c == DB_UNAVAILABLE)
		db_lost();
	return c;
}

int
db_begin(void)
{
	int	e;

	tx_lost = false;
	if ((e = db_connect()) != DB_OK)
		return e;
	if (mysql_autocommit(db, 0))
		return api_error();
	in_tx = true;
	return DB_OK;
}

int
db_commit(void)
{
	int	e = DB_OK;

	if (db == NULL || tx_lost) {
		tx_lost = false;
		in_tx = false;
		return DB_UNAVAILABLE;
	}
	if (mysql_commit(db))
		e = api_error();
	if (db != NULL && mysql_autocommit(db, 1) && e == DB_OK)
		e = api_error();
	in_tx = false;
	return e;
}

/* Is a transaction open (db_begin(), or inside db_tx())? */
bool
db_in_tx(void)
{
	return in_tx;
}

void
db_rollback(void)
{
	tx_lost = false;
	if (db != NULL) {
		mysql_rollback(db);
		mysql_autocommit(db, 1);
	}
	in_tx = false;
}

/*
 * Savepoints of transactions run inside another one (db_tx() called
 * from a db_tx() function), one per depth.
 */
#define TX_DEPTH_MAX	3
static struct dbstmt q_savepoint[TX_DEPTH_MAX] = {
	DBSTMT("SAVEPOINT portico_tx1"), DBSTMT("SAVEPOINT portico_tx2"),
	DBSTMT("SAVEPOINT portico_tx3")
};
static struct dbstmt q_release[TX_DEPTH_MAX] = {
	DBSTMT("RELEASE SAVEPOINT portico_tx1"),
	DBSTMT("RELEASE SAVEPOINT portico_tx2"),
	DBSTMT("RELEASE SAVEPOINT portico_tx3")
};
static struct dbstmt q_rollback_to[TX_DEPTH_MAX] = {
	DBSTMT("ROLLBACK TO SAVEPOINT portico_tx1"),
	DBSTMT("ROLLBACK TO SAVEPOINT portico_tx2"),
	DBSTMT("ROLLBACK TO SAVEPOINT portico_tx3")
};
static unsigned		  tx_depth;

/*
 * fn(arg) inside the transaction already open: it joins it, behind a
 * savepoint, so a failing fn undoes only its own writes and the outer
 * transaction decides.  A deadlock (DB_RETRY) goes up as it is: the
 * server rolled back the whole transaction, which the outer db_tx()
 * runs again.
 */
static int
tx_nested(int (*fn)(void *), void *arg)
{
	unsigned	d = tx_depth;
	int		e;

	if (d >= TX_DEPTH_MAX)
		return DB_ERROR;
	if ((e = db_exec(&q_savepoint[d], NULL, NULL, 0, NULL)) != DB_OK)
		return e;
	tx_depth++;
	e = fn(arg);
	tx_depth--;
	if (e == DB_OK)
		return db_exec(&q_release[d], NULL, NULL, 0, NULL);
	if (e != DB_RETRY && e != DB_UNAVAILABLE)
		db_exec(&q_rollback_to[d], NULL, NULL, 0, NULL);
	return e;
}

/*
 * Run fn(arg) in a transaction, again (up to five times, with a short
 * random pause) when it or the commit meets a deadlock, a lock wait
 * timeout or a cluster conflict.  Returns fn's or the commit's dberr.
 * Called inside another db_tx(), fn joins that transaction (so mail-in
 * stores a ticket, its message and its files all or nothing).
 */
int
db_tx(int (*fn)(void *), void *arg)
{
	struct timespec	ts;
	unsigned char	jitter;
	int		attempt, e = DB_ERROR;

	if (in_tx)
		return tx_nested(fn, arg);
	for (attempt = 0; attempt < 5; attempt++) {
		if ((e = db_begin()) != DB_OK)
			return e;
		if ((e = fn(arg)) == DB_OK && (e = db_commit()) == DB_OK)
			return DB_OK;
		db_rollback();
		if (e != DB_RETRY)
			return e;
		if (random_bytes(&jitter, 1) == -1)
			jitter = 128;
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(5 + jitter % 20) * 1000000L *
		    (attempt + 1);
		nanosleep(&ts, NULL);
	}
	return e;
}

/*
 * The cost of one request, for query_stats: db_stats_begin() before it,
 * db_stats_end() after, which gives the statements the request executed
 * and the rows MariaDB read for them (the session's Rows_read, which
 * counts the rows of base tables read by the storage engines, the
 * slow log's Rows_examined).  The status reads are not counted.
 */
enum { RR_NAME, RR_VALUE, RR__MAX };
static struct dbstmt q_rows_read = DBSTMT_COLS(
    "SHOW SESSION STATUS LIKE 'Rows_read'", RR__MAX);

static int
rows_read(unsigned long long *n)
{
	struct dbres	*res;
	int		 e;

	*n = 0;
	if ((e = db_query(&q_rows_read, &res, 0, NULL)) != DB_OK)
		return e;
	if (res->nrows == 1)
		*n = strtoull(dbres_get(res, 0, RR_VALUE), NULL, 10);
	dbres_free(res);
	return DB_OK;
}

void
db_stats_begin(void)
{
	if (rows_read(&rows_read0) != DB_OK)
		rows_read0 = 0;
	nstmt = 0;
}

int
db_stats_end(unsigned long *stmts, unsigned long long *rows)
{
	unsigned long long	 now;
	int			 e;

	*stmts = nstmt;
	if ((e = rows_read(&now)) != DB_OK)
		return e;
	*rows = now >= rows_read0 ? now - rows_read0 : 0;
	return DB_OK;
}
