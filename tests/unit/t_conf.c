/* Unit tests: the configuration file. */
#include "config.h"

#include <unistd.h>

#include "portico.h"
#include "tap.h"

static char	path[] = "/tmp/t_conf.XXXXXX";

static int
load(const char *text, struct conf *c, char *err, size_t errlen)
{
	FILE	*f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
	return conf_load(path, c, err, errlen);
}

int
main(void)
{
	struct conf	c;
	char		err[512];
	int		fd = mkstemp(path);

	close(fd);
	ok(conf_load(NULL, &c, err, sizeof(err)) == 0 && c.workers == 4 &&
	    !strcmp(c.theme, "default") && c.socket_mode == 0660,
	    "defaults");
	conf_free(&c);
	ok(load("# comment\n\n  workers = 7  \ntheme=example\n"
	    "development = yes\nsocket_mode = 0600\n"
	    "site_url = https://help.example\n", &c, err, sizeof(err)) == 0,
	    "a valid file loads");
	ok(c.workers == 7 && !strcmp(c.theme, "example") && c.development &&
	    c.socket_mode == 0600 && c.https, "values taken (https from url)");
	conf_free(&c);
	ok(load("workers = 2\nwrokers = 3\n", &c, err, sizeof(err)) == -1 &&
	    strstr(err, ":2:") && strstr(err, "wrokers"),
	    "unknown key named with its line: %s", err);
	ok(load("workers = many\n", &c, err, sizeof(err)) == -1 &&
	    strstr(err, "workers"), "a word for a number: %s", err);
	ok(load("workers = 0\n", &c, err, sizeof(err)) == -1,
	    "a number below its range");
	ok(load("development = maybe\n", &c, err, sizeof(err)) == -1,
	    "not a yes/no");
	ok(load("just words\n", &c, err, sizeof(err)) == -1 &&
	    strstr(err, ":1:"), "a line without '='");
	ok(load("site_url = ftp://x\n", &c, err, sizeof(err)) == -1,
	    "site_url must be http or https");
	ok(load("db_user = worker\ndb_password = w\n", &c, err,
	    sizeof(err)) == 0, "no admin_db_user");
	conf_use_admin_db(&c);
	ok(!strcmp(c.db_user, "worker") && !strcmp(c.db_password, "w"),
	    "without admin_db_user, portico-admin uses db_user");
	conf_free(&c);
	ok(load("db_user = worker\ndb_password = w\nadmin_db_user = boss\n"
	    "admin_db_password = b\n", &c, err, sizeof(err)) == 0,
	    "admin_db_user loads");
	ok(!strcmp(c.db_user, "worker"), "the workers keep db_user");
	conf_use_admin_db(&c);
	ok(!strcmp(c.db_user, "boss") && !strcmp(c.db_password, "b"),
	    "portico-admin's schema commands use admin_db_user");
	conf_free(&c);
	ok(load("page_cache_dir = /var/cache/portico\n", &c, err,
	    sizeof(err)) == -1, "page_cache_dir is gone: nothing to empty");
	ok(load("page_cache_seconds = 60\n", &c, err, sizeof(err)) == 0 &&
	    c.page_cache_check_seconds == 2 && c.loaded_us > 0,
	    "page_cache_check_seconds defaults to 2; the load time is kept");
	conf_free(&c);
	ok(conf_load("/nonexistent/portico.conf", &c, err, sizeof(err)) == -1
	    && strstr(err, "/nonexistent"), "a missing file is named");
	unlink(path);
	return tap_done();
}
