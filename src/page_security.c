/*
 * GET /account/sessions: the user's active sessions (when, from where,
 * which browser), with a button to end each other one or all others;
 * POST /account/sessions/end does it.  GET /account/activity: the user's
 * own entries in the audit log.
 *
 * A session is named in the form by the hex of its id's hash: that names
 * it without being able to sign anyone in, and the DELETE is limited to
 * the user's own sessions.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

enum { LIST_ID_HASH, LIST_CREATED_AT, LIST_LAST_SEEN, LIST_IP, LIST_USER_AGENT,
    LIST_CURRENT, LIST__MAX };
static struct dbstmt q_list = DBSTMT_COLS(
    "SELECT LOWER(HEX(id_hash)), DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), "
    "DATE_FORMAT(last_seen, '%Y-%m-%d %H:%i'), ip, user_agent, "
    "id_hash = ? FROM sessions WHERE user_id = ? AND mfa_pending = 0 "
    "AND expires_at > NOW() AND last_seen > NOW() - INTERVAL ? MINUTE "
    "ORDER BY last_seen DESC LIMIT 100", LIST__MAX);
static struct dbstmt q_end = DBSTMT(
    "DELETE FROM sessions WHERE id_hash = UNHEX(?) AND user_id = ? "
    "AND id_hash <> ?");
enum { ACTIVITY_AT, ACTIVITY_EVENT, ACTIVITY_ADDR, ACTIVITY_DETAIL,
    ACTIVITY__MAX };
static struct dbstmt q_activity = DBSTMT_COLS(
    "SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), event, addr, detail "
    "FROM audit_log WHERE user_id = ? ORDER BY id DESC LIMIT 100",
    ACTIVITY__MAX);

int
page_sessions(struct req *r)
{
	struct dbres	*res;
	struct dbarg	 a[3];
	xmlNodePtr	 pg, s, f;
	size_t		 i;
	int		 e;

	a[0] = (struct dbarg){ 's', (const char *)r->sid_hash, 32, 0 };
	a[1] = DBI(r->user->id);
	a[2] = DBI(conf->session_idle_minutes);
	if ((e = db_query(&q_list, &res, 3, a)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "sessions");
	if (kv_get(&r->query, "done"))
		page_notice(r, kv_get(&r->query, "done"), "success");
	for (i = 0; i < res->nrows; i++) {
		s = xml_elem(pg, "session");
		xml_attr(s, "created", dbres_get(res, i, LIST_CREATED_AT));
		xml_attr(s, "last-seen", dbres_get(res, i, LIST_LAST_SEEN));
		xml_attr(s, "addr", dbres_get(res, i, LIST_IP));
		xml_text(s, "agent", dbres_get(res, i, LIST_USER_AGENT));
		if (!strcmp(dbres_get(res, i, LIST_CURRENT), "1"))
			xml_attr(s, "current", "yes");
		else {
			f = form_new(r, s, "end-session", "/account/sessions/end",
			    "sessions.end");
			form_hidden(f, "session", dbres_get(res, i,
			    LIST_ID_HASH));
		}
	}
	if (res->nrows > 1) {
		f = form_new(r, pg, "end-others", "/account/sessions/end",
		    "sessions.end-others");
		form_hidden(f, "session", "others");
	}
	dbres_free(res);
	return 200;
}

int
page_sessions_end(struct req *r)
{
	const char	*which = kv_get(&r->form, "session");
	struct dbarg	 a[3];
	uint64_t	 n = 1;
	int		 e;

	if (which == NULL)
		return page_error(r, 400, "missing-param", "session");
	if (!strcmp(which, "others"))
		e = session_end_others(r, r->user->id);
	else if (token_valid(which, strlen(which))) {
		a[0] = DBS(which);
		a[1] = DBI(r->user->id);
		a[2] = (struct dbarg){ 's', (const char *)r->sid_hash, 32, 0 };
		e = db_exec(&q_end, &n, NULL, 3, a);
	} else
		return page_error(r, 400, "invalid-param", "session");
	if (e != DB_OK)
		return HTTP_DB(e);
	/* Not one of the user's own sessions: there is no such thing. */
	if (n == 0)
		return 404;
	audit(r, "sessions-ended", r->user->id, r->user->account_id, "%s",
	    !strcmp(which, "others") ? "all others" : "one");
	return req_redirect(r, "/account/sessions?done=sessions-ended");
}

int
page_activity(struct req *r)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	xmlNodePtr	 pg, n;
	size_t		 i;
	int		 e;

	a[0] = DBI(r->user->id);
	if ((e = db_query(&q_activity, &res, 1, a)) != DB_OK)
		return HTTP_DB(e);
	pg = page_new(r, "activity");
	for (i = 0; i < res->nrows; i++) {
		n = xml_elem(pg, "entry");
		xml_attr(n, "at", dbres_get(res, i, ACTIVITY_AT));
		xml_attr(n, "event", dbres_get(res, i, ACTIVITY_EVENT));
		xml_attr(n, "addr", dbres_get(res, i, ACTIVITY_ADDR));
		xml_text(n, "detail", dbres_get(res, i, ACTIVITY_DETAIL));
	}
	dbres_free(res);
	return 200;
}
