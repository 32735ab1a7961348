/*
 * portico-fcgi: the FastCGI worker pool.
 *
 *   portico-fcgi [-t] [-c config] [-p pidfile]
 *
 * -t checks the config, the catalogs and the theme, then exits.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "portico.h"
#include "pool.h"

static NORETURN void
usage(void)
{
	fprintf(stderr, "usage: portico-fcgi [-t] [-c config] [-p pidfile]\n");
	exit(2);
}

/* Load everything a worker needs from the config; exits on error. */
static void
startup(const char *path)
{
	char	err[4096];

	conf = xcalloc(1, sizeof(*conf));
	if (conf_load(path, conf, err, sizeof(err)) == -1)
		log_fatalx("%s", err);
	/* Before any other libxml2 call. */
	if (xmlmem_init(conf->development) == -1)
		log_warn("request-scoped XML memory unavailable, using malloc");
	if (conf->log_file[0] != '\0' &&
	    freopen(conf->log_file, "a", stderr) == NULL)
		log_fatal("%s", conf->log_file);
	if (theme_init(conf->themes_dir, err, sizeof(err)) == -1 ||
	    i18n_load(conf->themes_dir, conf->languages,
	    conf->default_language, err, sizeof(err)) == -1 ||
	    theme_load(conf->themes_dir, conf->theme, err, sizeof(err)) == -1)
		log_fatalx("%s", err);
	multipart_init();
	totp_init();
	if (password_dummy_init() == -1)
		log_fatalx("argon2: cannot make the dummy hash");
}

int
main(int argc, char *argv[])
{
	const char	*path = PORTICO_SYSCONFDIR "/portico.conf";
	const char	*pidfile = NULL;
	char		 err[512];
	bool		 test = false;
	FILE		*f;
	int		 ch, fd, rc;

	log_init("portico-fcgi");
	while ((ch = getopt(argc, argv, "c:p:t")) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'p':
			pidfile = optarg;
			break;
		case 't':
			test = true;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	startup(path);
	if (test) {
		printf("%s: configuration, catalogs (%zu languages) and theme "
		    "\"%s\" are good\n", path, i18n_count(), conf->theme);
		return 0;
	}
	if ((fd = listen_open(conf, err, sizeof(err))) == -1)
		log_fatalx("%s", err);
	if (pidfile != NULL) {
		if ((f = fopen(pidfile, "w")) == NULL)
			log_fatal("%s", pidfile);
		fprintf(f, "%d\n", (int)getpid());
		fclose(f);
	}
	rc = pool_run(fd, path);
	if (pidfile != NULL)
		unlink(pidfile);
	return rc;
}
