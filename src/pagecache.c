/*
 * The rendered-page cache for anonymous visitors.  The web server keeps
 * the pages (nginx fastcgi_cache, see conf/nginx.conf) and Portico never
 * touches its files: the web server and the pool may run as different
 * users that share no folder.
 *
 * A page is stored only when its response carries X-Accel-Expires, which
 * the worker adds to public pages of routes marked RF_CACHE, answered 200
 * to a visitor who is not signed in and holds no form token.  The cache
 * key holds the language cookie and Accept-Language, and signed-in
 * visitors bypass the cache, so a page never reaches a visitor of another
 * language, segment or sign-in state.
 *
 * Such a page carries an ETag naming the content generation read before
 * the page was built, the configuration it was built with and the time
 * it was built.  The web server serves its copy by itself for
 * page_cache_check_seconds, then asks a worker with If-None-Match
 * (fastcgi_cache_revalidate).  The worker answers 304, without building
 * the page, while the generation and the configuration are those of the
 * copy and the copy is younger than page_cache_seconds; otherwise it
 * builds the page anew.  Every content change moves the generation, which
 * lives in the database, so a change made through any host reaches the
 * anonymous visitors of every host within page_cache_check_seconds.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "portico.h"

/* May r's answer be kept at all (before its handler runs)? */
static bool
pagecache_candidate(const struct req *r)
{
	return conf->page_cache_seconds > 0 && r->route != NULL &&
	    (r->route->flags & RF_CACHE) && r->user == NULL &&
	    r->mfa_user == 0 && !r->want_xml &&
	    (r->method & (METHOD_GET | METHOD_HEAD));
}

/*
 * Before the handler runs: 304 when the copy named by If-None-Match is
 * still current, else 0.  Either way r->etag names the page the
 * response carries, when it may be kept.
 */
int
pagecache_check(struct req *r)
{
	const char	*lang, *p;
	char		 prefix[64], *end;
	uint64_t	 gen;
	long long	 made, now;
	int		 n;

	r->etag[0] = '\0';
	if (!pagecache_candidate(r) || content_generation_of(r, &gen) != DB_OK)
		return 0;
	lang = r->cat != NULL ? r->cat->code : "";
	now = (long long)time(NULL);
	n = snprintf(prefix, sizeof(prefix), "W/\"%" PRIx64 "-%" PRIx64 "-",
	    gen, conf->loaded_us);
	if (n < 0 || (size_t)n >= sizeof(prefix))
		return 0;
	snprintf(r->etag, sizeof(r->etag), "%s%llx-%s\"", prefix, now, lang);
	if ((p = r->if_none_match) == NULL || strncmp(p, prefix, n) != 0)
		return 0;
	made = strtoll(p + n, &end, 16);
	if (end == p + n || *end != '-' || strncmp(end + 1, lang,
	    strlen(lang)) != 0 || strcmp(end + 1 + strlen(lang), "\"") != 0)
		return 0;
	if (made > now || now - made >= conf->page_cache_seconds)
		return 0;
	/* The copy keeps its own name: it was made then. */
	snprintf(r->etag, sizeof(r->etag), "%s", p);
	return 304;
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
	    (r->status != 200 && r->status != 304) ||
	    !(r->method & (METHOD_GET | METHOD_HEAD)) ||
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
	return pagecache_candidate(r) && r->etag[0] != '\0' &&
	    pagecache_public(r);
}
