/*
 * GET /downloads: manuals, tools and other files, by title, fifty a
 * page (?page=N); GET
 * /downloads/SLUG: one download with its version, size and checksum.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

#define PER_PAGE	50

int
page_downloads(struct req *r)
{
	struct list_opts o = { .name = "downloads", .kind = "download",
	    .by_title = true, .limit = PER_PAGE };
	xmlNodePtr	 pg;
	size_t		 total, page = list_page(r);
	int		 e;

	pg = page_new(r, "downloads");
	o.offset = (page - 1) * PER_PAGE;
	if ((e = item_list(r, pg, &o, &total)) != DB_OK)
		return HTTP_DB(e);
	return list_pages_xml(pg, page, PER_PAGE, total);
}

enum { FILE_ID, FILE_NAME, FILE_CONTENT_TYPE, FILE_SIZE, FILE_SHA256,
    FILE__MAX };
static struct dbstmt q_file = DBSTMT_COLS(
    "SELECT id, name, content_type, size, sha256 FROM files WHERE id = ?",
    FILE__MAX);

static const char *const download_kinds[] = { "download", NULL };

int
page_download(struct req *r)
{
	struct item	 it;
	struct dbres	*res;
	struct dbarg	 a[1];
	xmlNodePtr	 pg, f;
	int		 e, st;

	if ((st = item_by_slug(r, r->args[0], download_kinds, &it)) != 0)
		return st;
	pg = page_new(r, "download");
	item_xml(r, pg, &it);
	if (it.file_id != 0) {
		a[0] = DBI(it.file_id);
		if ((e = db_query(&q_file, &res, 1, a)) != DB_OK)
			return HTTP_DB(e);
		if (res->nrows == 1) {
			f = xml_elem(pg, "file");
			xml_attr(f, "href", arena_printf(r->arena, "/files/%s/%s",
			    dbres_get(res, 0, FILE_ID), dbres_get(res, 0,
			    FILE_NAME)));
			xml_attr(f, "name", dbres_get(res, 0, FILE_NAME));
			xml_attr(f, "type", dbres_get(res, 0,
			    FILE_CONTENT_TYPE));
			xml_attr(f, "size", dbres_get(res, 0, FILE_SIZE));
			xml_attr(f, "sha256", dbres_get(res, 0, FILE_SHA256));
			xml_attr(f, "version", it.file_version);
		}
		dbres_free(res);
	}
	if ((e = category_trail(r, pg, it.category_id)) != DB_OK)
		return HTTP_DB(e);
	views_count(it.id);
	return 200;
}
