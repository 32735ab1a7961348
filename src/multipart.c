/*
 * multipart/form-data bodies, parsed by GMime (MIME is a field of its
 * own).  The body is handed to GMime behind a synthetic Content-Type
 * header so it parses as one multipart entity; each part must be
 * "form-data" with a name.  File parts keep their bytes as sent; text
 * fields must be valid UTF-8 and within the field size limit.
 */
#include "config.h"

#include <string.h>

#include <gmime/gmime.h>

#include "portico.h"

void
multipart_init(void)
{
	g_mime_init();
}

/* Copy a part's decoded content into the arena. */
static char *
part_bytes(struct arena *a, GMimePart *part, size_t *len)
{
	GMimeDataWrapper	*dw;
	GMimeStream		*mem;
	GByteArray		*ba;
	char			*p;

	*len = 0;
	if ((dw = g_mime_part_get_content(part)) == NULL)
		return arena_strdup(a, "");
	mem = g_mime_stream_mem_new();
	if (g_mime_data_wrapper_write_to_stream(dw, mem) < 0) {
		g_object_unref(mem);
		return NULL;
	}
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	p = arena_strndup(a, (const char *)ba->data, ba->len);
	*len = ba->len;
	g_object_unref(mem);
	return p;
}

static int
add_part(struct arena *a, GMimeObject *obj, const struct limits *lim,
    struct kvlist *out)
{
	GMimeContentDisposition	*cd;
	GMimeContentType	*ct;
	const char		*name, *fname, *disp;
	char			*mime, *val;
	struct kv		*kv;
	size_t			 vlen;

	if (!GMIME_IS_PART(obj))
		return PERR_MALFORMED;
	if ((cd = g_mime_object_get_content_disposition(obj)) == NULL ||
	    (disp = g_mime_content_disposition_get_disposition(cd)) == NULL ||
	    g_ascii_strcasecmp(disp, "form-data") != 0 ||
	    (name = g_mime_content_disposition_get_parameter(cd, "name"))
	    == NULL || *name == '\0')
		return PERR_MALFORMED;
	if (strlen(name) > 256)
		return PERR_TOO_LARGE;
	if (!utf8_valid(name, strlen(name)))
		return PERR_UTF8;
	fname = g_mime_content_disposition_get_parameter(cd, "filename");
	if ((val = part_bytes(a, GMIME_PART(obj), &vlen)) == NULL)
		return PERR_MALFORMED;
	if (fname == NULL) {
		if (vlen > lim->max_field_size)
			return PERR_TOO_LARGE;
		if (!utf8_valid(val, vlen))
			return PERR_UTF8;
	} else if (strlen(fname) > 1024)
		return PERR_TOO_LARGE;
	else if (!utf8_valid(fname, strlen(fname)))
		return PERR_UTF8;
	kv = kv_push(a, out);
	kv->key = arena_strdup(a, name);
	kv->val = val;
	kv->vlen = vlen;
	if (fname != NULL) {
		kv->filename = arena_strdup(a, fname);
		ct = g_mime_object_get_content_type(obj);
		mime = ct ? g_mime_content_type_get_mime_type(ct) : NULL;
		kv->ctype = arena_strdup(a, mime ? mime :
		    "application/octet-stream");
		g_free(mime);
	}
	return PERR_OK;
}

/*
 * Parse body (len bytes) sent with Content-Type ctype into out.  Returns
 * a PERR_* value; out may hold some fields on error (the caller drops
 * the request).
 */
int
parse_multipart(struct arena *a, const char *ctype, const char *body,
    size_t len, const struct limits *lim, struct kvlist *out)
{
	GByteArray	*ba;
	GMimeStream	*stream;
	GMimeParser	*parser;
	GMimeObject	*top = NULL;
	GMimeMultipart	*mp;
	GMimeContentType *ct;
	const char	*boundary;
	int		 i, n, e = PERR_MALFORMED;

	if (strlen(ctype) > 1024 || strpbrk(ctype, "\r\n") != NULL ||
	    !utf8_valid(ctype, strlen(ctype)))
		return PERR_MALFORMED;
	/* GMime would make up a boundary: insist on the sender's. */
	if ((ct = g_mime_content_type_parse(NULL, ctype)) == NULL)
		return PERR_MALFORMED;
	boundary = g_mime_content_type_get_parameter(ct, "boundary");
	n = boundary != NULL && *boundary != '\0' && strlen(boundary) <= 70;
	g_object_unref(ct);
	if (!n)
		return PERR_MALFORMED;
	ba = g_byte_array_sized_new((guint)(len + strlen(ctype) + 32));
	g_byte_array_append(ba, (const guint8 *)"Content-Type: ", 14);
	g_byte_array_append(ba, (const guint8 *)ctype, (guint)strlen(ctype));
	g_byte_array_append(ba, (const guint8 *)"\r\n\r\n", 4);
	g_byte_array_append(ba, (const guint8 *)body, (guint)len);
	stream = g_mime_stream_mem_new_with_byte_array(ba);
	parser = g_mime_parser_new_with_stream(stream);
	g_object_unref(stream);
	top = g_mime_parser_construct_part(parser, NULL);
	g_object_unref(parser);
	if (top == NULL || !GMIME_IS_MULTIPART(top))
		goto out;
	mp = GMIME_MULTIPART(top);
	if (g_mime_multipart_get_boundary(mp) == NULL)
		goto out;
	n = g_mime_multipart_get_count(mp);
	if (n < 0 || (size_t)n > lim->max_fields) {
		e = n < 0 ? PERR_MALFORMED : PERR_TOO_MANY;
		goto out;
	}
	for (i = 0; i < n; i++)
		if ((e = add_part(a, g_mime_multipart_get_part(mp, i), lim,
		    out)) != PERR_OK)
			goto out;
	e = PERR_OK;
out:
	if (top != NULL)
		g_object_unref(top);
	return e;
}
