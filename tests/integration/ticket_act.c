/*
 * What staff do to a ticket, through the ticket model (src/ticket.c),
 * for the customer pages' tests (t200-tickets.sh) to see its effects
 * without the staff queue:
 *
 *	ticket_act -c CONF REF reply TEXT	a staff member's public reply
 *	ticket_act -c CONF REF note TEXT	an internal note
 *	ticket_act -c CONF REF status STATUS	new open waiting resolved closed
 *	ticket_act -c CONF REF merge INTO	merge it into ticket INTO
 *
 * The staff member is the first agent or admin.  Prints the new
 * message's id for reply and note.  Exits 0, or 1 with the error.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "portico.h"

enum { ID_ID, ID__MAX };
static struct dbstmt q_ticket = DBSTMT_COLS(
    "SELECT id FROM tickets WHERE ref = ?", ID__MAX);
static struct dbstmt q_staff = DBSTMT_COLS(
    "SELECT id FROM users WHERE portal_role IN ('agent', 'admin') "
    "ORDER BY id LIMIT 1", ID__MAX);

static unsigned
one_id(struct dbstmt *st, size_t n, const struct dbarg *a)
{
	struct dbres	*res;
	unsigned	 id = 0;

	if (db_query(st, &res, n, a) != DB_OK)
		return 0;
	if (res->nrows == 1)
		id = (unsigned)strtoul(dbres_get(res, 0, ID_ID), NULL, 10);
	dbres_free(res);
	return id;
}

static int
post(unsigned ticket, unsigned staff, const char *text, bool internal)
{
	struct ticket_post	p;
	uint64_t		msg;
	int			e;

	memset(&p, 0, sizeof(p));
	p.ticket_id = ticket;
	p.author_id = staff;
	p.author_kind = "staff";
	p.internal = internal;
	p.body = text;
	p.source = "web";
	p.set_status = -1;
	if ((e = ticket_post(&p, &msg)) != 0)
		return e;
	printf("%llu\n", (unsigned long long)msg);
	return 0;
}

int
main(int argc, char *argv[])
{
	char		 err[256];
	const char	*path = PORTICO_SYSCONFDIR "/portico.conf";
	struct dbarg	 a[1];
	unsigned	 ticket, staff, into;
	int		 ch, e, st;

	while ((ch = getopt(argc, argv, "c:")) != -1)
		if (ch == 'c')
			path = optarg;
	argc -= optind;
	argv += optind;
	if (argc != 3) {
		fprintf(stderr, "usage: ticket_act -c CONF REF "
		    "reply|note|status|merge ARG\n");
		return 1;
	}
	log_init("ticket_act");
	conf = xcalloc(1, sizeof(*conf));
	if (conf_load(path, conf, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	a[0] = DBS(argv[0]);
	if ((ticket = one_id(&q_ticket, 1, a)) == 0 ||
	    (staff = one_id(&q_staff, 0, NULL)) == 0) {
		fprintf(stderr, "ticket_act: no ticket %s, or no staff\n",
		    argv[0]);
		return 1;
	}
	if (!strcmp(argv[1], "reply") || !strcmp(argv[1], "note"))
		e = post(ticket, staff, argv[2], !strcmp(argv[1], "note"));
	else if (!strcmp(argv[1], "status") &&
	    (st = ticket_status_of(argv[2])) >= 0)
		e = ticket_set_status(ticket, staff, (enum ticket_status)st);
	else if (!strcmp(argv[1], "merge")) {
		a[0] = DBS(argv[2]);
		if ((into = one_id(&q_ticket, 1, a)) == 0) {
			fprintf(stderr, "ticket_act: no ticket %s\n", argv[2]);
			return 1;
		}
		e = ticket_merge(ticket, staff, into);
	} else {
		fprintf(stderr, "ticket_act: unknown action %s %s\n", argv[1],
		    argv[2]);
		return 1;
	}
	if (e != 0) {
		fprintf(stderr, "ticket_act: %s: error %d\n", argv[1], e);
		return 1;
	}
	return 0;
}
