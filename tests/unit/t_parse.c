/* Unit tests: urlencoded and cookie parsers, decoding, helpers. */
#include "config.h"

#include "portico.h"
#include "tap.h"

static struct limits	lim = { 10, 64 };

static int
urlenc(struct arena *a, const char *s, struct kvlist *l)
{
	memset(l, 0, sizeof(*l));
	return parse_urlencoded(a, s, strlen(s), &lim, l);
}

static void
test_urlencoded(void)
{
	struct arena	*a = arena_new();
	struct kvlist	 l;
	int		 e;

	e = urlenc(a, "a=1&b=hello+world&c=%C3%A4%e2%82%ac", &l);
	ok(e == PERR_OK && l.n == 3, "three fields parsed");
	ok(l.n == 3 && !strcmp(kv_get(&l, "b"), "hello world"),
	    "'+' decodes to a space");
	ok(l.n == 3 && !strcmp(kv_get(&l, "c"), "\xc3\xa4\xe2\x82\xac"),
	    "percent-encoded UTF-8 decodes");
	e = urlenc(a, "&&a=1&&flag&", &l);
	ok(e == PERR_OK && l.n == 2 && !strcmp(kv_get(&l, "flag"), ""),
	    "empty pairs skipped, a bare key has an empty value");
	ok(urlenc(a, "", &l) == PERR_OK && l.n == 0, "empty string: no fields");
	ok(urlenc(a, "a=%zz", &l) == PERR_ENCODING, "bad hex is an error");
	ok(urlenc(a, "a=%2", &l) == PERR_ENCODING, "truncated escape");
	ok(urlenc(a, "a=%", &l) == PERR_ENCODING, "lone percent sign");
	ok(urlenc(a, "a=%ff", &l) == PERR_UTF8, "invalid UTF-8 rejected");
	ok(urlenc(a, "a=%c0%af", &l) == PERR_UTF8, "overlong UTF-8 rejected");
	ok(urlenc(a, "a=%ed%a0%80", &l) == PERR_UTF8, "surrogate rejected");
	ok(urlenc(a, "a=x%00y", &l) == PERR_UTF8, "NUL byte rejected");
	ok(urlenc(a, "%ff=1", &l) == PERR_UTF8, "invalid UTF-8 in a key");
	ok(urlenc(a, "=x", &l) == PERR_MALFORMED, "empty key rejected");
	ok(urlenc(a, "a&b&c&d&e&f&g&h&i&j", &l) == PERR_OK && l.n == 10,
	    "exactly max_fields is fine");
	ok(urlenc(a, "a&b&c&d&e&f&g&h&i&j&k", &l) == PERR_TOO_MANY,
	    "one field over max_fields");
	ok(urlenc(a, "a=0123456789012345678901234567890123456789"
	    "012345678901234567890123", &l) == PERR_OK, "64-byte value fits");
	ok(urlenc(a, "a=0123456789012345678901234567890123456789"
	    "0123456789012345678901234", &l) == PERR_TOO_LARGE,
	    "65-byte value is too large");
	ok(urlenc(a, "a=%41%41", &l) == PERR_OK && l.v[0].vlen == 2,
	    "decoded length is counted");
	ok(perr_status(PERR_TOO_MANY) == 413 && perr_status(PERR_UTF8) == 400
	    && perr_status(PERR_TOO_LARGE) == 413, "statuses of errors");
	arena_free(a);
}

static void
test_cookies(void)
{
	struct arena	*a = arena_new();
	struct kvlist	 l;
	int		 e;

	memset(&l, 0, sizeof(l));
	e = parse_cookies(a, "lang=fa; b=\"two\" ;bad name=3; c=; =x; d=4",
	    &lim, &l);
	ok(e == PERR_OK, "cookie header parses");
	ok(kv_get(&l, "lang") && !strcmp(kv_get(&l, "lang"), "fa"),
	    "plain cookie");
	ok(kv_get(&l, "b") && !strcmp(kv_get(&l, "b"), "two"),
	    "quoted cookie value unquoted");
	ok(kv_get(&l, "bad name") == NULL && kv_get(&l, "d") != NULL,
	    "malformed name skipped, later cookies kept");
	ok(kv_get(&l, "c") && !strcmp(kv_get(&l, "c"), ""), "empty value");
	memset(&l, 0, sizeof(l));
	ok(parse_cookies(a, "a=\xff\xfe", &lim, &l) == PERR_UTF8,
	    "invalid UTF-8 in a cookie rejected");
	memset(&l, 0, sizeof(l));
	ok(parse_cookies(a, "a=1;b=1;c=1;d=1;e=1;f=1;g=1;h=1;i=1;j=1;k=1",
	    &lim, &l) == PERR_TOO_MANY, "too many cookies");
	memset(&l, 0, sizeof(l));
	ok(parse_cookies(a, "", &lim, &l) == PERR_OK && l.n == 0,
	    "empty header");
	arena_free(a);
}

static void
test_helpers(void)
{
	struct arena	*a = arena_new();
	char		 s[] = "a%20b+c", hex[9];
	unsigned char	 raw[4] = { 0xde, 0xad, 0xbe, 0xef };
	size_t		 n = strlen(s), i;
	char		*p;
	const char	*cp;

	ok(url_decode(s, &n, false) == PERR_OK && !strcmp(s, "a b+c"),
	    "path decoding keeps '+'");
	ok(str_is_local_path("/") && str_is_local_path("/p/about?x=1"),
	    "local paths accepted");
	ok(!str_is_local_path("//evil.example/") &&
	    !str_is_local_path("/\\evil.example") &&
	    !str_is_local_path("https://evil.example/") &&
	    !str_is_local_path("") && !str_is_local_path("/a\nb"),
	    "other hosts and control characters refused");
	ok(utf8_valid("\xd9\x81\xd8\xa7", 4) && !utf8_valid("\x80", 1),
	    "UTF-8 validation");
	ok(parse_path(a, "/a/%C3%A4-x?q=%0A", &cp) == PERR_OK &&
	    !strcmp(cp, "/a/\xc3\xa4-x"), "a path: decoded, the query apart");
	ok(parse_path(a, "/a/x%0Ainfo GET /fake", &cp) == PERR_MALFORMED &&
	    parse_path(a, "/a/x%0D", &cp) == PERR_MALFORMED &&
	    parse_path(a, "/a/%09x", &cp) == PERR_MALFORMED &&
	    parse_path(a, "/a/%7F", &cp) == PERR_MALFORMED &&
	    parse_path(a, "/a/%C2%85", &cp) == PERR_MALFORMED,
	    "a path with a control character (LF, CR, TAB, DEL, NEL) refused");
	hex_encode(hex, raw, 4);
	ok(!strcmp(hex, "deadbeef"), "hex encoding");
	for (i = 0; i < 5000; i++)
		p = arena_printf(a, "item %zu", i);
	ok(!strcmp(p, "item 4999"), "arena survives many allocations");
	p = arena_alloc(a, 100000);
	memset(p, 'x', 100000);
	ok(p[99999] == 'x', "arena serves a block larger than its default");
	arena_free(a);
}

int
main(void)
{
	test_urlencoded();
	test_cookies();
	test_helpers();
	return tap_done();
}
