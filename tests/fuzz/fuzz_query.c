/* libFuzzer target: a request URI, path and query string. */
#include "config.h"

#include "portico.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct limits	 lim = { 200, 65536 };
	struct arena	*a = arena_new();
	struct kvlist	 l = { NULL, 0, 0 };
	const char	*path, *q;
	char		*uri = arena_strndup(a, (const char *)data, size);

	/* The web server hands over a NUL-terminated string. */
	if (parse_path(a, uri, &path) == PERR_OK &&
	    (q = strchr(uri, '?')) != NULL)
		parse_urlencoded(a, q + 1, strlen(q + 1), &lim, &l);
	arena_free(a);
	return 0;
}
