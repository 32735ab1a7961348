/*
 * libFuzzer target: an incoming mail (mail_parse(), what portico-admin
 * mail-in reads from the MTA).  Whatever the bytes, what comes out is
 * what the database columns and the pages expect: valid UTF-8 text,
 * subjects and names on one line, file names without folders, ids of
 * printable ASCII.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static bool
one_line_utf8(const char *s)
{
	const char	*p;

	if (s == NULL)
		return true;
	for (p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return false;
	return utf8_valid(s, strlen(s));
}

static bool
ascii_id(const char *s)
{
	const char	*p;

	for (p = s; *p; p++)
		if (*p <= ' ' || *p > '~' || *p == '<' || *p == '>')
			return false;
	return *s != '\0' && p - s < 256;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a = arena_new();
	struct mail_msg	 m;
	size_t		 i;

	if (mail_parse(a, (const char *)data, size, 5, &m) == 0) {
		if (!ascii_id(m.message_id) || !one_line_utf8(m.subject) ||
		    !one_line_utf8(m.from) || !one_line_utf8(m.from_name) ||
		    !utf8_valid(m.text, strlen(m.text)) || m.nfiles > 5)
			__builtin_trap();
		for (i = 0; i < m.nrefs; i++)
			if (!ascii_id(m.refs[i]))
				__builtin_trap();
		for (i = 0; i < m.nfiles; i++)
			if (!one_line_utf8(m.files[i].name) ||
			    strchr(m.files[i].name, '/') != NULL ||
			    (m.files[i].cid != NULL && !ascii_id(m.files[i].cid)))
				__builtin_trap();
	}
	arena_free(a);
	return 0;
}
