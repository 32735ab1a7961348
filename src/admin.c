/*
 * portico-admin: the administrator's command.
 *
 *   portico-admin [-c config] migrate [--status] [--dir DIR]
 *   portico-admin [-c config] check
 *   portico-admin [-c config] send-mail [--once]
 *   portico-admin [-c config] mail-in [--recipient ADDRESS]  (a mail on stdin)
 *   portico-admin [-c config] sla-tick
 *   portico-admin [-c config] set-password EMAIL   (password on stdin)
 *   portico-admin [-c config] import-articles DIR
 *   portico-admin [-c config] reindex
 *   portico-admin [-c config] search-sync [--follow | --full]
 *   portico-admin [-c config] popular
 *   portico-admin [-c config] billing-tick
 *   portico-admin [-c config] ticket-reports [WEEKS]
 *   portico-admin [-c config] forum-index
 *   portico-admin [-c config] synonyms-add LANG "WORD, PHRASE, ..."
 *   portico-admin [-c config] tickets-refresh
 *   portico-admin [-c config] billing-import FILE...
 *   portico-admin [-c config] billing-import --from-staging
 *   portico-admin conf-keys
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "portico.h"

static NORETURN void
usage(void)
{
	fprintf(stderr,
	    "usage: portico-admin [-c config] migrate [--status] [--dir DIR]\n"
	    "       portico-admin [-c config] check\n"
	    "       portico-admin [-c config] send-mail [--once]\n"
	    "       portico-admin [-c config] mail-in [--recipient ADDR] < mail\n"
	    "       portico-admin [-c config] sla-tick\n"
	    "       portico-admin [-c config] set-password EMAIL < password\n"
	    "       portico-admin [-c config] import-articles DIR\n"
	    "       portico-admin [-c config] reindex\n"
	    "       portico-admin [-c config] search-sync [--follow | --full]\n"
	    "       portico-admin [-c config] popular\n"
	    "       portico-admin [-c config] billing-tick\n"
	    "       portico-admin [-c config] ticket-reports [WEEKS]\n"
	    "       portico-admin [-c config] forum-index\n"
	    "       portico-admin [-c config] synonyms-add LANG \"WORD, ...\"\n"
	    "       portico-admin [-c config] tickets-refresh\n"
	    "       portico-admin [-c config] billing-import FILE.csv|FILE.jsonl...\n"
	    "       portico-admin [-c config] billing-import --from-staging\n"
	    "       portico-admin conf-keys\n"
	    "       portico-admin catalogs THEMES_DIR\n");
	exit(2);
}

static int
cmd_migrate(int argc, char *argv[])
{
	const char	*dir = conf->sql_dir;
	bool		 status = false;
	int		 i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--status"))
			status = true;
		else if (!strcmp(argv[i], "--dir") && i + 1 < argc)
			dir = argv[++i];
		else
			usage();
	}
	if (db_connect() != DB_OK) {
		fprintf(stderr, "portico-admin: cannot reach the database: "
		    "%s\n", db_last_error());
		return 1;
	}
	return migrate_run(dir, status);
}

/*
 * Load every catalog of dir/i18n as the workers do: well-formed, no key
 * twice, known digits, and each plural message with exactly the
 * forms its language's plural rule has.  0, or 1 naming what is wrong.
 */
static int
cmd_catalogs(const char *dir)
{
	char	err[4096];

	if (i18n_load(dir, "", "en", err, sizeof(err)) == -1) {
		fprintf(stderr, "portico-admin: %s\n", err);
		return 1;
	}
	printf("%zu catalogs: good\n", i18n_count());
	i18n_release();
	return 0;
}

static int
cmd_check(void)
{
	char	err[4096];

	if (theme_init(conf->themes_dir, err, sizeof(err)) == -1 ||
	    i18n_load(conf->themes_dir, conf->languages,
	    conf->default_language, err, sizeof(err)) == -1 ||
	    theme_load(conf->themes_dir, conf->theme, err, sizeof(err)) == -1) {
		fprintf(stderr, "portico-admin: %s\n", err);
		return 1;
	}
	printf("config, %zu catalogs and theme \"%s\": good\n", i18n_count(),
	    conf->theme);
	if (db_connect() != DB_OK) {
		fprintf(stderr, "portico-admin: database: %s\n",
		    db_last_error());
		return 1;
	}
	printf("database: reachable\n");
	return 0;
}

/*
 * Set a user's password from the first line of standard input (for
 * closed registration and for the demo): the same policy as the portal,
 * every session of the user ended, outstanding tokens voided, audited.
 */
static int
cmd_set_password(const char *arg)
{
	struct req		*r = req_new();
	struct account_user	 u;
	char			 pw[2048], *email, *nl;
	const char		*why;
	bool			 found;
	int			 rc = 1;

	email = email_normalize(r->arena, arg);
	if (fgets(pw, sizeof(pw), stdin) == NULL) {
		fprintf(stderr, "portico-admin: no password on stdin\n");
		goto out;
	}
	if ((nl = strchr(pw, '\n')) != NULL)
		*nl = '\0';
	if (user_by_email(r, email, &u, &found) != DB_OK) {
		fprintf(stderr, "portico-admin: database: %s\n",
		    db_last_error());
		goto out;
	}
	if (!found) {
		fprintf(stderr, "portico-admin: no user %s\n", email);
		goto out;
	}
	if ((why = password_policy(pw, email)) != NULL) {
		fprintf(stderr, "portico-admin: password refused: %s\n", why);
		goto out;
	}
	if (user_set_password(u.id, pw) != DB_OK || tokens_void(u.id) != DB_OK ||
	    session_end_others(r, u.id) != DB_OK) {
		fprintf(stderr, "portico-admin: database: %s\n",
		    db_last_error());
		goto out;
	}
	audit(r, "password-set-by-admin", u.id, u.account_id, "%s", "");
	printf("password set for %s\n", email);
	rc = 0;
out:
	explicit_bzero(pw, sizeof(pw));
	req_free(r);
	return rc;
}

/* Index the community's topics (after loading topics in bulk, such as
 * the demo's); reindex does it with everything else. */
static int
cmd_forum_index(const char *unused)
{
	size_t	n;

	if (search_reindex_topics(&n) != DB_OK) {
		fprintf(stderr, "portico-admin: database: %s\n",
		    db_last_error());
		return 1;
	}
	printf("community topics indexed: %zu\n", n);
	return 0;
}

/*
 * This node's copy of the search index brought up to date with the
 * replicated documents: once (catch up) or rebuilt (--full); --follow,
 * the indexer beside each node of a cluster, is search_sync_follow().
 */
static int
cmd_search_sync(const char *mode)
{
	uint64_t	n = 0;
	int		e;

	if (mode != NULL && !strcmp(mode, "--full"))
		e = search_sync_full(&n);
	else
		e = search_sync_catch_up(&n);
	if (e != DB_OK) {
		fprintf(stderr, "portico-admin: database: %s\n",
		    db_last_error());
		return 1;
	}
	printf("search index on this node: %" PRIu64 " documents %s\n", n,
	    mode != NULL ? "copied" : "applied");
	return 0;
}

/* Score the articles again for the home page's popular list: run
 * hourly (conf/portico.cron, conf/portico-popular.timer). */
static int
cmd_popular(const char *unused)
{
	size_t	n;

	(void)unused;
	if (derived_popular(&n) != DB_OK) {
		fprintf(stderr, "portico-admin: database: %s\n",
		    db_last_error());
		return 1;
	}
	printf("popular articles scored: %zu list rows changed\n", n);
	return 0;
}

/* Mark the open invoices whose due date has passed overdue: run every
 * few minutes (conf/portico.cron), so the change follows the provider's
 * midnight closely; safe on several hosts at once. */
static int
cmd_billing_tick(const char *unused)
{
	uint64_t	n;

	(void)unused;
	if (ledger_overdue_tick(&n) != DB_OK) {
		fprintf(stderr, "portico-admin: database: %s\n",
		    db_last_error());
		return 1;
	}
	printf("invoices now overdue: %llu\n", (unsigned long long)n);
	return 0;
}

/* Compute the staff ticket reports' past weeks again (12 unless told):
 * run nightly, as answers and resolutions come in for earlier weeks. */
static int
cmd_ticket_reports(const char *arg)
{
	size_t	n;
	long	weeks = arg != NULL ? strtol(arg, NULL, 10) : 12;
	int	e;

	if (weeks < 1 || weeks > 520) {
		fprintf(stderr, "portico-admin: weeks: 1 to 520\n");
		return 1;
	}
	if ((e = ticket_reports_derive(weeks, &n)) != DB_OK) {
		fprintf(stderr, "portico-admin: database: %s\n",
		    db_last_error());
		return 1;
	}
	printf("ticket reports: %zu rows for the %ld weeks before this one\n",
	    n, weeks);
	return 0;
}

/* tickets: customer.  The tickets still open, a batch after id. */
enum { OT_ID, OT__MAX };
static struct dbstmt q_open_tickets = DBSTMT_COLS(
    "SELECT id FROM tickets WHERE id > ? AND status <> 'closed' "
    "ORDER BY id LIMIT 500", OT__MAX);

/*
 * Recompute the due times of every ticket not closed, through the
 * ticket model (after a bulk load, or a calendar or policy changed
 * outside the staff pages); its customer hears of a moved one.  Then
 * count the tickets again (the list's and the queue's counts).
 */
static int
cmd_tickets_refresh(const char *unused)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	uint64_t	 rows;
	unsigned	 last = 0;
	size_t		 i, n = 0;
	int		 e;

	do {
		a[0] = DBI(last);
		if ((e = db_query(&q_open_tickets, &res, 1, a)) != DB_OK)
			break;
		for (i = 0; i < res->nrows && e == 0; i++) {
			last = (unsigned)strtoul(dbres_get(res, i, OT_ID),
			    NULL, 10);
			if ((e = ticket_due_refresh(last)) == 0)
				n++;
		}
		i = res->nrows;
		dbres_free(res);
	} while (e == 0 && i > 0);
	if (e != 0) {
		fprintf(stderr, "portico-admin: ticket %u: error %d (%s)\n",
		    last, e, db_last_error());
		return 1;
	}
	printf("due times recomputed: %zu tickets\n", n);
	if ((e = ticket_recount(&rows)) != DB_OK) {
		fprintf(stderr, "portico-admin: counting the tickets: error %d "
		    "(%s)\n", e, db_last_error());
		return 1;
	}
	printf("tickets counted again: %llu count rows\n",
	    (unsigned long long)rows);
	return 0;
}

/* Rebuild the search index and the derived lists from the content
 * (after a restore, a bulk load, or on a node whose Mroonga tables are
 * not replicated). */
static int
cmd_reindex(const char *unused)
{
	size_t		n, nrel, nideas, ntickets;
	uint64_t	gone = 0;
	char		mark[SEARCH_MARK_LEN];
	int64_t		t0 = now_ms(), t1;

	if (search_reindex_begin(mark) != DB_OK ||
	    search_reindex(&n) != DB_OK || idea_reindex(&nideas) != DB_OK ||
	    ticket_reindex(&ntickets) != DB_OK ||
	    search_reindex_end(mark, &gone) != DB_OK) {
		fprintf(stderr, "portico-admin: database: %s\n",
		    db_last_error());
		return 1;
	}
	t1 = now_ms();
	printf("search index rebuilt: %zu items and topics, %zu ideas, "
	    "%zu tickets, %" PRIu64 " removed (%.1f s)\n", n, nideas,
	    ntickets, gone,
	    (double)(t1 - t0) / 1000);
	if (derived_rebuild(&nrel) != DB_OK) {
		fprintf(stderr, "portico-admin: database: %s\n",
		    db_last_error());
		return 1;
	}
	printf("lists and related articles rebuilt: %zu articles (%.1f s)\n",
	    nrel, (double)(now_ms() - t1) / 1000);
	return 0;
}

/* Add a synonym set, as /staff/search/synonyms does (the demo's). */
static int
cmd_synonyms_add(const char *lang, const char *members)
{
	struct arena	*a;
	const char	*why;
	int		 e;

	if (!content_lang_valid(lang)) {
		fprintf(stderr, "portico-admin: %s: not a content language\n",
		    lang);
		return 2;
	}
	if (db_connect() != DB_OK) {
		fprintf(stderr, "portico-admin: cannot reach the database: "
		    "%s\n", db_last_error());
		return 1;
	}
	a = arena_new();
	e = synonyms_add(a, lang, members, 0, &why);
	arena_free(a);
	if (e != DB_OK) {
		fprintf(stderr, "portico-admin: database: %s\n",
		    db_last_error());
		return 1;
	}
	if (why != NULL) {
		fprintf(stderr, "portico-admin: %s: %s\n", members, why);
		return 1;
	}
	printf("synonyms added (%s): %s\n", lang, members);
	return 0;
}

/* Billing history from files or the staging table (billing_import.c). */
static int
cmd_billing_import(int argc, char *argv[])
{
	if (argc < 2)
		usage();
	if (db_connect() != DB_OK) {
		fprintf(stderr, "portico-admin: cannot reach the database: "
		    "%s\n", db_last_error());
		return BILLING_IMPORT_FAILED;
	}
	if (!strcmp(argv[1], "--from-staging")) {
		if (argc != 2)
			usage();
		return billing_import_staging();
	}
	if (argv[1][0] == '-')
		usage();
	return billing_import_files(argv + 1, (size_t)(argc - 1));
}

static int
cmd_with_db(const char *arg, int (*fn)(const char *))
{
	if (db_connect() != DB_OK) {
		fprintf(stderr, "portico-admin: cannot reach the database: "
		    "%s\n", db_last_error());
		return 1;
	}
	return fn(arg);
}

int
main(int argc, char *argv[])
{
	const char	*path = PORTICO_SYSCONFDIR "/portico.conf";
	char		 err[4096];
	int		 ch, rc;

	log_init("portico-admin");
	while ((ch = getopt(argc, argv, "+c:")) != -1) {
		if (ch == 'c')
			path = optarg;
		else
			usage();
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	if (!strcmp(argv[0], "conf-keys")) {
		conf_usage(stdout);
		return 0;
	}
	if (!strcmp(argv[0], "catalogs") && argc == 2)
		return cmd_catalogs(argv[1]);
	conf = xcalloc(1, sizeof(*conf));
	if (conf_load(path, conf, err, sizeof(err)) == -1) {
		fprintf(stderr, "portico-admin: %s\n", err);
		/* An MTA keeps the mail and tries again later. */
		return !strcmp(argv[0], "mail-in") ? EX_TEMPFAIL : 1;
	}
	/* Ticket notices become mail in the sender's every round. */
	mail_outbox = notices_run;
	/* A migration or a reindex may rightly take minutes. */
	db_patient = true;
	if (!strcmp(argv[0], "migrate") || !strcmp(argv[0], "import-articles")
	    || !strcmp(argv[0], "reindex") ||
	    !strcmp(argv[0], "search-sync") ||
	    !strcmp(argv[0], "billing-import"))
		conf_use_admin_db(conf);
	if (!strcmp(argv[0], "migrate"))
		rc = cmd_migrate(argc, argv);
	else if (!strcmp(argv[0], "check") && argc == 1)
		rc = cmd_check();
	else if (!strcmp(argv[0], "send-mail") && argc <= 2 &&
	    (argc == 1 || !strcmp(argv[1], "--once")))
		rc = mail_send_due(argc == 2);
	else if (!strcmp(argv[0], "mail-in") && (argc == 1 || (argc == 3 &&
	    !strcmp(argv[1], "--recipient"))))
		rc = mailin_run(0, argc == 3 ? argv[2] : NULL);
	else if (!strcmp(argv[0], "sla-tick") && argc == 1)
		rc = slatick_run();
	else if (!strcmp(argv[0], "import-articles") && argc == 2)
		rc = cmd_with_db(argv[1], import_articles);
	else if (!strcmp(argv[0], "reindex") && argc == 1)
		rc = cmd_with_db(NULL, cmd_reindex);
	else if (!strcmp(argv[0], "popular") && argc == 1)
		rc = cmd_with_db(NULL, cmd_popular);
	else if (!strcmp(argv[0], "billing-tick") && argc == 1)
		rc = cmd_with_db(NULL, cmd_billing_tick);
	else if (!strcmp(argv[0], "ticket-reports") && argc <= 2)
		rc = cmd_with_db(argc == 2 ? argv[1] : NULL, cmd_ticket_reports);
	else if (!strcmp(argv[0], "tickets-refresh") && argc == 1)
		rc = cmd_with_db(NULL, cmd_tickets_refresh);
	else if (!strcmp(argv[0], "search-sync") && (argc == 1 || (argc == 2
	    && (!strcmp(argv[1], "--follow") || !strcmp(argv[1], "--full")))))
		rc = argc == 2 && !strcmp(argv[1], "--follow") ?
		    search_sync_follow() :
		    cmd_with_db(argc == 2 ? argv[1] : NULL, cmd_search_sync);
	else if (!strcmp(argv[0], "forum-index") && argc == 1)
		rc = cmd_with_db(NULL, cmd_forum_index);
	else if (!strcmp(argv[0], "synonyms-add") && argc == 3)
		rc = cmd_synonyms_add(argv[1], argv[2]);
	else if (!strcmp(argv[0], "billing-import"))
		rc = cmd_billing_import(argc, argv);
	else if (!strcmp(argv[0], "set-password") && argc == 2)
		rc = cmd_set_password(argv[1]);
	else
		usage();
	db_disconnect();
	conf_free(conf);
	free(conf);
	return rc;
}
