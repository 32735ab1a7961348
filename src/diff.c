/*
 * A line diff of two texts for the version comparison page: the longest
 * common subsequence of lines, as <line op="same|del|ins"> elements.
 * Texts longer than MAX_LINES lines are shown as all removed and all
 * added (the table would be too large).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

#define MAX_LINES	2000

struct lines {
	const char	**s;
	size_t		 *len;
	size_t		  n;
};

static void
split(const char *t, struct lines *l)
{
	const char	*p, *nl;
	size_t		 cap = 16;

	l->n = 0;
	l->s = xcalloc(cap, sizeof(*l->s));
	l->len = xcalloc(cap, sizeof(*l->len));
	for (p = t; *p; p = nl ? nl + 1 : p + strlen(p)) {
		nl = strchr(p, '\n');
		if (l->n == cap) {
			cap *= 2;
			l->s = xrealloc(l->s, cap * sizeof(*l->s));
			l->len = xrealloc(l->len, cap * sizeof(*l->len));
		}
		l->s[l->n] = p;
		l->len[l->n++] = nl ? (size_t)(nl - p) : strlen(p);
		if (nl == NULL)
			break;
	}
}

static bool
same(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return a->len[i] == b->len[j] && !memcmp(a->s[i], b->s[j], a->len[i]);
}

static void
line(xmlNodePtr parent, const char *op, const char *s, size_t len)
{
	xmlNodePtr	n = xml_textn(parent, "line", s, len);

	xml_attr(n, "op", op);
}

void
diff_xml(xmlNodePtr parent, const char *old, const char *new)
{
	struct lines	 a, b;
	unsigned	*t;
	size_t		 i, j, w;

	split(old, &a);
	split(new, &b);
	if (a.n > MAX_LINES || b.n > MAX_LINES) {
		for (i = 0; i < a.n; i++)
			line(parent, "del", a.s[i], a.len[i]);
		for (j = 0; j < b.n; j++)
			line(parent, "ins", b.s[j], b.len[j]);
		goto out;
	}
	/* t[i][j]: LCS length of a[i..] and b[j..]. */
	w = b.n + 1;
	t = xcalloc((a.n + 1) * w, sizeof(*t));
	for (i = a.n; i-- > 0; )
		for (j = b.n; j-- > 0; )
			t[i * w + j] = same(&a, i, &b, j) ?
			    t[(i + 1) * w + j + 1] + 1 :
			    t[(i + 1) * w + j] > t[i * w + j + 1] ?
			    t[(i + 1) * w + j] : t[i * w + j + 1];
	for (i = j = 0; i < a.n || j < b.n; ) {
		if (i < a.n && j < b.n && same(&a, i, &b, j)) {
			line(parent, "same", a.s[i], a.len[i]);
			i++;
			j++;
		} else if (i < a.n && (j == b.n ||
		    t[(i + 1) * w + j] >= t[i * w + j + 1])) {
			line(parent, "del", a.s[i], a.len[i]);
			i++;
		} else {
			line(parent, "ins", b.s[j], b.len[j]);
			j++;
		}
	}
	free(t);
out:
	free(a.s);
	free(a.len);
	free(b.s);
	free(b.len);
}
