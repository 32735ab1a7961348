/*
 * A worker: accept a FastCGI request, turn it into a struct req, route
 * it, render the page and write the response.  This is the only file
 * that knows FastCGI; handlers see a struct req.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <malloc.h>
#include <poll.h>

#include <fcgiapp.h>
#include <libxml/xmlsave.h>

#include "portico.h"
#include "pool.h"

static volatile sig_atomic_t	 worker_stop;

static void
on_stop(int sig)
{
	worker_stop = 1;
}

static const char *
status_text(int st)
{
	switch (st) {
	case 200: return "OK";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 413: return "Payload Too Large";
	case 414: return "URI Too Long";
	case 409: return "Conflict";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 500: return "Internal Server Error";
	case 501: return "Not Implemented";
	case 503: return "Service Unavailable";
	default:  return "Unknown";
	}
}

static const char *
param(FCGX_Request *fr, const char *name)
{
	return FCGX_GetParam(name, fr->envp);
}

/* The request id: the web server's ($request_id) if sane, else ours. */
static void
set_rid(struct req *r, const char *given)
{
	unsigned char	raw[8];
	size_t		i, n = given ? strlen(given) : 0;

	if (n >= 8 && n < sizeof(r->rid)) {
		for (i = 0; i < n; i++)
			if (!((given[i] >= '0' && given[i] <= '9') ||
			    (given[i] >= 'a' && given[i] <= 'f')))
				break;
		if (i == n) {
			memcpy(r->rid, given, n + 1);
			return;
		}
	}
	if (random_bytes(raw, sizeof(raw)) == -1)
		memset(raw, 0, sizeof(raw));
	hex_encode(r->rid, raw, sizeof(raw));
}

static bool
ctype_is(const char *ct, const char *want)
{
	size_t	n = strlen(want);

	return ct != NULL && !strncasecmp(ct, want, n) &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/*
 * Read the body into the arena, once route_policy() has let the request
 * through: up to max_body, and max_upload more for a multipart form to
 * a route that takes uploads (the attachments' limits to one that takes
 * ticket attachments).  A larger body is refused unread.
 * Returns 0, or an HTTP status.
 */
static int
read_body(FCGX_Request *fr, struct req *r, const char *clen)
{
	char		*end;
	unsigned long	 n, limit;
	int		 got;

	if (clen == NULL || *clen == '\0')
		return 0;
	errno = 0;
	n = strtoul(clen, &end, 10);
	if (errno || *end != '\0' || clen[0] == '-')
		return 400;
	limit = (unsigned long)conf->max_body;
	if ((r->route->flags & RF_UPLOAD) &&
	    ctype_is(r->content_type, "multipart/form-data"))
		limit += (unsigned long)conf->max_upload;
	if ((r->route->flags & RF_ATTACH) &&
	    ctype_is(r->content_type, "multipart/form-data"))
		limit += (unsigned long)conf->ticket_max_attachments *
		    (unsigned long)conf->ticket_max_attachment;
	if (n > limit)
		return 413;
	r->body = arena_alloc(r->arena, n + 1);
	got = n ? FCGX_GetStr((char *)r->body, (int)n, fr->in) : 0;
	if (got < 0 || (unsigned long)got != n)
		return 400;
	((char *)r->body)[n] = '\0';
	r->body_len = n;
	return 0;
}

/*
 * Fill r from the FastCGI request and parse what came with it.  The
 * session and the route's policy come before the body: a body is read
 * only for a route the caller may use.  Returns 0, or an HTTP status
 * with the error page (or redirect) already made.
 */
static int
req_parse(FCGX_Request *fr, struct req *r)
{
	struct limits	 lim;
	const char	*m, *lang;
	int		 e, st;

	lim.max_fields = (size_t)conf->max_fields;
	lim.max_field_size = (size_t)conf->max_field_size;
	set_rid(r, param(fr, "REQUEST_ID"));
	log_set_rid(r->rid);
	r->query_string = param(fr, "QUERY_STRING");
	r->content_type = param(fr, "CONTENT_TYPE");
	r->cookie_header = param(fr, "HTTP_COOKIE");
	r->accept_language = param(fr, "HTTP_ACCEPT_LANGUAGE");
	r->origin = param(fr, "HTTP_ORIGIN");
	r->referer = param(fr, "HTTP_REFERER");
	r->remote_addr = param(fr, "REMOTE_ADDR");
	r->user_agent = param(fr, "HTTP_USER_AGENT");
	r->if_none_match = param(fr, "HTTP_IF_NONE_MATCH");
	/* Only with single sign-on on is an identity variable read at all. */
	if (conf->sso)
		r->sso_identity = param(fr, conf->sso_variable);
	m = param(fr, "REQUEST_METHOD");
	r->method_name = m ? m : "-";
	r->path = "-";

	/* The language comes first: even a bad request gets its own. */
	if (r->cookie_header != NULL &&
	    parse_cookies(r->arena, r->cookie_header, &lim, &r->cookies) !=
	    PERR_OK) {
		r->cookies.n = 0;
		r->cat = i18n_negotiate(NULL, r->accept_language);
		return page_error(r, 400, "cookie", NULL);
	}
	lang = kv_get(&r->cookies, "lang");
	r->cat = i18n_negotiate(lang, r->accept_language);

	if ((e = parse_path(r->arena, param(fr, "REQUEST_URI"), &r->path)) !=
	    PERR_OK) {
		r->path = "-";
		return page_error(r, e == PERR_TOO_LARGE ? 414 :
		    perr_status(e), "path", NULL);
	}
	if (m == NULL)
		return page_error(r, 400, NULL, NULL);
	else if (!strcmp(m, "GET"))
		r->method = METHOD_GET;
	else if (!strcmp(m, "HEAD"))
		r->method = METHOD_HEAD;
	else if (!strcmp(m, "POST"))
		r->method = METHOD_POST;
	else
		return page_error(r, 405, NULL, NULL);

	if (r->query_string != NULL && (e = parse_urlencoded(r->arena,
	    r->query_string, strlen(r->query_string), &lim, &r->query)) !=
	    PERR_OK)
		return page_error(r, perr_status(e), "query", NULL);
	if ((st = session_load(r)) != 0 ||
	    (r->user == NULL && r->sso_identity != NULL &&
	    (st = session_sso(r)) != 0))
		return page_error(r, st, "database", NULL);
	/* A signed-in user's own language setting comes first. */
	if (r->user != NULL && i18n_find(r->user->lang) != NULL)
		r->cat = i18n_find(r->user->lang);
	if ((st = route_policy(r)) != 0)
		return st;
	if ((st = read_body(fr, r, param(fr, "CONTENT_LENGTH"))) != 0)
		return page_error(r, st, st == 413 ? "body-size" : "body",
		    NULL);
	if (r->body_len == 0)
		return 0;
	if (r->method != METHOD_POST)
		return page_error(r, 400, "body", NULL);
	if (ctype_is(r->content_type, "application/x-www-form-urlencoded"))
		e = parse_urlencoded(r->arena, r->body, r->body_len, &lim,
		    &r->form);
	else if (ctype_is(r->content_type, "multipart/form-data"))
		e = parse_multipart(r->arena, r->content_type, r->body,
		    r->body_len, &lim, &r->form);
	else
		return page_error(r, 415, "content-type", NULL);
	if (e != PERR_OK)
		return page_error(r, perr_status(e), "form", NULL);
	return 0;
}

static void
put(FCGX_Request *fr, const char *s, size_t n)
{
	if (n > 0 && FCGX_PutStr(s, (int)n, fr->out) != (int)n)
		log_warnx("short write to the web server");
}

/* Write one header line, formatted with snprintf (not FCGX_FPrintF). */
static void
put_header(FCGX_Request *fr, const char *name, const char *value)
{
	char	line[4096];
	int	n;

	if (strpbrk(value, "\r\n") != NULL) {
		log_warnx("header %s dropped: line break in value", name);
		return;
	}
	n = snprintf(line, sizeof(line), "%s: %s\r\n", name, value);
	if (n > 0 && (size_t)n < sizeof(line))
		put(fr, line, (size_t)n);
}

static const char csp_base[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; media-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/* The policy, with frame-src naming the origins videos may be embedded
 * from (video_embeds); made once per worker. */
static const char *
csp(void)
{
	static char	*made;
	struct buf	 b = { NULL, 0, 0 };
	const char	*p, *end, *host;

	if (made != NULL)
		return made;
	buf_adds(&b, csp_base);
	for (p = conf->video_embeds; p != NULL && *p; p = end) {
		while (*p == ' ')
			p++;
		if ((end = strchr(p, ' ')) == NULL)
			end = p + strlen(p);
		if (strncmp(p, "https://", 8) || end - p < 9)
			continue;
		host = p + 8;
		while (host < end && *host != '/')
			host++;
		buf_adds(&b, b.len == sizeof(csp_base) - 1 ? "; frame-src " : " ");
		buf_add(&b, p, (size_t)(host - p));
	}
	made = b.p;
	return made;
}

/* Produce the body: page XML, the themed page, or a raw body; *alloc
 * (malloc'ed or NULL) is the caller's to free. */
static void
render(struct req *r, char **alloc, const char **body, size_t *len,
    const char **ctype)
{
	xmlChar	*x = NULL;
	int	 n = 0;

	*alloc = NULL;
	if (r->doc != NULL && r->want_xml) {
		xmlDocDumpFormatMemoryEnc(r->doc, &x, &n, "UTF-8", 1);
		*alloc = xmalloc((size_t)n + 1);
		memcpy(*alloc, x ? (const char *)x : "", (size_t)n);
		xmlFree(x);
		*body = *alloc;
		*len = (size_t)n;
		*ctype = "application/xml; charset=utf-8";
		return;
	}
	if (r->doc != NULL) {
		if (theme_render(r, alloc, len, ctype) == 0) {
			*body = *alloc;
			return;
		}
		/* The theme failed: try its error page, then plain text. */
		r->status = page_error(r, 500, "theme", NULL);
		if (theme_render(r, alloc, len, ctype) == 0) {
			*body = *alloc;
			return;
		}
		*body = "500 Internal Server Error: the theme failed.\n";
		*len = strlen(*body);
		*ctype = "text/plain; charset=utf-8";
		return;
	}
	*body = r->body_out ? r->body_out : "";
	*len = r->body_out ? r->body_out_len : 0;
	*ctype = r->ctype_out ? r->ctype_out : "text/plain; charset=utf-8";
}

static size_t
respond(FCGX_Request *fr, struct req *r)
{
	char		*alloc, line[64];
	const char	*body, *ctype;
	size_t		 len, i;

	render(r, &alloc, &body, &len, &ctype);
	snprintf(line, sizeof(line), "%d %s", r->status,
	    status_text(r->status));
	put_header(fr, "Status", line);
	if (r->location != NULL) {
		put_header(fr, "Location", r->location);
		len = 0;
	}
	put_header(fr, "Content-Type", ctype);
	snprintf(line, sizeof(line), "%zu", len);
	put_header(fr, "Content-Length", line);
	put_header(fr, "X-Request-Id", r->rid);
	put_header(fr, "Content-Security-Policy", csp());
	put_header(fr, "X-Content-Type-Options", "nosniff");
	put_header(fr, "X-Frame-Options", "DENY");
	put_header(fr, "Referrer-Policy", "same-origin");
	if (r->cat != NULL)
		put_header(fr, "Content-Language", r->cat->code);
	put_header(fr, "Vary", "Cookie, Accept-Language");
	/* An https site is https only: browsers remember it for a year. */
	if (conf->https)
		put_header(fr, "Strict-Transport-Security", "max-age=31536000");
	/* Only public pages of routes marked so may be stored by a cache;
	 * signed-in pages, token pages, errors and redirects never are. */
	if (!pagecache_public(r))
		put_header(fr, "Cache-Control", "no-store");
	else if (pagecache_allowed(r)) {
		/* A page kept by the web server, or its copy still current. */
		snprintf(line, sizeof(line), "%d",
		    conf->page_cache_check_seconds);
		put_header(fr, "X-Accel-Expires", line);
		put_header(fr, "ETag", r->etag);
	}
	for (i = 0; i < r->headers.n; i++)
		put_header(fr, r->headers.v[i].key, r->headers.v[i].val);
	put(fr, "\r\n", 2);
	if (r->method != METHOD_HEAD && r->location == NULL)
		put(fr, body, len);
	free(alloc);
	return r->location ? 0 : len;
}

/* query_stats: what this request cost MariaDB, as two headers. */
static void
stats_headers(struct req *r)
{
	unsigned long		stmts;
	unsigned long long	rows;
	char			n[32];

	if (db_stats_end(&stmts, &rows) != DB_OK)
		return;
	snprintf(n, sizeof(n), "%lu", stmts);
	req_header(r, "X-Statements", n);
	snprintf(n, sizeof(n), "%llu", rows);
	req_header(r, "X-Rows-Read", n);
}

static void
handle(FCGX_Request *fr)
{
	struct req	*r = req_new();
	size_t		 bytes;
	int		 st;

	if (conf->query_stats)
		db_stats_begin();
	if ((st = req_parse(fr, r)) != 0)
		r->status = st;
	else
		dispatch(r);
	if (conf->query_stats)
		stats_headers(r);
	bytes = respond(fr, r);
	log_info("%s %s %d %zuB %.1fms", r->method_name, r->path, r->status,
	    bytes, (double)(now_ms() - r->start_ms));
	log_set_rid(NULL);
	req_free(r);
}

/* Is a connection waiting on the listening socket? */
static bool
queued(int fd)
{
	struct pollfd	p = { fd, POLLIN, 0 };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

/*
 * The worker loop: serve until told to stop (SIGTERM, SIGHUP) and
 * nothing is queued, or until max_requests have been served.  slot is
 * shared with the pool.
 */
void
worker_run(int fd, struct pool_slot *slot)
{
	FCGX_Request		fr;
	struct sigaction	sa;
	sigset_t		stopset;
	int			served = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: accept() returns */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&stopset);
	sigaddset(&stopset, SIGTERM);
	sigaddset(&stopset, SIGHUP);
	sigaddset(&stopset, SIGINT);
	sigprocmask(SIG_UNBLOCK, &stopset, NULL);

	/*
	 * A fixed mmap threshold: large blocks (an Argon2 hash's 19 MiB) are
	 * mapped and given back when freed, instead of glibc raising the
	 * threshold and keeping them in the heap, resident.
	 */
	mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
	page_banner = banner_xml;
	if (FCGX_Init() != 0)
		log_fatalx("FCGX_Init failed");
	if (FCGX_InitRequest(&fr, fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		log_fatalx("FCGX_InitRequest failed");
	while (served < conf->max_requests) {
		/* Told to stop: finish what is already queued, then go. */
		if (worker_stop && !queued(fd))
			break;
		if (FCGX_Accept_r(&fr) < 0) {
			if (worker_stop || errno == EINTR)
				continue;
			log_warn("accept");
			sleep(1);
			continue;
		}
		/* A request runs to its end: stop signals wait for it. */
		sigprocmask(SIG_BLOCK, &stopset, NULL);
		slot->busy_since = now_ms();
		xmlmem_begin();
		handle(&fr);
		xmlmem_end();
		FCGX_Finish_r(&fr);
		views_idle();
		slot->busy_since = 0;
		slot->served++;
		served++;
		sigprocmask(SIG_UNBLOCK, &stopset, NULL);
	}
	FCGX_Free(&fr, 0);
	views_flush();
	db_disconnect();
	exit(0);
}
