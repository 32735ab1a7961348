/*
 * Uploaded files: stored under files_dir by SHA-256, typed by their
 * bytes (libmagic), never by the name or the type the browser claims.
 * Served by GET /files/ID/NAME to whoever may see the item the file
 * belongs to, by the web server (X-Accel-Redirect) when files_accel is
 * set, by the worker otherwise.  Ticket attachments are kept and served
 * the same way (file_put(), file_send()), after the ticket's own access
 * check (page_ticket.c).
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <magic.h>

#include "portico.h"

static magic_t	cookie;

/* The MIME type of the bytes p[0..len), or NULL. */
const char *
file_type(const char *p, size_t len)
{
	if (cookie == NULL) {
		if ((cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS |
		    MAGIC_ERROR)) == NULL)
			return NULL;
		if (magic_load(cookie, NULL) == -1) {
			log_warnx("libmagic: %s", magic_error(cookie));
			magic_close(cookie);
			cookie = NULL;
			return NULL;
		}
	}
	return magic_buffer(cookie, p, len);
}

/* Is type one of upload_types? */
bool
file_type_allowed(const char *type)
{
	const char	*p = conf->upload_types, *end;
	size_t		 n = strlen(type);

	while (p != NULL && *p) {
		while (*p == ' ')
			p++;
		if ((end = strchr(p, ' ')) == NULL)
			end = p + strlen(p);
		if ((size_t)(end - p) == n && !strncmp(p, type, n))
			return true;
		p = end;
	}
	return false;
}

static struct dbstmt q_file_add = DBSTMT(
    "INSERT INTO files (item_id, name, content_type, size, sha256) "
    "VALUES (NULLIF(?, 0), ?, ?, ?, ?)");

/*
 * Keep the bytes of an uploaded file part in files_dir, named by their
 * SHA-256, if they are at most max bytes of an allowed type (by their
 * bytes, never by the name or the type the browser claims).  Returns
 * NULL and sets *type, *name (cleaned) and hex, or an error reason for
 * the form: "upload-empty", "upload-size", "upload-type",
 * "upload-store".  Both strings are from r's arena.
 */
const char *
file_put(struct req *r, const struct kv *part, size_t max, const char **type,
    const char **name, char hex[65])
{
	const char	*t;

	if (part->vlen == 0)
		return "upload-empty";
	if (part->vlen > max)
		return "upload-size";
	if ((t = file_type(part->val, part->vlen)) == NULL ||
	    !file_type_allowed(t))
		return "upload-type";
	*type = arena_strdup(r->arena, t);
	if ((*name = file_name_clean(r->arena, part->filename ?
	    part->filename : "file")) == NULL)
		*name = "file";
	return file_write(r->arena, part->val, part->vlen, r->rid, hex) == 0 ?
	    NULL : "upload-store";
}

/*
 * Write the bytes p[0..len) to files_dir named by their SHA-256 (into
 * hex): a temporary name ending in tag, fsync, rename; a file already
 * there is the same bytes.  Returns 0 or -1 (logged).
 */
int
file_write(struct arena *a, const void *p, size_t len, const char *tag,
    char hex[65])
{
	unsigned char	 h[32];
	char		*path, *tmp;
	int		 fd;

	sha256(p, len, h);
	hex_encode(hex, h, 32);
	path = arena_printf(a, "%s/%s", conf->files_dir, hex);
	tmp = arena_printf(a, "%s/.%s.%s", conf->files_dir, hex, tag);
	if (access(path, F_OK) == 0)
		return 0;
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644)) == -1) {
		log_warn("files: %s", tmp);
		return -1;
	}
	if (write(fd, p, len) != (ssize_t)len || fsync(fd) == -1 ||
	    close(fd) == -1 || rename(tmp, path) == -1) {
		log_warn("files: %s", path);
		unlink(tmp);
		return -1;
	}
	return 0;
}

/*
 * Store an uploaded file part for item_id.  Returns 0 and sets *id, or
 * an error reason for the form ("upload-type", "upload-size",
 * "upload-store") with *id 0.
 */
const char *
file_store(struct req *r, const struct kv *part, unsigned item_id,
    unsigned *id)
{
	char		 hex[65];
	const char	*type, *name, *err;
	struct dbarg	 a[5];
	uint64_t	 newid;

	*id = 0;
	if ((err = file_put(r, part, (size_t)conf->max_upload, &type, &name,
	    hex)) != NULL)
		return err;
	a[0] = DBI(item_id);
	a[1] = DBS(name);
	a[2] = DBS(type);
	a[3] = DBI(part->vlen);
	a[4] = DBS(hex);
	if (db_exec(&q_file_add, NULL, &newid, 5, a) != DB_OK)
		return "upload-store";
	*id = (unsigned)newid;
	return NULL;
}

/* ---- serving ------------------------------------------------------------ */

enum { FILE_NAME, FILE_CONTENT_TYPE, FILE_SIZE, FILE_SHA256, FILE_KIND,
    FILE__MAX };
static struct dbstmt q_file = DBSTMT_COLS(
    "SELECT f.name, f.content_type, f.size, f.sha256, i.kind FROM files f "
    "JOIN items i ON i.id = f.item_id WHERE f.id = ? "
    "AND (i.status <> 'draft' OR ? <> 0) AND "
    ACCESS_SQL("i.visibility", "i.id"), FILE__MAX);

/* name percent-encoded for filename*= (RFC 6266 / 8187). */
static const char *
disposition(struct req *r, const char *how, const char *name)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*out;

	buf_printf(&b, "%s; filename*=UTF-8''", how);
	for (; *name; name++) {
		unsigned char c = (unsigned char)*name;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c))
			buf_add(&b, name, 1);
		else
			buf_printf(&b, "%%%02X", c);
	}
	out = arena_strdup(r->arena, b.p);
	buf_free(&b);
	return out;
}

/*
 * Answer r with the stored file sha256 (its name and type as recorded),
 * once the caller has checked that r's visitor may have it: by the web
 * server (X-Accel-Redirect) when files_accel is set, else read here.
 * Pictures and videos show in the page; anything else downloads.
 * Returns 200, or 404 when the bytes are gone.
 */
int
file_send(struct req *r, const char *name, const char *type,
    const char *sha)
{
	const char	*path;
	char		*body;
	bool		 inline_ok;
	struct stat	 st;
	ssize_t		 n;
	size_t		 got;
	int		 fd;

	type = arena_strdup(r->arena, type);
	inline_ok = !strncmp(type, "image/", 6) || !strncmp(type, "video/", 6);
	req_header(r, "Content-Disposition", disposition(r,
	    inline_ok ? "inline" : "attachment", name));
	if (*conf->files_accel) {
		req_header(r, "X-Accel-Redirect", arena_printf(r->arena,
		    "%s/%s", conf->files_accel, sha));
		r->ctype_out = type;
		r->body_out = "";
		r->body_out_len = 0;
		return 200;
	}
	path = arena_printf(r->arena, "%s/%s", conf->files_dir, sha);
	if ((fd = open(path, O_RDONLY)) == -1 || fstat(fd, &st) == -1) {
		log_warn("files: %s", path);
		if (fd != -1)
			close(fd);
		return 404;
	}
	body = arena_alloc(r->arena, (size_t)st.st_size + 1);
	for (got = 0; got < (size_t)st.st_size; got += (size_t)n)
		if ((n = read(fd, body + got, (size_t)st.st_size - got)) <= 0) {
			if (n == -1 && errno == EINTR) {
				n = 0;
				continue;
			}
			close(fd);
			return req_fail(r, 500, NULL, NULL);
		}
	close(fd);
	r->body_out = body;
	r->body_out_len = got;
	r->ctype_out = type;
	return 200;
}

int
page_file(struct req *r)
{
	struct dbres	*res;
	struct dbarg	 a[6];
	const char	*name, *type, *sha;
	int		 e;

	a[0] = DBI(strtoul(r->args[0], NULL, 10));
	content_access_args(r, a + 2);
	a[1] = a[2];
	if ((e = db_query(&q_file, &res, 6, a)) != DB_OK)
		return HTTP_DB(e);
	if (res->nrows != 1) {
		dbres_free(res);
		return 404;
	}
	name = arena_strdup(r->arena, dbres_get(res, 0, FILE_NAME));
	type = arena_strdup(r->arena, dbres_get(res, 0, FILE_CONTENT_TYPE));
	sha = arena_strdup(r->arena, dbres_get(res, 0, FILE_SHA256));
	dbres_free(res);
	return file_send(r, name, type, sha);
}

static struct dbstmt q_attach = DBSTMT(
    "UPDATE files SET item_id = ? WHERE id = ? AND item_id IS NULL");

/* Give a file stored before its item existed to that item. */
int
file_store_attach(unsigned file_id, unsigned item_id)
{
	struct dbarg	a[2];

	a[0] = DBI(item_id);
	a[1] = DBI(file_id);
	return db_exec(&q_attach, NULL, NULL, 2, a);
}
