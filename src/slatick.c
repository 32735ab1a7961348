/*
 * portico-admin sla-tick, run every minute or few by a systemd timer or
 * cron (conf/portico-sla-tick.service, .timer, conf/portico.cron):
 *
 *  - marks each open ticket by its next target (tickets.sla_state):
 *    0 in time, 1 due soon (less than 100 - warn_percent per cent of
 *    the target's business time left, on the department's calendar),
 *    2 breached;
 *  - escalates a breach once, as its policy says (escalate: raise the
 *    priority one step through ticket.c, notify the department's
 *    notify_addr and the assignee through a notice): tickets.escalated
 *    holds the breach already acted on (1 first response, 2
 *    resolution), and the escalation is the conditional UPDATE ...
 *    WHERE escalated < N, in the same transaction as what it does, so
 *    two hosts ticking at the same moment escalate a breach once;
 *  - closes tickets that waited on the customer, or stayed resolved,
 *    ticket_auto_close_days (through ticket_set_status()), after a
 *    warning mail ticket_auto_close_warn_days before: a ticket is never
 *    closed sooner than that many days after its warning, even when
 *    the tick did not run for a while.
 *
 * Mail is not sent here: the notices written go out with the mail
 * sender's next round (notices.c).  Exit status 0, or 1 if the
 * database failed (what was done stays done; the next tick goes on).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "portico.h"

#define BATCH	500

enum { OPEN_ID, OPEN_FIRST_DUE, OPEN_FIRST_AT, OPEN_RES_DUE, OPEN_STATE,
    OPEN_ESCALATED, OPEN_CALENDAR, OPEN_FIRST_MIN, OPEN_RES_MIN, OPEN_WARN,
    OPEN__MAX };
static struct dbstmt q_open = DBSTMT_COLS(
    "SELECT t.id, " SQL_EPOCH("t.first_response_due") ", t.first_response_at, "
    SQL_EPOCH("t.resolution_due") ", t.sla_state, t.escalated, "
    "d.calendar, p.first_response_min, p.resolution_min, p.warn_percent "
    "FROM tickets t JOIN departments d ON d.id = t.department_id "
    "JOIN sla_policies p ON p.id = t.policy_id "
    "WHERE t.status IN ('new', 'open') AND t.next_due IS NOT NULL "
    "AND t.id > ? ORDER BY t.id LIMIT 500", OPEN__MAX);
static struct dbstmt q_mark = DBSTMT(
    "UPDATE tickets SET sla_state = ? WHERE id = ? AND sla_state <> ? "
    "AND status IN ('new', 'open')");
static struct dbstmt q_escalate = DBSTMT(
    "UPDATE tickets SET escalated = ?, sla_state = 2 WHERE id = ? "
    "AND escalated < ? AND status IN ('new', 'open')");
enum { POL_PRIORITY, POL_ESCALATE, POL__MAX };
static struct dbstmt q_policy = DBSTMT_COLS(
    "SELECT t.priority, p.escalate FROM tickets t "
    "JOIN sla_policies p ON p.id = t.policy_id WHERE t.id = ?", POL__MAX);
static struct dbstmt q_event = DBSTMT(
    "INSERT INTO ticket_events (ticket_id, at, actor_id, kind, old_value, "
    "new_value) VALUES (?, NOW(3), NULL, ?, ?, ?)");
static struct dbstmt q_notice = DBSTMT(
    "INSERT INTO ticket_notices (ticket_id, kind, created_at) "
    "VALUES (?, ?, NOW())");

/* The time a waiting or resolved ticket has been so. */
#define SINCE_SQL \
	"COALESCE(IF(t.status = 'waiting', t.waiting_since, t.resolved_at), " \
	"t.updated_at)"
enum { IDLE_ID, IDLE__MAX };
static struct dbstmt q_idle = DBSTMT_COLS(
    "SELECT t.id FROM tickets t WHERE t.status IN ('waiting', 'resolved') "
    "AND " SINCE_SQL " <= NOW() - INTERVAL ? DAY AND t.id > ? "
    "ORDER BY t.id LIMIT 500", IDLE__MAX);
enum { AC_WARN_DUE, AC_CLOSE_DUE, AC_WARNED, AC_WARNED_LONG, AC__MAX };
static struct dbstmt q_idle_lock = DBSTMT_COLS(
    "SELECT " SINCE_SQL " <= NOW() - INTERVAL ? DAY, "
    SINCE_SQL " <= NOW() - INTERVAL ? DAY, "
    "t.auto_close_warned IS NOT NULL AND t.auto_close_warned >= " SINCE_SQL
    ", t.auto_close_warned IS NOT NULL AND t.auto_close_warned <= "
    "NOW() - INTERVAL ? DAY "
    "FROM tickets t WHERE t.id = ? AND t.status IN ('waiting', 'resolved') "
    "FOR UPDATE", AC__MAX);
static struct dbstmt q_warned = DBSTMT(
    "UPDATE tickets SET auto_close_warned = NOW() WHERE id = ?");
enum { ST_ID, ST__MAX };
static struct dbstmt q_status_notices = DBSTMT_COLS(
    "SELECT id FROM ticket_notices WHERE ticket_id = ? AND kind = 'status' "
    "AND done_at IS NULL AND id > ?", ST__MAX);
static struct dbstmt q_notice_kind = DBSTMT(
    "UPDATE ticket_notices SET kind = 'auto-closed' WHERE id = ?");
enum { LAST_ID, LAST__MAX };
static struct dbstmt q_last_notice = DBSTMT_COLS(
    "SELECT COALESCE(MAX(id), 0) FROM ticket_notices", LAST__MAX);

#define CALENDARS	64		/* departments' calendars kept a tick */

struct tick {
	struct arena	*a;
	int64_t		 now;
	size_t		 soon, breached, escalated, warned, closed;
	/* Each calendar text parsed once a tick. */
	const char	*cal_text[CALENDARS];
	struct sla_calendar *cal[CALENDARS];
	size_t		 ncal;
};

/* The calendar of this text, parsed once a tick; NULL if bad. */
static struct sla_calendar *
calendar(struct tick *k, const char *text)
{
	struct sla_calendar	*c;
	char			 err[128];
	size_t			 i;

	for (i = 0; i < k->ncal; i++)
		if (!strcmp(k->cal_text[i], text))
			return k->cal[i];
	if (sla_parse(k->a, text, &c, err, sizeof(err)) != 0) {
		log_warnx("sla-tick: a department's calendar: %s", err);
		c = NULL;
	}
	if (k->ncal < CALENDARS) {
		k->cal_text[k->ncal] = arena_strdup(k->a, text);
		k->cal[k->ncal++] = c;
	}
	return c;
}

/* ---- service levels --------------------------------------------------------- */

struct one {
	struct tick	*k;
	unsigned	 id;
	unsigned	 breach;	/* 1 first response, 2 resolution */
	bool		 acted;
};

static int
event(unsigned id, const char *kind, const char *from, const char *to)
{
	struct dbarg	a[4];

	a[0] = DBI(id);
	a[1] = DBS(kind);
	a[2] = DBS(from);
	a[3] = DBS(to);
	return db_exec(&q_event, NULL, NULL, 4, a);
}

static int
notice(unsigned id, const char *kind)
{
	struct dbarg	a[2];

	a[0] = DBI(id);
	a[1] = DBS(kind);
	return db_exec(&q_notice, NULL, NULL, 2, a);
}

/* Does the SET value set (raise,notify) hold word? */
static bool
set_has(const char *set, const char *word)
{
	size_t	n = strlen(word);

	for (; set != NULL && *set; set += strcspn(set, ",") ,
	    set += *set == ',')
		if (!strncmp(set, word, n) && (set[n] == ',' || set[n] == '\0'))
			return true;
	return false;
}

/*
 * The escalation of one breach, in one transaction: whoever moves
 * tickets.escalated up to the breach acts; everyone else finds it
 * there already (the row lock makes a second host wait for the first
 * one's commit, then match nothing).
 */
static int
escalate(void *arg)
{
	struct one	*o = arg;
	struct dbres	*res;
	struct dbarg	 a[3];
	uint64_t	 changed;
	const char	*prio, *how;
	int		 p, e;

	o->acted = false;
	a[0] = DBI(o->breach);
	a[1] = DBI(o->id);
	a[2] = DBI(o->breach);
	if ((e = db_exec(&q_escalate, &changed, NULL, 3, a)) != DB_OK)
		return e;
	if (changed == 0)
		return DB_OK;
	a[0] = DBI(o->id);
	if ((e = db_query(&q_policy, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows != 1) {
		dbres_free(res);
		return DB_OK;
	}
	prio = arena_strdup(o->k->a, dbres_get(res, 0, POL_PRIORITY));
	how = arena_strdup(o->k->a, dbres_get(res, 0, POL_ESCALATE));
	dbres_free(res);
	if ((e = event(o->id, "escalate", o->breach == 1 ? "first-response" :
	    "resolution", prio)) != DB_OK)
		return e;
	p = ticket_priority_of(prio);
	if (set_has(how, "raise") && p >= 0 && p + 1 < TICKET_PRIORITY__MAX &&
	    (e = ticket_set_priority(o->id, 0, (enum ticket_priority)(p + 1)))
	    != DB_OK)
		return e;
	if (set_has(how, "notify") && (e = notice(o->id, "escalated")) != DB_OK)
		return e;
	o->acted = true;
	return DB_OK;
}

/* Mark one open ticket (row i of res) and escalate its breach. */
static int
mark(struct tick *k, struct dbres *res, size_t i)
{
	struct sla_calendar	*cal;
	struct dbarg		 a[3];
	struct one		 o;
	const char		*due_s, *min_s;
	int64_t			 due, left;
	uint64_t		 changed;
	long			 target, warn;
	unsigned		 state, breach;
	int			 e;

	memset(&o, 0, sizeof(o));
	o.k = k;
	o.id = (unsigned)strtoul(dbres_get(res, i, OPEN_ID), NULL, 10);
	/* The target in force: the first response until there is one. */
	if (*dbres_get(res, i, OPEN_FIRST_AT) == '\0' &&
	    *dbres_get(res, i, OPEN_FIRST_DUE) != '\0') {
		breach = 1;
		due_s = dbres_get(res, i, OPEN_FIRST_DUE);
		min_s = dbres_get(res, i, OPEN_FIRST_MIN);
	} else if (*dbres_get(res, i, OPEN_RES_DUE) != '\0') {
		breach = 2;
		due_s = dbres_get(res, i, OPEN_RES_DUE);
		min_s = dbres_get(res, i, OPEN_RES_MIN);
	} else
		return DB_OK;
	due = strtoll(due_s, NULL, 10);
	target = strtol(min_s, NULL, 10) * 60;
	warn = strtol(dbres_get(res, i, OPEN_WARN), NULL, 10);
	/* Business time left is at most the time left on the clock: a
	 * ticket due that soon needs no calendar. */
	if (k->now >= due)
		state = 2;
	else if ((due - k->now) * 100 <= target * (100 - warn))
		state = 1;
	else if ((cal = calendar(k, dbres_get(res, i, OPEN_CALENDAR))) ==
	    NULL || sla_elapsed(cal, k->now, due, NULL, 0, &left) != SLA_OK)
		state = 0;
	else
		state = left * 100 <= target * (100 - warn) ? 1 : 0;
	a[0] = DBI(state);
	a[1] = DBI(o.id);
	a[2] = DBI(state);
	if ((e = db_exec(&q_mark, &changed, NULL, 3, a)) != DB_OK)
		return e;
	if (changed && state == 1) {
		k->soon++;
		if ((e = event(o.id, "due-soon", breach == 1 ?
		    "first-response" : "resolution", "")) != DB_OK)
			return e;
	}
	if (changed && state == 2)
		k->breached++;
	if (state != 2 || strtoul(dbres_get(res, i, OPEN_ESCALATED), NULL,
	    10) >= breach)
		return DB_OK;
	o.breach = breach;
	e = db_tx(escalate, &o);
	ticket_index_after(e);
	if (e != DB_OK)
		return e;
	if (o.acted)
		k->escalated++;
	return DB_OK;
}

static int
levels(struct tick *k)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	unsigned long	 last = 0;
	size_t		 i, n;
	int		 e;

	do {
		a[0] = DBI(last);
		if ((e = db_query(&q_open, &res, 1, a)) != DB_OK)
			return e;
		for (i = 0; i < res->nrows; i++)
			if ((e = mark(k, res, i)) != DB_OK) {
				dbres_free(res);
				return e;
			}
		n = res->nrows;
		if (n > 0)
			last = strtoul(dbres_get(res, n - 1, OPEN_ID), NULL, 10);
		dbres_free(res);
	} while (n == BATCH);
	return DB_OK;
}

/* ---- auto-close ------------------------------------------------------------ */

struct idle {
	struct tick	*k;
	unsigned	 id;
};

/*
 * One waiting or resolved ticket, locked: the warning when it is due
 * and not given since the ticket came to rest, else the close when it
 * is due and the warning old enough.
 */
static int
idle_one(void *arg)
{
	struct idle	*d = arg;
	struct dbres	*res, *st;
	struct dbarg	 a[4];
	uint64_t	 before;
	bool		 warn_due, close_due, warned, warned_long;
	int		 days = conf->ticket_auto_close_days;
	int		 wdays = conf->ticket_auto_close_warn_days;
	size_t		 i;
	int		 e;

	a[0] = DBI(days > wdays ? days - wdays : 0);
	a[1] = DBI(days);
	a[2] = DBI(wdays);
	a[3] = DBI(d->id);
	if ((e = db_query(&q_idle_lock, &res, 4, a)) != DB_OK)
		return e;
	if (res->nrows != 1) {
		dbres_free(res);
		return DB_OK;
	}
	warn_due = !strcmp(dbres_get(res, 0, AC_WARN_DUE), "1");
	close_due = !strcmp(dbres_get(res, 0, AC_CLOSE_DUE), "1");
	warned = !strcmp(dbres_get(res, 0, AC_WARNED), "1");
	warned_long = !strcmp(dbres_get(res, 0, AC_WARNED_LONG), "1");
	dbres_free(res);
	if (wdays > 0 && warn_due && !warned) {
		a[0] = DBI(d->id);
		if ((e = db_exec(&q_warned, NULL, NULL, 1, a)) != DB_OK ||
		    (e = notice(d->id, "auto-close-warning")) != DB_OK)
			return e;
		d->k->warned++;
		return DB_OK;
	}
	if (!close_due || (wdays > 0 && !(warned && warned_long)))
		return DB_OK;
	if ((e = db_query(&q_last_notice, &res, 0, NULL)) != DB_OK)
		return e;
	before = strtoull(dbres_get(res, 0, LAST_ID), NULL, 10);
	dbres_free(res);
	if ((e = ticket_set_status(d->id, 0, TICKET_CLOSED)) != DB_OK ||
	    (e = event(d->id, "auto-close", "", "closed")) != DB_OK)
		return e;
	/* The model's "status changed" notice says more as "auto-closed". */
	a[0] = DBI(d->id);
	a[1] = DBI(before);
	if ((e = db_query(&q_status_notices, &st, 2, a)) != DB_OK)
		return e;
	for (i = 0; i < st->nrows && e == DB_OK; i++) {
		a[0] = DBS(dbres_get(st, i, ST_ID));
		e = db_exec(&q_notice_kind, NULL, NULL, 1, a);
	}
	if (e == DB_OK && st->nrows == 0)
		e = notice(d->id, "auto-closed");
	dbres_free(st);
	if (e == DB_OK)
		d->k->closed++;
	return e;
}

static int
auto_close(struct tick *k)
{
	struct dbres	*res;
	struct dbarg	 a[2];
	struct idle	 d;
	unsigned long	 last = 0;
	int		 days = conf->ticket_auto_close_days;
	int		 wdays = conf->ticket_auto_close_warn_days;
	size_t		 i, n;
	int		 e;

	d.k = k;
	do {
		a[0] = DBI(days > wdays ? days - wdays : 0);
		a[1] = DBI(last);
		if ((e = db_query(&q_idle, &res, 2, a)) != DB_OK)
			return e;
		for (i = 0; i < res->nrows; i++) {
			d.id = (unsigned)strtoul(dbres_get(res, i, IDLE_ID),
			    NULL, 10);
			e = db_tx(idle_one, &d);
			ticket_index_after(e);
			if (e != DB_OK) {
				dbres_free(res);
				return e;
			}
		}
		n = res->nrows;
		if (n > 0)
			last = strtoul(dbres_get(res, n - 1, IDLE_ID), NULL, 10);
		dbres_free(res);
	} while (n == BATCH);
	return DB_OK;
}

/* Returns 0, or 1 when the database failed. */
int
slatick_run(void)
{
	struct tick	 k;
	int		 e;

	memset(&k, 0, sizeof(k));
	k.a = arena_new();
	k.now = (int64_t)time(NULL);
	if ((e = db_connect()) != DB_OK || (e = levels(&k)) != DB_OK ||
	    (e = auto_close(&k)) != DB_OK) {
		log_warnx("sla-tick: database: %s", db_last_error());
		arena_free(k.a);
		return 1;
	}
	log_info("sla-tick: %zu due soon, %zu breached, %zu escalated, "
	    "%zu warned, %zu closed", k.soon, k.breached, k.escalated,
	    k.warned, k.closed);
	arena_free(k.a);
	return 0;
}
