/*
 * Unit tests: the dispatcher's policy (routes, methods, parameters,
 * origin checks), on requests that never reach the database.
 */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>

#include "portico.h"
#include "tap.h"

static struct req *
mkreq(enum method m, const char *path, const char *query, const char *form)
{
	struct req	*r = req_new();
	struct limits	 lim = { 50, 1024 };

	r->method = m;
	r->path = path;
	r->cat = i18n_default();
	strcpy(r->rid, "t");
	if (query)
		parse_urlencoded(r->arena, query, strlen(query), &lim,
		    &r->query);
	if (form)
		parse_urlencoded(r->arena, form, strlen(form), &lim, &r->form);
	return r;
}

static const char *
attr(struct req *r, const char *name)
{
	static char	buf[256];
	xmlChar		*v;

	buf[0] = '\0';
	if (r->content && (v = xmlGetProp(r->content,
	    (const xmlChar *)name))) {
		snprintf(buf, sizeof(buf), "%s", (const char *)v);
		xmlFree(v);
	}
	return buf;
}

static void __attribute__((format(printf, 1, 2)))
diag(const char *fmt, ...)
{
	va_list	ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* The only fields that may take any value at all. */
static const char *const passwords[] = {
	"password", "current_password", "new_password", NULL
};
/* Fields of fixed choices: each must refuse a word not on its list. */
static const char *const choices[] = {
	"kind", "lang", "in", "visibility", "severity", "status", "news_kind",
	"role", "portal_role", "change", "helpful", "language", "done", NULL
};
/* ...but for these, whose form says which field is wrong: the route
 * takes one word, the handler its list. */
static const char *const field_errors[][2] = {
	{ "/account/users/invite", "role" },
	{ "/account/profile", "language" },
};

static bool
listed(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

static bool
field_error_choice(const char *pattern, const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof(field_errors) / sizeof(field_errors[0]); i++)
		if (!strcmp(field_errors[i][0], pattern) &&
		    !strcmp(field_errors[i][1], name))
			return true;
	return false;
}

/*
 * Is the spec narrower than "anything"?  A password may be anything;
 * an upload route's file part (a ticket route's attachments) is checked
 * by its type; every other
 * value refuses control characters, and a fixed choice refuses a word
 * not on its list.  Returns the number of specs found wanting (and
 * says which).
 */
static size_t
spec_wanting(const struct route *rt, const struct param_spec *sp)
{
	size_t	bad = 0;

	for (; sp != NULL && sp->name != NULL; sp++) {
		if (sp->valid == valid_any) {
			if (!listed(passwords, sp->name)) {
				diag("%s: %s takes anything", rt->pattern, sp->name);
				bad++;
			}
			continue;
		}
		if ((rt->flags & RF_UPLOAD) && !strcmp(sp->name, "file"))
			continue;
		/* A ticket's attachments: file parts, typed by their bytes. */
		if ((rt->flags & RF_ATTACH) && !strcmp(sp->name, "attachment"))
			continue;
		if (sp->valid("a\x01", 2) || sp->valid("\x1b", 1) ||
		    sp->maxlen > 65536) {
			diag("%s: %s takes control characters", rt->pattern,
			    sp->name);
			bad++;
		}
		if (listed(choices, sp->name) &&
		    !field_error_choice(rt->pattern, sp->name) &&
		    sp->valid("no-such-choice", 14)) {
			diag("%s: %s is a choice but takes any word",
			    rt->pattern, sp->name);
			bad++;
		}
	}
	return bad;
}

/* Does the route give each '*' of its pattern a spec, and each spec
 * refuse what no path segment may be? */
static size_t
segs_wanting(const struct route *rt)
{
	const struct param_spec	*sp = rt->segs;
	const char		*p;
	size_t			 stars = 0, n = 0;

	for (p = rt->pattern; *p; p++)
		stars += *p == '*';
	for (; sp != NULL && sp->name != NULL; sp++, n++)
		if (sp->valid == valid_any || sp->valid("", 0) ||
		    sp->valid("a\x01", 2) || sp->maxlen > 1000) {
			diag("%s: segment %s takes anything", rt->pattern,
			    sp->name);
			return 1;
		}
	if (n != stars) {
		diag("%s: %zu segments, %zu specs", rt->pattern, stars, n);
		return 1;
	}
	return 0;
}

static const char *
header(struct req *r, const char *name)
{
	const char	*v = kv_get(&r->headers, name);

	return v ? v : "";
}

int
main(void)
{
	struct req	*r;
	char		 themes[PATH_MAX], err[4096];
	size_t		 i, n;

	conf = xcalloc(1, sizeof(*conf));
	conf_load(NULL, conf, err, sizeof(err));
	snprintf(themes, sizeof(themes), "%s/xslt", srcdir());
	ok(i18n_load(themes, "", "en", err, sizeof(err)) == 0, "catalogs");

	r = mkreq(METHOD_GET, "/no/such/page", NULL, NULL);
	dispatch(r);
	ok(r->status == 404, "unknown path: 404");
	req_free(r);

	r = mkreq(METHOD_POST, "/", NULL, NULL);
	dispatch(r);
	ok(r->status == 405 && !strcmp(header(r, "Allow"), "GET, HEAD"),
	    "POST to a GET page: 405 with Allow");
	req_free(r);

	r = mkreq(METHOD_GET, "/language", NULL, NULL);
	dispatch(r);
	ok(r->status == 405 && !strcmp(header(r, "Allow"), "POST"),
	    "GET to a POST-only route: 405");
	req_free(r);

	r = mkreq(METHOD_GET, "/", "utm=1", NULL);
	dispatch(r);
	ok(r->status == 400 && !strcmp(attr(r, "reason"), "unknown-param") &&
	    !strcmp(attr(r, "arg"), "utm"), "unknown parameter: 400 naming it");
	req_free(r);

	r = mkreq(METHOD_GET, "/", "lang=fa&lang=en", NULL);
	dispatch(r);
	ok(r->status == 400 && !strcmp(attr(r, "reason"), "duplicate-param"),
	    "duplicate parameter: 400");
	req_free(r);

	r = mkreq(METHOD_GET, "/", "lang=xx", NULL);
	dispatch(r);
	ok(r->status == 400 && !strcmp(attr(r, "reason"), "invalid-param"),
	    "invalid value: 400");
	req_free(r);

	r = mkreq(METHOD_GET, "/", "format=xml", NULL);
	dispatch(r);
	ok(r->status == 403 && !strcmp(attr(r, "reason"), "format"),
	    "page XML refused outside development mode");
	req_free(r);

	r = mkreq(METHOD_GET, "/_dev/sleep", "ms=1", NULL);
	dispatch(r);
	ok(r->status == 404, "development routes do not exist in production");
	req_free(r);

	r = mkreq(METHOD_POST, "/language", NULL, "lang=fa&next=/p/about");
	dispatch(r);
	ok(r->status == 403 && !strcmp(attr(r, "reason"), "origin"),
	    "POST without Origin or Referer: 403");
	req_free(r);

	r = mkreq(METHOD_POST, "/language", NULL, "lang=fa&next=/p/about");
	r->origin = "http://evil.example";
	dispatch(r);
	ok(r->status == 403, "POST from another origin: 403");
	req_free(r);

	r = mkreq(METHOD_POST, "/language", NULL, "lang=fa&next=/p/about");
	r->referer = "http://127.0.0.1:8080.evil.example/x";
	dispatch(r);
	ok(r->status == 403, "a look-alike Referer: 403");
	req_free(r);

	r = mkreq(METHOD_POST, "/language", NULL, "lang=fa&next=/p/about");
	r->origin = "http://127.0.0.1:8080";
	dispatch(r);
	ok(r->status == 303 && r->location &&
	    !strcmp(r->location, "/p/about") &&
	    strstr(header(r, "Set-Cookie"), "lang=fa;"),
	    "language switch: cookie and 303 back");
	req_free(r);

	r = mkreq(METHOD_POST, "/language", NULL,
	    "lang=fa&next=//evil.example/");
	r->referer = "http://127.0.0.1:8080/p/about";
	dispatch(r);
	ok(r->status == 400 && !strcmp(attr(r, "arg"), "next"),
	    "no open redirect through next");
	req_free(r);

	r = mkreq(METHOD_POST, "/language", NULL, "next=/");
	r->origin = "http://127.0.0.1:8080";
	dispatch(r);
	ok(r->status == 400 && !strcmp(attr(r, "reason"), "missing-param"),
	    "missing lang: 400");
	req_free(r);

	/* Single-line and multi-line text. */
	ok(valid_line("Mikko Mallikas", 14) && valid_line("\xce\xa9 \xc3\xa9", 5) &&
	    valid_line("a\xc2\xa0" "b", 4), "one line: letters, spaces, no-break space");
	ok(!valid_line("a\r\nBcc: x", 10) && !valid_line("a\nb", 3) &&
	    !valid_line("a\tb", 3) && !valid_line("a\x7f", 2) &&
	    !valid_line("a\x1b" "[1m", 5) && !valid_line("a\0b", 3),
	    "one line: no CR, LF, TAB, DEL, ESC or NUL");
	ok(!valid_line("a\xc2\x85" "b", 4) && !valid_line("a\xc2\x9f", 3) &&
	    !valid_line("a\xe2\x80\xa8" "b", 5) && !valid_line("\xe2\x80\xa9", 3),
	    "one line: no C1 control (NEL), no line or paragraph separator");
	ok(!valid_line("Eve\xe2\x80\xae" "moc.live", 14) &&
	    !valid_line("a\xe2\x80\xaa", 4) && !valid_line("a\xe2\x81\xa6", 4) &&
	    !valid_line("\xe2\x81\xa9" "b", 4),
	    "one line: no bidirectional override, embedding or isolate");
	ok(valid_line("\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xb1\xd9\x88\xd8\xaf", 13) &&
	    valid_line("a\xe2\x80\x8f" "b", 5) && valid_line("\xe2\x80\xa6", 3) &&
	    valid_line("\xe2\x82\xac", 3),
	    "one line: joiners, marks, ellipsis and the euro sign are text");
	ok(valid_lines("Street 1\r\n00100 City\tFI", 23) &&
	    valid_lines("\xe2\x80\xa8", 3), "several lines: CR, LF and TAB");
	ok(!valid_lines("a\x01", 2) && !valid_lines("a\x7f", 2) &&
	    !valid_lines("a\xc2\x85", 3) && !valid_lines("\x1b" "[2J", 4),
	    "several lines: no other control character");

	r = mkreq(METHOD_POST, "/register", NULL,
	    "csrf=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "&name=Eve%0D%0ABcc:%20x@evil.example&company=E&email=e@e.example"
	    "&password=x");
	r->origin = "http://127.0.0.1:8080";
	parse_cookies(r->arena,
	    "csrf=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    &(struct limits){ 50, 1024 }, &r->cookies);
	dispatch(r);
	ok(r->status == 400 && !strcmp(attr(r, "reason"), "invalid-param") &&
	    !strcmp(attr(r, "arg"), "name"),
	    "a name with CR/LF: 400 at the route, naming it");
	req_free(r);

	r = mkreq(METHOD_GET, "/reset/confirm", "token=nothex", NULL);
	dispatch(r);
	ok(r->status == 400 && !strcmp(attr(r, "reason"), "invalid-param"),
	    "a token that is not 64 hex digits: 400 at the route");
	req_free(r);

	{
		struct user	u = { 7, "o@a.example", "O", "en", "UTC",
		    ROLE_CUSTOMER, 1, "owner", false };

		r = mkreq(METHOD_POST, "/language", NULL, "lang=fa&next=/");
		r->origin = "http://127.0.0.1:8080";
		r->user = &u;
		r->role = ROLE_CUSTOMER;
		strcpy(r->csrf, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
		dispatch(r);
		ok(r->status == 403 && !strcmp(attr(r, "reason"), "csrf") &&
		    kv_get(&r->headers, "Set-Cookie") == NULL,
		    "signed in, a language switch without the token: 403");
		req_free(r);
	}

	r = mkreq(METHOD_GET, "/p/*", NULL, NULL);
	dispatch(r);
	ok(r->status == 404, "a literal star in a path is no slug: 404");
	req_free(r);

	/* What the worker asks before it reads a body. */
	r = mkreq(METHOD_POST, "/staff/content/save", NULL, NULL);
	r->origin = "http://127.0.0.1:8080";
	ok(route_policy(r) == 403 && !strcmp(attr(r, "reason"), "role") &&
	    r->route != NULL && (r->route->flags & RF_UPLOAD),
	    "before the body: the upload route, refused to a visitor: 403");
	req_free(r);

	r = mkreq(METHOD_POST, "/staff/content/save", NULL, NULL);
	r->role = ROLE_AGENT;
	r->origin = "http://evil.example";
	ok(route_policy(r) == 403 && !strcmp(attr(r, "reason"), "origin"),
	    "before the body: staff from another origin: 403");
	req_free(r);

	r = mkreq(METHOD_POST, "/staff/content/save", NULL, NULL);
	r->role = ROLE_AGENT;
	r->origin = "http://127.0.0.1:8080";
	ok(route_policy(r) == 0 && r->doc == NULL,
	    "before the body: staff from the site may send it");
	req_free(r);

	r = mkreq(METHOD_POST, "/staff/categories/save", NULL, NULL);
	r->role = ROLE_ADMIN;
	r->origin = "http://127.0.0.1:8080";
	ok(route_policy(r) == 0 && !(r->route->flags & RF_UPLOAD),
	    "a staff form without files takes no uploads");
	req_free(r);

	/* tickets: customer */
	r = mkreq(METHOD_POST, "/tickets/new", NULL, NULL);
	r->role = ROLE_CUSTOMER;
	r->origin = "http://127.0.0.1:8080";
	ok(route_policy(r) == 0 && (r->route->flags & RF_ATTACH) &&
	    !(r->route->flags & RF_UPLOAD),
	    "a new ticket takes attachments (their own limits), not uploads");
	req_free(r);

	r = mkreq(METHOD_POST, "/tickets/new", NULL, NULL);
	r->origin = "http://127.0.0.1:8080";
	ok(route_policy(r) == 403 && r->route != NULL,
	    "before the body: a visitor cannot send a ticket's attachments");
	req_free(r);

	r = mkreq(METHOD_GET, "/tickets/not-a-ref", NULL, NULL);
	r->role = ROLE_CUSTOMER;
	dispatch(r);
	ok(r->status == 404, "a ticket path that is no reference: 404");
	req_free(r);

	r = mkreq(METHOD_GET, "/tickets/T-ABCDEFGH/files/x/a.txt", NULL, NULL);
	r->role = ROLE_CUSTOMER;
	dispatch(r);
	ok(r->status == 404, "an attachment path with no id: 404");
	req_free(r);

	r = mkreq(METHOD_GET, "/tickets", "status=pending", NULL);
	r->role = ROLE_CUSTOMER;
	dispatch(r);
	ok(r->status == 400 && !strcmp(attr(r, "reason"), "invalid-param") &&
	    !strcmp(attr(r, "arg"), "status"),
	    "a status filter that is no status: 400 naming it");
	req_free(r);

	r = mkreq(METHOD_POST, "/staff/content/nonexistent/x", NULL, NULL);
	ok(route_policy(r) == 404 && r->route == NULL,
	    "before the body: a path of no route: 404");
	req_free(r);

	/* The table says who may call what with which inputs, all of it. */
	{
		const struct route	*rt = route_table(&n);
		size_t			 params = 0, segs = 0, anys = 0;
		const struct param_spec	*sp;

		for (i = 0; i < n; i++) {
			params += spec_wanting(&rt[i], rt[i].params);
			segs += segs_wanting(&rt[i]);
			for (sp = rt[i].params; sp->name != NULL; sp++)
				anys += sp->valid == valid_any;
		}
		params += spec_wanting(&rt[0], route_global_params());
		ok(params == 0, "every parameter of every route has a spec "
		    "narrower than anything (passwords aside)");
		ok(segs == 0, "every path segment of every route has a spec");
		diag("%zu routes; %zu password fields take any value", n,
		    anys);
	}

	/*
	 * The staff home links every staff page, and only pages that
	 * exist: its list and the table's GET pages under /staff/ without
	 * a path segment are the same, each with the table's least role.
	 */
	{
		const struct route	*rt = route_table(&n);
		size_t			 j, pages = 0, missing = 0, wrong = 0;
		size_t			 links = 0, found;

		for (i = 0; i < n; i++) {
			if (!(rt[i].methods & METHOD_GET) ||
			    strncmp(rt[i].pattern, "/staff/", 7) ||
			    strchr(rt[i].pattern, '*') != NULL)
				continue;
			pages++;
			for (j = 0; staff_links[j].path != NULL; j++)
				if (!strcmp(staff_links[j].path, rt[i].pattern))
					break;
			if (staff_links[j].path == NULL) {
				missing++;
				diag("the staff home lacks %s", rt[i].pattern);
			} else if (staff_links[j].role != rt[i].role) {
				wrong++;
				diag("the staff home's role of %s differs",
				    rt[i].pattern);
			}
		}
		for (j = 0; staff_links[j].path != NULL; j++) {
			links++;
			for (i = 0, found = 0; i < n; i++)
				found += (rt[i].methods & METHOD_GET) &&
				    !strcmp(rt[i].pattern, staff_links[j].path);
			if (found != 1) {
				wrong++;
				diag("the staff home links %s, no GET route",
				    staff_links[j].path);
			}
		}
		ok(pages > 0 && missing == 0, "the staff home links every staff "
		    "page (%zu)", pages);
		ok(links == pages && wrong == 0, "the staff home links no page "
		    "that is not in the table, each with the table's role");
	}

	r = mkreq(METHOD_GET, "/staff", NULL, NULL);
	r->user = NULL;
	ok(route_policy(r) == 303, "the staff home: anonymous are sent to sign "
	    "in");
	req_free(r);
	{
		struct user	c = { 8, "c@n.example", "C", "en", "UTC",
		    ROLE_CUSTOMER, 1, "owner", false };

		r = mkreq(METHOD_GET, "/staff", NULL, NULL);
		r->user = &c;
		r->role = ROLE_CUSTOMER;
		ok(route_policy(r) == 403, "the staff home: a customer gets 403");
		req_free(r);
	}

	r = mkreq(METHOD_GET, "/files/abc/x", NULL, NULL);
	dispatch(r);
	ok(r->status == 404, "a file id that is not a number: 404 at the route");
	req_free(r);

	r = mkreq(METHOD_GET, "/files/1/a%3Bb", NULL, NULL);
	r->path = "/files/1/a\x01b";
	dispatch(r);
	ok(r->status == 404, "a file name with a control character: 404");
	req_free(r);

	r = mkreq(METHOD_GET, "/a/Not_A_Slug", NULL, NULL);
	dispatch(r);
	ok(r->status == 404 && r->doc != NULL,
	    "a malformed slug: 404 before the handler, themed");
	req_free(r);

	r = mkreq(METHOD_GET, "/news/blog.rss", NULL, NULL);
	dispatch(r);
	ok(r->status == 404, "a news path that is neither kind, feed nor slug: "
	    "404");
	req_free(r);

	{
		struct user	u = { 9, "g@n.example", "G", "en", "UTC",
		    ROLE_AGENT, 0, "", true };

		r = mkreq(METHOD_GET, "/staff/content/12abc", NULL, NULL);
		r->user = &u;
		r->role = ROLE_AGENT;
		dispatch(r);
		ok(r->status == 404, "staff: an item id that is not a number: "
		    "404");
		req_free(r);

		r = mkreq(METHOD_GET, "/staff/segments", NULL, NULL);
		r->user = &u;
		r->role = ROLE_AGENT;
		ok(route_policy(r) == 403 && !strcmp(attr(r, "reason"),
		    "admin"), "an agent on an admin page: 403, admins only");
		req_free(r);

		r = mkreq(METHOD_POST, "/staff/users/role", NULL, NULL);
		r->user = &u;
		r->role = ROLE_AGENT;
		r->origin = "http://127.0.0.1:8080";
		ok(route_policy(r) == 403 && !strcmp(attr(r, "reason"),
		    "admin"), "an agent changing a portal role: 403 before "
		    "the body");
		req_free(r);

		r = mkreq(METHOD_GET, "/staff/audit", NULL, NULL);
		r->user = &u;
		r->role = ROLE_ADMIN;
		ok(route_policy(r) == 0, "an admin may see the audit log");
		req_free(r);
	}

	r = mkreq(METHOD_GET, "/search", "kind=blog", NULL);
	dispatch(r);
	ok(r->status == 400 && !strcmp(attr(r, "arg"), "kind"),
	    "a kind not in the content model: 400");
	req_free(r);

	/* The content model's one check. */
	{
		struct item	it = { .kind = "news", .lang = "fi",
		    .slug = "a-b", .status = "published",
		    .visibility = "public", .video_url = "", .news_kind = "blog",
		    .severity = "", .starts_at = "", .ends_at = "" };
		const char	*f = NULL;

		ok(item_check(&it, &f) == NULL, "item_check: a good news item");
		it.news_kind = "";
		ok(item_check(&it, &f) != NULL && !strcmp(f, "news_kind"),
		    "item_check: news needs its kind");
		it.kind = "article";
		it.news_kind = "gossip";
		ok(item_check(&it, &f) != NULL && !strcmp(f, "news_kind"),
		    "item_check: no unknown news kind on any item");
		it.news_kind = "";
		it.starts_at = "2026-01-01";
		ok(item_check(&it, &f) != NULL && !strcmp(f, "starts"),
		    "item_check: a start needs its time");
		it.starts_at = "2026-01-01 08:00";
		it.severity = "huge";
		ok(item_check(&it, &f) != NULL && !strcmp(f, "severity"),
		    "item_check: severity from its list");
		it.severity = "";
		it.visibility = "friends";
		ok(item_check(&it, &f) != NULL && !strcmp(f, "visibility"),
		    "item_check: visibility from its list");
		it.visibility = "segments";
		it.lang = "sv";
		ok(item_check(&it, &f) != NULL && !strcmp(f, "lang"),
		    "item_check: a content language from its list");
	}
	return tap_done();
}
