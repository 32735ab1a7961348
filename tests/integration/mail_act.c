/*
 * Staff's changes to a ticket, for the mail tests (t240-t242), through
 * the ticket model as the staff pages make them:
 *
 *   mail_act -c CONF create CUSTOMER_EMAIL DEPARTMENT SUBJECT BODY
 *   mail_act -c CONF reply TICKET_ID AGENT_EMAIL BODY   (public)
 *   mail_act -c CONF note TICKET_ID AGENT_EMAIL BODY [STATUS]
 *                                    (internal; STATUS set with it)
 *   mail_act -c CONF status TICKET_ID STATUS
 *   mail_act -c CONF merge FROM_ID INTO_ID AGENT_EMAIL
 *
 * Prints the new ticket's id (create, as the web form opens one) or the
 * new message's id (reply, note).  Exit status 0, or 1 with
 * the model's error code.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "portico.h"

enum { CUST_ID, CUST_ACCOUNT, CUST_LANG, CUST__MAX };
static struct dbstmt q_customer = DBSTMT_COLS(
    "SELECT id, account_id, language FROM users WHERE email = ?", CUST__MAX);
enum { DEPT_ID, DEPT__MAX };
static struct dbstmt q_department = DBSTMT_COLS(
    "SELECT id FROM departments WHERE slug = ?", DEPT__MAX);
enum { STAFF_ID, STAFF__MAX };
static struct dbstmt q_staff = DBSTMT_COLS(
    "SELECT id FROM users WHERE email = ? AND portal_role <> 'customer'",
    STAFF__MAX);

static unsigned
staff_id(const char *email)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	unsigned	 id = 0;

	a[0] = DBS(email);
	if (db_query(&q_staff, &res, 1, a) == DB_OK && res->nrows == 1)
		id = (unsigned)strtoul(dbres_get(res, 0, STAFF_ID), NULL, 10);
	dbres_free(res);
	return id;
}

static int
post(char *argv[], bool internal, const char *status)
{
	struct ticket_post	p;
	uint64_t		msg;
	int			e;

	memset(&p, 0, sizeof(p));
	p.ticket_id = (unsigned)strtoul(argv[1], NULL, 10);
	p.author_id = staff_id(argv[2]);
	p.author_kind = "staff";
	p.internal = internal;
	p.body = argv[3];
	p.source = "web";
	p.set_status = status != NULL ? ticket_status_of(status) : -1;
	if (status != NULL && p.set_status < 0) {
		fprintf(stderr, "mail_act: no status %s\n", status);
		return 1;
	}
	if (p.author_id == 0 || (e = ticket_post(&p, &msg)) != 0) {
		fprintf(stderr, "mail_act: post: %d\n", p.author_id ? e : -1);
		return 1;
	}
	printf("%llu\n", (unsigned long long)msg);
	return 0;
}

static int
create(char *argv[])
{
	struct ticket_new	 t;
	struct dbres		*res, *d;
	struct dbarg		 a[1];
	char			 ref[TICKET_REF_LEN + 1];
	unsigned		 id;
	uint64_t		 msg;
	int			 e = -1;

	a[0] = DBS(argv[1]);
	if (db_query(&q_customer, &res, 1, a) != DB_OK || res->nrows != 1)
		return 1;
	a[0] = DBS(argv[2]);
	if (db_query(&q_department, &d, 1, a) != DB_OK || d->nrows != 1)
		return 1;
	memset(&t, 0, sizeof(t));
	t.requester_id = (unsigned)strtoul(dbres_get(res, 0, CUST_ID), NULL, 10);
	t.account_id = (unsigned)strtoul(dbres_get(res, 0, CUST_ACCOUNT), NULL,
	    10);
	t.lang = dbres_get(res, 0, CUST_LANG);
	t.department_id = (unsigned)strtoul(dbres_get(d, 0, DEPT_ID), NULL, 10);
	t.priority = TICKET_NORMAL;
	t.subject = argv[3];
	t.body = argv[4];
	t.source = "web";
	if ((e = ticket_create(&t, &id, &msg, ref)) == 0)
		printf("%u\n", id);
	else
		fprintf(stderr, "mail_act: create: %d\n", e);
	dbres_free(res);
	dbres_free(d);
	return e != 0;
}

int
main(int argc, char *argv[])
{
	const char	*path = PORTICO_SYSCONFDIR "/portico.conf";
	char		 err[256];
	int		 ch, e = -1, s;

	while ((ch = getopt(argc, argv, "c:")) != -1)
		if (ch == 'c')
			path = optarg;
	argc -= optind;
	argv += optind;
	log_init("mail_act");
	conf = xcalloc(1, sizeof(*conf));
	if (conf_load(path, conf, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	if (argc == 5 && !strcmp(argv[0], "create"))
		return create(argv);
	if (argc == 4 && !strcmp(argv[0], "reply"))
		return post(argv, false, NULL);
	if ((argc == 4 || argc == 5) && !strcmp(argv[0], "note"))
		return post(argv, true, argc == 5 ? argv[4] : NULL);
	if (argc == 3 && !strcmp(argv[0], "status") &&
	    (s = ticket_status_of(argv[2])) >= 0)
		e = ticket_set_status((unsigned)strtoul(argv[1], NULL, 10), 0,
		    (enum ticket_status)s);
	else if (argc == 4 && !strcmp(argv[0], "merge"))
		e = ticket_merge((unsigned)strtoul(argv[1], NULL, 10),
		    staff_id(argv[3]), (unsigned)strtoul(argv[2], NULL, 10));
	else {
		fprintf(stderr, "usage: mail_act -c CONF create EMAIL DEPT "
		    "SUBJECT BODY | reply|note ID EMAIL BODY | note ID EMAIL BODY "
		    "STATUS | status ID STATUS "
		    "| merge FROM INTO EMAIL\n");
		return 2;
	}
	if (e != 0)
		fprintf(stderr, "mail_act: %d\n", e);
	return e != 0;
}
