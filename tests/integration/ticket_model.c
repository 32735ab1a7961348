/*
 * The ticket model (src/ticket.c) against the instance's database: its
 * statuses, pauses and due times (checked against the service-level
 * clock computed here independently), the collision check (two
 * processes answering the same thread at once: exactly one is saved),
 * reopening, expiry, rating, merging, assignment, the notices outbox,
 * and the access rule for one ticket and for lists, which must agree.
 *
 * Run by t190-ticket-model.sh: ticket_model -c STATE/portico.conf.
 * It makes its own two accounts, so it leaves the demo data alone.
 */
#include "config.h"

#include <sys/wait.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "portico.h"
#include "../unit/tap.h"

static struct dbstmt q_account = DBSTMT(
    "INSERT INTO accounts (number, name) VALUES (?, ?)");
static struct dbstmt q_user = DBSTMT(
    "INSERT INTO users (email, name, status, account_id, account_role) "
    "VALUES (?, ?, 'active', ?, ?)");
static struct dbstmt q_staff = DBSTMT(
    "INSERT INTO users (email, name, status, portal_role) "
    "VALUES (?, ?, 'active', 'agent')");
enum {
	T_STATUS, T_FIRST_DUE, T_RES_DUE, T_NEXT_DUE, T_FIRST_AT, T_CREATED,
	T_LAST, T_PUBLIC, T_REF, T_RESOLVED, T_MERGED, T_RATING, T_PRIORITY,
	T_POLICY, T_WAITING, T__MAX
};
static struct dbstmt q_ticket = DBSTMT_COLS(
    "SELECT status, " SQL_EPOCH("first_response_due") ", "
    SQL_EPOCH("resolution_due") ", " SQL_EPOCH("next_due") ", "
    "first_response_at, " SQL_EPOCH("created_at") ", last_message_id, "
    "public_messages, ref, resolved_at, merged_into, rating, priority, "
    "policy_id, waiting_since FROM tickets WHERE id = ?", T__MAX);
static struct dbstmt q_calendar = DBSTMT_COLS(
    "SELECT d.calendar, p.first_response_min, p.resolution_min "
    "FROM tickets t JOIN departments d ON d.id = t.department_id "
    "JOIN sla_policies p ON p.id = t.policy_id WHERE t.id = ?", 3);
static struct dbstmt q_count_messages = DBSTMT_COLS(
    "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ?", 1);
static struct dbstmt q_count_notices = DBSTMT_COLS(
    "SELECT COUNT(*) FROM ticket_notices WHERE ticket_id = ? AND kind = ?",
    1);
static struct dbstmt q_count_events = DBSTMT_COLS(
    "SELECT COUNT(*) FROM ticket_events WHERE ticket_id = ? AND kind = ?",
    1);
static struct dbstmt q_open_pauses = DBSTMT_COLS(
    "SELECT COUNT(*) FROM ticket_pauses WHERE ticket_id = ? "
    "AND ended_at IS NULL", 1);
/* This connection's clock (NOW()) set, and back to the real one. */
static struct dbstmt q_set_clock = DBSTMT("SET SESSION timestamp = ?");
static struct dbstmt q_real_clock = DBSTMT("SET SESSION timestamp = DEFAULT");
static struct dbstmt q_age_resolved = DBSTMT(
    "UPDATE tickets SET resolved_at = NOW() - INTERVAL ? DAY WHERE id = ?");
static struct dbstmt q_department_id = DBSTMT_COLS(
    "SELECT id, account_roles FROM departments WHERE slug = ?", 2);
static struct dbstmt q_list = DBSTMT_COLS(
    "SELECT t.id FROM tickets t JOIN departments d ON d.id = t.department_id "
    "WHERE t.account_id IN (?, ?) AND " TICKET_ACCESS_SQL " ORDER BY t.id",
    1);

static char	 tag[32];

static const char *
cell(struct dbstmt *s, size_t n, struct dbarg *a, size_t col)
{
	static char	 out[8][512];
	static int	 k;
	struct dbres	*res = NULL;
	char		*o = out[k++ % 8];

	*o = '\0';
	if (db_query(s, &res, n, a) == DB_OK && res->nrows > 0)
		snprintf(o, sizeof(out[0]), "%s", dbres_get(res, 0, col));
	dbres_free(res);
	return o;
}

static const char *
tcol(unsigned id, size_t col)
{
	struct dbarg	a[1] = { DBI(id) };

	return cell(&q_ticket, 1, a, col);
}

static long long
count2(struct dbstmt *s, unsigned id, const char *kind)
{
	struct dbarg	a[2] = { DBI(id), DBS(kind) };

	return atoll(cell(s, kind != NULL ? 2 : 1, a, 0));
}

static unsigned
new_user(const char *name, unsigned account, const char *role)
{
	struct dbarg	a[4];
	uint64_t	id = 0;
	char		email[100];

	snprintf(email, sizeof(email), "%s-%s@model.example", name, tag);
	a[0] = DBS(email);
	a[1] = DBS(name);
	if (account == 0)
		return db_exec(&q_staff, NULL, &id, 2, a) == DB_OK ?
		    (unsigned)id : 0;
	a[2] = DBI(account);
	a[3] = DBS(role);
	return db_exec(&q_user, NULL, &id, 4, a) == DB_OK ? (unsigned)id : 0;
}

static unsigned
new_account(const char *name)
{
	struct dbarg	a[2];
	uint64_t	id = 0;
	char		number[64];

	snprintf(number, sizeof(number), "TM%s%c", tag, name[0]);
	a[0] = DBS(number);
	a[1] = DBS(name);
	return db_exec(&q_account, NULL, &id, 2, a) == DB_OK ? (unsigned)id : 0;
}

/* The due time the clock gives for ticket id's target col (1: first
 * response, 2: resolution), with no pauses; 0 on error. */
static int64_t
expected_due(unsigned id, size_t col)
{
	struct dbres		*res = NULL;
	struct dbarg		 a[1] = { DBI(id) };
	struct sla_calendar	*cal;
	struct arena		*ar = arena_new();
	char			 err[200];
	int64_t			 due = 0, created;

	created = atoll(tcol(id, T_CREATED));
	if (db_query(&q_calendar, &res, 1, a) == DB_OK && res->nrows == 1 &&
	    sla_parse(ar, dbres_get(res, 0, 0), &cal, err, sizeof(err)) == 0 &&
	    sla_due(cal, created, atol(dbres_get(res, 0, col)), NULL, 0,
	    &due) != SLA_OK)
		due = 0;
	dbres_free(res);
	arena_free(ar);
	return due;
}

static struct ticket_post
post_as(unsigned ticket, unsigned author, const char *kind, const char *body)
{
	struct ticket_post	p;

	memset(&p, 0, sizeof(p));
	p.ticket_id = ticket;
	p.author_id = author;
	p.author_kind = kind;
	p.body = body;
	p.source = "web";
	p.set_status = -1;
	return p;
}

static unsigned
department(const char *slug, char *roles, size_t len)
{
	struct dbarg	a[1] = { DBS(slug) };

	if (roles != NULL)
		snprintf(roles, len, "%s", cell(&q_department_id, 1, a, 1));
	return (unsigned)atoi(cell(&q_department_id, 1, a, 0));
}

static unsigned
open_ticket(unsigned account, unsigned user, unsigned dept,
    enum ticket_priority p, char ref[TICKET_REF_LEN + 1])
{
	struct ticket_new	n;
	unsigned		id = 0;
	uint64_t		msg;
	int			e;

	memset(&n, 0, sizeof(n));
	n.account_id = account;
	n.requester_id = user;
	n.department_id = dept;
	n.priority = p;
	n.subject = "Mail stopped after the DNS change";
	n.body = "Since this morning **no mail** arrives.";
	n.lang = "en";
	n.source = "web";
	e = ticket_create(&n, &id, &msg, ref);
	return e == 0 ? id : 0;
}

/* Two processes post to ticket id having both seen message last. */
static void
race(unsigned id, uint64_t last, unsigned author)
{
	pid_t		pid[2];
	int		i, st, saved = 0, collided = 0;

	db_disconnect();
	for (i = 0; i < 2; i++) {
		if ((pid[i] = fork()) == 0) {
			struct ticket_post p = post_as(id, author, "staff",
			    i == 0 ? "First agent's answer." :
			    "Second agent's answer.");

			int e;

			p.expect_last = last;
			e = ticket_post(&p, NULL);
			_exit(e == 0 ? 0 : e == TICKET_ECOLLISION ? 3 : 1);
		}
	}
	for (i = 0; i < 2; i++) {
		if (waitpid(pid[i], &st, 0) == -1 || !WIFEXITED(st))
			continue;
		if (WEXITSTATUS(st) == 0)
			saved++;
		else if (WEXITSTATUS(st) == 3)
			collided++;
	}
	ok(saved == 1 && collided == 1, "two agents answer the same thread at "
	    "once: one is saved, the other told (saved %d, told %d)", saved,
	    collided);
}

static bool
user_sees(unsigned user, unsigned account, const char *role, unsigned ticket,
    unsigned owner_account, unsigned requester, const char *roles,
    unsigned acc1, unsigned acc2)
{
	struct user	 u;
	struct req	 r;
	struct dbarg	 a[2 + TICKET_ACCESS_ARGS];
	struct dbres	*res = NULL;
	bool		 one, listed = false;
	size_t		 i;

	memset(&u, 0, sizeof(u));
	memset(&r, 0, sizeof(r));
	u.id = user;
	u.role = account != 0 ? ROLE_CUSTOMER : ROLE_AGENT;
	u.account_id = account;
	u.account_role = role;
	r.user = &u;
	one = ticket_access(&r, owner_account, requester, roles) == 0;
	a[0] = DBI(acc1);
	a[1] = DBI(acc2);
	ticket_access_args(&r, a + 2);
	if (db_query(&q_list, &res, 2 + TICKET_ACCESS_ARGS, a) == DB_OK)
		for (i = 0; i < res->nrows; i++)
			if ((unsigned)atoi(dbres_get(res, i, 0)) == ticket)
				listed = true;
	dbres_free(res);
	if (one != listed)
		ok(0, "the rule for one ticket and for lists disagree "
		    "(user %u, ticket %u)", user, ticket);
	return one;
}

int
main(int argc, char *argv[])
{
	char			 err[256], ref[TICKET_REF_LEN + 1], ref2[sizeof(ref)];
	char			 billing_roles[100], tech_roles[100];
	const char		*path = PORTICO_SYSCONFDIR "/portico.conf";
	unsigned		 acc, other, owner, member, biller, stranger;
	unsigned		 agent, tech, billing, t1, t2, t3, t4, t5, t6;
	struct ticket_post	 p;
	int64_t			 due, res_due;
	uint64_t		 msg, last;
	long long		 n;
	int			 ch;

	while ((ch = getopt(argc, argv, "c:")) != -1)
		if (ch == 'c')
			path = optarg;
	log_init("ticket_model");
	conf = xcalloc(1, sizeof(*conf));
	if (conf_load(path, conf, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	snprintf(tag, sizeof(tag), "%ld%d", (long)time(NULL) % 100000,
	    (int)getpid() % 1000);
	acc = new_account("Model Oy");
	other = new_account("Other Ltd");
	owner = new_user("owner", acc, "owner");
	member = new_user("member", acc, "member");
	biller = new_user("biller", acc, "billing");
	stranger = new_user("stranger", other, "owner");
	agent = new_user("agent", 0, NULL);
	tech = department("technical", tech_roles, sizeof(tech_roles));
	billing = department("billing", billing_roles, sizeof(billing_roles));
	if (!ok(acc && other && owner && member && biller && stranger &&
	    agent && tech && billing, "the test's accounts, users and the "
	    "departments exist"))
		return tap_done();

	/* Opening. */
	t1 = open_ticket(acc, member, tech, TICKET_NORMAL, ref);
	ok(t1 != 0 && valid_ticket_ref(ref, strlen(ref)) &&
	    !strcmp(tcol(t1, T_REF), ref), "a ticket opens with a reference "
	    "(%s)", ref);
	ok(!strcmp(tcol(t1, T_STATUS), "new"), "a new ticket is new");
	due = expected_due(t1, 1);
	ok(due != 0 && atoll(tcol(t1, T_FIRST_DUE)) == due,
	    "its first-response due time is the clock's (%lld, %s)",
	    (long long)due, tcol(t1, T_FIRST_DUE));
	res_due = expected_due(t1, 2);
	ok(res_due != 0 && atoll(tcol(t1, T_RES_DUE)) == res_due,
	    "its resolution due time is the clock's");
	ok(atoll(tcol(t1, T_NEXT_DUE)) == due, "the queue's next due time is "
	    "the first response's");
	ok(count2(&q_count_notices, t1, "created") == 1, "a notice of the new "
	    "ticket is queued with it");
	ok(open_ticket(acc, member, 999, TICKET_NORMAL, ref2) == 0,
	    "no ticket opens for a department that does not exist");

	/* The customer adds to a new ticket: it stays new. */
	p = post_as(t1, member, "customer", "One more detail.");
	ok(ticket_post(&p, &msg) == 0 && !strcmp(tcol(t1, T_STATUS), "new"),
	    "the customer's addition leaves a new ticket new");
	/* An internal note: no status change, no notice, not public. */
	n = count2(&q_count_notices, t1, "reply");
	p = post_as(t1, agent, "staff", "Internal: check the MX record.");
	p.internal = true;
	ok(ticket_post(&p, &msg) == 0 && !strcmp(tcol(t1, T_STATUS), "new") &&
	    count2(&q_count_notices, t1, "reply") == n &&
	    atoi(tcol(t1, T_PUBLIC)) == 2 && *tcol(t1, T_FIRST_AT) == '\0',
	    "an internal note changes no status, queues no mail, is not "
	    "public and is no first response");
	p = post_as(t1, member, "customer", "A customer cannot write a note.");
	p.internal = true;
	ok(ticket_post(&p, NULL) == TICKET_ESTATE, "a customer's message "
	    "cannot be an internal note");

	/* Staff answers: waiting on the customer, the clock pauses. */
	last = strtoull(tcol(t1, T_LAST), NULL, 10);
	race(t1, last, agent);
	ok(!strcmp(tcol(t1, T_STATUS), "waiting") &&
	    *tcol(t1, T_FIRST_AT) != '\0' && *tcol(t1, T_WAITING) != '\0',
	    "staff's answer is the first response and waits on the customer");
	ok(count2(&q_open_pauses, t1, NULL) == 1 &&
	    *tcol(t1, T_NEXT_DUE) == '\0', "while it waits the clock is "
	    "paused: no next due time");
	ok(count2(&q_count_notices, t1, "reply") == n + 1, "one reply notice "
	    "for the one saved answer");
	p = post_as(t1, agent, "staff", "Stale answer.");
	p.expect_last = last;
	ok(ticket_post(&p, NULL) == TICKET_ECOLLISION, "an answer written "
	    "before the last message is refused, not saved");

	/* The customer answers: open again, the pause ends. */
	sleep(1);
	p = post_as(t1, member, "customer", "Thanks, here is the header.");
	ok(ticket_post(&p, NULL) == 0 && !strcmp(tcol(t1, T_STATUS), "open") &&
	    count2(&q_open_pauses, t1, NULL) == 0 &&
	    *tcol(t1, T_WAITING) == '\0', "the customer's answer opens it "
	    "and ends the pause");
	ok(atoll(tcol(t1, T_RES_DUE)) >= res_due && *tcol(t1, T_NEXT_DUE) !=
	    '\0', "the resolution due time did not move earlier, and the "
	    "clock runs again");

	/* Resolve, reopen within the period, rate once. */
	ok(ticket_set_status(t1, agent, TICKET_RESOLVED) == 0 &&
	    !strcmp(tcol(t1, T_STATUS), "resolved") &&
	    *tcol(t1, T_RESOLVED) != '\0', "staff resolve it");
	ok(ticket_rate(t1, stranger, 5, NULL) == TICKET_ESTATE &&
	    ticket_rate(t1, owner, 5, NULL) == TICKET_ESTATE,
	    "only its requester may rate it");
	ok(ticket_rate(t1, member, 9, NULL) == TICKET_ESTATE, "a rating is "
	    "1 to 5");
	ok(ticket_rate(t1, member, 4, "Quick.") == 0 &&
	    atoi(tcol(t1, T_RATING)) == 4, "the requester rates it");
	ok(ticket_rate(t1, member, 1, "Changed my mind") == TICKET_ESTATE &&
	    atoi(tcol(t1, T_RATING)) == 4, "a second rating is refused");
	p = post_as(t1, member, "customer", "It broke again.");
	ok(ticket_post(&p, NULL) == 0 && !strcmp(tcol(t1, T_STATUS), "open") &&
	    *tcol(t1, T_RESOLVED) == '\0' &&
	    count2(&q_count_events, t1, "reopen") == 1,
	    "a reply within the reopen period reopens it");
	ok(ticket_set_status(t1, agent, TICKET_RESOLVED) == 0, "resolved "
	    "again");
	{
		struct dbarg a[2] = { DBI(conf->ticket_reopen_days + 1),
		    DBI(t1) };

		db_exec(&q_age_resolved, NULL, NULL, 2, a);
	}
	n = count2(&q_count_messages, t1, NULL);
	p = post_as(t1, member, "customer", "Late reply.");
	ok(ticket_post(&p, NULL) == TICKET_EEXPIRED &&
	    count2(&q_count_messages, t1, NULL) == n, "after the reopen "
	    "period a reply is refused (a new linked ticket is the page's "
	    "answer) and nothing is stored");
	ok(ticket_set_status(t1, agent, TICKET_CLOSED) == 0, "closed");
	p = post_as(t1, member, "customer", "Reply to a closed ticket.");
	ok(ticket_post(&p, NULL) == TICKET_EEXPIRED, "a closed ticket takes no "
	    "customer reply");

	/* Priority: another policy, due times recomputed, a notice. */
	t2 = open_ticket(acc, owner, billing, TICKET_LOW, ref2);
	due = atoll(tcol(t2, T_FIRST_DUE));
	ok(t2 != 0 && ticket_set_priority(t2, agent, TICKET_URGENT) == 0 &&
	    !strcmp(tcol(t2, T_PRIORITY), "urgent") &&
	    atoll(tcol(t2, T_FIRST_DUE)) < due &&
	    atoll(tcol(t2, T_FIRST_DUE)) == expected_due(t2, 1),
	    "raising the priority takes the urgent policy's shorter target");
	ok(count2(&q_count_notices, t2, "due") == 1, "and the customer hears "
	    "of the new due time");
	ok(ticket_assign(t2, agent, member) == TICKET_ESTATE,
	    "a ticket cannot be assigned to a customer");
	ok(ticket_assign(t2, agent, agent) == 0 &&
	    count2(&q_count_events, t2, "assignee") == 1, "it is assigned to "
	    "an agent, and the event recorded");

	/* Who sees what, one ticket and lists alike. */
	t3 = open_ticket(other, stranger, tech, TICKET_NORMAL, ref2);
	ok(user_sees(member, acc, "member", t1, acc, member, tech_roles, acc,
	    other), "the requester sees their ticket");
	ok(!user_sees(member, acc, "member", t2, acc, owner, billing_roles, acc,
	    other), "a member does not see another member's ticket");
	ok(user_sees(owner, acc, "owner", t1, acc, member, tech_roles, acc,
	    other), "the account owner sees every ticket of the account");
	ok(user_sees(biller, acc, "billing", t2, acc, owner, billing_roles, acc,
	    other), "the billing role sees the Billing department's tickets");
	ok(!user_sees(biller, acc, "billing", t1, acc, member, tech_roles, acc,
	    other), "but not the Technical department's");
	ok(!user_sees(stranger, other, "owner", t1, acc, member, tech_roles,
	    acc, other), "another account's owner does not see it");
	ok(!user_sees(owner, acc, "owner", t3, other, stranger, tech_roles,
	    acc, other), "nor does this owner see theirs");
	ok(user_sees(agent, 0, NULL, t3, other, stranger, tech_roles, acc,
	    other), "staff see every ticket");

	/* Merging. */
	t4 = open_ticket(acc, owner, tech, TICKET_NORMAL, ref2);
	ok(ticket_merge(t4, agent, t3) == TICKET_ESTATE, "a ticket does not "
	    "merge into another account's");
	ok(ticket_merge(t4, agent, t4) == TICKET_ESTATE, "nor into itself");
	n = count2(&q_count_messages, t2, NULL);
	ok(ticket_merge(t4, agent, t2) == TICKET_EAUDIENCE &&
	    count2(&q_count_messages, t2, NULL) == n &&
	    *tcol(t4, T_MERGED) == '\0', "nor into a Billing ticket: the "
	    "billing member would read the owner's Technical messages");
	ok(ticket_merge(t2, agent, t1) == TICKET_EAUDIENCE, "nor the owner's "
	    "Billing ticket into a member's, who would read it");
	t5 = open_ticket(acc, owner, tech, TICKET_NORMAL, ref2);
	n = count2(&q_count_messages, t5, NULL);
	ok(ticket_merge(t4, agent, t5) == 0 &&
	    atoi(tcol(t4, T_MERGED)) == (int)t5 &&
	    count2(&q_count_messages, t5, NULL) == n + 1 &&
	    count2(&q_count_messages, t4, NULL) == 0 &&
	    strtoull(tcol(t5, T_LAST), NULL, 10) > 0, "a duplicate merges: "
	    "its messages move to the other ticket");
	p = post_as(t4, owner, "customer", "Reply to the merged one.");
	ok(ticket_post(&p, &msg) == 0 &&
	    strtoull(tcol(t5, T_LAST), NULL, 10) == msg, "a reply to the "
	    "merged ticket lands in the one it was merged into");
	ok(ticket_set_status(t4, agent, TICKET_OPEN) == TICKET_ENOENT,
	    "a merged ticket itself cannot be changed");

	/*
	 * Due past 2038-01-19 03:14:07 UTC (a 32-bit time_t's end): the
	 * database's clock set to an hour before it (MariaDB 10.11's own
	 * clock ends there), a ticket opens, and its due times, after the
	 * end, are written and read as 64-bit seconds.  UNIX_TIMESTAMP()
	 * and FROM_UNIXTIME() answer NULL for them on MariaDB 10.11.
	 */
	{
		const int64_t	 end32 = 2147483647, before = end32 - 3600;
		struct dbarg	 c[1] = { DBI(before) };
		int64_t		 created;

		ok(db_exec(&q_set_clock, NULL, NULL, 1, c) == DB_OK,
		    "the connection's clock is set to 2038-01-19 02:14 UTC");
		t6 = open_ticket(acc, owner, tech, TICKET_NORMAL, ref2);
		created = atoll(tcol(t6, T_CREATED));
		due = expected_due(t6, 1);
		ok(t6 != 0 && created >= before && created < end32,
		    "a ticket opens then (%s)", tcol(t6, T_CREATED));
		ok(due > end32 && atoll(tcol(t6, T_FIRST_DUE)) == due &&
		    atoll(tcol(t6, T_NEXT_DUE)) == due &&
		    atoll(tcol(t6, T_RES_DUE)) > due,
		    "its due times, past 32 bits, are the clock's "
		    "(%lld, %s)", (long long)due, tcol(t6, T_FIRST_DUE));
		ok(ticket_set_status(t6, agent, TICKET_CLOSED) == 0,
		    "and it closes");
		ok(db_exec(&q_real_clock, NULL, NULL, 0, NULL) == DB_OK,
		    "the connection's clock is the real one again");
	}
	return tap_done();
}
