/*
 * The ticket model.  Every change of a ticket goes through here: the
 * customer's pages, the staff queue, mail-in and sla-tick call these
 * functions and nothing else writes tickets.  Each call is one
 * transaction (db_tx: retried on deadlock) that locks the ticket's row
 * first (SELECT ... FOR UPDATE, so two hosts changing one ticket take
 * turns), records what changed in ticket_events, recomputes the due
 * times and queues the notifications in ticket_notices: the change and
 * its mail are stored together or not at all.
 *
 * Due times are derived data.  ticket_due_refresh() computes them with
 * the service-level clock (sla.c) from the ticket's creation, the
 * department's business-hours calendar, the policy's targets and the
 * spans the ticket waited on the customer (ticket_pauses), and stores
 * them in the row, so lists sort and filter by an index.  While a
 * ticket waits on the customer its clock is paused: a target the pause
 * stops first has no due time until the customer answers.  "Now" is
 * the database's clock, the same for every host of a cluster.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

/* Each list ends with NULL, for content_find(). */
const char *const ticket_statuses[TICKET_STATUS__MAX + 1] = {
	"new", "open", "waiting", "resolved", "closed", NULL
};
const char *const ticket_priorities[TICKET_PRIORITY__MAX + 1] = {
	"low", "normal", "high", "urgent", NULL
};

/* References: unambiguous characters (no 0/O, 1/I/L). */
static const char ref_alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
#define REF_ALPHABET_LEN	(sizeof(ref_alphabet) - 1)
#define REF_TRIES		8

/* The row a change locks, with what every change needs to know. */
enum {
	LK_ID, LK_ACCOUNT, LK_REQUESTER, LK_DEPARTMENT, LK_PRIORITY,
	LK_STATUS, LK_LAST, LK_MERGED, LK_RESOLVED, LK_NOW, LK_RESOLVED_AGE,
	LK_ASSIGNEE, LK_RATING, LK__MAX
};
static struct dbstmt q_lock = DBSTMT_COLS(
    "SELECT id, account_id, requester_id, department_id, priority, status, "
    "last_message_id, merged_into, resolved_at, " SQL_EPOCH("NOW()") ", "
    "TIMESTAMPDIFF(SECOND, resolved_at, NOW()), assignee_id, rating "
    "FROM tickets WHERE id = ? FOR UPDATE", LK__MAX);

enum { POL_ID, POL_FIRST, POL_RESOLUTION, POL__MAX };
/* A segment's policy before the default one; of several segments',
 * the one with the shortest first response. */
static struct dbstmt q_policy = DBSTMT_COLS(
    "SELECT p.id, p.first_response_min, p.resolution_min "
    "FROM sla_policies p WHERE p.priority = ? AND (p.segment_id = 0 OR "
    "p.segment_id IN (SELECT s.segment_id FROM account_segments s "
    "WHERE s.account_id = ?)) "
    "ORDER BY p.segment_id = 0, p.first_response_min, p.id LIMIT 1",
    POL__MAX);
enum { PD_ID, PD_NAME, PD_FIRST, PD_RESOLUTION, PD_CHOOSE, PD__MAX };
static struct dbstmt q_policy_full = DBSTMT_COLS(
    "SELECT p.id, p.name, p.first_response_min, p.resolution_min, "
    "p.may_choose_priority "
    "FROM sla_policies p WHERE p.priority = ? AND (p.segment_id = 0 OR "
    "p.segment_id IN (SELECT s.segment_id FROM account_segments s "
    "WHERE s.account_id = ?)) "
    "ORDER BY p.segment_id = 0, p.first_response_min, p.id LIMIT 1",
    PD__MAX);

static struct dbstmt q_department = DBSTMT_COLS(
    "SELECT id FROM departments WHERE id = ?", 1);

static struct dbstmt q_insert = DBSTMT(
    "INSERT INTO tickets (ref, account_id, requester_id, department_id, "
    "policy_id, priority, status, subject, lang, parent_id, source, "
    "mail_token, form_key, service_id, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, NOW(), NOW(3))");
/* The ticket a form opened already: a locking read, which sees the
 * row another transaction has just committed. */
enum { FK_REF, FK__MAX };
static struct dbstmt q_form_key = DBSTMT_COLS(
    "SELECT ref FROM tickets WHERE requester_id = ? AND form_key = ? "
    "LOCK IN SHARE MODE", FK__MAX);
static struct dbstmt q_message = DBSTMT(
    "INSERT INTO ticket_messages (ticket_id, author_id, author_kind, "
    "internal, body, source, mail_id, author_email, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, NOW(3))");

/* A message as q_message stores it. */
struct message {
	unsigned	 ticket_id;
	unsigned	 author_id;	/* 0: none (the system, held mail) */
	const char	*author_kind;
	bool		 internal;
	const char	*body;
	const char	*source;	/* "mail", or anything else: "web" */
	const char	*mail_id;	/* or NULL */
	const char	*author_email;	/* or NULL */
};

/* Store m, for create_tx() and post_tx() alike; *id is its id. */
static int
message_insert(const struct message *m, uint64_t *id)
{
	struct dbarg	a[8];

	a[0] = DBI(m->ticket_id);
	a[1] = m->author_id != 0 ? DBI(m->author_id) : DBNULL;
	a[2] = DBS(m->author_kind);
	a[3] = DBI(m->internal);
	a[4] = DBS(m->body);
	a[5] = DBS(m->source != NULL && !strcmp(m->source, "mail") ?
	    "mail" : "web");
	a[6] = m->mail_id != NULL ? DBS(m->mail_id) : DBNULL;
	a[7] = m->author_email != NULL ? DBS(m->author_email) : DBNULL;
	return db_exec(&q_message, NULL, id, 8, a);
}

static struct dbstmt q_after_message = DBSTMT(
    "UPDATE tickets SET last_message_id = ?, updated_at = NOW(3), "
    "public_messages = public_messages + ?, "
    "last_public_at = IF(? <> 0, NOW(), last_public_at), "
    "first_response_at = IF(? <> 0 AND first_response_at IS NULL, NOW(), "
    "first_response_at) WHERE id = ?");
/* The last message a customer sees: internal notes are not theirs to
 * collide with (nor to learn of). */
enum { LP_ID, LP__MAX };
static struct dbstmt q_last_public = DBSTMT_COLS(
    "SELECT COALESCE(MAX(id), 0) FROM ticket_messages "
    "WHERE ticket_id = ? AND internal = 0", LP__MAX);
/* The same message from the same writer since expect_last: the form
 * sent twice.  BINARY: "Yes" again is not "yes". */
enum { SB_ID, SB__MAX };
static struct dbstmt q_sent_before = DBSTMT_COLS(
    "SELECT id FROM ticket_messages WHERE ticket_id = ? AND id > ? AND "
    "author_id = ? AND internal = ? AND BINARY body = ? ORDER BY id LIMIT 1",
    SB__MAX);
static struct dbstmt q_event = DBSTMT(
    "INSERT INTO ticket_events (ticket_id, at, actor_id, kind, old_value, "
    "new_value) VALUES (?, NOW(3), ?, ?, ?, ?)");
static struct dbstmt q_notice = DBSTMT(
    "INSERT INTO ticket_notices (ticket_id, message_id, kind, created_at) "
    "VALUES (?, ?, ?, NOW())");

/* Status changes and the timestamps and pauses that go with them. */
static struct dbstmt q_status = DBSTMT(
    "UPDATE tickets SET status = ?, updated_at = NOW(3), "
    "resolved_at = CASE WHEN ? = 'resolved' THEN COALESCE(resolved_at, "
    "NOW()) WHEN ? IN ('new', 'open', 'waiting') THEN NULL "
    "ELSE resolved_at END, "
    "closed_at = IF(? = 'closed', NOW(), NULL), "
    "waiting_since = IF(? = 'waiting', COALESCE(waiting_since, NOW()), "
    "NULL), auto_close_warned = NULL WHERE id = ?");
static struct dbstmt q_pause_start = DBSTMT(
    "INSERT IGNORE INTO ticket_pauses (ticket_id, started_at) "
    "VALUES (?, NOW())");
static struct dbstmt q_pause_end = DBSTMT(
    "UPDATE ticket_pauses SET ended_at = NOW() "
    "WHERE ticket_id = ? AND ended_at IS NULL");

/* What the clock needs. */
enum {
	DUE_CREATED, DUE_STATUS, DUE_CALENDAR, DUE_FIRST_MIN, DUE_RES_MIN,
	DUE_FIRST_AT, DUE_RESOLVED_AT, DUE_OLD_FIRST, DUE_OLD_RES, DUE_NOW,
	DUE__MAX
};
static struct dbstmt q_due_load = DBSTMT_COLS(
    "SELECT " SQL_EPOCH("t.created_at") ", t.status, d.calendar, "
    "p.first_response_min, p.resolution_min, "
    SQL_EPOCH("t.first_response_at") ", " SQL_EPOCH("t.resolved_at") ", "
    SQL_EPOCH("t.first_response_due") ", " SQL_EPOCH("t.resolution_due") ", "
    SQL_EPOCH("NOW()") " "
    "FROM tickets t JOIN departments d ON d.id = t.department_id "
    "LEFT JOIN sla_policies p ON p.id = t.policy_id WHERE t.id = ?",
    DUE__MAX);
enum { PAUSE_FROM, PAUSE_TO, PAUSE__MAX };
static struct dbstmt q_pauses = DBSTMT_COLS(
    "SELECT " SQL_EPOCH("started_at") ", " SQL_EPOCH("ended_at") " "
    "FROM ticket_pauses WHERE ticket_id = ? ORDER BY started_at LIMIT 1000",
    PAUSE__MAX);
static struct dbstmt q_due_store = DBSTMT(
    "UPDATE tickets SET first_response_due = " SQL_FROM_EPOCH("?") ", "
    "resolution_due = " SQL_FROM_EPOCH("?") ", "
    "next_due = " SQL_FROM_EPOCH("?") ", "
    "sla_state = IF(" SQL_FROM_EPOCH("?") " IS NULL OR "
    SQL_FROM_EPOCH("?") " > NOW(), "
    "0, sla_state) WHERE id = ?");

static struct dbstmt q_set_priority = DBSTMT(
    "UPDATE tickets SET priority = ?, policy_id = ?, updated_at = NOW(3) "
    "WHERE id = ?");
static struct dbstmt q_set_department = DBSTMT(
    "UPDATE tickets SET department_id = ?, updated_at = NOW(3) "
    "WHERE id = ?");
static struct dbstmt q_staff_user = DBSTMT_COLS(
    "SELECT id FROM users WHERE id = ? AND portal_role IN ('agent', 'admin') "
    "AND status = 'active'", 1);
static struct dbstmt q_assign = DBSTMT(
    "UPDATE tickets SET assignee_id = ?, updated_at = NOW(3) WHERE id = ?");
static struct dbstmt q_rate = DBSTMT(
    "UPDATE tickets SET rating = ?, rating_comment = ?, rated_at = NOW(), "
    "updated_at = NOW(3) WHERE id = ? AND rating IS NULL AND "
    "status IN ('resolved', 'closed') AND requester_id = ?");
/*
 * Whom a merge of ticket f into ticket i would wrong, of f's account
 * (TICKET_ACCESS_SQL's rule for each customer u of it): f's requester,
 * if i is not theirs to read (their conversation would go on where they
 * cannot follow it), and anyone who reads i but not f (f's messages
 * would show them what their role does not).  Bind: i's id, f's id,
 * ticket_roles three times.
 */
#define MERGE_ROLE "IF(COALESCE(u.account_role, '') = '', '-', u.account_role)"
#define MERGE_READS(t, d) \
	"(" t ".requester_id = u.id OR FIND_IN_SET(" MERGE_ROLE ", ?) > 0 OR " \
	"FIND_IN_SET(" MERGE_ROLE ", " d ".account_roles) > 0)"
enum { MA_N, MA__MAX };
static struct dbstmt q_merge_audience = DBSTMT_COLS(
    "SELECT COUNT(*) FROM tickets f "
    "JOIN departments fd ON fd.id = f.department_id "
    "JOIN tickets i ON i.id = ? "
    "JOIN departments xd ON xd.id = i.department_id "
    "JOIN users u ON u.account_id = f.account_id "
    "WHERE f.id = ? AND u.portal_role = 'customer' AND "
    "((u.id = f.requester_id AND NOT " MERGE_READS("i", "xd") ") OR "
    "(" MERGE_READS("i", "xd") " AND NOT " MERGE_READS("f", "fd") "))",
    MA__MAX);
static struct dbstmt q_merge_move = DBSTMT(
    "UPDATE ticket_messages SET ticket_id = ? WHERE ticket_id = ?");
static struct dbstmt q_merge_files = DBSTMT(
    "UPDATE ticket_attachments SET ticket_id = ? WHERE ticket_id = ?");
enum { MC_LAST, MC_PUBLIC, MC__MAX };
static struct dbstmt q_merge_count = DBSTMT_COLS(
    "SELECT COALESCE(MAX(id), 0), COALESCE(SUM(internal = 0), 0) "
    "FROM ticket_messages WHERE ticket_id = ?", MC__MAX);
static struct dbstmt q_merge_into = DBSTMT(
    "UPDATE tickets SET last_message_id = ?, public_messages = ?, "
    "updated_at = NOW(3) WHERE id = ?");
static struct dbstmt q_merged = DBSTMT(
    "UPDATE tickets SET merged_into = ?, status = 'closed', "
    "closed_at = NOW(), waiting_since = NULL, last_message_id = 0, "
    "public_messages = 0, next_due = NULL, updated_at = NOW(3) "
    "WHERE id = ?");

static unsigned
col_uint(const struct dbres *res, size_t col)
{
	return (unsigned)strtoul(dbres_get(res, 0, col), NULL, 10);
}

static int64_t
col_int64(const struct dbres *res, size_t col)
{
	return (int64_t)strtoll(dbres_get(res, 0, col), NULL, 10);
}

bool
valid_ticket_status(const char *s, size_t len)
{
	return content_find(ticket_statuses, s) != -1;
}

bool
valid_ticket_priority(const char *s, size_t len)
{
	return content_find(ticket_priorities, s) != -1;
}

int
ticket_status_of(const char *s)
{
	return content_find(ticket_statuses, s);
}

int
ticket_priority_of(const char *s)
{
	return content_find(ticket_priorities, s);
}

/* "T-" and 8 characters of the alphabet. */
bool
valid_ticket_ref(const char *s, size_t len)
{
	size_t	i;

	if (len != TICKET_REF_LEN || s[0] != 'T' || s[1] != '-')
		return false;
	for (i = 2; i < len; i++)
		if (s[i] == '\0' || strchr(ref_alphabet, s[i]) == NULL)
			return false;
	return true;
}

static int
ref_new(char ref[TICKET_REF_LEN + 1])
{
	unsigned char	raw[TICKET_REF_LEN - 2];
	size_t		i;

	if (random_bytes(raw, sizeof(raw)) == -1)
		return DB_ERROR;
	ref[0] = 'T';
	ref[1] = '-';
	for (i = 0; i < sizeof(raw); i++)
		ref[i + 2] = ref_alphabet[raw[i] % REF_ALPHABET_LEN];
	ref[TICKET_REF_LEN] = '\0';
	return 0;
}

/*
 * The one rule of who may read one ticket (TICKET_ACCESS_SQL is the
 * same rule for lists): 0, or 404 as for a ticket that does not exist.
 * roles is the ticket's department's account_roles.
 */
static bool
role_listed(const char *role, const char *list)
{
	size_t	n = strlen(role);

	while (n > 0 && list != NULL && *list != '\0') {
		size_t len = strcspn(list, ", ");

		if (len == n && !memcmp(list, role, n))
			return true;
		list += len;
		list += strspn(list, ", ");
	}
	return false;
}

int
ticket_access(const struct req *r, unsigned account_id,
    unsigned requester_id, const char *roles)
{
	const char	*role;

	if (r->user == NULL)
		return 404;
	if (r->user->role >= ROLE_AGENT)
		return 0;
	if (access_account(r, account_id) != 0)
		return 404;
	if (r->user->id == requester_id)
		return 0;
	role = r->user->account_role != NULL ? r->user->account_role : "";
	return role_listed(role, conf->ticket_roles) ||
	    role_listed(role, roles) ? 0 : 404;
}

void
ticket_access_args(const struct req *r, struct dbarg *a)
{
	const char	*role = "";
	bool		 staff = false;
	unsigned	 account = 0, user = 0;

	if (r->user != NULL) {
		staff = r->user->role >= ROLE_AGENT;
		account = r->user->account_id;
		user = r->user->id;
		if (r->user->account_role != NULL)
			role = r->user->account_role;
	}
	a[0] = DBI(staff);
	a[1] = DBI(account);
	a[2] = DBI(user);
	/* FIND_IN_SET('', list) would match an empty item: never. */
	a[3] = *role != '\0' ? DBS(role) : DBS("-");
	a[4] = DBS(conf->ticket_roles);
	a[5] = *role != '\0' ? DBS(role) : DBS("-");
}

int
ticket_policy(unsigned account_id, enum ticket_priority p,
    struct ticket_policy *out)
{
	struct dbres	*res = NULL;
	struct dbarg	 a[2];
	int		 e;

	memset(out, 0, sizeof(*out));
	if ((unsigned)p >= TICKET_PRIORITY__MAX)
		return TICKET_EPOLICY;
	a[0] = DBS(ticket_priorities[p]);
	a[1] = DBI(account_id);
	if ((e = db_query(&q_policy_full, &res, 2, a)) != DB_OK)
		return e;
	if (res->nrows == 0) {
		dbres_free(res);
		return TICKET_EPOLICY;
	}
	out->id = col_uint(res, PD_ID);
	snprintf(out->name, sizeof(out->name), "%s", dbres_get(res, 0, PD_NAME));
	out->first_response_min = strtol(dbres_get(res, 0, PD_FIRST), NULL, 10);
	out->resolution_min = strtol(dbres_get(res, 0, PD_RESOLUTION), NULL,
	    10);
	out->may_choose_priority = col_uint(res, PD_CHOOSE) != 0;
	dbres_free(res);
	return 0;
}

static int
policy_id(unsigned account_id, enum ticket_priority p, unsigned *id)
{
	struct dbres	*res = NULL;
	struct dbarg	 a[2];
	int		 e;

	a[0] = DBS(ticket_priorities[p]);
	a[1] = DBI(account_id);
	if ((e = db_query(&q_policy, &res, 2, a)) != DB_OK)
		return e;
	*id = res->nrows > 0 ? col_uint(res, POL_ID) : 0;
	dbres_free(res);
	return *id != 0 ? 0 : TICKET_EPOLICY;
}

static int
event(unsigned ticket, unsigned actor, const char *kind, const char *from,
    const char *to)
{
	struct dbarg	a[5];

	a[0] = DBI(ticket);
	a[1] = actor != 0 ? DBI(actor) : DBNULL;
	a[2] = DBS(kind);
	a[3] = DBS(from);
	a[4] = DBS(to);
	return db_exec(&q_event, NULL, NULL, 5, a);
}

static int
notice(unsigned ticket, uint64_t message, const char *kind)
{
	struct dbarg	a[3];

	a[0] = DBI(ticket);
	a[1] = message != 0 ? DBI(message) : DBNULL;
	a[2] = DBS(kind);
	return db_exec(&q_notice, NULL, NULL, 3, a);
}

/* The locked row of ticket id, following merges; TICKET_ENOENT. */
struct locked {
	unsigned	 id, account, requester, department, assignee;
	int		 status, priority;
	uint64_t	 last;
	bool		 resolved, rated;
	int64_t		 now, resolved_age;
};

static int
lock_ticket(unsigned id, bool follow, struct locked *t)
{
	struct dbres	*res = NULL;
	struct dbarg	 a[1];
	int		 e, hops;

	for (hops = 0; hops < 8; hops++) {
		a[0] = DBI(id);
		if ((e = db_query(&q_lock, &res, 1, a)) != DB_OK)
			return e;
		if (res->nrows == 0) {
			dbres_free(res);
			return TICKET_ENOENT;
		}
		if (*dbres_get(res, 0, LK_MERGED) == '\0')
			break;
		id = col_uint(res, LK_MERGED);
		dbres_free(res);
		res = NULL;
		if (!follow)
			return TICKET_ENOENT;
	}
	if (res == NULL)
		return TICKET_ENOENT;
	t->id = col_uint(res, LK_ID);
	t->account = col_uint(res, LK_ACCOUNT);
	t->requester = col_uint(res, LK_REQUESTER);
	t->department = col_uint(res, LK_DEPARTMENT);
	t->assignee = col_uint(res, LK_ASSIGNEE);
	t->status = ticket_status_of(dbres_get(res, 0, LK_STATUS));
	t->priority = ticket_priority_of(dbres_get(res, 0, LK_PRIORITY));
	t->last = (uint64_t)strtoull(dbres_get(res, 0, LK_LAST), NULL, 10);
	t->resolved = *dbres_get(res, 0, LK_RESOLVED) != '\0';
	t->rated = *dbres_get(res, 0, LK_RATING) != '\0';
	t->now = col_int64(res, LK_NOW);
	t->resolved_age = col_int64(res, LK_RESOLVED_AGE);
	dbres_free(res);
	if (t->status < 0 || t->priority < 0)
		return DB_ERROR;
	return 0;
}

/*
 * Set the status of the locked ticket t, with its timestamps, pauses
 * and event; no notice (the caller knows whether one is due).
 */
static int
status_change(struct locked *t, unsigned actor, enum ticket_status to)
{
	const char	*s = ticket_statuses[to];
	struct dbarg	 a[6];
	int		 e;

	if ((int)to == t->status)
		return 0;
	a[0] = DBS(s);
	a[1] = DBS(s);
	a[2] = DBS(s);
	a[3] = DBS(s);
	a[4] = DBS(s);
	a[5] = DBI(t->id);
	if ((e = db_exec(&q_status, NULL, NULL, 6, a)) != DB_OK)
		return e;
	a[0] = DBI(t->id);
	if (to == TICKET_WAITING)
		e = db_exec(&q_pause_start, NULL, NULL, 1, a);
	else if (t->status == TICKET_WAITING)
		e = db_exec(&q_pause_end, NULL, NULL, 1, a);
	if (e != DB_OK)
		return e;
	e = event(t->id, actor, (t->status == TICKET_RESOLVED ||
	    t->status == TICKET_CLOSED) && to <= TICKET_WAITING ? "reopen" :
	    "status", ticket_statuses[t->status], s);
	t->status = (int)to;
	return e;
}

/* Seconds as an SQL argument: NULL when there is no due time. */
static struct dbarg
due_arg(bool have, int64_t at)
{
	return have ? DBI(at) : DBNULL;
}

/*
 * Recompute the stored due times of ticket id (inside a transaction).
 * *changed: a due time moved (for the "due" notice).
 */
static int
due_refresh(unsigned id, bool *changed)
{
	struct dbres	*res = NULL, *pr = NULL;
	struct sla_calendar *cal = NULL;
	struct sla_pause *pauses = NULL;
	struct arena	*ar;
	struct dbarg	 a[6];
	char		 err[200];
	int64_t		 created, first = 0, resolution = 0, next = 0;
	bool		 have_first = false, have_res = false, have_next;
	bool		 open;
	size_t		 i, np = 0;
	int		 e, status;

	if (changed != NULL)
		*changed = false;
	a[0] = DBI(id);
	if ((e = db_query(&q_due_load, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 0) {
		dbres_free(res);
		return TICKET_ENOENT;
	}
	if ((e = db_query(&q_pauses, &pr, 1, a)) != DB_OK) {
		dbres_free(res);
		return e;
	}
	ar = arena_new();
	created = col_int64(res, DUE_CREATED);
	status = ticket_status_of(dbres_get(res, 0, DUE_STATUS));
	pauses = arena_alloc(ar, (pr->nrows + 1) * sizeof(*pauses));
	for (i = 0; i < pr->nrows; i++) {
		pauses[np].from = strtoll(dbres_get(pr, i, PAUSE_FROM), NULL,
		    10);
		pauses[np].to = *dbres_get(pr, i, PAUSE_TO) == '\0' ? SLA_OPEN :
		    strtoll(dbres_get(pr, i, PAUSE_TO), NULL, 10);
		if (pauses[np].to > pauses[np].from)
			np++;
	}
	e = 0;
	if (*dbres_get(res, 0, DUE_FIRST_MIN) == '\0') {
		/* No policy: no targets. */
	} else if (sla_parse(ar, dbres_get(res, 0, DUE_CALENDAR), &cal, err,
	    sizeof(err)) != 0) {
		log_warnx("ticket %u: department calendar: %s", id, err);
		e = TICKET_EPOLICY;
	} else {
		have_first = sla_due(cal, created, strtol(dbres_get(res, 0,
		    DUE_FIRST_MIN), NULL, 10), pauses, np, &first) == SLA_OK;
		have_res = sla_due(cal, created, strtol(dbres_get(res, 0,
		    DUE_RES_MIN), NULL, 10), pauses, np, &resolution) == SLA_OK;
	}
	if (e == 0) {
		/* The earliest target not met yet, while the clock runs. */
		open = status == TICKET_NEW || status == TICKET_OPEN;
		have_next = false;
		if (open && have_first &&
		    *dbres_get(res, 0, DUE_FIRST_AT) == '\0') {
			next = first;
			have_next = true;
		}
		if (open && have_res &&
		    *dbres_get(res, 0, DUE_RESOLVED_AT) == '\0' &&
		    (!have_next || resolution < next)) {
			next = resolution;
			have_next = true;
		}
		if (changed != NULL)
			*changed = strcmp(dbres_get(res, 0, DUE_OLD_FIRST),
			    have_first ? arena_printf(ar, "%lld",
			    (long long)first) : "") != 0 ||
			    strcmp(dbres_get(res, 0, DUE_OLD_RES), have_res ?
			    arena_printf(ar, "%lld", (long long)resolution) :
			    "") != 0;
		a[0] = due_arg(have_first, first);
		a[1] = due_arg(have_res, resolution);
		a[2] = due_arg(have_next, next);
		a[3] = due_arg(have_next, next);
		a[4] = due_arg(have_next, next);
		a[5] = DBI(id);
		e = db_exec(&q_due_store, NULL, NULL, 6, a);
	}
	dbres_free(pr);
	dbres_free(res);
	arena_free(ar);
	return e;
}

/* ---- create ---- */

static struct dbstmt q_attach_add = DBSTMT(
    "INSERT INTO ticket_attachments (ticket_id, message_id, name, "
    "content_type, size, sha256, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())");

/* Record the attachments kept (by hash) before as message_id's of
 * ticket_id, inside the transaction that writes the message. */
static int
attach_save(unsigned ticket_id, uint64_t message_id, const struct attach *at,
    size_t n)
{
	struct dbarg	 a[6];
	size_t		 i;
	int		 e;

	for (i = 0; i < n; i++) {
		a[0] = DBI(ticket_id);
		a[1] = DBI(message_id);
		a[2] = DBS(at[i].name);
		a[3] = DBS(at[i].type);
		a[4] = DBI(at[i].size);
		a[5] = DBS(at[i].sha);
		if ((e = db_exec(&q_attach_add, NULL, NULL, 6, a)) != DB_OK)
			return e;
	}
	return DB_OK;
}

/*
 * Tickets changed inside a caller's transaction (mail-in's, the held
 * mail's, the tick's): their documents are written once it commits
 * (ticket_index_after()), never before: this node's Mroonga copy is
 * not transactional, and a rolled-back ticket must leave no document.
 */
#define INDEX_PENDING_MAX	8
static unsigned	index_pending[INDEX_PENDING_MAX];
static size_t	index_npending;

/* Write ticket id's search document, logging a failure: the index is
 * derived data (portico-admin reindex rebuilds it), the change stands. */
static void
index_now(unsigned id)
{
	if (ticket_index(id) != DB_OK)
		log_warnx("tickets: search document of ticket %u not "
		    "updated: %s (portico-admin reindex rebuilds it)", id,
		    db_last_error());
}

/*
 * After change e (0: saved) of ticket id: its search document written
 * again, now or (inside a caller's transaction) when that commits.
 * Returns e.
 */
static int
reindexed(int e, unsigned id)
{
	size_t	i;

	if (e != 0)
		return e;
	if (!db_in_tx()) {
		index_now(id);
		return e;
	}
	for (i = 0; i < index_npending && index_pending[i] != id; i++)
		;
	if (i == index_npending && index_npending < INDEX_PENDING_MAX)
		index_pending[index_npending++] = id;
	else if (i == index_npending)
		log_warnx("tickets: search document of ticket %u not "
		    "updated (portico-admin reindex rebuilds it)", id);
	return e;
}

/*
 * The caller's transaction ended with e (0: committed): the documents
 * of the tickets it changed are written, or (rolled back) forgotten.
 */
void
ticket_index_after(int e)
{
	size_t	i;

	for (i = 0; e == 0 && i < index_npending; i++)
		index_now(index_pending[i]);
	index_npending = 0;
}

struct create {
	const struct ticket_new	*in;
	unsigned		 id;
	uint64_t		 message;
	char			 ref[TICKET_REF_LEN + 1];
};

/*
 * After a duplicate key on insert: did in's form open a ticket already
 * (TICKET_EDUPLICATE, its reference in ref), or was it the reference
 * (0: draw another)?  Or a dberr.
 */
static int
form_opened(const struct ticket_new *in, char ref[TICKET_REF_LEN + 1])
{
	struct dbres	*res;
	struct dbarg	 a[2];
	int		 e;

	if (in->form_key == NULL)
		return 0;
	a[0] = DBI(in->requester_id);
	a[1] = DBS(in->form_key);
	if ((e = db_query(&q_form_key, &res, 2, a)) != DB_OK)
		return e;
	e = 0;
	if (res->nrows == 1) {
		snprintf(ref, TICKET_REF_LEN + 1, "%s", dbres_get(res, 0,
		    FK_REF));
		e = TICKET_EDUPLICATE;
	}
	dbres_free(res);
	return e;
}

static int
create_tx(void *arg)
{
	struct create		*c = arg;
	const struct ticket_new	*in = c->in;
	struct dbres		*res = NULL;
	struct dbarg		 a[13];
	struct message		 m;
	unsigned char		 raw[12];
	char			 token[25];
	unsigned		 policy;
	uint64_t		 id;
	int			 e, tries;

	a[0] = DBI(in->department_id);
	if ((e = db_query(&q_department, &res, 1, a)) != DB_OK)
		return e;
	tries = (int)res->nrows;
	dbres_free(res);
	if (tries == 0)
		return TICKET_EPOLICY;
	if ((e = policy_id(in->account_id, in->priority, &policy)) != 0)
		return e;
	for (tries = 0; tries < REF_TRIES; tries++) {
		if (ref_new(c->ref) != 0 ||
		    random_bytes(raw, sizeof(raw)) == -1)
			return DB_ERROR;
		hex_encode(token, raw, sizeof(raw));
		a[0] = DBS(c->ref);
		a[1] = DBI(in->account_id);
		a[2] = DBI(in->requester_id);
		a[3] = DBI(in->department_id);
		a[4] = DBI(policy);
		a[5] = DBS(ticket_priorities[in->priority]);
		a[6] = DBS(in->subject);
		a[7] = DBS(in->lang != NULL ? in->lang : "en");
		a[8] = in->parent_id != 0 ? DBI(in->parent_id) : DBNULL;
		a[9] = DBS(in->source != NULL ? in->source : "web");
		a[10] = DBS(token);
		a[11] = in->form_key != NULL ? DBS(in->form_key) : DBNULL;
		a[12] = in->service_id != 0 ? DBI(in->service_id) : DBNULL;
		e = db_exec(&q_insert, NULL, &id, 13, a);
		if (e != DB_DUPLICATE)
			break;
		if ((e = form_opened(in, c->ref)) != 0)
			return e;
		e = DB_DUPLICATE;
	}
	if (e != DB_OK)
		return e;
	c->id = (unsigned)id;
	m = (struct message){ c->id, in->requester_id, "customer", false,
	    in->body, in->source, in->mail_id, NULL };
	if ((e = message_insert(&m, &c->message)) != DB_OK)
		return e;
	/* The files with their message: all of it, or none. */
	if ((e = attach_save(c->id, c->message, in->attach, in->nattach)) !=
	    DB_OK)
		return e;
	a[0] = DBI(c->message);
	a[1] = DBI(1);
	a[2] = DBI(1);
	a[3] = DBI(0);
	a[4] = DBI(c->id);
	if ((e = db_exec(&q_after_message, NULL, NULL, 5, a)) != DB_OK)
		return e;
	if ((e = due_refresh(c->id, NULL)) != 0)
		return e;
	if (in->parent_id != 0 && (e = event(c->id, in->requester_id,
	    "reopen", "", "follows")) != DB_OK)
		return e;
	return notice(c->id, c->message, "created");
}

int
ticket_create(const struct ticket_new *in, unsigned *id, uint64_t *message,
    char ref[TICKET_REF_LEN + 1])
{
	struct create	c;
	int		e;

	if (in->subject == NULL || *in->subject == '\0' || in->body == NULL ||
	    (unsigned)in->priority >= TICKET_PRIORITY__MAX)
		return TICKET_ESTATE;
	memset(&c, 0, sizeof(c));
	c.in = in;
	if ((e = db_tx(create_tx, &c)) != 0) {
		/* The form's ticket: the caller answers with it. */
		if (e == TICKET_EDUPLICATE && ref != NULL)
			memcpy(ref, c.ref, sizeof(c.ref));
		return e;
	}
	(void)reindexed(0, c.id);
	if (id != NULL)
		*id = c.id;
	if (message != NULL)
		*message = c.message;
	if (ref != NULL)
		memcpy(ref, c.ref, sizeof(c.ref));
	return 0;
}

/* ---- post a message ---- */

struct post {
	const struct ticket_post *in;
	uint64_t		 message;
};

/* The status a message leaves its ticket in, or -1 for no change. */
static int
status_after(const struct ticket_post *in, const struct locked *t)
{
	if (in->set_status >= 0)
		return in->set_status;
	if (in->internal || !strcmp(in->author_kind, "system"))
		return -1;
	if (!strcmp(in->author_kind, "customer"))
		return t->status == TICKET_NEW ? -1 : TICKET_OPEN;
	return TICKET_WAITING;
}

/*
 * Has a message the writer of in could read come since in->expect_last
 * (0: not checked)?  Staff read every message of the locked ticket t, a
 * customer only the public ones.  0, TICKET_ECOLLISION or a dberr.
 */
static int
collision(const struct ticket_post *in, const struct locked *t)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	uint64_t	 last;
	int		 e;

	if (in->expect_last == 0)
		return 0;
	if (strcmp(in->author_kind, "customer") != 0)
		return t->last != in->expect_last ? TICKET_ECOLLISION : 0;
	a[0] = DBI(t->id);
	if ((e = db_query(&q_last_public, &res, 1, a)) != DB_OK)
		return e;
	last = (uint64_t)strtoull(dbres_get(res, 0, LP_ID), NULL, 10);
	dbres_free(res);
	return last != in->expect_last ? TICKET_ECOLLISION : 0;
}

/*
 * After a collision: is a message since in->expect_last the writer's
 * own, word for word (in sent twice by a double click, the first send
 * saved)?  TICKET_EDUPLICATE with its id in *id, else 0, or a dberr.
 */
static int
sent_before(const struct ticket_post *in, const struct locked *t,
    uint64_t *id)
{
	struct dbres	*res;
	struct dbarg	 a[5];
	int		 e;

	if (in->author_id == 0)
		return 0;
	a[0] = DBI(t->id);
	a[1] = DBI(in->expect_last);
	a[2] = DBI(in->author_id);
	a[3] = DBI(in->internal);
	a[4] = DBS(in->body);
	if ((e = db_query(&q_sent_before, &res, 5, a)) != DB_OK)
		return e;
	e = 0;
	if (res->nrows == 1) {
		*id = strtoull(dbres_get(res, 0, SB_ID), NULL, 10);
		e = TICKET_EDUPLICATE;
	}
	dbres_free(res);
	return e;
}

static int
post_tx(void *arg)
{
	struct post			*p = arg;
	const struct ticket_post	*in = p->in;
	struct locked			 t;
	struct message			 m;
	struct dbarg			 a[8];
	bool				 customer, staff_public, moved, changed;
	int				 e, to;

	if ((e = lock_ticket(in->ticket_id, true, &t)) != 0)
		return e;
	if ((e = collision(in, &t)) != 0) {
		if (e == TICKET_ECOLLISION && (e = sent_before(in, &t,
		    &p->message)) == 0)
			e = TICKET_ECOLLISION;
		return e;
	}
	customer = !strcmp(in->author_kind, "customer");
	staff_public = !strcmp(in->author_kind, "staff") && !in->internal;
	if (customer && (t.status == TICKET_CLOSED ||
	    (t.status == TICKET_RESOLVED && t.resolved &&
	    t.resolved_age > (int64_t)conf->ticket_reopen_days * 86400)))
		return TICKET_EEXPIRED;
	m = (struct message){ t.id, in->author_id, in->author_kind,
	    in->internal, in->body, in->source, in->mail_id,
	    in->author_email };
	if ((e = message_insert(&m, &p->message)) != DB_OK)
		return e;
	/* The files with their message: all of it, or none. */
	if ((e = attach_save(t.id, p->message, in->attach, in->nattach)) !=
	    DB_OK)
		return e;
	a[0] = DBI(p->message);
	a[1] = DBI(!in->internal);
	a[2] = DBI(!in->internal);
	a[3] = DBI(staff_public);
	a[4] = DBI(t.id);
	if ((e = db_exec(&q_after_message, NULL, NULL, 5, a)) != DB_OK)
		return e;
	changed = (to = status_after(in, &t)) >= 0 && to != t.status;
	if (changed && (e = status_change(&t, in->author_id, to)) != DB_OK)
		return e;
	if ((e = due_refresh(t.id, &moved)) != 0)
		return e;
	/*
	 * Internal notes are never mailed: no notice names one.  A note
	 * that sets a status still tells the customer the status, with no
	 * message (as a change from the status form does).
	 */
	if (in->internal)
		return changed ? notice(t.id, 0, "status") : 0;
	return notice(t.id, p->message, "reply");
}

int
ticket_post(const struct ticket_post *in, uint64_t *message)
{
	struct post	p;
	int		e;

	if (in->body == NULL || *in->body == '\0' || in->author_kind == NULL ||
	    in->set_status >= TICKET_STATUS__MAX)
		return TICKET_ESTATE;
	if (in->internal && strcmp(in->author_kind, "staff") != 0)
		return TICKET_ESTATE;
	memset(&p, 0, sizeof(p));
	p.in = in;
	e = reindexed(db_tx(post_tx, &p), in->ticket_id);
	if ((e == 0 || e == TICKET_EDUPLICATE) && message != NULL)
		*message = p.message;
	return e;
}

/* ---- staff's changes ---- */

struct change {
	unsigned	 id, actor, value;
	const char	*comment;
};

static int
status_tx(void *arg)
{
	struct change	*c = arg;
	struct locked	 t;
	int		 e;

	if ((e = lock_ticket(c->id, false, &t)) != 0)
		return e;
	if (t.status == (int)c->value)
		return 0;
	if ((e = status_change(&t, c->actor, c->value)) != 0 ||
	    (e = due_refresh(t.id, NULL)) != 0)
		return e;
	return notice(t.id, 0, "status");
}

int
ticket_set_status(unsigned id, unsigned actor, enum ticket_status s)
{
	struct change	c = { id, actor, (unsigned)s, NULL };

	if ((unsigned)s >= TICKET_STATUS__MAX)
		return TICKET_ESTATE;
	return reindexed(db_tx(status_tx, &c), id);
}

static int
priority_tx(void *arg)
{
	struct change	*c = arg;
	struct locked	 t;
	struct dbarg	 a[3];
	unsigned	 policy;
	bool		 moved;
	int		 e;

	if ((e = lock_ticket(c->id, false, &t)) != 0)
		return e;
	if (t.priority == (int)c->value)
		return 0;
	if ((e = policy_id(t.account, c->value, &policy)) != 0)
		return e;
	a[0] = DBS(ticket_priorities[c->value]);
	a[1] = DBI(policy);
	a[2] = DBI(t.id);
	if ((e = db_exec(&q_set_priority, NULL, NULL, 3, a)) != DB_OK ||
	    (e = event(t.id, c->actor, "priority",
	    ticket_priorities[t.priority], ticket_priorities[c->value])) != 0 ||
	    (e = due_refresh(t.id, &moved)) != 0)
		return e;
	return moved ? notice(t.id, 0, "due") : 0;
}

int
ticket_set_priority(unsigned id, unsigned actor, enum ticket_priority p)
{
	struct change	c = { id, actor, (unsigned)p, NULL };

	if ((unsigned)p >= TICKET_PRIORITY__MAX)
		return TICKET_ESTATE;
	return reindexed(db_tx(priority_tx, &c), id);
}

static int
department_tx(void *arg)
{
	struct change	*c = arg;
	struct locked	 t;
	struct dbres	*res = NULL;
	struct dbarg	 a[2];
	char		 from[16], to[16];
	bool		 moved;
	int		 e;
	size_t		 n;

	if ((e = lock_ticket(c->id, false, &t)) != 0)
		return e;
	if (t.department == c->value)
		return 0;
	a[0] = DBI(c->value);
	if ((e = db_query(&q_department, &res, 1, a)) != DB_OK)
		return e;
	n = res->nrows;
	dbres_free(res);
	if (n == 0)
		return TICKET_EPOLICY;
	a[0] = DBI(c->value);
	a[1] = DBI(t.id);
	snprintf(from, sizeof(from), "%u", t.department);
	snprintf(to, sizeof(to), "%u", c->value);
	if ((e = db_exec(&q_set_department, NULL, NULL, 2, a)) != DB_OK ||
	    (e = event(t.id, c->actor, "department", from, to)) != 0 ||
	    (e = due_refresh(t.id, &moved)) != 0)
		return e;
	return moved ? notice(t.id, 0, "due") : 0;
}

int
ticket_set_department(unsigned id, unsigned actor, unsigned department)
{
	struct change	c = { id, actor, department, NULL };

	return reindexed(db_tx(department_tx, &c), id);
}

static int
assign_tx(void *arg)
{
	struct change	*c = arg;
	struct locked	 t;
	struct dbres	*res = NULL;
	struct dbarg	 a[2];
	char		 from[16], to[16];
	size_t		 n;
	int		 e;

	if ((e = lock_ticket(c->id, false, &t)) != 0)
		return e;
	if (t.assignee == c->value)
		return 0;
	if (c->value != 0) {
		a[0] = DBI(c->value);
		if ((e = db_query(&q_staff_user, &res, 1, a)) != DB_OK)
			return e;
		n = res->nrows;
		dbres_free(res);
		if (n == 0)
			return TICKET_ESTATE;
	}
	a[0] = c->value != 0 ? DBI(c->value) : DBNULL;
	a[1] = DBI(t.id);
	snprintf(from, sizeof(from), "%u", t.assignee);
	snprintf(to, sizeof(to), "%u", c->value);
	if ((e = db_exec(&q_assign, NULL, NULL, 2, a)) != DB_OK)
		return e;
	return event(t.id, c->actor, "assignee", t.assignee != 0 ? from : "",
	    c->value != 0 ? to : "");
}

/* Assign ticket id to staff user assignee (0: nobody). */
int
ticket_assign(unsigned id, unsigned actor, unsigned assignee)
{
	struct change	c = { id, actor, assignee, NULL };

	return db_tx(assign_tx, &c);
}

static int
rate_tx(void *arg)
{
	struct change	*c = arg;
	struct locked	 t;
	struct dbarg	 a[4];
	uint64_t	 n = 0;
	char		 to[4];
	int		 e;

	if ((e = lock_ticket(c->id, false, &t)) != 0)
		return e;
	a[0] = DBI(c->value);
	a[1] = c->comment != NULL && *c->comment != '\0' ? DBS(c->comment) :
	    DBNULL;
	a[2] = DBI(t.id);
	a[3] = DBI(c->actor);
	if ((e = db_exec(&q_rate, &n, NULL, 4, a)) != DB_OK)
		return e;
	if (n == 0)
		return TICKET_ESTATE;
	snprintf(to, sizeof(to), "%u", c->value);
	return event(t.id, c->actor, "rating", "", to);
}

/*
 * The requester's one rating (1-5, and a comment) of a resolved or
 * closed ticket; TICKET_ESTATE if rated already, not theirs to rate or
 * not resolved.
 */
int
ticket_rate(unsigned id, unsigned user, unsigned rating, const char *comment)
{
	struct change	c = { id, user, rating, comment };

	if (rating < 1 || rating > 5)
		return TICKET_ESTATE;
	return db_tx(rate_tx, &c);
}

/* May ticket from merge into ticket into (q_merge_audience)?  0,
 * TICKET_EAUDIENCE or a dberr. */
static int
merge_audience(unsigned from, unsigned into)
{
	struct dbres	*res;
	struct dbarg	 a[5];
	unsigned long	 n;
	int		 e;

	a[0] = DBI(into);
	a[1] = DBI(from);
	a[2] = DBS(conf->ticket_roles);
	a[3] = DBS(conf->ticket_roles);
	a[4] = DBS(conf->ticket_roles);
	if ((e = db_query(&q_merge_audience, &res, 5, a)) != DB_OK)
		return e;
	n = strtoul(dbres_get(res, 0, MA_N), NULL, 10);
	dbres_free(res);
	return n == 0 ? 0 : TICKET_EAUDIENCE;
}

static int
merge_tx(void *arg)
{
	struct change	*c = arg;
	struct locked	 from, into;
	struct dbres	*res = NULL;
	struct dbarg	 a[3];
	uint64_t	 last, pub;
	int		 e;

	/* Lock in id order: two merges cannot wait on each other. */
	if (c->id < c->value) {
		if ((e = lock_ticket(c->id, false, &from)) != 0 ||
		    (e = lock_ticket(c->value, false, &into)) != 0)
			return e;
	} else if ((e = lock_ticket(c->value, false, &into)) != 0 ||
	    (e = lock_ticket(c->id, false, &from)) != 0)
		return e;
	if (from.account != into.account)
		return TICKET_ESTATE;
	if ((e = merge_audience(from.id, into.id)) != 0)
		return e;
	a[0] = DBI(into.id);
	a[1] = DBI(from.id);
	if ((e = db_exec(&q_merge_move, NULL, NULL, 2, a)) != DB_OK ||
	    (e = db_exec(&q_merge_files, NULL, NULL, 2, a)) != DB_OK)
		return e;
	a[0] = DBI(into.id);
	a[1] = DBI(from.id);
	if ((e = db_exec(&q_merged, NULL, NULL, 2, a)) != DB_OK)
		return e;
	a[0] = DBI(into.id);
	if ((e = db_query(&q_merge_count, &res, 1, a)) != DB_OK)
		return e;
	last = (uint64_t)strtoull(dbres_get(res, 0, MC_LAST), NULL, 10);
	pub = (uint64_t)strtoull(dbres_get(res, 0, MC_PUBLIC), NULL, 10);
	dbres_free(res);
	a[0] = DBI(last);
	a[1] = DBI(pub);
	a[2] = DBI(into.id);
	if ((e = db_exec(&q_merge_into, NULL, NULL, 3, a)) != DB_OK)
		return e;
	if ((e = event(from.id, c->actor, "merge", "", "into")) != 0 ||
	    (e = event(into.id, c->actor, "merge", "", "from")) != 0 ||
	    (e = due_refresh(into.id, NULL)) != 0)
		return e;
	return notice(from.id, 0, "merged");
}

/*
 * Merge ticket id (a duplicate) into ticket into, of the same account:
 * its messages and attachments move over, it is closed and points to
 * into (a read of it finds into).
 */
int
ticket_merge(unsigned id, unsigned actor, unsigned into)
{
	struct change	c = { id, actor, into, NULL };

	if (id == into)
		return TICKET_ESTATE;
	return reindexed(reindexed(db_tx(merge_tx, &c), id), into);
}

static int
refresh_tx(void *arg)
{
	unsigned	*id = arg;
	struct locked	 t;
	bool		 moved;
	int		 e;

	if ((e = lock_ticket(*id, false, &t)) != 0 ||
	    (e = due_refresh(t.id, &moved)) != 0)
		return e;
	return moved && t.status != TICKET_CLOSED ? notice(t.id, 0, "due") : 0;
}

/*
 * Recompute ticket id's due times, after its department's calendar or
 * its policy changed; the customer hears of a moved due time.
 */
int
ticket_due_refresh(unsigned id)
{
	return db_tx(refresh_tx, &id);
}
