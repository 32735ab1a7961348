/* libFuzzer target: a Cookie header. */
#include "config.h"

#include "portico.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct limits	 lim = { 50, 4096 };
	struct arena	*a = arena_new();
	struct kvlist	 l = { NULL, 0, 0 };
	char		*h = arena_strndup(a, (const char *)data, size);

	parse_cookies(a, h, &lim, &l);
	arena_free(a);
	return 0;
}
