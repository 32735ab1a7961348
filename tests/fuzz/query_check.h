/*
 * What a Mroonga boolean-mode query from text_query_mroonga() may be,
 * checked by the search query fuzz target and the unit tests:
 *
 *	query	= "(" group *( sep group ) ")"
 *	group	= "(" item *( sep item ) ")"
 *	item	= term / group		; groups nest at most three deep
 *	sep	= " " / " OR "
 *	term	= 1*wordchar [ "*" ]
 *
 * (A synonym set is a group of groups: its members, each the group of
 * its words.)
 *
 * where a wordchar is a letter, digit or mark (any script) that is not
 * an upper-case ASCII letter, so no operator, quote, parenthesis,
 * escape or "OR" can come from what a visitor typed.
 */
#include <glib.h>
#include <stdbool.h>
#include <string.h>

static bool
qc_term(const char **pp)
{
	const char	*p = *pp;
	gunichar	 c;
	bool		 any = false;

	while (*p) {
		c = g_utf8_get_char(p);
		if (c < 0x80 ? !((c >= 'a' && c <= 'z') || (c >= '0' &&
		    c <= '9')) : !(g_unichar_isalnum(c) || g_unichar_ismark(c)))
			break;
		any = true;
		p = g_utf8_next_char(p);
	}
	if (any && *p == '*')
		p++;
	*pp = p;
	return any;
}

static bool
qc_sep(const char **pp)
{
	if (!strncmp(*pp, " OR ", 4)) {
		*pp += 4;
		return true;
	}
	if (**pp == ' ') {
		(*pp)++;
		return true;
	}
	return false;
}

static bool	qc_group(const char **, int);

static bool
qc_item(const char **pp, int depth)
{
	if (**pp == '(')
		return depth > 0 && qc_group(pp, depth - 1);
	return qc_term(pp);
}

static bool
qc_group(const char **pp, int depth)
{
	const char	*p = *pp;

	if (*p++ != '(' || !qc_item(&p, depth))
		return false;
	while (qc_sep(&p))
		if (!qc_item(&p, depth))
			return false;
	if (*p++ != ')')
		return false;
	*pp = p;
	return true;
}

/* Is q exactly what the grammar above allows? */
static bool
query_check(const char *q)
{
	const char	*p = q;

	if (!g_utf8_validate(q, -1, NULL) || *p++ != '(' || !qc_group(&p, 3))
		return false;
	while (qc_sep(&p))
		if (!qc_group(&p, 3))
			return false;
	return p[0] == ')' && p[1] == '\0';
}
