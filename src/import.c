/*
 * portico-admin import-articles DIR: a folder of Markdown files, each
 * opening with a front-matter block between "---" lines:
 *
 *   ---
 *   title: Paying an invoice			(required)
 *   lang: en					(required: en fi et el zh fa)
 *   category: Billing/Invoices			(required; made when missing)
 *   category_names: Laskutus/Laskut		(its parts' names in lang)
 *   slug: paying-an-invoice			(default: from the title)
 *   tags: invoice, payment
 *   translation_of: paying-an-invoice		(the slug it translates)
 *   status: published				(draft, published, archived)
 *   summary: One line for lists.
 *   type: article				(article video faq download news)
 *   product: Web hosting
 *   visibility: public				(public signed-in segments)
 *   segments: Finland, Resellers		(segment names)
 *   video: https://www.youtube-nocookie.com/embed/ID
 *   news: notice				(notice update blog)
 *   severity: major				(info minor major critical)
 *   starts: 2026-11-20 08:00			(UTC)
 *   ends: 2026-11-21 08:00
 *   ---
 *   Markdown body...
 *
 * Idempotent by slug: a changed file updates its item and keeps a
 * version, an unchanged one is left alone.  Translations are imported
 * after the files they translate.  A bad file is reported with its
 * reason and the import goes on; the exit status is 1 if any failed.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "portico.h"

#define MAX_FILE	(4 * 1024 * 1024)

struct fm {
	const char	*key;
	const char	*val;
};

static const char *const fm_keys[] = {
	"title", "lang", "category", "category_names", "slug", "tags",
	"translation_of",
	"status", "summary", "type", "product", "visibility", "segments",
	"video", "news", "severity", "starts", "ends", NULL
};

/* Split text into front matter (fm, n) and the body.  NULL or a reason. */
static const char *
front_matter(struct arena *a, char *text, struct fm *fm, size_t *n,
    const char **body)
{
	char	*p = text, *nl, *colon, *k, *v;
	size_t	 i;

	*n = 0;
	if (strncmp(p, "---\n", 4) && strncmp(p, "---\r\n", 5))
		return "no front matter (the file must start with a --- line)";
	p = strchr(p, '\n') + 1;
	for (;;) {
		if (*p == '\0')
			return "front matter not closed by a --- line";
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		if (nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		if (*nl)
			*nl++ = '\0';
		if (!strcmp(p, "---")) {
			p = nl;
			break;
		}
		if (*p == '\0' || *p == '#') {
			p = nl;
			continue;
		}
		if ((colon = strchr(p, ':')) == NULL)
			return arena_printf(a, "front matter line without "
			    "\"key:\": %.60s", p);
		*colon = '\0';
		k = p;
		v = colon + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		for (i = strlen(v); i > 0 && (v[i - 1] == ' ' ||
		    v[i - 1] == '\t'); i--)
			v[i - 1] = '\0';
		/* Quotes around a value are the writer's, not the value's. */
		if ((i = strlen(v)) >= 2 && ((v[0] == '"' && v[i - 1] == '"') ||
		    (v[0] == '\'' && v[i - 1] == '\''))) {
			v[i - 1] = '\0';
			v++;
		}
		for (i = 0; fm_keys[i] != NULL; i++)
			if (!strcmp(fm_keys[i], k))
				break;
		if (fm_keys[i] == NULL)
			return arena_printf(a, "unknown front matter key "
			    "\"%.40s\"", k);
		if (*n == 32)
			return "too many front matter lines";
		fm[*n].key = fm_keys[i];
		fm[(*n)++].val = v;
		p = nl;
	}
	*body = p;
	return NULL;
}

static const char *
fm_get(const struct fm *fm, size_t n, const char *key)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (!strcmp(fm[i].key, key))
			return fm[i].val;
	return NULL;
}

/* Resolve segment names into it->segments. */
static const char *
segments(struct arena *a, const char *names, struct item *it)
{
	const char	*unknown;

	if (item_segments_named(a, names, it, &unknown) != DB_OK)
		return arena_printf(a, "database: %s", db_last_error());
	if (unknown != NULL)
		return arena_printf(a, "no segment named \"%s\"", unknown);
	return NULL;
}

/* What the import says of a field item_check() found wrong. */
static const char *
check_message(struct arena *a, const struct item *it, const char *field)
{
	if (!strcmp(field, "kind"))
		return arena_printf(a, "type \"%.20s\" is not one of %s",
		    it->kind, content_list_text(a, content_kinds, " ", " "));
	if (!strcmp(field, "lang"))
		return arena_printf(a, "lang \"%.20s\" is not one of %s",
		    it->lang, content_list_text(a, content_langs, " ", " "));
	if (!strcmp(field, "slug"))
		return arena_printf(a, "slug \"%.60s\" is not lower-case "
		    "letters, digits and dashes", it->slug);
	if (!strcmp(field, "video_url"))
		return "video: not an address video_embeds allows";
	if (!strcmp(field, "news_kind"))
		return arena_printf(a, "a news item needs news: %s",
		    content_list_text(a, content_news_kinds, ", ", " or "));
	if (!strcmp(field, "starts") || !strcmp(field, "ends"))
		return "starts/ends must be written YYYY-MM-DD HH:MM";
	return arena_printf(a, "%s must be %s", field, content_list_text(a,
	    !strcmp(field, "status") ? content_statuses :
	    !strcmp(field, "visibility") ? content_visibilities :
	    content_severities, ", ", " or "));
}

/* Turn one file's text into an item.  NULL or the reason it is bad. */
static const char *
build(struct arena *a, char *text, size_t len, struct item *it,
    const char **category, const char **category_names,
    const char **translation_of)
{
	struct fm	 fm[32];
	size_t		 n;
	const char	*why, *body = NULL, *v;

	if (!utf8_valid(text, len))
		return "not valid UTF-8";
	if (memchr(text, '\0', len) != NULL)
		return "holds a NUL byte";
	if ((why = front_matter(a, text, fm, &n, &body)) != NULL)
		return why;
	memset(it, 0, sizeof(*it));
	it->title = fm_get(fm, n, "title");
	it->lang = fm_get(fm, n, "lang");
	if (it->title == NULL || *it->title == '\0')
		return "no title:";
	if (strlen(it->title) > 300)
		return "title longer than 300 bytes";
	if (it->lang == NULL)
		return "no lang:";
	if ((v = fm_get(fm, n, "category")) == NULL || *v == '\0')
		return "no category:";
	if (strlen(v) > 300)
		return "category longer than 300 bytes";
	*category = v;
	if ((v = fm_get(fm, n, "category_names")) != NULL && *v) {
		if (strlen(v) > 200)
			return "category_names longer than 200 bytes";
		if (category_depth(v) != category_depth(*category))
			return "category_names must name each part of category:";
		*category_names = v;
	}
	it->kind = (v = fm_get(fm, n, "type")) ? v : "article";
	it->slug = (v = fm_get(fm, n, "slug")) ? v : content_slug(a, it->title);
	it->status = (v = fm_get(fm, n, "status")) ? v : "published";
	it->visibility = (v = fm_get(fm, n, "visibility")) ? v : "public";
	it->summary = (v = fm_get(fm, n, "summary")) ? v : "";
	if (strlen(it->summary) > 1000)
		return "summary longer than 1000 bytes";
	it->tags = (v = fm_get(fm, n, "tags")) ? v : "";
	if (strlen(it->tags) > 500)
		return "tags longer than 500 bytes";
	it->product = (v = fm_get(fm, n, "product")) ? v : "";
	it->video_url = (v = fm_get(fm, n, "video")) ? v : "";
	it->news_kind = (v = fm_get(fm, n, "news")) ? v : "";
	it->severity = (v = fm_get(fm, n, "severity")) ? v : "";
	it->starts_at = (v = fm_get(fm, n, "starts")) ? v : "";
	it->ends_at = (v = fm_get(fm, n, "ends")) ? v : "";
	if ((why = item_check(it, &v)) != NULL)
		return check_message(a, it, v);
	it->file_version = "";
	it->body = body;
	if ((v = fm_get(fm, n, "segments")) != NULL &&
	    (why = segments(a, v, it)) != NULL)
		return why;
	if (!strcmp(it->visibility, "segments") && it->nsegments == 0)
		return "visibility: segments needs segments:";
	*translation_of = fm_get(fm, n, "translation_of");
	return NULL;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
read_file(const char *path, size_t *len, const char **why)
{
	FILE		*f;
	struct stat	 st;
	char		*buf;

	if ((f = fopen(path, "rb")) == NULL) {
		*why = strerror(errno);
		return NULL;
	}
	if (fstat(fileno(f), &st) == -1 || !S_ISREG(st.st_mode)) {
		fclose(f);
		*why = "not a regular file";
		return NULL;
	}
	if (st.st_size > MAX_FILE) {
		fclose(f);
		*why = "larger than 4 MiB";
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	*len = fread(buf, 1, (size_t)st.st_size, f);
	buf[*len] = '\0';
	if (ferror(f)) {
		*why = "read error";
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	return buf;
}

/* Are the stored item and the file's the same text? */
static bool
unchanged(const struct item *old, const struct item *it)
{
	size_t	i;

	if (old->nsegments != it->nsegments)
		return false;
	for (i = 0; i < it->nsegments; i++)
		if (old->segments[i] != it->segments[i])
			return false;
	return !strcmp(old->title, it->title) && !strcmp(old->body, it->body) &&
	    !strcmp(old->summary, it->summary) && !strcmp(old->tags, it->tags) &&
	    !strcmp(old->status, it->status) && !strcmp(old->lang, it->lang) &&
	    !strcmp(old->kind, it->kind) && !strcmp(old->product, it->product) &&
	    !strcmp(old->visibility, it->visibility) &&
	    !strcmp(old->video_url, it->video_url) &&
	    !strcmp(old->news_kind, it->news_kind) &&
	    !strcmp(old->severity, it->severity) &&
	    !strcmp(old->starts_at, it->starts_at) &&
	    !strcmp(old->ends_at, it->ends_at) &&
	    old->category_id == it->category_id && old->group_id == it->group_id;
}

static int
cmp_segs(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

/* Import one file.  Returns NULL, or why it failed; *what says what
 * happened to a good one (created, updated, unchanged). */
static const char *
import_one(struct arena *a, const char *path, bool second_pass, bool *later,
    const char **what)
{
	struct item	 it, old;
	const char	*why = NULL, *tr = NULL, *category = NULL;
	const char	*names = NULL;
	char		*text;
	size_t		 len;
	bool		 found, conflict;
	int		 e;

	*later = false;
	if ((text = read_file(path, &len, &why)) == NULL)
		return why;
	/* The text lives in the arena with the item made of it. */
	{
		char *copy = arena_alloc(a, len + 1);

		memcpy(copy, text, len + 1);
		free(text);
		text = copy;
	}
	if ((why = build(a, text, len, &it, &category, &names, &tr)) != NULL)
		return why;
	if (tr != NULL && !second_pass) {
		*later = true;
		return NULL;
	}
	qsort(it.segments, it.nsegments, sizeof(it.segments[0]), cmp_segs);
	if (tr != NULL) {
		if (item_group_of(tr, &it.group_id) != DB_OK)
			return arena_printf(a, "database: %s", db_last_error());
		if (it.group_id == 0)
			return arena_printf(a, "translation_of: no article with "
			    "slug \"%.60s\"", tr);
	}
	if ((e = category_ensure(a, category, names, it.lang,
	    &it.category_id)) != DB_OK)
		return arena_printf(a, "database: %s", db_last_error());
	if ((e = item_load(NULL, a, it.slug, 0, &old, &found)) != DB_OK)
		return arena_printf(a, "database: %s", db_last_error());
	if (found) {
		if (it.group_id == 0)
			it.group_id = old.group_id;
		if (unchanged(&old, &it)) {
			*what = "unchanged";
			return NULL;
		}
		it.id = old.id;
		it.file_id = old.file_id;
		it.file_version = old.file_version;
		*what = "updated";
	} else
		*what = "created";
	e = item_save(&it, 0, "import", 0, &conflict);
	if (e == DB_DUPLICATE)
		return "slug already used";
	if (e != DB_OK)
		return arena_printf(a, "database: %s", db_last_error());
	return NULL;
}

/*
 * Import every *.md file of dir, in name order, translations last.
 * Progress goes to stderr (one updating line on a terminal), each bad
 * file with its reason.  Returns 0, or 1 when any file failed.
 */
int
import_articles(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	char		**names = NULL, *path;
	size_t		 n = 0, cap = 0, i, done = 0, bad = 0, len;
	size_t		 created = 0, updated = 0, same = 0;
	bool		 tty = isatty(STDERR_FILENO), later;
	bool		*deferred;
	const char	*why, *what;
	struct arena	*a;
	int		 pass;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "portico-admin: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 4 || strcmp(de->d_name + len - 3, ".md") ||
		    de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_str);
	deferred = xcalloc(n + 1, sizeof(*deferred));
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < n; i++) {
			if (pass == 1 && !deferred[i])
				continue;
			a = arena_new();
			path = arena_printf(a, "%s/%s", dir, names[i]);
			what = NULL;
			why = import_one(a, path, pass == 1, &later, &what);
			if (later) {
				deferred[i] = true;
				arena_free(a);
				continue;
			}
			done++;
			if (why != NULL) {
				bad++;
				fprintf(stderr, "%s%s: %s\n", tty ? "\r\033[K" : "",
				    names[i], why);
			} else if (!strcmp(what, "created"))
				created++;
			else if (!strcmp(what, "updated"))
				updated++;
			else
				same++;
			if (tty)
				fprintf(stderr, "\r\033[K[%zu/%zu] %s", done, n,
				    names[i]);
			arena_free(a);
		}
	}
	if (tty)
		fprintf(stderr, "\r\033[K");
	fprintf(stderr, "%zu files: %zu created, %zu updated, %zu unchanged, "
	    "%zu failed\n", n, created, updated, same, bad);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(deferred);
	return bad > 0 ? 1 : 0;
}
