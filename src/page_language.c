/*
 * POST /language: the language switcher.  Remembers the choice in the
 * "lang" cookie and sends the visitor back to the page they were on
 * (a local path only: no open redirect).
 *
 * For a visitor without a session the cookie is the only effect, so the
 * route asks no more than that the form came from the site (cached
 * anonymous pages carry no token).  A signed-in user's choice is stored
 * as their setting: that is a change of state like any other, so it
 * needs the session's CSRF token too (403 without it, nothing stored).
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
	if (r->user != NULL) {
		if (!csrf_ok(r))
			return page_error(r, 403, "csrf", NULL);
		a[0] = DBS(lang);
		a[1] = DBI(r->user->id);
		if (db_exec(&q_set_lang, NULL, NULL, 2, a) != DB_OK)
			return HTTP_DB(DB_UNAVAILABLE);
	}
	req_header(r, "Set-Cookie", arena_printf(r->arena,
	    "lang=%s; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax%s", lang,
	    conf->https ? "; Secure" : ""));
	return req_redirect(r, next ? next : "/");
}
