/*
 * Tickets for the staff tests, made through the ticket model (src/ticket.c)
 * as a customer's would be, so their due times are derived as on the
 * site:
 *   ticket_seed -c CONF open EMAIL DEPARTMENT PRIORITY SUBJECT BODY
 *	prints "ID REF" of a new ticket of EMAIL's account
 *   ticket_seed -c CONF reply REF EMAIL BODY
 *	the customer EMAIL replies; prints the message's id
 *   ticket_seed -c CONF status REF STATUS
 *	sets the status (as the system); prints nothing
 * Exits 0, or 1 with the error on standard error.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "portico.h"

enum { U_ID, U_ACCOUNT, U__MAX };
static struct dbstmt q_user = DBSTMT_COLS(
    "SELECT id, account_id FROM users WHERE email = ?", U__MAX);
enum { D_ID, D__MAX };
static struct dbstmt q_department = DBSTMT_COLS(
    "SELECT id FROM departments WHERE slug = ?", D__MAX);
enum { T_ID, T__MAX };
static struct dbstmt q_ticket = DBSTMT_COLS(
    "SELECT id FROM tickets WHERE ref = ?", T__MAX);

/* The id (every statement's first column) of st's one row for the
 * argument s, or 0; *second the user's account when asked for. */
static unsigned
lookup(struct dbstmt *st, const char *s, unsigned *second)
{
	struct dbres	*res = NULL;
	struct dbarg	 a[1] = { DBS(s) };
	unsigned	 v = 0;

	if (db_query(st, &res, 1, a) == DB_OK && res->nrows == 1) {
		v = (unsigned)strtoul(dbres_get(res, 0, U_ID), NULL, 10);
		if (second != NULL && dbres_get(res, 0, U_ACCOUNT) != NULL)
			*second = (unsigned)strtoul(dbres_get(res, 0,
			    U_ACCOUNT), NULL, 10);
	}
	dbres_free(res);
	return v;
}

static int
seed_open(char **argv)
{
	struct ticket_new	 t;
	char			 ref[TICKET_REF_LEN + 1];
	unsigned		 id, account = 0;
	int			 e;

	memset(&t, 0, sizeof(t));
	t.requester_id = lookup(&q_user, argv[0], &account);
	t.account_id = account;
	t.department_id = lookup(&q_department, argv[1], NULL);
	t.priority = ticket_priority_of(argv[2]);
	t.subject = argv[3];
	t.body = argv[4];
	t.lang = "en";
	t.source = "web";
	if (t.requester_id == 0 || account == 0 || t.department_id == 0 ||
	    (int)t.priority < 0) {
		fprintf(stderr, "ticket_seed: no such user, account, "
		    "department or priority\n");
		return 1;
	}
	if ((e = ticket_create(&t, &id, NULL, ref)) != 0) {
		fprintf(stderr, "ticket_seed: ticket_create: %d\n", e);
		return 1;
	}
	printf("%u %s\n", id, ref);
	return 0;
}

static int
seed_reply(char **argv)
{
	struct ticket_post	 p;
	uint64_t		 mid;
	int			 e;

	memset(&p, 0, sizeof(p));
	p.ticket_id = lookup(&q_ticket, argv[0], NULL);
	p.author_id = lookup(&q_user, argv[1], NULL);
	p.author_kind = "customer";
	p.body = argv[2];
	p.source = "web";
	p.set_status = -1;
	if (p.ticket_id == 0 || p.author_id == 0) {
		fprintf(stderr, "ticket_seed: no such ticket or user\n");
		return 1;
	}
	if ((e = ticket_post(&p, &mid)) != 0) {
		fprintf(stderr, "ticket_seed: ticket_post: %d\n", e);
		return 1;
	}
	printf("%llu\n", (unsigned long long)mid);
	return 0;
}

static int
seed_status(char **argv)
{
	unsigned	id = lookup(&q_ticket, argv[0], NULL);
	int		s = ticket_status_of(argv[1]), e;

	if (id == 0 || s < 0) {
		fprintf(stderr, "ticket_seed: no such ticket or status\n");
		return 1;
	}
	if ((e = ticket_set_status(id, 0, (enum ticket_status)s)) != 0) {
		fprintf(stderr, "ticket_seed: ticket_set_status: %d\n", e);
		return 1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	const char	*path = PORTICO_SYSCONFDIR "/portico.conf";
	char		 err[256];
	int		 ch;

	while ((ch = getopt(argc, argv, "c:")) != -1)
		if (ch == 'c')
			path = optarg;
	argc -= optind;
	argv += optind;
	log_init("ticket_seed");
	conf = xcalloc(1, sizeof(*conf));
	if (conf_load(path, conf, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	if (argc == 6 && !strcmp(argv[0], "open"))
		return seed_open(argv + 1);
	if (argc == 4 && !strcmp(argv[0], "reply"))
		return seed_reply(argv + 1);
	if (argc == 3 && !strcmp(argv[0], "status"))
		return seed_status(argv + 1);
	fprintf(stderr, "usage: ticket_seed -c CONF open EMAIL DEPARTMENT "
	    "PRIORITY SUBJECT BODY | reply REF EMAIL BODY | status REF "
	    "STATUS\n");
	return 1;
}
