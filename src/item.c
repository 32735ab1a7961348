/*
 * The parts of a content page every kind shares: the item loaded by
 * its slug (item_by_slug()) and its own elements (item_xml()), for the
 * knowledge base, news and downloads pages.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

/*
 * The item at slug into *it when it is one of kinds (NULL-terminated):
 * returns 0, or what the handler returns: 404 for no item (or one the
 * visitor may not see), a redirect to an item of another kind's own
 * page, HTTP_DB(e) for a database error.
 */
int
item_by_slug(struct req *r, const char *slug, const char *const kinds[],
    struct item *it)
{
	bool	found;
	int	e;

	if ((e = item_load(r, r->arena, slug, 0, it, &found)) != DB_OK)
		return HTTP_DB(e);
	if (!found)
		return 404;
	if (content_find(kinds, it->kind) == -1)
		return req_redirect(r, content_url(r->arena, it->kind,
		    it->slug));
	return 0;
}

/* The item's own parts: text, kind-specific fields, segments. */
void
item_xml(struct req *r, xmlNodePtr pg, const struct item *it)
{
	xmlNodePtr	n;

	xml_attr(pg, "id", arena_printf(r->arena, "%u", it->id));
	xml_attr(pg, "kind", it->kind);
	xml_attr(pg, "slug", it->slug);
	xml_attr(pg, "lang", it->lang);
	xml_attr(pg, "status", it->status);
	xml_attr(pg, "visibility", it->visibility);
	xml_attr(pg, "updated", it->updated_at);
	xml_attr(pg, "published", it->published_at);
	if (*it->product)
		xml_attr(pg, "product", it->product);
	if (strcmp(it->lang, r->cat->code))
		xml_attr(pg, "fallback", "yes");
	xml_text(pg, "title", it->title);
	xml_text(pg, "summary", it->summary);
	if (*it->tags) {
		char *tags = arena_strdup(r->arena, it->tags), *t, *save = NULL;

		n = xml_elem(pg, "tags");
		for (t = strtok_r(tags, ",", &save); t != NULL;
		    t = strtok_r(NULL, ",", &save)) {
			while (*t == ' ')
				t++;
			if (*t)
				xml_text(n, "tag", t);
		}
	}
	if (!strcmp(it->kind, "video")) {
		n = xml_elem(pg, "video");
		if (it->file_id != 0)
			xml_attr(n, "src", arena_printf(r->arena,
			    "/files/%u/video", it->file_id));
		else if (video_embed_allowed(it->video_url))
			xml_attr(n, "embed", it->video_url);
	}
	if (!strcmp(it->kind, "news")) {
		n = xml_elem(pg, "news");
		xml_attr(n, "kind", it->news_kind);
		xml_attr(n, "severity", it->severity);
		xml_attr(n, "starts", it->starts_at);
		xml_attr(n, "ends", it->ends_at);
	}
	markdown_to_xml(xml_elem(pg, "body"), it->body);
}
