/*
 * The request: everything it allocates lives in its arena, and
 * req_free() releases all of it, page document included.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

struct req *
req_new(void)
{
	struct arena	*a = arena_new();
	struct req	*r;

	r = arena_alloc(a, sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->start_ms = now_ms();
	r->status = 200;
	return r;
}

void
req_free(struct req *r)
{
	if (r == NULL)
		return;
	xmlmem_doc_free(r->doc);
	arena_free(r->arena);
}

struct kv *
kv_push(struct arena *a, struct kvlist *l)
{
	struct kv	*nv;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		nv = arena_alloc(a, l->cap * sizeof(*nv));
		if (l->n)
			memcpy(nv, l->v, l->n * sizeof(*nv));
		l->v = nv;
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	return &l->v[l->n++];
}

const struct kv *
kv_find(const struct kvlist *l, const char *key)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].key, key))
			return &l->v[i];
	return NULL;
}

const char *
kv_get(const struct kvlist *l, const char *key)
{
	const struct kv	*kv = kv_find(l, key);

	return kv ? kv->val : NULL;
}

/* Add a response header; name and value are copied. */
void
req_header(struct req *r, const char *name, const char *value)
{
	struct kv	*kv = kv_push(r->arena, &r->headers);

	kv->key = arena_strdup(r->arena, name);
	kv->val = arena_strdup(r->arena, value);
	kv->vlen = strlen(value);
}

/*
 * Fail with status (4xx), saying why for the error page that dispatch()
 * makes of it: the reason (error.REASON in the catalogs) and its
 * argument, either NULL.  For the modules below the pages (account.c,
 * throttle.c), which return a status and leave the page to the handler's
 * caller.  Returns status.
 */
int
req_fail(struct req *r, int status, const char *reason, const char *arg)
{
	r->fail_reason = reason;
	r->fail_arg = arg;
	return status;
}

/* Answer with 303 See Other to a local path; returns the status. */
int
req_redirect(struct req *r, const char *path)
{
	r->location = arena_strdup(r->arena,
	    str_is_local_path(path) ? path : "/");
	return 303;
}
