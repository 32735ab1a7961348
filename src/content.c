/*
 * Content items (articles, video tutorials, FAQ entries, downloads,
 * news): who may see them, loading and saving them with their versions,
 * tags and segments, and categories.
 *
 * Who sees what is decided in one place, ACCESS_SQL (portico.h), bound
 * with content_access_args(): every list, page, search, feed and
 * download query of the portal uses it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "portico.h"

/*
 * The four values ACCESS_SQL binds, in order: staff (sees everything),
 * signed in, the user and the user's account (whose segments count).
 */
void
content_access_args(const struct req *r, struct dbarg *a)
{
	bool	staff = r != NULL && r->user != NULL &&
	    r->user->role >= ROLE_AGENT;

	a[0] = DBI(staff || r == NULL);
	a[1] = DBI(r != NULL && r->user != NULL);
	a[2] = DBI(r != NULL && r->user != NULL ? r->user->id : 0);
	a[3] = DBI(r != NULL && r->user != NULL ? r->user->account_id : 0);
}

/*
 * The fixed choices of the content model, each said once: an enum and
 * its table of names (NULL-terminated, so a table is also a list).  The
 * route table's validators, the import, the staff form and the search
 * filters all read these.
 */
const char *const content_kinds[KIND__MAX + 1] = {
	"article", "video", "faq", "download", "news", NULL
};
const char *const content_langs[CLANG__MAX + 1] = {
	"en", "fi", "et", "el", "zh", "fa", NULL
};
const char *const content_visibilities[VIS__MAX + 1] = {
	"public", "signed-in", "segments", NULL
};
const char *const content_statuses[STATUS__MAX + 1] = {
	"draft", "published", "archived", NULL
};
const char *const content_news_kinds[NEWS__MAX + 1] = {
	"notice", "update", "blog", NULL
};
/* Where each news kind's list lives: /news/PATH. */
const char *const content_news_paths[NEWS__MAX + 1] = {
	"notices", "updates", "blog", NULL
};
const char *const content_sections[SEC__MAX + 1] = {
	"kb", "faq", "download", "news", NULL
};
const char *const content_severities[SEV__MAX + 1] = {
	"info", "minor", "major", "critical", NULL
};

/* The index of s in the NULL-terminated list, or -1. */
int
content_find(const char *const *list, const char *s)
{
	int	i;

	for (i = 0; s != NULL && list[i] != NULL; i++)
		if (!strcmp(list[i], s))
			return i;
	return -1;
}

/* The news kind whose list is /news/PATH (len bytes of path), or NULL. */
const char *
content_news_kind_of(const char *path, size_t len)
{
	size_t	i;

	for (i = 0; content_news_paths[i] != NULL; i++)
		if (strlen(content_news_paths[i]) == len &&
		    !strncmp(content_news_paths[i], path, len))
			return content_news_kinds[i];
	return NULL;
}

bool
content_kind_valid(const char *k)
{
	return content_find(content_kinds, k) != -1;
}

bool
content_lang_valid(const char *lang)
{
	return content_find(content_langs, lang) != -1;
}

/*
 * The list's names joined for a message: "a b c" with sep and last
 * " ", or "a, b or c" with ", " and " or ".  In the arena.
 */
const char *
content_list_text(struct arena *a, const char *const *list, const char *sep,
    const char *last)
{
	const char	*out = "";
	size_t		 i;

	for (i = 0; list[i] != NULL; i++)
		out = arena_printf(a, "%s%s%s", out, i == 0 ? "" :
		    list[i + 1] == NULL ? last : sep, list[i]);
	return out;
}

/* A start or end time, empty or written YYYY-MM-DD HH:MM. */
static bool
valid_when(const char *v)
{
	return *v == '\0' || (strlen(v) == 16 && v[4] == '-' && v[7] == '-' &&
	    v[10] == ' ' && v[13] == ':');
}

/*
 * The one check of an item's fixed choices and formats, for the import
 * and the staff form alike: kind, language, slug, status, visibility,
 * video address, news kind (a news item needs one), severity, start
 * and end.  Returns NULL, or the error key ("invalid", "slug", "embed",
 * "required", "when") with *field the field it is about.
 */
const char *
item_check(const struct item *it, const char **field)
{
	if (!content_kind_valid(it->kind))
		return *field = "kind", "invalid";
	if (!content_lang_valid(it->lang))
		return *field = "lang", "invalid";
	if (!valid_slug(it->slug, strlen(it->slug)) || strlen(it->slug) > 190)
		return *field = "slug", "slug";
	if (content_find(content_statuses, it->status) == -1)
		return *field = "status", "invalid";
	if (content_find(content_visibilities, it->visibility) == -1)
		return *field = "visibility", "invalid";
	if (*it->video_url && !video_embed_allowed(it->video_url))
		return *field = "video_url", "embed";
	if ((*it->news_kind && content_find(content_news_kinds,
	    it->news_kind) == -1) || (!strcmp(it->kind, "news") &&
	    !*it->news_kind))
		return *field = "news_kind", "required";
	if (*it->severity && content_find(content_severities,
	    it->severity) == -1)
		return *field = "severity", "invalid";
	if (!valid_when(it->starts_at))
		return *field = "starts", "when";
	if (!valid_when(it->ends_at))
		return *field = "ends", "when";
	return NULL;
}

/* Is url an address videos may be embedded from (video_embeds)? */
bool
video_embed_allowed(const char *url)
{
	const char	*p = conf->video_embeds, *end;
	size_t		 n;

	while (p != NULL && *p) {
		while (*p == ' ')
			p++;
		if ((end = strchr(p, ' ')) == NULL)
			end = p + strlen(p);
		n = (size_t)(end - p);
		if (n > 8 && !strncmp(url, p, n) && strpbrk(url, "\"'<> ") == NULL)
			return true;
		p = end;
	}
	return false;
}

/* Where an item lives: /a/SLUG, /faq#SLUG, /downloads/SLUG... */
const char *
content_url(struct arena *a, const char *kind, const char *slug)
{
	if (!strcmp(kind, "download"))
		return arena_printf(a, "/downloads/%s", slug);
	if (!strcmp(kind, "news"))
		return arena_printf(a, "/news/%s", slug);
	return arena_printf(a, "/a/%s", slug);
}

/* The columns of an item row, in ITEM_COLS's order (item_from_row()). */
enum { IT_ID, IT_KIND, IT_GROUP_ID, IT_LANG, IT_SLUG, IT_CATEGORY_ID,
    IT_TITLE, IT_SUMMARY, IT_BODY, IT_TAGS, IT_PRODUCT, IT_STATUS,
    IT_VISIBILITY, IT_AUTHOR_ID, IT_VIDEO_URL, IT_NEWS_KIND, IT_SEVERITY,
    IT_STARTS_AT, IT_ENDS_AT, IT_FILE_ID, IT_FILE_VERSION, IT_VERSION,
    IT_UPDATED_AT, IT_PUBLISHED_AT, IT_SEGMENTS, IT_NFILES, IT__MAX };
#define ITEM_COLS \
	"i.id, i.kind, i.group_id, i.lang, i.slug, IFNULL(i.category_id, 0), " \
	"i.title, i.summary, i.body, i.tags, i.product, i.status, " \
	"i.visibility, IFNULL(i.author_id, 0), i.video_url, i.news_kind, " \
	"i.severity, IFNULL(DATE_FORMAT(i.starts_at, '%Y-%m-%d %H:%i'), ''), " \
	"IFNULL(DATE_FORMAT(i.ends_at, '%Y-%m-%d %H:%i'), ''), " \
	"IFNULL(i.file_id, 0), i.file_version, i.version, " \
	"DATE_FORMAT(i.updated_at, '%Y-%m-%dT%H:%i:%sZ'), " \
	"IFNULL(DATE_FORMAT(i.published_at, '%Y-%m-%dT%H:%i:%sZ'), ''), " \
	"IF(i.visibility = 'segments', (SELECT GROUP_CONCAT(s.segment_id " \
	"ORDER BY s.segment_id) FROM item_segments s WHERE s.item_id = i.id), " \
	"''), (SELECT COUNT(*) FROM files f WHERE f.item_id = i.id)"

/* Drafts are seen by staff only; archived items keep their page.  A
 * visitor who is not signed in has a statement of their own, which asks
 * for public items and plans no segment look-up. */
static struct dbstmt q_by_slug = DBSTMT_COLS(
    "SELECT " ITEM_COLS " FROM items i WHERE i.slug = ? AND "
    ACCESS_SQL("i.visibility", "i.id") " AND (i.status <> 'draft' OR ? <> 0)",
    IT__MAX);
static struct dbstmt q_by_slug_public = DBSTMT_COLS(
    "SELECT " ITEM_COLS " FROM items i WHERE i.slug = ? AND "
    "i.visibility = 'public' AND i.status <> 'draft'", IT__MAX);
static struct dbstmt q_by_id = DBSTMT_COLS(
    "SELECT " ITEM_COLS " FROM items i WHERE i.id = ? AND "
    ACCESS_SQL("i.visibility", "i.id") " AND (i.status <> 'draft' OR ? <> 0)",
    IT__MAX);

static unsigned
uval(const struct dbres *res, size_t row, size_t col)
{
	return (unsigned)strtoul(dbres_get(res, row, col), NULL, 10);
}

static const char *
sval(struct arena *a, const struct dbres *res, size_t row, size_t col)
{
	const char *s = dbres_get(res, row, col);

	return arena_strdup(a, s ? s : "");
}

static void
item_from_row(struct arena *a, const struct dbres *res, size_t row,
    struct item *it)
{
	const char	*p;
	char		*end;

	memset(it, 0, sizeof(*it));
	it->id = uval(res, row, IT_ID);
	it->kind = sval(a, res, row, IT_KIND);
	it->group_id = uval(res, row, IT_GROUP_ID);
	it->lang = sval(a, res, row, IT_LANG);
	it->slug = sval(a, res, row, IT_SLUG);
	it->category_id = uval(res, row, IT_CATEGORY_ID);
	it->title = sval(a, res, row, IT_TITLE);
	it->summary = sval(a, res, row, IT_SUMMARY);
	it->body = sval(a, res, row, IT_BODY);
	it->tags = sval(a, res, row, IT_TAGS);
	it->product = sval(a, res, row, IT_PRODUCT);
	it->status = sval(a, res, row, IT_STATUS);
	it->visibility = sval(a, res, row, IT_VISIBILITY);
	it->author_id = uval(res, row, IT_AUTHOR_ID);
	it->video_url = sval(a, res, row, IT_VIDEO_URL);
	it->news_kind = sval(a, res, row, IT_NEWS_KIND);
	it->severity = sval(a, res, row, IT_SEVERITY);
	it->starts_at = sval(a, res, row, IT_STARTS_AT);
	it->ends_at = sval(a, res, row, IT_ENDS_AT);
	it->file_id = uval(res, row, IT_FILE_ID);
	it->file_version = sval(a, res, row, IT_FILE_VERSION);
	it->version = uval(res, row, IT_VERSION);
	it->updated_at = sval(a, res, row, IT_UPDATED_AT);
	it->published_at = sval(a, res, row, IT_PUBLISHED_AT);
	it->nfiles = uval(res, row, IT_NFILES);
	/* The segments of a limited item, "3,7". */
	for (p = dbres_get(res, row, IT_SEGMENTS); *p && it->nsegments <
	    ITEM_MAX_SEGMENTS; p = end + (*end == ',')) {
		it->segments[it->nsegments++] = (unsigned)strtoul(p, &end, 10);
		if (end == p)
			break;
	}
}

/*
 * Load the item named by slug (or by id when slug is NULL) as r's
 * visitor may see it (r NULL: with no limits, for the admin command).
 * Returns DB_OK and sets *found.
 */
int
item_load(struct req *r, struct arena *a, const char *slug, unsigned id,
    struct item *it, bool *found)
{
	struct dbres	*res;
	struct dbarg	 args[6];
	int		 e;

	*found = false;
	args[0] = slug != NULL ? DBS(slug) : DBI(id);
	content_access_args(r, args + 1);
	args[5] = args[1];
	if (r != NULL && r->user == NULL && slug != NULL)
		e = db_query(&q_by_slug_public, &res, 1, args);
	else
		e = db_query(slug != NULL ? &q_by_slug : &q_by_id, &res, 6,
		    args);
	if (e != DB_OK)
		return e;
	if (res->nrows == 1) {
		item_from_row(a, res, 0, it);
		*found = true;
	}
	dbres_free(res);
	return DB_OK;
}

static struct dbstmt q_batch = DBSTMT_COLS(
    "SELECT " ITEM_COLS " FROM items i WHERE i.id > ? ORDER BY i.id LIMIT ?",
    IT__MAX);

/*
 * Up to max items with ids above after, in id order (for reindexing).
 * *out is in a, *n says how many.
 */
int
items_batch(struct arena *a, unsigned after, size_t max, struct item **out,
    size_t *n)
{
	struct dbres	*res;
	struct dbarg	 args[2];
	size_t		 i;
	int		 e;

	*n = 0;
	args[0] = DBI(after);
	args[1] = DBI(max);
	if ((e = db_query(&q_batch, &res, 2, args)) != DB_OK)
		return e;
	*out = arena_alloc(a, sizeof(**out) * (res->nrows + 1));
	for (i = 0; i < res->nrows; i++)
		item_from_row(a, res, i, &(*out)[i]);
	*n = res->nrows;
	dbres_free(res);
	return DB_OK;
}

/* ---- saving ------------------------------------------------------------- */

static struct dbstmt q_insert = DBSTMT(
    "INSERT INTO items (kind, group_id, lang, slug, category_id, title, "
    "summary, body, tags, product, status, visibility, author_id, "
    "video_url, news_kind, severity, starts_at, ends_at, file_id, "
    "file_version, version, published_at) VALUES (?, ?, ?, ?, NULLIF(?, 0), "
    "?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?, NULLIF(?, ''), "
    "NULLIF(?, ''), NULLIF(?, 0), ?, 1, "
    "IF(? = 'published', CURRENT_TIMESTAMP, NULL))");
static struct dbstmt q_group_self = DBSTMT(
    "UPDATE items SET group_id = id WHERE id = ? AND group_id = 0");
enum { LOCK_VERSION, LOCK_STATUS, LOCK__MAX };
static struct dbstmt q_lock = DBSTMT_COLS(
    "SELECT version, status FROM items WHERE id = ? FOR UPDATE", LOCK__MAX);
static struct dbstmt q_update = DBSTMT(
    "UPDATE items SET kind = ?, group_id = IF(? = 0, group_id, ?), "
    "lang = ?, slug = ?, category_id = NULLIF(?, 0), title = ?, "
    "summary = ?, body = ?, tags = ?, product = ?, status = ?, "
    "visibility = ?, video_url = ?, news_kind = ?, severity = ?, "
    "starts_at = NULLIF(?, ''), ends_at = NULLIF(?, ''), "
    "file_id = NULLIF(?, 0), file_version = ?, version = version + 1, "
    "updated_at = CURRENT_TIMESTAMP, published_at = IF(? = 'published', "
    "IFNULL(published_at, CURRENT_TIMESTAMP), published_at) "
    "WHERE id = ? AND version = ?");
static struct dbstmt q_version = DBSTMT(
    "INSERT INTO item_versions (item_id, version, title, summary, body, "
    "tags, status, author_id, note) SELECT id, version, title, summary, "
    "body, tags, status, NULLIF(?, 0), ? FROM items WHERE id = ?");
static struct dbstmt q_tags_clear = DBSTMT(
    "DELETE FROM item_tags WHERE item_id = ?");
static struct dbstmt q_tag_add = DBSTMT(
    "INSERT IGNORE INTO item_tags (item_id, tag) VALUES (?, ?)");
static struct dbstmt q_segs_clear = DBSTMT(
    "DELETE FROM item_segments WHERE item_id = ?");
static struct dbstmt q_seg_add = DBSTMT(
    "INSERT IGNORE INTO item_segments (item_id, segment_id) VALUES (?, ?)");
static struct dbstmt q_gen = DBSTMT(
    "UPDATE content_generation SET gen = gen + 1 WHERE id = 1");

struct save {
	struct item	*it;
	unsigned	 author;
	const char	*note;
	unsigned	 expect_version;	/* 0: do not check */
	bool		 conflict;
};

/*
 * The next non-empty piece of a sep-separated list at *p, trimmed of
 * spaces: *start and *len, and *p moved past it.  false at the end.
 */
static bool
piece_next(const char **p, char sep, const char **start, size_t *len)
{
	const char	*s = *p, *end;
	size_t		 n;

	while (*s) {
		if ((end = strchr(s, sep)) == NULL)
			end = s + strlen(s);
		while (s < end && *s == ' ')
			s++;
		n = (size_t)(end - s);
		while (n > 0 && s[n - 1] == ' ')
			n--;
		*p = *end ? end + 1 : end;
		if (n > 0) {
			*start = s;
			*len = n;
			return true;
		}
		s = *p;
	}
	*p = s;
	return false;
}

/*
 * The next tag of a comma-separated list at *p, into tag (at most 100
 * bytes; longer ones are skipped).  false at the end.
 */
bool
content_tag_next(const char **p, char tag[101])
{
	const char	*s;
	size_t		 n;

	while (piece_next(p, ',', &s, &n))
		if (n <= 100) {
			memcpy(tag, s, n);
			tag[n] = '\0';
			return true;
		}
	return false;
}

static int
save_tags(unsigned id, const char *tags)
{
	struct dbarg	 a[2];
	const char	*p = tags;
	char		 tag[101];
	int		 e;

	a[0] = DBI(id);
	if ((e = db_exec(&q_tags_clear, NULL, NULL, 1, a)) != DB_OK)
		return e;
	while (content_tag_next(&p, tag)) {
		a[1] = DBS(tag);
		if ((e = db_exec(&q_tag_add, NULL, NULL, 2, a)) != DB_OK)
			return e;
	}
	return DB_OK;
}

static int
save_tx(void *arg)
{
	struct save	*s = arg;
	struct item	*it = s->it;
	struct dbarg	 a[24];
	struct dbres	*res;
	uint64_t	 n, id;
	size_t		 i;
	int		 e;

	s->conflict = false;
	if (it->id == 0) {
		a[0] = DBS(it->kind);
		a[1] = DBI(it->group_id);
		a[2] = DBS(it->lang);
		a[3] = DBS(it->slug);
		a[4] = DBI(it->category_id);
		a[5] = DBS(it->title);
		a[6] = DBS(it->summary);
		a[7] = DBS(it->body);
		a[8] = DBS(it->tags);
		a[9] = DBS(it->product);
		a[10] = DBS(it->status);
		a[11] = DBS(it->visibility);
		a[12] = DBI(s->author);
		a[13] = DBS(it->video_url);
		a[14] = DBS(it->news_kind);
		a[15] = DBS(it->severity);
		a[16] = DBS(it->starts_at);
		a[17] = DBS(it->ends_at);
		a[18] = DBI(it->file_id);
		a[19] = DBS(it->file_version);
		a[20] = DBS(it->status);
		if ((e = db_exec(&q_insert, NULL, &id, 21, a)) != DB_OK)
			return e;
		it->id = (unsigned)id;
		it->version = 1;
		a[0] = DBI(it->id);
		if ((e = db_exec(&q_group_self, NULL, NULL, 1, a)) != DB_OK)
			return e;
	} else {
		a[0] = DBI(it->id);
		if ((e = db_query(&q_lock, &res, 1, a)) != DB_OK)
			return e;
		if (res->nrows != 1) {
			dbres_free(res);
			s->conflict = true;
			return DB_OK;
		}
		n = strtoull(dbres_get(res, 0, LOCK_VERSION), NULL, 10);
		dbres_free(res);
		if (s->expect_version != 0 && n != s->expect_version) {
			s->conflict = true;	/* someone saved meanwhile */
			return DB_OK;
		}
		a[0] = DBS(it->kind);
		a[1] = DBI(it->group_id);
		a[2] = DBI(it->group_id);
		a[3] = DBS(it->lang);
		a[4] = DBS(it->slug);
		a[5] = DBI(it->category_id);
		a[6] = DBS(it->title);
		a[7] = DBS(it->summary);
		a[8] = DBS(it->body);
		a[9] = DBS(it->tags);
		a[10] = DBS(it->product);
		a[11] = DBS(it->status);
		a[12] = DBS(it->visibility);
		a[13] = DBS(it->video_url);
		a[14] = DBS(it->news_kind);
		a[15] = DBS(it->severity);
		a[16] = DBS(it->starts_at);
		a[17] = DBS(it->ends_at);
		a[18] = DBI(it->file_id);
		a[19] = DBS(it->file_version);
		a[20] = DBS(it->status);
		a[21] = DBI(it->id);
		a[22] = DBI(n);
		if ((e = db_exec(&q_update, &n, NULL, 23, a)) != DB_OK)
			return e;
		if (n != 1) {
			s->conflict = true;
			return DB_OK;
		}
		it->version++;
	}
	a[0] = DBI(s->author);
	a[1] = DBS(s->note ? s->note : "");
	a[2] = DBI(it->id);
	if ((e = db_exec(&q_version, NULL, NULL, 3, a)) != DB_OK)
		return e;
	if ((e = save_tags(it->id, it->tags)) != DB_OK)
		return e;
	a[0] = DBI(it->id);
	if ((e = db_exec(&q_segs_clear, NULL, NULL, 1, a)) != DB_OK)
		return e;
	for (i = 0; i < it->nsegments; i++) {
		a[1] = DBI(it->segments[i]);
		if ((e = db_exec(&q_seg_add, NULL, NULL, 2, a)) != DB_OK)
			return e;
	}
	return content_generation_bump();
}

/* Content changed: every host's pool empties its page cache (pool.c). */
int
content_generation_bump(void)
{
	return db_exec(&q_gen, NULL, NULL, 0, NULL);
}

/*
 * Store it (insert when it->id is 0), keeping a version with note, and
 * empty the page caches.  expect_version (when not 0) guards against
 * overwriting someone else's newer save: *conflict is set and nothing
 * is written.  A duplicate slug is DB_DUPLICATE.  item_save() (search.c)
 * is this and the search index.
 */
int
item_store(struct item *it, unsigned author, const char *note,
    unsigned expect_version, bool *conflict)
{
	struct save	 s = { it, author, note, expect_version, false };
	unsigned	 saved_id = it->id;
	int		 e;

	e = db_tx(save_tx, &s);
	if (e != DB_OK || s.conflict)
		it->id = saved_id;
	if (conflict != NULL)
		*conflict = s.conflict;
	return e;
}

/* ---- categories ------------------------------------------------------------ */

/* The two lookups of category_find(). */
enum { CATF_ID, CATF_SLUG, CATF__MAX };
static struct dbstmt q_cat_find = DBSTMT_COLS(
    "SELECT id, slug FROM categories WHERE slug = ?", CATF__MAX);
static struct dbstmt q_cat_named = DBSTMT_COLS(
    "SELECT id, slug FROM categories WHERE parent_id <=> NULLIF(?, 0) "
    "AND name = ? ORDER BY id LIMIT 1", CATF__MAX);
static struct dbstmt q_cat_add = DBSTMT(
    "INSERT INTO categories (parent_id, slug, name) "
    "VALUES (NULLIF(?, 0), ?, ?)");

/* The slug of a name: ASCII letters and digits, dashes between. */
static void
slug_append(struct buf *b, const char *name)
{
	gchar		*ascii = g_str_to_ascii(name, NULL);
	const char	*p;
	bool		 dash = b->len > 0;

	for (p = ascii; *p; p++) {
		char c = *p;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && b->len > 0)
				buf_add(b, "-", 1);
			dash = false;
			buf_add(b, &c, 1);
		} else
			dash = true;
	}
	g_free(ascii);
}

/*
 * A slug for name (any script): its ASCII letters, or, for a name
 * written without them, "x-" and a hash of it.
 */
char *
content_slug(struct arena *a, const char *name)
{
	struct buf	 b = { NULL, 0, 0 };
	unsigned char	 h[32];
	char		 hex[17], *out;

	slug_append(&b, name);
	if (b.len < 2) {
		sha256(name, strlen(name), h);
		hex_encode(hex, h, 8);
		b.len = 0;
		buf_printf(&b, "x-%s", hex);
	}
	if (b.len > 150)
		b.len = 150;
	while (b.len > 0 && b.p[b.len - 1] == '-')
		b.len--;
	b.p[b.len] = '\0';
	out = arena_strdup(a, b.p);
	buf_free(&b);
	return out;
}

static struct dbstmt q_cat_name = DBSTMT(
    "INSERT INTO category_names (category_id, lang, name) VALUES (?, ?, ?) "
    "ON DUPLICATE KEY UPDATE name = VALUES(name)");
static struct dbstmt q_cat_unname = DBSTMT(
    "DELETE FROM category_names WHERE category_id = ? AND lang = ?");

/*
 * Name category id in language lang (an empty or NULL name takes the
 * name away); *changed (when not NULL) counts the rows it changed.
 */
int
category_name_set(unsigned id, const char *lang, const char *name,
    uint64_t *changed)
{
	struct dbarg	args[3];

	args[0] = DBI(id);
	args[1] = DBS(lang);
	if (name == NULL || *name == '\0')
		return db_exec(&q_cat_unname, changed, NULL, 2, args);
	args[2] = DBS(name);
	return db_exec(&q_cat_name, changed, NULL, 3, args);
}

/* The next part of a category path at *p, trimmed, in a; NULL at the end. */
static char *
path_next(struct arena *a, const char **p)
{
	const char	*s;
	size_t		 n;

	return piece_next(p, '/', &s, &n) ? arena_strndup(a, s, n) : NULL;
}

/* How many parts a category path has. */
size_t
category_depth(const char *path)
{
	struct arena	*a = arena_new();
	size_t		 n = 0;

	while (path_next(a, &path) != NULL)
		n++;
	arena_free(a);
	return n;
}

/* The category found by q (one row: id, slug): *id and its slug in a. */
static int
category_find(struct arena *a, struct dbstmt *q, size_t n,
    struct dbarg *args, unsigned *id, const char **slug)
{
	struct dbres	*res;
	int		 e;

	*id = 0;
	if ((e = db_query(q, &res, n, args)) != DB_OK)
		return e;
	if (res->nrows == 1) {
		*id = uval(res, 0, CATF_ID);
		*slug = sval(a, res, 0, CATF_SLUG);
	}
	dbres_free(res);
	return DB_OK;
}

/*
 * The category named name under parent (whose slug is pslug, "" at the
 * top): the one of that name there, else the one of its slug, else a
 * new one.  Sets *id and *slug (in a).  By name first, so a path shown
 * from names (the staff editor) finds its category again after the
 * category's slug stopped matching its name.
 */
static int
category_step(struct arena *a, unsigned parent, const char *pslug,
    const char *name, unsigned *id, const char **slug)
{
	struct dbarg	 args[3];
	const char	*want;
	uint64_t	 newid;
	int		 e;

	args[0] = DBI(parent);
	args[1] = DBS(name);
	if ((e = category_find(a, &q_cat_named, 2, args, id, slug)) != DB_OK ||
	    *id != 0)
		return e;
	want = *pslug ? arena_printf(a, "%s-%s", pslug, content_slug(a, name)) :
	    content_slug(a, name);
	args[0] = DBS(want);
	if ((e = category_find(a, &q_cat_find, 1, args, id, slug)) != DB_OK ||
	    *id != 0)
		return e;
	args[0] = DBI(parent);
	args[1] = DBS(want);
	args[2] = DBS(name);
	e = db_exec(&q_cat_add, NULL, &newid, 3, args);
	if (e == DB_DUPLICATE) {	/* made meanwhile */
		args[0] = DBS(want);
		return category_find(a, &q_cat_find, 1, args, id, slug);
	}
	if (e == DB_OK) {
		*id = (unsigned)newid;
		*slug = want;
	}
	return e;
}

/*
 * The category at path ("Billing/Invoices"), made with its parents when
 * missing.  names (or NULL), a path of as many parts ("Laskutus/Laskut"),
 * names each of them in language lang.  Returns DB_OK and sets *id.
 */
int
category_ensure(struct arena *a, const char *path, const char *names,
    const char *lang, unsigned *id)
{
	const char	*slug = "";
	char		*part, *name;
	unsigned	 parent = 0;
	uint64_t	 changed;
	int		 e = DB_OK;

	while ((part = path_next(a, &path)) != NULL) {
		if ((e = category_step(a, parent, slug, part, &parent,
		    &slug)) != DB_OK)
			break;
		if (names != NULL && (name = path_next(a, &names)) != NULL) {
			if ((e = category_name_set(parent, lang, name,
			    &changed)) != DB_OK)
				break;
			/* Pages show the name: a new one renews them. */
			if (changed > 0 &&
			    (e = content_generation_bump()) != DB_OK)
				break;
		}
	}
	*id = parent;
	return e;
}

int
content_generation(uint64_t *gen)
{
	enum { GEN, GEN__MAX };
	static struct dbstmt q = DBSTMT_COLS(
	    "SELECT gen FROM content_generation WHERE id = 1", GEN__MAX);
	struct dbres	*res;
	int		 e;

	*gen = 0;
	if ((e = db_query(&q, &res, 0, NULL)) != DB_OK)
		return e;
	if (res->nrows == 1)
		*gen = strtoull(dbres_get(res, 0, GEN), NULL, 10);
	dbres_free(res);
	return DB_OK;
}

/* The content generation, read once per request. */
int
content_generation_of(struct req *r, uint64_t *gen)
{
	int	e;

	if (!r->gen_read) {
		if ((e = content_generation(&r->gen)) != DB_OK)
			return e;
		r->gen_read = true;
	}
	*gen = r->gen;
	return DB_OK;
}

/* The segments of r's visitor (their own and their account's), read
 * once per request; none when not signed in. */
enum { VSEG_ID, VSEG__MAX };
static struct dbstmt q_viewer_segments = DBSTMT_COLS(
    "SELECT segment_id FROM user_segments WHERE user_id = ? UNION "
    "SELECT segment_id FROM account_segments WHERE account_id = ?",
    VSEG__MAX);

int
content_viewer_segments(struct req *r, const unsigned **segs, size_t *n)
{
	struct dbres	*res;
	struct dbarg	 a[2];
	unsigned	*v;
	size_t		 i;
	int		 e;

	if (!r->vsegs_read && r->user != NULL) {
		a[0] = DBI(r->user->id);
		a[1] = DBI(r->user->account_id);
		if ((e = db_query(&q_viewer_segments, &res, 2, a)) != DB_OK)
			return e;
		v = arena_alloc(r->arena, sizeof(*v) * (res->nrows + 1));
		for (i = 0; i < res->nrows; i++)
			v[i] = (unsigned)strtoul(dbres_get(res, i, VSEG_ID),
			    NULL, 10);
		r->vsegs = v;
		r->nvsegs = res->nrows;
		dbres_free(res);
	}
	r->vsegs_read = true;
	*segs = r->vsegs;
	*n = r->nvsegs;
	return DB_OK;
}

/* ---- names an item is saved with (import and staff form) ------------------ */

enum { SEGNAME_ID, SEGNAME__MAX };
static struct dbstmt q_segment_named = DBSTMT_COLS(
    "SELECT id FROM segments WHERE name = ?", SEGNAME__MAX);

/*
 * Resolve names ("Resellers, Partners") into it->segments.  *unknown is
 * the first name no segment has (in a), or NULL when all were found.
 */
int
item_segments_named(struct arena *a, const char *names, struct item *it,
    const char **unknown)
{
	struct dbres	*res;
	struct dbarg	 arg[1];
	char		*copy = arena_strdup(a, names), *s, *save = NULL;
	size_t		 n;
	int		 e;

	*unknown = NULL;
	for (s = strtok_r(copy, ",", &save); s != NULL;
	    s = strtok_r(NULL, ",", &save)) {
		while (*s == ' ')
			s++;
		for (n = strlen(s); n > 0 && s[n - 1] == ' '; n--)
			s[n - 1] = '\0';
		if (*s == '\0')
			continue;
		arg[0] = DBS(s);
		if ((e = db_query(&q_segment_named, &res, 1, arg)) != DB_OK)
			return e;
		n = res->nrows;
		if (n == 1 && it->nsegments < ITEM_MAX_SEGMENTS)
			it->segments[it->nsegments++] = (unsigned)strtoul(
			    dbres_get(res, 0, SEGNAME_ID), NULL, 10);
		dbres_free(res);
		if (n != 1) {
			*unknown = s;
			return DB_OK;
		}
	}
	return DB_OK;
}

enum { GROUP_OF_ID, GROUP_OF__MAX };
static struct dbstmt q_group_of = DBSTMT_COLS(
    "SELECT group_id FROM items WHERE slug = ?", GROUP_OF__MAX);

/* The translation group of the item at slug, 0 when there is none. */
int
item_group_of(const char *slug, unsigned *group)
{
	struct dbres	*res;
	struct dbarg	 arg[1];
	int		 e;

	*group = 0;
	arg[0] = DBS(slug);
	if ((e = db_query(&q_group_of, &res, 1, arg)) != DB_OK)
		return e;
	if (res->nrows == 1)
		*group = (unsigned)strtoul(dbres_get(res, 0, GROUP_OF_ID),
		    NULL, 10);
	dbres_free(res);
	return DB_OK;
}
