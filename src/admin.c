/*
 * portico-admin: the administrator's command.
 *
 *   portico-admin [-c config] migrate [--status] [--dir DIR]
 *   portico-admin [-c config] check
 *   portico-admin [-c config] send-mail [--once]
 *   portico-admin [-c config] set-password EMAIL   (password on stdin)
 *   portico-admin [-c config] import-articles DIR
 *   portico-admin [-c config] reindex
 *   portico-admin [-c config] forum-index
 *   portico-admin [-c config] synonyms-add LANG "WORD, PHRASE, ..."
 *   portico-admin conf-keys
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "portico.h"

static NORETURN void
usage(void)
{
	fprintf(stderr,
	    "usage: portico-admin [-c config] migrate [--status] [--dir DIR]\n"
	    "       portico-admin [-c config] check\n"
	    "       portico-admin [-c config] send-mail [--once]\n"
	    "       portico-admin [-c config] set-password EMAIL < password\n"
	    "       portico-admin [-c config] import-articles DIR\n"
	    "       portico-admin [-c config] reindex\n"
	    "       portico-admin [-c config] forum-index\n"
	    "       portico-admin [-c config] synonyms-add LANG \"WORD, ...\"\n"
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

/* Rebuild the search index and the derived lists from the content
 * (after a restore, a bulk load, or on a node whose Mroonga tables are
 * not replicated). */
static int
cmd_reindex(const char *unused)
{
	size_t	n, nrel;
	int64_t	t0 = now_ms(), t1;

	if (search_reindex(&n) != DB_OK) {
		fprintf(stderr, "portico-admin: database: %s\n",
		    db_last_error());
		return 1;
	}
	t1 = now_ms();
	printf("search index rebuilt: %zu items (%.1f s)\n", n,
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
		return 1;
	}
	/* A migration or a reindex may rightly take minutes. */
	db_patient = true;
	if (!strcmp(argv[0], "migrate") || !strcmp(argv[0], "import-articles")
	    || !strcmp(argv[0], "reindex"))
		conf_use_admin_db(conf);
	if (!strcmp(argv[0], "migrate"))
		rc = cmd_migrate(argc, argv);
	else if (!strcmp(argv[0], "check") && argc == 1)
		rc = cmd_check();
	else if (!strcmp(argv[0], "send-mail") && argc <= 2 &&
	    (argc == 1 || !strcmp(argv[1], "--once")))
		rc = mail_send_due(argc == 2);
	else if (!strcmp(argv[0], "import-articles") && argc == 2)
		rc = cmd_with_db(argv[1], import_articles);
	else if (!strcmp(argv[0], "reindex") && argc == 1)
		rc = cmd_with_db(NULL, cmd_reindex);
	else if (!strcmp(argv[0], "forum-index") && argc == 1)
		rc = cmd_with_db(NULL, cmd_forum_index);
	else if (!strcmp(argv[0], "synonyms-add") && argc == 3)
		rc = cmd_synonyms_add(argv[1], argv[2]);
	else if (!strcmp(argv[0], "set-password") && argc == 2)
		rc = cmd_set_password(argv[1]);
	else
		usage();
	db_disconnect();
	conf_free(conf);
	free(conf);
	return rc;
}
