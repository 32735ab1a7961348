/*
 * libFuzzer target: a visitor's search query, through the query parser
 * to the Mroonga boolean-mode query (text.c).  Aborts when the query
 * built holds anything but the builder's own syntax around letters,
 * digits and marks (query_check.h), and tokenizes the input as a
 * document's text too.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "portico.h"
#include "query_check.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena		*a;
	struct text_query	 q;
	struct buf		 b = { NULL, 0, 0 };
	const char		*m;
	char			*s;
	int			 any;

	/* Queries reach the parser as valid UTF-8 (the route checks). */
	if (size > 4096 || !g_utf8_validate((const char *)data, (gssize)size,
	    NULL))
		return 0;
	a = arena_new();
	s = arena_strndup(a, (const char *)data, size);
	if (text_query_parse(a, s, &q))
		for (any = 0; any < 2; any++) {
			m = text_query_mroonga(a, &q, any);
			if (!query_check(m)) {
				fprintf(stderr, "bad query for \"%s\": %s\n",
				    s, m);
				abort();
			}
		}
	text_terms("en", s, &b);
	buf_free(&b);
	arena_free(a);
	return 0;
}
