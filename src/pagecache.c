/*
 * The rendered-page cache for anonymous visitors.  The web server keeps
 * the pages (nginx fastcgi_cache, see conf/nginx.conf): a page is stored
 * only when its response carries X-Accel-Expires, which the worker adds
 * to public pages of routes marked RF_CACHE, answered 200 to a visitor
 * who is not signed in and holds no form token.  Every other answer is
 * "Cache-Control: no-store" (pagecache_public()).  The cache key holds the
 * language cookie and Accept-Language, and signed-in visitors bypass the
 * cache, so a page never reaches a visitor of another language, segment
 * or sign-in state.
 *
 * Any content change empties page_cache_dir at once: nginx finds the
 * file gone and asks the workers again.  Every change also moves
 * content_generation, which each host's pool watches (pool.c): other
 * web server hosts empty their own caches within a second or two.
 */
#include "config.h"

#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "portico.h"

static int
purge_one(const char *path, const struct stat *st, int type, struct FTW *f)
{
	if (type == FTW_F && unlink(path) == -1)
		log_warn("page cache: unlink %s", path);
	return 0;
}

void
pagecache_purge(void)
{
	if (conf == NULL || conf->page_cache_dir == NULL ||
	    *conf->page_cache_dir == '\0')
		return;
	if (nftw(conf->page_cache_dir, purge_one, 16, FTW_PHYS) == -1 &&
	    errno != ENOENT)
		log_warn("page cache: %s", conf->page_cache_dir);
}

/*
 * May caches (the browser's, a proxy's) store r's answer?  Only a 200 to
 * a GET of a route the table marks public (RF_CACHE, RF_PUBLIC), for a
 * visitor who is not signed in, with no form token on the page and no
 * cookie set.  Any other route is never stored, whatever its page holds
 * today: the answer is "Cache-Control: no-store".
 */
bool
pagecache_public(const struct req *r)
{
	size_t	i;

	if (r->route == NULL || !(r->route->flags & (RF_CACHE | RF_PUBLIC)) ||
	    r->status != 200 || !(r->method & (METHOD_GET | METHOD_HEAD)) ||
	    r->user != NULL || r->mfa_user != 0 || r->csrf[0] != '\0')
		return false;
	for (i = 0; i < r->headers.n; i++)
		if (!strcasecmp(r->headers.v[i].key, "Set-Cookie"))
			return false;
	return true;
}

/* May the web server keep r's answer for anonymous visitors? */
bool
pagecache_allowed(const struct req *r)
{
	return conf->page_cache_seconds > 0 && pagecache_public(r) &&
	    (r->route->flags & RF_CACHE) && !r->want_xml;
}
