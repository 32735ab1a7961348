/*
 * libFuzzer target: a multipart/form-data body.  The input's first line
 * is the Content-Type header value, the rest the body.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 init;
	struct limits	 lim = { 20, 1024 };
	struct arena	*a;
	struct kvlist	 l = { NULL, 0, 0 };
	const uint8_t	*nl;
	char		*ct;
	size_t		 i;

	if (!init) {
		multipart_init();
		init = 1;
	}
	if ((nl = memchr(data, '\n', size)) == NULL)
		return 0;
	a = arena_new();
	ct = arena_strndup(a, (const char *)data, (size_t)(nl - data));
	if (strlen(ct) == (size_t)(nl - data) &&
	    parse_multipart(a, ct, (const char *)nl + 1,
	    size - (size_t)(nl - data) - 1, &lim, &l) == PERR_OK)
		for (i = 0; i < l.n; i++)
			if (l.v[i].filename == NULL &&
			    (!utf8_valid(l.v[i].val, l.v[i].vlen) ||
			    l.v[i].vlen > lim.max_field_size))
				__builtin_trap();
	arena_free(a);
	return 0;
}
