/* Unit tests: multipart/form-data through GMime. */
#include "config.h"

#include "portico.h"
#include "tap.h"

#define CT	"multipart/form-data; boundary=XyZ"

static struct limits	lim = { 5, 32 };

static int
mp(struct arena *a, const char *ct, const char *body, size_t len,
    struct kvlist *l)
{
	memset(l, 0, sizeof(*l));
	return parse_multipart(a, ct, body, len, &lim, l);
}

int
main(void)
{
	struct arena	*a = arena_new();
	struct kvlist	 l;
	const struct kv	*f;
	static const char file[] = "\x89PNG\r\n\x1a\n\0\x01--XyZ-not\r\n";
	char		 body[1024];
	size_t		 n;
	int		 e;

	multipart_init();
	n = (size_t)snprintf(body, sizeof(body),
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
	    "Hello \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"empty\"\r\n\r\n"
	    "\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"upload\"; "
	    "filename=\"logo.png\"\r\n"
	    "Content-Type: image/png\r\n\r\n");
	memcpy(body + n, file, sizeof(file) - 1);
	n += sizeof(file) - 1;
	n += (size_t)snprintf(body + n, sizeof(body) - n, "\r\n--XyZ--\r\n");

	e = mp(a, CT, body, n, &l);
	ok(e == PERR_OK && l.n == 3, "three parts parsed (e=%d, n=%zu)", e,
	    l.n);
	ok(kv_get(&l, "title") && !strcmp(kv_get(&l, "title"),
	    "Hello \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85"), "text field value");
	ok(kv_get(&l, "empty") && !strcmp(kv_get(&l, "empty"), ""),
	    "empty field");
	f = kv_find(&l, "upload");
	ok(f && f->filename && !strcmp(f->filename, "logo.png"), "file name");
	ok(f && f->ctype && !strcmp(f->ctype, "image/png"), "file type");
	ok(f && f->vlen == sizeof(file) - 1 &&
	    !memcmp(f->val, file, sizeof(file) - 1),
	    "binary file bytes kept exactly (CR LF, NUL, boundary-like)");

	ok(mp(a, "multipart/form-data", body, n, &l) != PERR_OK,
	    "no boundary parameter: refused");
	ok(mp(a, CT "\r\nX-Evil: 1", body, n, &l) == PERR_MALFORMED,
	    "line break in the content type refused");
	n = (size_t)snprintf(body, sizeof(body), "--XyZ\r\n"
	    "Content-Disposition: form-data\r\n\r\nx\r\n--XyZ--\r\n");
	ok(mp(a, CT, body, n, &l) == PERR_MALFORMED, "part without a name");
	n = (size_t)snprintf(body, sizeof(body), "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "0123456789012345678901234567890123456789\r\n--XyZ--\r\n");
	ok(mp(a, CT, body, n, &l) == PERR_TOO_LARGE, "oversized text field");
	n = (size_t)snprintf(body, sizeof(body), "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "\xff\xfe\r\n--XyZ--\r\n");
	ok(mp(a, CT, body, n, &l) == PERR_UTF8, "invalid UTF-8 text field");
	n = 0;
	for (e = 0; e < 6; e++)
		n += (size_t)snprintf(body + n, sizeof(body) - n, "--XyZ\r\n"
		    "Content-Disposition: form-data; name=\"f%d\"\r\n\r\n"
		    "v\r\n", e);
	n += (size_t)snprintf(body + n, sizeof(body) - n, "--XyZ--\r\n");
	ok(mp(a, CT, body, n, &l) == PERR_TOO_MANY, "too many parts");
	ok(mp(a, CT, "garbage", 7, &l) == PERR_OK && l.n == 0,
	    "a body without parts yields no fields");
	arena_free(a);
	return tap_done();
}
