/*
 * Parsers of untrusted bytes: application/x-www-form-urlencoded (query
 * strings and bodies) and the Cookie header.  Pure functions over an
 * arena, so the fuzz targets call them directly.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

#define MAX_KEY	256

static const struct {
	int		 status;
	const char	*text;
} perrs[PERR__MAX] = {
	[PERR_OK] =		{ 200, "ok" },
	[PERR_MALFORMED] =	{ 400, "malformed request data" },
	[PERR_ENCODING] =	{ 400, "bad percent-encoding" },
	[PERR_UTF8] =		{ 400, "text that is not valid UTF-8" },
	[PERR_TOO_MANY] =	{ 413, "too many fields" },
	[PERR_TOO_LARGE] =	{ 413, "a field or the body is too large" },
};

/* The HTTP status a parse error answers with. */
int
perr_status(int e)
{
	return e > 0 && e < PERR__MAX ? perrs[e].status : 400;
}

const char *
perr_text(int e)
{
	return e >= 0 && e < PERR__MAX ? perrs[e].text : "bad request";
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Percent-decode s in place (and '+' as space when plus is set); *len is
 * the length in and out.  Returns PERR_OK or PERR_ENCODING.
 */
int
url_decode(char *s, size_t *len, bool plus)
{
	size_t	 i, o;
	int	 h, l;

	for (i = o = 0; i < *len; i++, o++) {
		if (s[i] == '%') {
			if (i + 2 >= *len)
				return PERR_ENCODING;
			if ((h = hexval((unsigned char)s[i + 1])) < 0 ||
			    (l = hexval((unsigned char)s[i + 2])) < 0)
				return PERR_ENCODING;
			s[o] = (char)(h << 4 | l);
			i += 2;
		} else if (plus && s[i] == '+')
			s[o] = ' ';
		else
			s[o] = s[i];
	}
	*len = o;
	s[o] = '\0';
	return PERR_OK;
}

static int
add_field(struct arena *a, const char *k, size_t klen, const char *v,
    size_t vlen, const struct limits *lim, struct kvlist *out)
{
	char		*key, *val;
	struct kv	*kv;
	int		 e;

	if (out->n >= lim->max_fields)
		return PERR_TOO_MANY;
	if (klen > MAX_KEY * 3 || vlen > lim->max_field_size * 3)
		return PERR_TOO_LARGE;
	key = arena_strndup(a, k, klen);
	val = arena_strndup(a, v, vlen);
	if ((e = url_decode(key, &klen, true)) != PERR_OK ||
	    (e = url_decode(val, &vlen, true)) != PERR_OK)
		return e;
	if (klen > MAX_KEY || vlen > lim->max_field_size)
		return PERR_TOO_LARGE;
	if (!utf8_valid(key, klen) || !utf8_valid(val, vlen))
		return PERR_UTF8;
	if (klen == 0)
		return PERR_MALFORMED;
	kv = kv_push(a, out);
	kv->key = key;
	kv->val = val;
	kv->vlen = vlen;
	return PERR_OK;
}

/*
 * Parse "a=1&b=2" (len bytes, need not be NUL-terminated) into out.
 * Empty pairs ("a=1&&b=2") are skipped; a pair without '=' has an empty
 * value.  Returns a PERR_* value.
 */
int
parse_urlencoded(struct arena *a, const char *s, size_t len,
    const struct limits *lim, struct kvlist *out)
{
	const char	*p = s, *end = s + len, *amp, *eq;
	int		 e;

	while (p < end) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp > p) {
			if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
				e = add_field(a, p, (size_t)(amp - p), "", 0,
				    lim, out);
			else
				e = add_field(a, p, (size_t)(eq - p), eq + 1,
				    (size_t)(amp - eq - 1), lim, out);
			if (e != PERR_OK)
				return e;
		}
		p = amp + 1;
	}
	return PERR_OK;
}

static bool
cookie_name_char(unsigned char c)
{
	/* RFC 6265 token: visible ASCII except separators. */
	return c > 0x20 && c < 0x7f && strchr("()<>@,;:\\\"/[]?={}", c) == NULL;
}

/*
 * Parse a Cookie header ("a=1; b=2") into out.  Values are taken as sent
 * (RFC 6265 does not percent-encode), surrounding quotes removed.  Pairs
 * with a malformed name are skipped: other software on the same host may
 * set them.  Values must still be valid UTF-8.
 */
int
parse_cookies(struct arena *a, const char *s, const struct limits *lim,
    struct kvlist *out)
{
	const char	*p = s, *semi, *eq, *ks, *ke, *vs, *ve, *q;
	struct kv	*kv;
	bool		 ok;

	while (*p != '\0') {
		if ((semi = strchr(p, ';')) == NULL)
			semi = p + strlen(p);
		ks = p;
		while (ks < semi && (*ks == ' ' || *ks == '\t'))
			ks++;
		eq = memchr(ks, '=', (size_t)(semi - ks));
		if (eq != NULL && eq > ks) {
			ke = eq;
			while (ke > ks && (ke[-1] == ' ' || ke[-1] == '\t'))
				ke--;
			vs = eq + 1;
			ve = semi;
			while (vs < ve && (*vs == ' ' || *vs == '\t'))
				vs++;
			while (ve > vs && (ve[-1] == ' ' || ve[-1] == '\t'))
				ve--;
			if (ve - vs >= 2 && *vs == '"' && ve[-1] == '"') {
				vs++;
				ve--;
			}
			for (ok = ke > ks, q = ks; ok && q < ke; q++)
				ok = cookie_name_char((unsigned char)*q);
			if (ok) {
				if (out->n >= lim->max_fields)
					return PERR_TOO_MANY;
				if ((size_t)(ke - ks) > MAX_KEY ||
				    (size_t)(ve - vs) > lim->max_field_size)
					return PERR_TOO_LARGE;
				if (!utf8_valid(vs, (size_t)(ve - vs)))
					return PERR_UTF8;
				kv = kv_push(a, out);
				kv->key = arena_strndup(a, ks,
				    (size_t)(ke - ks));
				kv->val = arena_strndup(a, vs,
				    (size_t)(ve - vs));
				kv->vlen = (size_t)(ve - vs);
			}
		}
		p = *semi ? semi + 1 : semi;
	}
	return PERR_OK;
}

/*
 * The decoded path of a request URI (what comes before '?'):
 * percent-decoded, valid UTF-8 without control characters (C0, DEL, C1:
 * no page has one, and a decoded line feed would start a line of the
 * log), no dot segments, at most 2048 bytes.  *out is allocated in the
 * arena.  Returns a PERR_* value.
 */
int
parse_path(struct arena *a, const char *uri, const char **out)
{
	const char	*q;
	char		*p;
	size_t		 n;
	int		 e;

	if (uri == NULL || uri[0] != '/')
		return PERR_MALFORMED;
	q = strchr(uri, '?');
	n = q ? (size_t)(q - uri) : strlen(uri);
	if (n > 2048)
		return PERR_TOO_LARGE;
	p = arena_strndup(a, uri, n);
	if ((e = url_decode(p, &n, false)) != PERR_OK)
		return e;
	if (!utf8_valid(p, n))
		return PERR_UTF8;
	for (q = p; *q != '\0'; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f ||
		    ((unsigned char)q[0] == 0xc2 &&
		    (unsigned char)q[1] >= 0x80 && (unsigned char)q[1] <= 0x9f))
			return PERR_MALFORMED;
	if (strstr(p, "/../") || strstr(p, "/./") ||
	    (n >= 3 && !strcmp(p + n - 3, "/..")) ||
	    (n >= 2 && !strcmp(p + n - 2, "/.")))
		return PERR_MALFORMED;
	*out = p;
	return PERR_OK;
}
