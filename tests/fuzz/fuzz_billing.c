/*
 * libFuzzer target: a billing import file (billing_read.c).  The first
 * byte chooses the format (odd: JSON Lines, even: CSV), the rest is the
 * file; every row and error must stay within the file's arena.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct billing_file	 bf;
	size_t			 i;
	int			 f;

	if (size == 0)
		return 0;
	memset(&bf, 0, sizeof(bf));
	bf.arena = arena_new();
	billing_read(&bf, (const char *)data + 1, size - 1, data[0] & 1);
	for (i = 0; i < bf.nrows; i++)
		for (f = 0; f < BF__MAX; f++)
			if (bf.rows[i].f[f] != NULL &&
			    strlen(bf.rows[i].f[f]) > billing_field_max[f])
				__builtin_trap();
	arena_free(bf.arena);
	return 0;
}
