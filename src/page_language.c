/*
 * POST /language: the language switcher.  Remembers the choice in the
 * "lang" cookie and sends the visitor back to the page they were on
 * (a local path only: no open redirect).
 */
#include "config.h"

#include "portico.h"

int
page_language(struct req *r)
{
	const char	*lang = kv_get(&r->form, "lang");
	const char	*next = kv_get(&r->form, "next");

	if (lang == NULL)
		return page_error(r, 400, "missing-param", "lang");
	req_header(r, "Set-Cookie", arena_printf(r->arena,
	    "lang=%s; Path=/; Max-Age=31536000; SameSite=Lax%s", lang,
	    conf->https ? "; Secure" : ""));
	return req_redirect(r, next ? next : "/");
}
