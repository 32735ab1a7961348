/*
 * Schema migrations: DIR/NNN_name.sql, applied in order of NNN.  Each
 * applied file is recorded in schema_migrations with its SHA-256; a
 * recorded file that has changed since stops everything (write a new
 * migration instead).  A failing statement stops the run with the file,
 * the statement's line and the server's message.  Statements are split
 * at ';' outside quotes and comments (no DELIMITER).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "portico.h"

struct mfile {
	int	 version;
	char	*name;
	char	*path;
	char	*sum;
	char	*text;
	size_t	 len;
};

static struct dbstmt q_create = DBSTMT(
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INT UNSIGNED NOT NULL PRIMARY KEY,"
    " name VARCHAR(255) NOT NULL,"
    " checksum CHAR(64) NOT NULL,"
    " applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
/*
 * One migrate at a time, across every node of a cluster: a row, not
 * GET_LOCK() (a lock of one server, which Galera refuses).  The row is
 * taken by a conditional write that certification decides when two
 * nodes race, and it expires, so a migrate that died does not block
 * the next for longer than MIGRATE_LOCK_MINUTES.
 */
#define MIGRATE_LOCK_MINUTES	"30"
static struct dbstmt q_lock_table = DBSTMT(
    "CREATE TABLE IF NOT EXISTS schema_lock ("
    " id TINYINT UNSIGNED NOT NULL PRIMARY KEY,"
    " holder VARCHAR(100) NOT NULL,"
    " until DATETIME NOT NULL"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
static struct dbstmt q_lock = DBSTMT(
    "INSERT INTO schema_lock (id, holder, until) VALUES (1, ?, "
    "UTC_TIMESTAMP() + INTERVAL " MIGRATE_LOCK_MINUTES " MINUTE) "
    "ON DUPLICATE KEY UPDATE holder = IF(until < UTC_TIMESTAMP(), "
    "VALUES(holder), holder), until = IF(holder = VALUES(holder), "
    "VALUES(until), until)");
enum { HOLDER_NAME, HOLDER__MAX };
static struct dbstmt q_holder = DBSTMT_COLS(
    "SELECT holder FROM schema_lock WHERE id = 1", HOLDER__MAX);
static struct dbstmt q_unlock = DBSTMT(
    "DELETE FROM schema_lock WHERE id = 1 AND holder = ?");
enum { APPLIED_VERSION, APPLIED_NAME, APPLIED_CHECKSUM, APPLIED_AT,
    APPLIED__MAX };
static struct dbstmt q_applied = DBSTMT_COLS(
    "SELECT version, name, checksum, applied_at FROM schema_migrations "
    "ORDER BY version", APPLIED__MAX);
static struct dbstmt q_record = DBSTMT(
    "INSERT INTO schema_migrations (version, name, checksum) "
    "VALUES (?, ?, ?)");

static int
read_file(const char *path, char **text, size_t *len)
{
	gchar	*c;
	gsize	 n;

	if (!g_file_get_contents(path, &c, &n, NULL))
		return -1;
	*text = xmalloc(n + 1);
	memcpy(*text, c, n);
	(*text)[n] = '\0';
	*len = n;
	g_free(c);
	return 0;
}

static int
cmp_version(const void *a, const void *b)
{
	return ((const struct mfile *)a)->version -
	    ((const struct mfile *)b)->version;
}

/* NNN_name.sql with a lower-case name. */
static int
file_version(const char *n)
{
	size_t	len = strlen(n), i;

	if (len < 9 || strcmp(n + len - 4, ".sql") || n[3] != '_')
		return -1;
	for (i = 0; i < 3; i++)
		if (n[i] < '0' || n[i] > '9')
			return -1;
	for (i = 4; i < len - 4; i++)
		if (!((n[i] >= 'a' && n[i] <= 'z') ||
		    (n[i] >= '0' && n[i] <= '9') || n[i] == '_'))
			return -1;
	return (n[0] - '0') * 100 + (n[1] - '0') * 10 + (n[2] - '0');
}

static struct mfile *
scan(const char *dir, size_t *count)
{
	struct mfile	*v = NULL;
	struct dirent	*de;
	DIR		*d;
	size_t		 n = 0, i;
	int		 ver;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "migrate: %s: %s\n", dir, strerror(errno));
		return NULL;
	}
	while ((de = readdir(d)) != NULL) {
		if ((ver = file_version(de->d_name)) < 0)
			continue;
		v = xrealloc(v, (n + 1) * sizeof(*v));
		v[n].version = ver;
		v[n].name = xstrdup(de->d_name);
		v[n].path = g_build_filename(dir, de->d_name, NULL);
		if (read_file(v[n].path, &v[n].text, &v[n].len) == -1) {
			fprintf(stderr, "migrate: cannot read %s\n",
			    v[n].path);
			closedir(d);
			return NULL;
		}
		v[n].sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
		    (const guchar *)v[n].text, v[n].len);
		n++;
	}
	closedir(d);
	qsort(v, n, sizeof(*v), cmp_version);
	for (i = 1; i < n; i++)
		if (v[i].version == v[i - 1].version) {
			fprintf(stderr, "migrate: %s and %s share a number\n",
			    v[i - 1].name, v[i].name);
			return NULL;
		}
	*count = n;
	return v ? v : xcalloc(1, sizeof(*v));
}

/*
 * The next statement of text from *pos: its start and length, and the
 * line it starts on.  Returns false at the end.
 */
static bool
next_stmt(const char *t, size_t len, size_t *pos, size_t *start,
    size_t *slen, int *line, int *curline)
{
	size_t	i = *pos;
	char	q = 0;
	bool	content = false;

	*start = i;
	for (; i < len; i++) {
		if (t[i] == '\n')
			(*curline)++;
		if (q) {
			if (t[i] == '\\' && q != '`' && i + 1 < len)
				i++;
			else if (t[i] == q)
				q = 0;
			continue;
		}
		if (t[i] == '-' && i + 1 < len && t[i + 1] == '-') {
			while (i < len && t[i] != '\n')
				i++;
			(*curline)++;
			continue;
		}
		if (t[i] == '/' && i + 1 < len && t[i + 1] == '*') {
			for (i += 2; i + 1 < len &&
			    !(t[i] == '*' && t[i + 1] == '/'); i++)
				if (t[i] == '\n')
					(*curline)++;
			i++;
			continue;
		}
		if (t[i] == ';') {
			*slen = i - *start;
			*pos = i + 1;
			if (content)
				return true;
			*start = i + 1;
			continue;
		}
		if (t[i] == '\'' || t[i] == '"' || t[i] == '`')
			q = t[i];
		if (t[i] != ' ' && t[i] != '\t' && t[i] != '\n' &&
		    t[i] != '\r') {
			if (!content)
				*line = *curline;
			content = true;
		}
	}
	*slen = i - *start;
	*pos = i;
	return content;
}

static int
apply(const struct mfile *m)
{
	size_t		 pos = 0, start, slen;
	int		 line = 1, curline = 1, nstmt = 0;
	char		 err[1024];
	struct dbarg	 a[3];

	while (next_stmt(m->text, m->len, &pos, &start, &slen, &line,
	    &curline)) {
		nstmt++;
		if (db_run_text(m->text + start, slen, err, sizeof(err))) {
			fprintf(stderr, "migrate: %s, statement %d (line %d) "
			    "failed: %s\nmigrate: stopped; later migrations "
			    "were not applied\n", m->path, nstmt, line, err);
			return -1;
		}
	}
	a[0] = DBI(m->version);
	a[1] = DBS(m->name);
	a[2] = DBS(m->sum);
	if (db_exec(&q_record, NULL, NULL, 3, a) != DB_OK) {
		fprintf(stderr, "migrate: %s applied but not recorded: %s\n",
		    m->name, db_last_error());
		return -1;
	}
	printf("applied  %s (%d statements)\n", m->name, nstmt);
	return 0;
}

static const struct mfile *
find_version(const struct mfile *v, size_t n, int version)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i].version == version)
			return &v[i];
	return NULL;
}

/* Take the migrate lock as holder, waiting up to 30 s for another. */
static bool
lock_take(const char *holder)
{
	struct timespec	 pause = { 0, 250000000L };
	struct dbres	*res;
	struct dbarg	 a[1];
	bool		 got = false;
	int		 tries, e;

	a[0] = DBS(holder);
	for (tries = 0; tries < 120 && !got; tries++) {
		if (tries > 0)
			nanosleep(&pause, NULL);
		e = db_exec(&q_lock, NULL, NULL, 1, a);
		if (e == DB_RETRY)
			continue;
		if (e != DB_OK || db_query(&q_holder, &res, 0, NULL) != DB_OK) {
			fprintf(stderr, "migrate: database: %s\n",
			    db_last_error());
			return false;
		}
		got = res->nrows == 1 &&
		    !strcmp(dbres_get(res, 0, HOLDER_NAME), holder);
		if (!got && tries == 0)
			fprintf(stderr, "migrate: waiting for %s\n",
			    res->nrows ? dbres_get(res, 0, HOLDER_NAME) : "?");
		dbres_free(res);
	}
	if (!got)
		fprintf(stderr, "migrate: another migrate holds the lock "
		    "(schema_lock); try again when it is done\n");
	return got;
}

/*
 * Check and apply (or with status_only, list) the migrations of dir.
 * Returns the exit status: 0, or 1 on any problem.
 */
int
migrate_run(const char *dir, bool status_only)
{
	struct mfile		*files;
	const struct mfile	*f;
	struct dbres		*done = NULL;
	struct dbarg		 a[1];
	char			 holder[100], host[64] = "";
	size_t			 n = 0, i, r;
	int			 rc = 1, ver;
	bool			 applied, locked = false;
	uint32_t		 nonce;

	if ((files = scan(dir, &n)) == NULL)
		return 1;
	gethostname(host, sizeof(host) - 1);
	if (random_bytes(&nonce, sizeof(nonce)) == -1)
		nonce = (uint32_t)getpid();
	snprintf(holder, sizeof(holder), "%s pid %ld #%08" PRIx32, host,
	    (long)getpid(), nonce);
	if (db_exec(&q_create, NULL, NULL, 0, NULL) != DB_OK ||
	    db_exec(&q_lock_table, NULL, NULL, 0, NULL) != DB_OK) {
		fprintf(stderr, "migrate: database: %s\n", db_last_error());
		goto out;
	}
	if (!(locked = lock_take(holder)))
		goto out;
	if (db_query(&q_applied, &done, 0, NULL) != DB_OK) {
		fprintf(stderr, "migrate: database: %s\n", db_last_error());
		goto out;
	}
	for (r = 0; r < done->nrows; r++) {
		ver = atoi(dbres_get(done, r, APPLIED_VERSION));
		if ((f = find_version(files, n, ver)) == NULL) {
			fprintf(stderr, "migrate: %s was applied but is no "
			    "longer in %s\n", dbres_get(done, r, APPLIED_NAME),
			    dir);
			goto out;
		}
		if (strcmp(f->sum, dbres_get(done, r, APPLIED_CHECKSUM))) {
			fprintf(stderr, "migrate: %s has changed since it was "
			    "applied on %s; refusing to go on (put the change "
			    "in a new migration)\n", f->path,
			    dbres_get(done, r, APPLIED_AT));
			goto out;
		}
	}
	for (i = 0; i < n; i++) {
		applied = false;
		for (r = 0; r < done->nrows; r++)
			if (atoi(dbres_get(done, r,
			    APPLIED_VERSION)) == files[i].version) {
				applied = true;
				if (status_only)
					printf("applied  %s  %s\n",
					    files[i].name,
					    dbres_get(done, r,
					    APPLIED_AT));
			}
		if (applied)
			continue;
		if (status_only)
			printf("pending  %s\n", files[i].name);
		else if (apply(&files[i]) == -1)
			goto out;
	}
	rc = 0;
out:
	dbres_free(done);
	a[0] = DBS(holder);
	if (locked)
		db_exec(&q_unlock, NULL, NULL, 1, a);
	for (i = 0; i < n; i++) {
		free(files[i].name);
		g_free(files[i].path);
		g_free(files[i].sum);
		free(files[i].text);
	}
	free(files);
	return rc;
}
