/*
 * The audit log: who did what to which user or account, when and from
 * which address.  detail is a short text (old and new values of a change).
 * A failure to write is logged, never fatal to the request.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "portico.h"

static struct dbstmt q_audit = DBSTMT(
    "INSERT INTO audit_log (at, event, actor_id, user_id, account_id, addr, "
    "detail) VALUES (NOW(3), ?, ?, ?, ?, ?, ?)");

/*
 * Record event about user_id and account_id (0 for none), done by the
 * request's user (if any) from its address.
 */
void
audit(struct req *r, const char *event, unsigned user_id, unsigned account_id,
    const char *fmt, ...)
{
	struct dbarg	a[6];
	char		detail[2000];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	a[0] = DBS(event);
	a[1] = r->user ? DBI(r->user->id) : DBNULL;
	a[2] = user_id ? DBI(user_id) : DBNULL;
	a[3] = account_id ? DBI(account_id) : DBNULL;
	a[4] = DBS(r->remote_addr ? r->remote_addr : "");
	a[5] = DBS(detail);
	if (db_exec(&q_audit, NULL, NULL, 6, a) != DB_OK)
		log_warnx("audit: could not record %s: %s", event,
		    db_last_error());
}
