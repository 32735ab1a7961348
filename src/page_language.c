/*
 * POST /language: the language switcher.  Remembers the choice in the
 * "lang" cookie and sends the visitor back to the page they were on
 * (a local path only: no open redirect).
 */
#include "config.h"

#include "portico.h"

static struct dbstmt q_set_lang = DBSTMT(
    "UPDATE users SET language = ? WHERE id = ?");

int
page_language(struct req *r)
{
	const char	*lang = kv_get(&r->form, "lang");
	const char	*next = kv_get(&r->form, "next");

	struct dbarg	 a[2];

	if (lang == NULL)
		return page_error(r, 400, "missing-param", "lang");
	/* Signed in, the choice is the user's setting. */
	if (r->user != NULL) {
		a[0] = DBS(lang);
		a[1] = DBI(r->user->id);
		if (db_exec(&q_set_lang, NULL, NULL, 2, a) != DB_OK)
			return page_error(r, 503, "database", NULL);
	}
	req_header(r, "Set-Cookie", arena_printf(r->arena,
	    "lang=%s; Path=/; Max-Age=31536000; SameSite=Lax%s", lang,
	    conf->https ? "; Secure" : ""));
	return req_redirect(r, next ? next : "/");
}
