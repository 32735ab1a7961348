/* libFuzzer target: an application/x-www-form-urlencoded body. */
#include "config.h"

#include "portico.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct limits	 lim = { 20, 256 };
	struct arena	*a = arena_new();
	struct kvlist	 l = { NULL, 0, 0 };
	size_t		 i;

	/* Bodies are not NUL-terminated: parse exactly size bytes. */
	if (parse_urlencoded(a, (const char *)data, size, &lim, &l) ==
	    PERR_OK)
		for (i = 0; i < l.n; i++)
			if (!utf8_valid(l.v[i].key, strlen(l.v[i].key)) ||
			    l.v[i].vlen > lim.max_field_size)
				__builtin_trap();
	arena_free(a);
	return 0;
}
